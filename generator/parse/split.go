// Package parse turns one content file into a page: it splits the TOML front
// matter from the Markdown body, decodes the front matter into the typed
// fields of its section, and renders the body to HTML. Every problem is
// reported at its line and column in the file.
package parse

import (
	"bytes"
)

// Split is a content file cut in two.
type Split struct {
	FrontMatter []byte // the TOML text between the +++ lines
	FMStart     int    // byte offset of FrontMatter in the file
	CloseLine   int    // 1-based line of the closing +++
	Body        []byte
	BodyStart   int // byte offset of Body in the file
}

// SplitError says why a file has no usable front matter.
type SplitError struct {
	Offset int
	Code   string
	Msg    string
}

func (e *SplitError) Error() string { return e.Msg }

// SplitFrontMatter separates the front matter of text, which must open
// with a line "+++" and close with another.
func SplitFrontMatter(text []byte) (Split, error) {
	if len(bytes.TrimSpace(text)) == 0 {
		return Split{}, &SplitError{Code: "empty", Msg: "fichier vide : une page commence par un en-tête entre deux lignes +++ avec au moins title et summary ; partez d’une page existante de la même section et remplacez son contenu"}
	}
	first, rest := cutLine(text)
	switch {
	case isDelimiter(first, "---"):
		return Split{}, &SplitError{Code: "yaml-front-matter", Msg: "en-tête en YAML (---) : ce site utilise le format TOML, entre deux lignes +++, avec des champs écrits title = \"…\""}
	case !isDelimiter(first, "+++"):
		return Split{}, &SplitError{Code: "no-front-matter", Msg: "en-tête manquant : la première ligne doit être +++, suivie des champs (title = \"…\", summary = \"…\") puis d'une autre ligne +++"}
	}
	start := len(text) - len(rest)
	offset, line := start, 2
	for len(rest) > 0 {
		l, next := cutLine(rest)
		if isDelimiter(l, "+++") {
			bodyStart := offset + len(l)
			if bodyStart < len(text) && text[bodyStart] == '\n' {
				bodyStart++
			}
			return Split{
				FrontMatter: text[start:offset],
				FMStart:     start,
				CloseLine:   line,
				Body:        text[bodyStart:],
				BodyStart:   bodyStart,
			}, nil
		}
		offset += len(rest) - len(next)
		rest = next
		line++
	}
	return Split{}, &SplitError{Code: "unclosed-front-matter", Msg: "l'en-tête ouvert par cette ligne +++ n'est jamais fermé : ajoutez une ligne +++ après le dernier champ, avant le texte de la page"}
}

// cutLine returns the first line of b without its newline, and the rest.
func cutLine(b []byte) (line, rest []byte) {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i], b[i+1:]
	}
	return b, nil
}

func isDelimiter(line []byte, delim string) bool {
	return string(bytes.TrimRight(line, " \t")) == delim
}

// SameFrontMatter reports whether two texts of a content file differ in
// their body only: everything up to the body, the front matter and its
// delimiters, is the same. A page takes from its body its text alone
// (Page.SetText), so two such files parse to pages that differ in it only.
func SameFrontMatter(a, b []byte) bool {
	sa, errA := SplitFrontMatter(a)
	sb, errB := SplitFrontMatter(b)
	return errA == nil && errB == nil && bytes.Equal(a[:sa.BodyStart], b[:sb.BodyStart])
}
