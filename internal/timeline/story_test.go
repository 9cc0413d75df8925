package timeline_test

import (
	"strings"
	"testing"
	"time"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/timeline"
)

// TestStoryEndToEnd runs the passes over the example article (published
// 2025-08-15) and the later report of Zelenskyy's Washington visit
// (2025-08-19): the visit the first announces is marked happened by the
// second, and the timeline orders the events by their own dates.
func TestStoryEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the analysis passes")
	}
	alaska := pipe.AnalyseFile(t, "testdata/examples/alaska-summit.txt", "2025-08-15")
	later := pipe.AnalyseFile(t, "testdata/stories/zelenskyy-washington.txt", "2025-08-19")
	if len(alaska.Events) == 0 || len(later.Events) == 0 {
		t.Skip("no event pass")
	}
	docs := []*dateline.Document{later, alaska} // out of order on purpose

	// Before the later report: the visit is expected.
	exps := timeline.Follow([]*dateline.Document{alaska}, 0, time.Time{})
	visit := findExpectation(exps, "Volodymyr Zelenskyy")
	if visit == nil {
		t.Fatalf("no expectation for Zelenskyy in %+v", exps)
	}
	if visit.Status != timeline.Expected || visit.Due.Value != "2025-08-18" {
		t.Errorf("before: status %s due %s, want expected 2025-08-18", visit.Status, visit.Due.Value)
	}
	// Without news, it is missed once the grace period is over.
	exps = timeline.Follow([]*dateline.Document{alaska}, 48*time.Hour, time.Date(2025, 8, 25, 0, 0, 0, 0, time.UTC))
	if v := findExpectation(exps, "Volodymyr Zelenskyy"); v == nil || v.Status != timeline.Missed {
		t.Errorf("no news by 2025-08-25: got %+v, want missed", v)
	}
	// With the later report: happened, settled by it.
	exps = timeline.Follow(docs, 0, time.Date(2025, 8, 25, 0, 0, 0, 0, time.UTC))
	visit = findExpectation(exps, "Volodymyr Zelenskyy")
	if visit == nil || visit.Status != timeline.Happened {
		t.Fatalf("after: got %+v, want happened", visit)
	}
	if visit.Outcome[0].Doc != later.ID {
		t.Errorf("settled by %s, want the later report %s", visit.Outcome[0].Doc, later.ID)
	}
	for _, x := range exps {
		t.Logf("expectation %-9s due %-22s %s (%d announcements)", x.Status, x.Due, x.Label, len(x.Announced))
	}

	entries := timeline.Build(docs, timeline.Options{})
	if len(entries) == 0 {
		t.Fatal("empty timeline")
	}
	for i := 1; i < len(entries); i++ {
		a, b := entries[i-1].When, entries[i].When
		if a.Known() && b.Known() && a.Start.After(b.Start) && a.Rel == b.Rel && a.Rel == "" {
			t.Errorf("entries %d and %d out of order: %s after %s", i-1, i, a, b)
		}
	}
	var putinVisit *timeline.Entry
	for i, e := range entries {
		t.Logf("%-28s %-10s %-5s %-14s %d report(s) %s", e.When, e.When.Precision, e.Code, e.Status, e.Reports, e.Label)
		if e.Code == "042" && len(e.Source) > 0 && e.Source[0].Name == "Vladimir Putin" {
			putinVisit = &entries[i]
		}
		for _, m := range e.Mentions {
			var d *dateline.Document
			switch m.Doc {
			case alaska.ID:
				d = alaska
			case later.ID:
				d = later
			default:
				t.Fatalf("mention of unknown document %s", m.Doc)
			}
			if !m.Span.Valid(len(d.Text)) || !m.Span.Contains(m.Trigger) {
				t.Errorf("bad evidence span %v / trigger %v", m.Span, m.Trigger)
			}
		}
	}
	if putinVisit == nil {
		t.Fatal("no entry for Putin's visit to the United States")
	}
	if putinVisit.When.Value != "2025-08-15" || putinVisit.Reports != 2 {
		t.Errorf("Putin's visit: %s in %d reports, want 2025-08-15 in both", putinVisit.When, putinVisit.Reports)
	}
}

func findExpectation(exps []timeline.Expectation, source string) *timeline.Expectation {
	for i, x := range exps {
		for _, p := range x.Source {
			if strings.EqualFold(p.Name, source) {
				return &exps[i]
			}
		}
	}
	return nil
}

// TestPositionsEndToEnd reads the actors' positions out of the example
// article and the later report: Trump wants a ceasefire first, Zelenskyy
// security guarantees first, Putin refuses a ceasefire (told by both).
func TestPositionsEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the analysis passes")
	}
	alaska := pipe.AnalyseFile(t, "testdata/examples/alaska-summit.txt", "2025-08-15")
	later := pipe.AnalyseFile(t, "testdata/stories/zelenskyy-washington.txt", "2025-08-19")
	ps := timeline.Positions([]*dateline.Document{alaska, later})
	got := map[string]timeline.Position{}
	for _, p := range ps {
		t.Logf("%-20s %-20s %-45s %d evidence", p.Actor.Name, p.Issue, p.Summary, len(p.Evidence))
		got[p.Actor.Name+"|"+p.Issue] = p
		for _, e := range p.Evidence {
			d := alaska
			if e.Doc == later.ID {
				d = later
			}
			if !e.Span.Valid(len(d.Text)) || !e.Span.Contains(e.Trigger) {
				t.Errorf("bad evidence %v %v", e.Span, e.Trigger)
			}
		}
	}
	for _, w := range []struct{ actor, summary string }{
		{"Donald Trump", "ceasefire first, then peace deal"},
		{"Volodymyr Zelenskyy", "security guarantees first, then ceasefire"},
		{"Vladimir Putin", "refuses ceasefire"},
	} {
		if p := got[w.actor+"|ceasefire"]; p.Summary != w.summary {
			t.Errorf("%s on the ceasefire: %q, want %q", w.actor, p.Summary, w.summary)
		}
	}
	if p := got["Vladimir Putin|ceasefire"]; len(p.Evidence) < 2 || !p.Last.After(p.Since) {
		t.Errorf("Putin's refusal: want told by both reports, got %+v", p)
	}
}
