package parse

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	"github.com/dateline-news/dateline/internal/conllu"
)

// refParse is the beam search written plainly, as the reference the
// search of beam.go must equal: every successor copies its parent, every
// configuration is scored and every arc labelled afresh (no memories), and
// the margin drops the successors below the best by more than it. With
// joint labels (m.labelTop > 0) an arc is a successor per relation among
// the labelTop best, scored by the relation's sum converted to the units
// of the transitions.
func refParse(m *Model, words, upos, xpos []string) (heads []int, labels []string) {
	heads, labels, _ = refParseMax(m, words, upos, xpos)
	return heads, labels
}

// refParseMax is refParse that also returns the best score of a relation
// among the arcs it tried with joint labels, in the units of the weights
// (0 if none scores above 0).
func refParseMax(m *Model, words, upos, xpos []string) (heads []int, labels []string, most float64) {
	sc := m.newScratch()
	m.sentenceOf(&sc.x, words, upos, xpos)
	n := len(words)
	m.wordScores(sc, n)
	type ref struct {
		st    state
		score float64
	}
	k := m.Beam()
	margin := float64(m.margin / m.trans.Scale())
	unit := float64(m.lab.Scale()) / float64(m.trans.Scale())
	var items []ref
	var first ref
	first.st.reset(n)
	items = append(items, first)
	for !items[0].st.done() {
		var cands []cand
		for i := range items {
			st := &items[i].st
			if t, forced := st.forced(); forced {
				cands = append(cands, cand{int32(i), int32(t), items[i].score})
				continue
			}
			acc := m.transScores(sc, st)
			for t := range nTrans {
				if !st.valid(t) {
					continue
				}
				if m.labelTop == 0 || t == shift || t == reduce {
					cands = append(cands, cand{int32(i), int32(t), items[i].score + float64(acc[t])})
					continue
				}
				h, d := st.arc(t)
				sc.keys = labelFeatures(&sc.x, st, h, d, m.labelSet, sc.keys)
				sums := make([]int32, len(m.labels))
				m.lab.Sum(sc.keys, sums)
				// the labelTop best relations but root, of equal sums the first
				order := make([]int32, 0, len(sums))
				for l := range sums {
					if int32(l) != m.root {
						order = append(order, int32(l))
					}
				}
				slices.SortStableFunc(order, func(a, b int32) int { return cmp.Compare(sums[b], sums[a]) })
				most = max(most, float64(sums[order[0]])*float64(m.lab.Scale()))
				for _, l := range order[:m.labelTop] {
					cands = append(cands, cand{int32(i), int32(t) | (l+1)<<2, items[i].score + float64(acc[t]) + float64(sums[l])*unit})
				}
			}
		}
		if m.margin > 0 {
			best := slices.MaxFunc(cands, func(a, b cand) int { return cmp.Compare(a.score, b.score) }).score
			cands = slices.DeleteFunc(cands, func(c cand) bool { return c.score < best-margin })
		}
		slices.SortStableFunc(cands, func(a, c cand) int { return cmp.Compare(c.score, a.score) })
		var next []ref
		for _, c := range cands[:min(k, len(cands))] {
			var nx ref
			nx.st.copyFrom(&items[c.parent].st)
			nx.score = c.score
			var l int32
			switch t := int(c.tl & 3); {
			case c.tl>>2 > 0:
				l = c.tl>>2 - 1
			case t == left:
				l = m.label(sc, &nx.st, nx.st.b, nx.st.s0())
			case t == right:
				l = m.label(sc, &nx.st, nx.st.s0(), nx.st.b)
			}
			nx.st.apply(int(c.tl&3), l)
			next = append(next, nx)
		}
		items = next
	}
	best := 0
	for i := range items {
		if items[i].st.rootKids() == 1 {
			best = i
			break
		}
	}
	st := &items[best].st
	st.finish(func(h, d int32) int32 { return m.label(sc, st, h, d) }, m.root)
	heads, labels = make([]int, n), make([]string, n)
	for i := range n {
		heads[i] = int(st.head[i+1]) - 1
		if st.head[i+1] == st.root() {
			heads[i] = -1
		}
		labels[i] = m.labels[st.label[i+1]]
	}
	return heads, labels, most
}

// randomSentence draws a sentence of n words from a small vocabulary with
// multi-byte punctuation.
func randomSentence(rng *rand.Rand, n int) (words, upos, xpos []string) {
	tags := [][2]string{{"NOUN", "NN"}, {"VERB", "VBD"}, {"PUNCT", ","}, {"ADP", "IN"}, {"DET", "DT"}, {"X", "UNKNOWN"}, {"PROPN", "NNP"}, {"PRON", "PRP"}, {"AUX", "MD"}}
	forms := []string{"the", "war", "said", ",", "in", "Kyiv", "“", "–", "”", "’s", "talks", "would", "she"}
	for range n {
		tg := tags[rng.IntN(len(tags))]
		words, upos, xpos = append(words, forms[rng.IntN(len(forms))]), append(upos, tg[0]), append(xpos, tg[1])
	}
	return
}

// TestBeamMatchesReference parses random sentences at every width and
// margin with the beam and with refParse: the same trees, and well-formed
// ones.
func TestBeamMatchesReference(t *testing.T) {
	p := load(t)
	rng := rand.New(rand.NewPCG(7, 11))
	// in the units of the weights: from a margin that leaves one
	// configuration nearly always to one that never prunes
	margins := []float32{0, 0.5, 2, 10, 40, 120, 400, 1e30}
	for _, k := range []int{1, 2, 3, 4, 8, 16} {
		for _, mg := range margins {
			m := p.Model().WithBeam(k).WithMargin(mg)
			for n := 1; n < 30; n += 1 + n/8 {
				words, upos, xpos := randomSentence(rng, n)
				h, l := m.Parse(words, upos, xpos)
				checkTree(t, h)
				if k == 1 {
					continue // greedy: no beam
				}
				rh, rl := refParse(m, words, upos, xpos)
				if fmt.Sprint(h, l) != fmt.Sprint(rh, rl) {
					t.Fatalf("width %d margin %g, %q:\nbeam      %v %v\nreference %v %v", k, mg, words, h, l, rh, rl)
				}
			}
		}
	}
}

// TestBeamMatchesReferenceDev compares the beam with refParse on EWT dev
// sentences with their gold tags.
func TestBeamMatchesReferenceDev(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	sents, err := conllu.ReadFile(filepath.Join(dataDir(t), "ud", "en_ewt-ud-dev.conllu"))
	if err != nil {
		t.Fatal(err)
	}
	p := load(t)
	var words, upos, xpos []string
	for _, k := range []int{2, 4, 8} {
		for _, mg := range []float32{0, 40, 160} {
			m := p.Model().WithBeam(k).WithMargin(mg)
			for i := 0; i < len(sents); i += 16 {
				words, upos, xpos = columns(&sents[i], words, upos, xpos)
				h, l := m.Parse(words, upos, xpos)
				rh, rl := refParse(m, words, upos, xpos)
				if fmt.Sprint(h, l) != fmt.Sprint(rh, rl) {
					t.Fatalf("width %d margin %g, sentence %d: beam and reference differ", k, mg, i)
				}
			}
		}
	}
}
