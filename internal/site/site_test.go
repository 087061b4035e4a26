package site

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/relais-ecoles/relais/internal/guide"
	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/markdown"
)

func tree(files map[string]string) *load.Tree {
	t := &load.Tree{}
	for p, d := range files {
		t.Files = append(t.Files, &load.File{Path: p, Data: []byte(d)})
	}
	slices.SortFunc(t.Files, func(a, b *load.File) int { return strings.Compare(a.Path, b.Path) })
	return t
}

func TestAssembleGuides(t *testing.T) {
	s, errs := Assemble(tree(map[string]string{
		"content/site.yaml":   "title: T\nbase_url: https://x.fr\n",
		"content/guides/b.md": "---\ntitle: B\nweight: 1\n---\nVoir [A](a.md).\n",
		"content/guides/a.md": "---\ntitle: A\nweight: 2\naudiences: [parents]\n---\nTexte.\n",
		"content/guides/d.md": "---\ntitle: Brouillon\ndraft: true\n---\n",
	}), markdown.New(), Options{Now: time.Date(2020, 3, 23, 9, 0, 0, 0, time.UTC)})
	if errs != nil {
		t.Fatal(errs)
	}
	var urls []string
	for _, p := range s.Pages {
		urls = append(urls, p.URL)
	}
	want := []string{"/", "/404.html", "/bonnes-pratiques/", "/bonnes-pratiques/a/", "/bonnes-pratiques/b/", "/directives/", "/directives/archives/", "/plan-du-site/"}
	if !slices.Equal(urls, want) {
		t.Errorf("pages = %v, want %v", urls, want)
	}
	list := s.Page("/bonnes-pratiques/").Data.(*guide.ListView)
	if list.Guides[0].Slug != "b" {
		t.Errorf("guides not in weight order: %v", list.Guides[0].Slug)
	}
	b := s.Page("/bonnes-pratiques/b/")
	if !strings.Contains(string(b.Content.HTML), `href="/bonnes-pratiques/a/"`) {
		t.Errorf("link not resolved: %s", b.Content.HTML)
	}
	// Its own file, and the link it shows to the other guide.
	if !slices.Contains(b.Deps, "content/guides/b.md") || !slices.Contains(b.Deps, ShownDep("link", "/bonnes-pratiques/a/", "A")) {
		t.Errorf("deps = %v", b.Deps)
	}
	s, errs = Assemble(tree(map[string]string{
		"content/site.yaml":   "title: T\nbase_url: https://x.fr\n",
		"content/guides/d.md": "---\ntitle: Brouillon\ndraft: true\n---\n",
	}), markdown.New(), Options{Drafts: true})
	if errs != nil || s.Page("/bonnes-pratiques/d/") == nil {
		t.Errorf("--drafts leaves the draft out: %v", errs)
	}
}

func TestHasScheme(t *testing.T) {
	for s, want := range map[string]bool{"https://x": true, "mailto:a@b": true, "tel:+33": true, "/a:b": false, "a.md": false, ":x": false, "1http:x": false} {
		if hasScheme(s) != want {
			t.Errorf("hasScheme(%q) = %v", s, !want)
		}
	}
}
