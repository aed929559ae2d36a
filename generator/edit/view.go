package edit

import (
	"fmt"
	"html/template"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"terredetalents/generator/content"
	"terredetalents/generator/diag"
	"terredetalents/generator/parse"
)

// formView is what the form template shows.
type formView struct {
	Page     PageInfo
	Path     string
	Hash     string
	Fields   []*field
	Groups   []*group
	Body     *field
	Unknown  []string // keys the form does not show, kept as written
	Summary  []message
	Errors   int
	Warnings int
	Notice   string
	Problem  string   // why the save did not happen
	Conflict string   // the file on disk, when it changed since the form opened
	Diffs    []*field // in a conflict, the fields whose value on disk differs
	Taken    []string // in a conflict, the fields not edited here, given the value on disk
	Kept     []string // in a conflict, the blocks removed on disk but edited here, kept as new
	Lists    []datalist
	Preview  template.HTML
	Images   []string
}

type field struct {
	spec
	Name     string // the input's name: the key, or "sessions.0.start"
	ID       string
	Value    string
	Choices  []choice
	List     string // id of the datalist of terms
	Messages []message
	Disk     string // in a conflict, the value on disk when it differs
	Differs  bool
}

// Invalid reports whether the field has an error.
func (f *field) Invalid() bool {
	return slices.ContainsFunc(f.Messages, func(m message) bool { return m.Error })
}

// Checked is a yes/no field's state.
func (f *field) Checked() bool { return f.Value == "true" }

// Rows is the number of lines a list shows.
func (f *field) Rows() int { return min(max(strings.Count(f.Value, "\n")+2, 3), 12) }

type choice struct {
	Value, Label string
	Selected     bool
}

type datalist struct {
	ID    string
	Terms []string
}

type group struct {
	Key, Label string
	Blocks     []*block
	Messages   []message
}

type block struct {
	Name     string // "sessions.0"
	From     int    // index in the file, -1 for a new block
	Remove   bool
	Kept     bool // in a conflict, removed on disk but edited here: kept as a new block
	Legend   string
	Fields   []*field
	Messages []message
}

// message is a finding of the checks, shown at its field and in the summary.
type message struct {
	Error bool
	Code  string
	Text  string
	Pos   string
	Field string // id of its field, "" when it belongs to none
	Label string // label of that field
}

// fieldID turns an input name into an element id.
func fieldID(name string) string { return "champ-" + strings.ReplaceAll(name, ".", "-") }

// buildView lays out the form of st for a page of section.
func buildView(info PageInfo, specs []spec, st state, pages Pages) *formView {
	v := &formView{Page: info, Path: info.Path, Images: images(info.Resources)}
	lists := map[string]bool{}
	mk := func(s spec, name, value string) *field {
		f := &field{spec: s, Name: name, ID: fieldID(name), Value: value}
		if s.Control == ctlDate || s.Control == ctlDateTime {
			f.Control = dateControl(s.Control, value)
		}
		switch s.Control {
		case ctlChoice:
			f.Choices = options(s.OneOf, nil, value, s.Required)
		case ctlRef, ctlRefs:
			var slugs, titles []string
			for _, p := range pages.List {
				if p.Section == s.Ref && !p.Index && !p.Broken {
					slugs, titles = append(slugs, p.Slug), append(titles, p.Title)
				}
			}
			f.Choices = options(slugs, titles, value, false)
		case ctlResource:
			f.Choices = options(images(info.Resources), nil, value, false)
		case ctlList:
			if s.Taxonomy != "" {
				f.List = "termes-" + s.Taxonomy
				if !lists[f.List] {
					lists[f.List] = true
					v.Lists = append(v.Lists, datalist{f.List, pages.Terms[s.Taxonomy]})
				}
			}
		case ctlText:
			if s.Taxonomy != "" { // a town: one term
				f.List = "termes-" + s.Taxonomy
				if !lists[f.List] {
					lists[f.List] = true
					v.Lists = append(v.Lists, datalist{f.List, pages.Terms[s.Taxonomy]})
				}
			}
		}
		return f
	}
	for _, s := range specs {
		if s.Block == nil {
			v.Fields = append(v.Fields, mk(s, s.Key, st.top[s.Key]))
			continue
		}
		g := &group{Key: s.Key, Label: s.Label}
		for i, b := range st.blocks[s.Key] {
			name := s.Key + "." + strconv.Itoa(i)
			bl := &block{Name: name, From: b.From, Remove: b.Remove, Kept: b.Kept, Legend: fmt.Sprintf("%s n° %d", strings.TrimSuffix(s.Label, "s"), i+1)}
			if s.Label == "" || !strings.HasSuffix(s.Label, "s") {
				bl.Legend = fmt.Sprintf("%s, bloc n° %d", s.Label, i+1)
			}
			for _, bsp := range s.Block {
				bl.Fields = append(bl.Fields, mk(bsp, name+"."+bsp.Key, b.Values[bsp.Key]))
			}
			g.Blocks = append(g.Blocks, bl)
		}
		v.Groups = append(v.Groups, g)
	}
	v.Body = &field{spec: spec{Key: "body", Label: "Texte de la page (Markdown)", Control: ctlLong,
		Help: "Titres : ## Titre. Listes : une ligne par élément, commençant par « - ». Liens : [texte](adresse). Image du dossier de la page : ![description](photo.jpg)."},
		Name: "body", ID: fieldID("body"), Value: st.body}
	return v
}

// options lists the choices of a select; a value written in the file that
// is not among them stays offered, so that saving never changes it
// silently.
func options(values, labels []string, current string, required bool) []choice {
	var out []choice
	if !required {
		out = append(out, choice{Value: "", Label: "(aucun)"})
	}
	selected := map[string]bool{}
	for _, c := range lines(current) {
		selected[c] = true
	}
	seen := map[string]bool{}
	for i, val := range values {
		label := val
		if labels != nil && labels[i] != "" {
			label = labels[i] + " (" + val + ")"
		}
		out = append(out, choice{Value: val, Label: label, Selected: selected[val]})
		seen[val] = true
	}
	for _, c := range lines(current) {
		if !seen[c] {
			out = append(out, choice{Value: c, Label: c + " (introuvable)", Selected: true})
		}
	}
	if current == "" && !required {
		out[0].Selected = true
	}
	return out
}

// dateControl is the control that can hold a date field's value: the
// browser shows a value its date field cannot hold (a time of day in a
// date field, a date alone in a date-and-time one) as empty, and sends it
// empty, which would erase the line at the next save. A value no date
// field holds (a time zone) is shown as text.
func dateControl(control, value string) string {
	switch {
	case value == "":
		return control
	case isDate.MatchString(value):
		return ctlDate
	case isDateTime.MatchString(value) && !strings.Contains(value, " "):
		return ctlDateTime
	}
	return ctlText
}

// images are the bundle files a page can show.
func images(resources []string) []string {
	var out []string
	for _, r := range resources {
		if content.IsPicture(r) {
			out = append(out, r)
		}
	}
	return out
}

// unknownKeys are the keys of the file that the form does not show.
func unknownKeys(raw map[string]any, specs []spec) []string {
	known := map[string]bool{}
	for _, s := range specs {
		known[s.Key] = true
	}
	var out []string
	for k := range raw {
		if !known[k] {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// place puts each finding about the file at its field: the line of a
// finding tells which key of the checked text it is about (the key
// scanner knows where each value sits). Findings about the whole file,
// or a comment, stay in the summary only.
func (v *formView) place(text []byte, diags []diag.Diagnostic) {
	split, err := parse.SplitFrontMatter(text)
	src := diag.NewSource(v.Path, text)
	type span struct {
		from, to int
		path     string
		header   bool
	}
	var spans []span
	bodyLine, closeLine := 1<<30, 0
	if err == nil {
		for p, sp := range parse.KeySpans(split.FrontMatter) {
			spans = append(spans, span{src.Pos(split.FMStart + sp.Key).Line, src.Pos(split.FMStart + max(sp.End-1, sp.Key)).Line, p, sp.Key == sp.Value})
		}
		bodyLine, closeLine = src.Pos(split.BodyStart).Line, split.CloseLine
	}
	// Blocks of the checked text are the blocks of the form not removed,
	// in order.
	formBlock := map[string]*block{}
	blockOf := map[*field]*block{} // the block each field of a block is in
	for _, g := range v.Groups {
		n := 0
		for _, b := range g.Blocks {
			for _, f := range b.Fields {
				blockOf[f] = b
			}
			if !b.Remove {
				formBlock[g.Key+"."+strconv.Itoa(n)] = b
				n++
			}
		}
	}
	byName := map[string]*field{}
	for _, f := range v.Fields {
		byName[f.Key] = f
	}
	fieldOfBlock := func(b *block, key string) *field {
		for _, f := range b.Fields {
			if f.Key == key {
				return f
			}
		}
		return nil
	}
	// quoted finds the field a message about a whole block or a missing
	// field names: « key », or the key = value it suggests.
	quoted := func(msg string, fields []*field) *field {
		for _, f := range fields {
			if strings.Contains(msg, "« "+f.Key+" »") || regexp.MustCompile(`\b`+regexp.QuoteMeta(f.Key)+` = `).MatchString(msg) {
				return f
			}
		}
		return nil
	}
	for _, d := range diags {
		m := message{Error: d.Severity == diag.Error, Code: d.Code, Text: d.Msg, Pos: d.Pos.String()}
		if d.Severity == diag.Error {
			v.Errors++
		} else {
			v.Warnings++
		}
		var target *field
		var targetBlock *block
		line := d.Pos.Line
		switch {
		case line >= bodyLine:
			target = v.Body
		case line == closeLine:
			target = quoted(d.Msg, v.Fields)
		default:
			for _, sp := range spans {
				if line < sp.from || line > sp.to {
					continue
				}
				table, key := tableOf(sp.path)
				switch {
				case sp.header:
					if b := formBlock[sp.path]; b != nil {
						targetBlock = b
						target = quoted(d.Msg, b.Fields)
					}
				case table == "":
					target = byName[key]
				default:
					if b := formBlock[table]; b != nil {
						target = fieldOfBlock(b, key)
					}
				}
			}
		}
		if d.Code == "missing-field" && target != nil && target != v.Body {
			// check asks for a line of the file; here, the field is on
			// screen: say so in the form's words, with the same code.
			m.Text = "ce champ est obligatoire : remplissez-le avant d'enregistrer"
		}
		if target != nil && target != v.Body {
			m.Text = inFormWords(m.Text, target.Key, target.Label)
			// The other fields it names are on screen too, beside it.
			siblings := v.Fields
			if b := blockOf[target]; b != nil {
				siblings = b.Fields
			}
			for _, f := range siblings {
				if f != target {
					m.Text = strings.ReplaceAll(m.Text, "« "+f.Key+" »", "« "+shortLabel(f.Label)+" »")
				}
			}
		}
		if target != nil || targetBlock != nil {
			// A block is a frame of the form, not a [[table]] of the file.
			m.Text = blockHeader.ReplaceAllString(m.Text, "")
		}
		switch {
		case target != nil:
			m.Field, m.Label = target.ID, target.Label
			target.Messages = append(target.Messages, m)
		case targetBlock != nil:
			m.Field, m.Label = fieldID(targetBlock.Name), targetBlock.Legend
			targetBlock.Messages = append(targetBlock.Messages, m)
		}
		v.Summary = append(v.Summary, m)
	}
}

// inFormWords rewrites the fix a message gives for a line of the file,
// key = "value", as what to type in the field: « value »; and the key it
// names, « key », as the field's label. The field is on screen; the syntax
// of the file is not.
func inFormWords(msg, key, label string) string {
	re := regexp.MustCompile(`\b` + regexp.QuoteMeta(key) + ` = "([^"]*)"`)
	msg = re.ReplaceAllString(msg, "« $1 »")
	re = regexp.MustCompile(`\b` + regexp.QuoteMeta(key) + ` = ([^\s,;)"]+)`)
	msg = re.ReplaceAllString(msg, "« $1 »")
	if label != "" {
		msg = strings.ReplaceAll(msg, "« "+key+" »", "« "+shortLabel(label)+" »")
	}
	return msg
}

// blockHeader is a block's header in the file, [[offers]], as a message
// names it.
var blockHeader = regexp.MustCompile(` ?\[\[[a-z_]+\]\]`)

// shortLabel is a field's label without the explanation in brackets some
// labels end with, to be quoted within a sentence.
func shortLabel(label string) string {
	if i := strings.Index(label, " ("); i > 0 {
		return label[:i]
	}
	return label
}

// sectionTitle names a section folder for the staff.
func sectionTitle(name string) string {
	if d := content.SectionNamed(name); d != nil {
		return d.Title
	}
	return "Autres pages"
}
