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

// SayDays writes a set of days of the week in French, Monday first, each
// day once: "" for none, every for all seven, span(first, last) for three
// days or more in a row ("du lundi au vendredi", "lun.–ven."), and
// otherwise each day through one, joined by join ("le lundi et le jeudi",
// "lun., jeu.").
func SayDays(days []time.Weekday, every string, span func(first, last Weekday) string, one func(Weekday) string, join func([]string) string) string {
	var list []Weekday
	for _, w := range weekdays {
		for _, d := range days {
			if d == w.Day {
				list = append(list, w)
				break
			}
		}
	}
	switch {
	case len(list) == 0:
		return ""
	case len(list) == len(weekdays):
		return every
	case len(list) >= 3 && weekPos(list[len(list)-1].Day)-weekPos(list[0].Day) == len(list)-1:
		return span(list[0], list[len(list)-1])
	}
	words := make([]string, len(list))
	for i, w := range list {
		words[i] = one(w)
	}
	return join(words)
}

// weekPos is the place of a day in a week that starts on Monday.
func weekPos(d time.Weekday) int { return (int(d) + 6) % 7 }
