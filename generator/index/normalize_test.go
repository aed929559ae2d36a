package index

import (
	"html"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestWords(t *testing.T) {
	stop := StopWords()
	tests := []struct{ in, want string }{
		{"Développement web", "developpement web"},
		{"l'atelier d’Hem", "atelier hem"},
		{"Lys-lez-Lannoy", "lys lez lannoy"},
		{"RNCP37674, code M1805", "rncp37674 code m1805"},
		{"Les formations de la Région", "formation region"},
		{"ÉCOLE   Œuvre", "ecole oeuvre"},
		{"qu'il soit", "soit"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := strings.Join(Words(tt.in, stop), " "); got != tt.want {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// The masculine and feminine forms of a job title, with or without
// accents, singular or plural, reach the same index key.
func TestJobTitlesMeet(t *testing.T) {
	stop := StopWords()
	key := func(s string) string {
		w := Words(s, stop)
		if len(w) != 1 {
			t.Fatalf("%q gives %v", s, w)
		}
		return Stem(w[0])
	}
	groups := [][]string{
		{"développeur", "développeuse", "developpeuse", "Développeurs", "DÉVELOPPEUSES"},
		{"soudeur", "soudeuse", "soudeuses"},
		{"conseiller", "conseillère", "conseillere", "conseillères"},
		{"conducteur", "conductrice", "conductrices"},
		{"technicien", "technicienne"},
		{"cuisinier", "cuisinière"},
		{"employé", "employée", "employee", "employe", "employés"},
		{"chef", "cheffe"},
		{"formation", "formations", "Formation"},
		{"électricien", "électricienne", "electricien"},
	}
	for _, g := range groups {
		want := key(g[0])
		for _, w := range g[1:] {
			if got := key(w); got != want {
				t.Errorf("%q -> %q, but %q -> %q", w, got, g[0], want)
			}
		}
	}
}

// wordsOfHTMLReference is the plain way to get the words of rendered
// HTML: strip the tags into a string, decode it, split it.
func wordsOfHTMLReference(h string) []string {
	var b strings.Builder
	inTag := false
	for i := 0; i < len(h); i++ {
		switch c := h[i]; {
		case c == '<':
			inTag = true
			b.WriteByte(' ')
		case c == '>':
			inTag = false
		case !inTag:
			b.WriteByte(c)
		}
	}
	var out []string
	eachWord(html.UnescapeString(b.String()), func(raw []byte) { out = append(out, string(raw)) })
	return out
}

func wordsOfHTML(h string) []string {
	var out []string
	eachWordOfHTML(h, func(raw []byte) { out = append(out, string(raw)) })
	return out
}

func TestWordsOfHTML(t *testing.T) {
	for _, h := range []string{
		"",
		"<p>Soudeuse à Roubaix</p>",
		"<p>Caf&eacute;s &amp; th&#233;s</p><p>Atelier&nbsp;couture</p>",
		"<h2 id=\"ete\">Été</h2>\n<ul>\n<li>L&rsquo;atelier ;</li></ul>",
		"a&amp;b c&lt;d",
		"<a href=\"/x/\">lien</a>suite",
		"&unknown; mot &#x41;BC &",
		"mot<br>mot",
		"fin sans chevron <p",
	} {
		got, want := wordsOfHTML(h), wordsOfHTMLReference(h)
		if !slices.Equal(got, want) {
			t.Errorf("%q: got %q, want %q", h, got, want)
		}
	}
}

// FuzzWordsOfHTML: the streaming word splitter over HTML finds the same
// words as stripping the tags and decoding first. Goldmark's output has
// no '>' inside attribute values nor '<' in text, and every '&' in it
// starts a character reference ending with ';': only such inputs are
// compared.
func FuzzWordsOfHTML(f *testing.F) {
	reference := regexp.MustCompile(`&[#A-Za-z0-9]{1,30};`)
	f.Add("<p>Caf&eacute;s &amp; th&#233;s</p>")
	f.Add("<h2>L&rsquo;atelier</h2> textile")
	f.Fuzz(func(t *testing.T, h string) {
		if !utf8.ValidString(h) || strings.Count(h, "<") != strings.Count(h, ">") ||
			strings.Count(h, "&") != len(reference.FindAllString(h, -1)) {
			return
		}
		got, want := wordsOfHTML(h), wordsOfHTMLReference(h)
		if !slices.Equal(got, want) {
			t.Errorf("%q: got %q, want %q", h, got, want)
		}
	})
}
