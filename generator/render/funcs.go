package render

import (
	"path"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"terredetalents/generator/content"
	template "terredetalents/generator/render/internal/htmltemplate"
)

// rasterImage reports whether a file is a picture social networks show:
// they ignore SVG.
func rasterImage(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".png", ".jpg", ".jpeg", ".webp", ".gif":
		return true
	}
	return false
}

// funcs returns the template functions of a build. They read the linked
// site, the texts of its language and the base URL; none of them changes
// anything.
//
// Functions that read the site note what they read in rec (nil when not
// recording): see deps.go.
func funcs(site *content.Site, tr *Translations, images map[string]content.Image, origin, basePath string, rec *recorder) template.FuncMap {
	rel := func(url string) string {
		if strings.HasPrefix(url, "http://") || strings.HasPrefix(url, "https://") {
			return url
		}
		return basePath + strings.TrimPrefix(url, "/")
	}
	abs := func(url string) string {
		if strings.HasPrefix(url, "http://") || strings.HasPrefix(url, "https://") {
			return url
		}
		return origin + rel(url)
	}
	fm := template.FuncMap{
		"t":     tr.t,
		"tf":    tr.tf,
		"tn":    tr.tn,
		"tattr": tr.tattr,
		"href":  href,
		"rel":   rel,
		"abs":   abs,
		"date":  tr.date,
		"html":  func(s string) template.HTML { return template.HTML(s) },
		// ref and refs are the pages a page names in a reference field
		// (ref $p "company"); backrefs the pages of a section that name it
		// (backrefs $p "reussites").
		"ref": func(p *content.Page, key string) *content.Page {
			rec.add("refsout:" + p.URL)
			q := site.RefOut(p, key)
			rec.page(q)
			return q
		},
		"refs": func(p *content.Page, key string) []*content.Page {
			rec.add("refsout:" + p.URL)
			out := site.RefsOut(p, key)
			rec.pages(out)
			return out
		},
		"backrefs": func(p *content.Page, section string) []*content.Page {
			rec.add("refsin:" + p.URL)
			out := site.RefsIn(p, section)
			rec.pages(out)
			return out
		},
		"termURL": func(field, name string) string {
			rec.add("termurl:" + field + "/" + name)
			return site.TermURL(field, name)
		},
		"plural": func(n int, one, many string) string {
			if n <= 1 {
				return strconv.Itoa(n) + " " + one
			}
			return strconv.Itoa(n) + " " + many
		},
		"hasPrefix": strings.HasPrefix,
		"hasLetter": func(s string) bool { return strings.IndexFunc(s, unicode.IsLetter) >= 0 },
		// tel keeps the digits and a leading + of a phone number, for tel:.
		"tel": func(s string) string {
			return strings.Map(func(r rune) rune {
				if r >= '0' && r <= '9' || r == '+' {
					return r
				}
				return -1
			}, s)
		},
		// page returns the published page at url, or nil: layouts link to
		// optional pages (the legal notice) only when the site has them.
		"page": func(url string) *content.Page {
			rec.add("page:" + url)
			return site.Refs.ByURL[url]
		},
		"topURL": topURL,
		"preview": func(pages []*content.Page) []*content.Page {
			return pages[:min(len(pages), TermPreview)]
		},
		"more": func(pages []*content.Page) bool { return len(pages) > TermPreview },
		"image": func(p *content.Page, name string) content.Image {
			if im, ok := images[p.URL+name]; ok {
				return im
			}
			return content.Image{URL: p.URL + name}
		},
		"srcset": func(im content.Image) string {
			if len(im.Variants) == 0 {
				return ""
			}
			parts := make([]string, 0, len(im.Variants)+1)
			for _, v := range im.Variants {
				parts = append(parts, rel(v.URL)+" "+strconv.Itoa(v.Width)+"w")
			}
			return strings.Join(append(parts, rel(im.URL)+" "+strconv.Itoa(im.Width)+"w"), ", ")
		},
		// smallest is the lightest copy of an image, for the src of a
		// thumbnail whose srcset the browser may not read.
		"smallest": func(im content.Image) string {
			if len(im.Variants) > 0 {
				return im.Variants[0].URL
			}
			return im.URL
		},
		// A page's structured data may name the pages it refers to and
		// those that refer to it.
		"jsonld": func(d *Data) any {
			if p := d.Page; p != nil {
				rec.page(p)
				rec.add("refsout:" + p.URL)
				rec.add("refsin:" + p.URL)
				for _, ps := range site.Refs.Out[p.URL] {
					rec.pages(ps)
				}
				for _, ps := range site.Refs.In[p.URL] {
					rec.pages(ps)
				}
			}
			return jsonLD(site, d, abs)
		},
		// ogImage is the picture social networks show for a page: its logo
		// or photo when it is a raster image (they ignore SVG), else the
		// site's sharing image, when the theme or the site has one.
		"ogImage": func(p *content.Page) string {
			if p != nil {
				for _, im := range p.Images {
					if rasterImage(im.Name) {
						return abs(p.URL + im.Name)
					}
				}
			}
			if site.ShareImage != "" {
				return abs(site.ShareImage)
			}
			return ""
		},
		"feeds": func(d *Data) []feedLink {
			links := []feedLink{{site.Config.Title, "/index.xml"}}
			if sec := site.Section(d.Page.Section); sec != nil && d.Layout != "home" {
				links = append(links, feedLink{sec.Title + " · " + site.Config.Title, sec.URL + "index.xml"})
			}
			return links
		},
		"lower": lowerFirst,
		"tagList": func(field string, names []string) tagList {
			return tagList{Field: field, Names: names}
		},
		"levelLabel": tr.levelLabel,
		"storyKind":  tr.storyKind,
		"termName": func(field, name string) string {
			if field == "kind" {
				return tr.storyKind(name)
			}
			return name
		},
		"latest": func(section string, n int) []*content.Page {
			rec.add("section:" + section)
			sec := site.Section(section)
			if sec == nil {
				return nil
			}
			return sec.Pages[:min(n, len(sec.Pages))]
		},
		"topTerms": func(field string, n int) []*content.Term {
			rec.add("taxonomy:" + field)
			return topTerms(site, field, n)
		},
		// hiring lists the companies that hire: the pages of sections whose
		// search info says so.
		"hiring": func(n int) []*content.Page {
			var out []*content.Page
			for _, sec := range site.Sections {
				rec.add("section:" + sec.Name)
				for _, p := range sec.Pages {
					if s, ok := p.Data.(content.Searchable); ok && len(out) < n && s.Search(p).Hiring {
						out = append(out, p)
					}
				}
			}
			return out
		},
	}
	// Each section adds the functions about its pages ("nextSessions").
	// They read the pages of their section: a call notes the section,
	// unless the section says the function reads only its arguments.
	for _, d := range content.Sections() {
		if d.Funcs != nil {
			for name, f := range d.Funcs(site) {
				if a, ok := f.(content.ArgsOnly); ok {
					fm[name] = a.Func
					continue
				}
				fm[name] = noting(f, rec, "section:"+d.Name)
			}
		}
	}
	return fm
}

// feedLink is an RSS feed announced in a page's head.
type feedLink struct {
	Title string
	URL   string
}

// tagList is the argument of the taglist partial.
type tagList struct {
	Field string
	Names []string
}

// tag is the argument of the tag partial: one term of a taxonomy.
type tag struct {
	Field string
	Name  string
}

// topTerms returns the n terms carried by the most pages.
func topTerms(site *content.Site, field string, n int) []*content.Term {
	tax := site.Taxonomy(field)
	if tax == nil {
		return nil
	}
	terms := append([]*content.Term(nil), tax.Terms...)
	sort.SliceStable(terms, func(i, j int) bool { return terms[i].Count() > terms[j].Count() })
	return terms[:min(n, len(terms))]
}

// topURL is the top-level folder of a site URL: "/entreprises/x/" ->
// "/entreprises/", "/" -> "/". Pages with the same top URL share a header.
func topURL(u string) string {
	if len(u) > 1 {
		if i := strings.IndexByte(u[1:], '/'); i >= 0 {
			return u[:i+2]
		}
	}
	return u
}

// lowerFirst lowercases the first letter of a job title to use it inside
// a sentence ("Développeuse web" -> "développeuse web"), but keeps
// acronyms ("DRH") as they are.
func lowerFirst(s string) string {
	r := []rune(s)
	if len(r) > 1 && unicode.IsUpper(r[0]) && !unicode.IsUpper(r[1]) {
		r[0] = unicode.ToLower(r[0])
	}
	return string(r)
}

// noting wraps a template function so that each call notes key in rec.
func noting(f any, rec *recorder, key string) any {
	if rec == nil {
		return f
	}
	v := reflect.ValueOf(f)
	if v.Kind() != reflect.Func {
		return f
	}
	return reflect.MakeFunc(v.Type(), func(args []reflect.Value) []reflect.Value {
		rec.add(key)
		if v.Type().IsVariadic() {
			return v.CallSlice(args)
		}
		return v.Call(args)
	}).Interface()
}
