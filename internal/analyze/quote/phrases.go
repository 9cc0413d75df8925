package quote

import (
	"strings"
)

// maxPhrase is the longest multi-word cue learned, in tokens.
const maxPhrase = 4

// cueWords are the cues learned from the training data beyond the lexicon:
// single lemmas, and lemma sequences ("do not respond to", "call for")
// matched as units. Both are kept in the model file as one list, phrases
// with their lemmas separated by spaces.
type cueWords struct {
	lemmas  map[string]bool
	phrases map[uint64]bool // phraseHash of the lemma sequences
	firsts  map[uint64]bool // strHash of their first lemmas
}

// newCueWords indexes a list of learned cues.
func newCueWords(list map[string]bool) *cueWords {
	cw := &cueWords{lemmas: map[string]bool{}, phrases: map[uint64]bool{}, firsts: map[uint64]bool{}}
	for w := range list {
		parts := strings.Fields(w)
		switch {
		case len(parts) == 1:
			cw.lemmas[w] = true
		case len(parts) >= 2 && len(parts) <= maxPhrase:
			hs := make([]uint64, len(parts))
			for i, p := range parts {
				hs[i] = strHash(p)
			}
			cw.phrases[phraseHash(hs)] = true
			cw.firsts[hs[0]] = true
		}
	}
	return cw
}

// phraseHash combines the lemma hashes of a phrase.
func phraseHash(hs []uint64) uint64 {
	h := newHash(0xfd)
	for _, x := range hs {
		h = h.u(x)
	}
	return h.sum()
}

// has reports whether lemma is a learned single-word cue.
func (cw *cueWords) has(lemma string) bool { return cw != nil && cw.lemmas[lemma] }

// mark sets v.phrase for the learned phrases in v, longest first, left to
// right, within a sentence. It needs v.hl, v.sent and v.cue.
func (cw *cueWords) mark(v *view) {
	if cw == nil || len(cw.phrases) == 0 {
		return
	}
	for i := 0; i < v.n; i++ {
		if !cw.firsts[v.hl[i]] {
			continue
		}
		for l := min(maxPhrase, v.n-i); l >= 2; l-- {
			if v.sent[i+l-1] != v.sent[i] || !cw.phrases[phraseHash(v.hl[i:i+l])] {
				continue
			}
			for k := i; k < i+l; k++ {
				v.phrase[k] = 2
				// Its content words count as cue words for the
				// nearest-cue and cue-ancestor features and the pairing.
				if u := v.upos[k]; v.cue[k] == cueNone && (u == "" || u == "VERB" || u == "NOUN" || u == "ADJ") {
					v.cue[k] = cueLearned
				}
			}
			v.phrase[i] = 1
			i += l - 1
			break
		}
	}
}

// learnPhrases returns the lemma sequences of 2 to maxPhrase tokens that
// are annotated as a whole cue at least minN times and at least a fifth of
// the times they occur, as space-separated lemmas.
func learnPhrases(examples []Example, minN int) []string {
	lemmas := func(ex Example) []string {
		out := make([]string, len(ex.Doc.Tokens))
		for k, tk := range ex.Doc.Tokens {
			l := tk.Lemma
			if l == "" {
				l = tk.In(ex.Doc.Text)
			}
			out[k] = strings.ToLower(l)
		}
		return out
	}
	cue := map[string]int{}
	for _, ex := range examples {
		labels := goldLabels(ex.Doc, ex.Gold)
		ls := lemmas(ex)
		for k := 0; k < len(labels); k++ {
			if labels[k] != lBCue {
				continue
			}
			e := k + 1
			for e < len(labels) && labels[e] == lICue {
				e++
			}
			if n := e - k; n >= 2 && n <= maxPhrase {
				cue[strings.Join(ls[k:e], " ")]++
			}
		}
	}
	seen := map[string]int{}
	for _, ex := range examples {
		ls := lemmas(ex)
		for k := range ls {
			for n := 2; n <= maxPhrase && k+n <= len(ls); n++ {
				key := strings.Join(ls[k:k+n], " ")
				if cue[key] >= minN {
					seen[key]++
				}
			}
		}
	}
	var out []string
	for key, c := range cue {
		if c >= minN && 5*c >= seen[key] && !strings.ContainsAny(key, "\n") {
			out = append(out, key)
		}
	}
	return out
}
