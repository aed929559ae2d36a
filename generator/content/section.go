package content

import (
	"reflect"
	"sort"
	"strings"
	"sync"
	"time"

	"terredetalents/generator/diag"
)

// A section is a folder of content/ whose pages share a front matter: the
// companies, the trainings, the stories, the events. Each is described in
// one file of this package (entreprises.go, formations.go, reussites.go,
// evenements.go), the way a goldmark extension is one file that plugs in:
//
//   - a SectionDef registered with Register: folder, URL, kind, titles,
//     order of its lists, the `new` command's name;
//   - a front matter struct whose fields carry the description in tags,
//     read by the parser, the archetype test, the guide and the editor:
//     fm:"key" (",required"), label:"…", help:"…", example:"…",
//     min:"…" max:"…" for numbers, oneof:"a|b|c" for a choice,
//     ref:"<section>" for a reference to another section's pages,
//     taxonomy:"<field>" for terms that get their pages, url:"" for a web
//     address or an email, resource:"" for a file of the page's bundle,
//     long:"" for a text of several sentences (a text area in the editor);
//   - optional methods on that struct for what tags cannot say: checks,
//     whether a page is listed, search fields, open data, JSON-LD, files.
//
// The stages (parse, link, render, index) iterate over the registered
// sections and call these methods; none of them names a section.

// SectionDef describes a section.
type SectionDef struct {
	Name  string // folder under content/ and first URL segment: "entreprises"
	Kind  Kind   // kind of its pages, and name of their layout: "entreprise"
	Title string // "Entreprises"
	One   string // one page, for counts: "entreprise"
	Many  string // several pages: "entreprises"
	// New is the name the `new` command takes: "entreprise".
	New string
	// Menu orders the sections in menus and lists; TermOrder orders the
	// groups of a term page (trainings first: they build the skill).
	Menu, TermOrder int
	// Order sorts the section's lists.
	Order Order
	// FrontMatter returns a new, empty front matter: a pointer to the
	// section's struct.
	FrontMatter func() any
	// Files returns files the section publishes besides its pages (a
	// calendar of events), by path under the output; nil for none.
	Files func(s *Site, abs func(string) string) map[string][]byte
	// DerivedFrom names the section whose front matter holds this
	// section's pages (offers are blocks of a company's front matter): no
	// file of content/<Name>/ is a page, and `new` does not make one.
	DerivedFrom string
	// Funcs are template functions about the section's pages
	// ("nextSessions"), given the linked site. serve renders again what
	// calls one of them whenever a page of the section changes, unless
	// the function is wrapped in ArgsOnly.
	Funcs func(s *Site) map[string]any
}

// ArgsOnly marks a template function of a section whose result depends
// only on its arguments (and the build's fixed "now"), not on other pages
// of the site: "eventDate". serve then renders again only what gave it
// arguments that changed.
type ArgsOnly struct{ Func any }

// Order is how a section's lists are sorted.
type Order int

const (
	ByTitle      Order = iota // alphabetical, without case or accents
	NewestFirst               // by date, newest first
	SoonestFirst              // by the page's Start, soonest first (events)
)

var registry []*SectionDef

// Register adds a section; section files call it from a package variable.
func Register(d *SectionDef) *SectionDef {
	registry = append(registry, d)
	sort.SliceStable(registry, func(i, j int) bool { return registry[i].Menu < registry[j].Menu })
	return d
}

// Sections returns the registered sections in menu order.
func Sections() []*SectionDef { return registry }

// SectionNamed returns the section of a folder, or nil.
func SectionNamed(name string) *SectionDef {
	for _, d := range registry {
		if d.Name == name {
			return d
		}
	}
	return nil
}

// SectionOfKind returns the section whose pages are of kind k, or nil.
func SectionOfKind(k Kind) *SectionDef {
	for _, d := range registry {
		if d.Kind == k {
			return d
		}
	}
	return nil
}

// Optional methods of a section's front matter struct.

// Checked is front matter with checks beyond types and ranges, made when
// the page is read (an end before a start, a code's format).
type Checked interface {
	Check(c Checks)
}

// Checks reports problems at the key that holds them.
type Checks interface {
	Errorf(key, code, format string, args ...any)
	Warnf(key, code, format string, args ...any)
	// At is the position of a key's value ("sessions.1.end" for a key of
	// the second [[sessions]] block).
	At(key string) diag.Pos
}

// Parent is front matter that holds the pages of a derived section (a
// company's offers). Children is called once the page has its URL.
type Parent interface {
	Children(p *Page) []*Page
}

// Published is front matter that may keep its page unpublished after its
// date (an expired offer).
type Published interface {
	Published(now time.Time) bool
}

// Derived is front matter with facts that depend on the linked site (a
// company with an open offer is hiring). Derive runs before the checks
// and the lists' use.
type Derived interface {
	Derive(s *Site, p *Page)
}

// SiteChecked is front matter with checks that need the linked site
// (sessions all past, an event that is over).
type SiteChecked interface {
	CheckSite(s *Site, p *Page, diags *diag.List)
}

// Listed is front matter whose published page may leave the lists: a past
// event keeps its page but is no longer announced.
type Listed interface {
	Listed(now time.Time) bool
}

// Dated is front matter that sorts by a start date (SoonestFirst).
type Dated interface {
	StartsAt() time.Time
}

// Searchable is front matter with words and facets for the search index.
type Searchable interface {
	Search(p *Page) SearchInfo
}

// SearchInfo is what a page adds to the search index besides its title,
// summary, body and terms.
type SearchInfo struct {
	Terms  []string // short telling words: provider, job, ROME codes…
	Meta   string   // one line under the result's title
	Hiring bool     // facet "recrute"
	Level  int      // facet "niveau", 0 for none
}

// OpenData is front matter published in /api/<section>.json.
type OpenData interface {
	OpenData(s *Site, p *Page, abs func(string) string) any
}

// StructuredData is front matter with schema.org JSON-LD.
type StructuredData interface {
	JSONLD(s *Site, p *Page, abs func(string) string) any
}

// PageFiles is front matter whose page publishes files beside it (its
// iCalendar file), by name in the page's folder.
type PageFiles interface {
	Files(s *Site, p *Page, abs func(string) string) map[string][]byte
}

// Terms returns the values of a taxonomy field on a page.
func (p *Page) Terms(field string) []string { return p.TermsByField[field] }

// Listed reports whether a published page appears in lists at now.
func (p *Page) Listed(now time.Time) bool {
	if l, ok := p.Data.(Listed); ok {
		return l.Listed(now)
	}
	return true
}

// RefField is a reference field of a page's front matter: the key, the
// section its slugs name, and the references written.
type RefField struct {
	Key     string
	Section string
	Refs    []Ref
}

// RefFields returns the reference fields of a page (ref:"<section>" tags),
// in the order of the struct. They are found once per page: serve links
// the same pages again after each edit.
func (p *Page) RefFields() []RefField {
	if p.Data == nil {
		return nil
	}
	if cached := p.refFields.Load(); cached != nil {
		return *cached
	}
	out := p.findRefFields()
	p.refFields.Store(&out)
	return out
}

func (p *Page) findRefFields() []RefField {
	v := reflect.ValueOf(p.Data).Elem()
	fields := refFieldsOf(v.Type())
	out := make([]RefField, 0, len(fields))
	for _, rf := range fields {
		f := RefField{Key: rf.key, Section: rf.section}
		switch x := v.Field(rf.index).Interface().(type) {
		case Ref:
			if x.Slug != "" {
				f.Refs = []Ref{x}
			}
		case []Ref:
			f.Refs = x
		}
		out = append(out, f)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// refField is a reference field of a section's type, as its tags say.
type refField struct {
	index        int
	key, section string
}

// refTypes holds the reference fields of each section's type, read from
// its tags once rather than for every page: reading tags was about 40 % of linking's
// time spent on references at 10,000 pages.
var refTypes sync.Map // reflect.Type -> []refField

func refFieldsOf(t reflect.Type) []refField {
	if fields, ok := refTypes.Load(t); ok {
		return fields.([]refField)
	}
	var fields []refField
	for i := range t.NumField() {
		sf := t.Field(i)
		section, ok := sf.Tag.Lookup("ref")
		if !ok {
			continue
		}
		key, _, _ := strings.Cut(sf.Tag.Get("fm"), ",")
		if key == "" {
			key = strings.ToLower(sf.Name) // set by code, not written: an offer's company
		}
		fields = append(fields, refField{i, key, section})
	}
	refTypes.Store(t, fields)
	return fields
}

// Position is where the value of a front matter key was written, or the
// page's file when the key is absent.
func (p *Page) Position(key string) diag.Pos {
	if pos, ok := p.Positions[key]; ok {
		return pos
	}
	return diag.Pos{File: p.Source}
}

// SetData sets a page's section front matter, and what its tags tell: the
// terms of its taxonomy fields and the bundle images it names.
func (p *Page) SetData(data any) {
	p.Data, p.TermsByField, p.Images = data, nil, nil
	if data == nil {
		return
	}
	v := reflect.ValueOf(data).Elem()
	t := v.Type()
	for i := range t.NumField() {
		sf, fv := t.Field(i), v.Field(i)
		if !sf.IsExported() {
			continue
		}
		if tax, ok := sf.Tag.Lookup("taxonomy"); ok {
			var terms []string
			switch x := fv.Interface().(type) {
			case string:
				if x != "" {
					terms = []string{x}
				}
			case []string:
				terms = x
			}
			if len(terms) > 0 {
				if p.TermsByField == nil {
					p.TermsByField = map[string][]string{}
				}
				p.TermsByField[tax] = terms
			}
		}
		if r, ok := fv.Interface().(Resource); ok && r.Name != "" {
			p.Images = append(p.Images, r)
		}
	}
}

// BlockKey is, for a derived section, the key of the blocks of its source
// section's front matter that hold its pages ("offers"); "" otherwise.
func (d *SectionDef) BlockKey() string {
	src := SectionNamed(d.DerivedFrom)
	if src == nil {
		return ""
	}
	want := reflect.TypeOf(d.FrontMatter()).Elem()
	t := reflect.TypeOf(src.FrontMatter()).Elem()
	for i := range t.NumField() {
		if sf := t.Field(i); sf.Type.Kind() == reflect.Slice && sf.Type.Elem() == want {
			key, _, _ := strings.Cut(sf.Tag.Get("fm"), ",")
			return key
		}
	}
	return ""
}
