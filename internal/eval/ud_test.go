package eval

import (
	"strings"
	"testing"

	"github.com/dateline-news/dateline/internal/conllu"
)

const udSample = "# text = “They won’t.”\n" +
	"1\t“\t“\tPUNCT\t``\t_\t4\tpunct\t_\tSpaceAfter=No\n" +
	"2\tThey\tthey\tPRON\tPRP\t_\t4\tnsubj\t_\t_\n" +
	"3-4\twon’t\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n" +
	"3\two\twill\tAUX\tMD\t_\t4\taux\t_\t_\n" +
	"4\tn’t\tnot\tPART\tRB\t_\t0\troot\t_\t_\n" +
	"5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\tSpaceAfter=No\n" +
	"6\t”\t”\tPUNCT\t''\t_\t4\tpunct\t_\t_\n" +
	"\n" +
	"1\tGo\tgo\tVERB\tVB\t_\t0\troot\t_\t_\n" +
	"2\thome\thome\tADV\tRB\t_\t1\tadvmod\t_\tSpaceAfter=No\n" +
	"3\t!\t!\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n"

func TestUDDocument(t *testing.T) {
	gold, err := conllu.ReadAll(strings.NewReader(udSample))
	if err != nil {
		t.Fatal(err)
	}
	doc := UDDocument(gold)
	if want := "“They won’t.”\nGo home!\n"; doc.Text != want {
		t.Errorf("text %q, want %q", doc.Text, want)
	}
	if len(doc.Tokens) != 9 || len(doc.Sentences) != 2 {
		t.Fatalf("%d tokens, %d sentences", len(doc.Tokens), len(doc.Sentences))
	}
	var words []string
	for i, tok := range doc.Tokens {
		if !tok.Span.Valid(len(doc.Text)) || (i > 0 && tok.Start < doc.Tokens[i-1].End) {
			t.Fatalf("token %d span %v", i, tok.Span)
		}
		words = append(words, tok.Span.In(doc.Text))
	}
	if got := strings.Join(words, "|"); got != "“|They|wo|n’t|.|”|Go|home|!" {
		t.Errorf("words %s", got)
	}
	if s := doc.Sentences[1]; s.Tokens != [2]int32{6, 9} || s.Span.In(doc.Text) != "Go home!" {
		t.Errorf("sentence 2 %+v", s)
	}
}

func TestUDScore(t *testing.T) {
	gold, _ := conllu.ReadAll(strings.NewReader(udSample))
	doc := UDDocument(gold)
	// a prediction: every token tagged as in gold except two, one head wrong,
	// one relation subtype wrong
	for i := range doc.Tokens {
		doc.Tokens[i].Head = -1
	}
	pred0 := UDPredictions(doc, gold)
	for si := range pred0 {
		copy(pred0[si].Tokens, gold[si].Tokens)
	}
	pred0[0].Tokens[1].UPOS = "NOUN"
	pred0[1].Tokens[1].XPOS = "NN"
	pred0[1].Tokens[1].Head = 3
	pred0[1].Tokens[2].Deprel = "punct:extra"
	m := UDScore(gold, pred0)
	near := func(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }
	if m.Tokens != 9 || !near(m.UPOS, 8.0/9) || !near(m.XPOS, 8.0/9) || !near(m.UAS, 8.0/9) || !near(m.LAS, 8.0/9) || !near(m.LASFull, 7.0/9) {
		t.Errorf("metrics %+v", m)
	}
	// heads map back to 1-based sentence positions
	doc.Tokens[7].Head = 6
	doc.Tokens[6].Head = -1
	p := UDPredictions(doc, gold)
	if p[1].Tokens[1].Head != 1 || p[1].Tokens[0].Head != 0 || p[1].Tokens[0].Deps != "" {
		t.Errorf("predictions %+v", p[1].Tokens)
	}
}
