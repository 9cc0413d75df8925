package quote

import (
	"context"
	"testing"

	"github.com/dateline-news/dateline/internal/repotest"
)

// BenchmarkQuote measures the quote pass alone on the example article
// analysed by the language core (segment, tag, parse, ner). Besides
// tokens/s (wall clock) it reports tokens per CPU second, the figure that
// holds on a shared machine (the pass is single-threaded; GC runs on other
// cores count too, so it is a lower bound).
func BenchmarkQuote(b *testing.B) {
	pl, qp := examplePipeline(b)
	doc := exampleDoc(b)
	if err := pl.Run(context.Background(), doc); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	b.SetBytes(int64(len(doc.Text)))
	cpu0 := repotest.CPUTime()
	for b.Loop() {
		doc.Diags = doc.Diags[:0]
		if err := qp.Run(ctx, doc); err != nil {
			b.Fatal(err)
		}
	}
	toks := float64(len(doc.Tokens)) * float64(b.N)
	b.ReportMetric(toks/b.Elapsed().Seconds(), "tokens/s")
	if cpu := (repotest.CPUTime() - cpu0).Seconds(); cpu > 0 {
		b.ReportMetric(toks/cpu, "tokens/cpu-s")
	}
}

// BenchmarkQuotePatterns measures the pass without a model.
func BenchmarkQuotePatterns(b *testing.B) {
	doc := exampleDoc(b)
	pl, _ := examplePipeline(b)
	if err := pl.Run(context.Background(), doc); err != nil {
		b.Fatal(err)
	}
	qp := New(nil)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		doc.Diags = doc.Diags[:0]
		if err := qp.Run(ctx, doc); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(doc.Tokens))*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}
