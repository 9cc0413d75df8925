package claim

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dateline-news/dateline"
)

// benchDocs builds n reports of 30 sentences each from a few templates
// (no passes: words, lemmas and one duration per report).
func benchDocs(n int) []*dateline.Document {
	templates := []string{
		"The summit ended without a ceasefire agreement on Friday .",
		"Talks in the capital are taking place despite the refusals .",
		"Concrete results/result remained elusive after the talks/talk .",
		"The leaders discussed trade , energy and security for two hours .",
		"Officials said 12 people were injured in the blast .",
	}
	docs := make([]*dateline.Document, n)
	for i := range docs {
		var parts []string
		for k := range 30 {
			parts = append(parts, templates[(i+k)%len(templates)])
		}
		doc, _ := sentence(strings.Join(parts, " "))
		doc.ID = dateline.DocID(fmt.Sprintf("d%d", i))
		// One sentence per template line.
		doc.Sentences = doc.Sentences[:0]
		start := 0
		for ti, t := range doc.Tokens {
			if t.Span.In(doc.Text) == "." {
				doc.Sentences = append(doc.Sentences, dateline.Sentence{
					Span:   dateline.Span{Start: doc.Tokens[start].Start, End: t.End},
					Tokens: [2]int32{int32(start), int32(ti + 1)},
				})
				start = ti + 1
			}
		}
		docs[i] = doc
	}
	return docs
}

func BenchmarkFoldCheck(b *testing.B) {
	docs := benchDocs(100)
	facts, err := DefaultFacts()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		cs := Fold(docs, Options{})
		Check(docs, cs, facts)
	}
	b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "articles/s")
}
