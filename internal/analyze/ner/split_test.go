package ner

import (
	"slices"
	"strings"
	"testing"
)

// TestSplitStage1 checks that stage1Word and stage1Context together give
// the keys of stage1 (which training uses), and that the per-type sums
// predict caches score each token as stage1 does, in both stages.
func TestSplitStage1(t *testing.T) {
	m := recognizer(t).m
	sents := [][]string{
		strings.Fields("Zelenskyy met Trump in Kyiv ’s old town – “ a first , ” said NATO ."),
		strings.Fields("HIGH STAKES , LIMITED RESULTS"),
		strings.Fields("Trump said the U.S. would talk to Moscow ."),
	}
	d := m.newDocState(sents, []bool{false, true, false})
	for _, s := range d.sents {
		for i := s[0]; i < s[1]; i++ {
			want := d.stage1(s[0], s[1], i, nil)
			got := d.stage1Context(s[0], s[1], i, stage1Word(&d.toks[i], nil))
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Fatalf("token %d (%s): split keys differ from stage1", i, d.toks[i].word)
			}
			for si, st := range m.stages {
				var a, b [numLabels]int32
				st.sum(want, &a)
				st.sum(stage1Word(&d.toks[i], nil), &b)
				st.sum(d.stage1Context(s[0], s[1], i, nil), &b)
				if a != b {
					t.Fatalf("stage %d, token %d: split sums differ", si+1, i)
				}
			}
		}
	}
	var sc scratch
	m.predict(d, &sc)
	distinct := map[typeKey]bool{}
	for i := range d.toks {
		distinct[d.toks[i].typeKey()] = true
	}
	// "Trump", "said", "." and "," come twice, and “ ” are one quote
	if len(sc.types) != len(distinct) || len(distinct) != len(d.toks)-5 {
		t.Fatalf("%d types, %d distinct, %d tokens", len(sc.types), len(distinct), len(d.toks))
	}
	for i := range d.toks {
		id := sc.types[d.toks[i].typeKey()]
		for si, st := range m.stages {
			var want [numLabels]int32
			st.sum(stage1Word(&d.toks[i], nil), &want)
			if sc.sums[int(id)*len(m.stages)+si] != want {
				t.Fatalf("stage %d, token %d: cached sums differ", si+1, i)
			}
		}
	}
}
