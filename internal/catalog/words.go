package catalog

// The catalog's French: the titles of its pages and the phrases of its views.

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/relais-ecoles/relais/internal/vocab"
)

func isCycle(slug string) bool { _, ok := vocab.CycleOf(slug); return ok }

func intersects(a, b []string) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}

// kindLabel is the crumb of a facet list: "Niveaux".
func kindLabel(kind string) string {
	for _, k := range FacetKinds() {
		if k.Slug == kind {
			return vocab.Capitalize(k.Plural)
		}
	}
	return kind
}

// mediaTitles are the titles of the media pages; the media are fixed.
var mediaTitles = map[string]string{
	"tv":      "Programmes à la télévision",
	"radio":   "Programmes à la radio",
	"presse":  "Titres de presse",
	"web":     "Programmes sur le web",
	"podcast": "Programmes en podcast",
}

// facetTitle is the title of a facet page, in French.
func facetTitle(f Facet) string {
	switch f.Kind {
	case KindLevels:
		if f.Value == LevelUnstated {
			return "Programmes dont les sources ne précisent pas le niveau"
		}
		if isCycle(f.Value) {
			return "Programmes pour le " + f.Label
		}
		return "Programmes pour les élèves de " + f.Label
	case KindSubjects, KindBroadcasters:
		return "Programmes " + de(f.Label)
	case KindMedia:
		if t, ok := mediaTitles[f.Value]; ok {
			return t
		}
		return "Programmes : " + f.Label
	}
	return f.Label
}

// comboTitle is the title of a cycle × subject page: "Programmes de
// mathématiques pour le cycle 3".
func comboTitle(c *Catalog, f Facet) string {
	cy, subject, _ := strings.Cut(f.Value, "/")
	label := subject
	if t, ok := c.Vocab.Subject(subject); ok {
		label = t.Label
	}
	cl := cy
	if x, ok := vocab.CycleOf(cy); ok {
		cl = x.Label
	}
	return "Programmes " + de(label) + " pour le " + cl
}

// de puts "de" before a noun, elided before a vowel: "d’anglais".
func de(s string) string {
	if s == "" {
		return "de"
	}
	first := strings.ToLower(strings.SplitN(s, "", 2)[0])
	if strings.Contains("aàâeéèêiîoôuûhy", first) {
		return "d’" + s
	}
	return "de " + s
}

// levelsInShort says a list of levels in few words: a whole group or cycle
// by its name ("collège", "cycle 3"), other levels by theirs: "CP, CE1",
// "CM2, collège".
func levelsInShort(levels []string) string {
	set := map[string]bool{}
	for _, l := range levels {
		set[l] = true
	}
	all := func(ls []string) bool {
		for _, l := range ls {
			if !set[l] {
				return false
			}
		}
		return true
	}
	var out []string
	done := map[string]bool{}
	for _, l := range vocab.Levels() {
		if !set[l.Slug] || done[l.Slug] {
			continue
		}
		if g, ok := vocab.GroupOf(l.Group); ok && g.Levels[0] == l.Slug && all(g.Levels) {
			out = append(out, g.Label)
			for _, x := range g.Levels {
				done[x] = true
			}
			continue
		}
		if c, ok := vocab.CycleOf(l.Cycle); ok && c.Levels[0] == l.Slug && all(c.Levels) {
			out = append(out, c.Label)
			for _, x := range c.Levels {
				done[x] = true
			}
			continue
		}
		out = append(out, l.Label)
		done[l.Slug] = true
	}
	return strings.Join(out, ", ")
}

// statusPhrase says a programme's Programme.Status in French.
func statusPhrase(status string) string {
	switch status {
	case StatusLabel:
		return "labellisé « Nation apprenante » d’après nos sources"
	case StatusOperation:
		return "fait partie de l’opération « Nation apprenante » d’après nos sources"
	case StatusGrid:
		return "dans la grille de France 4 pendant l’opération « Nation apprenante » ; label non précisé"
	}
	return "non précisé"
}

// frenchPeriod says the bounds of the broadcasts: "du 23 mars au 3 juillet
// 2020", "à partir du 23 mars 2020", "jusqu’au 3 juillet 2020", or "".
func frenchPeriod(start, end time.Time) string {
	switch {
	case start.IsZero() && end.IsZero():
		return ""
	case end.IsZero():
		return "à partir du " + vocab.FrenchDate(start)
	case start.IsZero():
		return "jusqu’au " + vocab.FrenchDate(end)
	}
	first := vocab.FrenchDate(start)
	if start.Year() == end.Year() {
		first = strings.TrimSuffix(first, fmt.Sprintf(" %d", start.Year()))
	}
	return "du " + first + " au " + vocab.FrenchDate(end)
}
