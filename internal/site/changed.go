package site

import (
	"time"

	"github.com/relais-ecoles/relais/internal/vocab"
)

// A page that shows rules (a région, an académie, a level) says when they
// last changed: the latest of the days its current timetables took effect
// (the views' RulesChanged) and of the publication and update days of the
// directives it lists. The
// day comes from the content, never from the build's clock, so that the
// same content gives the same page whenever it is built.

// changedLine is what the page says: the later of rules (a civil date) and
// the directives' days, in French; "" when there is neither.
func changedLine(rules time.Time, ds []*DirectiveView) string {
	last := rules
	for _, d := range ds {
		for _, t := range []time.Time{d.Date, d.Updated} {
			if t.IsZero() {
				continue
			}
			y, m, day := t.Date() // in the issuer's zone
			if c := time.Date(y, m, day, 0, 0, 0, 0, time.UTC); c.After(last) {
				last = c
			}
		}
	}
	if last.IsZero() {
		return ""
	}
	return "Dernière modification des consignes de cette page : " + vocab.FrenchLongDate(last) + "."
}
