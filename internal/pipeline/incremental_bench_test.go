package pipeline

import (
	"bytes"
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

// rebuildEdit is one edit of a rebuild benchmark: the file it changes, and
// the bytes of its i-th change of orig.
type rebuildEdit struct {
	name string // of the sub-benchmark: "edit-one", "edit-timetable"
	file string
	edit func(orig []byte, i int) []byte
	// open is the page open in the browser; "": the pages of file.
	open string
}

// appendLine edits a Markdown file: its body takes one more line.
func appendLine(orig []byte, i int) []byte {
	return fmt.Appendf(slices.Clip(orig), "\nModification %d.\n", i)
}

// moveSlot edits a timetables.yaml: its first slot from 09:00 starts at
// 09:01 to 09:30 instead.
func moveSlot(orig []byte, i int) []byte {
	return bytes.Replace(orig, []byte(`from: "09:00"`), fmt.Appendf(nil, `from: "09:%02d"`, 1+i%30), 1)
}

// rebuildSite is a site of the rebuild benchmarks, made when a
// sub-benchmark of it runs, and the edits made on it.
type rebuildSite struct {
	name  string
	fsys  func(b *testing.B) (fstest.MapFS, []rebuildEdit)
	pages int      // at least
	edits []string // the names of the edits fsys gives, in order
}

// fixtureSite generates a fixture; edits returns its edits.
func fixtureSite(o fixture.Options, edits func(*fixture.Fixture) []rebuildEdit) func(b *testing.B) (fstest.MapFS, []rebuildEdit) {
	return func(b *testing.B) (fstest.MapFS, []rebuildEdit) {
		fix := fixture.Generate(o)
		root, _ := filepath.Abs("../..")
		fsys, err := fix.MapFS(root)
		if err != nil {
			b.Fatal(err)
		}
		return fsys, edits(fix)
	}
}

// latestNational is the latest published directive of the ministry: shown
// on every list and, when urgent, on every page.
func latestNational(fix *fixture.Fixture) string {
	national := ""
	for _, p := range fix.Published {
		if strings.HasPrefix(p, "content/national/") {
			national = p
		}
	}
	return national
}

// rebuildSites are the sites of the rebuild benchmarks: the shipped site,
// two of 10,000 pages and the national fixture (fixture.National, as
// relais gen-fixture and tools/bench make it).
func rebuildSites() []rebuildSite {
	one := func(file string) []rebuildEdit { return []rebuildEdit{{"edit-one", file, appendLine, ""}} }
	directives := fixture.Options{Directives: 10000, Guides: 100, Seed: 1}
	return []rebuildSite{
		{"shipped", func(b *testing.B) (fstest.MapFS, []rebuildEdit) {
			return editableSite(b, 0), one("content/guides/se-deconnecter.md")
		}, 100, nil},
		{"guides", func(b *testing.B) (fstest.MapFS, []rebuildEdit) {
			return guidesSite(b, 10000), one("content/guides/guide-05000.md")
		}, 10000, nil},
		{"directives", fixtureSite(directives, func(fix *fixture.Fixture) []rebuildEdit {
			return one(fix.Published[len(fix.Published)/2])
		}), 10000, nil},
		{"directives-national", fixtureSite(directives, func(fix *fixture.Fixture) []rebuildEdit {
			return one(latestNational(fix))
		}), 10000, nil},
		{"national", fixtureSite(fixture.National, func(fix *fixture.Fixture) []rebuildEdit {
			return []rebuildEdit{
				{"edit-directive", fix.Published[len(fix.Published)/2], appendLine, ""},
				{"edit-timetable", "content/academies/paris/timetables.yaml", moveSlot, "/academies/paris/"},
				{"edit-programme", "content/programmes/programme-02500.md", appendLine, ""},
			}
		}), 29000, []string{"edit-directive", "edit-timetable", "edit-programme"}},
	}
}

// BenchmarkRebuild compares, on the shipped site, on sites of 10,000 pages
// and on the national fixture, a full build (Render, what relais build
// does before writing) with the incremental rebuild of the dev server
// after one file is edited: a directive's, a guide's or a programme's body,
// or a slot of a timetable. ns/op is the whole rebuild, open-page-ms the
// time until the pages of the edited file, open in the browser, are
// rendered and can be reloaded. A site's files are made, and its first
// incremental build done, only when one of its sub-benchmarks runs:
// -bench 'Rebuild/national/edit' builds the national site once.
func BenchmarkRebuild(b *testing.B) {
	now := time.Date(2020, 3, 23, 9, 0, 0, 0, time.FixedZone("CET", 3600))
	for _, tc := range rebuildSites() {
		var (
			fsys  fstest.MapFS
			edits []rebuildEdit
			opts  Options
			inc   *Incremental
			first *Result
		)
		made := func(b *testing.B) {
			if fsys == nil {
				fsys, edits = tc.fsys(b)
				opts = Options{Source: fsys, Site: site.Options{Now: now}}
			}
		}
		b.Run(tc.name+"/full", func(b *testing.B) {
			made(b)
			cpu := cpuTime()
			for b.Loop() {
				res, err := Render(opts)
				if err != nil {
					b.Fatal(err)
				}
				if n := res.Counts["page"]; n < tc.pages {
					b.Fatalf("%d pages, not %d", n, tc.pages)
				}
			}
			b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/1000/float64(b.N), "cpu-ms")
		})
		// The edits of a site share its first incremental build; each
		// puts its file back as it was when it ends.
		names := tc.edits
		if names == nil {
			names = []string{"edit-one"}
		}
		for k, name := range names {
			b.Run(tc.name+"/"+name, func(b *testing.B) {
				made(b)
				e := edits[k]
				if e.name != name {
					b.Fatalf("edit %d is %s, not %s", k, e.name, name)
				}
				if inc == nil {
					inc = NewIncremental(opts)
					var err error
					if first, _, err = inc.Build(); err != nil {
						b.Fatal(err)
					}
					if n := first.Counts["page"]; n < tc.pages {
						b.Fatalf("%d pages, not %d", n, tc.pages)
					}
				}
				// The pages of the edited file are the ones open in the
				// browser, or the page the edit names.
				var open []string
				for _, p := range first.Site.Pages {
					if e.open == "" && p.Source.File == e.file || p.URL == e.open {
						open = append(open, p.URL)
					}
				}
				if len(open) == 0 {
					b.Fatalf("no page is made of %s", e.file)
				}
				orig := fsys[e.file].Data
				defer func() {
					fsys[e.file].Data = orig
					if _, _, err := inc.Update([]string{e.file}); err != nil {
						b.Fatal(err)
					}
				}()
				rendered := 0
				var firstPage, load, assemble, rend time.Duration
				i := 0
				cpu := cpuTime()
				for b.Loop() {
					fsys[e.file].Data = e.edit(orig, i)
					i++
					start := time.Now()
					res, st, err := inc.UpdateFirst([]string{e.file}, open, func(map[string][]byte) { firstPage += time.Since(start) })
					if err != nil {
						b.Fatal(err)
					}
					rendered = st.Rendered
					load += res.Timings.Load
					assemble += res.Timings.Assemble
					rend += res.Timings.Render
				}
				cpu = cpuTime() - cpu
				ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / float64(i) }
				b.ReportMetric(float64(rendered), "pages-rendered")
				b.ReportMetric(ms(firstPage), "open-page-ms")
				b.ReportMetric(ms(load), "load-ms")
				b.ReportMetric(ms(assemble), "assemble-ms")
				b.ReportMetric(ms(rend), "render-ms")
				b.ReportMetric(ms(cpu), "cpu-ms")
			})
		}
	}
}
