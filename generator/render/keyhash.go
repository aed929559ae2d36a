package render

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"terredetalents/generator/content"
)

// Key values. A build that keeps a record of what each page read (the
// keys of deps.go) and of the value of each key can tell, the next time,
// which pages read something that changed: those are rendered again, the
// others are the same bytes. A value is a hash of what a reader of the key
// may see; two builds that give a key the same value give its readers the
// same thing.

// KeyValues returns the value of each key on site, whose images are imgs.
// A key this package does not know gets a value no other build gives it.
func KeyValues(site *content.Site, imgs map[string]content.Image, keys []string) []uint64 {
	return NewValues(site, imgs).Of(keys)
}

// Values gives keys their values on one site. Making it computes the value
// of every page, most of the work, before any key is known: a build makes
// it while the pages are rendered, and the keys they read are valued once
// rendering ends.
type Values struct{ v *values }

// NewValues computes the values of the pages of site, whose images are imgs.
func NewValues(site *content.Site, imgs map[string]content.Image) *Values {
	return &Values{newValues(site, imgs)}
}

// Of returns the value of each key.
func (vs *Values) Of(keys []string) []uint64 {
	out := make([]uint64, len(keys))
	var wg sync.WaitGroup
	const chunk = 512
	for start := 0; start < len(keys); start += chunk {
		wg.Go(func() {
			for i := start; i < min(start+chunk, len(keys)); i++ {
				out[i] = vs.v.key(keys[i])
			}
		})
	}
	wg.Wait()
	return out
}

// values computes key values on one site; what several keys share (the
// value of each page) is computed once.
type values struct {
	site  *content.Site
	imgs  map[string]content.Image
	pages map[string]*content.Page // by URL: published pages, home, section texts
	terms map[string]*content.Term
	front map[*content.Page]uint64 // what a page shows but its body
	body  map[*content.Page]uint64
	all   [2]uint64 // the whole site, without and with bodies
}

func newValues(site *content.Site, imgs map[string]content.Image) *values {
	v := &values{site: site, imgs: imgs, pages: make(map[string]*content.Page, len(site.Pages)+16),
		terms: map[string]*content.Term{}, front: make(map[*content.Page]uint64, len(site.Pages)+16),
		body: make(map[*content.Page]uint64, len(site.Pages)+16)}
	all := append([]*content.Page{site.Home}, site.Pages...)
	for _, sec := range site.Sections {
		all = append(all, sec.Intro)
	}
	for _, p := range all {
		v.pages[p.URL] = p
	}
	fronts, bodies := make([]uint64, len(all)), make([]uint64, len(all))
	var wg sync.WaitGroup
	const chunk = 256
	for start := 0; start < len(all); start += chunk {
		wg.Go(func() {
			for i := start; i < min(start+chunk, len(all)); i++ {
				fronts[i], bodies[i] = v.pageValues(all[i])
			}
		})
	}
	wg.Wait()
	var a, b hasher
	for i, p := range all {
		v.front[p], v.body[p] = fronts[i], bodies[i]
		a.str(p.URL)
		a.u64(fronts[i])
		b.u64(bodies[i])
	}
	for _, al := range site.Aliases {
		a.str(al.From)
		a.str(al.To)
	}
	v.all = [2]uint64{a.sum(), b.sum()}
	for _, tax := range site.Taxonomies {
		for _, t := range tax.Terms {
			v.terms[t.URL] = t
		}
	}
	return v
}

// pageValues returns the value of a page without its body, and of its
// body. The front matter's text stands for everything it gives; what
// linking adds is the URL, whether the page is listed today (an event that
// ended) and what Derive computed; the copies made of its images have
// names that change with the image.
func (v *values) pageValues(p *content.Page) (front, body uint64) {
	var h hasher
	h.u64(p.FrontHash)
	h.str(p.URL)
	h.str(p.Source)
	h.str(string(p.Kind))
	h.str(p.Title)
	h.str(p.Summary)
	h.bool(p.Listed(v.site.Now))
	if _, ok := p.Data.(content.Derived); ok {
		h.str(fmt.Sprintf("%+v", p.Data))
	}
	for _, r := range p.Images {
		if im, ok := v.imgs[p.URL+r.Name]; ok {
			h.str(im.URL)
			h.u64(uint64(im.Width)<<32 | uint64(im.Height))
			for _, c := range im.Variants {
				h.str(c.URL)
			}
		}
	}
	return h.sum(), bodyValue(p.Body())
}

func bodyValue(s string) uint64 {
	return uint64(crc32.Checksum([]byte(s), castagnoli))<<32 | uint64(uint32(len(s)))
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// pagesValue is the value of a list of pages: their URLs, in order, and
// their values, bodies or not.
func (v *values) pagesValue(h *hasher, pages []*content.Page, bodies bool) {
	h.u64(uint64(len(pages)))
	for _, p := range pages {
		h.str(p.URL)
		if bodies {
			h.u64(v.bodyOf(p))
		} else {
			h.u64(v.frontOf(p))
		}
	}
}

func (v *values) frontOf(p *content.Page) uint64 {
	if f, ok := v.front[p]; ok {
		return f
	}
	f, _ := v.pageValues(p)
	return f
}

func (v *values) bodyOf(p *content.Page) uint64 {
	if b, ok := v.body[p]; ok {
		return b
	}
	return bodyValue(p.Body())
}

func (v *values) key(key string) uint64 {
	var h hasher
	bodies := false
	if k, ok := strings.CutPrefix(key, bodyPrefix); ok {
		key, bodies = k, true
	}
	kind, arg, _ := strings.Cut(key, ":")
	switch kind {
	case "page":
		p := v.pages[arg]
		if p == nil {
			h.str("absent")
		} else if bodies {
			h.u64(v.bodyOf(p))
		} else {
			h.u64(v.frontOf(p))
		}
	case "section":
		if sec := v.site.Section(arg); sec != nil {
			h.str(sec.Intro.URL)
			v.pagesValue(&h, sec.Pages, bodies)
		}
	case "sectioncount":
		if sec := v.site.Section(arg); sec != nil {
			h.u64(uint64(len(sec.Pages)))
		}
	case "taxonomy":
		if tax := v.site.Taxonomy(arg); tax != nil {
			for _, t := range tax.Terms {
				v.term(&h, t, bodies)
			}
			h.u64(uint64(len(tax.URLs)))
			for _, name := range slices.Sorted(maps.Keys(tax.URLs)) {
				h.str(name)
				h.str(tax.URLs[name])
			}
		}
	case "term":
		if t := v.terms[arg]; t != nil {
			v.term(&h, t, bodies)
		} else {
			h.str("absent")
		}
	case "termurl":
		field, name, _ := strings.Cut(arg, "/")
		h.str(v.site.TermURL(field, name))
	case "refsout", "refsin":
		refs := v.site.Refs.Out[arg]
		if kind == "refsin" {
			refs = v.site.Refs.In[arg]
		}
		for _, k := range slices.Sorted(maps.Keys(refs)) {
			h.str(k)
			v.pagesValue(&h, refs[k], false)
		}
	default:
		switch key {
		case keyAliases:
			for _, a := range v.site.Aliases {
				h.str(a.From)
				h.str(a.To)
			}
		case keyAll:
			if bodies {
				h.u64(v.all[1])
			} else {
				h.u64(v.all[0])
			}
		default:
			h.str(key) // unknown: never the same twice
			h.str(strconv.FormatInt(time.Now().UnixNano(), 10))
		}
	}
	return h.sum()
}

func (v *values) term(h *hasher, t *content.Term, bodies bool) {
	h.str(t.Name)
	h.str(t.Slug)
	h.str(t.URL)
	v.pagesValue(h, t.Pages, bodies)
	for _, g := range t.Groups {
		h.str(g.Section)
		v.pagesValue(h, g.Pages, bodies)
	}
}

// hasher gathers the values written, each ended so that "ab","c" and
// "a","bc" differ, and sums them with two CRC-32s (done by the processor:
// a plan of thousands of pages is hashed on every rebuild).
type hasher struct{ buf []byte }

func (h *hasher) str(s string) {
	h.buf = append(h.buf, s...)
	h.buf = append(h.buf, 0xff)
}

func (h *hasher) u64(x uint64) {
	h.buf = binary.LittleEndian.AppendUint64(h.buf, x)
}

func (h *hasher) bool(b bool) {
	if b {
		h.str("1")
	} else {
		h.str("0")
	}
}

// sum is the value of what was written.
func (h *hasher) sum() uint64 {
	return uint64(crc32.Checksum(h.buf, castagnoli))<<32 | uint64(crc32.ChecksumIEEE(h.buf))
}
