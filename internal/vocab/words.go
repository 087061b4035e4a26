package vocab

import (
	"unicode"
	"unicode/utf8"
)

// Capitalize puts the first letter of a French text in upper case
// ("académie de Paris" -> "Académie de Paris", "élèves" -> "Élèves") and
// leaves the rest as it is. It is the one capitaliser of the site's words.
func Capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
