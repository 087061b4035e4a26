package site

import (
	"slices"
	"strings"
	"testing"
	"time"

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

func TestNormalizeBaseURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://relais.example.fr":  "https://relais.example.fr/",
		"https://relais.example.fr/": "https://relais.example.fr/",
		"http://localhost:1313":      "http://localhost:1313/",
	} {
		if got, err := NormalizeBaseURL(in); err != nil || got != want {
			t.Errorf("NormalizeBaseURL(%q) = %q, %v", in, got, err)
		}
	}
	for _, bad := range []string{"relais.example.fr", "ftp://x.fr/", "https://x.fr/sous/", "https://x.fr/?a=1", "/"} {
		if _, err := NormalizeBaseURL(bad); err == nil {
			t.Errorf("NormalizeBaseURL(%q) accepted", bad)
		}
	}
}

func TestConfigDefaultsAndErrors(t *testing.T) {
	c, errs := DecodeConfig(tree(map[string]string{"content/site.yaml": "title: T\nbase_url: https://x.fr\n"}))
	if errs != nil {
		t.Fatal(errs)
	}
	if c.Budgets != DefaultBudgets || c.Language != "fr" || c.BaseURL != "https://x.fr/" {
		t.Errorf("config = %+v", c)
	}
	_, errs = DecodeConfig(tree(map[string]string{"content/site.yaml": "title: T\nbase_url: https://x.fr\nlanguage: en\nbudgets: {html_kb: 0}\ncontact: {email: nobody}\n"}))
	got := errs.Sort().Error()
	for _, w := range []string{"content/site.yaml:3:11: la langue « en » n'est pas prise en charge", "« html_kb » doit être un nombre de kilo-octets plus grand que 0", "l'adresse de contact « nobody » n'est pas une adresse"} {
		if !strings.Contains(got, w) {
			t.Errorf("errors lack %q:\n%s", w, got)
		}
	}
	if _, errs := DecodeConfig(tree(nil)); len(errs) != 1 || !strings.Contains(errs[0].Msg, "réglages du site manquants") {
		t.Errorf("missing site.yaml: %v", errs)
	}
}

func TestConfigOfficial(t *testing.T) {
	const head = "title: T\nbase_url: https://x.fr\n"
	for _, tc := range []struct {
		name, yaml string
		official   bool
		err        string // part of the error; "" for none
	}{
		{"absent means not official", "", false, ""},
		{"false", "official: false\n", false, ""},
		{"true with its publisher", "official: true\npublisher: Académie de Paris\n", true, ""},
		{"true without a publisher", "official: true\n", true, "content/site.yaml:3:11: un site officiel nomme qui le publie"},
		{"not a boolean", "official: peut-être\n", false, "« official » doit valoir true (oui) ou false (non)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, errs := DecodeConfig(tree(map[string]string{"content/site.yaml": head + tc.yaml}))
			if tc.err == "" {
				if errs != nil {
					t.Fatal(errs)
				}
				if c.Official != tc.official {
					t.Errorf("Official = %v, want %v", c.Official, tc.official)
				}
				return
			}
			if got := errs.Sort().Error(); !strings.Contains(got, tc.err) {
				t.Errorf("errors = %q, want one with %q", got, tc.err)
			}
		})
	}
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
	list := s.Page("/bonnes-pratiques/").Data.(*GuidesView)
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

func TestNeighbours(t *testing.T) {
	items := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
	for _, tc := range []struct {
		i    int
		want []int
	}{
		{0, []int{1, 2, 3}},
		{5, []int{4, 6, 7}},
		{9, []int{6, 7, 8}},
	} {
		if got := neighbours(items, tc.i, 3); !slices.Equal(got, tc.want) {
			t.Errorf("neighbours(%d) = %v, want %v", tc.i, got, tc.want)
		}
	}
	if got := neighbours([]int{7}, 0, 3); len(got) != 0 {
		t.Errorf("neighbours of a lone item = %v", got)
	}
}

func TestHasScheme(t *testing.T) {
	for s, want := range map[string]bool{"https://x": true, "mailto:a@b": true, "tel:+33": true, "/a:b": false, "a.md": false, ":x": false, "1http:x": false} {
		if hasScheme(s) != want {
			t.Errorf("hasScheme(%q) = %v", s, !want)
		}
	}
}
