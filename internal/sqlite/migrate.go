package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"github.com/dateline-news/dateline"
)

// applicationID marks a dateline database in the SQLite header ("dtln"); the
// first migration sets it.
const applicationID = 0x64746c6e

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one schema step: migrations/NNNN_name.sql takes the database
// from user_version NNNN-1 to NNNN.
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

// migrate brings the schema of db up to the newest embedded migration. Each
// step runs in its own IMMEDIATE transaction that re-reads user_version
// first, so two processes opening a new database at once apply each step
// exactly once. A database written by a newer dateline, or one that belongs
// to another application, is refused and left untouched.
func migrate(ctx context.Context, db *sql.DB, steps []migration) error {
	for {
		done, err := migrateStep(ctx, db, steps)
		if err != nil || done {
			return err
		}
	}
}

func migrateStep(ctx context.Context, db *sql.DB, steps []migration) (done bool, err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	var version, app, objects int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return false, err
	}
	if err := tx.QueryRowContext(ctx, "PRAGMA application_id").Scan(&app); err != nil {
		return false, err
	}
	if app != 0 && app != applicationID {
		return false, fmt.Errorf("not a dateline database (application_id %#x): %w", app, dateline.ErrUnsupported)
	}
	if version == 0 && app == 0 {
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&objects); err != nil {
			return false, err
		}
		if objects > 0 {
			return false, fmt.Errorf("not a dateline database (it has %d tables or indexes of another application): %w", objects, dateline.ErrUnsupported)
		}
	}
	latest := len(steps)
	if version > latest {
		return false, fmt.Errorf("database schema version %d is newer than this build of dateline knows (%d): upgrade dateline: %w",
			version, latest, dateline.ErrUnsupported)
	}
	if version == latest {
		return true, tx.Rollback()
	}
	m := steps[version]
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return false, fmt.Errorf("migration %s: %w", m.name, err)
	}
	// PRAGMA takes no parameters; the version is an integer we own.
	if _, err := tx.ExecContext(ctx, "PRAGMA user_version = "+strconv.Itoa(m.version)); err != nil {
		return false, fmt.Errorf("migration %s: %w", m.name, err)
	}
	return false, tx.Commit()
}

// SchemaVersion returns the schema version of the open database (PRAGMA
// user_version): the number of migrations applied.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.read.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
	return v, err
}
