package serve

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/relais-ecoles/relais/internal/hosting"
	"github.com/relais-ecoles/relais/internal/pipeline"
	"github.com/relais-ecoles/relais/internal/site"
)

// wait is how long a test waits for the server to show a change before it
// fails: generous, for a loaded machine and -race.
const wait = 20 * time.Second

var testNow = time.Date(2020, 3, 23, 9, 0, 0, 0, time.FixedZone("CET", 3600))

func guide(title, body string) string {
	return fmt.Sprintf("---\ntitle: %s\nsummary: Résumé de « %s ».\naudiences: [parents]\n---\n%s\n", title, title, body)
}

// newSite writes a small site in a temporary folder: the repository's
// layouts and assets, a site.yaml and two guides. Beside content/ are a
// go.mod and a dotfile that must never be served.
func newSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	repo, _ := filepath.Abs("../..")
	for _, d := range []string{"layouts", "assets"} {
		if err := os.CopyFS(filepath.Join(dir, d), os.DirFS(filepath.Join(repo, d))); err != nil {
			t.Fatal(err)
		}
	}
	writeFile(t, dir, "content/site.yaml", "title: Essai\nbase_url: https://essai.example.fr/\n")
	writeFile(t, dir, "content/guides/premier.md", guide("Premier conseil", "Le premier texte."))
	writeFile(t, dir, "content/guides/second.md", guide("Second conseil", "Le second texte."))
	writeFile(t, dir, "go.mod", "module secret\n")
	writeFile(t, dir, "content/.hidden", "secret\n")
	writeFile(t, dir, ".git/config", "[secret]\n")
	return dir
}

func writeFile(t *testing.T, dir, p, data string) {
	t.Helper()
	full := filepath.Join(dir, filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		t.Fatal(err)
	}
	// Write beside and rename, as editors do, so that the server never
	// reads a half-written file in these tests.
	tmp := filepath.Join(filepath.Dir(full), "."+filepath.Base(full)+".tmp")
	if err := os.WriteFile(tmp, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, full); err != nil {
		t.Fatal(err)
	}
}

// syncBuffer is a log that the server writes and the test reads.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// running is a server started by a test.
type running struct {
	url    string
	log    *syncBuffer
	cancel context.CancelFunc
	done   chan error
}

// start serves dir on a free loopback port until the test ends.
func start(t *testing.T, dir string) *running {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	log := &syncBuffer{}
	srv := New(Config{Dir: dir, Site: site.Options{Now: testNow}, Log: log, Debounce: 30 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{url: "http://" + ln.Addr().String(), log: log, cancel: cancel, done: make(chan error, 1)}
	ready := make(chan struct{})
	go func() { r.done <- srv.Serve(ctx, ln, func() { close(ready) }) }()
	select {
	case <-ready:
	case err := <-r.done:
		t.Fatalf("the server stopped at start: %v", err)
	case <-time.After(wait):
		t.Fatal("the server did not start")
	}
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-r.done:
			if err != nil {
				t.Errorf("Serve: %v", err)
			}
		case <-time.After(wait):
			t.Errorf("the server did not stop within %v of its context's end", wait)
		}
		if t.Failed() {
			t.Logf("server log:\n%s", log.String())
		}
	})
	return r
}

var httpClient = &http.Client{
	Timeout:       wait,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	Transport:     &http.Transport{DisableCompression: true},
}

// get fetches a path and returns the response with its body read.
func (r *running) get(t *testing.T, p string, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, r.url+p, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := httpClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

// eventually polls check until it returns "" or the deadline passes; the
// last message says what was still wrong.
func eventually(t *testing.T, what string, check func() string) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for {
		msg := check()
		if msg == "" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after %v, %s: %s", wait, what, msg)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// pageShows waits until the page at p answers status with text in it.
func (r *running) pageShows(t *testing.T, p string, status int, text string) string {
	t.Helper()
	var body string
	eventually(t, fmt.Sprintf("GET %s should answer %d with %q", p, status, text), func() string {
		var resp *http.Response
		resp, body = r.get(t, p)
		if resp.StatusCode != status || !strings.Contains(body, text) {
			return fmt.Sprintf("status %d, body %.300q", resp.StatusCode, body)
		}
		return ""
	})
	return body
}

// sse is an open event stream.
type sse struct {
	events chan [2]string // name, data
	resp   *http.Response
}

func (r *running) events(t *testing.T, page string) *sse {
	t.Helper()
	resp, err := http.Get(r.url + EventsURL + "?page=" + page)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("events: Content-Type %q", ct)
	}
	s := &sse{events: make(chan [2]string, 64), resp: resp}
	go func() {
		defer close(s.events)
		sc := bufio.NewScanner(resp.Body)
		var name, data string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				data = strings.TrimPrefix(line, "data: ")
			case line == "" && name != "":
				s.events <- [2]string{name, data}
				name, data = "", ""
			}
		}
	}()
	t.Cleanup(func() { resp.Body.Close() })
	return s
}

// next returns the data of the next event called name, skipping others.
func (s *sse) next(t *testing.T, name string) string {
	t.Helper()
	timeout := time.After(wait)
	for {
		select {
		case ev, ok := <-s.events:
			if !ok {
				t.Fatalf("the event stream ended before a %q event", name)
			}
			if ev[0] == name {
				return ev[1]
			}
		case <-timeout:
			t.Fatalf("no %q event within %v", name, wait)
		}
	}
}

// TestServeEditReloads edits a guide: the page shows the new title, the
// open page is told to reload, and the reload script is served with it.
func TestServeEditReloads(t *testing.T) {
	dir := newSite(t)
	r := start(t, dir)
	body := r.pageShows(t, "/bonnes-pratiques/premier/", 200, "Premier conseil")
	if !strings.Contains(body, `<script src="/__relais/reload.js" data-build="1" defer></script></body>`) {
		t.Errorf("the page has no reload script before </body>:\n%s", body)
	}
	ev := r.events(t, "/bonnes-pratiques/premier/")
	if got := ev.next(t, "build"); got != `{"build":1}` {
		t.Errorf("first event %s, want build 1", got)
	}

	writeFile(t, dir, "content/guides/premier.md", guide("Premier conseil modifié", "Le texte a changé."))
	if got := ev.next(t, "build"); got != `{"build":2}` {
		t.Errorf("after the edit: event %s, want build 2", got)
	}
	body = r.pageShows(t, "/bonnes-pratiques/premier/", 200, "Le texte a changé.")
	if !strings.Contains(body, "Premier conseil modifié") || !strings.Contains(body, `data-build="2"`) {
		t.Errorf("the page is not the new build's:\n%s", body)
	}
	// The list shows the new title too.
	r.pageShows(t, "/bonnes-pratiques/", 200, "Premier conseil modifié")

	resp, script := r.get(t, ScriptURL)
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/javascript") || !strings.Contains(script, "EventSource") {
		t.Errorf("GET %s: %d %s", ScriptURL, resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if strings.Contains(r.log.String(), "error") {
		t.Errorf("errors in the log:\n%s", r.log.String())
	}
}

// TestServeBrokenEdit saves a broken front matter: the last good build
// stays served, the open page gets the errors, the terminal prints them,
// and repairing the file recovers without a restart.
func TestServeBrokenEdit(t *testing.T) {
	dir := newSite(t)
	r := start(t, dir)
	ev := r.events(t, "/")
	ev.next(t, "build")

	writeFile(t, dir, "content/guides/second.md", "---\ntitle: [Second conseil\naudiences: parents\n---\nTexte.\n")
	got := ev.next(t, "errors")
	if !strings.Contains(got, `"build":1`) || !strings.Contains(got, `"position":"content/guides/second.md:`) {
		t.Errorf("errors event %s, want build 1 and the file's position", got)
	}
	eventually(t, "the terminal should print the error", func() string {
		if l := r.log.String(); !strings.Contains(l, "content/guides/second.md:") || !strings.Contains(l, "le site servi reste celui de la dernière construction réussie") {
			return l
		}
		return ""
	})
	r.pageShows(t, "/bonnes-pratiques/second/", 200, "Second conseil")
	resp, body := r.get(t, "/bonnes-pratiques/")
	if resp.StatusCode != 200 || !strings.Contains(body, "Second conseil") || !strings.Contains(body, `data-build="1"`) {
		t.Errorf("the last good build is not served: %d\n%s", resp.StatusCode, body)
	}
	// A page opened now gets the errors at once.
	late := r.events(t, "/bonnes-pratiques/")
	if got := late.next(t, "errors"); !strings.Contains(got, "content/guides/second.md") {
		t.Errorf("a page opened after the failure got %s", got)
	}

	writeFile(t, dir, "content/guides/second.md", guide("Second conseil réparé", "Réparé."))
	if got := ev.next(t, "build"); got != `{"build":2}` {
		t.Errorf("after the repair: event %s, want build 2", got)
	}
	r.pageShows(t, "/bonnes-pratiques/second/", 200, "Second conseil réparé")
}

// TestServeStartsBroken starts on a site that does not build: every page
// lists the errors, and fixing the file serves the site.
func TestServeStartsBroken(t *testing.T) {
	dir := newSite(t)
	writeFile(t, dir, "content/guides/premier.md", "---\ntitle: Premier\naudiences: [parant]\n---\n")
	r := start(t, dir)
	body := r.pageShows(t, "/", http.StatusServiceUnavailable, "content/guides/premier.md:3")
	if !strings.Contains(body, "parant") || !strings.Contains(body, `data-build="0"`) {
		t.Errorf("the error page:\n%s", body)
	}
	ev := r.events(t, "/")
	ev.next(t, "errors")
	writeFile(t, dir, "content/guides/premier.md", guide("Premier", "Corrigé."))
	if got := ev.next(t, "build"); got != `{"build":1}` {
		t.Errorf("after the fix: %s, want build 1", got)
	}
	r.pageShows(t, "/bonnes-pratiques/premier/", 200, "Corrigé.")
}

// TestServeFilesComeAndGo adds a folder after the start, renames and
// deletes files, removes a whole folder, and renames a folder.
func TestServeFilesComeAndGo(t *testing.T) {
	dir := newSite(t)
	r := start(t, dir)
	r.pageShows(t, "/bonnes-pratiques/second/", 200, "Second conseil")

	// content/pages/ does not exist yet: it is watched once created.
	writeFile(t, dir, "content/pages/a-propos.md", "---\ntitle: À propos du site\nfooter: true\n---\nQui nous sommes.\n")
	r.pageShows(t, "/a-propos/", 200, "Qui nous sommes.")
	r.pageShows(t, "/bonnes-pratiques/premier/", 200, "À propos du site") // the footer of every page
	// A file in a folder made later inside the new one... and a deeper one.
	writeFile(t, dir, "content/pages/mentions-legales.md", "---\ntitle: Mentions\n---\nÉditeur.\n")
	r.pageShows(t, "/mentions-legales/", 200, "Éditeur.")

	if err := os.Rename(filepath.Join(dir, "content/guides/second.md"), filepath.Join(dir, "content/guides/deuxieme.md")); err != nil {
		t.Fatal(err)
	}
	r.pageShows(t, "/bonnes-pratiques/deuxieme/", 200, "Second conseil")
	r.pageShows(t, "/bonnes-pratiques/second/", 404, "Page introuvable")

	if err := os.Remove(filepath.Join(dir, "content/guides/deuxieme.md")); err != nil {
		t.Fatal(err)
	}
	r.pageShows(t, "/bonnes-pratiques/deuxieme/", 404, "Page introuvable")

	if err := os.Rename(filepath.Join(dir, "content/pages"), filepath.Join(dir, "content/autres")); err != nil {
		t.Fatal(err)
	}
	// content/autres is not a folder relais reads: an error, the last
	// good build stays.
	eventually(t, "the moved folder should be reported", func() string {
		if !strings.Contains(r.log.String(), "content/autres/a-propos.md: relais ne lit pas ce fichier") {
			return r.log.String()
		}
		return ""
	})
	r.pageShows(t, "/a-propos/", 200, "Qui nous sommes.")
	if err := os.RemoveAll(filepath.Join(dir, "content/autres")); err != nil {
		t.Fatal(err)
	}
	r.pageShows(t, "/a-propos/", 404, "Page introuvable")
	r.pageShows(t, "/bonnes-pratiques/premier/", 200, "Premier conseil")
}

// TestServeFolderRemovedMidBuild creates and removes folders of files in
// a burst while the server rebuilds: it must keep answering and end up
// serving what is on disk.
func TestServeFolderRemovedMidBuild(t *testing.T) {
	dir := newSite(t)
	r := start(t, dir)
	r.pageShows(t, "/", 200, "Premier conseil")
	for i := range 25 {
		sub := filepath.Join(dir, "content", "pages")
		for j := range 20 {
			p := filepath.Join(sub, fmt.Sprintf("page-%d-%d.md", i, j))
			_ = os.MkdirAll(sub, 0o755)
			_ = os.WriteFile(p, []byte(fmt.Sprintf("---\ntitle: Page %d %d\n---\nTexte.\n", i, j)), 0o644)
		}
		if i%3 == 0 {
			time.Sleep(40 * time.Millisecond) // let a rebuild start
		}
		if err := os.RemoveAll(sub); err != nil {
			t.Fatal(err)
		}
		if resp, _ := r.get(t, "/"); resp.StatusCode != 200 {
			t.Fatalf("GET / answered %d during the burst", resp.StatusCode)
		}
	}
	writeFile(t, dir, "content/pages/fin.md", "---\ntitle: Fin\n---\nLa fin.\n")
	r.pageShows(t, "/fin/", 200, "La fin.")
	eventually(t, "no page of the burst should stay", func() string {
		if resp, _ := r.get(t, "/page-24-19/"); resp.StatusCode != 404 {
			return fmt.Sprint(resp.StatusCode)
		}
		if _, body := r.get(t, "/plan-du-site/"); strings.Contains(body, "Page 24") {
			return "the plan lists a removed page"
		}
		return ""
	})
	if strings.Contains(r.log.String(), "panic") {
		t.Errorf("log:\n%s", r.log.String())
	}
}

// rawGet sends a request line as written, without the client cleaning the
// path, and returns the status.
func rawGet(t *testing.T, base, target string) int {
	t.Helper()
	conn, err := net.DialTimeout("tcp", strings.TrimPrefix(base, "http://"), wait)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(wait))
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", target)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestServeRefusesPaths asks for paths that leave the output, dotfiles and
// rules files: all 404, and nothing from the site folder itself.
func TestServeRefusesPaths(t *testing.T) {
	dir := newSite(t)
	r := start(t, dir)
	r.pageShows(t, "/", 200, "Premier conseil")
	for _, target := range []string{
		"/../go.mod", "/%2e%2e/go.mod", "/%2E%2E/go.mod", "/..%2fgo.mod", "/..%2Fgo.mod",
		"/bonnes-pratiques/../../go.mod", "/bonnes-pratiques/%2e%2e/%2e%2e/go.mod",
		"/.git/config", "/.hidden", "/content/.hidden", "/%2ehidden", "/go.mod", "/content/site.yaml",
		"/bonnes-pratiques%2fpremier/", "/bonnes-pratiques%5cpremier/", "/bonnes-pratiques//premier/",
		"/./index.html", "/_headers", "/_redirects", "/_nginx.conf", "/assets/", "/bonnes-pratiques/premier/%00",
		"..", "/..",
	} {
		if got := rawGet(t, r.url, target); got != http.StatusNotFound && got != http.StatusBadRequest {
			t.Errorf("GET %s: %d, want 404", target, got)
		}
	}
	// The 404 is the site's 404.html, with the reload script.
	resp, body := r.get(t, "/../go.mod")
	if resp.StatusCode != 404 || !strings.Contains(body, "Page introuvable") || strings.Contains(body, "module secret") {
		t.Errorf("404 page: %d\n%s", resp.StatusCode, body)
	}
	if got := rawGet(t, r.url, "/bonnes-pratiques/premier/"); got != 200 {
		t.Errorf("a good path answered %d", got)
	}
	resp, _ = r.get(t, "/bonnes-pratiques/premier/")
	if resp.StatusCode != 200 {
		t.Errorf("status %d", resp.StatusCode)
	}
	req, _ := http.NewRequest(http.MethodPost, r.url+"/", nil)
	if resp, err := httpClient.Do(req); err != nil || resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /: %v %v", resp.StatusCode, err)
	}
}

// TestServeLikeTheHost checks the headers against internal/hosting, the
// compressed bodies, conditional requests and the folder redirect.
func TestServeLikeTheHost(t *testing.T) {
	dir := newSite(t)
	r := start(t, dir)
	r.pageShows(t, "/", 200, "Premier conseil")
	res, err := pipeline.Render(pipeline.Options{Source: os.DirFS(dir), Site: site.Options{Now: testNow}})
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, o := range res.Outputs {
		if hosting.Private(o.Path) {
			continue
		}
		url := hosting.URLOf(o.Path)
		resp, body := r.get(t, url)
		want := res.Rules.HeadersFor(o.Path)
		if resp.StatusCode != 200 {
			t.Errorf("GET %s: %d", url, resp.StatusCode)
			continue
		}
		for k := range want {
			if got := resp.Header.Get(k); got != want.Get(k) {
				t.Errorf("GET %s: %s: %q, want %q", url, k, got, want.Get(k))
			}
		}
		// The bytes of the build, and for HTML the reload script more.
		if strings.HasSuffix(o.Path, ".html") {
			body = strings.Replace(body, `<script src="/__relais/reload.js" data-build="1" defer></script>`, "", 1)
		}
		if body != string(o.Data) {
			t.Errorf("GET %s: the body is not the build's", url)
		}
		if strings.Contains(string(o.Data), Prefix) {
			t.Errorf("the build's %s mentions %s: only serve adds its script", o.Path, Prefix)
		}
		checked++
	}
	if checked < 5 {
		t.Fatalf("only %d files checked", checked)
	}

	resp, body := r.get(t, "/nulle-part/")
	if resp.StatusCode != 404 || !strings.Contains(body, "Page introuvable") || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Errorf("missing page: %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}

	resp, plain := r.get(t, "/bonnes-pratiques/")
	etag := resp.Header.Get("ETag")
	if resp, _ := r.get(t, "/bonnes-pratiques/", "If-None-Match", etag); resp.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match: %d, want 304", resp.StatusCode)
	}
	resp, zipped := r.get(t, "/bonnes-pratiques/", "Accept-Encoding", "gzip")
	if resp.Header.Get("Content-Encoding") != "gzip" || resp.Header.Get("Vary") != "Accept-Encoding" {
		t.Errorf("gzip: Content-Encoding %q, Vary %q", resp.Header.Get("Content-Encoding"), resp.Header.Get("Vary"))
	} else {
		zr, err := gzip.NewReader(strings.NewReader(zipped))
		if err != nil {
			t.Fatal(err)
		}
		unzipped, _ := io.ReadAll(zr)
		if string(unzipped) != plain {
			t.Error("the gzip body does not decompress to the page")
		}
	}
	resp, _ = r.get(t, "/bonnes-pratiques/", "Accept-Encoding", "gzip;q=0.5, br")
	if resp.Header.Get("Content-Encoding") != "br" {
		t.Errorf("br: Content-Encoding %q", resp.Header.Get("Content-Encoding"))
	}
	resp, _ = r.get(t, "/bonnes-pratiques/", "Accept-Encoding", "br;q=0, identity")
	if resp.Header.Get("Content-Encoding") != "" {
		t.Errorf("br;q=0: Content-Encoding %q", resp.Header.Get("Content-Encoding"))
	}

	resp, _ = r.get(t, "/bonnes-pratiques?x=1")
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/bonnes-pratiques/?x=1" {
		t.Errorf("/bonnes-pratiques: %d to %q, want 301 to /bonnes-pratiques/?x=1", resp.StatusCode, resp.Header.Get("Location"))
	}
	req, _ := http.NewRequest(http.MethodHead, r.url+"/bonnes-pratiques/", nil)
	if resp, err := httpClient.Do(req); err != nil || resp.StatusCode != 200 || resp.ContentLength != int64(len(plain)) {
		t.Errorf("HEAD: %v, %v", resp, err)
	}
}

// TestServeStops ends the context while a page has its event stream open:
// Serve returns and the stream ends.
func TestServeStops(t *testing.T) {
	dir := newSite(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := New(Config{Dir: dir, Site: site.Options{Now: testNow}})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	ready := make(chan struct{})
	go func() { done <- srv.Serve(ctx, ln, func() { close(ready) }) }()
	<-ready
	r := &running{url: "http://" + ln.Addr().String()}
	ev := r.events(t, "/")
	ev.next(t, "build")
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(wait):
		t.Fatal("Serve did not return after its context ended")
	}
	select {
	case _, ok := <-ev.events:
		for ok {
			_, ok = <-ev.events
		}
	case <-time.After(wait):
		t.Fatal("the event stream stayed open")
	}
	if _, err := http.Get(r.url + "/"); err == nil {
		t.Error("the server still answers")
	}
}

// TestPreview serves a build under way: its open pages at once, assets of
// the last build at once, anything else when the build ends.
func TestPreview(t *testing.T) {
	rules := hosting.New(hosting.Config{MaxAge: 300})
	base := &snapshot{build: 1, rules: rules, redirects: map[string]string{}, files: map[string][]byte{
		"index.html": []byte("<p>ancien</p></body>"), "x/index.html": []byte("<p>x ancien</p></body>"), "assets/css/a.1234567890.css": []byte("p{}"),
	}}
	s := New(Config{Dir: t.TempDir()})
	s.cur = &snapshot{build: 2, rules: rules, redirects: base.redirects, base: base, pending: make(chan struct{}),
		files: map[string][]byte{"x/index.html": []byte("<p>x nouveau</p></body>")}}
	get := func(p string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p, nil))
		return rec
	}
	if rec := get("/x/"); rec.Code != 200 || !strings.Contains(rec.Body.String(), "x nouveau") || !strings.Contains(rec.Body.String(), `data-build="2"`) {
		t.Errorf("the open page: %d %s", rec.Code, rec.Body)
	}
	if rec := get("/assets/css/a.1234567890.css"); rec.Code != 200 || rec.Body.String() != "p{}" {
		t.Errorf("the asset: %d %s", rec.Code, rec.Body)
	}
	done := make(chan *httptest.ResponseRecorder)
	go func() { done <- get("/") }()
	select {
	case rec := <-done:
		t.Fatalf("a page that is not ready was served during the build: %d %s", rec.Code, rec.Body)
	case <-time.After(100 * time.Millisecond):
	}
	s.state.Lock()
	pending := s.cur.pending
	s.cur = &snapshot{build: 2, rules: rules, redirects: base.redirects, files: map[string][]byte{"index.html": []byte("<p>nouveau</p></body>")}}
	s.state.Unlock()
	close(pending)
	select {
	case rec := <-done:
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), "<p>nouveau</p>") {
			t.Errorf("after the build: %d %s", rec.Code, rec.Body)
		}
	case <-time.After(wait):
		t.Fatal("the waiting request was not answered after the build")
	}
}
