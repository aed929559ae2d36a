package load

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

	"terredetalents/generator/diag"
)

// publishable lists the extensions of the files a bundle publishes beside
// its page: images and PDF documents, nothing a browser would run.
var publishable = map[string]bool{
	".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".webp": true, ".avif": true,
	".svg": true, ".pdf": true,
}

// checkResource reports whether the bundle file p may be published. Any
// other file is an error at the file: an index.html would replace the
// page, a script or a page would run on the site's origin. An SVG is read:
// one that runs or loads anything is refused where it does.
func checkResource(site fs.FS, p string, diags *diag.List) bool {
	at := diag.Pos{File: p, Line: 1, Col: 1}
	ext := strings.ToLower(path.Ext(p))
	name := strings.ToLower(path.Base(p))
	switch {
	case name == "index.html" || name == "index.htm":
		diags.Errorf(at, "forbidden-file",
			"ce fichier remplacerait la page construite à partir de index.md : retirez-le du dossier ; le texte de la page s'écrit dans index.md")
		return false
	case !publishable[ext]:
		diags.Errorf(at, "forbidden-file",
			"fichier refusé : le dossier d'une page ne publie que des images (.jpg, .jpeg, .png, .gif, .webp, .avif, .svg) et des documents PDF ; retirez ce fichier du dossier (une page web ou un script y serait exécuté sur le site), ou enregistrez-le en PDF s'il s'agit d'un document")
		return false
	case ext != ".svg":
		return true
	}
	data, err := fs.ReadFile(site, p)
	if err != nil {
		diags.Errorf(diag.Pos{File: p}, "read", "lecture impossible : %v", err)
		return false
	}
	offset, problem := CheckSVG(data)
	if problem == "" {
		return true
	}
	diags.Errorf(diag.NewSource(p, data).Pos(offset), "unsafe-svg", "%s", problem)
	return false
}

// svgAdvice ends the message of a refused SVG with what to do.
const svgAdvice = " ; une image SVG publiée ne doit contenir que du dessin : réexportez-la en « SVG simple » sans scripts ni liens, ou publiez-la en PNG"

// CheckSVG reads an SVG image and returns, when it must not be published,
// the byte offset of the first thing that runs or loads something and a
// French message: scripts, event handlers, javascript: addresses, HTML
// (<foreignObject>, XHTML elements), references to anything but a fragment
// of the image or an embedded raster image, entity declarations and
// processing instructions such as XSLT style sheets. Attribute values and
// text are checked as a browser reads them, character references decoded.
func CheckSVG(data []byte) (offset int, problem string) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	refuse := func(at int64, format string, args ...any) (int, string) {
		return int(at), "image SVG refusée : elle contient " + fmt.Sprintf(format, args...) + svgAdvice
	}
	root := true
	var open []string // local names of the open elements
	for {
		at := d.InputOffset()
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			if root {
				return 0, "image SVG illisible : le fichier ne contient aucun élément <svg> ; réexportez-la depuis votre logiciel de dessin, ou publiez-la en PNG"
			}
			return 0, ""
		}
		if err != nil {
			return int(d.InputOffset()), "image SVG illisible (ce n'est pas du XML valide) : réexportez-la depuis votre logiciel de dessin, ou publiez-la en PNG"
		}
		switch t := tok.(type) {
		case xml.StartElement:
			local := strings.ToLower(t.Name.Local)
			if root && local != "svg" {
				return int(at), fmt.Sprintf("ce fichier .svg n'est pas une image SVG (il commence par <%s>) : réexportez-la depuis votre logiciel de dessin, ou publiez-la en PNG", t.Name.Local)
			}
			root = false
			switch {
			case local == "script":
				return refuse(at, "un script (<%s>)", t.Name.Local)
			case local == "foreignobject":
				return refuse(at, "un élément <%s> (du HTML dans l'image)", t.Name.Local)
			case t.Name.Space == "http://www.w3.org/1999/xhtml":
				return refuse(at, "un élément HTML <%s>", t.Name.Local)
			case local == "iframe" || local == "embed" || local == "object" || local == "handler" || local == "listener":
				return refuse(at, "un élément <%s>", t.Name.Local)
			}
			for _, a := range t.Attr {
				if problem := unsafeAttr(local, a); problem != "" {
					return refuse(at, "%s", problem)
				}
			}
			open = append(open, local)
		case xml.EndElement:
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		case xml.CharData:
			style := len(open) > 0 && open[len(open)-1] == "style"
			if problem := unsafeCSS(string(t), style); problem != "" {
				return refuse(at, "%s", problem)
			}
		case xml.ProcInst:
			if !strings.EqualFold(t.Target, "xml") {
				return refuse(at, "une instruction de traitement <?%s …?>", t.Target)
			}
		case xml.Directive:
			if bytes.ContainsAny(t, "[") || bytes.Contains(bytes.ToUpper(t), []byte("ENTITY")) {
				return refuse(at, "des déclarations d'entités XML (<!DOCTYPE … [ … ]>)")
			}
		}
	}
}

// unsafeAttr says what is wrong with one attribute of an element, or "".
func unsafeAttr(element string, a xml.Attr) string {
	name := strings.ToLower(a.Name.Local)
	shown := a.Name.Local
	if a.Name.Space != "" && !strings.Contains(a.Name.Space, "/") {
		shown = a.Name.Space + ":" + shown
	} else if a.Name.Space == "http://www.w3.org/1999/xlink" {
		shown = "xlink:" + shown
	}
	value := a.Value
	squeezed := strings.ToLower(strings.Map(func(r rune) rune {
		if r <= ' ' {
			return -1
		}
		return r
	}, value))
	switch {
	case a.Name.Space == "xmlns" || (a.Name.Space == "" && name == "xmlns"):
		return "" // namespace declarations name, they do not load
	case strings.HasPrefix(name, "on"):
		return fmt.Sprintf("un gestionnaire d'évènement (%s=…) qui exécuterait du code", shown)
	case strings.Contains(squeezed, "javascript:") || strings.Contains(squeezed, "vbscript:"):
		return fmt.Sprintf("une adresse javascript: (attribut %s)", shown)
	case name == "href" || name == "src" || name == "base":
		if !localRef(value) {
			return fmt.Sprintf("une référence à un fichier extérieur (%s=« %s »)", shown, short(value))
		}
	case name == "attributename":
		target := strings.ToLower(value[strings.LastIndex(value, ":")+1:])
		if target == "href" || target == "src" || target == "base" || strings.HasPrefix(target, "on") {
			return fmt.Sprintf("une animation qui change l'attribut %s", value)
		}
	}
	return unsafeCSS(value, name == "style")
}

// unsafeCSS says what in CSS text (a style sheet, a style attribute or a
// presentation attribute such as fill="url(#g)") would load a file, or "".
// In style sheets, CSS escapes are refused: "\75 rl(" is url(.
func unsafeCSS(s string, style bool) string {
	lower := strings.ToLower(s)
	if style {
		switch {
		case strings.Contains(lower, "@import"):
			return "du CSS qui charge un fichier (@import)"
		case strings.Contains(lower, "image-set("):
			return "du CSS qui charge un fichier (image-set)"
		case strings.Contains(lower, `\`):
			return `du CSS écrit avec des caractères échappés (\)`
		}
	}
	for from := 0; ; {
		i := strings.Index(lower[from:], "url(")
		if i < 0 {
			return ""
		}
		from += i + len("url(")
		arg := strings.TrimLeft(s[from:], " \t\n\f\r\"'")
		if !localRef(arg) {
			if j := strings.IndexAny(arg, ")\"'"); j >= 0 {
				arg = arg[:j]
			}
			return fmt.Sprintf("une référence à un fichier extérieur (url(%s))", short(arg))
		}
	}
}

// localRef reports whether a reference stays in the image: a fragment, or
// a raster image embedded as a data: address.
func localRef(ref string) bool {
	ref = strings.ToLower(strings.TrimSpace(ref))
	if strings.HasPrefix(ref, "#") {
		return true
	}
	return strings.HasPrefix(ref, "data:image/") && !strings.HasPrefix(ref, "data:image/svg")
}

// short cuts a value for a message.
func short(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}
