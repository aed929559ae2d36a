package main

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"terredetalents/generator/diag"
	"terredetalents/generator/serve"
	"terredetalents/generator/synth"
)

// fullBuild builds the site from scratch into memory.
func fullBuild(t testing.TB, site string, opts pipelineOptions) *serve.Files {
	t.Helper()
	out := serve.NewFiles()
	var diags diag.List
	pipeline(os.DirFS(site), opts, out, &diags)
	if diags.HasErrors() {
		t.Fatalf("full build failed: %v", diags.Items())
	}
	return out
}

func sameFiles(t *testing.T, step string, got, want *serve.Files) {
	t.Helper()
	g, w := got.Names(), want.Names()
	sort.Strings(g)
	sort.Strings(w)
	if strings.Join(g, "\n") != strings.Join(w, "\n") {
		t.Fatalf("%s: only in the incremental build: %v; only in the full build: %v", step, diffNames(g, w), diffNames(w, g))
	}
	for _, name := range w {
		a, _ := got.Get(name)
		b, _ := want.Get(name)
		if string(a) != string(b) {
			t.Errorf("%s: %s differs from a full build", step, name)
		}
	}
}

func diffNames(a, b []string) []string {
	in := map[string]bool{}
	for _, n := range b {
		in[n] = true
	}
	var out []string
	for _, n := range a {
		if !in[n] {
			out = append(out, n)
		}
	}
	return out
}

// TestIncrementalEqualsFull applies a sequence of edits, renames and
// deletions to the example site; after each, the incremental rebuild must
// equal a fresh full build byte for byte.
func TestIncrementalEqualsFull(t *testing.T) {
	site := copySite(t)
	opts := pipelineOptions{Now: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)}
	b := newDevBuilder(os.DirFS(site), opts)
	if res := b.Build(nil); res.Site == nil {
		t.Fatal(res.Diags.Items())
	}
	b.InstallData(b.Data())
	file := func(rel string) string { return filepath.Join(site, filepath.FromSlash(rel)) }
	edit := func(rel, old, new string) {
		t.Helper()
		data, err := os.ReadFile(file(rel))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), old) {
			t.Fatalf("%s has no %q", rel, old)
		}
		os.WriteFile(file(rel), []byte(strings.Replace(string(data), old, new, 1)), 0o644)
	}
	steps := []struct {
		name    string
		do      func()
		changed []string
		fails   bool
	}{
		{"retitle a company", func() {
			edit("content/entreprises/watt-renov/index.md", `title = "`, `title = "Nouveau `)
		}, []string{"content/entreprises/watt-renov/index.md"}, false},
		{"move a story to another company", func() {
			edit("content/reussites/nadia-cariste.md", `company = "entrepots-du-sartel"`, `company = "watt-renov"`)
		}, []string{"content/reussites/nadia-cariste.md"}, false},
		{"change a skill spelling and a town", func() {
			edit("content/formations/cuisinier.md", `town = "Lannoy"`, `town = "Hem"`)
			edit("content/formations/cuisinier.md", `"Cuisine"`, `"Cuisine collective"`)
		}, []string{"content/formations/cuisinier.md"}, false},
		{"add a story in a new bundle folder", func() {
			os.MkdirAll(file("content/reussites/zoe-couturiere"), 0o755)
			os.WriteFile(file("content/reussites/zoe-couturiere/index.md"), []byte("+++\ntitle = \"Zoé, couturière\"\nsummary = \"Zoé coud.\"\ndate = 2026-11-01\nperson = \"Zoé\"\njob = \"Couturière\"\ncompany = \"fil-solidaire\"\nphoto = \"photo.svg\"\nskills = [\"Couture industrielle\", \"Broderie\"]\n+++\nTexte.\n"), 0o644)
			os.WriteFile(file("content/reussites/zoe-couturiere/photo.svg"), []byte("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), 0o644)
		}, []string{"content/reussites/zoe-couturiere", "content/reussites/zoe-couturiere/index.md", "content/reussites/zoe-couturiere/photo.svg"}, false},
		{"break a page", func() {
			edit("content/entreprises/fil-solidaire.md", `title = "`, `title = `)
		}, []string{"content/entreprises/fil-solidaire.md"}, true},
		{"fix it", func() {
			edit("content/entreprises/fil-solidaire.md", `title = `, `title = "`)
		}, []string{"content/entreprises/fil-solidaire.md"}, false},
		{"rename a training", func() {
			os.Rename(file("content/formations/cuisinier.md"), file("content/formations/commis-de-cuisine.md"))
			edit("content/reussites/kevin-cuisinier.md", `training = "cuisinier"`, `training = "commis-de-cuisine"`)
			edit("content/reussites/samia-traiteur.md", `training = "cuisinier"`, `training = "commis-de-cuisine"`)
			edit("content/evenements/forum-metiers-de-bouche-lannoy.md", `trainings = ["cuisinier"]`, `trainings = ["commis-de-cuisine"]`)
		}, []string{"content/formations/commis-de-cuisine.md", "content/formations/cuisinier.md", "content/reussites/kevin-cuisinier.md", "content/reussites/samia-traiteur.md", "content/evenements/forum-metiers-de-bouche-lannoy.md"}, false},
		{"delete a story", func() {
			os.Remove(file("content/reussites/marc-gestionnaire-comptable.md"))
		}, []string{"content/reussites/marc-gestionnaire-comptable.md"}, false},
		{"turn a company into a draft", func() {
			edit("content/entreprises/code-mosaique.md", "+++\n", "+++\ndraft = true\n")
		}, []string{"content/entreprises/code-mosaique.md"}, false},
		{"edit the home text", func() {
			edit("content/_index.md", "\n\n", "\n\nUne phrase de plus.\n\n")
		}, []string{"content/_index.md"}, false},
		{"edit a story's text only", func() {
			edit("content/reussites/nadia-cariste.md", "\n\n", "\n\nUn paragraphe de plus.\n\n")
		}, []string{"content/reussites/nadia-cariste.md"}, false},
		{"move a story in the list by its date", func() {
			edit("content/reussites/nadia-cariste.md", "date = 2025-11-26", "date = 2026-11-24")
		}, []string{"content/reussites/nadia-cariste.md"}, false},
		{"change site.toml", func() {
			edit("site.toml", `paginate = 12`, `paginate = 5`)
		}, []string{"site.toml"}, false},
		{"edit after a full rebuild", func() {
			edit("content/reussites/amina-developpeuse-web.md", `date = `, "draft = false\ndate = ")
		}, []string{"content/reussites/amina-developpeuse-web.md"}, false},
	}
	for _, st := range steps {
		st.do()
		res := b.Build(st.changed)
		if st.fails {
			if res.Site != nil || !res.Diags.HasErrors() {
				t.Fatalf("%s: the build should fail", st.name)
			}
			continue
		}
		if res.Site == nil {
			t.Fatalf("%s: %v", st.name, res.Diags.Items())
		}
		if !b.InstallData(b.Data()) {
			t.Fatalf("%s: the index was not installed", st.name)
		}
		if res.Full != (st.name == "change site.toml") {
			t.Errorf("%s: full rebuild = %v", st.name, res.Full)
		}
		if st.name == "edit a story's text only" && res.Rendered != 1 {
			t.Errorf("%s: %d pages rendered, want only the story", st.name, res.Rendered)
		}
		sameFiles(t, st.name, res.Site, fullBuild(t, site, opts))
	}
}

// TestParallelEqualsSequential: building on every core gives the same
// bytes as one worker doing everything in order.
func TestParallelEqualsSequential(t *testing.T) {
	site := copySite(t)
	now := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	sequential := fullBuild(t, site, pipelineOptions{Now: now, Workers: 1})
	for _, workers := range []int{0, 3, 8} {
		sameFiles(t, "workers="+strconv.Itoa(workers), fullBuild(t, site, pipelineOptions{Now: now, Workers: workers}), sequential)
	}
}

// TestIncrementalOnALargerSite repeats the comparison on a generated site
// whose terms have long lists of their own (/communes/<town>/reussites/…).
func TestIncrementalOnALargerSite(t *testing.T) {
	site := t.TempDir()
	if err := synth.Write(site, synth.Options{Pages: 400, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	opts := pipelineOptions{Now: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)}
	b := newDevBuilder(os.DirFS(site), opts)
	if res := b.Build(nil); res.Site == nil {
		t.Fatal(res.Diags.Items())
	}
	b.InstallData(b.Data())
	stories, _ := filepath.Glob(filepath.Join(site, "content", "reussites", "*.md"))
	companies, _ := filepath.Glob(filepath.Join(site, "content", "entreprises", "*.md"))
	towns := regexp.MustCompile(`(?m)^town = ".*"$`)
	titles := regexp.MustCompile(`(?m)^title = "`)
	for i, step := range []struct {
		file string
		re   *regexp.Regexp
		to   string
	}{
		{stories[3], towns, `town = "Hem"`},
		{stories[10], towns, `town = "Roubaix"`},
		{companies[5], titles, `title = "AAA `},
		{companies[6], towns, `town = "Wattrelos"`},
	} {
		data, _ := os.ReadFile(step.file)
		os.WriteFile(step.file, step.re.ReplaceAll(data, []byte(step.to)), 0o644)
		rel, _ := filepath.Rel(site, step.file)
		res := b.Build([]string{filepath.ToSlash(rel)})
		if res.Site == nil {
			t.Fatal(res.Diags.Items())
		}
		b.InstallData(b.Data())
		sameFiles(t, "step "+strconv.Itoa(i), res.Site, fullBuild(t, site, opts))
	}
}
