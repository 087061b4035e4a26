package catalog

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/relais-ecoles/relais/internal/vocab"
)

// Day is one day of the weekly broadcast grid.
type Day struct {
	Weekday time.Weekday
	Slug    string // "lun"
	Label   string // "lundi"
	Entries []GridEntry
}

// GridEntry is one broadcast of one programme on one day.
type GridEntry struct {
	Programme *Programme
	Slot      *Slot // the slot in Programme.Schedule
	// From and To are wall-clock times in the programme's time zone
	// (Programme.TimeZone, Europe/Paris unless the programme says).
	From, To vocab.Clock
	// Levels are the level slugs this broadcast concerns, youngest first:
	// the levels of the slot's "who", or those of the programme when the
	// slot names none (or names only audiences).
	Levels []string
}

// Grid returns the weekly broadcast grid: each day from Monday to Sunday
// that has at least one broadcast, its entries sorted by start time, then
// title, then end time and slug. The grid is the week's shape; each
// programme's ScheduleStart and ScheduleEnd say when it applies.
func Grid(c *Catalog) []Day {
	var byDay [7][]GridEntry
	for _, p := range c.Programmes {
		for i := range p.Schedule {
			s := &p.Schedule[i]
			levels := slotLevels(p, s)
			for _, d := range s.Days {
				byDay[weekdayOrder(d)] = append(byDay[weekdayOrder(d)], GridEntry{Programme: p, Slot: s, From: s.From, To: s.To, Levels: levels})
			}
		}
	}
	var out []Day
	for i, w := range vocab.Weekdays() {
		es := byDay[i]
		if len(es) == 0 {
			continue
		}
		slices.SortStableFunc(es, func(a, b GridEntry) int {
			return cmp.Or(
				cmp.Compare(a.From, b.From),
				strings.Compare(a.Programme.key(), b.Programme.key()),
				strings.Compare(a.Programme.Title, b.Programme.Title),
				cmp.Compare(a.To, b.To),
				strings.Compare(a.Programme.Slug, b.Programme.Slug),
			)
		})
		out = append(out, Day{Weekday: w.Day, Slug: w.Slug, Label: w.Label, Entries: es})
	}
	return out
}

// slotLevels returns the levels a slot concerns.
func slotLevels(p *Programme, s *Slot) []string {
	set := map[string]bool{}
	for _, w := range s.Who {
		for _, l := range vocab.Expand(w) {
			set[l] = true
		}
	}
	if len(set) == 0 {
		return p.Levels
	}
	var out []string
	for _, l := range vocab.Levels() {
		if set[l.Slug] {
			out = append(out, l.Slug)
		}
	}
	return out
}

// Broadcast is one slot of one programme as the compact week shows it: a
// line with its days and hours.
type Broadcast struct {
	Programme *Programme
	Slot      *Slot
	// Levels are the level slugs the broadcast concerns, as in GridEntry.
	Levels []string
}

// Week returns every slot of every programme, one Broadcast each, sorted by
// start time, then title, end time, first day and slug: the compact week,
// where a broadcast from Monday to Friday is one line, not five.
func Week(c *Catalog) []Broadcast {
	var out []Broadcast
	for _, p := range c.Programmes {
		for i := range p.Schedule {
			s := &p.Schedule[i]
			out = append(out, Broadcast{Programme: p, Slot: s, Levels: slotLevels(p, s)})
		}
	}
	slices.SortStableFunc(out, func(a, b Broadcast) int {
		return cmp.Or(
			cmp.Compare(a.Slot.From, b.Slot.From),
			strings.Compare(a.Programme.key(), b.Programme.key()),
			strings.Compare(a.Programme.Title, b.Programme.Title),
			cmp.Compare(a.Slot.To, b.Slot.To),
			cmp.Compare(weekdayOrder(a.Slot.Days[0]), weekdayOrder(b.Slot.Days[0])),
			strings.Compare(a.Programme.Slug, b.Programme.Slug),
		)
	})
	return out
}
