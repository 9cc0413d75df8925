package quote

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dateline-news/dateline"
)

// TestPairSources checks how pair gives sources to cues: through the parse
// first, then by distance, and a participle continuing the attribution
// before it. Each case gives the text, the tokens' tags and arcs
// ("word XPOS dep>head"; head a token index, -1 for the root; "" for an
// unparsed token), the labelled pieces ("role:first-last") and the
// expected "cue=source" pairs.
func TestPairSources(t *testing.T) {
	for _, tc := range []struct {
		name   string
		text   string
		arcs   []string
		pieces []string
		want   []string
	}{
		{
			name: "relative clause between subject and cue",
			text: "Sen. Ann Lee, who backs Ruiz, said no.",
			arcs: []string{"Sen. NNP compound>2", "Ann NNP compound>2", "Lee NNP nsubj>8", ", , punct>4", "who WP nsubj>5",
				"backs VBZ acl:relcl>2", "Ruiz NNP obj>5", ", , punct>2", "said VBD root>-1", "no UH obj>8", ". . punct>8"},
			pieces: []string{"src:0-2", "src:4-4", "cue:5-5", "cue:8-8"},
			want:   []string{"backs=who", "said=Sen. Ann Lee"},
		},
		{
			name: "participle after a comma",
			text: "“We won,” she said, adding that the count was close.",
			arcs: []string{"“ `` punct>4", "We PRP nsubj>2", "won VBD ccomp>7", ", , punct>2", "” '' punct>2", "she PRP nsubj>7",
				"said VBD root>-1", ", , punct>7", "adding VBG punct>13"},
			pieces: []string{"con:0-4", "src:5-5", "cue:6-6", "cue:8-8"},
			want:   []string{"said=she", "adding=she"},
		},
		{
			name: "participle of a clause with its own subject",
			text: "Reyes said the count was close, adding nothing.",
			arcs: []string{"Reyes NNP nsubj>1", "said VBD root>-1", "the DT det>3", "count NN nsubj>5", "was VBD cop>5",
				"close JJ ccomp>1", ", , punct>7", "adding VBG advcl>1", "nothing NN obj>7", ". . punct>1"},
			pieces: []string{"src:0-0", "cue:1-1", "cue:7-7"},
			want:   []string{"said=Reyes", "adding=Reyes"},
		},
		{
			name: "no source after a content",
			text: "He had called Ruiz a “fraud” (a claim he denied).",
			arcs: []string{"He PRP nsubj>2", "had VBD aux>2", "called VBN root>-1", "Ruiz NNP obj>2", "a DT det>6", "“ `` punct>6",
				"fraud NN xcomp>2", "” '' punct>6", "( -LRB- punct>10", "a DT det>10", "claim NN appos>6"},
			pieces: []string{"cue:1-2", "con:3-7", "src:9-10"},
			want:   []string{"had called=He"},
		},
		{
			name: "passive without an agent",
			text: "Mr. Lee is expected to endorse Ruiz.",
			arcs: []string{"Mr. NNP compound>1", "Lee NNP nsubj:pass>3", "is VBZ aux:pass>3", "expected VBN root>-1", "to TO mark>5",
				"endorse VB xcomp>3", "Ruiz NNP obj>5", ". . punct>3"},
			pieces: []string{"src:0-1", "cue:2-3", "con:4-6"},
			want:   []string{"is expected="},
		},
		{
			name: "raising verb",
			text: "Ms. Ortiz seems ready to run.",
			arcs: []string{"Ms. NNP compound>1", "Ortiz NNP nsubj>2", "seems VBZ root>-1", "ready JJ xcomp>2", "to TO mark>5",
				"run VB xcomp>3", ". . punct>2"},
			pieces: []string{"cue:2-2", "con:3-5"},
			want:   []string{"seems="},
		},
		{
			name: "passive with an agent",
			text: "The plan was rejected by voters.",
			arcs: []string{"The DT det>1", "plan NN nsubj:pass>3", "was VBD aux:pass>3", "rejected VBN root>-1", "by IN case>5",
				"voters NNS obl:agent>3", ". . punct>3"},
			pieces: []string{"con:0-1", "cue:2-4", "src:5-5"},
			want:   []string{"was rejected by=voters"},
		},
		{
			name: "agent of a passive cue",
			text: "The plan was rejected on Monday by the council.",
			arcs: []string{"The DT det>1", "plan NN nsubj:pass>3", "was VBD aux:pass>3", "rejected VBN root>-1", "on IN case>5",
				"Monday NNP obl>3", "by IN case>8", "the DT det>8", "council NN obl:agent>3", ". . punct>3"},
			pieces: []string{"con:0-1", "cue:2-3"},
			want:   []string{"was rejected=the council"},
		},
		{
			name: "agent rather than subject of a passive cue",
			text: "The plan was rejected on Monday by the council.",
			arcs: []string{"The DT det>1", "plan NN nsubj:pass>3", "was VBD aux:pass>3", "rejected VBN root>-1", "on IN case>5",
				"Monday NNP obl>3", "by IN case>8", "the DT det>8", "council NN obl:agent>3", ". . punct>3"},
			pieces: []string{"src:0-1", "cue:2-3"},
			want:   []string{"was rejected=the council"},
		},
		{
			name: "subject cut out of a content",
			text: "“We won,” said Ms. Gil, with pride.",
			arcs: []string{"“ `` punct>2", "We PRP nsubj>2", "won VBD ccomp>5", ", , punct>2", "” '' punct>2", "said VBD root>-1",
				"Ms. NNP compound>7", "Gil NNP nsubj>5", ", , punct>10", "with IN case>10", "pride NN obl>5", ". . punct>5"},
			pieces: []string{"con:0-4", "cue:5-5", "con:6-10"},
			want:   []string{"said=Ms. Gil"},
		},
		{
			name: "fronted participle with a mark takes the main clause's subject",
			text: "While saying no, Mr. Ruiz left.",
			arcs: []string{"While IN mark>1", "saying VBG advcl>6", "no UH obj>1", ", , punct>1", "Mr. NNP compound>5", "Ruiz NNP nsubj>6",
				"left VBD root>-1", ". . punct>6"},
			pieces: []string{"cue:1-1", "con:2-2"},
			want:   []string{"saying=Mr. Ruiz"},
		},
		{
			name: "finite clause with a mark keeps no subject of the main clause",
			text: "Because had said no, Mr. Ruiz left.",
			arcs: []string{"Because IN mark>2", "had VBD aux>2", "said VBN advcl>7", "no UH obj>2", ", , punct>2", "Mr. NNP compound>6",
				"Ruiz NNP nsubj>7", "left VBD root>-1", ". . punct>7"},
			pieces: []string{"cue:1-2", "con:3-3"},
			want:   []string{"had said="},
		},
		{
			name: "object control",
			text: "The loss led Ms. Gil to announce a run.",
			arcs: []string{"The DT det>1", "loss NN nsubj>2", "led VBD root>-1", "Ms. NNP compound>4", "Gil NNP obj>2", "to TO mark>6",
				"announce VB xcomp>2", "a DT det>8", "run NN obj>6", ". . punct>2"},
			pieces: []string{"cue:5-6", "con:7-8"},
			want:   []string{"to announce=Ms. Gil"},
		},
		{
			name: "source before the cue that the parse misses",
			text: "The count was close, veteran aides said.",
			arcs: []string{"The DT det>1", "count NN nsubj>3", "was VBD cop>3", "close JJ ccomp>7", ", , punct>3", "veteran JJ amod>6",
				"aides NNS xcomp>3", "said VBD root>-1", ". . punct>7"},
			pieces: []string{"con:0-6", "cue:7-7"},
			want:   []string{"said=veteran aides"},
		},
		{
			name: "source after a cue that follows a quotation",
			text: "“We won,” says a source.",
			arcs: []string{"“ `` punct>2", "We PRP nsubj>2", "won VBD ccomp>5", ", , punct>2", "” '' punct>2", "says VBZ root>-1",
				"a DT det>7", "source NN obj>5", ". . punct>5"},
			pieces: []string{"con:0-4", "cue:5-5"},
			want:   []string{"says=a source"},
		},
		{
			name: "a participle after a comma does not take its content's subject",
			text: "Lee left, saying it was over.",
			arcs: []string{"Lee NNP nsubj>1", "left VBD root>-1", ", , punct>3", "saying VBG advcl>1", "it PRP nsubj>6", "was VBD cop>6",
				"over RB ccomp>3", ". . punct>1"},
			pieces: []string{"cue:3-3", "con:4-6"},
			want:   []string{"saying=Lee"},
		},
		{
			name: "the closest source and cue pair first",
			text: "Aides backed Lee, a poll shows.",
			arcs: []string{"Aides NNS nsubj>1", "backed VBD ccomp>6", "Lee NNP obj>1", ", , punct>1", "a DT det>5", "poll NN obj>1",
				"shows VBZ root>-1", ". . punct>6"},
			pieces: []string{"src:0-0", "con:1-2", "src:4-5", "cue:6-6"},
			want:   []string{"shows=a poll"},
		},
		{
			name: "a source next to its cue wins over a misparsed subject",
			text: "The plan “is working,” Mr. Lee told reporters.",
			arcs: []string{"The DT det>1", "plan NN nsubj>9", "“ `` punct>4", "is VBZ aux>4", "working VBG ccomp>9", ", , punct>4",
				"” '' punct>4", "Mr. NNP compound>8", "Lee NNP appos>1", "told VBD root>-1", "reporters NNS obj>9", ". . punct>9"},
			pieces: []string{"src:0-1", "con:2-6", "src:7-8", "cue:9-9"},
			want:   []string{"told=Mr. Lee"},
		},
		{
			name: "a participle does not take the subject of the clause before it as its own",
			text: "Lee met Ms. Gil, urging calm.",
			arcs: []string{"Lee NNP nsubj>1", "met VBD root>-1", "Ms. NNP compound>3", "Gil NNP obj>1", ", , punct>5", "urging VBG advcl>1",
				"calm NN obj>5", ". . punct>1"},
			pieces: []string{"src:0-0", "src:2-4", "cue:5-5", "con:6-6"},
			want:   []string{"urging=Lee"},
		},
		{
			name: "a cue joined to the complement of another cue",
			text: "He said he won and added that it was close.",
			arcs: []string{"He PRP nsubj>1", "said VBD root>-1", "he PRP nsubj>3", "won VBD ccomp>1", "and CC cc>5", "added VBD conj>3",
				"that IN mark>9", "it PRP nsubj>9", "was VBD cop>9", "close JJ ccomp>5", ". . punct>1"},
			pieces: []string{"src:0-0", "cue:1-1", "con:2-3", "cue:5-5", "con:6-9"},
			want:   []string{"said=He", "added=He"},
		},
		{
			name: "according to",
			text: "According to aides, Lee won.",
			arcs: []string{"According VBG case>2", "to IN fixed>0", "aides NNS obl>5", ", , punct>2", "Lee NNP nsubj>5", "won VBD root>-1",
				". . punct>5"},
			pieces: []string{"cue:0-1", "con:4-5"},
			want:   []string{"According to=aides"},
		},
		{
			name: "a participle opening its sentence",
			text: "Asked about it, Lee said no.",
			arcs: []string{"Asked VBN advcl>5", "about IN case>2", "it PRP obl>0", ", , punct>0", "Lee NNP nsubj>5", "said VBD root>-1",
				"no UH obj>5", ". . punct>5"},
			pieces: []string{"cue:0-0", "con:1-2", "src:4-4", "cue:5-5", "con:6-6"},
			want:   []string{"Asked=", "said=Lee"},
		},
		{
			name:   "active verb keeps its subject",
			text:   "Mr. Lee expected a win.",
			arcs:   []string{"Mr. NNP compound>1", "Lee NNP nsubj>2", "expected VBD root>-1", "a DT det>4", "win NN obj>2", ". . punct>2"},
			pieces: []string{"src:0-1", "cue:2-2", "con:3-4"},
			want:   []string{"expected=Mr. Lee"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := segmented(t, tc.text, false)
			if len(doc.Tokens) < len(tc.arcs) {
				t.Fatalf("%d tokens, %d arcs", len(doc.Tokens), len(tc.arcs))
			}
			for i := range doc.Tokens {
				doc.Tokens[i].Head = -1
			}
			for i, a := range tc.arcs {
				f := strings.Fields(a)
				if len(f) != 3 {
					t.Fatalf("bad arc %q", a)
				}
				rel, head, _ := strings.Cut(f[2], ">")
				if w := doc.Tokens[i].In(tc.text); w != f[0] {
					t.Fatalf("token %d is %q, arc %q", i, w, a)
				}
				doc.Tokens[i].XPOS, doc.Tokens[i].Dep = f[1], rel
				doc.Tokens[i].Head = int32(atoi(t, head))
			}
			v := newView(doc, parseLexicon(cueData), nil, nil)
			var ps []piece
			for _, p := range tc.pieces {
				role, rng, _ := strings.Cut(p, ":")
				a, b, _ := strings.Cut(rng, "-")
				f, l := atoi(t, a), atoi(t, b)
				r := map[string]uint8{"src": 1, "cue": 2, "con": 3}[role]
				ps = append(ps, piece{role: r, first: int32(f), last: int32(l), sent: v.sent[f], block: v.bsent[f]})
			}
			var got []string
			for _, at := range pair(v, ps) {
				got = append(got, at.Cue.In(doc.Text)+"="+at.Source.In(doc.Text))
			}
			if strings.Join(got, "; ") != strings.Join(tc.want, "; ") {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, neg := 0, strings.HasPrefix(s, "-")
	for _, c := range strings.TrimPrefix(s, "-") {
		if c < '0' || c > '9' {
			t.Fatalf("bad number %q", s)
		}
		n = 10*n + int(c-'0')
	}
	if neg {
		return -n
	}
	return n
}

// TestCut checks the removal of a source from content spans.
func TestCut(t *testing.T) {
	sp := func(a, b int32) dateline.Span { return dateline.Span{Start: a, End: b} }
	for _, tc := range []struct {
		in   []dateline.Span
		cut  dateline.Span
		want []dateline.Span
	}{
		{[]dateline.Span{sp(0, 10)}, sp(3, 5), []dateline.Span{sp(0, 3), sp(5, 10)}},
		{[]dateline.Span{sp(0, 10)}, sp(0, 5), []dateline.Span{sp(5, 10)}},
		{[]dateline.Span{sp(0, 10)}, sp(5, 12), []dateline.Span{sp(0, 5)}},
		{[]dateline.Span{sp(2, 4)}, sp(0, 10), nil},
		{[]dateline.Span{sp(0, 4), sp(6, 9), sp(12, 20)}, sp(7, 14), []dateline.Span{sp(0, 4), sp(6, 7), sp(14, 20)}},
		{[]dateline.Span{sp(0, 4)}, sp(5, 6), []dateline.Span{sp(0, 4)}},
	} {
		got := cut(append([]dateline.Span(nil), tc.in...), tc.cut)
		if fmt.Sprint(got) != fmt.Sprint(tc.want) && !(len(got) == 0 && len(tc.want) == 0) {
			t.Errorf("cut(%v, %v) = %v, want %v", tc.in, tc.cut, got, tc.want)
		}
	}
}

// TestNounCueSource checks that a noun cue the model left without a source
// takes its possessor, and nothing when it has none.
func TestNounCueSource(t *testing.T) {
	for _, tc := range []struct {
		text string
		arcs []string // "word UPOS dep>head"
		cue  [2]int
		want string
	}{
		{"Lee’s claim was false.", []string{"Lee PROPN nmod:poss>2", "’s PART case>0", "claim NOUN nsubj>4", "was AUX cop>4", "false ADJ root>-1", ". PUNCT punct>4"}, [2]int{2, 2}, "Lee’s"},
		{"Questions about Lee grew.", []string{"Questions NOUN nsubj>3", "about ADP case>2", "Lee PROPN nmod>0", "grew VERB root>-1", ". PUNCT punct>3"}, [2]int{0, 1}, ""},
		// A mistagged verb: the noun phrase before the noun is not its source.
		{"Lee’s remarks raise questions.", []string{"Lee PROPN nmod:poss>2", "’s PART case>0", "remarks NOUN compound>4", "raise NOUN compound>4", "questions NOUN root>-1", ". PUNCT punct>4"}, [2]int{4, 4}, ""},
	} {
		doc := segmented(t, tc.text, false)
		if len(doc.Tokens) != len(tc.arcs) {
			t.Fatalf("%q: %d tokens, %d arcs", tc.text, len(doc.Tokens), len(tc.arcs))
		}
		for i, a := range tc.arcs {
			f := strings.Fields(a)
			rel, head, _ := strings.Cut(f[2], ">")
			if w := doc.Tokens[i].In(tc.text); w != f[0] {
				t.Fatalf("token %d is %q, arc %q", i, w, a)
			}
			doc.Tokens[i].UPOS, doc.Tokens[i].Dep, doc.Tokens[i].Head = f[1], rel, int32(atoi(t, head))
		}
		v := newView(doc, parseLexicon(cueData), nil, nil)
		c := piece{role: 2, first: int32(tc.cue[0]), last: int32(tc.cue[1]), sent: v.sent[tc.cue[0]], block: v.bsent[tc.cue[0]]}
		atts := pair(v, []piece{c})
		if got := atts[0].Source.In(doc.Text); got != tc.want {
			t.Errorf("%q: source %q, want %q", tc.text, got, tc.want)
		}
	}
}
