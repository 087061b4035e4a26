package render

import (
	"fmt"
	"time"
)

// observance is one STANDARD or DAYLIGHT component of a VTIMEZONE.
type observance struct {
	daylight bool
	onset    time.Time // wall clock in the offset before the change, fields read as UTC
	from, to int       // offsets east of UTC, in seconds
	name     string
	rule     string // yearly RRULE, or ""
}

// writeVTimezone writes the VTIMEZONE of loc for events from the instant
// from to the instant to (zero: open-ended), from Go's tz database.
func writeVTimezone(w *icsWriter, tzid string, loc *time.Location, from, to time.Time) {
	w.prop("BEGIN", "VTIMEZONE")
	w.prop("TZID", tzid)
	w.prop("X-LIC-LOCATION", tzid)
	for _, o := range observances(loc, from, to) {
		kind := "STANDARD"
		if o.daylight {
			kind = "DAYLIGHT"
		}
		w.prop("BEGIN", kind)
		w.prop("DTSTART", o.onset.Format(icsLocal))
		w.prop("TZOFFSETFROM", formatOffset(o.from))
		w.prop("TZOFFSETTO", formatOffset(o.to))
		if o.rule != "" {
			w.prop("RRULE", o.rule)
		}
		if o.name != "" {
			w.prop("TZNAME", escapeText(o.name))
		}
		w.prop("END", kind)
	}
	w.prop("END", "VTIMEZONE")
}

// observances describes loc from the change in force at from until to.
//
// A zone with no change after from gets one STANDARD observance. A zone
// whose changes follow yearly rules ("last Sunday of March at 2:00") gets
// one observance per rule with an RRULE, checked against the database for
// the years the events cover (at least three). Any other zone gets one
// observance per change, up to to (or ten years after from when the events
// never end).
func observances(loc *time.Location, from, to time.Time) []observance {
	t := from.In(loc)
	start, _ := t.ZoneBounds()
	end := nextChange(loc, t)
	if end.IsZero() {
		name, off := t.Zone()
		return []observance{{onset: time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), from: off, to: off, name: name}}
	}
	first := start
	if first.IsZero() || !changesAt(loc, first) {
		first = end
	}
	horizon := to
	if horizon.IsZero() || horizon.Before(from) {
		horizon = from.AddDate(10, 0, 0)
	}
	// Try yearly rules from the first two changes.
	trs := changes(loc, first, 2, time.Time{})
	if len(trs) == 2 {
		checkUntil := max(horizon.Year(), first.Year()+3)
		if to.IsZero() {
			checkUntil = first.Year() + 3
		}
		var obs []observance
		for _, tr := range trs {
			o := observanceAt(loc, tr)
			rule, ok := yearlyRule(loc, o, checkUntil)
			if !ok {
				obs = nil
				break
			}
			o.rule = rule
			obs = append(obs, o)
		}
		if len(obs) == 2 && obs[0].daylight != obs[1].daylight {
			return obs
		}
	}
	var obs []observance
	for _, tr := range changes(loc, first, 0, horizon) {
		obs = append(obs, observanceAt(loc, tr))
	}
	return obs
}

// changes returns the zone changes of loc from first: n of them when n > 0,
// else every one up to and including the first after until.
func changes(loc *time.Location, first time.Time, n int, until time.Time) []time.Time {
	out := []time.Time{first}
	cur := first
	for len(out) < 1000 {
		if n > 0 && len(out) >= n {
			break
		}
		if n == 0 && cur.After(until) {
			break
		}
		end := nextChange(loc, cur)
		if end.IsZero() {
			break
		}
		out = append(out, end)
		cur = end
	}
	return out
}

// nextChange returns the first instant after t at which loc's offset, name
// or summer time changes, or the zero time. The tz database also marks
// bounds where nothing changes (the end of its table, in 2038): they are
// skipped.
func nextChange(loc *time.Location, t time.Time) time.Time {
	cur := t
	for range 16 {
		_, end := cur.In(loc).ZoneBounds()
		if end.IsZero() {
			return time.Time{}
		}
		if changesAt(loc, end) {
			return end
		}
		cur = end
	}
	return time.Time{}
}

// changesAt reports whether something changes at the instant tr.
func changesAt(loc *time.Location, tr time.Time) bool {
	b := tr.Add(-time.Second).In(loc)
	a := tr.In(loc)
	bn, bo := b.Zone()
	an, ao := a.Zone()
	return bn != an || bo != ao || b.IsDST() != a.IsDST()
}

// observanceAt describes the change of loc at the instant tr.
func observanceAt(loc *time.Location, tr time.Time) observance {
	_, before := tr.Add(-time.Second).In(loc).Zone()
	after := tr.In(loc)
	name, off := after.Zone()
	return observance{
		daylight: after.IsDST(),
		onset:    tr.Add(time.Duration(before) * time.Second).UTC(),
		from:     before,
		to:       off,
		name:     name,
	}
}

// yearlyRule finds the RRULE that gives o's change every year (the n-th or
// last weekday of its month at the same wall-clock time) and checks it
// against loc up to the year until.
func yearlyRule(loc *time.Location, o observance, until int) (string, bool) {
	day := o.onset.Day()
	month := o.onset.Month()
	wd := o.onset.Weekday()
	var cands []int
	if day+7 > daysIn(o.onset.Year(), month) {
		cands = append(cands, -1)
	}
	cands = append(cands, (day-1)/7+1)
	for _, n := range cands {
		ok := true
		for y := o.onset.Year() + 1; y <= until && ok; y++ {
			d := nthWeekday(y, month, wd, n)
			wall := time.Date(y, month, d, o.onset.Hour(), o.onset.Minute(), o.onset.Second(), 0, time.UTC)
			at := wall.Add(-time.Duration(o.from) * time.Second)
			_, b := at.Add(-time.Second).In(loc).Zone()
			name, a := at.In(loc).Zone()
			ok = b == o.from && a == o.to && name == o.name
		}
		if ok {
			return fmt.Sprintf("FREQ=YEARLY;BYMONTH=%d;BYDAY=%d%s", int(month), n, icsDays[wd]), true
		}
	}
	return "", false
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// nthWeekday returns the day of month of the n-th weekday wd of a month
// (n = -1: the last).
func nthWeekday(y int, m time.Month, wd time.Weekday, n int) int {
	if n < 0 {
		last := daysIn(y, m)
		d := time.Date(y, m, last, 0, 0, 0, 0, time.UTC)
		return last - (int(d.Weekday())-int(wd)+7)%7
	}
	d := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	return 1 + (int(wd)-int(d.Weekday())+7)%7 + 7*(n-1)
}

// formatOffset writes a UTC offset as +HHMM (or +HHMMSS).
func formatOffset(sec int) string {
	sign := '+'
	if sec < 0 {
		sign = '-'
		sec = -sec
	}
	h, m, s := sec/3600, sec/60%60, sec%60
	if s != 0 {
		return fmt.Sprintf("%c%02d%02d%02d", sign, h, m, s)
	}
	return fmt.Sprintf("%c%02d%02d", sign, h, m)
}
