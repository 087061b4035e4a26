package site

import (
	"time"

	"github.com/relais-ecoles/relais/internal/vocab"
)

// A page that shows rules (a région, an académie, a level) says when they
// last changed: the latest of the days its current timetables took effect
// and of the publication and update days of the directives it lists. The
// day comes from the content, never from the build's clock, so that the
// same content gives the same page whenever it is built.

// timetablesChanged is the latest day one of the current timetables took
// effect.
func timetablesChanged(current []*TimetableView) time.Time {
	var last time.Time
	for _, t := range current {
		if t.Effective.After(last) {
			last = t.Effective
		}
	}
	return last
}

// periodsChanged is the latest first day of the current periods of a
// level page.
func periodsChanged(groups []*KindGroup) time.Time {
	var last time.Time
	for _, g := range groups {
		for _, p := range g.Periods {
			if p.Current && p.From.After(last) {
				last = p.From
			}
		}
	}
	return last
}

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
