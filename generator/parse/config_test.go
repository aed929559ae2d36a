package parse

import (
	"strings"
	"testing"
	"testing/fstest"

	"terredetalents/generator/diag"
)

// TestConfigBaseURL: only an absolute http(s) URL is accepted; anything
// else is an error at the value, and the default stays.
func TestConfigBaseURL(t *testing.T) {
	tests := []struct {
		value string // TOML string body
		want  string // "" for accepted, else the whole diagnostic
		base  string // cfg.BaseURL when accepted
	}{
		{"https://terre-de-talents.fr", "", "https://terre-de-talents.fr/"},
		{"https://terre-de-talents.fr/", "", "https://terre-de-talents.fr/"},
		{"http://localhost:1313/sous/dossier/", "", "http://localhost:1313/sous/dossier/"},
		{"HTTPS://Example.org/", "", "HTTPS://Example.org/"},
		{"//evil.example/", "site.toml:2:11: baseURL « //evil.example/ » invalide : elle doit commencer par https:// (ou http://) ; donnez l'adresse complète du site publié, par exemple « https://terre-de-talents.fr/ »", ""},
		{"/", "site.toml:2:11: baseURL « / » invalide : elle doit commencer par https:// (ou http://)", ""},
		{"javascript:alert(1)//", "site.toml:2:11: baseURL « javascript:alert(1)// » invalide : elle doit commencer par https://", ""},
		{"https:evil.example/", "elle doit commencer par https://", ""},
		{"ftp://example.org/", "elle doit commencer par https://", ""},
		{"terre-de-talents.fr", "elle doit commencer par https://", ""},
		{"https:///chemin/", "le nom de domaine manque", ""},
		{"https://:8080/", "le nom de domaine manque", ""},
		{"https://moi:secret@example.org/", "ni de mot de passe", ""},
		{"https://example.org/?x=1", "ni « ? » ni « # »", ""},
		{"https://example.org/#x", "ni « ? » ni « # »", ""},
		{"https://example.org/a b/", "une espace ou un caractère invisible", ""},
		{`https://example.org/\u202e/`, "une espace ou un caractère invisible", ""},
		{"https://exa mple.org/", "une espace ou un caractère invisible", ""},
		{"https://example.org:port/", "ce n'est pas une adresse web", ""},
	}
	for _, tt := range tests {
		src := fstest.MapFS{ConfigFile: {Data: []byte("title = \"T\"\nbaseURL = \"" + tt.value + "\"\n")}}
		var diags diag.List
		cfg := Config(src, &diags)
		items := diags.Items()
		switch {
		case tt.want == "" && (len(items) > 0 || cfg.BaseURL != tt.base):
			t.Errorf("%s: %v, BaseURL %q, want %q", tt.value, items, cfg.BaseURL, tt.base)
		case tt.want != "" && (len(items) != 1 || !strings.Contains(items[0].String(), tt.want) || cfg.BaseURL != "/"):
			t.Errorf("%s: %v, BaseURL %q; want the error %q", tt.value, items, cfg.BaseURL, tt.want)
		}
	}
}
