package vocab

import (
	"fmt"
	"strconv"
	"strings"
)

// Clock is a time of day in minutes after midnight; 24*60 is the end of the
// day ("24:00").
type Clock int

// EndOfDay is "24:00".
const EndOfDay Clock = 24 * 60

// ParseClock reads an "HH:MM" time. "24:00" is accepted only when end is true
// (a slot may end at midnight, none starts there).
func ParseClock(s string, end bool) (Clock, error) {
	s = strings.TrimSpace(s)
	h, m, ok := strings.Cut(s, ":")
	if !ok || len(h) < 1 || len(h) > 2 || len(m) != 2 || !digits(h) || !digits(m) {
		if digits(s) && len(s) <= 2 {
			return 0, fmt.Errorf("time %q needs minutes: write it %02s:00", s, s)
		}
		if hh, _, found := strings.Cut(strings.ToLower(s), "h"); found && digits(hh) && hh != "" {
			return 0, fmt.Errorf("time %q must be written HH:MM, such as %02s:00", s, hh)
		}
		return 0, fmt.Errorf("time %q must be written HH:MM, such as 08:30", s)
	}
	hh, _ := strconv.Atoi(h)
	mm, _ := strconv.Atoi(m)
	switch {
	case hh == 24 && mm == 0:
		if !end {
			return 0, fmt.Errorf("time \"24:00\" can only end a slot: a slot starting at midnight starts at \"00:00\"")
		}
		return EndOfDay, nil
	case hh > 23:
		return 0, fmt.Errorf("time %q has no hour %d: hours go from 00 to 23 (24:00 ends the day)", s, hh)
	case mm > 59:
		return 0, fmt.Errorf("time %q has no minute %d: minutes go from 00 to 59", s, mm)
	}
	return Clock(hh*60 + mm), nil
}

func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// String formats c as HH:MM.
func (c Clock) String() string { return fmt.Sprintf("%02d:%02d", int(c)/60, int(c)%60) }

// French formats c the French way: "8h", "8h30", "24h".
func (c Clock) French() string {
	h, m := int(c)/60, int(c)%60
	if m == 0 {
		return fmt.Sprintf("%dh", h)
	}
	return fmt.Sprintf("%dh%02d", h, m)
}
