package timetable

import (
	"time"

	"github.com/relais-ecoles/relais/internal/territory"
)

// The tests ask which timetable applies on one day; the site asks for the
// whole schedule (ScheduleAt), made of the same pick.

// Applicable returns the timetable that applies to a pupil of level in an
// establishment of kind anywhere in academy on the civil date of date (see
// ApplicableAt).
func Applicable(tts []*Timetable, terr *territory.Territory, academy, kind, level string, date time.Time) (*Timetable, error) {
	return ApplicableAt(tts, terr, Place{Academy: academy}, kind, level, date)
}

// ApplicableAt returns the timetable that applies to a pupil of level in an
// establishment of kind at place on the civil date of date, following the
// rule of the package comment. The timetable may have no slot on that day of
// the week (see OnDay). It returns nil and no error when no timetable covers
// the pupil, or when kind does not teach level, an *AmbiguousError when two
// tie, and an error for an unknown académie, kind or level.
func ApplicableAt(tts []*Timetable, terr *territory.Territory, place Place, kind, level string, date time.Time) (*Timetable, error) {
	rel, err := relevant(tts, terr, place, kind, level)
	if err != nil {
		return nil, err
	}
	return pick(rel, terr.Academy(place.Academy), kind, level, Civil(date))
}

// Schedule is ScheduleAt anywhere in academy.
func Schedule(tts []*Timetable, terr *territory.Territory, academy, kind, level string, date time.Time) ([]Period, error) {
	return ScheduleAt(tts, terr, Place{Academy: academy}, kind, level, date)
}
