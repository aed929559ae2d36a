package content

// Stories: success stories of people trained and hired nearby, at
// /reussites/<slug>/.

// KindStory is the kind of a story page, and its layout.
const KindStory Kind = "reussite"

var _ = Register(&SectionDef{
	Name: Stories, Kind: KindStory, New: "reussite",
	Title: "Réussites", One: "réussite", Many: "réussites",
	Menu: 3, TermOrder: 3, Order: NewestFirst,
	FrontMatter: func() any { return &Story{} },
})

// Stories is the folder of the reussites, and the first segment of their URLs.
const Stories = "reussites"

// StoryKinds are the kinds of path a story tells.
var StoryKinds = []string{"emploi", "alternance", "création", "reconversion"}

// Story is the front matter of a success story.
type Story struct {
	Person   string   `fm:"person,required" label:"Prénom" example:"\"Amina\""`
	Job      string   `fm:"job,required" label:"Métier obtenu" example:"\"Développeuse web\""`
	Kind     string   `fm:"kind" oneof:"emploi|alternance|création|reconversion" taxonomy:"kind" label:"Parcours" example:"\"reconversion\""`
	Company  Ref      `fm:"company" ref:"entreprises" label:"Entreprise (nom du fichier)" example:"\"code-mosaique\""`
	Training Ref      `fm:"training" ref:"formations" label:"Formation (nom du fichier)" example:"\"developpeur-web-et-web-mobile\""`
	Town     string   `fm:"town" taxonomy:"town" label:"Commune" example:"\"Roubaix\""`
	Skills   []string `fm:"skills" taxonomy:"skills" label:"Compétences acquises" example:"[\"Développement web\"]"`
	Quote    string   `fm:"quote" long:"" label:"Citation de la personne" example:"\"J'ai trouvé ma voie.\""`
	Photo    Resource `fm:"photo" resource:"" label:"Photo (fichier à côté de la page)" example:"\"portrait.jpg\""`
}

// Story returns the story front matter of a page, or nil.
func (p *Page) Story() *Story { s, _ := p.Data.(*Story); return s }

// Stories are the stories carrying a term.
func (t *Term) Stories() []*Page { return t.Group(Stories) }

// Search adds the person, the job and the kind of path.
func (s *Story) Search(p *Page) SearchInfo {
	meta := s.Person + ", " + s.Job
	if s.Town != "" {
		meta += " · " + s.Town
	}
	return SearchInfo{Terms: []string{s.Person, s.Job, s.Kind}, Meta: meta}
}

type apiStory struct {
	APICommon
	Person   string   `json:"person"`
	Job      string   `json:"job"`
	Kind     string   `json:"kind,omitempty"`
	Company  *APIRef  `json:"company,omitempty"`
	Training *APIRef  `json:"training,omitempty"`
	Town     string   `json:"town,omitempty"`
	Skills   []string `json:"skills"`
	Quote    string   `json:"quote,omitempty"`
	Photo    string   `json:"photo,omitempty"`
}

// OpenData is the story's record in /api/reussites.json.
func (s *Story) OpenData(site *Site, p *Page, abs func(string) string) any {
	item := apiStory{APICommon: NewAPICommon(p, abs), Person: s.Person, Job: s.Job, Kind: s.Kind, Town: s.Town,
		Skills: List(s.Skills), Quote: s.Quote,
		Company: APIRefTo(site.RefOut(p, "company"), abs), Training: APIRefTo(site.RefOut(p, "training"), abs)}
	if s.Photo.Name != "" {
		item.Photo = abs(p.URL + s.Photo.Name)
	}
	return item
}

type ldArticle struct {
	Context       string              `json:"@context"`
	Type          string              `json:"@type"`
	About         ldPerson            `json:"about"`
	DatePublished string              `json:"datePublished,omitempty"`
	Description   string              `json:"description"`
	Headline      string              `json:"headline"`
	Image         string              `json:"image,omitempty"`
	InLanguage    string              `json:"inLanguage"`
	Publisher     *LDOrganizationName `json:"publisher,omitempty"`
	URL           string              `json:"url"`
}

type ldPerson struct {
	Type      string              `json:"@type"`
	GivenName string              `json:"givenName"`
	JobTitle  string              `json:"jobTitle"`
	WorksFor  *LDOrganizationName `json:"worksFor,omitempty"`
}

// JSONLD describes the story as a schema.org Article about a Person.
func (s *Story) JSONLD(site *Site, p *Page, abs func(string) string) any {
	a := ldArticle{
		Context:     SchemaOrg,
		Type:        "Article",
		About:       ldPerson{Type: "Person", GivenName: s.Person, JobTitle: s.Job},
		Description: p.Summary,
		Headline:    p.Title,
		InLanguage:  site.Config.Language,
		URL:         abs(p.URL),
	}
	if name := site.Config.Organization.Name; name != "" {
		a.Publisher = &LDOrganizationName{Type: "Organization", Name: name}
	}
	if !p.Date.IsZero() {
		a.DatePublished = p.Date.ISO()
	}
	if s.Photo.Name != "" {
		a.Image = abs(p.URL + s.Photo.Name)
	}
	if c := site.RefOut(p, "company"); c != nil {
		a.About.WorksFor = &LDOrganizationName{Type: "Organization", Name: c.Title, URL: abs(c.URL)}
	}
	return a
}
