package sitetest

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/relais-ecoles/relais/internal/browsertest"
)

// phone is the viewport of the browser tests of the home page: a small
// Android phone.
const phoneW, phoneH = 360, 640

// phone is a headless Chromium tab the size of a cheap phone's screen.
func phone(t *testing.T) context.Context {
	t.Helper()
	ctx := browsertest.New(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(phoneW, phoneH)); err != nil {
		t.Fatal(err)
	}
	return ctx
}

// hostShipped serves the shipped site on loopback as a host does, with the
// headers of hosting (CSP, Cache-Control; /sw.js no-cache) on every
// response, the page of a folder for its URL, and a 404 otherwise; pages
// may be given another Cache-Control (cache, by URL). The returned
// function stops the server, as a network that drops.
func hostShipped(t *testing.T, cache map[string]string) (base string, stop func()) {
	t.Helper()
	res := Shipped(t)
	files := outputs(res)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := strings.TrimPrefix(r.URL.Path, "/")
		if p == "" || strings.HasSuffix(p, "/") {
			p += "index.html"
		}
		data, ok := files[p]
		if !ok {
			http.NotFound(w, r)
			return
		}
		for k, vs := range res.Rules.HeadersFor(p) {
			w.Header()[k] = vs
		}
		if cc, ok := cache[r.URL.Path]; ok {
			w.Header().Set("Cache-Control", cc)
		}
		_, _ = w.Write(data)
	}))
	t.Cleanup(srv.Close)
	return srv.URL, func() {
		srv.CloseClientConnections()
		srv.Close()
	}
}

// TestFinderInBrowser types département numbers and names in the home
// page's finder on a 360×640 phone, as a parent would, and follows Enter
// to the académie; without JavaScript, the link to the list of
// départements is there, and the list leads to the académie.
func TestFinderInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	base, _ := hostShipped(t, nil)
	ctx := phone(t)
	problems := browsertest.Problems(ctx)
	for _, tc := range []struct{ typed, want, first string }{
		{"93", "/academies/creteil/", "Seine-Saint-Denis (93) : académie de Créteil"},
		{"2A", "/academies/corse/", "Corse-du-Sud (2A) : académie de Corse"},
		{"2b", "/academies/corse/", "Haute-Corse (2B) : académie de Corse"},
		{"Meuse", "/academies/nancy-metz/", "Meuse (55) : académie de Nancy-Metz"},
		{"seine-saint", "/academies/creteil/", "Seine-Saint-Denis (93) : académie de Créteil"},
		{"CÔTE D'OR", "/academies/dijon/", "Côte-d'Or (21) : académie de Dijon"},
		{"reunion", "/academies/la-reunion/", "La Réunion (974) : académie de La Réunion"},
		{"créteil", "/academies/creteil/", "Académie de Créteil"},
	} {
		err := chromedp.Do(ctx,
			chromedp.Navigate(base+"/"),
			chromedp.WaitVisible("#departement"),
			chromedp.SendKeys("#departement", tc.typed),
		)
		if err != nil {
			t.Fatalf("%s: %v", tc.typed, err)
		}
		first, err := chromedp.Run(ctx, chromedp.Poll[string](`(document.querySelector("#trouves a") || {}).textContent`, chromedp.WithPollingTimeout(5*time.Second)))
		if err != nil {
			t.Errorf("%s: no result: %v", tc.typed, err)
			continue
		}
		if first != tc.first {
			t.Errorf("%s: first result %q, want %q", tc.typed, first, tc.first)
		}
		if err := chromedp.Do(ctx, chromedp.SendKeys("#departement", "\r")); err != nil {
			t.Fatal(err)
		}
		if loc := waitLocation(ctx, base+tc.want); loc != base+tc.want {
			t.Errorf("%s: Enter leads to %s, want %s", tc.typed, loc, tc.want)
		}
	}
	// Nothing found: the finder says so.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"), chromedp.WaitVisible("#departement"), chromedp.SendKeys("#departement", "zzz")); err != nil {
		t.Fatal(err)
	}
	if msg, err := chromedp.Run(ctx, chromedp.Poll[string](`document.getElementById("trouves-etat").textContent`, chromedp.WithPollingTimeout(5*time.Second))); err != nil || !strings.HasPrefix(msg, "Aucun résultat") {
		t.Errorf("nothing found: %q, %v", msg, err)
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("the pages report problems:\n%s", strings.Join(p, "\n"))
	}
}

// waitLocation waits up to five seconds for the tab to be at want, and
// returns where it is.
func waitLocation(ctx context.Context, want string) string {
	var loc string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		loc, _ = chromedp.Run(ctx, chromedp.Location())
		if loc == want {
			break
		}
	}
	return loc
}

// savedJS is what the service worker saved, as JSON: whether it controls
// the page, and the addresses in each cache.
const savedJS = `(async () => JSON.stringify({controller: !!navigator.serviceWorker.controller, caches: Object.fromEntries(await Promise.all((await caches.keys()).map(async n => [n, (await (await caches.open(n)).keys()).map(k => new URL(k.url).pathname)])))}))()`

// waitSaved waits up to 15 seconds for the service worker to control the
// tab and to have saved page and the style sheet; it returns what it saved.
func waitSaved(ctx context.Context, page string) (string, bool) {
	var state string
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		state, _ = chromedp.Run(ctx, chromedp.Evaluate[string](savedJS, chromedp.EvalAwaitPromise))
		var s struct {
			Controller bool
			Caches     map[string][]string
		}
		if json.Unmarshal([]byte(state), &s) == nil && s.Controller && slices.Contains(s.Caches["relais-pages-1"], page) &&
			slices.ContainsFunc(s.Caches["relais-assets-1"], func(u string) bool { return strings.HasPrefix(u, "/assets/css/site.") }) {
			return state, true
		}
	}
	return state, false
}

// targetsJS measures the links, buttons and fields of the page: those of
// the navigation and of the lists of académies, levels and départements
// must be at least 44×44 px, every other at least 24×24 px, but links
// inside a sentence (the exception of WCAG 2.5.8). It returns what is too
// small, and how many were measured.
const targetsJS = `(() => {
  const big = "header nav a, .territoire a, .academies a, .niveaux a, .autres a, .cibles a, a.cible, .colonnes a, #trouver input, #trouver button";
  const out = []; let n = 0;
  for (const el of document.querySelectorAll("a[href], button, input")) {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height || getComputedStyle(el).visibility === "hidden") continue;
    n++;
    const min = el.matches(big) ? 44 : 24;
    if (r.width >= min && r.height >= min) continue;
    // A link in a sentence: its parent holds other text.
    const p = el.parentElement;
    if (min === 24 && el.tagName === "A" && p && p.textContent.trim().length > el.textContent.trim().length + 2 && getComputedStyle(el).display === "inline") continue;
    out.push(Math.round(r.width) + "×" + Math.round(r.height) + " " + (el.className ? "." + el.className + " " : "") + (el.textContent.trim() || el.id).slice(0, 40));
  }
  return [String(n)].concat(out);
})()`

// TestTargetSizesInBrowser measures the tap targets of the home page, an
// académie page and a level page on a 360×640 phone.
func TestTargetSizesInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	base, _ := hostShipped(t, nil)
	ctx := phone(t)
	for _, page := range []string{"/", "/academies/paris/", "/academies/paris/4e/", "/departements/"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+page), chromedp.WaitVisible("h1")); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](targetsJS))
		if err != nil {
			t.Fatal(err)
		}
		if got[0] == "0" {
			t.Errorf("%s: no target measured", page)
		}
		t.Logf("%s: %s targets measured", page, got[0])
		if len(got) > 1 {
			t.Errorf("%s: %d of %s targets too small:\n%s", page, len(got)-1, got[0], strings.Join(got[1:], "\n"))
		}
	}
	// The home page at 360 px: the site's name and what it is are in the
	// header, the finder is on the first screen, and no région is shown
	// beside an académie of the same name.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"), chromedp.WaitVisible("#departement")); err != nil {
		t.Fatal(err)
	}
	tagline, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.querySelector(".entete .site span").getBoundingClientRect().height`))
	if err != nil || tagline == 0 {
		t.Errorf("the header's tagline is hidden at 360 px (%v)", err)
	}
	finder, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.getElementById("departement").getBoundingClientRect().bottom`))
	if err != nil || finder > phoneH {
		t.Errorf("the finder's field ends at y = %v, below the first screen of %d px (%v)", finder, phoneH, err)
	}
	pairs, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll(".territoire > li")].map(li => li.querySelector("h3").textContent.trim() + " / " + [...li.querySelectorAll(".academies .nom")].map(n => n.textContent).join(", ")).filter(s => { const [r, a] = s.split(" / "); return a && a.split(", ").includes(r); })`))
	if err != nil || len(pairs) > 0 {
		t.Errorf("a région and its académie of the same name shown twice: %v (%v)", pairs, err)
	}
}

// TestOfflineInBrowser opens a level page on a 360×640 phone, then the
// server stops, as the network drops: reloaded, the page still gives the
// answer, styled, and says it was saved, with when; its académie, opened
// once, is there too; a page never opened says it was not saved.
func TestOfflineInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	const level = "/academies/paris/4e/"
	// The pages are revalidated at each visit ("no-cache"), as after their
	// max-age: so that, offline, the browser's HTTP cache has no fresh copy
	// and the service worker's is what answers. /academies/paris/3e/ is
	// marked no-store: the service worker must not save it.
	base, stop := hostShipped(t, map[string]string{
		"/academies/paris/": "no-cache", level: "no-cache", "/academies/paris/3e/": "no-store",
	})
	ctx := phone(t)
	problems := browsertest.Problems(ctx)
	const answer = "En 4e, au collège, il est demandé de se connecter"
	// The académie, then the level: one visit each, nothing else, as long
	// as it takes the service worker to save them.
	for _, page := range []string{"/academies/paris/", level} {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+page), chromedp.WaitVisible("h1")); err != nil {
			t.Fatal(err)
		}
		if state, ok := waitSaved(ctx, page); !ok {
			t.Fatalf("%s is not saved: %s", page, state)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/academies/paris/3e/"), chromedp.WaitVisible("h1")); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond)
	if state, _ := chromedp.Run(ctx, chromedp.Evaluate[string](savedJS, chromedp.EvalAwaitPromise)); strings.Contains(state, "/academies/paris/3e/") {
		t.Errorf("a page marked no-store is saved: %s", state)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+level), chromedp.WaitVisible("h1")); err != nil {
		t.Fatal(err)
	}
	if online, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.hasAttribute("data-enregistre")`)); online {
		t.Error("online, the page says it is the saved copy")
	}

	stop() // the network is gone
	for _, page := range []string{level, "/academies/paris/"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+page), chromedp.WaitVisible("p.hors-ligne")); err != nil {
			t.Fatalf("%s offline: %v", page, err)
		}
		notice, err := chromedp.Run(ctx, chromedp.Text("p.hors-ligne"))
		if err != nil || !strings.HasPrefix(notice, "Hors ligne : page enregistrée le ") || !strings.Contains(notice, " à ") {
			t.Errorf("%s offline: the notice is %q (%v)", page, notice, err)
		}
		styled, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector(".entete")).borderBottomStyle`))
		if err != nil || styled != "solid" {
			t.Errorf("%s offline: the stylesheet is not applied (%q, %v)", page, styled, err)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+level), chromedp.WaitVisible("p.reponse")); err != nil {
		t.Fatal(err)
	}
	if text, err := chromedp.Run(ctx, chromedp.Text("p.reponse")); err != nil || !strings.HasPrefix(text, answer) {
		t.Errorf("offline, the answer is %q (%v)", text, err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/academies/lyon/4e/"), chromedp.WaitVisible("h1")); err != nil {
		t.Fatal(err)
	}
	if h1, err := chromedp.Run(ctx, chromedp.Text("h1")); err != nil || h1 != "Hors ligne" {
		t.Errorf("a page never opened, offline: %q (%v)", h1, err)
	}
	var real []string
	for _, p := range problems() {
		// The requests the stopped server refuses are what this test
		// is about; anything else is a problem.
		if !strings.Contains(p, "ERR_CONNECTION_REFUSED") && !strings.Contains(p, "Failed to fetch") && !strings.Contains(p, "503") {
			real = append(real, p)
		}
	}
	if len(real) > 0 {
		t.Errorf("the pages report problems:\n%s", strings.Join(real, "\n"))
	}
}
