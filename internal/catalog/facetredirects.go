package catalog

// facetredirects.go: the addresses of facet pages that the catalog no
// longer has keep working. A facet page exists only while its value has
// programmes, and a vocabulary term may be renamed, so a teacher's bookmark
// or a link in a message would break when the last programme of a
// discipline goes, or when a broadcaster changes its slug. Each such
// address is a redirect (view.Redirect: a small page with a meta refresh,
// a line of _redirects and nginx, an S3 website redirect), to the renamed
// term's page, or else to the nearest page that exists.

import (
	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/view"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// addFacetRedirects adds the redirects of the facet addresses without a
// page: every term of the vocabulary (and every slug it was renamed
// from), every level and cycle, every cycle × subject; facets and combos
// are the facet pages the catalog has.
func (b *builder) addFacetRedirects(facets, combos []Facet) {
	has := map[string]bool{}
	for _, f := range facets {
		has[b.u.Facet(f.Kind, f.Value)] = true
		has[b.u.Facets(f.Kind)] = true
	}
	for _, f := range combos {
		has[b.u.Facet(f.Kind, f.Value)] = true
	}
	pos := diag.Pos{File: VocabularyPath}
	// first is the first address of tos that has a page, or the catalog.
	first := func(tos ...view.Link) view.Link {
		for _, to := range tos {
			if has[to.URL] {
				return to
			}
		}
		return view.Link{URL: b.u.Catalog(), Label: "Le catalogue des programmes"}
	}
	add := func(from, title string, tos ...view.Link) {
		if has[from] {
			return
		}
		to := first(tos...)
		b.out.Redirects = append(b.out.Redirects, view.Redirect{From: from, To: to.URL, Pos: pos, Title: title, Link: to.Label})
	}
	feeds := func(from, to string) {
		if has[from] || !has[to] {
			return
		}
		for _, f := range []string{view.FeedRSS, view.FeedAtom, view.FeedJSON} {
			b.out.Redirects = append(b.out.Redirects, view.Redirect{From: from + f, To: to + f, Pos: pos})
		}
	}
	levels := view.Link{URL: b.u.Facets(KindLevels), Label: "Tous les niveaux"}
	cycleLink := func(cy vocab.Cycle) view.Link {
		return view.Link{URL: b.u.Facet(KindLevels, cy.Slug), Label: "Les programmes du " + cy.Label}
	}
	subjects := b.c.Vocab.Subjects
	for _, k := range []struct {
		kind        string
		terms       []Term
		noun, every string
	}{
		{KindSubjects, subjects, "la discipline", "Toutes les disciplines"},
		{KindBroadcasters, b.c.Vocab.Broadcasters, "le diffuseur", "Tous les diffuseurs"},
		{KindMedia, b.c.Vocab.Media, "le média", "Tous les médias"},
	} {
		list := view.Link{URL: b.u.Facets(k.kind), Label: k.every}
		for _, t := range k.terms {
			page := b.u.Facet(k.kind, t.Slug)
			add(page, "Aucun programme pour "+k.noun+" « "+t.Label+" » en ce moment", list)
			for _, old := range t.RenamedFrom {
				add(b.u.Facet(k.kind, old), "", view.Link{URL: page, Label: t.Label}, list)
				feeds(b.u.Facet(k.kind, old), page)
			}
		}
	}
	for _, cy := range vocab.Cycles() {
		add(b.u.Facet(KindLevels, cy.Slug), "Aucun programme pour le "+cy.Label+" en ce moment", levels)
		for _, t := range subjects {
			combo := b.u.Facet(KindLevels, cy.Slug+"/"+t.Slug)
			subject := view.Link{URL: b.u.Facet(KindSubjects, t.Slug), Label: "Les programmes de " + t.Label}
			add(combo, "Aucun programme de "+t.Label+" pour le "+cy.Label+" en ce moment", cycleLink(cy), subject, levels)
			for _, old := range t.RenamedFrom {
				from := b.u.Facet(KindLevels, cy.Slug+"/"+old)
				add(from, "", view.Link{URL: combo, Label: cy.Label + " · " + t.Label}, cycleLink(cy), levels)
				feeds(from, combo)
			}
		}
	}
	for _, l := range vocab.Levels() {
		var tos []view.Link
		if cy, ok := vocab.CycleOf(l.Cycle); ok {
			tos = append(tos, cycleLink(cy))
		}
		add(b.u.Facet(KindLevels, l.Slug), "Aucun programme pour le niveau "+l.Label+" en ce moment", append(tos, levels)...)
	}
}
