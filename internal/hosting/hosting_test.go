package hosting

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/relais-ecoles/relais/internal/config"
	"github.com/relais-ecoles/relais/internal/errorpage"
	"github.com/relais-ecoles/relais/internal/view"
)

var testConfig = Config{MaxAge: 300, StaleWhileRevalidate: 86400, HTTPS: true}

const short = "public, max-age=300, stale-while-revalidate=86400, stale-if-error=86400"

func TestHeadersFor(t *testing.T) {
	r := New(testConfig)
	tests := []struct {
		path, typ, cache, encoding string
	}{
		{"/", "text/html; charset=utf-8", short, ""},
		{"index.html", "text/html; charset=utf-8", short, ""},
		{"/academies/paris/4e/", "text/html; charset=utf-8", short, ""},
		{"/academies/paris/4e", "text/html; charset=utf-8", short, ""},
		{"academies/paris/4e/index.html", "text/html; charset=utf-8", short, ""},
		{"/404.html", "text/html; charset=utf-8", short, ""},
		{"/directives/flux.xml", "application/xml; charset=utf-8", short, ""},
		{"/directives/atom.xml", "application/xml; charset=utf-8", short, ""},
		{"/directives/flux.json", "application/feed+json", short, ""},
		{"/academies/paris/creneaux.json", "application/json", short, ""},
		{"/academies/paris/4e.ics", "text/calendar; charset=utf-8", short, ""},
		{"/sitemap.xml", "application/xml; charset=utf-8", short, ""},
		{"/robots.txt", "text/plain; charset=utf-8", short, ""},
		{"/flux.xsl", "text/xsl; charset=utf-8", short, ""},
		{"/site.webmanifest", "application/manifest+json", short, ""},
		{"/assets/css/site.0123456789.css", "text/css; charset=utf-8", Immutable, ""},
		{"/assets/js/ouvert.0123456789.js", "text/javascript; charset=utf-8", Immutable, ""},
		{"/assets/img/logo.0123456789.svg", "image/svg+xml", Immutable, ""},
		{"/assets/img/photo.0123456789.png", "image/png", Immutable, ""},
		{"/sw.js", "text/javascript; charset=utf-8", NoCache, ""},
		{"sw.js.gz", "text/javascript; charset=utf-8", NoCache, "gzip"},
		{"academies/paris/index.html.gz", "text/html; charset=utf-8", short, "gzip"},
		{"assets/css/site.0123456789.css.br", "text/css; charset=utf-8", Immutable, "br"},
		{"/directives/flux.xml.br", "application/xml; charset=utf-8", short, "br"},
		{"/archive.tar.gz", "application/octet-stream", short, ""},
	}
	for _, tt := range tests {
		h := r.HeadersFor(tt.path)
		got := []string{h.Get("Content-Type"), h.Get("Cache-Control"), h.Get("Content-Encoding")}
		want := []string{tt.typ, tt.cache, tt.encoding}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("HeadersFor(%q) type, cache, encoding (-want +got):\n%s", tt.path, diff)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Content-Security-Policy") != CSP ||
			h.Get("Referrer-Policy") == "" || h.Get("Permissions-Policy") == "" || h.Get("Strict-Transport-Security") == "" {
			t.Errorf("HeadersFor(%q) lacks a security header: %v", tt.path, h)
		}
		if got, want := h.Get("Access-Control-Allow-Origin"), crossOrigin[tt.path]; got != want {
			t.Errorf("HeadersFor(%q) Access-Control-Allow-Origin = %q, want %q", tt.path, got, want)
		}
		if tt.encoding != "" && h.Get("Vary") != "Accept-Encoding" {
			t.Errorf("HeadersFor(%q): a precompressed variant must vary on Accept-Encoding", tt.path)
		}
	}
}

// crossOrigin are the paths of TestHeadersFor that other origins may read.
var crossOrigin = map[string]string{
	"/directives/flux.xml": "*", "/directives/atom.xml": "*", "/directives/flux.json": "*",
	"/academies/paris/creneaux.json": "*", "/directives/flux.xml.br": "*",
}

func TestCSPHasNoUnsafe(t *testing.T) {
	for _, d := range strings.Split(CSP, ";") {
		d = strings.TrimSpace(d)
		if strings.Contains(d, "unsafe") || strings.Contains(d, "*") {
			t.Errorf("CSP directive %q allows too much", d)
		}
	}
	for _, want := range []string{"default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'", "form-action 'self'"} {
		if !strings.Contains(CSP, want) {
			t.Errorf("CSP lacks %q", want)
		}
	}
}

// TestCSPAllowsTheErrorPageStyle: the one hash of the policy is that of
// the "ENT saturé" pages' style, so that they open on the site.
func TestCSPAllowsTheErrorPageStyle(t *testing.T) {
	if want := "style-src 'self' " + errorpage.StyleHash() + ";"; !strings.Contains(CSP, want) {
		t.Errorf("CSP lacks %q: the style of internal/errorpage changed, put its hash in hosting.CSP", want)
	}
	if strings.Count(CSP, "sha256-") != 1 {
		t.Error("CSP allows another inline source")
	}
}

func TestNoHSTSOverHTTP(t *testing.T) {
	h := New(Config{MaxAge: 60}).HeadersFor("/")
	if h.Get("Strict-Transport-Security") != "" {
		t.Error("Strict-Transport-Security is sent for a site whose base URL is http")
	}
	if got := h.Get("Cache-Control"); got != "public, max-age=60" {
		t.Errorf("Cache-Control without stale-while-revalidate = %q", got)
	}
}

func TestConfigOf(t *testing.T) {
	got := ConfigOf(&config.Config{BaseURL: "https://relais.example.fr/", Cache: config.Cache{HTML: 120, StaleWhileRevalidate: 600}})
	if diff := cmp.Diff(Config{MaxAge: 120, StaleWhileRevalidate: 600, HTTPS: true}, got); diff != "" {
		t.Error(diff)
	}
}

func TestURLOfAndFilePath(t *testing.T) {
	for _, tt := range []struct{ file, url string }{
		{"index.html", "/"},
		{"academies/paris/index.html", "/academies/paris/"},
		{"academies/paris/4e.ics", "/academies/paris/4e.ics"},
		{"404.html", "/404.html"},
		{"sitemap.xml", "/sitemap.xml"},
	} {
		if got := URLOf(tt.file); got != tt.url {
			t.Errorf("URLOf(%q) = %q, want %q", tt.file, got, tt.url)
		}
		if got := FilePath(tt.url); got != tt.file {
			t.Errorf("FilePath(%q) = %q, want %q", tt.url, got, tt.file)
		}
	}
}

// samplePaths is the shape of a whole build.
var samplePaths = []string{
	"404.html", "index.html", "robots.txt", "sitemap.xml", "site.webmanifest", "flux.xsl", "sw.js",
	"a-propos/index.html",
	"academies/index.html", "academies/paris/index.html", "academies/paris/4e/index.html",
	"academies/paris/4e.ics", "academies/paris/creneaux.json",
	"academies/paris/flux.xml", "academies/paris/atom.xml", "academies/paris/flux.json",
	"assets/css/site.0123456789.css", "assets/js/ouvert.0123456789.js",
	"directives/index.html", "directives/flux.xml", "directives/atom.xml", "directives/flux.json",
	"directives/fermeture/index.html",
	"programmes/niveaux/cp/index.html", "regions/ile-de-france/index.html",
	"encart/paris/4e/index.html",
	"index.html.gz", "index.html.br", "directives/flux.xml.gz",
	HeadersFile, RedirectsFile, NginxFile,
}

// hostTypes are the Content-Types hosts send by themselves, by extension.
var hostTypes = map[string]bool{".html": true, ".css": true, ".js": true, ".json": true, ".xml": true, ".txt": true, ".svg": true}

// TestHeadersFileParsedBack reads the _headers file as a host does and
// checks that every path of a build gets the headers HeadersFor gives it,
// each set once.
func TestHeadersFileParsedBack(t *testing.T) {
	r := New(testConfig)
	data, err := r.Headers(samplePaths)
	if err != nil {
		t.Fatal(err)
	}
	rules, err := ParseHeaders(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range samplePaths {
		if Private(p) {
			continue
		}
		if _, _, v := Variant(p); v {
			continue // hosts that read _headers compress by themselves
		}
		for _, u := range []string{URLOf(p), "/" + p} {
			got := Apply(rules, u)
			want := r.HeadersFor(p)
			if got.Get("Content-Type") == "" && hostTypes[filepath.Ext(p)] {
				got.Set("Content-Type", want.Get("Content-Type"))
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("_headers gives %s (-HeadersFor +_headers):\n%s", u, diff)
			}
		}
	}
	if err := CheckHeaders(data); err != nil {
		t.Error(err)
	}
}

func TestHeadersLimits(t *testing.T) {
	long := "/*\n  Content-Security-Policy: " + strings.Repeat("a", MaxHeaderLine) + "\n"
	if err := CheckHeaders([]byte(long)); err == nil || !strings.Contains(err.Error(), "line 2 is 2027 characters long") {
		t.Errorf("a line over %d characters: err = %v", MaxHeaderLine, err)
	}
	var paths []string
	for i := range MaxHeaderRules {
		paths = append(paths, "page"+string(rune('a'+i%26))+strings.Repeat("x", i/26)+"/index.html")
	}
	_, err := New(testConfig).Headers(paths)
	if err == nil || !strings.Contains(err.Error(), "more than the 100 Cloudflare Pages accepts") {
		t.Errorf("%d top-level folders: err = %v", len(paths), err)
	}
	if _, err := New(testConfig).Headers(paths[:90]); err != nil {
		t.Errorf("90 top-level folders: %v", err)
	}
}

func TestMatch(t *testing.T) {
	for _, tt := range []struct {
		pattern, path string
		want          bool
	}{
		{"/*", "/", true},
		{"/", "/", true},
		{"/", "/x/", false},
		{"/assets/*", "/assets/css/a.css", true},
		{"/assets/*", "/assetsx", false},
		{"/*/flux.xml", "/directives/flux.xml", true},
		{"/*/flux.xml", "/a/b/flux.xml", true},
		{"/*/flux.xml", "/flux.xml", false},
		{"/*.ics", "/academies/paris/4e.ics", true},
	} {
		if got := Match(tt.pattern, tt.path); got != tt.want {
			t.Errorf("Match(%q, %q) = %v", tt.pattern, tt.path, got)
		}
	}
}

func TestParseHeadersRejects(t *testing.T) {
	if _, err := ParseHeaders([]byte("  X-A: b\n")); err == nil {
		t.Error("a header before any pattern was accepted")
	}
	if _, err := ParseHeaders([]byte("/*\n  no colon\n")); err == nil {
		t.Error("a header line without a colon was accepted")
	}
}

func TestRedirects(t *testing.T) {
	rs := []view.Redirect{
		{From: "/directives/ancien-nom/", To: "/directives/nouveau-nom/"},
		{From: "/a/", To: "/b/"},
	}
	data, err := Redirects(rs)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	if diff := cmp.Diff([]string{"/a/ /b/ 301", "/directives/ancien-nom/ /directives/nouveau-nom/ 301"}, lines); diff != "" {
		t.Error(diff)
	}
	for _, bad := range []view.Redirect{{From: "/a b/", To: "/c/"}, {From: "/a/", To: "https://evil.example/"}, {From: "/a/\n/b/", To: "/c/"}} {
		if _, err := Redirects([]view.Redirect{bad}); err == nil {
			t.Errorf("redirect %q -> %q accepted", bad.From, bad.To)
		}
	}
}

func TestPrivate(t *testing.T) {
	for _, p := range []string{"_headers", "/_redirects", "_nginx.conf"} {
		if !Private(p) {
			t.Errorf("Private(%q) = false", p)
		}
	}
	for _, p := range []string{"index.html", "/headers/", "x/_headers"} {
		if Private(p) {
			t.Errorf("Private(%q) = true", p)
		}
	}
	if Compressible("_nginx.conf") || !Compressible("a/b.ics") || Compressible("a.png") {
		t.Error("Compressible is wrong")
	}
}

func TestNginx(t *testing.T) {
	r := New(testConfig)
	data, err := r.Nginx([]view.Redirect{{From: "/a/", To: "/b/"}})
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	for _, want := range []string{
		"location = /_headers { return 404; }",
		"location = /_nginx.conf { return 404; }",
		"location = /a/ {\n    add_header Cache-Control \"" + short + "\" always;",
		"    return 301 /b/;\n}",
		"location ^~ /assets/ {\n    add_header Cache-Control \"" + Immutable + "\" always;",
		"location = /sw.js {\n    add_header Cache-Control \"no-cache\" always;",
		"location / {\n    add_header Cache-Control \"" + short + "\" always;",
		`default_type "application/xml; charset=utf-8";`,
		`"text/calendar; charset=utf-8" ics;`,
		"add_header Content-Security-Policy \"" + CSP + "\" always;",
		"gzip_static on;",
		"gzip_vary on;",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("the nginx snippet lacks %q", want)
		}
	}
	// Every location that adds a header must add all of them: nginx
	// drops the server's add_header in a location that has its own.
	if n, m := strings.Count(s, "add_header Content-Security-Policy"), strings.Count(s, "add_header Cache-Control"); n != m || n != 9 {
		t.Errorf("%d locations set the CSP and %d set Cache-Control, want 9 and 9", n, m)
	}
	// Nothing that needs a module: the snippet must load in any nginx.
	for _, line := range strings.Split(s, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "brotli") {
			t.Errorf("the snippet turns on a module's directive: %q", line)
		}
	}
	nginxCheck(t, data)
}

func TestParseRedirectsReadsRedirects(t *testing.T) {
	rs := []view.Redirect{{From: "/b/", To: "/c/"}, {From: "/a", To: "/d/e.html"}}
	data, err := Redirects(rs)
	if err != nil {
		t.Fatal(err)
	}
	got := ParseRedirects(data)
	want := []view.Redirect{{From: "/a", To: "/d/e.html"}, {From: "/b/", To: "/c/"}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("ParseRedirects(Redirects(rs)) = %v, want %v", got, want)
	}
	for from, want := range map[string]string{"/a": "a/index.html", "/a/": "a/index.html", "/a/b.html": "a/b.html", "/": "index.html"} {
		if got := AliasFile(from); got != want {
			t.Errorf("AliasFile(%q) = %q, want %q", from, got, want)
		}
	}
}

// TestOnlyEmbedPagesMayBeFramed: the pages under /encart/ may be framed by
// any site (frame-ancestors *, no X-Frame-Options); every other page by
// none, in HeadersFor, _headers and the nginx snippet.
func TestOnlyEmbedPagesMayBeFramed(t *testing.T) {
	r := New(testConfig)
	for p, embed := range map[string]bool{"encart/paris/4e/index.html": true, "/encart/paris/4e/": true, "academies/paris/4e/index.html": false, "academies/paris/ent-sature.html": false, "index.html": false} {
		h := r.HeadersFor(p)
		if got := h.Get("Content-Security-Policy") == EmbedCSP && h.Get("X-Frame-Options") == ""; got != embed {
			t.Errorf("HeadersFor(%q): CSP %q, X-Frame-Options %q", p, h.Get("Content-Security-Policy"), h.Get("X-Frame-Options"))
		}
	}
	if !strings.Contains(EmbedCSP, "frame-ancestors *") || strings.Contains(EmbedCSP, "'none'; form") || strings.Replace(EmbedCSP, "frame-ancestors *", "frame-ancestors 'none'", 1) != CSP {
		t.Errorf("EmbedCSP %q is not CSP with frame-ancestors *", EmbedCSP)
	}
	if EmbedDir != errorpage.EmbedDir {
		t.Errorf("hosting frames %s, errorpage writes the banners in %s", EmbedDir, errorpage.EmbedDir)
	}
	data, err := r.Nginx(nil)
	if err != nil {
		t.Fatal(err)
	}
	block := string(data)[strings.Index(string(data), "location ^~ /encart/ {"):]
	block = block[:strings.Index(block, "}")]
	if !strings.Contains(block, EmbedCSP) || strings.Contains(block, "X-Frame-Options") {
		t.Errorf("the nginx block of /encart/:\n%s", block)
	}
}
