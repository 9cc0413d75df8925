package timeline

import (
	"strings"

	"github.com/dateline-news/dateline"
)

// Participant is an actor of an event or a position, as stored across
// documents: its knowledge-base identity when resolved, its canonical name
// and its CAMEO code.
type Participant struct {
	ID   dateline.ActorID `json:"id,omitempty"`
	Name string           `json:"name"`
	Code string           `json:"code,omitempty"`
}

// country is the country part of the CAMEO code (RUSGOV → RUS), "" when
// the code has none.
func (p Participant) country() string {
	if len(p.Code) >= 3 {
		c := p.Code[:3]
		for i := 0; i < 3; i++ {
			if c[i] < 'A' || c[i] > 'Z' {
				return ""
			}
		}
		switch c {
		case "IGO", "NGO", "MNC", "UNK":
			return ""
		}
		return c
	}
	return ""
}

// same reports whether two participants are one actor: same ID, same code,
// or same name.
func (p Participant) same(o Participant) bool {
	if p.ID != "" && o.ID != "" {
		return p.ID == o.ID
	}
	if p.Code != "" && o.Code != "" && p.Code == o.Code {
		return true
	}
	return p.Name != "" && strings.EqualFold(p.Name, o.Name)
}

// sameSide reports whether two participants are one actor or act for the
// same country (Zelenskyy, UKRGOV, stands for Ukraine, UKR).
func (p Participant) sameSide(o Participant) bool {
	if p.same(o) {
		return true
	}
	c := p.country()
	return c != "" && c == o.country()
}

// participants converts the actors of an event.
func participants(doc *dateline.Document, as []dateline.EventActor) []Participant {
	if len(as) == 0 {
		return nil
	}
	out := make([]Participant, 0, len(as))
	for _, a := range as {
		p := Participant{Name: a.Text, Code: a.Code}
		if a.Actor >= 0 && a.Actor < len(doc.Actors) {
			da := doc.Actors[a.Actor]
			p.ID, p.Name = da.ID, da.Name
			if p.Code == "" {
				p.Code = da.Code
			}
		}
		if p.Name == "" && p.Code == "" && p.ID == "" {
			continue
		}
		out = appendParticipant(out, p)
	}
	return out
}

// appendParticipant adds p to ps unless it is already there.
func appendParticipant(ps []Participant, p Participant) []Participant {
	for _, q := range ps {
		if q.same(p) {
			return ps
		}
	}
	return append(ps, p)
}

// overlap reports whether some participant of a is one of b.
func overlap(a, b []Participant, loose bool) bool {
	for _, x := range a {
		for _, y := range b {
			if x.same(y) || loose && x.sameSide(y) {
				return true
			}
		}
	}
	return false
}

// names joins the participants' names.
func names(ps []Participant) string {
	var b strings.Builder
	for i, p := range ps {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(p.Name)
	}
	return b.String()
}
