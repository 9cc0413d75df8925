package cli

import (
	"fmt"

	"github.com/dateline-news/dateline/internal/analyze"
	"github.com/dateline-news/dateline/internal/analyze/ner"
	"github.com/dateline-news/dateline/internal/analyze/segment"
	"github.com/dateline-news/dateline/internal/analyze/timex"
)

// newPipeline assembles the analysis passes in their order. Models are
// loaded here, once per process; the passes are safe for concurrent use.
func newPipeline() (*analyze.Pipeline, error) {
	rec, err := ner.Load()
	if err != nil {
		return nil, fmt.Errorf("load NER model: %w", err)
	}
	return analyze.New(
		segment.New(),
		rec,
		timex.New(),
	), nil
}
