package load_test

import (
	"path"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/relais-ecoles/relais/internal/fixture"
	"github.com/relais-ecoles/relais/internal/load"
)

// BenchmarkFrontMatter parses the front matters of a generated site with
// the fast path (falling back to the library as load.Front does), and with
// the library alone.
func BenchmarkFrontMatter(b *testing.B) {
	fx := fixture.Generate(fixture.Options{Directives: 2000, Programmes: 500, Guides: 30, Seed: 7})
	var fronts [][]byte
	for p, data := range fx.Files {
		if path.Ext(p) == ".md" {
			if front, _, _, _, closed := load.SplitFront(data); closed {
				fronts = append(fronts, front)
			}
		}
	}
	b.Run("fast", func(b *testing.B) {
		for b.Loop() {
			for _, f := range fronts {
				if _, ok := load.FastFront(f); !ok {
					var n yaml.Node
					_ = yaml.Unmarshal(f, &n)
				}
			}
		}
	})
	b.Run("library", func(b *testing.B) {
		for b.Loop() {
			for _, f := range fronts {
				var n yaml.Node
				_ = yaml.Unmarshal(f, &n)
			}
		}
	})
}
