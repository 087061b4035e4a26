package site

// The "Nation apprenante" catalog: internal/catalog builds its pages,
// feeds, calendars, redirects and search index (catalog.Build); site gives
// it the addresses it links to (catalogURLs, made in urls.go) and adds
// what it built to the site.

import "github.com/relais-ecoles/relais/internal/catalog"

// hasCatalog reports whether the site has a catalog: programmes or the
// catalog's own page.
func (a *assembler) hasCatalog() bool { return catalog.In(a.tree) }

// addCatalog adds the catalog's pages, feeds, calendars, search index and
// redirects, and registers its texts for the link pass.
func (a *assembler) addCatalog() {
	v, errs := catalog.Build(a.tree, catalog.Inputs{
		URLs:      catalogURLs{a.site},
		SiteTitle: a.site.Config.Title,
		Host:      a.host(),
		Now:       a.opts.Now,
		Clock:     a.clock,
	})
	a.errs.Append(errs)
	if v == nil {
		return
	}
	a.site.Pages = append(a.site.Pages, v.Pages...)
	a.site.Feeds = append(a.site.Feeds, v.Feeds...)
	a.site.Calendars = append(a.site.Calendars, v.Calendars...)
	a.site.Redirects = append(a.site.Redirects, v.Redirects...)
	a.site.Data = append(a.site.Data, v.Data...)
	a.site.Texts = append(a.site.Texts, v.Texts...)
}

// catalogURLs are the catalog's addresses (catalog.URLs), made in urls.go.
type catalogURLs struct{ site *Site }

func (catalogURLs) Home() string                        { return HomeURL }
func (catalogURLs) Catalog() string                     { return ProgrammesURL }
func (catalogURLs) Grid() string                        { return ProgrammeGridURL }
func (catalogURLs) Index() string                       { return ProgrammeIndexURL }
func (catalogURLs) Programme(slug string) string        { return ProgrammeURL(slug) }
func (catalogURLs) Calendar(slug string) string         { return ProgrammeCalendarURL(slug) }
func (catalogURLs) Facets(kind string) string           { return FacetsURL(kind) }
func (catalogURLs) Facet(kind, value string) string     { return FacetURL(kind, value) }
func (catalogURLs) GridLevel(cycle string) string       { return ProgrammeGridLevelURL(cycle) }
func (catalogURLs) ListPage(first string, n int) string { return ProgrammesPageURL(first, n) }
func (u catalogURLs) Abs(path string) string            { return u.site.Abs(path) }
