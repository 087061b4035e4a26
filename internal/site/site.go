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
	"html/template"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/relais-ecoles/relais/internal/config"
	"github.com/relais-ecoles/relais/internal/diag"
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
	// server sets it; see TextCache).
	Texts *TextCache
	// Decoded, when set, keeps the decoded files between assemblies (the
	// dev server sets it; see DecodeCache).
	Decoded *DecodeCache
}

// Site is everything a build outputs, as views.
type Site struct {
	Config *config.Config
	Now    time.Time
	// Stable is the span of build times around Now in which the site
	// gives the same bytes (stable.go).
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

	texts []*Text
}

// Link is a labelled URL.
type Link struct {
	URL   string
	Label string
}

// Redirect is a permanent redirect from an old URL, or from a short
// address (a département's, /93/).
type Redirect struct {
	From, To string
	Pos      diag.Pos
	// Title and Link, when set, are the heading of the page at From and
	// the label of its link to To ("Seine-Saint-Denis (93) : académie de
	// Créteil"); without them, the page says the page has moved.
	Title, Link string
}

// Page is one HTML page.
type Page struct {
	URL         string // site-absolute, ends with "/" (or ".html" for 404)
	Layout      string // layouts/<Layout>.html
	Title       string // the h1, plain text
	HeadTitle   string // <title>, when it differs from Title
	Description string
	Section     string // the Nav entry this page belongs to
	Crumbs      []Link
	Content     *Text // the page's own Markdown body, if any
	Data        any   // the layout's view
	Feeds       []FeedLink
	Banners     []Banner
	Scripts     []string // asset names, such as "js/ouvert.js"
	// Manifest is the web app manifest the page links to; "" for the
	// site's (ManifestURL).
	Manifest string
	Lastmod  time.Time
	NoIndex  bool     // left out of the sitemap (404)
	Source   diag.Pos // the file the page comes from, for duplicate URLs
	// Deps are the content files whose data the page shows (its own file,
	// and the files of every item it lists, even by title alone). The dev
	// server re-renders a page only when one of them, a layout, an asset or
	// a site-wide file changes, or when the list itself differs from the
	// last build's, so a missing entry means a stale page: list generously.
	// A page may instead list what it shows of other files (ShownDep: the
	// address and title of a link, a count such as "12 de plus"): it is
	// then rendered again when that changes, and not when the rest of
	// those files does.
	Deps []string
}

// ShownDep is a Deps entry that is not a file but data a page shows, such
// as a link's address and label: the dev server compares a page's Deps
// with the last build's, so the page is rendered again when it changes.
// All that the page shows of the item must be in parts.
func ShownDep(parts ...string) string { return "shown:" + strings.Join(parts, "\x1f") }

// CountDep is the Deps entry of a count a page shows (of what, how many).
func CountDep(of string, n int) string { return ShownDep("count", of, strconv.Itoa(n)) }

// linkDeps are the Deps entries of links a page shows.
func linkDeps(links ...Link) []string {
	out := make([]string, len(links))
	for i, l := range links {
		out[i] = ShownDep("link", l.URL, l.Label)
	}
	return out
}

// guideLinks are the links to guides.
func guideLinks(gs []*Guide) []Link {
	out := make([]Link, len(gs))
	for i, g := range gs {
		out[i] = Link{URL: g.URL, Label: g.Title}
	}
	return out
}

// FeedLink points at the feeds of a list.
type FeedLink struct {
	Title string
	Dir   string // the list URL the feed files sit in
}

// RSS, Atom and JSON are the URLs of the three formats.
func (f FeedLink) RSS() string  { return f.Dir + FeedRSS }
func (f FeedLink) Atom() string { return f.Dir + FeedAtom }
func (f FeedLink) JSON() string { return f.Dir + FeedJSON }

// Banner is an urgent notice shown on top of a page.
type Banner struct {
	Title   string
	URL     string
	Issuer  string
	Date    time.Time
	Summary string
	Path    string // the content file, for Page.Deps
}

// Text is a piece of Markdown from a content file. The link pass renders it
// once and every page that shows it shares the HTML.
type Text struct {
	Path string // the content file
	Line int    // the file line the source starts on
	Src  []byte
	URL  string // the page relative links are read from
	HTML template.HTML
}

// Feed is a list published as RSS 2.0, Atom 1.0 and JSON Feed 1.1.
type Feed struct {
	Dir         string // the list URL; the feed files sit beside it
	Title       string
	Description string
	Updated     time.Time
	Items       []*FeedItem
}

// FeedItem is one entry of a feed.
type FeedItem struct {
	ID        string // stable: does not change when the text is edited
	Title     string
	URL       string
	Summary   string
	Content   *Text
	Author    string
	Published time.Time
	Updated   time.Time
	Tags      []string
}

// DataFile is a JSON file.
type DataFile struct {
	URL   string
	Value any
}

// Calendar is an iCalendar file of weekly recurring events.
type Calendar struct {
	URL    string
	Name   string
	TZID   string // IANA zone of every event
	Events []*Event
}

// Event is a weekly recurring slot.
type Event struct {
	UID         string
	Summary     string
	Description string
	URL         string
	// First is the first day the event recurs on; Until is the last (zero
	// for open-ended). Both are civil dates.
	First, Until time.Time
	Days         []time.Weekday
	From, To     int // minutes after midnight, local to TZID
}

// The feed file names beside a list.
const (
	FeedRSS  = "flux.xml"
	FeedAtom = "atom.xml"
	FeedJSON = "flux.json"
)

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
func (s *Site) Abs(u string) string {
	return strings.TrimSuffix(s.Config.BaseURL, "/") + u
}

// text registers a Markdown source for the link pass.
func (s *Site) text(path string, src []byte, line int, url string) *Text {
	t := &Text{Path: path, Line: line, Src: src, URL: url}
	s.texts = append(s.texts, t)
	return t
}
