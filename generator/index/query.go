package index

import (
	"sort"
	"strings"
)

// Query evaluation. The search script (themes/default/static/js/search.js)
// does the same on the published files; this version answers the tests and
// documents the rules:
//   - the query is normalized like the index (Words);
//   - each query word matches the indexed words equal to it, and, as the
//     user types, the words it begins (at most maxExpansion of them);
//   - a document scores, for each query word, the best score among the
//     stems it reaches, full for an exact word and 7/10 for a prefix;
//   - a document must match every query word; scores add up;
//   - results are sorted by score, then by document id (URL order).

const maxExpansion = 64

// Result is one search hit.
type Result struct {
	Doc   int
	Score int
}

// Search returns the documents matching query, best first. keep, when not
// nil, filters documents (facets).
func (ix *Index) Search(query string, keep func(doc int) bool) []Result {
	words := Words(query, ix.stop)
	if len(words) == 0 {
		return nil
	}
	var total map[int]int
	for _, w := range words {
		scores := ix.wordScores(w)
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
	var out []Result
	for doc, s := range total {
		if keep == nil || keep(doc) {
			out = append(out, Result{doc, s})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].Doc < out[j].Doc
	})
	return out
}

func (ix *Index) wordScores(w string) map[int]int {
	var matches []string
	for word := range ix.Words {
		if strings.HasPrefix(word, w) {
			matches = append(matches, word)
		}
	}
	sort.Strings(matches) // the exact word, if any, comes first
	if len(matches) > maxExpansion {
		matches = matches[:maxExpansion]
	}
	scores := map[int]int{}
	for _, word := range matches {
		weight := 7
		if word == w {
			weight = 10
		}
		for _, p := range ix.Postings[ix.Words[word]] {
			if s := int(p.Score) * weight; s > scores[int(p.Doc)] {
				scores[int(p.Doc)] = s
			}
		}
	}
	return scores
}
