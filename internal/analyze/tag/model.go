package tag

import (
	"fmt"
	"io"
	"strings"

	"github.com/dateline-news/dateline/internal/linear"
)

// The header of a model file names the format and the feature set:
// "dateline-tag V\n" with V one digit, the version. Models of version 3
// use the templates of features without those of version 4 (extTemplates),
// which the models trained now use; other versions are not readable.
const (
	magicPrefix   = "dateline-tag "
	oldVersion    = 3
	latestVersion = 4
)

// Model is a trained tagger: joint UPOS+XPOS classes, a lexicon of the
// training words, lemma rules, and perceptron weights. It is read-only and
// safe for concurrent use.
type Model struct {
	version   int      // of the feature set: oldVersion or latestVersion
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

// WriteTo writes the model, compressed (linear.Pack).
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	zw := linear.Pack(cw)
	e := linear.NewEncoder(zw)
	e.Raw(fmt.Sprintf("%s%d\n", magicPrefix, m.version))
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
	raw, err := linear.Unpack(r)
	if err != nil {
		return nil, fmt.Errorf("tag model: %w", err)
	}
	m, err := readModel(linear.DecoderOf(raw))
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
	d.Expect(magicPrefix)
	// The version digit, read as a one-byte uvarint.
	v := int(d.Uvarint()) - '0'
	d.Expect("\n")
	if d.Err() == nil && v != oldVersion && v != latestVersion {
		d.Fail("feature set version %d, want %d or %d", v, oldVersion, latestVersion)
	}
	m := &Model{version: v}
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
