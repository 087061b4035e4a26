package catalog

// The catalog's views: the pages, feeds, calendars, redirects and search
// index of the "Nation apprenante" catalog, built as plain data (package
// view) from the decoded catalog. Site makes their addresses (URLs) and
// wires them into the site.
//
//	/programmes/                           every programme, newest label first; search
//	/programmes/<slug>/                    one programme
//	/programmes/<slug>.ics                 its broadcasts, when it has a schedule
//	/programmes/<kind>/                    the values of a facet, with counts
//	/programmes/<kind>/<value>/            one value: niveaux (levels and cycles),
//	                                       disciplines, diffuseurs, medias
//	/programmes/niveaux/<cycle>/<subject>/ cycle × subject, when not empty
//	/programmes/grille/                    the weekly broadcast grid
//	/programmes/grille/<cycle>/            the grid narrowed to a cycle (or lycée)
//	/programmes/index.json                 the search index of the catalog page
//
// The list pages have feeds (RSS, Atom, JSON Feed) beside them, newest label
// first.

import (
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/view"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// URLs are the addresses of the catalog's pages and files. Site makes
// every address of the site in one place and gives the catalog this
// view of them.
type URLs interface {
	Home() string    // the home page
	Catalog() string // the catalog's first page, which the others are under
	Grid() string    // the weekly broadcast grid
	Index() string   // the search index of the catalog page
	Programme(slug string) string
	Calendar(slug string) string // the iCalendar file of a programme
	Facets(kind string) string   // the list of the values of a facet kind
	// Facet is the page of a facet value; value may hold a slash for the
	// cycle × subject entry points ("cycle-3/mathematiques").
	Facet(kind, value string) string
	GridLevel(cycle string) string // the grid narrowed to a cycle
	// ListPage is page n of a list whose first page is first.
	ListPage(first string, n int) string
	// Abs makes a site address absolute with the site's base URL.
	Abs(u string) string
}

// Inputs are what the catalog's views are made of besides its files.
type Inputs struct {
	URLs URLs
	// SiteTitle ends the <title> of the pages of a list after the first.
	SiteTitle string
	// Host is the host of the base URL, for the UIDs of the calendars.
	Host string
	// Now is the build time: a programme not on air in its week says when
	// it was or will be. Clock records the comparisons with it.
	Now   time.Time
	Clock *view.Clock
	// Decode decodes the programmes; nil: DecodeProgramme.
	Decode ProgrammeDecoder
}

// Views are the catalog's outputs, in the order the site adds them.
type Views struct {
	Pages     []*view.Page
	Feeds     []*view.Feed
	Calendars []*view.Calendar
	Redirects []view.Redirect
	Data      []*view.DataFile
	// Texts are the Markdown texts the views show, for the site's link
	// pass: the catalog page's, then each programme's.
	Texts []*view.Text
}

// In reports whether a site has a catalog: programmes or the catalog's own
// page.
func In(tree *load.Tree) bool { return len(tree.Under(Dir)) > 0 }

// Build decodes the catalog of tree and builds its views. The views are
// nil when the catalog has errors; every error is returned, sorted by
// the caller.
func Build(tree *load.Tree, in Inputs) (*Views, diag.List) {
	if !In(tree) {
		return nil, nil
	}
	b := &builder{in: in, u: in.URLs, out: &Views{}}
	c, errs := DecodeWith(tree, in.Decode)
	intro, ierrs := b.intro(tree)
	errs.Append(ierrs)
	bad := len(errs) > 0
	reserved := b.reservedSlugs()
	for _, p := range c.Programmes {
		if what := reserved[p.Slug]; what != "" {
			errs.Add(p.Pos, "un programme ne peut pas s'appeler %s : %s est l'adresse de %s ; renommez le fichier, par exemple %s-%s.md", diag.Q(p.Slug), b.u.Programme(p.Slug), what, p.Slug, p.Broadcaster)
			bad = true
		}
	}
	if bad {
		return nil, errs
	}
	b.c, b.views = c, make(map[string]*ProgrammeView, len(c.Programmes))
	b.paths = make([]string, 0, len(c.Programmes)+2)
	if tree.Get(VocabularyPath) != nil {
		b.paths = append(b.paths, VocabularyPath)
	}
	if intro != nil {
		b.paths = append(b.paths, IndexPath)
	}
	b.common = len(b.paths)
	for _, p := range c.Programmes {
		b.paths = append(b.paths, p.Path)
		b.views[p.Slug] = b.programmeView(p)
	}
	// Pages share this list as their Deps: no append may write into it.
	b.paths = slices.Clip(b.paths)
	b.addCatalogPage(intro)
	b.addProgrammes()
	b.addFacets()
	b.addGrid()
	b.out.Data = append(b.out.Data, &view.DataFile{URL: b.u.Index(), Value: Index(c)})
	return b.out, errs
}

// reservedSlugs are the names under /programmes/ that the catalog
// uses itself, with what they name.
func (b *builder) reservedSlugs() map[string]string {
	m := map[string]string{strings.Trim(strings.TrimPrefix(b.u.Grid(), b.u.Catalog()), "/"): "la grille des diffusions", "page": "les pages suivantes du catalogue"}
	for _, k := range FacetKinds() {
		m[k.Slug] = "la liste de la facette " + diag.Q(k.Slug)
	}
	return m
}

// intro is content/programmes/_index.md.
type intro struct {
	Title, Summary string
	Body           *view.Text
}

// intro decodes the catalog's own page, or returns nil without one.
func (b *builder) intro(tree *load.Tree) (*intro, diag.List) {
	f := tree.Get(IndexPath)
	if f == nil {
		return nil, nil
	}
	doc, errs := load.Front(f)
	if errs != nil {
		return nil, errs
	}
	d := load.NewDecoder(f.Path)
	m := d.Map(doc.Front, "the front matter", "title", "summary")
	in := &intro{Title: m.String("title"), Summary: m.String("summary")}
	in.Body = b.text(f.Path, doc.Body, doc.BodyLine, b.u.Catalog())
	return in, d.Errs
}

// builder makes the catalog's views from a decoded catalog.
type builder struct {
	in    Inputs
	u     URLs
	out   *Views
	c     *Catalog
	views map[string]*ProgrammeView
	// paths are the vocabulary, the catalog's page and every programme
	// file: the Deps of the pages that depend on the whole catalog. The
	// first common of them are the files every catalog page depends on.
	paths  []string
	common int

	// week is the week's broadcasts (Week), lines the same as the grid
	// pages show them and cycles the cycles that have some, made once
	// (gridOf) for the facet pages and the grid pages.
	week      []Broadcast
	lines     []GridLine
	cycles    map[string]bool
	gridReady bool
}

// add adds a page.
func (b *builder) add(p *view.Page) { b.out.Pages = append(b.out.Pages, p) }

// text is a Markdown source the views show, for the site's link pass.
func (b *builder) text(path string, src []byte, line int, url string) *view.Text {
	t := &view.Text{Path: path, Line: line, Src: src, URL: url}
	b.out.Texts = append(b.out.Texts, t)
	return t
}

// deps returns the files a page listing ps depends on.
func (b *builder) deps(ps []*Programme) []string {
	out := make([]string, 0, b.common+len(ps))
	out = append(out, b.paths[:b.common]...)
	for _, p := range ps {
		out = append(out, p.Path)
	}
	return out
}

func (b *builder) list(ps []*Programme) []*ProgrammeView {
	out := make([]*ProgrammeView, len(ps))
	for i, p := range ps {
		out[i] = b.views[p.Slug]
	}
	return out
}

// crumbs is the trail of the pages under the catalog, with more
// after it.
func (b *builder) crumbs(more ...view.Link) []view.Link {
	return append([]view.Link{{URL: b.u.Home(), Label: "Accueil"}, {URL: b.u.Catalog(), Label: "Programmes"}}, more...)
}

// ProgrammeView is a programme as pages show it. One view is made per
// programme and shared by every page that lists it.
type ProgrammeView struct {
	Slug    string
	URL     string
	Title   string
	Summary string
	Channel string // free text; "" when the programme names none
	// Broadcaster links to the broadcaster's facet page; BroadcasterSite is
	// the broadcaster's own site (from the vocabulary), or "".
	Broadcaster     view.Link
	BroadcasterSite string
	Media           []view.Link // facet pages of its media
	Levels          []view.Link // facet pages of its levels, youngest first
	Cycles          []view.Link // facet pages of the cycles its levels belong to
	Subjects        []view.Link // facet pages of its subjects
	// For is the levels in short: "CP, CE1", "collège", "cycle 4, lycée".
	For string
	// Meta says who, on what and for whom, in one line: "France
	// Télévisions, France 4 · télévision · élémentaire".
	Meta string
	// Schedule is one French sentence per slot: "du lundi au vendredi, de
	// 9h à 10h".
	Schedule []string
	// Period bounds the broadcasts: "du 23 mars au 3 juillet 2020", or "".
	Period string
	// Zone is the time zone of the schedule when it is not Europe/Paris.
	Zone    string
	Website string // the programme's own address, or ""
	Host    string // the host name of Website: "www.lumni.fr"
	// Labelled is the label's date, zero when no source gives it.
	Labelled time.Time
	// Status says in French what the sources say of the programme's place
	// in "Nation apprenante", or "non précisé".
	Status string
	// Stated is the audience in the sources' words, or "non précisé".
	Stated string
	// When is the time of broadcast said in words where there is no fixed
	// slot, or "".
	When           string
	Notes, Sources []string
	Free           bool
	Calendar       string       // the .ics URL, or "" without a schedule
	Agenda         *view.Agenda // the ways to subscribe to Calendar (subscribe.go)
	Body           *view.Text
	Path           string
}

// programmeView makes the view of one programme.
func (b *builder) programmeView(p *Programme) *ProgrammeView {
	voc := &b.c.Vocab
	v := &ProgrammeView{
		Slug:        p.Slug,
		URL:         b.u.Programme(p.Slug),
		Title:       p.Title,
		Summary:     p.Summary,
		Channel:     p.Channel,
		Broadcaster: view.Link{URL: b.u.Facet(KindBroadcasters, p.Broadcaster), Label: b.c.BroadcasterLabel(p)},
		For:         levelsInShort(p.Levels),
		Website:     p.URL,
		Labelled:    p.Labelled,
		Status:      statusPhrase(p.Status),
		Stated:      p.LevelsStated,
		When:        p.When,
		Notes:       p.Notes,
		Sources:     p.Sources,
		Free:        p.Free,
		Path:        p.Path,
	}
	if v.Stated == "" {
		v.Stated = "non précisé"
	}
	if u, err := url.Parse(p.URL); err == nil {
		v.Host = u.Hostname()
	}
	if t, ok := voc.Broadcaster(p.Broadcaster); ok {
		v.BroadcasterSite = t.URL
	}
	for i, m := range p.Media {
		v.Media = append(v.Media, view.Link{URL: b.u.Facet(KindMedia, m), Label: b.c.MediaLabels(p)[i]})
	}
	subjects := b.c.SubjectLabels(p)
	for i, s := range p.Subjects {
		v.Subjects = append(v.Subjects, view.Link{URL: b.u.Facet(KindSubjects, s), Label: subjects[i]})
	}
	for _, l := range p.Levels {
		lv, _ := vocab.LevelOf(l)
		v.Levels = append(v.Levels, view.Link{URL: b.u.Facet(KindLevels, l), Label: lv.Label})
		if cy, ok := vocab.CycleOf(lv.Cycle); ok && !slices.ContainsFunc(v.Cycles, func(c view.Link) bool { return c.Label == cy.Label }) {
			v.Cycles = append(v.Cycles, view.Link{URL: b.u.Facet(KindLevels, cy.Slug), Label: cy.Label})
		}
	}
	by := v.Broadcaster.Label
	if v.Channel != "" && v.Channel != by {
		by += ", " + v.Channel
	}
	media := make([]string, len(v.Media))
	for i, m := range v.Media {
		media[i] = m.Label
	}
	v.Meta = by + " · " + strings.Join(media, ", ")
	if v.For != "" {
		v.Meta += " · " + v.For
	}
	for _, s := range p.Schedule {
		line := vocab.DaysPhrase(s.Days) + ", " + vocab.HoursPhrase(s.From, s.To)
		if len(s.Who) > 0 {
			line += " (" + vocab.WhoPhrase(s.Who) + ")"
		}
		v.Schedule = append(v.Schedule, line)
	}
	if len(p.Schedule) > 0 {
		v.Period = frenchPeriod(p.ScheduleStart, p.ScheduleEnd)
		if hasCalendar(p) {
			v.Calendar = b.u.Calendar(p.Slug)
			v.Agenda = view.NewAgenda([]*view.Subscription{view.NewSubscription(b.u.Abs(v.Calendar), v.Calendar, p.Title, "")}, "", programmeRefresh)
		}
		if p.TimeZone != DefaultTimeZone {
			v.Zone = p.TimeZone
		}
	}
	v.Body = b.text(p.Path, p.Body, p.BodyLine, v.URL)
	return v
}
