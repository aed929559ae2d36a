package main

import (
	"runtime/debug"
	"testing"
)

// gcPercent reads the collector's setting.
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

// TestCollector: a first build of a site of up to roomyPages files gets
// GOGC=200, a rebuild (with a record) leanPercent, anything else (check,
// which keeps no record) Go's setting; it is put back after the build,
// and a GOGC set by the user wins.
func TestCollector(t *testing.T) {
	t.Setenv("GOGC", "")
	before := gcPercent()
	record := &recordRun{}
	for _, tt := range []struct {
		name  string
		opts  pipelineOptions
		files int
		want  int
	}{
		{"first build", pipelineOptions{FirstBuild: true, Record: record}, 10_000, 200},
		{"first build at the bound", pipelineOptions{FirstBuild: true, Record: record}, roomyPages, 200},
		{"first build of a larger site", pipelineOptions{FirstBuild: true, Record: record}, roomyPages + 1, before},
		{"rebuild", pipelineOptions{Record: record}, 10_000, leanPercent},
		{"rebuild of a larger site", pipelineOptions{Record: record}, 100_000, leanPercent},
		{"check", pipelineOptions{}, 10_000, before},
	} {
		restore := collector(tt.opts, tt.files)
		if got := gcPercent(); got != tt.want {
			t.Errorf("%s, %d files: GOGC %d, want %d", tt.name, tt.files, got, tt.want)
		}
		restore()
		if got := gcPercent(); got != before {
			t.Errorf("%s, %d files: GOGC %d after, want %d back", tt.name, tt.files, got, before)
		}
	}
	t.Setenv("GOGC", "80")
	for _, opts := range []pipelineOptions{{FirstBuild: true, Record: record}, {Record: record}} {
		restore := collector(opts, 10)
		if got := gcPercent(); got != before {
			t.Errorf("GOGC set by the user: %d, want %d kept", got, before)
		}
		restore()
	}
}
