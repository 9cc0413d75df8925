package ner

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Feature templates. The numbers are part of the model: append, never
// renumber.
const (
	tBias byte = iota + 1
	tWord
	tLower
	tShape
	tPrefix
	tSuffix
	tLowerM1
	tLowerP1
	tLowerM2
	tLowerP2
	tShapeM1
	tShapeP1
	tShape3
	tBigramL
	tBigramR
	tClus0
	tClusM1
	tClusP1
	tClusM2
	tClusP2
	tGaz0
	tGazM1
	tGazP1
	tFirst
	tCaseless
	tDocCase
	tWordM1
	tWordP1
	tLen
	tClusPair
	tXPOS // reserved: the model does not read tags (CoNLL's own POS columns are not used)
	// stage 2
	tPred0
	tPredM1
	tPredP1
	tDocMaj
	tDocMajShape
	tDocMajCount
	tDocEntity
	tPredPair
	tDocLong
	tDocGaz
)

// tok is what the feature templates read about one token.
type tok struct {
	word    string // normalised form; upper-cased in caseless sentences
	lower   string
	shape   string
	clus    [3]uint16
	gaz     uint64
	first   bool // sentence initial
	cless   bool // in a caseless (all caps or title case) sentence
	title   bool // in a title-case heading
	initCap bool // the raw token starts with an upper-case letter
	docCase uint8
}

// Document-level case evidence for a lower-cased word.
const (
	seenLowerMid = 1 << iota // written lower-case somewhere in a cased sentence
	seenCapMid               // capitalised at a non-initial position of a cased sentence
)

// docState is the document-level view the features read.
type docState struct {
	toks  []tok    // every token of the document
	sents [][2]int // token ranges of the sentences
	case_ map[string]uint8

	padStart, padEnd tok // what the templates see beyond the sentence
}

// normWord maps typographic punctuation to its ASCII form, as in the
// training data.
func normWord(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return w
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case '’', '‘', '′', '`':
			return '\''
		case '“', '”', '„', '″':
			return '"'
		case '–', '—', '‒', '−':
			return '-'
		}
		return r
	}, w)
}

// shapeOf maps letters to X/x, digits to d, and collapses runs.
func shapeOf(w string) string {
	var b [16]byte
	n := 0
	var last byte
	for _, r := range w {
		var c byte
		switch {
		case r >= 'a' && r <= 'z':
			c = 'x'
		case r >= 'A' && r <= 'Z':
			c = 'X'
		case r >= '0' && r <= '9':
			c = 'd'
		case r < utf8.RuneSelf:
			c = byte(r)
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		default:
			c = '*'
		}
		if c == last {
			continue
		}
		last = c
		if n == len(b) {
			break
		}
		b[n] = c
		n++
	}
	return string(b[:n])
}

func hasLower(w string) bool {
	for _, r := range w {
		if unicode.IsLower(r) {
			return true
		}
	}
	return false
}

func startsUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func isAlphaWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLetter(r)
}

// smallWord reports the function words that stay lower case in titles.
func smallWord(w string) bool {
	switch w {
	case "a", "an", "the", "of", "in", "on", "for", "and", "or", "to", "at", "by", "with", "from",
		"as", "vs", "vs.", "v", "into", "over", "but", "is", "are", "'s":
		return true
	}
	return false
}

// caseless reports whether capitalisation says nothing in this sentence: it
// is all capitals (a wire headline) or a short title-case heading. title
// reports a title-case sentence that is a heading block of its own.
func caseless(words []string, heading bool) (cl, title bool) {
	alpha, upperOnly, capWords, lowerWords := 0, 0, 0, 0
	digits, endPunct := false, false
	for i, w := range words {
		if !isAlphaWord(w) {
			for j := 0; j < len(w); j++ {
				if w[j] >= '0' && w[j] <= '9' {
					digits = true
				}
			}
			if i == len(words)-1 && (w == "." || w == "?" || w == "!") {
				endPunct = true
			}
			continue
		}
		alpha++
		if !hasLower(w) {
			upperOnly++
		}
		if startsUpper(w) {
			capWords++
		} else if !smallWord(strings.ToLower(w)) {
			lowerWords++
		}
	}
	if alpha == 0 {
		return false, false
	}
	if upperOnly == alpha && (alpha > 1 || len(words[0]) > 1) {
		return true, false
	}
	if lowerWords > 0 || capWords < 2 {
		return false, false
	}
	t := heading || (!digits && !endPunct && len(words) <= 12)
	return t, t && heading
}

// newDocState computes the token view of a document given its sentences as
// word slices. headings[i] says whether sentence i is a heading block (may
// be nil).
func (m *Model) newDocState(sents [][]string, headings []bool) *docState {
	return m.docState(sents, headings, nil)
}

// docState is newDocState with the clusters of the words looked up in the
// cache of sc (may be nil).
func (m *Model) docState(sents [][]string, headings []bool, sc *scratch) *docState {
	n := 0
	for _, s := range sents {
		n += len(s)
	}
	d := &docState{toks: make([]tok, n), sents: make([][2]int, len(sents)), case_: map[string]uint8{},
		padStart: tok{word: "<s>", lower: "<s>", shape: "<s>", clus: [3]uint16{noCluster - 1, noCluster - 1, noCluster - 1}},
		padEnd:   tok{word: "</s>", lower: "</s>", shape: "</s>", clus: [3]uint16{noCluster - 2, noCluster - 2, noCluster - 2}},
	}
	lowers := make([]string, 0, 64)
	gaz := make([]uint64, 0, 64)
	at := 0
	for si, s := range sents {
		d.sents[si] = [2]int{at, at + len(s)}
		heading := headings != nil && headings[si]
		cl, title := caseless(s, heading)
		lowers = lowers[:0]
		for i, raw := range s {
			w := normWord(raw)
			t := &d.toks[at+i]
			f := sc.form(m, w)
			t.initCap, t.lower, t.shape, t.clus = f.initCap, f.lower, f.shape, f.clus
			if cl {
				w = strings.ToUpper(w)
				t.shape = shapeOf(w)
			}
			t.word = w
			t.first = i == 0
			t.cless = cl
			t.title = title
			lowers = append(lowers, t.lower)
			if !cl && isAlphaWord(w) {
				if !t.initCap {
					d.case_[t.lower] |= seenLowerMid
				} else if i > 0 && !afterOpener(s, i) {
					d.case_[t.lower] |= seenCapMid
				}
			}
		}
		gaz = append(gaz[:0], make([]uint64, len(s))...)
		m.gaz.match(lowers, gaz)
		for i := range s {
			d.toks[at+i].gaz = gaz[i]
		}
		at += len(s)
	}
	for i := range d.toks {
		d.toks[i].docCase = d.case_[d.toks[i].lower]
	}
	return d
}

// afterOpener reports whether token i follows a quote, colon or bracket,
// where a capital says as little as at the sentence start.
func afterOpener(s []string, i int) bool {
	switch s[i-1] {
	case "\"", "``", "“", "‘", "'", ":", "(", "-", "--", "–", "—":
		return true
	}
	return false
}

// at returns token i of the sentence [lo, hi), or a padding token.
func (d *docState) at(lo, hi, i int) *tok {
	if i < lo {
		return &d.padStart
	}
	if i >= hi {
		return &d.padEnd
	}
	return &d.toks[i]
}

// stage1 appends the first-stage feature keys of token i of the sentence
// [lo, hi).
func (d *docState) stage1(lo, hi, i int, f []uint64) []uint64 {
	t := &d.toks[i]
	m1, p1 := d.at(lo, hi, i-1), d.at(lo, hi, i+1)
	m2, p2 := d.at(lo, hi, i-2), d.at(lo, hi, i+2)
	f = append(f,
		keyN(tBias, 0),
		key(tWord, t.word),
		key(tLower, t.lower),
		key(tShape, t.shape),
		key(tLowerM1, m1.lower),
		key(tLowerP1, p1.lower),
		key(tLowerM2, m2.lower),
		key(tLowerP2, p2.lower),
		key(tShapeM1, m1.shape),
		key(tShapeP1, p1.shape),
		key3(tShape3, m1.shape, t.shape, p1.shape),
		key2(tBigramL, m1.lower, t.lower),
		key2(tBigramR, t.lower, p1.lower),
		key(tWordM1, m1.word),
		key(tWordP1, p1.word),
	)
	l := t.lower
	for k := 1; k <= 4 && k <= len(l); k++ {
		f = append(f, keyNS(tPrefix, uint32(k), l[:k]), keyNS(tSuffix, uint32(k), l[len(l)-k:]))
	}
	n := len(l)
	if n > 12 {
		n = 12
	}
	f = append(f, keyN(tLen, uint32(n)))
	for lv := range 3 {
		if c := t.clus[lv]; c != noCluster {
			f = append(f, keyN(tClus0, uint32(lv)<<16|uint32(c)))
		}
	}
	for lv := range 2 {
		f = append(f,
			keyN(tClusM1, uint32(lv)<<16|uint32(m1.clus[lv])),
			keyN(tClusP1, uint32(lv)<<16|uint32(p1.clus[lv])))
	}
	f = append(f,
		keyN(tClusM2, uint32(m2.clus[1])),
		keyN(tClusP2, uint32(p2.clus[1])),
		keyN(tClusPair, uint32(t.clus[1])<<16|uint32(p1.clus[1])),
	)
	return d.stage1Token(t, m1, p1, f)
}

// typeKey identifies what the word-only features of a token read: its
// form (upper-cased in caseless sentences) and its lowercased form; shape
// and clusters follow from them.
type typeKey [2]string

func (t *tok) typeKey() typeKey { return typeKey{t.word, t.lower} }

// stage1Word appends the keys of the first-stage templates that read only
// the token itself (form, shape, affixes, length, clusters): the same for
// every token of a type, so predict sums them once per type.
func stage1Word(t *tok, f []uint64) []uint64 {
	f = append(f,
		keyN(tBias, 0),
		key(tWord, t.word),
		key(tLower, t.lower),
		key(tShape, t.shape),
	)
	l := t.lower
	for k := 1; k <= 4 && k <= len(l); k++ {
		f = append(f, keyNS(tPrefix, uint32(k), l[:k]), keyNS(tSuffix, uint32(k), l[len(l)-k:]))
	}
	n := len(l)
	if n > 12 {
		n = 12
	}
	f = append(f, keyN(tLen, uint32(n)))
	for lv := range 3 {
		if c := t.clus[lv]; c != noCluster {
			f = append(f, keyN(tClus0, uint32(lv)<<16|uint32(c)))
		}
	}
	return f
}

// The roles a token plays in the first-stage features of a position: the
// keys of each role read only the token's type (typeKey), so predict sums
// them once per type. stage1Word, roleKeys of the token and of the two
// tokens on each side, and stage1Pair make the keys of stage1
// (TestSplitStage1).
const (
	roleSelf  = iota // stage1Word
	rolePrev         // the token before: LowerM1, ShapeM1, WordM1, ClusM1
	rolePrev2        // two before: LowerM2, ClusM2
	roleNext         // the token after: LowerP1, ShapeP1, WordP1, ClusP1
	roleNext2        // two after: LowerP2, ClusP2
	nRoles
)

// roleKeys appends the keys of the templates that read t in role r.
func roleKeys(t *tok, r int, f []uint64) []uint64 {
	switch r {
	case roleSelf:
		return stage1Word(t, f)
	case rolePrev:
		return append(f,
			key(tLowerM1, t.lower),
			key(tShapeM1, t.shape),
			key(tWordM1, t.word),
			keyN(tClusM1, uint32(t.clus[0])),
			keyN(tClusM1, 1<<16|uint32(t.clus[1])))
	case rolePrev2:
		return append(f, key(tLowerM2, t.lower), keyN(tClusM2, uint32(t.clus[1])))
	case roleNext:
		return append(f,
			key(tLowerP1, t.lower),
			key(tShapeP1, t.shape),
			key(tWordP1, t.word),
			keyN(tClusP1, uint32(t.clus[0])),
			keyN(tClusP1, 1<<16|uint32(t.clus[1])))
	case roleNext2:
		return append(f, key(tLowerP2, t.lower), keyN(tClusP2, uint32(t.clus[1])))
	}
	return f
}

// stage1Pair appends the keys of the first-stage templates that no role
// has: those reading the token with a neighbour, the gazetteer matches,
// the position and the document's case evidence.
func (d *docState) stage1Pair(lo, hi, i int, f []uint64) []uint64 {
	t := &d.toks[i]
	m1, p1 := d.at(lo, hi, i-1), d.at(lo, hi, i+1)
	f = append(f,
		key3(tShape3, m1.shape, t.shape, p1.shape),
		key2(tBigramL, m1.lower, t.lower),
		key2(tBigramR, t.lower, p1.lower),
		keyN(tClusPair, uint32(t.clus[1])<<16|uint32(p1.clus[1])),
	)
	return d.stage1Token(t, m1, p1, f)
}

// stage1Token appends the keys of the templates reading the gazetteer
// matches of the token and its neighbours, its position and case.
func (d *docState) stage1Token(t, m1, p1 *tok, f []uint64) []uint64 {
	for g := t.gaz; g != 0; g &= g - 1 {
		b := uint32(bitIndex(g))
		f = append(f, keyN(tGaz0, b), keyNS(tGaz0, b, t.shape))
	}
	for g := catBits(m1.gaz); g != 0; g &= g - 1 {
		f = append(f, keyN(tGazM1, uint32(bitIndex(g))))
	}
	for g := catBits(p1.gaz); g != 0; g &= g - 1 {
		f = append(f, keyN(tGazP1, uint32(bitIndex(g))))
	}
	if t.first {
		f = append(f, key(tFirst, t.shape), key(tFirst, t.lower))
	}
	if t.cless {
		f = append(f, key(tCaseless, t.lower), keyN(tCaseless, uint32(t.docCase)))
	}
	var flags uint32 = uint32(t.docCase)
	if t.first {
		flags |= 4
	}
	if t.cless {
		flags |= 8
	}
	if t.initCap {
		flags |= 16
	}
	return append(f, keyN(tDocCase, flags))
}

// catBits folds BILU gazetteer bits to one bit per category.
func catBits(g uint64) uint64 {
	var out uint64
	for c := range numGaz {
		if g>>(4*c)&0xf != 0 {
			out |= 1 << c
		}
	}
	return out
}

func bitIndex(x uint64) int { return bits.TrailingZeros64(x) }

// docPreds summarises first-stage predictions over a document.
type docPreds struct {
	labels []int                        // stage-1 BILOU label of each token
	long   map[string][numTypes]int     // lower-cased word -> types of the multi-token entities it is in
	counts map[string][numTypes + 1]int // lower-cased word -> entity type counts (last: O while capitalised)
	dgaz   []uint32                     // per token: 1 + position<<4 | type where another predicted entity's words match; 0 none
}

func newDocPreds(d *docState, labels []int) *docPreds {
	p := &docPreds{labels: labels, counts: map[string][numTypes + 1]int{}, long: map[string][numTypes]int{}}
	for i, l := range labels {
		t := &d.toks[i]
		if !isAlphaWord(t.word) {
			continue
		}
		if l != 0 && labelPos(l) != posU {
			c := p.long[t.lower]
			c[labelType(l)]++
			p.long[t.lower] = c
		}
		c := p.counts[t.lower]
		if l == 0 {
			if !t.initCap {
				continue
			}
			c[numTypes]++
		} else {
			c[labelType(l)]++
		}
		p.counts[t.lower] = c
	}
	p.docGazetteer(d)
	return p
}

// maxDocGaz bounds the length of the entities matched by docGazetteer.
const maxDocGaz = 6

// docGazetteer marks token sequences that the first stage labelled as an
// entity elsewhere in the document (not counting this very occurrence),
// longest match first, with the majority type.
func (p *docPreds) docGazetteer(d *docState) {
	p.dgaz = make([]uint32, len(d.toks))
	th := make([]uint64, len(d.toks))
	for i := range d.toks {
		th[i] = key(0, d.toks[i].lower)
	}
	seq := func(i, n int) uint64 {
		h := uint64(n)
		for k := i; k < i+n; k++ {
			h = (h ^ th[k]) * fnvPrime
		}
		return h
	}
	ents := map[uint64][numTypes]int{}
	for _, s := range d.sents {
		for _, c := range labelsToChunks(p.labels[s[0]:s[1]]) {
			if n := c.End - c.Start; n <= maxDocGaz {
				k := seq(s[0]+c.Start, n)
				v := ents[k]
				v[typeIndex(c.Type)]++
				ents[k] = v
			}
		}
	}
	if len(ents) == 0 {
		return
	}
	for _, s := range d.sents {
		for i := s[0]; i < s[1]; {
			matched := 0
			for n := min(maxDocGaz, s[1]-i); n >= 1 && matched == 0; n-- {
				v, ok := ents[seq(i, n)]
				if !ok {
					continue
				}
				if t := p.entityAt(i, n); t >= 0 {
					v[t]--
				}
				best, bn := -1, 0
				for t, c := range v {
					if c > bn {
						best, bn = t, c
					}
				}
				if best < 0 {
					continue
				}
				matched = n
				for k := i; k < i+n; k++ {
					pos := posI
					switch {
					case n == 1:
						pos = posU
					case k == i:
						pos = posB
					case k == i+n-1:
						pos = posL
					}
					p.dgaz[k] = 1 + uint32(pos)<<4 | uint32(best)
				}
			}
			i += max(matched, 1)
		}
	}
}

// entityAt returns the type of the first-stage entity spanning exactly
// [i, i+n), or -1.
func (p *docPreds) entityAt(i, n int) int {
	first, last := p.labels[i], p.labels[i+n-1]
	if first == 0 {
		return -1
	}
	t := labelType(first)
	if n == 1 {
		if labelPos(first) == posU {
			return t
		}
		return -1
	}
	if labelPos(first) != posB || last != label(t, posL) {
		return -1
	}
	for k := i + 1; k < i+n-1; k++ {
		if p.labels[k] != label(t, posI) {
			return -1
		}
	}
	return t
}

// stage2 appends the second-stage keys: the first stage's labels around the
// token and what the rest of the document says about its word.
func (d *docState) stage2(p *docPreds, lo, hi, i int, f []uint64) []uint64 {
	t := &d.toks[i]
	lab := func(j int) uint32 {
		if j < lo {
			return 100
		}
		if j >= hi {
			return 101
		}
		return uint32(p.labels[j])
	}
	f = append(f,
		keyN(tPred0, lab(i)),
		keyN(tPredM1, lab(i-1)),
		keyN(tPredP1, lab(i+1)),
		keyN(tPredPair, lab(i-1)<<8|lab(i+1)),
	)
	if g := p.dgaz[i]; g != 0 {
		f = append(f, keyN(tDocGaz, g), keyNS(tDocGaz, g, t.shape))
	}
	if !isAlphaWord(t.word) {
		return f
	}
	lc := p.long[t.lower]
	if l := p.labels[i]; l != 0 && labelPos(l) != posU {
		lc[labelType(l)]--
	}
	for k, n := range lc {
		if n > 0 {
			f = append(f, keyN(tDocLong, uint32(k)), keyNS(tDocLong, uint32(k), t.shape))
		}
	}
	c := p.counts[t.lower]
	// remove this token's own vote
	if l := p.labels[i]; l != 0 {
		c[labelType(l)]--
	} else if t.initCap {
		c[numTypes]--
	}
	best, bn, total := -1, 0, 0
	for k, n := range c {
		total += n
		if n > bn {
			best, bn = k, n
		}
	}
	if best < 0 {
		f = append(f, keyN(tDocMaj, 99))
		return f
	}
	cnt := uint32(min(total, 3))
	f = append(f,
		keyN(tDocMaj, uint32(best)),
		keyNS(tDocMajShape, uint32(best), t.shape),
		keyN(tDocMajCount, uint32(best)<<8|cnt),
		keyN(tDocEntity, uint32(best)<<8|lab(i)),
	)
	return f
}
