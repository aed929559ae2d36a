// This file is Terre de talents', not Go's: scripts/go-templates.patch
// adds it to the copy of html/template (scripts/sync-go-templates.sh).

package template

import (
	"reflect"

	template "terredetalents/generator/render/internal/texttemplate"
)

// directCall calls the functions of a theme that return trusted HTML
// without reflect.Value.Call (see text/template's direct.go): its
// translations, about 250,000 calls in a first build of the
// 10,000-page synthetic site. The arguments are those Value.Call would
// receive; any other type, or a string argument of a named type, is left
// to Value.Call.
func directCall(fun reflect.Value, args []reflect.Value) (reflect.Value, error, bool) {
	var out reflect.Value
	var err error
	switch fun.Type() {
	case htmlOfString:
		if len(args) != 1 || args[0].Type() != stringType {
			return reflect.Value{}, nil, false
		}
		var h HTML
		h, err = fun.Interface().(func(string) (HTML, error))(args[0].String())
		out = reflect.ValueOf(h)
	case htmlOfFormat:
		if len(args) < 1 || args[0].Type() != stringType {
			return reflect.Value{}, nil, false
		}
		xs := make([]any, len(args)-1)
		for i, a := range args[1:] {
			xs[i] = a.Interface()
		}
		var h HTML
		h, err = fun.Interface().(func(string, ...any) (HTML, error))(args[0].String(), xs...)
		out = reflect.ValueOf(h)
	case attrOfStrings:
		if len(args) != 2 || args[0].Type() != stringType || args[1].Type() != stringType {
			return reflect.Value{}, nil, false
		}
		var a HTMLAttr
		a, err = fun.Interface().(func(string, string) (HTMLAttr, error))(args[0].String(), args[1].String())
		out = reflect.ValueOf(a)
	default:
		return reflect.Value{}, nil, false
	}
	return out, err, true
}

var (
	htmlOfString  = reflect.TypeFor[func(string) (HTML, error)]()
	htmlOfFormat  = reflect.TypeFor[func(string, ...any) (HTML, error)]()
	attrOfStrings = reflect.TypeFor[func(string, string) (HTMLAttr, error)]()
	stringType    = reflect.TypeFor[string]()
)

func init() { template.DirectCall = directCall }
