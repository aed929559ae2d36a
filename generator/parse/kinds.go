package parse

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"terredetalents/generator/content"
)

// valueKind is how a front matter value is written, so that a broken line
// gets the fix that suits its key ("hiring = oui" -> "hiring = true").
type valueKind int

const (
	kindText valueKind = iota
	kindList
	kindBool
	kindInt
	kindDate
)

// valueKinds and the examples of numbers come from the sections'
// descriptions (section.go).
var (
	valueKinds      = fieldKinds()
	intExampleOfKey = intExamples()
)

func intExample(key string, lo int) int {
	if n, ok := intExampleOfKey[key]; ok {
		return n
	}
	return lo
}

// frenchMonths maps the way people write months, without accents, to
// their number; abbreviations are looked up by prefix.
var frenchMonths = []string{"janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre"}

// clockAtEnd is a time after a date: " 9h30", " à 9 h 30", "T09:30", " 14h".
var clockAtEnd = regexp.MustCompile(`(?:\s+(?:à\s+)?|T)(\d{1,2})\s*(?:h|:)\s*(\d{2})?(?::\d{2})?\s*$`)

// isoDate writes a date read by frenchDate as TOML: a date, or a local
// date-time when it has a time.
func isoDate(t time.Time) string {
	if t.Hour() == 0 && t.Minute() == 0 {
		return t.Format("2006-01-02")
	}
	return t.Format("2006-01-02T15:04:05")
}

// wordDate is "12 mars 2026", "1er mars 2026" or "jeudi 12 mars 2026",
// once folded to lowercase ASCII.
var wordDate = regexp.MustCompile(`^(?:[a-z]+\s+)?(\d{1,2})(?:er)?\s+([a-z]+)\s+(\d{4})$`)

// frenchDate reads a date as people write it in France ("12/03/2027",
// "12 mars 2026", "1er septembre 2026", "2027/3/12") and returns it, so
// that a message can give the exact TOML to write instead.
func frenchDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(strings.Trim(strings.TrimSpace(s), "\"'“”«»"))
	if m := clockAtEnd.FindStringSubmatch(s); m != nil {
		// "12/03/2027 9h30", "12 mars 2027 à 09:30": a date and a time.
		d, ok := frenchDate(s[:len(s)-len(m[0])])
		h, mi := atoi(m[1]), atoi(m[2])
		if !ok || h > 23 || mi > 59 {
			return time.Time{}, false
		}
		return d.Add(time.Duration(h)*time.Hour + time.Duration(mi)*time.Minute), true
	}
	s = strings.ToLower(content.Slugify(s)) // folds accents; spaces and slashes become "-"
	s = strings.ReplaceAll(s, "-", " ")
	var y, m, d int
	fields := strings.Fields(s)
	switch {
	case len(fields) == 3 && allDigits(fields[0]) && allDigits(fields[1]) && allDigits(fields[2]) && len(fields[2]) == 4:
		d, m, y = atoi(fields[0]), atoi(fields[1]), atoi(fields[2])
	case len(fields) == 3 && allDigits(fields[0]) && allDigits(fields[1]) && allDigits(fields[2]) && len(fields[0]) == 4:
		y, m, d = atoi(fields[0]), atoi(fields[1]), atoi(fields[2])
	default:
		mm := wordDate.FindStringSubmatch(strings.Join(fields, " "))
		if mm == nil {
			return time.Time{}, false
		}
		d, y = atoi(mm[1]), atoi(mm[3])
		for i, name := range frenchMonths {
			if len(mm[2]) >= 3 && strings.HasPrefix(name, mm[2]) {
				m = i + 1
				break
			}
		}
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if m < 1 || m > 12 || t.Day() != d || y < 1900 || y > 2200 {
		return time.Time{}, false
	}
	return t, true
}

func allDigits(s string) bool { return s != "" && strings.Trim(s, "0123456789") == "" }

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }
