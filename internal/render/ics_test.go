package render

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/relais-ecoles/relais/internal/view"
)

func civil(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

var weekdays = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}

func mustICS(t *testing.T, c *view.Calendar) string {
	t.Helper()
	b, err := ICS(c, "https://relais.example.fr"+c.URL)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// unfold undoes RFC 5545 line folding.
func unfold(s string) []string {
	return strings.Split(strings.TrimSuffix(strings.ReplaceAll(s, "\r\n ", ""), "\r\n"), "\r\n")
}

func TestICSLines(t *testing.T) {
	long := strings.Repeat("Créneau réservé aux élèves de 4e ; ensuite, accès libre — ", 4)
	c := &view.Calendar{URL: "/academies/paris/4e.ics", Name: "ENT – 4e, académie de Paris", TZID: "Europe/Paris", Events: []*view.Event{{
		UID: "paris-4e-academies-paris-1-2@relais.example.fr", Summary: long, Description: "ligne 1\nligne 2, avec \\ et ;",
		First: civil("2020-03-19"), Until: civil("2020-05-03"), Days: weekdays, From: 13 * 60, To: 17 * 60,
	}}}
	out := mustICS(t, c)
	if !strings.HasSuffix(out, "END:VCALENDAR\r\n") {
		t.Errorf("does not end with END:VCALENDAR CRLF")
	}
	if strings.Contains(strings.ReplaceAll(out, "\r\n", ""), "\n") || strings.Contains(strings.ReplaceAll(out, "\r\n", ""), "\r") {
		t.Errorf("a line ends without CRLF")
	}
	for i, l := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
		if len(l) > MaxLine {
			t.Errorf("line %d is %d octets: %q", i+1, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d splits a UTF-8 character: %q", i+1, l)
		}
	}
	lines := unfold(out)
	want := map[string]bool{
		"SUMMARY:" + strings.NewReplacer(";", `\;`, ",", `\,`).Replace(long): true,
		`DESCRIPTION:ligne 1\nligne 2\, avec \\ et \;`:                       true,
		"DTSTART;TZID=Europe/Paris:20200319T130000":                          true,
		"DTEND;TZID=Europe/Paris:20200319T170000":                            true,
		// The last second of Sunday 3 May in Paris (UTC+2), in UTC.
		"RRULE:FREQ=WEEKLY;WKST=MO;BYDAY=MO,TU,WE,TH,FR;UNTIL=20200503T215959Z": true,
		// The first day of the earliest occurrence: the content's, not the build's.
		"DTSTAMP:20200319T000000Z":                           true,
		"PRODID:" + ProdID:                                   true,
		`X-WR-CALNAME:ENT – 4e\, académie de Paris`:          true,
		"UID:paris-4e-academies-paris-1-2@relais.example.fr": true,
		// A subscribed application reads it again twice a day.
		"REFRESH-INTERVAL;VALUE=DURATION:PT12H":                             true,
		"X-PUBLISHED-TTL:PT12H":                                             true,
		"SOURCE;VALUE=URI:https://relais.example.fr/academies/paris/4e.ics": true,
	}
	for _, l := range lines {
		delete(want, l)
	}
	for w := range want {
		t.Errorf("no line %q in\n%s", w, out)
	}
	if n := strings.Count(out, "BEGIN:VTIMEZONE"); n != 1 {
		t.Errorf("%d VTIMEZONE, want 1", n)
	}
	// A subscription feed is no iTIP message: METHOD would require an
	// ORGANIZER (RFC 5546).
	if strings.Contains(out, "\r\nMETHOD:") {
		t.Errorf("the calendar has a METHOD:\n%s", out)
	}
}

func TestICSFirstOccurrence(t *testing.T) {
	// First is a Sunday: DTSTART moves to the Monday, or the Sunday would
	// count as an occurrence. A period with no matching day has no event.
	c := &view.Calendar{URL: "/c.ics", TZID: "Europe/Paris", Events: []*view.Event{
		{UID: "a", Summary: "a", First: civil("2020-03-22"), Days: weekdays, From: 480, To: 720},
		{UID: "b", Summary: "b", First: civil("2020-03-28"), Until: civil("2020-03-29"), Days: weekdays, From: 480, To: 720},
		{UID: "c", Summary: "c", First: civil("2020-03-23"), Days: []time.Weekday{time.Wednesday}, From: 17 * 60, To: 24 * 60},
	}}
	out := mustICS(t, c)
	lines := unfold(out[strings.Index(out, "BEGIN:VEVENT"):])
	var got []string
	for _, l := range lines {
		if strings.HasPrefix(l, "DTSTART;") || strings.HasPrefix(l, "DTEND;") || strings.HasPrefix(l, "UID:") || strings.HasPrefix(l, "RRULE:") {
			got = append(got, l)
		}
	}
	want := []string{
		"UID:a", "DTSTART;TZID=Europe/Paris:20200323T080000", "DTEND;TZID=Europe/Paris:20200323T120000", "RRULE:FREQ=WEEKLY;WKST=MO;BYDAY=MO,TU,WE,TH,FR",
		"UID:c", "DTSTART;TZID=Europe/Paris:20200325T170000", "DTEND;TZID=Europe/Paris:20200326T000000", "RRULE:FREQ=WEEKLY;WKST=MO;BYDAY=WE",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
}

func TestICSEmptyCalendar(t *testing.T) {
	out := mustICS(t, &view.Calendar{URL: "/c.ics", TZID: "Pacific/Noumea"})
	if strings.Contains(out, "VTIMEZONE") || strings.Contains(out, "VEVENT") {
		t.Errorf("a calendar without events has a VTIMEZONE or a VEVENT:\n%s", out)
	}
	if !strings.HasSuffix(out, "END:VCALENDAR\r\n") {
		t.Errorf("does not end with END:VCALENDAR CRLF:\n%s", out)
	}
}

func TestICSErrors(t *testing.T) {
	for name, c := range map[string]*view.Calendar{
		"zone":  {TZID: "Europe/Pariss"},
		"empty": {TZID: ""},
		"days":  {TZID: "Europe/Paris", Events: []*view.Event{{UID: "x", First: civil("2020-03-23"), From: 1, To: 2}}},
		"hours": {TZID: "Europe/Paris", Events: []*view.Event{{UID: "x", First: civil("2020-03-23"), Days: weekdays, From: 600, To: 600}}},
		"until": {TZID: "Europe/Paris", Events: []*view.Event{{UID: "x", First: civil("2020-03-23"), Until: civil("2020-03-01"), Days: weekdays, From: 1, To: 2}}},
	} {
		if _, err := ICS(c, ""); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestVTimezone(t *testing.T) {
	block := func(tzid string) string {
		out := mustICS(t, &view.Calendar{URL: "/c.ics", TZID: tzid, Events: []*view.Event{
			{UID: "x", Summary: "x", First: civil("2020-03-19"), Days: weekdays, From: 480, To: 720},
		}})
		i, j := strings.Index(out, "BEGIN:VTIMEZONE"), strings.Index(out, "END:VTIMEZONE")
		return strings.ReplaceAll(out[i:j], "\r\n", "\n")
	}
	for _, tc := range []struct{ tzid, want string }{
		{"Europe/Paris", `BEGIN:VTIMEZONE
TZID:Europe/Paris
X-LIC-LOCATION:Europe/Paris
BEGIN:STANDARD
DTSTART:20191027T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
TZNAME:CET
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:20200329T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
TZNAME:CEST
END:DAYLIGHT
`},
		{"Indian/Reunion", `BEGIN:VTIMEZONE
TZID:Indian/Reunion
X-LIC-LOCATION:Indian/Reunion
BEGIN:STANDARD
DTSTART:19700101T000000
TZOFFSETFROM:+0400
TZOFFSETTO:+0400
TZNAME:+04
END:STANDARD
`},
		{"America/Cayenne", `BEGIN:VTIMEZONE
TZID:America/Cayenne
X-LIC-LOCATION:America/Cayenne
BEGIN:STANDARD
DTSTART:19700101T000000
TZOFFSETFROM:-0300
TZOFFSETTO:-0300
TZNAME:-03
END:STANDARD
`},
	} {
		if diff := cmp.Diff(tc.want, block(tc.tzid)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.tzid, diff)
		}
	}
}

// A zone whose rules are not yearly from the first change still gets every
// change the events need: Europe/Moscow kept summer time until 2011.
func TestVTimezoneExplicitChanges(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Moscow")
	if err != nil {
		t.Skip(err)
	}
	from := time.Date(2010, 6, 1, 12, 0, 0, 0, loc)
	obs := observances(loc, from, time.Date(2012, 1, 1, 0, 0, 0, 0, loc))
	if len(obs) < 2 || obs[0].rule != "" {
		t.Fatalf("observances = %+v", obs)
	}
	for _, o := range obs {
		if o.rule != "" {
			t.Errorf("rule %q for a zone that stopped changing", o.rule)
		}
	}
}

func TestFoldNeverSplitsARune(t *testing.T) {
	for n := 60; n < 80; n++ {
		w := &icsWriter{}
		w.prop("SUMMARY", strings.Repeat("a", n-8)+"éééééééé€€€")
		for _, l := range bytes.Split(bytes.TrimSuffix(w.b.Bytes(), []byte("\r\n")), []byte("\r\n")) {
			if len(l) > MaxLine || !utf8.Valid(l) {
				t.Errorf("n=%d: bad line %q (%d octets)", n, l, len(l))
			}
		}
		if got := unfold(w.b.String())[0]; got != "SUMMARY:"+strings.Repeat("a", n-8)+"éééééééé€€€" {
			t.Errorf("n=%d: unfolds to %q", n, got)
		}
	}
}

func TestNthWeekday(t *testing.T) {
	for _, tc := range []struct {
		y    int
		m    time.Month
		wd   time.Weekday
		n    int
		want int
	}{
		{2020, time.March, time.Sunday, -1, 29},
		{2020, time.October, time.Sunday, -1, 25},
		{2021, time.March, time.Sunday, -1, 28},
		{2020, time.March, time.Sunday, 2, 8},
		{2020, time.November, time.Sunday, 1, 1},
	} {
		if got := nthWeekday(tc.y, tc.m, tc.wd, tc.n); got != tc.want {
			t.Errorf("nthWeekday(%d, %v, %v, %d) = %d, want %d", tc.y, tc.m, tc.wd, tc.n, got, tc.want)
		}
	}
}
