package site

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/relais-ecoles/relais/internal/markdown"
	"github.com/relais-ecoles/relais/internal/textcache"
)

// pageHTML returns the HTML of each page's own text.
func pageHTML(t *testing.T, s *Site) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, p := range s.Pages {
		if p.Content != nil {
			m[p.URL] = string(p.Content.HTML)
		}
	}
	return m
}

// TestTextCache assembles a site again and again with one cache and checks
// that the HTML is what an assembly without a cache gives, and what Changed
// reports.
func TestTextCache(t *testing.T) {
	files := map[string]string{
		"content/site.yaml":                 "title: T\nbase_url: https://t.example.fr/\n",
		"content/guides/a.md":               "---\ntitle: A\n---\nVoir [B](b.md) et [la liste](/bonnes-pratiques/).\n",
		"content/guides/b.md":               "---\ntitle: B\n---\nTexte *B*.\n",
		"content/pages/mentions-legales.md": "---\ntitle: Mentions\n---\nRien.\n",
	}
	opts := Options{Now: time.Date(2020, 3, 23, 9, 0, 0, 0, time.UTC), Texts: textcache.New()}
	md := markdown.New()
	steps := []struct {
		name        string
		edit        func()
		wantChanged []string
	}{
		{"first assembly", func() {}, []string{"content/guides/a.md", "content/guides/b.md", "content/pages/mentions-legales.md"}},
		{"nothing changed", func() {}, nil},
		{"b edited", func() { files["content/guides/b.md"] = "---\ntitle: B\n---\nTexte **B**.\n" }, []string{"content/guides/b.md"}},
		{"a page added", func() { files["content/guides/c.md"] = "---\ntitle: C\n---\nC.\n" }, []string{"content/guides/c.md"}},
		{"b renamed: a's link follows", func() {
			files["content/guides/b2.md"] = files["content/guides/b.md"]
			delete(files, "content/guides/b.md")
			files["content/guides/a.md"] = "---\ntitle: A\n---\nVoir [B](b2.md) et [la liste](/bonnes-pratiques/).\n"
		}, []string{"content/guides/a.md", "content/guides/b2.md"}},
		{"only a title changed", func() { files["content/guides/c.md"] = "---\ntitle: C2\n---\nC.\n" }, nil},
	}
	for _, st := range steps {
		st.edit()
		tr := tree(files)
		got, errs := Assemble(tr, md, opts)
		if len(errs) > 0 {
			t.Fatalf("%s: %v", st.name, errs)
		}
		want, errs := Assemble(tree(files), md, Options{Now: opts.Now})
		if len(errs) > 0 {
			t.Fatalf("%s: %v", st.name, errs)
		}
		if diff := cmp.Diff(pageHTML(t, want), pageHTML(t, got)); diff != "" {
			t.Errorf("%s: HTML with the cache differs (-want +got):\n%s", st.name, diff)
		}
		if diff := cmp.Diff(st.wantChanged, opts.Texts.Changed()); diff != "" {
			t.Errorf("%s: Changed (-want +got):\n%s", st.name, diff)
		}
		if n := opts.Texts.Len(); n != len(got.Texts) {
			t.Errorf("%s: %d cached texts, want %d", st.name, n, len(got.Texts))
		}
	}
}

// TestTextCacheLinkTarget renames the target of a link without touching the
// file that holds the link: the text must be rendered again.
func TestTextCacheLinkTarget(t *testing.T) {
	files := map[string]string{
		"content/site.yaml":        "title: T\nbase_url: https://t.example.fr/\n",
		"content/guides/a.md":      "---\ntitle: A\n---\nVoir [P](/apropos/).\n",
		"content/pages/apropos.md": "---\ntitle: P\n---\nP.\n",
	}
	opts := Options{Now: time.Date(2020, 3, 23, 9, 0, 0, 0, time.UTC), Texts: textcache.New()}
	md := markdown.New()
	if _, errs := Assemble(tree(files), md, opts); len(errs) > 0 {
		t.Fatal(errs)
	}
	opts.Texts.Changed()
	delete(files, "content/pages/apropos.md")
	if _, errs := Assemble(tree(files), md, opts); len(errs) != 1 {
		t.Fatalf("errors %v, want the broken link", errs)
	}
	files["content/pages/apropos.md"] = "---\ntitle: P\n---\nP.\n"
	if _, errs := Assemble(tree(files), md, opts); len(errs) > 0 {
		t.Fatal(errs)
	}
}
