package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

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
	rows, err := s.read.QueryContext(ctx, `SELECT d.id FROM documents d
		WHERE NOT EXISTS (SELECT 1 FROM story_docs s WHERE s.doc = d.id)
		ORDER BY d.seq LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: unstoried: %w", ctxErr(ctx, err))
	}
	defer rows.Close()
	var out []dateline.DocID
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("sqlite: unstoried: %w", err)
		}
		out = append(out, dateline.DocID(id))
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: unstoried: %w", ctxErr(ctx, err))
	}
	return out, nil
}

// StoryState returns the clusterer's saved state (nil when none) and its
// version.
func (s *Store) StoryState(ctx context.Context) ([]byte, int64, error) {
	var b []byte
	var v int64
	err := s.read.QueryRowContext(ctx, "SELECT value, version FROM story_state WHERE name = ?", storyStateKey).Scan(&b, &v)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, fmt.Errorf("sqlite: story state: %w", ctxErr(ctx, err))
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
	return s.marks(ctx, `SELECT doc, story, original, resemblance, sketch FROM
		(SELECT * FROM story_docs ORDER BY marked DESC LIMIT ?) ORDER BY marked`, n)
}

// StoryMarks returns the marks of a story's documents in the order they
// were stored.
func (s *Store) StoryMarks(ctx context.Context, id dateline.StoryID) ([]dateline.StoryMark, error) {
	return s.marks(ctx, `SELECT s.doc, s.story, s.original, s.resemblance, NULL
		FROM story_docs s JOIN documents d ON d.id = s.doc
		WHERE s.story = ? ORDER BY d.seq`, int64(id))
}

func (s *Store) marks(ctx context.Context, query string, arg any) ([]dateline.StoryMark, error) {
	rows, err := s.read.QueryContext(ctx, query, arg)
	if err != nil {
		return nil, fmt.Errorf("sqlite: story marks: %w", ctxErr(ctx, err))
	}
	defer rows.Close()
	var out []dateline.StoryMark
	for rows.Next() {
		var m dateline.StoryMark
		var doc, orig string
		var story int64
		if err := rows.Scan(&doc, &story, &orig, &m.Resemblance, &m.Sketch); err != nil {
			return nil, fmt.Errorf("sqlite: story marks: %w", err)
		}
		m.Doc, m.Story, m.Original = dateline.DocID(doc), dateline.StoryID(story), dateline.DocID(orig)
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: story marks: %w", ctxErr(ctx, err))
	}
	return out, nil
}

// SaveStories applies u in one transaction. A mark for a document that is
// not stored is an error wrapping dateline.ErrInvalid, and nothing is
// written.
func (s *Store) SaveStories(ctx context.Context, u dateline.StoryUpdate) (err error) {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: save stories: %w", ctxErr(ctx, err))
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	var version int64
	err = tx.QueryRowContext(ctx, "SELECT version FROM story_state WHERE name = ?", storyStateKey).Scan(&version)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("sqlite: save stories: %w", ctxErr(ctx, err))
	}
	if version != u.Version {
		return fmt.Errorf("sqlite: save stories: computed from state version %d, stored version is %d (another process grouped documents meanwhile): %w",
			u.Version, version, dateline.ErrConflict)
	}
	var next int64
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(marked), 0) + 1 FROM story_docs").Scan(&next); err != nil {
		return fmt.Errorf("sqlite: save stories: %w", ctxErr(ctx, err))
	}
	mark, err := tx.PrepareContext(ctx, `INSERT INTO story_docs (doc, story, original, resemblance, sketch, marked)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (doc) DO UPDATE SET story = excluded.story, original = excluded.original,
			resemblance = excluded.resemblance, sketch = coalesce(excluded.sketch, story_docs.sketch)`)
	if err != nil {
		return fmt.Errorf("sqlite: save stories: %w", ctxErr(ctx, err))
	}
	defer mark.Close()
	for _, m := range u.Marks {
		if m.Doc == "" {
			return fmt.Errorf("sqlite: save stories: a mark without a document: %w", dateline.ErrInvalid)
		}
		var sketch any
		if m.Sketch != nil {
			sketch = m.Sketch
		}
		if _, err := mark.ExecContext(ctx, string(m.Doc), int64(m.Story), string(m.Original), m.Resemblance, sketch, next); err != nil {
			if isConstraint(err) {
				return fmt.Errorf("sqlite: save stories: document %q is not stored: %w", m.Doc, dateline.ErrInvalid)
			}
			return fmt.Errorf("sqlite: save stories: %w", ctxErr(ctx, err))
		}
		next++
	}
	put, err := tx.PrepareContext(ctx, `INSERT OR REPLACE INTO stories
		(id, label, docs, copies, first, last, last_ms, updated, view) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("sqlite: save stories: %w", ctxErr(ctx, err))
	}
	defer put.Close()
	for _, st := range u.Stories {
		view := []byte(st.View)
		if view == nil {
			view = []byte("null")
		}
		var lastMS any
		if !st.Last.IsZero() {
			lastMS = st.Last.UnixMilli()
		}
		if _, err := put.ExecContext(ctx, int64(st.ID), st.Label, st.Documents, st.Copies,
			formatTime(st.First), formatTime(st.Last), lastMS, formatTime(st.Updated), view); err != nil {
			return fmt.Errorf("sqlite: save story %d: %w", st.ID, ctxErr(ctx, err))
		}
	}
	for _, id := range u.Dropped {
		if _, err := tx.ExecContext(ctx, "DELETE FROM stories WHERE id = ?", int64(id)); err != nil {
			return fmt.Errorf("sqlite: drop story %d: %w", id, ctxErr(ctx, err))
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO story_state (name, value, version) VALUES (?1, coalesce(?2, x''), 1)
		ON CONFLICT (name) DO UPDATE SET value = coalesce(?2, story_state.value), version = story_state.version + 1`,
		storyStateKey, nilIfEmpty(u.State)); err != nil {
		return fmt.Errorf("sqlite: save story state: %w", ctxErr(ctx, err))
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: save stories: %w", ctxErr(ctx, err))
	}
	return nil
}

func nilIfEmpty(b []byte) any {
	if b == nil {
		return nil
	}
	return b
}

// isConstraint reports whether err is a constraint failure (a foreign key).
func isConstraint(err error) bool {
	var c interface{ Code() int }
	if errors.As(err, &c) {
		return c.Code()&0xff == 19 // SQLITE_CONSTRAINT
	}
	return false
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339Nano)
}

const storyColumns = "id, label, docs, copies, first, last, updated"

func scanSummary(sc interface{ Scan(...any) error }) (dateline.StorySummary, error) {
	var st dateline.StorySummary
	var id int64
	var first, last, updated string
	if err := sc.Scan(&id, &st.Label, &st.Documents, &st.Copies, &first, &last, &updated); err != nil {
		return st, err
	}
	st.ID = dateline.StoryID(id)
	st.First, st.Last, st.Updated = parseTime(first), parseTime(last), parseTime(updated)
	return st, nil
}

// Stories lists stories, latest report first (stories without dates last).
func (s *Store) Stories(ctx context.Context, q dateline.StoryQuery) ([]dateline.StorySummary, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)
	rows, err := s.read.QueryContext(ctx, "SELECT "+storyColumns+` FROM stories
		ORDER BY last_ms IS NULL, last_ms DESC, id DESC LIMIT ? OFFSET ?`, limit, max(q.Offset, 0))
	if err != nil {
		return nil, fmt.Errorf("sqlite: stories: %w", ctxErr(ctx, err))
	}
	defer rows.Close()
	out := []dateline.StorySummary{}
	for rows.Next() {
		st, err := scanSummary(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: stories: %w", err)
		}
		out = append(out, st)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: stories: %w", ctxErr(ctx, err))
	}
	return out, nil
}

// CountStories returns the number of stored stories.
func (s *Store) CountStories(ctx context.Context) (int, error) {
	var n int
	if err := s.read.QueryRowContext(ctx, "SELECT count(*) FROM stories").Scan(&n); err != nil {
		return 0, fmt.Errorf("sqlite: count stories: %w", ctxErr(ctx, err))
	}
	return n, nil
}

// Story returns one story with its marks and view, or an error wrapping
// dateline.ErrNotFound.
func (s *Store) Story(ctx context.Context, id dateline.StoryID) (*dateline.StoryRecord, error) {
	var view []byte
	row := s.read.QueryRowContext(ctx, "SELECT "+storyColumns+", view FROM stories WHERE id = ?", int64(id))
	var rec dateline.StoryRecord
	var sid int64
	var first, last, updated string
	err := row.Scan(&sid, &rec.Label, &rec.Documents, &rec.Copies, &first, &last, &updated, &view)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("sqlite: story %d: %w", id, dateline.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: story %d: %w", id, ctxErr(ctx, err))
	}
	rec.ID = dateline.StoryID(sid)
	rec.First, rec.Last, rec.Updated = parseTime(first), parseTime(last), parseTime(updated)
	rec.View = view
	if rec.Marks, err = s.StoryMarks(ctx, id); err != nil {
		return nil, err
	}
	return &rec, nil
}

// StoryOf returns the story mark of a document, or an error wrapping
// dateline.ErrNotFound.
func (s *Store) StoryOf(ctx context.Context, doc dateline.DocID) (dateline.StoryMark, error) {
	ms, err := s.marks(ctx, "SELECT doc, story, original, resemblance, NULL FROM story_docs WHERE doc = ?", string(doc))
	if err != nil {
		return dateline.StoryMark{}, err
	}
	if len(ms) == 0 {
		return dateline.StoryMark{}, fmt.Errorf("sqlite: story of %q: %w", doc, dateline.ErrNotFound)
	}
	return ms[0], nil
}
