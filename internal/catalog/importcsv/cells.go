package importcsv

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/relais-ecoles/relais/internal/catalog"
	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// cell is one cell being read, with where to report its errors.
type cell struct {
	text   string // trimmed
	pos    diag.Pos
	prefix string // "colonne C (niveaux) : "
	errs   *diag.List
}

func (c cell) fail(format string, args ...any) {
	c.errs.Add(c.pos, "%s%s", c.prefix, fmt.Sprintf(format, args...))
}

func str(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

func quoted(s string) *yaml.Node {
	n := str(s)
	n.Style = yaml.DoubleQuotedStyle
	return n
}

func flow(words []string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, w := range words {
		n.Content = append(n.Content, str(w))
	}
	return n
}

func block(items []string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode}
	for _, it := range items {
		n.Content = append(n.Content, str(it))
	}
	return n
}

// line joins the lines and runs of spaces of a one-line field.
func line(s string) string { return strings.Join(strings.Fields(s), " ") }

var listSepRE = regexp.MustCompile(`\s*(?:[,;/\n]|\s\+\s|\set\s)\s*`)

// words splits a list cell: "6e, 5e", "tv; radio", one a line.
func words(s string) []string {
	var out []string
	for _, w := range listSepRE.Split(s, -1) {
		if w = strings.TrimSpace(w); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// lines splits a cell of one item a line (notes, sources).
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = line(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// term finds a vocabulary term by its slug, its label or one of its aliases,
// accents and case folded.
func term(ts []catalog.Term, w string) (string, bool) {
	f := fold(w)
	for _, t := range ts {
		if t.Slug == w || fold(t.Slug) == f || fold(t.Label) == f {
			return t.Slug, true
		}
	}
	for _, t := range ts {
		for _, a := range t.Aliases {
			if fold(a) == f {
				return t.Slug, true
			}
		}
	}
	return "", false
}

func slugsOf(ts []catalog.Term) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Slug
	}
	return out
}

// readTerm reads one vocabulary word; noun is "diffuseur", "média",
// "discipline".
func readTerm(c cell, ts []catalog.Term, w, noun string) (string, bool) {
	if s, ok := term(ts, w); ok {
		return s, true
	}
	where := "écrivez un slug ou un nom de " + catalog.VocabularyPath + ", ou ajoutez-le à ce fichier"
	if noun == "média" {
		where = "les médias sont " + diag.QList(catalog.FixedMedia())
	}
	c.fail("%s inconnu %s%s : %s", noun, diag.Q(w), diag.Suggestion(w, slugsOf(ts)), where)
	return "", false
}

// readTerms reads a list of vocabulary words, each once.
func readTerms(c cell, ts []catalog.Term, noun string) []string {
	var out []string
	for _, w := range words(c.text) {
		s, ok := readTerm(c, ts, w, noun)
		if !ok {
			continue
		}
		if slices.Contains(out, s) {
			c.fail("%s %s est donné deux fois : gardez-en un", noun, diag.Q(w))
			continue
		}
		out = append(out, s)
	}
	slices.SortStableFunc(out, func(a, b string) int { return slices.Index(slugsOf(ts), a) - slices.Index(slugsOf(ts), b) })
	return out
}

// readLevels reads the "niveaux" cell: levels (6e, CM1, 2nde), cycles
// (cycle 3, c4) and stages (collège, lycée, the levels they hold), into the
// levels and the cycles written.
func readLevels(c cell) (levels, cycles []string) {
	for _, w := range words(c.text) {
		if l, err := vocab.ParseLevel(w); err == nil {
			levels = appendOnce(c, levels, l, w)
			continue
		}
		if cy, err := parseCycle(w); err == nil {
			cycles = appendOnce(c, cycles, cy, w)
			continue
		}
		if g, ok := vocab.GroupOf(vocab.Slugify(w)); ok {
			for _, l := range g.Levels {
				if !slices.Contains(levels, l) {
					levels = append(levels, l)
				}
			}
			continue
		}
		var known []string
		for _, l := range vocab.Levels() {
			known = append(known, l.Slug)
		}
		for _, cy := range vocab.Cycles() {
			known = append(known, cy.Slug)
		}
		c.fail("niveau inconnu %s%s : écrivez des niveaux (6e, CM1, seconde), des cycles (cycle 3) ou des étapes (collège, lycée), séparés par des virgules", diag.Q(w), vocab.LevelSuggestion(w, known))
	}
	return levels, cycles
}

func appendOnce(c cell, list []string, s, w string) []string {
	if slices.Contains(list, s) {
		c.fail("%s est donné deux fois : gardez-en un", diag.Q(w))
		return list
	}
	return append(list, s)
}

// parseCycle reads a cycle written as the model writes it or in words
// ("cycle 3", "Lycée").
func parseCycle(w string) (string, error) {
	if cy, err := vocab.ParseCycle(w); err == nil {
		return cy, nil
	}
	return vocab.ParseCycle(vocab.Slugify(w))
}

func readCycles(c cell) []string {
	var out []string
	for _, w := range words(c.text) {
		cy, err := parseCycle(w)
		if err != nil {
			c.fail("%v", err)
			continue
		}
		out = appendOnce(c, out, cy, w)
	}
	return out
}

var (
	isoDateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	frDateRE  = regexp.MustCompile(`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$`)
)

// readDate reads a date written 2020-03-23 or the French way, 23/03/2020
// (as spreadsheets in French write them), and returns it YYYY-MM-DD.
func readDate(c cell) (string, bool) {
	s := c.text
	if i := strings.IndexAny(s, " T"); i > 0 && strings.HasSuffix(s, "00:00") {
		s = s[:i] // a date cell a spreadsheet wrote with midnight
	}
	var y, m, d int
	switch {
	case isoDateRE.MatchString(s):
		y, _ = strconv.Atoi(s[:4])
		m, _ = strconv.Atoi(s[5:7])
		d, _ = strconv.Atoi(s[8:])
	case frDateRE.MatchString(s):
		p := frDateRE.FindStringSubmatch(s)
		d, _ = strconv.Atoi(p[1])
		m, _ = strconv.Atoi(p[2])
		if len(p[3]) == 2 {
			c.fail("la date %s a une année sur deux chiffres : écrivez l'année en entier, %s", diag.Q(s), diag.Q(fmt.Sprintf("%s/%s/20%s", p[1], p[2], p[3])))
			return "", false
		}
		y, _ = strconv.Atoi(p[3])
	default:
		c.fail("date illisible %s : écrivez-la 2020-03-23 ou 23/03/2020", diag.Q(s))
		return "", false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d {
		c.fail("la date %s n'existe pas dans le calendrier : vérifiez le jour et le mois (jour/mois/année)", diag.Q(s))
		return "", false
	}
	return t.Format(time.DateOnly), true
}

// readBool reads oui/non.
func readBool(c cell) (bool, bool) {
	switch fold(c.text) {
	case "oui", "o", "vrai", "x", "1", "true", "yes", "gratuit":
		return true, true
	case "non", "n", "faux", "0", "false", "no", "payant":
		return false, true
	}
	c.fail("%s n'est ni oui ni non : écrivez oui si les sources disent le programme gratuit, sinon laissez la cellule vide", diag.Q(c.text))
	return false, false
}

func readStatus(c cell) (string, bool) {
	s := fold(c.text)
	if slices.Contains(catalog.Statuses(), s) {
		return s, true
	}
	c.fail("statut inconnu %s%s : écrivez label (une source dit qu'il porte le label), operation (une source le place dans l'opération) ou grille (dans la grille de France 4, label non précisé)", diag.Q(c.text), diag.Suggestion(s, catalog.Statuses()))
	return "", false
}

var (
	slotSepRE = regexp.MustCompile(`\s*[;\n]\s*`)
	// slotRE is one slot: days, a start and an end (14:00, 14h, 14h30),
	// then who it is for.
	slotRE   = regexp.MustCompile(`^(.*?)(\d{1,2}(?:[:h]\d{2}|h))\s*(?:-|–|—|à|a)\s*(\d{1,2}(?:[:h]\d{2}|h))(.*)$`)
	clockRE  = regexp.MustCompile(`^(\d{1,2})(?:[:h](\d{2})?)?$`)
	daySepRE = regexp.MustCompile(`[\s,;/]+`)
)

// readSchedule reads the "horaires" cell: slots one a line or separated by
// ";", each "[jours] début-fin [(qui)]".
func readSchedule(c cell) *yaml.Node {
	seq := &yaml.Node{Kind: yaml.SequenceNode}
	for _, s := range slotSepRE.Split(c.text, -1) {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		if n := readSlot(c, s); n != nil {
			seq.Content = append(seq.Content, n)
		}
	}
	return seq
}

func readSlot(c cell, s string) *yaml.Node {
	m := slotRE.FindStringSubmatch(strings.ToLower(s))
	if m == nil {
		c.fail("créneau illisible %s : écrivez [jours] début-fin [(niveaux)], comme « lun-ven 14:00-15:00 » ou « mer 9h-10h (cp, ce1) »", diag.Q(s))
		return nil
	}
	n := &yaml.Node{Kind: yaml.MappingNode}
	days, ok := readDays(c, m[1], s)
	if !ok {
		return nil
	}
	if days != nil {
		n.Content = append(n.Content, str("days"), flow(days))
	}
	from, ok1 := readClock(c, m[2], false)
	to, ok2 := readClock(c, m[3], true)
	if !ok1 || !ok2 {
		return nil
	}
	n.Content = append(n.Content, str("from"), quoted(from), str("to"), quoted(to))
	who := strings.TrimSpace(m[4])
	who = strings.TrimSpace(strings.TrimPrefix(who, "pour "))
	who = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(who, "("), ")"))
	if who != "" {
		var list []string
		for _, w := range words(who) {
			x, err := vocab.ParseWho(w)
			if err != nil {
				if cy, cerr := parseCycle(w); cerr == nil {
					x, err = cy, nil
				} else if _, gok := vocab.GroupOf(vocab.Slugify(w)); gok {
					x, err = vocab.Slugify(w), nil
				}
			}
			if err != nil {
				c.fail("dans le créneau %s : %v", diag.Q(s), err)
				return nil
			}
			if !slices.Contains(list, x) {
				list = append(list, x)
			}
		}
		n.Content = append(n.Content, str("who"), flow(list))
	}
	return n
}

var weekdaySlugs = func() []string {
	var out []string
	for _, w := range vocab.Weekdays() {
		out = append(out, w.Slug)
	}
	return out
}()

// readDays reads the days of a slot: "lun-ven", "du lundi au vendredi",
// "lun, mar, jeu", "mer et sam", "tous les jours". It returns nil for
// Monday to Friday, the model's default, and when no day is written.
func readDays(c cell, s, slot string) ([]string, bool) {
	f := " " + strings.Join(strings.Fields(strings.ToLower(s)), " ") + " "
	for _, w := range []string{" du ", " le ", " les ", " chaque ", " de ", " : "} {
		f = strings.ReplaceAll(f, w, " ")
	}
	f = strings.TrimSpace(f)
	switch f {
	case "", "en semaine", "semaine":
		return nil, true
	case "tous jours", "tous les jours", "7j/7", "7/7":
		return weekdaySlugs, true
	}
	f = strings.NewReplacer(" au ", "-", " à ", "-", "–", "-", "—", "-").Replace(f)
	set := map[int]bool{}
	for _, w := range daySepRE.Split(f, -1) {
		if w == "" || w == "et" {
			continue
		}
		a, b, isRange := strings.Cut(w, "-")
		da, ok := dayIndex(c, a, slot)
		if !ok {
			return nil, false
		}
		db := da
		if isRange {
			if db, ok = dayIndex(c, b, slot); !ok {
				return nil, false
			}
		}
		for i := da; ; i = (i + 1) % 7 {
			set[i] = true
			if i == db {
				break
			}
		}
	}
	var out []string
	for i, d := range weekdaySlugs {
		if set[i] {
			out = append(out, d)
		}
	}
	if slices.Equal(out, weekdaySlugs[:5]) {
		return nil, true
	}
	return out, true
}

func dayIndex(c cell, w, slot string) (int, bool) {
	d, err := vocab.ParseWeekday(strings.TrimSuffix(w, "s"))
	if err != nil {
		if d, err = vocab.ParseWeekday(w); err != nil {
			c.fail("dans le créneau %s : %v", diag.Q(slot), err)
			return 0, false
		}
	}
	return (int(d) + 6) % 7, true
}

// readClock reads 14:00, 14h, 14h30 or 9:30 as HH:MM.
func readClock(c cell, s string, end bool) (string, bool) {
	m := clockRE.FindStringSubmatch(s)
	if m == nil {
		c.fail("l'heure %s doit s'écrire HH:MM ou 14h30", diag.Q(s))
		return "", false
	}
	mm := m[2]
	if mm == "" {
		mm = "00"
	}
	hhmm := fmt.Sprintf("%02s:%s", m[1], mm)
	if _, err := vocab.ParseClock(hhmm, end); err != nil {
		c.fail("%v", err)
		return "", false
	}
	return hhmm, true
}
