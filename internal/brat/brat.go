// Package brat reads and writes brat standoff annotation files (.ann): text
// bounds ("T1<TAB>Label 10 20;25 30<TAB>text") and events
// ("E1<TAB>Type:T4 Role:T3 ..."). Other lines (relations, attributes, notes)
// are kept verbatim in Other so that a round trip loses nothing.
//
// brat offsets count characters (Unicode code points) of the text file, not
// bytes; Offsets converts between the two.
package brat

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Fragment is a half-open range [Start, End) of character offsets.
type Fragment struct {
	Start, End int
}

// TextBound is a "T" line: a labelled span made of one or more fragments,
// in the order the file gives them (usually, not always, text order).
type TextBound struct {
	ID    string
	Label string
	Frags []Fragment
	Text  string // the text as the file gives it (informative)
	Line  int    // 1-based line in the file; 0 for built annotations
}

// Arg is one role:ID argument of an event.
type Arg struct {
	Role, ID string
}

// Event is an "E" line. Its first argument is the trigger (Type:TriggerID).
type Event struct {
	ID   string
	Args []Arg
	Line int
}

// Problem is a positioned defect of an .ann file; the line is skipped.
type Problem struct {
	Line int
	Msg  string
}

func (p Problem) String() string { return fmt.Sprintf("line %d: %s", p.Line, p.Msg) }

// Annotations is the content of one .ann file.
type Annotations struct {
	TextBounds []TextBound
	Events     []Event
	Other      []string // lines of other kinds (R, A, #, ...), verbatim
}

// TextBound returns the text bound with the given ID.
func (a *Annotations) TextBound(id string) (TextBound, bool) {
	for _, t := range a.TextBounds {
		if t.ID == id {
			return t, true
		}
	}
	return TextBound{}, false
}

// MaxLineBytes bounds one line of an .ann file.
const MaxLineBytes = 1 << 20

// Read parses an .ann file. Malformed lines become problems and are skipped;
// the error is for I/O failures only.
func Read(r io.Reader) (*Annotations, []Problem, error) {
	a := &Annotations{}
	var probs []Problem
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), MaxLineBytes)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		switch line[0] {
		case 'T':
			t, err := parseTextBound(line)
			if err != nil {
				probs = append(probs, Problem{n, err.Error()})
				continue
			}
			t.Line = n
			a.TextBounds = append(a.TextBounds, t)
		case 'E':
			ev, err := parseEvent(line)
			if err != nil {
				probs = append(probs, Problem{n, err.Error()})
				continue
			}
			ev.Line = n
			a.Events = append(a.Events, ev)
		default:
			a.Other = append(a.Other, line)
		}
	}
	if err := sc.Err(); err != nil {
		return a, probs, fmt.Errorf("brat: line %d: %w", n+1, err)
	}
	return a, probs, nil
}

func parseTextBound(line string) (TextBound, error) {
	id, rest, ok := strings.Cut(line, "\t")
	if !ok || id == "" {
		return TextBound{}, fmt.Errorf("text bound without a tab after its ID")
	}
	head, text, _ := strings.Cut(rest, "\t")
	label, offs, ok := strings.Cut(head, " ")
	if !ok || label == "" {
		return TextBound{}, fmt.Errorf("text bound %s: no label and offsets", id)
	}
	t := TextBound{ID: id, Label: label, Text: text}
	for f := range strings.SplitSeq(offs, ";") {
		a, b, ok := strings.Cut(strings.TrimSpace(f), " ")
		if !ok {
			return TextBound{}, fmt.Errorf("text bound %s: bad fragment %q", id, f)
		}
		s, err1 := strconv.Atoi(a)
		e, err2 := strconv.Atoi(strings.TrimSpace(b))
		if err1 != nil || err2 != nil || s < 0 || e < s {
			return TextBound{}, fmt.Errorf("text bound %s: bad fragment %q", id, f)
		}
		t.Frags = append(t.Frags, Fragment{s, e})
	}
	return t, nil
}

func parseEvent(line string) (Event, error) {
	id, rest, ok := strings.Cut(line, "\t")
	if !ok || id == "" {
		return Event{}, fmt.Errorf("event without a tab after its ID")
	}
	ev := Event{ID: id}
	for _, f := range strings.Fields(rest) {
		role, ref, ok := strings.Cut(f, ":")
		if !ok || role == "" || ref == "" {
			return Event{}, fmt.Errorf("event %s: bad argument %q", id, f)
		}
		ev.Args = append(ev.Args, Arg{role, ref})
	}
	if len(ev.Args) == 0 {
		return Event{}, fmt.Errorf("event %s: no trigger", id)
	}
	return ev, nil
}

// Write writes a in brat's format: text bounds, then events, then the other
// lines. Text fields have tabs and newlines replaced by spaces.
func Write(w io.Writer, a *Annotations) error {
	bw := bufio.NewWriter(w)
	for _, t := range a.TextBounds {
		bw.WriteString(t.ID)
		bw.WriteByte('\t')
		bw.WriteString(t.Label)
		for i, f := range t.Frags {
			if i == 0 {
				bw.WriteByte(' ')
			} else {
				bw.WriteByte(';')
			}
			bw.WriteString(strconv.Itoa(f.Start))
			bw.WriteByte(' ')
			bw.WriteString(strconv.Itoa(f.End))
		}
		bw.WriteByte('\t')
		bw.WriteString(strings.Map(flatten, t.Text))
		bw.WriteByte('\n')
	}
	for _, e := range a.Events {
		bw.WriteString(e.ID)
		bw.WriteByte('\t')
		for i, arg := range e.Args {
			if i > 0 {
				bw.WriteByte(' ')
			}
			bw.WriteString(arg.Role)
			bw.WriteByte(':')
			bw.WriteString(arg.ID)
		}
		bw.WriteByte('\n')
	}
	for _, l := range a.Other {
		bw.WriteString(l)
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

func flatten(r rune) rune {
	if r == '\t' || r == '\n' || r == '\r' {
		return ' '
	}
	return r
}

// Offsets converts between character offsets (brat) and byte offsets
// (dateline spans) of one text.
type Offsets struct {
	byteAt []int32 // byteAt[c] = byte offset of character c; len = chars+1
	n      int     // len(text)
}

// NewOffsets indexes text. Invalid UTF-8 bytes count as one character
// each, as Go's range loop sees them.
func NewOffsets(text string) *Offsets {
	o := &Offsets{byteAt: make([]int32, 0, utf8.RuneCountInString(text)+1), n: len(text)}
	for i := range text {
		o.byteAt = append(o.byteAt, int32(i))
	}
	o.byteAt = append(o.byteAt, int32(len(text)))
	return o
}

// Chars is the number of characters of the text.
func (o *Offsets) Chars() int { return len(o.byteAt) - 1 }

// Byte returns the byte offset of character offset c, clamped to the text.
func (o *Offsets) Byte(c int) int {
	switch {
	case c <= 0:
		return 0
	case c >= len(o.byteAt):
		return o.n
	}
	return int(o.byteAt[c])
}

// Char returns the character offset of byte offset b; a byte inside a
// multi-byte character maps to that character. b is clamped to the text.
func (o *Offsets) Char(b int) int {
	if b <= 0 {
		return 0
	}
	if b >= o.n {
		return len(o.byteAt) - 1
	}
	lo, hi := 0, len(o.byteAt)-1
	for lo < hi { // the last c with byteAt[c] <= b
		mid := (lo + hi + 1) / 2
		if int(o.byteAt[mid]) <= b {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}
