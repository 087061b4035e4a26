package catalog

// The list pages of the catalog: the catalog page and its following
// pages, the programmes' pages, the facet lists, the facet pages and the
// cycle × subject pages.

import (
	"fmt"
	"slices"
	"strings"

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/view"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// ProgrammesPerPage is the number of programmes a page of the catalog or
// of a facet lists; the following pages are <list>page/<n>/.
const ProgrammesPerPage = 50

// CatalogView is the view of /programmes/ and of its following pages.
type CatalogView struct {
	// Programmes are those of this page; Total counts the catalog.
	Programmes []*ProgrammeView
	Total      int
	Pager      *view.Pager // nil when the list has one page
	// Base is the address the search's results link under:
	// "/programmes/" + slug + "/".
	Base string
	// Entries are the ways into the catalog: the facet lists and the grid.
	Entries []FacetLink
	// Cycles are the teacher's first entry points, with their counts.
	Cycles []FacetLink
	// Options are the choices of the search's level filter.
	Options []LevelOptionGroup
	// IndexURL is the search index the page's script reads.
	IndexURL string
}

// LevelOptionGroup is an <optgroup> of the level filter: a cycle (or
// post-bac) and its levels.
type LevelOptionGroup struct {
	Label   string
	Options []LevelOption
}

// LevelOption is one choice of the level filter. Value is the level slugs
// it matches, separated by spaces.
type LevelOption struct {
	Value, Label string
}

// catalogTitle is the title of the catalog page and its feed.
const catalogTitle = "Programmes « Nation apprenante »"

func (b *builder) addCatalogPage(in *intro) {
	title, desc := catalogTitle, "Les émissions et les titres de presse labellisés « Nation apprenante » pendant la fermeture des écoles, par niveau, discipline, diffuseur et média."
	var body *view.Text
	var source diag.Pos
	if in != nil {
		source = diag.Pos{File: IndexPath}
		if in.Title != "" {
			title = in.Title
		}
		if in.Summary != "" {
			desc = in.Summary
		}
		body = in.Body
	}
	vw := &CatalogView{Total: len(b.c.Programmes), IndexURL: b.u.Index(), Base: b.u.Catalog()}
	facets := b.c.Facets()
	for _, k := range FacetKinds() {
		n := 0
		for _, f := range facets {
			if f.Kind == k.Slug {
				n++
			}
		}
		if n > 0 {
			vw.Entries = append(vw.Entries, FacetLink{URL: b.u.Facets(k.Slug), Label: "Par " + k.Label, Count: n})
		}
	}
	if week, _, _ := b.gridOf(); len(week) > 0 {
		vw.Entries = append(vw.Entries, FacetLink{URL: b.u.Grid(), Label: "La grille des émissions de la semaine"})
	}
	var group *LevelOptionGroup
	for _, f := range facets {
		if f.Kind != KindLevels {
			continue
		}
		if cy, ok := vocab.CycleOf(f.Value); ok {
			vw.Cycles = append(vw.Cycles, FacetLink{URL: b.u.Facet(f.Kind, f.Value), Label: f.Label, Count: len(f.Programmes)})
			vw.Options = append(vw.Options, LevelOptionGroup{Label: cy.Label})
			group = &vw.Options[len(vw.Options)-1]
			group.Options = append(group.Options, LevelOption{Value: strings.Join(cy.Levels, " "), Label: "tout le " + cy.Label})
			continue
		}
		l, ok := vocab.LevelOf(f.Value)
		if !ok {
			continue // LevelUnstated: not a choice of the filter
		}
		if l.Cycle == "" && (group == nil || group.Label != "post-bac") {
			vw.Options = append(vw.Options, LevelOptionGroup{Label: "post-bac"})
			group = &vw.Options[len(vw.Options)-1]
		}
		group.Options = append(group.Options, LevelOption{Value: l.Slug, Label: l.Label})
	}
	first := &view.Page{
		URL:         b.u.Catalog(),
		Layout:      "programmes",
		Title:       title,
		Description: desc,
		Section:     b.u.Catalog(),
		Crumbs:      []view.Link{{URL: b.u.Home(), Label: "Accueil"}},
		Content:     body,
		Feeds:       []view.FeedLink{{Title: "Programmes labellisés", Dir: b.u.Catalog()}},
		Scripts:     []string{"js/recherche.js"},
		Source:      source,
		Deps:        b.paths,
	}
	b.paged(first, b.c.Programmes, func(p *view.Page, ps []*ProgrammeView, pg *view.Pager) {
		v := *vw
		v.Programmes, v.Pager = ps, pg
		p.Data = &v
	})
	b.addFeed(b.u.Catalog(), catalogTitle, "Les derniers programmes labellisés « Nation apprenante », du plus récent label au plus ancien.", b.c.Programmes)
}

// paged adds first and the following pages of a list of programmes,
// ProgrammesPerPage a page; set gives each page its view. The following
// pages say their number in their title, have no text of their own and
// depend on the same files as the first (the split moves with any change
// to the list).
func (b *builder) paged(first *view.Page, ps []*Programme, set func(p *view.Page, ps []*ProgrammeView, pg *view.Pager)) {
	pages := max(1, (len(ps)+ProgrammesPerPage-1)/ProgrammesPerPage)
	urlOf := func(n int) string { return b.u.ListPage(first.URL, n) }
	for n := 1; n <= pages; n++ {
		list := b.list(ps[min(len(ps), (n-1)*ProgrammesPerPage):min(len(ps), n*ProgrammesPerPage)])
		p := first
		var pg *view.Pager
		if pages > 1 {
			pg = view.NewPager(n, pages, urlOf)
		}
		if n > 1 {
			cp := *first
			p = &cp
			p.URL = urlOf(n)
			p.Title = fmt.Sprintf("%s (page %d)", first.Title, n)
			p.Crumbs = append(slices.Clip(first.Crumbs), view.Link{URL: first.URL, Label: first.Title})
			p.Content, p.Source, p.Feeds = nil, diag.Pos{}, nil
		}
		if pg != nil {
			p.HeadTitle = fmt.Sprintf("%s, page %d sur %d – %s", first.Title, n, pages, b.in.SiteTitle)
		}
		set(p, list, pg)
		b.add(p)
	}
}

func (b *builder) addProgrammes() {
	for _, p := range b.c.Programmes {
		v := b.views[p.Slug]
		b.add(&view.Page{
			URL:         v.URL,
			Layout:      "programme",
			Title:       p.Title,
			Description: p.Summary,
			Section:     b.u.Catalog(),
			Crumbs:      b.crumbs(),
			Content:     v.Body,
			Data:        v,
			Source:      diag.Pos{File: p.Path},
			Deps:        b.deps([]*Programme{p}),
		})
		for _, al := range p.Aliases {
			b.out.Redirects = append(b.out.Redirects, view.Redirect{From: al, To: v.URL, Pos: p.Pos})
		}
		if hasCalendar(p) {
			b.out.Calendars = append(b.out.Calendars, b.calendar(p))
		}
	}
}

// FacetLink is a link to a facet page with the number of programmes on it.
type FacetLink struct {
	URL   string
	Label string
	Count int
}

// FacetView is the view of one facet page.
type FacetView struct {
	Kind       string // niveaux, disciplines, diffuseurs, medias
	Count      int
	Programmes []*ProgrammeView // those of this page
	Pager      *view.Pager      // nil when the list has one page
	// Up is the cycle of a level or of a cycle × subject page.
	Up *FacetLink
	// Levels are the levels of a cycle page; Combos its cycle × subject
	// entry points.
	Levels []FacetLink
	Combos []FacetLink
	// Grid is the broadcast grid narrowed to this cycle, when there is one.
	Grid string
}

// FacetsView is the view of the list of the values of one facet kind.
type FacetsView struct {
	Kind   string
	Groups []FacetGroup
}

// FacetGroup is a list of facet values, under a heading when Head is set
// (the levels of a cycle under the cycle) or Title is (post-bac).
type FacetGroup struct {
	Head   *FacetLink
	Title  string
	Values []FacetLink
}

// addFacets adds the facet lists, the facet pages, the cycle × subject
// pages, and their feeds.
func (b *builder) addFacets() {
	facets := b.c.Facets()
	combos := b.c.Combos()
	grids := b.gridCycles()
	for _, k := range FacetKinds() {
		vw := &FacetsView{Kind: k.Slug}
		var group *FacetGroup
		for _, f := range facets {
			if f.Kind != k.Slug {
				continue
			}
			link := FacetLink{URL: b.u.Facet(f.Kind, f.Value), Label: f.Label, Count: len(f.Programmes)}
			switch {
			case k.Slug != KindLevels:
				if group == nil {
					vw.Groups = append(vw.Groups, FacetGroup{})
					group = &vw.Groups[0]
				}
				group.Values = append(group.Values, link)
			case isCycle(f.Value):
				vw.Groups = append(vw.Groups, FacetGroup{Head: &link})
				group = &vw.Groups[len(vw.Groups)-1]
			case f.Value == LevelUnstated:
				vw.Groups = append(vw.Groups, FacetGroup{Title: "Niveau non précisé par les sources", Values: []FacetLink{link}})
				group = &vw.Groups[len(vw.Groups)-1]
			default:
				if lv, _ := vocab.LevelOf(f.Value); lv.Cycle == "" && (group == nil || group.Head != nil) {
					g, _ := vocab.GroupOf(lv.Group)
					vw.Groups = append(vw.Groups, FacetGroup{Title: g.Label})
					group = &vw.Groups[len(vw.Groups)-1]
				}
				group.Values = append(group.Values, link)
			}
		}
		if len(vw.Groups) == 0 {
			continue
		}
		b.add(&view.Page{
			URL:         b.u.Facets(k.Slug),
			Layout:      "facettes",
			Title:       "Programmes par " + k.Label,
			Description: "Les programmes « Nation apprenante » classés par " + k.Label + ", avec le nombre de programmes de chacun.",
			Section:     b.u.Catalog(),
			Crumbs:      b.crumbs(),
			Data:        vw,
			Deps:        b.paths,
		})
	}
	for _, f := range facets {
		url := b.u.Facet(f.Kind, f.Value)
		title := facetTitle(f)
		vw := &FacetView{Kind: f.Kind, Count: len(f.Programmes)}
		crumbs := b.crumbs(view.Link{URL: b.u.Facets(f.Kind), Label: kindLabel(f.Kind)})
		var up []*Programme // the programmes counted by the Up link
		if f.Kind == KindLevels {
			if isCycle(f.Value) {
				for _, g := range facets {
					if lv, ok := vocab.LevelOf(g.Value); ok && g.Kind == KindLevels && lv.Cycle == f.Value {
						vw.Levels = append(vw.Levels, FacetLink{URL: b.u.Facet(g.Kind, g.Value), Label: g.Label, Count: len(g.Programmes)})
					}
				}
				for _, co := range combos {
					if cy, _, _ := strings.Cut(co.Value, "/"); cy == f.Value {
						vw.Combos = append(vw.Combos, FacetLink{URL: b.u.Facet(co.Kind, co.Value), Label: co.Label, Count: len(co.Programmes)})
					}
				}
				if grids[f.Value] {
					vw.Grid = b.u.GridLevel(f.Value)
				}
			} else if lv, _ := vocab.LevelOf(f.Value); lv.Cycle != "" {
				cy, _ := vocab.CycleOf(lv.Cycle)
				vw.Up = b.cycleLink(facets, cy)
				up = cycleFacet(facets, cy)
			}
		}
		b.addFacetPage(url, title, f, vw, crumbs, up)
	}
	for _, co := range combos {
		cySlug, _, _ := strings.Cut(co.Value, "/")
		cy, _ := vocab.CycleOf(cySlug)
		vw := &FacetView{Kind: co.Kind, Count: len(co.Programmes), Up: b.cycleLink(facets, cy)}
		crumbs := b.crumbs(view.Link{URL: b.u.Facets(co.Kind), Label: kindLabel(co.Kind)}, view.Link{URL: b.u.Facet(co.Kind, cy.Slug), Label: cy.Label})
		b.addFacetPage(b.u.Facet(co.Kind, co.Value), comboTitle(b.c, co), co, vw, crumbs, cycleFacet(facets, cy))
	}
	b.addFacetRedirects(facets, combos)
}

// cycleFacet returns the programmes of the facet of cycle cy.
func cycleFacet(facets []Facet, cy vocab.Cycle) []*Programme {
	for _, f := range facets {
		if f.Kind == KindLevels && f.Value == cy.Slug {
			return f.Programmes
		}
	}
	return nil
}

func (b *builder) cycleLink(facets []Facet, cy vocab.Cycle) *FacetLink {
	for _, f := range facets {
		if f.Kind == KindLevels && f.Value == cy.Slug {
			return &FacetLink{URL: b.u.Facet(f.Kind, f.Value), Label: f.Label, Count: len(f.Programmes)}
		}
	}
	return nil
}

// addFacetPage adds the page of facet f; up are the programmes counted by
// its link up to the cycle, which the page shows too (Deps).
func (b *builder) addFacetPage(url, title string, f Facet, vw *FacetView, crumbs []view.Link, up []*Programme) {
	desc := fmt.Sprintf("%s : %d %s « Nation apprenante », du plus récent au plus ancien.", title, len(f.Programmes), diag.Plural(len(f.Programmes), "programme", "programmes"))
	first := &view.Page{
		URL:         url,
		Layout:      "facette",
		Title:       title,
		Description: desc,
		Section:     b.u.Catalog(),
		Crumbs:      crumbs,
		Feeds:       []view.FeedLink{{Title: title, Dir: url}},
		Deps:        b.deps(append(slices.Clip(f.Programmes), up...)),
	}
	b.paged(first, f.Programmes, func(p *view.Page, ps []*ProgrammeView, pg *view.Pager) {
		v := *vw
		v.Programmes, v.Pager = ps, pg
		p.Data = &v
	})
	b.addFeed(url, title, desc, f.Programmes)
}
