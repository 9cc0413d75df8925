package cli

import (
	"fmt"
	"sync"

	"github.com/dateline-news/dateline/internal/analyze"
	"github.com/dateline-news/dateline/internal/analyze/actor"
	"github.com/dateline-news/dateline/internal/analyze/event"
	"github.com/dateline-news/dateline/internal/analyze/ner"
	depparse "github.com/dateline-news/dateline/internal/analyze/parse"
	"github.com/dateline-news/dateline/internal/analyze/quote"
	"github.com/dateline-news/dateline/internal/analyze/segment"
	"github.com/dateline-news/dateline/internal/analyze/tag"
	"github.com/dateline-news/dateline/internal/analyze/timex"
	"github.com/dateline-news/dateline/internal/claim"
	"github.com/dateline-news/dateline/internal/resolve"
)

// newPipeline assembles the analysis passes in their order. The embedded
// models are decoded here, once per process and in parallel; the passes
// are safe for concurrent use across documents.
func newPipeline() (*analyze.Pipeline, error) {
	var (
		wg               sync.WaitGroup
		tagger           *tag.Tagger
		parser           *depparse.Parser
		rec              *ner.Recognizer
		tagErr, parseErr error
		nerErr           error
		kb               *resolve.KB
		kbErr            error
		attr             *quote.Attributor
		quoteErr         error
	)
	wg.Go(func() { attr, quoteErr = quote.Load() })
	wg.Go(func() { kb, kbErr = resolve.Load() })
	wg.Go(func() { tagger, tagErr = tag.Load() })
	wg.Go(func() { parser, parseErr = depparse.Load() })
	wg.Go(func() { rec, nerErr = ner.Load() })
	wg.Wait()
	for _, e := range []struct {
		what string
		err  error
	}{{"tagger", tagErr}, {"parser", parseErr}, {"NER", nerErr}, {"actor knowledge base", kbErr}, {"quote", quoteErr}} {
		if e.err != nil {
			return nil, fmt.Errorf("load %s model: %w", e.what, e.err)
		}
	}
	coder, err := event.Load(kb)
	if err != nil {
		return nil, fmt.Errorf("load event dictionaries: %w", err)
	}
	facts, err := claim.DefaultFacts()
	if err != nil {
		return nil, fmt.Errorf("load dated facts: %w", err)
	}
	return analyze.New(
		segment.New(),
		tagger,
		parser,
		rec,
		actor.New(kb),
		timex.New(timex.WithKnownStarts(facts.Starts())), // anniversaries, "since the invasion"
		attr,
		coder,
	), nil
}
