// Package render executes the theme's templates over the linked site and
// hands every page to an Output: content pages, section lists with
// pagination, taxonomy pages, home, search page, 404, alias redirects and
// the sitemap.
package render

import (
	"bytes"
	"fmt"
	"maps"
	"net/url"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"terredetalents/generator/content"
	"terredetalents/generator/diag"
	"terredetalents/generator/par"
	template "terredetalents/generator/render/internal/htmltemplate"
)

// Output receives the files of the built site; the staging folder and the
// server's in-memory site both satisfy it. Names are slash paths relative
// to the site root. Like io.Writer, WriteFile must not keep data after it
// returns: the renderer reuses its buffers, and an output that keeps files
// in memory copies them.
type Output interface {
	WriteFile(name string, data []byte) error
}

// Options configures rendering.
type Options struct {
	Layers  Layers                   // where layouts are read, topmost first
	Workers int                      // parallel renderers; 0 means one per core
	Images  map[string]content.Image // bundle images by page URL + file name

	// Record makes every page note what it reads (see deps.go), for
	// Renderer.Deps; it costs one parse of the templates per worker.
	Record bool

	// Previous, when not nil, is the renderer of the last build with the
	// same layouts and texts: its parsed templates are used again with
	// this site's functions instead of parsing them again.
	Previous *Renderer
	// Changed are the keys that changed since Previous rendered (see
	// deps.go): its fragments (cards, tags, cached partials) that read
	// none of them are used again.
	Changed map[string]bool

	// Done, when not nil, is told how many pages are written out of how
	// many, after each page; it is called from every worker.
	Done func(n, total int)
}

// Data is what a layout receives.
type Data struct {
	Site      *SiteView
	Page      *content.Page // the page shown; synthesized for lists and terms
	Layout    string
	URL       string // URL of this output
	Canonical string // URL of the page search engines should index
	Title     string // the <title>: page title, then site title
	Crumbs    []Crumb
	Section   *SectionView
	Items     []*content.Page // the pages of a list, for this page of it
	Pager     *Pager
	Taxonomy  *TaxonomyView
	Term      *content.Term
	Target    string // where an alias page redirects

	site     *content.Site
	section  *content.Section
	taxonomy *content.Taxonomy
}

// Crumb is one step of the breadcrumb.
type Crumb struct {
	Title   string
	URL     string
	Current bool // the last step: the page shown
}

// Pager links the pages of a paginated list.
type Pager struct {
	Number int
	Total  int
	Prev   string
	Next   string
	Pages  []Crumb // Title is the page number; an empty URL marks a gap
}

// Job is one output page: the file it is written to and what its layout
// receives.
type Job struct {
	File string
	data *Data
}

// URL is the site URL the job's page is served at.
func (j Job) URL() string { return j.data.URL }

// Section is the name of the section a list page lists, or "".
func (j Job) Section() string {
	if j.data.section == nil {
		return ""
	}
	return j.data.section.Name
}

// TermURL is the URL of the term a term page or a term's list shows, or "".
func (j Job) TermURL() string {
	if j.data.Term == nil {
		return ""
	}
	return j.data.Term.URL
}

// Layout is the name of the layout the job renders with.
func (j Job) Layout() string { return j.data.Layout }

// SectionSize is the number of pages of the section a list page lists.
func (j Job) SectionSize() int {
	if j.data.section == nil {
		return 0
	}
	return len(j.data.section.Pages)
}

// Items are the pages a list page shows, for this page of the list.
func (j Job) Items() []*content.Page { return j.data.Items }

// PageCount is the number of pages of a paginated list, or 0.
func (j Job) PageCount() int {
	if j.data.Pager == nil {
		return 0
	}
	return j.data.Pager.Total
}

// fragments renders a partial once for each key and reuses the result.
// A page's card shows in its section's list, on the pages of its terms
// and beside related pages; the header is the same on every page of a
// section, the footer on every page: on a large site these repeated
// fragments were most of the rendering.
type fragments struct {
	// One slot per published page and per term, made before rendering
	// starts and only read afterwards: finding a card is a map read, with
	// no lock and no key to build. Anything else (the card of a page that
	// is not published, partialCached) goes through others.
	cards  map[*content.Page]*fragment
	terms  map[string]map[string]*fragment // tag links: field -> term name
	others sync.Map                        // key -> *fragment
}

// fragment holds a fragment once a worker has rendered it. Two workers
// may render it at the same time and store the same HTML. No lock is held
// while rendering: with one, a theme whose card shows its own card would
// hang the build for ever instead of stopping it.
type fragment struct {
	html atomic.Pointer[template.HTML]
	deps atomic.Pointer[[]string] // what it read, when recording
}

func newFragments(site *content.Site) *fragments {
	f := &fragments{cards: make(map[*content.Page]*fragment, len(site.Pages)), terms: map[string]map[string]*fragment{}}
	for _, p := range site.Pages {
		f.cards[p] = new(fragment)
	}
	for _, tax := range site.Taxonomies {
		links := make(map[string]*fragment, len(tax.Terms))
		for _, t := range tax.Terms {
			links[t.Name] = new(fragment)
		}
		f.terms[tax.Field] = links
	}
	return f
}

// keep copies from prev the fragments that read no changed key. A card is
// found again by its page: a page whose file did not change is the same
// value from one build to the next.
func (f *fragments) keep(prev *fragments, changed map[string]bool) {
	valid := func(slot *fragment) (*fragment, bool) {
		html, deps := slot.html.Load(), slot.deps.Load()
		if html == nil || deps == nil || slices.ContainsFunc(*deps, func(k string) bool { return changed[k] }) {
			return nil, false
		}
		n := new(fragment)
		n.html.Store(html)
		n.deps.Store(deps)
		return n, true
	}
	for p, slot := range prev.cards {
		if _, ok := f.cards[p]; ok {
			if n, ok := valid(slot); ok {
				f.cards[p] = n
			}
		}
	}
	for field, links := range prev.terms {
		for name, slot := range links {
			if _, ok := f.terms[field][name]; ok {
				if n, ok := valid(slot); ok {
					f.terms[field][name] = n
				}
			}
		}
	}
	prev.others.Range(func(k, v any) bool {
		if n, ok := valid(v.(*fragment)); ok {
			f.others.Store(k, n)
		}
		return true
	})
}

// othersKey is the key of a fragment without a slot of its own.
type othersKey struct {
	name string
	key  any
}

func (f *fragments) card(w *worker, p *content.Page) (template.HTML, error) {
	slot := f.cards[p]
	if slot == nil {
		slot = f.other("partials/card.html", p)
	}
	return f.render(w, slot, "partials/card.html", p, p)
}

// cardItems writes the <li> of each card of a list, as partials/cards.html
// did with a range over card: one template call for the whole list instead
// of two per card (the call and its escaper), on every list page.
func (f *fragments) cardItems(w *worker, ps []*content.Page) (template.HTML, error) {
	cards := make([]template.HTML, len(ps))
	for i, p := range ps {
		html, err := f.card(w, p)
		if err != nil {
			return "", err
		}
		cards[i] = html
	}
	return listItems(cards), nil
}

// listItems joins fragments as "\n  <li>" + fragment + "</li>", in a string
// made at its size: a list of cards is tens of kilobytes.
func listItems(items []template.HTML) template.HTML {
	const open, end = "\n  <li>", "</li>"
	n := 0
	for _, it := range items {
		n += len(open) + len(it) + len(end)
	}
	var b strings.Builder
	b.Grow(n)
	for _, it := range items {
		b.WriteString(open)
		b.WriteString(string(it))
		b.WriteString(end)
	}
	return template.HTML(b.String())
}

// fragmentSet is the set of templates fragments are rendered with: every
// set holds the partials.
const fragmentSet = "home"

// readBody notes, as a template starts, the body keys its use of bodies
// implies: the body of the page it shows, or none, or (anyBody) those of
// every page it notes from now on.
func (r *recorder) startTemplate(use bodyUse, page *content.Page) {
	r.push(use == anyBody)
	r.page(page)
	if use == ownBody && page != nil {
		r.add(bodyPrefix + "page:" + page.URL)
	}
}

// tags renders the links of a tag list, each term's link once for the
// whole site: a skill shows on hundreds of pages.
func (f *fragments) tags(w *worker, field string, names []string) ([]template.HTML, error) {
	links := make([]template.HTML, len(names))
	for i, name := range names {
		t := tag{Field: field, Name: name}
		slot := f.terms[field][name]
		if slot == nil {
			slot = f.other("partials/tag.html", t)
		}
		html, err := f.render(w, slot, "partials/tag.html", t, nil)
		if err != nil {
			return nil, err
		}
		links[i] = html
	}
	return links, nil
}

// tagItems writes the <li> of each link of a tag list, as
// partials/taglist.html did with a range over tags, in one template call.
func (f *fragments) tagItems(w *worker, field string, names []string) (template.HTML, error) {
	links, err := f.tags(w, field, names)
	if err != nil {
		return "", err
	}
	return listItems(links), nil
}

func (f *fragments) partial(w *worker, name string, data any, key string) (template.HTML, error) {
	return f.render(w, f.other(name, key), name, data, nil)
}

// other returns the slot of a fragment found by its template and key.
func (f *fragments) other(name string, key any) *fragment {
	k := othersKey{name, key}
	if slot, ok := f.others.Load(k); ok {
		return slot.(*fragment)
	}
	slot, _ := f.others.LoadOrStore(k, new(fragment))
	return slot.(*fragment)
}

// render returns the fragment of slot, rendering it the first time.
// When recording, what the fragment read the first time is noted again
// on every page that shows it; page, when not nil, is the page it shows.
func (f *fragments) render(w *worker, slot *fragment, name string, data any, page *content.Page) (template.HTML, error) {
	if html := slot.html.Load(); html != nil {
		if w.rec != nil {
			if deps := slot.deps.Load(); deps != nil {
				w.rec.addAll(*deps)
			}
		}
		return *html, nil
	}
	var b strings.Builder
	dot := otherValue
	if page != nil {
		dot = ownValue
	}
	w.rec.startTemplate(w.tmpl.fragBody[bodyCall{name, dot}], page)
	err := w.tmpl.byName[fragmentSet].ExecuteTemplate(&b, name, data)
	deps := w.rec.pop()
	if err != nil {
		return "", err
	}
	html := template.HTML(b.String())
	slot.deps.Store(&deps)
	slot.html.Store(&html)
	return html, nil
}

// worker is one set of templates with the recorder its functions write
// to. Without recording, all goroutines share one worker with no recorder.
type worker struct {
	tmpl *Templates
	rec  *recorder
}

// Renderer renders the pages of one linked site with templates parsed once.
type Renderer struct {
	site      *content.Site
	frags     *fragments
	workerSet []*worker
	record    bool
	depsMu    sync.Mutex
	deps      map[string][]string // keys read, by job file
	origin    string
	basePath  string
	jobs      []Job
	workers   int
	done      func(n, total int)
}

// failures gathers the pages a layout mistake stopped, so that one
// mistake gives one message, not one per page.
type failures struct {
	mu    sync.Mutex
	order []*failure
	byKey map[string]*failure
}

type failure struct {
	err   *TemplateError
	first string // the first page it stopped
	more  int    // how many others
}

func (f *failures) add(e *TemplateError, url string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	key := e.Pos.String() + "\x00" + e.Msg
	if x := f.byKey[key]; x != nil {
		x.more++
		// The page named is the first by address, not the first a
		// worker reached: the message is the same from build to build.
		x.first = min(x.first, url)
		return
	}
	if f.byKey == nil {
		f.byKey = map[string]*failure{}
	}
	x := &failure{err: e, first: url}
	f.byKey[key] = x
	f.order = append(f.order, x)
}

func (f *failures) report(diags *diag.List) {
	for _, x := range f.order {
		pages := "la page " + x.first + " n'a pas pu être produite"
		if x.more > 0 {
			pages = fmt.Sprintf("la page %s et %d autre(s) n'ont pas pu être produites", x.first, x.more)
		}
		diags.Errorf(x.err.Pos, "template", "%s : %s", pages, x.err.Msg)
	}
}

// New parses the theme's templates and plans every page of site.
func New(site *content.Site, opts Options) (*Renderer, error) {
	origin, basePath := splitBase(site.Config.BaseURL)
	tr, err := LoadTranslations(opts.Layers, site.Config.Language)
	if err != nil {
		return nil, err
	}
	frags := newFragments(site)
	if opts.Previous != nil && opts.Previous.record && opts.Record && opts.Changed != nil {
		frags.keep(opts.Previous.frags, opts.Changed)
	}
	communes, err := loadCommunes(opts.Layers)
	if err != nil {
		return nil, err
	}
	rome, err := loadROME(opts.Layers)
	if err != nil {
		return nil, err
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	sets := 1
	if opts.Record {
		sets = workers
	}
	r := &Renderer{site: site, frags: frags, record: opts.Record, deps: map[string][]string{}, origin: origin, basePath: basePath, jobs: plan(site, tr), workers: workers, done: opts.Done}
	for range sets {
		w := &worker{}
		if opts.Record {
			w.rec = &recorder{}
		}
		fm := funcs(site, tr, opts.Images, origin, basePath, w.rec)
		fm["card"] = func(p *content.Page) (template.HTML, error) { return frags.card(w, p) }
		fm["cardItems"] = func(ps []*content.Page) (template.HTML, error) { return frags.cardItems(w, ps) }
		fm["tags"] = func(field string, names []string) ([]template.HTML, error) { return frags.tags(w, field, names) }
		fm["tagItems"] = func(field string, names []string) (template.HTML, error) { return frags.tagItems(w, field, names) }
		// partialCached renders a partial whose output is the same for every
		// page giving the same key: the theme promises it, as with Hugo's
		// function of the same name.
		fm["partialCached"] = func(name string, data any, key string) (template.HTML, error) {
			return frags.partial(w, name, data, key)
		}
		// The map shades each town by its pages: it reads every town.
		communeMap := mapFunc(site, communes, tr, fm["rel"].(func(string) string))
		fm["communeMap"] = func() (*CommuneMap, error) {
			w.rec.add("taxonomy:town")
			return communeMap()
		}
		fm["romeTitle"] = func(code string) string { return rome[code] }
		if prev := opts.Previous; prev != nil && len(prev.workerSet) == sets {
			w.tmpl = prev.workerSet[len(r.workerSet)].tmpl
			for _, t := range w.tmpl.byName {
				t.Funcs(fm)
			}
		} else {
			tmpl, err := LoadTemplates(opts.Layers, fm)
			if err != nil {
				return nil, err
			}
			w.tmpl = tmpl
		}
		r.workerSet = append(r.workerSet, w)
	}
	return r, nil
}

// Deps returns the keys each page rendered so far read, by file; only
// with Options.Record.
func (r *Renderer) Deps() map[string][]string { return r.deps }

// Jobs lists every output page, in a fixed order.
func (r *Renderer) Jobs() []Job { return r.jobs }

// Site renders every page of site into out, with the sitemap and
// robots.txt.
func Site(site *content.Site, opts Options, out Output, diags *diag.List) {
	r, err := New(site, opts)
	if err != nil {
		Report(diags, err)
		return
	}
	r.Render(r.Jobs(), out, diags)
	r.Extras(out, diags)
}

// Render renders jobs into out on every core.
func (r *Renderer) Render(jobs []Job, out Output, diags *diag.List) {
	var written atomic.Int64
	var failed failures
	defer failed.report(diags)
	bufs := make([]bytes.Buffer, r.workers)
	par.Each(r.workers, len(jobs), func(w, k int) {
		r.renderOne(r.workerSet[w%len(r.workerSet)], jobs[k], &bufs[w], out, &failed, diags)
		if r.done != nil {
			r.done(int(written.Add(1)), len(jobs))
		}
	})
}

// renderOne renders one page into buf and writes it to out.
func (r *Renderer) renderOne(w *worker, j Job, buf *bytes.Buffer, out Output, failed *failures, diags *diag.List) {
	buf.Reset()
	d := *j.data
	d.Site = &SiteView{s: d.site, rec: w.rec}
	d.Section = newSectionView(d.section, w.rec)
	d.Taxonomy = newTaxonomyView(d.taxonomy, w.rec)
	w.rec.startTemplate(w.tmpl.body[d.Layout], d.Page)
	w.rec.pages(d.Items)
	if d.Term != nil {
		w.rec.add("term:" + d.Term.URL)
	}
	err := w.tmpl.byName[d.Layout].ExecuteTemplate(buf, "baseof.html", &d)
	if w.rec != nil {
		keys := w.rec.pop()
		r.depsMu.Lock()
		r.deps[j.File] = keys
		r.depsMu.Unlock()
	}
	if err != nil {
		failed.add(templateErrorAt("layouts/"+j.data.Layout+".html", "", err), j.data.URL)
		return
	}
	if err := out.WriteFile(j.File, buf.Bytes()); err != nil {
		diags.Errorf(diag.Pos{File: j.File}, "write", "écriture impossible : %v", err)
	}
}

// Extras writes the files that list the whole site: sitemap.xml,
// robots.txt and the RSS feeds.
func (r *Renderer) Extras(out Output, diags *diag.List) []string {
	abs := func(u string) string { return r.origin + r.basePath + strings.TrimPrefix(u, "/") }
	for _, f := range feeds(r.site) {
		data, err := f.encode(r.site, abs)
		if err == nil {
			err = out.WriteFile(f.File, data)
		}
		if err != nil {
			diags.Errorf(diag.Pos{File: f.File}, "write", "écriture impossible : %v", err)
		}
	}
	if err := out.WriteFile("sitemap.xml", sitemap(r.jobs, r.origin, r.basePath)); err != nil {
		diags.Errorf(diag.Pos{File: "sitemap.xml"}, "write", "écriture impossible : %v", err)
	}
	robots := "User-agent: *\nAllow: /\n\nSitemap: " + r.origin + r.basePath + "sitemap.xml\n"
	if err := out.WriteFile("robots.txt", []byte(robots)); err != nil {
		diags.Errorf(diag.Pos{File: "robots.txt"}, "write", "écriture impossible : %v", err)
	}
	return r.sectionFiles(abs, out, diags)
}

// sectionFiles writes what sections publish besides their pages (an
// event's iCalendar file, the calendar of events) and returns their names.
func (r *Renderer) sectionFiles(abs func(string) string, out Output, diags *diag.List) []string {
	files := map[string][]byte{}
	for _, d := range content.Sections() {
		if d.Files != nil {
			maps.Copy(files, d.Files(r.site, abs))
		}
	}
	for _, p := range r.site.Pages {
		if pf, ok := p.Data.(content.PageFiles); ok {
			for name, data := range pf.Files(r.site, p, abs) {
				files[strings.TrimPrefix(p.URL, "/")+name] = data
			}
		}
	}
	names := slices.Sorted(maps.Keys(files))
	for _, name := range names {
		if err := out.WriteFile(name, files[name]); err != nil {
			diags.Errorf(diag.Pos{File: name}, "write", "écriture impossible : %v", err)
		}
	}
	return names
}

// splitBase cuts the base URL into its origin ("https://host") and its
// path ("/" or "/sub/").
func splitBase(base string) (origin, path string) {
	u, err := url.Parse(base)
	if err != nil || u.Host == "" {
		p := "/" + strings.Trim(base, "/") + "/"
		if p == "//" {
			p = "/"
		}
		return "", p
	}
	p := "/" + strings.Trim(u.Path, "/") + "/"
	if p == "//" {
		p = "/"
	}
	return u.Scheme + "://" + u.Host, p
}

// plan lists every page to render, in a fixed order.
func plan(site *content.Site, tr *Translations) []Job {
	home := Crumb{Title: tr.text(keyCrumbHome), URL: "/"}
	var jobs []Job
	add := func(d *Data) {
		d.site = site
		if d.Canonical == "" {
			d.Canonical = d.URL
		}
		if d.Title == "" {
			d.Title = d.Page.Title + " · " + site.Config.Title
		}
		if n := len(d.Crumbs); n > 0 {
			d.Crumbs[n-1].Current = true
		}
		jobs = append(jobs, Job{File: fileOf(d.URL), data: d})
	}
	homePage := &Data{Page: site.Home, Layout: "home", URL: "/", Title: site.Config.Title}
	if site.Home.Title != "" && site.Home.Title != site.Config.Title {
		homePage.Title = site.Home.Title + " · " + site.Config.Title
	}
	add(homePage)

	for _, p := range site.Pages {
		layout := string(p.Kind)
		crumbs := []Crumb{home}
		if sec := site.Section(p.Section); sec != nil {
			crumbs = append(crumbs, Crumb{Title: sec.Title, URL: sec.URL})
		}
		add(&Data{Page: p, Layout: layout, URL: p.URL, Crumbs: append(crumbs, Crumb{Title: p.Title, URL: p.URL})})
	}

	for _, sec := range site.Sections {
		pages := paginate(sec.Pages, site.Config.Paginate)
		for i, items := range pages {
			u := pageURL(sec.URL, i+1)
			d := &Data{Page: sec.Intro, Layout: "section", URL: u, section: sec, Items: items,
				Crumbs: []Crumb{home, {Title: sec.Title, URL: sec.URL}}}
			if len(pages) > 1 {
				d.Pager = pager(sec.URL, i+1, len(pages))
				if i > 0 {
					d.Title = tr.format(keyListPageTitle, sec.Intro.Title, i+1, len(pages)) + " · " + site.Config.Title
				}
			}
			add(d)
		}
	}

	for _, tax := range site.Taxonomies {
		page := &content.Page{Kind: content.KindSection, URL: tax.URL, Title: tax.Title}
		add(&Data{Page: page, Layout: "taxonomy", URL: tax.URL, taxonomy: tax,
			Crumbs: []Crumb{home, {Title: tax.Title, URL: tax.URL}}})
		for _, t := range tax.Terms {
			name := t.Name
			if tax.Field == "kind" {
				name = tr.storyKind(name)
			}
			page := &content.Page{Kind: content.KindSection, URL: t.URL, Title: name,
				Summary: tr.format(keyTermSummary, tax.Singular, name)}
			add(&Data{Page: page, Layout: "term", URL: t.URL, taxonomy: tax, Term: t,
				Crumbs: []Crumb{home, {Title: tax.Title, URL: tax.URL}, {Title: name, URL: t.URL}}})
			// A term page shows the first few of each kind; the rest are
			// on paginated lists of their own, so that no page grows with
			// the site (a town can have thousands of stories).
			for _, g := range t.Groups {
				sec := site.Section(g.Section)
				if sec == nil || len(g.Pages) <= TermPreview {
					continue
				}
				base := t.URL + g.Section + "/"
				title := tr.format(keyTermGroup, sec.Title, name)
				lists := paginate(g.Pages, site.Config.Paginate)
				for i, items := range lists {
					u := pageURL(base, i+1)
					intro := &content.Page{Kind: content.KindSection, Section: g.Section, URL: base, Title: title}
					d := &Data{Page: intro, Layout: "termgroup", URL: u, taxonomy: tax, Term: t, section: sec, Items: items,
						Crumbs: []Crumb{home, {Title: tax.Title, URL: tax.URL}, {Title: name, URL: t.URL}, {Title: sec.Title, URL: base}}}
					if len(lists) > 1 {
						d.Pager = pager(base, i+1, len(lists))
						if i > 0 {
							d.Title = tr.format(keyListPageTitle, title, i+1, len(lists)) + " · " + site.Config.Title
						}
					}
					add(d)
				}
			}
		}
	}

	search := &content.Page{Kind: content.KindSection, URL: "/recherche/", Title: tr.text(keySearchTitle)}
	add(&Data{Page: search, Layout: "recherche", URL: "/recherche/",
		Crumbs: []Crumb{home, {Title: search.Title, URL: "/recherche/"}}})
	// The site map for people; sitemap.xml is the one for robots.
	siteMap := &content.Page{Kind: content.KindSection, URL: "/plan-du-site/", Title: tr.text(keySiteMapTitle)}
	add(&Data{Page: siteMap, Layout: "plan", URL: siteMap.URL,
		Crumbs: []Crumb{home, {Title: siteMap.Title, URL: siteMap.URL}}})
	notFound := &content.Page{Kind: content.KindSection, URL: "/404.html", Title: tr.text(keyNotFoundTitle)}
	add(&Data{Page: notFound, Layout: "404", URL: "/404.html"})

	for _, a := range site.Aliases {
		target := site.Refs.ByURL[a.To]
		add(&Data{Page: target, Layout: "alias", URL: a.From, Target: a.To, Canonical: a.To,
			Title: target.Title + " · " + site.Config.Title})
	}
	return jobs
}

// TermPreview is how many pages of each kind a term page shows before
// linking to the full list.
const TermPreview = 12

func paginate(pages []*content.Page, per int) [][]*content.Page {
	if per <= 0 {
		per = len(pages)
	}
	var out [][]*content.Page
	for len(pages) > per {
		out = append(out, pages[:per])
		pages = pages[per:]
	}
	return append(out, pages)
}

func pageURL(base string, n int) string {
	if n == 1 {
		return base
	}
	return base + "page/" + strconv.Itoa(n) + "/"
}

func pager(base string, n, total int) *Pager {
	p := &Pager{Number: n, Total: total}
	if n > 1 {
		p.Prev = pageURL(base, n-1)
	}
	if n < total {
		p.Next = pageURL(base, n+1)
	}
	// The first, the last and two on each side of the current page: a list
	// of 200 pages must not print 200 links on each of them.
	last := 0
	for i := 1; i <= total; i++ {
		if i != 1 && i != total && (i < n-2 || i > n+2) {
			continue
		}
		if last != 0 && i > last+1 {
			p.Pages = append(p.Pages, Crumb{Title: "…"})
		}
		p.Pages = append(p.Pages, Crumb{Title: strconv.Itoa(i), URL: pageURL(base, i)})
		last = i
	}
	return p
}

// fileOf maps a URL to the file that serves it: "/a/" -> "a/index.html".
func fileOf(u string) string {
	f := strings.TrimPrefix(u, "/")
	if f == "" || strings.HasSuffix(f, "/") {
		f += "index.html"
	}
	return f
}

// sitemap lists every page worth indexing: not the 404, not the aliases.
func sitemap(jobs []Job, origin, basePath string) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, j := range jobs {
		if j.data.Layout == "404" || j.data.Layout == "alias" {
			continue
		}
		b.WriteString("  <url><loc>")
		template.HTMLEscape(&b, []byte(origin+basePath+strings.TrimPrefix(j.data.URL, "/")))
		b.WriteString("</loc>")
		if p := j.data.Page; p != nil && !p.Date.IsZero() && j.data.Layout == string(p.Kind) {
			last := p.Date
			if p.Updated.After(last.Time) {
				last = p.Updated
			}
			b.WriteString("<lastmod>" + last.ISO() + "</lastmod>")
		}
		b.WriteString("</url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}
