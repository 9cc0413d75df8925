//go:build unix

package cli

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/analyze"
	"github.com/dateline-news/dateline/internal/analyze/ner"
	"github.com/dateline-news/dateline/internal/analyze/segment"
	"github.com/dateline-news/dateline/internal/cluster"
	"github.com/dateline-news/dateline/internal/ecbplus"
)

// ecbSentences reads the ECB+ corpus (when ../shared/data is present) as
// one list of sentences per document, grouped by topic.
func ecbSentences(b *testing.B) [][]string {
	b.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "data", "ecbplus", "ECB+")
	topics, err := os.ReadDir(dir)
	if err != nil {
		b.Skipf("ECB+ not found (%v): the scale benchmark generates its reports from it", err)
	}
	var docs [][]string
	for _, t := range topics {
		files, _ := filepath.Glob(filepath.Join(dir, t.Name(), "*.xml"))
		sort.Strings(files)
		for _, f := range files {
			fh, err := os.Open(f)
			if err != nil {
				b.Fatal(err)
			}
			d, _, err := ecbplus.Parse(fh)
			fh.Close()
			if err != nil || d == nil {
				continue
			}
			var sents []string
			var cur []string
			last := -1
			for _, tk := range d.Tokens {
				if tk.Sentence != last && len(cur) > 0 {
					sents = append(sents, strings.Join(cur, " "))
					cur = cur[:0]
				}
				last = tk.Sentence
				cur = append(cur, tk.Text)
			}
			if len(cur) > 0 {
				sents = append(sents, strings.Join(cur, " "))
			}
			if len(sents) > 2 {
				docs = append(docs, sents[1:]) // the first sentence is the URL
			}
		}
	}
	return docs
}

// variation writes a realistic variant of a report: its sentences partly
// reordered and dropped, numbers changed, dated at day.
func variation(r *rand.Rand, sents []string, day time.Time, id int) *dateline.Document {
	keep := append([]string(nil), sents...)
	if len(keep) > 4 {
		i := 1 + r.IntN(len(keep)-2)
		keep[i], keep[i+1] = keep[i+1], keep[i]
		keep = keep[:len(keep)-r.IntN(len(keep)/3+1)]
	}
	var b strings.Builder
	for _, s := range keep {
		for _, w := range strings.Fields(s) {
			if n, err := strconv.Atoi(w); err == nil && n > 3 && r.IntN(3) == 0 {
				w = strconv.Itoa(n + r.IntN(5))
			}
			b.WriteString(w)
			b.WriteByte(' ')
		}
		b.WriteString("\n\n")
	}
	text := b.String()
	return &dateline.Document{
		ID: dateline.DocID(fmt.Sprint(id)), Text: text, Published: day,
		Blocks: []dateline.Block{{Span: dateline.Span{End: int32(len(strings.TrimRight(text, "\n")))}, Kind: dateline.BlockParagraph}},
	}
}

// BenchmarkStoryScale clusters 10k, 20k and 40k reports generated from the
// ECB+ texts (variations of each report, arriving over time) through
// segment + NER and the story clusterer, and reports the clusterer's time
// and memory per document: they should stay flat from 10k to 40k.
//
//	go test ./internal/cli -run '^$' -bench StoryScale -benchtime 1x
func BenchmarkStoryScale(b *testing.B) {
	base := ecbSentences(b)
	rec, err := ner.Load()
	if err != nil {
		b.Fatal(err)
	}
	pl := analyze.New(segment.New(), rec)
	ctx := context.Background()
	for _, n := range []int{10_000, 20_000, 40_000} {
		r := rand.New(rand.NewPCG(7, uint64(n)))
		start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
		docs := make([]*dateline.Document, n)
		for i := range docs {
			// Reports arrive in waves: each base report is retold a few
			// times over a few days, the corpus cycling over a year.
			src := (i / 4) % len(base)
			day := start.Add(time.Duration(i) * 365 * 24 * time.Hour / time.Duration(n))
			docs[i] = variation(r, base[src], day, i)
			if err := pl.Run(ctx, docs[i]); err != nil {
				b.Fatal(err)
			}
		}
		b.Run(fmt.Sprintf("docs=%dk", n/1000), func(b *testing.B) {
			var perDoc, bytesPerDoc float64
			for b.Loop() {
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				s := cluster.NewStories(cluster.StoryConfig{})
				t0 := time.Now()
				for _, d := range docs {
					s.AddDocument(d)
				}
				perDoc = float64(time.Since(t0).Microseconds()) / float64(n)
				runtime.GC()
				runtime.ReadMemStats(&after)
				bytesPerDoc = float64(after.HeapAlloc-before.HeapAlloc) / float64(n)
				runtime.KeepAlive(s)
			}
			b.ReportMetric(perDoc, "µs/doc")
			b.ReportMetric(bytesPerDoc, "bytes/doc")
		})
	}
}
