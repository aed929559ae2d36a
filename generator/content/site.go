package content

import (
	"slices"
	"strings"
	"time"
)

// Site is the linked site: every published page with its URL, the section
// lists, the taxonomies and the references resolved in both directions.
// Templates read it; nothing changes it after the link stage.
type Site struct {
	// ShareImage is the URL of the site's raster image for social
	// networks (ShareImage under static/), or "" when there is none.
	ShareImage string
	Config     Config
	Now        time.Time // "today" for upcoming sessions, fixed for a build
	Home       *Page
	Pages      []*Page // published content pages (not home, not section texts), by URL
	Sections   []*Section
	Taxonomies []*Taxonomy
	Aliases    []Alias
	Refs       Refs
}

// Section is the list of the pages of one section folder.
type Section struct {
	Name  string // folder name, e.g. "entreprises"
	Title string // "Entreprises"
	One   string // one page of the section, for counts: "entreprise"
	Many  string // several pages: "entreprises"
	URL   string
	Intro *Page   // from content/<section>/_index.md, or a default
	Pages []*Page // listed pages (a past event has a page but leaves the lists)
	Def   *SectionDef
}

// Taxonomy groups pages by the values of one field.
type Taxonomy struct {
	Field    string // front matter key: "skills", "sectors", "town"
	Name     string // URL segment: "competences"
	Title    string // "Compétences"
	Singular string // "Compétence"
	URL      string
	Terms    []*Term // sorted by slug (Term finds one)

	// URLs maps each spelling used in pages to its term's URL, so that
	// templates need not slugify the same names again and again.
	URLs map[string]string
}

// Term returns the term of this slug, or nil.
func (t *Taxonomy) Term(slug string) *Term {
	i, found := slices.BinarySearchFunc(t.Terms, slug, func(t *Term, slug string) int { return strings.Compare(t.Slug, slug) })
	if !found {
		return nil
	}
	return t.Terms[i]
}

// Term is one value of a taxonomy, with the pages that carry it.
type Term struct {
	Name   string
	Slug   string
	URL    string
	Groups []TermGroup // the pages of each section, in the sections' TermOrder
	Pages  []*Page     // plain pages, rarely tagged
}

// TermGroup is the pages of one section that carry a term.
type TermGroup struct {
	Section string
	Pages   []*Page
}

// Group returns the pages of a section that carry the term.
func (t *Term) Group(section string) []*Page {
	for _, g := range t.Groups {
		if g.Section == section {
			return g.Pages
		}
	}
	return nil
}

// Count is the number of pages carrying the term.
func (t *Term) Count() int {
	n := len(t.Pages)
	for _, g := range t.Groups {
		n += len(g.Pages)
	}
	return n
}

// Alias is a redirect from an old URL to a page.
type Alias struct {
	From string
	To   string
}

// Refs holds the references between pages, resolved by the link stage and
// keyed by page URL so that pages need not point at each other.
type Refs struct {
	// Out holds, by page URL and reference key, the published pages a
	// page names ("partners" of a training).
	Out map[string]map[string][]*Page
	// In holds, by page URL and section, the published pages of that
	// section that name it (the stories of a company).
	In            map[string]map[string][]*Page
	ByURL         map[string]*Page // every published page
	BySectionSlug map[string]*Page // "entreprises/slug" -> page
}

// Page returns the published page of a section with that slug, or nil.
func (s *Site) Page(section, slug string) *Page {
	return s.Refs.BySectionSlug[section+"/"+slug]
}

// Section returns the section of that name, or nil.
func (s *Site) Section(name string) *Section {
	for _, sec := range s.Sections {
		if sec.Name == name {
			return sec
		}
	}
	return nil
}

// Taxonomy returns the taxonomy of a front matter field, or nil.
func (s *Site) Taxonomy(field string) *Taxonomy {
	for _, t := range s.Taxonomies {
		if t.Field == field {
			return t
		}
	}
	return nil
}

// TermURL returns the URL of a term of a taxonomy, or "".
func (s *Site) TermURL(field, name string) string {
	t := s.Taxonomy(field)
	if t == nil {
		return ""
	}
	if url, ok := t.URLs[name]; ok {
		return url
	}
	slug := Slugify(name)
	if slug == "" {
		return ""
	}
	return t.URL + slug + "/"
}

// Taxonomies of the site: the front matter field, URL segment and titles.
var taxonomyDefs = []Taxonomy{
	{Field: "skills", Name: "competences", Title: "Compétences", Singular: "Compétence"},
	{Field: "sectors", Name: "secteurs", Title: "Secteurs", Singular: "Secteur"},
	{Field: "town", Name: "communes", Title: "Communes", Singular: "Commune"},
	{Field: "commitments", Name: "engagements", Title: "Engagements", Singular: "Engagement"},
	{Field: "kind", Name: "parcours", Title: "Parcours", Singular: "Parcours"},
}

// ShareImage is where a theme or a site puts the picture that social
// networks show for pages without a raster logo or photo (1200 x 630).
const ShareImage = "/images/partage.png"

// IsTaxonomyField reports whether a front matter key names terms that get
// their own pages ("skills", "town", …).
func IsTaxonomyField(key string) bool {
	for _, d := range taxonomyDefs {
		if d.Field == key {
			return true
		}
	}
	return false
}

// MaxTermLength is the longest term, in characters: a skill or a sector is
// a few words, and its URL segment must stay a valid file name.
const MaxTermLength = 80

// NewTaxonomies returns the site's taxonomies, empty.
func NewTaxonomies() []*Taxonomy {
	out := make([]*Taxonomy, len(taxonomyDefs))
	for i, d := range taxonomyDefs {
		t := d
		t.URL = "/" + t.Name + "/"
		out[i] = &t
	}
	return out
}

// NewSections returns the site's sections, empty, in menu order.
func NewSections() []*Section {
	defs := Sections()
	out := make([]*Section, len(defs))
	for i, d := range defs {
		out[i] = &Section{Name: d.Name, Title: d.Title, One: d.One, Many: d.Many, URL: "/" + d.Name + "/", Def: d}
	}
	return out
}
