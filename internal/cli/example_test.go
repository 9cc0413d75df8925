package cli

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/dateline-news/dateline"
)

// analyzeExample runs the whole pipeline on the bundled example article.
func analyzeExample(t *testing.T) *dateline.Document {
	t.Helper()
	code, out, errs := run(t, "", "analyze", "--format", "json", "--published", "2025-08-15", example)
	if code != exitOK {
		t.Fatalf("analyze: code %d: %s", code, errs)
	}
	var env envelope
	if err := json.Unmarshal([]byte(out), &env); err != nil {
		t.Fatal(err)
	}
	return env.Document
}

// TestExampleArticleThroughThePipeline checks the acceptance rows of the
// language-core and time issues on the example, through every pass.
func TestExampleArticleThroughThePipeline(t *testing.T) {
	d := analyzeExample(t)
	checkSpans(t, d)

	types := map[string][]string{}
	for _, m := range d.Mentions {
		s := m.In(d.Text)
		if !slices.Contains(types[m.Type], s) {
			types[m.Type] = append(types[m.Type], s)
		}
	}
	want := map[string][]string{
		dateline.EntPerson: {"Trump", "Putin", "Zelenskyy", "Volodymyr Zelensky"},
		dateline.EntGPE:    {"Russia", "Ukraine", "US", "U.S.", "America", "Moscow", "Kyiv", "Washington"},
		dateline.EntOrg:    {"NATO"},
		dateline.EntNORP:   {"Russian", "Ukrainian", "European"},
	}
	for typ, names := range want {
		for _, n := range names {
			if !slices.Contains(types[typ], n) {
				t.Errorf("%s %q not found; %s mentions: %v", typ, n, typ, types[typ])
			}
		}
	}
	for _, n := range []string{"Trump", "Putin"} {
		for typ, names := range types {
			if typ != dateline.EntPerson && slices.Contains(names, n) {
				t.Errorf("%q typed %s", n, typ)
			}
		}
	}
	// No heading is itself an entity.
	for _, b := range d.Blocks {
		if b.Kind != dateline.BlockHeading {
			continue
		}
		for _, m := range d.Mentions {
			if m.Start == b.Start && m.End == b.End {
				t.Errorf("heading %q is a %s mention", b.In(d.Text), m.Type)
			}
		}
	}
	// Nothing is read from boilerplate or credit blocks.
	for _, b := range d.Blocks {
		if b.Kind.Analysed() {
			continue
		}
		for _, m := range d.Mentions {
			if b.Contains(m.Span) {
				t.Errorf("mention %q inside a %s block", m.In(d.Text), b.Kind)
			}
		}
	}

	// The time table of expected.md.
	times := map[string][]string{}
	for _, tx := range d.Times {
		times[strings.ToLower(tx.In(d.Text))] = append(times[strings.ToLower(tx.In(d.Text))], tx.Value+"|"+tx.Mod)
	}
	for text, value := range map[string]string{
		"friday":              "2025-08-15|",
		"today":               "2025-08-15|",
		"monday":              "2025-08-18|",
		"the coming week":     "2025-W34|",
		"more than two hours": "PT2H|MORE_THAN",
		"10 years":            "P10Y|",
		"over a decade":       "P10Y|MORE_THAN",
		"nearly three years":  "P3Y|LESS_THAN",
		"third anniversary":   "2025-02-24|", // the war's start, from the dated facts
	} {
		got := times[text]
		if len(got) == 0 {
			t.Errorf("time %q not found; times: %v", text, times)
			continue
		}
		for _, g := range got {
			if g != value {
				t.Errorf("time %q = %s, want %s", text, g, value)
			}
		}
	}
}
