package sqlite

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/dateline-news/dateline"
)

func TestStories(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	day := func(d int) time.Time { return time.Date(2025, 8, d, 0, 0, 0, 0, time.UTC) }
	var docs []*dateline.Document
	for i, text := range []string{"The envoys met in Genève – talks ended.", "A second report: “talks ended”.", "Unrelated news."} {
		docs = append(docs, &dateline.Document{ID: dateline.NewDocID("", text), Text: text, Title: text[:10], Published: day(10 + i)})
	}
	if _, err := s.PutDocuments(ctx, docs); err != nil {
		t.Fatal(err)
	}
	un, err := s.Unstoried(ctx, 10)
	if err != nil || len(un) != 3 || un[0] != docs[0].ID {
		t.Fatalf("Unstoried = %v, %v; want the 3 documents in order", un, err)
	}
	if st, v, err := s.StoryState(ctx); err != nil || st != nil || v != 0 {
		t.Fatalf("StoryState of a new store = %q, %d, %v", st, v, err)
	}
	view := json.RawMessage(`{"timeline":[]}`)
	u := dateline.StoryUpdate{
		Marks: []dateline.StoryMark{
			{Doc: docs[0].ID, Story: 0, Sketch: []byte{1, 2}},
			{Doc: docs[1].ID, Story: 0, Original: docs[0].ID, Resemblance: 0.9, Sketch: []byte{1, 3}},
		},
		Stories: []dateline.StoryRecord{{StorySummary: dateline.StorySummary{ID: 0, Label: "Genève talks", Documents: 2, Copies: 1, First: day(10), Last: day(11), Updated: day(20)}, View: view}},
		State:   []byte(`{"seen":2}`),
	}
	if err := s.SaveStories(ctx, u); err != nil {
		t.Fatal(err)
	}
	if un, _ := s.Unstoried(ctx, 10); len(un) != 1 || un[0] != docs[2].ID {
		t.Errorf("Unstoried after marking = %v", un)
	}
	if st, v, _ := s.StoryState(ctx); string(st) != `{"seen":2}` || v != 1 {
		t.Errorf("StoryState = %q, version %d", st, v)
	}
	rec, err := s.Story(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Label != "Genève talks" || rec.Documents != 2 || rec.Copies != 1 || !rec.First.Equal(day(10)) || !rec.Last.Equal(day(11)) || string(rec.View) != string(view) {
		t.Errorf("Story = %+v", rec)
	}
	if len(rec.Marks) != 2 || rec.Marks[1].Original != docs[0].ID || rec.Marks[1].Resemblance != 0.9 {
		t.Errorf("Story marks = %+v", rec.Marks)
	}
	// A move keeps the stored sketch when the mark carries none.
	u2 := dateline.StoryUpdate{
		Marks:   []dateline.StoryMark{{Doc: docs[1].ID, Story: 1}, {Doc: docs[2].ID, Story: 1, Sketch: []byte{1, 4}}},
		Stories: []dateline.StoryRecord{{StorySummary: dateline.StorySummary{ID: 1, Label: "later", Documents: 2, Last: day(12)}}},
		Dropped: []dateline.StoryID{0},
		Version: 1,
	}
	if err := s.SaveStories(ctx, u2); err != nil {
		t.Fatal(err)
	}
	recent, err := s.RecentSketches(ctx, 2)
	if err != nil || len(recent) != 2 || recent[0].Doc != docs[1].ID || string(recent[0].Sketch) != "\x01\x03" || recent[1].Doc != docs[2].ID {
		t.Errorf("RecentSketches = %+v, %v", recent, err)
	}
	if _, err := s.Story(ctx, 0); !errors.Is(err, dateline.ErrNotFound) {
		t.Errorf("dropped story: %v, want ErrNotFound", err)
	}
	list, err := s.Stories(ctx, dateline.StoryQuery{})
	if err != nil || len(list) != 1 || list[0].ID != 1 {
		t.Errorf("Stories = %+v, %v", list, err)
	}
	if n, _ := s.CountStories(ctx); n != 1 {
		t.Errorf("CountStories = %d", n)
	}
	if m, err := s.StoryOf(ctx, docs[1].ID); err != nil || m.Story != 1 {
		t.Errorf("StoryOf = %+v, %v", m, err)
	}
	if _, err := s.StoryOf(ctx, "nope"); !errors.Is(err, dateline.ErrNotFound) {
		t.Errorf("StoryOf(unknown) = %v", err)
	}
	// A mark for a document that is not stored writes nothing.
	bad := dateline.StoryUpdate{Marks: []dateline.StoryMark{{Doc: docs[0].ID, Story: 5}, {Doc: "absent", Story: 5}}, Version: 2}
	if err := s.SaveStories(ctx, bad); !errors.Is(err, dateline.ErrInvalid) {
		t.Errorf("mark of an absent document: %v, want ErrInvalid", err)
	}
	if m, _ := s.StoryOf(ctx, docs[0].ID); m.Story != 0 {
		t.Errorf("a failed update changed a mark: %+v", m)
	}
	// An update computed from an old state version is refused; the state
	// written by the second update stays.
	stale := dateline.StoryUpdate{Marks: []dateline.StoryMark{{Doc: docs[0].ID, Story: 7}}, State: []byte("{}"), Version: 1}
	if err := s.SaveStories(ctx, stale); !errors.Is(err, dateline.ErrConflict) {
		t.Errorf("stale update: %v, want ErrConflict", err)
	}
	if st, v, _ := s.StoryState(ctx); string(st) != `{"seen":2}` || v != 2 {
		t.Errorf("after a refused update: state %q, version %d", st, v)
	}
}
