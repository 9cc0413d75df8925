package ner

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestSplitStage1 checks that stage1Word, the role keys of the token and
// its neighbours and stage1Pair together give the keys of stage1 (which
// training uses), and that the per-type role sums predict caches score
// each token as stage1 does, in both stages, in a first document and in
// a second one that finds the types cached.
func TestSplitStage1(t *testing.T) {
	m := recognizer(t).m
	sents := [][]string{
		strings.Fields("Zelenskyy met Trump in Kyiv ’s old town – “ a first , ” said NATO ."),
		strings.Fields("HIGH STAKES , LIMITED RESULTS"),
		strings.Fields("Trump said the U.S. would talk to Moscow ."),
		strings.Fields("Kyiv"),
		strings.Fields("Trump said"),
	}
	var sc scratch
	for doc := range 2 {
		d := m.newDocState(sents[doc:], []bool{false, true, false, false, false}[doc:])
		m.predict(d, &sc)
		for _, s := range d.sents {
			at := func(j int) *tok { return d.at(s[0], s[1], j) }
			typ := func(j int) int32 {
				switch {
				case j < s[0]:
					return padStartType
				case j >= s[1]:
					return padEndType
				}
				return sc.tid[j]
			}
			for i := s[0]; i < s[1]; i++ {
				want := d.stage1(s[0], s[1], i, nil)
				got := roleKeys(&d.toks[i], roleSelf, nil)
				got = roleKeys(at(i-1), rolePrev, got)
				got = roleKeys(at(i-2), rolePrev2, got)
				got = roleKeys(at(i+1), roleNext, got)
				got = roleKeys(at(i+2), roleNext2, got)
				got = d.stage1Pair(s[0], s[1], i, got)
				slices.Sort(want)
				slices.Sort(got)
				if !slices.Equal(got, want) {
					t.Fatalf("token %d (%s): split keys differ from stage1", i, d.toks[i].word)
				}
				ns := len(m.stages)
				for si, st := range m.stages {
					var a, b [numLabels]int32
					st.sum(want, &a)
					st.sum(d.stage1Pair(s[0], s[1], i, nil), &b)
					for r, j := range []int{i, i - 1, i - 2, i + 1, i + 2} {
						for l := range b {
							b[l] += sc.sums[int(typ(j))*ns+si][r][l]
						}
					}
					if a != b {
						t.Fatalf("document %d, stage %d, token %d: cached sums differ", doc, si+1, i)
					}
				}
			}
		}
	}
	distinct := map[typeKey]bool{}
	for _, s := range sents {
		d := m.newDocState([][]string{s}, nil)
		for i := range d.toks {
			distinct[d.toks[i].typeKey()] = true
		}
	}
	// "HIGH STAKES , LIMITED RESULTS" is not caseless in the second
	// document: no heading. The two paddings are types too.
	if len(sc.types)+2 != len(sc.ttoks) || len(sc.types) < len(distinct) {
		t.Fatalf("%d types, %d cached, %d distinct", len(sc.types), len(sc.ttoks), len(distinct))
	}
}

// TestCacheEviction labels documents whose types overflow the type cache
// with one scratch and checks the labels are those of a new scratch per
// document.
func TestCacheEviction(t *testing.T) {
	m := recognizer(t).m
	base := strings.Fields("Putin met Trump in Anchorage , and NATO said Kyiv was not invited .")
	var shared scratch
	for doc := range 4 {
		var sents [][]string
		for s := range maxTypes / 8 {
			sents = append(sents, append(slices.Clone(base), fmt.Sprintf("Zorb%dling%d", doc, s), "."))
		}
		got := m.predict(m.newDocState(sents, nil), &shared)
		var fresh scratch
		want := m.predict(m.newDocState(sents, nil), &fresh)
		if !slices.Equal(got, want) {
			t.Fatalf("document %d: labels with a shared, overflowing cache differ", doc)
		}
		if len(shared.ttoks) > maxTypes+len(sents)*len(base) {
			t.Fatalf("document %d: %d types cached", doc, len(shared.ttoks))
		}
	}
	// Evicting keeps the frequent types with their sums.
	ns := len(m.stages)
	want := map[typeKey][][nRoles][numLabels]int32{}
	for _, w := range []string{"Putin", "met", "Kyiv"} {
		k := typeKey{w, strings.ToLower(w)}
		id, ok := shared.types[k]
		if !ok {
			t.Fatalf("%q not cached", w)
		}
		want[k] = slices.Clone(shared.sums[int(id)*ns : int(id+1)*ns])
	}
	shared.evict(ns)
	for k, sums := range want {
		id, ok := shared.types[k]
		if !ok || !slices.Equal(shared.sums[int(id)*ns:int(id+1)*ns], sums) || shared.ttoks[id].word != k[0] {
			t.Errorf("%q evicted or with other sums", k[0])
		}
	}
}

// TestJoint checks that the joined stages sum every key, known to either
// stage or to none, as the two tables do.
func TestJoint(t *testing.T) {
	m := recognizer(t).m
	if m.joint == nil {
		t.Skip("one stage")
	}
	var keys []uint64
	for _, st := range m.stages {
		for i, s := range st.slots {
			if s.key != 0 && i%7 == 0 {
				keys = append(keys, s.key, s.key^1<<40)
			}
		}
	}
	at := make([]int32, len(keys))
	for i := range at {
		at[i] = int32(i % 5)
	}
	got := make([][2][numLabels]int32, 5)
	m.joint.sumAt(keys, at, got)
	for st, tb := range m.stages {
		want := make([][numLabels]int32, 5)
		tb.sumAt(keys, at, want)
		for r := range want {
			if got[r][st] != want[r] {
				t.Fatalf("stage %d, row %d: joint sums %v, want %v", st+1, r, got[r][st], want[r])
			}
		}
	}
}
