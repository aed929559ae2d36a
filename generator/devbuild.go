package main

import (
	"bytes"
	"io/fs"
	"slices"
	"strings"
	"time"

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
// whose text changed, links the whole site, and renders again only the
// pages that read something that changed: each page notes, while it is
// rendered, the keys of what it read (render/deps.go), and a rebuild
// compares those keys between the last good site and the new one. The
// result is the same as a full build; tests hold it to that.
type devBuilder struct {
	src  fs.FS
	opts pipelineOptions

	files     []content.File        // the content files as last read
	loadDiags []diag.Diagnostic     // what the last walk of content/ reported
	parsed    map[string]parsedPage // parse results by path, for the texts in files

	// The last good build: what is served, and what it was built from.
	good      *serve.Files
	goodSite  *content.Site
	goodTexts map[string][]byte
	goodSigs  map[string]string   // what each page was planned from, by file
	goodDeps  map[string][]string // what each page read, by file
	static    []string            // output names of static files
	dataNames map[string]bool     // search index and open data files in good

	renderer *render.Renderer // of the last good build
	fullOwed bool             // the last full rebuild failed
	linkMemo link.Cache       // suggestions and near terms, kept between rebuilds

	last devResult // the last rebuild, for benchmarks
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
	Stages   []stageTime
}

// stageTime is how long one stage of a rebuild took.
type stageTime struct {
	Name string
	Time time.Duration
}

func newDevBuilder(src fs.FS, opts pipelineOptions) *devBuilder {
	return &devBuilder{src: src, opts: opts, parsed: map[string]parsedPage{}}
}

// Build rebuilds after changes to the given paths (slash paths relative to
// the site root); nil means "anything may have changed".
func (b *devBuilder) Build(changed []string) devResult {
	diags := &diag.List{}
	var stages []stageTime
	last := time.Now()
	lap := func(name string) {
		now := time.Now()
		stages = append(stages, stageTime{name, now.Sub(last)})
		last = now
	}
	// A full rebuild that failed (a layout with an error) is owed until
	// one succeeds: the templates of the last good build are stale.
	full := b.good == nil || changed == nil || b.fullOwed || slices.ContainsFunc(changed, needsFullBuild)
	b.fullOwed = full

	cfg := siteConfig(b.src, b.opts, diags)
	layers, ok := themeLayers(b.src, cfg, diags)
	b.readContent(changed, full, diags)
	lap("read")
	pages := b.parse(cfg, diags)
	lap("parse")
	site := link.Site(cfg, pages, link.Options{Drafts: b.opts.Drafts, Now: b.opts.Now, Files: staticURLs(layers), Cache: &b.linkMemo}, diags)
	lap("link")
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
	lap("clone")
	// Resized images are found again in the last good site by their names,
	// which hold a hash of the original: only new images are resized.
	var previous images.Previous
	if b.good != nil {
		previous = b.good
	}
	imgs, _ := images.Process(site, images.Options{Source: b.src, Previous: previous}, out, diags)
	lap("images")
	var prev *render.Renderer
	var sources, keys map[string]bool
	if !full {
		prev = b.renderer // same layouts and texts: only content changed
		sources = changedSources(b.goodTexts, texts)
		bundleSources(sources, changed, b.goodSite, site)
		keys = changedKeys(b.goodSite, site, sources)
	}
	r, err := render.New(site, render.Options{Layers: layers, Images: imgs, Record: true, Previous: prev, Changed: keys})
	if err != nil {
		diags.Errorf(diag.Pos{File: "layouts"}, "template", "%v", err)
		return devResult{Diags: diags}
	}
	lap("templates")
	jobs := r.Jobs()
	sigs := render.Signatures(jobs)
	if !full {
		jobs = staleJobs(jobs, sigs, b.goodSigs, b.goodDeps, keys)
		copyResources(b.src, resourcesToCopy(site, sources, changed), out, diags)
	}
	lap("deps")
	r.Render(jobs, out, diags)
	lap("render")
	extras := r.Extras(out, diags)
	lap("extras")
	if !full {
		prune(out, r.Jobs(), site, imgs, b.dataNames, append(b.static, extras...))
	}
	if diags.HasErrors() {
		return devResult{Diags: diags}
	}
	deps := r.Deps()
	if !full {
		for file, keys := range b.goodDeps {
			if _, ok := deps[file]; !ok {
				deps[file] = keys
			}
		}
	}
	b.good, b.goodSite, b.goodTexts = out, site, texts
	b.goodSigs, b.goodDeps, b.renderer = sigs, deps, r
	b.fullOwed = false
	lap("prune")
	b.last = devResult{Site: out, Diags: diags, Rendered: len(jobs), Full: full, Stages: stages}
	return b.last
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

// bundleSources adds to sources the pages whose bundle holds a changed
// file other than their text (a photo): what shows the photo read the page.
func bundleSources(sources map[string]bool, changed []string, sites ...*content.Site) {
	for _, c := range changed {
		if strings.HasSuffix(strings.ToLower(c), ".md") {
			continue
		}
		for _, s := range sites {
			for _, p := range sitePages(s) {
				if strings.HasSuffix(p.Source, "/index.md") && strings.HasPrefix(c, strings.TrimSuffix(p.Source, "index.md")) {
					sources[p.Source] = true
				}
			}
		}
	}
}

// changedKeys returns the dependency keys (render/deps.go) whose value
// differs between two linked sites, given the files that changed between
// them. A page's own content comes from its file alone (linking gives it
// only its URL); what the site makes of pages (lists, terms, references,
// aliases) changes only through the pages of changed files, except
// references and term URLs, which are compared.
func changedKeys(old, cur *content.Site, sources map[string]bool) map[string]bool {
	keys := map[string]bool{}
	if len(sources) == 0 {
		return keys
	}
	keys["all"] = true
	for _, sec := range cur.Sections {
		if o := old.Section(sec.Name); o == nil || len(o.Pages) != len(sec.Pages) {
			keys["sectioncount:"+sec.Name] = true
		}
	}
	fields := map[string]bool{}
	for _, s := range []*content.Site{old, cur} {
		for _, p := range sitePages(s) {
			if !sources[p.Source] {
				continue
			}
			keys["page:"+p.URL] = true
			if p.Section != "" {
				keys["section:"+p.Section] = true
			}
			for _, tax := range s.Taxonomies {
				for _, name := range p.Terms(tax.Field) {
					fields[tax.Field] = true
					keys["taxonomy:"+tax.Field] = true
					for _, t := range []*content.Site{old, cur} {
						if u := t.TermURL(tax.Field, name); u != "" {
							keys["term:"+u] = true
						}
					}
				}
			}
		}
	}
	// The URL a term name links to, for the fields whose terms changed.
	for field := range fields {
		names := map[string]bool{}
		for _, s := range []*content.Site{old, cur} {
			if tax := s.Taxonomy(field); tax != nil {
				for _, t := range tax.Terms {
					names[t.Name] = true
				}
				for n := range tax.URLs {
					names[n] = true
				}
			}
		}
		for n := range names {
			if old.TermURL(field, n) != cur.TermURL(field, n) {
				keys["termurl:"+field+"/"+n] = true
			}
		}
	}
	diffRefs(keys, "refsout:", old.Refs.Out, cur.Refs.Out)
	diffRefs(keys, "refsin:", old.Refs.In, cur.Refs.In)
	if !slices.Equal(old.Aliases, cur.Aliases) {
		keys["aliases"] = true
	}
	return keys
}

// diffRefs notes prefix+url for every page whose references, by field or
// section, name other pages in a and in b.
func diffRefs(keys map[string]bool, prefix string, a, b map[string]map[string][]*content.Page) {
	same := func(x, y map[string][]*content.Page) bool {
		if len(x) != len(y) {
			return false
		}
		for k, xs := range x {
			ys, ok := y[k]
			if !ok || !slices.EqualFunc(xs, ys, func(p, q *content.Page) bool { return p.URL == q.URL }) {
				return false
			}
		}
		return true
	}
	for u, x := range a {
		if !same(x, b[u]) {
			keys[prefix+u] = true
		}
	}
	for u, y := range b {
		if _, ok := a[u]; !ok && len(y) > 0 {
			keys[prefix+u] = true
		}
	}
}

// staleJobs keeps the jobs to render again: new ones, those whose page is
// planned differently, and those that read a changed key.
func staleJobs(jobs []render.Job, sigs, oldSigs map[string]string, oldDeps map[string][]string, keys map[string]bool) []render.Job {
	var out []render.Job
	for _, j := range jobs {
		sig, ok := oldSigs[j.File]
		if !ok || sig != sigs[j.File] || slices.ContainsFunc(oldDeps[j.File], func(k string) bool { return keys[k] }) {
			out = append(out, j)
		}
	}
	return out
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
