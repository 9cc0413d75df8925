package sqlite

import (
	"encoding/hex"
	"reflect"
	"testing"

	"github.com/dateline-news/dateline"
)

func codecSample() ([]dateline.Span, dateline.DocIndex) {
	ix := dateline.DocIndex{
		Quotes: []dateline.QuoteHit{
			{Index: 0, Kind: dateline.QuoteDirect, Span: dateline.Span{Start: 10, End: 40}, CueSpan: dateline.Span{Start: 42, End: 46},
				SourceSpan: dateline.Span{Start: 47, End: 49}, Speaker: "person/hugh-hill", Name: "Hugh Hill",
				CoSpeakers: []dateline.QuoteSpeaker{{ID: "person/volodymyr-zelenskyy", Name: "Volodymyr Zelenskyy"}, {ID: "org/un"}}},
			{Index: 3, Kind: dateline.QuoteWord, Span: dateline.Span{Start: -1, End: 1 << 30}},
		},
		Events: []dateline.EventHit{
			{Index: 0, Code: "042", Plover: "CONSULT", Status: dateline.StatusPlanned, Date: "2025-08-18", Place: "Washington – D.C.",
				Source:   []dateline.EventParty{{ID: "person/volodymyr-zelenskyy", Name: "Volodymyr Zelenskyy", Text: "Zelenskyy’s", Code: "UKRGOV"}},
				Target:   []dateline.EventParty{{Text: "the “coalition”"}, {ID: "gpe/united-states", Name: "United States", Text: "Washington"}},
				Evidence: dateline.Span{Start: 0, End: 120}, Trigger: dateline.Span{Start: 30, End: 36}},
			{Index: 1, Code: "0871", Status: dateline.StatusNotHappened},
		},
	}
	return []dateline.Span{{Start: 200, End: 230}, {Start: 240, End: 250}}, ix
}

func TestIndexCodecRoundTrip(t *testing.T) {
	cuts, ix := codecSample()
	got, err := decodeIndexData(encodeIndexData(cuts, &ix))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.cuts, cuts) || !reflect.DeepEqual(got.quotes, ix.Quotes) || !reflect.DeepEqual(got.events, ix.Events) {
		t.Errorf("round trip:\n got %+v\nwant %+v %+v %+v", got, cuts, ix.Quotes, ix.Events)
	}
	empty, err := decodeIndexData(encodeIndexData(nil, &dateline.DocIndex{}))
	if err != nil || len(empty.quotes)+len(empty.events)+len(empty.cuts) != 0 {
		t.Errorf("empty: %+v, %v", empty, err)
	}
}

func TestIndexCodecCorrupt(t *testing.T) {
	cuts, ix := codecSample()
	b := encodeIndexData(cuts, &ix)
	for n := range len(b) { // every truncation
		if _, err := decodeIndexData(b[:n]); err == nil {
			t.Errorf("truncated to %d of %d bytes: no error", n, len(b))
		}
	}
	for _, bad := range [][]byte{nil, {1}, {2}, {3, 0, 0, 0, 0}, append(append([]byte{}, b...), 0), {indexCodec, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}} {
		if _, err := decodeIndexData(bad); err == nil {
			t.Errorf("decodeIndexData(%x): no error", bad)
		}
	}
}

// Rows written by version 1 of the codec, before co-speakers were stored,
// still decode.
func TestIndexCodecVersion1(t *testing.T) {
	v1, err := hex.DecodeString("01050664697265637408706572736f6e2f610141033034300001020401040006120000000001020100030404040401010202040000000000")
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeIndexData(v1)
	if err != nil {
		t.Fatal(err)
	}
	want := indexData{
		cuts:   []dateline.Span{{Start: 1, End: 2}},
		quotes: []dateline.QuoteHit{{Index: 2, Kind: "direct", Span: dateline.Span{Start: 3, End: 9}, Speaker: "person/a", Name: "A"}},
		events: []dateline.EventHit{{Index: 0, Code: "040", Source: []dateline.EventParty{{ID: "person/a", Name: "A", Text: "A"}}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("version 1:\n got %+v\nwant %+v", got, want)
	}
}

func FuzzIndexCodec(f *testing.F) {
	cuts, ix := codecSample()
	f.Add(encodeIndexData(cuts, &ix))
	f.Add(encodeIndexData(nil, &dateline.DocIndex{}))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := decodeIndexData(b)
		if err != nil {
			return
		}
		// What decodes encodes back to an equivalent value.
		again, err := decodeIndexData(encodeIndexData(d.cuts, &dateline.DocIndex{Quotes: d.quotes, Events: d.events}))
		if err != nil || !reflect.DeepEqual(again, d) {
			t.Fatalf("re-encoding changed %+v into %+v (%v)", d, again, err)
		}
	})
}
