// Package worker runs the per-document path: page -> article -> analysis
// passes, in parallel across cores, and hands finished documents on in input
// order. A failing page becomes a rejection with its reason; it never stops
// the batch.
package worker

import (
	"context"
	"fmt"
	"iter"
	"runtime"
	"sync"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/analyze"
)

// Extractor turns a page into a document (article.Extract with options).
type Extractor func(*dateline.Page) (*dateline.Document, error)

// Config wires the stages.
type Config struct {
	Extract  Extractor
	Pipeline *analyze.Pipeline // nil: no analysis passes
	Workers  int               // 0: runtime.GOMAXPROCS(0)
}

// Result is one input item, done: a document, or the reason it was rejected.
type Result struct {
	Seq   int                // position in the input stream
	Input string             // what it was: path, URL, feed item
	Doc   *dateline.Document // nil when rejected
	Err   error              // why it was rejected
}

// Run processes pages and calls sink with every result in input order. It
// stops early only when ctx is done or sink returns an error.
func Run(ctx context.Context, pages iter.Seq2[*dateline.Page, error], cfg Config, sink func(Result) error) error {
	workers := cfg.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type job struct {
		seq  int
		page *dateline.Page
		err  error
	}
	jobs := make(chan job, workers*2)
	results := make(chan Result, workers*2)

	// Producer: reads the input stream.
	go func() {
		defer close(jobs)
		seq := 0
		for p, err := range pages {
			select {
			case jobs <- job{seq: seq, page: p, err: err}:
				seq++
			case <-ctx.Done():
				return
			}
		}
	}()

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				r := process(ctx, cfg, j.seq, j.page, j.err)
				select {
				case results <- r:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	// Consumer: restores input order.
	pending := map[int]Result{}
	next := 0
	for r := range results {
		pending[r.Seq] = r
		for {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if err := sink(r); err != nil {
				cancel()
				for range results { // let the workers finish
				}
				return err
			}
		}
	}
	return ctx.Err()
}

func process(ctx context.Context, cfg Config, seq int, p *dateline.Page, readErr error) (r Result) {
	r.Seq = seq
	if p != nil {
		r.Input = inputName(p.Source)
	}
	if readErr != nil {
		r.Err = readErr
		return r
	}
	if p == nil {
		r.Err = fmt.Errorf("%w: empty page", dateline.ErrInvalid)
		return r
	}
	defer func() {
		if v := recover(); v != nil {
			r.Doc, r.Err = nil, fmt.Errorf("internal error on %s: %v", r.Input, v)
		}
	}()
	doc, err := cfg.Extract(p)
	if err != nil {
		r.Err = err
		return r
	}
	if cfg.Pipeline != nil {
		if err := cfg.Pipeline.Run(ctx, doc); err != nil {
			r.Err = err
			return r
		}
	}
	r.Doc = doc
	return r
}

// inputName is how a page is named in reports: URL, else path with item.
func inputName(s dateline.SourceRef) string {
	name := s.URL
	if name == "" {
		name = s.Path
	}
	if s.Line > 0 && s.URL == "" {
		name = fmt.Sprintf("%s:%d", name, s.Line)
	}
	if name == "" {
		name = "(stdin)"
	}
	return name
}
