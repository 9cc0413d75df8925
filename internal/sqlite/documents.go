package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/dateline-news/dateline"
)

// Listing limits.
const (
	DefaultLimit = 50
	MaxLimit     = 1000
)

const insertDocument = `INSERT INTO documents
	(id, title, url, outlet, published, published_ms, ingested, body, aside, layers)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (id) DO NOTHING`

// indexDocuments adds the rows inserted after seq ?1 to the full-text index.
const indexDocuments = `INSERT INTO documents_fts (rowid, title, body)
	SELECT seq, title, body FROM documents WHERE seq > ?1 ORDER BY seq`

// PutDocuments stores docs in one transaction. A document whose ID is
// already stored, or repeated in docs, is counted as a duplicate and left
// unchanged. Nothing is stored when an error is returned: a nil document or
// an empty ID (dateline.ErrInvalid), cancellation, or an I/O failure.
func (s *Store) PutDocuments(ctx context.Context, docs []*dateline.Document) (dateline.PutResult, error) {
	var res dateline.PutResult
	for i, d := range docs {
		switch {
		case d == nil:
			return res, fmt.Errorf("sqlite: document %d of %d is nil: %w", i+1, len(docs), dateline.ErrInvalid)
		case d.ID == "":
			return res, fmt.Errorf("sqlite: document %d of %d has no ID: %w", i+1, len(docs), dateline.ErrInvalid)
		}
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	// Drop duplicates before the work of encoding: repeats within the
	// batch, then documents stored before (the common case of a rerun).
	seen := make(map[dateline.DocID]bool, len(docs))
	todo := make([]*dateline.Document, 0, len(docs))
	for _, d := range docs {
		if !seen[d.ID] {
			seen[d.ID] = true
			todo = append(todo, d)
		}
	}
	stored, err := s.stored(ctx, todo)
	if err != nil {
		return res, err
	}
	fresh := todo[:0]
	for _, d := range todo {
		if !stored[d.ID] {
			fresh = append(fresh, d)
		}
	}
	n, err := s.insert(ctx, fresh)
	if err != nil {
		return res, err
	}
	// A concurrent writer (another process) may have stored some of the
	// fresh ones meanwhile; ON CONFLICT DO NOTHING counted them out.
	return dateline.PutResult{Stored: n, Duplicates: len(docs) - n}, nil
}

// stored returns which of docs are already in the store.
func (s *Store) stored(ctx context.Context, docs []*dateline.Document) (map[dateline.DocID]bool, error) {
	const chunk = 500
	out := make(map[dateline.DocID]bool)
	args := make([]any, 0, chunk)
	for start := 0; start < len(docs); start += chunk {
		part := docs[start:min(start+chunk, len(docs))]
		args = args[:0]
		for _, d := range part {
			args = append(args, string(d.ID))
		}
		q := "SELECT id FROM documents WHERE id IN (?" + strings.Repeat(", ?", len(part)-1) + ")"
		rows, err := s.read.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, fmt.Errorf("sqlite: look up stored documents: %w", ctxErr(ctx, err))
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, fmt.Errorf("sqlite: look up stored documents: %w", err)
			}
			out[dateline.DocID(id)] = true
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("sqlite: look up stored documents: %w", ctxErr(ctx, err))
		}
	}
	return out, nil
}

// encode turns docs into rows, spreading the work over the cores.
func (s *Store) encode(docs []*dateline.Document) ([]row, error) {
	rows := make([]row, len(docs))
	workers := min(runtime.GOMAXPROCS(0), (len(docs)+7)/8)
	if workers <= 1 {
		e := s.enc.get()
		defer s.enc.put(e)
		for i, d := range docs {
			if err := e.encode(d, &rows[i]); err != nil {
				return nil, fmt.Errorf("sqlite: %w", err)
			}
		}
		return rows, nil
	}
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			e := s.enc.get()
			defer s.enc.put(e)
			for i := w; i < len(docs); i += workers {
				if err := e.encode(docs[i], &rows[i]); err != nil {
					errs[w] = fmt.Errorf("sqlite: %w", err)
					return
				}
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return rows, nil
}

// encodeChunk is how many documents are encoded ahead of the inserts: it
// bounds the memory a large batch takes.
const encodeChunk = 64

type chunk struct {
	rows []row
	err  error
}

// insert writes docs in one transaction and returns how many were new.
// Encoding runs ahead, chunk by chunk, on the other cores while SQLite
// inserts on this one.
func (s *Store) insert(ctx context.Context, docs []*dateline.Document) (n int, err error) {
	if len(docs) == 0 {
		return 0, nil
	}
	stop := make(chan struct{})
	chunks := make(chan chunk, 1)
	go func() {
		defer close(chunks)
		for start := 0; start < len(docs); start += encodeChunk {
			rows, err := s.encode(docs[start:min(start+encodeChunk, len(docs))])
			select {
			case chunks <- chunk{rows, err}:
			case <-stop:
				return
			}
			if err != nil {
				return
			}
		}
	}()
	defer func() {
		close(stop)
		for range chunks { // let the encoder finish
		}
	}()

	ingested := s.now().UTC().Format(time.RFC3339Nano)
	tx, err := s.write.BeginTx(ctx, nil) // BEGIN IMMEDIATE (see Open)
	if err != nil {
		return 0, fmt.Errorf("sqlite: begin: %w", ctxErr(ctx, err))
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	var last int64
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(seq), 0) FROM documents").Scan(&last); err != nil {
		return 0, fmt.Errorf("sqlite: insert: %w", ctxErr(ctx, err))
	}
	stmt, err := tx.PrepareContext(ctx, insertDocument)
	if err != nil {
		return 0, fmt.Errorf("sqlite: prepare insert: %w", ctxErr(ctx, err))
	}
	defer stmt.Close()
	iw, err := newIndexWriter(ctx, tx)
	if err != nil {
		return 0, err
	}
	defer iw.close()
	for c := range chunks {
		if c.err != nil {
			return 0, c.err
		}
		for i := range c.rows {
			r := &c.rows[i]
			res, err := stmt.ExecContext(ctx, r.id, r.title, r.url, r.outlet, r.published, r.publishedMS,
				ingested, r.body, r.aside, r.layers)
			if err != nil {
				return 0, fmt.Errorf("sqlite: insert document %s: %w", r.id, ctxErr(ctx, err))
			}
			k, err := res.RowsAffected()
			if err != nil {
				return 0, fmt.Errorf("sqlite: insert document %s: %w", r.id, err)
			}
			n += int(k)
			if k == 1 {
				seq, err := res.LastInsertId()
				if err != nil {
					return 0, fmt.Errorf("sqlite: insert document %s: %w", r.id, err)
				}
				if err := iw.add(ctx, seq, r.publishedMS, r.published, &r.index); err != nil {
					return 0, err
				}
			}
		}
	}
	if err := iw.flush(ctx); err != nil {
		return 0, err
	}
	// One statement, so that FTS5 flushes the batch's terms once.
	if _, err := tx.ExecContext(ctx, indexDocuments, last); err != nil {
		return 0, fmt.Errorf("sqlite: index documents: %w", ctxErr(ctx, err))
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("sqlite: commit: %w", ctxErr(ctx, err))
	}
	return n, nil
}

// ctxErr prefers the context's error to the driver's "interrupted".
func ctxErr(ctx context.Context, err error) error {
	if cerr := ctx.Err(); cerr != nil && !errors.Is(err, cerr) {
		return fmt.Errorf("%w (%v)", cerr, err)
	}
	return err
}

// Document returns one document with all its layers, or an error wrapping
// dateline.ErrNotFound.
func (s *Store) Document(ctx context.Context, id dateline.DocID) (*dateline.Document, error) {
	var body, aside string
	var layers []byte
	err := s.read.QueryRowContext(ctx, "SELECT body, aside, layers FROM documents WHERE id = ?", string(id)).
		Scan(&body, &aside, &layers)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("sqlite: document %q: %w", id, dateline.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: document %q: %w", id, ctxErr(ctx, err))
	}
	doc, err := decode(body, aside, layers)
	if err != nil {
		return nil, fmt.Errorf("sqlite: document %q: %w", id, err)
	}
	return doc, nil
}

// CountDocuments returns the number of stored documents.
func (s *Store) CountDocuments(ctx context.Context) (int, error) {
	var n int
	if err := s.read.QueryRowContext(ctx, "SELECT count(*) FROM documents").Scan(&n); err != nil {
		return 0, fmt.Errorf("sqlite: count documents: %w", ctxErr(ctx, err))
	}
	return n, nil
}

const listDocuments = `SELECT id, title, url, outlet, published, ingested, ''
	FROM documents
	ORDER BY published_ms DESC, seq DESC
	LIMIT ? OFFSET ?`

// searchDocuments ranks the hits first and makes snippets for the page of
// hits only: snippet() in the ranking query would run for every hit.
const searchDocuments = `WITH hits AS (
		SELECT rowid, rank FROM documents_fts WHERE documents_fts MATCH ?1
		ORDER BY rank, rowid DESC LIMIT ?2 OFFSET ?3
	)
	SELECT d.id, d.title, d.url, d.outlet, d.published, d.ingested,
		snippet(documents_fts, 1, '', '', '…', 16)
	FROM hits
	JOIN documents_fts ON documents_fts.rowid = hits.rowid AND documents_fts MATCH ?1
	JOIN documents d ON d.seq = hits.rowid
	ORDER BY hits.rank, hits.rowid DESC`

// Documents lists documents newest first (by publication date; undated
// ones last, most recently ingested first) or, when q.Text is not blank,
// searches them: words and "quoted phrases" all required, best hits first
// (BM25, a title hit weighing ten body hits; ties newest ingested first), each with a plain-text snippet. Query
// syntax never causes an error; a query with no searchable term finds
// nothing. Limit 0 means DefaultLimit; limits above MaxLimit are cut to it;
// a negative limit or offset is dateline.ErrInvalid.
func (s *Store) Documents(ctx context.Context, q dateline.DocQuery) ([]dateline.DocSummary, error) {
	if q.Limit < 0 || q.Offset < 0 {
		return nil, fmt.Errorf("sqlite: limit %d, offset %d: %w", q.Limit, q.Offset, dateline.ErrInvalid)
	}
	limit := q.Limit
	if limit == 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)
	var rows *sql.Rows
	var err error
	if strings.TrimSpace(q.Text) == "" {
		rows, err = s.read.QueryContext(ctx, listDocuments, limit, q.Offset)
	} else {
		expr, ok := ftsQuery(q.Text)
		if !ok {
			return []dateline.DocSummary{}, nil
		}
		rows, err = s.read.QueryContext(ctx, searchDocuments, expr, limit, q.Offset)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: documents: %w", ctxErr(ctx, err))
	}
	defer rows.Close()
	out := make([]dateline.DocSummary, 0, min(limit, 64))
	for rows.Next() {
		var d dateline.DocSummary
		var id, published, ingested string
		if err := rows.Scan(&id, &d.Title, &d.URL, &d.Outlet, &published, &ingested, &d.Snippet); err != nil {
			return nil, fmt.Errorf("sqlite: documents: %w", err)
		}
		d.ID = dateline.DocID(id)
		d.Published = parseTime(published)
		d.Ingested = parseTime(ingested)
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: documents: %w", ctxErr(ctx, err))
	}
	return out, nil
}

// parseTime reads a stored RFC 3339 time; "" (unknown) is the zero time.
func parseTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}
