package order

import (
	"slices"
	"testing"
)

func TestSort(t *testing.T) {
	t.Parallel()
	type item struct{ key, id string }
	key := func(it item) string { return it.key }
	var o Kept
	for _, tc := range []struct {
		name  string
		items []item
		want  []string // ids
	}{
		{"first", []item{{"b", "1"}, {"a", "2"}, {"b", "3"}}, []string{"2", "1", "3"}},
		{"same keys, other items", []item{{"b", "4"}, {"a", "5"}, {"b", "6"}}, []string{"5", "4", "6"}},
		{"other order", []item{{"a", "7"}, {"c", "8"}, {"b", "9"}}, []string{"7", "9", "8"}},
		{"fewer", []item{{"z", "10"}}, []string{"10"}},
		{"none", nil, nil},
	} {
		var ids []string
		for _, it := range Sort(&o, tc.items, key) {
			ids = append(ids, it.id)
		}
		if !slices.Equal(ids, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, ids, tc.want)
		}
	}
}
