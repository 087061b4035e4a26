package serve

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/relais-ecoles/relais/internal/browsertest"
)

// TestBrowserReloadAndOverlay opens a page in headless Chromium, with the
// production Content-Security-Policy the server sends: an edit reloads it,
// a broken edit shows the errors over it, the repair reloads it without
// them, and the console reports nothing (no CSP violation).
func TestBrowserReloadAndOverlay(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	ctx := browsertest.New(t)
	problems := browsertest.Problems(ctx)
	dir := newSite(t)
	r := start(t, dir)

	if err := chromedp.Do(ctx, chromedp.Navigate(r.url+"/bonnes-pratiques/premier/"), chromedp.WaitVisible("h1")); err != nil {
		t.Fatal(err)
	}
	until := func(what, js string) {
		t.Helper()
		browsertest.Until(t, ctx, wait, what, js)
	}
	// The event stream is open once the script has run; mark the page to
	// see it reload.
	until("the reload script should run", `!!document.querySelector('script[src="/__relais/reload.js"]')`)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.avantRechargement = true`)); err != nil {
		t.Fatal(err)
	}

	writeFile(t, dir, "content/guides/premier.md", guide("Premier conseil revu", "Texte revu."))
	until("the page should reload with the new title",
		`!window.avantRechargement && document.querySelector("h1").textContent.includes("Premier conseil revu")`)

	writeFile(t, dir, "content/guides/premier.md", "---\ntitle: [cassé\n---\n")
	until("the errors should show over the page", `(() => {
		const box = document.querySelector(".relais-serve-erreurs");
		return !!box && box.textContent.includes("La dernière modification contient des erreurs") &&
			box.textContent.includes("content/guides/premier.md:") &&
			getComputedStyle(box).position === "fixed";
	})()`)
	until("the last good page should stay under the overlay", `document.querySelector("h1").textContent.includes("Premier conseil revu")`)

	writeFile(t, dir, "content/guides/premier.md", guide("Premier conseil réparé", "Texte réparé."))
	until("the repaired page should reload without the errors",
		`!document.querySelector(".relais-serve-erreurs") && document.querySelector("h1").textContent.includes("Premier conseil réparé")`)

	time.Sleep(200 * time.Millisecond) // let late console messages come
	if p := problems(); len(p) > 0 {
		t.Errorf("the console reported:\n%s", strings.Join(p, "\n"))
	}
}
