package sitetest

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/relais-ecoles/relais/internal/browsertest"
	"github.com/relais-ecoles/relais/internal/hosting"
	"github.com/relais-ecoles/relais/internal/site"
)

// searchJS types query n times in the catalog's search field, as the
// field's input event does, each time until the answer is in the page and
// laid out; it returns the answer's line and the milliseconds the n
// queries took, by the page's clock. The search runs in a reaction to the
// loaded index (recherche.js: load().then(run)), which an await lets run.
const searchJS = `(async (n, query) => {
  const q = document.getElementById("q"), answer = document.getElementById("reponse"), list = document.getElementById("resultats");
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    answer.textContent = "";
    q.value = query;
    q.dispatchEvent(new Event("input"));
    await Promise.resolve();
    if (!answer.textContent) throw new Error("no answer after the query " + i);
    list.getBoundingClientRect(); // style and layout of the results
  }
  return {say: answer.textContent, ms: performance.now() - t0};
})`

// BenchmarkCatalogSearchInBrowser measures one query of the catalog's
// search at the national scale (the national fixture's 5,000 programmes)
// in headless Chromium: from the field's input event to the results in the
// page, laid out, the index already loaded (the first use of the field
// loads it). One sub-benchmark per kind of query: a word of the
// vocabulary, a subject and a cycle, a word beginning matched against
// every title, and a misspelling that finds nothing and makes the search
// look for a suggestion. ns/op is the wall time of one query; ms/query is
// the same by the page's clock, without the DevTools round trip.
//
//	go test -run '^$' -bench CatalogSearchInBrowser ./internal/sitetest/
func BenchmarkCatalogSearchInBrowser(b *testing.B) {
	base := browsertest.Serve(b, outputs(nationalCatalog(b)), http.Header{"Content-Security-Policy": {hosting.CSP}})
	ctx := browsertest.NewFor(b, 10*time.Minute)
	problems := browsertest.Problems(ctx)
	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(360, 640, chromedp.EmulateMobile),
		chromedp.Navigate(base+site.ProgrammesURL),
		chromedp.WaitVisible("#q"),
		chromedp.SendKeys("#q", "a"),
		chromedp.WaitVisible("#resultats"),
	); err != nil {
		b.Fatal(err)
	}
	type result struct {
		Say string  `json:"say"`
		MS  float64 `json:"ms"`
	}
	for _, tc := range []struct{ name, query, says string }{
		{"maths", "maths", " programmes sur 5000 pour « maths »"},
		{"maths_cycle_3", "maths cycle 3", " programmes sur 5000 pour « maths cycle 3 »"},
		{"prefix", "quotid", "pour « quotid »"},
		{"nothing_found", "mathematiqes", "Aucun programme pour « mathematiqes »"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.ResetTimer()
			r, err := chromedp.Run(ctx, chromedp.Evaluate[result](searchJS+"("+strconv.Itoa(b.N)+", "+strconv.Quote(tc.query)+")", chromedp.EvalAwaitPromise))
			b.StopTimer()
			if err != nil {
				b.Fatal(err)
			}
			if !strings.Contains(r.Say, tc.says) {
				b.Fatalf("%q: the answer says %q, want it to hold %q", tc.query, r.Say, tc.says)
			}
			b.ReportMetric(r.MS/float64(b.N), "ms/query")
		})
	}
	if p := problems(); len(p) > 0 {
		b.Errorf("the page reported problems:\n%s", strings.Join(p, "\n"))
	}
}
