package site

import (
	"slices"
	"strings"
	"time"

	"github.com/relais-ecoles/relais/internal/territory"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// The calendars of the level pages hold only what the sources state:
//
//   - an event covers the days of its period, from its first day to its
//     last; a timetable without an end stops at territory.KnownUntil (the
//     return to school was considered for Monday 4 May 2020 and nothing was
//     published beyond), so that no event repeats for ever;
//   - the school holidays of the académie's zone are cut out (no source
//     says that a 2020 timetable applies during them), and where the
//     sources do not give the zone's holidays (Corse, overseas) nothing is
//     cut and the event says so;
//   - each piece is an event of its own, with a stable UID.

// span is a run of civil dates, First to Last inclusive.
type span struct{ First, Last time.Time }

// calendarCut is how the period of an event was cut for a calendar.
type calendarCut struct {
	Spans []span
	// Bounded is set when the period had no end and was stopped at
	// territory.KnownUntil.
	Bounded bool
	// Holidays are those cut out of the period.
	Holidays []territory.Holiday
	// HolidaysKnown is false when the sources give no holidays for the
	// académie's zone.
	HolidaysKnown bool
}

// cutPeriod returns the spans of the period first–last (last zero: no end)
// that a calendar shows in an académie of holiday zone.
func cutPeriod(first, last time.Time, zone string) calendarCut {
	var c calendarCut
	if last.IsZero() {
		c.Bounded, last = true, territory.KnownUntil()
	}
	if last.Before(first) {
		return c
	}
	hs, known := territory.Holidays(zone)
	c.HolidaysKnown = known
	cur := span{First: first, Last: last}
	for _, h := range hs {
		if h.Last().Before(cur.First) || h.From.After(cur.Last) {
			continue
		}
		c.Holidays = append(c.Holidays, h)
		if h.From.After(cur.First) {
			c.Spans = append(c.Spans, span{First: cur.First, Last: h.From.AddDate(0, 0, -1)})
		}
		cur.First = h.Resume
		if cur.First.After(cur.Last) {
			return c
		}
	}
	c.Spans = append(c.Spans, cur)
	return c
}

// note is what an event's DESCRIPTION adds about the cut, in French.
func (c calendarCut) note() string {
	var s string
	for _, h := range c.Holidays {
		s += " Pas de consigne publiée pendant les " + h.French() + " : le calendrier n’y place pas de créneau."
	}
	if !c.HolidaysKnown {
		s += " Les dates des vacances scolaires de cette académie ne figurent pas dans nos sources : le calendrier ne les retire pas."
	}
	if c.Bounded {
		end := territory.KnownUntil()
		s += " La consigne ne dit pas jusqu’à quand elle vaut : le calendrier s’arrête le " + vocab.FrenchLongDate(end) +
			", la reprise des cours étant envisagée pour le " + vocab.FrenchLongDate(end.AddDate(0, 0, 1)) + " ; au-delà, aucune consigne n’est publiée."
	}
	return s
}

// calendarNote gathers how the periods of a page's calendars were cut, to
// say it once on the page.
type calendarNote struct {
	bounded, unknown bool
	holidays         []territory.Holiday
}

func (n *calendarNote) add(c calendarCut) {
	n.bounded = n.bounded || c.Bounded
	n.unknown = n.unknown || len(c.Spans) > 0 && !c.HolidaysKnown
	for _, h := range c.Holidays {
		if !slices.Contains(n.holidays, h) {
			n.holidays = append(n.holidays, h)
		}
	}
}

// merge adds what o gathered.
func (n *calendarNote) merge(o calendarNote) {
	n.bounded = n.bounded || o.bounded
	n.unknown = n.unknown || o.unknown
	for _, h := range o.holidays {
		if !slices.Contains(n.holidays, h) {
			n.holidays = append(n.holidays, h)
		}
	}
}

// French is what the page says of its calendars, or "" when they hold
// every day of their periods.
func (n calendarNote) French() string {
	var parts []string
	for _, h := range n.holidays {
		parts = append(parts, "Pendant les "+h.French()+", aucune consigne n’est publiée : le calendrier n’y place pas de créneau.")
	}
	if n.unknown {
		parts = append(parts, "Les dates des vacances scolaires de cette académie ne figurent pas dans nos sources : le calendrier ne les retire pas.")
	}
	if n.bounded {
		end := territory.KnownUntil()
		parts = append(parts, "La consigne ne dit pas jusqu’à quand elle vaut : le calendrier s’arrête le "+vocab.FrenchLongDate(end)+
			", la reprise des cours étant envisagée pour le "+vocab.FrenchLongDate(end.AddDate(0, 0, 1))+".")
	}
	return strings.Join(parts, " ")
}

// holidayNotices are what a period's part of a level page says of the
// school holidays of zone that fall in it (first to last, last zero for
// no end): no timetable of 2020 says it applies during them.
func holidayNotices(zone string, first, last time.Time) []string {
	hs, _ := territory.Holidays(zone)
	var out []string
	for _, h := range hs {
		if h.Last().Before(first) || !last.IsZero() && h.From.After(last) {
			continue
		}
		out = append(out, "Pendant les "+h.French()+" : pas de consigne publiée.")
	}
	return out
}

// scriptHolidays are the holidays of zone for assets/js/ouvert.js.
func scriptHolidays(zone string) []scriptHoliday {
	hs, _ := territory.Holidays(zone)
	var out []scriptHoliday
	for _, h := range hs {
		out = append(out, scriptHoliday{From: h.From.Format(time.DateOnly), To: h.Last().Format(time.DateOnly), Zone: h.Zone})
	}
	return out
}
