package link

import (
	"strings"
	"testing"
	"time"

	"terredetalents/generator/content"
	"terredetalents/generator/diag"
)

var now = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

func company(slug, title string, skills ...string) *content.Page {
	return &content.Page{Source: "content/entreprises/" + slug + ".md", Kind: content.KindCompany, Section: content.Companies,
		Slug: slug, Title: title, Data: &content.Company{Town: "Roubaix", Sectors: []string{"Textile"}, Skills: skills},
		TermsByField: map[string][]string{"town": {"Roubaix"}, "sectors": {"Textile"}, "skills": skills}}
}

func training(slug string, partners ...string) *content.Page {
	t := &content.Training{Town: "Tourcoing", Skills: []string{"Soudure"}}
	for _, p := range partners {
		t.Partners = append(t.Partners, content.Ref{Slug: p, Pos: diag.Pos{File: "content/formations/" + slug + ".md", Line: 5, Col: 13}})
	}
	return &content.Page{Source: "content/formations/" + slug + ".md", Kind: content.KindTraining, Section: content.Trainings,
		Slug: slug, Title: slug, Data: t, TermsByField: map[string][]string{"town": {t.Town}, "skills": t.Skills}}
}

func story(slug, company, training string, date time.Time) *content.Page {
	pos := diag.Pos{File: "content/reussites/" + slug + ".md", Line: 6, Col: 11}
	return &content.Page{Source: "content/reussites/" + slug + ".md", Kind: content.KindStory, Section: content.Stories,
		Slug: slug, Title: slug, Date: content.Date{Time: date},
		Data:         &content.Story{Company: content.Ref{Slug: company, Pos: pos}, Training: content.Ref{Slug: training, Pos: pos}, Skills: []string{"soudure"}},
		TermsByField: map[string][]string{"skills": {"soudure"}}}
}

func messages(d *diag.List) []string {
	var out []string
	for _, it := range d.Items() {
		out = append(out, it.String())
	}
	return out
}

func TestReferencesResolveBothWays(t *testing.T) {
	pages := []*content.Page{
		company("atelier", "Atelier", "Soudure"),
		company("filature", "Filature"),
		training("soudeur", "atelier", "filature", "atelier"),
		story("amina", "atelier", "soudeur", now.AddDate(0, -1, 0)),
		story("leo", "atelier", "", now.AddDate(0, -2, 0)),
	}
	var d diag.List
	s := Site(content.DefaultConfig(), pages, Options{Now: now}, &d)
	if d.HasErrors() {
		t.Fatal(messages(&d))
	}
	if got := s.Refs.Out["/reussites/amina/"]["company"]; len(got) != 1 || got[0].Slug != "atelier" {
		t.Errorf("company of amina = %v", got)
	}
	if got := s.Refs.In["/entreprises/atelier/"][content.Stories]; len(got) != 2 || got[0].Slug != "amina" {
		t.Errorf("stories of atelier = %v (want newest first)", got)
	}
	if got := s.Refs.In["/formations/soudeur/"][content.Stories]; len(got) != 1 {
		t.Errorf("stories of soudeur = %v", got)
	}
	if got := s.Refs.Out["/formations/soudeur/"]["partners"]; len(got) != 2 {
		t.Errorf("partners (listed once each) = %v", got)
	}
	if got := s.Refs.In["/entreprises/filature/"][content.Trainings]; len(got) != 1 || got[0].Slug != "soudeur" {
		t.Errorf("trainings of filature = %v", got)
	}
	skills := s.Taxonomy("skills")
	if len(skills.Terms) != 1 || skills.Terms[0].Name != "Soudure" || skills.Terms[0].Count() != 4 {
		t.Errorf("one term Soudure on 4 pages expected, got %+v", skills.Terms[0])
	}
}

func TestLinkDiagnostics(t *testing.T) {
	tests := []struct {
		name  string
		pages []*content.Page
		want  []string
	}{
		{"unknown company with suggestion",
			[]*content.Page{company("atelier-lainier", "A"), story("amina", "atelier-lainer", "", now)},
			[]string{"content/reussites/amina.md:6:11: l'entreprise « atelier-lainer » n'existe pas ; vouliez-vous dire « atelier-lainier » ?"}},
		{"unknown training without suggestion",
			[]*content.Page{story("amina", "", "cuisine", now)},
			[]string{"content/reussites/amina.md:6:11: la formation « cuisine » n'existe pas : écrivez le nom d'un fichier de content/formations/ sans « .md »"}},
		{"reference to a draft",
			[]*content.Page{func() *content.Page { c := company("atelier", "A"); c.Draft = true; return c }(), story("amina", "atelier", "", now)},
			[]string{"content/reussites/amina.md:6:11: attention : l'entreprise « atelier » n'est pas publiée (brouillon ou date à venir) : le lien n'apparaîtra qu'une fois la page publiée"}},
		{"draft with an unknown reference is still checked",
			[]*content.Page{func() *content.Page { s := story("amina", "nulle", "", now); s.Draft = true; return s }()},
			[]string{"content/reussites/amina.md:6:11: l'entreprise « nulle » n'existe pas : écrivez le nom d'un fichier de content/entreprises/ sans « .md »"}},
		{"duplicate slug",
			[]*content.Page{company("atelier", "A"), func() *content.Page {
				c := company("atelier", "B")
				c.Source = "content/entreprises/b.md"
				c.SlugPos = diag.Pos{File: c.Source, Line: 4, Col: 8}
				return c
			}()},
			[]string{"content/entreprises/b.md:4:8: deux pages ont l'adresse /entreprises/atelier/ : celle-ci et content/entreprises/atelier.md ; renommez l'une des deux (ou changez son champ slug)"}},
		{"plain page on a generated URL",
			[]*content.Page{{Source: "content/recherche.md", Kind: content.KindPlain, Slug: "recherche", SlugPos: diag.Pos{File: "content/recherche.md"}}},
			[]string{"content/recherche.md:1:1: deux pages ont l'adresse /recherche/ : celle-ci et une page créée par le générateur ; renommez l'une des deux (ou changez son champ slug)"}},
		{"alias on a page",
			[]*content.Page{company("atelier", "A"), func() *content.Page {
				c := company("filature", "F")
				c.Aliases = []content.Ref{{Slug: "/entreprises/atelier/", Pos: diag.Pos{File: c.Source, Line: 5, Col: 12}}}
				return c
			}()},
			[]string{"content/entreprises/filature.md:5:12: l'ancienne adresse /entreprises/atelier/ est déjà prise par content/entreprises/atelier.md : une ancienne adresse ne remplace ni une page ni un fichier du site ; retirez-la de aliases"}},
		{"alias in a paginated list",
			[]*content.Page{func() *content.Page {
				c := company("filature", "F")
				c.Aliases = []content.Ref{{Slug: "/entreprises/page/2/", Pos: diag.Pos{File: c.Source, Line: 5, Col: 12}}}
				return c
			}()},
			[]string{"content/entreprises/filature.md:5:12: l'ancienne adresse /entreprises/page/2/ est déjà prise par la pagination de la liste : une ancienne adresse ne remplace ni une page ni un fichier du site ; retirez-la de aliases"}},
		{"aliases on generated files, the home, search and terms",
			[]*content.Page{func() *content.Page {
				c := company("filature", "F")
				for i, a := range []string{"/robots.txt/", "/", "/recherche/", "/communes/roubaix/", "/entreprises/index.xml/", "/css/site.css/", "/logo.svg/", "/ancienne-filature/"} {
					c.Aliases = append(c.Aliases, content.Ref{Slug: a, Pos: diag.Pos{File: c.Source, Line: 5 + i, Col: 12}})
				}
				return c
			}()},
			[]string{
				"content/entreprises/filature.md:5:12: l'ancienne adresse /robots.txt/ est déjà prise par une page créée par le générateur : une ancienne adresse ne remplace ni une page ni un fichier du site ; retirez-la de aliases",
				"content/entreprises/filature.md:6:12: l'ancienne adresse / est déjà prise par une page créée par le générateur : une ancienne adresse ne remplace ni une page ni un fichier du site ; retirez-la de aliases",
				"content/entreprises/filature.md:7:12: l'ancienne adresse /recherche/ est déjà prise par une page créée par le générateur : une ancienne adresse ne remplace ni une page ni un fichier du site ; retirez-la de aliases",
				"content/entreprises/filature.md:8:12: l'ancienne adresse /communes/roubaix/ est déjà prise par la page de commune « Roubaix » : une ancienne adresse ne remplace ni une page ni un fichier du site ; retirez-la de aliases",
				"content/entreprises/filature.md:9:12: l'ancienne adresse /entreprises/index.xml/ est déjà prise par le flux RSS des entreprises : une ancienne adresse ne remplace ni une page ni un fichier du site ; retirez-la de aliases",
				"content/entreprises/filature.md:10:12: l'ancienne adresse /css/site.css/ est déjà prise par un dossier créé par le générateur : une ancienne adresse ne remplace ni une page ni un fichier du site ; retirez-la de aliases",
				"content/entreprises/filature.md:11:12: l'ancienne adresse /logo.svg/ est déjà prise par un fichier du dossier static/ : une ancienne adresse ne remplace ni une page ni un fichier du site ; retirez-la de aliases",
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d diag.List
			Site(content.DefaultConfig(), tt.pages, Options{Now: now, Files: map[string]bool{"/logo.svg": true}}, &d)
			if got := messages(&d); strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestDraftsAndFuturePages(t *testing.T) {
	draft := company("brouillon", "Brouillon")
	draft.Draft = true
	future := story("demain", "", "", now.AddDate(0, 0, 1))
	today := story("aujourdhui", "", "", now.Add(-time.Hour))
	pages := []*content.Page{draft, future, today}
	for _, tt := range []struct {
		drafts bool
		want   string
	}{
		{false, "/reussites/aujourdhui/"},
		{true, "/entreprises/brouillon/ /reussites/aujourdhui/ /reussites/demain/"},
	} {
		var d diag.List
		s := Site(content.DefaultConfig(), pages, Options{Drafts: tt.drafts, Now: now}, &d)
		var urls []string
		for _, p := range s.Pages {
			urls = append(urls, p.URL)
		}
		if got := strings.Join(urls, " "); got != tt.want {
			t.Errorf("drafts=%v: published %s, want %s", tt.drafts, got, tt.want)
		}
	}
}

func TestUpcomingSessions(t *testing.T) {
	day := func(y int, m time.Month, d int) content.Date {
		return content.Date{Time: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
	}
	s := &content.Site{Now: now}
	tr := &content.Training{Sessions: []content.Session{{Start: day(2026, 11, 24)}, {Start: day(2026, 11, 25)}, {Start: day(2027, 1, 4)}}}
	if got := s.UpcomingSessions(tr); len(got) != 2 || got[0].Start.ISO() != "2026-11-25" {
		t.Errorf("upcoming = %v; a session starting today is still upcoming", got)
	}
}

func TestBodyLinks(t *testing.T) {
	at := func(line int) diag.Pos {
		return diag.Pos{File: "content/entreprises/atelier/index.md", Line: line, Col: 5}
	}
	p := company("atelier", "Atelier", "Soudure")
	p.Source, p.Resources = "content/entreprises/atelier/index.md", []string{"photo.jpg"}
	single := company("filature", "Filature", "Tissage")
	single.SetText("", []content.Link{{Dest: "fournil.jpg", Image: true, Alt: "Le fournil", Pos: diag.Pos{File: single.Source, Line: 3, Col: 1}}})
	p.SetText("", []content.Link{
		{Dest: "/formations/soudeur/", Pos: at(1)},
		{Dest: "/formations/soudeur", Pos: at(2)},
		{Dest: "../../formations/soudeur/#sessions", Pos: at(3)},
		{Dest: "/competences/soudure/", Pos: at(4)},
		{Dest: "/competences/soudure/entreprises/page/2/", Pos: at(4)},
		{Dest: "/formations/soudeuse/", Pos: at(5)},
		{Dest: "/documents/plaquette.pdf", Pos: at(6)},
		{Dest: "https://exemple.fr/nulle-part/", Pos: at(7)},
		{Dest: "mailto:contact@exemple.fr", Pos: at(8)},
		{Dest: "#haut", Pos: at(9)},
		{Dest: "photo.jpg", Image: true, Alt: "", Pos: at(10)},
		{Dest: "photo.jpg", Image: true, Alt: "L'atelier", Pos: at(11)},
		{Dest: "/entreprises/atelier/photo.jpg", Image: true, Alt: "L'atelier", Pos: at(12)},
		{Dest: "phot.jpg", Image: true, Alt: "L'atelier", Pos: at(13)},
		{Dest: "/documents/tarifs.pdf", Pos: at(14)},
		{Dest: "/api/entreprises.json", Pos: at(15)},
		{Dest: "../../formations/soudeur.md", Pos: at(16)},
		{Dest: "../../formations/soudeuse.md", Pos: at(17)},
	})
	var d diag.List
	files := map[string]bool{"/documents/plaquette.pdf": true}
	Site(content.DefaultConfig(), []*content.Page{p, single, training("soudeur")}, Options{Now: now, Files: files}, &d)
	want := []string{
		"content/entreprises/atelier/index.md:5:5: attention : le lien « /formations/soudeuse/ » ne mène à aucune page du site ; vouliez-vous dire « /formations/soudeur/ » ?",
		"content/entreprises/atelier/index.md:10:5: attention : image sans texte alternatif : décrivez-la entre les crochets, par exemple ![Atelier de couture à Roubaix](photo.jpg) ; laissez-les vides seulement si l'image est purement décorative",
		"content/entreprises/atelier/index.md:13:5: attention : l'image « phot.jpg » est introuvable : ajoutez phot.jpg dans le dossier content/entreprises/atelier/, à côté de index.md ; vouliez-vous dire « photo.jpg » ?",
		"content/entreprises/atelier/index.md:14:5: attention : le fichier « /documents/tarifs.pdf » est introuvable : placez tarifs.pdf dans le dossier static/ du site (static/documents/tarifs.pdf), ou corrigez l'adresse",
		"content/entreprises/atelier/index.md:16:5: attention : le lien « ../../formations/soudeur.md » mène au fichier d'une page, que le site ne publie pas : écrivez l'adresse de la page, /formations/soudeur/",
		"content/entreprises/atelier/index.md:17:5: attention : le fichier « ../../formations/soudeuse.md » est introuvable : ajoutez soudeuse.md dans le dossier content/entreprises/atelier/, à côté de index.md",
		"content/entreprises/filature.md:3:1: attention : l'image « fournil.jpg » est introuvable : une page rangée seule ne peut pas avoir de fichier à côté d'elle ; créez le dossier content/entreprises/filature/, rangez-y la page sous le nom index.md et fournil.jpg à côté (ou placez fournil.jpg dans static/ et écrivez /fournil.jpg)",
	}
	if got := messages(&d); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
