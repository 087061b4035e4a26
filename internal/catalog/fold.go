package catalog

import (
	"strings"
	"unicode"
)

// foldTable maps accented Latin letters to their base letters, as French
// dictionaries order them at the first level.
var foldTable = map[rune]string{
	'à': "a", 'â': "a", 'ä': "a", 'á': "a", 'ã': "a", 'å': "a", 'æ': "ae",
	'ç': "c", 'é': "e", 'è': "e", 'ê': "e", 'ë': "e", 'í': "i", 'ì': "i",
	'î': "i", 'ï': "i", 'ñ': "n", 'ó': "o", 'ò': "o", 'ô': "o", 'ö': "o",
	'õ': "o", 'œ': "oe", 'ú': "u", 'ù': "u", 'û': "u", 'ü': "u", 'ÿ': "y",
	'ß': "ss",
}

// foldKey lowercases s and folds its accents and ligatures; other
// characters are kept.
func foldKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		r = unicode.ToLower(r)
		if f, ok := foldTable[r]; ok {
			b.WriteString(f)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// collateKey is the key titles sort by: folded letters and digits, every
// run of other characters turned into one space, so that "Éducation" sorts
// beside "education" and "L'Actu" as "l actu", before "La maison".
func collateKey(s string) string {
	f := foldKey(s)
	var b strings.Builder
	b.Grow(len(f))
	space := false
	for _, r := range f {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
			space = false
		default:
			space = true
		}
	}
	return b.String()
}
