package site

import (
	"strings"
	"testing"
	"time"

	"github.com/relais-ecoles/relais/internal/markdown"
	"github.com/relais-ecoles/relais/internal/territory"
	"github.com/relais-ecoles/relais/internal/timetable"
	"github.com/relais-ecoles/relais/internal/vocab"
)

func TestDaysPhrase(t *testing.T) {
	for _, tc := range []struct {
		days []time.Weekday
		want string
	}{
		{[]time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}, "du lundi au vendredi"},
		{[]time.Weekday{time.Sunday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday}, "tous les jours"},
		{[]time.Weekday{time.Wednesday}, "le mercredi"},
		{[]time.Weekday{time.Monday, time.Tuesday}, "le lundi et le mardi"},
		{[]time.Weekday{time.Friday, time.Monday, time.Wednesday}, "le lundi, le mercredi et le vendredi"},
		{[]time.Weekday{time.Saturday, time.Thursday, time.Friday}, "du jeudi au samedi"},
	} {
		if got := daysPhrase(tc.days); got != tc.want {
			t.Errorf("daysPhrase(%v) = %q, want %q", tc.days, got, tc.want)
		}
	}
}

func TestHoursAndLevels(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{hoursPhrase(8*60, 12*60), "de 8h à 12h"},
		{hoursPhrase(8*60+30, 10*60+30), "de 8h30 à 10h30"},
		{hoursPhrase(17*60, vocab.EndOfDay), "de 17h à minuit"},
		{hoursPhrase(0, 8*60+30), "de minuit à 8h30"},
		{levelPhrase("4e"), "En 4e"},
		{levelPhrase("ps"), "En petite section"},
		{levelPhrase("bac-pro"), "En bac pro"},
		{kindsPhrase([]string{"lycee", "lycee-pro", "cite-scolaire"}), "au lycée, au lycée professionnel et en cité scolaire"},
		{withArticle("académie de Paris"), "l’académie de Paris"},
		{withArticle("région académique Grand Est"), "la région académique Grand Est"},
		{withArticle("Région Île-de-France"), "la Région Île-de-France"},
		{withArticle("Département de la Creuse"), "le Département de la Creuse"},
		{ofArticle("Conseil départemental de l’Eure"), "du Conseil départemental de l’Eure"},
		{ofArticle("académie de Paris"), "de l’académie de Paris"},
		{lowerFirst("Accès des parents suspendu."), "accès des parents suspendu."},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

// TestLevelPages assembles a small site and reads the views of level pages:
// the sentence, the calendar and the pages' Deps.
func TestLevelPages(t *testing.T) {
	files := map[string]string{
		"content/site.yaml":                            "title: T\nbase_url: https://x.fr\n",
		"content/regions/r/_index.md":                  "---\ntitle: Réunion\n---\n",
		"content/academies/la-reunion/_index.md":       "---\ntitle: La Réunion\nregion: r\ntimezone: Indian/Reunion\nholiday_zone: outre-mer\n---\n",
		"content/academies/la-reunion/timetables.yaml": "- title: Collèges\n  applies_to: [college]\n  effective: 2020-04-06\n  days: [lun, mer]\n  tone: demande\n  source:\n    said_by: le rectorat\n  slots:\n    - who: [4e]\n      from: \"09:00\"\n      to: \"11:30\"\n",
	}
	now := time.Date(2020, 3, 23, 9, 0, 0, 0, time.UTC)
	s, errs := Assemble(tree(files), markdown.New(), Options{Now: now})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	p := s.Page(LevelURL("la-reunion", "4e"))
	if p == nil {
		t.Fatal("no level page")
	}
	v := p.Data.(*LevelView)
	want := "En 4e, au collège, aucune consigne n’est en vigueur aujourd’hui ; à partir du lundi 6 avril 2020, il sera demandé de se connecter le lundi et le mercredi de 9h à 11h30, heure de La Réunion."
	if v.Sentence != want {
		t.Errorf("sentence = %q\nwant       %q", v.Sentence, want)
	}
	if v.Calendar != LevelCalendarURL("la-reunion", "4e") {
		t.Errorf("calendar = %q", v.Calendar)
	}
	for _, dep := range []string{"content/academies/la-reunion/_index.md", "content/academies/la-reunion/timetables.yaml", "content/regions/r/_index.md", "content/regions/r/timetables.yaml", "content/national/timetables.yaml"} {
		if !strings.Contains(strings.Join(p.Deps, " "), dep) {
			t.Errorf("Deps %v lack %s", p.Deps, dep)
		}
	}
	if q := s.Page(LevelURL("la-reunion", "3e")); q == nil || q.Data.(*LevelView).Calendar != "" {
		t.Errorf("3e has no slot, so no calendar: %+v", q)
	}
	if len(s.Calendars) != 1 || s.Calendars[0].TZID != "Indian/Reunion" || len(s.Calendars[0].Events) != 1 {
		t.Fatalf("calendars = %+v", s.Calendars)
	}
	e := s.Calendars[0].Events[0]
	if e.UID != "la-reunion-4e-academies-la-reunion-1-1@x.fr" || e.From != 540 || e.To != 690 || !e.First.Equal(time.Date(2020, 4, 6, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("event = %+v", e)
	}
}

// TestEventSummaries: a calendar event says the rule's tone, free access,
// and in a parents' calendar who it is for; a free-access window of a
// timetable that names no day holds every day, as the page shows it.
func TestEventSummaries(t *testing.T) {
	reserved := timetable.Slot{Who: []string{"4e"}, From: 13 * 60, To: 17 * 60}
	free := timetable.Slot{Who: []string{"tous"}, From: 20 * 60, To: vocab.EndOfDay, OpenEnd: true, Access: timetable.AccessLibre}
	parents := timetable.Slot{Who: []string{"parents"}, From: 17 * 60, To: vocab.EndOfDay, OpenEnd: true, Tone: timetable.Conseil}
	for _, tc := range []struct {
		tone    timetable.Tone
		slot    timetable.Slot
		parents bool
		want    string
	}{
		{timetable.Demande, reserved, false, "Créneau demandé"},
		{timetable.Conseil, reserved, false, "Créneau conseillé"},
		{timetable.Regle, reserved, false, "ENT ouvert"},
		{timetable.Conseil, free, false, "Accès libre à l’ENT"},
		{timetable.Regle, free, false, "ENT accessible à tous"},
		{timetable.Demande, parents, true, "Parents : créneau conseillé"},
	} {
		tt := &timetable.Timetable{Tone: tc.tone, Slots: []timetable.Slot{tc.slot}}
		if got := eventSummary(tt, tc.slot, tc.parents); got != tc.want {
			t.Errorf("%s %v: %q, want %q", tc.tone, tc.slot.Who, got, tc.want)
		}
	}
	tt := &timetable.Timetable{Tone: timetable.Conseil, Slots: []timetable.Slot{reserved, free}}
	if got := len(slotDays(tt, free)); got != 7 {
		t.Errorf("free access without stated days: %d days, want 7", got)
	}
	if got := len(slotDays(tt, reserved)); got != 5 {
		t.Errorf("a reserved window without stated days: %d days, want the 5 weekdays", got)
	}
	tt.Days = []time.Weekday{time.Monday}
	if got := slotDays(tt, free); len(got) != 1 || got[0] != time.Monday {
		t.Errorf("stated days: %v", got)
	}
}

// TestNationalSentence: the home page's summary of the ministry's
// recommendation, in its tone, by audience, and announced when it starts
// later.
func TestNationalSentence(t *testing.T) {
	terr := &territory.Territory{}
	rec := &timetable.Timetable{
		Issuer:    territory.National(),
		AppliesTo: []string{"college", "lycee"},
		Effective: time.Date(2020, 3, 20, 0, 0, 0, 0, time.UTC),
		Tone:      timetable.Conseil,
		Source:    timetable.Source{On: time.Date(2020, 3, 20, 0, 0, 0, 0, time.UTC)},
		Slots: []timetable.Slot{
			{Who: []string{"eleves"}, From: 8*60 + 30, To: 17 * 60},
			{Who: []string{"parents"}, To: 8*60 + 30, OpenStart: true},
			{Who: []string{"parents"}, From: 17 * 60, To: vocab.EndOfDay, OpenEnd: true},
		},
	}
	for _, tc := range []struct {
		tone   timetable.Tone
		future bool
		want   string
	}{
		{timetable.Conseil, false, "Recommandation nationale du ministère de l'Éducation nationale (vendredi 20 mars 2020), pour les collèges et lycées : il est conseillé aux élèves de se connecter de 8h30 à 17h, et aux parents avant 8h30 et à partir de 17h. Elle vaut là où aucune consigne locale n’est publiée."},
		{timetable.Demande, true, "Recommandation nationale du ministère de l'Éducation nationale (vendredi 20 mars 2020), pour les collèges et lycées : à partir du vendredi 20 mars 2020, il sera demandé aux élèves de se connecter de 8h30 à 17h, et aux parents avant 8h30 et à partir de 17h. Elle vaut là où aucune consigne locale n’est publiée."},
		{timetable.Regle, false, "Recommandation nationale du ministère de l'Éducation nationale (vendredi 20 mars 2020), pour les collèges et lycées : l’ENT est ouvert aux élèves de 8h30 à 17h, et aux parents avant 8h30 et à partir de 17h. Elle vaut là où aucune consigne locale n’est publiée."},
	} {
		r := *rec
		r.Tone = tc.tone
		if got := nationalSentence(terr, &r, tc.future); got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.tone, got, tc.want)
		}
	}
}
