package cluster

import (
	_ "embed"
	"strings"
)

// corefLemmaPairs is the table of pairs of different trigger lemmas that
// tell one event often enough, learned on the ECB+ train topics (derived
// counts only, no text) by
//
//	dateline eval stories --split train --learn-pairs 3 ECB+
//
// and kept where at least 3 mention pairs corefer, in at least two topics,
// with at least 30% of the pairs coreferring. Columns: lemma a, lemma b,
// coreferring pairs, pairs in one gold story, topics. Some lemmas are the
// tagger's ("shet" for "shot", "ded" for "dead").
const corefLemmaPairs = `
accord	confirm	10	20	2
accord	report	6	17	3
accuse	charge	65	89	2
battle	protest	3	8	2
battle	riot	13	16	2
beat	victory	56	56	2
beat	win	68	76	2
blaze	fire	62	63	3
catch	fire	19	41	2
convict	sentence	3	6	2
damage	destroy	30	30	3
damage	devastate	26	26	2
dead	death	14	18	5
dead	die	146	154	3
dead	kill	66	96	4
dead	pass	3	8	2
death	ded	5	5	2
death	die	118	119	6
death	kill	61	66	6
death	pass	6	7	2
ded	die	54	54	2
defeat	victory	11	11	2
defeat	win	26	32	3
demonstration	protest	3	4	2
destroy	devastate	6	6	2
destroy	rip	7	7	2
die	kill	59	64	3
die	pass	75	95	2
discover	find	48	54	2
fire	shooting	13	31	3
hit	strike	12	22	2
injure	wound	18	18	3
kill	killing	24	24	2
kill	murder	220	334	4
kill	slaying	5	5	2
mark	record	60	62	2
move	transfer	5	5	2
murder	slaying	19	21	2
protest	riot	10	32	2
rampage	shooting	27	27	2
shet	shoot	7	8	2
shet	shooting	14	14	2
shet	shot	7	7	2
shoot	shooting	52	79	4
shoot	shot	42	48	3
shooting	shot	75	80	3
victory	win	87	99	3
`

// lemmaPairs parses corefLemmaPairs into a set keyed by the ordered pair.
func lemmaPairs() map[[2]string]bool {
	out := map[[2]string]bool{}
	for _, line := range strings.Split(corefLemmaPairs, "\n") {
		f := strings.Split(line, "\t")
		if len(f) < 2 || f[0] == "" || f[1] == "" {
			continue
		}
		out[pairKey(f[0], f[1])] = true
	}
	return out
}

func pairKey(a, b string) [2]string {
	if b < a {
		a, b = b, a
	}
	return [2]string{a, b}
}

// synonymsTSV is the table of event-word pairs from WordNet 3.0 (synonyms
// in a word's most frequent sense, and the act or event nouns derived from
// a verb's), one "a<TAB>b" line per pair with a < b, the lines in byte
// order; see SYNONYMS.md. It is searched in place: an index costs nothing
// to make.
//
//go:embed synonyms.tsv
var synonymsTSV string

// synonyms reports whether a and b are a pair of the WordNet table, by
// binary search over the sorted lines of text.
func synonyms(text, a, b string) bool {
	if a == "" || b == "" || a == b {
		return false
	}
	if b < a {
		a, b = b, a
	}
	key := a + "\t" + b
	lo, hi := 0, len(text) // the answer line starts in [lo, hi)
	for lo < hi {
		mid := lo + (hi-lo)/2
		start := strings.LastIndexByte(text[:mid], '\n') + 1
		if start < lo {
			start = lo
		}
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		switch line := text[start:end]; {
		case line == key:
			return true
		case line < key:
			lo = end + 1
		default:
			hi = start
		}
	}
	return false
}
