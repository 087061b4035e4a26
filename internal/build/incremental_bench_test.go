package build

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"
	"time"

	"github.com/relais-ecoles/relais/internal/fixture"
	"github.com/relais-ecoles/relais/internal/site"
)

// rebuildSites are the 10,000-page sites of the rebuild benchmarks, and the
// file an edit changes in each.
func rebuildSites(b *testing.B) []struct {
	name string
	fsys fstest.MapFS
	edit string
} {
	guides := guidesSite(b, 10000)
	fix := fixture.Generate(fixture.Options{Directives: 10000, Guides: 100, Seed: 1})
	root, _ := filepath.Abs("../..")
	directives, err := fix.MapFS(root)
	if err != nil {
		b.Fatal(err)
	}
	return []struct {
		name string
		fsys fstest.MapFS
		edit string
	}{
		{"guides", guides, "content/guides/guide-05000.md"},
		{"directives", directives, fix.Published[len(fix.Published)/2]},
	}
}

// BenchmarkRebuild compares, on a site of 10,000 pages, a full build
// (Render, what relais build does before writing) with the incremental
// rebuild of the dev server after one file is edited (its body changes).
// The directives site needs the directive pages in site.Assemble: until
// they are there it has too few pages and is skipped.
func BenchmarkRebuild(b *testing.B) {
	now := time.Date(2020, 3, 23, 9, 0, 0, 0, time.FixedZone("CET", 3600))
	for _, tc := range rebuildSites(b) {
		opts := Options{Source: tc.fsys, Site: site.Options{Now: now}}
		b.Run(tc.name+"/full", func(b *testing.B) {
			for b.Loop() {
				res, err := Render(opts)
				if err != nil {
					b.Fatal(err)
				}
				if n := res.Counts["page"]; n < 10000 {
					b.Skipf("%d pages, not 10,000: the %s pages are not assembled yet", n, tc.name)
				}
			}
		})
		b.Run(tc.name+"/edit-one", func(b *testing.B) {
			inc := NewIncremental(opts)
			res, _, err := inc.Build()
			if err != nil {
				b.Fatal(err)
			}
			if n := res.Counts["page"]; n < 10000 {
				b.Skipf("%d pages, not 10,000: the %s pages are not assembled yet", n, tc.name)
			}
			orig := slices.Clone(tc.fsys[tc.edit].Data)
			rendered := 0
			var load, assemble, rend time.Duration
			i := 0
			for b.Loop() {
				tc.fsys[tc.edit].Data = fmt.Appendf(slices.Clip(orig), "\nModification %d.\n", i)
				i++
				res, st, err := inc.Update([]string{tc.edit})
				if err != nil {
					b.Fatal(err)
				}
				rendered = st.Rendered
				load += res.Timings.Load
				assemble += res.Timings.Assemble
				rend += res.Timings.Render
			}
			tc.fsys[tc.edit].Data = orig
			b.ReportMetric(float64(rendered), "pages-rendered")
			b.ReportMetric(float64(load.Milliseconds())/float64(i), "load-ms")
			b.ReportMetric(float64(assemble.Milliseconds())/float64(i), "assemble-ms")
			b.ReportMetric(float64(rend.Milliseconds())/float64(i), "render-ms")
		})
	}
}
