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

type apiRef struct {
	Slug  string `json:"slug"`
	Title string `json:"title"`
	URL   string `json:"url"`
}

type apiCommon struct {
	Slug    string `json:"slug"`
	URL     string `json:"url"`
	Title   string `json:"title"`
	Summary string `json:"summary"`
	Date    string `json:"date,omitempty"`
}

type apiCompany struct {
	apiCommon
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
	Trainings   []apiRef `json:"trainings"` // trainings it partners with
	Stories     []apiRef `json:"stories"`
}

type apiSession struct {
	Start string `json:"start"`
	End   string `json:"end,omitempty"`
	Seats int    `json:"seats,omitempty"`
}

type apiTraining struct {
	apiCommon
	Provider      string       `json:"provider"`
	Town          string       `json:"town"`
	Skills        []string     `json:"skills"`
	Level         int          `json:"level,omitempty"`
	RNCP          string       `json:"rncp,omitempty"`
	DurationHours int          `json:"duration_hours,omitempty"`
	Mode          string       `json:"mode,omitempty"`
	Funding       []string     `json:"funding"`
	ROME          []string     `json:"rome"`
	Sessions      []apiSession `json:"sessions"`
	Partners      []apiRef     `json:"partners"`
	Stories       []apiRef     `json:"stories"`
}

type apiStory struct {
	apiCommon
	Person   string   `json:"person"`
	Job      string   `json:"job"`
	Kind     string   `json:"kind,omitempty"`
	Company  *apiRef  `json:"company,omitempty"`
	Training *apiRef  `json:"training,omitempty"`
	Town     string   `json:"town,omitempty"`
	Skills   []string `json:"skills"`
	Quote    string   `json:"quote,omitempty"`
	Photo    string   `json:"photo,omitempty"`
}

// WriteOpenData writes the three /api/ files, with URLs under the site's
// base URL.
func WriteOpenData(site *content.Site, out Output) error {
	base := strings.TrimSuffix(site.Config.BaseURL, "/")
	abs := func(path string) string { return base + path }
	ref := func(p *content.Page) apiRef {
		return apiRef{Slug: p.Slug, Title: p.Title, URL: abs(p.URL)}
	}
	refs := func(pages []*content.Page) []apiRef {
		out := []apiRef{}
		for _, p := range pages {
			out = append(out, ref(p))
		}
		return out
	}
	common := func(p *content.Page) apiCommon {
		return apiCommon{Slug: p.Slug, URL: abs(p.URL), Title: p.Title, Summary: p.Summary, Date: p.Date.ISO()}
	}
	list := func(s []string) []string {
		if s == nil {
			return []string{}
		}
		return s
	}
	files := map[string][]any{content.Companies: {}, content.Trainings: {}, content.Stories: {}}
	for _, sec := range site.Sections {
		for _, p := range sec.Pages {
			switch {
			case p.Company != nil:
				c := p.Company
				item := apiCompany{apiCommon: common(p), Sectors: list(c.Sectors), Town: c.Town, Skills: list(c.Skills),
					Hiring: c.Hiring, Size: c.Size, Founded: c.Founded, Website: c.Website, Address: c.Address,
					Commitments: list(c.Commitments), Trainings: refs(site.Refs.PartnerOf[p.URL]), Stories: refs(site.Refs.Stories[p.URL])}
				if c.Logo.Name != "" {
					item.Logo = abs(p.URL + c.Logo.Name)
				}
				files[content.Companies] = append(files[content.Companies], item)
			case p.Training != nil:
				t := p.Training
				item := apiTraining{apiCommon: common(p), Provider: t.Provider, Town: t.Town, Skills: list(t.Skills),
					Level: t.Level, RNCP: t.RNCP, DurationHours: t.DurationHours, Mode: t.Mode, Funding: list(t.Funding),
					ROME: list(t.ROME), Sessions: []apiSession{}, Partners: refs(site.Refs.Partners[p.URL]), Stories: refs(site.Refs.Stories[p.URL])}
				for _, s := range t.Sessions {
					item.Sessions = append(item.Sessions, apiSession{Start: s.Start.ISO(), End: s.End.ISO(), Seats: s.Seats})
				}
				files[content.Trainings] = append(files[content.Trainings], item)
			case p.Story != nil:
				s := p.Story
				item := apiStory{apiCommon: common(p), Person: s.Person, Job: s.Job, Kind: s.Kind, Town: s.Town,
					Skills: list(s.Skills), Quote: s.Quote}
				if c := site.Refs.Company[p.URL]; c != nil {
					r := ref(c)
					item.Company = &r
				}
				if t := site.Refs.Training[p.URL]; t != nil {
					r := ref(t)
					item.Training = &r
				}
				if s.Photo.Name != "" {
					item.Photo = abs(p.URL + s.Photo.Name)
				}
				files[content.Stories] = append(files[content.Stories], item)
			}
		}
	}
	for _, name := range []string{content.Companies, content.Trainings, content.Stories} {
		data, err := json.MarshalIndent(apiFile{
			Schema:  abs("/api/" + name + ".schema.json"),
			Version: SchemaVersion,
			Site:    strings.TrimSuffix(abs("/"), "/"),
			License: "Licence Ouverte / Open Licence 2.0 (Etalab)",
			Count:   len(files[name]),
			Items:   files[name],
		}, "", " ")
		if err != nil {
			return err
		}
		if err := out.WriteFile("api/"+name+".json", append(data, '\n')); err != nil {
			return err
		}
	}
	return nil
}
