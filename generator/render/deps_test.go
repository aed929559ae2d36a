package render

import (
	"strings"
	template "terredetalents/generator/render/internal/htmltemplate"
	"testing"
)

// TestBodyUse: which templates read bodies, and whose, is found in the
// templates themselves.
func TestBodyUse(t *testing.T) {
	partial := `{{define "partials/texte.html"}}{{.Body}}{{end}}`
	tests := []struct {
		name, text string
		want       bodyUse
	}{
		{"no body", `{{.Page.Title}} {{range .Items}}{{.Title}}{{end}}`, noBody},
		{"the page's own", `{{.Page.Body}}`, ownBody},
		{"through a variable", `{{$p := .Page}}{{html $p.Body}}`, ownBody},
		{"through with", `{{with .Page}}<div>{{.Body}}</div>{{end}}`, ownBody},
		{"through $", `{{with .Items}}{{$.Page.Body}}{{end}}`, ownBody},
		{"a partial given the page", `{{template "partials/texte.html" .Page}}|` + partial, ownBody},
		{"a partial given the job", `{{template "partials/texte.html" .}}|` + partial, anyBody},
		{"a page of a list", `{{range .Items}}{{.Body}}{{end}}`, anyBody},
		{"a variable reassigned", `{{$p := .Page}}{{range .Items}}{{$p = .}}{{end}}{{$p.Body}}`, anyBody},
		{"a function's result", `{{with ref .Page "company"}}{{.Body}}{{end}}`, anyBody},
		{"a chain", `{{(index .Items 0).Body}}`, anyBody},
		{"in a pipeline argument", `{{printf "%s" (ref .Page "company").Body}}`, anyBody},
		{"a method named Body on something else", `{{.Site.Body}}`, anyBody},
		{"mentioned in a comment", `{{/* .Body */}}{{.Page.Title}}`, noBody},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			funcs := template.FuncMap{"ref": func(any, string) any { return nil }}
			set := template.Must(template.New("baseof.html").Funcs(funcs).Parse(`{{block "main" .}}{{end}}`))
			main, partials, _ := strings.Cut(tt.text, "|")
			template.Must(set.New("layout.html").Parse(`{{define "main"}}` + main + `{{end}}` + partials))
			if got := newBodyAnalysis(set).use("baseof.html", jobValue); got != tt.want {
				t.Errorf("%s: got %d, want %d", tt.text, got, tt.want)
			}
		})
	}
}

// TestBodyUseOfCards: a card reading .Body reads the body of its page.
func TestBodyUseOfCards(t *testing.T) {
	set := template.Must(template.New("partials/card.html").Parse(`{{.Title}}{{.Body}}`))
	a := newBodyAnalysis(set)
	if got := a.use("partials/card.html", ownValue); got != ownBody {
		t.Errorf("a card given its page: got %d, want ownBody", got)
	}
	if got := a.use("partials/card.html", otherValue); got != anyBody {
		t.Errorf("a cached partial: got %d, want anyBody", got)
	}
}
