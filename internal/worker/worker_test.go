package worker

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"strings"
	"sync"
	"testing"

	"github.com/dateline-news/dateline"
)

func pagesOf(texts ...string) iter.Seq2[*dateline.Page, error] {
	return func(yield func(*dateline.Page, error) bool) {
		for i, t := range texts {
			if t == "READERR" {
				if !yield(nil, fmt.Errorf("item %d: %w", i, dateline.ErrInvalid)) {
					return
				}
				continue
			}
			p := &dateline.Page{Source: dateline.SourceRef{Path: fmt.Sprintf("in/%d.txt", i)}, Format: dateline.FormatText, Body: []byte(t)}
			if !yield(p, nil) {
				return
			}
		}
	}
}

func extract(p *dateline.Page) (*dateline.Document, error) {
	s := string(p.Body)
	switch s {
	case "":
		return nil, fmt.Errorf("%s: %w: empty", p.Source.Path, dateline.ErrInvalid)
	case "PANIC":
		panic("boom")
	}
	return &dateline.Document{ID: dateline.NewDocID("", s), Text: s, Source: p.Source}, nil
}

func TestRunKeepsOrderAndRejects(t *testing.T) {
	var in []string
	for i := range 200 {
		switch i % 17 {
		case 3:
			in = append(in, "")
		case 5:
			in = append(in, "PANIC")
		case 7:
			in = append(in, "READERR")
		default:
			in = append(in, fmt.Sprintf("doc %d", i))
		}
	}
	var got []Result
	err := Run(context.Background(), pagesOf(in...), Config{Extract: extract, Workers: 4}, func(r Result) error {
		got = append(got, r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(in) {
		t.Fatalf("got %d results, want %d", len(got), len(in))
	}
	for i, r := range got {
		if r.Seq != i {
			t.Fatalf("result %d has seq %d", i, r.Seq)
		}
		switch in[i] {
		case "", "PANIC", "READERR":
			if r.Err == nil || r.Doc != nil {
				t.Errorf("item %d (%q): want rejection, got %+v", i, in[i], r)
			}
		default:
			if r.Err != nil || r.Doc.Text != in[i] {
				t.Errorf("item %d: got %+v", i, r)
			}
		}
	}
}

func TestRunSinkErrorStops(t *testing.T) {
	stop := errors.New("stop")
	n := 0
	err := Run(context.Background(), pagesOf("a", "b", "c", "d", "e"), Config{Extract: extract, Workers: 2}, func(r Result) error {
		n++
		if n == 2 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 2 {
		t.Fatalf("err=%v n=%d", err, n)
	}
}

func TestRunCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := Run(ctx, pagesOf("a", "b"), Config{Extract: extract}, func(Result) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
}

// memStore is a minimal dateline.Store for the ingest tests.
type memStore struct {
	mu   sync.Mutex
	docs map[dateline.DocID]*dateline.Document
	puts int
	fail int // fail the nth PutDocuments call (1-based); 0 never
}

func (m *memStore) PutDocuments(ctx context.Context, docs []*dateline.Document) (dateline.PutResult, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.puts++
	if m.puts == m.fail {
		return dateline.PutResult{}, errors.New("disk gone")
	}
	var r dateline.PutResult
	for _, d := range docs {
		if _, ok := m.docs[d.ID]; ok {
			r.Duplicates++
			continue
		}
		m.docs[d.ID] = d
		r.Stored++
	}
	return r, nil
}
func (m *memStore) Document(ctx context.Context, id dateline.DocID) (*dateline.Document, error) {
	return nil, dateline.ErrNotFound
}
func (m *memStore) Documents(ctx context.Context, q dateline.DocQuery) ([]dateline.DocSummary, error) {
	return nil, nil
}
func (m *memStore) CountDocuments(ctx context.Context) (int, error) { return len(m.docs), nil }
func (m *memStore) Close() error                                    { return nil }

func TestIngestCountsAndIsIdempotent(t *testing.T) {
	in := []string{"a", "b", "a", "", "c", "READERR", "b", "d"}
	st := &memStore{docs: map[dateline.DocID]*dateline.Document{}}
	cfg := Config{Extract: extract, Workers: 3}
	rep, err := Ingest(context.Background(), pagesOf(in...), cfg, st, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := Report{Read: 8, Stored: 4, Duplicates: 2, Rejected: 2}
	if rep.Read != want.Read || rep.Stored != want.Stored || rep.Duplicates != want.Duplicates || rep.Rejected != want.Rejected {
		t.Fatalf("first run: got %+v, want %+v", rep, want)
	}
	if len(rep.Rejections) != 2 || !strings.Contains(rep.Rejections[0].Reason, "empty") {
		t.Fatalf("rejections: %+v", rep.Rejections)
	}
	rep, err = Ingest(context.Background(), pagesOf(in...), cfg, st, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Stored != 0 || rep.Duplicates != 6 || len(st.docs) != 4 {
		t.Fatalf("rerun: %+v, %d docs", rep, len(st.docs))
	}
}

func TestIngestInterruptedThenRerun(t *testing.T) {
	var in []string
	for i := range 50 {
		in = append(in, fmt.Sprintf("doc %d", i))
	}
	st := &memStore{docs: map[dateline.DocID]*dateline.Document{}, fail: 3}
	cfg := Config{Extract: extract, Workers: 2}
	if _, err := Ingest(context.Background(), pagesOf(in...), cfg, st, 8, nil); err == nil {
		t.Fatal("want the store failure reported")
	}
	if len(st.docs) != 16 {
		t.Fatalf("after failure: %d docs stored, want the two committed batches (16)", len(st.docs))
	}
	rep, err := Ingest(context.Background(), pagesOf(in...), cfg, st, 8, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.docs) != 50 || rep.Stored != 34 || rep.Duplicates != 16 {
		t.Fatalf("rerun: %+v, %d docs", rep, len(st.docs))
	}
}
