package event_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/analyze/actor"
	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/repotest"
	"github.com/dateline-news/dateline/internal/resolve"
)

// benchDoc returns the example article after the language core (segment,
// tag, parse, ner, timex; no actors yet).
func benchDoc(b *testing.B) (*pipeline, *dateline.Document) {
	root := repotest.Root(b)
	text, err := os.ReadFile(filepath.Join(root, "testdata", "examples", "alaska-summit.txt"))
	if err != nil {
		b.Skipf("example article: %v", err)
	}
	p := newPipeline(b)
	doc, err := article.Extract(&dateline.Page{Body: text, Format: dateline.FormatText}, article.Options{})
	if err != nil {
		b.Fatal(err)
	}
	doc.Published = time.Date(2025, 8, 15, 0, 0, 0, 0, time.UTC)
	for _, ps := range p.passes {
		if _, isActor := ps.(*actor.Pass); isActor {
			continue
		}
		if err := ps.Run(context.Background(), doc); err != nil {
			b.Fatal(err)
		}
	}
	return p, doc
}

// fresh copies the layers the actor and event passes write.
func fresh(base *dateline.Document) *dateline.Document {
	d := *base
	d.Mentions = slices.Clone(base.Mentions)
	d.Actors, d.Events, d.Diags = nil, nil, nil
	return &d
}

// BenchmarkActorsEvents measures the actor and event passes together on
// top of the language core: the speed target of issue 6.
func BenchmarkActorsEvents(b *testing.B) {
	p, base := benchDoc(b)
	kb, err := resolve.Load()
	if err != nil {
		b.Skip(err)
	}
	ap := actor.New(kb)
	ctx := context.Background()
	tokens := 0
	for b.Loop() {
		doc := fresh(base)
		if err := ap.Run(ctx, doc); err != nil {
			b.Fatal(err)
		}
		if err := p.coder.Run(ctx, doc); err != nil {
			b.Fatal(err)
		}
		tokens += len(doc.Tokens)
	}
	b.ReportMetric(float64(tokens)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkEvents measures the event pass alone.
func BenchmarkEvents(b *testing.B) {
	p, base := benchDoc(b)
	kb, err := resolve.Load()
	if err != nil {
		b.Skip(err)
	}
	doc := fresh(base)
	if err := actor.New(kb).Run(context.Background(), doc); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	tokens := 0
	for b.Loop() {
		if err := p.coder.Run(ctx, doc); err != nil {
			b.Fatal(err)
		}
		tokens += len(doc.Tokens)
	}
	b.ReportMetric(float64(tokens)/b.Elapsed().Seconds(), "tokens/s")
}
