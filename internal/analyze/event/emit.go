package event

import (
	"strings"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/cameo"
)

// emit attaches actors, status, time, place and asserter to a coded
// trigger and appends the event(s) to the document.
func (c *Coder) emit(s *scratch, cd cand) {
	v := cd.v
	src, tgt := s.actors(cd)
	if len(src) == 0 && len(tgt) == 0 {
		return
	}
	if cd.nominal && len(src) == 0 {
		return
	}
	code := cd.code
	if code == "" {
		code, src, tgt = cd.rev, tgt, src
	}
	ev := dateline.Event{
		Code:     code,
		Plover:   c.plover.Event(code),
		Trigger:  s.span(v),
		Evidence: s.sent.Span,
		Asserter: s.asserter(s.span(v)),
	}
	ev.Status = s.status(v, cd.nominal)
	if ev.Status == dateline.StatusRefused {
		// "refused to release the prisoners" is CAMEO's 1243, not a
		// release that did not happen.
		if r := cameo.Refusal(code); r != "" {
			ev.Code, ev.Plover = r, c.plover.Event(r)
		}
	}
	tv := v
	if !cd.nominal && s.toBlame(v) && s.head[v] >= 0 && baseDep(s.dep[v]) == "ccomp" {
		// The blaming is the saying: "he had implied Ukraine was to blame"
		// is told as before the report.
		tv = s.head[v]
	}
	ev.Time, ev.TimeValue = s.when(tv, cd.nominal, ev.Status)
	if ev.Status == dateline.StatusHappened && ev.Time >= 0 && s.future(ev.Time) {
		ev.Status = dateline.StatusPlanned
	}
	ev.Place = s.place(v)
	// A compound subject with no target: its members act on each other
	// ("Brazil and the United States are seeking to deepen a partnership").
	if len(tgt) == 0 && len(src) > 1 {
		for _, a := range src {
			for _, b := range src {
				if a == b || s.sameActor(a, b) {
					continue
				}
				e := ev
				e.Source = []dateline.EventActor{s.eventActor(a)}
				e.Target = []dateline.EventActor{s.eventActor(b)}
				s.doc.Events = append(s.doc.Events, e)
			}
		}
		return
	}
	ev.Source = s.eventActors(src)
	ev.Target = s.eventActors(tgt)
	s.doc.Events = append(s.doc.Events, ev)
	// "[046:046]", "[042:043]": the target's side of the same event (they
	// negotiate with each other; the host receives the visit).
	if cd.code != "" && cd.rev != "" && len(ev.Target) > 0 && len(ev.Source) > 0 {
		r := ev
		r.Code, r.Plover = cd.rev, c.plover.Event(cd.rev)
		r.Source, r.Target = ev.Target, ev.Source
		s.doc.Events = append(s.doc.Events, r)
	}
}

// actors returns the source and target participants of candidate cd.
func (s *scratch) actors(cd cand) (src, tgt []int) {
	v := cd.v
	src, tgt = cd.src, cd.tgt
	if cd.m.compound >= 0 {
		src = s.phraseActors(cd.m.compound, nil)
	}
	if cd.m.source >= 0 {
		src = []int{s.markerPart(cd.m.source)}
	}
	if cd.m.target >= 0 {
		tgt = []int{s.markerPart(cd.m.target)}
	}
	if src == nil && !cd.nominal && s.toBlame(v) {
		// "Ukraine was to blame": its subject is the one blamed, by whoever
		// says so ("he implied Ukraine was to blame").
		if k := s.child(v, "nsubj"); k >= 0 {
			tgt = s.phraseActors(k, nil)
		}
		if h := s.head[v]; h >= 0 && s.upos(h) == "VERB" && baseDep(s.dep[v]) == "ccomp" {
			src, _ = s.subjectActors(h, 0)
		}
		return src, s.without(tgt, src)
	}
	if src == nil {
		var passive []int
		if cd.nominal {
			src = s.nounGovernorSubject(v)
		} else {
			src, passive = s.subjectActors(v, 0)
		}
		if tgt == nil {
			tgt = passive
		}
	}
	if tgt == nil && !cd.nominal {
		tgt = s.objectActors(v)
	}
	if tgt == nil && cd.composed {
		tgt = s.objectActors(cd.inner)
	}
	return src, s.without(tgt, src)
}

// toBlame reports whether verb v is "blame" in "X is to blame", where X
// is blamed, not blaming.
func (s *scratch) toBlame(v int) bool {
	if s.lemma[v] != "blame" || s.child(v, "obj") >= 0 {
		return false
	}
	to, be := false, false
	for _, k := range s.kids[v] {
		switch {
		case k < v && s.lemma[k] == "to" && (s.dep[k] == "mark" || s.dep[k] == "aux"):
			to = true
		case k < v && s.lemma[k] == "be" && (s.dep[k] == "cop" || baseDep(s.dep[k]) == "aux"):
			be = true
		}
	}
	return to && be
}

// markerPart returns the participant of the mention at local token t,
// where a pattern's actor marker matched: with the agent of the noun that
// heads the mention when the mention's actor has none ("the Georgian
// government" -> GEOGOV).
func (s *scratch) markerPart(t int) int {
	m := s.ment[t]
	h := t
	for depth := 0; depth < 8 && s.head[h] >= 0 && s.ment[s.head[h]] == m; depth++ {
		h = s.head[h]
	}
	code, prefix := s.mentionAgent(m, h)
	return s.partOf(m, code, prefix)
}

// sameActor reports whether participants a and b are the same actor.
func (s *scratch) sameActor(a, b int) bool {
	pa, pb := s.parts[a], s.parts[b]
	if pa.agent != pb.agent {
		return false
	}
	if pa.m < 0 || pb.m < 0 {
		return pa.m == pb.m
	}
	ma, mb := s.doc.Mentions[pa.m], s.doc.Mentions[pb.m]
	if ma.Actor >= 0 && ma.Actor < len(s.doc.Actors) {
		return ma.Actor == mb.Actor
	}
	return ma.In(s.doc.Text) == mb.In(s.doc.Text)
}

// without returns xs minus the actors in ys.
func (s *scratch) without(xs, ys []int) []int {
	out := xs[:0:0]
	for _, x := range xs {
		keep := true
		for _, y := range ys {
			if x == y || s.sameActor(x, y) {
				keep = false
				break
			}
		}
		if keep {
			out = append(out, x)
		}
	}
	return out
}

func (s *scratch) eventActors(ms []int) []dateline.EventActor {
	if len(ms) == 0 {
		return nil
	}
	out := make([]dateline.EventActor, 0, len(ms))
	for i, m := range ms {
		dup := false
		for _, p := range ms[:i] {
			if s.sameActor(p, m) {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, s.eventActor(m))
		}
	}
	return out
}

// eventActor describes participant p: the document actor its mention
// refers to (name and code) when the actor pass resolved it, else the
// mention's text; with an agent, the country's code and the agent's.
func (s *scratch) eventActor(p int) dateline.EventActor {
	pt := s.parts[p]
	ea := dateline.EventActor{Actor: -1}
	if pt.m >= 0 {
		mt := s.doc.Mentions[pt.m]
		ea.Text = mt.In(s.doc.Text)
		if mt.Actor >= 0 && mt.Actor < len(s.doc.Actors) {
			a := s.doc.Actors[mt.Actor]
			ea.Actor, ea.Code = mt.Actor, a.Code
			if a.Name != "" {
				ea.Text = a.Name
			}
		}
	}
	if pt.agent != "" {
		ea.Code = composeCode(ea.Code, pt.agent, pt.prefix)
		ea.Actor = -1
		ea.Text = strings.TrimSpace(ea.Text + " " + strings.ToLower(pt.agent))
	}
	return ea
}

// asserter returns the quote whose content holds the trigger, -1.
func (s *scratch) asserter(trig dateline.Span) int {
	for i, q := range s.doc.Quotes {
		if q.Span.Contains(trig) {
			return i
		}
	}
	return -1
}

// place returns a GPE or LOC in an "in"/"at" oblique of v or of the verbs
// v depends on as an xcomp.
func (s *scratch) place(v int) string {
	for x, depth := v, 0; x >= 0 && depth < 3; x, depth = s.head[x], depth+1 {
		for _, k := range s.kids[x] {
			if d := baseDep(s.dep[k]); d != "obl" && d != "nmod" {
				continue
			}
			switch s.caseOf(k) {
			case "in", "at", "near":
			default:
				continue
			}
			if m := s.ment[k]; m >= 0 {
				switch s.doc.Mentions[m].Type {
				case dateline.EntGPE, dateline.EntLoc:
					return s.doc.Mentions[m].In(s.doc.Text)
				}
			}
		}
		if s.dep[x] != "xcomp" && s.dep[x] != "conj" {
			break
		}
	}
	return ""
}
