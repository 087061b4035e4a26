package sitetest

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/territory"
)

var (
	icsAcademyRE = regexp.MustCompile(`^academies/([^/]+)/([^/]+)\.ics$`)
	icsStartRE   = regexp.MustCompile(`(?m)^DTSTART;TZID=[^:]+:(\d{8})T`)
	icsUntilRE   = regexp.MustCompile(`(?m)^RRULE:.*;UNTIL=(\d{8})T(\d{6})Z`)
)

// TestShippedCalendarsStayInTheSources: no event of the shipped calendars
// repeats for ever (every RRULE has an UNTIL, no later than the end of the
// known period for a timetable without an end), none falls in the school
// holidays of its académie's zone, and a calendar holds one kind of
// school's pupils or its parents, never both.
func TestShippedCalendarsStayInTheSources(t *testing.T) {
	res := Shipped(t)
	zones := map[string]string{}
	tree, errs := load.Site(os.DirFS(RepoRoot(t)))
	if errs != nil {
		t.Fatal(errs)
	}
	terr, errs := territory.Decode(tree)
	if errs != nil {
		t.Fatal(errs)
	}
	for _, ac := range terr.Academies {
		zones[ac.Slug] = ac.HolidayZone
	}
	n := 0
	for _, o := range res.Outputs {
		m := icsAcademyRE.FindStringSubmatch(o.Path)
		if m == nil {
			continue
		}
		n++
		cal := strings.ReplaceAll(string(o.Data), "\r\n ", "")
		events := strings.Split(cal, "BEGIN:VEVENT")[1:]
		parents := strings.HasSuffix(m[2], "-parents")
		for _, ev := range events {
			start := icsStartRE.FindStringSubmatch(ev)
			until := icsUntilRE.FindStringSubmatch(ev)
			if start == nil || until == nil {
				t.Errorf("%s: an event without DTSTART or UNTIL repeats for ever:\n%s", o.Path, ev)
				continue
			}
			first, _ := time.Parse("20060102", start[1])
			// UNTIL is the end of the last day in the académie's zone, in
			// UTC: that day or the next one in UTC.
			last, _ := time.Parse("20060102", until[1])
			if until[2] < "120000" {
				last = last.AddDate(0, 0, -1)
			}
			if last.After(territory.KnownUntil()) {
				t.Errorf("%s: an event runs until %s, after the end of the known period", o.Path, last.Format(time.DateOnly))
			}
			hs, _ := territory.Holidays(zones[m[1]])
			for _, h := range hs {
				if !last.Before(h.From) && !first.After(h.Last()) {
					t.Errorf("%s: an event from %s to %s covers the %s", o.Path, first.Format(time.DateOnly), last.Format(time.DateOnly), h.French())
				}
			}
			if got := strings.Contains(ev, "SUMMARY:Parents : "); got != parents {
				t.Errorf("%s: parents' event %v in a calendar of parents %v", o.Path, got, parents)
			}
		}
	}
	if n < 20 {
		t.Errorf("only %d calendars checked", n)
	}
}
