package timex_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/analyze/timex"
	"github.com/dateline-news/dateline/internal/repotest"
)

func exampleText(t testing.TB) string {
	b, err := os.ReadFile(filepath.Join(repotest.Root(t), "testdata", "examples", "alaska-summit.txt"))
	if err != nil {
		t.Skip("example article absent:", err)
	}
	return string(b)
}

// TestAlaskaSummit checks every row of the "Time expressions" table of the
// example article's expected.md, published Friday 2025-08-15.
func TestAlaskaSummit(t *testing.T) {
	text := exampleText(t)
	pub := time.Date(2025, 8, 15, 0, 0, 0, 0, time.UTC)
	tg := timex.New(timex.WithKnownStarts(map[string]time.Time{"war in Ukraine": time.Date(2022, 2, 24, 0, 0, 0, 0, time.UTC)}))
	doc := &dateline.Document{Text: text, Published: pub}
	if err := tg.Run(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	type row struct{ text, context, value, mod string }
	for _, want := range []row{
		{"Friday", "in 10 years on Friday", "2025-08-15", ""},
		{"Friday", "concluded Friday", "2025-08-15", ""},
		{"today", "today’s summit", "2025-08-15", ""},
		{"Friday", "Friday’s setback", "2025-08-15", ""},
		{"Monday", "Washington on Monday", "2025-08-18", ""},
		{"Monday", "visit on Monday", "2025-08-18", ""},
		{"Monday", "Monday’s Washington meetings", "2025-08-18", ""},
		{"the coming week", "the coming week", "2025-W34", ""},
		{"more than two hours", "more than two hours", "PT2H", "MORE_THAN"},
		{"10 years", "in 10 years", "P10Y", ""},
		{"a decade", "in a decade", "P10Y", ""},
		{"over a decade", "over a decade", "P10Y", "MORE_THAN"},
		{"nearly three years", "nearly three years", "P3Y", "LESS_THAN"},
		{"third anniversary", "its third anniversary", "2025-02-24", ""},
		{"the 21st century", "the 21st century", "20", ""},
	} {
		at := strings.Index(text, want.context)
		if at < 0 {
			t.Fatalf("context %q not in the article", want.context)
		}
		found := false
		for _, x := range doc.Times {
			if int(x.Start) >= at && int(x.End) <= at+len(want.context) && x.Span.In(text) == want.text {
				found = true
				if x.Value != want.value || x.Mod != want.mod {
					t.Errorf("%q in %q: %s %q, want %s %q", want.text, want.context, x.Value, x.Mod, want.value, want.mod)
				}
			}
		}
		if !found {
			t.Errorf("%q in %q: not found", want.text, want.context)
		}
	}
}

func BenchmarkFind(b *testing.B) {
	text := strings.Repeat(exampleText(b)+"\n", 20)
	tokens := len(strings.Fields(text))
	pub := time.Date(2025, 8, 15, 0, 0, 0, 0, time.UTC)
	tg := timex.New()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		tg.Find(text, pub)
	}
	b.ReportMetric(float64(tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkRun measures the pass over a segmented and parsed document, the
// way the pipeline runs it.
func BenchmarkRun(b *testing.B) {
	text := strings.Repeat(exampleText(b)+"\n", 20)
	tokens := len(strings.Fields(text))
	pub := time.Date(2025, 8, 15, 0, 0, 0, 0, time.UTC)
	tg := timex.New()
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		doc := &dateline.Document{Text: text, Published: pub}
		if err := tg.Run(ctx, doc); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}
