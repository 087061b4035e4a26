package timetable

// pages.go: the page of each région académique and académie, and the
// lists of every académie and région: the timetables they draw.

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/territory"
	"github.com/relais-ecoles/relais/internal/view"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// addTimetables adds the région, académie and level pages, the calendars
// and the JSON files, from the schedules of each académie, and returns the
// home page's list of régions.
func (b *builder) addTimetables(s *slotSet, scheds []*schedules) []RegionEntry {
	terr := b.terr
	var home []RegionEntry
	for _, r := range terr.Regions {
		e := RegionEntry{Name: r.Name, URL: b.u.Region(r.Slug)}
		for _, ac := range terr.AcademiesOf(r.Slug) {
			e.Academies = append(e.Academies, view.Link{URL: b.u.Academy(ac.Slug), Label: ac.Name})
			e.Full = append(e.Full, view.Link{URL: b.u.Academy(ac.Slug), Label: vocab.Capitalize(ac.Label())})
		}
		home = append(home, e)
	}
	for _, r := range terr.Regions {
		b.addRegion(s, r)
	}
	status := map[string]AcademyStatus{} // by the académie's page
	for i, ac := range terr.Academies {
		sc := scheds[i]
		status[b.u.Academy(ac.Slug)] = statusOf(sc)
		b.addAcademy(s, sc)
		for _, l := range vocab.Levels() {
			b.addLevel(s, sc, l)
		}
		b.out.Data = append(b.out.Data, &view.DataFile{URL: b.u.SlotsData(ac.Slug), Value: b.slotsData(s, sc)})
	}
	for i := range home {
		for _, l := range home[i].Academies {
			home[i].Entries = append(home[i].Entries, AcademyEntry{Link: l, Status: status[l.URL]})
		}
	}
	if len(terr.Academies) == 0 && len(terr.Regions) == 0 {
		return nil // a site without territory has no timetable pages
	}
	crumbs := []view.Link{{URL: b.u.Home(), Label: "Accueil"}}
	var deps []string
	for _, r := range terr.Regions {
		deps = append(deps, r.Path)
	}
	for _, ac := range terr.Academies {
		deps = append(deps, ac.Path)
	}
	b.add(&view.Page{
		URL:         b.u.Academies(),
		Layout:      "academies",
		Title:       "Toutes les académies",
		Description: "Les 30 académies, par région académique : choisissez la vôtre pour voir ses créneaux de connexion à l’ENT.",
		Section:     b.u.Home(),
		Crumbs:      crumbs,
		Data:        &AcademiesView{Regions: home},
		Deps:        deps,
	})
	b.add(&view.Page{
		URL:         b.u.Regions(),
		Layout:      "academies",
		Title:       "Les régions académiques",
		Description: "Les régions académiques et leurs académies.",
		Section:     b.u.Home(),
		Crumbs:      crumbs,
		Data:        &AcademiesView{Regions: home},
		Deps:        deps,
	})
	return home
}

func (b *builder) addRegion(s *slotSet, r *territory.Region) {
	v := &RegionView{Region: r}
	deps := []string{r.Path, "content/" + r.Issuer().Dir() + "/" + FileName}
	for _, ac := range b.terr.AcademiesOf(r.Slug) {
		v.Academies = append(v.Academies, view.Link{URL: b.u.Academy(ac.Slug), Label: vocab.Capitalize(ac.Label())})
		deps = append(deps, ac.Path)
	}
	var loc *time.Location
	zone := "heure de Paris"
	for _, ac := range b.terr.AcademiesOf(r.Slug) {
		if ac.Location != nil {
			loc = ac.Location
			zone = zoneLabel(ac)
			break
		}
	}
	if loc == nil {
		loc = time.UTC
	}
	b.in.Clock.Zone(loc)
	today := Civil(b.in.Now.In(loc))
	for _, t := range s.tts {
		if t.Issuer != r.Issuer() {
			continue
		}
		switch {
		case t.InForce(today):
			v.Current = append(v.Current, b.timetableView(s, t, false, zone))
		case t.Effective.After(today):
			v.Future = append(v.Future, b.timetableView(s, t, true, zone))
		default:
			continue
		}
		deps = append(deps, s.sourcePath(t)...)
	}
	slices.SortStableFunc(v.Future, func(x, y *TimetableView) int { return x.Effective.Compare(y.Effective) })
	var content *view.Text
	if len(strings.TrimSpace(string(r.Body))) > 0 {
		content = b.text(r.Path, r.Body, r.BodyLine, b.u.Region(r.Slug))
	}
	b.add(&view.Page{
		URL:         b.u.Region(r.Slug),
		Layout:      "region",
		Title:       vocab.Capitalize(r.Label()),
		Description: regionDescription(r, v),
		Section:     b.u.Home(),
		Crumbs:      []view.Link{{URL: b.u.Home(), Label: "Accueil"}},
		Content:     content,
		Data:        v,
		Source:      diag.Pos{File: r.Path},
		Deps:        deps,
	})
}

func regionDescription(r *territory.Region, v *RegionView) string {
	if r.Summary != "" {
		return r.Summary
	}
	names := make([]string, len(v.Academies))
	for i, l := range v.Academies {
		names[i] = l.Label
	}
	return vocab.Capitalize(r.Label()) + " : " + vocab.Join(names) + "."
}

// timetableView draws one timetable for the académie and région pages.
func (b *builder) timetableView(s *slotSet, t *Timetable, future bool, zone string) *TimetableView {
	id := s.ids[t]
	v := &TimetableView{
		ID:        "h-" + strings.ReplaceAll(strings.TrimPrefix(strings.TrimSuffix(id.file, "/"+FileName), "content/"), "/", "-") + fmt.Sprint("-", id.index),
		Title:     t.Title,
		Issuer:    territory.WithArticle(b.terr.IssuerLabel(t.Issuer)),
		Zone:      zone,
		Kinds:     vocab.KindsPlural(t.AppliesTo),
		Effective: t.Effective,
		Until:     t.Until,
		Future:    future,
		Days:      statedDaysPhrase(t.Days),
		Note:      s.notes[t],
		Source:    s.sources[t],
	}
	for _, sl := range t.Slots {
		v.Rows = append(v.Rows, slotRow(sl))
	}
	if sus := suspended(t); len(sus) > 0 {
		v.Suspended = vocab.WhoPhrase(sus)
	}
	return v
}

// suspended returns the who words whose access t suspends.
func suspended(t *Timetable) []string {
	out := []string{}
	for _, o := range t.Outside {
		if o.Rule == Suspendu {
			out = append(out, o.Who)
		}
	}
	return out
}

func slotRow(sl Slot) SlotRow {
	class := "eleves"
	switch {
	case slices.Contains(sl.Who, "tous"):
		class = "libre"
	case slices.Contains(sl.Who, "parents"):
		class = "parents"
	case slices.Contains(sl.Who, "enseignants"):
		class = "enseignants"
	}
	return SlotRow{
		Who:   vocab.Capitalize(vocab.WhoPhrase(sl.Who)),
		Hours: windowPhrase(sl),
		From:  int(sl.From),
		Width: int(sl.To - sl.From),
		Class: class,
	}
}

// statedDaysPhrase says the days of a timetable for its summary line, and
// that the source names none when days is empty: never a default week.
func statedDaysPhrase(days []time.Weekday) string {
	if len(days) == 0 {
		return "jours non précisés par la source"
	}
	return vocab.DaysPhrase(days)
}

func (b *builder) addAcademy(s *slotSet, sc *schedules) {
	ac := sc.academy
	v := &AcademyView{
		Academy: ac,
		Label:   ac.Label(),
		Zone:    zoneLabel(ac),
		DataURL: b.u.SlotsData(ac.Slug),
	}
	crumbs := []view.Link{{URL: b.u.Home(), Label: "Accueil"}}
	if r := b.terr.Region(ac.Region); r != nil {
		v.Region = view.Link{URL: b.u.Region(r.Slug), Label: r.Label()}
		crumbs = append(crumbs, view.Link{URL: b.u.Region(r.Slug), Label: vocab.Capitalize(r.Label())})
	}
	current, future := sc.used()
	deps := append([]string{ac.Path}, timetableFiles(b.terr, ac.Slug)...)
	if r := b.terr.Region(ac.Region); r != nil {
		deps = append(deps, r.Path)
	}
	for _, t := range current {
		v.Current = append(v.Current, b.timetableView(s, t, false, v.Zone))
		deps = append(deps, s.sourcePath(t)...)
		if t.Issuer.Kind == territory.IssuerRegion {
			v.RegionTTs = true
		}
	}
	for _, t := range future {
		v.Future = append(v.Future, b.timetableView(s, t, true, v.Zone))
		deps = append(deps, s.sourcePath(t)...)
	}
	for _, g := range vocab.Groups() {
		lg := LevelGroup{Label: vocab.Capitalize(g.Label)}
		for _, l := range g.Levels {
			lv, _ := vocab.LevelOf(l)
			lg.Links = append(lg.Links, view.Link{URL: b.u.Level(ac.Slug, l), Label: lv.Label})
		}
		v.Levels = append(v.Levels, lg)
	}
	var content *view.Text
	if len(strings.TrimSpace(string(ac.Body))) > 0 {
		content = b.text(ac.Path, ac.Body, ac.BodyLine, b.u.Academy(ac.Slug))
	}
	desc := "Les créneaux de connexion à l’ENT fixés pour l’" + ac.Label() + ", niveau par niveau."
	if len(current)+len(future) == 0 {
		desc = "Aucun créneau de connexion à l’ENT n’est publié pour l’" + ac.Label() + "."
	}
	b.add(&view.Page{
		URL:         b.u.Academy(ac.Slug),
		Layout:      "academie",
		Title:       vocab.Capitalize(ac.Label()),
		Description: desc,
		Section:     b.u.Home(),
		Crumbs:      crumbs,
		Content:     content,
		Data:        v,
		Source:      diag.Pos{File: ac.Path},
		Deps:        deps,
	})
}
