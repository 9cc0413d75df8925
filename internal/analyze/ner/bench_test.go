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

// BenchmarkStream labels the documents of CoNLL++ dev one after another,
// each pass with a new recogniser: the type caches carry from one
// document to the next, never from one pass to the next, as for a stream
// of news that does not repeat.
func BenchmarkStream(b *testing.B) {
	m := recognizer(b).m
	f, err := os.Open(repotest.SharedData(b, "conll2003", "conllpp_dev.txt"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	cdocs, _, err := ReadCoNLL(f)
	if err != nil {
		b.Fatal(err)
	}
	var docs [][][]string
	tokens := 0
	for _, d := range cdocs {
		var sents [][]string
		for _, s := range d.Sentences {
			sents = append(sents, s.Words)
		}
		docs = append(docs, sents)
		tokens += d.Tokens()
	}
	n := 0
	for b.Loop() {
		r := New(m)
		for _, d := range docs {
			r.Tag(d)
		}
		n++
	}
	b.ReportMetric(float64(n*tokens)/b.Elapsed().Seconds(), "tokens/s")
}
