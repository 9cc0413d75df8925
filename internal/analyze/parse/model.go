package parse

import (
	"fmt"
	"io"
	"math"
	"math/bits"
	"slices"

	"github.com/dateline-news/dateline/internal/linear"
)

const magic = "dateline-parse 2\n"

// Model is a trained parser: a transition classifier, an arc label
// classifier and the tag and label vocabularies. It is read-only and safe
// for concurrent use.
type Model struct {
	xposID map[string]uint64
	uposID map[string]uint64
	xpos   []string
	upos   []string
	labels []string
	root   int32 // the id of the "root" label
	trans  *linear.Weights
	lab    *linear.Weights
	// rel relabels every arc of the finished tree (nil: keep the labels
	// chosen when the arcs were made).
	rel      *linear.Weights
	clusters *linear.Clusters // may be nil
	// beam is the width of the beam the parser searches with (0 or 1:
	// greedy), the width the model was trained with unless WithBeam
	// changed it.
	beam int
	// margin prunes the beam as it parses: successors scoring more than
	// margin (in the units of the weights) below the best successor are
	// dropped (0: none), so that a step with one clear winner carries one
	// configuration, not the width.
	margin float32
	// labelSet is the version of the label features (see labelFeatures).
	labelSet int
	// labelTop is the number of relations the beam tries for each arc it
	// could make, the relation's score added to the transition's (joint
	// labelling, trained so: see TrainOptions.LabelTop); 0: the label
	// classifier names each arc apart, once the beam has chosen it.
	labelTop int
	// labelBound is the largest score of a relation (in the units of the
	// weights) the beam of joint labelling assumes, to drop arcs without
	// scoring their relations when even the bound would not keep them
	// within the margin (0: none; see WithLabelBound).
	labelBound float32
	// reversed: the model reads sentences right to left (trained so; see
	// TrainOptions.Reverse).
	reversed bool
}

// Reversed reports whether the model reads sentences right to left.
func (m *Model) Reversed() bool { return m.reversed }

// maxLabelSet is the newest version of the label features.
const maxLabelSet = 2

// LabelBound returns the bound of the relations' scores the beam of joint
// labelling assumes (0: none).
func (m *Model) LabelBound() float32 { return m.labelBound }

// WithLabelBound returns a copy of m whose beam, with joint labels and a
// margin, drops an arc without scoring its relations when its transition
// score plus x falls more than the margin below the best successor seen
// so far in the step (0, negative or not a number: no bound). If no
// relation ever scores above x the parses are exactly those without the
// bound, only faster; a relation scoring above it may be lost.
func (m *Model) WithLabelBound(x float32) *Model {
	c := *m
	c.labelBound = orZero(x)
	return &c
}

// MaxLabelTop is the most relations a model's beam tries for an arc.
const MaxLabelTop = 4

// LabelTop returns the number of relations the beam tries for each arc
// (0: the relation is chosen apart, after the beam has chosen the arc).
func (m *Model) LabelTop() int { return m.labelTop }

// WithLabelTop returns a copy of m whose beam tries the l best relations
// of each arc it could make, each scored by the label classifier and
// added to the transition's score (clamped to 0..MaxLabelTop; 0: the
// relation is chosen apart). It suits a model trained with
// TrainOptions.LabelTop, whose label scores are in the units of its
// transition scores; a model trained without it parses with 0.
func (m *Model) WithLabelTop(l int) *Model {
	c := *m
	c.labelTop = min(max(l, 0), MaxLabelTop)
	return &c
}

// MaxBeam is the widest beam a model parses with.
const MaxBeam = 64

// Beam returns the width of the beam the model parses with (1: greedy).
func (m *Model) Beam() int { return max(m.beam, 1) }

// WithBeam returns a copy of m that parses with a beam of width k
// (clamped to 1..MaxBeam; 1 is greedy). A model trained with a beam
// parses best with the same width or a wider one.
func (m *Model) WithBeam(k int) *Model {
	c := *m
	c.beam = min(max(k, 1), MaxBeam)
	return &c
}

// Margin returns the margin of the beam's pruning (0: none).
func (m *Model) Margin() float32 { return m.margin }

// WithMargin returns a copy of m whose beam drops the successors scoring
// more than x below the best successor of the step, in the units of the
// weights (0, negative or not a number: no pruning). A margin of 0 is the
// plain beam; the narrower the margin, the nearer greedy speed, and the
// more often the search loses the sequence a plain beam would find.
func (m *Model) WithMargin(x float32) *Model {
	c := *m
	c.margin = orZero(x)
	return &c
}

// positive reports whether x is above 0 and finite: a margin, a bound of
// the relations' scores or an ensemble weight that means something.
func positive(x float32) bool { return x > 0 && !math.IsInf(float64(x), 1) }

// orZero returns x if it is positive, else 0 (none).
func orZero(x float32) float32 {
	if positive(x) {
		return x
	}
	return 0
}

// Labels returns the dependency relations the model predicts.
func (m *Model) Labels() []string { return m.labels }

// Features returns the number of weighted features of the transition and
// the label classifiers.
func (m *Model) Features() (int, int) { return m.trans.Features(), m.lab.Features() }

// scratch is the working memory of one parse.
type scratch struct {
	x sentence
	// heads and labs are the tree parseWords found, in the sentence's own
	// order: the index of each word's head among the words (-1: the
	// root) and its relation; rw, ru and rx the words and tags reversed
	// for a right-to-left model.
	heads, labs []int32
	rw, ru, rx  []string
	st          state
	tr          tree
	keys        []uint64
	scores      []float32
	lscore      []float32
	lsum        []int32
	// the transition scores of stackFeatures and bufferFeatures of each
	// word (bufferFeatures of the root are not used)
	top, front [][nTrans]int32
	bm         beam
	// The beam's memories of the sentence being parsed (entries of
	// generation gen; the others are empty): the labels chosen and the
	// transition scores of the configuration features, by a hash of the
	// features. The items of a beam make the same arcs in the same
	// surroundings again and again, and reach configurations that look
	// the same to the features (they differ in arcs the features do not
	// see) a third of the time.
	gen    uint32
	lcache [labelCacheSize]labelMemo
	tcache [transCacheSize]transMemo
	// joint labelling: the best relations of arcs (allocated on first
	// use) and the list topLabelsCached returns
	jcache []topMemo
	tops   []scoredLabel
}

const (
	labelCacheSize = 512
	transCacheSize = 512
)

type labelMemo struct {
	key   uint64
	gen   uint32
	label int32
}

// topMemo is the memory of the best relations of an arc: labels[:n] and
// their sums, best first.
type topMemo struct {
	key    uint64
	gen    uint32
	n      int32
	labels [MaxLabelTop]int32
	sums   [MaxLabelTop]int32
}

// scoredLabel is a relation of an arc and its score, in the units of the
// transition scores.
type scoredLabel struct {
	label int32
	score float64
}

type transMemo struct {
	key uint64
	gen uint32
	acc [nTrans]int32
}

// newSentence starts a new generation of the beam's memories.
func (sc *scratch) newSentence() {
	sc.gen++
	if sc.gen == 0 { // after 2^32 sentences
		clear(sc.lcache[:])
		clear(sc.tcache[:])
		clear(sc.jcache)
		sc.gen = 1
	}
}

// hashKeys combines feature keys (themselves hashes) into one: each key
// rotated by its position, so that the combination depends on the order,
// and the rotations independent of one another so that they run in
// parallel, then mixed.
func hashKeys(keys []uint64) uint64 {
	h := uint64(len(keys))
	for i, k := range keys {
		h ^= bits.RotateLeft64(k, i)
	}
	return linear.Mix(0, h, 0, 0)
}

func (m *Model) newScratch() *scratch {
	return &scratch{scores: make([]float32, nTrans), lscore: make([]float32, len(m.labels)), lsum: make([]int32, len(m.labels))}
}

// sentenceOf fills sc.x from the words and their tags.
func (m *Model) sentenceOf(x *sentence, words, upos, xpos []string) {
	n := len(words) + 2
	x.w = growU(x.w, n)
	x.p = growU(x.p, n)
	x.u = growU(x.u, n)
	x.suf = growU(x.suf, n)
	x.c = growU(x.c, n)
	x.cm = growU(x.cm, n)
	const rootV = 0x726f6f74
	x.w[0], x.p[0], x.u[0], x.suf[0], x.c[0], x.cm[0] = noneW, noneP, noneP, 0, noneW, noneW
	r := n - 1
	x.w[r], x.p[r], x.u[r], x.suf[r], x.c[r], x.cm[r] = rootV, rootV, rootV, 0, rootV, rootV
	for i, w := range words {
		x.w[i+1] = wordHash(w)
		x.p[i+1] = m.xposID[xpos[i]]
		x.u[i+1] = m.uposID[upos[i]]
		x.suf[i+1] = hashLower(w[max(0, len(w)-3):])
		c := m.clusters.Lookup(w)
		x.c[i+1], x.cm[i+1] = uint64(c.Fine), uint64(c.Mid)
	}
}

func growU(a []uint64, n int) []uint64 {
	if cap(a) < n {
		return make([]uint64, n)
	}
	return a[:n]
}

// parse parses sc.x, leaving the tree in sc.st (heads 1..n+1, n+1 the
// root).
func (m *Model) parse(sc *scratch) {
	x, st := &sc.x, &sc.st
	n := len(x.w) - 2
	st.reset(n)
	m.wordScores(sc, n)
	if m.beam > 1 || m.labelTop > 0 {
		m.parseBeam(sc)
	}
	for !st.done() {
		t, forced := st.forced()
		if !forced {
			// A word on the stack and one in the buffer, not the root:
			// the only configurations with a choice.
			acc := m.transScores(sc, st)
			t = bestValidSum(st, &acc)
		}
		var l int32
		switch t {
		case left:
			l = m.label(sc, st, st.b, st.s0())
		case right:
			l = m.label(sc, st, st.s0(), st.b)
		}
		st.apply(t, l)
	}
	st.finish(func(h, d int32) int32 { return m.label(sc, st, h, d) }, m.root)
	if m.rel != nil {
		m.relabel(sc)
	}
}

// wordScores fills sc.top and sc.front for the words 1..n.
func (m *Model) wordScores(sc *scratch, n int) {
	if cap(sc.top) < n+1 {
		sc.top = make([][nTrans]int32, n+1)
		sc.front = make([][nTrans]int32, n+1)
	}
	sc.top, sc.front = sc.top[:n+1], sc.front[:n+1]
	root := int32(n + 1)
	for i := int32(1); i <= int32(n); i++ {
		sc.top[i], sc.front[i] = [nTrans]int32{}, [nTrans]int32{}
		sc.keys = stackFeatures(&sc.x, i, sc.keys[:0])
		m.trans.Sum4(sc.keys, &sc.top[i])
		sc.keys = bufferFeatures(&sc.x, i, root, sc.keys[:0])
		m.trans.Sum4(sc.keys, &sc.front[i])
	}
}

// bestValidSum is bestValid over integer scores.
func bestValidSum(st *state, acc *[nTrans]int32) int {
	best, found := shift, false
	var bs int32
	for t := range nTrans {
		if st.valid(t) && (!found || acc[t] > bs) {
			best, bs, found = t, acc[t], true
		}
	}
	return best
}

func bestValid(st *state, scores []float32) int {
	best, bs := shift, float32(math.Inf(-1))
	for t := range nTrans {
		if st.valid(t) && scores[t] > bs {
			best, bs = t, scores[t]
		}
	}
	return best
}

// labelCached is label, remembering its choices in sc.lcache (which the
// caller clears for each sentence).
func (m *Model) labelCached(sc *scratch, st *state, h, d int32) int32 {
	if h == st.root() {
		return m.root
	}
	sc.keys = labelFeatures(&sc.x, st, h, d, m.labelSet, sc.keys)
	key := hashKeys(sc.keys)
	e := &sc.lcache[key%labelCacheSize]
	if e.gen == sc.gen && e.key == key {
		return e.label
	}
	l := m.labelOf(sc)
	*e = labelMemo{key, sc.gen, l}
	return l
}

// labelOf returns the best relation but root for the features in sc.keys.
// The integer sums rank the relations as Score's would (they are exact
// in float32 too), and come faster: the label table's long runs are
// loaded ahead.
func (m *Model) labelOf(sc *scratch) int32 {
	clear(sc.lsum)
	m.lab.Sum(sc.keys, sc.lsum)
	best := int32(0)
	for l, s := range sc.lsum {
		if s > sc.lsum[best] && int32(l) != m.root {
			best = int32(l)
		}
	}
	if best == m.root { // only when the root label is the first one
		best = (m.root + 1) % int32(len(m.labels))
	}
	return best
}

// topLabels fills e with the m.labelTop best relations of the arc whose
// label features are in sc.keys.
func (m *Model) topLabels(sc *scratch, e *topMemo) {
	clear(sc.lsum)
	m.lab.Sum(sc.keys, sc.lsum)
	e.n = selectTop(sc.lsum, m.root, m.labelTop, &e.labels, &e.sums)
}

// selectTop writes the k best relations of sums but except into labels and
// their sums, best first (of equal sums the first relation), and returns
// how many there are: k, or fewer if sums has fewer relations.
func selectTop[T int32 | float32](sums []T, except int32, k int, labels *[MaxLabelTop]int32, top *[MaxLabelTop]T) int32 {
	n, kk := int32(0), int32(min(k, MaxLabelTop))
	for l, s := range sums {
		if int32(l) == except || n == kk && (kk == 0 || s <= top[n-1]) {
			continue
		}
		// insert after the entries scoring at least s
		i := min(n, kk-1)
		for i > 0 && top[i-1] < s {
			labels[i], top[i] = labels[i-1], top[i-1]
			i--
		}
		labels[i], top[i] = int32(l), s
		n = min(n+1, kk)
	}
	return n
}

// topLabelsCached returns the m.labelTop best relations of the arc h -> d
// (not to the root) in configuration st with their scores in the units of
// the transition sums, remembering them in sc.jcache. The list is valid
// until the next call.
func (m *Model) topLabelsCached(sc *scratch, st *state, h, d int32) []scoredLabel {
	if sc.jcache == nil {
		sc.jcache = make([]topMemo, labelCacheSize)
	}
	sc.keys = labelFeatures(&sc.x, st, h, d, m.labelSet, sc.keys)
	key := hashKeys(sc.keys)
	e := &sc.jcache[key%labelCacheSize]
	if e.gen != sc.gen || e.key != key {
		m.topLabels(sc, e)
		e.key, e.gen = key, sc.gen
	}
	return m.scoredLabels(sc, e)
}

// scoredLabels converts the sums of a memo into sc.tops, in the units of
// the transition sums.
func (m *Model) scoredLabels(sc *scratch, e *topMemo) []scoredLabel {
	unit := 1.0
	if ts, ls := m.trans.Scale(), m.lab.Scale(); ts > 0 {
		unit = float64(ls) / float64(ts)
	}
	sc.tops = sc.tops[:0]
	for i := range e.n {
		sc.tops = append(sc.tops, scoredLabel{e.labels[i], float64(e.sums[i]) * unit})
	}
	return sc.tops
}

// label chooses the relation of the arc h -> d in configuration st.
func (m *Model) label(sc *scratch, st *state, h, d int32) int32 {
	if h == st.root() {
		return m.root
	}
	sc.keys = labelFeatures(&sc.x, st, h, d, m.labelSet, sc.keys)
	return m.labelOf(sc)
}

// parseWords parses one tagged sentence into sc.heads and sc.labs.
func (m *Model) parseWords(sc *scratch, words, upos, xpos []string) {
	n := len(words)
	if m.reversed {
		sc.rw, sc.ru, sc.rx = reversed(sc.rw, words), reversed(sc.ru, upos), reversed(sc.rx, xpos)
		words, upos, xpos = sc.rw, sc.ru, sc.rx
	}
	m.sentenceOf(&sc.x, words, upos, xpos)
	m.parse(sc)
	sc.heads, sc.labs = growI(sc.heads, n), growI(sc.labs, n)
	r := sc.st.root()
	for i := range n {
		h, l := sc.st.head[i+1]-1, sc.st.label[i+1]
		if h+1 == r {
			h = -1
		}
		if m.reversed {
			if h >= 0 {
				h = int32(n) - 1 - h
			}
			sc.heads[n-1-i], sc.labs[n-1-i] = h, l
			continue
		}
		sc.heads[i], sc.labs[i] = h, l
	}
}

// reversed fills dst with the strings of src in reverse order.
func reversed(dst, src []string) []string {
	dst = append(dst[:0], src...)
	slices.Reverse(dst)
	return dst
}

// Parse parses one tagged sentence and returns, for each word, the index of
// its head among the words (-1 for the root) and its relation.
func (m *Model) Parse(words, upos, xpos []string) (heads []int, labels []string) {
	sc := m.newScratch()
	m.parseWords(sc, words, upos, xpos)
	return treeOf(sc.heads, sc.labs, m.labels)
}

// treeOf returns a tree of parseWords as Parse does: heads as ints, the
// relations by name.
func treeOf(h, l []int32, names []string) (heads []int, labels []string) {
	heads = make([]int, len(h))
	labels = make([]string, len(h))
	for i := range h {
		heads[i] = int(h[i])
		labels[i] = names[l[i]]
	}
	return heads, labels
}

// WriteTo writes the model, compressed (linear.Pack).
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	zw := linear.Pack(cw)
	e := linear.NewEncoder(zw)
	e.Raw(magic)
	for _, list := range [][]string{m.xpos, m.upos, m.labels} {
		e.Uvarint(uint64(len(list)))
		for _, s := range list {
			e.String(s)
		}
	}
	e.Uvarint(uint64(m.root))
	m.clusters.WriteTo(e)
	m.trans.WriteTo(e)
	m.lab.WriteTo(e)
	// flags: 1 a relabeller follows, 2 a beam width follows, 4 the label
	// features are set 1, 8 a beam margin follows, 16 the number of
	// relations the beam tries per arc follows, 32 the version of the
	// label features follows (2 and up), 64 the bound of the relations'
	// scores follows, 128 the model reads sentences right to left
	var flags uint64
	if m.reversed {
		flags |= 128
	}
	if m.labelTop > 0 {
		flags |= 16
	}
	if m.beam > 1 && m.margin > 0 {
		flags |= 8
	}
	if m.labelSet == 1 {
		flags |= 4
	}
	if m.labelSet > 1 {
		flags |= 32
	}
	if m.labelBound > 0 {
		flags |= 64
	}
	if m.rel != nil {
		flags |= 1
	}
	if m.beam > 1 {
		flags |= 2
	}
	e.Uvarint(flags)
	if m.rel != nil {
		m.rel.WriteTo(e)
	}
	if m.beam > 1 {
		e.Uvarint(uint64(m.beam))
	}
	if flags&8 != 0 {
		e.Float32(m.margin)
	}
	if flags&16 != 0 {
		e.Uvarint(uint64(m.labelTop))
	}
	if flags&32 != 0 {
		e.Uvarint(uint64(m.labelSet))
	}
	if flags&64 != 0 {
		e.Float32(m.labelBound)
	}
	if err := e.Flush(); err != nil {
		return cw.n, err
	}
	return cw.n, zw.Close()
}

// ReadModel reads a model written by WriteTo.
func ReadModel(r io.Reader) (*Model, error) {
	raw, err := linear.Unpack(r)
	if err != nil {
		return nil, fmt.Errorf("parse model: %w", err)
	}
	m, err := readModel(linear.DecoderOf(raw))
	if err != nil {
		return nil, fmt.Errorf("parse model: %w", err)
	}
	return m, nil
}

func readModel(d *linear.Decoder) (*Model, error) {
	d.Expect(magic)
	m := &Model{}
	lists := make([][]string, 3)
	for i := range lists {
		n := d.Count(1<<12, "names")
		for range n {
			lists[i] = append(lists[i], d.String())
		}
	}
	m.xpos, m.upos, m.labels = lists[0], lists[1], lists[2]
	root := d.Count(uint64(max(len(m.labels)-1, 0)), "root label")
	if err := d.Err(); err != nil {
		return nil, err
	}
	if len(m.labels) == 0 {
		return nil, d.Fail("no labels")
	}
	m.buildIDs()
	m.root = int32(root)
	var err error
	if m.clusters, err = linear.ReadClusters(d); err != nil {
		return nil, err
	}
	if m.trans, err = linear.ReadWeights(d); err != nil {
		return nil, err
	}
	if m.lab, err = linear.ReadWeights(d); err != nil {
		return nil, err
	}
	flags := d.Count(255, "flags")
	m.reversed = flags&128 != 0
	if flags&4 != 0 {
		m.labelSet = 1
	}
	if flags&1 != 0 {
		if m.rel, err = linear.ReadWeights(d); err != nil {
			return nil, err
		}
		if m.rel.Classes() != len(m.labels) {
			return nil, fmt.Errorf("%w: class counts", linear.ErrCorrupt)
		}
	}
	if flags&2 != 0 {
		m.beam = d.Count(MaxBeam, "beam width")
	}
	if flags&8 != 0 {
		m.margin = d.Float32()
		if !positive(m.margin) {
			return nil, d.Fail("beam margin %g", m.margin)
		}
	}
	if flags&16 != 0 {
		if m.labelTop = d.Count(MaxLabelTop, "relations per arc"); m.labelTop == 0 && d.Err() == nil {
			return nil, d.Fail("no relations per arc")
		}
	}
	if flags&32 != 0 {
		if m.labelSet = d.Count(maxLabelSet, "label feature set"); m.labelSet < 2 && d.Err() == nil {
			return nil, d.Fail("label feature set %d after its flag", m.labelSet)
		}
	}
	if flags&64 != 0 {
		m.labelBound = d.Float32()
		if !positive(m.labelBound) {
			return nil, d.Fail("relation score bound %g", m.labelBound)
		}
	}
	if m.trans.Classes() != nTrans || m.lab.Classes() != len(m.labels) {
		return nil, fmt.Errorf("%w: class counts", linear.ErrCorrupt)
	}
	return m, d.End()
}

func (m *Model) buildIDs() {
	m.xposID = make(map[string]uint64, len(m.xpos))
	for i, s := range m.xpos {
		m.xposID[s] = uint64(i + 1)
	}
	m.uposID = make(map[string]uint64, len(m.upos))
	for i, s := range m.upos {
		m.uposID[s] = uint64(i + 1)
	}
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// Prune returns a copy of m without the weights smaller than min in
// magnitude: a smaller, faster model, as if trained with that Prune.
func (m *Model) Prune(min float32) *Model { return m.PruneEach(min, min) }

// PruneEach is Prune with one threshold for the transition weights and one
// for the label (and relabelling) weights: the parser's speed hangs on the
// size of both tables, its accuracy more on the labels'.
func (m *Model) PruneEach(moves, labels float32) *Model {
	p := *m
	p.trans, p.lab = m.trans.Prune(moves), m.lab.Prune(labels)
	if m.rel != nil {
		p.rel = m.rel.Prune(labels)
	}
	return &p
}

// transScores sums the scores of the transitions from st: the parts
// summed once per word (the buffer front's and the stack top's templates)
// and the configuration's own features.
func (m *Model) transScores(sc *scratch, st *state) [nTrans]int32 {
	acc := sc.front[st.b]
	top := &sc.top[st.s0()]
	for i := range acc {
		acc[i] += top[i]
	}
	sc.keys = configFeatures(&sc.x, st, sc.keys[:0])
	m.trans.Sum4(sc.keys, &acc)
	return acc
}

// transScoresCached is transScores, remembering the sums of the
// configuration's features in sc.tcache.
func (m *Model) transScoresCached(sc *scratch, st *state) [nTrans]int32 {
	sc.keys = configFeatures(&sc.x, st, sc.keys[:0])
	key := hashKeys(sc.keys)
	e := &sc.tcache[key%transCacheSize]
	var acc [nTrans]int32
	if e.gen == sc.gen && e.key == key {
		acc = e.acc
	} else {
		m.trans.Sum4(sc.keys, &acc)
		*e = transMemo{key, sc.gen, acc}
	}
	front, top := &sc.front[st.b], &sc.top[st.s0()]
	for i := range acc {
		acc[i] += front[i] + top[i]
	}
	return acc
}
