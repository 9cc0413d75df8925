package tag

import "slices"

// rows holds rows of nc sums, stored in blocks that never move, so that
// adding one copies nothing else and leaves no garbage.
type rows[T int16 | int32] struct {
	nc     int
	n      int32 // rows in use
	blocks [][]T // blockRows rows each
}

// blockRows is the number of rows of a block.
const blockRows = 64

// reset empties r for rows of nc sums, keeping its blocks when nc is
// unchanged.
func (r *rows[T]) reset(nc int) {
	if r.nc != nc {
		r.blocks = nil
	}
	r.nc, r.n = nc, 0
}

// len returns the number of rows.
func (r *rows[T]) len() int { return int(r.n) }

// row returns row i.
func (r *rows[T]) row(i int32) []T {
	o := int(i%blockRows) * r.nc
	return r.blocks[i/blockRows][o : o+r.nc : o+r.nc]
}

// add appends a row of the sums src (which must fit in T) and returns its
// index.
func (r *rows[T]) add(src []int32) int32 {
	i := r.n
	if int(i/blockRows) == len(r.blocks) {
		r.blocks = append(r.blocks, make([]T, blockRows*r.nc))
	}
	r.n++
	dst := r.row(i)
	for c, x := range src[:len(dst)] {
		dst[c] = T(x)
	}
	return i
}

// keep keeps only the rows that the indices of ats (-1 or less: no row)
// point to, moved to the front in their order, and updates the indices.
func (r *rows[T]) keep(ats ...[]int32) {
	var refs []*int32
	for _, at := range ats {
		for k := range at {
			if at[k] >= 0 {
				refs = append(refs, &at[k])
			}
		}
	}
	slices.SortFunc(refs, func(a, b *int32) int { return int(*a - *b) })
	for j, p := range refs {
		if o := *p; o != int32(j) {
			copy(r.row(int32(j)), r.row(o))
			*p = int32(j)
		}
	}
	r.n = int32(len(refs))
}
