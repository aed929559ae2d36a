package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"terredetalents/generator/content"
)

// TestStagesDependOneWay keeps the pipeline visible: a stage may use the
// model (content) and the diagnostics (diag), never another stage; only
// this main package knows the order of the stages.
func TestStagesDependOneWay(t *testing.T) {
	const module = "terredetalents/generator/"
	allowed := map[string][]string{
		"diag":    {},
		"content": {"diag"},
		"load":    {"content", "diag", "par"},
		"parse":   {"content", "diag", "load"}, // load.Clean is shared by site.toml
		"link":    {"content", "diag", "par"},
		"render":  {"content", "diag", "par"},
		"write":   {},
		"serve":   {"diag"},
		"images":  {"content", "diag", "par"},
		"index":   {"content", "par"},
		"par":     {},
		"edit":    {"content", "diag", "parse"}, // serve's editor: forms from the sections, the key scanner
	}
	for pkg, ok := range allowed {
		files, _ := filepath.Glob(filepath.Join(pkg, "*.go"))
		for _, file := range files {
			if strings.HasSuffix(file, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range f.Imports {
				path := strings.Trim(imp.Path.Value, `"`)
				if !strings.HasPrefix(path, module) {
					continue
				}
				dep := strings.TrimPrefix(path, module)
				if strings.HasPrefix(dep, pkg+"/internal/") {
					continue // the stage's own code (render's copy of Go's templates)
				}
				if !contains(ok, dep) {
					t.Errorf("%s imports %s: stage %s may only use %v", file, dep, pkg, ok)
				}
			}
		}
	}
	if _, err := os.Stat("diag"); err != nil {
		t.Fatal("run from the generator folder")
	}
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

// TestNoStageNamesASection: a section is one file of package content
// (section.go says how it plugs in). No other code of the generator
// names a section's folder, its kind or its typed front matter: the
// stages and the commands iterate over content.Sections(). Comments and
// tests may name them; synth writes example sites and may too.
func TestNoStageNamesASection(t *testing.T) {
	folders := map[string]bool{}
	types := map[string]bool{}    // front matter types, and accessors: p.Company()
	declared := map[string]bool{} // what else a section file declares
	for _, d := range content.Sections() {
		folders[d.Name], folders[string(d.Kind)] = true, true
		if d.New != "" {
			folders[d.New] = true
		}
		typ := reflect.TypeOf(d.FrontMatter()).Elem().Name()
		types[typ], declared["Kind"+typ] = true, true
	}
	for _, name := range []string{"Companies", "Trainings", "Stories", "Events"} {
		declared[name] = true
	}
	sectionFile := func(path string) bool {
		base := strings.TrimSuffix(filepath.Base(path), ".go")
		return filepath.Dir(path) == "content" && folders[base]
	}
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() && (path == "synth" || path == "testdata") {
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return err
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || sectionFile(path) {
			return nil
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.BasicLit:
				if s, err := strconv.Unquote(x.Value); err == nil && x.Kind == token.STRING && folders[s] {
					t.Errorf("%s: names the section %q", fset.Position(x.Pos()), s)
				}
			case *ast.SelectorExpr:
				pkg, _ := x.X.(*ast.Ident)
				if types[x.Sel.Name] || pkg != nil && pkg.Name == "content" && declared[x.Sel.Name] {
					t.Errorf("%s: names %s, which belongs in its section's file", fset.Position(x.Pos()), x.Sel.Name)
				}
			case *ast.Ident:
				if types[x.Name] || f.Name.Name == "content" && declared[x.Name] {
					t.Errorf("%s: names %s, which belongs in its section's file", fset.Position(x.Pos()), x.Name)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestArchetypesFollowTheSections: the model `new` writes for a section
// shows every key of the section's description, filled in or commented
// out, so that adding a field to a section file without its archetype
// fails here.
func TestArchetypesFollowTheSections(t *testing.T) {
	for _, d := range content.Sections() {
		if d.DerivedFrom != "" {
			continue // its keys are a block of its source's archetype
		}
		data, err := os.ReadFile(filepath.Join("..", "themes", "default", "archetypes", d.New+".md"))
		if err != nil {
			t.Errorf("section %s: %v", d.Name, err)
			continue
		}
		var keys func(reflect.Type) []string
		keys = func(rt reflect.Type) []string {
			var out []string
			for i := range rt.NumField() {
				sf := rt.Field(i)
				key, _, _ := strings.Cut(sf.Tag.Get("fm"), ",")
				if key == "" {
					continue
				}
				if sf.Type.Kind() == reflect.Slice && sf.Type.Elem().Kind() == reflect.Struct && sf.Type.Elem() != reflect.TypeFor[content.Ref]() {
					out = append(out, "[["+key+"]]")
					out = append(out, keys(sf.Type.Elem())...)
					continue
				}
				out = append(out, key+" =")
			}
			return out
		}
		for _, k := range keys(reflect.TypeOf(d.FrontMatter()).Elem()) {
			if !strings.Contains(string(data), "\n"+k) && !strings.Contains(string(data), "\n# "+k) {
				t.Errorf("archetypes/%s.md does not show %s", d.New, k)
			}
		}
	}
}

// TestBuildsOnOtherSystems compiles the generator for Windows and macOS:
// the communication staff may run it on either, and a Unix-only call
// (an inode, a signal) breaks their build without breaking ours.
func TestBuildsOnOtherSystems(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles the standard library for two more systems the first time")
	}
	for _, goos := range []string{"windows", "darwin"} {
		cmd := exec.Command("go", "build", "-o", os.DevNull, ".")
		cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH=amd64", "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("GOOS=%s go build: %v\n%s", goos, err, out)
		}
	}
}
