package build

import (
	"html/template"
	"testing"
	"time"

	"github.com/relais-ecoles/relais/internal/site"
)

func feedFor(title, html string, when time.Time) *site.Feed {
	return &site.Feed{
		Dir: "/directives/", Title: "Directives", Updated: when,
		Items: []*site.FeedItem{{ID: "x", Title: title, URL: "/directives/x/", Content: &site.Text{Path: "content/x.md", HTML: template.HTML(html)}, Tags: []string{"a"}}},
	}
}

func TestViewHasher(t *testing.T) {
	vh := newViewHasher()
	sum := func(v any) uint64 {
		t.Helper()
		s, ok := vh.sum(v)
		if !ok {
			t.Fatalf("no fingerprint for %#v", v)
		}
		return s
	}
	paris, _ := time.LoadLocation("Europe/Paris")
	when := time.Date(2020, 3, 23, 9, 0, 0, 0, paris)
	base := sum(feedFor("Titre", "<p>a</p>", when))
	if sum(feedFor("Titre", "<p>a</p>", when)) != base {
		t.Error("equal feeds at other addresses have other fingerprints")
	}
	for name, other := range map[string]*site.Feed{
		"title":   feedFor("Titre 2", "<p>a</p>", when),
		"content": feedFor("Titre", "<p>b</p>", when),
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
	if sum(&site.DataFile{URL: "/x.json", Value: []int{1}}) == sum(&site.DataFile{URL: "/x.json", Value: []int64{1}}) {
		t.Error("interface values of other types have one fingerprint")
	}
	if _, ok := vh.sum(struct{ F func() }{F: func() {}}); ok {
		t.Error("a view with a func has a fingerprint")
	}
	type node struct{ Next *node }
	loop := &node{}
	loop.Next = loop
	if _, ok := vh.sum(loop); ok {
		t.Error("a cycle has a fingerprint")
	}
}
