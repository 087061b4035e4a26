package site

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/relais-ecoles/relais/internal/directive"
)

// TestLevelIndex checks that the index of a list by level gives what
// forLevel gives, in the same order.
func TestLevelIndex(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	levels := []string{"cp", "ce1", "6e", "4e", "terminale"}
	audiences := []string{"eleves", "parents", "tous", "enseignants"}
	var ds []*DirectiveView
	for i := range 200 {
		d := &directive.Directive{Slug: fmt.Sprint(i)}
		for range r.IntN(3) {
			d.Levels = append(d.Levels, levels[r.IntN(len(levels))])
		}
		for range 1 + r.IntN(2) {
			d.Audiences = append(d.Audiences, audiences[r.IntN(len(audiences))])
		}
		ds = append(ds, &DirectiveView{Directive: d})
	}
	x := newLevelIndex(ds)
	for _, l := range append(levels, "2nde") {
		slug := func(vs []*DirectiveView) []string {
			var out []string
			for _, v := range vs {
				out = append(out, v.Slug)
			}
			return out
		}
		if diff := cmp.Diff(slug(forLevel(ds, l)), slug(x.forLevel(l))); diff != "" {
			t.Errorf("level %s (-forLevel +index):\n%s", l, diff)
		}
	}
}
