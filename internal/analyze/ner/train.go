package ner

import (
	"context"
	"io"
	"math/rand/v2"
)

// TrainOptions configures Train.
type TrainOptions struct {
	Epochs  int    // passes over the data per model (default 15)
	Epochs2 int    // passes for the second stage (default Epochs)
	Folds   int    // jackknife folds for the second stage's inputs (default 5; 1 trains one stage only)
	Seed    uint64 // shuffling seed
	Bag     int    // average the weights of this many runs with different shuffles (default 1)
	Dev     []CoNLLDoc
	// Progress, when set, is called after every epoch with the stage
	// ("stage1", "fold 2/5", "stage2"), the epoch, the token accuracy on the
	// training data, and the dev F1 (-1 when there is no dev data or it was
	// not measured).
	Progress func(stage string, epoch, epochs int, trainAcc, devF1 float64)
}

// Trained is the result of Train: a model ready to use and to write.
type Trained struct {
	*Model
	gazSum, clusSum uint64
	stages          []*trainedStage
}

// Write writes the model file.
func (t *Trained) Write(w io.Writer) error {
	return writeModel(w, t.gazSum, t.clusSum, t.stages)
}

// trainedStage is the pruned, averaged weights of one stage.
type trainedStage struct {
	keys  []uint64
	w     []float32
	trans [numTrans]float32
}

// example is one document prepared for training: its token view, gold
// labels and feature indexes per token.
type example struct {
	d     *docState
	gold  []int
	feats []int32 // stage-1 (and, for stage 2, stage-2) feature indexes
	offs  []int
}

// featIndex assigns dense indexes to feature keys.
type featIndex struct {
	idx  map[uint64]int32
	keys []uint64
}

func (fi *featIndex) get(k uint64, add bool) int32 {
	if i, ok := fi.idx[k]; ok {
		return i
	}
	if !add {
		return -1
	}
	i := int32(len(fi.keys))
	fi.idx[k] = i
	fi.keys = append(fi.keys, k)
	return i
}

// perceptron is an averaged structured perceptron over dense feature
// indexes.
type perceptron struct {
	w        []float32
	uHi      []float64
	trans    [numTrans]float32
	transU   [numTrans]float64
	c        float64
	nfeat    int
	avgW     []float32
	avgTrans [numTrans]float32
	prev     *prevLabels
}

func newPerceptron(nfeat int) *perceptron {
	return &perceptron{w: make([]float32, nfeat*numLabels), uHi: make([]float64, nfeat*numLabels), nfeat: nfeat, c: 1}
}

func (p *perceptron) emissions(fs []int32, e *[numLabels]float32, w []float32) {
	for _, f := range fs {
		if f < 0 {
			continue
		}
		row := w[int(f)*numLabels : int(f)*numLabels+numLabels]
		for l := range e {
			e[l] += row[l]
		}
	}
}

func (p *perceptron) update(fs []int32, l int, delta float32) {
	for _, f := range fs {
		if f < 0 {
			continue
		}
		i := int(f)*numLabels + l
		p.w[i] += delta
		p.uHi[i] += p.c * float64(delta)
	}
}

func (p *perceptron) updateTrans(prev, cur int, delta float32) {
	i := prev*(numLabels+1) + cur
	p.trans[i] += delta
	p.transU[i] += p.c * float64(delta)
}

// average computes the averaged weights into avgW/avgTrans.
func (p *perceptron) average() {
	if p.avgW == nil {
		p.avgW = make([]float32, len(p.w))
	}
	for i := range p.w {
		p.avgW[i] = p.w[i] - float32(p.uHi[i]/p.c)
	}
	for i := range p.trans {
		p.avgTrans[i] = p.trans[i] - float32(p.transU[i]/p.c)
	}
}

// decodeSentence runs Viterbi over one sentence of ex with weights w.
func decodeSentence(p *perceptron, ex *example, lo, hi int, w []float32, trans *[numTrans]float32, out []int, em [][numLabels]float32, back [][numLabels]uint8) {
	if p.prev == nil {
		p.prev = bilouPrev()
	}
	n := hi - lo
	em = em[:n]
	for i := lo; i < hi; i++ {
		em[i-lo] = [numLabels]float32{}
		p.emissions(ex.feats[ex.offs[i]:ex.offs[i+1]], &em[i-lo], w)
	}
	var t [numTrans]float32 = *trans
	for a := 0; a <= numLabels; a++ {
		for b := 0; b <= numLabels; b++ {
			if !allowedTransition(a, b) {
				t[a*(numLabels+1)+b] = -1e30
			}
		}
	}
	viterbi(em, &t, p.prev, out[lo:hi], back[:n])
}

// trainPerceptron runs epochs over exs (in index space of nfeat features).
func trainPerceptron(ctx context.Context, exs []*example, nfeat, epochs int, rng *rand.Rand, onEpoch func(epoch int, acc float64, p *perceptron)) (*perceptron, error) {
	p := newPerceptron(nfeat)
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	em := make([][numLabels]float32, 256)
	back := make([][numLabels]uint8, 256)
	var pred []int
	for ep := 1; ep <= epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		correct, total := 0, 0
		for _, oi := range order {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			ex := exs[oi]
			if cap(pred) < len(ex.gold) {
				pred = make([]int, len(ex.gold))
			}
			pred = pred[:len(ex.gold)]
			for _, s := range ex.d.sents {
				lo, hi := s[0], s[1]
				if n := hi - lo; n > len(em) {
					em = make([][numLabels]float32, n)
					back = make([][numLabels]uint8, n)
				}
				decodeSentence(p, ex, lo, hi, p.w, &p.trans, pred, em, back)
				prevG, prevP := numLabels, numLabels
				for i := lo; i < hi; i++ {
					g, y := ex.gold[i], pred[i]
					total++
					if g == y {
						correct++
					} else {
						fs := ex.feats[ex.offs[i]:ex.offs[i+1]]
						p.update(fs, g, 1)
						p.update(fs, y, -1)
					}
					if g != y || prevG != prevP {
						p.updateTrans(prevG, g, 1)
						p.updateTrans(prevP, y, -1)
					}
					prevG, prevP = g, y
				}
				if prevG != prevP {
					p.updateTrans(prevG, numLabels, 1)
					p.updateTrans(prevP, numLabels, -1)
				}
				p.c++
			}
		}
		if onEpoch != nil {
			acc := 0.0
			if total > 0 {
				acc = float64(correct) / float64(total)
			}
			onEpoch(ep, acc, p)
		}
	}
	p.average()
	return p, nil
}

// trainBagged averages the weights of n perceptrons trained on different
// shuffles of the same data.
func trainBagged(ctx context.Context, n int, exs []*example, nfeat, epochs int, rng *rand.Rand, onEpoch func(epoch int, acc float64, p *perceptron)) (*perceptron, error) {
	var sum *perceptron
	for k := range max(n, 1) {
		cb := onEpoch
		if k < n-1 {
			cb = nil
		}
		p, err := trainPerceptron(ctx, exs, nfeat, epochs, rng, cb)
		if err != nil {
			return nil, err
		}
		if sum == nil {
			sum = p
			continue
		}
		for i := range sum.avgW {
			sum.avgW[i] += p.avgW[i]
		}
		for i := range sum.avgTrans {
			sum.avgTrans[i] += p.avgTrans[i]
		}
	}
	if n > 1 {
		for i := range sum.avgW {
			sum.avgW[i] /= float32(n)
		}
		for i := range sum.avgTrans {
			sum.avgTrans[i] /= float32(n)
		}
	}
	return sum, nil
}

// predictExamples decodes exs with the averaged weights into out (flat
// labels per example).
func predictExamples(p *perceptron, exs []*example) [][]int {
	out := make([][]int, len(exs))
	em := make([][numLabels]float32, 256)
	back := make([][numLabels]uint8, 256)
	for k, ex := range exs {
		out[k] = make([]int, len(ex.d.toks))
		for _, s := range ex.d.sents {
			if n := s[1] - s[0]; n > len(em) {
				em = make([][numLabels]float32, n)
				back = make([][numLabels]uint8, n)
			}
			decodeSentence(p, ex, s[0], s[1], p.avgW, &p.avgTrans, out[k], em, back)
		}
	}
	return out
}

// f1Labels is the entity micro-F1 of predicted against gold flat labels,
// sentence by sentence.
func f1Labels(exs []*example, pred [][]int) float64 {
	tp, np, ng := 0, 0, 0
	for k, ex := range exs {
		for _, s := range ex.d.sents {
			g := labelsToChunks(ex.gold[s[0]:s[1]])
			p := labelsToChunks(pred[k][s[0]:s[1]])
			ng += len(g)
			np += len(p)
			set := map[Chunk]bool{}
			for _, c := range g {
				set[c] = true
			}
			for _, c := range p {
				if set[c] {
					tp++
				}
			}
		}
	}
	if tp == 0 {
		return 0
	}
	pr, rc := float64(tp)/float64(np), float64(tp)/float64(ng)
	return 2 * pr * rc / (pr + rc)
}

func (m *Model) prepare(docs []CoNLLDoc) []*example {
	exs := make([]*example, 0, len(docs))
	var labs []int
	for _, doc := range docs {
		sents := make([][]string, len(doc.Sentences))
		var gold []int
		for i, s := range doc.Sentences {
			sents[i] = s.Words
			labs = chunksToLabels(Chunks(s.Tags), len(s.Words), labs)
			gold = append(gold, labs...)
		}
		if len(gold) == 0 {
			continue
		}
		exs = append(exs, &example{d: m.newDocState(sents, nil), gold: gold})
	}
	return exs
}

// index1 computes the stage-1 feature indexes of ex.
func index1(ex *example, fi *featIndex, add bool) {
	ex.feats = ex.feats[:0]
	ex.offs = append(ex.offs[:0], 0)
	var buf []uint64
	for _, s := range ex.d.sents {
		for i := s[0]; i < s[1]; i++ {
			buf = ex.d.stage1(s[0], s[1], i, buf[:0])
			for _, k := range buf {
				if f := fi.get(k, add); f >= 0 {
					ex.feats = append(ex.feats, f)
				}
			}
			ex.offs = append(ex.offs, len(ex.feats))
		}
	}
}

// index2 computes stage-1 plus stage-2 feature indexes of ex, given the
// first stage's labels.
func index2(ex *example, labels []int, fi *featIndex, add bool) *example {
	out := &example{d: ex.d, gold: ex.gold, offs: []int{0}}
	p := newDocPreds(ex.d, labels)
	var buf []uint64
	for _, s := range ex.d.sents {
		for i := s[0]; i < s[1]; i++ {
			buf = ex.d.stage1(s[0], s[1], i, buf[:0])
			buf = ex.d.stage2(p, s[0], s[1], i, buf)
			for _, k := range buf {
				if f := fi.get(k, add); f >= 0 {
					out.feats = append(out.feats, f)
				}
			}
			out.offs = append(out.offs, len(out.feats))
		}
	}
	return out
}

// export prunes zero rows and returns the stage's keys and weights.
func export(p *perceptron, fi *featIndex) *trainedStage {
	st := &trainedStage{trans: p.avgTrans}
	const eps = 1e-3
	for f, k := range fi.keys {
		row := p.avgW[f*numLabels : (f+1)*numLabels]
		keep := false
		for _, x := range row {
			if x > eps || x < -eps {
				keep = true
				break
			}
		}
		if keep {
			st.keys = append(st.keys, k)
			st.w = append(st.w, row...)
		}
	}
	return st
}

// Train trains a model on CoNLL documents: a first stage on local
// features, and (with Folds > 1) a second stage that also reads the first
// stage's document-level predictions, trained on jackknifed first-stage
// output so that it sees realistic errors.
func Train(ctx context.Context, docs []CoNLLDoc, o TrainOptions) (*Trained, error) {
	if o.Epochs <= 0 {
		o.Epochs = 15
	}
	if o.Epochs2 <= 0 {
		o.Epochs2 = o.Epochs
	}
	if o.Folds == 0 {
		o.Folds = 5
	}
	m, err := newBase()
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(o.Seed, 0xde7a11e))
	exs := m.prepare(docs)
	dev := m.prepare(o.Dev)
	fi1 := &featIndex{idx: map[uint64]int32{}}
	for _, ex := range exs {
		index1(ex, fi1, true)
	}
	for _, ex := range dev {
		index1(ex, fi1, false)
	}
	report := func(stage string, epochs int, devExs []*example) func(int, float64, *perceptron) {
		return func(ep int, acc float64, p *perceptron) {
			if o.Progress == nil {
				return
			}
			f1 := -1.0
			if len(devExs) > 0 && (ep == epochs || ep%3 == 0) {
				p.average()
				f1 = f1Labels(devExs, predictExamples(p, devExs))
			}
			o.Progress(stage, ep, epochs, acc, f1)
		}
	}
	p1, err := trainBagged(ctx, o.Bag, exs, len(fi1.keys), o.Epochs, rng, report("stage1", o.Epochs, dev))
	if err != nil {
		return nil, err
	}
	t := &Trained{Model: m, gazSum: m.gaz.sum, clusSum: m.clusters.sum}
	t.stages = append(t.stages, export(p1, fi1))
	if o.Folds > 1 {
		// jackknife: first-stage labels for each training document from a
		// model that did not see it.
		jack := make([][]int, len(exs))
		for k := range o.Folds {
			var in, out []*example
			var outIdx []int
			for i, ex := range exs {
				if i%o.Folds == k {
					out = append(out, ex)
					outIdx = append(outIdx, i)
				} else {
					in = append(in, ex)
				}
			}
			pk, err := trainPerceptron(ctx, in, len(fi1.keys), o.Epochs, rng, report(foldName(k, o.Folds), o.Epochs, nil))
			if err != nil {
				return nil, err
			}
			for j, l := range predictExamples(pk, out) {
				jack[outIdx[j]] = l
			}
		}
		fi2 := &featIndex{idx: map[uint64]int32{}}
		exs2 := make([]*example, len(exs))
		for i, ex := range exs {
			exs2[i] = index2(ex, jack[i], fi2, true)
		}
		devPred := predictExamples(p1, dev)
		dev2 := make([]*example, len(dev))
		for i, ex := range dev {
			dev2[i] = index2(ex, devPred[i], fi2, false)
		}
		p2, err := trainBagged(ctx, o.Bag, exs2, len(fi2.keys), o.Epochs2, rng, report("stage2", o.Epochs2, dev2))
		if err != nil {
			return nil, err
		}
		t.stages = append(t.stages, export(p2, fi2))
	}
	var tables []*table
	for _, st := range t.stages {
		q, scale := quantize(st.w)
		tables = append(tables, newTable(st.keys, q, scale, st.trans[:]))
	}
	m.setStages(tables)
	return t, nil
}

func foldName(k, n int) string {
	return "fold " + itoa(k+1) + "/" + itoa(n)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}
