package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/dateline-news/dateline"
)

func TestEmbeddedMigrations(t *testing.T) {
	steps, err := migrations(migrationFiles)
	if err != nil {
		t.Fatal(err)
	}
	if len(steps) == 0 {
		t.Fatal("no migrations embedded")
	}
	for i, m := range steps {
		if m.version != i+1 || strings.TrimSpace(m.sql) == "" {
			t.Errorf("migration %d: %+v", i, m.name)
		}
	}
}

func TestMigrationNames(t *testing.T) {
	file := &fstest.MapFile{Data: []byte("SELECT 1;")}
	tests := []struct {
		files []string
		ok    bool
	}{
		{[]string{"0001_a.sql", "0002_b.sql"}, true},
		{[]string{"0001_a.sql", "0003_c.sql"}, false},
		{[]string{"0002_b.sql"}, false},
		{[]string{"1_a.sql"}, false},
		{[]string{"0001a.sql"}, false},
		{[]string{"000x_a.sql"}, false},
		{nil, true},
	}
	for _, tc := range tests {
		fsys := fstest.MapFS{}
		for _, f := range tc.files {
			fsys["migrations/"+f] = file
		}
		if _, err := migrations(fsys); (err == nil) != tc.ok {
			t.Errorf("migrations(%v) error = %v, want ok %v", tc.files, err, tc.ok)
		}
	}
}

// rawExec runs statements on a database file without the store.
func rawExec(t *testing.T, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

func TestOpenRefuses(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()

	newer := filepath.Join(dir, "newer.db")
	s, err := Open(ctx, newer)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutDocuments(ctx, []*dateline.Document{{ID: "kept", Text: "kept"}}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	rawExec(t, newer, "PRAGMA user_version = 999")

	foreign := filepath.Join(dir, "foreign.db")
	rawExec(t, foreign, "CREATE TABLE recipes (name TEXT)")
	otherApp := filepath.Join(dir, "other-app.db")
	rawExec(t, otherApp, "PRAGMA application_id = 42")

	tests := []struct{ path, msg string }{
		{newer, "newer than this build"},
		{foreign, "not a dateline database"},
		{otherApp, "not a dateline database"},
	}
	for _, tc := range tests {
		s, err := Open(ctx, tc.path)
		if err == nil {
			s.Close()
			t.Errorf("Open(%s): no error", filepath.Base(tc.path))
			continue
		}
		if !errors.Is(err, dateline.ErrUnsupported) || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("Open(%s) = %v, want ErrUnsupported saying %q", filepath.Base(tc.path), err, tc.msg)
		}
	}
	// The refused database is untouched.
	rawExec(t, newer, "PRAGMA user_version = 1")
	s, err = Open(ctx, newer)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Document(ctx, "kept"); err != nil {
		t.Errorf("document lost after a refused open: %v", err)
	}
	if _, err := Open(ctx, ""); !errors.Is(err, dateline.ErrInvalid) {
		t.Errorf("Open(\"\") = %v, want ErrInvalid", err)
	}
}

func TestOpenTwiceAndConcurrently(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shared.db")
	var wg sync.WaitGroup
	stores := make([]*Store, 4)
	errs := make([]error, len(stores))
	for i := range stores {
		wg.Go(func() { stores[i], errs[i] = Open(ctx, path) })
	}
	wg.Wait()
	for i, s := range stores {
		if errs[i] != nil {
			t.Fatalf("concurrent Open %d: %v", i, errs[i])
		}
		defer s.Close()
	}
	steps, _ := migrations(migrationFiles)
	if v, err := stores[0].SchemaVersion(ctx); err != nil || v != len(steps) {
		t.Errorf("SchemaVersion = %d, %v; want %d", v, err, len(steps))
	}
	// Two stores (as two processes would) write the same documents.
	docs := newCorpus(11).docs(0, 20)
	var total [2]dateline.PutResult
	for i := range 2 {
		wg.Go(func() {
			res, err := stores[i].PutDocuments(ctx, docs)
			if err != nil {
				t.Errorf("store %d: %v", i, err)
			}
			total[i] = res
		})
	}
	wg.Wait()
	if got := total[0].Stored + total[1].Stored; got != len(docs) {
		t.Errorf("two writers stored %d, want %d (%+v)", got, len(docs), total)
	}
	if n, _ := stores[2].CountDocuments(ctx); n != len(docs) {
		t.Errorf("CountDocuments = %d, want %d", n, len(docs))
	}
}

func TestOddPaths(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for _, name := range []string{"a?b.db", "c#d.db", "e%20f.db", "Zürich – café.db", "file:g.db"} {
		path := filepath.Join(dir, name)
		s, err := Open(ctx, path)
		if err != nil {
			t.Errorf("Open(%q): %v", name, err)
			continue
		}
		s.Close()
		if _, err := os.Stat(path); err != nil {
			t.Errorf("Open(%q) did not create that file: %v", name, err)
		}
	}
}

// TestPlans checks that the listing walks the index instead of sorting.
func TestPlans(t *testing.T) {
	s := openTemp(t)
	defer s.Close()
	rows, err := s.read.Query("EXPLAIN QUERY PLAN "+listDocuments, 10, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	p := strings.Join(plan, "; ")
	if strings.Contains(p, "TEMP B-TREE") || !strings.Contains(p, "documents_newest") {
		t.Errorf("listing plan %q: want a scan of documents_newest, no sort", p)
	}
}
