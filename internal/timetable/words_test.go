package timetable

import (
	"testing"
	"time"

	"github.com/relais-ecoles/relais/internal/territory"
	"github.com/relais-ecoles/relais/internal/vocab"
)

func TestWords(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{levelPhrase("4e"), "En 4e"},
		{levelPhrase("ps"), "En petite section"},
		{levelPhrase("bac-pro"), "En bac pro"},
		{kindsPhrase([]string{"lycee", "lycee-pro", "cite-scolaire"}), "au lycée, au lycée professionnel et en cité scolaire"},
		{ofArticle("Conseil départemental de l’Eure"), "du Conseil départemental de l’Eure"},
		{ofArticle("académie de Paris"), "de l’académie de Paris"},
		{lowerFirst("Accès des parents suspendu."), "accès des parents suspendu."},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

// TestEventSummaries: a calendar event says the rule's tone, free access,
// and in a parents' calendar who it is for; a free-access window of a
// timetable that names no day holds every day, as the page shows it.
func TestEventSummaries(t *testing.T) {
	reserved := Slot{Who: []string{"4e"}, From: 13 * 60, To: 17 * 60}
	free := Slot{Who: []string{"tous"}, From: 20 * 60, To: vocab.EndOfDay, OpenEnd: true, Access: AccessLibre}
	parents := Slot{Who: []string{"parents"}, From: 17 * 60, To: vocab.EndOfDay, OpenEnd: true, Tone: Conseil}
	for _, tc := range []struct {
		tone    Tone
		slot    Slot
		parents bool
		want    string
	}{
		{Demande, reserved, false, "Créneau demandé"},
		{Conseil, reserved, false, "Créneau conseillé"},
		{Regle, reserved, false, "ENT ouvert"},
		{Conseil, free, false, "Accès libre à l’ENT"},
		{Regle, free, false, "ENT accessible à tous"},
		{Demande, parents, true, "Parents : créneau conseillé"},
	} {
		tt := &Timetable{Tone: tc.tone, Slots: []Slot{tc.slot}}
		if got := eventSummary(tt, tc.slot, tc.parents); got != tc.want {
			t.Errorf("%s %v: %q, want %q", tc.tone, tc.slot.Who, got, tc.want)
		}
	}
	tt := &Timetable{Tone: Conseil, Slots: []Slot{reserved, free}}
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
	rec := &Timetable{
		Issuer:    territory.National(),
		AppliesTo: []string{"college", "lycee"},
		Effective: time.Date(2020, 3, 20, 0, 0, 0, 0, time.UTC),
		Tone:      Conseil,
		Source:    Source{On: time.Date(2020, 3, 20, 0, 0, 0, 0, time.UTC)},
		Slots: []Slot{
			{Who: []string{"eleves"}, From: 8*60 + 30, To: 17 * 60},
			{Who: []string{"parents"}, To: 8*60 + 30, OpenStart: true},
			{Who: []string{"parents"}, From: 17 * 60, To: vocab.EndOfDay, OpenEnd: true},
		},
	}
	for _, tc := range []struct {
		tone   Tone
		future bool
		want   string
	}{
		{Conseil, false, "Recommandation nationale du ministère de l'Éducation nationale (vendredi 20 mars 2020), pour les collèges et lycées : il est conseillé aux élèves de se connecter de 8h30 à 17h, et aux parents avant 8h30 et à partir de 17h. Elle vaut là où aucune consigne locale n’est publiée."},
		{Demande, true, "Recommandation nationale du ministère de l'Éducation nationale (vendredi 20 mars 2020), pour les collèges et lycées : à partir du vendredi 20 mars 2020, il sera demandé aux élèves de se connecter de 8h30 à 17h, et aux parents avant 8h30 et à partir de 17h. Elle vaut là où aucune consigne locale n’est publiée."},
		{Regle, false, "Recommandation nationale du ministère de l'Éducation nationale (vendredi 20 mars 2020), pour les collèges et lycées : l’ENT est ouvert aux élèves de 8h30 à 17h, et aux parents avant 8h30 et à partir de 17h. Elle vaut là où aucune consigne locale n’est publiée."},
	} {
		r := *rec
		r.Tone = tc.tone
		if got := nationalSentence(terr, &r, tc.future); got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.tone, got, tc.want)
		}
	}
}
