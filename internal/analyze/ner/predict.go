package ner

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"slices"
	"strings"

	"github.com/dateline-news/dateline/internal/wordclusters"
)

// Model is a trained two-stage recogniser with the gazetteer and clusters
// it was trained with. It is safe for concurrent use.
type Model struct {
	gaz      *gazetteer
	clusters *clusters
	stages   []*table
	joint    *joint // the two stages joined; nil with one
}

// setStages sets the stages of m and joins two.
func (m *Model) setStages(stages []*table) {
	m.stages, m.joint = stages, nil
	if len(stages) == 2 {
		m.joint = newJoint(stages[0], stages[1])
	}
}

// newBase returns a model without weights: the embedded gazetteer and
// clusters.
func newBase() (*Model, error) {
	g, err := loadGazetteer()
	if err != nil {
		return nil, err
	}
	c, err := readClusters(wordclusters.Packed())
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
	m.setStages(tables)
	return m, nil
}

func readModelBytes(b []byte) (*Model, error) {
	if len(b) == 0 {
		return nil, fmt.Errorf("ner: no embedded model; run 'dateline train ner'")
	}
	return ReadModel(bytes.NewReader(b))
}

// scratch is reusable per-call memory. It also caches, per token type
// (typeKey), the sums of the keys the type brings to a position in each
// role (roleKeys) in each stage, for the model it was last used with; the
// cache outlives a document (Recognizer keeps it for the next) and, when
// full, keeps the types seen most often (evict).
type scratch struct {
	em   [][numLabels]float32
	back [][numLabels]uint8
	tid  []int32            // the type of each token
	keys []uint64           // the keys of stage1Pair of every token
	at   []int32            // the token of each key
	acc  [][numLabels]int32 // per token, the first-stage sums of a stage
	xkey []uint64           // the keys of stage2 of every token
	xat  []int32
	xacc [][numLabels]int32    // per token, the sums of stage2
	rows [][numLabels]int32    // the role sums of new types
	jrow [][2][numLabels]int32 // the same in both stages (Model.joint)
	jacc [][2][numLabels]int32 // per token, the sums of stage1Pair in both stages

	model *Model
	types map[typeKey]int32
	ttoks []tok                      // per type (its word, lower, shape, clus); 0 and 1 are the paddings
	seen  []uint32                   // per type, the tokens seen (halved at each eviction)
	have  int                        // the types whose sums are computed: the first ones
	sums  [][nRoles][numLabels]int32 // per type and stage: type*len(stages) + stage

	forms     map[string]form // what docState computes of a form
	formModel *Model
}

// form is what docState computes of a (normalised) form.
type form struct {
	lower, shape string
	clus         [3]uint16
	initCap      bool
}

// form returns what docState computes of the form w, from the cache of sc
// (may be nil).
func (sc *scratch) form(m *Model, w string) form {
	if sc != nil {
		if f, ok := sc.forms[w]; ok && sc.formModel == m {
			return f
		}
	}
	f := form{lower: strings.ToLower(w), shape: shapeOf(w), initCap: startsUpper(w)}
	c0, c1, c2 := m.clusters.lookup(f.lower)
	f.clus = [3]uint16{c0, c1, c2}
	if sc == nil {
		return f
	}
	if sc.formModel != m || len(sc.forms) >= 4*maxTypes {
		if sc.forms == nil {
			sc.forms = make(map[string]form)
		}
		clear(sc.forms)
		sc.formModel = m
	}
	if f.lower == w {
		f.lower = strings.Clone(w) // not to keep the document's text
		w = f.lower
	} else {
		w = strings.Clone(w)
	}
	sc.forms[w] = f
	return f
}

// The types of the paddings before and after a sentence.
const (
	padStartType = 0
	padEndType   = 1
)

// maxTypes bounds the type cache (680 bytes a type with two stages).
const maxTypes = 1 << 13

// reset empties the type cache.
func (sc *scratch) reset(m *Model, d *docState) {
	sc.model = m
	if sc.types == nil {
		sc.types = make(map[typeKey]int32)
	}
	clear(sc.types)
	sc.ttoks = append(sc.ttoks[:0], d.padStart, d.padEnd)
	sc.seen = append(sc.seen[:0], 0, 0)
	sc.have = 0
	sc.sums = sc.sums[:0]
}

// evict keeps in the cache the types seen most often, at most maxTypes/4
// of them, and halves their counts.
func (sc *scratch) evict(ns int) {
	var hist [33]int
	for _, n := range sc.seen[2:sc.have] {
		hist[bits.Len32(n)]++
	}
	lo, kept := 33, 0
	for lo > 2 && kept+hist[lo-1] <= maxTypes/4 {
		lo--
		kept += hist[lo]
	}
	newID := make([]int32, sc.have)
	newID[padStartType], newID[padEndType] = padStartType, padEndType
	n := 2
	for t := 2; t < sc.have; t++ {
		newID[t] = -1
		if bits.Len32(sc.seen[t]) >= lo {
			newID[t] = int32(n)
			sc.ttoks[n], sc.seen[n] = sc.ttoks[t], sc.seen[t]/2
			copy(sc.sums[n*ns:(n+1)*ns], sc.sums[t*ns:(t+1)*ns])
			n++
		}
	}
	sc.ttoks, sc.seen, sc.sums, sc.have = sc.ttoks[:n], sc.seen[:n], sc.sums[:n*ns], n
	for k, t := range sc.types {
		if newID[t] < 0 {
			delete(sc.types, k)
		} else {
			sc.types[k] = newID[t]
		}
	}
}

// typesOf sets the type of every token of d, and computes the role sums
// of the types new to the cache, all their keys looked up together.
func (sc *scratch) typesOf(m *Model, d *docState) {
	ns := len(m.stages)
	if sc.model != m || len(sc.ttoks) == 0 {
		sc.reset(m, d)
	}
	if sc.have > 2 && sc.have+len(d.toks) > maxTypes {
		sc.evict(ns)
	}
	sc.tid = sc.tid[:0]
	for i := range d.toks {
		t := &d.toks[i]
		id, ok := sc.types[t.typeKey()]
		if !ok {
			id = int32(len(sc.ttoks))
			k := typeKey{strings.Clone(t.word), strings.Clone(t.lower)} // not to keep the document's text
			sc.types[k] = id
			sc.ttoks = append(sc.ttoks, tok{word: k[0], lower: k[1], shape: t.shape, clus: t.clus})
			sc.seen = append(sc.seen, 0)
		}
		sc.seen[id]++
		sc.tid = append(sc.tid, id)
	}
	if sc.have == len(sc.ttoks) {
		return
	}
	keys, at := sc.keys[:0], sc.at[:0]
	for t := sc.have; t < len(sc.ttoks); t++ {
		for r := range nRoles {
			k := len(keys)
			keys = roleKeys(&sc.ttoks[t], r, keys)
			for range len(keys) - k {
				at = append(at, int32((t-sc.have)*nRoles+r))
			}
		}
	}
	from := sc.have * ns
	sc.sums = slices.Grow(sc.sums[:from], len(sc.ttoks)*ns-from)[:len(sc.ttoks)*ns]
	clear(sc.sums[from:])
	// The sums of role r of the new type t in a stage are gathered in row
	// (t-have)*nRoles+r of sc.rows, then moved.
	nr := (len(sc.ttoks) - sc.have) * nRoles
	if m.joint != nil {
		sc.jrow = slices.Grow(sc.jrow[:0], nr)[:nr]
		clear(sc.jrow)
		m.joint.sumAt(keys, at, sc.jrow)
		for t := sc.have; t < len(sc.ttoks); t++ {
			for r := range nRoles {
				for st := range 2 {
					sc.sums[t*ns+st][r] = sc.jrow[(t-sc.have)*nRoles+r][st]
				}
			}
		}
		sc.keys, sc.at = keys, at
		sc.have = len(sc.ttoks)
		return
	}
	for st, tb := range m.stages {
		sc.rows = slices.Grow(sc.rows[:0], nr)[:nr]
		clear(sc.rows)
		tb.sumAt(keys, at, sc.rows)
		for t := sc.have; t < len(sc.ttoks); t++ {
			copy(sc.sums[t*ns+st][:], sc.rows[(t-sc.have)*nRoles:])
		}
	}
	sc.keys, sc.at = keys, at
	sc.have = len(sc.ttoks)
}

// predict labels every token of the document.
func (m *Model) predict(d *docState, sc *scratch) []int {
	n := len(d.toks)
	labels := make([]int, n)
	if n == 0 || len(m.stages) == 0 {
		return labels
	}
	sc.typesOf(m, d)
	// The keys of stage1Pair of every token, for every stage.
	keys, at := sc.keys[:0], sc.at[:0]
	for _, s := range d.sents {
		for i := s[0]; i < s[1]; i++ {
			k := len(keys)
			keys = d.stage1Pair(s[0], s[1], i, keys)
			for range len(keys) - k {
				at = append(at, int32(i))
			}
		}
	}
	sc.keys, sc.at = keys, at
	if m.joint != nil {
		sc.jacc = slices.Grow(sc.jacc[:0], n)[:n]
		clear(sc.jacc)
		m.joint.sumAt(keys, at, sc.jacc)
	}
	m.decode(d, 0, sc, nil, labels)
	if len(m.stages) > 1 {
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

// decode scores every sentence with stage (adding stage-2 features when p
// is set) and writes the Viterbi labels into out.
func (m *Model) decode(d *docState, stage int, sc *scratch, p *docPreds, out []int) {
	t, ns := m.stages[stage], len(m.stages)
	n := len(d.toks)
	// The integer sum of all the first-stage keys of each token: its
	// type's and its neighbours' role sums, and stage1Pair's.
	sc.acc = slices.Grow(sc.acc[:0], n)[:n]
	if m.joint != nil {
		for i := range sc.acc {
			sc.acc[i] = sc.jacc[i][stage]
		}
	} else {
		clear(sc.acc)
		t.sumAt(sc.keys, sc.at, sc.acc)
	}
	for _, s := range d.sents {
		at := func(j int) int {
			switch {
			case j < s[0]:
				return padStartType*ns + stage
			case j >= s[1]:
				return padEndType*ns + stage
			}
			return int(sc.tid[j])*ns + stage
		}
		for i := s[0]; i < s[1]; i++ {
			a := &sc.acc[i]
			self := &sc.sums[int(sc.tid[i])*ns+stage][roleSelf]
			p1, p2 := &sc.sums[at(i-1)][rolePrev], &sc.sums[at(i-2)][rolePrev2]
			n1, n2 := &sc.sums[at(i+1)][roleNext], &sc.sums[at(i+2)][roleNext2]
			for l := range a {
				a[l] += self[l] + p1[l] + p2[l] + n1[l] + n2[l]
			}
		}
	}
	if p != nil {
		keys, at := sc.xkey[:0], sc.xat[:0]
		for _, s := range d.sents {
			for i := s[0]; i < s[1]; i++ {
				k := len(keys)
				keys = d.stage2(p, s[0], s[1], i, keys)
				for range len(keys) - k {
					at = append(at, int32(i))
				}
			}
		}
		sc.xkey, sc.xat = keys, at
		sc.xacc = slices.Grow(sc.xacc[:0], n)[:n]
		clear(sc.xacc)
		t.sumAt(keys, at, sc.xacc)
	}
	for _, s := range d.sents {
		n := s[1] - s[0]
		if cap(sc.em) < n {
			sc.em = make([][numLabels]float32, n)
			sc.back = make([][numLabels]uint8, n)
		}
		em := sc.em[:n]
		for i := s[0]; i < s[1]; i++ {
			// scaled once, then the second stage's sums scaled, as
			// training scores
			e := &em[i-s[0]]
			*e = [numLabels]float32{}
			t.addScaled(&sc.acc[i], e)
			if p != nil {
				t.addScaled(&sc.xacc[i], e)
			}
		}
		viterbi(em, &t.trans, t.prev, out[s[0]:s[1]], sc.back[:n])
	}
}
