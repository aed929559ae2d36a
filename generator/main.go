// Command generator builds the Terre de talents site.
//
//	go run ./generator build [-source DIR] [-destination DIR] [-drafts] [-baseURL URL]
//	go run ./generator check [-source DIR] [-drafts] [-strict] [-format text|json]
//	go run ./generator new <entreprise|formation|reussite|page> "Titre"
//	go run ./generator serve [-source DIR] [-bind 127.0.0.1] [-port 1313] [-drafts]
//
// Exit status: 0 success, 1 content errors, 2 wrong usage, 130 interrupted
// before the new site was put in place (the previous one is intact; an
// interrupt after that point lets the build end with 0).
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"sync"
	"sync/atomic"
	"syscall"

	"terredetalents/generator/diag"
	"terredetalents/generator/images"
	"terredetalents/generator/parse"
	"terredetalents/generator/write"
)

// Exit statuses.
const (
	exitOK      = 0
	exitContent = 1
	exitUsage   = 2

	exitInterrupted = 130 // interrupted before the swap: the previous output is intact
)

const usage = `Utilisation : generator <commande> [options]

Commandes :
  build   construit le site dans public/ (ou -destination)
  check   vérifie tout le contenu sans rien écrire
  serve   affiche le site dans le navigateur et le met à jour à chaque enregistrement
  new     crée une page à remplir : new entreprise "Atelier Lainier du Nord"

Lancez « generator <commande> -h » pour les options d'une commande.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes one command and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "build":
		return cmdBuild(args[1:], stdout, stderr)
	case "check":
		return cmdCheck(args[1:], stdout, stderr)
	case "new":
		return cmdNew(args[1:], stdout, stderr)
	case "serve":
		return cmdServe(args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "commande inconnue « %s ».\n\n%s", args[0], usage)
	return exitUsage
}

func newFlagSet(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Utilisation : generator %s\n\nOptions :\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

func cmdBuild(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("build", "build [-source DOSSIER] [-destination DOSSIER] [-drafts] [-baseURL URL]", stderr)
	source := fs.String("source", ".", "dossier du site (celui qui contient site.toml et content/)")
	dest := fs.String("destination", "", "dossier où écrire le site (par défaut : public/ dans le dossier du site)")
	drafts := fs.Bool("drafts", false, "publier aussi les brouillons et les pages datées dans le futur")
	baseURL := fs.String("baseURL", "", "adresse du site publié, à la place de celle de site.toml")
	verbose := fs.Bool("v", false, "afficher la durée de chaque étape")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *dest == "" {
		*dest = filepath.Join(*source, "public")
	}
	if *baseURL != "" {
		// The same rules as baseURL in site.toml.
		if problem := parse.CheckBaseURL(*baseURL); problem != "" {
			fmt.Fprintf(stderr, "-baseURL « %s » invalide : %s.\n", *baseURL, problem)
			return exitUsage
		}
	}
	opts, code, ok := options(*source, *drafts, *baseURL, stderr)
	if !ok {
		return code
	}
	if err := write.CheckDestination(*source, *dest); err != nil {
		fmt.Fprintf(stderr, "destination refusée : %v\n", err)
		return exitUsage
	}
	_, statErr := os.Stat(*dest)
	hadSite := statErr == nil
	unchanged := "le site publié précédent est intact"
	if !hadSite {
		unchanged = "rien n'a été publié dans " + *dest
	}
	// The interrupt handler and the end of the build take turns on swap.
	// An interrupt before the end of the build removes the staging folder
	// and ends the run with status 130, the previous output intact. Once
	// the build has ended, the run decides alone: a failed build keeps
	// swap and exits with 1; a complete one is put in place, and an
	// interrupt that comes during or after the swap is answered by saying
	// that the new site is published, with status 0. The destination is
	// always a whole site, the old one or the new one.
	var (
		swap        sync.Mutex
		stage       *write.Staging
		interrupted atomic.Bool
		reported    bool // the run said that the interrupt came too late
	)
	tooLate := func() {
		if !reported {
			reported = true
			fmt.Fprintf(stderr, "interruption reçue après la mise en place : le nouveau site est publié dans %s.\n", *dest)
		}
	}
	interrupt := make(chan os.Signal, 1)
	signal.Notify(interrupt, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(interrupt)
	go func() {
		if _, ok := <-interrupt; !ok {
			return
		}
		interrupted.Store(true)
		swap.Lock()
		if stage == nil || !stage.Committed() {
			if stage != nil {
				stage.Abort()
			}
			fmt.Fprintf(stderr, "construction interrompue : %s.\n", unchanged)
			os.Exit(exitInterrupted)
		}
		tooLate()
		swap.Unlock()
	}()
	swap.Lock()
	stage, err := write.NewStaging(*dest)
	if err != nil {
		if errors.Is(err, write.ErrDiskFull) {
			fmt.Fprintln(stderr, diskFullMessage(*dest, hadSite))
		} else {
			fmt.Fprintf(stderr, "%v\n", err)
		}
		return exitContent // swap is kept: the run ends here
	}
	swap.Unlock()
	testHooks(stage)
	if info, err := os.Stat(*dest); err == nil && info.IsDir() {
		opts.Previous = os.DirFS(*dest).(images.Previous) // resized images made last time
	}
	opts.Stages = &stageTimings{}
	if isTerminal(stderr) {
		opts.Stages.progress = stderr
	}
	record := &recordRun{Dest: stage.Dest()}
	opts.Record = record
	_, err = os.Stat(recordFile(stage.Dest()))
	opts.FirstBuild = err != nil // no earlier build left a record here
	diags := &diag.List{}
	site := pipeline(os.DirFS(*source), opts, stage, diags)
	if !stage.DiskFull() && !stage.Tidy() {
		// The previous tree, recycled as the staging folder, held a file
		// that could not be replaced: build again in a new folder.
		if err := stage.Restart(); err != nil {
			fmt.Fprintf(stderr, "%v\n", err)
			stage.Abort()
			return exitContent
		}
		diags = &diag.List{}
		site = pipeline(os.DirFS(*source), opts, stage, diags)
	}
	testHook("before-commit")
	// From here on, swap is released only once the new site is in place.
	swap.Lock()
	if stage.DiskFull() {
		// One line for the full disk, not one per file that could not
		// be written.
		stage.Abort()
		removeRecord(stage.Dest()) // its megabytes too: the next build renders every page
		printExcept(stderr, diags, "write")
		fmt.Fprintln(stderr, diskFullMessage(*dest, hadSite))
		return exitContent
	}
	diags.Print(stderr)
	if diags.HasErrors() {
		stage.Abort()
		fmt.Fprintf(stderr, "%s : le site n'a pas été construit, %s est inchangé. Corrigez les lignes ci-dessus puis relancez.\n", diags.Summary(), *dest)
		return exitContent
	}
	opts.Stages.start("mise en place")
	err = stage.Commit()
	var cleanup *write.CleanupError
	switch {
	case errors.As(err, &cleanup):
		fmt.Fprintf(stderr, "attention : %v\n", err)
	case errors.Is(err, write.ErrDiskFull):
		stage.Abort()
		removeRecord(stage.Dest())
		fmt.Fprintln(stderr, diskFullMessage(*dest, hadSite))
		return exitContent
	case err != nil:
		stage.Abort()
		fmt.Fprintf(stderr, "%v ; %s.\n", err, unchanged)
		return exitContent
	}
	if interrupted.Load() {
		tooLate()
	}
	swap.Unlock()
	testHook("committed")
	if record.Next != nil {
		// Without it the next build renders every page again: nothing else.
		_ = writeRecord(stage.Dest(), record.Next)
	}
	opts.Stages.start("")
	if *verbose {
		opts.Stages.table(stdout)
		fmt.Fprintf(stdout, "Pages refaites : %s ; reprises telles quelles de la construction précédente : %s.\n", groupDigits(int64(record.Rendered)), groupDigits(int64(record.Kept)))
	}
	fmt.Fprintf(stdout, "Site construit dans %s : %s pages publiées (%s).\n", *dest, groupDigits(int64(len(site.Pages)+1)), diags.Summary())
	return exitOK
}

// diskFullMessage is the one line a build prints when the disk is full.
func diskFullMessage(dest string, hadSite bool) string {
	if hadSite {
		return fmt.Sprintf("disque plein : le nouveau site n'a pas pu être écrit, le site publié précédent est intact dans %s. Libérez de la place sur ce disque puis relancez.", dest)
	}
	return fmt.Sprintf("disque plein : le site n'a pas pu être écrit, rien n'a été publié dans %s. Libérez de la place sur ce disque puis relancez.", dest)
}

// printExcept prints the diagnostics whose code is not code.
func printExcept(w io.Writer, diags *diag.List, code string) {
	for _, d := range diags.Items() {
		if d.Code != code {
			fmt.Fprintln(w, d.String())
		}
	}
}

func cmdCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("check", "check [-source DOSSIER] [-drafts] [-strict] [-format text|json]", stderr)
	source := fs.String("source", ".", "dossier du site (celui qui contient site.toml et content/)")
	drafts := fs.Bool("drafts", false, "vérifier le site tel qu'il serait publié avec les brouillons")
	strict := fs.Bool("strict", false, "échouer aussi sur les avertissements")
	format := fs.String("format", "text", "text (une ligne par problème) ou json (pour les éditeurs)")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "format « %s » inconnu : choisissez text ou json.\n", *format)
		return exitUsage
	}
	opts, code, ok := options(*source, *drafts, "", stderr)
	if !ok {
		return code
	}
	var diags diag.List
	pipeline(os.DirFS(*source), opts, discard{}, &diags)
	errs, warns := diags.Count()
	failed := errs > 0 || (*strict && warns > 0)
	if *format == "json" {
		if err := writeFindings(stdout, diags.Items()); err != nil {
			fmt.Fprintln(stderr, err)
		}
	} else {
		diags.Print(stderr)
		if failed {
			fmt.Fprintf(stderr, "%s : corrigez les lignes ci-dessus avant de publier.\n", diags.Summary())
		} else {
			fmt.Fprintf(stdout, "Tout est en ordre (%s).\n", diags.Summary())
		}
	}
	if failed {
		return exitContent
	}
	return exitOK
}

// finding is one diagnostic as "check -format json" prints it, for editor
// integrations. The field names are a stable interface.
type finding struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Message  string `json:"message"`
}

// writeFindings prints the diagnostics as a JSON array, sorted.
func writeFindings(w io.Writer, items []diag.Diagnostic) error {
	out := make([]finding, len(items))
	for i, d := range items {
		out[i] = finding{d.Pos.File, d.Pos.Line, d.Pos.Col, d.Severity.String(), d.Code, d.Msg}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// isTerminal reports whether w is a terminal, where progress can be shown
// and rewritten in place.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// parseFlags parses a command's flags; extra arguments are a usage error.
func parseFlags(fs *flag.FlagSet, args []string) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, false
		}
		return exitUsage, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "argument inattendu « %s ».\n", fs.Arg(0))
		fs.Usage()
		return exitUsage, false
	}
	return 0, true
}

// options checks the site folder and fixes the build's "now".
func options(source string, drafts bool, baseURL string, stderr io.Writer) (pipelineOptions, int, bool) {
	info, err := os.Stat(source)
	if err != nil || !info.IsDir() {
		fmt.Fprintf(stderr, "dossier du site « %s » introuvable : indiquez avec -source le dossier qui contient site.toml et content/.\n", source)
		return pipelineOptions{}, exitUsage, false
	}
	if _, err := os.Stat(filepath.Join(source, "content")); err != nil {
		fmt.Fprintf(stderr, "pas de dossier content/ dans « %s » : lancez la commande depuis le dossier du site, ou indiquez-le avec -source.\n", source)
		return pipelineOptions{}, exitUsage, false
	}
	t, err := now()
	if err != nil {
		fmt.Fprintf(stderr, "%v\n", err)
		return pipelineOptions{}, exitUsage, false
	}
	return pipelineOptions{Drafts: drafts, BaseURL: baseURL, Now: t}, 0, true
}
