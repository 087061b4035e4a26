package catalog

// The weekly broadcast grid, whole and narrowed to each cycle.

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/relais-ecoles/relais/internal/view"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// GridView is the view of the weekly broadcast grid: the compact week,
// one line per broadcast slot.
type GridView struct {
	Lines []GridLine  // those of this page
	Pager *view.Pager // nil when the grid has one page
	// Filters narrow the grid by cycle; the current one has Current set.
	Filters []GridFilter
	// Level is the label of the cycle the grid is narrowed to, or "".
	Level string
	Count int // broadcasts of the whole grid, all pages
	// Catalog is the catalog page, where the programmes without a
	// schedule are.
	Catalog string
}

// GridFilter is a link to a narrowed grid.
type GridFilter struct {
	URL, Label string
	Current    bool
}

// GridLine is one broadcast slot of the grid: one line with its days and
// hours. The data fields are for the script that marks what is on today
// and now.
type GridLine struct {
	From, To  string // "9h", "10h"
	Days      string // "lun.–ven.", "tous les jours", "lun., jeu., ven."
	Programme *ProgrammeView
	Where     string // channel, or the broadcaster
	For       string // the levels of the broadcast, in short
	// When says, for a programme not on air in the week of the build,
	// when it was or will be: "jusqu’au 3 juillet 2020", "à partir du 6
	// avril 2020"; "" otherwise.
	When string
	// JSDays are the days as JavaScript's Date.getDay counts them (Sunday
	// 0), separated by spaces; FromMin and ToMin the minutes after
	// midnight in Zone; Start and End the stated first and last days
	// (YYYY-MM-DD), "" when not stated.
	JSDays           string
	FromMin, ToMin   int
	Start, End, Zone string
}

// GridLinesPerPage is the number of broadcasts a page of the grid shows;
// the following pages are <grid>page/<n>/, in the order of the day.
const GridLinesPerPage = 100

// gridOf returns b.week, b.lines and b.cycles, made at the first call.
func (b *builder) gridOf() ([]Broadcast, []GridLine, map[string]bool) {
	if b.gridReady {
		return b.week, b.lines, b.cycles
	}
	b.gridReady = true
	b.week = Week(b.c)
	b.cycles = map[string]bool{}
	b.lines = make([]GridLine, len(b.week))
	for i, e := range b.week {
		p, s := e.Programme, e.Slot
		v := b.views[p.Slug]
		where := v.Channel
		if where == "" {
			where = v.Broadcaster.Label
		}
		if strings.Contains(collateKey(v.Title), collateKey(where)) {
			where = "" // "Les cours du collège sur France 4"
		}
		if z := p.TimeZone; z != DefaultTimeZone {
			where = strings.TrimPrefix(where+", heure de "+z, ", ")
		}
		days := make([]string, len(s.Days))
		for k, d := range s.Days {
			days[k] = strconv.Itoa(int(d))
		}
		l := GridLine{
			From: vocab.ClockWord(s.From), To: vocab.ClockWord(s.To), Days: daysShort(s.Days), Programme: v,
			Where: where, For: levelsInShort(e.Levels), When: b.onAir(p),
			JSDays: strings.Join(days, " "), FromMin: int(s.From), ToMin: int(s.To), Zone: p.TimeZone,
		}
		if len(s.Who) > 0 {
			l.For = vocab.WhoPhrase(s.Who)
		}
		if !p.ScheduleStart.IsZero() {
			l.Start = p.ScheduleStart.Format(time.DateOnly)
		}
		if !p.ScheduleEnd.IsZero() {
			l.End = p.ScheduleEnd.Format(time.DateOnly)
		}
		b.lines[i] = l
		for _, cy := range vocab.Cycles() {
			if !b.cycles[cy.Slug] && intersects(e.Levels, cy.Levels) {
				b.cycles[cy.Slug] = true
			}
		}
	}
	return b.week, b.lines, b.cycles
}

// gridCycles returns the cycles that have a narrowed grid: those with at
// least one broadcast.
func (b *builder) gridCycles() map[string]bool {
	_, _, cycles := b.gridOf()
	return cycles
}

// addGrid adds the weekly broadcast grid and its narrowed views, each
// paginated.
func (b *builder) addGrid() {
	week, lines, have := b.gridOf()
	if len(week) == 0 {
		return
	}
	filters := []GridFilter{{URL: b.u.Grid(), Label: "tous les niveaux"}}
	for _, cy := range vocab.Cycles() {
		if have[cy.Slug] {
			filters = append(filters, GridFilter{URL: b.u.GridLevel(cy.Slug), Label: cy.Label})
		}
	}
	deps := b.paths // a schedule added to any programme changes the grid
	type gridPage struct {
		url, title, level string
		levels            []string
	}
	pages := []gridPage{{b.u.Grid(), "Grille des émissions", "", nil}}
	for _, cy := range vocab.Cycles() {
		if have[cy.Slug] {
			pages = append(pages, gridPage{b.u.GridLevel(cy.Slug), "Grille des émissions : " + cy.Label, cy.Label, cy.Levels})
		}
	}
	for _, pg := range pages {
		var shown []GridLine
		for i, e := range week {
			if pg.levels == nil || intersects(e.Levels, pg.levels) {
				shown = append(shown, lines[i])
			}
		}
		crumbs := b.crumbs()
		if pg.level != "" {
			crumbs = b.crumbs(view.Link{URL: b.u.Grid(), Label: "Grille des émissions"})
		}
		desc := "Les émissions « Nation apprenante » à horaire fixe, une ligne par émission avec ses jours et ses heures."
		if pg.level != "" {
			desc = "Les émissions « Nation apprenante » à horaire fixe pour le " + pg.level + ", une ligne par émission avec ses jours et ses heures."
		}
		n := max(1, (len(shown)+GridLinesPerPage-1)/GridLinesPerPage)
		urlOf := func(k int) string { return b.u.ListPage(pg.url, k) }
		for k := 1; k <= n; k++ {
			vw := &GridView{Level: pg.level, Filters: slices.Clone(filters), Catalog: b.u.Catalog(), Count: len(shown)}
			for i := range vw.Filters {
				vw.Filters[i].Current = vw.Filters[i].URL == pg.url
			}
			vw.Lines = shown[min(len(shown), (k-1)*GridLinesPerPage):min(len(shown), k*GridLinesPerPage)]
			p := &view.Page{
				URL:         urlOf(k),
				Layout:      "grille",
				Title:       pg.title,
				Description: desc,
				Section:     b.u.Catalog(),
				Crumbs:      crumbs,
				Data:        vw,
				Scripts:     []string{"js/grille.js"},
				Deps:        deps,
			}
			if n > 1 {
				vw.Pager = view.NewPager(k, n, urlOf)
				p.HeadTitle = fmt.Sprintf("%s, page %d sur %d – %s", pg.title, k, n, b.in.SiteTitle)
			}
			if k > 1 {
				p.Title = fmt.Sprintf("%s (page %d)", pg.title, k)
				p.Crumbs = append(slices.Clip(crumbs), view.Link{URL: pg.url, Label: pg.title})
			}
			b.add(p)
		}
	}
}

// onAir says when a programme broadcasts, if not in the week of the build:
// "jusqu’au 3 juillet 2020" once it has ended, "à partir du 6 avril 2020"
// before it starts, "" while it is on.
func (b *builder) onAir(p *Programme) string {
	b.in.Clock.Zone(p.Location)
	y, m, d := b.in.Now.In(p.Location).Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	switch {
	case !p.ScheduleEnd.IsZero() && p.ScheduleEnd.Before(today):
		return "jusqu’au " + vocab.FrenchDate(p.ScheduleEnd)
	case !p.ScheduleStart.IsZero() && p.ScheduleStart.After(today.AddDate(0, 0, 6)):
		return "à partir du " + vocab.FrenchDate(p.ScheduleStart)
	}
	return ""
}

// daysShort says days of the week in short for the grid's lines:
// "tous les jours", "lun.–ven.", "mar.", "lun., jeu., ven.".
func daysShort(days []time.Weekday) string {
	short := func(w vocab.Weekday) string { return w.Slug + "." }
	return vocab.SayDays(days, "tous les jours",
		func(first, last vocab.Weekday) string { return short(first) + "–" + short(last) },
		short, func(words []string) string { return strings.Join(words, ", ") })
}
