package load

import (
	"strings"
	"testing"
	"testing/fstest"

	"terredetalents/generator/diag"
)

func TestCheckSVG(t *testing.T) {
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">`
	tests := []struct {
		name    string
		in      string
		problem string // substring of the message, "" when the image is fine
		offset  int    // where the problem is, when there is one
	}{
		{"drawing", svg + `<title>Logo</title><rect width="10" height="10" fill="#1f4e79"/></svg>`, "", 0},
		{"declaration and doctype", `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">` + "\n" + svg + `</svg>`, "", 0},
		{"fragments and gradients", svg + `<defs><linearGradient id="g"/></defs><rect fill="url(#g)" style="fill: url( '#g' )"/><use href="#g"/><use xlink:href="#g"/></svg>`, "", 0},
		{"embedded raster image", svg + `<image href="data:image/png;base64,iVBORw0KGgo="/></svg>`, "", 0},
		{"Inkscape namespaces", `<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" inkscape:version="1.3"><g inkscape:label="Calque 1"/></svg>`, "", 0},
		{"style sheet with a fragment", svg + `<style>.a{fill:url(#g)}</style></svg>`, "", 0},

		{"script", svg + `<script>alert(document.domain)</script></svg>`, "un script (<script>)", len(svg)},
		{"script in CDATA", svg + "\n  <script><![CDATA[alert(1)]]></script></svg>", "un script", len(svg) + 3},
		{"XHTML script", svg + `<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script></svg>`, "un script", len(svg)},
		{"XHTML element", svg + `<h:img xmlns:h="http://www.w3.org/1999/xhtml"/></svg>`, "un élément HTML <img>", len(svg)},
		{"event handler", svg + `<rect onload="alert(1)"/></svg>`, "gestionnaire d'évènement (onload=…)", len(svg)},
		{"event handler on the root", `<svg xmlns="http://www.w3.org/2000/svg" OnLoad="alert(1)"></svg>`, "gestionnaire d'évènement (OnLoad=…)", 0},
		{"foreignObject", svg + `<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject></svg>`, "<foreignObject>", len(svg)},
		{"javascript link", svg + `<a href="javascript:alert(1)"><text>x</text></a></svg>`, "javascript:", len(svg)},
		{"javascript with entities and spaces", svg + `<a xlink:href=" jav&#x61;&#9;script:alert(1)"><text>x</text></a></svg>`, "javascript:", len(svg)},
		{"animated link", svg + `<a><set attributeName="href" to="https://evil.example/"/></a></svg>`, "animation", len(svg) + 3},
		{"external image", svg + `<image href="https://evil.example/pixel.png"/></svg>`, "fichier extérieur (href=« https://evil.example/pixel.png »)", len(svg)},
		{"external xlink", svg + `<use xlink:href="autre.svg#x"/></svg>`, "fichier extérieur (xlink:href=« autre.svg#x »)", len(svg)},
		{"SVG as data", svg + `<use href="data:image/svg+xml;base64,PHN2Zz4="/></svg>`, "fichier extérieur", len(svg)},
		{"external CSS url", svg + `<rect style="fill:url(https://evil.example/a.svg#g)"/></svg>`, "fichier extérieur (url(https://evil.example/a.svg#g))", len(svg)},
		{"external url in a presentation attribute", svg + `<rect filter="url(//evil.example/f.svg#f)"/></svg>`, "fichier extérieur", len(svg)},
		{"external url in a style sheet", svg + `<style>rect{background:url("https://evil.example/")}</style></svg>`, "fichier extérieur", len(svg) + 7},
		{"CSS import", svg + `<style>@import "https://evil.example/a.css";</style></svg>`, "@import", len(svg) + 7},
		{"CSS escape", svg + `<style>rect{fill:\75 rl(https://evil.example/)}</style></svg>`, "échappés", len(svg) + 7},
		{"entity declarations", `<!DOCTYPE svg [<!ENTITY x "&#60;script&#62;">]>` + svg + `</svg>`, "entités", 0},
		{"XSLT style sheet", `<?xml-stylesheet type="text/xsl" href="https://evil.example/x.xsl"?>` + svg + `</svg>`, "<?xml-stylesheet", 0},
		{"HTML named .svg", `<html><body><script>alert(1)</script></body></html>`, "n'est pas une image SVG (il commence par <html>)", 0},
		{"not XML", `<svg><rect></svg>`, "illisible", 17},
		{"empty", ``, "aucun élément <svg>", 0},
		{"Latin-1 declaration", `<?xml version="1.0" encoding="ISO-8859-1"?><svg/>`, "illisible", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			off, problem := CheckSVG([]byte(tt.in))
			if tt.problem == "" {
				if problem != "" {
					t.Errorf("refused at %d: %s", off, problem)
				}
				return
			}
			if !strings.Contains(problem, tt.problem) || (off != tt.offset && tt.name != "Latin-1 declaration") {
				t.Errorf("problem %q at %d; want %q at %d", problem, off, tt.problem, tt.offset)
			}
		})
	}
}

func TestBundlePublishesImagesAndDocumentsOnly(t *testing.T) {
	site := fstest.MapFS{
		"content/entreprises/atelier/index.md":        {Data: []byte("+++\n")},
		"content/entreprises/atelier/logo.svg":        {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`)},
		"content/entreprises/atelier/photo.JPG":       {Data: []byte("jpg")},
		"content/entreprises/atelier/plaquette.pdf":   {Data: []byte("%PDF-1.7")},
		"content/entreprises/atelier/img/plan.webp":   {Data: []byte("webp")},
		"content/entreprises/atelier/index.html":      {Data: []byte("<h1>remplacée</h1>")},
		"content/entreprises/atelier/vol.js":          {Data: []byte("alert(1)")},
		"content/entreprises/atelier/page.html":       {Data: []byte("<script>alert(1)</script>")},
		"content/entreprises/atelier/notes.txt":       {Data: []byte("notes")},
		"content/entreprises/atelier/piege.svg":       {Data: []byte("<svg xmlns=\"http://www.w3.org/2000/svg\">\n<script>alert(1)</script></svg>")},
		"content/entreprises/atelier/img/index.html":  {Data: []byte("<h1>x</h1>")},
		"content/entreprises/atelier/sans-extension":  {Data: []byte("x")},
		"content/entreprises/atelier/icone.svg.html":  {Data: []byte("x")},
		"content/entreprises/atelier/.cache/vol.html": {Data: []byte("ignored, hidden")},
	}
	var diags diag.List
	files := Content(site, &diags)
	if len(files) != 1 {
		t.Fatalf("files %v", files)
	}
	if got, want := strings.Join(files[0].Resources, ","), "img/plan.webp,logo.svg,photo.JPG,plaquette.pdf"; got != want {
		t.Errorf("resources %s, want %s", got, want)
	}
	var got []string
	for _, d := range diags.Items() {
		got = append(got, d.Pos.String()+" "+d.Severity.String()+" "+d.Code)
	}
	want := []string{
		"content/entreprises/atelier/icone.svg.html:1:1 error forbidden-file",
		"content/entreprises/atelier/img/index.html:1:1 error forbidden-file",
		"content/entreprises/atelier/index.html:1:1 error forbidden-file",
		"content/entreprises/atelier/notes.txt:1:1 error forbidden-file",
		"content/entreprises/atelier/page.html:1:1 error forbidden-file",
		"content/entreprises/atelier/piege.svg:2:1 error unsafe-svg",
		"content/entreprises/atelier/sans-extension:1:1 error forbidden-file",
		"content/entreprises/atelier/vol.js:1:1 error forbidden-file",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
