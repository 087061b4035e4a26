package sitetest

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/relais-ecoles/relais/internal/catalog"
	"github.com/relais-ecoles/relais/internal/fixture"
	"github.com/relais-ecoles/relais/internal/pipeline"
	"github.com/relais-ecoles/relais/internal/site"
)

// MaxCatalogPageGzip is the most a catalog page may weigh, gzip-compressed,
// at the national scale: lists, facet pages and grids are paginated so a
// phone never loads the whole catalog.
const MaxCatalogPageGzip = 50 * 1024

// TestCatalogPagesAtNationalScale builds the catalog of the national
// fixture (5,000 programmes; few directives, which this test does not
// measure) and holds every catalog page under MaxCatalogPageGzip and every
// catalog feed to catalog.MaxFeedItems items; the paginated lists keep stable
// addresses (/programmes/page/2/).
func TestCatalogPagesAtNationalScale(t *testing.T) {
	if testing.Short() {
		t.Skip("renders 5,000 programmes")
	}
	t.Parallel()
	res := nationalCatalog(t)
	pages, largest, largestPath := 0, 0, ""
	seen := map[string]bool{}
	for _, o := range res.Outputs {
		if !strings.HasPrefix(o.Path, "programmes/") {
			continue
		}
		seen[o.Path] = true
		switch {
		case strings.HasSuffix(o.Path, ".html"):
			pages++
			if n := gzipSize(t, o.Data); n > MaxCatalogPageGzip {
				t.Errorf("%s is %d bytes gzipped, over %d", o.Path, n, MaxCatalogPageGzip)
			} else if n > largest {
				largest, largestPath = n, o.Path
			}
		case strings.HasSuffix(o.Path, "flux.json"):
			var f struct{ Items []json.RawMessage }
			if err := json.Unmarshal(o.Data, &f); err != nil {
				t.Fatalf("%s: %v", o.Path, err)
			}
			if len(f.Items) > catalog.MaxFeedItems {
				t.Errorf("%s holds %d items, over %d", o.Path, len(f.Items), catalog.MaxFeedItems)
			}
		}
	}
	for _, p := range []string{"programmes/index.html", "programmes/page/2/index.html", "programmes/page/100/index.html", "programmes/grille/page/2/index.html", "programmes/niveaux/cycle-3/page/2/index.html"} {
		if !seen[p] {
			t.Errorf("no %s at 5,000 programmes", p)
		}
	}
	if seen["programmes/page/101/index.html"] {
		t.Errorf("5,000 programmes at %d a page make more than 100 pages", catalog.ProgrammesPerPage)
	}
	t.Logf("%d catalog pages at 5,000 programmes; the largest, %s, is %d bytes gzipped", pages, largestPath, largest)
}

// nationalCatalog renders the site of the national fixture's catalog:
// its 5,000 programmes, and few directives.
func nationalCatalog(t testing.TB) *pipeline.Result {
	t.Helper()
	fx := fixture.Generate(fixture.Options{Directives: 30, Programmes: fixture.National.Programmes, Guides: 2, Seed: fixture.National.Seed})
	fsys, err := fx.MapFS(RepoRoot(t))
	if err != nil {
		t.Fatal(err)
	}
	now, _ := time.Parse(time.RFC3339, Now)
	res, err := pipeline.Render(pipeline.Options{Source: fsys, Site: site.Options{Now: now}})
	if err != nil {
		t.Fatal(err)
	}
	return res
}
