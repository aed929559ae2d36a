package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"golang.org/x/tools/txtar"
)

// buildGoldenSite builds testdata/golden/site.txtar, with one more story
// whose title tries to close the JSON-LD script block, and returns the
// output folder.
func buildGoldenSite(t *testing.T) string {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", "golden", "site.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	ar.Files = append(ar.Files, txtar.File{Name: "content/reussites/piege.md", Data: []byte(`+++
title = "Piège </script><script>alert(1)</script> & « guillemets »"
summary = "Un résumé </script> avec <b>balises</b> \"><img src=x onerror=alert(1)>."
date = 2026-06-01
person = "Zoé"
job = "Testeuse"
company = "atelier"
+++
`)})
	site := t.TempDir()
	writeArchive(t, site, ar)
	if code, _, stderr := runGen(t, site, "build"); code != 0 {
		t.Fatal(stderr)
	}
	return filepath.Join(site, "public")
}

func TestSitemapListsEveryPublishedPage(t *testing.T) {
	out := buildGoldenSite(t)
	var sm struct {
		URLs []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	data, _ := os.ReadFile(filepath.Join(out, "sitemap.xml"))
	if err := xml.Unmarshal(data, &sm); err != nil {
		t.Fatal(err)
	}
	listed := map[string]string{}
	for _, u := range sm.URLs {
		if !strings.HasPrefix(u.Loc, "https://example.org/") {
			t.Errorf("relative or foreign URL in the sitemap: %s", u.Loc)
		}
		listed[strings.TrimPrefix(u.Loc, "https://example.org")] = u.LastMod
	}
	// Every HTML page of the output is listed, except the 404 and the
	// alias redirects.
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Base(p) != "index.html" {
			return err
		}
		rel, _ := filepath.Rel(out, filepath.Dir(p))
		url := "/" + filepath.ToSlash(rel) + "/"
		if url == "/./" {
			url = "/"
		}
		page, _ := os.ReadFile(p)
		isAlias := strings.Contains(string(page), `http-equiv="refresh"`)
		if _, ok := listed[url]; ok == isAlias {
			t.Errorf("%s: listed in the sitemap = %v, alias = %v", url, ok, isAlias)
		}
		return nil
	})
	if listed["/entreprises/atelier/"] != "2026-10-02" {
		t.Errorf("lastmod of the company = %q, want the date of its last review (updated)", listed["/entreprises/atelier/"])
	}
	if _, ok := listed["/404.html"]; ok {
		t.Error("the 404 page is in the sitemap")
	}
	robots, _ := os.ReadFile(filepath.Join(out, "robots.txt"))
	if !strings.Contains(string(robots), "Sitemap: https://example.org/sitemap.xml") {
		t.Errorf("robots.txt: %s", robots)
	}
}

func TestFeeds(t *testing.T) {
	out := buildGoldenSite(t)
	type item struct {
		Title   string `xml:"title"`
		Link    string `xml:"link"`
		GUID    string `xml:"guid"`
		PubDate string `xml:"pubDate"`
		Desc    string `xml:"description"`
	}
	type rssDoc struct {
		XMLName xml.Name `xml:"rss"`
		Version string   `xml:"version,attr"`
		Channel struct {
			Title string `xml:"title"`
			Links []struct {
				Text string `xml:",chardata"`
				Href string `xml:"href,attr"`
				Rel  string `xml:"rel,attr"`
			} `xml:"link"` // <link> and <atom:link rel="self">
			Items []item `xml:"item"`
		} `xml:"channel"`
	}
	tests := []struct {
		file  string
		items []string // links, newest first
	}{
		{"index.xml", []string{"/entreprises/atelier/offres/soudeur-soudeuse-tig/", "/evenements/job-dating-soudure/", "/entreprises/atelier/offres/apprenti-mecanicien/", "/reussites/piege/", "/reussites/sabrina/", "/reussites/karim/", "/entreprises/atelier/", "/reussites/ines/", "/evenements/portes-ouvertes/", "/formations/soudeur/"}},
		{"offres/index.xml", []string{"/entreprises/atelier/offres/soudeur-soudeuse-tig/", "/entreprises/atelier/offres/apprenti-mecanicien/"}}, // not the expired one
		{"evenements/index.xml", []string{"/evenements/job-dating-soudure/", "/evenements/portes-ouvertes/"}},                                   // the past forum has left the lists
		{"reussites/index.xml", []string{"/reussites/piege/", "/reussites/sabrina/", "/reussites/karim/", "/reussites/ines/"}},
		{"entreprises/index.xml", []string{"/entreprises/atelier/"}},
		{"formations/index.xml", []string{"/formations/soudeur/"}},
	}
	for _, tt := range tests {
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(tt.file)))
		if err != nil {
			t.Fatal(err)
		}
		var doc rssDoc
		if err := xml.Unmarshal(data, &doc); err != nil {
			t.Fatalf("%s: %v", tt.file, err)
		}
		if l := doc.Channel.Links; doc.Version != "2.0" || len(l) != 2 || !strings.HasPrefix(l[0].Text, "https://example.org/") ||
			l[1].Href != "https://example.org/"+tt.file || l[1].Rel != "self" {
			t.Errorf("%s: version %q, links %+v", tt.file, doc.Version, doc.Channel.Links)
		}
		var links []string
		for _, it := range doc.Channel.Items {
			links = append(links, strings.TrimPrefix(it.Link, "https://example.org"))
			if it.GUID != it.Link || it.Title == "" {
				t.Errorf("%s: item %+v", tt.file, it)
			}
			// A reader takes the description, once read as XML, for HTML:
			// a summary must stay text there, without a single tag.
			if strings.ContainsAny(it.Desc, "<>") {
				t.Errorf("%s: description %q would be read as HTML", tt.file, it.Desc)
			}
			if strings.HasSuffix(it.Link, "/piege/") && html.UnescapeString(it.Desc) != `Un résumé </script> avec <b>balises</b> "><img src=x onerror=alert(1)>.` {
				t.Errorf("%s: description %q does not read back as the summary", tt.file, it.Desc)
			}
		}
		if strings.Join(links, " ") != strings.Join(tt.items, " ") {
			t.Errorf("%s: items %v, want %v", tt.file, links, tt.items)
		}
	}
	home, _ := os.ReadFile(filepath.Join(out, "index.html"))
	if !strings.Contains(string(home), `<link rel="alternate" type="application/rss+xml" title="Terre de talents" href="https://example.org/index.xml">`) {
		t.Error("the home page does not announce the site feed")
	}
}

var ldScript = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)

func TestStructuredData(t *testing.T) {
	out := buildGoldenSite(t)
	ld := func(file string) map[string]any {
		t.Helper()
		page, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(file)))
		if err != nil {
			t.Fatal(err)
		}
		blocks := ldScript.FindAllSubmatch(page, -1)
		if len(blocks) != 1 {
			t.Fatalf("%s: %d JSON-LD blocks", file, len(blocks))
		}
		var v map[string]any
		if err := json.Unmarshal(blocks[0][1], &v); err != nil {
			t.Fatalf("%s: %v\n%s", file, err, blocks[0][1])
		}
		return v
	}
	home := ld("index.html")
	if home["@type"] != "WebSite" || home["potentialAction"].(map[string]any)["target"] != "https://example.org/recherche/?q={search_term_string}" {
		t.Errorf("home: %v", home)
	}
	org := ld("entreprises/atelier/index.html")
	if org["@type"] != "Organization" || org["name"] != "Atelier <Lainier> & fils" ||
		org["address"].(map[string]any)["addressLocality"] != "Roubaix" ||
		org["logo"] != "https://example.org/entreprises/atelier/logo.svg" ||
		org["sameAs"].([]any)[0] != "https://atelier.example" {
		t.Errorf("company: %v", org)
	}
	course := ld("formations/soudeur/index.html")
	instances := course["hasCourseInstance"].([]any)
	if course["@type"] != "Course" || course["provider"].(map[string]any)["name"] != "Campus des Métiers" ||
		course["occupationalCredentialAwarded"].(map[string]any)["name"] != "RNCP12345" || len(instances) != 1 {
		t.Errorf("training: %v", course)
	}
	inst := instances[0].(map[string]any)
	if inst["startDate"] != "2027-01-11" || inst["endDate"] != "2027-07-02" || inst["courseMode"] != "onsite" ||
		inst["location"].(map[string]any)["address"].(map[string]any)["addressLocality"] != "Tourcoing" {
		t.Errorf("upcoming session (the 2026 one has started): %v", inst)
	}
	story := ld("reussites/piege/index.html")
	if story["@type"] != "Article" || story["headline"] != "Piège </script><script>alert(1)</script> & « guillemets »" {
		t.Errorf("story: %v", story)
	}
	page, _ := os.ReadFile(filepath.Join(out, "reussites", "piege", "index.html"))
	if strings.Count(string(page), "<script") != 1 {
		t.Error("the title opened a script element of its own")
	}
	for _, file := range []string{"a-propos/index.html", "competences/index.html"} {
		p, _ := os.ReadFile(filepath.Join(out, filepath.FromSlash(file)))
		if ldScript.Match(p) {
			t.Errorf("%s: unexpected JSON-LD", file)
		}
	}
}

func TestSocialTags(t *testing.T) {
	out := buildGoldenSite(t)
	meta := regexp.MustCompile(`<meta (?:property|name)="((?:og|twitter):[a-z_:]+)" content="([^"]*)">`)
	tags := func(file string) map[string]string {
		page, _ := os.ReadFile(filepath.Join(out, filepath.FromSlash(file)))
		m := map[string]string{}
		for _, s := range meta.FindAllStringSubmatch(string(page), -1) {
			m[s[1]] = s[2]
		}
		return m
	}
	company := tags("entreprises/atelier/index.html")
	want := map[string]string{
		"og:title":       "Atelier &lt;Lainier&gt; &amp; fils",
		"og:url":         "https://example.org/entreprises/atelier/",
		"og:image":       "https://example.org/images/partage.png", // the logo is an SVG, which networks ignore
		"og:description": "Filature &#34;historique&#34; à Roubaix.",
		"twitter:card":   "summary_large_image",
	}
	for k, v := range want {
		if company[k] != v {
			t.Errorf("%s = %q, want %q", k, company[k], v)
		}
	}
	var names []string
	for k := range tags("a-propos/index.html") {
		names = append(names, k)
	}
	sort.Strings(names)
	if strings.Join(names, " ") != "og:description og:image og:locale og:site_name og:title og:type og:url twitter:card twitter:description twitter:image twitter:title" {
		t.Errorf("a plain page has %v", names)
	}
	// The sharing image and the favicon are published, and every page
	// names the icon, so that no browser asks for a missing /favicon.ico.
	for _, file := range []string{"images/partage.png", "favicon.ico", "favicon.svg"} {
		if _, err := os.Stat(filepath.Join(out, file)); err != nil {
			t.Error(err)
		}
	}
	for _, file := range []string{"index.html", "404.html", "a-propos/index.html"} {
		page, _ := os.ReadFile(filepath.Join(out, filepath.FromSlash(file)))
		if !strings.Contains(string(page), `<link rel="icon" href="/favicon.ico" sizes="32x32">`) {
			t.Errorf("%s names no favicon", file)
		}
	}
}

func TestAliasRedirects(t *testing.T) {
	out := buildGoldenSite(t)
	page, err := os.ReadFile(filepath.Join(out, "qui-sommes-nous", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<meta http-equiv="refresh" content="0; url=/a-propos/">`,
		`<link rel="canonical" href="https://example.org/a-propos/">`,
		`<meta name="robots" content="noindex">`,
		`<a href="/a-propos/">`,
	} {
		if !strings.Contains(string(page), want) {
			t.Errorf("alias page lacks %s", want)
		}
	}
}

// TestOpenDataMatchesSchema checks each /api/ file against the JSON Schema
// published beside it: required fields present, no undeclared field, enums
// and types respected. (A small checker for the keywords our schemas use.)
func TestOpenDataMatchesSchema(t *testing.T) {
	out := buildGoldenSite(t)
	for _, name := range []string{"entreprises", "formations", "reussites", "evenements", "offres"} {
		var doc map[string]any
		var schema map[string]any
		read := func(file string, v any) {
			data, err := os.ReadFile(filepath.Join(out, "api", file))
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(data, v); err != nil {
				t.Fatalf("%s: %v", file, err)
			}
		}
		read(name+".json", &doc)
		read(name+".schema.json", &schema)
		defs := schema["$defs"].(map[string]any)
		var check func(path string, v any, s map[string]any)
		check = func(path string, v any, s map[string]any) {
			if ref, ok := s["$ref"].(string); ok {
				s = defs[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any)
			}
			if enum, ok := s["enum"].([]any); ok {
				found := false
				for _, e := range enum {
					found = found || e == v
				}
				if !found {
					t.Errorf("%s: %v not in %v", path, v, enum)
				}
			}
			switch s["type"] {
			case "object":
				m, ok := v.(map[string]any)
				if !ok {
					t.Errorf("%s: not an object", path)
					return
				}
				props, _ := s["properties"].(map[string]any)
				for _, r := range s["required"].([]any) {
					if _, ok := m[r.(string)]; !ok {
						t.Errorf("%s: required %s missing", path, r)
					}
				}
				for k, val := range m {
					ps, ok := props[k].(map[string]any)
					if !ok {
						if s["additionalProperties"] == false {
							t.Errorf("%s: undeclared field %s", path, k)
						}
						continue
					}
					check(path+"."+k, val, ps)
				}
			case "array":
				list, ok := v.([]any)
				if !ok {
					t.Errorf("%s: not an array", path)
					return
				}
				for i, e := range list {
					check(path+"["+strconv.Itoa(i)+"]", e, s["items"].(map[string]any))
				}
			case "string":
				str, ok := v.(string)
				if !ok {
					t.Errorf("%s: not a string", path)
				}
				if pattern, ok := s["pattern"].(string); ok && !regexp.MustCompile(pattern).MatchString(str) {
					t.Errorf("%s: %q does not match %s", path, str, pattern)
				}
			case "integer":
				if f, ok := v.(float64); !ok || f != float64(int(f)) {
					t.Errorf("%s: not an integer", path)
				}
			case "boolean":
				if _, ok := v.(bool); !ok {
					t.Errorf("%s: not a boolean", path)
				}
			}
		}
		check(name, doc, schema)
		if doc["count"].(float64) == 0 {
			t.Errorf("%s: no items", name)
		}
	}
	var stories struct {
		Items []struct {
			Slug    string `json:"slug"`
			Company *struct {
				URL string `json:"url"`
			} `json:"company"`
		} `json:"items"`
	}
	data, _ := os.ReadFile(filepath.Join(out, "api", "reussites.json"))
	json.Unmarshal(data, &stories)
	for _, s := range stories.Items {
		if s.Slug == "sabrina" && (s.Company == nil || s.Company.URL != "https://example.org/entreprises/atelier/") {
			t.Errorf("sabrina's company is not resolved: %+v", s.Company)
		}
	}
}

// startGen starts the real binary with extra environment variables.
func startGen(t *testing.T, dir string, env []string, args ...string) (*exec.Cmd, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "SOURCE_DATE_EPOCH=1795564800"), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, &out, &errb
}

// exitCode waits for cmd: its exit status, -1 when a signal killed it.
func exitCode(t *testing.T, cmd *exec.Cmd) int {
	t.Helper()
	err := cmd.Wait()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return 0
}

// sameTree says how dir differs from want, "" when it holds exactly the
// same files.
func sameTree(t *testing.T, dir string, want map[string]string) string {
	t.Helper()
	got := snapshot(t, dir)
	var diffs []string
	for name, data := range want {
		if g, ok := got[name]; !ok {
			diffs = append(diffs, "missing "+name)
		} else if g != data {
			diffs = append(diffs, "changed "+name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			diffs = append(diffs, "extra "+name)
		}
	}
	if len(diffs) == 0 {
		return ""
	}
	sort.Strings(diffs)
	return fmt.Sprintf("%d of %d files differ (%s)", len(diffs), len(want), strings.Join(diffs[:min(len(diffs), 3)], ", "))
}

// leftovers lists the folders beside public/ that a build left behind,
// except the spare tree that the next build recycles and the record of
// the output (buildrecord.go).
func leftovers(t *testing.T, site string) []string {
	t.Helper()
	entries, _ := os.ReadDir(site)
	var out []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".public.") && e.Name() != ".public.spare" && e.Name() != ".public.record" {
			out = append(out, e.Name())
		}
	}
	return out
}

// TestInterruptLeavesAWholeSite sends SIGINT to real builds at many
// moments: at random, and at test hooks just before the swap, just after it
// (before the previous output is removed) and after the commit. Each time
// public/ must be the whole previous site with status 130 and « intact »,
// or the whole new one with status 0, and the next build must work.
func TestInterruptLeavesAWholeSite(t *testing.T) {
	site := copySite(t)
	config, err := os.ReadFile(filepath.Join(site, "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	// Two versions of the site whose every page differs: the title is
	// in each of them.
	versions := []string{string(config), strings.Replace(string(config), `title = "Terre de talents"`, `title = "Terre de talents bis"`, 1)}
	if versions[0] == versions[1] {
		t.Fatal("site.toml has no title line to change")
	}
	setVersion := func(v int) {
		if err := os.WriteFile(filepath.Join(site, "site.toml"), []byte(versions[v]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var refs [2]map[string]string
	for v := range versions {
		setVersion(v)
		ref := fmt.Sprintf("ref-%d", v)
		if code, _, stderr := runGen(t, site, "build", "-destination", ref); code != 0 {
			t.Fatal(stderr)
		}
		refs[v] = snapshot(t, filepath.Join(site, ref))
	}
	setVersion(0)
	start := time.Now()
	if code, _, stderr := runGen(t, site, "build"); code != 0 {
		t.Fatal(stderr)
	}
	full := time.Since(start) // only to spread the random moments over a build
	public := filepath.Join(site, "public")

	seed := time.Now().UnixNano()
	rng := rand.New(rand.NewPCG(uint64(seed), 0))
	t.Logf("random moments: seed %d, a build takes about %v", seed, full)
	type trial struct {
		hook  string        // TDT_TEST_HOOK, see testhook_on.go
		delay time.Duration // when the test sends SIGINT, without hook
		code  int           // expected status with a hook
	}
	trials := []trial{
		{hook: "interrupt@before-commit", code: 130},
		{hook: "interrupt@swapped", code: 0},
		{hook: "interrupt@committed", code: 0},
		{hook: "interrupt@swapped", code: 0},
		{hook: "interrupt@before-commit", code: 130},
		{hook: "interrupt@committed", code: 0},
	}
	for range 12 {
		trials = append(trials, trial{delay: time.Duration(rng.Int64N(int64(full) * 11 / 10))})
	}
	current := 0
	outcomes := map[int]int{}
	for i, tr := range trials {
		target := 1 - current
		setVersion(target)
		var env []string
		if tr.hook != "" {
			env = []string{"TDT_TEST_HOOK=" + tr.hook}
		}
		cmd, stdout, stderr := startGen(t, site, env, "build")
		if tr.hook == "" {
			time.Sleep(tr.delay)
			cmd.Process.Signal(os.Interrupt)
		}
		code := exitCode(t, cmd)
		outcomes[code]++
		moment := tr.hook
		if moment == "" {
			moment = "SIGINT after " + tr.delay.String()
		}
		what := fmt.Sprintf("trial %d (%s): exit %d", i, moment, code)
		switch code {
		case 130:
			if !strings.Contains(stderr.String(), "construction interrompue : le site publié précédent est intact.\n") {
				t.Errorf("%s, stderr %q", what, stderr)
			}
			if d := sameTree(t, public, refs[current]); d != "" {
				t.Errorf("%s, says the previous site is intact, but %s", what, d)
			}
		case 0:
			if !strings.Contains(stdout.String(), "Site construit") {
				t.Errorf("%s, stdout %q", what, stdout)
			}
			if tr.hook != "" && !strings.Contains(stderr.String(), "interruption reçue après la mise en place : le nouveau site est publié dans public.\n") {
				t.Errorf("%s, stderr %q", what, stderr)
			}
			if d := sameTree(t, public, refs[target]); d != "" {
				t.Errorf("%s, says the new site is published, but %s", what, d)
			}
			current = target
		case -1:
			// Killed by the signal: before the handler was installed, or
			// after the build had finished and removed it (a rebuild that
			// keeps most pages is quick). Either way one whole site.
			if d := sameTree(t, public, refs[current]); d != "" {
				if sameTree(t, public, refs[target]) != "" {
					t.Errorf("%s (killed), public/ is neither site: %s", what, d)
				}
				current = target
			}
		default:
			t.Errorf("%s, stderr %q", what, stderr)
		}
		if tr.hook != "" && code != tr.code {
			t.Errorf("%s, want %d", what, tr.code)
		}
	}
	t.Logf("exit statuses (-1: killed before the handler was set or after it was removed): %v", outcomes)
	// Nothing left behind locks the next build out.
	setVersion(1 - current)
	if code, _, stderr := runGen(t, site, "build"); code != 0 {
		t.Fatalf("build after the interrupts: exit %d\n%s", code, stderr)
	}
	if d := sameTree(t, public, refs[1-current]); d != "" {
		t.Errorf("after the interrupts: %s", d)
	}
	if l := leftovers(t, site); len(l) > 0 {
		t.Errorf("left behind: %v", l)
	}
}

// TestBuildThroughSymlink: a destination that is a link (public ->
// releases/2026-11-27) stays a link, and its target gets the new site.
func TestBuildThroughSymlink(t *testing.T) {
	site := copySite(t)
	if code, _, stderr := runGen(t, site, "build", "-destination", "releases/2026-11-27"); code != 0 {
		t.Fatal(stderr)
	}
	want := snapshot(t, filepath.Join(site, "releases", "2026-11-27"))
	os.WriteFile(filepath.Join(site, "releases", "2026-11-27", "stale.html"), []byte("stale"), 0o644)
	if err := os.Symlink("releases/2026-11-27", filepath.Join(site, "public")); err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		if code, _, stderr := runGen(t, site, "build"); code != 0 {
			t.Fatalf("build %d: exit %d\n%s", i, code, stderr)
		}
		if target, err := os.Readlink(filepath.Join(site, "public")); err != nil || target != "releases/2026-11-27" {
			t.Fatalf("build %d: public/ is no longer the link: %q %v", i, target, err)
		}
		if d := sameTree(t, filepath.Join(site, "releases", "2026-11-27"), want); d != "" {
			t.Errorf("build %d: the link's target: %s", i, d)
		}
		if got := names(t, filepath.Join(site, "releases")); got != ".2026-11-27.record .2026-11-27.spare 2026-11-27" {
			t.Errorf("build %d: releases/ holds %s", i, got)
		}
		if l := leftovers(t, site); len(l) > 0 {
			t.Errorf("left behind: %v", l)
		}
	}
}

func names(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return strings.Join(out, " ")
}

// TestOldOutputCannotBeRemoved: the new site is published, a French
// warning says what is left and how to remove it, the status says the
// site is published, and the remains do not pile up. With a real
// immutable file (chattr +i, as root on ext4) when possible, and always
// with an injected permission error.
func TestOldOutputCannotBeRemoved(t *testing.T) {
	tests := []struct {
		name string
		lock func(t *testing.T, site string) // makes public/ hard to remove
		env  []string
	}{
		{name: "injected", lock: func(*testing.T, string) {}, env: []string{"TDT_TEST_HOOK=fail-remove"}},
		{name: "chattr", lock: func(t *testing.T, site string) {
			t.Cleanup(func() { exec.Command("chattr", "-R", "-i", site).Run() })
			if out, err := exec.Command("chattr", "+i", filepath.Join(site, "public", "css", "site.css")).CombinedOutput(); err != nil {
				t.Skipf("chattr +i is not possible here: %v %s", err, out)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := copySite(t)
			// Two versions of the site whose every page differs, so that
			// the tree recycled from the build before must be rewritten.
			setVersion, refs := twoVersions(t, site)
			if code, _, stderr := runGen(t, site, "build"); code != 0 {
				t.Fatal(stderr)
			}
			tt.lock(t, site)
			for i := range 3 {
				v := (i + 1) % 2
				setVersion(v)
				cmd, stdout, stderr := startGen(t, site, tt.env, "build")
				code := exitCode(t, cmd)
				wantLine := "attention : l'ancien site n'a pas pu être effacé entièrement (permission refusée) ; le nouveau site est bien publié dans "
				// The first build after the lock makes a new tree; the one
				// after it recycles the locked tree, cannot replace its
				// files, sets it aside and starts again.
				if i == 1 || (i == 2 && tt.name == "injected") {
					if code != 0 || !strings.HasPrefix(stderr.String(), wantLine) || strings.Count(stderr.String(), "\n") != 1 ||
						!strings.Contains(stderr.String(), "sudo rm -rf "+filepath.Join(site, ".public.old")) {
						t.Errorf("build %d: exit %d, stderr %q", i, code, stderr)
					}
				} else if code != 0 || stderr.Len() > 0 {
					t.Errorf("build %d: exit %d, stderr %q", i, code, stderr)
				}
				if !strings.Contains(stdout.String(), "Site construit") {
					t.Errorf("build %d: stdout %q", i, stdout)
				}
				if d := sameTree(t, filepath.Join(site, "public"), refs[v]); d != "" {
					t.Errorf("build %d: %s", i, d)
				}
				if l := leftovers(t, site); len(l) > 1 || (len(l) == 1 && l[0] != ".public.old") {
					t.Errorf("build %d: left behind %v", i, l)
				}
			}
		})
	}
}

// twoVersions returns a function that sets site.toml to one of two
// versions whose every page differs (the site's title is on each), and a
// snapshot of each version's output, built apart.
func twoVersions(t *testing.T, site string) (func(v int), [2]map[string]string) {
	t.Helper()
	config, err := os.ReadFile(filepath.Join(site, "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	versions := []string{string(config), strings.Replace(string(config), `title = "Terre de talents"`, `title = "Terre de talents bis"`, 1)}
	if versions[0] == versions[1] {
		t.Fatal("site.toml has no title line to change")
	}
	setVersion := func(v int) {
		if err := os.WriteFile(filepath.Join(site, "site.toml"), []byte(versions[v]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var refs [2]map[string]string
	for v := range versions {
		setVersion(v)
		ref := filepath.Join(t.TempDir(), "ref")
		if code, _, stderr := runGen(t, site, "build", "-destination", ref); code != 0 {
			t.Fatal(stderr)
		}
		refs[v] = snapshot(t, ref)
	}
	setVersion(0)
	return setVersion, refs
}

// TestDiskFull: a full disk is one French line, and the previous site is
// intact. With an injected error, and with a real small tmpfs when this
// test may mount one.
func TestDiskFull(t *testing.T) {
	const wantLine = "disque plein : le nouveau site n'a pas pu être écrit, le site publié précédent est intact dans "
	tests := []struct {
		name  string
		setup func(t *testing.T, site string) string // returns the destination
		fill  bool                                   // fill the disk after the first build
		env   []string
	}{
		{name: "injected", env: []string{"TDT_TEST_HOOK=disk-full"}, setup: func(t *testing.T, site string) string {
			return filepath.Join(site, "public")
		}},
		{name: "tmpfs", fill: true, setup: func(t *testing.T, site string) string {
			mnt := t.TempDir()
			if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mnt).CombinedOutput(); err != nil {
				t.Skipf("cannot mount a tmpfs: %v %s", err, out)
			}
			t.Cleanup(func() { exec.Command("umount", mnt).Run() })
			return filepath.Join(mnt, "public")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := copySite(t)
			setVersion, _ := twoVersions(t, site)
			dest := tt.setup(t, site)
			if code, _, stderr := runGen(t, site, "build", "-destination", dest); code != 0 {
				t.Fatal(stderr)
			}
			want := snapshot(t, dest)
			if tt.fill {
				fillDisk(t, filepath.Join(filepath.Dir(dest), "filler"))
			}
			// Every page changes (a rebuild writes only what changed).
			setVersion(1)
			cmd, stdout, stderr := startGen(t, site, tt.env, "build", "-destination", dest)
			code := exitCode(t, cmd)
			if code != 1 || stderr.String() != wantLine+dest+". Libérez de la place sur ce disque puis relancez.\n" || stdout.Len() > 0 {
				t.Errorf("exit %d, stdout %q, stderr %d lines:\n%.600s", code, stdout, strings.Count(stderr.String(), "\n"), stderr)
			}
			if d := sameTree(t, dest, want); d != "" {
				t.Errorf("previous site: %s", d)
			}
			entries, _ := os.ReadDir(filepath.Dir(dest))
			for _, e := range entries {
				if strings.HasPrefix(e.Name(), ".public.") {
					t.Errorf("left behind: %s", e.Name())
				}
			}
		})
	}
}

// fillDisk writes file until the disk is full, then frees 256 KB: room
// for a few pages, not for a site.
func fillDisk(t *testing.T, file string) {
	t.Helper()
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := make([]byte, 64<<10)
	size := int64(0)
	for {
		n, err := f.Write(chunk)
		size += int64(n)
		if err != nil {
			break
		}
	}
	if err := f.Truncate(max(size-256<<10, 0)); err != nil {
		t.Fatal(err)
	}
}

// TestBaseURLMustBeAbsolute: the same rules for -baseURL (a usage error)
// and for site.toml (an error at the value); nothing is published.
func TestBaseURLMustBeAbsolute(t *testing.T) {
	const fix = " ; donnez l'adresse complète du site publié, par exemple « https://terre-de-talents.fr/ »"
	tests := []struct {
		flag, toml string // one of them
		code       int
		want       string // a whole line of stderr
	}{
		{flag: "javascript:alert(1)//", code: 2, want: "-baseURL « javascript:alert(1)// » invalide : elle doit commencer par https:// (ou http://)" + fix + "."},
		{flag: "//evil.example/", code: 2, want: "-baseURL « //evil.example/ » invalide : elle doit commencer par https:// (ou http://)" + fix + "."},
		{flag: "https://", code: 2, want: "-baseURL « https:// » invalide : le nom de domaine manque après https://" + fix + "."},
		{toml: "//evil.example/", code: 1, want: "site.toml:4:11: baseURL « //evil.example/ » invalide : elle doit commencer par https:// (ou http://)" + fix},
		{toml: "javascript:alert(1)//", code: 1, want: "site.toml:4:11: baseURL « javascript:alert(1)// » invalide : elle doit commencer par https:// (ou http://)" + fix},
		{flag: "https://preprod.example/sous/", code: 0},
	}
	for _, tt := range tests {
		site := copySite(t)
		args := []string{"build"}
		if tt.flag != "" {
			args = append(args, "-baseURL", tt.flag)
		}
		if tt.toml != "" {
			config, _ := os.ReadFile(filepath.Join(site, "site.toml"))
			changed := regexp.MustCompile(`(?m)^baseURL = ".*"$`).ReplaceAllLiteralString(string(config), `baseURL = "`+tt.toml+`"`)
			if changed == string(config) || !strings.HasPrefix(strings.Split(changed, "\n")[3], "baseURL") {
				t.Fatal("site.toml has no baseURL on line 4")
			}
			os.WriteFile(filepath.Join(site, "site.toml"), []byte(changed), 0o644)
		}
		code, _, stderr := runGen(t, site, args...)
		if code != tt.code || (tt.want != "" && !strings.Contains(stderr, tt.want+"\n")) {
			t.Errorf("%q %q: exit %d, stderr %q; want %d and %q", tt.flag, tt.toml, code, stderr, tt.code, tt.want)
		}
		_, err := os.Stat(filepath.Join(site, "public"))
		if published := err == nil; published != (tt.code == 0) {
			t.Errorf("%q %q: public/ made = %v", tt.flag, tt.toml, published)
		}
		if tt.code == 0 {
			home, _ := os.ReadFile(filepath.Join(site, "public", "index.html"))
			if !strings.Contains(string(home), `href="https://preprod.example/sous/`) {
				t.Errorf("-baseURL not used")
			}
		}
	}
}

// TestPagesTheSiteHas builds a site without an "à propos", an
// accessibility statement or a legal notice: no page links to them (the
// 404 page included), and a company size written in words stays as
// written.
func TestPagesTheSiteHas(t *testing.T) {
	site := t.TempDir()
	writeArchive(t, site, txtar.Parse([]byte(`-- content/entreprises/fournil.md --
+++
title = "Le Fournil"
summary = "Boulangerie à Roubaix."
sectors = ["Alimentation"]
town = "Roubaix"
size = "12 salariés"
+++
-- content/entreprises/moulin.md --
+++
title = "Le Moulin"
summary = "Minoterie à Wattrelos."
sectors = ["Alimentation"]
town = "Wattrelos"
size = "10-49"
+++
`)))
	if code, _, stderr := runGen(t, site, "build"); code != 0 {
		t.Fatal(stderr)
	}
	for _, file := range []string{"404.html", "index.html", "entreprises/fournil/index.html"} {
		page, err := os.ReadFile(filepath.Join(site, "public", filepath.FromSlash(file)))
		if err != nil {
			t.Fatal(err)
		}
		for _, missing := range []string{`href="/a-propos/"`, `href="/accessibilite/"`, `href="/mentions-legales/"`} {
			if strings.Contains(string(page), missing) {
				t.Errorf("%s links to %s, a page the site does not have", file, missing)
			}
		}
	}
	for file, want := range map[string]string{"entreprises/fournil/index.html": "<dd>12 salariés</dd>", "entreprises/moulin/index.html": "<dd>10-49 salariés</dd>"} {
		page, _ := os.ReadFile(filepath.Join(site, "public", filepath.FromSlash(file)))
		if !strings.Contains(string(page), want) {
			t.Errorf("%s does not show %s", file, want)
		}
	}
}

// TestExampleSiteHasOneContactAddress: the footer (site.toml) and the
// pages of the example site give the employment house's one address.
func TestExampleSiteHasOneContactAddress(t *testing.T) {
	var cfg struct{ Organization struct{ Email string } }
	if _, err := toml.DecodeFile(filepath.Join("..", "site.toml"), &cfg); err != nil {
		t.Fatal(err)
	}
	contact := regexp.MustCompile(`\bcontact@[a-z0-9.-]+\.[a-z]+`)
	files, _ := filepath.Glob(filepath.Join("..", "content", "*.md"))
	for _, f := range files {
		data, _ := os.ReadFile(f)
		for _, addr := range contact.FindAllString(string(data), -1) {
			if addr != cfg.Organization.Email {
				t.Errorf("%s gives %s, the footer %s: write one address in both", f, addr, cfg.Organization.Email)
			}
		}
	}
}

// readICS reads an iCalendar file as RFC 5545 says: lines end with CRLF,
// a line starting with a space continues the previous one, no line is
// longer than 75 octets; it returns the components' properties.
func readICS(t *testing.T, data []byte) []map[string]string {
	t.Helper()
	text := string(data)
	if !strings.HasSuffix(text, "\r\n") || strings.Contains(strings.ReplaceAll(text, "\r\n", ""), "\n") {
		t.Fatal("lines must end with CRLF, and only there")
	}
	var lines []string
	for _, raw := range strings.Split(strings.TrimSuffix(text, "\r\n"), "\r\n") {
		if len(raw) > 75 {
			t.Errorf("line of %d octets: %q", len(raw), raw)
		}
		if !utf8.ValidString(raw) {
			t.Errorf("folding split a character: %q", raw)
		}
		if strings.HasPrefix(raw, " ") {
			lines[len(lines)-1] += raw[1:]
			continue
		}
		lines = append(lines, raw)
	}
	var comps []map[string]string
	var stack []string
	for _, l := range lines {
		name, value, ok := strings.Cut(l, ":")
		if !ok {
			t.Fatalf("no colon in %q", l)
		}
		switch name {
		case "BEGIN":
			stack = append(stack, value)
			comps = append(comps, map[string]string{"": value})
		case "END":
			if len(stack) == 0 || stack[len(stack)-1] != value {
				t.Fatalf("END:%s does not close %v", value, stack)
			}
			stack = stack[:len(stack)-1]
		default:
			comps[len(comps)-1][name] = value
		}
	}
	if len(stack) != 0 {
		t.Fatalf("unclosed %v", stack)
	}
	return comps
}

// unescapeICS reads a TEXT value back.
func unescapeICS(s string) string {
	return strings.NewReplacer(`\\`, `\`, `\;`, ";", `\,`, ",", `\n`, "\n").Replace(s)
}

// TestEvents checks the event pages end to end on the golden site, at
// SOURCE_DATE_EPOCH 2026-11-25: a job dating in March 2027 (winter time),
// an information day in June 2027 (a date, summer), a forum past in July
// 2026.
func TestEvents(t *testing.T) {
	out := buildGoldenSite(t)
	read := func(file string) string {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(file)))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}

	// Each event's iCalendar file, read back.
	comps := readICS(t, []byte(read("evenements/job-dating-soudure/evenement.ics")))
	var ev map[string]string
	for _, c := range comps {
		if c[""] == "VEVENT" {
			ev = c
		}
	}
	want := map[string]string{
		"DTSTART;TZID=Europe/Paris": "20270312T093000",
		"DTEND;TZID=Europe/Paris":   "20270312T123000",
		"UID":                       "evenements-job-dating-soudure@example.org",
		"DTSTAMP":                   "20261102T000000Z",
		"URL":                       "https://example.org/evenements/job-dating-soudure/",
		"CATEGORIES":                "job dating",
	}
	for k, v := range want {
		if ev[k] != v {
			t.Errorf("%s = %q, want %q", k, ev[k], v)
		}
	}
	if got := unescapeICS(ev["DESCRIPTION"]); got != `Rencontrez en dix minutes les ateliers qui recrutent des soudeurs, avec ou sans diplôme; apportez votre CV \ votre lettre.` {
		t.Errorf("DESCRIPTION reads back as %q", got)
	}
	tz := 0
	for _, c := range comps {
		if c[""] == "VTIMEZONE" && c["TZID"] == "Europe/Paris" {
			tz++
		}
	}
	if tz != 1 {
		t.Errorf("%d VTIMEZONE for Europe/Paris, want 1", tz)
	}

	// The calendar to subscribe to: the upcoming events, not the past one.
	var uids []string
	for _, c := range readICS(t, []byte(read("evenements/calendrier.ics"))) {
		if c[""] == "VEVENT" {
			uids = append(uids, c["UID"])
			if c["UID"] == "evenements-portes-ouvertes@example.org" && (c["DTSTART;VALUE=DATE"] != "20270619" || c["DTEND;VALUE=DATE"] != "20270620") {
				t.Errorf("a day-long event: %v", c)
			}
		}
	}
	if strings.Join(uids, " ") != "evenements-job-dating-soudure@example.org evenements-portes-ouvertes@example.org" {
		t.Errorf("calendrier.ics holds %v", uids)
	}

	// JSON-LD: an Event with the offset of each date in Paris.
	for file, times := range map[string][2]string{
		"evenements/job-dating-soudure/index.html": {"2027-03-12T09:30:00+01:00", "2027-03-12T12:30:00+01:00"},
		"evenements/forum-ete/index.html":          {"2026-07-04T10:00:00+02:00", ""},
	} {
		m := ldScript.FindStringSubmatch(read(file))
		if m == nil {
			t.Fatalf("%s: no JSON-LD", file)
		}
		var ld map[string]any
		if err := json.Unmarshal([]byte(m[1]), &ld); err != nil {
			t.Fatal(err)
		}
		end, _ := ld["endDate"].(string)
		loc, _ := ld["location"].(map[string]any)
		if ld["@type"] != "Event" || ld["startDate"] != times[0] || end != times[1] || loc["@type"] != "Place" || loc["address"] == nil || ld["organizer"] == nil {
			t.Errorf("%s: JSON-LD %v", file, ld)
		}
	}

	// Lists: soonest first, the past event out of every list but with its
	// page, marked as past.
	list := read("evenements/index.html")
	if i, j := strings.Index(list, "/evenements/job-dating-soudure/"), strings.Index(list, "/evenements/portes-ouvertes/"); i < 0 || j < i {
		t.Error("/evenements/ does not list the upcoming events soonest first")
	}
	for _, file := range []string{"evenements/index.html", "index.html", "competences/index.html", "communes/tourcoing/index.html", "entreprises/atelier/index.html", "formations/soudeur/index.html", "sitemap.xml"} {
		if strings.Contains(read(file), "/evenements/forum-ete/") && file != "sitemap.xml" {
			t.Errorf("%s lists the past event", file)
		}
	}
	if !strings.Contains(read("evenements/forum-ete/index.html"), "Cet événement est passé.") {
		t.Error("the past event's page does not say it is past")
	}
	if strings.Contains(read("evenements/forum-ete/index.html"), "evenement.ics") {
		t.Error("a past event still offers to add it to a calendar")
	}
	for _, file := range []string{"index.html", "entreprises/atelier/index.html", "formations/soudeur/index.html", "competences/soudure/index.html"} {
		if !strings.Contains(read(file), `href="/evenements/job-dating-soudure/"`) {
			t.Errorf("%s does not announce the job dating", file)
		}
	}
	// The event's page: its call to action, and its calendar file.
	page := read("evenements/job-dating-soudure/index.html")
	for _, w := range []string{`<a class="button" href="https://inscription.example/job-dating-soudure?source=site&amp;amp=1">S&#39;inscrire</a>`, `href="/evenements/job-dating-soudure/evenement.ics"`} {
		if !strings.Contains(page, w) && !strings.Contains(page, strings.ReplaceAll(w, "&#39;", "'")) {
			t.Errorf("the event page lacks %s", w)
		}
	}
	if !strings.Contains(read("evenements/portes-ouvertes/index.html"), `href="mailto:contact@cfa.example"`) {
		t.Error("an email registration is not a mailto: link")
	}
}

// TestOffers checks the job offers of the golden site end to end, at
// SOURCE_DATE_EPOCH 2026-11-25: an open CDI, an expired CDD, an open
// apprenticeship in another town with its own apply link.
func TestOffers(t *testing.T) {
	out := buildGoldenSite(t)
	read := func(file string) string {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(file)))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	const offer = "entreprises/atelier/offres/soudeur-soudeuse-tig/index.html"
	m := ldScript.FindStringSubmatch(read(offer))
	if m == nil {
		t.Fatal("no JSON-LD on the offer page")
	}
	var jp struct {
		Type               string   `json:"@type"`
		Title              string   `json:"title"`
		Description        string   `json:"description"`
		DatePosted         string   `json:"datePosted"`
		ValidThrough       string   `json:"validThrough"`
		EmploymentType     []string `json:"employmentType"`
		HiringOrganization struct {
			Name, Logo, SameAs string
		} `json:"hiringOrganization"`
		JobLocation struct {
			Type    string `json:"@type"`
			Address struct {
				AddressLocality, StreetAddress, AddressCountry string
			} `json:"address"`
		} `json:"jobLocation"`
		OccupationalCategory string `json:"occupationalCategory"`
		URL                  string `json:"url"`
	}
	if err := json.Unmarshal([]byte(m[1]), &jp); err != nil {
		t.Fatal(err)
	}
	checks := map[string][2]string{
		"@type":          {jp.Type, "JobPosting"},
		"title":          {jp.Title, "Soudeur / soudeuse <TIG>"},
		"description":    {jp.Description, `Assemblage "inox" & acier, en atelier.`},
		"datePosted":     {jp.DatePosted, "2026-11-10"},
		"validThrough":   {jp.ValidThrough, "2027-01-30T23:59:59+01:00"},
		"employmentType": {strings.Join(jp.EmploymentType, ","), "FULL_TIME"},
		"org name":       {jp.HiringOrganization.Name, "Atelier <Lainier> & fils"},
		"org logo":       {jp.HiringOrganization.Logo, "https://example.org/entreprises/atelier/logo.svg"},
		"org sameAs":     {jp.HiringOrganization.SameAs, "https://atelier.example"},
		"location type":  {jp.JobLocation.Type, "Place"},
		"locality":       {jp.JobLocation.Address.AddressLocality, "Roubaix"},
		"street":         {jp.JobLocation.Address.StreetAddress, "12 rue de l'Épeule, 59100 Roubaix"},
		"country":        {jp.JobLocation.Address.AddressCountry, "FR"},
		"rome":           {jp.OccupationalCategory, "H2913"},
		"url":            {jp.URL, "https://example.org/" + strings.TrimSuffix(offer, "index.html")},
	}
	for name, c := range checks {
		if c[0] != c[1] {
			t.Errorf("JobPosting %s = %q, want %q", name, c[0], c[1])
		}
	}
	page := read(offer)
	if !strings.Contains(page, `<a class="button" href="mailto:recrutement@atelier.example">Postuler par courriel</a>`) {
		t.Error("the offer has no apply button defaulting to the company's contact")
	}
	if !strings.Contains(read("entreprises/atelier/offres/apprenti-mecanicien/index.html"), `<a class="button" href="https://atelier.example/apprentissage">Postuler</a>`) {
		t.Error("an offer's own apply link is not its button")
	}

	// The expired offer is nowhere: no page, no list, no feed, no search,
	// no open data.
	if _, err := os.Stat(filepath.Join(out, "entreprises", "atelier", "offres", "tisserand-offre-pourvue")); err == nil {
		t.Error("the expired offer has a page")
	}
	err := filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, _ := os.ReadFile(path)
		if strings.Contains(string(data), "Tisserand") || strings.Contains(string(data), "tisserand") {
			t.Errorf("%s mentions the expired offer", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	// Lists: /offres/ newest first, the company page, the skill page, the
	// home, the feed; the company hires because it has an open offer.
	list := read("offres/index.html")
	if i, j := strings.Index(list, "/soudeur-soudeuse-tig/"), strings.Index(list, "/apprenti-mecanicien/"); i < 0 || j < i {
		t.Error("/offres/ does not list the open offers newest first")
	}
	for _, file := range []string{"entreprises/atelier/index.html", "competences/soudure/index.html", "index.html", "offres/index.xml"} {
		if !strings.Contains(read(file), "/entreprises/atelier/offres/soudeur-soudeuse-tig/") {
			t.Errorf("%s does not list the open offer", file)
		}
	}

	// Calls to action on every page kind that has one.
	for file, want := range map[string]string{
		"entreprises/atelier/index.html": `<a class="button" href="mailto:recrutement@atelier.example">Candidater</a>`,
		"formations/soudeur/index.html":  `<a class="button" href="https://campus.example/inscription?formation=soudeur&amp;session=2027">S&#39;inscrire</a>`,
		"reussites/sabrina/index.html":   `<h2 id="et-vous">Et vous ?</h2>`,
	} {
		page := read(file)
		if !strings.Contains(page, want) && !strings.Contains(page, strings.ReplaceAll(want, "&#39;", "'")) {
			t.Errorf("%s lacks %s", file, want)
		}
	}
	if !strings.Contains(read("entreprises/atelier/index.html"), `href="tel:&#43;33320000000"`) {
		t.Error("the company's phone is not a tel: link")
	}
	story := read("reussites/sabrina/index.html")
	if !strings.Contains(story, "Prochaine session le 11 janvier 2027") || !strings.Contains(story, "/entreprises/atelier/offres/soudeur-soudeuse-tig/") {
		t.Error("« Et vous ? » lacks the training's next session or the offers on its skills")
	}
	if !strings.Contains(read("competences/soudure/index.html"), "présentiel · CPF") {
		t.Error("a training card does not show its mode and CPF")
	}
}
