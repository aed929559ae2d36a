package link

import (
	"path"
	"sort"
	"strings"

	"terredetalents/generator/content"
	"terredetalents/generator/diag"
)

// checkBodyLinks reports links in page bodies that lead to no page of the
// site, and images without alternative text. Links to files (with an
// extension) are left alone: they may be static files this stage does not
// see.
func checkBodyLinks(s *content.Site, diags *diag.List) {
	known := make(map[string]bool, len(s.Refs.ByURL)+64)
	known["/"], known["/recherche/"] = true, true
	for url := range s.Refs.ByURL {
		known[url] = true
	}
	for _, sec := range s.Sections {
		known[sec.URL] = true
	}
	terms := map[string]bool{} // term pages own the lists below them
	for _, tax := range s.Taxonomies {
		known[tax.URL] = true
		for _, t := range tax.Terms {
			known[t.URL] = true
			terms[t.URL] = true
		}
	}
	for _, a := range s.Aliases {
		known[a.From] = true
	}
	var candidates []string // made once, at the first broken link

	for _, p := range s.Pages {
		for _, l := range p.Links {
			if l.Image {
				if strings.TrimSpace(l.Alt) == "" {
					diags.Warnf(l.Pos, "image-alt",
						"image sans texte alternatif : décrivez-la entre les crochets, par exemple ![Atelier de couture à Roubaix](%s) ; laissez-les vides seulement si l'image est purement décorative", l.Dest)
				}
				continue
			}
			target, ok := internalPage(p.URL, l.Dest)
			if !ok || known[target] || underTerm(target, terms) {
				continue
			}
			if candidates == nil {
				for url := range known {
					candidates = append(candidates, url)
				}
				sort.Strings(candidates)
			}
			msg := "le lien « " + l.Dest + " » ne mène à aucune page du site"
			if sug := diag.Suggest(target, candidates); sug != "" {
				msg += " ; vouliez-vous dire « " + sug + " » ?"
			} else {
				msg += " : vérifiez l'adresse, par exemple /formations/<nom-du-fichier>/"
			}
			diags.Warnf(l.Pos, "broken-link", "%s", msg)
		}
	}
}

// underTerm reports whether url is below a term page, where the term's
// long lists are (/communes/roubaix/reussites/page/2/).
func underTerm(url string, terms map[string]bool) bool {
	for p := path.Dir(strings.TrimSuffix(url, "/")); p != "/" && p != "."; p = path.Dir(p) {
		if terms[p+"/"] {
			return true
		}
	}
	return false
}

// internalPage returns the page URL a link destination names, if it is a
// link to a page of this site: no scheme, no file extension.
func internalPage(from, dest string) (string, bool) {
	if dest == "" || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "//") || strings.Contains(dest, ":") {
		return "", false
	}
	if strings.HasPrefix(dest, "/") && strings.HasSuffix(dest, "/") && !strings.ContainsAny(dest, "?#.") && !strings.Contains(dest, "//") {
		return dest, true // already a clean page URL, the usual case
	}
	if i := strings.IndexAny(dest, "?#"); i >= 0 {
		dest = dest[:i]
	}
	if !strings.HasPrefix(dest, "/") {
		dest = path.Join(from, dest)
	}
	if path.Ext(dest) != "" {
		return "", false
	}
	clean := path.Clean(dest)
	if clean != "/" {
		clean += "/"
	}
	return clean, true
}
