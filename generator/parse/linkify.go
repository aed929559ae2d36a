package parse

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// gfm is GitHub Flavored Markdown as goldmark's extension.GFM builds it,
// with a quicker bare-link parser in front of goldmark's own.
var gfm = goldmark.Extender(gfmExtension{})

type gfmExtension struct{}

func (gfmExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		util.Prioritized(quickLinkify{extension.NewLinkifyParser()}, 999)))
	gfmWithoutLinkify.Extend(m)
}

// gfmWithoutLinkify is gfm less its bare-link parser: the Markdown of the
// bodies where linkify would change nothing (see linkifyIdle).
var gfmWithoutLinkify = goldmark.Extender(gfmNoLinkify{})

type gfmNoLinkify struct{}

func (gfmNoLinkify) Extend(m goldmark.Markdown) {
	extension.Table.Extend(m)
	extension.Strikethrough.Extend(m)
	extension.TaskList.Extend(m)
}

// linkifyIdle reports whether goldmark's linkify would leave body as it is
// rendered without it, so that the body can be parsed without it: most
// bodies hold no bare link, and linkify, tried after every space of every
// paragraph, was a third of the Markdown time.
//
// Linkify needs "http:", "https:", "ftp:", "www." or an "@" (see
// mayStartLink). Even when it finds nothing, goldmark cuts the text where
// it was tried (after each space and "("); the pieces render as the whole
// did, but for one thing: the last piece of a line is trimmed of its
// trailing blanks alone, so a line ending in two blanks or more would
// keep some. Such lines, and tabs, vertical tabs and form feeds (spaces to
// goldmark, which may expand tabs), send the body to the full parser.
// TestLinkifyIdle and FuzzMarkdownWithoutLinkify hold this to goldmark.
func linkifyIdle(body []byte) bool {
	for _, c := range []byte("@\t\v\f") {
		if bytes.IndexByte(body, c) >= 0 {
			return false
		}
	}
	for _, s := range []string{"http:", "https:", "ftp:", "www."} {
		if bytes.Contains(body, []byte(s)) {
			return false
		}
	}
	// A line ends at each "\n", and at the end of the body.
	blank := func(i int) bool { return i >= 0 && (body[i] == ' ' || body[i] == '\r') }
	for off := 0; ; {
		end := bytes.IndexByte(body[off:], '\n')
		if end < 0 {
			return !(blank(len(body)-1) && blank(len(body)-2))
		}
		end += off
		if blank(end-1) && blank(end-2) {
			return false
		}
		off = end + 1
	}
}

// quickLinkify turns bare URLs and e-mail addresses into links exactly as
// goldmark's linkify parser does, but answers "no link here" itself for
// the words that cannot start one. Linkify is tried after every space of
// every paragraph; on a large site its own checks (four prefix compares
// and an e-mail scan per word) were an eighth of the Markdown time.
type quickLinkify struct{ parser.InlineParser }

func (q quickLinkify) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if len(line) == 0 {
		return nil
	}
	// The same step goldmark takes past the character that triggered it.
	if c := line[0]; c == ' ' || c == '*' || c == '_' || c == '~' || c == '(' {
		line = line[1:]
	}
	if !mayStartLink(line) {
		return nil
	}
	return q.InlineParser.Parse(parent, block, pc)
}

// mayStartLink reports whether linkify could find a link at the start of
// line: it needs "http:", "https:", "ftp:" or "www." there, or an e-mail
// address, whose local part (up to 64 characters of emailLocal) runs from
// the start of line to an "@". The local part stops at the first space, so
// most words are done with after a few bytes.
func mayStartLink(line []byte) bool {
	if len(line) == 0 {
		return false
	}
	switch line[0] {
	case 'h':
		if bytes.HasPrefix(line, []byte("http:")) || bytes.HasPrefix(line, []byte("https:")) {
			return true
		}
	case 'f':
		if bytes.HasPrefix(line, []byte("ftp:")) {
			return true
		}
	case 'w':
		if bytes.HasPrefix(line, []byte("www.")) {
			return true
		}
	}
	// goldmark's util.FindEmailIndex: at most 64 characters of the local
	// part, then "@".
	for i := 0; i < len(line) && i <= 64; i++ {
		switch c := line[i]; {
		case c == '@':
			return true
		case !emailLocal[c]:
			return false
		}
	}
	return false
}

// emailLocal holds the bytes goldmark's util.FindEmailIndex accepts in the
// local part of an e-mail address (its emailTable, bit 1).
var emailLocal = func() (t [256]bool) {
	for _, c := range []byte("!#$%&'*+-./0123456789=?ABCDEFGHIJKLMNOPQRSTUVWXYZ^_`abcdefghijklmnopqrstuvwxyz{|}~") {
		t[c] = true
	}
	return t
}()
