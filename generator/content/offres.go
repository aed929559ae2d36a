package content

import (
	"strconv"
	"strings"
	"time"

	"terredetalents/generator/diag"
)

// Job offers: the [[offers]] blocks of a company's front matter, each
// published as its own page at /entreprises/<company>/offres/<slug>/ and
// listed, newest first, at /offres/. An offer is published from its date
// until the day before it expires.

// KindOffer is the kind of an offer page, and its layout.
const KindOffer Kind = "offre"

// Offers is the section of the offers: the list at /offres/. Its pages
// come from companies' front matter, never from files of content/offres/.
const Offers = "offres"

var _ = Register(&SectionDef{
	Name: Offers, Kind: KindOffer, New: "",
	Title: "Offres d'emploi", One: "offre", Many: "offres",
	Menu: 5, TermOrder: 1, Order: NewestFirst,
	FrontMatter: func() any { return &Offer{} },
	DerivedFrom: Companies,
	Funcs: func(s *Site) map[string]any {
		return map[string]any{
			// offersFor lists up to n open offers that need any of skills.
			"offersFor": func(skills []string, n int) []*Page { return s.PagesForSkills(Offers, skills, n, nil) },
		}
	},
})

// Contracts are the kinds of contract an offer may be.
var Contracts = []string{"CDI", "CDD", "intérim", "alternance", "stage", "insertion"}

// Offer is one [[offers]] block of a company.
type Offer struct {
	Title       string   `fm:"title,required" label:"Poste" example:"\"Soudeur / soudeuse\""`
	Contract    string   `fm:"contract,required" oneof:"CDI|CDD|intérim|alternance|stage|insertion" label:"Contrat" example:"\"CDI\""`
	Date        Date     `fm:"date,required" label:"Date de publication" example:"2026-11-20"`
	Expires     Date     `fm:"expires" label:"Date de fin de publication (l'offre n'est plus publiée ce jour-là)" example:"2027-01-31"`
	Skills      []string `fm:"skills" taxonomy:"skills" label:"Compétences demandées" example:"[\"Soudure\"]"`
	Town        string   `fm:"town" taxonomy:"town" label:"Commune du poste (par défaut, celle de l'entreprise)" example:"\"Roubaix\""`
	Apply       string   `fm:"apply" url:"contact" label:"Où postuler (courriel ou adresse web ; par défaut, le contact de l'entreprise)" example:"\"recrutement@exemple.fr\""`
	ROME        string   `fm:"rome" label:"Code ROME du métier" example:"\"H2913\""`
	Description string   `fm:"description" long:"" label:"Description du poste (texte simple)" example:"\"Vous assemblez des pièces de chaudronnerie…\""`
	Pos         diag.Pos `pos:""`
	// Company is the company whose front matter holds the offer.
	Company Ref `ref:"entreprises"`
}

// Offer returns the offer of an offer page, or nil.
func (p *Page) Offer() *Offer { o, _ := p.Data.(*Offer); return o }

// Offers are the open offers carrying a term.
func (t *Term) Offers() []*Page { return t.Group(Offers) }

// Open reports whether the offer is published at now: from its date until
// the day before it expires.
func (o *Offer) Open(now time.Time) bool {
	return o.Expires.IsZero() || !o.Expires.Reached(now)
}

// Published: an expired offer has no page at all.
func (o *Offer) Published(now time.Time) bool { return o.Open(now) }

// offerPages makes the pages of a company's offers; their URLs are below
// the company's.
func offerPages(company *Page, c *Company) []*Page {
	var pages []*Page
	seen := map[string]int{}
	for i := range c.Offers {
		o := &c.Offers[i]
		if o.Title == "" {
			continue
		}
		slug := Slugify(o.Title)
		if seen[slug]++; seen[slug] > 1 {
			slug += "-" + strconv.Itoa(seen[slug])
		}
		if o.Town == "" {
			o.Town = c.Town
		}
		if o.Apply == "" {
			o.Apply = c.Contact
		}
		o.Company = Ref{Slug: company.Slug, Pos: o.Pos}
		p := &Page{
			Source:  company.Source,
			Kind:    KindOffer,
			Section: Offers,
			Slug:    company.Slug + "-" + slug,
			SlugPos: o.Pos,
			URL:     company.URL + "offres/" + slug + "/",
			Title:   o.Title,
			Summary: offerSummary(company, o),
			Date:    o.Date,
			DatePos: o.Pos,
			Draft:   company.Draft,
			// Made from the company's front matter.
			FrontHash: company.FrontHash,
		}
		p.SortKey = Slugify(p.Title)
		p.SetData(o)
		pages = append(pages, p)
	}
	return pages
}

// offerSummary is the line lists show under the job: the company and the
// town.
func offerSummary(company *Page, o *Offer) string {
	return company.Title + ", à " + o.Town
}

// ApplyLabel says what the apply button does.
func (o *Offer) ApplyLabel() string {
	if strings.HasPrefix(o.Apply, "mailto:") {
		return "Postuler par courriel"
	}
	return "Postuler"
}

// Search adds the contract and the ROME code.
func (o *Offer) Search(p *Page) SearchInfo {
	return SearchInfo{Terms: []string{o.Contract, o.ROME, "offre", "emploi"}, Meta: o.Contract + " · " + o.Town}
}

type apiOffer struct {
	APICommon
	Contract    string   `json:"contract"`
	Expires     string   `json:"expires,omitempty"`
	Company     *APIRef  `json:"company"`
	Town        string   `json:"town"`
	Skills      []string `json:"skills"`
	Apply       string   `json:"apply,omitempty"`
	ROME        string   `json:"rome,omitempty"`
	Description string   `json:"description,omitempty"`
}

// OpenData is the offer's record in /api/offres.json.
func (o *Offer) OpenData(s *Site, p *Page, abs func(string) string) any {
	return apiOffer{APICommon: NewAPICommon(p, abs), Contract: o.Contract, Expires: o.Expires.ISO(),
		Company: APIRefTo(s.RefOut(p, "company"), abs), Town: o.Town, Skills: List(o.Skills),
		Apply: o.Apply, ROME: o.ROME, Description: o.Description}
}

type ldJobPosting struct {
	Context            string        `json:"@context"`
	Type               string        `json:"@type"`
	DatePosted         string        `json:"datePosted"`
	Description        string        `json:"description"`
	DirectApply        bool          `json:"directApply"`
	EmploymentType     []string      `json:"employmentType"`
	HiringOrganization ldHiringOrg   `json:"hiringOrganization"`
	Identifier         ldIdentifier  `json:"identifier"`
	JobLocation        ldJobLocation `json:"jobLocation"`
	OccupationalCat    string        `json:"occupationalCategory,omitempty"`
	Skills             string        `json:"skills,omitempty"`
	Title              string        `json:"title"`
	URL                string        `json:"url"`
	ValidThrough       string        `json:"validThrough,omitempty"`
}

type ldHiringOrg struct {
	Type   string `json:"@type"`
	Logo   string `json:"logo,omitempty"`
	Name   string `json:"name"`
	SameAs string `json:"sameAs,omitempty"`
}

type ldIdentifier struct {
	Type  string `json:"@type"`
	Name  string `json:"name"`
	Value string `json:"value"`
}

type ldJobLocation struct {
	Type    string          `json:"@type"`
	Address LDPostalAddress `json:"address"`
}

// employmentTypes maps our contracts to schema.org's (Google's) values.
var employmentTypes = map[string][]string{
	"CDI": {"FULL_TIME"}, "CDD": {"TEMPORARY"}, "intérim": {"TEMPORARY"},
	"alternance": {"FULL_TIME", "INTERN"}, "stage": {"INTERN"}, "insertion": {"TEMPORARY"},
}

// JSONLD describes the offer as a schema.org JobPosting, complete enough
// for job search engines.
func (o *Offer) JSONLD(s *Site, p *Page, abs func(string) string) any {
	company := s.RefOut(p, "company")
	org := ldHiringOrg{Type: "Organization"}
	address := ""
	if company != nil {
		c := company.Company()
		org.Name, org.SameAs = company.Title, c.Website
		if c.Logo.Name != "" {
			org.Logo = abs(company.URL + c.Logo.Name)
		}
		if o.Town == c.Town {
			address = c.Address
		}
	}
	description := o.Description
	if description == "" {
		description = p.Summary
	}
	jp := ldJobPosting{
		Context:            SchemaOrg,
		Type:               "JobPosting",
		DatePosted:         o.Date.ISO(),
		Description:        description,
		DirectApply:        o.Apply != "",
		EmploymentType:     employmentTypes[o.Contract],
		HiringOrganization: org,
		Identifier:         ldIdentifier{Type: "PropertyValue", Name: org.Name, Value: p.Slug},
		JobLocation:        ldJobLocation{Type: "Place", Address: NewAddress(o.Town, address)},
		OccupationalCat:    o.ROME,
		Skills:             strings.Join(o.Skills, ", "),
		Title:              o.Title,
		URL:                abs(p.URL),
	}
	if !o.Expires.IsZero() {
		// The offer is withdrawn on its expiry day: valid through the day
		// before, at its last second in Paris.
		last := time.Date(o.Expires.Year(), o.Expires.Month(), o.Expires.Day(), 0, 0, 0, 0, Paris).Add(-time.Second)
		jp.ValidThrough = last.Format(time.RFC3339)
	}
	return jp
}
