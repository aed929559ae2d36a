package render

import (
	"io/fs"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"terredetalents/generator/content"
	"terredetalents/generator/diag"
	"terredetalents/generator/link"
	template "terredetalents/generator/render/internal/htmltemplate"
	"terredetalents/themes"
)

// defaultTranslations are the French texts of the embedded theme.
func defaultTranslations(t *testing.T) *Translations {
	t.Helper()
	tr, err := LoadTranslations(Layers{themes.Default()}, "fr")
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// memOutput keeps the rendered files in memory.
type memOutput struct {
	mu    sync.Mutex
	files map[string]string
}

func (m *memOutput) WriteFile(name string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files[name] = string(data)
	return nil
}

// renderSite renders a one-page site (a company) with the site files of
// siteFS over the default theme.
func renderSite(t *testing.T, siteFS fs.FS, language string) (map[string]string, *diag.List) {
	t.Helper()
	cfg := content.DefaultConfig()
	if language != "" {
		cfg.Language = language
	}
	pages := []*content.Page{{
		Source: "content/entreprises/atelier.md", Kind: content.KindCompany, Section: content.Companies,
		Slug: "atelier", Title: "Atelier lainier", Summary: "Filature à Roubaix.",
		Data: &content.Company{Town: "Roubaix", Sectors: []string{"Textile"}, Hiring: true}, TermsByField: map[string][]string{"town": {"Roubaix"}, "sectors": {"Textile"}},
	}}
	pages[0].SetText("<p>Texte.</p>", nil)
	var diags diag.List
	site := link.Site(cfg, pages, link.Options{Now: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)}, &diags)
	if diags.HasErrors() {
		t.Fatal(diags.Items())
	}
	out := &memOutput{files: map[string]string{}}
	Site(site, Options{Layers: Layers{siteFS, themes.Default()}, Workers: 1}, out, &diags)
	return out.files, &diags
}

func diagText(l *diag.List) string {
	var b strings.Builder
	for _, d := range l.Items() {
		b.WriteString(d.String() + "\n")
	}
	return b.String()
}

func TestMissingKeyFailsRendering(t *testing.T) {
	siteFS := fstest.MapFS{
		"layouts/entreprise.html": {Data: []byte(`{{define "main"}}<p>{{t "company_hirng"}}</p>{{end}}`)},
	}
	files, diags := renderSite(t, siteFS, "")
	if !diags.HasErrors() {
		t.Fatal("a layout asking for a key absent from the language file must fail")
	}
	msg := diagText(diags)
	if !strings.Contains(msg, "company_hirng") || !strings.Contains(msg, "i18n/fr.toml") {
		t.Errorf("the error should name the key and the file:\n%s", msg)
	}
	if _, ok := files["entreprises/atelier/index.html"]; ok {
		t.Error("the failed page must not be written")
	}
	if _, ok := files["index.html"]; !ok {
		t.Error("the other pages should still render")
	}
}

func TestMissingKeyInFormatFails(t *testing.T) {
	tr := defaultTranslations(t)
	if _, err := tr.tf("no_such_key", "x"); err == nil || !strings.Contains(err.Error(), "no_such_key") {
		t.Errorf("tf of a missing key gave %v", err)
	}
	if _, err := tr.tf("card_level", "pas un nombre"); err == nil {
		t.Error("a number placeholder given a string must fail, not print %!d(string=…)")
	}
	if _, err := tr.tattr("onclick", "skip_link"); err == nil {
		t.Error("tattr must refuse event handler attributes")
	}
}

func TestSiteTranslationOverridesOneKey(t *testing.T) {
	siteFS := fstest.MapFS{
		"i18n/fr.toml": {Data: []byte("company_hiring = \"Embauche en ce moment\"\ncrumb_home = \"Début\"\n")},
	}
	files, diags := renderSite(t, siteFS, "")
	if diags.HasErrors() {
		t.Fatal(diagText(diags))
	}
	page := files["entreprises/atelier/index.html"]
	if !strings.Contains(page, `<p class="badge badge-hiring">Embauche en ce moment</p>`) {
		t.Errorf("the site's company_hiring was not used:\n%s", page)
	}
	if strings.Contains(page, "Recrute en ce moment") {
		t.Error("the theme's text is still shown")
	}
	if !strings.Contains(page, `<a href="/">Début</a>`) {
		t.Error("the site's crumb_home was not used in the breadcrumb")
	}
	// The keys the site does not override keep the theme's text.
	if !strings.Contains(page, `<dt>Commune</dt>`) || !strings.Contains(page, `aria-label="Fil d'Ariane"`) {
		t.Errorf("the other texts should come from the theme:\n%s", page)
	}
}

func TestBrokenTranslationFileFails(t *testing.T) {
	siteFS := fstest.MapFS{"i18n/fr.toml": {Data: []byte("skip_link = \"Aller\nau contenu\"\n")}}
	_, err := LoadTranslations(Layers{siteFS, themes.Default()}, "fr")
	if err == nil || !strings.Contains(err.Error(), "i18n/fr.toml") || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("a broken file should fail with its name and line, got %v", err)
	}
	siteFS = fstest.MapFS{"i18n/fr.toml": {Data: []byte("[footer]\nlegal = \"Mentions\"\n")}}
	if _, err := LoadTranslations(Layers{siteFS, themes.Default()}, "fr"); err == nil {
		t.Error("a table is not a text: the file should be refused")
	}
	_, diags := renderSite(t, fstest.MapFS{"i18n/fr.toml": {Data: []byte("skip_link = 3\n")}}, "")
	if msg := diagText(diags); !strings.Contains(msg, "i18n/fr.toml") {
		t.Errorf("the build should report the broken file, got:\n%s", msg)
	}
}

func TestLanguageFallsBackToFrench(t *testing.T) {
	for _, lang := range []string{"de", "fr-CA", "", "../secret"} {
		tr, err := LoadTranslations(Layers{themes.Default()}, lang)
		if err != nil {
			t.Fatalf("%q: %v", lang, err)
		}
		if tr.File != "i18n/fr.toml" {
			t.Errorf("%q read %s, want the French file", lang, tr.File)
		}
	}
	// A language of its own: every text the generator needs must be there.
	en := fstest.MapFS{"i18n/en.toml": {Data: []byte("crumb_home = \"Home\"\n")}}
	_, err := LoadTranslations(Layers{en, themes.Default()}, "en")
	if err == nil || !strings.Contains(err.Error(), "i18n/en.toml") || !strings.Contains(err.Error(), "search_title") {
		t.Errorf("an incomplete language file should be refused with the missing keys, got %v", err)
	}
}

// The values put into a text are escaped exactly as html/template escapes
// a value it prints, so that moving a sentence into the language file
// changes nothing of the page.
func TestTextEscapingMatchesTemplates(t *testing.T) {
	in := "R&D <b> \"guillemets\" l'atelier 2 + 2 \x00 é"
	var b strings.Builder
	if err := template.Must(template.New("").Parse("{{.}}")).Execute(&b, in); err != nil {
		t.Fatal(err)
	}
	if got := escapeText(in); got != b.String() {
		t.Errorf("escapeText = %q, html/template gives %q", got, b.String())
	}
}

func TestGeneratorTexts(t *testing.T) {
	tr := defaultTranslations(t)
	for level, want := range map[int]string{3: "niveau 3 (CAP, BEP)", 5: "niveau 5 (bac + 2)", 8: "niveau 8 (doctorat)", 2: "niveau 2", 9: "niveau 9"} {
		if got := tr.levelLabel(level); got != want {
			t.Errorf("levelLabel(%d) = %q, want %q", level, got, want)
		}
	}
	for kind, want := range map[string]string{"emploi": "Retour à l'emploi", "création": "Création d'entreprise", "autre": "autre"} {
		if got := tr.storyKind(kind); got != want {
			t.Errorf("storyKind(%q) = %q, want %q", kind, got, want)
		}
	}
}
