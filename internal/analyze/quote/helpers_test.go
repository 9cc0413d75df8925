package quote

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/analyze/segment"
	"github.com/dateline-news/dateline/internal/analyze/tag"
)

// The language core is loaded once for all tests of the package.
var core struct {
	once sync.Once
	tag  *tag.Tagger
	err  error
}

func tagger(t testing.TB) *tag.Tagger {
	core.once.Do(func() { core.tag, core.err = tag.Load() })
	if core.err != nil {
		t.Skipf("no tagger: %v", core.err)
	}
	return core.tag
}

// haveTagger reports whether the tag model loads.
func haveTagger() bool {
	core.once.Do(func() { core.tag, core.err = tag.Load() })
	return core.err == nil
}

// segmented builds a document with one paragraph per line, segmented (and
// tagged when tagged is true), with mentions given as "text=TYPE" (every
// occurrence).
func segmented(t testing.TB, text string, tagged bool, mentions ...string) *dateline.Document {
	t.Helper()
	doc := &dateline.Document{Text: text}
	pos := 0
	for _, line := range strings.SplitAfter(text, "\n") {
		body := strings.TrimRight(line, "\n")
		if strings.TrimSpace(body) != "" {
			doc.Blocks = append(doc.Blocks, dateline.Block{Span: dateline.Span{Start: int32(pos), End: int32(pos + len(body))}, Kind: dateline.BlockParagraph})
		}
		pos += len(line)
	}
	ctx := context.Background()
	if err := segment.New().Run(ctx, doc); err != nil {
		t.Fatal(err)
	}
	if tagged {
		if err := tagger(t).Run(ctx, doc); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range mentions {
		w, typ, _ := strings.Cut(m, "=")
		for at := 0; ; {
			i := strings.Index(text[at:], w)
			if i < 0 {
				break
			}
			s := at + i
			doc.Mentions = append(doc.Mentions, dateline.Mention{Span: dateline.Span{Start: int32(s), End: int32(s + len(w))}, Type: typ, Actor: -1})
			at = s + len(w)
		}
	}
	sortMentions(doc)
	return doc
}

func sortMentions(doc *dateline.Document) {
	ms := doc.Mentions
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].Start < ms[j-1].Start; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

// checkQuotes checks the invariants of doc.Quotes.
func checkQuotes(t testing.TB, doc *dateline.Document) {
	t.Helper()
	n := len(doc.Text)
	for i, q := range doc.Quotes {
		if !q.Span.Valid(n) || !q.Cue.Valid(n) || !q.Source.Valid(n) {
			t.Fatalf("quote %d: span out of bounds: %+v (text %d bytes)", i, q, n)
		}
		if i > 0 && q.Start < doc.Quotes[i-1].Start {
			t.Fatalf("quotes not sorted at %d", i)
		}
		if q.Speaker < -1 || q.Speaker >= len(doc.Mentions) {
			t.Fatalf("quote %d: speaker %d out of range", i, q.Speaker)
		}
		if len(q.CoSpeakers) > 0 && q.Speaker < 0 {
			t.Fatalf("quote %d: co-speakers %v without a speaker", i, q.CoSpeakers)
		}
		for _, c := range q.CoSpeakers {
			if c < 0 || c >= len(doc.Mentions) || c == q.Speaker {
				t.Fatalf("quote %d: co-speaker %d out of range or the speaker (%d)", i, c, q.Speaker)
			}
		}
		switch q.Kind {
		case dateline.QuoteDirect, dateline.QuoteIndirect, dateline.QuoteMixed, dateline.QuoteWord:
		default:
			t.Fatalf("quote %d: kind %q", i, q.Kind)
		}
	}
}
