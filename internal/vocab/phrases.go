package vocab

import (
	"strings"
	"time"
)

// The French phrases of days, hours and people that the timetables and the
// catalog both write: one copy, here.

// Join joins words the French way: "a", "a et b", "a, b et c".
func Join(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " et " + items[len(items)-1]
}

// DaysPhrase says which days of the week: "tous les jours", "du lundi au
// vendredi", "le lundi et le jeudi".
func DaysPhrase(days []time.Weekday) string {
	return SayDays(days, "tous les jours",
		func(first, last Weekday) string { return "du " + first.Label + " au " + last.Label },
		func(w Weekday) string { return "le " + w.Label }, Join)
}

// ClockWord writes a time of day: "8h30", and "minuit" for 0:00 and 24:00.
func ClockWord(c Clock) string {
	if c == 0 || c == EndOfDay {
		return "minuit"
	}
	return c.French()
}

// HoursPhrase writes a window: "de 8h à 12h", "de 17h à minuit".
func HoursPhrase(from, to Clock) string {
	return "de " + ClockWord(from) + " à " + ClockWord(to)
}

// WhoPhrase names the people of a slot: "6e, 5e", "parents", "accès libre".
func WhoPhrase(who []string) string {
	words := make([]string, len(who))
	for i, w := range who {
		words[i] = LevelLabel(w)
	}
	return strings.Join(words, ", ")
}

// KindsPlural names kinds of establishment: "lycées, lycées professionnels
// et cités scolaires".
func KindsPlural(kinds []string) string {
	words := make([]string, len(kinds))
	for i, k := range kinds {
		if kk, ok := KindOf(k); ok {
			words[i] = kk.Plural
		} else {
			words[i] = k
		}
	}
	return Join(words)
}
