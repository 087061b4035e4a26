package catalog

import (
	"cmp"
	"slices"
	"strings"

	"github.com/relais-ecoles/relais/internal/vocab"
)

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
	// Levels are the level slugs this broadcast concerns, youngest first:
	// the levels of the slot's "who", or those of the programme when the
	// slot names none (or names only audiences).
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
