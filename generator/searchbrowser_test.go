package main

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"terredetalents/generator/content"
	"terredetalents/generator/diag"
	"terredetalents/generator/index"
)

// memSite is a built site held in memory and served like a static host.
type memSite struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (m *memSite) WriteFile(name string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files[name] = bytes.Clone(data)
	return nil
}

func (m *memSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/")
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	data, ok := m.files[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	types := map[string]string{".json": "application/json", ".js": "text/javascript", ".css": "text/css", ".html": "text/html; charset=utf-8"}
	if t, ok := types[path.Ext(name)]; ok {
		w.Header().Set("Content-Type", t)
	}
	w.Write(data)
}

// builtExample builds the example site in memory: its linked site, for
// the reference index, and its files, served.
func builtExample(t *testing.T) (*content.Site, string) {
	t.Helper()
	out := &memSite{files: map[string][]byte{}}
	var diags diag.List
	site := pipeline(os.DirFS(copySite(t)), pipelineOptions{Now: time.Now()}, out, &diags)
	if diags.HasErrors() {
		t.Fatal(diags.Items())
	}
	srv := httptest.NewServer(out)
	t.Cleanup(srv.Close)
	return site, srv.URL
}

// referenceQueries cover exact words, prefixes as typed, plurals and
// feminine forms, several words, codes, funding, mode, qualification
// names and typos.
var referenceQueries = []string{
	"soudure", "soudeuse", "sou", "dévelop", "developpeur", "formations", "roubaix", "tourcoing",
	"CPF", "alternance", "présentiel", "CAP", "bac pro", "BTS", "licence", "master", "niveau 3",
	"devloppeur", "soduure", "cuisinierr", "maintenance industrielle", "l'atelier", "rncp", "zzzyx",
	"fo", "web", "logistique cariste", "insertion", "textile roubaix",
}

// TestBrowserSearchMatchesReference runs the same queries through the
// script, in Chromium, and through index.Search, on the example site: same
// documents, same order, same scores, same suggestion; and the facet
// counts the page shows are those of index.Count.
func TestBrowserSearchMatchesReference(t *testing.T) {
	site, base := builtExample(t)
	ix := index.Build(site)
	ctx, errs := browser(t, true)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/recherche/"), chromedp.WaitVisible(`.search-filters`)); err != nil {
		t.Fatal(err)
	}
	type answer struct {
		Docs    []int  `json:"docs"`
		Scores  []int  `json:"scores"`
		Suggest string `json:"suggest"`
	}
	for _, q := range referenceQueries {
		got, err := chromedp.Run(ctx, chromedp.Evaluate[*answer](
			fmt.Sprintf(`document.getElementById("recherche").searchForTests(%q)`, q), chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		if got == nil {
			got = &answer{}
		}
		want := ix.Query(q, nil)
		var docs, scores []int
		for _, r := range want.Results {
			docs = append(docs, r.Doc)
			scores = append(scores, r.Score)
		}
		if fmt.Sprint(got.Docs, got.Scores, got.Suggest) != fmt.Sprint(docs, scores, want.Suggest) {
			t.Errorf("%q:\nscript    %v %v %q\nreference %v %v %q", q, got.Docs, got.Scores, got.Suggest, docs, scores, want.Suggest)
		}
	}

	// The options of the town filter count the results of the query.
	err := chromedp.Do(ctx, chromedp.Navigate(base+"/recherche/?q=formation"))
	if err == nil {
		_, err = chromedp.Run(ctx, chromedp.Poll[bool](`((o) => !!o && o.textContent.indexOf("(") > 0)(document.querySelector("#filtre-commune option[value='Roubaix']"))`))
	}
	if err != nil {
		t.Fatal(err)
	}
	counts := ix.Count(ix.Search("formation", nil))
	for code, town := range ix.Facets.Towns {
		label, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(`document.querySelector("#filtre-commune option[value='%s']").textContent`, town)))
		if want := fmt.Sprintf("%s (%d)", town, counts.Town[code]); err != nil || label != want {
			t.Errorf("town option %q, want %q (%v)", label, want, err)
		}
	}
	for level := 3; level <= 8; level++ {
		label, _ := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(`document.querySelector("#filtre-niveau option[value='%d']").textContent`, level)))
		if want := fmt.Sprintf("(%d)", counts.Level[level]); !strings.HasSuffix(label, want) {
			t.Errorf("level option %q, want a count of %s", label, want)
		}
	}

	// A typo finds the word and offers it; the link searches it.
	err = chromedp.Do(ctx,
		chromedp.Navigate(base+"/recherche/?q=devloppeur"),
		chromedp.WaitVisible(`.search-suggest a`),
		chromedp.WaitVisible(`.search-results a[href="/formations/developpeur-web-et-web-mobile/"]`),
	)
	if err != nil {
		t.Fatalf("devloppeur: %v", err)
	}
	status, _ := chromedp.Run(ctx, chromedp.Text(`.search-status`))
	if !strings.Contains(status, "Vouliez-vous dire « developpeur » ?") {
		t.Errorf("the live region says %q", status)
	}
	err = chromedp.Do(ctx, chromedp.Click(`.search-suggest a`))
	if err == nil {
		_, err = chromedp.Run(ctx, chromedp.Poll[bool](`location.search === "?q=developpeur" && document.querySelector(".search-suggest").hidden`))
	}
	if err != nil {
		t.Errorf("following the suggestion: %v", err)
	}
	if len(*errs) > 0 {
		t.Errorf("JavaScript errors: %v", *errs)
	}
}
