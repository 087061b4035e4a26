package pipeline

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/tdewolff/minify/v2"

	"github.com/relais-ecoles/relais/internal/asset"
	"github.com/relais-ecoles/relais/internal/config"
	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/markdown"
	"github.com/relais-ecoles/relais/internal/order"
	"github.com/relais-ecoles/relais/internal/render"
	"github.com/relais-ecoles/relais/internal/site"
	"github.com/relais-ecoles/relais/internal/textcache"
	"github.com/relais-ecoles/relais/internal/view"
)

// Incremental is a build kept in memory and brought up to date, for the dev
// server: it gives the outputs Render gives for the files as they are now,
// byte for byte, while doing only the work an edit calls for.
//
//   - Only the files a watcher names are read again (load.Reload); the
//     others keep their *load.File and the front matter parsed from it.
//   - site.Assemble runs whole, with a site.DecodeCache, which keeps the
//     decoded directives, guides and programmes of the files that did not
//     change; the directives' views, pages, list pages, feeds, blocks and
//     tables, the guides' views and pages, the timetables' views and the
//     pages of régions, académies and levels, and the catalog's views,
//     while what they are made of is the same (so that the pages the
//     assembler did not make again are the same pointers, which the
//     fingerprints below know); and with a textcache.Cache: a Markdown
//     text is rendered again only when its source, or where one of its
//     links leads, changed.
//   - A page is rendered again when it is new, when its fingerprint (what
//     its layout can show of it, and the HTML of the texts it shows:
//     pageHasher) differs from the last good build's, and every page is
//     when a site-wide file changed (SiteWide) or what every page shows
//     (the site settings, the menu, the footer) differs. The other pages
//     keep the bytes of the last good build. No page constructor lists
//     what a page depends on: Page.Deps only narrow which of the texts a
//     page holds it shows.
//   - A feed, data file or calendar is rendered again when its view
//     differs from the last good build's, by value (viewHasher), or when
//     what every page shows changed; a feed the assembler kept as it was
//     (or an académie's directives.csv) is taken by identity. Their views
//     are plain data, and rendering the feeds of a site is too costly to
//     do at every edit (measured: 40% of a rebuild of the shipped site);
//     the contents of feed entries are kept between renders
//     (render.FeedCache). The sitemap is kept while the pages it lists
//     are the same; robots.txt and the rules for hosts are made again
//     every time.
//
// When an update fails (content, layout or render errors) the last good
// build stays the reference: the files that changed are remembered until
// an update succeeds. An Incremental is not safe for concurrent use.
type Incremental struct {
	opts  Options // opts.Site.Texts is the cache below; opts.Site.Decoded is set
	md    *markdown.Renderer
	min   *minify.M
	texts *textcache.Cache
	vh    *viewHasher
	ph    *pageHasher
	sums  []pageSum         // the fingerprints of the pages of the update in progress
	order order.Kept        // how the last outputs were sorted
	feeds *render.FeedCache // the contents of the feed entries last rendered

	tree     *load.Tree
	loadErrs diag.List // problems of files that could not be read, by file

	// set and tmpl are the assets and layouts of tree; nil when a file of
	// layouts/ or assets/ changed since they were made.
	set  *asset.Set
	tmpl *render.Templates

	good    *goodBuild
	dirty   map[string]bool // files changed since the last good build
	lastErr error           // the error of the last update, if it failed

	// first and ready are the arguments of UpdateFirst, for its call.
	first map[string]bool
	ready func(map[string][]byte)
}

// goodBuild is what the last successful update left.
type goodBuild struct {
	res     *Result
	pages   []pageOut          // in the order of res.Site.Pages: by URL
	views   map[string]viewOut // feeds, data files, calendars, by kind and URL
	sitemap sitemapOut
}

// sitemapOut is the sitemap files of a build and what they were made
// from: what render.Sitemap reads of the site, the base URL and, for each
// page, its URL, whether it is indexed and its date.
type sitemapOut struct {
	base  string
	pages []sitemapPage
	outs  []render.Output
}

type sitemapPage struct {
	url     string
	noIndex bool
	lastmod time.Time
}

// same reports whether the sitemap of s is this one.
func (m *sitemapOut) same(s *site.Site) bool {
	if m.outs == nil || m.base != s.Config.BaseURL || len(m.pages) != len(s.Pages) {
		return false
	}
	for i, p := range s.Pages {
		q := m.pages[i]
		if q.url != p.URL || q.noIndex != p.NoIndex || !sameDay(q.lastmod, p.Lastmod) {
			return false
		}
	}
	return true
}

// sameDay reports whether two times give the same civil date: the same
// instant at the same offset from UTC (or both zero).
func sameDay(a, b time.Time) bool {
	if a.IsZero() || b.IsZero() {
		return a.IsZero() == b.IsZero()
	}
	_, oa := a.Zone()
	_, ob := b.Zone()
	return a.Equal(b) && oa == ob
}

// viewOut is the files rendered from a feed, data file or calendar, the
// fingerprint of the view they were rendered from, and the view itself.
type viewOut struct {
	sum  uint64
	view any
	outs []render.Output
}

// pageOut is a rendered page and its fingerprint.
type pageOut struct {
	url string
	sum pageSum
	out render.Output
}

// Stats say how much an update did.
type Stats struct {
	Files    []string // files whose bytes changed (added, edited, removed), sorted
	Rendered int      // pages rendered
	Reused   int      // pages kept from the last good build
	All      bool     // every page was rendered (first build, or a site-wide change)
	// Views and ViewsKept count the feeds, data files and calendars, and
	// those kept from the last good build.
	Views, ViewsKept int
}

// NewIncremental returns an incremental build of opts.Source; Build makes
// the first build. opts.Dest is not used: nothing is written.
func NewIncremental(opts Options) *Incremental {
	vh := newViewHasher()
	b := &Incremental{
		opts:  opts,
		md:    markdown.New(),
		min:   asset.NewMinifier(),
		texts: textcache.New(),
		vh:    vh,
		ph:    newPageHasher(vh.seed),
		feeds: render.NewFeedCache(),
		dirty: map[string]bool{},
	}
	b.opts.Site.Texts = b.texts
	b.opts.Site.Decoded = site.NewDecodeCache()
	return b
}

// SiteWide reports whether a site file is one that every page may show, so
// that a change to it renders every page again: layouts, assets, the site
// settings, the programme vocabulary and the files of the territory (names
// of régions and académies appear in menus, breadcrumbs and lists all over
// the site). This is the one list of them.
func SiteWide(p string) bool {
	switch {
	case strings.HasPrefix(p, "layouts/"), strings.HasPrefix(p, "assets/"):
		return true
	case p == config.Path, p == "content/programmes/_vocabulary.yaml":
		return true
	}
	for _, dir := range []string{"content/regions/", "content/academies/", "content/collectivites/"} {
		if rest, ok := strings.CutPrefix(p, dir); ok {
			if _, name, ok := strings.Cut(rest, "/"); ok && name == "_index.md" {
				return true
			}
		}
	}
	return false
}

// Build reads every file of the site and builds it whole.
func (b *Incremental) Build() (*Result, Stats, error) {
	start := time.Now()
	tree, errs := load.Site(b.opts.Source)
	b.loadErrs = errs
	var st Stats
	old := b.tree
	if old == nil {
		old = &load.Tree{}
	}
	st.Files = changedFiles(old, tree)
	b.tree = tree
	b.set, b.tmpl = nil, nil
	b.good = nil
	return b.run(start, st)
}

// Update reads again the given paths of the site (files or folders,
// slash-separated and relative to the site folder, as a watcher reports
// them, existing or gone) and brings the build up to date. When none of
// their bytes changed, it returns the previous outcome without work.
func (b *Incremental) Update(paths []string) (*Result, Stats, error) {
	if b.tree == nil {
		return b.Build()
	}
	start := time.Now()
	tree, errs := load.Reload(b.opts.Source, b.tree, paths)
	b.loadErrs = slices.DeleteFunc(b.loadErrs, func(e *diag.Error) bool { return reloaded(e.Pos.File, paths) })
	b.loadErrs = append(b.loadErrs, errs...)
	st := Stats{Files: changedFiles(b.tree, tree)}
	b.tree = tree
	if len(st.Files) == 0 && len(errs) == 0 {
		if b.lastErr != nil {
			return nil, st, b.lastErr
		}
		if b.good != nil {
			return b.good.res, st, nil
		}
	}
	return b.run(start, st)
}

// UpdateFirst is Update, but renders first the pages at the URLs in first
// (the pages open in a browser) and calls ready with their files (output
// path to bytes) before it renders the rest of the site, so that a dev
// server can reload those pages at once. ready is called at most once, and
// not when the update fails before pages are rendered, when none of first
// needs rendering, or when one of them fails to render. The outcome is
// Update's.
func (b *Incremental) UpdateFirst(paths, first []string, ready func(map[string][]byte)) (*Result, Stats, error) {
	b.first = map[string]bool{}
	for _, u := range first {
		b.first[u] = true
	}
	b.ready = ready
	defer func() { b.first, b.ready = nil, nil }()
	return b.Update(paths)
}

// reloaded reports whether file is one of paths or under one of them.
func reloaded(file string, paths []string) bool {
	for _, p := range paths {
		if file == p || strings.HasPrefix(file, strings.TrimSuffix(p, "/")+"/") {
			return true
		}
	}
	return false
}

// changedFiles returns the paths whose bytes differ between two trees.
func changedFiles(old, cur *load.Tree) []string {
	var out []string
	i, j := 0, 0
	for i < len(old.Files) || j < len(cur.Files) {
		switch {
		case j == len(cur.Files) || i < len(old.Files) && old.Files[i].Path < cur.Files[j].Path:
			out = append(out, old.Files[i].Path)
			i++
		case i == len(old.Files) || cur.Files[j].Path < old.Files[i].Path:
			out = append(out, cur.Files[j].Path)
			j++
		default:
			if o, c := old.Files[i], cur.Files[j]; o != c && !bytes.Equal(o.Data, c.Data) {
				out = append(out, c.Path)
			}
			i++
			j++
		}
	}
	return out
}

// run brings the outputs up to date with b.tree; st.Files have changed.
func (b *Incremental) run(start time.Time, st Stats) (*Result, Stats, error) {
	for _, p := range st.Files {
		b.dirty[p] = true
		if strings.HasPrefix(p, "layouts/") || strings.HasPrefix(p, "assets/") {
			b.set, b.tmpl = nil, nil
		}
	}
	res, err := renderTree(b.opts, b.tree, slices.Clone(b.loadErrs), start, b, &st)
	b.lastErr = err
	return res, st, err
}

// keep makes the outcome of a successful update the last good build.
func (b *Incremental) keep(res *Result, s *site.Site, pages []render.Output, m *memo) {
	good := &goodBuild{res: res, pages: make([]pageOut, len(s.Pages)), views: m.views, sitemap: m.sitemap}
	for i, p := range s.Pages {
		good.pages[i] = pageOut{url: p.URL, sum: b.sums[i], out: pages[i]}
	}
	b.good = good
	clear(b.dirty)
}

// memo is the render.Memo of one update: render.Finish takes from it the
// files of the last good build's feeds, data files and calendars whose view
// did not change, and its sitemap when the pages it lists did not; it
// gathers this update's, for the next. TestIncrementalMatchesFullBuild
// holds the outcome to a full build's.
type memo struct {
	b  *Incremental
	st *Stats
	// reuse is set when the last good build had the same frame: views do
	// not use layouts or assets, only their values and the frame.
	reuse   bool
	sums    map[string]uint64 // the fingerprints of the views to render
	views   map[string]viewOut
	sitemap sitemapOut
}

func (b *Incremental) memo(s *site.Site, st *Stats) *memo {
	return &memo{
		b: b, st: st,
		reuse: b.good != nil && sameFrame(b.good.res.Site, s),
		sums:  map[string]uint64{},
		views: map[string]viewOut{},
	}
}

const sitemapKey = "sitemap"

// Kept implements render.Memo.
func (m *memo) Kept(key string, v any) ([]render.Output, bool) {
	b := m.b
	if key == sitemapKey {
		if b.good != nil && b.good.sitemap.same(v.(*site.Site)) {
			m.sitemap = b.good.sitemap
			return m.sitemap.outs, true
		}
		return nil, false
	}
	m.st.Views++
	dirty := func(file string) bool { return b.dirty[file] }
	if m.reuse {
		// The same feed or table as the last build's (site keeps the
		// feeds and tables of directives that did not change, and
		// never changes one once made), none of whose texts is dirty,
		// has its files.
		if old, hit := b.good.views[key]; hit && old.view == v && !feedTouched(v, dirty) {
			m.views[key] = old
			m.st.ViewsKept++
			return old.outs, true
		}
	}
	sum, ok, touched := b.vh.sum(v, dirty)
	if ok && m.reuse && !touched {
		if old, hit := b.good.views[key]; hit && old.sum == sum {
			old.view = v
			m.views[key] = old
			m.st.ViewsKept++
			return old.outs, true
		}
	}
	if ok {
		m.sums[key] = sum
	}
	return nil, false
}

// Made implements render.Memo.
func (m *memo) Made(key string, v any, files []render.Output) {
	if key == sitemapKey {
		s := v.(*site.Site)
		m.sitemap = sitemapOut{base: s.Config.BaseURL, pages: make([]sitemapPage, len(s.Pages)), outs: files}
		for i, p := range s.Pages {
			m.sitemap.pages[i] = sitemapPage{url: p.URL, noIndex: p.NoIndex, lastmod: p.Lastmod}
		}
		return
	}
	if sum, ok := m.sums[key]; ok { // a view without a fingerprint is never kept
		m.views[key] = viewOut{sum: sum, view: v, outs: files}
	}
}

// feedTouched reports whether v is a feed that shows a text whose file is
// dirty; it is false for a table (a data file of a view.CSV, strings
// only: an académie's directives.csv, which site keeps as it was while its
// rows are the same) and true for any other view, which must be compared
// by value.
func feedTouched(v any, dirty func(string) bool) bool {
	if d, ok := v.(*view.DataFile); ok {
		_, table := d.Value.(view.CSV)
		return !table
	}
	f, ok := v.(*view.Feed)
	if !ok {
		return true
	}
	for _, it := range f.Items {
		if it.Content != nil && dirty(it.Content.Path) {
			return true
		}
	}
	return false
}

// sortOutputs returns outs sorted by path, in the order kept from the last
// update when the same paths were made in the same order.
func (b *Incremental) sortOutputs(outs []render.Output) []render.Output {
	return order.Sort(&b.order, outs, func(o render.Output) string { return o.Path })
}

// markTexts marks dirty the files whose Markdown gave other HTML.
func (b *Incremental) markTexts() {
	for _, p := range b.texts.Changed() {
		b.dirty[p] = true
	}
}

// pages renders the pages of s that need it and takes the others from the
// last good build, in the order of s.Pages.
func (b *Incremental) pages(s *site.Site, st *Stats) ([]render.Output, error) {
	all := b.good == nil || !sameFrame(b.good.res.Site, s)
	for p := range b.dirty {
		if SiteWide(p) {
			all = true
			break
		}
	}
	st.All = all
	out := make([]render.Output, len(s.Pages))
	var old []pageOut
	if !all {
		old = b.good.pages
	}
	byURL := func(o pageOut, u string) int { return strings.Compare(o.url, u) }
	b.ph.next()
	b.sums = make([]pageSum, len(s.Pages))
	// stale fingerprints page i and reports whether it must be rendered;
	// when not, it takes the last good build's bytes.
	stale := func(i int) bool {
		p := s.Pages[i]
		sum := b.ph.sum(p)
		b.sums[i] = sum
		if k, ok := slices.BinarySearchFunc(old, p.URL, byURL); ok && sum.ok && old[k].sum == sum {
			out[i] = old[k].out
			return false
		}
		return true
	}

	// The open pages first, fingerprinted and rendered before the others.
	var errs diag.List
	var early []int
	seen := make([]bool, len(s.Pages))
	if b.ready != nil {
		for u := range b.first {
			if i, ok := slices.BinarySearchFunc(s.Pages, u, func(p *view.Page, u string) int { return strings.Compare(p.URL, u) }); ok {
				seen[i] = true
				if stale(i) {
					early = append(early, i)
				}
			}
		}
		slices.Sort(early)
		if len(early) > 0 {
			errs = render.PagesAt(s, early, b.tmpl, out)
			if len(errs) == 0 {
				files := make(map[string][]byte, len(early))
				for _, i := range early {
					files[out[i].Path] = out[i].Data
				}
				b.ready(files)
			}
		}
	}
	var late []int
	for i := range s.Pages {
		if !seen[i] && stale(i) {
			late = append(late, i)
		}
	}
	st.Rendered = len(early) + len(late)
	st.Reused = len(s.Pages) - st.Rendered
	errs = append(errs, render.PagesAt(s, late, b.tmpl, out)...)
	if len(errs) > 0 {
		return nil, errs.Sort()
	}
	return out, nil
}

// sameFrame reports whether two sites have the same frame: what every page
// shows besides its own views (the settings, the menu, the footer, the
// clock).
func sameFrame(a, b *site.Site) bool {
	return a.Now.Equal(b.Now) &&
		reflect.DeepEqual(a.Config, b.Config) &&
		slices.Equal(a.Nav, b.Nav) &&
		slices.Equal(a.Footer, b.Footer)
}
