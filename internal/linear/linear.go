// Package linear is the sparse averaged perceptron shared by the tagger and
// the parser: features are 64-bit hashes of template values (Mix), each
// feature keeps weights only for the classes it was ever updated for, and a
// trained model compiles into a compact read-only hash table (Weights) of
// 16-bit weights that scores a feature with one cache-line read (table.go).
//
// Training (Trainer) keeps float weights and their running sums for
// averaging. Average returns the averaged, pruned, quantised Weights, which
// are what gets evaluated, written and shipped, so that a model scores the
// same in training, after a round trip through its file, and in production.
package linear

import (
	"errors"
	"math"
	"slices"
)

// ErrCorrupt marks a model file that cannot be decoded.
var ErrCorrupt = errors.New("corrupt model")

// Mix hashes a template id and up to three values into a feature key; the
// key is never 0.
func Mix(tmpl, a, b, c uint64) uint64 {
	h := tmpl*0x9E3779B97F4A7C15 ^ a
	h = (h ^ h>>31) * 0xBF58476D1CE4E5B9
	h ^= b
	h = (h ^ h>>29) * 0x94D049BB133111EB
	h ^= c
	h = (h ^ h>>32) * 0xD6E8FEB86659FD93
	return h | 1
}

// entry is the training state of one class weight of one feature.
type entry struct {
	cls   uint16
	w     float32
	total float64 // sum of w over the steps before ts
	ts    int32   // step of the last change of w
}

// Trainer is an averaged perceptron over sparse hashed features. It is not
// safe for concurrent use.
type Trainer struct {
	nclass int
	index  map[uint64]int32
	feats  [][]entry
	step   int32
}

// NewTrainer returns a trainer for nclass classes (at most 65536).
func NewTrainer(nclass int) *Trainer {
	return &Trainer{nclass: nclass, index: make(map[uint64]int32, 1<<16)}
}

// Classes returns the number of classes.
func (t *Trainer) Classes() int { return t.nclass }

// Score adds the current (not averaged) weights of keys to scores.
func (t *Trainer) Score(keys []uint64, scores []float32) {
	for _, k := range keys {
		i, ok := t.index[k]
		if !ok {
			continue
		}
		for _, e := range t.feats[i] {
			scores[e.cls] += e.w
		}
	}
}

// Tick counts one training instance (the unit of averaging).
func (t *Trainer) Tick() { t.step++ }

// Update moves the weights of keys for class cls by delta.
func (t *Trainer) Update(keys []uint64, cls int, delta float32) {
	for _, k := range keys {
		i, ok := t.index[k]
		if !ok {
			i = int32(len(t.feats))
			t.index[k] = i
			t.feats = append(t.feats, nil)
		}
		es := t.feats[i]
		j := 0
		for j < len(es) && int(es[j].cls) != cls {
			j++
		}
		if j == len(es) {
			t.feats[i] = append(es, entry{cls: uint16(cls), ts: t.step})
			es = t.feats[i]
		}
		e := &es[j]
		e.total += float64(e.w) * float64(t.step-e.ts)
		e.ts = t.step
		e.w += delta
	}
}

// Average returns the averaged weights, dropping those with |w| < prune
// and the features left without weights, quantised to 16 bits.
func (t *Trainer) Average(prune float32) *Weights {
	keys := make([]uint64, 0, len(t.index))
	for k := range t.index {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	step := float64(max(t.step, 1))
	type kw struct {
		key uint64
		cls []uint16
		w   []float32
	}
	var all []kw
	var maxAbs float32
	for _, k := range keys {
		var f kw
		for _, e := range t.feats[t.index[k]] {
			avg := float32((e.total + float64(e.w)*float64(t.step-e.ts)) / step)
			if avg >= prune || avg <= -prune {
				f.cls = append(f.cls, e.cls)
				f.w = append(f.w, avg)
				maxAbs = max(maxAbs, float32(math.Abs(float64(avg))))
			}
		}
		if len(f.cls) > 0 {
			f.key = trunc(k)
			all = append(all, f)
		}
	}
	// Truncated keys may collide: merge their weights.
	slices.SortStableFunc(all, func(a, b kw) int {
		switch {
		case a.key < b.key:
			return -1
		case a.key > b.key:
			return 1
		}
		return 0
	})
	scale := maxAbs / math.MaxInt16
	if scale == 0 {
		scale = 1
	}
	b := newBuilder(t.nclass, len(all), scale)
	var cls []uint16
	var q []int16
	for i := 0; i < len(all); {
		j := i
		acc := map[uint16]float32{}
		for ; j < len(all) && all[j].key == all[i].key; j++ {
			for x, c := range all[j].cls {
				acc[c] += all[j].w[x]
			}
		}
		cls, q = cls[:0], q[:0]
		for c := range acc {
			cls = append(cls, c)
		}
		slices.Sort(cls)
		for _, c := range cls {
			v := math.Round(float64(acc[c] / scale))
			q = append(q, int16(max(-math.MaxInt16, min(math.MaxInt16, v))))
		}
		b.add(all[i].key, cls, q)
		i = j
	}
	return b.build()
}
