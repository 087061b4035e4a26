package view

import (
	"net/url"
	"strings"
	"testing"
)

// TestSubscriptionLinks: each service gets the calendar's address as one
// query value, escaped so that a name with "&", "=", "#", spaces or accents
// and a base URL with a path come back whole when the service decodes them.
func TestSubscriptionLinks(t *testing.T) {
	t.Parallel()
	tests := []struct {
		abs, name, webcal string
	}{
		{"https://relais.example.fr/academies/paris/4e.ics", "ENT – 4e au collège, académie de Paris",
			"webcal://relais.example.fr/academies/paris/4e.ics"},
		{"http://127.0.0.1:1313/academies/paris/4e-parents.ics", "Parents d’élèves de 4e",
			"webcal://127.0.0.1:1313/academies/paris/4e-parents.ics"},
		{"https://ent.example.org/sous/dossier/programmes/a.ics", "Maths & co = 100 % #direct ?oui, 1+1",
			"webcal://ent.example.org/sous/dossier/programmes/a.ics"},
	}
	for _, tt := range tests {
		s := NewSubscription(tt.abs, "/x.ics", tt.name, "Élèves")
		if string(s.Webcal) != tt.webcal {
			t.Errorf("webcal of %s = %s, want %s", tt.abs, s.Webcal, tt.webcal)
		}
		g, err := url.Parse(s.Google)
		if err != nil {
			t.Fatalf("google link %q: %v", s.Google, err)
		}
		if g.Scheme != "https" || g.Host != "calendar.google.com" || g.Path != "/calendar/render" {
			t.Errorf("google link %s: not https://calendar.google.com/calendar/render", s.Google)
		}
		if q := g.Query(); len(q) != 1 || q.Get("cid") != tt.webcal {
			t.Errorf("google link %s: query %v, want only cid=%s", s.Google, q, tt.webcal)
		}
		o, err := url.Parse(s.Outlook)
		if err != nil {
			t.Fatalf("outlook link %q: %v", s.Outlook, err)
		}
		if o.Scheme != "https" || o.Host != "outlook.live.com" || o.Path != "/calendar/0/addfromweb" {
			t.Errorf("outlook link %s: not https://outlook.live.com/calendar/0/addfromweb", s.Outlook)
		}
		if q := o.Query(); len(q) != 2 || q.Get("url") != tt.abs || q.Get("name") != tt.name {
			t.Errorf("outlook link %s: query %v, want url=%s and name=%s", s.Outlook, q, tt.abs, tt.name)
		}
		for _, l := range []string{s.Google, s.Outlook} {
			if strings.ContainsAny(l, " #’+") || strings.Count(l, "?") != 1 {
				t.Errorf("link %q holds an unescaped space, #, ’ or +, or a second ?", l)
			}
		}
		if s.File != "/x.ics" || s.Label != "Élèves" {
			t.Errorf("file %q, label %q", s.File, s.Label)
		}
	}
}

func TestRefreshNoteSaysTheInterval(t *testing.T) {
	t.Parallel()
	n := RefreshNote("Voyez plutôt la page.")
	if !strings.Contains(n, "toutes les 12 heures") || !strings.Contains(n, "quelques heures") || !strings.HasSuffix(n, " Voyez plutôt la page.") {
		t.Errorf("refresh note %q does not say the calendar's 12 hours, the applications' delay and then where to look", n)
	}
}
