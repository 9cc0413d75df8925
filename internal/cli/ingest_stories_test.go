package cli

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/claim"
	"github.com/dateline-news/dateline/internal/sqlite"
	"github.com/dateline-news/dateline/internal/timeline"
	"github.com/dateline-news/dateline/internal/worker"
)

const followUp = "../../testdata/stories/zelenskyy-washington.txt"

// TestIngestStories ingests the example article and a later report of the
// visit it announces, in two runs as they would arrive: both land in one
// story, the visit is marked happened, and the example's repetition and
// inconsistencies are flagged. A third run changes nothing.
func TestIngestStories(t *testing.T) {
	db := filepath.Join(t.TempDir(), "news.db")
	for _, step := range []struct{ published, path, want string }{
		{"2025-08-15", example, "1 new stories"},
		{"2025-08-19", followUp, "0 new stories"},
		{"2025-08-19", followUp, "stories: 0 documents placed"}, // a re-ingest
	} {
		code, out, errs := run(t, "", "ingest", "--db", db, "--published", step.published, "--now", "2025-08-20", step.path)
		if code != exitOK || !strings.Contains(out, step.want) {
			t.Fatalf("ingest %s: code %d, out %q, err %q; want %q", filepath.Base(step.path), code, out, errs, step.want)
		}
	}
	ctx := context.Background()
	store, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	list, err := store.Stories(ctx, dateline.StoryQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].Documents != 2 {
		t.Fatalf("stories = %+v, want one story of 2 reports", list)
	}
	rec, err := store.Story(ctx, list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := rec.First.Format("2006-01-02") + ".." + rec.Last.Format("2006-01-02"); got != "2025-08-15..2025-08-19" {
		t.Errorf("story dates %s", got)
	}
	var v worker.StoryView
	if err := json.Unmarshal(rec.View, &v); err != nil {
		t.Fatal(err)
	}
	if len(v.Timeline) == 0 || len(v.Events) == 0 || len(v.Network.Edges) == 0 {
		t.Errorf("empty view: %d timeline entries, %d event records, %d network edges", len(v.Timeline), len(v.Events), len(v.Network.Edges))
	}
	visit := false
	for _, x := range v.Expectations {
		if x.Due.Value == "2025-08-18" && strings.Contains(x.Label, "Zelenskyy") && strings.Contains(x.Label, "Washington") {
			visit = true
			if x.Status != timeline.Happened {
				t.Errorf("the visit of 2025-08-18 is %s, want happened", x.Status)
			}
		}
	}
	if !visit {
		t.Errorf("no expected visit of Zelenskyy to Washington on 2025-08-18 among %d expectations", len(v.Expectations))
	}
	repeated := false
	for _, c := range v.Claims {
		if c.Kind == claim.KindNoOutcome && len(c.Mentions) >= 7 {
			repeated = true
		}
	}
	if !repeated {
		t.Errorf("the repeated no-outcome claim is not folded: %d claims", len(v.Claims))
	}
	kinds := map[string]int{}
	for _, f := range v.Flags {
		kinds[f.Kind]++
		if len(f.Evidence) == 0 {
			t.Errorf("%s flag without evidence: %s", f.Kind, f.Message)
		}
	}
	for _, k := range []string{claim.FlagDuration, claim.FlagAnniversary, claim.FlagViewpoint} {
		if kinds[k] == 0 {
			t.Errorf("no %s flag; flags: %v", k, kinds)
		}
	}
	for _, m := range rec.Marks {
		got, err := store.StoryOf(ctx, m.Doc)
		if err != nil || got.Story != rec.ID || got.Original != "" {
			t.Errorf("StoryOf(%s) = %+v, %v", m.Doc, got, err)
		}
	}
}
