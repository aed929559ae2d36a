package diag

import (
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
