package site

import (
	"cmp"
	"slices"

	"github.com/relais-ecoles/relais/internal/view"
)

// LeftOut is a document that a build did not publish, or that it took out
// of the lists: nothing leaves the site silently (view.LeftOut).
type LeftOut = view.LeftOut

// sortLeftOut orders the notes by file, then reason, so that every build
// prints them in the same order.
func sortLeftOut(l []LeftOut) {
	slices.SortFunc(l, func(a, b LeftOut) int {
		if c := cmp.Compare(a.Path, b.Path); c != 0 {
			return c
		}
		return cmp.Compare(a.Why, b.Why)
	})
}
