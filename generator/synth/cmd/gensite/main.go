// Command gensite writes a synthetic Terre de talents site, to measure how
// the generator copes with a large site:
//
//	go run ./generator/synth/cmd/gensite -pages 10000 -seed 1 -out /tmp/site10k
//	go run ./generator build -source /tmp/site10k -destination /tmp/site10k-out
//
// The output folder must be empty or absent: gensite never overwrites
// anything. Exit status: 0 success, 1 failure, 2 wrong usage.
package main

import (
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"terredetalents/generator/synth"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("gensite", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() {
		fmt.Fprintf(stderr, "Utilisation : gensite -out DOSSIER [-pages N] [-seed S]\n\nOptions :\n")
		fl.PrintDefaults()
	}
	pages := fl.Int("pages", 10000, "nombre de pages d'entreprises, de formations et de réussites")
	seed := fl.Int64("seed", 1, "graine : la même graine donne le même site, octet pour octet")
	out := fl.String("out", "", "dossier où écrire le site (vide ou inexistant)")
	if err := fl.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if fl.NArg() > 0 || *out == "" || *pages < 1 {
		fl.Usage()
		return 2
	}
	start := time.Now()
	if err := synth.Write(*out, synth.Options{Pages: *pages, Seed: *seed}); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	files, size := 0, int64(0)
	_ = filepath.WalkDir(*out, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				files++
				size += info.Size()
			}
		}
		return nil
	})
	fmt.Fprintf(stdout, "Site synthétique écrit dans %s : %d fichiers, %.1f Mo, en %s.\n",
		*out, files, float64(size)/1e6, time.Since(start).Round(time.Millisecond))
	return 0
}
