//go:build unix

package cli

import (
	"context"
	"os"
	"testing"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/analyze"
	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/repotest"
)

// benchDoc extracts the example article into a document without layers.
func benchDoc(b *testing.B) *dateline.Document {
	b.Helper()
	body, err := os.ReadFile(example)
	if err != nil {
		b.Fatal(err)
	}
	doc, err := article.Extract(&dateline.Page{Format: dateline.FormatText, Body: body, Source: dateline.SourceRef{Path: "example"}}, article.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return doc
}

// fresh returns a copy of doc with no analysis layers.
func fresh(doc *dateline.Document) *dateline.Document {
	d := *doc
	d.Sentences, d.Tokens, d.Mentions, d.Actors, d.Times, d.Quotes, d.Events, d.Diags = nil, nil, nil, nil, nil, nil, nil, nil
	return &d
}

// benchPasses measures the passes named in only (all when empty) on the
// example article, after the passes before them; it reports tokens/s.
func benchPasses(b *testing.B, from, to string) {
	pl, err := newPipeline()
	if err != nil {
		b.Fatal(err)
	}
	before, measured := splitPasses(pl.List(), from, to)
	ctx := context.Background()
	base := fresh(benchDoc(b))
	if err := analyze.New(before...).Run(ctx, base); err != nil {
		b.Fatal(err)
	}
	if len(base.Tokens) == 0 && from != "segment" {
		b.Fatal("no tokens before the measured passes")
	}
	run := analyze.New(measured...)
	tokens := 0
	cpu0 := repotest.CPUTime()
	for b.Loop() {
		d := *base
		d.Tokens = append([]dateline.Token(nil), base.Tokens...)
		if err := run.Run(ctx, &d); err != nil {
			b.Fatal(err)
		}
		tokens += len(d.Tokens)
	}
	b.ReportMetric(float64(tokens)/b.Elapsed().Seconds(), "tokens/s")
	// On a shared machine wall time says little; CPU time is the steadier
	// figure (one goroutine does the work, so CPU seconds ≈ one core's).
	b.ReportMetric(float64(tokens)/(repotest.CPUTime()-cpu0).Seconds(), "tokens/cpu-s")
}

// The language core: tokens and sentences, then tag + parse + NER.
// go test ./internal/cli -run '^$' -bench 'Segment|LanguageCore|AllPasses' -cpu 1
func BenchmarkSegment(b *testing.B)      { benchPasses(b, "segment", "segment") }
func BenchmarkLanguageCore(b *testing.B) { benchPasses(b, "tag", "ner") }
func BenchmarkAllPasses(b *testing.B)    { benchPasses(b, "segment", "event") }

// BenchmarkCoreFromText is tokens, sentences, tags, parse and entities from
// the text: what bench/compare.sh sets beside wink-nlp's pipeline.
func BenchmarkCoreFromText(b *testing.B) { benchPasses(b, "segment", "ner") }

// BenchmarkLoadModels measures decoding every embedded model (in parallel).
func BenchmarkLoadModels(b *testing.B) {
	cpu0 := repotest.CPUTime()
	for b.Loop() {
		if _, err := newPipeline(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64((repotest.CPUTime()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
}

func BenchmarkPassTag(b *testing.B)   { benchPasses(b, "tag", "tag") }
func BenchmarkPassParse(b *testing.B) { benchPasses(b, "parse", "parse") }
func BenchmarkPassNER(b *testing.B)   { benchPasses(b, "ner", "ner") }

// splitPasses splits passes into those run before the measured ones (up to
// the pass named from) and the measured ones (from through to).
func splitPasses(passes []analyze.Pass, from, to string) (before, measured []analyze.Pass) {
	in := false
	for _, p := range passes {
		if p.Name() == from {
			in = true
		}
		if in {
			measured = append(measured, p)
		} else {
			before = append(before, p)
		}
		if p.Name() == to {
			break
		}
	}
	return before, measured
}
