package timetable

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestCutPeriod(t *testing.T) {
	t.Parallel()
	d := func(s string) time.Time {
		if s == "" {
			return time.Time{}
		}
		v, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, tc := range []struct {
		name, zone, first, last string
		want                    [][2]string
		bounded, known          bool
		holidays                int
	}{
		{"open-ended, zone C: cut by the holidays, stopped on 3 May", "C", "2020-03-19", "", [][2]string{{"2020-03-19", "2020-04-03"}, {"2020-04-20", "2020-05-03"}}, true, true, 1},
		{"open-ended, zone A: the holidays reach the end", "A", "2020-03-19", "", [][2]string{{"2020-03-19", "2020-04-17"}}, true, true, 1},
		{"zone B with an end before the holidays", "B", "2020-03-16", "2020-04-10", [][2]string{{"2020-03-16", "2020-04-10"}}, false, true, 0},
		{"starting during the holidays", "C", "2020-04-06", "2020-04-30", [][2]string{{"2020-04-20", "2020-04-30"}}, false, true, 1},
		{"inside the holidays only", "B", "2020-04-12", "2020-04-20", nil, false, true, 1},
		{"a stated end after 3 May is kept", "C", "2020-04-27", "2020-05-15", [][2]string{{"2020-04-27", "2020-05-15"}}, false, true, 0},
		{"overseas: no holiday known, none cut", "outre-mer", "2020-03-16", "", [][2]string{{"2020-03-16", "2020-05-03"}}, true, false, 0},
		{"Corse likewise", "corse", "2020-03-16", "2020-04-30", [][2]string{{"2020-03-16", "2020-04-30"}}, false, false, 0},
		{"starting after the known period", "C", "2020-05-11", "", nil, true, false, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := cutPeriod(d(tc.first), d(tc.last), tc.zone)
			var got [][2]string
			for _, s := range c.Spans {
				got = append(got, [2]string{s.First.Format(time.DateOnly), s.Last.Format(time.DateOnly)})
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("spans (-want +got):\n%s", diff)
			}
			if c.Bounded != tc.bounded || len(c.Holidays) != tc.holidays {
				t.Errorf("bounded %v, %d holidays; want %v, %d", c.Bounded, len(c.Holidays), tc.bounded, tc.holidays)
			}
			if len(c.Spans) > 0 && c.HolidaysKnown != tc.known {
				t.Errorf("holidays known %v, want %v", c.HolidaysKnown, tc.known)
			}
		})
	}
	note := cutPeriod(d("2020-03-19"), time.Time{}, "C").note()
	for _, w := range []string{
		"Pas de consigne publiée pendant les vacances de printemps de la zone C, du samedi 4 avril au dimanche 19 avril 2020 (reprise des cours le lundi 20 avril)",
		"le calendrier s’arrête le dimanche 3 mai 2020, la reprise des cours étant envisagée pour le lundi 4 mai 2020",
	} {
		if !strings.Contains(note, w) {
			t.Errorf("note %q lacks %q", note, w)
		}
	}
	if n := cutPeriod(d("2020-03-16"), d("2020-04-10"), "outre-mer").note(); !strings.Contains(n, "ne figurent pas dans nos sources") || strings.Contains(n, "s’arrête") {
		t.Errorf("overseas note = %q", n)
	}
}
