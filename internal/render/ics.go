package render

// The iCalendar writer (RFC 5545) of the site's calendars: weekly recurring
// events, each in one IANA time zone.
//
// What the writer guarantees, whatever the calendar:
//   - lines end in CRLF and are folded at 75 octets, never inside a UTF-8
//     character; TEXT values are escaped (\\ \; \, \n);
//   - one VTIMEZONE per TZID, generated from Go's embedded tz database:
//     a STANDARD and a DAYLIGHT observance with a yearly RRULE when the
//     zone's transitions follow one (Europe/Paris), the explicit transitions
//     otherwise, and a single STANDARD observance for a zone without summer
//     time (Indian/Reunion);
//   - DTSTART and DTEND carry the TZID; DTSTART is the first day on or after
//     Event.First that is one of Event.Days (a DTSTART off the rule would
//     count as an extra occurrence); RRULE is FREQ=WEEKLY with BYDAY, and
//     UNTIL, in UTC, is the end of Event.Until in the zone;
//   - DTSTAMP is the first day of the calendar's earliest occurrence, at
//     midnight UTC: it changes with the calendar's content, never with the
//     time of the build, so that an unchanged site gives the same bytes
//     whenever it is built (a CDN and `relais deploy` then see no change);
//     UIDs are the events' own (the site makes them stable);
//   - a calendar without events has no VTIMEZONE (no TZID is referenced);
//   - no METHOD: a subscription feed is not an iTIP message (RFC 5546), and
//     every calendar passes libical's parser and restriction checks (the
//     test of the shipped site's calendars).

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"time"
	_ "time/tzdata" // overseas zones must load on any host
	"unicode/utf8"

	"github.com/relais-ecoles/relais/internal/hosting"
	"github.com/relais-ecoles/relais/internal/site"
	"github.com/relais-ecoles/relais/internal/view"
)

// ProdID is the PRODID of every calendar relais writes.
const ProdID = "-//relais-ecoles//relais//FR"

// Calendars renders the iCalendar files of s.
func Calendars(s *site.Site) ([]Output, error) {
	out := make([]Output, 0, len(s.Calendars))
	for _, c := range s.Calendars {
		data, err := ICS(c, s.Abs(c.URL))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", c.URL, err)
		}
		out = append(out, Output{Path: hosting.FilePath(c.URL), Data: data})
	}
	return out, nil
}

// ICS writes one calendar; source is the calendar's own absolute URL,
// written as SOURCE.
func ICS(c *view.Calendar, source string) ([]byte, error) {
	loc, err := loadZone(c.TZID)
	if err != nil {
		return nil, err
	}
	w := &icsWriter{}
	w.prop("BEGIN", "VCALENDAR")
	w.prop("VERSION", "2.0")
	w.prop("PRODID", ProdID)
	w.prop("CALSCALE", "GREGORIAN")
	// No METHOD: a calendar to subscribe to is not an iTIP message, and
	// METHOD:PUBLISH would require an ORGANIZER on every event (RFC 5546
	// §3.2.1), which libical, and so Evolution, enforces.
	if c.Name != "" {
		w.prop("NAME", escapeText(c.Name))
		w.prop("X-WR-CALNAME", escapeText(c.Name))
	}
	w.prop("X-WR-TIMEZONE", c.TZID)
	if source != "" {
		if u, err := url.Parse(source); err == nil && u.IsAbs() {
			w.prop("SOURCE;VALUE=URI", source)
		}
	}
	// How often a subscribed application reads the calendar again: RFC
	// 7986's property and the older one Outlook and Google read.
	ttl := fmt.Sprintf("PT%dH", int(view.CalendarRefresh/time.Hour))
	w.prop("REFRESH-INTERVAL;VALUE=DURATION", ttl)
	w.prop("X-PUBLISHED-TTL", ttl)

	type placed struct {
		ev         *view.Event
		start, end time.Time // first occurrence, local
		until      time.Time // UNTIL instant, zero when open-ended
		skip       bool
	}
	events := make([]placed, len(c.Events))
	var first, last time.Time
	openEnded := false
	for i, e := range c.Events {
		p, err := place(e, loc)
		if err != nil {
			return nil, fmt.Errorf("event %s: %w", e.UID, err)
		}
		events[i] = placed{ev: e, start: p.start, end: p.end, until: p.until, skip: p.none}
		if p.none {
			continue
		}
		if first.IsZero() || p.start.Before(first) {
			first = p.start
		}
		if p.until.IsZero() {
			openEnded = true
		} else if p.until.After(last) {
			last = p.until
		}
	}
	if openEnded {
		last = time.Time{}
	}
	if !first.IsZero() {
		writeVTimezone(w, c.TZID, loc, first, last)
	}

	y, m, d := first.Date()
	dtstamp := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Format(icsUTC)
	for _, p := range events {
		if p.skip {
			continue
		}
		e := p.ev
		w.prop("BEGIN", "VEVENT")
		w.prop("UID", escapeText(e.UID))
		w.prop("DTSTAMP", dtstamp)
		w.prop("DTSTART;TZID="+c.TZID, p.start.Format(icsLocal))
		w.prop("DTEND;TZID="+c.TZID, p.end.Format(icsLocal))
		rule := "FREQ=WEEKLY;WKST=MO;BYDAY=" + byDay(e.Days)
		if !p.until.IsZero() {
			rule += ";UNTIL=" + p.until.UTC().Format(icsUTC)
		}
		w.prop("RRULE", rule)
		w.prop("SUMMARY", escapeText(e.Summary))
		if e.Description != "" {
			w.prop("DESCRIPTION", escapeText(e.Description))
		}
		if e.URL != "" {
			w.prop("URL;VALUE=URI", e.URL)
		}
		w.prop("TRANSP", "TRANSPARENT")
		w.prop("END", "VEVENT")
	}
	w.prop("END", "VCALENDAR")
	return w.b.Bytes(), nil
}

const (
	icsUTC   = "20060102T150405Z"
	icsLocal = "20060102T150405"
)

func loadZone(tzid string) (*time.Location, error) {
	if tzid == "" || tzid == "Local" || strings.HasPrefix(tzid, "/") {
		return nil, fmt.Errorf("calendar without a valid TZID %q", tzid)
	}
	loc, err := time.LoadLocation(tzid)
	if err != nil {
		return nil, fmt.Errorf("unknown time zone %q", tzid)
	}
	return loc, nil
}

type placement struct {
	start, end, until time.Time
	none              bool // no occurrence between First and Until
}

// place finds the first occurrence of e in loc and its UNTIL instant.
func place(e *view.Event, loc *time.Location) (placement, error) {
	var p placement
	if len(e.Days) == 0 {
		return p, fmt.Errorf("no days")
	}
	if e.From < 0 || e.To > 24*60 || e.To <= e.From {
		return p, fmt.Errorf("the event ends at minute %d, not after it starts at minute %d", e.To, e.From)
	}
	if e.First.IsZero() {
		return p, fmt.Errorf("no first day")
	}
	y, m, d := e.First.Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	var lastDay time.Time
	if !e.Until.IsZero() {
		uy, um, ud := e.Until.Date()
		lastDay = time.Date(uy, um, ud, 0, 0, 0, 0, time.UTC)
		if lastDay.Before(day) {
			return p, fmt.Errorf("until %s is before the first day %s", lastDay.Format(time.DateOnly), day.Format(time.DateOnly))
		}
	}
	for i := 0; i < 7 && !hasDay(e.Days, day.Weekday()); i++ {
		day = day.AddDate(0, 0, 1)
	}
	if !lastDay.IsZero() && day.After(lastDay) {
		p.none = true
		return p, nil
	}
	p.start = time.Date(day.Year(), day.Month(), day.Day(), 0, e.From, 0, 0, loc)
	p.end = time.Date(day.Year(), day.Month(), day.Day(), 0, e.To, 0, 0, loc)
	if !lastDay.IsZero() {
		// The last second of the last day, in the zone: every occurrence
		// that starts on that day is included.
		p.until = time.Date(lastDay.Year(), lastDay.Month(), lastDay.Day(), 23, 59, 59, 0, loc)
	}
	return p, nil
}

func hasDay(days []time.Weekday, d time.Weekday) bool {
	for _, x := range days {
		if x == d {
			return true
		}
	}
	return false
}

var icsDays = [...]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

// byDay lists the days Monday first, whatever order they come in.
func byDay(days []time.Weekday) string {
	var out []string
	for i := 1; i <= 7; i++ {
		d := time.Weekday(i % 7)
		if hasDay(days, d) {
			out = append(out, icsDays[d])
		}
	}
	return strings.Join(out, ",")
}

// escapeText escapes a TEXT value (RFC 5545 §3.3.11).
func escapeText(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case ';':
			b.WriteString(`\;`)
		case ',':
			b.WriteString(`\,`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
		default:
			if r < 0x20 || r == 0x7f {
				continue // control characters are not allowed in TEXT
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// icsWriter writes content lines, folded.
type icsWriter struct{ b bytes.Buffer }

// MaxLine is the longest a content line may be, in octets, before CRLF.
const MaxLine = 75

// prop writes "name:value", folded at MaxLine octets without splitting a
// UTF-8 character: continuation lines start with one space, which counts.
func (w *icsWriter) prop(name, value string) {
	line := name + ":" + value
	limit := MaxLine
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		w.b.WriteString(line[:cut])
		w.b.WriteString("\r\n ")
		line = line[cut:]
		limit = MaxLine - 1
	}
	w.b.WriteString(line)
	w.b.WriteString("\r\n")
}
