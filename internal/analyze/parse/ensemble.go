package parse

import (
	"errors"
	"fmt"
	"math"

	"github.com/dateline-news/dateline/internal/conllu"
)

// An Ensemble parses a sentence with several models and combines their
// trees by reparsing (Sagae and Lavie 2006): every arc of every model's
// tree is a vote, weighted by its model, and the tree is the projective
// spanning tree with the most votes and one root (Eisner 1996); each word
// takes the relation voted most among the models that chose its head.
// Models that read the sentence in both directions (TrainOptions.Reverse)
// make different errors, which is where the votes gain. An ensemble is
// read-only and safe for concurrent use.
type Ensemble struct {
	ms     []*Model
	w      []float32
	labels []string  // the union of the models' relations
	lid    [][]int32 // lid[k][l]: the ensemble's id of model k's relation l
}

// MaxEnsembleWords is the longest sentence an ensemble reparses; a longer
// one (its chart grows with the cube of its length) takes the first
// model's tree.
const MaxEnsembleWords = 300

// NewEnsemble returns the ensemble of models ms whose arcs vote with the
// weights (nil: 1 each). Ties go to the earlier model.
func NewEnsemble(ms []*Model, weights []float32) (*Ensemble, error) {
	if len(ms) == 0 {
		return nil, errors.New("parse: an ensemble of no models")
	}
	if weights == nil {
		weights = make([]float32, len(ms))
		for i := range weights {
			weights[i] = 1
		}
	}
	if len(weights) != len(ms) {
		return nil, fmt.Errorf("parse: %d ensemble weights for %d models", len(weights), len(ms))
	}
	e := &Ensemble{ms: ms, w: make([]float32, len(ms))}
	for k, w := range weights {
		if !positive(w) {
			return nil, fmt.Errorf("parse: ensemble weight %g", w)
		}
		// a tie between models goes to the earlier one
		e.w[k] = w * (1 + float32(len(ms)-k)*1e-4)
	}
	ids := map[string]int32{}
	for _, m := range ms {
		var lid []int32
		for _, l := range m.labels {
			id, ok := ids[l]
			if !ok {
				id = int32(len(e.labels))
				ids[l] = id
				e.labels = append(e.labels, l)
			}
			lid = append(lid, id)
		}
		e.lid = append(e.lid, lid)
	}
	return e, nil
}

// Models returns the models of the ensemble.
func (e *Ensemble) Models() []*Model { return e.ms }

// ensembleScratch is the working memory of one ensemble parse.
type ensembleScratch struct {
	sc    []*scratch // one per model
	score []float32  // score[h*n+d]: the votes for the arc h -> d
	root  []float32  // root[d]: the votes for d as the root
	ch    chart
	heads []int32
	labs  []int32 // ensemble relation ids
	tally []float32
}

func (e *Ensemble) newScratch() *ensembleScratch {
	s := &ensembleScratch{tally: make([]float32, len(e.labels))}
	for _, m := range e.ms {
		s.sc = append(s.sc, m.newScratch())
	}
	return s
}

// parseWords parses one tagged sentence into es.heads and es.labs.
func (e *Ensemble) parseWords(es *ensembleScratch, words, upos, xpos []string) {
	n := len(words)
	for k, m := range e.ms {
		m.parseWords(es.sc[k], words, upos, xpos)
	}
	es.heads, es.labs = growI(es.heads, n), growI(es.labs, n)
	first := es.sc[0]
	if n > MaxEnsembleWords || len(e.ms) == 1 {
		copy(es.heads, first.heads)
		for d := range n {
			es.labs[d] = e.lid[0][first.labs[d]]
		}
		return
	}
	es.score = growF(es.score, n*n)
	es.root = growF(es.root, n)
	clear(es.score)
	clear(es.root)
	for k, sc := range es.sc {
		for d, h := range sc.heads[:n] {
			if h < 0 {
				es.root[d] += e.w[k]
			} else {
				es.score[int(h)*n+d] += e.w[k]
			}
		}
	}
	es.ch.eisner(n, es.score, es.root, es.heads)
	for d := range n {
		clear(es.tally)
		best, bestV := int32(-1), float32(0)
		for k, sc := range es.sc {
			if sc.heads[d] != es.heads[d] {
				continue
			}
			l := e.lid[k][sc.labs[d]]
			es.tally[l] += e.w[k]
			if v := es.tally[l]; v > bestV {
				best, bestV = l, v
			}
		}
		if best < 0 { // an arc no model chose: the first model's relation of the word
			best = e.lid[0][first.labs[d]]
		}
		es.labs[d] = best
	}
}

// Parse parses one tagged sentence as Model.Parse does.
func (e *Ensemble) Parse(words, upos, xpos []string) (heads []int, labels []string) {
	es := e.newScratch()
	e.parseWords(es, words, upos, xpos)
	return treeOf(es.heads, es.labs, e.labels)
}

// Evaluate parses gold sentences with the tags they carry, as
// Model.Evaluate does.
func (e *Ensemble) Evaluate(gold []conllu.Sentence) Score {
	es := e.newScratch()
	return evaluate(gold, func(words, upos, xpos []string) ([]int32, []int32, []string) {
		e.parseWords(es, words, upos, xpos)
		return es.heads, es.labs, e.labels
	})
}

func growF(a []float32, n int) []float32 {
	if cap(a) < n {
		return make([]float32, n)
	}
	return a[:n]
}

// chart is the working memory of Eisner's algorithm over n words: for the
// span s..t (index s*n+t), the best complete span headed at its left end
// (cr) or its right end (cl), and the best incomplete span with the arc
// s -> t (ir) or t -> s (il), with the split point of each.
type chart struct {
	cr, cl, ir, il     []float32
	bcr, bcl, bir, bil []int32
}

// eisner writes into heads the projective tree over n words with one root
// that maximises the sum of score[h*n+d] over its arcs h -> d plus root[r]
// for its root r (-1 in heads). Ties go to the split found first.
func (c *chart) eisner(n int, score, root []float32, heads []int32) {
	nn := n * n
	c.cr, c.cl, c.ir, c.il = growF(c.cr, nn), growF(c.cl, nn), growF(c.ir, nn), growF(c.il, nn)
	c.bcr, c.bcl, c.bir, c.bil = growI(c.bcr, nn), growI(c.bcl, nn), growI(c.bir, nn), growI(c.bil, nn)
	neg := float32(math.Inf(-1))
	for s := range n {
		c.cr[s*n+s], c.cl[s*n+s] = 0, 0
	}
	for k := 1; k < n; k++ {
		for s := 0; s+k < n; s++ {
			t := s + k
			st := s*n + t
			// incomplete spans: two complete halves facing each other
			best, bq := neg, int32(s)
			for q := s; q < t; q++ {
				if v := c.cr[s*n+q] + c.cl[(q+1)*n+t]; v > best {
					best, bq = v, int32(q)
				}
			}
			c.il[st], c.bil[st] = best+score[t*n+s], bq
			c.ir[st], c.bir[st] = best+score[s*n+t], bq
			// complete spans headed at t: complete s..q, incomplete q..t
			best, bq = neg, int32(s)
			for q := s; q < t; q++ {
				if v := c.cl[s*n+q] + c.il[q*n+t]; v > best {
					best, bq = v, int32(q)
				}
			}
			c.cl[st], c.bcl[st] = best, bq
			// complete spans headed at s: incomplete s..q, complete q..t
			best, bq = neg, int32(t)
			for q := s + 1; q <= t; q++ {
				if v := c.ir[s*n+q] + c.cr[q*n+t]; v > best {
					best, bq = v, int32(q)
				}
			}
			c.cr[st], c.bcr[st] = best, bq
		}
	}
	r, best := 0, neg
	for q := range n {
		if v := c.cl[q] + c.cr[q*n+n-1] + root[q]; v > best {
			r, best = q, v
		}
	}
	heads[r] = -1
	c.complete(n, 0, r, false, heads)
	c.complete(n, r, n-1, true, heads)
}

// complete reads back the complete span s..t headed at s (right) or t.
func (c *chart) complete(n, s, t int, right bool, heads []int32) {
	if s == t {
		return
	}
	st := s*n + t
	if right {
		q := int(c.bcr[st])
		c.incomplete(n, s, q, true, heads)
		c.complete(n, q, t, true, heads)
		return
	}
	q := int(c.bcl[st])
	c.complete(n, s, q, false, heads)
	c.incomplete(n, q, t, false, heads)
}

// incomplete reads back the incomplete span s..t with the arc s -> t
// (right) or t -> s.
func (c *chart) incomplete(n, s, t int, right bool, heads []int32) {
	st := s*n + t
	var q int
	if right {
		heads[t] = int32(s)
		q = int(c.bir[st])
	} else {
		heads[s] = int32(t)
		q = int(c.bil[st])
	}
	c.complete(n, s, q, true, heads)
	c.complete(n, q+1, t, false, heads)
}
