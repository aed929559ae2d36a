package parse

import (
	"reflect"
	"testing"

	"github.com/yuin/goldmark/extension"
)

// linkifyCases are bodies where a bare link may or may not start: after a
// space, at a line head, after "*", "_", "~" and "(", inside links and
// code, e-mail addresses near the 64-character limit of a local part.
var linkifyCases = []string{
	"Voir https://www.lille.fr/emploi et http://exemple.fr.",
	"www.mde-roubaix.fr en début de ligne\nwww.exemple.fr",
	"Écrire à contact@atelier-tisserand.fr, ou à (rh@exemple.fr).",
	"*https://gras.fr* _www.souligne.fr_ ~ftp://fichiers.fr~ (https://entre-parentheses.fr)",
	"[https://dans-un-lien.fr](https://cible.fr) `https://code.fr`",
	"adresse@ sans domaine, @nom, a@b, x@y.z, ha@ht.fr, http:/incomplet, www",
	"un.nom.tres.long.pour.une.adresse.qui.depasse.soixante.quatre.car@exemple.fr",
	"un.nom.juste.de.soixante.quatre.caracteres.pour.tester.la.borne.@exemple.fr",
	"h\nhttps:\nhttps://\nftp:x\nwww.\nw@w.w\n- https://liste.fr\n> www.citation.fr",
	"Mot-clé : https://exemple.fr/chemin?q=a&b=c#ancre, puis — www.tiret.fr.",
	"",
}

func TestQuickLinkifyMatchesGoldmark(t *testing.T) {
	ours, theirs := newMarkdown(false, gfm), newMarkdown(false, extension.GFM)
	for _, body := range linkifyCases {
		compareMarkdown(t, ours, theirs, body)
	}
}

// FuzzQuickLinkify checks that the quicker bare-link parser renders every
// body exactly as goldmark's own linkify does.
func FuzzQuickLinkify(f *testing.F) {
	for _, body := range linkifyCases {
		f.Add(body)
	}
	ours, theirs := newMarkdown(false, gfm), newMarkdown(false, extension.GFM)
	f.Fuzz(func(t *testing.T, body string) {
		compareMarkdown(t, ours, theirs, body)
	})
}

func compareMarkdown(t *testing.T, ours, theirs *Markdown, body string) {
	t.Helper()
	a, errA := ours.Render([]byte(body))
	b, errB := theirs.Render([]byte(body))
	if (errA == nil) != (errB == nil) {
		t.Fatalf("%q: errors differ: %v, %v", body, errA, errB)
	}
	if a.HTML != b.HTML {
		t.Fatalf("%q:\nours:     %q\ngoldmark: %q", body, a.HTML, b.HTML)
	}
}

// idleCases are bodies where linkify finds no link: text cut at spaces
// and "(", trailing blanks, tabs, escapes, entities, emphasis, links,
// images, tables, footnotes, task lists, headings and quotes.
var idleCases = []string{
	"Un texte (entre parenthèses) et (encore), sans lien.\nDeuxième ligne (fin)\n",
	"fin de ligne \nfin de ligne  \nfin de ligne   \nfin de ligne    \nfin\n",
	"fin \t\nfin\t \nfin \r\nfin  \r\nfin\r\r\nfin\r\nfin \\\nfin\\\nx \t",
	"fin \t\nsuite", "fin\t \nsuite", "fin \v\nsuite", "fin\f \nsuite", "fin\r\nsuite (a)\r\n",
	"tab\tdans\tla ligne\n-\tliste\n\t\tcode\n> \tcitation\n",
	"échappé\\ espace \\(parenthèse\\) \\\\(double) \\*pas gras\\* a\\\n",
	"&amp; (&#65;) &#x41; &eacute; &nope; (& ) &#12345678;",
	"*gras (a)* _souligné (b)_ ~~barré (c)~~ **a** b** (*c*) *\n*d*",
	"[lien (a)](/x/) suite (b) ![image (c)](a.jpg \"titre (d)\") [ref][r]\n\n[r]: /y/",
	"| a  | b (c) |\n|----|-------|\n| d  \t| e  |\n| f (g) | h |\n",
	"Note[^1] (a).\n\n[^1]: La note (b)  \n    suite.\n",
	"- [ ] tâche (a)\n- [x] faite\n  suite (b)  \n1. un\n2. deux (c)\n",
	"## Titre (a)  \n\nTitre\n=====\n\n# Titre #  \n",
	"> citation (a)  \n> suite\n>> imbriquée (b)\n",
	"`code (a)  b` et ``c  (d)`` <b>html</b> (e) <!-- x -->\n\n<div>\n(f)\n</div>\n",
	"a\x00 (b) c\x00",
	"plusieurs    espaces    (ici)   et  là\n\n\n   indenté (a)\n",
	"",
	" ",
	"  ",
	"(",
}

// TestLinkifyIdle checks that a body parsed without linkify renders as
// with it, links, images and raw HTML at the same offsets.
func TestLinkifyIdle(t *testing.T) {
	idle := 0
	for _, body := range idleCases {
		if linkifyIdle([]byte(body)) {
			idle++
		}
		compareWithoutLinkify(t, body)
	}
	if idle < len(idleCases)/2 {
		t.Errorf("only %d of %d bodies take the way without linkify", idle, len(idleCases))
	}
	for _, body := range linkifyCases {
		if linkifyIdle([]byte(body)) && body != "" {
			t.Errorf("%q may hold a link, but would be parsed without linkify", body)
		}
	}
}

// FuzzMarkdownWithoutLinkify checks that the Markdown renders every body
// as it does with linkify always on, and as goldmark's GFM does.
func FuzzMarkdownWithoutLinkify(f *testing.F) {
	for _, body := range idleCases {
		f.Add(body)
	}
	f.Fuzz(func(t *testing.T, body string) {
		compareWithoutLinkify(t, body)
	})
}

var (
	withShortcut = [2]*Markdown{NewMarkdown(false), NewMarkdown(true)}
	linkifyOn    = [2]*Markdown{newMarkdown(false, gfm), newMarkdown(true, gfm)}
	goldmarkGFM  = [2]*Markdown{newMarkdown(false, extension.GFM), newMarkdown(true, extension.GFM)}
)

func compareWithoutLinkify(t *testing.T, body string) {
	t.Helper()
	for i := range 2 {
		a, errA := withShortcut[i].Render([]byte(body))
		b, errB := linkifyOn[i].Render([]byte(body))
		c, errC := goldmarkGFM[i].Render([]byte(body))
		if errA != nil || errB != nil || errC != nil {
			t.Fatalf("%q: errors %v, %v, %v", body, errA, errB, errC)
		}
		if !reflect.DeepEqual(a, b) || a.HTML != c.HTML {
			t.Fatalf("%q (unsafe %v, idle %v):\nours:     %#v\nlinkify:  %#v\ngoldmark: %q", body, i == 1, linkifyIdle([]byte(body)), a, b, c.HTML)
		}
	}
}
