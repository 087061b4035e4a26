package directive

import (
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/markdown"
	"github.com/relais-ecoles/relais/internal/territory"
	"github.com/relais-ecoles/relais/internal/view"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// Inputs are what the views of the directives take from the site besides
// the directives.
type Inputs struct {
	URLs URLs
	// Now, Drafts and Future are the publishing options (Options).
	Options Options
	// SiteTitle ends the head title of a list's following pages.
	SiteTitle string
	// Host is the site's host, in the ids of feed entries (ID).
	Host string
	// Issuer returns the name of an issuer ("académie de Paris") and its
	// _index.md ("" for the ministry).
	Issuer func(territory.Issuer) (name, path string)
	// Signer returns who signs the text of a directive: "" when it is the
	// issuer's own words (Directive.BySite), else the site's name.
	Signer func(*Directive) string
	// Texts registers the Markdown text of a directive for the site's
	// link pass, which renders it.
	Texts func(*view.Text)
	// Clock records what Now is compared with.
	Clock *view.Clock
	// Cache keeps the views of the directives from one assembly to the
	// next (the dev server's); nil in a one-shot build.
	Cache *Cache
}

// Set is the decoded directives of a site and their views, shared by the
// parts of an assembly: the pages of the directives, their lists, feeds
// and data files, and the directive blocks and banners of other pages.
type Set struct {
	in Inputs
	// All is every directive decoded, drafts and future ones too;
	// Published those the build publishes (Published), Current those
	// of them in force, newest first.
	All, Published, Current []*Directive
	views                   map[*Directive]*View
	byPath                  map[string]*Directive
	// byIssuer are the published and current directives of each issuer,
	// newest first: the lists of an issuer are merged from them rather
	// than filtered from every directive of the site.
	byIssuer map[territory.Issuer]*issuerDirectives
	// lists are the current directives of sets of issuers already merged
	// (an académie's list is asked by its page and its directives page).
	listsMu sync.Mutex
	lists   map[string][]*Directive
}

// issuerDirectives are the directives of one issuer, newest first.
type issuerDirectives struct {
	published, current []*Directive
}

// reservedNationalSlugs are the pages of /directives/ that a national
// directive's slug would collide with.
var reservedNationalSlugs = []string{"page", "archives"}

// reservedSlugs are those of the following pages of an issuer's list.
var reservedSlugs = []string{"page"}

// NewSet applies the publishing rules to ds, the decoded directives of a
// site, and makes their views. A directive whose slug is the name of a page
// of its issuer's list is refused, and left out so that it is reported
// once. It returns the notes of the directives left out or archived.
func NewSet(ds []*Directive, in Inputs) (*Set, diag.List, []view.LeftOut) {
	var errs diag.List
	for _, d := range ds {
		// Published and Status compare Now with the date; Expired, with
		// the expires day in the issuer's zone.
		in.Clock.Instant(d.Date)
		if !d.Expires.IsZero() {
			in.Clock.Zone(d.Loc)
		}
	}
	ds = slices.DeleteFunc(ds, func(d *Directive) bool {
		reserved := reservedSlugs
		if d.Issuer.Kind == territory.IssuerNational {
			reserved = reservedNationalSlugs
		}
		if slices.Contains(reserved, d.Slug) {
			errs.Add(d.Pos, "une directive ne peut pas s'appeler %s : %s est déjà une page ; renommez le fichier, par exemple %s", diag.Q(d.Slug+".md"), in.URLs.Directive(d.Issuer, d.Slug), diag.Q(d.Date.Format("2006-01-02")+"-"+d.Slug+".md"))
			return true
		}
		return false
	})
	s := &Set{in: in, All: ds, views: map[*Directive]*View{}, byPath: map[string]*Directive{}, byIssuer: map[territory.Issuer]*issuerDirectives{}, lists: map[string][]*Directive{}}
	s.Published = in.Cache.publishedOf(ds, in.Options)
	notes := leftOut(ds, s.Published, in.Options, in.URLs.Archive())
	s.Current = Current(s.Published, in.Options.Now)
	issuerOf := func(iss territory.Issuer) *issuerDirectives {
		l := s.byIssuer[iss]
		if l == nil {
			l = &issuerDirectives{}
			s.byIssuer[iss] = l
		}
		return l
	}
	for _, d := range s.Published {
		l := issuerOf(d.Issuer)
		l.published = append(l.published, d)
	}
	for _, d := range s.Current {
		l := issuerOf(d.Issuer)
		l.current = append(l.current, d)
	}
	for _, d := range s.Published {
		s.views[d] = s.view(d)
		s.byPath[d.Path] = d
	}
	return s, errs, notes
}

// View returns the view of the published directive d.
func (s *Set) View(d *Directive) *View { return s.views[d] }

// ViewOfFile returns the view of the published directive in the content
// file path, or nil when none is published there.
func (s *Set) ViewOfFile(path string) *View { return s.views[s.byPath[path]] }

// ViewsOf returns the views of ds, published directives, in order.
func (s *Set) ViewsOf(ds []*Directive) []*View {
	out := make([]*View, len(ds))
	for i, d := range ds {
		out[i] = s.views[d]
	}
	return out
}

// CurrentOf returns the current directives of issuers, newest first, as
// filtering Current by issuer would. It is safe for concurrent use.
func (s *Set) CurrentOf(issuers ...territory.Issuer) []*Directive {
	key := ""
	for _, iss := range issuers {
		key += iss.Dir() + "\x00"
	}
	s.listsMu.Lock()
	ds, ok := s.lists[key]
	s.listsMu.Unlock()
	if ok {
		return ds
	}
	ds = s.merged(issuers, func(l *issuerDirectives) []*Directive { return l.current })
	s.listsMu.Lock()
	s.lists[key] = slices.Clip(ds)
	s.listsMu.Unlock()
	return ds
}

// PublishedOf returns the published directives of issuers, newest first,
// as filtering Published by issuer would.
func (s *Set) PublishedOf(issuers ...territory.Issuer) []*Directive {
	return s.merged(issuers, func(l *issuerDirectives) []*Directive { return l.published })
}

// merged merges the lists of issuers, each newest first, into one newest
// first (Compare orders any two directives, so the result is the one
// sorting would give). The result may share its array with a list: it is
// clipped, so that appending to it copies it.
func (s *Set) merged(issuers []territory.Issuer, of func(*issuerDirectives) []*Directive) []*Directive {
	var lists [][]*Directive
	n := 0
	for i, iss := range issuers {
		if slices.Contains(issuers[:i], iss) {
			continue
		}
		if l := s.byIssuer[iss]; l != nil && len(of(l)) > 0 {
			lists = append(lists, of(l))
			n += len(of(l))
		}
	}
	switch len(lists) {
	case 0:
		return nil
	case 1:
		return slices.Clip(lists[0])
	}
	out := make([]*Directive, 0, n)
	for len(out) < n {
		best := -1
		for i, l := range lists {
			if len(l) > 0 && (best < 0 || Compare(l[0], lists[best][0]) < 0) {
				best = i
			}
		}
		out = append(out, lists[best][0])
		lists[best] = lists[best][1:]
	}
	return out
}

// For returns the current directives of issuers, newest first, for the
// pages that list them (the page of an académie, a région or a level).
// With level set ("4e"), only the directives that concern that level and
// are meant for pupils or parents are kept: those that name the level or
// no level, and whose audiences include eleves, parents or tous. The pages
// that show them should list Paths of the result in their Deps.
func (s *Set) For(issuers []territory.Issuer, level string) []*View {
	if s == nil {
		return nil
	}
	ds := s.ViewsOf(s.CurrentOf(issuers...))
	if level != "" {
		ds = ForLevel(ds, level)
	}
	return ds
}

// newView makes the view of d, whose issuer is named name and has the
// _index.md path, with the status st and signed by signer, and registers
// its text. It must take nothing else: with the cache the view is kept for
// as long as these do not change (view).
func (s *Set) newView(d *Directive, x *derived, name, path string, st Status, signer string) *View {
	v := &View{
		Signer:     signer,
		Directive:  d,
		URL:        x.url,
		IssuerName: name,
		IssuerURL:  x.issuerURL,
		IssuerList: "Toutes les directives",
		IssuerPath: path,
		Status:     st,
		derived:    x,
	}
	if d.Issuer.Kind != territory.IssuerNational {
		v.IssuerList = "Directives pour " + The(d.Issuer, v.IssuerName)
	}
	v.Body = &view.Text{Path: d.Path, Line: d.BodyLine, Src: d.Body, URL: v.URL}
	s.in.Texts(v.Body)
	return v
}

// ID is the stable id of a directive in feeds, a tag: URI (RFC 4151) of
// the site's host, the directive's first publication date and its issuer
// and slug, such as
// "tag:relais.example.fr,2020-03-19:academies/paris/directives/plages". It
// does not change when the text, the title or the update time change.
func (s *Set) ID(d *Directive) string {
	return fmt.Sprintf("tag:%s,%s:%s/directives/%s", s.in.Host, d.Date.Format("2006-01-02"), d.Issuer.Dir(), d.Slug)
}

// Urgent returns the latest n urgent directives of régions and académies,
// for the home page; the ministry's are its banners.
func (s *Set) Urgent(n int) []*View {
	if s == nil {
		return nil
	}
	var out []*View
	for _, d := range s.Current {
		if d.Urgent && d.Issuer.Kind != territory.IssuerNational && len(out) < n {
			out = append(out, s.views[d])
		}
	}
	return out
}

// Banners returns the banners of the pages of issuers: their current
// directives that are urgent and in force, newest first.
func (s *Set) Banners(issuers ...territory.Issuer) []view.Banner {
	var out []view.Banner
	for _, d := range s.CurrentOf(issuers...) {
		if !d.Banner(s.in.Options.Now) {
			continue
		}
		v := s.views[d]
		out = append(out, view.Banner{Title: d.Title, URL: v.URL, Issuer: markdown.Plain(v.Byline()), Date: d.Date, Summary: d.Summary, Path: d.Path})
	}
	return out
}

// WithBanners returns the banners of the page at u — of banners, those of
// its issuer's pages, all but the page's own — and deps with what they
// show: each banner's directive and the _index.md of its issuer, which the
// banner names.
func (s *Set) WithBanners(u string, banners []view.Banner, deps []string) ([]view.Banner, []string) {
	var out []view.Banner
	for _, b := range banners {
		if b.URL == u {
			continue
		}
		out = append(out, b)
		deps = append(deps, b.Path)
		if ip := s.views[s.byPath[b.Path]].IssuerPath; ip != "" && !slices.Contains(deps, ip) {
			deps = append(deps, ip)
		}
	}
	return out, deps
}

// leftOut returns the notes of the directives of ds that a build with opts
// leaves out (drafts, future) or has moved to the archive (expired), given
// published, the directives it publishes, and the archive's URL.
func leftOut(ds, published []*Directive, opts Options, archive string) []view.LeftOut {
	var out []view.LeftOut
	for _, d := range ds {
		switch d.Status(opts.Now) {
		case StatusDraft:
			if !opts.Drafts {
				out = append(out, view.LeftOut{Path: d.Path, Title: d.Title, Why: "brouillon (draft: true)",
					Then: "elle n’est pas publiée ; relais build --drafts la montre pour la relire, et elle paraît quand la ligne « draft: true » est retirée"})
			}
		case StatusFuture:
			if !opts.Future {
				out = append(out, view.LeftOut{Path: d.Path, Title: d.Title, Why: "publication prévue le " + dayOrInstant(d.Date, d.DateOnly),
					Then: "elle paraîtra au premier build fait à partir de ce moment ; relais build --future la montre dès maintenant"})
			}
		case StatusExpired:
			if slices.Contains(published, d) {
				out = append(out, view.LeftOut{Path: d.Path, Title: d.Title, Why: "expirée le " + vocab.FrenchDate(d.Expires),
					Then: "retirée des listes et des bannières depuis le " + vocab.FrenchDate(d.Expires.AddDate(0, 0, 1)) + " ; sa page reste, dans les archives (" + archive + ")"})
			}
		}
	}
	return out
}

// dayOrInstant writes a publication date in French: the day alone when no
// time is given.
func dayOrInstant(t time.Time, dateOnly bool) string {
	if dateOnly {
		return vocab.FrenchDate(t)
	}
	return vocab.FrenchDateTime(t)
}
