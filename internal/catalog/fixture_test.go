package catalog

import (
	"bytes"
	"maps"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/relais-ecoles/relais/internal/diag"
	"github.com/relais-ecoles/relais/internal/load"
)

func fixtureTree(files map[string][]byte) *load.Tree {
	t := &load.Tree{}
	for _, p := range slices.Sorted(maps.Keys(files)) {
		t.Files = append(t.Files, &load.File{Path: p, Data: files[p]})
	}
	return t
}

func TestGenerateFixture(t *testing.T) {
	files := GenerateFixture(300, 7)
	if len(files) != 301 {
		t.Fatalf("got %d files, want 300 programmes and the vocabulary", len(files))
	}
	c, errs := Decode(fixtureTree(files))
	if len(errs) > 0 {
		t.Fatalf("the fixture does not decode:\n%v", errs)
	}
	if len(c.Programmes) != 300 {
		t.Errorf("got %d programmes", len(c.Programmes))
	}
	if len(Week(c)) == 0 || len(c.Facets()) == 0 || len(c.Combos()) == 0 {
		t.Error("the fixture must exercise the grid, the facets and the combos")
	}
	if !maps.EqualFunc(files, GenerateFixture(300, 7), bytes.Equal) {
		t.Error("same seed, different bytes")
	}
	if maps.EqualFunc(files, GenerateFixture(300, 8), bytes.Equal) {
		t.Error("another seed gives the same fixture")
	}
}

// TestFixtureVocabularyIsShipped keeps fixture.go's copy of the vocabulary
// equal to content/programmes/_vocabulary.yaml.
func TestFixtureVocabularyIsShipped(t *testing.T) {
	tr := shippedTree(t)
	f := tr.Get(VocabularyPath)
	if f == nil {
		t.Fatal("no shipped vocabulary")
	}
	shipped, errs := DecodeVocabulary(f)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	fixture, err := decodeVocabularyText(fixtureVocabulary)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(shipped, fixture, cmpopts.IgnoreTypes(diag.Pos{})); diff != "" {
		t.Errorf("fixtureVocabulary differs from %s: copy the file into fixture.go (-shipped +fixture):\n%s", VocabularyPath, diff)
	}
}

func BenchmarkDecode5000(b *testing.B) {
	tr := fixtureTree(GenerateFixture(5000, 1))
	b.ReportAllocs()
	for b.Loop() {
		c, errs := Decode(tr)
		if len(errs) > 0 {
			b.Fatal(errs)
		}
		_ = c.Facets()
		_ = c.Combos()
		_ = Week(c)
		_ = Index(c)
	}
}
