package quote

import (
	"testing"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/handparse"
)

// handParsed builds a one-sentence view from a hand-written parse (the
// rows of handparse.Doc).
func handParsed(t *testing.T, rows string) *view {
	t.Helper()
	doc, err := handparse.Doc(rows)
	if err != nil {
		t.Fatal(err)
	}
	return newView(doc, parseLexicon(cueData), nil, nil)
}

// TestSubjectShapes: the source the parse gives a cue is the same on the
// tree shapes two parsers give one sentence of our own.
func TestSubjectShapes(t *testing.T) {
	for _, tc := range []struct {
		name   string
		cue    string
		want   string
		shapes []string
	}{
		{"a conjunct cue repeating the form of the cue above its head's clause", "called", "She", []string{`
She she PRON/PRP 3 nsubj
had have AUX/VBD 3 aux
implied imply VERB/VBN 0 root
Ruritania Ruritania PROPN/NNP 7 nsubj
was be AUX/VBD 7 cop
to to PART/TO 7 mark
blame blame VERB/VB 3 ccomp
and and CCONJ/CC 10 cc
had have AUX/VBD 10 aux
called call VERB/VBN 3 conj
him he PRON/PRP 10 obj
a a DET/DT 13 det
tyrant tyrant NOUN/NN 10 xcomp`, `
She she PRON/PRP 3 nsubj
had have AUX/VBD 3 aux
implied imply VERB/VBN 0 root
Ruritania Ruritania PROPN/NNP 7 nsubj
was be AUX/VBD 7 cop
to to PART/TO 7 mark
blame blame VERB/VB 3 ccomp
and and CCONJ/CC 10 cc
had have AUX/VBD 10 aux
called call VERB/VBN 7 conj
him he PRON/PRP 10 obj
a a DET/DT 13 det
tyrant tyrant NOUN/NN 11 appos`}},
		{"a participle opening the sentence, as an adverbial or a clausal subject", "Claiming", "the mayor", []string{`
Claiming claim VERB/VBG 6 advcl
fraud fraud NOUN/NN 1 obj
, , PUNCT/, 1 punct
the the DET/DT 5 det
mayor mayor NOUN/NN 6 nsubj
demanded demand VERB/VBD 0 root
a a DET/DT 8 det
recount recount NOUN/NN 6 obj`, `
Claiming claim VERB/VBG 6 csubj
fraud fraud NOUN/NN 1 obj
, , PUNCT/, 1 punct
the the DET/DT 5 det
mayor mayor NOUN/NN 6 nsubj
demanded demand VERB/VBD 0 root
a a DET/DT 8 det
recount recount NOUN/NN 6 obj`}},
		{"a participle after a comma, as an adverbial or a noun's modifier", "answering", "Lee", []string{`
Lee Lee PROPN/NNP 2 nsubj
spoke speak VERB/VBD 0 root
for for ADP/IN 5 case
an a DET/DT 5 det
hour hour NOUN/NN 2 obl
, , PUNCT/, 7 punct
answering answer VERB/VBG 2 advcl
questions question NOUN/NNS 7 obj`, `
Lee Lee PROPN/NNP 2 nsubj
spoke speak VERB/VBD 0 root
for for ADP/IN 5 case
an a DET/DT 5 det
hour hour NOUN/NN 2 obl
, , PUNCT/, 7 punct
answering answer VERB/VBG 5 acl
questions question NOUN/NNS 7 obj`}},
		{"a participle after a quotation closed by a comma", "adding", "Lee", []string{`
Lee Lee PROPN/NNP 2 nsubj
said say VERB/VBD 0 root
: : PUNCT/: 6 punct
“ " PUNCT/` + "``" + ` 6 punct
prices price NOUN/NNS 6 nsubj
rose rise VERB/VBD 2 parataxis
, , PUNCT/, 6 punct
” " PUNCT/'' 6 punct
adding add VERB/VBG 2 advcl
that that SCONJ/IN 12 mark
wages wage NOUN/NNS 12 nsubj
fell fall VERB/VBD 9 ccomp`, `
Lee Lee PROPN/NNP 2 nsubj
said say VERB/VBD 0 root
: : PUNCT/: 6 punct
“ " PUNCT/` + "``" + ` 6 punct
prices price NOUN/NNS 6 nsubj
rose rise VERB/VBD 2 parataxis
, , PUNCT/, 6 punct
” " PUNCT/'' 6 punct
adding add VERB/VBG 6 advcl
that that SCONJ/IN 12 mark
wages wage NOUN/NNS 12 nsubj
fell fall VERB/VBD 9 ccomp`}},
		{"a participle right after a noun, whichever noun it hangs on", "saying", "Lee", []string{`
footage footage NOUN/NN 0 root
of of ADP/IN 4 mark
Lee Lee PROPN/NNP 4 nsubj
saying say VERB/VBG 1 acl
prices price NOUN/NNS 6 nsubj
rose rise VERB/VBD 4 ccomp`, `
footage footage NOUN/NN 0 root
of of ADP/IN 3 case
Lee Lee PROPN/NNP 1 nmod
saying say VERB/VBG 1 acl
prices price NOUN/NNS 6 nsubj
rose rise VERB/VBD 4 ccomp`}},
		{"a subject before a participle set off by commas", "said", "Lee", []string{`
Lee Lee PROPN/NNP 6 nsubj
, , PUNCT/, 3 punct
speaking speak VERB/VBG 6 advcl
to to ADP/IN 5 case
veterans veteran NOUN/NNS 3 obl
said say VERB/VBD 0 root
prices price NOUN/NNS 8 nsubj
rose rise VERB/VBD 6 ccomp`, `
Lee Lee PROPN/NNP 3 vocative
, , PUNCT/, 1 punct
speaking speak VERB/VBG 6 advcl
to to ADP/IN 5 case
veterans veteran NOUN/NNS 3 obl
said say VERB/VBD 0 root
prices price NOUN/NNS 8 nsubj
rose rise VERB/VBD 6 ccomp`, `
Lee Lee PROPN/NNP 6 dislocated
, , PUNCT/, 3 punct
speaking speak VERB/VBG 6 advcl
to to ADP/IN 5 case
veterans veteran NOUN/NNS 3 obl
said say VERB/VBD 0 root
prices price NOUN/NNS 8 nsubj
rose rise VERB/VBD 6 ccomp`}},
		{"according to is no participle", "According", "", []string{`
According accord VERB/VBG 3 case
to to ADP/IN 1 fixed
officials official NOUN/NNS 6 obl
, , PUNCT/, 3 punct
prices price NOUN/NNS 6 nsubj
rose rise VERB/VBD 0 root`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for si, rows := range tc.shapes {
				v := handParsed(t, rows)
				c := -1
				for i := range v.n {
					if v.doc.Tokens[i].In(v.doc.Text) == tc.cue {
						c = i
					}
				}
				if got := parsedSubject(v, c).In(v.doc.Text); got != tc.want {
					t.Errorf("shape %d: subject of %q = %q, want %q", si, tc.cue, got, tc.want)
				}
			}
		})
	}
}

// TestContractedHas: "he’s sought" is no passive when the parse reads the
// contraction as "has"; "it’s expected" is one.
func TestContractedHas(t *testing.T) {
	for _, tc := range []struct {
		rows string
		want bool
	}{
		{`
he he PRON/PRP 3 nsubj
’s be AUX/VBZ 3 aux
sought seek VERB/VBN 0 root`, false},
		{`
it it PRON/PRP 3 nsubj:pass
’s be AUX/VBZ 3 aux:pass
expected expect VERB/VBN 0 root`, true},
	} {
		v := handParsed(t, tc.rows)
		if got := sourceless(v, 2, 2); got != tc.want {
			t.Errorf("%s: sourceless %v, want %v", v.doc.Text, got, tc.want)
		}
	}
}

// TestContentIsSubject: a piece labelled content that is only the subject
// of a cue after it is that cue's source.
func TestContentIsSubject(t *testing.T) {
	v := handParsed(t, `
Lee Lee PROPN/NNP 6 nsubj
, , PUNCT/, 3 punct
speaking speak VERB/VBG 6 advcl
to to ADP/IN 5 case
veterans veteran NOUN/NNS 3 obl
said say VERB/VBD 0 root
prices price NOUN/NNS 8 nsubj
rose rise VERB/VBD 6 ccomp`)
	ps := []piece{{role: 3, first: 0, last: 0}, {role: 2, first: 5, last: 5}, {role: 3, first: 6, last: 7}}
	atts := pair(v, ps)
	if len(atts) != 1 || atts[0].Source.In(v.doc.Text) != "Lee" || len(atts[0].Content) != 1 || atts[0].Content[0].In(v.doc.Text) != "prices rose" {
		for _, a := range atts {
			t.Logf("source %q cue %q content %v", a.Source.In(v.doc.Text), a.Cue.In(v.doc.Text), a.Content)
		}
		t.Errorf("want one attribution: Lee said prices rose")
	}
}

// TestCutConjoined: a content ends before a conjoined clause whose cue
// repeats the form of its own cue, and loses its fragments after it.
func TestCutConjoined(t *testing.T) {
	v := handParsed(t, `
He he PRON/PRP 3 nsubj
had have AUX/VBD 3 aux
implied imply VERB/VBN 0 root
Lee Lee PROPN/NNP 7 nsubj
was be AUX/VBD 7 cop
to to PART/TO 7 mark
blame blame VERB/VB 3 ccomp
, , PUNCT/, 11 punct
and and CCONJ/CC 11 cc
had have AUX/VBD 11 aux
called call VERB/VBN 7 conj
him he PRON/PRP 11 obj
a a DET/DT 14 det
tyrant tyrant NOUN/NN 11 xcomp
( ( PUNCT/-LRB- 17 punct
a a DET/DT 17 det
statement statement NOUN/NN 14 appos
) ) PUNCT/-RRB- 17 punct`)
	tok := func(i int) dateline.Span { return v.doc.Tokens[i].Span }
	atts := []Attribution{
		{Cue: tok(2), Content: []dateline.Span{{Start: tok(3).Start, End: tok(13).End}, {Start: tok(15).Start, End: tok(16).End}}},
		{Cue: tok(10), Content: []dateline.Span{tok(13)}},
	}
	cutConjoined(v, atts)
	if len(atts[0].Content) != 1 || atts[0].Content[0].In(v.doc.Text) != "Lee was to blame" {
		t.Errorf("implied: content %v, want only %q", atts[0].Content, "Lee was to blame")
	}
	if len(atts[1].Content) != 1 || atts[1].Content[0].In(v.doc.Text) != "tyrant" {
		t.Errorf("called: content %v changed", atts[1].Content)
	}
}

// TestAccordingToPiece: a cue piece running past "according to" is cut
// there, and what follows is its source.
func TestAccordingToPiece(t *testing.T) {
	v := handParsed(t, `
According accord VERB/VBG 5 case
to to ADP/IN 1 fixed
a a DET/DT 5 det
new new ADJ/JJ 5 amod
report report NOUN/NN 9 obl
, , PUNCT/, 5 punct
prices price NOUN/NNS 9 nsubj
had have AUX/VBD 9 aux
risen rise VERB/VBN 0 root`)
	atts := pair(v, []piece{{role: 2, first: 0, last: 4}, {role: 3, first: 6, last: 8}})
	if len(atts) != 1 || atts[0].Cue.In(v.doc.Text) != "According to" || atts[0].Source.In(v.doc.Text) != "a new report" {
		for _, a := range atts {
			t.Logf("source %q cue %q", a.Source.In(v.doc.Text), a.Cue.In(v.doc.Text))
		}
		t.Error("want cue “According to”, source “a new report”")
	}
}
