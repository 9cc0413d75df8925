package resolve

import (
	"strings"
	"testing"

	"github.com/dateline-news/dateline"
)

// docWith makes a document whose actors are given as "TYPE|id|name" with
// one naming mention each (the name), plus extra mention texts after ":".
func docWith(actors ...string) *dateline.Document {
	doc := &dateline.Document{Published: day(2025, 8, 15)}
	for _, s := range actors {
		spec, extra, _ := strings.Cut(s, ":")
		f := strings.Split(spec, "|")
		a := dateline.DocActor{Type: f[0], ID: dateline.ActorID(f[1]), Name: f[2]}
		names := []string{f[2]}
		if extra != "" {
			names = append(names, strings.Split(extra, ",")...)
		}
		for _, n := range names {
			start := int32(len(doc.Text))
			doc.Text += n + ". "
			doc.Mentions = append(doc.Mentions, dateline.Mention{Span: dateline.Span{Start: start, End: start + int32(len(n))}, Type: f[0], Actor: len(doc.Actors)})
			a.Mentions = append(a.Mentions, len(doc.Mentions)-1)
		}
		doc.Actors = append(doc.Actors, a)
	}
	return doc
}

func TestResolver(t *testing.T) {
	r := NewResolver(loadKB(t))
	// A first document: a known person under a new alias, a new person,
	// a new organisation.
	d1 := docWith("PERSON|person/vladimir-putin|Vladimir Putin:Vladimir Vladimirovich,Putin",
		"PERSON|person/ivan-petrenko|Ivan Petrenko:Petrenko", "ORG|org/odesa-grain-union|Odesa Grain Union")
	res := r.Resolve(d1, nil)
	if got := ids(res.New); got != "person/ivan-petrenko org/odesa-grain-union" {
		t.Errorf("new: %s", got)
	}
	if len(res.Aliases) == 0 || res.Aliases[0] != (AliasUpdate{"person/vladimir-putin", "Vladimir Vladimirovich"}) {
		t.Errorf("aliases: %+v", res.Aliases)
	}
	if res.Actors[0].Code != "RUSGOV" || len(res.Actors[1].Roles) != 0 {
		t.Errorf("records: %+v", res.Actors)
	}
	// The store now knows the new actors; a second document spells the
	// farmer's name another way and names a namesake of another type.
	known := []dateline.Actor{res.Actors[1], res.Actors[2]}
	d2 := docWith("PERSON|person/iwan-petrenko|Iwan Petrenko", "GPE|gpe/ivan-petrenko|Ivan Petrenko")
	res2 := r.Resolve(d2, known)
	if d2.Actors[0].ID != "person/ivan-petrenko" {
		t.Errorf("spelling variant not merged: %s", d2.Actors[0].ID)
	}
	if len(res2.Aliases) != 1 || res2.Aliases[0].Alias != "Iwan Petrenko" {
		t.Errorf("aliases: %+v", res2.Aliases)
	}
	if d2.Actors[1].ID != "gpe/ivan-petrenko" || ids(res2.New) != "gpe/ivan-petrenko" {
		t.Errorf("namesake: %s, new %s", d2.Actors[1].ID, ids(res2.New))
	}
	if n := Names(d1); strings.Join(n, "|") != "vladimir putin|vladimir vladimirovich|putin|ivan petrenko|petrenko|odesa grain union" {
		t.Errorf("names: %v", n)
	}
}

func ids(xs []dateline.ActorID) string {
	var s []string
	for _, x := range xs {
		s = append(s, string(x))
	}
	return strings.Join(s, " ")
}
