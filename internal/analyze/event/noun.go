package event

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
				cd.src = appendUnique(cd.src, m)
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
	// "the Washington visit": a compound place is the destination; a
	// compound person is the source ("the Trump-Putin talks").
	if len(cd.tgt) == 0 {
		for _, m := range place {
			switch s.doc.Mentions[m].Type {
			case "GPE", "LOC":
				cd.tgt = append(cd.tgt, m)
			default:
				cd.src = appendUnique(cd.src, m)
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
