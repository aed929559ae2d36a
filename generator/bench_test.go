package main

import (
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"testing"
	"time"

	"terredetalents/generator/diag"
	"terredetalents/generator/synth"
	"terredetalents/generator/write"
)

// BenchmarkBuild times whole builds of generated sites, staging folder and
// atomic swap included, as `generator build` runs them:
//
//	go test ./generator -run '^$' -bench Build -benchtime 3x
func BenchmarkBuild(b *testing.B) {
	for _, pages := range []int{1000, 10000} {
		b.Run(strconv.Itoa(pages), func(b *testing.B) {
			site := b.TempDir()
			if err := synth.Write(site, synth.Options{Pages: pages, Seed: 1}); err != nil {
				b.Fatal(err)
			}
			dest := filepath.Join(b.TempDir(), "public")
			opts := pipelineOptions{Now: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)}
			b.ResetTimer()
			for b.Loop() {
				// A first build each time: no previous output to link
				// from, no spare tree to recycle.
				b.StopTimer()
				os.RemoveAll(dest)
				os.RemoveAll(write.SpareDir(dest))
				b.StartTimer()
				stage, err := write.NewStaging(dest)
				if err != nil {
					b.Fatal(err)
				}
				var diags diag.List
				pipeline(os.DirFS(site), opts, stage, &diags)
				if diags.HasErrors() {
					b.Fatal(diags.Items()[0])
				}
				if err := stage.Commit(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(pages)/(b.Elapsed().Seconds()/float64(b.N)), "pages/s")
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			b.ReportMetric(float64(m.Sys)/(1<<20), "MB-sys")
		})
	}
}

// BenchmarkServeRebuild times what `serve` does after a save on a
// 10,000-page site: one story edited (its company, training, terms and
// lists are rendered again), and a template edited (a full rebuild).
//
//	go test ./generator -run '^$' -bench ServeRebuild -benchtime 20x
func BenchmarkServeRebuild(b *testing.B) {
	site := b.TempDir()
	if err := synth.Write(site, synth.Options{Pages: 10000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	opts := pipelineOptions{Now: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)}
	builder := newDevBuilder(os.DirFS(site), opts)
	if res := builder.Build(nil); res.Site == nil {
		b.Fatal(res.Diags.Items()[0])
	}
	stories, _ := filepath.Glob(filepath.Join(site, "content", "reussites", "*.md"))
	page := stories[len(stories)/2]
	rel, _ := filepath.Rel(site, page)
	original, _ := os.ReadFile(page)

	// editPage saves the story as edit makes it for run i, then times the
	// rebuild of that one file.
	editPage := func(b *testing.B, edit func(i int) []byte) {
		rendered := 0
		for i := 0; b.Loop(); i++ {
			if err := os.WriteFile(page, edit(i), 0o644); err != nil {
				b.Fatal(err)
			}
			res := builder.Build([]string{filepath.ToSlash(rel)})
			if res.Site == nil || res.Full {
				b.Fatal("the one-page rebuild failed or was full")
			}
			rendered = res.Rendered
			if os.Getenv("TDT_STAGES") != "" {
				b.Logf("%v", res.Stages)
			}
		}
		b.ReportMetric(float64(rendered), "pages-rendered")
	}
	b.Run("one-page", func(b *testing.B) {
		editPage(b, func(i int) []byte {
			return append(append([]byte(nil), original...), "\nUne ligne de plus, version "+strconv.Itoa(i)+".\n"...)
		})
	})
	// A story's summary, which shows on its card: its lists, terms and
	// company render again, after the whole site is linked again.
	b.Run("one-summary", func(b *testing.B) {
		summary := regexp.MustCompile(`(?m)^summary = ".*"$`)
		editPage(b, func(i int) []byte {
			return summary.ReplaceAll(original, []byte(`summary = "Un résumé, version `+strconv.Itoa(i)+`."`))
		})
	})
	b.Run("template", func(b *testing.B) {
		for b.Loop() {
			if res := builder.Build([]string{"layouts/page.html"}); res.Site == nil || !res.Full {
				b.Fatal("the template rebuild failed or was not full")
			}
		}
	})
}
