// Package index builds what the site publishes as data: the search index,
// sharded so that a query downloads a small part of it, and the open data
// files of /api/.
package index

import (
	"strings"
	"unicode"

	"github.com/kljensen/snowball/french"

	"terredetalents/generator/content"
)

// Normalization is shared by the index and the search script: the script
// receives these rules in the manifest, so there is one source for both.
// A word is lowercased, stripped of accents, then brought to the masculine
// singular by the suffix rules, in this order. Only the index stems (with
// the Snowball French stemmer); the script never stems: it looks the
// normalized word up in the shard, which maps words to stems.

// suffixRules turn feminine and plural forms into the masculine singular,
// on words without accents. The first rule that matches applies, when the
// word it gives is at least minStem letters long.
var suffixRules = [][2]string{
	{"trices", "teur"}, {"trice", "teur"}, // conductrice -> conducteur
	{"euses", "eur"}, {"euse", "eur"}, // developpeuse -> developpeur
	{"iennes", "ien"}, {"ienne", "ien"}, // technicienne -> technicien
	{"ieres", "ier"}, {"iere", "ier"}, // conseillere -> conseiller, cuisiniere -> cuisinier
	{"eres", "er"}, {"ere", "er"}, // boulangere -> boulanger
	{"effes", "ef"}, {"effe", "ef"}, // cheffe -> chef
	{"onnes", "on"}, {"onne", "on"}, // patronne -> patron
	{"ives", "if"}, {"ive", "if"}, // creative -> creatif
	{"ees", "e"}, {"ee", "e"}, // employee -> employe
	{"aux", "al"},        // regionaux -> regional
	{"s", ""}, {"x", ""}, // formations -> formation
}

const minStem = 3

// stopWords are left out of the index: French function words, folded.
var stopWords = []string{
	"a", "au", "aux", "avec", "ce", "ces", "cet", "cette", "d", "dans", "de", "des", "du", "elle", "elles",
	"en", "est", "et", "etre", "eu", "il", "ils", "j", "je", "l", "la", "le", "les", "leur", "leurs",
	"lui", "m", "ma", "mais", "me", "meme", "mes", "mon", "n", "ne", "ni", "nos", "notre", "nous", "on",
	"ont", "ou", "par", "pas", "pour", "qu", "que", "qui", "s", "sa", "se", "ses", "si", "son", "sont",
	"sur", "t", "ta", "te", "tes", "ton", "tu", "un", "une", "vos", "votre", "vous", "y",
}

// Words splits text into normalized words: lowercase, without accents,
// masculine singular, stop words left out. Apostrophes split elisions
// ("l'atelier" gives "atelier"), hyphens split compounds, and letters and
// digits stay together ("RNCP37674" gives "rncp37674").
func Words(text string, stop map[string]bool) []string {
	var out []string
	eachWord(text, func(raw []byte) {
		if w := string(raw); !stop[w] {
			out = append(out, Singular(w))
		}
	})
	return out
}

// eachWord calls f with each word of text, lowercased and folded, before
// stop words and suffix rules. The slice is reused: copy it to keep it.
func eachWord(text string, f func(raw []byte)) {
	buf := make([]byte, 0, 32)
	for _, r := range text {
		switch {
		case r < 0x80:
			c := byte(r)
			switch {
			case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
				buf = append(buf, c)
			case c >= 'A' && c <= 'Z':
				buf = append(buf, c+'a'-'A')
			default:
				if len(buf) > 0 {
					f(buf)
					buf = buf[:0]
				}
			}
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			buf = append(buf, content.Fold(r)...)
		default:
			if len(buf) > 0 {
				f(buf)
				buf = buf[:0]
			}
		}
	}
	if len(buf) > 0 {
		f(buf)
	}
}

// StopWords returns the stop word set.
func StopWords() map[string]bool {
	m := make(map[string]bool, len(stopWords))
	for _, w := range stopWords {
		m[w] = true
	}
	return m
}

// Singular applies the first suffix rule that fits a folded word.
func Singular(w string) string {
	if strings.IndexFunc(w, unicode.IsDigit) >= 0 {
		return w // codes such as rncp37674 or m1805 stay as they are
	}
	for _, r := range suffixRules {
		if rest := len(w) - len(r[0]); strings.HasSuffix(w, r[0]) && rest >= 2 && rest+len(r[1]) >= minStem {
			return w[:len(w)-len(r[0])] + r[1]
		}
	}
	return w
}

// Stem returns the index key of a normalized word. Words that differ only
// by their suffix share a stem ("formation", "formations" -> "format").
func Stem(w string) string {
	if strings.IndexFunc(w, unicode.IsDigit) >= 0 || len(w) <= 3 {
		return w
	}
	return french.Stem(w, true)
}
