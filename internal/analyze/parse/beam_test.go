package parse

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	"github.com/dateline-news/dateline/internal/conllu"
	"github.com/dateline-news/dateline/internal/linear"
)

// gardenModel is a hand-weighted model over the tags A, B, C on which the
// greedy parser goes astray. On "a b c" it chooses between 1 -> 2 (score 2)
// and 1 <- 2 (score 1); after 1 <- 2, 2 -> 3 scores 5 (2 has its left
// child), a total of 6 that the greedy parser, having taken the 2, never
// sees. A beam of 4 keeps the sequence through 1 <- 2 alive (three
// successors of 1 -> 2 tie at 2 above it on the way) and finds it.
func gardenModel(t *testing.T) *Model {
	t.Helper()
	m := &Model{xpos: []string{"A", "B", "C"}, upos: []string{"A", "B", "C"}, labels: []string{"dep", "root"}, root: 1}
	m.buildIDs()
	tr := linear.NewTrainer(nTrans)
	const a, b, c = 1, 2, 3 // tag ids
	tr.Update([]uint64{linear.Mix(19, a, b, 0)}, right, 2)
	tr.Update([]uint64{linear.Mix(19, a, b, 0)}, left, 1)
	tr.Update([]uint64{linear.Mix(24, b, a, c)}, right, 5) // s0 B with a left child A, n0 C
	tr.Tick()
	m.trans = tr.Average(0)
	m.lab = linear.NewTrainer(len(m.labels)).Average(0)
	return m
}

func TestBeamBeatsGreedy(t *testing.T) {
	m := gardenModel(t)
	words, upos, xpos := tagged("a/A/A b/B/B c/C/C")
	for _, tc := range []struct {
		k    int
		want string // heads, -1 the root
	}{
		{1, "[-1 0 0]"},
		// a beam of 3 loses 1 <- 2; its best sequence, through 1 -> 2, leaves
		// 1 and 3 to the root, so the parser takes the best that leaves one
		{3, "[2 0 -1]"},
		{4, "[1 -1 1]"},
		{8, "[1 -1 1]"},
	} {
		heads, labels := m.WithBeam(tc.k).Parse(words, upos, xpos)
		if got := fmt.Sprint(heads); got != tc.want {
			t.Errorf("beam %d: heads %s, want %s", tc.k, got, tc.want)
		}
		checkTree(t, heads)
		for i, l := range labels {
			if (heads[i] == -1) != (l == "root") {
				t.Errorf("beam %d: word %d head %d relation %s", tc.k, i, heads[i], l)
			}
		}
	}
}

func TestBeamTreesWellFormed(t *testing.T) {
	p := load(t)
	tags := [][2]string{{"NOUN", "NN"}, {"VERB", "VBD"}, {"PUNCT", ","}, {"ADP", "IN"}, {"DET", "DT"}, {"X", "UNKNOWN"}, {"PROPN", "NNP"}}
	forms := []string{"the", "war", "said", ",", "in", "Kyiv", "“", "–", "”", "’s"}
	for _, k := range []int{1, 2, 3, 4, 8, 16} {
		m := p.Model().WithBeam(k)
		if m.Beam() != k {
			t.Fatalf("WithBeam(%d).Beam() = %d", k, m.Beam())
		}
		rng := rand.New(rand.NewPCG(uint64(k), 2))
		for n := 1; n < 40; n++ {
			words, upos, xpos := make([]string, n), make([]string, n), make([]string, n)
			for i := range n {
				tg := tags[rng.IntN(len(tags))]
				words[i], upos[i], xpos[i] = forms[rng.IntN(len(forms))], tg[0], tg[1]
			}
			heads, labels := m.Parse(words, upos, xpos)
			checkTree(t, heads)
			if slices.Contains(labels, "") {
				t.Fatalf("beam %d: empty relation", k)
			}
		}
	}
	if got := p.Model().WithBeam(0).Beam(); got != 1 {
		t.Errorf("WithBeam(0).Beam() = %d, want 1", got)
	}
	if got := p.Model().WithBeam(1000).Beam(); got != MaxBeam {
		t.Errorf("WithBeam(1000).Beam() = %d, want %d", got, MaxBeam)
	}
}

// TestTrainTinyBeam trains with a beam on the hand-written sentences: the
// model fits them, training is deterministic, and the width survives a
// round trip through the file.
func TestTrainTinyBeam(t *testing.T) {
	sents, err := conllu.ReadFile(filepath.Join("testdata", "tiny.conllu"))
	if err != nil {
		t.Fatal(err)
	}
	train := func() *Model {
		return trainTiny(t, sents, TrainOptions{Epochs: 6, Seed: 1, Beam: 4, Prune: -1, KeepLast: true})
	}
	m := train()
	if m.Beam() != 4 {
		t.Fatalf("trained with a beam of 4, parses with %d", m.Beam())
	}
	if s := m.Evaluate(sents); s.UAS < 0.9 || s.LAS < 0.8 {
		t.Errorf("tiny beam model on its training data: %+v", s)
	}
	if !bytes.Equal(modelBytes(t, m), modelBytes(t, train())) {
		t.Error("two trainings with the same seed wrote different models")
	}
	r := roundTrip(t, m)
	if r.Beam() != 4 {
		t.Errorf("beam %d after a round trip, want 4", r.Beam())
	}
	if a, b := m.Evaluate(sents), r.Evaluate(sents); a != b {
		t.Errorf("scores %+v after a round trip, want %+v", b, a)
	}
	// trained with a beam of 4, parsing with a pruned beam of 2
	p := trainTiny(t, sents, TrainOptions{Epochs: 2, Seed: 1, Beam: 4, ParseBeam: 2, Margin: 5, Prune: -1})
	if p.Beam() != 2 || p.Margin() != 5 {
		t.Errorf("ParseBeam 2, Margin 5: the model parses with width %d margin %g", p.Beam(), p.Margin())
	}
}

// TestModelMargin checks the margin's bounds and its round trip through
// the file, and that a model file written before margins existed (a beam
// of 4, trained on testdata/tiny.conllu) still loads and parses as a
// plain beam.
func TestModelMargin(t *testing.T) {
	old, err := readModelFile(filepath.Join("testdata", "beam4-v2.bin.gz"))
	if err != nil {
		t.Fatalf("model file of the previous format: %v", err)
	}
	if old.Beam() != 4 || old.Margin() != 0 {
		t.Fatalf("old file: width %d margin %g, want 4 and 0", old.Beam(), old.Margin())
	}
	sents, err := conllu.ReadFile(filepath.Join("testdata", "tiny.conllu"))
	if err != nil {
		t.Fatal(err)
	}
	if s := old.Evaluate(sents); s.UAS < 0.9 {
		t.Errorf("old file on its training data: %+v", s)
	}
	for _, tc := range []struct {
		set, want float32
	}{
		{0, 0}, {-3, 0}, {float32(math.NaN()), 0}, {float32(math.Inf(1)), 0}, {2.5, 2.5}, {300, 300},
	} {
		m := old.WithMargin(tc.set)
		if got := m.Margin(); got != tc.want {
			t.Errorf("WithMargin(%g).Margin() = %g, want %g", tc.set, got, tc.want)
		}
		r := roundTrip(t, m)
		if r.Margin() != tc.want || r.Beam() != 4 {
			t.Errorf("margin %g: width %d margin %g after a round trip", tc.set, r.Beam(), r.Margin())
		}
		if a, b := m.Evaluate(sents), r.Evaluate(sents); a != b {
			t.Errorf("margin %g: scores %+v after a round trip, want %+v", tc.set, b, a)
		}
	}
	// A margin without a beam is not written: a greedy model has no use
	// for it.
	var buf bytes.Buffer
	if _, err := old.WithBeam(1).WithMargin(5).WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if r, err := ReadModel(&buf); err != nil {
		t.Error(err)
	} else if r.Beam() != 1 || r.Margin() != 0 {
		t.Errorf("greedy model with a margin: read back width %d margin %g", r.Beam(), r.Margin())
	}
	// The width and the margin survive each other.
	if m := old.WithMargin(7).WithBeam(8); m.Margin() != 7 || m.Beam() != 8 {
		t.Errorf("WithMargin(7).WithBeam(8): width %d margin %g", m.Beam(), m.Margin())
	}
}
