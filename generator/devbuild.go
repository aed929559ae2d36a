package main

import (
	"bytes"
	"io/fs"
	"reflect"
	"slices"
	"strings"

	"terredetalents/generator/content"
	"terredetalents/generator/diag"
	"terredetalents/generator/images"
	"terredetalents/generator/link"
	"terredetalents/generator/load"
	"terredetalents/generator/parse"
	"terredetalents/generator/render"
	"terredetalents/generator/serve"
)

// devBuilder rebuilds the site for `serve`, redoing only what a change
// affects: it rereads the files that changed, parses again only the pages
// whose text changed, links the whole site (cheap), and renders only the
// pages that show something of a changed page. The result is the same as a
// full build; a test holds it to that.
type devBuilder struct {
	src  fs.FS
	opts pipelineOptions

	files     []content.File        // the content files as last read
	loadDiags []diag.Diagnostic     // what the last walk of content/ reported
	parsed    map[string]parsedPage // parse results by path, for the texts in files

	// The last good build: what is served, and what it was built from.
	good      *serve.Files
	goodSite  *content.Site
	goodJobs  []render.Job
	goodTexts map[string][]byte
	static    []string        // output names of static files
	dataNames map[string]bool // search index and open data files in good
}

type parsedPage struct {
	text  []byte
	page  *content.Page
	diags []diag.Diagnostic
}

// devResult is what one rebuild did.
type devResult struct {
	Site     *serve.Files // nil when the build failed: keep serving the last good one
	Diags    *diag.List
	Rendered int  // pages rendered
	Full     bool // everything was rebuilt
}

func newDevBuilder(src fs.FS, opts pipelineOptions) *devBuilder {
	return &devBuilder{src: src, opts: opts, parsed: map[string]parsedPage{}}
}

// Build rebuilds after changes to the given paths (slash paths relative to
// the site root); nil means "anything may have changed".
func (b *devBuilder) Build(changed []string) devResult {
	diags := &diag.List{}
	full := b.good == nil || changed == nil || slices.ContainsFunc(changed, needsFullBuild)

	cfg := siteConfig(b.src, b.opts, diags)
	layers, ok := themeLayers(b.src, cfg, diags)
	b.readContent(changed, full, diags)
	pages := b.parse(cfg, diags)
	site := link.Site(cfg, pages, link.Options{Drafts: b.opts.Drafts, Now: b.opts.Now, Files: staticURLs(layers)}, diags)
	if diags.HasErrors() || !ok {
		return devResult{Diags: diags}
	}

	texts := map[string][]byte{}
	for _, f := range b.files {
		texts[f.Path] = f.Text
	}
	var out *serve.Files
	if full {
		out = serve.NewFiles()
		b.static = copyStatic(layers, cfg.Theme, out, diags)
		copyResources(b.src, site, out, diags)
	} else {
		out = b.good.Clone()
	}
	// Resized images are found again in the last good site by their names,
	// which hold a hash of the original: only new images are resized.
	var previous images.Previous
	if b.good != nil {
		previous = b.good
	}
	imgs, _ := images.Process(site, images.Options{Source: b.src, Previous: previous}, out, diags)
	r, err := render.New(site, render.Options{Layers: layers, Images: imgs})
	if err != nil {
		diags.Errorf(diag.Pos{File: "layouts"}, "template", "%v", err)
		return devResult{Diags: diags}
	}
	jobs := r.Jobs()
	if !full {
		sources := changedSources(b.goodTexts, texts)
		jobs = affectedJobs(jobs, b.goodJobs, b.goodSite, site, sources)
		copyResources(b.src, resourcesToCopy(site, sources, changed), out, diags)
	}
	r.Render(jobs, out, diags)
	extras := r.Extras(out, diags)
	if !full {
		prune(out, r.Jobs(), site, imgs, b.dataNames, append(b.static, extras...))
	}
	if diags.HasErrors() {
		return devResult{Diags: diags}
	}
	b.good, b.goodSite, b.goodJobs, b.goodTexts = out, site, r.Jobs(), texts
	return devResult{Site: out, Diags: diags, Rendered: len(jobs), Full: full}
}

// needsFullBuild tells the changes that can alter every page: the
// configuration, templates, themes and static files.
func needsFullBuild(p string) bool {
	return p == parse.ConfigFile || !strings.HasPrefix(p, load.ContentDir+"/")
}

// readContent refreshes b.files. When only known pages were modified, only
// they are read again; anything else (a page created, deleted or renamed, a
// bundle file) walks the content folder again.
func (b *devBuilder) readContent(changed []string, full bool, diags *diag.List) {
	known := map[string]int{}
	for i, f := range b.files {
		known[f.Path] = i
	}
	structural := full || b.files == nil
	for _, p := range changed {
		if _, ok := known[p]; !ok && strings.HasPrefix(p, load.ContentDir+"/") {
			structural = true
		}
	}
	if structural {
		b.walk(diags)
		return
	}
	for _, d := range b.loadDiags {
		diags.Add(d)
	}
	files := slices.Clone(b.files)
	for _, p := range changed {
		i, ok := known[p]
		if !ok {
			continue
		}
		if _, err := fs.Stat(b.src, p); err != nil { // deleted after all
			b.walk(diags)
			return
		}
		if f, ok := load.Reread(b.src, files[i], diags); ok {
			files[i] = f
		} else {
			files[i].Text = nil // reported; parsed as an empty page below
		}
	}
	b.files = files
}

// walk reads the whole content folder again.
func (b *devBuilder) walk(diags *diag.List) {
	var own diag.List
	b.files = load.Content(b.src, &own)
	b.loadDiags = own.Items()
	for _, d := range b.loadDiags {
		diags.Add(d)
	}
}

// parse parses the files whose text changed and reuses the rest, with the
// diagnostics they had.
func (b *devBuilder) parse(cfg content.Config, diags *diag.List) []*content.Page {
	md := parse.NewMarkdown(cfg.UnsafeHTML)
	var todo []content.File
	for _, f := range b.files {
		if f.Text == nil {
			continue
		}
		if prev, ok := b.parsed[f.Path]; !ok || !bytes.Equal(prev.text, f.Text) {
			todo = append(todo, f)
		}
	}
	fresh := parsePagesWithDiags(todo, md)
	for i, f := range todo {
		b.parsed[f.Path] = fresh[i]
	}
	pages := make([]*content.Page, 0, len(b.files))
	keep := map[string]bool{}
	for _, f := range b.files {
		if f.Text == nil {
			continue
		}
		pp := b.parsed[f.Path]
		keep[f.Path] = true
		pages = append(pages, pp.page)
		for _, d := range pp.diags {
			diags.Add(d)
		}
	}
	for p := range b.parsed {
		if !keep[p] {
			delete(b.parsed, p)
		}
	}
	return pages
}

// parsePagesWithDiags parses files in parallel, keeping each file's
// diagnostics apart so that they can be reused while the file is unchanged.
func parsePagesWithDiags(files []content.File, md *parse.Markdown) []parsedPage {
	lists := make([]diag.List, len(files))
	pages := parsePagesEach(files, md, 0, func(i int) *diag.List { return &lists[i] }, nil)
	out := make([]parsedPage, len(files))
	for i := range files {
		out[i] = parsedPage{text: files[i].Text, page: pages[i], diags: lists[i].Items()}
	}
	return out
}

// changedSources lists the content files added, removed or edited since the
// last good build.
func changedSources(before, after map[string][]byte) map[string]bool {
	out := map[string]bool{}
	for p, t := range after {
		if old, ok := before[p]; !ok || !bytes.Equal(old, t) {
			out[p] = true
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			out[p] = true
		}
	}
	return out
}

// affectedJobs keeps the jobs whose page shows something of a changed page,
// in the old site or the new one. An edit of the text alone touches the
// page alone: no page shows another page's text. Otherwise: the page, the
// pages it refers to or that refer to it, its terms' pages, its aliases,
// the pages of its section's list that show it (all of them when the list
// changed length), and the pages that summarize the whole site.
func affectedJobs(jobs, oldJobs []render.Job, old, cur *content.Site, sources map[string]bool) []render.Job {
	oldBySource, curBySource := bySource(old), bySource(cur)
	textOnly := true
	for src := range sources {
		a, b := oldBySource[src], curBySource[src]
		if a == nil || b == nil || a.Kind == content.KindSection || !sameExceptBody(a, b) {
			textOnly = false
		}
	}
	urls := map[string]bool{}
	sections := map[string]bool{} // sections whose intro changed: every list page
	if textOnly {
		for src := range sources {
			urls[curBySource[src].URL] = true
		}
		return filterJobs(jobs, func(j render.Job) bool { return urls[j.URL()] })
	}
	for _, u := range []string{"/", "/recherche/", "/plan-du-site/", "/404.html"} {
		urls[u] = true
	}
	for _, s := range []*content.Site{old, cur} {
		for _, p := range sitePages(s) {
			if !sources[p.Source] {
				continue
			}
			urls[p.URL] = true
			if p.Kind == content.KindSection {
				sections[p.Section] = true
			}
			for _, related := range related(s, p) {
				urls[related.URL] = true
			}
			for _, tax := range s.Taxonomies {
				for _, name := range p.Terms(tax.Field) {
					urls[s.TermURL(tax.Field, name)] = true
				}
			}
			// A story's « Et vous ? » lists the companies and offers that
			// share its skills: pages sharing a skill with a changed page
			// are rendered again.
			if tax := s.Taxonomy("skills"); tax != nil {
				for _, name := range p.Skills() {
					slug := content.Slugify(name)
					for _, t := range tax.Terms {
						if t.Slug == slug {
							for _, g := range t.Groups {
								for _, q := range g.Pages {
									urls[q.URL] = true
								}
							}
						}
					}
				}
			}
			for _, a := range p.Aliases {
				urls[a.Slug] = true
			}
		}
	}
	before := map[string]render.Job{}
	for _, j := range oldJobs {
		before[j.URL()] = j
	}
	return filterJobs(jobs, func(j render.Job) bool {
		switch {
		case urls[j.URL()], j.Layout() == "taxonomy", j.Layout() == "termgroup" && urls[j.TermURL()]:
			return true
		case j.Layout() == "section":
			return sections[j.Section()] || listChanged(before[j.URL()], j, sources)
		}
		return false
	})
}

// listChanged tells whether a page of a section list differs from the same
// page in the last good build: other items, a changed item, another length.
func listChanged(old, cur render.Job, sources map[string]bool) bool {
	if old.URL() != cur.URL() || old.PageCount() != cur.PageCount() || old.SectionSize() != cur.SectionSize() {
		return true
	}
	a, b := old.Items(), cur.Items()
	if len(a) != len(b) {
		return true
	}
	for i := range b {
		if a[i].Source != b[i].Source || sources[b[i].Source] {
			return true
		}
	}
	return false
}

func filterJobs(jobs []render.Job, keep func(render.Job) bool) []render.Job {
	var out []render.Job
	for _, j := range jobs {
		if keep(j) {
			out = append(out, j)
		}
	}
	return out
}

// bySource indexes the pages of a site that come from files by their path.
func bySource(s *content.Site) map[string]*content.Page {
	out := map[string]*content.Page{}
	for _, p := range sitePages(s) {
		if p.Source != "" {
			out[p.Source] = p
		}
	}
	return out
}

// sameExceptBody reports whether two versions of a page differ in their
// text at most.
func sameExceptBody(a, b *content.Page) bool {
	x, y := *a, *b
	x.Body, y.Body = "", ""
	x.Links, y.Links = nil, nil
	return reflect.DeepEqual(x, y)
}

// sitePages returns every page of a site that comes from a file: content
// pages, the home page and section texts.
func sitePages(s *content.Site) []*content.Page {
	pages := append([]*content.Page{s.Home}, s.Pages...)
	for _, sec := range s.Sections {
		pages = append(pages, sec.Intro)
	}
	return pages
}

// related returns the pages a page refers to and those that refer to it.
func related(s *content.Site, p *content.Page) []*content.Page {
	var out []*content.Page
	for _, pages := range s.Refs.Out[p.URL] {
		out = append(out, pages...)
	}
	for _, pages := range s.Refs.In[p.URL] {
		out = append(out, pages...)
	}
	return slices.DeleteFunc(out, func(q *content.Page) bool { return q == nil })
}

// resourcesToCopy returns a site holding only the pages whose bundle files
// must be copied again: the changed pages, or every page when a bundle file
// itself changed.
func resourcesToCopy(site *content.Site, sources map[string]bool, changed []string) *content.Site {
	for _, p := range changed {
		if !strings.HasSuffix(strings.ToLower(p), ".md") {
			return site
		}
	}
	sub := &content.Site{}
	for _, p := range site.Pages {
		if sources[p.Source] {
			sub.Pages = append(sub.Pages, p)
		}
	}
	return sub
}

// Data builds the search index and the open data of the last good site,
// apart from the pages: on a large site it takes a second, and a writer
// waiting for a page should not wait for the index. The files are made
// without touching the builder; install puts them in the served site.
func (b *devBuilder) Data() devData { return dataFor(b.goodSite) }

// dataFor builds the index of a linked site, which nothing changes.
func dataFor(site *content.Site) devData {
	d := devData{Site: site, Files: serve.NewFiles(), Diags: &diag.List{}}
	if site != nil {
		writeData(site, d.Files, d.Diags)
	}
	return d
}

// devData is the search index and open data of one site.
type devData struct {
	Site  *content.Site
	Files *serve.Files
	Diags *diag.List
}

// InstallData puts index files made by Data in the served site, if that
// site is still the one they were made for, and removes those it no longer
// has. It reports whether they were installed.
func (b *devBuilder) InstallData(d devData) bool {
	site, files := d.Site, d.Files
	if site == nil || site != b.goodSite || d.Diags.HasErrors() {
		return false
	}
	names := map[string]bool{}
	for _, name := range files.Names() {
		data, _ := files.Get(name)
		b.good.WriteFile(name, data)
		names[name] = true
	}
	for name := range b.dataNames {
		if !names[name] {
			b.good.Remove(name)
		}
	}
	b.dataNames = names
	return true
}

// prune removes from out what a full build would not write: pages removed,
// lists grown shorter, resources of removed pages.
func prune(out *serve.Files, jobs []render.Job, site *content.Site, imgs map[string]content.Image, data map[string]bool, static []string) {
	keep := map[string]bool{"sitemap.xml": true, "robots.txt": true, "index.xml": true}
	for name := range data { // replaced by InstallData, not here
		keep[name] = true
	}
	for _, sec := range site.Sections {
		keep[sec.Name+"/index.xml"] = true
	}
	for _, im := range imgs {
		for _, v := range im.Variants {
			keep[strings.TrimPrefix(v.URL, "/")] = true
		}
	}
	for _, j := range jobs {
		keep[j.File] = true
	}
	for _, s := range static {
		keep[s] = true
	}
	for _, p := range site.Pages {
		for _, r := range p.Resources {
			keep[strings.TrimPrefix(p.URL, "/")+r] = true
		}
	}
	for _, name := range out.Names() {
		if !keep[name] {
			out.Remove(name)
		}
	}
}
