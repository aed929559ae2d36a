package main

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"image"
	"image/color"
	"image/png"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"terredetalents/generator/serve"
)

// editorSite runs serve's handler (the preview and its editor) on a copy
// of the example site, with the watcher, as `serve` does. It returns the
// address and the site's folder.
func editorSite(t *testing.T) (base, site string) {
	t.Helper()
	site = copySite(t)
	opts := pipelineOptions{Now: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)}
	server := serve.NewServer()
	rebuild, idle := serveRebuilder(newDevBuilder(os.DirFS(site), opts), server, io.Discard, io.Discard)
	rebuild(nil)
	stop := make(chan struct{})
	if err := watchSite(site, rebuild, stop); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addrs := serve.AddressesFor("127.0.0.1", ln.Addr().(*net.TCPAddr), nil, "")
	srv := httptest.NewUnstartedServer(serve.OnlyHosts(addrs.Hosts, addrs.Open, previewHandler(site, opts, addrs.Hosts, server)))
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(func() { srv.Close(); close(stop); idle() })
	return strings.TrimSuffix(addrs.Open, "/"), site
}

// editorBrowser is a headless Chromium in which the name
// rebinding.example leads to this machine, as a DNS rebinding attack
// would make it.
func editorBrowser(t *testing.T, width int64) (context.Context, *[]string) {
	t.Helper()
	path := chromiumPath(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("host-resolver-rules", "MAP rebinding.example 127.0.0.1"),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.WindowSize(int(width), 900),
	)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	ctx, cancel3 := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancel3)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	errs := &[]string{}
	return ctx, errs
}

// do runs browser steps, failing the test on the first error.
func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// textOf is the text of the first element matching sel.
func textOf(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(sel))
	if err != nil {
		t.Fatalf("%s: %v", sel, err)
	}
	return s
}

// valueOf is the value of the first field matching sel.
func valueOf(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Value(sel))
	if err != nil {
		t.Fatalf("%s: %v", sel, err)
	}
	return s
}

// waitFor waits until a JavaScript condition holds, across navigations.
func waitFor(t *testing.T, ctx context.Context, cond string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond)); err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("never true: %s", cond)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func readText(t *testing.T, site, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func writeText(t *testing.T, site, rel, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(site, filepath.FromSlash(rel)), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// waitPage polls a page of the preview until it holds want.
func waitPage(t *testing.T, u, want string) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		resp, err := http.Get(u)
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if strings.Contains(string(body), want) {
				return string(body)
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s never showed %q", u, want)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

const cuisinier = "content/formations/cuisinier.md"

// TestEditorBrowserMinimalDiff: from a page of the preview, « Modifier
// cette page », one field changed, « Enregistrer »: only that line of the
// file changes, its comment and an unknown key stay, and the page is
// rebuilt.
func TestEditorBrowserMinimalDiff(t *testing.T) {
	base, site := editorSite(t)
	before := strings.Replace(readText(t, site, cuisinier), "+++\n", "+++\n# Relu par l'équipe en mars\n", 1)
	before = strings.Replace(before, `title = "Cuisinier"`, `title = "Cuisinier"   # le métier`, 1)
	writeText(t, site, cuisinier, before)
	waitPage(t, base+"/formations/cuisinier/", "Cuisinier")

	ctx, _ := editorBrowser(t, 1280)
	do(t, ctx,
		chromedp.Navigate(base+"/formations/cuisinier/"),
		chromedp.Click(`.tdt-edition a`),
		chromedp.WaitVisible(`#champ-title`),
		chromedp.SetValue(`#champ-title`, "Cuisinier ou cuisinière"),
		chromedp.Click(`.barre button`),
		chromedp.WaitVisible(`.note`),
	)
	notice := textOf(t, ctx, ".note")
	if !strings.HasPrefix(notice, "Enregistré") {
		t.Errorf("notice %q", notice)
	}
	want := strings.Replace(before, `title = "Cuisinier"   # le métier`, `title = "Cuisinier ou cuisinière"   # le métier`, 1)
	if got := readText(t, site, cuisinier); got != want {
		t.Errorf("the file changed beyond its title:\n%s\nwant\n%s", got, want)
	}
	waitPage(t, base+"/formations/cuisinier/", "<h1>Cuisinier ou cuisinière</h1>")
}

// TestEditorBrowserErrorAtField: a value out of range is reported at its
// field while typing and on save, with the code of check; nothing is
// written and what was typed stays.
func TestEditorBrowserErrorAtField(t *testing.T) {
	base, site := editorSite(t)
	before := readText(t, site, cuisinier)
	ctx, _ := editorBrowser(t, 1280)
	do(t, ctx,
		chromedp.Navigate(base+"/_edition/page?fichier="+url.QueryEscape(cuisinier)),
		chromedp.WaitVisible(`#champ-level`),
		chromedp.SetValue(`#champ-level`, ""),
		chromedp.SendKeys(`#champ-level`, "12"),
		chromedp.WaitVisible(`#msg-champ-level .erreur`),
	)
	live := textOf(t, ctx, "#msg-champ-level")
	do(t, ctx,
		chromedp.Click(`.barre button`),
		chromedp.WaitVisible(`#resume [role=alert]`),
	)
	onSave, summary, typed := textOf(t, ctx, "#msg-champ-level"), textOf(t, ctx, "#resume"), valueOf(t, ctx, "#champ-level")
	attr, _ := chromedp.Run(ctx, chromedp.AttributeValue(`#champ-level`, "aria-invalid"))
	invalid := attr.Value
	for name, msg := range map[string]string{"while typing": live, "on save": onSave} {
		if !strings.Contains(msg, "(out-of-range)") && !strings.Contains(msg, "12") {
			t.Errorf("%s, the level field says %q", name, msg)
		}
	}
	if !strings.Contains(summary, "Rien n'a été enregistré") || !strings.Contains(summary, "Niveau de qualification") {
		t.Errorf("summary %q", summary)
	}
	if typed != "12" || invalid != "true" {
		t.Errorf("field value %q, aria-invalid %q", typed, invalid)
	}
	if readText(t, site, cuisinier) != before {
		t.Error("a form with an error was written")
	}
}

// TestEditorBrowserConflict: a file changed on disk since its form was
// opened is not overwritten; both versions show. A field the staff did not
// touch takes the value on disk, so that saving the conflict screen as it
// comes keeps both edits.
func TestEditorBrowserConflict(t *testing.T) {
	base, site := editorSite(t)
	ctx, _ := editorBrowser(t, 1280)
	do(t, ctx,
		chromedp.Navigate(base+"/_edition/page?fichier="+url.QueryEscape(cuisinier)),
		chromedp.WaitVisible(`#champ-title`),
		chromedp.SetValue(`#champ-title`, "Cuisinier (version du formulaire)"),
	)
	elsewhere := strings.Replace(readText(t, site, cuisinier), `provider = "`, `provider = "Autre éditeur : `, 1)
	writeText(t, site, cuisinier, elsewhere)
	do(t, ctx,
		chromedp.Click(`.barre button`),
		chromedp.WaitVisible(`.conflit`),
	)
	screen, differences := textOf(t, ctx, ".conflit"), textOf(t, ctx, ".differences")
	if readText(t, site, cuisinier) != elsewhere {
		t.Fatal("the file changed on disk was overwritten")
	}
	if provider := valueOf(t, ctx, "#champ-provider"); !strings.Contains(provider, "Autre éditeur") || !strings.Contains(screen, "ont repris la version du disque") {
		t.Errorf("the provider, not edited in the form, did not take the value on disk: %q\n%s", provider, screen)
	}
	if !strings.Contains(differences, "Cuisinier (version du formulaire)") {
		t.Errorf("the title edited in the form is not shown beside the disk's: %q", differences)
	}
	// Saving the screen as it comes keeps both edits.
	title := valueOf(t, ctx, "#champ-title")
	do(t, ctx,
		chromedp.Click(`.barre button`),
		chromedp.WaitVisible(`.note`),
	)
	got := readText(t, site, cuisinier)
	if title != "Cuisinier (version du formulaire)" || !strings.Contains(got, `title = "Cuisinier (version du formulaire)"`) || !strings.Contains(got, "Autre éditeur") {
		t.Errorf("after the merge (title field %q):\n%s", title, got)
	}
}

// TestEditorBrowserNewPage: « Nouvelle page » makes the file `new` makes,
// and opens its form.
func TestEditorBrowserNewPage(t *testing.T) {
	base, site := editorSite(t)
	ctx, _ := editorBrowser(t, 1280)
	do(t, ctx,
		chromedp.Navigate(base+"/_edition/"),
		chromedp.Click(`.actions a`),
		chromedp.WaitVisible(`#titre`),
		chromedp.Click(`#type-reussite`),
		chromedp.SendKeys(`#titre`, "Zoé, couturière"),
		chromedp.Submit(`#titre`),
		chromedp.WaitVisible(`#champ-person`),
	)
	title := valueOf(t, ctx, "#champ-title")
	got := readText(t, site, "content/reussites/zoe-couturiere.md")
	if title != "Zoé, couturière" || !strings.Contains(got, `title = "Zoé, couturière"`) || !strings.Contains(got, "À COMPLÉTER") {
		t.Errorf("title field %q, file:\n%s", title, got)
	}
}

// pngBytes is a small PNG image.
func pngBytes(t *testing.T) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for x := range 40 {
		img.Set(x, 10, color.RGBA{200, 30, 30, 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestEditorBrowserImageUpload: an image sent with the form of a single
// file page turns it into a bundle, with the image beside index.md.
func TestEditorBrowserImageUpload(t *testing.T) {
	base, site := editorSite(t)
	file := filepath.Join(t.TempDir(), "Photo d'équipe.PNG")
	if err := os.WriteFile(file, pngBytes(t), 0o644); err != nil {
		t.Fatal(err)
	}
	before := readText(t, site, cuisinier)
	ctx, _ := editorBrowser(t, 1280)
	do(t, ctx,
		chromedp.Navigate(base+"/_edition/page?fichier="+url.QueryEscape(cuisinier)),
		chromedp.WaitVisible(`#champ-image`),
		chromedp.SetUploadFiles(`#champ-image`, []string{file}),
		chromedp.Click(`.barre button`),
		chromedp.WaitVisible(`.note`),
	)
	notice, images := textOf(t, ctx, ".note"), textOf(t, ctx, "#aide-champ-image")
	bundle := "content/formations/cuisinier/index.md"
	if got := readText(t, site, bundle); got != before {
		t.Errorf("the page changed on its way into a bundle:\n%s", got)
	}
	if _, err := os.Stat(filepath.Join(site, "content/formations/cuisinier.md")); err == nil {
		t.Error("the single file page is still there")
	}
	data, err := os.ReadFile(filepath.Join(site, "content/formations/cuisinier/photo-d-equipe.png"))
	if err != nil || !bytes.Equal(data, pngBytes(t)) {
		t.Errorf("the image is not in the bundle: %v", err)
	}
	if !strings.Contains(notice, "photo-d-equipe.png") || !strings.Contains(images, "photo-d-equipe.png") {
		t.Errorf("notice %q, images %q", notice, images)
	}
	waitPage(t, base+"/formations/cuisinier/", "Cuisinier")

	// The image written in the text shows in the preview, found where
	// the published page finds it: beside the page, not beside the form.
	do(t, ctx,
		chromedp.Click(`#champ-body`),
		chromedp.SendKeys(`#champ-body`, "\n\n![Notre équipe](photo-d-equipe.png)\n"),
	)
	waitFor(t, ctx, `(() => { const i = document.querySelector("#apercu-contenu img"); return !!i && i.complete && i.naturalWidth > 0 })()`)
	src, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#apercu-contenu img").getAttribute("src")`))
	if err != nil || src != "/formations/cuisinier/photo-d-equipe.png" {
		t.Errorf("preview image src %q (%v)", src, err)
	}
}

// TestEditorBrowserForeignOrigin: a form of another site open in the same
// browser posts to the editor; it is refused, and nothing is written.
func TestEditorBrowserForeignOrigin(t *testing.T) {
	base, site := editorSite(t)
	before := readText(t, site, cuisinier)
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, `<!DOCTYPE html><title>x</title><form id="f" method="post" action="`+base+`/_edition/page">
<input name="_fichier" value="`+cuisinier+`"><input name="_version" value=""><input name="title" value="Piraté">
</form><script>document.getElementById("f").submit()</script>`)
	}))
	defer evil.Close()
	ctx, _ := editorBrowser(t, 1280)
	do(t, ctx,
		chromedp.Navigate(evil.URL),
	)
	waitFor(t, ctx, `location.href.indexOf("/_edition/page") >= 0 && document.readyState === "complete"`)
	body := textOf(t, ctx, "body")
	if !strings.Contains(body, "accès refusé") {
		t.Errorf("the cross-site form was answered %q", body)
	}
	if readText(t, site, cuisinier) != before {
		t.Error("a form of another site wrote the file")
	}
}

// TestEditorBrowserForeignHost: a name of another site that leads to
// this machine (DNS rebinding) reaches neither the editor nor the preview.
func TestEditorBrowserForeignHost(t *testing.T) {
	base, _ := editorSite(t)
	port := base[strings.LastIndexByte(base, ':'):]
	ctx, _ := editorBrowser(t, 1280)
	for _, p := range []string{"/_edition/", "/_edition/page?fichier=" + url.QueryEscape(cuisinier), "/"} {
		do(t, ctx, chromedp.Navigate("http://rebinding.example"+port+p))
		body := textOf(t, ctx, "body")
		if !strings.Contains(body, "accès refusé") || strings.Contains(body, "Cuisinier") {
			t.Errorf("%s through a foreign name: %q", p, body)
		}
	}
}

// TestEditorBrowserPathOutsideContent: a form whose file path was changed
// to lead out of content/ is refused, whether by "..", an absolute path
// or a symbolic link.
func TestEditorBrowserPathOutsideContent(t *testing.T) {
	base, site := editorSite(t)
	config := readText(t, site, "site.toml")
	if err := os.Symlink(filepath.Join(site, "site.toml"), filepath.Join(site, "content", "lien.md")); err != nil {
		t.Fatal(err)
	}
	ctx, _ := editorBrowser(t, 1280)
	for _, p := range []string{"content/../site.toml", "../site.toml", "/etc/passwd", "content/formations/../../site.toml", "content/lien.md"} {
		do(t, ctx,
			chromedp.Navigate(base+"/_edition/page?fichier="+url.QueryEscape(cuisinier)),
			chromedp.WaitVisible(`#champ-title`),
			chromedp.SetAttributeValue(`input[name=_fichier]`, "value", p),
			chromedp.SetValue(`#champ-title`, "Piraté"),
			chromedp.Click(`.barre button`),
		)
		waitFor(t, ctx, `document.readyState === "complete" && !document.querySelector("#champ-title")`)
		body := textOf(t, ctx, "body")
		if !strings.Contains(body, "refusé") && !strings.Contains(body, "introuvable") {
			t.Errorf("%s: answered %q", p, body)
		}
	}
	if readText(t, site, "site.toml") != config {
		t.Error("site.toml was written through the editor")
	}
}

// TestEditorBrowserAccessible: the list, a form, a form with errors, the
// conflict screen, the new page form and a preview page with its
// « Modifier cette page » link, at 1280 and 360 px: no axe-core
// violation, no sideways scrolling, and every field reachable by the
// keyboard.
func TestEditorBrowserAccessible(t *testing.T) {
	base, site := editorSite(t)
	axe := axeSource(t)
	form := base + "/_edition/page?fichier=" + url.QueryEscape(cuisinier)
	screens := []struct {
		name  string
		reach func(ctx context.Context)
	}{
		{"list", func(ctx context.Context) {
			do(t, ctx, chromedp.Navigate(base+"/_edition/"), chromedp.WaitVisible(`#filtre`))
		}},
		{"form", func(ctx context.Context) { do(t, ctx, chromedp.Navigate(form), chromedp.WaitVisible(`#champ-title`)) }},
		{"form with errors", func(ctx context.Context) {
			do(t, ctx, chromedp.Navigate(form), chromedp.WaitVisible(`#champ-level`))
			chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("#champ-level").value = "12"; document.querySelector("#champ-title").value = ""; true`))
			do(t, ctx, chromedp.Click(`.barre button`), chromedp.WaitVisible(`#resume [role=alert]`))
		}},
		{"conflict", func(ctx context.Context) {
			do(t, ctx, chromedp.Navigate(form), chromedp.WaitVisible(`#champ-title`), chromedp.SetValue(`#champ-title`, "Cuisinier !"))
			text := readText(t, site, cuisinier)
			writeText(t, site, cuisinier, strings.Replace(text, `provider = "`, `provider = "Autre : `, 1))
			do(t, ctx, chromedp.Click(`.barre button`), chromedp.WaitVisible(`.conflit`))
			writeText(t, site, cuisinier, text)
		}},
		{"new page", func(ctx context.Context) {
			do(t, ctx, chromedp.Navigate(base+"/_edition/nouvelle"), chromedp.WaitVisible(`#titre`))
		}},
		{"preview page", func(ctx context.Context) {
			do(t, ctx, chromedp.Navigate(base+"/formations/cuisinier/"), chromedp.WaitVisible(`.tdt-edition a`))
		}},
	}
	for _, width := range []int64{1280, 360} {
		ctx, _ := editorBrowser(t, width)
		do(t, ctx, chromedp.EmulateViewport(width, 800))
		for _, s := range screens {
			s.reach(ctx)
			for _, v := range runAxe(t, ctx, axe) {
				t.Errorf("%s at %d px: %s violation %s on %d elements (%s): %s", s.name, width, v.Impact, v.ID, v.Nodes, v.Target, v.Help)
			}
			overflow, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
			if err != nil || overflow > 0 {
				t.Errorf("%s scrolls sideways at %d px by %d px (%v)", s.name, width, overflow, err)
			}
		}
	}
	// The check can fail: a field without a label is reported.
	ctx, _ := editorBrowser(t, 1280)
	do(t, ctx, chromedp.Navigate(form), chromedp.WaitVisible(`#champ-title`))
	chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("#formulaire").appendChild(document.createElement("input")); true`))
	found := false
	for _, v := range runAxe(t, ctx, axe) {
		found = found || v.ID == "label"
	}
	if !found {
		t.Error("axe-core did not report a field without a label: the accessibility check is not running")
	}

	// The keyboard reaches every field of a form, in order, from the top.
	do(t, ctx, chromedp.Navigate(form), chromedp.WaitVisible(`#champ-title`))
	fields, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#formulaire input:not([type=hidden]), #formulaire select, #formulaire textarea").length`))
	reached := map[string]bool{}
	for range 400 {
		do(t, ctx, chromedp.KeyEvent("\t"))
		id, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.activeElement.closest("#formulaire") && document.activeElement.matches("input,select,textarea")) ? (document.activeElement.id || document.activeElement.name) : ""`))
		if id != "" {
			reached[id] = true
		}
		if id == "champ-image" {
			break
		}
	}
	t.Logf("the keyboard reached %d of %d fields", len(reached), fields)
	if len(reached) < fields-1 {
		t.Errorf("the keyboard reached %d of the %d fields before the image field", len(reached), fields)
	}
}

// TestBuildHasNoEditor: the editor and its link are serve's only; a built
// site holds neither.
func TestBuildHasNoEditor(t *testing.T) {
	site := copySite(t)
	if code, _, stderr := runGen(t, site, "build"); code != 0 {
		t.Fatal(stderr)
	}
	err := filepath.WalkDir(filepath.Join(site, "public"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if bytes.Contains(data, []byte("_edition")) || bytes.Contains(data, []byte("Modifier cette page")) {
			t.Errorf("%s mentions the editor", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestEditorScreenshots takes the guide's pictures of the editor, at
// 1280 and 360 px: the list, a form with an error, the conflict screen.
// Run it with TDT_SCREENSHOTS=1 after changing the editor's look, then
// look at docs/images/edition-*.png.
func TestEditorScreenshots(t *testing.T) {
	if os.Getenv("TDT_SCREENSHOTS") != "1" {
		t.Skip("TDT_SCREENSHOTS=1 takes the guide's screenshots of the editor")
	}
	base, site := editorSite(t)
	form := base + "/_edition/page?fichier=" + url.QueryEscape(cuisinier)
	shots := []struct {
		name  string
		reach func(ctx context.Context)
	}{
		{"liste", func(ctx context.Context) {
			do(t, ctx, chromedp.Navigate(base+"/_edition/"), chromedp.WaitVisible(`#filtre`))
		}},
		{"erreur", func(ctx context.Context) {
			do(t, ctx, chromedp.Navigate(form), chromedp.WaitVisible(`#champ-title`))
			chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("#champ-title").value = ""; true`))
			do(t, ctx, chromedp.Click(`.barre button`), chromedp.WaitVisible(`#resume [role=alert]`))
		}},
		{"conflit", func(ctx context.Context) {
			do(t, ctx, chromedp.Navigate(form), chromedp.WaitVisible(`#champ-title`), chromedp.SetValue(`#champ-title`, "Cuisinier ou cuisinière"))
			text := readText(t, site, cuisinier)
			writeText(t, site, cuisinier, strings.Replace(text, `title = "Cuisinier"`, `title = "Cuisinier en restauration"`, 1))
			do(t, ctx, chromedp.Click(`.barre button`), chromedp.WaitVisible(`.conflit`))
			writeText(t, site, cuisinier, text)
		}},
	}
	for _, width := range []int64{1280, 360} {
		ctx, _ := editorBrowser(t, width)
		height := int64(900)
		if width == 360 {
			height = 780
		}
		do(t, ctx, chromedp.EmulateViewport(width, height))
		for _, s := range shots {
			s.reach(ctx)
			chromedp.Run(ctx, chromedp.Evaluate[bool](`document.activeElement && document.activeElement.blur(); scrollTo(0, 0); true`))
			png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatal(err)
			}
			name := filepath.Join("..", "docs", "images", "edition-"+s.name+"-"+strconv.FormatInt(width, 10)+".png")
			if err := os.WriteFile(name, png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestEditorBrowserBlocks: a session added with « Ajouter un bloc » and
// another removed; the other lines of the file stay as they were. The
// form works without JavaScript.
func TestEditorBrowserBlocks(t *testing.T) {
	base, site := editorSite(t)
	before := readText(t, site, cuisinier)
	ctx, _ := browser(t, false)
	do(t, ctx,
		chromedp.Navigate(base+"/_edition/page?fichier="+url.QueryEscape(cuisinier)),
		chromedp.WaitVisible(`#champ-sessions-1-start`),
		chromedp.Click(`button[value="ajouter:sessions"]`),
		chromedp.WaitVisible(`#champ-sessions-2-start`),
		chromedp.SetValue(`#champ-sessions-2-start`, "2028-03-06"),
		chromedp.SetValue(`#champ-sessions-2-seats`, "10"),
		chromedp.Click(`#suppr-sessions-0`),
		chromedp.Click(`.barre button`),
		chromedp.WaitVisible(`.note`),
	)
	want := strings.Replace(before, "[[sessions]]\nstart = 2027-03-01\nend = 2028-02-25\nseats = 12\n\n", "", 1)
	want = strings.Replace(want, "seats = 12\n+++", "seats = 12\n\n[[sessions]]\nstart = 2028-03-06\nseats = 10\n+++", 1)
	if got := readText(t, site, cuisinier); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestEditorPageBecameAFolder: a page that became a folder in another tab
// (an image was added to it) is found again by a form opened before, which
// shows a conflict and keeps what was typed; a missing file and a page
// without a file answer with the list of pages, not an empty one.
func TestEditorPageBecameAFolder(t *testing.T) {
	base, site := editorSite(t)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(u string) (int, string, string) {
		res, err := client.Get(base + u)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(body), res.Header.Get("Location")
	}
	page := "content/reussites/nadia-cariste.md"
	_, form, _ := get("/_edition/page?fichier=" + url.QueryEscape(page))
	version := regexp.MustCompile(`name="_version" value="([^"]+)"`).FindStringSubmatch(form)
	if version == nil {
		t.Fatal("no version in the form")
	}
	// Another tab changes the title and adds an image: the page becomes
	// a folder.
	text := regexp.MustCompile(`(?m)^title = ".*"$`).ReplaceAllString(readText(t, site, page), `title = "Nadia, cariste (autre onglet)"`)
	os.MkdirAll(filepath.Join(site, "content/reussites/nadia-cariste"), 0o755)
	writeText(t, site, "content/reussites/nadia-cariste/index.md", text)
	os.Remove(filepath.Join(site, page))

	if code, _, to := get("/_edition/page?fichier=" + url.QueryEscape(page)); code != http.StatusSeeOther || !strings.Contains(to, url.QueryEscape("nadia-cariste/index.md")) {
		t.Errorf("opening the old path: %d → %q", code, to)
	}
	values := url.Values{"_fichier": {page}, "_version": {version[1]}, "summary": {"Un résumé tapé dans l'autre onglet."}}
	for _, m := range regexp.MustCompile(`name="([a-z_.0-9]+)"(?: [^>]*)? value="([^"]*)"`).FindAllStringSubmatch(form, -1) {
		if _, set := values[m[1]]; !set && m[1] != "_action" {
			values.Set(m[1], html.UnescapeString(m[2]))
		}
	}
	req, _ := http.NewRequest(http.MethodPost, base+"/_edition/page", strings.NewReader(values.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", base)
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusConflict || !strings.Contains(string(body), "Un résumé tapé dans l&#39;autre onglet.") || !strings.Contains(string(body), "autre onglet)") {
		t.Errorf("saving the form of the old path: %d, the typed summary kept: %v, the other tab's title taken: %v", res.StatusCode,
			strings.Contains(string(body), "Un résumé tapé"), strings.Contains(string(body), "autre onglet)"))
	}
	for _, u := range []string{"/_edition/page?fichier=" + url.QueryEscape("content/reussites/absente.md"), "/_edition/ouvrir?adresse=%2Fcompetences%2F"} {
		if code, body, _ := get(u); code != http.StatusNotFound || !strings.Contains(body, "content/entreprises/") {
			t.Errorf("%s: %d, the list of pages shown: %v", u, code, strings.Contains(body, "content/entreprises/"))
		}
	}
}

// TestEditorBrowserFixInFormWords: the fix a message gives for a field is
// what to type in it, not a line of the file (website = "…").
func TestEditorBrowserFixInFormWords(t *testing.T) {
	base, _ := editorSite(t)
	ctx, _ := editorBrowser(t, 1280)
	do(t, ctx,
		chromedp.Navigate(base+"/_edition/page?fichier="+url.QueryEscape("content/entreprises/watt-renov/index.md")),
		chromedp.WaitVisible(`#champ-website`),
		chromedp.Evaluate[chromedp.Void](`document.querySelector("#champ-website").value = ""`),
		chromedp.SendKeys(`#champ-website`, "www.watt-renov.fr"),
		chromedp.WaitVisible(`#msg-champ-website .attention, #msg-champ-website .erreur`),
	)
	msg := textOf(t, ctx, "#msg-champ-website")
	if strings.Contains(msg, "website =") || !strings.Contains(msg, "« https://www.watt-renov.fr") {
		t.Errorf("the website field says %q", msg)
	}
}

// TestEditorConflictNeverMovesAValue: sessions are matched by their place
// in the file; when another tab removed one and added another, the place
// no longer says which is which, so nothing is taken from the disk into a
// session of the form: the seats typed for the session of October stay on
// it, not on the session the other tab added, and the conflict screen
// shows both versions to merge.
func TestEditorConflictNeverMovesAValue(t *testing.T) {
	base, site := editorSite(t)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Get(base + "/_edition/page?fichier=" + url.QueryEscape(cuisinier))
	if err != nil {
		t.Fatal(err)
	}
	formBytes, _ := io.ReadAll(res.Body)
	res.Body.Close()
	form := string(formBytes)
	values := formValues(form)
	if values.Get("sessions.1.start") != "2027-10-04" {
		t.Fatalf("the second session of the form starts %q", values.Get("sessions.1.start"))
	}
	values.Set("sessions.1.seats", "8") // typed in the form
	// Meanwhile another tab removes the session of March and adds one.
	text := readText(t, site, cuisinier)
	text = strings.Replace(text, "[[sessions]]\nstart = 2027-03-01\nend = 2028-02-25\nseats = 12\n\n", "", 1)
	text = strings.Replace(text, "seats = 12\n+++", "seats = 12\n\n[[sessions]]\nstart = 2028-03-06\nseats = 10\n+++", 1)
	writeText(t, site, cuisinier, text)

	req, _ := http.NewRequest(http.MethodPost, base+"/_edition/page", strings.NewReader(values.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", base)
	res, err = client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("status %d, want a conflict", res.StatusCode)
	}
	shown := url.Values{}
	for _, m := range regexp.MustCompile(`name="(sessions\.[0-9]+\.[a-z_]+)"(?: [^>]*)? value="([^"]*)"`).FindAllStringSubmatch(string(body), -1) {
		shown.Set(m[1], html.UnescapeString(m[2]))
	}
	for i := range 3 {
		start, seats := shown.Get(fmt.Sprintf("sessions.%d.start", i)), shown.Get(fmt.Sprintf("sessions.%d.seats", i))
		if seats == "8" && start != "2027-10-04" {
			t.Errorf("the seats typed for the session of 2027-10-04 are now on the session of %s", start)
		}
	}
	if readText(t, site, cuisinier) != text {
		t.Error("the file changed in the other tab was overwritten")
	}
}

// TestEditorBrowserKeepsDatesItCannotShow: a date written with a time of
// day, or a date and time with its zone, shows in the form (the browser's
// date field would show it empty), and saving another field keeps it.
func TestEditorBrowserKeepsDatesItCannotShow(t *testing.T) {
	base, site := editorSite(t)
	company := "content/entreprises/watt-renov/index.md"
	event := "content/evenements/forum-metiers-de-bouche-lannoy.md"
	writeText(t, site, company, regexp.MustCompile(`(?m)^date = .*$`).ReplaceAllString(readText(t, site, company), "date = 2026-06-22T10:00:00"))
	writeText(t, site, event, strings.Replace(readText(t, site, event), "end = 2027-02-06T16:00:00", "end = 2027-02-06T16:00:00+01:00", 1))
	ctx, _ := editorBrowser(t, 1280)
	for _, tt := range []struct{ file, field, edit, keep string }{
		{company, "#champ-date", "#champ-phone", "date = 2026-06-22T10:00:00"},
		{event, "#champ-end", "#champ-title", "end = 2027-02-06T16:00:00+01:00"},
	} {
		do(t, ctx,
			chromedp.Navigate(base+"/_edition/page?fichier="+url.QueryEscape(tt.file)),
			chromedp.WaitVisible(tt.field),
		)
		if v := valueOf(t, ctx, tt.field); v == "" {
			t.Errorf("%s: %s shows empty", tt.file, tt.field)
		}
		do(t, ctx,
			chromedp.SendKeys(tt.edit, " (modifié)"),
			chromedp.Click(`.barre button`),
			chromedp.WaitVisible(`.note, #resume [role=alert]`),
		)
		if got := readText(t, site, tt.file); !strings.Contains(got, tt.keep+"\n") || !strings.Contains(got, "(modifié)") {
			t.Errorf("%s: after saving another field, %q is gone:\n%s", tt.file, tt.keep, got)
		}
	}
}

// TestEditorSaysADraftIsNotOnThePreview: the form of a draft, with serve
// run without -drafts, says the preview does not show it and how to see
// it, instead of a « Voir la page » link that answers 404.
func TestEditorSaysADraftIsNotOnThePreview(t *testing.T) {
	base, site := editorSite(t)
	page := "content/reussites/nadia-cariste.md"
	writeText(t, site, page, strings.Replace(readText(t, site, page), "+++\n", "+++\ndraft = true\n", 1))
	waitPage(t, base+"/_edition/page?fichier="+url.QueryEscape(page), "generator serve -drafts")
	res, err := http.Get(base + "/_edition/page?fichier=" + url.QueryEscape(page))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if strings.Contains(string(body), "Voir la page") {
		t.Error("the form of a draft links to a page the preview does not have")
	}
	// A published page keeps its link and has no such notice.
	res, err = http.Get(base + "/_edition/page?fichier=" + url.QueryEscape(cuisinier))
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(body), "Voir la page") || strings.Contains(string(body), "serve -drafts") {
		t.Error("a published page's form lost its link or says it is not published")
	}
}

// TestEditorBlockMessagesInFormWords: a message about a whole offer (too
// old, expired) is shown at the offer's end date in the form's words: no
// key = value to type, no [[offers]], fields named by their labels. Those
// of two dates of an event name both by their labels.
func TestEditorBlockMessagesInFormWords(t *testing.T) {
	base, site := editorSite(t)
	page := "content/entreprises/chaudronnerie-du-canal.md"
	text := readText(t, site, page)
	text = strings.Replace(text, "date = 2026-11-12\nexpires = 2027-01-31\n", "date = 2026-03-02\n", 1)
	text = strings.Replace(text, "expires = 2027-03-31\n", "expires = 2026-11-01\n", 1)
	writeText(t, site, page, text)
	form := waitPage(t, base+"/_edition/page?fichier="+url.QueryEscape(page), "plus de 90 jours")
	for _, want := range []string{
		"ajoutez-en une, par exemple « 2026-12-25 »",
		"repoussez sa date de fin « Date de fin de publication »",
		"retirez ce bloc, ou",
	} {
		if !strings.Contains(form, want) {
			t.Errorf("the form does not say %q", want)
		}
	}
	for _, not := range []string{"expires = ", "[[offers]]", "« expires »"} {
		if strings.Contains(form, not) {
			t.Errorf("the form still says %q, the file's words", not)
		}
	}

	event := "content/evenements/forum-metiers-de-bouche-lannoy.md"
	text = readText(t, site, event)
	text = strings.Replace(text, "end = ", "end = 2020-01-01T10:00:00\n#", 1)
	writeText(t, site, event, text)
	form = waitPage(t, base+"/_edition/page?fichier="+url.QueryEscape(event), "avant de commencer")
	if strings.Contains(form, "« start »") || strings.Contains(form, "« end »") {
		t.Error("the event's form names its dates by their keys, not their labels")
	}
}
