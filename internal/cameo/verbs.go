// Package cameo holds the CAMEO event vocabulary dateline codes with: the
// verb-pattern dictionary (converted from PETRARCH2's CAMEO 2.0 dictionary,
// MIT, plus our own patterns) and the CAMEO→PLOVER table. It reads the
// PETRARCH text formats, writes and reads our own compact format (committed
// under data/), and never panics on malformed input: bad lines come back as
// Problems with their file and line.
//
// The package imports only the standard library.
package cameo

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
)

// Problem is a malformed line in an input file: data, not a failure.
type Problem struct {
	File string
	Line int // 1-based
	Msg  string
}

func (p Problem) String() string {
	if p.File == "" {
		return fmt.Sprintf("line %d: %s", p.Line, p.Msg)
	}
	return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
}

// ElemKind is the kind of one element of a verb pattern.
type ElemKind uint8

// Element kinds.
const (
	ElemWord     ElemKind = iota // a word (a stem unless Exact)
	ElemSet                      // &NAME: any alternative of a synonym set
	ElemSource                   // $: the source actor is here
	ElemTarget                   // +: the target actor is here
	ElemSkip                     // ^: skip a noun phrase
	ElemCompound                 // %: a compound actor (source and target) is here
)

// Elem is one element of a verb pattern.
type Elem struct {
	Kind  ElemKind
	Text  string // ElemWord: the lower-case word; ElemSet: the set name, upper case, without '&'
	Exact bool   // ElemWord written with a trailing '_': no stem match
	// Phrase is '(' for a prepositional phrase, '{' for a noun compound, 0
	// at the top level; Group numbers the phrase within its pattern side
	// (1, 2, ...; 0 at the top level).
	Phrase byte
	Group  uint8
}

// Pattern is one verb pattern: the elements before the verb (Pre, in text
// order), after it (Post) and the codes it gives.
type Pattern struct {
	Pre, Post []Elem
	// Code is the CAMEO code of the source's action toward the target; ""
	// when the pattern only gives Reverse; "---" when the pattern blocks
	// coding (a known non-event use of the verb).
	Code string
	// Reverse is the code of the target's action toward the source, from
	// "[042:043]" (043) or "[:173]" (173); "" when none.
	Reverse string
	Line    int // line in the source dictionary
}

// Null reports whether the pattern blocks coding.
func (p *Pattern) Null() bool { return p.Code == "---" && p.Reverse == "" }

// SameElems reports whether p and o have the same elements (they differ at
// most in their codes): the dictionary lists such a pattern twice when it was
// recoded ("* SANCTION [0351]" and later "* SANCTION [085]" under LIFT), and
// the later one is the correction, as in PETRARCH's reading, which keeps
// the last.
func (p *Pattern) SameElems(o *Pattern) bool {
	return slices.Equal(p.Pre, o.Pre) && slices.Equal(p.Post, o.Post)
}

// Specificity is the number of word and set elements: a longer match wins.
func (p *Pattern) Specificity() int {
	n := 0
	for _, s := range [2][]Elem{p.Pre, p.Post} {
		for _, e := range s {
			if e.Kind == ElemWord || e.Kind == ElemSet {
				n++
			}
		}
	}
	return n
}

// Form is one way of writing a verb: a single word or a multi-word verb
// ("ask for", "step up"), with explicit inflections of the verb word.
type Form struct {
	Words []string // lower case; Words[Verb] is the inflected verb
	Verb  int
	Infl  []string // explicit inflections of Words[Verb] (irregular forms)
	Code  string   // the form's own default code; "" to use the verb's, "---" for none
	// Reverse is the form's code of the target's action toward the source.
	Reverse string
	Line    int
}

// Verb is one verb synset block: its forms, default code and patterns.
type Verb struct {
	Name     string // the block name, upper case
	Code     string // default code; "" for none
	Reverse  string // default code of the target's action toward the source
	Forms    []Form
	Patterns []Pattern
	Line     int
}

// Dict is a verb-pattern dictionary.
type Dict struct {
	Sets  map[string][][]string // set name (upper case) -> alternatives, each a lower-case word sequence
	Verbs []Verb
	index map[string][]FormRef
}

// FormRef points at one form of one verb.
type FormRef struct{ Verb, Form int32 }

// Lookup returns the forms whose verb word is word (lower case): a base
// form or an explicit inflection.
func (d *Dict) Lookup(word string) []FormRef { return d.index[word] }

// Stats counts what the dictionary holds.
func (d *Dict) Stats() (verbs, forms, patterns, sets int) {
	for _, v := range d.Verbs {
		forms += len(v.Forms)
		patterns += len(v.Patterns)
	}
	return len(d.Verbs), forms, patterns, len(d.Sets)
}

// Merge appends the verbs and sets of o to d (o's sets replace d's of the
// same name) and rebuilds the index. It is how our own patterns are added
// to the converted dictionary.
func (d *Dict) Merge(o *Dict) {
	if d.Sets == nil {
		d.Sets = map[string][][]string{}
	}
	for k, v := range o.Sets {
		d.Sets[k] = v
	}
	d.Verbs = append(d.Verbs, o.Verbs...)
	d.buildIndex()
}

func (d *Dict) buildIndex() {
	d.index = map[string][]FormRef{}
	for vi, v := range d.Verbs {
		for fi, f := range v.Forms {
			if f.Verb < 0 || f.Verb >= len(f.Words) {
				continue
			}
			ref := FormRef{int32(vi), int32(fi)}
			seen := map[string]bool{}
			for _, w := range append([]string{f.Words[f.Verb]}, f.Infl...) {
				if w == "" || seen[w] {
					continue
				}
				seen[w] = true
				d.index[w] = append(d.index[w], ref)
			}
		}
	}
}

// maxLine bounds a dictionary line; longer lines are reported and skipped.
const maxLine = 1 << 14

// ReadPetrarch reads a PETRARCH2 verb dictionary (CAMEO.2.0.txt or the
// PETR.Validate.verbs.txt of the unit tests):
//
//	&CEASEFIRE                 a synonym set, its alternatives on '+' lines
//	+TRUCE
//	--- MEET [040] ---         a verb block with its default code ([---]: none)
//	MEET {MET MEETING}         a form, its irregular inflections, an optional [code]
//	+ASK_FOR {+ASKED_FOR}      a multi-word form; '+' marks the verb word
//	- * (WITH +) [046:046]     a pattern: '*' the verb, '$' source, '+' target,
//	                           '^' skip, '%' compound, (PP), {compound}, &SET
//
// '#' starts a comment, as do "<!-- ... -->" lines; the TRANSFORMATIONS
// section at the end is skipped. Malformed lines are returned as problems
// with file (used in messages only) and line; the error is for I/O only.
func ReadPetrarch(r io.Reader, file string) (*Dict, []Problem, error) {
	d := &Dict{Sets: map[string][][]string{}}
	var probs []Problem
	prob := func(line int, format string, a ...any) {
		probs = append(probs, Problem{File: file, Line: line, Msg: fmt.Sprintf(format, a...)})
	}
	var (
		cur     *Verb  // the open verb block
		set     string // the open synonym set
		skipAll bool   // inside TRANSFORMATIONS
	)
	err := scanLines(r, func(n int, raw string) {
		if len(raw) > maxLine {
			prob(n, "line longer than %d bytes", maxLine)
			return
		}
		line := raw
		if strings.HasPrefix(strings.TrimSpace(line), "<!--") {
			return
		}
		if strings.HasPrefix(line, "#") && strings.Contains(strings.ToUpper(line), "TRANSFORMATIONS") {
			skipAll = true
			return
		}
		if skipAll {
			return
		}
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" {
			set = ""
			return
		}
		switch {
		case strings.HasPrefix(line, "&"):
			name := strings.ToUpper(strings.Fields(line)[0][1:])
			if name == "" {
				prob(n, "synonym set without a name")
				set = ""
				return
			}
			set = name
			if _, dup := d.Sets[name]; !dup {
				d.Sets[name] = nil
			}
		case set != "" && strings.HasPrefix(line, "+"):
			alt := setWords(line[1:])
			if len(alt) == 0 {
				prob(n, "empty alternative in set &%s", set)
				return
			}
			d.Sets[set] = append(d.Sets[set], alt)
		case strings.HasPrefix(line, "---"):
			set = ""
			name, code, rev, ok := parseBlockHeader(line)
			if !ok {
				prob(n, "malformed verb block header %q", clip(line))
				cur = nil
				return
			}
			d.Verbs = append(d.Verbs, Verb{Name: name, Code: code, Reverse: rev, Line: n})
			cur = &d.Verbs[len(d.Verbs)-1]
		case strings.HasPrefix(line, "-"):
			if cur == nil {
				prob(n, "pattern outside a verb block")
				return
			}
			p, err := parsePatternLine(line[1:])
			if err != nil {
				prob(n, "%v", err)
				return
			}
			p.Line = n
			cur.Patterns = append(cur.Patterns, p)
		case strings.HasPrefix(line, "~"):
			// a transformation outside its section: not used
		default:
			set = ""
			if cur == nil {
				prob(n, "verb form outside a verb block: %q", clip(line))
				return
			}
			f, err := parseFormLine(line)
			if err != nil {
				prob(n, "%v", err)
				return
			}
			f.Line = n
			cur.Forms = append(cur.Forms, f)
		}
	})
	for name, alts := range d.Sets {
		if len(alts) == 0 {
			delete(d.Sets, name)
		}
	}
	d.buildIndex()
	return d, probs, err
}

// scanLines calls fn with each line and its 1-based number. Lines longer
// than maxLine are passed on cut to maxLine+1 bytes.
func scanLines(r io.Reader, fn func(n int, line string)) error {
	br := bufio.NewReaderSize(r, 64<<10)
	n := 0
	for {
		var line []byte
		long := false
		for {
			frag, isPrefix, err := br.ReadLine()
			if err == io.EOF {
				if len(line) == 0 && !long {
					return nil
				}
				break
			}
			if err != nil {
				return err
			}
			if len(line) <= maxLine {
				line = append(line, frag...)
			} else {
				long = true
			}
			if !isPrefix {
				break
			}
		}
		n++
		fn(n, string(line))
	}
}

func clip(s string) string {
	if len(s) > 60 {
		return s[:60] + "..."
	}
	return s
}

// setWords splits a set alternative ("HUMANITARIAN_AID", "DID N'T") into
// lower-case words.
func setWords(s string) []string {
	s = strings.ReplaceAll(s, "_", " ")
	return strings.Fields(strings.ToLower(s))
}

// parseBlockHeader reads "---  NAME   [code]  ---" ("[042:043]", "[---]").
func parseBlockHeader(line string) (name, code, rev string, ok bool) {
	s := strings.TrimSpace(strings.Trim(line, "-"))
	i := strings.IndexByte(s, '[')
	j := strings.LastIndexByte(s, ']')
	if i < 0 || j < i {
		return "", "", "", false
	}
	name = strings.TrimSpace(s[:i])
	if name == "" || strings.ContainsAny(name, "[]{}()") {
		return "", "", "", false
	}
	code, rev, err := parseCodes(s[i+1 : j])
	if err != nil {
		return "", "", "", false
	}
	if code == "---" {
		code = ""
	}
	return strings.ToUpper(strings.Fields(name)[0]), code, rev, true
}

// checkCode accepts a CAMEO event code (2-4 digits, a few with a trailing
// letter in some dictionaries) or "---".
func checkCode(c string) (string, bool) {
	if c == "---" {
		return c, true
	}
	if len(c) < 2 || len(c) > 5 {
		return "", false
	}
	for i := 0; i < len(c); i++ {
		b := c[i]
		if !(b >= '0' && b <= '9' || i >= 3 && (b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z')) {
			return "", false
		}
	}
	return c, true
}

// parseCodes reads the inside of "[042:043]", "[:173]", "[---]", "[0871]".
func parseCodes(s string) (code, rev string, err error) {
	s = strings.TrimSpace(s)
	a, b, two := strings.Cut(s, ":")
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	if a != "" {
		var ok bool
		if code, ok = checkCode(a); !ok {
			return "", "", fmt.Errorf("bad event code %q", a)
		}
	}
	if two && b != "" {
		var ok bool
		if rev, ok = checkCode(b); !ok || rev == "---" {
			return "", "", fmt.Errorf("bad second event code %q", b)
		}
	}
	if code == "" && rev == "" {
		return "", "", fmt.Errorf("empty event code [%s]", s)
	}
	return code, rev, nil
}

// parseFormLine reads "HURRY {HURRIES HURRIED} [020]" or "+ASK_FOR {...}".
func parseFormLine(line string) (Form, error) {
	var f Form
	if i := strings.IndexByte(line, ';'); i >= 0 {
		line = line[:i] // a TABARI comment
	}
	rest := line
	if i := strings.IndexByte(rest, '['); i >= 0 {
		j := strings.IndexByte(rest[i:], ']')
		if j < 0 {
			return f, fmt.Errorf("unclosed '[' in verb form %q", clip(line))
		}
		c, rev, err := parseCodes(rest[i+1 : i+j])
		if err != nil {
			return f, fmt.Errorf("bad code in verb form %q", clip(line))
		}
		f.Code, f.Reverse = c, rev
		rest = rest[:i] + rest[i+j+1:]
	}
	var infl string
	if i := strings.IndexByte(rest, '{'); i >= 0 {
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			return f, fmt.Errorf("unclosed '{' in verb form %q", clip(line))
		}
		infl = rest[i+1 : i+j]
		rest = rest[:i] + rest[i+j+1:]
	}
	fields := strings.Fields(rest)
	if len(fields) != 1 {
		return f, fmt.Errorf("verb form %q: want one word (use '_' in multi-word verbs)", clip(line))
	}
	words, verb, err := formWords(fields[0])
	if err != nil {
		return f, err
	}
	f.Words, f.Verb = words, verb
	for _, w := range strings.Fields(infl) {
		iw, iv, err := formWords(w)
		if err != nil || len(iw) != len(words) {
			continue // PETRARCH itself ignores what it cannot align
		}
		f.Infl = append(f.Infl, iw[iv])
	}
	return f, nil
}

// formWords splits "+ASK_FOR", "KLM_NOP_+RST" or "MEET" into lower-case
// words and the index of the verb word (the one marked '+', else the first).
func formWords(s string) ([]string, int, error) {
	parts := strings.Split(s, "_")
	var words []string
	verb := -1
	for _, p := range parts {
		if p == "" {
			continue
		}
		if strings.HasPrefix(p, "+") {
			p = p[1:]
			if verb < 0 && p != "" {
				verb = len(words)
			}
		}
		if p == "" {
			continue
		}
		if strings.ContainsAny(p, "[]{}()&$%^*+") {
			return nil, 0, fmt.Errorf("bad character in verb form %q", clip(s))
		}
		words = append(words, strings.ToLower(p))
	}
	if len(words) == 0 {
		return nil, 0, fmt.Errorf("empty verb form %q", clip(s))
	}
	if verb < 0 {
		verb = 0
	}
	return words, verb, nil
}

// parsePatternLine reads "* (WITH +)   [046:046]" (the text after '-').
func parsePatternLine(s string) (Pattern, error) {
	var p Pattern
	i := strings.LastIndexByte(s, '[')
	j := strings.LastIndexByte(s, ']')
	if i < 0 || j < i {
		return p, fmt.Errorf("pattern without a [code]: %q", clip(s))
	}
	code, rev, err := parseCodes(s[i+1 : j])
	if err != nil {
		return p, err
	}
	p.Code, p.Reverse = code, rev
	p.Pre, p.Post, err = ParsePattern(s[:i])
	return p, err
}

// ParsePattern reads the elements of a pattern, "&MILITARY * (TO +) {ARMS SHIPMENT}",
// into the elements before and after the verb marker '*'.
func ParsePattern(s string) (pre, post []Elem, err error) {
	// Space out the brackets so that "(TO" and "+)" split into tokens.
	r := strings.NewReplacer("(", " ( ", ")", " ) ", "{", " { ", "}", " } ")
	toks := strings.Fields(r.Replace(s))
	var (
		side    *[]Elem = &pre
		star    bool
		phrase  byte
		group   uint8
		ngroups uint8
		inner   bool
	)
	for _, t := range toks {
		switch t {
		case "*":
			if star {
				return nil, nil, fmt.Errorf("pattern with two '*': %q", clip(s))
			}
			if phrase != 0 {
				return nil, nil, fmt.Errorf("'*' inside a phrase: %q", clip(s))
			}
			star, side, ngroups = true, &post, 0
			continue
		case "(", "{":
			if phrase == '(' && t == "{" && !inner {
				// A compound inside a prepositional phrase: the phrase's
				// words are matched close together anyway.
				inner = true
				continue
			}
			if phrase != 0 {
				return nil, nil, fmt.Errorf("nested phrase in %q", clip(s))
			}
			phrase = t[0]
			if ngroups == 255 {
				return nil, nil, fmt.Errorf("too many phrases in %q", clip(s))
			}
			ngroups++
			group = ngroups
			continue
		case ")", "}":
			if inner && t == "}" {
				inner = false
				continue
			}
			if inner {
				return nil, nil, fmt.Errorf("unbalanced %q in %q", t, clip(s))
			}
			want := byte('(')
			if t == "}" {
				want = '{'
			}
			if phrase != want {
				return nil, nil, fmt.Errorf("unbalanced %q in %q", t, clip(s))
			}
			phrase, group = 0, 0
			continue
		}
		e := Elem{Phrase: phrase, Group: group}
		switch {
		case t == "$":
			e.Kind = ElemSource
		case t == "+":
			e.Kind = ElemTarget
		case t == "^":
			e.Kind = ElemSkip
		case t == "%":
			e.Kind = ElemCompound
		case strings.HasPrefix(t, "&"):
			if len(t) < 2 {
				return nil, nil, fmt.Errorf("empty set name in %q", clip(s))
			}
			e.Kind, e.Text = ElemSet, strings.ToUpper(t[1:])
		default:
			if strings.ContainsAny(t, "[]*$&^%") {
				return nil, nil, fmt.Errorf("bad word %q in pattern %q", t, clip(s))
			}
			w := strings.TrimPrefix(t, "+")
			e.Exact = strings.HasSuffix(w, "_")
			w = strings.Trim(w, "_")
			if w == "" {
				return nil, nil, fmt.Errorf("empty word in pattern %q", clip(s))
			}
			// "OPEN_FIRE" is a run of adjacent words: a compound of its own
			// at the top level.
			parts := strings.FieldsFunc(strings.ToLower(w), func(r rune) bool { return r == '_' })
			if len(parts) > 1 && e.Phrase == 0 {
				if ngroups == 255 {
					return nil, nil, fmt.Errorf("too many phrases in %q", clip(s))
				}
				ngroups++
				e.Phrase, e.Group = '{', ngroups
			}
			for k, part := range parts {
				e2 := e
				e2.Kind, e2.Text = ElemWord, part
				e2.Exact = e.Exact || k < len(parts)-1
				*side = append(*side, e2)
			}
			continue
		}
		*side = append(*side, e)
	}
	if phrase != 0 {
		return nil, nil, fmt.Errorf("unclosed phrase in %q", clip(s))
	}
	if !star {
		return nil, nil, fmt.Errorf("pattern without '*': %q", clip(s))
	}
	return pre, post, nil
}

// FormatPattern writes the elements back in dictionary syntax (lower case),
// the inverse of ParsePattern.
func FormatPattern(pre, post []Elem) string {
	var toks []string
	write := func(es []Elem) {
		for i := 0; i < len(es); {
			if es[i].Phrase == 0 {
				toks = append(toks, elemText(es[i]))
				i++
				continue
			}
			j := i
			var in []string
			for j < len(es) && es[j].Phrase == es[i].Phrase && es[j].Group == es[i].Group {
				in = append(in, elemText(es[j]))
				j++
			}
			toks = append(toks, string(es[i].Phrase)+strings.Join(in, " ")+closer(es[i].Phrase))
			i = j
		}
	}
	write(pre)
	toks = append(toks, "*")
	write(post)
	return strings.Join(toks, " ")
}

func elemText(e Elem) string {
	switch e.Kind {
	case ElemWord:
		if e.Exact {
			return e.Text + "_"
		}
		return e.Text
	case ElemSet:
		return "&" + e.Text
	case ElemSource:
		return "$"
	case ElemTarget:
		return "+"
	case ElemSkip:
		return "^"
	}
	return "%"
}

func closer(open byte) string {
	if open == '{' {
		return "}"
	}
	return ")"
}

// sortedSetNames returns the set names in order, for stable output.
func (d *Dict) sortedSetNames() []string {
	names := make([]string, 0, len(d.Sets))
	for k := range d.Sets {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}
