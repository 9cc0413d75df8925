package resolve

import (
	"strconv"
	"strings"

	"github.com/dateline-news/dateline"
)

// AliasUpdate is a name a canonical actor was newly seen under.
type AliasUpdate struct {
	ID    dateline.ActorID
	Alias string
}

// Resolution is what one document adds to the actors across documents.
type Resolution struct {
	// Actors holds the canonical record of each of the document's actors,
	// index-aligned with doc.Actors, with the document's new aliases
	// merged in.
	Actors []dateline.Actor
	// New lists the actors seen for the first time (not in the knowledge
	// base nor among the known actors), in document order.
	New []dateline.ActorID
	// Aliases lists the names known actors were newly seen under.
	Aliases []AliasUpdate
}

// Resolver maps the actors of analysed documents onto canonical actors:
// the knowledge base's, and those stored from earlier documents. It is
// pure: the caller fetches the known actors (by the keys Names returns)
// and persists the Resolution.
type Resolver struct {
	kb *KB
}

// NewResolver returns a resolver over a knowledge base (which may be nil).
func NewResolver(kb *KB) *Resolver {
	if kb == nil {
		kb, _ = New(nil, nil)
	}
	return &Resolver{kb: kb}
}

// Names returns the normalised names (Key) under which doc's actors appear,
// for fetching the known actors they may be.
func Names(doc *dateline.Document) []string {
	seen := map[string]bool{}
	var out []string
	for i := range doc.Actors {
		for _, n := range surfaceNames(doc, i) {
			if k := Key(n); k != "" && !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	return out
}

// surfaceNames are the names an actor is mentioned by: its name and the
// text of its naming mentions (not pronouns, descriptions, group members,
// demonyms or capitals standing for it).
func surfaceNames(doc *dateline.Document, i int) []string {
	a := &doc.Actors[i]
	out := []string{a.Name}
	for _, mi := range a.Mentions {
		if mi < 0 || mi >= len(doc.Mentions) {
			continue
		}
		m := doc.Mentions[mi]
		if m.Type == dateline.EntPron || m.Type == dateline.EntNom || (m.Role != "" && m.Role != dateline.RolePlace) {
			continue
		}
		if s := m.In(doc.Text); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Resolve resolves doc's actors against the knowledge base and the known
// actors, sets doc.Actors[i].ID to the canonical ID, and returns the
// canonical records, the new actors and the new aliases.
//
// An actor with a knowledge-base ID keeps it; otherwise it is the known
// actor with the same ID, else the known actor of the same type one of
// whose names is a spelling variant of its name (SameName), else new, with
// the ID the pass derived from its name (a namesake of a different type
// gets "-2", "-3").
func (r *Resolver) Resolve(doc *dateline.Document, known []dateline.Actor) Resolution {
	var res Resolution
	byID := make(map[dateline.ActorID]int, len(known))
	for i, k := range known {
		byID[k.ID] = i
	}
	records := make(map[dateline.ActorID]*dateline.Actor)
	for i := range doc.Actors {
		a := &doc.Actors[i]
		var rec *dateline.Actor
		switch {
		case records[a.ID] != nil:
			rec = records[a.ID]
		case a.ID != "" && r.known(byID, known, a.ID) != nil:
			c := *r.known(byID, known, a.ID)
			c.Aliases = append([]string(nil), c.Aliases...)
			rec = &c
		default:
			if k := r.match(a, known); k != nil {
				c := *k
				c.Aliases = append([]string(nil), c.Aliases...)
				rec = &c
			}
		}
		if rec == nil {
			id := a.ID
			if id == "" {
				id = NewID(a.Type, a.Name)
			}
			base := id
			for n := 2; r.taken(byID, records, id); n++ {
				id = dateline.ActorID(string(base) + "-" + strconv.Itoa(n))
			}
			rec = &dateline.Actor{ID: id, Name: a.Name, Type: a.Type, Code: a.Code}
			if a.Role != "" || a.Code != "" {
				rec.Roles = []dateline.Role{{Title: a.Role, Code: a.Code, From: doc.Published}}
			}
			res.New = append(res.New, id)
		}
		records[rec.ID] = rec
		a.ID = rec.ID
		// New aliases.
		have := map[string]bool{Key(rec.Name): true}
		for _, al := range rec.Aliases {
			have[Key(al)] = true
		}
		for _, n := range surfaceNames(doc, i) {
			k := Key(n)
			if k == "" || have[k] {
				continue
			}
			have[k] = true
			rec.Aliases = append(rec.Aliases, n)
			res.Aliases = append(res.Aliases, AliasUpdate{ID: rec.ID, Alias: n})
		}
	}
	res.Actors = make([]dateline.Actor, len(doc.Actors))
	for i, a := range doc.Actors {
		res.Actors[i] = *records[a.ID]
	}
	return res
}

// known returns the knowledge-base or stored actor with an ID.
func (r *Resolver) known(byID map[dateline.ActorID]int, known []dateline.Actor, id dateline.ActorID) *dateline.Actor {
	if i, ok := byID[id]; ok {
		return &known[i]
	}
	if e, ok := r.kb.Entry(id); ok {
		return &e.Actor
	}
	return nil
}

func (r *Resolver) taken(byID map[dateline.ActorID]int, records map[dateline.ActorID]*dateline.Actor, id dateline.ActorID) bool {
	if _, ok := byID[id]; ok {
		return true
	}
	if _, ok := r.kb.Entry(id); ok {
		return true
	}
	return records[id] != nil
}

// match finds the known actor of a's type whose name or an alias is a
// spelling variant of a's name. Persons must agree on every word.
func (r *Resolver) match(a *dateline.DocActor, known []dateline.Actor) *dateline.Actor {
	for i := range known {
		k := &known[i]
		if k.Type != a.Type {
			continue
		}
		for _, n := range append([]string{k.Name}, k.Aliases...) {
			if sameWords(n, a.Name) {
				return k
			}
		}
	}
	return nil
}

// sameWords reports whether two names have the same number of words and
// each pair is a spelling variant.
func sameWords(a, b string) bool {
	wa, wb := strings.Fields(Key(a)), strings.Fields(Key(b))
	if len(wa) != len(wb) || len(wa) == 0 {
		return false
	}
	for i := range wa {
		if !SameName(wa[i], wb[i]) {
			return false
		}
	}
	return true
}
