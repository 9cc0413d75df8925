package ner

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// CoNLL types: the four entity types of CoNLL-2003.
const (
	CoNLLPer  = "PER"
	CoNLLOrg  = "ORG"
	CoNLLLoc  = "LOC"
	CoNLLMisc = "MISC"
)

// Sentence is one sentence of a CoNLL-2003 file.
type Sentence struct {
	Words []string // the first column
	Tags  []string // the last column (IOB1 or IOB2), "O" when the line has one column
	Lines []string // the raw lines, for writing predictions in the input's own columns
	Line  int      // 1-based line number of the first token
}

// CoNLLDoc is one document (the sentences between two -DOCSTART- lines).
type CoNLLDoc struct {
	Sentences []Sentence
	Line      int // 1-based line of the -DOCSTART- line; 0 for a file without one
}

// Tokens counts the tokens of the document.
func (d *CoNLLDoc) Tokens() int {
	n := 0
	for _, s := range d.Sentences {
		n += len(s.Words)
	}
	return n
}

// Problem is a malformed line of a CoNLL file: data, not a failure.
type Problem struct {
	Line int
	Msg  string
}

func (p Problem) String() string { return fmt.Sprintf("line %d: %s", p.Line, p.Msg) }

// maxCoNLLLine bounds one line of a CoNLL file.
const maxCoNLLLine = 1 << 20

// ReadCoNLL reads CoNLL-2003 columns: one token a line (word first, tag
// last, any columns between), blank lines between sentences, -DOCSTART-
// lines between documents. Malformed tags are reported as problems and read
// as "O"; the error is for I/O failures only.
func ReadCoNLL(r io.Reader) ([]CoNLLDoc, []Problem, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), maxCoNLLLine)
	var (
		docs  []CoNLLDoc
		probs []Problem
		cur   *CoNLLDoc
		sent  Sentence
		line  int
	)
	flush := func() {
		if len(sent.Words) == 0 {
			return
		}
		if cur == nil {
			docs = append(docs, CoNLLDoc{})
			cur = &docs[len(docs)-1]
		}
		cur.Sentences = append(cur.Sentences, sent)
		sent = Sentence{}
	}
	for sc.Scan() {
		line++
		raw := strings.TrimRight(sc.Text(), "\r")
		fields := strings.Fields(raw)
		if len(fields) == 0 {
			flush()
			continue
		}
		if fields[0] == "-DOCSTART-" {
			flush()
			docs = append(docs, CoNLLDoc{Line: line})
			cur = &docs[len(docs)-1]
			continue
		}
		tag := "O"
		if len(fields) > 1 {
			tag = fields[len(fields)-1]
			if !validTag(tag) {
				probs = append(probs, Problem{line, fmt.Sprintf("bad tag %q, read as O", tag)})
				tag = "O"
			}
		}
		if len(sent.Words) == 0 {
			sent.Line = line
		}
		sent.Words = append(sent.Words, fields[0])
		sent.Tags = append(sent.Tags, tag)
		sent.Lines = append(sent.Lines, strings.TrimSpace(raw))
	}
	flush()
	if err := sc.Err(); err != nil {
		return docs, probs, fmt.Errorf("line %d: %w", line+1, err)
	}
	return docs, probs, nil
}

// validTag accepts O and B-X, I-X, E-X, S-X, L-X, U-X with a non-empty X.
func validTag(t string) bool {
	if t == "O" {
		return true
	}
	if len(t) < 3 || t[1] != '-' {
		return false
	}
	switch t[0] {
	case 'B', 'I', 'E', 'S', 'L', 'U':
		return true
	}
	return false
}

// Chunk is an entity over token indexes [Start, End) of a sentence.
type Chunk struct {
	Start, End int
	Type       string
}

// Chunks decodes a tag sequence into entities with conlleval's rules, so
// that IOB1, IOB2 and BILOU/IOBES sequences all read the same way.
func Chunks(tags []string) []Chunk {
	var out []Chunk
	prevTag, prevType := byte('O'), ""
	start := -1
	for i, t := range tags {
		tag, typ := splitTag(t)
		if start >= 0 && endOfChunk(prevTag, tag, prevType, typ) {
			out = append(out, Chunk{start, i, prevType})
			start = -1
		}
		if startOfChunk(prevTag, tag, prevType, typ) {
			start = i
		}
		prevTag, prevType = tag, typ
	}
	if start >= 0 {
		out = append(out, Chunk{start, len(tags), prevType})
	}
	return out
}

func splitTag(t string) (byte, string) {
	if t == "" || t == "O" || len(t) < 3 || t[1] != '-' {
		return 'O', ""
	}
	switch t[0] {
	case 'L':
		return 'E', t[2:]
	case 'U':
		return 'S', t[2:]
	}
	return t[0], t[2:]
}

// endOfChunk and startOfChunk follow conlleval.
func endOfChunk(prevTag, tag byte, prevType, typ string) bool {
	switch {
	case prevTag == 'E', prevTag == 'S':
		return true
	case prevTag == 'B' && (tag == 'B' || tag == 'S' || tag == 'O'),
		prevTag == 'I' && (tag == 'B' || tag == 'S' || tag == 'O'):
		return true
	case prevTag != 'O' && prevType != typ:
		return true
	}
	return false
}

func startOfChunk(prevTag, tag byte, prevType, typ string) bool {
	switch {
	case tag == 'B', tag == 'S':
		return true
	case (prevTag == 'E' || prevTag == 'S' || prevTag == 'O') && (tag == 'E' || tag == 'I'):
		return true
	case tag != 'O' && prevType != typ:
		return true
	}
	return false
}

// IOB2 writes chunks as an IOB2 tag sequence of length n.
func IOB2(chunks []Chunk, n int) []string {
	tags := make([]string, n)
	for i := range tags {
		tags[i] = "O"
	}
	for _, c := range chunks {
		if c.Start < 0 || c.End > n || c.Start >= c.End {
			continue
		}
		tags[c.Start] = "B-" + c.Type
		for i := c.Start + 1; i < c.End; i++ {
			tags[i] = "I-" + c.Type
		}
	}
	return tags
}
