package guide

import (
	"slices"
	"testing"
)

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
		if got := Neighbours(items, tc.i, 3); !slices.Equal(got, tc.want) {
			t.Errorf("Neighbours(%d) = %v, want %v", tc.i, got, tc.want)
		}
	}
	if got := Neighbours([]int{7}, 0, 3); len(got) != 0 {
		t.Errorf("Neighbours of a lone item = %v", got)
	}
}
