package render

import (
	"bytes"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/relais-ecoles/relais/internal/config"
	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/site"
	"github.com/relais-ecoles/relais/internal/view"
)

// item counts how often a template reads its label.
type item struct {
	label string
	reads *atomic.Int32
}

func (i *item) Label() string { i.reads.Add(1); return i.label }

type listView struct {
	Items []*item
	Words []string
	Bad   map[string]int
}

func parseLayouts(t *testing.T, files map[string]string) *Templates {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	tree, errs := load.Site(fsys)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	tmpl, errs := ParseTemplates(tree, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return tmpl
}

func execute(t *testing.T, tmpl *Templates, s *site.Site, p *view.Page) string {
	t.Helper()
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, s, p); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

var cachedLayouts = map[string]string{
	"layouts/_base.html":         `{{block "main" .}}{{end}}`,
	"layouts/partials/list.html": `{{define "item"}}<li>{{.Label}}</li>{{end}}{{define "words"}}<p>{{range .}}{{.}} {{end}}</p>{{end}}`,
	"layouts/list.html":          `{{define "main"}}<ul>{{range .Data.Items}}{{cached "item" .}}{{end}}</ul>{{cached "words" .Data.Words}}{{end}}`,
	// A page layout may define a partial again: its pages use its own.
	"layouts/other.html": `{{define "main"}}{{range .Data.Items}}{{cached "item" .}}{{end}}{{end}}{{define "item"}}<b>{{.Label}}</b>{{end}}`,
	"layouts/bad.html":   `{{define "main"}}{{cached "words" .Data.Words .Data.Bad}}{{end}}`,
}

func TestCachedRendersOnceASite(t *testing.T) {
	tmpl := parseLayouts(t, cachedLayouts)
	var reads atomic.Int32
	a, b := &item{"un", &reads}, &item{"<deux>", &reads}
	lv := &listView{Items: []*item{a, b}, Words: []string{"x", "y"}}
	s := &site.Site{Config: &config.Config{}}
	p1 := &view.Page{URL: "/1/", Layout: "list", Data: lv}
	p2 := &view.Page{URL: "/2/", Layout: "list", Data: &listView{Items: []*item{b}, Words: []string{"x", "y"}}}
	if got, want := execute(t, tmpl, s, p1), `<ul><li>un</li><li>&lt;deux&gt;</li></ul><p>x y </p>`; got != want {
		t.Errorf("page 1 = %s, want %s", got, want)
	}
	if got, want := execute(t, tmpl, s, p2), `<ul><li>&lt;deux&gt;</li></ul><p>x y </p>`; got != want {
		t.Errorf("page 2 = %s, want %s", got, want)
	}
	if n := reads.Load(); n != 2 {
		t.Errorf("labels read %d times, want 2 (once an item)", n)
	}

	// Another layout that defines "item" again renders its own.
	p3 := &view.Page{URL: "/3/", Layout: "other", Data: lv}
	if got, want := execute(t, tmpl, s, p3), `<b>un</b><b>&lt;deux&gt;</b>`; got != want {
		t.Errorf("page 3 = %s, want %s", got, want)
	}

	// A new site (the dev server after an edit) renders again: nothing
	// of the previous site's HTML is kept.
	a.label = "uno"
	reads.Store(0)
	s2 := &site.Site{Config: &config.Config{}}
	if got, want := execute(t, tmpl, s2, p1), `<ul><li>uno</li><li>&lt;deux&gt;</li></ul><p>x y </p>`; got != want {
		t.Errorf("page 1 of the new site = %s, want %s", got, want)
	}
	if n := reads.Load(); n != 2 {
		t.Errorf("labels read %d times in the new site, want 2", n)
	}
}

func TestCachedKeyMustCompare(t *testing.T) {
	tmpl := parseLayouts(t, cachedLayouts)
	p := &view.Page{URL: "/", Layout: "bad", Data: &listView{Bad: map[string]int{}}}
	err := tmpl.Execute(&bytes.Buffer{}, &site.Site{Config: &config.Config{}}, p)
	if err == nil || !strings.Contains(err.Error(), "cannot be compared") {
		t.Errorf("error = %v, want one saying the key cannot be compared", err)
	}
}

func TestMemoKeyOfSlices(t *testing.T) {
	k1, _ := memoKeyOf([]string{"a", "b"})
	k2, _ := memoKeyOf([]string{"a", "b"})
	k3, _ := memoKeyOf([]string{"a"})
	k4, _ := memoKeyOf([2]string{"a", "b"})
	if k1 != k2 {
		t.Error("equal slices give different keys")
	}
	if k1 == k3 || k1 == k4 {
		t.Error("a slice shares its key with a shorter slice or an array")
	}
}

func TestCachedInParallel(t *testing.T) {
	tmpl := parseLayouts(t, cachedLayouts)
	var reads atomic.Int32
	items := []*item{{"un", &reads}, {"deux", &reads}, {"trois", &reads}}
	s := &site.Site{Config: &config.Config{}}
	for i := range 200 {
		s.Pages = append(s.Pages, &view.Page{URL: "/" + strings.Repeat("p", i+1) + "/", Layout: "list", Data: &listView{Items: items[i%3:]}})
	}
	out, err := Pages(s, tmpl)
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range out {
		want := []string{"<ul><li>un</li><li>deux</li><li>trois</li></ul><p></p>", "<ul><li>deux</li><li>trois</li></ul><p></p>", "<ul><li>trois</li></ul><p></p>"}[i%3]
		if string(o.Data) != want {
			t.Fatalf("page %d = %s, want %s", i, o.Data, want)
		}
	}
}

func TestCachedErrorNamesThePartial(t *testing.T) {
	layouts := map[string]string{
		"layouts/_base.html":         `{{block "main" .}}{{end}}`,
		"layouts/partials/list.html": "{{define \"item\"}}\n<li>{{.Nope}}</li>{{end}}",
		"layouts/list.html":          `{{define "main"}}{{range .Data.Items}}{{cached "item" .}}{{end}}{{end}}`,
	}
	tmpl := parseLayouts(t, layouts)
	var reads atomic.Int32
	p := &view.Page{URL: "/", Layout: "list", Data: &listView{Items: []*item{{"un", &reads}}}}
	err := tmpl.Execute(&bytes.Buffer{}, &site.Site{Config: &config.Config{}}, p)
	if err == nil || !strings.HasPrefix(err.Error(), "layouts/partials/list.html:2:") || !strings.Contains(err.Error(), "Nope") {
		t.Errorf("error = %v, want it at layouts/partials/list.html:2 about Nope", err)
	}
}
