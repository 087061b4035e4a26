package vocab

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/relais-ecoles/relais/internal/diag"
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
			return 0, fmt.Errorf("il manque les minutes à l'heure %s : écrivez %02s:00", diag.Q(s), s)
		}
		if hh, _, found := strings.Cut(strings.ToLower(s), "h"); found && digits(strings.TrimSpace(hh)) && strings.TrimSpace(hh) != "" {
			return 0, fmt.Errorf("l'heure %s doit s'écrire HH:MM : écrivez %s", diag.Q(s), frenchClockHint(s, hh))
		}
		return 0, fmt.Errorf("l'heure %s doit s'écrire HH:MM, comme 08:30", diag.Q(s))
	}
	hh, _ := strconv.Atoi(h)
	mm, _ := strconv.Atoi(m)
	switch {
	case hh == 24 && mm == 0:
		if !end {
			return 0, fmt.Errorf("l'heure « 24:00 » ne peut que finir un créneau : un créneau qui commence à minuit commence à « 00:00 »")
		}
		return EndOfDay, nil
	case hh > 23:
		return 0, fmt.Errorf("l'heure %s n'existe pas : les heures vont de 00 à 23 (24:00 finit la journée)", diag.Q(s))
	case mm > 59:
		return 0, fmt.Errorf("l'heure %s n'existe pas : les minutes vont de 00 à 59", diag.Q(s))
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

// frenchClockHint writes "9h30" or "9 h" as HH:MM.
func frenchClockHint(s, hh string) string {
	_, mm, _ := strings.Cut(strings.ToLower(s), "h")
	mm = strings.TrimSpace(mm)
	if len(mm) != 2 || !digits(mm) {
		mm = "00"
	}
	return fmt.Sprintf("%02s:%s", strings.TrimSpace(hh), mm)
}
