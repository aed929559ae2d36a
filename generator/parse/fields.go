package parse

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"terredetalents/generator/content"
	"terredetalents/generator/diag"
)

// fields reads typed values out of a decoded TOML table and reports, at the
// key's position, every value of the wrong type, every missing required key
// and every key nobody asked for.
type fields struct {
	doc    *document
	prefix string // path of this table, "" for the top level
	raw    map[string]any
	asked  []string
	parent *fields // the page, for a [[sessions]] block
	// examples are the values the section's description gives as
	// examples, by key, for the messages that show how to write one.
	examples map[string]string
}

// exampleOf is how to write key, from the section's description, or def.
func (f *fields) exampleOf(key, def string) string {
	if e, ok := f.examples[key]; ok && e != "" {
		return key + " = " + e
	}
	return def
}

// document is the front matter of one file.
type document struct {
	src       *diag.Source
	fmStart   int // byte offset of the front matter in the file
	closeLine int // line of the closing +++, where missing keys go
	locs      map[string]keyLoc
	diags     *diag.List
	termPos   map[string][]diag.Pos // positions of the terms kept, by key
}

func (d *document) at(offset int) diag.Pos { return d.src.Pos(d.fmStart + offset) }

func (f *fields) path(key string) string {
	if f.prefix == "" {
		return key
	}
	return f.prefix + "." + key
}

// label names a key for the staff: "« seats » de la session 2" rather than
// the TOML path "sessions.1.seats".
func (f *fields) label(key string) string {
	if f.prefix == "" {
		return "« " + key + " »"
	}
	parts := strings.Split(f.prefix, ".")
	if n, err := strconv.Atoi(parts[len(parts)-1]); err == nil {
		return fmt.Sprintf("« %s » du bloc [[%s]] n° %d", key, strings.Join(parts[:len(parts)-1], "."), n+1)
	}
	return fmt.Sprintf("« %s » de la table [%s]", key, f.prefix)
}

// keyPos is the position of a key, or of the closing +++ when it is absent.
func (f *fields) keyPos(key string) diag.Pos {
	if l, ok := f.doc.locs[f.path(key)]; ok {
		return f.doc.at(l.Key)
	}
	if l, ok := f.doc.locs[f.prefix]; ok && f.prefix != "" {
		return f.doc.at(l.Key)
	}
	return diag.Pos{File: f.doc.src.File, Line: f.doc.closeLine, Col: 1}
}

// valuePos is the position of a key's value.
func (f *fields) valuePos(key string) diag.Pos {
	if l, ok := f.doc.locs[f.path(key)]; ok {
		return f.doc.at(l.Value)
	}
	return f.keyPos(key)
}

// elemPos is the position of the i-th string of a key's value.
func (f *fields) elemPos(key string, i int) diag.Pos {
	if l, ok := f.doc.locs[f.path(key)]; ok && i < len(l.Strings) {
		return f.doc.at(l.Strings[i])
	}
	return f.valuePos(key)
}

func (f *fields) get(key string, required bool, example string) (any, bool) {
	f.asked = append(f.asked, key)
	v, ok := f.raw[key]
	if !ok {
		if required && !f.writtenInBlock(key) {
			f.doc.diags.Errorf(f.keyPos(key), "missing-field",
				"champ obligatoire %s manquant : ajoutez une ligne %s avant la ligne +++", f.label(key), example)
		}
		return nil, false
	}
	return v, true
}

func (f *fields) typeError(key string, v any, want string) {
	f.doc.diags.Errorf(f.valuePos(key), "wrong-type", "%s doit être %s, pas %s", f.label(key), want, describe(v))
}

// String reads a text value. Required text may not be blank.
func (f *fields) String(key string, required bool) string {
	example := fmt.Sprintf("%s = \"…\"", key)
	v, ok := f.get(key, required, example)
	if !ok {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		f.typeError(key, v, "un texte entre guillemets, par exemple "+example)
		return ""
	}
	if required && strings.TrimSpace(s) == "" {
		f.doc.diags.Errorf(f.valuePos(key), "empty-field", "%s est vide : écrivez le texte entre les guillemets", f.label(key))
	}
	if f.placeholder(key, 0, s) {
		return strings.TrimSpace(s)
	}
	s = strings.TrimSpace(s)
	if s != "" && !f.term(key, 0, s) {
		return ""
	}
	return s
}

// Strings reads a list of texts. A single text is accepted as a list of one.
func (f *fields) Strings(key string, required bool) []string {
	example := fmt.Sprintf("%s = [\"…\", \"…\"]", key)
	v, ok := f.get(key, required, example)
	if !ok {
		return nil
	}
	if s, ok := v.(string); ok {
		// One text stands for a list of one; commas in it are a list
		// written without its brackets, which would make one term of all.
		if parts := listParts(s); len(parts) > 1 {
			f.doc.diags.Errorf(f.valuePos(key), "list-as-text",
				"%s est une liste : écrivez un texte par élément, entre crochets : %s = [%s] (ou %s = [%s] si c'est bien un seul élément)",
				f.label(key), key, quoteAll(parts), key, strconv.Quote(s))
			return nil
		}
		v = []any{s}
	}
	list, ok := v.([]any)
	if !ok {
		f.typeError(key, v, "une liste de textes, par exemple "+example)
		return nil
	}
	out := make([]string, 0, len(list))
	written := map[string]string{} // terms by slug: one spelling each
	terms := f.prefix == "" && content.IsTaxonomyField(key)
	for i, e := range list {
		s, ok := e.(string)
		if !ok {
			f.doc.diags.Errorf(f.elemPos(key, i), "wrong-type",
				"l'élément %d de %s doit être un texte entre guillemets, pas %s", i+1, f.label(key), describe(e))
			continue
		}
		if s = strings.TrimSpace(s); s == "" {
			f.doc.diags.Errorf(f.elemPos(key, i), "empty-field", "l'élément %d de %s est vide : retirez-le ou écrivez le texte", i+1, f.label(key))
			continue
		}
		slug := "" // a term's, worked out once for both checks
		if terms {
			slug = content.Slugify(s)
		}
		if slug != "" {
			if first, twice := written[slug]; twice {
				f.doc.diags.Warnf(f.elemPos(key, i), "term-twice",
					"%s : « %s » est déjà dans la liste, écrit « %s » : c'est le même terme, retirez l'un des deux", f.label(key), s, first)
				continue
			}
			written[slug] = s
		}
		if f.placeholder(key, i, s) || terms && !f.keepTerm(key, i, s, slug) {
			continue
		}
		out = append(out, s)
	}
	if required && len(out) == 0 && len(list) == 0 {
		f.doc.diags.Errorf(f.valuePos(key), "empty-field", "%s est vide : donnez au moins un élément, par exemple %s", f.label(key), example)
	}
	return out
}

// term checks the i-th text of key when key names terms (skills, town…):
// a term needs a URL, so it must hold a Latin letter or a digit, and stay
// short. It records where the term was written and reports whether it is
// kept.
func (f *fields) term(key string, i int, s string) bool {
	if f.prefix != "" || !content.IsTaxonomyField(key) {
		return true
	}
	return f.keepTerm(key, i, s, content.Slugify(s))
}

// keepTerm is term for a key that names terms, given the slug of s.
func (f *fields) keepTerm(key string, i int, s, slug string) bool {
	pos := f.elemPos(key, i)
	switch n := utf8.RuneCountInString(s); {
	case n > content.MaxTermLength:
		f.doc.diags.Errorf(pos, "too-long",
			"%s : « %s » fait %d caractères ; un terme tient en quelques mots (%d caractères au plus) : raccourcissez-le, et mettez les détails dans le texte de la page",
			f.label(key), shorten(s, 40), n, content.MaxTermLength)
		return false
	case slug == "":
		f.doc.diags.Errorf(pos, "bad-term",
			"%s : « %s » ne donne aucune adresse de page, car il ne contient aucune lettre latine ni aucun chiffre : écrivez-le en lettres, par exemple « Tokyo » ou « Japonais »",
			f.label(key), s)
		return false
	}
	if f.doc.termPos == nil {
		f.doc.termPos = map[string][]diag.Pos{}
	}
	f.doc.termPos[key] = append(f.doc.termPos[key], pos)
	return true
}

// shorten cuts s to n characters, with an ellipsis.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// Placeholder is the mark the "new" command leaves in what is to be
// written; check refuses a page that still holds it.
const Placeholder = "À COMPLÉTER"

// HasPlaceholder reports whether s still holds the mark of the "new"
// command. Only the mark as "new" writes it counts, in capitals (with or
// without accents): prose such as "le dossier est à compléter" never does.
func HasPlaceholder(s string) bool {
	// reportBodyPlaceholders makes the same quick test on a body's bytes.
	if !strings.Contains(s, "COMPL") {
		return false
	}
	return strings.Contains(s, Placeholder) || strings.Contains(s, "A COMPLETER")
}

// placeholder reports the i-th text of key if it was left as "new" wrote it.
func (f *fields) placeholder(key string, i int, s string) bool {
	if !HasPlaceholder(s) {
		return false
	}
	f.doc.diags.Errorf(f.elemPos(key, i), "placeholder",
		"%s est encore à compléter : remplacez « %s » par votre texte", f.label(key), s)
	return true
}

// writtenInBlock reports whether key, missing from this table, was written
// after a [[block]] line, where it is reported as misplaced instead.
func (f *fields) writtenInBlock(key string) bool {
	for _, v := range f.raw {
		if blocks, ok := v.([]map[string]any); ok {
			for _, b := range blocks {
				if _, ok := b[key]; ok {
					return true
				}
			}
		}
	}
	return false
}

// pos is the position of this table's header, such as a [[sessions]] line.
func (f *fields) pos() diag.Pos {
	if l, ok := f.doc.locs[f.prefix]; ok {
		return f.doc.at(l.Key)
	}
	return diag.Pos{File: f.doc.src.File}
}

// Refs reads a list of page slugs, keeping where each one was written.
func (f *fields) Refs(key string) []content.Ref {
	names := f.Strings(key, false)
	refs := make([]content.Ref, 0, len(names))
	for i, n := range names {
		refs = append(refs, content.Ref{Slug: n, Pos: f.elemPos(key, i)})
	}
	return refs
}

// Ref reads one page slug.
func (f *fields) Ref(key string) content.Ref {
	s := f.String(key, false)
	if s == "" {
		return content.Ref{}
	}
	return content.Ref{Slug: s, Pos: f.elemPos(key, 0)}
}

// Resource reads the name of a bundle file.
func (f *fields) Resource(key string) content.Resource {
	s := f.String(key, false)
	if s == "" {
		return content.Resource{}
	}
	return content.Resource{Name: s, Pos: f.elemPos(key, 0)}
}

// Bool reads true or false.
func (f *fields) Bool(key string) bool {
	v, ok := f.get(key, false, "")
	if !ok {
		return false
	}
	b, ok := v.(bool)
	if !ok {
		if str, isStr := v.(string); isStr {
			f.doc.diags.Errorf(f.valuePos(key), "wrong-type", "%s", boolAdvice(key, strings.TrimSpace(str)))
			return false
		}
		f.typeError(key, v, fmt.Sprintf("true ou false, sans guillemets (par exemple %s = true)", key))
		return false
	}
	return b
}

// Int reads a whole number within [lo, hi].
func (f *fields) Int(key string, lo, hi int) int {
	v, ok := f.get(key, false, "")
	if !ok {
		return 0
	}
	n, ok := v.(int64)
	if !ok {
		example := strconv.Itoa(intExample(key, lo))
		if str, isStr := v.(string); isStr && leadingNumber(strings.TrimSpace(str)) != "" {
			example = leadingNumber(strings.TrimSpace(str))
		}
		f.typeError(key, v, fmt.Sprintf("un nombre entier sans guillemets ni unité : écrivez %s = %s", key, example))
		return 0
	}
	if n < int64(lo) || n > int64(hi) {
		f.doc.diags.Errorf(f.valuePos(key), "out-of-range", "%s vaut %d : la valeur doit être comprise entre %d et %d", f.label(key), n, lo, hi)
		return 0
	}
	return int(n)
}

// Date reads a TOML date or date-time; a quoted "YYYY-MM-DD" is accepted.
func (f *fields) Date(key string, required bool) content.Date {
	example := f.exampleOf(key, fmt.Sprintf("%s = 2027-01-15", key))
	v, ok := f.get(key, required, example)
	if !ok {
		return content.Date{}
	}
	switch t := v.(type) {
	case time.Time:
		if t.Location().String() == "time-local" {
			break
		}
		dateOnly := t.Location().String() == "date-local"
		if dateOnly || t.Location().String() == "datetime-local" {
			// Local dates carry the machine's offset; pin them to UTC so
			// that a build does not depend on the machine's time zone.
			t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
		}
		return content.Date{Time: t, HasTime: !dateOnly}
	case string:
		if d, err := time.Parse("2006-01-02", strings.TrimSpace(t)); err == nil {
			return content.Date{Time: d}
		}
		if d, ok := frenchDate(t); ok {
			f.doc.diags.Errorf(f.valuePos(key), "bad-date", "%s est une date à écrire sous la forme année-mois-jour, sans guillemets : écrivez %s = %s",
				f.label(key), key, isoDate(d))
			return content.Date{}
		}
	}
	f.doc.diags.Errorf(f.valuePos(key), "bad-date", "%s doit être une date écrite année-mois-jour sans guillemets, par exemple %s (avec l'heure : %sT09:30:00), pas %s",
		f.label(key), example, example, describe(v))
	return content.Date{}
}

// OneOf reads a text that must be one of choices, compared without case
// and accents.
func (f *fields) OneOf(key string, choices []string) string {
	s := f.String(key, false)
	if s == "" || HasPlaceholder(s) {
		return "" // a placeholder is reported as such
	}
	for _, c := range choices {
		if content.Slugify(c) == content.Slugify(s) {
			return c
		}
	}
	msg := fmt.Sprintf("%s vaut « %s » : les valeurs possibles sont %s", f.label(key), s, quoteList(choices))
	sug := diag.Suggest(s, choices)
	for _, c := range choices {
		// "CDI à temps plein" means "CDI": a value that starts with a choice.
		if sug == "" && strings.HasPrefix(content.Slugify(s)+"-", content.Slugify(c)+"-") {
			sug = c
		}
	}
	if sug != "" {
		msg += fmt.Sprintf(" ; vouliez-vous dire « %s » ?", sug)
	}
	f.doc.diags.Errorf(f.valuePos(key), "bad-value", "%s", msg)
	return ""
}

// Tables reads an array of tables such as [[sessions]].
func (f *fields) Tables(key string) []*fields {
	v, ok := f.get(key, false, "")
	if !ok {
		return nil
	}
	list, ok := v.([]map[string]any)
	if !ok {
		f.typeError(key, v, fmt.Sprintf("une suite de blocs [[%s]], chacun sur ses propres lignes", key))
		return nil
	}
	out := make([]*fields, len(list))
	for i, m := range list {
		out[i] = &fields{doc: f.doc, prefix: f.path(fmt.Sprintf("%s.%d", key, i)), raw: m, parent: f}
	}
	return out
}

// Table reads a table such as [organization].
func (f *fields) Table(key string) *fields {
	sub := &fields{doc: f.doc, prefix: f.path(key), raw: map[string]any{}}
	v, ok := f.get(key, false, "")
	if !ok {
		return sub
	}
	m, ok := v.(map[string]any)
	if !ok {
		f.typeError(key, v, fmt.Sprintf("une table [%s] suivie de ses champs", key))
		return sub
	}
	sub.raw = m
	return sub
}

// Unknown warns about every key that was not asked for, suggesting the
// closest known key: a typo such as "sumary" must not pass silently.
func (f *fields) Unknown(elsewhere map[string]string) {
	keys := make([]string, 0, len(f.raw))
	for k := range f.raw {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if contains(f.asked, k) {
			continue
		}
		if f.parent != nil && contains(f.parent.asked, k) {
			// TOML reads every line after [[sessions]] as part of the block.
			block := f.prefix[:strings.LastIndexByte(f.prefix, '.')]
			f.doc.diags.Errorf(f.keyPos(k), "misplaced-field",
				"le champ « %s » de la page est écrit après [[%s]], il serait lu comme un champ de ce bloc : déplacez cette ligne au-dessus de la première ligne [[%s]]",
				k, block, block)
			continue
		}
		msg := fmt.Sprintf("champ %s inconnu, il sera ignoré", f.label(k))
		if sug := diag.Suggest(k, f.asked); sug != "" {
			msg += fmt.Sprintf(" : vouliez-vous dire « %s » ?", sug)
		} else if where, ok := elsewhere[k]; ok {
			msg += " : ce champ " + where
		} else {
			msg += " : les champs possibles sont " + quoteList(f.asked)
		}
		f.doc.diags.Warnf(f.keyPos(k), "unknown-field", "%s", msg)
	}
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = "« " + s + " »"
	}
	return strings.Join(q, ", ")
}

// describe names a TOML value's type in French, with the value itself.
func describe(v any) string {
	switch t := v.(type) {
	case string:
		return fmt.Sprintf("le texte %q", t)
	case bool:
		return fmt.Sprintf("le booléen %v", t)
	case int64:
		return fmt.Sprintf("le nombre %d", t)
	case float64:
		return fmt.Sprintf("le nombre %v", t)
	case time.Time:
		return "une date"
	case []any:
		return "une liste"
	case map[string]any:
		return "une table"
	case []map[string]any:
		return "une suite de tables"
	}
	return fmt.Sprintf("%v", v)
}

// listParts splits a text at its commas and semicolons, without the
// blank parts.
func listParts(s string) []string {
	var parts []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' }) {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	return parts
}

// quoteAll writes texts as the elements of a TOML list.
func quoteAll(texts []string) string {
	q := make([]string, len(texts))
	for i, t := range texts {
		q[i] = strconv.Quote(t)
	}
	return strings.Join(q, ", ")
}
