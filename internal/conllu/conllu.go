// Package conllu reads and writes CoNLL-U, the Universal Dependencies
// treebank format: one token per line with ten tab-separated columns,
// sentences separated by blank lines, comments starting with '#'.
//
// The reader treats its input as untrusted: every malformed line becomes a
// *SyntaxError carrying its line number, and nothing panics. Multiword token
// lines ("3-4") are kept as MultiWords; empty nodes ("8.1", enhanced UD only)
// are skipped, since basic trees never refer to them.
package conllu

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// Limits that keep a hostile input from exhausting memory.
const (
	MaxLineBytes      = 1 << 20 // longest line accepted
	MaxSentenceTokens = 4096    // most tokens in one sentence
)

// Token is one syntactic word: a CoNLL-U line with an integer ID.
type Token struct {
	ID     int    // 1-based position in the sentence
	Form   string // word form
	Lemma  string
	UPOS   string
	XPOS   string
	Feats  string
	Head   int // 0 for the root, -1 when the column is "_"
	Deprel string
	Deps   string
	Misc   string
}

// SpaceAfter reports whether the token is followed by a space in the raw
// text (the MISC column lacks SpaceAfter=No).
func (t *Token) SpaceAfter() bool { return !hasMisc(t.Misc, "SpaceAfter=No") }

// MultiWord is a multiword token line such as "3-4 don't": the surface form
// of the words First..Last (inclusive, 1-based).
type MultiWord struct {
	First, Last int
	Form        string
	Misc        string
}

// SpaceAfter reports whether the multiword token is followed by a space.
func (m *MultiWord) SpaceAfter() bool { return !hasMisc(m.Misc, "SpaceAfter=No") }

// Sentence is one sentence: its comments, its words, its multiword tokens.
type Sentence struct {
	Comments   []string // comment lines without the leading "#" and one space
	Tokens     []Token
	MultiWords []MultiWord
	Line       int // line number of the sentence's first line (1-based)
}

// ID returns the value of the "sent_id" comment, or "".
func (s *Sentence) ID() string { return s.comment("sent_id") }

// Text returns the value of the "text" comment, or "".
func (s *Sentence) Text() string { return s.comment("text") }

func (s *Sentence) comment(key string) string {
	for _, c := range s.Comments {
		k, v, ok := strings.Cut(c, "=")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// Surface returns the surface tokens of the sentence in order: for each
// multiword token its form once, and for every other word its own form. It
// calls fn with the surface form, the range of word indexes (0-based,
// half-open) it covers, and whether a space follows.
func (s *Sentence) Surface(fn func(form string, first, last int, spaceAfter bool)) {
	mw := 0
	for i := 0; i < len(s.Tokens); {
		for mw < len(s.MultiWords) && s.MultiWords[mw].Last < i+1 {
			mw++
		}
		if mw < len(s.MultiWords) && s.MultiWords[mw].First == i+1 {
			m := &s.MultiWords[mw]
			last := min(m.Last, len(s.Tokens))
			fn(m.Form, i, last, m.SpaceAfter())
			i = last
			mw++
			continue
		}
		fn(s.Tokens[i].Form, i, i+1, s.Tokens[i].SpaceAfter())
		i++
	}
}

func hasMisc(misc, item string) bool {
	if misc == "_" || misc == "" {
		return false
	}
	for f := range strings.SplitSeq(misc, "|") {
		if f == item {
			return true
		}
	}
	return false
}

// SyntaxError is a malformed line in the input.
type SyntaxError struct {
	Line int
	Msg  string
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("conllu: line %d: %s", e.Line, e.Msg) }

// Reader reads sentences one at a time.
type Reader struct {
	sc   *bufio.Scanner
	line int
	err  error
}

// NewReader returns a reader of CoNLL-U from r.
func NewReader(r io.Reader) *Reader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), MaxLineBytes)
	return &Reader{sc: sc}
}

// Next returns the next sentence, or io.EOF after the last one. After an
// error other than io.EOF the reader is done and returns that error again.
func (r *Reader) Next() (Sentence, error) {
	if r.err != nil {
		return Sentence{}, r.err
	}
	s, err := r.next()
	if err != nil {
		r.err = err
	}
	return s, err
}

func (r *Reader) fail(msg string, a ...any) error {
	return &SyntaxError{Line: r.line, Msg: fmt.Sprintf(msg, a...)}
}

func (r *Reader) next() (Sentence, error) {
	var s Sentence
	started := false
	for r.sc.Scan() {
		r.line++
		line := strings.TrimSuffix(r.sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			if started {
				return s, r.finish(&s)
			}
			continue
		}
		if !started {
			started = true
			s.Line = r.line
		}
		if line[0] == '#' {
			if len(s.Tokens) > 0 || len(s.MultiWords) > 0 {
				return s, r.fail("comment inside a sentence")
			}
			c := line[1:]
			if len(c) > 0 && c[0] == ' ' {
				c = c[1:]
			}
			s.Comments = append(s.Comments, c)
			continue
		}
		if err := r.token(&s, line); err != nil {
			return s, err
		}
	}
	if err := r.sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return s, &SyntaxError{Line: r.line + 1, Msg: fmt.Sprintf("line longer than %d bytes", MaxLineBytes)}
		}
		return s, err
	}
	if started {
		return s, r.finish(&s)
	}
	return s, io.EOF
}

func (r *Reader) token(s *Sentence, line string) error {
	var f [10]string
	rest := line
	for i := range 9 {
		var ok bool
		f[i], rest, ok = strings.Cut(rest, "\t")
		if !ok {
			return r.fail("%d columns, want 10", i+1)
		}
	}
	if strings.IndexByte(rest, '\t') >= 0 {
		return r.fail("more than 10 columns")
	}
	f[9] = rest
	id := f[0]
	if a, b, ok := strings.Cut(id, "-"); ok {
		first, err1 := strconv.Atoi(a)
		last, err2 := strconv.Atoi(b)
		if err1 != nil || err2 != nil || first < 1 || last < first {
			return r.fail("bad multiword range %q", id)
		}
		if first != len(s.Tokens)+1 {
			return r.fail("multiword range %q does not start at word %d", id, len(s.Tokens)+1)
		}
		if n := len(s.MultiWords); n > 0 && s.MultiWords[n-1].Last >= first {
			return r.fail("multiword range %q overlaps the previous one", id)
		}
		if last > MaxSentenceTokens {
			return r.fail("multiword range %q beyond %d words", id, MaxSentenceTokens)
		}
		s.MultiWords = append(s.MultiWords, MultiWord{First: first, Last: last, Form: f[1], Misc: f[9]})
		return nil
	}
	if strings.IndexByte(id, '.') >= 0 {
		if _, err := strconv.ParseFloat(id, 64); err != nil {
			return r.fail("bad empty node id %q", id)
		}
		return nil // empty node: enhanced graphs only
	}
	n, err := strconv.Atoi(id)
	if err != nil {
		return r.fail("bad id %q", id)
	}
	if n != len(s.Tokens)+1 {
		return r.fail("id %d out of sequence, want %d", n, len(s.Tokens)+1)
	}
	if n > MaxSentenceTokens {
		return r.fail("sentence longer than %d words", MaxSentenceTokens)
	}
	head := -1
	if f[6] != "_" {
		h, err := strconv.Atoi(f[6])
		if err != nil || h < 0 {
			return r.fail("bad head %q", f[6])
		}
		head = h
	}
	if f[1] == "" {
		return r.fail("empty form")
	}
	s.Tokens = append(s.Tokens, Token{
		ID: n, Form: f[1], Lemma: f[2], UPOS: f[3], XPOS: f[4], Feats: f[5],
		Head: head, Deprel: f[7], Deps: f[8], Misc: f[9],
	})
	return nil
}

// finish checks the sentence-level invariants once the sentence is read.
func (r *Reader) finish(s *Sentence) error {
	if len(s.Tokens) == 0 {
		return &SyntaxError{Line: s.Line, Msg: "sentence without words"}
	}
	for _, m := range s.MultiWords {
		if m.Last > len(s.Tokens) {
			return &SyntaxError{Line: s.Line, Msg: fmt.Sprintf("multiword range %d-%d beyond the last word %d", m.First, m.Last, len(s.Tokens))}
		}
	}
	for _, t := range s.Tokens {
		if t.Head > len(s.Tokens) {
			return &SyntaxError{Line: s.Line + len(s.Comments) + t.ID - 1, Msg: fmt.Sprintf("head %d beyond the last word %d", t.Head, len(s.Tokens))}
		}
	}
	return nil
}

// ReadAll reads every sentence from r.
func ReadAll(r io.Reader) ([]Sentence, error) {
	rd := NewReader(r)
	var out []Sentence
	for {
		s, err := rd.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, s)
	}
}

// ReadFile reads every sentence of the named file.
func ReadFile(path string) ([]Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := ReadAll(f)
	if err != nil {
		return s, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// Write writes sentences in CoNLL-U, each followed by a blank line.
func Write(w io.Writer, sents []Sentence) error {
	bw := bufio.NewWriter(w)
	for i := range sents {
		writeSentence(bw, &sents[i])
	}
	return bw.Flush()
}

func writeSentence(w *bufio.Writer, s *Sentence) {
	for _, c := range s.Comments {
		w.WriteString("# ")
		w.WriteString(c)
		w.WriteByte('\n')
	}
	mw := 0
	for i := range s.Tokens {
		t := &s.Tokens[i]
		for mw < len(s.MultiWords) && s.MultiWords[mw].First == t.ID {
			m := &s.MultiWords[mw]
			fmt.Fprintf(w, "%d-%d\t%s\t_\t_\t_\t_\t_\t_\t_\t%s\n", m.First, m.Last, m.Form, orUnderscore(m.Misc))
			mw++
		}
		head := "_"
		if t.Head >= 0 {
			head = strconv.Itoa(t.Head)
		}
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", t.ID, t.Form, orUnderscore(t.Lemma),
			orUnderscore(t.UPOS), orUnderscore(t.XPOS), orUnderscore(t.Feats), head,
			orUnderscore(t.Deprel), orUnderscore(t.Deps), orUnderscore(t.Misc))
	}
	w.WriteByte('\n')
}

func orUnderscore(s string) string {
	if s == "" {
		return "_"
	}
	return s
}
