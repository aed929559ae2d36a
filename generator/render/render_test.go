package render

import (
	"strings"
	"testing"
	"time"

	"terredetalents/generator/content"
)

func TestFrenchDate(t *testing.T) {
	tr := defaultTranslations(t)
	tests := []struct {
		y    int
		m    time.Month
		d    int
		want string
	}{
		{2027, time.January, 1, "1er janvier 2027"},
		{2026, time.August, 15, "15 août 2026"},
		{2026, time.December, 31, "31 décembre 2026"},
	}
	for _, tt := range tests {
		if got := tr.date(content.Date{Time: time.Date(tt.y, tt.m, tt.d, 0, 0, 0, 0, time.UTC)}); got != tt.want {
			t.Errorf("date = %q, want %q", got, tt.want)
		}
	}
	if got := tr.date(content.Date{}); got != "" {
		t.Errorf("no date gave %q", got)
	}
}

func TestSplitBase(t *testing.T) {
	tests := []struct{ base, origin, path string }{
		{"https://terre-de-talents.fr/", "https://terre-de-talents.fr", "/"},
		{"https://x.github.io/terre", "https://x.github.io", "/terre/"},
		{"/", "", "/"},
		{"/sous-dossier/", "", "/sous-dossier/"},
	}
	for _, tt := range tests {
		o, p := splitBase(tt.base)
		if o != tt.origin || p != tt.path {
			t.Errorf("splitBase(%q) = %q, %q; want %q, %q", tt.base, o, p, tt.origin, tt.path)
		}
	}
}

func TestFileOf(t *testing.T) {
	for url, want := range map[string]string{
		"/":                   "index.html",
		"/entreprises/x/":     "entreprises/x/index.html",
		"/404.html":           "404.html",
		"/ancienne/page.html": "ancienne/page.html",
	} {
		if got := fileOf(url); got != want {
			t.Errorf("fileOf(%q) = %q, want %q", url, got, want)
		}
	}
}

func TestLowerFirst(t *testing.T) {
	for in, want := range map[string]string{
		"Développeuse web": "développeuse web",
		"DRH":              "DRH",
		"Électricien":      "électricien",
		"":                 "",
	} {
		if got := lowerFirst(in); got != want {
			t.Errorf("lowerFirst(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPaginate(t *testing.T) {
	pages := make([]*content.Page, 25)
	got := paginate(pages, 12)
	if len(got) != 3 || len(got[0]) != 12 || len(got[2]) != 1 {
		t.Errorf("25 pages by 12 gave %d lists", len(got))
	}
	if got := paginate(nil, 12); len(got) != 1 || len(got[0]) != 0 {
		t.Errorf("an empty section must still have its first list page, got %d", len(got))
	}
	p := pager("/reussites/", 2, 3)
	if p.Prev != "/reussites/" || p.Next != "/reussites/page/3/" || len(p.Pages) != 3 {
		t.Errorf("pager = %+v", p)
	}
	var titles []string
	for _, c := range pager("/reussites/", 10, 200).Pages {
		titles = append(titles, c.Title)
	}
	if got := strings.Join(titles, " "); got != "1 … 8 9 10 11 12 … 200" {
		t.Errorf("pager window of page 10 of 200 = %s", got)
	}
}
