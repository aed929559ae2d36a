package main

import (
	"os"
	"path/filepath"
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
