package edit

import (
	"bytes"
	"mime/multipart"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"terredetalents/generator/diag"
)

// fakeSite is a site without checks, for the editor's own tests.
type fakeSite struct{ root string }

func (f fakeSite) Pages() Pages {
	return Pages{List: []PageInfo{{Path: "content/a.md", Title: "A", URL: "/a/"}}}
}
func (fakeSite) Check(string, []byte) []diag.Diagnostic { return nil }
func (fakeSite) Markdown(b []byte) string               { return string(b) }
func (fakeSite) NewPage(string, string) (string, error) { return "", nil }
func (fakeSite) Kinds() []Kind                          { return []Kind{{Name: "page"}} }

func newTestEditor(t *testing.T) (*Editor, string) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "content"), 0o755)
	os.WriteFile(filepath.Join(root, "content", "a.md"), []byte("+++\ntitle = \"A\"\n+++\nTexte.\n"), 0o644)
	os.WriteFile(filepath.Join(root, "site.toml"), []byte("title = \"x\"\n"), 0o644)
	return New(Options{Root: root, Site: fakeSite{root}, Hosts: map[string]bool{"127.0.0.1:1313": true}, MaxUpload: 1 << 10}), root
}

func TestCleanPage(t *testing.T) {
	for p, ok := range map[string]bool{
		"content/a.md":                  true,
		"content/formations/x/index.md": true,
		"content/../site.toml":          false,
		"content/x/../../a.md":          false,
		"/etc/passwd":                   false,
		"../content/a.md":               false,
		"content//a.md":                 false,
		"content/a.txt":                 false,
		"content/.git/x.md":             false,
		"content/a\\..\\b.md":           false,
		"content/a\x00.md":              false,
		"site.toml":                     false,
		"content/":                      false,
	} {
		if _, err := cleanPage(p); (err == nil) != ok {
			t.Errorf("cleanPage(%q) = %v", p, err)
		}
	}
}

// TestGuard: a request that does not come from the preview's own pages
// is refused before anything is read or written.
func TestGuard(t *testing.T) {
	e, root := newTestEditor(t)
	form := url.Values{"_fichier": {"content/a.md"}, "_version": {hashOf([]byte("+++\ntitle = \"A\"\n+++\nTexte.\n"))}, "title": {"B"}, "body": {"Texte.\n"}}
	for _, tt := range []struct {
		name    string
		host    string
		headers map[string]string
		status  int
	}{
		{"foreign host", "evil.example:1313", map[string]string{"Origin": "http://evil.example:1313"}, 403},
		{"foreign origin", "127.0.0.1:1313", map[string]string{"Origin": "http://evil.example"}, 403},
		{"https origin of another port", "127.0.0.1:1313", map[string]string{"Origin": "http://127.0.0.1:8080"}, 403},
		{"null origin", "127.0.0.1:1313", map[string]string{"Origin": "null"}, 403},
		{"no origin, cross-site fetch", "127.0.0.1:1313", map[string]string{"Sec-Fetch-Site": "cross-site"}, 403},
		{"no origin, nothing said", "127.0.0.1:1313", nil, 403},
		{"no origin, foreign referer", "127.0.0.1:1313", map[string]string{"Referer": "http://evil.example/page"}, 403},
		{"no origin, own referer", "127.0.0.1:1313", map[string]string{"Referer": "http://127.0.0.1:1313/_edition/page"}, 303},
		{"own origin", "127.0.0.1:1313", map[string]string{"Origin": "http://127.0.0.1:1313"}, 303},
	} {
		r := httptest.NewRequest("POST", "/_edition/page", strings.NewReader(form.Encode()))
		r.Host = tt.host
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for k, v := range tt.headers {
			r.Header.Set(k, v)
		}
		w := httptest.NewRecorder()
		e.ServeHTTP(w, r)
		if w.Code != tt.status {
			t.Errorf("%s: status %d, want %d (%s)", tt.name, w.Code, tt.status, w.Body.String())
		}
		if tt.status == 303 {
			os.WriteFile(filepath.Join(root, "content", "a.md"), []byte("+++\ntitle = \"A\"\n+++\nTexte.\n"), 0o644)
		} else if data, _ := os.ReadFile(filepath.Join(root, "content", "a.md")); !bytes.Contains(data, []byte(`"A"`)) {
			t.Errorf("%s: the file was written", tt.name)
		}
	}
	r := httptest.NewRequest("GET", "/_edition/", nil)
	r.Host = "127.0.0.1:1313"
	w := httptest.NewRecorder()
	e.ServeHTTP(w, r)
	if csp := w.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") || w.Header().Get("X-Frame-Options") != "DENY" {
		t.Errorf("the editor can be framed by another site: %q", csp)
	}
}

// TestUploadTypes: only JPEG and PNG are accepted, by their bytes,
// within the size bound; a name is made safe.
func TestUploadTypes(t *testing.T) {
	e, root := newTestEditor(t)
	pngHead := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00")
	for _, tt := range []struct {
		name, file string
		data       []byte
		status     int
		saved      string
	}{
		{"svg", "logo.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), 422, ""},
		{"svg named png", "logo.png", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>`), 422, ""},
		{"html", "page.jpg", []byte("<html><script>alert(1)</script></html>"), 422, ""},
		{"webp, which the build cannot resize", "photo.webp", []byte("RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00"), 422, ""},
		{"too big", "big.png", append(pngHead, make([]byte, 2<<10)...), 422, ""},
		{"png with a strange name", "../../Été 2026.PNG", pngHead, 303, "content/a/ete-2026.png"},
	} {
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		mw.WriteField("_fichier", "content/a.md")
		text, _ := os.ReadFile(filepath.Join(root, "content", "a.md"))
		mw.WriteField("_version", hashOf(text))
		mw.WriteField("title", "A")
		mw.WriteField("body", "Texte.\n")
		fw, _ := mw.CreateFormFile("_image", tt.file)
		fw.Write(tt.data)
		mw.Close()
		r := httptest.NewRequest("POST", "/_edition/page", &body)
		r.Host = "127.0.0.1:1313"
		r.Header.Set("Origin", "http://127.0.0.1:1313")
		r.Header.Set("Content-Type", mw.FormDataContentType())
		w := httptest.NewRecorder()
		e.ServeHTTP(w, r)
		if w.Code != tt.status {
			t.Errorf("%s: status %d, want %d", tt.name, w.Code, tt.status)
		}
		if tt.saved != "" {
			if _, err := os.Stat(filepath.Join(root, tt.saved)); err != nil {
				t.Errorf("%s: %v", tt.name, err)
			}
			if _, err := os.Stat(filepath.Join(root, "content", "a", "index.md")); err != nil {
				t.Errorf("%s: the page is not a bundle: %v", tt.name, err)
			}
		}
	}
	entries, _ := os.ReadDir(filepath.Join(root, "content"))
	for _, en := range entries {
		if strings.HasSuffix(en.Name(), ".svg") || strings.HasPrefix(en.Name(), ".") {
			t.Errorf("left in content/: %s", en.Name())
		}
	}
}

func TestInfoFromPath(t *testing.T) {
	for p, want := range map[string]PageInfo{
		"content/a.md":                  {Path: "content/a.md"},
		"content/_index.md":             {Path: "content/_index.md", Index: true},
		"content/a/index.md":            {Path: "content/a/index.md"},
		"content/formations/x.md":       {Path: "content/formations/x.md", Section: "formations"},
		"content/formations/x/index.md": {Path: "content/formations/x/index.md", Section: "formations"},
		"content/formations/_index.md":  {Path: "content/formations/_index.md", Section: "formations", Index: true},
	} {
		if got := infoFromPath(p); got.Path != want.Path || got.Section != want.Section || got.Index != want.Index {
			t.Errorf("infoFromPath(%q) = %+v, want %+v", p, got, want)
		}
	}
}

// TestBrokenFileNotRewritten: a file whose front matter does not read is
// never rewritten from a form.
func TestBrokenFileNotRewritten(t *testing.T) {
	e, root := newTestEditor(t)
	broken := "+++\ntitle = \"A\nsummary = \"x\"\n+++\nTexte.\n"
	file := filepath.Join(root, "content", "a.md")
	os.WriteFile(file, []byte(broken), 0o644)
	form := url.Values{"_fichier": {"content/a.md"}, "_version": {hashOf([]byte(broken))}, "title": {"B"}, "summary": {"y"}, "body": {"Texte.\n"}}
	r := httptest.NewRequest("POST", "/_edition/page", strings.NewReader(form.Encode()))
	r.Host = "127.0.0.1:1313"
	r.Header.Set("Origin", "http://127.0.0.1:1313")
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w := httptest.NewRecorder()
	e.ServeHTTP(w, r)
	if data, _ := os.ReadFile(file); string(data) != broken || w.Code != 422 {
		t.Errorf("status %d, file now:\n%s", w.Code, data)
	}
}

// TestSaveKeepsFile: a save keeps the file's mode, its CRLF line endings
// and byte-order mark, and leaves no temporary file.
func TestSaveKeepsFile(t *testing.T) {
	e, root := newTestEditor(t)
	file := filepath.Join(root, "content", "a.md")
	orig := "\ufeff+++\r\ntitle = \"A\" # nom\r\nsummary = \"x\"\r\n+++\r\nTexte.\r\n"
	os.WriteFile(file, []byte(orig), 0o600)
	os.Chmod(file, 0o600)
	lf := strings.ReplaceAll(strings.TrimPrefix(orig, "\ufeff"), "\r\n", "\n")
	form := url.Values{"_fichier": {"content/a.md"}, "_version": {hashOf([]byte(lf))}, "title": {"B"}, "summary": {"x"}, "body": {"Texte.\r\n"}}
	r := httptest.NewRequest("POST", "/_edition/page", strings.NewReader(form.Encode()))
	r.Host = "127.0.0.1:1313"
	r.Header.Set("Origin", "http://127.0.0.1:1313")
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w := httptest.NewRecorder()
	e.ServeHTTP(w, r)
	if w.Code != 303 {
		t.Fatalf("status %d: %s", w.Code, w.Body.String())
	}
	data, _ := os.ReadFile(file)
	if want := strings.Replace(orig, `"A"`, `"B"`, 1); string(data) != want {
		t.Errorf("got %q, want %q", data, want)
	}
	if info, _ := os.Stat(file); info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", info.Mode().Perm())
	}
	entries, _ := os.ReadDir(filepath.Join(root, "content"))
	if len(entries) != 1 {
		t.Errorf("content/ holds %d entries", len(entries))
	}
}
