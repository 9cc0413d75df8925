package parse

import (
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dateline-news/dateline/internal/conllu"
	"github.com/dateline-news/dateline/internal/repotest"
)

// The speed and accuracy curve of the beam, on a model file and a tagged
// treebank:
//
//	go test ./internal/analyze/parse -run TestCurve -v -model M.bin.gz \
//	    -dev TAGGED.conllu -widths 1,2,4,8 -margins 0,2,4 [-label-tops 1,2,3]
//
// parses the sentences of -dev with the tags they carry (default: EWT dev
// with its gold tags) at every width and margin and prints UAS, LAS and
// tokens per CPU-second (process CPU time, so a loaded machine counts
// only the time the parser had; the best of -reps parses). -prune and
// -label-prune first drop small weights (Model.PruneEach); -write saves
// the model of the last row, so a candidate can be written as measured.
var (
	curveModel    = flag.String("model", "", "model file for TestCurve (default: the embedded model)")
	curveDev      = flag.String("dev", "", "CoNLL-U file TestCurve parses with the tags it carries (default: EWT dev, gold tags)")
	curveWidths   = flag.String("widths", "", "beam widths for TestCurve (comma-separated; default: the model's)")
	curveMargins  = flag.String("margins", "", "beam margins for TestCurve (comma-separated; default: the model's)")
	curveReps     = flag.Int("reps", 1, "parses of the set per measurement in TestCurve")
	curvePrune    = flag.String("prune", "", "first drop the transition weights below these magnitudes in TestCurve (comma-separated; 0: none)")
	curveLPrune   = flag.Float64("label-prune", 0, "and the label weights below this magnitude (0: none)")
	curveTops     = flag.String("label-tops", "", "relations the beam tries per arc in TestCurve (comma-separated; default: the model's; see Model.WithLabelTop)")
	curveBound    = flag.Float64("label-bound", -1, "the bound of the relations' scores in TestCurve (Model.WithLabelBound; -1: the model's)")
	curveEnsemble = flag.String("ensemble", "", "TestCurve also scores the ensemble of these comma-separated model files (as they are: no pruning, width or margin applied)")
	curveWrite    = flag.String("write", "", "TestCurve writes the model of its last row (pruned, width, margin) to this file")
)

func TestCurve(t *testing.T) {
	if *curveModel == "" && *curveDev == "" && *curveWidths == "" && *curveMargins == "" {
		t.Skip("no -model, -dev, -widths or -margins")
	}
	clock := repotest.CPUTime
	if clock() == 0 { // no getrusage here: the wall clock
		clock = func() time.Duration { return time.Duration(time.Now().UnixNano()) }
	}
	m := load(t).Model()
	if *curveModel != "" {
		var err error
		if m, err = readModelFile(*curveModel); err != nil {
			t.Fatal(err)
		}
	}
	dev := *curveDev
	if dev == "" {
		dev = filepath.Join(dataDir(t), "ud", "en_ewt-ud-dev.conllu")
	}
	sents, err := conllu.ReadFile(dev)
	if err != nil {
		t.Fatal(err)
	}
	widths, err := numbers(*curveWidths, float64(m.Beam()))
	if err != nil {
		t.Fatal(err)
	}
	margins, err := numbers(*curveMargins, float64(m.Margin()))
	if err != nil {
		t.Fatal(err)
	}
	tops, err := numbers(*curveTops, float64(m.LabelTop()))
	if err != nil {
		t.Fatal(err)
	}
	prunes, err := numbers(*curvePrune, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("| prune | features | width | margin | relations per arc | UAS | LAS | LAS full | tokens per CPU-second |\n|---|---|---|---|---|---|---|---|---|\n")
	var last *Model
	for _, pr := range prunes {
		mp := m
		if pr > 0 || *curveLPrune > 0 {
			mp = m.PruneEach(float32(pr), float32(*curveLPrune))
		}
		nt, nl := mp.Features()
		for _, k := range widths {
			for _, mg := range margins {
				for _, top := range tops {
					mk := mp.WithBeam(int(k)).WithMargin(float32(mg)).WithLabelTop(int(top))
					if *curveBound >= 0 {
						mk = mk.WithLabelBound(float32(*curveBound))
					}
					last = mk
					s, el := fastest(clock, func() Score { return mk.Evaluate(sents) })
					speed := float64(s.Tokens) / el
					fmt.Printf("| %g | %d+%d | %d | %g | %d | %.2f | %.2f | %.2f | %.0fk |\n", pr, nt, nl, mk.Beam(), mk.Margin(), mk.LabelTop(), 100*s.UAS, 100*s.LAS, 100*s.LASFull, speed/1000)
				}
			}
		}
	}
	if *curveEnsemble != "" {
		var ms []*Model
		for _, f := range strings.Split(*curveEnsemble, ",") {
			m, err := readModelFile(f)
			if err != nil {
				t.Fatal(err)
			}
			ms = append(ms, m)
		}
		e, err := NewEnsemble(ms, nil)
		if err != nil {
			t.Fatal(err)
		}
		s, el := fastest(clock, func() Score { return e.Evaluate(sents) })
		fmt.Printf("ensemble of %d: UAS %.2f LAS %.2f LAS full %.2f, %.0fk tokens per CPU-second\n", len(ms), 100*s.UAS, 100*s.LAS, 100*s.LASFull, float64(s.Tokens)/el/1000)
	}
	if *curveWrite != "" {
		f, err := os.Create(*curveWrite)
		if err != nil {
			t.Fatal(err)
		}
		_, err = last.WriteTo(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

// fastest runs evaluate -reps times and returns its score and the seconds
// of the fastest run: the one the other work on the machine disturbed
// least.
func fastest(clock func() time.Duration, evaluate func() Score) (Score, float64) {
	var s Score
	el := math.Inf(1)
	for range max(*curveReps, 1) {
		start := clock()
		s = evaluate()
		el = min(el, (clock() - start).Seconds())
	}
	return s, el
}

func readModelFile(path string) (*Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadModel(f)
}

// numbers parses a comma-separated list of numbers, def when it is empty.
func numbers(s string, def float64) ([]float64, error) {
	if s == "" {
		return []float64{def}, nil
	}
	var out []float64
	for _, f := range strings.Split(s, ",") {
		v, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}
