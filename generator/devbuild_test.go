package main

import (
	"flag"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
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
		{"add a file to a bundle", func() {
			os.WriteFile(file("content/reussites/sabrina-soudeuse/atelier.svg"), []byte("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), 0o644)
		}, []string{"content/reussites/sabrina-soudeuse/atelier.svg"}, false},
		{"show it in the text", func() {
			edit("content/reussites/sabrina-soudeuse/index.md", "\n\n", "\n\n![L'atelier](atelier.svg)\n\n")
		}, []string{"content/reussites/sabrina-soudeuse/index.md"}, false},
		{"rename the file of a bundle", func() {
			os.Rename(file("content/reussites/sabrina-soudeuse/atelier.svg"), file("content/reussites/sabrina-soudeuse/atelier-2026.svg"))
		}, []string{"content/reussites/sabrina-soudeuse/atelier.svg", "content/reussites/sabrina-soudeuse/atelier-2026.svg"}, false},
		{"delete the file of a bundle", func() {
			os.Remove(file("content/reussites/sabrina-soudeuse/atelier-2026.svg"))
		}, []string{"content/reussites/sabrina-soudeuse/atelier-2026.svg"}, false},
		{"delete the photo a bundle names", func() {
			os.Rename(file("content/reussites/sabrina-soudeuse/portrait.svg"), filepath.Join(site, "portrait.svg"))
		}, []string{"content/reussites/sabrina-soudeuse/portrait.svg"}, true},
		{"put it back", func() {
			os.Rename(filepath.Join(site, "portrait.svg"), file("content/reussites/sabrina-soudeuse/portrait.svg"))
		}, []string{"content/reussites/sabrina-soudeuse/portrait.svg"}, false},
		{"add a file to a folder without index.md", func() {
			os.MkdirAll(file("content/reussites/sans-page"), 0o755)
			os.WriteFile(file("content/reussites/sans-page/note.pdf"), []byte("%PDF-1.4\n"), 0o644)
		}, []string{"content/reussites/sans-page", "content/reussites/sans-page/note.pdf"}, false},
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
		// A story's text shows on its page, and maybe wherever the story
		// is read (its lists, its terms, its company): not on the rest.
		if st.name == "edit a story's text only" && (res.Rendered == 0 || res.Rendered*4 > len(res.Site.Names())) {
			t.Errorf("%s: %d pages rendered of %d files", st.name, res.Rendered, len(res.Site.Names()))
		}
		var diags diag.List
		want := serve.NewFiles()
		pipeline(os.DirFS(site), opts, want, &diags)
		if diags.HasErrors() {
			t.Fatalf("%s: a full build fails: %v", st.name, diags.Items())
		}
		sameFiles(t, st.name, res.Site, want)
		if g, w := linkWarnings(res.Diags), linkWarnings(&diags); g != w {
			t.Errorf("%s: link warnings differ from a full build:\n%s\nwant:\n%s", st.name, g, w)
		}
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

var (
	devPropSteps = flag.Int("devprop.steps", 12, "random edits of TestIncrementalPropertyEqualsFull (try 300)")
	devPropSeed  = flag.Uint64("devprop.seed", 0, "seed of TestIncrementalPropertyEqualsFull; 0: from the clock")
)

// Layouts of the site's own that read beyond the page they show, each on
// its kind of pages, so that a page is rendered again only for what it
// reads: the site-wide functions, views of the site and references.
var ownLayouts = map[string]string{
	"page.html": `{{len .Site.Pages}}
{{- range latest "reussites" 3}}<a href="{{rel .URL}}">{{.Title}}</a>{{end}}
{{- range hiring 4}}<b>{{.Title}}</b>{{end}}
{{- range nextSessions 3}}<i>{{.Page.Title}} {{.Session.Start.ISO}}</i>{{end}}
{{- range latest "reussites" 1}}<div>{{.Body}}</div>{{end}}`,
	"reussite.html": `{{range .Site.Sections}}<p>{{.Title}} {{len .Pages}}{{range $i, $p := .Pages}}{{if eq $i 0}} {{$p.Title}}{{end}}{{end}} {{.Intro.Title}}</p>{{end}}
{{- .Site.Home.Title}} {{len .Site.Aliases}} {{termURL "skills" "Soudure"}}
{{- with page "/a-propos/"}}<q>{{.Title}}</q>{{end}}
{{- with .Page}}{{with ref . "company"}}<em>{{.Title}} {{len .Body}}</em>{{end}}{{end}}`,
	"entreprise.html": `{{with .Page}}{{range backrefs . "reussites"}}<em>{{.Title}}</em>{{end}}{{end}}`,
	"formation.html":  `{{with .Page}}{{range refs . "partners"}}<em>{{.Title}}</em>{{end}}{{end}}{{range upcomingEvents 2}}<u>{{.Title}}</u>{{end}}`,
	"term.html": `{{range topTerms "skills" 3}}<s>{{.Name}} {{.Count}}</s>{{end}}
{{- range .Site.Taxonomies}}<p>{{.Title}} {{len .Terms}}</p>{{end}}
{{- with .Site.Taxonomy "town"}}{{range .Terms}}{{.Name}}={{.Count}} {{end}}{{end}}`,
}

// TestIncrementalPropertyEqualsFull applies random edits to the example
// site, which has layouts of its own that read the whole site; after each
// edit, the incremental rebuild equals a full build byte for byte. Longer:
//
//	go test ./generator -run PropertyEquals -devprop.steps 300
func TestIncrementalPropertyEqualsFull(t *testing.T) {
	seed := *devPropSeed
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	t.Logf("seed %d (-devprop.seed %d replays it)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, 1))
	site, ops := editableSite(t, rng)
	opts := pipelineOptions{Now: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)}
	b := newDevBuilder(os.DirFS(site), opts)
	if res := b.Build(nil); res.Site == nil {
		t.Fatal(res.Diags.Items())
	}
	b.InstallData(b.Data())

	check := func(step string, changed []string) bool {
		res := b.Build(changed)
		t.Logf("%s: %d pages rendered, full %v", step, res.Rendered, res.Full)
		var diags diag.List
		want := serve.NewFiles()
		pipeline(os.DirFS(site), opts, want, &diags)
		if diags.HasErrors() {
			// An edit the site refuses (a reference to a page deleted
			// before): serve must refuse it too and keep the last site.
			if res.Site != nil {
				t.Fatalf("%s: a full build fails (%v), the incremental one does not", step, diags.Items()[0])
			}
			t.Logf("%s: refused, as by a full build (%s)", step, diags.Items()[0])
			return false
		}
		if res.Site == nil {
			t.Fatalf("%s: %v", step, res.Diags.Items())
		}
		b.InstallData(b.Data())
		sameFiles(t, step, res.Site, want)
		// Linking keeps suggestions and near terms between rebuilds: the
		// warnings must still be those of a full build.
		if g, w := linkWarnings(res.Diags), linkWarnings(&diags); g != w {
			t.Errorf("%s: link warnings differ from a full build:\n%s\nwant:\n%s", step, g, w)
		}
		if t.Failed() {
			t.FailNow()
		}
		return true
	}
	for n := range *devPropSteps {
		o := ops[rng.IntN(len(ops))]
		before := readTree(t, site)
		changed := o.do(n)
		if changed == nil {
			continue
		}
		step := fmt.Sprintf("step %d (%s, %v)", n, o.name, changed)
		if !check(step, changed) {
			restore(t, site, before)
			check(step+", undone", changed)
		}
	}
}

// propOp is one kind of random edit of TestIncrementalPropertyEqualsFull and
// TestRecordedRebuildEqualsScratch; do returns the paths it changed, nil
// when it changed nothing.
type propOp struct {
	name string
	do   func(n int) []string
}

// editableSite copies the example site, gives it layouts of its own that
// read the whole site (ownLayouts), and returns the random edits to make.
func editableSite(t *testing.T, rng *rand.Rand) (string, []propOp) {
	t.Helper()
	site := copySite(t)
	file := func(rel string) string { return filepath.Join(site, filepath.FromSlash(rel)) }
	write := func(rel, text string) {
		os.MkdirAll(filepath.Dir(file(rel)), 0o755)
		if err := os.WriteFile(file(rel), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	read := func(rel string) string { data, _ := os.ReadFile(file(rel)); return string(data) }
	theme := func(name string) string {
		data, err := os.ReadFile(filepath.Join("..", "themes", "default", "layouts", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	for name, extra := range ownLayouts {
		layout := theme(name)
		i := strings.LastIndex(layout, "{{end}}")
		write("layouts/"+name, layout[:i]+`<aside class="partout">`+extra+`</aside>`+layout[i:])
	}
	// The footer, on every page, reads only the events: an event's edit
	// renders everything again, other edits show that only what read them
	// is rendered again.
	write("layouts/partials/footer.html", theme("partials/footer.html")+`{{range upcomingEvents 1}}{{.Title}}{{end}}`)

	pages := func(section string) []string {
		var out []string
		dir := "content"
		if section != "" {
			dir += "/" + section
		}
		entries, _ := os.ReadDir(file(dir))
		for _, e := range entries {
			switch {
			case e.IsDir():
				if _, err := os.Stat(file(dir + "/" + e.Name() + "/index.md")); err == nil {
					out = append(out, dir+"/"+e.Name()+"/index.md")
				}
			case strings.HasSuffix(e.Name(), ".md") && e.Name() != "_index.md":
				out = append(out, dir+"/"+e.Name())
			}
		}
		sort.Strings(out)
		return out
	}
	pick := func(list []string) string { return list[rng.IntN(len(list))] }
	anyPage := func() string {
		return pick(pages([]string{"", "entreprises", "formations", "reussites", "evenements"}[rng.IntN(5)]))
	}
	// frontLine puts line just after the opening +++ of a page.
	frontLine := func(rel, line string) { write(rel, strings.Replace(read(rel), "+++\n", "+++\n"+line+"\n", 1)) }
	skills := []string{"Soudure", "Logistique", "Cuisine", "Compétence rare", "Électricité", "Accueil", "Soudures", "Logistiques"}

	// bundles are the pages in a folder of their own; bundleFiles the
	// files beside index.md.
	bundles := func() []string {
		var out []string
		for _, sec := range []string{"", "entreprises", "formations", "reussites", "evenements"} {
			for _, p := range pages(sec) {
				if strings.HasSuffix(p, "/index.md") {
					out = append(out, p)
				}
			}
		}
		return out
	}
	bundleFiles := func(p string) []string {
		var out []string
		entries, _ := os.ReadDir(file(path.Dir(p)))
		for _, e := range entries {
			if !e.IsDir() && e.Name() != "index.md" {
				out = append(out, path.Dir(p)+"/"+e.Name())
			}
		}
		return out
	}
	// looseFiles are the files of a bundle its front matter does not name
	// (not its logo or photo): removing one leaves the site buildable, so
	// that a short run does not spend its steps on a site in error.
	looseFiles := func(p string) []string {
		var out []string
		for _, f := range bundleFiles(p) {
			if !strings.Contains(read(p), `"`+path.Base(f)+`"`) {
				out = append(out, f)
			}
		}
		return out
	}
	ext := func(n int) string { return []string{".svg", ".pdf"}[n%2] }
	fileText := func(name string) string {
		if strings.HasSuffix(name, ".svg") {
			return `<svg xmlns="http://www.w3.org/2000/svg"/>`
		}
		return "%PDF-1.4\n"
	}

	ops := []propOp{
		{"add a file to a bundle", func(n int) []string {
			f := path.Dir(pick(bundles())) + "/fichier-" + strconv.Itoa(n) + ext(n)
			write(f, fileText(f))
			return []string{f}
		}},
		{"remove a file from a bundle", func(n int) []string {
			files := looseFiles(pick(bundles()))
			if len(files) == 0 {
				return nil
			}
			f := pick(files)
			os.Remove(file(f))
			return []string{f}
		}},
		{"rename a file in a bundle", func(n int) []string {
			files := looseFiles(pick(bundles()))
			if len(files) == 0 {
				return nil
			}
			f := pick(files)
			to := path.Dir(f) + "/renomme-" + strconv.Itoa(n) + path.Ext(f)
			os.Rename(file(f), file(to))
			return []string{f, to}
		}},
		{"show a bundle file in the text", func(n int) []string {
			p := pick(bundles())
			name := "absente.svg"
			if files := bundleFiles(p); len(files) > 0 && n%3 != 0 {
				name = path.Base(pick(files))
			}
			write(p, read(p)+"\n![Image "+strconv.Itoa(n)+"]("+name+")\n")
			return []string{p}
		}},
		{"add a file to a folder without index.md", func(n int) []string {
			f := "content/reussites/dossier-" + strconv.Itoa(n) + "/note" + ext(n)
			write(f, fileText(f))
			return []string{path.Dir(f), f}
		}},
		{"toggle hiring", func(n int) []string {
			p := pick(pages("entreprises"))
			s := read(p)
			switch {
			case strings.Contains(s, "hiring = true"):
				s = strings.Replace(s, "hiring = true", "hiring = false", 1)
			case strings.Contains(s, "hiring = false"):
				s = strings.Replace(s, "hiring = false", "hiring = true", 1)
			default:
				s = strings.Replace(s, "+++\n", "+++\nhiring = true\n", 1)
			}
			write(p, s)
			return []string{p}
		}},
		{"rename a title", func(n int) []string {
			p := anyPage()
			write(p, strings.Replace(read(p), `title = "`, `title = "`+[]string{"A", "Z", "M"}[n%3]+strconv.Itoa(n)+" ", 1))
			return []string{p}
		}},
		{"add a skill", func(n int) []string {
			p := pick(pages([]string{"entreprises", "formations", "reussites"}[n%3]))
			write(p, strings.Replace(read(p), `skills = [`, `skills = ["`+pick(skills)+`", `, 1))
			return []string{p}
		}},
		{"remove a skill", func(n int) []string {
			p := pick(pages([]string{"entreprises", "formations", "reussites"}[n%3]))
			write(p, regexp.MustCompile(`skills = \["[^"]*", `).ReplaceAllString(read(p), `skills = [`))
			return []string{p}
		}},
		{"add a story", func(n int) []string {
			company := strings.TrimSuffix(pick(pages("entreprises")), "/index.md")
			company = strings.TrimSuffix(path.Base(company), ".md")
			p := "content/reussites/nouvelle-" + strconv.Itoa(n) + ".md"
			write(p, fmt.Sprintf("+++\ntitle = \"Nouvelle %d\"\nsummary = \"Un parcours.\"\ndate = 2026-%02d-10\nperson = \"Léa\"\njob = \"Soudeuse\"\nkind = \"emploi\"\ncompany = %q\ntown = \"Hem\"\nskills = [%q]\n+++\nTexte.\n", n, 1+n%11, company, pick(skills)))
			return []string{p}
		}},
		{"delete a story", func(n int) []string {
			p := pick(pages("reussites"))
			if strings.HasSuffix(p, "/index.md") {
				os.RemoveAll(filepath.Dir(file(p)))
				return []string{path.Dir(p)}
			}
			os.Remove(file(p))
			return []string{p}
		}},
		{"move a story", func(n int) []string {
			p := pick(pages("reussites"))
			if strings.HasSuffix(p, "/index.md") {
				return nil
			}
			to := "content/reussites/deplacee-" + strconv.Itoa(n) + ".md"
			os.Rename(file(p), file(to))
			return []string{p, to}
		}},
		{"change a session date", func(n int) []string {
			p := pick(pages("formations"))
			date := fmt.Sprintf("start = 20%d-%02d-%02d", 26+n%2, 1+rng.IntN(12), 1+rng.IntN(28))
			write(p, regexp.MustCompile(`start = \d{4}-\d\d-\d\d`).ReplaceAllString(read(p), date))
			return []string{p}
		}},
		{"toggle a draft", func(n int) []string {
			p := anyPage()
			if s := read(p); strings.Contains(s, "draft = true\n") {
				write(p, strings.Replace(s, "draft = true\n", "", 1))
			} else {
				frontLine(p, "draft = true")
			}
			return []string{p}
		}},
		{"add an alias", func(n int) []string {
			p := anyPage()
			if strings.Contains(read(p), "aliases = ") {
				return nil
			}
			frontLine(p, `aliases = ["/ancien-`+strconv.Itoa(n)+`/"]`)
			return []string{p}
		}},
		{"write a sentence", func(n int) []string {
			p := anyPage()
			write(p, read(p)+"\nUne phrase de plus, la "+strconv.Itoa(n)+"e.\n")
			return []string{p}
		}},
		{"add a body link", func(n int) []string {
			p := anyPage()
			target := []string{"/a-propos/", "/entreprises/disparue/", "/reussites/nadia-cariste/", "/formations/cuisinier/", "/reussites/nadia-caristes/"}[n%5]
			write(p, read(p)+"\n[Un lien]("+target+")\n")
			return []string{p}
		}},
		{"change site.toml", func(n int) []string {
			s := regexp.MustCompile(`(?m)^title = ".*"$`).ReplaceAllString(read("site.toml"), `title = "Terre de talents `+strconv.Itoa(n)+`"`)
			write("site.toml", regexp.MustCompile(`(?m)^paginate = \d+$`).ReplaceAllString(s, "paginate = "+strconv.Itoa(3+n%10)))
			return []string{"site.toml"}
		}},
		{"edit a layout", func(n int) []string {
			p := "layouts/term.html"
			write(p, strings.Replace(read(p), `<aside class="partout"`, `<aside data-v="`+strconv.Itoa(n)+`" class="partout"`, 1))
			return []string{p}
		}},
		{"edit an i18n file", func(n int) []string {
			write("i18n/fr.toml", `search_button = "Chercher `+strconv.Itoa(n)+`"`+"\n")
			return []string{"i18n/fr.toml"}
		}},
	}
	return site, ops
}

// readTree reads every file of a folder, by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// restore puts a folder back as readTree read it.
func restore(t *testing.T, dir string, files map[string][]byte) {
	for rel := range readTree(t, dir) {
		if _, ok := files[rel]; !ok {
			os.Remove(filepath.Join(dir, filepath.FromSlash(rel)))
		}
	}
	for rel, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// linkWarnings lists the broken links, missing files and near terms of a
// list, and the files of content/ that belong to no page.
func linkWarnings(l *diag.List) string {
	var out []string
	for _, d := range l.Items() {
		switch d.Code {
		case "broken-link", "missing-image", "missing-file", "near-term", "stray-file":
			out = append(out, d.String())
		}
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}
