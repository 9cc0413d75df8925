// Package claim folds what a story's reports say into claims — one
// normalised proposition with every sentence that tells it — and checks the
// reports for what does not add up: durations and anniversaries that
// contradict dated facts, "first in N years" against the last known
// occurrence, text written before an event beside text written after it,
// and numbers and dates that disagree across reports.
//
// It reads the annotation layers of analysed documents (sentences, tokens,
// mentions, actors, times, events) and imports the root package only. Every
// function is pure: the same documents give the same claims and flags.
package claim

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dateline-news/dateline"
)

// Claim kinds.
const (
	KindNoOutcome  = "no-outcome" // talks ended without the result they aimed at
	KindFirstIn    = "first-in"   // the first time in a period
	KindEvent      = "event"      // one coded event told again
	KindParaphrase = "paraphrase" // sentences that say the same in other words
)

// Mention is one telling of a claim.
type Mention struct {
	Doc       dateline.DocID `json:"doc"`
	Published time.Time      `json:"published,omitzero"`
	Span      dateline.Span  `json:"span"`            // the sentence
	Cue       dateline.Span  `json:"cue,omitzero"`    // the words that carry the claim
	Event     int            `json:"event"`           // index into Document.Events; -1 when none
	Value     string         `json:"value,omitempty"` // the number or date this telling gives, when any
}

// Claim is one proposition with all its tellings.
type Claim struct {
	Key      string    `json:"key"`   // the normalised proposition
	Kind     string    `json:"kind"`  // no-outcome, first-in, event, paraphrase
	Label    string    `json:"label"` // a readable form
	Negated  bool      `json:"negated,omitempty"`
	Actors   []string  `json:"actors,omitempty"`
	Value    string    `json:"value,omitempty"` // the period of a first-in claim, the date of an event
	Mentions []Mention `json:"mentions"`
	Reports  int       `json:"reports"` // distinct documents
}

// Options tune Fold. The zero value is ready to use.
type Options struct {
	// Similarity is the cosine over weighted content lemmas, actors and
	// time values above which two sentences are one paraphrased claim;
	// zero means 0.55.
	Similarity float64
	// Singletons keeps claims told once.
	Singletons bool
}

// unit is one analysed sentence.
type unit struct {
	doc    *dateline.Document
	sent   dateline.Span
	words  []word
	actors []string // names of the actors mentioned, in order, unique
	people []string // the PERSON actors among them
	places []string // GPE actors
	neg    bool
	date   time.Time // an explicit date in the sentence, else the report date
	vec    map[string]float64
	norm   float64
	framed bool
}

// units splits the documents into sentence units.
func units(docs []*dateline.Document) []*unit {
	var out []*unit
	for _, doc := range docs {
		mi, ti := 0, 0
		for _, si := range analysedSentences(doc) {
			s := doc.Sentences[si]
			u := &unit{doc: doc, sent: s.Span, words: sentWords(doc, s), date: dayOf(doc.Published)}
			for mi < len(doc.Mentions) && doc.Mentions[mi].End <= s.Start {
				mi++
			}
			for j := mi; j < len(doc.Mentions) && doc.Mentions[j].Start < s.End; j++ {
				m := doc.Mentions[j]
				if m.Actor < 0 || m.Actor >= len(doc.Actors) {
					continue
				}
				a := doc.Actors[m.Actor]
				u.actors = addUnique(u.actors, a.Name)
				switch a.Type {
				case dateline.EntPerson:
					u.people = addUnique(u.people, a.Name)
				case dateline.EntGPE:
					u.places = addUnique(u.places, a.Name)
				}
			}
			for ti < len(doc.Times) && doc.Times[ti].End <= s.Start {
				ti++
			}
			for j := ti; j < len(doc.Times) && doc.Times[j].Start < s.End; j++ {
				if t := doc.Times[j]; t.Type == dateline.TimeDate && len(t.Value) == 10 {
					if d, err := time.Parse(time.DateOnly, t.Value); err == nil {
						u.date = d
						break
					}
				}
			}
			for _, w := range u.words {
				if negator(w) {
					u.neg = true
				}
			}
			out = append(out, u)
		}
	}
	return out
}

func addUnique(xs []string, x string) []string {
	if slices.Contains(xs, x) {
		return xs
	}
	return append(xs, x)
}

func dayOf(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// Fold folds the sentences of a story's reports into claims: the claims
// told more than once (all claims with Options.Singletons), most told first.
func Fold(docs []*dateline.Document, opt Options) []Claim {
	if opt.Similarity <= 0 {
		opt.Similarity = 0.55
	}
	us := units(docs)
	f := folder{byKey: map[string]int{}}
	for _, u := range us {
		if cue, ok := noOutcome(u); ok {
			f.noOutcome(u, cue)
		}
		if actor, ti, cue, ok := firstIn(u); ok {
			u.framed = true
			period := u.doc.Times[ti].Value
			key := KindFirstIn + "|" + actor + "|" + period
			f.add(key, Claim{Kind: KindFirstIn, Label: actor + ": first time in " + humanPeriod(period), Actors: []string{actor}, Value: period},
				mention(u, cue, -1, period))
		}
	}
	for _, doc := range docs {
		f.events(doc)
	}
	f.paraphrases(us, opt.Similarity)

	out := make([]Claim, 0, len(f.claims))
	for _, c := range f.claims {
		seen := map[dateline.DocID]bool{}
		for _, m := range c.Mentions {
			seen[m.Doc] = true
		}
		c.Reports = len(seen)
		if len(c.Mentions) > 1 || opt.Singletons {
			out = append(out, c)
		}
	}
	slices.SortStableFunc(out, func(a, b Claim) int {
		if c := cmp.Compare(len(b.Mentions), len(a.Mentions)); c != 0 {
			return c
		}
		return cmp.Compare(a.Key, b.Key)
	})
	return out
}

func mention(u *unit, cue dateline.Span, event int, value string) Mention {
	return Mention{Doc: u.doc.ID, Published: u.doc.Published, Span: u.sent, Cue: cue, Event: event, Value: value}
}

type folder struct {
	claims []Claim
	byKey  map[string]int
}

// add appends a mention to the claim with key, creating it from proto; a
// sentence is counted once per claim.
func (f *folder) add(key string, proto Claim, m Mention) {
	i, ok := f.byKey[key]
	if !ok {
		proto.Key = key
		i = len(f.claims)
		f.byKey[key] = i
		f.claims = append(f.claims, proto)
	}
	c := &f.claims[i]
	for _, o := range c.Mentions {
		if o.Doc == m.Doc && o.Span == m.Span {
			return
		}
	}
	c.Mentions = append(c.Mentions, m)
}

// noOutcome files a "talks ended without result" telling under the claim of
// the talks within a week of its date, or a new one.
func (f *folder) noOutcome(u *unit, cue dateline.Span) {
	u.framed = true
	for i := range f.claims {
		c := &f.claims[i]
		if c.Kind != KindNoOutcome {
			continue
		}
		d, err := time.Parse(time.DateOnly, c.Value)
		if err == nil && !u.date.IsZero() && math.Abs(u.date.Sub(d).Hours()) <= 7*24 {
			f.add(c.Key, *c, mention(u, cue, -1, ""))
			for _, a := range u.people {
				c.Actors = addUnique(c.Actors, a)
			}
			return
		}
	}
	v := ""
	if !u.date.IsZero() {
		v = u.date.Format(time.DateOnly)
	}
	f.add(KindNoOutcome+"|"+v, Claim{Kind: KindNoOutcome, Label: "the talks ended without an agreement", Negated: true,
		Actors: slices.Clone(u.people), Value: v}, mention(u, cue, -1, ""))
}

// noOutcome finds a negation whose scope holds an outcome noun ("without
// achieving a breakthrough", "did not announce any steps", "lack of
// progress", "results remained elusive"), or a failed meeting ("the failed
// summit", "talks failing to produce"). It returns the cue span.
func noOutcome(u *unit) (dateline.Span, bool) {
	ws := u.words
	for i, w := range ws {
		switch {
		case negator(w):
			for j := i + 1; j < len(ws) && j <= i+8; j++ {
				if breaks(ws[j]) {
					break
				}
				if outcomeNoun(ws[j].lemma) && ws[j].upos != "VERB" {
					return dateline.Span{Start: w.span.Start, End: ws[j].span.End}, true
				}
				if (w.lower == "failed" || w.lemma == "unsuccessful") && j <= i+3 && meetingNoun(ws[j].lemma) {
					return dateline.Span{Start: w.span.Start, End: ws[j].span.End}, true
				}
			}
			// "the talks failing to produce ...": a meeting noun just before.
			if w.lemma == "fail" || w.lower == "failing" || w.lower == "failed" {
				for j := i - 1; j >= 0 && j >= i-4; j-- {
					if breaks(ws[j]) {
						break
					}
					if meetingNoun(ws[j].lemma) {
						return dateline.Span{Start: ws[j].span.Start, End: w.span.End}, true
					}
				}
			}
		case postNegator(w):
			for j := i - 1; j >= 0 && j >= i-4; j-- {
				if breaks(ws[j]) {
					break
				}
				if outcomeNoun(ws[j].lemma) {
					return dateline.Span{Start: ws[j].span.Start, End: w.span.End}, true
				}
			}
		}
	}
	return dateline.Span{}, false
}

// firstIn finds "the first (visit|time|trip) ... in <period>" and returns
// the person it is said of, the index of the period (a duration in
// Document.Times), and the cue.
func firstIn(u *unit) (actor string, period int, cue dateline.Span, ok bool) {
	if len(u.people) == 0 {
		return "", -1, cue, false
	}
	doc := u.doc
	for i, w := range u.words {
		if w.lower != "first" {
			continue
		}
		for j := i + 1; j < len(u.words) && j <= i+8; j++ {
			if breaks(u.words[j]) && u.words[j].lower != "," {
				break
			}
			if u.words[j].lower != "in" || j+1 >= len(u.words) {
				continue
			}
			at := u.words[j+1].span.Start
			for ti, t := range doc.Times {
				if t.Start < at || t.Start > at+1 || t.Type != dateline.TimeDuration {
					continue
				}
				if y, ok := years(t.Value); ok && y >= 1 {
					return u.people[0], ti, dateline.Span{Start: w.span.Start, End: t.End}, true
				}
			}
		}
	}
	return "", -1, cue, false
}

// years reads a TIMEX3 duration in years ("P10Y", "P1DE" a decade,
// "P6M" half a year).
func years(v string) (float64, bool) {
	if len(v) < 3 || v[0] != 'P' {
		return 0, false
	}
	num, unit := v[1:len(v)-1], v[len(v)-1:]
	if strings.HasSuffix(v, "DE") {
		num, unit = v[1:len(v)-2], "DE"
	}
	n, ok := number(num)
	if !ok {
		return 0, false
	}
	switch unit {
	case "Y":
		return n, true
	case "DE":
		return 10 * n, true
	case "M":
		return n / 12, true
	case "W":
		return n * 7 / 365.25, true
	case "D":
		return n / 365.25, true
	}
	return 0, false
}

// humanPeriod renders P10Y as "10 years".
func humanPeriod(v string) string {
	y, ok := years(v)
	if !ok {
		return v
	}
	if y == 1 {
		return "a year"
	}
	return strconv.FormatFloat(y, 'f', -1, 64) + " years"
}

// events files each coded event (other than statements) under its
// normalised proposition: code family, sides, polarity.
func (f *folder) events(doc *dateline.Document) {
	for i := range doc.Events {
		ev := &doc.Events[i]
		if len(ev.Code) < 2 || strings.HasPrefix(ev.Code, "01") || len(ev.Source) == 0 {
			continue
		}
		src, tgt := sideNames(doc, ev.Source), sideNames(doc, ev.Target)
		neg := ev.Status == dateline.StatusNotHappened || ev.Status == dateline.StatusRefused || ev.Status == dateline.StatusRetracted
		pol := "+"
		if neg {
			pol = "-"
		}
		if ev.Status == dateline.StatusPlanned || ev.Status == dateline.StatusConditional || ev.Status == dateline.StatusHedged {
			pol = "?"
		}
		key := KindEvent + "|" + ev.Code[:min(3, len(ev.Code))] + "|" + strings.Join(src, "+") + "|" + strings.Join(tgt, "+") + "|" + pol
		lbl := strings.Join(src, ", ") + " " + strings.ToLower(ev.Trigger.In(doc.Text))
		if len(tgt) > 0 {
			lbl += " → " + strings.Join(tgt, ", ")
		}
		if neg {
			lbl += " (did not happen)"
		}
		value := ""
		if ev.Time >= 0 && ev.Time < len(doc.Times) && doc.Times[ev.Time].Type == dateline.TimeDate {
			value = doc.Times[ev.Time].Value
		}
		f.add(key, Claim{Kind: KindEvent, Label: lbl, Negated: neg, Actors: slices.Concat(src, tgt)},
			Mention{Doc: doc.ID, Published: doc.Published, Span: ev.Evidence, Cue: ev.Trigger, Event: i, Value: value})
	}
}

func sideNames(doc *dateline.Document, as []dateline.EventActor) []string {
	var out []string
	for _, a := range as {
		n := a.Text
		if a.Actor >= 0 && a.Actor < len(doc.Actors) {
			n = doc.Actors[a.Actor].Name
		}
		out = addUnique(out, n)
	}
	slices.Sort(out)
	return out
}

// paraphrases clusters the sentences no rule claimed: a sentence joins the
// cluster whose first sentence it resembles most, above the threshold, with
// the same polarity.
func (f *folder) paraphrases(us []*unit, threshold float64) {
	df := map[string]int{}
	for _, u := range us {
		u.vec = map[string]float64{}
		for _, w := range u.words {
			if content(w) {
				u.vec["w:"+w.lemma] = 1
			}
		}
		for _, a := range u.actors {
			u.vec["a:"+a] = 1.5
		}
		for k := range u.vec {
			df[k]++
		}
	}
	n := float64(len(us))
	for _, u := range us {
		for k, v := range u.vec {
			idf := math.Log(1 + n/float64(df[k]))
			u.vec[k] = v * idf
			u.norm += u.vec[k] * u.vec[k]
		}
		u.norm = math.Sqrt(u.norm)
	}
	type cluster struct {
		head    *unit
		members []*unit
	}
	var cs []*cluster
	for _, u := range us {
		if u.framed || len(u.vec) < 3 {
			continue
		}
		var best *cluster
		bestSim := threshold
		for _, c := range cs {
			if c.head.neg != u.neg {
				continue
			}
			if s := cosine(u, c.head); s >= bestSim {
				best, bestSim = c, s
			}
		}
		if best == nil {
			cs = append(cs, &cluster{head: u, members: []*unit{u}})
			continue
		}
		best.members = append(best.members, u)
	}
	for _, c := range cs {
		if len(c.members) < 2 {
			continue
		}
		h := c.head
		key := KindParaphrase + "|" + string(h.doc.ID) + "|" + strconv.Itoa(int(h.sent.Start))
		proto := Claim{Kind: KindParaphrase, Label: h.sent.In(h.doc.Text), Negated: h.neg, Actors: slices.Clone(h.actors)}
		for _, m := range c.members {
			f.add(key, proto, mention(m, dateline.Span{}, -1, ""))
		}
	}
}

func cosine(a, b *unit) float64 {
	if a.norm == 0 || b.norm == 0 {
		return 0
	}
	x, y := a.vec, b.vec
	if len(y) < len(x) {
		x, y = y, x
	}
	dot := 0.0
	for k, v := range x {
		dot += v * y[k]
	}
	return dot / (a.norm * b.norm)
}
