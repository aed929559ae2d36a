// Package link is the whole-site pass: it gives every page its URL, leaves
// out drafts and future pages, detects two pages at one URL, resolves the
// references between pages in both directions and builds the taxonomies.
package link

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"terredetalents/generator/content"
	"terredetalents/generator/diag"
)

// Options says which pages are published.
type Options struct {
	Drafts bool      // publish drafts and pages dated in the future
	Now    time.Time // what "future" means; fixed for reproducible builds
	// Files are the URLs of the static files the site publishes
	// ("/css/site.css"): body links may lead to them, aliases may not
	// replace them.
	Files map[string]bool
	// Cache, when not nil, keeps from one build to the next (serve) the
	// « vouliez-vous dire » suggestions for broken links, made again only
	// when the site's URLs change, and the terms written almost alike,
	// found again only when a taxonomy's terms or their counts change.
	Cache *Cache
	// BodyDiags, when not nil, receives what the checks of body links find
	// instead of the diags given to Site: serve keeps them apart, to check
	// again only the bodies that changed (Cache.CheckBodies).
	BodyDiags *diag.List
}

// Site links parsed pages into a site.
func Site(cfg content.Config, pages []*content.Page, opts Options, diags *diag.List) *content.Site {
	s := &content.Site{
		Config:     cfg,
		Now:        opts.Now,
		Sections:   content.NewSections(),
		Taxonomies: content.NewTaxonomies(),
		Refs: content.Refs{
			Out:           map[string]map[string][]*content.Page{},
			In:            map[string]map[string][]*content.Page{},
			ByURL:         make(map[string]*content.Page, len(pages)),
			BySectionSlug: make(map[string]*content.Page, len(pages)),
		},
	}
	if opts.Files[content.ShareImage] {
		s.ShareImage = content.ShareImage
	}
	urls := newURLs(diags)
	urls.reserveGenerated(s, opts.Files)

	// Every page, published or not, is known by slug, so that a reference to
	// a draft can be told apart from a typo.
	all := make(map[pageKey]*content.Page, len(pages))
	published := func(p *content.Page) bool {
		if pub, ok := p.Data.(content.Published); ok && !opts.Drafts && !pub.Published(opts.Now) {
			return false
		}
		return opts.Drafts || (!p.Draft && !p.Date.Future(opts.Now))
	}
	// Pages held in another page's front matter (a company's offers) join
	// the others once their parent has its URL.
	for i := 0; i < len(pages); i++ {
		if par, ok := pages[i].Data.(content.Parent); ok && !pages[i].Broken {
			assignURL(pages[i])
			pages = append(pages, par.Children(pages[i])...)
		}
	}
	for _, p := range pages {
		assignURL(p)
		if p.Broken {
			all[pageKey{p.Section, p.Slug}] = p // known, never published
			continue
		}
		switch p.Kind {
		case content.KindHome:
			if published(p) {
				s.Home = p
			}
			continue
		case content.KindSection:
			if sec := s.Section(p.Section); sec != nil {
				sec.Intro = p
			}
			continue
		}
		key := pageKey{p.Section, p.Slug}
		if prev, dup := all[key]; dup {
			diags.Errorf(p.SlugPos, "duplicate-url",
				"deux pages ont l'adresse %s : celle-ci et %s ; renommez l'une des deux (ou changez son champ slug)", p.URL, prev.Source)
			continue
		}
		all[key] = p
		if !published(p) {
			if !p.Draft && p.Date.Future(opts.Now) {
				diags.Infof(p.DatePos, "future",
					"publication le %s : %s n'apparaîtra sur le site qu'à partir de ce jour-là, à la première construction qui suivra", p.Date.French(), refNoun(p.Section))
			}
			continue
		}
		if !urls.claim(p.URL, p.SlugPos, p.Source) {
			continue
		}
		s.Pages = append(s.Pages, p)
		s.Refs.ByURL[p.URL] = p
		s.Refs.BySectionSlug[p.Section+"/"+p.Slug] = p
	}
	sort.Slice(s.Pages, func(i, j int) bool { return s.Pages[i].URL < s.Pages[j].URL })
	if s.Home == nil {
		s.Home = &content.Page{Kind: content.KindHome, URL: "/", Title: cfg.Title, Summary: cfg.Description}
	}
	for _, sec := range s.Sections {
		if sec.Intro == nil || !published(sec.Intro) {
			sec.Intro = &content.Page{Kind: content.KindSection, Section: sec.Name, URL: sec.URL, Title: sec.Title}
		}
	}

	// A page whose slug key replaced its file name is known by both, as
	// long as the file name names no other page.
	for _, p := range pages {
		if p.FileSlug == "" || p.Broken {
			continue
		}
		if key := (pageKey{p.Section, p.FileSlug}); all[key] == nil {
			all[key] = p
		}
	}

	r := resolver{site: s, all: all, diags: diags}
	for _, p := range s.Pages {
		r.page(p)
		checkUpdated(s, p, diags)
	}
	// Pages that are not published are still checked, in file order.
	for _, p := range pages {
		if p.Kind != content.KindHome && p.Kind != content.KindSection && !p.Broken && s.Refs.ByURL[p.URL] != p {
			r.check(p)
		}
	}
	fillSections(s)
	fillTaxonomies(s)
	// Terms written almost alike are looked for beside the rest of the
	// linking, which changes no term: a tenth of the stage's time at
	// 10,000 pages with a long tail of skills, on a core that would wait.
	var near sync.WaitGroup
	near.Go(func() { checkNearTerms(s, opts.Cache, diags) })
	defer near.Wait()
	for _, p := range s.Pages {
		if d, ok := p.Data.(content.Derived); ok {
			d.Derive(s, p)
		}
	}
	for _, p := range s.Pages {
		if c, ok := p.Data.(content.SiteChecked); ok {
			c.CheckSite(s, p, diags)
		}
	}
	// Aliases come last: they may replace no page, term or generated file.
	for _, tax := range s.Taxonomies {
		for _, t := range tax.Terms {
			urls.owner[t.URL] = "la page de " + strings.ToLower(tax.Singular[:1]) + tax.Singular[1:] + " « " + t.Name + " »"
		}
	}
	for _, p := range s.Pages {
		for _, a := range p.Aliases {
			if urls.claimAlias(a.Slug, a.Pos, "l'ancienne adresse de "+p.Source) {
				s.Aliases = append(s.Aliases, content.Alias{From: a.Slug, To: p.URL})
			}
		}
	}
	sort.Slice(s.Aliases, func(i, j int) bool { return s.Aliases[i].From < s.Aliases[j].From })
	unpublished := map[string]bool{}
	for _, p := range all {
		if s.Refs.ByURL[p.URL] != p {
			unpublished[p.URL] = true
		}
	}
	checkStaticFiles(s, opts.Files, diags)
	checks := newBodyChecks(s, opts.Files, unpublished, opts.Cache)
	if opts.Cache != nil {
		opts.Cache.body = checks
	}
	bodyDiags := diags
	if opts.BodyDiags != nil {
		bodyDiags = opts.BodyDiags
	}
	checks.checkAll(TextPages(s), bodyDiags)
	return s
}

// checkStaticFiles reports a file of static/ that would take the place of
// a page or of a file the generator writes: `build` would publish one and
// `serve` show the other, and a page would vanish without a word.
func checkStaticFiles(s *content.Site, files map[string]bool, diags *diag.List) {
	if len(files) == 0 {
		return
	}
	made := map[string]string{}
	page := func(url, what string) { made[url+"index.html"] = what }
	page("/", "de la page d'accueil")
	page("/recherche/", "de la page de recherche")
	for _, p := range s.Pages {
		page(p.URL, "de la page « "+p.Title+" »")
	}
	for _, sec := range s.Sections {
		page(sec.URL, "de la liste des "+strings.ToLower(sec.Title))
		made[sec.URL+"index.xml"] = "du flux RSS des " + strings.ToLower(sec.Title)
		made["/api/"+sec.Name+".json"] = "des données ouvertes des " + strings.ToLower(sec.Title)
	}
	for _, tax := range s.Taxonomies {
		page(tax.URL, "de l'index des "+strings.ToLower(tax.Title))
		for _, t := range tax.Terms {
			page(t.URL, "de la page « "+t.Name+" »")
		}
	}
	for _, f := range []string{"/robots.txt", "/sitemap.xml", "/index.xml", "/404.html"} {
		made[f] = "du fichier " + strings.TrimPrefix(f, "/") + " que le générateur fabrique"
	}
	for _, url := range slices.Sorted(maps.Keys(files)) {
		if what, ok := made[url]; ok {
			diags.Errorf(diag.Pos{File: "static" + url}, "static-collision",
				"ce fichier du dossier static/ prendrait la place %s (%s) : renommez-le ou retirez-le", what, strings.TrimSuffix(url, "index.html"))
		}
	}
}

// TextPages are the pages of a site whose texts are published: its
// content pages, and the home and section texts written in files.
func TextPages(s *content.Site) []*content.Page {
	out := make([]*content.Page, 0, len(s.Pages)+len(s.Sections)+1)
	if s.Home.Source != "" {
		out = append(out, s.Home)
	}
	for _, sec := range s.Sections {
		if sec.Intro.Source != "" {
			out = append(out, sec.Intro)
		}
	}
	return append(out, s.Pages...)
}

// assignURL derives a page's URL from its section and slug, unless it was
// given one (an offer's URL is below its company's).
func assignURL(p *content.Page) {
	if p.URL != "" {
		return
	}
	switch p.Kind {
	case content.KindHome:
		p.URL = "/"
	case content.KindSection:
		p.URL = "/" + p.Section + "/"
	case content.KindPlain:
		p.URL = "/" + p.Slug + "/"
	default:
		p.URL = "/" + p.Section + "/" + p.Slug + "/"
	}
}

// urls detects two things published at one URL.
type urls struct {
	owner map[string]string
	diags *diag.List
}

func newURLs(diags *diag.List) *urls { return &urls{owner: map[string]string{}, diags: diags} }

// reserveGenerated claims the URLs the generator makes itself, so that a
// page named "recherche.md" or an alias "/competences/" is reported, and
// the files it writes, so that an alias "/robots.txt" is.
func (u *urls) reserveGenerated(s *content.Site, files map[string]bool) {
	for _, fixed := range []string{"/", "/recherche/", "/api/", "/404.html", "/sitemap.xml", "/robots.txt", "/index.xml", "/css/", "/js/"} {
		u.owner[fixed] = "une page créée par le générateur"
	}
	for url := range files {
		u.owner[url] = "un fichier du dossier static/"
	}
	for _, sec := range s.Sections {
		u.owner[sec.URL] = "la liste des " + strings.ToLower(sec.Title)
		u.owner[sec.URL+"page/"] = "la liste des " + strings.ToLower(sec.Title)
		u.owner[sec.URL+"index.xml"] = "le flux RSS des " + strings.ToLower(sec.Title)
	}
	for _, t := range s.Taxonomies {
		u.owner[t.URL] = "l'index des " + strings.ToLower(t.Title)
	}
}

// claim gives url to a page, or reports at pos who has it already.
func (u *urls) claim(url string, pos diag.Pos, by string) bool {
	if prefix, owner, ok := reserved(url); ok {
		u.diags.Errorf(pos, "duplicate-url",
			"l'adresse %s est déjà prise par %s (%s) : choisissez un autre nom de fichier ou un autre slug", url, owner, prefix)
		return false
	}
	if prev, taken := u.take(url, by); taken {
		u.diags.Errorf(pos, "duplicate-url",
			"deux pages ont l'adresse %s : celle-ci et %s ; renommez l'une des deux (ou changez son champ slug)", url, prev)
		return false
	}
	return true
}

// claimAlias gives url to an alias of a page, or reports at pos what the
// alias would replace: an old address never hides a page or a file.
func (u *urls) claimAlias(url string, pos diag.Pos, by string) bool {
	owner, taken := "", false
	if _, o, ok := reserved(url); ok {
		owner, taken = o, true
	} else {
		owner, taken = u.take(url, by)
	}
	if taken {
		u.diags.Errorf(pos, "alias-collision",
			"l'ancienne adresse %s est déjà prise par %s : une ancienne adresse ne remplace ni une page ni un fichier du site ; retirez-la de aliases", url, owner)
	}
	return !taken
}

// take gives url to by unless it is taken, and returns its owner when it
// is. A folder "/x/" and a file "/x" are one place on disk.
func (u *urls) take(url, by string) (owner string, taken bool) {
	if prev, ok := u.owner[url]; ok {
		return prev, true
	}
	if prev, ok := u.owner[strings.TrimSuffix(url, "/")]; ok && len(url) > 1 {
		return prev, true
	}
	u.owner[url] = by
	return "", false
}

// sectionURLs are the list pages that own a paginated folder.
var sectionURLs = func() []string {
	var urls []string
	for _, sec := range content.NewSections() {
		urls = append(urls, sec.URL)
	}
	return urls
}()

// reserved returns the generated folder that holds url, if any: paginated
// lists and asset folders own everything below them.
func reserved(url string) (prefix, owner string, ok bool) {
	for _, prefix := range []string{"/api/", "/css/", "/js/", "/search/"} {
		if strings.HasPrefix(url, prefix) {
			return prefix, "un dossier créé par le générateur", true
		}
	}
	for _, sec := range sectionURLs {
		if strings.HasPrefix(url, sec+"page/") {
			return sec + "page/", "la pagination de la liste", true
		}
	}
	return "", "", false
}

// pageKey names a page by its section and slug.
type pageKey struct{ section, slug string }

// resolver resolves the references of pages.
type resolver struct {
	site  *content.Site
	all   map[pageKey]*content.Page
	diags *diag.List
}

// page resolves the references of a published page and records them in
// both directions; a page named twice in one field is listed once.
func (r *resolver) page(p *content.Page) {
	refs := &r.site.Refs
	for _, f := range p.RefFields() {
		var seen []*content.Page
		for _, ref := range f.Refs {
			t := r.resolve(ref, f.Section)
			if t == nil || slices.Contains(seen, t) {
				continue
			}
			seen = append(seen, t)
			if refs.Out[p.URL] == nil {
				refs.Out[p.URL] = map[string][]*content.Page{}
			}
			refs.Out[p.URL][f.Key] = append(refs.Out[p.URL][f.Key], t)
			if refs.In[t.URL] == nil {
				refs.In[t.URL] = map[string][]*content.Page{}
			}
			// The other side lists only pages that are listed: a company
			// does not announce an event that is over.
			if in := refs.In[t.URL][p.Section]; p.Listed(r.site.Now) && !slices.Contains(in, p) {
				refs.In[t.URL][p.Section] = append(in, p)
			}
		}
	}
}

// check reports unknown references of a page that is not published.
func (r *resolver) check(p *content.Page) {
	for _, f := range p.RefFields() {
		for _, ref := range f.Refs {
			r.find(ref, f.Section)
		}
	}
}

// resolve returns the published page a reference names, or nil after
// reporting why there is none.
func (r *resolver) resolve(ref content.Ref, section string) *content.Page {
	target := r.find(ref, section)
	if target == nil || target.Broken {
		return nil
	}
	if pub := r.site.Refs.ByURL[target.URL]; pub != target {
		r.diags.Warnf(ref.Pos, "unpublished-ref",
			"%s « %s » n'est pas publiée (brouillon ou date à venir) : le lien n'apparaîtra qu'une fois la page publiée",
			refNoun(section), ref.Slug)
		return nil
	}
	return target
}

// find returns the page a reference names, published or not.
func (r *resolver) find(ref content.Ref, section string) *content.Page {
	if ref.Slug == "" {
		return nil
	}
	if p, ok := r.all[pageKey{section, content.Slugify(ref.Slug)}]; ok {
		return p
	}
	var slugs []string
	for key := range r.all {
		if key.section == section {
			slugs = append(slugs, key.slug)
		}
	}
	msg := fmt.Sprintf("%s « %s » n'existe pas", refNoun(section), ref.Slug)
	sort.Strings(slugs) // the same suggestion on every run
	if sug := diag.SuggestSlug(content.Slugify(ref.Slug), slugs); sug != "" {
		msg += fmt.Sprintf(" ; vouliez-vous dire « %s » ?", sug)
	} else {
		msg += fmt.Sprintf(" : écrivez le nom d'un fichier de content/%s/ sans « .md »", section)
	}
	r.diags.Errorf(ref.Pos, "unknown-ref", "%s", msg)
	return nil
}

// refNoun names a page of a section in a message: "l'entreprise",
// "la formation", "l'événement".
func refNoun(section string) string {
	d := content.SectionNamed(section)
	if d == nil {
		return "la page"
	}
	switch d.One[0] {
	case 'a', 'e', 'i', 'o', 'u', 'h', 0xc3: // 0xc3: é, è…
		return "l'" + d.One
	}
	return "la " + d.One
}

// fillSections lists each section's pages, sorted as the section says;
// a page that leaves the lists (a past event) keeps its URL. The pages
// that name a page are sorted the same way.
func fillSections(s *content.Site) {
	for _, p := range s.Pages {
		if sec := s.Section(p.Section); sec != nil && p.Listed(s.Now) {
			sec.Pages = append(sec.Pages, p)
		}
	}
	for _, sec := range s.Sections {
		sortPages(sec.Pages, sec.Def.Order)
	}
	for _, in := range s.Refs.In {
		for section, pages := range in {
			if d := content.SectionNamed(section); d != nil {
				sortPages(pages, d.Order)
			}
		}
	}
}

// sortPages sorts pages in a section's order.
func sortPages(pages []*content.Page, order content.Order) {
	switch order {
	case content.NewestFirst:
		sortByDateDesc(pages)
	case content.SoonestFirst:
		sortByStart(pages)
	default:
		sortByTitle(pages)
	}
}

// fillTaxonomies groups pages by term. Spellings that give the same slug
// ("Cuisine", "cuisine") are one term, named by its most used spelling.
func fillTaxonomies(s *content.Site) {
	// Taxonomies share nothing: each is filled on a core of its own, the
	// stage would otherwise run alone on one.
	var wg sync.WaitGroup
	for _, tax := range s.Taxonomies {
		wg.Go(func() { fillTaxonomy(s, tax) })
	}
	wg.Wait()
}

// fillTaxonomy gives tax its terms and each term its pages.
func fillTaxonomy(s *content.Site, tax *content.Taxonomy) {
	terms := map[string]*term{}
	uses := map[string]int{}     // how many pages write each spelling
	slugs := map[string]string{} // names repeat across pages: slugify each once
	var seen []string            // the few slugs of one page
	for _, p := range s.Pages {
		if !p.Listed(s.Now) {
			continue // a past event carries no term any more
		}
		seen = seen[:0]
		for _, name := range p.Terms(tax.Field) {
			slug, ok := slugs[name]
			if !ok {
				slug = content.Slugify(name)
				slugs[name] = slug
			}
			if slug == "" || slices.Contains(seen, slug) {
				continue
			}
			seen = append(seen, slug)
			t := terms[slug]
			if t == nil {
				t = &term{Term: &content.Term{Slug: slug, URL: tax.URL + slug + "/"}}
				terms[slug] = t
			}
			uses[name]++
			if p.Section == "" {
				t.Pages = append(t.Pages, p)
			} else {
				t.addToGroup(p)
			}
		}
	}
	for name, n := range uses {
		t := terms[slugs[name]]
		if n > uses[t.Name] || (n == uses[t.Name] && name < t.Name) {
			t.Name = name
		}
	}
	for _, t := range terms {
		t.sortGroups()
		sortByTitle(t.Pages)
		tax.Terms = append(tax.Terms, t.Term)
	}
	sort.Slice(tax.Terms, func(i, j int) bool { return tax.Terms[i].Slug < tax.Terms[j].Slug })
	tax.URLs = make(map[string]string, len(slugs))
	for name, slug := range slugs {
		if slug != "" {
			tax.URLs[name] = tax.URL + slug + "/"
		}
	}
}

// term is a term being filled, with its groups by section.
type term struct {
	*content.Term
}

func (t *term) addToGroup(p *content.Page) {
	for i := range t.Groups {
		if t.Groups[i].Section == p.Section {
			t.Groups[i].Pages = append(t.Groups[i].Pages, p)
			return
		}
	}
	t.Groups = append(t.Groups, content.TermGroup{Section: p.Section, Pages: []*content.Page{p}})
}

// sortGroups orders the groups by the sections' TermOrder and each group
// as its section's lists.
func (t *term) sortGroups() {
	sort.Slice(t.Groups, func(i, j int) bool {
		return content.SectionNamed(t.Groups[i].Section).TermOrder < content.SectionNamed(t.Groups[j].Section).TermOrder
	})
	for _, g := range t.Groups {
		sortPages(g.Pages, content.SectionNamed(g.Section).Order)
	}
}

// sortByStart sorts pages by their start date, soonest first.
func sortByStart(pages []*content.Page) {
	start := func(p *content.Page) time.Time {
		if d, ok := p.Data.(content.Dated); ok {
			return d.StartsAt()
		}
		return p.Date.Time
	}
	sort.SliceStable(pages, func(i, j int) bool {
		a, b := start(pages[i]), start(pages[j])
		if !a.Equal(b) {
			return a.Before(b)
		}
		return pages[i].URL < pages[j].URL
	})
}

// sortByTitle sorts pages by title without case or accents, so that
// "Écoute" sorts with the E's. The key is computed once, by the parser.
func sortByTitle(pages []*content.Page) {
	sort.SliceStable(pages, func(i, j int) bool {
		a, b := sortKey(pages[i]), sortKey(pages[j])
		if a != b {
			return a < b
		}
		return pages[i].URL < pages[j].URL
	})
}

func sortKey(p *content.Page) string {
	if p.SortKey == "" && p.Title != "" {
		return content.Slugify(p.Title)
	}
	return p.SortKey
}

func sortByDateDesc(pages []*content.Page) {
	sort.SliceStable(pages, func(i, j int) bool {
		a, b := pages[i].Date.Time, pages[j].Date.Time
		if !a.Equal(b) {
			return a.After(b)
		}
		return pages[i].URL < pages[j].URL
	})
}
