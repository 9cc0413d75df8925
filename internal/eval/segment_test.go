package eval

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/analyze/segment"
	"github.com/dateline-news/dateline/internal/repotest"
)

// A small CoNLL-U file written for this test: two documents, paragraphs, a
// multiword token, SpaceAfter=No, an empty node, a sentence without a
// "# text" line.
const segmentSample = `# newdoc id = d1
# newpar
# sent_id = 1
# text = We don’t know.
1	We	we	PRON	PRP	_	3	nsubj	_	_
2-3	don’t	_	_	_	_	_	_	_	_
2	do	do	AUX	VBP	_	4	aux	_	_
3	n’t	not	PART	RB	_	4	advmod	_	_
4	know	know	VERB	VB	_	0	root	_	SpaceAfter=No
5	.	.	PUNCT	.	_	4	punct	_	_

# sent_id = 2
# text = Mr. Li left.
1	Mr.	Mr.	PROPN	NNP	_	2	compound	_	_
2	Li	Li	PROPN	NNP	_	3	nsubj	_	_
3	left	leave	VERB	VBD	_	0	root	_	SpaceAfter=No
4	.	.	PUNCT	.	_	3	punct	_	_

# newpar
# sent_id = 3
# text = Next paragraph
1	Next	next	ADJ	JJ	_	2	amod	_	_
1.1	gap	gap	NOUN	NN	_	_	_	_	_
2	paragraph	paragraph	NOUN	NN	_	0	root	_	_

# newdoc id = d2
# sent_id = 4
1	Hello	hello	INTJ	UH	_	0	root	_	SpaceAfter=No
2	!	!	PUNCT	.	_	1	punct	_	_
`

func TestReadSegmentDocs(t *testing.T) {
	docs, err := ReadSegmentDocs(strings.NewReader(segmentSample), "sample.conllu")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Fatalf("got %d documents, want 2", len(docs))
	}
	d := docs[0]
	if d.ID != "d1" || docs[1].ID != "d2" {
		t.Errorf("IDs %q %q", d.ID, docs[1].ID)
	}
	if want := "We don’t know. Mr. Li left.\n\nNext paragraph"; d.Text != want {
		t.Errorf("text %q, want %q", d.Text, want)
	}
	spans := func(ss []dateline.Span, text string) string {
		var out []string
		for _, s := range ss {
			out = append(out, s.In(text))
		}
		return strings.Join(out, "|")
	}
	for _, tc := range []struct {
		name string
		got  string
		want string
	}{
		{"tokens", spans(d.Tokens, d.Text), "We|don’t|know|.|Mr.|Li|left|.|Next|paragraph"},
		{"words", spans(d.Words, d.Text), "We|do|n’t|know|.|Mr.|Li|left|.|Next|paragraph"},
		{"multiword", spans(d.MultiWord, d.Text), "don’t"},
		{"sentences", spans(d.Sentences, d.Text), "We don’t know.|Mr. Li left.|Next paragraph"},
		{"paragraphs", spans(d.Paragraphs, d.Text), "We don’t know. Mr. Li left.|Next paragraph"},
		{"doc 2", docs[1].Text, "Hello!"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, tc.got, tc.want)
		}
	}
}

func TestReadSegmentDocsErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"# text = abc\n1\tabd\t_\t_\t_\t_\t0\troot\t_\t_\n", "x.conllu:2: token \"abd\""},
		{"1\ta\t_\n", "x.conllu:1: want 10"},
		{"x\ta\t_\t_\t_\t_\t0\troot\t_\t_\n", "x.conllu:1: bad token ID"},
		{"3-2\ta\t_\t_\t_\t_\t_\t_\t_\t_\n", "x.conllu:1: bad multiword"},
	} {
		_, err := ReadSegmentDocs(strings.NewReader(tc.in), "x.conllu")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ReadSegmentDocs(%q) error %v, want %q", tc.in, err, tc.want)
		}
	}
}

// goldPass writes the gold segmentation of the documents it was made for.
type goldPass struct{ docs map[string]*SegmentDoc }

func (goldPass) Name() string { return "gold" }
func (p goldPass) Run(_ context.Context, doc *dateline.Document) error {
	d := p.docs[string(doc.ID)]
	doc.Tokens = doc.Tokens[:0]
	for _, w := range d.Words {
		doc.Tokens = append(doc.Tokens, dateline.Token{Span: w, Head: -1})
	}
	k := 0
	for _, s := range d.Sentences {
		first := k
		for k < len(d.Words) && d.Words[k].End <= s.End {
			k++
		}
		doc.Sentences = append(doc.Sentences, dateline.Sentence{Span: s, Tokens: [2]int32{int32(first), int32(k)}})
	}
	return nil
}

func TestSegmentScore(t *testing.T) {
	docs, err := ReadSegmentDocs(strings.NewReader(segmentSample), "sample.conllu")
	if err != nil {
		t.Fatal(err)
	}
	gold := goldPass{docs: map[string]*SegmentDoc{}}
	for i := range docs {
		gold.docs[docs[i].ID] = &docs[i]
	}
	res, err := SegmentScore(context.Background(), gold, docs, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.TokenF1 != 1 || res.WordF1 != 1 || res.SentenceF1 != 1 {
		t.Errorf("gold against itself: %+v", res)
	}
	if res.GoldTokens != 12 || res.GoldWords != 13 || res.GoldSentences != 4 || res.Documents != 2 {
		t.Errorf("counts: %+v", res)
	}

	var out bytes.Buffer
	res, err = SegmentScore(context.Background(), segment.New(), docs, func(p SegmentPrediction) error {
		return WriteSegmentCoNLLU(&out, p)
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.TokenF1 != 1 || res.SentenceF1 != 1 {
		t.Errorf("segmenter on the sample: %+v", res)
	}
	// The predictions read back as the same documents.
	back, err := ReadSegmentDocs(&out, "pred.conllu")
	if err != nil {
		t.Fatalf("reading predictions back: %v\n%s", err, out.String())
	}
	if len(back) != 2 || back[0].Text != docs[0].Text || back[1].Text != docs[1].Text {
		t.Errorf("predictions do not rebuild the text:\n%s", out.String())
	}
}

func TestSegmentMergeMultiWord(t *testing.T) {
	sp := func(a, b int32) dateline.Span { return dateline.Span{Start: a, End: b} }
	for _, tc := range []struct {
		pred, mwt, want []dateline.Span
	}{
		{[]dateline.Span{sp(0, 2), sp(2, 5)}, []dateline.Span{sp(0, 5)}, []dateline.Span{sp(0, 5)}},
		{[]dateline.Span{sp(0, 2), sp(3, 5)}, []dateline.Span{sp(0, 5)}, []dateline.Span{sp(0, 2), sp(3, 5)}}, // a gap
		{[]dateline.Span{sp(0, 5)}, []dateline.Span{sp(0, 5)}, []dateline.Span{sp(0, 5)}},
		{[]dateline.Span{sp(0, 2), sp(2, 6)}, []dateline.Span{sp(0, 5)}, []dateline.Span{sp(0, 2), sp(2, 6)}}, // overshoots
		{[]dateline.Span{sp(0, 1), sp(2, 3), sp(3, 4)}, []dateline.Span{sp(2, 4)}, []dateline.Span{sp(0, 1), sp(2, 4)}},
	} {
		got := segmentMergeMultiWord(tc.pred, tc.mwt)
		if len(got) != len(tc.want) {
			t.Errorf("merge(%v, %v) = %v, want %v", tc.pred, tc.mwt, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("merge(%v, %v) = %v, want %v", tc.pred, tc.mwt, got, tc.want)
				break
			}
		}
	}
}

// segmentDataDir finds ../shared/data/ud from the module root, or "".
func segmentDataDir(t *testing.T) string {
	t.Helper()
	if d, ok := repotest.Lookup("ud"); ok {
		return d
	}
	return ""
}

// TestSegmentUDDev scores the segmenter on the UD dev files and guards the
// figures reported in BENCHMARKS.md against regressions.
func TestSegmentUDDev(t *testing.T) {
	ud := segmentDataDir(t)
	if ud == "" {
		t.Skip("../shared/data/ud not found")
	}
	for _, tc := range []struct {
		file            string
		token, sentence float64
	}{
		{"en_ewt-ud-dev.conllu", 0.99, 0.84},
		{"en_gum-ud-dev.conllu", 0.995, 0.95},
	} {
		f, err := os.Open(filepath.Join(ud, tc.file))
		if err != nil {
			t.Fatal(err)
		}
		docs, err := ReadSegmentDocs(f, tc.file)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		res, err := SegmentScore(context.Background(), segment.New(), docs, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: token F1 %.4f, word F1 %.4f, sentence F1 %.4f", tc.file, res.TokenF1, res.WordF1, res.SentenceF1)
		if res.TokenF1 < tc.token || res.SentenceF1 < tc.sentence {
			t.Errorf("%s: token F1 %.4f (want ≥ %.3f), sentence F1 %.4f (want ≥ %.3f)", tc.file, res.TokenF1, tc.token, res.SentenceF1, tc.sentence)
		}
	}
}
