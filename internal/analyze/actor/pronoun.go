package actor

import (
	"math"
	"sort"
	"strings"

	"github.com/dateline-news/dateline"
)

// Salience weights of Lappin and Leass (1994).
const (
	wRecency = 100
	wSubject = 80
	wObject  = 50
	wOblique = 40
	wHead    = 80
	wNonAdv  = 50
	window   = 3 // sentences back
)

type gramRole uint8

const (
	roleOther gramRole = iota
	roleSubj
	roleObj
	roleObl
	rolePoss
	roleAttr
)

// unit is a candidate antecedent: one actor, or a group (the members of a
// group mention, or two coordinated names).
type unit struct {
	actors []int
	last   int32
	score  float64
}

// pronouns adds a PRON mention for every personal pronoun and resolves it.
func (r *run) pronouns() {
	sort.SliceStable(r.ms, func(a, b int) bool { return r.ms[a].Start < r.ms[b].Start })
	r.indexTokens()
	var out []ment
	n := int32(len(r.doc.Tokens))
	next := 0 // r.ms[:next] start before the current token
	for p := int32(0); p < n; p++ {
		for next < len(r.ms) && r.ms[next].tok0 >= 0 && r.ms[next].tok0 < p {
			next++
		}
		if r.tokMent[p] >= 0 || r.tokSent[p] < 0 {
			continue
		}
		cls, ok := pronouns[r.lower(p)]
		if !ok {
			continue
		}
		tk := r.doc.Tokens[p]
		if tk.UPOS != "" && tk.UPOS != "PRON" && tk.UPOS != "DET" {
			continue
		}
		actors := r.resolve(p, cls, r.ms[:next], out)
		base := ment{Mention: dateline.Mention{Span: tk.Span, Type: dateline.EntPron, Actor: -1}, tok0: p, tok1: p + 1, sent: r.tokSent[p]}
		if len(actors) == 0 {
			out = append(out, base)
			continue
		}
		for _, a := range actors {
			m := base
			m.Actor = a
			if len(actors) > 1 {
				m.Role = RoleMember
			}
			if p > r.cls[a].last {
				r.cls[a].last = p
			}
			out = append(out, m)
		}
	}
	r.ms = append(r.ms, out...)
}

// resolve returns the actors a pronoun at token p refers to.
func (r *run) resolve(p int32, cls pronClass, before, prons []ment) []int {
	s := r.tokSent[p]
	units := map[string]*unit{}
	addUnit := func(actors []int, m *ment) {
		w := r.weight(m, s)
		if w == 0 {
			return
		}
		key := keyOf(actors)
		u := units[key]
		if u == nil {
			u = &unit{actors: actors}
			units[key] = u
		}
		u.score += w
		u.last = max(u.last, m.tok0)
	}
	consider := func(ms []ment) {
		for k := 0; k < len(ms); k++ {
			m := &ms[k]
			if m.tok0 < 0 || m.tok0 >= p || m.sent < s-window || m.sent > s {
				continue
			}
			// A group mention: the members over the same span.
			if m.Role == RoleMember {
				j := k
				var actors []int
				for j < len(ms) && ms[j].Span == m.Span && ms[j].Role == RoleMember {
					actors = append(actors, ms[j].Actor)
					j++
				}
				if cls == pronPlural {
					addUnit(actors, m)
				}
				k = j - 1
				continue
			}
			if m.Actor < 0 || !r.agrees(m, cls) || r.bound(m, p) {
				continue
			}
			if cls == pronThing && r.roleOf(m) != roleSubj {
				continue // "its" only for a subject: not "the war in Ukraine approaches its"
			}
			addUnit([]int{m.Actor}, m)
			// Two coordinated persons are a plural antecedent.
			if cls == pronPlural {
				if o := r.coordinated(ms, k); o >= 0 {
					addUnit([]int{m.Actor, ms[o].Actor}, m)
				}
			}
		}
	}
	consider(before)
	consider(prons)
	var best *unit
	for _, u := range units {
		if cls == pronPlural && len(u.actors) == 1 && r.cls[u.actors[0]].typ == dateline.EntPerson {
			continue // "they" is not one person
		}
		if (cls == pronMasc || cls == pronFem) && len(u.actors) > 1 {
			continue
		}
		if best == nil || u.score > best.score+1e-9 || math.Abs(u.score-best.score) <= 1e-9 && u.last > best.last {
			best = u
		}
	}
	if best == nil {
		return nil
	}
	return best.actors
}

func keyOf(actors []int) string {
	var b strings.Builder
	for _, a := range actors {
		b.WriteString(itoa(a))
		b.WriteByte(',')
	}
	return b.String()
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var buf [20]byte
	i := len(buf)
	for n > 0 {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	return string(buf[i:])
}

// agrees reports whether a mention's actor can be the referent of a
// pronoun class.
func (r *run) agrees(m *ment, cls pronClass) bool {
	c := r.cls[m.Actor]
	if c.place || m.Role == RolePlace {
		return false
	}
	switch cls {
	case pronMasc, pronFem:
		return c.typ == dateline.EntPerson
	case pronPlural:
		return c.typ == dateline.EntOrg || c.typ == dateline.EntNORP || c.typ == dateline.EntPerson
	case pronThing:
		return (c.typ == dateline.EntOrg || c.typ == dateline.EntGPE) && !m.attr
	}
	return false
}

// coordinated returns the index in ms of a person mention coordinated with
// ms[k] by "and" right after it ("Putin and Trump"), or -1.
func (r *run) coordinated(ms []ment, k int) int {
	m := &ms[k]
	if r.cls[m.Actor].typ != dateline.EntPerson || r.lower(m.tok1) != "and" {
		return -1
	}
	for j := k + 1; j < len(ms); j++ {
		if ms[j].tok0 == m.tok1+1 && ms[j].Actor >= 0 && ms[j].Actor != m.Actor && r.cls[ms[j].Actor].typ == dateline.EntPerson {
			return j
		}
		if ms[j].tok0 > m.tok1+1 {
			break
		}
	}
	return -1
}

// bound reports whether binding rules out m as the antecedent of the
// pronoun at p: coordinated with it ("Trump said he and Putin"), or the
// subject of an object pronoun's own clause ("Trump praised him").
func (r *run) bound(m *ment, p int32) bool {
	if m.tok1 == p-1 && r.lower(p-1) == "and" {
		return true
	}
	if !objectPronouns[r.lower(p)] || !r.sameSent(m.tok0, p) || r.roleOf(m) != roleSubj {
		return false
	}
	if r.parsed {
		h := r.doc.Tokens[m.tok1-1].Head
		return h >= 0 && h == r.doc.Tokens[p].Head
	}
	for t := m.tok1; t < p; t++ {
		switch r.lower(t) {
		case "that", ",", "and", "but", "after", "before", "when", "as", "because", "while", "who", "if", ";":
			return false
		}
	}
	return true
}

// weight is the salience a mention gives its actor for a pronoun in
// sentence s: recency halved per sentence, grammatical role, head-noun
// emphasis and non-adverbial emphasis.
func (r *run) weight(m *ment, s int32) float64 {
	role := r.roleOf(m)
	w := float64(wRecency + wNonAdv)
	switch role {
	case roleSubj:
		w += wSubject + wHead
	case roleObj:
		w += wObject + wHead
	case roleObl:
		w += wOblique + wHead
	case rolePoss:
		w += 0
	case roleAttr:
		return 0
	default:
		w += wHead
	}
	return w / float64(int(1)<<uint(s-m.sent))
}

// roleOf is the grammatical role of a mention: from the parse when there is
// one, else from its position in the sentence.
func (r *run) roleOf(m *ment) gramRole {
	if m.attr || m.Role == RoleAttribute {
		return roleAttr
	}
	if m.tok0 < 0 {
		return roleOther
	}
	toks := r.doc.Tokens
	if r.parsed {
		h := m.tok1 - 1
		for k := 0; k < 4 && h >= 0 && (toks[h].Dep == "conj" || toks[h].Dep == "appos" || toks[h].Dep == "flat") && toks[h].Head >= 0; k++ {
			h = toks[h].Head
		}
		switch d := toks[h].Dep; {
		case strings.HasPrefix(d, "nsubj"):
			return roleSubj
		case d == "obj":
			return roleObj
		case d == "iobj" || strings.HasPrefix(d, "obl"):
			return roleObl
		case d == "nmod:poss":
			return rolePoss
		case d == "compound" || d == "amod":
			return roleAttr
		}
		return roleOther
	}
	if int(m.tok1) < len(toks) && (r.word(m.tok1) == "’s" || r.word(m.tok1) == "'s") {
		return rolePoss
	}
	if m.tok0 > 0 && r.sameSent(m.tok0-1, m.tok0) {
		switch toks[m.tok0-1].UPOS {
		case "ADP":
			return roleObl
		case "VERB":
			return roleObj
		}
	}
	// A subject comes before the first verb of its clause.
	for t := m.tok0 - 1; t >= 0 && r.sameSent(t, m.tok0); t-- {
		if u := toks[t].UPOS; u == "VERB" || u == "AUX" {
			return roleObl
		}
		if lw := r.lower(t); lw == "that" || lw == "," || lw == "and" || lw == "but" {
			return roleSubj
		}
	}
	return roleSubj
}
