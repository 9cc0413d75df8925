// Package sqlite is the embedded dateline.Store: one SQLite file (pure Go,
// modernc.org/sqlite) with an FTS5 full-text index, versioned by embedded
// migrations.
//
// The file is opened in WAL mode with one writer connection and a pool of
// read-only connections, so searches run while an ingest writes. Every
// PutDocuments call is one IMMEDIATE transaction: a process killed midway
// leaves each batch either wholly stored or absent, and a rerun stores the
// rest (documents are keyed by DocID). synchronous=NORMAL keeps committed
// batches across a killed process; a power cut may lose the last ones but
// never corrupts the file.
//
// The schema lives in migrations/NNNN_name.sql, embedded and applied in
// order; PRAGMA user_version records how many ran, and a file from a newer
// dateline is refused. A later layer (actors, events, stories) adds the next
// numbered file; a migration that has shipped is never edited.
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

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Store is a dateline.Store in one SQLite file. It is safe for concurrent
// use; writes are serialised on one connection.
type Store struct {
	write *sql.DB // one connection: SQLite has one writer at a time
	read  *sql.DB // query_only connections; the same as write for :memory:
	now   func() time.Time
	enc   encoders

	closeOnce sync.Once
	closeErr  error
}

var _ dateline.Store = (*Store)(nil)

// Option configures Open.
type Option func(*options)

type options struct {
	now           func() time.Time
	readers       int
	backfillBatch int // documents per backfill transaction (see index.go); tests make it small
}

// WithClock sets the clock that stamps documents as ingested (default
// time.Now).
func WithClock(now func() time.Time) Option { return func(o *options) { o.now = now } }

// WithReaders sets the size of the read pool (default: max(4, GOMAXPROCS));
// n < 1 keeps the default.
func WithReaders(n int) Option {
	return func(o *options) {
		if n >= 1 {
			o.readers = n
		}
	}
}

// busyTimeout is how long a connection waits for another process's lock.
const busyTimeout = 10 * time.Second

// Open opens the store at path, creating the file and applying pending
// migrations. The path ":memory:" opens a private in-memory store on a
// single connection (for tests and one-shot runs). A database written by a
// newer dateline, or by another application, is refused with an error
// wrapping dateline.ErrUnsupported.
func Open(ctx context.Context, path string, opts ...Option) (*Store, error) {
	o := options{now: time.Now, readers: max(4, runtime.GOMAXPROCS(0)), backfillBatch: backfillBatch}
	for _, opt := range opts {
		opt(&o)
	}
	if path == "" {
		return nil, fmt.Errorf("sqlite: empty database path: %w", dateline.ErrInvalid)
	}
	steps, err := migrations(migrationFiles)
	if err != nil {
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	pragmas := []string{
		fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()),
		"foreign_keys(1)",
		"synchronous(NORMAL)",
		"temp_store(MEMORY)",
		"cache_size(-16000)", // 16 MB per connection
	}
	s := &Store{now: o.now}
	if path == ":memory:" {
		s.write, err = openDB(ctx, ":memory:", pragmas, "_txlock=immediate")
		if err != nil {
			return nil, fmt.Errorf("sqlite: open :memory:: %w", err)
		}
		s.read = s.write
	} else {
		name := uriPath(path)
		s.write, err = openDB(ctx, name, append(pragmas, "journal_mode(WAL)"), "_txlock=immediate")
		if err != nil {
			return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
		}
	}
	s.write.SetMaxOpenConns(1)
	s.write.SetMaxIdleConns(1)
	s.write.SetConnMaxLifetime(0)
	s.write.SetConnMaxIdleTime(0)
	if err := migrate(ctx, s.write, steps); err != nil {
		s.write.Close()
		return nil, fmt.Errorf("sqlite: %s: %w", path, err)
	}
	if err := s.backfill(ctx, o.backfillBatch); err != nil {
		s.write.Close()
		return nil, fmt.Errorf("sqlite: %s: %w", path, err)
	}
	if s.read == nil {
		s.read, err = openDB(ctx, uriPath(path), append(pragmas, "query_only(1)"), "")
		if err != nil {
			s.write.Close()
			return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
		}
		s.read.SetMaxOpenConns(o.readers)
		s.read.SetMaxIdleConns(o.readers)
	}
	return s, nil
}

// uriPath makes a file path safe to put before the DSN's query: the driver
// splits at the first '?', and SQLite decodes %HH in "file:" names.
func uriPath(path string) string {
	r := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")
	return "file:" + r.Replace(path)
}

func openDB(ctx context.Context, name string, pragmas []string, extra string) (*sql.DB, error) {
	var q []string
	for _, p := range pragmas {
		q = append(q, "_pragma="+p)
	}
	if extra != "" {
		q = append(q, extra)
	}
	// Opening runs the pragmas; switching a new file to WAL while another
	// process does the same can fail with SQLITE_BUSY at once, without the
	// busy handler, so a busy open is retried for up to busyTimeout.
	deadline := time.Now().Add(busyTimeout)
	for wait := time.Millisecond; ; wait = min(2*wait, 100*time.Millisecond) {
		db, err := sql.Open("sqlite", name+"?"+strings.Join(q, "&"))
		if err != nil {
			return nil, err
		}
		err = db.PingContext(ctx)
		if err == nil {
			return db, nil
		}
		db.Close()
		if !isBusy(err) || time.Now().After(deadline) {
			return nil, err
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(wait):
		}
	}
}

// isBusy reports whether err is SQLite's SQLITE_BUSY (or an extended code of it).
func isBusy(err error) bool {
	var coded interface{ Code() int }
	return errors.As(err, &coded) && coded.Code()&0xff == 5
}

// Close closes the store. It runs PRAGMA optimize first, as SQLite
// recommends for long-lived connections.
// Calls after the first return the first call's result.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		var errs []error
		if s.read != s.write {
			errs = append(errs, s.read.Close())
		}
		if _, err := s.write.Exec("PRAGMA optimize"); err != nil {
			errs = append(errs, err)
		}
		errs = append(errs, s.write.Close())
		s.closeErr = errors.Join(errs...)
	})
	return s.closeErr
}
