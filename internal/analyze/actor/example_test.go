package actor_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/analyze/actor"
	"github.com/dateline-news/dateline/internal/analyze/ner"
	"github.com/dateline-news/dateline/internal/analyze/parse"
	"github.com/dateline-news/dateline/internal/analyze/segment"
	"github.com/dateline-news/dateline/internal/analyze/tag"
	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/repotest"
	"github.com/dateline-news/dateline/internal/resolve"
)

// core runs segment, tag, parse and ner on a text report; the tagger,
// parser and recogniser are used when their models load, and skipped (tag,
// parse) or the test skipped (ner) when not.
func core(t testing.TB, text string, published time.Time) *dateline.Document {
	t.Helper()
	doc, err := article.Extract(&dateline.Page{Body: []byte(text), Format: dateline.FormatText}, article.Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc.Published = published
	ctx := context.Background()
	if err := segment.New().Run(ctx, doc); err != nil {
		t.Fatal(err)
	}
	if tg, err := tag.Load(); err == nil {
		if err := tg.Run(ctx, doc); err != nil {
			t.Fatal(err)
		}
		if ps, err := parse.Load(); err == nil {
			if err := ps.Run(ctx, doc); err != nil {
				t.Fatal(err)
			}
		} else {
			t.Logf("no parser: %v", err)
		}
	} else {
		t.Logf("no tagger: %v", err)
	}
	rec, err := ner.Load()
	if err != nil {
		t.Skipf("NER model: %v", err)
	}
	if err := rec.Run(ctx, doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// The knowledge base of internal/resolve is what the pass consults.
var _ actor.KB = (*resolve.KB)(nil)

// loadKB reads the embedded knowledge base once per test binary.
var loadKB = sync.OnceValues(resolve.Load)

func kb(t testing.TB) *resolve.KB {
	t.Helper()
	k, err := loadKB()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func dump(doc *dateline.Document) string {
	var b strings.Builder
	for i, a := range doc.Actors {
		fmt.Fprintf(&b, "%d %s %q %s %s %q:", i, a.ID, a.Name, a.Type, a.Code, a.Role)
		for _, mi := range a.Mentions {
			m := doc.Mentions[mi]
			fmt.Fprintf(&b, " %q", m.In(doc.Text))
			if m.Role != "" {
				fmt.Fprintf(&b, "[%s]", m.Role)
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// TestExampleArticle runs the language core and the pass over the example
// article (published 2025-08-15) and checks the actors of expected.md.
func TestExampleArticle(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(repotest.Root(t), "testdata", "examples", "alaska-summit.txt"))
	if err != nil {
		t.Fatal(err)
	}
	doc := core(t, string(b), time.Date(2025, 8, 15, 0, 0, 0, 0, time.UTC))
	if err := actor.New(kb(t)).Run(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	checkLayers(t, doc)
	if testing.Verbose() {
		t.Log("\n" + dump(doc))
	}
	byID := map[dateline.ActorID]int{}
	for i, a := range doc.Actors {
		if _, dup := byID[a.ID]; dup {
			t.Errorf("two actors %s", a.ID)
		}
		byID[a.ID] = i
	}
	// Each actor with its code, role and mentions that must be among its
	// mentions (text[role]).
	for _, w := range []struct {
		id, code, role string
		mentions       []string
	}{
		{"person/donald-trump", "USAGOV", "President of the United States", []string{"Trump", "Donald Trump", "he", "He", "the two leaders[member]", "The US and Russian presidents[member]"}},
		{"person/vladimir-putin", "RUSGOV", "President of Russia", []string{"Putin", "Vladimir Putin", "the two leaders[member]", "The US and Russian presidents[member]", "they[member]"}},
		{"person/volodymyr-zelenskyy", "UKRGOV", "President of Ukraine", []string{"Volodymyr Zelenskyy", "Volodymyr Zelensky", "Zelenskyy", "The Ukrainian president", "his"}},
		{"gpe/united-states", "USA", "", []string{"America", "U.S.[attribute]", "US[attribute]", "the Trump administration[government]"}},
		{"gpe/russia", "RUS", "", []string{"Russia", "Russian[attribute]", "Moscow[capital-for-government]"}},
		{"gpe/ukraine", "UKR", "", []string{"Ukraine", "Ukrainian[attribute]", "Kyiv[capital-for-government]"}},
		{"gpe/washington", "USA", "", []string{"Washington[place]"}},
		{"org/nato", "IGOWSTNAT", "", []string{"NATO"}},
	} {
		i, ok := byID[dateline.ActorID(w.id)]
		if !ok {
			t.Errorf("no actor %s", w.id)
			continue
		}
		a := doc.Actors[i]
		if a.Code != w.code || a.Role != w.role {
			t.Errorf("%s: code %s role %q, want %s %q", w.id, a.Code, a.Role, w.code, w.role)
		}
		have := map[string]bool{}
		for _, mi := range a.Mentions {
			m := doc.Mentions[mi]
			s := m.In(doc.Text)
			if m.Role != "" {
				s += "[" + m.Role + "]"
			}
			have[s] = true
		}
		for _, m := range w.mentions {
			if !have[m] {
				t.Errorf("%s: no mention %s", w.id, m)
			}
		}
	}
	// Trump is never a place; Washington as a destination is not the
	// United States; the pronoun in "he and Russia’s Vladimir Putin" is
	// Trump; "The Ukrainian president" is Zelenskyy.
	for _, m := range doc.Mentions {
		s := m.In(doc.Text)
		if strings.Contains(s, "Trump") && m.Type != dateline.EntPerson && m.Type != dateline.EntNom {
			t.Errorf("%q typed %s", s, m.Type)
		}
	}
	expectAt(t, doc, "said that he and Russia", "he", "person/donald-trump")
	expectAt(t, doc, "The Ukrainian president has", "The Ukrainian president", "person/volodymyr-zelenskyy")
	expectAt(t, doc, "travel to Washington", "Washington", "gpe/washington")
	expectAt(t, doc, "concessions from Moscow", "Moscow", "gpe/russia")
	expectAt(t, doc, "with Kyiv insisting", "Kyiv", "gpe/ukraine")
}

// expectAt checks that the mention of word inside the first occurrence of
// context belongs to actor id.
func expectAt(t *testing.T, doc *dateline.Document, context, word, id string) {
	t.Helper()
	at := strings.Index(doc.Text, context)
	if at < 0 {
		t.Fatalf("%q not in the text", context)
	}
	start := int32(at + strings.Index(context, word))
	for _, m := range doc.Mentions {
		if m.Start == start && m.End == start+int32(len(word)) {
			if m.Actor < 0 || string(doc.Actors[m.Actor].ID) != id {
				got := "none"
				if m.Actor >= 0 {
					got = string(doc.Actors[m.Actor].ID)
				}
				t.Errorf("%q in %q: actor %s, want %s", word, context, got, id)
			}
			return
		}
	}
	t.Errorf("%q in %q: no mention", word, context)
}

// checkLayers checks the invariants of the layers the pass writes: spans
// in bounds and sorted, actor indexes valid, each actor's mentions pointing
// back to it.
func checkLayers(t *testing.T, doc *dateline.Document) {
	t.Helper()
	for i, m := range doc.Mentions {
		if !m.Valid(len(doc.Text)) {
			t.Fatalf("mention %d out of bounds: %+v", i, m)
		}
		if i > 0 && doc.Mentions[i-1].Start > m.Start {
			t.Fatalf("mentions not sorted at %d", i)
		}
		if m.Actor >= len(doc.Actors) || m.Actor < -1 {
			t.Fatalf("mention %d: actor %d of %d", i, m.Actor, len(doc.Actors))
		}
	}
	for ai, a := range doc.Actors {
		if a.ID == "" || a.Name == "" || a.Type == "" || len(a.Mentions) == 0 {
			t.Errorf("actor %d incomplete: %+v", ai, a)
		}
		for _, mi := range a.Mentions {
			if mi < 0 || mi >= len(doc.Mentions) || doc.Mentions[mi].Actor != ai {
				t.Fatalf("actor %d: mention %d does not point back", ai, mi)
			}
		}
	}
}
