package site

import (
	"strings"
	"testing"
	"time"

	"github.com/relais-ecoles/relais/internal/markdown"
)

func TestLevelPages(t *testing.T) {
	files := map[string]string{
		"content/site.yaml":                            "title: T\nbase_url: https://x.fr\n",
		"content/regions/r/_index.md":                  "---\ntitle: Réunion\n---\n",
		"content/academies/la-reunion/_index.md":       "---\ntitle: La Réunion\nregion: r\ntimezone: Indian/Reunion\nholiday_zone: outre-mer\n---\n",
		"content/academies/la-reunion/timetables.yaml": "- title: Collèges\n  applies_to: [college]\n  effective: 2020-04-06\n  days: [lun, mer]\n  tone: demande\n  source:\n    said_by: le rectorat\n  slots:\n    - who: [4e]\n      from: \"09:00\"\n      to: \"11:30\"\n",
	}
	now := time.Date(2020, 3, 23, 9, 0, 0, 0, time.UTC)
	s, errs := Assemble(tree(files), markdown.New(), Options{Now: now})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	p := s.Page(LevelURL("la-reunion", "4e"))
	if p == nil {
		t.Fatal("no level page")
	}
	v := p.Data.(*LevelPage)
	want := "En 4e, au collège, aucune consigne n’est en vigueur aujourd’hui ; à partir du lundi 6 avril 2020, il sera demandé de se connecter le lundi et le mercredi de 9h à 11h30, heure de La Réunion."
	if v.Sentence != want {
		t.Errorf("sentence = %q\nwant       %q", v.Sentence, want)
	}
	if v.Calendar != LevelCalendarURL("la-reunion", "4e") {
		t.Errorf("calendar = %q", v.Calendar)
	}
	for _, dep := range []string{"content/academies/la-reunion/_index.md", "content/academies/la-reunion/timetables.yaml", "content/regions/r/_index.md", "content/regions/r/timetables.yaml", "content/national/timetables.yaml"} {
		if !strings.Contains(strings.Join(p.Deps, " "), dep) {
			t.Errorf("Deps %v lack %s", p.Deps, dep)
		}
	}
	if q := s.Page(LevelURL("la-reunion", "3e")); q == nil || q.Data.(*LevelPage).Calendar != "" {
		t.Errorf("3e has no slot, so no calendar: %+v", q)
	}
	if len(s.Calendars) != 1 || s.Calendars[0].TZID != "Indian/Reunion" || len(s.Calendars[0].Events) != 1 {
		t.Fatalf("calendars = %+v", s.Calendars)
	}
	e := s.Calendars[0].Events[0]
	if e.UID != "la-reunion-4e-academies-la-reunion-1-1@x.fr" || e.From != 540 || e.To != 690 || !e.First.Equal(time.Date(2020, 4, 6, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("event = %+v", e)
	}
}
