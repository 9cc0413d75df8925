package ner

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/dateline-news/dateline"
)

// mentions runs the pass over text and returns "TYPE text" strings.
func mentions(t *testing.T, text string) []string {
	t.Helper()
	doc := testDoc(text)
	if err := recognizer(t).Run(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	checkMentions(t, doc)
	var out []string
	for _, m := range doc.Mentions {
		out = append(out, m.Type+" "+m.In(doc.Text))
	}
	return out
}

func TestSentences(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"Angela Merkel met Emmanuel Macron in Berlin on Tuesday.", []string{"PERSON Angela Merkel", "PERSON Emmanuel Macron", "GPE Berlin"}},
		{"The International Monetary Fund cut its growth forecast for Brazil.", []string{"ORG International Monetary Fund", "GPE Brazil"}},
		{"Shares of Siemens fell 3 percent in Frankfurt after the company warned on profits.", []string{"ORG Siemens", "GPE Frankfurt"}},
		{"Canadian troops will join the NATO exercise in Latvia next month.", []string{"NORP Canadian", "ORG NATO", "GPE Latvia"}},
		{"The ship sailed from Rotterdam across the North Sea to Norway.", []string{"GPE Rotterdam", "LOC North Sea", "GPE Norway"}},
		{"French and German officials met in Brussels.", []string{"NORP French", "NORP German", "GPE Brussels"}},
		{"Many veterans of World War II attended the ceremony in London.", []string{"EVENT World War II", "GPE London"}},
		{"“We will not give up,” said Maria Kowalska, a spokeswoman for the European Commission.", []string{"PERSON Maria Kowalska", "ORG European Commission"}},
		{"Kenya’s president, William Ruto, flew to Addis Ababa – the seat of the African Union.", []string{"GPE Kenya", "PERSON William Ruto", "GPE Addis Ababa", "ORG African Union"}},
		{"The European Central Bank held rates steady, President Christine Lagarde told reporters in Frankfurt.", []string{"ORG European Central Bank", "PERSON Christine Lagarde", "GPE Frankfurt"}},
		{"Chinese President Xi Jinping and Indian Prime Minister Narendra Modi met at the BRICS summit in Johannesburg.", []string{"NORP Chinese", "PERSON Xi Jinping", "NORP Indian", "PERSON Narendra Modi", "ORG BRICS", "GPE Johannesburg"}},
		{"Brazil’s Luiz Inácio Lula da Silva criticised the IMF at the G20 meeting in Rio de Janeiro.", []string{"GPE Brazil", "PERSON Luiz Inácio Lula da Silva", "ORG IMF", "ORG G20", "GPE Rio de Janeiro"}},
		{"Putin met Trump in Anchorage on Friday.", []string{"PERSON Putin", "PERSON Trump", "GPE Anchorage"}},
		{"The committee approved the budget on Monday.", nil},
		{"Prices rose sharply in the third quarter, the statistics office said.", nil},
	} {
		got := mentions(t, c.text)
		if !slices.Equal(got, c.want) {
			t.Errorf("%s\n got %q\nwant %q", c.text, got, c.want)
		}
	}
}

// TestDocumentConsistency: a surname alone is the person named in full
// elsewhere, and a capitalised common word in a heading is not a name.
func TestDocumentConsistency(t *testing.T) {
	text := "Strong Growth Ahead\nJohn Harlow, the finance minister, said growth would be strong. Harlow spoke in Ottawa.\n"
	got := mentions(t, text)
	want := []string{"PERSON John Harlow", "PERSON Harlow", "GPE Ottawa"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestMissingLayers(t *testing.T) {
	r := recognizer(t)
	doc := &dateline.Document{Text: "Putin met Trump."}
	if err := r.Run(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Mentions) != 0 || len(doc.Diags) != 1 || doc.Diags[0].Pass != "ner" {
		t.Errorf("no tokens: mentions %v, diags %v", doc.Mentions, doc.Diags)
	}
	// tokens without sentences: read as one sentence, with a diagnostic
	doc = testDoc("Putin met Trump in Anchorage.")
	doc.Sentences = nil
	if err := r.Run(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Diags) != 1 || len(doc.Mentions) == 0 {
		t.Errorf("no sentences: mentions %v, diags %v", doc.Mentions, doc.Diags)
	}
	// broken spans are diagnosed, never a panic
	doc = testDoc("Putin met Trump.\nMerkel met Macron.")
	doc.Tokens[1].End = 1 << 20
	if err := r.Run(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	checkMentions(t, doc)
	if len(doc.Diags) == 0 {
		t.Error("bad token span: no diagnostic")
	}
	// cancelled context
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := r.Run(ctx, testDoc("Putin.")); err == nil {
		t.Error("cancelled context: no error")
	}
}

func TestName(t *testing.T) {
	if n := recognizer(t).Name(); n != "ner" {
		t.Errorf("Name() = %q", n)
	}
}

func TestCaseless(t *testing.T) {
	for _, c := range []struct {
		s              string
		heading        bool
		cless, titleOK bool
	}{
		{"SOCCER - JAPAN GET LUCKY WIN .", false, true, false},
		{"High Stakes , Limited Results", false, true, false},
		{"High Stakes , Limited Results", true, true, true},
		{"Putin visited America .", false, false, false},
		{"Leeds 3 Arsenal 1", false, false, false},
		{"The Fall of the House of Usher", true, true, true},
		{"1996-08-30", false, false, false},
		{"Results of the vote", true, false, false},
	} {
		cl, title := caseless(strings.Fields(c.s), c.heading)
		if cl != c.cless || title != c.titleOK {
			t.Errorf("caseless(%q, %v) = %v, %v; want %v, %v", c.s, c.heading, cl, title, c.cless, c.titleOK)
		}
	}
}

func TestShape(t *testing.T) {
	for in, want := range map[string]string{
		"Putin": "Xx", "U.S.": "X.X.", "1996-08-30": "d-d-d", "NATO": "X", "McDonald": "XxXx",
		"Zelenskyy’s": "Xx*x", "": "", "$1.2bn": "$d.dx",
	} {
		if got := shapeOf(in); got != want {
			t.Errorf("shapeOf(%q) = %q, want %q", in, got, want)
		}
	}
	if got := normWord("Zelenskyy’s “x” –"); got != "Zelenskyy's \"x\" -" {
		t.Errorf("normWord: %q", got)
	}
}

func TestFineType(t *testing.T) {
	m := recognizer(t).m
	for _, c := range []struct {
		conll string
		words string
		want  string
	}{
		{"PER", "vladimir putin", "PERSON"},
		{"LOC", "kyiv", "GPE"},
		{"LOC", "alaska", "GPE"},
		{"LOC", "u.s.", "GPE"},
		{"LOC", "north sea", "LOC"},
		{"MISC", "russian", "NORP"},
		{"MISC", "russians", "NORP"},
		{"MISC", "world war ii", "EVENT"},
		{"PER", "hurricane milton", "EVENT"},
		{"MISC", "olympic games", "EVENT"},
		{"MISC", "windows", "MISC"},
		{"ORG", "nato", "ORG"},
	} {
		if got := m.fineType(c.conll, strings.Fields(c.words)); got != c.want {
			t.Errorf("fineType(%s, %q) = %s, want %s", c.conll, c.words, got, c.want)
		}
		if back := CoNLLType(m.fineType(c.conll, strings.Fields(c.words))); back != c.conll && c.want != "EVENT" {
			t.Errorf("CoNLLType(fine %s) = %s, want %s", c.words, back, c.conll)
		}
	}
}

func TestGazetteer(t *testing.T) {
	g, err := loadGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	words := strings.Fields("the united states and bosnia and herzegovina met in new york")
	out := make([]uint64, len(words))
	g.match(words, out)
	bit := func(cat, pos int) uint64 { return 1 << (4*cat + pos) }
	for i, want := range []uint64{
		0, bit(gazCountry, posB), bit(gazCountry, posL), 0,
		bit(gazCountry, posB), bit(gazCountry, posI), bit(gazCountry, posL), 0, 0,
		bit(gazCity, posB) | bit(gazState, posB), bit(gazCity, posL) | bit(gazState, posL),
	} {
		if out[i] != want {
			t.Errorf("%q: %b, want %b", words[i], out[i], want)
		}
	}
}

// TestConcurrent runs one recogniser from several goroutines (go test -race).
func TestConcurrent(t *testing.T) {
	r := recognizer(t)
	text := "Angela Merkel met Emmanuel Macron in Berlin on Tuesday.\nThe IMF said Brazil’s economy grew."
	want := mentions(t, text)
	errs := make(chan error, 8)
	for range 8 {
		go func() {
			for range 20 {
				doc := testDoc(text)
				if err := r.Run(context.Background(), doc); err != nil {
					errs <- err
					return
				}
				if len(doc.Mentions) != len(want) {
					errs <- fmt.Errorf("got %d mentions, want %d", len(doc.Mentions), len(want))
					return
				}
			}
			errs <- nil
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
