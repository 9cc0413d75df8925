package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/storetest"
)

func TestIndexConformance(t *testing.T) {
	storetest.RunIndex(t, func(t *testing.T) storetest.IndexBackend {
		s, err := Open(context.Background(), testSchema(t))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

// TestBackfill opens a schema written before migration 0003 (and those
// after it): the documents already stored are indexed as if they had been
// stored after it.
func TestBackfill(t *testing.T) {
	ctx := context.Background()
	url := testSchema(t)
	s, err := Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	var docs []*dateline.Document
	for i := range backfillBatch + 9 {
		d := storetest.Doc(fmt.Sprintf("https://example.test/b/%d", i), "Report", time.Date(2025, 1, 1+i%28, 0, 0, 0, 0, time.UTC),
			fmt.Sprintf("Ana Pérez said talks %d went well – for now.", i))
		p := strings.Index(d.Text, "Ana")
		d.Mentions = []dateline.Mention{{Span: dateline.Span{Start: int32(p), End: int32(p + len("Ana Pérez"))}, Type: dateline.EntPerson, Actor: 0}}
		d.Actors = []dateline.DocActor{{Name: "Ana Pérez", Type: dateline.EntPerson, Role: "minister", Mentions: []int{0}}}
		q := strings.Index(d.Text, "talks")
		d.Quotes = []dateline.Quote{{Span: dateline.Span{Start: int32(q), End: int32(len(d.Text))}, Kind: dateline.QuoteIndirect, Speaker: 0}}
		d.Events = []dateline.Event{{Code: "010", Status: dateline.StatusHappened, Source: []dateline.EventActor{{Actor: 0, Text: "Ana Pérez"}},
			Evidence: dateline.Span{Start: int32(p), End: int32(len(d.Text))}, Time: -1, Asserter: -1}}
		docs = append(docs, d)
	}
	if _, err := s.PutDocuments(ctx, docs); err != nil {
		t.Fatal(err)
	}
	snapshot := func(s *Store) string {
		t.Helper()
		a, err := s.Actor(ctx, "person/ana-perez")
		if err != nil {
			t.Fatal(err)
		}
		qs, err := s.Quotes(ctx, dateline.QuoteQuery{Limit: dateline.MaxIndexLimit})
		if err != nil {
			t.Fatal(err)
		}
		es, err := s.Events(ctx, dateline.EventQuery{Limit: dateline.MaxIndexLimit})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal([]any{a, qs, es})
		return string(b)
	}
	want := snapshot(s)
	if _, err := s.Pool().Exec(ctx, `DROP TABLE actors, actor_keys, actor_aliases, actor_roles, doc_actors, quotes, events, event_actors, index_backfill;
		DELETE FROM dateline_migrations WHERE version >= 3`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := snapshot(s); got != want {
		t.Errorf("backfilled index differs:\n got %.300s\nwant %.300s", got, want)
	}
}
