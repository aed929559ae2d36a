package diag

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestSourcePosCountsCharacters(t *testing.T) {
	src := NewSource("a.md", []byte("+++\ntitle = \"Éléonore\"\nkind = \"x\"\n"))
	tests := []struct {
		offset      int
		line, col   int
		whatIsThere string
	}{
		{0, 1, 1, "+"},
		{4, 2, 1, "t"},
		{strings.Index(string(src.Text), "\"Él"), 2, 9, "opening quote"},
		{strings.Index(string(src.Text), "ore"), 2, 15, "o after five accented-or-not letters"},
		{strings.Index(string(src.Text), "kind"), 3, 1, "k"},
		{len(src.Text), 4, 1, "end of file"},
		{len(src.Text) + 10, 4, 1, "past the end, clamped"},
	}
	for _, tt := range tests {
		p := src.Pos(tt.offset)
		if p.Line != tt.line || p.Col != tt.col {
			t.Errorf("Pos(%d) (%s) = %d:%d, want %d:%d", tt.offset, tt.whatIsThere, p.Line, p.Col, tt.line, tt.col)
		}
	}
}

func TestSuggest(t *testing.T) {
	keys := []string{"title", "summary", "date", "draft", "slug", "aliases"}
	tests := []struct{ word, want string }{
		{"sumary", "summary"},
		{"titel", "title"},
		{"Title", "title"},
		{"drafts", "draft"},
		{"couleur", ""},
		{"x", ""},
	}
	for _, tt := range tests {
		if got := Suggest(tt.word, keys); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

func TestListSortsAndPrints(t *testing.T) {
	var l List
	l.Warnf(Pos{File: "b.md", Line: 1, Col: 1}, "w", "deux")
	l.Errorf(Pos{File: "a.md", Line: 10, Col: 2}, "e", "un")
	l.Errorf(Pos{File: "a.md", Line: 2, Col: 5}, "e", "zéro")
	var b strings.Builder
	l.Print(&b)
	want := "a.md:2:5: zéro\na.md:10:2: un\nb.md:1:1: attention : deux\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	if got := l.Summary(); got != "2 erreurs, 1 avertissement" {
		t.Errorf("Summary() = %q", got)
	}
	if !l.HasErrors() {
		t.Error("HasErrors() = false")
	}
}

// Every finding is printed and exported as path:line:col, even one about
// a whole file (a file too large to read), so editors can jump to it.
func TestEveryFindingIsPositioned(t *testing.T) {
	var l List
	l.Errorf(Pos{File: "content/x.md"}, "too-large", "fichier trop volumineux")
	l.Warnf(Pos{File: "content/y.md", Line: 3}, "w", "avertissement")
	l.Infof(Pos{File: "content/z.md", Line: 2, Col: 5}, "future", "page à venir")
	var b strings.Builder
	l.Print(&b)
	want := "content/x.md:1:1: fichier trop volumineux\ncontent/y.md:3:1: attention : avertissement\ncontent/z.md:2:5: information : page à venir\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	for _, d := range l.Items() {
		if d.Pos.Line < 1 || d.Pos.Col < 1 {
			t.Errorf("%+v has no line or column", d)
		}
	}
	if e, w := l.Count(); e != 1 || w != 1 {
		t.Errorf("count = %d errors, %d warnings; an information is neither", e, w)
	}
}

// TestSourceLines: the line starts found with IndexByte are every byte
// after a "\n", the first line included, and a position past the last
// newline is on the last line.
func TestSourceLines(t *testing.T) {
	for _, text := range []string{"", "a", "\n", "a\n", "\n\n", "a\nb", "a\r\nbé\n\nc\n"} {
		want := []int{0}
		for i := range len(text) {
			if text[i] == '\n' {
				want = append(want, i+1)
			}
		}
		s := NewSource("f.md", []byte(text))
		if !slices.Equal(s.lines, want) {
			t.Errorf("%q: lines %v, want %v", text, s.lines, want)
		}
		if p := s.Pos(len(text)); p.Line != len(want) {
			t.Errorf("%q: end at line %d, want %d", text, p.Line, len(want))
		}
	}
}

// TestDistanceMatchesPlainLevenshtein compares distance, which trims a
// common start and end and stops past its bound, with the textbook table
// on random words over a small alphabet (so that they share a lot).
func TestDistanceMatchesPlainLevenshtein(t *testing.T) {
	plain := func(a, b []rune) int {
		d := make([][]int, len(a)+1)
		for i := range d {
			d[i] = make([]int, len(b)+1)
			d[i][0] = i
		}
		for j := range d[0] {
			d[0][j] = j
		}
		for i := 1; i <= len(a); i++ {
			for j := 1; j <= len(b); j++ {
				cost := 1
				if a[i-1] == b[j-1] {
					cost = 0
				}
				d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			}
		}
		return d[len(a)][len(b)]
	}
	r := rand.New(rand.NewPCG(1, 2))
	word := func() []rune {
		w := make([]rune, r.IntN(9))
		for i := range w {
			w[i] = []rune("ab-é/")[r.IntN(5)]
		}
		return w
	}
	for range 20000 {
		a, b, bound := word(), word(), r.IntN(6)
		want, got := plain(a, b), distance(a, b, bound)
		if (want <= bound && got != want) || (want > bound && got <= bound) {
			t.Fatalf("distance(%q, %q, %d) = %d, Levenshtein %d", string(a), string(b), bound, got, want)
		}
	}
}
