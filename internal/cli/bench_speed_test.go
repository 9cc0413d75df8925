//go:build unix

package cli

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/analyze"
	"github.com/dateline-news/dateline/internal/analyze/ner"
	depparse "github.com/dateline-news/dateline/internal/analyze/parse"
	"github.com/dateline-news/dateline/internal/analyze/segment"
	"github.com/dateline-news/dateline/internal/analyze/tag"
	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/repotest"
)

// The language core on many documents: BenchmarkLanguageCore runs over one
// article again and again, so the weights it reads stay in the caches; here
// the 84 texts of the PolNeAR dev split (about 80,000 tokens, when
// ../shared/data is present) each bring their own words, as a stream of
// news does, each round with freshly loaded models.
//
//	go test ./internal/cli -run '^$' -bench 'Corpus' -cpu 1 -count 5

// corpusDocs extracts and segments the PolNeAR dev texts.
func corpusDocs(b *testing.B) []*dateline.Document {
	b.Helper()
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "data", "polnear", "dev", "text", "*.txt"))
	if len(files) == 0 {
		b.Skip("PolNeAR dev texts not found under ../shared/data")
	}
	seg := segment.New()
	var docs []*dateline.Document
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		doc, err := article.Extract(&dateline.Page{Format: dateline.FormatText, Body: body, Source: dateline.SourceRef{Path: f}}, article.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := seg.Run(context.Background(), doc); err != nil {
			b.Fatal(err)
		}
		docs = append(docs, doc)
	}
	return docs
}

// benchCorpus measures the passes from..to (of tag, parse, ner) over the
// corpus, after the passes before them. The tagger and the recogniser keep
// word caches from one document to the next, so each round loads the
// models afresh (not timed): a round is one pass over texts the models have
// not seen, as a stream of news is, not a replay of words already cached.
// loadCore loads the three models of the language core afresh: tag,
// parse, NER.
func loadCore(b *testing.B) []analyze.Pass {
	b.Helper()
	tg, err := tag.Load()
	if err != nil {
		b.Fatal(err)
	}
	pr, err := depparse.Load()
	if err != nil {
		b.Fatal(err)
	}
	rec, err := ner.Load()
	if err != nil {
		b.Fatal(err)
	}
	return []analyze.Pass{tg, pr, rec}
}

func benchCorpus(b *testing.B, from, to string) {
	load := func() []analyze.Pass { return loadCore(b) }
	before, _ := splitPasses(load(), from, to)
	ctx := context.Background()
	docs := corpusDocs(b)
	for _, d := range docs {
		if err := analyze.New(before...).Run(ctx, d); err != nil {
			b.Fatal(err)
		}
	}
	tokens := 0
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		_, measured := splitPasses(load(), from, to)
		run := analyze.New(measured...)
		runtime.GC()
		b.StartTimer()
		cpu0 := repotest.CPUTime()
		for _, base := range docs {
			d := *base
			d.Tokens = append([]dateline.Token(nil), base.Tokens...)
			if err := run.Run(ctx, &d); err != nil {
				b.Fatal(err)
			}
			tokens += len(d.Tokens)
		}
		cpu += repotest.CPUTime() - cpu0
	}
	b.ReportMetric(float64(tokens)/b.Elapsed().Seconds(), "tokens/s")
	b.ReportMetric(float64(tokens)/cpu.Seconds(), "tokens/cpu-s")
}

func BenchmarkCorpusLanguageCore(b *testing.B) { benchCorpus(b, "tag", "ner") }
func BenchmarkCorpusTag(b *testing.B)          { benchCorpus(b, "tag", "tag") }
func BenchmarkCorpusParse(b *testing.B)        { benchCorpus(b, "parse", "parse") }
func BenchmarkCorpusNER(b *testing.B)          { benchCorpus(b, "ner", "ner") }

// BenchmarkCorpusPeakRSS loads the three models of the language core and
// runs tag, parse and NER over the corpus, then reports the process's peak
// resident memory and the live heap after a collection. The peak is the
// process's whole life, so run it alone: go test ./internal/cli -run '^$'
// -bench CorpusPeakRSS -benchtime 2x.
func BenchmarkCorpusPeakRSS(b *testing.B) {
	docs := corpusDocs(b)
	run := analyze.New(loadCore(b)...)
	for b.Loop() {
		for _, d := range docs {
			if err := run.Run(context.Background(), d); err != nil {
				b.Fatal(err)
			}
		}
	}
	peak := repotest.MaxRSS()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	runtime.KeepAlive(run)
	if peak > 0 {
		b.ReportMetric(float64(peak)/(1<<20), "peak-RSS-MB")
	}
	b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "live-heap-MB")
}

// BenchmarkLoadLanguageCore decodes the tagger, parser and NER models,
// concurrently as newPipeline does (ms/op is the wait), and reports the CPU
// time of the three.
func BenchmarkLoadLanguageCore(b *testing.B) {
	cpu0 := repotest.CPUTime()
	for b.Loop() {
		var wg sync.WaitGroup
		errs := make([]error, 3)
		wg.Go(func() { _, errs[0] = tag.Load() })
		wg.Go(func() { _, errs[1] = depparse.Load() })
		wg.Go(func() { _, errs[2] = ner.Load() })
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64((repotest.CPUTime()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
}
