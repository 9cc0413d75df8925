package parse

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/conllu"
	"github.com/dateline-news/dateline/internal/linear"
)

func load(t testing.TB) *Parser {
	t.Helper()
	p, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// tagged is a sentence written word/UPOS/XPOS.
func tagged(s string) (words, upos, xpos []string) {
	for _, f := range strings.Fields(s) {
		i := strings.IndexByte(f[1:], '/') + 1
		w, rest := f[:i], f[i+1:]
		u, x, _ := strings.Cut(rest, "/")
		words, upos, xpos = append(words, w), append(upos, u), append(xpos, x)
	}
	return
}

func TestParseSentences(t *testing.T) {
	p := load(t)
	for _, tc := range []struct {
		sentence string
		want     string // dependent>head:relation, 1-based words, 0 = root
	}{
		{"Trump/PROPN/NNP met/VERB/VBD Putin/PROPN/NNP in/ADP/IN Alaska/PROPN/NNP ./PUNCT/.",
			"1>2:nsubj 2>0:root 3>2:obj 4>5:case 6>2:punct"},
		{"The/DET/DT talks/NOUN/NNS ended/VERB/VBD without/ADP/IN a/DET/DT deal/NOUN/NN ./PUNCT/.",
			"1>2:det 2>3:nsubj 3>0:root 4>6:case 5>6:det 6>3:obl 7>3:punct"},
		{"Zelenskyy/PROPN/NNP said/VERB/VBD he/PRON/PRP would/AUX/MD not/PART/RB attend/VERB/VB ./PUNCT/.",
			"1>2:nsubj 2>0:root 3>6:nsubj 4>6:aux 5>6:advmod 6>2:ccomp 7>2:punct"},
	} {
		words, upos, xpos := tagged(tc.sentence)
		heads, labels := p.Model().Parse(words, upos, xpos)
		for _, w := range strings.Fields(tc.want) {
			var d, h int
			var rel string
			dh, rel, _ := strings.Cut(w, ":")
			ds, hs, _ := strings.Cut(dh, ">")
			d, h = atoi(ds)-1, atoi(hs)-1
			if heads[d] != h || labels[d] != rel {
				t.Errorf("%s: word %q head %d %s, want %d %s", tc.sentence, words[d], heads[d]+1, labels[d], h+1, rel)
			}
		}
	}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// checkTree verifies the heads of a sentence: in range, one root, no cycle.
func checkTree(t *testing.T, heads []int) {
	t.Helper()
	roots := 0
	for d, h := range heads {
		if h < -1 || h >= len(heads) || h == d {
			t.Fatalf("word %d: head %d out of range", d, h)
		}
		if h == -1 {
			roots++
		}
		x, steps := d, 0
		for x != -1 && steps <= len(heads) {
			x = heads[x]
			steps++
		}
		if x != -1 {
			t.Fatalf("word %d is on a cycle: %v", d, heads)
		}
	}
	if roots != 1 {
		t.Fatalf("%d roots: %v", roots, heads)
	}
}

func TestTreesWellFormed(t *testing.T) {
	p := load(t)
	tags := [][2]string{{"NOUN", "NN"}, {"VERB", "VBD"}, {"PUNCT", ","}, {"ADP", "IN"}, {"DET", "DT"}, {"X", "UNKNOWN"}, {"PROPN", "NNP"}}
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 1; n < 60; n++ {
		words, upos, xpos := make([]string, n), make([]string, n), make([]string, n)
		for i := range n {
			tg := tags[rng.IntN(len(tags))]
			words[i], upos[i], xpos[i] = []string{"the", "war", "said", ",", "in", "Kyiv", "“", "–"}[rng.IntN(8)], tg[0], tg[1]
		}
		heads, labels := p.Model().Parse(words, upos, xpos)
		checkTree(t, heads)
		for _, l := range labels {
			if l == "" {
				t.Fatal("empty relation")
			}
		}
	}
}

func TestRunDocument(t *testing.T) {
	p := load(t)
	// two sentences of tagged tokens with multi-byte punctuation
	text := "“We’re ready,” he said.\nPutin left."
	toks := []string{"“", "We", "’re", "ready", ",", "”", "he", "said", ".", "Putin", "left", "."}
	tags := [][2]string{{"PUNCT", "``"}, {"PRON", "PRP"}, {"AUX", "VBP"}, {"ADJ", "JJ"}, {"PUNCT", ","}, {"PUNCT", "''"}, {"PRON", "PRP"}, {"VERB", "VBD"}, {"PUNCT", "."}, {"PROPN", "NNP"}, {"VERB", "VBD"}, {"PUNCT", "."}}
	d := &dateline.Document{Text: text}
	pos := 0
	for i, w := range toks {
		at := strings.Index(text[pos:], w) + pos
		pos = at + len(w)
		d.Tokens = append(d.Tokens, dateline.Token{Span: dateline.Span{Start: int32(at), End: int32(pos)}, UPOS: tags[i][0], XPOS: tags[i][1], Head: -1})
	}
	nl := int32(strings.IndexByte(text, '\n'))
	d.Sentences = []dateline.Sentence{
		{Span: dateline.Span{Start: 0, End: nl}, Tokens: [2]int32{0, 9}},
		{Span: dateline.Span{Start: nl + 1, End: int32(len(text))}, Tokens: [2]int32{9, 12}},
	}
	if err := p.Run(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	for _, s := range d.Sentences {
		lo, hi := int(s.Tokens[0]), int(s.Tokens[1])
		heads := make([]int, hi-lo)
		for i := lo; i < hi; i++ {
			tok := d.Tokens[i]
			if tok.Head != -1 && (int(tok.Head) < lo || int(tok.Head) >= hi) {
				t.Fatalf("token %d head %d outside its sentence", i, tok.Head)
			}
			heads[i-lo] = -1
			if tok.Head >= 0 {
				heads[i-lo] = int(tok.Head) - lo
			}
		}
		checkTree(t, heads)
	}
	// UD makes the quote the root and "he said" its parataxis; either root
	// is a fine parse here, the tree checks above are what matter.
	if d.Tokens[10].Head != -1 || d.Tokens[10].Dep != "root" {
		t.Errorf("root of sentence 2: %+v", d.Tokens[10])
	}
	if d.Tokens[9].Dep != "nsubj" || d.Tokens[9].Head != 10 {
		t.Errorf("Putin: %+v", d.Tokens[9])
	}
	// an ensemble of copies of the model parses the document as the
	// model alone does
	m := p.Model()
	for _, ms := range [][]*Model{{m, m}, {m, m, m}} {
		e, err := NewEnsemble(ms, nil)
		if err != nil {
			t.Fatal(err)
		}
		d2 := &dateline.Document{Text: d.Text, Sentences: d.Sentences, Tokens: slices.Clone(d.Tokens)}
		for i := range d2.Tokens {
			d2.Tokens[i].Head, d2.Tokens[i].Dep = -1, ""
		}
		if err := WithEnsemble(e).Run(context.Background(), d2); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(d2.Tokens, d.Tokens) {
			t.Errorf("an ensemble of %d copies of the model: %+v, want %+v", len(ms), d2.Tokens, d.Tokens)
		}
	}
	d.Sentences = nil
	if err := p.Run(context.Background(), d); err != nil || len(d.Diags) != 1 {
		t.Errorf("without sentences: err %v diags %v", err, d.Diags)
	}
}

func TestProjectivise(t *testing.T) {
	for _, tc := range []struct{ in, want []int32 }{
		{[]int32{-1, 2, 0, 2}, []int32{-1, 2, 0, 2}},
		// 1->3 crosses 2->4 (4's head 2 does not dominate 3): lifted
		{[]int32{-1, 0, 4, 1, 1}, []int32{-1, 0, 1, 1, 1}},
	} {
		h := append([]int32(nil), tc.in...)
		projectivise(h)
		for i := range h {
			if h[i] != tc.want[i] {
				t.Errorf("projectivise(%v) = %v, want %v", tc.in, h, tc.want)
				break
			}
		}
	}
}

func TestModelRoundTrip(t *testing.T) {
	p := load(t)
	var buf bytes.Buffer
	if _, err := p.Model().WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	m, err := ReadModel(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	words, upos, xpos := tagged("Trump/PROPN/NNP met/VERB/VBD Putin/PROPN/NNP ./PUNCT/.")
	h1, l1 := p.Model().Parse(words, upos, xpos)
	h2, l2 := m.Parse(words, upos, xpos)
	for i := range h1 {
		if h1[i] != h2[i] || l1[i] != l2[i] {
			t.Errorf("word %d differs after round trip", i)
		}
	}
	if _, err := ReadModel(bytes.NewReader(buf.Bytes()[:buf.Len()/2])); err == nil {
		t.Error("truncated model read without error")
	}
}

func TestDevTrees(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	sents, err := conllu.ReadFile(filepath.Join(dataDir(t), "ud", "en_gum-ud-dev.conllu"))
	if err != nil {
		t.Fatal(err)
	}
	p := load(t)
	var words, upos, xpos []string
	for _, s := range sents {
		words, upos, xpos = columns(&s, words, upos, xpos)
		heads, _ := p.Model().Parse(words, upos, xpos)
		checkTree(t, heads)
	}
}

func TestLoadTime(t *testing.T) {
	start := time.Now()
	load(t)
	el := time.Since(start)
	t.Logf("load %v", el)
	if el > 2*time.Second { // budget 200 ms; this catches gross regressions on a busy machine
		t.Errorf("load took %v", el)
	}
}

func FuzzParse(f *testing.F) {
	p, err := Load()
	if err != nil {
		f.Fatal(err)
	}
	f.Add("Trump/PROPN/NNP met/VERB/VBD Putin/PROPN/NNP")
	f.Add("“/PUNCT/`` x/Y/Z –/PUNCT/: \xff/X/XX")
	f.Fuzz(func(t *testing.T, s string) {
		var words, upos, xpos []string
		for _, f := range strings.Fields(s) {
			parts := strings.SplitN(f, "/", 3)
			for len(parts) < 3 {
				parts = append(parts, "")
			}
			words, upos, xpos = append(words, parts[0]), append(upos, parts[1]), append(xpos, parts[2])
		}
		if len(words) == 0 {
			return
		}
		for _, k := range []int{1, 4} {
			for _, mg := range []float32{0, 1, 50} {
				for _, top := range []int{0, 2} {
					heads, _ := p.Model().WithBeam(k).WithMargin(mg).WithLabelTop(top).Parse(words, upos, xpos)
					checkTree(t, heads)
				}
			}
		}
	})
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParse parses with the shipped model at its own beam width.
func BenchmarkParse(b *testing.B) { benchmarkParse(b, load(b)) }

// BenchmarkParseBeam parses with the shipped model (or the -model file)
// at several beam widths, with the -margins given (default: none).
func BenchmarkParseBeam(b *testing.B) {
	m := load(b).Model()
	if *curveModel != "" {
		var err error
		if m, err = readModelFile(*curveModel); err != nil {
			b.Fatal(err)
		}
	}
	margins, err := numbers(*curveMargins, 0)
	if err != nil {
		b.Fatal(err)
	}
	for _, k := range []int{1, 2, 4, 8, 16} {
		for _, mg := range margins {
			mk := m.WithBeam(k).WithMargin(float32(mg))
			b.Run(fmt.Sprintf("beam=%d/margin=%g", k, mg), func(b *testing.B) { benchmarkParse(b, New(mk)) })
		}
	}
}

func benchmarkParse(b *testing.B, p *Parser) {
	words, upos, xpos := tagged("Trump/PROPN/NNP and/CCONJ/CC Putin/PROPN/NNP met/VERB/VBD in/ADP/IN Anchorage/PROPN/NNP on/ADP/IN Friday/PROPN/NNP " +
		"for/ADP/IN talks/NOUN/NNS that/PRON/WDT ended/VERB/VBD without/ADP/IN a/DET/DT deal/NOUN/NN on/ADP/IN Ukraine/PROPN/NNP ,/PUNCT/, " +
		"officials/NOUN/NNS said/VERB/VBD ,/PUNCT/, as/SCONJ/IN Russian/ADJ/JJ forces/NOUN/NNS pressed/VERB/VBD their/PRON/PRP$ offensive/NOUN/NN " +
		"in/ADP/IN the/DET/DT east/NOUN/NN ./PUNCT/.")
	var text strings.Builder
	d := &dateline.Document{}
	for range 50 {
		first := int32(len(d.Tokens))
		for i, w := range words {
			s := int32(text.Len())
			text.WriteString(w)
			d.Tokens = append(d.Tokens, dateline.Token{Span: dateline.Span{Start: s, End: int32(text.Len())}, UPOS: upos[i], XPOS: xpos[i]})
			text.WriteByte(' ')
		}
		d.Sentences = append(d.Sentences, dateline.Sentence{Tokens: [2]int32{first, int32(len(d.Tokens))}})
	}
	d.Text = text.String()
	ctx := context.Background()
	n := 0
	for b.Loop() {
		if err := p.Run(ctx, d); err != nil {
			b.Fatal(err)
		}
		n += len(d.Tokens)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "tokens/s")
}

func TestTreeIndex(t *testing.T) {
	for _, tc := range []struct {
		heads []int32 // [0] unused
		want  string  // the dependents of 0..n
	}{
		{[]int32{-1, 0}, "[[1] []]"},
		{[]int32{-1, 2, 0, 2, 3}, "[[2] [] [1 3] [4] []]"},
		{[]int32{-1, 3, 3, 0, 3, 6, 3}, "[[3] [] [] [1 2 4 6] [] [] [5]]"},
	} {
		var tr tree
		tr.build(tc.heads)
		var got [][]int32
		for h := range tc.heads {
			got = append(got, tr.of(int32(h)))
		}
		if s := fmt.Sprint(got); s != tc.want {
			t.Errorf("heads %v: dependents %s, want %s", tc.heads, s, tc.want)
		}
	}
}

// tinyModel trains a small parser, with a relabeller and two clusters, on
// the hand-written sentences of testdata/tiny.conllu.
func tinyModel(t testing.TB) *Model {
	t.Helper()
	sents, err := conllu.ReadFile(filepath.Join("testdata", "tiny.conllu"))
	if err != nil {
		t.Fatal(err)
	}
	cl, err := linear.ReadClusterText(strings.NewReader("#dateline-clusters v1\n=0 0 0\n=1 0 0\nsaid\t0\nfailed\t0\nkyiv\t1\n"), 0)
	if err != nil {
		t.Fatal(err)
	}
	m := trainTiny(t, sents, TrainOptions{Epochs: 8, Seed: 1, Clusters: cl, RelabelEpochs: 4, Prune: -1, KeepLast: true})
	return m
}

func TestTrainTiny(t *testing.T) {
	m := tinyModel(t)
	if m.rel == nil || m.clusters.Len() != 3 {
		t.Fatalf("relabeller %v, %d cluster words", m.rel != nil, m.clusters.Len())
	}
	sents, _ := conllu.ReadFile(filepath.Join("testdata", "tiny.conllu"))
	if s := m.Evaluate(sents); s.UAS < 0.9 || s.LAS < 0.8 {
		t.Errorf("tiny model on its training data: %+v", s)
	}
	r := roundTrip(t, m)
	if a, b := m.Evaluate(sents), r.Evaluate(sents); a != b {
		t.Errorf("scores %+v after a round trip, want %+v", b, a)
	}
	nt, nl := m.Features()
	pt, pl := m.Prune(1e9).Features()
	if nt == 0 || nl == 0 || pt != 0 || pl != 0 {
		t.Errorf("features %d+%d, %d+%d after pruning everything", nt, nl, pt, pl)
	}
	if et, el := m.PruneEach(1e9, 0).Features(); et != 0 || el != nl {
		t.Errorf("features %d+%d after pruning the transitions only, want 0+%d", et, el, nl)
	}
	if et, el := m.PruneEach(0, 1e9).Features(); et != nt || el != 0 {
		t.Errorf("features %d+%d after pruning the labels only, want %d+0", et, el, nt)
	}
}

// FuzzReadModel feeds the decoder (behind the compression) arbitrary model
// bytes.
func FuzzReadModel(f *testing.F) {
	tiny := tinyModel(f)
	for _, m := range []*Model{tiny, tiny.WithBeam(4), tiny.WithBeam(4).WithMargin(3), tiny.WithBeam(4).WithLabelTop(2)} {
		f.Add(rawModel(f, m))
	}
	f.Add([]byte(magic))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := readModel(linear.NewDecoder(bytes.NewReader(b)))
		if err != nil {
			if !errors.Is(err, linear.ErrCorrupt) {
				t.Fatalf("error %v is not ErrCorrupt", err)
			}
			return
		}
		words, upos, xpos := tagged("“/PUNCT/`` We/PRON/PRP ’re/AUX/VBP ready/ADJ/JJ ./PUNCT/.")
		heads, _ := m.Parse(words, upos, xpos)
		checkTree(t, heads)
	})
}

// modelBytes returns the file m writes.
func modelBytes(t testing.TB, m *Model) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// roundTrip writes m and reads it back.
func roundTrip(t testing.TB, m *Model) *Model {
	t.Helper()
	r, err := ReadModel(bytes.NewReader(modelBytes(t, m)))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// trainTiny trains a model on sents (its dev set too) with opt.
func trainTiny(t testing.TB, sents []conllu.Sentence, opt TrainOptions) *Model {
	t.Helper()
	m, err := Train(context.Background(), sents, sents, opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	return m
}
