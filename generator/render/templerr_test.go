package render

import (
	"errors"
	"testing"
)

// TestTemplateErrorAt: Go's template errors become French messages at
// the line and column of the template they name.
func TestTemplateErrorAt(t *testing.T) {
	for _, tt := range []struct{ file, goErr, want string }{
		{"layouts/page.html", `template: page.html:3: unexpected EOF`,
			"layouts/page.html:3:1: X : le gabarit finit avant la fin d'un bloc : il manque un {{end}} (chaque {{if}}, {{range}}, {{with}}, {{define}} et {{block}} en demande un)"},
		{"layouts/page.html", `template: page.html:1: function "inconnue" not defined`,
			"layouts/page.html:1:1: X : la fonction « inconnue » n'existe pas : vérifiez son nom (les fonctions des gabarits sont dans generator/render/funcs.go)"},
		{"layouts/page.html", `template: partials/card.html:4:12: executing "partials/card.html" at <.Titre>: can't evaluate field Titre in type *content.Page`,
			"layouts/partials/card.html:4:12: X : à « {{.Titre}} », le champ « Titre » n'existe pas pour une valeur de type *content.Page : vérifiez son nom, majuscules comprises"},
		{"layouts/partials/card.html", `template: partials/card.html:2: unexpected {{end}}`,
			"layouts/partials/card.html:2:1: X : {{end}} en trop : il ne ferme aucun {{if}}, {{range}}, {{with}}, {{define}} ni {{block}}"},
		{"layouts/page.html", `html/template:baseof.html: ends in a non-text context: {stateURL delimDoubleQuote}`,
			"layouts/page.html:1:1: X : une balise ou un attribut n'est pas fermé dans ce gabarit ou dans un gabarit qu'il appelle (un guillemet \" ou un chevron > manque) : fermez-le avant la fin du gabarit"},
		// A node holding ">", and one Go writes with its braces.
		{"layouts/page.html", `template: page.html:1:19: executing "main" at <tf "k" "<b>">: error calling tf: texte inconnu`,
			"layouts/page.html:1:19: X : à « {{tf \"k\" \"<b>\"}} », la fonction « tf » a échoué : texte inconnu"},
		{"layouts/page.html", `template: page.html:1:37: executing "inf" at <{{template "inf" 0}}>: exceeded maximum template depth (100000)`,
			"layouts/page.html:1:37: X : à « {{template \"inf\" 0}} », un gabarit s'appelle lui-même sans fin (plus de 100000 niveaux) : vérifiez la condition qui arrête les appels"},
		// Anything else is kept, after a French lead.
		{"layouts/page.html", `template: page.html:2:5: executing "main" at <x>: something new`,
			"layouts/page.html:2:5: X : à « {{x}} », erreur de gabarit : something new"},
		{"layouts/page.html", `not a template error`, "layouts/page.html:1:1: X : not a template error"},
	} {
		if got := templateErrorAt(tt.file, "X", errors.New(tt.goErr)).Error(); got != tt.want {
			t.Errorf("%s\n got %s\nwant %s", tt.goErr, got, tt.want)
		}
	}
}
