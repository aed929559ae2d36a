package edit

import "testing"

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
		// A label's explanation in brackets stays out of the sentence.
		{`repoussez sa date de fin « expires »`, "expires", `repoussez sa date de fin « Date de fin de publication »`},
	} {
		label := map[string]string{"seats": "Places", "expires": "Date de fin de publication (l'offre n'est plus publiée ce jour-là)"}[tt.key]
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
