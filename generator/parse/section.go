package parse

import (
	"fmt"
	"net/url"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"

	"terredetalents/generator/content"
	"terredetalents/generator/diag"
)

// A section's front matter is read by the tags of its struct (see
// content/section.go): this file knows no section.

var (
	dateType     = reflect.TypeFor[content.Date]()
	refType      = reflect.TypeFor[content.Ref]()
	resourceType = reflect.TypeFor[content.Resource]()
	posType      = reflect.TypeFor[diag.Pos]()
)

// fmTag returns a struct field's front matter key and whether it is
// required; "" for a field that is not in front matter.
func fmTag(f reflect.StructField) (key string, required bool) {
	tag, ok := f.Tag.Lookup("fm")
	if !ok || tag == "-" {
		return "", false
	}
	key, opts, _ := strings.Cut(tag, ",")
	return key, opts == "required"
}

// readSection fills the struct data points to from the page's front
// matter, reporting every problem at its key, and gives it to p.
func readSection(fl *fields, data any, p *content.Page) {
	v := reflect.ValueOf(data).Elem()
	readStruct(fl, v)
	if c, ok := data.(content.Checked); ok {
		c.Check(checks{fl})
	}
	p.SetData(data)
	p.Positions = map[string]diag.Pos{}
	for _, key := range describeStruct(v.Type()).keys {
		if _, ok := fl.doc.locs[key]; ok {
			p.Positions[key] = fl.valuePos(key)
		}
	}
}

// structDesc is what the tags of a front matter struct say, read once per
// type: looking tags up by reflection for every page cost a tenth of the
// parse stage.
type structDesc struct {
	fields   []fieldDesc
	keys     []string          // every front matter key, in field order
	examples map[string]string // example tags by key; nil if none
}

// fieldDesc is one field of a structDesc that readStruct fills.
type fieldDesc struct {
	index    int
	name     string
	typ      reflect.Type
	pos      bool // the position of the table's header (pos:"")
	key      string
	required bool
	reader   fieldReader
	choices  []string // oneof:"a|b", split; shared, never changed
	url      string   // the url:"…" mode
	lo, hi   int      // min:"…" and max:"…" of a number
}

// fieldReader is how readField reads a field, by its type and tags.
type fieldReader int

const (
	readNone fieldReader = iota // no reader: readField panics
	readDate
	readRef
	readRefs
	readResource
	readOneOf
	readURL
	readString
	readBool
	readInt
	readStrings
	readTables
)

var structDescs sync.Map // reflect.Type -> *structDesc

func describeStruct(t reflect.Type) *structDesc {
	if d, ok := structDescs.Load(t); ok {
		return d.(*structDesc)
	}
	d := &structDesc{}
	for i := range t.NumField() {
		sf := t.Field(i)
		key, required := fmTag(sf)
		if key != "" {
			d.keys = append(d.keys, key)
		}
		if _, ok := sf.Tag.Lookup("pos"); ok && sf.Type == posType {
			d.fields = append(d.fields, fieldDesc{index: i, pos: true})
			continue
		}
		if key == "" {
			continue
		}
		if e, ok := sf.Tag.Lookup("example"); ok {
			if d.examples == nil {
				d.examples = map[string]string{}
			}
			d.examples[key] = e
		}
		d.fields = append(d.fields, describeField(i, sf, key, required))
	}
	actual, _ := structDescs.LoadOrStore(t, d)
	return actual.(*structDesc)
}

// describeField tells how readField reads a field; the order of the cases
// is the order in which types were tested when this was done per page.
func describeField(i int, sf reflect.StructField, key string, required bool) fieldDesc {
	f := fieldDesc{index: i, name: sf.Name, typ: sf.Type, key: key, required: required}
	switch {
	case sf.Type == dateType:
		f.reader = readDate
	case sf.Type == refType:
		f.reader = readRef
	case sf.Type == reflect.SliceOf(refType):
		f.reader = readRefs
	case sf.Type == resourceType:
		f.reader = readResource
	case sf.Type.Kind() == reflect.String:
		if choices, ok := sf.Tag.Lookup("oneof"); ok {
			f.reader, f.choices = readOneOf, strings.Split(choices, "|")
		} else if _, ok := sf.Tag.Lookup("url"); ok {
			f.reader, f.url = readURL, sf.Tag.Get("url")
		} else {
			f.reader = readString
		}
	case sf.Type.Kind() == reflect.Bool:
		f.reader = readBool
	case sf.Type.Kind() == reflect.Int:
		f.reader, f.lo, f.hi = readInt, tagInt(sf, "min", 0), tagInt(sf, "max", 1<<31-1)
	case sf.Type == reflect.TypeFor[[]string]():
		f.reader = readStrings
	case sf.Type.Kind() == reflect.Slice && sf.Type.Elem().Kind() == reflect.Struct:
		f.reader = readTables
	}
	return f
}

func readStruct(fl *fields, v reflect.Value) {
	d := describeStruct(v.Type())
	// Each field's example is in place before the field is read, as
	// exampleOf needs; the map is shared and only read.
	if d.examples != nil {
		fl.examples = d.examples
	}
	for i := range d.fields {
		f := &d.fields[i]
		fv := v.Field(f.index)
		if f.pos {
			fv.Set(reflect.ValueOf(fl.pos()))
			continue
		}
		readField(fl, f, fv)
	}
}

func readField(fl *fields, f *fieldDesc, fv reflect.Value) {
	key, required := f.key, f.required
	switch f.reader {
	case readDate:
		fv.Set(reflect.ValueOf(fl.Date(key, required)))
	case readRef:
		fv.Set(reflect.ValueOf(fl.Ref(key)))
	case readRefs:
		fv.Set(reflect.ValueOf(fl.Refs(key)))
	case readResource:
		fv.Set(reflect.ValueOf(fl.Resource(key)))
	case readOneOf:
		fv.SetString(fl.OneOf(key, f.choices))
	case readURL:
		fv.SetString(webURL(fl, key, f.url))
	case readString:
		fv.SetString(fl.String(key, required))
	case readBool:
		fv.SetBool(fl.Bool(key))
	case readInt:
		fv.SetInt(int64(fl.Int(key, f.lo, f.hi)))
	case readStrings:
		fv.Set(reflect.ValueOf(fl.Strings(key, required)))
	case readTables:
		list := reflect.MakeSlice(f.typ, 0, 0)
		for _, block := range fl.Tables(key) {
			elem := reflect.New(f.typ.Elem()).Elem()
			readStruct(block, elem)
			block.Unknown(nil)
			list = reflect.Append(list, elem)
		}
		fv.Set(list)
	default:
		panic(fmt.Sprintf("parse: field %s of type %s has no reader", f.name, f.typ))
	}
}

func tagInt(sf reflect.StructField, name string, def int) int {
	if s, ok := sf.Tag.Lookup(name); ok {
		if n, err := strconv.Atoi(s); err == nil {
			return n
		}
	}
	return def
}

// checks lets a section's Check method report at its keys.
type checks struct{ fl *fields }

func (c checks) Errorf(key, code, format string, args ...any) {
	c.fl.doc.diags.Errorf(c.fl.valuePos(key), code, format, args...)
}

func (c checks) Warnf(key, code, format string, args ...any) {
	c.fl.doc.diags.Warnf(c.fl.valuePos(key), code, format, args...)
}

func (c checks) At(key string) diag.Pos { return c.fl.valuePos(key) }

// elsewhere explains keys that belong to another section, so that a field
// copied from a company into a training gets a useful warning. It is read
// once per section from the sections' descriptions.
func elsewhere(section string) map[string]string { return elsewhereBySection()[section] }

var elsewhereBySection = sync.OnceValue(func() map[string]map[string]string {
	out := map[string]map[string]string{"": keysElsewhere("")}
	for _, d := range content.Sections() {
		out[d.Name] = keysElsewhere(d.Name)
	}
	return out
})

func keysElsewhere(section string) map[string]string {
	owners := map[string][]string{}
	own := map[string]bool{}
	for _, d := range content.Sections() {
		if d.DerivedFrom != "" {
			continue // its keys belong to a block of its source section
		}
		t := reflect.TypeOf(d.FrontMatter()).Elem()
		for i := range t.NumField() {
			key, _ := fmTag(t.Field(i))
			if key == "" {
				continue
			}
			if d.Name == section {
				own[key] = true
			} else {
				owners[key] = append(owners[key], d.Name)
			}
		}
	}
	out := map[string]string{}
	for key, secs := range owners {
		if own[key] {
			continue
		}
		sort.Strings(secs)
		var names []string
		for _, s := range secs {
			d := content.SectionNamed(s)
			names = append(names, "les "+d.Many+" (content/"+s+"/)")
		}
		out[key] = "n'existe que pour " + strings.Join(names, " et ")
	}
	return out
}

// eachDescribedField calls fn with every front matter field the sections
// describe, blocks' fields included ("start" of [[sessions]]).
func eachDescribedField(fn func(key string, sf reflect.StructField)) {
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for i := range t.NumField() {
			sf := t.Field(i)
			key, _ := fmTag(sf)
			if key == "" {
				continue
			}
			fn(key, sf)
			if sf.Type.Kind() == reflect.Slice && sf.Type.Elem().Kind() == reflect.Struct && sf.Type.Elem() != refType {
				walk(sf.Type.Elem())
			}
		}
	}
	for _, d := range content.Sections() {
		if d.DerivedFrom == "" { // a derived section's fields are its source's blocks
			walk(reflect.TypeOf(d.FrontMatter()).Elem())
		}
	}
}

// fieldKinds says how each front matter key is written, from the sections'
// descriptions, so that a broken line gets the fix that suits its key.
func fieldKinds() map[string]valueKind {
	kinds := map[string]valueKind{"draft": kindBool, "date": kindDate, "updated": kindDate, "aliases": kindList}
	eachDescribedField(func(key string, sf reflect.StructField) {
		switch {
		case sf.Type == dateType:
			kinds[key] = kindDate
		case sf.Type.Kind() == reflect.Bool:
			kinds[key] = kindBool
		case sf.Type.Kind() == reflect.Int:
			kinds[key] = kindInt
		case sf.Type == reflect.TypeFor[[]string]() || sf.Type == reflect.SliceOf(refType):
			kinds[key] = kindList
		}
	})
	return kinds
}

// intExamples are the examples of the number fields, from their tags.
func intExamples() map[string]int {
	out := map[string]int{}
	eachDescribedField(func(key string, sf reflect.StructField) {
		if n, err := strconv.Atoi(sf.Tag.Get("example")); err == nil && sf.Type.Kind() == reflect.Int {
			out[key] = n
		}
	})
	return out
}

// webURL reads a web address (url:"web"), or a web address or an email
// (url:"contact"). The scheme may be written in capitals; an address
// written without it gets the fix with https:// added in front, keeping
// everything that was written (www. included).
func webURL(fl *fields, key, mode string) string {
	w := fl.String(key, false)
	if w == "" {
		return ""
	}
	lower := strings.ToLower(w)
	for _, scheme := range []string{"https://", "http://"} {
		if strings.HasPrefix(lower, scheme) {
			if len(w) == len(scheme) || strings.ContainsAny(w, " \t\n<>\"") {
				break
			}
			if !leadsSomewhere(scheme + w[len(scheme):]) {
				// https://www, https://rh@exemple: a link that leads nowhere.
				fl.doc.diags.Errorf(fl.elemPos(key, 0), "bad-url",
					"adresse de site « %s » incomplète : le nom du site, après %s, contient au moins un point, par exemple %s = \"%swww.exemple.fr/\" ; copiez l'adresse depuis la barre du navigateur", w, scheme, key, scheme)
				return ""
			}
			return scheme + w[len(scheme):]
		}
	}
	if mode == "contact" {
		email := strings.TrimPrefix(w, "mailto:")
		if isEmail(email) {
			return "mailto:" + email
		}
		if at := strings.IndexByte(email, '@'); at > 0 && !strings.ContainsAny(email, " \t/:") && !strings.Contains(email[at:], ".") {
			// rh@exemple: an address without the end of its domain.
			fl.doc.diags.Errorf(fl.elemPos(key, 0), "bad-url",
				"adresse de courriel « %s » incomplète : il manque la fin du nom de domaine, après un point ; si elle se termine par .fr, écrivez %s = \"%s.fr\"", w, key, email)
			return ""
		}
	}
	fix := strings.TrimLeft(w, "/:")
	if i := strings.Index(fix, "://"); i >= 0 {
		fix = fix[i+3:]
	}
	fix = strings.Join(strings.Fields(fix), "")
	if !leadsSomewhere("https://" + fix) {
		// "Élise Dupré" is a name, not a site: an address made of it
		// would be refused in turn.
		fix = "www.exemple.fr"
	}
	if mode == "contact" {
		fl.doc.diags.Errorf(fl.elemPos(key, 0), "bad-url",
			"« %s » n'est ni une adresse de courriel ni une adresse de site complète : écrivez par exemple %s = \"contact@exemple.fr\" ou %s = \"https://%s\"", w, key, key, fix)
		return ""
	}
	fl.doc.diags.Errorf(fl.elemPos(key, 0), "bad-url",
		"adresse de site « %s » incomplète : écrivez-la en entier, avec https:// devant, par exemple %s = \"https://%s\"", w, key, fix)
	return ""
}

// leadsSomewhere reports a web address whose site name has a dot (or is
// localhost): the rule an address with its scheme must meet, and that an
// example given in a message meets too.
func leadsSomewhere(address string) bool {
	u, err := url.Parse(address)
	return err == nil && (strings.Contains(u.Hostname(), ".") || u.Hostname() == "localhost")
}

// isEmail is a plain check of an email address: one @, a dot after it, no
// space.
func isEmail(s string) bool {
	at := strings.IndexByte(s, '@')
	return at > 0 && strings.Count(s, "@") == 1 && strings.Contains(s[at:], ".") && !strings.ContainsAny(s, " \t<>\",;:") && !strings.HasSuffix(s, ".")
}
