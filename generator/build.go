package main

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"terredetalents/generator/content"
	"terredetalents/generator/diag"
	"terredetalents/generator/images"
	"terredetalents/generator/index"
	"terredetalents/generator/link"
	"terredetalents/generator/load"
	"terredetalents/generator/par"
	"terredetalents/generator/parse"
	"terredetalents/generator/render"
	"terredetalents/themes"
)

// pipelineOptions is what a build or a check needs to know.
type pipelineOptions struct {
	Drafts  bool
	BaseURL string    // overrides site.toml when set
	Now     time.Time // what "today" is for drafts, future pages and sessions

	// Previous is the last output, where resized images already made can
	// be found again; nil for none. A build uses them only as its
	// record lists them (pipeline).
	Previous images.Previous

	Workers int           // parallel parsers and renderers; 0 means one per core
	Stages  *stageTimings // when not nil, records how long each stage took

	// Record, when not nil, makes the build note what each page reads,
	// render only the pages the previous record says may have changed,
	// and leave the record of this build (buildrecord.go).
	Record *recordRun

	// FirstBuild says that no earlier build left a record: every page
	// will be rendered (see collector).
	FirstBuild bool
}

// collector sets how far the heap may grow past what is live before the
// garbage collector runs, for one build, and returns what puts the setting
// back. A GOGC set by the user wins.
//
//   - A first build of a site of up to roomyPages files gets GOGC=200 (Go's
//     default being 100): it renders every page and makes every image copy,
//     and at 10,000 pages takes about a tenth less processor time, for a
//     peak of 0.7 GB instead of 0.5 (Hugo: 1.9).
//   - A rebuild (an earlier build left its record) gets GOGC=50: it renders
//     only what changed but still reads and parses every page, and its
//     peak is what the issue of rebuilds bounds (a quarter of Hugo's). At
//     10,000 pages, 0.36 GB instead of 0.49 for a tenth more time (3.35 s
//     instead of 3.0, Hugo taking 17 to 26 s).
//   - Anything else (a first build of a larger site, check) keeps Go's
//     default.
func collector(opts pipelineOptions, files int) (restore func()) {
	percent := 0
	switch {
	case os.Getenv("GOGC") != "":
	case opts.FirstBuild && files <= roomyPages:
		percent = 200
	case !opts.FirstBuild && opts.Record != nil:
		percent = leanPercent
	}
	if percent == 0 {
		return func() {}
	}
	old := debug.SetGCPercent(percent)
	return func() { debug.SetGCPercent(old) }
}

// leanPercent is the GOGC of rebuilds (see collector).
const leanPercent = 50

// roomyPages bounds the sites whose first build gets GOGC=200: at
// 20,000 pages its extra memory is about 0.4 GB.
const roomyPages = 20_000

// recordRun is the record a build starts from and the one it makes.
type recordRun struct {
	Dest string       // the output folder, where the previous record is found
	Prev *buildRecord // the record found beside it, nil for none (read by pipeline)
	Next *buildRecord
	// Kept and Rendered count the pages taken from the published output
	// and those rendered.
	Kept, Rendered int
}

// pipeline builds the site read from src into out: load, parse, link,
// render, then copy static files and bundle resources. It is the only
// place that knows the order of the stages. Nothing is written to out when
// the content has errors.
func pipeline(src fs.FS, opts pipelineOptions, out render.Output, diags *diag.List) *content.Site {
	stage := opts.Stages.start
	cfg := siteConfig(src, opts, diags)
	layers, ok := themeLayers(src, cfg, diags)

	stage("lecture")
	files := load.Content(src, diags)
	defer collector(opts, len(files))()
	opts.Stages.startCounting("analyse", "fichiers")
	pages := parsePagesEach(files, parse.NewMarkdown(cfg.UnsafeHTML).Under(cfg.BasePath()), opts.Workers,
		func(int) *diag.List { return diags }, opts.Stages.count)
	stage("liens")
	site := link.Site(cfg, pages, link.Options{Drafts: opts.Drafts, Now: opts.Now, Files: staticURLs(layers)}, diags)
	diags.Soften(draftFiles(pages, opts), draftWhy)
	if diags.HasErrors() || !ok {
		stage("")
		return site
	}

	stage("images")
	imgOpts := images.Options{Source: src, Previous: opts.Previous}
	var imgOut render.Output = out
	if rec := opts.Record; rec != nil {
		// The copies of the published output are used again only as the
		// record lists them, with the checksums of their bytes: without a
		// record, they are all made again.
		rec.Prev = readRecord(rec.Dest)
		if rec.Prev == nil {
			imgOpts.Previous = nil
		} else {
			imgOpts.PreviousSums = rec.Prev.Copies
			if imgOpts.PreviousSums == nil {
				imgOpts.PreviousSums = map[string]uint32{}
			}
		}
		imgOut = &sizedOutput{Output: out, sizes: map[string]sizeSum{}}
	}
	imgs, pending := images.Plan(site, imgOpts, imgOut, diags)
	// The copies of the images, the search index and the open data read
	// the same linked site as the pages and write other files: make them
	// side by side with the pages, so that one fills the cores while
	// another waits on the disk. The pages need only the copies' names.
	opts.Stages.startCounting("pages, recherche et données", "pages")
	var data sync.WaitGroup
	data.Go(func() { pending.Make(imgOut, diags) })
	data.Go(func() { writeData(site, out, diags) })
	ropts := render.Options{Layers: layers, Images: imgs, Workers: opts.Workers, Done: opts.Stages.count}
	if rec := opts.Record; rec != nil {
		renderWithRecord(site, imgs, ropts, buildInputs(src, layers, cfg, opts), rec, out, diags)
	} else {
		render.Site(site, ropts, out, diags)
	}
	data.Wait()
	if rec := opts.Record; rec != nil && rec.Next != nil {
		rec.Next.Copies = imgOut.(*sizedOutput).sums()
	}
	stage("fichiers statiques")
	copyStatic(layers, cfg.Theme, out, diags)
	copyResources(src, site, out, diags)
	stage("")
	return site
}

// writeData publishes the search index and the open data files.
func writeData(site *content.Site, out render.Output, diags *diag.List) {
	if err := index.Build(site).Write(out); err != nil {
		diags.Errorf(diag.Pos{File: index.Dir}, "write", "index de recherche : écriture impossible : %v", err)
	}
	if err := index.WriteOpenData(site, out); err != nil {
		diags.Errorf(diag.Pos{File: "api/"}, "write", "données ouvertes : écriture impossible : %v", err)
	}
}

// siteConfig reads site.toml and applies the command line's overrides.
func siteConfig(src fs.FS, opts pipelineOptions, diags *diag.List) content.Config {
	cfg := parse.Config(src, diags)
	if opts.BaseURL != "" {
		cfg.BaseURL = strings.TrimSuffix(opts.BaseURL, "/") + "/"
	}
	return cfg
}

// themeLayers stacks the site's own layouts and static files over its
// theme folder, over the embedded default theme.
func themeLayers(src fs.FS, cfg content.Config, diags *diag.List) (render.Layers, bool) {
	layers := render.Layers{src}
	themeDir := "themes/" + cfg.Theme
	if info, err := fs.Stat(src, themeDir); err == nil && info.IsDir() {
		sub, _ := fs.Sub(src, themeDir)
		layers = append(layers, sub)
	} else if cfg.Theme != "default" {
		diags.Errorf(diag.Pos{File: parse.ConfigFile}, "unknown-theme",
			"le thème « %s » est introuvable : créez le dossier %s/ ou retirez la ligne theme pour utiliser le thème par défaut", cfg.Theme, themeDir)
		return layers, false
	}
	return append(layers, themes.Default()), true
}

// parsePagesWith parses files with the given number of workers (0: one per
// core); the result keeps the files' order.
func parsePagesWith(files []content.File, md *parse.Markdown, workers int, diags *diag.List) []*content.Page {
	return parsePagesEach(files, md, workers, func(int) *diag.List { return diags }, nil)
}

// parsePagesEach parses files in parallel, reporting the diagnostics of
// file i into diagsOf(i), and counting the files parsed with done (when not
// nil) as they are.
func parsePagesEach(files []content.File, md *parse.Markdown, workers int, diagsOf func(i int) *diag.List, done func(n, total int)) []*content.Page {
	pages := make([]*content.Page, len(files))
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var parsed atomic.Int64
	par.Each(workers, len(files), func(_, i int) {
		pages[i] = parse.Page(files[i], md, diagsOf(i))
		if done != nil {
			done(int(parsed.Add(1)), len(files))
		}
	})
	return pages
}

// copyStatic copies the static/ files of the site and of its theme, and
// returns their names in the output. Symbolic links are not followed, as in
// content/: "static/secret.txt -> /etc/shadow" would publish a file of the
// machine. theme names the site's theme folder, for the messages.
func copyStatic(layers render.Layers, theme string, out render.Output, diags *diag.List) []string {
	files := staticFiles(layers, theme, diags)
	names := make([]string, 0, len(files))
	for _, f := range files {
		data, err := fs.ReadFile(f.layer, f.name)
		if err != nil {
			diags.Errorf(diag.Pos{File: f.shown}, "read", "lecture impossible : %v", err)
			continue
		}
		name := strings.TrimPrefix(f.name, "static/")
		if err := out.WriteFile(name, data); err != nil {
			diags.Errorf(diag.Pos{File: f.shown}, "write", "copie impossible : %v", err)
			continue
		}
		names = append(names, name)
	}
	return names
}

// staticFile is one file of static/ and the layer it is read from.
type staticFile struct {
	name  string // "static/css/site.css"
	shown string // its path from the site root, for messages
	layer fs.FS
}

// staticFiles lists the regular files under static/ in every layer, the
// topmost layer's first, sorted by name. A symbolic link, or anything that
// is neither a file nor a folder, is left out with a warning, and so is a
// static/ folder that is itself a link.
func staticFiles(layers render.Layers, theme string, diags *diag.List) []staticFile {
	byName := map[string]staticFile{}
	for i, layer := range layers {
		if layer == nil {
			continue
		}
		root := ""
		if i > 0 && i < len(layers)-1 { // the site's theme folder; the last layer is embedded
			root = "themes/" + theme + "/"
		}
		if root != "" && linkOnTheWay(layers[0], root+"static") {
			ignoreSpecial(diags, "themes/"+theme, fs.ModeSymlink)
			continue
		}
		info, err := fs.Lstat(layer, "static")
		if err != nil {
			continue
		}
		if !info.IsDir() {
			if !info.Mode().IsRegular() {
				ignoreSpecial(diags, root+"static", info.Mode())
			}
			continue
		}
		_ = fs.WalkDir(layer, "static", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
				return nil
			}
			if !d.Type().IsRegular() {
				ignoreSpecial(diags, root+p, d.Type())
				return nil
			}
			if _, hidden := byName[p]; !hidden {
				byName[p] = staticFile{name: p, shown: root + p, layer: layer}
			}
			return nil
		})
	}
	files := make([]staticFile, 0, len(byName))
	for _, f := range byName {
		files = append(files, f)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].name < files[j].name })
	return files
}

// linkOnTheWay reports whether a folder on the way to p in site, p
// excluded, is a symbolic link.
func linkOnTheWay(site fs.FS, p string) bool {
	for dir := path.Dir(p); dir != "."; dir = path.Dir(dir) {
		if info, err := fs.Lstat(site, dir); err == nil && info.Mode()&fs.ModeSymlink != 0 {
			return true
		}
	}
	return false
}

// ignoreSpecial warns that a static entry that is not a plain file or
// folder is not published.
func ignoreSpecial(diags *diag.List, p string, mode fs.FileMode) {
	if mode&fs.ModeSymlink != 0 {
		diags.Warnf(diag.Pos{File: p}, "symlink", "lien symbolique ignoré : copiez le fichier lui-même dans le dossier")
		return
	}
	diags.Warnf(diag.Pos{File: p}, "special-file", "fichier spécial ignoré : seuls les fichiers ordinaires sont publiés")
}

// staticURLs are the URLs of the static files of every layer, which body
// links may name and aliases may not replace.
func staticURLs(layers render.Layers) map[string]bool {
	urls := map[string]bool{}
	for _, name := range layers.Files("static") {
		urls[strings.TrimPrefix(name, "static")] = true
	}
	return urls
}

// copyResources copies the files of each published bundle beside its page.
func copyResources(src fs.FS, site *content.Site, out render.Output, diags *diag.List) {
	for _, p := range site.Pages {
		dir := path.Dir(p.Source)
		for _, r := range p.Resources {
			data, err := fs.ReadFile(src, dir+"/"+r)
			if err != nil {
				diags.Errorf(diag.Pos{File: dir + "/" + r}, "read", "lecture impossible : %v", err)
				continue
			}
			if err := out.WriteFile(strings.TrimPrefix(p.URL, "/")+r, data); err != nil {
				diags.Errorf(diag.Pos{File: dir + "/" + r}, "write", "copie impossible : %v", err)
			}
		}
	}
}

// discard is the output of check: everything is rendered, nothing kept.
type discard struct{}

func (discard) WriteFile(string, []byte) error { return nil }

// now returns the build's "today": SOURCE_DATE_EPOCH when set, the
// reproducible-builds convention, so a build can be redone another day.
func now() (time.Time, error) {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		var sec int64
		if _, err := fmt.Sscanf(s, "%d", &sec); err != nil {
			return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q n'est pas un nombre de secondes depuis 1970", s)
		}
		return time.Unix(sec, 0).UTC(), nil
	}
	return time.Now(), nil
}

// draftFiles are the files of the drafts that are not published: what is
// wrong in them is said as a warning (diag.List.Soften), so that a page
// left half written, marked draft = true, does not stop the publication
// of the others. A file too broken to tell whether it is a draft stays an
// error.
func draftFiles(pages []*content.Page, opts pipelineOptions) map[string]bool {
	if opts.Drafts {
		return nil
	}
	out := map[string]bool{}
	for _, p := range pages {
		if p.Draft && !p.Broken {
			out[p.Source] = true
		}
	}
	return out
}

// draftWhy starts the message of a finding in a draft.
const draftWhy = "brouillon, pas encore publié, à corriger avant de retirer draft = true : "
