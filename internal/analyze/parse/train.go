package parse

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/dateline-news/dateline/internal/conllu"

	"github.com/dateline-news/dateline/internal/linear"
)

// TrainOptions control training.
type TrainOptions struct {
	Epochs int    // passes over the training data (default 15)
	Seed   uint64 // shuffling and exploration seed
	// Explore is the probability of following the model's own (possibly
	// wrong) transition instead of the oracle's once exploration starts
	// (default 0.9); ExploreFrom is the first epoch that explores (default 2).
	Explore     float64
	ExploreFrom int
	// Prune drops averaged weights smaller than this (default 1).
	Prune float32
	// KeepLast keeps the model of the last epoch instead of the best on dev.
	KeepLast bool
	// Clusters gives the parser word-cluster features (nil: none); the
	// model stores them.
	Clusters *linear.Clusters
	// Beam is the width of the beam (default 1: greedy). With a beam the
	// transitions are learnt globally, with max-violation updates, and the
	// model parses with the same width.
	Beam int
	// ParseBeam is the width the model parses with, and picks its epoch
	// with (default: Beam); Margin the margin of its beam (0: none; see
	// Model.WithMargin). A model trained with a wide beam can parse with
	// a narrower, pruned one.
	ParseBeam int
	Margin    float32
	// LabelTop, with a beam, makes labelling part of the search (at most
	// MaxLabelTop): the beam tries the LabelTop best relations of every arc
	// it could make, each as a successor scored by the transition and the
	// relation, and the label classifier is trained with the transitions,
	// globally, on the same updates (0: the label classifier names each arc
	// apart and learns on each gold arc).
	LabelTop int
	// LabelLocal, with LabelTop, also trains the label classifier on each
	// arc of the gold sequence apart (as without LabelTop), besides the
	// global updates.
	LabelLocal bool
	// LabelFeatures is the version of the label features (see
	// labelFeatures; 0: 1).
	LabelFeatures int
	// RelabelEpochs trains the relabeller of finished trees for this many
	// epochs on the gold trees (0: no relabeller; the model keeps the
	// labels chosen as arcs are made).
	RelabelEpochs int
	// Reverse trains a right-to-left parser: it reads every sentence
	// backwards (the model parses so, and gives heads and relations in the
	// sentence's own order), a different view of the same sentences for
	// an ensemble (see Ensemble).
	Reverse bool
}

// Score is the attachment accuracy on gold trees. LAS compares the
// universal part of the relation (subtypes ignored), as the CoNLL 2018
// shared task does; LASFull compares whole relations.
type Score struct {
	UAS, LAS, LASFull float64
	Tokens            int
}

// Train trains a parser on train (whose UPOS and XPOS should be the ones a
// tagger predicts, e.g. by jackknifing), scoring each epoch on dev.
func Train(ctx context.Context, train, dev []conllu.Sentence, opt TrainOptions, progress func(epoch int, dev Score)) (*Model, error) {
	if opt.Epochs <= 0 {
		opt.Epochs = 15
	}
	if opt.Explore == 0 {
		opt.Explore = 0.9
	}
	if opt.ExploreFrom == 0 {
		opt.ExploreFrom = 2
	}
	if opt.Prune == 0 {
		opt.Prune = 1
	}
	if len(train) == 0 {
		return nil, errors.New("parse: no training sentences")
	}
	m := vocabulary(train)
	m.clusters = opt.Clusters
	if opt.Reverse {
		m.reversed = true
		rev := make([]conllu.Sentence, len(train))
		for i := range train {
			rev[i] = reverseSentence(&train[i])
		}
		train = rev
	}
	if opt.LabelFeatures < 0 || opt.LabelFeatures > maxLabelSet {
		return nil, fmt.Errorf("parse: label feature set %d (want 0 to %d)", opt.LabelFeatures, maxLabelSet)
	}
	if opt.LabelFeatures > 0 {
		m.labelSet = opt.LabelFeatures
	}
	labelID := map[string]int32{}
	for i, l := range m.labels {
		labelID[l] = int32(i)
	}
	type example struct {
		x  sentence
		gh []int32 // projectivised gold heads, 1-based, [0] unused
		gl []int32
		oh []int32 // the original gold heads
	}
	data := make([]example, 0, len(train))
	var words, upos, xpos []string
	for _, s := range train {
		if !wellFormed(&s) {
			continue
		}
		words, upos, xpos = columns(&s, words, upos, xpos)
		var ex example
		m.sentenceOf(&ex.x, words, upos, xpos)
		heads := make([]int32, len(s.Tokens)+1)
		ex.gl = make([]int32, len(s.Tokens)+2)
		heads[0] = -1
		for i, t := range s.Tokens {
			heads[i+1] = int32(t.Head)
			ex.gl[i+1] = labelID[t.Deprel]
		}
		ex.oh = rootLast(heads)
		projectivise(heads)
		ex.gh = rootLast(heads)
		data = append(data, ex)
	}
	trans := linear.NewTrainer(nTrans)
	lab := linear.NewTrainer(len(m.labels))
	rng := rand.New(rand.NewPCG(opt.Seed, 0x9a25))
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	sc := m.newScratch()
	var costs [nTrans]int
	opt.Beam = min(max(opt.Beam, 1), MaxBeam)
	if opt.ParseBeam <= 0 {
		opt.ParseBeam = opt.Beam
	}
	opt.ParseBeam = min(opt.ParseBeam, MaxBeam)
	opt.Margin = orZero(opt.Margin)
	if opt.LabelTop < 0 || opt.LabelTop > MaxLabelTop || opt.LabelTop > 0 && opt.Beam < 2 {
		return nil, fmt.Errorf("parse: %d relations per arc with a beam of %d (want 0, or 1 to %d with a beam)", opt.LabelTop, opt.Beam, MaxLabelTop)
	}
	bt := newBeamTrainer(m, opt.Beam, opt.LabelTop, trans, lab)
	bt.local = opt.LabelLocal
	var best *Model
	bestScore := -1.0
	for epoch := 1; epoch <= opt.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		explore := epoch >= opt.ExploreFrom
		for k, idx := range order {
			if k%256 == 0 {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
			}
			ex := &data[idx]
			if opt.Beam > 1 {
				bt.sentence(&ex.x, ex.gh, ex.gl)
				continue
			}
			x, st := &ex.x, &sc.st
			st.reset(len(x.w) - 2)
			for !st.done() {
				sc.keys = features(x, st, sc.keys)
				clear(sc.scores)
				trans.Score(sc.keys, sc.scores)
				pred := bestValid(st, sc.scores)
				minCost := math.MaxInt
				for t := range nTrans {
					costs[t] = math.MaxInt
					if st.valid(t) {
						costs[t] = st.cost(t, ex.gh)
						minCost = min(minCost, costs[t])
					}
				}
				gold, gs := -1, float32(math.Inf(-1))
				for t := range nTrans {
					if costs[t] == minCost && sc.scores[t] > gs {
						gold, gs = t, sc.scores[t]
					}
				}
				trans.Tick()
				if costs[pred] > minCost {
					trans.Update(sc.keys, gold, 1)
					trans.Update(sc.keys, pred, -1)
				}
				t := gold
				if explore && rng.Float64() < opt.Explore {
					t = pred
				}
				var h, d int32
				switch t {
				case left:
					h, d = st.b, st.s0()
				case right:
					h, d = st.s0(), st.b
				}
				var l int32
				if t == left || t == right {
					if h == st.root() {
						l = m.root
					} else {
						sc.keys = labelFeatures(x, st, h, d, m.labelSet, sc.keys)
						clear(sc.lscore)
						lab.Score(sc.keys, sc.lscore)
						l = int32(argmaxExcept(sc.lscore, int(m.root)))
						if ex.gh[d] == h {
							lab.Tick()
							if g := ex.gl[d]; l != g {
								lab.Update(sc.keys, int(g), 1)
								lab.Update(sc.keys, int(l), -1)
							}
							if t == gold {
								l = ex.gl[d]
							}
						}
					}
				}
				st.apply(t, l)
			}
		}
		snap := *m
		snap.trans = trans.Average(opt.Prune)
		snap.lab = lab.Average(opt.Prune)
		snap.beam = opt.ParseBeam
		snap.margin = opt.Margin
		snap.labelTop = opt.LabelTop
		s := snap.Evaluate(dev)
		if progress != nil {
			progress(epoch, s)
		}
		if opt.KeepLast || len(dev) == 0 || best == nil || s.LAS > bestScore {
			best, bestScore = &snap, s.LAS
		}
	}
	if opt.RelabelEpochs <= 0 {
		return best, nil
	}
	// The relabeller, on the gold trees.
	rel := linear.NewTrainer(len(m.labels))
	var tr tree
	bestRel := best
	for epoch := 1; epoch <= opt.RelabelEpochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for k, idx := range order {
			if k%256 == 0 {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
			}
			ex := &data[idx]
			tr.build(ex.oh)
			for d := int32(1); d < int32(len(ex.oh)-1); d++ {
				if ex.oh[d] == int32(len(ex.oh)-1) {
					continue
				}
				sc.keys = relabelFeatures(&ex.x, ex.oh, &tr, d, sc.keys)
				clear(sc.lscore)
				rel.Score(sc.keys, sc.lscore)
				l := argmaxExcept(sc.lscore, int(m.root))
				rel.Tick()
				if g := int(ex.gl[d]); l != g {
					rel.Update(sc.keys, g, 1)
					rel.Update(sc.keys, l, -1)
				}
			}
		}
		snap := *best
		snap.rel = rel.Average(opt.Prune)
		s := snap.Evaluate(dev)
		if progress != nil {
			progress(opt.Epochs+epoch, s)
		}
		if opt.KeepLast || len(dev) == 0 || s.LAS > bestScore {
			bestRel, bestScore = &snap, s.LAS
		}
	}
	return bestRel, nil
}

func argmaxExcept(scores []float32, except int) int {
	best := -1
	for c, s := range scores {
		if c != except && (best < 0 || s > scores[best]) {
			best = c
		}
	}
	return best
}

// wellFormed reports whether a sentence has a complete tree with one root.
func wellFormed(s *conllu.Sentence) bool {
	roots := 0
	for _, t := range s.Tokens {
		if t.Head < 0 || t.Head > len(s.Tokens) || t.Deprel == "" || t.Deprel == "_" {
			return false
		}
		if t.Head == 0 {
			roots++
		}
	}
	if roots != 1 {
		return false
	}
	// acyclic: every word reaches the root within n steps
	for i := range s.Tokens {
		h, steps := i+1, 0
		for h != 0 && steps <= len(s.Tokens) {
			h = s.Tokens[h-1].Head
			steps++
		}
		if h != 0 {
			return false
		}
	}
	return true
}

func columns(s *conllu.Sentence, words, upos, xpos []string) ([]string, []string, []string) {
	words, upos, xpos = words[:0], upos[:0], xpos[:0]
	for _, t := range s.Tokens {
		words = append(words, t.Form)
		upos = append(upos, t.UPOS)
		xpos = append(xpos, t.XPOS)
	}
	return words, upos, xpos
}

// reverseSentence returns a copy of s with its words in reverse order and
// the heads renumbered to match (multiword tokens and empty nodes are not
// in Tokens).
func reverseSentence(s *conllu.Sentence) conllu.Sentence {
	r := *s
	n := len(s.Tokens)
	r.Tokens = make([]conllu.Token, n)
	for i, t := range s.Tokens {
		t.ID = n - i
		if t.Head > 0 && t.Head <= n {
			t.Head = n + 1 - t.Head
		}
		r.Tokens[n-1-i] = t
	}
	return r
}

// vocabulary collects the tags and relations of the training data.
func vocabulary(train []conllu.Sentence) *Model {
	xs, us, ls := map[string]bool{}, map[string]bool{}, map[string]bool{"root": true}
	for _, s := range train {
		for _, t := range s.Tokens {
			xs[t.XPOS], us[t.UPOS], ls[t.Deprel] = true, true, true
		}
	}
	keys := func(m map[string]bool) []string {
		out := make([]string, 0, len(m))
		for k := range m {
			out = append(out, k)
		}
		slices.Sort(out)
		return out
	}
	m := &Model{xpos: keys(xs), upos: keys(us), labels: keys(ls), labelSet: 1}
	m.root = int32(slices.Index(m.labels, "root"))
	m.buildIDs()
	return m
}

// rootLast returns heads (1..n, 0 the root, [0] unused) with the root as
// word n+1, the parser's numbering.
func rootLast(heads []int32) []int32 {
	n := int32(len(heads) - 1)
	out := make([]int32, n+2)
	out[0], out[n+1] = -1, -1
	for d := int32(1); d <= n; d++ {
		out[d] = heads[d]
		if heads[d] == 0 {
			out[d] = n + 1
		}
	}
	return out
}

// projectivise lifts non-projective arcs (heads 1-based, heads[0] unused)
// until the tree is projective: the shortest offending arc moves up to its
// head's head.
func projectivise(heads []int32) {
	n := int32(len(heads) - 1)
	ancestor := func(a, d int32) bool { // a dominates d
		for steps := int32(0); d > 0 && steps <= n; steps++ {
			if d == a {
				return true
			}
			d = heads[d]
		}
		return a == 0
	}
	for iter := int32(0); iter < n*n; iter++ {
		bestD, bestLen := int32(-1), int32(math.MaxInt32)
		for d := int32(1); d <= n; d++ {
			h := heads[d]
			lo, hi := min(h, d), max(h, d)
			for k := lo + 1; k < hi; k++ {
				if !ancestor(h, k) {
					if hi-lo < bestLen {
						bestD, bestLen = d, hi-lo
					}
					break
				}
			}
		}
		if bestD < 0 {
			return
		}
		heads[bestD] = heads[heads[bestD]]
	}
}

// Evaluate parses gold sentences with the tags they carry and returns the
// attachment scores, punctuation included.
func (m *Model) Evaluate(gold []conllu.Sentence) Score {
	sc := m.newScratch()
	return evaluate(gold, func(words, upos, xpos []string) ([]int32, []int32, []string) {
		m.parseWords(sc, words, upos, xpos)
		return sc.heads, sc.labs, m.labels
	})
}

// evaluate scores the trees parse gives the gold sentences' words and
// tags: the head of each word among the words (-1: the root) and the index
// of its relation among names.
func evaluate(gold []conllu.Sentence, parse func(words, upos, xpos []string) (heads, labs []int32, names []string)) Score {
	var s Score
	var uas, las, full int
	var words, upos, xpos []string
	for i := range gold {
		g := &gold[i]
		words, upos, xpos = columns(g, words, upos, xpos)
		heads, labs, names := parse(words, upos, xpos)
		for j, t := range g.Tokens {
			s.Tokens++
			if int(heads[j])+1 != t.Head {
				continue
			}
			uas++
			l := names[labs[j]]
			if l == t.Deprel {
				full++
			}
			if universal(l) == universal(t.Deprel) {
				las++
			}
		}
	}
	if s.Tokens > 0 {
		n := float64(s.Tokens)
		s.UAS, s.LAS, s.LASFull = float64(uas)/n, float64(las)/n, float64(full)/n
	}
	return s
}

func universal(rel string) string {
	u, _, _ := strings.Cut(rel, ":")
	return u
}
