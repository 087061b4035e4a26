package render

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/feeds"
	"golang.org/x/sync/errgroup"

	"github.com/relais-ecoles/relais/internal/hosting"
	"github.com/relais-ecoles/relais/internal/markdown"
	"github.com/relais-ecoles/relais/internal/site"
	"github.com/relais-ecoles/relais/internal/view"
)

// Feeds renders every feed of s in three formats, in the folder of its list:
//
//	<Dir>flux.xml   RSS 2.0, with atom:link rel="self", content:encoded and dc:creator
//	<Dir>atom.xml   Atom 1.0, with an author, rel="self" and rel="alternate"
//	<Dir>flux.json  JSON Feed 1.1, with feed_url and home_page_url
//
// RSS and Atom name the stylesheet /flux.xsl (FeedStylesheet), which a
// browser applies, and the WebSub hubs of the site's settings
// (atom:link rel="hub"), which readers subscribe to for a push.
//
// The format structs are those of github.com/gorilla/feeds, filled directly
// and wrapped where a format needs a field they lack (atom:link in RSS,
// several links and categories in Atom, language everywhere). Every link is
// absolute, from the site's base URL, including the links inside the
// content. Items keep the order of Feed.Items (newest first, as site makes
// them) and the time zone of their times. A feed's updated time is
// Feed.Updated, or the newest time of its items, never the clock: the same
// site gives the same bytes. An empty feed without Updated says it was
// updated at the Unix epoch, as Atom requires a date.
func Feeds(s *site.Site) ([]Output, error) { return renderFeeds(s, nil) }

// FeedCache keeps the contents of feed entries with absolute links
// (absoluteContents) from one call of its Feeds to the next, for the dev
// server, which renders again the feeds that show an edited directive: a
// national directive is in 49 feeds of 50 entries, of which one changed.
// An entry's content is taken from the cache when its text, page, HTML
// and the site's base URL are those it was made from. A FeedCache is safe
// for concurrent use.
type FeedCache struct {
	mu       sync.Mutex
	contents map[contentKey]cachedContent
	entries  map[string]*encodedEntry // the encoded entries (feedentries.go)
}

type cachedContent struct {
	src, base, abs string
}

// NewFeedCache returns an empty cache.
func NewFeedCache() *FeedCache { return &FeedCache{} }

// Feeds is Feeds through the cache; the cache keeps the contents of this
// call's entries only.
func (c *FeedCache) Feeds(s *site.Site) ([]Output, error) { return renderFeeds(s, c) }

func renderFeeds(s *site.Site, c *FeedCache) ([]Output, error) {
	out := make([]Output, 3*len(s.Feeds))
	errs := make([]error, len(s.Feeds))
	contents := absoluteContents(s, c)
	var old map[string]*encodedEntry
	if c != nil {
		c.mu.Lock()
		old = c.entries
		c.mu.Unlock()
	}
	ec := newEntryCache(old)
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, f := range s.Feeds {
		g.Go(func() error {
			v := newFeedView(s, f, contents)
			rss, err := rssFeed(v, ec)
			if err == nil {
				var atom, js []byte
				atom, err = atomDoc(v, ec)
				if err == nil {
					js, err = jsonDoc(v, ec)
				}
				out[3*i] = Output{Path: hosting.FilePath(f.Dir + view.FeedRSS), Data: rss}
				out[3*i+1] = Output{Path: hosting.FilePath(f.Dir + view.FeedAtom), Data: atom}
				out[3*i+2] = Output{Path: hosting.FilePath(f.Dir + view.FeedJSON), Data: js}
			}
			if err != nil {
				errs[i] = fmt.Errorf("feed %s: %v", f.Dir, err)
			}
			return nil
		})
	}
	_ = g.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	if c != nil {
		c.mu.Lock()
		c.entries = ec.m
		c.mu.Unlock()
	}
	return out, nil
}

// FeedView is a feed ready to be written: absolute URLs, plain French text,
// content HTML with absolute links.
type FeedView struct {
	Title       string
	Description string
	Home        string // the list page
	RSSURL      string
	AtomURL     string
	JSONURL     string
	Updated     time.Time
	Author      feeds.Author // the publisher of the site
	AuthorURL   string
	Language    string
	Hubs        []string // WebSub hubs (rel="hub")
	Items       []FeedItemView
}

// FeedItemView is one entry of a FeedView.
type FeedItemView struct {
	ID        string
	Title     string
	URL       string
	Summary   string
	HTML      string // full content, links absolute; "" when the item has none
	Author    string
	Published time.Time
	Updated   time.Time // never zero: Published when the item was not updated
	Tags      []string
}

// contentKey is the content of a feed entry: its text, and the absolute
// URL of its page, which the text's fragment links lead to.
type contentKey struct {
	text *view.Text
	page string
}

// absoluteContents returns the content of every entry of the feeds of s
// with its links made absolute (AbsoluteLinks), made once for each text
// and page: one entry is in several feeds (a directive of the ministry is
// in the feed of every région and académie), and making its links
// absolute was most of the cost of its feeds.
func absoluteContents(s *site.Site, c *FeedCache) map[contentKey]string {
	index := map[contentKey]int{}
	var keys []contentKey
	for _, f := range s.Feeds {
		for _, it := range f.Items {
			if it.Content == nil {
				continue
			}
			k := contentKey{it.Content, s.Abs(it.URL)}
			if _, ok := index[k]; !ok {
				index[k] = len(keys)
				keys = append(keys, k)
			}
		}
	}
	html := make([]string, len(keys))
	base := s.Abs("/")
	var old map[contentKey]cachedContent
	if c != nil {
		c.mu.Lock()
		old = c.contents
		c.mu.Unlock()
	}
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, k := range keys {
		src := string(k.text.HTML)
		if e, ok := old[k]; ok && e.src == src && e.base == base {
			html[i] = e.abs
			continue
		}
		g.Go(func() error {
			html[i] = AbsoluteLinks(src, base, k.page)
			return nil
		})
	}
	_ = g.Wait()
	out := make(map[contentKey]string, len(keys))
	for i, k := range keys {
		out[k] = html[i]
	}
	if c != nil {
		kept := make(map[contentKey]cachedContent, len(keys))
		for i, k := range keys {
			kept[k] = cachedContent{src: string(k.text.HTML), base: base, abs: html[i]}
		}
		c.mu.Lock()
		c.contents = kept
		c.mu.Unlock()
	}
	return out
}

// newFeedView prepares f of s for writing; contents are the contents of
// its entries with absolute links (absoluteContents).
func newFeedView(s *site.Site, f *view.Feed, contents map[contentKey]string) *FeedView {
	cfg := s.Config
	v := &FeedView{
		Title:       markdown.Plain(f.Title),
		Description: markdown.Plain(f.Description),
		Home:        s.Abs(f.Dir),
		RSSURL:      s.Abs(f.Dir + view.FeedRSS),
		AtomURL:     s.Abs(f.Dir + view.FeedAtom),
		JSONURL:     s.Abs(f.Dir + view.FeedJSON),
		Updated:     f.Updated,
		Author:      feeds.Author{Name: cfg.Publisher, Email: cfg.Contact.Email},
		AuthorURL:   s.Abs("/"),
		Language:    cfg.Language,
		Hubs:        cfg.Notify.Hubs,
		Items:       make([]FeedItemView, len(f.Items)),
	}
	if v.Author.Name == "" {
		v.Author.Name = cfg.Title
	}
	if v.Language == "" {
		v.Language = "fr"
	}
	if v.Description == "" {
		v.Description = v.Title
	}
	newest := time.Time{}
	for i, it := range f.Items {
		iv := FeedItemView{
			ID:        it.ID,
			Title:     markdown.Plain(it.Title),
			URL:       s.Abs(it.URL),
			Summary:   markdown.Plain(it.Summary),
			Author:    it.Author,
			Published: it.Published,
			Updated:   it.Updated,
			Tags:      it.Tags,
		}
		if iv.ID == "" {
			iv.ID = iv.URL
		}
		if iv.Updated.IsZero() || iv.Updated.Before(iv.Published) {
			iv.Updated = iv.Published
		}
		if it.Content != nil {
			iv.HTML = contents[contentKey{it.Content, iv.URL}]
		}
		if iv.Updated.After(newest) {
			newest = iv.Updated
		}
		v.Items[i] = iv
	}
	if v.Updated.IsZero() {
		v.Updated = newest
	}
	return v
}

var linkAttrRE = regexp.MustCompile(`\s(?:href|src)="([^"]*)"`)

// AbsoluteLinks makes the site-absolute ("/x/") and fragment ("#x") links
// of an HTML fragment absolute: base is the site's base URL (ending in
// "/"), page the absolute URL the fragment belongs to. A feed reader shows
// the content away from the site, where a path alone leads nowhere.
func AbsoluteLinks(h, base, page string) string {
	if !strings.Contains(h, `="/`) && !strings.Contains(h, `="#`) {
		return h
	}
	base = strings.TrimSuffix(base, "/")
	return linkAttrRE.ReplaceAllStringFunc(h, func(m string) string {
		i := strings.IndexByte(m, '"')
		val := m[i+1 : len(m)-1]
		switch {
		case strings.HasPrefix(val, "//"):
			return m
		case strings.HasPrefix(val, "/"):
			return m[:i+1] + base + val + `"`
		case strings.HasPrefix(val, "#"):
			return m[:i+1] + page + val + `"`
		}
		return m
	})
}

// The namespaces RSS borrows elements from.
const (
	nsAtom    = "http://www.w3.org/2005/Atom"
	nsContent = "http://purl.org/rss/1.0/modules/content/"
	nsDC      = "http://purl.org/dc/elements/1.1/"
)

// rssRoot is <rss> with the namespaces relais uses; gorilla's RssFeedXml
// declares only content:.
type rssRoot struct {
	XMLName   xml.Name `xml:"rss"`
	Version   string   `xml:"version,attr"`
	NSContent string   `xml:"xmlns:content,attr"`
	NSAtom    string   `xml:"xmlns:atom,attr"`
	NSDC      string   `xml:"xmlns:dc,attr"`
	Channel   *rssChannel
}

// rssChannel adds atom:link rel="self" (and rel="hub") to gorilla's
// channel, and items that carry dc:creator, several categories and
// atom:updated.
type rssChannel struct {
	*feeds.RssFeed
	Links []atomLinkNS `xml:"atom:link"`
	Items []*rssItem   `xml:"item"`
}

type atomLinkNS struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
}

type rssItem struct {
	*feeds.RssItem
	Creator    string   `xml:"dc:creator,omitempty"`
	Categories []string `xml:"category"`
	Updated    string   `xml:"atom:updated,omitempty"`
}

// RSS writes v as RSS 2.0.
func RSS(v *FeedView) ([]byte, error) { return rssFeed(v, nil) }

func rssFeed(v *FeedView, ec *entryCache) ([]byte, error) {
	doc, err := encodeXML(rssDocument(v))
	if err != nil {
		return nil, err
	}
	return spliceXML(doc, "\n  </channel>\n</rss>\n", v.Items, ec, formatRSS)
}

// rssDocument is the RSS document of v without its items.
func rssDocument(v *FeedView) *rssRoot {
	ch := &rssChannel{
		RssFeed: &feeds.RssFeed{
			Title:       v.Title,
			Link:        v.Home,
			Description: v.Description,
			Language:    v.Language,
			Generator:   "relais",
			Docs:        "https://www.rssboard.org/rss-specification",
		},
		Links: []atomLinkNS{{Href: v.RSSURL, Rel: "self", Type: "application/rss+xml"}},
	}
	for _, h := range v.Hubs {
		ch.Links = append(ch.Links, atomLinkNS{Href: h, Rel: "hub"})
	}
	if v.Author.Email != "" {
		ch.ManagingEditor = fmt.Sprintf("%s (%s)", v.Author.Email, v.Author.Name)
	}
	if !v.Updated.IsZero() {
		ch.PubDate = v.Updated.Format(time.RFC1123Z)
		ch.LastBuildDate = ch.PubDate
	}
	return &rssRoot{Version: "2.0", NSContent: nsContent, NSAtom: nsAtom, NSDC: nsDC, Channel: ch}
}

// rssEntry encodes one item of an RSS feed as it stands in the channel.
func rssEntry(it *FeedItemView) ([]byte, error) {
	return encodeXMLElement(rssItemOf(it), "item", "    ")
}

// rssItemOf is the RSS item of it.
func rssItemOf(it *FeedItemView) *rssItem {
	ri := &rssItem{
		RssItem: &feeds.RssItem{
			Title:       it.Title,
			Link:        it.URL,
			Description: html.EscapeString(it.Summary),
			Guid:        &feeds.RssGuid{Id: it.ID, IsPermaLink: "false"},
			PubDate:     it.Published.Format(time.RFC1123Z),
		},
		Creator:    it.Author,
		Categories: it.Tags,
	}
	if it.ID == it.URL {
		ri.Guid.IsPermaLink = "true"
	}
	if it.HTML != "" {
		ri.Content = &feeds.RssContent{Content: it.HTML}
	}
	if it.Updated.After(it.Published) {
		ri.Updated = it.Updated.Format(time.RFC3339)
	}
	return ri
}

// atomFeed adds xml:lang, several links (alternate and self) and a
// generator to gorilla's feed.
type atomFeed struct {
	*feeds.AtomFeed
	Lang  string           `xml:"xml:lang,attr"`
	Links []feeds.AtomLink `xml:"link"`
	Gen   string           `xml:"generator"`
	Items []*atomEntry     `xml:"entry"`
}

// atomEntry gives an entry Atom categories (term attributes; gorilla
// writes a text element).
type atomEntry struct {
	*feeds.AtomEntry
	Categories []atomCategory `xml:"category"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

// Atom writes v as Atom 1.0.
func Atom(v *FeedView) ([]byte, error) { return atomDoc(v, nil) }

func atomDoc(v *FeedView, ec *entryCache) ([]byte, error) {
	doc, err := encodeXML(atomDocument(v))
	if err != nil {
		return nil, err
	}
	return spliceXML(doc, "\n</feed>\n", v.Items, ec, formatAtom)
}

// atomDocument is the Atom document of v without its entries.
func atomDocument(v *FeedView) *atomFeed {
	updated := v.Updated
	if updated.IsZero() {
		updated = time.Unix(0, 0).UTC()
	}
	links := []feeds.AtomLink{
		{Href: v.Home, Rel: "alternate", Type: "text/html"},
		{Href: v.AtomURL, Rel: "self", Type: "application/atom+xml"},
	}
	for _, h := range v.Hubs {
		links = append(links, feeds.AtomLink{Href: h, Rel: "hub"})
	}
	return &atomFeed{
		AtomFeed: &feeds.AtomFeed{
			Xmlns:    nsAtom,
			Title:    v.Title,
			Id:       v.Home,
			Updated:  updated.Format(time.RFC3339),
			Subtitle: v.Description,
			Author:   &feeds.AtomAuthor{AtomPerson: feeds.AtomPerson{Name: v.Author.Name, Uri: v.AuthorURL, Email: v.Author.Email}},
		},
		Lang:  v.Language,
		Links: links,
		Gen:   "relais",
	}
}

// atomEntryXML encodes one entry of an Atom feed as it stands in the feed.
func atomEntryXML(it *FeedItemView) ([]byte, error) {
	return encodeXMLElement(atomEntryOf(it), "entry", "  ")
}

// atomEntryOf is the Atom entry of it.
func atomEntryOf(it *FeedItemView) *atomEntry {
	e := &atomEntry{AtomEntry: &feeds.AtomEntry{
		Title:     it.Title,
		Id:        it.ID,
		Updated:   it.Updated.Format(time.RFC3339),
		Published: it.Published.Format(time.RFC3339),
		Links:     []feeds.AtomLink{{Href: it.URL, Rel: "alternate", Type: "text/html"}},
	}}
	if it.Summary != "" {
		e.Summary = &feeds.AtomSummary{Content: it.Summary, Type: "text"}
	}
	if it.HTML != "" {
		e.Content = &feeds.AtomContent{Content: it.HTML, Type: "html"}
	}
	if it.Author != "" {
		e.Author = &feeds.AtomAuthor{AtomPerson: feeds.AtomPerson{Name: it.Author}}
	}
	for _, t := range it.Tags {
		e.Categories = append(e.Categories, atomCategory{Term: t})
	}
	return e
}

// jsonFeed writes items even when there is none: JSON Feed requires the
// array, and gorilla's struct omits it when empty.
type jsonFeed struct {
	*feeds.JSONFeed
	Items []*feeds.JSONItem `json:"items"`
}

// JSONFeedVersion is the JSON Feed version relais writes.
const JSONFeedVersion = "https://jsonfeed.org/version/1.1"

// JSONFeed writes v as JSON Feed 1.1 (authors, not the author of 1.0).
func JSONFeed(v *FeedView) ([]byte, error) { return jsonDoc(v, nil) }

func jsonDoc(v *FeedView, ec *entryCache) ([]byte, error) {
	buf := getBuffer()
	defer putBuffer(buf)
	if err := encodeJSONFeed(buf, jsonFeed{JSONFeed: jsonDocument(v), Items: []*feeds.JSONItem{}}, ""); err != nil {
		return nil, err
	}
	// The items go into the empty array that ends the document.
	doc := buf.Bytes()
	const tail = "[]\n}\n"
	if !bytes.HasSuffix(doc, []byte(tail)) {
		return nil, fmt.Errorf("JSON Feed without its items array at the end: this is a bug in relais, please report it")
	}
	if len(v.Items) == 0 {
		return bytes.Clone(doc), nil
	}
	entries, n, err := ec.entries(v.Items, formatJSON)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(doc)+n+len(v.Items)*6+4)
	out = append(out, doc[:len(doc)-len(tail)]...)
	out = append(out, '[')
	for i, e := range entries {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, "\n    "...)
		out = append(out, e...)
	}
	return append(out, "\n  ]\n}\n"...), nil
}

// jsonDocument is the JSON Feed of v without its items.
func jsonDocument(v *FeedView) *feeds.JSONFeed {
	return &feeds.JSONFeed{
		Version:     JSONFeedVersion,
		Title:       v.Title,
		Language:    v.Language,
		HomePageUrl: v.Home,
		FeedUrl:     v.JSONURL,
		Description: v.Description,
		Authors:     []*feeds.JSONAuthor{{Name: v.Author.Name, Url: v.AuthorURL}},
	}
}

// encodeJSONFeed writes v as relais writes JSON Feeds (HTML not escaped,
// indented by two spaces), each line after the first starting with prefix.
func encodeJSONFeed(buf *bytes.Buffer, v any, prefix string) error {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	return enc.Encode(v)
}

// jsonEntry encodes one item of a JSON Feed as it stands in the items
// array (its first line without indentation).
func jsonEntry(it *FeedItemView) ([]byte, error) {
	buf := getBuffer()
	defer putBuffer(buf)
	if err := encodeJSONFeed(buf, jsonItemOf(it), "    "); err != nil {
		return nil, err
	}
	return bytes.Clone(bytes.TrimSuffix(buf.Bytes(), []byte("\n"))), nil
}

// jsonItemOf is the JSON Feed item of it.
func jsonItemOf(it *FeedItemView) *feeds.JSONItem {
	ji := &feeds.JSONItem{
		Id:            it.ID,
		Url:           it.URL,
		Title:         it.Title,
		Summary:       it.Summary,
		ContentHTML:   it.HTML,
		PublishedDate: &it.Published,
		ModifiedDate:  &it.Updated,
		Tags:          it.Tags,
	}
	if it.HTML == "" {
		// JSON Feed requires a content: the summary, or the title of
		// an entry that has neither text nor summary.
		ji.ContentText = it.Summary
		if ji.ContentText == "" {
			ji.ContentText = it.Title
		}
	}
	if it.Author != "" {
		ji.Authors = []*feeds.JSONAuthor{{Name: it.Author}}
	}
	return ji
}

// encodeXML writes v as an indented XML document, which names the feed
// stylesheet (FeedStylesheetURL).
//
// The feed is made in a buffer kept from one feed to the next and returned
// as a copy of its exact length: a build holds every feed until it writes
// them, and grown buffers kept a third of their memory unused.
func encodeXML(v any) ([]byte, error) {
	buf := getBuffer()
	defer putBuffer(buf)
	buf.WriteString(xml.Header)
	buf.WriteString(feedStylesheetPI)
	enc := xml.NewEncoder(buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return bytes.Clone(buf.Bytes()), nil
}
