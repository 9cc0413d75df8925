package postgres

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/bustest"
)

// synth makes synthetic analysed reports: words drawn from a Zipf
// distribution over a made-up vocabulary (so that a few words are in most
// documents and most words in few), a title, paragraphs, and one token per
// word, as the tagger would leave them.
type synth struct {
	r     *rand.Rand
	zipf  *rand.Zipf
	words []string
}

func newSynth(seed uint64) *synth {
	r := rand.New(rand.NewPCG(seed, 1))
	syll := []string{"ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "de", "gor", "an", "el", "ost", "ber", "zu", "pra", "ch", "ev"}
	seen := map[string]bool{}
	var words []string
	for len(words) < 20000 {
		n := 2 + r.IntN(3)
		var b strings.Builder
		for range n {
			b.WriteString(syll[r.IntN(len(syll))])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	return &synth{r: r, zipf: rand.NewZipf(r, 1.07, 2, uint64(len(words)-1)), words: words}
}

func (s *synth) word() string { return s.words[s.zipf.Uint64()] }

func (s *synth) doc(i int) *dateline.Document {
	var b strings.Builder
	var blocks []dateline.Block
	var toks []dateline.Token
	para := func(n int, kind dateline.BlockKind) {
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		start := b.Len()
		for j := range n {
			if j > 0 {
				b.WriteByte(' ')
			}
			w := s.word()
			toks = append(toks, dateline.Token{Span: dateline.Span{Start: int32(b.Len()), End: int32(b.Len() + len(w))}, UPOS: "NOUN", XPOS: "NN", Lemma: w, Head: -1, Dep: "dep"})
			b.WriteString(w)
		}
		b.WriteByte('.')
		blocks = append(blocks, dateline.Block{Span: dateline.Span{Start: int32(start), End: int32(b.Len())}, Kind: kind})
	}
	para(8, dateline.BlockTitle)
	title := b.String()
	for range 6 {
		para(40+s.r.IntN(30), dateline.BlockParagraph)
	}
	text := b.String()
	return &dateline.Document{
		ID:        dateline.NewDocID(fmt.Sprintf("synth/%d", i), text),
		Source:    dateline.SourceRef{Kind: "text", URL: fmt.Sprintf("https://synth.example/%d", i), Outlet: "Synthetic Wire"},
		Published: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Minute),
		Title:     strings.TrimSuffix(title, "."),
		Text:      text,
		Blocks:    blocks,
		Tokens:    toks,
	}
}

// schemaURL returns the test database's URL with search_path set to schema,
// creating the schema if needed. Benchmark schemas are kept between runs.
func schemaURL(b testing.TB, schema string) string {
	base := bustest.Server(b, bustest.EnvPostgres)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA IF NOT EXISTS "+schema); err != nil {
		b.Fatal(err)
	}
	u, err := url.Parse(base)
	if err != nil {
		b.Fatal(err)
	}
	v := u.Query()
	v.Set("search_path", schema)
	u.RawQuery = v.Encode()
	return u.String()
}

// BenchmarkPutDocuments measures the ingest rate: batches of 256 analysed
// synthetic reports (~2 KB of text, ~330 tokens each) into a fresh schema.
func BenchmarkPutDocuments(b *testing.B) {
	s, err := Open(context.Background(), testSchema(b))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	syn := newSynth(7)
	const batch = 256
	docs := make([]*dateline.Document, 0, batch)
	n := 0
	start := time.Now()
	for b.Loop() {
		docs = docs[:0]
		for range batch {
			docs = append(docs, syn.doc(n))
			n++
		}
		if _, err := s.PutDocuments(context.Background(), docs); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/time.Since(start).Seconds(), "docs/s")
}

// BenchmarkSearch100k measures full-text search over 100,000 synthetic
// reports after ANALYZE. The corpus is built once, in the schema
// bench_search_100k of $DATELINE_TEST_POSTGRES, and kept for later runs.
func BenchmarkSearch100k(b *testing.B) {
	const total = 100_000
	ctx := context.Background()
	s, err := Open(ctx, schemaURL(b, "bench_search_100k"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	have, err := s.CountDocuments(ctx)
	if err != nil {
		b.Fatal(err)
	}
	syn := newSynth(42)
	if have < total {
		start := time.Now()
		for i := 0; i < total; i += 1000 {
			docs := make([]*dateline.Document, 0, 1000)
			for j := i; j < i+1000; j++ {
				docs = append(docs, syn.doc(j))
			}
			if i+1000 <= have {
				continue // already stored (the same seed makes the same documents)
			}
			if _, err := s.PutDocuments(ctx, docs); err != nil {
				b.Fatal(err)
			}
		}
		b.Logf("stored %d documents in %v", total-have, time.Since(start))
	}
	if _, err := s.pool.Exec(ctx, "ANALYZE documents"); err != nil {
		b.Fatal(err)
	}
	w := syn.words
	for _, q := range []struct{ name, text string }{
		{"common", w[2]},    // in most documents
		{"frequent", w[30]}, // in many
		{"mid", w[400]},     // in some
		{"rare", w[8000]},   // in few
		{"two-words", w[30] + " " + w[400]},
		{"phrase", `"` + w[2] + " " + w[3] + `"`},
		{"absent", "zzzzqqq"},
		{"list-page-1", ""},
	} {
		b.Run(q.name, func(b *testing.B) {
			var hits int
			for b.Loop() {
				got, err := s.Documents(ctx, dateline.DocQuery{Text: q.text, Limit: 20})
				if err != nil {
					b.Fatal(err)
				}
				hits = len(got)
			}
			var matching int
			if q.text != "" {
				f := newFolder()
				if err := s.pool.QueryRow(ctx, "SELECT count(*) FROM documents WHERE tsv @@ $1::tsquery", f.parseQuery(q.text).tsquery()).Scan(&matching); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(hits), "hits")
			b.ReportMetric(float64(matching), "matching")
		})
	}
}
