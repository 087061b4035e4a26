// Package output is the table of the kinds of file a build writes: for each
// kind, its media type, its cache class, whether it is precompressed and
// which size budget counts it. Every package that must know what a file is
// asks KindOf instead of reading the path again: hosting for the headers
// (and so the dev server and deploy), publish for precompression, the build
// for the budgets, render for the build summary, deploy for its upload
// order. A new kind of output is one row of Kinds.
//
// A file's kind comes from its path in the output folder: a fixed file name
// first (the feeds), then its extension; a file under assets/ has
// content-hashed name and the Immutable cache class. output is a leaf: it
// imports nothing of relais.
package output

import (
	"path"
	"slices"
	"strings"
)

// Cache is how long a host and a CDN may keep a file.
type Cache int

const (
	// Short: pages, feeds, data, calendars: a few minutes, then
	// revalidated (hosting gives the durations of site.yaml).
	Short Cache = iota
	// Immutable: assets, whose names change with their bytes: a year.
	Immutable
)

// Budget is the size budget of site.yaml that counts a file.
type Budget int

const (
	NoBudget   Budget = iota
	PageBudget        // html_kb, for the level pages
	CSSBudget         // css_kb, all stylesheets together
	JSBudget          // js_kb, all scripts together
)

// Format is how render encodes a data file (view.DataFile) of a kind.
type Format int

const (
	NotData Format = iota
	JSON           // encoding/json
	CSV            // a table: UTF-8 with a BOM, ';' between fields, CRLF
)

// Family groups the kinds a build counts in its summary and deploy
// uploads in turn (feeds, then data, then calendars, before the pages that
// link to them).
type Family int

const (
	OtherFamily Family = iota
	Page               // an HTML page
	Feed               // RSS, Atom, JSON Feed
	Data               // a data file: JSON, CSV
	Calendar           // iCalendar
)

// Kind is one kind of output file.
type Kind struct {
	Name         string
	Type         string // Content-Type
	Compressible bool   // text worth a .gz and a .br beside it
	Budget       Budget
	Format       Format
	Family       Family
}

// AssetsDir is the folder of content-hashed assets, in the output folder.
const AssetsDir = "assets/"

// byName are the kinds known by file name, whatever the folder. RSS and
// Atom are served as application/xml, not application/rss+xml and
// application/atom+xml: Chromium shows those as plain text and never
// applies the feed's stylesheet (/flux.xsl), which it does for
// application/xml. Feed readers read the document, whatever its type; the
// pages still announce the feeds with their own types (link rel=alternate).
var byName = map[string]Kind{
	"flux.xml":  {Name: "RSS feed", Type: "application/xml; charset=utf-8", Compressible: true, Family: Feed},
	"atom.xml":  {Name: "Atom feed", Type: "application/xml; charset=utf-8", Compressible: true, Family: Feed},
	"flux.json": {Name: "JSON Feed", Type: "application/feed+json", Compressible: true, Format: JSON, Family: Feed},
}

// byExt are the other kinds, by extension.
var byExt = map[string]Kind{
	".html":        {Name: "page", Type: "text/html; charset=utf-8", Compressible: true, Budget: PageBudget, Family: Page},
	".css":         {Name: "stylesheet", Type: "text/css; charset=utf-8", Compressible: true, Budget: CSSBudget},
	".js":          {Name: "script", Type: "text/javascript; charset=utf-8", Compressible: true, Budget: JSBudget},
	".json":        {Name: "JSON data", Type: "application/json", Compressible: true, Format: JSON, Family: Data},
	".csv":         {Name: "CSV table", Type: "text/csv; charset=utf-8; header=present", Compressible: true, Format: CSV, Family: Data},
	".xml":         {Name: "XML (sitemap)", Type: "application/xml; charset=utf-8", Compressible: true},
	".xsl":         {Name: "XSL stylesheet", Type: "text/xsl; charset=utf-8", Compressible: true},
	".ics":         {Name: "calendar", Type: "text/calendar; charset=utf-8", Compressible: true, Family: Calendar},
	".txt":         {Name: "text", Type: "text/plain; charset=utf-8", Compressible: true},
	".webmanifest": {Name: "web manifest", Type: "application/manifest+json", Compressible: true},
	".svg":         {Name: "SVG image", Type: "image/svg+xml", Compressible: true},
	".png":         {Name: "PNG image", Type: "image/png"},
	".jpg":         {Name: "JPEG image", Type: "image/jpeg"},
	".jpeg":        {Name: "JPEG image", Type: "image/jpeg"},
	".gif":         {Name: "GIF image", Type: "image/gif"},
	".webp":        {Name: "WebP image", Type: "image/webp"},
	".avif":        {Name: "AVIF image", Type: "image/avif"},
	".ico":         {Name: "icon", Type: "image/x-icon"},
	".woff2":       {Name: "font", Type: "font/woff2"},
	".pdf":         {Name: "PDF document", Type: "application/pdf"},
}

// Extensions returns the extensions the table knows, sorted: the types
// map of the nginx rules lists them all.
func Extensions() []string {
	exts := make([]string, 0, len(byExt))
	for e := range byExt {
		exts = append(exts, e)
	}
	slices.Sort(exts)
	return exts
}

// other is the kind of a file the table does not know.
var other = Kind{Name: "other", Type: "application/octet-stream"}

// KindOf returns the kind of the file at p, a slash path of the output
// folder ("academies/paris/index.html"). The rules files of hosts
// (_headers, _redirects, _nginx.conf) are never served and are of no kind
// the table knows: "other", not compressible.
func KindOf(p string) Kind {
	base := path.Base(p)
	if strings.HasPrefix(base, "_") {
		return other
	}
	if k, ok := byName[base]; ok {
		return k
	}
	if k, ok := byExt[strings.ToLower(path.Ext(base))]; ok {
		return k
	}
	return other
}

// CacheOf returns the cache class of the file at p: Immutable under
// assets/, Short elsewhere.
func CacheOf(p string) Cache {
	if strings.HasPrefix(strings.TrimPrefix(p, "/"), AssetsDir) {
		return Immutable
	}
	return Short
}
