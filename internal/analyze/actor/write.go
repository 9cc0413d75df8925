package actor

import (
	"sort"
	"strings"

	"github.com/dateline-news/dateline"
)

// write sorts the mentions by span, keeps the actors that have mentions in
// order of their first mention, and writes both layers.
func (r *run) write() {
	sort.SliceStable(r.ms, func(a, b int) bool {
		ma, mb := &r.ms[a], &r.ms[b]
		if ma.Start != mb.Start {
			return ma.Start < mb.Start
		}
		return ma.End > mb.End
	})
	remap := make([]int, len(r.cls))
	for i := range remap {
		remap[i] = -1
	}
	var actors []dateline.DocActor
	mentions := make([]dateline.Mention, len(r.ms))
	for mi := range r.ms {
		m := r.ms[mi].Mention
		if m.Actor >= 0 {
			if remap[m.Actor] < 0 {
				remap[m.Actor] = len(actors)
				actors = append(actors, r.docActor(r.cls[m.Actor]))
			}
			m.Actor = remap[m.Actor]
			actors[m.Actor].Mentions = append(actors[m.Actor].Mentions, mi)
		}
		mentions[mi] = m
	}
	r.doc.Mentions = mentions
	r.doc.Actors = actors
}

func (r *run) docActor(c *cluster) dateline.DocActor {
	a := dateline.DocActor{Name: c.name, Type: c.typ, Code: c.code}
	switch {
	case c.kb != nil:
		a.ID = c.kb.ID
		a.Code = r.codeAt(c.kb)
		if ro, ok := roleAt(c.kb, r.pub); ok {
			a.Role = ro.Title
		}
	default:
		kind := strings.ToLower(c.typ)
		if c.nominal {
			kind = "nominal"
		}
		a.ID = dateline.ActorID(kind + "/" + slug(c.name))
		if c.typ == dateline.EntPerson && c.country != "" && a.Code == "" {
			for o := range c.offices {
				if ag, _, prefix := r.kb.Agent(o); ag != "" && !prefix {
					a.Code = c.country + ag
					a.Role = o
					break
				}
			}
			if a.Code == "" {
				a.Code = c.country
			}
		}
	}
	return a
}
