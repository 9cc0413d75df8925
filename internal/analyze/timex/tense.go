package timex

import "strings"

// tense says whether the clause of tokens [i, j) refers to the future (+1),
// the past (-1) or cannot tell (0). It prefers the dependency parse of the
// document when there is one (the governing verb and its auxiliaries) and
// falls back on local cues: the nearest tense cue before the expression in
// its sentence, else the nearest after it.
func (s *scanner) tense(i, j int) int8 {
	if w := s.w(i - 1); w == "until" || w == "till" {
		// "postponed until Tuesday", "has until 9 a.m. Tuesday": a
		// deadline ahead; "Until Thursday, they had not ...": past.
		if s.after(j) < 0 {
			return -1
		}
		return +1
	}
	if s.w(i-1) == "effective" {
		// "a pact effective June 1", "resigned effective Feb. 1": the
		// date a change takes hold is announced ahead of it.
		return +1
	}
	if t, ok := s.parsedTense(i); ok {
		return t
	}
	for k, n := i-1, 0; k >= 0 && n < 14; k, n = k-1, n+1 {
		if s.boundary(k) {
			break
		}
		if c := s.cue(k); c != 0 {
			return c
		}
	}
	return s.after(j)
}

// after is the tense cue of the clause after the expression ending at j:
// only strong cues count there, a finite verb's tense (said, will), not
// "plans" or "due" that may be nouns.
func (s *scanner) after(j int) int8 {
	for k, n := j, 0; k < len(s.toks) && n < 6; k, n = k+1, n+1 {
		if s.boundary(k) {
			break
		}
		if c := s.cue(k); c != 0 && s.strong(k) {
			return c
		}
	}
	return 0
}

// strong reports whether token k is a cue that holds after the expression.
func (s *scanner) strong(k int) bool {
	switch s.w(k) {
	case "will", "shall", "'ll", "won't", "is", "are", "said", "says", "was", "were", "had", "did":
		return true
	case "plans", "plan", "planned", "planning", "due", "set", "expected", "going", "scheduled", "next", "coming", "upcoming", "last", "since", "earlier", "later", "soon", "has", "have", "been":
		return false
	}
	return true
}

// cue is the tense cue of token k; "is to", "are to" mark a plan.
func (s *scanner) cue(k int) int8 {
	w := s.w(k)
	switch w {
	case "is", "are":
		if s.w(k+1) == "to" {
			return +1
		}
		return 0
	case "'s":
		return 0
	case "ahead":
		if s.w(k+1) == "of" {
			return +1 // ahead of the weekend
		}
		return 0
	case "next":
		if s.w(k+1) == "to" {
			return 0 // next to the embassy
		}
		return +1
	case "early":
		if s.w(k-1) == "as" && s.w(k+1) == "as" {
			return +1 // as early as Tuesday
		}
		return 0
	case "would":
		// Reported future: "said he would travel Thursday"; "would have
		// met Monday" is past.
		if s.w(k+1) == "have" || s.w(k+1) == "'ve" {
			return -1
		}
		return +1
	case "planned", "planning":
		return s.plan(k)
	case "set", "due", "going", "expected", "plans", "plan", "expect", "scheduled":
		// set to, due to, going to, expected to, plans to: a plan.
		if s.w(k+1) == "to" || w == "scheduled" {
			return s.plan(k)
		}
		return 0
	}
	if s.toks[k].k != kWord {
		return 0
	}
	c := tenseCue(w)
	if c < 0 {
		switch p := s.w(k - 1); {
		case p == "be" || p == "being":
			return 0 // "will be completed", "would be held": the auxiliary decides
		case determiner(p) && len(w) > 4 && w[len(w)-2:] == "ed":
			return 0 // "the reduced dividend", "a proposed merger": an adjective
		}
	}
	return c
}

// plan is the tense of a plan word at k: the future, unless a past
// perfect or a "previously" puts the plan behind ("had been scheduled to
// expire Friday", "as previously planned").
func (s *scanner) plan(k int) int8 {
	for b := k - 1; b >= 0 && b >= k-3; b-- {
		switch s.w(b) {
		case "had", "previously", "originally", "initially":
			return -1
		case "been", "be", "being", "was", "were", "is", "are", "not", "already", "also":
			continue
		}
		break
	}
	return +1
}

// determiner reports whether w opens a noun phrase, so that an -ed word
// after it is an adjective, not a past-tense verb.
func determiner(w string) bool {
	switch w {
	case "the", "a", "an", "its", "their", "his", "her", "our", "your", "my", "this", "that", "these", "those", "'s":
		return true
	}
	return false
}

func (s *scanner) boundary(k int) bool {
	switch s.w(k) {
	case ".", "!", "?", ";":
		return true
	}
	return false
}

// parsedTense reads the tense from the document's tagger and parser layers:
// the verb governing the expression, its Tense feature or XPOS, and a will /
// shall auxiliary among its dependents; a bare participle clause passes the
// question on to the verb it hangs on.
func (s *scanner) parsedTense(i int) (int8, bool) {
	if s.doc == nil || len(s.doc.Tokens) == 0 {
		return 0, false
	}
	toks := s.doc.Tokens
	pos := s.toks[i].s
	// The document token that covers the expression's first byte.
	lo, hi := 0, len(toks)
	for lo < hi {
		m := (lo + hi) / 2
		if toks[m].End <= pos {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo >= len(toks) || toks[lo].Start > pos || toks[lo].Head < 0 && toks[lo].Dep == "" {
		return 0, false
	}
	v := lo
	for hops := 0; hops < 6; hops++ {
		t := toks[v]
		if isVerb(t.UPOS, t.XPOS) {
			break
		}
		if t.Head < 0 || int(t.Head) >= len(toks) {
			return 0, false
		}
		v = int(t.Head)
	}
	if !isVerb(toks[v].UPOS, toks[v].XPOS) {
		return 0, false
	}
	for hops := 0; ; hops++ {
		t, ok, aux := s.verbTense(v)
		if ok || aux || hops == 2 {
			return t, ok
		}
		// A participle clause without auxiliaries takes the tense of
		// the clause it hangs on: "rose 72 points, leaving the index
		// short of its record set on Aug. 6".
		tk := toks[v]
		if tk.XPOS != "VBG" || tk.Dep != "advcl" && tk.Dep != "acl" || tk.Head < 0 || int(tk.Head) >= len(toks) ||
			!isVerb(toks[tk.Head].UPOS, toks[tk.Head].XPOS) {
			return t, ok
		}
		v = int(tk.Head)
	}
}

// verbTense reads the tense of document token v, a verb, from its
// auxiliaries and its own form; aux reports whether it has any.
func (s *scanner) verbTense(v int) (tense int8, ok, aux bool) {
	toks := s.doc.Tokens
	// Auxiliaries of the verb: will / shall / 'll mark the future, and
	// would the future of reported speech ("would be held in April")
	// unless a perfect follows it ("would have met").
	from, to := max(0, v-12), min(len(toks), v+4)
	would, perfect := false, false
	for k := from; k < to; k++ {
		if int(toks[k].Head) != v {
			continue
		}
		if toks[k].Dep != "aux" && toks[k].Dep != "aux:pass" {
			continue
		}
		aux = true
		w := strings.ToLower(toks[k].Span.In(s.text))
		switch w {
		case "will", "shall", "'ll", "’ll", "wo":
			return +1, true, aux
		case "would", "'d", "’d":
			would = true
			continue
		case "have", "'ve", "’ve":
			perfect = true
			continue
		case "had":
			return -1, true, aux
		}
		if toks[k].XPOS == "VBD" || strings.Contains(toks[k].Feats, "Tense=Past") {
			return -1, true, aux
		}
	}
	if would {
		if perfect {
			return -1, true, aux
		}
		return +1, true, aux
	}
	t := toks[v]
	switch strings.ToLower(t.Lemma) {
	case "plan", "schedule":
		// "planned a rally for Saturday", "has scheduled a news
		// conference Thursday": the plan's day lies ahead.
		return +1, true, aux
	}
	switch {
	case t.XPOS == "VBD" || strings.Contains(t.Feats, "Tense=Past") && strings.Contains(t.Feats, "VerbForm=Fin"):
		return -1, true, aux
	case t.XPOS == "VBN":
		return -1, true, aux
	}
	return 0, false, aux
}

func isVerb(upos, xpos string) bool {
	return upos == "VERB" || upos == "AUX" || strings.HasPrefix(xpos, "VB")
}
