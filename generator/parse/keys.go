package parse

import (
	"bytes"
	"strconv"
	"strings"
)

// keyLoc is where a key and its value sit in the front matter text, as byte
// offsets. The TOML library reports positions for syntax errors only, so the
// parser finds keys itself to report type errors, unknown keys and bad
// values where they are written.
type keyLoc struct {
	Key     int   // start of the key
	Value   int   // start of the value
	End     int   // just past the value's last byte, before any comment
	Strings []int // start of each string literal in the value, in order
}

// locateKeys scans TOML text and returns the location of every key by its
// dotted path; elements of arrays of tables get their index as a path
// segment ("sessions.1.start"). Table headers are recorded too. The text is
// expected to be valid TOML (the library has refused duplicates already): on
// anything else the scan stops early and simply knows fewer keys.
func locateKeys(text []byte) map[string]keyLoc {
	s := &keyScanner{text: text}
	// A key a line at most, near enough: the map is not grown key by key.
	locs := make(map[string]keyLoc, bytes.Count(text, []byte("\n"))+1)
	counts := map[string]int{}
	table := ""
	for s.pos < len(s.text) {
		s.skipSpace()
		if s.pos >= len(s.text) {
			break
		}
		switch c := s.text[s.pos]; {
		case c == '\n':
			s.pos++
		case c == '#':
			s.skipComment()
		case c == '[':
			start := s.pos
			array := bytes.HasPrefix(s.text[s.pos:], []byte("[["))
			if array {
				s.pos += 2
			} else {
				s.pos++
			}
			name, ok := s.key()
			if !ok {
				return locs
			}
			if array {
				table = name + "." + strconv.Itoa(counts[name])
				counts[name]++
			} else {
				table = name
			}
			s.skipSpace()
			if s.pos < len(s.text) && s.text[s.pos] == ']' {
				s.pos++
			}
			if array && s.pos < len(s.text) && s.text[s.pos] == ']' {
				s.pos++
			}
			locs[table] = keyLoc{Key: start, Value: start, End: s.pos}
			s.skipLine()
		default:
			start := s.pos
			name, ok := s.key()
			if !ok {
				return locs
			}
			s.skipSpace()
			if s.pos >= len(s.text) || s.text[s.pos] != '=' {
				return locs
			}
			s.pos++
			s.skipSpace()
			full := name
			if table != "" {
				full = table + "." + name
			}
			valueStart := s.pos
			strs, end := s.value()
			if _, seen := locs[full]; !seen {
				locs[full] = keyLoc{Key: start, Value: valueStart, End: end, Strings: strs}
			}
		}
	}
	return locs
}

type keyScanner struct {
	text []byte
	pos  int
}

func (s *keyScanner) skipSpace() {
	for s.pos < len(s.text) && (s.text[s.pos] == ' ' || s.text[s.pos] == '\t') {
		s.pos++
	}
}

func (s *keyScanner) skipComment() {
	for s.pos < len(s.text) && s.text[s.pos] != '\n' {
		s.pos++
	}
}

func (s *keyScanner) skipLine() {
	s.skipComment()
	if s.pos < len(s.text) {
		s.pos++
	}
}

// key reads a possibly dotted, possibly quoted key and returns it with its
// parts joined by dots.
func (s *keyScanner) key() (string, bool) {
	var buf [MaxKeyParts]string // most keys have one part: no allocation
	parts := buf[:0]
	for {
		s.skipSpace()
		if s.pos >= len(s.text) {
			return "", false
		}
		switch c := s.text[s.pos]; {
		case c == '"' || c == '\'':
			end := s.stringEnd(s.pos)
			if end < 0 {
				return "", false
			}
			raw := string(s.text[s.pos:end])
			if c == '"' {
				if u, err := strconv.Unquote(raw); err == nil {
					raw = u
				} else {
					raw = raw[1 : len(raw)-1]
				}
			} else {
				raw = raw[1 : len(raw)-1]
			}
			parts = append(parts, raw)
			s.pos = end
		default:
			start := s.pos
			for s.pos < len(s.text) && isBareKeyChar(s.text[s.pos]) {
				s.pos++
			}
			if s.pos == start {
				return "", false
			}
			parts = append(parts, string(s.text[start:s.pos]))
		}
		s.skipSpace()
		if s.pos < len(s.text) && s.text[s.pos] == '.' {
			s.pos++
			continue
		}
		return strings.Join(parts, "."), true
	}
}

func isBareKeyChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// value skips a value, which may span lines inside brackets or multi-line
// strings, and returns the start offsets of the string literals in it and
// the offset just past its last byte (comments and spaces after it left out).
func (s *keyScanner) value() (strs []int, end int) {
	depth := 0
	end = s.pos
	for s.pos < len(s.text) {
		switch c := s.text[s.pos]; c {
		case '"', '\'':
			strs = append(strs, s.pos)
			e := s.stringEnd(s.pos)
			if e < 0 {
				s.pos = len(s.text)
				return strs, s.pos
			}
			s.pos, end = e, e
		case '[', '{':
			depth++
			s.pos++
			end = s.pos
		case ']', '}':
			depth--
			s.pos++
			end = s.pos
		case '#':
			s.skipComment()
		case '\n':
			s.pos++
			if depth <= 0 {
				return strs, end
			}
		case ' ', '\t', '\r':
			s.pos++
		default:
			s.pos++
			end = s.pos
		}
	}
	return strs, end
}

// stringEnd returns the offset just past the string literal starting at
// start (basic, literal, or their multi-line forms), or -1.
func (s *keyScanner) stringEnd(start int) int {
	// The delimiter is compared byte by byte, without building it as a
	// string: this runs for every string of every front matter, twice.
	q := s.text[start]
	n := 1
	if start+3 <= len(s.text) && s.text[start+1] == q && s.text[start+2] == q {
		n = 3
	}
	for i := start + n; i < len(s.text); i++ {
		c := s.text[i]
		if q == '"' && c == '\\' {
			i++
			continue
		}
		if n == 1 && c == '\n' {
			return -1
		}
		if c == q && (n == 1 || i+3 <= len(s.text) && s.text[i+1] == q && s.text[i+2] == q) {
			end := i + n
			// A multi-line string may end with up to two extra quotes.
			for n == 3 && end < len(s.text) && s.text[end] == q && end-i < 5 {
				end++
			}
			return end
		}
	}
	return -1
}
