package index

import (
	"encoding/json"
	"strings"

	"terredetalents/generator/content"
)

// Open data: /api/entreprises.json, /api/formations.json and
// /api/reussites.json hold every published record with its fields, its
// absolute URL and its references resolved. The schema is documented in
// docs/donnees-ouvertes.md and docs/api/*.schema.json; SchemaVersion
// changes only when a field is removed or changes meaning.

// SchemaVersion is the version of the open data format.
const SchemaVersion = 1

type apiFile struct {
	Schema  string `json:"$schema"`
	Version int    `json:"version"`
	Site    string `json:"site"`
	License string `json:"license"`
	Count   int    `json:"count"`
	Items   any    `json:"items"`
}

// WriteOpenData writes the three /api/ files, with URLs under the site's
// base URL.
func WriteOpenData(site *content.Site, out Output) error {
	base := strings.TrimSuffix(site.Config.BaseURL, "/")
	abs := func(path string) string { return base + path }
	for _, sec := range site.Sections {
		items := []any{}
		if _, ok := sec.Def.FrontMatter().(content.OpenData); !ok {
			continue
		}
		// The section's list, then its pages that left it (a past event
		// stays a record).
		for _, p := range sec.Pages {
			items = append(items, p.Data.(content.OpenData).OpenData(site, p, abs))
		}
		for _, p := range site.Pages {
			if p.Section == sec.Name && !p.Listed(site.Now) {
				items = append(items, p.Data.(content.OpenData).OpenData(site, p, abs))
			}
		}
		data, err := json.MarshalIndent(apiFile{
			Schema:  abs("/api/" + sec.Name + ".schema.json"),
			Version: SchemaVersion,
			Site:    strings.TrimSuffix(abs("/"), "/"),
			License: "Licence Ouverte / Open Licence 2.0 (Etalab)",
			Count:   len(items),
			Items:   items,
		}, "", " ")
		if err != nil {
			return err
		}
		if err := out.WriteFile("api/"+sec.Name+".json", append(data, '\n')); err != nil {
			return err
		}
	}
	return nil
}
