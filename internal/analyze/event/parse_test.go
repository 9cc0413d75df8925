package event_test

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/analyze/event"
	"github.com/dateline-news/dateline/internal/handparse"
)

// loadCoder loads the committed dictionaries once for the tests.
var loadCoder = sync.OnceValues(func() (*event.Coder, error) { return event.Load(nil) })

func coder(t testing.TB) *event.Coder {
	t.Helper()
	c, err := loadCoder()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// parsed builds a one-sentence document from a hand-written parse (the
// rows of handparse.Doc).
func parsed(t testing.TB, rows string) *dateline.Document {
	t.Helper()
	doc, err := handparse.Doc(rows)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestHandParsed(t *testing.T) {
	for _, tc := range []struct {
		name, rows                      string
		trigger, code, src, tgt, status string
	}{
		{"negation", `
Russia Russia PROPN 4 nsubj GPE RUS
did do AUX 4 aux
not not PART 4 advmod
agree agree VERB 0 root
to to ADP 6 case
talks talk NOUN 4 obl
with with ADP 8 case
Ukraine Ukraine PROPN 6 nmod GPE UKR`, "agree", "", "RUS", "UKR", dateline.StatusNotHappened},
		{"passive agent", `
Kosovo Kosovo PROPN 3 nsubj:pass GPE XKX
was be AUX 3 aux:pass
attacked attack VERB 0 root
by by ADP 5 case
Serbia Serbia PROPN 3 obl:agent GPE SRB`, "attacked", "19", "SRB", "XKX", dateline.StatusHappened},
		{"control verb gives its status", `
Zelenskyy Zelenskyy PROPN 2 nsubj PERSON UKRGOV
prepares prepare VERB 0 root
to to PART 4 mark
travel travel VERB 2 xcomp
to to ADP 6 case
Washington Washington PROPN 4 obl GPE USA`, "travel", "042", "UKRGOV", "USA", dateline.StatusPlanned},
		{"conditional", `
if if SCONJ 3 mark
Peru Peru PROPN 3 nsubj GPE PER
attacks attack VERB 0 root
Chile Chile PROPN 3 obj GPE CHL`, "attacks", "19", "PER", "CHL", dateline.StatusConditional},
		{"hedged", `
Chad Chad PROPN 3 nsubj GPE TCD
reportedly reportedly ADV 3 advmod
attacked attack VERB 0 root
Sudan Sudan PROPN 3 obj GPE SDN`, "attacked", "19", "TCD", "SDN", dateline.StatusHedged},
		{"multi-byte call someone a “dictator”", `
Trump Trump PROPN 2 nsubj PERSON USAGOV
called call VERB 0 root
Zelenskyy Zelenskyy PROPN 2 obj PERSON UKRGOV
a a DET 6 det
“ " PUNCT 6 punct
dictator dictator NOUN 2 xcomp
” " PUNCT 6 punct`, "called", "111", "USAGOV", "UKRGOV", dateline.StatusHappened},
		{"a date taken for the subject, the subject for a fronted object", `
Ukrainian Ukrainian ADJ 2 amod NORP UKR
lawmakers lawmaker NOUN 4 obj
Tuesday Tuesday PROPN 4 nsubj
endorsed endorse VERB 0 root
an a DET 6 det
agreement agreement NOUN 4 obj
with with ADP 8 case
Brussels Brussels PROPN 6 nmod ORG IGOEUREEC`, "endorsed", "", "UKR", "IGOEUREEC", dateline.StatusHappened},
		{"a perfect's participle parsed as an adjective", `
Guyana Guyana PROPN 9 nsubj GPE GUY
has have AUX 9 aux
issued issue VERB/VBN 4 amod
warrants warrant NOUN 2 obj
against against ADP 6 case
Brazil Brazil PROPN 4 nmod GPE BRA
, , PUNCT 9 punct
officials official NOUN 9 nsubj
said say VERB 0 root`, "issued", "", "GUY", "BRA", dateline.StatusHappened},
		{"an appeal for aid (020 + 070 = 023)", `
Congress Congress PROPN 3 nsubj ORG USALEG
is be AUX 3 aux
asking ask VERB 0 root
Obama Obama PROPN 3 iobj PERSON USAGOV
to to PART 6 mark
help help VERB/VB 3 xcomp
Iran Iran PROPN 6 obj GPE IRN`, "asking", "023", "USALEG", "USAGOV", dateline.StatusHappened},
		{"a refusal (would not give aid: 121)", `
Obama Obama PROPN 2 nsubj PERSON USAGOV
said say VERB 0 root
he he PRON 6 nsubj PRON USAGOV
would would AUX 6 aux
not not PART 6 advmod
provide provide VERB 2 ccomp
aid aid NOUN 6 obj
to to ADP 9 case
Israel Israel PROPN 6 obl GPE ISR`, "aid", "121", "USAGOV", "ISR", dateline.StatusRefused},
		{"a passive without an agent: where it came from", `
a a DET 2 det
rocket rocket NOUN 4 nsubj:pass
was be AUX 4 aux:pass
fired fire VERB 0 root
at at ADP 6 case
Israel Israel PROPN 4 obl GPE ISR
from from ADP 8 case
Gaza Gaza PROPN 4 obl GPE PSEGZA`, "fired", "", "PSEGZA", "ISR", dateline.StatusHappened},
		{"a passive's subject where the active pattern has the object", `
evidence evidence NOUN 5 nsubj:pass
against against ADP 3 case
Russia Russia PROPN 1 nmod GPE RUS
was be AUX 5 aux:pass
presented present VERB 0 root
by by ADP 7 case
Washington Washington PROPN 5 obl:agent GPE USA`, "presented", "1124", "USA", "RUS", dateline.StatusHappened},
		{"saying what one will do is an intent (030 + 0841 = 0352)", `
Israel Israel PROPN 2 nsubj GPE ISR
announced announce VERB 0 root
it it PRON 5 nsubj PRON ISR
would would AUX 5 aux
free free ADJ 2 ccomp
Palestinian Palestinian ADJ 7 amod NORP PSE
prisoners prisoner NOUN 5 obj`, "free", "035", "ISR", "PSE", dateline.StatusHappened},
		{"a passive participle's noun is what it happened to", `
Russian Russian ADJ 2 amod NORP RUS
soldiers soldier NOUN 0 root
attacked attack VERB/VBN 2 acl
by by ADP 5 case
Ukraine Ukraine PROPN 3 obl:agent GPE UKR`, "attacked", "19", "UKR", "RUS", dateline.StatusHappened},
		{"event noun with possessor", `
Moscow’s Moscow PROPN 2 nmod:poss GPE RUS
war war NOUN 0 root
against against ADP 4 case
Ukraine Ukraine PROPN 2 nmod GPE UKR`, "war", "190", "RUS", "UKR", dateline.StatusOngoing},
		{"a retraction in an apposition the parse reads as a conjunct noun", `
Ruritania Ruritania PROPN 2 nsubj GPE RUR
called call VERB 0 root
Zenda Zenda PROPN 2 obj GPE ZEN
a a DET 5 det
dictator dictator NOUN 3 appos
, , PUNCT 8 punct
a a DET 8 det
remark remark NOUN 5 conj
she she PRON 11 nsubj
later later ADV 11 advmod
retracted retract VERB 8 acl:relcl`, "called", "111", "RUR", "ZEN", dateline.StatusRetracted},
		{"a retraction in a conjoined clause is that clause's", `
Ruritania Ruritania PROPN 2 nsubj GPE RUR
accused accuse VERB 0 root
Zenda Zenda PROPN 2 obj GPE ZEN
and and CCONJ 5 cc
called call VERB 2 conj
Zenda Zenda PROPN 5 obj GPE ZEN
a a DET 8 det
dictator dictator NOUN 5 xcomp
, , PUNCT 10 punct
remarks remark NOUN 8 appos
she she PRON 13 nsubj
later later ADV 13 advmod
retracted retract VERB 10 acl:relcl`, "accused", "112", "RUR", "ZEN", dateline.StatusHappened},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := parsed(t, tc.rows)
			if err := coder(t).Run(context.Background(), doc); err != nil {
				t.Fatal(err)
			}
			checkEvents(t, doc)
			for _, e := range doc.Events {
				if e.Trigger.In(doc.Text) != tc.trigger {
					continue
				}
				line := eventLine(doc, e)
				if !strings.HasPrefix(e.Code, tc.code) || !hasCode(e.Source, tc.src) || !hasCode(e.Target, tc.tgt) || e.Status != tc.status {
					t.Errorf("got %s; want %s… %s -> %s [%s]", line, tc.code, tc.src, tc.tgt, tc.status)
				}
				if e.Time != -1 || e.TimeValue != "" {
					t.Errorf("no publication date: time %d %q", e.Time, e.TimeValue)
				}
				return
			}
			var lines []string
			for _, e := range doc.Events {
				lines = append(lines, eventLine(doc, e))
			}
			t.Errorf("no event on %q: %v", tc.trigger, lines)
		})
	}
}

// TestListAndPhrase: a list member the parse took for a trailing compound
// is a conjunct (every pair of a compound subject meets), and a non-finite
// clause under a coded event is no event of its own.
func TestListAndPhrase(t *testing.T) {
	doc := parsed(t, `
the the DET 2 det
US US PROPN 8 nsubj GPE USA
, , PUNCT 4 punct
Russia Russia PROPN 2 compound GPE RUS
, , PUNCT 8 punct
and and CCONJ 8 cc
Switzerland Switzerland PROPN 8 nsubj GPE CHE
met meet VERB 0 root`)
	if err := coder(t).Run(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	checkEvents(t, doc)
	pairs := map[string]bool{}
	for _, e := range doc.Events {
		if len(e.Source) == 1 && len(e.Target) == 1 {
			pairs[e.Source[0].Code+">"+e.Target[0].Code] = true
		}
	}
	if len(pairs) != 6 {
		t.Errorf("met: %d ordered pairs %v, want 6", len(pairs), pairs)
	}

	doc = parsed(t, `
Washington Washington PROPN 2 nsubj GPE USA
attacked attack VERB 0 root
Iraq Iraq PROPN 2 obj GPE IRQ
, , PUNCT 5 punct
expanding expand VERB/VBG 2 advcl
its its PRON 7 nmod:poss PRON USA
cooperation cooperation NOUN 5 obj
with with ADP 9 case
Syria Syria PROPN 7 nmod GPE SYR`)
	if err := coder(t).Run(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	for _, e := range doc.Events {
		if e.Trigger.In(doc.Text) == "expanding" {
			t.Errorf("a participial adjunct coded as an event: %s", eventLine(doc, e))
		}
	}
}

func TestNoParse(t *testing.T) {
	doc := parsed(t, "Chad Chad PROPN 2 nsubj GPE TCD\nattacked attack VERB 0 root")
	for i := range doc.Tokens {
		doc.Tokens[i].Head, doc.Tokens[i].Dep = -1, ""
	}
	if err := coder(t).Run(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Events) != 0 || len(doc.Diags) != 1 || doc.Diags[0].Pass != event.Name {
		t.Errorf("events %v diags %v", doc.Events, doc.Diags)
	}
	// Nothing at all: no sentences.
	empty := &dateline.Document{Text: "x"}
	if err := coder(t).Run(context.Background(), empty); err != nil || len(empty.Events) != 0 {
		t.Errorf("empty document: %v %v", err, empty.Events)
	}
}

// TestBrokenLayers: indexes and heads out of range never panic.
func TestBrokenLayers(t *testing.T) {
	doc := parsed(t, "Chad Chad PROPN 2 nsubj GPE TCD\nattacked attack VERB 0 root\nSudan Sudan PROPN 2 obj GPE SDN")
	doc.Tokens[0].Head = 99
	doc.Mentions[0].Actor = 42
	doc.Mentions = append(doc.Mentions, dateline.Mention{Span: dateline.Span{Start: 500, End: 600}, Type: "GPE", Actor: -1})
	doc.Sentences = append(doc.Sentences, dateline.Sentence{Span: dateline.Span{Start: 0, End: 3}, Tokens: [2]int32{2, 99}})
	if err := coder(t).Run(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
}

func FuzzCoder(f *testing.F) {
	f.Add("Chad attacked Sudan", uint8(1), uint8(0), uint64(0))
	f.Add("Moscow’s war against “Ukraine”", uint8(0), uint8(2), uint64(0))
	f.Add("a court has issued warrants for Brazil , officials said", uint8(9), uint8(1), uint64(0x5a3c96e1d2b4f087))
	f.Fuzz(func(t *testing.T, text string, root, shift uint8, tags uint64) {
		words := strings.Fields(text)
		if len(words) == 0 || len(words) > 64 {
			return
		}
		// tags picks each token's tag and relation (three bits each, in
		// turn), so that the repairs and clause rules meet odd parses.
		upostags := [...]string{"NOUN", "VERB/VBN", "AUX", "ADJ", "PROPN", "PRON", "VERB/VBG", "VERB/VB"}
		deps := [...]string{"obj", "nsubj", "nsubj:pass", "amod", "acl", "xcomp", "ccomp", "compound", "conj", "aux", "obl", "nmod", "advcl", "obl:agent", "case", "flat"}
		var rows []string
		for i, w := range words {
			head := (i + int(shift)) % (len(words) + 1)
			dep, upos := "obj", "NOUN"
			if tags != 0 {
				r := tags >> (uint(i*7) % 57)
				upos, dep = upostags[r&7], deps[(r>>3)&15]
			}
			if i == int(root)%len(words) {
				head, dep, upos = 0, "root", "VERB"
			}
			if head == 0 && dep != "root" {
				dep = "root"
			}
			row := w + " " + strings.ToLower(w) + " " + upos + " " + strconv.Itoa(head) + " " + dep
			if i%3 == 0 {
				row += " GPE X" + strconv.Itoa(i)
			}
			rows = append(rows, row)
		}
		doc := parsed(t, strings.Join(rows, "\n"))
		if err := coder(t).Run(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		checkEvents(t, doc)
	})
}
