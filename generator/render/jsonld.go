package render

import (
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
			Context:     content.SchemaOrg,
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
	}
	if sd, ok := p.Data.(content.StructuredData); ok && d.Layout == string(p.Kind) {
		return sd.JSONLD(site, p, abs)
	}
	return nil
}

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
