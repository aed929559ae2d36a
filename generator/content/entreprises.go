package content

import (
	"strconv"
	"time"

	"terredetalents/generator/diag"
)

// Companies: the profiles of local companies, at /entreprises/<slug>/.

// KindCompany is the kind of a company page, and its layout.
const KindCompany Kind = "entreprise"

var _ = Register(&SectionDef{
	Name: Companies, Kind: KindCompany, New: "entreprise",
	Title: "Entreprises", One: "entreprise", Many: "entreprises",
	Menu: 1, TermOrder: 2, Order: ByTitle,
	FrontMatter: func() any { return &Company{} },
	Funcs: func(s *Site) map[string]any {
		return map[string]any{
			// hiringFor lists up to n companies that hire for any of skills.
			"hiringFor": func(skills []string, n int) []*Page {
				return s.PagesForSkills(Companies, skills, n, func(p *Page) bool { return p.Company().IsHiring() })
			},
		}
	},
})

// Companies is the folder of the entreprises, and the first segment of their URLs.
const Companies = "entreprises"

// Company is the front matter of a company profile.
type Company struct {
	Sectors     []string `fm:"sectors,required" taxonomy:"sectors" label:"Secteurs d'activité" example:"[\"Textile\", \"Industrie\"]"`
	Town        string   `fm:"town,required" taxonomy:"town" label:"Commune" example:"\"Roubaix\""`
	Skills      []string `fm:"skills" taxonomy:"skills" label:"Compétences recherchées" example:"[\"Soudure\", \"Conduite de ligne\"]"`
	Hiring      bool     `fm:"hiring" label:"Recrute en ce moment" example:"true"`
	Size        string   `fm:"size" label:"Effectif" example:"\"10-49\""`
	Founded     int      `fm:"founded" min:"1700" max:"2100" label:"Année de création" example:"1998"`
	Website     string   `fm:"website" url:"web" label:"Site web" example:"\"https://www.exemple.fr\""`
	Logo        Resource `fm:"logo" resource:"" label:"Logo (fichier à côté de la page)" example:"\"logo.png\""`
	Address     string   `fm:"address" label:"Adresse" example:"\"12 rue de l'Épeule, 59100 Roubaix\""`
	Commitments []string `fm:"commitments" taxonomy:"commitments" label:"Engagements" example:"[\"Alternance\", \"Handicap\"]"`
	Contact     string   `fm:"contact" url:"contact" label:"Contact pour candidater (courriel ou adresse web)" example:"\"recrutement@exemple.fr\""`
	Phone       string   `fm:"phone" label:"Téléphone" example:"\"03 20 00 00 00\""`
	Offers      []Offer  `fm:"offers" label:"Offres d'emploi"`

	openOffers int // published offers, counted once the site is linked
}

// IsHiring: a company hires when it says so or has an open offer.
func (c *Company) IsHiring() bool { return c.Hiring || c.openOffers > 0 }

// Children are the pages of the company's offers.
func (c *Company) Children(p *Page) []*Page { return offerPages(p, c) }

// Derive counts the company's published offers.
func (c *Company) Derive(s *Site, p *Page) { c.openOffers = len(s.RefsIn(p, Offers)) }

// Check compares each offer's dates.
func (c *Company) Check(ch Checks) {
	for i, o := range c.Offers {
		if !o.Expires.IsZero() && !o.Date.IsZero() && !o.Expires.After(o.Date.Time) {
			ch.Errorf("offers."+strconv.Itoa(i)+".expires", "offer-expires-before-date",
				"l'offre « %s » expire le %s, avant d'être publiée le %s : vérifiez les champs date et expires", o.Title, o.Expires.French(), o.Date.French())
		}
	}
}

// offerMaxAge is how long an offer without expiry date stays credible.
const offerMaxAge = 90 * 24 * time.Hour

// CheckSite warns about offers that expired (they are no longer
// published) and offers open for more than 90 days without expiry date.
func (c *Company) CheckSite(s *Site, p *Page, diags *diag.List) {
	for _, o := range c.Offers {
		switch {
		case o.Date.IsZero():
		case !o.Open(s.Now):
			diags.Warnf(o.Pos, "offer-expired",
				"l'offre « %s » a expiré le %s : elle n'est plus publiée ; retirez ce bloc [[offers]], ou repoussez sa date de fin « expires » si le poste est toujours à pourvoir", o.Title, o.Expires.French())
		case o.Expires.IsZero() && s.Now.Sub(o.Date.Time) > offerMaxAge:
			diags.Warnf(o.Pos, "offer-old",
				"l'offre « %s » est publiée depuis le %s, plus de 90 jours, sans date de fin : ajoutez-en une, par exemple expires = %s, ou retirez-la si le poste est pourvu", o.Title, o.Date.French(), s.Now.AddDate(0, 1, 0).Format("2006-01-02"))
		}
	}
}

// Company returns the company front matter of a page, or nil.
func (p *Page) Company() *Company { c, _ := p.Data.(*Company); return c }

// Companies are the companies carrying a term.
func (t *Term) Companies() []*Page { return t.Group(Companies) }

// Search adds the commitments to the words and says whether it hires.
func (c *Company) Search(p *Page) SearchInfo {
	meta := ""
	for i, s := range c.Sectors {
		if i > 0 {
			meta += ", "
		}
		meta += s
	}
	meta += " · " + c.Town
	if c.IsHiring() {
		meta += " · recrute"
	}
	return SearchInfo{Terms: c.Commitments, Meta: meta, Hiring: c.IsHiring()}
}

type apiCompany struct {
	APICommon
	Sectors     []string `json:"sectors"`
	Town        string   `json:"town"`
	Skills      []string `json:"skills"`
	Hiring      bool     `json:"hiring"`
	Size        string   `json:"size,omitempty"`
	Founded     int      `json:"founded,omitempty"`
	Website     string   `json:"website,omitempty"`
	Address     string   `json:"address,omitempty"`
	Commitments []string `json:"commitments"`
	Logo        string   `json:"logo,omitempty"`
	Contact     string   `json:"contact,omitempty"`
	Phone       string   `json:"phone,omitempty"`
	Offers      []APIRef `json:"offers"`    // its published offers
	Trainings   []APIRef `json:"trainings"` // trainings it partners with
	Stories     []APIRef `json:"stories"`
}

// OpenData is the company's record in /api/entreprises.json.
func (c *Company) OpenData(s *Site, p *Page, abs func(string) string) any {
	item := apiCompany{APICommon: NewAPICommon(p, abs), Sectors: List(c.Sectors), Town: c.Town, Skills: List(c.Skills),
		Hiring: c.IsHiring(), Size: c.Size, Founded: c.Founded, Website: c.Website, Address: c.Address,
		Commitments: List(c.Commitments), Contact: c.Contact, Phone: c.Phone, Offers: APIRefs(s.RefsIn(p, Offers), abs), Trainings: APIRefs(s.RefsIn(p, Trainings), abs), Stories: APIRefs(s.RefsIn(p, Stories), abs)}
	if c.Logo.Name != "" {
		item.Logo = abs(p.URL + c.Logo.Name)
	}
	return item
}

type ldOrganization struct {
	Context      string          `json:"@context"`
	Type         string          `json:"@type"`
	Address      LDPostalAddress `json:"address"`
	Description  string          `json:"description"`
	FoundingDate string          `json:"foundingDate,omitempty"`
	KnowsAbout   []string        `json:"knowsAbout,omitempty"`
	Logo         string          `json:"logo,omitempty"`
	Name         string          `json:"name"`
	SameAs       []string        `json:"sameAs,omitempty"`
	URL          string          `json:"url"`
}

// JSONLD describes the company as a schema.org Organization.
func (c *Company) JSONLD(_ *Site, p *Page, abs func(string) string) any {
	org := ldOrganization{
		Context:     SchemaOrg,
		Type:        "Organization",
		Address:     NewAddress(c.Town, c.Address),
		Description: p.Summary,
		KnowsAbout:  c.Skills,
		Name:        p.Title,
		URL:         abs(p.URL),
	}
	if c.Logo.Name != "" {
		org.Logo = abs(p.URL + c.Logo.Name)
	}
	if c.Website != "" {
		org.SameAs = []string{c.Website}
	}
	if c.Founded != 0 {
		org.FoundingDate = strconv.Itoa(c.Founded)
	}
	return org
}

// Hiring returns the first n companies that hire, by name.
func (s *Site) Hiring(n int) []*Page {
	var out []*Page
	if sec := s.Section(Companies); sec != nil {
		for _, p := range sec.Pages {
			if p.Company().IsHiring() && len(out) < n {
				out = append(out, p)
			}
		}
	}
	return out
}
