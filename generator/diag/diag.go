// Package diag holds the diagnostics of a build: where a problem is
// (file, line, column in characters), how serious it is, and a French
// message that tells the communication staff how to fix it.
//
// Diagnostics are collected for a whole run, sorted, and printed one a line
// as "path:line:col: message", the shape editors and terminals understand.
package diag

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// Severity tells whether a finding stops the publication.
type Severity int

const (
	// Error stops the build: the previous output stays in place.
	Error Severity = iota
	// Warning is printed but does not stop the build; check -strict fails
	// on it.
	Warning
	// Info tells what the run did that the staff may not expect (a page
	// waiting for its date); nothing is wrong, and -strict passes.
	Info
)

// String returns the severity as the JSON output names it.
func (s Severity) String() string {
	switch s {
	case Warning:
		return "warning"
	case Info:
		return "info"
	}
	return "error"
}

// Pos is a position in a source file. Line and Col start at 1; Col counts
// characters, not bytes, so that it matches what an editor shows on a line
// with accents. A finding about a whole file is put at its line 1, column 1,
// so that every message has the "path:line:col" shape editors jump to.
type Pos struct {
	File string // slash-separated path relative to the site root
	Line int
	Col  int
}

// String formats the position as "file:line:col".
func (p Pos) String() string {
	return fmt.Sprintf("%s:%d:%d", p.File, max(p.Line, 1), max(p.Col, 1))
}

// Diagnostic is one finding.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Code     string // stable identifier for tools, e.g. "unknown-ref"
	Msg      string // French, says what is wrong and how to fix it
}

// String formats the diagnostic as it is printed for the staff.
func (d Diagnostic) String() string {
	switch d.Severity {
	case Warning:
		return d.Pos.String() + ": attention : " + d.Msg
	case Info:
		return d.Pos.String() + ": information : " + d.Msg
	}
	return d.Pos.String() + ": " + d.Msg
}

// List collects diagnostics. Its methods are safe for concurrent use so that
// parallel stages can report into one list.
type List struct {
	mu    sync.Mutex
	items []Diagnostic
}

// Add records a diagnostic. A position without line or column gets line 1,
// column 1: every finding is printed and exported as "path:line:col".
func (l *List) Add(d Diagnostic) {
	d.Pos.Line, d.Pos.Col = max(d.Pos.Line, 1), max(d.Pos.Col, 1)
	l.mu.Lock()
	l.items = append(l.items, d)
	l.mu.Unlock()
}

// Errorf records an error at pos.
func (l *List) Errorf(pos Pos, code, format string, args ...any) {
	l.Add(Diagnostic{Pos: pos, Severity: Error, Code: code, Msg: fmt.Sprintf(format, args...)})
}

// Warnf records a warning at pos.
func (l *List) Warnf(pos Pos, code, format string, args ...any) {
	l.Add(Diagnostic{Pos: pos, Severity: Warning, Code: code, Msg: fmt.Sprintf(format, args...)})
}

// Infof records an information at pos.
func (l *List) Infof(pos Pos, code, format string, args ...any) {
	l.Add(Diagnostic{Pos: pos, Severity: Info, Code: code, Msg: fmt.Sprintf(format, args...)})
}

// Soften turns the errors about the files of soft into warnings, their
// message after why: what is wrong in a draft blocks nothing while the
// draft is not published.
func (l *List) Soften(soft map[string]bool, why string) {
	if len(soft) == 0 {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for i, d := range l.items {
		if d.Severity == Error && soft[d.Pos.File] {
			l.items[i].Severity = Warning
			l.items[i].Msg = why + d.Msg
		}
	}
}

// Append adds every diagnostic of other.
func (l *List) Append(other *List) {
	for _, d := range other.Items() {
		l.Add(d)
	}
}

// Items returns the diagnostics sorted by file, line, column, then message,
// so that every run prints them in the same order.
func (l *List) Items() []Diagnostic {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := append([]Diagnostic(nil), l.items...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		return a.Msg < b.Msg
	})
	return out
}

// Count returns the number of errors and warnings; informations are not
// counted.
func (l *List) Count() (errors, warnings int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, d := range l.items {
		switch d.Severity {
		case Error:
			errors++
		case Warning:
			warnings++
		}
	}
	return errors, warnings
}

// HasErrors reports whether any diagnostic is an error.
func (l *List) HasErrors() bool {
	n, _ := l.Count()
	return n > 0
}

// Print writes the sorted diagnostics one a line.
func (l *List) Print(w io.Writer) {
	for _, d := range l.Items() {
		fmt.Fprintln(w, d.String())
	}
}

// Summary says in French how many errors and warnings there are, e.g.
// "2 erreurs, 1 avertissement".
func (l *List) Summary() string {
	e, w := l.Count()
	return plural(e, "erreur", "erreurs") + ", " + plural(w, "avertissement", "avertissements")
}

func plural(n int, one, many string) string {
	if n <= 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// Source maps byte offsets of one file to lines and character columns.
type Source struct {
	File  string
	Text  []byte
	lines []int // byte offset of the start of each line
}

// NewSource indexes the line starts of text.
func NewSource(file string, text []byte) *Source {
	s := &Source{File: file, Text: text, lines: make([]int, 1, bytes.Count(text, []byte{'\n'})+1)}
	for off := 0; ; {
		i := bytes.IndexByte(text[off:], '\n')
		if i < 0 {
			return s
		}
		off += i + 1
		s.lines = append(s.lines, off)
	}
}

// Pos converts a byte offset into a position. Offsets past the end are
// clamped to the end of the file.
func (s *Source) Pos(offset int) Pos {
	if offset < 0 {
		offset = 0
	}
	if offset > len(s.Text) {
		offset = len(s.Text)
	}
	line := sort.Search(len(s.lines), func(i int) bool { return s.lines[i] > offset }) - 1
	start := s.lines[line]
	col := utf8.RuneCount(s.Text[start:offset]) + 1
	return Pos{File: s.File, Line: line + 1, Col: col}
}

// LineStart returns the byte offset where line (1-based) starts.
func (s *Source) LineStart(line int) int {
	if line < 1 {
		return 0
	}
	if line > len(s.lines) {
		return len(s.Text)
	}
	return s.lines[line-1]
}

// Suggest returns the candidate closest to word by edit distance, if it is
// close enough to be a plausible typo, or "".
func Suggest(word string, candidates []string) string {
	n := utf8.RuneCountInString(word)
	limit := min(n/3+1, 4)
	best, bestDist := "", limit+1
	lw := []rune(strings.ToLower(word))
	for _, c := range candidates {
		// Words whose lengths differ by more than the limit are farther
		// than it: most of a site's URLs are skipped without a distance.
		if diff := utf8.RuneCountInString(c) - n; diff > limit || -diff > limit {
			continue
		}
		d := distance(lw, []rune(strings.ToLower(c)), bestDist)
		if d < bestDist || (d == bestDist && d <= limit && c < best) {
			best, bestDist = c, d
		}
	}
	if bestDist > limit {
		return ""
	}
	return best
}

// distance is the Levenshtein distance between a and b, in characters, or
// any number above bound once it is sure to exceed it.
func distance(a, b []rune, bound int) int {
	// A common start and end change nothing to the distance: URLs of one
	// section share their first dozen characters and their last.
	for len(a) > 0 && len(b) > 0 && a[0] == b[0] {
		a, b = a[1:], b[1:]
	}
	for len(a) > 0 && len(b) > 0 && a[len(a)-1] == b[len(b)-1] {
		a, b = a[:len(a)-1], b[:len(b)-1]
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > bound {
			return rowMin // every later row is at least as far
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// SuggestSlug returns the slug of candidates that word most likely means:
// a close spelling (Suggest), else the only slug that starts with word or
// that word starts with ("boulanger-cap" -> "boulanger-cap-en-alternance"),
// else the slug sharing the most words with it, when that is at least two
// words and no other slug shares as many. It returns "" when unsure.
func SuggestSlug(word string, candidates []string) string {
	if s := Suggest(word, candidates); s != "" {
		return s
	}
	var prefixed []string
	for _, c := range candidates {
		if strings.HasPrefix(c, word+"-") || strings.HasPrefix(word, c+"-") {
			prefixed = append(prefixed, c)
		}
	}
	if len(prefixed) == 1 {
		return prefixed[0]
	}
	words := map[string]bool{}
	for _, w := range strings.Split(word, "-") {
		if len(w) > 2 { // "de", "la", "et" say little
			words[w] = true
		}
	}
	best, bestN, tie := "", 0, false
	for _, c := range candidates {
		n := 0
		for _, w := range strings.Split(c, "-") {
			if words[w] {
				n++
			}
		}
		switch {
		case n > bestN:
			best, bestN, tie = c, n, false
		case n == bestN && n > 0:
			tie = true
		}
	}
	if bestN < 2 || tie {
		return ""
	}
	return best
}
