package site

import (
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/relais-ecoles/relais/internal/catalog"
	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/directive"
	"github.com/relais-ecoles/relais/internal/guide"
	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/order"
	"github.com/relais-ecoles/relais/internal/territory"
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
// It holds too the cache of the views of the directives
// (directive.Cache: their views, pages, lists, feeds, checks), of the
// guides' views and pages (guide.Cache), the timetables' views while
// their files are the same (timetableMemo), the catalog's views while its files are the same (catalogMemo), and the
// sorted order of the pages (order.Kept).
//
// A DecodeCache is safe for concurrent use.
type DecodeCache struct {
	mu      sync.Mutex
	entries map[decodeKey]decodeEntry
	used    map[decodeKey]bool

	dirs  *directive.Cache
	guide *guide.Cache
	cat   *catalogMemo
	tt    *timetableMemo

	// order is how the pages of the last assembly were sorted;
	// orderMu is held while an assembly sorts its pages.
	orderMu sync.Mutex
	order   order.Kept
}

// directives returns the cache of the views of the directives; nil
// without a cache.
func (c *DecodeCache) directives() *directive.Cache {
	if c == nil {
		return nil
	}
	return c.dirs
}

// guides returns the cache of the guides' views and pages; nil without a
// cache.
func (c *DecodeCache) guides() *guide.Cache {
	if c == nil {
		return nil
	}
	return c.guide
}

// timetables returns the memo of the timetables (timetables.go); nil
// without a cache.
func (c *DecodeCache) timetables() *timetableMemo {
	if c == nil {
		return nil
	}
	return c.tt
}

// catalog returns the memo of the catalog (catalog.go); nil without a
// cache.
func (c *DecodeCache) catalog() *catalogMemo {
	if c == nil {
		return nil
	}
	return c.cat
}

// sortPages sorts pages by URL, keeping the order of pages at one URL, as
// slices.SortStableFunc does; through the cache when it is set, which
// keeps how the last assembly's were sorted (order.Kept): the same URLs
// added in the same order take that order rather than sort 10,000 pages
// again.
func (c *DecodeCache) sortPages(pages []*Page) []*Page {
	if c == nil {
		slices.SortStableFunc(pages, func(x, y *Page) int { return strings.Compare(x.URL, y.URL) })
		return pages
	}
	c.orderMu.Lock()
	defer c.orderMu.Unlock()
	return order.Sort(&c.order, pages, func(p *Page) string { return p.URL })
}

// NewDecodeCache returns an empty cache.
func NewDecodeCache() *DecodeCache {
	return &DecodeCache{entries: map[decodeKey]decodeEntry{}, used: map[decodeKey]bool{}, dirs: directive.NewCache(), guide: guide.NewCache(), cat: &catalogMemo{}, tt: &timetableMemo{}}
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
	// directive's time zone, and with the file it is decoded with (a
	// programme's vocabulary).
	extra string
	with  *load.File
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

// end drops the entries the assembly that ends did not use, and what the
// cache of the directives keeps of directives no entry holds any more.
func (c *DecodeCache) end() {
	if c == nil {
		return
	}
	c.mu.Lock()
	maps.DeleteFunc(c.entries, func(k decodeKey, _ decodeEntry) bool { return !c.used[k] })
	clear(c.used)
	live := make(map[*directive.Directive]bool, len(c.entries))
	for _, e := range c.entries {
		if d, ok := e.value.(*directive.Directive); ok {
			live[d] = true
		}
	}
	c.mu.Unlock()
	c.dirs.End(func(d *directive.Directive) bool { return live[d] })
	c.guide.End()
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

// keep marks used the entries of keys, which an assembly did not ask for
// because it kept what they decode to (the catalog's programmes).
func (c *DecodeCache) keep(keys []decodeKey) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, k := range keys {
		c.used[k] = true
	}
}

// decodeProgramme is catalog.DecodeProgramme through the cache of the
// assembly, keyed by the file and the vocabulary's file.
func (a *assembler) decodeProgramme(f, vf *load.File, v *catalog.Vocabulary) (*catalog.Programme, diag.List) {
	return cachedDecode(a.opts.Decoded, programmeKey(f, vf), func() (*catalog.Programme, diag.List) {
		return catalog.DecodeProgramme(f, v)
	})
}

func programmeKey(f, vf *load.File) decodeKey { return decodeKey{kind: "programme", file: f, with: vf} }
