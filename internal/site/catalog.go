package site

// The "Nation apprenante" catalog: the pages, feeds, calendars and search
// index made from internal/catalog.
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
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/relais-ecoles/relais/internal/catalog"
	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// MaxFeedItems is the number of programmes a catalog feed carries: the
// newest labels. A feed reader needs the news, not the whole catalog, and
// the pages list everything.
const MaxFeedItems = 50

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
	Broadcaster     Link
	BroadcasterSite string
	Media           []Link // facet pages of its media
	Levels          []Link // facet pages of its levels, youngest first
	Cycles          []Link // facet pages of the cycles its levels belong to
	Subjects        []Link // facet pages of its subjects
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
	Calendar       string  // the .ics URL, or "" without a schedule
	Agenda         *Agenda // the ways to subscribe to Calendar (subscribe.go)
	Body           *Text
	Path           string
}

// ProgrammesPerPage is the number of programmes a page of the catalog or
// of a facet lists; the following pages are <list>page/<n>/.
const ProgrammesPerPage = 50

// ProgrammesPageURL is page n of a list of programmes whose first page is
// first: first itself for n = 1, first + "page/<n>/" after.
func ProgrammesPageURL(first string, n int) string {
	if n <= 1 {
		return first
	}
	return first + "page/" + strconv.Itoa(n) + "/"
}

// CatalogView is the view of /programmes/ and of its following pages.
type CatalogView struct {
	// Programmes are those of this page; Total counts the catalog.
	Programmes []*ProgrammeView
	Total      int
	Pager      *Pager // nil when the list has one page
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
	Pager      *Pager           // nil when the list has one page
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

// GridView is the view of the weekly broadcast grid: the compact week,
// one line per broadcast slot.
type GridView struct {
	Lines []GridLine // those of this page
	Pager *Pager     // nil when the grid has one page
	// Filters narrow the grid by cycle; the current one has Current set.
	Filters []GridFilter
	// Level is the label of the cycle the grid is narrowed to, or "".
	Level string
	Count int // broadcasts of the whole grid, all pages
	// Catalog is the catalog page, where the programmes without a
	// schedule are.
	Catalog string
}

// GridFilter is a link to a narrowed grid.
type GridFilter struct {
	URL, Label string
	Current    bool
}

// GridLine is one broadcast slot of the grid: one line with its days and
// hours. The data fields are for the script that marks what is on today
// and now.
type GridLine struct {
	From, To  string // "9h", "10h"
	Days      string // "lun.–ven.", "tous les jours", "lun., jeu., ven."
	Programme *ProgrammeView
	Where     string // channel, or the broadcaster
	For       string // the levels of the broadcast, in short
	// When says, for a programme not on air in the week of the build,
	// when it was or will be: "jusqu’au 3 juillet 2020", "à partir du 6
	// avril 2020"; "" otherwise.
	When string
	// JSDays are the days as JavaScript's Date.getDay counts them (Sunday
	// 0), separated by spaces; FromMin and ToMin the minutes after
	// midnight in Zone; Start and End the stated first and last days
	// (YYYY-MM-DD), "" when not stated.
	JSDays           string
	FromMin, ToMin   int
	Start, End, Zone string
}

// catalogIntro is content/programmes/_index.md.
type catalogIntro struct {
	Title, Summary string
	Body           *Text
}

// reservedProgrammeSlugs are the names under /programmes/ that the catalog
// uses itself, with what they name.
func reservedProgrammeSlugs() map[string]string {
	m := map[string]string{strings.Trim(strings.TrimPrefix(ProgrammeGridURL, ProgrammesURL), "/"): "la grille des diffusions", "page": "les pages suivantes du catalogue"}
	for _, k := range catalog.FacetKinds() {
		m[k.Slug] = "la liste de la facette " + diag.Q(k.Slug)
	}
	return m
}

// hasCatalog reports whether the site has a catalog: programmes or the
// catalog's own page.
func (a *assembler) hasCatalog() bool { return len(a.tree.Under(catalog.Dir)) > 0 }

// addCatalog adds the catalog's pages, feeds, calendars, search index and
// redirects.
func (a *assembler) addCatalog() {
	if !a.hasCatalog() {
		return
	}
	c, errs := catalog.Decode(a.tree)
	a.errs.Append(errs)
	intro := a.catalogIntro()
	bad := len(errs) > 0
	for _, p := range c.Programmes {
		if what := reservedProgrammeSlugs()[p.Slug]; what != "" {
			a.errs.Add(p.Pos, "un programme ne peut pas s'appeler %s : %s est l'adresse de %s ; renommez le fichier, par exemple %s-%s.md", diag.Q(p.Slug), ProgrammeURL(p.Slug), what, p.Slug, p.Broadcaster)
			bad = true
		}
	}
	if bad {
		return
	}
	b := &catalogBuilder{a: a, c: c, views: map[string]*ProgrammeView{}}
	b.paths = make([]string, 0, len(c.Programmes)+2)
	if a.tree.Get(catalog.VocabularyPath) != nil {
		b.paths = append(b.paths, catalog.VocabularyPath)
	}
	if intro != nil {
		b.paths = append(b.paths, catalog.IndexPath)
	}
	b.common = len(b.paths)
	for _, p := range c.Programmes {
		b.paths = append(b.paths, p.Path)
		b.views[p.Slug] = b.view(p)
	}
	// Pages share this list as their Deps: no append may write into it.
	b.paths = slices.Clip(b.paths)
	b.addCatalogPage(intro)
	b.addProgrammes()
	b.addFacets()
	b.addGrid()
	a.site.Data = append(a.site.Data, &DataFile{URL: ProgrammeIndexURL, Value: catalog.Index(c)})
}

func (a *assembler) catalogIntro() *catalogIntro {
	f := a.tree.Get(catalog.IndexPath)
	if f == nil {
		return nil
	}
	doc, errs := load.Front(f)
	if errs != nil {
		a.errs.Append(errs)
		return nil
	}
	d := load.NewDecoder(f.Path)
	m := d.Map(doc.Front, "the front matter", "title", "summary")
	in := &catalogIntro{Title: m.String("title"), Summary: m.String("summary")}
	a.errs.Append(d.Errs)
	in.Body = a.site.text(f.Path, doc.Body, doc.BodyLine, ProgrammesURL)
	return in
}

// catalogBuilder makes the catalog's outputs from a decoded catalog.
type catalogBuilder struct {
	a     *assembler
	c     *catalog.Catalog
	views map[string]*ProgrammeView
	// paths are the vocabulary, the catalog's page and every programme
	// file: the Deps of the pages that depend on the whole catalog. The
	// first common of them are the files every catalog page depends on.
	paths  []string
	common int

	// week is the week's broadcasts (catalog.Week), lines the same as
	// the grid pages show them and cycles the cycles that have some, made
	// once (gridOf) for the facet pages and the grid pages.
	week      []catalog.Broadcast
	lines     []GridLine
	cycles    map[string]bool
	gridReady bool
}

// gridOf returns b.week, b.lines and b.cycles, made at the first call.
func (b *catalogBuilder) gridOf() ([]catalog.Broadcast, []GridLine, map[string]bool) {
	if b.gridReady {
		return b.week, b.lines, b.cycles
	}
	b.gridReady = true
	b.week = catalog.Week(b.c)
	b.cycles = map[string]bool{}
	b.lines = make([]GridLine, len(b.week))
	for i, e := range b.week {
		p, s := e.Programme, e.Slot
		v := b.views[p.Slug]
		where := v.Channel
		if where == "" {
			where = v.Broadcaster.Label
		}
		if strings.Contains(collateKeyOf(v.Title), collateKeyOf(where)) {
			where = "" // "Les cours du collège sur France 4"
		}
		if z := p.TimeZone; z != catalog.DefaultTimeZone {
			where = strings.TrimPrefix(where+", heure de "+z, ", ")
		}
		days := make([]string, len(s.Days))
		for k, d := range s.Days {
			days[k] = strconv.Itoa(int(d))
		}
		l := GridLine{
			From: clockWord(s.From), To: clockWord(s.To), Days: daysShort(s.Days), Programme: v,
			Where: where, For: levelsInShort(e.Levels), When: b.onAir(p),
			JSDays: strings.Join(days, " "), FromMin: int(s.From), ToMin: int(s.To), Zone: p.TimeZone,
		}
		if len(s.Who) > 0 {
			l.For = whoPhrase(s.Who)
		}
		if !p.ScheduleStart.IsZero() {
			l.Start = p.ScheduleStart.Format(time.DateOnly)
		}
		if !p.ScheduleEnd.IsZero() {
			l.End = p.ScheduleEnd.Format(time.DateOnly)
		}
		b.lines[i] = l
		for _, cy := range vocab.Cycles() {
			if !b.cycles[cy.Slug] && intersects(e.Levels, cy.Levels) {
				b.cycles[cy.Slug] = true
			}
		}
	}
	return b.week, b.lines, b.cycles
}

// deps returns the files a page listing ps depends on.
func (b *catalogBuilder) deps(ps []*catalog.Programme) []string {
	out := make([]string, 0, b.common+len(ps))
	out = append(out, b.paths[:b.common]...)
	for _, p := range ps {
		out = append(out, p.Path)
	}
	return out
}

func (b *catalogBuilder) list(ps []*catalog.Programme) []*ProgrammeView {
	out := make([]*ProgrammeView, len(ps))
	for i, p := range ps {
		out[i] = b.views[p.Slug]
	}
	return out
}

// catalogCrumbs is the trail of the pages under the catalog, with more
// after it.
func catalogCrumbs(more ...Link) []Link {
	return append([]Link{{URL: HomeURL, Label: "Accueil"}, {URL: ProgrammesURL, Label: "Programmes"}}, more...)
}

// catalogTitle is the title of the catalog page and its feed.
const catalogTitle = "Programmes « Nation apprenante »"

func (b *catalogBuilder) addCatalogPage(intro *catalogIntro) {
	title, desc := catalogTitle, "Les émissions et les titres de presse labellisés « Nation apprenante » pendant la fermeture des écoles, par niveau, discipline, diffuseur et média."
	var body *Text
	var source diag.Pos
	if intro != nil {
		source = diag.Pos{File: catalog.IndexPath}
		if intro.Title != "" {
			title = intro.Title
		}
		if intro.Summary != "" {
			desc = intro.Summary
		}
		body = intro.Body
	}
	view := &CatalogView{Total: len(b.c.Programmes), IndexURL: ProgrammeIndexURL, Base: ProgrammesURL}
	facets := b.c.Facets()
	for _, k := range catalog.FacetKinds() {
		n := 0
		for _, f := range facets {
			if f.Kind == k.Slug {
				n++
			}
		}
		if n > 0 {
			view.Entries = append(view.Entries, FacetLink{URL: FacetsURL(k.Slug), Label: "Par " + k.Label, Count: n})
		}
	}
	if week, _, _ := b.gridOf(); len(week) > 0 {
		view.Entries = append(view.Entries, FacetLink{URL: ProgrammeGridURL, Label: "La grille des émissions de la semaine"})
	}
	var group *LevelOptionGroup
	for _, f := range facets {
		if f.Kind != catalog.KindLevels {
			continue
		}
		if cy, ok := vocab.CycleOf(f.Value); ok {
			view.Cycles = append(view.Cycles, FacetLink{URL: FacetURL(f.Kind, f.Value), Label: f.Label, Count: len(f.Programmes)})
			view.Options = append(view.Options, LevelOptionGroup{Label: cy.Label})
			group = &view.Options[len(view.Options)-1]
			group.Options = append(group.Options, LevelOption{Value: strings.Join(cy.Levels, " "), Label: "tout le " + cy.Label})
			continue
		}
		l, ok := vocab.LevelOf(f.Value)
		if !ok {
			continue // catalog.LevelUnstated: not a choice of the filter
		}
		if l.Cycle == "" && (group == nil || group.Label != "post-bac") {
			view.Options = append(view.Options, LevelOptionGroup{Label: "post-bac"})
			group = &view.Options[len(view.Options)-1]
		}
		group.Options = append(group.Options, LevelOption{Value: l.Slug, Label: l.Label})
	}
	first := &Page{
		URL:         ProgrammesURL,
		Layout:      "programmes",
		Title:       title,
		Description: desc,
		Section:     ProgrammesURL,
		Crumbs:      []Link{{URL: HomeURL, Label: "Accueil"}},
		Content:     body,
		Feeds:       []FeedLink{{Title: "Programmes labellisés", Dir: ProgrammesURL}},
		Scripts:     []string{"js/recherche.js"},
		Source:      source,
		Deps:        b.paths,
	}
	b.paged(first, b.c.Programmes, func(p *Page, ps []*ProgrammeView, pg *Pager) {
		v := *view
		v.Programmes, v.Pager = ps, pg
		p.Data = &v
	})
	b.addFeed(ProgrammesURL, catalogTitle, "Les derniers programmes labellisés « Nation apprenante », du plus récent label au plus ancien.", b.c.Programmes)
}

// paged adds first and the following pages of a list of programmes,
// ProgrammesPerPage a page; set gives each page its view. The following
// pages say their number in their title, have no text of their own and
// depend on the same files as the first (the split moves with any change
// to the list).
func (b *catalogBuilder) paged(first *Page, ps []*catalog.Programme, set func(p *Page, ps []*ProgrammeView, pg *Pager)) {
	pages := max(1, (len(ps)+ProgrammesPerPage-1)/ProgrammesPerPage)
	urlOf := func(n int) string { return ProgrammesPageURL(first.URL, n) }
	for n := 1; n <= pages; n++ {
		list := b.list(ps[min(len(ps), (n-1)*ProgrammesPerPage):min(len(ps), n*ProgrammesPerPage)])
		p := first
		var pg *Pager
		if pages > 1 {
			pg = pager(n, pages, urlOf)
		}
		if n > 1 {
			cp := *first
			p = &cp
			p.URL = urlOf(n)
			p.Title = fmt.Sprintf("%s (page %d)", first.Title, n)
			p.Crumbs = append(slices.Clip(first.Crumbs), Link{URL: first.URL, Label: first.Title})
			p.Content, p.Source, p.Feeds = nil, diag.Pos{}, nil
		}
		if pg != nil {
			p.HeadTitle = fmt.Sprintf("%s, page %d sur %d – %s", first.Title, n, pages, b.a.site.Config.Title)
		}
		set(p, list, pg)
		b.a.add(p)
	}
}

func (b *catalogBuilder) addProgrammes() {
	for _, p := range b.c.Programmes {
		v := b.views[p.Slug]
		b.a.add(&Page{
			URL:         v.URL,
			Layout:      "programme",
			Title:       p.Title,
			Description: p.Summary,
			Section:     ProgrammesURL,
			Crumbs:      catalogCrumbs(),
			Content:     v.Body,
			Data:        v,
			Source:      diag.Pos{File: p.Path},
			Deps:        b.deps([]*catalog.Programme{p}),
		})
		for _, al := range p.Aliases {
			b.a.site.Redirects = append(b.a.site.Redirects, Redirect{From: al, To: v.URL, Pos: p.Pos})
		}
		if hasCalendar(p) {
			b.a.site.Calendars = append(b.a.site.Calendars, b.calendar(p))
		}
	}
}

// view makes the view of one programme.
func (b *catalogBuilder) view(p *catalog.Programme) *ProgrammeView {
	voc := &b.c.Vocab
	v := &ProgrammeView{
		Slug:        p.Slug,
		URL:         ProgrammeURL(p.Slug),
		Title:       p.Title,
		Summary:     p.Summary,
		Channel:     p.Channel,
		Broadcaster: Link{URL: FacetURL(catalog.KindBroadcasters, p.Broadcaster), Label: b.c.BroadcasterLabel(p)},
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
		v.Media = append(v.Media, Link{URL: FacetURL(catalog.KindMedia, m), Label: b.c.MediaLabels(p)[i]})
	}
	subjects := b.c.SubjectLabels(p)
	for i, s := range p.Subjects {
		v.Subjects = append(v.Subjects, Link{URL: FacetURL(catalog.KindSubjects, s), Label: subjects[i]})
	}
	for _, l := range p.Levels {
		lv, _ := vocab.LevelOf(l)
		v.Levels = append(v.Levels, Link{URL: FacetURL(catalog.KindLevels, l), Label: lv.Label})
		if cy, ok := vocab.CycleOf(lv.Cycle); ok && !slices.ContainsFunc(v.Cycles, func(c Link) bool { return c.Label == cy.Label }) {
			v.Cycles = append(v.Cycles, Link{URL: FacetURL(catalog.KindLevels, cy.Slug), Label: cy.Label})
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
		line := daysPhrase(s.Days) + ", " + hoursPhrase(s.From, s.To)
		if len(s.Who) > 0 {
			line += " (" + whoPhrase(s.Who) + ")"
		}
		v.Schedule = append(v.Schedule, line)
	}
	if len(p.Schedule) > 0 {
		v.Period = frenchPeriod(p.ScheduleStart, p.ScheduleEnd)
		if hasCalendar(p) {
			v.Calendar = ProgrammeCalendarURL(p.Slug)
			v.Agenda = newAgenda([]*Subscription{b.a.site.subscription(&Calendar{URL: v.Calendar, Name: p.Title}, "")}, "", programmeRefresh)
		}
		if p.TimeZone != catalog.DefaultTimeZone {
			v.Zone = p.TimeZone
		}
	}
	v.Body = b.a.site.text(p.Path, p.Body, p.BodyLine, v.URL)
	return v
}

// addFacets adds the facet lists, the facet pages, the cycle × subject
// pages, and their feeds.
func (b *catalogBuilder) addFacets() {
	facets := b.c.Facets()
	combos := b.c.Combos()
	grids := b.gridCycles()
	for _, k := range catalog.FacetKinds() {
		view := &FacetsView{Kind: k.Slug}
		var group *FacetGroup
		for _, f := range facets {
			if f.Kind != k.Slug {
				continue
			}
			link := FacetLink{URL: FacetURL(f.Kind, f.Value), Label: f.Label, Count: len(f.Programmes)}
			switch {
			case k.Slug != catalog.KindLevels:
				if group == nil {
					view.Groups = append(view.Groups, FacetGroup{})
					group = &view.Groups[0]
				}
				group.Values = append(group.Values, link)
			case isCycle(f.Value):
				view.Groups = append(view.Groups, FacetGroup{Head: &link})
				group = &view.Groups[len(view.Groups)-1]
			case f.Value == catalog.LevelUnstated:
				view.Groups = append(view.Groups, FacetGroup{Title: "Niveau non précisé par les sources", Values: []FacetLink{link}})
				group = &view.Groups[len(view.Groups)-1]
			default:
				if lv, _ := vocab.LevelOf(f.Value); lv.Cycle == "" && (group == nil || group.Head != nil) {
					g, _ := vocab.GroupOf(lv.Group)
					view.Groups = append(view.Groups, FacetGroup{Title: g.Label})
					group = &view.Groups[len(view.Groups)-1]
				}
				group.Values = append(group.Values, link)
			}
		}
		if len(view.Groups) == 0 {
			continue
		}
		b.a.add(&Page{
			URL:         FacetsURL(k.Slug),
			Layout:      "facettes",
			Title:       "Programmes par " + k.Label,
			Description: "Les programmes « Nation apprenante » classés par " + k.Label + ", avec le nombre de programmes de chacun.",
			Section:     ProgrammesURL,
			Crumbs:      catalogCrumbs(),
			Data:        view,
			Deps:        b.paths,
		})
	}
	for _, f := range facets {
		url := FacetURL(f.Kind, f.Value)
		title := facetTitle(f)
		view := &FacetView{Kind: f.Kind, Count: len(f.Programmes)}
		crumbs := catalogCrumbs(Link{URL: FacetsURL(f.Kind), Label: kindLabel(f.Kind)})
		var up []*catalog.Programme // the programmes counted by the Up link
		if f.Kind == catalog.KindLevels {
			if isCycle(f.Value) {
				for _, g := range facets {
					if lv, ok := vocab.LevelOf(g.Value); ok && g.Kind == catalog.KindLevels && lv.Cycle == f.Value {
						view.Levels = append(view.Levels, FacetLink{URL: FacetURL(g.Kind, g.Value), Label: g.Label, Count: len(g.Programmes)})
					}
				}
				for _, co := range combos {
					if cy, _, _ := strings.Cut(co.Value, "/"); cy == f.Value {
						view.Combos = append(view.Combos, FacetLink{URL: FacetURL(co.Kind, co.Value), Label: co.Label, Count: len(co.Programmes)})
					}
				}
				if grids[f.Value] {
					view.Grid = ProgrammeGridLevelURL(f.Value)
				}
			} else if lv, _ := vocab.LevelOf(f.Value); lv.Cycle != "" {
				cy, _ := vocab.CycleOf(lv.Cycle)
				view.Up = b.cycleLink(facets, cy)
				up = cycleFacet(facets, cy)
			}
		}
		b.addFacetPage(url, title, f, view, crumbs, up)
	}
	for _, co := range combos {
		cySlug, _, _ := strings.Cut(co.Value, "/")
		cy, _ := vocab.CycleOf(cySlug)
		view := &FacetView{Kind: co.Kind, Count: len(co.Programmes), Up: b.cycleLink(facets, cy)}
		crumbs := catalogCrumbs(Link{URL: FacetsURL(co.Kind), Label: kindLabel(co.Kind)}, Link{URL: FacetURL(co.Kind, cy.Slug), Label: cy.Label})
		b.addFacetPage(FacetURL(co.Kind, co.Value), comboTitle(b.c, co), co, view, crumbs, cycleFacet(facets, cy))
	}
	b.addFacetRedirects(facets, combos)
}

// cycleFacet returns the programmes of the facet of cycle cy.
func cycleFacet(facets []catalog.Facet, cy vocab.Cycle) []*catalog.Programme {
	for _, f := range facets {
		if f.Kind == catalog.KindLevels && f.Value == cy.Slug {
			return f.Programmes
		}
	}
	return nil
}

func (b *catalogBuilder) cycleLink(facets []catalog.Facet, cy vocab.Cycle) *FacetLink {
	for _, f := range facets {
		if f.Kind == catalog.KindLevels && f.Value == cy.Slug {
			return &FacetLink{URL: FacetURL(f.Kind, f.Value), Label: f.Label, Count: len(f.Programmes)}
		}
	}
	return nil
}

// addFacetPage adds the page of facet f; up are the programmes counted by
// its link up to the cycle, which the page shows too (Deps).
func (b *catalogBuilder) addFacetPage(url, title string, f catalog.Facet, view *FacetView, crumbs []Link, up []*catalog.Programme) {
	desc := fmt.Sprintf("%s : %d %s « Nation apprenante », du plus récent au plus ancien.", title, len(f.Programmes), diag.Plural(len(f.Programmes), "programme", "programmes"))
	first := &Page{
		URL:         url,
		Layout:      "facette",
		Title:       title,
		Description: desc,
		Section:     ProgrammesURL,
		Crumbs:      crumbs,
		Feeds:       []FeedLink{{Title: title, Dir: url}},
		Deps:        b.deps(append(slices.Clip(f.Programmes), up...)),
	}
	b.paged(first, f.Programmes, func(p *Page, ps []*ProgrammeView, pg *Pager) {
		v := *view
		v.Programmes, v.Pager = ps, pg
		p.Data = &v
	})
	b.addFeed(url, title, desc, f.Programmes)
}

// addFeed adds the feed of a list of programmes: the newest first, by
// their date (catalog.Programme.Date); a programme no source dates is left
// out, as a feed item needs a date.
func (b *catalogBuilder) addFeed(dir, title, desc string, ps []*catalog.Programme) {
	if i := slices.IndexFunc(ps, func(p *catalog.Programme) bool { return p.Date().IsZero() }); i >= 0 {
		ps = ps[:i] // the catalog sorts the undated last
	}
	ps = ps[:min(len(ps), MaxFeedItems)]
	f := &Feed{Dir: dir, Title: title, Description: desc, Items: make([]*FeedItem, len(ps))}
	for i, p := range ps {
		v := b.views[p.Slug]
		tags := make([]string, 0, len(v.Subjects)+len(v.Levels))
		for _, s := range v.Subjects {
			tags = append(tags, s.Label)
		}
		for _, l := range v.Levels {
			tags = append(tags, l.Label)
		}
		author := v.Broadcaster.Label
		if v.Channel != "" && v.Channel != author {
			author += " (" + v.Channel + ")"
		}
		summary := p.Summary
		if summary == "" {
			summary = v.Meta
		}
		labelled := localDay(p.Date(), p.Location)
		f.Items[i] = &FeedItem{
			Title:     p.Title,
			URL:       v.URL,
			Summary:   summary,
			Content:   v.Body,
			Author:    author,
			Published: labelled,
			Updated:   labelled,
			Tags:      tags,
		}
		if labelled.After(f.Updated) {
			f.Updated = labelled
		}
	}
	b.a.site.Feeds = append(b.a.site.Feeds, f)
}

// localDay is the start of the civil date day (a date at midnight UTC, as
// the catalog decodes them) in the zone loc: the label of a programme of
// Paris dated 20 March is 2020-03-20T00:00:00+01:00 in its feeds, not
// midnight UTC (01:00 in Paris). Without a zone (a programme not
// decoded) the date stays as it is.
func localDay(day time.Time, loc *time.Location) time.Time {
	if day.IsZero() || loc == nil {
		return day
	}
	y, m, d := day.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// gridCycles returns the cycles that have a narrowed grid: those with at
// least one broadcast.
func (b *catalogBuilder) gridCycles() map[string]bool {
	_, _, cycles := b.gridOf()
	return cycles
}

// GridLinesPerPage is the number of broadcasts a page of the grid shows;
// the following pages are <grid>page/<n>/, in the order of the day.
const GridLinesPerPage = 100

// addGrid adds the weekly broadcast grid and its narrowed views, each
// paginated.
func (b *catalogBuilder) addGrid() {
	week, lines, have := b.gridOf()
	if len(week) == 0 {
		return
	}
	filters := []GridFilter{{URL: ProgrammeGridURL, Label: "tous les niveaux"}}
	for _, cy := range vocab.Cycles() {
		if have[cy.Slug] {
			filters = append(filters, GridFilter{URL: ProgrammeGridLevelURL(cy.Slug), Label: cy.Label})
		}
	}
	deps := b.paths // a schedule added to any programme changes the grid
	type gridPage struct {
		url, title, level string
		levels            []string
	}
	pages := []gridPage{{ProgrammeGridURL, "Grille des émissions", "", nil}}
	for _, cy := range vocab.Cycles() {
		if have[cy.Slug] {
			pages = append(pages, gridPage{ProgrammeGridLevelURL(cy.Slug), "Grille des émissions : " + cy.Label, cy.Label, cy.Levels})
		}
	}
	for _, pg := range pages {
		var shown []GridLine
		for i, e := range week {
			if pg.levels == nil || intersects(e.Levels, pg.levels) {
				shown = append(shown, lines[i])
			}
		}
		crumbs := catalogCrumbs()
		if pg.level != "" {
			crumbs = catalogCrumbs(Link{URL: ProgrammeGridURL, Label: "Grille des émissions"})
		}
		desc := "Les émissions « Nation apprenante » à horaire fixe, une ligne par émission avec ses jours et ses heures."
		if pg.level != "" {
			desc = "Les émissions « Nation apprenante » à horaire fixe pour le " + pg.level + ", une ligne par émission avec ses jours et ses heures."
		}
		n := max(1, (len(shown)+GridLinesPerPage-1)/GridLinesPerPage)
		urlOf := func(k int) string { return ProgrammesPageURL(pg.url, k) }
		for k := 1; k <= n; k++ {
			view := &GridView{Level: pg.level, Filters: slices.Clone(filters), Catalog: ProgrammesURL, Count: len(shown)}
			for i := range view.Filters {
				view.Filters[i].Current = view.Filters[i].URL == pg.url
			}
			view.Lines = shown[min(len(shown), (k-1)*GridLinesPerPage):min(len(shown), k*GridLinesPerPage)]
			p := &Page{
				URL:         urlOf(k),
				Layout:      "grille",
				Title:       pg.title,
				Description: desc,
				Section:     ProgrammesURL,
				Crumbs:      crumbs,
				Data:        view,
				Scripts:     []string{"js/grille.js"},
				Deps:        deps,
			}
			if n > 1 {
				view.Pager = pager(k, n, urlOf)
				p.HeadTitle = fmt.Sprintf("%s, page %d sur %d – %s", pg.title, k, n, b.a.site.Config.Title)
			}
			if k > 1 {
				p.Title = fmt.Sprintf("%s (page %d)", pg.title, k)
				p.Crumbs = append(slices.Clip(crumbs), Link{URL: pg.url, Label: pg.title})
			}
			b.a.add(p)
		}
	}
}

// onAir says when a programme broadcasts, if not in the week of the build:
// "jusqu’au 3 juillet 2020" once it has ended, "à partir du 6 avril 2020"
// before it starts, "" while it is on.
func (b *catalogBuilder) onAir(p *catalog.Programme) string {
	b.a.clock.Zone(p.Location)
	y, m, d := b.a.opts.Now.In(p.Location).Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	switch {
	case !p.ScheduleEnd.IsZero() && p.ScheduleEnd.Before(today):
		return "jusqu’au " + vocab.FrenchDate(p.ScheduleEnd)
	case !p.ScheduleStart.IsZero() && p.ScheduleStart.After(today.AddDate(0, 0, 6)):
		return "à partir du " + vocab.FrenchDate(p.ScheduleStart)
	}
	return ""
}

// calendar makes the iCalendar file of a programme's broadcasts: one
// weekly event per slot.
func (b *catalogBuilder) calendar(p *catalog.Programme) *Calendar {
	v := b.views[p.Slug]
	cal := &Calendar{URL: ProgrammeCalendarURL(p.Slug), Name: p.Title, TZID: p.TimeZone}
	host := b.a.host()
	start := p.ScheduleStart
	where := v.Channel
	if where == "" {
		where = v.Broadcaster.Label
	}
	for i, s := range p.Schedule {
		summary := p.Title
		if len(s.Who) > 0 {
			summary += " (" + whoPhrase(s.Who) + ")"
		}
		desc := where
		if p.Summary != "" {
			desc += " – " + p.Summary
		}
		cal.Events = append(cal.Events, &Event{
			UID:         fmt.Sprintf("programme-%s-%d@%s", p.Slug, i+1, host),
			Summary:     summary,
			Description: desc,
			URL:         b.a.site.Abs(v.URL),
			First:       firstOn(start, s.Days),
			Until:       p.ScheduleEnd,
			Days:        s.Days,
			From:        int(s.From),
			To:          int(s.To),
		})
	}
	return cal
}

// collateKeyOf folds s as the catalog compares words.
func collateKeyOf(s string) string { return catalog.SearchKey(s) }

// daysShort says days of the week in short for the grid's lines:
// "tous les jours", "lun.–ven.", "mar.", "lun., jeu., ven.".
func daysShort(days []time.Weekday) string {
	short := func(w vocab.Weekday) string { return w.Slug + "." }
	return vocab.SayDays(days, "tous les jours",
		func(first, last vocab.Weekday) string { return short(first) + "–" + short(last) },
		short, func(words []string) string { return strings.Join(words, ", ") })
}

// hasCalendar reports whether a programme has a calendar file: it needs
// slots and a stated first day, from which its events repeat.
func hasCalendar(p *catalog.Programme) bool {
	return len(p.Schedule) > 0 && !p.ScheduleStart.IsZero()
}

// firstOn returns the first date from d on that falls on one of days.
func firstOn(d time.Time, days []time.Weekday) time.Time {
	for i := range 7 {
		if t := d.AddDate(0, 0, i); slices.Contains(days, t.Weekday()) {
			return t
		}
	}
	return d
}

func isCycle(slug string) bool { _, ok := vocab.CycleOf(slug); return ok }

func intersects(a, b []string) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}

// kindLabel is the crumb of a facet list: "Niveaux".
func kindLabel(kind string) string {
	for _, k := range catalog.FacetKinds() {
		if k.Slug == kind {
			return vocab.Capitalize(k.Plural)
		}
	}
	return kind
}

// mediaTitles are the titles of the media pages; the media are fixed.
var mediaTitles = map[string]string{
	"tv":      "Programmes à la télévision",
	"radio":   "Programmes à la radio",
	"presse":  "Titres de presse",
	"web":     "Programmes sur le web",
	"podcast": "Programmes en podcast",
}

// facetTitle is the title of a facet page, in French.
func facetTitle(f catalog.Facet) string {
	switch f.Kind {
	case catalog.KindLevels:
		if f.Value == catalog.LevelUnstated {
			return "Programmes dont les sources ne précisent pas le niveau"
		}
		if isCycle(f.Value) {
			return "Programmes pour le " + f.Label
		}
		return "Programmes pour les élèves de " + f.Label
	case catalog.KindSubjects, catalog.KindBroadcasters:
		return "Programmes " + de(f.Label)
	case catalog.KindMedia:
		if t, ok := mediaTitles[f.Value]; ok {
			return t
		}
		return "Programmes : " + f.Label
	}
	return f.Label
}

// comboTitle is the title of a cycle × subject page: "Programmes de
// mathématiques pour le cycle 3".
func comboTitle(c *catalog.Catalog, f catalog.Facet) string {
	cy, subject, _ := strings.Cut(f.Value, "/")
	label := subject
	if t, ok := c.Vocab.Subject(subject); ok {
		label = t.Label
	}
	cl := cy
	if x, ok := vocab.CycleOf(cy); ok {
		cl = x.Label
	}
	return "Programmes " + de(label) + " pour le " + cl
}

// de puts "de" before a noun, elided before a vowel: "d’anglais".
func de(s string) string {
	if s == "" {
		return "de"
	}
	first := strings.ToLower(strings.SplitN(s, "", 2)[0])
	if strings.Contains("aàâeéèêiîoôuûhy", first) {
		return "d’" + s
	}
	return "de " + s
}

// levelsInShort says a list of levels in few words: a whole group or cycle
// by its name ("collège", "cycle 3"), other levels by theirs: "CP, CE1",
// "CM2, collège".
func levelsInShort(levels []string) string {
	set := map[string]bool{}
	for _, l := range levels {
		set[l] = true
	}
	all := func(ls []string) bool {
		for _, l := range ls {
			if !set[l] {
				return false
			}
		}
		return true
	}
	var out []string
	done := map[string]bool{}
	for _, l := range vocab.Levels() {
		if !set[l.Slug] || done[l.Slug] {
			continue
		}
		if g, ok := vocab.GroupOf(l.Group); ok && g.Levels[0] == l.Slug && all(g.Levels) {
			out = append(out, g.Label)
			for _, x := range g.Levels {
				done[x] = true
			}
			continue
		}
		if c, ok := vocab.CycleOf(l.Cycle); ok && c.Levels[0] == l.Slug && all(c.Levels) {
			out = append(out, c.Label)
			for _, x := range c.Levels {
				done[x] = true
			}
			continue
		}
		out = append(out, l.Label)
		done[l.Slug] = true
	}
	return strings.Join(out, ", ")
}

// statusPhrase says a programme's catalog.Programme.Status in French.
func statusPhrase(status string) string {
	switch status {
	case catalog.StatusLabel:
		return "labellisé « Nation apprenante » d’après nos sources"
	case catalog.StatusOperation:
		return "fait partie de l’opération « Nation apprenante » d’après nos sources"
	case catalog.StatusGrid:
		return "dans la grille de France 4 pendant l’opération « Nation apprenante » ; label non précisé"
	}
	return "non précisé"
}

// frenchPeriod says the bounds of the broadcasts: "du 23 mars au 3 juillet
// 2020", "à partir du 23 mars 2020", "jusqu’au 3 juillet 2020", or "".
func frenchPeriod(start, end time.Time) string {
	switch {
	case start.IsZero() && end.IsZero():
		return ""
	case end.IsZero():
		return "à partir du " + vocab.FrenchDate(start)
	case start.IsZero():
		return "jusqu’au " + vocab.FrenchDate(end)
	}
	first := vocab.FrenchDate(start)
	if start.Year() == end.Year() {
		first = strings.TrimSuffix(first, fmt.Sprintf(" %d", start.Year()))
	}
	return "du " + first + " au " + vocab.FrenchDate(end)
}
