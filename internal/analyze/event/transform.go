package event

import (
	"strings"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/cameo"
)

// The TRANSFORMATIONS of PETRARCH's CAMEO 2.0 verb dictionary rewrite an
// attack nested under a verb of saying or wanting into one event of the
// governing verb's subject:
//
//	a (a b ATTACK) SAY   = a b 015   "X said it attacked Y": X claims responsibility
//	a (b . ATTACK) SAY   = a b 112   "X said Y attacked Z": X accuses Y
//	a (_ b ATTACK) WANT  = a b 138   "X wants to attack Y": X threatens Y
//	a (b . ATTACK) WANT  = a b 021   "X wants Y to attack Z": X appeals to Y
//
// (CLAIM rewrites as SAY.) Other events under a verb of saying are kept
// as they are ("a (a b Q) SAY = a b Q"); so are attacks reported in a
// trailing attribution ("X attacked Y, Z said"), where the attack heads
// the sentence.

// governs is how a verb governs the clause of an event below it.
type governs int

const (
	governsNone governs = iota
	governsSay          // its ccomp: "said that", "claimed that"
	governsWant         // its xcomp: "wants to", "wants Y to"
)

// baseCode returns the dictionary's default code of a one-word verb (the
// form's own code, else its block's); dateline's blocks, read last, win.
func (c *Coder) baseCode(s *scratch, v int) string {
	code := ""
	for _, w := range [2]string{s.lemma[v], s.form[v]} {
		for _, r := range c.dict.Lookup(w) {
			vb := &c.dict.Verbs[r.Verb]
			f := &vb.Forms[r.Form]
			if len(f.Words) != 1 {
				continue
			}
			switch {
			case f.Code != "":
				code = f.Code
			case vb.Code != "":
				code = vb.Code
			}
		}
		if s.lemma[v] == s.form[v] {
			break
		}
	}
	return code
}

// governor returns the verb that governs inner verb v as a verb of saying
// (v heads its ccomp, or a conjunct of it) or of wanting (v is its xcomp),
// and how; -1 and governsNone otherwise.
func (c *Coder) governor(s *scratch, v int) (int, governs) {
	for depth := 0; depth < 4 && s.dep[v] == "conj" && s.head[v] >= 0; depth++ {
		v = s.head[v]
	}
	h := s.head[v]
	if h < 0 || s.upos(h) != "VERB" {
		return -1, governsNone
	}
	switch baseDep(s.dep[v]) {
	case "ccomp":
		if v < h {
			// "X attacked Y, Z said": a trailing attribution reports the
			// attack, it does not accuse.
			return -1, governsNone
		}
		// SAY is the 010 block (say, state, tell, announce ...); CLAIM
		// (allege, claim) codes 110.
		if code := c.baseCode(s, h); code == "010" || code == "110" {
			return h, governsSay
		}
	case "xcomp":
		if _, ctl := controlStatus(s.lemma[h]); !ctl && c.baseCode(s, h) == "030" {
			return h, governsWant
		}
	}
	return -1, governsNone
}

// wantsAttack reports whether candidate cd is an attack under a verb of
// wanting: its coding gives way to the transformation, not the reverse.
func (c *Coder) wantsAttack(s *scratch, cd cand) bool {
	if cd.nominal || !attack(cd.code) {
		return false
	}
	_, g := c.governor(s, cd.v)
	return g == governsWant
}

// anyAttack reports whether one of evs is an attack.
func (c *Coder) anyAttack(evs []dateline.Event) bool {
	for _, e := range evs {
		if attack(e.Code) {
			return true
		}
	}
	return false
}

// attack reports whether a CAMEO code is material conflict (18x assault,
// 19x fight, 20x mass violence), the ATTACK of the transformations ("Israel
// said a mortar bomb was fired at it": an accusation).
func attack(code string) bool {
	return strings.HasPrefix(code, "18") || strings.HasPrefix(code, "19") || strings.HasPrefix(code, "20")
}

// transform applies the transformations to the events the candidates
// emitted: evs[i] is the range [lo, hi) of doc.Events that cands[i] gave.
// The governing verb's own events are dropped when a transformation takes
// its clause.
func (c *Coder) transform(s *scratch, cands []cand, evs [][2]int) {
	events := s.doc.Events
	var drop []int // governors whose events go
	for i, cd := range cands {
		lo, hi := evs[i][0], evs[i][1]
		if cd.nominal || lo == hi {
			continue
		}
		intent := s.futureAux(cd.v)
		if !intent && !c.anyAttack(s.doc.Events[lo:hi]) {
			continue
		}
		h, g := c.governor(s, cd.v)
		if g == governsNone {
			continue
		}
		src, _ := s.subjectActors(h, 0)
		a := s.eventActors(src)
		if len(a) == 0 {
			continue
		}
		done := false
		for k := lo; k < hi; k++ {
			e := &events[k]
			// The inner subject is the governing one's when their actors
			// agree or it is a pronoun ("Obama and Putin said they will
			// attack"), or absent with no actor of its own.
			pron, explicit := s.pronounSubject(cd.v)
			same := subsetActors(e.Source, a) || pron && (explicit || len(e.Source) == 0)
			if !attack(e.Code) {
				// "Israel announced it would free 150 prisoners": saying
				// what one will do is an intent (030 + 0841 = 0352).
				if code := cameo.Compose("030", e.Code); intent && g == governsSay && same && code != "" {
					e.Code, e.Plover, e.Source = code, c.plover.Event(code), a
					e.Status = dateline.StatusHappened
					done = true
				}
				continue
			}
			switch {
			case g == governsSay && same:
				e.Code = "015"
			case g == governsSay && len(e.Source) > 0:
				e.Code, e.Target = "112", e.Source
			case g == governsWant && same:
				e.Code = "138"
			case g == governsWant && len(e.Source) > 0:
				e.Code, e.Target = "021", e.Source
			default:
				continue
			}
			e.Source, e.Plover = a, c.plover.Event(e.Code)
			done = true
		}
		if done {
			drop = append(drop, h)
		}
	}
	if len(drop) == 0 {
		return
	}
	// Drop the governors' own events and the duplicates the rewriting made
	// ("claimed that ISIL had attacked Iraq and taken Mosul": one accusation).
	out := events[:evs[0][0]]
	for i, cd := range cands {
		gone := false
		for _, h := range drop {
			gone = gone || cd.v == h
		}
		if gone {
			continue
		}
		for k := evs[i][0]; k < evs[i][1]; k++ {
			if !hasEvent(out[evs[0][0]:], events[k]) {
				out = append(out, events[k])
			}
		}
	}
	s.doc.Events = out
}

// futureAux reports whether verb v has a future auxiliary ("will", "would",
// "'ll", "shall").
func (s *scratch) futureAux(v int) bool {
	for _, k := range s.kids[v] {
		if baseDep(s.dep[k]) == "aux" {
			switch s.lemma[k] {
			case "will", "would", "shall", "'ll", "wo":
				return true
			}
		}
	}
	return false
}

// pronounSubject reports whether verb v's subject is a pronoun or missing
// ("said they had attacked", "wants to attack"), and whether it is there.
func (s *scratch) pronounSubject(v int) (pron, explicit bool) {
	for _, k := range s.kids[v] {
		switch baseDep(s.dep[k]) {
		case "nsubj", "csubj":
			return s.upos(k) == "PRON", true
		}
	}
	return true, false
}

// sameActor reports whether two event actors are the same.
func sameEventActor(a, b dateline.EventActor) bool {
	return a.Code == b.Code && a.Actor == b.Actor && (a.Actor >= 0 || a.Text == b.Text)
}

// sameActors reports whether two actor lists name the same actors.
func sameActors(a, b []dateline.EventActor) bool {
	return len(a) == len(b) && subsetActors(a, b) && subsetActors(b, a)
}

// subsetActors reports whether the non-empty list a names only actors of b.
func subsetActors(a, b []dateline.EventActor) bool {
	if len(a) == 0 {
		return false
	}
	for _, x := range a {
		found := false
		for _, y := range b {
			found = found || sameEventActor(x, y)
		}
		if !found {
			return false
		}
	}
	return true
}

// hasEvent reports whether evs holds an event with e's code and actors
// (one coding however many verbs the rewritten clause has).
func hasEvent(evs []dateline.Event, e dateline.Event) bool {
	for _, x := range evs {
		if x.Code == e.Code && sameActors(x.Source, e.Source) && sameActors(x.Target, e.Target) {
			return true
		}
	}
	return false
}
