package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/gorilla/feeds"
)

// The feeds as relais wrote them before their entries were spliced (each
// document encoded at once): the reference of the spliced documents.

func wholeRSS(v *FeedView) ([]byte, error) {
	ch := &rssChannel{
		RssFeed: &feeds.RssFeed{
			Title:       v.Title,
			Link:        v.Home,
			Description: v.Description,
			Language:    v.Language,
			Generator:   "relais",
			Docs:        "https://www.rssboard.org/rss-specification",
		},
		Self: atomLinkNS{Href: v.RSSURL, Rel: "self", Type: "application/rss+xml"},
	}
	if v.Author.Email != "" {
		ch.ManagingEditor = fmt.Sprintf("%s (%s)", v.Author.Email, v.Author.Name)
	}
	if !v.Updated.IsZero() {
		ch.PubDate = v.Updated.Format(time.RFC1123Z)
		ch.LastBuildDate = ch.PubDate
	}
	for _, it := range v.Items {
		ri := &rssItem{
			RssItem: &feeds.RssItem{
				Title:       it.Title,
				Link:        it.URL,
				Description: html.EscapeString(it.Summary),
				Guid:        &feeds.RssGuid{Id: it.ID, IsPermaLink: "false"},
				PubDate:     it.Published.Format(time.RFC1123Z),
			},
			Creator:    it.Author,
			Categories: it.Tags,
		}
		if it.ID == it.URL {
			ri.Guid.IsPermaLink = "true"
		}
		if it.HTML != "" {
			ri.Content = &feeds.RssContent{Content: it.HTML}
		}
		if it.Updated.After(it.Published) {
			ri.Updated = it.Updated.Format(time.RFC3339)
		}
		ch.Items = append(ch.Items, ri)
	}
	return encodeXML(&rssRoot{Version: "2.0", NSContent: nsContent, NSAtom: nsAtom, NSDC: nsDC, Channel: ch})
}

func wholeAtom(v *FeedView) ([]byte, error) {
	updated := v.Updated
	if updated.IsZero() {
		updated = time.Unix(0, 0).UTC()
	}
	f := &atomFeed{
		AtomFeed: &feeds.AtomFeed{
			Xmlns:    nsAtom,
			Title:    v.Title,
			Id:       v.Home,
			Updated:  updated.Format(time.RFC3339),
			Subtitle: v.Description,
			Author:   &feeds.AtomAuthor{AtomPerson: feeds.AtomPerson{Name: v.Author.Name, Uri: v.AuthorURL, Email: v.Author.Email}},
		},
		Lang: v.Language,
		Links: []feeds.AtomLink{
			{Href: v.Home, Rel: "alternate", Type: "text/html"},
			{Href: v.AtomURL, Rel: "self", Type: "application/atom+xml"},
		},
		Gen: "relais",
	}
	for _, it := range v.Items {
		e := &atomEntry{AtomEntry: &feeds.AtomEntry{
			Title:     it.Title,
			Id:        it.ID,
			Updated:   it.Updated.Format(time.RFC3339),
			Published: it.Published.Format(time.RFC3339),
			Links:     []feeds.AtomLink{{Href: it.URL, Rel: "alternate", Type: "text/html"}},
		}}
		if it.Summary != "" {
			e.Summary = &feeds.AtomSummary{Content: it.Summary, Type: "text"}
		}
		if it.HTML != "" {
			e.Content = &feeds.AtomContent{Content: it.HTML, Type: "html"}
		}
		if it.Author != "" {
			e.Author = &feeds.AtomAuthor{AtomPerson: feeds.AtomPerson{Name: it.Author}}
		}
		for _, t := range it.Tags {
			e.Categories = append(e.Categories, atomCategory{Term: t})
		}
		f.Items = append(f.Items, e)
	}
	return encodeXML(f)
}

func wholeJSONFeed(v *FeedView) ([]byte, error) {
	f := &feeds.JSONFeed{
		Version:     JSONFeedVersion,
		Title:       v.Title,
		Language:    v.Language,
		HomePageUrl: v.Home,
		FeedUrl:     v.JSONURL,
		Description: v.Description,
		Authors:     []*feeds.JSONAuthor{{Name: v.Author.Name, Url: v.AuthorURL}},
		Items:       make([]*feeds.JSONItem, 0, len(v.Items)),
	}
	for _, it := range v.Items {
		ji := &feeds.JSONItem{
			Id:            it.ID,
			Url:           it.URL,
			Title:         it.Title,
			Summary:       it.Summary,
			ContentHTML:   it.HTML,
			PublishedDate: &it.Published,
			ModifiedDate:  &it.Updated,
			Tags:          it.Tags,
		}
		if it.HTML == "" {
			// JSON Feed requires a content: the summary, or the title of
			// an entry that has neither text nor summary.
			ji.ContentText = it.Summary
			if ji.ContentText == "" {
				ji.ContentText = it.Title
			}
		}
		if it.Author != "" {
			ji.Authors = []*feeds.JSONAuthor{{Name: it.Author}}
		}
		f.Items = append(f.Items, ji)
	}
	buf := getBuffer()
	defer putBuffer(buf)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(jsonFeed{JSONFeed: f, Items: f.Items}); err != nil {
		return nil, err
	}
	return bytes.Clone(buf.Bytes()), nil
}

// TestSplicedFeedsMatchWholeDocuments checks that feeds made of entries
// encoded one by one, cached or not, are byte for byte the documents
// encoded at once, on random feeds with every optional field.
func TestSplicedFeedsMatchWholeDocuments(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	paris, _ := time.LoadLocation("Europe/Paris")
	word := func() string {
		words := []string{"ENT", "créneau", "élèves & parents", "<b>gras</b>", "l’académie", "\"cité\"", "a]]>b", "4e", "Noël"}
		return words[rng.IntN(len(words))]
	}
	pool := make([]FeedItemView, 30)
	for i := range pool {
		pub := time.Date(2020, 3, 1+rng.IntN(28), rng.IntN(24), 0, 0, 0, paris)
		it := FeedItemView{
			ID:        fmt.Sprintf("tag:relais.example.fr,2020:%d", i),
			Title:     word() + " " + word(),
			URL:       fmt.Sprintf("https://relais.example.fr/directives/d-%d/", i),
			Published: pub,
			Updated:   pub,
		}
		if rng.IntN(2) == 0 {
			it.Summary = word() + " " + word()
		}
		if rng.IntN(3) > 0 {
			it.HTML = "<p>" + html.EscapeString(word()) + ` <a href="https://relais.example.fr/x/">lien</a></p>` + "\n<ul><li>" + word() + "</li></ul>"
		}
		if rng.IntN(2) == 0 {
			it.Author = word()
		}
		if rng.IntN(2) == 0 {
			it.Updated = pub.Add(time.Duration(rng.IntN(48)) * time.Hour)
		}
		if rng.IntN(3) == 0 {
			it.ID = it.URL
		}
		for range rng.IntN(3) {
			it.Tags = append(it.Tags, word())
		}
		pool[i] = it
	}
	ec := newEntryCache(nil)
	for n := range 40 {
		v := &FeedView{
			Title: "Directives " + word(), Description: word(), Home: "https://relais.example.fr/directives/",
			RSSURL: "https://relais.example.fr/directives/flux.xml", AtomURL: "https://relais.example.fr/directives/atom.xml",
			JSONURL: "https://relais.example.fr/directives/flux.json", Author: feeds.Author{Name: "Relais", Email: "contact@relais.example.fr"},
			AuthorURL: "https://relais.example.fr/", Language: "fr",
		}
		if n%3 == 0 {
			v.Author.Email = ""
		}
		if n%4 > 0 {
			v.Updated = time.Date(2020, 3, 23, 9, 0, 0, 0, paris)
		}
		for range rng.IntN(8) * (n % 5) {
			v.Items = append(v.Items, pool[rng.IntN(len(pool))])
		}
		for _, c := range []struct {
			name    string
			spliced func(*FeedView, *entryCache) ([]byte, error)
			whole   func(*FeedView) ([]byte, error)
		}{{"RSS", rssFeed, wholeRSS}, {"Atom", atomDoc, wholeAtom}, {"JSON Feed", jsonDoc, wholeJSONFeed}} {
			want, err := c.whole(v)
			if err != nil {
				t.Fatal(err)
			}
			for _, cache := range []*entryCache{nil, ec} {
				got, err := c.spliced(v, cache)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, want) {
					t.Fatalf("feed %d, %s (cache %v): spliced\n%s\nwhole\n%s", n, c.name, cache != nil, got, want)
				}
			}
		}
	}
	// An entry changed under its ID is encoded again, not taken from the
	// cache.
	v := &FeedView{Title: "t", Home: "https://relais.example.fr/", Items: []FeedItemView{pool[0]}}
	v.Items[0].Title = "Titre modifié"
	got, _ := rssFeed(v, newEntryCache(ec.m))
	want, _ := wholeRSS(v)
	if !bytes.Equal(got, want) {
		t.Errorf("an edited entry came from the cache:\n%s", got)
	}
}
