// Package diag carries source positions and content errors.
//
// Every content error relais reports names the file, line and column it is
// about, says in plain French what is wrong and, where it can, what to write
// instead (editors read these messages, not programmers):
//
//	content/academies/paris/timetables.yaml:12:13: niveau inconnu « 6eme » (vouliez-vous dire « 6e » ?)
//
// Values in messages are quoted with Q (« 6e »); Suggestion gives the
// nearest known word the French way. The older DidYouMean and its English
// wording are kept for the packages whose messages are not yet French.
//
// A List collects the errors of a stage so a user can fix them all in one
// pass. diag is a leaf: it imports nothing of relais.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Pos is a position in a site file. Path is slash-separated and relative to
// the site root (content/guides/x.md). Line and Col count from 1; a zero Line
// means the whole file.
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats p as file:line:col, file:line or file.
func (p Pos) String() string {
	switch {
	case p.Line <= 0:
		return p.File
	case p.Col <= 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// IsValid reports whether p names a file.
func (p Pos) IsValid() bool { return p.File != "" }

// Compare orders positions by file, line and column.
func Compare(a, b Pos) int {
	if c := strings.Compare(a.File, b.File); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Line, b.Line); c != 0 {
		return c
	}
	return cmp.Compare(a.Col, b.Col)
}

// Error is one content error at a position.
type Error struct {
	Pos Pos
	Msg string
}

func (e *Error) Error() string {
	if !e.Pos.IsValid() {
		return e.Msg
	}
	return e.Pos.String() + ": " + e.Msg
}

// Errorf returns an error at pos.
func Errorf(pos Pos, format string, args ...any) *Error {
	return &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

// List is a list of content errors. The zero value is ready to use.
type List []*Error

// Add appends an error at pos.
func (l *List) Add(pos Pos, format string, args ...any) {
	*l = append(*l, Errorf(pos, format, args...))
}

// Append appends other lists.
func (l *List) Append(others ...List) {
	for _, o := range others {
		*l = append(*l, o...)
	}
}

// Sort sorts the list by position and removes exact duplicates.
func (l List) Sort() List {
	slices.SortStableFunc(l, func(a, b *Error) int {
		if c := Compare(a.Pos, b.Pos); c != 0 {
			return c
		}
		return strings.Compare(a.Msg, b.Msg)
	})
	return slices.CompactFunc(l, func(a, b *Error) bool {
		return a.Pos == b.Pos && a.Msg == b.Msg
	})
}

// Err returns the sorted list as an error, or nil if it is empty.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l.Sort()
}

// MaxShown is how many errors Error prints before summing up the rest.
const MaxShown = 50

// Error prints one error a line, at most MaxShown of them.
func (l List) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i == MaxShown {
			fmt.Fprintf(&b, "… et %d %s\n", len(l)-MaxShown, Plural(len(l)-MaxShown, "autre erreur", "autres erreurs"))
			break
		}
		b.WriteString(e.Error())
		b.WriteByte('\n')
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// Suggest returns the known word nearest to word, or "" when none is near
// enough to be a likely typo. Case and accents are ignored for the match. A
// word that ends with a known word after a name ("académie de Paris",
// "région académique Grand Est") gives that word ("paris", "grand-est").
func Suggest(word string, known []string) string {
	w := fold(word)
	if tail := nameTail(w, known); tail != "" {
		return tail
	}
	best, bestDist := "", -1
	for _, k := range known {
		d := distance(w, fold(k))
		if bestDist < 0 || d < bestDist || (d == bestDist && k < best) {
			best, bestDist = k, d
		}
	}
	if best == "" {
		return ""
	}
	limit := max(1, min(3, len([]rune(w))/3+1))
	if strings.HasPrefix(fold(best), w) && len(w) >= 2 || strings.HasPrefix(w, fold(best)) && len(best) >= 2 {
		return best
	}
	if bestDist > limit {
		return ""
	}
	return best
}

// nameTail returns the longest known word of at least three letters that
// ends the folded word w after a dash: "academie-de-paris" ends with "paris".
func nameTail(w string, known []string) string {
	best := ""
	for _, k := range known {
		f := fold(k)
		if len(f) >= 3 && len(w) > len(f) && strings.HasSuffix(w, "-"+f) && len(k) > len(best) {
			best = k
		}
	}
	return best
}

// Q quotes a value for a message the French way, « like this », on one
// line: line breaks and other control characters are shown escaped.
func Q(s string) string {
	if strings.ContainsFunc(s, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		q := fmt.Sprintf("%q", s)
		s = q[1 : len(q)-1]
	}
	return "« " + s + " »"
}

// Suggestion formats the nearest known word for word as
// " (vouliez-vous dire « x » ?)", or lists the known words when there are few
// and none is near: " (valeurs possibles : « a », « b »)". It is "" when
// neither applies.
func Suggestion(word string, known []string) string {
	if s := Suggest(word, known); s != "" {
		return " (vouliez-vous dire " + Q(s) + " ?)"
	}
	if len(known) > 0 && len(known) <= 8 {
		return " (valeurs possibles : " + QList(known) + ")"
	}
	return ""
}

// QList quotes words with Q and joins them with commas.
func QList(words []string) string {
	q := make([]string, len(words))
	for i, k := range words {
		q[i] = Q(k)
	}
	return strings.Join(q, ", ")
}

// Plural returns one when n is 0 or 1 and many otherwise, as French counts
// ("0 erreur", "1 erreur", "2 erreurs").
func Plural(n int, one, many string) string {
	if n <= 1 {
		return one
	}
	return many
}

// DidYouMean formats the suggestion for word as " (did you mean "x"?)", or
// lists the known words when there are few and none is near.
func DidYouMean(word string, known []string) string {
	if s := Suggest(word, known); s != "" {
		return fmt.Sprintf(" (did you mean %q?)", s)
	}
	if len(known) > 0 && len(known) <= 8 {
		q := make([]string, len(known))
		for i, k := range known {
			q[i] = fmt.Sprintf("%q", k)
		}
		return " (expected one of " + strings.Join(q, ", ") + ")"
	}
	return ""
}

var foldReplacer = strings.NewReplacer(
	"é", "e", "è", "e", "ê", "e", "ë", "e", "à", "a", "â", "a", "î", "i", "ï", "i",
	"ô", "o", "ö", "o", "ù", "u", "û", "u", "ü", "u", "ç", "c", "É", "e", "È", "e",
	"_", "-", " ", "-", "'", "-", "’", "-",
)

func fold(s string) string { return foldReplacer.Replace(strings.ToLower(s)) }

// distance is the Damerau-Levenshtein (optimal string alignment) distance.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
