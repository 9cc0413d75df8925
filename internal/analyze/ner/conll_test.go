package ner

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/dateline-news/dateline"
)

// The sentences here are written for these tests.
const sampleCoNLL = `-DOCSTART- -X- -X- O

Maria NNP B-NP B-PER
Lopez NNP I-NP I-PER
visited VBD B-VP O
Quito NNP B-NP B-LOC
. . O O

Acme NNP B-NP B-ORG
Corp NNP I-NP I-ORG
rose VBD B-VP O

-DOCSTART- -X- -X- O

Dutch JJ B-NP I-MISC
farmers NNS I-NP O
bad
`

func TestReadCoNLL(t *testing.T) {
	docs, probs, err := ReadCoNLL(strings.NewReader(sampleCoNLL))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || len(docs[0].Sentences) != 2 || len(docs[1].Sentences) != 1 {
		t.Fatalf("docs: %+v", docs)
	}
	if docs[0].Line != 1 || docs[1].Line != 13 || docs[0].Sentences[1].Line != 9 {
		t.Errorf("lines: %d %d %d", docs[0].Line, docs[1].Line, docs[0].Sentences[1].Line)
	}
	if n := docs[0].Tokens(); n != 8 {
		t.Errorf("tokens %d", n)
	}
	s := docs[1].Sentences[0]
	if !slices.Equal(s.Words, []string{"Dutch", "farmers", "bad"}) || !slices.Equal(s.Tags, []string{"I-MISC", "O", "O"}) {
		t.Errorf("sentence %+v", s)
	}
	if s.Lines[0] != "Dutch JJ B-NP I-MISC" {
		t.Errorf("raw line %q", s.Lines[0])
	}
	if len(probs) != 0 {
		t.Errorf("problems %v", probs)
	}
	_, probs, _ = ReadCoNLL(strings.NewReader("Paris NNP X-LOC\n"))
	if len(probs) != 1 || probs[0].Line != 1 {
		t.Errorf("bad tag: %v", probs)
	}
}

func TestChunks(t *testing.T) {
	for _, c := range []struct {
		tags string
		want string
	}{
		{"B-PER I-PER O B-LOC", "PER:0-2 LOC:3-4"},
		{"I-PER I-PER O I-LOC", "PER:0-2 LOC:3-4"},               // IOB1
		{"I-PER B-PER I-PER", "PER:0-1 PER:1-3"},                 // IOB1 adjacent
		{"B-ORG I-PER", "ORG:0-1 PER:1-2"},                       // type change
		{"U-LOC B-PER L-PER O S-ORG", "LOC:0-1 PER:1-3 ORG:4-5"}, // BILOU / IOBES
		{"O O", ""},
		{"I-MISC", "MISC:0-1"},
		{"B-PER E-PER I-PER", "PER:0-2 PER:2-3"},
	} {
		var got []string
		for _, ch := range Chunks(strings.Fields(c.tags)) {
			got = append(got, ch.Type+":"+itoa(ch.Start)+"-"+itoa(ch.End))
		}
		if strings.Join(got, " ") != c.want {
			t.Errorf("Chunks(%s) = %v, want %s", c.tags, got, c.want)
		}
	}
}

func TestLabelsRoundTrip(t *testing.T) {
	chunks := []Chunk{{0, 2, "PER"}, {3, 4, "LOC"}, {4, 7, "ORG"}}
	labels := chunksToLabels(chunks, 8, nil)
	if got := labelsToChunks(labels); !slices.Equal(got, chunks) {
		t.Errorf("round trip: %v", got)
	}
	if got := Chunks(IOB2(chunks, 8)); !slices.Equal(got, chunks) {
		t.Errorf("IOB2 round trip: %v", got)
	}
	prev := numLabels
	for _, l := range labels {
		if !allowedTransition(prev, l) {
			t.Errorf("transition %d -> %d not allowed", prev, l)
		}
		prev = l
	}
	if !allowedTransition(prev, numLabels) {
		t.Error("end transition not allowed")
	}
	if allowedTransition(numLabels, label(0, posI)) || allowedTransition(label(0, posB), 0) || allowedTransition(label(0, posB), label(1, posL)) {
		t.Error("invalid BILOU transition allowed")
	}
}

// TestTrainSmall trains on a tiny corpus, writes and reads the model back,
// and checks both give the same labels.
func TestTrainSmall(t *testing.T) {
	var b strings.Builder
	people := []string{"Maria Lopez", "John Harlow", "Anna Berg", "Peter Novak"}
	places := []string{"Quito", "Oslo", "Lima", "Riga"}
	for i := range 40 {
		b.WriteString("-DOCSTART- -X- -X- O\n\n")
		p := strings.Fields(people[i%4])
		fmt8 := p[0] + " B-PER\n" + p[1] + " I-PER\nvisited O\n" + places[(i+1)%4] + " B-LOC\non O\nMonday O\n. O\n\n"
		b.WriteString(fmt8)
	}
	docs, _, err := ReadCoNLL(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	tr, err := Train(context.Background(), docs, TrainOptions{Epochs: 3, Folds: 2, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := tr.Write(&buf); err != nil {
		t.Fatal(err)
	}
	m, err := ReadModel(&buf)
	if err != nil {
		t.Fatal(err)
	}
	sents := [][]string{strings.Fields("Anna Berg visited Oslo on Monday .")}
	a, bb := New(tr.Model).Tag(sents), New(m).Tag(sents)
	want := []string{"B-PER", "I-PER", "O", "B-LOC", "O", "O", "O"}
	if !slices.Equal(a[0], want) || !slices.Equal(bb[0], want) {
		t.Errorf("trained %v, read back %v, want %v", a[0], bb[0], want)
	}
	if _, err := ReadModel(strings.NewReader("not a model")); err == nil {
		t.Error("ReadModel accepted garbage")
	}
}

func FuzzReadCoNLL(f *testing.F) {
	f.Add([]byte(sampleCoNLL))
	f.Add([]byte("a B-X\n\nb I-\n-DOCSTART-\n\n\r\nc d e U-LOC\n"))
	f.Add([]byte("x I-PER\ny B-PER\nz E-PER\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, _, err := ReadCoNLL(bytes.NewReader(data))
		if err != nil {
			return
		}
		for _, d := range docs {
			for _, s := range d.Sentences {
				if len(s.Words) == 0 || len(s.Words) != len(s.Tags) || len(s.Words) != len(s.Lines) {
					t.Fatalf("sentence shape %+v", s)
				}
				prevEnd := 0
				for _, c := range Chunks(s.Tags) {
					if c.Start < prevEnd || c.End > len(s.Words) || c.Start >= c.End || c.Type == "" {
						t.Fatalf("chunk %+v in %v", c, s.Tags)
					}
					prevEnd = c.End
				}
			}
		}
	})
}

// FuzzRun runs the pass on arbitrary text tokenised as in testDoc, with
// some spans corrupted: no panic, mentions always valid.
func FuzzRun(f *testing.F) {
	f.Add("Putin met Trump in Anchorage, Alaska.\nHigh Stakes\n", uint8(0))
	f.Add("“Zelenskyy’s” – U.S. NATO’s 10-year-old $1.2bn", uint8(3))
	f.Add("\xff\xfeA B\n\n\nC.", uint8(200))
	r, err := Load()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string, corrupt uint8) {
		doc := testDoc(text)
		if corrupt > 128 && len(doc.Tokens) > 0 {
			i := int(corrupt) % len(doc.Tokens)
			doc.Tokens[i].End = doc.Tokens[i].Start - 1
			doc.Sentences = append(doc.Sentences, dateline.Sentence{Tokens: [2]int32{int32(i), int32(len(doc.Tokens) + 5)}})
		}
		if err := r.Run(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		for i, m := range doc.Mentions {
			if !m.Valid(len(doc.Text)) || m.Start >= m.End || (i > 0 && m.Start < doc.Mentions[i-1].End) {
				t.Fatalf("mention %d %v invalid in %q", i, m.Span, text)
			}
		}
	})
}
