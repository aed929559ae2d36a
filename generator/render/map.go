package render

import (
	"errors"
	"fmt"
	"html"
	"io/fs"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"

	"terredetalents/generator/content"
	template "terredetalents/generator/render/internal/htmltemplate"
)

// The map of the communes is drawn at build time as inline SVG: no tiles,
// no script, no request to another site. Official boundaries are not to be
// had here, so it is schematic: one circle per commune at its centre
// (approximate positions kept in the theme's data/communes.toml), shaded by
// how many companies, trainings and stories it has, each a link to its page.

// communesFile holds the positions, in the theme (a site may override it).
const communesFile = "data/communes.toml"

// mapCommune is one commune of communesFile.
type mapCommune struct {
	Name  string  `toml:"name"`
	Lat   float64 `toml:"lat"`
	Lon   float64 `toml:"lon"`
	Label string  `toml:"label"` // where its name goes: right, left, above, below
}

// CommuneMap is what the map partial shows: the drawing and its text
// equivalent.
type CommuneMap struct {
	SVG    template.HTML
	Towns  []MapTown  // every town of the site, in the taxonomy's order
	Legend []MapLevel // the shades, lightest first
}

// MapTown is one town of the site with what it has.
type MapTown struct {
	Name, URL string
	Counts    map[string]int // pages of each section in the town
	Level     int            // shade, 1 to len(Legend); 0 without pages
	OnMap     bool           // false when communesFile does not place it
}

// MapLevel is one shade of the legend: towns with From to To pages.
type MapLevel struct {
	Level, From, To int
}

const mapLevels = 4

// loadCommunes reads communesFile from the layers; without one, the site
// has no map.
func loadCommunes(layers Layers) ([]mapCommune, error) {
	data, err := layers.ReadFile(communesFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s : %w", communesFile, err)
	}
	var f struct {
		Commune []mapCommune `toml:"commune"`
	}
	if _, err := toml.Decode(string(data), &f); err != nil {
		return nil, fmt.Errorf("%s : %v", communesFile, err)
	}
	for _, c := range f.Commune {
		if c.Name == "" || c.Lat < -90 || c.Lat > 90 || c.Lon < -180 || c.Lon > 180 || c.Lat == 0 && c.Lon == 0 {
			return nil, fmt.Errorf("%s : la commune « %s » doit avoir un nom (name), une latitude (lat) et une longitude (lon)", communesFile, c.Name)
		}
	}
	return f.Commune, nil
}

// mapFunc is the template function communeMap: the map is drawn once per
// build, when a page first shows it.
func mapFunc(site *content.Site, communes []mapCommune, tr *Translations, rel func(string) string) func() (*CommuneMap, error) {
	var once sync.Once
	var m *CommuneMap
	var err error
	return func() (*CommuneMap, error) {
		once.Do(func() {
			label := func(t MapTown) string {
				parts := []string{}
				for _, d := range content.Sections() {
					c := struct {
						key string
						n   int
					}{"map_" + d.Name, t.Counts[d.Name]}
					if c.n == 0 {
						continue
					}
					s, e := tr.tn(c.key, c.n)
					if e != nil {
						err = e
					}
					parts = append(parts, html.UnescapeString(string(s)))
				}
				return t.Name + " : " + strings.Join(parts, ", ")
			}
			m = communeMap(site, communes, rel, label)
		})
		return m, err
	}
}

// communeMap draws the map of site's towns, or returns nil when the site
// has no town or no positions. label names a town's link for screen
// readers ("Roubaix : 3 entreprises, 1 formation").
func communeMap(site *content.Site, communes []mapCommune, rel func(string) string, label func(MapTown) string) *CommuneMap {
	tax := site.Taxonomy("town")
	if tax == nil || len(tax.Terms) == 0 || len(communes) == 0 {
		return nil
	}
	m := &CommuneMap{}
	byURL := map[string]int{}
	most := 0
	for _, t := range tax.Terms {
		town := MapTown{Name: t.Name, URL: t.URL, Counts: map[string]int{}}
		for _, g := range t.Groups {
			// An offer is counted through its company, not twice.
			if d := content.SectionNamed(g.Section); d != nil && d.DerivedFrom == "" {
				town.Counts[g.Section] = len(g.Pages)
			}
		}
		most = max(most, town.total())
		byURL[t.URL] = len(m.Towns)
		m.Towns = append(m.Towns, town)
	}
	if most == 0 {
		return nil
	}
	// Shades split the counts into equal steps up to the busiest town.
	for l := 1; l <= mapLevels; l++ {
		from, to := (most*(l-1))/mapLevels+1, (most*l)/mapLevels
		if from <= to {
			m.Legend = append(m.Legend, MapLevel{Level: len(m.Legend) + 1, From: from, To: to})
		}
	}
	for i := range m.Towns {
		for _, lv := range m.Legend {
			if n := m.Towns[i].total(); n >= lv.From && n <= lv.To {
				m.Towns[i].Level = lv.Level
			}
		}
	}

	// Equirectangular projection around the area's mean latitude: at this
	// scale (15 km) it keeps distances within a fraction of a percent.
	const scale = 2600.0 // SVG units per degree of latitude
	const r = 11.0       // circle radius
	const font = 16.0
	var lat0 float64
	for _, c := range communes {
		lat0 += c.Lat
	}
	lat0 /= float64(len(communes))
	k := math.Cos(lat0 * math.Pi / 180)
	type spot struct {
		c    mapCommune
		x, y float64
		town *MapTown
	}
	spots := make([]spot, len(communes))
	for i, c := range communes {
		spots[i] = spot{c: c, x: c.Lon * k * scale, y: -c.Lat * scale}
		if j, ok := byURL[site.TermURL("town", c.Name)]; ok {
			spots[i].town = &m.Towns[j]
			m.Towns[j].OnMap = true
		}
	}
	// Neighbours closer than two circles (Lannoy sits inside Lys-lez-Lannoy
	// and Hem) are pushed apart a little, the same way on every build.
	for range 40 {
		for i := range spots {
			for j := i + 1; j < len(spots); j++ {
				dx, dy := spots[j].x-spots[i].x, spots[j].y-spots[i].y
				d := math.Hypot(dx, dy)
				if need := 2*r + 3; d < need {
					if d == 0 {
						dx, dy, d = 1, 0, 1
					}
					push := (need - d) / 2
					spots[i].x -= dx / d * push
					spots[i].y -= dy / d * push
					spots[j].x += dx / d * push
					spots[j].y += dy / d * push
				}
			}
		}
	}
	// Labels: estimated width, then the bounds of everything drawn.
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	grow := func(x0, y0, x1, y1 float64) {
		minX, minY, maxX, maxY = min(minX, x0), min(minY, y0), max(maxX, x1), max(maxY, y1)
	}
	type text struct {
		x, y   float64
		anchor string
	}
	texts := make([]text, len(spots))
	for i, s := range spots {
		// Estimated width: links are bold, other names regular.
		em := 0.6
		if s.town != nil && s.town.total() > 0 {
			em = 0.68
		}
		w := float64(len([]rune(s.c.Name))) * font * em
		grow(s.x-r, s.y-r, s.x+r, s.y+r)
		switch s.c.Label {
		case "left":
			texts[i] = text{s.x - r - 4, s.y + font*0.35, "end"}
			grow(s.x-r-4-w, s.y-font/2, s.x, s.y+font/2)
		case "above":
			texts[i] = text{s.x, s.y - r - 5, "middle"}
			grow(s.x-w/2, s.y-r-5-font, s.x+w/2, s.y)
		case "below":
			texts[i] = text{s.x, s.y + r + font, "middle"}
			grow(s.x-w/2, s.y, s.x+w/2, s.y+r+font+4)
		default:
			texts[i] = text{s.x + r + 4, s.y + font*0.35, "start"}
			grow(s.x, s.y-font/2, s.x+r+4+w, s.y+font/2)
		}
	}
	const pad = 6
	minX, minY = minX-pad, minY-pad
	width, height := maxX+pad-minX, maxY+pad-minY
	num := func(f float64) string { return strconv.FormatFloat(math.Round(f*10)/10, 'f', -1, 64) }

	var b strings.Builder
	esc := template.HTMLEscapeString
	fmt.Fprintf(&b, `<svg class="map-svg" viewBox="0 0 %s %s" width="%s" height="%s" font-size="%s">`,
		num(width), num(height), num(width), num(height), num(font))
	for i, s := range spots {
		x, y := num(s.x-minX), num(s.y-minY)
		t := texts[i]
		name := fmt.Sprintf(`<text x="%s" y="%s" text-anchor="%s">%s</text>`, num(t.x-minX), num(t.y-minY), t.anchor, esc(s.c.Name))
		if s.town == nil || s.town.total() == 0 {
			fmt.Fprintf(&b, `<g class="map-empty"><circle cx="%s" cy="%s" r="%s"/>%s</g>`, x, y, num(r), name)
			continue
		}
		fmt.Fprintf(&b, `<a href="%s" aria-label="%s" class="map-level-%d"><circle cx="%s" cy="%s" r="%s"/>%s</a>`,
			esc(rel(s.town.URL)), esc(label(*s.town)), s.town.Level, x, y, num(r), name)
	}
	b.WriteString(`</svg>`)
	m.SVG = template.HTML(b.String())
	return m
}

func (t MapTown) total() int {
	n := 0
	for _, c := range t.Counts {
		n += c
	}
	return n
}

// Count is the number of pages of a section in the town.
func (t MapTown) Count(section string) int { return t.Counts[section] }

// Total is the number of pages the town has on the map.
func (t MapTown) Total() int { return t.total() }
