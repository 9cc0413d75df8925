package segment

import (
	_ "embed"
	"strings"
	"testing"

	"github.com/dateline-news/dateline"
)

// newsText is a news report written for these tests (no third-party text):
// headings, a dateline, quotes, abbreviations, numbers, currencies, URLs.
//
//go:embed testdata/news.txt
var newsText string

func BenchmarkTokenize(b *testing.B) {
	s := New()
	dst := make([]dateline.Token, 0, 4096)
	n := 0
	b.SetBytes(int64(len(newsText)))
	for b.Loop() {
		dst = s.Tokenize(newsText, 0, dst[:0])
		n += len(dst)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkSegment measures tokens and sentences together, block by block,
// as the pass runs them.
func BenchmarkSegment(b *testing.B) {
	s := New()
	paras := Paragraphs(newsText)
	toks := make([]dateline.Token, 0, 4096)
	sents := make([]dateline.Sentence, 0, 256)
	n := 0
	b.SetBytes(int64(len(newsText)))
	for b.Loop() {
		toks, sents = toks[:0], sents[:0]
		for _, p := range paras {
			toks, sents = s.Segment(newsText[p.Start:p.End], p.Start, toks, sents)
		}
		n += len(toks)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkRun measures the pass on a whole document, with its allocations.
func BenchmarkRun(b *testing.B) {
	s := New()
	text := strings.Repeat(newsText+"\n\n", 4)
	n := 0
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		doc := &dateline.Document{Text: text}
		if err := s.Run(b.Context(), doc); err != nil {
			b.Fatal(err)
		}
		n += len(doc.Tokens)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "tokens/s")
}

func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		New()
	}
}
