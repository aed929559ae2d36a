package edit

import (
	"bytes"
	"errors"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"terredetalents/generator/parse"
)

// The file writer changes the bytes of the values that were edited and
// nothing else: comments, the order of the keys, spacing and keys the
// form does not know stay as they were written. Positions come from the
// parser's own key scanner (parse.KeySpans).

// Set gives a key a new value. Path is the key ("title") or a key of a
// block ("sessions.1.start"); Literal is the TOML value as it must be
// written, "" to remove the key.
type Set struct {
	Path    string
	Literal string
}

// Block is a new [[Key]] block, appended at the end of the front matter.
type Block struct {
	Key  string
	Sets []Set // keys of the block, without the block's prefix
}

// Changes are the edits of one page file.
type Changes struct {
	Sets         []Set
	RemoveBlocks []string // "sessions.1": blocks deleted with their lines
	AddBlocks    []Block
	Body         *string // the new Markdown body; nil keeps it
}

// errNoFrontMatter is returned for a file without a readable front matter.
var errNoFrontMatter = errors.New("en-tête +++ illisible")

type splice struct {
	start, end int
	text       string
}

// Rewrite applies changes to the text of a page file.
func Rewrite(text []byte, ch Changes) ([]byte, error) {
	split, err := parse.SplitFrontMatter(text)
	if err != nil {
		return nil, errNoFrontMatter
	}
	fm := split.FrontMatter
	spans := parse.KeySpans(fm)
	var ops []splice
	removed := map[string]bool{}
	for _, b := range ch.RemoveBlocks {
		sp, ok := spans[b]
		if !ok || sp.Key != sp.Value {
			continue
		}
		removed[b] = true
		start := lineStart(fm, sp.Key)
		end := len(fm)
		for _, other := range spans {
			if other.Key == other.Value && other.Key > sp.Key && lineStart(fm, other.Key) < end {
				end = lineStart(fm, other.Key)
			}
		}
		// The comment lines right above the header introduce this block
		// and go with it; those right above the next one stay with it.
		ops = append(ops, splice{commentsAbove(fm, start), commentsBefore(fm, start, end), ""})
	}
	inserts := map[int]*strings.Builder{} // by offset, in the order given
	var insertAt []int
	for _, s := range ch.Sets {
		table, key := tableOf(s.Path)
		if removed[table] {
			continue
		}
		if sp, ok := spans[s.Path]; ok && sp.Value > sp.Key {
			if s.Literal == "" {
				ops = append(ops, splice{lineStart(fm, sp.Key), lineEnd(fm, sp.End), ""})
			} else {
				ops = append(ops, splice{sp.Value, sp.End, s.Literal})
			}
			continue
		}
		if s.Literal == "" {
			continue
		}
		at, ok := insertionPoint(fm, spans, table)
		if !ok {
			continue // a block that is not there: nothing to add to
		}
		b := inserts[at]
		if b == nil {
			b = &strings.Builder{}
			inserts[at] = b
			insertAt = append(insertAt, at)
		}
		if at > 0 && fm[at-1] != '\n' {
			b.WriteByte('\n')
		}
		b.WriteString(key + " = " + s.Literal + "\n")
	}
	for _, at := range insertAt {
		ops = append(ops, splice{at, at, inserts[at].String()})
	}
	if len(ch.AddBlocks) > 0 {
		var b strings.Builder
		if len(fm) > 0 && fm[len(fm)-1] != '\n' {
			b.WriteByte('\n')
		}
		for _, blk := range ch.AddBlocks {
			if len(bytes.TrimSpace(fm)) > 0 || b.Len() > 0 {
				b.WriteByte('\n')
			}
			b.WriteString("[[" + blk.Key + "]]\n")
			for _, s := range blk.Sets {
				if s.Literal != "" {
					b.WriteString(s.Path + " = " + s.Literal + "\n")
				}
			}
		}
		ops = append(ops, splice{len(fm), len(fm), b.String()})
	}
	newFM := applySplices(fm, ops)

	var out bytes.Buffer
	out.Write(text[:split.FMStart])
	out.Write(newFM)
	out.Write(text[split.FMStart+len(fm) : split.BodyStart])
	if ch.Body != nil {
		out.WriteString(*ch.Body)
	} else {
		out.Write(text[split.BodyStart:])
	}
	return out.Bytes(), nil
}

// tableOf splits "sessions.1.start" into its block "sessions.1" and its
// key "start"; a key of the top level has table "".
func tableOf(path string) (table, key string) {
	i := strings.LastIndexByte(path, '.')
	if i < 0 {
		return "", path
	}
	return path[:i], path[i+1:]
}

// insertionPoint is where a new key of table goes: after the line of its
// last key, or after its header when it has none; for the top level,
// before any header.
func insertionPoint(fm []byte, spans map[string]parse.KeySpan, table string) (int, bool) {
	head, ok := spans[table]
	if table != "" && (!ok || head.Key != head.Value) {
		return 0, false
	}
	// The table runs from its header to the next header.
	from, to := 0, len(fm)
	if table != "" {
		from = head.End
	}
	for _, sp := range spans {
		if sp.Key == sp.Value && sp.Key >= from && sp.Key < to && !(table != "" && sp.Key == head.Key) {
			to = sp.Key
		}
	}
	last := -1
	for path, sp := range spans {
		t, _ := tableOf(path)
		if sp.Value > sp.Key && t == table && sp.Key >= from && sp.Key < to && sp.End > last {
			last = sp.End
		}
	}
	switch {
	case last >= 0:
		return lineEnd(fm, last), true
	case table != "":
		return lineEnd(fm, head.End), true
	}
	return 0, true
}

// commentsBefore backs end up over the comment lines right above it (they
// introduce what follows), not past from.
func commentsBefore(fm []byte, from, end int) int {
	for end > from {
		prev := lineStart(fm, end-1)
		if !bytes.HasPrefix(bytes.TrimLeft(fm[prev:end], " \t"), []byte("#")) {
			break
		}
		end = prev
	}
	return end
}

// commentsAbove backs start up over the comment lines right above it.
func commentsAbove(fm []byte, start int) int {
	for start > 0 {
		prev := lineStart(fm, start-1)
		if !bytes.HasPrefix(bytes.TrimLeft(fm[prev:start], " \t"), []byte("#")) {
			break
		}
		start = prev
	}
	return start
}

// lineStart is the offset of the start of the line holding offset.
func lineStart(b []byte, offset int) int {
	return bytes.LastIndexByte(b[:offset], '\n') + 1
}

// lineEnd is the offset just past the newline ending the line that holds
// offset, or the end of b.
func lineEnd(b []byte, offset int) int {
	if i := bytes.IndexByte(b[offset:], '\n'); i >= 0 {
		return offset + i + 1
	}
	return len(b)
}

func applySplices(b []byte, ops []splice) []byte {
	// By start; an insertion before a removal that starts at the same
	// place, so that it is not taken for part of it.
	sort.SliceStable(ops, func(i, j int) bool {
		if ops[i].start != ops[j].start {
			return ops[i].start < ops[j].start
		}
		return ops[i].end == ops[i].start && ops[j].end != ops[j].start
	})
	var out bytes.Buffer
	at := 0
	for _, op := range ops {
		if op.start < at {
			continue // inside a removed block
		}
		out.Write(b[at:op.start])
		out.WriteString(op.text)
		at = op.end
	}
	out.Write(b[at:])
	return out.Bytes()
}

// Quote writes s as a TOML basic string.
func Quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			b.WriteString(`\u00`)
			b.WriteByte("0123456789ABCDEF"[r>>4])
			b.WriteByte("0123456789ABCDEF"[r&15])
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// QuoteList writes a list of strings as a TOML array on one line.
func QuoteList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = Quote(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// renumbered is where the key at path ("sessions.2.seats", numbered in
// the file before the changes) is once the blocks removed are gone: a
// block removed before it moves it up ("sessions.1.seats").
func renumbered(path string, removed []string) string {
	table, key := tableOf(path)
	list, n := tableOf(table)
	i, err := strconv.Atoi(n)
	if list == "" || err != nil {
		return path
	}
	shift := 0
	for _, r := range removed {
		if rl, rn := tableOf(r); rl == list {
			if j, err := strconv.Atoi(rn); err == nil && j < i {
				shift++
			}
		}
	}
	return list + "." + strconv.Itoa(i-shift) + "." + key
}

// Verify reports the first change that text, the result of Rewrite, does
// not hold: a key written in a way the writer cannot reach (an inline
// table, a dotted key) would otherwise be left as it was without a word.
// ok is true when every change is there, or when text is not TOML (the
// checks then report why).
func Verify(before, text []byte, ch Changes) (path string, ok bool) {
	after, err := readFile(text)
	if err != nil || after.raw == nil {
		return "", true
	}
	old, _ := readFile(before)
	for _, s := range ch.Sets {
		table, _ := tableOf(s.Path)
		if contains(ch.RemoveBlocks, table) {
			continue
		}
		got, found := lookupPath(after.raw, renumbered(s.Path, ch.RemoveBlocks))
		if s.Literal == "" {
			if found {
				return s.Path, false
			}
			continue
		}
		var want map[string]any
		if _, err := toml.Decode("x = "+s.Literal, &want); err != nil {
			return s.Path, false
		}
		if !found || show(got) != show(want["x"]) {
			return s.Path, false
		}
	}
	counts := map[string]int{}
	for _, b := range ch.AddBlocks {
		counts[b.Key]++
	}
	for _, b := range ch.RemoveBlocks {
		key, _ := tableOf(b)
		counts[key]--
	}
	for key, n := range counts {
		if len(tables(after.raw, key)) != len(tables(old.raw, key))+n {
			return key, false
		}
	}
	return "", true
}

// lookupPath finds the value at "key" or "sessions.1.start".
func lookupPath(raw map[string]any, path string) (any, bool) {
	table, key := tableOf(path)
	if table == "" {
		v, ok := raw[key]
		return v, ok
	}
	block, idx := tableOf(table)
	i, err := strconv.Atoi(idx)
	blocks := tables(raw, block)
	if err != nil || i < 0 || i >= len(blocks) {
		return nil, false
	}
	v, ok := blocks[i][key]
	return v, ok
}
