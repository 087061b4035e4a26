package site

import (
	"testing"
	"time"

	"github.com/relais-ecoles/relais/internal/directive"
	"github.com/relais-ecoles/relais/internal/timetable"
)

func TestChangedLine(t *testing.T) {
	t.Parallel()
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	day := func(d int) time.Time { return time.Date(2020, 3, d, 0, 0, 0, 0, time.UTC) }
	dv := func(date, updated time.Time) *DirectiveView {
		return &DirectiveView{Directive: &directive.Directive{Date: date, Updated: updated}}
	}
	level := &timetable.LevelView{Groups: []*timetable.KindGroup{{Periods: []*timetable.PeriodView{{Current: true, From: day(19)}, {Current: false, From: day(30)}}}}}
	for _, tc := range []struct {
		name  string
		rules time.Time
		ds    []*DirectiveView
		want  string
	}{
		{"nothing", time.Time{}, nil, ""},
		{"a current period; an announced one does not count", level.RulesChanged(), nil, "Dernière modification des consignes de cette page : jeudi 19 mars 2020."},
		{"a later directive", day(19), []*DirectiveView{dv(time.Date(2020, 3, 20, 0, 0, 0, 0, paris), time.Time{})}, "Dernière modification des consignes de cette page : vendredi 20 mars 2020."},
		{"its update, on the issuer's day (23:30 in Paris is 22:30 UTC)", day(19), []*DirectiveView{dv(day(16), time.Date(2020, 3, 21, 23, 30, 0, 0, paris))}, "Dernière modification des consignes de cette page : samedi 21 mars 2020."},
		{"the timetable is later", day(23), []*DirectiveView{dv(day(16), time.Time{})}, "Dernière modification des consignes de cette page : lundi 23 mars 2020."},
	} {
		if got := changedLine(tc.rules, tc.ds); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
	if got := (&timetable.AcademyView{Current: []*timetable.TimetableView{{Effective: day(18)}, {Effective: day(19)}}}).RulesChanged(); !got.Equal(day(19)) {
		t.Errorf("RulesChanged = %v", got)
	}
}
