// Package site assembles the domains (guides, pages, territory, timetables,
// directives, catalog) into the pages, feeds and data files of a site, and is
// the one place URLs are made (urls.go). Its output is a *Site: a list of
// views that render turns into bytes. Assembly is a pure function of the
// loaded files and Options (the clock comes in as Options.Now), so a test can
// pin it.
//
// site reports content errors with file:line:col and never touches the disk.
package site

import (
	"slices"
	"strings"
	"time"

	"github.com/relais-ecoles/relais/internal/config"
	"github.com/relais-ecoles/relais/internal/textcache"
)

// Options are the inputs of assembly besides the files.
type Options struct {
	// Now is the build time: it decides what is current, future or expired.
	Now time.Time
	// BaseURL overrides base_url from site.yaml when set.
	BaseURL string
	// Drafts and Future include draft and future-dated documents.
	Drafts, Future bool
	// Texts, when set, keeps rendered Markdown between assemblies (the dev
	// server sets it; see textcache.Cache).
	Texts *textcache.Cache
	// Decoded, when set, keeps the decoded files between assemblies (the
	// dev server sets it; see DecodeCache).
	Decoded *DecodeCache
}

// Site is everything a build outputs, as views.
type Site struct {
	Config *config.Config
	Now    time.Time
	// Stable is the span of build times around Now in which the site
	// gives the same bytes (view/clock.go).
	Stable Span
	Pages  []*Page // sorted by URL
	Feeds  []*Feed
	Data   []*DataFile
	// Calendars are iCalendar files.
	Calendars []*Calendar
	// Redirects map old URLs to new ones (aliases after a rename).
	Redirects []Redirect
	// Manifests are the web app manifests (manifest.go).
	Manifests []*Manifest
	// ENTPages are the "ENT saturé" pages (entpages.go).
	ENTPages []*ENTPage
	// Nav is the main navigation.
	Nav []Link
	// Footer is the links of every page's footer: the pages marked footer,
	// then the plan du site.
	Footer []Link
	// LeftOut are the documents the build did not publish or took out of
	// the lists, sorted by file: notes for the editor (leftout.go).
	LeftOut []LeftOut

	// Texts are the Markdown texts the pages and feeds show, rendered
	// once by the link pass (renderTexts).
	Texts []*Text
}

// URLs returns every URL the site outputs, sorted, for link checking and
// the sitemap.
func (s *Site) URLs() []string {
	var urls []string
	for _, p := range s.Pages {
		urls = append(urls, p.URL)
	}
	for _, f := range s.Feeds {
		urls = append(urls, f.Dir+FeedRSS, f.Dir+FeedAtom, f.Dir+FeedJSON)
	}
	for _, d := range s.Data {
		urls = append(urls, d.URL)
	}
	for _, c := range s.Calendars {
		urls = append(urls, c.URL)
	}
	for _, m := range s.Manifests {
		urls = append(urls, m.URL)
	}
	urls = append(urls, "/sitemap.xml", "/robots.txt")
	slices.Sort(urls)
	return urls
}

// Page returns the page at url, or nil.
func (s *Site) Page(url string) *Page {
	i, ok := slices.BinarySearchFunc(s.Pages, url, func(p *Page, u string) int { return strings.Compare(p.URL, u) })
	if !ok {
		return nil
	}
	return s.Pages[i]
}

// Abs makes a site URL absolute with the base URL.
func (s *Site) Abs(u string) string { return absURL(s.Config.BaseURL, u) }

// text registers a Markdown source for the link pass.
func (s *Site) text(path string, src []byte, line int, url string) *Text {
	t := &Text{Path: path, Line: line, Src: src, URL: url}
	s.Texts = append(s.Texts, t)
	return t
}
