package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// inodes maps every file under dir to its inode number.
func inodes(t *testing.T, dir string) map[string]uint64 {
	t.Helper()
	out := map[string]uint64{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = info.Sys().(*syscall.Stat_t).Ino
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestRebuildAfterOneEdit: after a one-page edit, a build interrupted
// before the swap leaves the previous site whole and unmodified; a complete
// one publishes exactly what a build from scratch does, with the files
// that did not change carried over as links (same inodes), not rewritten.
func TestRebuildAfterOneEdit(t *testing.T) {
	site := copySite(t)
	if code, _, stderr := runGen(t, site, "build"); code != 0 {
		t.Fatal(stderr)
	}
	public := filepath.Join(site, "public")
	before, beforeInodes := snapshot(t, public), inodes(t, public)

	matches, _ := filepath.Glob(filepath.Join(site, "content", "entreprises", "*.md"))
	if len(matches) == 0 {
		t.Fatal("no company page to edit")
	}
	page := matches[0]
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, append(data, "\nUne phrase ajoutée pour le test.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}

	cmd, _, stderr := startGen(t, site, []string{"TDT_TEST_HOOK=interrupt@before-commit"}, "build")
	if code := exitCode(t, cmd); code != 130 {
		t.Fatalf("interrupted build: exit %d, want 130\n%s", code, stderr)
	}
	if d := sameTree(t, public, before); d != "" {
		t.Fatalf("an interrupted rebuild changed the published site: %s", d)
	}
	if got := inodes(t, public); len(got) != len(beforeInodes) {
		t.Fatalf("interrupted rebuild: %d files, was %d", len(got), len(beforeInodes))
	}

	if code, _, stderr := runGen(t, site, "build"); code != 0 {
		t.Fatal(stderr)
	}
	if code, _, stderr := runGen(t, site, "build", "-destination", "scratch"); code != 0 {
		t.Fatal(stderr)
	}
	if d := sameTree(t, public, snapshot(t, filepath.Join(site, "scratch"))); d != "" {
		t.Fatalf("the rebuild differs from a build from scratch: %s", d)
	}
	after := snapshot(t, public)
	kept, changed := 0, 0
	for name, ino := range inodes(t, public) {
		switch {
		case after[name] != before[name]:
			changed++
			if ino == beforeInodes[name] {
				t.Errorf("%s changed in place (same inode)", name)
			}
		case ino == beforeInodes[name]:
			kept++
		default:
			t.Errorf("%s is unchanged but was written again", name)
		}
	}
	if changed == 0 || kept < len(after)/2 {
		t.Errorf("%d files changed, %d carried over, of %d", changed, kept, len(after))
	}
	t.Logf("%d files changed, %d carried over as links, of %d", changed, kept, len(after))
}
