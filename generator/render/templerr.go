package render

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"terredetalents/generator/diag"
)

// A TemplateError is a mistake in a layout of the site or of its theme,
// at its line and column, said in French: Go's template packages report
// in English ("template: page.html:3: unexpected EOF").
type TemplateError struct {
	Pos diag.Pos
	Msg string
}

func (e *TemplateError) Error() string { return e.Pos.String() + ": " + e.Msg }

// Report records err, an error of New, at the place it names.
func Report(diags *diag.List, err error) {
	var te *TemplateError
	if errors.As(err, &te) {
		diags.Errorf(te.Pos, "template", "%s", te.Msg)
		return
	}
	diags.Errorf(diag.Pos{File: "layouts"}, "template", "%v", err)
}

// goTemplateError matches Go's template errors: "template: NAME:LINE: MSG"
// when parsing, "template: NAME:LINE:COL: executing "X" at <NODE>: MSG"
// when executing, "html/template:NAME:LINE:COL: MSG" when escaping.
var goTemplateError = regexp.MustCompile(`^(?:html/)?template: ?([^:]+):(?:(\d+):)?(?:(\d+):)? ?(?:executing "[^"]*" at <(.*?)>: )?(.*)$`)

var wrapped = regexp.MustCompile(`^error calling \S+: ((?:html/)?template: ?.*)$`)

// templateErrorAt turns err, returned by Go's template packages for a
// layout, into a TemplateError: file is the layout parsed (templates it
// defines or includes are named by Go), lead says what failed.
func templateErrorAt(file, lead string, err error) *TemplateError {
	m := goTemplateError.FindStringSubmatch(err.Error())
	if m == nil {
		return &TemplateError{Pos: diag.Pos{File: file}, Msg: joinLead(lead, err.Error())}
	}
	name, node, msg := m[1], m[4], m[5]
	// A function that renders a template itself (cardItems) wraps its
	// error: the innermost names the place.
	if inner := wrapped.FindStringSubmatch(msg); inner != nil {
		return templateErrorAt(file, lead, errors.New(inner[1]))
	}
	pos := diag.Pos{File: file}
	// Go names the template the mistake is in; without a line (an
	// escaping error found at the end of a template), the layout rendered
	// is the best place to look.
	if m[2] != "" && name != strings.TrimPrefix(file, "layouts/") && !strings.HasSuffix(file, "/"+name) {
		pos.File = "layouts/" + name
	}
	pos.Line, _ = strconv.Atoi(m[2])
	pos.Col, _ = strconv.Atoi(m[3])
	text := inFrench(msg)
	if node != "" {
		if !strings.HasPrefix(node, "{{") { // Go writes some nodes with their braces
			node = "{{" + node + "}}"
		}
		text = fmt.Sprintf("à « %s », %s", node, text)
	}
	return &TemplateError{Pos: pos, Msg: joinLead(lead, text)}
}

func joinLead(lead, text string) string {
	if lead == "" {
		return text
	}
	return lead + " : " + text
}

// The messages of Go's template packages a theme's author meets most, in
// French with the fix; any other is kept in English after "erreur de
// gabarit".
var goMessages = []struct {
	re *regexp.Regexp
	fr string
}{
	{regexp.MustCompile(`^function "([^"]+)" not defined$`),
		"la fonction « $1 » n'existe pas : vérifiez son nom (les fonctions des gabarits sont dans generator/render/funcs.go)"},
	{regexp.MustCompile(`^can't evaluate field (\S+) in type (\S+)$`),
		"le champ « $1 » n'existe pas pour une valeur de type $2 : vérifiez son nom, majuscules comprises"},
	{regexp.MustCompile(`^nil pointer evaluating (\S+)\.(\S+)$`),
		"« $2 » est lu sur une valeur absente ($1) : entourez cette partie de {{with …}} … {{end}}"},
	{regexp.MustCompile(`^error calling (\S+): (.*)$`),
		"la fonction « $1 » a échoué : $2"},
	{regexp.MustCompile(`^wrong number of args for (\S+): want (?:at least )?(\d+) got (\d+)$`),
		"la fonction « $1 » attend $2 argument(s), elle en reçoit $3"},
	{regexp.MustCompile(`^wrong type for value; expected (\S+); got (\S+)$`),
		"une valeur de type $2 est donnée là où il faut $1"},
	{regexp.MustCompile(`^unexpected EOF$`),
		"le gabarit finit avant la fin d'un bloc : il manque un {{end}} (chaque {{if}}, {{range}}, {{with}}, {{define}} et {{block}} en demande un)"},
	{regexp.MustCompile(`^unexpected \{\{end\}\}$`),
		"{{end}} en trop : il ne ferme aucun {{if}}, {{range}}, {{with}}, {{define}} ni {{block}}"},
	{regexp.MustCompile(`^unclosed action.*$`),
		"une action {{ n'est pas fermée : ajoutez }} à sa fin"},
	{regexp.MustCompile(`^undefined variable "([^"]+)"$`),
		"la variable « $1 » n'est pas définie à cet endroit : définissez-la avant, par exemple {{$1 := .Page}}"},
	{regexp.MustCompile(`^no such template "([^"]+)"$`),
		"le gabarit « $1 » n'existe pas : vérifiez son nom, par exemple partials/card.html"},
	{regexp.MustCompile(`^exceeded maximum template depth \((\d+)\)$`),
		"un gabarit s'appelle lui-même sans fin (plus de $1 niveaux) : vérifiez la condition qui arrête les appels"},
	{regexp.MustCompile(`^ends in a non-text context: .*$`),
		"une balise ou un attribut n'est pas fermé dans ce gabarit ou dans un gabarit qu'il appelle (un guillemet \" ou un chevron > manque) : fermez-le avant la fin du gabarit"},
	{regexp.MustCompile(`^template: no template "([^"]+)" associated with template "[^"]*"$`),
		"le gabarit « $1 » n'existe pas : vérifiez son nom, par exemple partials/card.html"},
}

func inFrench(msg string) string {
	for _, g := range goMessages {
		if g.re.MatchString(msg) {
			return g.re.ReplaceAllString(msg, g.fr)
		}
	}
	return "erreur de gabarit : " + msg
}
