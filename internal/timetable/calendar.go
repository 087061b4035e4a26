package timetable

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/relais-ecoles/relais/internal/territory"
	"github.com/relais-ecoles/relais/internal/view"
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

// addEvent adds one slot of one period to a level's calendar c, one event
// for each span of the period the calendar shows (cutPeriod: without the
// school holidays, stopped at the end of the known period). Its UID is made
// of the académie, the level, the timetable's file and position, the
// slot's position and the span: editing the hours keeps it, so a
// subscribed calendar updates the event instead of adding one.
func (b *builder) addEvent(c *levelCalendar, s *slotSet, sc *schedules, l vocab.Level, kinds []string, several bool, t *Timetable, p Period, sl Slot) {
	idx := slices.IndexFunc(t.Slots, func(x Slot) bool { return x.Pos == sl.Pos })
	id := s.ids[t]
	key := fmt.Sprint(id, idx, p.From, p.To)
	if c.seen[key] {
		return // the same slot, reached through another kind
	}
	c.seen[key] = true
	base := fmt.Sprintf("%s-%s-%s-%d-%d", sc.academy.Slug, l.Slug, strings.ReplaceAll(strings.TrimSuffix(strings.TrimPrefix(id.file, "content/"), "/"+FileName), "/", "-"), id.index, idx+1)
	if c.key != "" {
		base += "-" + c.key
	}
	c.uids[base]++
	if n := c.uids[base]; n > 1 {
		base += fmt.Sprint("-", n)
	}
	summary := eventSummary(t, sl, c.parents) + " – " + l.Label
	if several {
		summary += " (" + kindsPhrase(kinds) + ")"
	}
	cut := cutPeriod(p.From, p.To, sc.academy.HolidayZone)
	c.cut.add(cut)
	desc := deciderPhrase(b.terr, t) + " (« " + t.Title + " »). Horaires à l’" + zoneLabel(sc.academy) + "."
	switch {
	case sl.OpenEnd && !sl.OpenStart:
		desc += " La source ne donne pas d’heure de fin (« " + windowPhrase(sl) + " ») : l’événement s’arrête à minuit."
	case sl.OpenStart && !sl.OpenEnd:
		desc += " La source ne donne pas d’heure de début (« " + windowPhrase(sl) + " ») : l’événement commence à minuit."
	}
	desc += cut.note()
	if t.Days == nil {
		desc += " La source ne précise pas les jours de la semaine : le calendrier place ce créneau les jours où la page le montre."
	}
	for i, sp := range cut.Spans {
		uid := base
		if i > 0 {
			uid += fmt.Sprint("-p", i+1)
		}
		c.cal.Events = append(c.cal.Events, &view.Event{
			UID:         uid + "@" + b.in.Host,
			Summary:     summary,
			Description: desc,
			URL:         b.u.Abs(b.u.Level(sc.academy.Slug, l.Slug)),
			First:       sp.First,
			Until:       sp.Last,
			Days:        slotDays(t, sl),
			From:        int(sl.From),
			To:          int(sl.To),
		})
	}
}

// levelCalendar is one calendar of a level page: the pupils' or the
// parents' windows of one group of kinds of school, and what its events
// share (the UIDs given, the slots already added, how their periods were
// cut).
type levelCalendar struct {
	cal     *view.Calendar
	label   string // the link's text on the page
	key     string // added to the UIDs of all but the first group's pupils
	parents bool
	uids    map[string]int
	seen    map[string]bool
	cut     calendarNote
}

// newLevelCalendar makes the calendar of the pupils (or the parents) of
// level l in the i-th group of kinds of académie ac. The first group's
// pupils keep the address a level always had, /academies/<a>/<l>.ics; the
// others add their kinds (4e-cite-scolaire.ics) and the parents' calendars
// "-parents", so that one calendar never mixes the hours of two kinds of
// school, nor the parents' with the pupils'.
func (b *builder) newLevelCalendar(ac *territory.Academy, l vocab.Level, kinds []string, i int, several, parents bool) *levelCalendar {
	var suffix []string
	if i > 0 {
		suffix = append(suffix, kinds...)
	}
	if parents {
		suffix = append(suffix, "parents")
	}
	who, label := l.Label, "Élèves de "+l.Label
	if parents {
		who, label = "parents d’élèves de "+l.Label, "Parents d’élèves de "+l.Label
	}
	if several {
		who += " " + kindsPhrase(kinds)
		label += " " + kindsPhrase(kinds)
	}
	return &levelCalendar{
		cal: &view.Calendar{
			URL:  b.u.LevelCalendar(ac.Slug, strings.Join(append([]string{l.Slug}, suffix...), "-")),
			Name: "ENT – " + who + ", " + ac.Label(),
			TZID: ac.TimeZone,
		},
		label:   label,
		key:     strings.Join(suffix, "-"),
		parents: parents,
		uids:    map[string]int{},
		seen:    map[string]bool{},
	}
}

// eventSummary is the title of a calendar event, in the rule's tone:
// "Créneau conseillé", "Créneau demandé", "ENT ouvert", "Accès libre à
// l’ENT", and "Parents : créneau conseillé" in a parents' calendar.
func eventSummary(t *Timetable, sl Slot, parents bool) string {
	var s string
	switch {
	case slices.Contains(sl.Who, "tous") && t.Tone == Regle:
		s = "ENT accessible à tous"
	case slices.Contains(sl.Who, "tous"):
		s = "Accès libre à l’ENT"
	default:
		s = vocab.Capitalize(inWindowWords[toneOf(t, sl)])
	}
	if parents {
		return "Parents : " + lowerFirst(s)
	}
	return s
}

// slotDays are the days of the week slot sl of t holds on
// (SlotOnDay): for a free-access window of a timetable that
// names no day, every day, as the page shows it.
func slotDays(t *Timetable, sl Slot) []time.Weekday {
	var out []time.Weekday
	for _, d := range week {
		if t.SlotOnDay(sl, d) {
			out = append(out, d)
		}
	}
	return out
}
