package load

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/relais-ecoles/relais/internal/diag"
)

// This file holds what the decoder needs to speak to French editors: the
// names of the things it decodes, the French words they write for the
// English field names, and the dates they write the French way.

// whatFR translates the names older callers give the things they decode.
var whatFR = map[string]string{
	"the front matter":                "l'en-tête",
	"the front matter of a directive": "l'en-tête d'une directive",
	"the front matter of a région":    "l'en-tête d'une région",
	"the front matter of an académie": "l'en-tête d'une académie",
	"a timetable":                     "un emploi du temps",
	"a slot":                          "un créneau",
	"the vocabulary":                  "le vocabulaire",
	"a broadcaster":                   "un diffuseur",
	"a medium":                        "un média",
	"a subject":                       "une matière",
	"contact":                         "contact",
	"budgets":                         "budgets",
	"cache":                           "cache",
}

// French returns the French name of a thing decoded, for the English names
// callers used to give; a French name is returned as it is.
func French(what string) string {
	if fr, ok := whatFR[what]; ok {
		return fr
	}
	return what
}

// fieldFR maps the French words editors write for a field to its name. The
// names stay English (they are the site's format, shared with the
// generated web form); the message says which one to write.
var fieldFR = map[string][]string{
	"titre": {"title"}, "intitule": {"title"}, "nom": {"title", "name"},
	"resume": {"summary"}, "chapo": {"summary"}, "chapeau": {"summary"}, "description": {"summary", "description"},
	"sommaire": {"summary"},
	"date":     {"date"}, "publie": {"date"}, "publication": {"date"}, "date-de-publication": {"date"},
	"mise-a-jour": {"updated"}, "mis-a-jour": {"updated"}, "maj": {"updated"}, "modifie": {"updated"}, "actualise": {"updated"},
	"effet": {"effective"}, "en-vigueur": {"effective"}, "date-d-effet": {"effective"}, "a-partir-de": {"effective"}, "debut": {"effective", "from"},
	"expire": {"expires"}, "expiration": {"expires"}, "fin": {"expires", "to"}, "jusqu-a": {"expires"}, "date-de-fin": {"expires"},
	"public": {"audiences"}, "publics": {"audiences"}, "destinataires": {"audiences"}, "pour": {"audiences", "who"}, "qui": {"who"},
	"niveau": {"levels", "level"}, "niveaux": {"levels"}, "classe": {"levels"}, "classes": {"levels"},
	"urgence": {"urgent"}, "important": {"urgent"},
	"brouillon": {"draft"}, "poids": {"weight"}, "ordre": {"weight"}, "rang": {"weight"},
	"anciennes-adresses": {"aliases"}, "alias": {"aliases"}, "redirections": {"aliases"},
	"source": {"source"}, "sources": {"source"}, "citation": {"quote"},
	"jours": {"days"}, "horaires": {"slots"}, "creneaux": {"slots"},
	"academie": {"academy", "academie"}, "region": {"region"}, "fuseau": {"timezone"}, "fuseau-horaire": {"timezone"},
	"zone": {"holiday_zone"}, "zone-de-vacances": {"holiday_zone"},
	"pied-de-page": {"footer"}, "adresse": {"base_url", "url"}, "langue": {"language"}, "editeur": {"publisher"},
	"diffuseur": {"broadcaster"}, "chaine": {"broadcaster"}, "media": {"media"}, "matiere": {"subjects", "subject"},
	"matieres": {"subjects"}, "lien": {"url"},
}

// unknownField says that key is not a field of what, with the name to write.
func unknownField(key, what string, known []string) string {
	folded := strings.Trim(foldWord(key), "-")
	for _, name := range fieldFR[folded] {
		for _, k := range known {
			if k == name && k != key {
				return "champ inconnu " + diag.Q(key) + " dans " + what + " : les noms des champs s'écrivent en anglais, écrivez " + diag.Q(k+":")
			}
		}
	}
	return "champ inconnu " + diag.Q(key) + " dans " + what + diag.Suggestion(key, known)
}

var foldRE = regexp.MustCompile(`[^a-z0-9]+`)

// foldWord lowers a word, drops its accents and joins its parts by dashes.
func foldWord(s string) string {
	s = strings.ToLower(s)
	s = strings.NewReplacer("é", "e", "è", "e", "ê", "e", "ë", "e", "à", "a", "â", "a", "î", "i", "ï", "i",
		"ô", "o", "ö", "o", "ù", "u", "û", "u", "ü", "u", "ç", "c", "œ", "oe").Replace(s)
	return foldRE.ReplaceAllString(s, "-")
}

// example is a value shown after a missing field's name.
func example(key string) string {
	switch key {
	case "date", "effective", "expires", "updated":
		return "2020-03-16"
	case "audiences":
		return "[parents, eleves]"
	case "levels":
		return "[6e, 5e]"
	case "from", "to":
		return "09:00"
	case "base_url":
		return "https://exemple.fr/"
	}
	return "..."
}

var monthNumbers = map[string]time.Month{
	"janvier": 1, "janv": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4, "avr": 4, "mai": 5,
	"juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "sept": 9, "octobre": 10, "oct": 10,
	"novembre": 11, "nov": 11, "decembre": 12, "dec": 12,
}

var (
	numericDateRE = regexp.MustCompile(`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$`)
	wordDateRE    = regexp.MustCompile(`^(?:[a-z]+-)?(\d{1,2})(?:er)?-([a-z]+)-(\d{4})$`)
	timeTailRE    = regexp.MustCompile(`^(.*?)[\s,]+(?:a\s+|à\s+)?(\d{1,2})\s*[h:]\s*(\d{2})?$`)
)

// frenchDate reads a date written the French way — 16/03/2020, 16.03.2020,
// 16 mars 2020, lundi 16 mars 2020, 1er avril 2020 — to propose it written
// YYYY-MM-DD.
func frenchDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	var d, mo, y int
	if m := numericDateRE.FindStringSubmatch(s); m != nil {
		d, _ = strconv.Atoi(m[1])
		mo, _ = strconv.Atoi(m[2])
		y, _ = strconv.Atoi(m[3])
	} else if m := wordDateRE.FindStringSubmatch(strings.Trim(foldWord(s), "-")); m != nil {
		month, ok := monthNumbers[m[2]]
		if !ok {
			return time.Time{}, false
		}
		d, _ = strconv.Atoi(m[1])
		mo = int(month)
		y, _ = strconv.Atoi(m[3])
	} else {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || int(t.Month()) != mo {
		return time.Time{}, false
	}
	return t, true
}

// frenchDateTime reads a French date with an optional time after it
// (16/03/2020 18h30, 16 mars 2020 à 18h).
func frenchDateTime(s string) (t time.Time, hasTime, ok bool) {
	s = strings.TrimSpace(s)
	if t, ok := frenchDate(s); ok {
		return t, false, true
	}
	m := timeTailRE.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, false, false
	}
	t, ok = frenchDate(m[1])
	h, _ := strconv.Atoi(m[2])
	mi, _ := strconv.Atoi(m[3])
	if !ok || h > 23 || mi > 59 {
		return time.Time{}, false, false
	}
	return t.Add(time.Duration(h)*time.Hour + time.Duration(mi)*time.Minute), true, true
}
