package link

import (
	"fmt"
	"sort"
	"strings"

	"terredetalents/generator/content"
	"terredetalents/generator/diag"
)

// checkNearTerms warns where a term is written almost like a more used one
// of the same taxonomy: another gender or number ("Relation cliente",
// "Relation client"), or one letter apart ("Handicape", "Handicap"). Each
// spelling gets its own page, so the pages of one skill end up split
// without anyone noticing. The warning goes to each place the less used
// spelling is written, naming the other one.
func checkNearTerms(s *content.Site, cache *Cache, diags *diag.List) {
	for _, tax := range s.Taxonomies {
		if tax.Field == "kind" {
			continue // a fixed list of values, checked by the parser
		}
		for _, pair := range cache.nearTerms(tax) {
			variant, main := pair[0], pair[1]
			n := termUses(main)
			for _, p := range termPages(variant) {
				pos := termPos(p, tax.Field, variant.Slug)
				diags.Warnf(pos, "near-term",
					"« %s » s'écrit presque comme « %s », %s : s'il s'agit de la même %s, écrivez « %s » pour que toutes ces pages se retrouvent sur une seule page",
					variant.Name, main.Name, usedOn(n), strings.ToLower(tax.Singular), main.Name)
			}
		}
	}
}

// nearTerms returns nearTerms(tax.Terms), found again only when the
// terms or their counts changed since the last build.
func (c *Cache) nearTerms(tax *content.Taxonomy) [][2]*content.Term {
	if c == nil {
		return nearTerms(tax.Terms)
	}
	key := uint64(len(tax.Terms))
	bySlug := make(map[string]*content.Term, len(tax.Terms))
	for _, t := range tax.Terms {
		key += fnv(t.Slug) * uint64(2*t.Count()+1)
		bySlug[t.Slug] = t
	}
	if prev, ok := c.near[tax.Field]; ok && prev.key == key {
		pairs := make([][2]*content.Term, 0, len(prev.pairs))
		for _, p := range prev.pairs {
			a, b := bySlug[p[0]], bySlug[p[1]]
			if a == nil || b == nil {
				return c.findNear(tax, key)
			}
			pairs = append(pairs, [2]*content.Term{a, b})
		}
		return pairs
	}
	return c.findNear(tax, key)
}

func (c *Cache) findNear(tax *content.Taxonomy, key uint64) [][2]*content.Term {
	pairs := nearTerms(tax.Terms)
	slugs := make([][2]string, len(pairs))
	for i, p := range pairs {
		slugs[i] = [2]string{p[0].Slug, p[1].Slug}
	}
	if c.near == nil {
		c.near = map[string]nearCache{}
	}
	c.near[tax.Field] = nearCache{key, slugs}
	return pairs
}

// nearTerms returns pairs {variant, main} of terms written almost alike,
// main being the more used one.
func nearTerms(terms []*content.Term) [][2]*content.Term {
	groups := map[string][]*content.Term{} // by a key that alike terms share
	for _, t := range terms {
		keys := map[string]bool{"=" + stemSlug(t.Slug): true}
		if len(t.Slug) >= minTypoLength {
			for i := range len(t.Slug) {
				keys[t.Slug[:i]+"_"+t.Slug[i+1:]] = true // a letter changed
			}
		}
		for k := range keys {
			groups[k] = append(groups[k], t)
		}
	}
	seen := map[[2]*content.Term]bool{}
	var pairs [][2]*content.Term
	for _, g := range groups {
		for i, a := range g {
			for _, b := range g[i+1:] {
				if a == b || !alike(a.Slug, b.Slug) {
					continue
				}
				variant, main := a, b
				if termUses(a) > termUses(b) || (termUses(a) == termUses(b) && a.Slug < b.Slug) {
					variant, main = b, a
				}
				if key := [2]*content.Term{variant, main}; !seen[key] {
					seen[key] = true
					pairs = append(pairs, key)
				}
			}
		}
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i][0].Slug != pairs[j][0].Slug {
			return pairs[i][0].Slug < pairs[j][0].Slug
		}
		return pairs[i][1].Slug < pairs[j][1].Slug
	})
	return pairs
}

// minTypoLength is the shortest slug where one letter changed is taken
// for a typo: shorter words differ by one letter and mean other things.
const minTypoLength = 8

// alike reports two slugs that differ by gender or number only, or by one
// letter (not a digit: "cace-r482" and "cace-r489" are different things)
// in a long word. A letter added or removed is not enough: "Peintre" and
// "Peinture" are a job and a skill.
func alike(a, b string) bool {
	if stemSlug(a) == stemSlug(b) {
		return true
	}
	if len(a) != len(b) || len(a) < minTypoLength {
		return false
	}
	diff := -1
	for i := range len(a) {
		if a[i] != b[i] {
			if diff >= 0 {
				return false
			}
			diff = i
		}
	}
	return diff >= 0 && !isDigit(a[diff]) && !isDigit(b[diff])
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// stemSlug drops what French adds for the plural and the feminine at the
// end of each word: "relations-clientes" and "relation-client" meet.
func stemSlug(slug string) string {
	words := strings.Split(slug, "-")
	for i, w := range words {
		if len(w) > 3 {
			w = strings.TrimRight(w, "sx")
			w = strings.TrimSuffix(w, "e")
		}
		words[i] = w
	}
	return strings.Join(words, "-")
}

func termPages(t *content.Term) []*content.Page {
	all := append([]*content.Page(nil), t.Pages...)
	for _, g := range t.Groups {
		all = append(all, g.Pages...)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Source < all[j].Source })
	return all
}

func termUses(t *content.Term) int { return t.Count() }

// termPos is where page p writes the term of field whose slug is slug.
func termPos(p *content.Page, field, slug string) diag.Pos {
	positions := p.TermPos[field]
	for i, name := range p.Terms(field) {
		if content.Slugify(name) == slug && i < len(positions) {
			return positions[i]
		}
	}
	return diag.Pos{File: p.Source}
}

func usedOn(n int) string {
	if n == 1 {
		return "écrit sur 1 autre page"
	}
	return fmt.Sprintf("écrit sur %d autres pages", n)
}
