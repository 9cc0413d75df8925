package web

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dateline-news/dateline"
)

// fakeStore is a Store in memory for the handler tests. err, when set, is
// returned by every call.
type fakeStore struct {
	docs []*dateline.Document
	err  error
}

func newFakeStore(docs ...*dateline.Document) *fakeStore {
	s := &fakeStore{docs: slices.Clone(docs)}
	slices.SortStableFunc(s.docs, func(a, b *dateline.Document) int { return b.Published.Compare(a.Published) })
	return s
}

func (s *fakeStore) PutDocuments(ctx context.Context, docs []*dateline.Document) (dateline.PutResult, error) {
	return dateline.PutResult{}, fmt.Errorf("fake store is read-only: %w", dateline.ErrUnsupported)
}

func (s *fakeStore) Document(ctx context.Context, id dateline.DocID) (*dateline.Document, error) {
	if s.err != nil {
		return nil, s.err
	}
	for _, d := range s.docs {
		if d.ID == id {
			return d, nil
		}
	}
	return nil, fmt.Errorf("document %s: %w", id, dateline.ErrNotFound)
}

func (s *fakeStore) Documents(ctx context.Context, q dateline.DocQuery) ([]dateline.DocSummary, error) {
	if s.err != nil {
		return nil, s.err
	}
	limit := cmp.Or(q.Limit, 50)
	var out []dateline.DocSummary
	for _, d := range s.docs {
		sum := dateline.DocSummary{ID: d.ID, Title: d.Title, URL: d.Source.URL, Outlet: d.Source.Outlet, Published: d.Published}
		if q.Text != "" {
			i := strings.Index(strings.ToLower(d.Text), strings.ToLower(q.Text))
			if i < 0 {
				continue
			}
			sum.Snippet = d.Text[max(0, i-20):min(len(d.Text), i+len(q.Text)+40)]
		}
		out = append(out, sum)
	}
	if q.Offset >= len(out) {
		return nil, nil
	}
	out = out[q.Offset:]
	return out[:min(limit, len(out))], nil
}

func (s *fakeStore) CountDocuments(ctx context.Context) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	return len(s.docs), nil
}

func (s *fakeStore) Close() error { return nil }

// at returns the span of the n-th (0-based) occurrence of sub in text.
func at(t testing.TB, text, sub string, n int) dateline.Span {
	t.Helper()
	from := 0
	for {
		i := strings.Index(text[from:], sub)
		if i < 0 {
			t.Fatalf("%q occurs fewer than %d times", sub, n+1)
		}
		if n == 0 {
			return dateline.Span{Start: int32(from + i), End: int32(from + i + len(sub))}
		}
		n--
		from += i + len(sub)
	}
}

// fixtureText is an invented report with every block kind and multi-byte
// punctuation (’ “ ” –).
const fixtureText = "Harbour talks end without a deal\n" +
	"Negotiators left the port city with no agreement on Tuesday.\n" +
	"Delegates leave the conference hall after the talks.\n" +
	"Jane Roe/Wirephoto\n" +
	"VALLETTA, Malta – Ministers from Ruritania and Freedonia met for “three long hours” on Tuesday, an aide said.\n" +
	"What comes next\n" +
	"Freedonia’s envoy said talks would resume “next week” – perhaps.\n" +
	"Related: Ferry strike enters second day"

// fixtureDoc returns the analysed form of fixtureText, with nested,
// crossing and identical spans across the layers.
func fixtureDoc(t testing.TB) *dateline.Document {
	text := fixtureText
	lines := strings.Split(text, "\n")
	kinds := []dateline.BlockKind{dateline.BlockTitle, dateline.BlockDeck, dateline.BlockCaption, dateline.BlockCredit,
		dateline.BlockParagraph, dateline.BlockHeading, dateline.BlockParagraph, dateline.BlockBoilerplate}
	var blocks []dateline.Block
	for i, l := range lines {
		blocks = append(blocks, dateline.Block{Span: at(t, text, l, 0), Kind: kinds[i]})
	}
	d := &dateline.Document{
		ID:        "d0c0ffee0001",
		Source:    dateline.SourceRef{Kind: "html", URL: "https://news.example/harbour-talks", Outlet: "Example News"},
		Published: time.Date(2025, 3, 4, 9, 30, 0, 0, time.UTC),
		Title:     "Harbour talks end without a deal",
		Deck:      "Negotiators left the port city with no agreement on Tuesday.",
		Byline:    "By A. Writer",
		Lang:      "en",
		Dateline:  &dateline.Dateline{Span: at(t, text, "VALLETTA, Malta", 0), Place: "Valletta, Malta"},
		Text:      text,
		Blocks:    blocks,
		Sentences: []dateline.Sentence{{Span: blocks[4].Span}, {Span: blocks[6].Span}},
	}
	d.Actors = []dateline.DocActor{
		{Name: "Ruritania", Type: dateline.EntGPE, Code: "RUR", Mentions: []int{1}},
		{Name: "Freedonia", Type: dateline.EntGPE, Code: "FRE", Mentions: []int{2, 3}},
	}
	d.Mentions = []dateline.Mention{
		{Span: at(t, text, "Malta", 0), Type: dateline.EntGPE, Actor: -1},
		{Span: at(t, text, "Ruritania", 0), Type: dateline.EntGPE, Actor: 0},
		{Span: at(t, text, "Freedonia", 0), Type: dateline.EntGPE, Actor: 1},
		{Span: at(t, text, "Freedonia’s", 0), Type: dateline.EntGPE, Actor: 1},
		{Span: at(t, text, "Freedonia’s envoy", 0), Type: dateline.EntNom, Actor: -1},
	}
	d.Times = []dateline.TimeExpr{
		{Span: at(t, text, "Tuesday", 0), Type: dateline.TimeDate, Value: "2025-03-04", Anchor: -1},
		{Span: at(t, text, "three long hours", 0), Type: dateline.TimeDuration, Value: "PT3H", Mod: "MORE_THAN", Anchor: -1},
		{Span: at(t, text, "Tuesday", 1), Type: dateline.TimeDate, Value: "2025-03-04", Anchor: -1},
		{Span: at(t, text, "next week", 0), Type: dateline.TimeDate, Value: "2025-W11", Anchor: -1},
	}
	d.Quotes = []dateline.Quote{
		{Span: at(t, text, "talks would resume “next week”", 0), Kind: dateline.QuoteMixed,
			Cue: at(t, text, "said", 1), Source: at(t, text, "Freedonia’s envoy", 0), Speaker: 4},
	}
	d.Events = []dateline.Event{{
		Code: "043", Plover: "CONSULT", Status: dateline.StatusHappened, Time: 2, TimeValue: "2025-03-04", Place: "Valletta",
		Source: []dateline.EventActor{{Actor: 0, Text: "Ruritania", Code: "RUR"}}, Target: []dateline.EventActor{{Actor: 1, Text: "Freedonia", Code: "FRE"}},
		Trigger: at(t, text, "met", 0), Evidence: blocks[4].Span, Asserter: -1,
	}}
	// A diagnostic crossing the mention "Freedonia" and the trigger "met".
	cross := dateline.Span{Start: at(t, text, "Freedonia", 0).Start + 4, End: at(t, text, "met", 0).End}
	d.Diags = []dateline.Diagnostic{
		{Span: cross, Pass: "test", Severity: dateline.SevWarning, Message: "a span crossing two others"},
		{Pass: "article", Severity: dateline.SevInfo, Message: "no author metadata"},
	}
	return d
}

// otherDocs returns n small documents published one day apart.
func otherDocs(n int) []*dateline.Document {
	var out []*dateline.Document
	for i := range n {
		text := fmt.Sprintf("Report number %d about the ferry strike.", i)
		out = append(out, &dateline.Document{
			ID:        dateline.NewDocID("", text),
			Title:     fmt.Sprintf("Ferry report %d", i),
			Published: time.Date(2025, 1, 1+i, 0, 0, 0, 0, time.UTC),
			Text:      text,
			Blocks:    []dateline.Block{{Span: dateline.Span{End: int32(len(text))}, Kind: dateline.BlockParagraph}},
		})
	}
	return out
}
