package event

import (
	"strings"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/cameo"
)

// cand is a coded trigger before its actors are attached.
type cand struct {
	v         int // trigger token (local)
	code, rev string
	m         match
	nominal   bool
	pattern   bool  // coded by a pattern with words, not by a default code
	src, tgt  []int // participants (scratch.parts) from the pattern or the noun's own dependents
	drop      bool
	// composed: the code is an appeal, intent or demand composed with the
	// event of xcomp inner, whose target is the target when the governing
	// verb has no object ("wants to help Israel").
	composed bool
	inner    int
}

// controlStatus says whether lemma is a control verb whose xcomp carries
// the real event ("prepares to travel", "refused to negotiate", "continued
// to shell"), and the status it gives that event ("" for none). The control
// verb's own coding is dropped.
func controlStatus(lemma string) (string, bool) {
	switch lemma {
	case "prepare", "plan", "intend", "schedule", "set", "expect", "aim", "hope", "due",
		"suppose", "go", "try", "attempt", "seek", "decide", "vow", "pledge", "promise":
		return dateline.StatusPlanned, true
	case "agree", "begin", "start", "manage":
		return "", true
	case "refuse", "decline":
		return dateline.StatusRefused, true
	case "fail":
		return dateline.StatusNotHappened, true
	case "continue", "keep":
		return dateline.StatusOngoing, true
	case "appear", "seem":
		return dateline.StatusHedged, true
	}
	return "", false
}

// objectControl reports whether lemma passes its object to its xcomp as
// the xcomp's subject: "wanted Ukraine to agree", "urged Russia to withdraw".
func objectControl(lemma string) bool {
	switch lemma {
	case "want", "ask", "urge", "call", "tell", "force", "allow", "invite", "persuade",
		"press", "encourage", "order", "pressure", "push", "help":
		return true
	}
	return false
}

func (c *Coder) sentence(s *scratch) {
	var cands []cand
	var pre, post []int
	for v := 0; v < s.n; v++ {
		upos := s.upos(v)
		if upos == "ADJ" && s.child(v, "obj") >= 0 {
			// "it would free 150 prisoners" tagged as an adjective: only a
			// verb takes an object.
			upos = "VERB"
		}
		switch upos {
		case "VERB":
			pre, post = s.region(v, pre, post)
			pre, post = s.activeOrder(v, pre, post)
			if cd, ok := c.codeVerb(s, v, pre, post); ok {
				cands = append(cands, cd)
			}
		case "NOUN", "PROPN":
			if cd, ok := c.codeNoun(s, v); ok {
				cands = append(cands, cd)
			}
		}
	}
	if len(cands) == 0 {
		return
	}
	// A control verb gives way to its xcomp; another coded verb keeps its
	// event and its xcomp's is dropped ("agreed to return prisoners").
	at := make(map[int]int, len(cands))
	for i, cd := range cands {
		at[cd.v] = i
	}
	for i := range cands {
		v := cands[i].v
		if s.dep[v] != "xcomp" || s.head[v] < 0 {
			continue
		}
		h := s.head[v]
		j, ok := at[h]
		if !ok {
			continue
		}
		if (!cands[j].pattern || genericCode(cands[j].code)) && !cands[j].nominal && !cands[i].nominal && !cands[j].composed {
			// "asked Obama to help Iran": an appeal for aid (020 + 070 =
			// 023), as PETRARCH composes codes.
			if code := cameo.Compose(cands[j].code, cands[i].code); code != "" {
				cands[j].code, cands[j].rev = code, ""
				cands[j].composed, cands[j].inner = true, v
				cands[i].drop = true
				continue
			}
		}
		if _, ctl := controlStatus(s.lemma[h]); ctl || !cands[j].pattern || c.wantsAttack(s, cands[i]) {
			// "agreed to lift the sanctions": the complement is the event
			// unless a pattern of the governing verb says more.
			cands[j].drop = true
		} else {
			cands[i].drop = true
		}
	}
	// An event noun that is the object of a coded verb is that verb's
	// ("provided support", "held talks").
	for i := range cands {
		if cands[i].nominal && s.head[cands[i].v] >= 0 {
			if j, ok := at[s.head[cands[i].v]]; ok && !cands[j].nominal && baseDep(s.dep[cands[i].v]) == "obj" {
				if !cands[j].pattern || strings.HasPrefix(cands[i].code, "07") && giveVerb(s.lemma[cands[j].v]) {
					// "provided military support": the noun says what.
					cands[j].drop = true
				} else {
					cands[i].drop = true
				}
			}
		}
	}
	// One coding per verb phrase: a non-finite clause that hangs from a
	// coded event says how or why it happened ("launched an air strike,
	// expanding its campaign", "will meet to discuss", "jailed for helping
	// militants join a group"), it is not another event.
	for i := range cands {
		if cands[i].drop || cands[i].nominal || !s.nonFinite(cands[i].v) {
			continue
		}
		// Up to the clause's own verb, not across a clause of reported
		// speech or a coordinated one.
		// A verb with its own subject closes the clause ("sets the stage
		// for diplomatic efforts as Zelenskyy prepares to travel": the
		// travel is Zelenskyy's event, not a phrase of "sets").
	up:
		for x, depth := cands[i].v, 0; s.head[x] >= 0 && depth < 6; x, depth = s.head[x], depth+1 {
			switch baseDep(s.dep[x]) {
			case "ccomp", "parataxis", "conj", "csubj", "list":
				break up
			}
			h := s.head[x]
			if j, ok := at[h]; ok && !cands[j].drop {
				cands[i].drop = true
				break
			}
			if s.hasKid(h, "nsubj") || s.hasKid(h, "nsubj:pass") || s.hasKid(h, "csubj") {
				break
			}
		}
	}
	evs := make([][2]int, len(cands))
	for i, cd := range cands {
		lo := len(s.doc.Events)
		if !cd.drop {
			c.emit(s, cd)
		}
		evs[i] = [2]int{lo, len(s.doc.Events)}
	}
	c.transform(s, cands, evs)
}

// nonFinite reports whether verb v heads a subordinate clause without a
// tense or a subject of its own: a participle or an infinitive attached as
// an adverbial, a complement or a reduced relative.
func (s *scratch) nonFinite(v int) bool {
	switch s.dep[v] {
	case "advcl", "xcomp", "acl":
	default:
		return false
	}
	switch s.xpos(v) {
	case "VBG", "VB", "VBN":
	default:
		return false
	}
	for _, k := range s.kids[v] {
		switch baseDep(s.dep[k]) {
		case "nsubj", "csubj", "aux":
			if s.dep[k] != "aux" || s.lemma[k] != "to" {
				return false
			}
		}
	}
	return true
}

// genericCode reports whether code is a CAMEO root's own code ("020",
// "030", "100"): a pattern that says no more than the verb's family.
func genericCode(code string) bool { return len(code) == 3 && code[2] == '0' }

// codeVerb looks verb v up and matches its block's patterns.
func (c *Coder) codeVerb(s *scratch, v int, pre, post []int) (cand, bool) {
	refs := c.dict.Lookup(s.lemma[v])
	if s.form[v] != s.lemma[v] {
		refs = append(refs[:len(refs):len(refs)], c.dict.Lookup(s.form[v])...)
	}
	if len(refs) == 0 {
		return cand{}, false
	}
	// The longest forms whose other words are around the verb; their
	// blocks' patterns compete (the CAMEO block and dateline's own).
	bestLen := 0
	for _, r := range refs {
		f := &c.dict.Verbs[r.Verb].Forms[r.Form]
		if len(f.Words) > bestLen && s.formAround(f, v) {
			bestLen = len(f.Words)
		}
	}
	if bestLen == 0 {
		return cand{}, false
	}
	var verb *cameo.Verb
	var form *cameo.Form
	cd := cand{v: v, m: match{source: -1, target: -1, compound: -1}}
	bestScore := -1
	var bestPat *cameo.Pattern
	var patForm *cameo.Form // the form whose block gave bestPat
	seen := 0
	for _, r := range refs {
		f := &c.dict.Verbs[r.Verb].Forms[r.Form]
		if len(f.Words) != bestLen || !s.formAround(f, v) {
			continue
		}
		vb := &c.dict.Verbs[r.Verb]
		// The default code: the last block with one (dateline's own blocks
		// come after CAMEO's and override its defaults).
		if verb == nil || vb.Code != "" || f.Code != "" {
			verb, form = vb, f
		}
		if seen&(1<<(r.Verb&63)) != 0 && len(refs) < 64 {
			continue
		}
		seen |= 1 << (r.Verb & 63)
		for pi := range vb.Patterns {
			p := &vb.Patterns[pi]
			sc := p.Specificity()
			if sc*2+1 <= bestScore && !p.Null() {
				continue
			}
			m := match{source: -1, target: -1, compound: -1}
			if len(p.Pre) > 0 && !s.matchSide(c.dict, p.Pre, pre, &m) {
				continue
			}
			if !s.matchSide(c.dict, p.Post, post, &m) {
				continue
			}
			markers := 0
			if m.source >= 0 || m.target >= 0 || m.compound >= 0 {
				markers = 1
			}
			if p.Null() && s.idiom(p, v) {
				markers += 1000 // "take place", "take part": not events
			}
			if sc*2+markers > bestScore || sc*2+markers == bestScore && bestPat != nil && p.SameElems(bestPat) {
				bestScore, bestPat, cd.m, patForm = sc*2+markers, p, m, f
			}
		}
	}
	switch {
	case bestPat != nil:
		if bestPat.Null() {
			return cand{}, false
		}
		cd.code, cd.rev = bestPat.Code, bestPat.Reverse
		if cd.rev == "" && patForm.Reverse != "" && patForm.Code == cd.code {
			// "held talks with X": a pattern that only says who the other
			// side is keeps its form's reverse ("+hold talks" [046:046]),
			// whichever pattern the parse let match.
			cd.rev = patForm.Reverse
		}
		cd.pattern = bestPat.Specificity() > 0
		if cd.code == "---" {
			cd.code = ""
		}
	case form.Code != "":
		if form.Code == "---" {
			return cand{}, false
		}
		cd.code, cd.rev = form.Code, form.Reverse
	default:
		cd.code, cd.rev = verb.Code, verb.Reverse
	}
	if cd.code == "" && cd.rev == "" || cd.code == "010" {
		// 010, "make a statement", is what the quote pass records.
		return cand{}, false
	}
	return cd, true
}

// formAround reports whether the other words of a multi-word form are
// next to verb v: those before it within three tokens, those after it within
// four, in order.
func (s *scratch) formAround(f *cameo.Form, v int) bool {
	p := v
	for k := f.Verb - 1; k >= 0; k-- {
		found := false
		for q := p - 1; q >= 0 && q >= p-3; q-- {
			if s.form[q] == f.Words[k] || s.lemma[q] == f.Words[k] {
				p, found = q, true
				break
			}
		}
		if !found {
			return false
		}
	}
	p = v
	for k := f.Verb + 1; k < len(f.Words); k++ {
		found := false
		for q := p + 1; q < s.n && q <= p+4; q++ {
			if s.form[q] == f.Words[k] || s.lemma[q] == f.Words[k] {
				p, found = q, true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// actorMention reports whether mention m can be an event actor.
func (s *scratch) actorMention(m int) bool {
	mt := s.doc.Mentions[m]
	if mt.Actor >= 0 && mt.Actor < len(s.doc.Actors) {
		// An event or a work ("the Beijing Olympics") is no actor unless
		// the knowledge base codes it.
		return mt.Type != dateline.EntEvent && mt.Type != dateline.EntMisc || s.doc.Actors[mt.Actor].Code != ""
	}
	switch mt.Type {
	case dateline.EntPerson, dateline.EntOrg, dateline.EntGPE, dateline.EntNORP:
		return true
	}
	return false
}

// phraseActors returns the actor mentions of the noun phrase headed by h:
// h's own mention, else the first one among its modifiers ("the US leader",
// "Russia's president"), and those of its conjuncts.
func (s *scratch) phraseActors(h int, out []int) []int {
	if m := s.ment[h]; m >= 0 && s.actorMention(m) {
		// "the Georgian government" as one mention of Georgia: the
		// government of Georgia (GEOGOV), as PETRARCH composes a country
		// with an agent noun.
		code, prefix := s.mentionAgent(m, h)
		// "Rwanda's Senate": the possessor's country with the agent,
		// whatever legislature the name alone resolves to.
		if c := s.modifierActor(h, false); c >= 0 && c != m && s.bareMention(c) {
			if ac, ap := s.agentOf(h, true); ac != "" {
				m, code, prefix = c, ac, ap
			}
		}
		out = appendUnique(out, s.partOf(m, code, prefix))
	} else if code, prefix := s.agent(h); code != "" {
		// "a court in Guyana", "Ukrainian lawmakers": the country's agent.
		m := s.modifierActor(h, false)
		if m < 0 {
			m = s.modifierActor(h, true)
		}
		if m < 0 {
			// "ministers from the Georgian government", "dissidents from
			// military-ruled Myanmar" with the origin attached elsewhere.
			m = s.originAfter(h)
		}
		out = appendUnique(out, s.partOf(m, code, prefix))
		// "US and British activists": each country's agents.
		if m >= 0 {
			for _, k := range s.kids[h] {
				if s.ment[k] != m {
					continue
				}
				for _, c := range s.kids[k] {
					if s.dep[c] == "conj" && s.ment[c] >= 0 && s.actorMention(s.ment[c]) {
						out = appendUnique(out, s.partOf(s.ment[c], code, prefix))
					}
				}
				break
			}
		}
	} else if m := s.modifierActor(h, false); m >= 0 {
		// "assurances from the Georgian government": the modifier's own
		// agent (GEOGOV).
		code, prefix := s.mentionAgent(m, s.mentionHead(m, h))
		out = appendUnique(out, s.partOf(m, code, prefix))
	} else {
		for _, k := range s.kids[h] {
			if s.dep[k] == "nmod" && !placePrep(s.caseOf(k)) || s.dep[k] == "compound" && !isEventNoun(s.lemma[h], s.form[h]) {
				if a := s.phraseActors(k, nil); len(a) > 0 {
					out = s.phraseActors(k, out)
					break
				}
			}
		}
	}
	for _, k := range s.kids[h] {
		if s.dep[k] == "conj" || s.postCompound(h, k) {
			out = s.phraseActors(k, out)
		}
	}
	return out
}

// postCompound reports whether k, a compound of h, is a conjunct the parse
// took for a compound: an English compound comes before its head, so a
// "compound" after it with an actor of its own is a list member ("The US,
// Russia, and Switzerland").
func (s *scratch) postCompound(h, k int) bool {
	if s.dep[k] != "compound" || k < h {
		return false
	}
	m := s.ment[k]
	return m >= 0 && m != s.ment[h] && s.actorMention(m)
}

// mentionHead returns the token of mention m that heads it: the token of m
// among h's dependents (or h itself) climbed to the last token of m whose
// head is still in m.
func (s *scratch) mentionHead(m, h int) int {
	t := -1
	if s.ment[h] == m {
		t = h
	} else {
		for _, k := range s.kids[h] {
			if s.ment[k] == m {
				t = k
				break
			}
		}
		if t < 0 {
			for _, k := range s.kids[h] {
				for _, kk := range s.kids[k] {
					if s.ment[kk] == m {
						t = kk
					}
				}
			}
		}
	}
	if t < 0 {
		return h
	}
	for depth := 0; depth < 8 && s.head[t] >= 0 && s.ment[s.head[t]] == m; depth++ {
		t = s.head[t]
	}
	return t
}

// originAfter returns the actor mention of a "from"/"of" phrase right
// after agent noun h's own phrase, -1: the origin of "ministers from the
// Georgian government" whatever the parse attached the phrase to. Only
// modifiers may come between the preposition and the actor.
func (s *scratch) originAfter(h int) int {
	_, last := s.subtree(h)
	k := last + 1
	if k >= s.n || h+4 < k {
		return -1
	}
	switch s.lemma[k] {
	case "from", "of":
	default:
		return -1
	}
	for q := k + 1; q < s.n && q <= k+5; q++ {
		if m := s.ment[q]; m >= 0 && s.actorMention(m) {
			return m
		}
		switch s.upos(q) {
		case "DET", "ADJ", "NOUN", "ADV", "NUM":
		case "PUNCT":
			if s.form[q] != "-" {
				return -1
			}
		case "VERB":
			if s.xpos(q) != "VBN" {
				return -1
			}
		default:
			return -1
		}
	}
	return -1
}

// modifierActor returns the first actor mention among h's modifiers, -1;
// places ("in Alaska") count only with places set.
func (s *scratch) modifierActor(h int, places bool) int {
	// A title heading a name ("Prime Minister Romendacil" with the name a
	// flat part of "Minister"): the named person, before the country of
	// the title ("Bree Prime Minister Romendacil").
	for _, k := range s.kids[h] {
		if s.dep[k] == "flat" && k > h {
			if m := s.ment[k]; m >= 0 && s.doc.Mentions[m].Type == dateline.EntPerson && s.actorMention(m) {
				return m
			}
		}
	}
	for _, k := range s.kids[h] {
		switch s.dep[k] {
		case "compound", "amod", "nmod:poss", "nmod", "flat", "appos", "nmod:desc":
			if s.postCompound(h, k) {
				continue // a conjunct
			}
			if s.dep[k] == "nmod" && placePrep(s.caseOf(k)) && !places {
				continue // "the talks in Alaska": a place
			}
			if m := s.ment[k]; m >= 0 && s.actorMention(m) {
				if s.dep[k] == "compound" && isEventNoun(s.lemma[h], s.form[h]) {
					switch s.doc.Mentions[m].Type {
					case dateline.EntGPE, dateline.EntLoc:
						continue // "the Alaska summit": a place
					}
				}
				return m
			}
			if s.dep[k] == "nmod" || s.dep[k] == "appos" {
				if code, _ := s.agent(k); code != "" {
					continue // "hundreds of UN troops": the troops' own phrase
				}
				if m := s.ment[k]; m < 0 {
					for _, kk := range s.kids[k] {
						if m := s.ment[kk]; m >= 0 && s.actorMention(m) && (s.dep[kk] == "compound" || s.dep[kk] == "amod") {
							return m
						}
					}
				}
			}
		}
	}
	return -1
}

// agent returns the CAMEO agent code of common noun h ("court" -> JUD)
// when the Coder has an agent lexicon. The longest agent that ends at h
// and starts with its adjacent compound or adjective modifiers wins
// ("national security advisor" -> GOVMIL, not "advisor").
func (s *scratch) agent(h int) (code string, prefix bool) { return s.agentOf(h, false) }

// agentOf is agent, for proper nouns too with names set ("Senate").
func (s *scratch) agentOf(h int, names bool) (code string, prefix bool) {
	if s.agents == nil || s.upos(h) != "NOUN" && (!names || s.upos(h) != "PROPN") {
		return "", false
	}
	first := h
	for first > 0 && h-first < 3 && s.head[first-1] == h {
		switch s.dep[first-1] {
		case "compound", "amod":
			first--
			continue
		}
		break
	}
	for f := first; f < h; f++ {
		for _, last := range [2]string{s.form[h], s.lemma[h]} {
			words := append(append(s.words[:0], s.form[f:h]...), last)
			s.words = words
			if code, _, prefix = s.agents.Agent(strings.Join(words, " ")); code != "" {
				return code, prefix
			}
			if s.lemma[h] == s.form[h] {
				break
			}
		}
	}
	code, _, prefix = s.agents.Agent(s.form[h])
	if code == "" && s.lemma[h] != s.form[h] {
		code, _, prefix = s.agents.Agent(s.lemma[h])
	}
	if code == "" && collective(s.lemma[h]) {
		// "the militant group", "rebel forces": the agent is the modifier.
		for f := h - 1; f >= first; f-- {
			if code, _, prefix = s.agents.Agent(s.form[f]); code != "" {
				break
			}
		}
	}
	return code, prefix
}

// collective reports whether a noun names a body of people whose kind its
// modifiers say ("militant group", "rebel forces", "opposition members").
func collective(lemma string) bool {
	switch lemma {
	case "group", "force", "member", "faction", "movement", "organization", "organisation", "unit", "band", "camp", "wing", "supporter", "fighter", "leader", "official":
		return true
	}
	return false
}

// mentionAgent returns the agent of noun h heading mention m when m's
// actor has no agent of its own: a country or organisation headed by a
// role noun ("the Georgian government"), or a name that is an agent and
// nothing more ("Congress", "Parliament": ---LEG).
func (s *scratch) mentionAgent(m, h int) (code string, prefix bool) {
	if s.bareMention(m) {
		return s.agent(h)
	}
	if s.agents == nil {
		return "", false
	}
	if s.eliteMention(m) {
		// "President Michel Suleiman" known only as one of the elite
		// (LBNELI): the title he is given says which office (LBNGOV).
		if code, prefix = s.titleAgent(h); code != "" {
			return code, prefix
		}
	}
	if mt := s.doc.Mentions[m]; mt.Actor < 0 || mt.Actor >= len(s.doc.Actors) || s.doc.Actors[mt.Actor].Code == "" {
		if s.ment[h] == m && s.upos(h) == "PROPN" && s.span(h) == mt.Span {
			code, _, prefix = s.agents.Agent(s.form[h])
		}
	}
	return code, prefix
}

// mentionAgentAt returns the agent of mention m at its head token.
func (s *scratch) mentionAgentAt(m int) string {
	mt := s.doc.Mentions[m]
	t := s.tokenAt(mt.Start)
	if t < 0 {
		return ""
	}
	for depth := 0; depth < 8 && s.head[t] >= 0 && s.ment[s.head[t]] == m; depth++ {
		t = s.head[t]
	}
	code, _ := s.mentionAgent(m, t)
	return code
}

// eliteMention reports whether mention m's actor is coded as one of a
// country's elite (ELI), without an office.
func (s *scratch) eliteMention(m int) bool {
	mt := s.doc.Mentions[m]
	if mt.Actor < 0 || mt.Actor >= len(s.doc.Actors) {
		return false
	}
	c := s.doc.Actors[mt.Actor].Code
	return len(c) == 6 && strings.HasSuffix(c, "ELI")
}

// titleAgent returns the agent of a title before name h ("President",
// "General"), "" when none.
func (s *scratch) titleAgent(h int) (code string, prefix bool) {
	for _, k := range s.kids[h] {
		if k > h {
			break
		}
		switch s.dep[k] {
		case "nmod:desc", "compound", "flat", "amod":
			if code, prefix = s.agentOf(k, true); code != "" {
				return code, prefix
			}
		}
	}
	return "", false
}

// bareMention reports whether mention m's actor has a code without an
// agent (a country "GEO", an organisation "IGOUNO") or none, so that a role
// noun heading the mention adds its agent.
func (s *scratch) bareMention(m int) bool {
	mt := s.doc.Mentions[m]
	if mt.Actor < 0 || mt.Actor >= len(s.doc.Actors) {
		return false
	}
	return bareCode(s.doc.Actors[mt.Actor].Code)
}

// bareCode reports whether a CAMEO actor code names a country or an
// organisation without an agent: "GEO", "IGOUNO", "NGOHRI".
func bareCode(c string) bool {
	return len(c) == 3 || len(c) == 6 && orgCode(c)
}

// orgCode reports whether c starts with a transnational prefix whose
// three following letters name the organisation (IGOUNO, NGOAMN, IMGMUS).
func orgCode(c string) bool {
	if len(c) < 6 {
		return false
	}
	switch c[:3] {
	case "IGO", "NGO", "IMG", "MNC":
		return true
	}
	return false
}

// composeCode adds agent code agent to actor code base as PETRARCH does:
// after the country ("GEO" + "GOV" -> "GEOGOV"; an earlier agent gives
// way: "USAGOV" + "MIL" -> "USAMIL") or after the organisation
// ("IGOUNO" + "MIL" -> "IGOUNOMIL"); prefix agents go before it. An
// unknown country is "---".
func composeCode(base, agent string, prefix bool) string {
	switch {
	case base == "":
		base = "---"
	case orgCode(base):
		base = base[:6]
	case len(base) > 3:
		if strings.HasSuffix(base, agent) {
			return base
		}
		base = base[:3]
	}
	if prefix {
		return agent + base
	}
	return base + agent
}

// partOf returns the participant for mention m (-1: none) with an agent
// code, adding it to the sentence's participants.
func (s *scratch) partOf(m int, agent string, prefix bool) int {
	for i, p := range s.parts {
		if p.m == m && p.agent == agent && p.prefix == prefix {
			return i
		}
	}
	s.parts = append(s.parts, part{m: m, agent: agent, prefix: prefix})
	return len(s.parts) - 1
}

func appendUnique(out []int, m int) []int {
	for _, x := range out {
		if x == m {
			return out
		}
	}
	return append(out, m)
}

// subjectActors returns the source actors of verb v and whether v is a
// passive whose subject is the target (then tgt gets it).
func (s *scratch) subjectActors(v int, depth int) (src, tgt []int) {
	if depth > 4 || v < 0 {
		return nil, nil
	}
	if o := s.frontedObject(v); o >= 0 {
		// "Ukrainian lawmakers Tuesday endorsed": the parse took the date
		// for the subject and the subject for an object.
		return s.phraseActors(o, nil), nil
	}
	for _, k := range s.kids[v] {
		switch s.dep[k] {
		case "nsubj", "csubj":
			if s.dep[v] == "acl:relcl" && s.head[v] >= 0 && s.upos(k) == "PRON" {
				// "allies, who have provided support": the relative's antecedent.
				return s.phraseActors(s.head[v], nil), nil
			}
			// Several subjects are conjuncts the parse did not chain ("The
			// US, Russia, and Switzerland met").
			for _, k2 := range s.kids[v] {
				if k2 != k && s.dep[k2] == s.dep[k] {
					src = s.phraseActors(k2, src)
				}
			}
			return s.phraseActors(k, src), nil
		case "nsubj:pass":
			tgt = s.phraseActors(k, nil)
			return s.passiveAgent(v), tgt
		}
	}
	h := s.head[v]
	if h < 0 {
		return nil, nil
	}
	switch baseDep(s.dep[v]) {
	case "xcomp":
		if objectControl(s.lemma[h]) {
			if o := s.child(h, "obj", "iobj"); o >= 0 {
				return s.phraseActors(o, nil), nil
			}
		}
		src, tgt := s.subjectActors(h, depth+1)
		if src == nil {
			// "Obama is scheduled to attend": the passive's subject.
			return tgt, nil
		}
		return src, nil
	case "conj", "advcl":
		src, tgt := s.subjectActors(h, depth+1)
		if src == nil && tgt == nil && s.dep[v] == "conj" {
			// Conjoined verb phrases share the subject of the first, which
			// the parse may have hung elsewhere: the nearest subject
			// before them.
			return s.subjectBefore(v), nil
		}
		return src, tgt
	case "acl":
		if s.xpos(v) == "VBN" && s.dep[v] == "acl" && s.child(v, "obj", "iobj", "nmod") < 0 && !s.nounNext(v) {
			// "soldiers killed in Ukraine", "a student jailed by the
			// court": a passive participle's noun is what it happened to.
			return s.passiveAgent(v), s.phraseActors(h, nil)
		}
		return s.phraseActors(h, nil), nil
	}
	return nil, nil
}

// nounNext reports whether a noun phrase starts right after verb v (after
// its particle): v then has an object, whatever the parse says, and is no
// passive ("crowds burned down its embassy").
func (s *scratch) nounNext(v int) bool {
	k := v + 1
	if k < s.n && s.dep[k] == "compound:prt" {
		k++
	}
	if k >= s.n {
		return false
	}
	switch s.upos(k) {
	case "DET", "PRON", "NOUN", "PROPN", "NUM":
		return true
	}
	return false
}

// subjectBefore returns the actors of the nearest active subject before
// token v whose verb also comes before v, outside relative clauses; nil
// when none.
func (s *scratch) subjectBefore(v int) []int {
	for k := v - 1; k >= 0; k-- {
		if s.dep[k] != "nsubj" {
			continue
		}
		h := s.head[k]
		if h < 0 || h >= v || s.dep[h] == "acl:relcl" {
			continue
		}
		return s.phraseActors(k, nil)
	}
	return nil
}

// passiveAgent returns the agent of passive verb v: its "by" phrase, else
// where it came from ("a mortar bomb was fired at it from the Gaza Strip",
// "aid was sent from Germany").
func (s *scratch) passiveAgent(v int) []int {
	for _, a := range s.kids[v] {
		if s.dep[a] == "obl:agent" || baseDep(s.dep[a]) == "obl" && s.caseOf(a) == "by" {
			return s.phraseActors(a, nil)
		}
	}
	for _, a := range s.kids[v] {
		if baseDep(s.dep[a]) == "obl" && s.caseOf(a) == "from" {
			if src := s.phraseActors(a, nil); len(src) > 0 {
				return src
			}
		}
	}
	return nil
}

// frontedObject returns a nominal object before active verb v that is
// really its subject, -1: English puts the object before the verb only in
// relative clauses and questions, so an object noun before the verb whose
// subject is missing or is a time ("Tuesday") is the subject.
func (s *scratch) frontedObject(v int) int {
	obj := -1
	for _, k := range s.kids[v] {
		switch baseDep(s.dep[k]) {
		case "nsubj", "csubj":
			if s.dep[k] == "nsubj:pass" || !s.timeTok(k) {
				return -1
			}
		case "obj":
			if k < v && obj < 0 {
				switch s.upos(k) {
				case "NOUN", "PROPN":
					obj = k
				}
			}
		}
	}
	if obj >= 0 && (s.dep[v] == "acl:relcl" || s.child(v, "mark") >= 0) {
		return -1
	}
	return obj
}

// timeTok reports whether local token t is inside a time expression or is
// a weekday or month name.
func (s *scratch) timeTok(t int) bool {
	sp := s.span(t)
	for _, ti := range s.sentTimes {
		if s.doc.Times[ti].Span.Contains(sp) {
			return true
		}
	}
	switch s.lemma[t] {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tonight":
		return true
	}
	return false
}

// targetPrep ranks the prepositions of obliques that name a target (1 is
// best); 0 for the others ("in", "at": places).
func targetPrep(p string) int {
	switch p {
	case "with":
		return 1
	case "to":
		return 2
	case "against":
		return 3
	case "on", "toward", "towards", "into":
		return 4
	case "from", "for", "over", "about", "of", "at":
		return 5
	}
	return 0
}

// objectActors returns the target actors of verb v: its object, else an
// oblique with a target preposition.
func (s *scratch) objectActors(v int) []int {
	fronted := s.frontedObject(v)
	for _, k := range s.kids[v] {
		if k == fronted {
			continue // the subject
		}
		switch s.dep[k] {
		case "obj", "iobj", "dobj":
		case "xcomp":
			// "called Zelenskyy a dictator" parsed with a nominal xcomp.
			if u := s.upos(k); u != "PROPN" && u != "NOUN" && u != "PRON" {
				continue
			}
		default:
			continue
		}
		if a := s.phraseActors(k, nil); len(a) > 0 {
			return a
		}
	}
	var best []int
	bestRank := 99
	for _, k := range s.kids[v] {
		if baseDep(s.dep[k]) != "obl" && s.dep[k] != "nmod" {
			continue
		}
		r := targetPrep(s.caseOf(k))
		if r == 0 || r >= bestRank {
			continue
		}
		if a := s.phraseActors(k, nil); len(a) > 0 {
			best, bestRank = a, r
		}
	}
	if best != nil {
		return best
	}
	// "launched missiles at the government", "travel to Washington for
	// meetings with officials": an object's own target.
	for _, k := range s.kids[v] {
		if s.dep[k] == "obj" || baseDep(s.dep[k]) == "obl" {
			for _, kk := range s.kids[k] {
				if s.dep[kk] == "nmod" && targetPrep(s.caseOf(kk)) > 0 && targetPrep(s.caseOf(kk)) < 5 {
					if a := s.phraseActors(kk, nil); len(a) > 0 {
						return a
					}
				}
			}
		}
	}
	// "held talks with President Michel Suleiman" with the "with" phrase
	// attached elsewhere: the actor the words after the object name.
	for _, k := range s.kids[v] {
		if s.dep[k] == "obj" && k > v && isEventNoun(s.lemma[k], s.form[k]) {
			if m := s.prepActorAfter(k); m >= 0 {
				return []int{s.partOf(m, s.mentionAgentAt(m), false)}
			}
		}
	}
	// "attend a summit on the unrest in Iran": the first actor down the
	// object's chain of nominal modifiers, as PETRARCH takes the first
	// actor of the verb phrase.
	for _, k := range s.kids[v] {
		if s.dep[k] == "obj" && k > v {
			if a := s.nestedActors(k, 0); len(a) > 0 {
				return a
			}
		}
	}
	// Where it happened, as PETRARCH codes it when nothing else is the
	// target: "exercises in Alaska" (Russia -> United States).
	for _, k := range s.kids[v] {
		if baseDep(s.dep[k]) == "obl" && placePrep(s.caseOf(k)) {
			if a := s.phraseActors(k, nil); len(a) > 0 {
				return a
			}
		}
		if s.dep[k] == "obj" || baseDep(s.dep[k]) == "obl" {
			// (The place of the object's or the oblique's phrase, where
			// parsers disagree whether it hangs on the verb or the noun:
			// "appealed for peace in X".)
			for _, kk := range s.kids[k] {
				if s.dep[kk] == "nmod" && placePrep(s.caseOf(kk)) {
					if a := s.phraseActors(kk, nil); len(a) > 0 {
						return a
					}
				}
			}
		}
	}
	return nil
}

// pronounParts reports whether participants ps all stand for pronouns.
func (s *scratch) pronounParts(ps []int) bool {
	for _, p := range ps {
		if m := s.parts[p].m; m < 0 || s.doc.Mentions[m].Type != dateline.EntPron {
			return false
		}
	}
	return true
}

// nestedActors returns the actors of the first nominal modifier of h (in
// text order, depth first, five levels down, through reduced relatives and
// their phrases) that has any.
func (s *scratch) nestedActors(h, depth int) []int {
	if depth > 4 {
		return nil
	}
	for _, k := range s.kids[h] {
		switch d := baseDep(s.dep[k]); {
		case s.dep[k] == "nmod" || s.dep[k] == "nmod:poss":
		case d == "acl" || d == "obl" || d == "obj":
			// "an attack targeting non-Muslims at a mall in Kenya's
			// capital", "memos sent by X": through a participle's phrases.
			if s.upos(h) != "VERB" && baseDep(s.dep[k]) != "acl" {
				continue
			}
		default:
			continue
		}
		// (A possessive pronoun is the subject's own: "renewing his
		// license in Michel Delving".)
		if a := s.phraseActors(k, nil); len(a) > 0 && !s.pronounParts(a) {
			return a
		}
		if a := s.nestedActors(k, depth+1); len(a) > 0 {
			return a
		}
	}
	return nil
}

// giveVerb reports whether lemma gives its object ("provide support").
func giveVerb(lemma string) bool {
	switch lemma {
	case "provide", "give", "offer", "send", "deliver", "supply", "pledge", "extend", "grant":
		return true
	}
	return false
}

// placePrep reports whether a preposition makes a place or a time of its
// noun ("in Alaska", "at the summit").
func placePrep(p string) bool {
	switch p {
	case "in", "at", "near", "during", "inside", "outside", "across", "throughout":
		return true
	}
	return false
}

// isEventNoun reports whether a noun names an event (its compound place is
// where it happens: "the Alaska summit").
func isEventNoun(lemma, form string) bool {
	code, _ := nounCode(lemma, form)
	return code != ""
}

// idiom reports whether pattern p's first word after the verb is the word
// right after verb v ("take place").
func (s *scratch) idiom(p *cameo.Pattern, v int) bool {
	if len(p.Pre) > 0 || len(p.Post) == 0 || v+1 >= s.n {
		return false
	}
	e := p.Post[0]
	return e.Kind == cameo.ElemWord && s.wordMatch(e.Text, e.Exact, v+1)
}
