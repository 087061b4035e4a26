package vocab

import "testing"

func TestParseClock(t *testing.T) {
	for _, tc := range []struct {
		in   string
		end  bool
		want Clock
		err  string
	}{
		{"08:00", false, 480, ""},
		{"8:30", false, 510, ""},
		{"24:00", true, EndOfDay, ""},
		{"24:00", false, 0, "l'heure « 24:00 » ne peut que finir un créneau : un créneau qui commence à minuit commence à « 00:00 »"},
		{"25:00", true, 0, "l'heure « 25:00 » n'existe pas : les heures vont de 00 à 23 (24:00 finit la journée)"},
		{"12:60", false, 0, "l'heure « 12:60 » n'existe pas : les minutes vont de 00 à 59"},
		{"8h", false, 0, "l'heure « 8h » doit s'écrire HH:MM : écrivez 08:00"},
		{"9h30", false, 0, "l'heure « 9h30 » doit s'écrire HH:MM : écrivez 09:30"},
		{"14 h 15", false, 0, "l'heure « 14 h 15 » doit s'écrire HH:MM : écrivez 14:15"},
		{"8", false, 0, "il manque les minutes à l'heure « 8 » : écrivez 08:00"},
		{"midi", false, 0, "l'heure « midi » doit s'écrire HH:MM, comme 08:30"},
	} {
		got, err := ParseClock(tc.in, tc.end)
		if tc.err != "" {
			if err == nil || err.Error() != tc.err {
				t.Errorf("ParseClock(%q) error = %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("ParseClock(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	if got := Clock(510).French(); got != "8h30" {
		t.Errorf("French() = %q", got)
	}
	if got := Clock(480).String(); got != "08:00" {
		t.Errorf("String() = %q", got)
	}
}

func FuzzParseClock(f *testing.F) {
	for _, s := range []string{"08:00", "24:00", "25:00", "8h", "", "99:99", "0:0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseClock(s, true)
		if err != nil {
			return
		}
		if c < 0 || c > EndOfDay {
			t.Fatalf("ParseClock(%q) = %d out of range", s, c)
		}
		back, err := ParseClock(c.String(), true)
		if err != nil || back != c {
			t.Fatalf("round trip %q -> %v -> %v, %v", s, c, back, err)
		}
	})
}
