package directive

import (
	"maps"
	"reflect"
	"slices"
	"sync"
	"time"

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/territory"
	"github.com/relais-ecoles/relais/internal/view"
)

// Cache keeps what the views of the directives are made of from one
// assembly to the next, for as long as it is the same, so that an edit to
// one of the 10,000 directives of a site does not make the others' views,
// pages and lists again (the dev server's; a one-shot build has none, and
// every method of a nil *Cache makes what it is asked anew):
//
//   - for each decoded directive, what its page and feed entries take from
//     it alone (derived), its View while its issuer's name and _index.md,
//     its status and its signer are the same, and its page while its view
//     and its banners are — an unchanged directive's view is the same
//     pointer from one assembly to the next;
//   - the pages of the lists (listMemo), a page kept while it shows the
//     same views; the feeds (feedMemo); an académie's directives by level
//     (LevelMemo); what a directive block shows of a view (Shown); an
//     académie's directives.csv (keptCSV);
//   - the checks over every directive (Checks) and the published
//     directives (publishedMemo).
//
// What it keeps is shared between assemblies and never changed: a view,
// page or feed is complete when it is made. Pass the same cache to every
// assembly of a site and call End at the end of each. A Cache is safe for
// concurrent use.
type Cache struct {
	mu      sync.Mutex
	derived map[*Directive]*derived

	// checks are the checks over every directive, kept from one load to
	// the next, and published the last assembly's Published; checksMu
	// is held while a load uses them.
	checksMu  sync.Mutex
	checks    Checks
	published publishedMemo

	// lists and feeds are the lists of directives (by the URL of their
	// first page) and their feeds (by folder) of the last assembly, and
	// nextLists and nextFeeds those of the assembly in progress (End
	// moves them).
	lists, nextLists map[string]*listMemo
	feeds, nextFeeds map[string]*feedMemo

	// levels are the lists of directives of each académie by level
	// (ByLevel), and shown what directive blocks show of each view
	// (Shown), of the last assembly and of the one in progress.
	levels, nextLevels map[string]*LevelMemo
	shown, nextShown   map[*View]string
	// csvs are the académies' directives.csv (keptCSV), by URL.
	csvs, nextCSVs map[string]*csvMemo
}

// csvMemo is an académie's directives.csv and what it was made of: the
// views of its rows and the site's address.
type csvMemo struct {
	base  string
	views []*View
	file  *view.DataFile
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{
		derived:   map[*Directive]*derived{},
		nextLists: map[string]*listMemo{}, nextFeeds: map[string]*feedMemo{},
		nextLevels: map[string]*LevelMemo{}, nextShown: map[*View]string{},
		nextCSVs: map[string]*csvMemo{},
	}
}

// End ends an assembly: what it did not use is dropped, and with it what
// was derived from directives that live (the directives still decoded)
// does not hold.
func (c *Cache) End(live func(*Directive) bool) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.lists, c.nextLists = c.nextLists, map[string]*listMemo{}
	c.feeds, c.nextFeeds = c.nextFeeds, map[string]*feedMemo{}
	c.levels, c.nextLevels = c.nextLevels, map[string]*LevelMemo{}
	c.shown, c.nextShown = c.nextShown, map[*View]string{}
	c.csvs, c.nextCSVs = c.nextCSVs, map[string]*csvMemo{}
	maps.DeleteFunc(c.derived, func(d *Directive, _ *derived) bool { return !live(d) })
}

// Load loads the directives of t (LoadWith), with the checks over every
// directive kept in c from one load to the next (LoadChecked).
func (c *Cache) Load(t *load.Tree, zone func(territory.Issuer) (*time.Location, error), decode FileDecoder) ([]*Directive, diag.List) {
	if c == nil {
		return LoadWith(t, zone, decode)
	}
	c.checksMu.Lock()
	defer c.checksMu.Unlock()
	return LoadChecked(t, zone, decode, &c.checks)
}

// listMemo is a paginated list of directives (listPages) kept from one
// assembly to the next: what its pages are made from besides their
// directives — the template of its pages and of their view, the length of
// a page, the site's title — and for each page its directives and the
// page made from them. A page is kept when the list has as many pages and
// the same template, and the page the same directives: the same *View,
// which the cache keeps while what it shows is the same.
type listMemo struct {
	tmpl  *view.Page
	view  ListView // Directives and Pager left out
	per   int
	title string
	lists [][]*View
	made  []*view.Page

	old *listMemo // the last assembly's, when its template is this one's
}

// keptList returns the memo of the list whose first page is at first,
// for listPages: nil without the cache, which its methods take.
func (c *Cache) keptList(first string, tmpl *view.Page, lv ListView, per, pages int, title string) *listMemo {
	if c == nil {
		return nil
	}
	lv.Directives, lv.Pager = nil, nil
	m := &listMemo{tmpl: tmpl, view: lv, per: per, title: title, lists: make([][]*View, pages), made: make([]*view.Page, pages)}
	c.mu.Lock()
	old := c.lists[first]
	c.nextLists[first] = m
	c.mu.Unlock()
	if old != nil && len(old.made) == pages && old.per == per && old.title == m.title && reflect.DeepEqual(old.tmpl, tmpl) && reflect.DeepEqual(old.view, lv) {
		m.old = old
	}
	return m
}

// page returns the page n (from 1) of the list kept from the last assembly
// when it has the directives list, or nil.
func (m *listMemo) page(n int, list []*View) *view.Page {
	if m == nil || m.old == nil || m.old.made[n-1] == nil || !slices.Equal(m.old.lists[n-1], list) {
		return nil
	}
	m.keep(n, list, m.old.made[n-1])
	return m.old.made[n-1]
}

// keep records the page n of the list, made of list.
func (m *listMemo) keep(n int, list []*View, p *view.Page) {
	if m == nil {
		return
	}
	m.lists[n-1], m.made[n-1] = list, p
}

// feedMemo is a feed of directives (Feed) kept from one assembly to the
// next, and what it was made from: its title and description, the site's
// host (in the ids of its entries) and the views of its directives.
type feedMemo struct {
	title, description, host string
	views                    []*View
	feed                     *view.Feed
}

// keptFeed returns the feed at dir of the last assembly when it was made
// from the same title, description, host and views of ds, or nil.
func (c *Cache) keptFeed(s *Set, dir, title, description string, ds []*Directive) *view.Feed {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	old := c.feeds[dir]
	c.mu.Unlock()
	if old == nil || old.title != title || old.description != description || old.host != s.in.Host || len(old.views) != len(ds) {
		return nil
	}
	for i, d := range ds {
		if old.views[i] != s.views[d] {
			return nil
		}
	}
	c.mu.Lock()
	c.nextFeeds[dir] = old
	c.mu.Unlock()
	return old.feed
}

// keepFeed records the feed f, made of ds, for the next assembly.
func (c *Cache) keepFeed(s *Set, f *view.Feed, ds []*Directive) {
	if c == nil {
		return
	}
	m := &feedMemo{title: f.Title, description: f.Description, host: s.in.Host, views: s.ViewsOf(ds), feed: f}
	c.mu.Lock()
	c.nextFeeds[f.Dir] = m
	c.mu.Unlock()
}

// LevelMemo is the list of an académie's directives by level: its index
// (LevelIndex) and what ForLevel gave for each level.
type LevelMemo struct {
	list []*View
	idx  *LevelIndex
	mu   sync.Mutex
	of   map[string][]*View
}

// ForLevel returns the directives of the list that concern the pupils of
// level and their parents (ForLevel), made once per level. The result is
// shared: nothing may change it.
func (m *LevelMemo) ForLevel(level string) []*View {
	m.mu.Lock()
	defer m.mu.Unlock()
	ds, ok := m.of[level]
	if !ok {
		ds = slices.Clip(m.idx.ForLevel(level))
		m.of[level] = ds
	}
	return ds
}

// ByLevel returns the index by level of list, the directives of the
// académie slug: with the cache, the last assembly's when its list was
// the same views.
func (s *Set) ByLevel(slug string, list []*View) *LevelMemo {
	c := s.in.Cache
	if c != nil {
		c.mu.Lock()
		old := c.levels[slug]
		c.mu.Unlock()
		if old != nil && slices.Equal(old.list, list) {
			c.mu.Lock()
			c.nextLevels[slug] = old
			c.mu.Unlock()
			return old
		}
	}
	m := &LevelMemo{list: list, idx: NewLevelIndex(list), of: map[string][]*View{}}
	if c != nil {
		c.mu.Lock()
		c.nextLevels[slug] = m
		c.mu.Unlock()
	}
	return m
}

// Shown returns the Deps entries of directives in a "directive-list"
// (layouts/partials/directives.html): all that the list shows of each (the
// issuer's name comes from a site-wide file). With the cache, the entry of
// a view is made once for as long as the view is kept.
func (s *Set) Shown(ds []*View) []string {
	c := s.in.Cache
	if c == nil {
		return Shown(ds)
	}
	out := make([]string, len(ds))
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, v := range ds {
		sh, ok := c.shown[v]
		if !ok {
			sh, ok = c.nextShown[v]
		}
		if !ok {
			sh = Shown(ds[i : i+1])[0]
		}
		c.nextShown[v] = sh
		out[i] = sh
	}
	return out
}

// view returns the view of d, which is a function of d, of its issuer's
// name and _index.md, of its status at Now and of who signs its text: with
// the cache, the view made at the last assembly when these are the same.
// Its text is registered again; the site's link pass renders it again only
// if its HTML changes, and then in place: a Text shared with the last
// assembly is read by no one but the assembly in progress.
func (s *Set) view(d *Directive) *View {
	x := s.in.Cache.derivedOf(d, s.in.URLs)
	name, path := s.in.Issuer(d.Issuer)
	st := d.Status(s.in.Options.Now)
	signer := s.in.Signer(d)
	c := s.in.Cache
	if c == nil {
		return s.newView(d, x, name, path, st, signer)
	}
	c.mu.Lock()
	m := x.view
	c.mu.Unlock()
	if m != nil && m.name == name && m.path == path && m.status == st && m.signer == signer {
		s.in.Texts(m.view.Body)
		return m.view
	}
	v := s.newView(d, x, name, path, st, signer)
	c.mu.Lock()
	x.view = &viewMemo{name: name, path: path, status: st, signer: signer, view: v}
	c.mu.Unlock()
	return v
}

// page returns newPage(v, banners), made once for a view kept by the cache
// while banners are the same. The page is shared with the next
// assemblies: nothing changes it.
func (s *Set) page(v *View, banners []view.Banner) *view.Page {
	c := s.in.Cache
	if c == nil || v.derived == nil {
		return s.newPage(v, banners)
	}
	c.mu.Lock()
	m := v.derived.view
	var p *view.Page
	if m != nil && m.view == v && slices.Equal(m.banners, banners) {
		p = m.page
	}
	c.mu.Unlock()
	if p != nil {
		return p
	}
	p = s.newPage(v, banners)
	c.mu.Lock()
	if m != nil && m.view == v {
		m.page, m.banners = p, banners
	}
	c.mu.Unlock()
	return p
}

// pageView returns newPageView(v), made once per decoded directive when
// the cache is set: its French texts and dates cost more than the rest of
// an assembly's directive pages. newPageView is a function of the fields
// of v but its Body (the HTML of a text is not known during assembly), so
// the view made from a View equal to v in every other field is v's but for
// the pointer to v; any other v gets a view of its own. The views are
// shared: nothing may change them.
func (s *Set) pageView(v *View) *PageView {
	x := v.derived
	archive := s.in.URLs.Archive()
	if s.in.Cache == nil || x == nil {
		return newPageView(v, archive)
	}
	x.page.once.Do(func() {
		x.page.from = *v
		x.page.from.Body = nil
		x.page.view = newPageView(v, archive)
	})
	from := *v
	from.Body = nil
	if from != x.page.from {
		return newPageView(v, archive)
	}
	pv := *x.page.view
	pv.Directive = v
	return &pv
}

// derivedOf returns what is derived from d alone, through c. The values
// are shared: nothing may change them.
func (c *Cache) derivedOf(d *Directive, urls URLs) *derived {
	if c == nil {
		return derive(d, urls)
	}
	c.mu.Lock()
	x := c.derived[d]
	c.mu.Unlock()
	if x == nil {
		x = derive(d, urls)
		c.mu.Lock()
		c.derived[d] = x
		c.mu.Unlock()
	}
	return x
}

// publishedMemo is the outcome of Published at the last assembly and
// what it was of.
type publishedMemo struct {
	ds   []*Directive
	opts Options
	out  []*Directive
}

// maxPublishedChanges is how many directives may differ from the last
// assembly's for publishedOf to amend its outcome rather than sort again.
const maxPublishedChanges = 16

// publishedOf returns Published(ds, opts). With the cache, when ds holds the
// directives of the last assembly but a few (an edit gives one file a new
// *Directive), it amends the last outcome: the old ones out, the new ones
// that Published keeps in at their place in its order (Compare, a total
// order, so that the outcome is the one sorting would give).
func (c *Cache) publishedOf(ds []*Directive, opts Options) []*Directive {
	if c == nil {
		return Published(ds, opts)
	}
	c.checksMu.Lock()
	defer c.checksMu.Unlock()
	m := &c.published
	var out []*Directive
	if m.out != nil && len(m.ds) == len(ds) && m.opts.Now.Equal(opts.Now) && m.opts.Now.Location() == opts.Now.Location() && m.opts.Drafts == opts.Drafts && m.opts.Future == opts.Future {
		var gone, come []*Directive
		for i, d := range ds {
			if d != m.ds[i] {
				gone, come = append(gone, m.ds[i]), append(come, d)
				if len(gone) > maxPublishedChanges {
					break
				}
			}
		}
		if len(gone) <= maxPublishedChanges {
			out = slices.DeleteFunc(slices.Clone(m.out), func(d *Directive) bool { return slices.Contains(gone, d) })
			for _, d := range Published(come, opts) {
				i, _ := slices.BinarySearchFunc(out, d, Compare)
				out = slices.Insert(out, i, d)
			}
		}
	}
	if out == nil {
		out = Published(ds, opts)
	}
	*m = publishedMemo{ds: ds, opts: opts, out: out}
	return slices.Clip(out)
}
