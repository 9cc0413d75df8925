package cluster

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dateline-news/dateline"
)

const wire = "Ruritania’s foreign ministry said on Tuesday that talks with Freedonia over the disputed Vellmar valley would resume next month in Geneva, after a pause of almost two years. " +
	"The announcement followed a meeting between the two countries’ deputy ministers, who agreed to exchange maps of the border and to open a second crossing for farmers. " +
	"Freedonia’s government welcomed the move but warned that any agreement would need the approval of its parliament, where the opposition holds a narrow majority."

func TestCopies(t *testing.T) {
	c := NewCopies(CopyConfig{})
	orig := textDoc("orig", time.Time{}, wire)
	// The same report with other boilerplate around it, and typographic changes.
	copied := textDoc("copy", time.Time{}, "Subscribe to our newsletter for the latest news", strings.ReplaceAll(wire, "’", "'"), "Related: more stories from the region")
	copied.Blocks[0].Kind = dateline.BlockBoilerplate
	copied.Blocks[2].Kind = dateline.BlockBoilerplate
	// A lightly edited version: one sentence dropped.
	edited := textDoc("edit", time.Time{}, wire[:strings.LastIndex(wire, "Freedonia’s government")]+"The talks were welcomed.")
	// A different report on the same story.
	other := textDoc("other", time.Time{}, "Farmers in the Vellmar valley said they had heard nothing of the planned border talks between Ruritania and Freedonia, and that the crossing they were promised two years ago was never built. Several said they would believe it when they saw it, and that the ministers in Geneva had never visited the valley.")
	short := textDoc("short", time.Time{}, "Talks resume.")
	for _, step := range []struct {
		doc    *dateline.Document
		copy   bool
		origID dateline.DocID
	}{
		{orig, false, ""},
		{copied, true, "orig"},
		{edited, false, ""}, // resemblance about 0.6: related, not a copy
		{other, false, ""},
		{short, false, ""},
		{textDoc("copy2", time.Time{}, wire), true, "orig"},
	} {
		r := c.Add(step.doc)
		if r.Copy != step.copy || r.Original != step.origID {
			t.Errorf("%s: %+v, want copy %v of %q", step.doc.ID, r, step.copy, step.origID)
		}
		if r.Copy && r.Resemblance < 0.8 {
			t.Errorf("%s: resemblance %.2f", step.doc.ID, r.Resemblance)
		}
	}
	if c.Len() != 6 {
		t.Errorf("Len = %d", c.Len())
	}
}

func TestCopiesChainsToFirstOriginal(t *testing.T) {
	c := NewCopies(CopyConfig{Threshold: 0.7})
	base := strings.Fields(wire)
	var ids []dateline.DocID
	for i := range 4 {
		w := append([]string(nil), base...)
		w[len(w)-1-i] = "changed" // each copy drifts a little more
		d := textDoc(fmt.Sprintf("v%d", i), time.Time{}, strings.Join(w, " "))
		r := c.Add(d)
		ids = append(ids, r.Original)
	}
	for i, id := range ids[1:] {
		if id != "v0" {
			t.Errorf("copy %d points at %q, want v0", i+1, id)
		}
	}
}

func TestShingles(t *testing.T) {
	d := textDoc("x", time.Time{}, "One two three four five six", "SEVEN")
	if got := len(Shingles(d, 5)); got != 3 {
		t.Errorf("shingles = %d, want 3", got)
	}
	a := Shingles(textDoc("a", time.Time{}, "The Minister’s “plan”"), 2)
	b := Shingles(textDoc("b", time.Time{}, "the minister's plan"), 2)
	if len(a) != 2 || fmt.Sprint(a) != fmt.Sprint(b) {
		t.Errorf("case and typography should not matter: %v vs %v", a, b)
	}
	if Shingles(&dateline.Document{Text: "…"}, 5) != nil {
		t.Error("no words, shingles")
	}
}
