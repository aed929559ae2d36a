package main

import (
	"io/fs"
	"net/http"
	"os"
	"strings"
	"sync"
	"unicode"

	"terredetalents/generator/content"
	"terredetalents/generator/diag"
	"terredetalents/generator/edit"
	"terredetalents/generator/link"
	"terredetalents/generator/load"
	"terredetalents/generator/parse"
	"terredetalents/generator/serve"
)

// The editor of serve (package edit) gets the site through editSite: the
// same stages as check (load, parse, link), run on the files as they are
// on disk, with the text of a form in place of its file.

// previewHandler is what serve answers: the editor under /_edition/, the
// site everywhere else, each page of which links to its form.
func previewHandler(source string, opts pipelineOptions, hosts map[string]bool, server *serve.Server) http.Handler {
	editor := edit.New(edit.Options{Root: source, Site: newEditSite(source, opts), Hosts: hosts})
	server.Extra = edit.EditLink
	mux := http.NewServeMux()
	mux.Handle(edit.Prefix, editor)
	mux.Handle("/", server)
	return mux
}

// editSite reads the site for the editor. It keeps its own parsed pages,
// apart from the dev builder's, so that checking a form never touches
// what serve is building or serving.
type editSite struct {
	root string
	src  fs.FS
	opts pipelineOptions

	mu     sync.Mutex // one reading of the site at a time: pages are relinked
	parsed map[string]parsedPage
	memo   link.Cache
}

func newEditSite(root string, opts pipelineOptions) *editSite {
	return &editSite{root: root, src: os.DirFS(root), opts: opts, parsed: map[string]parsedPage{}}
}

// linked reads, parses and links the site, with text in place of the file
// at override when override is not "". It returns the site, its pages,
// and the findings about override (load, parse and link).
func (e *editSite) linked(override string, text []byte) (*content.Site, []*content.Page, []diag.Diagnostic) {
	var diags, own diag.List
	cfg := siteConfig(e.src, e.opts, &diags)
	layers, _ := themeLayers(e.src, cfg, &diags)
	files := load.Content(e.src, &diags)
	md := parse.NewMarkdown(cfg.UnsafeHTML).Under(cfg.BasePath())
	// The files not parsed yet (all of them at the first request), on
	// every core.
	var todo []content.File
	for _, f := range files {
		if prev, ok := e.parsed[f.Path]; f.Path != override && (!ok || !prev.of(f)) {
			todo = append(todo, f)
		}
	}
	var ignored diag.List
	for i, p := range parsePagesEach(todo, md, 0, func(int) *diag.List { return &ignored }, nil) {
		e.parsed[todo[i].Path] = parsedPage{text: todo[i].Text, resources: todo[i].Resources, page: p}
	}
	found := false
	pages := make([]*content.Page, 0, len(files)+1)
	for _, f := range files {
		if f.Path == override {
			found = true
			f.Text = text
			pages = append(pages, parse.Page(f, md, &own))
			continue
		}
		pages = append(pages, e.parsed[f.Path].page)
	}
	if override != "" && !found {
		own.Errorf(diag.Pos{File: override}, "read", "ce fichier n'est plus dans content/ : il a été renommé ou supprimé")
	}
	site := link.Site(cfg, pages, link.Options{Drafts: e.opts.Drafts, Now: e.opts.Now, Files: staticURLs(layers), Cache: &e.memo}, &diags)
	own.Soften(draftFiles(pages, e.opts), draftWhy)
	diags.Soften(draftFiles(pages, e.opts), draftWhy)
	var out []diag.Diagnostic
	for _, d := range append(own.Items(), diags.Items()...) {
		if d.Pos.File == override {
			out = append(out, d)
		}
	}
	return site, pages, out
}

// Pages lists the content files with their titles and URLs, and the
// terms of each taxonomy for completion.
func (e *editSite) Pages() edit.Pages {
	e.mu.Lock()
	defer e.mu.Unlock()
	site, pages, _ := e.linked("", nil)
	var out edit.Pages
	for _, p := range pages {
		index := p.Kind == content.KindHome || p.Kind == content.KindSection
		out.List = append(out.List, edit.PageInfo{
			Path: p.Source, Section: p.Section, Slug: p.Slug, Title: p.Title, URL: p.URL,
			Draft: p.Draft, Hidden: !index && !p.Broken && site.Refs.ByURL[p.URL] != p,
			Broken: p.Broken, Index: index, Resources: p.Resources,
		})
	}
	// Offers live in their company's file: their URLs lead to it.
	for _, p := range site.Pages {
		if d := content.SectionNamed(p.Section); d != nil && d.DerivedFrom != "" {
			out.List = append(out.List, edit.PageInfo{Path: p.Source, Section: p.Section, Slug: p.Slug, Title: p.Title, URL: p.URL, Derived: true})
		}
	}
	out.Terms = map[string][]string{}
	for _, t := range site.Taxonomies {
		for _, term := range t.Terms {
			out.Terms[t.Field] = append(out.Terms[t.Field], term.Name)
		}
	}
	return out
}

// Check runs the checks of `check` with text in place of the file.
func (e *editSite) Check(path string, text []byte) []diag.Diagnostic {
	e.mu.Lock()
	defer e.mu.Unlock()
	_, _, diags := e.linked(path, text)
	return diags
}

// Markdown renders a body with the site's Markdown.
func (e *editSite) Markdown(body []byte) string {
	var diags diag.List
	cfg := siteConfig(e.src, e.opts, &diags)
	out, err := parse.NewMarkdown(cfg.UnsafeHTML).Under(cfg.BasePath()).Render(body)
	if err != nil {
		return ""
	}
	return out.HTML
}

// NewPage creates a page as `new` does.
func (e *editSite) NewPage(kind, title string) (string, error) {
	today, err := now()
	if err != nil {
		return "", err
	}
	return newPage(e.root, kind, strings.TrimSpace(title), today)
}

// Kinds are the kinds of page `new` makes.
func (e *editSite) Kinds() []edit.Kind {
	var out []edit.Kind
	for _, k := range newKinds() {
		label := "Autre page (à propos, mentions légales…)"
		if d := content.SectionNamed(k.Section); d != nil {
			r := []rune(d.One)
			label = string(unicode.ToUpper(r[0])) + string(r[1:])
		}
		out = append(out, edit.Kind{Name: k.Name, Section: k.Section, Label: label})
	}
	return out
}
