package serve

import (
	"bufio"
	"fmt"
	"io"
	"net"
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
	tests := []struct {
		path     string
		status   int
		ctype    string
		body     string
		location string // for redirects: a path on this host, one leading slash
	}{
		{"/", 200, "text/html; charset=utf-8", "<h1>Accueil</h1>", ""},
		{"/entreprises/", 200, "text/html; charset=utf-8", "liste", ""},
		{"/entreprises", 301, "", "", "/entreprises/"},
		{"/entreprises?tri=nom", 301, "", "", "/entreprises/?tri=nom"},
		{"//entreprises", 301, "", "", "/entreprises/"},
		{"///entreprises", 301, "", "", "/entreprises/"},
		{"/%2Fentreprises", 301, "", "", "/entreprises/"},
		{"/./entreprises", 301, "", "", "/entreprises/"},
		{"/css/site.css", 200, "text/css; charset=utf-8", "body{}", ""},
		{"/sitemap.xml", 200, "text/xml; charset=utf-8", "<urlset/>", ""},
		{"/nulle-part/", 404, "text/html; charset=utf-8", "introuvable", ""},
		{"/../../etc/passwd", 400, "", "", ""},
		{"/%2e%2e/%2e%2e/etc/passwd", 400, "", "", ""},
		{"/css/..%2f..%2fsite.toml", 400, "", "", ""},
		{"/..%5c..%5cetc", 400, "", "", ""},
		{"/x%00.html", 400, "", "", ""},
	}
	for _, tt := range tests {
		resp := rawGet(t, ts, tt.path)
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.status {
			t.Errorf("%s: status %d, want %d", tt.path, resp.StatusCode, tt.status)
		}
		if tt.ctype != "" && resp.Header.Get("Content-Type") != tt.ctype {
			t.Errorf("%s: content type %q, want %q", tt.path, resp.Header.Get("Content-Type"), tt.ctype)
		}
		if loc := resp.Header.Get("Location"); loc != tt.location {
			t.Errorf("%s: Location %q, want %q", tt.path, loc, tt.location)
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

// rawGet sends "GET target" to ts exactly as written, as a browser or an
// attacker may: Go's client would rewrite "//x" or encoded slashes.
func rawGet(t *testing.T, ts *httptest.Server, target string) *http.Response {
	t.Helper()
	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, ts.Listener.Addr())
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("%s: %v", target, err)
	}
	return resp
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
