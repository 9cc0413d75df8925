package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/dateline-news/dateline"
)

var _ dateline.StoryStore = (*Store)(nil)

// storyStateKey names the clusterer's state in story_state.
const storyStateKey = "stories"

// Unstoried returns up to limit stored documents without a story mark, in
// the order they were stored.
func (s *Store) Unstoried(ctx context.Context, limit int) ([]dateline.DocID, error) {
	if limit <= 0 {
		limit = DefaultLimit
	}
	rows, err := s.pool.Query(ctx, `SELECT d.id FROM documents d
		WHERE NOT EXISTS (SELECT 1 FROM story_docs s WHERE s.doc = d.id)
		ORDER BY d.seq LIMIT $1`, limit)
	if err != nil {
		return nil, fmt.Errorf("postgres: unstoried: %w", ctxErr(ctx, err))
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("postgres: unstoried: %w", ctxErr(ctx, err))
	}
	out := make([]dateline.DocID, len(ids))
	for i, id := range ids {
		out[i] = dateline.DocID(id)
	}
	return out, nil
}

// StoryState returns the clusterer's saved state (nil when none) and its
// version.
func (s *Store) StoryState(ctx context.Context) ([]byte, int64, error) {
	var b []byte
	var v int64
	err := s.pool.QueryRow(ctx, "SELECT value, version FROM story_state WHERE name = $1", storyStateKey).Scan(&b, &v)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, fmt.Errorf("postgres: story state: %w", ctxErr(ctx, err))
	}
	if len(b) == 0 {
		b = nil
	}
	return b, v, nil
}

// RecentSketches returns the marks of the n documents marked last, oldest
// first, with their sketches.
func (s *Store) RecentSketches(ctx context.Context, n int) ([]dateline.StoryMark, error) {
	if n <= 0 {
		return nil, nil
	}
	ms, err := s.marks(ctx, `SELECT doc, story, original, resemblance, sketch FROM story_docs
		ORDER BY marked DESC LIMIT $1`, n)
	slices.Reverse(ms)
	return ms, err
}

// StoryMarks returns the marks of a story's documents in the order they
// were stored.
func (s *Store) StoryMarks(ctx context.Context, id dateline.StoryID) ([]dateline.StoryMark, error) {
	return s.marks(ctx, `SELECT s.doc, s.story, s.original, s.resemblance, NULL::bytea
		FROM story_docs s JOIN documents d ON d.id = s.doc
		WHERE s.story = $1 ORDER BY d.seq`, int64(id))
}

func (s *Store) marks(ctx context.Context, query string, arg any) ([]dateline.StoryMark, error) {
	rows, err := s.pool.Query(ctx, query, arg)
	if err != nil {
		return nil, fmt.Errorf("postgres: story marks: %w", ctxErr(ctx, err))
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (dateline.StoryMark, error) {
		var m dateline.StoryMark
		var doc, orig string
		var story int64
		err := r.Scan(&doc, &story, &orig, &m.Resemblance, &m.Sketch)
		m.Doc, m.Story, m.Original = dateline.DocID(doc), dateline.StoryID(story), dateline.DocID(orig)
		return m, err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: story marks: %w", ctxErr(ctx, err))
	}
	return out, nil
}

// SaveStories applies u in one transaction. It locks the state row first,
// so that concurrent writers (other workers, other machines) take turns,
// and refuses with dateline.ErrConflict an update computed from a version
// other than the stored one. A mark for a document that is not stored is
// an error wrapping dateline.ErrInvalid, and nothing is written.
func (s *Store) SaveStories(ctx context.Context, u dateline.StoryUpdate) error {
	for _, m := range u.Marks {
		if m.Doc == "" {
			return fmt.Errorf("postgres: save stories: a mark without a document: %w", dateline.ErrInvalid)
		}
		if !validID(m.Doc) {
			return fmt.Errorf("postgres: save stories: document %q is not stored: %w", m.Doc, dateline.ErrInvalid)
		}
	}
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var version int64
		err := tx.QueryRow(ctx, "SELECT version FROM story_state WHERE name = $1 FOR UPDATE", storyStateKey).Scan(&version)
		if err != nil {
			return err
		}
		if version != u.Version {
			return fmt.Errorf("computed from state version %d, stored version is %d (another process grouped documents meanwhile): %w",
				u.Version, version, dateline.ErrConflict)
		}
		var next int64
		if err := tx.QueryRow(ctx, "SELECT coalesce(max(marked), 0) + 1 FROM story_docs").Scan(&next); err != nil {
			return err
		}
		var b pgx.Batch
		for _, m := range u.Marks {
			var sketch []byte
			if m.Sketch != nil {
				sketch = m.Sketch
			}
			b.Queue(`INSERT INTO story_docs (doc, story, original, resemblance, sketch, marked)
				VALUES ($1, $2, $3, $4, $5, $6)
				ON CONFLICT (doc) DO UPDATE SET story = excluded.story, original = excluded.original,
					resemblance = excluded.resemblance, sketch = coalesce(excluded.sketch, story_docs.sketch)`,
				string(m.Doc), int64(m.Story), clean(string(m.Original)), m.Resemblance, sketch, next)
			next++
		}
		for _, st := range u.Stories {
			view := []byte(st.View)
			if view == nil {
				view = []byte("null")
			}
			var lastMS *int64
			if !st.Last.IsZero() {
				ms := st.Last.UnixMilli()
				lastMS = &ms
			}
			b.Queue(`INSERT INTO stories (id, label, docs, copies, first, last, last_ms, updated, view)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
				ON CONFLICT (id) DO UPDATE SET label = excluded.label, docs = excluded.docs, copies = excluded.copies,
					first = excluded.first, last = excluded.last, last_ms = excluded.last_ms,
					updated = excluded.updated, view = excluded.view`,
				int64(st.ID), clean(st.Label), st.Documents, st.Copies,
				formatTime(st.First), formatTime(st.Last), lastMS, formatTime(st.Updated), view)
		}
		for _, id := range u.Dropped {
			b.Queue("DELETE FROM stories WHERE id = $1", int64(id))
		}
		b.Queue(`UPDATE story_state SET value = coalesce($2, value), version = version + 1 WHERE name = $1`,
			storyStateKey, u.State)
		res := tx.SendBatch(ctx, &b)
		for i := range b.Len() {
			if _, err := res.Exec(); err != nil {
				res.Close()
				var pe *pgconn.PgError
				if i < len(u.Marks) && errors.As(err, &pe) && pe.Code == "23503" { // foreign_key_violation
					return fmt.Errorf("document %q is not stored: %w", u.Marks[i].Doc, dateline.ErrInvalid)
				}
				return err
			}
		}
		return res.Close()
	})
	if err != nil {
		return fmt.Errorf("postgres: save stories: %w", ctxErr(ctx, err))
	}
	return nil
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339Nano)
}

const storyColumns = "id, label, docs, copies, first, last, updated"

// Stories lists stories, latest report first (stories without dates last).
// A limit of 0 or less means DefaultLimit; limits above MaxLimit are cut
// to it; a negative offset counts as 0 (as in the SQLite store).
func (s *Store) Stories(ctx context.Context, q dateline.StoryQuery) ([]dateline.StorySummary, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)
	rows, err := s.pool.Query(ctx, "SELECT "+storyColumns+` FROM stories
		ORDER BY last_ms DESC NULLS LAST, id DESC LIMIT $1 OFFSET $2`, limit, max(q.Offset, 0))
	if err != nil {
		return nil, fmt.Errorf("postgres: stories: %w", ctxErr(ctx, err))
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (dateline.StorySummary, error) {
		return scanSummary(r)
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: stories: %w", ctxErr(ctx, err))
	}
	if out == nil {
		out = []dateline.StorySummary{}
	}
	return out, nil
}

func scanSummary(sc interface{ Scan(...any) error }, extra ...any) (dateline.StorySummary, error) {
	var st dateline.StorySummary
	var id int64
	var first, last, updated string
	if err := sc.Scan(append([]any{&id, &st.Label, &st.Documents, &st.Copies, &first, &last, &updated}, extra...)...); err != nil {
		return st, err
	}
	st.ID = dateline.StoryID(id)
	st.First, st.Last, st.Updated = parseTime(first), parseTime(last), parseTime(updated)
	return st, nil
}

// CountStories returns the number of stored stories.
func (s *Store) CountStories(ctx context.Context) (int, error) {
	var n int
	if err := s.pool.QueryRow(ctx, "SELECT count(*) FROM stories").Scan(&n); err != nil {
		return 0, fmt.Errorf("postgres: count stories: %w", ctxErr(ctx, err))
	}
	return n, nil
}

// Story returns one story with its marks and view, or an error wrapping
// dateline.ErrNotFound.
func (s *Store) Story(ctx context.Context, id dateline.StoryID) (*dateline.StoryRecord, error) {
	var view []byte
	sum, err := scanSummary(s.pool.QueryRow(ctx, "SELECT "+storyColumns+", view FROM stories WHERE id = $1", int64(id)), &view)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("postgres: story %d: %w", id, dateline.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: story %d: %w", id, ctxErr(ctx, err))
	}
	rec := &dateline.StoryRecord{StorySummary: sum, View: view}
	if rec.Marks, err = s.StoryMarks(ctx, id); err != nil {
		return nil, err
	}
	return rec, nil
}

// StoryOf returns the story mark of a document, or an error wrapping
// dateline.ErrNotFound.
func (s *Store) StoryOf(ctx context.Context, doc dateline.DocID) (dateline.StoryMark, error) {
	if !validID(doc) {
		return dateline.StoryMark{}, fmt.Errorf("postgres: story of %q: %w", doc, dateline.ErrNotFound)
	}
	ms, err := s.marks(ctx, "SELECT doc, story, original, resemblance, NULL::bytea FROM story_docs WHERE doc = $1", string(doc))
	if err != nil {
		return dateline.StoryMark{}, err
	}
	if len(ms) == 0 {
		return dateline.StoryMark{}, fmt.Errorf("postgres: story of %q: %w", doc, dateline.ErrNotFound)
	}
	return ms[0], nil
}
