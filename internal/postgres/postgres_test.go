package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/bustest"
	"github.com/dateline-news/dateline/internal/storetest"
)

// testSchema creates a schema of its own for a test in the database of
// $DATELINE_TEST_POSTGRES and returns a URL whose search_path names it; the
// schema is dropped when the test ends.
func testSchema(t testing.TB) string {
	t.Helper()
	base := bustest.Server(t, bustest.EnvPostgres)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("connect to %s: %v", bustest.EnvPostgres, err)
	}
	defer conn.Close(ctx)
	b := make([]byte, 6)
	rand.Read(b)
	schema := "test_" + hex.EncodeToString(b)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn, err := pgx.Connect(context.Background(), base)
		if err != nil {
			t.Errorf("drop schema: %v", err)
			return
		}
		defer conn.Close(context.Background())
		if _, err := conn.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema: %v", err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	v := u.Query()
	v.Set("search_path", schema)
	u.RawQuery = v.Encode()
	return u.String()
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) dateline.Store {
		s, err := Open(context.Background(), testSchema(t))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

func TestMigrateTwiceAndRefuseNewer(t *testing.T) {
	ctx := context.Background()
	u := testSchema(t)
	steps, err := migrations(migrationFiles)
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		s, err := Open(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		v, err := s.SchemaVersion(ctx)
		if err != nil || v != len(steps) {
			t.Errorf("SchemaVersion = %d, %v; want %d", v, err, len(steps))
		}
		s.Close()
	}
	s, err := Open(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Pool().Exec(ctx, "INSERT INTO dateline_migrations (version, name) VALUES (99, '0099_future.sql')"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(ctx, u); !errors.Is(err, dateline.ErrUnsupported) {
		t.Errorf("Open(newer schema) = %v, want ErrUnsupported", err)
	}
}

func TestOpenBadURL(t *testing.T) {
	for _, u := range []string{"postgres://u:secret@host:notaport/db", "postgres://%zz"} {
		_, err := Open(context.Background(), u)
		if !errors.Is(err, dateline.ErrInvalid) {
			t.Errorf("Open(%q) = %v, want ErrInvalid", u, err)
		}
		if err != nil && strings.Contains(err.Error(), "secret") {
			t.Errorf("Open(%q) error shows the password: %v", u, err)
		}
	}
}
