package territory

import (
	"strconv"
	"strings"
	"time"

	"github.com/relais-ecoles/relais/internal/vocab"
)

// Holiday is a period of school holidays of one holiday zone: every day
// from From to the day before Resume has no classes.
type Holiday struct {
	Name   string    // "vacances de printemps"
	Zone   string    // one of HolidayZones
	From   time.Time // the first day without classes, a civil date (midnight UTC)
	Resume time.Time // the day classes resume, a civil date (midnight UTC)
}

// Last is the last day of the holiday, the day before classes resume.
func (h Holiday) Last() time.Time { return h.Resume.AddDate(0, 0, -1) }

// French writes the holiday: "vacances de printemps de la zone C, du
// samedi 4 avril au dimanche 19 avril 2020 (reprise des cours le lundi 20
// avril)".
func (h Holiday) French() string {
	return h.Name + " de la zone " + h.Zone + ", du " + vocab.DayName(h.From.Weekday()) + " " + dayMonth(h.From) +
		" au " + vocab.FrenchLongDate(h.Last()) + " (reprise des cours le " + vocab.DayName(h.Resume.Weekday()) + " " + dayMonth(h.Resume) + ")"
}

// dayMonth writes a date without its year: "4 avril".
func dayMonth(t time.Time) string {
	return strings.TrimSuffix(vocab.FrenchDate(t), " "+strconv.Itoa(t.Year()))
}

// KnownUntil is the last day of the period the 2020 sources describe: the
// return to school was considered for Monday 4 May 2020, and nothing was
// published for the days after. A calendar of a timetable without an end
// stops there rather than repeat for ever.
func KnownUntil() time.Time { return time.Date(2020, 5, 3, 0, 0, 0, 0, time.UTC) }

// Holidays returns the school holidays of a holiday zone that the site's
// sources state, in order, and whether they state the zone's holidays at
// all. The spring 2020 holidays of the three metropolitan zones are known:
// zone A from Saturday 18 April to Monday 4 May (classes resume), zone B
// from 11 to 27 April and zone C from 4 to 20 April (both dates of return,
// like zone A's). Corse and the overseas académies set their own calendars,
// which the sources do not give: known is false, and no holiday is
// invented for them.
func Holidays(zone string) (hs []Holiday, known bool) {
	day := func(m time.Month, d int) time.Time { return time.Date(2020, m, d, 0, 0, 0, 0, time.UTC) }
	const spring = "vacances de printemps"
	switch zone {
	case "A":
		return []Holiday{{Name: spring, Zone: zone, From: day(time.April, 18), Resume: day(time.May, 4)}}, true
	case "B":
		return []Holiday{{Name: spring, Zone: zone, From: day(time.April, 11), Resume: day(time.April, 27)}}, true
	case "C":
		return []Holiday{{Name: spring, Zone: zone, From: day(time.April, 4), Resume: day(time.April, 20)}}, true
	}
	return nil, false
}
