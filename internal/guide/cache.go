package guide

import (
	"slices"
	"sync"

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/view"
)

// Cache keeps the guides' views and pages from one assembly to the next,
// for as long as what they are made of is the same, so that the dev
// server's rebuild after an edit takes the other guides' pages as they
// were (the same pointers, which its page fingerprints know) rather than
// make 10,000 pages again. A nil *Cache makes everything anew:
//
//   - a guide's View, while its decoded guide (the site's decode cache
//     keeps it while its file is the same) and its URL are;
//   - a guide's page, while its view, the views it suggests (Neighbours)
//     and the URLs are;
//   - the guides list, while it is of the same views and URLs.
//
// What it keeps is shared between assemblies and never changed. Pass the
// same cache to every assembly of a site and call End at the end of each.
// A Cache is safe for concurrent use.
type Cache struct {
	mu               sync.Mutex
	views, nextViews map[*Guide]*View
	pages, nextPages map[*View]*pageMemo
	list, nextList   *listMemo
}

// pageMemo is a guide's page and what it was made of besides its view.
type pageMemo struct {
	other []*View
	urls  URLs
	page  *view.Page
}

// listMemo is the guides list and what it was made of.
type listMemo struct {
	gs   []*View
	urls URLs
	page *view.Page
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{views: map[*Guide]*View{}, nextViews: map[*Guide]*View{}, pages: map[*View]*pageMemo{}, nextPages: map[*View]*pageMemo{}}
}

// End ends an assembly: what it did not use is dropped.
func (c *Cache) End() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.views, c.nextViews = c.nextViews, map[*Guide]*View{}
	c.pages, c.nextPages = c.nextPages, map[*View]*pageMemo{}
	c.list, c.nextList = c.nextList, nil
}

// View returns the view of g at url, with the text body makes: with the
// cache, the last assembly's when g and url are the same (its text is
// then the last assembly's too: the site's link pass renders it again
// only when its HTML changes, and in place). kept reports which.
func (c *Cache) View(g *Guide, url string, body func() *view.Text) (v *View, kept bool) {
	if c == nil {
		return &View{Guide: g, URL: url, Body: body()}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	v = c.views[g]
	kept = v != nil && v.URL == url
	if !kept {
		v = &View{Guide: g, URL: url, Body: body()}
	}
	c.nextViews[g] = v
	return v, kept
}

// Pages returns Pages(gs, u): with the cache, the pages of the last
// assembly where what they are made of is the same.
func (c *Cache) Pages(gs []*View, u URLs) []*view.Page {
	pages := make([]*view.Page, 0, len(gs)+1)
	pages = append(pages, c.listPage(gs, u))
	crumbs := []view.Link{{URL: u.Home, Label: "Accueil"}, {URL: u.List, Label: "Bonnes pratiques"}}
	for i, g := range gs {
		other := Neighbours(gs, i, MaxOther)
		if p := c.keptPage(g, other, u); p != nil {
			pages = append(pages, p)
			continue
		}
		p := &view.Page{
			URL:         g.URL,
			Layout:      "guide",
			Title:       g.Title,
			Description: g.Summary,
			Section:     u.List,
			Crumbs:      crumbs,
			Content:     g.Body,
			Data:        &PageView{Guide: g, Other: other},
			Source:      diag.Pos{File: g.Path},
			// A guide's page links to its neighbours.
			Deps: append([]string{g.Path}, view.LinkDeps(Links(other)...)...),
		}
		c.keepPage(g, other, u, p)
		pages = append(pages, p)
	}
	return pages
}

// keptPage returns the page of g kept from the last assembly when it was
// made of the same other guides and URLs, or nil.
func (c *Cache) keptPage(g *View, other []*View, u URLs) *view.Page {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	m := c.pages[g]
	if m == nil || m.urls != u || !slices.Equal(m.other, other) {
		return nil
	}
	c.nextPages[g] = m
	return m.page
}

// keepPage records the page p of g, made of other and u.
func (c *Cache) keepPage(g *View, other []*View, u URLs, p *view.Page) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.nextPages[g] = &pageMemo{other: other, urls: u, page: p}
	c.mu.Unlock()
}

// listPage returns the guides list of gs: with the cache, the last
// assembly's when it was of the same views and URLs.
func (c *Cache) listPage(gs []*View, u URLs) *view.Page {
	if c != nil {
		c.mu.Lock()
		m := c.list
		c.mu.Unlock()
		if m != nil && m.urls == u && slices.Equal(m.gs, gs) {
			c.mu.Lock()
			c.nextList = m
			c.mu.Unlock()
			return m.page
		}
	}
	p := listPage(gs, u)
	if c != nil {
		c.mu.Lock()
		c.nextList = &listMemo{gs: slices.Clone(gs), urls: u, page: p}
		c.mu.Unlock()
	}
	return p
}
