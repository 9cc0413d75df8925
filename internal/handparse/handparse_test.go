package handparse

import (
	"strings"
	"testing"

	"github.com/dateline-news/dateline"
)

func TestDoc(t *testing.T) {
	doc, err := Doc(`
Ruritania Ruritania PROPN/NNP 2 nsubj GPE RUR
warned warn VERB 0 root

Zenda’s Zenda PROPN/NNP 2 obj GPE ZEN`)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Text != "Ruritania warned Zenda’s" {
		t.Fatalf("text %q", doc.Text)
	}
	want := []dateline.Token{
		{Span: dateline.Span{Start: 0, End: 9}, Lemma: "Ruritania", UPOS: "PROPN", XPOS: "NNP", Head: 1, Dep: "nsubj"},
		{Span: dateline.Span{Start: 10, End: 16}, Lemma: "warn", UPOS: "VERB", Head: -1, Dep: "root"},
		{Span: dateline.Span{Start: 17, End: 26}, Lemma: "Zenda", UPOS: "PROPN", XPOS: "NNP", Head: 1, Dep: "obj"},
	}
	if len(doc.Tokens) != len(want) {
		t.Fatalf("%d tokens", len(doc.Tokens))
	}
	for i, w := range want {
		if doc.Tokens[i] != w {
			t.Errorf("token %d = %+v, want %+v", i, doc.Tokens[i], w)
		}
	}
	if len(doc.Mentions) != 2 || doc.Mentions[1].Span != want[2].Span || doc.Mentions[1].Actor != 1 {
		t.Errorf("mentions %+v", doc.Mentions)
	}
	if len(doc.Actors) != 2 || doc.Actors[1].Code != "ZEN" || doc.Actors[1].Type != "GPE" {
		t.Errorf("actors %+v", doc.Actors)
	}
	s := doc.Sentences[0]
	if s.Span != (dateline.Span{Start: 0, End: 26}) || s.Tokens != [2]int32{0, 3} || doc.Blocks[0].Span != s.Span {
		t.Errorf("sentence %+v, block %+v", s, doc.Blocks[0])
	}
}

func TestDocErrors(t *testing.T) {
	for _, tc := range []struct{ rows, want string }{
		{"a a DET 2 det\nb", "line 2: 1 fields"},
		{"a a DET x det", `line 1: bad head "x"`},
		{"a a DET -1 det", `line 1: bad head "-1"`},
		{"a a DET 2 det", "head 2 past the last token"},
		{"a a DET 0 root GPE", "6 fields"},
	} {
		_, err := Doc(tc.rows)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Doc(%q) = %v, want an error with %q", tc.rows, err, tc.want)
		}
	}
}
