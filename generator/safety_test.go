package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestStaticSymlinksAreNotFollowed: a symbolic link under static/, in the
// site or in its theme folder, never publishes what it points to, in build
// as in serve; each is named in a warning, as in content/.
func TestStaticSymlinksAreNotFollowed(t *testing.T) {
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "shadow"), []byte("root:SECRET"), 0o644)
	os.MkdirAll(filepath.Join(outside, "etc"), 0o755)
	os.WriteFile(filepath.Join(outside, "etc", "passwd"), []byte("root:SECRET"), 0o644)
	os.MkdirAll(filepath.Join(outside, "static"), 0o755) // for a theme folder that is a link
	os.WriteFile(filepath.Join(outside, "static", "secret.txt"), []byte("root:SECRET"), 0o644)

	tests := []struct {
		name  string
		links map[string]string // link in the site -> target
		theme bool
		warn  []string // paths named by a "symlink" warning
	}{
		{"file to outside", map[string]string{"static/secret.txt": filepath.Join(outside, "shadow")}, false,
			[]string{"static/secret.txt"}},
		{"relative file to outside", map[string]string{"static/secret.txt": ""}, false,
			[]string{"static/secret.txt"}},
		{"folder to outside", map[string]string{"static/docs": filepath.Join(outside, "etc")}, false,
			[]string{"static/docs"}},
		{"static itself", map[string]string{"static": outside}, false,
			[]string{"static"}},
		{"theme folder", map[string]string{"themes/maison": outside}, true,
			[]string{"themes/maison"}},
		{"in the theme folder", map[string]string{"themes/maison/static/secret.txt": filepath.Join(outside, "shadow")}, true,
			[]string{"themes/maison/static/secret.txt"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := t.TempDir()
			os.MkdirAll(filepath.Join(site, "content"), 0o755)
			os.WriteFile(filepath.Join(site, "content", "a-propos.md"), []byte("+++\ntitle = \"À propos\"\nsummary = \"Qui sommes-nous.\"\n+++\nBonjour.\n"), 0o644)
			if tt.theme {
				if _, linked := tt.links["themes/maison"]; !linked {
					os.MkdirAll(filepath.Join(site, "themes", "maison", "static"), 0o755)
				}
				os.WriteFile(filepath.Join(site, "site.toml"), []byte("theme = \"maison\"\n"), 0o644)
			}
			for link, target := range tt.links {
				p := filepath.Join(site, filepath.FromSlash(link))
				os.MkdirAll(filepath.Dir(p), 0o755)
				if target == "" { // relative, climbing out of the site
					target, _ = filepath.Rel(filepath.Dir(p), filepath.Join(outside, "shadow"))
				}
				if err := os.Symlink(target, p); err != nil {
					t.Skipf("no symlinks here: %v", err)
				}
			}

			code, _, stderr := runGen(t, site, "build")
			if code != 0 {
				t.Fatalf("build: exit %d\n%s", code, stderr)
			}
			for p, data := range snapshot(t, filepath.Join(site, "public")) {
				if strings.Contains(data, "root:SECRET") {
					t.Errorf("build published %s from outside the site", p)
				}
			}
			for _, w := range tt.warn {
				if !strings.Contains(stderr, w+":1:1: attention : lien symbolique ignoré : copiez le fichier lui-même dans le dossier\n") {
					t.Errorf("build does not warn about %s:\n%s", w, stderr)
				}
			}

			b := newDevBuilder(os.DirFS(site), pipelineOptions{Drafts: true, BaseURL: "/", Now: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)})
			res := b.Build(nil)
			if res.Site == nil {
				t.Fatalf("serve: %v", res.Diags.Items())
			}
			for _, name := range res.Site.Names() {
				if data, _ := res.Site.Get(name); strings.Contains(string(data), "root:SECRET") {
					t.Errorf("serve published %s from outside the site", name)
				}
			}
		})
	}
}

// TestServeRefusesUnsafeBundleFiles: a script or an SVG with a script added
// to a bundle while serve runs is refused as build refuses it, and never
// served.
func TestServeRefusesUnsafeBundleFiles(t *testing.T) {
	site := t.TempDir()
	bundle := filepath.Join(site, "content", "entreprises", "atelier")
	os.MkdirAll(bundle, 0o755)
	os.WriteFile(filepath.Join(bundle, "index.md"), []byte("+++\ntitle = \"Atelier\"\nsummary = \"Une filature.\"\nsectors = [\"Textile\"]\ntown = \"Roubaix\"\n+++\n"), 0o644)
	b := newDevBuilder(os.DirFS(site), pipelineOptions{BaseURL: "/", Now: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)})
	if res := b.Build(nil); res.Site == nil {
		t.Fatalf("first build: %v", res.Diags.Items())
	}
	for _, name := range []string{"piege.svg", "vol.js", "index.html"} {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(bundle, name)
			os.WriteFile(p, []byte("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"), 0o644)
			defer os.Remove(p)
			res := b.Build([]string{"content/entreprises/atelier/" + name})
			if res.Site != nil {
				t.Fatal("serve published a bundle holding " + name)
			}
			if items := res.Diags.Items(); len(items) != 1 || items[0].Pos.File != "content/entreprises/atelier/"+name {
				t.Errorf("diagnostics %v, want one at the file", items)
			}
		})
	}
}
