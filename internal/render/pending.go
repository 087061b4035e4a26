package render

import (
	"github.com/relais-ecoles/relais/internal/site"
)

// Calendars renders the iCalendar files of s.
func Calendars(s *site.Site) []Output {
	if len(s.Calendars) > 0 {
		panic("calendars are not rendered yet")
	}
	return nil
}
