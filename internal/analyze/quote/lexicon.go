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

// lexicon is the cue-word lexicon: verb classes and other classes by lemma.
type lexicon struct {
	verb  map[string]uint8
	other map[string]uint8
}

func parseLexicon(data string) *lexicon {
	lx := &lexicon{verb: map[string]uint8{}, other: map[string]uint8{}}
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
		return lx.verb[lemma]
	case "NOUN", "PROPN":
		if c := lx.other[lemma]; c == cueNoun {
			return c
		}
		return cueNone
	case "":
		if c, ok := lx.verb[lemma]; ok {
			return c
		}
	}
	if c := lx.other[lemma]; c == cuePrep || c == cueAdv {
		return c
	}
	return cueNone
}
