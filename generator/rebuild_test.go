package main

import (
	"bytes"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
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

// TestRecordedRebuildEqualsScratch makes the random edits of
// TestIncrementalPropertyEqualsFull to a site with layouts of its own;
// after each, `build` over the previous output, which renders only the
// pages its record shows may have changed, gives the same files as a build
// from scratch. Longer: go test ./generator -run RecordedRebuild -devprop.steps 100
func TestRecordedRebuildEqualsScratch(t *testing.T) {
	seed := *devPropSeed
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	t.Logf("seed %d (-devprop.seed %d replays it)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, 2))
	site, ops := editableSite(t, rng)
	build := func(dest string) (int, string) {
		code, stdout, stderr := runGen(t, site, "build", "-v", "-destination", dest)
		return code, stdout + stderr
	}
	if code, out := build("public"); code != 0 {
		t.Fatal(out)
	}
	reused, built := 0, 0
	// Steps are edits made: an edit that does not apply to the site as it
	// is (no file to rename yet) is drawn again.
	for n := 0; built < *devPropSteps && n < 20*(*devPropSteps); n++ {
		o := ops[rng.IntN(len(ops))]
		if o.do(n) == nil {
			continue
		}
		built++
		code, out := build("public")
		os.RemoveAll(filepath.Join(site, "scratch"))
		scratchCode, scratchOut := build("scratch")
		if code != scratchCode {
			t.Fatalf("step %d (%s): exit %d over the previous output, %d from scratch\n%s\n%s", n, o.name, code, scratchCode, out, scratchOut)
		}
		if code != 0 {
			continue // refused by both: the published site stays as it was
		}
		if d := sameTree(t, filepath.Join(site, "public"), snapshot(t, filepath.Join(site, "scratch"))); d != "" {
			t.Fatalf("step %d (%s): the rebuild differs from a build from scratch: %s", n, o.name, d)
		}
		if m := regexp.MustCompile(`Pages refaites : ([\d ]+) ; reprises telles quelles de la construction précédente : ([\d ]+)\.`).FindStringSubmatch(out); m != nil {
			t.Logf("step %d (%s): %s rendered, %s kept", n, o.name, m[1], m[2])
			if m[2] != "0" {
				reused++
			}
		}
	}
	if *devPropSteps >= 6 && reused == 0 {
		t.Error("no rebuild kept a page from the previous output: the record is never used")
	}
}

// TestRecordThatDoesNotMatch: a record that is garbage, or that describes
// another output, is not used: the build renders every page and gives the
// same site as a build from scratch.
func TestRecordThatDoesNotMatch(t *testing.T) {
	site := copySite(t)
	if code, _, stderr := runGen(t, site, "build"); code != 0 {
		t.Fatal(stderr)
	}
	record := filepath.Join(site, ".public.record")
	good, err := os.ReadFile(record)
	if err != nil {
		t.Fatalf("no record beside the output: %v", err)
	}
	rendered := regexp.MustCompile(`Pages refaites : ([\d ]+) ; reprises telles quelles de la construction précédente : ([\d ]+)\.`)
	for _, tt := range []struct {
		name  string
		setup func()
	}{
		{"garbage", func() { os.WriteFile(record, []byte("\x00\x01 pas un relevé"), 0o644) }},
		{"truncated", func() { os.WriteFile(record, good[:len(good)/2], 0o644) }},
		{"another output folder", func() {
			// The same record, but public/ was replaced by hand.
			os.Rename(filepath.Join(site, "public"), filepath.Join(site, "ancien"))
			copyTree(t, filepath.Join(site, "ancien"), filepath.Join(site, "public"))
			os.WriteFile(record, good, 0o644)
		}},
	} {
		tt.setup()
		code, stdout, stderr := runGen(t, site, "build", "-v")
		if code != 0 {
			t.Fatalf("%s: exit %d\n%s", tt.name, code, stderr)
		}
		if m := rendered.FindStringSubmatch(stdout); m == nil || m[2] != "0" {
			t.Errorf("%s: the record was used: %q", tt.name, m)
		}
		os.RemoveAll(filepath.Join(site, "scratch"))
		if code, _, stderr := runGen(t, site, "build", "-destination", "scratch"); code != 0 {
			t.Fatal(stderr)
		}
		if d := sameTree(t, filepath.Join(site, "public"), snapshot(t, filepath.Join(site, "scratch"))); d != "" {
			t.Fatalf("%s: %s", tt.name, d)
		}
		good, _ = os.ReadFile(record)
	}
	// And a good record is used.
	code, stdout, _ := runGen(t, site, "build", "-v")
	if m := rendered.FindStringSubmatch(stdout); code != 0 || m == nil || m[1] != "0" {
		t.Errorf("a rebuild with nothing changed rendered pages: %q", m)
	}
}

// TestHandEditedOutputIsRestored: a file of the published site changed by
// hand after a build, even to the same size, is not carried over by the
// next build, which gives the same site as a build from scratch: pages
// the record would keep, and resized images found again by name.
func TestHandEditedOutputIsRestored(t *testing.T) {
	site := copySite(t)
	if code, _, stderr := runGen(t, site, "build"); code != 0 {
		t.Fatal(stderr)
	}
	public := filepath.Join(site, "public")
	copies, _ := filepath.Glob(filepath.Join(public, "reussites", "*", "*w.jpg"))
	if len(copies) == 0 {
		t.Fatal("no resized copy of a photo in the example site")
	}
	edits := []struct {
		file, old, new string
		sameDate       bool // its date put back, as cp -p or touch -r do
	}{
		// A page: one word for another of the same length.
		{filepath.Join(public, "entreprises", "watt-renov", "index.html"), "Watt", "Wott", false},
		{filepath.Join(public, "a-propos", "index.html"), "<head>", "<haad>", true},
		// A photo's copy, changed in its last bytes, its date put back.
		{copies[0], "", "", true},
	}
	// Edits come at least a second after the build, as by hand.
	time.Sleep(1100 * time.Millisecond)
	for _, e := range edits {
		data, err := os.ReadFile(e.file)
		if err != nil {
			t.Fatal(err)
		}
		var edited []byte
		if e.old != "" {
			s := string(data)
			i := strings.LastIndex(s, e.old)
			if i < 0 {
				t.Fatalf("%s: %q not found", e.file, e.old)
			}
			edited = []byte(s[:i] + e.new + s[i+len(e.old):])
		} else {
			edited = bytes.Clone(data)
			edited[len(edited)-3] ^= 0xff
		}
		info, err := os.Stat(e.file)
		if err != nil {
			t.Fatal(err)
		}
		// In place, as an editor that keeps the file's inode does.
		if err := os.WriteFile(e.file, edited, 0o644); err != nil {
			t.Fatal(err)
		}
		if e.sameDate {
			os.Chtimes(e.file, info.ModTime(), info.ModTime())
		}
	}
	// A page made readable by its owner only: a web server running as
	// another user could not serve it.
	private := filepath.Join(public, "formations", "cuisinier", "index.html")
	if err := os.Chmod(private, 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runGen(t, site, "build"); code != 0 {
		t.Fatal(stderr)
	}
	if code, _, stderr := runGen(t, site, "build", "-destination", "scratch"); code != 0 {
		t.Fatal(stderr)
	}
	if d := sameTree(t, public, snapshot(t, filepath.Join(site, "scratch"))); d != "" {
		t.Fatalf("a file edited by hand in the published site survived the rebuild: %s", d)
	}
	if info, err := os.Stat(private); err != nil || info.Mode().Perm()&0o044 == 0 {
		t.Errorf("a page made private by hand stays so after the rebuild: %v %v", info.Mode(), err)
	}
}
