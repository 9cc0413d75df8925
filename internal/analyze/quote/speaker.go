package quote

import (
	"slices"
	"strings"

	"github.com/dateline-news/dateline"
)

// Speaker resolution: a source span is tied to the mention of its speaker.
// A name in the source is taken as it is; a pronoun ("he", "they", "who")
// goes to the most plausible earlier mention by type, gender and number,
// recency and salience (earlier speakers and subjects first); a definite
// description with a role word ("the Ukrainian president") goes to the
// earlier person whose title words it repeats ("Ukrainian President
// Volodymyr Zelenskyy"). Indefinite and plural descriptions ("a Kremlin
// spokesman", "officials") keep the organisation they name, if any.

var roleWords = map[string]bool{
	"president": true, "minister": true, "leader": true, "chancellor": true, "secretary": true,
	"senator": true, "governor": true, "mayor": true, "spokesman": true, "spokeswoman": true,
	"spokesperson": true, "candidate": true, "nominee": true, "chairman": true, "chairwoman": true,
	"chair": true, "chief": true, "director": true, "ambassador": true, "general": true,
	"premier": true, "king": true, "queen": true, "prince": true, "pope": true, "lawyer": true,
	"attorney": true, "judge": true, "ceo": true, "founder": true, "commissioner": true,
	"congressman": true, "congresswoman": true, "representative": true, "speaker": true,
	"official": true, "officer": true, "adviser": true, "advisor": true, "aide": true,
	"envoy": true, "diplomat": true, "commander": true, "prosecutor": true, "billionaire": true,
	"businessman": true, "businesswoman": true, "host": true, "anchor": true, "pollster": true,
	"strategist": true, "manager": true, "head": true, "economist": true, "professor": true,
	"doctor": true, "mogul": true, "lawmaker": true, "dictator": true, "monarch": true,
}

var femaleWords = map[string]bool{
	"mrs.": true, "ms.": true, "miss": true, "mrs": true, "ms": true, "madam": true, "lady": true,
	"spokeswoman": true, "chairwoman": true, "congresswoman": true, "businesswoman": true,
	"queen": true, "princess": true, "wife": true, "mother": true, "daughter": true, "sister": true,
	"she": true, "her": true, "hers": true, "herself": true,
}

var maleWords = map[string]bool{
	"mr.": true, "mr": true, "sir": true, "lord": true, "spokesman": true, "chairman": true,
	"congressman": true, "businessman": true, "king": true, "prince": true, "husband": true,
	"father": true, "son": true, "brother": true, "he": true, "him": true, "his": true, "himself": true,
}

// Gender of an entity as the document tells it.
const (
	genderUnknown = iota
	genderMale
	genderFemale
)

// resolver resolves the sources of one document, in text order.
type resolver struct {
	v        *view
	gender   map[string]int // by the mention's last word (surname)
	speakers map[int32]int  // mention index -> times it was a speaker so far
}

func newResolver(v *view) *resolver {
	r := &resolver{v: v, gender: map[string]int{}, speakers: map[int32]int{}}
	// Titles and gendered words right before a person's name.
	for mi, m := range v.doc.Mentions {
		if m.Type != dateline.EntPerson {
			continue
		}
		first := r.firstToken(m.Span)
		if first <= 0 {
			continue
		}
		for k := first - 1; k >= max(0, first-3); k-- {
			w := v.lower[k]
			if femaleWords[w] {
				r.gender[r.key(mi)] = genderFemale
				break
			}
			if maleWords[w] {
				r.gender[r.key(mi)] = genderMale
				break
			}
		}
	}
	return r
}

// key is the entity key of a mention: its last word, lower-cased.
func (r *resolver) key(mi int) string {
	w := r.v.doc.Mentions[mi].In(r.v.doc.Text)
	if i := strings.LastIndexAny(w, " \u00a0"); i >= 0 {
		w = w[i+1:]
	}
	w = strings.TrimSuffix(strings.TrimSuffix(w, "’s"), "'s")
	return strings.ToLower(w)
}

func (r *resolver) firstToken(sp dateline.Span) int {
	toks := r.v.doc.Tokens
	lo, hi := 0, len(toks)
	for lo < hi {
		mid := (lo + hi) / 2
		if toks[mid].End <= sp.Start {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// tokens returns the token range [first, last) of a span.
func (r *resolver) tokens(sp dateline.Span) (int, int) {
	first := r.firstToken(sp)
	last := first
	for last < r.v.n && r.v.doc.Tokens[last].Start < sp.End {
		last++
	}
	return first, last
}

var pronouns = map[string]int{ // 1 he, 2 she, 3 they, 4 it, 5 who, 6 which/that
	"he": 1, "him": 1, "his": 1, "she": 2, "her": 2, "they": 3, "them": 3, "their": 3,
	"it": 4, "its": 4, "who": 5, "whom": 5, "whose": 5, "which": 6, "that": 6,
}

// resolve returns the mention index of the speaker of a source span, -1
// when unknown, and records the speaker for salience.
func (r *resolver) resolve(src dateline.Span) int {
	if src.Len() == 0 {
		return -1
	}
	mi := r.resolveSpan(src)
	if mi >= 0 {
		r.speakers[int32(mi)]++
	}
	return mi
}

func (r *resolver) resolveSpan(src dateline.Span) int {
	v := r.v
	first, last := r.tokens(src)
	if first >= last {
		return -1
	}
	// Drop a possessive ending and determiners for the checks below.
	words := make([]int, 0, last-first)
	for k := first; k < last; k++ {
		if w := v.lower[k]; w == "’s" || w == "'s" || w == "," {
			continue
		}
		words = append(words, k)
	}
	if len(words) == 0 {
		return -1
	}
	if len(words) == 1 {
		if p, ok := pronouns[v.lower[words[0]]]; ok {
			return r.pronoun(p, first)
		}
	}
	// Mentions inside the source.
	var inside []int
	for k := first; k < last; k++ {
		if m := v.mention[k]; m >= 0 && (len(inside) == 0 || inside[len(inside)-1] != int(m)) {
			inside = append(inside, int(m))
		}
	}
	hasPerson := false
	for _, m := range inside {
		if v.doc.Mentions[m].Type == dateline.EntPerson {
			hasPerson = true
		}
	}
	indefinite := v.lower[first] == "a" || v.lower[first] == "an" || v.lower[first] == "some" || v.lower[first] == "one"
	if !hasPerson && !indefinite {
		role := false
		for _, k := range words {
			if roleWords[v.lower[k]] {
				role = true
			}
		}
		if role {
			if m := r.description(words, first); m >= 0 {
				return m
			}
		}
	}
	// The mention at the head (the last word), else the first person, then
	// organisation, then any.
	if m := v.mention[words[len(words)-1]]; m >= 0 && !(indefinite && v.doc.Mentions[m].Type == dateline.EntPerson) {
		return int(m)
	}
	for _, typ := range []string{dateline.EntPerson, dateline.EntOrg, dateline.EntGPE, dateline.EntNORP} {
		for _, m := range inside {
			if v.doc.Mentions[m].Type == typ {
				return m
			}
		}
	}
	if len(inside) > 0 {
		return inside[0]
	}
	return -1
}

// pronoun resolves a pronoun at token at.
func (r *resolver) pronoun(p int, at int) int {
	v := r.v
	sent := v.sent[at]
	best, bestScore := -1, -1e9
	for mi := len(v.doc.Mentions) - 1; mi >= 0; mi-- {
		m := v.doc.Mentions[mi]
		if m.End > v.doc.Tokens[at].Start {
			continue
		}
		mt := r.firstToken(m.Span)
		if mt >= v.n {
			continue
		}
		dist := float64(sent - v.sent[mt])
		if v.sent[mt] < 0 || sent < 0 {
			dist = 3
		}
		if dist > 6 {
			break
		}
		ok := false
		switch p {
		case 1, 2:
			ok = m.Type == dateline.EntPerson
			if g := r.gender[r.key(mi)]; ok && g != genderUnknown && (p == 1) != (g == genderMale) {
				ok = false
			}
		case 3:
			ok = m.Type == dateline.EntOrg || m.Type == dateline.EntNORP || m.Type == dateline.EntGPE
		case 4, 6:
			ok = m.Type == dateline.EntOrg || m.Type == dateline.EntGPE
		case 5:
			ok = m.Type == dateline.EntPerson
		}
		if !ok {
			continue
		}
		if p >= 5 {
			// A relative pronoun refers to the noun phrase right before it.
			if dist == 0 && at-r.lastToken(m.Span) <= 3 {
				return mi
			}
			continue
		}
		// Recency first, then salience: earlier speakers and subjects.
		score := -2 * dist
		if dist == 0 {
			score += 0.5
		}
		if r.speakers[int32(mi)] > 0 || r.speakerKey(mi) {
			score += 1.5
		}
		if r.isSubject(mi) {
			score += 1
		}
		if p <= 2 && r.gender[r.key(mi)] != genderUnknown {
			score += 1 // agreement known, not just not ruled out
		}
		if s0, _ := v.sentRange(v.sent[mt]); v.sent[mt] >= 0 && mt == s0 {
			score += 0.5 // opens its sentence
		}
		// Among equals, the nearest.
		score -= float64(v.doc.Tokens[at].Start-m.End) / 1e6
		if score > bestScore {
			best, bestScore = mi, score
		}
	}
	if best >= 0 && p <= 2 {
		if k := r.key(best); r.gender[k] == genderUnknown {
			r.gender[k] = map[int]int{1: genderMale, 2: genderFemale}[p]
		}
	}
	return best
}

func (r *resolver) lastToken(sp dateline.Span) int {
	first, last := r.tokens(sp)
	if last > first {
		return last - 1
	}
	return first
}

// speakerKey reports whether an earlier mention of the same entity was a
// speaker.
func (r *resolver) speakerKey(mi int) bool {
	k := r.key(mi)
	for m, n := range r.speakers {
		if n > 0 && r.key(int(m)) == k {
			return true
		}
	}
	return false
}

// isSubject reports whether a mention is a clause subject: its head is an
// nsubj in the parse, or, unparsed, a verb follows it.
func (r *resolver) isSubject(mi int) bool {
	v := r.v
	last := r.lastToken(v.doc.Mentions[mi].Span)
	if v.parsed {
		d := v.doc.Tokens[last].Dep
		return d == "nsubj" || d == "nsubj:pass"
	}
	if last+1 < v.n {
		u := v.upos[last+1]
		return u == "VERB" || u == "AUX"
	}
	return false
}

// description resolves a definite description with a role word to the
// earlier person whose title words it shares the most.
func (r *resolver) description(words []int, at int) int {
	v := r.v
	want := map[string]bool{}
	for _, k := range words {
		w := v.lower[k]
		if w == "the" || w == "this" || w == "that" || w == "his" || w == "her" || w == "its" || w == "their" {
			continue
		}
		want[stem(w)] = true
	}
	best, bestScore := -1, 0
	for mi := len(v.doc.Mentions) - 1; mi >= 0; mi-- {
		m := v.doc.Mentions[mi]
		if m.Type != dateline.EntPerson || m.End > v.doc.Tokens[at].Start {
			continue
		}
		first := r.firstToken(m.Span)
		score, role := 0, false
		for k := first - 1; k >= max(0, first-5) && v.sent[k] == v.sent[first]; k-- {
			// The title right before the name: capitalised words, role
			// words, possessives and non-person names.
			w := v.lower[k]
			if mk := v.mention[k]; mk >= 0 && v.doc.Mentions[mk].Type == dateline.EntPerson {
				break
			}
			if sh := shape(v.doc.Tokens[k].In(v.doc.Text)); sh != 'X' && sh != 'A' && !roleWords[w] && w != "’s" && w != "'s" && v.mention[k] < 0 {
				break
			}
			if want[stem(w)] {
				score++
				if roleWords[w] {
					role = true
				}
			}
		}
		if role && score > bestScore {
			best, bestScore = mi, score
		}
	}
	return best
}

// stem cuts a word to five bytes, enough to match "Ukrainian" with
// "Ukraine’s" and "Russian" with "Russia".
func stem(w string) string {
	w = strings.TrimSuffix(strings.TrimSuffix(w, "’s"), "'s")
	if len(w) > 5 {
		return w[:5]
	}
	return w
}

// coSpeakers returns the other speakers of a joint source: the names
// coordinated with the speaker's ("Putin and Trump both said", "Russia and
// China said") and the other members of a group mention the actor pass
// split ("the two leaders"), each of an actor other than the speaker's and
// one another's; nil when the source names one speaker. Possessors
// ("Putin's spokesman and adviser"), attributes ("Russian") and places are
// not speakers.
func (r *resolver) coSpeakers(src dateline.Span, speaker int) []int {
	ms := r.v.doc.Mentions
	if speaker < 0 || speaker >= len(ms) || src.Len() == 0 {
		return nil
	}
	var out []int
	seen := []int{ms[speaker].Actor}
	add := func(m int) {
		a := ms[m].Actor
		if a < 0 {
			a = -2 - m // unresolved: one speaker per mention
		}
		if slices.Contains(seen, a) {
			return
		}
		seen = append(seen, a)
		out = append(out, m)
	}
	sp := ms[speaker]
	if sp.Role == dateline.RoleMember {
		for m := range ms {
			if m != speaker && ms[m].Role == dateline.RoleMember && ms[m].Span == sp.Span {
				add(m)
			}
		}
		return out
	}
	v := r.v
	first, last := r.tokens(src)
	and := false
	for k := first; k < last; k++ {
		if w := v.lower[k]; w == "and" || w == "&" {
			and = true
		}
	}
	if !and {
		return nil
	}
	for k := first; k < last; k++ {
		m := int(v.mention[k])
		if m < 0 || m == speaker || (k > first && int(v.mention[k-1]) == m) {
			continue
		}
		switch ms[m].Type {
		case dateline.EntPerson, dateline.EntOrg, dateline.EntGPE:
		default:
			continue
		}
		if ms[m].Role == dateline.RoleAttribute || ms[m].Role == dateline.RolePlace {
			continue
		}
		end := k
		for end+1 < last && int(v.mention[end+1]) == m {
			end++
		}
		if end+1 < len(v.lower) && (v.lower[end+1] == "’s" || v.lower[end+1] == "'s" || v.lower[end+1] == "'") {
			continue // a possessor: "Putin's spokesman and adviser"
		}
		add(m)
	}
	return out
}
