package linear

import (
	"math/bits"
)

// trunc is the part of a feature key that compiled weights keep: 40 bits,
// of which 32 are compared at lookup, enough to make a false match between
// a model's ~10^6 features and an unseen feature rarer than one in 10^8
// lookups; keys are stored as sorted deltas, about 3 bytes a key on disk.
func trunc(key uint64) uint64 { return key>>24 | 1 }

// The table is made of 64-byte lines (one cache line) holding up to five
// features each, so that scoring a feature reads one cache line, not a
// slot and then a run elsewhere. Word 0 of a line is its span (below),
// words 1 to 5 the tags of its features (the low 32 bits of the truncated
// key, never 0; 0 for a free slot), and words 6+2i and 7+2i the weights
// of the feature of tag i:
//
//   - dense (at most denseMax classes, as the parser's four transitions):
//     one int16 weight per class, class c in the low (c even) or high half
//     of word c/2;
//   - sparse: up to two (class<<16 | uint16(weight)) pairs, 0 for none; a
//     feature with more has spillFlag|offset in the first word, and its
//     run (the count, then the pairs) at that offset in spill.
//
// Each feature has a home line, a multiplicative hash of the whole
// truncated key reduced to the number of lines by a multiply (Lemire's
// fast range), so any number of lines works and the table is sized to
// maxLoad. Features are placed in the order of their home lines, each in
// the first free slot from its home line on (linear probing with the keys
// kept in home order, as Robin Hood hashing would), and the span of a line
// is the number of lines after it that hold features of its home: a lookup
// reads the lines h..h+span and stops at its tag, so a feature that is not
// in the table costs one line read wherever its home line holds all its
// features. The lines after the last home line take the overflow of the
// last ones (there is no wrap-around).
const (
	lineSlots = 5
	tagWord   = 1 // the first tag
	dataWord  = tagWord + lineSlots
	denseMax  = 4
	sparseMax = 2
	spillFlag = 1 << 31
	maxLoad   = 0.7
	golden    = 0x9E3779B97F4A7C15
)

// line is one cache line of the table.
type line [16]uint32

// Weights is a compiled, read-only model: a hash table from feature key to
// the weights of the classes the feature votes for. It is safe for
// concurrent use.
type Weights struct {
	nclass int
	scale  float32
	n      int // features
	dense  bool
	nlines uint64   // home lines
	table  []line   // nlines home lines, then overflow lines
	spill  []uint32 // long sparse runs: count, then pairs
	keys   []uint64 // truncated keys in ascending order, for WriteTo and Prune
	// hidden holds the runs of the features a lookup cannot reach because
	// a feature placed before them on their probe path has the same tag
	// (a 32-bit collision inside one cluster of the table: expected
	// never); WriteTo and Prune keep them.
	hidden map[uint64][]uint32
}

// builder collects features in ascending key order and compiles them. It
// packs each feature's weights into its two weight words as it is added
// (long sparse runs into the spill array, in key order), so that no copy
// of the runs is kept while the table is built.
type builder struct {
	nclass int
	scale  float32
	dense  bool
	keys   []uint64
	data   [][2]uint32
	spill  []uint32
}

func newBuilder(nclass, hint int, scale float32) *builder {
	return &builder{nclass: nclass, scale: scale, dense: nclass <= denseMax,
		keys: make([]uint64, 0, hint), data: make([][2]uint32, 0, hint)}
}

// add appends one feature (a truncated key) with its classes and weights.
func (b *builder) add(key uint64, cls []uint16, q []int16) {
	if len(cls) == 0 {
		return
	}
	var d [2]uint32
	switch {
	case b.dense:
		for i, c := range cls {
			d[c/2] |= uint32(uint16(q[i])) << (16 * (c & 1))
		}
	case len(cls) <= sparseMax:
		for i, c := range cls {
			d[i] = uint32(c)<<16 | uint32(uint16(q[i]))
		}
	default:
		d[0] = spillFlag | uint32(len(b.spill))
		b.spill = append(b.spill, uint32(len(cls)))
		for i, c := range cls {
			b.spill = append(b.spill, uint32(c)<<16|uint32(uint16(q[i])))
		}
	}
	b.keys = append(b.keys, key)
	b.data = append(b.data, d)
}

// home returns the home line of truncated key t.
func (w *Weights) home(t uint64) uint64 {
	hi, _ := bits.Mul64(t*golden, w.nlines)
	return hi
}

func (b *builder) build() *Weights {
	w := &Weights{nclass: b.nclass, scale: b.scale, n: len(b.keys), dense: b.dense, keys: b.keys, spill: b.spill}
	w.nlines = max(1, uint64(float64(w.n)/(lineSlots*maxLoad))+1)
	// The features with their two weight words, in the order of their home
	// lines and in key order within a line (a counting sort), so that
	// placing them reads and writes memory in order.
	type entry struct {
		key  uint64
		data [2]uint32
	}
	start := make([]uint32, w.nlines+1)
	homes := make([]uint32, len(b.keys))
	for f, k := range b.keys {
		h := uint32(w.home(k))
		homes[f] = h
		start[h+1]++
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	order := make([]entry, len(b.keys))
	for f, h := range homes {
		order[start[h]] = entry{b.keys[f], b.data[f]}
		start[h]++
	}
	b.data = nil
	w.table = make([]line, w.nlines, w.nlines+4)
	next := 0 // the first free slot (counted over the whole table)
	for _, e := range order {
		home := w.home(e.key)
		tag := uint32(e.key) | 1
		first := int(home) * lineSlots
		next = max(next, first)
		if w.hasTag(first, next, tag) {
			if w.hidden == nil {
				w.hidden = map[uint64][]uint32{}
			}
			w.hidden[e.key] = w.unpack(e.data[:], nil)
			continue
		}
		li, si := next/lineSlots, next%lineSlots
		next++
		if li == len(w.table) {
			w.table = append(w.table, line{})
		}
		w.table[home][0] = uint32(uint64(li) - home)
		l := &w.table[li]
		l[tagWord+si] = tag
		l[dataWord+2*si], l[dataWord+2*si+1] = e.data[0], e.data[1]
	}
	return w
}

// hasTag reports whether a slot from index i to j (counted over the whole
// table) has the tag.
func (w *Weights) hasTag(i, j int, tag uint32) bool {
	for ; i < j; i++ {
		if w.table[i/lineSlots][tagWord+i%lineSlots] == tag {
			return true
		}
	}
	return false
}

// find returns the two weight words of truncated key t, or nil.
func (w *Weights) find(t uint64) []uint32 {
	h := w.home(t)
	tag := uint32(t) | 1
	for i := h; i <= h+uint64(w.table[h][0]); i++ {
		l := &w.table[i]
		for j := range lineSlots {
			if l[tagWord+j] == tag {
				return l[dataWord+2*j : dataWord+2*j+2]
			}
		}
	}
	return nil
}

// run appends the (class<<16 | uint16(weight)) pairs of truncated key t.
func (w *Weights) run(t uint64, dst []uint32) []uint32 {
	if r, ok := w.hidden[t]; ok {
		return append(dst, r...)
	}
	return w.unpack(w.find(t), dst)
}

// unpack appends the (class<<16 | uint16(weight)) pairs of a feature's two
// weight words d (nil: none).
func (w *Weights) unpack(d []uint32, dst []uint32) []uint32 {
	switch {
	case d == nil:
	case w.dense:
		for c := range w.nclass {
			if v := uint16(d[c/2] >> (16 * (c & 1))); v != 0 {
				dst = append(dst, uint32(c)<<16|uint32(v))
			}
		}
	case d[0]&spillFlag != 0:
		off := d[0] &^ spillFlag
		dst = append(dst, w.spill[off+1:off+1+w.spill[off]]...)
	default:
		for _, p := range d {
			if p != 0 {
				dst = append(dst, p)
			}
		}
	}
	return dst
}

// Score adds the weights of keys to scores (len(scores) >= Classes()), in
// units of Scale(): the ranking of classes is that of the real weights.
// The sums are of integers below 2^24, so they are exact and do not depend
// on the order of the keys.
func (w *Weights) Score(keys []uint64, scores []float32) {
	_ = scores[w.nclass-1]
	if w.dense {
		var acc [denseMax]int32
		w.Sum4(keys, &acc)
		for c := range w.nclass {
			scores[c] += float32(acc[c])
		}
		return
	}
	table := w.table
	var homes [batch]uint32
	for len(keys) > 0 {
		ks := keys[:min(len(keys), batch)]
		keys = keys[len(ks):]
		w.touch(ks, &homes)
		for i, k := range ks {
			t := trunc(k)
			tag := uint32(t)
			l := &table[homes[i%batch]]
			var a, b uint32
			switch tag {
			case l[1]:
				a, b = l[6], l[7]
			case l[2]:
				a, b = l[8], l[9]
			case l[3]:
				a, b = l[10], l[11]
			case l[4]:
				a, b = l[12], l[13]
			case l[5]:
				a, b = l[14], l[15]
			default:
				if l[0] == 0 {
					continue
				}
				d := w.find(t)
				if d == nil {
					continue
				}
				a, b = d[0], d[1]
			}
			if a&spillFlag != 0 {
				off := a &^ spillFlag
				for _, p := range w.spill[off+1 : off+1+w.spill[off]] {
					scores[p>>16] += float32(int16(p))
				}
				continue
			}
			// An empty pair is 0: it adds 0 to class 0.
			scores[a>>16] += float32(int16(a))
			scores[b>>16] += float32(int16(b))
		}
	}
}

// Sum adds the weights of keys to acc (len(acc) >= Classes()), in units of
// Scale(): the integer sums of Score without the conversions to float32,
// exact whatever their size and order.
func (w *Weights) Sum(keys []uint64, acc []int32) { w.sum(keys, nil, acc[:w.nclass]) }

// SumAt adds the weights of each key keys[i] to the Classes() sums that
// start at acc[at[i]], in units of Scale(): Sum for many rows of sums at
// once, so that the cache misses of all the keys overlap.
func (w *Weights) SumAt(keys []uint64, at []int32, acc []int32) {
	if len(keys) > 0 {
		w.sum(keys, at[:len(keys)], acc)
	}
}

// sum is Sum (at nil) and SumAt.
func (w *Weights) sum(keys []uint64, at []int32, acc []int32) {
	nc := w.nclass
	var row []int32
	if at == nil {
		row = acc[:nc]
	}
	if w.dense {
		for i := range keys {
			if at != nil {
				row = acc[at[i]:][:nc]
			}
			var a [denseMax]int32
			w.Sum4(keys[i:i+1], &a)
			for c := range row {
				row[c] += a[c]
			}
		}
		return
	}
	table := w.table
	var homes [batch]uint32
	var data [batch][2]uint32
	var rows [batch]int32
	for b := 0; b < len(keys); b += batch {
		ks := keys[b:min(len(keys), b+batch)]
		w.touch(ks, &homes)
		// Find the weights of the keys, and load the first word of the
		// long runs, so that their misses overlap too.
		n := 0
		var z uint32
		for i, k := range ks {
			t := trunc(k)
			tag := uint32(t)
			l := &table[homes[i%batch]]
			var x, y uint32
			switch tag {
			case l[1]:
				x, y = l[6], l[7]
			case l[2]:
				x, y = l[8], l[9]
			case l[3]:
				x, y = l[10], l[11]
			case l[4]:
				x, y = l[12], l[13]
			case l[5]:
				x, y = l[14], l[15]
			default:
				if l[0] == 0 {
					continue
				}
				d := w.find(t)
				if d == nil {
					continue
				}
				x, y = d[0], d[1]
			}
			if x&spillFlag != 0 {
				z |= w.spill[x&^spillFlag]
			}
			if at != nil {
				rows[n%batch] = at[b+i]
			}
			data[n%batch] = [2]uint32{x, y}
			n++
		}
		if z == 1<<32-1 {
			n += 0 // keeps the loads
		}
		for j, d := range data[:n] {
			if at != nil {
				row = acc[rows[j]:][:nc]
			}
			x, y := d[0], d[1]
			if x&spillFlag != 0 {
				off := x &^ spillFlag
				for _, p := range w.spill[off+1 : off+1+w.spill[off]] {
					row[p>>16] += int32(int16(p))
				}
				continue
			}
			// An empty pair is 0: it adds 0 to class 0.
			row[x>>16] += int32(int16(x))
			row[y>>16] += int32(int16(y))
		}
	}
}

// Sum4 adds the weights of keys to acc, in units of Scale(), for weights
// of at most four classes (it adds nothing otherwise): Score without the
// conversions, for the parser's transitions.
func (w *Weights) Sum4(keys []uint64, acc *[4]int32) {
	if !w.dense {
		return
	}
	table := w.table
	var a0, a1, a2, a3 int32
	var homes [batch]uint32
	for len(keys) > 0 {
		ks := keys[:min(len(keys), batch)]
		keys = keys[len(ks):]
		w.touch(ks, &homes)
		for i, k := range ks {
			t := trunc(k)
			tag := uint32(t)
			l := &table[homes[i%batch]]
			var a, b uint32
			switch tag {
			case l[1]:
				a, b = l[6], l[7]
			case l[2]:
				a, b = l[8], l[9]
			case l[3]:
				a, b = l[10], l[11]
			case l[4]:
				a, b = l[12], l[13]
			case l[5]:
				a, b = l[14], l[15]
			default:
				if l[0] == 0 {
					continue
				}
				d := w.find(t)
				if d == nil {
					continue
				}
				a, b = d[0], d[1]
			}
			a0 += int32(int16(a))
			a1 += int32(int16(a >> 16))
			a2 += int32(int16(b))
			a3 += int32(int16(b >> 16))
		}
	}
	acc[0] += a0
	acc[1] += a1
	acc[2] += a2
	acc[3] += a3
}

// batch is the number of keys whose lines Score loads together.
const batch = 32

// touch writes the home lines of keys (at most batch) and loads a word of
// each: the loads do not wait on one another or on the branches of the
// searches that follow, so the cache misses of a batch overlap instead of
// coming one after another.
func (w *Weights) touch(keys []uint64, homes *[batch]uint32) {
	table, nlines := w.table, w.nlines
	var x uint32
	for i, k := range keys {
		h, _ := bits.Mul64(trunc(k)*golden, nlines)
		homes[i%batch] = uint32(h)
		x |= table[h][0]
	}
	if x == 1<<32-1 {
		homes[0] |= 0 // keeps the loads
	}
}

// Classes returns the number of classes.
func (w *Weights) Classes() int { return w.nclass }

// Features returns the number of features kept.
func (w *Weights) Features() int { return w.n }

// Scale returns the real value of one unit of Score.
func (w *Weights) Scale() float32 { return w.scale }

// Bytes returns the memory the weights take.
func (w *Weights) Bytes() int {
	return 64*len(w.table) + 4*len(w.spill) + 8*len(w.keys)
}

// each calls f with every feature in ascending key order.
func (w *Weights) each(f func(key uint64, run []uint32)) {
	var run []uint32
	for _, k := range w.keys {
		run = w.run(k, run[:0])
		f(k, run)
	}
}

// Prune returns a copy of w without the weights smaller than min in
// magnitude (real units, not Score units) and the features left empty: the
// model Average(min) would have given, up to rounding.
func (w *Weights) Prune(min float32) *Weights {
	b := newBuilder(w.nclass, w.n, w.scale)
	var cls []uint16
	var q []int16
	w.each(func(k uint64, run []uint32) {
		cls, q = cls[:0], q[:0]
		for _, x := range run {
			v := int16(uint16(x))
			if float32(v)*w.scale >= min || float32(v)*w.scale <= -min {
				cls = append(cls, uint16(x>>16))
				q = append(q, v)
			}
		}
		b.add(k, cls, q)
	})
	return b.build()
}
