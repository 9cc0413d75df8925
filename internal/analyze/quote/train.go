package quote

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/dateline-news/dateline"
)

// Gold is one gold attribution: its roles as byte-span fragments.
type Gold struct {
	Source, Cue, Content []dateline.Span
}

// Example is a training document: analysed by the passes before quote
// (segment, tag, parse, ner) and its gold attributions.
type Example struct {
	Doc  *dateline.Document
	Gold []Gold
}

// TrainOptions control Train.
type TrainOptions struct {
	Epochs int    // passes over the data per stage (default 8)
	Folds  int    // jackknife folds for the second stage's inputs (default 4)
	Bits   uint8  // log2 of the number of feature buckets (default 19)
	Seed   uint64 // shuffling seed
	// PhraseMin, when positive, learns multi-word cues (lemma sequences
	// annotated as a whole cue at least PhraseMin times) matched as units.
	PhraseMin int
	// Seeds, when above 1, trains that many times with seeds Seed,
	// Seed+1, … and averages the weights.
	Seeds int
	// Logf, when set, receives progress lines.
	Logf func(format string, args ...any)
}

func (o *TrainOptions) defaults() {
	if o.Epochs <= 0 {
		o.Epochs = 8
	}
	if o.Folds < 2 {
		o.Folds = 4
	}
	if o.Bits == 0 {
		o.Bits = 19
	}
	if o.Logf == nil {
		o.Logf = func(string, ...any) {}
	}
}

// GoldLabels returns the BIO label of each token of doc for the gold
// attributions: a token takes the role of the fragment that covers its
// middle; each fragment starts with a B label. A token claimed by two roles
// keeps the first (source, then cue, then content).
func goldLabels(doc *dateline.Document, gold []Gold) []uint8 {
	labels := make([]uint8, len(doc.Tokens))
	mark := func(sp dateline.Span, b uint8) {
		lo, _ := slices.BinarySearchFunc(doc.Tokens, sp.Start, func(t dateline.Token, x int32) int {
			return int((t.Start+t.End)/2 - x)
		})
		first := true
		for k := lo; k < len(doc.Tokens); k++ {
			mid := (doc.Tokens[k].Start + doc.Tokens[k].End) / 2
			if mid >= sp.End {
				break
			}
			if mid < sp.Start || labels[k] != lO {
				continue
			}
			if first {
				labels[k] = b
				first = false
			} else {
				labels[k] = b + 1
			}
		}
	}
	for _, g := range gold {
		for _, s := range g.Source {
			mark(s, lBSrc)
		}
		for _, s := range g.Cue {
			mark(s, lBCue)
		}
		for _, s := range g.Content {
			mark(s, lBCon)
		}
	}
	// A B right after the same role's I from another fragment stays B; an
	// I with no B before it (a token skipped above) becomes B.
	for k := range labels {
		if l := labels[k]; l == lISrc || l == lICue || l == lICon {
			if k == 0 || labels[k-1] != l && labels[k-1] != l-1 {
				labels[k] = l - 1
			}
		}
	}
	return labels
}

// trainer is an averaged structured perceptron for one stage.
type trainer struct {
	st   *stage
	acc  []float64
	tacc [nLabels + 1][nLabels]float64
	t    float64
	mask uint64
}

func newTrainer(bits uint8) *trainer {
	st := newStage(bits)
	return &trainer{st: st, acc: make([]float64, len(st.w)), mask: 1<<bits - 1}
}

func (tr *trainer) update(feats []uint64, offs []int32, gold, pred []uint8) {
	tr.t++
	pg, pp := uint8(nLabels), uint8(nLabels)
	for k := range gold {
		g, p := gold[k], pred[k]
		if g != p {
			for _, f := range feats[offs[k]:offs[k+1]] {
				i := int(f&tr.mask) * nLabels
				tr.st.w[i+int(g)]++
				tr.acc[i+int(g)] += tr.t
				tr.st.w[i+int(p)]--
				tr.acc[i+int(p)] -= tr.t
			}
		}
		if g != p || pg != pp {
			tr.st.trans[pg][g]++
			tr.tacc[pg][g] += tr.t
			tr.st.trans[pp][p]--
			tr.tacc[pp][p] -= tr.t
		}
		pg, pp = g, p
	}
}

// average returns the averaged weights.
func (tr *trainer) average() *stage {
	out := &stage{w: make([]float32, len(tr.st.w))}
	T := tr.t + 1
	for i, w := range tr.st.w {
		out.w[i] = float32(float64(w) - tr.acc[i]/T)
	}
	for p := range tr.st.trans {
		for l := range tr.st.trans[p] {
			out.trans[p][l] = float32(float64(tr.st.trans[p][l]) - tr.tacc[p][l]/T)
		}
	}
	return out
}

// prepared is an example ready for training: its view, context and gold
// labels.
type prepared struct {
	v    *view
	c    *fctx
	gold []uint8
	s1   []uint8 // jackknifed first-stage labels
}

// Train learns a model from examples with the averaged structured
// perceptron: the first stage on the features of the text, the second on
// those plus the first stage's labels, jackknifed over folds so that the
// second stage sees first-stage errors as they happen on unseen text.
func Train(ctx context.Context, examples []Example, opt TrainOptions) (*Model, error) {
	opt.defaults()
	lx := parseLexicon(cueData)
	cl, err := loadClusters()
	if err != nil {
		return nil, err
	}
	m := &Model{bits: opt.Bits, learned: learnCues(examples, lx)}
	opt.Logf("quote: %d cue lemmas learned beyond the lexicon", len(m.learned))
	if opt.PhraseMin > 0 {
		ph := learnPhrases(examples, opt.PhraseMin)
		for _, p := range ph {
			m.learned[p] = true
		}
		opt.Logf("quote: %d multi-word cues learned", len(ph))
	}
	m.cw = newCueWords(m.learned)
	data := make([]*prepared, 0, len(examples))
	for _, ex := range examples {
		v := newView(ex.Doc, lx, cl, m.cw)
		data = append(data, &prepared{v: v, c: newContext(v), gold: goldLabels(ex.Doc, ex.Gold)})
	}
	// Several seeds: the stages' weights are averaged over the runs.
	runs := max(1, opt.Seeds)
	for r := range runs {
		st, err := trainRun(ctx, data, m, opt, opt.Seed+uint64(r))
		if err != nil {
			return nil, err
		}
		for s := range m.stages {
			if m.stages[s] == nil {
				m.stages[s] = st[s]
				continue
			}
			addStage(m.stages[s], st[s])
		}
		if runs > 1 {
			opt.Logf("quote: run %d/%d (seed %d) done", r+1, runs, opt.Seed+uint64(r))
		}
	}
	if runs > 1 {
		for _, st := range m.stages {
			scaleStage(st, 1/float32(runs))
		}
	}
	return m, nil
}

// trainRun trains both stages once with the given seed.
func trainRun(ctx context.Context, data []*prepared, m *Model, opt TrainOptions, seed uint64) ([2]*stage, error) {
	var res [2]*stage
	var err error
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	order := rng.Perm(len(data))
	// Jackknife the first stage.
	for f := range opt.Folds {
		var in, out []*prepared
		for k, i := range order {
			if k%opt.Folds == f {
				out = append(out, data[i])
			} else {
				in = append(in, data[i])
			}
		}
		st, err := trainStage(ctx, in, m.bits, 0, opt, rng)
		if err != nil {
			return res, err
		}
		sc := newScratch()
		for _, p := range out {
			p.s1 = make([]uint8, p.v.n)
			labelStage(st, m.mask(), p.v, p.c, sc, p.s1)
		}
		opt.Logf("quote: fold %d/%d done", f+1, opt.Folds)
	}
	if res[0], err = trainStage(ctx, data, m.bits, 0, opt, rng); err != nil {
		return res, err
	}
	for _, p := range data {
		p.c.setStage1(p.s1)
	}
	if res[1], err = trainStage(ctx, data, m.bits, 1, opt, rng); err != nil {
		return res, err
	}
	return res, nil
}

// addStage adds the weights of b to a.
func addStage(a, b *stage) {
	for i, x := range b.w {
		a.w[i] += x
	}
	for p := range a.trans {
		for l := range a.trans[p] {
			a.trans[p][l] += b.trans[p][l]
		}
	}
}

// scaleStage multiplies the weights of st by f.
func scaleStage(st *stage, f float32) {
	for i := range st.w {
		st.w[i] *= f
	}
	for p := range st.trans {
		for l := range st.trans[p] {
			st.trans[p][l] *= f
		}
	}
}

func trainStage(ctx context.Context, data []*prepared, bits uint8, stageNo int, opt TrainOptions, rng *rand.Rand) (*stage, error) {
	tr := newTrainer(bits)
	sc := newScratch()
	idx := make([]int, len(data))
	for i := range idx {
		idx[i] = i
	}
	for ep := range opt.Epochs {
		rng.Shuffle(len(idx), func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
		errs, toks := 0, 0
		for _, di := range idx {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			p := data[di]
			if stageNo == 0 {
				p.c.s1 = nil
			}
			for _, b := range p.v.blocks {
				b0, b1 := int(b[0]), int(b[1])
				n := b1 - b0
				sc.prepare(p.c, b0, b1)
				tr.st.emissions(tr.mask, sc.feats, sc.offs, sc.em)
				tr.st.viterbi(sc.em, n, sc.out, sc.back, sc.score)
				gold := p.gold[b0:b1]
				for k := range n {
					if sc.out[k] != gold[k] {
						errs++
					}
				}
				toks += n
				tr.update(sc.feats, sc.offs, gold, sc.out[:n])
			}
		}
		opt.Logf("quote: stage %d epoch %d: %.2f%% token errors", stageNo+1, ep+1, 100*float64(errs)/float64(max(1, toks)))
	}
	return tr.average(), nil
}

// learnCues returns the lemmas that are annotated as (part of) a cue at
// least a quarter of the time and at least five times, and are not in the
// lexicon.
func learnCues(examples []Example, lx *lexicon) map[string]bool {
	type stat struct{ n, cue int }
	stats := map[string]*stat{}
	for _, ex := range examples {
		labels := goldLabels(ex.Doc, ex.Gold)
		for k, tk := range ex.Doc.Tokens {
			l := tk.Lemma
			if l == "" {
				l = tk.In(ex.Doc.Text)
			}
			l = strings.ToLower(l)
			s := stats[l]
			if s == nil {
				s = &stat{}
				stats[l] = s
			}
			s.n++
			if roleOf(labels[k]) == 2 {
				s.cue++
			}
		}
	}
	out := map[string]bool{}
	for l, s := range stats {
		if s.cue >= 5 && 4*s.cue >= s.n && lx.verb[l] == cueNone && lx.other[l] == cueNone {
			out[l] = true
		}
	}
	return out
}

// String names a label (for debugging and tests).
func labelString(l uint8) string {
	if int(l) < len(labelNames) {
		return labelNames[l]
	}
	return fmt.Sprintf("label(%d)", l)
}
