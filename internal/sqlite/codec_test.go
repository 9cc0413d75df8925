package sqlite

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"github.com/dateline-news/dateline"
)

func sp(s, e int32) dateline.Span { return dateline.Span{Start: s, End: e} }

func TestCutsSplitJoin(t *testing.T) {
	// "Title\nBody – text.\nPhoto: X\nRelated: Y\nMore body."
	text := "Title\nBody – text.\nPhoto: X\nRelated: Y\nMore body."
	blk := func(s, e int32, k dateline.BlockKind) dateline.Block { return dateline.Block{Span: sp(s, e), Kind: k} }
	tests := []struct {
		name      string
		blocks    []dateline.Block
		cuts      []dateline.Span
		body      string
		aside     string
		textOwned bool
	}{
		{"no blocks", nil, nil, text, "", false},
		{"analysed only", []dateline.Block{blk(0, 5, dateline.BlockTitle), blk(6, 20, dateline.BlockParagraph)}, nil, text, "", false},
		{"credit and boilerplate merged",
			[]dateline.Block{blk(0, 5, dateline.BlockTitle), blk(6, 20, dateline.BlockParagraph),
				blk(21, 29, dateline.BlockCredit), blk(29, 40, dateline.BlockBoilerplate), blk(41, 51, dateline.BlockParagraph)},
			[]dateline.Span{sp(21, 40)}, "Title\nBody – text.\n\nMore body.", "Photo: X\nRelated: Y", true},
		{"separate cuts",
			[]dateline.Block{blk(0, 5, dateline.BlockByline), blk(21, 29, dateline.BlockCredit)},
			[]dateline.Span{sp(0, 5), sp(21, 29)}, "\nBody – text.\n\nRelated: Y\nMore body.", "TitlePhoto: X", true},
		{"empty cut block skipped", []dateline.Block{blk(3, 3, dateline.BlockBoilerplate)}, nil, text, "", false},
		{"out of bounds: nothing cut", []dateline.Block{blk(0, 5, dateline.BlockCredit), blk(40, 99, dateline.BlockCredit)}, nil, text, "", false},
		{"overlap: nothing cut", []dateline.Block{blk(0, 10, dateline.BlockCredit), blk(5, 12, dateline.BlockCredit)}, nil, text, "", false},
		{"unsorted: nothing cut", []dateline.Block{blk(21, 29, dateline.BlockCredit), blk(0, 5, dateline.BlockCredit)}, nil, text, "", false},
		{"negative: nothing cut", []dateline.Block{blk(-1, 5, dateline.BlockCredit)}, nil, text, "", false},
	}
	for _, tc := range tests {
		doc := &dateline.Document{Text: text, Blocks: tc.blocks}
		cs := doc.Asides()
		if !reflect.DeepEqual(cs, tc.cuts) {
			t.Errorf("%s: cuts = %v, want %v", tc.name, cs, tc.cuts)
			continue
		}
		body, aside := split(text, cs)
		if body != tc.body || aside != tc.aside {
			t.Errorf("%s: split = %q, %q; want %q, %q", tc.name, body, aside, tc.body, tc.aside)
		}
		back, err := join(body, aside, cs)
		if err != nil || back != text {
			t.Errorf("%s: join = %q, %v; want the text", tc.name, back, err)
		}
	}
}

func TestJoinCorrupt(t *testing.T) {
	tests := []struct {
		body, aside string
		cuts        []dateline.Span
	}{
		{"abc", "x", nil},
		{"abc", "", []dateline.Span{sp(0, 1)}},
		{"abc", "xy", []dateline.Span{sp(0, 1)}},
		{"abc", "x", []dateline.Span{sp(5, 6)}},
		{"abc", "x", []dateline.Span{sp(2, 1)}},
		{"abc", "xy", []dateline.Span{sp(1, 2), sp(0, 1)}},
	}
	for _, tc := range tests {
		if got, err := join(tc.body, tc.aside, tc.cuts); !errors.Is(err, errCorrupt) {
			t.Errorf("join(%q, %q, %v) = %q, %v; want errCorrupt", tc.body, tc.aside, tc.cuts, got, err)
		}
	}
}

func TestTokensRoundTrip(t *testing.T) {
	text := "Ärger in Zürich: ÖL-Preise STEIGEN – sagte Dvořák."
	tests := []struct {
		name string
		toks []dateline.Token
	}{
		{"none", nil},
		{"lemma forms", []dateline.Token{
			{Span: sp(0, 6), UPOS: "NOUN", Lemma: "ärger", Head: -1},                     // lowercased, multi-byte
			{Span: sp(7, 9), UPOS: "ADP", Lemma: "in", Head: 0, Dep: "case"},             // same as text
			{Span: sp(10, 17), UPOS: "PROPN", Lemma: "Zürich", Head: 0},                  // same as text, multi-byte
			{Span: sp(17, 18), UPOS: "PUNCT", Head: 0},                                   // no lemma
			{Span: sp(20, 30), Lemma: "Ölpreis", Feats: "Case=Nom|Number=Plur", Head: 4}, // other: self head
			{Span: sp(31, 38), Lemma: "steigen", XPOS: "VVFIN", Head: -1},                // ASCII lowercased
		}},
		{"invalid spans and heads kept", []dateline.Token{
			{Span: sp(40, 30), Lemma: "x", Head: 99},
			{Span: sp(-5, 1000), Lemma: "y", Head: -7},
			{Span: sp(1<<31-1, 1<<31-1), Head: 1<<31 - 1},
			{Span: sp(-1<<31, -1<<31), Head: -1 << 31},
		}},
	}
	var e tokenEncoder
	for _, tc := range tests {
		b := e.encodeTokens(nil, text, tc.toks)
		got, err := decodeTokens(b, text)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if !reflect.DeepEqual(got, tc.toks) {
			t.Errorf("%s: round trip\n got %+v\nwant %+v", tc.name, got, tc.toks)
		}
	}
}

func TestDecodeCorrupt(t *testing.T) {
	doc := &dateline.Document{ID: "x", Text: "Hello world", Tokens: []dateline.Token{{Span: sp(0, 5), Lemma: "hello", Head: -1}}}
	var r row
	if err := newEncoder().encode(doc, &r); err != nil {
		t.Fatal(err)
	}
	good := r.layers
	if _, err := decode(r.body, r.aside, good); err != nil {
		t.Fatalf("decode(good) = %v", err)
	}
	tests := map[string][]byte{
		"empty":          nil,
		"unknown codec":  append([]byte{'?'}, good[1:]...),
		"cut short":      good[:len(good)-1],
		"stray byte":     append(append([]byte{}, good...), 0),
		"json too long":  append([]byte{codecJSONTokens, 0xff, 0xff, 0x03}, good[2:]...),
		"bad json":       append([]byte{codecJSONTokens, 2, '{', '['}, good[len(good)-8:]...),
		"only the codec": {codecJSONTokens},
	}
	for name, b := range tests {
		if _, err := decode(r.body, r.aside, b); !errors.Is(err, errCorrupt) {
			t.Errorf("%s: decode = %v, want errCorrupt", name, err)
		}
	}
}

// FuzzDecode feeds arbitrary stored values to decode: an error, never a
// panic or a runaway allocation.
func FuzzDecode(f *testing.F) {
	doc := &dateline.Document{ID: "x", Text: "Zoë said “no” – twice.", Blocks: []dateline.Block{{Span: sp(0, 10), Kind: dateline.BlockCredit}},
		Tokens: []dateline.Token{{Span: sp(0, 4), Lemma: "zoë", UPOS: "PROPN", Head: 1}, {Span: sp(5, 9), Lemma: "say", Head: -1}}}
	var r row
	if err := newEncoder().encode(doc, &r); err != nil {
		f.Fatal(err)
	}
	f.Add(r.body, r.aside, r.layers)
	f.Add("", "", []byte{codecJSONTokens, 2, '{', '}', 0, 0})
	f.Fuzz(func(t *testing.T, body, aside string, layers []byte) {
		d, err := decode(body, aside, layers)
		if err == nil && d == nil {
			t.Fatal("nil document without an error")
		}
	})
}

// FuzzEncodeRoundTrip builds documents from fuzz input and checks that
// they come back unchanged.
func FuzzEncodeRoundTrip(f *testing.F) {
	f.Add("Zoë said “no” – twice.\nPhoto: X", []byte{0, 4, 1, 5, 9, 2, 10, 30, 7})
	f.Add("", []byte{})
	e := newEncoder()
	f.Fuzz(func(t *testing.T, text string, spec []byte) {
		doc := &dateline.Document{ID: "f", Text: text}
		kinds := []dateline.BlockKind{dateline.BlockParagraph, dateline.BlockCredit, dateline.BlockBoilerplate, dateline.BlockByline, dateline.BlockTitle}
		for i := 0; i+2 < len(spec); i += 3 {
			s, n, k := int32(spec[i]), int32(spec[i+1]%16), spec[i+2]
			doc.Blocks = append(doc.Blocks, dateline.Block{Span: sp(s, s+n), Kind: kinds[int(k)%len(kinds)]})
			lemma := ""
			if sp(s, s+n).Valid(len(text)) && k%3 == 0 {
				lemma = text[s : s+n]
			} else if k%3 == 1 {
				lemma = "lemma"
			}
			doc.Tokens = append(doc.Tokens, dateline.Token{Span: sp(s, s+n), Lemma: lemma, Head: int32(k) - 2, UPOS: string(kinds[k%5])})
		}
		var r row
		if err := e.encode(doc, &r); err != nil {
			t.Fatal(err)
		}
		got, err := decode(r.body, r.aside, r.layers)
		if err != nil {
			t.Fatal(err)
		}
		if got.Text != doc.Text {
			t.Fatalf("text %q, want %q", got.Text, doc.Text)
		}
		gj, _ := json.Marshal(got)
		wj, _ := json.Marshal(doc)
		if string(gj) != string(wj) {
			t.Fatalf("round trip:\n got %s\nwant %s", gj, wj)
		}
	})
}
