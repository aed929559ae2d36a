package edit

import (
	"net/url"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

const training = `+++
# Relue en mars
title = "Soudure"   # le métier
summary = "Former des soudeurs."
town = "Roubaix"
skills = ["Soudure", "Lecture de plans"]
level = 4
cpf = true
couleur = "bleu"

[[sessions]]
start = 2027-01-11  # la rentrée
seats = 12
+++
Le texte.
`

// TestFormUnchanged: a form sent back as it was opened changes nothing,
// not a byte.
func TestFormUnchanged(t *testing.T) {
	specs := specsFor("formations", false)
	f, err := readFile([]byte(training))
	if err != nil {
		t.Fatal(err)
	}
	st := stateOf(f, specs)
	// As a browser sends it: every field, the blocks counted, CRLF in
	// text areas, unticked boxes absent.
	form := url.Values{"_blocs.sessions": {"1"}, "sessions.0._origine": {"0"}}
	for k, v := range st.top {
		if v != "false" {
			form.Set(k, strings.ReplaceAll(v, "\n", "\r\n"))
		}
	}
	for k, v := range st.blocks["sessions"][0].Values {
		form.Set("sessions.0."+k, v)
	}
	form.Set("body", strings.ReplaceAll(st.body, "\n", "\r\n"))
	out, err := Rewrite([]byte(training), changes(f, statePosted(form, specs), specs))
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != training {
		t.Errorf("an unchanged form rewrote the file:\n%s", out)
	}
}

// FuzzFormRoundTrip: whatever is typed in a field, the file written reads
// back as that value (as the form shows it), and the other fields keep
// theirs.
func FuzzFormRoundTrip(f *testing.F) {
	f.Add(0, "Soudure et chaudronnerie")
	f.Add(2, "Soudure\nRelation client\n")
	f.Add(3, "7")
	f.Add(5, "true")
	f.Add(1, "« guillemets » \"doubles\" \\ et\ttabulation")
	specs := specsFor("formations", false)
	var keys []spec
	for _, s := range specs {
		switch s.Control {
		case ctlText, ctlLong, ctlList, ctlNumber, ctlBool, ctlDate:
			keys = append(keys, s)
		}
	}
	f.Fuzz(func(t *testing.T, pick int, typed string) {
		if !utf8.ValidString(typed) || strings.ContainsRune(typed, '\r') {
			return
		}
		s := keys[(pick%len(keys)+len(keys))%len(keys)]
		file, err := readFile([]byte(training))
		if err != nil {
			t.Fatal(err)
		}
		st := stateOf(file, specs)
		st.top[s.Key] = typed
		out, err := Rewrite([]byte(training), changes(file, st, specs))
		if err != nil {
			t.Fatal(err)
		}
		back, err := readFile(out)
		if err != nil {
			t.Fatalf("%s = %q gives a file that does not read: %v\n%s", s.Key, typed, err, out)
		}
		got := stateOf(back, specs)
		// What the form shows after saving is what was typed, tidied as
		// the writer tidies it: spaces around, blank lines of lists.
		want := strings.TrimSpace(typed)
		switch s.Control {
		case ctlList:
			want = strings.Join(lines(typed), "\n")
		case ctlBool:
			want = map[bool]string{true: "true", false: "false"}[want == "true"]
		case ctlNumber:
			if n, err := strconv.ParseInt(want, 10, 64); err == nil && isInt.MatchString(want) {
				want = strconv.FormatInt(n, 10)
			}
		case ctlDate:
			if isDate.MatchString(want) || isDateTime.MatchString(want) {
				return // a date that does not exist is refused by TOML, at its field
			}
		}
		if g := got.top[s.Key]; g != want && !(s.Control == ctlNumber && g == "0" && want == "") {
			t.Fatalf("%s = %q reads back as %q, want %q\n%s", s.Key, typed, g, want, out)
		}
		for _, o := range specs {
			if o.Key != s.Key && o.Block == nil && got.top[o.Key] != stateOf(file, specs).top[o.Key] {
				t.Fatalf("setting %s changed %s:\n%s", s.Key, o.Key, out)
			}
		}
		if len(got.blocks["sessions"]) != 1 || got.body != file.body {
			t.Fatalf("setting %s changed the blocks or the body:\n%s", s.Key, out)
		}
	})
}
