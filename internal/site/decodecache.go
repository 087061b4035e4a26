package site

import (
	"maps"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/directive"
	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/territory"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// DecodeCache keeps what the files of a site decode to from one assembly
// to the next, so that the dev server does not decode again the 10,000
// directives of a site when one of them is edited. Set it in
// Options.Decoded and pass the same cache to every assembly of a site; a
// one-shot build leaves it nil.
//
// An entry is keyed by the file's *load.File, which load.Reload keeps for
// the files that did not change (a file read again is a new *load.File),
// and by whatever else its decoding depends on (the issuer's time zone for
// a directive). The decoded values are shared between assemblies: the
// assembler never changes them. The entries an assembly does not use are
// dropped at its end, and with them the files they hold.
//
// It keeps too what the assembly makes of the directives, for as long as
// what it is made of is the same, so that an edit to one directive does
// not make the 10,000 others' pages and lists again:
//
//   - for each decoded directive, what its page and feed entries take from
//     it alone (directiveDerived), its view (DirectiveView) while its
//     issuer's name and _index.md and its status are the same, and its page
//     while its view is kept — an unchanged directive's view is the same
//     pointer from one assembly to the next;
//   - the pages of the directive lists (listMemo), a page kept while it
//     shows the same views; the directive feeds (feedMemo); an académie's
//     directives by level (levelMemo); what a directive block shows of a
//     view (directiveShown);
//   - the checks over every directive (directive.Checks), the published
//     directives (publishedMemo), the sorted order of the pages
//     (pageOrder).
//
// What it keeps is shared between assemblies and never changed, but for a
// kept text whose HTML changes (rendered again in place by the link pass)
// and what only the assembly in progress reads. A page that gets banners
// is copied first (addDirectiveBanners).
//
// A DecodeCache is safe for concurrent use.
type DecodeCache struct {
	mu      sync.Mutex
	entries map[decodeKey]decodeEntry
	used    map[decodeKey]bool
	derived map[*directive.Directive]*directiveDerived

	// checks are the checks over every directive, kept from one load to
	// the next; checksMu is held while a load uses them.
	checksMu sync.Mutex
	checks   directive.Checks

	// lists and feeds are the lists of directives (by the URL of their
	// first page) and their feeds (by folder) of the last assembly, and
	// nextLists and nextFeeds those of the assembly in progress (end
	// moves them).
	lists, nextLists map[string]*listMemo
	feeds, nextFeeds map[string]*feedMemo

	// levels are the lists of directives of each académie by level
	// (levelIndexOf), and shown what directive blocks show of each view
	// (directiveShown), of the last assembly and of the one in progress.
	levels, nextLevels map[string]*levelMemo
	shown, nextShown   map[*DirectiveView]string

	// published is the last assembly's directive.Published; held with
	// checksMu.
	published publishedMemo

	// order is how the pages of the last assembly were sorted;
	// orderMu is held while an assembly sorts its pages.
	orderMu sync.Mutex
	order   pageOrder
}

// listMemo is a paginated list of directives (addListPages) kept from
// one assembly to the next: what its pages are made from besides their
// directives — the template of its pages and of their view, the length of
// a page, the site's title — and for each page its directives and the
// page made from them. A page is kept when the list has as many pages and
// the same template, and the page the same directives: the same
// *DirectiveView, which directiveView keeps while what it shows is the same.
type listMemo struct {
	tmpl  *Page
	view  DirectivesView // Directives and Pager left out
	per   int
	title string
	lists [][]*DirectiveView
	made  []*Page

	old *listMemo // the last assembly's, when its template is this one's
	c   *DecodeCache
}

// keptList returns the memo of the list whose first page is at first,
// for addListPages: nil without the decode cache, which its methods take.
func (a *assembler) keptList(first string, tmpl *Page, view DirectivesView, per, pages int) *listMemo {
	c := a.opts.Decoded
	if c == nil {
		return nil
	}
	view.Directives, view.Pager = nil, nil
	m := &listMemo{tmpl: tmpl, view: view, per: per, title: a.site.Config.Title, lists: make([][]*DirectiveView, pages), made: make([]*Page, pages), c: c}
	c.mu.Lock()
	old := c.lists[first]
	c.nextLists[first] = m
	c.mu.Unlock()
	if old != nil && len(old.made) == pages && old.per == per && old.title == m.title && reflect.DeepEqual(old.tmpl, tmpl) && reflect.DeepEqual(old.view, view) {
		m.old = old
	}
	return m
}

// page returns the page n (from 1) of the list kept from the last assembly
// when it has the directives list, or nil.
func (m *listMemo) page(n int, list []*DirectiveView) *Page {
	if m == nil || m.old == nil || m.old.made[n-1] == nil || !slices.Equal(m.old.lists[n-1], list) {
		return nil
	}
	m.keep(n, list, m.old.made[n-1])
	return m.old.made[n-1]
}

// keep records the page n of the list, made of list.
func (m *listMemo) keep(n int, list []*DirectiveView, p *Page) {
	if m == nil {
		return
	}
	m.lists[n-1], m.made[n-1] = list, p
}

// feedMemo is a feed of directives (addDirectiveFeed) kept from one
// assembly to the next, and what it was made from: its title and
// description, the site's host (in the ids of its entries) and the views
// of its directives.
type feedMemo struct {
	title, description, host string
	views                    []*DirectiveView
	feed                     *Feed
}

// keptFeed returns the feed at dir of the last assembly when it was made
// from the same title, description, host and views of ds, or nil.
func (a *assembler) keptFeed(dir, title, description string, ds []*directive.Directive) *Feed {
	c := a.opts.Decoded
	if c == nil {
		return nil
	}
	c.mu.Lock()
	old := c.feeds[dir]
	c.mu.Unlock()
	if old == nil || old.title != title || old.description != description || old.host != a.dirs.host || len(old.views) != len(ds) {
		return nil
	}
	for i, d := range ds {
		if old.views[i] != a.dirs.views[d] {
			return nil
		}
	}
	c.mu.Lock()
	c.nextFeeds[dir] = old
	c.mu.Unlock()
	return old.feed
}

// keepFeed records the feed f, made of ds, for the next assembly.
func (a *assembler) keepFeed(f *Feed, ds []*directive.Directive) {
	c := a.opts.Decoded
	if c == nil {
		return
	}
	m := &feedMemo{title: f.Title, description: f.Description, host: a.dirs.host, views: make([]*DirectiveView, len(ds)), feed: f}
	for i, d := range ds {
		m.views[i] = a.dirs.views[d]
	}
	c.mu.Lock()
	c.nextFeeds[f.Dir] = m
	c.mu.Unlock()
}

// levelMemo is the list of an académie's directives by level: its index
// (levelIndex) and what forLevel gave for each level.
type levelMemo struct {
	list []*DirectiveView
	idx  *levelIndex
	mu   sync.Mutex
	of   map[string][]*DirectiveView
}

// forLevel returns m.idx.forLevel(level), made once per level. The result
// is shared: nothing may change it.
func (m *levelMemo) forLevel(level string) []*DirectiveView {
	m.mu.Lock()
	defer m.mu.Unlock()
	ds, ok := m.of[level]
	if !ok {
		ds = slices.Clip(m.idx.forLevel(level))
		m.of[level] = ds
	}
	return ds
}

// levelIndexOf returns the index by level of list, the directives of the
// académie slug: with the decode cache, the last assembly's when its list
// was the same views.
func (a *assembler) levelIndexOf(slug string, list []*DirectiveView) *levelMemo {
	c := a.opts.Decoded
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
	m := &levelMemo{list: list, idx: newLevelIndex(list), of: map[string][]*DirectiveView{}}
	if c != nil {
		c.mu.Lock()
		c.nextLevels[slug] = m
		c.mu.Unlock()
	}
	return m
}

// directiveShown returns directiveShown(ds): with the decode cache, the
// entry of a view is made once for as long as the view is kept.
func (a *assembler) directiveShown(ds []*DirectiveView) []string {
	c := a.opts.Decoded
	if c == nil {
		return directiveShown(ds)
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
			sh = directiveShown(ds[i : i+1])[0]
		}
		c.nextShown[v] = sh
		out[i] = sh
	}
	return out
}

// pageOrder is how checkURLs sorted the pages of an assembly: their URLs
// in the order the pages were added, and for each place of the sorted list
// the index of its page in that order. The same URLs added in the same
// order sort the same way, so the next assembly can take the order as it
// is rather than sort 10,000 pages again.
type pageOrder struct {
	urls []string
	perm []int
}

// sortPages sorts pages by URL, keeping the order of pages at one URL, as
// slices.SortStableFunc does, through the cache when it is set.
func (c *DecodeCache) sortPages(pages []*Page) []*Page {
	if c == nil {
		slices.SortStableFunc(pages, func(x, y *Page) int { return strings.Compare(x.URL, y.URL) })
		return pages
	}
	c.orderMu.Lock()
	defer c.orderMu.Unlock()
	o := &c.order
	same := len(o.urls) == len(pages)
	for i := 0; same && i < len(pages); i++ {
		same = pages[i].URL == o.urls[i]
	}
	if !same {
		o.urls = make([]string, len(pages))
		o.perm = make([]int, len(pages))
		for i, p := range pages {
			o.urls[i] = p.URL
			o.perm[i] = i
		}
		slices.SortStableFunc(o.perm, func(i, j int) int { return strings.Compare(o.urls[i], o.urls[j]) })
	}
	sorted := make([]*Page, len(pages))
	for k, i := range o.perm {
		sorted[k] = pages[i]
	}
	return sorted
}

// NewDecodeCache returns an empty cache.
func NewDecodeCache() *DecodeCache {
	return &DecodeCache{
		entries: map[decodeKey]decodeEntry{}, used: map[decodeKey]bool{}, derived: map[*directive.Directive]*directiveDerived{},
		nextLists: map[string]*listMemo{}, nextFeeds: map[string]*feedMemo{},
		nextLevels: map[string]*levelMemo{}, nextShown: map[*DirectiveView]string{},
	}
}

// Len returns the number of cached files.
func (c *DecodeCache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}

type decodeKey struct {
	kind string // "directive", "guide"
	file *load.File
	// extra is what else the decoding depends on, such as the name of a
	// directive's time zone.
	extra string
}

type decodeEntry struct {
	value any
	errs  diag.List
}

// cachedDecode returns what decode gives for the file of key, through c
// when it is set.
func cachedDecode[T any](c *DecodeCache, key decodeKey, decode func() (T, diag.List)) (T, diag.List) {
	if c == nil {
		return decode()
	}
	c.mu.Lock()
	e, ok := c.entries[key]
	c.used[key] = true
	c.mu.Unlock()
	if ok {
		return e.value.(T), slices.Clone(e.errs)
	}
	v, errs := decode()
	c.mu.Lock()
	c.entries[key] = decodeEntry{value: v, errs: slices.Clone(errs)}
	c.mu.Unlock()
	return v, errs
}

// end drops the entries the assembly that ends did not use, and what was
// derived from directives no entry holds any more.
func (c *DecodeCache) end() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	maps.DeleteFunc(c.entries, func(k decodeKey, _ decodeEntry) bool { return !c.used[k] })
	clear(c.used)
	c.lists, c.nextLists = c.nextLists, map[string]*listMemo{}
	c.feeds, c.nextFeeds = c.nextFeeds, map[string]*feedMemo{}
	c.levels, c.nextLevels = c.nextLevels, map[string]*levelMemo{}
	c.shown, c.nextShown = c.nextShown, map[*DirectiveView]string{}
	if len(c.derived) > 0 {
		live := make(map[*directive.Directive]bool, len(c.entries))
		for _, e := range c.entries {
			if d, ok := e.value.(*directive.Directive); ok {
				live[d] = true
			}
		}
		maps.DeleteFunc(c.derived, func(d *directive.Directive, _ *directiveDerived) bool { return !live[d] })
	}
}

// directiveDerived is what the page and the feed entries of a directive
// take from the directive alone, made once per decoded directive.
type directiveDerived struct {
	url       string   // DirectiveURL
	issuerURL string   // IssuerDirectivesURL
	audiences []string // French labels of its audiences
	levels    []string // French labels of its levels
	tags      []string // audiences then levels: the categories of its feed entries

	// view is the directive's view and page, made once per issuer name,
	// issuer path and status (directiveView, directivePageOf); read and
	// written with the cache's lock held.
	view *directiveMemo

	// page is the view of the directive's page, made once (pageView).
	page struct {
		once sync.Once
		from DirectiveView // the view it was made from, Body left out
		view *DirectivePageView
	}
}

func deriveDirective(d *directive.Directive) *directiveDerived {
	x := &directiveDerived{url: DirectiveURL(d.Issuer, d.Slug), issuerURL: IssuerDirectivesURL(d.Issuer)}
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

// directiveMemo is a DirectiveView kept from one assembly to the next,
// what it was made from besides its directive, and the directive's page.
type directiveMemo struct {
	name, path string // the issuer's name and _index.md
	status     directive.Status
	signer     string // who signs the text: signerOf
	view       *DirectiveView
	page       *Page // nil until made
}

// directiveView returns the view of d, which is a function of d, of its
// issuer's name and _index.md, of its status at Options.Now and of who
// signs its text (signerOf): with the
// decode cache, the view made at the last assembly when these are the
// same. Its text is registered again; the link pass renders it again only
// if its HTML changes, and then in place: a Text shared with the last
// assembly is read by no one but the assembly in progress.
func (a *assembler) directiveView(d *directive.Directive) *DirectiveView {
	x := a.derivedOf(d)
	name, path := a.issuerOf(d.Issuer)
	st := d.Status(a.opts.Now)
	signer := a.signerOf(d)
	c := a.opts.Decoded
	if c == nil {
		return a.newDirectiveView(d, x, name, path, st, signer)
	}
	c.mu.Lock()
	m := x.view
	c.mu.Unlock()
	if m != nil && m.name == name && m.path == path && m.status == st && m.signer == signer {
		a.site.Texts = append(a.site.Texts, m.view.Body)
		return m.view
	}
	v := a.newDirectiveView(d, x, name, path, st, signer)
	c.mu.Lock()
	x.view = &directiveMemo{name: name, path: path, status: st, signer: signer, view: v}
	c.mu.Unlock()
	return v
}

// issuerOf returns the name and _index.md of an issuer (its label, and
// issuerPath), found once per assembly.
func (a *assembler) issuerOf(iss territory.Issuer) (name, path string) {
	if a.issuers == nil {
		a.issuers = map[territory.Issuer][2]string{}
	}
	v, ok := a.issuers[iss]
	if !ok {
		v = [2]string{a.terr.IssuerLabel(iss), a.issuerPath(iss)}
		a.issuers[iss] = v
	}
	return v[0], v[1]
}

// directivePageOf returns directivePage(v), made once for a view kept by
// directiveView. The page is shared with the next assemblies: it must not
// be changed (addDirectiveBanners puts banners on a copy).
func (a *assembler) directivePageOf(v *DirectiveView) *Page {
	c := a.opts.Decoded
	if c == nil || v.derived == nil {
		return a.directivePage(v)
	}
	c.mu.Lock()
	m := v.derived.view
	var p *Page
	if m != nil && m.view == v {
		p = m.page
	}
	c.mu.Unlock()
	if p != nil {
		return p
	}
	p = a.directivePage(v)
	c.mu.Lock()
	if m != nil && m.view == v {
		m.page = p
	}
	c.mu.Unlock()
	return p
}

// pageView returns directivePageView(v), made once per decoded directive
// when the decode cache is set: its French texts and dates cost more than
// the rest of an assembly's directive pages. directivePageView is a
// function of the fields of v but its Body (the HTML of a text is not
// known during assembly), so the view made from a DirectiveView equal to
// v in every other field is v's but for the pointer to v; any other v
// gets a view of its own. The views are shared: nothing may change them.
func (a *assembler) pageView(v *DirectiveView) *DirectivePageView {
	x := v.derived
	if a.opts.Decoded == nil || x == nil {
		return directivePageView(v)
	}
	x.page.once.Do(func() {
		x.page.from = *v
		x.page.from.Body = nil
		x.page.view = directivePageView(v)
	})
	from := *v
	from.Body = nil
	if from != x.page.from {
		return directivePageView(v)
	}
	view := *x.page.view
	view.Directive = v
	return &view
}

// derivedOf returns what is derived from d alone, through the cache of the
// assembly. The values are shared: nothing may change them.
func (a *assembler) derivedOf(d *directive.Directive) *directiveDerived {
	c := a.opts.Decoded
	if c == nil {
		return deriveDirective(d)
	}
	c.mu.Lock()
	x := c.derived[d]
	c.mu.Unlock()
	if x == nil {
		x = deriveDirective(d)
		c.mu.Lock()
		c.derived[d] = x
		c.mu.Unlock()
	}
	return x
}

// publishedMemo is the outcome of directive.Published at the last
// assembly and what it was of.
type publishedMemo struct {
	ds   []*directive.Directive
	opts directive.Options
	out  []*directive.Directive
}

// maxPublishedChanges is how many directives may differ from the last
// assembly's for publishedOf to amend its outcome rather than sort again.
const maxPublishedChanges = 16

// publishedOf returns directive.Published(ds, opts). With the decode cache,
// when ds holds the directives of the last assembly but a few (an edit
// gives one file a new *Directive), it amends the last outcome: the old
// ones out, the new ones that Published keeps in at their place in its
// order (directive.Compare, a total order, so that the outcome is the one
// sorting would give).
func (a *assembler) publishedOf(ds []*directive.Directive, opts directive.Options) []*directive.Directive {
	c := a.opts.Decoded
	if c == nil {
		return directive.Published(ds, opts)
	}
	c.checksMu.Lock()
	defer c.checksMu.Unlock()
	m := &c.published
	var out []*directive.Directive
	if m.out != nil && len(m.ds) == len(ds) && m.opts.Now.Equal(opts.Now) && m.opts.Now.Location() == opts.Now.Location() && m.opts.Drafts == opts.Drafts && m.opts.Future == opts.Future {
		var gone, come []*directive.Directive
		for i, d := range ds {
			if d != m.ds[i] {
				gone, come = append(gone, m.ds[i]), append(come, d)
				if len(gone) > maxPublishedChanges {
					break
				}
			}
		}
		if len(gone) <= maxPublishedChanges {
			out = slices.DeleteFunc(slices.Clone(m.out), func(d *directive.Directive) bool { return slices.Contains(gone, d) })
			for _, d := range directive.Published(come, opts) {
				i, _ := slices.BinarySearchFunc(out, d, directive.Compare)
				out = slices.Insert(out, i, d)
			}
		}
	}
	if out == nil {
		out = directive.Published(ds, opts)
	}
	*m = publishedMemo{ds: ds, opts: opts, out: out}
	return slices.Clip(out)
}

// loadDirectiveFiles decodes the directives of the tree (directive.LoadWith)
// through the cache of the assembly.
func (a *assembler) loadDirectiveFiles() ([]*directive.Directive, diag.List) {
	c := a.opts.Decoded
	if c == nil {
		return directive.LoadWith(a.tree, directive.ZoneOf(a.terr), a.decodeDirective)
	}
	c.checksMu.Lock()
	defer c.checksMu.Unlock()
	return directive.LoadChecked(a.tree, directive.ZoneOf(a.terr), a.decodeDirective, &c.checks)
}

// decodeDirective is directive.DecodeFile through the cache of the
// assembly. A time zone is known by its name: the territory is decoded
// again at each assembly, and gives each time a new *time.Location.
func (a *assembler) decodeDirective(f *load.File, issuer territory.Issuer, loc *time.Location) (*directive.Directive, diag.List) {
	name := ""
	if loc != nil {
		name = loc.String()
	}
	return cachedDecode(a.opts.Decoded, decodeKey{kind: "directive", file: f, extra: name}, func() (*directive.Directive, diag.List) {
		return directive.DecodeFile(f, issuer, loc)
	})
}
