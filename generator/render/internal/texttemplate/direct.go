// This file is Terre de talents', not Go's: scripts/go-templates.patch
// adds it to the copy of text/template (scripts/sync-go-templates.sh).

package template

import (
	"io"
	"reflect"
	"sync"
	"sync/atomic"
)

// directCall calls fun without reflect.Value.Call when its type is one of
// the two a page calls most: html/template's escapers, func(...any) string,
// more than half of the calls, and functions of a string such as the
// theme's rel and abs. Value.Call builds a call frame, a slice for the
// variadic arguments and one for the results: with what it allocates,
// about 9 % of the CPU of a first build of the 10,000-page synthetic site
// (docs/performance.md). It returns false for any other type, which
// Value.Call handles as before.
//
// The arguments are those Value.Call would receive, already checked
// against the function's parameters by evalCall; Interface panics on
// values read from unexported fields as Value.Call does, and safeCall
// recovers both alike.
func directCall(fun reflect.Value, args []reflect.Value) (reflect.Value, bool) {
	// The type first: Interface would allocate a closure for a method.
	switch fun.Type() {
	case escaperType:
		xs := make([]any, len(args))
		for i, a := range args {
			xs[i] = a.Interface()
		}
		return reflect.ValueOf(fun.Interface().(func(...any) string)(xs...)), true
	case stringFuncType:
		if len(args) == 1 && args[0].Type() == stringType {
			return reflect.ValueOf(fun.Interface().(func(string) string)(args[0].String())), true
		}
	}
	return reflect.Value{}, false
}

// DirectCall, when set, is tried after directCall: html/template sets it
// for the functions that return its trusted types (a theme's translations),
// which this package cannot name. ok false leaves the call to Value.Call.
var DirectCall func(fun reflect.Value, args []reflect.Value) (v reflect.Value, err error, ok bool)

// printString writes v when it is a string, as fmt.Fprint would, and
// reports whether it did: every value html/template prints is the string
// an escaper returned, and fmt.Fprint would first put it in an interface
// (an allocation), ask whether it is an error or a Stringer, and take a
// printer from a pool.
func printString(w io.Writer, v reflect.Value, writeError func(error)) bool {
	if !v.IsValid() || v.Type() != stringType {
		return false
	}
	if _, err := io.WriteString(w, v.String()); err != nil {
		writeError(err)
	}
	return true
}

var (
	escaperType    = reflect.TypeFor[func(...any) string]()
	stringFuncType = reflect.TypeFor[func(string) string]()
	stringType     = reflect.TypeFor[string]()
)

// methodByName is v.MethodByName(name), and fieldByName t.FieldByName(name),
// with what they find kept per type and name: reflect searches the methods
// and fields by name on each call, a fiftieth of a build's time. A theme
// names a few dozen fields of a few types, so the cache stays small.
func methodByName(v reflect.Value, name string) reflect.Value {
	if v.Kind() == reflect.Interface {
		return v.MethodByName(name)
	}
	m := lookup(v.Type(), name)
	if m.method < 0 {
		return reflect.Value{}
	}
	return v.Method(m.method)
}

func fieldByName(t reflect.Type, name string) (reflect.StructField, bool) {
	m := lookup(t, name)
	return m.field, m.isField
}

type memberKey struct {
	typ  reflect.Type
	name string
}

type member struct {
	method  int // index in the type's method set, or -1
	field   reflect.StructField
	isField bool
}

// members is replaced whole when a lookup finds something new (a few
// dozen times a build): readers load it without a lock, so that the cores
// rendering pages do not contend for one.
var (
	members   atomic.Pointer[map[memberKey]*member]
	membersMu sync.Mutex // serializes the replacements
)

func lookup(t reflect.Type, name string) *member {
	k := memberKey{t, name}
	if of := members.Load(); of != nil {
		if m, ok := (*of)[k]; ok {
			return m
		}
	}
	m := &member{method: -1}
	if meth, ok := t.MethodByName(name); ok {
		m.method = meth.Index
	}
	if t.Kind() == reflect.Struct {
		m.field, m.isField = t.FieldByName(name)
	}
	membersMu.Lock()
	next := map[memberKey]*member{k: m}
	if of := members.Load(); of != nil {
		for key, v := range *of {
			next[key] = v
		}
	}
	members.Store(&next)
	membersMu.Unlock()
	return m
}
