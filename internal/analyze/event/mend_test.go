package event_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/dateline-news/dateline"
)

// TestParseShapes codes each sentence of our own from two hand-built
// trees: the shape one parser gives and the shape another gives (a
// greedy and a beam parser disagree most on coordination, on a verb read
// as a modifier and on the root of a list). Both must give the same
// events.
func TestParseShapes(t *testing.T) {
	for _, tc := range []struct {
		name   string
		shapes []string // hand parses of one sentence
		want   []string // "trigger code src tgt status", all of them, sorted
	}{
		{"a list subject, or a list rooted at its first member", []string{`
the the DET 2 det
Ruritania Ruritania PROPN 8 nsubj GPE RUR
, , PUNCT 4 punct
Freedonia Freedonia PROPN 2 conj GPE FRE
, , PUNCT 7 punct
and and CCONJ 7 cc
Sylvania Sylvania PROPN 2 conj GPE SYL
met meet VERB 0 root`, `
the the DET 2 det
Ruritania Ruritania PROPN 0 root GPE RUR
, , PUNCT 4 punct
Freedonia Freedonia PROPN 2 conj GPE FRE
, , PUNCT 8 punct
and and CCONJ 8 cc
Sylvania Sylvania PROPN 8 nsubj GPE SYL
met meet VERB 2 conj`},
			[]string{
				"met 040 FRE RUR happened", "met 040 FRE SYL happened", "met 040 RUR FRE happened",
				"met 040 RUR SYL happened", "met 040 SYL FRE happened", "met 040 SYL RUR happened",
			}},
		{"a verb read as an adjective of its object, the auxiliary on the noun", []string{`
Ruritania Ruritania PROPN 2 nsubj GPE RUR
announced announce VERB 0 root
it it PRON 5 nsubj PRON RUR
would would AUX 5 aux
free free ADJ 2 ccomp
Freedonian Freedonian ADJ 7 amod NORP FRE
prisoners prisoner NOUN 5 obj`, `
Ruritania Ruritania PROPN 2 nsubj GPE RUR
announced announce VERB 0 root
it it PRON 7 nsubj PRON RUR
would would AUX 7 aux
free free ADJ 7 amod
Freedonian Freedonian ADJ 7 amod NORP FRE
prisoners prisoner NOUN 2 obl`},
			[]string{"free 0352 RUR FRE happened"}},
		{"the only verb read as a modifier of a nominal root", []string{`
the the DET 2 det
Freedonia Freedonia PROPN 3 nsubj GPE FRE
presented present VERB/VBD 0 root
evidence evidence NOUN 3 obj
against against ADP 6 case
Ruritania Ruritania PROPN 4 nmod GPE RUR`, `
the the DET 4 det
Freedonia Freedonia PROPN 3 compound GPE FRE
presented present VERB/VBN 4 amod
evidence evidence NOUN 0 root
against against ADP 6 case
Ruritania Ruritania PROPN 4 nmod GPE RUR`},
			[]string{"presented 1124 FRE RUR happened"}},
		{"a nominal root whose verb hangs from its subject", []string{`
the the DET 2 det
rebels rebel NOUN 5 nsubj
Ruritania Ruritania PROPN 2 appos GPE RUR
are be AUX 5 aux
attacking attack VERB 0 root
Freedonia Freedonia PROPN 5 obj GPE FRE`, `
the the DET 2 det
rebels rebel NOUN 6 nsubj
Ruritania Ruritania PROPN 5 nsubj GPE RUR
are be AUX 5 aux
attacking attack VERB/VBG 2 acl:relcl
Freedonia Freedonia PROPN 0 root GPE FRE`},
			[]string{"attacking 190 RUR FRE happened"}},
		{"a conjunct verb joins the verb whose form it repeats; a saying verb parsed as a clausal subject", []string{`
she she PRON 3 nsubj PRON RUR
had have AUX 3 aux
said say VERB/VBN 0 root
Freedonia Freedonia PROPN 7 nsubj GPE FRE
was be AUX 7 cop
to to PART 7 mark
blame blame VERB/VB 3 ccomp
, , PUNCT 11 punct
and and CCONJ 11 cc
had have AUX 11 aux
called call VERB/VBN 3 conj
Sylvania Sylvania PROPN 11 obj GPE SYL
a a DET 15 det
“ " PUNCT 15 punct
tyrant tyrant NOUN 11 xcomp
” " PUNCT 15 punct`, `
she she PRON 3 nsubj PRON RUR
had have AUX 3 aux
said say VERB/VBN 0 root
Freedonia Freedonia PROPN 7 nsubj GPE FRE
was be AUX 7 cop
to to PART 7 mark
blame blame VERB/VB 3 ccomp
, , PUNCT 11 punct
and and CCONJ 11 cc
had have AUX 11 aux
called call VERB/VBN 7 conj
Sylvania Sylvania PROPN 11 xcomp GPE SYL
a a DET 15 det
“ " PUNCT 15 punct
tyrant tyrant NOUN 12 appos
” " PUNCT 15 punct`, `
she she PRON 3 nsubj PRON RUR
had have AUX 3 aux
said say VERB/VBN 7 nsubj:outer
Freedonia Freedonia PROPN 3 obj GPE FRE
was be AUX 7 cop
to to PART 7 mark
blame blame VERB/VB 0 root
, , PUNCT 11 punct
and and CCONJ 11 cc
had have AUX 11 aux
called call VERB/VBN 7 conj
Sylvania Sylvania PROPN 11 obj GPE SYL
a a DET 15 det
“ " PUNCT 15 punct
tyrant tyrant NOUN 11 xcomp
” " PUNCT 15 punct
. . PUNCT 7 punct`},
			[]string{"blame 112 RUR FRE happened", "called 111 RUR SYL happened"}},
		{"a participle under a clause with its own subject is that clause's", []string{`
talks talk NOUN 2 nsubj
set set VERB/VBZ 0 root
the the DET 4 det
stage stage NOUN 2 obj
for for ADP 7 case
diplomatic diplomatic ADJ 7 amod
efforts effort NOUN 4 nmod
as as SCONJ 10 mark
Ruritania Ruritania PROPN 10 nsubj GPE RUR
prepares prepare VERB/VBZ 2 advcl
to to PART 12 mark
travel travel VERB/VB 10 xcomp
to to ADP 14 case
Freedonia Freedonia PROPN 12 obl GPE FRE`, `
talks talk NOUN 2 nsubj
set set VERB/VBZ 0 root
the the DET 4 det
stage stage NOUN 2 obj
for for ADP 7 case
diplomatic diplomatic ADJ 7 amod
efforts effort NOUN 2 obl
as as SCONJ 10 mark
Ruritania Ruritania PROPN 10 nsubj GPE RUR
prepares prepare VERB/VBZ 2 advcl
to to PART 12 mark
travel travel VERB/VB 10 xcomp
to to ADP 14 case
Freedonia Freedonia PROPN 12 obl GPE FRE`},
			[]string{"travel 042 RUR FRE planned"}},
		{"held talks with X: both sides, whatever the with phrase hangs on", []string{`
Ruritania Ruritania PROPN 2 nsubj GPE RUR
held hold VERB 0 root
talks talk NOUN 2 obj
with with ADP 5 case
Freedonia Freedonia PROPN 2 obl GPE FRE`, `
Ruritania Ruritania PROPN 2 nsubj GPE RUR
held hold VERB 0 root
talks talk NOUN 2 obj
with with ADP 5 case
Freedonia Freedonia PROPN 3 nmod GPE FRE`},
			[]string{"held 046 FRE RUR happened", "held 046 RUR FRE happened"}},
		{"a place phrase on the verb or on its oblique's noun", []string{`
Ruritania Ruritania PROPN 2 nsubj GPE RUR
appealed appeal VERB 0 root
for for ADP 4 case
peace peace NOUN 2 obl
in in ADP 6 case
Freedonia Freedonia PROPN 2 obl GPE FRE`, `
Ruritania Ruritania PROPN 2 nsubj GPE RUR
appealed appeal VERB 0 root
for for ADP 4 case
peace peace NOUN 2 obl
in in ADP 6 case
Freedonia Freedonia PROPN 4 nmod GPE FRE`},
			[]string{"appealed 027 RUR FRE happened"}},
		{"a participle's agent, as an oblique or an agent", []string{`
Ruritania Ruritania PROPN 2 nsubj GPE RUR
welcomed welcome VERB 0 root
memos memo NOUN 2 obj
sent send VERB/VBN 3 acl
by by ADP 6 case
Freedonia Freedonia PROPN 4 obl GPE FRE`, `
Ruritania Ruritania PROPN 2 nsubj GPE RUR
welcomed welcome VERB 0 root
memos memo NOUN 2 obj
sent send VERB/VBN 3 acl
by by ADP 6 case
Freedonia Freedonia PROPN 4 obl:agent GPE FRE`},
			[]string{"welcomed 051 RUR FRE happened"}},
		{"a title before a name, heading it or heading the title", []string{`
Ruritanian Ruritanian PROPN 3 compound NORP RUR
President President PROPN 3 nmod:desc
Rex Rex PROPN 4 nsubj PERSON RURGOV
attacked attack VERB 0 root
Freedonia Freedonia PROPN 4 obj GPE FRE`, `
Ruritanian Ruritanian PROPN 2 compound NORP RUR
President President PROPN 4 nsubj
Rex Rex PROPN 2 flat PERSON RURGOV
attacked attack VERB 0 root
Freedonia Freedonia PROPN 4 obj GPE FRE`},
			[]string{"attacked 190 RURGOV FRE happened"}},
		{"a relative clause, or a finite verb read as a modifier", []string{`
Freedonian Freedonian ADJ 2 amod NORP FRE
allies ally NOUN 11 nsubj
, , PUNCT 6 punct
who who PRON 6 nsubj
have have AUX 6 aux
provided provide VERB/VBN 2 acl:relcl
military military ADJ 8 amod
support support NOUN 6 obj
to to ADP 10 case
Ruritania Ruritania PROPN 8 nmod GPE RUR
watched watch VERB/VBD 0 root`, `
Freedonian Freedonian ADJ 2 amod NORP FRE
allies ally NOUN 11 nsubj
, , PUNCT 6 punct
who who PRON 6 nsubj
have have AUX 6 aux
provided provide VERB/VBN 2 amod
military military ADJ 8 amod
support support NOUN 6 obj
to to ADP 10 case
Ruritania Ruritania PROPN 8 nmod GPE RUR
watched watch VERB/VBD 0 root`, `
Freedonian Freedonian ADJ 2 amod NORP FRE
allies ally NOUN 11 nsubj
, , PUNCT 6 punct
who who PRON 6 nsubj
have have AUX 6 aux
provided provide VERB/VBN 2 conj
military military ADJ 8 amod
support support NOUN 6 obj
to to ADP 10 case
Ruritania Ruritania PROPN 8 nmod GPE RUR
watched watch VERB/VBD 0 root`},
			[]string{"support 072 FRE RUR happened"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for si, rows := range tc.shapes {
				doc := parsed(t, rows)
				if err := coder(t).Run(context.Background(), doc); err != nil {
					t.Fatal(err)
				}
				checkEvents(t, doc)
				var got []string
				for _, e := range doc.Events {
					got = append(got, shapeLine(doc, e))
				}
				slices.Sort(got)
				if !slices.Equal(got, tc.want) {
					t.Errorf("shape %d:\n got %q\nwant %q", si, got, tc.want)
				}
			}
		})
	}
}

// shapeLine renders an event as "trigger code src tgt status" with the
// actors' codes.
func shapeLine(doc *dateline.Document, e dateline.Event) string {
	codes := func(as []dateline.EventActor) string {
		var s []string
		for _, a := range as {
			s = append(s, a.Code)
		}
		return strings.Join(s, "+")
	}
	return strings.Join([]string{e.Trigger.In(doc.Text), e.Code, codes(e.Source), codes(e.Target), e.Status}, " ")
}

// TestParseShapesKept: trees the mends must leave alone — a participle
// that is an adjective, a copula's predicate nominal, a dateline heading
// before the sentence.
func TestParseShapesKept(t *testing.T) {
	for _, tc := range []struct {
		name, rows string
		want       []string
	}{
		{"a past form as an adjective under an object", `
Ruritania Ruritania PROPN 2 nsubj GPE RUR
attacked attack VERB/VBD 0 root
continued continue VERB/VBD 4 amod
positions position NOUN 2 obj
of of ADP 6 case
Freedonia Freedonia PROPN 4 nmod GPE FRE`, []string{"attacked 193 RUR FRE happened"}},
		{"a copula's nominal with an adjective", `
Ruritania Ruritania PROPN 5 nsubj GPE RUR
would would AUX 5 aux
be be AUX 5 cop
a a DET 5 det
free free ADJ 5 amod
country country NOUN 0 root`, nil},
		{"a heading root with a clause after a colon", `
Ruritania Ruritania PROPN 0 root GPE RUR
: : PUNCT 5 punct
troops troop NOUN 5 nsubj:pass
were be AUX 5 aux:pass
attacked attack VERB/VBN 1 conj
by by ADP 7 case
Freedonia Freedonia PROPN 5 obl:agent GPE FRE`, []string{"attacked 190 FRE  happened"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := parsed(t, tc.rows)
			if err := coder(t).Run(context.Background(), doc); err != nil {
				t.Fatal(err)
			}
			checkEvents(t, doc)
			var got []string
			for _, e := range doc.Events {
				got = append(got, shapeLine(doc, e))
			}
			slices.Sort(got)
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// FuzzMend feeds the mends odd trees: nominal roots with verb conjuncts,
// modifiers with auxiliaries on their nouns, relative clauses on subjects,
// conjuncts inside complements, heads in cycles.
func FuzzMend(f *testing.F) {
	f.Add("the US Russia and Switzerland met", uint8(1), uint8(3), uint64(0x9e3779b97f4a7c15))
	f.Add("it would free Freedonian prisoners", uint8(4), uint8(1), uint64(0x243f6a8885a308d3))
	f.Add("she had said X was to blame and had called Y a tyrant", uint8(2), uint8(5), uint64(0xb7e151628aed2a6a))
	f.Fuzz(func(t *testing.T, text string, root, shift uint8, tags uint64) {
		words := strings.Fields(text)
		if len(words) == 0 || len(words) > 48 {
			return
		}
		upostags := [...]string{"NOUN", "VERB/VBD", "AUX", "ADJ", "PROPN", "PRON", "VERB/VBN", "VERB/VBG"}
		deps := [...]string{"conj", "nsubj", "nsubj:pass", "amod", "acl:relcl", "aux", "cop", "obj", "obl", "nmod", "ccomp", "xcomp", "flat", "compound", "case", "mark"}
		var rows []string
		for i, w := range words {
			r := tags >> (uint(i*7) % 57)
			head := (i + int(shift) + int(r>>7&3)) % (len(words) + 1)
			upos, dep := upostags[r&7], deps[(r>>3)&15]
			if i == int(root)%len(words) {
				head, dep = 0, "root"
			}
			if head == 0 && dep != "root" {
				dep = "root"
			}
			row := w + " " + strings.ToLower(w) + " " + upos + " " + strconv.Itoa(head) + " " + dep
			if i%2 == 0 {
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
