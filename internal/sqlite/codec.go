package sqlite

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/dateline-news/dateline"
)

// A stored document is three values (see migrations/0001_documents.sql):
//
//   - body: Document.Text with the cuts removed; the full-text index reads it;
//   - aside: the text of the cuts, concatenated;
//   - layers: one codec byte, then the document without its text and the
//     cut spans, in the form the codec byte names.
//
// The cuts are the credit, byline and boilerplate blocks, which the analysis
// passes skip and a search must not hit ("Related: …", "Sign up for …").
// join puts the text back together byte for byte.

// Codecs of the layers value. New codecs get new bytes; old ones stay
// readable.
const (
	// codecJSONTokens: uvarint length, the JSON of the record without its
	// tokens, then the tokens in the binary form of tokens.go. The token
	// layer is the bulk of an analysed document (one entry per word, ~20x
	// the size of its text as JSON); its binary form is ~10 bytes a token
	// and encodes and decodes ~10x faster than JSON.
	codecJSONTokens byte = 'b'
)

// record is the JSON form of the layers value.
type record struct {
	Cuts []dateline.Span `json:"cuts,omitempty"`
	*dateline.Document
}

// split divides text into the indexed body and the aside along sorted,
// disjoint, in-bounds cuts.
func split(text string, cuts []dateline.Span) (body, aside string) {
	if len(cuts) == 0 {
		return text, ""
	}
	var b, a strings.Builder
	b.Grow(len(text))
	var pos int32
	for _, c := range cuts {
		b.WriteString(text[pos:c.Start])
		a.WriteString(text[c.Start:c.End])
		pos = c.End
	}
	b.WriteString(text[pos:])
	return b.String(), a.String()
}

var errCorrupt = errors.New("corrupt stored document")

// join is the inverse of split. It checks the cuts against the lengths of
// body and aside and reports errCorrupt rather than slicing out of range.
func join(body, aside string, cuts []dateline.Span) (string, error) {
	if len(cuts) == 0 {
		if aside != "" {
			return "", fmt.Errorf("%w: %d bytes of aside text without cuts", errCorrupt, len(aside))
		}
		return body, nil
	}
	var t strings.Builder
	t.Grow(len(body) + len(aside))
	var pos, bi, ai int
	for _, c := range cuts {
		start, end := int(c.Start), int(c.End)
		gap, n := start-pos, end-start
		if gap < 0 || n < 0 || bi+gap > len(body) || ai+n > len(aside) {
			return "", fmt.Errorf("%w: cut [%d,%d) does not fit the text", errCorrupt, start, end)
		}
		t.WriteString(body[bi : bi+gap])
		t.WriteString(aside[ai : ai+n])
		bi, ai, pos = bi+gap, ai+n, end
	}
	if ai != len(aside) {
		return "", fmt.Errorf("%w: %d bytes of aside text left over", errCorrupt, len(aside)-ai)
	}
	t.WriteString(body[bi:])
	return t.String(), nil
}

// encoder turns documents into stored rows; it is reused through a pool to
// keep its buffers.
type encoder struct {
	buf  bytes.Buffer
	je   *json.Encoder
	toks tokenEncoder
}

func newEncoder() *encoder {
	e := &encoder{}
	e.je = json.NewEncoder(&e.buf)
	e.je.SetEscapeHTML(false)
	return e
}

// row is a document ready for INSERT.
type row struct {
	id, title, url, outlet string
	published              string
	publishedMS            any // int64, or nil when unknown
	body, aside            string
	layers                 []byte
	index                  indexRow // the rows of the actor, quote and event index
}

// encode fills r from doc without modifying doc.
func (e *encoder) encode(doc *dateline.Document, r *row) error {
	cs := doc.Asides()
	r.body, r.aside = split(doc.Text, cs)
	shallow := *doc
	shallow.Text, shallow.Tokens = "", nil
	e.buf.Reset()
	e.buf.WriteByte(codecJSONTokens)
	e.buf.Write(make([]byte, binary.MaxVarintLen32)) // room for the length
	if err := e.je.Encode(record{Cuts: cs, Document: &shallow}); err != nil {
		return fmt.Errorf("encode document %s: %w", doc.ID, err)
	}
	out := e.buf.Bytes()
	js := out[1+binary.MaxVarintLen32:]
	n := binary.PutUvarint(out[1:], uint64(len(js)))
	copy(out[1+n:], js)
	out = out[:1+n+len(js)]
	r.layers = e.toks.encodeTokens(bytes.Clone(out), doc.Text, doc.Tokens)
	r.index = newIndexRow(doc, cs)
	r.id, r.title = string(doc.ID), doc.Title
	r.url, r.outlet = doc.Source.URL, doc.Source.Outlet
	r.published, r.publishedMS = "", nil
	if !doc.Published.IsZero() {
		if b, err := doc.Published.MarshalText(); err == nil { // years outside 0-9999 stay unlisted
			r.published, r.publishedMS = string(b), doc.Published.UnixMilli()
		}
	}
	return nil
}

// decode rebuilds a document from its stored values.
func decode(body, aside string, layers []byte) (*dateline.Document, error) {
	if len(layers) == 0 || layers[0] != codecJSONTokens {
		return nil, fmt.Errorf("%w: unknown codec", errCorrupt)
	}
	n, k := binary.Uvarint(layers[1:])
	if k <= 0 || n > uint64(len(layers)-1-k) {
		return nil, fmt.Errorf("%w: bad length of the JSON part", errCorrupt)
	}
	js, toks := layers[1+k:1+k+int(n)], layers[1+k+int(n):]
	rec := record{Document: new(dateline.Document)}
	if err := json.Unmarshal(js, &rec); err != nil {
		return nil, fmt.Errorf("%w: %v", errCorrupt, err)
	}
	text, err := join(body, aside, rec.Cuts)
	if err != nil {
		return nil, err
	}
	doc := rec.Document
	doc.Text = text
	if doc.Tokens, err = decodeTokens(toks, text); err != nil {
		return nil, err
	}
	return doc, nil
}

// encoders is a pool of encoders owned by one Store.
type encoders struct{ pool sync.Pool }

func (p *encoders) get() *encoder {
	if e, ok := p.pool.Get().(*encoder); ok {
		return e
	}
	return newEncoder()
}

func (p *encoders) put(e *encoder) {
	if e.buf.Cap() > 4<<20 || cap(e.toks.body) > 4<<20 { // don't pin the buffers of a giant document
		return
	}
	p.pool.Put(e)
}
