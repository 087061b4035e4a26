package vocab

import (
	"testing"
	"time"
)

func TestPhrases(t *testing.T) {
	t.Parallel()
	mon, tue, wed, thu, fri, sat, sun := time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday
	for _, tc := range []struct{ got, want string }{
		{DaysPhrase([]time.Weekday{mon, tue, wed, thu, fri}), "du lundi au vendredi"},
		{DaysPhrase([]time.Weekday{sun, mon, tue, wed, thu, fri, sat}), "tous les jours"},
		{DaysPhrase([]time.Weekday{wed}), "le mercredi"},
		{DaysPhrase([]time.Weekday{mon, tue}), "le lundi et le mardi"},
		{DaysPhrase([]time.Weekday{fri, mon, wed}), "le lundi, le mercredi et le vendredi"},
		{DaysPhrase([]time.Weekday{sat, thu, fri}), "du jeudi au samedi"},
		{DaysPhrase(nil), ""},
		{HoursPhrase(8*60, 12*60), "de 8h à 12h"},
		{HoursPhrase(8*60+30, 10*60+30), "de 8h30 à 10h30"},
		{HoursPhrase(17*60, EndOfDay), "de 17h à minuit"},
		{HoursPhrase(0, 8*60+30), "de minuit à 8h30"},
		{ClockWord(9 * 60), "9h"},
		{WhoPhrase([]string{"6e", "5e"}), "6e, 5e"},
		{Join(nil), ""},
		{Join([]string{"a"}), "a"},
		{Join([]string{"a", "b"}), "a et b"},
		{Join([]string{"a", "b", "c"}), "a, b et c"},
		{KindsPlural([]string{"lycee", "lycee-pro", "cite-scolaire"}), "lycées, lycées professionnels et cités scolaires"},
		{KindsPlural([]string{"inconnu"}), "inconnu"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
