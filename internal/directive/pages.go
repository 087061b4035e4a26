package directive

import (
	"fmt"
	"slices"

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/markdown"
	"github.com/relais-ecoles/relais/internal/territory"
	"github.com/relais-ecoles/relais/internal/view"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// The pages, lists and feeds of the directives:
//
//   - a page each, under the folder URL of its issuer (URLs.Directive): two
//     issuers may use one slug; an expired directive keeps its page;
//   - /directives/: every current directive, newest first, PerPage a page
//     (/directives/page/2/, ...), with the feed of all directives;
//   - /directives/archives/: the expired ones, by month of publication;
//   - /regions/<r>/directives/ and /academies/<a>/directives/: the current
//     directives that concern a région (its own and the ministry's) or an
//     académie (its own, its région's and the ministry's), with a feed each;
//   - redirects from their aliases.
//
// Drafts and future-dated directives are left out of everything (pages,
// lists, feeds, banners) unless Options.Drafts or Options.Future; a preview
// build then shows them everywhere they would appear once published.

// PerPage is the length of a page of /directives/ and of the lists of a
// région or an académie.
const PerPage = 20

// ArchivePerPage is the length of a page of a month of the archive, and
// archiveMonthShown how many of a month /directives/archives/ shows.
const (
	ArchivePerPage    = 50
	archiveMonthShown = 10
)

// FeedLength is how many entries, the newest, a directives feed carries.
const FeedLength = 50

// Out is what a part of the directives adds to a site.
type Out struct {
	Pages     []*view.Page
	Feeds     []*view.Feed
	Data      []*view.DataFile
	Redirects []view.Redirect
}

// Pages returns the page of each published directive, with the banners
// of its issuer's pages (banners gives them by page URL), and the
// redirects from its aliases.
func (s *Set) Pages(banners func(u string) []view.Banner) Out {
	var out Out
	for _, d := range s.Published {
		v := s.views[d]
		out.Pages = append(out.Pages, s.page(v, banners(v.URL)))
		for i, alias := range d.Aliases {
			out.Redirects = append(out.Redirects, view.Redirect{From: alias, To: v.URL, Pos: d.AliasPos[i]})
		}
	}
	return out
}

// newPage makes the page of the directive of v, with banners, those of
// its issuer's pages. It must take nothing but v (and what v points to),
// banners and the inputs: with the cache its page is kept for as long as v
// and banners are (page).
func (s *Set) newPage(v *View, banners []view.Banner) *view.Page {
	d := v.Directive
	urls := s.in.URLs
	pv := s.pageView(v)
	crumbs := []view.Link{{URL: urls.Home(), Label: "Accueil"}, {URL: urls.IssuerDirectives(territory.National()), Label: "Directives"}}
	deps := []string{d.Path}
	if d.Issuer.Kind != territory.IssuerNational {
		crumbs = append(crumbs, view.Link{URL: v.IssuerURL, Label: v.IssuerList})
		deps = append(deps, v.IssuerPath)
	}
	lastmod := d.Date
	if !d.Updated.IsZero() {
		lastmod = d.Updated
	}
	banners, deps = s.WithBanners(v.URL, banners, deps)
	return &view.Page{
		URL:         v.URL,
		Layout:      "directive",
		Title:       d.Title,
		Description: d.Summary,
		Section:     urls.IssuerDirectives(territory.National()),
		Crumbs:      crumbs,
		Content:     v.Body,
		Data:        pv,
		Feeds:       FeedLinks(urls, d.Issuer, v.IssuerName),
		Banners:     banners,
		Lastmod:     lastmod,
		Source:      diag.Pos{File: d.Path},
		Deps:        deps,
	}
}

// listPages returns a list of directives, per a page: page n is at
// urlOf(n), the first at urlOf(1). page is the first page without its
// list, with the banners of its issuer's pages (banners); the following
// pages are copies titled "(page n)".
func (s *Set) listPages(all []*View, per int, urlOf func(int) string, page *view.Page, banners []view.Banner, lv ListView) []*view.Page {
	pages := max(1, (len(all)+per-1)/per)
	// Every page of a list has the banners of its first: no directive
	// is at the address of a list page (reservedSlugs).
	tmpl := *page
	tmpl.Banners, tmpl.Deps = s.WithBanners(urlOf(1), banners, slices.Clip(page.Deps))
	page = &tmpl
	kept := s.in.Cache.keptList(urlOf(1), page, lv, per, pages, s.in.SiteTitle)
	out := make([]*view.Page, 0, pages)
	for n := 1; n <= pages; n++ {
		list := all[min(len(all), (n-1)*per):min(len(all), n*per)]
		if p := kept.page(n, list); p != nil {
			out = append(out, p)
			continue
		}
		v := lv
		v.Directives = list
		p := *page
		p.URL = urlOf(n)
		p.Data = &v
		// The list shows what a directive block shows of each directive
		// (the "directive-list" partial): its Deps are those, so that
		// editing a directive's text does not render its lists again.
		p.Deps = append(slices.Clip(page.Deps), s.Shown(list)...)
		if pages > 1 {
			v.Pager = view.NewPager(n, pages, urlOf)
			p.HeadTitle = fmt.Sprintf("%s, page %d sur %d – %s", page.Title, n, pages, s.in.SiteTitle)
		}
		if n > 1 {
			p.Crumbs = append(slices.Clip(page.Crumbs), view.Link{URL: urlOf(1), Label: page.Title})
			p.Title = fmt.Sprintf("%s (page %d)", page.Title, n)
		}
		out = append(out, &p)
		kept.keep(n, list, &p)
	}
	return out
}

// List returns /directives/ and its following pages, and the feed of all
// directives; banners are the ministry's.
func (s *Set) List(banners []view.Banner) Out {
	urls := s.in.URLs
	nat := territory.National()
	intro := "Les directives en vigueur du ministère de l’Éducation nationale, des régions académiques et des académies, les plus récentes d’abord."
	pages := s.listPages(s.ViewsOf(s.Current), PerPage, func(n int) string { return urls.IssuerDirectivesPage(nat, n) },
		&view.Page{
			Layout:      "directives",
			Title:       "Directives",
			Description: "Les décisions du ministère, des régions académiques et des académies sur l’accès aux ENT et la continuité pédagogique.",
			Section:     urls.IssuerDirectives(nat),
			Crumbs:      []view.Link{{URL: urls.Home(), Label: "Accueil"}},
			Feeds:       FeedLinks(urls, nat, ""),
		}, banners,
		ListView{Intro: intro, ArchiveURL: urls.Archive(), Empty: "Aucune directive n’est en vigueur aujourd’hui."})
	feed := s.Feed(urls.IssuerDirectives(nat), "Directives", "Les directives du ministère de l’Éducation nationale, des régions académiques et des académies.", s.Published)
	return Out{Pages: pages, Feeds: []*view.Feed{feed}}
}

// Archive returns /directives/archives/: the expired directives by month
// of publication, the latest of each month, and a page per month
// (/directives/archives/2020-03/), per pages of ArchivePerPage; banners
// are the ministry's.
func (s *Set) Archive(banners []view.Banner) []*view.Page {
	urls := s.in.URLs
	nat := territory.National()
	av := &ArchiveView{}
	var out []*view.Page
	var pdeps []string
	crumbs := []view.Link{{URL: urls.Home(), Label: "Accueil"}, {URL: urls.IssuerDirectives(nat), Label: "Directives"}}
	feeds := FeedLinks(urls, nat, "")
	for _, m := range Archive(s.Published, s.in.Options.Now) {
		vs := s.ViewsOf(m.Directives)
		first := vs[:min(len(vs), archiveMonthShown)]
		urlOf := func(n int) string { return urls.ArchiveMonth(m.Year, m.Month, n) }
		av.Months = append(av.Months, ArchiveMonth{
			Label:      vocab.Capitalize(m.Label),
			ID:         fmt.Sprintf("%04d-%02d", m.Year, int(m.Month)),
			URL:        urlOf(1),
			Count:      len(vs),
			More:       len(vs) - len(first),
			Directives: first,
		})
		pdeps = append(pdeps, Paths(first)...)
		out = append(out, s.listPages(vs, ArchivePerPage, urlOf, &view.Page{
			Layout:      "directives",
			Title:       "Directives archivées de " + m.Label,
			Description: "Les directives publiées en " + m.Label + " qui ne sont plus en vigueur. Chacune garde son adresse.",
			Section:     urls.IssuerDirectives(nat),
			Crumbs:      append(slices.Clip(crumbs), view.Link{URL: urls.Archive(), Label: "Archives"}),
			Feeds:       feeds,
		}, banners, ListView{
			Intro: fmt.Sprintf("%d %s en %s %s plus en vigueur, les plus récentes d’abord.", len(vs),
				diag.Plural(len(vs), "directive publiée", "directives publiées"), m.Label, diag.Plural(len(vs), "qui n’est", "qui ne sont")),
			Up: view.Link{URL: urls.Archive(), Label: "Toutes les archives"},
		})...)
	}
	bs, pdeps := s.WithBanners(urls.Archive(), banners, pdeps)
	return append(out, &view.Page{
		URL:         urls.Archive(),
		Layout:      "directives-archives",
		Title:       "Archives des directives",
		Description: "Les directives qui ne sont plus en vigueur, classées par mois de publication. Chacune garde son adresse.",
		Section:     urls.IssuerDirectives(nat),
		Crumbs:      crumbs,
		Data:        av,
		Feeds:       feeds,
		Banners:     bs,
		Deps:        pdeps,
	})
}

// IssuerList returns the directives pages and feed of a région, an
// académie or a collectivité, iss: the current directives of issuers, per
// pages, with banners, those of the issuer's pages. name has its article:
// "la région académique Grand Est", "l’académie de Paris"; deps are the
// files the pages name (the issuer's _index.md first).
func (s *Set) IssuerList(iss territory.Issuer, issuers []territory.Issuer, name, intro string, deps []string, banners []view.Banner) Out {
	urls := s.in.URLs
	u := urls.IssuerDirectives(iss)
	nat := territory.National()
	pages := s.listPages(s.ViewsOf(s.CurrentOf(issuers...)), PerPage,
		func(n int) string { return urls.IssuerDirectivesPage(iss, n) },
		&view.Page{
			Layout:      "directives",
			Title:       "Directives pour " + name,
			Description: intro,
			Section:     urls.IssuerDirectives(nat),
			Crumbs:      []view.Link{{URL: urls.Home(), Label: "Accueil"}, {URL: urls.IssuerDirectives(nat), Label: "Directives"}},
			Feeds:       []view.FeedLink{{Title: "Directives pour " + name, Dir: u}},
			Deps:        deps,
		}, banners,
		ListView{Intro: intro, ArchiveURL: urls.Archive(), Empty: "Aucune directive n’est en vigueur aujourd’hui pour " + name + "."})
	feed := s.Feed(u, "Directives pour "+name, intro, s.PublishedOf(issuers...))
	return Out{Pages: pages, Feeds: []*view.Feed{feed}}
}

// Intro is the sentence under the title of the list of the directives of
// an issuer named name (with its article) and of the issuers above it: a
// région's or a collectivité's and the ministry's, or with region (the
// name of its région académique) an académie's.
func Intro(name, region string) string {
	if region != "" {
		return fmt.Sprintf("Les directives en vigueur de %s, de la %s et du ministère de l’Éducation nationale, les plus récentes d’abord.", name, region)
	}
	return fmt.Sprintf("Les directives en vigueur %s et du ministère de l’Éducation nationale, les plus récentes d’abord.", of(name))
}

// Feed returns the feed of ds at dir: the FeedLength newest published
// directives, expired ones included (a feed is the history of what was
// announced; the archive keeps their pages).
func (s *Set) Feed(dir, title, description string, ds []*Directive) *view.Feed {
	ds = ds[:min(len(ds), FeedLength)]
	if f := s.in.Cache.keptFeed(s, dir, title, description, ds); f != nil {
		return f
	}
	f := &view.Feed{Dir: dir, Title: title, Description: description}
	for _, d := range ds {
		v := s.views[d]
		f.Items = append(f.Items, &view.FeedItem{
			ID:        s.ID(d),
			Title:     d.Title,
			URL:       v.URL,
			Summary:   d.Summary,
			Content:   v.Body,
			Author:    markdown.Plain(v.feedAuthor()),
			Published: d.Date,
			Updated:   d.Updated,
			Tags:      v.derived.tags,
		})
	}
	s.in.Cache.keepFeed(s, f, ds)
	return f
}

// NewBlock returns the directive block of a page that lists ds, the
// current directives of an issuer named name (with its article), newest
// first: the first limit, the count of the others and a link to the
// issuer's list. deps are the page's Deps with what the block shows (Shown,
// and the count), feeds its Feeds with the issuer's feed.
func (s *Set) NewBlock(ds []*View, limit int, iss territory.Issuer, name string, feeds []view.FeedLink, deps []string) (*Block, []view.FeedLink, []string) {
	all := s.in.URLs.IssuerDirectives(iss)
	b := &Block{Directives: ds[:min(len(ds), limit)], More: max(0, len(ds)-limit), All: view.Link{URL: all, Label: "Toutes les directives pour " + name}}
	feeds = append(feeds, view.FeedLink{Title: "Directives pour " + name, Dir: all})
	// What the block shows of the directives, and the count of the others
	// (ShownDep: the page is rendered again when they change, not when a
	// directive's text or a counted one is edited).
	deps = append(deps, s.Shown(b.Directives)...)
	if b.More > 0 {
		deps = append(deps, view.CountDep(all, b.More))
	}
	return b, feeds, deps
}
