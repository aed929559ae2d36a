package render

import (
	"sync"
	"testing"

	"terredetalents/generator/content"
	template "terredetalents/generator/render/internal/htmltemplate"
)

// Cards and tag links are rendered once and reused, whether the page or
// term has a slot made in advance or not (a theme may show the card of the
// home page, or a tag no taxonomy lists).
func TestFragmentsRenderOnceAndReuse(t *testing.T) {
	published := &content.Page{Title: "Atelier <Lainier>", URL: "/entreprises/atelier/"}
	home := &content.Page{Title: "Accueil", URL: "/"}
	site := &content.Site{
		Pages:      []*content.Page{published},
		Taxonomies: []*content.Taxonomy{{Field: "skills", Terms: []*content.Term{{Name: "Soudure"}}}},
	}
	renders := 0
	var mu sync.Mutex
	tmpl := template.Must(template.New("x").Funcs(template.FuncMap{
		"counted": func() string { mu.Lock(); renders++; mu.Unlock(); return "" },
	}).Parse(`{{define "partials/card.html"}}{{counted}}<a href="{{.URL}}">{{.Title}}</a>{{end}}` +
		`{{define "partials/tag.html"}}{{counted}}<a>{{.Name}}</a>{{end}}`))
	f := newFragments(site)
	w := &worker{tmpl: &Templates{byName: map[string]*template.Template{"home": tmpl}}}

	tests := []struct {
		name string
		get  func() (template.HTML, error)
		want template.HTML
	}{
		{"published page", func() (template.HTML, error) { return f.card(w, published) }, `<a href="/entreprises/atelier/">Atelier &lt;Lainier&gt;</a>`},
		{"page without a slot", func() (template.HTML, error) { return f.card(w, home) }, `<a href="/">Accueil</a>`},
		{"term of a taxonomy", func() (template.HTML, error) {
			links, err := f.tags(w, "skills", []string{"Soudure"})
			return links[0], err
		}, `<a>Soudure</a>`},
		{"term no taxonomy lists", func() (template.HTML, error) {
			links, err := f.tags(w, "skills", []string{"Inconnue"})
			return links[0], err
		}, `<a>Inconnue</a>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			renders = 0
			var wg sync.WaitGroup
			for range 8 {
				wg.Go(func() {
					got, err := tt.get()
					if err != nil || got != tt.want {
						t.Errorf("got %q, %v; want %q", got, err, tt.want)
					}
				})
			}
			wg.Wait()
			before := renders
			if before < 1 {
				t.Fatalf("rendered %d times", before)
			}
			if got, _ := tt.get(); got != tt.want || renders != before {
				t.Errorf("second call: %q, rendered again (%d renders, then %d)", got, before, renders)
			}
		})
	}
}
