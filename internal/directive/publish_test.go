package directive

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/relais-ecoles/relais/internal/territory"
)

// now is the pinned clock of these tests: Friday 20 March 2020, 10:00 in Paris.
var now = time.Date(2020, 3, 20, 10, 0, 0, 0, paris)

// dir returns a directive of issuer published at the Paris time "2020-03-DD HH:MM".
func dir(slug string, issuer territory.Issuer, date string, opts ...func(*Directive)) *Directive {
	t, err := time.ParseInLocation("2006-01-02 15:04", date, paris)
	if err != nil {
		panic(err)
	}
	d := &Directive{Slug: slug, Issuer: issuer, Path: "content/" + issuer.Dir() + "/directives/" + slug + ".md", Loc: paris, Date: t}
	for _, o := range opts {
		o(d)
	}
	return d
}

func draft(d *Directive)  { d.Draft = true }
func urgent(d *Directive) { d.Urgent = true }
func expires(day string) func(*Directive) {
	return func(d *Directive) {
		d.Expires, _ = time.Parse(time.DateOnly, day)
	}
}
func levelsOf(ls ...string) func(*Directive) { return func(d *Directive) { d.Levels = ls } }
func audiencesOf(as ...string) func(*Directive) {
	return func(d *Directive) { d.Audiences = as }
}

func slugsOf(ds []*Directive) []string {
	out := []string{}
	for _, d := range ds {
		out = append(out, d.Slug)
	}
	return out
}

func TestStatus(t *testing.T) {
	for _, tc := range []struct {
		d    *Directive
		now  time.Time
		want Status
	}{
		{dir("current", national, "2020-03-17 09:00"), now, StatusCurrent},
		{dir("published-this-minute", national, "2020-03-20 10:00"), now, StatusCurrent},
		{dir("future", national, "2020-03-20 10:01"), now, StatusFuture},
		{dir("draft", national, "2020-03-17 09:00", draft), now, StatusDraft},
		{dir("future-draft", national, "2020-03-25 09:00", draft), now, StatusDraft},
		{dir("expired", national, "2020-03-16 09:00", expires("2020-03-19")), now, StatusExpired},
		{dir("expires-today", national, "2020-03-16 09:00", expires("2020-03-20")), now, StatusCurrent},
		{dir("never-expires", national, "2020-03-16 09:00"), time.Date(2030, 1, 1, 0, 0, 0, 0, paris), StatusCurrent},
		// 20 March 00:30 in Paris is still 19 March 23:30 UTC: the issuer's
		// date, not UTC's, decides.
		{dir("expires-19", national, "2020-03-16 09:00", expires("2020-03-19")), time.Date(2020, 3, 20, 0, 30, 0, 0, paris), StatusExpired},
		{dir("expires-19", national, "2020-03-16 09:00", expires("2020-03-19")), time.Date(2020, 3, 19, 23, 30, 0, 0, paris), StatusCurrent},
	} {
		if got := tc.d.Status(tc.now); got != tc.want {
			t.Errorf("%s at %s: status %v, want %v", tc.d.Slug, tc.now.Format(time.RFC3339), got, tc.want)
		}
	}
}

func TestExpiredInOverseasZone(t *testing.T) {
	// At 21:30 UTC on 19 March it is already 20 March in La Réunion (UTC+4).
	d := dir("x", territory.Issuer{Kind: territory.IssuerAcademy, Slug: "la-reunion"}, "2020-03-16 09:00", expires("2020-03-19"))
	at := time.Date(2020, 3, 19, 21, 30, 0, 0, time.UTC)
	if d.Expired(at) {
		t.Errorf("expired at %v in Paris's zone", at)
	}
	d.Loc = reunion
	if !d.Expired(at) {
		t.Errorf("not expired at %v in La Réunion's zone", at)
	}
}

func TestPublished(t *testing.T) {
	ds := []*Directive{
		dir("current", national, "2020-03-17 09:00"),
		dir("draft", national, "2020-03-18 09:00", draft),
		dir("future", national, "2020-03-23 09:00"),
		dir("future-draft", national, "2020-03-24 09:00", draft),
		dir("expired", national, "2020-03-16 09:00", expires("2020-03-19")),
	}
	for _, tc := range []struct {
		name string
		opts Options
		want []string
	}{
		{"default", Options{Now: now}, []string{"current", "expired"}},
		{"--drafts", Options{Now: now, Drafts: true}, []string{"draft", "current", "expired"}},
		{"--future", Options{Now: now, Future: true}, []string{"future", "current", "expired"}},
		{"--drafts --future", Options{Now: now, Drafts: true, Future: true}, []string{"future-draft", "future", "draft", "current", "expired"}},
		{"later clock", Options{Now: now.AddDate(0, 0, 5)}, []string{"future", "current", "expired"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, slugsOf(Published(ds, tc.opts))); diff != "" {
				t.Errorf("Published (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCurrentAndArchive(t *testing.T) {
	ds := []*Directive{
		dir("feb", national, "2020-02-28 09:00", expires("2020-03-01")),
		dir("mar-a", national, "2020-03-16 09:00", expires("2020-03-18")),
		dir("mar-b", acParis, "2020-03-17 09:00", expires("2020-03-19")),
		dir("mar-c", idf, "2020-03-17 09:00", expires("2020-03-19")),
		dir("today", national, "2020-03-17 09:00", expires("2020-03-20")),
		dir("open", national, "2020-03-18 09:00"),
		// Published on 1 April 2020 at 01:00 in La Réunion, which is still
		// 31 March in Paris: it belongs to April, its own month.
		{Slug: "reunion-apr", Issuer: territory.Issuer{Kind: territory.IssuerAcademy, Slug: "la-reunion"}, Loc: reunion,
			Date: time.Date(2020, 4, 1, 1, 0, 0, 0, reunion), Expires: time.Date(2020, 4, 2, 0, 0, 0, 0, time.UTC)},
		dir("paris-mar-31", national, "2020-03-31 23:30", expires("2020-04-02")),
	}
	at := time.Date(2020, 4, 20, 12, 0, 0, 0, paris)
	if diff := cmp.Diff([]string{"open"}, slugsOf(Current(ds, at))); diff != "" {
		t.Errorf("Current (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"open", "today"}, slugsOf(Current(Published(ds, Options{Now: now}), now))); diff != "" {
		t.Errorf("Current on 20 March (-want +got):\n%s", diff)
	}
	type month struct {
		Label string
		Slugs []string
	}
	var got []month
	for _, m := range Archive(ds, at) {
		got = append(got, month{m.Label, slugsOf(m.Directives)})
	}
	want := []month{
		{"avril 2020", []string{"reunion-apr"}},
		// Published at the same instant: ordered by slug.
		{"mars 2020", []string{"paris-mar-31", "mar-b", "mar-c", "today", "mar-a"}},
		{"février 2020", []string{"feb"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Archive (-want +got):\n%s", diff)
	}
}

func TestBanner(t *testing.T) {
	for _, tc := range []struct {
		d    *Directive
		now  time.Time
		want bool
	}{
		{dir("urgent", national, "2020-03-17 09:00", urgent, expires("2020-03-31")), now, true},
		{dir("urgent-no-expiry", acParis, "2020-03-17 09:00", urgent), now, true},
		{dir("plain", national, "2020-03-18 09:00", expires("2020-03-31")), now, false},
		{dir("expired-urgent", national, "2020-03-16 09:00", urgent, expires("2020-03-19")), now, false},
		{dir("urgent-expires-today", national, "2020-03-16 09:00", urgent, expires("2020-03-20")), now, true},
		{dir("urgent-after-expiry", idf, "2020-03-16 09:00", urgent, expires("2020-03-31")), time.Date(2020, 4, 1, 0, 0, 0, 0, paris), false},
	} {
		if got := tc.d.Banner(tc.now); got != tc.want {
			t.Errorf("%s: Banner = %v, want %v", tc.d.Slug, got, tc.want)
		}
	}
}

func TestConcernsForFamilies(t *testing.T) {
	for _, tc := range []struct {
		d        *Directive
		level    string
		concerns bool
		families bool
	}{
		{dir("all-levels", national, "2020-03-17 09:00", audiencesOf("parents", "eleves")), "cm1", true, true},
		{dir("college", acParis, "2020-03-19 09:00", levelsOf("6e", "5e", "4e", "3e"), audiencesOf("parents")), "4e", true, true},
		{dir("college", acParis, "2020-03-19 09:00", levelsOf("6e", "5e", "4e", "3e"), audiencesOf("parents")), "seconde", false, true},
		{dir("lycee", idf, "2020-03-18 09:00", levelsOf("seconde"), audiencesOf("enseignants")), "seconde", true, false},
		{dir("free", national, "2020-03-18 09:00", audiencesOf("tous")), "4e", true, true},
		{dir("pupils", national, "2020-03-18 09:00", audiencesOf("eleves")), "4e", true, true},
		{dir("staff", national, "2020-03-18 09:00", audiencesOf("enseignants")), "4e", true, false},
	} {
		if got := tc.d.Concerns(tc.level); got != tc.concerns {
			t.Errorf("%s: Concerns(%q) = %v, want %v", tc.d.Slug, tc.level, got, tc.concerns)
		}
		if got := tc.d.ForFamilies(); got != tc.families {
			t.Errorf("%s: ForFamilies = %v, want %v", tc.d.Slug, got, tc.families)
		}
	}
}

func TestCompareIsStable(t *testing.T) {
	// Same instant: slug first, then issuer.
	a := dir("a", national, "2020-03-17 09:00")
	b1 := dir("b", acParis, "2020-03-17 09:00")
	b2 := dir("b", idf, "2020-03-17 09:00")
	newer := dir("z", national, "2020-03-17 09:01")
	got := slugsOf(Current([]*Directive{b2, a, newer, b1}, now))
	if diff := cmp.Diff([]string{"z", "a", "b", "b"}, got); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	if Compare(b1, b2) >= 0 {
		t.Errorf("academies/paris should sort before regions/ile-de-france")
	}
	in := []*Directive{b2, a}
	Current(in, now)
	if in[0] != b2 {
		t.Errorf("Current reordered its input")
	}
}

func TestMonthLabel(t *testing.T) {
	if got := MonthLabel(2020, time.March); got != "mars 2020" {
		t.Errorf("MonthLabel = %q", got)
	}
	if got := MonthLabel(2020, time.August); got != "août 2020" {
		t.Errorf("MonthLabel = %q", got)
	}
}
