package render

import (
	"strings"
	"testing"

	"github.com/relais-ecoles/relais/internal/config"
	"github.com/relais-ecoles/relais/internal/site"
	"github.com/relais-ecoles/relais/internal/view"
)

func TestAliases(t *testing.T) {
	s := &site.Site{Config: &config.Config{Title: `Relais <test>`, BaseURL: "https://relais.example.fr/"}, Redirects: []view.Redirect{
		{From: "/directives/ancien/", To: "/directives/2020-03-18-nouveau/"},
		{From: "/guides/vieux", To: "/bonnes-pratiques/neuf/"},
		{From: "/guides/vieux/", To: "/bonnes-pratiques/neuf/"},
		{From: "/vieux.html", To: "/bonnes-pratiques/neuf/?a=1&b=2"},
	}}
	got := map[string]string{}
	for _, o := range Aliases(s) {
		if _, dup := got[o.Path]; dup {
			t.Errorf("two pages at %s", o.Path)
		}
		got[o.Path] = string(o.Data)
	}
	for p, want := range map[string][]string{
		"directives/ancien/index.html": {`<html lang="fr">`, `content="0; url=/directives/2020-03-18-nouveau/"`, `<link rel="canonical" href="https://relais.example.fr/directives/2020-03-18-nouveau/">`, `<meta name="robots" content="noindex">`, "Page déplacée – Relais &lt;test&gt;"},
		"guides/vieux/index.html":      {`url=/bonnes-pratiques/neuf/"`},
		"vieux.html":                   {`url=/bonnes-pratiques/neuf/?a=1&amp;b=2"`, `<a href="/bonnes-pratiques/neuf/?a=1&amp;b=2">`},
	} {
		page, ok := got[p]
		if !ok {
			t.Errorf("no page at %s (have %v)", p, got)
			continue
		}
		for _, w := range want {
			if !strings.Contains(page, w) {
				t.Errorf("%s does not hold %q:\n%s", p, w, page)
			}
		}
	}
	if len(got) != 3 {
		t.Errorf("%d pages, want 3", len(got))
	}
}
