package eval

import (
	"math"
	"testing"
)

func TestStoriesScores(t *testing.T) {
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	for _, c := range []struct {
		name          string
		key, response []string
		b3p, b3r      float64
		mucP, mucR    float64
		ceaf          float64 // P = R here
		pairP, pairR  float64
	}{
		{"hand", []string{"A", "A", "A", "B", "B"}, []string{"X", "X", "Y", "Y", "Y"}, 11.0 / 15, 11.0 / 15, 2.0 / 3, 2.0 / 3, 0.8, 0.5, 0.5},
		{"perfect", []string{"A", "A", "B"}, []string{"1", "1", "2"}, 1, 1, 1, 1, 1, 1, 1},
		{"one cluster", []string{"A", "A", "B", "B"}, []string{"X", "X", "X", "X"}, 0.5, 1, 2.0 / 3, 1, 2 * (2 * 2.0 / 6) / 2, 2.0 / 6, 1},
	} {
		b3 := StoriesB3(c.key, c.response)
		muc := StoriesMUC(c.key, c.response)
		pw := StoriesPairwise(c.key, c.response)
		ce := StoriesCEAFe(c.key, c.response)
		if !near(b3.P, c.b3p) || !near(b3.R, c.b3r) {
			t.Errorf("%s: B3 = %+v, want P %.4f R %.4f", c.name, b3, c.b3p, c.b3r)
		}
		if !near(muc.P, c.mucP) || !near(muc.R, c.mucR) {
			t.Errorf("%s: MUC = %+v, want P %.4f R %.4f", c.name, muc, c.mucP, c.mucR)
		}
		if !near(pw.P, c.pairP) || !near(pw.R, c.pairR) {
			t.Errorf("%s: pairwise = %+v, want P %.4f R %.4f", c.name, pw, c.pairP, c.pairR)
		}
		if c.name != "one cluster" && (!near(ce.P, c.ceaf) || !near(ce.R, c.ceaf)) {
			t.Errorf("%s: CEAF-e = %+v, want %.4f", c.name, ce, c.ceaf)
		}
	}
	// One response cluster of four over two key clusters of two:
	// φ4(A, X) = 2·2/(2+4); P = that / 1 response, R = that / 2 keys.
	ce := StoriesCEAFe([]string{"A", "A", "B", "B"}, []string{"X", "X", "X", "X"})
	if !near(ce.P, 2.0/3) || !near(ce.R, 1.0/3) {
		t.Errorf("CEAF-e one cluster = %+v", ce)
	}
	all := StoriesCorefScores([]string{"A", "A", "B"}, []string{"1", "1", "2"})
	if !near(all.CoNLLF1, 1) {
		t.Errorf("CoNLL perfect = %v", all.CoNLLF1)
	}
}

func TestStoriesAssign(t *testing.T) {
	for _, c := range []struct {
		w    [][]float64
		want float64
	}{
		{[][]float64{{1, 0}, {0, 1}}, 2},
		{[][]float64{{0.9, 0.8}, {0.8, 0.1}}, 1.6},
		{[][]float64{{0.5, 0.4, 0.9}}, 0.9},
		{[][]float64{{0.3}, {0.7}, {0.2}}, 0.7},
		{[][]float64{{0, 0}, {0, 0}}, 0},
	} {
		if got := storiesAssign(c.w); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("assign(%v) = %v, want %v", c.w, got, c.want)
		}
	}
}
