package tag

import (
	"slices"
	"testing"
)

// TestRowsKeep fills rows across blocks, keeps some, and checks that each
// index kept points to its row's sums, moved to the front in order.
func TestRowsKeep(t *testing.T) {
	const nc = 3
	for _, tc := range []struct {
		n    int
		keep func(i int) bool
	}{
		{0, func(int) bool { return true }},
		{5, func(int) bool { return true }},
		{5, func(int) bool { return false }},
		{blockRows + 7, func(i int) bool { return i%3 == 0 }},
		{3*blockRows + 1, func(i int) bool { return i > blockRows }},
		{2 * blockRows, func(i int) bool { return i%blockRows == blockRows-1 }},
	} {
		var r rows[int16]
		r.reset(nc)
		// Two index lists, the rows in interleaved order, some -1 and
		// noRow entries.
		a, b := []int32{-1}, []int32{noRow}
		for i := range tc.n {
			got := r.add([]int32{int32(i), int32(-i), 7})
			if got != int32(i) {
				t.Fatalf("add %d returned %d", i, got)
			}
			if i%2 == 0 {
				a = append(a, got)
			} else {
				b = append(b, got)
			}
		}
		want := map[*int32][]int16{}
		for _, at := range [][]int32{a, b} {
			for k := range at {
				if at[k] < 0 {
					continue
				}
				if !tc.keep(int(at[k])) {
					at[k] = -1
					continue
				}
				want[&at[k]] = slices.Clone(r.row(at[k]))
			}
		}
		r.keep(a, b)
		if r.len() != len(want) {
			t.Errorf("n %d: %d rows kept, want %d", tc.n, r.len(), len(want))
		}
		seen := map[int32]bool{}
		for p, sums := range want {
			if *p < 0 || int(*p) >= r.len() || seen[*p] || !slices.Equal(r.row(*p), sums) {
				t.Errorf("n %d: row %d has %v, want %v", tc.n, *p, r.row(*p), sums)
			}
			seen[*p] = true
		}
		if a[0] != -1 || b[0] != noRow {
			t.Errorf("n %d: marks changed to %d, %d", tc.n, a[0], b[0])
		}
	}
}
