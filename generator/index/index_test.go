package index

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"terredetalents/generator/content"
	"terredetalents/generator/diag"
	"terredetalents/generator/link"
)

// corpus is a small fixed site: its pages are written so that the ranking
// rules decide the order.
func corpus(t *testing.T) *content.Site {
	t.Helper()
	page := func(section, slug, title, summary, body string, fill func(p *content.Page)) *content.Page {
		kind, _ := content.KindOfSection(section)
		p := &content.Page{Source: "content/" + section + "/" + slug + ".md", Kind: kind, Section: section, Slug: slug,
			Title: title, Summary: summary}
		p.SetText("<p>"+body+"</p>", nil)
		fill(p)
		return p
	}
	pages := []*content.Page{
		page("formations", "developpeur-web", "Développeur web et web mobile", "Titre professionnel.", "On y apprend le HTML.", func(p *content.Page) {
			p.SetData(&content.Training{Provider: "Fabrique numérique", Town: "Roubaix", Skills: []string{"Développement web"}, Level: 5, RNCP: "RNCP37674"})
		}),
		page("reussites", "amina", "Amina, de la caisse au code", "Amina est développeuse.", "Elle a suivi une formation.", func(p *content.Page) {
			p.SetData(&content.Story{Person: "Amina", Job: "Développeuse web", Town: "Roubaix", Skills: []string{"Développement web"}})
		}),
		page("entreprises", "atelier", "Atelier lainier", "Filature à Roubaix.", "Nous recrutons des soudeurs. Le développement de l'atelier continue.", func(p *content.Page) {
			p.SetData(&content.Company{Town: "Roubaix", Sectors: []string{"Textile", "Industrie"}, Skills: []string{"Soudure"}, Hiring: true})
		}),
		page("entreprises", "chaudronnerie", "Chaudronnerie du canal", "Soudure et chaudronnerie.", "Atelier de soudure à Tourcoing.", func(p *content.Page) {
			p.SetData(&content.Company{Town: "Tourcoing", Sectors: []string{"Industrie"}, Skills: []string{"Soudure"}})
		}),
		page("reussites", "sabrina", "Sabrina, soudeuse", "Sabrina soude.", "Après la vente, la soudure.", func(p *content.Page) {
			p.SetData(&content.Story{Person: "Sabrina", Job: "Soudeuse", Town: "Wattrelos", Skills: []string{"Soudure"}})
		}),
		page("formations", "conseiller", "Conseiller relation client", "Relation client à distance.", "Les conseillères et conseillers répondent.", func(p *content.Page) {
			p.SetData(&content.Training{Provider: "Campus", Town: "Tourcoing", Skills: []string{"Relation client"}, Level: 4})
		}),
	}
	var diags diag.List
	s := link.Site(content.DefaultConfig(), pages, link.Options{Now: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)}, &diags)
	if diags.HasErrors() {
		t.Fatal(diags.Items())
	}
	return s
}

func titles(ix *Index, results []Result) string {
	var out []string
	for _, r := range results {
		out = append(out, ix.Records[r.Doc].URL)
	}
	return strings.Join(out, " ")
}

func TestSearchRanking(t *testing.T) {
	ix := Build(corpus(t))
	tests := []struct{ query, want string }{
		// A skill and the title beat a word deep in the body.
		{"soudure", "/entreprises/chaudronnerie/ /reussites/sabrina/ /entreprises/atelier/"},
		// Feminine, masculine, plural, without accents: one key.
		{"soudeuse", "/reussites/sabrina/ /entreprises/atelier/"},
		{"soudeurs", "/reussites/sabrina/ /entreprises/atelier/"},
		// Amina's job title and summary say it twice; the training's title once.
		{"développeuse", "/reussites/amina/ /formations/developpeur-web/"},
		{"DEVELOPPEUR", "/reussites/amina/ /formations/developpeur-web/"},
		{"conseillère", "/formations/conseiller/"},
		// A prefix as the user types; a word in the body alone comes last.
		{"dévelop", "/reussites/amina/ /formations/developpeur-web/ /entreprises/atelier/"},
		{"sou", "/reussites/sabrina/ /entreprises/chaudronnerie/ /entreprises/atelier/"},
		// Every word must match.
		{"soudure tourcoing", "/entreprises/chaudronnerie/"},
		{"formations", "/reussites/amina/"},
		{"rncp37674", "/formations/developpeur-web/"},
		{"l'atelier", "/entreprises/atelier/ /entreprises/chaudronnerie/"},
		{"le la les", ""},
		{"introuvable", ""},
	}
	for _, tt := range tests {
		if got := titles(ix, ix.Search(tt.query, nil)); got != tt.want {
			t.Errorf("Search(%q) = %s\nwant %s", tt.query, got, tt.want)
		}
	}
}

func TestFacets(t *testing.T) {
	ix := Build(corpus(t))
	f := ix.Facets
	code := func(list []string, v string) int {
		for i, s := range list {
			if s == v {
				return i
			}
		}
		t.Fatalf("%q not in %v", v, list)
		return -1
	}
	training, roubaix := code(f.Kinds, "formation"), code(f.Towns, "Roubaix")
	keep := func(doc int) bool { return f.Kind[doc] == training && f.Town[doc] == roubaix && f.Level[doc] == 5 }
	if got := titles(ix, ix.Search("web", keep)); got != "/formations/developpeur-web/" {
		t.Errorf("trainings in Roubaix at level 5 for « web »: %s", got)
	}
	var hiring []string
	for doc, h := range f.Hiring {
		if h == 1 {
			hiring = append(hiring, ix.Records[doc].URL)
		}
	}
	if strings.Join(hiring, " ") != "/entreprises/atelier/" {
		t.Errorf("hiring: %v", hiring)
	}
	industry := f.Sector[code(f.Sectors, "Industrie")]
	if len(industry) != 2 {
		t.Errorf("industry: %v", industry)
	}
	welding := f.Skill[code(f.Skills, "Soudure")]
	if len(welding) != 3 {
		t.Errorf("welding skill: %v", welding)
	}
}

// memOut collects written files.
type memOut map[string][]byte

func (m memOut) WriteFile(name string, data []byte) error { m[name] = bytes.Clone(data); return nil }

func TestWrittenIndex(t *testing.T) {
	site := corpus(t)
	a, b := memOut{}, memOut{}
	if err := Build(site).Write(a); err != nil {
		t.Fatal(err)
	}
	Build(site).Write(b)
	for name, data := range a {
		if string(b[name]) != string(data) {
			t.Errorf("%s differs between two builds", name)
		}
	}
	var m struct {
		Docs    int      `json:"docs"`
		Chunk   int      `json:"chunk"`
		Lexicon []string `json:"lexicon"`
		Rules   Rules    `json:"rules"`
		Norm    struct {
			Stop     []string   `json:"stop"`
			Suffixes [][]string `json:"suffixes"`
		} `json:"normalize"`
	}
	if err := json.Unmarshal(a[Manifest], &m); err != nil {
		t.Fatal(err)
	}
	if m.Docs != 6 || m.Chunk != chunkSize || len(m.Lexicon) != 1 || m.Lexicon[0] != "" || len(m.Norm.Suffixes) != len(suffixRules) {
		t.Errorf("manifest: %+v", m)
	}
	// The script reads its rules here: they are those of Search.
	if got, _ := json.Marshal(m.Rules); string(got) != mustJSON(t, DefaultRules) {
		t.Errorf("manifest rules %s, want %s", got, mustJSON(t, DefaultRules))
	}
	var lex map[string][3]any
	if err := json.Unmarshal(a[lexiconFile("")], &lex); err != nil {
		t.Fatal(err)
	}
	entry, ok := lex["soudeur"]
	if !ok || entry[0] != Stem("soudeur") {
		t.Fatalf("the small site's single lexicon shard lacks soudeur: %v", lex)
	}
	var postings map[string][]int
	json.Unmarshal(a[Dir+"p/"+strconv.Itoa(int(entry[2].(float64)))+".json"], &postings)
	if len(postings[Stem("soudeur")]) != 2*int(entry[1].(float64)) {
		t.Errorf("soudeur: lexicon says %v, postings %v", entry, postings[Stem("soudeur")])
	}
	var records []Record
	json.Unmarshal(a[Dir+"r/0.json"], &records)
	if len(records) != 6 || records[0].URL == "" || records[0].Title == "" {
		t.Errorf("records: %+v", records)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestLexiconSplitsWhenLarge(t *testing.T) {
	ix := &Index{Words: map[string]string{}, Postings: map[string][]posting{}}
	for i := range 3000 {
		w := []string{"soud", "form", "ecol", "été", "s"}[i%5] + strconv.Itoa(i)
		ix.Words[w] = w
	}
	keys := ix.lexiconKeys()
	n := 0
	for k, words := range keys {
		n += len(words)
		if size := lexiconSize(words); size > lexLimit {
			t.Errorf("lexicon shard %q holds %d bytes in %d words", k, size, len(words))
		}
		for _, w := range words {
			if !strings.HasPrefix(w, k) {
				t.Errorf("word %q in shard %q", w, k)
			}
			// A word lives in the shard of the longest key that begins it.
			for other := range keys {
				if len(other) > len(k) && strings.HasPrefix(w, other) {
					t.Errorf("word %q in shard %q, not %q", w, k, other)
				}
			}
		}
	}
	if n != len(ix.Words) || len(keys) < 5 {
		t.Errorf("%d words in %d shards", n, len(keys))
	}
	if f := lexiconFile("été"); f != "search/d/xc3a974c3a9.json" {
		t.Errorf("non-ASCII key file %s", f)
	}
}
