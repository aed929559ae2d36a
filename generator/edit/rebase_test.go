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

func TestInFormWords(t *testing.T) {
	for _, tt := range []struct{ msg, key, want string }{
		{`« seats » du bloc [[sessions]] n° 1 doit être un nombre entier sans guillemets ni unité : écrivez « 12 »`, "seats",
			`« Places » du bloc [[sessions]] n° 1 doit être un nombre entier sans guillemets ni unité : écrivez « 12 »`},
		{`adresse de site « exemple.fr » incomplète : écrivez-la en entier, avec https:// devant, par exemple website = "https://exemple.fr"`, "website",
			`adresse de site « exemple.fr » incomplète : écrivez-la en entier, avec https:// devant, par exemple « https://exemple.fr »`},
		{`« x » n'est ni une adresse de courriel ni une adresse de site complète : écrivez par exemple contact = "contact@exemple.fr" ou contact = "https://x"`, "contact",
			`« x » n'est ni une adresse de courriel ni une adresse de site complète : écrivez par exemple « contact@exemple.fr » ou « https://x »`},
		{`date invalide : écrivez-la année-mois-jour, par exemple start = 2027-01-15`, "start", `date invalide : écrivez-la année-mois-jour, par exemple « 2027-01-15 »`},
		// Another key's line is left as it is.
		{`par exemple updated = 2026-11-27`, "website", `par exemple updated = 2026-11-27`},
		{`un texte sans exemple`, "title", `un texte sans exemple`},
	} {
		label := map[string]string{"seats": "Places"}[tt.key]
		if got := inFormWords(tt.msg, tt.key, label); got != tt.want {
			t.Errorf("inFormWords(%q)\n got %q\nwant %q", tt.msg, got, tt.want)
		}
	}
}

func TestDateControl(t *testing.T) {
	for _, tt := range []struct{ control, value, want string }{
		{ctlDate, "", ctlDate},
		{ctlDate, "2027-01-15", ctlDate},
		{ctlDate, "2026-06-22T10:00", ctlDateTime},
		{ctlDate, "2026-06-22T10:00:00", ctlDateTime},
		{ctlDateTime, "2027-02-06T10:00", ctlDateTime},
		{ctlDateTime, "2027-02-06", ctlDate},
		{ctlDateTime, "2027-02-06T16:00:00+01:00", ctlText},
		{ctlDate, "10:00:00", ctlText},
	} {
		if got := dateControl(tt.control, tt.value); got != tt.want {
			t.Errorf("dateControl(%s, %q) = %s, want %s", tt.control, tt.value, got, tt.want)
		}
	}
}
