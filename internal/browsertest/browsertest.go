// Package browsertest runs the site's scripts in a real browser for tests:
// it finds a Chromium, starts it headless with a fresh profile and the
// flags every browser test shares, and serves a built site over HTTP (the
// scripts fetch files, which file:// URLs forbid).
//
// A missing browser skips the test with a message saying how to install
// one; under CI=true it fails the test instead, so that a CI machine never
// passes by skipping. Set RELAIS_CHROMIUM to the browser's path to choose
// one. It imports no package of relais.
package browsertest

import (
	"context"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/chromedp"
)

// Candidates are the program names looked up in PATH, in order, when
// RELAIS_CHROMIUM is not set. Debian's package is chromium.
var Candidates = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"}

// Find returns the path of a Chromium, or "" when there is none.
func Find() string {
	if p := os.Getenv("RELAIS_CHROMIUM"); p != "" {
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
		return ""
	}
	for _, name := range Candidates {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	return ""
}

// Flags are the command-line flags of every test browser: headless, no
// sandbox (tests often run as root in containers), nothing that reaches
// the network on its own, and the profile in dir.
func Flags(exe, dir string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
		chromedp.UserDataDir(dir),
		chromedp.WindowSize(390, 844), // a phone
	}
}

// Timeout bounds one browser test.
const Timeout = 90 * time.Second

// New starts a headless browser for t and returns a chromedp context on a
// new tab; it is closed when t ends. Without a browser it skips t (fails
// it when CI=true).
func New(t testing.TB) context.Context {
	t.Helper()
	exe := Find()
	if exe == "" {
		msg := "no Chromium found for the browser test: install Debian's chromium (apt-get install -y chromium) or set RELAIS_CHROMIUM to a Chromium or Chrome binary"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx, Flags(exe, t.TempDir())...)
	tab, cancelTab := chromedp.NewContext(alloc)
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc()
		cancel()
	})
	// Start the browser now, so that a browser that cannot start is
	// reported here and not in the middle of the test.
	if err := chromedp.Do(tab); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	return tab
}

// Serve serves files (slash paths relative to the site root, such as
// "programmes/index.html") over HTTP with header added to every response,
// and returns the server's base URL, without a trailing slash. Folder
// URLs serve their index.html.
func Serve(t testing.TB, files map[string][]byte, header http.Header) string {
	t.Helper()
	fsys := fstest.MapFS{}
	for p, data := range files {
		fsys[p] = &fstest.MapFile{Data: data, Mode: 0o444}
	}
	var h http.Handler = http.FileServerFS(fs.FS(fsys))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, vs := range header {
			for _, v := range vs {
				w.Header().Add(k, v)
			}
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// Problems collects, from now on, what the pages of ctx report as wrong in
// the console: uncaught exceptions, console.error calls, and browser log
// errors (a refused script, a blocked request, a Content-Security-Policy
// violation), but not the browser's own request for /favicon.ico. The
// returned function gives what was collected so far.
func Problems(ctx context.Context) func() []string {
	var mu sync.Mutex
	var out []string
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			// The browser asks for /favicon.ico on its own; the site's
			// pages do not.
			if (m.IsException() || m.Type == chromedp.ConsoleError) && !strings.HasSuffix(m.URL, "/favicon.ico") {
				mu.Lock()
				out = append(out, m.String()+" ("+m.URL+")")
				mu.Unlock()
			}
		}
	}()
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), out...)
	}
}
