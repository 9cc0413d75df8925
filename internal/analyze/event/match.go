package event

import (
	"strings"

	"github.com/dateline-news/dateline/internal/cameo"
)

// match is the result of matching one pattern side: the tokens where its
// actor markers matched (local indexes, -1 none).
type match struct {
	source, target, compound int
	steps                    int // backtracking budget used
}

// maxSteps bounds the backtracking of one pattern side.
const maxSteps = 4000

// maxPhraseGap is how many tokens may come between two words of one
// prepositional phrase ("(TO BORDER)" matches "to the northern border").
const maxPhraseGap = 3

// wordMatch reports whether local token i matches dictionary word w: the
// form or the lemma, equal, or (for words of four letters or more written
// without a trailing '_') starting with w, as TABARI's stems did; short
// words also match their plural.
func (s *scratch) wordMatch(w string, exact bool, i int) bool {
	f, l := s.form[i], s.lemma[i]
	if f == w || l == w {
		return true
	}
	if exact {
		return false
	}
	if len(w) >= 4 {
		return strings.HasPrefix(f, w) || strings.HasPrefix(l, w)
	}
	return len(f) == len(w)+1 && f[len(w)] == 's' && strings.HasPrefix(f, w)
}

// setMatch returns how many tokens of toks, from position p, an
// alternative of set name matches (0: none). The tokens must be adjacent in
// the sentence.
func (s *scratch) setMatch(d *cameo.Dict, name string, toks []int, p int) int {
	best := 0
	for _, alt := range d.Sets[name] {
		if p+len(alt) > len(toks) || len(alt) <= best {
			continue
		}
		ok := true
		for k, w := range alt {
			t := toks[p+k]
			if k > 0 && t != toks[p]+k || !s.wordMatch(w, len(w) < 4, t) {
				ok = false
				break
			}
		}
		if ok {
			best = len(alt)
		}
	}
	return best
}

// actorAt reports whether local token t belongs to a mention that can be an
// actor, and the last token of that mention within toks from position p.
func (s *scratch) actorAt(toks []int, p int) (bool, int) {
	m := s.ment[toks[p]]
	if m < 0 || !s.actorMention(m) {
		return false, p
	}
	q := p
	for q+1 < len(toks) && s.ment[toks[q+1]] == m {
		q++
	}
	return true, q
}

// matchSide matches elems in order over toks (local token indexes in text
// order). Words of one phrase must be close together ('{' adjacent, '('
// within maxPhraseGap tokens); top-level elements may have anything
// between them.
func (s *scratch) matchSide(d *cameo.Dict, elems []cameo.Elem, toks []int, m *match) bool {
	return s.matchFrom(d, elems, 0, toks, 0, -1, m)
}

func (s *scratch) matchFrom(d *cameo.Dict, elems []cameo.Elem, ei int, toks []int, ti, prev int, m *match) bool {
	if ei == len(elems) {
		return true
	}
	m.steps++
	if m.steps > maxSteps {
		return false
	}
	e := elems[ei]
	// How far the element may start from the previous one.
	maxGap := len(toks)
	if ei > 0 && e.Group != 0 && elems[ei-1].Group == e.Group && prev >= 0 {
		if e.Phrase == '{' {
			maxGap = 0
		} else {
			maxGap = maxPhraseGap
		}
	}
	if e.Kind == cameo.ElemSkip {
		return s.matchFrom(d, elems, ei+1, toks, ti, prev, m)
	}
	for p := ti; p < len(toks); p++ {
		if prev >= 0 && maxGap < len(toks) && toks[p]-toks[prev]-1 > maxGap {
			break
		}
		end := -1 // last position consumed
		switch e.Kind {
		case cameo.ElemWord:
			if s.wordMatch(e.Text, e.Exact, toks[p]) {
				end = p
			}
		case cameo.ElemSet:
			if k := s.setMatch(d, e.Text, toks, p); k > 0 {
				end = p + k - 1
			}
		case cameo.ElemSource, cameo.ElemTarget, cameo.ElemCompound:
			if ok, q := s.actorAt(toks, p); ok {
				end = q
			}
		}
		if end < 0 {
			continue
		}
		save := *m
		switch e.Kind {
		case cameo.ElemSource:
			m.source = toks[p]
		case cameo.ElemTarget:
			m.target = toks[p]
		case cameo.ElemCompound:
			m.compound = toks[p]
		}
		if s.matchFrom(d, elems, ei+1, toks, end+1, end, m) {
			return true
		}
		steps := m.steps
		*m = save
		m.steps = steps
		if m.steps > maxSteps {
			return false
		}
	}
	return false
}
