package cluster

import (
	"slices"
	"strings"
	"testing"

	"github.com/dateline-news/dateline"
)

func TestEvents(t *testing.T) {
	ctxA := []string{"earthquake", "vellmar", "school", "collapse"}
	ctxB := []string{"minister", "resign", "audit", "payment"}
	for _, c := range []struct {
		name string
		ms   []EventMention
		want []EventID
	}{
		{"same lemma, same story", []EventMention{
			{Doc: "a", Story: 0, Lemma: "strike", Context: ctxA},
			{Doc: "b", Story: 0, Lemma: "strike", Context: ctxA},
		}, []EventID{0, 0}},
		{"same lemma, other story", []EventMention{
			{Doc: "a", Story: 0, Lemma: "strike", Context: ctxA},
			{Doc: "b", Story: 1, Lemma: "strike", Context: ctxA},
		}, []EventID{0, 1}},
		{"related lemma with context", []EventMention{
			{Doc: "a", Story: 0, Lemma: "earthquake", Context: ctxA},
			{Doc: "b", Story: 0, Lemma: "quake", Context: ctxA},
			{Doc: "c", Story: 0, Lemma: "shootings", Context: ctxA},
		}, []EventID{0, 0, 1}},
		{"learned synonyms", []EventMention{
			{Doc: "a", Story: 0, Lemma: "kill", Context: ctxA},
			{Doc: "b", Story: 0, Lemma: "die", Context: ctxA},
			{Doc: "c", Story: 0, Lemma: "death", Context: ctxA},
			{Doc: "d", Story: 0, Lemma: "win", Context: ctxA},
		}, []EventID{0, 0, 0, 1}},
		{"wordnet synonyms", []EventMention{
			{Doc: "a", Story: 0, Lemma: "arrest", Context: ctxB},
			{Doc: "b", Story: 0, Lemma: "apprehend", Context: ctxB},
			{Doc: "c", Story: 0, Lemma: "earthquake", Context: ctxA},
			{Doc: "d", Story: 0, Lemma: "temblor", Context: ctxA},
		}, []EventID{0, 0, 1, 1}},
		{"unrelated lemma, same context", []EventMention{
			{Doc: "a", Story: 0, Lemma: "collapse", Context: ctxA},
			{Doc: "b", Story: 0, Lemma: "rescue", Context: ctxA},
		}, []EventID{0, 1}},
		{"saying needs agreement", []EventMention{
			{Doc: "a", Story: 0, Lemma: "say", Context: ctxA},
			{Doc: "b", Story: 0, Lemma: "say", Context: ctxB},
			{Doc: "c", Story: 0, Lemma: "say", Context: ctxA, Participants: []string{"mayor"}},
			{Doc: "d", Story: 0, Lemma: "say", Context: ctxA, Participants: []string{"mayor"}},
		}, []EventID{0, 1, 0, 0}},
		{"codes disagree", []EventMention{
			{Doc: "a", Story: 0, Lemma: "attack", Code: "190", Context: ctxA},
			{Doc: "b", Story: 0, Lemma: "attack", Code: "112", Context: ctxB},
		}, []EventID{0, 1}},
	} {
		ev := NewEvents(EventConfig{})
		for i, m := range c.ms {
			if got := ev.Add(m); got != c.want[i] {
				t.Errorf("%s: mention %d -> record %d, want %d", c.name, i, got, c.want[i])
			}
		}
	}
}

func TestLemmaPairs(t *testing.T) {
	p := lemmaPairs()
	if len(p) < 20 {
		t.Fatalf("%d lemma pairs", len(p))
	}
	for k := range p {
		if k[0] >= k[1] || k[0] == "" {
			t.Errorf("pair %q not ordered", k)
		}
	}
	for _, c := range [][2]string{{"kill", "murder"}, {"win", "victory"}, {"injure", "wound"}} {
		if !p[pairKey(c[0], c[1])] || !p[pairKey(c[1], c[0])] {
			t.Errorf("%v missing", c)
		}
	}
	ev := NewEvents(EventConfig{NoLemmaPairs: true})
	ev.Add(EventMention{Doc: "a", Lemma: "kill", Context: []string{"x"}})
	if id := ev.Add(EventMention{Doc: "b", Lemma: "murder", Context: []string{"x"}}); id != 1 {
		t.Errorf("NoLemmaPairs: murder joined %d", id)
	}
}

func TestSynonymPairs(t *testing.T) {
	lines := strings.Split(strings.TrimSuffix(synonymsTSV, "\n"), "\n")
	if len(lines) < 5000 || !slices.IsSorted(lines) {
		t.Fatalf("%d synonym lines, sorted %v", len(lines), slices.IsSorted(lines))
	}
	for _, l := range lines {
		a, b, _ := strings.Cut(l, "\t")
		if !synonyms(synonymsTSV, a, b) || !synonyms(synonymsTSV, b, a) {
			t.Fatalf("%q not found", l)
		}
	}
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"arrest", "apprehend", true}, {"die", "perish", true}, {"earthquake", "quake", true},
		{"arrest", "earthquake", false}, {"win", "lose", false}, {"", "", false}, {"die", "die", false},
		{"a", "b", false}, {"zzzz", "zzzzz", false}, {"arrest", "", false}, {"arrest\tapprehend", "x", false},
	} {
		if got := synonyms(synonymsTSV, c.a, c.b); got != c.want {
			t.Errorf("%q/%q: %v, want %v", c.a, c.b, got, c.want)
		}
	}
	for _, text := range []string{"", "a\tb", "a\tb\n", "\n\n", "a\tb\nc\td\n"} {
		want := strings.Contains(text, "c\td")
		if got := synonyms(text, "d", "c"); got != want {
			t.Errorf("synonyms(%q, d, c) = %v", text, got)
		}
	}
	ev := NewEvents(EventConfig{NoSynonyms: true})
	ev.Add(EventMention{Doc: "a", Lemma: "arrest", Context: []string{"x"}})
	if id := ev.Add(EventMention{Doc: "b", Lemma: "apprehend", Context: []string{"x"}}); id != 1 {
		t.Errorf("NoSynonyms: apprehend joined %d", id)
	}
}

func TestEventRecordSources(t *testing.T) {
	ev := NewEvents(EventConfig{})
	for _, d := range []dateline.DocID{"a", "a", "b", "c"} {
		ev.Add(EventMention{Doc: d, Story: 2, Lemma: "arrest", Code: "173", Context: []string{"police", "arrest"}})
	}
	r, ok := ev.Record(0)
	if !ok || r.Sources != 3 || len(r.Mentions) != 4 || r.Lemma != "arrest" || r.Code != "173" || r.Story != 2 {
		t.Errorf("record = %+v", r)
	}
	if _, ok := ev.Record(1); ok || ev.Len() != 1 {
		t.Error("one record expected")
	}
}

func TestEventMentionsFromDocument(t *testing.T) {
	text := "Police arrested Anna Kovar in Vellmar on Friday."
	doc := &dateline.Document{ID: "d", Text: text,
		Tokens: []dateline.Token{
			{Span: dateline.Span{Start: 0, End: 6}, UPOS: "NOUN", Lemma: "police"},
			{Span: dateline.Span{Start: 7, End: 15}, UPOS: "VERB", Lemma: "arrest"},
			{Span: dateline.Span{Start: 16, End: 20}, UPOS: "PROPN"},
			{Span: dateline.Span{Start: 21, End: 26}, UPOS: "PROPN"},
			{Span: dateline.Span{Start: 27, End: 29}, UPOS: "ADP"},
			{Span: dateline.Span{Start: 30, End: 37}, UPOS: "PROPN"},
		},
		Actors: []dateline.DocActor{{ID: "Q1", Name: "Anna Kovar"}},
		Events: []dateline.Event{{Code: "173", Trigger: dateline.Span{Start: 7, End: 15}, Evidence: dateline.Span{End: int32(len(text))},
			Source: []dateline.EventActor{{Actor: -1, Text: "Police", Code: "COP"}}, Target: []dateline.EventActor{{Actor: 0, Text: "Anna Kovar"}},
			TimeValue: "2025-08-15", Place: "Vellmar"}},
	}
	ms := EventMentions(doc, 4)
	if len(ms) != 1 {
		t.Fatalf("mentions = %v", ms)
	}
	m := ms[0]
	if m.Lemma != "arrest" || m.Story != 4 || m.Code != "173" || len(m.Participants) != 2 || m.Participants[0] != "COP" || m.Participants[1] != "Q1" ||
		m.Times[0] != "2025-08-15" || m.Places[0] != "vellmar" || len(m.Context) != 5 {
		t.Errorf("mention = %+v", m)
	}
}

// FuzzSynonyms searches arbitrary text: never out of range, and a line that
// is the key in sorted text is found.
func FuzzSynonyms(f *testing.F) {
	f.Add("a\tb\nc\td\n", "c", "d")
	f.Add("\n\n\t\n", "", "\t")
	f.Add("x\ty", "y", "x")
	f.Fuzz(func(t *testing.T, text, a, b string) {
		got := synonyms(text, a, b)
		lines := strings.Split(text, "\n")
		if !slices.IsSorted(lines) || a == "" || b == "" || a == b {
			return
		}
		if b < a {
			a, b = b, a
		}
		if want := slices.Contains(lines, a+"\t"+b); got != want {
			t.Errorf("synonyms(%q, %q, %q) = %v, want %v", text, a, b, got, want)
		}
	})
}
