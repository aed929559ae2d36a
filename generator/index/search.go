package index

import (
	"html"
	"math"
	"runtime"
	"slices"
	"strings"
	"unicode"

	"terredetalents/generator/content"
	"terredetalents/generator/par"
)

// Output receives the files of the index; like render.Output, it must not
// keep the data after WriteFile returns.
type Output interface {
	WriteFile(name string, data []byte) error
}

// Layout of the published index; docs/recherche.md describes each file.
const (
	Dir        = "search/"           // everything lives under /search/
	Manifest   = Dir + "index.json"  // what the script loads first
	FacetsFile = Dir + "facets.json" // single-valued facets and sectors
	SkillsFile = Dir + "skills.json" // the skill facet, loaded on demand
	chunkSize  = 10                  // result records per file: ten results touch at most ten small files
	lexLimit   = 8 << 10             // raw bytes above which a lexicon shard is split
	postLimit  = 8 << 10             // raw bytes up to which stems share a postings file
	version    = 2
)

// Field weights: a match in the title or a skill beats one deep in the body.
const (
	weightTitle   = 3.0
	weightTerms   = 2.5
	weightSummary = 1.5
	weightBody    = 1.0
	weightLevel   = 4.0 // qualification names ("CAP"): above any mention in a title
	bm25K1        = 1.2
	bm25B         = 0.75
)

// Record is what a result shows.
type Record struct {
	URL     string `json:"u"`
	Title   string `json:"t"`
	Kind    string `json:"k"`
	Summary string `json:"s"`
	Meta    string `json:"m,omitempty"` // town, sector, provider or job, for the result line
}

// Index is the search index of a site, ready to be written or queried.
type Index struct {
	Records  []Record
	Postings map[string][]posting // by stem, doc ids ascending
	Words    map[string]string    // normalized word -> stem
	Facets   facets
	Rules    Rules
	stop     map[string]bool
}

type posting struct {
	Doc   int32
	Score int32 // BM25 times 10, rounded; at least 1
}

// facets hold, for each document, the values used to filter results.
type facets struct {
	Kinds   []string // value lists, in code order
	Towns   []string
	Sectors []string
	Skills  []string
	Kind    []int   // per document: code in Kinds
	Town    []int   // code in Towns, -1 for none
	Hiring  []int   // 1 when a company recruits
	Level   []int   // training level, 0 for none
	Sector  [][]int // per sector code: document ids
	Skill   [][]int // per skill code: document ids
}

// docTerms is what the index keeps of one page: weighted counts by stem,
// as a slice rather than a map, which on a large site is most of the
// index's memory.
type docTerms struct {
	tf       []stemCount
	length   float64
	analyzer int // which analyzer's slots tf uses
}

type stemCount struct {
	slot  int32 // the stem's slot in the analyzer that read the page
	count float32
}

// Build indexes the published content pages of a site. Pages are analyzed
// on every core; the result does not depend on their order of analysis.
func Build(site *content.Site) *Index {
	ix := &Index{Postings: map[string][]posting{}, Words: map[string]string{}, Rules: DefaultRules, stop: StopWords()}
	// Doc id = position, in URL order. A page that left the lists (a past
	// event) is no result either.
	pages := site.Pages
	if slices.ContainsFunc(pages, func(p *content.Page) bool { return !p.Listed(site.Now) }) {
		pages = slices.DeleteFunc(slices.Clone(pages), func(p *content.Page) bool { return !p.Listed(site.Now) })
	}
	docs := make([]docTerms, len(pages))
	analyzers := make([]*analyzer, runtime.GOMAXPROCS(0))
	for i := range analyzers {
		analyzers[i] = &analyzer{stop: ix.stop, known: map[string]int32{}}
	}
	par.Each(len(analyzers), len(pages), func(w, id int) {
		docs[id] = analyzers[w].page(pages[id])
		docs[id].analyzer = w
	})

	// Give each stem one id across analyzers, then count and score by id:
	// millions of (page, stem) pairs, a slice index each instead of a map
	// lookup.
	var stems []string
	ids := map[string]int32{}
	global := make([][]int32, len(analyzers)) // analyzer, local slot -> id
	for ai, a := range analyzers {
		global[ai] = make([]int32, len(a.stems))
		for slot, stem := range a.stems {
			id, ok := ids[stem]
			if !ok {
				id = int32(len(stems))
				ids[stem] = id
				stems = append(stems, stem)
			}
			global[ai][slot] = id
		}
		for _, e := range a.words {
			if e.slot >= 0 {
				ix.Words[e.norm] = a.stems[e.slot]
			}
		}
	}
	df := make([]int, len(stems))
	avg := 0.0
	for id, d := range docs {
		for _, sc := range d.tf {
			df[global[d.analyzer][sc.slot]]++
		}
		avg += d.length
		ix.Records = append(ix.Records, record(pages[id]))
	}
	if len(docs) > 0 {
		avg /= float64(len(docs))
	}
	n := float64(len(docs))
	postings := make([][]posting, len(stems))
	for id, d := range docs {
		for _, sc := range d.tf {
			stem, f := global[d.analyzer][sc.slot], float64(sc.count)
			idf := math.Log(1 + (n-float64(df[stem])+0.5)/(float64(df[stem])+0.5))
			norm := f * (bm25K1 + 1) / (f + bm25K1*(1-bm25B+bm25B*d.length/avg))
			score := max(1, int(math.Round(idf*norm*10)))
			postings[stem] = append(postings[stem], posting{Doc: int32(id), Score: int32(score)})
		}
	}
	for id, stem := range stems {
		ix.Postings[stem] = postings[id]
	}
	ix.Facets = buildFacets(site, pages)
	return ix
}

// analyzer turns pages into terms, remembering the words it has seen: a
// page repeats words, and pages repeat each other's. Each distinct stem
// gets a slot, so that counting a word costs one map lookup.
type analyzer struct {
	stop   map[string]bool
	known  map[string]int32 // folded word -> index in words
	recent recentWords
	words  []analyzedWord
	stems  []string         // by slot
	slots  map[string]int32 // stem -> slot
	counts []float64        // by slot: weighted count in the page being analyzed
	seen   []int32          // slots counted in this page, in order of first use
}

type analyzedWord struct {
	word string // as met: folded
	norm string // the word as searched: folded, singular
	slot int32  // its stem's slot; -1 for a stop word
}

// recentWords remembers where some words are in words, each in the place
// its hash gives it. Most words of a page are among the few thousand the
// site uses most, found here; known holds every word of the site, a map
// too large for the processor's cache, where a lookup cost three times as
// much (BenchmarkIndex).
type recentWords [1 << 12]struct {
	word string
	i    int32
}

// index returns the index in a.words of the folded word raw, learning it
// the first time.
func (a *analyzer) index(raw []byte) int32 {
	h := uint32(2166136261)
	for _, c := range raw {
		h = (h ^ uint32(c)) * 16777619
	}
	e := &a.recent[h%uint32(len(a.recent))]
	if e.word == string(raw) && e.word != "" {
		return e.i
	}
	i, ok := a.known[string(raw)]
	if !ok {
		i = a.learn(string(raw))
	}
	e.word, e.i = a.words[i].word, i
	return i
}

func (a *analyzer) page(p *content.Page) docTerms {
	d := docTerms{}
	count := func(raw []byte, weight float64) {
		i := a.index(raw)
		slot := a.words[i].slot
		if slot < 0 {
			return
		}
		if a.counts[slot] == 0 {
			a.seen = append(a.seen, slot)
		}
		a.counts[slot] += weight
		d.length += weight
	}
	add := func(text string, weight float64) {
		eachWord(text, func(raw []byte) { count(raw, weight) })
	}
	add(p.Title, weightTitle)
	add(strings.Join(searchTerms(p), " "), weightTerms)
	add(p.Summary, weightSummary)
	if level := searchInfo(p).Level; level > 0 {
		add(levelTerms(level), weightLevel)
	}
	eachWordOfHTML(p.Body(), func(raw []byte) { count(raw, weightBody) })
	d.tf = make([]stemCount, 0, len(a.seen))
	for _, slot := range a.seen {
		d.tf = append(d.tf, stemCount{slot, float32(a.counts[slot])})
		a.counts[slot] = 0
	}
	a.seen = a.seen[:0]
	return d
}

// learn normalizes a word met for the first time.
func (a *analyzer) learn(w string) int32 {
	e := analyzedWord{word: w, slot: -1}
	if !a.stop[w] {
		e.norm = Singular(w)
		stem := Stem(e.norm)
		slot, ok := a.slots[stem]
		if !ok {
			if a.slots == nil {
				a.slots = map[string]int32{}
			}
			slot = int32(len(a.stems))
			a.slots[stem] = slot
			a.stems = append(a.stems, stem)
			a.counts = append(a.counts, 0)
		}
		e.slot = slot
	}
	a.words = append(a.words, e)
	a.known[w] = int32(len(a.words) - 1)
	return int32(len(a.words) - 1)
}

// searchTerms are the short, telling words of a page: its taxonomy terms
// and who or what it is about.
func searchTerms(p *content.Page) []string {
	terms := append(append(append([]string{}, p.Skills()...), p.Sectors()...), p.Town())
	return append(terms, searchInfo(p).Terms...)
}

// searchInfo is what a page's section adds to the index.
func searchInfo(p *content.Page) content.SearchInfo {
	if s, ok := p.Data.(content.Searchable); ok {
		return s.Search(p)
	}
	return content.SearchInfo{}
}

// eachWordOfHTML calls f with each word of the text of rendered HTML:
// tags are word breaks, character references are decoded.
func eachWordOfHTML(h string, f func(raw []byte)) {
	var text strings.Builder
	flush := func() {
		if text.Len() > 0 {
			eachWord(text.String(), f)
			text.Reset()
		}
	}
	for len(h) > 0 {
		i := strings.IndexAny(h, "<&")
		if i < 0 {
			eachWordRun(h, &text, f)
			break
		}
		eachWordRun(h[:i], &text, f)
		h = h[i:]
		if h[0] == '<' {
			flush()
			end := strings.IndexByte(h, '>')
			if end < 0 {
				break
			}
			h = h[end+1:]
			continue
		}
		// A character reference: decode it, keeping a word it is part of
		// ("caf&eacute;") whole.
		end := strings.IndexByte(h, ';')
		if end < 0 || end > 32 {
			text.WriteByte(' ')
			h = h[1:]
			continue
		}
		text.WriteString(html.UnescapeString(h[:end+1]))
		h = h[end+1:]
	}
	flush()
}

// eachWordRun feeds a run of plain text to the word splitter. The last
// word may continue past the run (into a character reference), so it is
// kept in pending; the words before it go to f directly, without copying.
func eachWordRun(s string, pending *strings.Builder, f func(raw []byte)) {
	if s == "" {
		return
	}
	if pending.Len() > 0 {
		// Join the pending piece with this run up to its first break.
		cut := strings.IndexFunc(s, isBreak)
		if cut < 0 {
			pending.WriteString(s)
			return
		}
		pending.WriteString(s[:cut])
		eachWord(pending.String(), f)
		pending.Reset()
		s = s[cut:]
	}
	last := strings.LastIndexFunc(s, isBreak)
	eachWord(s[:last+1], f)
	pending.WriteString(s[last+1:])
}

// isBreak is what separates words for eachWord.
func isBreak(r rune) bool {
	return !(unicode.IsLetter(r) || unicode.IsDigit(r))
}

func record(p *content.Page) Record {
	return Record{URL: p.URL, Title: p.Title, Kind: string(p.Kind), Summary: p.Summary, Meta: searchInfo(p).Meta}
}

func buildFacets(site *content.Site, pages []*content.Page) facets {
	f := facets{}
	for _, d := range content.Sections() {
		f.Kinds = append(f.Kinds, string(d.Kind))
	}
	f.Kinds = append(f.Kinds, string(content.KindPlain))
	codes := func(list *[]string, tax *content.Taxonomy) map[string]int {
		m := map[string]int{}
		if tax == nil {
			return m
		}
		for i, t := range tax.Terms {
			*list = append(*list, t.Name)
			m[t.Slug] = i
		}
		return m
	}
	towns := codes(&f.Towns, site.Taxonomy("town"))
	sectors := codes(&f.Sectors, site.Taxonomy("sectors"))
	skills := codes(&f.Skills, site.Taxonomy("skills"))
	f.Sector = make([][]int, len(f.Sectors))
	f.Skill = make([][]int, len(f.Skills))
	for id, p := range pages {
		kind := len(f.Kinds) - 1
		for i, k := range f.Kinds {
			if k == string(p.Kind) {
				kind = i
			}
		}
		f.Kind = append(f.Kind, kind)
		town := -1
		if c, ok := towns[content.Slugify(p.Town())]; ok {
			town = c
		}
		f.Town = append(f.Town, town)
		hiring, info := 0, searchInfo(p)
		if info.Hiring {
			hiring = 1
		}
		level := info.Level
		f.Hiring = append(f.Hiring, hiring)
		f.Level = append(f.Level, level)
		for _, s := range uniqueSlugs(p.Sectors()) {
			if c, ok := sectors[s]; ok {
				f.Sector[c] = append(f.Sector[c], id)
			}
		}
		for _, s := range uniqueSlugs(p.Skills()) {
			if c, ok := skills[s]; ok {
				f.Skill[c] = append(f.Skill[c], id)
			}
		}
	}
	return f
}

func uniqueSlugs(names []string) []string {
	var out []string
	for _, n := range names {
		s := content.Slugify(n)
		if s != "" && !contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}
