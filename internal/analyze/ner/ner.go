// Package ner is the named-entity pass: it finds names of people,
// organisations, places, nationalities and events in a document's tokens
// and writes them to Document.Mentions.
//
// The model is a two-stage structured perceptron over BILOU labels with
// Viterbi decoding, trained on CoNLL-2003 (PER, ORG, LOC, MISC). Its
// features are the word and its neighbours, shapes, affixes, word clusters
// computed from word vectors, gazetteer matches, and document-level
// evidence: how the same word is written elsewhere in the document
// (a word seen lower-case mid-sentence is probably not a name), and, in the
// second stage, how the first stage labelled its other occurrences.
// Capitalisation is not trusted in all-caps and title-case headings.
//
// Finer types come from the gazetteers and context: a LOC that is a
// country, state or city is a GPE; a MISC nationality or demonym is NORP; a
// MISC with a war or event word is an EVENT.
package ner

import (
	"context"
	"embed"
	"fmt"
	"runtime"
	"slices"
	"strings"

	"github.com/dateline-news/dateline"
)

//go:embed model
var modelFS embed.FS

// ModelFile is the name of the embedded model file under model/.
const ModelFile = "ner.model.zst"

// Recognizer is the NER pass. It is safe for concurrent use.
type Recognizer struct {
	m *Model
	// free holds the scratch of the calls that ended, up to one per
	// processor, with their type caches: unlike a sync.Pool it keeps them
	// across garbage collections, so that the frequent words of the next
	// document are found summed.
	free chan *scratch
}

// Load reads the embedded model.
func Load() (*Recognizer, error) {
	b, err := modelFS.ReadFile("model/" + ModelFile)
	if err != nil {
		return nil, fmt.Errorf("ner: no embedded model (run 'dateline train ner'): %w", err)
	}
	m, err := readModelBytes(b)
	if err != nil {
		return nil, err
	}
	return New(m), nil
}

// New returns a recogniser using m.
func New(m *Model) *Recognizer {
	return &Recognizer{m: m, free: make(chan *scratch, runtime.GOMAXPROCS(0))}
}

// scratch returns a scratch for one call; done gives it back.
func (r *Recognizer) scratch() *scratch {
	select {
	case sc := <-r.free:
		return sc
	default:
		return new(scratch)
	}
}

func (r *Recognizer) done(sc *scratch) {
	select {
	case r.free <- sc:
	default:
	}
}

// Name is the pass name.
func (r *Recognizer) Name() string { return "ner" }

// Run writes doc.Mentions from doc.Tokens and doc.Sentences.
func (r *Recognizer) Run(ctx context.Context, doc *dateline.Document) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	doc.Mentions = doc.Mentions[:0]
	if len(doc.Tokens) == 0 {
		if strings.TrimSpace(doc.Text) != "" {
			doc.Diag("ner", dateline.SevWarning, dateline.Span{End: int32(len(doc.Text))}, "no tokens: run the segment pass first")
		}
		return nil
	}
	sents := doc.Sentences
	if len(sents) == 0 {
		doc.Diag("ner", dateline.SevWarning, dateline.Span{End: int32(len(doc.Text))}, "no sentences: the tokens are read as one sentence")
		sents = []dateline.Sentence{{Span: dateline.Span{End: int32(len(doc.Text))}, Tokens: [2]int32{0, int32(len(doc.Tokens))}}}
	}
	words := make([][]string, 0, len(sents))
	heads := make([]bool, 0, len(sents))
	ranges := make([][2]int, 0, len(sents))
	for _, s := range sents {
		lo, hi := int(s.Tokens[0]), int(s.Tokens[1])
		if lo < 0 || hi > len(doc.Tokens) || lo >= hi {
			if lo != hi {
				doc.Diag("ner", dateline.SevWarning, s.Span, "sentence token range out of bounds; skipped")
			}
			continue
		}
		ws := make([]string, 0, hi-lo)
		ok := true
		for _, t := range doc.Tokens[lo:hi] {
			if !t.Span.Valid(len(doc.Text)) || t.Start == t.End {
				ok = false
				break
			}
			ws = append(ws, doc.Text[t.Start:t.End])
		}
		if !ok {
			doc.Diag("ner", dateline.SevWarning, s.Span, "token span out of bounds; sentence skipped")
			continue
		}
		words = append(words, ws)
		heads = append(heads, inHeading(doc.Blocks, s.Span))
		ranges = append(ranges, [2]int{lo, hi})
	}
	sc := r.scratch()
	d := r.m.docState(words, heads, sc)
	labels := r.m.predict(d, sc)
	r.done(sc)
	for si, s := range d.sents {
		base := ranges[si][0]
		for _, c := range labelsToChunks(labels[s[0]:s[1]]) {
			first, last := doc.Tokens[base+c.Start], doc.Tokens[base+c.End-1]
			lower := make([]string, 0, c.End-c.Start)
			for i := s[0] + c.Start; i < s[0]+c.End; i++ {
				lower = append(lower, d.toks[i].lower)
			}
			doc.Mentions = append(doc.Mentions, dateline.Mention{
				Span:  dateline.Span{Start: first.Start, End: last.End},
				Type:  r.m.fineType(c.Type, lower),
				Actor: -1,
			})
		}
	}
	doc.Mentions = sortedDisjoint(doc.Mentions)
	return nil
}

// sortedDisjoint sorts mentions by start and drops any that overlaps an
// earlier one (possible only when the sentences given overlap).
func sortedDisjoint(ms []dateline.Mention) []dateline.Mention {
	if slices.IsSortedFunc(ms, cmpMention) {
		ok := true
		for i := 1; i < len(ms); i++ {
			if ms[i].Start < ms[i-1].End {
				ok = false
				break
			}
		}
		if ok {
			return ms
		}
	}
	slices.SortStableFunc(ms, cmpMention)
	out := ms[:0]
	for _, m := range ms {
		if len(out) > 0 && m.Start < out[len(out)-1].End {
			continue
		}
		out = append(out, m)
	}
	return out
}

func cmpMention(a, b dateline.Mention) int { return int(a.Start) - int(b.Start) }

// inHeading reports whether the sentence is a heading or title block, or a
// block on its own (a line such as "International Implications").
func inHeading(blocks []dateline.Block, s dateline.Span) bool {
	for _, b := range blocks {
		if b.Span.Contains(s) {
			return b.Kind == dateline.BlockHeading || b.Kind == dateline.BlockTitle || b.Span == s
		}
	}
	return false
}

// FineType maps a CoNLL type and the entity's words to the finer type
// set: PER → PERSON (EVENT for a named storm); LOC → GPE when a country, state or city; MISC → NORP
// for a nationality or group adjective, EVENT with an event word.
func (m *Model) fineType(conll string, lower []string) string {
	switch conll {
	case CoNLLPer:
		if len(lower) > 1 && stormWord(lower[0]) {
			return dateline.EntEvent // Hurricane Milton
		}
		return dateline.EntPerson
	case CoNLLOrg:
		return dateline.EntOrg
	case CoNLLLoc:
		if m.gaz.has(lower, gazCountry) || m.gaz.has(lower, gazState) || m.gaz.has(lower, gazCity) {
			return dateline.EntGPE
		}
		return dateline.EntLoc
	case CoNLLMisc:
		if m.gaz.has(lower, gazDemonym) {
			return dateline.EntNORP
		}
		for i := range lower {
			if m.gaz.has(lower[i:], gazEvent) || m.gaz.has(lower[i:i+1], gazEvent) {
				return dateline.EntEvent
			}
		}
		return dateline.EntMisc
	}
	return dateline.EntMisc
}

// stormWord reports a word that names a storm after a person.
func stormWord(w string) bool {
	switch w {
	case "hurricane", "typhoon", "cyclone", "storm", "tropical":
		return true
	}
	return false
}

// CoNLLType maps a fine type back to CoNLL's four for evaluation.
func CoNLLType(fine string) string {
	switch fine {
	case dateline.EntPerson:
		return CoNLLPer
	case dateline.EntOrg:
		return CoNLLOrg
	case dateline.EntGPE, dateline.EntLoc:
		return CoNLLLoc
	}
	return CoNLLMisc
}

// Tag labels pre-tokenised sentences of one document with CoNLL IOB2 tags.
// It is the evaluation entry point: gold tokens, no Document.
func (r *Recognizer) Tag(sents [][]string) [][]string {
	sc := r.scratch()
	d := r.m.docState(sents, nil, sc)
	labels := r.m.predict(d, sc)
	r.done(sc)
	out := make([][]string, len(sents))
	for si, s := range d.sents {
		out[si] = IOB2(labelsToChunks(labels[s[0]:s[1]]), s[1]-s[0])
	}
	return out
}
