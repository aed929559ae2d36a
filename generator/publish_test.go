package main

import (
	"encoding/json"
	"encoding/xml"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

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
	if listed["/entreprises/atelier/"] != "2026-03-14" {
		t.Errorf("lastmod of the company = %q, want its date", listed["/entreprises/atelier/"])
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
		{"index.xml", []string{"/reussites/piege/", "/reussites/sabrina/", "/reussites/karim/", "/entreprises/atelier/", "/reussites/ines/", "/formations/soudeur/"}},
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
	for _, name := range []string{"entreprises", "formations", "reussites"} {
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
				if _, ok := v.(string); !ok {
					t.Errorf("%s: not a string", path)
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
