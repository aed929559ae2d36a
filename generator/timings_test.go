package main

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"terredetalents/generator/content"
	"terredetalents/generator/diag"
	"terredetalents/generator/link"
	"terredetalents/generator/parse"
	"terredetalents/generator/render"
	"terredetalents/themes"
)

// The -v table keeps its columns aligned whatever the stage names, accents
// and long names included.
func TestStageTableAligned(t *testing.T) {
	for _, withCPU := range []bool{false, true} {
		timings := &stageTimings{
			names:     []string{"lecture", "pages, recherche et données", "é"},
			durations: []time.Duration{150 * time.Millisecond, 2 * time.Second, time.Millisecond},
		}
		if withCPU {
			timings.cpu, timings.cpuOK = []time.Duration{140 * time.Millisecond, 3900 * time.Millisecond, 0}, true
		}
		var b strings.Builder
		timings.table(&b)
		lines := strings.Split(strings.TrimSpace(b.String()), "\n")
		if len(lines) != 5 {
			t.Fatalf("want a header, 3 stages and a total, got:\n%s", b.String())
		}
		if got := strings.Contains(lines[0], "processeur"); got != withCPU {
			t.Errorf("processor column shown: %v, want %v:\n%s", got, withCPU, b.String())
		}
		// Every " ms" of a line, durations and processor times, at the same
		// column as in the line above.
		var cols []int
		for _, line := range lines[1:] {
			var at []int
			for i := 0; ; {
				j := strings.Index(line[i:], " ms")
				if j < 0 {
					break
				}
				at = append(at, utf8.RuneCountInString(line[:i+j]))
				i += j + 3
			}
			if len(at) != map[bool]int{false: 1, true: 2}[withCPU] {
				t.Fatalf("%d times in %q", len(at), line)
			}
			if cols != nil && !slices.Equal(at, cols) {
				t.Errorf("times not aligned:\n%s", b.String())
				break
			}
			cols = at
		}
	}
}

// terminal is a progress writer that tests can read while the ticker
// writes.
type terminal struct {
	mu sync.Mutex
	b  strings.Builder
}

func (w *terminal) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *terminal) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

// A long stage redraws its line with the count its workers report, and
// the line is cleared when the build ends.
func TestStageProgressCounts(t *testing.T) {
	term := &terminal{}
	timings := &stageTimings{progress: term, every: time.Millisecond}
	timings.begin = time.Now().Add(-time.Minute) // past the quiet start
	timings.startCounting("analyse", "fichiers")
	timings.count(4200, 10004)
	want := "analyse… 4 200 / 10 004 fichiers"
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(term.String(), want); {
		if time.Now().After(deadline) {
			t.Fatalf("no %q in the progress line: %q", want, term.String())
		}
		time.Sleep(time.Millisecond)
	}
	timings.start("liens")
	timings.start("")
	out := term.String()
	if !strings.HasSuffix(out, "\r\033[K") {
		t.Errorf("the progress line is not cleared at the end: %q", out)
	}
	if i := strings.LastIndex(out, "liens…"); i < 0 || strings.Contains(out[i:], "fichiers") {
		t.Errorf("a stage without a count shows one: %q", out)
	}
	if len(timings.names) != 2 {
		t.Errorf("stages recorded: %v", timings.names)
	}
}

// A build that is not on a terminal, or short, writes no progress.
func TestStageProgressQuiet(t *testing.T) {
	var nothing *stageTimings
	nothing.startCounting("analyse", "fichiers") // nil: builds without -v nor terminal
	nothing.count(1, 2)
	term := &terminal{}
	// A quiet start of an hour: however slow the machine running the
	// test, this build is short.
	timings := &stageTimings{progress: term, every: time.Millisecond, quiet: time.Hour}
	timings.startCounting("analyse", "fichiers")
	timings.count(1, 2)
	time.Sleep(20 * time.Millisecond) // the ticker runs, and must not draw
	timings.start("")
	if term.String() != "" {
		t.Errorf("a short build drew progress: %q", term.String())
	}
	if (&stageTimings{}).quietFor() != quietFor {
		t.Errorf("a build without a quiet time set waits %v", (&stageTimings{}).quietFor())
	}
}

// Workers report counts out of order; the line never goes back.
func TestStageCountNeverGoesBack(t *testing.T) {
	timings := &stageTimings{}
	for _, n := range []int{1, 3, 2, 5, 4} {
		timings.count(n, 10)
	}
	if got := timings.done.Load(); got != 5 {
		t.Errorf("count after 1, 3, 2, 5, 4: %d, want 5", got)
	}
}

func TestGroupDigits(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 7: "7", 999: "999", 1000: "1 000", 10004: "10 004",
		138298: "138 298", 1234567: "1 234 567", -1234: "-1 234"} {
		if got := groupDigits(n); got != want {
			t.Errorf("groupDigits(%d) = %q, want %q", n, got, want)
		}
	}
}

// Parse and render workers report every file and page once, up to the
// total, so that the progress line ends on "N / N".
func TestWorkersReportProgress(t *testing.T) {
	s := newSynthSite(t, 40)
	src, opts, cfg, files := s.src, s.opts, s.cfg, s.files
	var diags diag.List

	check := func(what string, want int, run func(done func(n, total int))) {
		var mu sync.Mutex
		calls, most := 0, 0
		run(func(n, total int) {
			mu.Lock()
			defer mu.Unlock()
			calls++
			most = max(most, n)
			if total != want {
				t.Errorf("%s: total %d, want %d", what, total, want)
			}
		})
		if calls != want || most != want {
			t.Errorf("%s: %d reports up to %d, want %d up to %d", what, calls, most, want, want)
		}
	}
	var pages []*content.Page
	check("parse", len(files), func(done func(n, total int)) {
		pages = parsePagesEach(files, parse.NewMarkdown(false), 2, func(int) *diag.List { return &diags }, done)
	})
	site := link.Site(cfg, pages, link.Options{Now: opts.Now}, &diags)
	layers := render.Layers{src, themes.Default()}
	plan, err := render.New(site, render.Options{Layers: layers})
	if err != nil {
		t.Fatal(err)
	}
	check("render", len(plan.Jobs()), func(done func(n, total int)) {
		render.Site(site, render.Options{Layers: layers, Workers: 2, Done: done}, &countingOutput{}, &diags)
	})
	if diags.HasErrors() {
		t.Fatal(diags.Items()[0])
	}
}
