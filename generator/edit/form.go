package edit

import (
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"terredetalents/generator/content"
)

// A page's form is read from the description of its section (the tags of
// the section's front matter struct, see content/section.go), the way the
// parser reads the file: one control per key, blocks ([[sessions]]) as
// repeatable groups.

// Control kinds.
const (
	ctlText     = "text"
	ctlLong     = "long"
	ctlBool     = "bool"
	ctlNumber   = "number"
	ctlDate     = "date"
	ctlDateTime = "datetime"
	ctlChoice   = "choice"
	ctlList     = "list"
	ctlRef      = "ref"
	ctlRefs     = "refs"
	ctlResource = "resource"
)

// spec describes one key of a section, from its struct tag.
type spec struct {
	Key      string
	Label    string
	Help     string
	Example  string
	Control  string
	Required bool
	Min, Max string
	OneOf    []string
	Ref      string // section the references name
	Taxonomy string // taxonomy of a list of terms
	Block    []spec // a block's keys ([[sessions]])
}

// commonSpecs are the keys every page has (read by parse.common, not by a
// section's struct).
func commonSpecs(index bool) []spec {
	return []spec{
		{Key: "title", Label: "Titre", Control: ctlText, Required: true, Help: "Affiché en haut de la page, dans les listes et dans l'onglet du navigateur."},
		{Key: "summary", Label: "Résumé (une phrase)", Control: ctlLong, Required: !index, Help: "Affiché sous le titre, dans les listes et les résultats de recherche."},
		{Key: "date", Label: "Date de publication", Control: ctlDate, Help: "Une page datée dans le futur attend ce jour pour être publiée."},
		{Key: "updated", Label: "Date de la dernière relecture", Control: ctlDate, Help: "Affichée « Mis à jour le … »."},
		{Key: "draft", Label: "Brouillon (pas publié)", Control: ctlBool},
		{Key: "slug", Label: "Adresse de la page (slug)", Control: ctlText, Help: "Par défaut, le nom du fichier. Minuscules sans accent, chiffres et tirets."},
		{Key: "aliases", Label: "Anciennes adresses, une par ligne", Control: ctlList, Help: "Par exemple /ancienne-page/ : elles mèneront à cette page."},
	}
}

// sectionSpecs describes the keys of a section's front matter struct.
func sectionSpecs(t reflect.Type) []spec {
	var out []spec
	for i := range t.NumField() {
		sf := t.Field(i)
		tag, ok := sf.Tag.Lookup("fm")
		if !ok || tag == "-" {
			continue
		}
		key, opts, _ := strings.Cut(tag, ",")
		s := spec{
			Key: key, Required: opts == "required",
			Label: sf.Tag.Get("label"), Help: sf.Tag.Get("help"),
			Example: strings.Trim(sf.Tag.Get("example"), `"`),
			Min:     sf.Tag.Get("min"), Max: sf.Tag.Get("max"),
			Ref: sf.Tag.Get("ref"), Taxonomy: sf.Tag.Get("taxonomy"),
		}
		if s.Label == "" {
			s.Label = key
		}
		if strings.HasPrefix(s.Example, "[") { // a list, as the form writes it
			var ex struct{ X []string }
			if _, err := toml.Decode("x = "+s.Example, &ex); err == nil {
				s.Example = strings.Join(ex.X, ", ")
			}
		}
		if c, ok := sf.Tag.Lookup("oneof"); ok {
			s.OneOf = strings.Split(c, "|")
		}
		switch {
		case sf.Type == reflect.TypeFor[content.Date]():
			s.Control = ctlDate
			if strings.Contains(s.Example, "T") {
				s.Control = ctlDateTime
			}
		case sf.Type == reflect.TypeFor[content.Ref]():
			s.Control = ctlRef
		case sf.Type == reflect.TypeFor[[]content.Ref]():
			s.Control = ctlRefs
		case sf.Type == reflect.TypeFor[content.Resource]():
			s.Control = ctlResource
		case sf.Type.Kind() == reflect.Bool:
			s.Control = ctlBool
		case sf.Type.Kind() == reflect.Int:
			s.Control = ctlNumber
		case sf.Type == reflect.TypeFor[[]string]():
			s.Control = ctlList
		case sf.Type.Kind() == reflect.Slice && sf.Type.Elem().Kind() == reflect.Struct:
			s.Block = sectionSpecs(sf.Type.Elem())
		case len(s.OneOf) > 0:
			s.Control = ctlChoice
		case hasTag(sf, "long"):
			s.Control = ctlLong
		default:
			s.Control = ctlText
		}
		out = append(out, s)
	}
	return out
}

func hasTag(sf reflect.StructField, name string) bool {
	_, ok := sf.Tag.Lookup(name)
	return ok
}

// specsFor returns the keys of a page of section ("" for a plain page) and
// its blocks.
func specsFor(section string, index bool) []spec {
	specs := commonSpecs(index)
	if index {
		return specs[:2] // a home or section text: its title and summary
	}
	if d := content.SectionNamed(section); d != nil && d.DerivedFrom == "" {
		specs[0].Help = "Affiché en haut de la page " + deLa(d.One) + ", dans les listes et dans l'onglet du navigateur."
		specs = append(specs, sectionSpecs(reflect.TypeOf(d.FrontMatter()).Elem())...)
	}
	return specs
}

// deLa names one page of a section after « de »: « de l'entreprise »,
// « de la formation ».
func deLa(one string) string {
	if strings.ContainsAny(one[:1], "aeiouh") || strings.HasPrefix(one, "é") {
		return "de l'" + one
	}
	return "de la " + one
}

// show writes a decoded TOML value as the form shows it: lists one item a
// line, dates as the date fields expect them.
func show(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case time.Time:
		switch x.Location().String() { // the TOML library's local zones
		case "date-local":
			return x.Format("2006-01-02")
		case "datetime-local":
			if x.Second() == 0 && x.Nanosecond() == 0 {
				return x.Format("2006-01-02T15:04")
			}
			return x.Format("2006-01-02T15:04:05")
		case "time-local":
			return x.Format("15:04:05")
		}
		return x.Format(time.RFC3339)
	case []any:
		items := make([]string, len(x))
		for i, e := range x {
			items[i] = show(e)
		}
		return strings.Join(items, "\n")
	}
	return fmt.Sprint(v)
}

// shown is what an absent key shows.
func shown(raw map[string]any, s spec) string {
	v, ok := raw[s.Key]
	if !ok && s.Control == ctlBool {
		return "false"
	}
	return show(v)
}

var (
	isDate     = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	isDateTime = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?$`)
	// A date and time with its zone: 2027-04-15T16:00:00+02:00.
	isDateTimeZone = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$`)
	isInt          = regexp.MustCompile(`^[+-]?\d{1,18}$`)
)

// literal writes what was typed in a field as a TOML value; "" removes the
// key. What cannot be the right type is written as text, so that the
// parser reports it at its field in its own words.
func literal(s spec, typed string) string {
	typed = strings.TrimSpace(typed)
	switch s.Control {
	case ctlBool:
		if typed == "true" {
			return "true"
		}
		return "false"
	case ctlList, ctlRefs:
		items := lines(typed)
		if len(items) == 0 {
			return ""
		}
		return QuoteList(items)
	}
	if typed == "" {
		return ""
	}
	switch s.Control {
	case ctlNumber:
		if n, err := strconv.ParseInt(typed, 10, 64); err == nil && isInt.MatchString(typed) {
			return strconv.FormatInt(n, 10) // TOML refuses "012"
		}
	case ctlDate, ctlDateTime:
		switch {
		case isDate.MatchString(typed):
			return typed
		case isDateTime.MatchString(typed):
			typed = strings.Replace(typed, " ", "T", 1)
			if len(typed) == len("2006-01-02T15:04") {
				typed += ":00"
			}
			return typed
		case isDateTimeZone.MatchString(typed): // shown as text (dateControl)
			return strings.Replace(typed, " ", "T", 1)
		}
	}
	return Quote(typed)
}

// lines splits a list field into its items: one a line, blanks left out.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
