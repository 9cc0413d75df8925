package event

import (
	"strings"

	"github.com/dateline-news/dateline"
)

// negation reports whether lemma negates its head.
func negation(lemma string) bool {
	switch lemma {
	case "not", "n't", "never", "no", "neither", "nor":
		return true
	}
	return false
}

// hedge reports whether an adverb or modal hedges the event.
func hedge(lemma string) bool {
	switch lemma {
	case "may", "might", "could", "reportedly", "allegedly", "possibly", "perhaps", "likely",
		"probably", "apparently", "purportedly", "supposedly", "presumably":
		return true
	}
	return false
}

// planAdj reports whether a modifier of a noun makes the event planned
// ("the scheduled visit", "the upcoming meetings").
func planAdj(lemma string) bool {
	switch lemma {
	case "scheduled", "schedule", "planned", "plan", "upcoming", "proposed", "propose", "expected",
		"expect", "future", "forthcoming", "prospective", "possible", "potential", "coming":
		return true
	}
	return false
}

// status reads the event's status from the parse around trigger v.
func (s *scratch) status(v int, nominal bool) string {
	// The chain: v and the control verbs above it ("refused to negotiate").
	neg, hedged, planned, ongoing := false, false, false, false
	control := ""
	for x, depth := v, 0; x >= 0 && depth < 4; depth++ {
		for _, k := range s.kids[x] {
			l := s.lemma[k]
			switch baseDep(s.dep[k]) {
			case "advmod", "neg", "det", "aux", "cc:preconj":
				if negation(l) {
					neg = true
				}
			}
			switch baseDep(s.dep[k]) {
			case "aux":
				switch l {
				case "will", "shall", "'ll", "wo", "would":
					planned = true
				}
				if hedge(l) {
					hedged = true
				}
			case "advmod":
				if hedge(l) {
					hedged = true
				}
				switch l {
				case "still", "consistently", "repeatedly", "continuously", "constantly", "continually":
					ongoing = true
				}
			case "amod", "compound", "acl":
				if nominal && x == v {
					if planAdj(l) || planAdj(s.form[k]) {
						planned = true
					}
					if l == "ongoing" || l == "continued" || l == "continuing" {
						ongoing = true
					}
				}
			case "case":
				if nominal && x == v && l == "without" {
					neg = true
				}
			}
		}
		h := s.head[x]
		if h < 0 {
			break
		}
		d := s.dep[x]
		if d == "xcomp" {
			if st, ok := controlStatus(s.lemma[h]); ok && st != "" && control == "" {
				control = st
			}
		} else if !(nominal && x == v && (baseDep(d) == "obj" || baseDep(d) == "obl" || d == "nsubj:pass")) && d != "conj" {
			break
		}
		x = h
	}
	switch {
	case s.conditional(v):
		return dateline.StatusConditional
	case neg && planned:
		// "would not provide support", "will not attend": a refusal.
		return dateline.StatusRefused
	case neg:
		return dateline.StatusNotHappened
	case control == dateline.StatusRefused || control == dateline.StatusNotHappened:
		return control
	case s.retracted(v):
		return dateline.StatusRetracted
	case control != "":
		return control
	case planned:
		return dateline.StatusPlanned
	case hedged:
		return dateline.StatusHedged
	case ongoing:
		return dateline.StatusOngoing
	case nominal && durative(s.lemma[v]):
		return dateline.StatusOngoing
	}
	return dateline.StatusHappened
}

// conditional reports whether v sits in an "if"/"unless" clause.
func (s *scratch) conditional(v int) bool {
	for x, depth := v, 0; x >= 0 && depth < 8; x, depth = s.head[x], depth+1 {
		for _, k := range s.kids[x] {
			if s.dep[k] == "mark" && (s.lemma[k] == "if" || s.lemma[k] == "unless") {
				return true
			}
		}
		if d := baseDep(s.dep[x]); d == "ccomp" || d == "parataxis" {
			return false
		}
	}
	return false
}

// retracted reports whether a retraction hangs from v's clause ("called
// him a dictator (a statement he later retracted)"), not from a
// coordinated one.
func (s *scratch) retracted(v int) bool {
	for k := v + 1; k < s.n; k++ {
		switch s.lemma[k] {
		case "retract", "retracted", "recant", "recanted", "withdraw":
			if s.lemma[k] == "withdraw" && !s.hasObjLemma(k, "remark", "statement", "comment", "claim") {
				continue
			}
			for y, depth := k, 0; y >= 0 && depth < 8; y, depth = s.head[y], depth+1 {
				if y == v {
					return true
				}
				if s.dep[y] == "conj" && y != k && !nominalTag(s.upos(y)) {
					// The retraction belongs to that conjunct ("had implied
					// X, and had called him a dictator (a statement he later
					// retracted)"); a retraction coordinated with v itself
					// ("called him a dictator and later retracted it") is
					// v's. A nominal conjunct is no clause of its own: "a
					// dictator, a remark he later retracted" read as two
					// conjoined nouns is the apposition it is.
					break
				}
			}
		}
	}
	return false
}

// hasObjLemma reports whether verb k has an object with one of lemmas.
func (s *scratch) hasObjLemma(k int, lemmas ...string) bool {
	for _, c := range s.kids[k] {
		if baseDep(s.dep[c]) == "obj" {
			for _, l := range lemmas {
				if s.lemma[c] == l {
					return true
				}
			}
		}
	}
	return false
}

// durative reports whether an event noun names a state that lasts ("the
// war"): ongoing unless the text says otherwise.
func durative(lemma string) bool {
	switch lemma {
	case "war", "occupation", "conflict", "aggression", "invasion", "siege", "blockade":
		return true
	}
	return false
}

// before reports whether v is told as earlier than the report: a past
// perfect ("had warned") or "previously", "earlier", "already".
func (s *scratch) before(v int) bool {
	for _, k := range s.kids[v] {
		switch baseDep(s.dep[k]) {
		case "aux":
			if s.form[k] == "had" || s.form[k] == "'d" {
				return true
			}
		case "advmod":
			switch s.lemma[k] {
			case "previously", "earlier", "already", "formerly", "once":
				return true
			}
		}
	}
	return false
}

// when links the event to a time expression of its clause (DATE or TIME),
// else to the report date (-1), "before" it for a past perfect.
func (s *scratch) when(v int, nominal bool, status string) (int, string) {
	// The event's clause: v and the verbs it hangs from as an xcomp or, for
	// a noun, the verb it is the object of.
	var chain [4]int
	nc := 0
	for x, depth := v, 0; x >= 0 && depth < 4; depth++ {
		chain[nc] = x
		nc++
		h := s.head[x]
		if h < 0 || !(s.dep[x] == "xcomp" || nominal && x == v && (baseDep(s.dep[x]) == "obj" || baseDep(s.dep[x]) == "obl")) {
			break
		}
		x = h
	}
	// The time attached lowest in the chain wins, then the nearest one:
	// "Zelenskyy's visit on Monday" under "attention now turns to" is
	// Monday's, whichever time comes first.
	best, bestRank := -1, 1<<30
	for _, ti := range s.sentTimes {
		tx := s.doc.Times[ti]
		if tx.Type != dateline.TimeDate && tx.Type != dateline.TimeTime {
			continue
		}
		t := s.tokenAt(tx.Start)
		if t < 0 {
			continue
		}
		// Walk up from the time's token to its attachment.
	walk:
		for y, depth := t, 0; y >= 0 && depth < 5; y, depth = s.head[y], depth+1 {
			for ci, x := range chain[:nc] {
				if y == x {
					if r := ci*8 + depth; r < bestRank {
						best, bestRank = ti, r
					}
					break walk
				}
			}
		}
	}
	if best >= 0 {
		return best, s.doc.Times[best].Value
	}
	pub := s.doc.Published
	if pub.IsZero() {
		return -1, ""
	}
	date := pub.Format("2006-01-02")
	switch {
	case s.before(v) || nc > 1 && s.before(chain[nc-1]):
		return -1, "before " + date
	case status == dateline.StatusPlanned:
		return -1, "after " + date
	}
	return -1, date
}

// future reports whether time expression ti lies after the report date.
func (s *scratch) future(ti int) bool {
	pub := s.doc.Published
	if pub.IsZero() {
		return false
	}
	v := s.doc.Times[ti].Value
	d := pub.Format("2006-01-02")
	return len(v) >= 10 && v[4] == '-' && v[7] == '-' && strings.Compare(v[:10], d) > 0
}

// tokenAt returns the local token that contains byte offset off, -1.
func (s *scratch) tokenAt(off int32) int {
	lo, hi := 0, s.n
	for lo < hi {
		m := (lo + hi) / 2
		if s.doc.Tokens[s.lo+m].End <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < s.n && s.doc.Tokens[s.lo+lo].Start <= off+1 {
		return lo
	}
	return -1
}
