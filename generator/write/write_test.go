package write

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

func TestCheckDestination(t *testing.T) {
	root := t.TempDir()
	for _, dir := range []string{"content/entreprises", "static", "old-output", "other", "sub/site/content"} {
		if err := os.MkdirAll(filepath.Join(root, dir), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(root, "site.toml"), []byte(""), 0o644)
	os.WriteFile(filepath.Join(root, "old-output", "index.html"), []byte("old"), 0o644)
	os.WriteFile(filepath.Join(root, "other", "notes.txt"), []byte("precious"), 0o644)
	os.WriteFile(filepath.Join(root, "sub", "site", "site.toml"), []byte(""), 0o644)
	os.Symlink(filepath.Join(root, "content"), filepath.Join(root, "link-to-content"))
	tests := []struct {
		dest string
		want string // substring of the error, "" for accepted
	}{
		{"public", ""},
		{"new/deep/folder", ""},
		{"old-output", ""},
		{".", "contient le site lui-même"},
		{"..", "contient le site lui-même"},
		{"/", "contient le site lui-même"},
		{"content", "dans les sources du site (content/)"},
		{"content/entreprises/out", "dans les sources du site (content/)"},
		{"static", "dans les sources du site (static/)"},
		{"link-to-content", "dans les sources du site (content/)"},
		{"site.toml", "est un fichier"},
		{"other", "ne ressemble pas à un site déjà publié"},
		{"sub/site", "contient des sources (site.toml)"},
	}
	for _, tt := range tests {
		dest := tt.dest
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(root, dest)
		}
		err := CheckDestination(root, dest)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s refused: %v", tt.dest, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: error %v, want %q", tt.dest, err, tt.want)
		}
	}
}

func TestStagingCommitAndAbort(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")

	s, err := NewStaging(dest)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"index.html", "a/b/index.html"} {
		if err := s.WriteFile(name, []byte(name)); err != nil {
			t.Fatal(err)
		}
	}
	for _, bad := range []string{"../evil", "/etc/passwd", "a/../../evil", "", "a\\b"} {
		if err := s.WriteFile(bad, nil); err == nil {
			t.Errorf("WriteFile(%q) accepted", bad)
		}
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(filepath.Join(dest, "a", "b", "index.html")); string(data) != "a/b/index.html" {
		t.Fatalf("first build not in place: %q", data)
	}

	// A second build replaces everything; stale files disappear.
	s, _ = NewStaging(dest)
	s.WriteFile("index.html", []byte("v2"))
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "a")); err == nil {
		t.Error("a stale file survived the swap")
	}

	// An aborted build leaves the output as it was, and no staging folder.
	s, _ = NewStaging(dest)
	s.WriteFile("index.html", []byte("v3"))
	s.Abort()
	if data, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(data) != "v2" {
		t.Errorf("aborted build changed the output: %q", data)
	}
	// What it wrote is kept as the spare tree, for the next build.
	if got := names(t, parent); got != ".public.spare public" {
		t.Errorf("beside the output: %s", got)
	}
}

// stage writes files (name -> content) into a new staging folder for dest
// and commits it, as the build command does: when a recycled tree cannot
// be tidied, it starts again in a new folder.
func stage(t *testing.T, dest string, files map[string]string) error {
	t.Helper()
	s, err := NewStaging(dest)
	if err != nil {
		t.Fatal(err)
	}
	for attempt := 0; ; attempt++ {
		failed := false
		for name, data := range files {
			if err := s.WriteFile(name, []byte(data)); err != nil {
				if attempt > 0 || !s.recycled {
					t.Fatal(err)
				}
				failed = true
			}
		}
		if !s.Tidy() {
			if err := s.Restart(); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if failed {
			t.Fatal("Tidy accepts a tree whose writes failed")
		}
		return s.Commit()
	}
}

// tree reads every file under dir, by slash path.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	dir += string(filepath.Separator) // through a link too
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if !d.IsDir() {
			data, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			files[filepath.ToSlash(rel)] = string(data)
		}
		return nil
	})
	return files
}

func names(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return strings.Join(out, " ")
}

// TestSymlinkDestinationIsKept publishes through a link, the usual deploy
// layout public -> releases/2026-11-27: the link stays, the folder it
// leads to gets the new site whole.
func TestSymlinkDestinationIsKept(t *testing.T) {
	tests := []struct {
		name     string
		link     string // target of public, relative to the parent unless absolute
		existing bool   // the target holds a previous site
	}{
		{"relative link", "releases/2026-11-27", true},
		{"absolute link", "ABS/releases/2026-11-27", true},
		{"link to a folder not made yet", "releases/2026-11-28", false},
		{"link to a link", "current", true}, // current -> releases/2026-11-27
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			release := filepath.Join(parent, "releases", "2026-11-27")
			os.MkdirAll(filepath.Join(release, "old"), 0o755)
			os.WriteFile(filepath.Join(release, "index.html"), []byte("old"), 0o644)
			os.WriteFile(filepath.Join(release, "old", "index.html"), []byte("old"), 0o644)
			os.Symlink("releases/2026-11-27", filepath.Join(parent, "current"))
			target := strings.Replace(tt.link, "ABS", parent, 1)
			dest := filepath.Join(parent, "public")
			if err := os.Symlink(target, dest); err != nil {
				t.Fatal(err)
			}
			if err := stage(t, dest, map[string]string{"index.html": "new", "a/index.html": "a"}); err != nil {
				t.Fatal(err)
			}
			if got, err := os.Readlink(dest); err != nil || got != target {
				t.Fatalf("the link was replaced: readlink = %q, %v", got, err)
			}
			if got := tree(t, dest); len(got) != 2 || got["index.html"] != "new" || got["a/index.html"] != "a" {
				t.Errorf("published through the link: %v", got)
			}
			real := filepath.Join(parent, target)
			if filepath.IsAbs(target) {
				real = target
			}
			if got := tree(t, real); got["index.html"] != "new" {
				t.Errorf("the link's target was not updated: %v", got)
			}
			if tt.existing {
				if got := names(t, filepath.Join(parent, "releases")); got != ".2026-11-27.spare 2026-11-27" {
					t.Errorf("releases/ holds %s", got)
				}
			}
			if got := names(t, parent); got != "current public releases" {
				t.Errorf("beside the link: %s", got)
			}
		})
	}
}

// TestOldOutputThatCannotBeRemoved: a spare tree whose files cannot be
// replaced is set aside and the build starts again in a new folder; the new
// site is published, the error says so in French, and the remains never
// pile up beside the output.
func TestOldOutputThatCannotBeRemoved(t *testing.T) {
	defer func() { Fault = nil }()
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	for _, version := range []string{"v1", "v2"} {
		if err := stage(t, dest, map[string]string{"index.html": version}); err != nil {
			t.Fatal(err)
		}
	}
	denied := func(op, name string) error {
		if op == "remove" {
			return &os.PathError{Op: "unlinkat", Path: filepath.Join(name, "css", "site.css"), Err: syscall.EACCES}
		}
		return nil
	}
	for i, version := range []string{"v3", "v4", "v5"} {
		Fault = denied
		err := stage(t, dest, map[string]string{"index.html": version})
		Fault = nil
		var cleanup *CleanupError
		if !errors.As(err, &cleanup) {
			t.Fatalf("build %d: error %v, want a CleanupError", i, err)
		}
		for _, want := range []string{"permission refusée", "le nouveau site est bien publié dans " + dest, TrashDir(dest)} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("build %d: message %q lacks %q", i, err, want)
			}
		}
		if strings.Contains(err.Error(), "unlinkat") {
			t.Errorf("untranslated message: %s", err)
		}
		if got := tree(t, dest); got["index.html"] != version || len(got) != 1 {
			t.Errorf("build %d: published %v", i, got)
		}
		if got := names(t, parent); got != ".public.old .public.spare public" {
			t.Errorf("build %d: beside the output: %s", i, got)
		}
	}
	// Once removing works again, the remains go.
	if err := stage(t, dest, map[string]string{"index.html": "v6"}); err != nil {
		t.Fatal(err)
	}
	if got := names(t, parent); got != ".public.spare public" {
		t.Errorf("beside the output: %s", got)
	}
}

// TestRecycledTree: builds that add, change, move and remove files, with
// a file where a folder must go and the reverse, and a symbolic link
// planted in the spare tree: each publishes exactly its files, the same as
// a build from scratch, and never writes through the link.
func TestRecycledTree(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "index.html"), []byte("outside"), 0o644)
	versions := []map[string]string{
		{"index.html": "1", "a/index.html": "a", "b/index.html": "b", "c/d/index.html": "cd", "x": "file"},
		{"index.html": "2", "a/index.html": "a", "c/d/index.html": "cd2", "e/index.html": "e", "x/index.html": "now a folder"},
		{"index.html": "3", "a/index.html": "a", "b/index.html": "b again", "x": "a file again", "c/index.html": "c"},
		{"index.html": "3", "a/index.html": "a", "b/index.html": "b again", "x": "a file again", "c/index.html": "c"},
		{"index.html": "4", "link/index.html": "4", "e/index.html": "e"},
		{"index.html": "5", "link/index.html": "5", "e/index.html": "e"},
	}
	for i, files := range versions {
		if i == 4 {
			// Someone put a link into the spare tree.
			os.RemoveAll(filepath.Join(SpareDir(dest), "link"))
			os.Symlink(outside, filepath.Join(SpareDir(dest), "link"))
		}
		if err := stage(t, dest, files); err != nil {
			t.Fatalf("build %d: %v", i, err)
		}
		if got := tree(t, dest); fmt.Sprint(got) != fmt.Sprint(files) {
			t.Errorf("build %d: published %v, want %v", i, got, files)
		}
		if data, _ := os.ReadFile(filepath.Join(outside, "index.html")); string(data) != "outside" {
			t.Fatalf("build %d wrote through a link: %q", i, data)
		}
	}
	if got := names(t, outside); got != "index.html" {
		t.Errorf("outside the output: %s", got)
	}
}

// TestDiskFull: the first write that finds the disk full marks the
// staging folder, later writes fail at once, and the destination is
// unchanged.
func TestDiskFull(t *testing.T) {
	defer func() { Fault = nil }()
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	if err := stage(t, dest, map[string]string{"index.html": "v1"}); err != nil {
		t.Fatal(err)
	}
	s, err := NewStaging(dest)
	if err != nil {
		t.Fatal(err)
	}
	tries := 0
	Fault = func(op, name string) error {
		if op == "write" {
			if tries++; tries > 3 {
				return &os.PathError{Op: "open", Path: name, Err: syscall.ENOSPC}
			}
		}
		return nil
	}
	var failed int
	for i := range 100 {
		if err := s.WriteFile(fmt.Sprintf("p%d/index.html", i), []byte("v2")); err != nil {
			failed++
			if !errors.Is(err, ErrDiskFull) {
				t.Errorf("write %d: %v, want ErrDiskFull", i, err)
			}
		}
	}
	if failed != 97 || tries != 4 || !s.DiskFull() {
		t.Errorf("%d writes failed, %d tried, full = %v", failed, tries, s.DiskFull())
	}
	if err := s.Commit(); !errors.Is(err, ErrDiskFull) {
		t.Errorf("Commit: %v", err)
	}
	s.Abort()
	if got := tree(t, dest); got["index.html"] != "v1" || len(got) != 1 {
		t.Errorf("destination changed: %v", got)
	}
	// On a full disk, what was written is removed, not kept as a spare.
	if got := names(t, parent); got != "public" {
		t.Errorf("beside the output: %s", got)
	}
}

// inode returns the file's inode number, to tell a link from a copy.
func inode(t *testing.T, name string) uint64 {
	t.Helper()
	info, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	return info.Sys().(*syscall.Stat_t).Ino
}

// TestRebuildLinksUnchangedFiles: a file equal to the published one is
// linked, not written; a changed one is a new file; the result is the
// same as a build from scratch; removing the previous tree leaves the
// linked files whole.
func TestRebuildLinksUnchangedFiles(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	v1 := map[string]string{"index.html": "home", "a/index.html": "a", "b/index.html": "b", "empty.txt": "", "gone/index.html": "gone"}
	if err := stage(t, dest, v1); err != nil {
		t.Fatal(err)
	}
	before := map[string]uint64{}
	for name := range v1 {
		before[name] = inode(t, filepath.Join(dest, name))
	}
	v2 := map[string]string{"index.html": "home", "a/index.html": "a, edited", "b/index.html": "b", "empty.txt": "", "new/index.html": "new"}
	s, err := NewStaging(dest)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range v2 {
		if err := s.WriteFile(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	if linked, written := s.Counts(); linked != 3 || written != 2 {
		t.Errorf("linked %d, written %d; want 3 and 2", linked, written)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, dest); fmt.Sprint(got) != fmt.Sprint(v2) {
		t.Errorf("published %v, want %v", got, v2)
	}
	scratch := filepath.Join(parent, "scratch")
	if err := stage(t, scratch, v2); err != nil {
		t.Fatal(err)
	}
	if a, b := tree(t, dest), tree(t, scratch); fmt.Sprint(a) != fmt.Sprint(b) {
		t.Errorf("rebuild %v, from scratch %v", a, b)
	}
	for _, name := range []string{"index.html", "b/index.html", "empty.txt"} {
		if inode(t, filepath.Join(dest, name)) != before[name] {
			t.Errorf("%s was written again, not linked", name)
		}
	}
	if inode(t, filepath.Join(dest, "a/index.html")) == before["a/index.html"] {
		t.Error("a changed file reuses the published file")
	}
}

// TestSharedFileIsNeverWrittenInPlace: once a staging file is a link to a
// published one, no later write, in this build or the next, changes the
// published file; an aborted build leaves the site whole.
func TestSharedFileIsNeverWrittenInPlace(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	if err := stage(t, dest, map[string]string{"index.html": "v1", "a/index.html": "a1"}); err != nil {
		t.Fatal(err)
	}
	// The same content: linked into the staging tree.
	if err := stage(t, dest, map[string]string{"index.html": "v1", "a/index.html": "a1"}); err != nil {
		t.Fatal(err)
	}
	s, err := NewStaging(dest)
	if err != nil {
		t.Fatal(err)
	}
	// Linked first, then written twice in the same build with other bytes.
	for _, data := range []string{"v1", "v2 longer", "v3"} {
		if err := s.WriteFile("index.html", []byte(data)); err != nil {
			t.Fatal(err)
		}
		if got := tree(t, dest); got["index.html"] != "v1" || got["a/index.html"] != "a1" {
			t.Fatalf("after writing %q into the staging tree, the published site is %v", data, got)
		}
	}
	s.WriteFile("a/index.html", []byte("a1"))
	s.Abort()
	if got := tree(t, dest); len(got) != 2 || got["index.html"] != "v1" || got["a/index.html"] != "a1" {
		t.Errorf("after an aborted build, the published site is %v", got)
	}
	// The next complete build publishes its own bytes, and the files of
	// the build before stay as they were until the swap.
	if err := stage(t, dest, map[string]string{"index.html": "v4", "a/index.html": "a1"}); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, dest); len(got) != 2 || got["index.html"] != "v4" || got["a/index.html"] != "a1" {
		t.Errorf("published %v", got)
	}
	if got := names(t, parent); got != ".public.spare public" {
		t.Errorf("beside the output: %s", got)
	}
}

// TestRebuildDoesNotLinkSymlinks: a symbolic link left in the published
// folder is never carried into the new site, even to a file with the same
// bytes.
func TestRebuildDoesNotLinkSymlinks(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	if err := stage(t, dest, map[string]string{"index.html": "v1"}); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(parent, "outside.txt")
	os.WriteFile(outside, []byte("same"), 0o644)
	os.Symlink(outside, filepath.Join(dest, "same.txt"))
	if err := stage(t, dest, map[string]string{"index.html": "v1", "same.txt": "same"}); err != nil {
		t.Fatal(err)
	}
	info, err := os.Lstat(filepath.Join(dest, "same.txt"))
	if err != nil || !info.Mode().IsRegular() {
		t.Fatalf("same.txt: %v, %v", info, err)
	}
	if inode(t, filepath.Join(dest, "same.txt")) == inode(t, outside) {
		t.Error("a file outside the output was linked into it")
	}
}

// TestKeepOnlyWhatTheBuildLeft: Keep carries a published file over only
// when it has the size the build wrote and was not modified after the
// build ended; otherwise it leaves the file to be written.
func TestKeepOnlyWhatTheBuildLeft(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if err := stage(t, dest, map[string]string{"a/index.html": "aaaa", "b/index.html": "bbbb", "c/index.html": "cccc", "e/index.html": "eeee", "f/index.html": "ffff"}); err != nil {
		t.Fatal(err)
	}
	finished := time.Now()
	// b edited by hand afterwards, to the same size.
	later := finished.Add(2 * time.Second)
	if err := os.WriteFile(filepath.Join(dest, "b/index.html"), []byte("BBBB"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(filepath.Join(dest, "b/index.html"), later, later)
	// e changed by hand with its date put back (cp -p, touch -r); f made
	// readable by its owner only.
	if err := os.WriteFile(filepath.Join(dest, "e/index.html"), []byte("EEEE"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := finished.Add(-time.Minute)
	os.Chtimes(filepath.Join(dest, "e/index.html"), before, before)
	os.Chmod(filepath.Join(dest, "f/index.html"), 0o600)
	s, err := NewStaging(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	for _, tt := range []struct {
		name string
		size int64
		sum  string // the bytes the build wrote
		want bool
	}{
		{"a/index.html", 4, "aaaa", true},
		{"b/index.html", 4, "bbbb", false}, // modified after the build
		{"c/index.html", 5, "cccc", false}, // not the size the build wrote
		{"d/index.html", 4, "dddd", false}, // not published
		{"e/index.html", 4, "eeee", false}, // not the bytes the build wrote
		{"f/index.html", 4, "ffff", false}, // not readable by the web server
	} {
		if got := s.Keep(tt.name, tt.size, Sum([]byte(tt.sum)), finished); got != tt.want {
			t.Errorf("Keep(%s, %d) = %v, want %v", tt.name, tt.size, got, tt.want)
		}
	}
}

// TestAbortStopsLateWriters: writers still making folders when the build
// is aborted (an interrupt) cannot bring the removed staging folder back,
// and the destination is left as it was. Folders are made without holding
// the staging's lock; run with -race.
func TestAbortStopsLateWriters(t *testing.T) {
	for round := range 20 {
		parent := t.TempDir()
		dest := filepath.Join(parent, "public")
		s, err := NewStaging(dest)
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		for w := range 4 {
			wg.Go(func() {
				for i := range 200 {
					// Errors are expected once aborted; what matters is
					// what is left on the disk.
					_ = s.WriteFile(fmt.Sprintf("s%d/p%d/q%d/index.html", w, i, i%3), []byte("x"))
				}
			})
		}
		time.Sleep(time.Duration(round%5) * time.Millisecond)
		s.Abort()
		wg.Wait()
		entries, err := os.ReadDir(parent)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if e.Name() != filepath.Base(SpareDir(dest)) {
				t.Errorf("round %d: %s left beside the destination after Abort", round, e.Name())
			}
		}
		if _, err := os.Stat(dest); err == nil {
			t.Errorf("round %d: an aborted first build created the destination", round)
		}
	}
}
