package tag

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"math"
	"strings"
)

const magic = "dateline-tag 1\n"

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
	w         *weights
	maxSuffix int
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
func (m *Model) Features() int { return m.w.features() }

// scratch is the per-call working memory of Tag.
type scratch struct {
	ws     []word
	tags   []int
	keys   []uint64
	scores []float32
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
	}
	ws, tags := sc.ws[:n], sc.tags[:n]
	if len(sc.scores) != len(m.classes) {
		sc.scores = make([]float32, len(m.classes))
	}
	for i, s := range words {
		m.analyse(s, &ws[i])
	}
	for i := range ws {
		if ws[i].sure >= 0 {
			tags[i] = ws[i].sure
			continue
		}
		sc.keys = features(ws, tags, i, sc.keys)
		tags[i] = m.predict(sc.keys, sc.scores)
	}
	for i, s := range words {
		c := tags[i]
		lemma, feats := m.lemma(s, &ws[i], c)
		dst = append(dst, Tagged{UPOS: m.upos[c], XPOS: m.xpos[c], Lemma: lemma, Feats: feats})
	}
	return dst
}

func (m *Model) predict(keys []uint64, scores []float32) int {
	clear(scores)
	m.w.score(keys, scores)
	best, bs := 0, float32(math.Inf(-1))
	for c, s := range scores {
		if s > bs {
			best, bs = c, s
		}
	}
	return best
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
	bw := bufio.NewWriter(zw)
	bw.WriteString(magic)
	writeUvarint(bw, uint64(len(m.classes)))
	for i, c := range m.classes {
		writeString(bw, c)
		writeString(bw, m.feats[i])
	}
	writeUvarint(bw, uint64(m.maxSuffix))
	writeUvarint(bw, uint64(len(m.lex)))
	for _, form := range sortedKeys(m.lex) {
		lw := m.lex[form]
		writeString(bw, form)
		writeUvarint(bw, uint64(lw.sure+1))
		writeUvarint(bw, lw.ambig)
		writeUvarint(bw, uint64(len(lw.tags)))
		for _, t := range lw.tags {
			writeUvarint(bw, uint64(t.cls))
			writeString(bw, t.lemma)
			writeString(bw, t.feats)
		}
	}
	for _, rules := range m.rules {
		writeUvarint(bw, uint64(len(rules)))
		for _, suf := range sortedKeys(rules) {
			r := rules[suf]
			writeString(bw, suf)
			l := uint64(0)
			if r.lower {
				l = 1
			}
			writeUvarint(bw, l)
			writeUvarint(bw, uint64(r.strip))
			writeString(bw, r.add)
		}
	}
	if err := m.w.write(bw); err != nil {
		return cw.n, err
	}
	if err := bw.Flush(); err != nil {
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
	m, err := readModel(bufio.NewReaderSize(zr, 1<<16))
	if err != nil {
		return nil, fmt.Errorf("tag model: %w", err)
	}
	return m, nil
}

func readModel(br *bufio.Reader) (*Model, error) {
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		return nil, fmt.Errorf("%w: bad header", errCorrupt)
	}
	get := func() uint64 {
		x, err := readUvarint(br)
		if err != nil {
			panic(err)
		}
		return x
	}
	str := func() string {
		s, err := readString(br)
		if err != nil {
			panic(err)
		}
		return s
	}
	return catch(func() *Model {
		m := &Model{}
		nc := int(get())
		if nc == 0 || nc > 1<<15 {
			panic(errCorrupt)
		}
		for range nc {
			c := str()
			u, x, _ := strings.Cut(c, "\t")
			m.classes = append(m.classes, c)
			m.upos = append(m.upos, u)
			m.xpos = append(m.xpos, x)
			m.feats = append(m.feats, str())
		}
		m.maxSuffix = int(get())
		nl := int(get())
		m.lex = make(map[string]*lexWord, nl)
		m.lowerLex = make(map[string]*lexWord)
		for range nl {
			form := str()
			lw := &lexWord{sure: int16(int(get()) - 1), ambig: get()}
			nt := int(get())
			for range nt {
				c := get()
				if c >= uint64(nc) {
					panic(errCorrupt)
				}
				lw.tags = append(lw.tags, lexTag{cls: uint16(c), lemma: str(), feats: str()})
			}
			if int(lw.sure) >= nc {
				panic(errCorrupt)
			}
			m.lex[form] = lw
		}
		m.buildLowerLex()
		m.rules = make([]map[string]lemmaRule, nc)
		for c := range nc {
			nr := int(get())
			m.rules[c] = make(map[string]lemmaRule, nr)
			for range nr {
				suf := str()
				r := lemmaRule{lower: get() == 1, strip: uint8(get()), add: str()}
				m.rules[c][suf] = r
			}
		}
		w, err := readWeights(br)
		if err != nil {
			panic(err)
		}
		if w.nclass != nc {
			panic(errCorrupt)
		}
		m.w = w
		return m
	})
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

// catch turns the panics of the decoding helpers above into errors.
func catch(f func() *Model) (m *Model, err error) {
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(error); ok {
				err = e
				return
			}
			err = fmt.Errorf("%w: %v", errCorrupt, r)
		}
	}()
	return f(), nil
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
