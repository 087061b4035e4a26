package serve

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/relais-ecoles/relais/internal/hosting"
	"github.com/relais-ecoles/relais/internal/pipeline"
	"github.com/relais-ecoles/relais/internal/publish"
	"github.com/relais-ecoles/relais/internal/site"
)

// Prefix is the URL folder of the server's own files; no site file can be
// there (site URLs are made by internal/site, none starts with "_").
const Prefix = "/__relais/"

// The server's own files.
const (
	EventsURL  = Prefix + "events"
	ScriptURL  = Prefix + "reload.js"
	OverlayURL = Prefix + "overlay.css"
)

//go:embed client/reload.js client/overlay.css
var clientFiles embed.FS

// snapshot is what is served: the files of the last good build, and the
// errors of the last rebuild when it failed.
type snapshot struct {
	build     int               // number of the build, 0 before the first good one
	files     map[string][]byte // output path -> bytes; nil before the first good build
	rules     *hosting.Rules
	redirects map[string]string
	errors    []errorItem // nil when the last rebuild succeeded

	// A preview (a build under way whose open pages are ready) has the
	// pages in files, the last whole state in base, and pending, closed
	// when the build ends.
	base    *snapshot
	pending chan struct{}
}

// previewed returns the file of a preview that p names, if it has it: one
// of the new open pages, or a content-hashed asset of the last build.
func (s *snapshot) previewed(p string) ([]byte, bool) {
	file := hosting.FilePath(p)
	if data, ok := s.files[file]; ok {
		return data, true
	}
	if strings.HasPrefix("/"+file, hosting.AssetsDir) {
		data, ok := s.base.files[file]
		return data, ok
	}
	return nil, false
}

func newSnapshot(res *pipeline.Result) *snapshot {
	s := &snapshot{
		files:     make(map[string][]byte, len(res.Outputs)),
		rules:     res.Rules,
		redirects: map[string]string{},
	}
	for _, o := range res.Outputs {
		s.files[o.Path] = o.Data
	}
	if res.Site != nil {
		for _, r := range res.Site.Redirects {
			s.redirects[r.From] = r.To
		}
	}
	return s
}

// ServeHTTP answers a request: the server's own files under Prefix, the
// site's files otherwise.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "méthode non permise", http.StatusMethodNotAllowed)
		return
	}
	if strings.HasPrefix(r.URL.Path, Prefix) {
		s.serveOwn(w, r)
		return
	}
	p, ok := cleanPath(r)
	snap := s.snapshot()
	if snap.pending != nil {
		if ok {
			if data, ok := snap.previewed(p); ok && strings.HasSuffix(p, "/") == strings.HasSuffix(hosting.FilePath(p), "index.html") {
				s.serveFile(w, r, snap, hosting.FilePath(p), data, http.StatusOK)
				return
			}
		}
		// Anything else waits for the end of the build.
		select {
		case <-snap.pending:
		case <-r.Context().Done():
			return
		}
		snap = s.snapshot()
	}
	if snap.files == nil {
		s.serveNoBuild(w, r, snap)
		return
	}
	if !ok {
		s.notFound(w, r, snap)
		return
	}
	if to, ok := snap.redirects[p]; ok {
		redirect(w, r, to)
		return
	}
	file := hosting.FilePath(p)
	data, ok := snap.files[file]
	if !ok || hosting.Private(file) {
		s.notFound(w, r, snap)
		return
	}
	if !strings.HasSuffix(p, "/") && strings.HasSuffix(file, "/index.html") {
		// As the production host: /x is answered with a redirect to /x/,
		// so that relative links in the page resolve.
		redirect(w, r, p+"/")
		return
	}
	s.serveFile(w, r, snap, file, data, http.StatusOK)
}

// cleanPath returns the URL path of r when it names a file a host could
// serve: absolute, no "." or ".." segment, no empty segment, no dotfile,
// no encoded slash or backslash, no NUL.
func cleanPath(r *http.Request) (string, bool) {
	p := r.URL.Path
	raw := strings.ToLower(r.URL.EscapedPath())
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") ||
		strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") || strings.Contains(raw, "%00") {
		return "", false
	}
	segs := strings.Split(p[1:], "/")
	for i, seg := range segs {
		if seg == "" && i < len(segs)-1 || strings.HasPrefix(seg, ".") {
			return "", false
		}
	}
	return p, true
}

func redirect(w http.ResponseWriter, r *http.Request, to string) {
	if q := r.URL.RawQuery; q != "" {
		to += "?" + q
	}
	// Relative to the host, as the nginx rules (absolute_redirect off).
	w.Header().Set("Location", to)
	w.WriteHeader(http.StatusMovedPermanently)
}

// notFound answers with 404.html, as the production host does.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, snap *snapshot) {
	file := hosting.FilePath(site.NotFoundURL)
	data, ok := snap.files[file]
	if !ok {
		http.Error(w, "page introuvable", http.StatusNotFound)
		return
	}
	s.serveFile(w, r, snap, file, data, http.StatusNotFound)
}

// serveFile writes one file of the build with its production headers; HTML
// gets the reload script.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, snap *snapshot, file string, data []byte, status int) {
	h := snap.rules.HeadersFor(file)
	if strings.HasPrefix(h.Get("Content-Type"), "text/html") {
		data = inject(data, snap.build)
	}
	enc := ""
	if hosting.Compressible(file) {
		h.Set("Vary", "Accept-Encoding")
		if enc = acceptedEncoding(r); enc != "" {
			var body []byte
			if body = s.comp.get(file, data, enc); body != nil {
				data = body
				h.Set("Content-Encoding", enc)
			}
		}
	}
	sum := sha256.Sum256(data)
	etag := `"` + hex.EncodeToString(sum[:12]) + `"`
	h.Set("ETag", etag)
	for k, v := range h {
		w.Header()[k] = v
	}
	if status == http.StatusOK && etagMatch(r.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(data)
	}
}

func etagMatch(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		if t = strings.TrimSpace(t); t == etag || t == "*" {
			return true
		}
	}
	return false
}

// acceptedEncoding picks brotli, then gzip, among what the client accepts.
func acceptedEncoding(r *http.Request) string {
	q := map[string]float64{}
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		v := 1.0
		if qs, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if f, err := strconv.ParseFloat(qs, 64); err == nil {
				v = f
			}
		}
		q[strings.ToLower(strings.TrimSpace(name))] = v
	}
	for _, enc := range []string{"br", "gzip"} {
		if v, ok := q[enc]; ok && v > 0 {
			return enc
		}
	}
	return ""
}

// inject adds the reload script to a page, before </body>.
func inject(page []byte, buildNo int) []byte {
	tag := fmt.Sprintf(`<script src="%s" data-build="%d" defer></script>`, ScriptURL, buildNo)
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}

// serveOwn serves the server's files.
func (s *Server) serveOwn(w http.ResponseWriter, r *http.Request) {
	var name, typ string
	switch r.URL.Path {
	case EventsURL:
		s.serveEvents(w, r)
		return
	case ScriptURL:
		name, typ = "client/reload.js", "text/javascript; charset=utf-8"
	case OverlayURL:
		name, typ = "client/overlay.css", "text/css; charset=utf-8"
	default:
		http.NotFound(w, r)
		return
	}
	data, err := clientFiles.ReadFile(name)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", typ)
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	if r.Method != http.MethodHead {
		_, _ = w.Write(data)
	}
}

// serveNoBuild answers while no build has succeeded yet: a page that lists
// the errors and reloads once they are fixed.
func (s *Server) serveNoBuild(w http.ResponseWriter, r *http.Request, snap *snapshot) {
	var b strings.Builder
	b.WriteString(`<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`)
	b.WriteString(`<title>Le site ne se construit pas – relais serve</title><link rel="stylesheet" href="` + OverlayURL + `"></head><body>`)
	b.WriteString(`<main class="relais-serve-erreurs" role="alert"><h1>Le site ne se construit pas encore</h1>`)
	b.WriteString(`<p>Corrigez les erreurs ci-dessous : la page se mettra à jour d’elle-même.</p><ul>`)
	for _, e := range snap.errors {
		b.WriteString("<li>")
		if e.Position != "" {
			b.WriteString("<code>" + html.EscapeString(e.Position) + "</code> ")
		}
		b.WriteString(html.EscapeString(e.Message) + "</li>")
	}
	b.WriteString(`</ul></main></body></html>`)
	page := inject([]byte(b.String()), snap.build)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Security-Policy", hosting.CSP)
	w.Header().Set("Content-Length", strconv.Itoa(len(page)))
	w.WriteHeader(http.StatusServiceUnavailable)
	if r.Method != http.MethodHead {
		_, _ = w.Write(page)
	}
}

// compressor compresses responses as the build precompresses files (the
// same levels), once per distinct content.
type compressor struct {
	mu    sync.Mutex
	cache map[compressKey][]byte // nil value: compressing does not help
}

type compressKey struct {
	sum [sha256.Size]byte
	enc string
}

func newCompressor() *compressor { return &compressor{cache: map[compressKey][]byte{}} }

// maxCompressed bounds how many compressed bodies are kept.
const maxCompressed = 4096

// get returns data compressed with enc, or nil when that would not make it
// smaller.
func (c *compressor) get(file string, data []byte, enc string) []byte {
	key := compressKey{sum: sha256.Sum256(data), enc: enc}
	c.mu.Lock()
	out, ok := c.cache[key]
	c.mu.Unlock()
	if ok {
		return out
	}
	cs, _, err := publish.Precompress([]publish.File{{Path: file, Data: data}}, publish.CompressOptions{GzipOnly: enc == "gzip"})
	if err != nil || len(cs) != 1 {
		return nil
	}
	if enc == "br" {
		out = cs[0].Brotli
	} else {
		out = cs[0].Gzip
	}
	c.mu.Lock()
	if len(c.cache) >= maxCompressed {
		clear(c.cache)
	}
	c.cache[key] = out
	c.mu.Unlock()
	return out
}
