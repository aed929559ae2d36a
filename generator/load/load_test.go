package load

import (
	"strings"
	"testing"
	"testing/fstest"

	"terredetalents/generator/diag"
)

func TestClean(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    string
		problem string // substring of the message, "" for none
		offset  int
	}{
		{"plain", "+++\na\n", "+++\na\n", "", 0},
		{"byte-order mark", "\xef\xbb\xbf+++\n", "+++\n", "", 0},
		{"CRLF", "+++\r\na\r\n", "+++\na\n", "", 0},
		{"old Mac CR", "+++\ra\r", "+++\na\n", "", 0},
		{"NUL byte", "ab\x00c", "", "binaire", 2},
		{"Latin-1", "+++\ncaf\xe9\n", "", "UTF-8", 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, off, problem := Clean([]byte(tt.in))
			if tt.problem == "" {
				if problem != "" || string(got) != tt.want {
					t.Errorf("Clean(%q) = %q, %q; want %q", tt.in, got, problem, tt.want)
				}
				return
			}
			if !strings.Contains(problem, tt.problem) || off != tt.offset {
				t.Errorf("Clean(%q) problem %q at %d; want %q at %d", tt.in, problem, off, tt.problem, tt.offset)
			}
		})
	}
}

func TestContentFindsPagesAndBundles(t *testing.T) {
	site := fstest.MapFS{
		"content/_index.md":                         {Data: []byte("+++\n")},
		"content/a-propos.md":                       {Data: []byte("+++\n")},
		"content/entreprises/_index.md":             {Data: []byte("+++\n")},
		"content/entreprises/atelier.md":            {Data: []byte("+++\n")},
		"content/entreprises/filature/index.md":     {Data: []byte("+++\n")},
		"content/entreprises/filature/logo.png":     {Data: []byte("png")},
		"content/entreprises/filature/img/plan.jpg": {Data: []byte("jpg")},
		"content/entreprises/.atelier.md.swp":       {Data: []byte("swap")},
		"content/entreprises/atelier.md~":           {Data: []byte("backup")},
		"content/entreprises/perdu.png":             {Data: []byte("png")},
		"content/actualites/fete.md":                {Data: []byte("+++\n")},
		"content/entreprises/a/b/c.md":              {Data: []byte("+++\n")},
		"content/gros.md":                           {Data: make([]byte, MaxFileSize+1)},
	}
	var diags diag.List
	files := Content(site, &diags)
	var got []string
	for _, f := range files {
		desc := f.Path + " section=" + f.Section + " name=" + f.Name
		if f.Index {
			desc += " index"
		}
		if f.Bundle {
			desc += " bundle[" + strings.Join(f.Resources, ",") + "]"
		}
		got = append(got, desc)
	}
	want := []string{
		"content/_index.md section= name=_index index",
		"content/a-propos.md section= name=a-propos",
		"content/entreprises/_index.md section=entreprises name=_index index",
		"content/entreprises/atelier.md section=entreprises name=atelier",
		"content/entreprises/filature/index.md section=entreprises name=filature bundle[img/plan.jpg,logo.png]",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("files:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var msgs []string
	for _, d := range diags.Items() {
		msgs = append(msgs, d.Pos.File+" "+d.Code)
	}
	wantDiags := []string{
		"content/actualites/fete.md unknown-section",
		"content/entreprises/a/b/c.md misplaced",
		"content/entreprises/perdu.png stray-file",
		"content/gros.md too-large",
	}
	if strings.Join(msgs, "\n") != strings.Join(wantDiags, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(wantDiags, "\n"))
	}
}

func FuzzClean(f *testing.F) {
	for _, s := range []string{"", "+++\n", "\xef\xbb\xbf+++\r\n", "a\x00b", "caf\xe9", "\r\r\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		text, off, problem := Clean(data)
		if off < 0 || off > len(text) {
			t.Fatalf("offset %d outside text of %d bytes", off, len(text))
		}
		if problem == "" && strings.Contains(string(text), "\r") {
			t.Fatal("a CR survived")
		}
	})
}
