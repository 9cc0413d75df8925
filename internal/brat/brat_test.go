package brat

import (
	"bytes"
	"strings"
	"testing"
)

const sample = "T1\tSource 0 9\tThe mayor\n" +
	"T2\tCue 10 14\tsaid\n" +
	"T3\tContent 16 24;30 35\tit rains here\n" +
	"E1\tAttribution:T2 Source:T1 Content:T3 Cue:T2\n" +
	"#1\tAnnotatorNotes T1\tnote\n"

func TestReadWriteRoundTrip(t *testing.T) {
	a, probs, err := Read(strings.NewReader(sample))
	if err != nil || len(probs) != 0 {
		t.Fatalf("Read: %v %v", err, probs)
	}
	if len(a.TextBounds) != 3 || len(a.Events) != 1 || len(a.Other) != 1 {
		t.Fatalf("got %d T, %d E, %d other", len(a.TextBounds), len(a.Events), len(a.Other))
	}
	if got := a.TextBounds[2].Frags; len(got) != 2 || got[1] != (Fragment{30, 35}) {
		t.Errorf("fragments %v", got)
	}
	if tb, ok := a.TextBound("T2"); !ok || tb.Label != "Cue" || tb.Line != 2 {
		t.Errorf("TextBound(T2) = %+v, %v", tb, ok)
	}
	if ev := a.Events[0]; ev.Args[0] != (Arg{"Attribution", "T2"}) || len(ev.Args) != 4 {
		t.Errorf("event %+v", ev)
	}
	var buf bytes.Buffer
	if err := Write(&buf, a); err != nil {
		t.Fatal(err)
	}
	if buf.String() != sample {
		t.Errorf("round trip:\n%s\nwant\n%s", buf.String(), sample)
	}
}

func TestReadProblems(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"T1 Source 0 9\tx\n", "no label"},
		{"T1\tSource\tx\n", "label"},
		{"T1\tSource 5 2\tx\n", "bad fragment"},
		{"T1\tSource a b\tx\n", "bad fragment"},
		{"T1\tSource -1 2\tx\n", "bad fragment"},
		{"T1\tSource 1 2;3\tx\n", "bad fragment"},
		{"E1\t\n", "no trigger"},
		{"E1\tAttribution\n", "bad argument"},
		{"E1 Attribution:T1\n", "tab"},
	} {
		a, probs, err := Read(strings.NewReader(tc.in + "T9\tCue 1 2\ty\n"))
		if err != nil {
			t.Fatalf("%q: %v", tc.in, err)
		}
		if len(probs) != 1 || probs[0].Line != 1 || !strings.Contains(probs[0].Msg, tc.want) {
			t.Errorf("%q: problems %v, want one on line 1 with %q", tc.in, probs, tc.want)
		}
		if len(a.TextBounds) != 1 || a.TextBounds[0].ID != "T9" {
			t.Errorf("%q: the good line after the bad one was not kept: %+v", tc.in, a.TextBounds)
		}
	}
}

func TestOffsets(t *testing.T) {
	text := "“Yes,” she said – ok"
	o := NewOffsets(text)
	if o.Chars() != 20 {
		t.Fatalf("Chars = %d", o.Chars())
	}
	for _, tc := range []struct{ char, byte int }{
		{0, 0}, {1, 3}, {4, 6}, {5, 7}, {6, 10}, {16, 20}, {17, 23}, {20, 26}, {99, 26}, {-3, 0},
	} {
		if got := o.Byte(tc.char); got != tc.byte {
			t.Errorf("Byte(%d) = %d, want %d", tc.char, got, tc.byte)
		}
		if tc.char >= 0 && tc.char <= 20 {
			if got := o.Char(tc.byte); got != tc.char {
				t.Errorf("Char(%d) = %d, want %d", tc.byte, got, tc.char)
			}
		}
	}
	if got := o.Char(1); got != 0 { // inside the first “
		t.Errorf("Char(1) = %d, want 0", got)
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte(sample))
	f.Add([]byte("T1\tX 0 0\t\nE1\tA:B\n\n\r\n"))
	f.Add([]byte("T1\tX 1 2;2 3;\t\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		a, _, err := Read(bytes.NewReader(b))
		if err != nil {
			return
		}
		for _, tb := range a.TextBounds {
			if len(tb.Frags) == 0 {
				t.Fatalf("text bound without fragments: %+v", tb)
			}
			for _, fr := range tb.Frags {
				if fr.Start < 0 || fr.End < fr.Start {
					t.Fatalf("bad fragment %+v", fr)
				}
			}
		}
		var buf bytes.Buffer
		if err := Write(&buf, a); err != nil {
			t.Fatal(err)
		}
		b2, _, err := Read(&buf)
		if err != nil || len(b2.TextBounds) != len(a.TextBounds) || len(b2.Events) != len(a.Events) {
			t.Fatalf("re-read: %v: %d/%d T, %d/%d E", err, len(b2.TextBounds), len(a.TextBounds), len(b2.Events), len(a.Events))
		}
	})
}

func FuzzOffsets(f *testing.F) {
	f.Add("“Yes,” – ok", 3)
	f.Add("\xff\xfe a", 1)
	f.Fuzz(func(t *testing.T, text string, c int) {
		o := NewOffsets(text)
		b := o.Byte(c)
		if b < 0 || b > len(text) {
			t.Fatalf("Byte(%d) = %d out of [0,%d]", c, b, len(text))
		}
		if c >= 0 && c <= o.Chars() && o.Char(b) != c {
			t.Fatalf("Char(Byte(%d)) = %d", c, o.Char(b))
		}
	})
}
