package linear

import (
	"bytes"
	"errors"
	"math"
	"slices"
	"testing"
)

// train runs a few perceptron steps on a toy problem: feature key k votes
// for class k%nclass.
func train(t testing.TB, nclass int) *Trainer {
	t.Helper()
	tr := NewTrainer(nclass)
	for step := range 200 {
		k := uint64(step%17 + 1)
		keys := []uint64{Mix(1, k, 0, 0), Mix(2, k%3, 0, 0)}
		scores := make([]float32, nclass)
		tr.Score(keys, scores)
		pred := argmax(scores)
		gold := int(k) % nclass
		tr.Tick()
		if pred != gold {
			tr.Update(keys, gold, 1)
			tr.Update(keys, pred, -1)
		}
	}
	return tr
}

func argmax(s []float32) int {
	best := 0
	for i, x := range s {
		if x > s[best] {
			best = i
		}
	}
	return best
}

func TestAverageLearnsAndRoundTrips(t *testing.T) {
	tr := train(t, 5)
	w := tr.Average(-1)
	if w.Classes() != 5 || w.Features() == 0 {
		t.Fatalf("classes %d features %d", w.Classes(), w.Features())
	}
	for k := uint64(1); k <= 17; k++ {
		scores := make([]float32, 5)
		w.Score([]uint64{Mix(1, k, 0, 0), Mix(2, k%3, 0, 0)}, scores)
		if got := argmax(scores); got != int(k)%5 {
			t.Errorf("key %d: class %d, want %d (%v)", k, got, int(k)%5, scores)
		}
	}
	var buf bytes.Buffer
	e := NewEncoder(&buf)
	w.WriteTo(e)
	e.String("tail")
	if err := e.Flush(); err != nil {
		t.Fatal(err)
	}
	d := NewDecoder(bytes.NewReader(buf.Bytes()))
	r, err := ReadWeights(d)
	if err != nil {
		t.Fatal(err)
	}
	if s := d.String(); s != "tail" || d.End() != nil {
		t.Fatalf("after weights: %q, %v", s, d.Err())
	}
	if r.Features() != w.Features() || r.Scale() != w.Scale() || !slices.Equal(r.keys, w.keys) || !slices.Equal(runs(r), runs(w)) {
		t.Fatal("weights differ after a round trip")
	}
}

func TestUnknownFeaturesScoreNothing(t *testing.T) {
	w := train(t, 3).Average(0.5)
	scores := make([]float32, 3)
	keys := make([]uint64, 0, 10000)
	for i := range uint64(10000) {
		keys = append(keys, Mix(99, i, 0, 0))
	}
	w.Score(keys, scores)
	if scores[0] != 0 || scores[1] != 0 || scores[2] != 0 {
		t.Fatalf("unseen features scored %v", scores)
	}
	empty := NewTrainer(3).Average(0)
	empty.Score(keys, scores)
	w.SumAt(nil, nil, nil) // no keys, no rows
}

func TestPruneDropsSmallWeights(t *testing.T) {
	tr := train(t, 5)
	all, pruned := tr.Average(-1), tr.Average(1e9)
	if pruned.Features() != 0 || all.Features() == 0 {
		t.Fatalf("features: all %d, pruned %d", all.Features(), pruned.Features())
	}
}

func TestReadOldDuplicateKeys(t *testing.T) {
	// Two runs under one key (a zero delta) are summed.
	var buf bytes.Buffer
	e := NewEncoder(&buf)
	e.Uvarint(3)
	e.Uvarint(2)
	e.Float32(0.5)
	e.Uvarint(7)
	e.Uvarint(1)
	e.Uvarint(2)
	e.Varint(10)
	e.Uvarint(0)
	e.Uvarint(2)
	e.Uvarint(2)
	e.Varint(5)
	e.Uvarint(1)
	e.Varint(-4)
	e.Flush()
	w, err := ReadWeights(NewDecoder(&buf))
	if err != nil {
		t.Fatal(err)
	}
	scores := make([]float32, 3)
	w.Score([]uint64{7 << 24}, scores)
	if want := []float32{0, -4, 15}; !slices.Equal(scores, want) {
		t.Fatalf("scores %v, want %v", scores, want)
	}
}

func TestDecoderErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   []byte
	}{
		{"empty", nil},
		{"truncated varint", []byte{0x80}},
		{"zero classes", []byte{0, 1, 0, 0, 0x80, 0x3f}},
		{"too many features", []byte{2, 0xff, 0xff, 0xff, 0xff, 0x0f}},
		{"bad scale", []byte{2, 1, 0, 0, 0xc0, 0x7f}},
		{"class out of range", []byte{2, 1, 0, 0, 0x80, 0x3f, 5, 1, 9, 2}},
		{"weight out of range", []byte{2, 1, 0, 0, 0x80, 0x3f, 5, 1, 1, 0x80, 0x80, 0x04}},
		{"truncated run", []byte{2, 1, 0, 0, 0x80, 0x3f, 5, 2, 1, 2}},
	} {
		_, err := ReadWeights(NewDecoder(bytes.NewReader(tc.in)))
		if !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: error %v, want ErrCorrupt", tc.name, err)
		}
	}
	d := NewDecoder(bytes.NewReader([]byte{0xff, 0xff, 0xff, 0xff, 0x0f, 'a'}))
	if s := d.String(); s != "" || !errors.Is(d.Err(), ErrCorrupt) {
		t.Errorf("huge string: %q, %v", s, d.Err())
	}
	d = NewDecoder(bytes.NewReader([]byte("dateline-x 1\nrest")))
	d.Expect("dateline-y 1\n")
	if d.Err() == nil {
		t.Error("bad header accepted")
	}
	if d.Uvarint() != 0 {
		t.Error("read after an error")
	}
}

func TestSaturation(t *testing.T) {
	tr := NewTrainer(2)
	k := []uint64{Mix(1, 1, 0, 0)}
	k2 := []uint64{Mix(1, 2, 0, 0)}
	for range 10 {
		tr.Tick()
		tr.Update(k, 0, 1000)
		tr.Update(k2, 1, 0.001)
	}
	w := tr.Average(-1)
	s := make([]float32, 2)
	w.Score(k, s)
	if s[0] != math.MaxInt16 {
		t.Fatalf("largest weight %v, want %d units", s[0], math.MaxInt16)
	}
}

func FuzzReadWeights(f *testing.F) {
	var buf bytes.Buffer
	e := NewEncoder(&buf)
	train(f, 4).Average(-1).WriteTo(e)
	e.Flush()
	f.Add(buf.Bytes())
	f.Add([]byte{2, 1, 0, 0, 0x80, 0x3f, 5, 1, 1, 3})
	f.Fuzz(func(t *testing.T, b []byte) {
		d := NewDecoder(bytes.NewReader(b))
		w, err := ReadWeights(d)
		if err != nil {
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("error %v is not ErrCorrupt", err)
			}
			return
		}
		scores := make([]float32, w.Classes())
		w.Score([]uint64{1, 2, 3, Mix(1, 1, 0, 0)}, scores)
		for _, k := range w.keys {
			w.Score([]uint64{k << 24}, scores)
		}
	})
}

func BenchmarkScore(b *testing.B) {
	tr := NewTrainer(100)
	keys := make([]uint64, 80)
	for i := range 200000 {
		for j := range keys {
			keys[j] = Mix(uint64(j), uint64(i%5000), 0, 0)
		}
		tr.Tick()
		tr.Update(keys, i%100, 1)
	}
	w := tr.Average(0)
	scores := make([]float32, 100)
	n := 0
	for b.Loop() {
		for j := range keys {
			keys[j] = Mix(uint64(j), uint64(n%5000), 0, 0)
		}
		clear(scores)
		w.Score(keys, scores)
		n++
	}
	b.ReportMetric(float64(n*len(keys))/b.Elapsed().Seconds(), "features/s")
}

func TestPruneCompiled(t *testing.T) {
	tr := train(t, 5)
	for _, p := range []float32{0.01, 0.3, 0.7, 2} {
		a, b := tr.Average(p), tr.Average(-1).Prune(p)
		// equal up to weights on the threshold that rounding moves
		if d := a.Features() - b.Features(); d < -2 || d > 2 {
			t.Errorf("prune %v: %d features after Average, %d after Prune", p, a.Features(), b.Features())
		}
	}
}

// runs lists the weights of every feature in key order.
func runs(w *Weights) []uint32 {
	var out []uint32
	w.each(func(_ uint64, run []uint32) {
		out = append(out, uint32(len(run)))
		out = append(out, run...)
	})
	return out
}
