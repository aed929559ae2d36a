package render

import (
	"strconv"
	"strings"

	"terredetalents/generator/content"
)

// Structured data for search engines (schema.org, JSON-LD). The values are
// plain structs: html/template encodes them as JSON inside the script
// element and escapes "<", so no content can close the block.

type ldThing = map[string]any

// jsonLD describes the page a job shows, or returns nil.
func jsonLD(site *content.Site, d *Data, abs func(string) string) any {
	p := d.Page
	switch d.Layout {
	case "home":
		return ldThing{
			"@context":    "https://schema.org",
			"@type":       "WebSite",
			"name":        site.Config.Title,
			"description": site.Config.Description,
			"url":         abs("/"),
			"inLanguage":  site.Config.Language,
			"potentialAction": ldThing{
				"@type":       "SearchAction",
				"target":      abs("/recherche/") + "?q={search_term_string}",
				"query-input": "required name=search_term_string",
			},
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

func organization(p *content.Page, abs func(string) string) ldThing {
	c := p.Company
	org := ldThing{
		"@context":    "https://schema.org",
		"@type":       "Organization",
		"name":        p.Title,
		"description": p.Summary,
		"url":         abs(p.URL),
		"address": ldThing{
			"@type":           "PostalAddress",
			"addressLocality": c.Town,
			"addressCountry":  "FR",
		},
	}
	if c.Address != "" {
		org["address"].(ldThing)["streetAddress"] = c.Address
	}
	if c.Logo.Name != "" {
		org["logo"] = abs(p.URL + c.Logo.Name)
	}
	if c.Website != "" {
		org["sameAs"] = []string{c.Website}
	}
	if c.Founded != 0 {
		org["foundingDate"] = strconv.Itoa(c.Founded)
	}
	if len(c.Skills) > 0 {
		org["knowsAbout"] = c.Skills
	}
	return org
}

func course(site *content.Site, p *content.Page, abs func(string) string) ldThing {
	t := p.Training
	provider := ldThing{"@type": "Organization", "name": t.Provider}
	c := ldThing{
		"@context":    "https://schema.org",
		"@type":       "Course",
		"name":        p.Title,
		"description": p.Summary,
		"url":         abs(p.URL),
		"provider":    provider,
		"inLanguage":  site.Config.Language,
	}
	if len(t.Skills) > 0 {
		c["teaches"] = t.Skills
	}
	if t.RNCP != "" {
		c["occupationalCredentialAwarded"] = ldThing{
			"@type":              "EducationalOccupationalCredential",
			"name":               t.RNCP,
			"url":                "https://www.francecompetences.fr/recherche/rncp/" + strings.TrimPrefix(t.RNCP, "RNCP") + "/",
			"credentialCategory": "Certification enregistrée au RNCP",
		}
	}
	if t.DurationHours > 0 {
		c["timeRequired"] = "PT" + strconv.Itoa(t.DurationHours) + "H"
	}
	var instances []ldThing
	for _, s := range site.UpcomingSessions(t) {
		inst := ldThing{
			"@type":      "CourseInstance",
			"courseMode": courseMode(t.Mode),
			"startDate":  s.Start.ISO(),
			"location": ldThing{
				"@type":   "Place",
				"name":    t.Provider,
				"address": ldThing{"@type": "PostalAddress", "addressLocality": t.Town, "addressCountry": "FR"},
			},
		}
		if !s.End.IsZero() {
			inst["endDate"] = s.End.ISO()
		}
		if s.Seats > 0 {
			inst["maximumAttendeeCapacity"] = s.Seats
		}
		instances = append(instances, inst)
	}
	if len(instances) > 0 {
		c["hasCourseInstance"] = instances
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

func article(site *content.Site, p *content.Page, abs func(string) string) ldThing {
	s := p.Story
	a := ldThing{
		"@context":    "https://schema.org",
		"@type":       "Article",
		"headline":    p.Title,
		"description": p.Summary,
		"url":         abs(p.URL),
		"inLanguage":  site.Config.Language,
		"about":       ldThing{"@type": "Person", "givenName": s.Person, "jobTitle": s.Job},
	}
	if name := site.Config.Organization.Name; name != "" {
		a["publisher"] = ldThing{"@type": "Organization", "name": name}
	}
	if !p.Date.IsZero() {
		a["datePublished"] = p.Date.ISO()
	}
	if s.Photo.Name != "" {
		a["image"] = abs(p.URL + s.Photo.Name)
	}
	if c := site.Refs.Company[p.URL]; c != nil {
		a["about"].(ldThing)["worksFor"] = ldThing{"@type": "Organization", "name": c.Title, "url": abs(c.URL)}
	}
	return a
}
