package timetable

// level.go: the page of one level in one académie — the answer in one
// sentence, each group of kinds of school with its periods, the week, the
// open-now script's schedule and the calendars.

import (
	"cmp"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/relais-ecoles/relais/internal/territory"
	"github.com/relais-ecoles/relais/internal/view"
	"github.com/relais-ecoles/relais/internal/vocab"
)

func (b *builder) addLevel(s *slotSet, sc *schedules, l vocab.Level) {
	ac := sc.academy
	groups, periods, missing := sc.levelGroups(l.Slug)
	v := &LevelView{
		Academy:  ac,
		Label:    ac.Label(),
		Level:    l,
		Sentence: levelSentence(ac, l.Slug, groups, periods, sc.today),
		Zone:     zoneLabel(ac),
		Missing:  vocab.KindsPlural(missing),

		AcademyURL: b.u.Academy(ac.Slug),
	}
	if len(groups) == 0 {
		v.Missing = ""
	}
	deps := append([]string{ac.Path}, timetableFiles(b.terr, ac.Slug)...)
	if r := b.terr.Region(ac.Region); r != nil {
		deps = append(deps, r.Path)
	}
	var cals []*levelCalendar
	for i, g := range groups {
		first := periods[i][0].Timetable
		kg := &KindGroup{Heading: vocab.Capitalize(kindsPhrase(g)), Kinds: g, Parents: parentsPhrase(first), Decided: deciderPhrase(b.terr, first)}
		kg.Summary = vocab.Capitalize(deciderShort(b.terr, first)) + ". " + kg.Parents
		if slices.Contains(g, "cite-scolaire") {
			v.CiteNote = citeScolaireNote
		}
		v.Local = append(v.Local, sc.localNotes(b.terr, l.Slug, g, periods[i])...)
		pupils := b.newLevelCalendar(ac, l, g, i, len(groups) > 1, false)
		parents := b.newLevelCalendar(ac, l, g, i, len(groups) > 1, true)
		cals = append(cals, pupils, parents)
		sd := scriptData{Zone: ac.TimeZone, Place: kg.Heading, Holidays: scriptHolidays(ac.HolidayZone)}
		for _, p := range periods[i] {
			t := p.Timetable
			pv := b.periodView(s, sc, t, p, l, g)
			pv.Notices = append(pv.Notices, holidayNotices(ac.HolidayZone, p.From, p.To)...)
			pv.From = p.From
			kg.Periods = append(kg.Periods, pv)
			deps = append(deps, s.sourcePath(t)...)
			sp := scriptPeriod{
				From:    p.From.Format(time.DateOnly),
				Slots:   [][3]int{},
				In:      inWindowWords[t.Tone],
				Out:     "en dehors des créneaux, " + outsidePhrase(t, l.Slug),
				OutLook: outsideClass(t, l.Slug),
			}
			if !p.To.IsZero() {
				sp.To = p.To.Format(time.DateOnly)
			}
			if t.DaysStated() {
				sp.Days = []int{}
				for _, d := range t.Days {
					sp.Days = append(sp.Days, int(d))
				}
			}
			slots := pupilSlots(t, l.Slug)
			if pupilsSuspended(t, l.Slug) {
				slots = nil
				sp.Closed = "l’accès des élèves est suspendu"
			}
			for _, sl := range slots {
				sp.Slots = append(sp.Slots, [3]int{int(sl.From), int(sl.To), slotFlags(sl)})
				b.addEvent(pupils, s, sc, l, g, len(groups) > 1, t, p, sl)
			}
			if !t.Suspends("parents") {
				for _, sl := range t.Slots {
					if slices.Contains(sl.Who, "parents") {
						b.addEvent(parents, s, sc, l, g, len(groups) > 1, t, p, sl)
					}
				}
			}
			sd.Periods = append(sd.Periods, sp)
		}
		js, _ := json.Marshal(sd)
		kg.Script = string(js)
		v.Groups = append(v.Groups, kg)
	}
	for _, k := range missing {
		v.Local = append(v.Local, sc.localNotes(b.terr, l.Slug, []string{k}, nil)...)
	}
	if len(groups) == 0 && len(v.Local) > 0 {
		v.Sentence = strings.TrimSuffix(v.Sentence, ".") + ", sauf dans certains départements (ci-dessous)."
	}
	var cut calendarNote
	var subs []*view.Subscription
	for _, c := range cals {
		if len(c.cal.Events) == 0 {
			continue
		}
		if v.Calendar == "" && !c.parents {
			v.Calendar = c.cal.URL
		}
		v.Calendars = append(v.Calendars, view.Link{URL: c.cal.URL, Label: c.label})
		subs = append(subs, view.NewSubscription(b.u.Abs(c.cal.URL), c.cal.URL, c.cal.Name, c.label))
		b.out.Calendars = append(b.out.Calendars, c.cal)
		cut.merge(c.cut)
	}
	v.CalendarNote = cut.French()
	v.Agenda = view.NewAgenda(subs, v.CalendarNote, levelRefresh)
	if g, ok := vocab.GroupOf(l.Group); ok {
		for _, o := range g.Levels {
			if o == l.Slug {
				continue
			}
			ol, _ := vocab.LevelOf(o)
			v.Siblings = append(v.Siblings, view.Link{URL: b.u.Level(ac.Slug, o), Label: ol.Label})
		}
	}
	// Home and académie only: on a phone the answer must stay on the first
	// screen, and the académie's page links to its région.
	crumbs := []view.Link{{URL: b.u.Home(), Label: "Accueil"}, {URL: b.u.Academy(ac.Slug), Label: vocab.Capitalize(ac.Label())}}
	b.add(&view.Page{
		URL:         b.u.Level(ac.Slug, l.Slug),
		Layout:      "niveau",
		Title:       vocab.Capitalize(l.Label) + " – " + ac.Label(),
		HeadTitle:   vocab.Capitalize(l.Label) + ", " + ac.Label() + " : quand se connecter à l’ENT ? – " + b.in.SiteTitle,
		Description: v.Sentence,
		Section:     b.u.Home(),
		Crumbs:      crumbs,
		Data:        v,
		Scripts:     []string{"js/ouvert.js"},
		Deps:        sortedDeps(deps),
	})
}

// levelRefresh is what a level page says of how late a subscribed calendar
// follows a change.
var levelRefresh = view.RefreshNote("Les changements urgents sont annoncés dans les bandeaux de ce site et dans ses flux de directives.")

// freeWords name a free-access window in a week's cell: "accès libre",
// or "ENT accessible à tous" under a rule the ENT enforces.
func freeWords(t *Timetable) string {
	if t.Tone == Regle {
		return "ENT accessible à tous"
	}
	return "accès libre"
}

// noInstruction is what a page says of a day the source says nothing of:
// never "aucun créneau", which would forbid what no one forbade.
const noInstruction = "pas de consigne publiée"

// others are the audiences shown beside the pupils in a level's week.
var others = []struct{ slug, label string }{{"parents", "Parents"}, {"enseignants", "Enseignants"}}

func (b *builder) periodView(s *slotSet, sc *schedules, t *Timetable, p Period, l vocab.Level, kinds []string) *PeriodView {
	current := !p.From.After(sc.today)
	pv := &PeriodView{
		Current:   current,
		Heading:   periodHeading(t, p.From, p.To, current),
		Timetable: t.Title,
		Decided:   deciderPhrase(b.terr, t),
		Said:      sourcePhrase(t),
		URL:       t.Source.URL,
		Parents:   parentsPhrase(t),
		Note:      s.notes[t],
		Source:    s.sources[t],
		Suspended: pupilsSuspended(t, l.Slug),
	}
	pv.Caption = "Semaine type en " + l.Label + ", " + kindsPhrase(kinds) + " (" + zoneLabel(sc.academy) + " ; " + daysNote(t) + ")"
	slots := pupilSlots(t, l.Slug)
	if pv.Suspended {
		slots = nil
	}
	for _, sl := range slots {
		pv.Frise = append(pv.Frise, slotRow(sl))
	}
	pv.Asked = vocab.Capitalize(pupilPhrase(t, l.Slug, !current)) + "."
	if !pv.Suspended {
		pv.Outside = "En dehors de ces créneaux, pour les élèves : " + outsidePhrase(t, l.Slug) + "."
	}
	type col struct {
		slots     []Slot
		outside   string
		suspended bool
	}
	var cols []col
	for _, o := range others {
		os := t.AudienceSlots(o.slug)
		sus := t.Suspends(o.slug)
		_, stated := t.OutsideFor(o.slug)
		if len(os) == 0 && !stated {
			continue
		}
		pv.Columns = append(pv.Columns, o.label)
		cols = append(cols, col{os, outsidePhrase(t, o.slug), sus})
	}
	own, free := splitFree(slots)
	for _, d := range week {
		row := DayRow{Day: vocab.Capitalize(vocab.DayName(d))}
		on := t.OnDay(d)
		var freeToday []Slot
		for _, sl := range free {
			if t.SlotOnDay(sl, d) {
				freeToday = append(freeToday, sl)
			}
		}
		switch {
		case pv.Suspended:
			row.Pupils = "accès suspendu"
		case !on && len(freeToday) > 0:
			row.Pupils = noInstruction + " ; " + freeWords(t) + " " + windowsPhrase(freeToday)
		case !on:
			row.Pupils = noInstruction
		default:
			var parts []string
			if len(own) > 0 {
				parts = append(parts, windowsPhrase(own))
			}
			if len(freeToday) > 0 {
				parts = append(parts, freeWords(t)+" "+windowsPhrase(freeToday))
			}
			row.Pupils = strings.Join(parts, ", ")
		}
		for _, c := range cols {
			switch {
			case c.suspended:
				row.Others = append(row.Others, "accès suspendu")
			case !on:
				row.Others = append(row.Others, noInstruction)
			case len(c.slots) == 0:
				row.Others = append(row.Others, c.outside)
			default:
				row.Others = append(row.Others, windowsPhrase(c.slots))
			}
		}
		pv.Week = append(pv.Week, row)
	}
	return pv
}

// levelGroups gathers the kinds that teach level by identical schedules.
func (sc *schedules) levelGroups(level string) (groups [][]string, periods [][]Period, missing []string) {
	for _, k := range vocab.Kinds() {
		if !vocab.KindHasLevel(k.Slug, level) {
			continue
		}
		ps := sc.periods(Place{Academy: sc.academy.Slug}, k.Slug, level)
		if len(ps) == 0 {
			missing = append(missing, k.Slug)
			continue
		}
		found := false
		for i := range groups {
			if samePeriods(periods[i], ps) {
				groups[i] = append(groups[i], k.Slug)
				found = true
				break
			}
		}
		if !found {
			groups = append(groups, []string{k.Slug})
			periods = append(periods, ps)
		}
	}
	return groups, periods, missing
}

func samePeriods(a, b []Period) bool {
	return slices.EqualFunc(a, b, func(x, y Period) bool {
		return x.Timetable == y.Timetable && x.From.Equal(y.From) && x.To.Equal(y.To)
	})
}

// localNotes say, for the kinds of school g of a level, the rules that hold
// in a département of the académie instead of those of the page (whole,
// the periods ps): a Département's, for its collèges.
func (sc *schedules) localNotes(terr *territory.Territory, level string, g []string, ps []Period) []string {
	var out []string
	for _, place := range sc.places {
		if place.Departement == "" {
			continue
		}
		for _, k := range g {
			dps := sc.periods(place, k, level)
			if samePeriods(dps, ps) {
				continue
			}
			// The first period that the page does not show.
			i := slices.IndexFunc(dps, func(p Period) bool {
				return !slices.ContainsFunc(ps, func(q Period) bool { return q.Timetable == p.Timetable })
			})
			if i < 0 {
				continue
			}
			p := dps[i]
			t := p.Timetable
			future := p.From.After(sc.today)
			note := "Dans le département " + place.Departement + ", " + kindPhrase(k) + ", "
			if future {
				note += "à partir du " + vocab.FrenchLongDate(p.From) + ", "
			}
			note += pupilPhrase(t, level, future) + " : " + deciderShort(terr, t) + "."
			if !slices.Contains(out, note) {
				out = append(out, note)
			}
		}
	}
	return out
}

// pupilSlots are the slots a pupil of level may use under t: the level's
// own and the free-access ones, by start time.
func pupilSlots(t *Timetable, level string) []Slot {
	out := t.SlotsFor(level)
	for _, s := range t.Slots {
		if slices.Contains(s.Who, "tous") && !slices.ContainsFunc(out, func(x Slot) bool { return x.Pos == s.Pos }) {
			out = append(out, s)
		}
	}
	slices.SortStableFunc(out, func(x, y Slot) int { return cmp.Compare(x.From, y.From) })
	return out
}

// splitFree separates the level's own slots from the free-access ones.
func splitFree(slots []Slot) (own, free []Slot) {
	for _, s := range slots {
		if slices.Contains(s.Who, "tous") {
			free = append(free, s)
		} else {
			own = append(own, s)
		}
	}
	return own, free
}

// levelSentence is the answer at the top of a level page: for each group
// of kinds of school, what the rule in force (or the first announced) asks
// of the level's pupils, in its tone, and "(recommandation nationale)"
// where no local rule is published.
func levelSentence(ac *territory.Academy, level string, groups [][]string, periods [][]Period, today time.Time) string {
	lp := levelPhrase(level)
	if len(groups) == 0 {
		return lp + ", aucune consigne de connexion n’est publiée pour l’" + ac.Label() + "."
	}
	var b strings.Builder
	prevAsk := ""
	for i, g := range groups {
		p := periods[i][0]
		t := p.Timetable
		future := p.From.After(today)
		if i == 0 {
			b.WriteString(lp + ", " + kindsPhrase(g) + ", ")
		} else {
			b.WriteString(" ; " + kindsPhrase(g) + ", ")
		}
		if future {
			if i == 0 {
				b.WriteString("aucune consigne n’est en vigueur aujourd’hui ; ")
			}
			b.WriteString("à partir du " + vocab.FrenchLongDate(p.From) + ", ")
		}
		phrase := pupilPhrase(t, level, future)
		// "; en cité scolaire, de 8h30 à 17h": the tone is said once
		// when the groups share it.
		ask := connectPhrase(t.Tone, future) + " "
		if rest, ok := strings.CutPrefix(phrase, ask); ok && i > 0 && prevAsk == ask {
			phrase = rest
		}
		if strings.HasPrefix(phrase, ask) {
			prevAsk = ask
		}
		b.WriteString(phrase)
		if t.Issuer.Kind == territory.IssuerNational {
			b.WriteString(" (recommandation nationale)")
		}
	}
	if ac.TimeZone != "Europe/Paris" {
		b.WriteString(", " + zoneLabel(ac))
	}
	b.WriteString(".")
	return b.String()
}
