package linear

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// syntheticWeights builds weights shaped like the tagger's (many classes,
// a few to a few dozen weights a feature) or the parser's (four dense
// classes).
func syntheticWeights(nclass, features int) *Weights {
	r := rand.New(rand.NewPCG(1, 2))
	b := newBuilder(nclass, features, 0.01)
	key := uint64(0)
	var cls []uint16
	var q []int16
	for range features {
		key += 1 + r.Uint64N(1<<20)
		cls, q = cls[:0], q[:0]
		m := 1 + r.IntN(min(nclass, 1+r.IntN(40)))
		for _, c := range r.Perm(nclass)[:m] {
			cls = append(cls, uint16(c))
			q = append(q, int16(r.IntN(2000)-1000))
		}
		b.add(key, cls, q)
	}
	return b.build()
}

func BenchmarkReadWeights(b *testing.B) {
	for _, tc := range []struct {
		name              string
		nclass, nfeatures int
	}{{"tagger-like", 108, 300000}, {"parser-like", 4, 700000}} {
		b.Run(tc.name, func(b *testing.B) {
			w := syntheticWeights(tc.nclass, tc.nfeatures)
			var buf bytes.Buffer
			e := NewEncoder(&buf)
			w.WriteTo(e)
			if err := e.Flush(); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(buf.Len()))
			for b.Loop() {
				if _, err := ReadWeights(DecoderOf(buf.Bytes())); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
