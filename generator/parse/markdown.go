package parse

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"terredetalents/generator/content"
)

// Markdown renders page bodies. One instance serves a whole build and is
// safe for concurrent use.
type Markdown struct {
	md goldmark.Markdown
	// noLinkify is md without goldmark's linkify, for the bodies where it
	// would change nothing (see linkifyIdle); nil in tests that compare
	// with goldmark.
	noLinkify goldmark.Markdown
	unsafe    bool
	// base is the site's path below its host when it is not "/": links
	// and images written from the site root ("/formations/soudeur/")
	// lead below it.
	base string
}

// Under returns m for a site published at basePath ("/talents/" for
// https://exemple.fr/talents/): a link or an image written from the site
// root leads below it in the HTML. The links the checks see stay as
// written.
func (m *Markdown) Under(basePath string) *Markdown {
	c := *m
	c.base = ""
	if basePath != "/" && basePath != "" {
		c.base = basePath
	}
	return &c
}

// fromRoot reports whether a link destination is written from the site
// root: "/formations/", not "//cdn.exemple.fr/".
func fromRoot(dest []byte) bool {
	return len(dest) > 0 && dest[0] == '/' && (len(dest) == 1 || dest[1] != '/' && dest[1] != '\\')
}

// NewMarkdown configures goldmark with GitHub Flavored Markdown, footnotes
// and heading IDs. Unless unsafe is set, raw HTML is shown escaped, as
// text: goldmark's default silently drops it, which hides the author's
// mistake.
func NewMarkdown(unsafe bool) *Markdown {
	m := newMarkdown(unsafe, gfm)
	m.noLinkify = newGoldmark(unsafe, gfmWithoutLinkify)
	return m
}

// newMarkdown builds the Markdown with the given GFM extension: tests
// compare ours with goldmark's.
func newMarkdown(unsafe bool, gfm goldmark.Extender) *Markdown {
	return &Markdown{md: newGoldmark(unsafe, gfm), unsafe: unsafe}
}

func newGoldmark(unsafe bool, gfm goldmark.Extender) goldmark.Markdown {
	opts := []goldmark.Option{
		goldmark.WithExtensions(gfm, extension.Footnote),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	}
	if unsafe {
		opts = append(opts, goldmark.WithRendererOptions(html.WithUnsafe()))
	} else {
		opts = append(opts, goldmark.WithRendererOptions(
			renderer.WithNodeRenderers(util.Prioritized(escapedHTML{}, 100))))
	}
	return goldmark.New(opts...)
}

// Body is a rendered page body.
type Body struct {
	HTML    string
	Links   []BodyLink
	RawHTML []int // byte offsets in the body of raw HTML shown as text
}

// BodyLink is a link or an image of a body, at a byte offset in it.
type BodyLink struct {
	Dest   string
	Image  bool
	Alt    string
	Offset int
}

// Render converts a Markdown body. Offsets in the result are relative to
// body.
func (m *Markdown) Render(body []byte) (Body, error) {
	md := m.md
	if m.noLinkify != nil && linkifyIdle(body) {
		md = m.noLinkify
	}
	ctx := parser.NewContext(parser.WithIDs(&headingIDs{seen: map[string]bool{}}))
	doc := md.Parser().Parse(text.NewReader(body), parser.WithContext(ctx))
	var out Body
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			out.Links = append(out.Links, BodyLink{Dest: string(n.Destination), Offset: offsetOf(n)})
			if m.base != "" && fromRoot(n.Destination) {
				n.Destination = append([]byte(m.base), n.Destination[1:]...)
			}
		case *ast.Image:
			out.Links = append(out.Links, BodyLink{Dest: string(n.Destination), Image: true,
				Alt: string(plainText(n, body)), Offset: offsetOf(n)})
			if m.base != "" && fromRoot(n.Destination) {
				n.Destination = append([]byte(m.base), n.Destination[1:]...)
			}
			// Images in the text are below the page header: load them when
			// the reader gets there, without holding the page back.
			n.SetAttributeString("loading", []byte("lazy"))
			n.SetAttributeString("decoding", []byte("async"))
		case *ast.HTMLBlock:
			if !m.unsafe && n.Lines().Len() > 0 {
				out.RawHTML = append(out.RawHTML, n.Lines().At(0).Start)
			}
		case *ast.RawHTML:
			if !m.unsafe && n.Segments.Len() > 0 {
				out.RawHTML = append(out.RawHTML, n.Segments.At(0).Start)
			}
		}
		return ast.WalkContinue, nil
	})
	var html htmlWriter
	html.Grow(len(body) + len(body)/4)
	if err := md.Renderer().Render(&html, body, doc); err != nil {
		return Body{}, err
	}
	out.HTML = html.String()
	return out, nil
}

// htmlWriter collects rendered HTML in a strings.Builder. It is the
// buffered writer goldmark asks for, so goldmark writes straight into it
// instead of through a bufio.Writer of its own, and the page keeps the
// result without another copy.
type htmlWriter struct{ strings.Builder }

func (w *htmlWriter) Available() int { return w.Cap() - w.Len() }
func (w *htmlWriter) Buffered() int  { return 0 }
func (w *htmlWriter) Flush() error   { return nil }

// offsetOf returns the byte offset of a node, or of its block when the
// parser did not record one.
func offsetOf(n ast.Node) int {
	off := n.Pos()
	if off < 0 {
		for b := n.Parent(); b != nil; b = b.Parent() {
			if b.Type() == ast.TypeBlock && b.Lines().Len() > 0 {
				off = b.Lines().At(0).Start
				break
			}
		}
	}
	return max(off, 0)
}

func plainText(n ast.Node, src []byte) []byte {
	var b bytes.Buffer
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch t := c.(type) {
			case *ast.Text:
				b.Write(t.Segment.Value(src))
			case *ast.String:
				b.Write(t.Value)
			}
		}
		return ast.WalkContinue, nil
	})
	return b.Bytes()
}

// headingIDs gives headings ASCII ids built like slugs, so that
// "## Développement" gets id="developpement" (goldmark's default drops
// accented letters: "dveloppement").
type headingIDs struct{ seen map[string]bool }

func (h *headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	base := content.Slugify(string(value))
	if base == "" {
		base = "section"
	}
	id := base
	for i := 2; h.seen[id]; i++ {
		id = base + "-" + itoa(i)
	}
	h.seen[id] = true
	return []byte(id)
}

func (h *headingIDs) Put(value []byte) { h.seen[string(value)] = true }

func itoa(i int) string {
	var b [20]byte
	n := len(b)
	for i > 0 || n == len(b) {
		n--
		b[n] = byte('0' + i%10)
		i /= 10
	}
	return string(b[n:])
}

// escapedHTML renders raw HTML as visible text instead of dropping it.
type escapedHTML struct{}

func (escapedHTML) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(ast.KindHTMLBlock, renderHTMLBlock)
	r.Register(ast.KindRawHTML, renderRawHTML)
}

func renderHTMLBlock(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	b := n.(*ast.HTMLBlock)
	_, _ = w.WriteString("<p>")
	lines := b.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		line := seg.Value(src)
		if i == lines.Len()-1 && !b.HasClosure() {
			line = bytes.TrimRight(line, "\n")
		}
		_, _ = w.Write(bytes.ReplaceAll(escape(line), []byte("\n"), []byte("<br>\n")))
	}
	if b.HasClosure() {
		_, _ = w.Write(escape(b.ClosureLine.Value(src)))
	}
	_, _ = w.WriteString("</p>\n")
	return ast.WalkContinue, nil
}

func renderRawHTML(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	segs := n.(*ast.RawHTML).Segments
	for i := 0; i < segs.Len(); i++ {
		s := segs.At(i)
		_, _ = w.Write(escape(s.Value(src)))
	}
	return ast.WalkSkipChildren, nil
}

func escape(b []byte) []byte {
	var out bytes.Buffer
	for _, c := range b {
		switch c {
		case '<':
			out.WriteString("&lt;")
		case '>':
			out.WriteString("&gt;")
		case '&':
			out.WriteString("&amp;")
		case '"':
			out.WriteString("&quot;")
		default:
			out.WriteByte(c)
		}
	}
	return out.Bytes()
}
