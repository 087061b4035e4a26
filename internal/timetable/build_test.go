package timetable

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/territory"
	"github.com/relais-ecoles/relais/internal/view"
)

// testURLs is a scheme of addresses for Build, as site's urls.go makes
// them.
type testURLs struct{}

func (testURLs) Home() string               { return "/" }
func (testURLs) Academies() string          { return "/academies/" }
func (testURLs) Regions() string            { return "/regions/" }
func (testURLs) Region(slug string) string  { return "/regions/" + slug + "/" }
func (testURLs) Academy(slug string) string { return "/academies/" + slug + "/" }
func (testURLs) Level(academy, level string) string {
	return "/academies/" + academy + "/" + level + "/"
}
func (testURLs) LevelCalendar(academy, name string) string {
	return "/academies/" + academy + "/" + name + ".ics"
}
func (testURLs) SlotsData(academy string) string    { return "/academies/" + academy + "/creneaux.json" }
func (testURLs) SlotsSchema() string                { return "/schemas/creneaux.json" }
func (testURLs) Issuer(iss territory.Issuer) string { return "/" + iss.Dir() + "/" }
func (testURLs) Abs(u string) string                { return "https://x.fr" + u }

// pages are directive pages by file: URL and title.
type pages map[string][2]string

func (p pages) Page(path string) (string, string, bool) { v, ok := p[path]; return v[0], v[1], ok }

// TestBuildSourceLinks: the views link a timetable to the directive it
// names when the site has that directive's page, by the page's title, and
// name it by its front matter's title without a link otherwise; Build asks
// for the directive pages once, and its views hold the answer from the
// start (nothing fills them in afterwards).
func TestBuildSourceLinks(t *testing.T) {
	t.Parallel()
	const (
		dirURL  = "/academies/paris/directives/2020-03-19-creneaux/"
		dirFile = "content/academies/paris/directives/2020-03-19-creneaux.md"
	)
	for _, tc := range []struct {
		name      string
		pages     pages
		wantURL   string
		wantTitle string
	}{
		{"published", pages{dirFile: {dirURL, "Créneaux des collèges"}}, dirURL, "Créneaux des collèges"},
		{"no page (a draft)", pages{}, "", "Brouillon des créneaux"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			fsys := fstest.MapFS{}
			all := append(slices.Clone(places),
				"academies/paris/directives/2020-03-19-creneaux.md", "---\ntitle: Brouillon des créneaux\n---\nTexte.\n",
				"academies/paris/timetables.yaml", "- title: Collèges de Paris\n  applies_to: [college]\n  effective: 2020-03-19\n  tone: demande\n  source:\n    directive: directives/2020-03-19-creneaux\n    said_by: le rectorat\n  slots:\n    - who: [4e]\n      from: \"13:00\"\n      to: \"17:00\"\n")
			for i := 0; i+1 < len(all); i += 2 {
				fsys["content/"+all[i]] = &fstest.MapFile{Data: []byte(all[i+1])}
			}
			tree, errs := load.Site(fsys)
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			terr, errs := territory.Decode(tree)
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			asked := 0
			now := time.Date(2020, 3, 23, 9, 0, 0, 0, time.UTC)
			v := Build(Input{Tree: tree, Territory: terr, Now: now, Clock: view.NewClock(now), URLs: testURLs{}, Host: "x.fr", SiteTitle: "T",
				Directives: func() DirectivePages { asked++; return tc.pages }})
			if len(v.Errs) > 0 {
				t.Fatal(v.Errs)
			}
			if asked != 1 {
				t.Errorf("Directives asked %d times, want once", asked)
			}
			var level *LevelView
			var academy *AcademyView
			for _, p := range v.Pages {
				switch d := p.Data.(type) {
				case *LevelView:
					if p.URL == "/academies/paris/4e/" {
						level = d
					}
				case *AcademyView:
					if d.Academy.Slug == "paris" {
						academy = d
					}
				}
			}
			if level == nil || academy == nil || len(level.Groups) == 0 || len(academy.Current) == 0 {
				t.Fatalf("no level or académie page for Paris: %+v %+v", level, academy)
			}
			for _, src := range []*SourceLink{level.Groups[0].Periods[0].Source, academy.Current[0].Source} {
				if src == nil || src.URL != tc.wantURL || src.Title != tc.wantTitle || src.Path != dirFile {
					t.Errorf("source = %+v, want %q at %q", src, tc.wantTitle, tc.wantURL)
				}
			}
			var data []byte
			for _, d := range v.Data {
				if d.URL == "/academies/paris/creneaux.json" {
					data, _ = json.Marshal(d.Value)
				}
			}
			want := `"directive":{"titre":"` + tc.wantTitle + `","url":null}`
			if tc.wantURL != "" {
				want = `"directive":{"titre":"` + tc.wantTitle + `","url":"https://x.fr` + tc.wantURL + `"}`
			}
			if !strings.Contains(string(data), want) {
				t.Errorf("creneaux.json lacks %s:\n%s", want, data)
			}
		})
	}
}

// BenchmarkBuild makes the views of the shipped site's timetables: the
// pages, calendars and data files of every région, académie and level.
func BenchmarkBuild(b *testing.B) {
	tree, _ := load.Site(os.DirFS("../.."))
	terr, errs := territory.Decode(tree)
	if len(errs) > 0 {
		b.Fatal(errs)
	}
	now := time.Date(2020, 3, 23, 8, 0, 0, 0, time.UTC)
	in := Input{Tree: tree, Territory: terr, Now: now, URLs: testURLs{}, Host: "x.fr", SiteTitle: "T",
		Directives: func() DirectivePages { return pages{} }}
	for b.Loop() {
		in.Clock = view.NewClock(now)
		if v := Build(in); len(v.Errs) > 0 || len(v.Pages) < 100 {
			b.Fatalf("%d pages, errors %v", len(v.Pages), v.Errs)
		}
	}
}
