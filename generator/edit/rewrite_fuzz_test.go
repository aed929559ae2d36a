package edit

import (
	"bytes"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"terredetalents/generator/parse"
)

// lookup finds the value of a dotted path ("sessions.1.start") in decoded
// TOML.
func lookup(raw map[string]any, path string) (any, bool) {
	parts := strings.Split(path, ".")
	var cur any = raw
	for _, p := range parts {
		switch c := cur.(type) {
		case map[string]any:
			v, ok := c[p]
			if !ok {
				return nil, false
			}
			cur = v
		case []map[string]any:
			i, err := strconv.Atoi(p)
			if err != nil || i >= len(c) {
				return nil, false
			}
			cur = c[i]
		default:
			return nil, false
		}
	}
	return cur, true
}

// FuzzRewrite: setting a key keeps every byte outside its value, and the
// result decodes to the value set; a new key adds a line and nothing else.
func FuzzRewrite(f *testing.F) {
	f.Add("title = \"a\" # c\nskills = [\n  \"x\",\n  \"y\", # z = 1\n]\n\n[[sessions]]\nstart = 2027-01-01\n", 0, "nouveau \"titre\"")
	f.Add("summary = '''\nlong\n'''\n# commentaire\nhiring = true\n", 1, "a\\b\nc")
	f.Add("\"quoted key\" = 1\n[[offers]]\ntitle = \"x\"\n[[offers]]\ntitle = \"y\"\n", 2, "é")
	f.Fuzz(func(t *testing.T, fm string, pick int, value string) {
		if !utf8.ValidString(value) || !utf8.ValidString(fm) || strings.Contains(fm, "+++") || strings.ContainsRune(fm, '\r') {
			return
		}
		var before map[string]any
		if _, err := toml.Decode(fm, &before); err != nil {
			return
		}
		file := "+++\n" + fm
		if !strings.HasSuffix(fm, "\n") && fm != "" {
			file += "\n"
		}
		file += "+++\nCorps.\n"
		split, err := parse.SplitFrontMatter([]byte(file))
		if err != nil {
			return
		}
		spans := parse.KeySpans(split.FrontMatter)
		var keys []string
		for k, sp := range spans {
			if sp.Value > sp.Key {
				if _, ok := lookup(before, k); ok {
					keys = append(keys, k)
				}
			}
		}
		sort.Strings(keys)
		lit := Quote(value)
		if len(keys) > 0 {
			key := keys[(pick%len(keys)+len(keys))%len(keys)]
			if _, isTable := lookup(before, key); !isTable {
				return
			}
			out, err := Rewrite([]byte(file), Changes{Sets: []Set{{key, lit}}})
			if err != nil {
				t.Fatal(err)
			}
			sp := spans[key]
			start, end := split.FMStart+sp.Value, split.FMStart+sp.End
			if !bytes.Equal(out[:start], []byte(file[:start])) || !bytes.Equal(out[start+len(lit):], []byte(file[end:])) {
				t.Fatalf("bytes outside %s changed:\n%s\n---\n%s", key, file, out)
			}
			got := decodeFM(t, out)
			if v, _ := lookup(got, key); v != value {
				t.Fatalf("%s decodes to %#v, want %q:\n%s", key, v, value, out)
			}
		}
		// A new top-level key: one line more, the rest as it was.
		out, err := Rewrite([]byte(file), Changes{Sets: []Set{{"zz_nouvelle_cle", lit}}})
		if err != nil {
			t.Fatal(err)
		}
		if _, exists := before["zz_nouvelle_cle"]; exists {
			return
		}
		line := "zz_nouvelle_cle = " + lit + "\n"
		i := bytes.Index(out, []byte(line))
		if i < 0 {
			t.Fatalf("no new line in\n%s", out)
		}
		rest := string(out[:i]) + string(out[i+len(line):])
		if rest != file && strings.Replace(rest, "\n", "", 1) != strings.Replace(file, "\n", "", 1) {
			t.Fatalf("adding a key changed other bytes:\n%s\n---\n%s", file, out)
		}
		got := decodeFM(t, out)
		if got["zz_nouvelle_cle"] != value {
			t.Fatalf("new key decodes to %#v, want %q:\n%s", got["zz_nouvelle_cle"], value, out)
		}
	})
}

func decodeFM(t *testing.T, file []byte) map[string]any {
	t.Helper()
	split, err := parse.SplitFrontMatter(file)
	if err != nil {
		t.Fatalf("%v:\n%s", err, file)
	}
	var got map[string]any
	if _, err := toml.Decode(string(split.FrontMatter), &got); err != nil {
		t.Fatalf("the result is not TOML: %v\n%s", err, file)
	}
	return got
}
