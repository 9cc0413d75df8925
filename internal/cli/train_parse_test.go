package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dateline-news/dateline/internal/conllu"
)

// toyUD is a made-up treebank of three sentence shapes.
const toyUD = `# text = Putin met Trump .
1	Putin	Putin	PROPN	NNP	_	2	nsubj	_	_
2	met	meet	VERB	VBD	_	0	root	_	_
3	Trump	Trump	PROPN	NNP	_	2	obj	_	_
4	.	.	PUNCT	.	_	2	punct	_	_

# text = The talks ended in Alaska .
1	The	the	DET	DT	_	2	det	_	_
2	talks	talk	NOUN	NNS	_	3	nsubj	_	_
3	ended	end	VERB	VBD	_	0	root	_	_
4	in	in	ADP	IN	_	5	case	_	_
5	Alaska	Alaska	PROPN	NNP	_	3	obl	_	_
6	.	.	PUNCT	.	_	3	punct	_	_

# text = Kyiv rejected the plan .
1	Kyiv	Kyiv	PROPN	NNP	_	2	nsubj	_	_
2	rejected	reject	VERB	VBD	_	0	root	_	_
3	the	the	DET	DT	_	4	det	_	_
4	plan	plan	NOUN	NN	_	2	obj	_	_
5	.	.	PUNCT	.	_	2	punct	_	_

`

// TestTrainParseJackknife trains a parser on a toy treebank with tags
// jackknifed in blocks of sentences, by taggers of one pass and of two
// stages: each run writes a model, its card and the jackknifed tags, and
// the same command writes the same tags again; a right-to-left model
// trains too, and eval ud scores the three as an ensemble.
func TestTrainParseJackknife(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "ud"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range append(udTrain, udDevEWT, udDevGUM) {
		if err := os.WriteFile(filepath.Join(dir, f), []byte(strings.Repeat(toyUD, 4)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	train := func(name string, extra ...string) (cache string) {
		t.Helper()
		out := filepath.Join(dir, name, "parser.bin.zst")
		cache = filepath.Join(dir, name, "jk.conllu")
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			t.Fatal(err)
		}
		args := append([]string{"train", "parse", "--data", dir, "--out", out, "--jackknife-cache", cache, "--epochs", "1", "--tag-epochs", "1",
			"--folds", "3", "--clusters", "", "--tag-clusters", ""}, extra...)
		code, _, errs := run(t, "", args...)
		if code != exitOK {
			t.Fatalf("%s: code %d, stderr %s", name, code, errs)
		}
		for _, want := range []string{"jackknife fold 1/3 tagged", "jackknife fold 3/3 tagged", "wrote " + out} {
			if !strings.Contains(errs, want) {
				t.Errorf("%s: stderr lacks %q:\n%s", name, want, errs)
			}
		}
		if _, err := os.Stat(filepath.Join(dir, name, "MODEL.md")); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		sents, err := conllu.ReadFile(cache)
		if err != nil {
			t.Fatal(err)
		}
		if len(sents) != 2*12 {
			t.Errorf("%s: %d jackknifed sentences, want 24", name, len(sents))
		}
		return cache
	}
	train("one", "--fold-block", "2")
	two := train("two", "--fold-block", "2", "--tag-two-stage")
	again := train("again", "--fold-block", "2", "--tag-two-stage")
	read := func(p string) string {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if read(two) != read(again) {
		t.Error("the same jackknife wrote other tags")
	}
	// a right-to-left model, and the three models as an ensemble
	train("back", "--fold-block", "2", "--reverse")
	if card := read(filepath.Join(dir, "back", "MODEL.md")); !strings.Contains(card, "--reverse") || !strings.Contains(card, "right to left") {
		t.Errorf("card of the right-to-left model:\n%s", card)
	}
	gold := filepath.Join(dir, "ud", "en_ewt-ud-dev.conllu")
	var models []string
	for _, name := range []string{"one", "two", "back"} {
		models = append(models, filepath.Join(dir, name, "parser.bin.zst"))
	}
	code, out, errs := run(t, "", "eval", "ud", "--parser", strings.Join(models, ","), gold)
	if code != exitOK || !strings.Contains(out, `"uas"`) {
		t.Errorf("eval ud with an ensemble: code %d, stdout %s, stderr %s", code, out, errs)
	}
	if code, _, errs := run(t, "", "eval", "ud", "--parser", models[0]+","+filepath.Join(dir, "nothing.bin.zst"), gold); code != exitFail || !strings.Contains(errs, "nothing.bin.zst") {
		t.Errorf("eval ud with a missing ensemble member: code %d, stderr %q", code, errs)
	}
	if code, _, errs := run(t, "", "train", "parse", "--data", dir, "--fold-block", "0", "--clusters", "", "--tag-clusters", ""); code != exitFail || !strings.Contains(errs, "--fold-block") {
		t.Errorf("--fold-block 0: code %d, stderr %q", code, errs)
	}
}
