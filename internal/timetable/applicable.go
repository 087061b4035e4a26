package timetable

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/territory"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// Civil returns the civil date of t, read in t's own location, as midnight
// UTC: the form of every date of this package.
func Civil(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// InForce reports whether t is in force on the civil date of date.
func (t *Timetable) InForce(date time.Time) bool {
	day := Civil(date)
	return !day.Before(t.Effective) && (t.Until.IsZero() || !day.After(t.Until))
}

// AppliesToKind reports whether t applies to establishments of kind.
func (t *Timetable) AppliesToKind(kind string) bool { return slices.Contains(t.AppliesTo, kind) }

// DaysStated reports whether the source names the days of the week.
func (t *Timetable) DaysStated() bool { return t.Days != nil }

// OnDay reports whether t's slots hold on a day of the week: a day it
// names, or, when the source names no day, a weekday (Monday to Friday). On
// a weekend day of a timetable without days the source says nothing, and
// the pages say that no instruction is published — not that nothing is
// allowed.
func (t *Timetable) OnDay(d time.Weekday) bool {
	if t.Days == nil {
		return d != time.Saturday && d != time.Sunday
	}
	return slices.Contains(t.Days, d)
}

// SlotOnDay reports whether slot s of t holds on a day of the week: a day
// t names; when t names none, a weekday for a reserved slot (OnDay), and
// any day for a free-access one, which restricts nobody (the pages say the
// days are not stated).
func (t *Timetable) SlotOnDay(s Slot, d time.Weekday) bool {
	if t.Days == nil && s.Free() {
		return true
	}
	return t.OnDay(d)
}

// Names reports whether t says something about pupils of level: a slot or
// an outside rule that names the level, its group or "eleves", or a
// free-access slot for "tous".
func (t *Timetable) Names(level string) bool {
	if slices.ContainsFunc(t.Outside, func(o OutsideRule) bool { return coversLevel([]string{o.Who}, level) }) {
		return true
	}
	return slices.ContainsFunc(t.Slots, func(s Slot) bool { return coversLevel(s.Who, level) || slices.Contains(s.Who, "tous") })
}

// SlotsFor returns the slots of pupils of level: those naming the level, its
// group or "eleves", in file order.
func (t *Timetable) SlotsFor(level string) []Slot {
	var out []Slot
	for _, s := range t.Slots {
		if coversLevel(s.Who, level) {
			out = append(out, s)
		}
	}
	return out
}

// PupilSlots returns the windows a pupil of level may use: the level's own
// slots and those open to "tous", by start time.
func (t *Timetable) PupilSlots(level string) []Slot {
	var out []Slot
	for _, s := range t.Slots {
		if coversLevel(s.Who, level) || slices.Contains(s.Who, "tous") {
			out = append(out, s)
		}
	}
	slices.SortStableFunc(out, func(x, y Slot) int { return cmp.Compare(x.From, y.From) })
	return out
}

// AudienceSlots returns the slots that name who (an audience such as
// "parents"), in file order.
func (t *Timetable) AudienceSlots(who string) []Slot {
	var out []Slot
	for _, s := range t.Slots {
		if slices.Contains(s.Who, who) {
			out = append(out, s)
		}
	}
	return out
}

// OutsideFor returns what holds for who outside its windows, and false when
// the source does not say. For a level, the rule of the level, then of its
// group, then of "eleves" answers.
func (t *Timetable) OutsideFor(who string) (Outside, bool) {
	words := []string{who}
	if lv, ok := vocab.LevelOf(who); ok {
		words = []string{who, lv.Group, "eleves"}
	}
	for _, w := range words {
		for _, o := range t.Outside {
			if o.Who == w {
				return o.Rule, true
			}
		}
	}
	return "", false
}

// Suspends reports whether t suspends the access of who: an audience or a
// level whose outside rule is "suspendu" and that has no window.
func (t *Timetable) Suspends(who string) bool {
	r, ok := t.OutsideFor(who)
	return ok && r == Suspendu
}

// Window is one slot on one day, as instants.
type Window struct {
	Slot       Slot
	Start, End time.Time
}

// WindowsOn returns the windows of pupils of level (PupilSlots) on the civil
// date of day, placed in loc (the académie's time zone): none when t is not
// in force that day or has no slot on that day of the week (SlotOnDay). A slot that ends
// at 24:00 ends at midnight the next day. On the day clocks change, a slot
// keeps its wall-clock times, so it may last an hour more or less.
func (t *Timetable) WindowsOn(level string, day time.Time, loc *time.Location) []Window {
	d := Civil(day)
	if !t.InForce(d) {
		return nil
	}
	var out []Window
	for _, s := range t.PupilSlots(level) {
		if !t.SlotOnDay(s, d.Weekday()) {
			continue
		}
		out = append(out, Window{
			Slot:  s,
			Start: time.Date(d.Year(), d.Month(), d.Day(), 0, int(s.From), 0, 0, loc),
			End:   time.Date(d.Year(), d.Month(), d.Day(), 0, int(s.To), 0, 0, loc),
		})
	}
	return out
}

// Place is where a pupil's school is: an académie, and, where a
// Département's rule may apply, the département's code ("23"). An empty
// Departement is "anywhere in the académie": the rules of a Département,
// which covers a part of it only, do not apply there.
type Place struct {
	Academy     string
	Departement string
}

// AmbiguousError is two local timetables (or two of one région académique)
// that both apply with the same effective date: the site refuses to choose.
type AmbiguousError struct {
	A, B                 *Timetable // A comes first
	Academy, Kind, Level string     // slugs
	Date                 time.Time
	label                string // "académie de Créteil"
}

func (e *AmbiguousError) Error() string {
	return fmt.Sprintf("les grilles de %s et de %s s'appliquent toutes deux en %s dans les %s de l'%s le %s : %s",
		e.A.Pos, e.B.Pos, vocab.LevelLabel(e.Level), kindPlural(e.Kind), e.label, day(e.Date), ambiguityFix(e.A))
}

func ambiguityFix(t *Timetable) string {
	return fmt.Sprintf("elles prennent effet le même jour (%s) ; le site ne choisit pas entre deux consignes : donnez à l'une une date effective plus tardive ou un until, ou réunissez-les",
		day(t.Effective))
}

func kindPlural(kind string) string {
	if k, ok := vocab.KindOf(kind); ok {
		return k.Plural
	}
	return kind
}

// Reaches reports whether t's issuer sets rules for schools of kind at
// place: the académie itself, a collectivité that runs kind's ENT there (a
// Département only in its départements), the académie's région académique,
// or the ministry.
func Reaches(t *Timetable, terr *territory.Territory, place Place, kind string) bool {
	a := terr.Academy(place.Academy)
	if a == nil {
		return false
	}
	switch t.Issuer.Kind {
	case territory.IssuerNational:
		return true
	case territory.IssuerRegion:
		return t.Issuer.Slug == a.Region
	case territory.IssuerAcademy:
		return t.Issuer.Slug == a.Slug
	case territory.IssuerCollectivite:
		c := terr.Collectivite(t.Issuer.Slug)
		return c != nil && c.RunsENT(a.Slug, kind) && (!c.Partial() || slices.Contains(c.Departements, place.Departement))
	}
	return false
}

// relevant returns the timetables that may apply to (place, kind, level)
// on some day: issued for the place and naming the pupil.
func relevant(tts []*Timetable, terr *territory.Territory, place Place, kind, level string) ([]*Timetable, error) {
	if terr.Academy(place.Academy) == nil {
		return nil, fmt.Errorf("académie inconnue %q", place.Academy)
	}
	if _, ok := vocab.KindOf(kind); !ok {
		return nil, fmt.Errorf("type d'établissement inconnu %q", kind)
	}
	if _, ok := vocab.LevelOf(level); !ok {
		return nil, fmt.Errorf("niveau inconnu %q", level)
	}
	if !vocab.KindHasLevel(kind, level) {
		return nil, nil
	}
	var out []*Timetable
	for _, t := range tts {
		if t.AppliesToKind(kind) && t.Names(level) && Reaches(t, terr, place, kind) {
			out = append(out, t)
		}
	}
	return out, nil
}

// pick chooses among relevant timetables on a civil date: the most
// specific tier (local, then région académique, then national), in it the
// latest effective; two left with the same effective tie.
func pick(rel []*Timetable, a *territory.Academy, kind, level string, day time.Time) (*Timetable, error) {
	var cands []*Timetable
	for _, t := range rel {
		if t.InForce(day) {
			cands = append(cands, t)
		}
	}
	if len(cands) == 0 {
		return nil, nil
	}
	slices.SortStableFunc(cands, func(a, b *Timetable) int {
		if c := cmp.Compare(b.Issuer.Specificity(), a.Issuer.Specificity()); c != 0 {
			return c
		}
		if c := b.Effective.Compare(a.Effective); c != 0 {
			return c
		}
		return diag.Compare(a.Pos, b.Pos)
	})
	if len(cands) > 1 && cands[0].Issuer.Specificity() == cands[1].Issuer.Specificity() && cands[0].Effective.Equal(cands[1].Effective) {
		return nil, &AmbiguousError{A: cands[0], B: cands[1], Academy: a.Slug, Kind: kind, Level: level, Date: day, label: a.Label()}
	}
	return cands[0], nil
}

// Period is a stretch of days during which one timetable applies.
type Period struct {
	Timetable *Timetable
	From      time.Time // first day (the asked date for the one in force)
	To        time.Time // last day; zero when open-ended
}

// ScheduleAt returns the timetable in force on the civil date of date, if
// any, then every announced later one, each with the days it applies, for a
// pupil of level in an establishment of kind at place. Days on which no
// timetable applies are gaps between periods. An ambiguity on any of those
// days is an error.
func ScheduleAt(tts []*Timetable, terr *territory.Territory, place Place, kind, level string, date time.Time) ([]Period, error) {
	rel, err := relevant(tts, terr, place, kind, level)
	if err != nil {
		return nil, err
	}
	d := Civil(date)
	var out []Period
	var cur *Timetable
	for _, p := range changeDays(rel, d) {
		t, err := pick(rel, terr.Academy(place.Academy), kind, level, p)
		if err != nil {
			return nil, err
		}
		if t == cur {
			continue
		}
		if cur != nil {
			out[len(out)-1].To = p.AddDate(0, 0, -1)
		}
		if t != nil {
			out = append(out, Period{Timetable: t, From: p})
		}
		cur = t
	}
	return out, nil
}

// changeDays returns from and every later day on which the set of
// timetables in force changes: each effective date and each day after an
// until. They are the only days on which the answer of pick can change.
func changeDays(tts []*Timetable, from time.Time) []time.Time {
	days := []time.Time{from}
	for _, t := range tts {
		if t.Effective.After(from) {
			days = append(days, t.Effective)
		}
		if !t.Until.IsZero() {
			if next := t.Until.AddDate(0, 0, 1); next.After(from) {
				days = append(days, next)
			}
		}
	}
	slices.SortFunc(days, func(a, b time.Time) int { return a.Compare(b) })
	return slices.CompactFunc(days, func(a, b time.Time) bool { return a.Equal(b) })
}

// Places returns the places of an académie whose answers may differ: the
// whole académie, then each département where a Département's rules reach.
func Places(terr *territory.Territory, academy string) []Place {
	out := []Place{{Academy: academy}}
	for _, c := range terr.CollectivitesOf(academy) {
		if !c.Partial() {
			continue
		}
		for _, d := range c.Departements {
			if !slices.ContainsFunc(out, func(p Place) bool { return p.Departement == d }) {
				out = append(out, Place{Academy: academy, Departement: d})
			}
		}
	}
	return out
}

// CheckAmbiguous finds every place, establishment kind, level and day on
// which two timetables tie, and reports each tied pair once, at the later of
// the two, naming the other and the first case met.
func CheckAmbiguous(tts []*Timetable, terr *territory.Territory) diag.List {
	var errs diag.List
	type pair struct{ a, b *Timetable }
	seen := map[pair]bool{}
	for _, a := range terr.Academies {
		for _, place := range Places(terr, a.Slug) {
			for _, k := range vocab.Kinds() {
				var own []*Timetable
				for _, t := range tts {
					if Reaches(t, terr, place, k.Slug) {
						own = append(own, t)
					}
				}
				if len(own) < 2 {
					continue
				}
				for _, level := range k.Levels {
					rel, err := relevant(own, terr, place, k.Slug, level)
					if err != nil || len(rel) < 2 {
						continue
					}
					for _, d := range changeDays(rel, time.Time{}) {
						_, err := pick(rel, a, k.Slug, level, d)
						amb, ok := err.(*AmbiguousError)
						if !ok || seen[pair{amb.A, amb.B}] {
							continue
						}
						seen[pair{amb.A, amb.B}] = true
						errs.Add(amb.B.Pos, "cette grille et celle de %s (%s) s'appliquent toutes deux en %s dans les %s de l'%s à partir du %s : %s",
							amb.A.Pos, terr.IssuerLabel(amb.A.Issuer), vocab.LevelLabel(level), kindPlural(k.Slug), a.Label(), day(d), ambiguityFix(amb.A))
					}
				}
			}
		}
	}
	return errs.Sort()
}
