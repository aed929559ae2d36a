package index

import (
	"strings"
	"testing"
	"time"

	"terredetalents/generator/content"
	"terredetalents/generator/diag"
	"terredetalents/generator/link"
)

// trainings is a small site of trainings at every level, with their
// funding and mode, and a level-4 training that names the CAP it follows.
func trainings(t *testing.T) *content.Site {
	t.Helper()
	var pages []*content.Page
	add := func(slug, title, body string, tr content.Training) {
		tr.Town, tr.Provider = "Roubaix", "Campus"
		if tr.Skills == nil {
			tr.Skills = []string{"Soudure"}
		}
		p := &content.Page{Source: "content/formations/" + slug + ".md", Kind: content.KindTraining,
			Section: "formations", Slug: slug, Title: title, Summary: "Une formation."}
		p.SetText("<p>"+body+"</p>", nil)
		p.SetData(&tr)
		pages = append(pages, p)
	}
	add("soudeur", "Soudeur", "Soudure à l'arc.", content.Training{Level: 3, Funding: []string{"CPF", "Région Hauts-de-France"}, Mode: "présentiel"})
	add("cuisinier", "Cuisinier", "Cuisine.", content.Training{Level: 3, Skills: []string{"Cuisine"}, Mode: "alternance"})
	add("technicien", "Technicien de maintenance", "Ouverte aux titulaires d'un CAP ou d'un BEP, après un CAP.", content.Training{Level: 4, Funding: []string{"OPCO"}, Mode: "hybride"})
	add("comptable", "Gestionnaire comptable", "Comptabilité.", content.Training{Level: 5, Skills: []string{"Comptabilité"}, Funding: []string{"CPF"}})
	add("developpeur", "Développeur web", "Programmation.", content.Training{Level: 6, Skills: []string{"Développement web"}, Mode: "distanciel"})
	add("ingenieur", "Ingénieur textile", "Textile.", content.Training{Level: 7, Skills: []string{"Textile"}})
	var diags diag.List
	s := link.Site(content.DefaultConfig(), pages, link.Options{Now: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)}, &diags)
	if diags.HasErrors() {
		t.Fatal(diags.Items())
	}
	return s
}

func TestSearchFundingModeAndLevels(t *testing.T) {
	ix := Build(trainings(t))
	tests := []struct{ query, want string }{
		// Funding and mode are searchable.
		{"CPF", "/formations/comptable/ /formations/soudeur/"},
		{"alternance", "/formations/cuisinier/"},
		{"distanciel", "/formations/developpeur/"},
		{"Région", "/formations/soudeur/"},
		// Qualification names find their level; the level-3 trainings
		// rank above the level-4 one that names the CAP twice in its body.
		{"CAP", "/formations/cuisinier/ /formations/soudeur/ /formations/technicien/"},
		{"bep", "/formations/cuisinier/ /formations/soudeur/ /formations/technicien/"},
		{"bac pro", "/formations/technicien/"},
		{"BP", "/formations/technicien/"},
		{"BTS", "/formations/comptable/"},
		{"licence", "/formations/developpeur/"},
		{"master", "/formations/ingenieur/"},
		{"niveau 7", "/formations/ingenieur/"},
	}
	for _, tt := range tests {
		if got := titles(ix, ix.Search(tt.query, nil)); got != tt.want {
			t.Errorf("Search(%q) = %s\nwant %s", tt.query, got, tt.want)
		}
	}
}

func TestSearchForgivesTypos(t *testing.T) {
	ix := Build(corpus(t))
	tests := []struct{ query, want, suggest string }{
		// One letter missing, swapped, wrong: the word is corrected.
		{"devloppeur", "/reussites/amina/ /formations/developpeur-web/", "developpeur"},
		{"soduure", "/entreprises/chaudronnerie/ /reussites/sabrina/ /entreprises/atelier/", "soudure"},
		{"soudeyr", "/reussites/sabrina/ /entreprises/atelier/", "soudeur"},
		// Two edits only for long words.
		{"devlopeur", "/reussites/amina/ /formations/developpeur-web/", "developpeur"},
		{"sudeyr", "", ""},
		// A correctly spelled word and a prefix are never corrected.
		{"soudeur", "/reussites/sabrina/ /entreprises/atelier/", ""},
		{"soud", "/reussites/sabrina/ /entreprises/chaudronnerie/ /entreprises/atelier/", ""},
		// Only the misspelled word of a query is corrected.
		{"soudure tourcoingg", "/entreprises/chaudronnerie/", "soudure tourcoing"},
		// The first letter is kept; short words are not corrected.
		{"foudure", "", ""},
		{"web", "/formations/developpeur-web/ /reussites/amina/", ""},
		{"wex", "", ""},
	}
	for _, tt := range tests {
		a := ix.Query(tt.query, nil)
		if got := titles(ix, a.Results); got != tt.want || a.Suggest != tt.suggest {
			t.Errorf("Query(%q) = %s, suggest %q\nwant %s, suggest %q", tt.query, got, a.Suggest, tt.want, tt.suggest)
		}
	}
	// A correction ranks below the exact word: the same page scores less.
	exact, typo := ix.Search("soudure", nil), ix.Search("soduure", nil)
	if typo[0].Score >= exact[0].Score {
		t.Errorf("a corrected word scores %d, the exact one %d", typo[0].Score, exact[0].Score)
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"developpeur", "developpeur", 0},
		{"devloppeur", "developpeur", 1},
		{"devlopeur", "developpeur", 2},
		{"soduure", "soudure", 1}, // a swap counts once
		{"abc", "abcdef", 3},      // cut at max+1
		{"été", "ete", 2},
	}
	for _, tt := range tests {
		if got := distance([]rune(tt.a), []rune(tt.b), 2); got != min(tt.want, 3) {
			t.Errorf("distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestFacetCountsFollowTheQuery(t *testing.T) {
	ix := Build(corpus(t))
	code := func(list []string, v string) int {
		for i, s := range list {
			if s == v {
				return i
			}
		}
		t.Fatalf("%q not in %v", v, list)
		return -1
	}
	f := ix.Facets
	c := ix.Count(ix.Search("soudure", nil))
	if c.Kind[code(f.Kinds, "entreprise")] != 2 || c.Kind[code(f.Kinds, "reussite")] != 1 || c.Kind[code(f.Kinds, "formation")] != 0 {
		t.Errorf("kinds for soudure: %v", c.Kind)
	}
	if c.Town[code(f.Towns, "Roubaix")] != 1 || c.Town[code(f.Towns, "Tourcoing")] != 1 || c.Town[code(f.Towns, "Wattrelos")] != 1 {
		t.Errorf("towns for soudure: %v", c.Town)
	}
	if c.Sector[code(f.Sectors, "Industrie")] != 2 || c.Sector[code(f.Sectors, "Textile")] != 1 || c.Hiring != 1 {
		t.Errorf("sectors for soudure: %v, hiring %d", c.Sector, c.Hiring)
	}
	if c.Skill[code(f.Skills, "Soudure")] != 3 {
		t.Errorf("skills for soudure: %v", c.Skill)
	}
	// Another query, other counts.
	c = ix.Count(ix.Search("web", nil))
	if c.Level[5] != 1 || c.Kind[code(f.Kinds, "formation")] != 1 || c.Sector[code(f.Sectors, "Industrie")] != 0 || c.Hiring != 0 {
		t.Errorf("counts for web: %+v", c)
	}
}

// TestSearchFindsEvents: an upcoming event is a result of kind
// « evenement », found by its kind and its place; a past one is not.
func TestSearchFindsEvents(t *testing.T) {
	event := func(slug, title string, start time.Time) *content.Page {
		p := &content.Page{Source: "content/evenements/" + slug + ".md", Kind: content.KindEvent, Section: content.Events,
			Slug: slug, Title: title, Summary: "Un rendez-vous."}
		p.SetData(&content.Event{Start: content.Date{Time: start, HasTime: true}, Kind: "job dating", Place: "Centre social du Sartel", Town: "Wattrelos"})
		return p
	}
	var diags diag.List
	s := link.Site(content.DefaultConfig(), []*content.Page{
		event("logistique", "Job dating logistique", time.Date(2027, 1, 21, 9, 0, 0, 0, time.UTC)),
		event("passe", "Job dating de l'an dernier", time.Date(2025, 1, 21, 9, 0, 0, 0, time.UTC)),
	}, link.Options{Now: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)}, &diags)
	ix := Build(s)
	for _, q := range []string{"job dating", "sartel", "événement"} {
		if got := titles(ix, ix.Search(q, nil)); got != "/evenements/logistique/" {
			t.Errorf("Search(%q) = %s, want the upcoming event only", q, got)
		}
	}
	for _, r := range ix.Records {
		if r.URL == "/evenements/logistique/" && (r.Kind != "evenement" || r.Meta != "21 janvier 2027 à 9 h · Wattrelos · job dating") {
			t.Errorf("record %+v", r)
		}
	}
}

// TestSearchFindsOffersAndCPF: an offer is a result of kind « offre »,
// found by its job and its contract; a training eligible to the CPF is
// found by « CPF » even when its funding list does not say so.
func TestSearchFindsOffersAndCPF(t *testing.T) {
	company := &content.Page{Source: "content/entreprises/atelier.md", Kind: content.KindCompany, Section: content.Companies, Slug: "atelier", Title: "Atelier", Summary: "Un atelier."}
	company.SetData(&content.Company{Town: "Roubaix", Sectors: []string{"Textile"},
		Offers: []content.Offer{{Title: "Soudeuse", Contract: "CDI", Date: content.Date{Time: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)}}}})
	training := &content.Page{Source: "content/formations/couture.md", Kind: content.KindTraining, Section: content.Trainings, Slug: "couture", Title: "Couture", Summary: "Une formation."}
	training.SetData(&content.Training{Provider: "Campus", Town: "Roubaix", Skills: []string{"Couture"}, CPF: true})
	var diags diag.List
	s := link.Site(content.DefaultConfig(), []*content.Page{company, training}, link.Options{Now: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)}, &diags)
	ix := Build(s)
	for q, want := range map[string]string{"soudeuse": "/entreprises/atelier/offres/soudeuse/", "CDI": "/entreprises/atelier/offres/soudeuse/", "CPF": "/formations/couture/"} {
		if got := titles(ix, ix.Search(q, nil)); got != want {
			t.Errorf("Search(%q) = %s, want %s", q, got, want)
		}
	}
	for _, r := range ix.Records {
		if strings.Contains(r.URL, "/offres/") && r.Kind != "offre" {
			t.Errorf("record %+v", r)
		}
	}
}
