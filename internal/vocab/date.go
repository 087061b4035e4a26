package vocab

import (
	"fmt"
	"time"
)

var months = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}

// MonthName returns the French name of a month.
func MonthName(m time.Month) string { return months[m-1] }

// DayName returns the French name of a weekday.
func DayName(d time.Weekday) string {
	for _, w := range weekdays {
		if w.Day == d {
			return w.Label
		}
	}
	return ""
}

// FrenchDate formats a date the French way: "1er avril 2020", "19 mars 2020".
func FrenchDate(t time.Time) string {
	day := fmt.Sprint(t.Day())
	if t.Day() == 1 {
		day = "1er"
	}
	return fmt.Sprintf("%s %s %d", day, months[t.Month()-1], t.Year())
}

// FrenchLongDate adds the weekday: "jeudi 19 mars 2020".
func FrenchLongDate(t time.Time) string { return DayName(t.Weekday()) + " " + FrenchDate(t) }

// FrenchDateTime formats a date and time: "19 mars 2020 à 18h30".
func FrenchDateTime(t time.Time) string {
	return FrenchDate(t) + " à " + Clock(t.Hour()*60+t.Minute()).French()
}
