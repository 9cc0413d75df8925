package postgres

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/dateline-news/dateline"
)

// Listing limits.
const (
	DefaultLimit = 50
	MaxLimit     = 1000
)

// row is a document ready for COPY.
type row struct {
	id, title, url, outlet string
	published              string
	publishedMS            *int64
	text                   []byte
	cuts                   []int32
	layers                 []byte
	tsv                    string
	ix                     dateline.DocIndex // the rows of the actor, quote and event index
}

// clean makes s storable in a text column: valid UTF-8 without NUL.
func clean(s string) string {
	if utf8.ValidString(s) && strings.IndexByte(s, 0) < 0 {
		return s
	}
	return strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "")
}

// validID reports whether id can be a key: non-empty text PostgreSQL can
// hold.
func validID(id dateline.DocID) bool {
	return id != "" && utf8.ValidString(string(id)) && strings.IndexByte(string(id), 0) < 0
}

// encode fills r from doc without modifying doc.
func (s *Store) encode(doc *dateline.Document, r *row) error {
	f := s.folder()
	defer s.folders.Put(f)
	cs := flatCuts(doc.Asides())
	shallow := *doc
	shallow.Text = ""
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(&shallow); err != nil {
		return fmt.Errorf("encode document %s: %w", doc.ID, err)
	}
	*r = row{
		id: string(doc.ID), title: clean(doc.Title), url: clean(doc.Source.URL), outlet: clean(doc.Source.Outlet),
		text: []byte(doc.Text), cuts: cs, layers: bytes.TrimSuffix(b.Bytes(), []byte("\n")),
		tsv: f.vector(doc.Title, doc.Text, cs), ix: dateline.Index(doc),
	}
	if !doc.Published.IsZero() {
		if t, err := doc.Published.MarshalText(); err == nil { // years outside 0-9999 stay unlisted
			ms := doc.Published.UnixMilli()
			r.published, r.publishedMS = string(t), &ms
		}
	}
	return nil
}

// encodeAll encodes docs, spreading the work over the cores.
func (s *Store) encodeAll(docs []*dateline.Document) ([]row, error) {
	rows := make([]row, len(docs))
	workers := max(1, min(runtime.GOMAXPROCS(0), (len(docs)+7)/8))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(docs); i += workers {
				if err := s.encode(docs[i], &rows[i]); err != nil {
					errs[w] = fmt.Errorf("postgres: %w", err)
					return
				}
			}
		})
	}
	wg.Wait()
	return rows, errors.Join(errs...)
}

const createIncoming = `CREATE TEMP TABLE IF NOT EXISTS dateline_incoming (
	ord int, id text, title text, url text, outlet text, published text, published_ms bigint,
	text bytea, cuts int4[], layers bytea, tsv text
) ON COMMIT DELETE ROWS`

var incomingColumns = []string{"ord", "id", "title", "url", "outlet", "published", "published_ms", "text", "cuts", "layers", "tsv"}

const moveIncoming = `INSERT INTO documents
	(id, title, url, outlet, published, published_ms, ingested, text, cuts, layers, tsv)
	SELECT id, title, url, outlet, published, published_ms, $1, text, cuts, layers, tsv::tsvector
	FROM dateline_incoming ORDER BY ord
	ON CONFLICT (id) DO NOTHING
	RETURNING seq, id`

// PutDocuments stores docs in one transaction. A document whose ID is
// already stored, or repeated in docs, is counted as a duplicate and left
// unchanged; writers racing on the same ID store it once. Nothing is stored
// when an error is returned: a nil document or an ID that is empty or not
// text (dateline.ErrInvalid), cancellation, or a database failure (which a
// caller may retry: the call is idempotent).
func (s *Store) PutDocuments(ctx context.Context, docs []*dateline.Document) (dateline.PutResult, error) {
	var res dateline.PutResult
	for i, d := range docs {
		switch {
		case d == nil:
			return res, fmt.Errorf("postgres: document %d of %d is nil: %w", i+1, len(docs), dateline.ErrInvalid)
		case !validID(d.ID):
			return res, fmt.Errorf("postgres: document %d of %d has no usable ID (%q): %w", i+1, len(docs), d.ID, dateline.ErrInvalid)
		}
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	if len(docs) == 0 {
		return res, nil
	}
	seen := make(map[dateline.DocID]bool, len(docs))
	todo := make([]*dateline.Document, 0, len(docs))
	for _, d := range docs {
		if !seen[d.ID] {
			seen[d.ID] = true
			todo = append(todo, d)
		}
	}
	rows, err := s.encodeAll(todo)
	if err != nil {
		return res, err
	}
	var n int64
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, createIncoming); err != nil {
			return fmt.Errorf("temporary table: %w", err)
		}
		i := 0
		src := pgx.CopyFromFunc(func() ([]any, error) {
			if i == len(rows) {
				return nil, nil
			}
			r := &rows[i]
			i++
			return []any{i, r.id, r.title, r.url, r.outlet, r.published, r.publishedMS, r.text, r.cuts, r.layers, r.tsv}, nil
		})
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"dateline_incoming"}, incomingColumns, src); err != nil {
			return fmt.Errorf("copy: %w", err)
		}
		stored, err := tx.Query(ctx, moveIncoming, s.now().UTC())
		if err != nil {
			return fmt.Errorf("insert: %w", err)
		}
		byID := make(map[string]*row, len(rows))
		for i := range rows {
			byID[rows[i].id] = &rows[i]
		}
		var fresh []newDoc
		for stored.Next() {
			var seq int64
			var id string
			if err := stored.Scan(&seq, &id); err != nil {
				stored.Close()
				return fmt.Errorf("insert: %w", err)
			}
			if r := byID[id]; r != nil {
				d := newDoc{seq: seq, ord: undated, published: r.published, ix: &r.ix}
				if r.publishedMS != nil {
					d.ord = *r.publishedMS
				}
				fresh = append(fresh, d)
			}
		}
		if err := stored.Err(); err != nil {
			return fmt.Errorf("insert: %w", err)
		}
		n = int64(len(fresh))
		if err := writeIndex(ctx, tx, fresh); err != nil {
			return err
		}
		return nil
	})
	if err != nil {
		return res, fmt.Errorf("postgres: put %d documents: %w", len(docs), ctxErr(ctx, err))
	}
	return dateline.PutResult{Stored: int(n), Duplicates: len(docs) - int(n)}, nil
}

// Document returns one document with all its layers, or an error wrapping
// dateline.ErrNotFound.
func (s *Store) Document(ctx context.Context, id dateline.DocID) (*dateline.Document, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !validID(id) {
		return nil, fmt.Errorf("postgres: document %q: %w", id, dateline.ErrNotFound)
	}
	var text, layers []byte
	err := s.pool.QueryRow(ctx, "SELECT text, layers FROM documents WHERE id = $1", string(id)).Scan(&text, &layers)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("postgres: document %q: %w", id, dateline.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: document %q: %w", id, ctxErr(ctx, err))
	}
	doc := new(dateline.Document)
	if err := json.Unmarshal(layers, doc); err != nil {
		return nil, fmt.Errorf("postgres: document %q: corrupt stored document: %v", id, err)
	}
	doc.Text = string(text)
	return doc, nil
}

// CountDocuments returns the number of stored documents.
func (s *Store) CountDocuments(ctx context.Context) (int, error) {
	var n int
	if err := s.pool.QueryRow(ctx, "SELECT count(*) FROM documents").Scan(&n); err != nil {
		return 0, fmt.Errorf("postgres: count documents: %w", ctxErr(ctx, err))
	}
	return n, nil
}

const listDocuments = `SELECT id, title, url, outlet, published, ingested
	FROM documents
	ORDER BY published_ms DESC NULLS LAST, seq DESC
	LIMIT $1 OFFSET $2`

// MaxCandidates bounds the work of one search: the hits are ranked among
// the newest MaxCandidates documents that match. A word found in most of a
// large archive would otherwise make every search read and rank the whole
// table; with the bound, a search reads at most this many rows, and the
// planner (after ANALYZE) walks the newest documents for common words and
// the GIN index for rare ones.
const MaxCandidates = 1000

// searchDocuments ranks the candidates (a title word weighs ten text words)
// and reads the text of the page of hits only, for the snippets.
const searchDocuments = `WITH candidates AS (
		SELECT seq, tsv FROM documents WHERE tsv @@ $1::tsquery
		ORDER BY seq DESC LIMIT $4
	), hits AS (
		SELECT seq, ts_rank(tsv, $1::tsquery) AS rank FROM candidates
		ORDER BY rank DESC, seq DESC LIMIT $2 OFFSET $3
	)
	SELECT d.id, d.title, d.url, d.outlet, d.published, d.ingested, d.text, d.cuts
	FROM hits JOIN documents d USING (seq)
	ORDER BY hits.rank DESC, hits.seq DESC`

// Documents lists documents newest first (by publication date; undated
// ones last, most recently ingested first) or, when q.Text is not blank,
// searches them: words and "quoted phrases" all required, best hits first
// among the newest MaxCandidates matches (a title word weighing ten text
// words; ties newest ingested first), each
// with a plain-text snippet. Query syntax never causes an error; a query
// with no searchable word finds nothing. Limit 0 means DefaultLimit; limits
// above MaxLimit are cut to it; a negative limit or offset is
// dateline.ErrInvalid.
func (s *Store) Documents(ctx context.Context, q dateline.DocQuery) ([]dateline.DocSummary, error) {
	if q.Limit < 0 || q.Offset < 0 {
		return nil, fmt.Errorf("postgres: limit %d, offset %d: %w", q.Limit, q.Offset, dateline.ErrInvalid)
	}
	limit := q.Limit
	if limit == 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	search := strings.TrimSpace(q.Text) != ""
	var parsed query
	var f *folder
	var rows pgx.Rows
	var err error
	if search {
		f = s.folder()
		defer s.folders.Put(f)
		parsed = f.parseQuery(q.Text)
		if len(parsed) == 0 {
			return []dateline.DocSummary{}, nil
		}
		// Planned for each query: whether the newest rows or the GIN index
		// come first depends on how common its words are, which a cached
		// generic plan cannot know.
		rows, err = s.pool.Query(ctx, searchDocuments, pgx.QueryExecModeExec, parsed.tsquery(), limit, q.Offset, MaxCandidates)
	} else {
		rows, err = s.pool.Query(ctx, listDocuments, limit, q.Offset)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: documents: %w", ctxErr(ctx, err))
	}
	defer rows.Close()
	out := make([]dateline.DocSummary, 0, min(limit, 64))
	for rows.Next() {
		var d dateline.DocSummary
		var id, published string
		var ingested time.Time
		var text []byte
		var cuts []int32
		dest := []any{&id, &d.Title, &d.URL, &d.Outlet, &published, &ingested}
		if search {
			dest = append(dest, &text, &cuts)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("postgres: documents: %w", err)
		}
		d.ID = dateline.DocID(id)
		d.Published = parseTime(published)
		d.Ingested = ingested.UTC()
		if search {
			d.Snippet = f.snippet(d.Title, string(text), cuts, parsed)
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: documents: %w", ctxErr(ctx, err))
	}
	return out, nil
}

// parseTime reads a stored RFC 3339 time; "" (unknown) is the zero time.
func parseTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}
