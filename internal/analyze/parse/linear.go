package parse

// This file is the sparse averaged perceptron shared (as an identical copy)
// by the tag and parse packages: features are 64-bit hashes, each feature
// keeps weights only for the classes it was ever updated for.

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

// mix hashes a template id and up to three values into a feature key; the
// key is never 0 (0 marks an empty slot).
func mix(tmpl uint64, a, b, c uint64) uint64 {
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

// trainer is an averaged perceptron over sparse hashed features.
type trainer struct {
	nclass int
	index  map[uint64]int32
	feats  [][]entry
	step   int32
}

func newTrainer(nclass int) *trainer {
	return &trainer{nclass: nclass, index: make(map[uint64]int32, 1<<16)}
}

// score adds the current weights of keys to scores.
func (t *trainer) score(keys []uint64, scores []float32) {
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

// tick counts one training instance (for averaging).
func (t *trainer) tick() { t.step++ }

// update moves the weights of keys by delta for class cls.
func (t *trainer) update(keys []uint64, cls int, delta float32) {
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

// average returns the averaged weights, dropping those with |w| < prune.
func (t *trainer) average(prune float32) *weights {
	keys := make([]uint64, 0, len(t.index))
	for k := range t.index {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b := newWeightsBuilder(t.nclass, len(keys))
	step := float64(max(t.step, 1))
	var cls []uint16
	var ws []float32
	for _, k := range keys {
		cls, ws = cls[:0], ws[:0]
		for _, e := range t.feats[t.index[k]] {
			avg := float32((e.total + float64(e.w)*float64(t.step-e.ts)) / step)
			if avg >= prune || avg <= -prune {
				cls = append(cls, e.cls)
				ws = append(ws, avg)
			}
		}
		b.add(k, cls, ws)
	}
	return b.build()
}

// weights is the compiled, read-only model: an open-addressing table from
// feature key to a run of (class, weight) pairs.
type weights struct {
	nclass int
	mask   uint64
	slots  []uint64 // feature keys; 0 = empty
	feat   []int32  // feature number of each slot
	start  []int32  // feature f has pairs start[f]:start[f+1]
	cls    []uint16
	w      []float32
}

type weightsBuilder struct {
	keys []uint64
	wt   weights
}

func newWeightsBuilder(nclass, hint int) *weightsBuilder {
	return &weightsBuilder{wt: weights{nclass: nclass, start: make([]int32, 1, hint+1)}}
}

// trunc is the part of a feature key the compiled weights keep: 40 bits,
// enough to make a false match between a model's ~10^6 features and an
// unseen feature about one in a million lookups, and 3 bytes a key on disk.
func trunc(key uint64) uint64 { return key>>24 | 1 }

func (b *weightsBuilder) add(key uint64, cls []uint16, w []float32) {
	b.addTrunc(trunc(key), cls, w)
}

func (b *weightsBuilder) addTrunc(key uint64, cls []uint16, w []float32) {
	if len(cls) == 0 {
		return
	}
	b.keys = append(b.keys, key)
	b.wt.cls = append(b.wt.cls, cls...)
	b.wt.w = append(b.wt.w, w...)
	b.wt.start = append(b.wt.start, int32(len(b.wt.cls)))
}

func (b *weightsBuilder) build() *weights {
	w := &b.wt
	size := 16
	for size < 2*len(b.keys) {
		size <<= 1
	}
	w.mask = uint64(size - 1)
	w.slots = make([]uint64, size)
	w.feat = make([]int32, size)
	for f, k := range b.keys {
		i := slot(k, w.mask)
		for w.slots[i] != 0 {
			i = (i + 1) & w.mask
		}
		w.slots[i] = k
		w.feat[i] = int32(f)
	}
	return w
}

func slot(k, mask uint64) uint64 { return (k * 0x9E3779B97F4A7C15 >> 20) & mask }

// score adds the weights of keys to scores.
func (w *weights) score(keys []uint64, scores []float32) {
	for _, k := range keys {
		k = trunc(k)
		i := slot(k, w.mask)
		for {
			s := w.slots[i]
			if s == k {
				f := w.feat[i]
				lo, hi := w.start[f], w.start[f+1]
				cls, ws := w.cls[lo:hi], w.w[lo:hi]
				for j, c := range cls {
					scores[c] += ws[j]
				}
				break
			}
			if s == 0 {
				break
			}
			i = (i + 1) & w.mask
		}
	}
}

// features returns the number of features kept.
func (w *weights) features() int { return len(w.start) - 1 }

// write serialises the weights: keys in ascending order as deltas, weights
// quantised to 16 bits.
func (w *weights) write(bw *bufio.Writer) error {
	type kf struct {
		key  uint64
		feat int32
	}
	kfs := make([]kf, 0, w.features())
	for i, k := range w.slots {
		if k != 0 {
			kfs = append(kfs, kf{k, w.feat[i]})
		}
	}
	slices.SortFunc(kfs, func(a, b kf) int {
		if a.key < b.key {
			return -1
		}
		if a.key > b.key {
			return 1
		}
		return 0
	})
	var maxAbs float32
	for _, x := range w.w {
		maxAbs = max(maxAbs, float32(math.Abs(float64(x))))
	}
	scale := maxAbs / 32767
	if scale == 0 {
		scale = 1
	}
	var buf [binary.MaxVarintLen64]byte
	put := func(x uint64) { bw.Write(buf[:binary.PutUvarint(buf[:], x)]) }
	puts := func(x int64) { bw.Write(buf[:binary.PutVarint(buf[:], x)]) }
	put(uint64(w.nclass))
	put(uint64(len(kfs)))
	binary.Write(bw, binary.LittleEndian, scale)
	prev := uint64(0)
	for _, e := range kfs {
		put(e.key - prev)
		prev = e.key
		lo, hi := w.start[e.feat], w.start[e.feat+1]
		put(uint64(hi - lo))
		for j := lo; j < hi; j++ {
			put(uint64(w.cls[j]))
			puts(int64(math.Round(float64(w.w[j] / scale))))
		}
	}
	return nil
}

var errCorrupt = errors.New("corrupt model")

// readWeights reads what write wrote.
func readWeights(br *bufio.Reader) (*weights, error) {
	get := func() (uint64, error) { return binary.ReadUvarint(br) }
	nclass, err := get()
	if err != nil {
		return nil, err
	}
	n, err := get()
	if err != nil {
		return nil, err
	}
	if nclass == 0 || nclass > 1<<15 || n > 1<<26 {
		return nil, fmt.Errorf("%w: %d classes, %d features", errCorrupt, nclass, n)
	}
	var scale float32
	if err := binary.Read(br, binary.LittleEndian, &scale); err != nil {
		return nil, err
	}
	b := newWeightsBuilder(int(nclass), int(n))
	b.keys = make([]uint64, 0, n)
	key := uint64(0)
	var cls []uint16
	var ws []float32
	for range n {
		d, err := get()
		if err != nil {
			return nil, err
		}
		key += d
		m, err := get()
		if err != nil {
			return nil, err
		}
		if m > nclass {
			return nil, fmt.Errorf("%w: %d weights for one feature", errCorrupt, m)
		}
		cls, ws = cls[:0], ws[:0]
		for range m {
			c, err := get()
			if err != nil {
				return nil, err
			}
			q, err := binary.ReadVarint(br)
			if err != nil {
				return nil, err
			}
			if c >= nclass {
				return nil, fmt.Errorf("%w: class %d of %d", errCorrupt, c, nclass)
			}
			cls = append(cls, uint16(c))
			ws = append(ws, float32(q)*scale)
		}
		b.addTrunc(key, cls, ws)
	}
	return b.build(), nil
}

// Helpers for the rest of the model file.

func writeString(bw *bufio.Writer, s string) {
	var buf [binary.MaxVarintLen64]byte
	bw.Write(buf[:binary.PutUvarint(buf[:], uint64(len(s)))])
	bw.WriteString(s)
}

func readString(br *bufio.Reader) (string, error) {
	n, err := binary.ReadUvarint(br)
	if err != nil {
		return "", err
	}
	if n > 1<<20 {
		return "", fmt.Errorf("%w: string of %d bytes", errCorrupt, n)
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(br, b); err != nil {
		return "", err
	}
	return string(b), nil
}

func writeUvarint(bw *bufio.Writer, x uint64) {
	var buf [binary.MaxVarintLen64]byte
	bw.Write(buf[:binary.PutUvarint(buf[:], x)])
}
