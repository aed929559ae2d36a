package parse

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark/util"
)

// These tests hold the quicker versions of some scanners to the plain code
// they replaced, kept here as the reference.

// stringEndRef is keyScanner.stringEnd as first written.
func stringEndRef(text []byte, start int) int {
	q := text[start]
	delim := string([]byte{q})
	if start+3 <= len(text) && string(text[start:start+3]) == strings.Repeat(delim, 3) {
		delim = strings.Repeat(delim, 3)
	}
	for i := start + len(delim); i < len(text); i++ {
		if q == '"' && text[i] == '\\' {
			i++
			continue
		}
		if len(delim) == 1 && text[i] == '\n' {
			return -1
		}
		if bytes.HasPrefix(text[i:], []byte(delim)) {
			end := i + len(delim)
			for len(delim) == 3 && end < len(text) && text[end] == q && end-i < 5 {
				end++
			}
			return end
		}
	}
	return -1
}

// eachText calls fn with every text of up to n bytes taken from alphabet.
func eachText(alphabet string, n int, fn func([]byte)) {
	text := make([]byte, 0, n)
	var grow func()
	grow = func() {
		fn(text)
		if len(text) == n {
			return
		}
		for i := range len(alphabet) {
			text = append(text, alphabet[i])
			grow()
			text = text[:len(text)-1]
		}
	}
	grow()
}

func TestStringEndMatchesReference(t *testing.T) {
	eachText("\"'\\\na", 8, func(text []byte) {
		for start, c := range text {
			if c != '"' && c != '\'' {
				continue
			}
			s := &keyScanner{text: text}
			if got, want := s.stringEnd(start), stringEndRef(text, start); got != want {
				t.Fatalf("stringEnd(%q, %d) = %d, want %d", text, start, got, want)
			}
		}
	})
}

// TestEmailLocalMatchesGoldmark checks emailLocal byte by byte against
// goldmark's own e-mail scanner.
func TestEmailLocalMatchesGoldmark(t *testing.T) {
	for c := range 256 {
		found := util.FindEmailIndex([]byte{byte(c), '@', 'a', '.', 'f', 'r'}) >= 0
		if found != emailLocal[c] {
			t.Errorf("byte %q: goldmark finds an e-mail: %v, emailLocal: %v", byte(c), found, emailLocal[c])
		}
	}
}

// mayStartLinkRef is mayStartLink as first written: an "@" anywhere in the
// first 65 bytes.
func mayStartLinkRef(line []byte) bool {
	if len(line) == 0 {
		return false
	}
	for _, p := range []string{"http:", "https:", "ftp:", "www."} {
		if bytes.HasPrefix(line, []byte(p)) {
			return true
		}
	}
	return bytes.IndexByte(line[:min(len(line), 65)], '@') >= 0
}

// TestMayStartLinkNarrower checks that mayStartLink says "no" only where
// the first version did or where goldmark finds no e-mail.
func TestMayStartLinkNarrower(t *testing.T) {
	local := strings.Repeat("a", 64)
	lines := []string{"", "@", "a@b.fr", local + "@b.fr", local + "a@b.fr", "é@b.fr", "a b@c.fr",
		"http:", "https://x.fr", "ftp:x", "www.x", "wwwx", "mot", "(a@b.fr)", "a.b@c.fr"}
	for _, l := range lines {
		got, ref := mayStartLink([]byte(l)), mayStartLinkRef([]byte(l))
		email := util.FindEmailIndex([]byte(l)) >= 0
		if got != ref && (got || email) {
			t.Errorf("mayStartLink(%q) = %v, first version %v, goldmark e-mail %v", l, got, ref, email)
		}
	}
	eachText("a@. é", 7, func(line []byte) {
		got, ref := mayStartLink(line), mayStartLinkRef(line)
		if !got && util.FindEmailIndex(line) >= 0 || got && !ref {
			t.Fatalf("mayStartLink(%q) = %v, first version %v", line, got, ref)
		}
	})
}
