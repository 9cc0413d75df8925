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
	sentHas    []uint8 // per sentence: bit 1 source, 2 cue, 4 content in the first stage

	// From the parse, when there is one.
	ancCue  []int32  // the nearest ancestor of i (at most 8 arcs up) that is a cue word, -1
	ancRel  []string // the relation of the child of that ancestor on the path from i
	ancDist []uint8  // arcs from i to that ancestor
	kids    []uint16 // bit set of the relations of i's dependents (kidBits)
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
	c.ancCue, c.ancRel, c.ancDist, c.kids = make([]int32, v.n), make([]string, v.n), make([]uint8, v.n), make([]uint16, v.n)
	for i := range v.n {
		c.ancCue[i] = -1
		if h := toks[i].Head; h >= 0 && int(h) < v.n {
			c.kids[h] |= kidBits[toks[i].Dep]
		}
		child, h := i, toks[i].Head
		for d := uint8(1); d <= 8 && h >= 0 && int(h) < v.n && int(h) != child; d++ {
			if cl := v.cue[h]; cl != cueNone {
				c.ancCue[i], c.ancRel[i], c.ancDist[i] = h, toks[child].Dep, d
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

const (
	bos = "<s>"
	eos = "</s>"
)

// features appends the hashed features of token i (in block [b0, b1)) to
// dst.
func (c *fctx) features(dst []uint64, i, b0, b1 int) []uint64 {
	v := c.v
	w := func(j int) string {
		if j < b0 {
			return bos
		}
		if j >= b1 {
			return eos
		}
		return v.lower[j]
	}
	p := func(j int) string {
		if j < b0 {
			return bos
		}
		if j >= b1 {
			return eos
		}
		if v.xpos[j] != "" {
			return v.xpos[j]
		}
		return v.upos[j]
	}
	cl := func(j int) byte {
		if j < b0 || j >= b1 {
			return 255
		}
		return v.cue[j]
	}
	w0 := v.lower[i]
	add := func(h hasher) { dst = append(dst, h.sum()) }
	add(newHash(0))
	add(newHash(1).s(w0))
	add(newHash(2).s(w(i - 1)))
	add(newHash(3).s(w(i + 1)))
	add(newHash(4).s(w(i - 2)))
	add(newHash(5).s(w(i + 2)))
	add(newHash(6).s(v.lemma[i]))
	add(newHash(7).s(w(i - 1)).s(w0))
	add(newHash(8).s(w0).s(w(i + 1)))
	add(newHash(9).s(p(i)))
	add(newHash(10).s(p(i - 1)).s(p(i)))
	add(newHash(11).s(p(i)).s(p(i + 1)))
	add(newHash(12).s(p(i - 1)).s(p(i)).s(p(i + 1)))
	add(newHash(13).b(shape(v.doc.Tokens[i].In(v.doc.Text))))
	add(newHash(14).s(suffix(w0, 3)))
	add(newHash(15).s(v.ent[i]))
	if i > b0 {
		add(newHash(16).s(v.ent[i-1]).s(v.ent[i]))
	}
	if i+1 < b1 {
		add(newHash(17).s(v.ent[i]).s(v.ent[i+1]))
	}
	add(newHash(18).b(cl(i)).s(p(i)))
	add(newHash(19).b(cl(i - 1)).b(cl(i)).b(cl(i + 1)))
	add(newHash(20).b(cl(i + 1)).b(cl(i + 2)).s(p(i)))
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
		add(newHash(26).s(v.lemma[l]).b(min(bucket(i-int(l)), 3)))
		add(newHash(27).b(bucket(i - int(l))).b(d))
	} else {
		add(newHash(25).b(255))
	}
	if r := c.cueR[i]; r >= 0 {
		add(newHash(28).b(bucket(int(r) - i)).b(v.cue[r]))
		add(newHash(29).s(v.lemma[r]).b(min(bucket(int(r)-i), 3)))
		add(newHash(30).b(bucket(int(r) - i)).b(d).s(p(i)))
	} else {
		add(newHash(28).b(255))
	}
	add(newHash(31).b(shape(w(i - 1))).b(shape(w0)).b(shape(w(i + 1))))
	add(newHash(32).s(v.lemma[i]).s(v.upos[i]))
	add(newHash(33).b(d).s(w0))
	add(newHash(34).b(cl(i - 1)).s(w0))
	fc := func(j int) uint16 {
		if j < b0 || j >= b1 {
			return noCluster - 1
		}
		return v.fine[j]
	}
	add(newHash(51).w(fc(i)))
	add(newHash(52).w(fc(i)).s(p(i)))
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
		tk := v.doc.Tokens[i]
		add(newHash(58).w(v.mid[i]).w(c.kids[i]))
		add(newHash(35).s(tk.Dep).b(cl(i)))
		add(newHash(36).w(c.kids[i]).b(cl(i)))
		if h := tk.Head; h >= 0 && int(h) < v.n {
			add(newHash(37).s(tk.Dep).s(v.lemma[h]))
			add(newHash(38).s(tk.Dep).b(v.cue[h]).s(v.upos[h]))
			add(newHash(59).s(tk.Dep).w(v.fine[h]))
		}
		if a := c.ancCue[i]; a >= 0 {
			add(newHash(39).s(c.ancRel[i]).b(v.cue[a]).b(min(c.ancDist[i], 3)))
			add(newHash(49).s(c.ancRel[i]).s(v.lemma[a]))
			add(newHash(50).s(c.ancRel[i]).b(d).b(b2(int(a) < i)))
		} else {
			add(newHash(39).b(255))
		}
	}
	if c.s1 == nil {
		return dst
	}
	// Second stage: the first stage's labels around i and its cues.
	s1 := func(j int) byte {
		if j < b0 || j >= b1 {
			return 255
		}
		return c.s1[j]
	}
	add(newHash(40).b(s1(i)))
	add(newHash(41).b(s1(i - 1)).b(s1(i)).b(s1(i + 1)))
	add(newHash(42).b(s1(i)).s(w0))
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
