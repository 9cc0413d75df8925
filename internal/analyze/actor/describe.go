package actor

import (
	"strings"

	"github.com/dateline-news/dateline"
)

// descriptions adds NOMINAL mentions for governments ("the Trump
// administration"), office holders ("the Russian president", "the US and
// Russian presidents") and groups ("the two leaders").
func (r *run) descriptions() {
	n := int32(len(r.doc.Tokens))
	var added []ment
	for i := int32(0); i < n; i++ {
		if len(added) > 0 {
			// Later descriptions see the earlier ones ("the French
			// president ... the two leaders").
			for _, m := range added {
				r.ms = append(r.ms, m)
				for t := m.tok0; t < m.tok1; t++ {
					if r.tokMent[t] < 0 {
						r.tokMent[t] = int32(len(r.ms) - 1)
					}
				}
			}
			added = added[:0]
		}
		if r.tokSent[i] < 0 {
			continue
		}
		w := r.lower(i)
		switch {
		case govNouns[w]:
			added = r.government(i, added)
		case r.tokMent[i] >= 0:
		case groupNouns[w] && i > 0 && numbers[r.lower(i-1)] > 0:
			added = r.group(i, added)
		case isOffice(w):
			added = r.office(i, w, added)
		}
	}
	r.ms = append(r.ms, added...)
	r.indexTokens()
}

func isOffice(w string) bool { _, ok := offices[w]; return ok }

// startWithThe extends a description leftwards over "the".
func (r *run) startWithThe(t, sentTok int32) int32 {
	if t-1 >= 0 && r.sameSent(t-1, sentTok) && r.lower(t-1) == "the" {
		return t - 1
	}
	return t
}

func (r *run) nominal(t0, t1 int32, actor int, role string) ment {
	toks := r.doc.Tokens
	m := ment{
		Mention: dateline.Mention{Span: dateline.Span{Start: toks[t0].Start, End: toks[t1-1].End}, Type: dateline.EntNom, Actor: actor, Role: role},
		tok0:    t0, tok1: t1, sent: r.tokSent[t0],
	}
	if actor >= 0 && t1-1 > r.cls[actor].last {
		r.cls[actor].last = t1 - 1
	}
	return m
}

// government: "[the] X administration" where X names a person with a home
// country or a country.
func (r *run) government(i int32, added []ment) []ment {
	j := i - 1
	if j >= 0 && (r.word(j) == "’s" || r.word(j) == "'s") {
		j--
	}
	if j < 0 || !r.sameSent(j, i) {
		return added
	}
	mi := r.tokMent[j]
	if mi < 0 || r.ms[mi].tok1 != j+1 || r.ms[mi].Actor < 0 {
		return added
	}
	c := r.cls[r.ms[mi].Actor]
	if c.place || c.country == "" {
		return added
	}
	ci := r.countryByCode(c.country)
	if ci < 0 {
		return added
	}
	r.ms[mi].attr = true
	if r.ms[mi].Role == "" {
		r.ms[mi].Role = RoleAttribute
	}
	start := r.startWithThe(r.ms[mi].tok0, i)
	return append(added, r.nominal(start, i+1, ci, RoleGovernment))
}

// office: "[the] (COUNTRY|DEMONYM) [and (COUNTRY|DEMONYM)]* OFFICE" not
// followed by a name.
func (r *run) office(i int32, w string, added []ment) []ment {
	if next := i + 1; int(next) < len(r.doc.Tokens) && r.sameSent(i, next) {
		if r.doc.Tokens[next].UPOS == "PROPN" || r.tokMent[next] >= 0 && r.ms[r.tokMent[next]].Type == dateline.EntPerson {
			return added // a title: "Russian President Vladimir Putin"
		}
	}
	var countries []int // country clusters, in text order reversed
	var cms []int32     // their mentions
	start := i
	for t := i - 1; t >= 0 && r.sameSent(t, i); {
		if mi := r.tokMent[t]; mi >= 0 && r.ms[mi].tok1 == t+1 && r.ms[mi].Actor >= 0 {
			c := r.cls[r.ms[mi].Actor]
			if c.typ != dateline.EntGPE || c.place {
				break
			}
			countries = append(countries, r.ms[mi].Actor)
			cms = append(cms, mi)
			start = r.ms[mi].tok0
			t = r.ms[mi].tok0 - 1
			continue
		}
		lw := r.lower(t)
		if len(countries) > 0 && (lw == "and" || lw == ",") {
			t--
			continue
		}
		break
	}
	if len(countries) == 0 {
		return added
	}
	for _, mi := range cms {
		r.ms[mi].attr = true
		r.ms[mi].Role = RoleAttribute
	}
	start = r.startWithThe(start, i)
	singular := offices[w]
	office := strings.TrimSuffix(w, "s")
	if singular {
		office = w
	}
	var members []int
	for k := len(countries) - 1; k >= 0; k-- {
		desc := r.text[r.doc.Tokens[r.ms[cms[k]].tok0].Start:r.doc.Tokens[r.ms[cms[k]].tok1-1].End] + " " + office
		members = append(members, r.holder(r.cls[countries[k]], office, desc, i))
	}
	if singular || len(members) == 1 {
		return append(added, r.nominal(start, i+1, members[0], ""))
	}
	for _, a := range members {
		added = append(added, r.nominal(start, i+1, a, RoleMember))
	}
	return added
}

// holder returns the person of the country who holds the office, named
// in the report (the nearest mention before at wins); else a nominal
// actor for the office.
func (r *run) holder(country *cluster, office, desc string, at int32) int {
	code := country.country
	best, bestScore := -1, int32(-1<<30)
	for ci, c := range r.cls {
		if c.typ != dateline.EntPerson || c.nominal || c.country != code {
			continue
		}
		score := -r.distance(ci, at)
		switch {
		case c.offices[office]:
			score += 1 << 20
		case strings.HasSuffix(c.code, "GOV"):
			score += 1 << 19
		}
		if score > bestScore {
			best, bestScore = ci, score
		}
	}
	if best >= 0 {
		return best
	}
	key := "nominal:" + code + ":" + office
	if ci, ok := r.byKey[key]; ok {
		return ci
	}
	c := &cluster{name: desc, typ: dateline.EntPerson, nominal: true, country: code, key: key, last: -1}
	if ag, _, prefix := r.kb.Agent(office); ag != "" && !prefix {
		c.code = code + ag
	}
	return r.add(c)
}

// group: "[the] (two|three|both) (leaders|presidents|men|sides)": the
// named persons last mentioned.
func (r *run) group(i int32, added []ment) []ment {
	if i == 0 || !r.sameSent(i-1, i) {
		return added
	}
	n, ok := numbers[r.lower(i-1)]
	if !ok {
		return added
	}
	start := r.startWithThe(i-1, i)
	var members []int
	seen := map[int]bool{}
	// Walk back from the noun over the mentions before it.
	for t := i - 2; t >= 0 && len(members) < n; t-- {
		mi := r.tokMent[t]
		if mi < 0 {
			continue
		}
		a := r.ms[mi].Actor
		if a < 0 || seen[a] || r.cls[a].typ != dateline.EntPerson {
			continue
		}
		seen[a] = true
		members = append(members, a)
	}
	if len(members) < n {
		return added
	}
	for k := len(members) - 1; k >= 0; k-- {
		added = append(added, r.nominal(start, i+1, members[k], RoleMember))
	}
	return added
}
