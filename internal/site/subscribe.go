package site

import "github.com/relais-ecoles/relais/internal/view"

// The agenda blocks are view's (view.Agenda); these names are site's for
// the code that still reads them here.
type (
	Agenda       = view.Agenda
	Subscription = view.Subscription
)

// CalendarRefresh is view.CalendarRefresh.
const CalendarRefresh = view.CalendarRefresh

// subscription makes the links to calendar c, labelled label, at its
// absolute address on the site's base URL.
func (s *Site) subscription(c *Calendar, label string) *Subscription {
	return view.NewSubscription(s.Abs(c.URL), c.URL, c.Name, label)
}

var newAgenda = view.NewAgenda

// The refresh notes of a level's page and a programme's, made once.
var (
	levelRefresh     = view.RefreshNote("Les changements urgents sont annoncés dans les bandeaux de ce site et dans ses flux de directives.")
	programmeRefresh = view.RefreshNote("Avant une émission, vérifiez son horaire sur cette page ou chez son diffuseur.")
)
