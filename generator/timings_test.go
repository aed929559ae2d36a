package main

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// The -v table keeps its columns aligned whatever the stage names, accents
// and long names included.
func TestStageTableAligned(t *testing.T) {
	timings := &stageTimings{
		names:     []string{"lecture", "pages, recherche et données", "é"},
		durations: []time.Duration{150 * time.Millisecond, 2 * time.Second, time.Millisecond},
	}
	var b strings.Builder
	timings.table(&b)
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 5 {
		t.Fatalf("want a header, 3 stages and a total, got:\n%s", b.String())
	}
	col := -1
	for _, line := range lines[1:] {
		i := strings.Index(line, " ms")
		if i < 0 {
			t.Fatalf("no duration in %q", line)
		}
		at := utf8.RuneCountInString(line[:i])
		if col >= 0 && at != col {
			t.Errorf("durations not aligned:\n%s", b.String())
			break
		}
		col = at
	}
}
