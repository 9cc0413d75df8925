package actor_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/dateline-news/dateline/internal/analyze/actor"
	"github.com/dateline-news/dateline/internal/repotest"
)

// BenchmarkExample runs the pass over the example article (language core
// run once beforehand) and reports tokens/s.
func BenchmarkExample(b *testing.B) {
	text, err := os.ReadFile(filepath.Join(repotest.Root(b), "testdata", "examples", "alaska-summit.txt"))
	if err != nil {
		b.Fatal(err)
	}
	doc := core(b, string(text), time.Date(2025, 8, 15, 0, 0, 0, 0, time.UTC))
	mentions := slices.Clone(doc.Mentions)
	p := actor.New(kb(b))
	ctx := context.Background()
	b.SetBytes(int64(len(doc.Text)))
	b.ReportAllocs()
	for b.Loop() {
		doc.Mentions = append(doc.Mentions[:0], mentions...)
		doc.Actors = nil
		if err := p.Run(ctx, doc); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)*float64(len(doc.Tokens))/b.Elapsed().Seconds(), "tokens/s")
}
