package parse

import (
	"bytes"
	"context"
	"fmt"
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
		m, err := Train(context.Background(), sents, sents, TrainOptions{Epochs: 6, Seed: 1, Beam: 4, Prune: -1, KeepLast: true}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	m := train()
	if m.Beam() != 4 {
		t.Fatalf("trained with a beam of 4, parses with %d", m.Beam())
	}
	if s := m.Evaluate(sents); s.UAS < 0.9 || s.LAS < 0.8 {
		t.Errorf("tiny beam model on its training data: %+v", s)
	}
	var b1, b2 bytes.Buffer
	if _, err := m.WriteTo(&b1); err != nil {
		t.Fatal(err)
	}
	if _, err := train().WriteTo(&b2); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b1.Bytes(), b2.Bytes()) {
		t.Error("two trainings with the same seed wrote different models")
	}
	r, err := ReadModel(&b1)
	if err != nil {
		t.Fatal(err)
	}
	if r.Beam() != 4 {
		t.Errorf("beam %d after a round trip, want 4", r.Beam())
	}
	if a, b := m.Evaluate(sents), r.Evaluate(sents); a != b {
		t.Errorf("scores %+v after a round trip, want %+v", b, a)
	}
}
