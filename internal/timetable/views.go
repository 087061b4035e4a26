package timetable

// views.go: the views of the timetables, as the layouts read them.

import (
	"time"

	"github.com/relais-ecoles/relais/internal/territory"
	"github.com/relais-ecoles/relais/internal/view"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// SourceLink names the directive a timetable comes from (source.directive).
type SourceLink struct {
	Title  string // the directive's title, or its slug when it has none
	Issuer string // "académie de Paris"
	// URL is the directive's page; empty when the site has no page there
	// (then the source is named without a link).
	URL  string
	Path string // the directive's content file
}

// RegionEntry is a région and its académies, for the home page.
type RegionEntry struct {
	Name      string
	URL       string
	Academies []view.Link // labelled by name: "Paris"
	Full      []view.Link // labelled in full: "Académie de Paris"
	// Entries are the académies labelled by name, with their status.
	Entries []AcademyEntry
}

// AcademyEntry is an académie on the home page: its link and its status.
type AcademyEntry struct {
	view.Link
	Status AcademyStatus
}

// AcademyStatus says what the page of an académie gives its parents today.
type AcademyStatus struct {
	// Published: the académie or its région has set connection slots, in
	// force or announced, for some kind of school.
	Published bool
	// Kinds are the plural labels of the kinds of school those slots are
	// for, when they are not for every kind: "lycées".
	Kinds []string
	// National: for some kind of school only the ministry's recommendation
	// applies.
	National bool
}

// Text is the status in a few words, as the home page shows it.
func (s AcademyStatus) Text() string {
	switch {
	case s.Published && len(s.Kinds) > 0:
		return "Créneaux publiés : " + vocab.Join(s.Kinds)
	case s.Published:
		return "Créneaux publiés"
	case s.National:
		return "Pas de créneau local : recommandation nationale"
	}
	return "Aucun créneau publié"
}

// RegionView is the page of a région académique.
type RegionView struct {
	Region    *territory.Region
	Academies []view.Link
	Current   []*TimetableView
	Future    []*TimetableView
}

// AcademyView is the page of an académie.
type AcademyView struct {
	Academy   *territory.Academy
	Label     string    // "académie de Paris"
	Region    view.Link // empty URL when the région is unknown
	Zone      string    // "heure de Paris"
	Current   []*TimetableView
	Future    []*TimetableView
	Levels    []LevelGroup
	DataURL   string // creneaux.json
	RegionTTs bool   // some timetable comes from the région
}

// AcademiesView is the list of every académie.
type AcademiesView struct {
	Regions []RegionEntry
}

// LevelGroup is the levels of one stage of schooling, linked.
type LevelGroup struct {
	Label string // "collège"
	Links []view.Link
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
	Note      *view.Text
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
	Calendars []view.Link
	// CalendarNote says, in French, what the calendars leave out and where
	// they stop (calendarNote).
	CalendarNote string
	// Agenda is the ways to subscribe to Calendars.
	Agenda   *view.Agenda
	Siblings []view.Link // the other levels of its stage
	// AcademyURL is the académie's page.
	AcademyURL string
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
	// one, the day its rule took effect (RulesChanged).
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
	Note               *view.Text
	// Source is the site's own announcement of the rule, a directive.
	Source *SourceLink
}

// DayRow is one day of the week of a period.
type DayRow struct {
	Day    string   // "Lundi"
	Pupils string   // "de 13h à 17h"
	Others []string // one cell per PeriodView.Columns
}

// RulesChanged is the latest day one of the timetables in force took
// effect: when the rules the page shows last changed, but for the
// directives it lists, which site adds.
func (v *RegionView) RulesChanged() time.Time { return timetablesChanged(v.Current) }

// RulesChanged is the latest day one of the timetables in force took
// effect (see RegionView.RulesChanged).
func (v *AcademyView) RulesChanged() time.Time { return timetablesChanged(v.Current) }

// RulesChanged is the latest first day of the level's periods in force
// (see RegionView.RulesChanged).
func (v *LevelView) RulesChanged() time.Time {
	var last time.Time
	for _, g := range v.Groups {
		for _, p := range g.Periods {
			if p.Current && p.From.After(last) {
				last = p.From
			}
		}
	}
	return last
}

// timetablesChanged is the latest day one of the current timetables took
// effect.
func timetablesChanged(current []*TimetableView) time.Time {
	var last time.Time
	for _, t := range current {
		if t.Effective.After(last) {
			last = t.Effective
		}
	}
	return last
}
