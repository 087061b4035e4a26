package site

import (
	"io/fs"
	"os"
	"slices"
	"testing"
	"testing/fstest"
	"time"

	"github.com/relais-ecoles/relais/internal/catalog"
	"github.com/relais-ecoles/relais/internal/config"
	"github.com/relais-ecoles/relais/internal/load"
	"github.com/relais-ecoles/relais/internal/territory"
	"github.com/relais-ecoles/relais/internal/view"
)

// TestDecodeCache checks that a directive is decoded once while its
// *load.File and time zone stay, again when either changes, and that an
// entry an assembly does not use is dropped.
func TestDecodeCache(t *testing.T) {
	c := NewDecodeCache()
	a := &assembler{opts: Options{Decoded: c}}
	src := "---\ntitle: Plages horaires\ndate: 2020-03-19\naudiences: [eleves]\n---\nTexte.\n"
	f := &load.File{Path: "content/national/directives/plages.md", Data: []byte(src)}
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip(err)
	}
	iss := territory.National()
	d1, errs := a.decodeDirective(f, iss, paris)
	if d1 == nil || len(errs) > 0 {
		t.Fatalf("decode: %v", errs)
	}
	paris2, _ := time.LoadLocation("Europe/Paris") // a new *time.Location
	if d2, _ := a.decodeDirective(f, iss, paris2); d2 != d1 {
		t.Errorf("same file and zone: decoded again")
	}
	if d3, _ := a.decodeDirective(f, iss, time.UTC); d3 == d1 {
		t.Errorf("another zone: not decoded again")
	}
	f2 := &load.File{Path: f.Path, Data: []byte(src)} // the file read again
	if d4, _ := a.decodeDirective(f2, iss, paris); d4 == d1 {
		t.Errorf("a file read again: not decoded again")
	}
	c.end()
	if n := c.Len(); n != 3 {
		t.Errorf("after an assembly: %d entries, want 3", n)
	}
	a.decodeDirective(f2, iss, paris)
	c.end()
	if n := c.Len(); n != 1 {
		t.Errorf("after an assembly that used one: %d entries, want 1", n)
	}
	bad := &load.File{Path: "content/national/directives/x.md", Data: []byte("---\ntitle: X\n---\n")}
	_, errs1 := a.decodeDirective(bad, iss, paris)
	_, errs2 := a.decodeDirective(bad, iss, paris)
	if len(errs1) == 0 || len(errs1) != len(errs2) {
		t.Errorf("errors of a cached file: %v, then %v", errs1, errs2)
	}
}

// TestCatalogMemo checks that the catalog is built once while its files
// and inputs stay, the clock told what it recorded each time, and built
// again when a programme's file is read again or an input changes.
func TestCatalogMemo(t *testing.T) {
	fsys := fstest.MapFS{}
	root := os.DirFS("../..")
	files, _ := fs.Glob(root, "content/programmes/*")
	for _, p := range files {
		data, err := fs.ReadFile(root, p)
		if err != nil {
			t.Fatal(err)
		}
		fsys[p] = &fstest.MapFile{Data: data}
	}
	tree, errs := load.Site(fsys)
	if len(errs) > 0 || len(files) < 2 {
		t.Fatalf("%d files: %v", len(files), errs)
	}
	now := time.Date(2020, 3, 23, 9, 0, 0, 0, time.UTC)
	in := catalog.Inputs{URLs: catalogURLs{&Site{Config: &config.Config{BaseURL: "https://relais.example.fr/"}}}, SiteTitle: "Relais", Host: "relais.example.fr", Now: now}
	m := &catalogMemo{}
	clock1 := view.NewClock(now)
	v1, errs := m.build(tree, in, clock1, nil, func([]decodeKey) {})
	if v1 == nil || len(errs) > 0 {
		t.Fatalf("catalog: %v", errs)
	}
	clock2 := view.NewClock(now)
	if v2, _ := m.build(tree, in, clock2, nil, func([]decodeKey) {}); v2 != v1 {
		t.Error("same files and inputs: built again")
	}
	if s1, s2 := clock1.Span(), clock2.Span(); !s1.From.Equal(s2.From) || !s1.Until.Equal(s2.Until) {
		t.Errorf("the kept catalog's clock span %v, built %v", clock2.Span(), clock1.Span())
	}
	other := in
	other.SiteTitle = "Autre"
	if v3, _ := m.build(tree, other, view.NewClock(now), nil, func([]decodeKey) {}); v3 == v1 {
		t.Error("another site title: not built again")
	}
	moved := other
	moved.URLs = catalogURLs{&Site{Config: &config.Config{BaseURL: "https://ailleurs.example.fr/"}}}
	if v5, _ := m.build(tree, moved, view.NewClock(now), nil, func([]decodeKey) {}); v5 == v1 || v5 == nil {
		t.Error("another base URL: not built again")
	}
	prog := files[len(files)-1] // a programme, after _index.md and _vocabulary.yaml
	fsys[prog] = &fstest.MapFile{Data: append(slices.Clone(fsys[prog].Data), "\nAjout.\n"...)}
	edited, _ := load.Reload(fsys, tree, []string{prog})
	m.build(tree, other, view.NewClock(now), nil, func([]decodeKey) {})
	if v4, _ := m.build(edited, other, view.NewClock(now), nil, func([]decodeKey) {}); v4 == v1 || v4 == nil {
		t.Error("a programme edited: not built again")
	}
}
