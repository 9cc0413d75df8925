package parse

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dateline-news/dateline/internal/conllu"
	"github.com/dateline-news/dateline/internal/linear"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// oldParses parses random sentences with the model files written before
// joint labelling existed (the tiny beam-4 model, and the shipped model of
// that time pruned to weights of 10 and more without its clusters, width 4
// and margin 120 in its file) at several widths and margins, one line per
// sentence.
func oldParses(t *testing.T) []byte {
	t.Helper()
	var out bytes.Buffer
	for _, file := range []string{"beam4-v2.bin.gz", "old-ewt-p10.bin.gz"} {
		m, err := readModelFile(filepath.Join("testdata", file))
		if err != nil {
			t.Fatal(err)
		}
		if m.LabelTop() != 0 {
			t.Fatalf("%s: old file read with joint labels (top %d)", file, m.LabelTop())
		}
		// the file survives a round trip byte for byte
		if !bytes.Equal(modelBytes(t, m), modelBytes(t, roundTrip(t, m))) {
			t.Errorf("%s: written again, the bytes differ", file)
		}
		for _, v := range []struct {
			k      int
			margin float32
		}{{1, 0}, {m.Beam(), m.Margin()}, {4, 0}, {4, 40}, {8, 160}} {
			mk := m.WithBeam(v.k).WithMargin(v.margin)
			rng := rand.New(rand.NewPCG(3, uint64(v.k)))
			for n := 1; n < 40; n++ {
				words, upos, xpos := randomSentence(rng, n)
				h, l := mk.Parse(words, upos, xpos)
				fmt.Fprintf(&out, "%s k=%d m=%g %s: %v %v\n", file, v.k, v.margin, strings.Join(words, " "), h, l)
			}
		}
	}
	return out.Bytes()
}

// TestOldModelsParseAsBefore checks that model files of the previous
// format load, round-trip and parse exactly as they did before joint
// labelling (testdata/old-parses.golden; -update rewrites it).
func TestOldModelsParseAsBefore(t *testing.T) {
	got := oldParses(t)
	golden := filepath.Join("testdata", "old-parses.golden")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("line %d:\ngot  %s\nwant %s", i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("%d lines, want %d", len(gl), len(wl))
	}
}

func TestSelectTop(t *testing.T) {
	for _, tc := range []struct {
		sums   []int32
		except int32
		k      int
		want   string // labels and sums, best first
	}{
		{[]int32{5, 3, 9, 1}, 3, 1, "[2] [9]"},
		{[]int32{5, 3, 9, 1}, 3, 2, "[2 0] [9 5]"},
		{[]int32{5, 3, 9, 1}, 3, 3, "[2 0 1] [9 5 3]"},
		{[]int32{5, 3, 9, 1}, 2, 2, "[0 1] [5 3]"},     // the excepted (root) never
		{[]int32{5, 3, 9, 1}, 0, 4, "[2 1 3] [9 3 1]"}, // fewer relations than k
		{[]int32{4, 4, 4, 4}, 1, 2, "[0 2] [4 4]"},     // ties: the first relations
		{[]int32{1, 7, 7, 2, 7}, 9, 3, "[1 2 4] [7 7 7]"},
		{[]int32{-3, -1, -2}, 9, 2, "[1 2] [-1 -2]"},
		{[]int32{2, 8, 1, 9, 3, 8}, 0, 2, "[3 1] [9 8]"},
		{[]int32{2, 8, 1, 9, 3, 8}, 0, 4, "[3 1 5 4] [9 8 8 3]"},
		{[]int32{2, 8, 1, 9, 3, 8}, 0, 9, "[3 1 5 4] [9 8 8 3]"}, // at most MaxLabelTop
		{[]int32{2, 8}, 0, 0, "[] []"},
		{[]int32{5}, 0, 2, "[] []"}, // only the root
	} {
		var labels, sums [MaxLabelTop]int32
		n := selectTop(tc.sums, tc.except, tc.k, &labels, &sums)
		if got := fmt.Sprint(labels[:n], sums[:n]); got != tc.want {
			t.Errorf("selectTop(%v, except %d, %d) = %s, want %s", tc.sums, tc.except, tc.k, got, tc.want)
		}
	}
}

// TestJointExpansion runs one beam step from the configuration with word 1
// on the stack and word 2 in the buffer (shift, left-arc and right-arc
// valid) with fixed transition scores and fixed relations per arc.
func TestJointExpansion(t *testing.T) {
	trans := [nTrans]float64{shift: 1, reduce: 0, left: 2, right: 0.5}
	for _, tc := range []struct {
		name   string
		top    []scoredLabel // the relations of every arc (nil: chosen apart)
		k      int
		margin float64
		want   string // the successors, best first: transition/relation score
		scored int    // arcs whose relations are scored with the tightest bound
	}{
		{"apart", nil, 4, 0, "L/7 2, S 1, R/7 0.5", 0},
		{"apart width 2", nil, 2, 0, "L/7 2, S 1", 0},
		{"top 1", []scoredLabel{{3, 1}}, 4, 0, "L/3 3, R/3 1.5, S 1", 0},
		// right/5 ties with shift at 1: shift was made first
		{"top 2", []scoredLabel{{3, 1}, {5, 0.5}}, 4, 0, "L/3 3, L/5 2.5, R/3 1.5, S 1", 0},
		{"top 2 width 8", []scoredLabel{{3, 1}, {5, 0.5}}, 8, 0, "L/3 3, L/5 2.5, R/3 1.5, S 1, R/5 1", 0},
		{"top 2 margin", []scoredLabel{{3, 1}, {5, 0.5}}, 8, 1.2, "L/3 3, L/5 2.5", 1},
		// left/1 ties with shift: shift was made first
		{"top 3 negative", []scoredLabel{{4, -0.5}, {1, -1}, {6, -4}}, 4, 0, "L/4 1.5, S 1, L/1 1, R/4 0", 0},
		{"top 3 margin", []scoredLabel{{4, -0.5}, {1, -1}, {6, -4}}, 8, 2, "L/4 1.5, S 1, L/1 1, R/4 0, R/1 -0.5", 2},
		// a margin of 0.4: once left/2 scores 2.25, right (0.5 + 0.25 at
		// best) is dropped unscored
		{"top 1 narrow margin", []scoredLabel{{2, 0.25}}, 8, 0.4, "L/2 2.25", 1},
		{"width 1", []scoredLabel{{3, 1}, {5, 0.5}}, 1, 0, "L/3 3", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := scorers{
				trans: func(_ *state, out *[nTrans]float64) { *out = trans },
				label: func(*state, int32, int32) int32 { return 7 },
			}
			if tc.top != nil {
				f.top = func(*state, int32, int32) []scoredLabel { return tc.top }
			}
			got := expandOnce(&f, tc.k, tc.margin)
			if got != tc.want {
				t.Errorf("successors %s, want %s", got, tc.want)
			}
			// a bound of the relations' scores changes nothing when it
			// holds, and spares the relations of the arcs it can drop
			if tc.top == nil || tc.margin == 0 {
				return
			}
			for _, bound := range []float64{tc.top[0].score, tc.top[0].score + 0.25, 100} {
				calls := 0
				f.bound = bound
				f.top = func(*state, int32, int32) []scoredLabel { calls++; return tc.top }
				if got := expandOnce(&f, tc.k, tc.margin); got != tc.want {
					t.Errorf("bound %g: successors %s, want %s", bound, got, tc.want)
				}
				if bound == tc.top[0].score && calls != tc.scored {
					t.Errorf("bound %g: %d arcs scored, want %d", bound, calls, tc.scored)
				}
			}
		})
	}
}

// expandOnce runs one step of a beam of width k from the configuration
// with word 1 on the stack and word 2 in the buffer, and returns its
// successors, best first, as transition/relation score.
func expandOnce(f *scorers, k int, margin float64) string {
	{
		{
			var b beam
			b.reset(k, 3)
			b.step(k, 0, f, nil, nil) // forced shift
			b.step(k, margin, f, nil, nil)
			var got []string
			for _, it := range b.items[:b.n] {
				st := &it.st
				switch {
				case st.head[1] == 2:
					got = append(got, fmt.Sprintf("L/%d %g", st.label[1], it.score))
				case st.head[2] == 1:
					got = append(got, fmt.Sprintf("R/%d %g", st.label[2], it.score))
				default:
					got = append(got, fmt.Sprintf("S %g", it.score))
				}
			}
			return strings.Join(got, ", ")
		}
	}
}

// TestJointGoldCost checks that with gold relations a successor that makes
// a gold arc with another relation costs one, and one with the gold
// relation nothing.
func TestJointGoldCost(t *testing.T) {
	gh := []int32{-1, 2, 3, -1} // 1 <- 2 <- root (3)
	gl := []int32{-1, 3, 0, -1}
	f := scorers{
		trans: func(_ *state, out *[nTrans]float64) { *out = [nTrans]float64{shift: 0, left: 1, right: 0} },
		label: func(*state, int32, int32) int32 { return 0 },
		top:   func(*state, int32, int32) []scoredLabel { return []scoredLabel{{5, 1}, {3, 0}} },
	}
	var b beam
	b.reset(8, 2)
	b.step(8, 0, &f, gh, gl)
	b.step(8, 0, &f, gh, gl)
	var got []string
	for _, it := range b.items[:b.n] {
		got = append(got, fmt.Sprintf("%d:%d", it.hist[len(it.hist)-1], it.cost))
	}
	// left/5 loses the gold relation, left/3 keeps it; right 1 -> 2 loses
	// the arcs 1 <- 2 and 2 <- root (whatever its relation), shift loses
	// 1 <- 2
	want := fmt.Sprint([]string{
		fmt.Sprintf("%d:1", left|5<<2), fmt.Sprintf("%d:0", left|3<<2), fmt.Sprintf("%d:2", right|5<<2),
		fmt.Sprintf("%d:1", shift), fmt.Sprintf("%d:2", right|3<<2),
	})
	if fmt.Sprint(got) != want {
		t.Errorf("successors (history:cost) %v, want %s", got, want)
	}
}

// tinyJoint trains a parser with joint labels (a beam of 4, the 2 best
// relations of every arc) on the hand-written sentences.
func tinyJoint(t testing.TB, sents []conllu.Sentence) *Model {
	t.Helper()
	return trainTiny(t, sents, TrainOptions{Epochs: 6, Seed: 1, Beam: 4, LabelTop: 2, Prune: -1, KeepLast: true})
}

// TestTrainTinyJoint trains with joint labels: the model fits its data,
// training is deterministic, the number of relations per arc survives a
// round trip, and Train refuses joint labels without a beam.
func TestTrainTinyJoint(t *testing.T) {
	sents, err := conllu.ReadFile(filepath.Join("testdata", "tiny.conllu"))
	if err != nil {
		t.Fatal(err)
	}
	m := tinyJoint(t, sents)
	if m.LabelTop() != 2 || m.Beam() != 4 {
		t.Fatalf("trained with 2 relations per arc and a beam of 4: %d, %d", m.LabelTop(), m.Beam())
	}
	if s := m.Evaluate(sents); s.UAS < 0.9 || s.LAS < 0.8 {
		t.Errorf("tiny joint model on its training data: %+v", s)
	}
	if !bytes.Equal(modelBytes(t, m), modelBytes(t, tinyJoint(t, sents))) {
		t.Error("two trainings with the same seed wrote different models")
	}
	r := roundTrip(t, m)
	if r.LabelTop() != 2 {
		t.Errorf("%d relations per arc after a round trip, want 2", r.LabelTop())
	}
	if a, b := m.Evaluate(sents), r.Evaluate(sents); a != b {
		t.Errorf("scores %+v after a round trip, want %+v", b, a)
	}
	// the labels also learnt on each gold arc apart
	loc := trainTiny(t, sents, TrainOptions{Epochs: 6, Seed: 1, Beam: 4, LabelTop: 2, LabelLocal: true, Prune: -1, KeepLast: true})
	if s := loc.Evaluate(sents); s.UAS < 0.9 || s.LAS < 0.8 {
		t.Errorf("tiny joint model with local label updates on its training data: %+v", s)
	}
	for _, opt := range []TrainOptions{{Beam: 1, LabelTop: 2}, {Beam: 4, LabelTop: -1}, {Beam: 4, LabelTop: MaxLabelTop + 1}} {
		opt.Epochs = 1
		if _, err := Train(context.Background(), sents, nil, opt, nil); err == nil {
			t.Errorf("Train with a beam of %d and %d relations per arc: no error", opt.Beam, opt.LabelTop)
		}
	}
}

// TestLabelTopFile checks WithLabelTop's bounds, the round trip of the
// number through the file, and the decoder's checks of it.
func TestLabelTopFile(t *testing.T) {
	old, err := readModelFile(filepath.Join("testdata", "beam4-v2.bin.gz"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ set, want int }{{-1, 0}, {0, 0}, {1, 1}, {3, 3}, {MaxLabelTop, MaxLabelTop}, {99, MaxLabelTop}} {
		m := old.WithLabelTop(tc.set)
		if m.LabelTop() != tc.want {
			t.Errorf("WithLabelTop(%d).LabelTop() = %d, want %d", tc.set, m.LabelTop(), tc.want)
		}
		r := roundTrip(t, m)
		if r.LabelTop() != tc.want || r.Beam() != 4 {
			t.Errorf("WithLabelTop(%d): %d relations per arc, width %d after a round trip", tc.set, r.LabelTop(), r.Beam())
		}
		// greedy with joint labels is a beam of 1: trees all the same
		words, upos, xpos := randomSentence(rand.New(rand.NewPCG(1, 1)), 12)
		h, _ := m.WithBeam(1).Parse(words, upos, xpos)
		checkTree(t, h)
	}
	// the number is the last varint of the raw stream: 0 and too many
	// are corrupt
	raw := rawModel(t, old.WithLabelTop(2))
	for _, v := range []byte{0, MaxLabelTop + 1} {
		b := bytes.Clone(raw)
		b[len(b)-1] = v
		if _, err := readModel(linear.NewDecoder(bytes.NewReader(b))); !errors.Is(err, linear.ErrCorrupt) {
			t.Errorf("%d relations per arc: error %v, want ErrCorrupt", v, err)
		}
	}
}

// TestLabelFeatureSets trains tiny models with each version of the label
// features: each fits its data and keeps its version through the file;
// the decoder refuses a version it does not know.
func TestLabelFeatureSets(t *testing.T) {
	sents, err := conllu.ReadFile(filepath.Join("testdata", "tiny.conllu"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ opt, want int }{{0, 1}, {1, 1}, {2, 2}} {
		m := trainTiny(t, sents, TrainOptions{Epochs: 6, Seed: 1, Beam: 4, LabelTop: 1, LabelFeatures: tc.opt, Prune: -1, KeepLast: true})
		if m.labelSet != tc.want {
			t.Errorf("LabelFeatures %d: set %d, want %d", tc.opt, m.labelSet, tc.want)
		}
		if s := m.Evaluate(sents); s.UAS < 0.9 || s.LAS < 0.8 {
			t.Errorf("LabelFeatures %d: on its training data %+v", tc.opt, s)
		}
		r := roundTrip(t, m)
		if r.labelSet != tc.want {
			t.Errorf("LabelFeatures %d: set %d after a round trip", tc.opt, r.labelSet)
		}
		if a, b := m.Evaluate(sents), r.Evaluate(sents); a != b {
			t.Errorf("LabelFeatures %d: scores %+v after a round trip, want %+v", tc.opt, b, a)
		}
		if tc.want == 2 {
			raw := rawModel(t, m)
			for _, v := range []byte{0, 1, maxLabelSet + 1} {
				b := bytes.Clone(raw)
				b[len(b)-1] = v
				if _, err := readModel(linear.NewDecoder(bytes.NewReader(b))); !errors.Is(err, linear.ErrCorrupt) {
					t.Errorf("label feature set %d: error %v, want ErrCorrupt", v, err)
				}
			}
		}
	}
	for _, v := range []int{-1, maxLabelSet + 1} {
		if _, err := Train(context.Background(), sents, nil, TrainOptions{Epochs: 1, Beam: 4, LabelFeatures: v}, nil); err == nil {
			t.Errorf("LabelFeatures %d: no error", v)
		}
	}
}

// TestLabelBoundFile checks WithLabelBound's bounds, the round trip of
// the bound through the file, and the decoder's checks of it.
func TestLabelBoundFile(t *testing.T) {
	old, err := readModelFile(filepath.Join("testdata", "beam4-v2.bin.gz"))
	if err != nil {
		t.Fatal(err)
	}
	old = old.WithLabelTop(1).WithMargin(40)
	for _, tc := range []struct{ set, want float32 }{
		{0, 0}, {-2, 0}, {float32(math.NaN()), 0}, {float32(math.Inf(1)), 0}, {0.5, 0.5}, {300, 300},
	} {
		m := old.WithLabelBound(tc.set)
		if m.LabelBound() != tc.want {
			t.Errorf("WithLabelBound(%g).LabelBound() = %g, want %g", tc.set, m.LabelBound(), tc.want)
		}
		r := roundTrip(t, m)
		if r.LabelBound() != tc.want || r.LabelTop() != 1 || r.Margin() != 40 {
			t.Errorf("WithLabelBound(%g): bound %g, top %d, margin %g after a round trip", tc.set, r.LabelBound(), r.LabelTop(), r.Margin())
		}
	}
	// the bound is the last four bytes of the raw stream: 0, negative and
	// infinite bounds are corrupt
	raw := rawModel(t, old.WithLabelBound(300))
	for _, v := range []float32{0, -1, float32(math.Inf(1)), float32(math.NaN())} {
		b := bytes.Clone(raw)
		binary.LittleEndian.PutUint32(b[len(b)-4:], math.Float32bits(v))
		if _, err := readModel(linear.NewDecoder(bytes.NewReader(b))); !errors.Is(err, linear.ErrCorrupt) {
			t.Errorf("bound %g: error %v, want ErrCorrupt", v, err)
		}
	}
}

// rawModel returns the model file of m without its compression.
func rawModel(t testing.TB, m *Model) []byte {
	t.Helper()
	raw, err := linear.UnpackBytes(modelBytes(t, m))
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// TestJointMatchesReference parses random sentences with joint labels
// (1 to 3 relations per arc, on the shipped weights and on the tiny joint
// model) at several widths and margins: the beam equals refParse, twice
// over with the same scratch (the memories) as with a fresh one.
func TestJointMatchesReference(t *testing.T) {
	sents, err := conllu.ReadFile(filepath.Join("testdata", "tiny.conllu"))
	if err != nil {
		t.Fatal(err)
	}
	models := map[string]*Model{"tiny": tinyJoint(t, sents), "shipped": load(t).Model()}
	rng := rand.New(rand.NewPCG(5, 9))
	for _, name := range []string{"tiny", "shipped"} {
		for _, top := range []int{1, 2, 3} {
			for _, k := range []int{1, 2, 4, 8} {
				for _, mg := range []float32{0, 2, 40, 160} {
					m := models[name].WithLabelTop(top).WithBeam(k).WithMargin(mg)
					p := New(m)
					for n := 1; n < 24; n += 1 + n/6 {
						words, upos, xpos := randomSentence(rng, n)
						h, l := m.Parse(words, upos, xpos)
						checkTree(t, h)
						rh, rl, most := refParseMax(m, words, upos, xpos)
						want := fmt.Sprint(rh, rl)
						if got := fmt.Sprint(h, l); got != want {
							t.Fatalf("%s top %d width %d margin %g, %q:\nbeam      %s\nreference %s", name, top, k, mg, words, got, want)
						}
						// a bound the relations' scores reach, or one
						// above them: the same trees
						for _, bound := range []float32{math.Nextafter32(float32(most), float32(math.Inf(1))), float32(most) * 1.5, 1e30} {
							bh, bl := m.WithLabelBound(bound).Parse(words, upos, xpos)
							if got := fmt.Sprint(bh, bl); bound > 0 && got != want {
								t.Fatalf("%s top %d width %d margin %g bound %g, %q:\nbeam      %s\nreference %s", name, top, k, mg, bound, words, got, want)
							}
						}
						// a pooled scratch, used again
						for range 2 {
							sc := p.pool.Get().(*scratch)
							m.parseWords(sc, words, upos, xpos)
							ph, pl := treeOf(sc.heads, sc.labs, m.labels)
							p.pool.Put(sc)
							if got := fmt.Sprint(ph, pl); got != want {
								t.Fatalf("%s top %d width %d margin %g, %q, scratch used again:\nbeam      %s\nreference %s", name, top, k, mg, words, got, want)
							}
						}
					}
				}
			}
		}
	}
}

// TestTrainReversed trains a right-to-left model: it fits its data read in
// the sentences' own order (so its trees come back unreversed), keeps its
// direction through a round trip, and reversing a sentence twice gives it
// back.
func TestTrainReversed(t *testing.T) {
	sents, err := conllu.ReadFile(filepath.Join("testdata", "tiny.conllu"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range sents {
		r := reverseSentence(&sents[i])
		if rr := reverseSentence(&r); !reflect.DeepEqual(rr.Tokens, sents[i].Tokens) {
			t.Fatalf("sentence %d reversed twice: %+v", i, rr.Tokens)
		}
		if n := len(r.Tokens); n > 1 && (r.Tokens[0].Form != sents[i].Tokens[n-1].Form || r.Tokens[0].ID != 1) {
			t.Fatalf("sentence %d reversed: %+v", i, r.Tokens)
		}
	}
	m := trainTiny(t, sents, TrainOptions{Epochs: 6, Seed: 1, Beam: 4, LabelTop: 1, Reverse: true, Prune: -1, KeepLast: true})
	if !m.Reversed() {
		t.Fatal("trained with Reverse: not reversed")
	}
	s := m.Evaluate(sents)
	if s.UAS < 0.9 || s.LAS < 0.8 {
		t.Errorf("tiny right-to-left model on its training data: %+v", s)
	}
	r := roundTrip(t, m)
	if !r.Reversed() || r.Evaluate(sents) != s {
		t.Errorf("after a round trip: reversed %v, %+v; want true, %+v", r.Reversed(), r.Evaluate(sents), s)
	}
	// Parse gives the trees in the sentence's order, as Evaluate scores them
	right := 0
	var words, upos, xpos []string
	for i := range sents {
		words, upos, xpos = columns(&sents[i], words, upos, xpos)
		heads, _ := m.Parse(words, upos, xpos)
		for j, tok := range sents[i].Tokens {
			if heads[j]+1 == tok.Head {
				right++
			}
		}
	}
	if got := float64(right) / float64(s.Tokens); got != s.UAS {
		t.Errorf("Parse's heads score %v, Evaluate's %v", got, s.UAS)
	}
}
