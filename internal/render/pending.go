package render

import (
	"errors"

	"github.com/relais-ecoles/relais/internal/site"
)

// Feeds renders the RSS, Atom and JSON feeds of s.
func Feeds(s *site.Site) ([]Output, error) {
	if len(s.Feeds) > 0 {
		return nil, errors.New("feeds are not rendered yet")
	}
	return nil, nil
}

// Calendars renders the iCalendar files of s.
func Calendars(s *site.Site) []Output {
	if len(s.Calendars) > 0 {
		panic("calendars are not rendered yet")
	}
	return nil
}
