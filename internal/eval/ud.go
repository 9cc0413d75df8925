package eval

import (
	"context"
	"strings"
	"time"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/analyze"
	"github.com/dateline-news/dateline/internal/conllu"
)

// UDMetrics are the scores of `dateline eval ud`: tagging and attachment
// accuracy on gold tokens, punctuation included. LAS compares the universal
// part of the relation (CoNLL 2018); LASFull whole relations.
type UDMetrics struct {
	UPOS         float64 `json:"upos"`
	XPOS         float64 `json:"xpos"`
	Lemma        float64 `json:"lemma"`
	UAS          float64 `json:"uas"`
	LAS          float64 `json:"las"`
	LASFull      float64 `json:"las_full"`
	Tokens       int     `json:"tokens"`
	Sentences    int     `json:"sentences"`
	TokensPerSec float64 `json:"tokens_per_sec"`
}

// UDDocument builds a document from the words of gold sentences: the words
// of a multiword token are written without a space between them, other
// words are followed by a space unless SpaceAfter=No, sentences end with a
// newline. Every word is one token; every sentence one Sentence.
func UDDocument(sents []conllu.Sentence) *dateline.Document {
	var b strings.Builder
	doc := &dateline.Document{}
	for _, s := range sents {
		start := int32(b.Len())
		first := int32(len(doc.Tokens))
		s.Surface(func(_ string, lo, hi int, space bool) {
			for i := lo; i < hi; i++ {
				t0 := int32(b.Len())
				b.WriteString(s.Tokens[i].Form)
				doc.Tokens = append(doc.Tokens, dateline.Token{Span: dateline.Span{Start: t0, End: int32(b.Len())}, Head: -1})
			}
			if space && hi < len(s.Tokens) {
				b.WriteByte(' ')
			}
		})
		doc.Sentences = append(doc.Sentences, dateline.Sentence{
			Span:   dateline.Span{Start: start, End: int32(b.Len())},
			Tokens: [2]int32{first, int32(len(doc.Tokens))},
		})
		b.WriteByte('\n')
	}
	doc.Text = b.String()
	doc.Blocks = []dateline.Block{{Span: dateline.Span{Start: 0, End: int32(len(doc.Text))}, Kind: dateline.BlockParagraph}}
	doc.ID = dateline.NewDocID("", doc.Text)
	return doc
}

// UDPredictions copies the gold sentences with the document's predicted
// UPOS, XPOS, lemma, features, head and relation (DEPS cleared).
func UDPredictions(doc *dateline.Document, gold []conllu.Sentence) []conllu.Sentence {
	out := make([]conllu.Sentence, len(gold))
	for si, s := range gold {
		lo := int(doc.Sentences[si].Tokens[0])
		p := s
		p.Tokens = make([]conllu.Token, len(s.Tokens))
		for i, t := range s.Tokens {
			dt := doc.Tokens[lo+i]
			t.UPOS, t.XPOS, t.Lemma, t.Feats, t.Deprel, t.Deps = dt.UPOS, dt.XPOS, dt.Lemma, dt.Feats, dt.Dep, ""
			if dt.Head < 0 {
				t.Head = 0
			} else {
				t.Head = int(dt.Head) - lo + 1
			}
			p.Tokens[i] = t
		}
		out[si] = p
	}
	return out
}

// UDScore compares predicted sentences with gold ones word by word; the two
// must have the same words.
func UDScore(gold, pred []conllu.Sentence) UDMetrics {
	var m UDMetrics
	var upos, xpos, lemma, uas, las, full int
	for si := range min(len(gold), len(pred)) {
		g, p := gold[si].Tokens, pred[si].Tokens
		m.Sentences++
		for i := range min(len(g), len(p)) {
			m.Tokens++
			if g[i].UPOS == p[i].UPOS {
				upos++
			}
			if g[i].XPOS == p[i].XPOS {
				xpos++
			}
			if g[i].Lemma == p[i].Lemma {
				lemma++
			}
			if g[i].Head != p[i].Head {
				continue
			}
			uas++
			if g[i].Deprel == p[i].Deprel {
				full++
			}
			if udUniversal(g[i].Deprel) == udUniversal(p[i].Deprel) {
				las++
			}
		}
	}
	if m.Tokens > 0 {
		n := float64(m.Tokens)
		m.UPOS, m.XPOS, m.Lemma = float64(upos)/n, float64(xpos)/n, float64(lemma)/n
		m.UAS, m.LAS, m.LASFull = float64(uas)/n, float64(las)/n, float64(full)/n
	}
	return m
}

func udUniversal(rel string) string {
	u, _, _ := strings.Cut(rel, ":")
	return u
}

// UDEvaluate runs the passes (a tagger and a parser) over the gold words and
// scores them; TokensPerSec is measured over the passes alone.
func UDEvaluate(ctx context.Context, gold []conllu.Sentence, passes ...analyze.Pass) (UDMetrics, []conllu.Sentence, error) {
	doc := UDDocument(gold)
	p := analyze.New(passes...)
	start := time.Now()
	if err := p.Run(ctx, doc); err != nil {
		return UDMetrics{}, nil, err
	}
	el := time.Since(start).Seconds()
	pred := UDPredictions(doc, gold)
	m := UDScore(gold, pred)
	if el > 0 {
		m.TokensPerSec = float64(len(doc.Tokens)) / el
	}
	return m, pred, nil
}
