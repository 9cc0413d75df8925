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
// numbered 1..n, with the artificial root at the end of the buffer, as word
// n+1 (Ballesteros and Nivre 2013): the root takes its dependents last,
// once the whole sentence has been seen, instead of committing to the main
// word of the sentence early. Index 0 is unused.
type state struct {
	n     int
	stack []int32
	b     int32 // first word of the buffer; the buffer is b..n+1
	head  []int32
	label []int32
	// children: leftmost and second leftmost, rightmost and second rightmost
	lc1, lc2, rc1, rc2 []int32
	nl, nr             []int32  // number of left and right children
	lset, rset         []uint64 // bit sets of the labels of left and right children
}

// root returns the index of the artificial root.
func (s *state) root() int32 { return int32(s.n + 1) }

func (s *state) reset(n int) {
	s.n = n
	s.stack = s.stack[:0]
	s.b = 1
	grow := func(a []int32, v int32) []int32 {
		if cap(a) < n+2 {
			a = make([]int32, n+2)
		}
		a = a[:n+2]
		for i := range a {
			a[i] = v
		}
		return a
	}
	s.head = grow(s.head, -1)
	s.label = grow(s.label, -1)
	s.lc1, s.lc2, s.rc1, s.rc2 = grow(s.lc1, -1), grow(s.lc2, -1), grow(s.rc1, -1), grow(s.rc2, -1)
	s.nl, s.nr = grow(s.nl, 0), grow(s.nr, 0)
	if cap(s.lset) < n+2 {
		s.lset = make([]uint64, n+2)
		s.rset = make([]uint64, n+2)
	}
	s.lset, s.rset = s.lset[:n+2], s.rset[:n+2]
	clear(s.lset)
	clear(s.rset)
}

// done reports whether the parse is over: only the root is left.
func (s *state) done() bool { return s.b == s.root() && len(s.stack) == 0 }

// s0 returns the top of the stack, -1 when it is empty.
func (s *state) s0() int32 {
	if len(s.stack) == 0 {
		return -1
	}
	return s.stack[len(s.stack)-1]
}

// valid reports which transitions the configuration allows.
func (s *state) valid(t int) bool {
	if s.done() {
		return false
	}
	s0 := s.s0()
	switch t {
	case shift:
		return s.b != s.root()
	case reduce:
		return s0 >= 0 && s.head[s0] >= 0
	case left:
		return s0 >= 0 && s.head[s0] < 0
	case right:
		return s0 >= 0 && s.b != s.root()
	}
	return false
}

// forced returns the transition when the configuration allows only one:
// shift with an empty stack, and reduce or left-arc (whichever s0 lacks or
// has a head for) once the buffer holds only the root.
func (s *state) forced() (int, bool) {
	t, n := 0, 0
	for c := range nTrans {
		if s.valid(c) {
			t = c
			n++
		}
	}
	return t, n == 1
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

// cost is the number of gold arcs (gold heads gh, the root as n+1) that
// transition t makes unreachable: the arc-eager dynamic oracle of Goldberg
// and Nivre (2012), exact for projective gold trees.
func (s *state) cost(t int, gh []int32) int {
	s0, b := s.s0(), s.b
	r := s.root()
	inBuf := func(k int32) bool { return k >= b && k <= r }
	c := 0
	switch t {
	case left:
		if g := gh[s0]; g != b && inBuf(g) {
			c++
		}
		for k := b; k < r; k++ {
			if gh[k] == s0 {
				c++
			}
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
		for k := b; k < r; k++ {
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

// finish leaves the root with one dependent: when several words were left
// to it, the leftmost stays, the others attach to it.
func (s *state) finish(labelFor func(h, d int32) int32, rootLabel int32) {
	r := s.root()
	top := int32(-1)
	for d := int32(1); d < r; d++ {
		if s.head[d] < 0 { // only when the parse was cut short
			s.addArc(r, d, rootLabel)
		}
		if s.head[d] != r {
			continue
		}
		if top < 0 {
			top = d
			s.label[d] = rootLabel
			continue
		}
		s.head[d] = top
		s.label[d] = labelFor(top, d)
	}
}
