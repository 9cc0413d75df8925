package postgres

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/dateline-news/dateline"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one schema step: migrations/NNNN_name.sql takes the schema
// from version NNNN-1 to NNNN.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns the embedded migrations in order. Their versions must
// run 1, 2, 3, ... without gaps.
func migrations(fsys fs.FS) ([]migration, error) {
	names, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, name := range names { // fs.Glob sorts
		base := path.Base(name)
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || len(num) != 4 {
			return nil, fmt.Errorf("migration %s: name is not NNNN_name.sql", base)
		}
		if v != len(out)+1 {
			return nil, fmt.Errorf("migration %s: version %d, want %d", base, v, len(out)+1)
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: base, sql: string(b)})
	}
	return out, nil
}

// migrationLock is the advisory lock key that serialises migrations
// ("dtln").
const migrationLock = 0x64746c6e

// migrate brings the schema up to the newest embedded migration in one
// transaction (PostgreSQL's DDL is transactional) under an advisory lock,
// so that workers starting together apply each step exactly once and none
// sees a half-migrated schema. The applied steps are recorded in
// dateline_migrations in the first schema of the search_path. A schema
// written by a newer dateline is refused with dateline.ErrUnsupported; an
// up-to-date one is only read, so a read-only replica opens too.
func migrate(ctx context.Context, pool *pgxpool.Pool, steps []migration) error {
	// Up to date: nothing to write (so a read-only replica opens too).
	version := -1
	var exists bool
	if err := pool.QueryRow(ctx, "SELECT to_regclass('dateline_migrations') IS NOT NULL").Scan(&exists); err != nil {
		return err
	}
	if exists {
		if err := pool.QueryRow(ctx, "SELECT coalesce(max(version), 0) FROM dateline_migrations").Scan(&version); err != nil {
			return err
		}
	}
	if version > len(steps) {
		return fmt.Errorf("database schema version %d is newer than this build of dateline knows (%d): upgrade dateline: %w",
			version, len(steps), dateline.ErrUnsupported)
	}
	if version == len(steps) {
		return nil
	}
	return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", int64(migrationLock)); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS dateline_migrations (
			version int PRIMARY KEY,
			name    text NOT NULL,
			applied timestamptz NOT NULL DEFAULT now())`); err != nil {
			return err
		}
		var version int
		if err := tx.QueryRow(ctx, "SELECT coalesce(max(version), 0) FROM dateline_migrations").Scan(&version); err != nil {
			return err
		}
		if version > len(steps) {
			return fmt.Errorf("database schema version %d is newer than this build of dateline knows (%d): upgrade dateline: %w",
				version, len(steps), dateline.ErrUnsupported)
		}
		for _, m := range steps[version:] {
			if _, err := tx.Exec(ctx, m.sql); err != nil {
				return fmt.Errorf("migration %s: %w", m.name, err)
			}
			if _, err := tx.Exec(ctx, "INSERT INTO dateline_migrations (version, name) VALUES ($1, $2)", m.version, m.name); err != nil {
				return fmt.Errorf("migration %s: %w", m.name, err)
			}
		}
		return nil
	})
}

// SchemaVersion returns the number of migrations applied.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.pool.QueryRow(ctx, "SELECT coalesce(max(version), 0) FROM dateline_migrations").Scan(&v)
	return v, err
}
