package cluster

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/dateline-news/dateline"
)

// EventID numbers the event records of an Events in order of creation.
type EventID int32

// EventMention is one mention of an event in one document, reduced to what
// cross-document coreference compares: the trigger's lemma, the event code,
// the arguments (participants, times, places, as normalised keys) and the
// content lemmas of its sentence.
type EventMention struct {
	Doc          dateline.DocID `json:"doc"`
	Index        int            `json:"index"` // the mention's index in its document (Document.Events, or the caller's numbering)
	Story        StoryID        `json:"story"` // the story of the document: records never cross stories
	Lemma        string         `json:"lemma"`
	Code         string         `json:"code,omitempty"` // CAMEO code when known
	Participants []string       `json:"participants,omitempty"`
	Times        []string       `json:"times,omitempty"`
	Places       []string       `json:"places,omitempty"`
	Context      []string       `json:"context,omitempty"`
}

// EventConfig weighs the evidence that two mentions tell one event.
type EventConfig struct {
	Threshold     float64 // score at or above which a mention joins a record; default 0.5
	LemmaWeight   float64 // same trigger lemma; default 0.55
	ArgWeight     float64 // shared participants, times and places; default 0.25
	ContextWeight float64 // cosine of the sentence lemmas; default 0.3
	CodeWeight    float64 // same (or different: minus) event code, when both are known; default 0.1
	MaxRecords    int     // most recent records of a story compared with a mention; default 500
	AnyLemma      bool    // let mentions with unrelated trigger lemmas merge on arguments and context alone
	PairWeight    float64 // share of LemmaWeight for two lemmas of the learned synonym table ("die"/"kill"); default 0.8
	NoLemmaPairs  bool    // ignore the learned table of coreferring lemma pairs
	SynonymWeight float64 // share of LemmaWeight for WordNet synonyms and derivations ("arrest"/"apprehend"); default 0.7
	NoSynonyms    bool    // ignore the WordNet pairs
}

// Default event-coreference settings, chosen on the ECB+ train topics.
const (
	DefaultEventThreshold = 0.5
)

func (c EventConfig) withDefaults() EventConfig {
	if c.Threshold <= 0 {
		c.Threshold = DefaultEventThreshold
	}
	if c.LemmaWeight <= 0 {
		c.LemmaWeight = 0.55
	}
	if c.ArgWeight <= 0 {
		c.ArgWeight = 0.25
	}
	if c.ContextWeight <= 0 {
		c.ContextWeight = 0.3
	}
	if c.CodeWeight <= 0 {
		c.CodeWeight = 0.1
	}
	if c.SynonymWeight <= 0 {
		c.SynonymWeight = 0.7
	}
	if c.PairWeight <= 0 {
		c.PairWeight = 0.8
	}
	if c.MaxRecords <= 0 {
		c.MaxRecords = 500
	}
	return c
}

// MentionRef points at one event mention in one document.
type MentionRef struct {
	Doc   dateline.DocID `json:"doc"`
	Index int            `json:"index"`
}

// EventRecord is one event told by many reports: all its mentions, with
// each source document counted once.
type EventRecord struct {
	ID       EventID      `json:"id"`
	Story    StoryID      `json:"story"`
	Lemma    string       `json:"lemma"` // the most frequent trigger lemma
	Code     string       `json:"code,omitempty"`
	Mentions []MentionRef `json:"mentions"`
	Sources  int          `json:"sources"` // distinct documents
}

// Events merges event mentions across documents into event records,
// incrementally: each mention joins the best-scoring record of its story,
// or opens a new one. Deterministic given the input order; not safe for
// concurrent use.
type Events struct {
	cfg     EventConfig
	records []*eventRecord
	byStory map[StoryID][]EventID
	pairs   map[[2]string]bool // learned lemma pairs that tell one event
}

type eventRecord struct {
	story    StoryID
	lemmas   map[string]int
	codes    map[string]int
	args     map[string]int
	context  map[string]float64
	ctxNorm  float64
	mentions []MentionRef
	docs     map[dateline.DocID]bool
}

// NewEvents returns an empty event-coreference index.
func NewEvents(cfg EventConfig) *Events {
	e := &Events{cfg: cfg.withDefaults(), byStory: map[StoryID][]EventID{}}
	if !e.cfg.NoLemmaPairs {
		e.pairs = lemmaPairs()
	}

	return e
}

// Len is the number of event records.
func (e *Events) Len() int { return len(e.records) }

// Add merges m into the best record of its story, or opens a new record,
// and returns the record's id.
func (e *Events) Add(m EventMention) EventID {
	ctx := bag(m.Context)
	best, bestScore := EventID(-1), 0.0
	ids := e.byStory[m.Story]
	if len(ids) > e.cfg.MaxRecords {
		ids = ids[len(ids)-e.cfg.MaxRecords:]
	}
	for _, id := range ids {
		sc := e.score(m, ctx, e.records[id])
		if sc > bestScore {
			best, bestScore = id, sc
		}
	}
	if best < 0 || bestScore < e.cfg.Threshold {
		best = EventID(len(e.records))
		e.records = append(e.records, &eventRecord{
			story: m.Story, lemmas: map[string]int{}, codes: map[string]int{}, args: map[string]int{},
			context: map[string]float64{}, docs: map[dateline.DocID]bool{},
		})
		e.byStory[m.Story] = append(e.byStory[m.Story], best)
	}
	r := e.records[best]
	r.lemmas[m.Lemma]++
	if m.Code != "" {
		r.codes[m.Code]++
	}
	for _, a := range args(m) {
		r.args[a]++
	}
	for w, v := range ctx {
		r.context[w] += v
	}
	r.ctxNorm = 0
	for _, v := range r.context {
		r.ctxNorm += v * v
	}
	r.ctxNorm = math.Sqrt(r.ctxNorm)
	r.mentions = append(r.mentions, MentionRef{Doc: m.Doc, Index: m.Index})
	r.docs[m.Doc] = true
	return best
}

// Score is the evidence that m tells the event of record id (for
// inspection and tuning); -1 for an unknown record.
func (e *Events) Score(m EventMention, id EventID) float64 {
	if id < 0 || int(id) >= len(e.records) {
		return -1
	}
	return e.score(m, bag(m.Context), e.records[id])
}

func (e *Events) score(m EventMention, ctx map[string]float64, r *eventRecord) float64 {
	c := e.cfg
	sc := 0.0
	lm := 0.0
	if r.lemmas[m.Lemma] > 0 {
		lm = 1
	} else {
		stem := Stem(m.Lemma)
		for l := range r.lemmas {
			if relatedLemma(m.Lemma, stem, l) {
				lm = 0.9
				break
			}
			if k := pairKey(m.Lemma, l); e.pairs[k] {
				lm = max(lm, c.PairWeight)
			} else if !c.NoSynonyms && synonyms(synonymsTSV, m.Lemma, l) {
				lm = max(lm, c.SynonymWeight)
			}
		}
	}
	if lm == 0 && !c.AnyLemma {
		return 0
	}
	if reporting(m.Lemma) {
		// Every report says things: a shared "said" is weak evidence of
		// one statement, so the arguments and the sentence must agree too.
		lm /= 2
	}
	sc += c.LemmaWeight * lm
	if a := args(m); len(a) > 0 && len(r.args) > 0 {
		hit := 0
		for _, x := range a {
			if r.args[x] > 0 {
				hit++
			}
		}
		sc += c.ArgWeight * float64(hit) / float64(len(a))
	}
	if len(ctx) > 0 && r.ctxNorm > 0 {
		var dot, norm float64
		for w, v := range ctx {
			dot += v * r.context[w]
			norm += v * v
		}
		sc += c.ContextWeight * dot / (math.Sqrt(norm) * r.ctxNorm)
	}
	if m.Code != "" && len(r.codes) > 0 {
		if r.codes[m.Code] > 0 {
			sc += c.CodeWeight
		} else {
			sc -= c.CodeWeight
		}
	}
	return sc
}

func args(m EventMention) []string {
	out := make([]string, 0, len(m.Participants)+len(m.Times)+len(m.Places))
	for _, p := range m.Participants {
		out = append(out, "p:"+p)
	}
	for _, t := range m.Times {
		out = append(out, "t:"+t)
	}
	for _, p := range m.Places {
		out = append(out, "l:"+p)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func bag(words []string) map[string]float64 {
	m := make(map[string]float64, len(words))
	for _, w := range words {
		m[w] = 1 // presence: a sentence repeats few words
	}
	return m
}

// Record returns event record id with its mentions.
func (e *Events) Record(id EventID) (EventRecord, bool) {
	if id < 0 || int(id) >= len(e.records) {
		return EventRecord{}, false
	}
	r := e.records[id]
	return EventRecord{
		ID: id, Story: r.story, Lemma: top(r.lemmas), Code: top(r.codes),
		Mentions: slices.Clone(r.mentions), Sources: len(r.docs),
	}, true
}

// top is the most frequent key (the smallest on ties), or "".
func top(m map[string]int) string {
	best, n := "", 0
	for k, v := range m {
		if v > n || (v == n && k < best) {
			best, n = k, v
		}
	}
	return best
}

// EventMentions reduces the coded events of an analysed document to
// mentions for cross-document coreference: the trigger's lemma, the code,
// the participants (resolved actor ids, else their normalised text), the
// time value, the place, and the content lemmas of the evidence sentence.
func EventMentions(doc *dateline.Document, story StoryID) []EventMention {
	out := make([]EventMention, 0, len(doc.Events))
	for i, ev := range doc.Events {
		m := EventMention{Doc: doc.ID, Index: i, Story: story, Code: ev.Code}
		m.Lemma = HeadLemma(doc, ev.Trigger)
		if m.Lemma == "" {
			m.Lemma = "code:" + ev.Code
		}
		for _, a := range append(slices.Clone(ev.Source), ev.Target...) {
			switch {
			case a.Actor >= 0 && a.Actor < len(doc.Actors) && doc.Actors[a.Actor].ID != "":
				m.Participants = append(m.Participants, string(doc.Actors[a.Actor].ID))
			case a.Code != "":
				m.Participants = append(m.Participants, a.Code)
			case a.Text != "":
				m.Participants = append(m.Participants, entityKey(a.Text))
			}
		}
		if ev.TimeValue != "" {
			m.Times = append(m.Times, ev.TimeValue)
		}
		if ev.Place != "" {
			m.Places = append(m.Places, entityKey(ev.Place))
		}
		m.Context = SpanLemmas(doc, ev.Evidence)
		out = append(out, m)
	}
	return out
}

// HeadLemma is the lemma of the main word of a span: its first verb, else
// its last noun, else its last word, lower-cased; "" for an empty span.
func HeadLemma(doc *dateline.Document, s dateline.Span) string {
	lo, hi := tokenRange(doc, s)
	pick := -1
	for i := lo; i < hi; i++ {
		if doc.Tokens[i].UPOS == "VERB" {
			pick = i
			break
		}
	}
	if pick < 0 {
		for i := hi - 1; i >= lo; i-- {
			if u := doc.Tokens[i].UPOS; u == "NOUN" || u == "PROPN" {
				pick = i
				break
			}
		}
	}
	if pick < 0 {
		for i := hi - 1; i >= lo; i-- {
			if hasAlnum(doc.Tokens[i].Span.In(doc.Text)) {
				pick = i
				break
			}
		}
	}
	if pick < 0 {
		if lo == hi && s.Valid(len(doc.Text)) {
			return normWord(strings.TrimSpace(s.In(doc.Text)))
		}
		return ""
	}
	return tokenLemma(doc, pick)
}

// SpanLemmas is the content lemmas of the tokens inside a span, in order.
func SpanLemmas(doc *dateline.Document, s dateline.Span) []string {
	lo, hi := tokenRange(doc, s)
	var out []string
	for i := lo; i < hi; i++ {
		t := doc.Tokens[i]
		w := t.Span.In(doc.Text)
		if !hasAlnum(w) || (t.UPOS != "" && !contentTag(t.UPOS)) {
			continue
		}
		l := tokenLemma(doc, i)
		if !stopword(l) && len(l) > 1 {
			out = append(out, l)
		}
	}
	return out
}

func tokenLemma(doc *dateline.Document, i int) string {
	t := doc.Tokens[i]
	l := t.Lemma
	if l == "" || l == "_" {
		l = t.Span.In(doc.Text)
	}
	return normWord(l)
}

// tokenRange is the half-open range of tokens inside s.
func tokenRange(doc *dateline.Document, s dateline.Span) (int, int) {
	lo, _ := slices.BinarySearchFunc(doc.Tokens, s.Start, func(t dateline.Token, x int32) int { return cmp.Compare(t.Start, x) })
	hi := lo
	for hi < len(doc.Tokens) && doc.Tokens[hi].End <= s.End {
		hi++
	}
	return lo, hi
}

// Stem strips the common English inflectional and derivational endings of a
// lower-case word, so that "shooting", "shootings" and "shoot" meet.
func Stem(w string) string {
	for _, suf := range []string{"ations", "ation", "ings", "ing", "ions", "ion", "ments", "ment", "ed", "es", "s", "e"} {
		if len(w) > len(suf)+3 && strings.HasSuffix(w, suf) {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

// relatedLemma reports whether two trigger lemmas name the same kind of
// event: the same stem, or one ending the other ("quake", "earthquake").
func relatedLemma(a, stemA, b string) bool {
	if a == "" || b == "" {
		return false
	}
	if stemA == Stem(b) {
		return true
	}
	if len(a) >= 5 && len(b) >= 5 && (strings.HasSuffix(a, b) || strings.HasSuffix(b, a)) {
		return true
	}
	return false
}

// reporting reports whether a lemma is a verb of saying.
func reporting(lemma string) bool {
	switch lemma {
	case "say", "said", "tell", "told", "report", "state", "add", "claim", "announce", "confirm", "according":
		return true
	}
	return false
}
