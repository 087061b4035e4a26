package site

import (
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/relais-ecoles/relais/internal/catalog"
	"github.com/relais-ecoles/relais/internal/markdown"
)

// catalogFiles is a small site with a catalog: three programmes, one of
// them broadcast on a schedule, one with an alias.
func catalogFiles() map[string]string {
	return map[string]string{
		"content/site.yaml": "title: T\nbase_url: https://x.fr\n",
		"content/programmes/_vocabulary.yaml": `broadcasters:
  - {slug: france-televisions, label: France Télévisions, url: "https://www.france.tv/"}
  - {slug: playbac, label: Playbac Presse}
media:
  - {slug: tv, label: télévision}
  - {slug: presse, label: presse}
  - {slug: web, label: web}
subjects:
  - {slug: francais, label: français}
  - {slug: mathematiques, label: mathématiques}
`,
		"content/programmes/_index.md": "---\ntitle: Le catalogue\nsummary: Les programmes labellisés.\n---\nVoir [le collège](college.md).\n",
		"content/programmes/college.md": `---
title: Cours du collège
broadcaster: france-televisions
channel: France 4
media: [tv]
levels: [6e, 5e, 4e, 3e]
subjects: [francais, mathematiques]
schedule:
  - from: "14:00"
    to: "15:00"
  - days: [mer]
    from: "09:00"
    to: "09:30"
    who: [6e]
schedule_start: 2020-03-22
schedule_end: 2020-07-03
url: https://www.france.tv/france-4/
labelled: 2020-03-23
free: true
summary: Une heure de cours par jour.
aliases: [/programmes/ancien-college/]
---
Le corps du texte.
`,
		"content/programmes/journal.md": `---
title: Le journal
broadcaster: playbac
media: [presse]
levels: [cm1, cm2]
subjects: [francais]
labelled: 2020-03-18
---
`,
		"content/programmes/ecole.md": `---
title: École en ligne
broadcaster: france-televisions
media: [web]
cycles: [cycle-2]
subjects: [mathematiques]
labelled: 2020-03-20
---
`,
	}
}

func assembleCatalog(t *testing.T, files map[string]string) *Site {
	t.Helper()
	s, errs := Assemble(tree(files), markdown.New(), Options{Now: time.Date(2020, 3, 23, 9, 0, 0, 0, time.UTC)})
	if errs != nil {
		t.Fatal(errs)
	}
	return s
}

func TestAssembleCatalog(t *testing.T) {
	s := assembleCatalog(t, catalogFiles())
	var urls []string
	for _, p := range s.Pages {
		if strings.HasPrefix(p.URL, ProgrammesURL) {
			urls = append(urls, p.URL)
		}
	}
	want := []string{
		"/programmes/",
		"/programmes/college/",
		"/programmes/diffuseurs/",
		"/programmes/diffuseurs/france-televisions/",
		"/programmes/diffuseurs/playbac/",
		"/programmes/disciplines/",
		"/programmes/disciplines/francais/",
		"/programmes/disciplines/mathematiques/",
		"/programmes/ecole/",
		"/programmes/grille/",
		"/programmes/grille/cycle-3/",
		"/programmes/grille/cycle-4/",
		"/programmes/journal/",
		"/programmes/medias/",
		"/programmes/medias/presse/",
		"/programmes/medias/tv/",
		"/programmes/medias/web/",
		"/programmes/niveaux/",
		"/programmes/niveaux/3e/",
		"/programmes/niveaux/4e/",
		"/programmes/niveaux/5e/",
		"/programmes/niveaux/6e/",
		"/programmes/niveaux/ce1/",
		"/programmes/niveaux/ce2/",
		"/programmes/niveaux/cm1/",
		"/programmes/niveaux/cm2/",
		"/programmes/niveaux/cp/",
		"/programmes/niveaux/cycle-2/",
		"/programmes/niveaux/cycle-2/mathematiques/",
		"/programmes/niveaux/cycle-3/",
		"/programmes/niveaux/cycle-3/francais/",
		"/programmes/niveaux/cycle-3/mathematiques/",
		"/programmes/niveaux/cycle-4/",
		"/programmes/niveaux/cycle-4/francais/",
		"/programmes/niveaux/cycle-4/mathematiques/",
	}
	if diff := cmp.Diff(want, urls); diff != "" {
		t.Errorf("catalog pages (-want +got):\n%s", diff)
	}

	// Every list page of the catalog has a feed, and only those. (Other
	// pages, such as the home page, announce the feeds of directives.)
	var feeds []string
	for _, f := range s.Feeds {
		if strings.HasPrefix(f.Dir, ProgrammesURL) {
			feeds = append(feeds, f.Dir)
		}
	}
	var lists []string
	for _, p := range s.Pages {
		if len(p.Feeds) > 0 && strings.HasPrefix(p.URL, ProgrammesURL) {
			if p.Feeds[0].Dir != p.URL {
				t.Errorf("%s: feed link to %s", p.URL, p.Feeds[0].Dir)
			}
			lists = append(lists, p.URL)
		}
	}
	slices.Sort(feeds)
	if diff := cmp.Diff(lists, feeds); diff != "" {
		t.Errorf("feeds and the pages that link to them (-pages +feeds):\n%s", diff)
	}

	if !slices.Contains(s.Nav, Link{URL: ProgrammesURL, Label: "Programmes"}) {
		t.Errorf("nav = %v", s.Nav)
	}
	for _, sec := range s.Page(HomeURL).Data.(*HomeView).Sections {
		if strings.Contains(sec.Title, "Nation apprenante") && (sec.Soon || sec.URL != ProgrammesURL) {
			t.Errorf("home section %+v: the catalog is published", sec)
		}
	}
	// The programme's alias, and the facet addresses without a page
	// (facetredirects.go), each to a page of the site.
	var aliases []Redirect
	for _, r := range s.Redirects {
		if r.Pos.File != catalog.VocabularyPath {
			aliases = append(aliases, r)
			continue
		}
		if !strings.HasPrefix(r.From, ProgrammesURL) || s.Page(r.To) == nil || s.Page(r.From) != nil {
			t.Errorf("facet redirect %s -> %s: not from a facet address without a page to a page", r.From, r.To)
		}
	}
	if diff := cmp.Diff([]Redirect{{From: "/programmes/ancien-college/", To: "/programmes/college/", Pos: aliases[0].Pos}}, aliases); diff != "" {
		t.Errorf("redirects (-want +got):\n%s", diff)
	}
	if len(s.Data) != 1 || s.Data[0].URL != ProgrammeIndexURL {
		t.Fatalf("data files = %v", s.Data)
	}
	if idx := s.Data[0].Value.(catalog.SearchIndex).Programmes; len(idx) != 3 || idx[0].Slug != "college" || idx[0].Channel != "France 4" {
		t.Errorf("index = %+v", idx)
	}
}

func TestCatalogOrderAndViews(t *testing.T) {
	s := assembleCatalog(t, catalogFiles())
	home := s.Page(ProgrammesURL)
	if home.Title != "Le catalogue" || home.Description != "Les programmes labellisés." || home.Content == nil {
		t.Errorf("the catalog page does not use _index.md: %q, %q", home.Title, home.Description)
	}
	if !strings.Contains(string(home.Content.HTML), `href="/programmes/college/"`) {
		t.Errorf("a .md link in _index.md is not resolved: %s", home.Content.HTML)
	}
	view := home.Data.(*catalog.CatalogView)
	var order []string
	for _, p := range view.Programmes {
		order = append(order, p.Slug)
	}
	if diff := cmp.Diff([]string{"college", "ecole", "journal"}, order); diff != "" {
		t.Errorf("catalog not newest label first (-want +got):\n%s", diff)
	}
	var cycles []string
	for _, c := range view.Cycles {
		cycles = append(cycles, c.Label)
	}
	if diff := cmp.Diff([]string{"cycle 2", "cycle 3", "cycle 4"}, cycles); diff != "" {
		t.Errorf("cycles (-want +got):\n%s", diff)
	}
	wantOptions := []catalog.LevelOptionGroup{
		{Label: "cycle 2", Options: []catalog.LevelOption{{Value: "cp ce1 ce2", Label: "tout le cycle 2"}, {Value: "cp", Label: "CP"}, {Value: "ce1", Label: "CE1"}, {Value: "ce2", Label: "CE2"}}},
		{Label: "cycle 3", Options: []catalog.LevelOption{{Value: "cm1 cm2 6e", Label: "tout le cycle 3"}, {Value: "cm1", Label: "CM1"}, {Value: "cm2", Label: "CM2"}, {Value: "6e", Label: "6e"}}},
		{Label: "cycle 4", Options: []catalog.LevelOption{{Value: "5e 4e 3e", Label: "tout le cycle 4"}, {Value: "5e", Label: "5e"}, {Value: "4e", Label: "4e"}, {Value: "3e", Label: "3e"}}},
	}
	if diff := cmp.Diff(wantOptions, view.Options); diff != "" {
		t.Errorf("level options (-want +got):\n%s", diff)
	}

	p := s.Page("/programmes/college/").Data.(*catalog.ProgrammeView)
	if diff := cmp.Diff([]string{"du lundi au vendredi, de 14h à 15h", "le mercredi, de 9h à 9h30 (6e)"}, p.Schedule); diff != "" {
		t.Errorf("schedule (-want +got):\n%s", diff)
	}
	if p.Period != "du 22 mars au 3 juillet 2020" || p.BroadcasterSite != "https://www.france.tv/" || p.Host != "www.france.tv" || p.For != "collège" {
		t.Errorf("programme view = %+v", p)
	}
	if diff := cmp.Diff([]Link{{URL: "/programmes/niveaux/cycle-3/", Label: "cycle 3"}, {URL: "/programmes/niveaux/cycle-4/", Label: "cycle 4"}}, p.Cycles); diff != "" {
		t.Errorf("cycles (-want +got):\n%s", diff)
	}

	c3 := s.Page("/programmes/niveaux/cycle-3/")
	fv := c3.Data.(*catalog.FacetView)
	if diff := cmp.Diff([]catalog.FacetLink{
		{URL: "/programmes/niveaux/cycle-3/francais/", Label: "cycle 3 · français", Count: 2},
		{URL: "/programmes/niveaux/cycle-3/mathematiques/", Label: "cycle 3 · mathématiques", Count: 1},
	}, fv.Combos); diff != "" {
		t.Errorf("combos of cycle 3 (-want +got):\n%s", diff)
	}
	if fv.Grid != "/programmes/grille/cycle-3/" || len(fv.Levels) != 3 || fv.Count != 2 {
		t.Errorf("cycle 3 view = %+v", fv)
	}
	if up := s.Page("/programmes/niveaux/cm1/").Data.(*catalog.FacetView).Up; up == nil || up.URL != "/programmes/niveaux/cycle-3/" {
		t.Errorf("CM1 page does not lead up to cycle 3: %+v", up)
	}
	combo := s.Page("/programmes/niveaux/cycle-3/mathematiques/")
	if combo.Title != "Programmes de mathématiques pour le cycle 3" || len(combo.Crumbs) != 4 {
		t.Errorf("combo page %q, crumbs %v", combo.Title, combo.Crumbs)
	}
}

func TestCatalogDeps(t *testing.T) {
	s := assembleCatalog(t, catalogFiles())
	all := []string{
		"content/programmes/_index.md", "content/programmes/_vocabulary.yaml",
		"content/programmes/college.md", "content/programmes/ecole.md", "content/programmes/journal.md",
	}
	for url, want := range map[string][]string{
		"/programmes/":                      all,
		"/programmes/niveaux/":              all,
		"/programmes/grille/":               all,
		"/programmes/college/":              {"content/programmes/_index.md", "content/programmes/_vocabulary.yaml", "content/programmes/college.md"},
		"/programmes/niveaux/cycle-3/":      {"content/programmes/_index.md", "content/programmes/_vocabulary.yaml", "content/programmes/college.md", "content/programmes/journal.md"},
		"/programmes/disciplines/francais/": {"content/programmes/_index.md", "content/programmes/_vocabulary.yaml", "content/programmes/college.md", "content/programmes/journal.md"},
	} {
		got := slices.Sorted(slices.Values(s.Page(url).Deps))
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s deps (-want +got):\n%s", url, diff)
		}
	}
}

func TestCatalogGrid(t *testing.T) {
	s := assembleCatalog(t, catalogFiles())
	g := s.Page("/programmes/grille/").Data.(*catalog.GridView)
	var got []string
	for _, l := range g.Lines {
		got = append(got, l.From+"–"+l.To+" "+l.Days+" "+l.Programme.Slug+" "+l.Where+" "+l.For+" ["+l.JSDays+"] "+l.Start+".."+l.End)
	}
	// One line per slot, by start time: the slot of Wednesday is one
	// line, not a copy of the weekday slot.
	want := []string{
		"9h–9h30 mer. college France 4 6e [3] 2020-03-22..2020-07-03",
		"14h–15h lun.–ven. college France 4 collège [1 2 3 4 5] 2020-03-22..2020-07-03",
	}
	if diff := cmp.Diff(want, got[:2]); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
	if g.Count != len(g.Lines) || g.Pager != nil {
		t.Errorf("count %d, %d lines, pager %v", g.Count, len(g.Lines), g.Pager)
	}
	c4 := s.Page("/programmes/grille/cycle-4/").Data.(*catalog.GridView)
	if c4.Count != 1 || c4.Level != "cycle 4" || !c4.Filters[2].Current || c4.Filters[2].URL != "/programmes/grille/cycle-4/" {
		t.Errorf("cycle 4 grid: count %d, filters %+v", c4.Count, c4.Filters)
	}
}

func TestCatalogFeeds(t *testing.T) {
	s := assembleCatalog(t, catalogFiles())
	byDir := map[string]*Feed{}
	for _, f := range s.Feeds {
		byDir[f.Dir] = f
	}
	f := byDir[ProgrammesURL]
	if f == nil {
		t.Fatalf("no catalog feed among %v", slices.Sorted(maps.Keys(byDir)))
	}
	var titles []string
	for _, it := range f.Items {
		titles = append(titles, it.Title+" "+it.Published.Format(time.DateOnly))
	}
	if diff := cmp.Diff([]string{"Cours du collège 2020-03-23", "École en ligne 2020-03-20", "Le journal 2020-03-18"}, titles); diff != "" {
		t.Errorf("catalog feed not newest first (-want +got):\n%s", diff)
	}
	first := f.Items[0]
	if first.URL != "/programmes/college/" || first.Author != "France Télévisions (France 4)" || first.Content != s.Page("/programmes/college/").Content ||
		f.Updated.Format(time.RFC3339) != "2020-03-23T00:00:00+01:00" {
		t.Errorf("first item = %+v, updated %v", first, f.Updated)
	}
	// The date of a label is the programme's own day, in its zone
	// (Europe/Paris by default), not midnight UTC (01:00 in Paris).
	for _, it := range f.Items {
		if got := it.Published.Format(time.RFC3339); !strings.HasSuffix(got, "T00:00:00+01:00") || !it.Updated.Equal(it.Published) {
			t.Errorf("%s: published %s, updated %s; want midnight in Paris", it.Title, got, it.Updated.Format(time.RFC3339))
		}
	}
	if diff := cmp.Diff([]string{"français", "mathématiques", "6e", "5e", "4e", "3e"}, first.Tags); diff != "" {
		t.Errorf("tags (-want +got):\n%s", diff)
	}
	if c := byDir["/programmes/niveaux/cycle-3/francais/"]; c == nil || len(c.Items) != 2 || c.Title != "Programmes de français pour le cycle 3" {
		t.Errorf("combo feed = %+v", c)
	}
}

func TestCatalogFeedsAreCapped(t *testing.T) {
	files := map[string]string{"content/site.yaml": "title: T\nbase_url: https://x.fr\n"}
	for p, data := range catalog.GenerateFixture(catalog.MaxFeedItems+20, 3) {
		files[p] = string(data)
	}
	s := assembleCatalog(t, files)
	for _, f := range s.Feeds {
		if len(f.Items) > catalog.MaxFeedItems {
			t.Errorf("%s: %d items", f.Dir, len(f.Items))
		}
	}
	if f := s.Feeds[0]; f.Dir != ProgrammesURL || len(f.Items) != catalog.MaxFeedItems {
		t.Errorf("catalog feed %s has %d items", f.Dir, len(f.Items))
	}
}

func TestCatalogCalendar(t *testing.T) {
	s := assembleCatalog(t, catalogFiles())
	i := slices.IndexFunc(s.Calendars, func(c *Calendar) bool { return c.URL == "/programmes/college.ics" })
	if i < 0 {
		t.Fatal("no calendar for the programme with a schedule")
	}
	cal := s.Calendars[i]
	d := func(m time.Month, day int) time.Time { return time.Date(2020, m, day, 0, 0, 0, 0, time.UTC) }
	want := &Calendar{
		URL: "/programmes/college.ics", Name: "Cours du collège", TZID: "Europe/Paris",
		Events: []*Event{
			{
				UID: "programme-college-1@x.fr", Summary: "Cours du collège", Description: "France 4 – Une heure de cours par jour.",
				URL: "https://x.fr/programmes/college/", First: d(3, 23), Until: d(7, 3),
				Days: []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}, From: 14 * 60, To: 15 * 60,
			},
			{
				UID: "programme-college-2@x.fr", Summary: "Cours du collège (6e)", Description: "France 4 – Une heure de cours par jour.",
				URL: "https://x.fr/programmes/college/", First: d(3, 25), Until: d(7, 3),
				Days: []time.Weekday{time.Wednesday}, From: 9 * 60, To: 9*60 + 30,
			},
		},
	}
	if diff := cmp.Diff(want, cal); diff != "" {
		t.Errorf("calendar (-want +got):\n%s", diff)
	}
}

func TestCatalogErrors(t *testing.T) {
	for _, tc := range []struct {
		name, file, edit, want string
	}{
		{
			"reserved", "content/programmes/grille.md",
			"---\ntitle: Grille\nbroadcaster: playbac\nmedia: [presse]\nlevels: [cp]\nlabelled: 2020-03-18\n---\n",
			"content/programmes/grille.md:1:1: un programme ne peut pas s'appeler « grille » : /programmes/grille/ est l'adresse de la grille des diffusions ; renommez le fichier, par exemple grille-playbac.md",
		},
		{
			"facet", "content/programmes/niveaux.md",
			"---\ntitle: Niveaux\nbroadcaster: playbac\nmedia: [presse]\nlevels: [cp]\nlabelled: 2020-03-18\n---\n",
			"content/programmes/niveaux.md:1:1: un programme ne peut pas s'appeler « niveaux » : /programmes/niveaux/ est l'adresse de la liste de la facette « niveaux » ; renommez le fichier, par exemple niveaux-playbac.md",
		},
		{
			"alias", "content/programmes/journal.md",
			strings.Replace(catalogFiles()["content/programmes/journal.md"], "labelled:", "aliases: [/programmes/college/]\nlabelled:", 1),
			"content/programmes/journal.md:1:1: l'ancienne adresse /programmes/college/ mène à /programmes/journal/, mais c'est l'adresse de content/programmes/college.md : retirez-la",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := catalogFiles()
			files[tc.file] = tc.edit
			_, errs := Assemble(tree(files), markdown.New(), Options{Now: time.Date(2020, 3, 23, 9, 0, 0, 0, time.UTC)})
			if got := errs.Error(); got != tc.want {
				t.Errorf("errors:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

func TestNoCatalog(t *testing.T) {
	s := assembleCatalog(t, map[string]string{"content/site.yaml": "title: T\nbase_url: https://x.fr\n"})
	if slices.ContainsFunc(s.Nav, func(l Link) bool { return l.URL == ProgrammesURL }) || s.Page(ProgrammesURL) != nil {
		t.Error("a site without programmes has a catalog")
	}
}

func TestCatalogGridSaysWhenNotOnAir(t *testing.T) {
	for _, tc := range []struct {
		now  time.Time
		want string
	}{
		{time.Date(2020, 3, 23, 9, 0, 0, 0, time.UTC), ""},
		{time.Date(2020, 3, 17, 9, 0, 0, 0, time.UTC), ""}, // starts within the week
		{time.Date(2020, 3, 10, 9, 0, 0, 0, time.UTC), "à partir du 22 mars 2020"},
		{time.Date(2020, 7, 3, 21, 0, 0, 0, time.UTC), ""}, // 23h in Paris, the last day
		{time.Date(2020, 7, 3, 22, 30, 0, 0, time.UTC), "jusqu’au 3 juillet 2020"},
	} {
		s, errs := Assemble(tree(catalogFiles()), markdown.New(), Options{Now: tc.now})
		if errs != nil {
			t.Fatal(errs)
		}
		g := s.Page(ProgrammeGridURL).Data.(*catalog.GridView)
		if got := g.Lines[0].When; got != tc.want {
			t.Errorf("at %v: %q, want %q", tc.now, got, tc.want)
		}
	}
}
