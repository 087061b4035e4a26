// Package render turns the views of a site into bytes: pages through the
// html/template layouts of layouts/, then minified; the sitemap, robots.txt,
// feeds, iCalendar and JSON files. It works in memory and never writes a
// file: it returns []Output for publish (or the dev server) to use.
//
// Rendering is pure: the same site gives the same bytes. Pages render in
// parallel, each worker filling its own slot of a pre-sized slice.
package render

import (
	"bytes"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/relais-ecoles/relais/internal/asset"
	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/hosting"
	"github.com/relais-ecoles/relais/internal/output"
	"github.com/relais-ecoles/relais/internal/site"
	"github.com/relais-ecoles/relais/internal/view"
)

// Output is one file of the built site.
type Output struct {
	// Path is slash-separated and relative to the output folder:
	// "index.html", "academies/paris/4e/index.html", "sitemap.xml".
	Path string
	Data []byte
}

// Kind tells what an output is, for the build summary: "asset", "page",
// "feed", "calendar" or "other" (output.KindOf).
func (o Output) Kind() string {
	if output.CacheOf(o.Path) == output.Immutable {
		return "asset"
	}
	switch output.KindOf(o.Path).Family {
	case output.Page:
		return "page"
	case output.Feed:
		return "feed"
	case output.Calendar:
		return "calendar"
	}
	return "other"
}

// All renders every output of s. The pages are rendered with tmpl; the
// assets of set are included. Errors are template errors, reported at the
// layout's file and line.
func All(s *site.Site, tmpl *Templates, set *asset.Set) ([]Output, error) {
	pages, err := Pages(s, tmpl)
	if err != nil {
		return nil, err
	}
	return Finish(s, set, pages, Reuse{})
}

// Reuse is what Finish may take from an earlier render of the same site
// instead of rendering it again: the dev server's incremental build
// (pipeline.Incremental) keeps the files of the views that did not change.
// The zero Reuse renders everything, as relais build does.
type Reuse struct {
	// Views keeps the files of feeds, data files, calendars and the
	// sitemap; nil renders them all.
	Views Memo
	// Feeds keeps the contents of feed entries; nil renders them all.
	Feeds *FeedCache
	// Sort sorts the outputs by path (a caller that knows the order of the
	// last render sorts faster); nil sorts them.
	Sort func([]Output) []Output
}

// A Memo keeps the files made from views between renders. A view is a
// *view.Feed ("feed " and its folder), a *view.DataFile ("data " and its URL),
// a *view.Calendar ("calendar " and its URL) or the site itself for its
// sitemap ("sitemap"), each named by the key given.
type Memo interface {
	// Kept returns the files made from view v at an earlier render, when
	// they are still its files.
	Kept(key string, v any) ([]Output, bool)
	// Made tells the files made from view v by this render.
	Made(key string, v any, files []Output)
}

// keptViews splits views into those r keeps, whose files it appends to
// out, and those to render.
func keptViews[V any](r Reuse, views []V, key func(V) string, out *[]Output) []V {
	if r.Views == nil {
		return views
	}
	var todo []V
	for _, v := range views {
		if files, ok := r.Views.Kept(key(v), v); ok {
			*out = append(*out, files...)
		} else {
			todo = append(todo, v)
		}
	}
	return todo
}

// made tells r the files of each view rendered: per files of each, in order.
func made[V any](r Reuse, views []V, key func(V) string, files []Output, per int) {
	if r.Views == nil {
		return
	}
	for i, v := range views {
		r.Views.Made(key(v), v, files[per*i:per*(i+1)])
	}
}

func feedKey(f *view.Feed) string         { return "feed " + f.Dir }
func dataKey(d *view.DataFile) string     { return "data " + d.URL }
func calendarKey(c *view.Calendar) string { return "calendar " + c.URL }

// Finish adds to the rendered pages of s every other output (assets,
// feeds, data files, calendars, the académies' error and framed pages,
// sitemap, robots.txt, schemas, the embed script, the pages at old
// addresses, the web app manifests) and sorts them by path; r says what it
// may take from an earlier render. This is the one list of the kinds of
// output: relais build, check and serve all end with it.
func Finish(s *site.Site, set *asset.Set, pages []Output, r Reuse) ([]Output, error) {
	assets := set.All()
	out := make([]Output, 0, len(pages)+len(assets)+4*len(s.Feeds)+len(s.Data)+len(s.Calendars)+len(s.Redirects)+len(s.Manifests)+8)
	out = append(out, pages...)
	for _, a := range assets {
		out = append(out, Output{Path: strings.TrimPrefix(a.URL, "/"), Data: a.Data})
	}

	// The views: only those r does not keep are rendered, on a copy of s
	// that holds them alone.
	sub := *s
	sub.Feeds = keptViews(r, s.Feeds, feedKey, &out)
	sub.Data = keptViews(r, s.Data, dataKey, &out)
	sub.Calendars = keptViews(r, s.Calendars, calendarKey, &out)
	feeds, err := renderFeeds(&sub, r.Feeds)
	if err != nil {
		return nil, err
	}
	made(r, sub.Feeds, feedKey, feeds, 3)
	out = append(out, feeds...)
	data, err := Data(&sub)
	if err != nil {
		return nil, err
	}
	made(r, sub.Data, dataKey, data, 1)
	out = append(out, data...)
	cals, err := Calendars(&sub)
	if err != nil {
		return nil, err
	}
	made(r, sub.Calendars, calendarKey, cals, 1)
	out = append(out, cals...)

	// The error and framed pages read the data files as published,
	// rendered now or kept.
	errPages, err := ErrorPages(s, out)
	if err != nil {
		return nil, err
	}
	out = append(out, errPages...)
	if sitemap, ok := keptSitemap(r, s); ok {
		out = append(out, sitemap...)
	} else {
		sitemap := Sitemap(s)
		if r.Views != nil {
			r.Views.Made("sitemap", s, sitemap)
		}
		out = append(out, sitemap...)
	}
	out = append(out, Robots(s))
	out = append(out, FeedStylesheet(set))
	out = append(out, Schemas(s)...)
	js, err := EmbedScript()
	if err != nil {
		return nil, err
	}
	out = append(out, js)
	out = append(out, Aliases(s)...)
	mans, err := Manifests(s, set)
	if err != nil {
		return nil, err
	}
	out = append(out, mans...)

	if r.Sort != nil {
		out = r.Sort(out)
	} else {
		slices.SortFunc(out, func(a, b Output) int { return strings.Compare(a.Path, b.Path) })
	}
	for i := 1; i < len(out); i++ {
		if out[i].Path == out[i-1].Path {
			return nil, fmt.Errorf("two outputs at %s: this is a bug in relais, please report it", out[i].Path)
		}
	}
	return out, nil
}

// keptSitemap returns the sitemap files r keeps for s.
func keptSitemap(r Reuse, s *site.Site) ([]Output, bool) {
	if r.Views == nil {
		return nil, false
	}
	return r.Views.Kept("sitemap", s)
}

// Pages renders every page of s in parallel.
func Pages(s *site.Site, tmpl *Templates) ([]Output, error) {
	out := make([]Output, len(s.Pages))
	if errs := PagesAt(s, Every(s), tmpl, out); len(errs) > 0 {
		// One broken layout breaks every page; say it once.
		return nil, errs.Sort()
	}
	return out, nil
}

// Every is the indexes of every page of s, for PagesTo and PagesAt.
func Every(s *site.Site) []int {
	all := make([]int, len(s.Pages))
	for i := range all {
		all[i] = i
	}
	return all
}

// PagesTo renders in parallel the pages of s at the indexes todo
// (Every(s) for all of them) and hands each to put as it is made, from the
// rendering goroutines, so that a build can write it and let its bytes go
// (put must not keep them: they are reused for the next page); the
// returned outputs, in the order of s.Pages, have the paths of the pages
// rendered and no bytes. The first error of put stops the render.
func PagesTo(s *site.Site, tmpl *Templates, todo []int, put func(Output) error) ([]Output, error) {
	out := make([]Output, len(s.Pages))
	errs := make([]error, len(todo))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for k, i := range todo {
		g.Go(func() error {
			path := hosting.FilePath(s.Pages[i].URL)
			var perr error
			errs[k] = page(s, s.Pages[i], tmpl, func(b []byte) {
				perr = put(Output{Path: path, Data: b})
			})
			out[i] = Output{Path: path}
			return perr
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if list := ErrorList(errs); len(list) > 0 {
		return nil, list.Sort()
	}
	return out, nil
}

// PagesAt renders in parallel the pages of s at the indexes todo into the
// same indexes of out, and returns their errors, unsorted.
func PagesAt(s *site.Site, todo []int, tmpl *Templates, out []Output) diag.List {
	errs := make([]error, len(todo))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for k, i := range todo {
		g.Go(func() error {
			p := s.Pages[i]
			b, err := Page(s, p, tmpl)
			if err != nil {
				errs[k] = err
				return nil
			}
			out[i] = Output{Path: hosting.FilePath(p.URL), Data: b}
			return nil
		})
	}
	_ = g.Wait()
	return ErrorList(errs)
}

// Page renders one page. It needs no minifying: the layouts were
// compacted when they were parsed (compactLayouts), the Markdown texts
// when they were rendered.
//
// The page is made in a buffer kept from one page to the next, and the
// bytes returned are a copy of exactly their length: the dev server holds
// every page, and the buffers of 28,000 pages (a national site) otherwise
// left a third of their memory unused, and the garbage collector busy.
func Page(s *site.Site, p *view.Page, tmpl *Templates) ([]byte, error) {
	var out []byte
	err := page(s, p, tmpl, func(b []byte) { out = bytes.Clone(b) })
	return out, err
}

// page renders one page and hands its bytes to use, which must not keep
// them: they are in the buffer of the next page.
func page(s *site.Site, p *view.Page, tmpl *Templates, use func([]byte)) error {
	buf := getBuffer()
	defer putBuffer(buf)
	if err := tmpl.Execute(buf, s, p); err != nil {
		return err
	}
	use(buf.Bytes())
	return nil
}

// buffers are the page buffers of the goroutines that render; a sync.Pool
// keeps memory, no state a caller could see.
var buffers = sync.Pool{New: func() any {
	b := new(bytes.Buffer)
	b.Grow(16 << 10)
	return b
}}

func getBuffer() *bytes.Buffer { return buffers.Get().(*bytes.Buffer) }

// putBuffer keeps b for another page, unless a very large page grew it.
func putBuffer(b *bytes.Buffer) {
	if b.Cap() > 1<<20 {
		return
	}
	b.Reset()
	buffers.Put(b)
}

// ErrorList gathers the errors of parallel page renders into one list; a
// nil entry is a page that rendered.
func ErrorList(errs []error) diag.List {
	var list diag.List
	for _, err := range errs {
		if err == nil {
			continue
		}
		if e, ok := err.(*diag.Error); ok {
			list = append(list, e)
		} else {
			list = append(list, &diag.Error{Msg: err.Error()})
		}
	}
	return list
}
