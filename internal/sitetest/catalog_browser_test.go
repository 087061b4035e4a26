package sitetest

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/relais-ecoles/relais/internal/browsertest"
	"github.com/relais-ecoles/relais/internal/hosting"
	"github.com/relais-ecoles/relais/internal/site"
)

// serveShipped serves the shipped site with the Content-Security-Policy
// the build writes for the hosts, so that a script the policy would
// refuse fails the test.
func serveShipped(t *testing.T) string {
	t.Helper()
	return browsertest.Serve(t, outputs(Shipped(t)), http.Header{"Content-Security-Policy": {hosting.CSP}})
}

// visible returns the ids of the catalog's list items that are shown.
const visibleJS = `[...document.querySelectorAll("#programmes > li")].filter(li => !li.hidden && li.offsetParent !== null).map(li => li.id.slice(2))`

// TestCatalogSearchInBrowser types in the catalog's filter as a teacher
// would: "math", then a level, and checks the list narrows to the right
// programmes, with accents and case ignored.
func TestCatalogSearchInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	c := shippedCatalog(t)
	base := serveShipped(t)
	ctx := browsertest.New(t)
	problems := browsertest.Problems(ctx)

	// The oracle: programmes of mathematics, in catalog order, and those of
	// them for CP.
	var math, mathCP []string
	for _, p := range c.Programmes {
		if slices.Contains(p.Subjects, "mathematiques") {
			math = append(math, p.Slug)
			if slices.Contains(p.Levels, "cp") {
				mathCP = append(mathCP, p.Slug)
			}
		}
	}
	if len(mathCP) == 0 || len(mathCP) == len(math) || len(math) == len(c.Programmes) {
		t.Fatalf("the shipped catalog no longer exercises the filter: %d programmes, %d of maths, %d of maths for CP", len(c.Programmes), len(math), len(mathCP))
	}

	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+site.ProgrammesURL),
		chromedp.WaitVisible("#q"), // the form shows once the index is read
	); err != nil {
		t.Fatal(err)
	}
	all := visible(t, ctx)
	if len(all) != len(c.Programmes) {
		t.Errorf("before typing, %d programmes shown, want %d", len(all), len(c.Programmes))
	}

	if err := chromedp.Do(ctx, chromedp.SendKeys("#q", "math")); err != nil {
		t.Fatal(err)
	}
	if got := visible(t, ctx); !slices.Equal(got, math) {
		t.Errorf("after typing \"math\": %v, want %v", got, math)
	}

	if err := chromedp.Do(ctx, choose("#niveau", "cp")); err != nil {
		t.Fatal(err)
	}
	if got := visible(t, ctx); !slices.Equal(got, mathCP) {
		t.Errorf("after choosing CP: %v, want %v", got, mathCP)
	}
	count, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("compte").textContent`))
	if err != nil {
		t.Fatal(err)
	}
	if want := "programme"; !strings.Contains(count, want) || !strings.Contains(count, " sur ") {
		t.Errorf("count line %q", count)
	}

	// Accents and capitals do not matter; a word that matches nothing
	// says so.
	if err := chromedp.Do(ctx, choose("#niveau", ""), choose("#q", ""), chromedp.SendKeys("#q", "MATHÉMATIQUES")); err != nil {
		t.Fatal(err)
	}
	if got := visible(t, ctx); !slices.Equal(got, math) {
		t.Errorf("after typing \"MATHÉMATIQUES\": %v, want %v", got, math)
	}
	if err := chromedp.Do(ctx, choose("#q", ""), chromedp.SendKeys("#q", "zzzz")); err != nil {
		t.Fatal(err)
	}
	if got := visible(t, ctx); len(got) != 0 {
		t.Errorf("after typing \"zzzz\": %v", got)
	}
	if count, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("compte").textContent`)); count != "Aucun programme ne correspond." {
		t.Errorf("count line %q", count)
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("the page reported problems:\n%s", strings.Join(p, "\n"))
	}
}

// TestCatalogWithoutJavaScript opens the catalog with scripts off: the
// filter form stays hidden and the whole list is there.
func TestCatalogWithoutJavaScript(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	c := shippedCatalog(t)
	base := serveShipped(t)
	ctx := browsertest.New(t)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+site.ProgrammesURL), chromedp.WaitVisible("#programmes")); err != nil {
		t.Fatal(err)
	}
	// With scripts off, Evaluate from DevTools still runs: it reads the
	// page as the reader sees it.
	if got := visible(t, ctx); len(got) != len(c.Programmes) {
		t.Errorf("%d programmes shown, want %d", len(got), len(c.Programmes))
	}
	hidden, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("recherche").offsetParent === null`))
	if err != nil {
		t.Fatal(err)
	}
	if !hidden {
		t.Error("the filter form shows without JavaScript, where it cannot work")
	}
}

// TestGridTodayInBrowser checks that the grid's script marks today, in
// Paris, and only today.
func TestGridTodayInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	base := serveShipped(t)
	ctx := browsertest.New(t)
	problems := browsertest.Problems(ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+site.ProgrammeGridURL), chromedp.WaitVisible("section.aujourdhui")); err != nil {
		t.Fatal(err)
	}
	type today struct {
		Days    []int  `json:"days"`
		Current string `json:"current"`
		Heading string `json:"heading"`
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[today](`({
		days: [...document.querySelectorAll("section.aujourdhui")].map(s => +s.dataset.jour),
		current: (document.querySelector('.jours a[aria-current="date"]') || {}).textContent || "",
		heading: document.querySelector("section.aujourdhui h2").textContent,
	})`))
	if err != nil {
		t.Fatal(err)
	}
	paris, _ := time.LoadLocation("Europe/Paris")
	now := time.Now().In(paris)
	if len(got.Days) != 1 || got.Days[0] != int(now.Weekday()) {
		t.Errorf("marked days %v, want [%d] (%s in Paris)", got.Days, now.Weekday(), now.Format(time.DateTime))
	}
	if !strings.Contains(got.Heading, "aujourd’hui") || got.Current == "" || !strings.HasPrefix(got.Heading, got.Current) {
		t.Errorf("today is not said in words: heading %q, current link %q", got.Heading, got.Current)
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("the page reported problems:\n%s", strings.Join(p, "\n"))
	}
}

func visible(t *testing.T, ctx context.Context) []string {
	t.Helper()
	ids, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](visibleJS))
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// choose sets the value of a field as a person would: the value changes
// and the input and change events fire. (chromedp.SetValue refuses an
// empty value.)
func choose(sel, value string) chromedp.Action[chromedp.Void] {
	js := fmt.Sprintf(`(() => { const s = document.querySelector(%q); s.value = %q; return s.value === %q && s.dispatchEvent(new Event("input")) && s.dispatchEvent(new Event("change")); })()`, sel, value, value)
	return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		ok, err := chromedp.Evaluate[bool](js)(ctx, tg)
		if err == nil && !ok {
			err = fmt.Errorf("%s cannot take the value %q", sel, value)
		}
		return chromedp.Void{}, err
	}
}
