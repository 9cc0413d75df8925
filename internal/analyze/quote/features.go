package quote

import (
	"unicode"
	"unicode/utf8"
)

// Labels of the sequence model: BIO over the three roles. A token belongs
// to at most one role (PolNeAR's annotations are univocal).
const (
	lO = iota
	lBSrc
	lISrc
	lBCue
	lICue
	lBCon
	lICon
	nLabels
)

var labelNames = [nLabels]string{"O", "B-SRC", "I-SRC", "B-CUE", "I-CUE", "B-CON", "I-CON"}

// roleOf maps a label to its role: 0 none, 1 source, 2 cue, 3 content.
func roleOf(l uint8) uint8 { return (l + 1) / 2 }

// allowed reports whether label b may follow label a.
func allowed(a, b uint8) bool {
	if b == lISrc || b == lICue || b == lICon {
		return a == b || a == b-1
	}
	return true
}

// FNV-1a over a template number and strings, finished with a mixer.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

type hasher uint64

func newHash(t byte) hasher {
	return hasher((uint64(fnvOffset) ^ uint64(t)) * fnvPrime)
}

func (h hasher) s(str string) hasher {
	x := uint64(h)
	for i := 0; i < len(str); i++ {
		x = (x ^ uint64(str[i])) * fnvPrime
	}
	return hasher((x ^ 0xff) * fnvPrime)
}

func (h hasher) b(v byte) hasher { return hasher((uint64(h) ^ uint64(v)) * fnvPrime) }

func (h hasher) w(v uint16) hasher { return h.b(byte(v)).b(byte(v >> 8)) }

// u mixes in a precomputed string hash (see strHash).
func (h hasher) u(x uint64) hasher { return hasher((uint64(h) ^ x) * fnvPrime) }

// strHash hashes a string once, so that features combine hashes instead of
// bytes.
func strHash(s string) uint64 { return newHash(0xfe).s(s).sum() }

func (h hasher) sum() uint64 {
	x := uint64(h)
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	return x
}

// shape maps a word to a coarse shape: X (capitalised), A (all caps), x
// (lower), d (digits), p (punctuation), m (mixed).
func shape(w string) byte {
	r, _ := utf8.DecodeRuneInString(w)
	switch {
	case w == "":
		return '_'
	case unicode.IsUpper(r):
		up := true
		for _, c := range w {
			if unicode.IsLower(c) {
				up = false
				break
			}
		}
		if up && utf8.RuneCountInString(w) > 1 {
			return 'A'
		}
		return 'X'
	case unicode.IsLower(r):
		return 'x'
	case unicode.IsDigit(r):
		return 'd'
	case unicode.IsPunct(r) || unicode.IsSymbol(r):
		return 'p'
	}
	return 'm'
}

func bucket(d int) byte {
	switch {
	case d <= 0:
		return 0
	case d <= 3:
		return byte(d)
	case d <= 6:
		return 4
	case d <= 10:
		return 5
	case d <= 20:
		return 6
	}
	return 7
}

func suffix(w string, n int) string {
	if len(w) <= n {
		return w
	}
	i := len(w) - n
	for i > 0 && !utf8.RuneStart(w[i]) {
		i--
	}
	return w[i:]
}

// fctx holds the per-document arrays the feature templates read beyond
// the view: the nearest cue words and, in the second stage, the labels of
// the first.
type fctx struct {
	v          *view
	cueL, cueR []int32 // nearest cue token before / after i in its sentence, -1
	s1         []uint8 // first-stage labels; nil in the first stage
	s1L, s1R   []int32 // nearest first-stage cue before / after i in its block, -1
	// Nearest first-stage source and content before / after i in its block.
	srcL, srcR, conL, conR []int32
	sentHas                []uint8 // per sentence: bit 1 source, 2 cue, 4 content in the first stage

	// From the parse, when there is one.
	ancCue  []int32  // the nearest ancestor of i (at most 8 arcs up) that is a cue word, -1
	ancRel  []uint64 // the relation of the child of that ancestor on the path from i (hashed)
	ancDist []uint8  // arcs from i to that ancestor
	kids    []uint16 // bit set of the relations of i's dependents (kidBits)
	ancVerb []int32  // the nearest verb ancestor of i (at most 4 arcs up), -1
	verbRel []uint64 // the relation of the child of that verb on the path (hashed)
}

// kidBits are the dependent relations that tell an attribution's shape.
var kidBits = map[string]uint16{
	"nsubj": 1, "nsubj:pass": 2, "ccomp": 4, "xcomp": 8, "obj": 16, "iobj": 32,
	"parataxis": 64, "mark": 128, "obl": 256, "advcl": 512, "csubj": 1024, "nmod": 2048, "acl": 4096, "acl:relcl": 8192,
}

func newContext(v *view) *fctx {
	c := &fctx{v: v, cueL: make([]int32, v.n), cueR: make([]int32, v.n)}
	if v.parsed {
		c.parseArrays()
	}
	last, lastSent := int32(-1), int32(-2)
	for i := 0; i < v.n; i++ {
		if v.sent[i] != lastSent {
			last, lastSent = -1, v.sent[i]
		}
		c.cueL[i] = last
		if v.cue[i] != cueNone && v.cue[i] != cueName {
			last = int32(i)
		}
	}
	last, lastSent = -1, -2
	for i := v.n - 1; i >= 0; i-- {
		if v.sent[i] != lastSent {
			last, lastSent = -1, v.sent[i]
		}
		c.cueR[i] = last
		if v.cue[i] != cueNone && v.cue[i] != cueName {
			last = int32(i)
		}
	}
	return c
}

// parseArrays fills the parse-derived arrays.
func (c *fctx) parseArrays() {
	v := c.v
	toks := v.doc.Tokens
	c.ancCue, c.ancRel, c.ancDist, c.kids = make([]int32, v.n), make([]uint64, v.n), make([]uint8, v.n), make([]uint16, v.n)
	c.ancVerb, c.verbRel = make([]int32, v.n), make([]uint64, v.n)
	for i := range v.n {
		c.ancCue[i], c.ancVerb[i] = -1, -1
		child, h := i, toks[i].Head
		for d := 1; d <= 4 && h >= 0 && int(h) < v.n && int(h) != child; d++ {
			if v.upos[h] == "VERB" {
				c.ancVerb[i], c.verbRel[i] = h, v.hdep[child]
				break
			}
			child, h = int(h), toks[h].Head
		}
		if h := toks[i].Head; h >= 0 && int(h) < v.n {
			c.kids[h] |= kidBits[toks[i].Dep]
		}
		child, h = i, toks[i].Head
		for d := uint8(1); d <= 8 && h >= 0 && int(h) < v.n && int(h) != child; d++ {
			if cl := v.cue[h]; cl != cueNone {
				c.ancCue[i], c.ancRel[i], c.ancDist[i] = h, v.hdep[child], d
				break
			}
			child, h = int(h), toks[h].Head
		}
	}
}

// setStage1 records the first stage's labels for the second stage.
func (c *fctx) setStage1(labels []uint8) {
	v := c.v
	c.s1 = labels
	c.s1L, c.s1R = make([]int32, v.n), make([]int32, v.n)
	c.srcL, c.srcR, c.conL, c.conR = nearestRole(v, labels, 1), nearestRoleR(v, labels, 1), nearestRole(v, labels, 3), nearestRoleR(v, labels, 3)
	c.sentHas = make([]uint8, len(v.doc.Sentences)+1)
	last, lastBlock := int32(-1), int32(-2)
	for i := 0; i < v.n; i++ {
		if v.bsent[i] != lastBlock {
			last, lastBlock = -1, v.bsent[i]
		}
		c.s1L[i] = last
		if roleOf(labels[i]) == 2 {
			last = int32(i)
		}
		if s := v.sent[i]; s >= 0 && int(s) < len(c.sentHas) {
			if r := roleOf(labels[i]); r > 0 {
				c.sentHas[s] |= 1 << (r - 1)
			}
		}
	}
	last, lastBlock = -1, -2
	for i := v.n - 1; i >= 0; i-- {
		if v.bsent[i] != lastBlock {
			last, lastBlock = -1, v.bsent[i]
		}
		c.s1R[i] = last
		if roleOf(labels[i]) == 2 {
			last = int32(i)
		}
	}
}

// nearestRole returns for each token the last token before it in its block
// with the given first-stage role, -1 when none.
func nearestRole(v *view, labels []uint8, role uint8) []int32 {
	out := make([]int32, v.n)
	last, block := int32(-1), int32(-2)
	for i := 0; i < v.n; i++ {
		if v.bsent[i] != block {
			last, block = -1, v.bsent[i]
		}
		out[i] = last
		if roleOf(labels[i]) == role {
			last = int32(i)
		}
	}
	return out
}

// nearestRoleR is nearestRole looking forward.
func nearestRoleR(v *view, labels []uint8, role uint8) []int32 {
	out := make([]int32, v.n)
	last, block := int32(-1), int32(-2)
	for i := v.n - 1; i >= 0; i-- {
		if v.bsent[i] != block {
			last, block = -1, v.bsent[i]
		}
		out[i] = last
		if roleOf(labels[i]) == role {
			last = int32(i)
		}
	}
	return out
}

// Stand-in hashes of the words before the start and after the end of a
// block.
const (
	hBOS uint64 = 0x5bd1e9955bd1e995
	hEOS uint64 = 0x27d4eb2f165667c5
)

// features appends the hashed features of token i (in block [b0, b1)) to
// dst: the first stage's, and the second stage's when the first stage's
// labels are set.
func (c *fctx) features(dst []uint64, i, b0, b1 int) []uint64 {
	dst = c.base(dst, i, b0, b1)
	if c.s1 == nil {
		return dst
	}
	return c.extra(dst, i, b0, b1)
}

// base appends the first stage's features of token i.
func (c *fctx) base(dst []uint64, i, b0, b1 int) []uint64 {
	v := c.v
	hw := func(j int) uint64 {
		if j < b0 {
			return hBOS
		}
		if j >= b1 {
			return hEOS
		}
		return v.hw[j]
	}
	hp := func(j int) uint64 {
		if j < b0 {
			return hBOS
		}
		if j >= b1 {
			return hEOS
		}
		return v.hp[j]
	}
	sh := func(j int) byte {
		if j < b0 || j >= b1 {
			return 0
		}
		return v.shape[j]
	}
	cl := func(j int) byte {
		if j < b0 || j >= b1 {
			return 255
		}
		return v.cue[j]
	}
	add := func(h hasher) { dst = append(dst, h.sum()) }
	add(newHash(0))
	add(newHash(1).u(hw(i)))
	add(newHash(2).u(hw(i - 1)))
	add(newHash(3).u(hw(i + 1)))
	add(newHash(4).u(hw(i - 2)))
	add(newHash(5).u(hw(i + 2)))
	add(newHash(6).u(v.hl[i]))
	add(newHash(7).u(hw(i - 1)).u(hw(i)))
	add(newHash(8).u(hw(i)).u(hw(i + 1)))
	add(newHash(9).u(hp(i)))
	add(newHash(10).u(hp(i - 1)).u(hp(i)))
	add(newHash(11).u(hp(i)).u(hp(i + 1)))
	add(newHash(12).u(hp(i - 1)).u(hp(i)).u(hp(i + 1)))
	add(newHash(13).b(v.shape[i]))
	add(newHash(14).u(v.hsuf[i]))
	add(newHash(15).u(v.hent[i]))
	if i > b0 {
		add(newHash(16).u(v.hent[i-1]).u(v.hent[i]))
	}
	if i+1 < b1 {
		add(newHash(17).u(v.hent[i]).u(v.hent[i+1]))
	}
	add(newHash(18).b(cl(i)).u(hp(i)))
	add(newHash(19).b(cl(i - 1)).b(cl(i)).b(cl(i + 1)))
	add(newHash(20).b(cl(i + 1)).b(cl(i + 2)).u(hp(i)))
	d := min(v.depth[i], 3)
	add(newHash(21).b(d).b(byte(v.role[i])))
	if i > b0 {
		add(newHash(22).b(d).b(byte(v.role[i-1])).b(min(v.depth[i-1], 3)))
	}
	if i+1 < b1 {
		add(newHash(23).b(d).b(byte(v.role[i+1])).b(min(v.depth[i+1], 3)))
	}
	// Position in the sentence and the block.
	first := i == b0 || v.sent[i-1] != v.sent[i]
	last := i+1 == b1 || v.sent[i+1] != v.sent[i]
	pos := byte(0)
	if first {
		pos |= 1
	}
	if last {
		pos |= 2
	}
	if i == b0 {
		pos |= 4
	}
	if v.sent[i] == 0 {
		pos |= 8 // the title in PolNeAR-like files and most pages
	}
	add(newHash(24).b(pos))
	// The nearest cue words in the sentence.
	if l := c.cueL[i]; l >= 0 {
		add(newHash(25).b(bucket(i - int(l))).b(v.cue[l]))
		add(newHash(26).u(v.hl[l]).b(min(bucket(i-int(l)), 3)))
		add(newHash(27).b(bucket(i - int(l))).b(d))
	} else {
		add(newHash(25).b(255))
	}
	if r := c.cueR[i]; r >= 0 {
		add(newHash(28).b(bucket(int(r) - i)).b(v.cue[r]))
		add(newHash(29).u(v.hl[r]).b(min(bucket(int(r)-i), 3)))
		add(newHash(30).b(bucket(int(r) - i)).b(d).u(hp(i)))
	} else {
		add(newHash(28).b(255))
	}
	add(newHash(31).b(sh(i - 1)).b(v.shape[i]).b(sh(i + 1)))
	add(newHash(32).u(v.hl[i]).u(v.hu[i]))
	add(newHash(33).b(d).u(hw(i)))
	add(newHash(34).b(cl(i - 1)).u(hw(i)))
	fc := func(j int) uint16 {
		if j < b0 || j >= b1 {
			return noCluster - 1
		}
		return v.fine[j]
	}
	// Lemma bigrams: multi-word cues ("voted for", "calls for",
	// "opposition to", "according to").
	hl := func(j int) uint64 {
		if j < b0 {
			return hBOS
		}
		if j >= b1 {
			return hEOS
		}
		return v.hl[j]
	}
	// Learned multi-word cues, matched as units.
	if v.phrase[i] != 0 || i+1 < b1 && v.phrase[i+1] == 1 || i > b0 && v.phrase[i-1] != 0 {
		pp := func(j int) byte {
			if j < b0 || j >= b1 {
				return 255
			}
			return v.phrase[j]
		}
		add(newHash(73).b(pp(i - 1)).b(pp(i)).b(pp(i + 1)))
		add(newHash(74).b(pp(i)).u(hp(i)))
	}
	add(newHash(68).u(v.hl[i]).u(hl(i + 1)))
	add(newHash(69).u(hl(i - 1)).u(v.hl[i]))
	add(newHash(51).w(fc(i)))
	add(newHash(52).w(fc(i)).u(hp(i)))
	add(newHash(53).w(v.mid[i]).b(cl(i - 1)))
	add(newHash(54).w(fc(i - 1)).w(fc(i)))
	add(newHash(55).w(fc(i)).w(fc(i + 1)))
	if l := c.cueL[i]; l >= 0 {
		add(newHash(56).w(v.fine[l]).b(min(bucket(i-int(l)), 3)))
	}
	if r := c.cueR[i]; r >= 0 {
		add(newHash(57).w(v.fine[r]).b(min(bucket(int(r)-i), 3)))
	}
	if c.kids != nil {
		add(newHash(58).w(v.mid[i]).w(c.kids[i]))
		add(newHash(35).u(v.hdep[i]).b(cl(i)))
		// The lemma with its argument structure and its relation: a verb
		// with a clausal complement, a noun with a subject of its own.
		add(newHash(70).u(v.hl[i]).w(c.kids[i]))
		add(newHash(71).u(v.hl[i]).u(v.hdep[i]))
		add(newHash(36).w(c.kids[i]).b(cl(i)))
		if h := v.doc.Tokens[i].Head; h >= 0 && int(h) < v.n {
			add(newHash(37).u(v.hdep[i]).u(v.hl[h]))
			add(newHash(38).u(v.hdep[i]).b(v.cue[h]).u(v.hu[h]))
			add(newHash(59).u(v.hdep[i]).w(v.fine[h]))
		}
		if a := c.ancCue[i]; a >= 0 {
			add(newHash(39).u(c.ancRel[i]).b(v.cue[a]).b(min(c.ancDist[i], 3)))
			add(newHash(49).u(c.ancRel[i]).u(v.hl[a]))
			add(newHash(50).u(c.ancRel[i]).b(d).b(b2(int(a) < i)))
		} else {
			add(newHash(39).b(255))
		}
		// The verb governing i, whatever it is: contents hang under a
		// complement of verbs of saying the lexicon may not know.
		if a := c.ancVerb[i]; a >= 0 {
			add(newHash(66).u(c.verbRel[i]).w(v.mid[a]))
			add(newHash(72).u(c.verbRel[i]).u(v.hl[a]))
			add(newHash(67).u(c.verbRel[i]).w(c.kids[a]).b(b2(int(a) < i)))
		}
	}
	return dst
}

// extra appends the second stage's features of token i: the first stage's
// labels around it.
func (c *fctx) extra(dst []uint64, i, b0, b1 int) []uint64 {
	v := c.v
	add := func(h hasher) { dst = append(dst, h.sum()) }
	hw := func(j int) uint64 { return v.hw[j] }
	hp := func(j int) uint64 { return v.hp[j] }
	d := min(v.depth[i], 3)
	// Second stage: the first stage's labels around i and its cues.
	s1 := func(j int) byte {
		if j < b0 || j >= b1 {
			return 255
		}
		return c.s1[j]
	}
	add(newHash(40).b(s1(i)))
	add(newHash(41).b(s1(i - 1)).b(s1(i)).b(s1(i + 1)))
	add(newHash(42).b(s1(i)).u(hw(i)))
	add(newHash(43).b(s1(i - 2)).b(s1(i - 1)))
	add(newHash(44).b(s1(i + 1)).b(s1(i + 2)))
	if l := c.s1L[i]; l >= 0 {
		same := v.sent[l] == v.sent[i]
		add(newHash(45).b(bucket(i - int(l))).b(b2(same)).b(d))
	} else {
		add(newHash(45).b(255))
	}
	if r := c.s1R[i]; r >= 0 {
		same := v.sent[r] == v.sent[i]
		add(newHash(46).b(bucket(int(r) - i)).b(b2(same)).b(d))
	} else {
		add(newHash(46).b(255))
	}
	// A word between a source and a content is likely their cue.
	near := func(j int32, dir int) byte {
		if j < 0 {
			return 255
		}
		return min(bucket(dir*(int(j)-i)), 4)
	}
	sl, sr, cl2, cr := near(c.srcL[i], -1), near(c.srcR[i], 1), near(c.conL[i], -1), near(c.conR[i], 1)
	add(newHash(60).b(sl).b(cr))
	add(newHash(61).b(cl2).b(sr))
	add(newHash(62).b(sl).b(cr).u(hp(i)))
	add(newHash(63).b(cl2).b(sr).u(hp(i)))
	add(newHash(64).b(sl).b(sr).b(cl2).b(cr).b(s1(i)))
	add(newHash(65).b(cr).w(v.mid[i]))
	if s := v.sent[i]; s >= 0 && int(s) < len(c.sentHas) {
		add(newHash(47).b(c.sentHas[s]).b(d))
		prev, next := byte(255), byte(255)
		if s > 0 {
			prev = c.sentHas[s-1]
		}
		if int(s)+1 < len(c.sentHas) {
			next = c.sentHas[s+1]
		}
		add(newHash(48).b(prev).b(c.sentHas[s]).b(next))
	}
	return dst
}

func b2(x bool) byte {
	if x {
		return 1
	}
	return 0
}
