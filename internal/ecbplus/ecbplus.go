// Package ecbplus reads the ECB+ corpus (Cybulska and Vossen, LREC 2014):
// documents in the CAT/CROMER XML layout with their tokens, event and entity
// markables and coreference relations, the index of validated sentences
// (ECBplus_coreference_sentences.csv) and the story-cluster table that maps
// each document to its topic and seminal event.
//
// The reader never panics on bad input: what it cannot make sense of becomes
// a positioned Problem and the rest of the document is kept.
package ecbplus

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// MaxTokens bounds the tokens of one document; the largest ECB+ document has
// under 2,000.
const MaxTokens = 1 << 20

// Token is one token of a document.
type Token struct {
	ID       int    // t_id, unique in the document, from 1
	Sentence int    // sentence number, from 0
	Number   int    // position in the sentence, from 0
	Text     string // the token as written
}

// Markable is a mention of an event component (ACTION_*, NEG_ACTION_*,
// TIME_*, LOC_*, HUMAN_PART_*, NON_HUMAN_PART*) anchored on tokens, or an
// instance markable without anchors (the target of coreference relations,
// with a descriptor and an instance id).
type Markable struct {
	ID         int    // m_id
	Type       string // element name: ACTION_OCCURRENCE, LOC_GEO, ...
	Tokens     []int  // anchor t_ids; empty for instance markables
	Descriptor string // TAG_DESCRIPTOR of an instance markable
	Instance   string // instance_id of an instance markable
}

// IsAction reports whether the markable is an event mention: an ACTION_* or
// NEG_ACTION_* markable anchored on tokens.
func (m *Markable) IsAction() bool {
	return len(m.Tokens) > 0 && (strings.HasPrefix(m.Type, "ACTION_") || strings.HasPrefix(m.Type, "NEG_ACTION_"))
}

// Component is the event component a markable type belongs to: "action",
// "time", "location", "human", "nonhuman", or "" for anything else.
func Component(typ string) string {
	switch {
	case strings.HasPrefix(typ, "ACTION_"), strings.HasPrefix(typ, "NEG_ACTION_"):
		return "action"
	case strings.HasPrefix(typ, "TIME_"):
		return "time"
	case strings.HasPrefix(typ, "LOC_"):
		return "location"
	case strings.HasPrefix(typ, "HUMAN_PART"):
		return "human"
	case strings.HasPrefix(typ, "NON_HUMAN_PART"):
		return "nonhuman"
	}
	return ""
}

// Relation kinds.
const (
	CrossDoc = "CROSS_DOC_COREF"
	IntraDoc = "INTRA_DOC_COREF"
)

// Relation is a coreference relation: source mentions pointing at a target
// (an instance markable). For cross-document relations Note holds the
// instance id shared across documents.
type Relation struct {
	ID      int
	Kind    string // CrossDoc or IntraDoc
	Note    string
	Sources []int // m_ids
	Target  int   // m_id; 0 when absent
}

// Document is one ECB+ document.
type Document struct {
	Name      string // doc_name: "1_10ecb.xml"
	ID        string // doc_id
	Tokens    []Token
	Markables []Markable
	Relations []Relation
}

// Problem is something wrong in the input, with its position.
type Problem struct {
	Line, Col int
	Message   string
}

func (p Problem) String() string { return fmt.Sprintf("%d:%d: %s", p.Line, p.Col, p.Message) }

// Parse reads one ECB+ XML document. Malformed elements and attributes are
// reported as problems and skipped; XML syntax errors end the reading with a
// problem and the part read so far. The error is for I/O failures only.
func Parse(r io.Reader) (*Document, []Problem, error) {
	er := &errReader{r: r}
	d := xml.NewDecoder(er)
	d.Strict = true
	d.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		switch strings.ToLower(label) {
		case "utf-8", "utf8", "us-ascii", "ascii":
			return in, nil
		}
		return nil, fmt.Errorf("unsupported encoding %q", label)
	}
	var (
		doc      Document
		probs    []Problem
		stack    []string
		cur      *Markable // open markable with anchors
		rel      *Relation
		tok      *Token
		tokText  strings.Builder
		sections = map[string]bool{}
	)
	problem := func(format string, a ...any) {
		line, col := d.InputPos()
		probs = append(probs, Problem{Line: line, Col: col, Message: fmt.Sprintf(format, a...)})
	}
	intAttr := func(se xml.StartElement, name string) (int, bool) {
		for _, a := range se.Attr {
			if a.Name.Local == name {
				n, err := strconv.Atoi(strings.TrimSpace(a.Value))
				if err != nil || n < 0 {
					problem("<%s>: bad %s %q", se.Name.Local, name, a.Value)
					return 0, false
				}
				return n, true
			}
		}
		problem("<%s>: no %s", se.Name.Local, name)
		return 0, false
	}
	strAttr := func(se xml.StartElement, name string) string {
		for _, a := range se.Attr {
			if a.Name.Local == name {
				return a.Value
			}
		}
		return ""
	}
	for {
		t, err := d.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				if len(stack) > 0 {
					problem("unexpected end of input inside <%s>", stack[len(stack)-1])
				}
				break
			}
			if er.err != nil && !errors.Is(er.err, io.EOF) {
				return &doc, probs, er.err // reading failed
			}
			// Anything else is the XML itself: a problem, and what was read.
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				probs = append(probs, Problem{Line: se.Line, Message: se.Msg})
			} else {
				problem("%v", err)
			}
			break
		}
		switch t := t.(type) {
		case xml.StartElement:
			name := t.Name.Local
			parent := ""
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			}
			stack = append(stack, name)
			switch {
			case name == "Document" && parent == "":
				doc.Name = strAttr(t, "doc_name")
				doc.ID = strAttr(t, "doc_id")
			case name == "token" && parent == "Document":
				if len(doc.Tokens) >= MaxTokens {
					problem("more than %d tokens: the rest is skipped", MaxTokens)
					continue
				}
				id, ok1 := intAttr(t, "t_id")
				sent, ok2 := intAttr(t, "sentence")
				num, ok3 := intAttr(t, "number")
				if ok1 && ok2 && ok3 {
					tok = &Token{ID: id, Sentence: sent, Number: num}
					tokText.Reset()
				}
			case name == "Markables" || name == "Relations":
				sections[name] = true
			case parent == "Markables":
				id, ok := intAttr(t, "m_id")
				if !ok {
					continue
				}
				doc.Markables = append(doc.Markables, Markable{
					ID: id, Type: name,
					Descriptor: strAttr(t, "TAG_DESCRIPTOR"),
					Instance:   strAttr(t, "instance_id"),
				})
				cur = &doc.Markables[len(doc.Markables)-1]
			case name == "token_anchor" && cur != nil && len(stack) >= 2 && stack[len(stack)-2] == cur.Type:
				if id, ok := intAttr(t, "t_id"); ok {
					cur.Tokens = append(cur.Tokens, id)
				}
			case parent == "Relations":
				r := Relation{Kind: name, Note: strAttr(t, "note")}
				if id, ok := intAttr(t, "r_id"); ok {
					r.ID = id
				}
				doc.Relations = append(doc.Relations, r)
				rel = &doc.Relations[len(doc.Relations)-1]
			case (name == "source" || name == "target") && rel != nil && parent == rel.Kind:
				id, ok := intAttr(t, "m_id")
				if !ok {
					continue
				}
				if name == "source" {
					rel.Sources = append(rel.Sources, id)
				} else {
					rel.Target = id
				}
			}
		case xml.CharData:
			if tok != nil {
				tokText.Write(t)
			}
		case xml.EndElement:
			if len(stack) == 0 {
				continue
			}
			name := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			switch {
			case name == "token" && tok != nil:
				tok.Text = strings.TrimSpace(tokText.String())
				if tok.Text == "" {
					problem("token %d is empty", tok.ID)
				} else {
					doc.Tokens = append(doc.Tokens, *tok)
				}
				tok = nil
			case cur != nil && name == cur.Type && len(stack) >= 1 && stack[len(stack)-1] == "Markables":
				cur = nil
			case rel != nil && name == rel.Kind && len(stack) >= 1 && stack[len(stack)-1] == "Relations":
				rel = nil
			}
		}
	}
	// Markables must point at tokens that exist.
	ids := make(map[int]bool, len(doc.Tokens))
	for _, t := range doc.Tokens {
		ids[t.ID] = true
	}
	for i := range doc.Markables {
		m := &doc.Markables[i]
		kept := m.Tokens[:0]
		for _, t := range m.Tokens {
			if ids[t] {
				kept = append(kept, t)
			} else {
				probs = append(probs, Problem{Message: fmt.Sprintf("markable %d anchors missing token %d", m.ID, t)})
			}
		}
		m.Tokens = kept
		slices.Sort(m.Tokens)
		m.Tokens = slices.Compact(m.Tokens)
	}
	return &doc, probs, nil
}

// errReader remembers the error of the underlying reader, to tell I/O
// failures from bad XML.
type errReader struct {
	r   io.Reader
	err error
}

func (e *errReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err != nil {
		e.err = err
	}
	return n, err
}

// Instances maps each anchored markable (m_id) that takes part in a
// coreference relation to its instance: the cross-document instance id
// (the relation's note) for CROSS_DOC_COREF, and a document-local id
// "INTRA_<doc>_<r_id>" for INTRA_DOC_COREF chains. Markables in no relation
// are absent: they are singletons.
func (d *Document) Instances() map[int]string {
	out := make(map[int]string)
	for _, r := range d.Relations {
		var id string
		switch r.Kind {
		case CrossDoc:
			id = r.Note
			if id == "" {
				id = fmt.Sprintf("CROSS_%s_%d", d.Name, r.ID)
			}
		case IntraDoc:
			id = fmt.Sprintf("INTRA_%s_%d", d.Name, r.ID)
		default:
			continue
		}
		for _, s := range r.Sources {
			if _, ok := out[s]; !ok {
				out[s] = id
			}
		}
	}
	return out
}

// TokenIndex maps t_id to the index of the token in Tokens.
func (d *Document) TokenIndex() map[int]int {
	out := make(map[int]int, len(d.Tokens))
	for i, t := range d.Tokens {
		out[t.ID] = i
	}
	return out
}
