package pipeline

import (
	"bytes"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/relais-ecoles/relais/internal/config"
	"github.com/relais-ecoles/relais/internal/hosting"
	"github.com/relais-ecoles/relais/internal/publish"
	"github.com/relais-ecoles/relais/internal/site"
	"github.com/relais-ecoles/relais/internal/view"
)

var testNow = time.Date(2020, 3, 23, 9, 0, 0, 0, time.FixedZone("CET", 3600))

// sharedCache is the compression cache the tests share, so that the
// shipped site is compressed once per run, not once per test.
var sharedCache string

func TestMain(m *testing.M) {
	// The tests render whole sites again and again, each a few hundred MB
	// of short-lived garbage: collecting at twice the live heap, not
	// once, costs a fifth less CPU for 20 % more memory (the package's
	// tests measure no heap).
	debug.SetGCPercent(200)
	dir, err := os.MkdirTemp("", "relais-build-test-cache-")
	if err != nil {
		panic(err)
	}
	sharedCache = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// shippedSite copies the repository's site (content/, layouts/, assets/)
// into a folder that a test may edit, and returns it.
func shippedSite(t *testing.T) string {
	t.Helper()
	root, _ := filepath.Abs("../..")
	dir := filepath.Join(t.TempDir(), "site")
	for _, sub := range []string{"content", "layouts", "assets"} {
		err := filepath.WalkDir(filepath.Join(root, sub), func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			if d.IsDir() {
				return os.MkdirAll(filepath.Join(dir, rel), 0o755)
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// options builds dir into dir/public with the fastest compression levels:
// what the tests check does not depend on them, and brotli's higher levels
// are slow under the race detector.
func options(dir, cache string) Options {
	return Options{
		Source:   os.DirFS(dir),
		Dest:     filepath.Join(dir, "public"),
		Site:     site.Options{Now: testNow},
		CacheDir: cache,
		Levels:   testLevels,
	}
}

// testLevels compresses fast: gzip 1 and no brotli for the many pages, but
// the few assets at the build's gzip level, which the budgets of CSS and
// JS are measured at.
func testLevels(p string) publish.Levels {
	if publish.LevelsFor(p) == publish.AssetLevels {
		return publish.Levels{Gzip: publish.AssetLevels.Gzip}
	}
	return publish.Levels{Gzip: 1}
}

func mustBuild(t *testing.T, opts Options) *Result {
	t.Helper()
	res, err := Build(opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// edit replaces old by new in a file of the site.
func edit(t *testing.T, dir, file, old, new string) {
	t.Helper()
	p := filepath.Join(dir, file)
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s does not contain %q", file, old)
	}
	if err := os.WriteFile(p, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestChangeManifest builds the shipped site, rebuilds it unchanged, then
// edits it one file at a time, and checks after each build the URLs listed
// as changed (the result and the manifest file agree) and the work the
// compression cache saved.
func TestChangeManifest(t *testing.T) {
	t.Parallel()
	dir := shippedSite(t)
	opts := options(dir, sharedCache)
	first := mustBuild(t, opts)
	if first.Compress.Files == 0 || first.Compress.Compressed+first.Compress.Cached != first.Compress.Files || len(first.Changes.URLs) == 0 || !first.Changes.Rules {
		t.Fatalf("first build: %+v, %d changed URLs", first.Compress, len(first.Changes.URLs))
	}
	// Every compressible file has its variants beside it, and the rules
	// files are there.
	for _, p := range []string{"index.html.gz", "index.html.br", "sitemap.xml.gz", "_headers", "_redirects", "_nginx.conf"} {
		if _, err := os.Stat(filepath.Join(opts.Dest, p)); err != nil {
			t.Errorf("public/%s: %v", p, err)
		}
	}

	t.Run("unchanged rebuild", func(t *testing.T) {
		res, got := rebuild(t, opts)
		if res.Compress.Compressed != 0 || res.Compress.Cached != first.Compress.Files {
			t.Errorf("second build compressed %d files (%+v), want 0", res.Compress.Compressed, res.Compress)
		}
		if len(got) != 0 || res.Publish.Written != 0 {
			t.Errorf("an unchanged rebuild changed %v", got)
		}
	})

	// Retitling a guide changes its page and the pages that show it (by
	// Deps: the guides list, its neighbours, the plan du site...), nothing
	// else: not the sitemap, as the guide's date does not move.
	const guide = "content/guides/se-deconnecter.md"
	t.Run("retitle a guide", func(t *testing.T) {
		const newTitle = "Titre de guide modifié pour le test"
		setTitle(t, dir, guide, newTitle)
		res, got := rebuild(t, opts)
		checkChanged(t, opts.Dest, res, got, guide, newTitle, site.GuideURL("se-deconnecter"), site.GuidesURL)
		if res.Compress.Compressed != len(got) {
			t.Errorf("%d files compressed for %d changed", res.Compress.Compressed, len(got))
		}
	})

	t.Run("edit a guide's text", func(t *testing.T) {
		edit(t, dir, guide, "\n---\n", "\n---\nUn paragraphe de plus.\n\n")
		_, got := rebuild(t, opts)
		if diff := cmp.Diff([]string{site.GuideURL("se-deconnecter")}, got); diff != "" {
			t.Errorf("changed URLs (-want +got):\n%s", diff)
		}
	})

	// Retitling a directive changes its pages, its feeds, the lists that
	// include it, and may change the sitemap (a lastmod); nothing else. An
	// académie's directive shows on few pages, a national one on many.
	for _, glob := range []string{"content/academies/*/directives/*.md", "content/national/directives/*.md"} {
		t.Run("retitle a directive "+strings.Split(glob, "/")[1], func(t *testing.T) {
			files, _ := filepath.Glob(filepath.Join(dir, glob))
			if len(files) == 0 || first.Site.Page(site.DirectivesURL) == nil {
				t.Skip("the shipped site has no such directive")
			}
			rel, _ := filepath.Rel(dir, files[0])
			rel = filepath.ToSlash(rel)
			newTitle := "Titre modifié pour le test (" + strings.Split(glob, "/")[1] + ")"
			setTitle(t, dir, rel, newTitle)
			res, got := rebuild(t, opts)
			checkChanged(t, opts.Dest, res, got, rel, newTitle, site.DirectivesURL)
		})
	}
}

// checkChanged checks the URLs a build listed as changed after the title
// of file became newTitle:
//
//   - complete: every file of the build that now holds the new title is
//     listed (its bytes changed), and so are the URLs of must;
//   - precise: every URL listed shows the file — a page that lists it in
//     Deps (Deps may name more pages than show the title, such as a list
//     that only counts the file), a feed with the file as an item, a data
//     file or calendar holding the new title — or is the sitemap.
func checkChanged(t *testing.T, dest string, res *Result, got []string, file, newTitle string, must ...string) {
	t.Helper()
	deps := dependents(res.Site, file)
	feeds := map[string]bool{}
	for _, f := range res.Site.Feeds {
		for _, it := range f.Items {
			if it.Content != nil && it.Content.Path == file {
				feeds[f.Dir+view.FeedRSS], feeds[f.Dir+view.FeedAtom], feeds[f.Dir+view.FeedJSON] = true, true, true
				break
			}
		}
	}
	holds := map[string]bool{}
	for _, o := range res.Outputs {
		data := o.Data
		if data == nil {
			// Build writes the pages as it renders them and keeps
			// only their paths: read them where it wrote them.
			var err error
			if data, err = os.ReadFile(filepath.Join(dest, filepath.FromSlash(o.Path))); err != nil {
				t.Fatal(err)
			}
		}
		if bytes.Contains(data, []byte(newTitle)) && !hosting.Private(o.Path) {
			holds[hosting.URLOf(o.Path)] = true
		}
	}
	var missing, extra []string
	for _, u := range append(slices.Sorted(maps.Keys(holds)), must...) {
		if !slices.Contains(got, u) {
			missing = append(missing, u)
		}
	}
	for _, u := range got {
		if !slices.Contains(deps, u) && !feeds[u] && !holds[u] && u != "/sitemap.xml" {
			extra = append(extra, u)
		}
	}
	if len(missing) > 0 || len(extra) > 0 {
		t.Errorf("retitling %s: not listed though changed: %v; listed though they do not show it: %v", file, missing, extra)
	}
	if len(got) < 40 {
		t.Logf("retitling %s changed %d URLs: %v", file, len(got), got)
	} else {
		t.Logf("retitling %s changed %d URLs", file, len(got))
	}
}

// rebuild builds again and returns the result and the URLs of the
// manifest, checking that the manifest agrees with the result and that no
// rules file changed.
func rebuild(t *testing.T, opts Options) (*Result, []string) {
	t.Helper()
	res := mustBuild(t, opts)
	m, err := publish.ReadManifest(opts.Dest)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(res.Changes, m); diff != "" {
		t.Errorf("manifest file differs from the result (-result +file):\n%s", diff)
	}
	if m.Rules {
		t.Error("the rules files changed though no setting or redirect did")
	}
	return res, m.URLs
}

// setTitle replaces the title line of a file's front matter.
func setTitle(t *testing.T, dir, file, title string) {
	t.Helper()
	p := filepath.Join(dir, file)
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?m)^title: .*$`)
	if !re.Match(data) {
		t.Fatalf("%s has no title line", file)
	}
	if err := os.WriteFile(p, re.ReplaceAll(data, []byte("title: "+title)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// dependents returns the URLs of the pages that show file (Page.Deps).
func dependents(s *site.Site, file string) []string {
	var urls []string
	for _, p := range s.Pages {
		if slices.Contains(p.Deps, file) {
			urls = append(urls, p.URL)
		}
	}
	return urls
}

func TestChangedURLs(t *testing.T) {
	t.Parallel()
	got := ChangedURLs([]string{"_headers", "academies/paris/4e.ics", "academies/paris/4e.ics.br", "academies/paris/index.html", "academies/paris/index.html.gz", "index.html.br", "sitemap.xml"})
	want := publish.Manifest{URLs: []string{"/", "/academies/paris/", "/academies/paris/4e.ics", "/sitemap.xml"}, Rules: true}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Error(diff)
	}
}

func TestLevelPage(t *testing.T) {
	t.Parallel()
	for url, want := range map[string]bool{
		"/academies/paris/4e/":           true,
		"/academies/paris/terminale/":    true,
		"/academies/paris/":              false,
		"/academies/paris/directives/":   false,
		"/academies/paris/4e/autre/":     false,
		"/academies/paris/4e.ics":        false,
		"/regions/ile-de-france/4e/":     false,
		"/programmes/niveaux/4e/":        false,
		"/academies/paris/4e/index.html": false,
	} {
		if got := LevelPage(url); got != want {
			t.Errorf("LevelPage(%q) = %v", url, got)
		}
	}
}

func TestCheckBudgets(t *testing.T) {
	t.Parallel()
	b := config.Budgets{HTML: 14 * 1024, CSS: 10 * 1024, JS: 5 * 1024}
	cs := []publish.Compressed{
		{Path: "academies/paris/4e/index.html", Size: 90000, GzipSize: 3565},
		{Path: "academies/paris/3e/index.html", Size: 40000, GzipSize: 1000},
		{Path: "index.html", Size: 40000, GzipSize: 4000},
		{Path: "directives/index.html", Size: 300000, GzipSize: 60000}, // not a level page: reported only
		{Path: "assets/css/a.1.css", Size: 30000, GzipSize: 6000},
		{Path: "assets/css/b.1.css", Size: 30000, GzipSize: 6000},
		{Path: "assets/js/a.1.js", Size: 3000, GzipSize: 1000},
		{Path: "sw.js", Size: 3000, GzipSize: 1000},
	}
	sizes, err := CheckBudgets(b, cs)
	var be *BudgetError
	if !errors.As(err, &be) {
		t.Fatalf("err = %v, want a *BudgetError", err)
	}
	want := []string{
		"la page /academies/paris/4e/ pèse 15,2 Ko compressée (gzip) avec ses feuilles de style (11,7 Ko de CSS), plus que les 14 Ko permis pour une page de niveau ou la page d’accueil (html_kb)",
		"la page / pèse 15,6 Ko compressée (gzip) avec ses feuilles de style (11,7 Ko de CSS), plus que les 14 Ko permis pour une page de niveau ou la page d’accueil (html_kb)",
		"les feuilles de style pèsent 11,7 Ko compressées (gzip) en tout, plus que le budget de 10 Ko (css_kb)",
	}
	if diff := cmp.Diff(want, be.Over); diff != "" {
		t.Errorf("over budget (-want +got):\n%s", diff)
	}
	if sizes.CSS != 12000 || sizes.JS != 2000 || len(sizes.Largest) != 4 || sizes.Largest[0].URL != "/directives/" {
		t.Errorf("sizes = %+v", sizes)
	}
	if _, err := CheckBudgets(config.Budgets{HTML: 16 * 1024, CSS: 12 * 1024, JS: 2000}, cs); err != nil {
		t.Errorf("within budgets: %v", err)
	}
}

// TestOverBudgetFailsTheBuild: a build over a budget fails with the file
// named and its size, and leaves the output folder as it was; --no-budgets
// lets it through with a warning. The site is over two budgets at once,
// its stylesheets' and a level page's (HTML), and the error names both:
// one failing build of the shipped site rather than one a budget.
func TestOverBudgetFailsTheBuild(t *testing.T) {
	t.Parallel()
	dir := shippedSite(t)
	opts := options(dir, sharedCache)
	previous := filepath.Join(opts.Dest, "index.html")
	os.MkdirAll(opts.Dest, 0o755)
	os.WriteFile(previous, []byte("previous build"), 0o644)
	edit(t, dir, "content/site.yaml", "css_kb: 10", "css_kb: 1")
	edit(t, dir, "content/site.yaml", "html_kb: 14", "html_kb: 1")
	res, err := Build(opts)
	if err == nil {
		t.Fatal("a build over its CSS and HTML budgets succeeded")
	}
	if !regexp.MustCompile(`les feuilles de style pèsent \d+,\d Ko compressées \(gzip\) en tout, plus que le budget de 1 Ko \(css_kb\)`).MatchString(err.Error()) ||
		!strings.Contains(err.Error(), "--no-budgets") {
		t.Errorf("error does not say which file, its size and the way out:\n%v", err)
	}
	var level string
	if res != nil && res.Site != nil {
		for _, p := range res.Site.Pages {
			if LevelPage(p.URL) {
				level = p.URL
				break
			}
		}
	}
	if level == "" {
		t.Error("the shipped site has no level pages: the HTML budget is not tested")
	} else if !regexp.MustCompile(`la page /academies/[^/]+/[^/]+/ pèse \d+,\d Ko compressée \(gzip\) avec ses feuilles de style \(\d+,\d Ko de CSS\), plus que les 1 Ko permis pour une page de niveau ou la page d’accueil \(html_kb\)`).MatchString(err.Error()) {
		t.Errorf("a level page over budget is not named with its size: err = %v", err)
	}
	if after, _ := os.ReadFile(previous); string(after) != "previous build" {
		t.Error("a build over budget changed public/")
	}
	opts.NoBudgets = true
	res = mustBuild(t, opts)
	if res.OverBudget == nil {
		t.Error("--no-budgets: the sizes over budget are not reported")
	}
}

// TestCompressibleAgrees: publish precompresses exactly the files hosting
// serves variants of.
func TestCompressibleAgrees(t *testing.T) {
	t.Parallel()
	for _, p := range []string{"index.html", "a/b.css", "a/b.js", "a/creneaux.json", "sitemap.xml", "a/4e.ics", "a.svg", "robots.txt", "site.webmanifest", "flux.xsl", "a/directives.csv", "a.png", "a.woff2", "_headers", "_nginx.conf", "a/b.pdf"} {
		if publish.Compressible(p) != hosting.Compressible(p) {
			t.Errorf("%s: publish.Compressible %v, hosting.Compressible %v", p, publish.Compressible(p), hosting.Compressible(p))
		}
	}
}
