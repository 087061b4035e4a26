package site

// The "Nation apprenante" catalog: internal/catalog builds its pages,
// feeds, calendars, redirects and search index (catalog.Build); site gives
// it the addresses it links to (catalogURLs, made in urls.go) and adds
// what it built to the site.

import (
	"slices"
	"sync"

	"github.com/relais-ecoles/relais/internal/catalog"
	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/load"
)

// hasCatalog reports whether the site has a catalog: programmes or the
// catalog's own page.
func (a *assembler) hasCatalog() bool { return catalog.In(a.tree) }

// addCatalog adds the catalog's pages, feeds, calendars, search index and
// redirects, and registers its texts for the link pass.
func (a *assembler) addCatalog() {
	in := catalog.Inputs{
		URLs:      catalogURLs{a.site},
		SiteTitle: a.site.Config.Title,
		Host:      a.host(),
		Now:       a.opts.Now,
	}
	v, errs := a.opts.Decoded.catalog().build(a.tree, in, a.clock, a.decodeProgramme, a.opts.Decoded.keep)
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

// catalogMemo is the catalog built at the last assembly, and what
// catalog.Build made it from: the files under catalog.Dir (the same
// *load.File while a file does not change: load.Reload), the inputs but
// the URLs and the clock, the site's address (the URLs are made in urls.go
// from it alone) and what Build recorded of the clock. The views are shared with the next assemblies, which never
// change them: a view is complete when it is built.
type catalogMemo struct {
	mu    sync.Mutex
	files []*load.File
	in    catalog.Inputs // URLs and Clock left out
	base  string         // in.URLs.Abs("/")
	views *catalog.Views
	errs  diag.List
	clock *clockUse
}

// build returns catalog.Build(tree, in) with clock as in.Clock: without a
// memo, built; with one, the last assembly's views when their files and
// inputs are the same, what they recorded of the clock added to clock.
func (m *catalogMemo) build(tree *load.Tree, in catalog.Inputs, clock *clockUse, decode catalog.ProgrammeDecoder, keep func([]decodeKey)) (*catalog.Views, diag.List) {
	in.Decode = decode
	if m == nil {
		in.Clock = clock
		return catalog.Build(tree, in)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	files := tree.Under(catalog.Dir)
	key, base := in, in.URLs.Abs("/")
	key.URLs, key.Decode = nil, nil
	if m.clock != nil && m.base == base && slices.Equal(m.files, files) && sameCatalogInputs(m.in, key) {
		// The decoded programmes stay in the decode cache for the edit
		// that will make the catalog again.
		vf := tree.Get(catalog.VocabularyPath)
		keys := make([]decodeKey, len(files))
		for i, f := range files {
			keys[i] = programmeKey(f, vf)
		}
		keep(keys)
		clock.Join(m.clock)
		return m.views, slices.Clone(m.errs)
	}
	in.Clock = clock.Fork()
	v, errs := catalog.Build(tree, in)
	clock.Join(in.Clock)
	m.files, m.in, m.base, m.views, m.errs, m.clock = slices.Clone(files), key, base, v, slices.Clone(errs), in.Clock
	return v, errs
}

// sameCatalogInputs reports whether two inputs of catalog.Build, their URLs
// and clocks left out, are the same.
func sameCatalogInputs(x, y catalog.Inputs) bool {
	return x.SiteTitle == y.SiteTitle && x.Host == y.Host && x.Now.Equal(y.Now) && x.Now.Location() == y.Now.Location()
}
