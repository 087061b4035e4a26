// Package textcache keeps the HTML of Markdown texts from one assembly of
// a site to the next, and says which files' texts changed: what lets the
// dev server, and a build from the kept state, render with goldmark only
// the texts whose source or whose links' targets changed.
package textcache

import (
	"bytes"
	"html/template"
	"maps"
	"slices"
	"sync"

	"github.com/relais-ecoles/relais/internal/markdown"
	"github.com/relais-ecoles/relais/internal/view"
)

// Cache keeps the HTML of Markdown texts from one assembly to the next,
// so that the dev server does not render again a text that did not change:
// Markdown rendering is most of the cost of an assembly. Set it in
// site.Options.Texts and pass the same cache to every assembly of a site.
//
// A text is reused when its file, first line, page URL and source bytes
// are those of a cached one and every link it holds still
// resolves to the same URL: a link is the one thing a text takes from the
// rest of the site, so a text whose link target was renamed or removed is
// rendered again, and a text is not rendered again because an unrelated
// page was added. Texts with link errors are not cached.
//
// Where a link leads is a function of the text's file and page URL (part
// of its key) and of the link environment: every URL the site outputs and
// the page of every content file. The cache keeps the environment of the
// last link pass; after that pass every cached text's links resolve as
// recorded, so when the next pass has the same environment — the common
// case of an edit that adds, removes or renames no page — a cached text
// is reused without resolving its links again.
//
// The cache also tells which files have a text whose HTML differs from the
// previous assembly (Changed), so that pages showing a text are rendered
// again when a link in it changed although its file did not.
//
// A Cache is safe for concurrent use.
type Cache struct {
	mu      sync.Mutex
	entries map[textID]*textEntry
	pass    uint64          // the number of the link pass running, or of the last one
	changed map[string]bool // files of texts whose HTML changed

	// The link environment of the last pass: the sorted URLs of the site,
	// the same as a set, and the page of each content file.
	urls     []string
	urlSet   map[string]bool
	bySource map[string]string
}

// New returns an empty cache.
func New() *Cache {
	return &Cache{
		entries: map[textID]*textEntry{},
		changed: map[string]bool{},
	}
}

type textID struct {
	path string
	line int
	url  string
}

// textEntry is what the cache knows of a text. src, html, links and ok do
// not change once the entry is made; last and pass are read and written
// with the cache's lock held.
type textEntry struct {
	// src is the source the HTML was rendered from. The source of a file
	// that did not change is the same slice from one assembly to the next
	// (load keeps the parsed file), so comparing it costs nothing then.
	src   []byte
	html  template.HTML
	links []resolvedLink
	ok    bool // rendered without errors: html may be reused

	last template.HTML // the HTML of the text in the last pass that had it ("" when it had errors)
	pass uint64        // the last pass that had the text
}

type resolvedLink struct{ dest, url string }

// Changed returns the files whose texts have HTML that changed in the
// assemblies since the previous call, sorted, and forgets them.
func (c *Cache) Changed() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := slices.Sorted(maps.Keys(c.changed))
	clear(c.changed)
	return out
}

// Len returns the number of cached texts.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, e := range c.entries {
		if e.ok {
			n++
		}
	}
	return n
}

// Begin starts an assembly's link pass with its environment: urls are
// the sorted URLs of the site, bySource the page of each content file. It
// returns urls as a set and whether the environment is the last pass's.
func (c *Cache) Begin(urls []string, bySource map[string]string) (map[string]bool, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pass++
	if c.urlSet != nil && slices.Equal(c.urls, urls) && maps.Equal(c.bySource, bySource) {
		return c.urlSet, true
	}
	set := make(map[string]bool, len(urls))
	for _, u := range urls {
		set[u] = true
	}
	// Until the pass ends, the entries are not known to match this
	// environment: a pass that stops half-way must not leave it recorded.
	c.urls, c.urlSet, c.bySource = nil, nil, nil
	return set, false
}

// End drops the entries the link pass did not use, and records its
// environment.
func (c *Cache) End(urls []string, set map[string]bool, bySource map[string]string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	maps.DeleteFunc(c.entries, func(_ textID, e *textEntry) bool { return e.pass != c.pass })
	c.urls, c.urlSet, c.bySource = urls, set, bySource
}

// Reuse gives each of texts whose cached HTML can be used as it is that
// HTML, when the link environment is the last pass's (same), and returns
// the indexes of the others.
func (c *Cache) Reuse(texts []*view.Text, same bool) []int {
	if !same {
		out := make([]int, len(texts))
		for i := range texts {
			out[i] = i
		}
		return out
	}
	var todo []int
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, t := range texts {
		id := textID{path: t.Path, line: t.Line, url: t.URL}
		e := c.entries[id]
		if e == nil || !e.ok || !bytes.Equal(e.src, t.Src) {
			todo = append(todo, i)
			continue
		}
		if t.HTML != e.html {
			t.HTML = e.html
		}
		c.noteLocked(id, e, e.html)
	}
	return todo
}

// Render renders t through the cache.
func (c *Cache) Render(md *markdown.Renderer, t *view.Text, resolve markdown.Resolver) (template.HTML, []markdown.LinkError, error) {
	id := textID{path: t.Path, line: t.Line, url: t.URL}
	c.mu.Lock()
	e := c.entries[id]
	c.mu.Unlock()
	if e != nil && e.ok && bytes.Equal(e.src, t.Src) && stillResolves(e.links, resolve) {
		c.note(id, e, e.html)
		return e.html, nil, nil
	}
	var links []resolvedLink
	html, linkErrs, err := md.Render(t.Src, func(dest string) (string, error) {
		u, err := resolve(dest)
		if err == nil {
			links = append(links, resolvedLink{dest: dest, url: u})
		}
		return u, err
	})
	safe := template.HTML(html) //nolint:gosec // produced by goldmark with raw HTML off
	fresh := &textEntry{src: t.Src, html: safe, links: links, ok: err == nil && len(linkErrs) == 0}
	shown := fresh.html
	if !fresh.ok {
		shown = ""
	}
	c.note(id, fresh, shown)
	return fresh.html, linkErrs, err
}

// note records that the pass had the text id, with the entry e and the
// HTML html, and whether its HTML changed since the last pass that had it.
func (c *Cache) note(id textID, e *textEntry, html template.HTML) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.noteLocked(id, e, html)
}

func (c *Cache) noteLocked(id textID, e *textEntry, html template.HTML) {
	prev, ok := c.entries[id]
	if !ok || prev.last != html {
		c.changed[id.path] = true
	}
	e.last, e.pass = html, c.pass
	c.entries[id] = e
}

func stillResolves(links []resolvedLink, resolve markdown.Resolver) bool {
	for _, l := range links {
		if u, err := resolve(l.dest); err != nil || u != l.url {
			return false
		}
	}
	return true
}

// Text is a text as a Cache keeps it, for a build that keeps the
// cache on disk from one run to the next (pipeline's kept state): its key
// (file, first line, page URL), its source, its HTML and the links it
// resolved (each link's destination and the URL it led to).
type Text struct {
	Path  string
	Line  int
	URL   string
	Src   []byte
	HTML  string
	Links [][2]string
}

// Kept returns the texts of the last assembly that rendered without
// errors, in no particular order.
func (c *Cache) Kept() []Text {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]Text, 0, len(c.entries))
	for id, e := range c.entries {
		if !e.ok {
			continue
		}
		links := make([][2]string, len(e.links))
		for i, l := range e.links {
			links[i] = [2]string{l.dest, l.url}
		}
		out = append(out, Text{Path: id.path, Line: id.line, URL: id.url, Src: e.src, HTML: string(e.html), Links: links})
	}
	return out
}

// Keep adds texts that an earlier run of the same relais rendered, as Kept
// gave them. They are used as any entry is: when a text has the same key
// and source, and each of its links still leads where it led.
func (c *Cache) Keep(texts []Text) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, t := range texts {
		links := make([]resolvedLink, len(t.Links))
		for i, l := range t.Links {
			links[i] = resolvedLink{dest: l[0], url: l[1]}
		}
		c.entries[textID{path: t.Path, line: t.Line, url: t.URL}] = &textEntry{src: t.Src, html: template.HTML(t.HTML), links: links, ok: true}
	}
}
