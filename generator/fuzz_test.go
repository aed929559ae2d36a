package main

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"terredetalents/generator/diag"
)

// FuzzCheck runs the whole pipeline, as `check` does, on a site whose
// company page has fuzzed front matter and body, beside valid pages that
// refer to it. It must never panic, and every finding must have a message
// and a position inside a file of the site.
//
//	go test ./generator -run '^$' -fuzz FuzzCheck -fuzztime 60s
func FuzzCheck(f *testing.F) {
	seeds := []struct{ fm, body string }{
		{"title = \"Atelier\"\nsummary = \"x\"\nsectors = [\"T\"]\ntown = \"R\"\n", "Texte [lien](/formations/soudeur/)."},
		{"title = \"A\"\nslug = \"../x\"\naliases = [\"/formations/soudeur/\"]\n", "![](x.png)"},
		{"title = 3\nhiring = \"oui\"\nfounded = 1e3\n[[sessions]]\n", "<script>x</script>"},
		{"title = \"À COMPLÉTER\"\nlogo = \"logo.png\"\n", "À COMPLÉTER"},
		{"", ""},
		{"title = \"\"\"\n\"\"\"\n", "[x](../../../..)"},
	}
	for _, s := range seeds {
		f.Add(s.fm, s.body)
	}
	// Inputs that cost the libraries seconds or gigabytes; they must be
	// refused quickly.
	var list strings.Builder
	for i := range 300 {
		list.WriteString(strings.Repeat("  ", i) + "- a\n")
	}
	f.Add("x = "+strings.Repeat("{a=", 8000)+"1"+strings.Repeat("}", 8000), "")
	f.Add("[a"+strings.Repeat(".a", 19999)+"]", "")
	f.Add("commitments = ["+strings.Repeat("\"a\",", 10000)+"]", "")
	f.Add("title = \"A\"", strings.Repeat("[a](", 30000))
	f.Add("title = \"A\"", strings.Repeat("_*a", 10000))
	f.Add("title = \"A\"", list.String())
	training := []byte("+++\ntitle = \"Soudeur\"\nsummary = \"Souder.\"\nprovider = \"C\"\ntown = \"T\"\nskills = [\"Soudure\"]\npartners = [\"atelier\"]\n[[sessions]]\nstart = 2027-01-04\n+++\nTexte.\n")
	story := []byte("+++\ntitle = \"Léa\"\nsummary = \"L.\"\nperson = \"Léa\"\njob = \"Soudeuse\"\ncompany = \"atelier\"\ntraining = \"soudeur\"\n+++\n")
	opts := pipelineOptions{Now: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)}
	f.Fuzz(func(t *testing.T, fm, body string) {
		site := fstest.MapFS{
			"site.toml":                      {Data: []byte("title = \"T\"\n")},
			"content/entreprises/atelier.md": {Data: []byte("+++\n" + fm + "\n+++\n" + body)},
			"content/formations/soudeur.md":  {Data: training},
			"content/reussites/lea.md":       {Data: story},
		}
		var diags diag.List
		start := time.Now()
		pipeline(site, opts, discard{}, &diags)
		if d := time.Since(start); d > time.Second {
			t.Fatalf("checking the site took %v: an input that costs too much (bound it in parse/limits.go)", d)
		}
		for _, d := range diags.Items() {
			if _, ok := site[d.Pos.File]; !ok && d.Pos.File != "layouts" {
				t.Fatalf("finding outside the site's files: %s", d)
			}
			if d.Msg == "" || d.Code == "" || d.Pos.Line < 0 || d.Pos.Col < 0 {
				t.Fatalf("incomplete finding: %+v", d)
			}
		}
	})
}
