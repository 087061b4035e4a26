// Package order keeps how a list was last sorted, so that a list made
// again of the same keys in the same order (an incremental build's pages
// or outputs after an edit that adds and removes nothing) takes that
// order rather than be sorted again. It is a leaf: it imports nothing of
// relais.
package order

import (
	"cmp"
	"slices"
)

// Kept is how a list was last sorted: its keys in the order they came,
// and for each place of the sorted list the index of its item in that
// order. The zero Kept is ready to use; a Kept is not safe for concurrent
// use.
type Kept struct {
	keys []string
	perm []int
}

// Sort returns a new slice of items sorted by key, stably (items of one
// key keep their order): the order kept from the last call when the keys
// came the same, in the same order.
func Sort[T any](o *Kept, items []T, key func(T) string) []T {
	same := len(o.keys) == len(items)
	for i := 0; same && i < len(items); i++ {
		same = key(items[i]) == o.keys[i]
	}
	if !same {
		o.keys = make([]string, len(items))
		o.perm = make([]int, len(items))
		for i, it := range items {
			o.keys[i] = key(it)
			o.perm[i] = i
		}
		slices.SortStableFunc(o.perm, func(i, j int) int { return cmp.Compare(o.keys[i], o.keys[j]) })
	}
	sorted := make([]T, len(items))
	for k, i := range o.perm {
		sorted[k] = items[i]
	}
	return sorted
}
