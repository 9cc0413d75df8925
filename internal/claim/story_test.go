package claim_test

import (
	"testing"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/claim"
)

// TestExampleArticle runs the passes over the example article: the
// no-ceasefire fact is folded into one claim told at least seven times,
// Putin's first visit in ten years into one told at least three times, and
// the three things that do not add up are flagged with their evidence.
func TestExampleArticle(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the analysis passes")
	}
	doc := pipe.AnalyseFile(t, "testdata/examples/alaska-summit.txt", "2025-08-15")
	claims := claim.Fold([]*dateline.Document{doc}, claim.Options{})
	for _, c := range claims {
		t.Logf("%-10s %2d× %s", c.Kind, len(c.Mentions), c.Label)
		for _, m := range c.Mentions {
			if !m.Span.Valid(len(doc.Text)) || m.Cue != (dateline.Span{}) && !m.Span.Contains(m.Cue) {
				t.Errorf("bad mention spans %v %v", m.Span, m.Cue)
			}
			t.Logf("      %q", m.Cue.In(doc.Text))
		}
	}
	count := func(kind string) int {
		for _, c := range claims {
			if c.Kind == kind {
				return len(c.Mentions)
			}
		}
		return 0
	}
	if n := count(claim.KindNoOutcome); n < 7 {
		t.Errorf("no-ceasefire claim told %d times, want >= 7", n)
	}
	if n := count(claim.KindFirstIn); n < 3 {
		t.Errorf("first-visit claim told %d times, want >= 3", n)
	}

	facts, err := claim.DefaultFacts()
	if err != nil {
		t.Fatal(err)
	}
	flags := claim.Check([]*dateline.Document{doc}, claims, facts)
	kinds := map[string]int{}
	for _, f := range flags {
		kinds[f.Kind]++
		t.Logf("flag %s: %s", f.Kind, f.Message)
		for _, e := range f.Evidence {
			if !e.Span.Valid(len(doc.Text)) || !e.Sentence.Contains(e.Span) {
				t.Errorf("bad evidence %v in %v", e.Span, e.Sentence)
			}
		}
	}
	for _, k := range []string{claim.FlagDuration, claim.FlagAnniversary, claim.FlagViewpoint, claim.FlagGap} {
		if kinds[k] != 1 {
			t.Errorf("%d %s flags, want 1", kinds[k], k)
		}
	}
}

// TestStoryAcrossReports folds the example article with the later report:
// the no-ceasefire claim and Putin's first visit are told by both.
func TestStoryAcrossReports(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the analysis passes")
	}
	alaska := pipe.AnalyseFile(t, "testdata/examples/alaska-summit.txt", "2025-08-15")
	later := pipe.AnalyseFile(t, "testdata/stories/zelenskyy-washington.txt", "2025-08-19")
	docs := []*dateline.Document{alaska, later}
	claims := claim.Fold(docs, claim.Options{})
	reports := map[string]int{}
	for _, c := range claims {
		t.Logf("%-10s %2d× in %d report(s): %s", c.Kind, len(c.Mentions), c.Reports, c.Label)
		if c.Reports > reports[c.Kind] {
			reports[c.Kind] = c.Reports
		}
	}
	for _, k := range []string{claim.KindNoOutcome, claim.KindFirstIn} {
		if reports[k] != 2 {
			t.Errorf("%s claim told by %d reports, want 2", k, reports[k])
		}
	}
	facts, err := claim.DefaultFacts()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range claim.Check(docs, claims, facts) {
		t.Logf("flag %s: %s", f.Kind, f.Message)
		if f.Evidence[len(f.Evidence)-1].Doc == later.ID {
			t.Errorf("unexpected flag on the later report: %s", f.Message)
		}
	}
}
