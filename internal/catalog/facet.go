package catalog

import (
	"slices"

	"github.com/relais-ecoles/relais/internal/vocab"
)

// The facet kinds. Each is the first URL segment of its facet pages under
// /programmes/ (the site makes the URLs).
const (
	KindLevels       = "niveaux"
	KindSubjects     = "disciplines"
	KindBroadcasters = "diffuseurs"
	KindMedia        = "medias"
)

// FacetKind describes a kind of facet.
type FacetKind struct {
	Slug   string // "niveaux"
	Label  string // "niveau", to name one value: "niveau : CM1"
	Plural string // "niveaux", to title the list of values
}

// FacetKinds returns the facet kinds in the order pages list them.
func FacetKinds() []FacetKind {
	return []FacetKind{
		{KindLevels, "niveau", "niveaux"},
		{KindSubjects, "discipline", "disciplines"},
		{KindBroadcasters, "diffuseur", "diffuseurs"},
		{KindMedia, "média", "médias"},
	}
}

// Facet is one value of one facet with the programmes that have it, in
// catalog order.
type Facet struct {
	Kind       string // one of the Kind constants
	KindLabel  string // "niveau", "discipline", "diffuseur", "média"
	Value      string // URL value: "cm1", "cycle-3", "mathematiques", "cycle-3/mathematiques"
	Label      string // "CM1", "cycle 3", "mathématiques", "cycle 3 · mathématiques"
	Programmes []*Programme
}

// Facets returns every facet value that has at least one programme, kind by
// kind in the order of FacetKinds. Levels come youngest first, each cycle
// just before its levels (cycle-1, ps, ms, gs, cycle-2, cp, ...): a
// programme is under a cycle when one of its levels is in that cycle.
// The programmes without a level come last, under LevelUnstated. Subjects,
// broadcasters and media come in vocabulary order.
func (c *Catalog) Facets() []Facet {
	var out []Facet
	out = append(out, c.levelFacets()...)
	out = append(out, c.termFacets(KindSubjects, "discipline", c.Vocab.Subjects, func(p *Programme) []string { return p.Subjects })...)
	out = append(out, c.termFacets(KindBroadcasters, "diffuseur", c.Vocab.Broadcasters, func(p *Programme) []string { return []string{p.Broadcaster} })...)
	out = append(out, c.termFacets(KindMedia, "média", c.Vocab.Media, func(p *Programme) []string { return p.Media })...)
	return out
}

// LevelUnstated is the value of the level facet of the programmes that
// have no level: their sources state none.
const LevelUnstated = "non-precise"

func (c *Catalog) levelFacets() []Facet {
	byLevel := map[string][]*Programme{}
	byCycle := map[string][]*Programme{}
	var none []*Programme
	for _, p := range c.Programmes {
		if len(p.Levels) == 0 {
			none = append(none, p)
		}
		var cycles []string
		for _, l := range p.Levels {
			byLevel[l] = append(byLevel[l], p)
			if lv, ok := vocab.LevelOf(l); ok && lv.Cycle != "" && !slices.Contains(cycles, lv.Cycle) {
				cycles = append(cycles, lv.Cycle)
				byCycle[lv.Cycle] = append(byCycle[lv.Cycle], p)
			}
		}
	}
	var out []Facet
	add := func(value, label string, ps []*Programme) {
		if len(ps) > 0 {
			out = append(out, Facet{Kind: KindLevels, KindLabel: "niveau", Value: value, Label: label, Programmes: ps})
		}
	}
	cycle := ""
	for _, l := range vocab.Levels() {
		if l.Cycle != cycle {
			cycle = l.Cycle
			if cy, ok := vocab.CycleOf(cycle); ok {
				add(cy.Slug, cy.Label, byCycle[cy.Slug])
			}
		}
		add(l.Slug, l.Label, byLevel[l.Slug])
	}
	add(LevelUnstated, "niveau non précisé", none)
	return out
}

func (c *Catalog) termFacets(kind, kindLabel string, ts []Term, of func(*Programme) []string) []Facet {
	by := map[string][]*Programme{}
	for _, p := range c.Programmes {
		for _, s := range of(p) {
			by[s] = append(by[s], p)
		}
	}
	var out []Facet
	for _, t := range ts {
		if ps := by[t.Slug]; len(ps) > 0 {
			out = append(out, Facet{Kind: kind, KindLabel: kindLabel, Value: t.Slug, Label: t.Label, Programmes: ps})
		}
	}
	return out
}

// Combos returns the combined entry points cycle × subject, such as
// "cycle 3 · mathématiques" for a teacher's class. Only pairs with at least
// one programme are returned, so the number of pages stays small (at most
// cycles × subjects, in practice far fewer). Each is a Facet of kind
// KindLevels whose Value is "cycle-3/mathematiques", so its page can sit
// under the cycle's: /programmes/niveaux/cycle-3/mathematiques/. Order:
// cycles in order, then subjects in vocabulary order.
func (c *Catalog) Combos() []Facet {
	type pair struct{ cycle, subject string }
	by := map[pair][]*Programme{}
	for _, p := range c.Programmes {
		var cycles []string
		for _, l := range p.Levels {
			if lv, ok := vocab.LevelOf(l); ok && lv.Cycle != "" && !slices.Contains(cycles, lv.Cycle) {
				cycles = append(cycles, lv.Cycle)
			}
		}
		for _, cy := range cycles {
			for _, s := range p.Subjects {
				k := pair{cy, s}
				by[k] = append(by[k], p)
			}
		}
	}
	var out []Facet
	for _, cy := range vocab.Cycles() {
		for _, s := range c.Vocab.Subjects {
			if ps := by[pair{cy.Slug, s.Slug}]; len(ps) > 0 {
				out = append(out, Facet{
					Kind:       KindLevels,
					KindLabel:  "cycle et discipline",
					Value:      cy.Slug + "/" + s.Slug,
					Label:      cy.Label + " · " + s.Label,
					Programmes: ps,
				})
			}
		}
	}
	return out
}
