package cli

import (
	"fmt"
	"os"
	"time"

	"github.com/dateline-news/dateline/internal/analyze"
	"github.com/dateline-news/dateline/internal/analyze/ner"
	"github.com/dateline-news/dateline/internal/analyze/tag"
	"github.com/dateline-news/dateline/internal/analyze/timex"
	"github.com/dateline-news/dateline/internal/cluster"
	"github.com/dateline-news/dateline/internal/eval"
)

// evalStories scores story clustering and cross-document event
// coreference on ECB+: documents are built from the gold tokens, analysed
// (tag, ner, timex), clustered blind in file order (the final stories are
// scored, after the moves that later documents caused), and their gold
// event mentions merged within the predicted stories. With one split it prints
// that split's metrics; with --split all, {"dev": {...}, "train": {...}}.
func evalStories(e *env, args []string) int {
	fl := e.flags("eval stories", "eval stories [--split dev|train|all|combined] [--predictions OUT] [--shuffles N] DIR")
	split := fl.String("split", "dev", "topics to score: dev (2,5,12,18,21,23,34,35), train (the other topics of 1-35), all (both, separately) or combined (topics 1-35 clustered together in one run)")
	pred := fl.String("predictions", "", "write doc<TAB>cluster lines (TSV) to this file")
	clusters := fl.String("clusters", "", "doc_story_clusters.tsv (default: beside DIR)")
	sentences := fl.String("sentences", "", "ECBplus_coreference_sentences.csv (default: beside DIR)")
	shuffles := fl.Int("shuffles", 0, "also cluster in N random input orders and report the spread")
	threshold := fl.Float64("threshold", 0, "topic threshold (default: the one chosen on the train topics)")
	eventCut := fl.Float64("event-cut", 0, "average-link cut between the events of a small topic (default: the one chosen on the train topics)")
	neighbours := fl.Int("event-neighbours", 0, "nearest reports of each report whose overlap groups a topic's reports into events (default: the one chosen on the train topics)")
	shared := fl.Float64("event-shared", 0, "average share of nearest neighbours at or above which two groups of a topic's reports are one event (default: the one chosen on the train topics)")
	evThreshold := fl.Float64("event-threshold", 0, "event-coreference threshold (default: the one chosen on the train topics)")
	noPairs := fl.Bool("no-lemma-pairs", false, "ignore the learned table of coreferring trigger-lemma pairs (ablation)")
	lemmaW := fl.Float64("event-lemma-weight", 0, "weight of a shared trigger lemma (default: the one chosen on the train topics)")
	argW := fl.Float64("event-arg-weight", 0, "weight of shared participants, times and places (default: the one chosen on the train topics)")
	ctxW := fl.Float64("event-context-weight", 0, "weight of the sentences' lemma cosine (default: the one chosen on the train topics)")
	noSyns := fl.Bool("no-synonyms", false, "ignore the WordNet synonym and derivation pairs of trigger lemmas (ablation)")
	synWeight := fl.Float64("event-synonym-weight", 0, "share of the lemma weight for WordNet synonyms (default: the one chosen on the train topics)")
	learn := fl.Int("learn-pairs", 0, "instead of scoring, print the trigger-lemma pairs of the split's gold stories that corefer at least N times in two topics or more (TSV: a, b, coreferring pairs, pairs, topics)")
	learnPrec := fl.Float64("learn-precision", 0.3, "with --learn-pairs: the least share of a pair's mentions that corefer")
	if code, ok := parse(fl, args); !ok {
		return code
	}
	if fl.NArg() != 1 {
		fl.Usage()
		return exitUsage
	}
	tg, err := tag.Load()
	if err != nil {
		return e.fail("eval stories: %v", err)
	}
	rec, err := ner.Load()
	if err != nil {
		return e.fail("eval stories: %v", err)
	}
	passes := []analyze.Pass{tg, rec, timex.New()}
	if *learn > 0 {
		pairs, err := eval.StoriesLemmaPairs(e.ctx, fl.Arg(0), eval.StoriesOptions{Clusters: *clusters, Sentences: *sentences, Split: *split, Passes: passes}, *learn, *learnPrec)
		if err != nil {
			return e.fail("eval stories: %v", err)
		}
		for _, p := range pairs {
			fmt.Fprintf(e.stdout, "%s\t%s\t%d\t%d\t%d\n", p.A, p.B, p.Coref, p.Pairs, p.Topics)
		}
		return exitOK
	}
	prog := newProgress(e.stderr, "stories", 0)
	start := time.Now()
	res, err := eval.StoriesECB(e.ctx, fl.Arg(0), eval.StoriesOptions{
		Clusters:  *clusters,
		Sentences: *sentences,
		Split:     *split,
		Passes:    passes,
		Story:     cluster.StoryConfig{Threshold: *threshold, EventCut: *eventCut, EventNeighbours: *neighbours, EventShared: *shared},
		Event: cluster.EventConfig{Threshold: *evThreshold, NoLemmaPairs: *noPairs, NoSynonyms: *noSyns, SynonymWeight: *synWeight,
			LemmaWeight: *lemmaW, ArgWeight: *argW, ContextWeight: *ctxW},
		Shuffles: *shuffles,
		Progress: prog.Add,
		Warn:     func(msg string) { e.log.Warn(msg) },
	})
	prog.Done()
	if err != nil {
		return e.fail("eval stories: %v", err)
	}
	if *pred != "" {
		f, err := os.Create(*pred)
		if err != nil {
			return e.fail("eval stories: %v", err)
		}
		werr := eval.WriteStoriesPredictions(f, res)
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			return e.fail("eval stories: %v", werr)
		}
	}
	e.log.Info("eval stories", "seconds", time.Since(start).Seconds())
	var out any = res[0]
	if len(res) > 1 {
		m := map[string]eval.StoriesSplit{}
		for _, r := range res {
			m[r.Split] = r
		}
		out = m
	}
	if err := e.printJSON(out); err != nil {
		return e.fail("eval stories: %v", err)
	}
	return exitOK
}
