package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// pageKinds are one page of each kind of the example site.
var pageKinds = map[string]string{
	"accueil":    "/",
	"entreprise": "/entreprises/atelier-lainier-du-nord/",
	"formation":  "/formations/developpeur-web-et-web-mobile/",
	"reussite":   "/reussites/ines-cheffe-de-projet-web/",
	"page":       "/accessibilite/",
	"liste":      "/reussites/",
	"liste-2":    "/reussites/page/2/",
	"index":      "/competences/",
	"communes":   "/communes/",
	"plan":       "/plan-du-site/",
	"competence": "/competences/soudure/",
	"commune":    "/communes/roubaix/",
	"engagement": "/engagements/alternance/",
	"recherche":  "/recherche/?q=soudeuse",
	"404":        "/404.html",
	"evenement":  "/evenements/information-collective-soudure/",
	"evenements": "/evenements/",
	"offre":      "/entreprises/chaudronnerie-du-canal/offres/soudeur-soudeuse-tig-mig/",
	"offres":     "/offres/",
}

func gzipSize(t *testing.T, data []byte) int {
	var b bytes.Buffer
	z, _ := gzip.NewWriterLevel(&b, gzip.DefaultCompression)
	z.Write(data)
	z.Close()
	return b.Len()
}

// TestPageWeight: no page weighs more than 30 KB of HTML, CSS and script,
// gzip-compressed, before images.
func TestPageWeight(t *testing.T) {
	site := copySite(t)
	if code, _, stderr := runGen(t, site, "build"); code != 0 {
		t.Fatal(stderr)
	}
	out := filepath.Join(site, "public")
	read := func(rel string) []byte {
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	css := gzipSize(t, read("css/site.css"))
	heaviest, which := 0, ""
	for kind, url := range pageKinds {
		file := strings.TrimPrefix(strings.Split(url, "?")[0], "/")
		if file == "" || strings.HasSuffix(file, "/") {
			file += "index.html"
		}
		html := read(file)
		total := gzipSize(t, html) + css
		if bytes.Contains(html, []byte("/js/search.js")) {
			total += gzipSize(t, read("js/search.js"))
		}
		if total > 30<<10 {
			t.Errorf("%s (%s) weighs %d bytes compressed, more than 30 KB", kind, url, total)
		}
		if total > heaviest {
			heaviest, which = total, kind
		}
	}
	t.Logf("heaviest page: %s, %d bytes gzip (HTML + CSS + JS)", which, heaviest)
}

// axeSource finds axe-core, installed from npm by .ci/run (TDT_AXE) or by a
// developer (npm install --prefix ~/.cache/tdt-tools axe-core@4).
func axeSource(t *testing.T) string {
	t.Helper()
	home, _ := os.UserHomeDir()
	for _, p := range []string{
		os.Getenv("TDT_AXE"),
		filepath.Join(home, ".cache", "tdt-tools", "node_modules", "axe-core", "axe.min.js"),
		filepath.Join("..", "node_modules", "axe-core", "axe.min.js"),
	} {
		if p == "" {
			continue
		}
		if data, err := os.ReadFile(p); err == nil {
			return string(data)
		}
	}
	if os.Getenv("TDT_BROWSER_TESTS") == "1" {
		t.Fatal("axe-core is required (TDT_BROWSER_TESTS=1): npm install --prefix ~/.cache/tdt-tools axe-core@4, or set TDT_AXE")
	}
	t.Skip("accessibility tests skipped: axe-core not found (npm install --prefix ~/.cache/tdt-tools axe-core@4)")
	return ""
}

type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Nodes  int    `json:"nodes"`
	Help   string `json:"help"`
	Target string `json:"target"`
}

// TestBrowserPageKinds opens each page kind in Chromium at 1280 and at
// 360 px: no JavaScript error, no horizontal scrolling, no axe-core
// violation of any rule (best practices and experimental rules included),
// and on a phone a header that leaves the first screen to the content.
func TestBrowserPageKinds(t *testing.T) {
	base := browserSite(t)
	axe := axeSource(t)
	ctx, errs := browser(t, true)
	for kind, url := range pageKinds {
		before := len(*errs)
		for _, width := range []int64{1280, 360} {
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 800), chromedp.Navigate(base+url), chromedp.WaitReady("footer")); err != nil {
				t.Fatalf("%s: %v", kind, err)
			}
			if kind == "recherche" {
				chromedp.Do(ctx, chromedp.WaitVisible(".search-results li"))
			}
			for _, v := range runAxe(t, ctx, axe) {
				t.Errorf("%s (%s) at %d px: %s violation %s on %d elements (%s): %s", kind, url, width, v.Impact, v.ID, v.Nodes, v.Target, v.Help)
			}
			if width != 360 {
				continue
			}
			overflow, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
			if err != nil || overflow > 0 {
				t.Errorf("%s (%s) scrolls sideways at 360 px by %d px (%v)", kind, url, overflow, err)
			}
			// The header ends within 120 px, its search field shows the
			// whole placeholder, and the menu is one link away.
			header, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.querySelector(".site-header").getBoundingClientRect().bottom`))
			if err != nil || header > 120 {
				t.Errorf("%s (%s): the header ends %.0f px down at 360 × 800, more than 120 (%v)", kind, url, header, err)
			}
			cut, _ := chromedp.Run(ctx, chromedp.Evaluate[float64](`(() => {
				const i = document.querySelector(".site-header input[type=search]"), s = getComputedStyle(i);
				const c = document.createElement("canvas").getContext("2d");
				c.font = s.fontWeight + " " + s.fontSize + " " + s.fontFamily;
				return c.measureText(i.placeholder).width - (i.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight));
			})()`))
			if cut > 0 {
				t.Errorf("%s (%s): the search placeholder is cut by %.0f px at 360 px", kind, url, cut)
			}
			menu, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => {
				const a = document.querySelector(".site-header a.menu-link");
				const target = a && document.querySelector(a.getAttribute("href"));
				return !!target && a.getBoundingClientRect().height > 0 && target.querySelectorAll("a[href]").length >= 4;
			})()`))
			if !menu {
				t.Errorf("%s (%s): no visible menu link in the header at 360 px, or it leads to no menu", kind, url)
			}
		}
		if len(*errs) > before {
			t.Errorf("%s: JavaScript errors %v", kind, (*errs)[before:])
		}
	}

	// The check can fail: an image without alt text is reported.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/")); err != nil {
		t.Fatal(err)
	}
	chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("main").appendChild(document.createElement("img")).src = "x.png"; true`))
	found := false
	for _, v := range runAxe(t, ctx, axe) {
		found = found || v.ID == "image-alt"
	}
	if !found {
		t.Error("axe-core did not report an image without alt text: the accessibility check is not running")
	}
}

func runAxe(t *testing.T, ctx context.Context, axe string) []axeViolation {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](axe+";true")); err != nil {
		t.Fatalf("loading axe-core: %v", err)
	}
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](`axe.run(document, {runOnly: {type: "rule", values: axe.getRules().map(r => r.ruleId)}})
		.then(r => JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help, target: v.nodes.map(n => n.target.join(" ")).slice(0, 3).join(", ")}))))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("running axe-core: %v", err)
	}
	var out []axeViolation
	if err := json.Unmarshal([]byte(raw), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestLayoutMistakesInFrench: a mistake in a layout of the site is
// reported at its line in the layout, in French, and the site is not
// published; Go's English stays out of the common cases.
func TestLayoutMistakesInFrench(t *testing.T) {
	for _, tt := range []struct{ file, layout, want string }{
		{"layouts/page.html", "{{define \"main\"}}\n{{if .Page}}\n{{end}}\n",
			"layouts/page.html:4:1: gabarit invalide : le gabarit finit avant la fin d'un bloc : il manque un {{end}}"},
		{"layouts/partials/card.html", "<article>\n{{.Titre}}\n</article>\n",
			"layouts/partials/card.html:2:2: la page "},
	} {
		site := copySite(t)
		if err := os.MkdirAll(filepath.Join(site, filepath.Dir(tt.file)), 0o755); err != nil {
			t.Fatal(err)
		}
		writeText(t, site, tt.file, tt.layout)
		code, _, stderr := runGen(t, site, "build")
		if code == 0 {
			t.Errorf("%s: a broken layout was published", tt.file)
		}
		if !strings.Contains(stderr, tt.want) {
			t.Errorf("%s: the message does not say %q:\n%s", tt.file, tt.want, stderr)
		}
		if strings.Contains(stderr, "template:") || strings.Contains(stderr, "executing") {
			t.Errorf("%s: Go's English in the message:\n%s", tt.file, stderr)
		}
	}
}
