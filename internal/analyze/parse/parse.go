// Package parse is the dependency parsing pass: it gives every token of
// every sentence its syntactic head and its Universal Dependencies relation,
// reading the tags the tag pass wrote.
//
// The parser is an arc-eager transition system with the root at the end
// of the buffer (Ballesteros and Nivre 2013; one root per sentence, the
// leftmost of the words left to it), scored by an averaged perceptron
// (internal/linear) over hashed Zhang and Nivre (2011) features and
// word-cluster features (Koo et al. 2008), on jackknifed (predicted) tags.
// It is greedy, trained with the dynamic oracle of Goldberg and Nivre
// (2012) and exploration, or searches a beam (beam.go), trained globally
// with max-violation updates; the model file says which, and
// Model.WithBeam changes the width. The beam can be pruned as it parses
// (Model.WithMargin, also in the file): successors scoring more than a
// margin below the best of their step are dropped, so that the search
// carries one configuration where one transition clearly wins and
// several only where the model hesitates. A second perceptron labels each arc
// when it is made: apart, once the beam has chosen the arc, or (joint
// labelling, Model.WithLabelTop, also in the file) inside the search,
// where an arc the beam could make is a successor per relation among the
// label classifier's best few, scored by the transition and the relation
// together, both classifiers trained globally on the same updates. An
// optional third perceptron (the relabeller) can name every arc again once
// the tree is finished. The model file carries the word clusters it was
// trained with, and whether the model reads sentences right to left
// (TrainOptions.Reverse). An Ensemble (ensemble.go) parses with several
// models and reparses their votes into one projective tree; the embedded
// parser is one model.
package parse

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"sync"

	"github.com/dateline-news/dateline"
)

// ModelFile is the path of the embedded model inside the package.
const ModelFile = "model/parser.bin.zst"

//go:embed model
var modelFS embed.FS

// Parser is the parse pass. It is safe for concurrent use.
type Parser struct {
	m    *Model
	e    *Ensemble // nil: m alone
	pool sync.Pool // *scratch, or *ensembleScratch with an ensemble
}

// Load reads the embedded model.
func Load() (*Parser, error) {
	b, err := modelFS.ReadFile(ModelFile)
	if err != nil {
		return nil, fmt.Errorf("parse: embedded model: %w", err)
	}
	m, err := ReadModel(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return New(m), nil
}

// New returns a parser using m.
func New(m *Model) *Parser {
	return &Parser{m: m, pool: sync.Pool{New: func() any { return m.newScratch() }}}
}

// WithEnsemble returns a parser using the ensemble e (its first model is
// the parser's Model).
func WithEnsemble(e *Ensemble) *Parser {
	return &Parser{m: e.ms[0], e: e, pool: sync.Pool{New: func() any { return e.newScratch() }}}
}

// Ensemble returns the parser's ensemble (nil: it parses with Model alone).
func (p *Parser) Ensemble() *Ensemble { return p.e }

// Model returns the parser's model.
func (p *Parser) Model() *Model { return p.m }

// Name implements analyze.Pass.
func (p *Parser) Name() string { return "parse" }

// Run parses every sentence of doc. Heads are indexes into doc.Tokens, -1
// for the root of a sentence.
func (p *Parser) Run(ctx context.Context, doc *dateline.Document) error {
	if len(doc.Sentences) == 0 {
		if len(doc.Tokens) > 0 {
			doc.Diag(p.Name(), dateline.SevWarning, dateline.Span{}, "no sentences: tokens left unparsed")
		}
		return nil
	}
	// the tree of the sentence in heads and labs, its relations' names
	var parseWords func(words, upos, xpos []string) (heads, labs []int32)
	names := p.m.labels
	if p.e != nil {
		es := p.pool.Get().(*ensembleScratch)
		defer p.pool.Put(es)
		names = p.e.labels
		parseWords = func(words, upos, xpos []string) ([]int32, []int32) {
			p.e.parseWords(es, words, upos, xpos)
			return es.heads, es.labs
		}
	} else {
		sc := p.pool.Get().(*scratch)
		defer p.pool.Put(sc)
		parseWords = func(words, upos, xpos []string) ([]int32, []int32) {
			p.m.parseWords(sc, words, upos, xpos)
			return sc.heads, sc.labs
		}
	}
	var words, upos, xpos []string
	untagged := false
	for si, s := range doc.Sentences {
		if si%64 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		lo, hi := int(s.Tokens[0]), int(s.Tokens[1])
		if lo < 0 || hi > len(doc.Tokens) || lo > hi {
			doc.Diag(p.Name(), dateline.SevError, s.Span, fmt.Sprintf("sentence token range [%d,%d) out of bounds", lo, hi))
			continue
		}
		if lo == hi {
			continue
		}
		words, upos, xpos = words[:0], upos[:0], xpos[:0]
		for i := lo; i < hi; i++ {
			t := &doc.Tokens[i]
			if t.XPOS == "" {
				untagged = true
			}
			words = append(words, t.Span.In(doc.Text))
			upos = append(upos, t.UPOS)
			xpos = append(xpos, t.XPOS)
		}
		heads, labs := parseWords(words, upos, xpos)
		for i := lo; i < hi; i++ {
			t := &doc.Tokens[i]
			if h := heads[i-lo]; h < 0 {
				t.Head = -1
			} else {
				t.Head = int32(lo) + h
			}
			t.Dep = names[labs[i-lo]]
		}
	}
	if untagged {
		doc.Diag(p.Name(), dateline.SevWarning, dateline.Span{}, "untagged tokens: parsed without their tags")
	}
	return nil
}
