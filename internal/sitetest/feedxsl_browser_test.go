package sitetest

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/mmcdole/gofeed"

	"github.com/relais-ecoles/relais/internal/browsertest"
	"github.com/relais-ecoles/relais/internal/hosting"
	"github.com/relais-ecoles/relais/internal/pipeline"
)

// serveLikeHost serves the outputs of res with the headers a host gives
// them (hosting's rules: types, security headers, CORS), folders by their
// index.html, and returns the base URL.
func serveLikeHost(t *testing.T, res *pipeline.Result) string {
	t.Helper()
	return serveFilesLikeHost(t, res, outputs(res), nil)
}

// serveFilesLikeHost serves files with the headers of res's rules; seen,
// when not nil, is called with each request.
func serveFilesLikeHost(t *testing.T, res *pipeline.Result, files map[string][]byte, seen func(*http.Request)) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if seen != nil {
			seen(r)
		}
		p := hosting.FilePath(r.URL.Path)
		data, ok := files[p]
		if !ok || hosting.Private(p) {
			p = "404.html"
			data = files[p]
			for k, vs := range res.Rules.HeadersFor(p) {
				w.Header()[k] = vs
			}
			w.WriteHeader(http.StatusNotFound)
			w.Write(data)
			return
		}
		for k, vs := range res.Rules.HeadersFor(p) {
			w.Header()[k] = vs
		}
		w.Write(data)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// TestFeedsReadInBrowser opens the shipped site's RSS and Atom feeds in
// Chromium, served with the site's headers (CSP included): the browser
// applies /flux.xsl and shows a French page that says how to subscribe
// and lists the latest items, while a feed reader (gofeed) reads the same
// bytes as a feed.
func TestFeedsReadInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	res := Shipped(t)
	files := outputs(res)
	base := serveLikeHost(t, res)
	ctx := browsertest.New(t)
	problems := browsertest.Problems(ctx)
	for _, name := range []string{"directives/flux.xml", "directives/atom.xml"} {
		f, err := gofeed.NewParser().ParseString(string(files[name]))
		if err != nil {
			t.Fatalf("%s: gofeed: %v", name, err)
		}
		if len(f.Items) == 0 {
			t.Fatalf("%s has no item: the test needs one", name)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"+name), chromedp.WaitVisible("#abonner")); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerText`))
		if err != nil {
			t.Fatal(err)
		}
		lang, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.lang`))
		css, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.body).fontFamily`))
		for _, want := range []string{"S’abonner à ce flux", "Dernières publications", f.Title, f.Items[0].Title, f.FeedLink, "Publié le "} {
			if !strings.Contains(text, want) {
				t.Errorf("%s in the browser lacks %q:\n%s", name, want, text)
			}
		}
		if lang != "fr" {
			t.Errorf("%s in the browser: lang %q", name, lang)
		}
		if strings.Contains(text, " Mar ") || strings.Contains(text, "+0100") || strings.Contains(text, "T0") {
			t.Errorf("%s in the browser shows a date not in French:\n%s", name, text)
		}
		if css == "" || strings.Contains(css, "Times") {
			t.Errorf("%s in the browser: the site's stylesheet is not applied (font %q)", name, css)
		}
	}
	// Chromium, which is removing XSLT, puts its own warning banner, with
	// inline styles and an inline event handler, into every transformed
	// page; the site's policy refuses them, as it should. Those reports
	// are the browser's: flux.xsl itself has no inline style or script,
	// which is checked here on its text.
	xsl := string(files["flux.xsl"])
	for _, bad := range []string{"style=", "<style", "<script"} {
		if strings.Contains(xsl, bad) {
			t.Errorf("flux.xsl holds %q, which the site's policy refuses", bad)
		}
	}
	if regexp.MustCompile(`\son[a-z]+=`).MatchString(xsl) {
		t.Error("flux.xsl holds an event handler attribute, which the site's policy refuses")
	}
	for _, p := range problems() {
		if strings.Contains(p, "Applying inline style violates") || strings.Contains(p, "Executing inline event handler violates") {
			continue
		}
		t.Errorf("the browser reports a problem: %s", p)
	}
}
