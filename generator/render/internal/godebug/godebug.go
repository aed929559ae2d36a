// Package godebug stands in for Go's internal/godebug in the copy of
// html/template (scripts/sync-go-templates.sh): a setting takes its value
// from the GODEBUG variable, as in Go, and is empty (Go's default) when
// GODEBUG does not name it.
package godebug

import (
	"os"
	"strings"
)

// A Setting is one name=value of GODEBUG.
type Setting struct{ name string }

// New returns the setting called name.
func New(name string) *Setting { return &Setting{name: name} }

// Value returns the setting's value in GODEBUG, the last one when it is
// named twice, or "".
func (s *Setting) Value() string {
	value := ""
	for _, kv := range strings.Split(os.Getenv("GODEBUG"), ",") {
		if k, v, ok := strings.Cut(kv, "="); ok && k == s.name {
			value = v
		}
	}
	return value
}

// IncNonDefault is where Go counts uses of a non-default value; the copy
// keeps no such count.
func (s *Setting) IncNonDefault() {}
