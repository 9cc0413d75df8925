package ner

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/dateline-news/dateline/internal/wordclusters"
)

// Model is a trained two-stage recogniser with the gazetteer and clusters
// it was trained with. It is safe for concurrent use.
type Model struct {
	gaz      *gazetteer
	clusters *clusters
	stages   []*table
}

// newBase returns a model without weights: the embedded gazetteer and
// clusters.
func newBase() (*Model, error) {
	g, err := loadGazetteer()
	if err != nil {
		return nil, err
	}
	c, err := readClusters(wordclusters.Gzipped())
	if err != nil {
		return nil, err
	}
	return &Model{gaz: g, clusters: c}, nil
}

// ReadModel reads a model file written by Train's output.
func ReadModel(r io.Reader) (*Model, error) {
	m, err := newBase()
	if err != nil {
		return nil, err
	}
	gs, cs, tables, err := readModel(r)
	if err != nil {
		return nil, err
	}
	if gs != m.gaz.sum || cs != m.clusters.sum {
		return nil, errors.New("ner: model: trained with other gazetteers or clusters; retrain with 'dateline train ner'")
	}
	m.stages = tables
	return m, nil
}

func readModelBytes(b []byte) (*Model, error) {
	if len(b) == 0 {
		return nil, fmt.Errorf("ner: no embedded model; run 'dateline train ner'")
	}
	return ReadModel(bytes.NewReader(b))
}

// scratch is reusable per-call memory.
type scratch struct {
	feats []uint64 // the context keys of stage 1 of every token
	offs  []int
	em    [][numLabels]float32
	back  [][numLabels]uint8
	// The word-only features of stage 1 (stage1Word) are summed once per
	// type of the document and stage: tid is the type of each token, sums
	// the integer sums of each type in each stage.
	types map[typeKey]int32
	tid   []int32
	sums  [][numLabels]int32 // type*len(stages) + stage
	wkeys []uint64
}

// predict labels every token of the document.
func (m *Model) predict(d *docState, sc *scratch) []int {
	n := len(d.toks)
	labels := make([]int, n)
	if n == 0 || len(m.stages) == 0 {
		return labels
	}
	if sc.types == nil {
		sc.types = make(map[typeKey]int32)
	}
	clear(sc.types)
	sc.tid, sc.sums = sc.tid[:0], sc.sums[:0]
	ns := len(m.stages)
	sc.feats = sc.feats[:0]
	sc.offs = append(sc.offs[:0], 0)
	for _, s := range d.sents {
		for i := s[0]; i < s[1]; i++ {
			t := &d.toks[i]
			k := t.typeKey()
			id, ok := sc.types[k]
			if !ok {
				id = int32(len(sc.types))
				sc.types[k] = id
				sc.wkeys = stage1Word(t, sc.wkeys[:0])
				for _, st := range m.stages {
					var acc [numLabels]int32
					st.sum(sc.wkeys, &acc)
					sc.sums = append(sc.sums, acc)
				}
			}
			sc.tid = append(sc.tid, id)
			sc.feats = d.stage1Context(s[0], s[1], i, sc.feats)
			sc.offs = append(sc.offs, len(sc.feats))
		}
	}
	m.decode(d, 0, sc, nil, labels)
	if ns > 1 {
		p := newDocPreds(d, labels)
		out := make([]int, n)
		m.decode(d, 1, sc, p, out)
		labels = out
	}
	unsupportedInHeadings(d, labels)
	surnames(d, labels)
	return labels
}

// surnames relabels a one-word entity as a person when the document also
// names that person in full ("Donald Trump" ... "Trump") or the word is a
// well-known person's name in the gazetteer.
func surnames(d *docState, labels []int) {
	per := map[string]bool{}
	for i, l := range labels {
		if l == label(0, posL) {
			per[d.toks[i].lower] = true
		}
	}
	const known = 1 << (4*gazPerson + posU)
	for i, l := range labels {
		t := &d.toks[i]
		switch {
		case l != 0 && labelPos(l) == posU && labelType(l) != 0 && (per[t.lower] || t.gaz&known != 0):
			labels[i] = label(0, posU)
		case l == 0 && t.gaz&known != 0 && t.initCap && !t.cless && outside(labels, i):
			labels[i] = label(0, posU) // "Putin met ..." at a sentence start
		}
	}
}

// outside reports whether token i is not next to an entity.
func outside(labels []int, i int) bool {
	return (i == 0 || labels[i-1] == 0) && (i+1 == len(labels) || labels[i+1] == 0)
}

// unsupportedInHeadings drops entities of title-case headings that nothing
// else supports: in "High Stakes, Limited Results" every word is
// capitalised, so a name there needs one of its words written capitalised
// mid-sentence elsewhere in the document, or a gazetteer match.
func unsupportedInHeadings(d *docState, labels []int) {
	const support = 1<<gazCountry | 1<<gazCity | 1<<gazState | 1<<gazRegion | 1<<gazDemonym | 1<<gazOrg
	for _, s := range d.sents {
		if s[0] == s[1] || !d.toks[s[0]].title {
			continue
		}
		for _, c := range labelsToChunks(labels[s[0]:s[1]]) {
			ok := false
			for i := s[0] + c.Start; i < s[0]+c.End; i++ {
				t := &d.toks[i]
				if t.docCase&seenCapMid != 0 || catBits(t.gaz)&support != 0 {
					ok = true
					break
				}
			}
			if !ok {
				for i := s[0] + c.Start; i < s[0]+c.End; i++ {
					labels[i] = 0
				}
			}
		}
	}
}

// decode scores every sentence with t (adding stage-2 features when p is
// set) and writes the Viterbi labels into out.
func (m *Model) decode(d *docState, stage int, sc *scratch, p *docPreds, out []int) {
	t, ns := m.stages[stage], len(m.stages)
	var extra []uint64
	for _, s := range d.sents {
		n := s[1] - s[0]
		if cap(sc.em) < n {
			sc.em = make([][numLabels]float32, n)
			sc.back = make([][numLabels]uint8, n)
		}
		em := sc.em[:n]
		for i := s[0]; i < s[1]; i++ {
			e := &em[i-s[0]]
			*e = [numLabels]float32{}
			// the cached word sums plus the context keys: the integer sum
			// of all the stage-1 keys, scaled once as before
			acc := sc.sums[int(sc.tid[i])*ns+stage]
			t.sum(sc.feats[sc.offs[i]:sc.offs[i+1]], &acc)
			t.addScaled(&acc, e)
			if p != nil {
				extra = d.stage2(p, s[0], s[1], i, extra[:0])
				t.score(extra, e)
			}
		}
		viterbi(em, &t.trans, t.prev, out[s[0]:s[1]], sc.back[:n])
	}
}
