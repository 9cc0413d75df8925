package timeline

import (
	"slices"
	"strings"
	"time"

	"github.com/dateline-news/dateline"
)

// Expectation states.
const (
	Expected  = "expected"  // announced, its date not yet passed
	Happened  = "happened"  // a later report tells it took place
	Postponed = "postponed" // a later report moves it to a later date
	Cancelled = "cancelled" // a later report tells it did not or will not take place
	Missed    = "missed"    // its date plus the grace period passed without a report
)

// Expectation is a scheduled or planned event that reports announce, tracked
// until later reports settle it.
type Expectation struct {
	Code      string        `json:"code"`
	Plover    string        `json:"plover,omitempty"`
	Label     string        `json:"label"`
	Source    []Participant `json:"source,omitempty"`
	Target    []Participant `json:"target,omitempty"`
	Place     string        `json:"place,omitempty"`
	Due       When          `json:"due"`
	Status    string        `json:"status"`
	Announced []Ref         `json:"announced"`         // the reports that announce it
	Outcome   []Ref         `json:"outcome,omitempty"` // the reports that settle it (happened, postponed, cancelled)
	Settled   time.Time     `json:"settled,omitzero"`  // when it was settled: the settling report's date, or the deadline when missed
}

// Open reports whether the expectation still waits for news.
func (x *Expectation) Open() bool { return x.Status == Expected || x.Status == Postponed }

// deadline is when an open expectation counts as missed.
func (x *Expectation) deadline(grace time.Duration) time.Time {
	lo, hi := x.Due.bounds()
	if hi.IsZero() {
		if lo.IsZero() {
			return time.Time{}
		}
		// "after Friday" with no date: give it a week.
		hi = lo.AddDate(0, 0, 7)
	}
	return hi.Add(grace)
}

// Tracker follows expected events across a stream of reports. It is not
// safe for concurrent use.
type Tracker struct {
	grace time.Duration
	exps  []Expectation
	docs  map[dateline.DocID]bool
}

// NewTracker returns a tracker that marks an expected event missed grace
// after its date (DefaultGrace when grace <= 0).
func NewTracker(grace time.Duration) *Tracker {
	if grace <= 0 {
		grace = DefaultGrace
	}
	return &Tracker{grace: grace, docs: map[dateline.DocID]bool{}}
}

// Follow tracks the expectations of a story's reports taken in order of
// publication, then marks those still open at now as missed when their
// date has passed by more than grace. A zero now skips that last step.
func Follow(docs []*dateline.Document, grace time.Duration, now time.Time) []Expectation {
	t := NewTracker(grace)
	for _, d := range byPublication(docs) {
		t.Add(d)
	}
	if !now.IsZero() {
		t.Check(now)
	}
	return t.Expectations()
}

// Add reads one report: its events first settle the open expectations
// announced by earlier reports, then its planned events become expectations.
// Expectations whose deadline passed before the report's date are marked
// missed first.
func (t *Tracker) Add(doc *dateline.Document) {
	if doc == nil || doc.ID != "" && t.docs[doc.ID] {
		return
	}
	t.docs[doc.ID] = true
	if !doc.Published.IsZero() {
		t.Check(doc.Published)
	}
	for i := range doc.Events {
		ev := &doc.Events[i]
		if ev.Code == "" || strings.HasPrefix(ev.Code, "01") {
			continue
		}
		src, tgt := participants(doc, ev.Source), participants(doc, ev.Target)
		w := eventWhen(doc, ev)
		ref := eventRef(doc, i)
		if ev.Status == dateline.StatusPlanned {
			if j := t.match(doc, ev.Code, src, tgt, w, true); j >= 0 {
				t.replan(j, w, ref, doc)
				continue
			}
			if len(src) == 0 && len(tgt) == 0 {
				continue
			}
			t.exps = append(t.exps, Expectation{
				Code: ev.Code, Plover: ev.Plover, Label: label(src, ref.Text, tgt),
				Source: src, Target: tgt, Place: ev.Place, Due: w, Status: Expected,
				Announced: []Ref{ref},
			})
			continue
		}
		j := t.match(doc, ev.Code, src, tgt, w, false)
		if j < 0 {
			continue
		}
		x := &t.exps[j]
		switch {
		case ev.Status == dateline.StatusHappened || ev.Status == dateline.StatusOngoing:
			x.Status = Happened
		case ev.Status == dateline.StatusNotHappened || ev.Status == dateline.StatusRefused || ev.Status == dateline.StatusRetracted:
			x.Status = Cancelled
		default:
			continue // hedged or conditional news settles nothing
		}
		x.Outcome = append(x.Outcome, ref)
		x.Settled = doc.Published
	}
}

// match returns the expectation an event of doc speaks of: same code family,
// the same sides, an event date that fits (for an outcome: not before the
// announcement, at most grace after the due date). Announcements from the
// same document match any expectation, settled or not, so that a plan told
// twice is one expectation.
func (t *Tracker) match(doc *dateline.Document, code string, src, tgt []Participant, w When, plan bool) int {
	best, bestScore := -1, 0
	all := slices.Concat(src, tgt)
	for j := range t.exps {
		x := &t.exps[j]
		if family(x.Code) != family(code) {
			continue
		}
		same := false
		for _, a := range x.Announced {
			if a.Doc == doc.ID {
				same = true
			}
		}
		if !plan && (same || !x.Open() && x.Status != Missed) {
			continue
		}
		// Sides: the expectation's source acts in the event (either way
		// round: a visit is told as "met", "hosted", "welcomed").
		if len(x.Source) > 0 && !overlap(x.Source, all, true) {
			continue
		}
		if len(x.Target) > 0 && len(all) > 0 && !overlap(x.Target, all, true) {
			continue
		}
		if len(x.Source) == 0 && !overlap(x.Target, all, true) {
			continue
		}
		score := 1
		if x.Code == code {
			score++
		}
		if plan {
			if !same && !x.Due.Compatible(w) && x.Open() {
				// A new date for the same plan: a postponement, found by
				// replan; still the same expectation.
				score--
			}
		} else {
			if !outcomeFits(x, w, t.grace) {
				continue
			}
		}
		if score > bestScore || best < 0 {
			best, bestScore = j, score
		}
	}
	return best
}

// outcomeFits reports whether an event dated w can be the expected event x
// taking place: not before the announcement and no later than the due date
// plus the grace period.
func outcomeFits(x *Expectation, w When, grace time.Duration) bool {
	if !w.Known() {
		return true
	}
	first := x.Announced[0].Published
	lo, hi := w.bounds()
	if !first.IsZero() && !hi.IsZero() && hi.Before(day(first.Year(), first.Month(), first.Day())) {
		return false
	}
	if dl := x.deadline(grace); !dl.IsZero() && !lo.IsZero() && lo.After(dl) {
		return false
	}
	return true
}

// replan folds another announcement of expectation j: the same date
// (or a finer one) confirms it; a later date from a later report postpones it.
func (t *Tracker) replan(j int, w When, ref Ref, doc *dateline.Document) {
	x := &t.exps[j]
	x.Announced = append(x.Announced, ref)
	switch {
	case x.Due.Compatible(w):
		if w.finer(x.Due) {
			x.Due = w
		}
	case w.Known() && x.Due.Known() && w.sortKey().After(x.Due.sortKey()) && ref.Doc != x.Announced[0].Doc:
		x.Due = w
		x.Status = Postponed
		x.Outcome = append(x.Outcome, ref)
		x.Settled = doc.Published
	case w.finer(x.Due):
		x.Due = w
	}
}

// Check marks the open expectations whose deadline is before now as missed.
func (t *Tracker) Check(now time.Time) {
	for j := range t.exps {
		x := &t.exps[j]
		if !x.Open() {
			continue
		}
		if dl := x.deadline(t.grace); !dl.IsZero() && dl.Before(now) {
			x.Status = Missed
			x.Settled = dl
		}
	}
}

// Expectations returns the tracked expectations ordered by due date.
func (t *Tracker) Expectations() []Expectation {
	out := make([]Expectation, len(t.exps))
	for i, x := range t.exps {
		x.Announced, x.Outcome = slices.Clone(x.Announced), slices.Clone(x.Outcome)
		x.Source, x.Target = slices.Clone(x.Source), slices.Clone(x.Target)
		out[i] = x
	}
	slices.SortStableFunc(out, func(a, b Expectation) int {
		return a.Due.sortKey().Compare(b.Due.sortKey())
	})
	return out
}
