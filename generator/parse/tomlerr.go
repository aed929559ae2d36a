package parse

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

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
	// A list left open on an earlier line makes TOML fail on the next
	// key: the mistake is where the list starts.
	if open := unclosedListBefore(fm[:lineStart]); open >= 0 && strings.Contains(line, "=") {
		lineStart = open
		lineEnd = lineStart + bytes.IndexByte(fm[lineStart:], '\n')
		line = string(fm[lineStart:lineEnd])
	}
	code, msg, at := adviseTOML(line, pe)
	if at >= 0 {
		offset = lineStart + at
	}
	doc.diags.Errorf(doc.at(offset), code, "%s", msg)
}

// unclosedListBefore returns the offset of the line where a list opened in
// text is still open at its end, or -1. Brackets in strings and comments
// do not count.
func unclosedListBefore(text []byte) int {
	depth, open := 0, -1
	inString := false
	lineStart := 0
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c == '\n':
			inString = false
			lineStart = i + 1
		case inString && c == '\\':
			i++
		case c == '"':
			inString = !inString
		case inString:
		case c == '#':
			for i+1 < len(text) && text[i+1] != '\n' {
				i++
			}
		case c == '[' && depth == 0 && bytes.Contains(text[lineStart:i], []byte("=")):
			depth, open = 1, lineStart
		case c == '[' && depth > 0:
			depth++
		case c == ']' && depth > 0:
			depth--
		}
	}
	if depth > 0 {
		return open
	}
	return -1
}

// adviseTOML explains a broken front matter line. It returns the advice and
// the byte column in line where the mistake is, or -1 to keep the
// library's position. Every advice that can give the corrected line gives
// it, written so that it is valid TOML; a comment at the end of the line is
// left where it is.
func adviseTOML(line string, pe toml.ParseError) (code, msg string, at int) {
	trimmed := strings.TrimSpace(line)
	indent := len(line) - len(strings.TrimLeft(line, " \t"))
	eq := strings.IndexByte(line, '=')
	switch {
	case strings.HasPrefix(pe.Message, "Key '") && strings.Contains(pe.Message, "already been defined"):
		return "duplicate-key", "ce champ est déjà écrit plus haut : gardez une seule ligne pour chaque champ", indent
	case trimmed != "" && eq < 0 && !strings.HasPrefix(trimmed, "[") && !strings.HasPrefix(trimmed, "#"):
		return "toml-syntax", "ligne incomprise dans l'en-tête : chaque champ s'écrit nom = valeur, par exemple title = \"Mon titre\" (le texte de la page se place après la ligne +++)", indent
	case eq < 0:
		return "toml-syntax", "ligne incomprise dans l'en-tête : un bloc s'écrit seul sur sa ligne, par exemple [[sessions]] ; vérifiez les crochets", indent
	}
	key := strings.TrimSpace(line[:eq])
	rest := line[eq+1:]
	valueAt := eq + 1 + len(rest) - len(strings.TrimLeft(rest, " \t"))
	value, _ := splitComment(strings.TrimSpace(rest))
	name := key
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:]
	}
	kind := valueKinds[name]
	if c, m, ok := adviseValue(key, name, kind, value); ok {
		return c, m, valueAt
	}
	return "toml-syntax", "valeur incomprise : un texte s'écrit entre guillemets droits (" + key + " = \"…\"), une liste entre crochets avec des virgules ([\"…\", \"…\"]), un nombre, une date (2027-01-15), true ou false sans guillemets", valueAt
}

// adviseValue explains a value that TOML refused, from what it looks like
// and from what its key expects.
func adviseValue(key, name string, kind valueKind, value string) (code, msg string, ok bool) {
	unquoted := strings.TrimSpace(strings.Trim(value, "\"'“”«»‘’ "))
	switch kind {
	case kindBool:
		return "wrong-type", boolAdvice(key, unquoted), true
	case kindDate:
		if d, ok := frenchDate(value); ok {
			return "bad-date", fmt.Sprintf("date à écrire sous la forme année-mois-jour, sans guillemets : écrivez %s = %s", key, isoDate(d)), true
		}
		return "bad-date", fmt.Sprintf("date invalide : écrivez-la année-mois-jour avec un mois de 01 à 12 et un jour qui existe, sans guillemets, par exemple %s = %s", key, dateExample(value)), true
	case kindInt:
		if n := leadingNumber(unquoted); n != "" {
			return "wrong-type", fmt.Sprintf("« %s » est un nombre entier : écrivez %s = %s, sans guillemets ni unité", name, key, n), true
		}
		return "wrong-type", fmt.Sprintf("« %s » est un nombre entier : écrivez par exemple %s = %d, sans guillemets", name, key, intExample(name, 1)), true
	}
	if looksLikeDate(value) {
		return "bad-date", "date invalide : écrivez-la année-mois-jour avec un mois de 01 à 12 et un jour qui existe, par exemple 2027-01-15", true
	}
	if d, ok := frenchDate(value); ok {
		return "bad-date", fmt.Sprintf("date à écrire sous la forme année-mois-jour, sans guillemets : écrivez %s = %s", key, isoDate(d)), true
	}
	if strings.ContainsAny(value, "“”«»‘’") && !strings.HasPrefix(value, "\"") {
		return "toml-syntax", "guillemets typographiques : entourez chaque texte de guillemets droits \" (touche 3 du clavier) ; écrivez " + key + " = " + straightQuotes(value), true
	}
	if strings.HasPrefix(value, "[") {
		return listAdvice(key, value)
	}
	if strings.HasPrefix(value, "\"") {
		if !closedString(value) {
			return "toml-syntax", "guillemet fermant manquant : le texte doit se terminer par \" sur la même ligne ; écrivez " + key + " = " + quote(strings.TrimPrefix(value, "\"")), true
		}
		// A string closed too early: quotes inside the text.
		inner := strings.TrimPrefix(value, "\"")
		inner = strings.TrimSuffix(inner, "\"")
		return "toml-syntax", "guillemets droits à l'intérieur du texte : ils le ferment trop tôt ; utilisez des guillemets français à l'intérieur, écrivez " + key + " = " + quote(frenchInnerQuotes(inner)), true
	}
	if value != "" && isWordStart(value) {
		fix := quote(value)
		if kind == kindList {
			fix = "[" + fix + "]"
		}
		return "toml-syntax", "texte sans guillemets : entourez la valeur de guillemets droits, écrivez " + key + " = " + fix + " (seuls les nombres, les dates, true et false s'écrivent sans guillemets)", true
	}
	return "", "", false
}

// boolAdvice says how to write a yes/no field from what was written.
func boolAdvice(key, v string) string {
	name := key[strings.LastIndexByte(key, '.')+1:]
	switch strings.ToLower(v) {
	case "oui", "vrai", "yes", "true", "o", "1":
		return fmt.Sprintf("« %s » vaut oui ou non : écrivez %s = true, en minuscules et sans guillemets", name, key)
	case "non", "faux", "no", "false", "n", "0":
		return fmt.Sprintf("« %s » vaut oui ou non : écrivez %s = false, en minuscules et sans guillemets", name, key)
	}
	return fmt.Sprintf("« %s » vaut oui ou non : écrivez %s = true (oui) ou %s = false (non), en minuscules et sans guillemets", name, key, key)
}

// listAdvice explains a broken list: not closed, a comma missing, or
// texts without quotes. The fix rebuilds the list from its items.
func listAdvice(key, value string) (code, msg string, ok bool) {
	if !strings.Contains(value, "]") {
		if strings.HasSuffix(value, ",") {
			return "", "", false // a list written over several lines
		}
		return "toml-syntax", "liste non fermée : terminez-la par ], écrivez " + key + " = " + rebuildList(strings.TrimPrefix(value, "[")), true
	}
	inside := value[1:strings.LastIndexByte(value, ']')]
	fix := rebuildList(inside)
	if missingComma(inside) {
		return "toml-syntax", "virgule manquante entre deux éléments de la liste : écrivez " + key + " = " + fix, true
	}
	return "toml-syntax", "liste mal écrite : chaque élément s'écrit entre guillemets droits, séparé du suivant par une virgule ; écrivez " + key + " = " + fix, true
}

// listItems splits the inside of a broken list into its items: quoted
// texts, and bare words separated by commas.
func listItems(inside string) []string {
	var items []string
	s := straightQuotesRaw(inside)
	for len(s) > 0 {
		s = strings.TrimLeft(s, " \t,")
		if s == "" {
			break
		}
		if s[0] == '"' {
			end := strings.IndexByte(s[1:], '"')
			if end < 0 {
				items = append(items, strings.TrimSpace(s[1:]))
				break
			}
			items = append(items, strings.TrimSpace(s[1:1+end]))
			s = s[end+2:]
			continue
		}
		end := strings.IndexAny(s, ",\"")
		if end < 0 {
			end = len(s)
		}
		if item := strings.TrimSpace(s[:end]); item != "" {
			items = append(items, item)
		}
		s = s[end:]
	}
	return items
}

func rebuildList(inside string) string {
	items := listItems(inside)
	q := make([]string, len(items))
	for i, it := range items {
		q[i] = quote(it)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// missingComma reports two quoted texts with nothing but spaces between
// them: ["Textile" "Industrie"].
func missingComma(inside string) bool {
	s := straightQuotesRaw(inside)
	inString := false
	closed := -1
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' && !inString:
			if closed >= 0 && strings.TrimSpace(s[closed+1:i]) == "" {
				return true
			}
			inString = true
		case c == '"':
			inString = false
			closed = i
		case c == ',' && !inString:
			closed = -1
		}
	}
	return false
}

// straightQuotes rewrites a value written with typographic quotes, such as
// [“Textile”, “Industrie”] or « Roubaix », with straight ones.
func straightQuotes(value string) string {
	if strings.HasPrefix(strings.TrimSpace(value), "[") {
		inside := strings.TrimPrefix(strings.TrimSpace(value), "[")
		inside = strings.TrimSuffix(inside, "]")
		return rebuildList(inside)
	}
	return quote(strings.TrimSpace(strings.Trim(value, "“”«»‘’\" ")))
}

// straightQuotesRaw turns every typographic quote into a straight one.
func straightQuotesRaw(s string) string {
	return strings.NewReplacer("“", "\"", "”", "\"", "«\u00a0", "\"", "\u00a0»", "\"", "« ", "\"", " »", "\"", "«", "\"", "»", "\"").Replace(s)
}

// frenchInnerQuotes turns straight quotes inside a text into French ones:
// Essai "Le Fil" -> Essai « Le Fil ».
func frenchInnerQuotes(s string) string {
	var b strings.Builder
	open := true
	for _, r := range s {
		if r != '"' {
			b.WriteRune(r)
			continue
		}
		if open {
			b.WriteString("« ")
		} else {
			b.WriteString(" »")
		}
		open = !open
	}
	return b.String()
}

// quote writes s as a TOML string.
func quote(s string) string {
	return "\"" + strings.NewReplacer("\\", "\\\\", "\"", "\\\"").Replace(strings.TrimSpace(s)) + "\""
}

// splitComment separates a value from a comment at the end of its line.
// A # starts a comment when the text before it holds an even number of
// straight quotes; in a value whose quote is not closed, the first " #"
// does.
func splitComment(v string) (value, comment string) {
	first := -1
	for i := 1; i < len(v); i++ {
		if v[i] != '#' || (v[i-1] != ' ' && v[i-1] != '\t') {
			continue
		}
		if first < 0 {
			first = i
		}
		if strings.Count(v[:i], "\"")%2 == 0 {
			return strings.TrimSpace(v[:i]), v[i:]
		}
	}
	if first >= 0 && strings.Count(v, "\"")%2 == 1 {
		return strings.TrimSpace(v[:first]), v[first:]
	}
	return v, ""
}

// leadingNumber returns the whole number a value starts with ("1998",
// "12 salariés" -> "12"), or "".
func leadingNumber(v string) string {
	end := 0
	for end < len(v) && v[end] >= '0' && v[end] <= '9' {
		end++
	}
	return v[:end]
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

// dateExample is the example date of a message about the refused date
// value: 2027-01-15, with the hour the value had, if any, so that the fix
// keeps it ("2027-02-31T10:00:00" gives 2027-01-15T10:00:00).
func dateExample(value string) string {
	const example = "2027-01-15"
	if len(value) <= len(example) || (value[len(example)] != 'T' && value[len(example)] != ' ') {
		return example
	}
	withTime := example + "T" + strings.TrimSpace(value[len(example)+1:])
	var v struct{ D any }
	if _, err := toml.Decode("D = "+withTime, &v); err == nil {
		if _, ok := v.D.(time.Time); ok {
			return withTime
		}
	}
	return example + "T10:00:00"
}
