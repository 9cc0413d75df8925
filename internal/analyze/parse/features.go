package parse

import "github.com/dateline-news/dateline/internal/linear"

// FNV-1a over bytes.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashLower(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

// wordHash is the word identity the parser sees: the lowercased form, with
// every number folded into its shape class.
func wordHash(s string) uint64 {
	digits := false
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			digits = true
			break
		}
	}
	if !digits {
		return hashLower(s)
	}
	h := uint64(fnvOffset) ^ 0x55
	var last byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			c = 'd'
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			c = 'x'
		}
		if c != last {
			h = (h ^ uint64(c)) * fnvPrime
			last = c
		}
	}
	return h
}

// pair combines two values into one.
func pair(a, b uint64) uint64 { return (a^0x2545F4914F6CDD1D)*fnvPrime*31 ^ b }

// Sentinels for absent positions.
const (
	noneW = 0x6e6f6e65
	noneP = 0xFFFF
	noneL = 0xFFFE
)

// sentence is the parser's view of the words 1..n; n+1 is the root, 0 is
// unused.
type sentence struct {
	w   []uint64 // word hashes
	p   []uint64 // XPOS ids
	u   []uint64 // UPOS ids
	suf []uint64 // last three bytes of the lowercased form
	c   []uint64 // fine word cluster (0: none)
	cm  []uint64 // mid word cluster
}

func dist(a, b int32) uint64 {
	d := b - a
	if d < 0 {
		d = -d
	}
	switch {
	case d < 5:
		return uint64(d)
	case d < 10:
		return 5
	}
	return 6
}

func capv(v int32) uint64 { return uint64(min(v, 5)) }

// features writes the feature keys of configuration st into keys: the
// feature set of Zhang and Nivre (2011) with a few additions.
func features(x *sentence, st *state, keys []uint64) []uint64 {
	keys = keys[:0]
	s0 := st.s0()
	n0 := int32(-1)
	if !st.done() {
		n0 = st.b
	}
	n1, n2 := int32(-1), int32(-1)
	if n0 >= 0 && n0+1 <= st.root() {
		n1 = n0 + 1
	}
	if n1 >= 0 && n1+1 <= st.root() {
		n2 = n1 + 1
	}
	s1 := int32(-1)
	if len(st.stack) > 1 {
		s1 = st.stack[len(st.stack)-2]
	}
	W := func(i int32) uint64 {
		if i < 0 {
			return noneW
		}
		return x.w[i]
	}
	P := func(i int32) uint64 {
		if i < 0 {
			return noneP
		}
		return x.p[i]
	}
	L := func(i int32) uint64 {
		if i < 0 || st.label[i] < 0 {
			return noneL
		}
		return uint64(st.label[i])
	}
	at := func(a []int32, i int32) int32 {
		if i < 0 {
			return -1
		}
		return a[i]
	}
	s0h := at(st.head, s0)
	s0h2 := at(st.head, s0h)
	s0l, s0l2, s0r, s0r2 := at(st.lc1, s0), at(st.lc2, s0), at(st.rc1, s0), at(st.rc2, s0)
	n0l, n0l2 := at(st.lc1, n0), at(st.lc2, n0)

	s0w, s0p, n0w, n0p := W(s0), P(s0), W(n0), P(n0)
	n1w, n1p, n2w, n2p := W(n1), P(n1), W(n2), P(n2)
	s0wp, n0wp := pair(s0w, s0p), pair(n0w, n0p)
	d := uint64(7)
	if s0 >= 0 && n0 >= 0 {
		d = dist(s0, n0)
	}
	var s0vl, s0vr, n0vl uint64
	var s0sl, s0sr, n0sl uint64
	if s0 >= 0 {
		s0vl, s0vr, s0sl, s0sr = capv(st.nl[s0]), capv(st.nr[s0]), st.lset[s0], st.rset[s0]
	}
	if n0 >= 0 {
		n0vl, n0sl = capv(st.nl[n0]), st.lset[n0]
	}
	hasHead := uint64(0)
	if s0h >= 0 {
		hasHead = 1
	}
	var t uint64
	k := func(a, b, c uint64) {
		t++
		keys = append(keys, linear.Mix(t, a, b, c))
	}
	// single words
	k(s0wp, 0, 0)
	k(s0w, 0, 0)
	k(s0p, 0, 0)
	k(n0wp, 0, 0)
	k(n0w, 0, 0)
	k(n0p, 0, 0)
	k(n1w, n1p, 0)
	k(n1w, 0, 0)
	k(n1p, 0, 0)
	k(n2w, n2p, 0)
	k(n2w, 0, 0)
	k(n2p, 0, 0)
	// pairs
	k(s0wp, n0wp, 0)
	k(s0wp, n0w, 0)
	k(s0w, n0wp, 0)
	k(s0wp, n0p, 0)
	k(s0p, n0wp, 0)
	k(s0w, n0w, 0)
	k(s0p, n0p, 0)
	k(n0p, n1p, 0)
	// triples
	k(n0p, n1p, n2p)
	k(s0p, n0p, n1p)
	k(P(s0h), s0p, n0p)
	k(s0p, P(s0l), n0p)
	k(s0p, P(s0r), n0p)
	k(s0p, n0p, P(n0l))
	// distance
	k(s0w, d, 0)
	k(s0p, d, 0)
	k(n0w, d, 0)
	k(n0p, d, 0)
	k(s0w, n0w, d)
	k(s0p, n0p, d)
	// valency
	k(s0w, s0vr, 0)
	k(s0p, s0vr, 0)
	k(s0w, s0vl, 0)
	k(s0p, s0vl, 0)
	k(n0w, n0vl, 0)
	k(n0p, n0vl, 0)
	// unigrams of heads and children
	k(W(s0h), 0, 0)
	k(P(s0h), 0, 0)
	k(L(s0), 0, 0)
	k(W(s0l), 0, 0)
	k(P(s0l), 0, 0)
	k(L(s0l), 0, 0)
	k(W(s0r), 0, 0)
	k(P(s0r), 0, 0)
	k(L(s0r), 0, 0)
	k(W(n0l), 0, 0)
	k(P(n0l), 0, 0)
	k(L(n0l), 0, 0)
	// third order
	k(W(s0h2), 0, 0)
	k(P(s0h2), 0, 0)
	k(L(s0h), 0, 0)
	k(W(s0l2), 0, 0)
	k(P(s0l2), 0, 0)
	k(L(s0l2), 0, 0)
	k(W(s0r2), 0, 0)
	k(P(s0r2), 0, 0)
	k(L(s0r2), 0, 0)
	k(W(n0l2), 0, 0)
	k(P(n0l2), 0, 0)
	k(L(n0l2), 0, 0)
	k(s0p, P(s0l), P(s0l2))
	k(s0p, P(s0r), P(s0r2))
	k(s0p, P(s0h), P(s0h2))
	k(n0p, P(n0l), P(n0l2))
	// label sets
	k(s0w, s0sr, 0)
	k(s0p, s0sr, 0)
	k(s0w, s0sl, 0)
	k(s0p, s0sl, 0)
	k(n0w, n0sl, 0)
	k(n0p, n0sl, 0)
	// additions: the second stack word, whether s0 has its head
	k(P(s1), s0p, n0p)
	k(W(s1), P(s1), 0)
	k(hasHead, s0p, n0p)
	k(hasHead, L(s0), n0p)
	k(hasHead, s0wp, n0p)
	k(P(s1), s0p, hasHead)
	// word clusters (Koo et al. 2008; Honnibal and Johnson 2015)
	C := func(i int32) uint64 {
		if i < 0 {
			return noneW
		}
		return x.c[i]
	}
	M := func(i int32) uint64 {
		if i < 0 {
			return noneW
		}
		return x.cm[i]
	}
	s0c, n0c, n1c := C(s0), C(n0), C(n1)
	k(s0c, 0, 0)
	k(n0c, 0, 0)
	k(n1c, 0, 0)
	k(C(s0h), 0, 0)
	k(s0c, n0p, 0)
	k(s0p, n0c, 0)
	k(s0c, n0c, 0)
	k(M(s0), M(n0), 0)
	k(M(s0), M(n0), d)
	k(n0c, n1p, 0)
	k(n0p, n1c, 0)
	k(s0c, n0p, n1p)
	k(s0p, n0c, n1p)
	k(M(s0h), s0p, n0p)
	k(s0p, M(s0l), n0p)
	k(s0p, M(s0r), n0p)
	k(s0p, n0p, M(n0l))
	k(M(s1), s0p, n0p)
	return keys
}

// The parser scores a transition with the 96 templates of features, but 19
// of them read only the word on top of the stack (its form, tags and
// cluster: stackFeatures) or only the front of the buffer (words b, b+1
// and b+2: bufferFeatures). Their weights are summed once per word of the
// sentence, and each transition adds the keys of the other 77
// (configFeatures). The sums are of integers, so the scores are exactly
// those of features (TestSplitFeatures checks that the three give the keys
// of features). The numbers are the templates' (the counter t of
// features), which the keys hash.

// stackFeatures appends the keys of the templates that read only s0, the
// word on top of the stack.
func stackFeatures(x *sentence, s0 int32, keys []uint64) []uint64 {
	w, p := x.w[s0], x.p[s0]
	return append(keys,
		linear.Mix(1, pair(w, p), 0, 0),
		linear.Mix(2, w, 0, 0),
		linear.Mix(3, p, 0, 0),
		linear.Mix(79, x.c[s0], 0, 0),
	)
}

// bufferFeatures appends the keys of the templates that read only the
// front of the buffer, word b (not the root) and the two after it.
func bufferFeatures(x *sentence, b, root int32, keys []uint64) []uint64 {
	n0w, n0p, n1w, n1p := x.w[b], x.p[b], x.w[b+1], x.p[b+1]
	n2w, n2p := uint64(noneW), uint64(noneP)
	if b+2 <= root {
		n2w, n2p = x.w[b+2], x.p[b+2]
	}
	n0c, n1c := x.c[b], x.c[b+1]
	return append(keys,
		linear.Mix(4, pair(n0w, n0p), 0, 0),
		linear.Mix(5, n0w, 0, 0),
		linear.Mix(6, n0p, 0, 0),
		linear.Mix(7, n1w, n1p, 0),
		linear.Mix(8, n1w, 0, 0),
		linear.Mix(9, n1p, 0, 0),
		linear.Mix(10, n2w, n2p, 0),
		linear.Mix(11, n2w, 0, 0),
		linear.Mix(12, n2p, 0, 0),
		linear.Mix(20, n0p, n1p, 0),
		linear.Mix(21, n0p, n1p, n2p),
		linear.Mix(80, n0c, 0, 0),
		linear.Mix(81, n1c, 0, 0),
		linear.Mix(88, n0c, n1p, 0),
		linear.Mix(89, n0p, n1c, 0),
	)
}

// configFeatures appends the keys of the other templates, for a
// configuration with a word on the stack and a word (not the root) at the
// front of the buffer.
func configFeatures(x *sentence, st *state, keys []uint64) []uint64 {
	s0 := st.s0()
	n0 := int32(-1)
	if !st.done() {
		n0 = st.b
	}
	n1 := int32(-1)
	if n0 >= 0 && n0+1 <= st.root() {
		n1 = n0 + 1
	}
	s1 := int32(-1)
	if len(st.stack) > 1 {
		s1 = st.stack[len(st.stack)-2]
	}
	W := func(i int32) uint64 {
		if i < 0 {
			return noneW
		}
		return x.w[i]
	}
	P := func(i int32) uint64 {
		if i < 0 {
			return noneP
		}
		return x.p[i]
	}
	L := func(i int32) uint64 {
		if i < 0 || st.label[i] < 0 {
			return noneL
		}
		return uint64(st.label[i])
	}
	at := func(a []int32, i int32) int32 {
		if i < 0 {
			return -1
		}
		return a[i]
	}
	s0h := at(st.head, s0)
	s0h2 := at(st.head, s0h)
	s0l, s0l2, s0r, s0r2 := at(st.lc1, s0), at(st.lc2, s0), at(st.rc1, s0), at(st.rc2, s0)
	n0l, n0l2 := at(st.lc1, n0), at(st.lc2, n0)

	s0w, s0p, n0w, n0p := W(s0), P(s0), W(n0), P(n0)
	n1p := P(n1)
	s0wp, n0wp := pair(s0w, s0p), pair(n0w, n0p)
	d := uint64(7)
	if s0 >= 0 && n0 >= 0 {
		d = dist(s0, n0)
	}
	var s0vl, s0vr, n0vl uint64
	var s0sl, s0sr, n0sl uint64
	if s0 >= 0 {
		s0vl, s0vr, s0sl, s0sr = capv(st.nl[s0]), capv(st.nr[s0]), st.lset[s0], st.rset[s0]
	}
	if n0 >= 0 {
		n0vl, n0sl = capv(st.nl[n0]), st.lset[n0]
	}
	hasHead := uint64(0)
	if s0h >= 0 {
		hasHead = 1
	}
	k := func(t, a, b, c uint64) { keys = append(keys, linear.Mix(t, a, b, c)) }
	// pairs
	k(13, s0wp, n0wp, 0)
	k(14, s0wp, n0w, 0)
	k(15, s0w, n0wp, 0)
	k(16, s0wp, n0p, 0)
	k(17, s0p, n0wp, 0)
	k(18, s0w, n0w, 0)
	k(19, s0p, n0p, 0)
	// triples
	k(22, s0p, n0p, n1p)
	k(23, P(s0h), s0p, n0p)
	k(24, s0p, P(s0l), n0p)
	k(25, s0p, P(s0r), n0p)
	k(26, s0p, n0p, P(n0l))
	// distance
	k(27, s0w, d, 0)
	k(28, s0p, d, 0)
	k(29, n0w, d, 0)
	k(30, n0p, d, 0)
	k(31, s0w, n0w, d)
	k(32, s0p, n0p, d)
	// valency
	k(33, s0w, s0vr, 0)
	k(34, s0p, s0vr, 0)
	k(35, s0w, s0vl, 0)
	k(36, s0p, s0vl, 0)
	k(37, n0w, n0vl, 0)
	k(38, n0p, n0vl, 0)
	// unigrams of heads and children
	k(39, W(s0h), 0, 0)
	k(40, P(s0h), 0, 0)
	k(41, L(s0), 0, 0)
	k(42, W(s0l), 0, 0)
	k(43, P(s0l), 0, 0)
	k(44, L(s0l), 0, 0)
	k(45, W(s0r), 0, 0)
	k(46, P(s0r), 0, 0)
	k(47, L(s0r), 0, 0)
	k(48, W(n0l), 0, 0)
	k(49, P(n0l), 0, 0)
	k(50, L(n0l), 0, 0)
	// third order
	k(51, W(s0h2), 0, 0)
	k(52, P(s0h2), 0, 0)
	k(53, L(s0h), 0, 0)
	k(54, W(s0l2), 0, 0)
	k(55, P(s0l2), 0, 0)
	k(56, L(s0l2), 0, 0)
	k(57, W(s0r2), 0, 0)
	k(58, P(s0r2), 0, 0)
	k(59, L(s0r2), 0, 0)
	k(60, W(n0l2), 0, 0)
	k(61, P(n0l2), 0, 0)
	k(62, L(n0l2), 0, 0)
	k(63, s0p, P(s0l), P(s0l2))
	k(64, s0p, P(s0r), P(s0r2))
	k(65, s0p, P(s0h), P(s0h2))
	k(66, n0p, P(n0l), P(n0l2))
	// label sets
	k(67, s0w, s0sr, 0)
	k(68, s0p, s0sr, 0)
	k(69, s0w, s0sl, 0)
	k(70, s0p, s0sl, 0)
	k(71, n0w, n0sl, 0)
	k(72, n0p, n0sl, 0)
	// additions: the second stack word, whether s0 has its head
	k(73, P(s1), s0p, n0p)
	k(74, W(s1), P(s1), 0)
	k(75, hasHead, s0p, n0p)
	k(76, hasHead, L(s0), n0p)
	k(77, hasHead, s0wp, n0p)
	k(78, P(s1), s0p, hasHead)
	// word clusters (Koo et al. 2008; Honnibal and Johnson 2015)
	C := func(i int32) uint64 {
		if i < 0 {
			return noneW
		}
		return x.c[i]
	}
	M := func(i int32) uint64 {
		if i < 0 {
			return noneW
		}
		return x.cm[i]
	}
	s0c, n0c := C(s0), C(n0)
	k(82, C(s0h), 0, 0)
	k(83, s0c, n0p, 0)
	k(84, s0p, n0c, 0)
	k(85, s0c, n0c, 0)
	k(86, M(s0), M(n0), 0)
	k(87, M(s0), M(n0), d)
	k(90, s0c, n0p, n1p)
	k(91, s0p, n0c, n1p)
	k(92, M(s0h), s0p, n0p)
	k(93, s0p, M(s0l), n0p)
	k(94, s0p, M(s0r), n0p)
	k(95, s0p, n0p, M(n0l))
	k(96, M(s1), s0p, n0p)
	return keys
}

// labelFeatures writes the keys of the features that choose the label of
// the arc h -> d. Feature set 1 adds the forms of d's nearest children (its
// case marker, its "to", its complementiser: a left-arc's dependent is
// complete, a right-arc's has all its left children), the relations of h's
// outer children (a subject already there, the object before an oblique),
// the mid clusters, the word before d, and distance with the head's form;
// set 2 the tags of s1, n1 and the head's head with the arc's tags, and
// the UPOS pair with distance.
func labelFeatures(x *sentence, st *state, h, d int32, set int, keys []uint64) []uint64 {
	keys = keys[:0]
	hw, hp, dw, dp := x.w[h], x.p[h], x.w[d], x.p[d]
	dir := uint64(0)
	if d < h {
		dir = 1
	}
	if h == st.root() {
		dir = 2
	}
	ds := dist(h, d)
	P := func(i int32) uint64 {
		if i < 0 || i > st.root() {
			return noneP
		}
		return x.p[i]
	}
	L := func(i int32) uint64 {
		if i < 0 || st.label[i] < 0 {
			return noneL
		}
		return uint64(st.label[i])
	}
	var t uint64
	k := func(a, b, c uint64) {
		t++
		keys = append(keys, linear.Mix(t+1000, a, b, c))
	}
	k(0, 0, 0)
	k(hw, 0, 0)
	k(hp, 0, 0)
	k(dw, 0, 0)
	k(dp, 0, 0)
	k(hp, dp, dir)
	k(hw, dp, dir)
	k(hp, dw, dir)
	k(hw, dw, 0)
	k(hp, dp, ds<<2|dir)
	k(x.u[h], x.u[d], dir)
	k(dp, x.suf[d], dir)
	k(dp, L(st.lc1[d]), P(st.lc1[d]))
	k(dp, L(st.rc1[d]), P(st.rc1[d]))
	k(hp, st.lset[h], dir)
	k(hp, st.rset[h], dir)
	k(hp, dp, P(st.head[h]))
	k(hp, dp, L(h))
	k(dp, P(d-1), P(d+1))
	k(dw, dir, 0)
	k(hp, dp, P(d+1))
	k(dp, st.lset[d], st.rset[d])
	k(hp, x.c[d], dir)
	k(x.c[h], dp, dir)
	if set < 1 {
		return keys
	}
	W := func(i int32) uint64 {
		if i < 0 {
			return noneW
		}
		return x.w[i]
	}
	dl, dr := st.lc1[d], st.rc1[d]
	k(hw, dw, dir)
	k(dp, W(dl), dir)
	k(dp, W(dr), dir)
	k(hp, dp, W(dl))
	k(hp, x.u[d], W(dr))
	k(hp, dp, L(st.lc1[h])<<16|L(st.rc1[h]))
	k(x.cm[d], hp, dir)
	k(x.cm[h], dp, dir)
	k(dp, x.w[d-1], dir)
	k(x.u[d], ds<<2|dir, 0)
	k(hw, dp, ds<<2|dir)
	k(hp, x.suf[d], dir)
	if set < 2 {
		return keys
	}
	// Set 2 reads the surroundings of the arc in the configuration: the
	// word under the top of the stack (s1), the word after the front of
	// the buffer (n1), the head's head, and the UPOS pair with distance.
	s1, n1 := int32(-1), st.b+1
	if len(st.stack) > 1 {
		s1 = st.stack[len(st.stack)-2]
	}
	hh := int32(-1)
	if g := st.head[h]; g >= 0 {
		hh = st.head[g]
	}
	k(x.u[h], x.u[d], ds<<2|dir)
	k(hp, dp, P(s1)<<2|dir)
	k(hp, dp, P(n1)<<2|dir)
	k(hp, dp, P(hh)<<2|dir)
	k(dw, P(n1), dir)
	k(hw, L(h), dir)
	k(x.u[d], P(s1), P(n1))
	return keys
}
