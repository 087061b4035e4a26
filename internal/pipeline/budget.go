package pipeline

import (
	"fmt"
	"slices"
	"strings"

	"github.com/relais-ecoles/relais/internal/config"
	"github.com/relais-ecoles/relais/internal/hosting"
	"github.com/relais-ecoles/relais/internal/output"
	"github.com/relais-ecoles/relais/internal/publish"
	"github.com/relais-ecoles/relais/internal/site"
	"github.com/relais-ecoles/relais/internal/vocab"
)

// Budgets (docs/design.md, « What a host receives ») are checked on gzip-compressed sizes, the bytes a
// client downloads:
//
//   - HTML: every level page, /academies/<académie>/<level>/, the page a
//     parent opens on a phone to learn when to connect, and the home page,
//     where they start, must fit Budgets.HTML with the stylesheets they
//     need to paint (one round trip). Other pages (lists of directives, the
//     catalog, the plan du site) grow with the content and are not held to
//     it: the largest of them are reported, not refused.
//   - CSS and JS: all stylesheets together, and all scripts together (the
//     service worker, /sw.js, included), must fit Budgets.CSS and
//     Budgets.JS.
//
// A build over a budget fails, naming each file and its size, unless
// Options.NoBudgets is set.

// Size is the size of one output.
type Size struct {
	Path string // output path
	URL  string
	Size int // bytes
	Gzip int // gzip-compressed bytes
}

// Sizes are the sizes of a build, for the summary and the budgets.
type Sizes struct {
	// Largest are the largest pages, gzip-compressed, largest first.
	Largest []Size
	// CSS and JS are the gzip-compressed sizes of all stylesheets and all
	// scripts.
	CSS, JS int
}

// LargestShown is how many pages the build summary lists.
const LargestShown = 5

// BudgetError is a build over its budgets.
type BudgetError struct {
	Over []string // one line a file or kind over its budget
}

func (e *BudgetError) Error() string {
	return "budgets dépassés (content/site.yaml, budgets) :\n  " + strings.Join(e.Over, "\n  ") +
		"\nallégez ces fichiers, relevez le budget dans content/site.yaml, ou construisez avec --no-budgets"
}

// LevelPage reports whether a URL is a level page, held to the HTML budget.
func LevelPage(url string) bool {
	rest, ok := strings.CutPrefix(url, site.AcademiesURL)
	if !ok {
		return false
	}
	parts := strings.Split(strings.TrimSuffix(rest, "/"), "/")
	if len(parts) != 2 || !strings.HasSuffix(rest, "/") {
		return false
	}
	_, ok = vocab.LevelOf(parts[1])
	return ok
}

// Painted reports whether a URL is held to the HTML budget with its
// stylesheets: a level page or the home page.
func Painted(url string) bool { return url == site.HomeURL || LevelPage(url) }

// isScript reports whether an output is a script of the JS budget: under
// assets/, or the service worker.
func isScript(p string) bool {
	return strings.HasPrefix(p, "assets/") && strings.HasSuffix(p, ".js") || "/"+p == hosting.ServiceWorker
}

// CheckBudgets measures cs against b. The error, when not nil, is a
// *BudgetError.
func CheckBudgets(b config.Budgets, cs []publish.Compressed) (Sizes, error) {
	var s Sizes
	var over []string
	var pages []Size
	for _, c := range cs {
		size := Size{Path: c.Path, URL: hosting.URLOf(c.Path), Size: c.Size, Gzip: c.GzipSize}
		switch {
		case output.KindOf(c.Path).Budget == output.PageBudget:
			pages = append(pages, size)
		case output.CacheOf(c.Path) == output.Immutable && output.KindOf(c.Path).Budget == output.CSSBudget:
			s.CSS += size.Gzip
		case isScript(c.Path):
			s.JS += size.Gzip
		}
	}
	for _, p := range pages {
		if Painted(p.URL) && p.Gzip+s.CSS > b.HTML {
			over = append(over, fmt.Sprintf("la page %s pèse %s compressée (gzip) avec ses feuilles de style (%s de CSS), plus que les %s permis pour une page de niveau ou la page d’accueil (html_kb)", p.URL, kb(p.Gzip+s.CSS), kb(s.CSS), kb(b.HTML)))
		}
	}
	if s.CSS > b.CSS {
		over = append(over, fmt.Sprintf("les feuilles de style pèsent %s compressées (gzip) en tout, plus que le budget de %s (css_kb)", kb(s.CSS), kb(b.CSS)))
	}
	if s.JS > b.JS {
		over = append(over, fmt.Sprintf("les scripts pèsent %s compressés (gzip) en tout, plus que le budget de %s (js_kb)", kb(s.JS), kb(b.JS)))
	}
	slices.SortFunc(pages, func(x, y Size) int {
		if x.Gzip != y.Gzip {
			return y.Gzip - x.Gzip
		}
		return strings.Compare(x.URL, y.URL)
	})
	s.Largest = pages[:min(LargestShown, len(pages))]
	if len(over) > 0 {
		return s, &BudgetError{Over: over}
	}
	return s, nil
}

// kb formats a size in kilobytes (1,024 bytes), as budgets are written,
// the French way: "14 Ko", "15,2 Ko".
func kb(n int) string {
	if n%1024 == 0 {
		return fmt.Sprintf("%d Ko", n/1024)
	}
	return strings.Replace(fmt.Sprintf("%.1f Ko", float64(n)/1024), ".", ",", 1)
}

// KB formats a size as the build summary shows it.
func KB(n int) string { return kb(n) }
