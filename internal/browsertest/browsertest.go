// Package browsertest runs the site's scripts in a real browser for tests:
// it finds a Chromium, starts it headless with a fresh profile and the
// flags every browser test shares, and serves a built site over HTTP (the
// scripts fetch files, which file:// URLs forbid).
//
// A missing browser, or one older than MinVersion, skips the test with a
// one-line message saying how to install or upgrade one; under CI=true it
// fails the test instead, so that a CI machine never passes by skipping.
// Set RELAIS_CHROMIUM to the browser's path to choose one.
//
// The DevTools calls that changed between the Chromium versions Debian
// ships have a helper here that works with each (EmulateNetwork). It
// imports no package of relais.
package browsertest

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/cdproto"
	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"
)

// MinVersion is the oldest Chromium major version the browser tests run
// on (the Makefile's CHROMIUM_MIN says the same): the tests use the
// Performance API's renderBlockingStatus (Chromium 107) and the DevTools
// calls of chromedp; versions older than this are not tried.
const MinVersion = 120

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
	return NewFor(t, Timeout)
}

// NewFor is New with the browser's whole life bounded by timeout, for a
// test that drives a larger application than the site's pages.
func NewFor(t testing.TB, timeout time.Duration) context.Context {
	t.Helper()
	exe := Find()
	if exe == "" {
		unusable(t, "no Chromium found for the browser test: install Debian's chromium (apt-get install -y chromium, or make browser) or set RELAIS_CHROMIUM to a Chromium or Chrome binary")
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
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
		t.Fatalf("%s does not start: %s", exe, strings.Join(strings.Fields(err.Error()), " "))
	}
	v, err := chromedp.CallBrowser(tab, browser.GetVersion, cdp.Empty{})
	if err != nil {
		t.Fatalf("%s does not say its version: %v", exe, err)
	}
	if major, ok := Major(v.Product); !ok || major < MinVersion {
		unusable(t, fmt.Sprintf("%s is %s, older than Chromium %d, the oldest the browser tests run on: upgrade it (apt-get install -y chromium, or make browser) or set RELAIS_CHROMIUM to a newer one", exe, v.Product, MinVersion))
	}
	return tab
}

// unusable skips t with msg, or fails it under CI=true.
func unusable(t testing.TB, msg string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

var productRE = regexp.MustCompile(`^[A-Za-z]+/(\d+)\.`)

// Major returns the major version of a browser's product string, such as
// 156 for "HeadlessChrome/156.0.8078.114".
func Major(product string) (int, bool) {
	m := productRE.FindStringSubmatch(product)
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(m[1])
	return n, err == nil
}

// Network conditions, in the forms the Chromium versions accept.
type (
	// byRule are the parameters of Network.emulateNetworkConditionsByRule
	// in both of its forms: up to Chromium 148, "offline" is a required
	// parameter of the command; from 149 it is a field of each condition.
	// Chromium ignores the parameters it does not know, so sending both
	// satisfies each.
	byRule struct {
		Offline    bool        `json:"offline"`
		Conditions []condition `json:"matchedNetworkConditions"`
	}
	condition struct {
		URLPattern         string  `json:"urlPattern"`
		Latency            float64 `json:"latency"`
		DownloadThroughput float64 `json:"downloadThroughput"`
		UploadThroughput   float64 `json:"uploadThroughput"`
		Offline            bool    `json:"offline"`
		PacketReordering   bool    `json:"packetReordering"`
	}
	// legacy are the parameters of Network.emulateNetworkConditions,
	// deprecated from Chromium 140, for the versions without the rules.
	legacy struct {
		Offline            bool    `json:"offline"`
		Latency            float64 `json:"latency"`
		DownloadThroughput float64 `json:"downloadThroughput"`
		UploadThroughput   float64 `json:"uploadThroughput"`
	}
)

var (
	emulateByRule = cdp.Command[byRule, cdp.Empty]{Method: "Network.emulateNetworkConditionsByRule"}
	emulateLegacy = cdp.Command[legacy, cdp.Empty]{Method: "Network.emulateNetworkConditions"}
)

// EmulateNetwork throttles every request of the tab ctx: latency in
// milliseconds from request to response headers, download and upload in
// bytes per second. It uses Network.emulateNetworkConditionsByRule in a
// form that Chromium 148 and later accept, and falls back on the
// deprecated Network.emulateNetworkConditions where the rules are unknown
// or refused. The Network domain must be enabled.
func EmulateNetwork(ctx context.Context, latency, download, upload float64) error {
	_, err := chromedp.Call(ctx, emulateByRule, byRule{Conditions: []condition{{Latency: latency, DownloadThroughput: download, UploadThroughput: upload}}})
	var pe *cdproto.Error
	if !errors.As(err, &pe) || pe.Code != -32601 && pe.Code != -32602 { // method not found, invalid parameters
		return err
	}
	if _, err2 := chromedp.Call(ctx, emulateLegacy, legacy{Latency: latency, DownloadThroughput: download, UploadThroughput: upload}); err2 != nil {
		return fmt.Errorf("this Chromium emulates no network conditions: Network.emulateNetworkConditionsByRule: %v; Network.emulateNetworkConditions: %v", err, err2)
	}
	return nil
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

// Until evaluates js in ctx until it returns true, and fails t with what
// and the start of the page when it has not after wait.
func Until(t testing.TB, ctx context.Context, wait time.Duration, what, js string) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			html, _ := chromedp.Run(ctx, chromedp.OuterHTML("body"))
			t.Fatalf("after %v, %s (%v); the page:\n%.3000s", wait, what, err, html)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
