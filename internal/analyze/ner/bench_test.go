package ner

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/dateline-news/dateline/internal/repotest"
)

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRecognize runs the pass over the example article.
func BenchmarkRecognize(b *testing.B) {
	r := recognizer(b)
	text, err := os.ReadFile(filepath.Join(repotest.Root(b), "testdata", "examples", "alaska-summit.txt"))
	if err != nil {
		b.Fatal(err)
	}
	doc := testDoc(string(text))
	ctx := context.Background()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		d := *doc
		d.Mentions = nil
		d.Diags = nil
		if err := r.Run(ctx, &d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(doc.Tokens)*b.N)/b.Elapsed().Seconds(), "tokens/s")
}
