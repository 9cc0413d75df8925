package cli

import (
	"bufio"
	"os"
	"path/filepath"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/eval"
)

// evalExtract runs `dateline eval extract [--predictions OUT] MANIFEST`:
// the article layer over every page of a JSONL manifest, scored on the
// snippets, body and metadata the manifest gives.
func evalExtract(e *env, args []string) int {
	fs := e.flags("eval extract", "eval extract [--predictions OUT] [--workers N] [--fast] MANIFEST")
	preds := fs.String("predictions", "", "also write the predictions as JSONL {html, body, title, date, author} to this file")
	workers := fs.Int("workers", 0, "pages extracted in parallel (0: one per core)")
	fast := fs.Bool("fast", false, "skip the fallback extractors and the extensive date search")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitUsage
	}
	path := fs.Arg(0)
	f, err := os.Open(path)
	if err != nil {
		return e.fail("eval extract: %v", err)
	}
	cases, err := eval.ExtractReadManifest(f)
	f.Close()
	if err != nil {
		return e.fail("eval extract: %s: %v", path, err)
	}
	if len(cases) == 0 {
		return e.fail("eval extract: %s: no pages", path)
	}

	cfg := eval.ExtractConfig{Workers: *workers}
	if *preds != "" {
		out, err := os.Create(*preds)
		if err != nil {
			return e.fail("eval extract: %v", err)
		}
		defer out.Close()
		w := bufio.NewWriter(out)
		cfg.Predictions = w
		defer func() {
			if err := w.Flush(); err != nil {
				e.fail("eval extract: write %s: %v", *preds, err)
			}
		}()
	}
	bar := newProgress(e.stderr, "extract", len(cases))
	cfg.Progress = bar.Add

	opt := article.Options{Fast: *fast, Now: e.now}
	extract := func(p *dateline.Page) (eval.ExtractPrediction, error) {
		doc, err := article.Extract(p, opt)
		if err != nil {
			return eval.ExtractPrediction{}, err
		}
		return eval.ExtractFromDocument(doc), nil
	}
	m, err := eval.ExtractEvaluate(e.ctx, filepath.Dir(path), cases, extract, cfg)
	bar.Done()
	if err != nil {
		return e.fail("eval extract: %v", err)
	}
	if err := e.printJSON(m); err != nil {
		return e.fail("eval extract: %v", err)
	}
	return exitOK
}
