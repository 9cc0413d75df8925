package ecbplus

import (
	"bytes"
	"errors"
	"io"
	"os"
	"reflect"
	"strings"
	"testing"
)

func TestParseTiny(t *testing.T) {
	src, err := os.ReadFile("testdata/tiny.xml")
	if err != nil {
		t.Fatal(err)
	}
	doc, probs, err := Parse(bytes.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Name != "9_1ecb.xml" || doc.ID != "DOC1" {
		t.Errorf("name, id = %q, %q", doc.Name, doc.ID)
	}
	if len(doc.Tokens) != 15 {
		t.Fatalf("tokens = %d, want 15", len(doc.Tokens))
	}
	if got := doc.Tokens[12]; got != (Token{ID: 13, Sentence: 1, Number: 5, Text: "“"}) {
		t.Errorf("token 13 = %+v", got)
	}
	// The anchor on missing token 99 is a problem, and dropped.
	if len(probs) != 1 || !strings.Contains(probs[0].Message, "99") {
		t.Errorf("problems = %v", probs)
	}
	var actions []int
	for _, m := range doc.Markables {
		if m.IsAction() {
			actions = append(actions, m.ID)
		}
	}
	if !reflect.DeepEqual(actions, []int{1, 2, 3, 4}) {
		t.Errorf("actions = %v", actions)
	}
	if m := doc.Markables[2]; !reflect.DeepEqual(m.Tokens, []int{14}) || m.Type != "NEG_ACTION_OCCURRENCE" {
		t.Errorf("markable 3 = %+v", m)
	}
	if m := doc.Markables[6]; m.Instance != "ACT9001" || m.Descriptor != "t9_flood" || len(m.Tokens) != 0 {
		t.Errorf("instance markable = %+v", m)
	}
	want := map[int]string{1: "ACT9001", 2: "ACT9001", 3: "INTRA_9_1ecb.xml_11"}
	if got := doc.Instances(); !reflect.DeepEqual(got, want) {
		t.Errorf("instances = %v, want %v", got, want)
	}
	if got := doc.TokenIndex()[14]; got != 13 {
		t.Errorf("TokenIndex[14] = %d", got)
	}
}

func TestComponent(t *testing.T) {
	for _, c := range []struct{ typ, want string }{
		{"ACTION_OCCURRENCE", "action"}, {"NEG_ACTION_STATE", "action"}, {"TIME_DATE", "time"},
		{"LOC_GEO", "location"}, {"HUMAN_PART_PER", "human"}, {"HUMAN_PART", "human"},
		{"NON_HUMAN_PART_GENERIC", "nonhuman"}, {"UNKNOWN_INSTANCE_TAG", ""},
	} {
		if got := Component(c.typ); got != c.want {
			t.Errorf("Component(%q) = %q, want %q", c.typ, got, c.want)
		}
	}
}

func TestParseBad(t *testing.T) {
	for _, c := range []struct {
		name, src string
		tokens    int
		problem   string
	}{
		{"truncated", `<Document doc_name="x"><token t_id="1" sentence="0" number="0">a</token><tok`, 1, "unexpected EOF"},
		{"bad id", `<Document><token t_id="x" sentence="0" number="0">a</token></Document>`, 0, "bad t_id"},
		{"missing attr", `<Document><token t_id="1" number="0">a</token></Document>`, 0, "no sentence"},
		{"empty token", `<Document><token t_id="1" sentence="0" number="0"> </token></Document>`, 0, "empty"},
		{"unclosed", `<Document><token t_id="1" sentence="0" number="0">a</token>`, 1, "unexpected EOF"},
		{"negative", `<Document><token t_id="-1" sentence="0" number="0">a</token></Document>`, 0, "bad t_id"},
		{"bad m_id", `<Document><Markables><LOC_GEO m_id="?"/></Markables></Document>`, 0, "bad m_id"},
		{"encoding", `<?xml version="1.0" encoding="latin9"?><Document/>`, 0, "unsupported encoding"},
	} {
		doc, probs, err := Parse(strings.NewReader(c.src))
		if err != nil {
			t.Errorf("%s: err %v", c.name, err)
			continue
		}
		if len(doc.Tokens) != c.tokens {
			t.Errorf("%s: tokens = %d, want %d", c.name, len(doc.Tokens), c.tokens)
		}
		found := false
		for _, p := range probs {
			found = found || strings.Contains(p.Message, c.problem)
		}
		if !found {
			t.Errorf("%s: problems %v, want one with %q", c.name, probs, c.problem)
		}
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

func TestParseIOError(t *testing.T) {
	if _, _, err := Parse(io.MultiReader(strings.NewReader("<Document>"), failingReader{})); err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Errorf("err = %v, want the reader's error", err)
	}
}

func TestReadSelected(t *testing.T) {
	sel, probs, err := ReadSelected(strings.NewReader("Topic,File,Sentence Number\n1,10ecbplus,1\n1,10ecbplus,3\n2,4ecb,0\nbad\n1,x,y\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(probs) != 2 {
		t.Errorf("problems = %v", probs)
	}
	for _, c := range []struct {
		doc  string
		s    int
		want bool
	}{{"1_10ecbplus.xml", 1, true}, {"1_10ecbplus.xml", 2, false}, {"1_10ecbplus.xml", 3, true}, {"2_4ecb.xml", 0, true}, {"2_4ecbplus.xml", 0, false}} {
		if got := sel.Has(c.doc, c.s); got != c.want {
			t.Errorf("Has(%s, %d) = %v", c.doc, c.s, got)
		}
	}
}

func TestReadStoryClusters(t *testing.T) {
	rows, probs, err := ReadStoryClusters(strings.NewReader("doc\ttopic\tsubtopic\tstory_cluster\tsplit\n1_1ecb.xml\t1\tecb\t1_ecb\ttrain\r\n\nshort\tline\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []StoryDoc{{"1_1ecb.xml", "1", "ecb", "1_ecb", "train"}}
	if !reflect.DeepEqual(rows, want) || len(probs) != 1 {
		t.Errorf("rows = %v, problems = %v", rows, probs)
	}
}

func FuzzParse(f *testing.F) {
	src, err := os.ReadFile("testdata/tiny.xml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(src)
	f.Add([]byte(`<Document><Relations><CROSS_DOC_COREF r_id="1"><source m_id="2"/></CROSS_DOC_COREF></Relations></Document>`))
	f.Add([]byte(`<Document><Markables><X m_id="1"><token_anchor t_id="1"/></X></Markables></Document>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		doc, _, err := Parse(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("error on in-memory input: %v", err)
		}
		ids := map[int]bool{}
		for _, tk := range doc.Tokens {
			ids[tk.ID] = true
			if tk.Text == "" || tk.ID < 0 || tk.Sentence < 0 || tk.Number < 0 {
				t.Fatalf("bad token %+v", tk)
			}
		}
		for _, m := range doc.Markables {
			for _, id := range m.Tokens {
				if !ids[id] {
					t.Fatalf("markable %d anchors unknown token %d", m.ID, id)
				}
			}
		}
		_ = doc.Instances()
	})
}

func FuzzReadSelected(f *testing.F) {
	f.Add([]byte("Topic,File,Sentence Number\n1,10ecbplus,1\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		sel, _, _ := ReadSelected(bytes.NewReader(b))
		for _, s := range sel {
			for n := range s {
				if n < 0 {
					t.Fatalf("negative sentence %d", n)
				}
			}
		}
	})
}
