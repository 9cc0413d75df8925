package timeml

import (
	"bytes"
	"errors"
	"testing"
)

const sample = `<?xml version="1.0" ?>
<TimeML>
<DOCID>X1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2025-08-15" temporalFunction="false" functionInDocument="CREATION_TIME">2025-08-15</TIMEX3></DCT>
<TEXT>
The talks <EVENT eid="e1" class="OCCURRENCE">ended</EVENT> <TIMEX3 tid="t1" type="DATE" value="2025-08-15">Friday</TIMEX3> after <TIMEX3 tid="t2" type="DURATION" value="PT2H" mod="MORE_THAN">more than two hours</TIMEX3> &amp; more<SIGNAL sid="s1"/>.
</TEXT>
<TLINK lid="l1" relType="BEFORE" eventInstanceID="ei1" relatedToTime="t0"/>
</TimeML>
`

func TestParse(t *testing.T) {
	d, err := Parse([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	if d.DCTText != "2025-08-15" || d.DCT.Format("2006-01-02") != "2025-08-15" {
		t.Fatalf("DCT %q %v", d.DCTText, d.DCT)
	}
	want := "\nThe talks ended Friday after more than two hours & more.\n"
	if d.Text != want {
		t.Fatalf("text %q, want %q", d.Text, want)
	}
	if len(d.Timexes) != 2 {
		t.Fatalf("timexes %+v", d.Timexes)
	}
	for i, w := range []struct{ text, typ, val, mod string }{
		{"Friday", "DATE", "2025-08-15", ""},
		{"more than two hours", "DURATION", "PT2H", "MORE_THAN"},
	} {
		x := d.Timexes[i]
		if got := d.Text[x.Start:x.End]; got != w.text || x.Type != w.typ || x.Value != w.val || x.Mod != w.mod {
			t.Errorf("timex %d: %q %s %s %s", i, got, x.Type, x.Value, x.Mod)
		}
	}
}

func TestWriteRoundTrip(t *testing.T) {
	d, err := Parse([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	pred := []Timex{
		{Start: d.Timexes[0].Start, End: d.Timexes[0].End, Type: "DATE", Value: "2025-08-15"},
		{Start: d.Timexes[0].Start, End: d.Timexes[0].End + 2, Type: "DATE", Value: "overlap, skipped"},
		{Start: d.Timexes[1].Start, End: d.Timexes[1].End, Type: "DURATION", Value: `P"2H`, Mod: "MORE_THAN"},
	}
	var b bytes.Buffer
	if err := Write(&b, d, pred); err != nil {
		t.Fatal(err)
	}
	back, err := Parse(b.Bytes())
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	if back.Text != d.Text || back.DCTText != d.DCTText {
		t.Fatalf("text or DCT changed: %q", back.Text)
	}
	if len(back.Timexes) != 2 || back.Timexes[1].Value != `P"2H` || back.Timexes[1].Mod != "MORE_THAN" || back.Timexes[0].Start != d.Timexes[0].Start {
		t.Fatalf("timexes %+v", back.Timexes)
	}
}

func TestParseErrors(t *testing.T) {
	for _, c := range []struct{ in, msg string }{
		{"<TimeML></TimeML>", "no <TEXT> element"},
		{"<TEXT>abc", "<TEXT> is not closed"},
		{"<TEXT>a <TIMEX3 tid=\"t1\">b</TEXT>", "<TIMEX3> is not closed"},
		{"<TEXT>a </TIMEX3></TEXT>", "</TIMEX3> without <TIMEX3>"},
		{"<TEXT>a <TIMEX3 tid=\"t1\"><TIMEX3 tid=\"t2\">b</TIMEX3></TIMEX3></TEXT>", "nested <TIMEX3>"},
		{"<TEXT>a <TIMEX3 tid=t1>b</TIMEX3></TEXT>", "attribute tid is not quoted"},
		{"<TEXT>a <EVENT</TEXT>", "unterminated tag"},
	} {
		_, err := Parse([]byte(c.in))
		var e *Error
		if !errors.As(err, &e) || e.Msg != c.msg {
			t.Errorf("%q: got %v, want %q", c.in, err, c.msg)
		}
	}
}

// FuzzParse: any bytes parse or fail with an error, never a panic; spans
// are in bounds and ordered; what parses writes and parses back the same.
func FuzzParse(f *testing.F) {
	f.Add([]byte(sample))
	f.Add([]byte("<TEXT>&#x41;&#9999999;&bogus;<TIMEX3 value='a&amp;b'>x</TIMEX3></TEXT>"))
	f.Add([]byte("<DCT><TIMEX3 value=\"1998\"></DCT><TEXT></TEXT>"))
	f.Fuzz(func(t *testing.T, src []byte) {
		d, err := Parse(src)
		if err != nil {
			return
		}
		prev := 0
		for _, x := range d.Timexes {
			if x.Start < prev || x.End < x.Start || x.End > len(d.Text) {
				t.Fatalf("bad span %d-%d of %d", x.Start, x.End, len(d.Text))
			}
			prev = x.End
		}
		var b bytes.Buffer
		if err := Write(&b, d, d.Timexes); err != nil {
			t.Fatal(err)
		}
		back, err := Parse(b.Bytes())
		if err != nil {
			t.Fatalf("written document does not parse: %v", err)
		}
		if back.Text != d.Text {
			t.Fatalf("text changed: %q -> %q", d.Text, back.Text)
		}
	})
}
