package dateline

import (
	"context"
	"time"
)

// DocSummary is the listing form of a stored document.
type DocSummary struct {
	ID        DocID     `json:"id"`
	Title     string    `json:"title"`
	URL       string    `json:"url,omitempty"`
	Outlet    string    `json:"outlet,omitempty"`
	Published time.Time `json:"published,omitzero"`
	Snippet   string    `json:"snippet,omitempty"` // for search hits: the matching text, plain
	Ingested  time.Time `json:"ingested,omitzero"`
}

// DocQuery selects documents. An empty Text lists documents newest first.
type DocQuery struct {
	Text   string // full-text query
	Limit  int    // 0: a default of 50
	Offset int
}

// PutResult counts what a PutDocuments call did.
type PutResult struct {
	Stored     int // new documents written
	Duplicates int // documents whose ID was already stored
}

// Store keeps analysed documents. Implementations: internal/sqlite (the
// embedded default) and internal/postgres. Every implementation passes the
// conformance suite in internal/storetest.
type Store interface {
	// PutDocuments stores documents in one transaction; a document whose ID
	// is already stored is counted as a duplicate and left unchanged.
	PutDocuments(ctx context.Context, docs []*Document) (PutResult, error)
	// Document returns one document with all its layers, or ErrNotFound.
	Document(ctx context.Context, id DocID) (*Document, error)
	// Documents lists or searches documents.
	Documents(ctx context.Context, q DocQuery) ([]DocSummary, error)
	// CountDocuments returns the number of stored documents.
	CountDocuments(ctx context.Context) (int, error)
	Close() error
}
