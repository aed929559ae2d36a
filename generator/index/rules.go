package index

import "strconv"

// Rules are the query rules. The manifest publishes them ("rules") and the
// search script reads them there, so that the script and Search (the
// reference) apply the same numbers; docs/recherche.md explains them.
type Rules struct {
	// MinWord: shorter query words are ignored, unless they hold a digit.
	MinWord int `json:"minWord"`
	// MinPrefix: a query word this long or longer also matches the words
	// it begins; a shorter one matches only itself.
	MinPrefix int `json:"minPrefix"`
	// Expand: a query word reaches itself and at most Expand-1 other words
	// it begins, the most frequent first (then in alphabetical order).
	Expand int `json:"expand"`
	// Exact and Prefix multiply the posting score of the word itself and
	// of a longer word it begins.
	Exact  int `json:"exact"`
	Prefix int `json:"prefix"`
	// Typo multiplies the posting score of a correction, by edit distance
	// (Typo[0] for 1, Typo[1] for 2): below Prefix, so corrections rank
	// below what was typed.
	Typo []int `json:"typo"`
	// TypoLen: a word with no exact or prefix match is corrected at edit
	// distance 1 from TypoLen[0] letters, 2 from TypoLen[1] letters.
	// Corrections keep the first letter, and only the TypoMax closest
	// words are kept (nearest, then most frequent, then alphabetical).
	TypoLen []int `json:"typoLen"`
	TypoMax int   `json:"typoMax"`
	// Pause, in milliseconds: the script downloads index files only once
	// typing has paused this long; with the files at hand it answers at
	// once.
	Pause int `json:"pause"`
}

// DefaultRules are the rules of every published index.
var DefaultRules = Rules{
	MinWord:   2,
	MinPrefix: 3,
	Expand:    6,
	Exact:     10,
	Prefix:    7,
	Typo:      []int{5, 3},
	TypoLen:   []int{4, 8},
	TypoMax:   3,
	Pause:     200,
}

// qualifications are the usual names of the diplomas of each French
// qualification level: a training of level 3 is found by "CAP".
var qualifications = map[int][]string{
	3: {"CAP", "BEP"},
	4: {"bac", "bac pro", "BP"},
	5: {"BTS", "BUT", "DEUST"},
	6: {"licence", "licence pro"},
	7: {"master", "ingénieur"},
	8: {"doctorat"},
}

// levelTerms are the words a training of the given level is found by:
// its qualification names and "niveau N".
func levelTerms(level int) string {
	if level == 0 {
		return ""
	}
	s := "niveau " + strconv.Itoa(level)
	for _, q := range qualifications[level] {
		s += " " + q
	}
	return s
}

// distance is the optimal string alignment distance between two words
// (insertions, deletions, substitutions and swaps of two neighbouring
// letters), counted in characters as the script does. It stops early and
// returns max+1 once the distance exceeds max.
func distance(a, b []rune, max int) int {
	if d := len(a) - len(b); d > max || -d > max {
		return max + 1
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			best = min(best, cur[j])
		}
		if best > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
