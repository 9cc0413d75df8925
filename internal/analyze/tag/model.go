package tag

import (
	"compress/gzip"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/dateline-news/dateline/internal/linear"
)

// magic names the format and the feature set: a model trained with other
// feature templates is not readable.
const magic = "dateline-tag 3\n"

// Model is a trained tagger: joint UPOS+XPOS classes, a lexicon of the
// training words, lemma rules, and perceptron weights. It is read-only and
// safe for concurrent use.
type Model struct {
	classes   []string // "UPOS\tXPOS"
	upos      []string
	xpos      []string
	lex       map[string]*lexWord
	lowerLex  map[string]*lexWord // lowercased forms, for lemmas of unseen casings
	rules     []map[string]lemmaRule
	feats     []string // the most frequent Feats of each class
	w         *linear.Weights
	w2        *linear.Weights // the second stage; nil: one stage
	wr        *linear.Weights // the right-to-left pass the second stage reads; may be nil
	maxSuffix int
	clusters  *linear.Clusters // may be nil
}

// lexWord is what the training data says about one exact form.
type lexWord struct {
	sure  int16  // class of a frequent unambiguous word, -1 otherwise
	ambig uint64 // hash of the set of classes it takes; 0 when rare
	tags  []lexTag
}

// lexTag gives the lemma and features a form takes with one class.
type lexTag struct {
	cls   uint16
	lemma string
	feats string
}

// lemmaRule rewrites a form into its lemma: optionally lowercase, strip
// bytes from the end, append a string.
type lemmaRule struct {
	lower bool
	strip uint8
	add   string
}

func (r lemmaRule) apply(form string) string {
	if int(r.strip) > len(form) {
		return form
	}
	s := form
	if r.lower {
		s = strings.ToLower(form)
		if len(s) != len(form) {
			return s
		}
	}
	if r.strip == 0 && r.add == "" {
		return s
	}
	return s[:len(s)-int(r.strip)] + r.add
}

// Tagged is the output for one word.
type Tagged struct {
	UPOS, XPOS, Lemma, Feats string
}

// Classes returns the number of tag classes.
func (m *Model) Classes() int { return len(m.classes) }

// Features returns the number of weighted features.
func (m *Model) Features() int { return m.w.Features() }

// scratch is the per-call working memory of Tag. It also caches, per
// distinct word form, the analysis of the word and the sums of the weights
// of its word-only features (wordFeatures) in each stage, for the model it
// was last used with; Tagger.Run empties the cache for each document.
type scratch struct {
	ws     []word
	tids   []int32 // type of each word
	tags   []int
	first  []int
	rws    []word    // ws reversed, for the right-to-left pass
	rtids  []int32   // tids reversed
	rtags  []int     // right-to-left tags, in reversed order
	right  []int     // right-to-left tags, in sentence order
	need   []bool    // words the right-to-left pass scores
	margin []float32 // first-pass score margin of each word (real units)
	keys   []uint64
	scores []float32

	model *Model
	types map[string]int32
	tws   []word
	sums  [3][]float32 // per stage (first, second, right-to-left), Classes() sums per type
	have  [3][]bool    // per stage and type: sums computed
}

// maxTypes bounds the word cache: when a sentence would overflow it, it
// starts again.
const maxTypes = 1 << 14

// reset empties the word cache.
func (sc *scratch) reset() {
	clear(sc.types)
	sc.tws = sc.tws[:0]
	for st := range sc.sums {
		sc.sums[st] = sc.sums[st][:0]
		sc.have[st] = sc.have[st][:0]
	}
}

// typeOf returns the cache index of form s, analysing it the first time.
func (sc *scratch) typeOf(m *Model, s string) int32 {
	if sc.model != m {
		sc.model = m
		sc.reset()
	}
	if sc.types == nil {
		sc.types = make(map[string]int32)
	}
	if t, ok := sc.types[s]; ok {
		return t
	}
	t := int32(len(sc.tws))
	sc.types[s] = t
	sc.tws = append(sc.tws, word{})
	m.analyse(s, &sc.tws[t])
	for st := range sc.have {
		sc.have[st] = append(sc.have[st], false)
	}
	return t
}

// wordSums returns the sums of the word-only features of type t in stage
// st (weights w).
func (sc *scratch) wordSums(w *linear.Weights, st int, t int32) []float32 {
	nc := w.Classes()
	if len(sc.sums[st]) < len(sc.have[st])*nc {
		sc.sums[st] = slices.Grow(sc.sums[st], len(sc.have[st])*nc-len(sc.sums[st]))[:len(sc.have[st])*nc]
	}
	row := sc.sums[st][int(t)*nc : int(t+1)*nc]
	if !sc.have[st][t] {
		clear(row)
		sc.keys = wordFeatures(&sc.tws[t], sc.keys[:0])
		w.Score(sc.keys, row)
		sc.have[st][t] = true
	}
	return row
}

// Tag tags the words of one sentence, appending to dst.
func (m *Model) Tag(words []string, dst []Tagged) []Tagged {
	var sc scratch
	return m.tag(words, dst, &sc)
}

func (m *Model) tag(words []string, dst []Tagged, sc *scratch) []Tagged {
	n := len(words)
	if cap(sc.ws) < n {
		sc.ws = make([]word, n)
		sc.tags = make([]int, n)
		sc.tids = make([]int32, n)
	}
	if cap(sc.margin) < n {
		sc.margin = make([]float32, n)
	}
	ws, tags, margin, tids := sc.ws[:n], sc.tags[:n], sc.margin[:n], sc.tids[:n]
	if len(sc.scores) != len(m.classes) {
		sc.scores = make([]float32, len(m.classes))
	}
	if len(sc.tws)+n > maxTypes {
		// Start the cache again between sentences, never inside one: the
		// type indices of a sentence must stay valid while it is tagged.
		sc.reset()
	}
	for i, s := range words {
		tids[i] = sc.typeOf(m, s)
		ws[i] = sc.tws[tids[i]]
	}
	// The scores of a word are the cached sums of its word-only features
	// plus those of its context features: integer sums, so exactly those
	// of features (what training scores).
	for i := range ws {
		if ws[i].sure >= 0 {
			tags[i] = ws[i].sure
			continue
		}
		copy(sc.scores, sc.wordSums(m.w, 0, tids[i]))
		sc.keys = contextFeatures(ws, tags, i, sc.keys[:0])
		tags[i], margin[i] = m.predict(m.w, sc.keys, sc.scores)
	}
	if m.w2 != nil {
		// The second pass looks again at the words the first was unsure
		// of, seeing the tags of the words after them.
		// need marks the unsure words and the words after them whose
		// right-to-left tags the second pass reads, and one more.
		sc.need = slices.Grow(sc.need[:0], n)[:n]
		clear(sc.need)
		from := n
		for i := range ws {
			if ws[i].sure < 0 && margin[i] < secondMargin {
				from = min(from, i)
				for p := i; p < min(n, i+rightWindow); p++ {
					sc.need[p] = true
				}
			}
		}
		if from < n {
			first := append(sc.first[:0], tags...)
			sc.first = first
			var right []int
			if m.wr != nil {
				right = m.tagRight(ws, tids, first, sc.need, sc)
			}
			for i := from; i < n; i++ {
				if ws[i].sure >= 0 || margin[i] >= secondMargin {
					continue
				}
				copy(sc.scores, sc.wordSums(m.w2, 1, tids[i]))
				sc.keys = contextFeatures(ws, tags, i, sc.keys[:0])
				sc.keys = secondFeatures(ws, first, right, i, sc.keys)
				tags[i], _ = m.predict(m.w2, sc.keys, sc.scores)
			}
		}
	}
	for i, s := range words {
		c := tags[i]
		lemma, feats := m.lemma(s, &ws[i], c)
		dst = append(dst, Tagged{UPOS: m.upos[c], XPOS: m.xpos[c], Lemma: lemma, Feats: feats})
	}
	return dst
}

// rightWindow is the number of words, from an unsure word on, that the
// right-to-left pass scores: the second pass reads its tags of the word
// and the two after it, and the one after them is its left context. The
// pass takes the first pass's tags for the other words: on EWT and GUM dev
// this gives the second pass the tags of the whole right-to-left pass, at
// about half its cost.
const rightWindow = 4

// tagRight tags ws from right to left with the right-to-left pass (wr): the
// same templates over the reversed sentence. With need nil it scores every
// word; otherwise only those marked in need, from the last to the first
// marked, and takes the tag of first for the others. It returns the tags in
// sentence order (those before the first marked word are not set), as
// many as ws.
func (m *Model) tagRight(ws []word, tids []int32, first []int, need []bool, sc *scratch) []int {
	n := len(ws)
	from := 0
	if need != nil {
		from = n
		if i := slices.Index(need, true); i >= 0 {
			from = i
		}
	}
	if len(sc.scores) != len(m.classes) {
		sc.scores = make([]float32, len(m.classes))
	}
	sc.rws = append(sc.rws[:0], ws...)
	slices.Reverse(sc.rws)
	sc.rtids = append(sc.rtids[:0], tids...)
	slices.Reverse(sc.rtids)
	sc.rtags = slices.Grow(sc.rtags[:0], n)[:n]
	sc.right = slices.Grow(sc.right[:0], n)[:n]
	for j := range n - from {
		c := sc.rws[j].sure
		if c < 0 && need != nil && !need[n-1-j] {
			c = first[n-1-j]
		} else if c < 0 {
			copy(sc.scores, sc.wordSums(m.wr, 2, sc.rtids[j]))
			sc.keys = contextFeatures(sc.rws, sc.rtags, j, sc.keys[:0])
			c, _ = m.predict(m.wr, sc.keys, sc.scores)
		}
		sc.rtags[j] = c
		sc.right[n-1-j] = c
	}
	return sc.right
}

// secondMargin is the first-pass margin (best score minus second best, in
// the units of the averaged weights) above which the second pass leaves a
// word alone: on EWT dev it changes almost only words below it, and
// skipping the others saves most of its cost.
const secondMargin = 32

// predict adds the weights of keys to scores and returns the best class
// and its margin over the second best, in real units.
func (m *Model) predict(w *linear.Weights, keys []uint64, scores []float32) (int, float32) {
	w.Score(keys, scores)
	best, bs, second := 0, float32(math.Inf(-1)), float32(math.Inf(-1))
	for c, s := range scores {
		if s > bs {
			best, bs, second = c, s, bs
		} else if s > second {
			second = s
		}
	}
	return best, (bs - second) * w.Scale()
}

// lemma returns the lemma and features of form s tagged with class c.
func (m *Model) lemma(s string, w *word, c int) (string, string) {
	if w.lex != nil {
		for _, t := range w.lex.tags {
			if int(t.cls) == c {
				return t.lemma, t.feats
			}
		}
	}
	var buf [64]byte
	if len(s) <= len(buf) {
		b := buf[:len(s)]
		for i := range len(s) {
			b[i] = lowerByte(s[i])
		}
		if lw, ok := m.lowerLex[string(b)]; ok && m.upos[c] != "PROPN" {
			for _, t := range lw.tags {
				if int(t.cls) == c {
					return t.lemma, t.feats
				}
			}
		}
		rules := m.rules[c]
		for k := min(m.maxSuffix, len(s)); k >= 0; k-- {
			if r, ok := rules[string(b[len(s)-k:])]; ok {
				return r.apply(s), m.feats[c]
			}
		}
	}
	return s, m.feats[c]
}

// WriteTo writes the model, gzip-compressed.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	zw, err := gzip.NewWriterLevel(cw, gzip.BestCompression)
	if err != nil {
		return 0, err
	}
	e := linear.NewEncoder(zw)
	e.Raw(magic)
	e.Uvarint(uint64(len(m.classes)))
	for i, c := range m.classes {
		e.String(c)
		e.String(m.feats[i])
	}
	e.Uvarint(uint64(m.maxSuffix))
	e.Uvarint(uint64(len(m.lex)))
	for _, form := range sortedKeys(m.lex) {
		lw := m.lex[form]
		e.String(form)
		e.Uvarint(uint64(lw.sure + 1))
		e.Uvarint(lw.ambig)
		e.Uvarint(uint64(len(lw.tags)))
		for _, t := range lw.tags {
			e.Uvarint(uint64(t.cls))
			e.String(t.lemma)
			e.String(t.feats)
		}
	}
	for _, rules := range m.rules {
		e.Uvarint(uint64(len(rules)))
		for _, suf := range sortedKeys(rules) {
			r := rules[suf]
			e.String(suf)
			l := uint64(0)
			if r.lower {
				l = 1
			}
			e.Uvarint(l)
			e.Uvarint(uint64(r.strip))
			e.String(r.add)
		}
	}
	m.clusters.WriteTo(e)
	m.w.WriteTo(e)
	for _, w := range []*linear.Weights{m.w2, m.wr} {
		if w != nil {
			e.Uvarint(1)
			w.WriteTo(e)
		} else {
			e.Uvarint(0)
		}
	}
	if err := e.Flush(); err != nil {
		return cw.n, err
	}
	if err := zw.Close(); err != nil {
		return cw.n, err
	}
	return cw.n, nil
}

// ReadModel reads a model written by WriteTo.
func ReadModel(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("tag model: %w", err)
	}
	m, err := readModel(linear.NewDecoder(zr))
	if err != nil {
		return nil, fmt.Errorf("tag model: %w", err)
	}
	return m, nil
}

// Limits of the model reader.
const (
	maxLexicon  = 1 << 22
	maxLexTags  = 1 << 10
	maxRules    = 1 << 20
	maxClassesN = 1 << 15
)

func readModel(d *linear.Decoder) (*Model, error) {
	d.Expect(magic)
	m := &Model{}
	nc := d.Count(maxClassesN, "classes")
	if d.Err() == nil && nc == 0 {
		d.Fail("no classes")
	}
	for range nc {
		c := d.String()
		u, x, _ := strings.Cut(c, "\t")
		m.classes = append(m.classes, c)
		m.upos = append(m.upos, u)
		m.xpos = append(m.xpos, x)
		m.feats = append(m.feats, d.String())
	}
	m.maxSuffix = d.Count(255, "suffix bytes")
	nl := d.Count(maxLexicon, "lexicon entries")
	if err := d.Err(); err != nil {
		return nil, err
	}
	m.lex = make(map[string]*lexWord, nl)
	m.lowerLex = make(map[string]*lexWord)
	for range nl {
		form := d.String()
		sure := d.Count(uint64(nc), "sure class")
		lw := &lexWord{sure: int16(sure - 1), ambig: d.Uvarint()}
		nt := d.Count(maxLexTags, "tags of a word")
		for range nt {
			c := d.Count(uint64(nc-1), "class")
			lw.tags = append(lw.tags, lexTag{cls: uint16(c), lemma: d.String(), feats: d.String()})
		}
		if err := d.Err(); err != nil {
			return nil, err
		}
		m.lex[form] = lw
	}
	m.buildLowerLex()
	m.rules = make([]map[string]lemmaRule, nc)
	for c := range nc {
		nr := d.Count(maxRules, "lemma rules")
		if err := d.Err(); err != nil {
			return nil, err
		}
		m.rules[c] = make(map[string]lemmaRule, nr)
		for range nr {
			suf := d.String()
			r := lemmaRule{lower: d.Count(1, "case flag") == 1, strip: uint8(d.Count(255, "stripped bytes")), add: d.String()}
			m.rules[c][suf] = r
		}
	}
	if err := d.Err(); err != nil {
		return nil, err
	}
	var err error
	if m.clusters, err = linear.ReadClusters(d); err != nil {
		return nil, err
	}
	w, err := linear.ReadWeights(d)
	if err != nil {
		return nil, err
	}
	if w.Classes() != nc {
		return nil, fmt.Errorf("%w: %d weight classes for %d tag classes", linear.ErrCorrupt, w.Classes(), nc)
	}
	m.w = w
	if d.Count(1, "second-stage flag") == 1 {
		if m.w2, err = linear.ReadWeights(d); err != nil {
			return nil, err
		}
		if m.w2.Classes() != nc {
			return nil, fmt.Errorf("%w: %d second-stage classes for %d tag classes", linear.ErrCorrupt, m.w2.Classes(), nc)
		}
	}
	if d.Count(1, "right-to-left flag") == 1 {
		if m.wr, err = linear.ReadWeights(d); err != nil {
			return nil, err
		}
		if m.wr.Classes() != nc {
			return nil, fmt.Errorf("%w: %d right-to-left classes for %d tag classes", linear.ErrCorrupt, m.wr.Classes(), nc)
		}
	}
	return m, d.End()
}

// buildLowerLex indexes the lexicon by lowercased form, preferring the
// lowercase spelling's own entry.
func (m *Model) buildLowerLex() {
	for _, form := range sortedKeys(m.lex) {
		l := strings.ToLower(form)
		if _, ok := m.lowerLex[l]; !ok || l == form {
			m.lowerLex[l] = m.lex[form]
		}
	}
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
