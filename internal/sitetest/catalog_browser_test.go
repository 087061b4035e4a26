package sitetest

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/relais-ecoles/relais/internal/browsertest"
	"github.com/relais-ecoles/relais/internal/catalog"
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

// visibleJS lists the programme links shown: the search's results when
// it shows them, else the catalog's list.
const visibleJS = `(() => { const r = document.getElementById("resultats"); const ul = r && !r.hidden ? r : document.getElementById("programmes"); return [...ul.querySelectorAll(":scope > li > a")].filter(a => a.offsetParent !== null).map(a => a.getAttribute("href").split("/")[2]); })()`

// TestCatalogSearchInBrowser types in the catalog's search as a teacher
// would and checks each answer against the shipped catalog: short forms
// and aliases of the vocabulary, levels, cycles, broadcasters, word
// beginnings, accents and capitals; the count and the reasons; an empty
// answer with a suggestion and the facet links. The field is in the first
// screen of a 360×640 phone.
func TestCatalogSearchInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	c := shippedCatalog(t)
	base := serveShipped(t)
	ctx := browsertest.New(t)
	problems := browsertest.Problems(ctx)
	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(360, 640, chromedp.EmulateMobile),
		chromedp.Navigate(base+site.ProgrammesURL),
		chromedp.WaitVisible("#q"),
	); err != nil {
		t.Fatal(err)
	}
	bottom, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.getElementById("q").getBoundingClientRect().bottom + scrollY`))
	if err != nil {
		t.Fatal(err)
	}
	if bottom > 640 {
		t.Errorf("the search field ends %.0f px down the page, below the first screen of a 360×640 phone", bottom)
	}
	if got := visible(t, ctx); len(got) != min(len(c.Programmes), catalog.ProgrammesPerPage) {
		t.Errorf("before typing, %d programmes shown, want %d", len(got), len(c.Programmes))
	}

	has := func(list []string, x string) bool { return slices.Contains(list, x) }
	level := func(ls ...string) func(p *catalog.Programme) bool {
		return func(p *catalog.Programme) bool {
			return slices.ContainsFunc(ls, func(l string) bool { return has(p.Levels, l) })
		}
	}
	subject := func(s string) func(p *catalog.Programme) bool {
		return func(p *catalog.Programme) bool { return has(p.Subjects, s) }
	}
	medium := func(m string) func(p *catalog.Programme) bool {
		return func(p *catalog.Programme) bool { return has(p.Media, m) }
	}
	and := func(fs ...func(p *catalog.Programme) bool) func(p *catalog.Programme) bool {
		return func(p *catalog.Programme) bool {
			for _, f := range fs {
				if !f(p) {
					return false
				}
			}
			return true
		}
	}
	for _, tc := range []struct {
		query string
		want  func(p *catalog.Programme) bool
		must  []string // slugs the answer must hold, whatever the oracle
	}{
		{"maths", subject("mathematiques"), []string{"france-4-cp-ce1", "france-4-college", "france-4-lycee"}},
		{"math", subject("mathematiques"), nil},
		{"MATHÉMATIQUES", subject("mathematiques"), nil},
		{"maths cycle 3", and(subject("mathematiques"), level("cm1", "cm2", "6e")), []string{"france-4-college"}},
		{"maths CE1", and(subject("mathematiques"), level("ce1")), []string{"france-4-cp-ce1"}},
		{"CM1", level("cm1"), []string{"la-maison-lumni", "c-est-toujours-pas-sorcier"}},
		{"6e", level("6e"), []string{"france-4-college"}},
		{"lycée", level("seconde", "premiere", "terminale", "cap", "bac-pro"), []string{"france-4-lycee", "lcp"}},
		{"histoire-géo", subject("histoire-geographie"), []string{"france-4-lycee", "entree-en-matiere"}},
		{"philo", subject("philosophie"), []string{"france-4-lycee"}},
		{"anglais", subject("anglais"), []string{"france-4-lycee"}},
		{"podcast", medium("podcast"), []string{"france-culture"}},
		{"radio", medium("radio"), []string{"france-culture", "rfi-7-milliards-de-voisins", "rtl-la-curiosite-retourne-a-l-ecole"}},
		{"télé", medium("tv"), []string{"la-maison-lumni"}},
		{"TV", medium("tv"), nil},
		{"RFI", func(p *catalog.Programme) bool { return p.Broadcaster == "rfi" }, []string{"rfi-7-milliards-de-voisins"}},
		{"playbac", func(p *catalog.Programme) bool { return p.Broadcaster == "playbac-presse" }, []string{"mon-quotidien", "l-actu", "le-petit-quotidien"}},
		{"quotid", nil, []string{"mon-quotidien", "le-petit-quotidien"}},
	} {
		if err := chromedp.Do(ctx, choose("#q", ""), chromedp.SendKeys("#q", tc.query), chromedp.WaitVisible("#resultats")); err != nil {
			t.Fatalf("%q: %v", tc.query, err)
		}
		got := visible(t, ctx)
		if tc.want != nil {
			var want []string
			for _, p := range c.Programmes {
				if tc.want(p) {
					want = append(want, p.Slug)
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("%q: %v, want %v", tc.query, got, want)
			}
		}
		for _, m := range tc.must {
			if !has(got, m) {
				t.Errorf("%q: %v does not hold %s", tc.query, got, m)
			}
		}
		say, why := answer(t, ctx)
		if n := len(got); !strings.HasPrefix(say, fmt.Sprintf("%d programme", n)) || !strings.Contains(say, "« "+tc.query+" »") {
			t.Errorf("%q: the answer says %q for %d programmes", tc.query, say, n)
		}
		if len(why) != len(got) || slices.Contains(why, "") {
			t.Errorf("%q: not every result says why it matches: %q", tc.query, why)
		}
	}

	// A level chosen in the list narrows the words.
	if err := chromedp.Do(ctx, choose("#q", ""), chromedp.SendKeys("#q", "maths"), choose("#niveau", "cp")); err != nil {
		t.Fatal(err)
	}
	if got := visible(t, ctx); !slices.Equal(got, []string{"france-4-cp-ce1"}) {
		t.Errorf("maths at CP: %v", got)
	}

	// Nothing found: a near word offered, and the facet pages.
	if err := chromedp.Do(ctx, choose("#niveau", ""), choose("#q", ""), chromedp.SendKeys("#q", "mathematiqes")); err != nil {
		t.Fatal(err)
	}
	say, _ := answer(t, ctx)
	if !strings.HasPrefix(say, "Aucun programme pour « mathematiqes »") || !strings.Contains(say, "Essayez") {
		t.Errorf("an answer without result says %q", say)
	}
	hints, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#pistes a")].filter(a => a.offsetParent !== null).map(a => a.getAttribute("href"))`))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(hints, site.FacetsURL(catalog.KindLevels)) || !slices.Contains(hints, site.FacetsURL(catalog.KindSubjects)) {
		t.Errorf("no facet links with an empty answer: %v", hints)
	}
	if err := chromedp.Do(ctx, chromedp.Click("button.suggestion")); err != nil {
		t.Fatal(err)
	}
	if got := visible(t, ctx); len(got) == 0 {
		t.Error("the suggestion finds nothing")
	}
	// An address with ?q= opens on its answer.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+site.ProgrammesURL+"?q=podcast"), chromedp.WaitVisible("#resultats")); err != nil {
		t.Fatal(err)
	}
	if got := visible(t, ctx); !slices.Equal(got, []string{"france-culture"}) {
		t.Errorf("?q=podcast: %v", got)
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("the page reported problems:\n%s", strings.Join(p, "\n"))
	}
}

// answer returns the search's count line and the reason of each result.
func answer(t *testing.T, ctx context.Context) (string, []string) {
	t.Helper()
	type ans struct {
		Say string   `json:"say"`
		Why []string `json:"why"`
	}
	a, err := chromedp.Run(ctx, chromedp.Evaluate[ans](`({say: document.getElementById("reponse").textContent, why: [...document.querySelectorAll("#resultats > li")].map(li => (li.querySelector(".pourquoi") || {}).textContent || "")})`))
	if err != nil {
		t.Fatal(err)
	}
	return a.Say, a.Why
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
	if got := visible(t, ctx); len(got) != min(len(c.Programmes), catalog.ProgrammesPerPage) {
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

// TestGridInBrowser opens the grid on a phone at a fixed time and checks
// the marks: "en ce moment" for what is on, "aujourd’hui" for the rest of
// the day, only within the stated period; none in another year. The grid
// page, header included (the site's footer follows), fits in two screens
// of a 360×640 phone.
func TestGridInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	base := serveShipped(t)
	ctx := browsertest.New(t)
	problems := browsertest.Problems(ctx)
	type marks struct {
		Now    []string `json:"now"`
		Today  []string `json:"today"`
		Say    string   `json:"say"`
		Height float64  `json:"height"`
	}
	const js = `({
		now: [...document.querySelectorAll("#grille > li.en-direct > a")].map(a => a.getAttribute("href").split("/")[2]),
		today: [...document.querySelectorAll("#grille > li.aujourdhui > a")].map(a => a.getAttribute("href").split("/")[2]),
		say: document.getElementById("maintenant").textContent,
		height: document.querySelector("main").getBoundingClientRect().bottom + scrollY,
	})`
	for _, tc := range []struct {
		at       string
		now      []string
		today    []string
		sayStart string
	}{
		{"2020-03-23T09:30:00+01:00", []string{"france-4-cp-ce1"}, []string{"france-4-cp-ce1", "france-4-college", "france-4-lycee", "la-maison-lumni"}, "Lundi 23 mars 2020, 9h30 (simulé) : 4 émissions aujourd’hui, 1 en ce moment."},
		// LCP states no last day: never marked.
		{"2020-04-02T14:10:00+02:00", []string{"france-4-college"}, []string{"france-4-cp-ce1", "france-4-college", "france-4-lycee", "la-maison-lumni"}, "Jeudi 2 avril 2020, 14h10 (simulé)"},
		{"2020-03-28T14:30:00+01:00", nil, nil, "Samedi 28 mars 2020, 14h30 (simulé) : aucune émission"},
		{"2026-03-23T09:30:00+01:00", nil, nil, "Lundi 23 mars 2026"},
	} {
		if err := chromedp.Do(ctx,
			chromedp.EmulateViewport(360, 640, chromedp.EmulateMobile),
			chromedp.Navigate(base+site.ProgrammeGridURL+"?maintenant="+url.QueryEscape(tc.at)),
			chromedp.WaitVisible("#maintenant"),
		); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[marks](js))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got.Now, tc.now) || !slices.Equal(got.Today, tc.today) {
			t.Errorf("at %s: on now %v, today %v; want %v, %v", tc.at, got.Now, got.Today, tc.now, tc.today)
		}
		if !strings.HasPrefix(got.Say, tc.sayStart) {
			t.Errorf("at %s: the grid says %q, want it to start %q", tc.at, got.Say, tc.sayStart)
		}
		if got.Height > 2*640 {
			t.Errorf("at %s: the grid ends %.0f px down the page at 360 px, below two screens of 640 px", tc.at, got.Height)
		}
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
