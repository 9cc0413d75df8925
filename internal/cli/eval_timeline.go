package cli

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/analyze"
	"github.com/dateline-news/dateline/internal/analyze/actor"
	"github.com/dateline-news/dateline/internal/analyze/ner"
	depparse "github.com/dateline-news/dateline/internal/analyze/parse"
	"github.com/dateline-news/dateline/internal/analyze/tag"
	"github.com/dateline-news/dateline/internal/analyze/timex"
	"github.com/dateline-news/dateline/internal/eval"
	"github.com/dateline-news/dateline/internal/resolve"
	"github.com/dateline-news/dateline/internal/timeline"
)

// timelineReport is the JSON that `dateline eval timeline` prints.
type timelineReport struct {
	eval.TimelineMetrics
	Corpora   int     `json:"corpora"`
	Documents int     `json:"documents"`
	MsPerDoc  float64 `json:"ms_per_doc"`
}

// timelineCorpus is one set of documents with its gold timelines.
type timelineCorpus struct {
	root string   // the folder that holds both
	gold []string // gold timeline files
	docs []string // CAT documents (raw-text track)
}

// evalTimeline scores entity timelines on SemEval-2015 Task 4 (track A,
// raw text): every corpus under DIR (a folder holding a gold timeline
// folder — TimeLines_* or TimeLines_Gold_Standard — and CAT documents) is
// analysed (tag, parse, ner, actor, timex over the gold tokens), the
// timeline of each gold target entity is built and scored.
func evalTimeline(e *env, args []string) int {
	fl := e.flags("eval timeline", "eval timeline [--predictions OUTDIR] DIR")
	predDir := fl.String("predictions", "", "write the system timelines in the task's layout to this folder (one file per target entity, named like the gold)")
	if code, ok := parse(fl, args); !ok {
		return code
	}
	if fl.NArg() != 1 {
		fl.Usage()
		return exitUsage
	}
	corpora, err := findTimelineCorpora(fl.Arg(0))
	if err != nil {
		return e.fail("eval timeline: %v", err)
	}
	if len(corpora) == 0 {
		return e.fail("eval timeline: no gold timelines with CAT documents under %s", fl.Arg(0))
	}
	core, err := timelinePipeline()
	if err != nil {
		return e.fail("eval timeline: %v", err)
	}
	var counts eval.TimelineCounts
	rep := timelineReport{Corpora: len(corpora)}
	var busy time.Duration
	total := 0
	for _, c := range corpora {
		total += len(c.docs)
	}
	prog := newProgress(e.stderr, "timeline", total)
	for _, c := range corpora {
		var docs []*dateline.Document
		sentNum := map[*dateline.Document][]int{}
		for _, path := range c.docs {
			if err := e.ctx.Err(); err != nil {
				return e.fail("eval timeline: %v", err)
			}
			f, err := os.Open(path)
			if err != nil {
				return e.fail("eval timeline: %v", err)
			}
			cat, err := eval.TimelineReadCAT(f)
			f.Close()
			if err != nil {
				e.log.Warn("skipping document", "path", path, "err", err)
				prog.Add(1)
				continue
			}
			doc, sents := cat.Document()
			start := time.Now()
			if err := core.Run(e.ctx, doc); err != nil {
				return e.fail("eval timeline: %s: %v", path, err)
			}
			busy += time.Since(start)
			docs = append(docs, doc)
			sentNum[doc] = sents
			rep.Documents++
			prog.Add(1)
		}
		for _, gp := range c.gold {
			f, err := os.Open(gp)
			if err != nil {
				return e.fail("eval timeline: %v", err)
			}
			gold, err := eval.TimelineRead(f)
			f.Close()
			if err != nil {
				e.log.Warn("skipping gold timeline", "path", gp, "err", err)
				continue
			}
			start := time.Now()
			sys := eval.TimelineEntity{Name: gold.Name}
			for _, l := range timeline.EntityTimeline(docs, gold.Name) {
				for _, ev := range l.Events {
					tok := ev.Doc.Tokens[ev.Token].Span.In(ev.Doc.Text)
					id := fmt.Sprintf("%s-%d-%s", ev.Doc.ID, sentNum[ev.Doc][ev.Sentence], strings.ReplaceAll(tok, " ", "_"))
					sys.Lines = append(sys.Lines, eval.TimelineLine{Order: l.Order, Date: l.Date, Mentions: []string{id}})
				}
			}
			busy += time.Since(start)
			counts.Add(gold, sys)
			if *predDir != "" {
				rel, err := filepath.Rel(fl.Arg(0), gp)
				if err != nil {
					rel = filepath.Base(gp)
				}
				dst := filepath.Join(*predDir, rel)
				if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
					return e.fail("eval timeline: %v", err)
				}
				out, err := os.Create(dst)
				if err != nil {
					return e.fail("eval timeline: %v", err)
				}
				werr := eval.TimelineWrite(out, sys)
				if cerr := out.Close(); werr == nil {
					werr = cerr
				}
				if werr != nil {
					return e.fail("eval timeline: %v", werr)
				}
			}
		}
	}
	prog.Done()
	rep.TimelineMetrics = counts.Metrics()
	if rep.Documents > 0 {
		rep.MsPerDoc = float64(busy.Microseconds()) / 1000 / float64(rep.Documents)
	}
	if err := e.printJSON(rep); err != nil {
		return e.fail("eval timeline: %v", err)
	}
	return exitOK
}

// timelinePipeline is the analysis over gold tokens: tag, parse, ner,
// actor, timex.
func timelinePipeline() (*analyze.Pipeline, error) {
	tg, err := tag.Load()
	if err != nil {
		return nil, fmt.Errorf("load tagger: %w", err)
	}
	ps, err := depparse.Load()
	if err != nil {
		return nil, fmt.Errorf("load parser: %w", err)
	}
	rec, err := ner.Load()
	if err != nil {
		return nil, fmt.Errorf("load NER model: %w", err)
	}
	kb, err := resolve.Load()
	if err != nil {
		return nil, fmt.Errorf("load knowledge base: %w", err)
	}
	return analyze.New(tg, ps, rec, actor.New(kb), timex.New()), nil
}

// findTimelineCorpora finds the corpora under root: each folder of gold
// timelines (a folder whose name starts with "TimeLines") belongs to its
// parent folder, whose CAT documents (.xml, outside track B and TimeML
// folders) are the corpus.
func findTimelineCorpora(root string) ([]timelineCorpus, error) {
	byRoot := map[string]*timelineCorpus{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(path, ".txt") {
			return nil
		}
		dir := filepath.Dir(path)
		if !strings.HasPrefix(strings.ToLower(filepath.Base(dir)), "timelines") {
			return nil
		}
		parent := filepath.Dir(dir)
		c := byRoot[parent]
		if c == nil {
			c = &timelineCorpus{root: parent}
			byRoot[parent] = c
		}
		c.gold = append(c.gold, path)
		return nil
	})
	if err != nil {
		return nil, err
	}
	var out []timelineCorpus
	for _, c := range byRoot {
		err := filepath.WalkDir(c.root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				l := strings.ToLower(d.Name())
				if path != c.root && (strings.Contains(l, "trackb") || strings.Contains(l, "timeml")) {
					return fs.SkipDir
				}
				return nil
			}
			if strings.HasSuffix(path, ".xml") {
				c.docs = append(c.docs, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if len(c.docs) == 0 {
			continue
		}
		sort.Strings(c.gold)
		sort.Strings(c.docs)
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].root < out[j].root })
	return out, nil
}
