package vocab

import (
	"fmt"
	"path"
	"regexp"
	"strings"
	"unicode"

	"github.com/relais-ecoles/relais/internal/diag"
)

// foldLetters spells the letters of French (and of its neighbours) without
// accents; ligatures become two letters.
var foldLetters = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'æ': "ae",
	'ç': "c", 'è': "e", 'é': "e", 'ê': "e", 'ë': "e",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ñ': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'œ': "oe",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ý': "y", 'ÿ': "y", 'ß': "ss",
}

// Slugify turns a title or a file name into a slug: letters lose their
// accents (é→e, ç→c; œ→oe, æ→ae, also when the accent is a separate
// combining mark, as in file names from macOS), capitals become small
// letters, and every run of other characters (spaces, apostrophes ’,
// punctuation) becomes one dash. The result satisfies IsSlug, or is empty
// when s has no letter or digit.
func Slugify(s string) string {
	if plainSlug(s) {
		return s // what the loop below gives, without building it
	}
	var b strings.Builder
	dash := false
	put := func(t string) {
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = false
		b.WriteString(t)
	}
	for _, r := range s {
		r = unicode.ToLower(r)
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			put(string(r))
		case foldLetters[r] != "":
			put(foldLetters[r])
		case unicode.Is(unicode.Mn, r):
			// A combining accent: the letter before it is already written.
		default:
			dash = true
		}
	}
	return b.String()
}

// CutSlug shortens a slug to at most n characters, cut at a dash when it
// has one: a file name and an address stay readable.
func CutSlug(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n]
	if i := strings.LastIndexByte(s, '-'); i > 0 {
		s = s[:i]
	}
	return strings.TrimSuffix(s, "-")
}

var slugRE = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// IsSlug reports whether s is a lowercase ASCII slug: letters a-z and
// digits in words joined by single hyphens. Slugs name files and make URLs.
func IsSlug(s string) bool { return slugRE.MatchString(s) }

// plainSlug reports whether s is lowercase letters a-z and digits in
// words joined by single dashes: a text Slugify leaves as it is.
func plainSlug(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
		case c == '-' && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// SlugHint explains what is wrong with a slug that IsSlug refuses and
// proposes one.
func SlugHint(s string) string {
	return fmt.Sprintf("%q is not a slug: use lowercase letters without accents, digits and hyphens, such as %q", s, Slugify(s))
}

// FileSlug returns the slug of a content file: its name without the
// extension, which must be a slug (IsSlug); when it is not, the error,
// with the slug that would do, goes to errs.
func FileSlug(p string, errs *diag.List) string {
	slug := strings.TrimSuffix(path.Base(p), path.Ext(p))
	if !IsSlug(slug) {
		errs.Add(diag.Pos{File: p}, "le nom du fichier %s ne convient pas pour une adresse : utilisez des lettres minuscules sans accents, des chiffres et des tirets, comme %s", diag.Q(slug), diag.Q(Slugify(slug)))
	}
	return slug
}
