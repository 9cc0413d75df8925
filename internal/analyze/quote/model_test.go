package quote

import (
	"bytes"
	"context"
	"math"
	"testing"

	"github.com/dateline-news/dateline"
)

// TestTrainRoundTrip trains a tiny model on own sentences, writes and reads
// it back, and checks that it labels its training text the same way.
func TestTrainRoundTrip(t *testing.T) {
	texts := []struct {
		text string
		gold []Gold
	}{
		{"Mayor Ana Ruiz said the bridge will reopen in May.", nil},
		{"The bridge is closed, officials told reporters on Monday.", nil},
		{"“We are working on it,” the engineer said.", nil},
	}
	span := func(text, s string) []dateline.Span {
		i := bytes.Index([]byte(text), []byte(s))
		return []dateline.Span{{Start: int32(i), End: int32(i + len(s))}}
	}
	texts[0].gold = []Gold{{Source: span(texts[0].text, "Mayor Ana Ruiz"), Cue: span(texts[0].text, "said"), Content: span(texts[0].text, "the bridge will reopen in May")}}
	texts[1].gold = []Gold{{Source: span(texts[1].text, "officials"), Cue: span(texts[1].text, "told"), Content: span(texts[1].text, "The bridge is closed")}}
	texts[2].gold = []Gold{{Source: span(texts[2].text, "the engineer"), Cue: span(texts[2].text, "said"), Content: span(texts[2].text, "“We are working on it,”")}}
	var exs []Example
	for _, tx := range texts {
		exs = append(exs, Example{Doc: segmented(t, tx.text, false), Gold: tx.gold})
	}
	m, err := Train(context.Background(), exs, TrainOptions{Epochs: 10, Folds: 3, Bits: 12, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := ReadModel(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	for s := range m.stages {
		back := m2.stages[s].floats()
		for i, w := range m.stages[s].w {
			if d := math.Abs(float64(w - back[i])); d > 1e-3*math.Max(1, math.Abs(float64(w))) {
				t.Fatalf("stage %d weight %d: %v read back as %v", s, i, w, back[i])
			}
		}
	}
	// A model read from a file writes the same bytes again.
	var again bytes.Buffer
	if _, err := m2.WriteTo(&again); err != nil {
		t.Fatal(err)
	}
	m3, err := ReadModel(&again)
	if err != nil {
		t.Fatal(err)
	}
	for s := range m2.stages {
		for i, q := range m2.stages[s].q {
			if m3.stages[s].q[i] != q {
				t.Fatalf("stage %d: weight %d changed on rewrite", s, i)
			}
		}
	}
	for i, ex := range exs {
		atts := New(m2).Attributions(ex.Doc)
		found := false
		for _, a := range atts {
			if a.Cue == texts[i].gold[0].Cue[0] && a.Source == texts[i].gold[0].Source[0] {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: gold attribution not found in %+v", texts[i].text, atts)
		}
	}
	// Broken model files are errors, not panics.
	b := buf.Bytes()
	for _, cut := range []int{0, 5, len(b) / 2, len(b) - 1} {
		if _, err := ReadModel(bytes.NewReader(b[:cut])); err == nil {
			t.Errorf("truncated at %d: no error", cut)
		}
	}
}

func TestGoldLabels(t *testing.T) {
	text := "“Yes,” she said, “and no.”"
	doc := segmented(t, text, false)
	sp := func(s string, from int) dateline.Span {
		i := from + bytes.Index([]byte(text[from:]), []byte(s))
		return dateline.Span{Start: int32(i), End: int32(i + len(s))}
	}
	g := []Gold{{Source: []dateline.Span{sp("she", 0)}, Cue: []dateline.Span{sp("said", 0)},
		Content: []dateline.Span{sp("“Yes,”", 0), sp("“and no.”", 10)}}}
	var got []string
	for _, l := range goldLabels(doc, g) {
		got = append(got, labelString(l))
	}
	want := []string{"B-CON", "I-CON", "I-CON", "I-CON", "B-SRC", "B-CUE", "O", "B-CON", "I-CON", "I-CON", "I-CON", "I-CON"}
	if len(got) != len(want) {
		t.Fatalf("labels %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("labels %v, want %v", got, want)
		}
	}
}
