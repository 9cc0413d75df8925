package timeline

import (
	"cmp"
	"slices"
	"strings"

	"github.com/dateline-news/dateline"
)

// EntityEvent is an event mention a target entity takes part in.
type EntityEvent struct {
	Doc      *dateline.Document `json:"-"`
	Sentence int                `json:"sentence"` // index into Doc.Sentences
	Token    int                `json:"token"`    // index into Doc.Tokens: the event word
	Date     string             `json:"date"`     // YYYY-MM-DD with X for what is unknown
}

// EntityLine is one line of an entity timeline: events that share an
// order index (0: not anchored, not ordered).
type EntityLine struct {
	Order  int           `json:"order"`
	Date   string        `json:"date"`
	Events []EntityEvent `json:"events"`
}

// EntityTimeline orders the events a named entity takes part in across
// documents (SemEval-2015 Task 4): the verbs that govern a mention of the
// entity, dated by a date in their sentence or else, for a verb in a past
// or present tense, by the document's date; events anchored to the same
// date share an order index, and undated events get index 0.
func EntityTimeline(docs []*dateline.Document, name string) []EntityLine {
	var evs []EntityEvent
	for _, d := range docs {
		evs = append(evs, entityEvents(d, name)...)
	}
	byDate := map[string][]EntityEvent{}
	var dates []string
	var undated []EntityEvent
	for _, e := range evs {
		if !anchoredDate(e.Date) {
			undated = append(undated, e)
			continue
		}
		if _, ok := byDate[e.Date]; !ok {
			dates = append(dates, e.Date)
		}
		byDate[e.Date] = append(byDate[e.Date], e)
	}
	slices.SortFunc(dates, func(a, b string) int {
		// Unknown parts sort first within their known prefix: 2010-XX-XX
		// before 2010-06-07.
		return cmp.Compare(strings.ReplaceAll(a, "X", "0"), strings.ReplaceAll(b, "X", "0"))
	})
	var out []EntityLine
	if len(undated) > 0 {
		out = append(out, EntityLine{Order: 0, Date: "XXXX-XX-XX", Events: undated})
	}
	for i, d := range dates {
		out = append(out, EntityLine{Order: i + 1, Date: d, Events: byDate[d]})
	}
	return out
}

func anchoredDate(d string) bool { return len(d) >= 4 && !strings.ContainsAny(d[:4], "X") }

// entityNames returns the lower-case token sequences that name the entity:
// the full name, and for a two-word name of capitalised words its last word
// (a surname), for longer names their last two words and their first.
func entityNames(name string) [][]string {
	f := strings.Fields(strings.ToLower(name))
	if len(f) == 0 {
		return nil
	}
	out := [][]string{f}
	orig := strings.Fields(name)
	capital := func(s string) bool { return s != "" && s[0] >= 'A' && s[0] <= 'Z' }
	switch {
	case len(f) == 2 && capital(orig[0]) && capital(orig[1]) && len(f[1]) > 3:
		out = append(out, f[1:]) // Steve Jobs → Jobs
	case len(f) >= 3:
		out = append(out, f[len(f)-2:], f[:1])
	}
	return out
}

// entityEvents finds the events of one document the entity takes part in.
func entityEvents(doc *dateline.Document, name string) []EntityEvent {
	names := entityNames(name)
	lower := make([]string, len(doc.Tokens))
	for i, t := range doc.Tokens {
		lower[i] = strings.ToLower(t.Span.In(doc.Text))
	}
	// Entity tokens: name matches, and every mention of an actor the
	// matches belong to (pronouns included).
	ent := make([]bool, len(doc.Tokens))
	actors := map[int]bool{}
	for i := range doc.Tokens {
		for _, n := range names {
			if i+len(n) > len(lower) || !slices.Equal(lower[i:i+len(n)], n) {
				continue
			}
			for k := i; k < i+len(n); k++ {
				ent[k] = true
			}
			for _, m := range doc.Mentions {
				if m.Actor >= 0 && m.Start <= doc.Tokens[i].Start && doc.Tokens[i].End <= m.End {
					actors[m.Actor] = true
				}
			}
		}
	}
	if len(actors) > 0 {
		ti := 0
		for _, m := range doc.Mentions {
			if !actors[m.Actor] {
				continue
			}
			for ti > 0 && doc.Tokens[ti-1].End > m.Start {
				ti--
			}
			for ; ti < len(doc.Tokens) && doc.Tokens[ti].Start < m.End; ti++ {
				if doc.Tokens[ti].Start >= m.Start {
					ent[ti] = true
				}
			}
		}
	}
	var out []EntityEvent
	for si, s := range doc.Sentences {
		lo, hi := int(s.Tokens[0]), int(s.Tokens[1])
		if lo < 0 || hi > len(doc.Tokens) || lo >= hi {
			continue
		}
		seen := map[int]bool{}
		for i := lo; i < hi; i++ {
			if !ent[i] {
				continue
			}
			// The event noun the entity is the possessor or subject of
			// ("Jobs's leave", "his resignation").
			if h := int(doc.Tokens[i].Head); h >= lo && h < hi && !ent[h] && !seen[h] && eventNoun(doc, h) {
				seen[h] = true
				out = append(out, EntityEvent{Doc: doc, Sentence: si, Token: h, Date: eventDate(doc, s, h)})
			}
			v := governingVerb(doc, i, lo, hi)
			if v < 0 || seen[v] || ent[v] {
				continue
			}
			seen[v] = true
			out = append(out, EntityEvent{Doc: doc, Sentence: si, Token: v, Date: eventDate(doc, s, v)})
			// Verbs that share the entity as their agent: coordinated
			// ("walked on stage and unveiled") and adverbial participles
			// ("saying", "hinting").
			for k := lo; k < hi; k++ {
				t := doc.Tokens[k]
				if int(t.Head) != v || t.UPOS != "VERB" || seen[k] || ent[k] {
					continue
				}
				switch t.Dep {
				case "conj", "advcl", "xcomp":
					seen[k] = true
					out = append(out, EntityEvent{Doc: doc, Sentence: si, Token: k, Date: eventDate(doc, s, k)})
				}
			}
		}
	}
	return out
}

// eventNoun reports whether token i is a noun that names an event
// (suffixes of action nouns, and a few common news event nouns).
func eventNoun(doc *dateline.Document, i int) bool {
	t := doc.Tokens[i]
	if t.UPOS != "NOUN" {
		return false
	}
	w := strings.ToLower(t.Span.In(doc.Text))
	for _, suf := range [...]string{"tion", "tions", "sion", "sions", "ment", "ments", "ance", "ances", "ence", "ences", "sal", "ure"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+3 {
			return true
		}
	}
	switch w {
	case "leave", "decision", "request", "keynote", "speech", "farewell", "launch", "release", "sale", "sales",
		"lawsuit", "suit", "dispute", "deal", "visit", "talks", "meeting", "attack", "war", "death", "election", "trial":
		return true
	}
	return false
}

// governingVerb returns the verb a token hangs from (at most four arcs up),
// -1 when none. Auxiliaries and copulas are not events.
func governingVerb(doc *dateline.Document, i, lo, hi int) int {
	x := i
	for step := 0; step < 4; step++ {
		h := int(doc.Tokens[x].Head)
		if h < lo || h >= hi || h == x {
			return -1
		}
		x = h
		t := doc.Tokens[x]
		if t.UPOS == "VERB" {
			return x
		}
	}
	return -1
}

// eventDate dates the event at token v of sentence s: the DATE expression of
// the sentence nearest to it, else the document date for a verb in a past
// or present tense.
func eventDate(doc *dateline.Document, s dateline.Sentence, v int) string {
	best, bestDist, bestX := "", int32(1<<30), 99
	at := doc.Tokens[v].Start
	for _, t := range doc.Times {
		if !s.Contains(t.Span) || t.Type != dateline.TimeDate {
			continue
		}
		d := taskDate(t.Value)
		if d == "" {
			continue
		}
		dist := t.Start - at
		if dist < 0 {
			dist = -dist
		}
		// The finest date wins ("yesterday" over "this year"), then the
		// nearest.
		x := strings.Count(d, "X")
		if x < bestX || x == bestX && dist < bestDist {
			best, bestDist, bestX = d, dist, x
		}
	}
	if best != "" {
		return best
	}
	if !doc.Published.IsZero() {
		switch doc.Tokens[v].XPOS {
		case "VBD", "VBZ", "VBP", "VBN":
			return doc.Published.Format("2006-01-02")
		}
	}
	return "XXXX-XX-XX"
}

// taskDate converts a TIMEX3 date value to the task's YYYY-MM-DD with X
// for unknown parts; "" for values it cannot express.
func taskDate(v string) string {
	if len(v) < 4 {
		return ""
	}
	for i := 0; i < 4; i++ {
		if v[i] < '0' || v[i] > '9' {
			return ""
		}
	}
	y := v[:4]
	if len(v) == 4 {
		return y + "-XX-XX"
	}
	if len(v) >= 7 && v[4] == '-' && v[5] >= '0' && v[5] <= '1' && v[6] >= '0' && v[6] <= '9' {
		m := v[5:7]
		if len(v) >= 10 && v[7] == '-' && v[8] >= '0' && v[8] <= '3' && v[9] >= '0' && v[9] <= '9' {
			return y + "-" + m + "-" + v[8:10]
		}
		return y + "-" + m + "-XX"
	}
	return y + "-XX-XX"
}
