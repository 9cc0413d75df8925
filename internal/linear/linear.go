// Package linear is the sparse averaged perceptron shared by the tagger and
// the parser: features are 64-bit hashes of template values (Mix), each
// feature keeps weights only for the classes it was ever updated for, and a
// trained model compiles into a compact read-only table (Weights) of 16-bit
// weights that scores a feature with two memory reads.
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

// trunc is the part of a feature key that compiled weights keep: 40 bits,
// of which 32 are compared at lookup, enough to make a false match between
// a model's ~10^6 features and an unseen feature rarer than one in 10^8
// lookups; keys are stored as sorted deltas, about 3 bytes a key on disk.
func trunc(key uint64) uint64 { return key>>24 | 1 }

// Weights is a compiled, read-only model: an open-addressing table from
// feature key to a run of (class, weight) pairs. It is safe for concurrent
// use.
type Weights struct {
	nclass int
	scale  float32
	n      int      // features
	shift  uint     // 64 - log2(len(slots))
	slots  []slot   // open addressing, linear probing
	data   []uint32 // at slot.off: the count, then class<<16 | uint16(weight)
	keys   []uint64 // truncated keys in ascending order, feature f's run first in data
}

// slot is one table cell: the low 32 bits of a truncated key (never 0 when
// used) and the offset of the feature's run in data.
type slot struct {
	tag uint32
	off uint32
}

type builder struct {
	w    Weights
	keys []uint64
	offs []uint32
}

func newBuilder(nclass, hint int, scale float32) *builder {
	return &builder{w: Weights{nclass: nclass, scale: scale}, keys: make([]uint64, 0, hint), offs: make([]uint32, 0, hint)}
}

// add appends one feature (a truncated key) with its classes and weights.
func (b *builder) add(key uint64, cls []uint16, q []int16) {
	if len(cls) == 0 {
		return
	}
	b.keys = append(b.keys, key)
	b.offs = append(b.offs, uint32(len(b.w.data)))
	b.w.data = append(b.w.data, uint32(len(cls)))
	for i, c := range cls {
		b.w.data = append(b.w.data, uint32(c)<<16|uint32(uint16(q[i])))
	}
}

func (b *builder) build() *Weights {
	w := &b.w
	size, bits := 16, uint(4)
	for size < 2*len(b.keys) {
		size <<= 1
		bits++
	}
	w.n = len(b.keys)
	w.keys = b.keys
	w.shift = 64 - bits
	w.slots = make([]slot, size)
	mask := uint64(size - 1)
	for f, k := range b.keys {
		i := (k * 0x9E3779B97F4A7C15) >> w.shift
		tag := uint32(k) | 1
		for w.slots[i].tag != 0 {
			i = (i + 1) & mask
		}
		w.slots[i] = slot{tag, b.offs[f]}
	}
	return w
}

// Score adds the weights of keys to scores (len(scores) >= Classes()), in
// units of Scale(): the ranking of classes is that of the real weights.
func (w *Weights) Score(keys []uint64, scores []float32) {
	slots, data := w.slots, w.data
	mask := uint64(len(slots) - 1)
	_ = scores[w.nclass-1]
	for _, k := range keys {
		k = trunc(k)
		i := (k * 0x9E3779B97F4A7C15) >> w.shift
		tag := uint32(k) | 1
		for {
			s := slots[i]
			if s.tag == tag {
				n := data[s.off]
				for _, e := range data[s.off+1 : s.off+1+n] {
					scores[e>>16] += float32(int16(uint16(e)))
				}
				break
			}
			if s.tag == 0 {
				break
			}
			i = (i + 1) & mask
		}
	}
}

// Classes returns the number of classes.
func (w *Weights) Classes() int { return w.nclass }

// Features returns the number of features kept.
func (w *Weights) Features() int { return w.n }

// Scale returns the real value of one unit of Score.
func (w *Weights) Scale() float32 { return w.scale }

// Prune returns a copy of w without the weights smaller than min in
// magnitude (real units, not Score units) and the features left empty: the
// model Average(min) would have given, up to rounding.
func (w *Weights) Prune(min float32) *Weights {
	b := newBuilder(w.nclass, w.n, w.scale)
	var cls []uint16
	var q []int16
	off := 0
	for _, k := range w.keys {
		n := int(w.data[off])
		cls, q = cls[:0], q[:0]
		for _, x := range w.data[off+1 : off+1+n] {
			v := int16(uint16(x))
			if float32(v)*w.scale >= min || float32(v)*w.scale <= -min {
				cls = append(cls, uint16(x>>16))
				q = append(q, v)
			}
		}
		b.add(k, cls, q)
		off += 1 + n
	}
	return b.build()
}
