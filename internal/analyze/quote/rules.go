package quote

import (
	"slices"
	"strings"

	"github.com/dateline-news/dateline"
)

// finish completes the attributions of a document: direct quotes the model
// left out and quoted words found from the quote marks, reported speech
// from the cue lexicon when there is no model, the kind of each
// attribution, and its speaker.
func (a *Attributor) finish(v *view, atts []Attribution) []Attribution {
	covered := make([]bool, v.n)
	cueTok := make([]bool, v.n)
	for _, at := range atts {
		for _, c := range at.Content {
			f, l := tokenRange(v, c)
			for k := f; k < l; k++ {
				covered[k] = true
			}
		}
		if at.Cue.Len() > 0 {
			f, l := tokenRange(v, at.Cue)
			for k := f; k < l; k++ {
				cueTok[k] = true
			}
		}
	}
	atts = blockPatterns(v, atts, covered, cueTok)
	atts = a.fromMarks(v, atts, covered, cueTok)
	if a.m == nil {
		atts = reported(v, atts, covered, cueTok)
	}
	cutConjoined(v, atts)
	for i := range atts {
		atts[i].Kind = kindOf(v, &atts[i])
	}
	slices.SortStableFunc(atts, func(x, y Attribution) int { return int(first(x) - first(y)) })
	r := newResolver(v)
	var last *Attribution
	for i := range atts {
		at := &atts[i]
		at.Speaker = r.resolve(at.Source)
		at.CoSpeakers = r.coSpeakers(at.Source, at.Speaker)
		if at.Source.Len() == 0 && at.Cue.Len() == 0 && last != nil && at.Kind == dateline.QuoteDirect {
			at.Speaker = last.Speaker // a quote continued from the last speaker
		}
		if at.Speaker >= 0 && at.Kind != dateline.QuoteWord {
			last = at
		}
	}
	return atts
}

// cutConjoined ends a content where a conjoined clause begins whose cue
// repeats the form of the content's own cue: "He had implied X was to
// blame, and had called Z a “dictator”" is two attributions, and the
// first content ends before ", and had called", however far the parse or
// the labels ran it; its fragments after that in the sentence go.
func cutConjoined(v *view, atts []Attribution) {
	if !v.parsed {
		return
	}
	// The root of each cue and the sentence of its first token (-1: no cue).
	roots, sents := make([]int, len(atts)), make([]int32, len(atts))
	for i := range atts {
		roots[i] = -1
		if atts[i].Cue.Len() == 0 {
			continue
		}
		if f, l := tokenRange(v, atts[i].Cue); f < l {
			roots[i], sents[i] = cueRoot(v, f, l-1), v.sent[f]
		}
	}
	for i := range atts {
		a := &atts[i]
		ra := roots[i]
		if ra < 0 || len(a.Content) == 0 {
			continue
		}
		s0, s1 := v.sentRange(v.sent[ra])
		for j := range atts {
			rb := roots[j]
			if j == i || rb < 0 || sents[j] != v.sent[ra] {
				continue
			}
			if rb <= ra || !parallel(v, rb, ra, s0) {
				continue
			}
			// The conjunction before rb's auxiliaries, after a comma or not.
			k := rb - 1
			for k > ra && (v.doc.Tokens[k].Dep == "aux" || v.doc.Tokens[k].Dep == "advmod") && int(v.doc.Tokens[k].Head) == rb {
				k--
			}
			if k <= ra || v.upos[k] != "CCONJ" {
				continue
			}
			if k-1 > ra && v.lower[k-1] == "," {
				k--
			}
			// Fragments after the cut in the sentence are the conjoined
			// clause's ("(a statement he later retracted)").
			cut, end := v.doc.Tokens[k].Start, v.doc.Tokens[k-1].End
			sentEnd := v.doc.Tokens[s1-1].End
			kept := a.Content[:0]
			for _, c := range a.Content {
				switch {
				case c.Start >= cut && c.Start < sentEnd:
					continue
				case c.Start < cut && c.End > cut:
					c.End = end
				}
				kept = append(kept, c)
			}
			a.Content = kept
		}
	}
}

// isDash reports whether a token is a dash that can introduce a credit.
func isDash(w string) bool {
	switch w {
	case "—", "―", "–", "--", "-":
		return true
	}
	return false
}

// blockPatterns finds the attributions that the layout of a paragraph
// gives: a quotation credited after a dash ("“…” — Sonya Herridge"), a
// transcript line ("WALLACE: Let’s start …") and a speaker announced for
// the next paragraph ("And from Senator Ruiz:").
func blockPatterns(v *view, atts []Attribution, covered, cueTok []bool) []Attribution {
	mark := func(f, l int) {
		for k := f; k <= l; k++ {
			covered[k] = true
		}
	}
	for bi, b := range v.blocks {
		b0, b1 := int(b[0]), int(b[1])
		// "…” — Name" at the end of the block.
		for d := b1 - 2; d > b0 && d >= b1-9; d-- {
			if !isDash(v.lower[d]) {
				continue
			}
			np := true
			for k := d + 1; k < b1; k++ {
				if !isNP(v, k) && v.lower[k] != "," && v.lower[k] != "." {
					np = false
				}
			}
			prev := v.lower[d-1]
			if !np || cueTok[d] || !(v.role[d-1] == qmClose || prev == "." || prev == "!" || prev == "?") {
				break
			}
			e := b1 - 1
			for e > d && (v.lower[e] == "." || v.lower[e] == ",") {
				e--
			}
			if e <= d {
				break
			}
			// The content: the quotation or the sentence before the dash.
			f := b0
			if s := v.sent[d-1]; s >= 0 {
				f, _ = v.sentRange(s)
			}
			if v.role[d-1] == qmClose {
				for _, rg := range v.regions {
					if int(rg.close) == d-1 {
						f = int(rg.open)
					}
				}
			}
			f = max(f, b0)
			if allCoveredTokens(covered, f, d-1) {
				break
			}
			atts = append(atts, Attribution{Cue: v.doc.Tokens[d].Span, Source: v.span(int32(d+1), int32(e)),
				Content: []dateline.Span{v.span(int32(f), int32(d-1))}, Speaker: -1})
			cueTok[d] = true
			mark(f, b1-1)
			break
		}
		// "WALLACE: …" or "And from Name:" opening the block.
		k := b0
		if v.role[k] == qmOpen {
			k++
		}
		if k < b1 && v.lower[k] == "and" && k+1 < b1 && v.lower[k+1] == "from" {
			k += 2
		}
		n0 := k
		for k < b1 && k-n0 < 4 && isNP(v, k) {
			k++
		}
		if k == n0 || k >= b1 || v.lower[k] != ":" || cueTok[k] {
			continue
		}
		caps := true
		for j := n0; j < k; j++ {
			if v.shape[j] != 'A' && v.shape[j] != 'X' {
				caps = false
			}
		}
		if !caps {
			continue
		}
		var content dateline.Span
		switch {
		case k+1 < b1: // the rest of the block
			if allCoveredTokens(covered, k+1, b1-1) {
				continue
			}
			content = v.span(int32(k+1), int32(b1-1))
			mark(k+1, b1-1)
		case bi+1 < len(v.blocks) && v.lower[n0-1] == "from": // the next block
			nb := v.blocks[bi+1]
			if allCoveredTokens(covered, int(nb[0]), int(nb[1])-1) {
				continue
			}
			content = v.span(nb[0], nb[1]-1)
			mark(int(nb[0]), int(nb[1])-1)
		default:
			continue
		}
		atts = append(atts, Attribution{Cue: v.doc.Tokens[k].Span, Source: v.span(int32(n0), int32(k-1)),
			Content: []dateline.Span{content}, Speaker: -1})
		cueTok[k] = true
	}
	return atts
}

func allCoveredTokens(covered []bool, f, l int) bool {
	for k := f; k <= l; k++ {
		if !covered[k] {
			return false
		}
	}
	return true
}

// tokenRange returns the tokens [first, last) a span covers.
func tokenRange(v *view, sp dateline.Span) (int, int) {
	toks := v.doc.Tokens
	f, _ := slices.BinarySearchFunc(toks, sp.Start, func(t dateline.Token, x int32) int { return int(t.End - 1 - x) })
	l := f
	for l < len(toks) && toks[l].Start < sp.End {
		l++
	}
	return f, l
}

// fromMarks adds an attribution for each outer quotation that no content
// covers: a quoted word or scare quote (short, verbless) gets the nearest
// cue before it in its sentence, if any; a longer quotation is a direct
// quote whose cue and source come from the patterns around it, or the last
// speaker when it continues an earlier quote.
func (a *Attributor) fromMarks(v *view, atts []Attribution, covered, cueTok []bool) []Attribution {
	for _, rg := range v.regions {
		if rg.depth != 1 {
			continue
		}
		in0, in1 := int(rg.open)+1, int(rg.close)
		if !rg.closed {
			in1 = int(rg.close) + 1
		}
		if in0 >= in1 {
			continue
		}
		skip := false
		words, verbs, stops := 0, 0, 0
		for k := in0; k < in1; k++ {
			if covered[k] {
				skip = true
			}
			switch u := v.upos[k]; {
			case u == "PUNCT" || u == "" && shape(v.lower[k]) == 'p':
				if w := v.lower[k]; w == "." || w == "?" || w == "!" {
					stops++
				}
			default:
				words++
				if u == "VERB" || u == "AUX" {
					verbs++
				}
			}
		}
		if skip {
			// A quoted word inside another attribution's content keeps its
			// own speaker when a naming verb introduces it ("had called
			// Zelenskyy a “dictator”").
			if words <= 3 && stops == 0 {
				if c := cueBefore(v, int(rg.open), cueTok); c >= 0 && v.cue[c] == cueName {
					content := dateline.Span{Start: v.doc.Tokens[rg.open].Start, End: v.doc.Tokens[rg.close].End}
					atts = append(atts, Attribution{Content: []dateline.Span{content}, Kind: dateline.QuoteWord,
						Cue: v.doc.Tokens[c].Span, Source: subject(v, c), Speaker: -1})
					cueTok[c] = true
				}
			}
			continue
		}
		content := dateline.Span{Start: v.doc.Tokens[rg.open].Start, End: v.doc.Tokens[rg.close].End}
		at := Attribution{Content: []dateline.Span{content}, Kind: dateline.QuoteDirect, Speaker: -1}
		if c := cueAround(v, rg, cueTok); c >= 0 {
			at.Cue = v.doc.Tokens[c].Span
			at.Source = subject(v, c)
			cueTok[c] = true
		} else if stops == 0 && (words <= 3 || words <= 6 && verbs == 0 && v.tagged) {
			at.Kind = dateline.QuoteWord
			if c := cueBefore(v, int(rg.open), cueTok); c >= 0 {
				at.Cue = v.doc.Tokens[c].Span
				at.Source = subject(v, c)
				cueTok[c] = true
			}
		}
		for k := in0; k < in1; k++ {
			covered[k] = true
		}
		atts = append(atts, at)
	}
	return atts
}

// cueBefore returns the nearest cue verb before token at in its sentence
// (skipping cues of other attributions only when they are far), or -1.
func cueBefore(v *view, at int, cueTok []bool) int {
	s := v.sent[at]
	for k := at - 1; k >= 0 && v.sent[k] == s && at-k <= 25; k-- {
		if k > 0 && v.lower[k-1] == "-" || strings.HasPrefix(v.lower[k], "so-") {
			continue // so-called
		}
		switch v.cue[k] {
		case cueSay, cueName, cueThink, cueLearned:
			if v.upos[k] == "" || v.upos[k] == "VERB" {
				return k
			}
		}
	}
	return -1
}

// cueAround finds the cue of a direct quotation: a cue verb right after
// it, at most a short noun phrase away (“…,” she said / “…,” said X / “…,”
// the minister said), or right before it, ending with a colon or a comma
// (X said: “…” / X told reporters, “…”), not already the cue of another
// attribution; -1 when there is none.
func cueAround(v *view, rg region, cueTok []bool) int {
	isCue := func(k int) bool {
		if cueTok[k] {
			return false
		}
		switch v.cue[k] {
		case cueSay, cueThink, cueLearned:
			return v.upos[k] == "" || v.upos[k] == "VERB"
		}
		return false
	}
	if rg.closed {
		s := v.sent[rg.close]
		k := int(rg.close) + 1
		if k < v.n && v.sent[k] == s && v.lower[k] == "," {
			k++
		}
		for j := k; j < v.n && j <= k+4 && v.sent[j] == s; j++ {
			if isCue(j) {
				return j
			}
			if !isNP(v, j) && !skippable[v.lower[j]] {
				break
			}
		}
	}
	k := int(rg.open) - 1
	if k < 0 || v.sent[k] != v.sent[rg.open] || v.lower[k] != ":" && v.lower[k] != "," {
		return -1
	}
	for j := k - 1; j >= 0 && j >= k-4 && v.sent[j] == v.sent[k]; j-- {
		if isCue(j) {
			return j
		}
		if !isNP(v, j) {
			break
		}
	}
	return -1
}

// skippable are the words between a subject and its cue verb.
var skippable = map[string]bool{
	"has": true, "had": true, "have": true, "also": true, "later": true, "previously": true, "repeatedly": true,
	"consistently": true, "is": true, "was": true, "will": true, "would": true, "did": true, "does": true,
	"not": true, "n't": true, "never": true, "then": true, "again": true, "publicly": true, "once": true,
	"already": true, "often": true, "recently": true, "reportedly": true, "been": true,
	"could": true, "may": true, "might": true, "should": true, "can": true, "are": true, "were": true,
}

// subject returns the source of cue token c: its subject from the parse
// when there is one, else the noun phrase before it (skipping auxiliaries,
// adverbs and an appositive), else after it ("…,” said Smith).
func subject(v *view, c int) dateline.Span {
	if v.parsed {
		if s := parsedSubject(v, c); s.Len() > 0 {
			return s
		}
	}
	s := v.sent[c]
	j := c - 1
	for j >= 0 && v.sent[j] == s && skippable[v.lower[j]] {
		j--
	}
	if j >= 0 && v.sent[j] == s && (v.lower[j] == "and" || v.lower[j] == "but") {
		// The second verb of a coordination ("He had implied …, and had
		// called …") shares the subject of the sentence's first clause.
		if sp := firstSubject(v, c); sp.Len() > 0 {
			return sp
		}
	}
	if j >= 0 && v.sent[j] == s && v.lower[j] == "," {
		// An appositive: "Hugh Hill, a doctor, said" — the name before it.
		k := j - 1
		for k >= 0 && v.sent[k] == s && j-k <= 10 && v.lower[k] != "," && v.role[k] == qmNone {
			k--
		}
		if k >= 0 && v.sent[k] == s && v.lower[k] == "," && isNP(v, k-1) {
			j = k - 1
		} else {
			j = -1 // a comma then the cue: "…,” said X — look right
		}
	}
	if j >= 0 && v.sent[j] == s && isNP(v, j) {
		end := j
		for j-1 >= 0 && v.sent[j-1] == s && isNP(v, j-1) {
			j--
		}
		return v.span(int32(j), int32(end))
	}
	// Inversion: the noun phrase after the cue.
	k := c + 1
	if k < v.n && v.sent[k] == s && isNP(v, k) {
		f := k
		for k+1 < v.n && v.sent[k+1] == s && isNP(v, k+1) && v.lower[k+1] != "," {
			k++
		}
		return v.span(int32(f), int32(k))
	}
	return dateline.Span{}
}

// firstSubject returns the subject of the first clause of c's sentence
// before c: the first nsubj in the parse, else a noun phrase opening the
// sentence; zero when there is none.
func firstSubject(v *view, c int) dateline.Span {
	s := v.sent[c]
	if s < 0 {
		return dateline.Span{}
	}
	s0, _ := v.sentRange(s)
	if v.parsed {
		for k := s0; k < c; k++ {
			if d := v.doc.Tokens[k].Dep; d == "nsubj" || d == "nsubj:pass" {
				return v.span(int32(k), int32(k))
			}
		}
		return dateline.Span{}
	}
	if isNP(v, s0) {
		end := s0
		for end+1 < c && isNP(v, end+1) {
			end++
		}
		return v.span(int32(s0), int32(end))
	}
	return dateline.Span{}
}

// isNP reports whether token k can be part of a noun phrase naming a
// source.
func isNP(v *view, k int) bool {
	if k < 0 || k >= v.n || v.role[k] != qmNone {
		return false
	}
	if v.mention[k] >= 0 {
		return true
	}
	switch v.upos[k] {
	case "PROPN", "NOUN", "PRON", "DET", "ADJ", "NUM":
		return v.lower[k] != "that" && v.lower[k] != "which"
	case "PART":
		return v.lower[k] == "’s" || v.lower[k] == "'s"
	case "":
		// Untagged: a word that is not punctuation, a cue or a function word.
		w := v.lower[k]
		return shape(w) != 'p' && v.cue[k] == cueNone && !functionWords[w]
	}
	return false
}

// functionWords are the words an untagged noun phrase does not contain.
var functionWords = map[string]bool{
	"that": true, "which": true, "and": true, "or": true, "but": true, "to": true, "of": true, "in": true,
	"on": true, "at": true, "for": true, "with": true, "by": true, "from": true, "as": true, "is": true,
	"was": true, "are": true, "were": true, "be": true, "been": true, "has": true, "have": true, "had": true,
	"will": true, "would": true, "can": true, "could": true, "may": true, "might": true, "should": true,
	"must": true, "not": true, "did": true, "does": true, "do": true, "if": true, "when": true, "while": true,
	"because": true, "after": true, "before": true, "also": true, "then": true, "there": true, "here": true,
	"so": true, "than": true, "into": true, "about": true, "over": true, "under": true, "since": true,
}

// parsedSubject returns the subject of c from the parse: its nsubj, or the
// nsubj of the verb it is conjoined with or the complement of, as the
// extent of the subject's dependents before the cue (an appositive or a
// relative clause after a comma left out).
func parsedSubject(v *view, c int) dateline.Span {
	toks := v.doc.Tokens
	s := v.sent[c]
	if s < 0 {
		return dateline.Span{}
	}
	s0, s1 := v.sentRange(s)
	verb := c
	for hop := 0; hop < 3; hop++ {
		if sp := subjectExtent(v, verb, s0, s1); sp.Len() > 0 {
			return sp
		}
		d := toks[verb].Dep
		h := int(toks[verb].Head)
		if h < s0 || h >= s1 || (d != "conj" && d != "xcomp" && d != "acl:relcl" && d != "advcl" && d != "acl") {
			break
		}
		if d == "advcl" && hasMark(toks, verb, s0, s1) && finite(v, verb) {
			break // "…, because he argued" has its own subject or none
		}
		if v.depth[verb] == 0 && v.depth[h] > 0 {
			break // a verb outside a quotation is no phrase of the quoted clause ("…,” adding)
		}
		if d == "xcomp" {
			// Object control: "led X to announce", "caused many to
			// wonder" — the object of the verb is the complement's subject.
			for k := s0; k < verb; k++ {
				if int(toks[k].Head) == h && toks[k].Dep == "obj" {
					return objectExtent(v, k, s0, verb)
				}
			}
		}
		if d == "acl:relcl" {
			// "the minister, who said …": the noun the clause modifies.
			return v.span(int32(h), int32(h))
		}
		if d == "acl" {
			if v.xpos[verb] != "VBG" || afterComma(v, verb) {
				break
			}
			// A participle on a noun: the noun right before it is its
			// subject ("footage of Trump saying …", whichever noun the
			// parse hangs it on); across a preposition, the named noun it
			// hangs on ("the movement for speaking out").
			if k := verb - 1; k >= s0 && nounTag(v.upos[k]) {
				return v.span(int32(k), int32(k))
			}
			if v.mention[h] >= 0 {
				return v.span(int32(h), int32(h))
			}
			break
		}
		if g := int(toks[h].Head); d == "conj" && v.cue[verb] != cueNone && toks[h].Dep == "ccomp" && g >= s0 && g < s1 && v.cue[g] != cueNone &&
			(v.cue[h] == cueNone || parallel(v, verb, g, s0) && !parallel(v, verb, h, s0)) {
			// "He announced that he was leaving and vowed to …": a cue
			// joined to the complement of another cue is joined to that cue;
			// so is one that repeats that cue's form and not its own head's
			// ("He had implied X was to blame, and had called …").
			h = g
		}
		verb = h
	}
	if sp := frontedSubject(v, verb, s0, s1); sp.Len() > 0 {
		return sp
	}
	return participleSubject(v, c, s0, s1)
}

// frontedSubject returns the noun phrase that opens the clause of finite
// verb without a subject, where the parse hung it elsewhere: a vocative or
// dislocated nominal of the verb, or the subject the parse gave a
// participle set off before it ("Trump, speaking to veterans, said …" with
// "Trump" a dependent of "speaking"). Zero when there is none.
func frontedSubject(v *view, verb, s0, s1 int) dateline.Span {
	if verb < s0 || verb >= s1 || !finite(v, verb) || v.xpos[verb] == "" {
		return dateline.Span{}
	}
	toks := v.doc.Tokens
	for k := s0; k < verb; k++ {
		h := int(toks[k].Head)
		switch d := toks[k].Dep; {
		case h == verb && (d == "vocative" || d == "dislocated") && nounTag(v.upos[k]):
			return objectExtent(v, k, s0, verb)
		case h > k && h < verb && int(toks[h].Head) == verb && v.xpos[h] == "VBG" && (toks[h].Dep == "advcl" || toks[h].Dep == "csubj") &&
			(d == "nsubj" || d == "vocative" || d == "dislocated") && nounTag(v.upos[k]):
			return objectExtent(v, k, s0, h)
		}
	}
	return dateline.Span{}
}

// nounTag reports whether a UPOS tag is a noun's or a pronoun's.
func nounTag(upos string) bool { return upos == "PROPN" || upos == "NOUN" || upos == "PRON" }

// subjectExtent returns the subject of verb in sentence [s0, s1): its
// nsubj with the dependents before the verb, stopping at a comma; zero
// when it has none.
func subjectExtent(v *view, verb, s0, s1 int) dateline.Span {
	toks := v.doc.Tokens
	for k := s0; k < s1; k++ {
		if int(toks[k].Head) == verb && (toks[k].Dep == "nsubj" || toks[k].Dep == "nsubj:pass") {
			lo, hi := k, k
			for j := k - 1; j >= s0; j-- {
				if !dominated(toks, j, k, 12) || v.lower[j] == "," {
					break
				}
				lo = j
			}
			for j := k + 1; j < s1 && j < verb; j++ {
				if !dominated(toks, j, k, 12) || v.lower[j] == "," {
					break
				}
				hi = j
			}
			return v.span(int32(lo), int32(hi))
		}
	}
	return dateline.Span{}
}

// participleSubject returns the subject of a present participle cue c
// that opens its sentence or follows a comma ("Claiming X, Trump told
// Fox"; "Lynch agreed …, answering questions"): the subject of the
// sentence's main verb, however the parse attached the participle (an
// adverbial, a clausal subject, a noun's modifier). "According to" is a
// preposition, not a participle. Zero otherwise.
func participleSubject(v *view, c, s0, s1 int) dateline.Span {
	if v.xpos[c] != "VBG" || v.cue[c] == cuePrep || v.lemma[c] == "accord" || c != s0 && !afterComma(v, c) {
		return dateline.Span{}
	}
	toks := v.doc.Tokens
	root := -1
	for k := s0; k < s1; k++ {
		if h := int(toks[k].Head); h < s0 || h >= s1 {
			root = k
			break
		}
	}
	if root < 0 || root == c || dominated(toks, root, c, 12) {
		return dateline.Span{}
	}
	return subjectExtent(v, root, s0, s1)
}

// parallel reports whether verbs a and b (of a sentence starting at s0)
// have the same tag and the same auxiliaries, at least one: "had implied"
// and "had called", not "was to blame".
func parallel(v *view, a, b, s0 int) bool {
	if v.xpos[a] != v.xpos[b] || v.xpos[a] == "" {
		return false
	}
	aux := func(c int) string {
		p := ""
		for k := max(s0, c-4); k < c; k++ {
			if d := v.doc.Tokens[k].Dep; int(v.doc.Tokens[k].Head) == c && (d == "aux" || d == "aux:pass") && v.lower[k] != "to" {
				p += v.lower[k] + " "
			}
		}
		return p
	}
	pa := aux(a)
	return pa != "" && pa == aux(b)
}

// objectExtent is the extent of noun k's dependents in [s0, end), stopping
// at a comma.
func objectExtent(v *view, k, s0, end int) dateline.Span {
	toks := v.doc.Tokens
	lo, hi := k, k
	for j := k - 1; j >= s0; j-- {
		if !dominated(toks, j, k, 12) || v.lower[j] == "," {
			break
		}
		lo = j
	}
	for j := k + 1; j < end; j++ {
		if !dominated(toks, j, k, 12) || v.lower[j] == "," {
			break
		}
		hi = j
	}
	return v.span(int32(lo), int32(hi))
}

// finite reports whether verb c is finite: a tensed form, or a form with a
// tensed auxiliary or modal ("because it has shown", "if they would
// agree"); participles and infinitives ("while saying", "by pointing
// out", "to address") share the subject of the clause they hang on.
func finite(v *view, c int) bool {
	switch v.xpos[c] {
	case "VBD", "VBZ", "VBP", "MD":
		return true
	case "":
		return true // untagged: as before
	}
	toks := v.doc.Tokens
	for k := max(0, c-4); k < c; k++ {
		if int(toks[k].Head) == c && (toks[k].Dep == "aux" || toks[k].Dep == "aux:pass") {
			switch v.xpos[k] {
			case "VBD", "VBZ", "VBP", "MD":
				return true
			}
		}
	}
	return false
}

// hasMark reports whether token c of sentence [s0, s1) has a subordinating
// conjunction ("because", "after", "if").
func hasMark(toks []dateline.Token, c, s0, s1 int) bool {
	for k := s0; k < s1; k++ {
		if int(toks[k].Head) == c && toks[k].Dep == "mark" {
			return true
		}
	}
	return false
}

// dominated reports whether token j is in the subtree of token root.
func dominated(toks []dateline.Token, j, root, limit int) bool {
	for n := 0; n < limit && j >= 0 && j < len(toks); n++ {
		if j == root {
			return true
		}
		j = int(toks[j].Head)
	}
	return false
}

// reported finds reported speech from the cue lexicon, for documents seen
// without a model: "X said (that) …", "X told reporters …", "…, X said",
// "according to X, …". The content runs from after the cue (and "that",
// a colon or a comma) to the end of the sentence.
func reported(v *view, atts []Attribution, covered, cueTok []bool) []Attribution {
	for c := 0; c < v.n; c++ {
		if cueTok[c] || covered[c] || v.depth[c] > 0 || v.sent[c] < 0 || v.bsent[c] < 0 {
			continue
		}
		s0, s1 := v.sentRange(v.sent[c])
		for s1 > s0 && shape(v.lower[s1-1]) == 'p' {
			s1--
		}
		switch v.cue[c] {
		case cueSay, cueThink:
			if v.upos[c] != "" && v.upos[c] != "VERB" || !reportingForm(v, c) {
				continue
			}
			src := subject(v, c)
			if src.Len() == 0 {
				continue
			}
			at := Attribution{Cue: v.doc.Tokens[c].Span, Source: src, Speaker: -1}
			k := c + 1
			if v.lower[c] == "told" || v.lemma[c] == "tell" {
				for k < s1 && isNP(v, k) { // the addressee
					k++
				}
			}
			intro := false
			for k < s1 && (v.lower[k] == "that" || v.lower[k] == ":" || v.lower[k] == ",") {
				k++
				intro = true
			}
			switch {
			case k < s1 && src.Start < v.doc.Tokens[c].Start:
				e := s1 - 1
				if f, l, ok := complement(v, c); ok && f >= k-1 {
					k, e = max(k, f), l
				}
				if !intro && weakCues[v.lemma[c]] {
					continue // "continued diplomatic efforts"
				}
				if !intro && !clausal(v, k, e) && v.lower[k] != "on" && v.lower[k] != "for" {
					continue // "did not mention a ceasefire": an object, not a report
				}
				at.Content = []dateline.Span{v.span(int32(k), int32(e))}
			case src.Start > v.doc.Tokens[c].Start && c-1 > s0:
				// "…, said X" / "…, X said": the content is before.
				e := c - 1
				for e > s0 && (v.lower[e] == "," || v.role[e] == qmClose) {
					e--
				}
				at.Content = []dateline.Span{v.span(int32(s0), int32(e))}
			default:
				continue
			}
			if allCovered(v, at.Content[0], covered) {
				continue
			}
			atts = append(atts, at)
			cueTok[c] = true
		case cuePrep:
			if v.lower[c] != "according" || c+2 >= v.n || v.lower[c+1] != "to" {
				continue
			}
			k := c + 2
			f := k
			for k < s1 && isNP(v, k) && v.lower[k] != "," {
				k++
			}
			if k == f {
				continue
			}
			at := Attribution{Cue: v.span(int32(c), int32(c+1)), Source: v.span(int32(f), int32(k-1)), Speaker: -1}
			switch {
			case c > s0+1: // "…, according to X"
				e := c - 1
				for e > s0 && v.lower[e] == "," {
					e--
				}
				at.Content = []dateline.Span{v.span(int32(s0), int32(e))}
			case k+1 < s1: // "According to X, …"
				if v.lower[k] == "," {
					k++
				}
				at.Content = []dateline.Span{v.span(int32(k), int32(s1-1))}
			default:
				continue
			}
			atts = append(atts, at)
			cueTok[c], cueTok[c+1] = true, true
		}
	}
	return atts
}

// weakCues report only when a colon or "that" follows them.
var weakCues = map[string]bool{
	"continue": true, "conclude": true, "find": true, "show": true, "see": true, "view": true,
	"agree": true, "consider": true, "learn": true, "hear": true, "add": true, "note": true, "point": true,
	"describe": true, "question": true, "challenge": true, "answer": true, "post": true, "report": true,
}

// reportingForm reports whether a cue verb is used to report: not a
// passive or bare participle ("was seen as"), not an infinitive after "to",
// not a gerund after a preposition ("before considering").
func reportingForm(v *view, c int) bool {
	prev := ""
	if c > 0 {
		prev = v.lower[c-1]
	}
	switch v.xpos[c] {
	case "VBN":
		for k := c - 1; k >= max(0, c-3); k-- {
			if w := v.lower[k]; w == "has" || w == "have" || w == "had" || w == "’ve" || w == "'ve" {
				return true
			}
		}
		return false
	case "VB":
		return prev != "to"
	case "VBG":
		return v.upos[max(0, c-1)] != "ADP" && v.upos[max(0, c-1)] != "SCONJ" || c == 0
	}
	return true
}

// clausal reports whether tokens [f, e] hold a finite verb (a clause), when
// the text is tagged; untagged text is given the benefit of the doubt.
func clausal(v *view, f, e int) bool {
	if !v.tagged {
		return true
	}
	for k := f; k <= e && k < v.n; k++ {
		switch v.xpos[k] {
		case "VBD", "VBZ", "VBP", "MD":
			return true
		}
	}
	return false
}

// complement returns the token extent of the clausal complement of cue c
// in the parse (its ccomp, or a parataxis), when there is one.
func complement(v *view, c int) (int, int, bool) {
	if !v.parsed || v.sent[c] < 0 {
		return 0, 0, false
	}
	toks := v.doc.Tokens
	s0, s1 := v.sentRange(v.sent[c])
	for k := c + 1; k < s1; k++ {
		if int(toks[k].Head) != c || toks[k].Dep != "ccomp" && toks[k].Dep != "parataxis" {
			continue
		}
		lo, hi := k, k
		for j := s0; j < s1; j++ {
			if j != c && dominated(toks, j, k, 20) {
				lo, hi = min(lo, j), max(hi, j)
			}
		}
		for hi > lo && shape(v.lower[hi]) == 'p' && v.role[hi] == qmNone {
			hi--
		}
		for lo < hi && (v.lower[lo] == "that" || shape(v.lower[lo]) == 'p' && v.role[lo] == qmNone) {
			lo++
		}
		return lo, hi, true
	}
	return 0, 0, false
}

// allCovered reports whether every word of sp is in another attribution's
// content.
func allCovered(v *view, sp dateline.Span, covered []bool) bool {
	f, l := tokenRange(v, sp)
	for k := f; k < l; k++ {
		if !covered[k] && v.role[k] == qmNone && shape(v.lower[k]) != 'p' {
			return false
		}
	}
	return true
}

// kindOf decides the kind of an attribution from the quote marks in its
// content: direct when the content is one quotation (marks included or
// just inside them), mixed when it holds quoted and unquoted words,
// indirect when it holds no marks.
func kindOf(v *view, at *Attribution) string {
	if at.Kind == dateline.QuoteWord {
		return at.Kind
	}
	if len(at.Content) == 0 {
		return dateline.QuoteIndirect
	}
	quoted, unquoted := 0, 0
	for _, c := range at.Content {
		f, l := tokenRange(v, c)
		for k := f; k < l; k++ {
			if v.role[k] != qmNone || shape(v.lower[k]) == 'p' {
				continue
			}
			if v.depth[k] > 0 {
				quoted++
			} else {
				unquoted++
			}
		}
	}
	switch {
	case quoted > 0 && unquoted == 0:
		return dateline.QuoteDirect
	case quoted > 0:
		return dateline.QuoteMixed
	}
	if at.Kind == dateline.QuoteDirect {
		return at.Kind
	}
	return dateline.QuoteIndirect
}
