package sitetest

import (
	"encoding/json"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
)

// TestFeedsRead builds each site of testdata/ok and reads every feed it
// writes with a feed reader other than the writer (gofeed): each feed names
// its own address (RSS atom:link and Atom link rel="self", JSON Feed
// feed_url), Atom has an author, and every entry has a title, a link, an id
// and its dates. JSON Feed is also checked against the fields version 1.1
// requires.
func TestFeedsRead(t *testing.T) {
	t.Parallel()
	files, _ := filepath.Glob("testdata/ok/*.txtar")
	feeds := 0
	for _, file := range files {
		for p, data := range builtOK(t, file).tree {
			switch path.Base(p) {
			case "flux.xml", "atom.xml", "flux.json":
			default:
				continue
			}
			feeds++
			self := "https://test.example.fr/" + p
			f, err := gofeed.NewParser().ParseString(string(data))
			if err != nil {
				t.Errorf("%s: gofeed cannot read it: %v", p, err)
				continue
			}
			if f.FeedLink != self {
				t.Errorf("%s: self link %q, want %q", p, f.FeedLink, self)
			}
			if f.Title == "" || f.Link == "" || f.Language != "fr" && f.FeedType != "atom" {
				t.Errorf("%s: title %q, link %q, language %q", p, f.Title, f.Link, f.Language)
			}
			if f.FeedType == "atom" && len(f.Authors) == 0 {
				t.Errorf("%s: an Atom feed without author", p)
			}
			for i, it := range f.Items {
				if it.Title == "" || !strings.HasPrefix(it.Link, "https://test.example.fr/") || it.GUID == "" || it.PublishedParsed == nil {
					t.Errorf("%s: entry %d: title %q, link %q, id %q, published %v", p, i, it.Title, it.Link, it.GUID, it.Published)
				}
				if f.FeedType != "rss" && it.UpdatedParsed == nil {
					t.Errorf("%s: entry %d has no updated time", p, i)
				}
			}
			if f.FeedType == "json" {
				checkJSONFeed(t, p, self, data)
			}
		}
	}
	if feeds == 0 {
		t.Error("no site of testdata/ok writes a feed")
	}
}

// checkJSONFeed checks the fields JSON Feed 1.1 requires (version, title,
// items; an id and a content for each item) and the ones relais promises.
func checkJSONFeed(t *testing.T, p, self string, data []byte) {
	t.Helper()
	var f struct {
		Version string           `json:"version"`
		Title   string           `json:"title"`
		FeedURL string           `json:"feed_url"`
		Items   []map[string]any `json:"items"`
		Author  any              `json:"author"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		t.Errorf("%s: %v", p, err)
		return
	}
	if f.Version != "https://jsonfeed.org/version/1.1" || f.Title == "" || f.FeedURL != self || f.Items == nil {
		t.Errorf("%s: version %q, title %q, feed_url %q, items %v", p, f.Version, f.Title, f.FeedURL, f.Items)
	}
	if f.Author != nil {
		t.Errorf("%s: author is JSON Feed 1.0 (1.1 has authors)", p)
	}
	for i, it := range f.Items {
		id, _ := it["id"].(string)
		html, _ := it["content_html"].(string)
		text, _ := it["content_text"].(string)
		if id == "" || html == "" && text == "" {
			t.Errorf("%s: item %d lacks an id or a content: %v", p, i, it)
		}
	}
}
