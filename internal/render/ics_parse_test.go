package render

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/google/go-cmp/cmp"

	"github.com/relais-ecoles/relais/internal/view"
)

// TestICSExpandsWithAnotherParser reads the writer's output with another
// iCalendar library (github.com/arran4/golang-ical), then expands each
// event's weekly RRULE and places its local times with the VTIMEZONE read
// from the file (not with Go's tz database): the instants must be those a
// calendar application shows, across the change to summer time in Paris
// and in La Réunion, which has none.
func TestICSExpandsWithAnotherParser(t *testing.T) {
	for _, tc := range []struct {
		tzid string
		want []string // the start of every occurrence, in UTC
	}{
		{"Europe/Paris", []string{
			"2020-03-19T12:00:00Z", "2020-03-20T12:00:00Z",
			"2020-03-23T12:00:00Z", "2020-03-24T12:00:00Z", "2020-03-25T12:00:00Z", "2020-03-26T12:00:00Z", "2020-03-27T12:00:00Z",
			// Summer time from Sunday 29 March: 13h in Paris is 11:00 UTC.
			"2020-03-30T11:00:00Z", "2020-03-31T11:00:00Z", "2020-04-01T11:00:00Z", "2020-04-02T11:00:00Z", "2020-04-03T11:00:00Z",
		}},
		{"Indian/Reunion", []string{
			"2020-03-19T09:00:00Z", "2020-03-20T09:00:00Z",
			"2020-03-23T09:00:00Z", "2020-03-24T09:00:00Z", "2020-03-25T09:00:00Z", "2020-03-26T09:00:00Z", "2020-03-27T09:00:00Z",
			"2020-03-30T09:00:00Z", "2020-03-31T09:00:00Z", "2020-04-01T09:00:00Z", "2020-04-02T09:00:00Z", "2020-04-03T09:00:00Z",
		}},
	} {
		t.Run(tc.tzid, func(t *testing.T) {
			c := &view.Calendar{URL: "/academies/x/4e.ics", Name: "ENT – 4e", TZID: tc.tzid, Events: []*view.Event{{
				UID: "x-4e-academies-x-1-2@relais.example.fr", Summary: "Connexion à l’ENT – 4e",
				First: civil("2020-03-19"), Until: civil("2020-04-05"), Days: weekdays, From: 13 * 60, To: 17 * 60,
			}}}
			data, err := ICS(c, "")
			if err != nil {
				t.Fatal(err)
			}
			cal, err := ics.ParseCalendar(strings.NewReader(string(data)))
			if err != nil {
				t.Fatalf("golang-ical refuses the file: %v\n%s", err, data)
			}
			zones := map[string]*testZone{}
			for _, comp := range cal.Components {
				if tz, ok := comp.(*ics.VTimezone); ok {
					z := readZone(t, tz)
					zones[z.id] = z
				}
			}
			events := cal.Events()
			if len(events) != 1 {
				t.Fatalf("%d events", len(events))
			}
			e := events[0]
			if got := e.Id(); got != c.Events[0].UID {
				t.Errorf("UID = %q", got)
			}
			if got := e.GetProperty(ics.ComponentPropertySummary).Value; got != "Connexion à l’ENT – 4e" {
				t.Errorf("SUMMARY = %q", got)
			}
			var got []string
			for _, s := range expand(t, e, zones, time.Date(2020, 6, 1, 0, 0, 0, 0, time.UTC)) {
				got = append(got, s.Format(time.RFC3339))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("occurrences (-want +got):\n%s", diff)
			}
		})
	}
}

// TestICSOpenEndedAcrossYears checks the yearly rules of the VTIMEZONE, read
// by another library: an open-ended event keeps its local hours through the
// changes of the following years.
func TestICSOpenEndedAcrossYears(t *testing.T) {
	for _, tc := range []struct {
		tzid string
		want []string // some occurrences, in UTC
	}{
		{"Europe/Paris", []string{
			"2021-03-26T12:00:00Z", "2021-03-29T11:00:00Z", // summer time from 28 March 2021
			"2021-10-29T11:00:00Z", "2021-11-01T12:00:00Z", // winter time from 31 October 2021
			"2022-03-25T12:00:00Z", "2022-03-28T11:00:00Z",
		}},
		{"Indian/Reunion", []string{"2021-03-26T09:00:00Z", "2021-03-29T09:00:00Z", "2021-11-01T09:00:00Z", "2022-03-28T09:00:00Z"}},
	} {
		t.Run(tc.tzid, func(t *testing.T) {
			c := &view.Calendar{URL: "/c.ics", TZID: tc.tzid, Events: []*view.Event{{
				UID: "x", Summary: "x", First: civil("2020-03-19"), Days: weekdays, From: 13 * 60, To: 17 * 60,
			}}}
			data, err := ICS(c, "")
			if err != nil {
				t.Fatal(err)
			}
			cal, err := ics.ParseCalendar(strings.NewReader(string(data)))
			if err != nil {
				t.Fatal(err)
			}
			zones := map[string]*testZone{}
			for _, comp := range cal.Components {
				if tz, ok := comp.(*ics.VTimezone); ok {
					z := readZone(t, tz)
					zones[z.id] = z
				}
			}
			got := map[string]bool{}
			for _, s := range expand(t, cal.Events()[0], zones, time.Date(2022, 4, 1, 0, 0, 0, 0, time.UTC)) {
				got[s.Format(time.RFC3339)] = true
			}
			for _, w := range tc.want {
				if !got[w] {
					t.Errorf("no occurrence at %s", w)
				}
			}
		})
	}
}

// testZone is a VTIMEZONE as read from a file: its changes, as instants
// and the offset they lead to.
type testZone struct {
	id      string
	changes []zoneChange
}

type zoneChange struct {
	at  time.Time
	off int // seconds east of UTC
}

func parseOffset(t *testing.T, s string) int {
	t.Helper()
	if len(s) != 5 && len(s) != 7 {
		t.Fatalf("bad offset %q", s)
	}
	h, _ := strconv.Atoi(s[1:3])
	m, _ := strconv.Atoi(s[3:5])
	sec := h*3600 + m*60
	if len(s) == 7 {
		x, _ := strconv.Atoi(s[5:7])
		sec += x
	}
	if s[0] == '-' {
		sec = -sec
	}
	return sec
}

func parseLocal(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse("20060102T150405", s)
	if err != nil {
		t.Fatalf("bad local time %q", s)
	}
	return v
}

func rruleParts(s string) map[string]string {
	m := map[string]string{}
	for _, p := range strings.Split(s, ";") {
		k, v, _ := strings.Cut(p, "=")
		m[k] = v
	}
	return m
}

var byDayCodes = map[string]time.Weekday{"SU": time.Sunday, "MO": time.Monday, "TU": time.Tuesday, "WE": time.Wednesday, "TH": time.Thursday, "FR": time.Friday, "SA": time.Saturday}

// readZone interprets the STANDARD and DAYLIGHT observances of a VTIMEZONE,
// with yearly BYMONTH/BYDAY rules, until 2030.
func readZone(t *testing.T, tz *ics.VTimezone) *testZone {
	z := &testZone{id: tz.GetProperty(ics.ComponentPropertyTzid).Value}
	for _, sub := range tz.Components {
		var base *ics.ComponentBase
		switch o := sub.(type) {
		case *ics.Standard:
			base = &o.ComponentBase
		case *ics.Daylight:
			base = &o.ComponentBase
		default:
			t.Fatalf("unexpected %T in VTIMEZONE", sub)
		}
		start := parseLocal(t, base.GetProperty(ics.ComponentPropertyDtStart).Value)
		from := parseOffset(t, base.GetProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom)).Value)
		to := parseOffset(t, base.GetProperty(ics.ComponentProperty(ics.PropertyTzoffsetto)).Value)
		walls := []time.Time{start}
		if r := base.GetProperty(ics.ComponentPropertyRrule); r != nil {
			p := rruleParts(r.Value)
			if p["FREQ"] != "YEARLY" {
				t.Fatalf("observance rule %q", r.Value)
			}
			month, _ := strconv.Atoi(p["BYMONTH"])
			code := p["BYDAY"]
			n, _ := strconv.Atoi(code[:len(code)-2])
			wd := byDayCodes[code[len(code)-2:]]
			for y := start.Year() + 1; y <= 2030; y++ {
				// Counted here without nthWeekday, to check it.
				var days []int
				for d := 1; d <= 31; d++ {
					x := time.Date(y, time.Month(month), d, 0, 0, 0, 0, time.UTC)
					if x.Month() == time.Month(month) && x.Weekday() == wd {
						days = append(days, d)
					}
				}
				d := days[len(days)-1]
				if n > 0 {
					d = days[n-1]
				}
				walls = append(walls, time.Date(y, time.Month(month), d, start.Hour(), start.Minute(), start.Second(), 0, time.UTC))
			}
		}
		for _, w := range walls {
			z.changes = append(z.changes, zoneChange{at: w.Add(-time.Duration(from) * time.Second), off: to})
		}
	}
	slices.SortFunc(z.changes, func(a, b zoneChange) int { return a.at.Compare(b.at) })
	return z
}

// offsetAt is the offset in force at the instant u.
func (z *testZone) offsetAt(u time.Time) (int, bool) {
	off, ok := 0, false
	for _, c := range z.changes {
		if c.at.After(u) {
			break
		}
		off, ok = c.off, true
	}
	return off, ok
}

// instant places a wall-clock time of the zone.
func (z *testZone) instant(t *testing.T, wall time.Time) time.Time {
	t.Helper()
	seen := map[int]bool{}
	for _, c := range z.changes {
		if seen[c.off] {
			continue
		}
		seen[c.off] = true
		u := wall.Add(-time.Duration(c.off) * time.Second)
		if off, ok := z.offsetAt(u); ok && off == c.off {
			return u
		}
	}
	t.Fatalf("%s: no offset places %s", z.id, wall)
	return time.Time{}
}

// expand lists the starts of a weekly event until end.
func expand(t *testing.T, e *ics.VEvent, zones map[string]*testZone, end time.Time) []time.Time {
	t.Helper()
	dtstart := e.GetProperty(ics.ComponentPropertyDtStart)
	tzid := dtstart.ICalParameters["TZID"]
	if len(tzid) != 1 || zones[tzid[0]] == nil {
		t.Fatalf("DTSTART without a TZID that has a VTIMEZONE: %+v", dtstart)
	}
	z := zones[tzid[0]]
	start := parseLocal(t, dtstart.Value)
	rule := rruleParts(e.GetProperty(ics.ComponentPropertyRrule).Value)
	if rule["FREQ"] != "WEEKLY" {
		t.Fatalf("rule %v", rule)
	}
	var until time.Time
	if u := rule["UNTIL"]; u != "" {
		if !strings.HasSuffix(u, "Z") {
			t.Fatalf("UNTIL %q is not in UTC", u)
		}
		until = parseLocal(t, strings.TrimSuffix(u, "Z"))
	}
	days := map[time.Weekday]bool{}
	for _, d := range strings.Split(rule["BYDAY"], ",") {
		days[byDayCodes[d]] = true
	}
	if !days[start.Weekday()] {
		t.Errorf("DTSTART %s is not one of the rule's days", start)
	}
	var out []time.Time
	for wall := start; ; wall = wall.AddDate(0, 0, 1) {
		u := z.instant(t, wall)
		if u.After(end) || !until.IsZero() && u.After(until) {
			break
		}
		if days[wall.Weekday()] {
			out = append(out, u)
		}
		if len(out) > 5000 {
			panic(fmt.Sprint("runaway expansion from ", start))
		}
	}
	return out
}
