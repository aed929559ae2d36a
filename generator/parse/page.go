package parse

import (
	"bytes"
	"errors"
	"hash/crc64"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"terredetalents/generator/content"
	"terredetalents/generator/diag"
)

// Page parses one content file; every problem is added to diags. A file
// too broken to be read comes back as a page marked Broken, known by its
// slug only.
func Page(f content.File, md *Markdown, diags *diag.List) *content.Page {
	src := diag.NewSource(f.Path, f.Text)
	kind, slug := kindOf(f), content.Slugify(f.Name) // each worked out once
	broken := &content.Page{Source: f.Path, Section: f.Section, Kind: kind, Slug: slug, Broken: true}
	split, err := SplitFrontMatter(f.Text)
	if err != nil {
		var se *SplitError
		errors.As(err, &se)
		diags.Errorf(src.Pos(se.Offset), se.Code, "%s", se.Msg)
		return broken
	}
	if !checkLimits(src, split, diags) {
		return broken
	}
	doc := &document{src: src, fmStart: split.FMStart, closeLine: split.CloseLine, diags: diags}
	// Decoded into an interface, the library hands over the table it
	// built as it is; decoded into a map, it copied it key by key, naming
	// each key on the way.
	var decoded any
	if _, err := toml.Decode(string(split.FrontMatter), &decoded); err != nil {
		reportTOML(doc, split.FrontMatter, err)
		return broken
	}
	raw, _ := decoded.(map[string]any)
	if raw == nil {
		raw = map[string]any{}
	}
	doc.locs = locateKeys(split.FrontMatter)

	p := &content.Page{Source: f.Path, Section: f.Section, Kind: kind, Resources: f.Resources, FrontHash: frontHash(f, split)}
	fl := &fields{doc: doc, raw: raw}
	common(p, f, slug, fl)
	if d := content.SectionOfKind(p.Kind); d != nil {
		readSection(fl, d.FrontMatter(), p)
	}
	fl.Unknown(elsewhere(p.Section))
	p.TermPos = doc.termPos
	checkResources(p, diags)

	body, err := md.Render(split.Body)
	if err != nil {
		diags.Errorf(src.Pos(split.BodyStart), "markdown", "le texte de la page n'a pas pu être mis en forme : %v", err)
		return broken
	}
	var links []content.Link
	for _, l := range body.Links {
		links = append(links, content.Link{Dest: l.Dest, Image: l.Image, Alt: l.Alt, Pos: src.Pos(split.BodyStart + l.Offset)})
	}
	// The body gives the page its text and nothing else: serve relies on
	// it to give a page a new text without linking the site again.
	p.SetText(body.HTML, links)
	reportBodyPlaceholders(src, split, diags)
	lastLine := 0
	for _, off := range body.RawHTML {
		pos := src.Pos(split.BodyStart + off)
		if pos.Line == lastLine {
			continue // one warning a line is enough
		}
		lastLine = pos.Line
		diags.Warnf(pos, "raw-html",
			"ce code HTML sera affiché tel quel, comme du texte : utilisez la mise en forme Markdown, ou autorisez le HTML avec unsafe = true dans la table [markdown] de site.toml")
	}
	return p
}

// reportBodyPlaceholders reports each line of the body still holding the
// mark left by the "new" command.
func reportBodyPlaceholders(src *diag.Source, split Split, diags *diag.List) {
	// HasPlaceholder's quick test, on the bytes: most bodies hold no
	// "COMPL", and need no string copy nor a look at each line.
	if !bytes.Contains(split.Body, []byte("COMPL")) {
		return
	}
	offset := split.BodyStart
	for _, line := range strings.SplitAfter(string(split.Body), "\n") {
		if HasPlaceholder(line) {
			text := []rune(strings.TrimSpace(line))
			if len(text) > 60 {
				text = append(text[:57], '…')
			}
			diags.Errorf(src.Pos(offset), "placeholder",
				"ce paragraphe est encore à compléter : remplacez « %s » par votre texte", string(text))
		}
		offset += len(line)
	}
}

// kindOf tells what a file is from where it sits.
func kindOf(f content.File) content.Kind {
	switch {
	case f.Index && f.Section == "":
		return content.KindHome
	case f.Index:
		return content.KindSection
	}
	if k, ok := content.KindOfSection(f.Section); ok {
		return k
	}
	return content.KindPlain
}

// common reads the keys every page has; slug is the file name's.
func common(p *content.Page, f content.File, slug string, fl *fields) {
	p.Title = fl.String("title", true)
	p.SortKey = content.Slugify(p.Title)
	p.Summary = fl.String("summary", !f.Index)
	p.Date = fl.Date("date", false)
	p.DatePos = fl.valuePos("date")
	p.Updated, p.UpdatedPos = fl.Date("updated", false), fl.valuePos("updated")
	p.Draft = fl.Bool("draft")
	p.Slug, p.SlugPos = slug, diag.Pos{File: f.Path, Line: 1, Col: 1}
	if p.Slug == "" && !f.Index {
		fl.doc.diags.Errorf(diag.Pos{File: f.Path}, "bad-slug",
			"le nom du fichier ne donne aucune adresse : renommez-le avec des lettres, par exemple atelier-lainier.md")
	}
	if s := fl.String("slug", false); s != "" {
		pos := fl.elemPos("slug", 0)
		if content.Slugify(s) != s {
			fl.doc.diags.Errorf(pos, "bad-slug",
				"slug « %s » invalide : un slug ne contient que des lettres minuscules sans accent, des chiffres et des tirets, par exemple « %s »",
				s, content.Slugify(s))
		} else if n := utf8.RuneCountInString(s); n > maxSlugLength {
			fl.doc.diags.Errorf(pos, "too-long", "slug de %d caractères : une adresse tient en quelques mots (%d caractères au plus) ; raccourcissez-le", n, maxSlugLength)
		} else {
			if s != p.Slug {
				p.FileSlug = p.Slug
			}
			p.Slug, p.SlugPos = s, pos
		}
	}
	for _, a := range fl.Refs("aliases") {
		switch clean, ok := cleanAlias(a.Slug); {
		case ok:
			p.Aliases = append(p.Aliases, content.Ref{Slug: clean, Pos: a.Pos})
		case strings.IndexFunc(a.Slug, invisible) >= 0:
			fl.doc.diags.Errorf(a.Pos, "bad-alias",
				"ancienne adresse « %s » invalide : elle contient un caractère invisible (retour à la ligne, tabulation ou caractère de mise en forme) ; réécrivez-la au clavier, par exemple « /ancienne-page/ »", strings.Map(visible, a.Slug))
		default:
			fl.doc.diags.Errorf(a.Pos, "bad-alias",
				"ancienne adresse « %s » invalide : écrivez un chemin du site qui commence par /, sans « .. », par exemple « /ancienne-page/ »", a.Slug)
		}
	}
}

// invisible reports the characters an address may not hold: controls,
// spaces and formatting marks such as U+202E, which reverses the text.
func invisible(r rune) bool {
	return unicode.IsControl(r) || unicode.IsSpace(r) || unicode.Is(unicode.Cf, r)
}

// visible shows an invisible character as "?" in a message.
func visible(r rune) rune {
	if invisible(r) {
		return '?'
	}
	return r
}

// cleanAlias turns an old URL into a site path ending in "/" (or a file
// ending in ".html"), refusing anything that could point outside the site
// or that holds an invisible character. "/x/index.html" is "/x/".
func cleanAlias(a string) (string, bool) {
	if !strings.HasPrefix(a, "/") || strings.Contains(a, "..") || strings.ContainsAny(a, "\\?#:\x00") || strings.IndexFunc(a, invisible) >= 0 {
		return "", false
	}
	clean := path.Clean(a)
	if path.Base(clean) == "index.html" {
		clean = path.Dir(clean)
	}
	if clean == "/" {
		return "/", true // the home: refused by the link stage, which names its owner
	}
	if path.Ext(clean) != ".html" {
		clean += "/"
	}
	return clean, true
}

// maxSlugLength bounds a slug, so that its URL segment is a valid file name.
const maxSlugLength = 120

// checkResources reports a logo or photo that is not a file of the bundle.
func checkResources(p *content.Page, diags *diag.List) {
	for _, r := range p.Images {
		if contains(p.Resources, r.Name) {
			continue
		}
		if len(p.Resources) == 0 && !strings.HasSuffix(p.Source, "/index.md") {
			diags.Errorf(r.Pos, "missing-resource",
				"le fichier « %s » est introuvable : une image accompagne une page rangée en dossier ; créez le dossier %s/ avec la page renommée index.md et l'image à côté",
				r.Name, strings.TrimSuffix(p.Source, ".md"))
			continue
		}
		msg := "le fichier « " + r.Name + " » est introuvable dans le dossier de la page : ajoutez-le à côté de index.md"
		if sug := diag.Suggest(r.Name, p.Resources); sug != "" {
			msg += " ; vouliez-vous dire « " + sug + " » ?"
		}
		diags.Errorf(r.Pos, "missing-resource", "%s", msg)
	}
}

// frontHash is the FrontHash of a page: its text up to the body and the
// names of its bundle files.
func frontHash(f content.File, split Split) uint64 {
	h := crc64.New(crcTable)
	h.Write(f.Text[:split.BodyStart])
	for _, r := range f.Resources {
		h.Write([]byte{0})
		h.Write([]byte(r))
	}
	return h.Sum64()
}

var crcTable = crc64.MakeTable(crc64.ECMA)
