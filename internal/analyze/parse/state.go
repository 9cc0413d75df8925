package parse

// Arc-eager transitions.
const (
	shift = iota
	reduce
	left  // s0 <- b0, pop s0
	right // s0 -> b0, push b0
	nTrans
)

// state is an arc-eager parser configuration over a sentence of n words,
// numbered 1..n, with 0 the artificial root.
type state struct {
	n     int
	stack []int32
	b     int32 // first word of the buffer; the buffer is b..n
	head  []int32
	label []int32
	// children: leftmost and second leftmost, rightmost and second rightmost
	lc1, lc2, rc1, rc2 []int32
	nl, nr             []int32  // number of left and right children
	lset, rset         []uint64 // bit sets of the labels of left and right children
	rootKids           int
}

func (s *state) reset(n int) {
	s.n = n
	s.stack = append(s.stack[:0], 0)
	s.b = 1
	s.rootKids = 0
	grow := func(a []int32, v int32) []int32 {
		if cap(a) < n+1 {
			a = make([]int32, n+1)
		}
		a = a[:n+1]
		for i := range a {
			a[i] = v
		}
		return a
	}
	s.head = grow(s.head, -1)
	s.label = grow(s.label, -1)
	s.lc1, s.lc2, s.rc1, s.rc2 = grow(s.lc1, -1), grow(s.lc2, -1), grow(s.rc1, -1), grow(s.rc2, -1)
	s.nl, s.nr = grow(s.nl, 0), grow(s.nr, 0)
	if cap(s.lset) < n+1 {
		s.lset = make([]uint64, n+1)
		s.rset = make([]uint64, n+1)
	}
	s.lset, s.rset = s.lset[:n+1], s.rset[:n+1]
	clear(s.lset)
	clear(s.rset)
}

func (s *state) done() bool { return int(s.b) > s.n }

func (s *state) s0() int32 { return s.stack[len(s.stack)-1] }

// valid reports which transitions the configuration allows.
func (s *state) valid(t int) bool {
	if s.done() {
		return false
	}
	s0 := s.s0()
	switch t {
	case shift:
		return true
	case reduce:
		return s0 != 0 && s.head[s0] >= 0
	case left:
		return s0 != 0 && s.head[s0] < 0
	case right:
		return s0 != 0 || s.rootKids == 0
	}
	return false
}

func (s *state) addArc(h, d, l int32) {
	s.head[d] = h
	s.label[d] = l
	bit := uint64(1) << (uint(l) & 63)
	if d < h {
		s.lc2[h] = s.lc1[h]
		s.lc1[h] = d
		s.nl[h]++
		s.lset[h] |= bit
	} else {
		s.rc2[h] = s.rc1[h]
		s.rc1[h] = d
		s.nr[h]++
		s.rset[h] |= bit
	}
	if h == 0 {
		s.rootKids++
	}
}

// apply performs transition t; for arcs, l is the label.
func (s *state) apply(t int, l int32) {
	switch t {
	case shift:
		s.stack = append(s.stack, s.b)
		s.b++
	case reduce:
		s.stack = s.stack[:len(s.stack)-1]
	case left:
		s0 := s.s0()
		s.addArc(s.b, s0, l)
		s.stack = s.stack[:len(s.stack)-1]
	case right:
		s.addArc(s.s0(), s.b, l)
		s.stack = append(s.stack, s.b)
		s.b++
	}
}

// cost is the number of gold arcs (gold heads gh) that transition t makes
// unreachable: the arc-eager dynamic oracle of Goldberg and Nivre (2012),
// exact for projective gold trees.
func (s *state) cost(t int, gh []int32) int {
	s0, b := s.s0(), s.b
	n := int32(s.n)
	inBuf := func(k int32) bool { return k >= b && k <= n }
	c := 0
	switch t {
	case left:
		if g := gh[s0]; g != b && inBuf(g) {
			c++
		}
		for k := b + 1; k <= n; k++ { // b itself is s0's head now, not a dependent
			if gh[k] == s0 {
				c++
			}
		}
		if gh[b] == s0 {
			c++
		}
	case right:
		g := gh[b]
		if g != s0 && (inBuf(g) || s.onStack(g)) {
			c++
		}
		for _, k := range s.stack {
			if gh[k] == b && s.head[k] < 0 {
				c++
			}
		}
	case reduce:
		for k := b; k <= n; k++ {
			if gh[k] == s0 {
				c++
			}
		}
	case shift:
		if s.onStack(gh[b]) {
			c++
		}
		for _, k := range s.stack {
			if gh[k] == b && s.head[k] < 0 {
				c++
			}
		}
	}
	return c
}

func (s *state) onStack(k int32) bool {
	for _, x := range s.stack {
		if x == k {
			return true
		}
	}
	return false
}

// finish gives every word left without a head one: the first becomes the
// root when there is none, the others attach to the root word.
func (s *state) finish(labelFor func(h, d int32) int32, rootLabel int32) {
	root := s.rc1[0]
	for d := int32(1); d <= int32(s.n); d++ {
		if s.head[d] >= 0 {
			continue
		}
		if root < 0 {
			root = d
			s.addArc(0, d, rootLabel)
			continue
		}
		s.addArc(root, d, labelFor(root, d))
	}
}
