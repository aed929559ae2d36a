package parse

import (
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
