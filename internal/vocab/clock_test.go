package vocab

import (
	"strings"
	"testing"
)

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
		{"24:00", false, 0, "can only end a slot"},
		{"25:00", true, 0, "no hour 25"},
		{"12:60", false, 0, "no minute 60"},
		{"8h", false, 0, "such as 08:00"},
		{"8", false, 0, "needs minutes"},
		{"midi", false, 0, "HH:MM"},
	} {
		got, err := ParseClock(tc.in, tc.end)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
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
