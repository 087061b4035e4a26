package pipeline

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/relais-ecoles/relais/internal/fixture"
	"github.com/relais-ecoles/relais/internal/site"
)

// rebuildSites are the 10,000-page sites of the rebuild benchmarks, and the
// file an edit changes in each.
func rebuildSites(b *testing.B) []struct {
	name  string
	fsys  fstest.MapFS
	edit  string
	pages int
} {
	guides := guidesSite(b, 10000)
	fix := fixture.Generate(fixture.Options{Directives: 10000, Guides: 100, Seed: 1})
	root, _ := filepath.Abs("../..")
	directives, err := fix.MapFS(root)
	if err != nil {
		b.Fatal(err)
	}
	national := ""
	for _, p := range fix.Published {
		if strings.HasPrefix(p, "content/national/") {
			national = p // the latest: shown on every list
		}
	}
	return []struct {
		name  string
		fsys  fstest.MapFS
		edit  string
		pages int // at least
	}{
		{"shipped", editableSite(b, 0), "content/guides/se-deconnecter.md", 100},
		{"guides", guides, "content/guides/guide-05000.md", 10000},
		{"directives", directives, fix.Published[len(fix.Published)/2], 10000},
		{"directives-national", directives, national, 10000},
	}
}

// BenchmarkRebuild compares, on sites of 10,000 pages and on the shipped
// site, a full build
// (Render, what relais build does before writing) with the incremental
// rebuild of the dev server after one file is edited (its body changes):
// ns/op is the whole rebuild, open-page-ms the time until the edited page,
// open in the browser, is rendered and can be reloaded.
// The directives site needs the directive pages in site.Assemble: until
// they are there it has too few pages and is skipped.
func BenchmarkRebuild(b *testing.B) {
	now := time.Date(2020, 3, 23, 9, 0, 0, 0, time.FixedZone("CET", 3600))
	for _, tc := range rebuildSites(b) {
		opts := Options{Source: tc.fsys, Site: site.Options{Now: now}}
		b.Run(tc.name+"/full", func(b *testing.B) {
			cpu := cpuTime()
			for b.Loop() {
				res, err := Render(opts)
				if err != nil {
					b.Fatal(err)
				}
				if n := res.Counts["page"]; n < tc.pages {
					b.Skipf("%d pages, not %d: the %s pages are not assembled yet", n, tc.pages, tc.name)
				}
			}
			b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/1000/float64(b.N), "cpu-ms")
		})
		b.Run(tc.name+"/edit-one", func(b *testing.B) {
			inc := NewIncremental(opts)
			res, _, err := inc.Build()
			if err != nil {
				b.Fatal(err)
			}
			if n := res.Counts["page"]; n < tc.pages {
				b.Skipf("%d pages, not %d: the %s pages are not assembled yet", n, tc.pages, tc.name)
			}
			// The page of the edited file is the one open in the browser.
			var open []string
			for _, p := range res.Site.Pages {
				if p.Source.File == tc.edit {
					open = append(open, p.URL)
				}
			}
			orig := slices.Clone(tc.fsys[tc.edit].Data)
			rendered := 0
			var first, load, assemble, rend time.Duration
			i := 0
			cpu := cpuTime()
			for b.Loop() {
				tc.fsys[tc.edit].Data = fmt.Appendf(slices.Clip(orig), "\nModification %d.\n", i)
				i++
				start := time.Now()
				res, st, err := inc.UpdateFirst([]string{tc.edit}, open, func(map[string][]byte) { first += time.Since(start) })
				if err != nil {
					b.Fatal(err)
				}
				rendered = st.Rendered
				load += res.Timings.Load
				assemble += res.Timings.Assemble
				rend += res.Timings.Render
			}
			cpu = cpuTime() - cpu
			tc.fsys[tc.edit].Data = orig
			ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / float64(i) }
			b.ReportMetric(float64(rendered), "pages-rendered")
			b.ReportMetric(ms(first), "open-page-ms")
			b.ReportMetric(ms(load), "load-ms")
			b.ReportMetric(ms(assemble), "assemble-ms")
			b.ReportMetric(ms(rend), "render-ms")
			b.ReportMetric(ms(cpu), "cpu-ms")
		})
	}
}
