package render

import (
	"bytes"
	"fmt"
	"html"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/gorilla/feeds"
)

// The documents encoded whole, from the same document and item builders
// as the spliced ones: what the test checks is the splicing.

func wholeRSS(v *FeedView) ([]byte, error) {
	doc := rssDocument(v)
	for i := range v.Items {
		doc.Channel.Items = append(doc.Channel.Items, rssItemOf(&v.Items[i]))
	}
	return encodeXML(doc)
}

func wholeAtom(v *FeedView) ([]byte, error) {
	doc := atomDocument(v)
	for i := range v.Items {
		doc.Items = append(doc.Items, atomEntryOf(&v.Items[i]))
	}
	return encodeXML(doc)
}

func wholeJSONFeed(v *FeedView) ([]byte, error) {
	items := []*feeds.JSONItem{}
	for i := range v.Items {
		items = append(items, jsonItemOf(&v.Items[i]))
	}
	var buf bytes.Buffer
	err := encodeJSONFeed(&buf, jsonFeed{JSONFeed: jsonDocument(v), Items: items}, "")
	return buf.Bytes(), err
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
	// An entry changed under its ID, in any field, is encoded again, not
	// taken from the cache of the render before.
	for name, edit := range map[string]func(*FeedItemView){
		"title":     func(it *FeedItemView) { it.Title += " modifié" },
		"URL":       func(it *FeedItemView) { it.URL += "v2/" },
		"summary":   func(it *FeedItemView) { it.Summary += " Précision." },
		"content":   func(it *FeedItemView) { it.HTML += "<p>Ajout.</p>" },
		"author":    func(it *FeedItemView) { it.Author += " (rectorat)" },
		"published": func(it *FeedItemView) { it.Published = it.Published.Add(-time.Hour) },
		"updated":   func(it *FeedItemView) { it.Updated = it.Updated.Add(time.Hour) },
		"tags":      func(it *FeedItemView) { it.Tags = append(append([]string{}, it.Tags...), "nouveau") },
	} {
		v := &FeedView{Title: "t", Home: "https://relais.example.fr/", Items: []FeedItemView{pool[0]}}
		edit(&v.Items[0])
		for _, c := range []struct {
			spliced func(*FeedView, *entryCache) ([]byte, error)
			whole   func(*FeedView) ([]byte, error)
		}{{rssFeed, wholeRSS}, {atomDoc, wholeAtom}, {jsonDoc, wholeJSONFeed}} {
			got, _ := c.spliced(v, newEntryCache(ec.m))
			want, _ := c.whole(v)
			if !bytes.Equal(got, want) {
				t.Errorf("an entry whose %s changed came from the cache:\n%s", name, got)
			}
		}
	}
}
