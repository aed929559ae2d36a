package content

import "testing"

// TestTaxonomyTerm: Term finds a term by its slug in the sorted list, and
// says nil for a slug no page carries.
func TestTaxonomyTerm(t *testing.T) {
	tax := &Taxonomy{}
	for _, slug := range []string{"accueil", "cariste", "soudure", "soudure-mig-mag", "vente"} {
		tax.Terms = append(tax.Terms, &Term{Slug: slug, Name: slug})
	}
	for _, slug := range []string{"accueil", "soudure", "soudure-mig-mag", "vente"} {
		if got := tax.Term(slug); got == nil || got.Slug != slug {
			t.Errorf("Term(%q) = %v", slug, got)
		}
	}
	for _, slug := range []string{"", "a", "soud", "zinc"} {
		if got := tax.Term(slug); got != nil {
			t.Errorf("Term(%q) = %v, want nil", slug, got.Slug)
		}
	}
}
