package sitetest

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
	"golang.org/x/tools/txtar"

	"github.com/relais-ecoles/relais/internal/catalog"
	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/site"
	"github.com/relais-ecoles/relais/internal/view"
)

// shippedCatalog decodes the repository's catalog.
func shippedCatalog(t *testing.T) *catalog.Catalog {
	t.Helper()
	tree, errs := load.Site(os.DirFS(RepoRoot(t)))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	c, errs := catalog.Decode(tree)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return c
}

var hrefRE = regexp.MustCompile(`href="?([^" >]+)`)

// links returns the site-absolute links of an HTML page.
func links(page []byte) []string {
	var out []string
	for _, m := range hrefRE.FindAllSubmatch(page, -1) {
		if u := string(m[1]); strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//") {
			out = append(out, strings.SplitN(u, "#", 2)[0])
		}
	}
	return out
}

// TestFacetsLeadToEveryProgramme checks, over the built HTML of the shipped
// site, what a reader without JavaScript can do: starting from the list of
// levels and following only level pages, every programme page is one link
// away.
func TestFacetsLeadToEveryProgramme(t *testing.T) {
	t.Parallel()
	files := outputs(Shipped(t))
	c := shippedCatalog(t)
	start := site.FacetsURL(catalog.KindLevels)
	seen := map[string]bool{start: true}
	queue := []string{start}
	reached := map[string]bool{}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		page, ok := files[strings.TrimPrefix(u, "/")+"index.html"]
		if !ok {
			t.Errorf("%s is linked but not built", u)
			continue
		}
		for _, l := range links(page) {
			if strings.HasPrefix(l, start) && !seen[l] && strings.HasSuffix(l, "/") {
				seen[l] = true
				queue = append(queue, l)
			}
			reached[l] = true
		}
	}
	if len(c.Programmes) < 19 {
		t.Fatalf("the shipped catalog has %d programmes", len(c.Programmes))
	}
	for _, p := range c.Programmes {
		if !reached[site.ProgrammeURL(p.Slug)] {
			t.Errorf("%s cannot be reached from %s without JavaScript", site.ProgrammeURL(p.Slug), start)
		}
		if _, ok := files[strings.TrimPrefix(site.ProgrammeURL(p.Slug), "/")+"index.html"]; !ok {
			t.Errorf("no page for %s", p.Slug)
		}
	}
	if len(seen) < 10 {
		t.Errorf("only %d level pages visited", len(seen))
	}
}

// TestCatalogFeedsParse reads the feeds of the catalog test site with
// gofeed, a reader that shares no code with the writer.
func TestCatalogFeedsParse(t *testing.T) {
	t.Parallel()
	ar, err := txtar.ParseFile(filepath.Join("testdata", "ok", "catalog.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	dir := Extract(t, ar)
	if res := Relais(t, "build", "--quiet", "--source", dir, "--now", Now); res.Code != 0 {
		t.Fatalf("exit %d: %s", res.Code, res.Stderr)
	}
	const base = "https://test.example.fr"
	for _, tc := range []struct {
		dir   string
		title string
		slugs []string
	}{
		{"/programmes/", "Programmes « Nation apprenante »", []string{"la-maison-lumni", "cours-college", "la-curiosite", "le-petit-journal"}},
		{"/programmes/niveaux/cycle-3/", "Programmes pour le cycle 3", []string{"la-maison-lumni", "cours-college", "la-curiosite", "le-petit-journal"}},
		{"/programmes/niveaux/cycle-3/francais/", "Programmes de français pour le cycle 3", []string{"cours-college", "le-petit-journal"}},
		{"/programmes/medias/radio/", "Programmes à la radio", []string{"la-curiosite"}},
	} {
		for _, file := range []string{view.FeedRSS, view.FeedAtom, view.FeedJSON} {
			name := tc.dir + file
			t.Run(strings.Trim(name, "/"), func(t *testing.T) {
				data, err := os.ReadFile(filepath.Join(dir, "public", filepath.FromSlash(name)))
				if err != nil {
					t.Fatal(err)
				}
				f, err := gofeed.NewParser().ParseString(string(data))
				if err != nil {
					t.Fatalf("gofeed cannot read %s: %v", name, err)
				}
				if want := map[string]string{view.FeedRSS: "rss", view.FeedAtom: "atom", view.FeedJSON: "json"}[file]; f.FeedType != want {
					t.Errorf("feed type %q, want %q", f.FeedType, want)
				}
				if f.Title != tc.title {
					t.Errorf("title %q, want %q", f.Title, tc.title)
				}
				if f.Link != base+tc.dir {
					t.Errorf("link %q, want %q", f.Link, base+tc.dir)
				}
				var got []string
				var last time.Time
				for i, it := range f.Items {
					got = append(got, strings.TrimSuffix(strings.TrimPrefix(it.Link, base+site.ProgrammesURL), "/"))
					if it.PublishedParsed == nil {
						t.Errorf("item %d has no date", i)
						continue
					}
					if i > 0 && it.PublishedParsed.After(last) {
						t.Errorf("item %d (%s) is newer than the one before it", i, it.Title)
					}
					last = *it.PublishedParsed
					if it.Title == "" || (it.Description == "" && it.Content == "") {
						t.Errorf("item %d: title %q, no text", i, it.Title)
					}
				}
				if !slices.Equal(got, tc.slugs) {
					t.Errorf("items %v, want %v", got, tc.slugs)
				}
			})
		}
	}
}
