package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/analyze/quote"
	"github.com/dateline-news/dateline/internal/eval"
)

// trainQuotes trains the attribution labeller on PolNeAR train, scores it
// on dev, and writes the gzip model file the quote pass embeds.
func trainQuotes(e *env, args []string) int {
	fl := e.flags("train quotes", "train quotes [--data DIR] [--out FILE] [--seed N] [--epochs N] [--folds N] [--bits N] [--holdout N] [--predictions DIR] [--phrase-min N] [--seeds N]")
	data := fl.String("data", defaultDataDir, "gold data folder (reads polnear/train and polnear/dev)")
	out := fl.String("out", "internal/analyze/quote/model/"+quote.ModelFile, "model file to write")
	seed := fl.Uint64("seed", 1, "random seed")
	epochs := fl.Int("epochs", 16, "passes over the training data per stage")
	folds := fl.Int("folds", 4, "jackknife folds for the second stage")
	bits := fl.Int("bits", 19, "log2 of the number of feature buckets")
	seeds := fl.Int("seeds", 1, "train with seeds SEED … SEED+N-1 and average the weights")
	phraseMin := fl.Int("phrase-min", 0, "learn multi-word cues annotated as a whole at least N times (0: none)")
	limit := fl.Int("limit", 0, "train on the first N texts only (0: all)")
	holdout := fl.Int("holdout", 0, "error analysis: hold out every Nth train text and score on those instead of dev (0: train on all, score on dev)")
	predDir := fl.String("predictions", "", "write the predicted attributions of the scored texts as brat .ann files to this folder")
	if code, ok := parse(fl, args); !ok {
		return code
	}
	core, err := quoteCore(e)
	if err != nil {
		return e.fail("train quotes: %v", err)
	}
	load := func(split string, limit int) ([]quote.Example, []polnearFile, [][]eval.QuoteAttribution, error) {
		files, err := readPolNeAR(filepath.Join(*data, "polnear", split))
		if err != nil {
			return nil, nil, nil, err
		}
		if limit > 0 && limit < len(files) {
			files = files[:limit]
		}
		prog := newProgress(e.stderr, "read "+split, len(files))
		var exs []quote.Example
		var golds [][]eval.QuoteAttribution
		for _, f := range files {
			gold, _, err := quoteGoldOf(e, f)
			if err != nil {
				return nil, nil, nil, err
			}
			doc := polnearDocument(f.name, f.text)
			if err := core.Run(e.ctx, doc); err != nil {
				return nil, nil, nil, fmt.Errorf("%s: %w", f.name, err)
			}
			ex := quote.Example{Doc: doc}
			for _, g := range gold {
				ex.Gold = append(ex.Gold, quote.Gold{Source: quoteSpans(g.Source), Cue: quoteSpans(g.Cue), Content: quoteSpans(g.Content)})
			}
			exs = append(exs, ex)
			golds = append(golds, gold)
			prog.Add(1)
		}
		prog.Done()
		return exs, files, golds, nil
	}
	start := time.Now()
	train, trainFiles, trainGold, err := load("train", *limit)
	if err != nil {
		return e.fail("train quotes: %v", err)
	}
	var dev []quote.Example
	var devFiles []polnearFile
	var devGold [][]eval.QuoteAttribution
	if *holdout > 1 { // every Nth train text is scored instead of dev
		var keep []quote.Example
		for i, ex := range train {
			if i%*holdout == 0 {
				dev, devFiles, devGold = append(dev, ex), append(devFiles, trainFiles[i]), append(devGold, trainGold[i])
			} else {
				keep = append(keep, ex)
			}
		}
		train = keep
	} else if dev, devFiles, devGold, err = load("dev", 0); err != nil {
		return e.fail("train quotes: %v", err)
	}
	fmt.Fprintf(e.stderr, "read %d train and %d dev texts in %s\n", len(train), len(dev), time.Since(start).Round(time.Second))
	start = time.Now()
	m, err := quote.Train(e.ctx, train, quote.TrainOptions{
		Epochs: *epochs, Folds: *folds, Bits: uint8(*bits), Seed: *seed, PhraseMin: *phraseMin, Seeds: *seeds,
		Logf: func(format string, a ...any) { fmt.Fprintf(e.stderr, format+"\n", a...) },
	})
	if err != nil {
		return e.fail("train quotes: %v", err)
	}
	fmt.Fprintf(e.stderr, "trained in %s\n", time.Since(start).Round(time.Second))
	write := func() error {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		_, werr := m.WriteTo(f)
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		return werr
	}
	if err := write(); err != nil { // written now, and again with its dev scores
		return e.fail("train quotes: %v", err)
	}
	qp := quote.New(m)
	var counts eval.QuoteCounts
	for i, ex := range dev {
		pred := quoteEvalSpans(qp.Attributions(ex.Doc))
		counts.Add(devFiles[i].text, devGold[i], pred)
		if *predDir != "" {
			if err := writeQuotePredictions(*predDir, devFiles[i], pred); err != nil {
				return e.fail("train quotes: %v", err)
			}
		}
	}
	met := counts.Metrics()
	split := "dev"
	if *holdout > 1 {
		split = fmt.Sprintf("every %dth train text held out", *holdout)
	}
	m.Meta = fmt.Sprintf("PolNeAR train (%d texts), seed %d (%d seeds averaged), %d epochs, %d folds, 2^%d buckets, multi-word cues seen %d times; %s overlap F1 source %.1f cue %.1f content %.1f, attribution F1 %.1f",
		len(train), *seed, *seeds, *epochs, *folds, *bits, *phraseMin, split, 100*met.Source.OverlapF1, 100*met.Cue.OverlapF1, 100*met.Content.OverlapF1, 100*met.AttributionF1)
	if err := write(); err != nil {
		return e.fail("train quotes: %v", err)
	}
	fmt.Fprintf(e.stderr, "model written to %s\n", *out)
	if err := e.printJSON(met); err != nil {
		return e.fail("train quotes: %v", err)
	}
	return exitOK
}

func quoteSpans(qs []eval.QuoteSpan) []dateline.Span {
	out := make([]dateline.Span, len(qs))
	for i, q := range qs {
		out[i] = dateline.Span{Start: int32(q.Start), End: int32(q.End)}
	}
	return out
}
