package pipeline

import (
	"hash/maphash"
	"math"
	"reflect"
	"slices"
	"strings"
	"time"
	"unsafe"

	"github.com/relais-ecoles/relais/internal/view"
)

// pageHasher fingerprints pages by what their layout can show, so that the
// incremental build renders a page again when, and only when, that
// differs from the last good build's, whatever the page's constructor
// listed in Page.Deps. A page's bytes are a function of the frame (the
// settings, menu, footer and clock: sameFrame), of the layouts and assets
// (SiteWide files), and of the page as a value: its fields and its Data,
// which a layout reads through their exported fields and methods. So a
// page's fingerprint has two parts:
//
//   - sum, the page by value, but for what no layout shows: its Deps,
//     unexported fields (a layout cannot read them, and the methods a
//     layout calls read exported ones: TestPageTypesShowWhatIsFingerprinted) and byte slices (Markdown sources,
//     which a page shows as a text's HTML); a Markdown text (*view.Text)
//     in it is taken by what names it (its file, line and page), not by
//     its HTML;
//   - texts, the HTML of the texts the page shows: its Content, and those
//     of the other texts it holds whose file is its Source or one of its
//     Deps — every text it holds when it has no Deps. Deps are thus an
//     optional narrowing: a list holds the views of its directives, bodies
//     included, but shows only their titles and summaries, and says so by
//     naming in its Deps no directive file.
//
// What the walk meets through a pointer is hashed once per build (a
// directive's view is shown on many lists), and once for as long as it is
// kept from one build to the next, and so are the texts a kept page shows
// (found from its Deps once, not at every build): the decode cache keeps the pages and
// views of unchanged directives, and never changes them; the link pass
// changes a kept text's HTML in place, which is why texts are taken by
// name in sums and their HTML is hashed apart, memoized by the string's
// address. The memo holds what it hashed, so that an address is never
// that of another value. A time is taken by its instant and zone (name
// and offset), a zone by its name; a page that holds what the walk cannot
// see into (a func, a channel, a cycle) has no fingerprint and is
// rendered every time. The fingerprints are 64 bits of maphash (strings)
// and of a bijective mix (the rest), with a seed made once per
// Incremental: they are compared within one process only — but for those
// of newStablePageHasher (state.go), whose strings are hashed the same in
// every run, for the state a build keeps on disk. A pageHasher is used by
// one goroutine at a time.
type pageHasher struct {
	seed  maphash.Seed
	str   func(string) uint64 // the fingerprint of a string (maphash with seed)
	gen   uint64              // the build in progress, from 1
	ptrs  map[ptrKey]*ptrSum
	html  map[*view.Text]*htmlSum
	plans map[reflect.Type]*typePlan
}

// ptrKey is a value met through a pointer: its address and type (a struct
// and its first field share an address).
type ptrKey struct {
	p unsafe.Pointer
	t reflect.Type
}

type ptrSum struct {
	gen   uint64 // the last build that met it
	ok    bool
	sum   uint64
	texts []*view.Text // the texts it holds
	// shown are, for a page, those of texts it shows (pageHasher.sum),
	// found once: a page is never changed once made, and a text's path
	// never (its HTML is changed in place, and hashed apart).
	shown     []*view.Text
	shownMade bool
}

// htmlSum is the fingerprint of a text's HTML, and the HTML it is of (held,
// so that its address is not another string's).
type htmlSum struct {
	gen  uint64
	html string
	sum  uint64
}

// typePlan is what the walk needs of a type, found once.
type typePlan struct {
	id     uint64 // the fingerprint of the type's name
	fields []int  // of a struct: the fields a layout can read
}

// pageSum is a page's fingerprint; ok is false when the page has none.
type pageSum struct {
	ok         bool
	sum, texts uint64
}

var pageType = reflect.TypeFor[view.Page]()

// shownPrefix starts the Deps entries that name no file (view.ShownDep).
var shownPrefix = view.ShownDep()

func newPageHasher(seed maphash.Seed) *pageHasher {
	return &pageHasher{seed: seed, str: func(s string) uint64 { return maphash.String(seed, s) }, ptrs: map[ptrKey]*ptrSum{}, html: map[*view.Text]*htmlSum{}, plans: map[reflect.Type]*typePlan{}}
}

// next starts a build, and lets go what neither it nor the last one met.
func (ph *pageHasher) next() {
	ph.gen++
	for k, e := range ph.ptrs {
		if e.gen+1 < ph.gen {
			delete(ph.ptrs, k)
		}
	}
	for k, e := range ph.html {
		if e.gen+1 < ph.gen {
			delete(ph.html, k)
		}
	}
}

// sum returns the fingerprint of p.
func (ph *pageHasher) sum(p *view.Page) pageSum {
	e := ph.pointer(reflect.ValueOf(p), 0)
	if !e.ok {
		return pageSum{}
	}
	if !e.shownMade {
		e.shown, e.shownMade = shownTexts(p, e.texts), true
	}
	var texts uint64
	for _, t := range e.shown {
		texts = mix(texts, ph.htmlSum(t))
	}
	return pageSum{ok: true, sum: e.sum, texts: texts}
}

// shownTexts returns those of texts, the texts page p holds, that it shows:
// its Content, and those whose file is its Source or one of its Deps —
// every text it holds when it has no Deps.
func shownTexts(p *view.Page, texts []*view.Text) []*view.Text {
	// The files among the Deps (ShownDep entries name no file).
	var files []string
	for _, d := range p.Deps {
		if !strings.HasPrefix(d, shownPrefix) {
			files = append(files, d)
		}
	}
	shown := func(t *view.Text) bool {
		return len(p.Deps) == 0 || t == p.Content || t.Path == p.Source.File || slices.Contains(files, t.Path)
	}
	if len(files) > 16 {
		set := make(map[string]bool, len(files))
		for _, d := range files {
			set[d] = true
		}
		shown = func(t *view.Text) bool { return t == p.Content || t.Path == p.Source.File || set[t.Path] }
	}
	var out []*view.Text
	for _, t := range texts {
		if shown(t) {
			out = append(out, t)
		}
	}
	return out
}

// htmlSum returns the fingerprint of a text's HTML.
func (ph *pageHasher) htmlSum(t *view.Text) uint64 {
	html := string(t.HTML)
	m := ph.html[t]
	if m == nil || len(m.html) != len(html) || unsafe.StringData(m.html) != unsafe.StringData(html) {
		m = &htmlSum{html: html, sum: ph.str(html)}
		ph.html[t] = m
	}
	m.gen = ph.gen
	return m.sum
}

// pointer returns the sum of what v, a non-nil pointer, points to.
func (ph *pageHasher) pointer(v reflect.Value, depth int) *ptrSum {
	k := ptrKey{p: v.UnsafePointer(), t: v.Type()}
	if e := ph.ptrs[k]; e != nil {
		e.gen = ph.gen
		return e
	}
	w := pageWalk{ph: ph}
	ok := w.value(v.Elem(), depth+1)
	e := &ptrSum{gen: ph.gen, ok: ok, sum: w.h, texts: slices.Clip(w.texts)}
	ph.ptrs[k] = e
	return e
}

func (ph *pageHasher) plan(t reflect.Type) *typePlan {
	if p := ph.plans[t]; p != nil {
		return p
	}
	p := &typePlan{id: ph.str(t.String())}
	if t.Kind() == reflect.Struct {
		for i := range t.NumField() {
			f := t.Field(i)
			if f.IsExported() && !(t == pageType && f.Name == "Deps") {
				p.fields = append(p.fields, i)
			}
		}
	}
	ph.plans[t] = p
	return p
}

// mix adds x to the running fingerprint h: the murmur3 finalizer, a
// bijection, of h and x.
func mix(h, x uint64) uint64 {
	h ^= x + 0x9e3779b97f4a7c15 + h<<6 + h>>2
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

// pageWalk is the walk of one value met through a pointer.
type pageWalk struct {
	ph    *pageHasher
	h     uint64
	texts []*view.Text
}

func (w *pageWalk) u64(x uint64) { w.h = mix(w.h, x) }

func (w *pageWalk) str(s string) { w.h = mix(w.h, w.ph.str(s)) }

func (w *pageWalk) value(v reflect.Value, depth int) bool {
	if ok, done := start(w, v, depth); done {
		return ok
	}
	t := v.Type()
	if (t == timeType || t == locationType || t == textType) && !v.CanInterface() {
		return false // not reached: the walk follows exported fields
	}
	switch t {
	case timeType:
		tm := v.Interface().(time.Time)
		if tm.IsZero() {
			w.u64(1)
			return true
		}
		name, off := tm.Zone()
		w.u64(uint64(tm.UnixNano()))
		w.u64(uint64(off))
		w.str(name)
		w.str(tm.Location().String())
		return true
	case locationType:
		if l := v.Interface().(*time.Location); l != nil {
			w.str(l.String())
		}
		return true
	case textType:
		if tx := v.Interface().(*view.Text); tx != nil {
			w.u64(1)
			w.str(tx.Path)
			w.u64(uint64(tx.Line))
			w.str(tx.URL)
			w.texts = append(w.texts, tx)
		} else {
			w.u64(0)
		}
		return true
	}
	w.u64(uint64(v.Kind()))
	if scalar(w, v) {
		return true
	}
	switch v.Kind() {
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return true // a Markdown source: shown as its text's HTML
		}
		if v.Kind() == reflect.Slice && v.IsNil() {
			w.u64(math.MaxUint64)
			return true
		}
		w.u64(uint64(v.Len()))
		if !elems(w, v, depth) {
			return false
		}
	case reflect.Map:
		return mapSum(w, v, func(k, e reflect.Value) (uint64, bool) {
			ew := pageWalk{ph: w.ph}
			ok := ew.value(k, depth+1) && ew.value(e, depth+1)
			w.texts = append(w.texts, ew.texts...)
			return ew.h, ok
		})
	case reflect.Pointer:
		if v.IsNil() {
			w.u64(0)
			return true
		}
		e := w.ph.pointer(v, depth)
		w.u64(e.sum)
		w.texts = append(w.texts, e.texts...)
		return e.ok
	case reflect.Interface:
		if v.IsNil() {
			w.u64(0)
			return true
		}
		w.u64(w.ph.plan(v.Elem().Type()).id)
		return w.value(v.Elem(), depth+1)
	case reflect.Struct:
		p := w.ph.plan(t)
		w.u64(p.id)
		for _, i := range p.fields {
			if !w.value(v.Field(i), depth+1) {
				return false
			}
		}
	default: // func, chan, unsafe pointer
		return false
	}
	return true
}
