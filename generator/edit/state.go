package edit

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"terredetalents/generator/parse"
)

// state is what a form holds: the values by key, the blocks of each
// repeatable group, and the body. It comes from the file when a form
// opens, and from the request when the staff send it.
type state struct {
	top    map[string]string
	blocks map[string][]blockState
	body   string
}

// blockState is one block of a group: From is its index in the file the
// form was opened on, -1 for a block added in the form. Kept marks, in a
// conflict, a block the other tab removed and the staff edited: it is
// kept as a new block.
type blockState struct {
	From   int
	Remove bool
	Kept   bool
	Values map[string]string
}

// file is a page file as read: its text, decoded front matter and body.
type file struct {
	text []byte
	raw  map[string]any
	body string
}

// readFile decodes a page's text. A front matter the TOML library refuses
// leaves raw empty: the form then shows nothing for it, and the caller
// says why.
func readFile(text []byte) (file, error) {
	split, err := parse.SplitFrontMatter(text)
	if err != nil {
		return file{text: text}, err
	}
	raw := map[string]any{}
	if _, err := toml.Decode(string(split.FrontMatter), &raw); err != nil {
		return file{text: text, body: string(split.Body)}, err
	}
	return file{text: text, raw: raw, body: string(split.Body)}, nil
}

// stateOf is the form of a file.
func stateOf(f file, specs []spec) state {
	st := state{top: map[string]string{}, blocks: map[string][]blockState{}, body: f.body}
	for _, s := range specs {
		if s.Block != nil {
			for i, b := range tables(f.raw, s.Key) {
				bs := blockState{From: i, Values: map[string]string{}}
				for _, bsp := range s.Block {
					bs.Values[bsp.Key] = shown(b, bsp)
				}
				st.blocks[s.Key] = append(st.blocks[s.Key], bs)
			}
			continue
		}
		st.top[s.Key] = shown(f.raw, s)
	}
	return st
}

// tables returns the blocks of an array of tables.
func tables(raw map[string]any, key string) []map[string]any {
	switch x := raw[key].(type) {
	case []map[string]any:
		return x
	case []any:
		var out []map[string]any
		for _, e := range x {
			if m, ok := e.(map[string]any); ok {
				out = append(out, m)
			}
		}
		return out
	}
	return nil
}

// statePosted is the form as sent. Browsers send text areas with CRLF.
func statePosted(form url.Values, specs []spec) state {
	get := func(name string) string {
		return strings.ReplaceAll(strings.Join(form[name], "\n"), "\r\n", "\n")
	}
	value := func(s spec, name string) string {
		if s.Control == ctlBool {
			if form.Get(name) == "true" {
				return "true"
			}
			return "false"
		}
		v := get(name)
		if add := strings.TrimSpace(get("_ajout." + name)); add != "" && !contains(lines(v), add) {
			// A term typed in the completion field, without JavaScript
			// to move it into the list.
			v = strings.TrimRight(v, "\n")
			if v != "" {
				v += "\n"
			}
			v += add
		}
		return v
	}
	st := state{top: map[string]string{}, blocks: map[string][]blockState{}, body: get("body")}
	for _, s := range specs {
		if s.Block == nil {
			st.top[s.Key] = value(s, s.Key)
			continue
		}
		n, _ := strconv.Atoi(form.Get("_blocs." + s.Key))
		for i := range min(n, 200) {
			name := s.Key + "." + strconv.Itoa(i)
			from, err := strconv.Atoi(form.Get(name + "._origine"))
			if err != nil {
				from = -1
			}
			bs := blockState{From: from, Remove: form.Get(name+"._supprimer") == "true", Values: map[string]string{}}
			for _, bsp := range s.Block {
				bs.Values[bsp.Key] = value(bsp, name+"."+bsp.Key)
			}
			st.blocks[s.Key] = append(st.blocks[s.Key], bs)
		}
	}
	return st
}

// changes are the edits that turn file f into what the form holds: only
// the values that differ from the file.
func changes(f file, st state, specs []spec) Changes {
	var ch Changes
	for _, s := range specs {
		if s.Block == nil {
			v, was := st.top[s.Key], shown(f.raw, s)
			if s.Control == ctlRefs {
				v = inOrder(v, was)
			}
			if v != was {
				ch.Sets = append(ch.Sets, Set{s.Key, literal(s, v)})
			}
			continue
		}
		onDisk := tables(f.raw, s.Key)
		for _, b := range st.blocks[s.Key] {
			if b.From < 0 || b.From >= len(onDisk) {
				if b.Remove || empty(b) {
					continue
				}
				nb := Block{Key: s.Key}
				for _, bsp := range s.Block {
					nb.Sets = append(nb.Sets, Set{bsp.Key, literal(bsp, b.Values[bsp.Key])})
				}
				ch.AddBlocks = append(ch.AddBlocks, nb)
				continue
			}
			name := s.Key + "." + strconv.Itoa(b.From)
			if b.Remove {
				ch.RemoveBlocks = append(ch.RemoveBlocks, name)
				continue
			}
			for _, bsp := range s.Block {
				if v := b.Values[bsp.Key]; v != shown(onDisk[b.From], bsp) {
					ch.Sets = append(ch.Sets, Set{name + "." + bsp.Key, literal(bsp, v)})
				}
			}
		}
	}
	if st.body != f.body {
		body := st.body
		ch.Body = &body
	}
	return ch
}

// inOrder writes the references ticked in the order of the file, new
// ones last: ticking boxes in page order must not reorder the list.
func inOrder(ticked, written string) string {
	keep := map[string]bool{}
	for _, r := range lines(ticked) {
		keep[r] = true
	}
	var out []string
	for _, r := range lines(written) {
		if keep[r] {
			out = append(out, r)
			delete(keep, r)
		}
	}
	for _, r := range lines(ticked) {
		if keep[r] {
			out = append(out, r)
			delete(keep, r)
		}
	}
	return strings.Join(out, "\n")
}

// empty reports whether a new block was left blank.
func empty(b blockState) bool {
	for _, v := range b.Values {
		if strings.TrimSpace(v) != "" && v != "false" {
			return false
		}
	}
	return true
}
