package site

import (
	"net/url"
	"strings"

	"github.com/relais-ecoles/relais/internal/directive"
	"github.com/relais-ecoles/relais/internal/territory"
	"github.com/relais-ecoles/relais/internal/view"
)

// The directives of the ministry, the régions académiques and the
// académies are package directive's: it applies the publishing rules and
// makes their views, pages, lists, archive, feeds and data files
// (directive.Set). site gives it its inputs (the URLs, made in urls.go,
// the clock, the names of the issuers, who signs a text the site wrote)
// and wires what it makes into the site:
//
//   - the page of each directive, on a forked assembler, while its lists
//     are made;
//   - /directives/, the archive, the lists and feeds of each région,
//     collectivité and académie, and an académie's bandeau.json and
//     directives.csv;
//   - urgent banners on every page of their issuer until they expire
//     (bannerSets, withBanners), and the latest urgent ones on the home
//     page;
//   - the directives of (issuers, level) that the région, académie and
//     level pages list (directivesFor, timetables.go).

// The views of the directives, under the names the rest of site and its
// readers use.
type (
	DirectiveView        = directive.View
	DirectivePageView    = directive.PageView
	DirectivesView       = directive.ListView
	DirectiveArchiveView = directive.ArchiveView
	ArchiveMonth         = directive.ArchiveMonth
	DirectiveList        = directive.Block
	BannerData           = directive.BannerData
	BannerAcademy        = directive.BannerAcademy
	BannerDirective      = directive.BannerDirective
	BannerIssuer         = directive.BannerIssuer
	CSV                  = view.CSV
)

// DirectivesPerPage is the length of a page of /directives/ and of the
// lists of a région or an académie.
const DirectivesPerPage = directive.PerPage

// BySiteLabel is how a list, a banner and a page mark a text the site
// wrote.
const BySiteLabel = directive.BySiteLabel

// BannerDataVersion is the version of the format of bandeau.json.
const BannerDataVersion = directive.BannerDataVersion

// maxHomeUrgent is how many urgent directives the home page lists.
const maxHomeUrgent = 5

// The most directives an issuer's page (région, académie) and a level page
// list; the rest are on the issuer's directives page. A level page must
// stay small (14 KB compressed: docs/design.md).
const (
	maxIssuerPageDirectives = 10
	maxLevelPageDirectives  = 5
)

// directiveSet is the directives of a site, shared by the parts of the
// assembler, and the banners of the pages of each set of issuers.
type directiveSet struct {
	*directive.Set
	// banners are by the key of pageIssuers (bannerSets).
	banners map[string][]Banner
}

// loadDirectives decodes the directives and applies the publishing rules.
// It runs before the domains add their pages, so that any of them may list
// directives (directivesFor) and every page takes its banners when it is
// made.
func (a *assembler) loadDirectives() {
	ds, errs := a.opts.Decoded.directives().Load(a.tree, directive.ZoneOf(a.terr), a.decodeDirective)
	a.errs.Append(errs)
	host := ""
	if u, err := url.Parse(a.site.Config.BaseURL); err == nil {
		host = u.Hostname()
	}
	set, errs, notes := directive.NewSet(ds, directive.Inputs{
		URLs:      directiveURLs{timetableURLs{base: a.site.Config.BaseURL}},
		Options:   directive.Options{Now: a.opts.Now, Drafts: a.opts.Drafts, Future: a.opts.Future},
		SiteTitle: a.site.Config.Title,
		Host:      host,
		Issuer:    a.issuerOf,
		Signer:    a.signerOf,
		Texts:     func(t *Text) { a.site.Texts = append(a.site.Texts, t) },
		Clock:     a.clock,
		Cache:     a.opts.Decoded.directives(),
	})
	a.errs.Append(errs)
	a.site.LeftOut = append(a.site.LeftOut, notes...)
	a.dirs = &directiveSet{Set: set, banners: a.bannerSets(set)}
}

// signerOf returns who signs the text of d: the site (its publisher, else
// its title) when the site wrote it, "" when it is the issuer's own words.
func (a *assembler) signerOf(d *directive.Directive) string {
	if !d.BySite(a.site.Config.Official) {
		return ""
	}
	if p := strings.TrimSpace(a.site.Config.Publisher); p != "" {
		return p
	}
	return a.site.Config.Title
}

// issuerOf returns the name and _index.md of an issuer (its label, and
// issuerPath), found once per assembly.
func (a *assembler) issuerOf(iss territory.Issuer) (name, path string) {
	if a.issuers == nil {
		a.issuers = map[territory.Issuer][2]string{}
	}
	v, ok := a.issuers[iss]
	if !ok {
		v = [2]string{a.terr.IssuerLabel(iss), a.issuerPath(iss)}
		a.issuers[iss] = v
	}
	return v[0], v[1]
}

// issuerPath returns the _index.md of a région or an académie, or "".
func (a *assembler) issuerPath(iss territory.Issuer) string {
	switch iss.Kind {
	case territory.IssuerRegion:
		if r := a.terr.Region(iss.Slug); r != nil {
			return r.Path
		}
	case territory.IssuerAcademy:
		if ac := a.terr.Academy(iss.Slug); ac != nil {
			return ac.Path
		}
	case territory.IssuerCollectivite:
		if c := a.terr.Collectivite(iss.Slug); c != nil {
			return c.Path
		}
	}
	return ""
}

// directivesFor returns the current directives of issuers, newest first,
// for the pages of a domain that lists them (the page of an académie, a
// région or a level); with level set ("4e"), those that concern the
// pupils of that level and their parents (directive.Set.For). The pages
// that show them should list directivePaths of the result in their Deps.
func (a *assembler) directivesFor(issuers []territory.Issuer, level string) []*DirectiveView {
	if a.dirs == nil {
		return nil
	}
	return a.dirs.For(issuers, level)
}

// directivePaths returns the files a list of directives shows, for
// Page.Deps (directive.Paths).
func directivePaths(ds []*DirectiveView) []string { return directive.Paths(ds) }

// directiveFeedLinks returns the feed of the directives that concern an
// issuer, for Page.Feeds of its pages (directive.FeedLinks).
func directiveFeedLinks(iss territory.Issuer, name string) []FeedLink {
	return directive.FeedLinks(directiveURLs{}, iss, name)
}

// homeUrgent returns the latest urgent directives of régions and académies
// for the home page; the ministry's are its banners.
func (a *assembler) homeUrgent() []*DirectiveView {
	if a.dirs == nil {
		return nil
	}
	return a.dirs.Urgent(maxHomeUrgent)
}

// addOut adds to the site what a part of the directives made.
func (a *assembler) addOut(o directive.Out) {
	a.site.Pages = append(a.site.Pages, o.Pages...)
	a.site.Feeds = append(a.site.Feeds, o.Feeds...)
	a.site.Data = append(a.site.Data, o.Data...)
	a.site.Redirects = append(a.site.Redirects, o.Redirects...)
}

// addDirectives adds the pages, lists, feeds and data files of the
// directives.
func (a *assembler) addDirectives() {
	set := a.dirs
	if set == nil {
		return
	}
	// The pages of the directives are made apart, on another processor,
	// while their lists are (fork).
	pages := a.fork()
	done := make(chan struct{})
	go func() {
		defer close(done)
		pages.addOut(set.Pages(pages.bannersAt))
	}()
	defer func() {
		<-done
		a.joinAt(pages, pages.forkedPages)
	}()
	national := a.bannersAt(DirectivesURL)
	a.addOut(set.List(national))
	a.addOut(directive.Out{Pages: set.Archive(national)})
	nat := territory.National()
	list := func(iss territory.Issuer, issuers []territory.Issuer, name, intro string, deps ...string) {
		a.addOut(set.IssuerList(iss, issuers, name, intro, deps, a.bannersAt(IssuerDirectivesURL(iss))))
	}
	for _, r := range a.terr.Regions {
		iss := r.Issuer()
		name := "la " + r.Label()
		list(iss, []territory.Issuer{iss, nat}, name, directive.Intro(name, ""), r.Path)
	}
	for _, c := range a.terr.Collectivites {
		iss := c.Issuer()
		name := directive.The(iss, c.Name)
		list(iss, []territory.Issuer{iss, nat}, name, directive.Intro(name, ""), c.Path)
	}
	for _, ac := range a.terr.Academies {
		iss := ac.Issuer()
		issuers := a.terr.IssuersOf(ac.Slug)
		name := "l’" + ac.Label()
		deps := []string{ac.Path}
		if r := a.terr.Region(ac.Region); r != nil {
			deps = append(deps, r.Path)
		}
		list(iss, issuers, name, directive.Intro(name, a.terr.IssuerLabel(territory.RegionIssuer(ac.Region))), deps...)
		a.addOut(directive.Out{Data: set.Data(ac, issuers, AcademyURL(ac.Slug))})
	}
}

// The urgent directives are banners on the pages of their issuer until
// they expire: the ministry's on the home page, under /directives/ and on
// every page of a région or an académie; a région's on the pages under
// /regions/<r>/ and under /academies/<a>/ of its académies; an académie's
// on the pages under /academies/<a>/. A directive is not its own banner.
// A page takes its banners when it is made (withBanners): they depend on
// the directives alone, which are loaded before the pages that show them.

// bannerSets returns the banners of every set of issuers a page may show
// (pageIssuers), by key. They are made once, before the pages, so that
// the assemblers that make pages in parallel only read them.
func (a *assembler) bannerSets(set *directive.Set) map[string][]Banner {
	out := map[string][]Banner{"national": set.Banners(territory.National())}
	for _, r := range a.terr.Regions {
		out["r/"+r.Slug] = set.Banners(r.Issuer(), territory.National())
	}
	for _, ac := range a.terr.Academies {
		if iss := a.terr.IssuersOf(ac.Slug); iss != nil {
			out["a/"+ac.Slug] = set.Banners(iss...)
		}
	}
	return out
}

// bannersAt returns the banners of the pages at u, its own included.
func (a *assembler) bannersAt(u string) []Banner {
	if a.dirs == nil {
		return nil
	}
	key, issuers := a.pageIssuers(u)
	if issuers == nil {
		return nil
	}
	return a.dirs.banners[key]
}

// withBanners returns the banners of the page at u, of banners all but
// the page's own, and deps with what they show (directive.Set.WithBanners).
func (a *assembler) withBanners(u string, banners []Banner, deps []string) ([]Banner, []string) {
	if a.dirs == nil {
		return nil, deps
	}
	return a.dirs.WithBanners(u, banners, deps)
}

// pageIssuers returns the issuers whose urgent directives a page shows, and
// a key for the set.
func (a *assembler) pageIssuers(u string) (string, []territory.Issuer) {
	switch {
	case u == HomeURL || len(u) >= len(DirectivesURL) && u[:len(DirectivesURL)] == DirectivesURL:
		return "national", []territory.Issuer{territory.National()}
	case len(u) > len(AcademiesURL) && u[:len(AcademiesURL)] == AcademiesURL:
		slug := firstSegment(u[len(AcademiesURL):])
		if iss := a.terr.IssuersOf(slug); iss != nil {
			return "a/" + slug, iss
		}
	case len(u) > len(RegionsURL) && u[:len(RegionsURL)] == RegionsURL:
		slug := firstSegment(u[len(RegionsURL):])
		if a.terr.Region(slug) != nil {
			return "r/" + slug, []territory.Issuer{territory.RegionIssuer(slug), territory.National()}
		}
	}
	return "", nil
}

func firstSegment(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '/' || s[i] == '.' {
			return s[:i]
		}
	}
	return s
}
