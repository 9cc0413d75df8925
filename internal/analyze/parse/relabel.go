package parse

import "github.com/dateline-news/dateline/internal/linear"

// The relabeller chooses the relation of every arc again once the tree is
// finished, when the dependent's own dependents (its case marker, its "to",
// its auxiliaries, its subject) and its siblings are known, which the
// labeller that names an arc as the arc is made cannot see.

// tree is a finished tree with its dependents in order: the dependents of
// h are kids[start[h]:start[h+1]].
type tree struct {
	start []int32
	kids  []int32
	fill  []int32
}

// build indexes the dependents of heads (0..n, heads[0] unused).
func (t *tree) build(heads []int32) {
	n := len(heads)
	t.start = growI(t.start, n+1)
	t.fill = growI(t.fill, n+1)
	t.kids = growI(t.kids, n)
	clear(t.start)
	for d := 1; d < n; d++ {
		if h := heads[d]; h >= 0 && int(h) < n {
			t.start[h+1]++
		}
	}
	for h := 1; h <= n; h++ {
		t.start[h] += t.start[h-1]
	}
	copy(t.fill, t.start)
	for d := 1; d < n; d++ {
		if h := heads[d]; h >= 0 && int(h) < n {
			t.kids[t.fill[h]] = int32(d)
			t.fill[h]++
		}
	}
}

func (t *tree) of(h int32) []int32 { return t.kids[t.start[h]:t.start[h+1]] }

func growI(a []int32, n int) []int32 {
	if cap(a) < n {
		return make([]int32, n)
	}
	return a[:n]
}

// relabelFeatures writes the keys of the features that choose the relation
// of the arc heads[d] -> d of a finished tree (heads 1..n+1, n+1 the root).
func relabelFeatures(x *sentence, heads []int32, t *tree, d int32, keys []uint64) []uint64 {
	keys = keys[:0]
	h := heads[d]
	n := int32(len(x.w) - 1)
	hw, hp, dw, dp := x.w[h], x.p[h], x.w[d], x.p[d]
	hu, du := x.u[h], x.u[d]
	dir := uint64(0)
	if d < h {
		dir = 1
	}
	ds := dist(h, d)
	P := func(i int32) uint64 {
		if i < 0 || i > n {
			return noneP
		}
		return x.p[i]
	}
	var tmpl uint64 = 2000
	k := func(a, b, c uint64) {
		tmpl++
		keys = append(keys, linear.Mix(tmpl, a, b, c))
	}
	k(0, 0, 0)
	k(hw, 0, 0)
	k(hp, 0, 0)
	k(dw, 0, 0)
	k(dp, 0, 0)
	k(hp, dp, dir)
	k(hw, dp, dir)
	k(hp, dw, dir)
	k(hw, dw, dir)
	k(hp, dp, ds<<1|dir)
	k(hu, du, dir)
	k(dp, x.suf[d], dir)
	k(hp, x.c[d], dir)
	k(x.c[h], dp, dir)
	k(dp, P(d-1), P(d+1))
	k(hp, dp, P(heads[h]))
	if int(h) == len(heads)-1 {
		k(dp, 1, 0)
	}
	// the dependent's dependents: each one's tag and side, function words
	// by form; their tag set
	var set uint64
	first, last := int32(-1), int32(-1)
	for _, c := range t.of(d) {
		side := uint64(0)
		if c < d {
			side = 1
		}
		set |= 1 << (x.p[c] & 63)
		k(dp, x.p[c], side|dir<<1)
		k(du, x.w[c], side)
		k(hp, dp, x.w[c])
		if first < 0 {
			first = c
		}
		last = c
	}
	k(dp, set, dir)
	k(hp, dp, set)
	k(dp, P(first), P(last))
	// siblings: the nearest dependents of h on either side of d, and how
	// many dependents h has on d's side before it
	kids := t.of(h)
	before, after := int32(-1), int32(-1)
	var hset uint64
	for _, c := range kids {
		hset |= 1 << (x.p[c] & 63)
		if c < d {
			before = c
		} else if c > d && after < 0 {
			after = c
		}
	}
	k(hp, dp, P(before))
	k(hp, dp, P(after))
	k(hu, du, hset)
	k(dw, P(before), dir)
	return keys
}

// relabel replaces the relation of every non-root arc of sc.st.
func (m *Model) relabel(sc *scratch) {
	st := &sc.st
	sc.tr.build(st.head)
	for d := int32(1); d <= int32(st.n); d++ {
		if st.head[d] < 0 || st.head[d] == st.root() {
			continue
		}
		sc.keys = relabelFeatures(&sc.x, st.head, &sc.tr, d, sc.keys)
		clear(sc.lscore)
		m.rel.Score(sc.keys, sc.lscore)
		st.label[d] = int32(argmaxExcept(sc.lscore, int(m.root)))
	}
}
