package web

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/dateline-news/dateline"
)

// notation writes regions compactly: kind{...} per region, blank text as
// is, [id:...] per piece of a mark, with < when the piece is a continuation
// and > when the mark goes on after it.
func notation(regions []region) string {
	var b strings.Builder
	var walk func([]*node)
	walk = func(ns []*node) {
		for _, n := range ns {
			if n.Mark == nil {
				b.WriteString(n.Text)
				continue
			}
			b.WriteString("[" + n.Mark.ID)
			if !n.First {
				b.WriteString("<")
			}
			if !n.Last {
				b.WriteString(">")
			}
			b.WriteString(":")
			walk(n.Kids)
			b.WriteString("]")
		}
	}
	for _, r := range regions {
		if r.Blank {
			b.WriteString(r.Text)
			continue
		}
		b.WriteString(r.Kind + "{")
		walk(r.Nodes)
		b.WriteString("}")
	}
	return b.String()
}

type tmark struct {
	id         string
	start, end int32
	rank       int
}

func para(start, end int32) dateline.Block {
	return dateline.Block{Span: dateline.Span{Start: start, End: end}, Kind: dateline.BlockParagraph}
}

func TestLayout(t *testing.T) {
	for _, tc := range []struct {
		name   string
		text   string
		blocks []dateline.Block
		marks  []tmark
		want   string
		bad    int
	}{
		{"plain", "abc", []dateline.Block{para(0, 3)}, nil, "paragraph{abc}", 0},
		{"empty text", "", nil, nil, "", 0},
		{"no blocks", "ab cd", nil, []tmark{{"A", 3, 5, 0}}, "text{ab [A:cd]}", 0},
		{"nested", "Putin met Trump", []dateline.Block{para(0, 15)}, []tmark{{"A", 0, 15, 0}, {"B", 0, 5, 0}, {"C", 10, 15, 0}},
			"paragraph{[A:[B:Putin] met [C:Trump]]}", 0},
		{"inner first in the list", "Putin met Trump", []dateline.Block{para(0, 15)}, []tmark{{"B", 0, 5, 0}, {"A", 0, 15, 0}},
			"paragraph{[A:[B:Putin] met Trump]}", 0},
		{"same span by rank", "Malta", []dateline.Block{para(0, 5)}, []tmark{{"m", 0, 5, rankMention}, {"dl", 0, 5, rankDateline}, {"t", 0, 5, rankTime}},
			"paragraph{[dl:[m:[t:Malta]]]}", 0},
		{"crossing", "abcdefghi", []dateline.Block{para(0, 9)}, []tmark{{"A", 0, 6, 0}, {"B", 3, 9, 0}},
			"paragraph{[A:abc[B>:def]][B<:ghi]}", 0},
		{"crossing three", "abcdefgh", []dateline.Block{para(0, 8)}, []tmark{{"A", 0, 4, 0}, {"B", 2, 6, 0}, {"C", 3, 8, 0}},
			"paragraph{[A:ab[B>:c[C>:d]]][B<:[C<>:ef]][C<:gh]}", 0},
		{"adjacent", "abcdef", []dateline.Block{para(0, 6)}, []tmark{{"A", 0, 3, 0}, {"B", 3, 6, 0}}, "paragraph{[A:abc][B:def]}", 0},
		{"across blocks", "ab\ncd", []dateline.Block{para(0, 2), para(3, 5)}, []tmark{{"A", 1, 4, 0}},
			"paragraph{a[A>:b]}\nparagraph{[A<:c]d}", 0},
		{"only in the blank gap", "ab\ncd", []dateline.Block{para(0, 2), para(3, 5)}, []tmark{{"A", 2, 3, 0}},
			"paragraph{ab}\nparagraph{cd}", 0},
		{"gap with text", "ab cd", []dateline.Block{para(0, 2)}, []tmark{{"A", 1, 4, 0}}, "paragraph{a[A>:b]}gap{[A<: c]d}", 0},
		{"leading gap", "xx\nab", []dateline.Block{para(3, 5)}, nil, "gap{xx\n}paragraph{ab}", 0},
		{"unsorted blocks", "ab\ncd", []dateline.Block{para(3, 5), {Span: dateline.Span{End: 2}, Kind: dateline.BlockHeading}}, nil,
			"heading{ab}\nparagraph{cd}", 0},
		{"overlapping blocks clipped", "abcdef", []dateline.Block{para(0, 4), para(2, 6)}, nil, "paragraph{abcd}paragraph{ef}", 0},
		{"block inside block dropped", "abcdef", []dateline.Block{para(0, 6), para(2, 4)}, nil, "paragraph{abcdef}", 1},
		{"block out of bounds", "abc", []dateline.Block{para(0, 9)}, nil, "text{abc}", 1},
		{"negative block", "abc", []dateline.Block{para(-1, 2), para(2, 3)}, nil, "gap{ab}paragraph{c}", 1},
		{"block cuts a character", "a’b", []dateline.Block{para(0, 2), para(4, 5)}, nil, "gap{a’}paragraph{b}", 1},
		{"multi-byte", "“Zelenskyy’s” – ok", []dateline.Block{para(0, 26)}, []tmark{{"A", 3, 16, 0}, {"B", 16, 19, 0}},
			"paragraph{“[A:Zelenskyy’s][B:”] – ok}", 0},
		{"unknown kind", "ab", []dateline.Block{{Span: dateline.Span{End: 2}, Kind: "Pull Quote!"}}, nil, "pull-quote{ab}", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var marks []*mark
			for _, m := range tc.marks {
				s := dateline.Span{Start: m.start, End: m.end}
				if !spanOK(s, tc.text) {
					t.Fatalf("test mark %s %v is not a usable span", m.id, s)
				}
				marks = append(marks, &mark{ID: m.id, Span: s, rank: m.rank})
			}
			sortMarks(marks)
			regions, bad := layout(tc.text, tc.blocks, marks)
			if got := notation(regions); got != tc.want || bad != tc.bad {
				t.Errorf("got  %q (%d bad blocks)\nwant %q (%d)", got, bad, tc.want, tc.bad)
			}
			checkLayout(t, tc.text, regions, marks)
		})
	}
}

// checkLayout checks the invariants of a layout: the regions cover the text
// exactly and in order; leaves hold the text; every mark's pieces cover
// exactly its bytes outside blank regions, under one first and one last piece.
func checkLayout(t testing.TB, text string, regions []region, marks []*mark) {
	t.Helper()
	type cover struct {
		bytes       []int32
		first, last int
		pieces      int
	}
	covered := make(map[*mark]*cover)
	for _, m := range marks {
		covered[m] = &cover{}
	}
	var pos int32
	var walk func(ns []*node, open []*mark)
	walk = func(ns []*node, open []*mark) {
		for _, n := range ns {
			if n.Mark == nil {
				if n.Text == "" {
					t.Errorf("empty leaf at %d", pos)
				}
				if !strings.HasPrefix(text[pos:], n.Text) {
					t.Fatalf("leaf %q at %d is not the text there", n.Text, pos)
				}
				for _, m := range open {
					for i := pos; i < pos+int32(len(n.Text)); i++ {
						covered[m].bytes = append(covered[m].bytes, i)
					}
				}
				pos += int32(len(n.Text))
				continue
			}
			c := covered[n.Mark]
			if c == nil {
				t.Fatalf("piece of an unknown mark %s", n.Mark.ID)
			}
			if slices.Contains(open, n.Mark) {
				t.Errorf("mark %s nested in itself", n.Mark.ID)
			}
			c.pieces++
			if n.First {
				c.first++
			}
			if n.Last {
				c.last++
			}
			if len(n.Kids) == 0 {
				t.Errorf("empty piece of %s", n.Mark.ID)
			}
			walk(n.Kids, append(open, n.Mark))
		}
	}
	var blank []int32
	for i, r := range regions {
		if r.Start != pos {
			t.Fatalf("region %d starts at %d, want %d", i, r.Start, pos)
		}
		if r.Blank {
			if r.Text != text[r.Start:r.End] || strings.TrimSpace(r.Text) != "" || len(r.Nodes) > 0 {
				t.Errorf("blank region %d: %q", i, r.Text)
			}
			for b := r.Start; b < r.End; b++ {
				blank = append(blank, b)
			}
			pos = r.End
			continue
		}
		walk(r.Nodes, nil)
		if pos != r.End {
			t.Errorf("region %d ends at %d, its leaves at %d", i, r.End, pos)
		}
	}
	if int(pos) != len(text) {
		t.Errorf("regions cover %d of %d bytes", pos, len(text))
	}
	for _, m := range marks {
		c := covered[m]
		var want []int32
		for b := m.Span.Start; b < m.Span.End; b++ {
			if !slices.Contains(blank, b) {
				want = append(want, b)
			}
		}
		if !slices.Equal(c.bytes, want) {
			t.Errorf("mark %s %v covers %v, want %v", m.ID, m.Span, c.bytes, want)
		}
		if len(want) > 0 && (c.first != 1 || c.last > 1) {
			t.Errorf("mark %s: %d first and %d last pieces", m.ID, c.first, c.last)
		}
	}
}

func TestSpanOK(t *testing.T) {
	text := "a’b" // ’ is bytes 1..4
	for _, tc := range []struct {
		s    dateline.Span
		want bool
	}{
		{dateline.Span{Start: 0, End: 1}, true},
		{dateline.Span{Start: 1, End: 4}, true},
		{dateline.Span{Start: 0, End: 5}, true},
		{dateline.Span{Start: 2, End: 4}, false},
		{dateline.Span{Start: 0, End: 3}, false},
		{dateline.Span{Start: 1, End: 1}, false},
		{dateline.Span{Start: 3, End: 1}, false},
		{dateline.Span{Start: -1, End: 1}, false},
		{dateline.Span{Start: 0, End: 6}, false},
	} {
		if got := spanOK(tc.s, text); got != tc.want {
			t.Errorf("spanOK(%v) = %v, want %v", tc.s, got, tc.want)
		}
	}
}

func TestShorten(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"abc", 5, "abc"},
		{"  a \n\t b  ", 5, "a b"},
		{"abcdef", 4, "abc…"},
		{"“Zelenskyy’s”", 5, "“Zel…"},
		{"ab cd", 4, "ab…"},
		{"a\xffb", 5, "a\uFFFDb"},
	} {
		if got := shorten(tc.in, tc.n); got != tc.want {
			t.Errorf("shorten(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
}

func TestCSSName(t *testing.T) {
	for in, want := range map[string]string{"PERSON": "person", "not_happened": "not-happened", "": "other",
		`"><x`: "x", "Pull Quote": "pull-quote", strings.Repeat("a", 50): strings.Repeat("a", 32)} {
		if got := cssName(in); got != want {
			t.Errorf("cssName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSnippet(t *testing.T) {
	for _, tc := range []struct{ q, snippet, want string }{
		{"", "the ferry strike", "the ferry strike"},
		{"ferry", "The Ferry strike, ferry", "The <Ferry> strike, <ferry>"},
		{`"ferry strike" OR port*`, "ferry strike at the port", "<ferry> <strike> at the <port>"},
		{"a", "a b", "a b"}, // one-letter terms are not marked
		{"Zelenskyy’s", "Zelenskyy’s envoy", "<Zelenskyy’s> envoy"},
		{"(.*)", "(.*) stays literal", "(.*) stays literal"},
	} {
		var b strings.Builder
		for _, p := range splitSnippet(tc.snippet, termMatcher(tc.q)) {
			if p.Hit {
				fmt.Fprintf(&b, "<%s>", p.Text)
			} else {
				b.WriteString(p.Text)
			}
		}
		if b.String() != tc.want {
			t.Errorf("q=%q: %q, want %q", tc.q, b.String(), tc.want)
		}
	}
}

// FuzzLayout lays out arbitrary text under arbitrary blocks and marks
// derived from data; the layout invariants must hold and nothing may panic.
func FuzzLayout(f *testing.F) {
	f.Add("Putin met Trump\nin Alaska – “today”.", []byte{0, 0, 15, 1, 16, 30, 2, 0, 5, 3, 3, 20})
	f.Add("ab\ncd", []byte{0, 0, 2, 0, 3, 5, 5, 1, 4})
	f.Add("a’b", []byte{0, 0, 3, 1, 1, 4, 1, 2, 4})
	f.Add("", []byte{1, 0, 0})
	f.Fuzz(func(t *testing.T, text string, data []byte) {
		n := len(text) + 1
		var blocks []dateline.Block
		var marks []*mark
		for i := 0; i+2 < len(data) && i < 300; i += 3 {
			s := dateline.Span{Start: int32(data[i+1])%int32(n+2) - 1, End: int32(data[i+2]) % int32(n+2)}
			if data[i]%4 == 0 {
				blocks = append(blocks, dateline.Block{Span: s, Kind: dateline.BlockParagraph})
				continue
			}
			if spanOK(s, text) {
				marks = append(marks, &mark{ID: fmt.Sprint(i), Span: s, rank: int(data[i] % 8)})
			}
		}
		sortMarks(marks)
		regions, _ := layout(text, blocks, marks)
		checkLayout(t, text, regions, marks)
	})
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "") == s }
