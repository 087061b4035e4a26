package site

import (
	"bytes"
	"html/template"
	"maps"
	"slices"
	"sync"

	"github.com/relais-ecoles/relais/internal/markdown"
)

// TextCache keeps the HTML of Markdown texts from one assembly to the next,
// so that the dev server does not render again a text that did not change:
// Markdown rendering is most of the cost of an assembly. Set it in
// Options.Texts and pass the same cache to every assembly of a site.
//
// A text is reused when its file, first line, page URL and source bytes
// are those of a cached one and every link it holds still
// resolves to the same URL: a link is the one thing a text takes from the
// rest of the site, so a text whose link target was renamed or removed is
// rendered again, and a text is not rendered again because an unrelated
// page was added. Texts with link errors are not cached.
//
// The cache also tells which files have a text whose HTML differs from the
// previous assembly (Changed), so that pages showing a text are rendered
// again when a link in it changed although its file did not.
//
// A TextCache is safe for concurrent use.
type TextCache struct {
	mu      sync.Mutex
	entries map[textID]*textEntry
	used    map[textID]bool
	last    map[textID]template.HTML // HTML of each text in the last assembly
	changed map[string]bool          // files of texts whose HTML changed
}

// NewTextCache returns an empty cache.
func NewTextCache() *TextCache {
	return &TextCache{
		entries: map[textID]*textEntry{},
		last:    map[textID]template.HTML{},
		changed: map[string]bool{},
	}
}

type textID struct {
	path string
	line int
	url  string
}

type textEntry struct {
	// src is the source the HTML was rendered from. The source of a file
	// that did not change is the same slice from one assembly to the next
	// (load keeps the parsed file), so comparing it costs nothing then.
	src   []byte
	html  template.HTML
	links []resolvedLink
}

type resolvedLink struct{ dest, url string }

// Changed returns the files whose texts have HTML that changed in the
// assemblies since the previous call, sorted, and forgets them.
func (c *TextCache) Changed() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := slices.Sorted(maps.Keys(c.changed))
	clear(c.changed)
	return out
}

// Len returns the number of cached texts.
func (c *TextCache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}

// begin starts an assembly's link pass: the entries it does not use are
// dropped at the end.
func (c *TextCache) begin() {
	c.mu.Lock()
	c.used = map[textID]bool{}
	c.mu.Unlock()
}

// end drops the entries the link pass did not use.
func (c *TextCache) end() {
	c.mu.Lock()
	defer c.mu.Unlock()
	maps.DeleteFunc(c.entries, func(id textID, _ *textEntry) bool { return !c.used[id] })
	maps.DeleteFunc(c.last, func(id textID, _ template.HTML) bool { return !c.used[id] })
	c.used = nil
}

// renderText renders one text, through Options.Texts when it is set.
func (a *assembler) renderText(t *Text, resolve markdown.Resolver) (template.HTML, []markdown.LinkError, error) {
	if a.opts.Texts == nil {
		html, linkErrs, err := a.md.Render(t.Src, resolve)
		return safeHTML(html), linkErrs, err
	}
	return a.opts.Texts.render(a.md, t, resolve)
}

// render renders t through the cache.
func (c *TextCache) render(md *markdown.Renderer, t *Text, resolve markdown.Resolver) (template.HTML, []markdown.LinkError, error) {
	id := textID{path: t.Path, line: t.Line, url: t.URL}
	c.mu.Lock()
	e := c.entries[id]
	c.used[id] = true
	c.mu.Unlock()
	if e != nil && bytes.Equal(e.src, t.Src) && stillResolves(e.links, resolve) {
		c.note(id, e.html)
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
	if err != nil || len(linkErrs) > 0 {
		c.mu.Lock()
		delete(c.entries, id)
		c.mu.Unlock()
		c.note(id, "")
		return safeHTML(html), linkErrs, err
	}
	e = &textEntry{src: t.Src, html: safeHTML(html), links: links}
	c.mu.Lock()
	c.entries[id] = e
	c.mu.Unlock()
	c.note(id, e.html)
	return e.html, nil, nil
}

// note records the HTML of a text and whether it changed.
func (c *TextCache) note(id textID, html template.HTML) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if prev, ok := c.last[id]; !ok || prev != html {
		c.changed[id.path] = true
	}
	c.last[id] = html
}

func stillResolves(links []resolvedLink, resolve markdown.Resolver) bool {
	for _, l := range links {
		if u, err := resolve(l.dest); err != nil || u != l.url {
			return false
		}
	}
	return true
}
