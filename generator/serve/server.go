// Package serve is the preview server of `generator serve`: it serves a
// built site from memory, reloads the open pages after a rebuild (Server-Sent
// Events), shows content errors over the last good pages, and watches the
// site's files.
package serve

import (
	"bytes"
	"fmt"
	"html"
	"io/fs"
	"maps"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strings"
	"sync"

	"terredetalents/generator/diag"
)

// Files is a built site in memory, by slash path ("entreprises/x/index.html").
// It satisfies the render stage's Output.
type Files struct {
	mu    sync.Mutex
	files map[string][]byte
}

// NewFiles returns an empty in-memory site.
func NewFiles() *Files { return &Files{files: map[string][]byte{}} }

// WriteFile stores a copy of one file: callers reuse their buffers.
func (f *Files) WriteFile(name string, data []byte) error {
	data = bytes.Clone(data)
	f.mu.Lock()
	f.files[name] = data
	f.mu.Unlock()
	return nil
}

// Remove deletes one file.
func (f *Files) Remove(name string) {
	f.mu.Lock()
	delete(f.files, name)
	f.mu.Unlock()
}

// Clone returns a copy that can change without changing f. File contents
// are shared: they are never modified in place.
func (f *Files) Clone() *Files {
	f.mu.Lock()
	defer f.mu.Unlock()
	return &Files{files: maps.Clone(f.files)}
}

// Get returns a file.
func (f *Files) Get(name string) ([]byte, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	data, ok := f.files[name]
	return data, ok
}

// ReadFile returns a file, or an error wrapping fs.ErrNotExist.
func (f *Files) ReadFile(name string) ([]byte, error) {
	if data, ok := f.Get(name); ok {
		return data, nil
	}
	return nil, fmt.Errorf("%s: %w", name, fs.ErrNotExist)
}

// Names returns every file name, unsorted.
func (f *Files) Names() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	names := make([]string, 0, len(f.files))
	for n := range f.files {
		names = append(names, n)
	}
	return names
}

// Server serves the last good site and the errors of the last build.
type Server struct {
	mu      sync.Mutex
	site    *Files
	built   bool // a good site has been published
	errors  []diag.Diagnostic
	changed chan struct{} // closed and replaced at every publication

	// Extra, when not nil, returns HTML that serve adds to the page at a
	// URL path, before </body>: the editor's « Modifier cette page ».
	// Like the reload script, it is never in a built site.
	Extra func(urlPath string) string
}

// NewServer returns a server with nothing to serve yet.
func NewServer() *Server {
	return &Server{site: NewFiles(), changed: make(chan struct{})}
}

// Publish replaces the site served, or, when site is nil, keeps the last
// good one and shows errs over it. Open pages reload either way.
func (s *Server) Publish(site *Files, errs []diag.Diagnostic) {
	s.mu.Lock()
	if site != nil {
		s.site, s.built = site, true
	}
	s.errors = errs
	close(s.changed)
	s.changed = make(chan struct{})
	s.mu.Unlock()
}

func (s *Server) current() (*Files, []diag.Diagnostic, chan struct{}) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.site, s.errors, s.changed
}

func (s *Server) hasBuilt() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.built
}

// EventsPath is where open pages listen for reloads.
const EventsPath = "/__terre-de-talents/reload"

// ServeHTTP serves the files of the site, never anything outside them.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "méthode non permise", http.StatusMethodNotAllowed)
		return
	}
	if r.URL.Path == EventsPath {
		s.events(w, r)
		return
	}
	name, ok := cleanPath(r.URL.Path)
	if !ok {
		http.Error(w, "adresse invalide", http.StatusBadRequest)
		return
	}
	site, errs, _ := s.current()
	status := http.StatusOK
	data, found := site.Get(name)
	if !found && !strings.HasSuffix(name, ".html") && path.Ext(name) == "" {
		if _, isDir := site.Get(name + "/index.html"); isDir {
			redirectToFolder(w, r, name)
			return
		}
	}
	if !found {
		status = http.StatusNotFound
		name = "404.html"
		data, found = site.Get(name)
		if !found {
			data = []byte("<!DOCTYPE html><html lang=\"fr\"><meta charset=\"utf-8\"><title>Page introuvable</title><body><h1>Page introuvable</h1></body></html>")
		}
		if !s.hasBuilt() {
			status = http.StatusServiceUnavailable
			data = []byte("<!DOCTYPE html><html lang=\"fr\"><meta charset=\"utf-8\"><title>Aperçu en attente</title><body style=\"font:18px/1.5 system-ui,sans-serif;margin:2rem\"><h1>Aperçu en attente</h1><p>Le site n'a pas encore pu être construit.</p></body></html>")
		}
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	if strings.HasPrefix(ctype, "text/html") {
		extra := ""
		if s.Extra != nil && status == http.StatusOK {
			extra = s.Extra(r.URL.Path)
		}
		data = inject(data, extra+overlayOf(errs, s.hasBuilt()))
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Length", fmt.Sprint(len(data)))
	w.WriteHeader(status)
	if r.Method == http.MethodGet {
		_, _ = w.Write(data)
	}
}

// redirectToFolder sends the browser to the folder address of name. The
// target is built from the cleaned name, never from the request's path: a
// request for "//competences" must not answer "Location: //competences/",
// which a browser reads as another host.
func redirectToFolder(w http.ResponseWriter, r *http.Request, name string) {
	target := (&url.URL{Path: "/" + strings.TrimLeft(name, "/") + "/"}).EscapedPath()
	if strings.HasPrefix(target, "//") { // cannot happen with a cleaned name; never risk it
		target = "/"
	}
	if r.URL.RawQuery != "" {
		target += "?" + r.URL.RawQuery
	}
	w.Header().Set("Location", target)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusMovedPermanently)
}

// cleanPath turns a request path into a file name of the site. Any ".."
// segment, encoded or not, a backslash or a NUL byte is refused: the
// server only ever looks names up in its own map, but a request that tries
// to climb out is answered 400 rather than guessed at.
func cleanPath(p string) (string, bool) {
	if strings.Contains(p, "\x00") || strings.Contains(p, "\\") {
		return "", false
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." {
			return "", false
		}
	}
	name := strings.TrimPrefix(path.Clean("/"+p), "/")
	if strings.HasSuffix(p, "/") || name == "" {
		name = path.Join(name, "index.html")
	}
	return name, true
}

// events streams a "reload" event to an open page after each rebuild.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "flux non pris en charge", http.StatusInternalServerError)
		return
	}
	// The rebuild to announce is the next one after the stream opened:
	// take its signal before saying the stream is open, or a rebuild
	// finishing in between would go unannounced.
	_, _, changed := s.current()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = fmt.Fprint(w, "retry: 1000\n\n")
	flusher.Flush()
	select {
	case <-changed:
		_, _ = fmt.Fprint(w, "data: reload\n\n")
		flusher.Flush()
	case <-r.Context().Done():
	}
}

// reloadScript reloads the page when the server says so, and puts the
// reader back where they were. Only serve adds it; built sites never hold it.
const reloadScript = `<script>(function(){var k="tdt-scroll:"+location.pathname;var y=sessionStorage.getItem(k);if(y!==null){sessionStorage.removeItem(k);addEventListener("load",function(){scrollTo(0,+y)})}var es=new EventSource("` + EventsPath + `");es.onmessage=function(e){if(e.data==="reload"){sessionStorage.setItem(k,String(scrollY));es.close();location.reload()}}})();</script>`

// overlayOf is the error overlay, or "" when the last build passed.
func overlayOf(errs []diag.Diagnostic, built bool) string {
	if len(errs) == 0 {
		return ""
	}
	return overlay(errs, built)
}

// inject adds before </body> the HTML given (the error overlay, the
// editor's link) and the reload script.
func inject(page []byte, extra string) []byte {
	var add bytes.Buffer
	add.WriteString(extra)
	add.WriteString(reloadScript)
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return append(append([]byte{}, page...), add.Bytes()...)
	}
	out := make([]byte, 0, len(page)+add.Len())
	out = append(out, page[:i]...)
	out = append(out, add.Bytes()...)
	return append(out, page[i:]...)
}

// overlay shows the errors of the last build above the page, in French.
func overlay(errs []diag.Diagnostic, built bool) string {
	var b strings.Builder
	b.WriteString(`<div id="tdt-erreurs" role="alert" style="position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;background:#fff;color:#1f1a17;border-top:6px solid #b3261e;box-shadow:0 -4px 24px rgba(0,0,0,.3);padding:1rem 1.25rem;font:16px/1.5 system-ui,sans-serif">`)
	n := 0
	for _, d := range errs {
		if d.Severity == diag.Error {
			n++
		}
	}
	errors := fmt.Sprintf("%d erreur%s", n, map[bool]string{true: "s"}[n > 1])
	if built {
		fmt.Fprintf(&b, `<p style="margin:0 0 .5rem;font-weight:700;color:#b3261e">Le site n'a pas pu être mis à jour : %s.</p>`, errors)
		b.WriteString(`<p style="margin:0 0 .75rem">La dernière version correcte reste affichée. Corrigez le fichier et enregistrez : ce message disparaîtra tout seul.</p>`)
	} else {
		fmt.Fprintf(&b, `<p style="margin:0 0 .5rem;font-weight:700;color:#b3261e">Le site n'a pas encore pu être construit : %s.</p>`, errors)
		b.WriteString(`<p style="margin:0 0 .75rem">Corrigez le fichier et enregistrez : la page s'affichera toute seule.</p>`)
	}
	b.WriteString(`<ul style="margin:0;padding-left:1.25rem;font-family:ui-monospace,monospace;font-size:14px">`)
	for _, d := range errs {
		b.WriteString("<li>")
		b.WriteString(html.EscapeString(d.String()))
		b.WriteString("</li>")
	}
	b.WriteString("</ul></div>")
	return b.String()
}
