package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"terredetalents/generator/serve"
	"terredetalents/generator/synth"
)

var (
	editPages = flag.Int("edit.pages", 10000, "pages of the site of BenchmarkEditToServed")
	editFront = flag.Bool("edit.front", false, "BenchmarkEditToServed edits the summary in the front matter instead of the text")
)

// BenchmarkEditToServed times what a writer waits for with `serve`: from a
// page saved on disk to its new bytes served over HTTP, through the same
// watcher, rebuild and server as `generator serve`, on a generated site of
// -edit.pages pages with broken links, drafts, aliases and bundles. Each
// iteration saves one page (a company, a story, a training in turn) with
// a new sentence in its text and asks for it until the sentence shows:
//
//	go test ./generator -run '^$' -bench EditToServed -benchtime 20x
//
// It reports the median, the minimum and the maximum, and logs where the
// time of the median rebuild goes. With -edit.front, each edit changes the
// page's summary instead, which shows on its card in lists and term pages.
func BenchmarkEditToServed(b *testing.B) {
	site := b.TempDir()
	if err := synth.Write(site, synth.Options{Pages: *editPages, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	builder := newDevBuilder(os.DirFS(site), pipelineOptions{Now: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)})
	server := serve.NewServer()
	var log bytes.Buffer
	rebuild, idle := serveRebuilder(builder, server, io.Discard, &log)
	rebuild(nil)
	if builder.good == nil {
		b.Fatal("the first build failed")
	}
	b.Logf("%d pages, %d broken links reported at start", *editPages, strings.Count(log.String(), "ne mène à aucune page")+strings.Count(log.String(), "n'est pas publiée"))
	stop := make(chan struct{})
	defer close(stop)
	if err := watchSite(site, rebuild, stop); err != nil {
		b.Fatal(err)
	}
	http := httptest.NewServer(server)
	defer http.Close()

	urlOf := func(file string) string {
		rel, _ := filepath.Rel(filepath.Join(site, "content"), file)
		return http.URL + "/" + strings.TrimSuffix(filepath.ToSlash(rel), ".md") + "/"
	}
	var files []string // published pages: not drafts, not waiting for their date
	for _, sec := range []string{"entreprises", "reussites", "formations"} {
		list, _ := filepath.Glob(filepath.Join(site, "content", sec, "*.md"))
		n := 0
		for _, f := range list[len(list)/3:] {
			if n < 2 && served(urlOf(f), "") {
				files = append(files, f)
				n++
			}
		}
	}
	var times []time.Duration
	var stages [][]stageTime
	for i := 0; b.Loop(); i++ {
		file := files[i%len(files)]
		url := urlOf(file)
		text, err := os.ReadFile(file)
		if err != nil {
			b.Fatal(err)
		}
		mark := fmt.Sprintf("Phrase ajoutée numéro %d.", i)
		if *editFront {
			text = regexp.MustCompile(`(?m)^summary = ".*"$`).ReplaceAll(text, []byte(`summary = "`+mark+`"`))
		} else {
			text = append(text, "\n"+mark+"\n"...)
		}
		// The search index of the last edit is made in the background:
		// a writer does not save twice in the same second.
		idle()
		time.Sleep(50 * time.Millisecond)
		start := time.Now()
		if err := os.WriteFile(file, text, 0o644); err != nil {
			b.Fatal(err)
		}
		for !served(url, mark) {
			if time.Since(start) > 30*time.Second {
				b.Fatalf("%s: not served after 30 s", url)
			}
			time.Sleep(500 * time.Microsecond)
		}
		times = append(times, time.Since(start))
		stages = append(stages, append(builder.last.Stages, stageTime{fmt.Sprintf("(%d pages rendered)", builder.last.Rendered), 0}))
	}
	sorted := slices.Clone(times)
	slices.Sort(sorted)
	med := sorted[len(sorted)/2]
	b.ReportMetric(float64(med.Microseconds())/1000, "ms-median")
	b.ReportMetric(float64(sorted[0].Microseconds())/1000, "ms-min")
	b.ReportMetric(float64(sorted[len(sorted)-1].Microseconds())/1000, "ms-max")
	b.ReportMetric(0, "ns/op")
	b.Logf("edit -> served: %v", times)
	if i := slices.Index(times, med); i >= 0 {
		b.Logf("median rebuild: %v", stages[i])
	}
}

// served reports whether the page at url holds text.
func served(url, text string) bool {
	res, err := http.Get(url)
	if err != nil {
		return false
	}
	defer res.Body.Close()
	if res.StatusCode != 200 {
		return false
	}
	body, _ := io.ReadAll(res.Body)
	return bytes.Contains(body, []byte(text))
}
