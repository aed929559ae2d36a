// Package load reads the content folder of a site: it finds pages and
// bundles, refuses files that cannot be text, and hands the parser clean
// UTF-8 with LF line endings.
package load

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"unicode/utf8"

	"terredetalents/generator/content"
	"terredetalents/generator/diag"
	"terredetalents/generator/par"
)

// MaxFileSize is the largest content file accepted. A page is a few
// kilobytes; anything this large was pasted or saved by mistake.
const MaxFileSize = 8 << 20

// ContentDir is the folder of the pages, relative to the site root.
const ContentDir = "content"

// Content walks content/ in site and returns its pages in path order.
func Content(site fs.FS, diags *diag.List) []content.File {
	var files []content.File
	bundles := map[string]bool{} // folders holding an index.md
	var others []string          // non-Markdown files, resources or strays

	err := fs.WalkDir(site, ContentDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == ContentDir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			diags.Errorf(diag.Pos{File: p}, "read", "lecture impossible : %v", err)
			return nil
		}
		if p != ContentDir && Ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			diags.Warnf(diag.Pos{File: p}, "symlink", "lien symbolique ignoré : copiez le fichier lui-même dans le dossier")
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if !isMarkdown(p) {
			others = append(others, p)
			return nil
		}
		if f, ok := classify(p, diags); ok {
			files = append(files, f)
		}
		return nil
	})
	if err != nil {
		diags.Errorf(diag.Pos{File: ContentDir}, "read", "lecture impossible du dossier : %v", err)
	}
	files = readAll(site, files, diags)
	for _, f := range files {
		if f.Bundle {
			bundles[path.Dir(f.Path)] = true
		}
	}

	// Attach resources to their bundle; anything else is a stray file.
	byDir := map[string]int{}
	for i, f := range files {
		if f.Bundle {
			byDir[path.Dir(f.Path)] = i
		}
	}
	for _, p := range others {
		dir, ok := bundleOf(p, bundles)
		if !ok {
			diags.Warnf(diag.Pos{File: p}, "stray-file",
				"ce fichier n'appartient à aucune page et ne sera pas publié : pour l'associer à une page, placez-le dans un dossier <page>/ à côté de son index.md")
			continue
		}
		if !checkResource(site, p, diags) {
			continue
		}
		i := byDir[dir]
		files[i].Resources = append(files[i].Resources, strings.TrimPrefix(p, dir+"/"))
	}
	for _, f := range files {
		sort.Strings(f.Resources)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files
}

// Reread returns f with the current text of its file, for a rebuild that
// knows only this file changed. ok is false when the file can no longer be
// read as a page; the reason is in diags.
func Reread(site fs.FS, f content.File, diags *diag.List) (content.File, bool) {
	text, ok := read(site, f.Path, diags)
	if !ok {
		return f, false
	}
	f.Text = text
	return f, true
}

// classify places a Markdown file in the site: home, section text, page or
// bundle.
func classify(p string, diags *diag.List) (content.File, bool) {
	rel := strings.TrimPrefix(p, ContentDir+"/")
	parts := strings.Split(rel, "/")
	name := strings.TrimSuffix(parts[len(parts)-1], path.Ext(p))
	f := content.File{Path: p}
	switch {
	case len(parts) == 1: // content/x.md
		f.Name = name
		f.Index = name == "_index"
	case len(parts) == 2 && name == "index": // content/x/index.md
		if _, known := content.KindOfSection(parts[0]); known {
			diags.Warnf(diag.Pos{File: p}, "misplaced",
				"fichier ignoré : la page d'accueil de la section se nomme _index.md (avec un tiret bas)")
			return f, false
		}
		f.Name, f.Bundle = parts[0], true
	case len(parts) == 2: // content/section/x.md
		f.Section, f.Name = parts[0], name
		f.Index = name == "_index"
	case len(parts) == 3 && name == "index": // content/section/x/index.md
		f.Section, f.Name, f.Bundle = parts[0], parts[1], true
	default:
		diags.Warnf(diag.Pos{File: p}, "misplaced",
			"fichier ignoré : une page se place dans content/<section>/<page>.md ou content/<section>/<page>/index.md")
		return f, false
	}
	if d := content.SectionNamed(f.Section); d != nil && d.DerivedFrom != "" {
		diags.Errorf(diag.Pos{File: p}, "unknown-section",
			"les %s ne s'écrivent pas dans content/%s/ : ajoutez-les à la page de leur %s, dans content/%s/, en blocs [[%s]] placés après ses autres champs (voir le guide)",
			d.Many, f.Section, content.SectionNamed(d.DerivedFrom).One, d.DerivedFrom, d.BlockKey())
		return f, false
	}
	if f.Section != "" {
		if _, known := content.KindOfSection(f.Section); !known {
			var names []string
			for _, d := range content.Sections() {
				if d.DerivedFrom == "" {
					names = append(names, d.Name)
				}
			}
			diags.Errorf(diag.Pos{File: p}, "unknown-section",
				"section « %s » inconnue : les sections sont %s ; une page simple se place directement dans content/",
				f.Section, strings.Join(names[:len(names)-1], ", ")+" et "+names[len(names)-1])
			return f, false
		}
	}
	return f, true
}

// bundleOf returns the bundle folder holding p, if any.
func bundleOf(p string, bundles map[string]bool) (string, bool) {
	for dir := path.Dir(p); dir != ContentDir && dir != "."; dir = path.Dir(dir) {
		if bundles[dir] {
			return dir, true
		}
	}
	return "", false
}

// readAll reads the text of files on every core, keeping their order and
// leaving out those that cannot be pages.
func readAll(site fs.FS, files []content.File, diags *diag.List) []content.File {
	ok := make([]bool, len(files))
	par.Each(runtime.GOMAXPROCS(0), len(files), func(_, i int) {
		files[i].Text, ok[i] = read(site, files[i].Path, diags)
	})
	kept := files[:0]
	for i, f := range files {
		if ok[i] {
			kept = append(kept, f)
		}
	}
	return kept
}

// read returns the text of a Markdown file, cleaned, or reports why it
// cannot be a page.
func read(site fs.FS, p string, diags *diag.List) ([]byte, bool) {
	file := diag.Pos{File: p}
	if info, err := fs.Stat(site, p); err == nil && info.Size() > MaxFileSize {
		diags.Errorf(file, "too-large",
			"fichier trop volumineux (%s, maximum %s) : une page fait rarement plus de 100 Ko ; retirez le contenu collé par erreur ou découpez la page",
			megabytes(info.Size()), megabytes(MaxFileSize))
		return nil, false
	}
	data, err := fs.ReadFile(site, p)
	if err != nil {
		diags.Errorf(file, "read", "lecture impossible : %v", err)
		return nil, false
	}
	text, pos, problem := Clean(data)
	if problem != "" {
		src := diag.NewSource(p, text)
		diags.Errorf(src.Pos(pos), "encoding", "%s", problem)
		return nil, false
	}
	return text, true
}

// Clean checks that data is UTF-8 text and normalizes it: the byte-order
// mark is dropped and CRLF or CR line endings become LF, which keeps line
// numbers as editors show them. When data cannot be a page, Clean returns
// the byte offset of the problem in the returned text and a French message.
func Clean(data []byte) (text []byte, offset int, problem string) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return data, i, "ce fichier est binaire (une image ou un document ?), pas du texte : une page doit être un fichier texte .md enregistré en UTF-8"
	}
	if !utf8.Valid(data) {
		i := invalidUTF8(data)
		return data, i, "ce fichier n'est pas encodé en UTF-8 (caractère illisible ici, souvent un accent) : dans votre éditeur, enregistrez-le avec l'encodage UTF-8"
	}
	return data, 0, ""
}

func invalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(data)
}

func megabytes(n int64) string {
	return strings.Replace(fmt.Sprintf("%.1f Mo", float64(n)/(1<<20)), ".", ",", 1)
}

func isMarkdown(p string) bool {
	return strings.EqualFold(path.Ext(p), ".md")
}

// Ignored reports whether a file name is one editors, systems or version
// control leave behind: hidden files, backups, vim swap files.
func Ignored(name string) bool {
	return strings.HasPrefix(name, ".") ||
		strings.HasSuffix(name, "~") ||
		strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swx") ||
		name == "4913" || name == "Thumbs.db" || name == "desktop.ini"
}
