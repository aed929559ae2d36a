package render

import (
	"maps"
	"slices"
	"strings"
	"text/template/parse"

	"terredetalents/generator/content"
	template "terredetalents/generator/render/internal/htmltemplate"
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
//	body|<key>        the bodies of the pages of page:, section:, taxonomy:,
//	                  term: or all, read by a template that reads bodies
//
// A page's body (its text below the front matter) is a key of its own
// because it is what writers change most, and most outputs that show a
// page (its card in lists, its term pages) never read it. Which templates
// may read one is found in the templates themselves (bodyReaders): a
// template that names Body anywhere, or calls one that does, notes the
// body| key beside each page key it notes. No template function written in
// Go reads a body; one that did would have to note body| keys itself.
//
// The configuration, the layouts, the texts and the static files are not
// keys: a change to one of them renders everything again.
const (
	keyAll     = "all"
	keyAliases = "aliases"
	bodyPrefix = "body|"
)

// BodyKey returns the key that stands for the bodies of what key stands
// for, or false for a key that holds no page content (a URL, a count).
func BodyKey(key string) (string, bool) {
	for _, p := range []string{"page:", "section:", "taxonomy:", "term:"} {
		if strings.HasPrefix(key, p) {
			return bodyPrefix + key, true
		}
	}
	if key == keyAll {
		return bodyPrefix + key, true
	}
	return "", false
}

// recorder collects the keys one worker's current page reads. A cached
// fragment records its own keys on a level of its own; they are then
// replayed into every page that shows the fragment.
type recorder struct{ levels []level }

// level is what one page or fragment read, and whether its template may
// read bodies.
type level struct {
	keys map[string]struct{}
	body bool
}

func (r *recorder) add(key string) {
	if r == nil || len(r.levels) == 0 {
		return
	}
	top := r.levels[len(r.levels)-1]
	top.keys[key] = struct{}{}
	if top.body {
		if b, ok := BodyKey(key); ok {
			top.keys[b] = struct{}{}
		}
	}
}

// addAll replays keys a fragment read, as it read them: the template
// showing the fragment did not read the bodies the fragment's keys name.
func (r *recorder) addAll(keys []string) {
	if r == nil || len(r.levels) == 0 {
		return
	}
	top := r.levels[len(r.levels)-1]
	for _, k := range keys {
		top.keys[k] = struct{}{}
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

// push starts a level for a template; body says whether it may read
// bodies.
func (r *recorder) push(body bool) {
	if r != nil {
		r.levels = append(r.levels, level{keys: map[string]struct{}{}, body: body})
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
	keys := slices.Sorted(maps.Keys(top.keys))
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

// signatureWith is what a job's page is made of besides what it reads:
// two jobs with the same signature and the same keys render the same
// bytes. It is a hash, made in h's buffer, emptied first: planning a large
// site asks for thousands of them, and one buffer serves a whole plan.
func (j Job) signatureWith(h *hasher) uint64 {
	h.buf = h.buf[:0]
	d := j.data
	w := h.str
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
	return h.sum()
}

// Signatures returns the signature of every job, by file.
func Signatures(jobs []Job) map[string]uint64 {
	out := make(map[string]uint64, len(jobs))
	var h hasher
	for _, j := range jobs {
		out[j.File] = j.signatureWith(&h)
	}
	return out
}

// Body reads. Which templates may read a page's body is found in the
// templates themselves, so that a site's own layouts are covered: a field
// or method named Body, after a field, a variable or a chain. A template
// that reads only the body of the page it shows (.Page.Body on a page,
// .Body on a card) depends on that body alone; one that reads any other
// (.Body of a page of a list) may read the body of every page it notes.

// bodyUse is what a template reads of bodies.
type bodyUse uint8

const (
	noBody  bodyUse = iota
	ownBody         // the body of the page it shows, only
	anyBody         // possibly the body of any page it comes across
)

// dotKind is what a value stands for, as far as bodies go.
type dotKind uint8

const (
	otherValue dotKind = iota
	jobValue           // a layout's data: .Page is the page shown
	ownValue           // the page shown
)

// bodyAnalysis finds the body use of the templates of one set, by
// template name and by what the template is given.
type bodyAnalysis struct {
	set  *template.Template
	memo map[bodyCall]bodyUse
}

type bodyCall struct {
	name string
	dot  dotKind
}

func newBodyAnalysis(set *template.Template) *bodyAnalysis {
	return &bodyAnalysis{set: set, memo: map[bodyCall]bodyUse{}}
}

// use returns what executing the template name with dot reads of bodies.
func (a *bodyAnalysis) use(name string, dot dotKind) bodyUse {
	call := bodyCall{name, dot}
	if u, ok := a.memo[call]; ok {
		return u
	}
	a.memo[call] = anyBody // a template that calls itself: assume the worst
	t := a.set.Lookup(name)
	if t == nil || t.Tree == nil || t.Tree.Root == nil {
		a.memo[call] = noBody
		return noBody
	}
	w := &bodyWalk{a: a}
	w.list(t.Tree.Root, dot, map[string]dotKind{"$": dot})
	a.memo[call] = w.use
	return w.use
}

// bodyWalk follows one template, with what dot and each variable stand for.
type bodyWalk struct {
	a   *bodyAnalysis
	use bodyUse
}

func (w *bodyWalk) read(u bodyUse) { w.use = max(w.use, u) }

func (w *bodyWalk) list(l *parse.ListNode, dot dotKind, vars map[string]dotKind) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode:
			w.pipe(n.Pipe, dot, vars)
		case *parse.IfNode:
			w.pipe(n.Pipe, dot, vars)
			w.branch(n.List, dot, vars)
			w.branch(n.ElseList, dot, vars)
		case *parse.WithNode:
			k := w.pipe(n.Pipe, dot, vars)
			w.branch(n.List, k, vars)
			w.branch(n.ElseList, dot, vars)
		case *parse.RangeNode:
			w.pipe(n.Pipe, dot, vars)
			for _, d := range n.Pipe.Decl {
				vars[d.Ident[0]] = otherValue
			}
			// Twice: what one turn assigns, the next one reads.
			w.branch(n.List, otherValue, vars)
			w.branch(n.List, otherValue, vars)
			w.branch(n.ElseList, dot, vars)
		case *parse.TemplateNode:
			k := otherValue
			if n.Pipe != nil {
				k = w.pipe(n.Pipe, dot, vars)
			}
			w.read(w.a.use(n.Name, k))
		}
	}
}

// branch walks a list that may run or not: the variables it declares end
// with it, and one it assigns is no longer known after it, unless it was
// given what it held already.
func (w *bodyWalk) branch(l *parse.ListNode, dot dotKind, vars map[string]dotKind) {
	inner := maps.Clone(vars)
	w.list(l, dot, inner)
	for name, k := range vars {
		if inner[name] != k {
			vars[name] = otherValue
		}
	}
}

// pipe notes the reads of a pipeline and returns what its value stands
// for; a declaration gives that to its variable.
func (w *bodyWalk) pipe(p *parse.PipeNode, dot dotKind, vars map[string]dotKind) dotKind {
	if p == nil {
		return otherValue
	}
	k := otherValue
	for i, c := range p.Cmds {
		k = w.command(c, dot, vars)
		if i > 0 {
			k = otherValue // the result of a function
		}
	}
	for _, d := range p.Decl {
		name := d.Ident[0]
		if prev, ok := vars[name]; p.IsAssign && ok && prev != k {
			k = otherValue // reassigned: no longer known
		}
		vars[name] = k
	}
	return k
}

func (w *bodyWalk) command(c *parse.CommandNode, dot dotKind, vars map[string]dotKind) dotKind {
	k := otherValue
	for i, a := range c.Args {
		v := w.value(a, dot, vars)
		if i == 0 && len(c.Args) == 1 {
			k = v
		}
	}
	return k
}

// value notes the reads of one operand and returns what it stands for.
func (w *bodyWalk) value(n parse.Node, dot dotKind, vars map[string]dotKind) dotKind {
	switch n := n.(type) {
	case *parse.DotNode:
		return dot
	case *parse.FieldNode:
		return w.fields(dot, n.Ident)
	case *parse.VariableNode:
		k, ok := vars[n.Ident[0]]
		if !ok {
			k = otherValue
		}
		return w.fields(k, n.Ident[1:])
	case *parse.ChainNode:
		return w.fields(w.value(n.Node, dot, vars), n.Field)
	case *parse.PipeNode:
		return w.pipe(n, dot, vars)
	}
	return otherValue
}

// fields follows .A.B.C from a value of kind k, noting a Body read.
func (w *bodyWalk) fields(k dotKind, idents []string) dotKind {
	for _, id := range idents {
		switch {
		case id == "Body" && k == ownValue:
			w.read(ownBody)
		case id == "Body":
			w.read(anyBody)
		}
		if k == jobValue && id == "Page" {
			k = ownValue
		} else {
			k = otherValue
		}
	}
	return k
}

// ForgetBodies drops the fragments that read one of keys, all body| keys:
// the next Render makes them again. serve calls it before rendering
// again, with the same renderer, the pages that read a changed body. Most
// fragments read no body: their keys, sorted, hold none after "body|".
func (r *Renderer) ForgetBodies(keys map[string]bool) {
	forget := func(slot *fragment) {
		deps := slot.deps.Load()
		if deps == nil {
			return
		}
		i, _ := slices.BinarySearch(*deps, bodyPrefix)
		if i < len(*deps) && strings.HasPrefix((*deps)[i], bodyPrefix) && slices.ContainsFunc((*deps)[i:], func(k string) bool { return keys[k] }) {
			slot.html.Store(nil)
			slot.deps.Store(nil)
		}
	}
	for _, slot := range r.frags.cards {
		forget(slot)
	}
	for _, links := range r.frags.terms {
		for _, slot := range links {
			forget(slot)
		}
	}
	r.frags.others.Range(func(_, v any) bool {
		forget(v.(*fragment))
		return true
	})
}
