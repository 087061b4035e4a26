package directive

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/relais-ecoles/relais/internal/markdown"
	"github.com/relais-ecoles/relais/internal/territory"
	"github.com/relais-ecoles/relais/internal/view"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// The views of the directives, as plain data the layouts read: a
// directive as every list shows it (View), its page (PageView), a list of
// directives (ListView), the archive (ArchiveView) and the directive block
// of the pages of régions, académies and levels (Block). They are made
// from the directives and the inputs the site gives (Inputs: its URLs, its
// clock, the names of the issuers), never from a later step: a view is
// complete when it is made.

// URLs are the addresses the views of the directives link to. The site
// makes every URL in one place and implements it there.
type URLs interface {
	Home() string
	// Directive is the page of an issuer's directive.
	Directive(iss territory.Issuer, slug string) string
	// IssuerDirectives is the list of the directives that concern an
	// issuer (all of them for the ministry), where its feed sits;
	// IssuerDirectivesPage its page n.
	IssuerDirectives(iss territory.Issuer) string
	IssuerDirectivesPage(iss territory.Issuer, n int) string
	// Archive is the archive of the expired directives, ArchiveMonth the
	// page n of one month of it.
	Archive() string
	ArchiveMonth(year int, month time.Month, n int) string
	// BannerData and CSV are an académie's bandeau.json and
	// directives.csv; BannerSchema the JSON Schema of bandeau.json.
	BannerData(academy string) string
	CSV(academy string) string
	BannerSchema() string
	// Abs makes a site URL absolute with the base URL.
	Abs(u string) string
}

// View is a directive as the pages show it.
type View struct {
	*Directive
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
	Status     Status // current, expired; draft or future in a preview build
	// Signer is the name a text the site wrote is signed with (the site's
	// publisher, or its title), "" when the text is the issuer's own
	// words (Directive.BySite).
	Signer string
	Body   *view.Text

	derived *derived
}

// IssuerTitle is the issuer's name with a capital: "Académie de Paris".
func (d *View) IssuerTitle() string { return vocab.Capitalize(d.IssuerName) }

// Expired reports whether the directive is in the archive.
func (d *View) Expired() bool { return d.Status == StatusExpired }

// BySite reports whether the text is the site's own, not the issuer's.
func (d *View) BySite() bool { return d.Signer != "" }

// BySiteLabel is how a list, a banner and a page mark a text the site
// wrote.
const BySiteLabel = "texte rédigé par le site, non officiel"

// Byline is what a list, a banner and a page show of who wrote the
// directive: the issuer, or only the site's mark when the site wrote the
// text, so that nothing the site wrote reads as the issuer's words (the
// page names the decision's author in its source).
func (d *View) Byline() string {
	if d.BySite() {
		return vocab.Capitalize(BySiteLabel)
	}
	return d.IssuerTitle()
}

// DateISO is the publication for <time datetime>: the day alone when the
// directive gives no time, else the instant.
func (d *View) DateISO() string { return view.ISOStamp(d.Date, d.DateOnly) }

// feedAuthor is the author of a directive's feed entry: the issuer, or the
// site when the site wrote the text.
func (d *View) feedAuthor() string {
	if d.BySite() {
		return d.Signer + " (texte non officiel)"
	}
	return d.IssuerName
}

// PageView is the view of one directive's page.
type PageView struct {
	Directive *View
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
	Published, Updated view.Stamp
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

// ListView is the view of a list of directives: a page of /directives/ or
// the directives of a région or an académie.
type ListView struct {
	Intro      string // a sentence under the title
	Directives []*View
	Pager      *view.Pager // nil when the list has one page
	ArchiveURL string      // the archive, for a list of current directives
	Up         view.Link   // the list this one is part of, if any
	// Empty is what the page says when there is no current directive.
	Empty string
}

// ArchiveView is the view of /directives/archives/.
type ArchiveView struct {
	Months []ArchiveMonth
}

// ArchiveMonth is one month of the archive.
type ArchiveMonth struct {
	Label      string // "Mars 2020"
	ID         string // "2020-03", an anchor
	URL        string // the month's page
	Count      int
	Directives []*View // the newest archiveMonthShown
	More       int     // how many more the month's page lists
}

// Block is the directives block of a page that is not a list of
// directives: the région, académie and level pages.
type Block struct {
	Directives []*View // newest first
	// More is how many current directives are left out; All lists them.
	More int
	All  view.Link
}

// sourceLine writes where a decision was published, in French: who, how,
// on which day, in which words, and the report it is known from.
func sourceLine(s *Source) string {
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

// newPageView makes the view of the page of v; archive is the archive's
// URL.
func newPageView(v *View, archive string) *PageView {
	d := v.Directive
	pv := &PageView{
		Directive:  v,
		ArchiveURL: archive,
		Audiences:  v.derived.audiences,
		Levels:     v.derived.levels,
		Title:      markdown.Plain(d.Title),
		Issuer:     markdown.Plain(v.IssuerTitle()),
		Byline:     markdown.Plain(v.Byline()),
		Summary:    markdown.Plain(d.Summary),
		For:        markdown.Plain(strings.Join(v.derived.audiences, ", ")),
		Published:  view.StampOf(d.Date, d.DateOnly),
		Updated:    view.StampOf(d.Updated, d.UpdatedDateOnly),
		Draft:      v.Status == StatusDraft,
		Future:     v.Status == StatusFuture,
		IssuerList: markdown.Plain(v.IssuerList),
	}
	switch {
	case d.Source != nil:
		pv.Source, pv.SourceURL = markdown.Plain(sourceLine(d.Source)), d.Source.URL
	case v.BySite():
		pv.Source = "non précisée"
	}
	if v.Expired() {
		pv.EndedOn = vocab.FrenchDate(d.Expires.AddDate(0, 0, 1))
	}
	switch {
	case !d.Effective.IsZero() && d.Expires.IsZero():
		pv.InForce = "à partir du " + vocab.FrenchDate(d.Effective)
	case !d.Effective.IsZero():
		pv.InForce = "du " + vocab.FrenchDate(d.Effective) + " au " + vocab.FrenchDate(d.Expires)
	case !d.Expires.IsZero():
		pv.InForce = "jusqu’au " + vocab.FrenchDate(d.Expires)
	}
	return pv
}

// derived is what the page and the feed entries of a directive take from
// the directive alone, made once per decoded directive (Cache).
type derived struct {
	url       string   // URLs.Directive
	issuerURL string   // URLs.IssuerDirectives
	audiences []string // French labels of its audiences
	levels    []string // French labels of its levels
	tags      []string // audiences then levels: the categories of its feed entries

	// view is the directive's view and page, made once per issuer name,
	// issuer path, status and signer (Set.view, Set.page); read and
	// written with the cache's lock held.
	view *viewMemo

	// page is the view of the directive's page, made once (Set.pageView).
	page struct {
		once sync.Once
		from View // the view it was made from, Body left out
		view *PageView
	}
}

func derive(d *Directive, urls URLs) *derived {
	x := &derived{url: urls.Directive(d.Issuer, d.Slug), issuerURL: urls.IssuerDirectives(d.Issuer)}
	for _, s := range d.Audiences {
		x.audiences = append(x.audiences, vocab.LevelLabel(s))
	}
	for _, l := range d.Levels {
		x.levels = append(x.levels, vocab.LevelLabel(l))
	}
	if n := len(x.audiences) + len(x.levels); n > 0 {
		x.tags = slices.Concat(x.audiences, x.levels)
	}
	return x
}

// viewMemo is a View kept from one assembly to the next, what it was made
// from besides its directive, and the directive's page.
type viewMemo struct {
	name, path string // the issuer's name and _index.md
	status     Status
	signer     string // who signs the text
	view       *View
	page       *view.Page    // nil until made
	banners    []view.Banner // what page was made with
}

// Shown returns the Deps entries of directives in a "directive-list"
// (layouts/partials/directives.html): all that the list shows of each (the
// issuer's name comes from a site-wide file).
func Shown(ds []*View) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = view.ShownDep("directive", d.URL, d.Title, d.IssuerTitle(), d.Date.Format(time.RFC3339), d.Status.String(), strconv.FormatBool(d.Urgent), d.Summary)
	}
	return out
}

// Paths returns the files a list of directives shows, for Page.Deps: each
// directive's, and the _index.md of its région or académie (the list names
// the issuer), once each.
func Paths(ds []*View) []string {
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

// ForLevel returns the directives of ds that concern the pupils of a level
// and their parents, in order (Concerns and ForFamilies).
func ForLevel(ds []*View, level string) []*View {
	var out []*View
	for _, d := range ds {
		if d.Concerns(level) && d.ForFamilies() {
			out = append(out, d)
		}
	}
	return out
}

// LevelIndex is a list of directives by the levels whose pupils and
// parents they concern, for ForLevel in one pass over the list.
type LevelIndex struct {
	list  []*View
	every []int            // indexes in list of those for every level
	named map[string][]int // of those that name the level
}

// NewLevelIndex returns the index of ds.
func NewLevelIndex(ds []*View) *LevelIndex {
	x := &LevelIndex{list: ds, named: map[string][]int{}}
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

// ForLevel returns ForLevel(x's list, level).
func (x *LevelIndex) ForLevel(level string) []*View {
	e, n := x.every, x.named[level]
	if len(e)+len(n) == 0 {
		return nil
	}
	out := make([]*View, 0, len(e)+len(n))
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

// FeedLinks returns the feed of the directives that concern an issuer
// named name, for Page.Feeds of its pages: the académie's (with its
// région's and the ministry's), the région's (with the ministry's), or all
// directives.
func FeedLinks(urls URLs, iss territory.Issuer, name string) []view.FeedLink {
	switch iss.Kind {
	case territory.IssuerAcademy, territory.IssuerRegion, territory.IssuerCollectivite:
		return []view.FeedLink{{Title: "Directives pour " + The(iss, name), Dir: urls.IssuerDirectives(iss)}}
	}
	return []view.FeedLink{{Title: "Toutes les directives", Dir: urls.IssuerDirectives(territory.National())}}
}

// The puts the article before an issuer's name: "l’académie de Paris",
// "la région académique Grand Est".
func The(iss territory.Issuer, name string) string {
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
