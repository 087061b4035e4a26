// Package view is the output model of a site: the pages, feeds, data
// files and calendars the domains build as plain data and render turns
// into bytes, and what they are made of (links, pagers, moments, Markdown
// texts). It is a leaf: the domains (timetable, directive, catalog, guide)
// build their views with it, site wires them into a site, and render,
// pipeline and serve read them. A view is complete when it is built:
// nothing changes it afterwards, so that an unchanged view can be kept
// from one build to the next.
package view

import (
	"html/template"
	"strconv"
	"strings"
	"time"

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/vocab"
)

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
	// Deps are optional. The dev server renders a page again when what
	// its layout can see of it (its fields and Data by value, the HTML of
	// the texts it shows) differs from the last build's: it needs no list
	// of what the page depends on (internal/pipeline, pagesum.go). Deps
	// only narrow which Markdown texts held in Data the page shows: with
	// Deps, those whose file is the page's Source or a Deps entry (and
	// Content); without, every text it holds. A list that holds its
	// items' views, bodies included, but shows their titles only, names
	// no item file (ShownDep entries, which name what it shows, are
	// allowed and name no file), and is not rendered again when only an
	// item's body changes.
	Deps []string
}

// ShownDep is a Deps entry that is not a file but data a page shows, such
// as a link's address and label. It names no file, so a page whose Deps
// are ShownDep entries shows none of the texts its Data holds but its
// Content (see Page.Deps); the data itself is in the page's fingerprint
// anyway.
func ShownDep(parts ...string) string { return "shown:" + strings.Join(parts, "\x1f") }

// CountDep is the Deps entry of a count a page shows (of what, how many).
func CountDep(of string, n int) string { return ShownDep("count", of, strconv.Itoa(n)) }

// LinkDeps are the Deps entries of links a page shows.
func LinkDeps(links ...Link) []string {
	out := make([]string, len(links))
	for i, l := range links {
		out[i] = ShownDep("link", l.URL, l.Label)
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

// Pager is the navigation between the pages of a paginated list.
type Pager struct {
	Page, Pages int
	Prev, Next  string // URLs; empty on the first and last page
	// Links are the first and last pages and those near this one, in
	// order; a Link without URL stands for the pages left out.
	Links []Link
}

// NewPager returns the pager of page n of pages, whose URLs urlOf gives.
func NewPager(n, pages int, urlOf func(int) string) *Pager {
	p := &Pager{Page: n, Pages: pages}
	if n > 1 {
		p.Prev = urlOf(n - 1)
	}
	if n < pages {
		p.Next = urlOf(n + 1)
	}
	for i := 1; i <= pages; i++ {
		switch {
		case i == 1 || i == pages || i >= n-2 && i <= n+2:
			p.Links = append(p.Links, Link{URL: urlOf(i), Label: strconv.Itoa(i)})
		case p.Links[len(p.Links)-1].URL != "":
			p.Links = append(p.Links, Link{Label: "…"}) // a gap
		}
	}
	return p
}

// Stamp is a moment as a page writes it: ISO for <time datetime> and in
// French words.
type Stamp struct {
	ISO    string // "2020-03-17T07:50:00+01:00"; "" for no moment
	French string // "17 mars 2020 à 7h50"
}

// StampOf is t as a page writes it; dateOnly writes the day alone, when
// the time is not known.
func StampOf(t time.Time, dateOnly bool) Stamp {
	if t.IsZero() {
		return Stamp{}
	}
	if dateOnly {
		return Stamp{ISO: ISOStamp(t, true), French: vocab.FrenchDate(t)}
	}
	return Stamp{ISO: ISOStamp(t, false), French: vocab.FrenchDateTime(t)}
}

// ISOStamp is t for <time datetime>: "2020-03-19" for a day alone,
// "2020-03-19T18:00:00+01:00" for an instant.
func ISOStamp(t time.Time, dateOnly bool) string {
	if dateOnly {
		return t.Format(time.DateOnly)
	}
	return t.Format(time.RFC3339)
}

// SiteManifestURL is the site's web app manifest, which a page without its
// own links to (site.ManifestURL).
const SiteManifestURL = "/manifest.webmanifest"

// ManifestURL is the manifest the page links to: its own, or the site's.
func (p *Page) ManifestURL() string {
	if p.Manifest != "" {
		return p.Manifest
	}
	return SiteManifestURL
}
