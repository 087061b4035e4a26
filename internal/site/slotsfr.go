package site

// French phrasing of timetables: days, hours, levels and establishment
// kinds as a parent reads them ("du lundi au vendredi de 13h à 17h").

import (
	"strings"
	"time"

	"github.com/relais-ecoles/relais/internal/territory"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// frJoin joins words the French way: "a", "a et b", "a, b et c".
func frJoin(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " et " + items[len(items)-1]
}

// week is the days of the week, Monday first.
var week = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

// daysPhrase says which days of the week: "tous les jours", "du lundi au
// vendredi", "le lundi et le jeudi".
func daysPhrase(days []time.Weekday) string {
	return vocab.SayDays(days, "tous les jours",
		func(first, last vocab.Weekday) string { return "du " + first.Label + " au " + last.Label },
		func(w vocab.Weekday) string { return "le " + w.Label }, frJoin)
}

// clockWord writes a time of day: "8h30", and "minuit" for 0:00 and 24:00.
func clockWord(c vocab.Clock) string {
	if c == 0 || c == vocab.EndOfDay {
		return "minuit"
	}
	return c.French()
}

// hoursPhrase writes a window: "de 8h à 12h", "de 17h à minuit".
func hoursPhrase(from, to vocab.Clock) string {
	return "de " + clockWord(from) + " à " + clockWord(to)
}

// levelPhrase is the start of a sentence about a level: "En 4e", "En petite
// section", "En bac pro".
func levelPhrase(level string) string {
	l, ok := vocab.LevelOf(level)
	if !ok {
		return "En " + level
	}
	if l.Group == "maternelle" {
		return "En " + l.Long
	}
	return "En " + l.Label
}

// kindPhrases say where: "au collège", "en cité scolaire".
var kindPhrases = map[string]string{
	"ecole":          "à l’école",
	"college":        "au collège",
	"lycee":          "au lycée",
	"lycee-pro":      "au lycée professionnel",
	"cite-scolaire":  "en cité scolaire",
	"lycee-agricole": "au lycée agricole",
}

func kindPhrase(kind string) string {
	if p, ok := kindPhrases[kind]; ok {
		return p
	}
	return kind
}

// kindsPhrase says where for several kinds: "au lycée et au lycée professionnel".
func kindsPhrase(kinds []string) string {
	words := make([]string, len(kinds))
	for i, k := range kinds {
		words[i] = kindPhrase(k)
	}
	return frJoin(words)
}

// kindsPlural names kinds of establishment: "lycées, lycées professionnels
// et cités scolaires".
func kindsPlural(kinds []string) string {
	words := make([]string, len(kinds))
	for i, k := range kinds {
		if kk, ok := vocab.KindOf(k); ok {
			words[i] = kk.Plural
		} else {
			words[i] = k
		}
	}
	return frJoin(words)
}

// whoPhrase names the people of a slot: "6e, 5e", "parents", "accès libre".
func whoPhrase(who []string) string {
	words := make([]string, len(who))
	for i, w := range who {
		words[i] = vocab.LevelLabel(w)
	}
	return strings.Join(words, ", ")
}

// zoneLabel says which clock the hours are read on: "heure de Paris",
// "heure de La Réunion".
func zoneLabel(a *territory.Academy) string {
	if a.TimeZone == "Europe/Paris" || a.TimeZone == "" {
		return "heure de Paris"
	}
	return "heure " + territory.Of(a.Name)
}

// withArticle puts the article before an issuer's name: "l’académie de
// Paris", "la région académique Grand Est", "le ministère de l’Éducation
// nationale", "la Région Île-de-France", "le Département de la Creuse", "le
// Conseil départemental de l’Eure".
func withArticle(label string) string {
	switch {
	case strings.HasPrefix(label, "académie"):
		return "l’" + label
	case strings.HasPrefix(label, "région"), strings.HasPrefix(label, "Région"):
		return "la " + label
	case strings.HasPrefix(label, "ministère"), strings.HasPrefix(label, "Département"), strings.HasPrefix(label, "Conseil"):
		return "le " + label
	}
	return label
}
