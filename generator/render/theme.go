package render

import (
	"terredetalents/generator/content"

	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	template "terredetalents/generator/render/internal/htmltemplate"
)

// Layers is a stack of folders read top first: the site's own files, then
// its theme folder, then the embedded default theme. A file in an upper
// layer hides the file of the same name below it.
type Layers []fs.FS

// ReadFile returns the file from the topmost layer that has it.
func (l Layers) ReadFile(name string) ([]byte, error) {
	for _, layer := range l {
		if layer == nil {
			continue
		}
		data, err := fs.ReadFile(layer, name)
		if err == nil {
			return data, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return nil, fs.ErrNotExist
}

// Files lists the files under dir in every layer, each name once, sorted.
func (l Layers) Files(dir string) []string {
	seen := map[string]bool{}
	for _, layer := range l {
		if layer == nil {
			continue
		}
		_ = fs.WalkDir(layer, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
				return nil
			}
			seen[p] = true
			return nil
		})
	}
	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Layouts of the theme, one per kind of output page: one per section,
// named after its kind, and the others.
var layoutNames = func() []string {
	names := []string{"home", "page", "section", "taxonomy", "term", "termgroup", "recherche", "plan", "404", "alias"}
	for _, d := range content.Sections() {
		names = append(names, string(d.Kind))
	}
	return names
}()

// Templates holds one parsed template per layout, each with the base and
// the partials. They are parsed once per build.
type Templates struct {
	byName map[string]*template.Template
	// What a page of each layout reads of bodies, and what each template
	// given a page (a card) or anything else (a cached partial) does, as
	// fragments are rendered (deps.go).
	body     map[string]bodyUse
	fragBody map[bodyCall]bodyUse
}

// LoadTemplates parses layouts/baseof.html, layouts/partials/*.html and
// every layout. Errors name the file that holds them.
func LoadTemplates(layers Layers, funcs template.FuncMap) (*Templates, error) {
	base := template.New("baseof.html").Funcs(funcs)
	data, err := layers.ReadFile("layouts/baseof.html")
	if err != nil {
		return nil, fmt.Errorf("layouts/baseof.html : %w", err)
	}
	if _, err := base.Parse(string(data)); err != nil {
		return nil, templateError("layouts/baseof.html", err)
	}
	for _, name := range layers.Files("layouts/partials") {
		data, err := layers.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("%s : %w", name, err)
		}
		if _, err := base.New(strings.TrimPrefix(name, "layouts/")).Parse(string(data)); err != nil {
			return nil, templateError(name, err)
		}
	}
	t := &Templates{byName: map[string]*template.Template{}, body: map[string]bodyUse{}, fragBody: map[bodyCall]bodyUse{}}
	for _, name := range layoutNames {
		file := "layouts/" + name + ".html"
		data, err := layers.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("%s : %w", file, err)
		}
		clone, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := clone.New(path.Base(file)).Parse(string(data)); err != nil {
			return nil, templateError(file, err)
		}
		t.byName[name] = clone
		a := newBodyAnalysis(clone)
		t.body[name] = a.use("baseof.html", jobValue)
		if name == fragmentSet {
			for _, tt := range clone.Templates() {
				for _, dot := range []dotKind{ownValue, otherValue} {
					t.fragBody[bodyCall{tt.Name(), dot}] = a.use(tt.Name(), dot)
				}
			}
		}
	}
	return t, nil
}

func templateError(file string, err error) error {
	return templateErrorAt(file, "gabarit invalide", err)
}
