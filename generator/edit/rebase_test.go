package edit

import "testing"

func TestRebase(t *testing.T) {
	for _, tt := range []struct{ in, url, want string }{
		{`<p><img src="portrait.jpg" alt="Inès"></p>`, "/reussites/ines/", `<p><img src="/reussites/ines/portrait.jpg" alt="Inès"></p>`},
		{`<a href="../autre/">x</a>`, "/reussites/ines/", `<a href="/reussites/autre/">x</a>`},
		{`<a href="/formations/cap/">x</a>`, "/reussites/ines/", `<a href="/formations/cap/">x</a>`},
		{`<a href="https://exemple.fr/a">x</a>`, "/reussites/ines/", `<a href="https://exemple.fr/a">x</a>`},
		{`<a href="mailto:contact@exemple.fr">x</a>`, "/reussites/ines/", `<a href="mailto:contact@exemple.fr">x</a>`},
		{`<a href="#fn:1">1</a>`, "/reussites/ines/", `<a href="#fn:1">1</a>`},
		{`<img src="plan%20d&amp;acc%C3%A8s.png" alt="">`, "/entreprises/a/", `<img src="/entreprises/a/plan%20d&amp;acc%C3%A8s.png" alt="">`},
		{`<img src="//cdn.exemple.fr/x.png">`, "/a/", `<img src="//cdn.exemple.fr/x.png">`},
		// No page address (a new page not linked yet): as it was.
		{`<img src="portrait.jpg">`, "", `<img src="portrait.jpg">`},
		{`<img src="portrait.jpg">`, "//evil.example/", `<img src="portrait.jpg">`},
		// Text that looks like an attribute is text: escaped quotes.
		{`<p>src=&quot;x.png&quot;</p>`, "/a/", `<p>src=&quot;x.png&quot;</p>`},
	} {
		if got := rebase(tt.in, tt.url); got != tt.want {
			t.Errorf("rebase(%q, %q)\n got %q\nwant %q", tt.in, tt.url, got, tt.want)
		}
	}
}
