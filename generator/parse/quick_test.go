package parse

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/yuin/goldmark/util"
)

// These tests hold the quicker versions of some code to the plain code
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

// checkBodyRef is checkBody as first written, which looked at every byte
// through its switch.
func checkBodyRef(body []byte) *limitError {
	if len(body) > MaxBody {
		return &limitError{Offset: runeStart(body, MaxBody), Code: "too-large",
			Msg: fmt.Sprintf("le texte de la page dépasse %d Ko (il en fait %d) : une page se lit en quelques minutes ; découpez ce texte en plusieurs pages liées entre elles", MaxBody>>10, (len(body)+1023)>>10)}
	}
	var fence []byte // the opening fence of the code block we are in
	emphasis, links := 0, 0
	for off := 0; off < len(body); {
		line, _ := cutLine(body[off:])
		lineStart := off
		off += len(line) + 1
		depth, first, content := nestingOf(line)
		rest := line[content:]
		if fence != nil {
			if t := bytes.TrimRight(rest, " \t"); len(t) >= len(fence) && len(bytes.Trim(t, string(fence[:1]))) == 0 {
				fence = nil
			}
			continue
		}
		if f := fenceOf(rest); f != nil {
			fence = f
			continue
		}
		if depth > MaxNesting && !isBreak(line) {
			return &limitError{Offset: lineStart + first, Code: "too-deep",
				Msg: fmt.Sprintf("listes ou citations imbriquées sur plus de %d niveaux : deux ou trois niveaux suffisent ; remontez ces lignes d'un niveau en retirant des espaces ou des > en début de ligne", MaxNesting)}
		}
		blank := len(bytes.TrimSpace(rest)) == 0
		if blank || bytes.HasPrefix(rest, []byte("#")) || isListItem(line) {
			emphasis, links = 0, 0 // a new paragraph
		}
		for i := content; i < len(line); i++ {
			switch c := line[i]; c {
			case '\\':
				i++
			case '*', '_', '~':
				if i > content && line[i-1] == c {
					continue // the same run
				}
				if emphasis++; emphasis > MaxEmphasis {
					return &limitError{Offset: lineStart + i, Code: "too-much-emphasis",
						Msg: fmt.Sprintf("ce paragraphe contient plus de %d marques de mise en forme (*, _ ou ~) : séparez-le en plusieurs paragraphes par une ligne vide, ou retirez des marques", MaxEmphasis)}
				}
			case ']':
				if i+1 < len(line) && line[i+1] == '(' {
					if links++; links > MaxLinks {
						return &limitError{Offset: lineStart + i, Code: "too-many-links",
							Msg: fmt.Sprintf("ce paragraphe contient plus de %d liens « ]( » : séparez-le en plusieurs paragraphes par une ligne vide, ou faites-en une liste (une ligne « - » par lien), et vérifiez que chaque lien se ferme par « ) »", MaxLinks)}
					}
				}
			}
		}
	}
	return nil
}

// TestCheckBodyMatchesReference compares checkBody with checkBodyRef on
// bodies dense in marks, fences, lists and quotes, many of them past a
// bound.
func TestCheckBodyMatchesReference(t *testing.T) {
	inline := []string{"*", "**", "_", "~", "\\", "\\*", "]", "](", "](x)", "[a](b)", " ", "mot ", "é", "\t", "```", "~~~~"}
	lines := []string{"\n", "\n\n", "\n- ", "\n  * ", "\n> ", "\n1. ", "\n# ", "\n```\n", "\n~~~\n", "\n* * *\n",
		"\n> > > > > > - - - - - ", "\n                       - ", "\n\t\t\t\t\t\t> "}
	r := rand.New(rand.NewPCG(1, 2))
	codes := map[string]int{}
	for n := range 2000 {
		var b strings.Builder
		size := r.IntN(3000)
		if n%10 == 0 {
			size = 20000 + r.IntN(120000)
		}
		newLine := []int{2, 20, 200, 5000}[r.IntN(4)] // one piece in so many starts a line
		marks := inline
		if r.IntN(2) == 0 {
			marks = inline[:7] // no links: emphasis alone
		}
		for b.Len() < size {
			if r.IntN(newLine) == 0 {
				b.WriteString(lines[r.IntN(len(lines))])
			} else {
				b.WriteString(marks[r.IntN(len(marks))])
			}
		}
		body := []byte(b.String())
		got, want := checkBody(body), checkBodyRef(body)
		if (got == nil) != (want == nil) || got != nil && *got != *want {
			t.Fatalf("body %d: checkBody = %+v, reference %+v", n, got, want)
		}
		if got != nil {
			codes[got.Code]++
		}
	}
	for _, code := range []string{"too-large", "too-deep", "too-much-emphasis", "too-many-links"} {
		if codes[code] == 0 {
			t.Errorf("no body was refused as %s: the test does not cover it", code)
		}
	}
	eachText("*_]\\(~\n a", 6, func(body []byte) {
		if got, want := checkBody(body), checkBodyRef(body); (got == nil) != (want == nil) || got != nil && *got != *want {
			t.Fatalf("%q: checkBody = %+v, reference %+v", body, got, want)
		}
	})
}

// TestDecodeIntoInterface checks that TOML decoded into an interface, as
// Page does, gives the table decoded into a map, as Page did.
func TestDecodeIntoInterface(t *testing.T) {
	for _, text := range []string{
		"",
		"# rien\n",
		"title = \"a\"\ndate = 2027-01-15\nupdated = 2027-01-15T09:30:00\nat = 2027-01-15T09:30:00+01:00\nt = 09:30:00\n",
		"n = 3\nf = 1.5\nb = true\nl = [\"x\", \"y\"]\nempty = []\nmixed = [1, \"a\", [2]]\n",
		"a.b.c = 1\n\"quoted key\" = 2\ninline = {x = 1, y = [{z = 2}]}\n",
		"title = \"t\"\n[[sessions]]\nstart = 2027-01-01\n[[sessions]]\nstart = 2027-02-01\nseats = 3\n[organization]\nname = \"o\"\n[organization.sub]\nk = \"v\"\n",
		"s = \"\"\"\nligne\n\"\"\"\nr = '''brut'''\n",
	} {
		m := map[string]any{}
		_, errMap := toml.Decode(text, &m)
		var v any
		_, errAny := toml.Decode(text, &v)
		if errMap != nil || errAny != nil {
			t.Fatalf("%q: %v, %v", text, errMap, errAny)
		}
		if !reflect.DeepEqual(m, v) {
			t.Errorf("%q:\nmap:       %#v\ninterface: %#v", text, m, v)
		}
	}
}
