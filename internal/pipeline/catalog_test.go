package pipeline

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/relais-ecoles/relais/internal/catalog"
	"github.com/relais-ecoles/relais/internal/hosting"
	"github.com/relais-ecoles/relais/internal/render"
	"github.com/relais-ecoles/relais/internal/site"
)

// catalogSite returns a site of n generated programmes
// (catalog.GenerateFixture) with the repository's layouts and assets.
func catalogSite(tb testing.TB, n int) fstest.MapFS {
	tb.Helper()
	fsys := fstest.MapFS{
		"content/site.yaml": {Data: []byte("title: Bench\nbase_url: https://bench.example.fr/\n")},
	}
	root, _ := filepath.Abs("../..")
	for _, dir := range []string{"layouts", "assets"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			rel, _ := filepath.Rel(root, p)
			fsys[filepath.ToSlash(rel)] = &fstest.MapFile{Data: data}
			return err
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
	for p, data := range catalog.GenerateFixture(n, 1) {
		fsys[p] = &fstest.MapFile{Data: data}
	}
	return fsys
}

var catalogNow = time.Date(2020, 3, 23, 9, 0, 0, 0, time.UTC)

// SearchBudget is what the catalog's search may weigh, gzipped, for 1,000
// programmes: the index and the script together.
const SearchBudget = 30 * 1024

// searchSize returns the gzipped sizes of the search index and of the
// search script among outs.
func searchSize(tb testing.TB, outs []render.Output) (index, script, indexRaw int) {
	tb.Helper()
	for _, o := range outs {
		switch {
		case o.Path == hosting.FilePath(site.ProgrammeIndexURL):
			index, indexRaw = gzipSize(o.Data), len(o.Data)
		case strings.HasPrefix(o.Path, "assets/js/recherche.") && strings.HasSuffix(o.Path, ".js"):
			script = gzipSize(o.Data)
		}
	}
	if index == 0 || script == 0 {
		tb.Fatalf("no search index or no search script among the %d outputs", len(outs))
	}
	return index, script, indexRaw
}

func gzipSize(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

// TestSearchBudget builds a catalog of 1,000 generated programmes and
// checks that the search index and its script stay under 30 KB gzipped.
func TestSearchBudget(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds 1,000 programmes")
	}
	res, err := Render(Options{Source: catalogSite(t, 1000), Site: site.Options{Now: catalogNow}})
	if err != nil {
		t.Fatal(err)
	}
	index, script, raw := searchSize(t, res.Outputs)
	t.Logf("1,000 programmes: index %d bytes (%d gzipped), script %d gzipped, together %d of %d", raw, index, script, index+script, SearchBudget)
	if index+script > SearchBudget {
		t.Errorf("search index (%d) and script (%d) weigh %d bytes gzipped for 1,000 programmes, more than %d", index, script, index+script, SearchBudget)
	}
}

// BenchmarkBuildCatalog5000 builds, in memory, a site whose content is a
// catalog of 5,000 generated programmes: every programme, facet, combined
// and grid page, the feeds and the search index. It reports the size of
// the index.
func BenchmarkBuildCatalog5000(b *testing.B) {
	const n = 5000
	fsys := catalogSite(b, n)
	opts := Options{Source: fsys, Site: site.Options{Now: catalogNow}}
	var res *Result
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		var err error
		res, err = Render(opts)
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	index, script, raw := searchSize(b, res.Outputs)
	b.ReportMetric(float64(raw), "index-B")
	b.ReportMetric(float64(index), "index-gz-B")
	b.ReportMetric(float64(script), "script-gz-B")
	b.ReportMetric(float64(res.Counts["page"]), "pages")
	b.ReportMetric(float64(res.Counts["feed"]), "feed-files")
	b.ReportMetric(float64(res.Timings.Assemble.Milliseconds()), "assemble-ms")
	b.ReportMetric(float64(res.Timings.Render.Milliseconds()), "render-ms")
}
