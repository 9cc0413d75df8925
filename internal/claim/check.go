package claim

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/dateline-news/dateline"
)

// Flag kinds.
const (
	FlagDuration    = "duration"    // a duration contradicts a dated start
	FlagAnniversary = "anniversary" // an anniversary contradicts a dated start
	FlagGap         = "gap"         // "first in N years" contradicts the last known occurrence
	FlagViewpoint   = "viewpoint"   // text written before an event beside text written after it
	FlagDate        = "date"        // reports give different dates for one event
	FlagNumber      = "number"      // reports give different numbers for one claim
)

// Evidence is one place a flag points at.
type Evidence struct {
	Doc      dateline.DocID `json:"doc"`
	Span     dateline.Span  `json:"span"`     // the words at issue
	Sentence dateline.Span  `json:"sentence"` // their sentence
	Note     string         `json:"note,omitempty"`
}

// Flag is something that does not add up, with its evidence.
type Flag struct {
	Kind     string     `json:"kind"`
	Message  string     `json:"message"`
	Evidence []Evidence `json:"evidence"`
	Fact     *Fact      `json:"fact,omitempty"` // the dated fact it contradicts
}

// Check checks a story's reports: each document on its own (durations,
// anniversaries, first-in gaps against facts; viewpoints), then the claims
// across reports (dates and numbers). facts may be nil.
func Check(docs []*dateline.Document, claims []Claim, facts *Facts) []Flag {
	var out []Flag
	for _, d := range docs {
		out = append(out, CheckDocument(d, facts)...)
	}
	byID := map[dateline.DocID]*dateline.Document{}
	for _, d := range docs {
		byID[d.ID] = d
	}
	seen := map[string]bool{}
	for i := range claims {
		for _, f := range crossReport(&claims[i], byID) {
			// One disagreement found through two claims is one flag.
			key := f.Kind
			for _, e := range f.Evidence {
				key += fmt.Sprintf("|%s:%d-%d", e.Doc, e.Span.Start, e.Span.End)
			}
			if !seen[key] {
				seen[key] = true
				out = append(out, f)
			}
		}
	}
	return out
}

// CheckDocument checks one report against the dated facts and against
// itself.
func CheckDocument(doc *dateline.Document, facts *Facts) []Flag {
	if doc == nil || doc.Published.IsZero() {
		return nil
	}
	pub := dayOf(doc.Published)
	lowerDoc := strings.ToLower(strings.ReplaceAll(doc.Text, "’", "'"))
	docStarts := facts.startsNamedIn(lowerDoc)
	var out []Flag
	var pro, retro []Evidence
	for _, u := range units([]*dateline.Document{doc}) {
		sentLower := strings.ToLower(strings.ReplaceAll(u.sent.In(doc.Text), "’", "'"))
		// The war or crisis a sentence speaks of: one it names, else the
		// one the report names when the sentence says "the war", "the
		// conflict".
		start := func() *Fact {
			if fs := facts.startsNamedIn(sentLower); len(fs) > 0 {
				return fs[0]
			}
			if len(docStarts) == 1 {
				for _, w := range u.words {
					switch w.lemma {
					case "war", "conflict", "invasion", "fighting", "hostility", "hostilities", "occupation":
						return docStarts[0]
					}
				}
			}
			return nil
		}
		gapTime := -1
		if actor, ti, cue, ok := firstIn(u); ok {
			gapTime = ti
			if f := gapFlag(doc, u, actor, ti, cue, facts, pub); f != nil {
				out = append(out, *f)
			}
		}
		for ti, t := range doc.Times {
			if !u.sent.Contains(t.Span) || t.Type != dateline.TimeDuration || ti == gapTime {
				continue
			}
			if f := durationFlag(doc, u, t, start, pub); f != nil {
				out = append(out, *f)
			}
		}
		if f := anniversaryFlag(doc, u, start, pub); f != nil {
			out = append(out, *f)
		}
		if e, ok := viewpoint(u, pub, true); ok {
			pro = append(pro, e)
		}
		if e, ok := viewpoint(u, pub, false); ok {
			retro = append(retro, e)
		}
	}
	if len(pro) > 0 && len(retro) > 0 {
		ev := slices.Concat(retro, pro)
		out = append(out, Flag{Kind: FlagViewpoint, Evidence: ev, Message: fmt.Sprintf(
			"the report tells the meeting of %s as over (%s) and as still ahead or under way (%s): text written before the event stands beside text written after it",
			pub.Format(time.DateOnly), quoteSpans(doc, retro), quoteSpans(doc, pro))})
	}
	return out
}

func quoteSpans(doc *dateline.Document, ev []Evidence) string {
	var b strings.Builder
	for i, e := range ev {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString("“" + e.Span.In(doc.Text) + "”")
	}
	return b.String()
}

// elapsed is the time from a to b in years.
func elapsed(a, b time.Time) float64 { return b.Sub(a).Hours() / 24 / 365.2425 }

// yearsMonths renders a number of years as "3 years 5 months".
func yearsMonths(y float64) string {
	months := int(math.Round(y * 12))
	yy, mm := months/12, months%12
	var parts []string
	switch yy {
	case 0:
	case 1:
		parts = append(parts, "1 year")
	default:
		parts = append(parts, fmt.Sprintf("%d years", yy))
	}
	switch mm {
	case 0:
	case 1:
		parts = append(parts, "1 month")
	default:
		parts = append(parts, fmt.Sprintf("%d months", mm))
	}
	if len(parts) == 0 {
		return "less than a month"
	}
	return strings.Join(parts, " ")
}

// fits reports whether an actual length in years agrees with a stated one
// and its modifier (TIMEX3 mod: LESS_THAN "nearly", MORE_THAN "over",
// APPROX "about", none).
func fits(actual, stated float64, mod string) bool {
	switch mod {
	case "LESS_THAN", "EQUAL_OR_LESS":
		return actual <= stated+0.05 && actual >= stated-math.Max(0.75, 0.25*stated)
	case "MORE_THAN", "EQUAL_OR_MORE":
		return actual >= stated-0.05
	case "APPROX":
		return math.Abs(actual-stated) <= math.Max(0.5, 0.2*stated)
	}
	// "three years of war": three full years, not yet four.
	return actual >= stated-0.1 && actual < stated+1
}

// durationFlag checks a duration that measures a known war or crisis
// ("nearly three years of devastating conflict").
func durationFlag(doc *dateline.Document, u *unit, t dateline.TimeExpr, start func() *Fact, pub time.Time) *Flag {
	y, ok := years(t.Value)
	if !ok || y < 1 {
		return nil
	}
	// What the duration measures: "three years of war", "the three-year
	// war", "the war, now in its third year"; not "in ten years" (a gap)
	// nor "for the next two years".
	wi := -1
	for i, w := range u.words {
		if w.span.Start >= t.End {
			wi = i
			break
		}
	}
	if wi < 0 || u.words[wi].lower != "of" {
		return nil
	}
	for i, w := range u.words {
		if w.span.End <= t.Start && i+1 < len(u.words) && u.words[i+1].span.Start >= t.Start {
			switch w.lower {
			case "in", "next", "coming", "within":
				return nil
			}
		}
	}
	f := start()
	if f == nil {
		return nil
	}
	// The measured noun must be the war: within four words after "of".
	found := false
	for i := wi + 1; i < len(u.words) && i <= wi+4; i++ {
		switch u.words[i].lemma {
		case "war", "conflict", "invasion", "fighting", "hostility", "hostilities", "occupation", "aggression":
			found = true
		}
	}
	if !found {
		return nil
	}
	age := elapsed(f.Date, pub)
	if fits(age, y, t.Mod) {
		return nil
	}
	return &Flag{
		Kind: FlagDuration, Fact: f,
		Message: fmt.Sprintf("“%s” of %s: it began on %s, %s before the report (%s)",
			t.Span.In(doc.Text), f.Name, f.Date.Format(time.DateOnly), yearsMonths(age), pub.Format(time.DateOnly)),
		Evidence: []Evidence{{Doc: doc.ID, Span: t.Span, Sentence: u.sent}},
	}
}

// anniversaryFlag checks "approaches its third anniversary" against the
// start of the war the sentence speaks of.
func anniversaryFlag(doc *dateline.Document, u *unit, start func() *Fact, pub time.Time) *Flag {
	for i, w := range u.words {
		if w.lemma != "anniversary" {
			continue
		}
		n := 0
		from := i
		for j := i - 1; j >= 0 && j >= i-2; j-- {
			if n = ordinal(u.words[j].lower); n > 0 {
				from = j
				break
			}
		}
		if n == 0 {
			continue
		}
		// The verb that places the anniversary: ahead (approaches, nears,
		// ahead of, on the eve of) or now (marks).
		mode := ""
		for j := max(0, from-5); j < from; j++ {
			switch u.words[j].lemma {
			case "approach", "near", "ahead", "eve", "upcoming", "coming", "loom":
				mode = "ahead"
			case "mark", "commemorate", "celebrate":
				if mode == "" {
					mode = "now"
				}
			}
		}
		if mode == "" {
			continue
		}
		f := start()
		if f == nil {
			continue
		}
		ann := f.Date.AddDate(n, 0, 0)
		days := pub.Sub(ann).Hours() / 24
		ok := mode == "ahead" && days <= 0 && days >= -120 || mode == "now" && math.Abs(days) <= 14
		if ok {
			continue
		}
		when := fmt.Sprintf("%d days before the report", int(math.Round(days)))
		if days < 0 {
			when = fmt.Sprintf("%d days after the report", int(math.Round(-days)))
		}
		cue := dateline.Span{Start: u.words[from].span.Start, End: w.span.End}
		for j := max(0, from-5); j < from; j++ {
			switch u.words[j].lemma {
			case "approach", "near", "ahead", "eve", "upcoming", "coming", "loom", "mark", "commemorate", "celebrate":
				if cue.Start == u.words[from].span.Start {
					cue.Start = u.words[j].span.Start
				}
			}
		}
		return &Flag{
			Kind: FlagAnniversary, Fact: f,
			Message: fmt.Sprintf("“%s”: %s began on %s, so its %s anniversary was %s, %s (%s)",
				cue.In(doc.Text), f.Name, f.Date.Format(time.DateOnly), u.words[from].lower, ann.Format(time.DateOnly), when, pub.Format(time.DateOnly)),
			Evidence: []Evidence{{Doc: doc.ID, Span: cue, Sentence: u.sent}},
		}
	}
	return nil
}

// gapFlag checks "the first visit in over a decade" against the last
// known visit of the actor to a place the sentence names.
func gapFlag(doc *dateline.Document, u *unit, actor string, ti int, cue dateline.Span, facts *Facts, pub time.Time) *Flag {
	t := doc.Times[ti]
	y, ok := years(t.Value)
	if !ok {
		return nil
	}
	for _, place := range u.places {
		f := facts.lastVisit(actor, place, pub)
		if f == nil {
			continue
		}
		gap := elapsed(f.Date, pub)
		mod := t.Mod
		if mod == "" {
			mod = "APPROX" // "the first time in ten years" is a round figure
		}
		if fits(gap, y, mod) {
			return nil
		}
		return &Flag{
			Kind: FlagGap, Fact: f,
			Message: fmt.Sprintf("“%s”: %s was last in %s on %s (%s), %s before the report (%s)",
				cue.In(doc.Text), actor, place, f.Date.Format(time.DateOnly), f.Name, yearsMonths(gap), pub.Format(time.DateOnly)),
			Evidence: []Evidence{{Doc: doc.ID, Span: cue, Sentence: u.sent}},
		}
	}
	return nil
}

// viewpoint finds, in a sentence about a meeting on the report date, the
// words that tell it as still ahead or under way (prospective: "are taking
// place", "were supposed to discuss", "will meet") or as over
// (retrospective: "concluded", "ended", "after the talks").
func viewpoint(u *unit, pub time.Time, prospective bool) (Evidence, bool) {
	if !u.date.Equal(pub) {
		return Evidence{}, false // a sentence dated elsewhere speaks of another meeting
	}
	ws := u.words
	meeting := false
	for _, w := range ws {
		if meetingNoun(w.lemma) {
			meeting = true
		}
		switch w.lower {
		case "upcoming", "next", "later", "forthcoming":
			return Evidence{}, false
		}
	}
	if !meeting {
		return Evidence{}, false
	}
	span := func(i, j int) Evidence {
		return Evidence{Doc: u.doc.ID, Span: dateline.Span{Start: ws[i].span.Start, End: ws[j].span.End}, Sentence: u.sent}
	}
	for i := 0; i+1 < len(ws); i++ {
		a, b := ws[i], ws[i+1]
		if prospective {
			// are/is taking place, are/is under way
			if (a.lower == "are" || a.lower == "is") && i+2 < len(ws) && (b.lower == "taking" && ws[i+2].lower == "place" || b.lower == "under" && ws[i+2].lower == "way") {
				return span(i, i+2), true
			}
			if (a.lower == "are" || a.lower == "is") && b.lower == "underway" {
				return span(i, i+1), true
			}
			// supposed/expected/due/scheduled/set to discuss|meet|talk|...
			switch a.lower {
			case "supposed", "expected", "due", "scheduled", "set", "will":
				k := i + 1
				if a.lower != "will" {
					if b.lower != "to" {
						continue
					}
					k = i + 2
				}
				if k < len(ws) {
					switch ws[k].lemma {
					case "discuss", "meet", "talk", "negotiate", "hold", "sign", "begin", "start", "open":
						return span(i, k), true
					}
				}
			}
			continue
		}
		switch a.lemma {
		case "conclude", "end", "finish", "wrap", "adjourn", "emerge", "close":
			if a.upos == "VERB" && (strings.HasSuffix(a.lower, "ed") || i > 0 && (ws[i-1].lower == "not" || ws[i-1].lower == "n't")) {
				return span(i, i), true
			}
		}
		if a.lower == "after" && i+2 < len(ws) && b.lower == "the" && meetingNoun(ws[i+2].lemma) {
			return span(i, i+2), true
		}
	}
	return Evidence{}, false
}

// crossReport flags a claim whose tellings in different reports give
// different dates (an event) or different counts of the same thing.
func crossReport(c *Claim, docs map[dateline.DocID]*dateline.Document) []Flag {
	if c.Reports < 2 {
		return nil
	}
	var out []Flag
	if c.Kind == KindEvent && !c.Negated {
		var first *Mention
		for i := range c.Mentions {
			m := &c.Mentions[i]
			if len(m.Value) != 10 || sharedTime(docs[m.Doc], m.Event) {
				continue
			}
			if first == nil {
				first = m
				continue
			}
			if m.Doc != first.Doc && m.Value != first.Value {
				out = append(out, Flag{Kind: FlagDate,
					Message: fmt.Sprintf("reports date “%s” differently: %s and %s", c.Label, first.Value, m.Value),
					Evidence: []Evidence{
						{Doc: first.Doc, Span: first.Cue, Sentence: first.Span, Note: first.Value},
						{Doc: m.Doc, Span: m.Cue, Sentence: m.Span, Note: m.Value},
					}})
				break
			}
		}
	}
	// Counts: "<number> <noun>" in the tellings of the claim.
	type count struct {
		n    float64
		m    *Mention
		span dateline.Span
	}
	counts := map[string]count{}
	for i := range c.Mentions {
		m := &c.Mentions[i]
		d := docs[m.Doc]
		if d == nil {
			continue
		}
		for si := range d.Sentences {
			if d.Sentences[si].Span != m.Span {
				continue
			}
			ws := sentWords(d, d.Sentences[si])
			for k := 0; k+1 < len(ws); k++ {
				n, ok := number(ws[k].lower)
				if !ok || ws[k+1].upos != "NOUN" {
					continue
				}
				noun := ws[k+1].lemma
				sp := dateline.Span{Start: ws[k].span.Start, End: ws[k+1].span.End}
				if o, seen := counts[noun]; seen && o.m.Doc != m.Doc && o.n != n {
					out = append(out, Flag{Kind: FlagNumber,
						Message: fmt.Sprintf("reports give different numbers of %s for “%s”: %s and %s",
							ws[k+1].lower, c.Label, fmtNum(o.n), fmtNum(n)),
						Evidence: []Evidence{
							{Doc: o.m.Doc, Span: o.span, Sentence: o.m.Span},
							{Doc: m.Doc, Span: sp, Sentence: m.Span},
						}})
					continue
				}
				if _, seen := counts[noun]; !seen {
					counts[noun] = count{n: n, m: m, span: sp}
				}
			}
			break
		}
	}
	return out
}

// sharedTime reports whether the time expression of event i is also the
// time of another event of its sentence ("met him on Monday, three days
// after the summit"): its attachment is too uncertain to set two reports
// against each other.
func sharedTime(doc *dateline.Document, i int) bool {
	if doc == nil || i < 0 || i >= len(doc.Events) {
		return false
	}
	ev := &doc.Events[i]
	if ev.Time < 0 {
		return false
	}
	for j := range doc.Events {
		o := &doc.Events[j]
		if j != i && o.Time == ev.Time && o.Evidence == ev.Evidence && o.Trigger != ev.Trigger {
			return true
		}
	}
	return false
}

func fmtNum(f float64) string {
	if f == math.Trunc(f) {
		return fmt.Sprintf("%d", int64(f))
	}
	return fmt.Sprintf("%g", f)
}
