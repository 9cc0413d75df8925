package web

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/dateline-news/dateline"
)

// bigDoc returns an invented article of n paragraphs, each with a dateline-
// free sentence carrying mentions, times, a quote and an event, like an
// analysed wire report.
func bigDoc(n int) *dateline.Document {
	var b strings.Builder
	d := &dateline.Document{ID: "big", Title: "A long report"}
	for i := range n {
		start := int32(b.Len())
		fmt.Fprintf(&b, "Officials in Ruritania’s capital met Freedonia’s envoy on Tuesday, and the minister said “talks will go on for %d more days” – a spokesperson agreed.", i+2)
		end := int32(b.Len())
		text := b.String()[start:end]
		off := func(sub string) dateline.Span {
			j := int32(strings.Index(text, sub))
			return dateline.Span{Start: start + j, End: start + j + int32(len(sub))}
		}
		d.Blocks = append(d.Blocks, dateline.Block{Span: dateline.Span{Start: start, End: end}, Kind: dateline.BlockParagraph})
		d.Sentences = append(d.Sentences, dateline.Sentence{Span: dateline.Span{Start: start, End: end}})
		d.Mentions = append(d.Mentions,
			dateline.Mention{Span: off("Officials in Ruritania’s capital"), Type: dateline.EntNom, Actor: -1},
			dateline.Mention{Span: off("Ruritania’s"), Type: dateline.EntGPE, Actor: -1},
			dateline.Mention{Span: off("Freedonia’s envoy"), Type: dateline.EntNom, Actor: -1},
			dateline.Mention{Span: off("Freedonia’s"), Type: dateline.EntGPE, Actor: -1},
			dateline.Mention{Span: off("the minister"), Type: dateline.EntNom, Actor: -1})
		d.Times = append(d.Times,
			dateline.TimeExpr{Span: off("Tuesday"), Type: "DATE", Value: "2025-03-04", Anchor: -1},
			dateline.TimeExpr{Span: off(fmt.Sprintf("%d more days", i+2)), Type: "DURATION", Value: fmt.Sprintf("P%dD", i+2), Anchor: -1})
		d.Quotes = append(d.Quotes, dateline.Quote{Span: off(fmt.Sprintf("“talks will go on for %d more days”", i+2)), Kind: "direct",
			Cue: off("said"), Source: off("the minister"), Speaker: len(d.Mentions) - 1})
		d.Events = append(d.Events, dateline.Event{Code: "040", Trigger: off("met"), Evidence: dateline.Span{Start: start, End: end}, Time: -1, Asserter: -1})
		for _, tok := range strings.Fields(text) {
			_ = tok
			d.Tokens = append(d.Tokens, dateline.Token{})
		}
		b.WriteByte('\n')
	}
	d.Text = strings.TrimSuffix(b.String(), "\n")
	return d
}

// BenchmarkDocumentPage renders the article page of a 40-paragraph report
// (about 1,000 tokens, 360 annotations).
func BenchmarkDocumentPage(b *testing.B) {
	d := bigDoc(40)
	h := New(newFakeStore(d), nil, Options{})
	b.SetBytes(int64(len(d.Text)))
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/doc/big", nil))
		if rec.Code != 200 {
			b.Fatal(rec.Code)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(b.N*len(d.Tokens))/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkNew measures building the handler (parsing the templates).
func BenchmarkNew(b *testing.B) {
	st := newFakeStore()
	for b.Loop() {
		New(st, nil, Options{})
	}
}

// BenchmarkList renders the list page of 20 search results.
func BenchmarkList(b *testing.B) {
	h := New(newFakeStore(otherDocs(50)...), nil, Options{})
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/?q=ferry", nil))
		if rec.Code != 200 {
			b.Fatal(rec.Code)
		}
	}
}
