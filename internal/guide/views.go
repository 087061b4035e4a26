package guide

// The guides' views: the list of the guides (grouped by audience) and one
// page per guide, built as plain data (package view) from the guides the
// site decoded, in their order (Compare). Site makes their addresses.

import (
	"github.com/relais-ecoles/relais/internal/view"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// View is a guide as pages show it: the decoded guide, its address and its
// text.
type View struct {
	*Guide
	URL  string
	Body *view.Text
}

// ListView is the view of the guides list.
type ListView struct {
	Guides []*View
	// ByAudience groups the guides by audience, in vocabulary order.
	ByAudience []AudienceGuides
}

// AudienceGuides is the guides for one audience.
type AudienceGuides struct {
	Audience vocab.Audience
	Heading  string // "Pour les parents"
	Guides   []*View
}

// PageView is the view of one guide's page.
type PageView struct {
	Guide *View
	Other []*View
}

// URLs are the addresses the guides' pages link to besides their own
// (View.URL): the home page and the guides list. Site makes them.
type URLs struct {
	Home, List string
}

// MaxOther is how many other guides a guide page suggests: the nearest in
// reading order, so that a page stays small however many guides exist.
const MaxOther = 6

// Pages are the guides list and the page of each guide of gs, in order.
func Pages(gs []*View, u URLs) []*view.Page { return (*Cache)(nil).Pages(gs, u) }

// listPage is the guides list of gs.
func listPage(gs []*View, u URLs) *view.Page {
	// The list shows each group's heading and each guide's link and
	// summary: its Deps, rather than the guides' files (ShownDep).
	list := &ListView{Guides: gs, ByAudience: ByAudience(gs)}
	var deps []string
	for _, g := range list.ByAudience {
		deps = append(deps, view.ShownDep("group", g.Heading))
		for _, gd := range g.Guides {
			deps = append(deps, view.ShownDep("guide", gd.URL, gd.Title, gd.Summary))
		}
	}
	return &view.Page{
		URL:         u.List,
		Layout:      "guides",
		Title:       "Bonnes pratiques",
		Description: "Conseils pour utiliser l’ENT sans le saturer : se connecter aux heures creuses, alléger les messages, se déconnecter.",
		Section:     u.List,
		Crumbs:      []view.Link{{URL: u.Home, Label: "Accueil"}},
		Data:        list,
		Deps:        deps,
	}
}

// ByAudience groups guides by audience, in vocabulary order; a guide for
// several audiences is in each of their groups.
func ByAudience(gs []*View) []AudienceGuides {
	var out []AudienceGuides
	for _, aud := range vocab.Audiences() {
		var list []*View
		for _, g := range gs {
			if g.For(aud.Slug) {
				list = append(list, g)
			}
		}
		if len(list) > 0 {
			out = append(out, AudienceGuides{Audience: aud, Heading: Heading(aud.Slug), Guides: list})
		}
	}
	return out
}

// Links are the links to guides.
func Links(gs []*View) []view.Link {
	out := make([]view.Link, len(gs))
	for i, g := range gs {
		out[i] = view.Link{URL: g.URL, Label: g.Title}
	}
	return out
}

// Neighbours returns up to n items around items[i], without it, in order.
func Neighbours[T any](items []T, i, n int) []T {
	lo := max(0, i-n/2)
	hi := min(len(items), lo+n+1)
	lo = max(0, hi-n-1)
	out := make([]T, 0, n)
	for j := lo; j < hi; j++ {
		if j != i {
			out = append(out, items[j])
		}
	}
	return out
}
