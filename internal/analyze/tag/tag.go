// Package tag is the part-of-speech pass: it gives every token of every
// sentence its universal tag (UPOS), its Penn Treebank tag (XPOS), its lemma
// and its morphological features.
//
// The tagger is a greedy left-to-right averaged perceptron over hashed
// features (the word, its prefixes of 1-4 and suffixes of 1-5 bytes, its
// shape, the two tags before it, the words, ambiguity classes and word
// clusters around it, and for a capitalised word the ambiguity class of its
// lowercased form) predicting UPOS and XPOS jointly as one class; the model
// file carries its word clusters. Frequent unambiguous words are tagged
// from the lexicon. A second pass, trained on jackknifed first-pass tags,
// tags again the words the first pass was unsure of, seeing the first
// pass's tags of the words after them. Lemmas and features come from the training lexicon for known
// (form, tag) pairs and from suffix rewrite rules learned per tag otherwise.
package tag

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"runtime"

	"github.com/dateline-news/dateline"
)

// ModelFile is the path of the embedded model inside the package (and
// relative to the package directory in the repository).
const ModelFile = "model/tagger.bin.zst"

//go:embed model
var modelFS embed.FS

// Tagger is the tag pass. It is safe for concurrent use.
type Tagger struct {
	m *Model
	// free holds the scratch of the calls that ended, up to one per
	// processor, with their word caches: unlike a sync.Pool it keeps them
	// across garbage collections, so that the frequent words of the next
	// document are found analysed and summed.
	free chan *scratch
}

// Load reads the embedded model.
func Load() (*Tagger, error) {
	b, err := modelFS.ReadFile(ModelFile)
	if err != nil {
		return nil, fmt.Errorf("tag: embedded model: %w", err)
	}
	m, err := ReadModel(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return New(m), nil
}

// New returns a tagger using m.
func New(m *Model) *Tagger {
	return &Tagger{m: m, free: make(chan *scratch, runtime.GOMAXPROCS(0))}
}

// Model returns the tagger's model.
func (t *Tagger) Model() *Model { return t.m }

// Name implements analyze.Pass.
func (t *Tagger) Name() string { return "tag" }

// Run tags the tokens of every sentence of doc.
func (t *Tagger) Run(ctx context.Context, doc *dateline.Document) error {
	if len(doc.Sentences) == 0 {
		if len(doc.Tokens) > 0 {
			doc.Diag(t.Name(), dateline.SevWarning, dateline.Span{}, "no sentences: tokens left untagged")
		}
		return nil
	}
	var sc *scratch
	select {
	case sc = <-t.free:
	default:
		sc = new(scratch)
	}
	defer func() {
		select {
		case t.free <- sc:
		default:
		}
	}()
	var words []string
	var out []Tagged
	for si, s := range doc.Sentences {
		if si%64 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		lo, hi := int(s.Tokens[0]), int(s.Tokens[1])
		if lo < 0 || hi > len(doc.Tokens) || lo > hi {
			doc.Diag(t.Name(), dateline.SevError, s.Span, fmt.Sprintf("sentence token range [%d,%d) out of bounds", lo, hi))
			continue
		}
		words = words[:0]
		for i := lo; i < hi; i++ {
			w := doc.Tokens[i].Span.In(doc.Text)
			if w == "" {
				w = "_"
			}
			words = append(words, w)
		}
		out = t.m.tag(words, out[:0], sc)
		for i, o := range out {
			tok := &doc.Tokens[lo+i]
			tok.UPOS, tok.XPOS, tok.Lemma, tok.Feats = o.UPOS, o.XPOS, o.Lemma, o.Feats
		}
	}
	return nil
}
