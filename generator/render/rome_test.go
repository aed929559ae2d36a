package render

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"terredetalents/themes"
)

// TestROMETitles: every ROME code of the example site has its job title in
// the theme, and the list holds nothing but well-formed codes.
func TestROMETitles(t *testing.T) {
	titles, err := loadROME(Layers{themes.Default()})
	if err != nil || len(titles) == 0 {
		t.Fatalf("no ROME titles: %v", err)
	}
	code := regexp.MustCompile(`^[A-N][0-9]{4}$`)
	for c, title := range titles {
		if !code.MatchString(c) || title == "" {
			t.Errorf("ROME %q = %q", c, title)
		}
	}
	files, _ := filepath.Glob(filepath.Join("..", "..", "content", "formations", "*.md"))
	used := regexp.MustCompile(`"([A-N][0-9]{4})"`)
	n := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range used.FindAllStringSubmatch(string(data), -1) {
			n++
			if titles[m[1]] == "" {
				t.Errorf("%s: ROME %s has no title in %s", f, m[1], romeFile)
			}
		}
	}
	if n < 10 {
		t.Errorf("only %d ROME codes found in the example site", n)
	}
}
