package event

import (
	"sort"
	"strings"

	"github.com/dateline-news/dateline"
)

// scratch is the per-document working state: one sentence at a time, as
// local token indexes, with the mentions and times that fall in it.
type scratch struct {
	doc  *dateline.Document
	sent dateline.Sentence
	lo   int // first token of the sentence
	n    int // tokens in the sentence

	form, lemma []string // lower case
	head        []int    // local head; -1 for the root or a head outside the sentence
	dep         []string
	kids        [][]int
	ment        []int // local token -> index into doc.Mentions, -1 none

	mentions []int // doc.Mentions indexes sorted by start
	times    []int // doc.Times indexes sorted by start
	mi, ti   int   // first mention/time not before the sentence

	sentTimes []int // doc.Times indexes inside the sentence

	mark  []bool // scratch for regions
	stack []int

	agents Agents
	parts  []part   // the participants of the sentence's events
	words  []string // scratch for agent look-ups
}

// part is an event participant: an actor mention, possibly with an agent
// code ("a court in Guyana": Guyana + JUD), or an agent alone (m = -1).
type part struct {
	m      int
	agent  string
	prefix bool
}

func newScratch(doc *dateline.Document, agents Agents) *scratch {
	s := &scratch{doc: doc, agents: agents}
	s.mentions = make([]int, len(doc.Mentions))
	for i := range s.mentions {
		s.mentions[i] = i
	}
	sort.SliceStable(s.mentions, func(a, b int) bool {
		return doc.Mentions[s.mentions[a]].Start < doc.Mentions[s.mentions[b]].Start
	})
	s.times = make([]int, len(doc.Times))
	for i := range s.times {
		s.times[i] = i
	}
	sort.SliceStable(s.times, func(a, b int) bool { return doc.Times[s.times[a]].Start < doc.Times[s.times[b]].Start })
	return s
}

// load prepares sentence sent with tokens [lo, hi); it reports whether the
// sentence is parsed.
func (s *scratch) load(sent dateline.Sentence, lo, hi int) bool {
	doc := s.doc
	s.sent, s.lo, s.n = sent, lo, hi-lo
	s.parts = s.parts[:0]
	n := s.n
	s.form = grow(s.form, n)
	s.lemma = grow(s.lemma, n)
	s.dep = grow(s.dep, n)
	s.head = growInt(s.head, n)
	s.ment = growInt(s.ment, n)
	if cap(s.kids) < n {
		s.kids = make([][]int, n)
	}
	s.kids = s.kids[:n]
	parsed := false
	for i := 0; i < n; i++ {
		t := &doc.Tokens[lo+i]
		s.form[i] = strings.ToLower(t.Span.In(doc.Text))
		l := t.Lemma
		if l == "" {
			l = s.form[i]
		}
		s.lemma[i] = strings.ToLower(l)
		s.dep[i] = t.Dep
		h := int(t.Head) - lo
		if t.Head < 0 || h < 0 || h >= n || h == i {
			h = -1
		}
		if t.Head >= 0 || t.Dep != "" {
			parsed = true
		}
		s.head[i] = h
		s.kids[i] = s.kids[i][:0]
		s.ment[i] = -1
	}
	if !parsed {
		return false
	}
	s.repairPerfect()
	s.breakCycles()
	for i := 0; i < n; i++ {
		if h := s.head[i]; h >= 0 {
			s.kids[h] = append(s.kids[h], i)
		}
	}
	s.mend()
	// Mentions: mark the tokens each covers.
	for s.mi < len(s.mentions) && doc.Mentions[s.mentions[s.mi]].End <= sent.Start {
		s.mi++
	}
	t0 := lo
	for k := s.mi; k < len(s.mentions); k++ {
		m := doc.Mentions[s.mentions[k]]
		if m.Start >= sent.End {
			break
		}
		for t0 < lo+n && doc.Tokens[t0].End <= m.Start {
			t0++
		}
		for t := t0; t < lo+n && doc.Tokens[t].Start < m.End; t++ {
			if s.ment[t-lo] < 0 || doc.Mentions[s.ment[t-lo]].Len() < m.Len() {
				s.ment[t-lo] = s.mentions[k]
			}
		}
	}
	// Times inside the sentence.
	s.sentTimes = s.sentTimes[:0]
	for s.ti < len(s.times) && doc.Times[s.times[s.ti]].End <= sent.Start {
		s.ti++
	}
	for k := s.ti; k < len(s.times); k++ {
		tx := doc.Times[s.times[k]]
		if tx.Start >= sent.End {
			break
		}
		s.sentTimes = append(s.sentTimes, s.times[k])
	}
	return true
}

// breakCycles cuts the head chains of a malformed parse that loop back on
// themselves (a head layer from elsewhere than the parse pass): the token
// that closes a cycle becomes a root, so every walk up or down the tree
// ends.
func (s *scratch) breakCycles() {
	// state: 0 unseen, 1 on the current walk, 2 known to reach a root.
	st := growInt(s.stack[:0], s.n)
	clear(st)
	for i := 0; i < s.n; i++ {
		x := i
		for x >= 0 && st[x] == 0 {
			st[x] = 1
			x = s.head[x]
		}
		if x >= 0 && st[x] == 1 {
			s.head[x] = -1 // x closes a cycle
		}
		for y := i; y >= 0 && st[y] == 1; y = s.head[y] {
			st[y] = 2
		}
	}
	s.stack = st[:0]
}

// repairPerfect mends a parse that took the participle of a perfect for
// an adjective: "A court has issued arrest warrants for two men, an
// officer said" with "issued" an amod of "warrants" and "has" heading
// nothing. The participle gets the auxiliary, the noun as its object and
// the subject the auxiliary's head holds before it, and hangs from that
// head (a ccomp when the head is a verb of saying after it, else a conj).
// Only the sentence's local view changes, never the document.
func (s *scratch) repairPerfect() {
	for v := 1; v < s.n; v++ {
		n := s.head[v]
		if s.upos(v) != "VERB" || s.xpos(v) != "VBN" || s.dep[v] != "amod" || n <= v {
			continue
		}
		a := v - 1
		if a > 0 && s.upos(a) == "ADV" {
			a--
		}
		h := s.head[a]
		if s.upos(a) != "AUX" || s.lemma[a] != "have" || h == v || h < 0 || h == n {
			continue
		}
		subj := -1
		for i := a - 1; i >= 0; i-- {
			if s.head[i] == h && baseDep(s.dep[i]) == "nsubj" {
				subj = i
				break
			}
		}
		if subj < 0 {
			continue
		}
		s.head[v] = h
		s.dep[v] = "conj"
		if h > v {
			s.dep[v] = "ccomp"
		}
		s.head[a], s.dep[a] = v, "aux"
		s.head[subj] = v
		s.head[n], s.dep[n] = v, "obj"
	}
}

func grow(s []string, n int) []string {
	if cap(s) < n {
		return make([]string, n)
	}
	return s[:n]
}

func growInt(s []int, n int) []int {
	if cap(s) < n {
		return make([]int, n)
	}
	return s[:n]
}

// span returns the byte span of local token i.
func (s *scratch) span(i int) dateline.Span { return s.doc.Tokens[s.lo+i].Span }

func (s *scratch) upos(i int) string { return s.doc.Tokens[s.lo+i].UPOS }

func (s *scratch) xpos(i int) string { return s.doc.Tokens[s.lo+i].XPOS }

// baseDep is the relation without its subtype ("obl:tmod" -> "obl").
func baseDep(d string) string {
	if i := strings.IndexByte(d, ':'); i >= 0 {
		return d[:i]
	}
	return d
}

// child returns the first child of i whose relation is one of deps (full or
// base relation), or -1.
func (s *scratch) child(i int, deps ...string) int {
	for _, k := range s.kids[i] {
		for _, d := range deps {
			if s.dep[k] == d || baseDep(s.dep[k]) == d {
				return k
			}
		}
	}
	return -1
}

// caseOf returns the lemma of the case marker of nominal i ("to", "with"), "".
func (s *scratch) caseOf(i int) string {
	for _, k := range s.kids[i] {
		if s.dep[k] == "case" {
			return s.lemma[k]
		}
	}
	return ""
}

// clauseDeps are the relations that open a clause of its own (or a
// parenthetical) below a verb: its tokens are not part of the verb's
// pattern region.
func clauseDep(d string) bool {
	switch baseDep(d) {
	case "ccomp", "parataxis", "advcl", "csubj", "conj", "acl", "punct", "list", "dislocated", "reparandum", "vocative", "discourse":
		return true
	}
	return false
}

// region collects the tokens of verb v's clause, in order: v's subtree
// without embedded clauses. pre gets those before v (with the subject), post
// those after it.
func (s *scratch) region(v int, pre, post []int) ([]int, []int) {
	if cap(s.mark) < s.n {
		s.mark = make([]bool, s.n)
	}
	s.mark = s.mark[:s.n]
	clear(s.mark)
	s.stack = append(s.stack[:0], v)
	for len(s.stack) > 0 {
		t := s.stack[len(s.stack)-1]
		s.stack = s.stack[:len(s.stack)-1]
		s.mark[t] = true
		for _, k := range s.kids[t] {
			if t == v && clauseDep(s.dep[k]) {
				continue
			}
			if t != v && (baseDep(s.dep[k]) == "acl" || baseDep(s.dep[k]) == "parataxis" || baseDep(s.dep[k]) == "ccomp" || baseDep(s.dep[k]) == "advcl") {
				continue
			}
			s.stack = append(s.stack, k)
		}
	}
	pre, post = pre[:0], post[:0]
	for i := 0; i < s.n; i++ {
		if !s.mark[i] || i == v {
			continue
		}
		if i < v {
			pre = append(pre, i)
		} else {
			post = append(post, i)
		}
	}
	return pre, post
}

// activeOrder puts the subject of passive verb v after it, where the
// dictionary's patterns, written for the active voice, look for the object:
// "Evidence against Russia was presented by the US" matches PRESENT *
// EVIDENCE (AGAINST +) as "presented evidence against Russia".
func (s *scratch) activeOrder(v int, pre, post []int) ([]int, []int) {
	k := s.child(v, "nsubj:pass")
	if k < 0 || k > v {
		return pre, post
	}
	first, last := s.subtree(k)
	moved := s.stack[:0]
	kept := pre[:0]
	for _, t := range pre {
		if t >= first && t <= last {
			moved = append(moved, t)
		} else {
			kept = append(kept, t)
		}
	}
	if len(moved) == 0 {
		return kept, post
	}
	// Append, then rotate the moved tokens to the front (copy is a
	// memmove).
	n := len(moved)
	post = append(post, moved...)
	copy(post[n:], post[:len(post)-n])
	copy(post, moved)
	s.stack = moved[:0]
	return kept, post
}

// subtree returns the first and last local token of i's subtree (the
// subtree of a projective parse is contiguous; this takes its extent).
func (s *scratch) subtree(i int) (first, last int) {
	first, last = i, i
	s.stack = append(s.stack[:0], i)
	for len(s.stack) > 0 {
		t := s.stack[len(s.stack)-1]
		s.stack = s.stack[:len(s.stack)-1]
		first, last = min(first, t), max(last, t)
		for _, k := range s.kids[t] {
			if baseDep(s.dep[k]) == "acl" || baseDep(s.dep[k]) == "punct" || baseDep(s.dep[k]) == "parataxis" {
				continue
			}
			s.stack = append(s.stack, k)
		}
	}
	return first, last
}
