package eval

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/analyze/ner"
)

func TestNERCounts(t *testing.T) {
	var c NERCounts
	// gold IOB1, prediction IOB2: the same entities read the same way
	c.AddSentence(strings.Fields("I-PER I-PER O I-LOC"), strings.Fields("B-PER I-PER O B-LOC"))
	// a wrong type, a wrong span, a missed entity, a spurious one
	c.AddSentence(strings.Fields("B-ORG O B-PER I-PER B-MISC O"), strings.Fields("B-LOC O B-PER O O B-ORG"))
	m := c.Metrics()
	if c.Gold != 5 || c.Predicted != 5 || c.Correct != 2 {
		t.Fatalf("counts gold %d predicted %d correct %d", c.Gold, c.Predicted, c.Correct)
	}
	if m.Precision != 0.4 || m.Recall != 0.4 || m.F1 < 0.3999 || m.F1 > 0.4001 {
		t.Errorf("metrics %+v", m)
	}
	if p := m.PerType["PER"]; p.Gold != 2 || p.Correct != 1 || p.Predicted != 2 {
		t.Errorf("PER %+v", p)
	}
	if m.Tokens != 10 || m.Sentences != 2 {
		t.Errorf("tokens %d sentences %d", m.Tokens, m.Sentences)
	}
	var empty NERCounts
	if m := empty.Metrics(); m.F1 != 0 || m.Precision != 0 {
		t.Errorf("empty: %+v", m)
	}
}

// fakePass tags every capitalised token as a one-word GPE.
type fakePass struct{}

func (fakePass) Run(_ context.Context, doc *dateline.Document) error {
	for _, tk := range doc.Tokens {
		w := tk.In(doc.Text)
		if w != "" && w[0] >= 'A' && w[0] <= 'Z' {
			doc.Mentions = append(doc.Mentions, dateline.Mention{Span: tk.Span, Type: dateline.EntGPE, Actor: -1})
		}
	}
	return nil
}

func TestNEREvaluate(t *testing.T) {
	in := "-DOCSTART- -X- -X- O\n\nLima NNP B-NP B-LOC\nis VBZ B-VP O\nsunny JJ B-ADJP O\n\nNew NNP B-NP B-LOC\nYork NNP I-NP I-LOC\n"
	docs, _, err := ner.ReadCoNLL(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	doc := NERDocument(&docs[0])
	if doc.Text != "Lima is sunny\nNew York" || len(doc.Sentences) != 2 || doc.Sentences[1].Tokens != [2]int32{3, 5} {
		t.Fatalf("document %q %+v", doc.Text, doc.Sentences)
	}
	var out bytes.Buffer
	m, err := NEREvaluate(context.Background(), fakePass{}, docs, &out)
	if err != nil {
		t.Fatal(err)
	}
	if m.Gold != 2 || m.Predicted != 3 || m.Correct != 1 || m.Tokens != 5 || m.Docs != 1 {
		t.Errorf("metrics %+v", m)
	}
	want := "-DOCSTART- -X- -X- O O\n\nLima NNP B-NP B-LOC B-LOC\nis VBZ B-VP O O\nsunny JJ B-ADJP O O\n\nNew NNP B-NP B-LOC B-LOC\nYork NNP I-NP I-LOC B-LOC\n\n"
	if out.String() != want {
		t.Errorf("predictions:\n%s\nwant:\n%s", out.String(), want)
	}
}

// TestNERDev scores the embedded model on CoNLL++ dev when the gold data is
// beside the checkout (../shared/data); the acceptance bar is F1 ≥ 0.93.
func TestNERDev(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	path := filepath.Join(nerSharedData(t), "conll2003", "conllpp_dev.txt")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("no gold data: %v", err)
	}
	defer f.Close()
	docs, probs, err := ner.ReadCoNLL(f)
	if err != nil || len(probs) > 0 {
		t.Fatalf("read: %v %v", err, probs)
	}
	rec, err := ner.Load()
	if err != nil {
		t.Fatal(err)
	}
	m, err := NEREvaluate(context.Background(), rec, docs, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("dev P %.4f R %.4f F1 %.4f, %.0f tokens/s", m.Precision, m.Recall, m.F1, m.TokensPerSec)
	if m.F1 < 0.93 {
		t.Errorf("dev F1 %.4f < 0.93", m.F1)
	}
}

// nerSharedData is ../shared/data from the directory holding go.mod.
func nerSharedData(t *testing.T) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "..", "shared", "data")
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Skip("no go.mod above the package")
		}
		dir = up
	}
}
