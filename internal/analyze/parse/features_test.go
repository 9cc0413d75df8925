package parse

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestSplitFeatures checks that stackFeatures, bufferFeatures and
// configFeatures together give the keys of features, in every
// configuration with a choice that random walks over sentences reach.
func TestSplitFeatures(t *testing.T) {
	p := load(t)
	m := p.Model()
	rng := rand.New(rand.NewPCG(3, 4))
	for _, s := range []string{
		"Trump/PROPN/NNP met/VERB/VBD Putin/PROPN/NNP in/ADP/IN Alaska/PROPN/NNP ./PUNCT/.",
		"“/PUNCT/`` We/PRON/PRP ’re/AUX/VBP ready/ADJ/JJ ,/PUNCT/, ”/PUNCT/'' she/PRON/PRP said/VERB/VBD –/PUNCT/: again/ADV/RB ./PUNCT/.",
		"Hi/INTJ/UH",
		"a/DET/DT b/NOUN/NN",
	} {
		words, upos, xpos := tagged(s)
		var x sentence
		m.sentenceOf(&x, words, upos, xpos)
		for walk := range 50 {
			var st state
			st.reset(len(words))
			for !st.done() {
				c, forced := st.forced()
				if !forced {
					want := features(&x, &st, nil)
					got := stackFeatures(&x, st.s0(), nil)
					got = bufferFeatures(&x, st.b, st.root(), got)
					got = configFeatures(&x, &st, got)
					slices.Sort(want)
					slices.Sort(got)
					if !slices.Equal(got, want) {
						t.Fatalf("%s, walk %d, stack %v, buffer %d: %d split keys differ from the %d of features", strings.Fields(s)[0], walk, st.stack, st.b, len(got), len(want))
					}
					for {
						c = rng.IntN(nTrans)
						if st.valid(c) {
							break
						}
					}
				}
				st.apply(c, int32(rng.IntN(len(m.labels))))
			}
		}
	}
}
