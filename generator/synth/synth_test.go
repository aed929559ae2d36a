package synth

import (
	"bytes"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"terredetalents/generator/content"
	"terredetalents/generator/diag"
	"terredetalents/generator/link"
	"terredetalents/generator/load"
	"terredetalents/generator/parse"
)

const testPages = 200

// writeSite writes a site of testPages pages and returns its folder.
func writeSite(t testing.TB, seed int64) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if err := Write(dir, Options{Pages: testPages, Seed: seed}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// readTree returns every file of dir by slash path.
func readTree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// decodeFrontMatter decodes the TOML between the +++ lines of a page.
func decodeFrontMatter(t testing.TB, name string, data []byte) map[string]any {
	t.Helper()
	text := string(data)
	if !strings.HasPrefix(text, "+++\n") {
		t.Fatalf("%s: does not start with +++", name)
	}
	fm, _, ok := strings.Cut(text[4:], "\n+++\n")
	if !ok {
		t.Fatalf("%s: front matter not closed", name)
	}
	m := map[string]any{}
	if _, err := toml.Decode(fm, &m); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return m
}

func TestSectionShares(t *testing.T) {
	files := readTree(t, writeSite(t, 1))
	count := map[string]int{}
	for name := range files {
		if dir, _, ok := strings.Cut(strings.TrimPrefix(name, "content/"), "/"); ok && strings.HasSuffix(name, ".md") {
			count[dir]++
		}
	}
	for _, want := range []struct {
		section string
		share   float64
	}{{content.Companies, 0.35}, {content.Trainings, 0.25}, {content.Stories, 0.40}} {
		got, exp := count[want.section], want.share*testPages
		if math.Abs(float64(got)-exp) > 0.1*exp {
			t.Errorf("%s: %d pages, want about %.0f", want.section, got, exp)
		}
	}
	if total := count[content.Companies] + count[content.Trainings] + count[content.Stories]; total != testPages {
		t.Errorf("%d pages in the sections, want %d", total, testPages)
	}
	for _, name := range []string{"site.toml", "content/_index.md", "content/a-propos.md",
		"content/accessibilite.md", "content/mentions-legales.md"} {
		if _, ok := files[name]; !ok {
			t.Errorf("%s missing", name)
		}
	}
}

func TestDeterministic(t *testing.T) {
	a, b := readTree(t, writeSite(t, 7)), readTree(t, writeSite(t, 7))
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
	}
	c := readTree(t, writeSite(t, 8))
	same := 0
	for name, data := range a {
		if bytes.Equal(data, c[name]) {
			same++
		}
	}
	if same > 10 { // the fixed pages are shared
		t.Errorf("%d files identical with another seed", same)
	}
}

func TestReferencesExist(t *testing.T) {
	files := readTree(t, writeSite(t, 1))
	exists := func(section, slug string) bool {
		_, file := files["content/"+section+"/"+slug+".md"]
		_, bundle := files["content/"+section+"/"+slug+"/index.md"]
		return file || bundle
	}
	refs := 0
	for name, data := range files {
		if !strings.HasSuffix(name, ".md") {
			continue
		}
		fm := decodeFrontMatter(t, name, data)
		if partners, ok := fm["partners"].([]any); ok {
			for _, p := range partners {
				refs++
				if !exists(content.Companies, p.(string)) {
					t.Errorf("%s: partner %q does not exist", name, p)
				}
			}
		}
		for key, section := range map[string]string{"company": content.Companies, "training": content.Trainings} {
			if slug, ok := fm[key].(string); ok {
				refs++
				if !exists(section, slug) {
					t.Errorf("%s: %s %q does not exist", name, key, slug)
				}
			}
		}
		// Links in bodies point to pages of the site, but for the links
		// to removed pages made on purpose.
		for _, m := range bodyLink.FindAllStringSubmatch(string(data), -1) {
			if !exists(m[1], m[2]) && !strings.HasPrefix(m[2], "ancienne-") {
				t.Errorf("%s: link to /%s/%s/ leads nowhere", name, m[1], m[2])
			}
		}
	}
	if refs < testPages/2 {
		t.Errorf("only %d references", refs)
	}
}

var bodyLink = regexp.MustCompile(`\]\(/(entreprises|formations|reussites)/([a-z0-9-]+)/\)`)

func TestFrontMatter(t *testing.T) {
	dir := writeSite(t, 3)
	files := readTree(t, dir)
	if _, err := toml.Decode(string(files["site.toml"]), &map[string]any{}); err != nil {
		t.Fatalf("site.toml: %v", err)
	}
	rncp := regexp.MustCompile(`^RNCP[0-9]{5}$`)
	first, last := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
	titles := map[string]string{}
	skills := map[string]bool{}
	var size int
	for name, data := range files {
		if !strings.HasSuffix(name, ".md") {
			continue
		}
		fm := decodeFrontMatter(t, name, data)
		title, _ := fm["title"].(string)
		if prev, dup := titles[title]; dup {
			t.Errorf("%s and %s both have the title %q", name, prev, title)
		}
		titles[title] = name
		if d, ok := fm["date"].(time.Time); !ok || d.Before(first) || (d.After(last) && d.Year() != 2031) {
			t.Errorf("%s: date %v out of range (2024 to mid-2026, or 2031 for a page waiting for its date)", name, fm["date"])
		}
		section, slug, ok := strings.Cut(strings.TrimPrefix(name, "content/"), "/")
		if !ok {
			continue
		}
		size += len(data)
		if want := content.Slugify(title); slug != want+".md" && slug != want+"/index.md" {
			t.Errorf("%s: file name is not the slug of %q", name, title)
		}
		for _, s := range asStrings(fm["skills"]) {
			skills[s] = true
		}
		required := map[string][]string{
			content.Companies: {"title", "summary", "sectors", "town"},
			content.Trainings: {"title", "summary", "provider", "town", "skills", "level", "rncp", "duration_hours", "mode", "funding", "partners", "rome", "sessions"},
			content.Stories:   {"title", "summary", "person", "job", "kind", "company", "training", "town", "skills", "quote"},
		}[section]
		for _, key := range required {
			if _, ok := fm[key]; !ok {
				t.Errorf("%s: %s missing", name, key)
			}
		}
		switch section {
		case content.Trainings:
			if l := fm["level"].(int64); l < 3 || l > 8 {
				t.Errorf("%s: level %d", name, l)
			}
			if !rncp.MatchString(fm["rncp"].(string)) {
				t.Errorf("%s: rncp %q", name, fm["rncp"])
			}
			if !oneOf(fm["mode"], content.Modes) {
				t.Errorf("%s: mode %q", name, fm["mode"])
			}
			if n := len(asStrings(fm["partners"])); n < 1 || n > 3 {
				t.Errorf("%s: %d partners", name, n)
			}
			sessions := fm["sessions"].([]map[string]any)
			if len(sessions) < 1 || len(sessions) > 4 {
				t.Errorf("%s: %d sessions", name, len(sessions))
			}
			for _, s := range sessions {
				start, end := s["start"].(time.Time), s["end"].(time.Time)
				if start.Year() < 2025 || start.Year() > 2027 || end.Before(start) || s["seats"].(int64) < 1 {
					t.Errorf("%s: session %v", name, s)
				}
			}
		case content.Stories:
			if !oneOf(fm["kind"], content.StoryKinds) {
				t.Errorf("%s: kind %q", name, fm["kind"])
			}
		}
	}
	if n := len(skills); n < 100 || n > skillCount+testPages/3 {
		t.Errorf("%d distinct skills", n)
	}
	if avg := size / testPages; avg < 4500 || avg > 7500 {
		t.Errorf("pages average %d bytes, want about 6 KB", avg)
	}
}

func asStrings(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, e := range list {
		s, _ := e.(string)
		out = append(out, s)
	}
	return out
}

func oneOf(v any, choices []string) bool {
	s, _ := v.(string)
	for _, c := range choices {
		if s == c {
			return true
		}
	}
	return false
}

// TestGeneratorAccepts runs the generator's own load, parse and link
// stages: a synthetic site has no error, and exactly the warnings and
// informations of the mistakes it makes on purpose.
func TestGeneratorAccepts(t *testing.T) {
	site := os.DirFS(writeSite(t, 1))
	var diags diag.List
	cfg := parse.Config(site, &diags)
	md := parse.NewMarkdown(cfg.UnsafeHTML)
	var pages []*content.Page
	for _, f := range load.Content(site, &diags) {
		if p := parse.Page(f, md, &diags); p != nil {
			pages = append(pages, p)
		}
	}
	s := link.Site(cfg, pages, link.Options{Now: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)}, &diags)
	want := Expected(Options{Pages: testPages, Seed: 1})
	got := map[string]int{}
	for _, d := range diags.Items() {
		got[d.Code]++
		if d.Severity == diag.Error {
			t.Error(d)
		}
	}
	for code, n := range want {
		if code != "published" && got[code] != n {
			t.Errorf("%d findings %s, want %d", got[code], code, n)
		}
	}
	for code, n := range got {
		if _, ok := want[code]; !ok {
			t.Errorf("%d unexpected findings %s", n, code)
		}
	}
	if got, want := len(s.Pages), want["published"]+3; got != want {
		t.Errorf("%d pages published, want %d", got, want)
	}
	if cfg.Paginate != 20 || cfg.BaseURL != "https://example.org/" {
		t.Errorf("config %+v", cfg)
	}
}

func TestWriteRefusesNonEmptyFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("à garder"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(dir, Options{Pages: 10, Seed: 1}); err == nil {
		t.Fatal("Write accepted a folder that is not empty")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("Write changed the folder: %d entries", len(entries))
	}
	if err := Write(t.TempDir(), Options{Pages: 10, Seed: 1}); err != nil {
		t.Errorf("existing empty folder: %v", err)
	}
}

func TestTinySites(t *testing.T) {
	for _, n := range []int{1, 2, 3, 5} {
		if err := Write(filepath.Join(t.TempDir(), "site"), Options{Pages: n}); err != nil {
			t.Errorf("%d pages: %v", n, err)
		}
	}
	if err := Write(filepath.Join(t.TempDir(), "site"), Options{Pages: 0}); err == nil {
		t.Error("0 pages accepted")
	}
}

func BenchmarkWrite(b *testing.B) {
	const pages = 1000
	root := b.TempDir()
	b.SetBytes(pages * 6000) // about 6 KB a page
	for n := 0; b.Loop(); n++ {
		dir := filepath.Join(root, strconv.Itoa(n))
		if err := Write(dir, Options{Pages: pages, Seed: int64(n)}); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if err := os.RemoveAll(dir); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}
