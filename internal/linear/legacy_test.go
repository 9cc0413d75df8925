package linear

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// legacy is the layout Weights had before the cache-line table: a slot
// array of (tag, offset) and the runs elsewhere. It is kept here as the
// reference the new layout must score exactly like.
type legacy struct {
	nclass int
	shift  uint
	slots  []struct{ tag, off uint32 }
	data   []uint32
}

func newLegacy(w *Weights) *legacy {
	l := &legacy{nclass: w.nclass}
	size, bits := 16, uint(4)
	for size < 2*len(w.keys) {
		size <<= 1
		bits++
	}
	l.shift = 64 - bits
	l.slots = make([]struct{ tag, off uint32 }, size)
	mask := uint64(size - 1)
	w.each(func(k uint64, run []uint32) {
		off := uint32(len(l.data))
		l.data = append(l.data, uint32(len(run)))
		l.data = append(l.data, run...)
		i := (k * 0x9E3779B97F4A7C15) >> l.shift
		for l.slots[i].tag != 0 {
			i = (i + 1) & mask
		}
		l.slots[i].tag, l.slots[i].off = uint32(k)|1, off
	})
	return l
}

func (l *legacy) score(keys []uint64, scores []float32) {
	mask := uint64(len(l.slots) - 1)
	for _, k := range keys {
		k = trunc(k)
		i := (k * 0x9E3779B97F4A7C15) >> l.shift
		tag := uint32(k) | 1
		for {
			s := l.slots[i]
			if s.tag == tag {
				n := l.data[s.off]
				for _, e := range l.data[s.off+1 : s.off+1+n] {
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

// randomWeights returns weights over nf random features of nclass classes
// with runs of 1 to maxRun weights.
func randomWeights(rng *rand.Rand, nclass, nf, maxRun int) *Weights {
	keys := make([]uint64, nf)
	for i := range keys {
		keys[i] = trunc(rng.Uint64())
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	b := newBuilder(nclass, len(keys), 0.01)
	for _, k := range keys {
		n := 1 + rng.IntN(min(maxRun, nclass))
		cls := make([]uint16, 0, n)
		for _, c := range rng.Perm(nclass)[:n] {
			cls = append(cls, uint16(c))
		}
		slices.Sort(cls)
		q := make([]int16, n)
		for i := range q {
			q[i] = int16(rng.IntN(65535) - 32767)
		}
		b.add(k, cls, q)
	}
	return b.build()
}

func TestTableScoresAsLegacy(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, tc := range []struct{ nclass, nf, maxRun int }{
		{1, 10, 1}, {2, 1000, 2}, {4, 20000, 4}, {6, 5000, 6}, {7, 5000, 7},
		{51, 20000, 3}, {108, 20000, 12}, {108, 3, 108}, {3, 0, 1},
	} {
		w := randomWeights(rng, tc.nclass, tc.nf, tc.maxRun)
		l := newLegacy(w)
		if len(w.hidden) != 0 {
			t.Errorf("%v: %d hidden features", tc, len(w.hidden))
		}
		got, want := make([]float32, tc.nclass), make([]float32, tc.nclass)
		sum := make([]int32, tc.nclass)
		rows := make([]int32, 3*tc.nclass)
		var at []int32
		check := func(keys []uint64) {
			clear(got)
			clear(want)
			w.Score(keys, got)
			l.score(keys, want)
			if !slices.Equal(got, want) {
				t.Fatalf("%v: keys %x: scores %v, want %v", tc, keys, got, want)
			}
			// Sum gives the same integers; SumAt splits them between
			// rows as asked.
			clear(sum)
			w.Sum(keys, sum)
			clear(rows)
			at = at[:0]
			for i := range keys {
				at = append(at, int32(i%3*tc.nclass))
			}
			w.SumAt(keys, at, rows)
			for c := range want {
				r := rows[c] + rows[tc.nclass+c] + rows[2*tc.nclass+c]
				if float32(sum[c]) != want[c] || r != sum[c] {
					t.Fatalf("%v: keys %x: class %d: Sum %d, SumAt rows %d, Score %v", tc, keys, c, sum[c], r, want[c])
				}
			}
		}
		for _, k := range w.keys {
			check([]uint64{k << 24})
		}
		keys := make([]uint64, 0, 64)
		for range 2000 {
			keys = keys[:0]
			for range 1 + rng.IntN(64) {
				if len(w.keys) > 0 && rng.IntN(2) == 0 {
					keys = append(keys, w.keys[rng.IntN(len(w.keys))]<<24|rng.Uint64N(1<<24))
				} else {
					keys = append(keys, rng.Uint64())
				}
			}
			check(keys)
		}
	}
}

func TestTableHiddenCollision(t *testing.T) {
	// Two keys with the same tag and the same home line: the second is
	// unreachable by lookup, as in the legacy table, but written and
	// pruned with its own weights.
	b := newBuilder(3, 2, 1)
	k1 := uint64(0x12_0000_0001)
	var k2 uint64
	probe := &Weights{nlines: 1}
	for hi := uint64(0x13); ; hi++ {
		if k2 = hi<<32 | 1; probe.home(k2) == probe.home(k1) {
			break
		}
	}
	b.add(k1, []uint16{0}, []int16{5})
	b.add(k2, []uint16{2}, []int16{-7})
	w := b.build()
	if len(w.hidden) != 1 {
		t.Fatalf("%d hidden features, want 1", len(w.hidden))
	}
	s := make([]float32, 3)
	w.Score([]uint64{k2 << 24}, s)
	if !slices.Equal(s, []float32{5, 0, 0}) {
		t.Errorf("scores %v", s)
	}
	var runs [][]uint32
	w.each(func(_ uint64, run []uint32) { runs = append(runs, slices.Clone(run)) })
	if len(runs) != 2 || runs[1][0] != 2<<16|uint32(uint16(0xFFF9)) {
		t.Errorf("runs %x", runs)
	}
}

func BenchmarkTableScore(b *testing.B) {
	for _, tc := range []struct {
		name              string
		nclass, nf, maxRn int
		distinct          int // distinct keys looked up
	}{
		{"parser-trans/cold", 4, 800000, 4, 1 << 20}, {"parser-trans/warm", 4, 800000, 4, 4000},
		{"tagger/cold", 108, 250000, 4, 1 << 20}, {"tagger/warm", 108, 250000, 4, 4000},
	} {
		for _, impl := range []string{"table", "legacy"} {
			b.Run(tc.name+"/"+impl, func(b *testing.B) {
				rng := rand.New(rand.NewPCG(1, 2))
				w := randomWeights(rng, tc.nclass, tc.nf, tc.maxRn)
				score := w.Score
				if impl == "legacy" {
					score = newLegacy(w).score
				}
				// Batches of 96 keys, one in five unknown.
				pool := make([]uint64, tc.distinct)
				for j := range pool {
					if j%5 == 0 {
						pool[j] = rng.Uint64()
					} else {
						pool[j] = w.keys[rng.IntN(len(w.keys))] << 24
					}
				}
				all := make([]uint64, 4096*96)
				for j := range all {
					all[j] = pool[rng.IntN(len(pool))]
				}
				scores := make([]float32, tc.nclass)
				n := 0
				for b.Loop() {
					keys := all[n%len(all):][:96]
					clear(scores)
					score(keys, scores)
					n += len(keys)
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n), "ns/key")
			})
		}
	}
}
