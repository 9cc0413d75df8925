package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/storetest"
)

func TestIndexConformance(t *testing.T) {
	storetest.RunIndex(t, func(t *testing.T) storetest.IndexBackend { return openTemp(t) })
}

func TestIndexConformanceInMemory(t *testing.T) {
	storetest.RunIndex(t, func(t *testing.T) storetest.IndexBackend {
		s, err := Open(context.Background(), ":memory:")
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

// indexSnapshot is what the index answers about a store, for comparing two.
func indexSnapshot(t *testing.T, s *Store) string {
	t.Helper()
	ctx := context.Background()
	as, err := s.Actors(ctx, dateline.ActorQuery{Limit: dateline.MaxIndexLimit})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for i, a := range as {
		fmt.Fprintf(&b, "%+v\n", a)
		if i >= 5 { // full records of the commonest few (they are slow under -race)
			continue
		}
		rec, err := s.Actor(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%+v %q %+v %d %d %d\n", a, rec.Aliases, rec.Roles, len(rec.RecentDocuments), len(rec.RecentEvents), len(rec.RecentQuotes))
	}
	for off := 0; ; off += dateline.MaxIndexLimit {
		qs, err := s.Quotes(ctx, dateline.QuoteQuery{Limit: dateline.MaxIndexLimit, Offset: off})
		if err != nil {
			t.Fatal(err)
		}
		es, err := s.Events(ctx, dateline.EventQuery{Limit: dateline.MaxIndexLimit, Offset: off})
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range qs {
			fmt.Fprintf(&b, "%+v\n", q)
		}
		for _, e := range es {
			fmt.Fprintf(&b, "%+v\n", e)
		}
		if len(qs) < dateline.MaxIndexLimit && len(es) < dateline.MaxIndexLimit {
			break
		}
	}
	return b.String()
}

// TestBackfill opens a database written before migration 0003: the
// documents already stored are indexed, in several batches, exactly as if
// they had been stored after it; a second open does nothing more.
func TestBackfill(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	c := newCorpus(5)
	c.full = true
	const batch = 8
	docs := c.docs(0, 2*batch+5)
	docs[3].Published = time.Time{} // an undated one
	if _, err := s.PutDocuments(ctx, docs); err != nil {
		t.Fatal(err)
	}
	want := indexSnapshot(t, s)
	if n := strings.Count(want, "\n"); n < 200 {
		t.Fatalf("the test corpus indexes only %d rows", n)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// Back to schema 2: the index tables gone, as before 0003.
	rawExec(t, path, "DROP TABLE actors", "DROP TABLE actor_keys", "DROP TABLE actor_aliases", "DROP TABLE actor_roles",
		"DROP TABLE doc_actors", "DROP TABLE doc_index", "DROP TABLE index_backfill",
		"PRAGMA user_version = 2")
	for range 2 {
		s, err = Open(ctx, path, func(o *options) { o.backfillBatch = batch })
		if err != nil {
			t.Fatal(err)
		}
		if got := indexSnapshot(t, s); got != want {
			t.Errorf("backfilled index differs:\n%s", firstDiff(want, got))
		}
		var n int
		if err := s.read.QueryRow("SELECT count(*) FROM index_backfill").Scan(&n); err != nil || n != 0 {
			t.Errorf("backfill left %d rows (%v)", n, err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(w), len(g)) {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, wl, gl)
		}
	}
	return ""
}
