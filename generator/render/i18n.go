package render

import (
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"terredetalents/generator/content"
	template "terredetalents/generator/render/internal/htmltemplate"
)

// DefaultLanguage is the language whose texts are used when the theme has
// no file for the site's language.
const DefaultLanguage = "fr"

// Translations are the texts of the site's language, read from
// i18n/<language>.toml: flat `key = "text"` pairs. Every layer's file is
// read, the embedded default first: a key of the site's own file replaces
// the same key of its theme's file, which replaces the default theme's.
//
// A text is inserted in a page as it stands, like the text of a layout:
// it may hold inline markup, and a literal "&" or "<" must be written
// "&amp;" or "&lt;". The texts the generator uses itself (titles,
// breadcrumb, dates, levels) are plain text, escaped where they are shown.
type Translations struct {
	File  string // the file read, "i18n/fr.toml": errors name it
	texts map[string]string
}

// LoadTranslations reads i18n/<language>.toml from every layer, falling
// back to i18n/fr.toml when no layer has a file for the language. It checks
// that every text the generator itself needs is there.
func LoadTranslations(layers Layers, language string) (*Translations, error) {
	tr, found, err := readTranslations(layers, language)
	if err == nil && !found {
		if base, _, cut := strings.Cut(language, "-"); cut {
			tr, found, err = readTranslations(layers, base)
		}
	}
	if err == nil && !found {
		tr, found, err = readTranslations(layers, DefaultLanguage)
	}
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, fmt.Errorf("%s : fichier de traduction introuvable", tr.File)
	}
	var missing []string
	for _, key := range generatorKeys() {
		if _, ok := tr.texts[key]; !ok {
			missing = append(missing, key)
		}
	}
	switch len(missing) {
	case 0:
		return tr, nil
	case 1:
		return nil, fmt.Errorf("%s : texte « %s » absent : le générateur en a besoin", tr.File, missing[0])
	default:
		return nil, fmt.Errorf("%s : textes absents, dont le générateur a besoin : %s", tr.File, strings.Join(missing, ", "))
	}
}

var languageName = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// readTranslations merges i18n/<language>.toml of every layer, bottom
// layer first. found is false when no layer has the file.
func readTranslations(layers Layers, language string) (tr *Translations, found bool, err error) {
	tr = &Translations{File: "i18n/" + language + ".toml", texts: map[string]string{}}
	if !languageName.MatchString(language) {
		return tr, false, nil
	}
	for i := len(layers) - 1; i >= 0; i-- {
		data, err := Layers{layers[i]}.ReadFile(tr.File)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return tr, false, fmt.Errorf("%s : lecture impossible : %v", tr.File, err)
		}
		var texts map[string]string
		if _, err := toml.Decode(string(data), &texts); err != nil {
			return tr, false, fmt.Errorf("%s : fichier de traduction invalide (des paires clé = \"texte\" sont attendues) : %v", tr.File, err)
		}
		for k, v := range texts {
			tr.texts[k] = v
		}
		found = true
	}
	return tr, found, nil
}

// Text returns the text of key, or an error naming the key and the file.
func (tr *Translations) Text(key string) (string, error) {
	s, ok := tr.texts[key]
	if !ok {
		return "", fmt.Errorf("texte « %s » absent de %s : ajoutez-y la ligne %s = \"…\"", key, tr.File, key)
	}
	return s, nil
}

// Format fills the placeholders (%s, %d) of the text of key with args.
func (tr *Translations) Format(key string, args ...any) (string, error) {
	format, err := tr.Text(key)
	if err != nil {
		return "", err
	}
	s := fmt.Sprintf(format, args...)
	if strings.Contains(s, "%!") && !strings.Contains(format, "%!") {
		return "", fmt.Errorf("%s : le texte « %s » attend d'autres valeurs que %s : %s", tr.File, key, formatArgs(args), s)
	}
	return s, nil
}

func formatArgs(args []any) string {
	parts := make([]string, len(args))
	for i, a := range args {
		parts[i] = fmt.Sprintf("%#v", a)
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// text returns a text of generatorKeys, which LoadTranslations checked.
func (tr *Translations) text(key string) string {
	return tr.texts[key]
}

// format is Format for the texts of generatorKeys, whose placeholders are
// known.
func (tr *Translations) format(key string, args ...any) string {
	return fmt.Sprintf(tr.texts[key], args...)
}

// The keys of the texts the generator writes itself, outside the layouts.
const (
	keyCrumbHome     = "crumb_home"
	keySearchTitle   = "search_title"
	keyNotFoundTitle = "not_found_title"
	keySiteMapTitle  = "site_map_title"
	keyListPageTitle = "list_page_title"
	keyTermSummary   = "term_summary"
	keyTermGroup     = "term_group_title"
	keyLevelOther    = "level_other" // levels without a key of their own
	keyDateFormat    = "date_format"
	keyDateFirstDay  = "date_first_day"
)

// Qualification levels minLevel to maxLevel each have a key "level_<n>".
const minLevel, maxLevel = 3, 8

var monthKeys = [...]string{
	"month_january", "month_february", "month_march", "month_april", "month_may", "month_june",
	"month_july", "month_august", "month_september", "month_october", "month_november", "month_december",
}

// storyKindKeys maps the kinds of success story of the content to the keys
// of their names.
var storyKindKeys = map[string]string{
	"emploi":       "story_kind_job",
	"alternance":   "story_kind_work_study",
	"création":     "story_kind_business_creation",
	"reconversion": "story_kind_career_change",
}

// generatorKeys lists every key the Go code reads.
func generatorKeys() []string {
	keys := []string{keyCrumbHome, keySearchTitle, keyNotFoundTitle, keySiteMapTitle, keyListPageTitle, keyTermSummary, keyTermGroup,
		keyLevelOther, keyDateFormat, keyDateFirstDay}
	for l := minLevel; l <= maxLevel; l++ {
		keys = append(keys, "level_"+strconv.Itoa(l))
	}
	keys = append(keys, monthKeys[:]...)
	for _, k := range []string{"emploi", "alternance", "création", "reconversion"} {
		keys = append(keys, storyKindKeys[k])
	}
	return keys
}

// date writes a date as "14 mars 2026" ("1er mars 2026").
func (tr *Translations) date(d content.Date) string {
	if d.IsZero() {
		return ""
	}
	day := strconv.Itoa(d.Day())
	if d.Day() == 1 {
		day = tr.text(keyDateFirstDay)
	}
	return tr.format(keyDateFormat, day, tr.text(monthKeys[d.Month()-1]), d.Year())
}

// levelLabel explains a French qualification level.
func (tr *Translations) levelLabel(level int) string {
	if level >= minLevel && level <= maxLevel {
		return tr.text("level_" + strconv.Itoa(level))
	}
	return tr.format(keyLevelOther, level)
}

// storyKind names the kind of a success story for readers.
func (tr *Translations) storyKind(kind string) string {
	if key, ok := storyKindKeys[kind]; ok {
		return tr.text(key)
	}
	return kind
}

// Template functions of the texts. A text is trusted like the layout it
// comes from; the values put into its placeholders are escaped like any
// value a layout prints.

// t returns the text of key.
func (tr *Translations) t(key string) (template.HTML, error) {
	s, err := tr.Text(key)
	return template.HTML(s), err
}

// tf returns the text of key with its placeholders filled with args.
func (tr *Translations) tf(key string, args ...any) (template.HTML, error) {
	escaped := make([]any, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case template.HTML:
			escaped[i] = string(v)
		case string:
			escaped[i] = escapeText(v)
		case fmt.Stringer:
			escaped[i] = escapeText(v.String())
		default:
			escaped[i] = a // numbers
		}
	}
	s, err := tr.Format(key, escaped...)
	return template.HTML(s), err
}

// tn returns the text of key_one (n ≤ 1) or key_many, with n in its
// placeholder: tn "pages" 3 gives "3 pages".
func (tr *Translations) tn(key string, n int) (template.HTML, error) {
	if n <= 1 {
		return tr.tf(key+"_one", n)
	}
	return tr.tf(key+"_many", n)
}

var attrName = regexp.MustCompile(`^[a-z][a-z-]*$`)

// tattr returns the attribute name="text of key". In a quoted attribute
// value html/template escapes the apostrophe ("d'Ariane" would become
// "d&#39;Ariane"); a whole attribute keeps the text as it stands, only its
// double quotes escaped.
func (tr *Translations) tattr(name, key string) (template.HTMLAttr, error) {
	if !attrName.MatchString(name) || strings.HasPrefix(name, "on") {
		return "", fmt.Errorf("tattr : nom d'attribut « %s » refusé", name)
	}
	s, err := tr.Text(key)
	if err != nil {
		return "", err
	}
	return template.HTMLAttr(name + `="` + strings.ReplaceAll(s, `"`, "&#34;") + `"`), nil
}

// hrefTemplate escapes a URL the way html/template does in an href.
var hrefTemplate = template.Must(template.New("href").Parse(`<a href="{{.}}">`))

// href returns u escaped for an href attribute written in a text, as in
// tf "search_help_browse" (href (rel "/competences/")): the same bytes as
// <a href="{{rel "/competences/"}}"> in a layout.
func href(u string) (template.HTML, error) {
	var b strings.Builder
	if err := hrefTemplate.Execute(&b, u); err != nil {
		return "", err
	}
	return template.HTML(strings.TrimSuffix(strings.TrimPrefix(b.String(), `<a href="`), `">`)), nil
}

// textEscaper escapes like html/template does a value printed in text:
// the same characters, the same entities.
var textEscaper = strings.NewReplacer(
	"\x00", "\uFFFD",
	`"`, "&#34;",
	"&", "&amp;",
	"'", "&#39;",
	"+", "&#43;",
	"<", "&lt;",
	">", "&gt;",
)

func escapeText(s string) string { return textEscaper.Replace(s) }
