// Package timex is the time-expression pass: it finds DATE, TIME, DURATION
// and SET expressions in a report and normalises them to TIMEX3 values
// against the publication date.
//
// The scanner is hand-written: a light tokenisation of each analysed block,
// a lexicon lookup per token (a switch, no tables to initialise), and
// pattern functions tried only at tokens the lexicon marks as possible
// starts. News rules decide what the text leaves open: a bare weekday in a
// past-tense clause is the one in the week up to the publication date, in a
// future clause ("will travel on Monday", "scheduled ... on Monday") the
// next one; the governing verb's tense comes from the parse when the
// document has one, else from local cues. An untensed month-day more than
// five months ahead is last year's: reports look back more than ahead. A
// range of amounts ("two to three weeks") is one DURATION at its lower
// bound, EQUAL_OR_MORE. Anniversaries and "since the invasion" take their
// value from the event starts the tagger is given (WithKnownStarts).
package timex

import (
	"context"
	"strings"
	"time"

	"github.com/dateline-news/dateline"
)

// Name is the name of the pass.
const Name = "timex"

// EventStart returns the start date of the event an expression at span in
// text refers to (the war whose "third anniversary" the text mentions, the
// invasion that "since the invasion" names), if known. doc may be nil when the tagger runs on bare text.
type EventStart func(doc *dateline.Document, text string, at dateline.Span) (time.Time, bool)

// Tagger is the time-expression pass. It holds no mutable state and is
// safe for concurrent use.
type Tagger struct {
	eventStart EventStart
}

// Option configures a Tagger.
type Option func(*Tagger)

// WithEventStart gives the tagger a source of known event start dates, used
// to give anniversaries and "since the invasion" a value.
func WithEventStart(f EventStart) Option { return func(t *Tagger) { t.eventStart = f } }

// WithKnownStarts is WithEventStart over a fixed table: the keys are
// lower-case phrases ("war in ukraine", "invasion"). An expression that
// names the event itself ("since the invasion") takes the start of the
// last key inside it; an anniversary takes the start of the key found
// nearest before it in its sentence.
func WithKnownStarts(starts map[string]time.Time) Option {
	keys := make(map[string]time.Time, len(starts))
	for k, v := range starts {
		keys[lower(k)] = v
	}
	return WithEventStart(func(_ *dateline.Document, text string, at dateline.Span) (time.Time, bool) {
		if inside := lower(at.In(text)); !strings.HasSuffix(inside, "anniversary") {
			return lastKey(keys, inside)
		}
		lo := int(at.Start)
		for lo > 0 && text[lo-1] != '.' && text[lo-1] != '\n' {
			lo--
		}
		return lastKey(keys, lower(text[lo:at.Start]))
	})
}

// lastKey returns the start of the key found last in s, the longer of
// two found at the same place.
func lastKey(keys map[string]time.Time, s string) (time.Time, bool) {
	best, bestAt, bestLen := time.Time{}, -1, 0
	for k, v := range keys {
		if p := lastIndex(s, k); p > bestAt || p == bestAt && p >= 0 && len(k) > bestLen {
			best, bestAt, bestLen = v, p, len(k)
		}
	}
	return best, bestAt >= 0
}

// lastIndex returns the start of the last occurrence of sub in s as whole
// words (the key "war" is not in "warning"), or -1.
func lastIndex(s, sub string) int {
	for i := len(s) - len(sub); i >= 0; i-- {
		if s[i:i+len(sub)] == sub && (i == 0 || !isLetterAt(s, i-1, len(s))) && (i+len(sub) == len(s) || !isLetterAt(s, i+len(sub), len(s))) {
			return i
		}
	}
	return -1
}

// New returns a time-expression tagger.
func New(opts ...Option) *Tagger {
	t := &Tagger{}
	for _, o := range opts {
		o(t)
	}
	return t
}

// Name implements analyze.Pass.
func (t *Tagger) Name() string { return Name }

// Run writes doc.Times (and diagnostics) from doc.Text, reading only the
// analysed blocks (the whole text when there are no blocks), resolving
// against doc.Published. With no publication date the values stay
// underspecified and one diagnostic says so.
func (t *Tagger) Run(ctx context.Context, doc *dateline.Document) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s := t.newScanner(doc.Text, doc.Published)
	s.doc = doc
	low := lower(doc.Text)
	if len(doc.Blocks) == 0 {
		s.toks = tokenize(s.toks, doc.Text, low, 0, len(doc.Text))
	} else {
		for _, b := range doc.Blocks {
			if !b.Kind.Analysed() || !b.Span.Valid(len(doc.Text)) {
				continue
			}
			s.toks = tokenize(s.toks, doc.Text, low, int(b.Start), int(b.End))
			// A block ends a sentence: keep scans from running across.
			s.toks = append(s.toks, tok{s: b.End, e: b.End, w: ".", k: kPunct, num: -1})
		}
	}
	s.scan()
	doc.Times = s.out
	doc.Diags = append(doc.Diags, s.diags...)
	if doc.Published.IsZero() && len(s.out) > 0 {
		doc.Diag(Name, dateline.SevInfo, dateline.Span{}, "no publication date: relative time expressions are left underspecified (XXXX)")
	}
	return nil
}

// Find returns the time expressions of text resolved against ref (zero:
// underspecified), with spans into text.
func Find(text string, ref time.Time) []dateline.TimeExpr {
	times, _ := New().Find(text, ref)
	return times
}

// Find returns the time expressions of text resolved against ref, and the
// diagnostics (impossible dates) found on the way.
func (t *Tagger) Find(text string, ref time.Time) ([]dateline.TimeExpr, []dateline.Diagnostic) {
	s := t.newScanner(text, ref)
	s.toks = tokenize(s.toks, text, lower(text), 0, len(text))
	s.scan()
	return s.out, s.diags
}

func (t *Tagger) newScanner(text string, ref time.Time) *scanner {
	s := &scanner{t: t, text: text, known: !ref.IsZero()}
	if s.known {
		y, m, d := ref.Date()
		s.ref = day(y, m, d)
	}
	s.toks = make([]tok, 0, len(text)/5+1)
	return s
}
