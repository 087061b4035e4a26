package site

// timetables.go: the connection timetables of docs/content.md as pages — a page
// per région académique and per académie, a page, a calendar per académie
// and level, and the académie's JSON file for ENT providers.

import (
	"cmp"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/territory"
	"github.com/relais-ecoles/relais/internal/timetable"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// slotSet is the timetables of a site, decoded and checked, with what the
// pages need to name them.
type slotSet struct {
	tts     []*timetable.Timetable
	ids     map[*timetable.Timetable]ttID
	sources map[*timetable.Timetable]*SourceLink
	notes   map[*timetable.Timetable]*Text
}

// ttID names a timetable stably: its file and its position in the list.
type ttID struct {
	file  string // "content/academies/paris/timetables.yaml"
	index int    // 1-based
}

// String is the id of the JSON files: "academies/paris/timetables.yaml#1".
func (id ttID) String() string {
	return fmt.Sprintf("%s#%d", strings.TrimPrefix(id.file, "content/"), id.index)
}

// SourceLink names the directive a timetable comes from.
type SourceLink struct {
	Title  string // the directive's title, or its slug when it has none
	Issuer string // "académie de Paris"
	// URL is the directive's page; empty when the site has no page there
	// (then the source is named without a link).
	URL  string
	Path string // the directive's content file

	page string // where its page would be
}

// timetables decodes and checks every timetable of the site.
func (a *assembler) timetables() *slotSet {
	tts, errs := timetable.Decode(a.tree, a.terr)
	a.errs.Append(errs)
	a.errs.Append(timetable.CheckAmbiguous(tts, a.terr))
	a.errs.Append(timetable.CheckSources(tts, func(iss territory.Issuer, ref string) bool {
		return a.tree.Get(directivePath(iss, ref)) != nil
	}))
	s := &slotSet{
		tts:     tts,
		ids:     map[*timetable.Timetable]ttID{},
		sources: map[*timetable.Timetable]*SourceLink{},
		notes:   map[*timetable.Timetable]*Text{},
	}
	n := map[string]int{}
	for _, t := range tts {
		n[t.Path]++
		s.ids[t] = ttID{file: t.Path, index: n[t.Path]}
		if t.Source.Directive != "" {
			p := directivePath(t.Issuer, t.Source.Directive)
			slug := strings.TrimPrefix(t.Source.Directive, "directives/")
			title := slug
			if f := a.tree.Get(p); f != nil {
				if tl := frontTitle(f); tl != "" {
					title = tl
				}
			}
			src := &SourceLink{Title: title, Issuer: a.terr.IssuerLabel(t.Issuer), Path: p, page: DirectiveURL(t.Issuer, slug)}
			s.sources[t] = src
			a.sourceLinks = append(a.sourceLinks, src)
		}
		if strings.TrimSpace(t.Note) != "" {
			s.notes[t] = a.site.text(t.Path, []byte(t.Note), max(t.NoteLine, 1), issuerURL(t.Issuer))
		}
	}
	return s
}

// nationalSummary is the home page's sentence on the ministry's
// recommendation in force today in Paris (else the first announced), and
// the file it comes from; "" when the ministry has none.
func (s *slotSet) nationalSummary(terr *territory.Territory, now time.Time) (string, []string) {
	if s == nil {
		return "", nil
	}
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		loc = time.UTC
	}
	today := timetable.Civil(now.In(loc))
	var next *timetable.Timetable
	for _, t := range s.tts {
		if t.Issuer.Kind != territory.IssuerNational {
			continue
		}
		if t.InForce(today) {
			return nationalSentence(terr, t, false), []string{t.Path}
		}
		if t.Effective.After(today) && (next == nil || t.Effective.Before(next.Effective)) {
			next = t
		}
	}
	if next != nil {
		return nationalSentence(terr, next, true), []string{next.Path}
	}
	return "", nil
}

// checkAnnouncements holds every directive that says which timetables it
// sets to them, both ways (timetable.CheckDirectives): drafts and future
// directives too, so that relais check finds the mistake before they are
// published.
func (a *assembler) checkAnnouncements(s *slotSet) {
	if a.dirs == nil || s == nil {
		return
	}
	var ans []timetable.Announcement
	for _, d := range a.dirs.all {
		an := timetable.Announcement{Issuer: d.Issuer, Slug: d.Slug, Said: d.TimetablesSaid, FieldPos: d.TimetablesPos}
		for _, n := range d.Timetables {
			an.Names = append(an.Names, timetable.Name{Title: n.Name, Pos: n.Pos})
		}
		ans = append(ans, an)
	}
	a.errs.Append(timetable.CheckDirectives(s.tts, ans))
}

// directivePath is the content file of a directive reference such as
// "directives/2020-03-19-plages-horaires" in an issuer's folder.
func directivePath(iss territory.Issuer, ref string) string {
	return "content/" + iss.Dir() + "/" + ref + ".md"
}

// frontTitle reads the title of a Markdown file's front matter, or "". The
// file's own errors are reported by the part of the site that reads it.
func frontTitle(f *load.File) string {
	doc, _ := load.Front(f)
	if doc == nil || doc.Front == nil || doc.Front.Kind != yaml.MappingNode {
		return ""
	}
	c := doc.Front.Content
	for i := 0; i+1 < len(c); i += 2 {
		if c[i].Value == "title" && c[i+1].Kind == yaml.ScalarNode {
			return strings.TrimSpace(c[i+1].Value)
		}
	}
	return ""
}

// linkSources gives each named directive its page's URL when the site has
// that page. It runs once every domain has added its pages.
func (a *assembler) linkSources() {
	if len(a.sourceLinks) == 0 {
		return
	}
	pages := make(map[string]*Page, len(a.site.Pages))
	for _, p := range a.site.Pages {
		pages[p.URL] = p
	}
	for _, s := range a.sourceLinks {
		if p := pages[s.page]; p != nil {
			s.URL = s.page
			s.Title = p.Title
		}
	}
}

// issuerURL is the page of an issuer: its région's or académie's page, the
// home page for the ministry.
func issuerURL(iss territory.Issuer) string {
	switch iss.Kind {
	case territory.IssuerAcademy:
		return AcademyURL(iss.Slug)
	case territory.IssuerRegion:
		return RegionURL(iss.Slug)
	case territory.IssuerCollectivite:
		return CollectiviteURL(iss.Slug)
	}
	return HomeURL
}

// schedules are the periods of every (kind, level) of one académie, at
// each of its places: the whole académie, then each département where a
// Département's rules reach (timetable.Places).
type schedules struct {
	academy *territory.Academy
	loc     *time.Location
	today   time.Time // the build date in the académie's zone, civil
	places  []timetable.Place
	byPlace map[string]map[string]map[string][]timetable.Period // département ("" for all), kind, level
}

// periods are the periods of (kind, level) at place.
func (sc *schedules) periods(place timetable.Place, kind, level string) []timetable.Period {
	return sc.byPlace[place.Departement][kind][level]
}

// schedulesOf resolves which timetable applies (docs/design.md) for every
// place, kind and level of an académie, from the build date on. Ambiguities
// are reported by CheckAmbiguous; here they leave the level without periods.
func (s *slotSet) schedulesOf(terr *territory.Territory, a *territory.Academy, now time.Time) *schedules {
	loc := a.Location
	if loc == nil {
		loc = time.UTC // the zone is reported as wrong; the build stops anyway
	}
	local := now.In(loc)
	sc := &schedules{academy: a, loc: loc, today: timetable.Civil(local), places: timetable.Places(terr, a.Slug), byPlace: map[string]map[string]map[string][]timetable.Period{}}
	for _, place := range sc.places {
		byKind := map[string]map[string][]timetable.Period{}
		for _, k := range vocab.Kinds() {
			m := map[string][]timetable.Period{}
			for _, l := range k.Levels {
				// From the beginning, so that the period in force today keeps
				// its true first day; then the periods that are over go.
				ps, err := timetable.ScheduleAt(s.tts, terr, place, k.Slug, l, time.Time{})
				if err != nil {
					continue
				}
				m[l] = slices.DeleteFunc(ps, func(p timetable.Period) bool { return !p.To.IsZero() && p.To.Before(sc.today) })
			}
			byKind[k.Slug] = m
		}
		sc.byPlace[place.Departement] = byKind
	}
	return sc
}

// used returns the timetables some kind and level of the académie follow,
// in force today first (the most specific issuer first), then the announced
// ones by date.
func (sc *schedules) used() (current, future []*timetable.Timetable) {
	seen := map[*timetable.Timetable]bool{}
	for _, place := range sc.places {
		for _, k := range vocab.Kinds() {
			for _, l := range k.Levels {
				for _, p := range sc.periods(place, k.Slug, l) {
					if seen[p.Timetable] {
						continue
					}
					seen[p.Timetable] = true
					if !p.From.After(sc.today) {
						current = append(current, p.Timetable)
					}
				}
			}
		}
	}
	for _, place := range sc.places {
		for _, k := range vocab.Kinds() {
			for _, l := range k.Levels {
				for _, p := range sc.periods(place, k.Slug, l) {
					if p.From.After(sc.today) && !slices.Contains(current, p.Timetable) && !slices.Contains(future, p.Timetable) {
						future = append(future, p.Timetable)
					}
				}
			}
		}
	}
	slices.SortStableFunc(current, compareTimetables)
	slices.SortStableFunc(future, func(x, y *timetable.Timetable) int {
		if c := x.Effective.Compare(y.Effective); c != 0 {
			return c
		}
		return compareTimetables(x, y)
	})
	return current, future
}

// compareTimetables orders timetables by issuer (the most specific first),
// then file position.
func compareTimetables(x, y *timetable.Timetable) int {
	if c := cmp.Compare(y.Issuer.Specificity(), x.Issuer.Specificity()); c != 0 {
		return c
	}
	return diag.Compare(x.Pos, y.Pos)
}

// ---- Views ----

// RegionEntry is a région and its académies, for the home page.
type RegionEntry struct {
	Name      string
	URL       string
	Academies []Link // labelled by name: "Paris"
	Full      []Link // labelled in full: "Académie de Paris"
	// Entries are the académies labelled by name, with their status
	// (home.go).
	Entries []AcademyEntry
}

// RegionView is the page of a région académique.
type RegionView struct {
	Region    *territory.Region
	Academies []Link
	Current   []*TimetableView
	Future    []*TimetableView
	// Directives is the current directives of the région and the
	// ministry (directives.go).
	Directives *DirectiveList
	// Changed says when the rules the page shows last changed (changed.go).
	Changed string
}

// AcademyView is the page of an académie.
type AcademyView struct {
	Academy   *territory.Academy
	Label     string // "académie de Paris"
	Region    Link   // empty URL when the région is unknown
	Zone      string // "heure de Paris"
	Current   []*TimetableView
	Future    []*TimetableView
	Levels    []LevelGroup
	DataURL   string // creneaux.json
	RegionTTs bool   // some timetable comes from the région
	// Directives is the current directives of the académie, its région
	// and the ministry (directives.go).
	Directives *DirectiveList
	// Changed says when the rules the page shows last changed (changed.go).
	Changed string
}

// AcademiesView is the list of every académie.
type AcademiesView struct {
	Regions []RegionEntry
}

// LevelGroup is the levels of one stage of schooling, linked.
type LevelGroup struct {
	Label string // "collège"
	Links []Link
}

// TimetableView is one timetable as the académie and région pages draw it:
// a day timeline and a table of the same data.
type TimetableView struct {
	ID        string // HTML id
	Title     string
	Issuer    string // with its article: "la région académique Île-de-France"
	Zone      string // "heure de Paris"
	Kinds     string // "lycées, lycées professionnels et cités scolaires"
	Effective time.Time
	Until     time.Time
	Future    bool
	Days      string // "du lundi au vendredi"
	Rows      []SlotRow
	Suspended string // "parents", when some access is suspended
	Note      *Text
	Source    *SourceLink
}

// SlotRow is one slot: who, when, and where to draw it on a 24-hour line.
type SlotRow struct {
	Who   string // "6e, 5e"
	Hours string // "de 8h à 12h"
	From  int    // minutes after midnight
	Width int    // minutes
	Class string // "eleves", "parents", "libre", "enseignants"
}

// LevelView is the page of one level in one académie.
type LevelView struct {
	Academy  *territory.Academy
	Label    string // "académie de Paris"
	Level    vocab.Level
	Sentence string // the answer, in one sentence
	Zone     string // "heure de Paris"
	Groups   []*KindGroup
	Missing  string // "cités scolaires": kinds teaching the level without slots
	// CiteNote explains what a cité scolaire is, when a group is one: said
	// once on the page.
	CiteNote string
	// Local are the rules that hold only in some départements of the
	// académie (a Département's, for its collèges): "Dans le département
	// 23, au collège, il est conseillé de se connecter de 8h30 à 17h :
	// consigne du Département de la Creuse."
	Local    []string
	Calendar string // the .ics URL, "" when there is no slot to subscribe to
	// Calendars are every calendar of the level: the pupils' and the
	// parents' of each group of kinds of school.
	Calendars []Link
	// CalendarNote says, in French, what the calendars leave out and where
	// they stop (calendarNote).
	CalendarNote string
	// Agenda is the ways to subscribe to Calendars (subscribe.go).
	Agenda   *Agenda
	Siblings []Link // the other levels of its stage
	// AcademyURL is the académie's page.
	AcademyURL string
	// Directives is the current directives for the level's pupils and
	// parents (directives.go).
	Directives *DirectiveList
	// Changed says when the rules the page shows last changed (changed.go).
	Changed string
}

// KindGroup is the establishments kinds whose pupils of a level follow the
// same schedule.
type KindGroup struct {
	Heading string // "Au collège", "Au lycée et au lycée professionnel"
	Kinds   []string
	// Parents is the parents' status under the rule in force (or the
	// first announced): "Accès des parents suspendu."
	Parents string
	// Decided names who gave that rule, by its right name.
	Decided string
	// Summary is the line of the first screen under the open-now line:
	// who decided and the parents' status.
	Summary string
	// Script is the schedule for assets/js/ouvert.js (data-creneaux).
	Script  string
	Periods []*PeriodView
}

// PeriodView is a stretch of days under one timetable, for one level.
type PeriodView struct {
	Heading string // "En vigueur depuis le 19 mars 2020", "À partir du lundi 30 mars 2020"
	Current bool
	// From is the first day of the period, a civil date: for a current
	// one, the day its rule took effect (changed.go).
	From      time.Time
	Caption   string
	Columns   []string // extra audiences shown beside the pupils: "Parents"
	Week      []DayRow
	Frise     []SlotRow
	Suspended bool // the pupils' access is suspended
	// Asked is what the rule asks of the level's pupils, in its tone: "Il
	// est conseillé de se connecter de 11h à 14h, et l’accès est libre à
	// partir de 20h."
	Asked string
	// Outside says what holds for the pupils outside the windows.
	Outside string
	// Parents is the parents' status under the rule.
	Parents string
	// Decided names who gave the rule; Said who said it, when and in
	// which words; URL is the source's address, when it gives one.
	Decided, Said, URL string
	Notices            []string
	Timetable          string
	Note               *Text
	// Source is the site's own announcement of the rule, a directive.
	Source *SourceLink
}

// DayRow is one day of the week of a period.
type DayRow struct {
	Day    string   // "Lundi"
	Pupils string   // "de 13h à 17h"
	Others []string // one cell per PeriodView.Columns
}

// ---- Pages ----

// addTimetables adds the région, académie and level pages, the calendars
// and the JSON files, and returns the home page's list of régions.
func (a *assembler) addTimetables(s *slotSet) []RegionEntry {
	terr := a.terr
	var home []RegionEntry
	for _, r := range terr.Regions {
		e := RegionEntry{Name: r.Name, URL: RegionURL(r.Slug)}
		for _, ac := range terr.AcademiesOf(r.Slug) {
			e.Academies = append(e.Academies, Link{URL: AcademyURL(ac.Slug), Label: ac.Name})
			e.Full = append(e.Full, Link{URL: AcademyURL(ac.Slug), Label: vocab.Capitalize(ac.Label())})
		}
		home = append(home, e)
	}
	for _, r := range terr.Regions {
		a.addRegion(s, r)
	}
	status := map[string]AcademyStatus{}
	for _, ac := range terr.Academies {
		a.clock.Zone(ac.Location)
		sc := s.schedulesOf(terr, ac, a.opts.Now)
		status[ac.Slug] = statusOf(sc)
		a.addAcademy(s, sc)
		for _, l := range vocab.Levels() {
			a.addLevel(s, sc, l)
		}
		a.site.Data = append(a.site.Data, &DataFile{URL: SlotsDataURL(ac.Slug), Value: a.slotsData(s, sc)})
	}
	for i := range home {
		for _, l := range home[i].Academies {
			home[i].Entries = append(home[i].Entries, AcademyEntry{Link: l, Status: status[strings.TrimSuffix(strings.TrimPrefix(l.URL, AcademiesURL), "/")]})
		}
	}
	if len(terr.Academies) == 0 && len(terr.Regions) == 0 {
		return nil // a site without territory has no timetable pages
	}
	crumbs := []Link{{URL: HomeURL, Label: "Accueil"}}
	var deps []string
	for _, r := range terr.Regions {
		deps = append(deps, r.Path)
	}
	for _, ac := range terr.Academies {
		deps = append(deps, ac.Path)
	}
	a.add(&Page{
		URL:         AcademiesURL,
		Layout:      "academies",
		Title:       "Toutes les académies",
		Description: "Les 30 académies, par région académique : choisissez la vôtre pour voir ses créneaux de connexion à l’ENT.",
		Section:     HomeURL,
		Crumbs:      crumbs,
		Data:        &AcademiesView{Regions: home},
		Deps:        deps,
	})
	a.add(&Page{
		URL:         RegionsURL,
		Layout:      "academies",
		Title:       "Les régions académiques",
		Description: "Les régions académiques et leurs académies.",
		Section:     HomeURL,
		Crumbs:      crumbs,
		Data:        &AcademiesView{Regions: home},
		Deps:        deps,
	})
	return home
}

// timetableFiles are the timetable files whose rules reach an académie.
func timetableFiles(terr *territory.Territory, academy string) []string {
	var out []string
	for _, iss := range terr.IssuersOf(academy) {
		out = append(out, "content/"+iss.Dir()+"/"+timetable.FileName)
	}
	return out
}

func (a *assembler) addRegion(s *slotSet, r *territory.Region) {
	v := &RegionView{Region: r}
	deps := []string{r.Path, "content/" + r.Issuer().Dir() + "/" + timetable.FileName}
	for _, ac := range a.terr.AcademiesOf(r.Slug) {
		v.Academies = append(v.Academies, Link{URL: AcademyURL(ac.Slug), Label: vocab.Capitalize(ac.Label())})
		deps = append(deps, ac.Path)
	}
	var loc *time.Location
	zone := "heure de Paris"
	for _, ac := range a.terr.AcademiesOf(r.Slug) {
		if ac.Location != nil {
			loc = ac.Location
			zone = zoneLabel(ac)
			break
		}
	}
	if loc == nil {
		loc = time.UTC
	}
	a.clock.Zone(loc)
	today := timetable.Civil(a.opts.Now.In(loc))
	for _, t := range s.tts {
		if t.Issuer != r.Issuer() {
			continue
		}
		switch {
		case t.InForce(today):
			v.Current = append(v.Current, a.timetableView(s, t, false, zone))
		case t.Effective.After(today):
			v.Future = append(v.Future, a.timetableView(s, t, true, zone))
		default:
			continue
		}
		deps = append(deps, s.sourcePath(t)...)
	}
	slices.SortStableFunc(v.Future, func(x, y *TimetableView) int { return x.Effective.Compare(y.Effective) })
	var content *Text
	if len(strings.TrimSpace(string(r.Body))) > 0 {
		content = a.site.text(r.Path, r.Body, r.BodyLine, RegionURL(r.Slug))
	}
	a.add(&Page{
		URL:         RegionURL(r.Slug),
		Layout:      "region",
		Title:       vocab.Capitalize(r.Label()),
		Description: regionDescription(r, v),
		Section:     HomeURL,
		Crumbs:      []Link{{URL: HomeURL, Label: "Accueil"}},
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
	return vocab.Capitalize(r.Label()) + " : " + frJoin(names) + "."
}

func (s *slotSet) sourcePath(t *timetable.Timetable) []string {
	if src := s.sources[t]; src != nil {
		return []string{src.Path}
	}
	return nil
}

// timetableView draws one timetable for the académie and région pages.
func (a *assembler) timetableView(s *slotSet, t *timetable.Timetable, future bool, zone string) *TimetableView {
	id := s.ids[t]
	v := &TimetableView{
		ID:        "h-" + strings.ReplaceAll(strings.TrimPrefix(strings.TrimSuffix(id.file, "/"+timetable.FileName), "content/"), "/", "-") + fmt.Sprint("-", id.index),
		Title:     t.Title,
		Issuer:    withArticle(a.terr.IssuerLabel(t.Issuer)),
		Zone:      zone,
		Kinds:     kindsPlural(t.AppliesTo),
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
		v.Suspended = whoPhrase(sus)
	}
	return v
}

// suspended returns the who words whose access t suspends.
func suspended(t *timetable.Timetable) []string {
	out := []string{}
	for _, o := range t.Outside {
		if o.Rule == timetable.Suspendu {
			out = append(out, o.Who)
		}
	}
	return out
}

func slotRow(sl timetable.Slot) SlotRow {
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
		Who:   vocab.Capitalize(whoPhrase(sl.Who)),
		Hours: windowPhrase(sl),
		From:  int(sl.From),
		Width: int(sl.To - sl.From),
		Class: class,
	}
}

func (a *assembler) addAcademy(s *slotSet, sc *schedules) {
	ac := sc.academy
	v := &AcademyView{
		Academy: ac,
		Label:   ac.Label(),
		Zone:    zoneLabel(ac),
		DataURL: SlotsDataURL(ac.Slug),
	}
	crumbs := []Link{{URL: HomeURL, Label: "Accueil"}}
	if r := a.terr.Region(ac.Region); r != nil {
		v.Region = Link{URL: RegionURL(r.Slug), Label: r.Label()}
		crumbs = append(crumbs, Link{URL: RegionURL(r.Slug), Label: vocab.Capitalize(r.Label())})
	}
	current, future := sc.used()
	deps := append([]string{ac.Path}, timetableFiles(a.terr, ac.Slug)...)
	if r := a.terr.Region(ac.Region); r != nil {
		deps = append(deps, r.Path)
	}
	for _, t := range current {
		v.Current = append(v.Current, a.timetableView(s, t, false, v.Zone))
		deps = append(deps, s.sourcePath(t)...)
		if t.Issuer.Kind == territory.IssuerRegion {
			v.RegionTTs = true
		}
	}
	for _, t := range future {
		v.Future = append(v.Future, a.timetableView(s, t, true, v.Zone))
		deps = append(deps, s.sourcePath(t)...)
	}
	for _, g := range vocab.Groups() {
		lg := LevelGroup{Label: vocab.Capitalize(g.Label)}
		for _, l := range g.Levels {
			lv, _ := vocab.LevelOf(l)
			lg.Links = append(lg.Links, Link{URL: LevelURL(ac.Slug, l), Label: lv.Label})
		}
		v.Levels = append(v.Levels, lg)
	}
	var content *Text
	if len(strings.TrimSpace(string(ac.Body))) > 0 {
		content = a.site.text(ac.Path, ac.Body, ac.BodyLine, AcademyURL(ac.Slug))
	}
	desc := "Les créneaux de connexion à l’ENT fixés pour l’" + ac.Label() + ", niveau par niveau."
	if len(current)+len(future) == 0 {
		desc = "Aucun créneau de connexion à l’ENT n’est publié pour l’" + ac.Label() + "."
	}
	a.add(&Page{
		URL:         AcademyURL(ac.Slug),
		Layout:      "academie",
		Title:       vocab.Capitalize(ac.Label()),
		Description: desc,
		Section:     HomeURL,
		Crumbs:      crumbs,
		Content:     content,
		Data:        v,
		Source:      diag.Pos{File: ac.Path},
		Deps:        deps,
	})
}

// ---- Level pages ----

// levelGroups gathers the kinds that teach level by identical schedules.
func (sc *schedules) levelGroups(level string) (groups [][]string, periods [][]timetable.Period, missing []string) {
	for _, k := range vocab.Kinds() {
		if !vocab.KindHasLevel(k.Slug, level) {
			continue
		}
		ps := sc.periods(timetable.Place{Academy: sc.academy.Slug}, k.Slug, level)
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

func samePeriods(a, b []timetable.Period) bool {
	return slices.EqualFunc(a, b, func(x, y timetable.Period) bool {
		return x.Timetable == y.Timetable && x.From.Equal(y.From) && x.To.Equal(y.To)
	})
}

// localNotes say, for the kinds of school g of a level, the rules that hold
// in a département of the académie instead of those of the page (whole,
// the periods ps): a Département's, for its collèges.
func (sc *schedules) localNotes(terr *territory.Territory, level string, g []string, ps []timetable.Period) []string {
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
			i := slices.IndexFunc(dps, func(p timetable.Period) bool {
				return !slices.ContainsFunc(ps, func(q timetable.Period) bool { return q.Timetable == p.Timetable })
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
func pupilSlots(t *timetable.Timetable, level string) []timetable.Slot {
	out := t.SlotsFor(level)
	for _, s := range t.Slots {
		if slices.Contains(s.Who, "tous") && !slices.ContainsFunc(out, func(x timetable.Slot) bool { return x.Pos == s.Pos }) {
			out = append(out, s)
		}
	}
	slices.SortStableFunc(out, func(x, y timetable.Slot) int { return cmp.Compare(x.From, y.From) })
	return out
}

// splitFree separates the level's own slots from the free-access ones.
func splitFree(slots []timetable.Slot) (own, free []timetable.Slot) {
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
func levelSentence(ac *territory.Academy, level string, groups [][]string, periods [][]timetable.Period, today time.Time) string {
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

// scriptData is the schedule assets/js/ouvert.js reads from data-creneaux.
type scriptData struct {
	Zone string `json:"fuseau"`
	// Place names the kind of school at the start of the line: "En cité
	// scolaire".
	Place   string         `json:"lieu"`
	Periods []scriptPeriod `json:"periodes"`
	// Holidays are the school holidays of the académie's zone (calendars.go):
	// on their days the page says that no instruction is published.
	Holidays []scriptHoliday `json:"vacances,omitempty"`
}

// scriptHoliday is a holiday for assets/js/ouvert.js: its first and last
// days, and its zone.
type scriptHoliday struct {
	From string `json:"du"`
	To   string `json:"au"`
	Zone string `json:"zone"`
}

type scriptPeriod struct {
	From string `json:"du"`
	To   string `json:"au,omitempty"`
	// Days are the days the source names, 0 = Sunday as JavaScript's
	// getDay; null when it names none (then reserved windows hold on
	// weekdays, free-access ones every day, and a weekend day has no
	// published rule).
	Days []int `json:"jours"`
	// Slots are [from, to, flags], minutes after midnight; flags: 1 free
	// access, 2 no end stated ("à partir de"), 4 no start stated
	// ("avant").
	Slots [][3]int `json:"creneaux"`
	// In says what a reserved window is, in the rule's tone: "créneau
	// demandé pour se connecter".
	In string `json:"dans"`
	// Out says what holds outside the windows: "en dehors des créneaux, la
	// consigne ne dit rien de ce moment".
	Out string `json:"hors"`
	// OutLook is the class of the line outside the windows: "ouvert",
	// "ferme", or "" when the source is silent (outsideClass).
	OutLook string `json:"hc,omitempty"`
	// Closed is the whole line when the pupils' access is suspended.
	Closed string `json:"ferme,omitempty"`
}

// slotFlags are the flags of a slot in scriptPeriod.Slots.
func slotFlags(s timetable.Slot) int {
	f := 0
	if s.Free() || slices.Contains(s.Who, "tous") {
		f |= 1
	}
	if s.OpenEnd {
		f |= 2
	}
	if s.OpenStart {
		f |= 4
	}
	return f
}

func (a *assembler) addLevel(s *slotSet, sc *schedules, l vocab.Level) {
	ac := sc.academy
	groups, periods, missing := sc.levelGroups(l.Slug)
	v := &LevelView{
		Academy:  ac,
		Label:    ac.Label(),
		Level:    l,
		Sentence: levelSentence(ac, l.Slug, groups, periods, sc.today),
		Zone:     zoneLabel(ac),
		Missing:  kindsPlural(missing),

		AcademyURL: AcademyURL(ac.Slug),
	}
	if len(groups) == 0 {
		v.Missing = ""
	}
	deps := append([]string{ac.Path}, timetableFiles(a.terr, ac.Slug)...)
	if r := a.terr.Region(ac.Region); r != nil {
		deps = append(deps, r.Path)
	}
	var cals []*levelCalendar
	for i, g := range groups {
		first := periods[i][0].Timetable
		kg := &KindGroup{Heading: vocab.Capitalize(kindsPhrase(g)), Kinds: g, Parents: parentsPhrase(first), Decided: deciderPhrase(a.terr, first)}
		kg.Summary = vocab.Capitalize(deciderShort(a.terr, first)) + ". " + kg.Parents
		if slices.Contains(g, "cite-scolaire") {
			v.CiteNote = citeScolaireNote
		}
		v.Local = append(v.Local, sc.localNotes(a.terr, l.Slug, g, periods[i])...)
		pupils := newLevelCalendar(ac, l, g, i, len(groups) > 1, false)
		parents := newLevelCalendar(ac, l, g, i, len(groups) > 1, true)
		cals = append(cals, pupils, parents)
		sd := scriptData{Zone: ac.TimeZone, Place: kg.Heading, Holidays: scriptHolidays(ac.HolidayZone)}
		for _, p := range periods[i] {
			t := p.Timetable
			pv := a.periodView(s, sc, t, p, l, g)
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
				a.addEvent(pupils, s, sc, l, g, len(groups) > 1, t, p, sl)
			}
			if !t.Suspends("parents") {
				for _, sl := range t.Slots {
					if slices.Contains(sl.Who, "parents") {
						a.addEvent(parents, s, sc, l, g, len(groups) > 1, t, p, sl)
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
		v.Local = append(v.Local, sc.localNotes(a.terr, l.Slug, []string{k}, nil)...)
	}
	if len(groups) == 0 && len(v.Local) > 0 {
		v.Sentence = strings.TrimSuffix(v.Sentence, ".") + ", sauf dans certains départements (ci-dessous)."
	}
	var cut calendarNote
	var subs []*Subscription
	for _, c := range cals {
		if len(c.cal.Events) == 0 {
			continue
		}
		if v.Calendar == "" && !c.parents {
			v.Calendar = c.cal.URL
		}
		v.Calendars = append(v.Calendars, Link{URL: c.cal.URL, Label: c.label})
		subs = append(subs, a.site.subscription(c.cal, c.label))
		a.site.Calendars = append(a.site.Calendars, c.cal)
		cut.merge(c.cut)
	}
	v.CalendarNote = cut.French()
	v.Agenda = newAgenda(subs, v.CalendarNote, levelRefresh)
	if g, ok := vocab.GroupOf(l.Group); ok {
		for _, o := range g.Levels {
			if o == l.Slug {
				continue
			}
			ol, _ := vocab.LevelOf(o)
			v.Siblings = append(v.Siblings, Link{URL: LevelURL(ac.Slug, o), Label: ol.Label})
		}
	}
	// Home and académie only: on a phone the answer must stay on the first
	// screen, and the académie's page links to its région.
	crumbs := []Link{{URL: HomeURL, Label: "Accueil"}, {URL: AcademyURL(ac.Slug), Label: vocab.Capitalize(ac.Label())}}
	a.add(&Page{
		URL:         LevelURL(ac.Slug, l.Slug),
		Layout:      "niveau",
		Title:       vocab.Capitalize(l.Label) + " – " + ac.Label(),
		HeadTitle:   vocab.Capitalize(l.Label) + ", " + ac.Label() + " : quand se connecter à l’ENT ? – " + a.site.Config.Title,
		Description: v.Sentence,
		Section:     HomeURL,
		Crumbs:      crumbs,
		Data:        v,
		Scripts:     []string{"js/ouvert.js"},
		Deps:        sortedDeps(deps),
	})
}

// freeWords name a free-access window in a week's cell: "accès libre",
// or "ENT accessible à tous" under a rule the ENT enforces.
func freeWords(t *timetable.Timetable) string {
	if t.Tone == timetable.Regle {
		return "ENT accessible à tous"
	}
	return "accès libre"
}

// noInstruction is what a page says of a day the source says nothing of:
// never "aucun créneau", which would forbid what no one forbade.
const noInstruction = "pas de consigne publiée"

// others are the audiences shown beside the pupils in a level's week.
var others = []struct{ slug, label string }{{"parents", "Parents"}, {"enseignants", "Enseignants"}}

func (a *assembler) periodView(s *slotSet, sc *schedules, t *timetable.Timetable, p timetable.Period, l vocab.Level, kinds []string) *PeriodView {
	current := !p.From.After(sc.today)
	pv := &PeriodView{
		Current:   current,
		Heading:   periodHeading(t, p.From, p.To, current),
		Timetable: t.Title,
		Decided:   deciderPhrase(a.terr, t),
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
		slots     []timetable.Slot
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
		var freeToday []timetable.Slot
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

// addEvent adds one slot of one period to a level's calendar c, one event
// for each span of the period the calendar shows (cutPeriod: without the
// school holidays, stopped at the end of the known period). Its UID is made
// of the académie, the level, the timetable's file and position, the
// slot's position and the span: editing the hours keeps it, so a
// subscribed calendar updates the event instead of adding one.
func (a *assembler) addEvent(c *levelCalendar, s *slotSet, sc *schedules, l vocab.Level, kinds []string, several bool, t *timetable.Timetable, p timetable.Period, sl timetable.Slot) {
	idx := slices.IndexFunc(t.Slots, func(x timetable.Slot) bool { return x.Pos == sl.Pos })
	id := s.ids[t]
	key := fmt.Sprint(id, idx, p.From, p.To)
	if c.seen[key] {
		return // the same slot, reached through another kind
	}
	c.seen[key] = true
	base := fmt.Sprintf("%s-%s-%s-%d-%d", sc.academy.Slug, l.Slug, strings.ReplaceAll(strings.TrimSuffix(strings.TrimPrefix(id.file, "content/"), "/"+timetable.FileName), "/", "-"), id.index, idx+1)
	if c.key != "" {
		base += "-" + c.key
	}
	c.uids[base]++
	if n := c.uids[base]; n > 1 {
		base += fmt.Sprint("-", n)
	}
	summary := eventSummary(t, sl, c.parents) + " – " + l.Label
	if several {
		summary += " (" + kindsPhrase(kinds) + ")"
	}
	cut := cutPeriod(p.From, p.To, sc.academy.HolidayZone)
	c.cut.add(cut)
	desc := deciderPhrase(a.terr, t) + " (« " + t.Title + " »). Horaires à l’" + zoneLabel(sc.academy) + "."
	switch {
	case sl.OpenEnd && !sl.OpenStart:
		desc += " La source ne donne pas d’heure de fin (« " + windowPhrase(sl) + " ») : l’événement s’arrête à minuit."
	case sl.OpenStart && !sl.OpenEnd:
		desc += " La source ne donne pas d’heure de début (« " + windowPhrase(sl) + " ») : l’événement commence à minuit."
	}
	desc += cut.note()
	if t.Days == nil {
		desc += " La source ne précise pas les jours de la semaine : le calendrier place ce créneau les jours où la page le montre."
	}
	for i, sp := range cut.Spans {
		uid := base
		if i > 0 {
			uid += fmt.Sprint("-p", i+1)
		}
		c.cal.Events = append(c.cal.Events, &Event{
			UID:         uid + "@" + a.host(),
			Summary:     summary,
			Description: desc,
			URL:         a.site.Abs(LevelURL(sc.academy.Slug, l.Slug)),
			First:       sp.First,
			Until:       sp.Last,
			Days:        slotDays(t, sl),
			From:        int(sl.From),
			To:          int(sl.To),
		})
	}
}

// levelCalendar is one calendar of a level page: the pupils' or the
// parents' windows of one group of kinds of school, and what its events
// share (the UIDs given, the slots already added, how their periods were
// cut).
type levelCalendar struct {
	cal     *Calendar
	label   string // the link's text on the page
	key     string // added to the UIDs of all but the first group's pupils
	parents bool
	uids    map[string]int
	seen    map[string]bool
	cut     calendarNote
}

// newLevelCalendar makes the calendar of the pupils (or the parents) of
// level l in the i-th group of kinds of académie ac. The first group's
// pupils keep the address a level always had, /academies/<a>/<l>.ics; the
// others add their kinds (4e-cite-scolaire.ics) and the parents' calendars
// "-parents", so that one calendar never mixes the hours of two kinds of
// school, nor the parents' with the pupils'.
func newLevelCalendar(ac *territory.Academy, l vocab.Level, kinds []string, i int, several, parents bool) *levelCalendar {
	var suffix []string
	if i > 0 {
		suffix = append(suffix, kinds...)
	}
	if parents {
		suffix = append(suffix, "parents")
	}
	who, label := l.Label, "Élèves de "+l.Label
	if parents {
		who, label = "parents d’élèves de "+l.Label, "Parents d’élèves de "+l.Label
	}
	if several {
		who += " " + kindsPhrase(kinds)
		label += " " + kindsPhrase(kinds)
	}
	return &levelCalendar{
		cal: &Calendar{
			URL:  LevelCalendarURL(ac.Slug, strings.Join(append([]string{l.Slug}, suffix...), "-")),
			Name: "ENT – " + who + ", " + ac.Label(),
			TZID: ac.TimeZone,
		},
		label:   label,
		key:     strings.Join(suffix, "-"),
		parents: parents,
		uids:    map[string]int{},
		seen:    map[string]bool{},
	}
}

// eventSummary is the title of a calendar event, in the rule's tone:
// "Créneau conseillé", "Créneau demandé", "ENT ouvert", "Accès libre à
// l’ENT", and "Parents : créneau conseillé" in a parents' calendar.
func eventSummary(t *timetable.Timetable, sl timetable.Slot, parents bool) string {
	var s string
	switch {
	case slices.Contains(sl.Who, "tous") && t.Tone == timetable.Regle:
		s = "ENT accessible à tous"
	case slices.Contains(sl.Who, "tous"):
		s = "Accès libre à l’ENT"
	default:
		s = vocab.Capitalize(inWindowWords[toneOf(t, sl)])
	}
	if parents {
		return "Parents : " + lowerFirst(s)
	}
	return s
}

// slotDays are the days of the week slot sl of t holds on
// (timetable.SlotOnDay): for a free-access window of a timetable that
// names no day, every day, as the page shows it.
func slotDays(t *timetable.Timetable, sl timetable.Slot) []time.Weekday {
	var out []time.Weekday
	for _, d := range week {
		if t.SlotOnDay(sl, d) {
			out = append(out, d)
		}
	}
	return out
}

// host is the host of the base URL, for UIDs.
func (a *assembler) host() string {
	u, err := url.Parse(a.site.Config.BaseURL)
	if err != nil || u.Host == "" {
		return "relais"
	}
	return u.Host
}

// sortedDeps sorts a list of files and drops repeats.
func sortedDeps(deps []string) []string {
	slices.Sort(deps)
	return slices.Compact(deps)
}

// statedDaysPhrase says the days of a timetable for its summary line, and
// that the source names none when days is empty: never a default week.
func statedDaysPhrase(days []time.Weekday) string {
	if len(days) == 0 {
		return "jours non précisés par la source"
	}
	return daysPhrase(days)
}
