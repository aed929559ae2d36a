package edit

import (
	"strings"
	"testing"
)

func TestRewrite(t *testing.T) {
	const page = `+++
# Fiche relue le 3 mars
title   =  "Atelier"   # le nom affiché
summary = "Une phrase."
skills = [
  "Soudure",   # le cœur du métier
  "Lecture de plans",
]
hiring = true
couleur = "bleu" # clé inconnue, gardée
+++

Le texte.
`
	const blocks = `+++
title = "Soudure"
summary = "Former."

[[sessions]]
start = 2027-01-11  # la rentrée
seats = 12

# La seconde session
[[sessions]]
start = 2027-09-06
+++
Texte.
`
	body := "Nouveau texte.\n"
	tests := []struct {
		name string
		in   string
		ch   Changes
		want string
	}{
		{"a string, spacing and comment kept", page, Changes{Sets: []Set{{"title", `"Atelier Lainier"`}}},
			`+++
# Fiche relue le 3 mars
title   =  "Atelier Lainier"   # le nom affiché
summary = "Une phrase."
skills = [
  "Soudure",   # le cœur du métier
  "Lecture de plans",
]
hiring = true
couleur = "bleu" # clé inconnue, gardée
+++

Le texte.
`},
		{"a list over lines replaced", page, Changes{Sets: []Set{{"skills", `["Soudure"]`}}},
			`+++
# Fiche relue le 3 mars
title   =  "Atelier"   # le nom affiché
summary = "Une phrase."
skills = ["Soudure"]
hiring = true
couleur = "bleu" # clé inconnue, gardée
+++

Le texte.
`},
		{"a key removed, a key added after the last one", page, Changes{Sets: []Set{{"hiring", ""}, {"town", `"Roubaix"`}}},
			`+++
# Fiche relue le 3 mars
title   =  "Atelier"   # le nom affiché
summary = "Une phrase."
skills = [
  "Soudure",   # le cœur du métier
  "Lecture de plans",
]
couleur = "bleu" # clé inconnue, gardée
town = "Roubaix"
+++

Le texte.
`},
		{"the body only", page, Changes{Body: &body},
			"+++\n# Fiche relue le 3 mars\ntitle   =  \"Atelier\"   # le nom affiché\nsummary = \"Une phrase.\"\nskills = [\n  \"Soudure\",   # le cœur du métier\n  \"Lecture de plans\",\n]\nhiring = true\ncouleur = \"bleu\" # clé inconnue, gardée\n+++\nNouveau texte.\n"},
		{"a key of a block, a key added to a block", blocks, Changes{Sets: []Set{{"sessions.0.start", "2027-01-18"}, {"sessions.1.seats", "8"}}},
			`+++
title = "Soudure"
summary = "Former."

[[sessions]]
start = 2027-01-18  # la rentrée
seats = 12

# La seconde session
[[sessions]]
start = 2027-09-06
seats = 8
+++
Texte.
`},
		{"a top-level key added before the blocks", blocks, Changes{Sets: []Set{{"town", `"Hem"`}}},
			`+++
title = "Soudure"
summary = "Former."
town = "Hem"

[[sessions]]
start = 2027-01-11  # la rentrée
seats = 12

# La seconde session
[[sessions]]
start = 2027-09-06
+++
Texte.
`},
		{"a block removed, a block added", blocks, Changes{RemoveBlocks: []string{"sessions.0"}, AddBlocks: []Block{{"sessions", []Set{{"start", "2028-01-10"}, {"seats", ""}}}}},
			`+++
title = "Soudure"
summary = "Former."

# La seconde session
[[sessions]]
start = 2027-09-06

[[sessions]]
start = 2028-01-10
+++
Texte.
`},
		// The comment right above a block's header introduces it: it goes
		// with the block, and does not end up above the next one.
		{"the last block removed", blocks, Changes{RemoveBlocks: []string{"sessions.1"}, Sets: []Set{{"sessions.1.start", "2030-01-01"}}},
			`+++
title = "Soudure"
summary = "Former."

[[sessions]]
start = 2027-01-11  # la rentrée
seats = 12

+++
Texte.
`},
		{"a block added to a page without blocks", "+++\ntitle = \"A\"\n+++\n", Changes{AddBlocks: []Block{{"offers", []Set{{"title", `"Soudeur"`}}}}},
			"+++\ntitle = \"A\"\n\n[[offers]]\ntitle = \"Soudeur\"\n+++\n"},
		{"a key added to an empty front matter", "+++\n+++\nx\n", Changes{Sets: []Set{{"title", `"A"`}}},
			"+++\ntitle = \"A\"\n+++\nx\n"},
		{"nothing changed", page, Changes{}, page},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Rewrite([]byte(tt.in), tt.ch)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
	if _, err := Rewrite([]byte("pas d'en-tête\n"), Changes{}); err == nil {
		t.Error("a file without front matter was rewritten")
	}
}

func TestQuote(t *testing.T) {
	for in, want := range map[string]string{
		`Les "ateliers"`: `"Les \"ateliers\""`,
		"a\\b":           `"a\\b"`,
		"l1\nl2\t\x01":   `"l1\nl2\t\u0001"`,
		"Évé":            `"Évé"`,
	} {
		if got := Quote(in); got != want {
			t.Errorf("Quote(%q) = %s, want %s", in, got, want)
		}
	}
}

// TestVerify: a change the writer could not make (a block written as an
// inline table) is caught, not reported as saved.
func TestVerify(t *testing.T) {
	in := []byte("+++\ntitle = \"A\"\nsessions = [{start = 2027-01-01}]\n+++\n")
	ch := Changes{Sets: []Set{{"title", `"B"`}, {"sessions.0.start", "2027-02-01"}}}
	out, err := Rewrite(in, ch)
	if err != nil {
		t.Fatal(err)
	}
	if key, ok := Verify(in, out, ch); ok || key != "sessions.0.start" {
		t.Errorf("Verify = %q, %v on\n%s", key, ok, out)
	}
	ch = Changes{Sets: []Set{{"title", `"B"`}}, AddBlocks: []Block{{"offers", []Set{{"title", `"x"`}}}}}
	out, _ = Rewrite(in, ch)
	if key, ok := Verify(in, out, ch); !ok {
		t.Errorf("Verify refuses a good rewrite at %q:\n%s", key, out)
	}
	// The first session removed and the third edited in one save: the
	// third is the second once the first is gone.
	three := []byte("+++\ntitle = \"A\"\n\n[[sessions]]\nstart = 2027-01-11\n\n[[sessions]]\nstart = 2027-04-12\n\n[[sessions]]\nstart = 2027-09-27\nseats = 15\n+++\n")
	ch = Changes{RemoveBlocks: []string{"sessions.0"}, Sets: []Set{{"sessions.2.seats", "20"}}}
	out, err = Rewrite(three, ch)
	if err != nil {
		t.Fatal(err)
	}
	if key, ok := Verify(three, out, ch); !ok || !strings.Contains(string(out), "start = 2027-09-27\nseats = 20") || strings.Contains(string(out), "2027-01-11") {
		t.Errorf("Verify = %q, %v on\n%s", key, ok, out)
	}
}
