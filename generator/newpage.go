package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"text/template"
	"time"
	"unicode/utf8"

	"terredetalents/generator/content"
	"terredetalents/generator/diag"
	"terredetalents/generator/edit"
	"terredetalents/generator/parse"
)

// newKind is what the staff type after "new": the archetype's name and
// the folder of the page.
type newKind struct {
	Name    string // archetype name, as typed
	Section string // folder under content/, "" for a plain page
}

// newKinds are the registered sections' names, then "page".
func newKinds() []newKind {
	var out []newKind
	for _, d := range content.Sections() {
		if d.New != "" {
			out = append(out, newKind{d.New, d.Name})
		}
	}
	return append(out, newKind{"page", ""})
}

// newChoices is "entreprise|formation|…|page", for the usage line.
func newChoices() string {
	var names []string
	for _, k := range newKinds() {
		names = append(names, k.Name)
	}
	return strings.Join(names, "|")
}

func newUsage() string {
	return `Utilisation : generator new [-source DOSSIER] <` + newChoices() + `> "Titre de la page"

Crée la page avec les champs à remplir, marqués « À COMPLÉTER ».
Exemple : generator new entreprise "Atelier Lainier du Nord"
`
}

func cmdNew(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("new", `new [-source DOSSIER] <`+newChoices()+`> "Titre"`, stderr)
	fs.Usage = func() { fmt.Fprint(stderr, newUsage()) }
	source := fs.String("source", ".", "dossier du site (celui qui contient site.toml et content/)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() != 2 {
		fmt.Fprint(stderr, newUsage())
		return exitUsage
	}
	kind, title := fs.Arg(0), strings.TrimSpace(fs.Arg(1))
	today, err := now()
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitUsage
	}
	file, err := newPage(*source, kind, title, today)
	if err != nil {
		var usage usageError
		if errors.As(err, &usage) {
			fmt.Fprintf(stderr, "%v\n\n%s", err, newUsage())
			return exitUsage
		}
		fmt.Fprintln(stderr, err)
		return exitContent
	}
	fmt.Fprintf(stdout, "Page créée : %s\nRemplissez les champs marqués « %s », puis vérifiez avec : go run ./generator check\n", file, parse.Placeholder)
	return exitOK
}

// usageError is a mistake in the command line rather than in the site.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// newPage writes a page made from its archetype and returns its path
// relative to the site root. It never overwrites a file.
func newPage(root, kind, title string, today time.Time) (string, error) {
	section, ok := "", false
	for _, k := range newKinds() {
		if content.Slugify(kind) == k.Name || content.Slugify(kind) == k.Name+"s" {
			kind, section, ok = k.Name, k.Section, true
		}
	}
	if !ok {
		return "", usageError{fmt.Sprintf("type de page « %s » inconnu : choisissez entreprise, formation, reussite ou page", kind)}
	}
	slug := content.Slugify(title)
	if title == "" || slug == "" || !utf8.ValidString(title) {
		return "", usageError{"donnez un titre entre guillemets, avec au moins une lettre, par exemple \"Atelier Lainier du Nord\""}
	}
	dir := path.Join("content", section)
	file := path.Join(dir, slug+".md")
	for _, existing := range []string{file, path.Join(dir, slug, "index.md")} {
		if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(existing))); err == nil {
			return "", fmt.Errorf("%s existe déjà : ouvrez-le pour le modifier, ou choisissez un autre titre", existing)
		}
	}

	site := os.DirFS(root)
	var diags diag.List
	cfg := parse.Config(site, &diags)
	layers, _ := themeLayers(site, cfg, &diags)
	text, err := layers.ReadFile("archetypes/" + kind + ".md")
	if err != nil {
		return "", fmt.Errorf("modèle archetypes/%s.md introuvable : %v", kind, err)
	}
	tmpl, err := template.New(kind).Funcs(template.FuncMap{"toml": edit.Quote}).Parse(string(text))
	if err != nil {
		return "", fmt.Errorf("modèle archetypes/%s.md invalide : %v", kind, err)
	}
	var out bytes.Buffer
	err = tmpl.Execute(&out, struct{ Title, Slug, Date string }{title, slug, today.Format("2006-01-02")})
	if err != nil {
		return "", fmt.Errorf("modèle archetypes/%s.md invalide : %v", kind, err)
	}
	target := filepath.Join(root, filepath.FromSlash(file))
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return "", err
	}
	// O_EXCL: even a file created since the check above is never replaced.
	f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return "", fmt.Errorf("%s existe déjà : ouvrez-le pour le modifier, ou choisissez un autre titre", file)
	}
	if err != nil {
		return "", err
	}
	if _, err := f.Write(out.Bytes()); err != nil {
		f.Close()
		return "", err
	}
	return file, f.Close()
}
