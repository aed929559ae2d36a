package index

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// Query evaluation. The search script (themes/default/static/js/search.js)
// does the same on the published files with the Rules of the manifest;
// this version answers the tests and is the reference:
//   - the query is normalized like the index (Words); words shorter than
//     MinWord are dropped unless they hold a digit;
//   - each query word matches the indexed word equal to it and, from
//     MinPrefix letters on, the words it begins: at most Expand words,
//     the exact one first, then the most frequent;
//   - a word that matches nothing is corrected: the indexed words with the
//     same first letter within edit distance 1 (2 for long words);
//   - a document scores, for each query word, the best among the stems it
//     reaches: posting score × Exact, × Prefix or × Typo[distance-1];
//   - a document must match every query word; scores add up;
//   - results are sorted by score, then by document id (URL order).

// Result is one search hit.
type Result struct {
	Doc   int
	Score int
}

// Answer is what a query gives: the results, best first, and the query as
// corrected when a word was replaced by a close indexed word (« vouliez-
// vous dire … ? »), else "".
type Answer struct {
	Results []Result
	Suggest string
}

// match is an indexed word a query word reaches, and its weight.
type match struct {
	word   string
	weight int
}

// Search returns the documents matching query, best first. keep, when not
// nil, filters documents (facets).
func (ix *Index) Search(query string, keep func(doc int) bool) []Result {
	return ix.Query(query, keep).Results
}

// Query evaluates query: results and suggestion.
func (ix *Index) Query(query string, keep func(doc int) bool) Answer {
	words := ix.queryWords(query)
	if len(words) == 0 {
		return Answer{}
	}
	var total map[int]int
	var corrected []string
	typo := false
	for _, w := range words {
		matches := ix.matches(w)
		if len(matches) > 0 && matches[0].weight < ix.rules().Prefix {
			typo = true
			corrected = append(corrected, matches[0].word)
		} else {
			corrected = append(corrected, w)
		}
		scores := ix.scores(matches)
		if total == nil {
			total = scores
			continue
		}
		for doc := range total {
			if s, ok := scores[doc]; ok {
				total[doc] += s
			} else {
				delete(total, doc)
			}
		}
	}
	var a Answer
	if typo {
		a.Suggest = strings.Join(corrected, " ")
	}
	for doc, s := range total {
		if keep == nil || keep(doc) {
			a.Results = append(a.Results, Result{doc, s})
		}
	}
	sort.Slice(a.Results, func(i, j int) bool {
		if a.Results[i].Score != a.Results[j].Score {
			return a.Results[i].Score > a.Results[j].Score
		}
		return a.Results[i].Doc < a.Results[j].Doc
	})
	return a
}

func (ix *Index) rules() Rules { return ix.Rules }

// queryWords normalizes a query and drops the words too short to search.
func (ix *Index) queryWords(query string) []string {
	var out []string
	for _, w := range Words(query, ix.stop) {
		if utf8.RuneCountInString(w) >= ix.rules().MinWord || strings.ContainsAny(w, "0123456789") {
			out = append(out, w)
		}
	}
	return out
}

// df is how many documents hold an indexed word's stem.
func (ix *Index) df(word string) int { return len(ix.Postings[ix.Words[word]]) }

// matches lists the indexed words a query word reaches, with their weight.
func (ix *Index) matches(w string) []match {
	r := ix.rules()
	n := utf8.RuneCountInString(w)
	var out []match
	if _, ok := ix.Words[w]; ok {
		out = append(out, match{w, r.Exact})
	}
	if n >= r.MinPrefix {
		var longer []string
		for word := range ix.Words {
			if len(word) > len(w) && strings.HasPrefix(word, w) {
				longer = append(longer, word)
			}
		}
		ix.byFrequency(longer)
		for _, word := range longer {
			if len(out) >= r.Expand {
				break
			}
			out = append(out, match{word, r.Prefix})
		}
	}
	if len(out) > 0 || n < r.TypoLen[0] {
		return out
	}
	return ix.corrections(w)
}

// byFrequency sorts words most frequent first, then alphabetically.
func (ix *Index) byFrequency(words []string) {
	sort.Slice(words, func(i, j int) bool {
		if a, b := ix.df(words[i]), ix.df(words[j]); a != b {
			return a > b
		}
		return words[i] < words[j]
	})
}

// corrections are the indexed words close to w: same first letter, within
// edit distance 1, or 2 for long words; nearest, then most frequent.
func (ix *Index) corrections(w string) []match {
	r := ix.rules()
	q := []rune(w)
	most := 1
	if len(q) >= r.TypoLen[1] {
		most = 2
	}
	byDist := make([][]string, most+1)
	for word := range ix.Words {
		if first, _ := utf8.DecodeRuneInString(word); first != q[0] {
			continue
		}
		if d := distance(q, []rune(word), most); d >= 1 && d <= most {
			byDist[d] = append(byDist[d], word)
		}
	}
	var out []match
	for d := 1; d <= most; d++ {
		ix.byFrequency(byDist[d])
		for _, word := range byDist[d] {
			if len(out) < r.TypoMax {
				out = append(out, match{word, r.Typo[d-1]})
			}
		}
	}
	return out
}

// scores gives each document reached by matches its best score.
func (ix *Index) scores(matches []match) map[int]int {
	scores := map[int]int{}
	for _, m := range matches {
		for _, p := range ix.Postings[ix.Words[m.word]] {
			if s := int(p.Score) * m.weight; s > scores[int(p.Doc)] {
				scores[int(p.Doc)] = s
			}
		}
	}
	return scores
}

// Counts are the facet counts of a result list: for each facet, how many
// results carry each value. Kind, Town, Sector and Skill are indexed by the
// value codes of the manifest; Level by level (0 to 8); Hiring counts the
// companies that recruit.
type Counts struct {
	Kind, Town, Sector, Skill, Level []int
	Hiring                           int
}

// Count computes the facet counts of results.
func (ix *Index) Count(results []Result) Counts {
	f := ix.Facets
	c := Counts{Kind: make([]int, len(f.Kinds)), Town: make([]int, len(f.Towns)),
		Sector: make([]int, len(f.Sectors)), Skill: make([]int, len(f.Skills)), Level: make([]int, 9)}
	in := make(map[int]bool, len(results))
	for _, r := range results {
		in[r.Doc] = true
		c.Kind[f.Kind[r.Doc]]++
		if t := f.Town[r.Doc]; t >= 0 {
			c.Town[t]++
		}
		c.Level[f.Level[r.Doc]]++
		c.Hiring += f.Hiring[r.Doc]
	}
	for code, docs := range f.Sector {
		for _, d := range docs {
			if in[d] {
				c.Sector[code]++
			}
		}
	}
	for code, docs := range f.Skill {
		for _, d := range docs {
			if in[d] {
				c.Skill[code]++
			}
		}
	}
	return c
}
