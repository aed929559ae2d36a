package main

import (
	"bytes"
	"io/fs"
	"maps"
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
//
// An edit that changes only the bodies of pages, the most common one, goes
// further (rebuildTexts): linking reads no body but the checks of body
// links, so the linked site stays as it is, the pages get their new text
// in place, and only the outputs that read one of these bodies are
// rendered again.
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
	goodSigs  map[string]uint64   // what each page was planned from, by file
	goodDeps  map[string][]string // what each page read, by file
	static    []string            // output names of static files
	dataNames map[string]bool     // search index and open data files in good

	renderer *render.Renderer // of the last good build
	fullOwed bool             // the last full rebuild failed
	linkMemo link.Cache       // suggestions and near terms, kept between rebuilds

	// What linking the last good site found: the checks of body links
	// by file, the others as a whole.
	linkDiags []diag.Diagnostic
	bodyDiags map[string][]diag.Diagnostic
	drafts    map[string]bool // files of drafts not published (draftFiles)
	// The files that read each key, made from goodDeps when first needed:
	// a rebuild looks up the keys that changed instead of every page's
	// keys. A file that no longer reads a key may stay in its list (it is
	// rendered again for nothing, never missed); a full build starts it
	// again. jobByFile are the jobs of the renderer, for rebuildTexts.
	byKey     map[string][]string
	jobByFile map[string]render.Job

	last devResult // the last rebuild, for benchmarks
}

// parsedPage is what parsing one content file gave. A page is parsed from
// its text and from the names of the files of its folder (its resources:
// page.Resources, the checks of its logo or photo, FrontHash): it is
// reused only while both are the same (of).
type parsedPage struct {
	text      []byte
	resources []string
	page      *content.Page
	diags     []diag.Diagnostic
}

// of reports whether pp is the parse of f as it is now.
func (pp parsedPage) of(f content.File) bool {
	return bytes.Equal(pp.text, f.Text) && slices.Equal(pp.resources, f.Resources)
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
	texts := make(map[string][]byte, len(b.files))
	for _, f := range b.files {
		texts[f.Path] = f.Text
	}
	lap("read")
	var edited []*content.Page // pages given a new text in place
	if !full && ok {
		edited = b.newTexts(changed, texts, parse.NewMarkdown(cfg.UnsafeHTML).Under(cfg.BasePath()))
	}
	pages := b.parse(cfg, diags)
	lap("parse")
	if edited != nil {
		return b.rebuildTexts(edited, texts, diags, &stages, lap)
	}
	b.drafts = draftFiles(pages, b.opts)
	var linkDiags, bodyDiags diag.List
	site := link.Site(cfg, pages, link.Options{Drafts: b.opts.Drafts, Now: b.opts.Now, Files: staticURLs(layers), Cache: &b.linkMemo, BodyDiags: &bodyDiags}, &linkDiags)
	diags.Append(&linkDiags)
	diags.Append(&bodyDiags)
	diags.Soften(b.drafts, draftWhy)
	lap("link")
	if diags.HasErrors() || !ok {
		return devResult{Diags: diags}
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
		render.Report(diags, err)
		return devResult{Diags: diags}
	}
	lap("templates")
	jobs := r.Jobs()
	sigs := render.Signatures(jobs)
	if !full {
		jobs = staleJobs(jobs, sigs, b.goodSigs, b.readers(keys))
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
	if full {
		b.byKey = nil
	} else {
		b.noteReaders(deps, b.goodDeps)
		for file, keys := range b.goodDeps {
			if _, ok := deps[file]; !ok {
				deps[file] = keys
			}
		}
	}
	b.good, b.goodSite, b.goodTexts = out, site, texts
	b.goodSigs, b.goodDeps, b.renderer = sigs, deps, r
	b.linkDiags, b.bodyDiags = linkDiags.Items(), byFile(bodyDiags.Items())
	b.jobByFile = nil
	if full {
		b.readers(nil) // the index, now rather than during the next edit
	}
	b.fullOwed = false
	lap("prune")
	b.last = devResult{Site: out, Diags: diags, Rendered: len(jobs), Full: full, Stages: stages}
	return b.last
}

// newTexts gives the pages of the last good site their new text when the
// change is an edit of their bodies and nothing else: every changed path
// is a page of that site whose front matter is byte for byte the same, and
// whose new text parses without error. It returns those pages, or nil
// when the change is anything else (then nothing is touched).
func (b *devBuilder) newTexts(changed []string, texts map[string][]byte, md *parse.Markdown) []*content.Page {
	if b.goodSite == nil || len(changed) == 0 {
		return nil
	}
	sources := changedSources(b.goodTexts, texts)
	if len(sources) == 0 {
		return nil
	}
	var files []content.File
	for _, p := range changed {
		if !strings.HasSuffix(strings.ToLower(p), ".md") {
			return nil // a bundle file: a photo is not a text
		}
	}
	for _, f := range b.files {
		if !sources[f.Path] {
			continue
		}
		old, ok := b.parsed[f.Path]
		good, known := b.goodTexts[f.Path]
		if !ok || !known || f.Text == nil || old.page.Broken || !bytes.Equal(old.text, good) || !parse.SameFrontMatter(good, f.Text) {
			return nil
		}
		files = append(files, f)
	}
	if len(files) != len(sources) {
		return nil // a file removed
	}
	fresh := parsePagesWithDiags(files, md)
	for _, pp := range fresh {
		if pp.page.Broken || slices.ContainsFunc(pp.diags, func(d diag.Diagnostic) bool { return d.Severity == diag.Error }) {
			return nil // the full way reports it
		}
	}
	edited := make([]*content.Page, len(files))
	for i, f := range files {
		p := b.parsed[f.Path].page
		p.SetText(fresh[i].page.Body(), fresh[i].page.Links())
		b.parsed[f.Path] = parsedPage{text: f.Text, resources: f.Resources, page: p, diags: fresh[i].diags}
		edited[i] = p
	}
	return edited
}

// rebuildTexts finishes a rebuild after newTexts: the site is linked as
// before, the body links of the edited pages are checked again, and the
// outputs that read one of their bodies are rendered again.
func (b *devBuilder) rebuildTexts(edited []*content.Page, texts map[string][]byte, diags *diag.List, stages *[]stageTime, lap func(string)) devResult {
	old := b.goodSite
	site := new(content.Site)
	*site = *old // a new value: the search index made for the old one is not installed
	for _, d := range b.linkDiags {
		diags.Add(d)
	}
	var published []*content.Page // whose texts are published (link.TextPages)
	for _, p := range edited {
		delete(b.bodyDiags, p.Source)
		sec := old.Section(p.Section)
		if old.Refs.ByURL[p.URL] == p || p == old.Home || sec != nil && sec.Intro == p {
			published = append(published, p)
		}
	}
	var bodyDiags diag.List
	b.linkMemo.CheckBodies(published, &bodyDiags)
	for file, ds := range byFile(bodyDiags.Items()) {
		b.bodyDiags[file] = ds
	}
	for _, ds := range b.bodyDiags {
		for _, d := range ds {
			diags.Add(d)
		}
	}
	diags.Soften(b.drafts, draftWhy) // the texts of drafts did not change draft
	lap("link")

	keys := textKeys(site, edited) // the home and section texts too
	b.renderer.ForgetBodies(keys)
	if b.jobByFile == nil {
		b.jobByFile = map[string]render.Job{}
		for _, j := range b.renderer.Jobs() {
			b.jobByFile[j.File] = j
		}
	}
	var jobs []render.Job
	for _, f := range slices.Sorted(maps.Keys(b.readers(keys))) {
		if j, ok := b.jobByFile[f]; ok {
			jobs = append(jobs, j)
		}
	}
	out := b.good.Clone()
	lap("deps")
	// The renderer notes the new keys of these pages in its deps, which are
	// b.goodDeps: keep what they read before, for the index.
	before := map[string][]string{}
	for _, j := range jobs {
		before[j.File] = b.goodDeps[j.File]
	}
	b.renderer.Render(jobs, out, diags)
	now := map[string][]string{}
	for _, j := range jobs {
		now[j.File] = b.goodDeps[j.File]
	}
	b.noteReaders(now, before)
	lap("render")
	if diags.HasErrors() {
		return devResult{Diags: diags}
	}
	b.good, b.goodSite, b.goodTexts = out, site, texts
	b.last = devResult{Site: out, Diags: diags, Rendered: len(jobs), Stages: *stages}
	return b.last
}

// readers returns the files whose outputs read one of keys, by the index
// of the last good deps, made first if needed.
func (b *devBuilder) readers(keys map[string]bool) map[string]bool {
	if b.byKey == nil {
		b.byKey = map[string][]string{}
		for file, ks := range b.goodDeps {
			for _, k := range ks {
				b.byKey[k] = append(b.byKey[k], file)
			}
		}
	}
	files := map[string]bool{}
	for k := range keys {
		for _, f := range b.byKey[k] {
			files[f] = true
		}
	}
	return files
}

// noteReaders adds to the index the keys that pages just rendered read
// (deps) and did not read before (before).
func (b *devBuilder) noteReaders(deps, before map[string][]string) {
	if b.byKey == nil {
		return // made whole when first needed
	}
	for file, keys := range deps {
		old := before[file]
		for _, k := range keys {
			if _, found := slices.BinarySearch(old, k); !found {
				b.byKey[k] = append(b.byKey[k], file)
			}
		}
	}
}

// textKeys are the keys (render/deps.go) that a new text of pages changes:
// the bodies of these pages, of the lists and terms that hold them, and of
// the whole site.
func textKeys(s *content.Site, pages []*content.Page) map[string]bool {
	keys := map[string]bool{}
	add := func(k string) {
		if b, ok := render.BodyKey(k); ok {
			keys[b] = true
		}
	}
	if len(pages) > 0 {
		add("all")
	}
	for _, p := range pages {
		add("page:" + p.URL)
		if p.Section != "" {
			add("section:" + p.Section)
		}
		for _, tax := range s.Taxonomies {
			for _, name := range p.Terms(tax.Field) {
				add("taxonomy:" + tax.Field)
				if u := s.TermURL(tax.Field, name); u != "" {
					add("term:" + u)
				}
			}
		}
	}
	return keys
}

// byFile groups diagnostics by the file they are about.
func byFile(ds []diag.Diagnostic) map[string][]diag.Diagnostic {
	out := map[string][]diag.Diagnostic{}
	for _, d := range ds {
		out[d.Pos.File] = append(out[d.Pos.File], d)
	}
	return out
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
		_, ok := known[p]
		if !ok && strings.HasPrefix(p, load.ContentDir+"/") {
			structural = true
		} else if ok && !exists(b.src, p) { // deleted after all
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
		if f, ok := load.Reread(b.src, files[i], diags); ok {
			files[i] = f
		} else {
			files[i].Text = nil // reported; parsed as an empty page below
		}
	}
	b.files = files
}

// exists reports whether the file p is in src.
func exists(src fs.FS, p string) bool {
	_, err := fs.Stat(src, p)
	return err == nil
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
	md := parse.NewMarkdown(cfg.UnsafeHTML).Under(cfg.BasePath())
	var todo []content.File
	for _, f := range b.files {
		if f.Text == nil {
			continue
		}
		if prev, ok := b.parsed[f.Path]; !ok || !prev.of(f) {
			todo = append(todo, f)
		}
	}
	fresh := parsePagesWithDiags(todo, md)
	for i, f := range todo {
		b.parsed[f.Path] = fresh[i]
	}
	pages := make([]*content.Page, 0, len(b.files))
	keep := make(map[string]bool, len(b.files))
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
		out[i] = parsedPage{text: files[i].Text, resources: files[i].Resources, page: pages[i], diags: lists[i].Items()}
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
	// What changed may hold a body that changed too.
	for k := range keys {
		if b, ok := render.BodyKey(k); ok {
			keys[b] = true
		}
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
// planned differently, and those that read a changed key (readers).
func staleJobs(jobs []render.Job, sigs, oldSigs map[string]uint64, readers map[string]bool) []render.Job {
	var out []render.Job
	for _, j := range jobs {
		sig, ok := oldSigs[j.File]
		if !ok || sig != sigs[j.File] || readers[j.File] {
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
