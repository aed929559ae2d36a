package parse

import (
	"bytes"
	"errors"
	"strings"

	"github.com/BurntSushi/toml"
)

// reportTOML turns a TOML syntax error into a French diagnostic at its
// position. The library's message is English and technical; the line
// itself usually says what went wrong, so the advice is read from it.
func reportTOML(doc *document, fm []byte, err error) {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		doc.diags.Errorf(doc.at(0), "toml", "en-tête illisible : %v", err)
		return
	}
	offset := pe.Position.Start
	if offset > len(fm) || offset < 0 {
		offset = len(fm)
	}
	lineStart := bytes.LastIndexByte(fm[:offset], '\n') + 1
	lineEnd := bytes.IndexByte(fm[lineStart:], '\n')
	if lineEnd < 0 {
		lineEnd = len(fm)
	} else {
		lineEnd += lineStart
	}
	line := string(fm[lineStart:lineEnd])
	code, msg, at := adviseTOML(line, pe)
	if at >= 0 {
		offset = lineStart + at
	}
	doc.diags.Errorf(doc.at(offset), code, "%s", msg)
}

// adviseTOML explains a broken front matter line. It returns the advice and
// the byte column in line where the mistake is, or -1 to keep the
// library's position.
func adviseTOML(line string, pe toml.ParseError) (code, msg string, at int) {
	trimmed := strings.TrimSpace(line)
	eq := strings.IndexByte(line, '=')
	value := ""
	if eq >= 0 {
		value = strings.TrimSpace(line[eq+1:])
	}
	valueAt := -1
	if eq >= 0 {
		valueAt = eq + 1 + (len(line[eq+1:]) - len(strings.TrimLeft(line[eq+1:], " \t")))
	}
	switch {
	case strings.HasPrefix(pe.Message, "Key '") && strings.Contains(pe.Message, "already been defined"):
		return "duplicate-key", "ce champ est déjà écrit plus haut : gardez une seule ligne pour chaque champ", strings.Index(line, strings.TrimLeft(line, " \t"))
	case trimmed != "" && eq < 0 && !strings.HasPrefix(trimmed, "[") && !strings.HasPrefix(trimmed, "#"):
		return "toml-syntax", "ligne incomprise dans l'en-tête : chaque champ s'écrit nom = valeur, par exemple title = \"Mon titre\" (le texte de la page se place après la ligne +++)", len(line) - len(strings.TrimLeft(line, " \t"))
	case strings.HasPrefix(value, "«") || strings.HasPrefix(value, "“") || strings.HasPrefix(value, "”") || strings.HasPrefix(value, "‘") || strings.HasPrefix(value, "’"):
		return "toml-syntax", "guillemets typographiques : entourez le texte de guillemets droits \"…\" (touche 3 du clavier)", valueAt
	case strings.HasPrefix(value, "\"") && !closedString(value):
		return "toml-syntax", "guillemet fermant manquant : le texte doit se terminer par \" sur la même ligne", valueAt
	case strings.HasPrefix(value, "[") && !strings.Contains(value, "]") && !strings.HasSuffix(value, ","):
		return "toml-syntax", "liste non fermée : terminez-la par ], par exemple [\"Textile\", \"Industrie\"]", valueAt
	case looksLikeDate(value):
		return "bad-date", "date invalide : écrivez-la AAAA-MM-JJ avec un mois de 01 à 12 et un jour qui existe, par exemple 2027-01-15", valueAt
	case value != "" && isWordStart(value):
		return "toml-syntax", "texte sans guillemets : entourez la valeur de guillemets droits, par exemple " +
			strings.TrimSpace(line[:eq]) + " = \"" + value + "\" (seuls les nombres, les dates, true et false s'écrivent sans guillemets)", valueAt
	}
	return "toml-syntax", "en-tête TOML invalide ici : vérifiez les guillemets, les crochets et le signe = (détail technique : " + pe.Message + ")", -1
}

func closedString(v string) bool {
	for i := 1; i < len(v); i++ {
		switch v[i] {
		case '\\':
			i++
		case '"':
			return true
		}
	}
	return false
}

func looksLikeDate(v string) bool {
	return len(v) >= 8 && v[0] >= '0' && v[0] <= '9' && strings.Count(v[:min(len(v), 10)], "-") == 2
}

func isWordStart(v string) bool {
	c := v[0]
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}
