package main

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStagesDependOneWay keeps the pipeline visible: a stage may use the
// model (content) and the diagnostics (diag), never another stage; only
// this main package knows the order of the stages.
func TestStagesDependOneWay(t *testing.T) {
	const module = "terredetalents/generator/"
	allowed := map[string][]string{
		"diag":    {},
		"content": {"diag"},
		"load":    {"content", "diag"},
		"parse":   {"content", "diag", "load"}, // load.Clean is shared by site.toml
		"link":    {"content", "diag"},
		"render":  {"content", "diag"},
		"write":   {},
		"serve":   {"diag"},
		"images":  {"content", "diag"},
		"index":   {"content"},
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
