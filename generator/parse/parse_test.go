package parse

import (
	"strings"
	"testing"
	"time"

	"terredetalents/generator/content"
	"terredetalents/generator/diag"
)

func TestSplitFrontMatter(t *testing.T) {
	tests := []struct {
		name, in  string
		fm, body  string
		closeLine int
		errCode   string
	}{
		{"simple", "+++\ntitle = \"a\"\n+++\nbody\n", "title = \"a\"\n", "body\n", 3, ""},
		{"trailing spaces on delimiters", "+++  \na = 1\n+++\t\nb", "a = 1\n", "b", 3, ""},
		{"no body", "+++\na = 1\n+++", "a = 1\n", "", 3, ""},
		{"empty front matter", "+++\n+++\nx", "", "x", 2, ""},
		{"plus signs in body", "+++\na = 1\n+++\n+++\n", "a = 1\n", "+++\n", 3, ""},
		{"empty file", "", "", "", 0, "empty"},
		{"blank file", " \n\n", "", "", 0, "empty"},
		{"yaml", "---\ntitle: a\n---\n", "", "", 0, "yaml-front-matter"},
		{"no front matter", "# Titre\n", "", "", 0, "no-front-matter"},
		{"unclosed", "+++\na = 1\n", "", "", 0, "unclosed-front-matter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := SplitFrontMatter([]byte(tt.in))
			if tt.errCode != "" {
				se, ok := err.(*SplitError)
				if !ok || se.Code != tt.errCode {
					t.Fatalf("error %v, want code %s", err, tt.errCode)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(s.FrontMatter) != tt.fm || string(s.Body) != tt.body || s.CloseLine != tt.closeLine {
				t.Errorf("got fm %q body %q close %d", s.FrontMatter, s.Body, s.CloseLine)
			}
			if tt.in[s.FMStart:s.FMStart+len(s.FrontMatter)] != tt.fm || tt.in[s.BodyStart:] != tt.body {
				t.Error("offsets do not match the slices")
			}
		})
	}
}

func TestLocateKeys(t *testing.T) {
	text := "title = \"a\" # c\nskills = [\n  \"x\",\n  \"y\", # z = 1\n]\nquote = \"\"\"\nk = 2\n\"\"\"\n\"quoted key\" = 1\n[[sessions]]\nstart = 2027-01-01\n[[sessions]]\nstart = 2027-02-01\n"
	locs := locateKeys([]byte(text))
	for _, key := range []string{"title", "skills", "quote", "quoted key", "sessions.0.start", "sessions.1.start"} {
		if _, ok := locs[key]; !ok {
			t.Errorf("key %q not found", key)
		}
	}
	for _, key := range []string{"k", "z", "sessions.start"} {
		if _, ok := locs[key]; ok {
			t.Errorf("key %q found inside a value", key)
		}
	}
	if got := locs["skills"].Strings; len(got) != 2 || text[got[1]:got[1]+3] != "\"y\"" {
		t.Errorf("skills strings at %v", got)
	}
	if off := locs["sessions.1.start"].Value; text[off:off+10] != "2027-02-01" {
		t.Errorf("sessions.1.start value at %d: %q", off, text[off:])
	}
	for key, want := range map[string]string{
		"title":            `"a"`,
		"skills":           "[\n  \"x\",\n  \"y\", # z = 1\n]",
		"quote":            "\"\"\"\nk = 2\n\"\"\"",
		"quoted key":       "1",
		"sessions.0.start": "2027-01-01",
		"sessions.1":       "[[sessions]]",
	} {
		if l := locs[key]; text[l.Value:l.End] != want {
			t.Errorf("value of %s is %q, want %q", key, text[l.Value:l.End], want)
		}
	}
}

// parseOne parses a file text placed at path and returns the page and the
// printed diagnostics.
func parseOne(t *testing.T, path, text string) (*content.Page, []string) {
	t.Helper()
	section, name := "", strings.TrimSuffix(path[strings.LastIndex(path, "/")+1:], ".md")
	if parts := strings.Split(path, "/"); len(parts) == 3 {
		section = parts[1]
	}
	var diags diag.List
	p := Page(content.File{Path: path, Section: section, Name: name, Text: []byte(text)}, NewMarkdown(false), &diags)
	var out []string
	for _, d := range diags.Items() {
		out = append(out, d.String())
	}
	return p, out
}

func TestPageDiagnostics(t *testing.T) {
	const company = "content/entreprises/atelier.md"
	tests := []struct {
		name, path, text string
		want             []string
	}{
		{"valid company", company,
			"+++\ntitle = \"Atelier\"\nsummary = \"Filature.\"\nsectors = [\"Textile\"]\ntown = \"Roubaix\"\nhiring = true\n+++\nTexte.\n",
			nil},
		{"unknown key with suggestion", company,
			"+++\ntitle = \"Atelier\"\nsumary = \"Filature.\"\nsectors = [\"Textile\"]\ntown = \"Roubaix\"\n+++\n",
			[]string{
				company + ":3:1: attention : champ « sumary » inconnu, il sera ignoré : vouliez-vous dire « summary » ?",
				company + ":6:1: champ obligatoire « summary » manquant : ajoutez une ligne summary = \"…\" avant la ligne +++",
			}},
		{"key of another section", company,
			"+++\ntitle = \"A\"\nsummary = \"B\"\nsectors = [\"T\"]\ntown = \"R\"\nprovider = \"C\"\n+++\n",
			[]string{company + ":6:1: attention : champ « provider » inconnu, il sera ignoré : ce champ n'existe que pour les formations (content/formations/)"}},
		{"bool as text", company,
			"+++\ntitle = \"A\"\nsummary = \"B\"\nsectors = [\"T\"]\ntown = \"R\"\nhiring = \"non\"\n+++\n",
			[]string{company + ":6:10: « hiring » vaut oui ou non : écrivez hiring = false, en minuscules et sans guillemets"}},
		{"single text accepted as a list", company,
			"+++\ntitle = \"A\"\nsummary = \"B\"\nsectors = \"Textile\"\ntown = \"R\"\n+++\n",
			nil},
		{"list of numbers", company,
			"+++\ntitle = \"A\"\nsummary = \"B\"\nsectors = [\"T\"]\ntown = \"R\"\nskills = [\"Soudure\", 3]\n+++\n",
			[]string{company + ":6:10: l'élément 2 de « skills » doit être un texte entre guillemets, pas le nombre 3"}},
		{"website without scheme", company,
			"+++\ntitle = \"A\"\nsummary = \"B\"\nsectors = [\"T\"]\ntown = \"R\"\nwebsite = \"www.atelier.fr\"\n+++\n",
			[]string{company + ":6:11: adresse de site « www.atelier.fr » incomplète : écrivez-la en entier, avec https:// devant, par exemple website = \"https://www.atelier.fr\""}},
		{"website without a domain", company,
			"+++\ntitle = \"A\"\nsummary = \"B\"\nsectors = [\"T\"]\ntown = \"R\"\nwebsite = \"https://www\"\n+++\n",
			[]string{company + ":6:11: adresse de site « https://www » incomplète : le nom du site, après https://, contient au moins un point, par exemple website = \"https://www.exemple.fr/\" ; copiez l'adresse depuis la barre du navigateur"}},
		{"contact without the end of its domain", company,
			"+++\ntitle = \"A\"\nsummary = \"B\"\nsectors = [\"T\"]\ntown = \"R\"\ncontact = \"rh@exemple\"\n+++\n",
			[]string{company + ":6:11: adresse de courriel « rh@exemple » incomplète : il manque la fin du nom de domaine, après un point ; si elle se termine par .fr, écrivez contact = \"rh@exemple.fr\""}},
		{"logo outside a bundle", company,
			"+++\ntitle = \"A\"\nsummary = \"B\"\nsectors = [\"T\"]\ntown = \"R\"\nlogo = \"logo.png\"\n+++\n",
			[]string{company + ":6:8: le fichier « logo.png » est introuvable : une image accompagne une page rangée en dossier ; créez le dossier content/entreprises/atelier/ avec la page renommée index.md et l'image à côté"}},
		{"typographic quotes", "content/a.md",
			"+++\ntitle = « Bonjour »\n+++\n",
			[]string{"content/a.md:2:9: guillemets typographiques : entourez chaque texte de guillemets droits \" (touche 3 du clavier) ; écrivez title = \"Bonjour\""}},
		{"unclosed string", "content/a.md",
			"+++\ntitle = \"Bonjour\nsummary = \"x\"\n+++\n",
			[]string{"content/a.md:2:9: guillemet fermant manquant : le texte doit se terminer par \" sur la même ligne ; écrivez title = \"Bonjour\""}},
		{"duplicate key", "content/a.md",
			"+++\ntitle = \"a\"\nsummary = \"b\"\ntitle = \"c\"\n+++\n",
			[]string{"content/a.md:4:1: ce champ est déjà écrit plus haut : gardez une seule ligne pour chaque champ"}},
		{"line that is not a key", "content/a.md",
			"+++\ntitle = \"a\"\nBonjour à tous\n+++\n",
			[]string{"content/a.md:3:1: ligne incomprise dans l'en-tête : chaque champ s'écrit nom = valeur, par exemple title = \"Mon titre\" (le texte de la page se place après la ligne +++)"}},
		{"training values", "content/formations/f.md",
			"+++\ntitle = \"F\"\nsummary = \"S\"\nprovider = \"P\"\ntown = \"T\"\nskills = [\"x\"]\nmode = \"à distance\"\nrncp = \"12-34\"\n[[sessions]]\nend = 2027-01-01\nplaces = 3\n+++\n",
			[]string{
				"content/formations/f.md:7:8: « mode » vaut « à distance » : les valeurs possibles sont « présentiel », « distanciel », « hybride », « alternance » ; vouliez-vous dire « distanciel » ?",
				"content/formations/f.md:8:8: code RNCP « 12-34 » invalide : il s'écrit RNCP suivi de chiffres, par exemple « RNCP37674 » (voir la fiche sur francecompetences.fr)",
				"content/formations/f.md:9:1: champ obligatoire « start » du bloc [[sessions]] n° 1 manquant : ajoutez une ligne start = 2027-01-15 avant la ligne +++",
				"content/formations/f.md:11:1: attention : champ « places » du bloc [[sessions]] n° 1 inconnu, il sera ignoré : les champs possibles sont « start », « end », « seats »",
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := parseOne(t, tt.path, tt.text)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestPageFields(t *testing.T) {
	p, diags := parseOne(t, "content/formations/soudeur.md", `+++
title = "Soudeur"
summary = "Souder."
date = 2026-03-14
provider = "Campus"
town = "Tourcoing"
skills = ["Soudure TIG", "Lecture de plans"]
level = 3
rncp = "rncp 12345"
duration_hours = 700
mode = "Presentiel"
partners = ["atelier"]
[[sessions]]
start = 2027-01-11
end = 2027-06-30
seats = 12
+++
## Développement durable
`)
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	tr := p.Training()
	if p.Kind != content.KindTraining || p.Slug != "soudeur" || tr.Level != 3 || tr.RNCP != "RNCP12345" ||
		tr.Mode != "présentiel" || len(tr.Sessions) != 1 || tr.Sessions[0].Seats != 12 ||
		tr.Sessions[0].Start.ISO() != "2027-01-11" || p.Date.ISO() != "2026-03-14" {
		t.Errorf("unexpected page: %+v %+v", p, tr)
	}
	if tr.Partners[0].Slug != "atelier" || tr.Partners[0].Pos.Line != 12 || tr.Partners[0].Pos.Col != 13 {
		t.Errorf("partner ref %+v", tr.Partners[0])
	}
	if !strings.Contains(p.Body(), `<h2 id="developpement-durable">`) {
		t.Errorf("heading id: %s", p.Body())
	}
}

func TestMarkdown(t *testing.T) {
	tests := []struct {
		name, in, want string
		unsafe         bool
	}{
		{"raw HTML escaped", "a <script>alert(1)</script> b", "<p>a &lt;script&gt;alert(1)&lt;/script&gt; b</p>\n", false},
		{"HTML block escaped", "<div class=\"x\">\nbloc\n</div>\n", "<p>&lt;div class=&quot;x&quot;&gt;<br>\nbloc<br>\n&lt;/div&gt;</p>\n", false},
		{"raw HTML allowed", "a <b>b</b>", "<p>a <b>b</b></p>\n", true},
		{"strikethrough", "~~non~~", "<p><del>non</del></p>\n", false},
		{"autolink", "voir https://exemple.fr", "<p>voir <a href=\"https://exemple.fr\">https://exemple.fr</a></p>\n", false},
		{"task list", "- [x] fait", "<ul>\n<li><input checked=\"\" disabled=\"\" type=\"checkbox\"> fait</li>\n</ul>\n", false},
		{"accented heading ids", "## Été\n## Été", "<h2 id=\"ete\">Été</h2>\n<h2 id=\"ete-2\">Été</h2>\n", false},
		{"javascript link neutralised", "[x](javascript:alert(1))", "<p><a href=\"\">x</a></p>\n", false},
		{"images load lazily", "![Atelier](a.jpg)", "<p><img src=\"a.jpg\" alt=\"Atelier\" loading=\"lazy\" decoding=\"async\"></p>\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := NewMarkdown(tt.unsafe).Render([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if b.HTML != tt.want {
				t.Errorf("got  %q\nwant %q", b.HTML, tt.want)
			}
		})
	}
}

func TestMarkdownCollectsLinksAndImages(t *testing.T) {
	b, err := NewMarkdown(false).Render([]byte("Voir [la formation](/formations/x/).\n\n![](photo.jpg)\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Links) != 2 || b.Links[0].Dest != "/formations/x/" || !b.Links[1].Image || b.Links[1].Alt != "" {
		t.Errorf("links: %+v", b.Links)
	}
}

func FuzzSplitFrontMatter(f *testing.F) {
	for _, s := range []string{"", "+++\n+++\n", "+++\na = 1\n+++\nbody", "---\n", "+++", "+++\n+++", "\n+++\n"} {
		f.Add(s)
	}
	for _, s := range costly() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		start := time.Now()
		s, err := SplitFrontMatter([]byte(in))
		if d := time.Since(start); d > maxFuzzTime {
			t.Fatalf("splitting %d bytes took %v", len(in), d)
		}
		if err != nil {
			return
		}
		if s.FMStart < 0 || s.FMStart+len(s.FrontMatter) > len(in) || s.BodyStart > len(in) {
			t.Fatalf("offsets out of range: %+v", s)
		}
		if in[s.FMStart:s.FMStart+len(s.FrontMatter)] != string(s.FrontMatter) || in[s.BodyStart:] != string(s.Body) {
			t.Fatal("offsets do not match the slices")
		}
	})
}

// maxFuzzTime is how long one fuzzed input may take: more is a finding,
// an input that costs too much (see limits.go).
const maxFuzzTime = time.Second

// FuzzPage feeds arbitrary text to the page parser in every section: it must
// never panic, and every diagnostic must point inside the file.
func FuzzPage(f *testing.F) {
	seeds := []string{
		"+++\ntitle = \"a\"\nsummary = \"b\"\n+++\nbody",
		"+++\ntitle = \"a\"\nsessions = 3\n[[sessions]]\nstart = 2027-01-01\n+++\n",
		"+++\n[[sessions]]\nstart = \"x\"\nend = 2020-01-01\n+++\n",
		"+++\ntitle = \"\"\"\nmulti\n\"\"\"\nskills = [\"a\", [1]]\n+++\n<div>\n",
		"+++\na.b.c = 1\n\"q\" = { x = 1 }\n[t]\nk = 'v'\n+++\n",
		"+++\ntitle = «x»\n+++",
	}
	for _, s := range seeds {
		f.Add(s, uint8(0))
	}
	for _, s := range costly() {
		f.Add(s, uint8(1))
	}
	md := NewMarkdown(false)
	sections := []string{"", "entreprises", "formations", "reussites"}
	f.Fuzz(func(t *testing.T, text string, sec uint8) {
		section := sections[int(sec)%len(sections)]
		path := "content/" + section + "/p.md"
		var diags diag.List
		start := time.Now()
		p := Page(content.File{Path: path, Section: section, Name: "p", Text: []byte(text)}, md, &diags)
		if d := time.Since(start); d > maxFuzzTime {
			t.Fatalf("parsing %d bytes took %v: bound what a page may hold (limits.go)", len(text), d)
		}
		if p == nil {
			t.Fatal("nil page")
		}
		lines := strings.Count(text, "\n") + 1
		for _, d := range diags.Items() {
			if d.Pos.Line < 0 || d.Pos.Line > lines+1 || d.Pos.Col < 0 {
				t.Fatalf("diagnostic outside the file (%d lines): %s", lines, d)
			}
		}
	})
}
