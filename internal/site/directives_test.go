package site

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/relais-ecoles/relais/internal/config"
	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/directive"
	"github.com/relais-ecoles/relais/internal/markdown"
	"github.com/relais-ecoles/relais/internal/territory"
)

// now is the pinned clock of these tests: Monday 23 March 2020, 9:00 in
// Paris.
var now = time.Date(2020, 3, 23, 8, 0, 0, 0, time.UTC)

// territoryFiles are two régions and three académies.
var territoryFiles = map[string]string{
	"content/site.yaml":                       "title: T\nbase_url: https://relais.example.fr\n",
	"content/regions/ile-de-france/_index.md": "---\ntitle: Île-de-France\n---\n",
	"content/regions/grand-est/_index.md":     "---\ntitle: Grand Est\n---\n",
	"content/academies/paris/_index.md":       "---\ntitle: Paris\nregion: ile-de-france\ntimezone: Europe/Paris\nholiday_zone: C\n---\n",
	"content/academies/versailles/_index.md":  "---\ntitle: Versailles\nregion: ile-de-france\ntimezone: Europe/Paris\nholiday_zone: C\n---\n",
	"content/academies/strasbourg/_index.md":  "---\ntitle: Strasbourg\nregion: grand-est\ntimezone: Europe/Paris\nholiday_zone: B\n---\n",
}

// directiveFile writes a directive's front matter.
func directiveFile(front string) string { return "---\n" + front + "\n---\nTexte.\n" }

// publishingFiles are one directive in each state at now.
var publishingFiles = map[string]string{
	"content/national/directives/courante.md":        directiveFile("title: Courante\ndate: 2020-03-16 08:00\naudiences: [parents]"),
	"content/national/directives/brouillon.md":       directiveFile("title: Brouillon\ndate: 2020-03-20 08:00\naudiences: [parents]\ndraft: true"),
	"content/national/directives/future.md":          directiveFile("title: Future\ndate: 2020-03-23 09:01\naudiences: [parents]"),
	"content/national/directives/expiree.md":         directiveFile("title: Expirée\ndate: 2020-03-10 08:00\naudiences: [parents]\nexpires: 2020-03-22\nurgent: true"),
	"content/national/directives/urgente.md":         directiveFile("title: Urgente nationale\ndate: 2020-03-17 08:00\naudiences: [tous]\nexpires: 2020-04-03\nurgent: true"),
	"content/regions/ile-de-france/directives/r.md":  directiveFile("title: Urgente régionale\ndate: 2020-03-18 08:00\naudiences: [eleves]\nlevels: [lycee]\nexpires: 2020-03-23\nurgent: true"),
	"content/academies/paris/directives/a.md":        directiveFile("title: Urgente de Paris\ndate: 2020-03-19 08:00\naudiences: [parents]\nlevels: [college]\nexpires: 2020-04-03\nurgent: true"),
	"content/academies/paris/directives/profs.md":    directiveFile("title: Pour les enseignants\ndate: 2020-03-19 09:00\naudiences: [enseignants]"),
	"content/academies/strasbourg/directives/a.md":   directiveFile("title: Strasbourg\ndate: 2020-03-19 08:00\naudiences: [eleves]"),
	"content/academies/versailles/directives/old.md": directiveFile("title: Versailles\ndate: 2020-03-19 08:00\naudiences: [eleves]\naliases: [/directives/versailles/]"),
}

func files(sets ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, s := range sets {
		maps.Copy(out, s)
	}
	return out
}

func assemble(t *testing.T, fs map[string]string, opts Options) *Site {
	t.Helper()
	if opts.Now.IsZero() {
		opts.Now = now
	}
	s, errs := Assemble(tree(fs), markdown.New(), opts)
	if errs != nil {
		t.Fatalf("Assemble:\n%v", errs)
	}
	return s
}

func titles(ds []*DirectiveView) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Title)
	}
	return out
}

func feedTitles(s *Site, dir string) []string {
	for _, f := range s.Feeds {
		if f.Dir == dir {
			var out []string
			for _, it := range f.Items {
				out = append(out, it.Title)
			}
			return out
		}
	}
	return nil
}

func bannerTitles(p *Page) []string {
	var out []string
	for _, b := range p.Banners {
		out = append(out, b.Title)
	}
	return out
}

func TestDirectiveURLs(t *testing.T) {
	for _, c := range []struct {
		iss  territory.Issuer
		want string
	}{
		{territory.National(), "/directives/x/"},
		{territory.RegionIssuer("grand-est"), "/regions/grand-est/directives/x/"},
		{territory.AcademyIssuer("paris"), "/academies/paris/directives/x/"},
	} {
		if got := DirectiveURL(c.iss, "x"); got != c.want {
			t.Errorf("DirectiveURL(%v) = %q, want %q", c.iss, got, c.want)
		}
	}
	if got := DirectivesPageURL(1); got != "/directives/" {
		t.Errorf("page 1 = %q", got)
	}
	if got := DirectivesPageURL(3); got != "/directives/page/3/" {
		t.Errorf("page 3 = %q", got)
	}
}

// TestPublishingRules checks that drafts and future directives are in no
// page, list or feed unless asked for, and that an expired directive leaves
// the lists and banners but keeps its page and sits in the archive.
func TestPublishingRules(t *testing.T) {
	s := assemble(t, files(territoryFiles, publishingFiles), Options{})

	for _, u := range []string{"/directives/brouillon/", "/directives/future/"} {
		if s.Page(u) != nil {
			t.Errorf("%s is published", u)
		}
	}
	list := s.Page(DirectivesURL).Data.(*DirectivesView)
	// Newest first; at one instant, by slug, then issuer.
	want := []string{"Pour les enseignants", "Urgente de Paris", "Strasbourg", "Versailles", "Urgente régionale", "Urgente nationale", "Courante"}
	if diff := cmp.Diff(want, titles(list.Directives)); diff != "" {
		t.Errorf("/directives/ (-want +got):\n%s", diff)
	}
	// The feed of all directives carries the expired one (a feed is the
	// history of what was announced), never a draft or a future one.
	if diff := cmp.Diff(append(want, "Expirée"), feedTitles(s, DirectivesURL)); diff != "" {
		t.Errorf("feed (-want +got):\n%s", diff)
	}

	// Expired: its page stays, marked, and it is in the archive only.
	p := s.Page("/directives/expiree/")
	if p == nil {
		t.Fatal("the expired directive lost its page")
	}
	if !p.Data.(*DirectivePageView).Directive.Expired() {
		t.Error("the expired directive's page does not say it is expired")
	}
	arch := s.Page(DirectivesArchiveURL).Data.(*DirectiveArchiveView)
	if len(arch.Months) != 1 || arch.Months[0].Label != "Mars 2020" || !slices.Equal(titles(arch.Months[0].Directives), []string{"Expirée"}) {
		t.Errorf("archive = %+v", arch.Months)
	}
	month := s.Page(DirectivesArchiveMonthURL(2020, time.March, 1))
	if month == nil || !slices.Equal(titles(month.Data.(*DirectivesView).Directives), []string{"Expirée"}) || arch.Months[0].URL != month.URL {
		t.Errorf("the archive of March 2020: %+v", month)
	}
	if got := bannerTitles(s.Page(HomeURL)); !slices.Equal(got, []string{"Urgente nationale"}) {
		t.Errorf("home banners = %v, want the national urgent one only (the expired one is gone)", got)
	}

	// Drafts and future ones appear everywhere once asked for.
	s = assemble(t, files(territoryFiles, publishingFiles), Options{Drafts: true, Future: true})
	for _, u := range []string{"/directives/brouillon/", "/directives/future/"} {
		if s.Page(u) == nil {
			t.Errorf("%s is not published with --drafts --future", u)
		}
	}
	got := titles(s.Page(DirectivesURL).Data.(*DirectivesView).Directives)
	if !slices.Contains(got, "Brouillon") || !slices.Contains(got, "Future") {
		t.Errorf("/directives/ with --drafts --future = %v", got)
	}
	if got := feedTitles(s, DirectivesURL); !slices.Contains(got, "Brouillon") || !slices.Contains(got, "Future") {
		t.Errorf("feed with --drafts --future = %v", got)
	}
	s = assemble(t, files(territoryFiles, publishingFiles), Options{Drafts: true})
	if s.Page("/directives/future/") != nil || s.Page("/directives/brouillon/") == nil {
		t.Error("--drafts alone must publish drafts and not future directives")
	}
}

// TestIssuerLists checks the lists and feeds of a région and an académie:
// an académie's include its région's and the ministry's.
func TestIssuerLists(t *testing.T) {
	s := assemble(t, files(territoryFiles, publishingFiles), Options{})
	ac := s.Page("/academies/paris/directives/").Data.(*DirectivesView)
	want := []string{"Pour les enseignants", "Urgente de Paris", "Urgente régionale", "Urgente nationale", "Courante"}
	if diff := cmp.Diff(want, titles(ac.Directives)); diff != "" {
		t.Errorf("Paris (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(append(want, "Expirée"), feedTitles(s, "/academies/paris/directives/")); diff != "" {
		t.Errorf("Paris feed (-want +got):\n%s", diff)
	}
	reg := s.Page("/regions/grand-est/directives/").Data.(*DirectivesView)
	if diff := cmp.Diff([]string{"Urgente nationale", "Courante"}, titles(reg.Directives)); diff != "" {
		t.Errorf("Grand Est (-want +got):\n%s", diff)
	}
	p := s.Page("/academies/paris/directives/a/")
	if p == nil || len(p.Feeds) != 1 || p.Feeds[0].Dir != "/academies/paris/directives/" {
		t.Errorf("a directive page of Paris does not offer the Paris feed: %+v", p)
	}
	// The two académies' "a.md" have two URLs.
	if s.Page("/academies/strasbourg/directives/a/") == nil {
		t.Error("Strasbourg's a.md has no page")
	}
	if !slices.Contains(p.Deps, "content/academies/paris/directives/a.md") || !slices.Contains(p.Deps, "content/academies/paris/_index.md") {
		t.Errorf("Deps = %v", p.Deps)
	}
	// A list depends on what it shows of each directive (ShownDep), not on
	// its file: editing a directive's text does not render it again.
	list := s.Page("/academies/paris/directives/")
	shown := directive.Shown(list.Data.(*DirectivesView).Directives)
	for _, f := range append([]string{"content/academies/paris/_index.md", "content/regions/ile-de-france/_index.md"}, shown...) {
		if !slices.Contains(list.Deps, f) {
			t.Errorf("Paris list Deps lack %s: %v", f, list.Deps)
		}
	}
	if slices.Contains(list.Deps, "content/national/directives/courante.md") {
		t.Errorf("Paris list Deps name a directive's file: %v", list.Deps)
	}
}

// TestBanners checks where urgent directives show: on the pages of their
// issuer and of the issuers below it, including an académie's level pages.
func TestBanners(t *testing.T) {
	s := assemble(t, files(territoryFiles, publishingFiles), Options{})
	for u, want := range map[string][]string{
		HomeURL:                           {"Urgente nationale"},
		DirectivesPageURL(1):              {"Urgente nationale"},
		LevelURL("paris", "4e"):           {"Urgente de Paris", "Urgente régionale", "Urgente nationale"},
		AcademyURL("paris"):               {"Urgente de Paris", "Urgente régionale", "Urgente nationale"},
		LevelURL("versailles", "seconde"): {"Urgente régionale", "Urgente nationale"},
		RegionURL("grand-est"):            {"Urgente nationale"},
		LevelURL("strasbourg", "cp"):      {"Urgente nationale"},
		GuidesURL:                         nil,
		"/academies/":                     nil,
		// A directive is not its own banner.
		DirectiveURL(territory.AcademyIssuer("paris"), "a"): {"Urgente régionale", "Urgente nationale"},
	} {
		p := s.Page(u)
		if p == nil {
			t.Errorf("no page %s", u)
			continue
		}
		if diff := cmp.Diff(want, bannerTitles(p)); diff != "" {
			t.Errorf("banners of %s (-want +got):\n%s", u, diff)
		}
		if len(want) > 0 && !slices.Contains(p.Deps, "content/national/directives/urgente.md") {
			t.Errorf("%s: Deps lack the banner's file: %v", u, p.Deps)
		}
	}
	// The région's urgent directive expires on 23 March: it is shown all
	// that day, and gone the next.
	s = assemble(t, files(territoryFiles, publishingFiles), Options{Now: now.Add(24 * time.Hour)})
	if got := bannerTitles(s.Page(LevelURL("paris", "4e"))); !slices.Equal(got, []string{"Urgente de Paris", "Urgente nationale"}) {
		t.Errorf("banners on 24 March = %v", got)
	}
}

// TestIssuerPages checks the directives on the pages of the timetables:
// région, académie and level pages, each with the feed of its issuer.
func TestIssuerPages(t *testing.T) {
	s := assemble(t, files(territoryFiles, publishingFiles), Options{})
	for u, want := range map[string][]string{
		RegionURL("grand-est"):         {"Urgente nationale", "Courante"},
		AcademyURL("paris"):            {"Pour les enseignants", "Urgente de Paris", "Urgente régionale", "Urgente nationale", "Courante"},
		LevelURL("paris", "4e"):        {"Urgente de Paris", "Urgente nationale", "Courante"},
		LevelURL("paris", "terminale"): {"Urgente régionale", "Urgente nationale", "Courante"},
	} {
		p := s.Page(u)
		var l *DirectiveList
		switch v := p.Data.(type) {
		case *RegionPage:
			l = v.Directives
		case *AcademyPage:
			l = v.Directives
		case *LevelPage:
			l = v.Directives
		}
		if diff := cmp.Diff(want, titles(l.Directives)); diff != "" {
			t.Errorf("directives of %s (-want +got):\n%s", u, diff)
		}
		if len(p.Feeds) == 0 || !strings.HasSuffix(p.Feeds[0].Dir, "/directives/") || p.Feeds[0].Dir != l.All.URL {
			t.Errorf("%s: feeds %v, list %v", u, p.Feeds, l.All)
		}
		// What the block shows of each directive (see directiveShown).
		for _, d := range l.Directives {
			if !slices.Contains(p.Deps, directive.Shown([]*DirectiveView{d})[0]) {
				t.Errorf("%s: Deps lack what it shows of %s", u, d.Path)
			}
		}
	}
}

// TestDirectivesFor checks the lists a level page shows: directives of the
// level or of every level, for pupils or parents.
func TestDirectivesFor(t *testing.T) {
	tr := tree(files(territoryFiles, publishingFiles))
	a := &assembler{tree: tr, opts: Options{Now: now}, md: markdown.New(), site: &Site{Now: now}}
	a.site.Config, _ = config.Decode(tr)
	a.terr, _ = territory.Decode(tr)
	a.loadDirectives()
	iss := a.terr.IssuersOf("paris")
	for _, c := range []struct {
		level string
		want  []string
	}{
		{"", []string{"Pour les enseignants", "Urgente de Paris", "Urgente régionale", "Urgente nationale", "Courante"}},
		{"4e", []string{"Urgente de Paris", "Urgente nationale", "Courante"}},
		{"seconde", []string{"Urgente régionale", "Urgente nationale", "Courante"}},
		{"cm1", []string{"Urgente nationale", "Courante"}},
	} {
		if diff := cmp.Diff(c.want, titles(a.directivesFor(iss, c.level))); diff != "" {
			t.Errorf("directivesFor(paris, %q) (-want +got):\n%s", c.level, diff)
		}
	}
}

func TestDirectivesPagination(t *testing.T) {
	fs := files(territoryFiles)
	for i := range 45 {
		fs[fmt.Sprintf("content/national/directives/d%02d.md", i)] = directiveFile(fmt.Sprintf("title: D%02d\ndate: 2020-03-%02d 08:00\naudiences: [parents]", i, 1+i%20))
	}
	s := assemble(t, fs, Options{})
	var pages []string
	for _, p := range s.Pages {
		if p.Layout == "directives" && strings.HasPrefix(p.URL, DirectivesURL) {
			pages = append(pages, p.URL)
		}
	}
	if diff := cmp.Diff([]string{"/directives/", "/directives/page/2/", "/directives/page/3/"}, pages); diff != "" {
		t.Fatalf("pages (-want +got):\n%s", diff)
	}
	p2 := s.Page("/directives/page/2/")
	v := p2.Data.(*DirectivesView)
	if len(v.Directives) != DirectivesPerPage || v.Pager.Prev != "/directives/" || v.Pager.Next != "/directives/page/3/" || v.Pager.Page != 2 {
		t.Errorf("page 2: %d directives, pager %+v", len(v.Directives), v.Pager)
	}
	if !strings.Contains(p2.HeadTitle, "page 2 sur 3") {
		t.Errorf("page 2 head title %q", p2.HeadTitle)
	}
	if n := len(s.Page("/directives/page/3/").Data.(*DirectivesView).Directives); n != 5 {
		t.Errorf("page 3 has %d directives, want 5", n)
	}
	// The lists of the académies are paginated the same way.
	if p := s.Page("/academies/paris/directives/page/3/"); p == nil || p.Title != "Directives pour l’académie de Paris (page 3)" {
		t.Errorf("page 3 of Paris: %+v", p)
	}
	if got := len(feedTitles(s, DirectivesURL)); got != 45 {
		t.Errorf("feed has %d entries, want 45", got)
	}
}

func TestPagerWindow(t *testing.T) {
	var labels []string
	for _, l := range pager(10, 20, DirectivesPageURL).Links {
		labels = append(labels, l.Label)
	}
	if diff := cmp.Diff([]string{"1", "…", "8", "9", "10", "11", "12", "…", "20"}, labels); diff != "" {
		t.Errorf("pager links (-want +got):\n%s", diff)
	}
}

func TestDirectiveAliases(t *testing.T) {
	s := assemble(t, files(territoryFiles, publishingFiles), Options{})
	want := []Redirect{{From: "/directives/versailles/", To: "/academies/versailles/directives/old/", Pos: diag.Pos{File: "content/academies/versailles/directives/old.md", Line: 5, Col: 11}}}
	if diff := cmp.Diff(want, s.Redirects); diff != "" {
		t.Errorf("redirects (-want +got):\n%s", diff)
	}

	for name, c := range map[string]struct{ alias, want string }{
		"a page":         {"/directives/", `content/academies/paris/directives/x.md:5:11: l'ancienne adresse /directives/ mène à /academies/paris/directives/x/, mais c'est l'adresse d'une page que relais fait lui-même : retirez-la`},
		"a page (no /)":  {"/bonnes-pratiques", `l'ancienne adresse /bonnes-pratiques mène à /academies/paris/directives/x/, mais c'est l'adresse d'une page que relais fait lui-même`},
		"another's page": {"/directives/courante/", `l'ancienne adresse /directives/courante/ mène à /academies/paris/directives/x/, mais c'est l'adresse de content/national/directives/courante.md`},
		"its own page":   {"/academies/paris/directives/x/", `l'ancienne adresse /academies/paris/directives/x/ est l'adresse de la page elle-même`},
		"a feed":         {"/directives/flux.xml", `l'ancienne adresse /directives/flux.xml mène à /academies/paris/directives/x/, mais c'est l'adresse d'un fichier du site`},
	} {
		fs := files(territoryFiles, publishingFiles)
		fs["content/academies/paris/directives/x.md"] = directiveFile("title: X\ndate: 2020-03-19 08:00\naudiences: [eleves]\naliases: [" + c.alias + "]")
		_, errs := Assemble(tree(fs), markdown.New(), Options{Now: now})
		if !strings.Contains(errs.Error(), c.want) {
			t.Errorf("%s: errors\n%v\nlack %q", name, errs, c.want)
		}
	}
}

func TestReservedNationalSlug(t *testing.T) {
	fs := files(territoryFiles)
	fs["content/national/directives/archives.md"] = directiveFile("title: X\ndate: 2020-03-19 08:00\naudiences: [eleves]")
	fs["content/academies/paris/directives/page.md"] = directiveFile("title: X\ndate: 2020-03-19 08:00\naudiences: [eleves]")
	_, errs := Assemble(tree(fs), markdown.New(), Options{Now: now})
	want := []string{
		`content/academies/paris/directives/page.md:1:1: une directive ne peut pas s'appeler « page.md » : /academies/paris/directives/page/ est déjà une page ; renommez le fichier, par exemple « 2020-03-19-page.md »`,
		`content/national/directives/archives.md:1:1: une directive ne peut pas s'appeler « archives.md » : /directives/archives/ est déjà une page ; renommez le fichier, par exemple « 2020-03-19-archives.md »`,
	}
	if diff := cmp.Diff(want, strings.Split(errs.Error(), "\n")); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}

func TestHomeAndNav(t *testing.T) {
	s := assemble(t, files(territoryFiles, publishingFiles), Options{})
	home := s.Page(HomeURL)
	if got := titles(home.Data.(*HomeView).Urgent); !slices.Equal(got, []string{"Urgente de Paris", "Urgente régionale"}) {
		t.Errorf("home urgent list = %v", got)
	}
	if len(home.Feeds) == 0 || home.Feeds[0].Dir != DirectivesURL {
		t.Errorf("home feeds = %v", home.Feeds)
	}
	if !slices.Contains(s.Nav, Link{URL: DirectivesURL, Label: "Directives"}) {
		t.Errorf("nav = %v", s.Nav)
	}
}

// DirectivesPageURL is page n of the list of current directives:
// /directives/ for the first, /directives/page/<n>/ after.
func DirectivesPageURL(n int) string { return IssuerDirectivesPageURL(territory.National(), n) }
