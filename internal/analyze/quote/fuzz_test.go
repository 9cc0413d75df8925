package quote

import (
	"context"
	"strings"
	"testing"

	"github.com/dateline-news/dateline"
)

// FuzzQuoteMarks feeds quote-mark soup and unbalanced nesting to the pass
// (patterns only, and the model when it is embedded): it must never panic
// and its spans must stay in bounds and sorted.
func FuzzQuoteMarks(f *testing.F) {
	for _, s := range []string{
		"“A ‘b” c’ d”", "\"\"\"'''", "«“‘’”»", "“\n“\n“", "” said he “", "’s ‘’ ‘",
		"He said “yes.\n\n“No,” she said, ‘maybe’ – «oui».", "according to", "“x,” said", "— Smith\n“",
		"Hugh Hill, a doctor, said: “It is bad.”", "\xff“\xfe”",
	} {
		f.Add(s)
	}
	withModel, _ := Load()
	passes := []*Attributor{New(nil)}
	if withModel != nil {
		passes = append(passes, withModel)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 4096 {
			return
		}
		for _, p := range passes {
			doc := segmented(t, text, false, "said=PERSON")
			if err := p.Run(context.Background(), doc); err != nil {
				t.Fatal(err)
			}
			checkQuotes(t, doc)
			for _, d := range doc.Diags {
				if !d.Span.Valid(len(text)) {
					t.Fatalf("diagnostic out of bounds: %+v", d)
				}
			}
		}
	})
}

// TestInvariantsMultibyte runs the pass over text full of multi-byte marks
// and dashes, with and without a layout.
func TestInvariantsMultibyte(t *testing.T) {
	text := strings.Repeat("“Ça va – très bien,” dit-elle. ‘Non’ – «peut-être». Kyiv’s ‘deal’ — Smith said: “Fine.”\n", 5)
	for _, blocks := range []bool{true, false} {
		doc := segmented(t, text, false, "Smith=PERSON", "Kyiv=GPE")
		if !blocks {
			doc.Blocks = nil
		}
		if err := New(nil).Run(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		checkQuotes(t, doc)
		if len(doc.Quotes) == 0 {
			t.Errorf("blocks %v: no quotes", blocks)
		}
	}
	// Skipped blocks: nothing from a credit or boilerplate line.
	doc := segmented(t, "Related: “Putin says war” is here\nHe said “no”.", false)
	doc.Blocks[0].Kind = dateline.BlockBoilerplate
	if err := New(nil).Run(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	for _, q := range doc.Quotes {
		if q.Start < doc.Blocks[1].Start {
			t.Errorf("quote from a boilerplate block: %q", q.In(doc.Text))
		}
	}
	if len(doc.Quotes) != 1 {
		t.Errorf("got %d quotes, want 1: %q", len(doc.Quotes), describe(doc))
	}
	// No tokens: a diagnostic, no quotes.
	doc = &dateline.Document{Text: "“Hello,” he said."}
	if err := New(nil).Run(context.Background(), doc); err != nil || len(doc.Quotes) != 0 || len(doc.Diags) != 1 {
		t.Errorf("untokenised: err %v, %d quotes, %d diags", err, len(doc.Quotes), len(doc.Diags))
	}
}

// TestOddLayers runs the pass over layers other passes could leave odd:
// tokens without sentences, heads that loop or point outside, sentences
// with token ranges out of bounds, mentions that straddle tokens.
func TestOddLayers(t *testing.T) {
	text := "“It is over,” the minister said. — Ana Ruiz\nWALLACE: He said no, according to aides, and called it a “farce”."
	withModel, _ := Load()
	for _, p := range []*Attributor{New(nil), withModel} {
		if p == nil {
			continue
		}
		for variant := range 5 {
			doc := segmented(t, text, false, "Ana Ruiz=PERSON", "nister sa=ORG")
			switch variant {
			case 1:
				doc.Sentences = nil
			case 2:
				for i := range doc.Tokens {
					doc.Tokens[i].Head, doc.Tokens[i].Dep = int32((i+1)%len(doc.Tokens)), "nsubj"
				}
			case 3:
				for i := range doc.Tokens {
					doc.Tokens[i].Head, doc.Tokens[i].Dep, doc.Tokens[i].UPOS = int32(1000+i), "ccomp", "VERB"
				}
			case 4:
				doc.Sentences[0].Tokens = [2]int32{-5, 1000}
			}
			if err := p.Run(context.Background(), doc); err != nil {
				t.Fatal(err)
			}
			checkQuotes(t, doc)
		}
	}
}

// FuzzParsedLayers runs the pass over text whose tokens carry arbitrary
// tags and dependency arcs (loops, arcs out of the sentence or the text):
// the pairing rules that read the parse must never panic and the spans
// must stay in bounds.
func FuzzParsedLayers(f *testing.F) {
	f.Add("“We won,” says a source close to Lee. He said he won and added, “Fine.”", []byte{5, 0, 1, 2, 200, 7, 3, 3, 9, 1})
	f.Add("Lee’s claim, aides said, was false; asked about it, Ruiz left.", []byte{255, 254, 0, 0, 1})
	f.Add("The loss led Ms. Gil to announce a run, a poll shows.", []byte{2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2})
	withModel, _ := Load()
	passes := []*Attributor{New(nil)}
	if withModel != nil {
		passes = append(passes, withModel)
	}
	deps := []string{"nsubj", "nsubj:pass", "obj", "ccomp", "xcomp", "conj", "advcl", "acl:relcl", "nmod:poss", "aux", "aux:pass", "mark", "case", "root", "punct", ""}
	upos := []string{"VERB", "NOUN", "PROPN", "PRON", "ADP", "DET", "AUX", "PUNCT", "ADJ", ""}
	xpos := []string{"VBD", "VBZ", "VBP", "VBN", "VBG", "VB", "NN", "NNP", "PRP", "IN", "MD", ""}
	f.Fuzz(func(t *testing.T, text string, arcs []byte) {
		if len(text) > 2048 || len(arcs) == 0 {
			return
		}
		for _, p := range passes {
			doc := segmented(t, text, false, "Lee=PERSON")
			for i := range doc.Tokens {
				b := arcs[i%len(arcs)]
				tk := &doc.Tokens[i]
				tk.Head = int32(i) + int32(int8(b))/8 // near arcs, loops and arcs out of range
				tk.Dep, tk.UPOS, tk.XPOS = deps[int(b)%len(deps)], upos[int(b)/3%len(upos)], xpos[int(b)/7%len(xpos)]
			}
			if err := p.Run(context.Background(), doc); err != nil {
				t.Fatal(err)
			}
			checkQuotes(t, doc)
		}
	})
}
