package timeline

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/dateline-news/dateline"
)

// Stances an actor takes on an issue.
const (
	StanceFor         = "for"         // wants it, pushes for it
	StanceAgainst     = "against"     // opposes or rejects it
	StanceRefuses     = "refuses"     // refuses it
	StanceConditional = "conditional" // wants something else first
)

// Position is an actor's stated position on an issue, with the evidence,
// as the reports between Since and Last tell it.
type Position struct {
	Actor    Participant `json:"actor"`
	Issue    string      `json:"issue"`           // "ceasefire", "security guarantees"
	Stance   string      `json:"stance"`          // for, against, refuses, conditional
	First    string      `json:"first,omitempty"` // what must come first (conditional)
	Then     string      `json:"then,omitempty"`  // what the actor wants it to lead to
	Summary  string      `json:"summary"`         // "security guarantees first, then ceasefire"
	Since    time.Time   `json:"since,omitzero"`  // first report that tells it
	Last     time.Time   `json:"last,omitzero"`   // latest report that tells it
	Evidence []Ref       `json:"evidence"`
}

// Positions reads the actors' stated positions out of a story's reports:
// who wants, insists on, requires, seeks, pushes for, supports, opposes,
// rejects or refuses what, and what they want first ("security guarantees
// before agreeing to a ceasefire") or after ("a ceasefire in order to work
// towards a peace deal"). Issues are named canonically (a truce and a halt
// in hostilities are the ceasefire). The result is ordered by actor, issue
// and date, so that a change of position over time reads in order.
func Positions(docs []*dateline.Document) []Position {
	var out []Position
	for _, doc := range byPublication(docs) {
		for _, p := range docPositions(doc) {
			merged := false
			for i := range out {
				o := &out[i]
				if o.Actor.same(p.Actor) && o.Issue == p.Issue && o.Summary == p.Summary {
					o.Evidence = append(o.Evidence, p.Evidence...)
					if p.Last.After(o.Last) {
						o.Last = p.Last
					}
					merged = true
					break
				}
			}
			if !merged {
				out = append(out, p)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Position) int {
		if c := cmp.Compare(a.Actor.Name, b.Actor.Name); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Issue, b.Issue); c != 0 {
			return c
		}
		return a.Since.Compare(b.Since)
	})
	return out
}

// pword is a token as the position rules read it.
type pword struct {
	span  dateline.Span
	lower string
}

// predicate classifies a word as a position predicate: its stance and
// whether it is a noun ("refusals") that takes its holder as a possessive
// and its issue before it.
func predicate(w string) (stance string, noun bool) {
	switch w {
	case "refusal", "refusals":
		return StanceRefuses, true
	case "refuse", "refuses", "refused", "refusing":
		return StanceRefuses, false
	case "reject", "rejects", "rejected", "rejecting", "oppose", "opposes", "opposed", "opposing":
		return StanceAgainst, false
	case "want", "wants", "wanted", "wanting",
		"insist", "insists", "insisted", "insisting",
		"require", "requires", "required", "requiring",
		"demand", "demands", "demanded", "demanding",
		"seek", "seeks", "sought", "seeking",
		"push", "pushes", "pushed", "pushing",
		"urge", "urges", "urged", "urging",
		"press", "presses", "pressed", "pressing",
		"support", "supports", "supported", "supporting",
		"favour", "favours", "favoured", "favor", "favors", "favored",
		"endorse", "endorses", "endorsed", "back", "backs", "backed", "backing":
		return StanceFor, false
	}
	return "", false
}

// issue names the issue a run of words speaks of, canonically, with the
// index of the word that names it; "" when none.
func issue(ws []pword) (string, int) {
	for i, w := range ws {
		switch w.lower {
		case "ceasefire", "cease-fire", "ceasefires", "truce", "armistice":
			return "ceasefire", i
		case "halt", "end", "stop", "cessation":
			for j := i + 1; j < len(ws) && j <= i+3; j++ {
				switch ws[j].lower {
				case "hostilities", "fighting":
					return "ceasefire", i
				}
			}
		case "guarantee", "guarantees", "assurance", "assurances":
			return "security guarantees", i
		case "peace":
			if i+1 < len(ws) {
				switch ws[i+1].lower {
				case "deal", "agreement", "settlement", "accord", "plan", "treaty":
					return "peace deal", i
				}
			}
		case "de-escalation":
			return "de-escalation", i
		case "sanctions":
			return "sanctions", i
		case "negotiations", "talks":
			if i > 0 && (ws[i-1].lower == "peace" || ws[i-1].lower == "direct") {
				return "negotiations", i
			}
		}
	}
	return "", -1
}

// clauseBreak reports whether a word starts a new clause for the holder
// search.
func clauseBreak(w string) bool {
	switch w {
	case ",", ";", ":", "that", "which", "who", "while", "with", "despite", "but", "and", "as", "(", "–", "—":
		return true
	}
	return false
}

// docPositions reads the positions of one report.
func docPositions(doc *dateline.Document) []Position {
	var out []Position
	for _, s := range doc.Sentences {
		lo, hi := int(s.Tokens[0]), int(s.Tokens[1])
		if lo < 0 || hi > len(doc.Tokens) || lo >= hi {
			continue
		}
		ws := make([]pword, 0, hi-lo)
		for _, t := range doc.Tokens[lo:hi] {
			ws = append(ws, pword{span: t.Span, lower: strings.ToLower(strings.ReplaceAll(t.Span.In(doc.Text), "’", "'"))})
		}
		for i, w := range ws {
			stance, noun := predicate(w.lower)
			if stance == "" {
				continue
			}
			if p, ok := readPosition(doc, s.Span, ws, i, stance, noun); ok {
				out = append(out, p)
			}
		}
	}
	return out
}

// readPosition reads the position told by the predicate at ws[i].
func readPosition(doc *dateline.Document, sent dateline.Span, ws []pword, i int, stance string, noun bool) (Position, bool) {
	// The clause before the predicate: its holder, and no "if" (a
	// hypothetical refusal is no position) nor a negation.
	start := 0
	for j := i - 1; j >= 0; j-- {
		if clauseBreak(ws[j].lower) {
			start = j + 1
			break
		}
	}
	negated := false
	for j := start; j < i; j++ {
		switch ws[j].lower {
		case "if", "unless", "whether":
			return Position{}, false
		case "not", "n't", "never", "no":
			negated = true
		}
	}
	holder, ok := holderBefore(doc, ws[start].span.Start, ws[i].span.Start)
	if !ok {
		return Position{}, false
	}
	// The issue: for a noun ("ceasefire refusals") the words before it; for
	// a verb, the words after it up to the end of the clause, cut into the
	// object, what comes first ("before ...") and the purpose ("in order
	// to ...", "to work towards ...").
	var main, before, purpose []pword
	if noun {
		main = ws[start:i]
	} else {
		cur := &main
		for j := i + 1; j < len(ws); j++ {
			l := ws[j].lower
			if l == ";" || l == "." || l == "while" || l == "but" || l == "whereas" || (l == "and" && j+1 < len(ws) && predicateVerbAhead(ws[j+1:])) {
				break
			}
			switch {
			case l == "before" || l == "until" || l == "prior":
				cur = &before
				continue
			case l == "in" && j+2 < len(ws) && ws[j+1].lower == "order" && ws[j+2].lower == "to",
				l == "so" && j+1 < len(ws) && ws[j+1].lower == "that",
				l == "towards" || l == "toward":
				cur = &purpose
				continue
			}
			*cur = append(*cur, ws[j])
		}
	}
	iss, k := issue(main)
	if iss == "" {
		return Position{}, false
	}
	p := Position{Actor: holder, Issue: iss, Stance: stance}
	if negated && stance == StanceFor {
		p.Stance = StanceAgainst
	}
	if b, _ := issue(before); b != "" && b != iss && p.Stance == StanceFor {
		// "guarantees before a ceasefire": the position is on the ceasefire.
		p.Issue, p.First, p.Stance = b, iss, StanceConditional
	}
	if t := lastIssue(purpose); t != "" && t != p.Issue && p.Stance == StanceFor {
		p.Then = t
	}
	p.Summary = summary(p)
	cue := dateline.Span{Start: ws[i].span.Start, End: ws[i].span.End}
	if k >= 0 {
		cue = dateline.Span{Start: min(cue.Start, main[k].span.Start), End: max(cue.End, main[k].span.End)}
	}
	p.Since, p.Last = doc.Published, doc.Published
	p.Evidence = []Ref{{Doc: doc.ID, Published: doc.Published, Event: -1, Quote: -1, Span: sent, Trigger: cue, Text: cue.In(doc.Text)}}
	return p, true
}

// predicateVerbAhead reports whether a coordinated clause starts with a
// verb of its own ("and believed that ...").
func predicateVerbAhead(ws []pword) bool {
	if len(ws) == 0 {
		return false
	}
	w := ws[0].lower
	return strings.HasSuffix(w, "ed") || w == "said" || w == "says" || w == "believes"
}

// lastIssue is the last issue a run of words names ("halt hostilities and
// work towards a peace deal" → peace deal).
func lastIssue(ws []pword) string {
	last := ""
	for len(ws) > 0 {
		iss, k := issue(ws)
		if iss == "" {
			break
		}
		last = iss
		ws = ws[k+1:]
	}
	return last
}

// summary renders a position in a few words.
func summary(p Position) string {
	switch {
	case p.Stance == StanceConditional:
		return p.First + " first, then " + p.Issue
	case p.Stance == StanceFor && p.Then != "":
		return p.Issue + " first, then " + p.Then
	case p.Stance == StanceFor:
		return "for " + p.Issue
	case p.Stance == StanceRefuses:
		return "refuses " + p.Issue
	}
	return "against " + p.Issue
}

// holderBefore returns the actor of the last resolved mention in
// [from, to): the holder of the position. A person wins over a place or a
// nationality ending at the same point ("Russian leader Vladimir Putin").
func holderBefore(doc *dateline.Document, from, to int32) (Participant, bool) {
	best := -1
	for j, m := range doc.Mentions {
		if m.Start < from {
			continue
		}
		if m.End > to {
			break
		}
		if m.Actor < 0 || m.Actor >= len(doc.Actors) {
			continue
		}
		switch doc.Actors[m.Actor].Type {
		case dateline.EntPerson, dateline.EntGPE, dateline.EntOrg, dateline.EntNORP:
		default:
			continue
		}
		if afterPreposition(doc.Text, m.Start) {
			continue // "came to Washington seeking ...": a place, not the holder
		}
		if best < 0 || m.End > doc.Mentions[best].End ||
			m.End == doc.Mentions[best].End && doc.Actors[m.Actor].Type == dateline.EntPerson {
			best = j
		}
	}
	if best < 0 {
		return Participant{}, false
	}
	a := doc.Actors[doc.Mentions[best].Actor]
	return Participant{ID: a.ID, Name: a.Name, Code: a.Code}, true
}

// afterPreposition reports whether the word before offset at is a
// preposition.
func afterPreposition(text string, at int32) bool {
	end := int(at)
	for end > 0 && (text[end-1] == ' ' || text[end-1] == '\n') {
		end--
	}
	start := end
	for start > 0 && text[start-1] != ' ' && text[start-1] != '\n' {
		start--
	}
	switch strings.ToLower(text[start:end]) {
	case "to", "in", "at", "from", "on", "into", "of", "for", "by", "toward", "towards", "against":
		return true
	}
	return false
}
