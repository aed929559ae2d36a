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

// TestRoomyCollector: only a first build of a site of up to roomyPages
// files gets GOGC=200, and the setting is put back after it; a GOGC set by
// the user wins.
func TestRoomyCollector(t *testing.T) {
	t.Setenv("GOGC", "")
	before := gcPercent()
	for _, tt := range []struct {
		first bool
		files int
		want  int
	}{
		{true, 10_000, 200},
		{true, roomyPages, 200},
		{true, roomyPages + 1, before},
		{false, 10_000, before},
	} {
		restore := roomyCollector(pipelineOptions{FirstBuild: tt.first}, tt.files)
		if got := gcPercent(); got != tt.want {
			t.Errorf("first build %v, %d files: GOGC %d, want %d", tt.first, tt.files, got, tt.want)
		}
		restore()
		if got := gcPercent(); got != before {
			t.Errorf("first build %v, %d files: GOGC %d after, want %d back", tt.first, tt.files, got, before)
		}
	}
	t.Setenv("GOGC", "50")
	restore := roomyCollector(pipelineOptions{FirstBuild: true}, 10)
	if got := gcPercent(); got != before {
		t.Errorf("GOGC set by the user: %d, want %d kept", got, before)
	}
	restore()
}
