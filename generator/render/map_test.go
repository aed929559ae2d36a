package render

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"terredetalents/generator/content"
	"terredetalents/themes"
)

// townSite is a site whose towns have n companies each.
func townSite(counts map[string]int) *content.Site {
	tax := &content.Taxonomy{Field: "town", URL: "/communes/", URLs: map[string]string{}}
	for name, n := range counts {
		term := &content.Term{Name: name, URL: "/communes/" + content.Slugify(name) + "/"}
		g := content.TermGroup{Section: content.Companies}
		for range n {
			g.Pages = append(g.Pages, &content.Page{})
		}
		term.Groups = []content.TermGroup{g}
		tax.Terms = append(tax.Terms, term)
		tax.URLs[name] = term.URL
	}
	return &content.Site{Taxonomies: []*content.Taxonomy{tax}}
}

func TestCommuneMap(t *testing.T) {
	communes, err := loadCommunes(Layers{themes.Default()})
	if err != nil || len(communes) < 12 {
		t.Fatalf("%d communes in the theme: %v", len(communes), err)
	}
	site := townSite(map[string]int{"Roubaix": 8, "Lannoy": 1, "Lys-lez-Lannoy": 3, "Bondues": 2})
	rel := func(u string) string { return "/base" + u }
	draw := mapFunc(site, communes, defaultTranslations(t), rel)
	m, err := draw()
	if err != nil || m == nil {
		t.Fatalf("no map: %v", err)
	}
	svg := string(m.SVG)
	for _, want := range []string{
		`<a href="/base/communes/roubaix/" aria-label="Roubaix : 8 entreprises" class="map-level-4">`,
		`<a href="/base/communes/lannoy/" aria-label="Lannoy : 1 entreprise" class="map-level-1">`,
		`<g class="map-empty"><circle`, // a commune of the data without pages: no link
	} {
		if !strings.Contains(svg, want) {
			t.Errorf("the map lacks %s", want)
		}
	}
	if strings.Contains(svg, "Bondues") || strings.Contains(svg, "http") || strings.Contains(svg, "<script") {
		t.Errorf("the map draws a town it cannot place, or refers to another site:\n%s", svg)
	}
	for _, town := range m.Towns {
		if town.OnMap == (town.Name == "Bondues") {
			t.Errorf("%s: on the map %v", town.Name, town.OnMap)
		}
	}
	if again, _ := mapFunc(site, communes, defaultTranslations(t), rel)(); again.SVG != m.SVG {
		t.Error("two builds draw different maps")
	}

	// No two circles overlap, although Lannoy lies within a few hundred
	// metres of Lys-lez-Lannoy.
	re := regexp.MustCompile(`<circle cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"`)
	var circles [][3]float64
	for _, c := range re.FindAllStringSubmatch(svg, -1) {
		x, _ := strconv.ParseFloat(c[1], 64)
		y, _ := strconv.ParseFloat(c[2], 64)
		r, _ := strconv.ParseFloat(c[3], 64)
		circles = append(circles, [3]float64{x, y, r})
	}
	if len(circles) != len(communes) {
		t.Fatalf("%d circles for %d communes", len(circles), len(communes))
	}
	for i, a := range circles {
		for _, b := range circles[i+1:] {
			if d := math.Hypot(a[0]-b[0], a[1]-b[1]); d < a[2]+b[2] {
				t.Errorf("circles at %v and %v overlap", a, b)
			}
		}
	}

	// Tourcoing is north of Roubaix, Wattrelos east, Villeneuve-d'Ascq south.
	pos := map[string][2]float64{}
	for _, c := range communes {
		pos[c.Name] = [2]float64{c.Lon, c.Lat}
	}
	r, tc, w, v := pos["Roubaix"], pos["Tourcoing"], pos["Wattrelos"], pos["Villeneuve-d'Ascq"]
	if !(tc[1] > r[1] && w[0] > r[0] && v[1] < r[1]) {
		t.Errorf("positions out of place: Roubaix %v, Tourcoing %v, Wattrelos %v, Villeneuve-d'Ascq %v", r, tc, w, v)
	}
}

func TestCommuneMapWithoutData(t *testing.T) {
	m, err := mapFunc(townSite(map[string]int{"Roubaix": 1}), nil, defaultTranslations(t), func(u string) string { return u })()
	if m != nil || err != nil {
		t.Errorf("a theme without positions drew %v (%v)", m, err)
	}
}
