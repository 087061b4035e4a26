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

// OnDay reports whether t's slots hold on a day of the week.
func (t *Timetable) OnDay(d time.Weekday) bool { return slices.Contains(t.Days, d) }

// Names reports whether t says something about pupils of level: a slot or a
// suspension that names the level, its group or "eleves".
func (t *Timetable) Names(level string) bool {
	if coversLevel(t.Suspended, level) {
		return true
	}
	return slices.ContainsFunc(t.Slots, func(s Slot) bool { return coversLevel(s.Who, level) })
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

// OtherAudiences are the who words that are not pupils: they have slots of
// their own beside the pupils'.
var OtherAudiences = []string{"parents", "enseignants", "tous"}

// AudienceSlots returns the slots that name parents, enseignants or tous
// (free access), in file order.
func (t *Timetable) AudienceSlots() []Slot {
	var out []Slot
	for _, s := range t.Slots {
		if slices.ContainsFunc(s.Who, func(w string) bool { return slices.Contains(OtherAudiences, w) }) {
			out = append(out, s)
		}
	}
	return out
}

// Suspends reports whether t suspends the access of who: an audience
// (parents, enseignants, tous) when it is listed, a level when it, its group
// or "eleves" is listed.
func (t *Timetable) Suspends(who string) bool {
	if _, ok := vocab.LevelOf(who); ok {
		return coversLevel(t.Suspended, who)
	}
	return slices.Contains(t.Suspended, who)
}

// Window is one slot on one day, as instants.
type Window struct {
	Slot       Slot
	Start, End time.Time
}

// WindowsOn returns the windows of the slots of pupils of level on the civil
// date of day, placed in loc (the académie's time zone): none when t is not
// in force that day or has no slot on that day of the week. A slot that ends
// at 24:00 ends at midnight the next day. On the day clocks change, a slot
// keeps its wall-clock times, so it may last an hour more or less.
func (t *Timetable) WindowsOn(level string, day time.Time, loc *time.Location) []Window {
	d := Civil(day)
	if !t.InForce(d) || !t.OnDay(d.Weekday()) {
		return nil
	}
	var out []Window
	for _, s := range t.SlotsFor(level) {
		out = append(out, Window{
			Slot:  s,
			Start: time.Date(d.Year(), d.Month(), d.Day(), 0, int(s.From), 0, 0, loc),
			End:   time.Date(d.Year(), d.Month(), d.Day(), 0, int(s.To), 0, 0, loc),
		})
	}
	return out
}

// AmbiguousError is two timetables that both apply, with the same issuer and
// the same effective date: the site refuses to choose.
type AmbiguousError struct {
	A, B                 *Timetable // A comes first in the file
	Academy, Kind, Level string     // slugs
	Date                 time.Time
	label                string // "académie de Créteil"
}

func (e *AmbiguousError) Error() string {
	return fmt.Sprintf("timetables at %s and %s both apply to %s in %s of %s on %s: %s",
		e.A.Pos, e.B.Pos, vocab.LevelLabel(e.Level), kindPlural(e.Kind), e.label, e.Date.Format(time.DateOnly), ambiguityFix(e.A, e.A.Issuer.String()))
}

func ambiguityFix(t *Timetable, issuer string) string {
	return fmt.Sprintf("both are issued by %s and take effect on %s; give one a later effective date or an until, or merge them",
		issuer, t.Effective.Format(time.DateOnly))
}

func kindPlural(kind string) string {
	if k, ok := vocab.KindOf(kind); ok {
		return k.Plural
	}
	return kind
}

// Applicable returns the timetable that applies to a pupil of level in an
// establishment of kind of academy on the civil date of date, following
// docs/design.md (see the package comment). The timetable may have no slot on
// that day of the week (see OnDay). It returns nil and no error when no
// timetable covers the pupil, or when kind does not teach level, an *AmbiguousError when two tie, and an error
// for an unknown académie, kind or level.
func Applicable(tts []*Timetable, terr *territory.Territory, academy, kind, level string, date time.Time) (*Timetable, error) {
	rel, err := relevant(tts, terr, academy, kind, level)
	if err != nil {
		return nil, err
	}
	return pick(rel, terr.Academy(academy), kind, level, Civil(date))
}

// relevant returns the timetables that may apply to (academy, kind, level)
// on some day: issued for the académie and naming the pupil.
func relevant(tts []*Timetable, terr *territory.Territory, academy, kind, level string) ([]*Timetable, error) {
	issuers := terr.IssuersOf(academy)
	if issuers == nil {
		return nil, fmt.Errorf("unknown académie %q", academy)
	}
	if _, ok := vocab.KindOf(kind); !ok {
		return nil, fmt.Errorf("unknown establishment kind %q", kind)
	}
	if _, ok := vocab.LevelOf(level); !ok {
		return nil, fmt.Errorf("unknown level %q", level)
	}
	if !vocab.KindHasLevel(kind, level) {
		return nil, nil
	}
	var out []*Timetable
	for _, t := range tts {
		if slices.Contains(issuers, t.Issuer) && t.AppliesToKind(kind) && t.Names(level) {
			out = append(out, t)
		}
	}
	return out, nil
}

// pick chooses among relevant timetables on a civil date.
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
	if len(cands) > 1 && cands[0].Issuer == cands[1].Issuer && cands[0].Effective.Equal(cands[1].Effective) {
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

// Schedule returns the timetable in force on the civil date of date, if any,
// then every announced later one, each with the days it applies, for a
// pupil of level in an establishment of kind of academy. Days on which no
// timetable applies are gaps between periods. An ambiguity on any of those
// days is an error.
func Schedule(tts []*Timetable, terr *territory.Territory, academy, kind, level string, date time.Time) ([]Period, error) {
	rel, err := relevant(tts, terr, academy, kind, level)
	if err != nil {
		return nil, err
	}
	day := Civil(date)
	var out []Period
	var cur *Timetable
	for _, p := range changeDays(rel, day) {
		t, err := pick(rel, terr.Academy(academy), kind, level, p)
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

// CheckAmbiguous finds every académie, establishment kind, level and day on
// which two timetables tie (docs/design.md), and reports each tied pair once, at
// the later of the two, naming the other and the first case met.
func CheckAmbiguous(tts []*Timetable, terr *territory.Territory) diag.List {
	var errs diag.List
	type pair struct{ a, b *Timetable }
	seen := map[pair]bool{}
	for _, a := range terr.Academies {
		issuers := terr.IssuersOf(a.Slug)
		var own []*Timetable
		for _, t := range tts {
			if slices.Contains(issuers, t.Issuer) {
				own = append(own, t)
			}
		}
		if len(own) < 2 {
			continue
		}
		for _, k := range vocab.Kinds() {
			for _, level := range k.Levels {
				rel, err := relevant(own, terr, a.Slug, k.Slug, level)
				if err != nil || len(rel) < 2 {
					continue
				}
				for _, day := range changeDays(rel, time.Time{}) {
					_, err := pick(rel, a, k.Slug, level, day)
					amb, ok := err.(*AmbiguousError)
					if !ok || seen[pair{amb.A, amb.B}] {
						continue
					}
					seen[pair{amb.A, amb.B}] = true
					errs.Add(amb.B.Pos, "this timetable and the one at %s both apply to %s in %s of %s from %s: %s",
						amb.A.Pos, vocab.LevelLabel(level), kindPlural(k.Slug), a.Label(), day.Format(time.DateOnly), ambiguityFix(amb.A, terr.IssuerLabel(amb.A.Issuer)))
				}
			}
		}
	}
	return errs.Sort()
}
