package site

// timetables.go: the timetables' pages, calendars and data files are made
// by internal/timetable (timetable.Build), on another processor while the
// rest of the site is assembled; site gives it the site's URLs and the
// directive pages its timetables name, and makes the page of each région,
// académie and level once, from the timetable's view and the directives
// that concern it.

import (
	"net/url"
	"slices"
	"sync"
	"time"

	"github.com/relais-ecoles/relais/internal/directive"
	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/territory"
	"github.com/relais-ecoles/relais/internal/timetable"
)

// The timetables' views are timetable's; these names are site's for the
// code that reads a *Site.
type (
	RegionEntry   = timetable.RegionEntry
	AcademyEntry  = timetable.AcademyEntry
	AcademyStatus = timetable.AcademyStatus
)

// RegionPage is the view of a région's page: its timetables, and the
// current directives of the région and the ministry.
type RegionPage struct {
	*timetable.RegionView
	Directives *DirectiveList
	// Changed says when the rules the page shows last changed (changed.go).
	Changed string
}

// AcademyPage is the view of an académie's page: its timetables, and the
// current directives of the académie, its région and the ministry.
type AcademyPage struct {
	*timetable.AcademyView
	Directives *DirectiveList
	Changed    string
}

// LevelPage is the view of a level's page in an académie: what its
// timetables ask, and the current directives for its pupils and parents.
type LevelPage struct {
	*timetable.LevelView
	Directives *DirectiveList
	Changed    string
}

// startTimetables starts timetable.Build on another processor. Build
// waits for the directive pages, which the assembler sends on pages once
// its directives are decoded (directivePages), before it makes its views;
// the returned function waits for the views.
func (a *assembler) startTimetables(pages <-chan timetable.DirectivePages) func() *timetable.Views {
	in := timetable.Input{
		Tree:       a.tree,
		Territory:  a.terr,
		Now:        a.opts.Now,
		Clock:      a.clock.Fork(),
		URLs:       timetableURLs{base: a.site.Config.BaseURL},
		Host:       a.host(),
		SiteTitle:  a.site.Config.Title,
		Directives: func() timetable.DirectivePages { return <-pages },
	}
	done := make(chan *timetable.Views, 1)
	go func() { done <- a.opts.Decoded.timetables().build(a.tree, in) }()
	return func() *timetable.Views {
		v := <-done
		a.clock.Join(in.Clock)
		return v
	}
}

// directivePages are the pages of the published directives
// (timetable.DirectivePages), asked of the directives decoded, which do
// not change once loadDirectives has made them.
type directivePages struct{ set *directiveSet }

func (p directivePages) Page(path string) (string, string, bool) {
	if p.set == nil {
		return "", "", false
	}
	v := p.set.ViewOfFile(path)
	if v == nil {
		return "", "", false
	}
	return v.URL, v.Title, true
}

// addTimetables adds what timetable.Build made, the pages of régions,
// académies and levels with their directives (timetableDirectives).
func (a *assembler) addTimetables(v *timetable.Views) {
	blocks := a.timetableDirectives()
	m := a.opts.Decoded.timetables()
	blocks.kept = m.keptPages()
	for _, p := range v.Pages {
		a.add(blocks.page(p))
	}
	m.keepPages(blocks.made)
	a.site.Calendars = append(a.site.Calendars, v.Calendars...)
	a.site.Data = append(a.site.Data, v.Data...)
	a.site.Texts = append(a.site.Texts, v.Texts...)
	a.errs.Append(v.Errs)
	a.checkAnnouncements(v.Timetables)
}

// timetableBlocks makes the directive blocks of the pages of régions,
// académies and levels, with the feed of their issuer and a visible link
// to subscribe: a région's page lists its own and the ministry's, an
// académie's page its own, its région's and the ministry's, a level page
// those of these that concern the level's pupils and parents
// (directivesFor).
type timetableBlocks struct {
	a         *assembler
	byAcademy map[string][]*DirectiveView // the académie's list, for its level pages
	// byLevel is the académie's list by level, made in one pass over it
	// rather than one for each of its level pages.
	byLevel map[string]*directive.LevelMemo
	// kept are the pages made at the last assembly, by the page of
	// timetable.Build they were made from (nil without a cache), and made
	// this assembly's.
	kept, made map[*Page]*blockPage
}

// blockPage is a page of a région, an académie or a level as the site
// shows it, and what it was made of besides the page of timetable.Build:
// the directives its block shows, the count of the others and the banners
// of its address. The page is shared with the next assemblies, which
// never change it.
type blockPage struct {
	shown   []*DirectiveView
	more    int
	banners []Banner
	page    *Page
}

func (a *assembler) timetableDirectives() *timetableBlocks {
	return &timetableBlocks{a: a, byAcademy: map[string][]*DirectiveView{}, byLevel: map[string]*directive.LevelMemo{}, made: map[*Page]*blockPage{}}
}

// keptPages returns the pages of régions, académies and levels made at the
// last assembly (timetableBlocks.kept); nil without a memo.
func (m *timetableMemo) keptPages() map[*Page]*blockPage {
	if m == nil {
		return nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.pages
}

// keepPages keeps the pages an assembly made, for the next.
func (m *timetableMemo) keepPages(made map[*Page]*blockPage) {
	if m == nil {
		return
	}
	m.mu.Lock()
	m.pages = made
	m.mu.Unlock()
}

func (x *timetableBlocks) academy(slug string) []*DirectiveView {
	ds, ok := x.byAcademy[slug]
	if !ok {
		ds = x.a.directivesFor(x.a.terr.IssuersOf(slug), "")
		x.byAcademy[slug] = ds
	}
	return ds
}

func (x *timetableBlocks) level(slug, level string) []*DirectiveView {
	m := x.byLevel[slug]
	if m == nil {
		m = x.a.dirs.ByLevel(slug, x.academy(slug))
		x.byLevel[slug] = m
	}
	return m.ForLevel(level)
}

// page returns the page p of timetable.Build as the site shows it: a page
// of a région, an académie or a level with its directives and banners (and
// a level's with its web app manifest, manifest.go), the others as they
// are.
func (x *timetableBlocks) page(p *Page) *Page {
	q := *p
	var l *DirectiveList
	switch v := p.Data.(type) {
	case *timetable.RegionView:
		iss := v.Region.Issuer()
		l = x.block(&q, x.a.directivesFor([]territory.Issuer{iss, territory.National()}, ""), maxIssuerPageDirectives, iss, "la "+v.Region.Label())
		q.Data = &RegionPage{RegionView: v, Directives: l, Changed: x.changed(v.RulesChanged(), l)}
	case *timetable.AcademyView:
		iss := v.Academy.Issuer()
		l = x.block(&q, x.academy(v.Academy.Slug), maxIssuerPageDirectives, iss, "l’"+v.Academy.Label())
		q.Data = &AcademyPage{AcademyView: v, Directives: l, Changed: x.changed(v.RulesChanged(), l)}
	case *timetable.LevelView:
		iss := v.Academy.Issuer()
		l = x.block(&q, x.level(v.Academy.Slug, v.Level.Slug), maxLevelPageDirectives, iss, "l’"+v.Academy.Label())
		q.Data = &LevelPage{LevelView: v, Directives: l, Changed: x.changed(v.RulesChanged(), l)}
		q.Manifest = LevelManifestURL(v.Academy.Slug, v.Level.Slug)
	default:
		return p
	}
	// The page is a function of p, of what its block shows and of its
	// banners: the last assembly's when these are the same.
	made := &blockPage{banners: x.a.bannersAt(q.URL)}
	if l != nil {
		made.shown, made.more = l.Directives, l.More
	}
	if k := x.kept[p]; k != nil && k.more == made.more && slices.Equal(k.shown, made.shown) && slices.Equal(k.banners, made.banners) {
		x.made[p] = k
		return k.page
	}
	q.Banners, q.Deps = x.a.withBanners(q.URL, made.banners, slices.Clip(q.Deps))
	made.page = &q
	x.made[p] = made
	return &q
}

// changed is the line that says when the rules of a page last changed,
// "" on a site assembled without directives.
func (x *timetableBlocks) changed(rules time.Time, l *DirectiveList) string {
	if l == nil {
		return ""
	}
	return changedLine(rules, l.Directives)
}

// block is the directive block of page q: the first limit of ds, and the
// issuer's feed and the Deps of what the block shows added to q; nil on a
// site assembled without directives.
func (x *timetableBlocks) block(q *Page, ds []*DirectiveView, limit int, iss territory.Issuer, name string) *DirectiveList {
	if x.a.dirs == nil {
		return nil
	}
	l, feeds, deps := x.a.dirs.NewBlock(ds, limit, iss, name, slices.Clip(q.Feeds), slices.Clip(q.Deps))
	q.Feeds, q.Deps = feeds, deps
	return l
}

// checkAnnouncements holds every directive that says which timetables it
// sets to them, both ways (timetable.CheckDirectives): drafts and future
// directives too, so that relais check finds the mistake before they are
// published.
func (a *assembler) checkAnnouncements(tts []*timetable.Timetable) {
	if a.dirs == nil {
		return
	}
	var ans []timetable.Announcement
	for _, d := range a.dirs.All {
		an := timetable.Announcement{Issuer: d.Issuer, Slug: d.Slug, Said: d.TimetablesSaid, FieldPos: d.TimetablesPos}
		for _, n := range d.Timetables {
			an.Names = append(an.Names, timetable.Name{Title: n.Name, Pos: n.Pos})
		}
		ans = append(ans, an)
	}
	a.errs.Append(timetable.CheckDirectives(tts, ans))
}

// host is the host of the base URL, for the UIDs of calendar events.
func (a *assembler) host() string {
	u, err := url.Parse(a.site.Config.BaseURL)
	if err != nil || u.Host == "" {
		return "relais"
	}
	return u.Host
}

// timetableMemo is what timetable.Build made at the last assembly and
// what it was made of, so that an edit elsewhere than in the territory
// and the timetables (a directive's text, a programme, a guide) takes the
// timetables' views as they were — the same pointers, which the pages'
// fingerprints know — rather than decode and build them again:
//
//   - the files Build reads besides directives (timetableFiles), the same
//     *load.File while a file does not change (load.Reload);
//   - the directive files its timetables name (Views.Read), as found in
//     the tree, and what the directive pages answered (Page);
//   - the inputs but the tree, the territory (decoded from those files),
//     the clock and the directive pages; and the URLs' base;
//   - what Build recorded of the clock.
//
// The views are shared with the next assemblies, which never change them.
type timetableMemo struct {
	mu    sync.Mutex
	files []*load.File
	read  []*load.File // of views.Read
	asked map[string]pageAnswer
	key   timetableKey
	views *timetable.Views
	clock *clockUse
	// pages are the pages made of the views at the last assembly
	// (timetableBlocks.page).
	pages map[*Page]*blockPage
}

// timetableKey is what Build is made of besides files and directive pages.
type timetableKey struct {
	now              time.Time
	loc              *time.Location
	base, host, name string
}

// pageAnswer is what DirectivePages.Page answered for a file.
type pageAnswer struct {
	url, title string
	ok         bool
}

// askedPages are the directive pages of an assembly, with what Build asked
// of them.
type askedPages struct {
	timetable.DirectivePages
	mu    sync.Mutex
	asked map[string]pageAnswer
}

func (p *askedPages) Page(path string) (string, string, bool) {
	u, t, ok := p.DirectivePages.Page(path)
	p.mu.Lock()
	p.asked[path] = pageAnswer{u, t, ok}
	p.mu.Unlock()
	return u, t, ok
}

// timetableFiles are the files timetable.Build reads but directives: the
// files under the issuers' folders outside their directives folders (the
// territory's _index.md, the timetables), and the départements.
func timetableFiles(tree *load.Tree) []*load.File {
	var out []*load.File
	for _, dir := range []string{"content/national", "content/regions", "content/collectivites", "content/academies"} {
		for _, f := range tree.Under(dir) {
			if !directive.InDirectives(f.Path) {
				out = append(out, f)
			}
		}
	}
	return append(out, tree.Get(territory.DepartementsPath))
}

// build returns timetable.Build(in) for tree, in.Tree: without a memo,
// built; with one, the last assembly's views when what they are made of
// is the same, what they recorded of the clock added to in.Clock.
func (m *timetableMemo) build(tree *load.Tree, in timetable.Input) *timetable.Views {
	if m == nil {
		return timetable.Build(in)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	files := timetableFiles(tree)
	key := timetableKey{now: in.Now, loc: in.Now.Location(), base: in.URLs.Abs("/"), host: in.Host, name: in.SiteTitle}
	var pages timetable.DirectivePages
	if m.views != nil && m.key.now.Equal(key.now) && m.key.loc == key.loc && m.key.base == key.base && m.key.host == key.host && m.key.name == key.name && slices.Equal(m.files, files) && m.sameRead(tree) {
		if in.Directives != nil {
			pages = in.Directives()
		}
		if m.sameAnswers(pages) {
			in.Clock.Join(m.clock)
			return m.views
		}
	}
	asked := &askedPages{asked: map[string]pageAnswer{}}
	if in.Directives != nil {
		ask := in.Directives
		in.Directives = func() timetable.DirectivePages {
			if pages == nil {
				pages = ask()
			}
			asked.DirectivePages = pages
			return asked
		}
	}
	// The clock of in is the fork site joins; what this Build records is
	// kept apart for the next assembly.
	clock := in.Clock
	in.Clock = clock.Fork()
	v := timetable.Build(in)
	clock.Join(in.Clock)
	m.files, m.key, m.views, m.clock, m.asked = files, key, v, in.Clock, asked.asked
	m.read = make([]*load.File, len(v.Read))
	for i, p := range v.Read {
		m.read[i] = tree.Get(p)
	}
	return v
}

// sameRead reports whether the directive files the last views read are in
// tree as they were.
func (m *timetableMemo) sameRead(tree *load.Tree) bool {
	for i, p := range m.views.Read {
		if tree.Get(p) != m.read[i] {
			return false
		}
	}
	return true
}

// sameAnswers reports whether pages answers what the last views asked as
// they were answered; nil pages are those of a site without directives.
func (m *timetableMemo) sameAnswers(pages timetable.DirectivePages) bool {
	for path, was := range m.asked {
		var now pageAnswer
		if pages != nil {
			now.url, now.title, now.ok = pages.Page(path)
		}
		if now != was {
			return false
		}
	}
	return true
}
