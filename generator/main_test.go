package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"terredetalents/generator/synth"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// binary is the generator built once for the end-to-end tests.
var binary string

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "ttgen-")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "generator")
	if runtime.GOOS == "windows" {
		binary += ".exe"
	}
	build := exec.Command("go", "build", "-tags", "tdttest", "-o", binary, ".") // testhook_on.go
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		panic("building the generator: " + err.Error())
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// runGen runs the real binary and returns its exit status, stdout, stderr.
func runGen(t testing.TB, dir string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1795564800") // 2026-11-25
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, out.String(), errb.String()
}

// writeArchive writes the files of a txtar archive under dir.
func writeArchive(t *testing.T, dir string, ar *txtar.Archive) {
	t.Helper()
	for _, f := range ar.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// snapshot reads every file under dir, by slash path.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// copySite copies the repository's example site (site.toml and content/)
// into a temporary folder.
func copySite(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	for _, name := range []string{"site.toml", "content"} {
		copyTree(t, filepath.Join("..", name), filepath.Join(dst, name))
	}
	return dst
}

// copyTree copies the files of src into dst, as a person would by hand.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestExampleSiteBuilds(t *testing.T) {
	site := copySite(t)
	code, stdout, stderr := runGen(t, site, "build")
	if code != 0 {
		t.Fatalf("build exited %d\n%s", code, stderr)
	}
	if stderr != "" {
		t.Errorf("the example site should build without warnings, got:\n%s", stderr)
	}
	if !strings.Contains(stdout, "Site construit") {
		t.Errorf("stdout = %q", stdout)
	}
	out := snapshot(t, filepath.Join(site, "public"))
	for _, want := range []string{
		"index.html", "404.html", "sitemap.xml", "robots.txt", "css/site.css",
		"entreprises/index.html", "formations/index.html", "reussites/index.html",
		"entreprises/atelier-lainier-du-nord/index.html", "entreprises/atelier-lainier-du-nord/logo.svg",
		"competences/index.html", "competences/developpement-web/index.html",
		"secteurs/textile/index.html", "communes/roubaix/index.html",
		"a-propos/index.html", "accessibilite/index.html", "mentions-legales/index.html",
		"recherche/index.html", "anciennes-pages/atelier/index.html",
	} {
		if _, ok := out[want]; !ok {
			t.Errorf("missing output file %s", want)
		}
	}
	if code, _, stderr := runGen(t, site, "check"); code != 0 {
		t.Errorf("check exited %d:\n%s", code, stderr)
	}
}

func TestBuildIsReproducible(t *testing.T) {
	site := copySite(t)
	if code, _, stderr := runGen(t, site, "build", "-destination", "a"); code != 0 {
		t.Fatal(stderr)
	}
	if code, _, stderr := runGen(t, site, "build", "-destination", "b"); code != 0 {
		t.Fatal(stderr)
	}
	a, b := snapshot(t, filepath.Join(site, "a")), snapshot(t, filepath.Join(site, "b"))
	if len(a) != len(b) {
		t.Fatalf("%d files then %d", len(a), len(b))
	}
	for name, data := range a {
		if b[name] != data {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

// TestFailedBuildKeepsPreviousOutput breaks a page after a good build: the
// build must fail with the error at its line and leave public/ as it was.
func TestFailedBuildKeepsPreviousOutput(t *testing.T) {
	site := copySite(t)
	if code, _, stderr := runGen(t, site, "build"); code != 0 {
		t.Fatal(stderr)
	}
	before := snapshot(t, filepath.Join(site, "public"))
	page := filepath.Join(site, "content", "entreprises", "watt-renov", "index.md")
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(data), "hiring = true", `hiring = "oui"`, 1)
	if broken == string(data) {
		t.Fatal("watt-renov.md has no line hiring = true to break")
	}
	if err := os.WriteFile(page, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runGen(t, site, "build")
	if code != 1 {
		t.Fatalf("exit status %d, want 1; stderr:\n%s", code, stderr)
	}
	line := 1 + strings.Count(broken[:strings.Index(broken, `hiring = "oui"`)], "\n")
	want := "content/entreprises/watt-renov/index.md:" + strconv.Itoa(line) + ":10: « hiring » vaut oui ou non : écrivez hiring = true, en minuscules et sans guillemets"
	if !strings.Contains(stderr, want) {
		t.Errorf("stderr does not hold\n%s\ngot:\n%s", want, stderr)
	}
	after := snapshot(t, filepath.Join(site, "public"))
	if len(after) != len(before) {
		t.Fatalf("public/ had %d files, now %d", len(before), len(after))
	}
	for name, data := range before {
		if after[name] != data {
			t.Errorf("public/%s changed after a failed build", name)
		}
	}
	entries, _ := os.ReadDir(site)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".public.tmp-") {
			t.Errorf("staging folder %s left behind", e.Name())
		}
	}
}

// eachArchive writes each dir/*.txtar site into a temporary folder and runs
// test on it, as a subtest named after the file.
func eachArchive(t *testing.T, dir string, test func(t *testing.T, site string, ar *txtar.Archive)) {
	archives, _ := filepath.Glob(filepath.Join(dir, "*.txtar"))
	if len(archives) == 0 {
		t.Fatalf("no %s/*.txtar", dir)
	}
	for _, file := range archives {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			site := t.TempDir()
			writeArchive(t, site, ar)
			test(t, site, ar)
		})
	}
}

// TestSitesThatMustFail runs each testdata/fail/*.txtar site: the archive's
// comment lists the exact lines stderr must hold, and the build must exit
// with status 1 without creating public/.
func TestSitesThatMustFail(t *testing.T) {
	eachArchive(t, "testdata/fail", func(t *testing.T, site string, ar *txtar.Archive) {
		code, _, stderr := runGen(t, site, "build")
		if code != 1 {
			t.Fatalf("exit status %d, want 1; stderr:\n%s", code, stderr)
		}
		for _, want := range strings.Split(strings.TrimSpace(string(ar.Comment)), "\n") {
			if want = strings.TrimSpace(want); want != "" && !strings.Contains(stderr, want+"\n") {
				t.Errorf("stderr does not hold the line\n%s\ngot:\n%s", want, stderr)
			}
		}
		if _, err := os.Stat(filepath.Join(site, "public")); err == nil {
			t.Error("a failed build created public/")
		}
	})
}

func TestUsageErrors(t *testing.T) {
	site := copySite(t)
	tests := []struct {
		args []string
		code int
		want string
	}{
		{nil, 2, "Utilisation"},
		{[]string{"publier"}, 2, "commande inconnue « publier »"},
		{[]string{"build", "-nope"}, 2, "flag provided but not defined"},
		{[]string{"build", "-destination", "."}, 2, "contient le site lui-même"},
		{[]string{"build", "-destination", "content/x"}, 2, "est dans les sources du site (content/)"},
		{[]string{"build", "-source", "nulle-part"}, 2, "introuvable"},
	}
	for _, tt := range tests {
		code, _, stderr := runGen(t, site, tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", tt.args, code, stderr, tt.code, tt.want)
		}
	}
}

// TestGolden compares the rendered output of each page kind of the site in
// testdata/golden/site.txtar with the files beside it. Run
// `go test ./generator -update` after an intended change and review the diff.
func TestGolden(t *testing.T) {
	ar, err := txtar.ParseFile(filepath.Join("testdata", "golden", "site.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	site := t.TempDir()
	writeArchive(t, site, ar)
	if code, _, stderr := runGen(t, site, "build"); code != 0 {
		t.Fatal(stderr)
	}
	pages := map[string]string{
		"home.html":            "index.html",
		"entreprise.html":      "entreprises/atelier/index.html",
		"formation.html":       "formations/soudeur/index.html",
		"reussite.html":        "reussites/sabrina/index.html",
		"page.html":            "a-propos/index.html",
		"section.html":         "reussites/index.html",
		"section-2.html":       "reussites/page/2/index.html",
		"taxonomy.html":        "competences/index.html",
		"term.html":            "competences/soudure/index.html",
		"recherche.html":       "recherche/index.html",
		"404.html":             "404.html",
		"alias.html":           "qui-sommes-nous/index.html",
		"evenement.html":       "evenements/job-dating-soudure/index.html",
		"evenement-passe.html": "evenements/forum-ete/index.html",
		"evenements.html":      "evenements/index.html",
		"evenement.ics":        "evenements/job-dating-soudure/evenement.ics",
		"calendrier.ics":       "evenements/calendrier.ics",
		"sitemap.xml":          "sitemap.xml",
		"robots.txt":           "robots.txt",
	}
	for golden, file := range pages {
		got, err := os.ReadFile(filepath.Join(site, "public", filepath.FromSlash(file)))
		if err != nil {
			t.Errorf("%s: %v", file, err)
			continue
		}
		path := filepath.Join("testdata", "golden", golden)
		if *update {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%s: %v (run go test ./generator -update)", path, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s; run go test ./generator -update and review the diff", file, path)
		}
	}
	if _, err := os.Stat(filepath.Join(site, "public", "reussites", "brouillon")); err == nil {
		t.Error("a draft was published")
	}
}

// TestSiteLayoutsOverrideTheme checks that a layout in the site's own
// layouts/ folder replaces the embedded default one, and that the others
// still come from the default theme.
func TestSiteLayoutsOverrideTheme(t *testing.T) {
	site := t.TempDir()
	writeArchive(t, site, txtar.Parse([]byte(`-- content/a-propos.md --
+++
title = "À propos"
summary = "Qui sommes-nous."
+++
Texte.
-- layouts/page.html --
{{define "main"}}<p class="sur-mesure">{{.Page.Title}}</p>{{end}}
`)))
	if code, _, stderr := runGen(t, site, "build"); code != 0 {
		t.Fatal(stderr)
	}
	out := snapshot(t, filepath.Join(site, "public"))
	if !strings.Contains(out["a-propos/index.html"], `<p class="sur-mesure">À propos</p>`) {
		t.Errorf("the site's layouts/page.html was not used:\n%s", out["a-propos/index.html"])
	}
	if !strings.Contains(out["index.html"], `class="skip-link"`) {
		t.Error("the home page should still use the default theme")
	}
}

// TestCheckFindings runs `check -format json` on each testdata/check site.
// The archive comment lists, one a line, every finding expected as
// "file:line:col severity code"; no other finding may appear.
func TestCheckFindings(t *testing.T) {
	eachArchive(t, "testdata/check", func(t *testing.T, site string, ar *txtar.Archive) {
		code, stdout, stderr := runGen(t, site, "check", "-format", "json")
		var findings []finding
		if err := json.Unmarshal([]byte(stdout), &findings); err != nil {
			t.Fatalf("stdout is not JSON: %v\n%s\n%s", err, stdout, stderr)
		}
		var got []string
		hasError := false
		for _, f := range findings {
			got = append(got, fmt.Sprintf("%s:%d:%d %s %s", f.File, f.Line, f.Column, f.Severity, f.Code))
			hasError = hasError || f.Severity == "error"
			if f.Message == "" {
				t.Errorf("finding without a message: %+v", f)
			}
		}
		want := strings.Split(strings.TrimSpace(string(ar.Comment)), "\n")
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("findings:\n%s\nwant:\n%s\nmessages: %+v", strings.Join(got, "\n"), strings.Join(want, "\n"), findings)
		}
		if wantCode := map[bool]int{true: 1, false: 0}[hasError]; code != wantCode {
			t.Errorf("exit status %d, want %d", code, wantCode)
		}
		// What check lets through, build publishes: check fails first on
		// everything build would fail on.
		if code == 0 {
			if bcode, _, berr := runGen(t, site, "build"); bcode != 0 {
				t.Errorf("check passes but build fails with status %d:\n%s", bcode, berr)
			}
		}
	})
}

// TestCheckStrict: warnings alone pass, unless -strict.
func TestCheckStrict(t *testing.T) {
	ar, err := txtar.ParseFile(filepath.Join("testdata", "check", "unknown-field.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	site := t.TempDir()
	writeArchive(t, site, ar)
	if code, _, stderr := runGen(t, site, "check"); code != 0 {
		t.Errorf("check with a warning exited %d:\n%s", code, stderr)
	}
	code, _, stderr := runGen(t, site, "check", "-strict")
	if code != 1 || !strings.Contains(stderr, "vouliez-vous dire « hiring » ?") {
		t.Errorf("check -strict exited %d:\n%s", code, stderr)
	}
}

// TestNewThenCheckThenBuild follows a communication officer: create each
// kind of page, see check name the fields to fill, fill them, publish.
func TestNewThenCheckThenBuild(t *testing.T) {
	site := t.TempDir()
	os.MkdirAll(filepath.Join(site, "content"), 0o755)
	titles := map[string]string{
		"entreprise": "Atelier Lainier du Nord",
		"formation":  "Soudeur assembleur",
		"reussite":   "Léa, soudeuse",
		"evenement":  "Job dating soudure",
		"page":       "Nos partenaires",
	}
	files := map[string]string{
		"entreprise": "content/entreprises/atelier-lainier-du-nord.md",
		"formation":  "content/formations/soudeur-assembleur.md",
		"reussite":   "content/reussites/lea-soudeuse.md",
		"evenement":  "content/evenements/job-dating-soudure.md",
		"page":       "content/nos-partenaires.md",
	}
	for kind, title := range titles {
		code, stdout, stderr := runGen(t, site, "new", kind, title)
		if code != 0 || !strings.Contains(stdout, files[kind]) {
			t.Fatalf("new %s: exit %d\n%s%s", kind, code, stdout, stderr)
		}
	}
	if code, _, stderr := runGen(t, site, "new", "page", "Nos partenaires"); code != 1 || !strings.Contains(stderr, "existe déjà") {
		t.Errorf("new over an existing page: exit %d, %s", code, stderr)
	}
	if code, _, _ := runGen(t, site, "new", "voiture", "Rouge"); code != 2 {
		t.Errorf("new with an unknown kind: exit %d, want 2", code)
	}

	code, _, stderr := runGen(t, site, "check")
	if code != 1 {
		t.Fatalf("check of unfilled pages exited %d", code)
	}
	for _, want := range []string{
		files["entreprise"] + ":3:11: « summary » est encore à compléter",
		files["entreprise"] + ":6:8: « town » est encore à compléter",
		files["formation"] + ":5:12: « provider » est encore à compléter",
		files["reussite"] + ":5:10: « person » est encore à compléter",
		files["evenement"] + ":8:8: « kind » est encore à compléter",
		files["evenement"] + ":18:1: champ obligatoire « start » manquant : ajoutez une ligne start = 2027-03-12T09:30:00 avant la ligne +++",
		files["page"] + ":7:1: ce paragraphe est encore à compléter",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("check does not say\n%s\ngot:\n%s", want, stderr)
		}
	}

	fill := map[string]map[string]string{
		"entreprise": {`"À COMPLÉTER : une phrase qui présente l'entreprise"`: `"Filature à Roubaix."`, `["À COMPLÉTER"]`: `["Textile"]`, `town = "À COMPLÉTER"`: `town = "Roubaix"`},
		"formation":  {`"À COMPLÉTER : une phrase qui présente la formation"`: `"Apprendre à souder."`, `provider = "À COMPLÉTER"`: `provider = "Campus"`, `town = "À COMPLÉTER"`: `town = "Tourcoing"`, `["À COMPLÉTER"]`: `["Soudure"]`},
		"reussite":   {`"À COMPLÉTER : une phrase qui résume le parcours"`: `"Léa soude."`, `person = "À COMPLÉTER"`: `person = "Léa"`, `job = "À COMPLÉTER"`: `job = "Soudeuse"`},
		"page":       {`"À COMPLÉTER : une phrase qui présente la page"`: `"Nos partenaires."`},
		"evenement": {`"À COMPLÉTER : une phrase qui dit à qui s'adresse l'événement et ce qu'on y trouve"`: `"Les ateliers recrutent."`,
			"# start = 2027-03-12T09:30:00": "start = 2027-03-12T09:30:00", `kind = "À COMPLÉTER"`: `kind = "job dating"`,
			`place = "À COMPLÉTER"`: `place = "Maison de l'emploi"`, `town = "À COMPLÉTER"`: `town = "Roubaix"`},
	}
	for kind, repl := range fill {
		p := filepath.Join(site, filepath.FromSlash(files[kind]))
		data, _ := os.ReadFile(p)
		text := string(data)
		for old, new := range repl {
			text = strings.ReplaceAll(text, old, new)
		}
		var kept []string
		for _, line := range strings.Split(text, "\n") {
			if !strings.HasPrefix(line, "À COMPLÉTER") {
				kept = append(kept, line)
			}
		}
		os.WriteFile(p, []byte(strings.Join(kept, "\n")), 0o644)
	}
	if code, _, stderr := runGen(t, site, "check", "-strict"); code != 0 {
		t.Fatalf("check after filling in exited %d:\n%s", code, stderr)
	}
	if code, _, stderr := runGen(t, site, "build"); code != 0 {
		t.Fatalf("build exited %d:\n%s", code, stderr)
	}
	page, err := os.ReadFile(filepath.Join(site, "public", "formations", "soudeur-assembleur", "index.html"))
	if err != nil || !strings.Contains(string(page), "<h1>Soudeur assembleur</h1>") {
		t.Errorf("the new training is not published: %v", err)
	}
}

// TestSiteArchetypeOverridesTheme: a site's archetypes/ folder replaces the
// theme's model for `new`.
func TestSiteArchetypeOverridesTheme(t *testing.T) {
	site := t.TempDir()
	writeArchive(t, site, txtar.Parse([]byte(`-- content/_index.md --
+++
title = "Accueil"
+++
-- archetypes/page.md --
+++
title = {{toml .Title}}
summary = "Modèle maison."
date = {{.Date}}
+++
`)))
	if code, _, stderr := runGen(t, site, "new", "page", `Les "ateliers"`); code != 0 {
		t.Fatal(stderr)
	}
	data, err := os.ReadFile(filepath.Join(site, "content", "les-ateliers.md"))
	if err != nil {
		t.Fatal(err)
	}
	want := "+++\ntitle = \"Les \\\"ateliers\\\"\"\nsummary = \"Modèle maison.\"\ndate = 2026-11-25\n+++\n"
	if string(data) != want {
		t.Errorf("got\n%s\nwant\n%s", data, want)
	}
}

// TestServe drives the real server on a temporary copy of the example
// site: edits, a broken file, a fix, a new folder, a rename, a deletion.
func TestServe(t *testing.T) {
	site := copySite(t)
	cmd := exec.Command(binary, "serve", "-port", "0")
	cmd.Dir = site
	cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1795564800")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	}()
	first := make([]byte, 256)
	n, _ := stdout.Read(first)
	go io.Copy(io.Discard, stdout)
	m := regexp.MustCompile(`http://[0-9.:]+/`).Find(first[:n])
	if m == nil {
		t.Fatalf("no address in %q (stderr %s)", first[:n], stderr.String())
	}
	base := string(m)
	get := func(path string) (int, string) {
		resp, err := http.Get(base + strings.TrimPrefix(path, "/"))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	// waitFor polls until the page answers with status and holds want.
	waitFor := func(step, path string, status int, want string) string {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for {
			code, body := get(path)
			if code == status && strings.Contains(body, want) {
				return body
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: %s answered %d without %q", step, path, code, want)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	file := func(rel string) string { return filepath.Join(site, filepath.FromSlash(rel)) }
	rewrite := func(rel, old, new string) {
		data, _ := os.ReadFile(file(rel))
		os.WriteFile(file(rel), []byte(strings.Replace(string(data), old, new, 1)), 0o644)
	}

	body := waitFor("start", "/entreprises/watt-renov/", 200, "<h1>")
	if !strings.Contains(body, `<link rel="canonical" href="/entreprises/watt-renov/">`) {
		t.Error("serve must link to its own pages, not to the published site")
	}
	rewrite("content/entreprises/watt-renov/index.md", `title = "`, `title = "Édité `)
	waitFor("edit", "/entreprises/watt-renov/", 200, "<h1>Édité ")

	rewrite("content/entreprises/watt-renov/index.md", "hiring = true", `hiring = "oui"`)
	body = waitFor("broken file", "/entreprises/watt-renov/", 200, "Le site n'a pas pu être mis à jour")
	if !strings.Contains(body, "<h1>Édité ") || !strings.Contains(body, "content/entreprises/watt-renov/index.md:9:10:") {
		t.Errorf("the overlay must name the line and sit over the last good page:\n%s", body)
	}
	rewrite("content/entreprises/watt-renov/index.md", `hiring = "oui"`, "hiring = true")
	deadline := time.Now().Add(5 * time.Second)
	for _, b := get("/entreprises/watt-renov/"); strings.Contains(b, "tdt-erreurs"); _, b = get("/entreprises/watt-renov/") {
		if time.Now().After(deadline) {
			t.Fatal("the overlay stayed after the fix")
		}
		time.Sleep(20 * time.Millisecond)
	}

	os.MkdirAll(file("content/reussites/zoe"), 0o755)
	time.Sleep(100 * time.Millisecond)
	os.WriteFile(file("content/reussites/zoe/index.md"), []byte("+++\ntitle = \"Zoé, couturière\"\nsummary = \"Zoé coud.\"\ndate = 2026-11-20\nperson = \"Zoé\"\njob = \"Couturière\"\n+++\n"), 0o644)
	waitFor("new folder", "/reussites/zoe/", 200, "Zoé, couturière")
	waitFor("new page listed", "/reussites/", 200, "Zoé, couturière")

	os.Rename(file("content/reussites/zoe"), file("content/reussites/zoe-couturiere"))
	waitFor("renamed", "/reussites/zoe-couturiere/", 200, "Zoé, couturière")
	waitFor("old address gone", "/reussites/zoe/", 404, "")

	os.RemoveAll(file("content/reussites/zoe-couturiere"))
	waitFor("deleted", "/reussites/zoe-couturiere/", 404, "")
	_, list := get("/reussites/")
	if strings.Contains(list, "Zoé") {
		t.Error("the deleted story is still listed")
	}
	if code, _ := get("/../site.toml"); code != 400 && code != 404 {
		t.Errorf("traversal answered %d", code)
	}
	if _, err := os.Stat(file("public")); err == nil {
		t.Error("serve wrote public/")
	}
}

// finding lines look like "content/x.md:3:8: message".
var findingLine = regexp.MustCompile(`^[^\s:]+:\d+:\d+: `)

// TestMessages runs `check` on each testdata/messages site: the archive's
// comment is every finding printed, exactly and in order, so that a
// message's wording and its suggested fix are pinned, and a site whose
// comment is empty must pass without a word. `go test ./generator
// -update` rewrites the comments; review the diff.
func TestMessages(t *testing.T) {
	eachArchive(t, "testdata/messages", func(t *testing.T, site string, ar *txtar.Archive) {
		code, stdout, stderr := runGen(t, site, "check")
		var got []string
		for _, line := range strings.Split(stdout+stderr, "\n") {
			if findingLine.MatchString(line) {
				got = append(got, line)
			}
		}
		want := strings.TrimSpace(string(ar.Comment))
		if *update {
			ar.Comment = []byte(strings.Join(got, "\n") + "\n")
			if len(got) == 0 {
				ar.Comment = nil
			}
			file := filepath.Join("testdata", "messages", t.Name()[strings.LastIndexByte(t.Name(), '/')+1:]+".txtar")
			if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		if strings.Join(got, "\n") != want {
			t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
		}
		hasError := slices.ContainsFunc(got, func(l string) bool {
			rest := findingLine.ReplaceAllString(l, "")
			return !strings.HasPrefix(rest, "attention : ") && !strings.HasPrefix(rest, "information : ")
		})
		if wantCode := map[bool]int{true: 1, false: 0}[hasError]; code != wantCode {
			t.Errorf("exit status %d, want %d", code, wantCode)
		}
		// What check lets through, build publishes: check fails first on
		// everything build would fail on.
		if code == 0 {
			if bcode, _, berr := runGen(t, site, "build"); bcode != 0 {
				t.Errorf("check passes but build fails with status %d:\n%s", bcode, berr)
			}
		}
	})
}

// startServe runs "serve -port 0 args…" on site and returns its first
// lines of output, once it listens; stop ends it and returns its stderr.
func startServe(t *testing.T, site string, args ...string) (stdout string, stop func() string) {
	t.Helper()
	cmd := exec.Command(binary, append([]string{"serve", "-port", "0"}, args...)...)
	cmd.Dir = site
	cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1795564800")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	stopped := false
	stop = func() string {
		if !stopped {
			stopped = true
			cmd.Process.Signal(os.Interrupt)
			cmd.Wait()
		}
		return stderr.String()
	}
	t.Cleanup(func() { stop() })
	var lines strings.Builder
	r := bufio.NewReader(out)
	for !strings.Contains(lines.String(), "Ctrl+C") {
		line, err := r.ReadString('\n')
		lines.WriteString(line)
		if err != nil {
			t.Fatalf("serve stopped: %q (stderr %s)", lines.String(), stop())
		}
	}
	go io.Copy(io.Discard, r)
	return lines.String(), stop
}

// getHost fetches url sending host as the Host header.
func getHost(t *testing.T, url, host string) (int, string) {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Host = host
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// TestServeAnswersOnlyItsOwnHost: a page of another site whose name points
// at 127.0.0.1 (DNS rebinding) cannot read the preview.
func TestServeAnswersOnlyItsOwnHost(t *testing.T) {
	out, _ := startServe(t, copySite(t))
	base := regexp.MustCompile(`http://127\.0\.0\.1:([0-9]+)/`).FindStringSubmatch(out)
	if base == nil {
		t.Fatalf("no loopback address in %q", out)
	}
	port := base[1]
	for _, host := range []string{"127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port} {
		if code, _ := getHost(t, base[0], host); code != 200 {
			t.Errorf("Host %s answered %d, want 200", host, code)
		}
	}
	for _, host := range []string{"evil.example:" + port, "evil.example", "127.0.0.1.nip.io:" + port} {
		code, body := getHost(t, base[0], host)
		if code != 403 || !strings.Contains(body, "accès refusé") {
			t.Errorf("Host %s answered %d (%d bytes), want 403", host, code, len(body))
		}
	}
}

// TestServeOnNetworkWarns: -bind 0.0.0.0 says the preview is visible on
// the network and shows addresses a browser can open.
func TestServeOnNetworkWarns(t *testing.T) {
	out, stop := startServe(t, copySite(t), "-bind", "0.0.0.0")
	if strings.Contains(out, "[::]") || strings.Contains(out, "0.0.0.0") {
		t.Errorf("serve shows an address no browser can open:\n%s", out)
	}
	urls := regexp.MustCompile(`http://\S+/`).FindAllString(out, -1)
	if len(urls) == 0 || !strings.HasPrefix(urls[0], "http://127.0.0.1:") {
		t.Fatalf("no loopback address first in %q", out)
	}
	for _, u := range urls {
		host := strings.TrimPrefix(u, "http://")
		host = host[:strings.IndexByte(host, '/')] // the editor's address has a path
		if code, _ := getHost(t, u, host); code != 200 {
			t.Errorf("%s answered %d, want 200", u, code)
		}
		if code, _ := getHost(t, u, "evil.example"); code != 403 {
			t.Errorf("%s with Host evil.example answered %d, want 403", u, code)
		}
	}
	want := "attention : avec -bind 0.0.0.0, l'aperçu est visible par les autres appareils du réseau"
	if stderr := stop(); !strings.Contains(stderr, want) {
		t.Errorf("stderr does not warn %q:\n%s", want, stderr)
	}
}

// TestSyntheticSite checks and builds a mid-size synthetic site of varied
// content (prose saying "à compléter", a long tail of skills, bundles,
// aliases, past and future sessions, drafts): no error, and exactly the
// warnings of the mistakes synth makes on purpose, no false alarm.
func TestSyntheticSite(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	opts := synth.Options{Pages: 1000, Seed: 7}
	if err := synth.Write(site, opts); err != nil {
		t.Fatal(err)
	}
	want := synth.Expected(opts)
	code, stdout, stderr := runGen(t, site, "check", "-format", "json")
	var findings []finding
	if err := json.Unmarshal([]byte(stdout), &findings); err != nil {
		t.Fatalf("check: %v\n%s", err, stderr)
	}
	got := map[string]int{}
	for _, f := range findings {
		got[f.Code]++
		if f.Severity == "error" {
			t.Errorf("error: %+v", f)
		}
	}
	for c, n := range want {
		if c != "published" && got[c] != n {
			t.Errorf("check: %d findings %s, want %d", got[c], c, n)
		}
	}
	for c, n := range got {
		if _, ok := want[c]; !ok {
			t.Errorf("check: %d unexpected findings %s, e.g. %+v", n, c, findings[slices.IndexFunc(findings, func(f finding) bool { return f.Code == c })])
		}
	}
	if code != 0 {
		t.Errorf("check exit status %d", code)
	}
	code, stdout, stderr = runGen(t, site, "build")
	if published := groupDigits(int64(want["published"] + 4)); code != 0 || !strings.Contains(stdout, ": "+published+" pages publiées") {
		t.Errorf("build: exit %d, want %s pages published\n%s\n%s", code, published, stdout, stderr)
	}
}

// TestGuideQuotesRealMessages: every message the staff's guide quotes in
// its table is, piece by piece (around « … »), a message that a testdata
// site pins, so that the guide cannot drift from what check writes.
func TestGuideQuotesRealMessages(t *testing.T) {
	guide, err := os.ReadFile(filepath.Join("..", "docs", "guide-redaction.md"))
	if err != nil {
		t.Fatal(err)
	}
	var pinned strings.Builder
	for _, dir := range []string{"messages", "fail"} {
		files, _ := filepath.Glob(filepath.Join("testdata", dir, "*.txtar"))
		for _, f := range files {
			ar, err := txtar.ParseFile(f)
			if err != nil {
				t.Fatal(err)
			}
			pinned.Write(ar.Comment)
		}
	}
	_, table, _ := strings.Cut(string(guide), "## Lire un message")
	row := regexp.MustCompile("(?m)^\\| `([^`]+)` \\|")
	rows := row.FindAllStringSubmatch(table, -1)
	if len(rows) < 10 {
		t.Fatalf("only %d quoted messages found in the guide", len(rows))
	}
	for _, m := range rows {
		for _, piece := range strings.Split(m[1], "…") {
			if piece = strings.TrimSpace(piece); piece != "" && !strings.Contains(pinned.String(), piece) {
				t.Errorf("the guide quotes %q, which no testdata site pins", piece)
			}
		}
	}
}
