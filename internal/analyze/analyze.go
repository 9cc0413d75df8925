// Package analyze runs the ordered analysis passes over a document. Each pass
// is a package under internal/analyze with one entry point; the pipeline only
// orders them. A pass writes exactly one layer of the document (its own
// fields) and reads the layers of the passes before it, degrading gracefully
// when a layer is missing.
package analyze

import (
	"context"
	"fmt"

	"github.com/dateline-news/dateline"
)

// Pass is one analysis pass.
type Pass interface {
	// Name is the short name used in diagnostics and timings: segment, tag, ...
	Name() string
	// Run annotates doc. Problems in the input become diagnostics on doc;
	// an error means the pass itself failed (a broken invariant or ctx done).
	Run(ctx context.Context, doc *dateline.Document) error
}

// Pipeline is an ordered list of passes.
type Pipeline struct {
	passes []Pass
}

// New returns a pipeline running passes in the given order.
func New(passes ...Pass) *Pipeline { return &Pipeline{passes: passes} }

// Passes returns the names of the passes in order.
func (p *Pipeline) Passes() []string {
	names := make([]string, len(p.passes))
	for i, ps := range p.passes {
		names[i] = ps.Name()
	}
	return names
}

// List returns the passes in order.
func (p *Pipeline) List() []Pass { return append([]Pass(nil), p.passes...) }

// Run runs every pass over doc in order. A panic inside a pass is recovered
// and returned as an error so that one bad document never takes a batch down.
func (p *Pipeline) Run(ctx context.Context, doc *dateline.Document) (err error) {
	for _, ps := range p.passes {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := runPass(ctx, ps, doc); err != nil {
			return err
		}
	}
	return nil
}

func runPass(ctx context.Context, ps Pass, doc *dateline.Document) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("pass %s: internal error: %v", ps.Name(), r)
		}
	}()
	if err := ps.Run(ctx, doc); err != nil {
		return fmt.Errorf("pass %s: %w", ps.Name(), err)
	}
	return nil
}
