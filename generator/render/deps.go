package render

import (
	"maps"
	"slices"
	"strings"

	"terredetalents/generator/content"
)

// Dependencies by construction. When Options.Record is set, every output
// page notes the keys of what it read while it was rendered: the template
// functions, the views of the site below (Site, Section, Taxonomy) and the
// page, items and term of the job itself note them. A rebuild then renders
// again exactly the pages one of whose keys changed (see ChangedKeys).
//
// Keys:
//
//	page:<url>        the page at url: its front matter and text, or its absence
//	section:<name>    a section's listed pages, their order and their content
//	taxonomy:<field>  a taxonomy's terms, their pages and the content of those
//	term:<url>        one term: its pages, their order and their content
//	termurl:<f>/<n>   the URL the term n of field f links to
//	refsout:<url>     the pages a page names in its reference fields
//	refsin:<url>      the pages that name a page
//	aliases           the list of aliases
//	all               anything: a function that may read the whole site
//
// The configuration, the layouts, the texts and the static files are not
// keys: a change to one of them renders everything again.
const (
	keyAll     = "all"
	keyAliases = "aliases"
)

// recorder collects the keys one worker's current page reads. A cached
// fragment records its own keys on a level of its own; they are then
// replayed into every page that shows the fragment.
type recorder struct{ levels []map[string]struct{} }

func (r *recorder) add(key string) {
	if r == nil || len(r.levels) == 0 {
		return
	}
	r.levels[len(r.levels)-1][key] = struct{}{}
}

func (r *recorder) addAll(keys []string) {
	for _, k := range keys {
		r.add(k)
	}
}

func (r *recorder) page(p *content.Page) {
	if r != nil && p != nil {
		r.add("page:" + p.URL)
	}
}

func (r *recorder) pages(ps []*content.Page) {
	if r == nil {
		return
	}
	for _, p := range ps {
		r.add("page:" + p.URL)
	}
}

func (r *recorder) push() {
	if r != nil {
		r.levels = append(r.levels, map[string]struct{}{})
	}
}

// pop ends a level and returns its keys, sorted; they are also added to
// the level below.
func (r *recorder) pop() []string {
	if r == nil || len(r.levels) == 0 {
		return nil
	}
	top := r.levels[len(r.levels)-1]
	r.levels = r.levels[:len(r.levels)-1]
	keys := slices.Sorted(maps.Keys(top))
	r.addAll(keys)
	return keys
}

// SiteView is the site as a layout sees it (.Site): the fields of
// content.Site as methods that note what they give.
type SiteView struct {
	s   *content.Site
	rec *recorder
}

func (v *SiteView) Config() content.Config { return v.s.Config }
func (v *SiteView) ShareImage() string     { return v.s.ShareImage }
func (v *SiteView) Home() *content.Page    { v.rec.page(v.s.Home); return v.s.Home }

// Pages are every published content page: reading them reads everything.
func (v *SiteView) Pages() []*content.Page { v.rec.add(keyAll); return v.s.Pages }
func (v *SiteView) Refs() content.Refs     { v.rec.add(keyAll); return v.s.Refs }
func (v *SiteView) Aliases() []content.Alias {
	v.rec.add(keyAliases)
	return v.s.Aliases
}

func (v *SiteView) Sections() []*SectionView {
	out := make([]*SectionView, len(v.s.Sections))
	for i, sec := range v.s.Sections {
		out[i] = newSectionView(sec, v.rec)
	}
	return out
}

func (v *SiteView) Section(name string) *SectionView {
	return newSectionView(v.s.Section(name), v.rec)
}

func (v *SiteView) Taxonomies() []*TaxonomyView {
	out := make([]*TaxonomyView, len(v.s.Taxonomies))
	for i, t := range v.s.Taxonomies {
		out[i] = newTaxonomyView(t, v.rec)
	}
	return out
}

func (v *SiteView) Taxonomy(field string) *TaxonomyView {
	return newTaxonomyView(v.s.Taxonomy(field), v.rec)
}

func (v *SiteView) Page(section, slug string) *content.Page {
	p := v.s.Page(section, slug)
	if p == nil {
		v.rec.add(keyAll) // its absence: any page could fill it
	}
	v.rec.page(p)
	return p
}

func (v *SiteView) TermURL(field, name string) string {
	v.rec.add("termurl:" + field + "/" + name)
	return v.s.TermURL(field, name)
}

// SectionView is a section as a layout sees it: its names are free, its
// pages and its text are noted.
type SectionView struct {
	Name  string
	Title string
	One   string
	Many  string
	URL   string
	Def   *content.SectionDef
	s     *content.Section
	rec   *recorder
}

func newSectionView(s *content.Section, rec *recorder) *SectionView {
	if s == nil {
		return nil
	}
	return &SectionView{Name: s.Name, Title: s.Title, One: s.One, Many: s.Many, URL: s.URL, Def: s.Def, s: s, rec: rec}
}

func (v *SectionView) Pages() []*content.Page {
	v.rec.add("section:" + v.Name)
	return v.s.Pages
}

// Count is how many pages the section lists: a list page that shows only
// the count and its own items need not render again when another page of
// the section changes.
func (v *SectionView) Count() int {
	v.rec.add("sectioncount:" + v.Name)
	return len(v.s.Pages)
}

func (v *SectionView) Intro() *content.Page { v.rec.page(v.s.Intro); return v.s.Intro }

// TaxonomyView is a taxonomy as a layout sees it: its names are free, its
// terms are noted.
type TaxonomyView struct {
	Field    string
	Name     string
	Title    string
	Singular string
	URL      string
	t        *content.Taxonomy
	rec      *recorder
}

func newTaxonomyView(t *content.Taxonomy, rec *recorder) *TaxonomyView {
	if t == nil {
		return nil
	}
	return &TaxonomyView{Field: t.Field, Name: t.Name, Title: t.Title, Singular: t.Singular, URL: t.URL, t: t, rec: rec}
}

func (v *TaxonomyView) Terms() []*content.Term {
	v.rec.add("taxonomy:" + v.Field)
	return v.t.Terms
}

func (v *TaxonomyView) URLs() map[string]string {
	v.rec.add("taxonomy:" + v.Field)
	return v.t.URLs
}

// signature is what a job's page is made of besides what it reads: two
// jobs with the same signature and the same keys render the same bytes.
func (j Job) signature() string {
	d := j.data
	var b strings.Builder
	w := func(s string) { b.WriteString(s); b.WriteByte(0) }
	w(j.File)
	w(d.Layout)
	w(d.URL)
	w(d.Canonical)
	w(d.Title)
	w(d.Target)
	if d.Page != nil {
		w(d.Page.URL)
		w(d.Page.Title)
		w(d.Page.Summary)
		w(d.Page.Section)
		w(string(d.Page.Kind))
	}
	for _, c := range d.Crumbs {
		w(c.Title)
		w(c.URL)
	}
	if d.Pager != nil {
		w(d.Pager.Prev)
		w(d.Pager.Next)
		for _, c := range d.Pager.Pages {
			w(c.Title)
			w(c.URL)
		}
	}
	for _, p := range d.Items {
		w(p.URL)
	}
	if d.section != nil {
		w(d.section.Name)
	}
	if d.taxonomy != nil {
		w(d.taxonomy.Field)
	}
	if d.Term != nil {
		w(d.Term.URL)
	}
	return b.String()
}

// Signatures returns the signature of every job, by file.
func Signatures(jobs []Job) map[string]string {
	out := make(map[string]string, len(jobs))
	for _, j := range jobs {
		out[j.File] = j.signature()
	}
	return out
}
