package ner

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

func TestPrintExample(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(repoRoot(t), "testdata", "examples", "alaska-summit.txt"))
	if err != nil {
		t.Fatal(err)
	}
	doc := testDoc(string(b))
	if err := recognizer(t).Run(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	for _, m := range doc.Mentions {
		t.Logf("%-8s %q", m.Type, m.In(doc.Text))
	}
}

func TestPrintContexts(t *testing.T) {
	b, _ := os.ReadFile(filepath.Join(repoRoot(t), "testdata", "examples", "alaska-summit.txt"))
	doc := testDoc(string(b))
	recognizer(t).Run(context.Background(), doc)
	for _, m := range doc.Mentions {
		lo, hi := max(0, int(m.Start)-25), min(len(doc.Text), int(m.End)+25)
		t.Logf("%-8s %q   ...%s...", m.Type, m.In(doc.Text), doc.Text[lo:hi])
	}
}
