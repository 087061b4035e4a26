// Package vocab holds the closed vocabularies of relais: school levels and
// their aliases, cycles, audiences, establishment kinds and weekdays, with
// their French labels. Timetables, directives and the catalog all read their
// words through this package, so that an unknown word is refused the same way
// everywhere, with the nearest known word suggested.
//
// The tables are read-only package variables; vocab imports only diag.
package vocab

import (
	"fmt"
	"strings"
	"time"

	"github.com/relais-ecoles/relais/internal/diag"
)

// Level is a school level.
type Level struct {
	Slug  string // "6e", used in URLs and files
	Label string // "6e", "CM1", "seconde"
	Long  string // "classe de 6e"
	Group string // slug of the Group it belongs to
	Cycle string // slug of its Cycle
	Order int    // position from the youngest
}

// Group is a stage of schooling that gathers levels.
type Group struct {
	Slug, Label string
	Levels      []string
}

// Cycle is a pedagogical cycle.
type Cycle struct {
	Slug, Label string
	Levels      []string
}

var levels = []Level{
	{"ps", "PS", "petite section", "maternelle", "cycle-1", 0},
	{"ms", "MS", "moyenne section", "maternelle", "cycle-1", 1},
	{"gs", "GS", "grande section", "maternelle", "cycle-1", 2},
	{"cp", "CP", "CP", "elementaire", "cycle-2", 3},
	{"ce1", "CE1", "CE1", "elementaire", "cycle-2", 4},
	{"ce2", "CE2", "CE2", "elementaire", "cycle-2", 5},
	{"cm1", "CM1", "CM1", "elementaire", "cycle-3", 6},
	{"cm2", "CM2", "CM2", "elementaire", "cycle-3", 7},
	{"6e", "6e", "classe de 6e", "college", "cycle-3", 8},
	{"5e", "5e", "classe de 5e", "college", "cycle-4", 9},
	{"4e", "4e", "classe de 4e", "college", "cycle-4", 10},
	{"3e", "3e", "classe de 3e", "college", "cycle-4", 11},
	{"seconde", "seconde", "classe de seconde", "lycee", "lycee", 12},
	{"premiere", "première", "classe de première", "lycee", "lycee", 13},
	{"terminale", "terminale", "classe de terminale", "lycee", "lycee", 14},
	{"cap", "CAP", "CAP", "voie-pro", "lycee", 15},
	{"bac-pro", "bac pro", "baccalauréat professionnel", "voie-pro", "lycee", 16},
	{"bts", "BTS", "BTS", "post-bac", "", 17},
	{"cpge", "CPGE", "classes préparatoires (CPGE)", "post-bac", "", 18},
	{"cfa", "CFA", "apprentis (CFA)", "post-bac", "", 19},
}

// levelAliases are other spellings editors use for a level.
var levelAliases = map[string]string{
	"2nde": "seconde", "2de": "seconde", "1re": "premiere", "1ere": "premiere",
	"première": "premiere", "tle": "terminale", "term": "terminale",
	"bacpro": "bac-pro", "bac_pro": "bac-pro", "petite-section": "ps",
	"moyenne-section": "ms", "grande-section": "gs",
}

// levelNames are the level names written in words, and other spellings
// the parsers do not take but point to the level's word.
var levelNames = map[string]string{
	"sixieme": "6e", "6eme": "6e", "6ieme": "6e", "6e-annee": "6e",
	"cinquieme": "5e", "5eme": "5e", "5ieme": "5e",
	"quatrieme": "4e", "4eme": "4e", "4ieme": "4e",
	"troisieme": "3e", "3eme": "3e", "3ieme": "3e",
	"2eme": "seconde", "second": "seconde", "1ere-annee": "premiere", "1ere-generale": "premiere",
	"terminal": "terminale", "tale": "terminale", "tles": "terminale",
	"cours-preparatoire": "cp", "cours-elementaire-1": "ce1", "cours-elementaire-2": "ce2",
	"cours-moyen-1": "cm1", "cours-moyen-2": "cm2", "ce-1": "ce1", "ce-2": "ce2", "cm-1": "cm1", "cm-2": "cm2",
	"petite-section": "ps", "moyenne-section": "ms", "grande-section": "gs",
	"bac-professionnel": "bac-pro", "baccalaureat-professionnel": "bac-pro",
}

// LevelSuggestion formats the level word to propose for an unknown word,
// among known (level slugs, and the group and cycle words where they are
// accepted): a level name written in words (sixième, cours préparatoire)
// gives its level, else the nearest known word. It is "" when none is near.
func LevelSuggestion(word string, known []string) string {
	if l, ok := levelNames[Slugify(word)]; ok {
		return " (vouliez-vous dire " + diag.Q(l) + " ?)"
	}
	return diag.Suggestion(word, known)
}

var groups = []Group{
	{"maternelle", "maternelle", []string{"ps", "ms", "gs"}},
	{"elementaire", "élémentaire", []string{"cp", "ce1", "ce2", "cm1", "cm2"}},
	{"college", "collège", []string{"6e", "5e", "4e", "3e"}},
	{"lycee", "lycée", []string{"seconde", "premiere", "terminale"}},
	{"voie-pro", "voie professionnelle", []string{"cap", "bac-pro"}},
	{"post-bac", "post-bac", []string{"bts", "cpge", "cfa"}},
}

var cycles = []Cycle{
	{"cycle-1", "cycle 1", []string{"ps", "ms", "gs"}},
	{"cycle-2", "cycle 2", []string{"cp", "ce1", "ce2"}},
	{"cycle-3", "cycle 3", []string{"cm1", "cm2", "6e"}},
	{"cycle-4", "cycle 4", []string{"5e", "4e", "3e"}},
	{"lycee", "lycée", []string{"seconde", "premiere", "terminale", "cap", "bac-pro"}},
}

// Audience is who a slot or a directive is for, beyond a level.
type Audience struct{ Slug, Label string }

var audiences = []Audience{
	{"parents", "parents"},
	{"enseignants", "enseignants"},
	{"eleves", "tous les élèves"},
	{"tous", "accès libre"},
}

// Kind is a kind of establishment.
type Kind struct {
	Slug, Label, Plural string
	Levels              []string
}

var kinds = []Kind{
	{"ecole", "école", "écoles", []string{"ps", "ms", "gs", "cp", "ce1", "ce2", "cm1", "cm2"}},
	{"college", "collège", "collèges", []string{"6e", "5e", "4e", "3e"}},
	{"lycee", "lycée", "lycées", []string{"seconde", "premiere", "terminale", "bts", "cpge", "cfa"}},
	{"lycee-pro", "lycée professionnel", "lycées professionnels", []string{"cap", "bac-pro", "bts", "cfa"}},
	{"cite-scolaire", "cité scolaire", "cités scolaires", []string{"6e", "5e", "4e", "3e", "seconde", "premiere", "terminale", "bts", "cpge"}},
	{"lycee-agricole", "lycée agricole", "lycées agricoles", []string{"seconde", "premiere", "terminale", "cap", "bac-pro", "bts"}},
}

// Weekday is a day of the week with its French short word.
type Weekday struct {
	Slug, Label string
	Day         time.Weekday
}

var weekdays = []Weekday{
	{"lun", "lundi", time.Monday},
	{"mar", "mardi", time.Tuesday},
	{"mer", "mercredi", time.Wednesday},
	{"jeu", "jeudi", time.Thursday},
	{"ven", "vendredi", time.Friday},
	{"sam", "samedi", time.Saturday},
	{"dim", "dimanche", time.Sunday},
}

var weekdayAliases = map[string]string{
	"lundi": "lun", "mardi": "mar", "mercredi": "mer", "jeudi": "jeu",
	"vendredi": "ven", "samedi": "sam", "dimanche": "dim",
}

// Levels returns every level from the youngest.
func Levels() []Level { return levels }

// Groups returns the stages of schooling in order.
func Groups() []Group { return groups }

// Cycles returns the cycles in order.
func Cycles() []Cycle { return cycles }

// Audiences returns the audiences.
func Audiences() []Audience { return audiences }

// Kinds returns the establishment kinds.
func Kinds() []Kind { return kinds }

// Weekdays returns the days from Monday.
func Weekdays() []Weekday { return weekdays }

// LevelOf returns the level with this slug.
func LevelOf(slug string) (Level, bool) {
	for _, l := range levels {
		if l.Slug == slug {
			return l, true
		}
	}
	return Level{}, false
}

// KindOf returns the kind with this slug.
func KindOf(slug string) (Kind, bool) {
	for _, k := range kinds {
		if k.Slug == slug {
			return k, true
		}
	}
	return Kind{}, false
}

// CycleOf returns the cycle with this slug.
func CycleOf(slug string) (Cycle, bool) {
	for _, c := range cycles {
		if c.Slug == slug {
			return c, true
		}
	}
	return Cycle{}, false
}

// GroupOf returns the group with this slug.
func GroupOf(slug string) (Group, bool) {
	for _, g := range groups {
		if g.Slug == slug {
			return g, true
		}
	}
	return Group{}, false
}

// AudienceOf returns the audience with this slug.
func AudienceOf(slug string) (Audience, bool) {
	for _, a := range audiences {
		if a.Slug == slug {
			return a, true
		}
	}
	return Audience{}, false
}

// WeekdayOf returns the weekday with this slug.
func WeekdayOf(slug string) (Weekday, bool) {
	for _, w := range weekdays {
		if w.Slug == slug {
			return w, true
		}
	}
	return Weekday{}, false
}

// LevelLabel returns the French label of a level, audience, group or cycle slug.
func LevelLabel(slug string) string {
	if l, ok := LevelOf(slug); ok {
		return l.Label
	}
	if a, ok := AudienceOf(slug); ok {
		return a.Label
	}
	if g, ok := GroupOf(slug); ok {
		return g.Label
	}
	if c, ok := CycleOf(slug); ok {
		return c.Label
	}
	return slug
}

func norm(word string) string { return strings.ToLower(strings.TrimSpace(word)) }

func slugs[T any](xs []T, slug func(T) string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = slug(x)
	}
	return out
}

func levelSlugs() []string { return slugs(levels, func(l Level) string { return l.Slug }) }

// ParseLevel reads a level word, accepting the usual aliases ("2nde", "1re").
// The error says which word is unknown and suggests the nearest one.
func ParseLevel(word string) (string, error) {
	w := norm(word)
	if _, ok := LevelOf(w); ok {
		return w, nil
	}
	if a, ok := levelAliases[w]; ok {
		return a, nil
	}
	return "", fmt.Errorf("niveau inconnu %s%s", diag.Q(word), LevelSuggestion(word, levelSlugs()))
}

// ParseWho reads a word of a slot's "who": a level, an audience (parents,
// enseignants, eleves, tous) or a group of levels (college, lycee, post-bac...).
// It returns the word's canonical slug.
func ParseWho(word string) (string, error) {
	w := norm(word)
	if s, err := ParseLevel(w); err == nil {
		return s, nil
	}
	if _, ok := AudienceOf(w); ok {
		return w, nil
	}
	if _, ok := GroupOf(w); ok {
		return w, nil
	}
	known := append(levelSlugs(), slugs(audiences, func(a Audience) string { return a.Slug })...)
	known = append(known, slugs(groups, func(g Group) string { return g.Slug })...)
	return "", fmt.Errorf("niveau ou public inconnu %s%s", diag.Q(word), LevelSuggestion(word, known))
}

// ParseAudience reads an audience word.
func ParseAudience(word string) (string, error) {
	w := norm(word)
	if _, ok := AudienceOf(w); ok {
		return w, nil
	}
	return "", fmt.Errorf("public inconnu %s%s", diag.Q(word), suggestAudience(word))
}

// audienceNames point the usual words for an audience to its word.
var audienceNames = map[string]string{
	"parent": "parents", "familles": "parents", "famille": "parents",
	"enseignant": "enseignants", "professeurs": "enseignants", "profs": "enseignants", "personnels": "enseignants",
	"eleve": "eleves", "tout-le-monde": "tous", "tout-public": "tous", "grand-public": "tous",
}

func suggestAudience(word string) string {
	if a, ok := audienceNames[Slugify(word)]; ok {
		return " (vouliez-vous dire " + diag.Q(a) + " ?)"
	}
	return diag.Suggestion(word, slugs(audiences, func(a Audience) string { return a.Slug }))
}

// ParseKind reads an establishment kind.
func ParseKind(word string) (string, error) {
	w := norm(word)
	if _, ok := KindOf(w); ok {
		return w, nil
	}
	return "", fmt.Errorf("type d'établissement inconnu %s%s", diag.Q(word), diag.Suggestion(word, slugs(kinds, func(k Kind) string { return k.Slug })))
}

// ParseCycle reads a cycle word ("cycle-3"; "cycle3" and "c3" are accepted).
func ParseCycle(word string) (string, error) {
	w := norm(word)
	if _, ok := CycleOf(w); ok {
		return w, nil
	}
	for _, c := range cycles {
		n := strings.TrimPrefix(c.Slug, "cycle-")
		if w == "cycle"+n || w == "c"+n || w == "cycle "+n {
			return c.Slug, nil
		}
	}
	return "", fmt.Errorf("cycle inconnu %s%s", diag.Q(word), diag.Suggestion(word, slugs(cycles, func(c Cycle) string { return c.Slug })))
}

// ParseWeekday reads a day word ("lun" or "lundi").
func ParseWeekday(word string) (time.Weekday, error) {
	w := norm(word)
	if a, ok := weekdayAliases[w]; ok {
		w = a
	}
	if d, ok := WeekdayOf(w); ok {
		return d.Day, nil
	}
	return 0, fmt.Errorf("jour inconnu %s%s", diag.Q(word), diag.Suggestion(word, slugs(weekdays, func(d Weekday) string { return d.Slug })))
}

// Expand returns the levels a who word covers: a level is itself, a group or
// a cycle is its levels, and an audience covers no level.
func Expand(slug string) []string {
	if _, ok := LevelOf(slug); ok {
		return []string{slug}
	}
	if g, ok := GroupOf(slug); ok {
		return g.Levels
	}
	if c, ok := CycleOf(slug); ok {
		return c.Levels
	}
	return nil
}

// KindHasLevel reports whether an establishment of kind k teaches level l.
func KindHasLevel(k, l string) bool {
	kind, ok := KindOf(k)
	if !ok {
		return false
	}
	for _, x := range kind.Levels {
		if x == l {
			return true
		}
	}
	return false
}
