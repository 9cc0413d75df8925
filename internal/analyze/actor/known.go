package actor

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dateline-news/dateline"
)

// maxNameTokens is the longest token run looked up as one name.
const maxNameTokens = 6

// known adds a mention for every name the knowledge base knows that the
// recogniser missed, as PETRARCH looks every proper noun up in its
// dictionaries: runs of proper nouns not inside a mention ("Arnor is about
// to ..." at the start of a sentence), the longest known run first; a
// lower-case word after a title ("President obama") and a word in odd case
// ("iSrael") are looked up too. It needs the tagger (UPOS); untagged text
// keeps the recogniser's mentions only.
func (r *run) known() {
	r.hyphenated()
	toks := r.doc.Tokens
	var added []ment
	for si, s := range r.doc.Sentences {
		lo, hi := max(s.Tokens[0], 0), min(s.Tokens[1], int32(len(toks)))
		for i := lo; i < hi; {
			if r.tokMent[i] >= 0 || !r.nameLike(i, lo) {
				i++
				continue
			}
			end := i + 1
			for end < hi && end-i < maxNameTokens && r.tokMent[end] < 0 && r.nameLike(end, lo) {
				end++
			}
			found := false
			for j := end; j > i; j-- {
				sp := dateline.Span{Start: toks[i].Start, End: toks[j-1].End}
				typ := r.knownType(r.definite(i, r.text[sp.Start:sp.End]), r.tokenCase(i) == caseLower)
				if typ == "" {
					continue
				}
				added = append(added, ment{
					Mention: dateline.Mention{Span: sp, Type: typ, Actor: -1},
					tok0:    i, tok1: j, sent: int32(si),
				})
				i, found = j, true
				break
			}
			if !found {
				i++
			}
		}
	}
	if len(added) == 0 {
		return
	}
	r.ms = append(r.ms, added...)
	sort.SliceStable(r.ms, func(a, b int) bool { return r.ms[a].Start < r.ms[b].Start })
	r.indexTokens()
}

// definite returns name with the article before token tok0 when there is
// one ("the" + "Islamic State"), for the names the knowledge base knows
// only with it.
func (r *run) definite(tok0 int32, name string) string {
	if tok0 > 0 && r.sameSent(tok0-1, tok0) && strings.EqualFold(r.word(tok0-1), "the") && !strings.HasPrefix(strings.ToLower(name), "the ") {
		return "the " + name
	}
	return name
}

// hyphenated joins a name the tokenizer and the recogniser split at its
// hyphens ("Al" - "Qaeda") into one mention when the knowledge base knows
// the whole ("Al-Qaeda"), the longest chain of capitalised parts first.
func (r *run) hyphenated() {
	toks := r.doc.Tokens
	joined := false
	for i := int32(0); i+2 < int32(len(toks)); i++ {
		if r.tokenCase(i) != caseTitle || !r.joinedHyphen(i+1) {
			continue
		}
		end := i + 3 // [i, end): parts and hyphens
		for end+1 < int32(len(toks)) && r.joinedHyphen(end) && r.tokenCase(end+1) == caseTitle && end-i < 2*maxNameTokens {
			end += 2
		}
		for ; end > i+1; end -= 2 {
			if r.tokenCase(end-1) != caseTitle {
				continue
			}
			sp := dateline.Span{Start: toks[i].Start, End: toks[end-1].End}
			name := r.text[sp.Start:sp.End]
			typ := r.knownType(r.definite(i, name), false)
			if typ == "" || !r.sameSent(i, end-1) {
				continue
			}
			// The mentions inside the name give way to it.
			kept := r.ms[:0]
			for _, m := range r.ms {
				if m.tok0 >= 0 && m.tok0 >= i && m.tok1 <= end {
					continue
				}
				kept = append(kept, m)
			}
			r.ms = append(kept, ment{Mention: dateline.Mention{Span: sp, Type: typ, Actor: -1}, tok0: i, tok1: end, sent: r.tokSent[i]})
			joined = true
			i = end - 1
			break
		}
	}
	if joined {
		sort.SliceStable(r.ms, func(a, b int) bool { return r.ms[a].Start < r.ms[b].Start })
		r.indexTokens()
	}
}

// joinedHyphen reports whether token h is a hyphen written without spaces
// between the tokens around it ("Al-Qaeda").
func (r *run) joinedHyphen(h int32) bool {
	toks := r.doc.Tokens
	if h <= 0 || int(h)+1 >= len(toks) {
		return false
	}
	t := toks[h]
	return r.text[t.Start:t.End] == "-" && toks[h-1].End == t.Start && t.End == toks[h+1].Start
}

// Letter cases of a token.
const (
	caseOther = iota // no letters, or digits
	caseTitle        // "Arnor", "NATO"
	caseLower        // "obama"
	caseOdd          // "iSrael"
)

func (r *run) tokenCase(i int32) int {
	w := r.word(i)
	first, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsLetter(first) {
		return caseOther
	}
	if unicode.IsUpper(first) {
		return caseTitle
	}
	for _, c := range w {
		if unicode.IsUpper(c) {
			return caseOdd
		}
	}
	return caseLower
}

// nameLike reports whether token i may be (part of) a name: a proper noun,
// a capitalised noun, a word in odd case, or a lower-case noun right after a capitalised title
// ("President obama"). sentStart is the sentence's first token.
func (r *run) nameLike(i, sentStart int32) bool {
	t := r.doc.Tokens[i]
	switch r.tokenCase(i) {
	case caseTitle:
		// A capitalised common noun is a name the tagger did not know
		// ("an MSF Arnor diplomat", "Stinker is about to ..."); the
		// knowledge base decides.
		return t.UPOS == "PROPN" || t.UPOS == "NOUN"
	case caseOdd:
		return t.UPOS != ""
	case caseLower:
		if t.UPOS != "NOUN" && t.UPOS != "PROPN" || i == sentStart {
			return false
		}
		prev := r.word(i - 1)
		return r.tokenCase(i-1) == caseTitle && titles[strings.ToLower(strings.TrimSuffix(prev, "."))]
	}
	return false
}

// knownType returns the mention type of a name the knowledge base knows
// (GPE for a country or its capital, NORP for a demonym, else the known
// actor's type), "" when it knows none. A lower-case name may only be a
// person.
func (r *run) knownType(name string, lower bool) string {
	if lower {
		if firstOfType(r.kb.Actors(name), dateline.EntPerson) != nil {
			return dateline.EntPerson
		}
		return ""
	}
	if c, kind := r.kb.Country(name); c != nil {
		if kind == AsDemonym {
			return dateline.EntNORP
		}
		return dateline.EntGPE
	}
	if as := r.kb.Actors(name); len(as) > 0 {
		return as[0].Type
	}
	return ""
}

// titled reports whether a capitalised title ("Prime Minister Romendacil")
// or a lower-case office noun ("the minister Calimehtar") comes right before
// mention m: then it names a person whatever else the recogniser or the
// knowledge base calls it.
func (r *run) titled(m *ment) bool {
	t := m.tok0 - 1
	if m.tok0 <= 0 || !r.sameSent(t, m.tok0) {
		return false
	}
	w := strings.ToLower(strings.TrimSuffix(r.word(t), "."))
	if r.tokenCase(t) == caseTitle {
		return titles[w]
	}
	return r.tokenCase(t) == caseLower && offices[w] // "the minister Calimehtar"
}

// retype gives a PERSON, MISC or LOC mention the type the knowledge base
// knows its name by when it does not know it as a person ("Gondor" tagged
// PERSON is the country; "Arnor" tagged MISC the state), unless the report
// names a person of that surname in full.
func (r *run) retype() {
	var fullNames []string // last words of the report's full person names
	for _, m := range r.ms {
		if m.Type == dateline.EntPerson {
			if ws := strings.Fields(m.In(r.text)); len(ws) >= 2 {
				fullNames = append(fullNames, nameKey(ws[len(ws)-1]))
			}
		}
	}
	for mi := range r.ms {
		m := &r.ms[mi]
		switch m.Type {
		case dateline.EntPerson, dateline.EntMisc, dateline.EntOrg, dateline.EntGPE, dateline.EntLoc:
		default:
			continue
		}
		text := m.In(r.text)
		if m.Type != dateline.EntPerson && r.titled(m) {
			m.Type = dateline.EntPerson // "minister Calimehtar" is a person
			continue
		}
		if m.Type == dateline.EntPerson {
			if firstOfType(r.kb.Actors(text), dateline.EntPerson) != nil || r.kb.Surname(text, r.pub) != nil || r.titled(m) {
				continue
			}
			k := nameKey(text)
			named := false
			for _, f := range fullNames {
				if sameName(f, k) {
					named = true
					break
				}
			}
			if named {
				continue
			}
		} else if m.Type != dateline.EntMisc {
			continue
		}
		if typ := r.knownType(r.definite(m.tok0, text), false); typ != "" && typ != dateline.EntPerson {
			m.Type = typ
		}
	}
}
