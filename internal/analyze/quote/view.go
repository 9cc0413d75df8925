package quote

import (
	"strings"

	"github.com/dateline-news/dateline"
)

// view is what the pass reads of a document, token by token: the word
// forms, the tags when the tag pass ran, the entity type of the mention a
// token is in, the quote marks, and the cue lexicon.
type view struct {
	doc     *dateline.Document
	n       int
	lower   []string
	lemma   []string
	upos    []string
	xpos    []string
	ent     []string // the type of the mention covering the token, "" for none
	mention []int32  // index of that mention, -1
	cue     []uint8  // cue class (lexicon, or learned from the training data)
	phrase  []uint8  // position in a learned multi-word cue: 0 none, 1 first, 2 inside
	role    []int8   // quote-mark role
	depth   []uint8  // quotation depth
	sent    []int32  // sentence index of the token, -1 outside sentences
	blocks  [][2]int32
	bsent   []int32 // block index of each token, -1 outside analysed blocks
	regions []region
	// Hashes of the strings the features read, computed once per token.
	hw, hl, hp, hu, hsuf, hent, hdep []uint64
	shape                            []byte
	fine                             []uint16 // word clusters (fine, mid)
	mid                              []uint16
	tagged                           bool // the tag pass filled UPOS
	parsed                           bool // the parse pass filled heads
}

func newView(doc *dateline.Document, lx *lexicon, cl *clusters, cw *cueWords) *view {
	n := len(doc.Tokens)
	v := &view{doc: doc, n: n,
		lower: make([]string, n), lemma: make([]string, n), upos: make([]string, n), xpos: make([]string, n),
		ent: make([]string, n), mention: make([]int32, n), cue: make([]uint8, n), phrase: make([]uint8, n), role: make([]int8, n),
		depth: make([]uint8, n), sent: make([]int32, n), bsent: make([]int32, n),
		fine: make([]uint16, n), mid: make([]uint16, n),
	}
	for i := range n {
		v.sent[i], v.bsent[i], v.mention[i] = -1, -1, -1
	}
	for i, tk := range doc.Tokens {
		w := tk.Span.In(doc.Text)
		v.lower[i] = strings.ToLower(w)
		v.upos[i], v.xpos[i] = tk.UPOS, tk.XPOS
		if tk.UPOS != "" {
			v.tagged = true
		}
		if tk.Head >= 0 && tk.Dep != "" {
			v.parsed = true
		}
		v.lemma[i] = v.lower[i]
		if tk.Lemma != "" {
			v.lemma[i] = strings.ToLower(tk.Lemma)
		}
	}
	for i := range n {
		c := lx.class(v.lemma[i], v.upos[i])
		if c == cueNone && cw.has(v.lemma[i]) && (v.upos[i] == "" || v.upos[i] == "VERB" || v.upos[i] == "NOUN") {
			c = cueLearned
		}
		v.cue[i] = c
		v.fine[i], v.mid[i] = cl.lookup(v.lower[i])
	}
	v.hw, v.hl, v.hp, v.hu, v.hsuf, v.hent, v.hdep = make([]uint64, n), make([]uint64, n), make([]uint64, n), make([]uint64, n), make([]uint64, n), make([]uint64, n), make([]uint64, n)
	v.shape = make([]byte, n)
	for i, tk := range doc.Tokens {
		v.hw[i], v.hl[i], v.hu[i] = strHash(v.lower[i]), strHash(v.lemma[i]), strHash(v.upos[i])
		v.hp[i] = v.hu[i]
		if v.xpos[i] != "" {
			v.hp[i] = strHash(v.xpos[i])
		}
		v.hsuf[i], v.hdep[i] = strHash(suffix(v.lower[i], 3)), strHash(tk.Dep)
		v.shape[i] = shape(tk.In(doc.Text))
	}
	// Mentions: tokens are sorted, mentions are sorted; one sweep.
	j := 0
	for mi, m := range doc.Mentions {
		for j < n && doc.Tokens[j].End <= m.Start {
			j++
		}
		for k := j; k < n && doc.Tokens[k].Start < m.End; k++ {
			if v.mention[k] < 0 {
				v.ent[k], v.mention[k] = m.Type, int32(mi)
			}
		}
	}
	for i := range n {
		v.hent[i] = strHash(v.ent[i])
	}
	for si, s := range doc.Sentences {
		for k := max(0, int(s.Tokens[0])); k < min(n, int(s.Tokens[1])); k++ {
			v.sent[k] = int32(si)
		}
	}
	cw.mark(v)
	// Analysed blocks as token ranges.
	j = 0
	for _, b := range doc.Blocks {
		for j < n && doc.Tokens[j].Start < b.Start {
			j++
		}
		k := j
		for k < n && doc.Tokens[k].End <= b.End {
			k++
		}
		if b.Kind.Analysed() && k > j {
			for t := j; t < k; t++ {
				v.bsent[t] = int32(len(v.blocks))
			}
			v.blocks = append(v.blocks, [2]int32{int32(j), int32(k)})
		}
		j = k
	}
	if len(doc.Blocks) == 0 && n > 0 {
		// A document without layout: one block.
		v.blocks = append(v.blocks, [2]int32{0, int32(n)})
		for t := range n {
			v.bsent[t] = 0
		}
	}
	v.regions = scanMarks(doc, v.blocks, v.role, v.depth, nil)
	return v
}

// sentRange returns the token range of sentence s, clamped to the tokens.
func (v *view) sentRange(s int32) (int, int) {
	if s < 0 || int(s) >= len(v.doc.Sentences) {
		return 0, 0
	}
	t := v.doc.Sentences[s].Tokens
	lo, hi := max(0, min(int(t[0]), v.n)), max(0, min(int(t[1]), v.n))
	return lo, max(lo, hi)
}
