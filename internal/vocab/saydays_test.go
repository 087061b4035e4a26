package vocab

import (
	"strings"
	"testing"
	"time"
)

func TestSayDays(t *testing.T) {
	long := func(days ...time.Weekday) string {
		return SayDays(days, "tous les jours",
			func(a, b Weekday) string { return "du " + a.Label + " au " + b.Label },
			func(w Weekday) string { return "le " + w.Label },
			func(ws []string) string { return strings.Join(ws, " et ") })
	}
	short := func(days ...time.Weekday) string {
		return SayDays(days, "tous les jours",
			func(a, b Weekday) string { return a.Slug + ".–" + b.Slug + "." },
			func(w Weekday) string { return w.Slug + "." },
			func(ws []string) string { return strings.Join(ws, ", ") })
	}
	all := []time.Weekday{time.Sunday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday}
	for _, tc := range []struct {
		got, want string
	}{
		{long(), ""},
		{long(all...), "tous les jours"},
		{long(time.Friday, time.Monday, time.Wednesday, time.Tuesday, time.Thursday), "du lundi au vendredi"},
		{long(time.Monday, time.Thursday), "le lundi et le jeudi"},
		{long(time.Monday, time.Tuesday), "le lundi et le mardi"},
		{long(time.Saturday, time.Sunday, time.Friday), "du vendredi au dimanche"},
		{long(time.Sunday, time.Monday, time.Tuesday), "le lundi et le mardi et le dimanche"}, // not a run from Monday on
		{short(time.Tuesday), "mar."},
		{short(time.Monday, time.Monday, time.Thursday, time.Friday), "lun., jeu., ven."},
		{short(time.Monday, time.Tuesday, time.Wednesday), "lun.–mer."},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
