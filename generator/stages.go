package main

import (
	"fmt"
	"io"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"
)

// stageTimings records the duration of each stage of a build, for the
// table of "build -v", and shows on a terminal which stage is running and
// how many pages it has done, when a build takes more than a moment.
type stageTimings struct {
	names     []string
	durations []time.Duration
	cpu       []time.Duration // processor time of each stage, all cores
	cpuOK     bool            // whether the processor time can be read here
	current   string
	unit      string // what the running stage counts: "fichiers", "pages"
	since     time.Time
	sinceCPU  time.Duration
	begin     time.Time

	progress io.Writer     // the terminal, or nil
	every    time.Duration // how often the progress line is redrawn; 0: 200 ms
	quiet    time.Duration // how long a build runs before progress shows; 0: quietFor

	mu      sync.Mutex // the progress line, drawn by start and by the ticker
	done    atomic.Int64
	total   atomic.Int64
	stop    chan struct{} // closed to end the ticker of the running stage
	stopped chan struct{} // closed by the ticker when it has ended
}

// quietFor is how long a build runs before it shows its progress: a small
// site builds without a flicker.
const quietFor = 500 * time.Millisecond

// start ends the running stage and begins the next ("" ends the last).
func (t *stageTimings) start(name string) { t.startCounting(name, "") }

// startCounting begins a stage whose workers report how many of its items,
// named unit, are done (see count).
func (t *stageTimings) startCounting(name, unit string) {
	if t == nil {
		return
	}
	t.endTicker()
	now := time.Now()
	cpu, cpuOK := cpuTime()
	if t.begin.IsZero() {
		t.begin, t.cpuOK = now, cpuOK
	}
	if t.current != "" {
		t.names = append(t.names, t.current)
		t.durations = append(t.durations, now.Sub(t.since))
		t.cpu = append(t.cpu, cpu-t.sinceCPU)
	}
	t.current, t.unit, t.since, t.sinceCPU = name, unit, now, cpu
	t.done.Store(0)
	t.total.Store(0)
	if t.progress == nil {
		return
	}
	if name == "" {
		if now.Sub(t.begin) > t.quietFor() {
			fmt.Fprint(t.progress, "\r\033[K")
		}
		return
	}
	t.draw(now)
	t.stop, t.stopped = make(chan struct{}), make(chan struct{})
	go t.tick(name, t.stop, t.stopped)
}

func (t *stageTimings) quietFor() time.Duration {
	if t.quiet > 0 {
		return t.quiet
	}
	return quietFor
}

// count records that n of the total items of the running stage are done.
// Workers call it, from any goroutine, and not always in order (two
// workers may report 41 and 40 one after the other): the count shown never
// goes back.
func (t *stageTimings) count(n, total int) {
	if t == nil {
		return
	}
	t.total.Store(int64(total))
	for {
		done := t.done.Load()
		if int64(n) <= done || t.done.CompareAndSwap(done, int64(n)) {
			return
		}
	}
}

// tick redraws the progress line until stop is closed: the clock and the
// count move even when a stage lasts long.
func (t *stageTimings) tick(name string, stop, stopped chan struct{}) {
	defer close(stopped)
	every := t.every
	if every <= 0 {
		every = 200 * time.Millisecond
	}
	ticker := time.NewTicker(every)
	defer ticker.Stop()
	for {
		select {
		case <-stop:
			return
		case now := <-ticker.C:
			t.draw(now)
		}
	}
}

func (t *stageTimings) endTicker() {
	if t.stop != nil {
		close(t.stop)
		<-t.stopped
		t.stop, t.stopped = nil, nil
	}
}

// draw writes the progress line: "  3.4 s : analyse… 4 200 / 10 004 fichiers".
func (t *stageTimings) draw(now time.Time) {
	elapsed := now.Sub(t.begin)
	if elapsed <= t.quietFor() {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	line := fmt.Sprintf("\r\033[K%4.1f s : %s…", elapsed.Seconds(), t.current)
	if total := t.total.Load(); total > 0 && t.unit != "" {
		line += " " + groupDigits(t.done.Load()) + " / " + groupDigits(total) + " " + t.unit
	}
	fmt.Fprint(t.progress, line)
}

// groupDigits writes n as French does, digits grouped by three:
// 10004 -> "10 004".
func groupDigits(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + " " + s[i:]
	}
	return s
}

// table prints each stage's time, share of the build and, where it can be
// read, processor time: on two cores a stage that keeps both busy shows
// twice its duration.
func (t *stageTimings) table(w io.Writer) {
	withCPU := t.cpuOK && len(t.cpu) == len(t.durations)
	total, totalCPU := time.Duration(0), time.Duration(0)
	for i, d := range t.durations {
		total += d
		if withCPU {
			totalCPU += t.cpu[i]
		}
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	// fmt pads by runes: the first column is as wide as the longest name.
	width := len("étape")
	for _, name := range t.names {
		width = max(width, utf8.RuneCountInString(name))
	}
	if !withCPU {
		fmt.Fprintf(w, "%-*s %10s %6s\n", width, "étape", "durée", "part")
		for i, name := range t.names {
			fmt.Fprintf(w, "%-*s %8.1f ms %5.1f %%\n", width, name, ms(t.durations[i]), 100*float64(t.durations[i])/float64(max(total, 1)))
		}
		fmt.Fprintf(w, "%-*s %8.1f ms\n", width, "total", ms(total))
		return
	}
	fmt.Fprintf(w, "%-*s %10s %6s %13s\n", width, "étape", "durée", "part", "processeur")
	for i, name := range t.names {
		fmt.Fprintf(w, "%-*s %8.1f ms %5.1f %% %10.1f ms\n", width, name, ms(t.durations[i]), 100*float64(t.durations[i])/float64(max(total, 1)), ms(t.cpu[i]))
	}
	fmt.Fprintf(w, "%-*s %8.1f ms %7s %10.1f ms\n", width, "total", ms(total), "", ms(totalCPU))
}
