// Package event is the event pass: it codes who did what to whom in each
// sentence as CAMEO events with a PLOVER type, a status (happened, not
// happened, planned, refused, conditional, hedged, retracted, ongoing), a
// time, a place and the speaker who asserts it, and writes them to
// Document.Events.
//
// It reads the dependency parse (tag and parse passes), the actors (the
// actor pass; NER mentions when it did not run), the time expressions and
// the quotes. Verbs are looked up in the CAMEO 2.0 verb dictionary of
// PETRARCH2 with dateline's own patterns added (internal/cameo); a pattern's
// words are matched in order over the verb's clause (its dependents, minus
// embedded clauses with their own subjects), the most specific match wins,
// and the source and target come from the pattern's markers or else from the
// clause: the subject (the agent of a passive) and the object or an
// oblique. A few nouns ("visit", "talks", "war", "refusal", "support") are
// coded too, with their possessor or adjective as the source.
//
// The parse is read defensively: each sentence gets a local view in which
// head cycles are cut and a perfect's participle taken for an adjective is
// mended; a list member parsed as a trailing compound is a conjunct, a date
// taken for the subject gives way to the fronted noun, a passive is matched
// in active order, and phrases the parse attached elsewhere are read
// linearly ("ministers from X", "talks with Y"). Shapes English does not
// allow, where parsers disagree, are mended so that the predicate is back
// on top (mend.go): a nominal root whose verb hangs below it ("The US,
// Russia, and Switzerland met" rooted at "US"), a verb read as a modifier
// of its object ("it would free prisoners"), a conjunct verb hung inside
// the complement of the verb whose form it repeats ("had implied X was to
// blame, and had called …").
//
// Codes follow PETRARCH's coding ontology where CAMEO composes them: an
// appeal, intent or demand over a cooperative xcomp takes the composed code
// (cameo.Compose: "asked X to help" = 023), a statement of what one will do
// is an intent, a refused or "would not" cooperative event its refusal
// (cameo.Refusal), and the dictionary's transformations rewrite material
// conflict under verbs of saying and wanting. A non-finite clause under a
// coded event of the same clause is not another event.
package event

import (
	"context"
	"fmt"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/cameo"
)

// Name is the pass name used in diagnostics.
const Name = "event"

// Coder is the event pass. It is read-only after construction and safe for
// concurrent use.
type Coder struct {
	dict   *cameo.Dict
	plover *cameo.Plover
	agents Agents
}

// Agents gives the CAMEO agent code of a role noun ("court" -> "JUD",
// "rebels" -> "REB"; prefix for codes such as "IGO" that go before the
// country's). *resolve.KB implements it. With it, an event participant
// named by a role noun gets its country's code with the agent's
// ("a Guyanese court" -> GUYJUD).
type Agents interface {
	Agent(noun string) (code string, plural, prefix bool)
}

// Load returns a Coder over the committed dictionaries; agents may be nil.
// Call it once.
func Load(agents Agents) (*Coder, error) {
	d, p, err := cameo.Load()
	if err != nil {
		return nil, fmt.Errorf("event: %w", err)
	}
	return New(d, p, agents), nil
}

// New returns a Coder over the given dictionary and PLOVER table (the unit
// tests of PETRARCH use their own dictionary); agents may be nil.
func New(d *cameo.Dict, p *cameo.Plover, agents Agents) *Coder {
	return &Coder{dict: d, plover: p, agents: agents}
}

// Name implements analyze.Pass.
func (c *Coder) Name() string { return Name }

// Plover returns the PLOVER event type of a CAMEO code.
func (c *Coder) Plover(code string) string { return c.plover.Event(code) }

// Run codes the events of doc. It needs sentences with tokens; without a
// parse (every Head -1) it codes nothing and says so in a diagnostic.
func (c *Coder) Run(ctx context.Context, doc *dateline.Document) error {
	doc.Events = doc.Events[:0]
	if len(doc.Sentences) == 0 || len(doc.Tokens) == 0 {
		return nil
	}
	s := newScratch(doc, c.agents)
	parsed := false
	for i, sent := range doc.Sentences {
		if i&63 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		lo, hi := int(sent.Tokens[0]), int(sent.Tokens[1])
		if lo < 0 || hi > len(doc.Tokens) || lo >= hi {
			continue
		}
		if !s.load(sent, lo, hi) {
			continue
		}
		parsed = true
		c.sentence(s)
	}
	if !parsed {
		doc.Diag(Name, dateline.SevInfo, dateline.Span{}, "no dependency parse: no events coded")
	}
	return nil
}
