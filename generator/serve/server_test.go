package serve

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"terredetalents/generator/diag"
)

func newTestServer() *Server {
	site := NewFiles()
	site.WriteFile("index.html", []byte("<html><body><h1>Accueil</h1></body></html>"))
	site.WriteFile("entreprises/index.html", []byte("<html><body>liste</body></html>"))
	site.WriteFile("404.html", []byte("<html><body>introuvable</body></html>"))
	site.WriteFile("css/site.css", []byte("body{}"))
	site.WriteFile("sitemap.xml", []byte("<urlset/>"))
	s := NewServer()
	s.Publish(site, nil)
	return s
}

func TestServerRequests(t *testing.T) {
	ts := httptest.NewServer(newTestServer())
	defer ts.Close()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	tests := []struct {
		path   string
		status int
		ctype  string
		body   string
	}{
		{"/", 200, "text/html; charset=utf-8", "<h1>Accueil</h1>"},
		{"/entreprises/", 200, "text/html; charset=utf-8", "liste"},
		{"/entreprises", 301, "", ""},
		{"/css/site.css", 200, "text/css; charset=utf-8", "body{}"},
		{"/sitemap.xml", 200, "text/xml; charset=utf-8", "<urlset/>"},
		{"/nulle-part/", 404, "text/html; charset=utf-8", "introuvable"},
		{"/../../etc/passwd", 400, "", ""},
		{"/%2e%2e/%2e%2e/etc/passwd", 400, "", ""},
		{"/css/..%2f..%2fsite.toml", 400, "", ""},
		{"/..%5c..%5cetc", 400, "", ""},
		{"/x%00.html", 400, "", ""},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest("GET", ts.URL+tt.path, nil)
		req.URL.RawPath = tt.path // keep the path as the client sent it
		req.URL.Opaque = tt.path
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("%s: %v", tt.path, err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.status {
			t.Errorf("%s: status %d, want %d", tt.path, resp.StatusCode, tt.status)
		}
		if tt.ctype != "" && resp.Header.Get("Content-Type") != tt.ctype {
			t.Errorf("%s: content type %q, want %q", tt.path, resp.Header.Get("Content-Type"), tt.ctype)
		}
		if !strings.Contains(string(body), tt.body) {
			t.Errorf("%s: body %q does not hold %q", tt.path, body, tt.body)
		}
		isHTML := strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html")
		if isHTML != strings.Contains(string(body), EventsPath) && resp.StatusCode < 300 {
			t.Errorf("%s: the reload script must be in HTML pages only", tt.path)
		}
	}
}

func TestOverlayShowsErrorsOverLastGoodSite(t *testing.T) {
	s := newTestServer()
	s.Publish(nil, []diag.Diagnostic{{Pos: diag.Pos{File: "content/a.md", Line: 3, Col: 9}, Msg: "texte <b>sans</b> guillemets"}})
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	body := rec.Body.String()
	for _, want := range []string{"<h1>Accueil</h1>", "Le site n'a pas pu être mis à jour : 1 erreur.", "content/a.md:3:9: texte &lt;b&gt;sans&lt;/b&gt; guillemets"} {
		if !strings.Contains(body, want) {
			t.Errorf("page does not hold %q:\n%s", want, body)
		}
	}
	s.Publish(nil, nil)
	rec = httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if strings.Contains(rec.Body.String(), "tdt-erreurs") {
		t.Error("the overlay stayed after the errors were fixed")
	}
}

func TestEventsAnnounceReload(t *testing.T) {
	s := newTestServer()
	ts := httptest.NewServer(s)
	defer ts.Close()
	resp, err := http.Get(ts.URL + EventsPath)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("content type %q", resp.Header.Get("Content-Type"))
	}
	buf := make([]byte, 64)
	n, _ := resp.Body.Read(buf) // "retry" line: the stream is open
	if !strings.Contains(string(buf[:n]), "retry") {
		t.Fatalf("first bytes %q", buf[:n])
	}
	s.Publish(NewFiles(), nil)
	data, _ := io.ReadAll(resp.Body)
	if !strings.Contains(string(data), "data: reload") {
		t.Errorf("stream %q has no reload event", data)
	}
}
