package deploy

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"github.com/relais-ecoles/relais/internal/config"
	"github.com/relais-ecoles/relais/internal/hosting"
)

// fakeS3 is a real S3 protocol server (gofakes3, in memory) on loopback,
// with a log of the requests it answered and a hook to make it fail.
//
// gofakes3 v1.2.0 keeps only Content-Type, Content-Disposition,
// Content-Encoding and x-amz-* headers of an upload; S3 also keeps
// Cache-Control, Content-Language and Expires. The server below keeps
// those three beside it and returns them on HEAD and GET, as S3 does, so
// the tests can read them back from the stored objects.
type fakeS3 struct {
	t      *testing.T
	srv    *httptest.Server
	bucket string

	mu    sync.Mutex
	log   []string                     // "PUT key", "DELETE key", "HEAD key", "GET key", "LIST"; answered with 2xx
	extra map[string]map[string]string // key -> Cache-Control, Content-Language, Expires
	// fail, when set, may answer a request instead of the server: it
	// returns an HTTP status and an S3 error code, or 0.
	fail func(r *http.Request, key string) (int, string)
}

var extraHeaders = []string{"Cache-Control", "Content-Language", "Expires"}

func newFakeS3(t *testing.T) *fakeS3 {
	t.Helper()
	backend := s3mem.New()
	f := &fakeS3{t: t, bucket: "relais-test", extra: map[string]map[string]string{}}
	if err := backend.CreateBucket(f.bucket); err != nil {
		t.Fatal(err)
	}
	h := gofakes3.New(backend, gofakes3.WithTimeSkewLimit(time.Hour)).Server()
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := strings.TrimPrefix(strings.TrimPrefix(r.URL.Path, "/"+f.bucket), "/")
		f.mu.Lock()
		fail := f.fail
		f.mu.Unlock()
		if fail != nil {
			if status, code := fail(r, key); status != 0 {
				w.Header().Set("Content-Type", "application/xml")
				w.WriteHeader(status)
				fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>%s</Code><Message>injected %s</Message><Resource>%s</Resource><RequestId>1</RequestId></Error>`, code, code, r.URL.Path)
				return
			}
		}
		if key != "" && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
			f.mu.Lock()
			for k, v := range f.extra[key] {
				w.Header().Set(k, v)
			}
			f.mu.Unlock()
		}
		rec := &statusRecorder{ResponseWriter: w, status: 200}
		h.ServeHTTP(rec, r)
		if rec.status/100 != 2 {
			return
		}
		f.mu.Lock()
		defer f.mu.Unlock()
		switch {
		case key == "" && r.Method == http.MethodGet:
			f.log = append(f.log, "LIST")
		case key == "":
		case r.Method == http.MethodPut:
			m := map[string]string{}
			for _, k := range extraHeaders {
				if v := r.Header.Get(k); v != "" {
					m[k] = v
				}
			}
			f.extra[key] = m
			f.log = append(f.log, "PUT "+key)
		case r.Method == http.MethodDelete:
			delete(f.extra, key)
			f.log = append(f.log, "DELETE "+key)
		default:
			f.log = append(f.log, r.Method+" "+key)
		}
	}))
	t.Cleanup(f.srv.Close)
	return f
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

// requests returns the log and empties it.
func (f *fakeS3) requests() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	l := f.log
	f.log = nil
	return l
}

func (f *fakeS3) setFail(fail func(r *http.Request, key string) (int, string)) {
	f.mu.Lock()
	f.fail = fail
	f.mu.Unlock()
}

func (f *fakeS3) target() config.DeployTarget {
	return config.DeployTarget{Name: "test", Bucket: f.bucket, Endpoint: f.srv.URL, Region: "us-east-1"}
}

// client reads the bucket back, around the log.
func (f *fakeS3) client() *minio.Client {
	c, err := minio.New(strings.TrimPrefix(f.srv.URL, "http://"), &minio.Options{Creds: credentials.NewStaticV4("AKIDTEST", "secret", ""), Region: "us-east-1"})
	if err != nil {
		f.t.Fatal(err)
	}
	return c
}

// objects lists the keys of the bucket and their bytes.
func (f *fakeS3) objects() map[string]string {
	f.t.Helper()
	c := f.client()
	out := map[string]string{}
	for o := range c.ListObjects(context.Background(), f.bucket, minio.ListObjectsOptions{Recursive: true}) {
		if o.Err != nil {
			f.t.Fatal(o.Err)
		}
		r, err := c.GetObject(context.Background(), f.bucket, o.Key, minio.GetObjectOptions{})
		if err != nil {
			f.t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			f.t.Fatal(err)
		}
		out[o.Key] = string(b)
	}
	f.requests()
	return out
}

// stat returns the headers of a stored object.
func (f *fakeS3) stat(key string) http.Header {
	f.t.Helper()
	info, err := f.client().StatObject(context.Background(), f.bucket, key, minio.StatObjectOptions{})
	if err != nil {
		f.t.Fatalf("stat %s: %v", key, err)
	}
	f.requests()
	return info.Metadata
}

// testEnv is an environment with keys and an empty HOME.
func testEnv(t *testing.T, kv ...string) func(string) string {
	env := map[string]string{"HOME": t.TempDir(), "AWS_ACCESS_KEY_ID": "AKIDTEST", "AWS_SECRET_ACCESS_KEY": "secret"}
	for i := 0; i+1 < len(kv); i += 2 {
		env[kv[i]] = kv[i+1]
	}
	return func(k string) string { return env[k] }
}

// testHeaders are the hosting rules of a site whose pages live maxAge
// seconds.
func testHeaders(maxAge int) func(string) http.Header {
	return hosting.New(hosting.Config{MaxAge: maxAge, StaleWhileRevalidate: 86400, HTTPS: true}).HeadersFor
}

// writeSite replaces the content of dir with files.
func writeSite(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	for p, data := range files {
		fp := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(fp), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(fp, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func page(css, body string) string {
	return `<!doctype html><html lang=fr><link rel=stylesheet href=/assets/css/site.` + css + `.css><script src=/assets/js/ouvert.a1b2.js defer></script><main>` + body + `</main></html>`
}

// siteV1 is a small build with every kind of file.
func siteV1() map[string]string {
	return map[string]string{
		"index.html":                    page("1111", "<a href=/academies/paris/>Paris</a>"),
		"404.html":                      page("1111", "Page introuvable"),
		"academies/paris/index.html":    page("1111", "Paris <a href=/academies/paris/4e/>4e</a>"),
		"academies/paris/4e/index.html": page("1111", "4e : 13h–17h"),
		"academies/paris/flux.xml":      "<rss>1</rss>",
		"academies/paris/atom.xml":      "<feed>1</feed>",
		"academies/paris/flux.json":     `{"version":"1"}`,
		"academies/paris/creneaux.json": `{"paris":1}`,
		"academies/paris/4e.ics":        "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
		"assets/css/site.1111.css":      "body{color:#111}",
		"assets/js/ouvert.a1b2.js":      "document.documentElement.className='js'",
		"sitemap.xml":                   "<urlset>1</urlset>",
		"robots.txt":                    "User-agent: *\n",
		// Not published:
		"_headers":                 "/*\n  X-Frame-Options: DENY\n",
		"_redirects":               "/old /new 301\n",
		"index.html.gz":            "gz",
		"index.html.br":            "br",
		".relais-changes.json":     "[]",
		".staging/x.html":          "x",
		".well-known/security.txt": "Contact: mailto:x@example.fr\n",
	}
}

// published are the keys siteV1 publishes.
var published = []string{
	".well-known/security.txt", "404.html", "academies/paris/4e.ics", "academies/paris/4e/index.html", "academies/paris/atom.xml",
	"academies/paris/creneaux.json", "academies/paris/flux.json", "academies/paris/flux.xml", "academies/paris/index.html",
	"assets/css/site.1111.css", "assets/js/ouvert.a1b2.js", "index.html", "robots.txt", "sitemap.xml",
}

// purgeServer is a CDN purge API that records what it is sent.
type purgeServer struct {
	srv *httptest.Server
	mu  sync.Mutex
	got []PurgeRequest
	hdr []http.Header
	// status, when not empty, answers the next requests, with a
	// Retry-After header when retryAfter is set
	status     []int
	retryAfter string
}

func newPurgeServer(t *testing.T) *purgeServer {
	p := &purgeServer{}
	p.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		defer p.mu.Unlock()
		if len(p.status) > 0 {
			s := p.status[0]
			p.status = p.status[1:]
			if p.retryAfter != "" {
				w.Header().Set("Retry-After", p.retryAfter)
			}
			w.WriteHeader(s)
			fmt.Fprint(w, `{"success":false,"errors":[{"message":"injected"}]}`)
			return
		}
		var req PurgeRequest
		if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/json" || decodeJSON(r.Body, &req) != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		p.got = append(p.got, req)
		p.hdr = append(p.hdr, r.Header.Clone())
		fmt.Fprint(w, `{"success":true}`)
	}))
	t.Cleanup(p.srv.Close)
	return p
}

func (p *purgeServer) urls() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []string
	for _, r := range p.got {
		out = append(out, r.Files...)
	}
	p.got = nil
	return out
}

// writes keeps the PUT and DELETE lines of a log, without the record.
func writes(log []string) []string {
	var out []string
	for _, l := range log {
		if (strings.HasPrefix(l, "PUT ") || strings.HasPrefix(l, "DELETE ")) && !strings.HasSuffix(l, recordName) {
			out = append(out, l)
		}
	}
	return out
}

var assetRef = regexp.MustCompile(`/assets/[^ >"']+`)

// checkPagesWhole fails when a stored page references an asset that is not
// in the bucket.
func checkPagesWhole(t *testing.T, objects map[string]string) {
	t.Helper()
	for k, v := range objects {
		if !strings.HasSuffix(k, ".html") {
			continue
		}
		for _, ref := range assetRef.FindAllString(v, -1) {
			if _, ok := objects[strings.TrimPrefix(ref, "/")]; !ok {
				t.Errorf("page %s references %s, which is not in the bucket", k, ref)
			}
		}
	}
}

func keys[M ~map[string]V, V any](m M) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// minioPutPlain are the options of an upload by another tool.
func minioPutPlain() minio.PutObjectOptions {
	return minio.PutObjectOptions{ContentType: "text/html", DisableMultipart: true}
}
