// Package postgres is the dateline.Store on PostgreSQL (pgx), for
// deployments that outgrow the embedded SQLite file: several workers on
// several machines writing to one database, read by any number of servers.
//
// The schema lives in migrations/NNNN_name.sql, embedded and applied in
// order under an advisory lock when a store opens; dateline_migrations
// records the steps, and a schema from a newer dateline is refused. A later
// layer (actors, events, stories) adds the next numbered file; a migration
// that has shipped is never edited. Tables go to the first schema of the
// connection's search_path, so one database can hold several stores
// (postgres://…/db?search_path=tenant).
//
// Every PutDocuments call is one transaction: the batch is copied into a
// temporary table (COPY, binary) and moved into documents with INSERT …
// ON CONFLICT (id) DO NOTHING, so any number of writers can store the same
// documents at once and each is kept exactly once. Full-text search uses a
// tsvector column with a GIN index; the words are made in Go (text.go), so
// search behaves the same whatever the server's locale.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/dateline-news/dateline"
)

// Store is a dateline.Store in a PostgreSQL database. It is safe for
// concurrent use.
type Store struct {
	pool    *pgxpool.Pool
	now     func() time.Time
	folders sync.Pool // *folder

	closeOnce sync.Once
}

var _ dateline.Store = (*Store)(nil)

// Option configures Open.
type Option func(*options)

type options struct {
	now      func() time.Time
	maxConns int32
}

// WithClock sets the clock that stamps documents as ingested (default
// time.Now).
func WithClock(now func() time.Time) Option { return func(o *options) { o.now = now } }

// WithMaxConns sets the size of the connection pool (default: max(4,
// GOMAXPROCS)); n < 1 keeps the default. A pool_max_conns parameter in
// the URL wins.
func WithMaxConns(n int) Option {
	return func(o *options) {
		if n >= 1 {
			o.maxConns = int32(n)
		}
	}
}

// IsURL reports whether a --db value names a PostgreSQL database rather
// than a SQLite file.
func IsURL(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

// Open connects to the database at url (postgres://user:pass@host:port/db?
// sslmode=…; every libpq parameter pgx knows, and pool_max_conns), applies
// pending migrations and returns the store. A bad URL is dateline.ErrInvalid;
// a schema from a newer dateline is dateline.ErrUnsupported.
func Open(ctx context.Context, url string, opts ...Option) (*Store, error) {
	o := options{now: time.Now, maxConns: int32(max(4, runtime.GOMAXPROCS(0)))}
	for _, opt := range opts {
		opt(&o)
	}
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w: %v", dateline.ErrInvalid, redact(err))
	}
	if !strings.Contains(url, "pool_max_conns") {
		cfg.MaxConns = o.maxConns
	}
	steps, err := migrations(migrationFiles)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: connect: %w", err)
	}
	if err := migrate(ctx, pool, steps); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: %s: %w", where(cfg), err)
	}
	s := &Store{pool: pool, now: o.now}
	if err := s.backfill(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: %s: %w", where(cfg), err)
	}
	return s, nil
}

// where names a database without its password.
func where(cfg *pgxpool.Config) string {
	c := cfg.ConnConfig
	return fmt.Sprintf("%s@%s:%d/%s", c.User, c.Host, c.Port, c.Database)
}

// redact keeps a URL parse error from echoing the password: pgx's parse
// errors quote the connection string.
func redact(err error) string {
	s := err.Error()
	if i := strings.Index(s, "cannot parse `"); i >= 0 {
		if j := strings.Index(s[i+14:], "`"); j >= 0 {
			s = s[:i] + "cannot parse the URL" + s[i+14+j+1:]
		}
	}
	return s
}

// Pool returns the connection pool, for tools and tests.
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// Close closes the pool, waiting for connections in use to be returned.
// Calls after the first do nothing.
func (s *Store) Close() error {
	s.closeOnce.Do(s.pool.Close)
	return nil
}

func (s *Store) folder() *folder {
	if f, ok := s.folders.Get().(*folder); ok {
		return f
	}
	return newFolder()
}

// ctxErr prefers the context's error to the driver's.
func ctxErr(ctx context.Context, err error) error {
	if cerr := ctx.Err(); cerr != nil && !errors.Is(err, cerr) {
		return fmt.Errorf("%w (%v)", cerr, err)
	}
	return err
}
