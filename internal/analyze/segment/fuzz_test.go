package segment

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/dateline-news/dateline"
)

// FuzzSegment runs the pass on arbitrary bytes, without blocks and with
// blocks cut from the input, and checks the invariants of both layers.
func FuzzSegment(f *testing.F) {
	for _, seed := range []string{
		"", ".", "...", "U.S.", "don't", "’s", "n't", "'90s", "1-800-555-0199",
		"http://x.com/(a)).", "a@b.c.", "#1 @x", ":) :-(", "1.\n2.", "—“”–…",
		"Mr. Smith went to Washington, D.C. He said “no.” Then—nothing.",
		"\xff\xfe\xfd", "a\u00a0b\u200bc", "👨‍👩‍👧🇺🇦", "\u200d\u0301x",
		newsText[:500],
	} {
		f.Add(seed, uint8(0))
	}
	s := New()
	f.Fuzz(func(t *testing.T, text string, cut uint8) {
		doc := &dateline.Document{Text: text}
		if err := s.Run(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		checkDoc(t, doc)

		// Two blocks at an arbitrary cut, one of them skipped or not.
		c := int32(0)
		if len(text) > 0 {
			c = int32(int(cut) % (len(text) + 1))
		}
		kind := dateline.BlockParagraph
		if cut%3 == 0 {
			kind = dateline.BlockBoilerplate
		}
		doc = &dateline.Document{Text: text, Blocks: []dateline.Block{
			{Span: dateline.Span{Start: 0, End: c}, Kind: dateline.BlockHeading},
			{Span: dateline.Span{Start: c, End: int32(len(text))}, Kind: kind},
		}}
		if err := s.Run(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		if len(doc.Diags) != 0 {
			t.Fatalf("diagnostics for valid blocks: %+v", doc.Diags)
		}
		checkDoc(t, doc)
	})
}

// TestRandomInvariants checks the invariants on many short random strings
// over an alphabet of the characters the rules care about; it is the fast,
// deterministic companion of FuzzSegment.
func TestRandomInvariants(t *testing.T) {
	alpha := []string{"a", "B", "1", ".", "'", "’", "-", " ", "\n", "@", "#", ":", ")", "(", "/",
		"n", "t", "s", "U", "S", "w", "h", "p", "&", "“", "”", "…", "\xff", "[", "]", "!", "?",
		",", "0", "Mr", "www.", "http://", "\u00a0", "\u200d", "é", "–", "$", "%", "\"", "e.g", "x"}
	s := New()
	r := rand.New(rand.NewPCG(1, 2))
	n := 20000
	if testing.Short() {
		n = 2000
	}
	var b strings.Builder
	for range n {
		b.Reset()
		for range r.IntN(16) {
			b.WriteString(alpha[r.IntN(len(alpha))])
		}
		text := b.String()
		doc := &dateline.Document{Text: text}
		if err := s.Run(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		checkDoc(t, doc)
		c := int32(r.IntN(len(text) + 1))
		doc = &dateline.Document{Text: text, Blocks: []dateline.Block{
			{Span: dateline.Span{Start: 0, End: c}, Kind: dateline.BlockHeading},
			{Span: dateline.Span{Start: c, End: int32(len(text))}, Kind: dateline.BlockParagraph},
		}}
		if err := s.Run(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		checkDoc(t, doc)
	}
}
