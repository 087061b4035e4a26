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
	"time"

	"github.com/relais-ecoles/relais/internal/directive"
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
	go func() { done <- timetable.Build(in) }()
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
	for _, p := range v.Pages {
		a.add(blocks.page(p))
	}
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
}

func (a *assembler) timetableDirectives() *timetableBlocks {
	return &timetableBlocks{a: a, byAcademy: map[string][]*DirectiveView{}, byLevel: map[string]*directive.LevelMemo{}}
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
	switch v := p.Data.(type) {
	case *timetable.RegionView:
		iss := v.Region.Issuer()
		l := x.block(&q, x.a.directivesFor([]territory.Issuer{iss, territory.National()}, ""), maxIssuerPageDirectives, iss, "la "+v.Region.Label())
		q.Data = &RegionPage{RegionView: v, Directives: l, Changed: x.changed(v.RulesChanged(), l)}
	case *timetable.AcademyView:
		iss := v.Academy.Issuer()
		l := x.block(&q, x.academy(v.Academy.Slug), maxIssuerPageDirectives, iss, "l’"+v.Academy.Label())
		q.Data = &AcademyPage{AcademyView: v, Directives: l, Changed: x.changed(v.RulesChanged(), l)}
	case *timetable.LevelView:
		iss := v.Academy.Issuer()
		l := x.block(&q, x.level(v.Academy.Slug, v.Level.Slug), maxLevelPageDirectives, iss, "l’"+v.Academy.Label())
		q.Data = &LevelPage{LevelView: v, Directives: l, Changed: x.changed(v.RulesChanged(), l)}
		q.Manifest = LevelManifestURL(v.Academy.Slug, v.Level.Slug)
	default:
		return p
	}
	q.Banners, q.Deps = x.a.withBanners(q.URL, x.a.bannersAt(q.URL), slices.Clip(q.Deps))
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
