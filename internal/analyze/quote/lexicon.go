package quote

import (
	_ "embed"
	"strings"
)

//go:embed data/cues.txt
var cueData string

// Cue classes of the lexicon (data/cues.txt).
const (
	cueNone    uint8 = iota
	cueSay           // verbs of saying, writing, reporting
	cueThink         // verbs of belief and knowledge
	cueName          // verbs that quote a word: call, dub, label
	cueNoun          // nouns heading an attribution: statement, claim
	cuePrep          // according (to), per
	cueAdv           // reportedly, allegedly
	cueLearned       // not in the lexicon, but often a cue in the training data
)

var cueClassNames = [...]string{"", "say", "think", "name", "noun", "prep", "adv", "learned"}

// lexicon is the cue-word lexicon: verb classes and other classes by lemma,
// and the inflected forms of the verbs for untagged text.
type lexicon struct {
	verb  map[string]uint8
	other map[string]uint8
	forms map[string]string // inflected verb form -> lemma
}

// irregular are the irregular past forms of the lexicon's verbs.
var irregular = map[string][]string{
	"say": {"said"}, "tell": {"told"}, "think": {"thought"}, "feel": {"felt"}, "know": {"knew", "known"},
	"write": {"wrote", "written"}, "find": {"found"}, "see": {"saw", "seen"}, "hear": {"heard"},
	"understand": {"understood"}, "swear": {"swore", "sworn"}, "show": {"shown"}, "learn": {"learnt"},
}

// inflect returns the regular forms of an English verb.
func inflect(v string) []string {
	var out []string
	n := len(v)
	switch {
	case strings.HasSuffix(v, "e"):
		out = append(out, v+"s", v+"d", v[:n-1]+"ing")
	case strings.HasSuffix(v, "y") && n > 1 && !strings.ContainsRune("aeiou", rune(v[n-2])):
		out = append(out, v[:n-1]+"ies", v[:n-1]+"ied", v+"ing")
	case strings.HasSuffix(v, "s") || strings.HasSuffix(v, "sh") || strings.HasSuffix(v, "ch") || strings.HasSuffix(v, "x"):
		out = append(out, v+"es", v+"ed", v+"ing")
	default:
		out = append(out, v+"s", v+"ed", v+"ing")
		if n >= 3 && strings.ContainsRune("aeiou", rune(v[n-2])) && !strings.ContainsRune("aeiouwxy", rune(v[n-1])) && !strings.ContainsRune("aeiou", rune(v[n-3])) && n <= 4 {
			out = append(out, v+v[n-1:]+"ed", v+v[n-1:]+"ing") // dub -> dubbed
		}
	}
	return out
}

func parseLexicon(data string) *lexicon {
	lx := &lexicon{verb: map[string]uint8{}, other: map[string]uint8{}, forms: map[string]string{}}
	for line := range strings.SplitSeq(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		lemma, class, ok := strings.Cut(line, "\t")
		if !ok {
			continue
		}
		c := cueNone
		for i, n := range cueClassNames {
			if n == strings.TrimSpace(class) {
				c = uint8(i)
			}
		}
		switch c {
		case cueSay, cueThink, cueName:
			if _, dup := lx.verb[lemma]; !dup {
				lx.verb[lemma] = c
				for _, f := range append(inflect(lemma), irregular[lemma]...) {
					if _, ok := lx.forms[f]; !ok {
						lx.forms[f] = lemma
					}
				}
			}
		case cueNoun, cuePrep, cueAdv:
			if _, dup := lx.other[lemma]; !dup {
				lx.other[lemma] = c
			}
		}
	}
	return lx
}

// class returns the cue class of a token from its lemma and UPOS tag
// (empty when the document is untagged: then the verb reading wins).
func (lx *lexicon) class(lemma, upos string) uint8 {
	switch upos {
	case "VERB", "AUX":
		if c, ok := lx.verb[lemma]; ok {
			return c
		}
	case "NOUN", "PROPN":
		if c := lx.other[lemma]; c == cueNoun {
			return c
		}
		return cueNone
	case "":
		if c, ok := lx.verb[lemma]; ok {
			return c
		}
		if l, ok := lx.forms[lemma]; ok {
			return lx.verb[l]
		}
	}
	if c := lx.other[lemma]; c == cuePrep || c == cueAdv {
		return c
	}
	return cueNone
}
