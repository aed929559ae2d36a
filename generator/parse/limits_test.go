package parse

import (
	"fmt"
	"strings"
	"testing"

	"terredetalents/generator/content"
	"terredetalents/generator/diag"
)

// costly holds inputs that cost goldmark or BurntSushi/toml seconds or
// gigabytes (at sizes within MaxBody and MaxFrontMatter, so that each
// meets the bound of its own kind).
func costly() map[string]string {
	var list strings.Builder
	for i := range 300 {
		list.WriteString(strings.Repeat("  ", i) + "- a\n")
	}
	var quotes strings.Builder
	for i := range 400 {
		quotes.WriteString(strings.Repeat(">", i+1) + " a\n")
	}
	return map[string]string{
		"inline tables nested 2,000 deep": "+++\ntitle = \"a\"\nx = " + strings.Repeat("{a=", 2000) + "1" + strings.Repeat("}", 2000) + "\n+++\n",
		"lists nested 300 deep":           "+++\ntitle = \"a\"\n+++\n" + list.String(),
		"quotes nested 400 deep":          "+++\ntitle = \"a\"\n+++\n" + quotes.String(),
		"30,000 unclosed links":           "+++\ntitle = \"a\"\n+++\n" + strings.Repeat("[a](", 30000),
		"20,000 mixed emphasis marks":     "+++\ntitle = \"a\"\n+++\n" + strings.Repeat("_*a", 10000),
		"10,000 commitments":              "+++\ntitle = \"a\"\ncommitments = [" + strings.Repeat("\"a\",", 10000) + "]\n+++\n",
		"20,000 dotted keys in a header":  "+++\ntitle = \"a\"\n[" + strings.Repeat("a.", 19999) + "a]\nk = 1\n+++\n",
		"a 200 KB body":                   "+++\ntitle = \"a\"\n+++\n" + strings.Repeat("Un paragraphe.\n\n", 200<<10/16),
	}
}

// parseLimited parses text as a company page and returns its diagnostics.
func parseLimited(t *testing.T, text string) (*content.Page, []diag.Diagnostic) {
	t.Helper()
	var diags diag.List
	f := content.File{Path: "content/entreprises/x.md", Section: "entreprises", Name: "x", Text: []byte(text)}
	p := Page(f, NewMarkdown(false), &diags)
	return p, diags.Items()
}

// TestCostlyInputsAreRefused: each costly input gets one error, with a
// code of its own, and the page is not decoded (no other finding, such as
// the missing summary, is reported).
func TestCostlyInputsAreRefused(t *testing.T) {
	codes := map[string]string{
		"inline tables nested 2,000 deep": "too-deep",
		"lists nested 300 deep":           "too-deep",
		"quotes nested 400 deep":          "too-deep",
		"30,000 unclosed links":           "too-many-links",
		"20,000 mixed emphasis marks":     "too-much-emphasis",
		"10,000 commitments":              "too-many-items",
		"20,000 dotted keys in a header":  "too-many-key-parts",
		"a 200 KB body":                   "too-large",
	}
	for name, text := range costly() {
		t.Run(name, func(t *testing.T) {
			p, ds := parseLimited(t, text)
			if len(ds) != 1 || ds[0].Code != codes[name] {
				t.Fatalf("got %d findings %v, want one %s", len(ds), ds, codes[name])
			}
			if !p.Broken || p.Body() != "" {
				t.Error("the page was decoded")
			}
		})
	}
}

func TestLimitsPositionsAndMessages(t *testing.T) {
	items := func(n int) string { return strings.TrimSuffix(strings.Repeat("\"a\", ", n), ", ") }
	tests := []struct{ name, text, want string }{
		{"inline tables", "+++\ntitle = \"a\"\nx = {a = {a = {a = {a = 1}}}}\ny = oops\n+++\n",
			"content/entreprises/x.md:3:20: valeur imbriquée sur plus de 3 niveaux : un champ prend une valeur simple (un texte entre guillemets, un nombre, une date) ou une liste de valeurs simples, par exemple skills = [\"Soudure\", \"Logistique\"]"},
		{"lists of lists", "+++\nx = [[[[1]]]] # [[[[\n+++\n", "content/entreprises/x.md:2:8: valeur imbriquée"},
		{"brackets in strings and comments do not count", "+++\nx = \"[[[[{{{{\" # [[[[\ny = '''\n[[[[\n'''\nz = [[[1]]]\nw = oops\n+++\n", "content/entreprises/x.md:7:5: texte sans guillemets"},
		{"long list", "+++\ncommitments = [" + items(101) + "]\n+++\n", "content/entreprises/x.md:2:516: liste de plus de 100 éléments : aucune page n'en a besoin d'autant ; gardez les 100 plus utiles et retirez les autres"},
		{"long list over lines", "+++\nskills = [\n" + strings.Repeat("  \"a\", # c\n", 100) + "  \"b\",\n]\n+++\n", "content/entreprises/x.md:103:3: liste de plus de 100 éléments"},
		{"100 items pass", "+++\ncommitments = [" + items(100) + "]\n+++\n", "content/entreprises/x.md:3:1: champ obligatoire « title » manquant"},
		{"dotted header", "+++\n[a.b.\"c\".d]\n+++\n", "content/entreprises/x.md:2:10: nom de champ en plus de 3 parties séparées par des points : écrivez un nom simple, comme title = \"…\", ou un bloc comme [[sessions]]"},
		{"dotted key", "+++\na . b . c . d = 1\n+++\n", "content/entreprises/x.md:2:13: nom de champ en plus de 3 parties"},
		{"dotted key in an inline table", "+++\nx = {y = 1, a.b.c.d = 2}\n+++\n", "content/entreprises/x.md:2:19: nom de champ en plus de 3 parties"},
		{"many keys", "+++\n" + keys(101) + "+++\n", "content/entreprises/x.md:102:1: plus de 100 champs dans ce bloc : une page n'en a pas besoin d'autant ; retirez les champs en trop"},
		{"many keys in an inline table", "+++\nx = {" + strings.TrimSuffix(strings.ReplaceAll(keys(101), "\n", ", "), ", ") + "}\n+++\n", "content/entreprises/x.md:2:896: plus de 100 champs dans ce bloc"},
		{"many tables", "+++\n" + strings.Repeat("[[offers]]\n", 101) + "+++\n", "content/entreprises/x.md:102:1: plus de 100 blocs [[…]] dans l'en-tête : aucune page n'en a besoin d'autant ; retirez les plus anciens"},
		{"large front matter", "+++\nquote = \"\"\"\n" + strings.Repeat("é", 40000) + "\n\"\"\"\n+++\n", "content/entreprises/x.md:3:32763: l'en-tête dépasse 64 Ko (il en fait 79) : une page n'a besoin que de quelques champs courts ; déplacez les longs textes dans le texte de la page, après la ligne +++"},
		{"large body", "+++\ntitle = \"a\"\n+++\n" + strings.Repeat("x", MaxBody) + "é", "content/entreprises/x.md:4:131073: le texte de la page dépasse 128 Ko (il en fait 129) : une page se lit en quelques minutes ; découpez ce texte en plusieurs pages liées entre elles"},
		{"nested lists", "+++\n+++\n" + nestedList(11), "content/entreprises/x.md:13:21: listes ou citations imbriquées sur plus de 10 niveaux : deux ou trois niveaux suffisent ; remontez ces lignes d'un niveau en retirant des espaces ou des > en début de ligne"},
		{"nested quotes", "+++\n+++\nTexte.\n\n" + strings.Repeat("> ", 11) + "citation\n", "content/entreprises/x.md:5:1: listes ou citations imbriquées"},
		{"nested list items on one line", "+++\n+++\n" + strings.Repeat("- ", 11) + "a\n", "content/entreprises/x.md:3:1: listes ou citations imbriquées"},
		{"unclosed links", "+++\n+++\nVoir " + strings.Repeat("[a](", 101) + "\n", "content/entreprises/x.md:3:408: ce paragraphe contient plus de 100 liens « ]( » : séparez-le en plusieurs paragraphes par une ligne vide, ou faites-en une liste (une ligne « - » par lien), et vérifiez que chaque lien se ferme par « ) »"},
		{"emphasis", "+++\n+++\n" + strings.Repeat("*a_\n", 250) + "*a_ _*\n", "content/entreprises/x.md:253:1: ce paragraphe contient plus de 500 marques de mise en forme (*, _ ou ~) : séparez-le en plusieurs paragraphes par une ligne vide, ou retirez des marques"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ds := parseLimited(t, tt.text)
			var got []string
			for _, d := range ds {
				got = append(got, d.String())
				if strings.HasPrefix(d.String(), tt.want) {
					return
				}
			}
			t.Errorf("no finding starts with\n%s\ngot:\n%s", tt.want, strings.Join(got, "\n"))
		})
	}
}

// TestLimitsLeaveRealPagesAlone: pages at the edge of what a real page
// holds pass every bound.
func TestLimitsLeaveRealPagesAlone(t *testing.T) {
	var b strings.Builder
	b.WriteString("+++\ntitle = \"a\"\nsummary = \"b\"\nsectors = [\"T\"]\ntown = \"R\"\nskills = [" + strings.TrimSuffix(strings.Repeat("\"s\", ", 100), ", ") + "]\n")
	b.WriteString("x.y.z = 1\nsessions = [{start = 2027-01-04, seats = [1]}]\n")
	for range 100 {
		b.WriteString("[[offers]]\ntitle = \"Soudeur\"\n")
	}
	b.WriteString("+++\n")
	b.WriteString("# Titre\n\n* * * * * * * * * * * * *\n\n```\n" + strings.Repeat("                        - code\n", 3) + "```\n\n")
	b.WriteString(nestedList(10) + "\n> " + strings.Repeat("> ", 8) + "citation\n\n")
	for range 150 {
		b.WriteString("- [lien](/a/) **gras** _it_ ~~barré~~\n") // a list item is a paragraph of its own
	}
	b.WriteString("\n" + strings.Repeat("Un [lien](/a/) et *un* mot_avec_soulignés. ", 100) + "\n")
	text := b.String()
	split, err := SplitFrontMatter([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if err := checkFrontMatter(split.FrontMatter); err != nil {
		t.Errorf("front matter refused: %s", err.Msg)
	}
	if err := checkBody(split.Body); err != nil {
		t.Errorf("body refused at %d: %s", err.Offset, err.Msg)
	}
}

func keys(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "k%d = 1\n", i)
	}
	return b.String()
}

// nestedList is a list nested n deep, two spaces a level.
func nestedList(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat("  ", i) + "- a\n")
	}
	return b.String()
}
