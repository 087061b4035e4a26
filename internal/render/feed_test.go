package render

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/mmcdole/gofeed"

	"github.com/relais-ecoles/relais/internal/config"
	"github.com/relais-ecoles/relais/internal/site"
	"github.com/relais-ecoles/relais/internal/view"
)

var paris = mustZone("Europe/Paris")
var cayenne = mustZone("America/Cayenne")

func mustZone(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

func feedSite() *site.Site {
	return &site.Site{
		Config: &config.Config{Title: "Relais", BaseURL: "https://relais.example.fr/", Language: "fr", Publisher: "Relais des écoles"},
		Feeds: []*view.Feed{{
			Dir:         "/directives/",
			Title:       "Directives",
			Description: "Les décisions du ministère, des régions et des académies",
			Items: []*view.FeedItem{
				{
					ID:        "tag:relais.example.fr,2020-03-20:academies/guyane/directives/b",
					Title:     "Créneaux : les lycées",
					URL:       "/academies/guyane/directives/b/",
					Summary:   "L'accès est réparti.",
					Content:   &view.Text{HTML: `<p>Voir <a href="/academies/guyane/4e/">la 4e</a>, <a href="#plages">plus bas</a> et <a href="https://ent.example.fr/x">l'ENT</a>.</p>`},
					Author:    "académie de la Guyane",
					Published: time.Date(2020, 3, 20, 9, 0, 0, 0, cayenne),
					Updated:   time.Date(2020, 3, 21, 10, 30, 0, 0, cayenne),
					Tags:      []string{"parents", "eleves"},
				},
				{
					ID:        "tag:relais.example.fr,2020-03-16:national/directives/a",
					Title:     "Fermeture",
					URL:       "/directives/a/",
					Summary:   "Les écoles ferment & les cours continuent <à distance>.",
					Content:   &view.Text{HTML: `<p>Texte.</p>`},
					Author:    "ministère de l’Éducation nationale",
					Published: time.Date(2020, 3, 16, 8, 0, 0, 0, paris),
				},
			},
		}},
	}
}

func render(t *testing.T, s *site.Site) map[string]string {
	t.Helper()
	out, err := Feeds(s)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, o := range out {
		m[o.Path] = string(o.Data)
	}
	return m
}

func TestFeedsParse(t *testing.T) {
	files := render(t, feedSite())
	if got, want := len(files), 3; got != want {
		t.Fatalf("%d files, want %d: %v", got, want, files)
	}
	for _, name := range []string{"directives/flux.xml", "directives/atom.xml", "directives/flux.json"} {
		t.Run(name, func(t *testing.T) {
			f, err := gofeed.NewParser().ParseString(files[name])
			if err != nil {
				t.Fatalf("gofeed: %v\n%s", err, files[name])
			}
			if f.Title != "Directives" || f.Link != "https://relais.example.fr/directives/" {
				t.Errorf("title %q link %q", f.Title, f.Link)
			}
			if want := "https://relais.example.fr/" + name; f.FeedLink != want {
				t.Errorf("feed link %q, want %q", f.FeedLink, want)
			}
			if f.Language != "fr" && !strings.HasSuffix(name, "atom.xml") {
				t.Errorf("language %q", f.Language)
			}
			if f.UpdatedParsed == nil && !strings.HasSuffix(name, ".json") {
				t.Errorf("no updated time")
			} else if f.UpdatedParsed != nil && !f.UpdatedParsed.Equal(time.Date(2020, 3, 21, 10, 30, 0, 0, cayenne)) {
				t.Errorf("updated %v, want the newest item's time", f.UpdatedParsed)
			}
			if len(f.Items) != 2 {
				t.Fatalf("%d items", len(f.Items))
			}
			it := f.Items[0]
			if it.Title != "Créneaux\u202f: les lycées" || it.Link != "https://relais.example.fr/academies/guyane/directives/b/" ||
				it.GUID != "tag:relais.example.fr,2020-03-20:academies/guyane/directives/b" {
				t.Errorf("item: title %q link %q id %q", it.Title, it.Link, it.GUID)
			}
			// Times keep the issuer's offset (gofeed's parsed times are in
			// UTC, so the offset is read in the text).
			if it.PublishedParsed == nil || !it.PublishedParsed.Equal(time.Date(2020, 3, 20, 9, 0, 0, 0, cayenne)) ||
				!strings.Contains(it.Published, "-03") {
				t.Errorf("published %q, want 2020-03-20 09:00 -03:00", it.Published)
			}
			if !strings.HasSuffix(name, "flux.xml") && (it.UpdatedParsed == nil || it.Updated != "2020-03-21T10:30:00-03:00") {
				t.Errorf("updated %q", it.Updated)
			}
			if !strings.Contains(it.Content, `href="https://relais.example.fr/academies/guyane/4e/"`) ||
				!strings.Contains(it.Content, `href="https://relais.example.fr/academies/guyane/directives/b/#plages"`) ||
				!strings.Contains(it.Content, `href="https://ent.example.fr/x"`) {
				t.Errorf("content links not absolute: %s", it.Content)
			}
			if it.Description != "L’accès est réparti." {
				t.Errorf("summary %q", it.Description)
			}
			if len(it.Authors) == 0 || it.Authors[0].Name != "académie de la Guyane" {
				t.Errorf("authors %v", it.Authors)
			}
			if d := f.Items[1].Description; d != "Les écoles ferment & les cours continuent <à distance>." && !strings.HasSuffix(name, "flux.xml") {
				t.Errorf("summary with markup characters: %q", d)
			}
		})
	}
}

func TestRSSSelfAndAtomAuthor(t *testing.T) {
	files := render(t, feedSite())
	for _, want := range []string{
		`<atom:link href="https://relais.example.fr/directives/flux.xml" rel="self" type="application/rss+xml"></atom:link>`,
		`xmlns:atom="http://www.w3.org/2005/Atom"`,
		`<guid isPermaLink="false">tag:relais.example.fr,2020-03-16:national/directives/a</guid>`,
		`<pubDate>Fri, 20 Mar 2020 09:00:00 -0300</pubDate>`,
		`<language>fr</language>`,
	} {
		if !strings.Contains(files["directives/flux.xml"], want) {
			t.Errorf("flux.xml lacks %s", want)
		}
	}
	for _, want := range []string{
		`<link href="https://relais.example.fr/directives/atom.xml" rel="self" type="application/atom+xml"></link>`,
		`<name>Relais des écoles</name>`,
		`<id>https://relais.example.fr/directives/</id>`,
		`<category term="parents"></category>`,
		`<published>2020-03-16T08:00:00+01:00</published>`,
	} {
		if !strings.Contains(files["directives/atom.xml"], want) {
			t.Errorf("atom.xml lacks %s", want)
		}
	}
}

// TestJSONFeedRequired checks the fields JSON Feed 1.1 requires or relais
// promises: version, title, items, feed_url, and for each item an id, a
// content and its dates.
func TestJSONFeedRequired(t *testing.T) {
	s := feedSite()
	s.Feeds = append(s.Feeds, &view.Feed{Dir: "/vide/", Title: "Vide"})
	// An entry without text nor summary still has a content.
	s.Feeds[0].Items = append(s.Feeds[0].Items, &view.FeedItem{ID: "x", Title: "Sans texte", URL: "/x/", Published: time.Date(2020, 3, 1, 0, 0, 0, 0, paris)})
	files := render(t, s)
	for _, name := range []string{"directives/flux.json", "vide/flux.json"} {
		var f map[string]any
		if err := json.Unmarshal([]byte(files[name]), &f); err != nil {
			t.Fatal(err)
		}
		if f["version"] != "https://jsonfeed.org/version/1.1" {
			t.Errorf("%s: version %v", name, f["version"])
		}
		for _, k := range []string{"title", "feed_url", "home_page_url", "language"} {
			if s, _ := f[k].(string); s == "" {
				t.Errorf("%s: no %s", name, k)
			}
		}
		if _, ok := f["author"]; ok {
			t.Errorf("%s: author is JSON Feed 1.0; 1.1 has authors", name)
		}
		items, ok := f["items"].([]any)
		if !ok {
			t.Fatalf("%s: items is not an array: %v", name, f["items"])
		}
		for _, x := range items {
			it := x.(map[string]any)
			for _, k := range []string{"id", "url", "title", "date_published", "date_modified"} {
				if s, _ := it[k].(string); s == "" {
					t.Errorf("%s: item without %s: %v", name, k, it)
				}
			}
			html, _ := it["content_html"].(string)
			text, _ := it["content_text"].(string)
			if html == "" && text == "" {
				t.Errorf("%s: item without content: %v", name, it)
			}
		}
	}
}

func TestFeedsDeterministic(t *testing.T) {
	a, b := render(t, feedSite()), render(t, feedSite())
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("two renders differ:\n%s", diff)
	}
	// An empty feed has no item to date it: Atom still needs a date, and
	// it is not the clock.
	s := feedSite()
	s.Feeds[0].Items = nil
	atom := render(t, s)["directives/atom.xml"]
	if !strings.Contains(atom, "<updated>1970-01-01T00:00:00Z</updated>") {
		t.Errorf("empty feed:\n%s", atom)
	}
}

func TestAbsoluteLinks(t *testing.T) {
	const base, page = "https://r.example.fr/", "https://r.example.fr/directives/x/"
	for _, c := range []struct{ in, want string }{
		{`<a href="/a/">a</a>`, `<a href="https://r.example.fr/a/">a</a>`},
		{`<a href="#b">b</a>`, `<a href="https://r.example.fr/directives/x/#b">b</a>`},
		{`<a href="//cdn.example/x">x</a>`, `<a href="//cdn.example/x">x</a>`},
		{`<a href="https://x.fr/">x</a>`, `<a href="https://x.fr/">x</a>`},
		{`<img src="/i.png" alt="">`, `<img src="https://r.example.fr/i.png" alt="">`},
		{`<p>href="/a/" in text is escaped: href=&quot;/a/&quot;</p>`, `<p>href="/a/" in text is escaped: href=&quot;/a/&quot;</p>`},
	} {
		if got := AbsoluteLinks(c.in, base, page); got != c.want {
			t.Errorf("AbsoluteLinks(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestFeedCache renders feeds through one FeedCache again and again, with a
// text whose HTML changes in place, a new base URL and a second feed that
// shares an entry, and checks each outcome against Feeds.
func TestFeedCache(t *testing.T) {
	s := feedSite()
	shared := s.Feeds[0].Items[0]
	c := NewFeedCache()
	for _, step := range []struct {
		name string
		edit func()
	}{
		{"first", func() {}},
		{"nothing changed", func() {}},
		{"a text's HTML changed in place", func() {
			shared.Content.HTML = `<p>Autre <a href="/academies/guyane/3e/">lien</a> et <a href="#x">ancre</a>.</p>`
		}},
		{"another base URL", func() { s.Config.BaseURL = "https://autre.example.fr/" }},
		{"a second feed with the same entry", func() {
			s.Feeds = append(s.Feeds, &view.Feed{Dir: "/academies/guyane/directives/", Title: "Guyane", Items: []*view.FeedItem{shared}})
		}},
	} {
		step.edit()
		out, err := c.Feeds(s)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, o := range out {
			got[o.Path] = string(o.Data)
		}
		if diff := cmp.Diff(render(t, s), got); diff != "" {
			t.Errorf("%s: through the cache (-Feeds +cache):\n%s", step.name, diff)
		}
	}
}
