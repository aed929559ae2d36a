// Package edit is the editor that `serve` offers the communication staff
// at /_edition/: the pages by section, one form per page built from its
// section's description, the checks of `check` at each field, and a save
// that changes only the edited values of the file (rewrite.go).
//
// It writes only under content/, answers only requests that come from the
// preview's own address (guard.go), and never overwrites a file that
// changed on disk since its form was opened: the staff see both versions.
package edit

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"html/template"
	"io/fs"
	"net/http"
	"strings"
	"sync"

	"terredetalents/generator/diag"
)

// Prefix is the editor's address in the preview.
const Prefix = "/_edition/"

// Site is what the editor needs from the generator: the pages as they are
// on disk, the site's own checks and Markdown, and the `new` command.
type Site interface {
	// Pages lists the content files, parsed and linked.
	Pages() Pages
	// Check runs the checks of `check` with text in place of the file at
	// path (a path under content/), and returns the findings about that
	// file.
	Check(path string, text []byte) []diag.Diagnostic
	// Markdown renders a page body the way the site does.
	Markdown(body []byte) string
	// NewPage creates a page as `new` does and returns its path.
	NewPage(kind, title string) (string, error)
	// Kinds are the kinds of page `new` makes.
	Kinds() []Kind
}

// Pages are the content files of the site, with what the forms offer.
type Pages struct {
	List []PageInfo
	// Terms are the terms written in each taxonomy field ("skills"), for
	// completion.
	Terms map[string][]string
}

// PageInfo is one content file.
type PageInfo struct {
	Path      string // "content/formations/cuisinier.md"
	Section   string // "" for a plain page
	Slug      string
	Title     string
	URL       string
	Draft     bool
	Hidden    bool // not on the preview: a draft, or dated in the future, and serve runs without -drafts
	Broken    bool // could not be read as a page
	Index     bool // a home or section text
	Derived   bool // a page held in another's file (an offer): Path is that file
	Resources []string
}

// Kind is a kind of page `new` makes.
type Kind struct {
	Name    string // "formation", as the new command writes it
	Section string // "formations", "" for a plain page
	Label   string // "Formation", "Réussite", as the staff read it
}

// Options configure the editor.
type Options struct {
	// Root is the site's folder; the editor writes only under its content/.
	Root string
	Site Site
	// Hosts are the Host values that name the preview ("127.0.0.1:1313"):
	// an Origin or a Referer naming anything else is refused.
	Hosts map[string]bool
	// MaxUpload bounds an image sent with a form, in bytes; 0 means 8 MB.
	MaxUpload int64
}

//go:embed templates/*.html static/*
var assets embed.FS

// Editor serves /_edition/.
type Editor struct {
	saving   sync.Mutex // one save at a time: the version check and the write go together
	opts     Options
	tmpl     *template.Template
	files    fs.FS
	versions versions // the texts forms were opened on
}

// versions keeps the texts that forms were opened on, by their hash (the
// form's _version), the last few hundred: when a file changed on disk
// meanwhile, they tell which fields the staff changed and which changed
// on disk.
type versions struct {
	mu    sync.Mutex
	texts map[string][]byte
	order []string
}

const keptVersions = 256

func (vs *versions) keep(text []byte) string {
	h := hashOf(text)
	vs.mu.Lock()
	defer vs.mu.Unlock()
	if vs.texts == nil {
		vs.texts = map[string][]byte{}
	}
	if _, ok := vs.texts[h]; !ok {
		vs.texts[h] = append([]byte(nil), text...)
		vs.order = append(vs.order, h)
		if len(vs.order) > keptVersions {
			delete(vs.texts, vs.order[0])
			vs.order = vs.order[1:]
		}
	}
	return h
}

func (vs *versions) get(h string) ([]byte, bool) {
	vs.mu.Lock()
	defer vs.mu.Unlock()
	t, ok := vs.texts[h]
	return t, ok
}

// New returns the editor.
func New(opts Options) *Editor {
	if opts.MaxUpload == 0 {
		opts.MaxUpload = 8 << 20
	}
	tmpl := template.Must(template.New("").Funcs(template.FuncMap{
		"join": strings.Join,
		"id":   func(name string) string { return strings.ReplaceAll(name, ".", "-") },
		// sentence ends s with a full stop, unless it has its own.
		"sentence": func(s string) string {
			if s = strings.TrimSpace(s); strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "…") {
				return s
			}
			return s + "."
		},
	}).ParseFS(assets, "templates/*.html"))
	static, _ := fs.Sub(assets, "static")
	return &Editor{opts: opts, tmpl: tmpl, files: static}
}

// ServeHTTP routes the editor's requests, after the guard.
func (e *Editor) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("X-Frame-Options", "DENY")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
	if msg, ok := e.allowed(r); !ok {
		http.Error(w, msg, http.StatusForbidden)
		return
	}
	rest := strings.TrimPrefix(r.URL.Path, Prefix)
	switch {
	case rest == "" && r.Method == http.MethodGet:
		e.list(w, r)
	case rest == "page" && r.Method == http.MethodGet:
		e.openForm(w, r)
	case rest == "page" && r.Method == http.MethodPost:
		e.save(w, r)
	case rest == "verifier" && r.Method == http.MethodPost:
		e.check(w, r)
	case rest == "apercu" && r.Method == http.MethodPost:
		e.preview(w, r)
	case rest == "nouvelle":
		e.newPage(w, r)
	case rest == "ouvrir" && r.Method == http.MethodGet:
		e.open(w, r)
	case strings.HasPrefix(rest, "static/") && r.Method == http.MethodGet:
		http.StripPrefix(Prefix+"static/", http.FileServer(http.FS(e.files))).ServeHTTP(w, r)
	default:
		http.Error(w, "page de l'éditeur introuvable", http.StatusNotFound)
	}
}

// EditLink is the « Modifier cette page » bar serve adds to the page at
// urlPath, inside a landmark of its own.
func EditLink(urlPath string) string {
	// The page gets room below its end, so that the bar, fixed at the
	// bottom, never covers its last lines on a phone.
	return `<style>body{padding-bottom:4.5rem}</style><nav class="tdt-edition" aria-label="Édition" style="position:fixed;right:.75rem;bottom:.75rem;z-index:2147483646;margin:0;font:16px/1.4 system-ui,sans-serif">` +
		`<a href="` + template.HTMLEscapeString(Prefix+"ouvrir?adresse="+queryEscape(urlPath)) + `" style="display:inline-block;padding:.6rem 1rem;background:#1d4f91;color:#fff;border-radius:2rem;text-decoration:underline;box-shadow:0 2px 8px rgba(0,0,0,.3)">Modifier cette page</a></nav>`
}

// hashOf is the version of a file the form was opened on.
func hashOf(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
