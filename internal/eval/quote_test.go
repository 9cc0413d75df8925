package eval

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/dateline-news/dateline/internal/brat"
)

func qs(pairs ...int) []QuoteSpan {
	var out []QuoteSpan
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, QuoteSpan{pairs[i], pairs[i+1]})
	}
	return out
}

func TestQuoteCounts(t *testing.T) {
	text := strings.Repeat("abcdefghij", 10)
	gold := []QuoteAttribution{
		{Source: qs(0, 5), Cue: qs(6, 10), Content: qs(11, 30)},
		{Source: nil, Cue: qs(40, 44), Content: qs(45, 50, 55, 60)},
		{Source: qs(70, 72), Cue: qs(73, 75), Content: qs(76, 90)},
	}
	pred := []QuoteAttribution{
		{Source: qs(0, 5), Cue: qs(6, 10), Content: qs(11, 25)},            // right; content overlaps
		{Source: qs(38, 39), Cue: qs(41, 43), Content: qs(55, 60, 45, 50)}, // source wrong; content exact (fragments sorted)
		{Source: qs(95, 97), Cue: qs(92, 94), Content: nil},                // spurious
	}
	var c QuoteCounts
	c.Add(text, gold, pred)
	m := c.Metrics()
	near := func(name string, got, want float64) {
		if math.Abs(got-want) > 1e-9 {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	near("source exact P", m.Source.ExactP, 1.0/3)
	near("source exact R", m.Source.ExactR, 1.0/2)
	near("cue overlap P", m.Cue.OverlapP, 2.0/3)
	near("cue overlap R", m.Cue.OverlapR, 2.0/3)
	near("cue exact F1", m.Cue.ExactF1, 1.0/3)
	near("content exact P", m.Content.ExactP, 1.0/2)
	near("content overlap R", m.Content.OverlapR, 2.0/3)
	near("attribution P", m.AttributionP, 1.0/3)
	near("attribution R", m.AttributionR, 1.0/3)
	if c.Docs != 1 || c.Gold != 3 || c.Predicted != 3 {
		t.Errorf("counts %+v", c)
	}
	// No predictions, no gold: zeros, not NaN.
	var z QuoteCounts
	z.Add(text, nil, nil)
	if zm := z.Metrics(); zm.AttributionF1 != 0 || zm.Cue.OverlapF1 != 0 {
		t.Errorf("empty: %+v", zm)
	}
}

func TestQuoteNormTrimsSpace(t *testing.T) {
	text := "  said  “yes” "
	got := quoteNorm(text, qs(0, 7, 6, 13, 13, 14))
	if len(got) != 2 || got[0] != (QuoteSpan{2, 6}) || got[1] != (QuoteSpan{8, 14}) {
		t.Errorf("quoteNorm = %v", got)
	}
}

func TestQuoteGoldAndBrat(t *testing.T) {
	text := "“Oui,” dit-elle – Anne Roy said so.\n"
	ann := "T1\tSource 18 26\tAnne Roy\n" +
		"T2\tCue 27 31\tsaid\n" +
		"T3\tContent 0 6;32 34\t“Oui,” so\n" +
		"T4\tAttribution 27 31\tsaid\n" +
		"E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1 Content2:T3\n" +
		"E2\tAttribution:T4 Cue:T9\n" +
		"T5\tDiscuss 0 3\tx\n" +
		"E3\tDiscuss:T5\n"
	a, probs, err := brat.Read(strings.NewReader(ann))
	if err != nil || len(probs) != 0 {
		t.Fatal(err, probs)
	}
	gold, probs2 := QuoteGold(text, a)
	if len(probs2) != 1 || !strings.Contains(probs2[0].Msg, "T9") {
		t.Errorf("problems %v", probs2)
	}
	if len(gold) != 1 {
		t.Fatalf("gold %+v", gold)
	}
	g := gold[0]
	if s := g.Source[0]; text[s.Start:s.End] != "Anne Roy" {
		t.Errorf("source %q", text[s.Start:s.End])
	}
	if s := g.Content[0]; text[s.Start:s.End] != "“Oui,”" {
		t.Errorf("content %q", text[s.Start:s.End])
	}
	// Back to brat: character offsets again.
	var buf bytes.Buffer
	if err := brat.Write(&buf, QuoteBrat(text, gold)); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Source 18 26\tAnne Roy", "Cue 27 31\tsaid", "Content 0 6;32 34;0 6;32 34", "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("brat output lacks %q:\n%s", want, buf.String())
		}
	}
	// An attribution without a source is Attribution-no-source.
	buf.Reset()
	brat.Write(&buf, QuoteBrat(text, []QuoteAttribution{{Cue: qs(0, 3), Content: qs(4, 6)}}))
	if !strings.Contains(buf.String(), "Attribution-no-source:T3") {
		t.Errorf("no-source output:\n%s", buf.String())
	}
}
