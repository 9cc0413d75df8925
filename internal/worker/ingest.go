package worker

import (
	"context"
	"iter"

	"github.com/dateline-news/dateline"
)

// Rejection is an input item that could not be stored, with the reason.
type Rejection struct {
	Input  string `json:"input"`
	Reason string `json:"reason"`
}

// Report is the closing account of an ingest.
type Report struct {
	Read       int         `json:"read"`
	Stored     int         `json:"stored"`
	Duplicates int         `json:"duplicates"`
	Rejected   int         `json:"rejected"`
	Rejections []Rejection `json:"rejections,omitempty"`
}

// maxRejections bounds the reasons kept in a report; the count stays exact.
const maxRejections = 1000

// Ingest runs pages through cfg and writes the documents to store in
// batches, each batch in one transaction. Documents already stored (same ID)
// are counted as duplicates; a crash between batches loses at most the batch
// in flight, and a rerun stores it without duplicating the rest.
func Ingest(ctx context.Context, pages iter.Seq2[*dateline.Page, error], cfg Config, store dateline.Store, batchSize int, progress func(n int)) (Report, error) {
	if batchSize <= 0 {
		batchSize = 64
	}
	var rep Report
	batch := make([]*dateline.Document, 0, batchSize)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		res, err := store.PutDocuments(ctx, batch)
		if err != nil {
			return err
		}
		rep.Stored += res.Stored
		rep.Duplicates += res.Duplicates
		if progress != nil {
			progress(len(batch))
		}
		batch = batch[:0]
		return nil
	}
	seen := map[dateline.DocID]bool{} // duplicates inside one batch
	err := Run(ctx, pages, cfg, func(r Result) error {
		rep.Read++
		if r.Err != nil {
			rep.Rejected++
			if len(rep.Rejections) < maxRejections {
				rep.Rejections = append(rep.Rejections, Rejection{Input: r.Input, Reason: r.Err.Error()})
			}
			if progress != nil {
				progress(1)
			}
			return nil
		}
		if seen[r.Doc.ID] {
			rep.Duplicates++
			if progress != nil {
				progress(1)
			}
			return nil
		}
		seen[r.Doc.ID] = true
		batch = append(batch, r.Doc)
		if len(batch) >= batchSize {
			clear(seen)
			return flush()
		}
		return nil
	})
	if err != nil {
		return rep, err
	}
	return rep, flush()
}
