package content

// What section files share: references between pages, open data records
// and schema.org types.

// RefsOut returns the published pages that page p names in its reference
// field key ("partners"), in the order written.
func (s *Site) RefsOut(p *Page, key string) []*Page {
	return s.Refs.Out[p.URL][key]
}

// RefOut returns the first page p names in key, or nil.
func (s *Site) RefOut(p *Page, key string) *Page {
	if out := s.Refs.Out[p.URL][key]; len(out) > 0 {
		return out[0]
	}
	return nil
}

// RefsIn returns the published pages of section that name p, sorted as
// that section's lists.
func (s *Site) RefsIn(p *Page, section string) []*Page {
	return s.Refs.In[p.URL][section]
}

// Open data.

// APIRef is a reference to another record in open data.
type APIRef struct {
	Slug  string `json:"slug"`
	Title string `json:"title"`
	URL   string `json:"url"`
}

// APICommon are the fields every open data record starts with.
type APICommon struct {
	Slug    string `json:"slug"`
	URL     string `json:"url"`
	Title   string `json:"title"`
	Summary string `json:"summary"`
	Date    string `json:"date,omitempty"`
}

// NewAPICommon fills the common fields of a record.
func NewAPICommon(p *Page, abs func(string) string) APICommon {
	return APICommon{Slug: p.Slug, URL: abs(p.URL), Title: p.Title, Summary: p.Summary, Date: p.Date.ISO()}
}

// APIRefs lists pages as references; never nil, so that JSON has [].
func APIRefs(pages []*Page, abs func(string) string) []APIRef {
	out := []APIRef{}
	for _, p := range pages {
		out = append(out, APIRef{Slug: p.Slug, Title: p.Title, URL: abs(p.URL)})
	}
	return out
}

// APIRefTo is a reference to one page, or nil.
func APIRefTo(p *Page, abs func(string) string) *APIRef {
	if p == nil {
		return nil
	}
	return &APIRef{Slug: p.Slug, Title: p.Title, URL: abs(p.URL)}
}

// List returns s, or an empty list for JSON's [].
func List(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// schema.org.

// SchemaOrg is the @context of JSON-LD.
const SchemaOrg = "https://schema.org"

// LDPostalAddress is a schema.org PostalAddress.
type LDPostalAddress struct {
	Type            string `json:"@type"`
	AddressCountry  string `json:"addressCountry"`
	AddressLocality string `json:"addressLocality"`
	StreetAddress   string `json:"streetAddress,omitempty"`
}

// NewAddress is an address in France.
func NewAddress(town, street string) LDPostalAddress {
	return LDPostalAddress{Type: "PostalAddress", AddressCountry: "FR", AddressLocality: town, StreetAddress: street}
}

// LDOrganizationName is an organization known by its name.
type LDOrganizationName struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

// LDPlace is a schema.org Place.
type LDPlace struct {
	Type    string          `json:"@type"`
	Address LDPostalAddress `json:"address"`
	Name    string          `json:"name"`
}

// PagesForSkills returns up to n pages of section carrying any of skills,
// each once, in the order of the skills and then of the term's group,
// that keep returns true for.
func (s *Site) PagesForSkills(section string, skills []string, n int, keep func(*Page) bool) []*Page {
	var out []*Page
	tax := s.Taxonomy("skills")
	if tax == nil {
		return nil
	}
	for _, name := range skills {
		t := tax.Term(Slugify(name))
		if t == nil {
			continue
		}
		for _, p := range t.Group(section) {
			if len(out) < n && (keep == nil || keep(p)) && !containsPage(out, p) {
				out = append(out, p)
			}
		}
	}
	return out
}

func containsPage(pages []*Page, p *Page) bool {
	for _, q := range pages {
		if q == p {
			return true
		}
	}
	return false
}
