package tag

import (
	"math"
	"math/bits"
	"slices"
	"strings"

	"github.com/dateline-news/dateline/internal/linear"
)

// scratch is the per-call working memory of Tag. It also caches, per
// distinct word form and stage, the analysis of the word, the sums of the
// weights of its own keys (roleFeatures of roleSelf) and of the keys it
// brings to the two positions on each side (the neighbour roles), and per
// pair of tags before a word the sums of tagOnlyFeatures, for the model it
// was last used with. The cache outlives a document (Tagger.Run keeps it
// for the next): when it is full, it keeps the words seen most often
// (evict).
type scratch struct {
	ws     []word
	tids   []int32 // type of each word
	tags   []int
	first  []int
	rws    []word    // ws reversed, for the right-to-left pass
	rtids  []int32   // tids reversed
	rtags  []int     // right-to-left tags, in reversed order
	right  []int     // right-to-left tags, in sentence order
	need   []bool    // words the right-to-left pass scores
	margin []float32 // first-pass score margin of each word (real units)
	pos    []int     // the positions a pass scores
	keys   []uint64
	at     []int32 // where the sums of each key go
	static []int32 // per position scored, the sums of all but tagFeatures
	acc    []int32 // the sums of tagFeatures
	tmp    []int32 // sums being computed, for the cache
	pend   []pending
	zero   []int16 // Classes() zeros: the row of a role not cached

	model  *Model
	types  map[string]int32
	tws    []word        // per type; the first two are bosWord and eosWord
	seen   []uint32      // per type, the times it was seen (halved at each eviction)
	stages [3]stageCache // first, second, right-to-left
}

// stageCache holds the cached sums of one stage, computed when a position
// first reads them.
type stageCache struct {
	self     []int32 // per type, its row in selfRows (its own sums); -1: none
	selfRows rows[int32]
	// role[r-rolePrev][t] is the row in roleRows of the sums of the keys
	// type t brings in neighbour role r; -1: none yet; noRow: some sum
	// does not fit 16 bits, the keys are looked up per position.
	role     [nRoles - rolePrev][]int32
	roleRows rows[int16]
	// tags[p*(nc+1)+q] is the row in tagRows of the sums of
	// tagOnlyFeatures with the tags p and q before the word (nc for none);
	// -1: none yet; noRow: too large for 16 bits, looked up each time.
	tags    []int32
	tagRows rows[int16]
}

// A sum being computed for the cache: of type t in role r (tagsRole: the
// tag pair t), at offset off of scratch.tmp.
type pending struct {
	t, r, off int32
}

// minSeenRoles is the number of times a word must have been seen for its
// neighbour role sums to be cached: the keys a word seen once brings to
// its neighbours are looked up with theirs.
const minSeenRoles = 2

// Marks of the row indices of stageCache (-1: not computed yet), and the
// role of a pending tag pair.
const (
	noRow    = -2 // a sum does not fit 16 bits: the keys are looked up each time
	isPend   = -3 // queued by want
	tagsRole = -1
)

// roleOffset returns the position of the word in neighbour role r
// relative to the position it brings its keys to.
func roleOffset(r int) int {
	switch r {
	case rolePrev:
		return -1
	case rolePrev2:
		return -2
	case roleNext:
		return 1
	case roleNext2:
		return 2
	}
	return 0
}

// The types of the sentinel words.
const (
	bosType = 0
	eosType = 1
)

// maxTypes bounds the word cache (up to 1.3 kB of sums a word in each of
// the three stages, 5.3 MB a stage at most): when a sentence would overflow it, the cache
// keeps the maxTypes/4 words seen most often (evict). Twice as many words
// held 8 MB more after the PolNeAR dev corpus for 3 % more speed on it.
const maxTypes = 1 << 12

// reset empties the word cache.
func (sc *scratch) reset() {
	clear(sc.types)
	sc.tws = append(sc.tws[:0], bosWord(), eosWord())
	sc.seen = append(sc.seen[:0], 0, 0)
	nc := 0 // no model yet: typeOf resets again
	if sc.model != nil {
		nc = len(sc.model.classes)
	}
	for st := range sc.stages {
		c := &sc.stages[st]
		c.selfRows.reset(nc)
		c.roleRows.reset(nc)
		c.tagRows.reset(nc)
		c.self = append(c.self[:0], -1, -1)
		for r := range c.role {
			c.role[r] = append(c.role[r][:0], -1, -1)
		}
		c.tags = c.tags[:0]
	}
}

// evict keeps in the cache the words seen most often, at most
// maxTypes/4 of them, and halves their counts.
func (sc *scratch) evict(nc int) {
	// The smallest count kept: the highest that keeps enough words.
	var hist [33]int
	for _, n := range sc.seen[2:] {
		hist[min(32, bits.Len32(n))]++
	}
	lo, kept := 33, 0
	for lo > 2 && kept+hist[lo-1] <= maxTypes/4 {
		lo--
		kept += hist[lo]
	}
	// Words with counts of bit length lo and more (count >= 2^(lo-1)).
	newID := make([]int32, len(sc.tws))
	n := int32(2)
	for t := 2; t < len(sc.tws); t++ {
		newID[t] = -1
		if bits.Len32(sc.seen[t]) >= lo {
			newID[t] = n
			sc.tws[n], sc.seen[n] = sc.tws[t], sc.seen[t]/2
			n++
		}
	}
	newID[bosType], newID[eosType] = bosType, eosType
	sc.tws, sc.seen = sc.tws[:n], sc.seen[:n]
	for s, t := range sc.types {
		if newID[t] < 0 {
			delete(sc.types, s)
		} else {
			sc.types[s] = newID[t]
		}
	}
	for st := range sc.stages {
		c := &sc.stages[st]
		c.self = renumber(c.self, newID, n)
		c.selfRows.keep(c.self)
		for r := range c.role {
			c.role[r] = renumber(c.role[r], newID, n)
		}
		c.roleRows.keep(c.role[:]...)
	}
}

// renumber moves the values of at (per type) of the types kept to their
// new index newID (-1: not kept), and returns at cut to the n types kept.
func renumber(at []int32, newID []int32, n int32) []int32 {
	for t, id := range newID {
		if id >= 0 {
			at[id] = at[t] // id <= t: at[t] not yet overwritten
		}
	}
	return at[:n]
}

// typeOf returns the cache index of form s, analysing it the first time.
func (sc *scratch) typeOf(m *Model, s string) int32 {
	if sc.model != m || len(sc.tws) == 0 {
		sc.model = m
		sc.reset()
	}
	if sc.types == nil {
		sc.types = make(map[string]int32)
	}
	if t, ok := sc.types[s]; ok {
		return t
	}
	t := int32(len(sc.tws))
	sc.types[strings.Clone(s)] = t // not to keep the document's text
	sc.tws = append(sc.tws, word{})
	sc.seen = append(sc.seen, 0)
	m.analyse(s, &sc.tws[t])
	for st := range sc.stages {
		c := &sc.stages[st]
		c.self = append(c.self, -1)
		for r := range c.role {
			c.role[r] = append(c.role[r], -1)
		}
	}
	return t
}

// typesOf sets tids to the cache types of words, and ws to their
// analyses, and counts the words seen.
func (sc *scratch) typesOf(m *Model, words []string, ws []word, tids []int32) {
	if sc.model == m && len(sc.tws)+len(words) > maxTypes {
		// Between sentences, never inside one: the type indices of a
		// sentence must stay valid while it is tagged.
		sc.evict(len(m.classes))
	}
	for i, s := range words {
		tids[i] = sc.typeOf(m, s)
		ws[i] = sc.tws[tids[i]]
	}
	for _, t := range tids {
		if sc.seen[t] < math.MaxUint32 {
			sc.seen[t]++
		}
	}
}

// typeAt returns the type of position j of a sentence of types tids, or
// that of the sentinel word beyond it.
func typeAt(tids []int32, j int) int32 {
	switch {
	case j < 0:
		return bosType
	case j >= len(tids):
		return eosType
	}
	return tids[j]
}

// want queues the sums of the keys of type t in role r (or of the tag pair
// t, r tagsRole) for computing, and marks its offset *o pending.
func (sc *scratch) want(keys []uint64, nc int, t, r int32, o *int32) []uint64 {
	off := int32(len(sc.tmp))
	*o = isPend
	sc.tmp = append(sc.tmp, make([]int32, nc)...)
	sc.pend = append(sc.pend, pending{t, r, off})
	n := len(keys)
	switch {
	case r == tagsRole:
		p, q := uint64(int(t)/(nc+1)), uint64(int(t)%(nc+1))
		keys = tagOnlyFeatures(noneIf(p, nc), noneIf(q, nc), keys)
	default:
		keys = roleFeatures(&sc.tws[t], int(r), keys)
	}
	for range len(keys) - n {
		sc.at = append(sc.at, off)
	}
	return keys
}

// noneIf maps tag index nc (no word) to noTag.
func noneIf(p uint64, nc int) uint64 {
	if p == uint64(nc) {
		return noTag
	}
	return p
}

// compute sums the keys queued by want (with their offsets in sc.at) and
// stores the sums in the cache of stage c.
func (sc *scratch) compute(w *linear.Weights, c *stageCache, keys []uint64) {
	if len(sc.pend) == 0 {
		return
	}
	nc := w.Classes()
	w.SumAt(keys, sc.at, sc.tmp)
	for _, p := range sc.pend {
		row := sc.tmp[p.off:][:nc]
		switch {
		case p.r == roleSelf:
			c.self[p.t] = c.selfRows.add(row)
		case !fits16(row):
			if p.r == tagsRole {
				c.tags[p.t] = noRow
			} else {
				c.role[p.r-rolePrev][p.t] = noRow
			}
		case p.r == tagsRole:
			c.tags[p.t] = c.tagRows.add(row)
		default:
			c.role[p.r-rolePrev][p.t] = c.roleRows.add(row)
		}
	}
	sc.tmp, sc.pend, sc.at = sc.tmp[:0], sc.pend[:0], sc.at[:0]
}

// fits16 reports whether every sum of row fits in an int16.
func fits16(row []int32) bool {
	for _, x := range row {
		if x != int32(int16(x)) {
			return false
		}
	}
	return true
}

// prepare readies the scoring of the positions pos of ws (word types
// tids) in stage st (weights w): sc.static gets, for the k-th position,
// the sums of everything but tagFeatures: the cached sums of the word's
// own keys and of the keys its neighbours bring in their roles, and those
// of pairFeatures and of extra (may be nil). The sums not yet cached are
// computed first, all their keys looked up together, then those of all
// the other keys.
func (sc *scratch) prepare(w *linear.Weights, st int, ws []word, tids []int32, pos []int, extra func(i int, keys []uint64) []uint64) {
	nc := w.Classes()
	c := &sc.stages[st]
	keys := sc.keys[:0]
	sc.at, sc.tmp, sc.pend = sc.at[:0], sc.tmp[:0], sc.pend[:0]
	for _, i := range pos {
		if t := tids[i]; c.self[t] == -1 {
			keys = sc.want(keys, nc, t, roleSelf, &c.self[t])
		}
		for r := rolePrev; r < nRoles; r++ {
			t := typeAt(tids, i+roleOffset(r))
			if o := &c.role[r-rolePrev][t]; *o == -1 && (t < 2 || sc.seen[t] >= minSeenRoles) {
				keys = sc.want(keys, nc, t, int32(r), o)
			}
		}
	}
	sc.compute(w, c, keys)
	if len(sc.zero) != nc {
		sc.zero = make([]int16, nc)
	}

	// The last row takes FlagsFirst of the first word as the self row has
	// it, to take away.
	n := len(pos)
	sc.static = slices.Grow(sc.static[:0], (n+1)*nc)[:(n+1)*nc]
	clear(sc.static[n*nc:])
	keys, at := keys[:0], sc.at[:0]
	for k, i := range pos {
		m := len(keys)
		var rr [nRoles - rolePrev][]int16
		for r := rolePrev; r < nRoles; r++ {
			t := typeAt(tids, i+roleOffset(r))
			o := c.role[r-rolePrev][t]
			if o < 0 {
				rr[r-rolePrev] = sc.zero
				keys = roleFeatures(&sc.tws[t], r, keys)
			} else {
				rr[r-rolePrev] = c.roleRows.row(o)
			}
		}
		s := sc.static[k*nc:][:nc]
		self := c.selfRows.row(c.self[tids[i]])
		a, b, d, e := rr[0][:nc], rr[1][:nc], rr[2][:nc], rr[3][:nc]
		for c := range s {
			s[c] = self[c] + int32(a[c]) + int32(b[c]) + int32(d[c]) + int32(e[c])
		}
		keys = pairFeatures(ws, i, keys)
		if extra != nil {
			keys = extra(i, keys)
		}
		if i == 0 {
			keys = append(keys, flagsFirst(&ws[0], true))
		}
		for range len(keys) - m {
			at = append(at, int32(k*nc))
		}
		if i == 0 {
			keys = append(keys, flagsFirst(&ws[0], false))
			at = append(at, int32(n*nc))
		}
	}
	w.SumAt(keys, at, sc.static)
	sc.keys, sc.at = keys, at

	if n > 0 && pos[0] == 0 {
		neg := sc.static[n*nc:][:nc]
		s := sc.static[:nc]
		for c := range s {
			s[c] -= neg[c]
		}
	}
}

// predict returns the best class of the k-th position prepared, i in ws,
// in stage st (weights w), given the tags before it, and its margin over
// the second best in real units.
func (sc *scratch) predict(w *linear.Weights, st int, ws []word, tags []int, k, i int) (int, float32) {
	s := sc.sums(w, st, ws, tags, k, i)
	best, bs, second := 0, int64(math.MinInt64), int64(math.MinInt64)
	for c, x := range s {
		if x := int64(x); x > bs {
			best, bs, second = c, x, bs
		} else if x > second {
			second = x
		}
	}
	if second == math.MinInt64 {
		return best, float32(math.Inf(1))
	}
	return best, (float32(bs) - float32(second)) * w.Scale()
}

// sums returns the scores of the classes at the k-th position prepared, i
// in ws, in stage st (weights w), given the tags before it, in units of
// w.Scale(): the static sums plus those of tagFeatures (of
// tagOnlyFeatures cached per pair of tags). They are integers, so exactly
// the sums of the keys of features one by one (what training scores).
func (sc *scratch) sums(w *linear.Weights, st int, ws []word, tags []int, k, i int) []int32 {
	nc := w.Classes()
	if len(sc.acc) < nc {
		sc.acc = make([]int32, nc)
	}
	acc := sc.acc[:nc]
	s := sc.static[k*nc:][:nc]
	var buf [8]uint64
	keys := buf[:0]
	if tr := sc.tagRow(w, st, tags, i); tr != nil {
		tr = tr[:len(acc)]
		for c := range acc {
			acc[c] = s[c] + int32(tr[c])
		}
	} else {
		copy(acc, s)
		p, q := prevTags(tags, i)
		keys = tagOnlyFeatures(p, q, keys)
	}
	w.Sum(tagWordFeatures(ws, tags, i, keys), acc)
	return acc
}

// tagRow returns the sums of tagOnlyFeatures at position i, given the tags
// before it, in stage st (weights w), computing them the first time; nil
// when they do not fit 16 bits.
func (sc *scratch) tagRow(w *linear.Weights, st int, tags []int, i int) []int16 {
	nc := w.Classes()
	c := &sc.stages[st]
	if len(c.tags) == 0 {
		c.tags = slices.Grow(c.tags, (nc+1)*(nc+1))[:(nc+1)*(nc+1)]
		for j := range c.tags {
			c.tags[j] = -1
		}
	}
	p, q := nc, nc
	if i > 0 {
		p = tags[i-1]
	}
	if i > 1 {
		q = tags[i-2]
	}
	t := int32(p*(nc+1) + q)
	if c.tags[t] == -1 {
		sc.at, sc.tmp, sc.pend = sc.at[:0], sc.tmp[:0], sc.pend[:0]
		var buf [3]uint64
		sc.compute(w, c, sc.want(buf[:0], nc, t, tagsRole, &c.tags[t]))
	}
	if c.tags[t] < 0 {
		return nil
	}
	return c.tagRows.row(c.tags[t])
}

// Tag tags the words of one sentence, appending to dst.
func (m *Model) Tag(words []string, dst []Tagged) []Tagged {
	var sc scratch
	return m.tag(words, dst, &sc)
}

func (m *Model) tag(words []string, dst []Tagged, sc *scratch) []Tagged {
	n := len(words)
	if cap(sc.ws) < n {
		sc.ws = make([]word, n)
		sc.tags = make([]int, n)
		sc.tids = make([]int32, n)
	}
	if cap(sc.margin) < n {
		sc.margin = make([]float32, n)
	}
	ws, tags, margin, tids := sc.ws[:n], sc.tags[:n], sc.margin[:n], sc.tids[:n]
	sc.typesOf(m, words, ws, tids)
	markSentence(ws)
	pos := sc.pos[:0]
	for i := range ws {
		if ws[i].sure >= 0 {
			tags[i] = ws[i].sure
		} else {
			pos = append(pos, i)
		}
	}
	sc.pos = pos
	sc.prepare(m.w, 0, ws, tids, pos, nil)
	for k, i := range pos {
		tags[i], margin[i] = sc.predict(m.w, 0, ws, tags, k, i)
	}
	if m.w2 != nil {
		// The second pass looks again at the words the first was unsure
		// of, seeing the tags of the words after them.
		// need marks the unsure words and the words after them whose
		// right-to-left tags the second pass reads, and one more.
		sc.need = slices.Grow(sc.need[:0], n)[:n]
		clear(sc.need)
		from := n
		for i := range ws {
			if ws[i].sure < 0 && margin[i] < secondMargin {
				from = min(from, i)
				for p := i; p < min(n, i+rightWindow); p++ {
					sc.need[p] = true
				}
			}
		}
		if from < n {
			first := append(sc.first[:0], tags...)
			sc.first = first
			var right []int
			if m.wr != nil {
				right = m.tagRight(ws, tids, first, sc.need, sc)
			}
			pos := sc.pos[:0]
			for i := from; i < n; i++ {
				if ws[i].sure < 0 && margin[i] < secondMargin {
					pos = append(pos, i)
				}
			}
			sc.pos = pos
			sc.prepare(m.w2, 1, ws, tids, pos, func(i int, keys []uint64) []uint64 {
				return secondFeatures(ws, first, right, i, keys)
			})
			for k, i := range pos {
				tags[i], _ = sc.predict(m.w2, 1, ws, tags, k, i)
			}
		}
	}
	for i, s := range words {
		c := tags[i]
		lemma, feats := m.lemma(s, &ws[i], c)
		dst = append(dst, Tagged{UPOS: m.upos[c], XPOS: m.xpos[c], Lemma: lemma, Feats: feats})
	}
	return dst
}

// rightWindow is the number of words, from an unsure word on, that the
// right-to-left pass scores: the second pass reads its tags of the word
// and the two after it, and the one after them is its left context. The
// pass takes the first pass's tags for the other words: on EWT and GUM dev
// this gives the second pass the tags of the whole right-to-left pass, at
// about half its cost.
const rightWindow = 4

// tagRight tags ws from right to left with the right-to-left pass (wr): the
// same templates over the reversed sentence. With need nil it scores every
// word; otherwise only those marked in need, from the last to the first
// marked, and takes the tag of first for the others. It returns the tags in
// sentence order (those before the first marked word are not set), as
// many as ws. tids are the cache types of ws in sc.
func (m *Model) tagRight(ws []word, tids []int32, first []int, need []bool, sc *scratch) []int {
	n := len(ws)
	from := 0
	if need != nil {
		from = n
		if i := slices.Index(need, true); i >= 0 {
			from = i
		}
	}
	sc.rws = append(sc.rws[:0], ws...)
	slices.Reverse(sc.rws)
	sc.rtids = append(sc.rtids[:0], tids...)
	slices.Reverse(sc.rtids)
	sc.rtags = slices.Grow(sc.rtags[:0], n)[:n]
	sc.right = slices.Grow(sc.right[:0], n)[:n]
	pos := sc.pos[:0]
	for j := range n - from {
		if sc.rws[j].sure < 0 && (need == nil || need[n-1-j]) {
			pos = append(pos, j)
		}
	}
	sc.pos = pos
	sc.prepare(m.wr, 2, sc.rws, sc.rtids, pos, nil)
	k := 0
	for j := range n - from {
		c := sc.rws[j].sure
		switch {
		case k < len(pos) && pos[k] == j:
			c, _ = sc.predict(m.wr, 2, sc.rws, sc.rtags, k, j)
			k++
		case c < 0:
			c = first[n-1-j]
		}
		sc.rtags[j] = c
		sc.right[n-1-j] = c
	}
	return sc.right
}

// secondMargin is the first-pass margin (best score minus second best, in
// the units of the averaged weights) above which the second pass leaves a
// word alone: on EWT dev it changes almost only words below it, and
// skipping the others saves most of its cost.
const secondMargin = 32
