package segment

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/analyze"
)

var _ analyze.Pass = (*Segmenter)(nil)

// checkDoc verifies the invariants of the two layers: tokens in bounds,
// sorted, disjoint, covering every non-space rune of the analysed text (the
// blocks, or the whole text without blocks); sentences in order, each inside
// one analysed block, spanning exactly their tokens, and together covering
// every token once.
func checkDoc(t *testing.T, doc *dateline.Document) {
	t.Helper()
	text := doc.Text
	var prev int32
	for i, tk := range doc.Tokens {
		if !tk.Valid(len(text)) || tk.Start >= tk.End {
			t.Fatalf("token %d %v out of bounds or empty (len %d)", i, tk.Span, len(text))
		}
		if tk.Start < prev {
			t.Fatalf("token %d %v overlaps or precedes the token before it (end %d)", i, tk.Span, prev)
		}
		if tk.Head != -1 {
			t.Fatalf("token %d: Head = %d, want -1", i, tk.Head)
		}
		prev = tk.End
	}
	// Coverage: every non-space rune inside an analysed region is in a token.
	regions := []dateline.Span{{Start: 0, End: int32(len(text))}}
	if len(doc.Blocks) > 0 {
		regions = regions[:0]
		for _, b := range doc.AnalysedBlocks() {
			regions = append(regions, b.Span)
		}
	}
	k := 0
	for _, r := range regions {
		for i := int(r.Start); i < int(r.End); {
			c, w := utf8.DecodeRuneInString(text[i:])
			if !IsSpace(c) {
				for k < len(doc.Tokens) && int(doc.Tokens[k].End) <= i {
					k++
				}
				if k == len(doc.Tokens) || int(doc.Tokens[k].Start) > i {
					t.Fatalf("byte %d (%q) is not covered by a token", i, text[i:i+w])
				}
			}
			i += w
		}
	}
	// Sentences.
	next := int32(0)
	for i, s := range doc.Sentences {
		if s.Tokens[0] != next || s.Tokens[1] <= s.Tokens[0] || int(s.Tokens[1]) > len(doc.Tokens) {
			t.Fatalf("sentence %d token range %v, want to start at %d", i, s.Tokens, next)
		}
		if s.Start != doc.Tokens[s.Tokens[0]].Start || s.End != doc.Tokens[s.Tokens[1]-1].End {
			t.Fatalf("sentence %d span %v does not match its tokens", i, s.Span)
		}
		in := false
		for _, r := range regions {
			if r.Contains(s.Span) {
				in = true
			}
		}
		if !in {
			t.Fatalf("sentence %d %v crosses a block boundary", i, s.Span)
		}
		next = s.Tokens[1]
	}
	if int(next) != len(doc.Tokens) {
		t.Fatalf("sentences cover %d of %d tokens", next, len(doc.Tokens))
	}
}

func sentenceTexts(doc *dateline.Document) []string {
	out := make([]string, len(doc.Sentences))
	for i, s := range doc.Sentences {
		out[i] = s.In(doc.Text)
	}
	return out
}

func TestRunBlocks(t *testing.T) {
	text := "High Stakes, Limited Results\nPutin met Trump in the U.S. They talked.\nPhoto: Reuters\nSubscribe now\nFor the first time, he spoke"
	span := func(s string) dateline.Span {
		i := strings.Index(text, s)
		return dateline.Span{Start: int32(i), End: int32(i + len(s))}
	}
	doc := &dateline.Document{Text: text, Blocks: []dateline.Block{
		{Span: span("High Stakes, Limited Results"), Kind: dateline.BlockHeading},
		{Span: span("Putin met Trump in the U.S. They talked."), Kind: dateline.BlockParagraph},
		{Span: span("Photo: Reuters"), Kind: dateline.BlockCredit},
		{Span: span("Subscribe now"), Kind: dateline.BlockBoilerplate},
		{Span: span("For the first time, he spoke"), Kind: dateline.BlockParagraph},
	}}
	if err := New().Run(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	checkDoc(t, doc)
	got := strings.Join(sentenceTexts(doc), " ‖ ")
	want := "High Stakes, Limited Results ‖ Putin met Trump in the U.S. ‖ They talked. ‖ For the first time, he spoke"
	if got != want {
		t.Errorf("sentences\n got %s\nwant %s", got, want)
	}
	for _, tk := range doc.Tokens {
		if w := tk.In(text); w == "Photo" || w == "Subscribe" {
			t.Errorf("token %q from a skipped block", w)
		}
	}
}

func TestRunParagraphs(t *testing.T) {
	text := "  Title line\n\nFirst paragraph, one sentence\nwrapped.  Second one.\n \t\nLast paragraph\n"
	doc := &dateline.Document{Text: text}
	if err := New().Run(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	checkDoc(t, doc)
	got := strings.Join(sentenceTexts(doc), " ‖ ")
	want := "Title line ‖ First paragraph, one sentence\nwrapped. ‖ Second one. ‖ Last paragraph"
	if got != want {
		t.Errorf("sentences\n got %q\nwant %q", got, want)
	}
}

func TestRunBadBlocks(t *testing.T) {
	text := "One. Two."
	doc := &dateline.Document{Text: text, Blocks: []dateline.Block{
		{Span: dateline.Span{Start: 0, End: 4}, Kind: dateline.BlockParagraph},
		{Span: dateline.Span{Start: 2, End: 9}, Kind: dateline.BlockParagraph},  // overlaps
		{Span: dateline.Span{Start: 5, End: 99}, Kind: dateline.BlockParagraph}, // out of bounds
		{Span: dateline.Span{Start: 5, End: 9}, Kind: dateline.BlockParagraph},
	}}
	if err := New().Run(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Diags) != 2 {
		t.Errorf("got %d diagnostics, want 2: %+v", len(doc.Diags), doc.Diags)
	}
	for _, d := range doc.Diags {
		if d.Pass != Name || d.Severity != dateline.SevWarning {
			t.Errorf("diagnostic %+v", d)
		}
	}
	if got := strings.Join(sentenceTexts(doc), " ‖ "); got != "One. ‖ Two." {
		t.Errorf("sentences %q", got)
	}
}

func TestRunReplacesLayers(t *testing.T) {
	doc := &dateline.Document{Text: "Hello there. Bye."}
	s := New()
	for range 2 {
		if err := s.Run(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
	}
	if len(doc.Tokens) != 5 || len(doc.Sentences) != 2 {
		t.Errorf("second run: %d tokens, %d sentences; want 5, 2", len(doc.Tokens), len(doc.Sentences))
	}
}

func TestRunCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := New().Run(ctx, &dateline.Document{Text: "Hi."}); err == nil {
		t.Error("Run with a cancelled context returned nil")
	}
}

func TestRunNews(t *testing.T) {
	doc := &dateline.Document{Text: newsText}
	if err := New().Run(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	checkDoc(t, doc)
	sents := sentenceTexts(doc)
	for _, want := range []string{
		"Ministers agree grain corridor deal after all-night talks in Geneva",
		"Pressure from Washington",
		"What comes next",
		"The U.S. has pressed for a deal since the summer.",
		"Mr. Rubio “welcomed progress” and urged all sides to “finish the job.”",
		"“Nobody should open the champagne.”",
		"He declined to say whether President Vladimir Putin had been briefed.",
		"Wheat for September delivery traded at $6.15 a bushel by 10:30 a.m. Eastern time, its lowest since Jan. 12.",
	} {
		found := false
		for _, s := range sents {
			found = found || s == want
		}
		if !found {
			t.Errorf("no sentence %q in\n%s", want, strings.Join(sents, "\n"))
		}
	}
}

func TestParagraphs(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"\n \n", nil},
		{"one", []string{"one"}},
		{"one\ntwo", []string{"one\ntwo"}},
		{"one\n\ntwo", []string{"one", "two"}},
		{" one \n \t \n two \n", []string{"one", "two"}},
		{"“a”\n\n\n–b–", []string{"“a”", "–b–"}},
	} {
		var got []string
		for _, p := range Paragraphs(tc.in) {
			got = append(got, tc.in[p.Start:p.End])
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") || len(got) != len(tc.want) {
			t.Errorf("Paragraphs(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestLexicon(t *testing.T) {
	lx, err := newLexicon()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		w    string
		want abbrevClass
	}{
		{"Mr", abbrevTitle}, {"MR", abbrevTitle}, {"mr", abbrevNone},
		{"Gen", abbrevTitle}, {"GEN", abbrevTitle},
		{"No", abbrevNumber}, {"no", abbrevNone}, {"NO", abbrevNumber},
		{"etc", abbrevGeneral}, {"Etc", abbrevGeneral}, {"ETC", abbrevGeneral},
		{"Sept", abbrevMonth}, {"sept", abbrevNone},
		{"Ill", abbrevGeneral}, {"ill", abbrevNone},
		{"e.g", abbrevNever}, {"E.g", abbrevNever},
		{"Inc", abbrevGeneral}, {"word", abbrevNone}, {"", abbrevNone},
		{strings.Repeat("x", 100), abbrevNone},
	} {
		if got := lx.abbrev(tc.w); got != tc.want {
			t.Errorf("abbrev(%q) = %d, want %d", tc.w, got, tc.want)
		}
	}
	if len(lx.starters) < 100 || !lx.starters["the"] || !lx.starters["he"] || lx.starters["army"] {
		t.Errorf("starters list looks wrong: %d words", len(lx.starters))
	}
	if !has(lx.prefixes, "Non") || has(lx.prefixes, "well") {
		t.Error("hyphen prefixes look wrong")
	}
}

func TestConcurrent(t *testing.T) {
	s := New()
	done := make(chan []dateline.Token)
	for range 4 {
		go func() { done <- s.Tokenize(newsText, 0, nil) }()
	}
	first := <-done
	for range 3 {
		if got := <-done; len(got) != len(first) {
			t.Error("concurrent runs disagree")
		}
	}
}
