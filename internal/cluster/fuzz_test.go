package cluster

import (
	"testing"

	"github.com/dateline-news/dateline"
)

// FuzzDocument feeds arbitrary text and spans (in bounds or not) to every
// reader of a document in this package: no panics, and the indexes accept
// whatever comes out.
func FuzzDocument(f *testing.F) {
	f.Add("Ruritania’s army shelled Freedonia – “again”.", int32(0), int32(9), int32(10), int32(14), "quake")
	f.Add("", int32(-1), int32(5), int32(3), int32(1), "")
	f.Add("a b c d e f g", int32(2), int32(200), int32(0), int32(1), "say")
	f.Fuzz(func(t *testing.T, text string, s1, e1, s2, e2 int32, lemma string) {
		doc := &dateline.Document{ID: "x", Text: text,
			Blocks:    []dateline.Block{{Span: dateline.Span{Start: s1, End: e1}, Kind: dateline.BlockParagraph}},
			Sentences: []dateline.Sentence{{Span: dateline.Span{Start: s2, End: e1}}, {Span: dateline.Span{Start: s1, End: e2}}},
			Tokens:    []dateline.Token{{Span: dateline.Span{Start: s1, End: e1}, Lemma: lemma, UPOS: "VERB"}, {Span: dateline.Span{Start: s2, End: e2}}},
			Mentions:  []dateline.Mention{{Span: dateline.Span{Start: s2, End: e2}, Type: dateline.EntPerson, Actor: 3}},
			Events:    []dateline.Event{{Code: "190", Trigger: dateline.Span{Start: s1, End: e2}, Evidence: dateline.Span{Start: s2, End: e1}, Source: []dateline.EventActor{{Actor: 7, Text: lemma}}}},
		}
		s := NewStories(StoryConfig{})
		s.AddDocument(doc)
		s.AddDocument(doc)
		NewCopies(CopyConfig{MinWords: 1}).Add(doc)
		ev := NewEvents(EventConfig{})
		for _, m := range EventMentions(doc, 0) {
			ev.Add(m)
		}
		_ = HeadLemma(doc, dateline.Span{Start: s2, End: e1})
		_ = SpanLemmas(doc, dateline.Span{Start: e1, End: s2})
	})
}
