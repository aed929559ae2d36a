package index

import (
	"os"
	"testing"
	"time"

	"terredetalents/generator/content"
	"terredetalents/generator/diag"
	"terredetalents/generator/link"
	"terredetalents/generator/load"
	"terredetalents/generator/parse"
	"terredetalents/generator/synth"
)

// BenchmarkIndex builds and writes the search index of a generated
// 10,000-page site:
//
//	go test ./generator/index -run '^$' -bench Index -benchtime 3x
func BenchmarkIndex(b *testing.B) {
	dir := b.TempDir()
	if err := synth.Write(dir, synth.Options{Pages: 10000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	var diags diag.List
	src := os.DirFS(dir)
	md := parse.NewMarkdown(false)
	var pages []*content.Page
	for _, f := range load.Content(src, &diags) {
		pages = append(pages, parse.Page(f, md, &diags))
	}
	site := link.Site(parse.Config(src, &diags), pages, link.Options{Now: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)}, &diags)
	b.ResetTimer()
	for b.Loop() {
		out := memOut{}
		if err := Build(site).Write(out); err != nil {
			b.Fatal(err)
		}
		size := 0
		for _, d := range out {
			size += len(d)
		}
		b.ReportMetric(float64(size)/(1<<20), "MB-written")
		b.ReportMetric(float64(len(out)), "files")
	}
}
