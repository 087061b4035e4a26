package pipeline

import (
	"html/template"
	"testing"
	"time"

	"github.com/relais-ecoles/relais/internal/view"
)

func feedFor(title, html string, when time.Time) *view.Feed {
	return &view.Feed{
		Dir: "/directives/", Title: "Directives", Updated: when,
		Items: []*view.FeedItem{{ID: "x", Title: title, URL: "/directives/x/", Content: &view.Text{Path: "content/x.md", HTML: template.HTML(html)}, Tags: []string{"a"}}},
	}
}

func TestViewHasher(t *testing.T) {
	t.Parallel()
	vh := newViewHasher()
	clean := func(string) bool { return false }
	sum := func(v any) uint64 {
		t.Helper()
		s, ok, touched := vh.sum(v, clean)
		if !ok || touched {
			t.Fatalf("no fingerprint for %#v, or touched", v)
		}
		return s
	}
	paris, _ := time.LoadLocation("Europe/Paris")
	when := time.Date(2020, 3, 23, 9, 0, 0, 0, paris)
	base := sum(feedFor("Titre", "<p>a</p>", when))
	if sum(feedFor("Titre", "<p>a</p>", when)) != base {
		t.Error("equal feeds at other addresses have other fingerprints")
	}
	// A text is known by its file, line and page; its HTML changes only
	// with a dirty file.
	if sum(feedFor("Titre", "<p>b</p>", when)) != base {
		t.Error("the HTML of a text whose file is not dirty changes the fingerprint")
	}
	if _, _, touched := vh.sum(feedFor("Titre", "<p>b</p>", when), func(f string) bool { return f == "content/x.md" }); !touched {
		t.Error("a feed with the text of a dirty file is not touched")
	}
	if _, _, touched := vh.sum(map[string]*view.Text{"a": {Path: "content/x.md"}}, func(f string) bool { return f == "content/x.md" }); !touched {
		t.Error("a map holding the text of a dirty file is not touched")
	}
	moved := feedFor("Titre", "<p>a</p>", when)
	moved.Items[0].Content.Line = 3
	for name, other := range map[string]*view.Feed{
		"title":   feedFor("Titre 2", "<p>a</p>", when),
		"text":    moved,
		"instant": feedFor("Titre", "<p>a</p>", when.Add(time.Second)),
		"zone":    feedFor("Titre", "<p>a</p>", when.UTC()),
	} {
		if sum(other) == base {
			t.Errorf("a feed with another %s has the same fingerprint", name)
		}
	}
	if sum(map[string]int{"a": 1, "b": 2}) != sum(map[string]int{"b": 2, "a": 1}) {
		t.Error("a map's fingerprint depends on its order")
	}
	if sum(map[string]int{"a": 1, "b": 2}) == sum(map[string]int{"a": 2, "b": 1}) {
		t.Error("maps with swapped values have one fingerprint")
	}
	if sum([]string{"ab", "c"}) == sum([]string{"a", "bc"}) {
		t.Error("strings are not delimited")
	}
	if sum(&view.DataFile{URL: "/x.json", Value: []int{1}}) == sum(&view.DataFile{URL: "/x.json", Value: []int64{1}}) {
		t.Error("interface values of other types have one fingerprint")
	}
	if _, ok, _ := vh.sum(struct{ F func() }{F: func() {}}, clean); ok {
		t.Error("a view with a func has a fingerprint")
	}
	type node struct{ Next *node }
	loop := &node{}
	loop.Next = loop
	if _, ok, _ := vh.sum(loop, clean); ok {
		t.Error("a cycle has a fingerprint")
	}
}
