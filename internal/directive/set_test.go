package directive

import (
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/relais-ecoles/relais/internal/territory"
	"github.com/relais-ecoles/relais/internal/view"
)

// testURLs are addresses of the site's shape, made apart so that the
// domain is tested without site.
type testURLs struct{}

func (testURLs) Home() string { return "/" }
func (u testURLs) Directive(iss territory.Issuer, slug string) string {
	return u.IssuerDirectives(iss) + slug + "/"
}
func (testURLs) IssuerDirectives(iss territory.Issuer) string {
	if iss.Kind == territory.IssuerNational {
		return "/directives/"
	}
	return "/" + iss.Dir() + "/directives/"
}
func (u testURLs) IssuerDirectivesPage(iss territory.Issuer, n int) string {
	if n <= 1 {
		return u.IssuerDirectives(iss)
	}
	return u.IssuerDirectives(iss) + "page/" + strconv.Itoa(n) + "/"
}
func (testURLs) Archive() string { return "/directives/archives/" }
func (testURLs) ArchiveMonth(y int, m time.Month, n int) string {
	return fmt.Sprintf("/directives/archives/%04d-%02d/", y, int(m))
}
func (testURLs) BannerData(ac string) string { return "/academies/" + ac + "/bandeau.json" }
func (testURLs) CSV(ac string) string        { return "/academies/" + ac + "/directives.csv" }
func (testURLs) BannerSchema() string        { return "/schemas/bandeau-1.json" }
func (testURLs) Abs(u string) string         { return "https://relais.example.fr" + u }

func testSet(t *testing.T, ds []*Directive, cache *Cache) (*Set, []*view.Text) {
	t.Helper()
	now := time.Date(2020, 3, 23, 8, 0, 0, 0, time.UTC)
	var texts []*view.Text
	s, errs, _ := NewSet(ds, Inputs{
		URLs:      testURLs{},
		Options:   Options{Now: now},
		SiteTitle: "Relais",
		Host:      "relais.example.fr",
		Issuer: func(iss territory.Issuer) (string, string) {
			if iss.Kind == territory.IssuerNational {
				return "ministère de l’Éducation nationale", ""
			}
			return "académie de Paris", "content/" + iss.Dir() + "/_index.md"
		},
		Signer: func(*Directive) string { return "" },
		Texts:  func(x *view.Text) { texts = append(texts, x) },
		Clock:  view.NewClock(now),
		Cache:  cache,
	})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return s, texts
}

func testDirective(iss territory.Issuer, slug string, day int, urgent bool) *Directive {
	return &Directive{Issuer: iss, Slug: slug, Path: "content/" + iss.Dir() + "/directives/" + slug + ".md", Title: "D " + slug,
		Date: time.Date(2020, 3, day, 8, 0, 0, 0, time.UTC), Audiences: []string{"parents"}, Urgent: urgent,
		Expires: time.Date(2020, 4, 3, 0, 0, 0, 0, time.UTC)}
}

// TestSetViews checks the views a Set makes from directives and inputs
// alone: the lists per page, a directive's own banner left out, the Deps a
// banner adds, and that a cache gives the same views again, the same
// pointers, for the same directives.
func TestSetViews(t *testing.T) {
	paris := territory.AcademyIssuer("paris")
	var ds []*Directive
	for i := range PerPage + 3 {
		ds = append(ds, testDirective(territory.National(), fmt.Sprintf("n%02d", i), 1+i%20, false))
	}
	urgent := testDirective(paris, "urgente", 21, true)
	ds = append(ds, urgent)
	s, texts := testSet(t, ds, nil)
	if len(texts) != len(ds) {
		t.Errorf("%d texts registered, want %d", len(texts), len(ds))
	}

	list := s.List(nil)
	if len(list.Pages) != 2 || list.Pages[1].URL != "/directives/page/2/" || len(list.Feeds) != 1 {
		t.Fatalf("/directives/: %d pages, %d feeds", len(list.Pages), len(list.Feeds))
	}
	if lv := list.Pages[1].Data.(*ListView); len(lv.Directives) != 4 || lv.Pager == nil || lv.Pager.Prev != "/directives/" {
		t.Errorf("page 2 of /directives/: %+v", lv)
	}

	banners := s.Banners(paris, territory.National())
	if len(banners) != 1 || banners[0].URL != "/academies/paris/directives/urgente/" {
		t.Fatalf("banners of Paris: %+v", banners)
	}
	own, deps := s.WithBanners(banners[0].URL, banners, nil)
	if len(own) != 0 || len(deps) != 0 {
		t.Errorf("a directive is its own banner: %v, %v", own, deps)
	}
	other, deps := s.WithBanners("/academies/paris/", banners, []string{"x"})
	if diff := cmp.Diff([]string{"x", urgent.Path, "content/academies/paris/_index.md"}, deps); len(other) != 1 || diff != "" {
		t.Errorf("banner Deps (-want +got):\n%s", diff)
	}

	if got := s.For([]territory.Issuer{paris}, "6e"); len(got) != 1 || got[0].Directive != urgent {
		t.Errorf("For(paris, 6e) = %v", got)
	}
	if got := s.Urgent(5); len(got) != 1 {
		t.Errorf("Urgent = %v", got)
	}

	c := NewCache()
	first, _ := testSet(t, ds, c)
	p1 := first.Pages(func(string) []view.Banner { return nil }).Pages
	c.End(func(*Directive) bool { return true })
	again, _ := testSet(t, ds, c)
	p2 := again.Pages(func(string) []view.Banner { return nil }).Pages
	for i := range p1 {
		if p1[i] != p2[i] {
			t.Fatalf("page %s made again with the same directive and banners", p1[i].URL)
		}
	}
	if again.View(urgent) != first.View(urgent) {
		t.Error("view made again with the same directive")
	}
	// An académie's directives.csv is kept while its rows are of the
	// same views, and is the one a set without a cache makes.
	ac := &territory.Academy{Place: territory.Place{Slug: "paris"}}
	issuers := []territory.Issuer{paris, territory.National()}
	csv := func(s *Set) *view.DataFile { return s.Data(ac, issuers, "/academies/paris/")[1] }
	csv1 := csv(again)
	c.End(func(*Directive) bool { return true })
	third, _ := testSet(t, ds, c)
	if csv(third) != csv1 {
		t.Error("directives.csv made again of the same directives")
	}
	if made := csv(s); !cmp.Equal(made, csv1) {
		t.Errorf("the kept directives.csv is not the one made (-made +kept):\n%s", cmp.Diff(made, csv1))
	}
	withBanner := again.Pages(func(string) []view.Banner { return banners }).Pages
	for i, p := range withBanner {
		if p == p2[i] && p.URL != banners[0].URL {
			t.Errorf("page %s kept though its banners changed", p.URL)
		}
	}
}

// TestPhrases checks the French of the lists' titles and intros.
func TestPhrases(t *testing.T) {
	for _, tc := range []struct {
		iss         territory.Issuer
		name, want  string
		region, out string
	}{
		{territory.AcademyIssuer("paris"), "académie de Paris", "l’académie de Paris", "région académique Île-de-France",
			"Les directives en vigueur de l’académie de Paris, de la région académique Île-de-France et du ministère de l’Éducation nationale, les plus récentes d’abord."},
		{territory.RegionIssuer("grand-est"), "région académique Grand Est", "la région académique Grand Est", "",
			"Les directives en vigueur de la région académique Grand Est et du ministère de l’Éducation nationale, les plus récentes d’abord."},
		{territory.CollectiviteIssuer("creuse"), "Département de la Creuse", "le Département de la Creuse", "",
			"Les directives en vigueur du Département de la Creuse et du ministère de l’Éducation nationale, les plus récentes d’abord."},
		{territory.CollectiviteIssuer("idf"), "Région Île-de-France", "la Région Île-de-France", "",
			"Les directives en vigueur de la Région Île-de-France et du ministère de l’Éducation nationale, les plus récentes d’abord."},
	} {
		if got := The(tc.iss, tc.name); got != tc.want {
			t.Errorf("The(%s) = %q, want %q", tc.name, got, tc.want)
		}
		if got := Intro(tc.want, tc.region); got != tc.out {
			t.Errorf("Intro(%s) = %q, want %q", tc.want, got, tc.out)
		}
	}
}
