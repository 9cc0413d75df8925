package eval

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

const tlGold = "Acme Corp\n" +
	"0\tXXXX-XX-XX\t10-4-said\n" +
	"1\t2001\t10-2-founded\n" +
	"2\t2009-05-01\t10-3-bought\t11-2-purchase\n" +
	"2\t2009-05-01\t11-3-paid\n" +
	"3\t2010-XX-XX\t11-5-sold\n"

func mustTimeline(t *testing.T, s string) TimelineEntity {
	t.Helper()
	e, err := TimelineRead(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestTimelineReadWrite(t *testing.T) {
	e := mustTimeline(t, tlGold)
	if e.Name != "Acme Corp" || len(e.Lines) != 5 || len(e.Lines[2].Mentions) != 2 || e.Lines[4].Date != "2010-XX-XX" {
		t.Fatalf("read %+v", e)
	}
	var b bytes.Buffer
	if err := TimelineWrite(&b, e); err != nil || b.String() != tlGold {
		t.Errorf("round trip:\n%s\nwant\n%s", b.String(), tlGold)
	}
	for _, bad := range []string{"", "X\n1\t2001\n", "X\nfirst\t2001\t1-1-a\n", "X\n-1\t2001\t1-1-a\n", "X\n1\t2001\t\t\n"} {
		if _, err := TimelineRead(strings.NewReader(bad)); err == nil {
			t.Errorf("TimelineRead(%q): no error", bad)
		}
	}
}

func TestTimelineScore(t *testing.T) {
	gold := mustTimeline(t, tlGold)
	for _, c := range []struct {
		name string
		sys  string
		p, r float64
	}{
		{"identical", tlGold, 1, 1},
		{"empty", "Acme Corp\n", 0, 0},
		// Right events, all on one date: one anchor holds of 5 relations;
		// the gold states 8 (1 coreference, 4 anchors, 1 simultaneity, 2 orders).
		{"one date", "Acme Corp\n1\t2009-05-01\t10-2-founded\n1\t2009-05-01\t10-3-bought\n1\t2009-05-01\t11-5-sold\n", 1.0 / 5, 1.0 / 8},
		// Reversed order: no BEFORE holds; the anchors do.
		{"reversed", "Acme Corp\n1\t2010-XX-XX\t11-5-sold\n2\t2001\t10-2-founded\n", 2.0 / 3, 2.0 / 8},
	} {
		var counts TimelineCounts
		counts.Add(gold, mustTimeline(t, c.sys))
		m := counts.Metrics()
		if math.Abs(m.Precision-c.p) > 1e-9 || math.Abs(m.Recall-c.r) > 1e-9 {
			t.Errorf("%s: P %.3f R %.3f, want P %.3f R %.3f", c.name, m.Precision, m.Recall, c.p, c.r)
		}
	}
}

const tlCAT = `<?xml version="1.0" ?><Document doc_id="10" doc_name="10-acme">
<token number="0" sentence="0" t_id="1">Acme</token>
<token number="1" sentence="0" t_id="2">grows</token>
<token number="2" sentence="1" t_id="3">Acme</token>
<token number="3" sentence="1" t_id="4">bought</token>
<token number="4" sentence="1" t_id="5">Widgets</token>
<token number="5" sentence="1" t_id="6">.</token>
<Markables><TIMEX3 functionInDocument="CREATION_TIME" m_id="9" type="DATE" value="2009-05-02"></TIMEX3></Markables>
</Document>`

func TestTimelineReadCAT(t *testing.T) {
	d, err := TimelineReadCAT(strings.NewReader(tlCAT))
	if err != nil {
		t.Fatal(err)
	}
	if d.ID != "10" || d.DCT.Format("2006-01-02") != "2009-05-02" || len(d.Tokens) != 6 {
		t.Fatalf("read %+v", d)
	}
	doc, sents := d.Document()
	if doc.Text != "Acme grows\nAcme bought Widgets ." || len(doc.Sentences) != 2 || sents[1] != 1 {
		t.Fatalf("document %q %v %v", doc.Text, doc.Sentences, sents)
	}
	for _, tk := range doc.Tokens {
		if !tk.Span.Valid(len(doc.Text)) {
			t.Fatalf("token span %v out of bounds", tk.Span)
		}
	}
	if doc.Tokens[3].Span.In(doc.Text) != "bought" || doc.Sentences[1].Tokens != [2]int32{2, 6} {
		t.Errorf("tokens %v", doc.Sentences)
	}
	for _, bad := range []string{"", "<Document>", `<Document doc_id="1"><token sentence="x">a</token></Document>`, "<a><b></a>"} {
		if _, err := TimelineReadCAT(strings.NewReader(bad)); err == nil {
			t.Errorf("TimelineReadCAT(%q): no error", bad)
		}
	}
}

func FuzzTimelineRead(f *testing.F) {
	f.Add(tlGold)
	f.Add("X\n0\tXXXX\ta\tb\n")
	f.Fuzz(func(t *testing.T, s string) {
		e, err := TimelineRead(strings.NewReader(s))
		if err != nil {
			return
		}
		var c TimelineCounts
		c.Add(e, e)
		if m := c.Metrics(); m.Precision != 0 && m.F1 != 1 {
			// A timeline against itself scores 1 when it has relations.
			t.Fatalf("self score %+v for %q", m, s)
		}
	})
}

func FuzzTimelineReadCAT(f *testing.F) {
	f.Add(tlCAT)
	f.Add(`<Document doc_id="1"><token sentence="0" number="0">“Hi”</token></Document>`)
	f.Fuzz(func(t *testing.T, s string) {
		d, err := TimelineReadCAT(strings.NewReader(s))
		if err != nil {
			return
		}
		doc, sents := d.Document()
		if len(sents) != len(doc.Sentences) {
			t.Fatal("sentence numbers do not match the sentences")
		}
		for _, tk := range doc.Tokens {
			if !tk.Span.Valid(len(doc.Text)) {
				t.Fatalf("token span %v out of bounds", tk.Span)
			}
		}
	})
}
