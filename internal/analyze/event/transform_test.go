package event_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/dateline-news/dateline/internal/analyze/event"
)

// testAgents is a small agent lexicon in the shape of Phoenix.agents.txt.
type testAgents map[string]string

func (a testAgents) Agent(noun string) (string, bool, bool) { return a[noun], false, false }

var agents = testAgents{
	"government": "GOV", "troops": "MIL", "troop": "MIL", "senate": "LEG",
	"national security advisor": "GOVMIL", "advisor": "ADV", "demonstrators": "OPP", "congress": "LEG",
}

// TestRewrites: PETRARCH's composed actor codes and the TRANSFORMATIONS of
// the verb dictionary (an attack under a verb of saying or wanting), on
// hand-parsed sentences of our own.
func TestRewrites(t *testing.T) {
	c, err := event.Load(agents)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, rows string
		want       []string // "code src tgt", every event of the sentence
	}{
		{"country mention headed by an agent noun", `
Ruritanian Ruritanian ADJ 2 amod NORP RUR
demonstrators demonstrator NOUN 3 nsubj
attacked attack VERB 0 root
the the DET 6 det
Ruritanian Ruritanian ADJ 6 amod
government government NOUN 3 obj NOMINAL RUR`, []string{"145 RUROPP RURGOV"}},
		{"organisation + agent, through a quantity", `
Hundreds hundred NOUN 5 nsubj
of of ADP 4 case
UN UN PROPN 4 compound ORG IGOUNO
troops troops NOUN 1 nmod
attacked attack VERB 0 root
Freedonia Freedonia PROPN 5 obj GPE FRE`, []string{"190 IGOUNOMIL FRE"}},
		{"multi-word agent", `
Ruritania’s Ruritania PROPN 4 nmod:poss GPE RUR
national national ADJ 4 amod
security security NOUN 4 compound
advisor advisor NOUN 5 nsubj
attacked attack VERB 0 root
Freedonia Freedonia PROPN 5 obj GPE FRE`, []string{"190 RURGOVMIL FRE"}},
		{"an unresolved name that is an agent", `
Congress Congress PROPN 2 nsubj ORG -
attacked attack VERB 0 root
Freedonia Freedonia PROPN 2 obj GPE FRE`, []string{"190 ---LEG FRE"}},
		{"the possessor's country over the name's", `
Ruritania’s Ruritania PROPN 2 nmod:poss GPE RUR
Senate Senate PROPN 3 nsubj ORG FREGOVLEG
attacked attack VERB 0 root
Freedonia Freedonia PROPN 3 obj GPE FRE`, []string{"190 RURLEG FRE"}},
		{"subjects the parse did not chain", `
Ruritania Ruritania PROPN 4 nsubj GPE RUR
and and CCONJ 3 cc
Freedonia Freedonia PROPN 4 nsubj GPE FRE
met meet VERB 0 root`, []string{"040 RUR FRE", "040 FRE RUR"}},
		{"say + own attack = claim responsibility", `
Ruritania Ruritania PROPN 2 nsubj GPE RUR
said say VERB 0 root
it it PRON 4 nsubj
attacked attack VERB 2 ccomp
Freedonia Freedonia PROPN 4 obj GPE FRE`, []string{"015 RUR FRE"}},
		{"claim + another's attack = accuse", `
Ruritania Ruritania PROPN 2 nsubj GPE RUR
claimed claim VERB 0 root
that that SCONJ 6 mark
Freedonia Freedonia PROPN 6 nsubj GPE FRE
had have AUX 6 aux
attacked attack VERB 2 ccomp
Sylvania Sylvania PROPN 6 obj GPE SYL
and and CCONJ 9 cc
shelled shell VERB 6 conj
Vulgaria Vulgaria PROPN 9 obj GPE VUL`, []string{"112 RUR FRE"}},
		{"trailing attribution keeps the attack", `
Freedonia Freedonia PROPN 2 nsubj GPE FRE
attacked attack VERB 0 root
Sylvania Sylvania PROPN 2 obj GPE SYL
, , PUNCT 6 punct
Ruritania Ruritania PROPN 6 nsubj GPE RUR
said say VERB 2 parataxis`, []string{"190 FRE SYL"}},
		{"want to attack = threaten", `
Ruritania Ruritania PROPN 2 nsubj GPE RUR
wants want VERB 0 root
to to PART 4 mark
attack attack VERB 2 xcomp
Freedonia Freedonia PROPN 4 obj GPE FRE`, []string{"138 RUR FRE"}},
		{"want another to attack = appeal", `
Ruritania Ruritania PROPN 2 nsubj GPE RUR
wants want VERB 0 root
Sylvania Sylvania PROPN 2 obj GPE SYL
to to PART 5 mark
attack attack VERB 2 xcomp
Freedonia Freedonia PROPN 5 obj GPE FRE`, []string{"021 RUR SYL"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := parsed(t, tc.rows)
			for i := range doc.Actors {
				if doc.Actors[i].Code == "-" {
					doc.Actors[i].Code = "" // an actor without a code
				}
			}
			if err := c.Run(context.Background(), doc); err != nil {
				t.Fatal(err)
			}
			checkEvents(t, doc)
			var got []string
			for _, e := range doc.Events {
				for _, s := range e.Source {
					for _, g := range e.Target {
						got = append(got, e.Code+" "+s.Code+" "+g.Code)
					}
				}
			}
			slices.Sort(got)
			slices.Sort(tc.want)
			if strings.Join(got, "; ") != strings.Join(tc.want, "; ") {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
