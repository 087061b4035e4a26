package site

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/directive"
	"github.com/relais-ecoles/relais/internal/markdown"
	"github.com/relais-ecoles/relais/internal/territory"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// The directives of the ministry, the régions académiques and the
// académies become:
//
//   - a page each, under the folder URL of its issuer (DirectiveURL): two
//     issuers may use one slug; an expired directive keeps its page;
//   - /directives/: every current directive, newest first, DirectivesPerPage
//     a page (/directives/page/2/, ...), with the feed of all directives;
//   - /directives/archives/: the expired ones, by month of publication;
//   - /regions/<r>/directives/ and /academies/<a>/directives/: the current
//     directives that concern a région (its own and the ministry's) or an
//     académie (its own, its région's and the ministry's), with a feed each;
//   - urgent banners on every page of their issuer until they expire
//     (addDirectiveBanners), and the latest urgent ones on the home page;
//   - redirects from their aliases.
//
// Drafts and future-dated directives are left out of everything (pages,
// lists, feeds, banners) unless Options.Drafts or Options.Future; a preview
// build then shows them everywhere they would appear once published.

// DirectivesPerPage is the length of a page of /directives/ and of the
// lists of a région or an académie.
const DirectivesPerPage = 20

// ArchivePerPage is the length of a page of a month of the archive, and
// archiveMonthShown how many of a month /directives/archives/ shows.
const (
	ArchivePerPage    = 50
	archiveMonthShown = 10
)

// FeedLength is how many entries, the newest, a directives feed carries.
const FeedLength = 50

// maxHomeUrgent is how many urgent directives the home page lists.
const maxHomeUrgent = 5

// The most directives an issuer's page (région, académie) and a level page
// list; the rest are on the issuer's directives page. A level page must
// stay small (14 KB compressed: docs/design.md).
const (
	maxIssuerPageDirectives = 10
	maxLevelPageDirectives  = 5
)

// DirectiveList is the directives block of a page that is not a list of
// directives: the région, académie and level pages.
type DirectiveList struct {
	Directives []*DirectiveView // newest first
	// More is how many current directives are left out; All lists them.
	More int
	All  Link
}

// DirectiveView is a directive as the pages show it.
type DirectiveView struct {
	*directive.Directive
	URL        string
	IssuerName string // "académie de Paris", "ministère de l'Éducation nationale"
	// IssuerURL is the list of the issuer's directives: /directives/ for
	// the ministry, /academies/<a>/directives/ for an académie.
	IssuerURL string
	// IssuerList names that list: "Directives pour l’académie de Paris".
	IssuerList string
	// IssuerPath is the _index.md of the région or académie; "" for the
	// ministry.
	IssuerPath string
	Status     directive.Status // current, expired; draft or future in a preview build
	// Signer is the name a text the site wrote is signed with (the site's
	// publisher, or its title), "" when the text is the issuer's own
	// words (directive.BySite).
	Signer string
	Body   *Text

	derived *directiveDerived
}

// IssuerTitle is the issuer's name with a capital: "Académie de Paris".
func (d *DirectiveView) IssuerTitle() string { return vocab.Capitalize(d.IssuerName) }

// Expired reports whether the directive is in the archive.
func (d *DirectiveView) Expired() bool { return d.Status == directive.StatusExpired }

// BySite reports whether the text is the site's own, not the issuer's.
func (d *DirectiveView) BySite() bool { return d.Signer != "" }

// BySiteLabel is how a list, a banner and a page mark a text the site
// wrote.
const BySiteLabel = "texte rédigé par le site, non officiel"

// Byline is what a list, a banner and a page show of who wrote the
// directive: the issuer, or only the site's mark when the site wrote the
// text, so that nothing the site wrote reads as the issuer's words (the
// page names the decision's author in its source).
func (d *DirectiveView) Byline() string {
	if d.BySite() {
		return vocab.Capitalize(BySiteLabel)
	}
	return d.IssuerTitle()
}

// DateISO is the publication for <time datetime>: the day alone when the
// directive gives no time, else the instant.
func (d *DirectiveView) DateISO() string { return isoStamp(d.Date, d.DateOnly) }

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

// DirectivePageView is the view of one directive's page.
type DirectivePageView struct {
	Directive *DirectiveView
	Audiences []string // French labels
	Levels    []string // French labels; empty for every level
	// ArchiveURL is where an expired directive is listed.
	ArchiveURL string

	// What the page writes, made here once rather than by a dozen calls
	// of the layout's functions on each of 20,000 pages. Texts are plain,
	// with French typography.
	Title  string
	Issuer string // "Académie de Paris"
	// Byline is the meta line's signer: the issuer, with the site's mark
	// when the site wrote the text.
	Byline string
	// Source says where the decision was published: "Région
	// Nouvelle-Aquitaine, message sur Lycée Connecté, jeudi 19 mars 2020 :
	// « privilégier les périodes »"; "non précisée" for a text of the site
	// that names none, "" for an issuer's text without one. SourceURL
	// links it, when there is an address.
	Source, SourceURL string
	Summary           string
	For               string // the audiences: "Élèves, Parents"
	// Published and Updated are the dates of publication and of the last
	// update; Updated is zero when there was none.
	Published, Updated Stamp
	// Draft and Future are the directives a preview build shows; EndedOn
	// is the first day an expired directive is no longer in force.
	Draft, Future bool
	EndedOn       string // "4 avril 2020"
	// InForce says when the directive applies: "à partir du 23 mars
	// 2020", "du 23 mars 2020 au 3 avril 2020", "jusqu’au 3 avril 2020", or
	// "" when it has no dates.
	InForce string
	// IssuerList names the list of the issuer's directives, at
	// Directive.IssuerURL.
	IssuerList string
}

// sourceLine writes where a decision was published, in French: who, how,
// on which day, in which words, and the report it is known from.
func sourceLine(s *directive.Source) string {
	parts := []string{s.SaidBy}
	if s.Where != "" {
		parts = append(parts, s.Where)
	}
	if !s.On.IsZero() {
		parts = append(parts, vocab.FrenchLongDate(s.On))
	} else {
		parts = append(parts, "date non précisée")
	}
	line := strings.Join(parts, ", ")
	if s.Quote != "" {
		line += " : « " + s.Quote + " »"
	}
	if s.Via != "" {
		line += " (rapporté par " + s.Via + ")"
	}
	return line
}

// directivePageView makes the view of the page of v.
func directivePageView(v *DirectiveView) *DirectivePageView {
	d := v.Directive
	view := &DirectivePageView{
		Directive:  v,
		ArchiveURL: DirectivesArchiveURL,
		Audiences:  v.derived.audiences,
		Levels:     v.derived.levels,
		Title:      markdown.Plain(d.Title),
		Issuer:     markdown.Plain(v.IssuerTitle()),
		Byline:     markdown.Plain(v.Byline()),
		Summary:    markdown.Plain(d.Summary),
		For:        markdown.Plain(strings.Join(v.derived.audiences, ", ")),
		Published:  stampOf(d.Date, d.DateOnly),
		Updated:    stampOf(d.Updated, d.UpdatedDateOnly),
		Draft:      v.Status == directive.StatusDraft,
		Future:     v.Status == directive.StatusFuture,
		IssuerList: markdown.Plain(v.IssuerList),
	}
	switch {
	case d.Source != nil:
		view.Source, view.SourceURL = markdown.Plain(sourceLine(d.Source)), d.Source.URL
	case v.BySite():
		view.Source = "non précisée"
	}
	if v.Expired() {
		view.EndedOn = vocab.FrenchDate(d.Expires.AddDate(0, 0, 1))
	}
	switch {
	case !d.Effective.IsZero() && d.Expires.IsZero():
		view.InForce = "à partir du " + vocab.FrenchDate(d.Effective)
	case !d.Effective.IsZero():
		view.InForce = "du " + vocab.FrenchDate(d.Effective) + " au " + vocab.FrenchDate(d.Expires)
	case !d.Expires.IsZero():
		view.InForce = "jusqu’au " + vocab.FrenchDate(d.Expires)
	}
	return view
}

// DirectivesView is the view of a list of directives: a page of
// /directives/ or the directives of a région or an académie.
type DirectivesView struct {
	Intro      string // a sentence under the title
	Directives []*DirectiveView
	Pager      *Pager // nil when the list has one page
	ArchiveURL string // the archive, for a list of current directives
	Up         Link   // the list this one is part of, if any
	// Empty is what the page says when there is no current directive.
	Empty string
}

// DirectiveArchiveView is the view of /directives/archives/.
type DirectiveArchiveView struct {
	Months []ArchiveMonth
}

// ArchiveMonth is one month of the archive.
type ArchiveMonth struct {
	Label      string // "Mars 2020"
	ID         string // "2020-03", an anchor
	URL        string // the month's page
	Count      int
	Directives []*DirectiveView // the newest archiveMonthShown
	More       int              // how many more the month's page lists
}

// directiveSet is the decoded directives of a site, shared by the parts of
// the assembler.
type directiveSet struct {
	all       []*directive.Directive // every directive decoded, drafts and future ones too
	published []*directive.Directive // Published: drafts and future left out unless asked; newest first
	current   []*directive.Directive // published and not expired; newest first
	views     map[*directive.Directive]*DirectiveView
	byPath    map[string]*directive.Directive
	host      string // for the tag: ids of feed entries
	banners   map[string][]Banner
	// byIssuer are the published and current directives of each issuer,
	// newest first: the lists of an issuer are merged from them rather
	// than filtered from every directive of the site.
	byIssuer map[territory.Issuer]*issuerDirectives
	// lists are the current directives of sets of issuers already merged
	// (an académie's list is asked by its page and its directives page).
	lists map[string][]*directive.Directive
}

// issuerDirectives are the directives of one issuer, newest first.
type issuerDirectives struct {
	published, current []*directive.Directive
}

// currentOf returns the current directives of issuers, newest first, as
// filtering s.current by issuer would.
func (s *directiveSet) currentOf(issuers ...territory.Issuer) []*directive.Directive {
	key := ""
	for _, iss := range issuers {
		key += iss.Dir() + "\x00"
	}
	if ds, ok := s.lists[key]; ok {
		return ds
	}
	ds := s.merged(issuers, func(l *issuerDirectives) []*directive.Directive { return l.current })
	s.lists[key] = slices.Clip(ds)
	return ds
}

// publishedOf returns the published directives of issuers, newest first,
// as filtering s.published by issuer would.
func (s *directiveSet) publishedOf(issuers ...territory.Issuer) []*directive.Directive {
	return s.merged(issuers, func(l *issuerDirectives) []*directive.Directive { return l.published })
}

// merged merges the lists of issuers, each newest first, into one newest
// first (directive.Compare orders any two directives, so the result is
// the one sorting would give). The result may share its array with a
// list: it is clipped, so that appending to it copies it.
func (s *directiveSet) merged(issuers []territory.Issuer, of func(*issuerDirectives) []*directive.Directive) []*directive.Directive {
	var lists [][]*directive.Directive
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
	out := make([]*directive.Directive, 0, n)
	for len(out) < n {
		best := -1
		for i, l := range lists {
			if len(l) > 0 && (best < 0 || directive.Compare(l[0], lists[best][0]) < 0) {
				best = i
			}
		}
		out = append(out, lists[best][0])
		lists[best] = lists[best][1:]
	}
	return out
}

// loadDirectives decodes the directives and applies the publishing rules.
// It runs before the domains add their pages, so that any of them may list
// directives (directivesFor).
func (a *assembler) loadDirectives() {
	ds, errs := a.loadDirectiveFiles()
	a.errs.Append(errs)
	for _, d := range ds {
		// Published and Status compare Now with the date; Expired, with
		// the expires day in the issuer's zone.
		a.clock.Instant(d.Date)
		if !d.Expires.IsZero() {
			a.clock.Zone(d.Loc)
		}
	}
	opts := directive.Options{Now: a.opts.Now, Drafts: a.opts.Drafts, Future: a.opts.Future}
	set := &directiveSet{views: map[*directive.Directive]*DirectiveView{}, byPath: map[string]*directive.Directive{}, banners: map[string][]Banner{}}
	// A slug that is the name of a page of the issuer's list is refused
	// (and the directive left out, so that it is reported once).
	ds = slices.DeleteFunc(ds, func(d *directive.Directive) bool {
		reserved := reservedSlugs
		if d.Issuer.Kind == territory.IssuerNational {
			reserved = reservedNationalSlugs
		}
		if slices.Contains(reserved, d.Slug) {
			a.errs.Add(d.Pos, "une directive ne peut pas s'appeler %s : %s est déjà une page ; renommez le fichier, par exemple %s", diag.Q(d.Slug+".md"), DirectiveURL(d.Issuer, d.Slug), diag.Q(d.Date.Format("2006-01-02")+"-"+d.Slug+".md"))
			return true
		}
		return false
	})
	set.all = ds
	set.published = a.publishedOf(ds, opts)
	a.site.LeftOut = append(a.site.LeftOut, leftOutDirectives(ds, set.published, opts)...)
	set.current = directive.Current(set.published, a.opts.Now)
	set.byIssuer = map[territory.Issuer]*issuerDirectives{}
	set.lists = map[string][]*directive.Directive{}
	issuerOf := func(iss territory.Issuer) *issuerDirectives {
		l := set.byIssuer[iss]
		if l == nil {
			l = &issuerDirectives{}
			set.byIssuer[iss] = l
		}
		return l
	}
	for _, d := range set.published {
		l := issuerOf(d.Issuer)
		l.published = append(l.published, d)
	}
	for _, d := range set.current {
		l := issuerOf(d.Issuer)
		l.current = append(l.current, d)
	}
	if u, err := url.Parse(a.site.Config.BaseURL); err == nil {
		set.host = u.Hostname()
	}
	for _, d := range set.published {
		set.views[d] = a.directiveView(d)
		set.byPath[d.Path] = d
	}
	a.dirs = set
}

// newDirectiveView makes the view of d, whose issuer is named name and has
// the _index.md path, with the status st and signed by signer (signerOf),
// and registers its text. It must
// take nothing else: with the decode cache the view is kept for as long as
// these do not change (directiveView).
func (a *assembler) newDirectiveView(d *directive.Directive, x *directiveDerived, name, path string, st directive.Status, signer string) *DirectiveView {
	v := &DirectiveView{
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
		v.IssuerList = "Directives pour " + the(d.Issuer, v.IssuerName)
	}
	v.Body = a.site.text(d.Path, d.Body, d.BodyLine, v.URL)
	return v
}

// reservedNationalSlugs are the pages of /directives/ that a national
// directive's slug would collide with.
var reservedNationalSlugs = []string{"page", "archives"}

// reservedSlugs are those of the following pages of an issuer's list.
var reservedSlugs = []string{"page"}

// views returns the views of ds, in order.
func (s *directiveSet) viewsOf(ds []*directive.Directive) []*DirectiveView {
	out := make([]*DirectiveView, len(ds))
	for i, d := range ds {
		out[i] = s.views[d]
	}
	return out
}

// directivesFor returns the current directives of issuers, newest first,
// for the pages of a domain that lists them (the page of an académie, a
// région or a level). With level set ("4e"), only the directives that
// concern that level and are meant for pupils or parents are kept: those
// that name the level or no level, and whose audiences include eleves,
// parents or tous. The pages that show them should list directivePaths of
// the result in their Deps.
func (a *assembler) directivesFor(issuers []territory.Issuer, level string) []*DirectiveView {
	if a.dirs == nil {
		return nil
	}
	ds := a.dirs.viewsOf(a.dirs.currentOf(issuers...))
	if level != "" {
		ds = forLevel(ds, level)
	}
	return ds
}

// forLevel returns the directives of ds that concern the pupils of a level
// and their parents, in order (directive's Concerns and ForFamilies).
func forLevel(ds []*DirectiveView, level string) []*DirectiveView {
	var out []*DirectiveView
	for _, d := range ds {
		if d.Concerns(level) && d.ForFamilies() {
			out = append(out, d)
		}
	}
	return out
}

// levelIndex is a list of directives by the levels whose pupils and
// parents they concern, for forLevel in one pass over the list.
type levelIndex struct {
	list  []*DirectiveView
	every []int            // indexes in list of those for every level
	named map[string][]int // of those that name the level
}

func newLevelIndex(ds []*DirectiveView) *levelIndex {
	x := &levelIndex{list: ds, named: map[string][]int{}}
	for i, d := range ds {
		if !d.ForFamilies() {
			continue
		}
		if len(d.Levels) == 0 {
			x.every = append(x.every, i)
			continue
		}
		for j, l := range d.Levels {
			if !slices.Contains(d.Levels[:j], l) {
				x.named[l] = append(x.named[l], i)
			}
		}
	}
	return x
}

// forLevel returns forLevel(x.list, level).
func (x *levelIndex) forLevel(level string) []*DirectiveView {
	e, n := x.every, x.named[level]
	if len(e)+len(n) == 0 {
		return nil
	}
	out := make([]*DirectiveView, 0, len(e)+len(n))
	for len(e) > 0 || len(n) > 0 {
		if len(n) == 0 || len(e) > 0 && e[0] < n[0] {
			out = append(out, x.list[e[0]])
			e = e[1:]
		} else {
			out = append(out, x.list[n[0]])
			n = n[1:]
		}
	}
	return out
}

// directiveFeedLinks returns the feed of the directives that concern an
// issuer, for Page.Feeds of its pages: the académie's (with its région's and
// the ministry's), the région's (with the ministry's), or all directives.
func directiveFeedLinks(iss territory.Issuer, name string) []FeedLink {
	switch iss.Kind {
	case territory.IssuerAcademy, territory.IssuerRegion, territory.IssuerCollectivite:
		return []FeedLink{{Title: "Directives pour " + the(iss, name), Dir: IssuerDirectivesURL(iss)}}
	}
	return []FeedLink{{Title: "Toutes les directives", Dir: DirectivesURL}}
}

// the puts the article before an issuer's name: "l’académie de Paris",
// "la région académique Grand Est".
func the(iss territory.Issuer, name string) string {
	switch {
	case iss.Kind == territory.IssuerRegion, strings.HasPrefix(name, "Région "):
		return "la " + name
	case strings.HasPrefix(name, "Département "), strings.HasPrefix(name, "Conseil "):
		return "le " + name
	}
	return "l’" + name
}

// of turns "la X" into "de la X" and "le X" into "du X".
func of(s string) string {
	if r, ok := strings.CutPrefix(s, "le "); ok {
		return "du " + r
	}
	return "de " + s
}

// directiveShown returns the Deps entries of directives in a
// "directive-list" (layouts/partials/directives.html): all that the list
// shows of each (the issuer's name comes from a site-wide file).
func directiveShown(ds []*DirectiveView) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = ShownDep("directive", d.URL, d.Title, d.IssuerTitle(), d.Date.Format(time.RFC3339), d.Status.String(), strconv.FormatBool(d.Urgent), d.Summary)
	}
	return out
}

// directivePaths returns the files a list of directives shows, for
// Page.Deps: each directive's, and the _index.md of its région or académie
// (the list names the issuer), once each.
func directivePaths(ds []*DirectiveView) []string {
	out := make([]string, 0, len(ds)+4)
	for _, d := range ds {
		// A directive's file is in the list once; its issuer's, which
		// few lists name, is looked for among those before it.
		out = append(out, d.Path)
		if d.IssuerPath != "" && !slices.Contains(out, d.IssuerPath) {
			out = append(out, d.IssuerPath)
		}
	}
	return out
}

// addDirectives adds the pages, lists and feeds of the directives.
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
		pages.addDirectivePages()
	}()
	defer func() {
		<-done
		a.joinAt(pages, pages.forkedPages)
	}()
	a.addDirectivesList()
	a.addDirectiveArchive()
	for _, r := range a.terr.Regions {
		iss := r.Issuer()
		a.addIssuerDirectives(iss, []territory.Issuer{iss, territory.National()}, "la "+r.Label(), r.Path,
			fmt.Sprintf("Les directives en vigueur de la %s et du ministère de l’Éducation nationale, les plus récentes d’abord.", r.Label()))
	}
	for _, c := range a.terr.Collectivites {
		iss := c.Issuer()
		a.addIssuerDirectives(iss, []territory.Issuer{iss, territory.National()}, the(iss, c.Name), c.Path,
			fmt.Sprintf("Les directives en vigueur %s et du ministère de l’Éducation nationale, les plus récentes d’abord.", of(the(iss, c.Name))))
	}
	for _, ac := range a.terr.Academies {
		iss := ac.Issuer()
		issuers := a.terr.IssuersOf(ac.Slug)
		regionName := a.terr.IssuerLabel(territory.RegionIssuer(ac.Region))
		deps := []string{ac.Path}
		if r := a.terr.Region(ac.Region); r != nil {
			deps = append(deps, r.Path)
		}
		a.addIssuerDirectives(iss, issuers, "l’"+ac.Label(), deps[0],
			fmt.Sprintf("Les directives en vigueur de l’%s, de la %s et du ministère de l’Éducation nationale, les plus récentes d’abord.", ac.Label(), regionName), deps[1:]...)
		a.site.Data = append(a.site.Data, &DataFile{URL: BannerDataURL(ac.Slug), Value: a.bannerData(ac, issuers)})
		a.site.Data = append(a.site.Data, &DataFile{URL: DirectivesCSVURL(ac.Slug), Value: a.directivesCSV(issuers)})
	}
}

func (a *assembler) addDirectivePages() {
	for _, d := range a.dirs.published {
		v := a.dirs.views[d]
		a.add(a.directivePageOf(v))
		for i, alias := range d.Aliases {
			a.site.Redirects = append(a.site.Redirects, Redirect{From: alias, To: v.URL, Pos: d.AliasPos[i]})
		}
	}
}

// directivePage makes the page of the directive of v. It must take
// nothing but v (and what v points to) and Options: with the decode cache
// its page is kept for as long as v is (directivePageOf).
func (a *assembler) directivePage(v *DirectiveView) *Page {
	d := v.Directive
	view := a.pageView(v)
	crumbs := []Link{{URL: HomeURL, Label: "Accueil"}, {URL: DirectivesURL, Label: "Directives"}}
	deps := []string{d.Path}
	if d.Issuer.Kind != territory.IssuerNational {
		crumbs = append(crumbs, Link{URL: v.IssuerURL, Label: v.IssuerList})
		deps = append(deps, a.issuerPath(d.Issuer))
	}
	lastmod := d.Date
	if !d.Updated.IsZero() {
		lastmod = d.Updated
	}
	return &Page{
		URL:         v.URL,
		Layout:      "directive",
		Title:       d.Title,
		Description: d.Summary,
		Section:     DirectivesURL,
		Crumbs:      crumbs,
		Content:     v.Body,
		Data:        view,
		Feeds:       directiveFeedLinks(d.Issuer, v.IssuerName),
		Lastmod:     lastmod,
		Source:      diag.Pos{File: d.Path},
		Deps:        deps,
	}
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

// addListPages adds a list of directives, per a page: page n is at
// urlOf(n), the first at urlOf(1). page returns the first page without its
// list; the following pages are copies titled "(page n)".
func (a *assembler) addListPages(all []*DirectiveView, per int, urlOf func(int) string, page *Page, view DirectivesView) {
	pages := max(1, (len(all)+per-1)/per)
	kept := a.keptList(urlOf(1), page, view, per, pages)
	for n := 1; n <= pages; n++ {
		list := all[min(len(all), (n-1)*per):min(len(all), n*per)]
		if p := kept.page(n, list); p != nil {
			a.add(p)
			continue
		}
		v := view
		v.Directives = list
		p := *page
		p.URL = urlOf(n)
		p.Data = &v
		// The list shows what a directive block shows of each directive
		// (the "directive-list" partial): its Deps are those, so that
		// editing a directive's text does not render its lists again.
		p.Deps = append(slices.Clip(page.Deps), a.directiveShown(list)...)
		if pages > 1 {
			v.Pager = pager(n, pages, urlOf)
			p.HeadTitle = fmt.Sprintf("%s, page %d sur %d – %s", page.Title, n, pages, a.site.Config.Title)
		}
		if n > 1 {
			p.Crumbs = append(slices.Clip(page.Crumbs), Link{URL: urlOf(1), Label: page.Title})
			p.Title = fmt.Sprintf("%s (page %d)", page.Title, n)
		}
		a.add(&p)
		kept.keep(n, list, &p)
	}
}

// addDirectivesList adds /directives/ and its following pages, and the feed
// of all directives.
func (a *assembler) addDirectivesList() {
	intro := "Les directives en vigueur du ministère de l’Éducation nationale, des régions académiques et des académies, les plus récentes d’abord."
	a.addListPages(a.dirs.viewsOf(a.dirs.current), DirectivesPerPage, func(n int) string { return IssuerDirectivesPageURL(territory.National(), n) },
		&Page{
			Layout:      "directives",
			Title:       "Directives",
			Description: "Les décisions du ministère, des régions académiques et des académies sur l’accès aux ENT et la continuité pédagogique.",
			Section:     DirectivesURL,
			Crumbs:      []Link{{URL: HomeURL, Label: "Accueil"}},
			Feeds:       directiveFeedLinks(territory.National(), ""),
		},
		DirectivesView{Intro: intro, ArchiveURL: DirectivesArchiveURL, Empty: "Aucune directive n’est en vigueur aujourd’hui."})
	a.addDirectiveFeed(DirectivesURL, "Directives", "Les directives du ministère de l’Éducation nationale, des régions académiques et des académies.", a.dirs.published)
}

// addDirectiveArchive adds /directives/archives/: the expired directives by
// month of publication, the latest of each month, and a page per month
// (/directives/archives/2020-03/), per pages of ArchivePerPage.
func (a *assembler) addDirectiveArchive() {
	view := &DirectiveArchiveView{}
	var deps []string
	crumbs := []Link{{URL: HomeURL, Label: "Accueil"}, {URL: DirectivesURL, Label: "Directives"}}
	feeds := directiveFeedLinks(territory.National(), "")
	for _, m := range directive.Archive(a.dirs.published, a.opts.Now) {
		vs := a.dirs.viewsOf(m.Directives)
		first := vs[:min(len(vs), archiveMonthShown)]
		urlOf := func(n int) string { return DirectivesArchiveMonthURL(m.Year, m.Month, n) }
		view.Months = append(view.Months, ArchiveMonth{
			Label:      vocab.Capitalize(m.Label),
			ID:         fmt.Sprintf("%04d-%02d", m.Year, int(m.Month)),
			URL:        urlOf(1),
			Count:      len(vs),
			More:       len(vs) - len(first),
			Directives: first,
		})
		deps = append(deps, directivePaths(first)...)
		a.addListPages(vs, ArchivePerPage, urlOf, &Page{
			Layout:      "directives",
			Title:       "Directives archivées de " + m.Label,
			Description: "Les directives publiées en " + m.Label + " qui ne sont plus en vigueur. Chacune garde son adresse.",
			Section:     DirectivesURL,
			Crumbs:      append(slices.Clip(crumbs), Link{URL: DirectivesArchiveURL, Label: "Archives"}),
			Feeds:       feeds,
		}, DirectivesView{
			Intro: fmt.Sprintf("%d %s en %s %s plus en vigueur, les plus récentes d’abord.", len(vs),
				diag.Plural(len(vs), "directive publiée", "directives publiées"), m.Label, diag.Plural(len(vs), "qui n’est", "qui ne sont")),
			Up: Link{URL: DirectivesArchiveURL, Label: "Toutes les archives"},
		})
	}
	a.add(&Page{
		URL:         DirectivesArchiveURL,
		Layout:      "directives-archives",
		Title:       "Archives des directives",
		Description: "Les directives qui ne sont plus en vigueur, classées par mois de publication. Chacune garde son adresse.",
		Section:     DirectivesURL,
		Crumbs:      crumbs,
		Data:        view,
		Feeds:       feeds,
		Deps:        deps,
	})
}

// addIssuerDirectives adds the directives pages and feed of a région or an
// académie: the current directives of issuers, per pages. name has its
// article: "la région académique Grand Est", "l’académie de Paris".
func (a *assembler) addIssuerDirectives(iss territory.Issuer, issuers []territory.Issuer, name, path, intro string, moreDeps ...string) {
	u := IssuerDirectivesURL(iss)
	a.addListPages(a.dirs.viewsOf(a.dirs.currentOf(issuers...)), DirectivesPerPage,
		func(n int) string { return IssuerDirectivesPageURL(iss, n) },
		&Page{
			Layout:      "directives",
			Title:       "Directives pour " + name,
			Description: intro,
			Section:     DirectivesURL,
			Crumbs:      []Link{{URL: HomeURL, Label: "Accueil"}, {URL: DirectivesURL, Label: "Directives"}},
			Feeds:       []FeedLink{{Title: "Directives pour " + name, Dir: u}},
			Deps:        append([]string{path}, moreDeps...),
		},
		DirectivesView{Intro: intro, ArchiveURL: DirectivesArchiveURL, Empty: "Aucune directive n’est en vigueur aujourd’hui pour " + name + "."})
	a.addDirectiveFeed(u, "Directives pour "+name, intro, a.dirs.publishedOf(issuers...))
}

// addDirectiveFeed adds the feed of ds at dir: the FeedLength newest
// published directives, expired ones included (a feed is the history of
// what was announced; the archive keeps their pages).
func (a *assembler) addDirectiveFeed(dir, title, description string, ds []*directive.Directive) {
	ds = ds[:min(len(ds), FeedLength)]
	if f := a.keptFeed(dir, title, description, ds); f != nil {
		a.site.Feeds = append(a.site.Feeds, f)
		return
	}
	f := &Feed{Dir: dir, Title: title, Description: description}
	defer a.keepFeed(f, ds)
	for _, d := range ds {
		v := a.dirs.views[d]
		f.Items = append(f.Items, &FeedItem{
			ID:        a.directiveID(d),
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
	a.site.Feeds = append(a.site.Feeds, f)
}

// feedAuthor is the author of a directive's feed entry: the issuer, or the
// site when the site wrote the text.
func (d *DirectiveView) feedAuthor() string {
	if d.BySite() {
		return d.Signer + " (texte non officiel)"
	}
	return d.IssuerName
}

// directiveID is the stable id of a directive in feeds, a tag: URI (RFC
// 4151) of the site's host, the directive's first publication date and its
// issuer and slug, such as
// "tag:relais.example.fr,2020-03-19:academies/paris/directives/plages". It
// does not change when the text, the title or the update time change.
func (a *assembler) directiveID(d *directive.Directive) string {
	return fmt.Sprintf("tag:%s,%s:%s/directives/%s", a.dirs.host, d.Date.Format("2006-01-02"), d.Issuer.Dir(), d.Slug)
}

// homeUrgent returns the latest urgent directives of régions and académies
// for the home page; the ministry's are its banners.
func (a *assembler) homeUrgent() []*DirectiveView {
	if a.dirs == nil {
		return nil
	}
	var out []*DirectiveView
	for _, d := range a.dirs.current {
		if d.Urgent && d.Issuer.Kind != territory.IssuerNational && len(out) < maxHomeUrgent {
			out = append(out, a.dirs.views[d])
		}
	}
	return out
}

// addDirectiveBanners puts the urgent directives on the pages of their
// issuer until they expire: the ministry's on the home page, under
// /directives/ and on every page of a région or an académie; a région's on
// the pages under /regions/<r>/ and under /academies/<a>/ of its académies;
// an académie's on the pages under /academies/<a>/. A directive is not its
// own banner. It runs after every page is added.
func (a *assembler) addDirectiveBanners() {
	if a.dirs == nil {
		return
	}
	for i, p := range a.site.Pages {
		key, issuers := a.pageIssuers(p.URL)
		if issuers == nil {
			continue
		}
		banners, ok := a.dirs.banners[key]
		if !ok {
			// The banners among the current directives of issuers.
			for _, d := range a.dirs.currentOf(issuers...) {
				if !d.Banner(a.opts.Now) {
					continue
				}
				v := a.dirs.views[d]
				banners = append(banners, Banner{Title: d.Title, URL: v.URL, Issuer: markdown.Plain(v.Byline()), Date: d.Date, Summary: d.Summary, Path: d.Path})
			}
			a.dirs.banners[key] = banners
		}
		copied := false
		for _, b := range banners {
			if b.URL != p.URL {
				if !copied {
					// A page may be shared with the last assembly
					// (directivePageOf): the banners go on a copy.
					cp := *p
					cp.Banners, cp.Deps = slices.Clip(p.Banners), slices.Clip(p.Deps)
					p, a.site.Pages[i], copied = &cp, &cp, true
				}
				p.Banners = append(p.Banners, b)
				p.Deps = append(p.Deps, b.Path)
				if ip := a.dirs.views[a.dirs.byPath[b.Path]].IssuerPath; ip != "" && !slices.Contains(p.Deps, ip) {
					p.Deps = append(p.Deps, ip) // the banner names its issuer
				}
			}
		}
	}
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
