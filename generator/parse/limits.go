package parse

import (
	"bytes"
	"fmt"

	"terredetalents/generator/diag"
)

// Bounds on what one page may hold. Some inputs cost the TOML and Markdown
// libraries time or memory far out of proportion to their size (deeply
// nested inline tables, long dotted keys, unclosed link destinations,
// emphasis marks of mixed kinds in one paragraph, lists nested thousands
// deep). No real page comes near these bounds; an input beyond one is
// refused before it reaches the library, at the place where it crosses the
// bound, so that no page costs more than a fraction of a second.
const (
	// MaxFrontMatter is the largest front matter, in bytes. A page's is
	// under 2 KB; a company with many offers, under 20 KB.
	MaxFrontMatter = 64 << 10
	// MaxBody is the largest Markdown body, in bytes: about 20,000 words,
	// several times the longest legal notice.
	MaxBody = 128 << 10
	// MaxValueDepth is how deep lists and inline tables may nest in a
	// value: ["a"] is 1, [{start = 2027-01-04}] is 2.
	MaxValueDepth = 3
	// MaxKeyParts is how many parts a dotted key or table header may have:
	// [[offers]] is 1, a.b.c is 3.
	MaxKeyParts = 3
	// MaxItems is how many elements a list may hold, how many keys a table
	// may hold, and how many [[…]] tables a front matter may open.
	MaxItems = 100
	// MaxNesting is how deep lists and block quotes may nest in the body,
	// as estimated by nestingOf.
	MaxNesting = 10
	// MaxEmphasis is how many runs of *, _ or ~ one paragraph may hold.
	MaxEmphasis = 500
	// MaxLinks is how many link destinations, "](", one paragraph may
	// open.
	MaxLinks = 100
)

// limitError is a bound crossed, at a byte offset of the text checked.
type limitError struct {
	Offset int
	Code   string
	Msg    string
}

// checkFrontMatter reports the first bound of MaxFrontMatter,
// MaxValueDepth, MaxKeyParts and MaxItems that the TOML text crosses, or
// nil. It scans the text once, outside strings and comments, without
// decoding it: on text that is not valid TOML it still ends, and simply
// knows less.
func checkFrontMatter(text []byte) *limitError {
	if len(text) > MaxFrontMatter {
		return &limitError{Offset: runeStart(text, MaxFrontMatter), Code: "too-large",
			Msg: fmt.Sprintf("l'en-tête dépasse %d Ko (il en fait %d) : une page n'a besoin que de quelques champs courts ; déplacez les longs textes dans le texte de la page, après la ligne +++", MaxFrontMatter>>10, (len(text)+1023)>>10)}
	}
	s := &limitScanner{keyScanner: keyScanner{text: text}}
	return s.scan()
}

// frame is an open list or inline table.
type frame struct {
	table  bool // an inline table {…}, else a list […]
	items  int
	expect bool // the next non-blank character starts an element
}

type limitScanner struct {
	keyScanner
	stack   []frame
	keys    int // keys of the current table, at the top level of the text
	headers int // [table] and [[table]] headers
}

func (s *limitScanner) scan() *limitError {
	lineStart := true
	for s.pos < len(s.text) {
		c := s.text[s.pos]
		if lineStart && len(s.stack) == 0 {
			s.skipSpace()
			if s.pos >= len(s.text) {
				break
			}
			c = s.text[s.pos]
			lineStart = false
			switch {
			case c == '[':
				if err := s.header(); err != nil {
					return err
				}
				s.skipLine()
				lineStart = true
				continue
			case c == '"' || c == '\'' || isBareKeyChar(c):
				s.keys++
				if s.keys > MaxItems {
					return s.errorf(s.pos, "too-many-keys", "plus de %d champs dans ce bloc : une page n'en a pas besoin d'autant ; retirez les champs en trop", MaxItems)
				}
				if err := s.keyParts(); err != nil {
					return err
				}
				continue
			}
		}
		switch c {
		case '\n':
			s.pos++
			lineStart = true
			continue
		case ' ', '\t', '\r':
			s.pos++
			continue
		case '#':
			s.skipComment()
			continue
		case ']', '}':
			if len(s.stack) > 0 {
				s.stack = s.stack[:len(s.stack)-1]
			}
			s.pos++
			continue
		case ',':
			s.pos++
			if len(s.stack) > 0 {
				f := &s.stack[len(s.stack)-1]
				f.expect = true
				if f.table {
					if err := s.inlineKey(); err != nil {
						return err
					}
				}
			}
			continue
		}
		// c starts something: an element, if an element is expected.
		if err := s.element(); err != nil {
			return err
		}
		switch c {
		case '"', '\'':
			end := s.stringEnd(s.pos)
			if end < 0 {
				s.skipComment() // broken string: the decoder will say so
				continue
			}
			s.pos = end
		case '[', '{':
			if len(s.stack) == MaxValueDepth {
				return s.errorf(s.pos, "too-deep", "valeur imbriquée sur plus de %d niveaux : un champ prend une valeur simple (un texte entre guillemets, un nombre, une date) ou une liste de valeurs simples, par exemple skills = [\"Soudure\", \"Logistique\"]", MaxValueDepth)
			}
			s.stack = append(s.stack, frame{table: c == '{', expect: true})
			s.pos++
			if c == '{' {
				if err := s.inlineKey(); err != nil {
					return err
				}
			}
		default:
			s.pos++
		}
	}
	return nil
}

// element counts an element of the innermost list or inline table when one
// is expected at s.pos.
func (s *limitScanner) element() *limitError {
	if len(s.stack) == 0 {
		return nil
	}
	f := &s.stack[len(s.stack)-1]
	if !f.expect {
		return nil
	}
	f.expect = false
	f.items++
	if f.items <= MaxItems {
		return nil
	}
	if f.table {
		return s.errorf(s.pos, "too-many-keys", "plus de %d champs dans ce bloc : une page n'en a pas besoin d'autant ; retirez les champs en trop", MaxItems)
	}
	return s.errorf(s.pos, "too-many-items", "liste de plus de %d éléments : aucune page n'en a besoin d'autant ; gardez les %d plus utiles et retirez les autres", MaxItems, MaxItems)
}

// inlineKey reads the key of an inline table's element, if one starts at
// s.pos (after blanks), and checks its parts.
func (s *limitScanner) inlineKey() *limitError {
	s.skipSpace()
	if s.pos >= len(s.text) {
		return nil
	}
	if c := s.text[s.pos]; c != '"' && c != '\'' && !isBareKeyChar(c) {
		return nil
	}
	if err := s.element(); err != nil {
		return err
	}
	return s.keyParts()
}

// header checks a [table] or [[table]] header starting at s.pos.
func (s *limitScanner) header() *limitError {
	start := s.pos
	s.headers++
	if s.headers > MaxItems {
		return s.errorf(start, "too-many-tables", "plus de %d blocs [[…]] dans l'en-tête : aucune page n'en a besoin d'autant ; retirez les plus anciens", MaxItems)
	}
	s.pos++
	if s.pos < len(s.text) && s.text[s.pos] == '[' {
		s.pos++
	}
	s.keys = 0
	return s.keyParts()
}

// keyParts reads a possibly dotted key at s.pos and refuses one of more
// than MaxKeyParts parts, at the first part too many. The key is left as
// soon as something else than a key part or a dot comes.
func (s *limitScanner) keyParts() *limitError {
	for parts := 1; ; parts++ {
		s.skipSpace()
		if s.pos >= len(s.text) {
			return nil
		}
		if parts > MaxKeyParts {
			return s.errorf(s.pos, "too-many-key-parts", "nom de champ en plus de %d parties séparées par des points : écrivez un nom simple, comme title = \"…\", ou un bloc comme [[sessions]]", MaxKeyParts)
		}
		switch c := s.text[s.pos]; {
		case c == '"' || c == '\'':
			end := s.stringEnd(s.pos)
			if end < 0 {
				return nil
			}
			s.pos = end
		case isBareKeyChar(c):
			for s.pos < len(s.text) && isBareKeyChar(s.text[s.pos]) {
				s.pos++
			}
		default:
			return nil
		}
		s.skipSpace()
		if s.pos >= len(s.text) || s.text[s.pos] != '.' {
			return nil
		}
		s.pos++
	}
}

func (s *limitScanner) errorf(offset int, code, format string, args ...any) *limitError {
	return &limitError{Offset: offset, Code: code, Msg: fmt.Sprintf(format, args...)}
}

// checkBody reports the first bound of MaxBody, MaxNesting, MaxEmphasis
// and MaxLinks that a Markdown body crosses, or nil. Paragraphs are
// estimated as runs of lines between blank lines, list items and headings;
// fenced code is not counted.
func checkBody(body []byte) *limitError {
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
			// Most bytes are none of the marks: skip them in a tight loop,
			// without the switch, which made this the costliest scan of a
			// page.
			for i < len(line) && !bodyMark[line[i]] {
				i++
			}
			if i == len(line) {
				break
			}
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

// bodyMark holds the bytes checkBody counts or skips after: a backslash,
// emphasis marks and the "]" of a link.
var bodyMark = [256]bool{'\\': true, '*': true, '_': true, '~': true, ']': true}

// nestingOf estimates how deep a line sits in lists and block quotes: the
// number of markers (>, -, *, +, 1.) that open its line, plus half its
// leading indentation (a nested list item is indented by two or more
// spaces a level). A line without markers counts 0: only a line that
// opens a container can nest deeper. It also returns where the markers
// start and where the content after them starts.
func nestingOf(line []byte) (depth, first, content int) {
	width, markers := 0, 0
	first = -1
	i := 0
	for i < len(line) {
		start := i
		switch c := line[i]; {
		case c == ' ':
			width++
			i++
			continue
		case c == '\t':
			width += 4
			i++
			continue
		case c == '>':
			i++
		case (c == '-' || c == '*' || c == '+') && (i+1 == len(line) || line[i+1] == ' ' || line[i+1] == '\t'):
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j < len(line) && (line[j] == '.' || line[j] == ')') && (j+1 == len(line) || line[j+1] == ' ' || line[j+1] == '\t') {
				i = j + 1
				break
			}
			return nest(width, markers, first, i)
		default:
			return nest(width, markers, first, i)
		}
		if first < 0 {
			first = start
		}
		markers++
		if i < len(line) && line[i] == ' ' {
			i++ // the space after a marker is part of it
		}
	}
	return nest(width, markers, first, i)
}

func nest(width, markers, first, content int) (int, int, int) {
	if markers == 0 {
		return 0, content, content
	}
	return markers + width/2, first, content
}

// isListItem reports whether a line opens a list item (after its quote
// markers), which starts a paragraph of its own.
func isListItem(line []byte) bool {
	rest := bytes.TrimLeft(line, " \t>")
	_, _, content := nestingOf(rest)
	return content > 0
}

// isBreak reports whether a line is a thematic break, such as "* * *",
// which nestingOf would take for list markers.
func isBreak(line []byte) bool {
	t := bytes.TrimSpace(line)
	return len(t) >= 3 && len(bytes.Trim(t, " \t"+string(t[:1]))) == 0
}

// fenceOf returns the fence (``` or ~~~, or longer) opening a code block
// on this line, or nil.
func fenceOf(line []byte) []byte {
	for _, c := range []byte{'`', '~'} {
		n := 0
		for n < len(line) && line[n] == c {
			n++
		}
		if n >= 3 {
			return line[:n]
		}
	}
	return nil
}

// runeStart moves offset back to the start of the UTF-8 sequence it falls
// in, so that a position is never in the middle of a character.
func runeStart(b []byte, offset int) int {
	for offset > 0 && offset < len(b) && b[offset]&0xC0 == 0x80 {
		offset--
	}
	return offset
}

// checkLimits runs the checks of a page before anything decodes it, and
// reports the first bound crossed. It returns false if the page must not
// be decoded.
func checkLimits(src *diag.Source, split Split, diags *diag.List) bool {
	if err := checkFrontMatter(split.FrontMatter); err != nil {
		diags.Errorf(src.Pos(split.FMStart+err.Offset), err.Code, "%s", err.Msg)
		return false
	}
	if err := checkBody(split.Body); err != nil {
		diags.Errorf(src.Pos(split.BodyStart+err.Offset), err.Code, "%s", err.Msg)
		return false
	}
	return true
}
