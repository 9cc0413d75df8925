package parse

import (
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	"github.com/dateline-news/dateline/internal/conllu"
)

// bestTree finds by brute force the best projective tree over n words with
// one root (heads -1 for the root), as eisner defines it.
func bestTree(n int, score, root []float32) (float32, []int32) {
	heads := make([]int32, n)
	var best []int32
	bestV := float32(-1e30)
	var try func(d int)
	try = func(d int) {
		if d == n {
			if v, ok := treeScore(n, heads, score, root); ok && v > bestV {
				bestV, best = v, slices.Clone(heads)
			}
			return
		}
		for h := int32(-1); h < int32(n); h++ {
			if h != int32(d) {
				heads[d] = h
				try(d + 1)
			}
		}
	}
	try(0)
	return bestV, best
}

// treeScore scores heads if they make a projective tree with one root.
func treeScore(n int, heads []int32, score, root []float32) (float32, bool) {
	roots := 0
	var v float32
	for d, h := range heads {
		if h < 0 {
			roots++
			v += root[d]
		} else {
			v += score[int(h)*n+d]
		}
		// acyclic: the head chain of d reaches the root within n steps
		x, k := int32(d), 0
		for ; x >= 0 && k <= n; k++ {
			x = heads[x]
		}
		if k > n {
			return 0, false
		}
	}
	for d, h := range heads {
		if h < 0 {
			continue
		}
		// projective: every word between h and d descends from h
		for i := min(int(h), d) + 1; i < max(int(h), d); i++ {
			y := int32(i)
			for y >= 0 && y != h {
				y = heads[y]
			}
			if y != h {
				return 0, false
			}
		}
	}
	return v, roots == 1
}

func TestEisner(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var c chart
	for trial := range 300 {
		n := 1 + trial%6
		score, root := make([]float32, n*n), make([]float32, n)
		for i := range score {
			score[i] = float32(rng.IntN(7))
		}
		for i := range root {
			root[i] = float32(rng.IntN(7))
		}
		heads := make([]int32, n)
		c.eisner(n, score, root, heads)
		got, ok := treeScore(n, heads, score, root)
		if !ok {
			t.Fatalf("n %d: heads %v are not a projective tree with one root", n, heads)
		}
		if want, tree := bestTree(n, score, root); got != want {
			t.Fatalf("n %d: heads %v score %v, the best tree %v scores %v", n, heads, got, tree, want)
		}
	}
}

// TestEnsemble: an ensemble of one model, or of a model with itself,
// parses as the model; an ensemble of a left-to-right and a right-to-left
// model with the first weighted more follows the first; three models vote.
func TestEnsemble(t *testing.T) {
	sents, err := conllu.ReadFile(filepath.Join("testdata", "tiny.conllu"))
	if err != nil {
		t.Fatal(err)
	}
	train := func(seed uint64, reverse bool) *Model {
		return trainTiny(t, sents, TrainOptions{Epochs: 3, Seed: seed, Beam: 4, LabelTop: 1, Reverse: reverse, Prune: -1, KeepLast: true})
	}
	a, r, b := train(1, false), train(1, true), train(2, false)
	same := func(e *Ensemble, m *Model) {
		t.Helper()
		var words, upos, xpos []string
		for i := range sents {
			words, upos, xpos = columns(&sents[i], words, upos, xpos)
			h1, l1 := e.Parse(words, upos, xpos)
			h2, l2 := m.Parse(words, upos, xpos)
			if !slices.Equal(h1, h2) || !slices.Equal(l1, l2) {
				t.Fatalf("sentence %d: ensemble %v %v, model %v %v", i, h1, l1, h2, l2)
			}
		}
	}
	for _, c := range []struct {
		ms []*Model
		w  []float32
	}{
		{[]*Model{a}, nil},
		{[]*Model{a, a}, nil},
		{[]*Model{a, r}, nil},             // a tie goes to the first
		{[]*Model{a, r}, []float32{2, 1}}, // outvoted
		{[]*Model{r, a}, []float32{1, 2}},
	} {
		e, err := NewEnsemble(c.ms, c.w)
		if err != nil {
			t.Fatal(err)
		}
		same(e, a)
	}
	e, err := NewEnsemble([]*Model{a, r, b}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if s := e.Evaluate(sents); s.UAS < 0.9 || s.LAS < 0.8 {
		t.Errorf("ensemble of three on the training data: %+v", s)
	}
	for _, bad := range [][]float32{{1}, {1, 0}, {1, -1}} {
		if _, err := NewEnsemble([]*Model{a, r}, bad); err == nil {
			t.Errorf("weights %v: no error", bad)
		}
	}
	if _, err := NewEnsemble(nil, nil); err == nil {
		t.Error("no models: no error")
	}
}
