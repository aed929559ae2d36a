package render

import (
	"strconv"
	"strings"

	"terredetalents/generator/content"
)

// Structured data for search engines (schema.org, JSON-LD). The values are
// plain structs: html/template encodes them as JSON inside the script
// element and escapes "<", so no content can close the block. Fields are
// declared in the order of their JSON names, the order a map would print
// them in; optional ones are left out when empty.

// jsonLD describes the page a job shows, or returns nil.
func jsonLD(site *content.Site, d *Data, abs func(string) string) any {
	p := d.Page
	switch d.Layout {
	case "home":
		return ldWebSite{
			Context:     schemaOrg,
			Type:        "WebSite",
			Description: site.Config.Description,
			InLanguage:  site.Config.Language,
			Name:        site.Config.Title,
			PotentialAction: ldSearchAction{
				Type:       "SearchAction",
				QueryInput: "required name=search_term_string",
				Target:     abs("/recherche/") + "?q={search_term_string}",
			},
			URL: abs("/"),
		}
	case "entreprise":
		return organization(p, abs)
	case "formation":
		return course(site, p, abs)
	case "reussite":
		return article(site, p, abs)
	}
	return nil
}

const schemaOrg = "https://schema.org"

type ldWebSite struct {
	Context         string         `json:"@context"`
	Type            string         `json:"@type"`
	Description     string         `json:"description"`
	InLanguage      string         `json:"inLanguage"`
	Name            string         `json:"name"`
	PotentialAction ldSearchAction `json:"potentialAction"`
	URL             string         `json:"url"`
}

type ldSearchAction struct {
	Type       string `json:"@type"`
	QueryInput string `json:"query-input"`
	Target     string `json:"target"`
}

type ldOrganization struct {
	Context      string          `json:"@context"`
	Type         string          `json:"@type"`
	Address      ldPostalAddress `json:"address"`
	Description  string          `json:"description"`
	FoundingDate string          `json:"foundingDate,omitempty"`
	KnowsAbout   []string        `json:"knowsAbout,omitempty"`
	Logo         string          `json:"logo,omitempty"`
	Name         string          `json:"name"`
	SameAs       []string        `json:"sameAs,omitempty"`
	URL          string          `json:"url"`
}

type ldPostalAddress struct {
	Type            string `json:"@type"`
	AddressCountry  string `json:"addressCountry"`
	AddressLocality string `json:"addressLocality"`
	StreetAddress   string `json:"streetAddress,omitempty"`
}

func organization(p *content.Page, abs func(string) string) ldOrganization {
	c := p.Company
	org := ldOrganization{
		Context:     schemaOrg,
		Type:        "Organization",
		Address:     ldPostalAddress{Type: "PostalAddress", AddressCountry: "FR", AddressLocality: c.Town, StreetAddress: c.Address},
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

type ldCourse struct {
	Context           string             `json:"@context"`
	Type              string             `json:"@type"`
	Description       string             `json:"description"`
	HasCourseInstance []ldInstance       `json:"hasCourseInstance,omitempty"`
	InLanguage        string             `json:"inLanguage"`
	Name              string             `json:"name"`
	CredentialAwarded *ldCredential      `json:"occupationalCredentialAwarded,omitempty"`
	Provider          ldOrganizationName `json:"provider"`
	Teaches           []string           `json:"teaches,omitempty"`
	TimeRequired      string             `json:"timeRequired,omitempty"`
	URL               string             `json:"url"`
}

type ldCredential struct {
	Type               string `json:"@type"`
	CredentialCategory string `json:"credentialCategory"`
	Name               string `json:"name"`
	URL                string `json:"url"`
}

type ldOrganizationName struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

type ldInstance struct {
	Type       string  `json:"@type"`
	CourseMode string  `json:"courseMode"`
	EndDate    string  `json:"endDate,omitempty"`
	Location   ldPlace `json:"location"`
	Capacity   int     `json:"maximumAttendeeCapacity,omitempty"`
	StartDate  string  `json:"startDate"`
}

type ldPlace struct {
	Type    string          `json:"@type"`
	Address ldPostalAddress `json:"address"`
	Name    string          `json:"name"`
}

func course(site *content.Site, p *content.Page, abs func(string) string) ldCourse {
	t := p.Training
	c := ldCourse{
		Context:     schemaOrg,
		Type:        "Course",
		Description: p.Summary,
		InLanguage:  site.Config.Language,
		Name:        p.Title,
		Provider:    ldOrganizationName{Type: "Organization", Name: t.Provider},
		Teaches:     t.Skills,
		URL:         abs(p.URL),
	}
	if t.RNCP != "" {
		c.CredentialAwarded = &ldCredential{
			Type:               "EducationalOccupationalCredential",
			CredentialCategory: "Certification enregistrée au RNCP",
			Name:               t.RNCP,
			URL:                "https://www.francecompetences.fr/recherche/rncp/" + strings.TrimPrefix(t.RNCP, "RNCP") + "/",
		}
	}
	if t.DurationHours > 0 {
		c.TimeRequired = "PT" + strconv.Itoa(t.DurationHours) + "H"
	}
	for _, s := range site.UpcomingSessions(t) {
		inst := ldInstance{
			Type:       "CourseInstance",
			CourseMode: courseMode(t.Mode),
			StartDate:  s.Start.ISO(),
			Location: ldPlace{
				Type:    "Place",
				Address: ldPostalAddress{Type: "PostalAddress", AddressCountry: "FR", AddressLocality: t.Town},
				Name:    t.Provider,
			},
		}
		if !s.End.IsZero() {
			inst.EndDate = s.End.ISO()
		}
		if s.Seats > 0 {
			inst.Capacity = s.Seats
		}
		c.HasCourseInstance = append(c.HasCourseInstance, inst)
	}
	return c
}

// courseMode maps our modes to schema.org's vocabulary.
func courseMode(mode string) string {
	switch mode {
	case "distanciel":
		return "online"
	case "hybride", "alternance":
		return "blended"
	}
	return "onsite"
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
	Publisher     *ldOrganizationName `json:"publisher,omitempty"`
	URL           string              `json:"url"`
}

type ldPerson struct {
	Type      string      `json:"@type"`
	GivenName string      `json:"givenName"`
	JobTitle  string      `json:"jobTitle"`
	WorksFor  *ldEmployer `json:"worksFor,omitempty"`
}

type ldEmployer struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url"`
}

func article(site *content.Site, p *content.Page, abs func(string) string) ldArticle {
	s := p.Story
	a := ldArticle{
		Context:     schemaOrg,
		Type:        "Article",
		About:       ldPerson{Type: "Person", GivenName: s.Person, JobTitle: s.Job},
		Description: p.Summary,
		Headline:    p.Title,
		InLanguage:  site.Config.Language,
		URL:         abs(p.URL),
	}
	if name := site.Config.Organization.Name; name != "" {
		a.Publisher = &ldOrganizationName{Type: "Organization", Name: name}
	}
	if !p.Date.IsZero() {
		a.DatePublished = p.Date.ISO()
	}
	if s.Photo.Name != "" {
		a.Image = abs(p.URL + s.Photo.Name)
	}
	if c := site.Refs.Company[p.URL]; c != nil {
		a.About.WorksFor = &ldEmployer{Type: "Organization", Name: c.Title, URL: abs(c.URL)}
	}
	return a
}
