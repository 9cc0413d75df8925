package ner

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/repotest"
)

// TestExampleArticle checks the expectations on the example
// article (the repo copy under testdata/examples).
func TestExampleArticle(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(repotest.Root(t), "testdata", "examples", "alaska-summit.txt"))
	if err != nil {
		t.Fatal(err)
	}
	doc := testDoc(string(b))
	if err := recognizer(t).Run(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	checkMentions(t, doc)
	want := map[string]string{
		"Trump": "PERSON", "Putin": "PERSON", "Zelenskyy": "PERSON", "Zelensky": "PERSON",
		"Russia": "GPE", "Ukraine": "GPE", "US": "GPE", "U.S.": "GPE", "America": "GPE",
		"Moscow": "GPE", "Kyiv": "GPE", "Washington": "GPE",
		"NATO":    "ORG",
		"Russian": "NORP", "Ukrainian": "NORP", "European": "NORP",
	}
	seen := map[string]int{}
	for _, tk := range doc.Tokens {
		w := tk.In(doc.Text)
		typ, ok := want[w]
		if !ok {
			continue
		}
		seen[w]++
		m := mentionAt(doc, tk.Span)
		switch {
		case m == nil:
			t.Errorf("%q at %d: no mention (%s)", w, tk.Start, context40(doc.Text, tk.Span))
		case m.Type != typ:
			t.Errorf("%q at %d: in %s %q, want %s (%s)", w, tk.Start, m.Type, m.In(doc.Text), typ, context40(doc.Text, tk.Span))
		}
	}
	for w := range want {
		if seen[w] == 0 {
			t.Errorf("%q: not in the article's tokens", w)
		}
	}
	// The section headings are not entities (a name inside one may be).
	for _, h := range []string{"High Stakes, Limited Results", "Zelenskyy’s Strategic Response", "International Implications"} {
		at := strings.Index(doc.Text, h)
		if at < 0 {
			t.Fatalf("heading %q not found", h)
		}
		hs := dateline.Span{Start: int32(at), End: int32(at + len(h))}
		for _, m := range doc.Mentions {
			if m.Overlaps(hs) && m.In(doc.Text) != "Zelenskyy" {
				t.Errorf("heading %q: mention %s %q", h, m.Type, m.In(doc.Text))
			}
		}
	}
}

func mentionAt(doc *dateline.Document, s dateline.Span) *dateline.Mention {
	for i := range doc.Mentions {
		if doc.Mentions[i].Contains(s) {
			return &doc.Mentions[i]
		}
	}
	return nil
}

func context40(text string, s dateline.Span) string {
	lo, hi := max(0, int(s.Start)-20), min(len(text), int(s.End)+20)
	return strings.ReplaceAll(text[lo:hi], "\n", " ")
}

// checkMentions checks the layer's invariants: spans in bounds, on token
// boundaries, sorted, disjoint, unresolved.
func checkMentions(t *testing.T, doc *dateline.Document) {
	t.Helper()
	starts, ends := map[int32]bool{}, map[int32]bool{}
	for _, tk := range doc.Tokens {
		starts[tk.Start], ends[tk.End] = true, true
	}
	for i, m := range doc.Mentions {
		if !m.Valid(len(doc.Text)) || m.Start >= m.End {
			t.Fatalf("mention %d: span %v out of bounds (%d)", i, m.Span, len(doc.Text))
		}
		if !starts[m.Start] || !ends[m.End] {
			t.Errorf("mention %d %q: not on token boundaries", i, m.In(doc.Text))
		}
		if i > 0 && m.Start < doc.Mentions[i-1].End {
			t.Errorf("mention %d %q: overlaps or precedes the previous one", i, m.In(doc.Text))
		}
		if m.Actor != -1 {
			t.Errorf("mention %d: actor %d, want -1", i, m.Actor)
		}
		switch m.Type {
		case dateline.EntPerson, dateline.EntOrg, dateline.EntGPE, dateline.EntLoc, dateline.EntNORP, dateline.EntEvent, dateline.EntMisc:
		default:
			t.Errorf("mention %d: type %q", i, m.Type)
		}
	}
}
