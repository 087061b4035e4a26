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

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/html"
	"golang.org/x/sync/errgroup"

	"github.com/relais-ecoles/relais/internal/asset"
	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/hosting"
	"github.com/relais-ecoles/relais/internal/site"
)

// Output is one file of the built site.
type Output struct {
	// Path is slash-separated and relative to the output folder:
	// "index.html", "academies/paris/4e/index.html", "sitemap.xml".
	Path string
	Data []byte
}

// Kind tells what an output is, for the build summary.
func (o Output) Kind() string {
	switch {
	case strings.HasPrefix(o.Path, "assets/"):
		return "asset"
	case strings.HasSuffix(o.Path, ".html"):
		return "page"
	case strings.HasSuffix(o.Path, site.FeedRSS), strings.HasSuffix(o.Path, site.FeedAtom), strings.HasSuffix(o.Path, site.FeedJSON):
		return "feed"
	case strings.HasSuffix(o.Path, ".ics"):
		return "calendar"
	}
	return "other"
}

// NewHTMLMinifier returns the HTML minifier of a build.
func NewHTMLMinifier() *minify.M {
	m := asset.NewMinifier()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepQuotes: false, KeepEndTags: true})
	return m
}

// All renders every output of s. The pages are rendered with tmpl and
// minified with m; the assets of set are included. Errors are template
// errors, reported at the layout's file and line.
func All(s *site.Site, tmpl *Templates, set *asset.Set, m *minify.M) ([]Output, error) {
	pages, err := Pages(s, tmpl, m)
	if err != nil {
		return nil, err
	}
	return Finish(s, set, pages)
}

// Finish adds to the rendered pages of s every other output (assets,
// feeds, data, calendars, sitemap, robots.txt) and sorts them by path. The
// dev server calls it with pages it partly kept from the previous build.
func Finish(s *site.Site, set *asset.Set, pages []Output) ([]Output, error) {
	out := make([]Output, 0, len(pages)+len(set.All())+4*len(s.Feeds)+len(s.Data)+len(s.Calendars)+len(s.Redirects)+len(s.Manifests)+4)
	out = append(out, pages...)
	for _, a := range set.All() {
		out = append(out, Output{Path: strings.TrimPrefix(a.URL, "/"), Data: a.Data})
	}
	feeds, err := Feeds(s)
	if err != nil {
		return nil, err
	}
	out = append(out, feeds...)
	data, err := Data(s)
	if err != nil {
		return nil, err
	}
	out = append(out, data...)
	errPages, err := ErrorPages(s, data)
	if err != nil {
		return nil, err
	}
	out = append(out, errPages...)
	cals, err := Calendars(s)
	if err != nil {
		return nil, err
	}
	out = append(out, cals...)
	out = append(out, Sitemap(s)...)
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
	slices.SortFunc(out, func(a, b Output) int { return strings.Compare(a.Path, b.Path) })
	for i := 1; i < len(out); i++ {
		if out[i].Path == out[i-1].Path {
			return nil, fmt.Errorf("two outputs at %s: this is a bug in relais, please report it", out[i].Path)
		}
	}
	return out, nil
}

// Pages renders every page of s in parallel.
func Pages(s *site.Site, tmpl *Templates, m *minify.M) ([]Output, error) {
	out := make([]Output, len(s.Pages))
	errs := make([]error, len(s.Pages))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, p := range s.Pages {
		g.Go(func() error {
			b, err := Page(s, p, tmpl, m)
			if err != nil {
				errs[i] = err
				return nil
			}
			out[i] = Output{Path: hosting.FilePath(p.URL), Data: b}
			return nil
		})
	}
	_ = g.Wait()
	list := ErrorList(errs)
	if len(list) > 0 {
		// One broken layout breaks every page; say it once.
		return nil, list.Sort()
	}
	return out, nil
}

// Page renders one page and minifies it.
//
// The page is made in buffers kept from one page to the next, and the
// bytes returned are a copy of exactly their length: a build holds every
// page until it writes them, and the buffers of 28,000 pages (a national
// site) otherwise left a third of their memory unused, and the garbage
// collector busy.
func Page(s *site.Site, p *site.Page, tmpl *Templates, m *minify.M) ([]byte, error) {
	buf := getBuffer()
	defer putBuffer(buf)
	if err := tmpl.Execute(buf, s, p); err != nil {
		return nil, err
	}
	if m == nil {
		return bytes.Clone(buf.Bytes()), nil
	}
	min := getBuffer()
	defer putBuffer(min)
	// The minifier reads a reader with Bytes() in place, without a copy.
	if err := m.Minify("text/html", min, buf); err != nil {
		return nil, fmt.Errorf("%s: cannot minify the page %s: %v", tmpl.File(p.Layout), p.URL, err)
	}
	return bytes.Clone(min.Bytes()), nil
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
