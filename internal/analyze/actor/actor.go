// Package actor is the actor pass: it clusters the mentions of a document
// into the actors the report talks about (doc.Actors) and links every
// mention to its actor (Mention.Actor).
//
// It runs after ner (and, when available, tag and parse) and before quote
// and event:
//
//   - names: full names, surnames and titled names of one person are one
//     actor ("Russian President Vladimir Putin", "Russia’s Vladimir Putin",
//     "Putin"); spelling variants meet by a transliteration-aware
//     comparison (Zelensky / Zelenskyy / Zelenskiy);
//   - countries: names, demonyms and capitals fold into the country
//     ("U.S.", "America" → United States; "Russian" → Russia as an
//     attribute); a capital that acts stands for its government ("Moscow’s
//     war", "Kyiv insisting") with Role RoleCapital, but stays a place
//     where it is one ("travel to Washington");
//   - descriptions: "the Russian president" → the Russian president the
//     report names; "the Trump administration" → the United States as
//     government (RoleGovernment); groups ("the two leaders", "the US and
//     Russian presidents") get one mention per member over the same span
//     (RoleMember);
//   - pronouns (he, his, she, her, they, their, its) are added as PRON
//     mentions and resolved to the most salient agreeing antecedent in the
//     last sentences (Lappin and Leass 1994: recency, grammatical role,
//     head-noun emphasis, summed over each actor's mentions), with the
//     binding constraints that a pronoun does not corefer with the actor
//     it is coordinated with, nor an object pronoun with its own subject.
//
// Known actors take their identity, canonical name and CAMEO code at the
// publication date from a knowledge base (the KB interface; resolve.KB
// implements it). Every name is tried against it, as PETRARCH tries every
// proper noun against its dictionaries: proper-noun runs the recogniser
// missed get mentions (longest known run first; a lower-case name after a
// title, a word in odd case, a name split at its hyphens), a PERSON or MISC
// mention the KB knows only as a state or organisation takes that type, a
// titled name is a person, a surname alone is the person of that name in
// office at the report date (Surname), a generic institution is the
// country's that owns it ("Rwanda’s Senate"), an unknown organisation is
// coded from its country and agent words ("Malaysia Airlines": MYSBUS), and
// of the roles covering the date the one that began last wins. Unknown
// actors are kept as named actors with an ID derived from their type and
// normalised name; nothing is dropped.
package actor

import (
	"context"
	"sort"
	"strings"
	"time"

	"github.com/dateline-news/dateline"
)

// Name is the name of the pass.
const Name = "actor"

// Mention roles the pass writes to Mention.Role (defined in the root
// package, where the passes that read them find them).
const (
	RoleCapital    = dateline.RoleCapital
	RoleGovernment = dateline.RoleGovernment
	RoleAttribute  = dateline.RoleAttribute
	RoleMember     = dateline.RoleMember
	RolePlace      = dateline.RolePlace
)

// Ways a word designates a country, as KB.Country reports them.
const (
	AsName    = "name"
	AsCapital = "capital"
	AsDemonym = "demonym"
	AsPlace   = "place"
)

// KB is the knowledge the pass consults. *resolve.KB implements it; the
// actors it returns are shared and never modified.
type KB interface {
	// Actors returns the known actors with this name or alias, best first.
	Actors(name string) []*dateline.Actor
	// Country returns the country a word designates and how (AsName,
	// AsCapital, AsDemonym, AsPlace); nil when none.
	Country(word string) (*dateline.Actor, string)
	// CountryByCode returns the country with a CAMEO code ("RUS").
	CountryByCode(code string) *dateline.Actor
	// Agent returns the CAMEO agent code of a role noun ("president" →
	// "GOV"), whether the noun is plural, and whether the code is a prefix.
	Agent(noun string) (code string, plural, prefix bool)
	// Surname returns the person a surname alone designates at t (the
	// only one of that name holding a role then); nil when none or
	// several.
	Surname(word string, t time.Time) *dateline.Actor
}

// Pass is the actor pass. It holds no mutable state and is safe for
// concurrent use.
type Pass struct {
	kb KB
}

// New returns the pass. kb may be nil: actors are then clustered from the
// text alone, with IDs derived from their names and no codes.
func New(kb KB) *Pass {
	if kb == nil {
		kb = noKB{}
	}
	return &Pass{kb: kb}
}

// Name implements analyze.Pass.
func (p *Pass) Name() string { return Name }

// Run writes doc.Actors, rewrites doc.Mentions with the pronoun and
// description mentions added (sorted by span) and every mention's Actor and
// Role set. Mentions out of bounds are dropped with a diagnostic.
func (p *Pass) Run(ctx context.Context, doc *dateline.Document) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	r := newRun(p.kb, doc)
	r.run()
	return nil
}

// cluster is an actor being built.
type cluster struct {
	name    string
	typ     string
	kb      *dateline.Actor
	country string          // CAMEO code of the home country; for a country, its own code
	offices map[string]bool // office nouns seen before the name ("president")
	key     string
	place   bool // a place (a capital not acting, a city, a region)
	nominal bool // an unnamed description ("the Russian president")
	code    string
	last    int32 // token index of the latest mention, for recency
}

// ment is a mention being built, with its token range and sentence.
type ment struct {
	dateline.Mention
	tok0, tok1 int32 // token range [tok0, tok1); -1 when the mention matches no tokens
	sent       int32
	attr       bool // a modifier: no head-noun salience
}

type run struct {
	kb      KB
	doc     *dateline.Document
	pub     time.Time
	text    string
	ms      []ment
	cls     []*cluster
	byKey   map[string]int
	tokSent []int32
	tokMent []int32 // token → first mention covering it, -1
	parsed  bool
}

func newRun(kb KB, doc *dateline.Document) *run {
	r := &run{kb: kb, doc: doc, pub: doc.Published, text: doc.Text, byKey: map[string]int{}}
	r.tokSent = make([]int32, len(doc.Tokens))
	for i := range r.tokSent {
		r.tokSent[i] = -1
	}
	for si, s := range doc.Sentences {
		for t := max(s.Tokens[0], 0); t < s.Tokens[1] && int(t) < len(doc.Tokens); t++ {
			r.tokSent[t] = int32(si)
		}
	}
	for _, t := range doc.Tokens {
		if t.Head >= 0 {
			r.parsed = true
			break
		}
	}
	n := len(doc.Text)
	r.ms = make([]ment, 0, len(doc.Mentions)+len(doc.Mentions)/2)
	for _, m := range doc.Mentions {
		if !m.Valid(n) || m.Start == m.End {
			doc.Diag(Name, dateline.SevWarning, dateline.Span{}, "mention out of bounds dropped")
			continue
		}
		m.Actor, m.Role = -1, ""
		t0, t1 := r.tokenRange(m.Span)
		sent := int32(-1)
		if t0 >= 0 {
			sent = r.tokSent[t0]
		}
		r.ms = append(r.ms, ment{Mention: m, tok0: t0, tok1: t1, sent: sent})
	}
	r.indexTokens()
	return r
}

// tokenRange returns the tokens a span covers, or -1, -1.
func (r *run) tokenRange(s dateline.Span) (int32, int32) {
	toks := r.doc.Tokens
	i := sort.Search(len(toks), func(i int) bool { return toks[i].End > s.Start })
	j := i
	for j < len(toks) && toks[j].Start < s.End {
		j++
	}
	if i >= j {
		return -1, -1
	}
	return int32(i), int32(j)
}

func (r *run) indexTokens() {
	if len(r.tokMent) != len(r.doc.Tokens) {
		r.tokMent = make([]int32, len(r.doc.Tokens))
	}
	for i := range r.tokMent {
		r.tokMent[i] = -1
	}
	for mi, m := range r.ms {
		for t := m.tok0; t >= 0 && t < m.tok1; t++ {
			if r.tokMent[t] < 0 {
				r.tokMent[t] = int32(mi)
			}
		}
	}
}

func (r *run) run() {
	if len(r.doc.Tokens) > 0 {
		r.known()
	}
	r.retype()
	r.people()
	r.others()
	if len(r.doc.Tokens) > 0 {
		r.descriptions()
		r.pronouns()
	}
	r.write()
}

// word returns the text of token i.
func (r *run) word(i int32) string {
	if i < 0 || int(i) >= len(r.doc.Tokens) {
		return ""
	}
	return r.doc.Tokens[i].In(r.text)
}

func (r *run) lower(i int32) string { return strings.ToLower(r.word(i)) }

func (r *run) sameSent(a, b int32) bool {
	return a >= 0 && b >= 0 && int(a) < len(r.tokSent) && int(b) < len(r.tokSent) && r.tokSent[a] == r.tokSent[b] && r.tokSent[a] >= 0
}

func (r *run) add(c *cluster) int {
	r.cls = append(r.cls, c)
	if c.key != "" {
		r.byKey[c.key] = len(r.cls) - 1
	}
	return len(r.cls) - 1
}

func (r *run) link(mi, ci int) {
	r.ms[mi].Actor = ci
	if t := r.ms[mi].tok1 - 1; t > r.cls[ci].last {
		r.cls[ci].last = t
	}
}

// codeAt is the CAMEO code of a known actor at the publication date.
func (r *run) codeAt(a *dateline.Actor) string {
	if ro, ok := roleAt(a, r.pub); ok && ro.Code != "" {
		return ro.Code
	}
	return a.Code
}

// roleAt returns the role an actor holds at t: of the roles that cover t,
// the one that began last, as the narrower date range in a PETRARCH
// dictionary overrides the wider one around it.
func roleAt(a *dateline.Actor, t time.Time) (dateline.Role, bool) {
	var (
		best dateline.Role
		ok   bool
	)
	for _, ro := range a.Roles {
		if (ro.From.IsZero() || !t.Before(ro.From)) && (ro.Until.IsZero() || t.Before(ro.Until)) {
			if !ok || ro.From.After(best.From) {
				best, ok = ro, true
			}
		}
	}
	return best, ok
}

// countryCluster returns the cluster of a country, creating it.
func (r *run) countryCluster(c *dateline.Actor) int {
	key := "id:" + string(c.ID)
	if i, ok := r.byKey[key]; ok {
		return i
	}
	return r.add(&cluster{name: c.Name, typ: dateline.EntGPE, kb: c, country: c.Code, key: key, code: c.Code, last: -1})
}

func (r *run) countryByCode(code string) int {
	if code == "" {
		return -1
	}
	c := r.kb.CountryByCode(code)
	if c == nil {
		return -1
	}
	return r.countryCluster(c)
}

// personWords returns the words of a person mention without its leading
// titles, country words and possessives, and the evidence found in them and
// in the words just before the mention (country code, office nouns).
func (r *run) personWords(m *ment) (words []string, country string, offices []string) {
	var ws []string
	if m.tok0 >= 0 {
		for t := m.tok0; t < m.tok1; t++ {
			ws = append(ws, r.word(t))
		}
	} else {
		ws = strings.Fields(m.In(r.text))
	}
	i := 0
	for ; i < len(ws)-1; i++ {
		lw := strings.ToLower(strings.TrimSuffix(ws[i], "."))
		if titles[lw] {
			if _, ok := offices1(lw); ok {
				offices = append(offices, lw)
			}
			continue
		}
		if c, kind := r.kb.Country(ws[i]); c != nil && (kind == AsDemonym || kind == AsName) {
			country = c.Code
			continue
		}
		if lw == "’s" || lw == "'s" || lw == "the" {
			continue
		}
		break
	}
	for _, w := range ws[i:] {
		if w == "’s" || w == "'s" || w == "’" || w == "'" {
			continue
		}
		words = append(words, w)
	}
	// Evidence before the mention: "Russian President", "Russia’s", "US President".
	if m.tok0 > 0 {
		for t, n := m.tok0-1, 0; t >= 0 && n < 7 && r.sameSent(t, m.tok0); t, n = t-1, n+1 {
			lw := strings.ToLower(strings.TrimSuffix(r.word(t), "."))
			if titles[lw] {
				if _, ok := offices1(lw); ok {
					offices = append(offices, lw)
				}
				continue
			}
			if lw == "’s" || lw == "'s" {
				continue
			}
			if n >= 4 && !(len(offices) > 0 && country == "") {
				break
			}
			if c, kind := r.kb.Country(r.word(t)); c != nil && (kind == AsDemonym || kind == AsName) && country == "" {
				country = c.Code
				if mi := r.tokMent[t]; mi >= 0 && r.ms[mi].tok1 == t+1 {
					t = r.ms[mi].tok0 // a multi-token country mention
				}
				continue
			}
			if mi := r.tokMent[t]; mi >= 0 && r.ms[mi].Type != dateline.EntPerson {
				if c, kind := r.kb.Country(r.ms[mi].In(r.text)); c != nil && (kind == AsDemonym || kind == AsName) && country == "" {
					country = c.Code
					t = r.ms[mi].tok0
					continue
				}
			}
			if len(offices) > 0 && country == "" && (r.doc.Tokens[t].UPOS == "ADJ" ||
				(lw == "and" || lw == ",") && t > 0 && r.doc.Tokens[t-1].UPOS == "ADJ") {
				continue // "Ithilen’s awful and evil minister Calimehtar"
			}
			break
		}
	}
	return words, country, offices
}

func offices1(w string) (bool, bool) {
	s, ok := offices[w]
	return s, ok
}

// people clusters the PERSON mentions: full names first, then single names
// onto the full name they shorten, each linked to the knowledge base.
func (r *run) people() {
	type pm struct {
		mi      int
		words   []string
		country string
		offices []string
	}
	var full, single []pm
	for mi := range r.ms {
		m := &r.ms[mi]
		if m.Type != dateline.EntPerson {
			// A name the knowledge base knows only as a person is a
			// person whatever the tagger said: Trump is never a place.
			if m.Type == dateline.EntGPE || m.Type == dateline.EntLoc || m.Type == dateline.EntOrg {
				if c, _ := r.kb.Country(m.In(r.text)); c == nil && isOnlyPerson(r.kb.Actors(m.In(r.text))) {
					m.Type = dateline.EntPerson
				}
			}
			if m.Type != dateline.EntPerson {
				continue
			}
		}
		words, country, offs := r.personWords(m)
		if len(words) == 0 {
			continue
		}
		p := pm{mi, words, country, offs}
		if len(words) >= 2 {
			full = append(full, p)
		} else {
			single = append(single, p)
		}
	}
	join := func(ci int, p pm) {
		c := r.cls[ci]
		if c.country == "" {
			c.country = p.country
		}
		for _, o := range p.offices {
			if c.offices == nil {
				c.offices = map[string]bool{}
			}
			c.offices[o] = true
		}
		r.link(p.mi, ci)
	}
	// Full names.
	for _, p := range full {
		name := strings.Join(p.words, " ")
		key := nameKey(name)
		ci := -1
		var kbA *dateline.Actor
		if a := firstOfType(r.kb.Actors(name), dateline.EntPerson); a != nil {
			kbA = a
			if i, ok := r.byKey["id:"+string(a.ID)]; ok {
				ci = i
			}
		}
		if ci < 0 {
			for i, c := range r.cls {
				if c.typ == dateline.EntPerson && !c.nominal && sameFullName(nameKey(c.name), key) {
					ci = i
					break
				}
			}
		}
		if ci < 0 {
			c := &cluster{name: name, typ: dateline.EntPerson, key: "name:" + key, last: -1}
			if kbA != nil {
				c.kb, c.name, c.key, c.code = kbA, kbA.Name, "id:"+string(kbA.ID), r.codeAt(kbA)
			}
			ci = r.add(c)
		} else if r.cls[ci].kb == nil && len(name) > len(r.cls[ci].name) && !isAllCaps(name) {
			r.cls[ci].name = name
		}
		join(ci, p)
	}
	// Single names: the full name they shorten, nearest first; else the
	// knowledge base; else a new actor.
	for _, p := range single {
		key := nameKey(p.words[0])
		best, bestDist := -1, int32(1<<30)
		at := r.ms[p.mi].tok0
		for i, c := range r.cls {
			if c.typ != dateline.EntPerson || c.nominal {
				continue
			}
			parts := strings.Fields(nameKey(c.name))
			if len(parts) == 0 || !sameName(parts[len(parts)-1], key) && !(len(parts) == 1 && sameName(parts[0], key)) {
				if c.kb == nil || !hasAlias(c.kb, key) {
					continue
				}
			}
			d := r.distance(i, at)
			if d < bestDist {
				best, bestDist = i, d
			}
		}
		if best < 0 {
			a := firstOfType(r.kb.Actors(p.words[0]), dateline.EntPerson)
			if a == nil {
				a = r.kb.Surname(p.words[0], r.pub)
			}
			if a != nil {
				if i, ok := r.byKey["id:"+string(a.ID)]; ok {
					best = i
				} else {
					best = r.add(&cluster{name: a.Name, typ: dateline.EntPerson, kb: a, key: "id:" + string(a.ID), code: r.codeAt(a), last: -1})
				}
			}
		}
		if best < 0 {
			if i, ok := r.byKey["name:"+key]; ok {
				best = i
			} else {
				c := &cluster{name: p.words[0], typ: dateline.EntPerson, key: "name:" + key, last: -1}
				if as := r.kb.Actors(p.words[0]); len(as) > 0 && len(as[0].Code) >= 3 && p.country == "" {
					// A titled name the knowledge base files under a
					// country only ("Prime Minister Romendacil"): the
					// country is the person's home.
					c.country = as[0].Code[:3]
				}
				best = r.add(c)
			}
		}
		join(best, p)
	}
	// Home countries of known people from their code at the date.
	for _, c := range r.cls {
		if c.kb != nil && c.country == "" && len(c.code) >= 3 && r.kb.CountryByCode(c.code[:3]) != nil {
			c.country = c.code[:3]
		}
	}
}

// distance is how far the nearest mention of cluster ci is from token at.
func (r *run) distance(ci int, at int32) int32 {
	best := int32(1 << 30)
	for _, m := range r.ms {
		if m.Actor != ci || m.tok0 < 0 || at < 0 {
			continue
		}
		d := at - m.tok0
		if d < 0 {
			d = -d + 1 // a later mention is a little further than an earlier one
		}
		best = min(best, d)
	}
	return best
}

func sameFullName(a, b string) bool {
	pa, pb := strings.Fields(a), strings.Fields(b)
	if len(pa) == 0 || len(pb) == 0 {
		return false
	}
	if !sameName(pa[len(pa)-1], pb[len(pb)-1]) {
		return false
	}
	return sameName(pa[0], pb[0]) || len(pa) == 1 || len(pb) == 1
}

func hasAlias(a *dateline.Actor, key string) bool {
	for _, al := range a.Aliases {
		if nameKey(al) == key {
			return true
		}
	}
	return false
}

func firstOfType(as []*dateline.Actor, typ string) *dateline.Actor {
	for _, a := range as {
		if a.Type == typ {
			return a
		}
	}
	return nil
}

func isOnlyPerson(as []*dateline.Actor) bool {
	if len(as) == 0 {
		return false
	}
	for _, a := range as {
		if a.Type != dateline.EntPerson {
			return false
		}
	}
	return true
}

func isAllCaps(s string) bool { return strings.ToUpper(s) == s }

// others links the GPE, LOC, NORP, ORG, EVENT and MISC mentions.
func (r *run) others() {
	for mi := range r.ms {
		m := &r.ms[mi]
		if m.Actor >= 0 || m.Type == dateline.EntPerson {
			continue
		}
		text := m.In(r.text)
		if c, kind := r.kb.Country(text); c != nil {
			switch kind {
			case AsName:
				r.link(mi, r.countryCluster(c))
				if r.isModifier(m) {
					m.Role, m.attr = RoleAttribute, true
				}
				continue
			case AsDemonym:
				r.link(mi, r.countryCluster(c))
				m.Role, m.attr = RoleAttribute, true
				continue
			case AsCapital:
				if r.acts(m) {
					r.link(mi, r.countryCluster(c))
					m.Role = RoleCapital
					continue
				}
				r.link(mi, r.placeCluster(text, m.Type, c.Code))
				m.Role = RolePlace
				continue
			case AsPlace:
				if m.Type == dateline.EntGPE || m.Type == dateline.EntLoc {
					r.link(mi, r.placeCluster(text, m.Type, c.Code))
					m.Role = RolePlace
					continue
				}
			}
		}
		a := r.pick(r.kb.Actors(r.definite(m.tok0, text)), m.Type)
		if r.institution(mi, a) {
			continue
		}
		if a != nil {
			key := "id:" + string(a.ID)
			ci, ok := r.byKey[key]
			if !ok {
				ci = r.add(&cluster{name: a.Name, typ: a.Type, kb: a, key: key, code: r.codeAt(a), last: -1})
			}
			r.link(mi, ci)
			continue
		}
		if m.Type == dateline.EntGPE || m.Type == dateline.EntLoc {
			r.link(mi, r.placeCluster(text, m.Type, ""))
			m.Role = RolePlace
			continue
		}
		key := "name:" + m.Type + ":" + nameKey(text)
		ci, ok := r.byKey[key]
		if !ok {
			ci = r.add(&cluster{name: text, typ: m.Type, key: key, last: -1})
		} else if isAllCaps(r.cls[ci].name) && !isAllCaps(text) {
			r.cls[ci].name = text
		}
		r.link(mi, ci)
	}
}

// pick chooses among known actors for a mention of a type: the same type
// first, organisations for ORG, else the first.
func (r *run) pick(as []*dateline.Actor, typ string) *dateline.Actor {
	if len(as) == 0 {
		return nil
	}
	if a := firstOfType(as, typ); a != nil {
		return a
	}
	if typ == dateline.EntMisc || typ == dateline.EntNORP || typ == dateline.EntEvent {
		return nil // a known name used as a thing ("the Putin era") stays itself
	}
	return as[0]
}

func (r *run) placeCluster(text, typ, code string) int {
	key := "place:" + nameKey(text)
	if ci, ok := r.byKey[key]; ok {
		if isAllCaps(r.cls[ci].name) && !isAllCaps(text) {
			r.cls[ci].name = text
		}
		return ci
	}
	return r.add(&cluster{name: text, typ: typ, key: key, place: true, code: code, country: code, last: -1})
}

// isModifier reports whether a country name modifies a following noun or
// name ("US President Donald Trump", "U.S. soil").
func (r *run) isModifier(m *ment) bool {
	if m.tok1 < 0 || int(m.tok1) >= len(r.doc.Tokens) || !r.sameSent(m.tok1-1, m.tok1) {
		return false
	}
	if r.parsed {
		d := r.doc.Tokens[m.tok1-1].Dep
		return d == "compound" || d == "amod" || d == "nmod:poss"
	}
	next := r.doc.Tokens[m.tok1]
	w := next.In(r.text)
	if titles[strings.ToLower(w)] {
		return true
	}
	if next.UPOS == "" { // untagged: a lower-case content word follows
		return r.tokMent[m.tok1] < 0 && w != "" && w[0] >= 'a' && w[0] <= 'z' && !functionWords[w] && !actingVerbs[w]
	}
	return (next.UPOS == "NOUN" || next.UPOS == "PROPN") && r.tokMent[m.tok1] < 0
}

// functionWords are the closed-class words that never make the word
// before them a modifier.
var functionWords = map[string]bool{
	"and": true, "or": true, "but": true, "for": true, "to": true, "of": true, "in": true, "on": true,
	"at": true, "by": true, "with": true, "from": true, "as": true, "that": true, "which": true, "who": true,
	"the": true, "a": true, "an": true, "than": true, "into": true, "over": true, "after": true, "before": true,
	"since": true, "while": true, "if": true, "because": true, "about": true, "against": true, "also": true,
	"not": true, "are": true, "were": true, "be": true, "been": true, "can": true, "could": true, "should": true,
	"may": true, "might": true, "must": true, "did": true, "does": true, "do": true, "its": true, "their": true,
}

// acts reports whether a capital stands for its government here: a
// possessor ("Moscow’s war"), a subject ("Kyiv insisting", "Moscow said"),
// an agent or source ("concessions from Moscow"); not the goal or
// location of a movement ("travel to Washington", "in Moscow") nor a
// modifier ("Washington meetings").
func (r *run) acts(m *ment) bool {
	if m.tok0 < 0 {
		return false
	}
	toks := r.doc.Tokens
	prev := ""
	if m.tok0 > 0 && r.sameSent(m.tok0-1, m.tok0) {
		prev = r.lower(m.tok0 - 1)
	}
	next, nextUPOS := "", ""
	if int(m.tok1) < len(toks) && r.sameSent(m.tok1-1, m.tok1) {
		next, nextUPOS = r.lower(m.tok1), toks[m.tok1].UPOS
	}
	if next == "’s" || next == "'s" {
		return true
	}
	if placePreps[prev] {
		return false
	}
	if r.parsed {
		switch toks[m.tok1-1].Dep {
		case "nsubj", "nsubj:pass", "obl:agent", "nmod:poss", "csubj":
			return true
		case "compound", "amod":
			return false
		}
	}
	if prev == "from" || prev == "by" {
		return true
	}
	if nextUPOS == "NOUN" || nextUPOS == "PROPN" {
		return false
	}
	if nextUPOS == "" { // untagged text: a few reporting and stance verbs
		return actingVerbs[next]
	}
	return nextUPOS == "VERB" || nextUPOS == "AUX"
}

// actingVerbs are the verbs that, right after a capital in untagged text,
// make it a subject.
var actingVerbs = map[string]bool{
	"said": true, "says": true, "say": true, "told": true, "warned": true, "warns": true, "insisted": true,
	"insisting": true, "insists": true, "accused": true, "accuses": true, "denied": true, "denies": true,
	"rejected": true, "rejects": true, "welcomed": true, "welcomes": true, "demanded": true, "demands": true,
	"agreed": true, "agrees": true, "announced": true, "announces": true, "has": true, "had": true,
	"is": true, "was": true, "will": true, "would": true, "wants": true, "wanted": true, "refused": true,
	"refuses": true, "responded": true, "claimed": true, "claims": true, "called": true, "calls": true,
	"sent": true, "sends": true, "launched": true, "threatened": true, "threatens": true,
}

// noKB is the knowledge base of a pass built without one.
type noKB struct{}

func (noKB) Actors(string) []*dateline.Actor                 { return nil }
func (noKB) Country(string) (*dateline.Actor, string)        { return nil, "" }
func (noKB) CountryByCode(string) *dateline.Actor            { return nil }
func (noKB) Agent(string) (code string, plural, prefix bool) { return "", false, false }
func (noKB) Surname(string, time.Time) *dateline.Actor       { return nil }
