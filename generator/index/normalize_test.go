package index

import (
	"strings"
	"testing"
)

func TestWords(t *testing.T) {
	stop := StopWords()
	tests := []struct{ in, want string }{
		{"Développement web", "developpement web"},
		{"l'atelier d’Hem", "atelier hem"},
		{"Lys-lez-Lannoy", "lys lez lannoy"},
		{"RNCP37674, code M1805", "rncp37674 code m1805"},
		{"Les formations de la Région", "formation region"},
		{"ÉCOLE   Œuvre", "ecole oeuvre"},
		{"qu'il soit", "soit"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := strings.Join(Words(tt.in, stop), " "); got != tt.want {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// The masculine and feminine forms of a job title, with or without
// accents, singular or plural, reach the same index key.
func TestJobTitlesMeet(t *testing.T) {
	stop := StopWords()
	key := func(s string) string {
		w := Words(s, stop)
		if len(w) != 1 {
			t.Fatalf("%q gives %v", s, w)
		}
		return Stem(w[0])
	}
	groups := [][]string{
		{"développeur", "développeuse", "developpeuse", "Développeurs", "DÉVELOPPEUSES"},
		{"soudeur", "soudeuse", "soudeuses"},
		{"conseiller", "conseillère", "conseillere", "conseillères"},
		{"conducteur", "conductrice", "conductrices"},
		{"technicien", "technicienne"},
		{"cuisinier", "cuisinière"},
		{"employé", "employée", "employee", "employe", "employés"},
		{"chef", "cheffe"},
		{"formation", "formations", "Formation"},
		{"électricien", "électricienne", "electricien"},
	}
	for _, g := range groups {
		want := key(g[0])
		for _, w := range g[1:] {
			if got := key(w); got != want {
				t.Errorf("%q -> %q, but %q -> %q", w, got, g[0], want)
			}
		}
	}
}
