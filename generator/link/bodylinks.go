package link

import (
	"net/url"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"

	"terredetalents/generator/content"
	"terredetalents/generator/diag"
	"terredetalents/generator/par"
)

// bodyChecks is what checking the links of a body needs to know of the
// site: its URLs, those of pages not published, and its files.
type bodyChecks struct {
	site        *content.Site
	known       map[string]bool
	terms       map[string]bool // term pages own the lists below them
	unpublished map[string]bool
	published   map[string]bool // files: static, bundle, feeds, open data
	// mu guards suggested and candidates: pages are checked on every core.
	mu         sync.Mutex
	suggested  map[string]string
	candidates []string                 // made once, at the first suggestion
	bySource   map[string]*content.Page // published pages by content file, made at the first link to a .md
}

// newBodyChecks gathers the site's URLs for checkBodyLinks. files are the
// static files' URLs.
func newBodyChecks(s *content.Site, files map[string]bool, unpublished map[string]bool, cache *Cache) *bodyChecks {
	known := make(map[string]bool, len(s.Refs.ByURL)+64)
	known["/"], known["/recherche/"] = true, true
	for url := range s.Refs.ByURL {
		known[url] = true
	}
	for _, sec := range s.Sections {
		known[sec.URL] = true
	}
	terms := map[string]bool{} // term pages own the lists below them
	for _, tax := range s.Taxonomies {
		known[tax.URL] = true
		for _, t := range tax.Terms {
			known[t.URL] = true
			terms[t.URL] = true
		}
	}
	for _, a := range s.Aliases {
		known[a.From] = true
	}
	return &bodyChecks{site: s, known: known, terms: terms, unpublished: unpublished,
		published: publishedFiles(s, files), suggested: cache.lookup(known)}
}

// CheckBodies checks the body links of pages again against the site the
// cache was last linked for (see Options.BodyDiags): serve does so when
// only the bodies of these pages changed since. It reports false when the
// cache knows no site.
func (c *Cache) CheckBodies(pages []*content.Page, diags *diag.List) bool {
	if c == nil || c.body == nil {
		return false
	}
	for _, p := range pages {
		c.body.check(p, diags)
	}
	return true
}

// check reports links in the body of p that lead to no page of the site,
// images and files (a PDF) that the site does not publish, and images
// without alternative text.
func (b *bodyChecks) check(p *content.Page, diags *diag.List) {
	s, known, terms, unpublished, published := b.site, b.known, b.terms, b.unpublished, b.published
	for _, l := range p.Links() {
		if l.Image && strings.TrimSpace(l.Alt) == "" {
			diags.Warnf(l.Pos, "image-alt",
				"image sans texte alternatif : décrivez-la entre les crochets, par exemple ![Atelier de couture à Roubaix](%s) ; laissez-les vides seulement si l'image est purement décorative", l.Dest)
		}
		if file, ok := internalFile(p.URL, l.Dest, l.Image); ok {
			if q := b.pageFile(p, l); q != nil {
				diags.Warnf(l.Pos, "broken-link",
					"le lien « %s » mène au fichier d'une page, que le site ne publie pas : écrivez l'adresse de la page, %s", l.Dest, q.URL)
			} else if !published[file] {
				reportMissingFile(p, l, file, diags)
			}
			continue
		}
		target, ok := internalPage(p.URL, l.Dest)
		if !ok || known[target] || underTerm(target, terms) {
			continue
		}
		if unpublished[target] {
			diags.Warnf(l.Pos, "broken-link",
				"le lien « %s » mène à une page qui n'est pas publiée (brouillon ou date à venir) : il ne fonctionnera qu'une fois la page publiée ; retirez-le d'ici là", l.Dest)
			continue
		}
		msg := "le lien « " + l.Dest + " » ne mène à aucune page du site"
		sug := b.suggest(target)
		if sug != "" {
			msg += " ; vouliez-vous dire « " + sug + " » ?"
		} else {
			msg += " : vérifiez l'adresse, par exemple " + exampleURL(s, target)
		}
		diags.Warnf(l.Pos, "broken-link", "%s", msg)
	}
}

// suggest returns the URL target most likely means, or "": once per
// target, since a removed page is often linked from many.
func (b *bodyChecks) suggest(target string) string {
	b.mu.Lock()
	sug, ok := b.suggested[target]
	if b.candidates == nil {
		for url := range b.known {
			b.candidates = append(b.candidates, url)
		}
		sort.Strings(b.candidates)
	}
	candidates := b.candidates
	b.mu.Unlock()
	if ok {
		return sug
	}
	sug = diag.Suggest(target, candidates) // the same for any goroutine that makes it too
	b.mu.Lock()
	b.suggested[target] = sug
	b.mu.Unlock()
	return sug
}

// checkAll checks the body links of pages, spread over the cores: with
// broken links the suggestions take most of the link stage, which runs
// alone. Findings are sorted when printed, so their order is the same.
func (b *bodyChecks) checkAll(pages []*content.Page, diags *diag.List) {
	par.Each(runtime.GOMAXPROCS(0), len(pages), func(_, i int) { b.check(pages[i], diags) })
}

// exampleURL shows how a link to a page of target's section is written.
func exampleURL(s *content.Site, target string) string {
	for _, sec := range s.Sections {
		if strings.HasPrefix(target, sec.URL) {
			return sec.URL + "<nom-du-fichier>/"
		}
	}
	return "/formations/<nom-du-fichier>/"
}

// publishedFiles are the URLs of the files a build writes besides pages:
// static files, bundle resources, feeds and open data.
func publishedFiles(s *content.Site, files map[string]bool) map[string]bool {
	out := make(map[string]bool, len(files)+64)
	for url := range files {
		out[url] = true
	}
	for _, p := range s.Pages {
		for _, r := range p.Resources {
			out[p.URL+r] = true
		}
	}
	for _, f := range []string{"/index.xml", "/sitemap.xml", "/robots.txt", "/404.html"} {
		out[f] = true
	}
	same := func(u string) string { return u }
	for _, sec := range s.Sections {
		out[sec.URL+"index.xml"] = true
		out["/api/"+sec.Name+".json"] = true
		if sec.Def.Files != nil {
			for name := range sec.Def.Files(s, same) {
				out["/"+name] = true
			}
		}
	}
	for _, p := range s.Pages {
		if pf, ok := p.Data.(content.PageFiles); ok {
			for name := range pf.Files(s, p, same) {
				out[p.URL+name] = true
			}
		}
	}
	return out
}

// internalFile returns the URL of the site file a link or an image names:
// an image, or a link whose path has an extension (a PDF), with no scheme.
func internalFile(from, dest string, image bool) (string, bool) {
	if dest == "" || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "//") || strings.Contains(dest, ":") {
		return "", false
	}
	if i := strings.IndexAny(dest, "?#"); i >= 0 {
		dest = dest[:i]
	}
	if unescaped, err := url.PathUnescape(dest); err == nil {
		dest = unescaped
	}
	if !strings.HasPrefix(dest, "/") {
		dest = path.Join(from, dest)
	}
	if !image && (path.Ext(dest) == "" || path.Ext(dest) == ".html" || strings.HasSuffix(dest, "/")) {
		return "", false // a page: checked as one
	}
	return path.Clean(dest), true
}

// pageFile returns the page whose content file a link of p names
// ("../amina.md", as a text editor would link two files), or nil.
func (b *bodyChecks) pageFile(p *content.Page, l content.Link) *content.Page {
	dest := l.Dest
	if i := strings.IndexAny(dest, "?#"); i >= 0 {
		dest = dest[:i]
	}
	if l.Image || !strings.EqualFold(path.Ext(dest), ".md") || strings.HasPrefix(dest, "/") || strings.Contains(dest, ":") {
		return nil
	}
	if unescaped, err := url.PathUnescape(dest); err == nil {
		dest = unescaped
	}
	b.mu.Lock()
	if b.bySource == nil {
		b.bySource = make(map[string]*content.Page, len(b.site.Pages))
		for _, q := range b.site.Pages {
			b.bySource[q.Source] = q
		}
	}
	b.mu.Unlock()
	q := b.bySource[path.Join(path.Dir(p.Source), dest)]
	if q == nil || q.Source == "" {
		return nil
	}
	return q
}

// reportMissingFile says where to put the file a link or an image names.
func reportMissingFile(p *content.Page, l content.Link, file string, diags *diag.List) {
	noun, code := "le fichier", "missing-file"
	if l.Image {
		noun, code = "l'image", "missing-image"
	}
	name := path.Base(file)
	msg := noun + " « " + l.Dest + " » est introuvable"
	switch {
	case strings.HasPrefix(l.Dest, "/"):
		msg += " : placez " + name + " dans le dossier static/ du site (static" + file + "), ou corrigez l'adresse"
	case strings.HasSuffix(p.Source, "/index.md"):
		msg += " : ajoutez " + name + " dans le dossier " + path.Dir(p.Source) + "/, à côté de index.md"
		if sug := diag.Suggest(name, p.Resources); sug != "" {
			msg += " ; vouliez-vous dire « " + sug + " » ?"
		}
	default:
		msg += " : une page rangée seule ne peut pas avoir de fichier à côté d'elle ; créez le dossier " +
			strings.TrimSuffix(p.Source, ".md") + "/, rangez-y la page sous le nom index.md et " + name + " à côté (ou placez " + name + " dans static/ et écrivez /" + name + ")"
	}
	diags.Warnf(l.Pos, code, "%s", msg)
}

// underTerm reports whether url is below a term page, where the term's
// long lists are (/communes/roubaix/reussites/page/2/).
func underTerm(url string, terms map[string]bool) bool {
	for p := path.Dir(strings.TrimSuffix(url, "/")); p != "/" && p != "."; p = path.Dir(p) {
		if terms[p+"/"] {
			return true
		}
	}
	return false
}

// internalPage returns the page URL a link destination names, if it is a
// link to a page of this site: no scheme, no file extension.
func internalPage(from, dest string) (string, bool) {
	if dest == "" || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "//") || strings.Contains(dest, ":") {
		return "", false
	}
	if strings.HasPrefix(dest, "/") && strings.HasSuffix(dest, "/") && !strings.ContainsAny(dest, "?#.") && !strings.Contains(dest, "//") {
		return dest, true // already a clean page URL, the usual case
	}
	if i := strings.IndexAny(dest, "?#"); i >= 0 {
		dest = dest[:i]
	}
	if !strings.HasPrefix(dest, "/") {
		dest = path.Join(from, dest)
	}
	if path.Ext(dest) != "" {
		return "", false
	}
	clean := path.Clean(dest)
	if clean != "/" {
		clean += "/"
	}
	return clean, true
}

// Cache keeps what linking found that depends on few things, for the next
// build of the same site.
type Cache struct {
	key      uint64 // of the known URLs the suggestions were made for
	n        int
	byTarget map[string]string // suggestion by broken target

	near map[string]nearCache // by taxonomy field

	body *bodyChecks // of the last site linked
}

// nearCache are the pairs of terms written almost alike, by slug, for
// one set of terms with their counts.
type nearCache struct {
	key   uint64
	pairs [][2]string
}

// fnv returns the FNV-1a hash of s.
func fnv(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	return h
}

// lookup returns the suggestions made for the URLs of known, empty if they
// changed since the last build; without a cache, a new map for one build.
func (c *Cache) lookup(known map[string]bool) map[string]string {
	if c == nil {
		return map[string]string{}
	}
	var key uint64
	for u := range known { // in any order: a sum of hashes
		key += fnv(u)
	}
	if c.byTarget == nil || key != c.key || len(known) != c.n {
		c.key, c.n, c.byTarget = key, len(known), map[string]string{}
	}
	return c.byTarget
}
