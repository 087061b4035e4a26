package site

// French phrasing of timetables: days, hours, levels and establishment
// kinds as a parent reads them ("du lundi au vendredi de 13h à 17h").

import (
	"strings"
	"time"

	"github.com/relais-ecoles/relais/internal/territory"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// The French phrases the timetables share with the catalog are vocab's.
var (
	frJoin, daysPhrase, clockWord = vocab.Join, vocab.DaysPhrase, vocab.ClockWord
	hoursPhrase, whoPhrase        = vocab.HoursPhrase, vocab.WhoPhrase
)

// week is the days of the week, Monday first.
var week = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

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
