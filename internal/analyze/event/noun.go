package event

import "github.com/dateline-news/dateline"

// nounCode returns the CAMEO code of an event noun (dateline's own small
// list; CAMEO's dictionary codes verbs only) and whether it needs a target.
func nounCode(lemma, form string) (code string, needTarget bool) {
	switch lemma {
	case "visit", "trip", "stopover", "journey":
		return "042", true
	case "talk":
		if form == "talks" {
			return "046", true
		}
	case "negotiation":
		return "046", true
	case "meeting", "summit":
		return "043", true
	case "war", "aggression", "offensive", "bombardment", "shelling":
		return "190", true
	case "invasion", "occupation":
		return "192", true
	case "refusal", "rejection":
		return "120", false
	case "support", "aid", "assistance":
		return "070", true
	case "sanction":
		return "163", true
	case "warning", "threat", "ultimatum":
		return "130", true
	}
	return "", false
}

// codeNoun codes event noun v with its possessor, nationality adjective or
// compound as the source and its "to"/"with"/"against" modifier (or a
// compound place: "the Washington visit") as the target.
func (c *Coder) codeNoun(s *scratch, v int) (cand, bool) {
	code, needTarget := nounCode(s.lemma[v], s.form[v])
	if code == "" {
		return cand{}, false
	}
	cd := cand{v: v, code: code, nominal: true, m: match{source: -1, target: -1, compound: -1}}
	var place []int
	for _, k := range s.kids[v] {
		switch s.dep[k] {
		case "nmod:poss", "amod":
			if m := s.ment[k]; m >= 0 && s.actorMention(m) {
				cd.src = appendUnique(cd.src, s.partOf(m, "", false))
			}
		case "compound":
			if m := s.ment[k]; m >= 0 && s.actorMention(m) {
				place = appendUnique(place, m)
			}
			switch s.lemma[k] {
			case "ceasefire", "truce", "cease-fire":
				if code == "120" {
					cd.code = "1246"
				}
			}
		case "nmod":
			if targetPrep(s.caseOf(k)) > 0 && targetPrep(s.caseOf(k)) <= 4 {
				cd.tgt = s.phraseActors(k, cd.tgt)
			}
		}
		if s.dep[k] == "amod" && code == "070" {
			switch s.lemma[k] {
			case "military":
				cd.code = "072"
			case "financial", "economic":
				if cd.code == "070" {
					cd.code = "071"
				}
			case "humanitarian":
				cd.code = "073"
			}
		}
	}
	// A parse that missed the structure: "X's meeting with Y" read linearly.
	if len(cd.src) == 0 {
		if m := s.possessorBefore(v); m >= 0 {
			cd.src = append(cd.src, s.partOf(m, "", false))
		}
	}
	if len(cd.tgt) == 0 {
		if m := s.prepActorAfter(v); m >= 0 {
			cd.tgt = append(cd.tgt, s.partOf(m, "", false))
		}
	}
	// "the Washington visit": a compound place is the destination; a
	// compound person is the source ("the Trump-Putin talks").
	if len(cd.tgt) == 0 {
		for _, m := range place {
			switch s.doc.Mentions[m].Type {
			case "GPE", "LOC":
				cd.tgt = append(cd.tgt, s.partOf(m, "", false))
			default:
				cd.src = appendUnique(cd.src, s.partOf(m, "", false))
			}
		}
	}
	if needTarget && len(cd.tgt) == 0 {
		// "the meeting between X and Y", "talks" with a compound subject
		// come from the governing verb's subject (emit) only when it has two
		// actors; without a target the noun is not coded.
		if len(cd.src) < 2 {
			return cand{}, false
		}
	}
	return cd, true
}

// nounGovernorSubject returns the subject of the verb whose object or
// oblique event noun v is ("European allies, who have provided support").
func (s *scratch) nounGovernorSubject(v int) []int {
	h := s.head[v]
	if h < 0 || s.upos(h) != "VERB" {
		return nil
	}
	switch baseDep(s.dep[v]) {
	case "obj", "obl":
		src, _ := s.subjectActors(h, 0)
		return src
	}
	return nil
}

// possessorBefore returns the actor mention that ends with a possessive
// "’s" within the four tokens before noun v, -1.
func (s *scratch) possessorBefore(v int) int {
	for k := v - 1; k >= 1 && k >= v-4; k-- {
		if s.form[k] == "’s" || s.form[k] == "'s" || s.form[k] == "’" || s.form[k] == "'" {
			if m := s.ment[k-1]; m >= 0 && s.actorMention(m) {
				return m
			}
			return -1
		}
		if s.upos(k) == "VERB" || s.upos(k) == "PUNCT" {
			return -1
		}
	}
	return -1
}

// prepActorAfter returns the actor mention after "with", "to", "against"
// or "between" within a few tokens after noun v (no verb between), -1.
func (s *scratch) prepActorAfter(v int) int {
	for k := v + 1; k < s.n && k <= v+3; k++ {
		switch s.lemma[k] {
		case "with", "to", "against", "between":
			// The first named actor; a nationality only when nothing else
			// ("with Russian President Vladimir Putin" is Putin).
			norp := -1
			for q := k + 1; q < s.n && q <= k+5; q++ {
				if s.upos(q) == "VERB" || s.upos(q) == "PUNCT" {
					break
				}
				if m := s.ment[q]; m >= 0 && s.actorMention(m) {
					if s.doc.Mentions[m].Type != dateline.EntNORP {
						return m
					}
					if norp < 0 {
						norp = m
					}
				}
			}
			return norp
		}
		if s.upos(k) == "VERB" || s.upos(k) == "PUNCT" {
			return -1
		}
	}
	return -1
}
