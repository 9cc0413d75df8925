package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/dateline-news/dateline"
)

// StoryBackend is a store that keeps stories: what RunStories tests.
type StoryBackend interface {
	dateline.Store
	dateline.StoryStore
}

// RunStories runs the conformance suite of dateline.StoryStore. open must
// return a new, empty store each call; RunStories closes it when the
// subtest ends.
//
// It pins down: marks, records and state round-trip (multi-byte labels,
// copies with their resemblance, sketches); a move keeps the stored sketch
// when the mark has none; dropped stories are gone; a mark of a document
// that is not stored writes nothing (ErrInvalid); an update computed from
// an older state version writes nothing (ErrConflict); and when several
// writers save from the same version at once exactly one wins each round.
func RunStories(t *testing.T, open func(t *testing.T) StoryBackend) {
	runSuite(t, open, []suiteTest[StoryBackend]{
		{"Lifecycle", testStoryLifecycle},
		{"ListOrder", testStoryListOrder},
		{"ConcurrentWriters", testStoryWriters},
	})
}

func storyDay(d int) time.Time { return time.Date(2025, 8, d, 0, 0, 0, 0, time.UTC) }

func storyDocs(t *testing.T, s dateline.Store, texts ...string) []*dateline.Document {
	t.Helper()
	var docs []*dateline.Document
	for i, text := range texts {
		docs = append(docs, Doc(fmt.Sprintf("https://example.test/s/%d", i), fmt.Sprintf("Report %d", i), storyDay(10+i), text))
	}
	put(t, s, docs...)
	return docs
}

func testStoryLifecycle(t *testing.T, s StoryBackend) {
	ctx := context.Background()
	docs := storyDocs(t, s, "The envoys met in Genève – talks ended.", "A second report: “talks ended”.", "Unrelated news.")
	un, err := s.Unstoried(ctx, 10)
	if err != nil || len(un) != 3 || un[0] != docs[0].ID || un[2] != docs[2].ID {
		t.Fatalf("Unstoried = %v, %v; want the 3 documents in the order stored", un, err)
	}
	if un, _ := s.Unstoried(ctx, 2); len(un) != 2 {
		t.Errorf("Unstoried(2) = %v", un)
	}
	if st, v, err := s.StoryState(ctx); err != nil || st != nil || v != 0 {
		t.Fatalf("StoryState of a new store = %q, %d, %v", st, v, err)
	}
	if n, err := s.CountStories(ctx); err != nil || n != 0 {
		t.Errorf("CountStories of a new store = %d, %v", n, err)
	}
	if list, err := s.Stories(ctx, dateline.StoryQuery{}); err != nil || list == nil || len(list) != 0 {
		t.Errorf("Stories of a new store = %#v, %v; want empty and non-nil", list, err)
	}
	view := json.RawMessage(`{"timeline":[],"label":"Genève – “talks”"}`)
	u := dateline.StoryUpdate{
		Marks: []dateline.StoryMark{
			{Doc: docs[0].ID, Story: 0, Sketch: []byte{1, 2}},
			{Doc: docs[1].ID, Story: 0, Original: docs[0].ID, Resemblance: 0.9, Sketch: []byte{1, 3}},
		},
		Stories: []dateline.StoryRecord{{StorySummary: dateline.StorySummary{ID: 0, Label: "Genève – talks", Documents: 2, Copies: 1,
			First: storyDay(10), Last: storyDay(11), Updated: storyDay(20)}, View: view}},
		State: []byte(`{"seen":2}`),
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
	if rec.Label != "Genève – talks" || rec.Documents != 2 || rec.Copies != 1 || !rec.First.Equal(storyDay(10)) ||
		!rec.Last.Equal(storyDay(11)) || !rec.Updated.Equal(storyDay(20)) || string(rec.View) != string(view) {
		t.Errorf("Story = %+v", rec)
	}
	if len(rec.Marks) != 2 || rec.Marks[0].Doc != docs[0].ID || rec.Marks[1].Original != docs[0].ID || rec.Marks[1].Resemblance != 0.9 {
		t.Errorf("Story marks = %+v", rec.Marks)
	}
	// A move keeps the stored sketch when the mark carries none; a state
	// of nil keeps the stored state.
	u2 := dateline.StoryUpdate{
		Marks:   []dateline.StoryMark{{Doc: docs[1].ID, Story: 1}, {Doc: docs[2].ID, Story: 1, Sketch: []byte{1, 4}}},
		Stories: []dateline.StoryRecord{{StorySummary: dateline.StorySummary{ID: 1, Label: "later", Documents: 2, Last: storyDay(12)}}},
		Dropped: []dateline.StoryID{0},
		Version: 1,
	}
	if err := s.SaveStories(ctx, u2); err != nil {
		t.Fatal(err)
	}
	if st, v, _ := s.StoryState(ctx); string(st) != `{"seen":2}` || v != 2 {
		t.Errorf("StoryState after an update without state = %q, version %d", st, v)
	}
	recent, err := s.RecentSketches(ctx, 2)
	if err != nil || len(recent) != 2 || recent[0].Doc != docs[1].ID || string(recent[0].Sketch) != "\x01\x03" ||
		recent[1].Doc != docs[2].ID || string(recent[1].Sketch) != "\x01\x04" {
		t.Errorf("RecentSketches(2) = %+v, %v", recent, err)
	}
	if all, _ := s.RecentSketches(ctx, 10); len(all) != 3 || all[0].Doc != docs[0].ID {
		t.Errorf("RecentSketches(10) = %+v", all)
	}
	if none, err := s.RecentSketches(ctx, 0); err != nil || len(none) != 0 {
		t.Errorf("RecentSketches(0) = %+v, %v", none, err)
	}
	if _, err := s.Story(ctx, 0); !errors.Is(err, dateline.ErrNotFound) {
		t.Errorf("dropped story: %v, want ErrNotFound", err)
	}
	if ms, err := s.StoryMarks(ctx, 1); err != nil || len(ms) != 2 || ms[0].Doc != docs[1].ID || ms[1].Doc != docs[2].ID {
		t.Errorf("StoryMarks(1) = %+v, %v", ms, err)
	}
	list, err := s.Stories(ctx, dateline.StoryQuery{})
	if err != nil || len(list) != 1 || list[0].ID != 1 || list[0].Label != "later" {
		t.Errorf("Stories = %+v, %v", list, err)
	}
	if n, _ := s.CountStories(ctx); n != 1 {
		t.Errorf("CountStories = %d", n)
	}
	if m, err := s.StoryOf(ctx, docs[1].ID); err != nil || m.Story != 1 || m.Original != "" {
		t.Errorf("StoryOf = %+v, %v", m, err)
	}
	if _, err := s.StoryOf(ctx, "nope"); !errors.Is(err, dateline.ErrNotFound) {
		t.Errorf("StoryOf(unknown) = %v", err)
	}
	if _, err := s.Story(ctx, 99); !errors.Is(err, dateline.ErrNotFound) {
		t.Errorf("Story(99) = %v", err)
	}
	// A mark for a document that is not stored writes nothing.
	for _, bad := range []dateline.StoryUpdate{
		{Marks: []dateline.StoryMark{{Doc: docs[0].ID, Story: 5}, {Doc: "absent", Story: 5}}, Version: 2},
		{Marks: []dateline.StoryMark{{Doc: docs[0].ID, Story: 5}, {Doc: "", Story: 5}}, Version: 2},
	} {
		if err := s.SaveStories(ctx, bad); !errors.Is(err, dateline.ErrInvalid) {
			t.Errorf("mark of an absent document: %v, want ErrInvalid", err)
		}
	}
	if m, _ := s.StoryOf(ctx, docs[0].ID); m.Story != 0 {
		t.Errorf("a failed update changed a mark: %+v", m)
	}
	// An update computed from an old state version is refused; the stored
	// state and version stay.
	stale := dateline.StoryUpdate{Marks: []dateline.StoryMark{{Doc: docs[0].ID, Story: 7}}, State: []byte("{}"), Version: 1}
	if err := s.SaveStories(ctx, stale); !errors.Is(err, dateline.ErrConflict) {
		t.Errorf("stale update: %v, want ErrConflict", err)
	}
	if st, v, _ := s.StoryState(ctx); string(st) != `{"seen":2}` || v != 2 {
		t.Errorf("after a refused update: state %q, version %d", st, v)
	}
	if m, _ := s.StoryOf(ctx, docs[0].ID); m.Story != 0 {
		t.Errorf("a refused update changed a mark: %+v", m)
	}
}

func testStoryListOrder(t *testing.T, s StoryBackend) {
	ctx := context.Background()
	docs := storyDocs(t, s, "one", "two", "three", "four")
	u := dateline.StoryUpdate{State: []byte("{}")}
	for i, d := range docs {
		u.Marks = append(u.Marks, dateline.StoryMark{Doc: d.ID, Story: dateline.StoryID(i)})
		rec := dateline.StoryRecord{StorySummary: dateline.StorySummary{ID: dateline.StoryID(i), Label: fmt.Sprint(i), Documents: 1}}
		if i != 2 { // story 2 has no date: listed last
			rec.Last = storyDay(1 + (i*7)%5) // 1, 3, -, 2
		}
		u.Stories = append(u.Stories, rec)
	}
	if err := s.SaveStories(ctx, u); err != nil {
		t.Fatal(err)
	}
	var got []dateline.StoryID
	for off := 0; off < 6; off += 2 {
		page, err := s.Stories(ctx, dateline.StoryQuery{Limit: 2, Offset: off})
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range page {
			got = append(got, st.ID)
		}
	}
	if want := []dateline.StoryID{1, 3, 0, 2}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("stories in pages of 2 = %v, want %v (latest first, undated last)", got, want)
	}
}

// testStoryWriters: writers that all read version v and save at once: one
// succeeds, the others get ErrConflict, and the version counts the
// successes exactly.
func testStoryWriters(t *testing.T, s StoryBackend) {
	ctx := context.Background()
	docs := storyDocs(t, s, "alpha", "beta", "gamma", "delta")
	const writers, rounds = 4, 5
	wins := 0
	for r := range rounds {
		_, v, err := s.StoryState(ctx)
		if err != nil {
			t.Fatal(err)
		}
		errs := make([]error, writers)
		var wg sync.WaitGroup
		for w := range writers {
			wg.Go(func() {
				errs[w] = s.SaveStories(ctx, dateline.StoryUpdate{
					Marks:   []dateline.StoryMark{{Doc: docs[w].ID, Story: dateline.StoryID(r*writers + w)}},
					State:   fmt.Appendf(nil, `{"writer":%d,"round":%d}`, w, r),
					Version: v,
				})
			})
		}
		wg.Wait()
		won := -1
		for w, err := range errs {
			switch {
			case err == nil && won < 0:
				won = w
			case err == nil:
				t.Errorf("round %d: writers %d and %d both saved from version %d", r, won, w, v)
			case !errors.Is(err, dateline.ErrConflict):
				t.Errorf("round %d: writer %d: %v, want ErrConflict", r, w, err)
			}
		}
		if won < 0 {
			t.Fatalf("round %d: no writer saved", r)
		}
		wins++
		st, v2, _ := s.StoryState(ctx)
		if v2 != v+1 || string(st) != fmt.Sprintf(`{"writer":%d,"round":%d}`, won, r) {
			t.Errorf("round %d: state %q version %d, want writer %d's at version %d", r, st, v2, won, v+1)
		}
		if m, _ := s.StoryOf(ctx, docs[won].ID); m.Story != dateline.StoryID(r*writers+won) {
			t.Errorf("round %d: the winner's mark is %+v", r, m)
		}
	}
	if _, v, _ := s.StoryState(ctx); v != int64(wins) {
		t.Errorf("version %d after %d saves", v, wins)
	}
}
