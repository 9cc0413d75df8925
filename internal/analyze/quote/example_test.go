package quote

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/analyze"
	"github.com/dateline-news/dateline/internal/analyze/ner"
	"github.com/dateline-news/dateline/internal/analyze/parse"
	"github.com/dateline-news/dateline/internal/analyze/segment"
	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/repotest"
)

// examplePipeline builds the language core and the quote pass, skipping
// when a model of the core is missing or stale.
func examplePipeline(t testing.TB) (*analyze.Pipeline, *Attributor) {
	t.Helper()
	tg := tagger(t)
	ps, err := parse.Load()
	if err != nil {
		t.Skipf("no parser: %v", err)
	}
	rec, err := ner.Load()
	if err != nil {
		t.Skipf("no NER model: %v", err)
	}
	qp, err := Load()
	if err != nil {
		t.Logf("no quote model, patterns only: %v", err)
		qp = New(nil)
	}
	return analyze.New(segment.New(), tg, ps, rec, qp), qp
}

func exampleDoc(t testing.TB) *dateline.Document {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repotest.Root(t), "testdata", "examples", "alaska-summit.txt"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := article.Extract(&dateline.Page{Format: dateline.FormatText, Body: b}, article.Options{Published: time.Date(2025, 8, 15, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestExampleArticle checks the expectations on the example
// article through the whole pipeline: segment, tag, parse, ner, quote.
func TestExampleArticle(t *testing.T) {
	pl, _ := examplePipeline(t)
	doc := exampleDoc(t)
	if err := pl.Run(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	checkQuotes(t, doc)
	for _, d := range describe(doc) {
		t.Log(d)
	}
	speaker := func(q dateline.Quote) string {
		if q.Speaker < 0 {
			return ""
		}
		return doc.Mentions[q.Speaker].In(doc.Text)
	}
	find := func(snippet string) []dateline.Quote {
		at := strings.Index(doc.Text, snippet)
		if at < 0 {
			t.Fatalf("%q not in the text", snippet)
		}
		sp := dateline.Span{Start: int32(at), End: int32(at + len(snippet))}
		var out []dateline.Quote
		for _, q := range doc.Quotes {
			if q.Overlaps(sp) {
				out = append(out, q)
			}
		}
		return out
	}
	for _, tc := range []struct {
		snippet, speaker, kind string
	}{
		{"“great progress”", "Trump", ""},
		{"“dictator”", "Trump", dateline.QuoteWord},
		{"he and Russia’s Vladimir Putin made progress", "Trump", ""},
		{"his country requires robust security assurances", "Zelenskyy", ""},
	} {
		qs := find(tc.snippet)
		ok := false
		for _, q := range qs {
			if strings.Contains(speaker(q), tc.speaker) && (tc.kind == "" || q.Kind == tc.kind) {
				ok = true
			}
		}
		if !ok {
			t.Errorf("%q: no %s quote from %s among %d overlapping", tc.snippet, tc.kind, tc.speaker, len(qs))
		}
	}
	// A joint statement: "Putin and Trump both said …" has both speakers.
	joint := false
	for _, q := range find("the meeting was productive") {
		names := []string{speaker(q)}
		for _, c := range q.CoSpeakers {
			names = append(names, doc.Mentions[c].In(doc.Text))
		}
		all := strings.Join(names, " & ")
		if strings.Contains(all, "Putin") && strings.Contains(all, "Trump") {
			joint = true
		}
	}
	if !joint {
		t.Error("“Putin and Trump both said the meeting was productive”: not both speakers")
	}
	if qs := find("Putin Expresses Readiness For Nuclear War"); len(qs) > 0 {
		t.Errorf("a quote from the Related: line: %+v", qs)
	}
}
