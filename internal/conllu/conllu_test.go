package conllu

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

// A sentence of our own, with a multiword token, an empty node and
// multi-byte punctuation.
const sample = "# sent_id = t-1\n" +
	"# text = “We don’t know,” she said.\n" +
	"1\t“\t“\tPUNCT\t``\t_\t5\tpunct\t5:punct\tSpaceAfter=No\n" +
	"2\tWe\twe\tPRON\tPRP\t_\t5\tnsubj\t5:nsubj\t_\n" +
	"3-4\tdon’t\t_\t_\t_\t_\t_\t_\t_\t_\n" +
	"3\tdo\tdo\tAUX\tVBP\t_\t5\taux\t5:aux\tSpaceAfter=No\n" +
	"4\tn’t\tnot\tPART\tRB\t_\t5\tadvmod\t5:advmod\t_\n" +
	"5\tknow\tknow\tVERB\tVB\t_\t8\tccomp\t8:ccomp\tSpaceAfter=No\n" +
	"5.1\tknow\tknow\tVERB\tVB\t_\t_\t_\t5:conj\t_\n" +
	"6\t,\t,\tPUNCT\t,\t_\t5\tpunct\t5:punct\tSpaceAfter=No\n" +
	"7\t”\t”\tPUNCT\t''\t_\t5\tpunct\t5:punct\t_\n" +
	"8\tshe\tshe\tPRON\tPRP\t_\t9\tnsubj\t9:nsubj\t_\n" +
	"9\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t0:root\tSpaceAfter=No\n" +
	"10\t.\t.\tPUNCT\t.\t_\t9\tpunct\t9:punct\t_\n" +
	"\n"

func TestReadSample(t *testing.T) {
	ss, err := ReadAll(strings.NewReader(sample + "\n\n" + "1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != 2 {
		t.Fatalf("got %d sentences, want 2", len(ss))
	}
	s := ss[0]
	if s.ID() != "t-1" || s.Text() != "“We don’t know,” she said." {
		t.Errorf("comments: id %q text %q", s.ID(), s.Text())
	}
	if len(s.Tokens) != 10 || len(s.MultiWords) != 1 {
		t.Fatalf("got %d tokens %d multiwords", len(s.Tokens), len(s.MultiWords))
	}
	if tok := s.Tokens[8]; tok.Form != "said" || tok.Head != 0 || tok.Deprel != "root" || tok.Lemma != "say" {
		t.Errorf("token 9 = %+v", tok)
	}
	var b strings.Builder
	s.Surface(func(form string, first, last int, space bool) {
		b.WriteString(form)
		if space {
			b.WriteByte(' ')
		}
	})
	if got := strings.TrimSpace(b.String()); got != s.Text() {
		t.Errorf("surface %q, want %q", got, s.Text())
	}
	if ss[1].Line != 18 || ss[1].Tokens[0].Form != "Hi" {
		t.Errorf("second sentence %+v", ss[1])
	}
}

func TestRoundTrip(t *testing.T) {
	ss, err := ReadAll(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, ss); err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(sample, "5.1\tknow\tknow\tVERB\tVB\t_\t_\t_\t5:conj\t_\n", "", 1)
	if buf.String() != want {
		t.Errorf("round trip:\n%s\nwant:\n%s", buf.String(), want)
	}
}

func TestErrors(t *testing.T) {
	const ok = "1\tA\ta\tDET\tDT\t_\t2\tdet\t_\t_\n2\tb\tb\tNOUN\tNN\t_\t0\troot\t_\t_\n"
	for _, tc := range []struct {
		name, in string
		line     int
		msg      string
	}{
		{"few columns", "1\tA\ta\tDET\n", 1, "4 columns"},
		{"many columns", "1\tA\ta\tDET\tDT\t_\t0\troot\t_\t_\textra\n", 1, "more than 10"},
		{"bad id", "x\tA\ta\tDET\tDT\t_\t0\troot\t_\t_\n", 1, "bad id"},
		{"out of sequence", "# c\n2\tA\ta\tDET\tDT\t_\t0\troot\t_\t_\n", 2, "out of sequence"},
		{"bad head", "1\tA\ta\tDET\tDT\t_\tx\troot\t_\t_\n", 1, "bad head"},
		{"negative head", "1\tA\ta\tDET\tDT\t_\t-3\troot\t_\t_\n", 1, "bad head"},
		{"head beyond", "1\tA\ta\tDET\tDT\t_\t7\troot\t_\t_\n", 1, "beyond the last word"},
		{"bad range", "2-1\tAb\t_\t_\t_\t_\t_\t_\t_\t_\n", 1, "bad multiword"},
		{"range gap", ok + "\n3-4\tAb\t_\t_\t_\t_\t_\t_\t_\t_\n", 4, "does not start"},
		{"range beyond", "1-3\tAb\t_\t_\t_\t_\t_\t_\t_\t_\n" + ok, 1, "beyond the last word"},
		{"comment inside", "1\tA\ta\tDET\tDT\t_\t0\troot\t_\t_\n# c\n", 2, "comment inside"},
		{"only comments", "# c\n\n", 1, "without words"},
		{"empty form", "1\t\ta\tDET\tDT\t_\t0\troot\t_\t_\n", 1, "empty form"},
		{"bad empty node", "1\tA\ta\tDET\tDT\t_\t0\troot\t_\t_\n1.x\tA\t_\t_\t_\t_\t_\t_\t_\t_\n", 2, "empty node"},
		{"second sentence", ok + "\n" + ok + "\n1\tA\n", 7, "columns"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadAll(strings.NewReader(tc.in))
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("err = %v, want a *SyntaxError", err)
			}
			if se.Line != tc.line || !strings.Contains(se.Msg, tc.msg) {
				t.Errorf("err = %v, want line %d and %q", err, tc.line, tc.msg)
			}
		})
	}
}

func TestLongLine(t *testing.T) {
	in := "1\t" + strings.Repeat("a", MaxLineBytes+10) + "\ta\tX\tX\t_\t0\troot\t_\t_\n"
	_, err := ReadAll(strings.NewReader(in))
	var se *SyntaxError
	if !errors.As(err, &se) || se.Line != 1 {
		t.Fatalf("err = %v, want a syntax error on line 1", err)
	}
}

func TestNextAfterError(t *testing.T) {
	r := NewReader(strings.NewReader("bad\n\n1\tA\ta\tX\tX\t_\t0\troot\t_\t_\n"))
	_, err1 := r.Next()
	_, err2 := r.Next()
	if err1 == nil || err1 != err2 {
		t.Errorf("errors %v then %v, want the same error twice", err1, err2)
	}
	r = NewReader(strings.NewReader("\n\n"))
	if _, err := r.Next(); err != io.EOF {
		t.Errorf("empty input: %v, want io.EOF", err)
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte(sample))
	f.Add([]byte("1\tA\ta\tDET\tDT\t_\t2\tdet\t_\t_\n2\tb\tb\tNOUN\tNN\t_\t0\troot\t_\t_\n"))
	f.Add([]byte("1-2\tAb\t_\t_\t_\t_\t_\t_\t_\t_\n1\tA\t_\t_\t_\t_\t_\t_\t_\t_\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ss, err := ReadAll(bytes.NewReader(data))
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) || se.Line < 1 {
				t.Fatalf("error without a line: %v", err)
			}
		}
		for _, s := range ss {
			if len(s.Tokens) == 0 {
				t.Fatal("sentence without tokens")
			}
			for i, tok := range s.Tokens {
				if tok.ID != i+1 || tok.Head > len(s.Tokens) || tok.Head < -1 {
					t.Fatalf("token %+v", tok)
				}
			}
			n := 0
			s.Surface(func(form string, first, last int, _ bool) {
				if first != n || last <= first || last > len(s.Tokens) {
					t.Fatalf("surface range %d-%d after %d", first, last, n)
				}
				n = last
			})
			if n != len(s.Tokens) {
				t.Fatalf("surface covers %d of %d words", n, len(s.Tokens))
			}
			var buf bytes.Buffer
			if err := Write(&buf, []Sentence{s}); err != nil {
				t.Fatal(err)
			}
		}
	})
}
