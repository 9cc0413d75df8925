// Package pipelinetest builds the whole analysis pipeline for end-to-end
// tests of the packages that consume analysed documents (claim, timeline),
// which may not import the passes themselves outside their tests.
package pipelinetest

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/analyze"
	"github.com/dateline-news/dateline/internal/analyze/actor"
	"github.com/dateline-news/dateline/internal/analyze/event"
	"github.com/dateline-news/dateline/internal/analyze/ner"
	depparse "github.com/dateline-news/dateline/internal/analyze/parse"
	"github.com/dateline-news/dateline/internal/analyze/quote"
	"github.com/dateline-news/dateline/internal/analyze/segment"
	"github.com/dateline-news/dateline/internal/analyze/tag"
	"github.com/dateline-news/dateline/internal/analyze/timex"
	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/intake"
	"github.com/dateline-news/dateline/internal/resolve"
)

// Cache is the analysis pipeline of end-to-end tests, built once: the
// models take seconds to decode. Declare one as a variable of a _test.go
// file. Passes whose model is missing are left out, and the tests that ask
// for the pipeline then skip.
type Cache struct {
	once    sync.Once
	p       *analyze.Pipeline
	err     error
	missing []string // passes left out for want of their model
}

// Pipeline returns every pass, in the order of the product's pipeline.
func (tp *Cache) Pipeline(t testing.TB) *analyze.Pipeline {
	t.Helper()
	tp.once.Do(func() {
		passes := []analyze.Pass{segment.New()}
		if tg, err := tag.Load(); err == nil {
			passes = append(passes, tg)
		} else {
			tp.missing = append(tp.missing, "tag")
		}
		if ps, err := depparse.Load(); err == nil {
			passes = append(passes, ps)
		} else {
			tp.missing = append(tp.missing, "parse")
		}
		if rec, err := ner.Load(); err == nil {
			passes = append(passes, rec)
		} else {
			tp.missing = append(tp.missing, "ner")
		}
		kb, err := resolve.Load()
		if err != nil {
			tp.err = err
			return
		}
		passes = append(passes, actor.New(kb), timex.New())
		qp, err := quote.Load()
		if err != nil {
			qp = quote.New(nil) // patterns only
		}
		passes = append(passes, qp)
		if ev, err := event.Load(kb); err == nil {
			passes = append(passes, ev)
		} else {
			tp.missing = append(tp.missing, "event")
		}
		tp.p = analyze.New(passes...)
	})
	if tp.err != nil {
		t.Skipf("pipeline: %v", tp.err)
	}
	if len(tp.missing) > 0 {
		// The rules read lemmas, the parse and the events: without them
		// the end-to-end expectations do not apply.
		t.Skipf("passes without a model: %v", tp.missing)
	}
	return tp.p
}

// RepoRoot walks up from the working directory to the directory with go.mod.
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the package")
		}
		dir = parent
	}
}

// AnalyseFile reads a plain-text report of the repository's testdata and
// runs the passes over it, published at pub (YYYY-MM-DD).
func (tp *Cache) AnalyseFile(t testing.TB, rel, pub string) *dateline.Document {
	t.Helper()
	p := tp.Pipeline(t)
	path := filepath.Join(RepoRoot(t), filepath.FromSlash(rel))
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	when, err := time.Parse(time.DateOnly, pub)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for page, err := range intake.Read(ctx, filepath.Base(path), bytes.NewReader(src), intake.Options{Format: "text"}) {
		if err != nil {
			t.Fatal(err)
		}
		doc, err := article.Extract(page, article.Options{Published: when})
		if err != nil {
			t.Fatal(err)
		}
		if doc.ID == "" {
			doc.ID = dateline.NewDocID(rel, doc.Text)
		}
		if err := p.Run(ctx, doc); err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
		return doc
	}
	t.Fatalf("%s: no page", rel)
	return nil
}
