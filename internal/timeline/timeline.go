package timeline

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/dateline-news/dateline"
)

// Ref points at one event mention (or one piece of evidence) in one report.
type Ref struct {
	Doc       dateline.DocID `json:"doc"`
	Published time.Time      `json:"published,omitzero"`
	Event     int            `json:"event"`              // index into Document.Events; -1 when the evidence is not an event
	Span      dateline.Span  `json:"span"`               // the evidence sentence
	Trigger   dateline.Span  `json:"trigger,omitzero"`   // the word that tells the event
	Status    string         `json:"status,omitempty"`   // the event's status in this report
	Quote     int            `json:"quote"`              // index into Document.Quotes when the evidence is a quote; -1 otherwise
	Text      string         `json:"text,omitempty"`     // the trigger or quoted words, short, for display
	When      string         `json:"when,omitempty"`     // the event date as this report gives it
	Asserter  string         `json:"asserter,omitempty"` // who asserts it when not the outlet
}

// Entry is one event of a story's timeline: every report of it merged,
// dated by when it happened (not when it was reported).
type Entry struct {
	Code     string        `json:"code"`             // CAMEO code
	Plover   string        `json:"plover,omitempty"` // PLOVER type
	Label    string        `json:"label"`            // "Vladimir Putin visited United States"
	Source   []Participant `json:"source,omitempty"`
	Target   []Participant `json:"target,omitempty"`
	Place    string        `json:"place,omitempty"`
	When     When          `json:"when"`
	Status   string        `json:"status"` // as the latest report tells it
	Mentions []Ref         `json:"mentions"`
	Reports  int           `json:"reports"` // distinct documents
}

// Options tune timeline building. The zero value is ready to use.
type Options struct {
	// Statements keeps CAMEO 01 "make public statement" events (said,
	// described), which otherwise stay out of the timeline: what actors say
	// is in the positions and claims.
	Statements bool
	// Grace is how long after its date an expected event may go
	// unreported before it is marked missed; zero means DefaultGrace.
	Grace time.Duration
}

// DefaultGrace is the default grace period of expected events.
const DefaultGrace = 72 * time.Hour

// Builder builds a timeline incrementally as reports arrive. It is not
// safe for concurrent use.
type Builder struct {
	opt     Options
	entries []Entry
	byFam   map[string][]int // code family → entry indexes
	docs    map[dateline.DocID]bool
}

// NewBuilder returns an empty builder.
func NewBuilder(opt Options) *Builder {
	return &Builder{opt: opt, byFam: map[string][]int{}, docs: map[dateline.DocID]bool{}}
}

// Build returns the timeline of a story's reports, taken in order of
// publication.
func Build(docs []*dateline.Document, opt Options) []Entry {
	b := NewBuilder(opt)
	for _, d := range byPublication(docs) {
		b.Add(d)
	}
	return b.Entries()
}

// byPublication returns docs sorted by publication date, then ID.
func byPublication(docs []*dateline.Document) []*dateline.Document {
	out := slices.Clone(docs)
	slices.SortStableFunc(out, func(a, b *dateline.Document) int {
		if c := a.Published.Compare(b.Published); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out
}

// family is the code family events are merged in: the two-digit CAMEO root,
// with "express intent to meet" (036) counted with meetings (04).
func family(code string) string {
	if strings.HasPrefix(code, "036") {
		return "04"
	}
	if len(code) >= 2 {
		return code[:2]
	}
	return code
}

// negative reports whether a status says the event did not take place.
func negative(status string) bool {
	return status == dateline.StatusNotHappened || status == dateline.StatusRefused || status == dateline.StatusRetracted
}

// tentative reports whether a status leaves open whether it took place.
func tentative(status string) bool {
	switch status {
	case dateline.StatusPlanned, dateline.StatusConditional, dateline.StatusHedged:
		return true
	}
	return false
}

// eventWhen dates an event of doc: its time expression or its TimeValue,
// else the report date.
func eventWhen(doc *dateline.Document, ev *dateline.Event) When {
	v := ev.TimeValue
	if v == "" && ev.Time >= 0 && ev.Time < len(doc.Times) {
		v = doc.Times[ev.Time].Value
	}
	var w When
	if v != "" {
		w = ParseWhen(v, doc.Published)
		if ev.Time >= 0 && ev.Time < len(doc.Times) && w.Known() && w.Rel == RelOn {
			switch doc.Times[ev.Time].Mod {
			case "BEFORE":
				w.Rel = RelBefore
			case "AFTER":
				w.Rel = RelAfter
			}
		}
		w.Reported = ev.Time < 0
	}
	if !w.Known() && !doc.Published.IsZero() {
		w = ParseWhen("PRESENT_REF", doc.Published)
		w.Reported = true
		if ev.Status == dateline.StatusPlanned {
			w.Rel = RelAfter
		}
	}
	if ev.Status == dateline.StatusOngoing && w.Rel == RelOn {
		w.Rel = RelOngoing
	}
	// A plan dated on or before its own report is a plan for later.
	if ev.Status == dateline.StatusPlanned && w.Known() && w.Rel == RelOn && !doc.Published.IsZero() {
		pub := day(doc.Published.Year(), doc.Published.Month(), doc.Published.Day())
		if !w.Start.After(pub) {
			w = When{Value: pub.Format(time.DateOnly), Start: pub, End: pub.AddDate(0, 0, 1), Precision: PrecDay, Rel: RelAfter, Reported: true}
		}
	}
	return w
}

// Add merges the events of one report into the timeline. A document added
// twice is ignored.
func (b *Builder) Add(doc *dateline.Document) {
	if doc == nil || b.docs[doc.ID] && doc.ID != "" {
		return
	}
	b.docs[doc.ID] = true
	for i := range doc.Events {
		ev := &doc.Events[i]
		if ev.Code == "" || !b.opt.Statements && strings.HasPrefix(ev.Code, "01") {
			continue
		}
		e := Entry{
			Code:   ev.Code,
			Plover: ev.Plover,
			Source: participants(doc, ev.Source),
			Target: participants(doc, ev.Target),
			Place:  ev.Place,
			When:   eventWhen(doc, ev),
			Status: ev.Status,
		}
		ref := eventRef(doc, i)
		e.Label = label(e.Source, ref.Text, e.Target)
		e.Mentions = []Ref{ref}
		e.Reports = 1
		if j := b.find(&e); j >= 0 {
			b.merge(j, &e, doc.ID)
			continue
		}
		fam := family(e.Code)
		b.byFam[fam] = append(b.byFam[fam], len(b.entries))
		b.entries = append(b.entries, e)
	}
}

// eventRef is the reference to event i of doc.
func eventRef(doc *dateline.Document, i int) Ref {
	ev := &doc.Events[i]
	r := Ref{
		Doc: doc.ID, Published: doc.Published, Event: i, Span: ev.Evidence,
		Trigger: ev.Trigger, Status: ev.Status, Quote: -1, When: ev.TimeValue,
		Text: strings.ToLower(ev.Trigger.In(doc.Text)),
	}
	if ev.Asserter >= 0 && ev.Asserter < len(doc.Quotes) {
		r.Quote = ev.Asserter
		r.Asserter = speakerName(doc, ev.Asserter)
	}
	return r
}

// speakerName names the speaker of quote q, and the other speakers of a
// joint statement after " & ".
func speakerName(doc *dateline.Document, q int) string {
	if s := doc.SpeakerNames(doc.Quotes[q]); s != "" {
		return s
	}
	return doc.Quotes[q].Source.In(doc.Text)
}

// label describes an event in a few words.
func label(src []Participant, trigger string, tgt []Participant) string {
	var b strings.Builder
	if s := names(src); s != "" {
		b.WriteString(s)
		b.WriteByte(' ')
	}
	b.WriteString(trigger)
	if t := names(tgt); t != "" {
		b.WriteString(" → ")
		b.WriteString(t)
	}
	return b.String()
}

// find returns the entry e merges into, -1 for none: same code family, the
// same participants, compatible dates and no contradiction in status.
func (b *Builder) find(e *Entry) int {
	best, bestScore := -1, 0
	for _, j := range b.byFam[family(e.Code)] {
		o := &b.entries[j]
		if negative(o.Status) != negative(e.Status) && !tentative(o.Status) && !tentative(e.Status) {
			continue
		}
		if !o.When.Compatible(e.When) {
			continue
		}
		score := 0
		switch {
		case len(e.Source) > 0 && len(o.Source) > 0:
			if !overlap(e.Source, o.Source, false) {
				continue
			}
			score += 2
		case len(e.Target) == 0 || len(o.Target) == 0:
			continue // nothing to tie them
		}
		if len(e.Target) > 0 && len(o.Target) > 0 {
			if !overlap(e.Target, o.Target, true) {
				continue
			}
			score += 2
		}
		if e.Code == o.Code {
			score++
		}
		if e.Place != "" && e.Place == o.Place {
			score++
		}
		if score > bestScore {
			best, bestScore = j, score
		}
	}
	return best
}

// merge folds e into entry j.
func (b *Builder) merge(j int, e *Entry, doc dateline.DocID) {
	o := &b.entries[j]
	seen := false
	for _, m := range o.Mentions {
		if m.Doc == doc {
			seen = true
			break
		}
	}
	if !seen {
		o.Reports++
	}
	o.Mentions = append(o.Mentions, e.Mentions...)
	for _, p := range e.Source {
		o.Source = appendParticipant(o.Source, p)
	}
	for _, p := range e.Target {
		o.Target = appendParticipant(o.Target, p)
	}
	if e.When.finer(o.When) {
		o.When = e.When
	}
	if o.Place == "" {
		o.Place = e.Place
	}
	// The later report tells the current status; a tentative status never
	// overrides a settled one from an earlier report.
	if !tentative(e.Status) || tentative(o.Status) {
		o.Status = e.Status
	}
	if len(e.Code) > len(o.Code) && family(e.Code) == family(o.Code) && strings.HasPrefix(e.Code, o.Code) {
		o.Code, o.Plover = e.Code, e.Plover
	}
}

// Entries returns the timeline: entries ordered by event date (unknown
// dates last), then by precision, then by first report.
func (b *Builder) Entries() []Entry {
	out := make([]Entry, len(b.entries))
	for i, e := range b.entries {
		e.Mentions = slices.Clone(e.Mentions)
		e.Source, e.Target = slices.Clone(e.Source), slices.Clone(e.Target)
		out[i] = e
	}
	slices.SortStableFunc(out, compareEntries)
	return out
}

func compareEntries(a, b Entry) int {
	if a.When.Known() != b.When.Known() {
		if a.When.Known() {
			return -1
		}
		return 1
	}
	if c := a.When.sortKey().Compare(b.When.sortKey()); c != 0 {
		return c
	}
	if c := cmp.Compare(a.When.Precision.rank(), b.When.Precision.rank()); c != 0 {
		return c
	}
	return a.Mentions[0].Published.Compare(b.Mentions[0].Published)
}
