package index

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Write publishes the index: manifest, lexicon, postings, records and
// facets (docs/recherche.md).
func (ix *Index) Write(out Output) error {
	stems, files := ix.postingFiles()
	for n, group := range files {
		p := make(map[string][]int, len(group))
		for _, stem := range group {
			p[stem] = ix.flatPostings(stem)
		}
		if err := writeJSON(out, fmt.Sprintf("%sp/%d.json", Dir, n), p); err != nil {
			return err
		}
	}
	shards := ix.lexiconKeys()
	keys := make([]string, 0, len(shards))
	for k := range shards {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, key := range keys {
		lex := make(map[string][3]any, len(shards[key]))
		for _, w := range shards[key] {
			stem := ix.Words[w]
			lex[w] = [3]any{stem, len(ix.Postings[stem]), stems[stem]}
		}
		if err := writeJSON(out, lexiconFile(key), lex); err != nil {
			return err
		}
	}
	for start := 0; start < len(ix.Records); start += chunkSize {
		name := fmt.Sprintf("%sr/%d.json", Dir, start/chunkSize)
		if err := writeJSON(out, name, ix.Records[start:min(start+chunkSize, len(ix.Records))]); err != nil {
			return err
		}
	}
	f := ix.Facets
	err := writeJSON(out, FacetsFile, map[string]any{
		"kind": f.Kind, "town": f.Town, "hiring": f.Hiring, "level": f.Level,
		"sector": deltaLists(f.Sector),
	})
	if err != nil {
		return err
	}
	if err := writeJSON(out, SkillsFile, deltaLists(f.Skill)); err != nil {
		return err
	}
	suffixes := make([][]string, len(suffixRules))
	for i, r := range suffixRules {
		suffixes[i] = []string{r[0], r[1]}
	}
	return writeJSON(out, Manifest, map[string]any{
		"version": version,
		"docs":    len(ix.Records),
		"chunk":   chunkSize,
		"lexicon": keys,
		"rules":   ix.Rules,
		"normalize": map[string]any{
			"stop": stopWords, "suffixes": suffixes, "minStem": minStem,
		},
		"facets": map[string]any{
			"kind": f.Kinds, "town": f.Towns, "sector": f.Sectors, "skill": f.Skills,
		},
	})
}

func writeJSON(out Output, name string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return out.WriteFile(name, data)
}

// lexiconFile names the file of a lexicon shard: the key itself when it
// is plain ASCII, "_" for the empty key, else "x" and the hex of its bytes.
func lexiconFile(key string) string {
	name := key
	switch {
	case key == "":
		name = "_"
	case strings.Trim(key, "abcdefghijklmnopqrstuvwxyz0123456789") != "":
		name = "x" + hex.EncodeToString([]byte(key))
	}
	return Dir + "d/" + name + ".json"
}

// postingFiles groups the stems, in sorted order, into files of about
// postLimit bytes; a stem with more postings has a file to itself. Words
// that begin alike have neighbouring stems, so that a prefix and its
// completions mostly share files. It returns each stem's file number and
// the stems of each file.
func (ix *Index) postingFiles() (map[string]int, [][]string) {
	stems := make([]string, 0, len(ix.Postings))
	for s := range ix.Postings {
		stems = append(stems, s)
	}
	sort.Strings(stems)
	of := make(map[string]int, len(stems))
	var files [][]string
	size := postLimit
	for _, s := range stems {
		n := len(s) + 4 + len(ix.Postings[s])*7
		if size+n > postLimit {
			files = append(files, nil)
			size = 0
		}
		size += n
		files[len(files)-1] = append(files[len(files)-1], s)
		of[s] = len(files) - 1
	}
	return of, files
}

// flatPostings encodes a stem's postings as [doc delta, score, …].
func (ix *Index) flatPostings(stem string) []int {
	flat := make([]int, 0, 2*len(ix.Postings[stem]))
	last := 0
	for _, ps := range ix.Postings[stem] {
		flat = append(flat, int(ps.Doc)-last, int(ps.Score))
		last = int(ps.Doc)
	}
	return flat
}

// lexiconKeys groups words by prefix: all words in one shard if they are
// few, else one more letter of prefix for any group too large, until each
// shard is small or cannot be split. A word lives in the shard of the
// longest key that begins it.
func (ix *Index) lexiconKeys() map[string][]string {
	words := make([]string, 0, len(ix.Words))
	for w := range ix.Words {
		words = append(words, w)
	}
	sort.Strings(words)
	out := map[string][]string{}
	var split func(key string, group []string)
	split = func(key string, group []string) {
		if lexiconSize(group) <= lexLimit {
			out[key] = group
			return
		}
		sub := map[string][]string{}
		var stay []string
		for _, w := range group {
			if len(w) <= len(key) {
				stay = append(stay, w)
				continue
			}
			_, size := utf8.DecodeRuneInString(w[len(key):])
			k := w[:len(key)+size]
			sub[k] = append(sub[k], w)
		}
		if len(stay) > 0 {
			out[key] = stay
		}
		for k, g := range sub {
			split(k, g)
		}
	}
	split("", words)
	return out
}

// lexiconSize estimates the JSON size of a lexicon shard.
func lexiconSize(words []string) int {
	size := 0
	for _, w := range words {
		size += 2*len(w) + 16
	}
	return size
}

func deltaLists(lists [][]int) [][]int {
	out := make([][]int, len(lists))
	for i, l := range lists {
		d := make([]int, len(l))
		last := 0
		for j, id := range l {
			d[j] = id - last
			last = id
		}
		out[i] = d
	}
	return out
}
