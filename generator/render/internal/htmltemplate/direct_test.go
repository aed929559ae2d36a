// This file is Terre de talents', not Go's: scripts/go-templates.patch
// adds it to the copy of html/template (scripts/sync-go-templates.sh).

package template

import (
	"errors"
	"fmt"
	stdtemplate "html/template"
	"io"
	"strings"
	"testing"
)

// TestDirectCallsAsGo: the functions directCall calls without reflection
// give what Go's html/template gives with it, for their results, their
// errors and their panics, and a string argument of a named type is still
// converted as Go converts it.
func TestDirectCallsAsGo(t *testing.T) {
	type named string
	data := map[string]any{"S": "<b>Léa</b>", "N": named("nommé"), "I": 3}
	fail := errors.New("clé inconnue")
	t1 := func(key string) (string, error) {
		switch key {
		case "absente":
			return "", fail
		case "panique":
			panic("traduction cassée")
		}
		return "<em>" + key + "</em>", nil
	}
	tf := func(key string, args ...any) (string, error) {
		if key == "absente" {
			return "", fail
		}
		return fmt.Sprintf("<em>"+key+"</em>", args...), nil
	}
	tattr := func(name, value string) (string, error) {
		if name == "absente" {
			return "", fail
		}
		return name + `="` + value + `"`, nil
	}
	ours := FuncMap{
		"t":     func(k string) (HTML, error) { s, err := t1(k); return HTML(s), err },
		"tf":    func(k string, a ...any) (HTML, error) { s, err := tf(k, a...); return HTML(s), err },
		"tattr": func(n, v string) (HTMLAttr, error) { s, err := tattr(n, v); return HTMLAttr(s), err },
	}
	gos := stdtemplate.FuncMap{
		"t": func(k string) (stdtemplate.HTML, error) { s, err := t1(k); return stdtemplate.HTML(s), err },
		"tf": func(k string, a ...any) (stdtemplate.HTML, error) {
			s, err := tf(k, a...)
			return stdtemplate.HTML(s), err
		},
		"tattr": func(n, v string) (stdtemplate.HTMLAttr, error) {
			s, err := tattr(n, v)
			return stdtemplate.HTMLAttr(s), err
		},
	}
	for _, text := range []string{
		`<p>{{t "bonjour"}} {{t .S}}</p>`,
		`<p>{{t .N}}</p>`,
		`<p>{{"pipe" | t}}</p>`,
		`<p>{{t "absente"}}</p>`,
		`<p>{{t "panique"}}</p>`,
		`<p>{{t}}</p>`,
		`<p>{{t .I}}</p>`,
		`<p>{{tf "%s a %d ans" .S .I}} {{tf "sans argument"}} {{tf "absente" 1}}</p>`,
		`<p>{{tf .N .S}}</p>`,
		`<p>{{tf "%T %T %v" .S .I .N}}</p>`,
		`<a {{tattr "title" .S}} href="/">x</a>`,
		`<a {{tattr "absente" "x"}}>x</a>`,
		`<a title="{{t "bonjour"}}">{{tattr "title" "y"}}</a>`,
		`<script>var x = {{t .S}};</script>`,
	} {
		goTmpl, goErr := stdtemplate.New("t").Funcs(gos).Parse(text)
		want, wantErr := execute(goTmpl, goErr, data)
		ourTmpl, ourErr := New("t").Funcs(ours).Parse(text)
		got, gotErr := execute(ourTmpl, ourErr, data)
		if got != want || gotErr != wantErr {
			t.Errorf("%s\n got %q, error %q\nwant %q, error %q", text, got, gotErr, want, wantErr)
		}
	}
}

// execute runs a template of either package as the page renderer would,
// returning its output and its error's text ("" for none).
func execute[T interface{ Execute(io.Writer, any) error }](tmpl T, err error, data any) (string, string) {
	if err != nil {
		return "", err.Error()
	}
	var b strings.Builder
	if err := tmpl.Execute(&b, data); err != nil {
		return b.String(), err.Error()
	}
	return b.String(), ""
}
