// Package content is the model of a site: its configuration, its pages and
// the linked site that templates read.
//
// The front matter of each section is described in its own file
// (entreprises.go, formations.go, reussites.go, evenements.go); see
// section.go for how a section plugs in. Common keys: title* (string),
// summary* (string, one sentence), date (TOML date or date-time), updated,
// draft (bool), slug (overrides the file name), aliases (old URLs that
// redirect to the page). Unknown keys are warnings.
package content

import (
	"path"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"terredetalents/generator/diag"
)

// Kind says what a page is.
type Kind string

// Kinds of the pages that belong to no section; each section file
// declares the kind of its pages.
const (
	KindHome    Kind = "home"
	KindSection Kind = "section" // a section's _index.md
	KindPlain   Kind = "page"
)

// KindOfSection returns the kind of the pages of a section folder, and
// whether the folder is a known section.
func KindOfSection(section string) (Kind, bool) {
	if d := SectionNamed(section); d != nil {
		return d.Kind, true
	}
	return "", false
}

// File is a content file as the loader found it.
type File struct {
	Path      string   // slash path relative to the site root, e.g. "content/entreprises/x.md"
	Section   string   // "entreprises", "formations", "reussites", or "" for plain pages
	Name      string   // the file or bundle folder name without extension: the default slug
	Index     bool     // an _index.md file: home or section text
	Bundle    bool     // a <slug>/index.md page
	Resources []string // bundle files beside index.md, slash paths relative to the bundle
	Text      []byte   // UTF-8, without byte-order mark, LF line endings
}

// Date is a calendar date or date-time from front matter. The zero value
// means "no date".
type Date struct {
	time.Time
	HasTime bool // a date-time rather than a date
}

// IsZero reports whether no date was given.
func (d Date) IsZero() bool { return d.Time.IsZero() }

// Future reports whether the date, read in the site's time (Paris: a date
// written 2026-12-24 starts at midnight in Roubaix, not in London), is
// still to come at the instant now.
func (d Date) Future(now time.Time) bool { return inParis(d).After(now) }

// Reached reports whether the date, read in the site's time, has come at
// the instant now.
func (d Date) Reached(now time.Time) bool { return !inParis(d).After(now) }

// Today is the calendar day of now in the site's time, as front matter
// dates are read (midnight, UTC).
func Today(now time.Time) time.Time {
	n := now.In(Paris)
	return time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.UTC)
}

// ISO returns the date as YYYY-MM-DD, or "" when there is none.
func (d Date) ISO() string {
	if d.IsZero() {
		return ""
	}
	return d.Format("2006-01-02")
}

// French returns the date as people read it in messages: "1er septembre
// 2026", or "" when there is none.
func (d Date) French() string {
	if d.IsZero() {
		return ""
	}
	return FrenchDate(d.Time)
}

// FrenchDate writes t as "1er septembre 2026" or "12 mars 2027".
func FrenchDate(t time.Time) string {
	day := strconv.Itoa(t.Day())
	if t.Day() == 1 {
		day = "1er"
	}
	return day + " " + frenchMonthNames[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

var frenchMonthNames = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}

// Ref is a reference to another page by slug, with the position where it
// was written so that an unknown slug can be reported there.
type Ref struct {
	Slug string
	Pos  diag.Pos
}

// Resource is a bundle file named in front matter (a logo, a photo).
type Resource struct {
	Name string
	Pos  diag.Pos
}

// IsPicture reports whether a file can be a page's logo or photo: the
// formats the build resizes (JPEG, PNG) or shows as they are (SVG).
func IsPicture(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".jpg", ".jpeg", ".png", ".svg":
		return true
	}
	return false
}

// Page is one parsed content page.
type Page struct {
	Source     string // slash path relative to the site root
	Kind       Kind
	Section    string
	Slug       string
	SlugPos    diag.Pos // where the slug comes from: the slug key, or the file
	URL        string   // site-relative, starts and ends with "/"
	Title      string
	Summary    string
	Date       Date
	Updated    Date     // the last review, shown as « Mis à jour le … »
	UpdatedPos diag.Pos // where updated was written
	Draft      bool
	Aliases    []Ref
	Resources  []string // bundle files, relative to the bundle folder
	SortKey    string   // the title without case or accents, to sort lists by
	// FrontHash is a hash of the file's text up to the body and of its
	// bundle files' names: everything the page has that its body does not
	// give (see render/keyhash.go).
	FrontHash uint64
	// text is what the Markdown below the front matter gives: everything
	// the page takes from it, and nothing else does. serve gives a page a
	// new text in place when only that changed (see SetText).
	text atomic.Pointer[Text]
	// refFields are the page's reference fields, found once (RefFields).
	refFields atomic.Pointer[[]RefField]
	// TermPos holds where each term of a taxonomy field was written
	// (ValuePos["skills"][i] for the i-th skill), for messages about terms.
	TermPos map[string][]diag.Pos
	// FileSlug is the slug the file name gives, when a slug key replaced
	// it: references may use either.
	FileSlug string
	DatePos  diag.Pos // where the date was written, for pages waiting for it
	// Positions holds where the value of each key of the section's front
	// matter was written, for findings made after parsing.
	Positions map[string]diag.Pos
	// Broken is set when the file could not be read as a page. It is kept
	// so that references to it do not add a second, misleading error.
	Broken bool

	// Data is the section's front matter: a pointer to the struct its
	// section file declares (*Company…), nil for other pages. Templates
	// read it through the section's accessor (.Page.Company).
	Data any
	// TermsByField holds the terms of each taxonomy field, as written.
	TermsByField map[string][]string
	// Images are the bundle files the front matter names (logo, photo).
	Images []Resource
}

// Text is a page's body: its HTML and the links and images it holds.
type Text struct {
	HTML  string
	Links []Link
}

// Body is the page's text, as HTML.
func (p *Page) Body() string {
	if t := p.text.Load(); t != nil {
		return t.HTML
	}
	return ""
}

// Links are the links and images of the body, for checks.
func (p *Page) Links() []Link {
	if t := p.text.Load(); t != nil {
		return t.Links
	}
	return nil
}

// SetText gives the page its body. Only the parser sets it, and serve,
// when an edit changed nothing but the body: the page stays the same value
// in every list of the site, and a reader of the previous text (the search
// index being built in the background) sees one text or the other, whole.
func (p *Page) SetText(html string, links []Link) {
	p.text.Store(&Text{HTML: html, Links: links})
}

// Link is a link or image in a page body.
type Link struct {
	Dest  string
	Image bool
	Alt   string
	Pos   diag.Pos
}

// Skills returns the skills of a page.
func (p *Page) Skills() []string { return p.Terms("skills") }

// Town returns the town of a page, or "".
func (p *Page) Town() string {
	if t := p.Terms("town"); len(t) > 0 {
		return t[0]
	}
	return ""
}

// Sectors returns the sectors of a page.
func (p *Page) Sectors() []string { return p.Terms("sectors") }

// Slugify turns a title or a term into a URL segment: lowercase ASCII,
// accents folded, every run of other characters turned into one hyphen.
// "Développement web" becomes "developpement-web".
func Slugify(s string) string {
	if isSlug(s) {
		return s // references and file names usually are slugs already
	}
	var b strings.Builder
	b.Grow(len(s))
	hyphen := false
	emit := func(c byte) {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteByte(c)
		default:
			hyphen = true
		}
	}
	for _, r := range s {
		if r < 0x80 { // the common case, without a string per letter
			if r >= 'A' && r <= 'Z' {
				r += 'a' - 'A'
			}
			emit(byte(r))
			continue
		}
		folded := Fold(r)
		for i := 0; i < len(folded); i++ {
			emit(folded[i])
		}
	}
	return b.String()
}

// isSlug reports whether s is already what Slugify would make of it.
func isSlug(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// Fold lowercases r and removes its accent, returning ASCII when r is a
// Latin letter ("É" -> "e", "œ" -> "oe", "ß" -> "ss"); other characters are
// returned lowercased.
func Fold(r rune) string {
	if r < 0x80 {
		if r >= 'A' && r <= 'Z' {
			r += 'a' - 'A'
		}
		return string(r)
	}
	if f, ok := foldTable[r]; ok {
		return f
	}
	return strings.ToLower(string(r))
}

var foldTable = func() map[rune]string {
	groups := map[string]string{
		"a":  "àáâãäåāăąÀÁÂÃÄÅĀĂĄ",
		"ae": "æÆ",
		"c":  "çćĉċčÇĆĈĊČ",
		"d":  "ďđĎĐ",
		"e":  "èéêëēĕėęěÈÉÊËĒĔĖĘĚ",
		"g":  "ĝğġģĜĞĠĢ",
		"h":  "ĥħĤĦ",
		"i":  "ìíîïĩīĭįıÌÍÎÏĨĪĬĮİ",
		"j":  "ĵĴ",
		"k":  "ķĶ",
		"l":  "ĺļľŀłĹĻĽĿŁ",
		"n":  "ñńņňÑŃŅŇ",
		"o":  "òóôõöøōŏőÒÓÔÕÖØŌŎŐ",
		"oe": "œŒ",
		"r":  "ŕŗřŔŖŘ",
		"s":  "śŝşšŚŜŞŠ",
		"ss": "ß",
		"t":  "ţťŧŢŤŦ",
		"u":  "ùúûüũūŭůűųÙÚÛÜŨŪŬŮŰŲ",
		"w":  "ŵŴ",
		"y":  "ýÿŷÝŸŶ",
		"z":  "źżžŹŻŽ",
	}
	t := make(map[rune]string)
	for ascii, letters := range groups {
		for _, r := range letters {
			t[r] = ascii
		}
	}
	return t
}()

// Image is a bundle image ready for the page: its URL, its size, and the
// smaller copies made for phones.
type Image struct {
	URL      string // site URL of the original, kept as it was
	Width    int
	Height   int
	Variants []ImageVariant // smallest first; empty for vector or small images
}

// ImageVariant is a resized copy of an image.
type ImageVariant struct {
	URL   string
	Width int
}
