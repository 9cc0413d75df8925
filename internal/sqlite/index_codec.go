package sqlite

import (
	"encoding/binary"
	"fmt"

	"github.com/dateline-news/dateline"
)

// The data of a doc_index row: a document's quotes and events without
// their texts, which are read from the stored document (body and aside,
// joined along the cuts kept here) when a page of hits is shown. A compact
// binary form, because every stored document pays for it at ingest:
//
//	version byte (indexCodec)
//	strings: uvarint n, then n × (uvarint length, bytes)
//	cuts:    uvarint n, then n × span
//	quotes:  uvarint n, then n × (varint index, string kind, 3 spans
//	         (content, cue, source), string speaker, string name,
//	         co-speakers)
//	events:  uvarint n, then n × (varint index, strings code, plover,
//	         status, date, place, parties source, parties target, spans
//	         evidence, trigger)
//
// where a span is two varints, a string the uvarint index of an entry of
// the string table (names, IDs, codes and statuses repeat across a
// report's quotes and events), and parties a uvarint count of (strings
// id, name, text, code), co-speakers a uvarint count of (strings id,
// name). Version 1, written before joint statements were indexed, has no
// co-speakers; it is still read.
const indexCodec byte = 2

// indexData is a decoded doc_index row: the hits without the report's
// fields and texts.
type indexData struct {
	cuts   []dateline.Span
	quotes []dateline.QuoteHit
	events []dateline.EventHit
}

// indexWriter's strings: the table of a document's distinct strings.
type stringTable struct {
	index map[string]int
	list  []string
}

func (t *stringTable) ref(b []byte, s string) []byte {
	i, ok := t.index[s]
	if !ok {
		i = len(t.list)
		t.index[s] = i
		t.list = append(t.list, s)
	}
	return binary.AppendUvarint(b, uint64(i))
}

func appendSpan(b []byte, s dateline.Span) []byte {
	return binary.AppendVarint(binary.AppendVarint(b, int64(s.Start)), int64(s.End))
}

// encodeIndexData returns the binary form of a document's hits.
func encodeIndexData(cuts []dateline.Span, ix *dateline.DocIndex) []byte {
	t := stringTable{index: map[string]int{}}
	body := make([]byte, 0, 16*len(ix.Quotes)+24*len(ix.Events)+8)
	body = binary.AppendUvarint(body, uint64(len(cuts)))
	for _, c := range cuts {
		body = appendSpan(body, c)
	}
	body = binary.AppendUvarint(body, uint64(len(ix.Quotes)))
	for i := range ix.Quotes {
		q := &ix.Quotes[i]
		body = binary.AppendVarint(body, int64(q.Index))
		body = t.ref(body, q.Kind)
		body = appendSpan(appendSpan(appendSpan(body, q.Span), q.CueSpan), q.SourceSpan)
		body = t.ref(t.ref(body, string(q.Speaker)), q.Name)
		body = binary.AppendUvarint(body, uint64(len(q.CoSpeakers)))
		for _, c := range q.CoSpeakers {
			body = t.ref(t.ref(body, string(c.ID)), c.Name)
		}
	}
	parties := func(ps []dateline.EventParty) {
		body = binary.AppendUvarint(body, uint64(len(ps)))
		for _, p := range ps {
			body = t.ref(t.ref(t.ref(t.ref(body, string(p.ID)), p.Name), p.Text), p.Code)
		}
	}
	body = binary.AppendUvarint(body, uint64(len(ix.Events)))
	for i := range ix.Events {
		e := &ix.Events[i]
		body = binary.AppendVarint(body, int64(e.Index))
		for _, s := range [...]string{e.Code, e.Plover, e.Status, e.Date, e.Place} {
			body = t.ref(body, s)
		}
		parties(e.Source)
		parties(e.Target)
		body = appendSpan(appendSpan(body, e.Evidence), e.Trigger)
	}
	n := 1 + binary.MaxVarintLen64 + len(body)
	for _, s := range t.list {
		n += binary.MaxVarintLen64 + len(s)
	}
	b := make([]byte, 0, n)
	b = append(b, indexCodec)
	b = binary.AppendUvarint(b, uint64(len(t.list)))
	for _, s := range t.list {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	return append(b, body...)
}

// indexReader reads the binary form; the first problem sticks in err and
// every later read returns zero values.
type indexReader struct {
	b       []byte
	strings []string
	err     error
}

func (r *indexReader) fail(what string) {
	if r.err == nil {
		r.err = fmt.Errorf("%w: index data: bad %s", errCorrupt, what)
	}
	r.b = nil
}

func (r *indexReader) uvarint(what string) uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail(what)
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *indexReader) int(what string) int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail(what)
		return 0
	}
	r.b = r.b[n:]
	return v
}

// count reads a count of items of at least min bytes each, refusing one
// the rest of the data cannot hold.
func (r *indexReader) count(what string, min int) int {
	n := r.uvarint(what)
	if n > uint64(len(r.b)/min) {
		r.fail(what)
		return 0
	}
	return int(n)
}

// raw reads a string of the table.
func (r *indexReader) raw(what string) string {
	n := r.uvarint(what)
	if n > uint64(len(r.b)) {
		r.fail(what)
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

// string reads a reference to the string table.
func (r *indexReader) string(what string) string {
	i := r.uvarint(what)
	if i >= uint64(len(r.strings)) {
		r.fail(what)
		return ""
	}
	return r.strings[i]
}

func (r *indexReader) span(what string) dateline.Span {
	start, end := r.int(what), r.int(what)
	if int64(int32(start)) != start || int64(int32(end)) != end {
		r.fail(what)
		return dateline.Span{}
	}
	return dateline.Span{Start: int32(start), End: int32(end)}
}

func (r *indexReader) parties() []dateline.EventParty {
	n := r.count("parties", 4)
	var out []dateline.EventParty
	for range n {
		out = append(out, dateline.EventParty{ID: dateline.ActorID(r.string("party")), Name: r.string("party"),
			Text: r.string("party"), Code: r.string("party")})
	}
	return out
}

// decodeIndexData reads what encodeIndexData wrote. Bad data is an error
// wrapping errCorrupt, never a panic.
func decodeIndexData(b []byte) (indexData, error) {
	var d indexData
	if len(b) == 0 || b[0] != indexCodec && b[0] != 1 {
		return d, fmt.Errorf("%w: index data: unknown codec", errCorrupt)
	}
	joint := b[0] >= 2 // co-speakers stored
	r := &indexReader{b: b[1:]}
	for range r.count("string table", 1) {
		r.strings = append(r.strings, r.raw("string"))
	}
	for range r.count("cuts", 2) {
		d.cuts = append(d.cuts, r.span("cut"))
	}
	nq := r.count("quotes", 10)
	d.quotes = make([]dateline.QuoteHit, 0, nq)
	for range nq {
		q := dateline.QuoteHit{Index: int(r.int("quote")), Kind: r.string("quote kind")}
		q.Span, q.CueSpan, q.SourceSpan = r.span("quote span"), r.span("cue span"), r.span("source span")
		q.Speaker, q.Name = dateline.ActorID(r.string("speaker")), r.string("speaker name")
		if joint {
			if n := r.count("co-speakers", 2); n > 0 {
				q.CoSpeakers = make([]dateline.QuoteSpeaker, n)
				for i := range q.CoSpeakers {
					q.CoSpeakers[i] = dateline.QuoteSpeaker{ID: dateline.ActorID(r.string("co-speaker")), Name: r.string("co-speaker name")}
				}
			}
		}
		d.quotes = append(d.quotes, q)
	}
	ne := r.count("events", 12)
	d.events = make([]dateline.EventHit, 0, ne)
	for range ne {
		e := dateline.EventHit{Index: int(r.int("event"))}
		e.Code, e.Plover, e.Status, e.Date, e.Place = r.string("code"), r.string("plover"), r.string("status"), r.string("date"), r.string("place")
		e.Source, e.Target = r.parties(), r.parties()
		e.Evidence, e.Trigger = r.span("evidence"), r.span("trigger")
		d.events = append(d.events, e)
	}
	if r.err == nil && len(r.b) != 0 {
		r.fail("length")
	}
	if r.err != nil {
		return indexData{}, r.err
	}
	return d, nil
}
