package territory

import (
	"testing"
	"time"
)

func TestHolidays(t *testing.T) {
	t.Parallel()
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		zone, day string
		want      bool // a holiday that day
	}{
		// Zone A: Saturday 18 April to Sunday 3 May; classes resume Monday 4 May.
		{"A", "2020-04-17", false},
		{"A", "2020-04-18", true},
		{"A", "2020-05-03", true},
		{"A", "2020-05-04", false},
		// Zone B: 11 April to 26 April; classes resume Monday 27 April.
		{"B", "2020-04-10", false},
		{"B", "2020-04-11", true},
		{"B", "2020-04-26", true},
		{"B", "2020-04-27", false},
		// Zone C: 4 April to 19 April; classes resume Monday 20 April.
		{"C", "2020-04-03", false},
		{"C", "2020-04-04", true},
		{"C", "2020-04-19", true},
		{"C", "2020-04-20", false},
		// Not in the sources: no holiday is invented.
		{"corse", "2020-04-15", false},
		{"outre-mer", "2020-04-15", false},
		{"", "2020-04-15", false},
	} {
		_, got := HolidayOn(tc.zone, day(tc.day))
		if got != tc.want {
			t.Errorf("HolidayOn(%q, %s) = %v, want %v", tc.zone, tc.day, got, tc.want)
		}
	}
	// The civil date is read in the instant's own zone: 23:30 in Paris on
	// Friday 3 April is not yet zone C's holiday, 00:30 on the 4th is.
	if _, ok := HolidayOn("C", time.Date(2020, 4, 3, 23, 30, 0, 0, paris)); ok {
		t.Error("Friday 3 April 23:30 in Paris is a holiday of zone C")
	}
	if _, ok := HolidayOn("C", time.Date(2020, 4, 4, 0, 30, 0, 0, paris)); !ok {
		t.Error("Saturday 4 April 00:30 in Paris is not a holiday of zone C")
	}
	for _, z := range []string{"A", "B", "C"} {
		if _, known := Holidays(z); !known {
			t.Errorf("the holidays of zone %s are not known", z)
		}
	}
	for _, z := range []string{"corse", "outre-mer"} {
		if hs, known := Holidays(z); known || hs != nil {
			t.Errorf("Holidays(%q) = %v, %v: the sources do not give them", z, hs, known)
		}
	}
	hs, _ := Holidays("C")
	if got, want := hs[0].French(), "vacances de printemps de la zone C, du samedi 4 avril au dimanche 19 avril 2020 (reprise des cours le lundi 20 avril)"; got != want {
		t.Errorf("French() = %q, want %q", got, want)
	}
	if got := KnownUntil(); !got.Equal(day("2020-05-03")) {
		t.Errorf("KnownUntil() = %v, want Sunday 3 May 2020 (return considered for Monday 4 May)", got)
	}
}

// Contains reports whether the civil date of day (read in day's own
// location) is a day of the holiday.
func (h Holiday) Contains(day time.Time) bool {
	y, m, d := day.Date()
	c := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return !c.Before(h.From) && c.Before(h.Resume)
}

// HolidayOn returns the holiday of zone that day (its civil date) falls
// in, if the sources state one.
func HolidayOn(zone string, day time.Time) (Holiday, bool) {
	hs, _ := Holidays(zone)
	for _, h := range hs {
		if h.Contains(day) {
			return h, true
		}
	}
	return Holiday{}, false
}
