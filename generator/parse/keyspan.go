package parse

// KeySpan is where a front matter key and its value are written, as byte
// offsets into the front matter text: the editor rewrites the bytes of a
// value, and nothing else, from these.
type KeySpan struct {
	Key   int // start of the key, or of a table header's "["
	Value int // start of the value (a header: its "[")
	End   int // just past the value's last byte (a header: past its "]")
}

// KeySpans locates every key of TOML front matter by its dotted path, the
// way the parser reports positions: blocks of an array of tables get their
// index ("sessions.1.start"), and their headers are keys too ("sessions.1").
// On text the TOML library would refuse, it knows fewer keys.
func KeySpans(frontMatter []byte) map[string]KeySpan {
	out := map[string]KeySpan{}
	for k, l := range locateKeys(frontMatter) {
		out[k] = KeySpan{Key: l.Key, Value: l.Value, End: l.End}
	}
	return out
}
