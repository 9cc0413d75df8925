package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/dateline-news/dateline"
)

// fakeStories is a StoryStore holding one story of two reports.
type fakeStories struct {
	recs  []*dateline.StoryRecord
	marks []dateline.StoryMark
}

func (f *fakeStories) Unstoried(context.Context, int) ([]dateline.DocID, error) { return nil, nil }
func (f *fakeStories) StoryState(context.Context) ([]byte, int64, error)        { return nil, 0, nil }
func (f *fakeStories) RecentSketches(context.Context, int) ([]dateline.StoryMark, error) {
	return nil, nil
}
func (f *fakeStories) StoryMarks(_ context.Context, id dateline.StoryID) ([]dateline.StoryMark, error) {
	var out []dateline.StoryMark
	for _, m := range f.marks {
		if m.Story == id {
			out = append(out, m)
		}
	}
	return out, nil
}
func (f *fakeStories) SaveStories(context.Context, dateline.StoryUpdate) error {
	return dateline.ErrUnsupported
}
func (f *fakeStories) Stories(_ context.Context, q dateline.StoryQuery) ([]dateline.StorySummary, error) {
	var out []dateline.StorySummary
	for _, r := range f.recs {
		out = append(out, r.StorySummary)
	}
	return out[min(q.Offset, len(out)):min(q.Offset+q.Limit, len(out))], nil
}
func (f *fakeStories) CountStories(context.Context) (int, error) { return len(f.recs), nil }
func (f *fakeStories) Story(ctx context.Context, id dateline.StoryID) (*dateline.StoryRecord, error) {
	for _, r := range f.recs {
		if r.ID == id {
			c := *r
			c.Marks, _ = f.StoryMarks(ctx, id)
			return &c, nil
		}
	}
	return nil, fmt.Errorf("story %d: %w", id, dateline.ErrNotFound)
}
func (f *fakeStories) StoryOf(_ context.Context, doc dateline.DocID) (dateline.StoryMark, error) {
	for _, m := range f.marks {
		if m.Doc == doc {
			return m, nil
		}
	}
	return dateline.StoryMark{}, fmt.Errorf("story of %s: %w", doc, dateline.ErrNotFound)
}

// Test sentences of our own, with multi-byte punctuation.
const (
	storyText1 = "Envoys met in Valmora on Friday – the talks “ended without a truce”.\nThe war, now nearly two years old, began in 2021.\n"
	storyText2 = "The envoys’ talks in Valmora ended without a truce, officials said.\nThe foreign minister will visit Ostria on Monday.\n"
)

func storyFixture(t testing.TB) (*fakeStore, *fakeStories) {
	t.Helper()
	day := func(d int) time.Time { return time.Date(2025, 3, d, 0, 0, 0, 0, time.UTC) }
	d1 := &dateline.Document{ID: "storydoc1", Title: "Envoys meet in Valmora", Published: day(7), Text: storyText1}
	d2 := &dateline.Document{ID: "storydoc2", Title: "Valmora talks end", Published: day(8), Text: storyText2}
	war := strings.Index(storyText1, "The war")
	nearly := strings.Index(storyText1, "nearly two years")
	visit := strings.Index(storyText2, "The foreign")
	view := map[string]any{
		"documents": []map[string]any{
			{"id": "storydoc1", "title": d1.Title, "published": d1.Published},
			{"id": "storydoc2", "title": d2.Title, "published": d2.Published, "original": ""},
		},
		"timeline": []map[string]any{
			{"code": "036", "label": "Envoys meet → Valmora", "status": "", "reports": 2,
				"when": map[string]any{"value": "2025-03-07", "start": day(7), "end": day(8), "precision": "day"}},
			{"code": "042", "label": "Foreign minister visit → Ostria", "status": "planned", "reports": 1,
				"when": map[string]any{"value": "2025-W11", "start": day(10), "end": day(17), "precision": "week"}},
			{"code": "010", "label": "Undated statement", "when": map[string]any{"value": "", "precision": "unknown"}},
		},
		"expectations": []map[string]any{
			{"label": "Foreign minister visit → Ostria", "status": "expected",
				"due":       map[string]any{"value": "2025-03-10", "start": day(10), "end": day(11), "precision": "day"},
				"announced": []map[string]any{{"doc": "storydoc2", "span": map[string]any{"start": visit, "end": len(storyText2) - 1}}}},
		},
		"positions": []map[string]any{
			{"actor": map[string]any{"name": "Valmora"}, "issue": "truce", "stance": "conditional", "summary": "guarantees first, then truce", "since": day(7), "last": day(8)},
		},
		"claims": []map[string]any{
			{"kind": "no-outcome", "label": "the talks ended without a truce", "reports": 2,
				"mentions": []map[string]any{{"doc": "storydoc1", "span": map[string]any{"start": 0, "end": war - 1}}, {"doc": "storydoc2", "span": map[string]any{"start": 0, "end": 10}}}},
		},
		"flags": []map[string]any{
			{"kind": "duration", "message": "“nearly two years” of the war: it began in 2021",
				"evidence": []map[string]any{{"doc": "storydoc1", "span": map[string]any{"start": nearly, "end": nearly + len("nearly two years")}, "sentence": map[string]any{"start": war, "end": len(storyText1) - 1}}}},
		},
		"network": map[string]any{
			"nodes": []map[string]any{{"key": "a", "name": "Valmora", "code": "VALGOV", "kind": "government", "events": 3}, {"key": "b", "name": "Ostria", "code": "OST", "kind": "country", "events": 2}},
			"edges": []map[string]any{{"source": "a", "target": "b", "weight": 2, "kind": "verbal-cooperation"}},
		},
	}
	b, err := json.Marshal(view)
	if err != nil {
		t.Fatal(err)
	}
	ss := &fakeStories{
		recs:  []*dateline.StoryRecord{{StorySummary: dateline.StorySummary{ID: 3, Label: "Envoys meet in Valmora", Documents: 2, First: day(7), Last: day(8)}, View: b}},
		marks: []dateline.StoryMark{{Doc: "storydoc1", Story: 3}, {Doc: "storydoc2", Story: 3}},
	}
	return newFakeStore(d1, d2), ss
}

func TestStoryRoutes(t *testing.T) {
	store, ss := storyFixture(t)
	with := New(store, nil, Options{Stories: ss})
	without := New(store, nil, Options{})
	tests := []struct {
		name   string
		h      http.Handler
		path   string
		status int
		wants  []string
	}{
		{"api list", with, "/api/stories", 200, []string{`"total": 1`, `"label": "Envoys meet in Valmora"`}},
		{"api list bad limit", with, "/api/stories?limit=0", 400, []string{`"invalid"`}},
		{"api story", with, "/api/stories/3", 200, []string{`"doc": "storydoc2"`, `"timeline"`, `"flags"`}},
		{"api story missing", with, "/api/stories/4", 404, []string{`"not_found"`}},
		{"api story bad id", with, "/api/stories/x1", 400, []string{`"invalid"`}},
		{"api story negative", with, "/api/stories/-1", 400, nil},
		{"api no stories", without, "/api/stories", 501, []string{`"unsupported"`}},
		{"api document story", with, "/api/documents/storydoc1", 200, []string{`"story": {`, `"story": 3`}},
		{"api document without stories", without, "/api/documents/storydoc1", 200, []string{`"document"`}},
		{"ui list", with, "/stories", 200, []string{`href="/story/3"`, "2 reports"}},
		{"ui story", with, "/story/3", 200, []string{
			`class="chart timeline-chart"`, `class="tl-bar p-day"`, `class="tl-bar p-week"`, "1 event without a date not drawn",
			`class="chart network-chart"`, `class="edge e-verbal-cooperation"`, `n-government`,
			"“nearly two years” of the war", "The war, now nearly two years old, began in 2021.",
			"The foreign minister will visit Ostria on Monday.", "s-expected",
			"guarantees first, then truce", "told 2 times in 2 reports",
		}},
		{"ui story missing", with, "/story/9", 404, nil},
		{"ui no stories", without, "/stories", 501, nil},
		{"ui document links story", with, "/doc/storydoc2", 200, []string{`class="storylink" href="/story/3">Envoys meet in Valmora</a>`}},
		{"ui document without stories", without, "/doc/storydoc2", 200, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			tc.h.ServeHTTP(rec, httptest.NewRequest("GET", tc.path, nil))
			if rec.Code != tc.status {
				t.Fatalf("GET %s: status %d, want %d\n%s", tc.path, rec.Code, tc.status, rec.Body)
			}
			for _, w := range tc.wants {
				if !strings.Contains(rec.Body.String(), w) {
					t.Errorf("GET %s lacks %q", tc.path, w)
				}
			}
		})
	}
}

func TestTimelineChart(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2025, 3, d, 0, 0, 0, 0, time.UTC) }
	w := func(s, e int, p string) storyWhen {
		return storyWhen{Start: day(s), End: day(e), Precision: p, Value: "x"}
	}
	tests := []struct {
		name          string
		items         []timelineItem
		rows, undated int
		ticks         int
	}{
		{"empty", nil, 0, 0, 0},
		{"undated only", []timelineItem{{Label: "a"}}, 0, 1, 0},
		{"one day", []timelineItem{{Label: "a", When: w(1, 2, "day")}}, 1, 0, 3},
		{"week and day", []timelineItem{{Label: "a", When: w(1, 2, "day")}, {Label: "b", When: w(3, 10, "week")}, {Label: "c"}}, 2, 1, 7},
		{"end before start", []timelineItem{{Label: "a", When: w(5, 1, "day")}}, 1, 0, 3},
	}
	for _, tc := range tests {
		c := newTimelineChart(tc.items)
		if len(c.Rows) != tc.rows || c.Undated != tc.undated || len(c.Ticks) != tc.ticks {
			t.Errorf("%s: %d rows, %d undated, %d ticks; want %d, %d, %d", tc.name, len(c.Rows), c.Undated, len(c.Ticks), tc.rows, tc.undated, tc.ticks)
		}
		for _, r := range c.Rows {
			if r.X < chartLabelW || r.X+r.W > chartWidth+1 || r.W < 3 {
				t.Errorf("%s: bar out of the plot: %+v", tc.name, r)
			}
		}
	}
	many := make([]timelineItem, maxRows+5)
	for i := range many {
		many[i] = timelineItem{Label: "e", When: w(1, 2, "day")}
	}
	if c := newTimelineChart(many); len(c.Rows) != maxRows || c.More != 5 {
		t.Errorf("many: %d rows, %d more", len(c.Rows), c.More)
	}
}

func TestBrowserStory(t *testing.T) {
	bin := chromium(t)
	store, ss := storyFixture(t)
	srv := httptest.NewServer(New(store, nil, Options{Stories: ss, Version: "e2e"}))
	defer srv.Close()
	dom := dumpDOM(t, bin, srv.URL+"/story/3")
	mustContain(t, "story page", dom,
		`class="chart timeline-chart"`, `class="tl-bar p-day"`, "Envoys meet → Valmora",
		`class="chart network-chart"`,
		`id="flags"`, "“nearly two years” of the war", "The war, now nearly two years old, began in 2021.",
		"Foreign minister visit → Ostria")
	dom = dumpDOM(t, bin, srv.URL+"/doc/storydoc1")
	mustContain(t, "article page", dom, `href="/story/3"`)
}

// FuzzStoryPaths: any story path or query answers without a server error.
func FuzzStoryPaths(f *testing.F) {
	for _, s := range []string{"3", "-1", "x", "99999999999999999999", "3?limit=2", "%00", "３"} {
		f.Add(s)
	}
	store, ss := storyFixture(f)
	h := New(store, nil, Options{Stories: ss})
	f.Fuzz(func(t *testing.T, s string) {
		for _, base := range []string{"/api/stories/", "/story/", "/api/stories?limit=", "/stories?page="} {
			req, err := http.NewRequest("GET", "http://x"+base+s, nil)
			if err != nil {
				return
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code >= 500 {
				t.Fatalf("GET %s%q: status %d\n%s", base, s, rec.Code, rec.Body)
			}
		}
	})
}
