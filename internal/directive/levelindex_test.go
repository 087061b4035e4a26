package directive

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestLevelIndex checks that the index of a list by level gives what
// ForLevel gives, in the same order.
func TestLevelIndex(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	levels := []string{"cp", "ce1", "6e", "4e", "terminale"}
	audiences := []string{"eleves", "parents", "tous", "enseignants"}
	var ds []*View
	for i := range 200 {
		d := &Directive{Slug: fmt.Sprint(i)}
		for range r.IntN(3) {
			d.Levels = append(d.Levels, levels[r.IntN(len(levels))])
		}
		for range 1 + r.IntN(2) {
			d.Audiences = append(d.Audiences, audiences[r.IntN(len(audiences))])
		}
		ds = append(ds, &View{Directive: d})
	}
	x := NewLevelIndex(ds)
	for _, l := range append(levels, "2nde") {
		slug := func(vs []*View) []string {
			var out []string
			for _, v := range vs {
				out = append(out, v.Slug)
			}
			return out
		}
		if diff := cmp.Diff(slug(ForLevel(ds, l)), slug(x.ForLevel(l))); diff != "" {
			t.Errorf("level %s (-forLevel +index):\n%s", l, diff)
		}
	}
}
