package quote

import (
	"slices"

	"github.com/dateline-news/dateline"
)

// scratch holds the buffers of one labelling run; it is reused across
// blocks and documents (one per goroutine).
type scratch struct {
	feats []uint64
	offs  []int32
	em    []float32
	score []float32
	back  []uint8
	out   []uint8

	docFeats []uint64 // first-stage features of a whole document
	docOffs  []int32
}

func newScratch() *scratch { return &scratch{} }

// prepare computes the features of the tokens of block [b0, b1) and sizes
// the buffers for it.
func (sc *scratch) prepare(c *fctx, b0, b1 int) {
	n := b1 - b0
	sc.feats = sc.feats[:0]
	sc.offs = append(sc.offs[:0], 0)
	for i := b0; i < b1; i++ {
		sc.feats = c.features(sc.feats, i, b0, b1)
		sc.offs = append(sc.offs, int32(len(sc.feats)))
	}
	sc.size(n)
}

// size sizes the decoding buffers for n tokens.
func (sc *scratch) size(n int) {
	if cap(sc.em) < n*nLabels {
		sc.em = make([]float32, n*nLabels)
		sc.score = make([]float32, n*nLabels)
		sc.back = make([]uint8, n*nLabels)
		sc.out = make([]uint8, n)
	}
	sc.em, sc.score, sc.back, sc.out = sc.em[:n*nLabels], sc.score[:n*nLabels], sc.back[:n*nLabels], sc.out[:n]
}

// labelStage labels every analysed block of the view with one stage.
func labelStage(st *stage, mask uint64, v *view, c *fctx, sc *scratch, dst []uint8) {
	for _, b := range v.blocks {
		b0, b1 := int(b[0]), int(b[1])
		sc.prepare(c, b0, b1)
		st.emissions(mask, sc.feats, sc.offs, sc.em)
		st.viterbi(sc.em, b1-b0, sc.out, sc.back, sc.score)
		copy(dst[b0:b1], sc.out)
	}
}

// label runs both stages of m over the view. The first stage's features
// are computed once and reused by the second, whose cue labels get
// cueBias added to their scores.
func (m *Model) label(v *view, sc *scratch, cueBias float32) []uint8 {
	c := newContext(v)
	mask := m.mask()
	sc.docFeats = sc.docFeats[:0]
	sc.docOffs = append(sc.docOffs[:0], 0)
	for _, b := range v.blocks {
		for i := b[0]; i < b[1]; i++ {
			sc.docFeats = c.base(sc.docFeats, int(i), int(b[0]), int(b[1]))
			sc.docOffs = append(sc.docOffs, int32(len(sc.docFeats)))
		}
	}
	s1 := make([]uint8, v.n)
	at := 0 // index into docOffs of the block's first token
	for _, b := range v.blocks {
		b0, b1 := int(b[0]), int(b[1])
		n := b1 - b0
		sc.size(n)
		m.stages[0].emissions(mask, sc.docFeats, sc.docOffs[at:at+n+1], sc.em)
		m.stages[0].viterbi(sc.em, n, sc.out, sc.back, sc.score)
		copy(s1[b0:b1], sc.out)
		at += n
	}
	c.setStage1(s1)
	s2 := make([]uint8, v.n)
	at = 0
	for _, b := range v.blocks {
		b0, b1 := int(b[0]), int(b[1])
		n := b1 - b0
		sc.size(n)
		sc.feats = sc.feats[:0]
		sc.offs = append(sc.offs[:0], 0)
		for k := range n {
			sc.feats = append(sc.feats, sc.docFeats[sc.docOffs[at+k]:sc.docOffs[at+k+1]]...)
			sc.feats = c.extra(sc.feats, b0+k, b0, b1)
			sc.offs = append(sc.offs, int32(len(sc.feats)))
		}
		m.stages[1].emissions(mask, sc.feats, sc.offs, sc.em)
		if cueBias != 0 {
			for k := range n {
				sc.em[k*nLabels+lBCue] += cueBias
				sc.em[k*nLabels+lICue] += cueBias
			}
		}
		m.stages[1].viterbi(sc.em, n, sc.out, sc.back, sc.score)
		copy(s2[b0:b1], sc.out)
		at += n
	}
	return s2
}

// piece is one labelled span: a role over tokens [first, last].
type piece struct {
	role        uint8 // 1 source, 2 cue, 3 content
	first, last int32
	sent, block int32
}

// pieces reads the spans off the labels.
func pieces(v *view, labels []uint8) []piece {
	var out []piece
	for i := 0; i < v.n; i++ {
		l := labels[i]
		if l == lO {
			continue
		}
		r := roleOf(l)
		j := i
		for j+1 < v.n && labels[j+1] == 2*r && v.bsent[j+1] == v.bsent[i] {
			j++
		}
		out = append(out, piece{role: r, first: int32(i), last: int32(j), sent: v.sent[i], block: v.bsent[i]})
		i = j
	}
	return out
}

// span is the byte span of a piece; trailing and leading blank tokens are
// impossible (tokens carry no space), so it is the tokens' extent.
func (v *view) span(first, last int32) dateline.Span {
	return dateline.Span{Start: v.doc.Tokens[first].Start, End: v.doc.Tokens[last].End}
}

// Attribution is one attribution found in a document: who (Source),
// through which words (Cue), said, wrote or thought what (Content, in one
// or more fragments: a direct quote interrupted by "he said" is one
// content in two pieces).
type Attribution struct {
	Source  dateline.Span   // zero length when the text names no source
	Cue     dateline.Span   // zero length when there is no cue (a bare quotation)
	Content []dateline.Span // sorted; empty for a cue without content
	Kind    string          // direct, indirect, mixed, word
	Speaker int             // index into Document.Mentions; -1 unknown
	// CoSpeakers are the other speakers of a joint source ("X and Y said"),
	// as dateline.Quote.CoSpeakers.
	CoSpeakers []int
}

// pair groups the pieces into attributions: every cue starts one; a
// source joins the nearest cue of its sentence that has none yet (else the
// nearest in its block); a content joins the nearest cue of its sentence,
// else the nearest cue within two sentences of its block or the next block.
func pair(v *view, ps []piece) []Attribution {
	var cues []int
	for k, p := range ps {
		if p.role == 2 {
			// "According to a new report": the cue is "according to", what
			// follows is the source (found below).
			for t := p.first; t+1 < p.last; t++ {
				if v.lower[t] == "according" && v.lower[t+1] == "to" {
					ps[k].last = t + 1
					break
				}
			}
			cues = append(cues, k)
		}
	}
	if len(cues) == 0 {
		return nil
	}
	// A content piece that is no more than the parse subject of a cue after
	// it in its sentence names the speaker: it is that cue's source ("Trump,
	// speaking to veterans, said …" with "Trump" labelled a content).
	if v.parsed {
		for pi := range ps {
			if p := ps[pi]; p.role == 3 && nounPhrase(v, p) {
				for _, k := range cues {
					c := ps[k]
					if c.sent != p.sent || c.first <= p.last {
						continue
					}
					if sp := parsedSubject(v, cueRoot(v, int(c.first), int(c.last))); sp.Len() > 0 && sp.Start <= v.doc.Tokens[p.first].Start && v.doc.Tokens[p.last].End <= sp.End {
						ps[pi].role = 1
						break
					}
				}
			}
		}
	}
	atts := make([]Attribution, len(cues))
	hasSrc := make([]bool, len(cues))
	for ci, k := range cues {
		atts[ci] = Attribution{Cue: v.span(ps[k].first, ps[k].last), Speaker: -1}
	}
	dist := func(a, b piece) int32 {
		if a.last < b.first {
			return b.first - a.last
		}
		if b.last < a.first {
			return a.first - b.last
		}
		return 0
	}
	nearest := func(p piece, ok func(ci int) bool, sameSent bool, maxSents int32) int {
		best, bestD := -1, int32(1<<30)
		for ci, k := range cues {
			c := ps[k]
			if !ok(ci) {
				continue
			}
			if sameSent && c.sent != p.sent {
				continue
			}
			if !sameSent {
				if c.block != p.block && c.block != p.block+1 && c.block != p.block-1 {
					continue
				}
				if d := c.sent - p.sent; d > maxSents || d < -maxSents {
					continue
				}
			}
			d := dist(p, c)
			if !sameSent && c.first < p.first {
				d += 2 // a cue after the content ("…,” he said.) is more usual
			}
			if d < bestD {
				best, bestD = ci, d
			}
		}
		return best
	}
	// Sources: first every source that has a free cue in its own sentence,
	// then the rest, to a free cue close by in a neighbouring sentence.
	free := func(ci int) bool { return !hasSrc[ci] }
	placed := make([]bool, len(ps))
	// A source after its cue follows it at once ("…,” said X); one with a
	// content between belongs elsewhere ("had called X a “dictator” (a
	// statement he later retracted)").
	contentBetween := func(cue, src piece) bool {
		if src.first < cue.last {
			return false
		}
		for _, p := range ps {
			if p.role == 3 && p.first > cue.last && p.last < src.first {
				return true
			}
		}
		return false
	}
	// First a source right next to its cue ("…, Mr. Lee told reporters";
	// "…,” said Ms. Gil): the model's pieces agree, whatever the parse of
	// a long sentence says.
	for ci, k := range cues {
		c := ps[k]
		for pi, p := range ps {
			if p.role == 1 && !placed[pi] && p.sent == c.sent && (p.last+1 == c.first || p.first == c.last+1 && (inverted(v, c) || v.cue[c.first] == cuePrep)) && nominal(v, p) &&
				!(v.lower[p.last] == "," && v.xpos[cueRoot(v, int(c.first), int(c.last))] == "VBG") { // "X, saying": X is the clause's subject
				hasSrc[ci], placed[pi] = true, true
				atts[ci].Source = v.span(p.first, p.last)
				break
			}
		}
	}
	// Then the parse: a source that is (part of) the subject of its cue
	// ("X, who has endorsed Y, said": X, not "who"), even one that another
	// cue has (conjoined verbs share their subject: "He had implied …, and
	// had called …").
	if v.parsed {
		for ci, k := range cues {
			c := ps[k]
			if hasSrc[ci] {
				continue
			}
			sp := parsedSubject(v, cueRoot(v, int(c.first), int(c.last)))
			if sp.Len() == 0 {
				continue
			}
			for pi, p := range ps {
				if p.role == 1 && p.sent == c.sent && v.span(p.first, p.last).Overlaps(sp) {
					hasSrc[ci], placed[pi] = true, true
					atts[ci].Source = v.span(p.first, p.last)
					break
				}
			}
		}
	}
	// In its sentence, the closest source and cue pair first, whatever
	// comes first in the text ("…, a self-described socialist, a new poll
	// indicates": the poll, not the socialist; "Mr. Lee, who …, fits the
	// bill, he added": he).
	type cand struct{ pi, ci, d int }
	var cands []cand
	for pi, p := range ps {
		if p.role != 1 || placed[pi] {
			continue
		}
		for ci, k := range cues {
			if c := ps[k]; c.sent == p.sent && !hasSrc[ci] && !contentBetween(c, p) {
				cands = append(cands, cand{pi, ci, int(dist(p, c))})
			}
		}
	}
	slices.SortStableFunc(cands, func(a, b cand) int { return a.d - b.d })
	for _, c := range cands {
		if !placed[c.pi] && !hasSrc[c.ci] {
			hasSrc[c.ci], placed[c.pi] = true, true
			atts[c.ci].Source = v.span(ps[c.pi].first, ps[c.pi].last)
		}
	}
	// Then a source left over goes to a free cue close by in a
	// neighbouring sentence.
	var cur piece // the source being placed
	ok := func(ci int) bool { return free(ci) && !contentBetween(ps[cues[ci]], cur) }
	for pi, p := range ps {
		if p.role != 1 || placed[pi] {
			continue
		}
		cur = p
		if ci := nearest(p, ok, false, 1); ci >= 0 && dist(p, ps[cues[ci]]) <= 8 {
			hasSrc[ci], placed[pi] = true, true
			atts[ci].Source = v.span(p.first, p.last)
		}
	}
	for _, p := range ps {
		if p.role != 3 {
			continue
		}
		any := func(int) bool { return true }
		ci := nearest(p, any, true, 0)
		if ci < 0 {
			ci = nearest(p, any, false, 2)
		}
		if ci >= 0 {
			atts[ci].Content = append(atts[ci].Content, v.span(p.first, p.last))
		}
	}
	// A cue the model left without a source gets the subject the parse or
	// the patterns give it (most attributions name one; a subject shared by
	// two conjoined cues serves both), unless that overlaps a cue or a
	// content.
	taken := func(sp dateline.Span) bool {
		for _, p := range ps {
			if p.role != 1 && v.span(p.first, p.last).Overlaps(sp) {
				return true
			}
		}
		return false
	}
	for ci, k := range cues {
		if hasSrc[ci] {
			continue
		}
		c := ps[k]
		if sp := accordingTo(v, int(c.first), int(c.last)); sp.Len() > 0 {
			if !cueIn(v, ps, sp) {
				atts[ci].Source = sp
			}
			continue
		}
		if r := cueRoot(v, int(c.first), int(c.last)); v.upos[r] == "NOUN" && v.parsed {
			// A noun has no subject: its possessor is the source ("Turkey’s
			// refusal", "its calls for"), else there is none ("questions
			// about", "allegations that").
			if sp := possessor(v, r); sp.Len() > 0 && !taken(sp) {
				atts[ci].Source = sp
			}
			continue
		}
		for _, t := range []int32{c.last, c.first} {
			if v.cue[t] == cueNone && t != c.first {
				continue
			}
			if sp := subject(v, int(t)); sp.Len() > 0 && !taken(sp) && v.sent[v.tokenAt(sp.Start)] == c.sent {
				atts[ci].Source = sp
				break
			}
		}
	}
	// A parse subject right next to its cue is its source even where the
	// model ran a content over it ("…,” said Ms. Gil, with …): it is cut
	// out of that content.
	if v.parsed {
		for ci, k := range cues {
			c := ps[k]
			if atts[ci].Source.Len() > 0 {
				continue
			}
			sp := parsedSubject(v, cueRoot(v, int(c.first), int(c.last)))
			if sp.Len() == 0 {
				continue
			}
			f, l := v.tokenAt(sp.Start), v.tokenAt(sp.End-1)
			if f != int(c.last)+1 && l+1 != int(c.first) || v.sent[f] != c.sent || cueIn(v, ps, sp) {
				continue
			}
			atts[ci].Source = sp
			for ai := range atts {
				atts[ai].Content = cut(atts[ai].Content, sp)
			}
		}
	}
	// The same from the words alone, where the parse is lost in a long
	// quotation: a noun phrase between a comma or closing quote mark and
	// the cue ("…, veteran Republicans said.", "…,” his nephew added"),
	// or right after a cue that follows one ("…,” says a source close to
	// …").
	for ci, k := range cues {
		c := ps[k]
		if atts[ci].Source.Len() > 0 {
			continue
		}
		if sp := besideCue(v, int(c.first), int(c.last)); sp.Len() > 0 && !cueIn(v, ps, sp) {
			atts[ci].Source = sp
			for ai := range atts {
				atts[ai].Content = cut(atts[ai].Content, sp)
			}
		}
	}
	// The subject of a raising verb ("X seems to …") or of a passive
	// without an agent ("X is expected to …", "X was named") is what the
	// attribution is about, not who makes it: PolNeAR gives such cues no
	// source (about three times in four in the training data).
	for ci, k := range cues {
		c := ps[k]
		if sp := atts[ci].Source; sp.Len() > 0 && sp.End <= atts[ci].Cue.Start && sourceless(v, int(c.first), int(c.last)) {
			atts[ci].Source = dateline.Span{}
		}
		// A participle opening its sentence ("Asked about the plan, Lee
		// said …") is a reduced passive: its source is a "by" agent or none.
		if r := cueRoot(v, int(c.first), int(c.last)); v.xpos[r] == "VBN" && int(c.first) == r {
			if s0, _ := v.sentRange(c.sent); int(c.first) == s0 {
				atts[ci].Source = dateline.Span{}
			}
		}
	}
	// A passive cue names its source in a "by" phrase after it ("was
	// confirmed by the minister", "as reported by X", "endorsed by Y"),
	// not in its subject.
	for ci, k := range cues {
		c := ps[k]
		if src := atts[ci].Source; src.Len() > 0 && src.Start >= atts[ci].Cue.End {
			continue
		}
		if sp := agent(v, int(c.first), int(c.last)); sp.Len() > 0 && !taken(sp) {
			atts[ci].Source = sp
		}
	}
	// A participle after a comma continues the attribution before it in
	// its sentence ("…,” he said, adding that …; X said …, noting …"): it
	// takes that attribution's source when the parse found it none.
	for ci, k := range cues {
		c := ps[k]
		if atts[ci].Source.Len() > 0 || !participle(v, c) {
			continue
		}
		for pj := ci - 1; pj >= 0; pj-- {
			if ps[cues[pj]].sent != c.sent {
				break
			}
			if atts[pj].Source.Len() > 0 {
				atts[ci].Source = atts[pj].Source
				break
			}
		}
	}
	return atts
}

// besideCue returns the noun phrase that closes a clause with cue tokens
// [first, last] after a comma or a closing quote mark: before the cue
// ("…, officials said") or, when the cue follows a closing quote mark,
// after it ("…,” said the officials); zero when there is none.
func besideCue(v *view, first, last int) dateline.Span {
	s := v.sent[first]
	after := func(k int) bool { // token k follows a comma or a closing mark
		return k > 0 && v.sent[k-1] == s && (v.lower[k-1] == "," || v.role[k-1] == qmClose)
	}
	if inverted(v, piece{first: int32(first), last: int32(last), sent: s}) && v.xpos[first] != "VBG" {
		k := last + 1
		for k < v.n && v.sent[k] == s && isNP(v, k) && k-last <= 8 {
			k++
		}
		if k > last+1 {
			return v.span(int32(last+1), int32(k-1))
		}
		return dateline.Span{}
	}
	if after(first) {
		// "…, said Doyle and others." "…, explained Rosenberg, “…”": a
		// tensed cue after a comma whose noun phrase closes the clause.
		switch v.xpos[first] {
		case "VBD", "VBZ", "VBP":
		default:
			return dateline.Span{}
		}
		k := last + 1
		for k < v.n && v.sent[k] == s && isNP(v, k) && k-last <= 8 {
			k++
		}
		if k > last+1 && (k == v.n || v.sent[k] != s || v.lower[k] == "," || v.lower[k] == "." || v.lower[k] == "who" || v.role[k] != qmNone) {
			return v.span(int32(last+1), int32(k-1))
		}
		return dateline.Span{}
	}
	j := first - 1
	for j >= 0 && v.sent[j] == s && isNP(v, j) && first-j <= 8 {
		j--
	}
	if j < first-1 && j >= 0 && after(j+1) {
		return v.span(int32(j+1), int32(first-1))
	}
	return dateline.Span{}
}

// inverted reports whether cue c follows a closing quote mark (with or
// without a comma), where its subject comes after it ("…,” said X).
func inverted(v *view, c piece) bool {
	f := int(c.first)
	return f > 1 && v.sent[f-1] == c.sent && (v.role[f-1] == qmClose || v.lower[f-1] == "," && v.role[f-2] == qmClose)
}

// nominal reports whether piece p names someone: it holds a noun phrase
// word and is not the object of a preposition (an interrupting phrase:
// "X, after the rallies, wrote").
func nominal(v *view, p piece) bool {
	if p.first > 0 && v.upos[p.first-1] == "ADP" {
		return false
	}
	for k := p.first; k <= p.last; k++ {
		if isNP(v, int(k)) {
			return true
		}
	}
	return false
}

// possessor returns the possessive dependent of noun r ("Turkey’s", "its"
// in "its calls"), zero when it has none.
func possessor(v *view, r int) dateline.Span {
	toks := v.doc.Tokens
	s0, _ := v.sentRange(v.sent[r])
	for k := max(s0, r-8); k < r; k++ {
		if int(toks[k].Head) == r && toks[k].Dep == "nmod:poss" {
			return objectExtent(v, k, s0, r)
		}
	}
	return dateline.Span{}
}

// nounPhrase reports whether piece p holds only noun phrase words (and
// commas): no verb, no clause.
func nounPhrase(v *view, p piece) bool {
	for k := p.first; k <= p.last; k++ {
		if !isNP(v, int(k)) && v.lower[k] != "," {
			return false
		}
	}
	return true
}

// participle reports whether cue c is a participle after a comma ("…, he
// said, adding that …"; "…,” adding that …").
func participle(v *view, c piece) bool {
	return v.xpos[c.first] == "VBG" && afterComma(v, int(c.first))
}

// afterComma reports whether token k follows a comma, or a closing quote
// mark right after one ("…,” adding").
func afterComma(v *view, k int) bool {
	if k > 0 && v.role[k-1] == qmClose && v.sent[k-1] == v.sent[k] {
		k--
	}
	return k > 0 && v.lower[k-1] == "," && v.sent[k-1] == v.sent[k]
}

// sourceless reports whether cue tokens [first, last] are a raising verb
// (seem, appear) or a passive verb without a "by" agent after it.
func sourceless(v *view, first, last int) bool {
	r := cueRoot(v, first, last)
	switch v.lemma[r] {
	case "seem", "seems", "seemed", "appear", "appears", "appeared": // lemmas, or words without a tagger
		return true
	}
	if v.xpos[r] != "VBN" {
		return false
	}
	passive := false
	for k := max(0, first-3); k < r; k++ { // "is", "was widely", "has been"
		if (v.lower[k] == "’s" || v.lower[k] == "'s") && v.parsed && v.doc.Tokens[k].Dep == "aux" {
			continue // "he’s sought": has, as the parse reads it
		}
		switch v.lemma[k] {
		case "be", "is", "are", "was", "were", "been", "being":
			passive = true
		}
	}
	if !passive {
		return false
	}
	s := v.sent[r]
	for k := r + 1; k < v.n && k <= last+4 && v.sent[k] == s; k++ {
		if v.lower[k] == "by" {
			return false
		}
	}
	return true
}

// cueIn reports whether a cue piece overlaps sp.
func cueIn(v *view, ps []piece, sp dateline.Span) bool {
	for _, p := range ps {
		if p.role == 2 && v.span(p.first, p.last).Overlaps(sp) {
			return true
		}
	}
	return false
}

// cut removes sp from the spans of cs, splitting a span it falls inside.
func cut(cs []dateline.Span, sp dateline.Span) []dateline.Span {
	for i := 0; i < len(cs); i++ {
		c := cs[i]
		if !c.Overlaps(sp) {
			continue
		}
		left, right := dateline.Span{Start: c.Start, End: sp.Start}, dateline.Span{Start: sp.End, End: c.End}
		var keep []dateline.Span
		if left.End > left.Start {
			keep = append(keep, left)
		}
		if right.End > right.Start {
			keep = append(keep, right)
		}
		cs = append(cs[:i], append(keep, cs[i+1:]...)...)
		i += len(keep) - 1
	}
	return cs
}

// agent returns the agent of a passive cue [first, last]: the noun phrase
// after a "by" that ends the cue or follows it within four words of its
// sentence (before any comma or quote mark); zero when there is none.
func agent(v *view, first, last int) dateline.Span {
	r := cueRoot(v, first, last)
	if v.xpos[r] != "VBN" {
		return dateline.Span{}
	}
	s := v.sent[r]
	for k := last; k < v.n && k <= last+4 && v.sent[k] == s; k++ {
		if k > last && (v.lower[k] == "," || v.role[k] != qmNone) {
			break
		}
		if v.lower[k] != "by" {
			continue
		}
		j := k + 1
		for j < v.n && v.sent[j] == s && isNP(v, j) && j-k <= 12 {
			j++
		}
		if j > k+1 {
			return v.span(int32(k+1), int32(j-1))
		}
		break
	}
	return dateline.Span{}
}

// cueRoot returns the token of cue tokens [first, last] whose head lies
// outside them (the verb of "has said", "said in a statement"); the last
// token when the parse gives none.
func cueRoot(v *view, first, last int) int {
	toks := v.doc.Tokens
	for k := first; k <= last; k++ {
		if h := int(toks[k].Head); h < first || h > last {
			return k
		}
	}
	return last
}

// tokenAt returns the index of the token starting at or covering byte b.
func (v *view) tokenAt(b int32) int {
	toks := v.doc.Tokens
	lo, hi := 0, len(toks)
	for lo < hi {
		mid := (lo + hi) / 2
		if toks[mid].End <= b {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return min(lo, len(toks)-1)
}

// accordingTo returns the source of a cue ending in "according to": the
// noun phrase after it, up to a comma (zero when the cue is another).
func accordingTo(v *view, first, last int) dateline.Span {
	k := last
	if v.lower[k] != "to" && k+1 < v.n && v.lower[k+1] == "to" {
		k++
	}
	if v.lower[k] != "to" || k == 0 || v.lower[k-1] != "according" {
		return dateline.Span{}
	}
	s := v.sent[k]
	j := k + 1
	for j < v.n && v.sent[j] == s && isNP(v, j) && j-k <= 12 {
		j++
	}
	if j == k+1 {
		return dateline.Span{}
	}
	return v.span(int32(k+1), int32(j-1))
}
