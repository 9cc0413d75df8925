package event_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/analyze/actor"
	"github.com/dateline-news/dateline/internal/analyze/event"
	"github.com/dateline-news/dateline/internal/analyze/ner"
	"github.com/dateline-news/dateline/internal/analyze/parse"
	"github.com/dateline-news/dateline/internal/analyze/quote"
	"github.com/dateline-news/dateline/internal/analyze/segment"
	"github.com/dateline-news/dateline/internal/analyze/tag"
	"github.com/dateline-news/dateline/internal/analyze/timex"
	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/repotest"
	"github.com/dateline-news/dateline/internal/resolve"
)

// pipeline is the language core, the actor pass and the coder, loaded once
// per test binary run by newPipeline.
type pipeline struct {
	passes []interface {
		Run(context.Context, *dateline.Document) error
	}
	coder *event.Coder
}

// newPipeline loads every pass the event pass reads; it skips the test
// when the tagger, parser or recogniser model cannot be loaded (another
// package's model being retrained), and runs without quotes when the quote
// model is missing.
func newPipeline(t testing.TB) *pipeline {
	t.Helper()
	tg, err := tag.Load()
	if err != nil {
		t.Skipf("tagger: %v", err)
	}
	ps, err := parse.Load()
	if err != nil {
		t.Skipf("parser: %v", err)
	}
	rec, err := ner.Load()
	if err != nil {
		t.Skipf("NER: %v", err)
	}
	kb, err := resolve.Load()
	if err != nil {
		t.Skipf("knowledge base: %v", err)
	}
	coder, err := event.Load(kb)
	if err != nil {
		t.Fatal(err)
	}
	p := &pipeline{coder: coder}
	p.passes = append(p.passes, segment.New(), tg, ps, rec, actor.New(kb), timex.New())
	if q, err := quote.Load(); err == nil {
		p.passes = append(p.passes, q)
	} else {
		t.Logf("no quotes: %v", err)
	}
	return p
}

// core runs every pass but the event pass.
func (p *pipeline) core(t testing.TB, doc *dateline.Document) {
	t.Helper()
	for _, ps := range p.passes {
		if err := ps.Run(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
	}
}

// analyse runs the whole pipeline over a plain-text report.
func (p *pipeline) analyse(t testing.TB, text string, published time.Time) *dateline.Document {
	t.Helper()
	doc, err := article.Extract(&dateline.Page{Body: []byte(text), Format: dateline.FormatText}, article.Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc.Published = published
	p.core(t, doc)
	if err := p.coder.Run(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	checkEvents(t, doc)
	return doc
}

// checkEvents checks the invariants of the event layer.
func checkEvents(t testing.TB, doc *dateline.Document) {
	t.Helper()
	n := len(doc.Text)
	var last int32 = -1
	for i, e := range doc.Events {
		if !e.Trigger.Valid(n) || !e.Evidence.Valid(n) || !e.Evidence.Contains(e.Trigger) {
			t.Errorf("event %d: spans out of bounds or trigger outside evidence: %+v", i, e)
		}
		if e.Trigger.Start < last {
			t.Errorf("event %d: not sorted by trigger", i)
		}
		last = e.Trigger.Start
		if e.Time < -1 || e.Time >= len(doc.Times) || e.Asserter < -1 || e.Asserter >= len(doc.Quotes) {
			t.Errorf("event %d: bad index time %d asserter %d", i, e.Time, e.Asserter)
		}
		for _, a := range append(append([]dateline.EventActor(nil), e.Source...), e.Target...) {
			if a.Actor < -1 || a.Actor >= len(doc.Actors) {
				t.Errorf("event %d: bad actor index %d", i, a.Actor)
			}
		}
		switch e.Status {
		case dateline.StatusHappened, dateline.StatusNotHappened, dateline.StatusPlanned, dateline.StatusRefused,
			dateline.StatusConditional, dateline.StatusHedged, dateline.StatusRetracted, dateline.StatusOngoing:
		default:
			t.Errorf("event %d: bad status %q", i, e.Status)
		}
	}
}

// eventLine renders an event as one line: "043 CONSULT Trump -> Putin [happened 2025-08-15] met".
func eventLine(doc *dateline.Document, e dateline.Event) string {
	names := func(as []dateline.EventActor) string {
		var s []string
		for _, a := range as {
			x := a.Text
			if a.Code != "" {
				x += "/" + a.Code
			}
			s = append(s, x)
		}
		return strings.Join(s, "+")
	}
	return fmt.Sprintf("%s %s %s -> %s [%s %s] %q place=%q", e.Code, e.Plover, names(e.Source), names(e.Target), e.Status, e.TimeValue, e.Trigger.In(doc.Text), e.Place)
}

func TestExampleArticle(t *testing.T) {
	root := repotest.Root(t)
	b, err := os.ReadFile(filepath.Join(root, "testdata", "examples", "alaska-summit.txt"))
	if err != nil {
		t.Skipf("example article: %v", err)
	}
	p := newPipeline(t)
	doc := p.analyse(t, string(b), time.Date(2025, 8, 15, 0, 0, 0, 0, time.UTC))
	if testing.Verbose() {
		for _, e := range doc.Events {
			t.Log(eventLine(doc, e))
		}
	}
	// The events table of the example's expected.md: codes (any of), the
	// source's and target's CAMEO codes (prefixes; "" for any), the status
	// and the start of the time value ("" for any).
	rows := []struct {
		what     string
		trig     string // the trigger's start, "" for any
		codes    []string
		src, tgt string
		status   string
		when     string
	}{
		{"Putin visits the United States", "", []string{"042"}, "RUS", "USA", dateline.StatusHappened, "2025-08-15"},
		{"Trump and Putin meet and negotiate", "", []string{"043", "046", "040"}, "USA", "RUS", dateline.StatusHappened, "2025-08-15"},
		{"no ceasefire agreed", "", []string{"0871", "03", "057"}, "", "", dateline.StatusNotHappened, ""},
		{"Zelenskyy to travel to Washington", "", []string{"042", "036"}, "UKR", "USA", dateline.StatusPlanned, "2025-08-18"},
		{"Trump had warned Russia", "", []string{"130", "13"}, "USA", "RUS", dateline.StatusHappened, "before 2025-08-15"},
		{"Putin refuses a ceasefire", "refus", []string{"1246", "12"}, "RUS", "", dateline.StatusHappened, ""},
		{"Ukraine demands security guarantees", "", []string{"1034", "10"}, "UKR", "", dateline.StatusHappened, ""},
		{"Trump wants Ukraine to agree a ceasefire", "", []string{"107", "10"}, "USA", "UKR", dateline.StatusHappened, ""},
		{"Trump implies Ukraine is to blame", "", []string{"112", "11"}, "USA", "UKR", dateline.StatusHappened, "before 2025-08-15"},
		{"Trump called Zelenskyy a dictator, later retracted", "", []string{"111"}, "USA", "UKR", dateline.StatusRetracted, "before 2025-08-15"},
		{"European allies support Ukraine", "", []string{"071", "072", "070"}, "", "UKR", dateline.StatusHappened, ""},
		{"Russia's war against Ukraine", "", []string{"190", "19"}, "RUS", "UKR", dateline.StatusOngoing, ""},
	}
	found := 0
	for _, r := range rows {
		ok := false
		for _, e := range doc.Events {
			codeOK := false
			for _, c := range r.codes {
				codeOK = codeOK || strings.HasPrefix(e.Code, c)
			}
			if codeOK && strings.HasPrefix(strings.ToLower(e.Trigger.In(doc.Text)), r.trig) && (r.src == "" || hasCode(e.Source, r.src)) && (r.tgt == "" || hasCode(e.Target, r.tgt)) &&
				e.Status == r.status && strings.HasPrefix(e.TimeValue, r.when) {
				ok = true
				break
			}
		}
		if ok {
			found++
		} else {
			t.Logf("missing: %s", r.what)
		}
	}
	t.Logf("%d of %d rows of the events table", found, len(rows))
	if found < 10 {
		t.Errorf("found %d of the %d events of expected.md, want at least 10", found, len(rows))
	}
}
