package sqlite

import (
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/dateline-news/dateline"
)

// The binary form of a token layer:
//
//	uvarint   number of distinct tag strings, then each as uvarint length + bytes
//	uvarint   number of tokens, then for each token:
//	  varint  Start - previous End (0 for adjacent, 1 after a space)
//	  varint  End - Start
//	  uvarint index of UPOS, XPOS, Feats and Dep in the tag strings
//	  varint  Head - own index (Head -1 is stored as 0: no token heads itself)
//	  uvarint lemma: 0 "", 1 the token's text, 2 its text lowercased,
//	          else 3+length followed by the lemma's bytes
//
// Integers are Go's varint encodings (varint: zig-zag signed). Any span,
// head or lemma round-trips, valid or not; only the forms 1 and 2 of lemma
// depend on the text, which decodeTokens gets back first.

// tokenEncoder keeps its scratch between documents.
type tokenEncoder struct {
	tags  map[string]uint64
	order []string
	body  []byte
	lower strings.Builder
}

// encodeTokens appends the binary form of toks over text to dst.
func (e *tokenEncoder) encodeTokens(dst []byte, text string, toks []dateline.Token) []byte {
	if e.tags == nil {
		e.tags = make(map[string]uint64)
	}
	clear(e.tags)
	e.order = e.order[:0]
	tag := func(s string) uint64 {
		i, ok := e.tags[s]
		if !ok {
			i = uint64(len(e.order))
			e.tags[s] = i
			e.order = append(e.order, s)
		}
		return i
	}
	b := e.body[:0]
	b = binary.AppendUvarint(b, uint64(len(toks)))
	var prev int32
	for i, t := range toks {
		b = binary.AppendVarint(b, int64(t.Start)-int64(prev))
		b = binary.AppendVarint(b, int64(t.End)-int64(t.Start))
		b = binary.AppendUvarint(b, tag(t.UPOS))
		b = binary.AppendUvarint(b, tag(t.XPOS))
		b = binary.AppendUvarint(b, tag(t.Feats))
		b = binary.AppendUvarint(b, tag(t.Dep))
		var head int64
		switch {
		case t.Head == -1:
			head = 0
		case int(t.Head) == i: // invalid, but kept
			head = encodeSelfHead
		default:
			head = int64(t.Head) - int64(i)
		}
		b = binary.AppendVarint(b, head)
		b = e.appendLemma(b, text, t)
		prev = t.End
	}
	e.body = b
	dst = binary.AppendUvarint(dst, uint64(len(e.order)))
	for _, s := range e.order {
		dst = binary.AppendUvarint(dst, uint64(len(s)))
		dst = append(dst, s...)
	}
	return append(dst, b...)
}

// encodeSelfHead marks a token that is its own head: no index delta can be
// this large, since a layer has fewer than 2^31 tokens.
const encodeSelfHead = 1 << 40

func (e *tokenEncoder) appendLemma(b []byte, text string, t dateline.Token) []byte {
	switch {
	case t.Lemma == "":
		return append(b, 0)
	case !t.Span.Valid(len(text)):
	case t.Lemma == text[t.Start:t.End]:
		return append(b, 1)
	case t.Lemma == lower(&e.lower, text[t.Start:t.End]):
		return append(b, 2)
	}
	b = binary.AppendUvarint(b, 3+uint64(len(t.Lemma)))
	return append(b, t.Lemma...)
}

// lower is strings.ToLower with a reused builder; it returns s itself when
// s has no upper case.
func lower(sb *strings.Builder, s string) string {
	ascii := true
	upper := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			ascii = false
			break
		}
		upper = upper || ('A' <= c && c <= 'Z')
	}
	if !ascii {
		return strings.ToLower(s)
	}
	if !upper {
		return s
	}
	sb.Reset()
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		sb.WriteByte(c)
	}
	return sb.String()
}

// tokenReader decodes the binary form, reporting errCorrupt for bytes that
// are not one.
type tokenReader struct {
	b   []byte
	err error
}

func (r *tokenReader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = fmt.Errorf("%w: bad varint in the token layer", errCorrupt)
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *tokenReader) varint() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.err = fmt.Errorf("%w: bad varint in the token layer", errCorrupt)
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *tokenReader) bytes(n uint64) string {
	if r.err != nil {
		return ""
	}
	if n > uint64(len(r.b)) {
		r.err = fmt.Errorf("%w: token layer cut short", errCorrupt)
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

func (r *tokenReader) int32(v int64, what string) int32 {
	if r.err == nil && (v < -1<<31 || v >= 1<<31) {
		r.err = fmt.Errorf("%w: token %s %d out of range", errCorrupt, what, v)
	}
	return int32(v)
}

// minTokenBytes is the least a token takes: seven one-byte varints.
const minTokenBytes = 7

// decodeTokens reads the binary form of a token layer over text; the input
// must be exactly one layer.
func decodeTokens(b []byte, text string) ([]dateline.Token, error) {
	r := &tokenReader{b: b}
	ntags := r.uvarint()
	if ntags > uint64(len(r.b)) {
		return nil, fmt.Errorf("%w: %d tag strings in %d bytes", errCorrupt, ntags, len(r.b))
	}
	tags := make([]string, 0, ntags)
	for range ntags {
		tags = append(tags, r.bytes(r.uvarint()))
	}
	tag := func() string {
		i := r.uvarint()
		if i >= uint64(len(tags)) {
			if r.err == nil {
				r.err = fmt.Errorf("%w: tag %d of %d", errCorrupt, i, len(tags))
			}
			return ""
		}
		return tags[i]
	}
	n := r.uvarint()
	if r.err != nil {
		return nil, r.err
	}
	if n > uint64(len(r.b))/minTokenBytes {
		return nil, fmt.Errorf("%w: %d tokens in %d bytes", errCorrupt, n, len(r.b))
	}
	if n == 0 {
		if len(r.b) != 0 {
			return nil, fmt.Errorf("%w: %d stray bytes after the token layer", errCorrupt, len(r.b))
		}
		return nil, nil
	}
	toks := make([]dateline.Token, n)
	var prev int64
	var sb strings.Builder
	for i := range toks {
		t := &toks[i]
		start := prev + r.varint()
		end := start + r.varint()
		t.Start, t.End = r.int32(start, "start"), r.int32(end, "end")
		t.UPOS, t.XPOS, t.Feats, t.Dep = tag(), tag(), tag(), tag()
		switch h := r.varint(); h {
		case 0:
			t.Head = -1
		case encodeSelfHead:
			t.Head = int32(i)
		default:
			t.Head = r.int32(int64(i)+h, "head")
		}
		switch l := r.uvarint(); l {
		case 0:
		case 1, 2:
			if !t.Span.Valid(len(text)) {
				if r.err == nil {
					r.err = fmt.Errorf("%w: token %d [%d,%d) outside the text", errCorrupt, i, t.Start, t.End)
				}
				break
			}
			t.Lemma = text[t.Start:t.End]
			if l == 2 {
				t.Lemma = lower(&sb, t.Lemma)
			}
		default:
			t.Lemma = r.bytes(l - 3)
		}
		if r.err != nil {
			return nil, r.err
		}
		prev = end
	}
	if len(r.b) != 0 {
		return nil, fmt.Errorf("%w: %d stray bytes after the token layer", errCorrupt, len(r.b))
	}
	return toks, nil
}
