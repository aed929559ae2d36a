package main

import (
	"html"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"terredetalents/generator/parse"
)

// formValues reads a form page the way a browser sends it: inputs with
// their value (checkboxes only when ticked), text areas, selected options.
// Buttons and the file input are not sent.
func formValues(page string) url.Values {
	values := url.Values{}
	attr := regexp.MustCompile(`([a-z_-]+)(?:="([^"]*)")?`)
	for _, m := range regexp.MustCompile(`<input ([^>]*)>`).FindAllStringSubmatch(page, -1) {
		a := map[string]string{}
		for _, kv := range attr.FindAllStringSubmatch(m[1], -1) {
			a[kv[1]] = html.UnescapeString(kv[2])
		}
		name, ok := a["name"]
		if !ok || a["type"] == "file" {
			continue
		}
		if a["type"] == "checkbox" {
			if _, checked := a["checked"]; !checked {
				continue
			}
		}
		values.Add(name, a["value"])
	}
	for _, m := range regexp.MustCompile(`(?s)<textarea [^>]*name="([^"]+)"[^>]*>\n?(.*?)</textarea>`).FindAllStringSubmatch(page, -1) {
		values.Add(m[1], html.UnescapeString(m[2]))
	}
	for _, m := range regexp.MustCompile(`(?s)<select [^>]*name="([^"]+)"[^>]*>(.*?)</select>`).FindAllStringSubmatch(page, -1) {
		for _, o := range regexp.MustCompile(`<option value="([^"]*)" selected>`).FindAllStringSubmatch(m[2], -1) {
			values.Add(m[1], html.UnescapeString(o[1]))
		}
	}
	return values
}

// decoded is a page file as the site reads it: its front matter and body.
func decoded(t *testing.T, text string) (map[string]any, string) {
	t.Helper()
	split, err := parse.SplitFrontMatter([]byte(text))
	if err != nil {
		t.Fatalf("%v:\n%s", err, text)
	}
	raw := map[string]any{}
	if _, err := toml.Decode(string(split.FrontMatter), &raw); err != nil {
		t.Fatalf("%v:\n%s", err, text)
	}
	return raw, string(split.Body)
}

// TestEditorConflictKeepsBothEdits: a form opened on a file that another
// tab changed since (a block added, removed, swapped or changed) answers
// the conflict screen; saving that screen as it comes gives a file that
// holds both edits: no block lost, doubled, put back or unswapped, no
// value landing on another block.
func TestEditorConflictKeepsBothEdits(t *testing.T) {
	const (
		magasinier = "content/formations/agent-magasinier-cariste.md"
		chaudron   = "content/entreprises/chaudronnerie-du-canal.md"
		sessA      = "[[sessions]]\nstart = 2027-01-18\nend = 2027-05-28\nseats = 15\n\n"
		sessB      = "[[sessions]]\nstart = 2027-04-12\nend = 2027-08-20\nseats = 15\n\n"
		sessC      = "[[sessions]]\nstart = 2027-09-27\nend = 2028-02-04\nseats = 15\n"
		sessD      = "[[sessions]]\nstart = 2028-03-01\nend = 2028-07-01\nseats = 9\n\n"
		newOffer   = "[[offers]]\ntitle = \"Technicien ou technicienne de maintenance\"\ncontract = \"CDI\"\ndate = 2026-11-20\nexpires = 2027-02-28\nrome = \"I1304\"\ndescription = \"Vous entretenez les machines de l'atelier.\"\n\n"
		bodyAdd    = "\nUne phrase ajoutée dans le formulaire.\n"
	)
	firstOffer := "[[offers]]\ntitle = \"Soudeur / soudeuse TIG-MIG\""
	for _, tt := range []struct {
		name, page string
		form       func(url.Values)    // what the staff change in the form
		disk       func(string) string // what another tab wrote meanwhile
		want       func(string) string // the file after both, from the file as opened
		screen     string              // the conflict screen says this
	}{
		{
			name: "a session added at the top, the text changed in the form",
			page: magasinier,
			form: func(v url.Values) { v.Set("body", v.Get("body")+bodyAdd) },
			disk: func(s string) string { return strings.Replace(s, sessA, sessD+sessA, 1) },
			want: func(s string) string {
				return strings.Replace(s, sessA, sessD+sessA, 1) + bodyAdd
			},
		},
		{
			name: "a session removed and one added at the end, seats of another changed in the form",
			page: magasinier,
			form: func(v url.Values) { v.Set("sessions.1.seats", "20") },
			disk: func(s string) string {
				s = strings.Replace(s, sessA, "", 1)
				return strings.Replace(s, sessC, sessC+"\n"+strings.TrimSuffix(sessD, "\n"), 1)
			},
			want: func(s string) string {
				s = strings.Replace(s, sessA, "", 1)
				s = strings.Replace(s, sessB, strings.Replace(sessB, "seats = 15", "seats = 20", 1), 1)
				return strings.Replace(s, sessC, sessC+"\n"+strings.TrimSuffix(sessD, "\n"), 1)
			},
		},
		{
			name: "a session removed and the seats of the next changed, seats of the last changed in the form",
			page: magasinier,
			form: func(v url.Values) { v.Set("sessions.2.seats", "20") },
			disk: func(s string) string {
				s = strings.Replace(s, sessA, "", 1)
				return strings.Replace(s, sessB, strings.Replace(sessB, "seats = 15", "seats = 18", 1), 1)
			},
			want: func(s string) string {
				s = strings.Replace(s, sessA, "", 1)
				s = strings.Replace(s, sessB, strings.Replace(sessB, "seats = 15", "seats = 18", 1), 1)
				return strings.Replace(s, sessC, strings.Replace(sessC, "seats = 15", "seats = 20", 1), 1)
			},
		},
		{
			name: "the seats of a session changed in place, seats of another changed in the form",
			page: magasinier,
			form: func(v url.Values) { v.Set("sessions.2.seats", "20") },
			disk: func(s string) string {
				return strings.Replace(s, sessB, strings.Replace(sessB, "seats = 15", "seats = 18", 1), 1)
			},
			want: func(s string) string {
				s = strings.Replace(s, sessB, strings.Replace(sessB, "seats = 15", "seats = 18", 1), 1)
				return strings.Replace(s, sessC, strings.Replace(sessC, "seats = 15", "seats = 20", 1), 1)
			},
		},
		{
			name: "an offer added at the top, the title changed in the form",
			page: chaudron,
			form: func(v url.Values) { v.Set("title", "Chaudronnerie du Canal (formulaire)") },
			disk: func(s string) string { return strings.Replace(s, firstOffer, newOffer+firstOffer, 1) },
			want: func(s string) string {
				s = strings.Replace(s, firstOffer, newOffer+firstOffer, 1)
				return strings.Replace(s, `title = "Chaudronnerie du Canal"`, `title = "Chaudronnerie du Canal (formulaire)"`, 1)
			},
		},
		{
			name: "a session removed, the title changed in the form",
			page: magasinier,
			form: func(v url.Values) { v.Set("title", "Magasinier (formulaire)") },
			disk: func(s string) string { return strings.Replace(s, sessB, "", 1) },
			want: func(s string) string {
				s = strings.Replace(s, sessB, "", 1)
				return strings.Replace(s, `title = "Agent magasinier et cariste"`, `title = "Magasinier (formulaire)"`, 1)
			},
		},
		{
			name: "two sessions swapped, the title changed in the form",
			page: magasinier,
			form: func(v url.Values) { v.Set("title", "Magasinier (formulaire)") },
			disk: func(s string) string { return strings.Replace(s, sessA+sessB, sessB+sessA, 1) },
			want: func(s string) string {
				s = strings.Replace(s, sessA+sessB, sessB+sessA, 1)
				return strings.Replace(s, `title = "Agent magasinier et cariste"`, `title = "Magasinier (formulaire)"`, 1)
			},
		},
		{
			name: "a session added at the top, the first removed in the form",
			page: magasinier,
			form: func(v url.Values) { v.Set("sessions.0._supprimer", "true") },
			disk: func(s string) string { return strings.Replace(s, sessA, sessD+sessA, 1) },
			want: func(s string) string { return strings.Replace(s, sessA, sessD, 1) },
		},
		{
			name: "a session removed that the form changed: kept as a new block",
			page: magasinier,
			form: func(v url.Values) { v.Set("sessions.0.seats", "20") },
			disk: func(s string) string { return strings.Replace(s, sessA, "", 1) },
			want: func(s string) string {
				s = strings.Replace(s, sessA, "", 1)
				return strings.Replace(s, sessC, sessC+"\n"+strings.Replace(strings.TrimSuffix(sessA, "\n"), "seats = 15", "seats = 20", 1), 1)
			},
			screen: "gardés comme nouveaux blocs",
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			base, site := editorSite(t)
			client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
			post := func(v url.Values) (int, string) {
				req, _ := http.NewRequest(http.MethodPost, base+"/_edition/page", strings.NewReader(v.Encode()))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				req.Header.Set("Origin", base)
				res, err := client.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				defer res.Body.Close()
				body, _ := io.ReadAll(res.Body)
				return res.StatusCode, string(body)
			}
			res, err := client.Get(base + "/_edition/page?fichier=" + url.QueryEscape(tt.page))
			if err != nil {
				t.Fatal(err)
			}
			page, _ := io.ReadAll(res.Body)
			res.Body.Close()
			opened := readText(t, site, tt.page)
			values := formValues(string(page))
			tt.form(values)
			elsewhere := tt.disk(opened)
			if elsewhere == opened {
				t.Fatal("the other tab changed nothing")
			}
			writeText(t, site, tt.page, elsewhere)

			code, screen := post(values)
			if code != http.StatusConflict {
				t.Fatalf("first save: status %d, want a conflict", code)
			}
			if readText(t, site, tt.page) != elsewhere {
				t.Fatal("the file changed in the other tab was overwritten")
			}
			if tt.screen != "" && !strings.Contains(screen, tt.screen) {
				t.Errorf("the conflict screen does not say %q", tt.screen)
			}
			// The conflict screen saved as it comes.
			if code, again := post(formValues(screen)); code != http.StatusSeeOther {
				problem := regexp.MustCompile(`<strong>(.*?)</strong>`).FindStringSubmatch(again)
				t.Fatalf("saving the conflict screen: status %d %v", code, problem)
			}
			got := readText(t, site, tt.page)
			gotFM, gotBody := decoded(t, got)
			wantFM, wantBody := decoded(t, tt.want(opened))
			for k := range wantFM {
				if !reflect.DeepEqual(gotFM[k], wantFM[k]) {
					t.Errorf("after saving the conflict screen, %s:\n got %v\nwant %v", k, gotFM[k], wantFM[k])
				}
			}
			if len(gotFM) != len(wantFM) || strings.TrimSpace(gotBody) != strings.TrimSpace(wantBody) {
				t.Errorf("after saving the conflict screen:\n%s\nwant\n%s", got, tt.want(opened))
			}
		})
	}
}
