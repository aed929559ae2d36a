package render

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestGoTemplatesFollowGo: internal/ holds Go's text/template and
// html/template with scripts/go-templates.patch applied, as
// scripts/sync-go-templates.sh makes them from the Go in use. When a Go
// upgrade changes these packages (html/template's escapers receive
// security fixes in point releases), this fails until the script is run
// again, so that the site is never escaped by an older copy.
func TestGoTemplatesFollowGo(t *testing.T) {
	for _, tool := range []string{"bash", "git"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is needed to compare the copy of Go's template packages: %v", tool, err)
		}
	}
	root := t.TempDir()
	cmd := exec.Command("bash", filepath.Join("..", "..", "scripts", "sync-go-templates.sh"))
	cmd.Env = append(os.Environ(), "ROOT="+root)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("scripts/sync-go-templates.sh: %v\n%s", err, out)
	}
	fresh := filepath.Join(root, "generator", "render", "internal")
	for _, pkg := range []string{"texttemplate", "htmltemplate", "fmtsort"} {
		want := files(t, filepath.Join(fresh, pkg))
		got := files(t, filepath.Join("internal", pkg))
		for name, data := range want {
			if !bytes.Equal(got[name], data) {
				t.Errorf("internal/%s/%s differs from Go's: run scripts/sync-go-templates.sh and commit what it changes", pkg, name)
			}
		}
		for name := range got {
			if _, ok := want[name]; !ok {
				t.Errorf("internal/%s/%s is not Go's nor the patch's: run scripts/sync-go-templates.sh", pkg, name)
			}
		}
	}
}

// files reads every file under dir, by path relative to dir.
func files(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
