// Package hosting is the one source of truth for the HTTP headers a relais
// site is served with. Every consumer asks it: the build writes the rules
// for hosts from it (_headers, _redirects, _nginx.conf), the dev server sets
// them on its responses, and deploy sets them on each object it uploads. A
// header rule written anywhere else is a bug.
//
// The rules, for a file of the output folder (or the URL that serves it):
//
//   - Content-Type by file name (the table of output kinds, internal/output): .html text/html, .css text/css, .js
//     text/javascript, .ics text/calendar, .txt text/plain, .xml
//     application/xml, .xsl text/xsl (the feeds' stylesheet), all with
//     charset=utf-8; the feeds by their fixed names (flux.xml and atom.xml
//     application/xml with charset=utf-8, so that a browser applies their
//     stylesheet; flux.json application/feed+json); other .json
//     application/json; .webmanifest application/manifest+json; .svg
//     image/svg+xml; a few image and font types; anything else
//     application/octet-stream. A URL ending in "/" or without an extension
//     is a folder: it serves its index.html.
//   - Cache-Control: files under /assets/ have content-hashed names and are
//     "public, max-age=31536000, immutable". The service worker, /sw.js,
//     keeps its name and is "no-cache". Everything else (pages, feeds,
//     JSON, calendars, sitemap, robots.txt, 404.html) is short-lived:
//     "public, max-age=M, stale-while-revalidate=S, stale-if-error=S" with M
//     and S from the cache settings of content/site.yaml, so a CDN keeps
//     answering from its copy while it revalidates, and when the origin is
//     down.
//   - Security headers on every response: a Content-Security-Policy that
//     allows scripts, styles, images, fonts and connections from the site
//     itself only (no 'unsafe-inline', no eval; images may also be data:
//     URLs; the one inline style allowed, by its hash, is that of the
//     "ENT saturé" pages), no plugins, no framing, forms posting to the site only;
//     X-Content-Type-Options: nosniff; X-Frame-Options: DENY for browsers
//     older than frame-ancestors; Referrer-Policy:
//     strict-origin-when-cross-origin; a Permissions-Policy turning off the
//     device features a school timetable never needs; and, when the site's
//     base URL is https, Strict-Transport-Security.
//   - Access-Control-Allow-Origin: * on the files other sites read from a
//     browser (CrossOrigin): every .json file (creneaux.json, bandeau.json,
//     the JSON Feeds, the schemas) and the RSS and Atom feeds, so that an
//     ENT login page on another origin can fetch them. Nothing a page of
//     this site does depends on cookies, so no credentials are allowed.
//   - The pages under /encart/ (Embeddable), made to be framed by ENT login
//     pages, have EmbedCSP (frame-ancestors *) and no X-Frame-Options; no
//     other page may be framed.
//   - The web form under /admin/ (when site.yaml has a cms section) has
//     AdminPolicy: Decap CMS's inline styles and the forge's API allowed
//     there, and nowhere else.
//   - A precompressed variant (x.html.gz, x.html.br) has the headers of the
//     file it compresses, plus Content-Encoding and Vary: Accept-Encoding.
//   - The rules files themselves (_headers, _redirects, _nginx.conf) are
//     Private: a host must never serve them (Netlify and Cloudflare Pages
//     read and hide the first two; the nginx snippet refuses all three;
//     deploy does not upload them).
//
// hosting formats the rules for hosts; it never writes a file.
package hosting

import (
	"fmt"
	"net/http"
	"path"
	"strings"

	"github.com/relais-ecoles/relais/internal/config"
	"github.com/relais-ecoles/relais/internal/output"
	"github.com/relais-ecoles/relais/internal/view"
)

// Config is what the rules depend on.
type Config struct {
	// MaxAge is how long, in seconds, a browser or CDN may use a page, feed,
	// data file or calendar without asking again.
	MaxAge int
	// StaleWhileRevalidate is how long after that, in seconds, a cache may
	// still answer with its copy while it fetches a new one (and, as
	// stale-if-error, while the origin fails).
	StaleWhileRevalidate int
	// HTTPS adds Strict-Transport-Security.
	HTTPS bool
	// AdminCSP is the policy of the web form under AdminDir (AdminPolicy),
	// "" when the site has no form.
	AdminCSP string
}

// ConfigOf returns the hosting settings of a site.
func ConfigOf(c *config.Config) Config {
	cfg := Config{
		MaxAge:               c.Cache.HTML,
		StaleWhileRevalidate: c.Cache.StaleWhileRevalidate,
		HTTPS:                strings.HasPrefix(c.BaseURL, "https://"),
	}
	if c.CMS != nil {
		cfg.AdminCSP = AdminPolicy(c.CMS.Origins())
	}
	return cfg
}

// AdminDir is the folder of the web form (config.AdminDir).
const AdminDir = config.AdminDir

// AdminPolicy is the Content-Security-Policy of the web form under
// AdminDir: Decap CMS, served from the site itself, sets its styles in the
// page ('unsafe-inline' styles), checks its configuration with AJV, which
// compiles the schema into a function ('unsafe-eval': the CMS shows
// "Error loading the CMS configuration" without it), shows images it
// reads from the repository as blob: URLs, and talks to the forge's API
// (origins: the forge, and decap-server on loopback). Both allowances are
// for this folder only; scripts still come from the site only, and nothing
// may frame the form.
func AdminPolicy(origins []string) string {
	other := ""
	if len(origins) > 0 {
		other = " " + strings.Join(origins, " ")
	}
	return "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:" + other +
		"; font-src 'self' data:; connect-src 'self'" + other + "; manifest-src 'self'; media-src 'self' blob:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
}

// Admin reports whether the output path p is a file of the web form.
func Admin(p string) bool { return strings.HasPrefix("/"+p, AdminDir) }

// AssetsDir is the URL folder of content-hashed assets (asset.Dir).
const AssetsDir = "/assets/"

// Immutable is the Cache-Control of content-hashed assets.
const Immutable = "public, max-age=31536000, immutable"

// ServiceWorker is the address of the service worker (asset.ServiceWorkerURL).
// It keeps its name, so it is served with NoCache: a browser asks for it
// again at each check for a new version, and a CDN passes the question on
// to the origin instead of answering with an old version.
const ServiceWorker = "/sw.js"

// NoCache is the Cache-Control of the service worker: caches may keep it
// but must revalidate it each time.
const NoCache = "no-cache"

// The rules files a build writes at the root of the output folder.
const (
	HeadersFile   = "_headers"
	RedirectsFile = "_redirects"
	NginxFile     = "_nginx.conf"
)

// Private reports whether an output path (or URL) is a rules file that a
// host must not serve.
func Private(p string) bool {
	switch strings.TrimPrefix(p, "/") {
	case HeadersFile, RedirectsFile, NginxFile:
		return true
	}
	return false
}

// CSP is the Content-Security-Policy of every response. Its one inline
// allowance is the hash of the style of the "ENT saturé" pages
// (errorpage.StyleHash, held to it by a test), which are single files
// meant for other servers and open on the site too.
const CSP = cspStart + "frame-ancestors 'none'" + cspEnd

// EmbedCSP is the policy of the pages other sites may frame (Embeddable):
// CSP with frame-ancestors *, and no X-Frame-Options.
const EmbedCSP = cspStart + "frame-ancestors *" + cspEnd

const (
	cspStart = "default-src 'self'; script-src 'self'; style-src 'self' 'sha256-8Oy0PooKeO5nH575JjPGK/UGB9WouMQPkHhalFAkOmY='; img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; media-src 'self'; object-src 'none'; base-uri 'self'; "
	cspEnd   = "; form-action 'self'"
)

// EmbedDir is the folder of the pages ENT login pages frame
// (errorpage.EmbedDir).
const EmbedDir = "/encart/"

// Embeddable reports whether the page at output path p may be framed by
// any site: the pages under EmbedDir, and no other.
func Embeddable(p string) bool { return strings.HasPrefix("/"+p, EmbedDir) }

// PermissionsPolicy turns off device features.
const PermissionsPolicy = "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=()"

// Rules are the header rules of one site. The zero value is not useful:
// use New.
type Rules struct {
	cfg Config
}

// New returns the rules for cfg.
func New(cfg Config) *Rules { return &Rules{cfg: cfg} }

// Config returns the settings the rules were made with.
func (r *Rules) Config() Config { return r.cfg }

// ShortCache is the Cache-Control of everything that is not an asset.
func (r *Rules) ShortCache() string {
	s := fmt.Sprintf("public, max-age=%d", r.cfg.MaxAge)
	if r.cfg.StaleWhileRevalidate > 0 {
		s += fmt.Sprintf(", stale-while-revalidate=%d, stale-if-error=%d", r.cfg.StaleWhileRevalidate, r.cfg.StaleWhileRevalidate)
	}
	return s
}

// Security returns the security headers of every response.
func (r *Rules) Security() http.Header {
	h := http.Header{}
	h.Set("Content-Security-Policy", CSP)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
	h.Set("Permissions-Policy", PermissionsPolicy)
	if r.cfg.HTTPS {
		h.Set("Strict-Transport-Security", "max-age=63072000")
	}
	return h
}

// Encodings are the precompressed variants a build may write beside a
// file, by suffix, with their Content-Encoding.
var encodings = [...]struct{ Suffix, Encoding string }{
	{".br", "br"},
	{".gz", "gzip"},
}

// Variant splits the path of a precompressed variant into the path of the
// file it compresses and its Content-Encoding. ok is false for other paths.
func Variant(p string) (orig, encoding string, ok bool) {
	for _, e := range encodings {
		if o, found := strings.CutSuffix(p, e.Suffix); found && Compressible(o) {
			return o, e.Encoding, true
		}
	}
	return p, "", false
}

// HeadersFor returns every header of the response for p: a path of the
// output folder ("academies/paris/index.html") or a URL path
// ("/academies/paris/"). The caller may change the returned map.
func (r *Rules) HeadersFor(p string) http.Header {
	file := FilePath(p)
	orig, enc, isVariant := Variant(file)
	h := r.Security()
	h.Set("Content-Type", ContentType(orig))
	switch {
	case output.CacheOf(orig) == output.Immutable:
		h.Set("Cache-Control", Immutable)
	case "/"+orig == ServiceWorker:
		h.Set("Cache-Control", NoCache)
	default:
		h.Set("Cache-Control", r.ShortCache())
	}
	if CrossOrigin(orig) {
		h.Set("Access-Control-Allow-Origin", "*")
	}
	if Embeddable(orig) {
		h.Set("Content-Security-Policy", EmbedCSP)
		h.Del("X-Frame-Options")
	}
	if Admin(orig) && r.cfg.AdminCSP != "" {
		h.Set("Content-Security-Policy", r.cfg.AdminCSP)
	}
	if isVariant {
		h.Set("Content-Encoding", enc)
		h.Set("Vary", "Accept-Encoding")
	}
	return h
}

// CrossOrigin reports whether pages of other origins may read the file at
// output path p (Access-Control-Allow-Origin: *): the JSON files and the
// RSS and Atom feeds, public data meant for other sites.
func CrossOrigin(p string) bool {
	base := path.Base(p)
	return strings.EqualFold(path.Ext(p), ".json") || base == view.FeedRSS || base == view.FeedAtom
}

// FilePath maps a URL path or an output path to the output path that
// serves it: no leading slash; a folder ("/x/", "/x", "") serves its
// index.html.
func FilePath(p string) string {
	p = strings.TrimPrefix(p, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	if base := path.Base(p); !strings.Contains(base, ".") && !Private(p) {
		return p + "/index.html"
	}
	return p
}

// URLOf maps an output path to the URL that serves it: "x/index.html"
// becomes "/x/", other files keep their name.
func URLOf(p string) string {
	switch {
	case p == "index.html":
		return "/"
	case strings.HasSuffix(p, "/index.html"):
		return "/" + strings.TrimSuffix(p, "index.html")
	}
	return "/" + p
}

// ContentType returns the Content-Type of an output path, from the table
// of output kinds.
func ContentType(p string) string { return output.KindOf(p).Type }

// Compressible reports whether a file is text worth precompressing.
func Compressible(p string) bool {
	return output.KindOf(p).Compressible && !Private(p)
}
