package eval

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/analyze/ner"
)

// NERCounts accumulates conlleval's entity counts: an entity is correct
// only when its span and type both match.
type NERCounts struct {
	Gold, Predicted, Correct int
	PerType                  map[string]*[3]int // gold, predicted, correct
	Tokens, Sentences, Docs  int
}

// NERTypeScore is the score of one entity type.
type NERTypeScore struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Gold      int     `json:"gold"`
	Predicted int     `json:"predicted"`
	Correct   int     `json:"correct"`
}

// NERMetrics is what `dateline eval ner` prints.
type NERMetrics struct {
	Precision    float64                 `json:"precision"`
	Recall       float64                 `json:"recall"`
	F1           float64                 `json:"f1"`
	PerType      map[string]NERTypeScore `json:"per_type"`
	Gold         int                     `json:"gold"`
	Predicted    int                     `json:"predicted"`
	Correct      int                     `json:"correct"`
	Docs         int                     `json:"docs"`
	Sentences    int                     `json:"sentences"`
	Tokens       int                     `json:"tokens"`
	Seconds      float64                 `json:"seconds"`
	TokensPerSec float64                 `json:"tokens_per_sec"`
}

// AddSentence scores one sentence's predicted tags against the gold ones
// (IOB1, IOB2 or BILOU; read with conlleval's chunk rules).
func (c *NERCounts) AddSentence(gold, pred []string) {
	if c.PerType == nil {
		c.PerType = map[string]*[3]int{}
	}
	c.Sentences++
	c.Tokens += len(gold)
	get := func(t string) *[3]int {
		v := c.PerType[t]
		if v == nil {
			v = new([3]int)
			c.PerType[t] = v
		}
		return v
	}
	g, p := ner.Chunks(gold), ner.Chunks(pred)
	set := make(map[ner.Chunk]bool, len(g))
	for _, ch := range g {
		set[ch] = true
		get(ch.Type)[0]++
	}
	c.Gold += len(g)
	c.Predicted += len(p)
	for _, ch := range p {
		get(ch.Type)[1]++
		if set[ch] {
			c.Correct++
			get(ch.Type)[2]++
		}
	}
}

func prf(gold, pred, correct int) (p, r, f float64) {
	if pred > 0 {
		p = float64(correct) / float64(pred)
	}
	if gold > 0 {
		r = float64(correct) / float64(gold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// Metrics returns precision, recall and F1 overall and per type.
func (c *NERCounts) Metrics() NERMetrics {
	m := NERMetrics{Gold: c.Gold, Predicted: c.Predicted, Correct: c.Correct,
		Docs: c.Docs, Sentences: c.Sentences, Tokens: c.Tokens, PerType: map[string]NERTypeScore{}}
	m.Precision, m.Recall, m.F1 = prf(c.Gold, c.Predicted, c.Correct)
	for t, v := range c.PerType {
		p, r, f := prf(v[0], v[1], v[2])
		m.PerType[t] = NERTypeScore{Precision: p, Recall: r, F1: f, Gold: v[0], Predicted: v[1], Correct: v[2]}
	}
	return m
}

// NERDocument builds the Document the pass sees for one CoNLL document:
// the tokens joined by spaces, one sentence per line.
func NERDocument(d *ner.CoNLLDoc) *dateline.Document {
	var b strings.Builder
	doc := &dateline.Document{}
	for si, s := range d.Sentences {
		if si > 0 {
			b.WriteByte('\n')
		}
		first := int32(len(doc.Tokens))
		start := int32(b.Len())
		for i, w := range s.Words {
			if i > 0 {
				b.WriteByte(' ')
			}
			ts := int32(b.Len())
			b.WriteString(w)
			doc.Tokens = append(doc.Tokens, dateline.Token{Span: dateline.Span{Start: ts, End: int32(b.Len())}, Head: -1})
		}
		doc.Sentences = append(doc.Sentences, dateline.Sentence{
			Span:   dateline.Span{Start: start, End: int32(b.Len())},
			Tokens: [2]int32{first, int32(len(doc.Tokens))},
		})
	}
	doc.Text = b.String()
	doc.Blocks = []dateline.Block{{Span: dateline.Span{End: int32(len(doc.Text))}, Kind: dateline.BlockParagraph}}
	return doc
}

// NERTags maps the document's mentions back to IOB2 tags per sentence,
// with fine types folded to CoNLL's four.
func NERTags(doc *dateline.Document) [][]string {
	out := make([][]string, len(doc.Sentences))
	tokAt := make(map[int32]int, len(doc.Tokens))
	for i, t := range doc.Tokens {
		tokAt[t.Start] = i
	}
	endAt := make(map[int32]int, len(doc.Tokens))
	for i, t := range doc.Tokens {
		endAt[t.End] = i
	}
	sentOf := make([]int, len(doc.Tokens))
	for si, s := range doc.Sentences {
		n := int(s.Tokens[1] - s.Tokens[0])
		out[si] = make([]string, n)
		for i := range out[si] {
			out[si][i] = "O"
		}
		for i := s.Tokens[0]; i < s.Tokens[1]; i++ {
			sentOf[i] = si
		}
	}
	for _, m := range doc.Mentions {
		a, ok1 := tokAt[m.Start]
		z, ok2 := endAt[m.End]
		if !ok1 || !ok2 || z < a || sentOf[a] != sentOf[z] {
			continue
		}
		typ := ner.CoNLLType(m.Type)
		s := doc.Sentences[sentOf[a]]
		base := int(s.Tokens[0])
		out[sentOf[a]][a-base] = "B-" + typ
		for i := a + 1; i <= z; i++ {
			out[sentOf[a]][i-base] = "I-" + typ
		}
	}
	return out
}

// NERPass is the pass under evaluation (a *ner.Recognizer).
type NERPass interface {
	Run(ctx context.Context, doc *dateline.Document) error
}

// NEREvaluate runs rec over every document, scores it, and, when pred is
// not nil, writes the input lines with the predicted tag appended.
func NEREvaluate(ctx context.Context, rec NERPass, docs []ner.CoNLLDoc, pred io.Writer) (NERMetrics, error) {
	var c NERCounts
	var bw *bufio.Writer
	if pred != nil {
		bw = bufio.NewWriter(pred)
	}
	var elapsed time.Duration
	for k := range docs {
		if err := ctx.Err(); err != nil {
			return NERMetrics{}, err
		}
		d := &docs[k]
		doc := NERDocument(d)
		start := time.Now()
		if err := rec.Run(ctx, doc); err != nil {
			return NERMetrics{}, fmt.Errorf("document %d: %w", k+1, err)
		}
		elapsed += time.Since(start)
		tags := NERTags(doc)
		c.Docs++
		if bw != nil && d.Line > 0 {
			fmt.Fprint(bw, "-DOCSTART- -X- -X- O O\n\n")
		}
		for si, s := range d.Sentences {
			c.AddSentence(s.Tags, tags[si])
			if bw != nil {
				for i, line := range s.Lines {
					fmt.Fprintf(bw, "%s %s\n", line, tags[si][i])
				}
				bw.WriteByte('\n')
			}
		}
	}
	m := c.Metrics()
	m.Seconds = elapsed.Seconds()
	if m.Seconds > 0 {
		m.TokensPerSec = float64(m.Tokens) / m.Seconds
	}
	if bw != nil {
		if err := bw.Flush(); err != nil {
			return m, err
		}
	}
	return m, nil
}
