package postgres

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dateline-news/dateline"
)

func TestQuery(t *testing.T) {
	f := newFolder()
	for _, tc := range []struct{ in, want string }{
		{"anchorage", `'anchorage'`},
		{"ANCHORAGE Ceasefire", `'anchorage' & 'ceasefire'`},
		{`"three hours"`, `('three' <-> 'hours')`},
		{`“made progress” grain`, `('made' <-> 'progress') & 'grain'`},
		{"Odesa’s", `('odesa' <-> 's')`},
		{"Zürich café Dvořák", `'zurich' & 'cafe' & 'dvorak'`},
		{"Київ", `'киів'`},
		{"AND OR NOT", `'and' & 'or' & 'not'`},
		{"(backup) wildcard* -port +x ^y", `'backup' & 'wildcard' & 'port' & 'x' & 'y'`},
		{`"unclosed phrase`, `('unclosed' <-> 'phrase')`},
		{`a"b"c`, `'a' & 'b' & 'c'`},
		{"'; DROP TABLE documents; --", `'drop' & 'table' & 'documents'`},
		{"port\x00grain", `'port' & 'grain'`},
		{"AND/OR", `('and' <-> 'or')`},
		{"2025 covid19", `'2025' & 'covid19'`},
		{"", ``}, {"   ", ``}, {"*", ``}, {`"`, ``}, {"–—…💥", ``}, {"\xff\xfe", ``},
	} {
		if got := f.parseQuery(tc.in).tsquery(); got != tc.want {
			t.Errorf("parseQuery(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
	if q := f.parseQuery(strings.Repeat("port ", 500)); len(q) != maxQueryTerms {
		t.Errorf("500 terms kept %d, want %d", len(q), maxQueryTerms)
	}
}

func TestVector(t *testing.T) {
	f := newFolder()
	for _, tc := range []struct {
		title, text string
		cuts        []int32
		want        string
	}{
		{"Summit ends", "Talks end. Talks resume.", nil, `'summit':1A 'ends':2A 'talks':4,6 'end':5 'resume':7`},
		{"", "Café – “Zürich’s” best", nil, `'cafe':2 'zurich':3 's':4 'best':5`},
		{"", "Keep this. Related: drop that. Keep", []int32{11, 30}, `'keep':2,4 'this':3`},
		{"", "", nil, ``},
	} {
		if got := f.vector(tc.title, tc.text, tc.cuts); got != tc.want {
			t.Errorf("vector(%q, %q) = %s\nwant %s", tc.title, tc.text, got, tc.want)
		}
	}
	// Long texts: positions stop at the limit, a lexeme keeps at most 255.
	long := strings.Repeat("harbour strike ", 20000)
	v := f.vector("", long, nil)
	if strings.Count(v, ",") > 2*maxPositions || strings.Contains(v, "16384") || len(v) > maxVectorBytes {
		t.Errorf("vector of a long text is out of PostgreSQL's limits: %d bytes", len(v))
	}
}

func TestSnippet(t *testing.T) {
	f := newFolder()
	text := "Leaders’ summit ends\n\nPhoto: Jane Roe\n\nThe “talks” ended on Friday in Anchorage, where the two presidents met for three hours and agreed on nothing at all today."
	credit := strings.Index(text, "Photo")
	flat := []int32{int32(credit), int32(credit + len("Photo: Jane Roe"))}
	for _, tc := range []struct{ q, want string }{
		{"presidents", "…Anchorage, where the two presidents met for three hours and agreed on nothing at all today"},
		{"summit", "Leaders’ summit ends The “talks” ended on Friday in Anchorage, where the two presidents met for…"},
		{"penguin", "Leaders’ summit ends The “talks” ended on Friday in Anchorage, where the two presidents met for…"},
	} {
		got := f.snippet("Title", text, flat, f.parseQuery(tc.q))
		if got != tc.want {
			t.Errorf("snippet(%q) = %q\nwant %q", tc.q, got, tc.want)
		}
		if strings.Contains(got, "Jane") {
			t.Errorf("snippet(%q) shows the credit: %q", tc.q, got)
		}
	}
	if got := f.snippet("Only a title", "", nil, f.parseQuery("title")); got != "Only a title" {
		t.Errorf("snippet of an empty text = %q", got)
	}
}

func TestCuts(t *testing.T) {
	doc := &dateline.Document{Text: "abcdefghij", Blocks: []dateline.Block{
		{Span: dateline.Span{Start: 0, End: 3}, Kind: dateline.BlockParagraph},
		{Span: dateline.Span{Start: 3, End: 5}, Kind: dateline.BlockCredit},
		{Span: dateline.Span{Start: 5, End: 7}, Kind: dateline.BlockBoilerplate},
		{Span: dateline.Span{Start: 8, End: 10}, Kind: dateline.BlockByline},
	}}
	if got := flatCuts(doc.Asides()); !equal(got, []int32{3, 7, 8, 10}) {
		t.Errorf("cuts = %v", got)
	}
	doc.Blocks[1].Span = dateline.Span{Start: 2, End: 40} // malformed: nothing is cut
	if got := doc.Asides(); got != nil {
		t.Errorf("cuts of malformed blocks = %v, want none", got)
	}
}

func equal(a, b []int32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// FuzzQuery: any input is a valid tsquery literal of words, or nothing.
func FuzzQuery(f *testing.F) {
	for _, s := range []string{"port", `"three hours"`, "Odesa’s", "AND/OR", "(", `\'`, "\xff", "Київ"} {
		f.Add(s)
	}
	fo := newFolder()
	f.Fuzz(func(t *testing.T, in string) {
		q := fo.parseQuery(in)
		if len(q) > maxQueryTerms {
			t.Fatalf("%d terms", len(q))
		}
		lit := q.tsquery()
		if !utf8.ValidString(lit) || strings.ContainsRune(lit, 0) {
			t.Fatalf("tsquery %q is not storable text", lit)
		}
		for _, term := range q {
			for _, w := range term {
				if w == "" || strings.ContainsAny(w, `'\ `) {
					t.Fatalf("lexeme %q", w)
				}
			}
		}
	})
}

// FuzzVector: any title and text give a vector within the limits, and a
// snippet of valid text.
func FuzzVector(f *testing.F) {
	f.Add("Title", "Body – “text”", "body")
	f.Add("", "\xff\x00é\u0301", "e")
	fo := newFolder()
	f.Fuzz(func(t *testing.T, title, text, q string) {
		v := fo.vector(title, text, nil)
		if len(v) > maxVectorBytes+maxLexemeBytes || !utf8.ValidString(v) {
			t.Fatalf("vector of %d bytes, valid %v", len(v), utf8.ValidString(v))
		}
		if s := fo.snippet(title, text, nil, fo.parseQuery(q)); !utf8.ValidString(s) {
			t.Fatalf("snippet %q", s)
		}
	})
}
