package eval

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/dateline-news/dateline"
)

func TestExtractReadManifest(t *testing.T) {
	in := `{"html": "a.html.gz", "url": "https://x.test/a", "with": ["one"], "without": ["two"], "author": "Jane Doe", "date": "2020-01-02"}

{"html": "b.html", "author": ["Jane Doe", "John Roe"], "body": "gold text"}
`
	cases, err := ExtractReadManifest(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) != 2 || cases[0].Author != "Jane Doe" || cases[1].Author != "Jane Doe; John Roe" ||
		cases[1].Line != 3 || cases[1].Body == nil || *cases[1].Body != "gold text" || cases[0].Body != nil {
		t.Errorf("cases = %+v", cases)
	}
	for _, bad := range []string{`{"html": 3}`, `{"url": "x"}`, `{"html": "a", "author": 7}`, `not json`} {
		if _, err := ExtractReadManifest(strings.NewReader("\n" + bad)); !errors.Is(err, dateline.ErrInvalid) || !strings.Contains(err.Error(), "line 2") {
			t.Errorf("%s: err = %v, want an invalid-input error at line 2", bad, err)
		}
	}
}

func TestExtractShingleF1(t *testing.T) {
	tests := []struct {
		gold, pred string
		want       float64
	}{
		{"a b c d e", "a b c d e", 1},
		{"a b c d e", "", 0},
		{"", "", 1},
		{"a b c d e", "a  b\nc d", 2 * (1.0 / 1) * (1.0 / 2) / (1 + 0.5)}, // 1 of 2 gold shingles, 1 of 1 predicted
		{"a b", "a b", 1},
		{"a b", "a c", 0},
		{"a b c d", "x y z w", 0},
	}
	for _, tc := range tests {
		if got := ExtractShingleF1(tc.gold, tc.pred); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("ExtractShingleF1(%q, %q) = %v, want %v", tc.gold, tc.pred, got, tc.want)
		}
	}
}

func TestExtractNorm(t *testing.T) {
	for _, tc := range []struct{ a, b string }{
		{"Jane Doe und John Roe", "jane doe; John Roe"},
		{"Jane Doe, John Roe", "Jane Doe and John Roe"},
		{" Jane  Doe ", "jane doe"},
	} {
		if ExtractNormAuthor(tc.a) != ExtractNormAuthor(tc.b) {
			t.Errorf("authors %q and %q differ: %q %q", tc.a, tc.b, ExtractNormAuthor(tc.a), ExtractNormAuthor(tc.b))
		}
	}
	for _, tc := range []struct{ a, b string }{
		{"Kyiv’s “quiet” week – over.", "kyiv's \"quiet\" week - over"},
		{"  Title\u00a0here ", "title here"},
	} {
		if ExtractNormTitle(tc.a) != ExtractNormTitle(tc.b) {
			t.Errorf("titles %q and %q differ: %q %q", tc.a, tc.b, ExtractNormTitle(tc.a), ExtractNormTitle(tc.b))
		}
	}
	if ExtractNormAuthor("Jane Doe") == ExtractNormAuthor("John Roe") || ExtractNormTitle("A") == ExtractNormTitle("B") {
		t.Error("different values compare equal")
	}
}

// TestExtractEvaluate scores a fake extractor on two pages and checks every
// count, the accuracies and the predictions file.
func TestExtractEvaluate(t *testing.T) {
	dir := t.TempDir()
	writeGz := func(name, s string) {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		zw.Write([]byte(s))
		zw.Close()
		if err := os.WriteFile(filepath.Join(dir, name), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	writeGz("a.html.gz", "page A")
	if err := os.WriteFile(filepath.Join(dir, "b.html"), []byte("page B"), 0o644); err != nil {
		t.Fatal(err)
	}
	gold := "the quick brown fox jumps"
	cases := []ExtractCase{
		{HTML: "a.html.gz", With: []string{"found  here", "missing"}, Without: []string{"menu", "footer"},
			Title: "Title A", Date: "2020-01-02", Author: "Jane Doe", Body: &gold},
		{HTML: "b.html", With: []string{"anything"}, Without: []string{"nothing"}, Title: "Title B", Date: "2021-05-06"},
	}
	fn := func(p *dateline.Page) (ExtractPrediction, error) {
		switch string(p.Body) {
		case "page A":
			return ExtractPrediction{Body: "found\nhere the quick brown fox jumps\nmenu", Title: "title a", Date: "2020-01-02", Author: "jane doe"}, nil
		}
		return ExtractPrediction{}, errors.New("refused")
	}
	var preds bytes.Buffer
	var done atomic.Int64
	m, err := ExtractEvaluate(context.Background(), dir, cases, fn, ExtractConfig{Workers: 2, Predictions: &preds, Progress: func(n int) { done.Add(int64(n)) }})
	if err != nil {
		t.Fatal(err)
	}
	if m.Pages != 2 || m.Failed != 1 || done.Load() != 2 {
		t.Errorf("pages %d failed %d progress %d", m.Pages, m.Failed, done.Load())
	}
	if m.SnippetTP != 1 || m.SnippetFN != 2 || m.SnippetFP != 1 || m.SnippetTN != 2 {
		t.Errorf("snippets tp %d fn %d fp %d tn %d", m.SnippetTP, m.SnippetFN, m.SnippetFP, m.SnippetTN)
	}
	if m.SnippetPrecision != 0.5 || math.Abs(m.SnippetRecall-1.0/3) > 1e-9 {
		t.Errorf("P %v R %v", m.SnippetPrecision, m.SnippetRecall)
	}
	if *m.TitleAcc != 0.5 || *m.DateAcc != 0.5 || *m.AuthorAcc != 1 || m.AuthorPages != 1 {
		t.Errorf("title %v date %v author %v", *m.TitleAcc, *m.DateAcc, *m.AuthorAcc)
	}
	if m.BodyPages != 1 || m.BodyF1 == nil || *m.BodyF1 <= 0 || *m.BodyF1 >= 1 {
		t.Errorf("body F1 %v over %d pages", m.BodyF1, m.BodyPages)
	}
	lines := strings.Split(strings.TrimSpace(preds.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("predictions: %q", preds.String())
	}
	var p0, p1 ExtractPrediction
	if err := json.Unmarshal([]byte(lines[0]), &p0); err != nil || p0.HTML != "a.html.gz" || p0.Title != "title a" {
		t.Errorf("prediction 0 = %+v (%v)", p0, err)
	}
	if err := json.Unmarshal([]byte(lines[1]), &p1); err != nil || p1.HTML != "b.html" || p1.Body != "" {
		t.Errorf("prediction 1 = %+v (%v)", p1, err)
	}

	// A missing page is an error naming the manifest line.
	_, err = ExtractEvaluate(context.Background(), dir, []ExtractCase{{HTML: "nope.html", Line: 7}}, fn, ExtractConfig{})
	if err == nil || !strings.Contains(err.Error(), "line 7") {
		t.Errorf("missing page: err = %v", err)
	}
}

func TestExtractFromDocument(t *testing.T) {
	text := "Title\n\nBy Jane Doe\n\nThe lede.\n\nRead more\n\nReuters"
	doc := &dateline.Document{Text: text, Title: "Title", Byline: "Jane Doe", Blocks: []dateline.Block{
		{Span: dateline.Span{Start: 0, End: 5}, Kind: dateline.BlockTitle},
		{Span: dateline.Span{Start: 7, End: 18}, Kind: dateline.BlockByline},
		{Span: dateline.Span{Start: 20, End: 29}, Kind: dateline.BlockParagraph},
		{Span: dateline.Span{Start: 31, End: 40}, Kind: dateline.BlockBoilerplate},
		{Span: dateline.Span{Start: 42, End: 49}, Kind: dateline.BlockCredit},
	}}
	p := ExtractFromDocument(doc)
	if p.Body != "The lede." || p.Title != "Title" || p.Author != "Jane Doe" || p.Date != "" {
		t.Errorf("prediction = %+v", p)
	}
}

// TestExtractManifestOnGold reads the real manifest when the gold data is
// beside the repository (../shared/data); it only checks the reader.
func TestExtractManifestOnGold(t *testing.T) {
	root, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for ; ; root = filepath.Dir(root) {
		if _, err := os.Stat(filepath.Join(root, "go.mod")); err == nil {
			break
		}
		if filepath.Dir(root) == root {
			t.Skip("no go.mod above the package")
		}
	}
	path := filepath.Join(root, "..", "shared", "data", "trafilatura-eval", "manifest.jsonl")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("gold data absent: %v", err)
	}
	defer f.Close()
	cases, err := ExtractReadManifest(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 900 {
		t.Errorf("%d pages, want about 990", len(cases))
	}
}
