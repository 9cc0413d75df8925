package parse

import (
	"cmp"
	"math"
	"slices"

	"github.com/dateline-news/dateline/internal/linear"
)

// Beam search (Zhang and Clark 2008; Zhang and Nivre 2011): the parser
// keeps the k highest-scoring configurations, the score of a configuration
// being the sum of the scores of the transitions that made it. Every
// arc-eager sequence over n words has 2n transitions (each word is pushed
// once and popped once), so the configurations of a beam all finish at the
// same step. Transitions forced by the configuration add nothing to the
// score, in training as in parsing. The relation of an arc is chosen by the
// label classifier when the arc is made, for each configuration; or, with
// joint labelling (Model.LabelTop above 0), an arc transition is a
// successor per relation among the LabelTop best of the label classifier,
// whose score (converted to the units of the transition sums: the two
// tables are quantised apart) adds to the transition's. The relations of
// arcs to the root are forced, like the transitions that make them.
//
// As it parses, the beam drops the successors that score more than the
// model's margin below the best of the step (none with a margin of 0, the
// plain beam). Most steps have one clear winner, and with a margin the
// search costs little more than greedy parsing there. A configuration
// with one successor in the new beam moves into it instead of being
// copied; the scores of configuration features and the labels (or the
// best few relations and their sums) are remembered for the sentence by a
// hash of their features, since the
// items of a beam often differ only in arcs the features do not see.

// item is one configuration of the beam.
type item struct {
	st    state
	score float64
	// training only: the number of gold arcs lost so far, and the
	// transitions taken (t | label<<2)
	cost int
	hist []int32
}

// cand is a successor of an item of the beam: transition tl&3 of item
// parent, with relation tl>>2 - 1 for an arc whose relation the beam
// chose (joint labelling), tl>>2 == 0 otherwise.
type cand struct {
	parent int32
	tl     int32
	score  float64
}

// scorers are what a beam step asks of the model.
type scorers struct {
	// trans gives the scores of the transitions of a configuration with a
	// choice.
	trans func(*state, *[nTrans]float64)
	// label gives the relation of an arc h -> d made in a configuration:
	// an arc to the root, or any arc without top.
	label func(st *state, h, d int32) int32
	// top, if not nil, gives the relations the beam tries for an arc h ->
	// d (not to the root) with their scores, added to the transition's.
	top func(st *state, h, d int32) []scoredLabel
	// bound, with top and a margin, is an upper bound of the scores of
	// top's relations (in the units of trans; 0: none): an arc whose
	// transition score plus bound is already below the best successor
	// of the step by more than the margin is dropped without scoring its
	// relations, as the margin would drop it.
	bound float64
}

// arc returns the head and the dependent of the arc transition t (left
// or right) makes in st.
func (s *state) arc(t int) (h, d int32) {
	if t == left {
		return s.b, s.s0()
	}
	return s.s0(), s.b
}

// beam is the working memory of a beam search.
type beam struct {
	items, next []item
	n           int // live items
	cands       []cand
	ss          [MaxBeam][nTrans]float64 // each item's transition scores (a field: a local would escape, by the closure)
}

// copyFrom makes s a copy of o, reusing the memory of s.
func (s *state) copyFrom(o *state) {
	s.n, s.b = o.n, o.b
	s.stack = append(s.stack[:0], o.stack...)
	s.head = append(s.head[:0], o.head...)
	s.label = append(s.label[:0], o.label...)
	s.lc1 = append(s.lc1[:0], o.lc1...)
	s.lc2 = append(s.lc2[:0], o.lc2...)
	s.rc1 = append(s.rc1[:0], o.rc1...)
	s.rc2 = append(s.rc2[:0], o.rc2...)
	s.nl = append(s.nl[:0], o.nl...)
	s.nr = append(s.nr[:0], o.nr...)
	s.lset = append(s.lset[:0], o.lset...)
	s.rset = append(s.rset[:0], o.rset...)
}

func (it *item) copyFrom(o *item) {
	it.st.copyFrom(&o.st)
	it.score, it.cost = o.score, o.cost
	it.hist = append(it.hist[:0], o.hist...)
}

// reset starts a search of width k over n words.
func (b *beam) reset(k, n int) {
	if len(b.items) < k {
		b.items = append(b.items, make([]item, k-len(b.items))...)
		b.next = append(b.next, make([]item, k-len(b.next))...)
	}
	b.n = 1
	it := &b.items[0]
	it.st.reset(n)
	it.score, it.cost = 0, 0
	it.hist = it.hist[:0]
}

// done reports whether the configurations are final.
func (b *beam) done() bool { return b.items[0].st.done() }

// step replaces the beam with the k best successors of its items. With
// gh (gold heads) the items keep their histories and costs; with gl (gold
// relations) too, a wrong relation on a gold arc costs as a lost arc.
// Candidates of equal score keep the order of their items, transitions
// and relations, so the search is deterministic. A margin above 0 drops
// the candidates that score more than margin below the best one.
func (b *beam) step(k int, margin float64, f *scorers, gh, gl []int32) {
	b.cands = b.cands[:0]
	b.expand(margin, f)
	if margin > 0 {
		b.prune(margin)
	}
	slices.SortStableFunc(b.cands, func(a, c cand) int { return cmp.Compare(c.score, a.score) })
	m := min(k, len(b.cands))
	// A configuration with one successor in the new beam (the usual case
	// once the margin prunes) moves there instead of being copied; with
	// several, the last one takes it and the others copy it first.
	var kids [MaxBeam]int8
	for _, c := range b.cands[:m] {
		kids[c.parent]++
	}
	for j, c := range b.cands[:m] {
		p, nx := &b.items[c.parent], &b.next[j]
		t := int(c.tl & 3)
		if gh != nil {
			nx.cost = p.cost + p.st.cost(t, gh)
		}
		if kids[c.parent]--; kids[c.parent] == 0 {
			nx.st, p.st = p.st, nx.st
			if gh != nil {
				nx.hist, p.hist = p.hist, nx.hist
			}
		} else {
			nx.st.copyFrom(&p.st)
			if gh != nil {
				nx.hist = append(nx.hist[:0], p.hist...)
			}
		}
		nx.score = c.score
		var l int32
		if t == left || t == right {
			h, d := nx.st.arc(t)
			if l = c.tl>>2 - 1; l < 0 {
				l = f.label(&nx.st, h, d)
			}
			if gl != nil && gh[d] == h && l != gl[d] {
				nx.cost++
			}
		}
		if gh != nil {
			nx.hist = append(nx.hist, int32(t)|l<<2)
		}
		nx.st.apply(t, l)
	}
	b.items, b.next = b.next, b.items
	b.n = m
}

// expand makes the candidates of step: the successors of every item, in
// the order of the items, their transitions and relations. With joint
// labels, a margin and a bound of the relations' scores, it leaves out the
// arcs whose relations could not lift them within the margin of the best
// candidate seen before them (the shifts and reductions of all items are
// seen first), which the margin would drop anyway: their relations are
// never scored.
func (b *beam) expand(margin float64, f *scorers) {
	bounded := f.top != nil && f.bound > 0 && margin > 0
	best := math.Inf(-1)
	for i := range b.items[:b.n] {
		st := &b.items[i].st
		if _, forced := st.forced(); forced {
			best = max(best, b.items[i].score)
			continue
		}
		s := &b.ss[i]
		f.trans(st, s)
		if bounded {
			for _, t := range [2]int{shift, reduce} {
				if st.valid(t) {
					best = max(best, b.items[i].score+s[t])
				}
			}
		}
	}
	for i := range b.items[:b.n] {
		it := &b.items[i]
		st := &it.st
		if t, forced := st.forced(); forced {
			b.cands = append(b.cands, cand{int32(i), int32(t), it.score})
			continue
		}
		s := &b.ss[i]
		for t := range nTrans {
			if !st.valid(t) {
				continue
			}
			base := it.score + s[t]
			if f.top == nil || t == shift || t == reduce {
				b.cands = append(b.cands, cand{int32(i), int32(t), base})
				continue
			}
			if bounded && base+f.bound < best-margin {
				continue
			}
			h, d := st.arc(t)
			for _, l := range f.top(st, h, d) {
				c := base + l.score
				b.cands = append(b.cands, cand{int32(i), int32(t) | (l.label+1)<<2, c})
				best = max(best, c)
			}
		}
	}
}

// prune drops the candidates scoring more than margin below the best,
// keeping the order of the others.
func (b *beam) prune(margin float64) {
	if len(b.cands) == 0 {
		return
	}
	best := b.cands[0].score
	for _, c := range b.cands[1:] {
		best = max(best, c.score)
	}
	keep := b.cands[:0]
	for _, c := range b.cands {
		if c.score >= best-margin {
			keep = append(keep, c)
		}
	}
	b.cands = keep
}

// parseBeam parses sc.x with a beam of width m.beam, leaving the final
// configuration of the best sequence in sc.st (which parse then finishes).
func (m *Model) parseBeam(sc *scratch) {
	x := &sc.x
	n := len(x.w) - 2
	b := &sc.bm
	k := max(m.beam, 1)
	b.reset(k, n)
	f := scorers{
		trans: func(st *state, out *[nTrans]float64) {
			acc := m.transScoresCached(sc, st)
			for i, v := range acc {
				out[i] = float64(v)
			}
		},
		label: func(st *state, h, d int32) int32 { return m.labelCached(sc, st, h, d) },
	}
	if m.labelTop > 0 {
		f.top = func(st *state, h, d int32) []scoredLabel { return m.topLabelsCached(sc, st, h, d) }
		if unit := m.trans.Scale(); m.labelBound > 0 && unit > 0 {
			f.bound = float64(m.labelBound) / float64(unit)
		}
	}
	sc.newSentence()
	margin := 0.0
	if unit := m.trans.Scale(); m.margin > 0 && unit > 0 {
		margin = float64(m.margin) / float64(unit) // in the units of the sums
	}
	for !b.done() {
		b.step(k, margin, &f, nil, nil)
	}
	// The best sequence that leaves one word to the root, if any: finish
	// would otherwise hang the other words left to the root on the
	// leftmost, a guess.
	best := 0
	for i := range b.items[:b.n] {
		if b.items[i].st.rootKids() == 1 {
			best = i
			break
		}
	}
	sc.st.copyFrom(&b.items[best].st)
}

// rootKids returns the number of words attached to the root.
func (s *state) rootKids() int {
	r, k := s.root(), 0
	for _, h := range s.head[1:r] {
		if h == r {
			k++
		}
	}
	return k
}

// beamTrainer trains the transition classifier globally on the beam
// (Collins and Roark 2004; Zhang and Clark 2008) with max-violation updates
// (Huang, Fayong and Guo 2012): the weights move towards the gold sequence
// and away from the best sequence of the beam at the step where the best
// outscores the gold by the most. The gold sequence is latent (Björkelund
// and Kuhn 2014): of the sequences that lose no gold arc (cost 0 under the
// dynamic oracle), the one the model scores highest as the search goes, so
// the spurious ambiguity of arc-eager (when to reduce) is not punished.
// The label classifier learns on the arcs of the gold sequence, apart
// (each arc an instance); with joint labelling (top > 0) it is part of the
// global model instead: the beam tries the top best relations of each arc,
// a wrong relation loses the sequence its gold status, and the updates
// move the label weights along the two sequences as they move the
// transition weights, so that both are in the same units.
type beamTrainer struct {
	m          *Model
	k          int
	top        int  // relations tried per arc (0: labels learnt apart)
	local      bool // with top, the labels also learn on each gold arc apart
	trans, lab *linear.Trainer
	b          beam
	gold       item
	goldHist   []int32
	predHist   []int32
	replay     state
	wtop       [][nTrans]float32
	front      [][nTrans]float32
	keys       []uint64
	scores     []float32
	lscore     []float32
	tops       []scoredLabel
}

func newBeamTrainer(m *Model, k, top int, trans, lab *linear.Trainer) *beamTrainer {
	return &beamTrainer{m: m, k: k, top: top, trans: trans, lab: lab, scores: make([]float32, nTrans), lscore: make([]float32, len(m.labels))}
}

// score4 adds the current weights of keys to out.
func (bt *beamTrainer) score4(keys []uint64, out *[nTrans]float32) {
	clear(bt.scores)
	bt.trans.Score(keys, bt.scores)
	for i := range out {
		out[i] += bt.scores[i]
	}
}

// labelScores fills bt.lscore with the current label scores of the arc h
// -> d in st.
func (bt *beamTrainer) labelScores(x *sentence, st *state, h, d int32) {
	bt.keys = labelFeatures(x, st, h, d, bt.m.labelSet, bt.keys)
	clear(bt.lscore)
	bt.lab.Score(bt.keys, bt.lscore)
}

// topLabels returns the bt.top best relations but root of the scores in
// bt.lscore, best first (of equal scores the first relation).
func (bt *beamTrainer) topLabels() []scoredLabel {
	var labels [MaxLabelTop]int32
	var scores [MaxLabelTop]float32
	n := selectTop(bt.lscore, bt.m.root, bt.top, &labels, &scores)
	bt.tops = bt.tops[:0]
	for i := range n {
		bt.tops = append(bt.tops, scoredLabel{labels[i], float64(scores[i])})
	}
	return bt.tops
}

// sentence learns from one sentence with gold heads gh (projective, root
// last) and labels gl.
func (bt *beamTrainer) sentence(x *sentence, gh, gl []int32) {
	m := bt.m
	n := len(x.w) - 2
	root := int32(n + 1)
	if cap(bt.wtop) < n+1 {
		bt.wtop = make([][nTrans]float32, n+1)
		bt.front = make([][nTrans]float32, n+1)
	}
	bt.wtop, bt.front = bt.wtop[:n+1], bt.front[:n+1]
	for i := int32(1); i <= int32(n); i++ {
		bt.wtop[i], bt.front[i] = [nTrans]float32{}, [nTrans]float32{}
		bt.keys = stackFeatures(x, i, bt.keys[:0])
		bt.score4(bt.keys, &bt.wtop[i])
		bt.keys = bufferFeatures(x, i, root, bt.keys[:0])
		bt.score4(bt.keys, &bt.front[i])
	}
	f := scorers{
		trans: func(st *state, out *[nTrans]float64) {
			var acc [nTrans]float32
			bt.keys = configFeatures(x, st, bt.keys[:0])
			bt.score4(bt.keys, &acc)
			top, front := &bt.wtop[st.s0()], &bt.front[st.b]
			for i := range acc {
				out[i] = float64(acc[i] + top[i] + front[i])
			}
		},
		label: func(st *state, h, d int32) int32 {
			if h == st.root() {
				return m.root
			}
			bt.labelScores(x, st, h, d)
			return int32(argmaxExcept(bt.lscore, int(m.root)))
		},
	}
	joint := bt.top > 0
	var goldLabels []int32
	if joint {
		f.top = func(st *state, h, d int32) []scoredLabel {
			bt.labelScores(x, st, h, d)
			return bt.topLabels()
		}
		goldLabels = gl
	}
	b, g := &bt.b, &bt.gold
	b.reset(bt.k, n)
	g.st.reset(n)
	g.score, g.cost, g.hist = 0, 0, g.hist[:0]
	maxV, violated := 0.0, false
	var s [nTrans]float64
	for !g.st.done() {
		// the gold sequence: its best transition that loses no gold arc
		// (with joint labels, scored with the arc's gold relation)
		st := &g.st
		t, forced := st.forced()
		if !forced {
			f.trans(st, &s)
			t = -1
			best := 0.0
			for c := range nTrans {
				if !st.valid(c) || st.cost(c, gh) != 0 {
					continue
				}
				v := s[c]
				if joint && (c == left || c == right) {
					if h, d := st.arc(c); h != root {
						bt.labelScores(x, st, h, d)
						v += float64(bt.lscore[gl[d]])
					}
				}
				if t < 0 || v > best {
					t, best = c, v
				}
			}
			if t < 0 { // not for projective gold trees
				t, _ = st.forced()
				for c := range nTrans {
					if st.valid(c) {
						t = c
						break
					}
				}
				best = s[t]
			}
			g.score += best
		}
		var l int32
		if t == left || t == right {
			h, d := st.arc(t)
			switch {
			case h == root:
				l = m.root
			case joint && !bt.local:
				l = gl[d]
			default:
				bt.labelScores(x, st, h, d)
				p := argmaxExcept(bt.lscore, int(m.root))
				bt.lab.Tick()
				l = gl[d]
				if p != int(l) {
					bt.lab.Update(bt.keys, int(l), 1)
					bt.lab.Update(bt.keys, p, -1)
				}
			}
		}
		g.hist = append(g.hist, int32(t)|l<<2)
		st.apply(t, l)

		b.step(bt.k, 0, &f, gh, goldLabels)
		// the best item that has lost no gold arc becomes the gold
		// sequence if it scores higher
		for i := range b.items[:b.n] {
			if it := &b.items[i]; it.cost == 0 {
				if it.score > g.score {
					g.copyFrom(it)
				}
				break
			}
		}
		// a violation: the best item has lost a gold arc and scores at
		// least as high as the gold sequence
		if v := b.items[0].score - g.score; b.items[0].cost > 0 && v >= 0 && (!violated || v > maxV) {
			maxV, violated = v, true
			bt.goldHist = append(bt.goldHist[:0], g.hist...)
			bt.predHist = append(bt.predHist[:0], b.items[0].hist...)
		}
	}
	bt.trans.Tick()
	if joint {
		bt.lab.Tick()
	}
	if violated {
		bt.update(x, n)
	}
}

// update moves the weights towards the features of bt.goldHist and away
// from those of bt.predHist, from the first transition where they differ:
// the transition weights, and with joint labels the label weights of the
// arcs.
func (bt *beamTrainer) update(x *sentence, n int) {
	same := 0
	for same < len(bt.goldHist) && same < len(bt.predHist) && bt.goldHist[same] == bt.predHist[same] {
		same++
	}
	for _, side := range []struct {
		hist  []int32
		delta float32
	}{{bt.goldHist, 1}, {bt.predHist, -1}} {
		st := &bt.replay
		st.reset(n)
		for j, h := range side.hist {
			t, l := int(h&3), h>>2
			if j >= same {
				if _, forced := st.forced(); !forced {
					bt.keys = features(x, st, bt.keys)
					bt.trans.Update(bt.keys, t, side.delta)
					if bt.top > 0 && (t == left || t == right) {
						if hd, d := st.arc(t); hd != st.root() {
							bt.keys = labelFeatures(x, st, hd, d, bt.m.labelSet, bt.keys)
							bt.lab.Update(bt.keys, int(l), side.delta)
						}
					}
				}
			}
			st.apply(t, l)
		}
	}
}
