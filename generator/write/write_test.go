package write

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 {
		t.Errorf("leftovers beside the output: %v", entries)
	}
}
