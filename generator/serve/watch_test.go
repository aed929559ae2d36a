package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestWatchEditorPatterns saves files the ways editors do and checks that
// each burst comes out as one change with the right paths.
func TestWatchEditorPatterns(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "content", "entreprises"), 0o755)
	page := filepath.Join(root, "content", "entreprises", "a.md")
	os.WriteFile(page, []byte("v1"), 0o644)
	changes := make(chan []string, 10)
	stop := make(chan struct{})
	defer close(stop)
	err := Watch(WatchOptions{
		Root:  root,
		Dirs:  []string{"content"},
		Files: []string{"site.toml"},
		Ignore: func(n string) bool {
			return strings.HasPrefix(n, ".") || strings.HasSuffix(n, "~") || strings.HasSuffix(n, ".swp") || n == "4913"
		},
		Debounce: 50 * time.Millisecond,
	}, func(p []string) { changes <- p }, stop)
	if err != nil {
		t.Fatal(err)
	}
	next := func(step string) []string {
		t.Helper()
		select {
		case p := <-changes:
			return p
		case <-time.After(3 * time.Second):
			t.Fatalf("%s: no change reported", step)
			return nil
		}
	}
	quiet := func(step string) {
		t.Helper()
		select {
		case p := <-changes:
			t.Fatalf("%s: unexpected change %v", step, p)
		case <-time.After(200 * time.Millisecond):
		}
	}

	os.WriteFile(page, []byte("v2"), 0o644)
	if got := next("write in place"); strings.Join(got, ",") != "content/entreprises/a.md" {
		t.Errorf("write in place: %v", got)
	}

	tmp := filepath.Join(root, "content", "entreprises", ".a.md.tmp")
	os.WriteFile(tmp, []byte("v3"), 0o644)
	os.Rename(tmp, page)
	if got := next("temp file renamed over"); strings.Join(got, ",") != "content/entreprises/a.md" {
		t.Errorf("rename over: %v", got)
	}

	os.WriteFile(filepath.Join(root, "content", "entreprises", ".a.md.swp"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(root, "content", "entreprises", "4913"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(root, "content", "entreprises", "a.md~"), []byte("x"), 0o644)
	quiet("vim swap and backup files")

	os.Remove(page)
	os.WriteFile(page, []byte("v4"), 0o644)
	if got := next("delete then recreate"); strings.Join(got, ",") != "content/entreprises/a.md" {
		t.Errorf("delete and recreate: %v", got)
	}

	dir := filepath.Join(root, "content", "reussites", "lea")
	os.MkdirAll(dir, 0o755)
	next("new folder")
	time.Sleep(100 * time.Millisecond) // let the watcher add the new folder
	os.WriteFile(filepath.Join(dir, "index.md"), []byte("x"), 0o644)
	if got := next("file in a new folder"); !strings.Contains(strings.Join(got, ","), "content/reussites/lea/index.md") {
		t.Errorf("new folder: %v", got)
	}

	for i := range 50 { // a git checkout: many files at once
		os.WriteFile(filepath.Join(root, "content", "entreprises", "p"+string(rune('a'+i%26))+string(rune('a'+i/26))+".md"), []byte("x"), 0o644)
	}
	if got := next("burst"); len(got) != 50 {
		t.Errorf("burst gave %d paths in one change, want 50", len(got))
	}
	quiet("after the burst")

	os.WriteFile(filepath.Join(root, "site.toml"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(root, "notes.txt"), []byte("x"), 0o644)
	if got := next("site.toml"); strings.Join(got, ",") != "site.toml" {
		t.Errorf("site.toml: %v", got)
	}
}
