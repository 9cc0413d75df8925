package cli

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/analyze"
	depparse "github.com/dateline-news/dateline/internal/analyze/parse"
	"github.com/dateline-news/dateline/internal/analyze/segment"
	"github.com/dateline-news/dateline/internal/analyze/tag"
	"github.com/dateline-news/dateline/internal/analyze/timex"
	"github.com/dateline-news/dateline/internal/eval"
	"github.com/dateline-news/dateline/internal/timeml"
)

// timexReport is the JSON that `dateline eval timex` prints.
type timexReport struct {
	eval.TimexMetrics
	Skipped      int     `json:"skipped_files"`
	Tokens       int     `json:"tokens"`
	TokensPerSec float64 `json:"tokens_per_sec"`
	MsPerDoc     float64 `json:"ms_per_doc"`
}

// evalTimex scores the timex pass on a folder of TimeML files (TempEval-3
// Task A): each file's text is tagged against its DCT and compared with its
// TIMEX3 annotations. As in `dateline analyze`, the segment, tag and parse
// passes run first, so that the tense of a bare weekday or month comes from
// its governing verb; --local-tense runs the timex pass alone (local tense
// cues only).
func evalTimex(e *env, args []string) int {
	fl := e.flags("eval timex", "eval timex [--predictions OUTDIR] [--local-tense] DIR")
	predDir := fl.String("predictions", "", "write the predicted TimeML files (gold text and DCT, our TIMEX3 tags) to this folder")
	local := fl.Bool("local-tense", false, "run the timex pass alone, without the segment, tag and parse passes (tense from local cues)")
	if code, ok := parse(fl, args); !ok {
		return code
	}
	if fl.NArg() != 1 {
		fl.Usage()
		return exitUsage
	}
	root := fl.Arg(0)
	var files []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && (strings.HasSuffix(path, ".tml") || strings.HasSuffix(path, ".tml.TE3input")) {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return e.fail("eval timex: %v", err)
	}
	if len(files) == 0 {
		return e.fail("eval timex: no .tml files under %s", root)
	}
	sort.Strings(files)
	var core *analyze.Pipeline
	if !*local {
		tg, err := tag.Load()
		if err != nil {
			return e.fail("eval timex: load tagger: %v", err)
		}
		ps, err := depparse.Load()
		if err != nil {
			return e.fail("eval timex: load parser: %v", err)
		}
		core = analyze.New(segment.New(), tg, ps)
	}
	tagger := timex.New()
	var counts eval.TimexCounts
	var rep timexReport
	var tagTime time.Duration
	prog := newProgress(e.stderr, "timex", len(files))
	for _, path := range files {
		if err := e.ctx.Err(); err != nil {
			return e.fail("eval timex: %v", err)
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return e.fail("eval timex: %v", err)
		}
		gold, err := timeml.Parse(src)
		if err != nil {
			e.log.Warn("skipping file", "path", path, "err", err)
			rep.Skipped++
			prog.Add(1)
			continue
		}
		doc := &dateline.Document{Text: gold.Text, Published: gold.DCT}
		if core != nil {
			if err := core.Run(e.ctx, doc); err != nil {
				return e.fail("eval timex: %s: %v", path, err)
			}
		}
		start := time.Now()
		if err := tagger.Run(e.ctx, doc); err != nil {
			return e.fail("eval timex: %s: %v", path, err)
		}
		tagTime += time.Since(start)
		rep.Tokens += len(strings.Fields(gold.Text))
		g := make([]eval.TimexSpan, len(gold.Timexes))
		for i, t := range gold.Timexes {
			g[i] = eval.TimexSpan{Start: t.Start, End: t.End, Type: t.Type, Value: t.Value}
		}
		p := make([]eval.TimexSpan, len(doc.Times))
		out := make([]timeml.Timex, len(doc.Times))
		for i, t := range doc.Times {
			p[i] = eval.TimexSpan{Start: int(t.Start), End: int(t.End), Type: t.Type, Value: t.Value}
			out[i] = timeml.Timex{Start: int(t.Start), End: int(t.End), Type: t.Type, Value: t.Value, Mod: t.Mod}
		}
		counts.Add(g, p)
		if *predDir != "" {
			rel, err := filepath.Rel(root, path)
			if err != nil {
				rel = filepath.Base(path)
			}
			dst := filepath.Join(*predDir, strings.TrimSuffix(rel, ".TE3input"))
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				return e.fail("eval timex: %v", err)
			}
			f, err := os.Create(dst)
			if err != nil {
				return e.fail("eval timex: %v", err)
			}
			werr := timeml.Write(f, gold, out)
			if cerr := f.Close(); werr == nil {
				werr = cerr
			}
			if werr != nil {
				return e.fail("eval timex: %v", werr)
			}
		}
		prog.Add(1)
	}
	prog.Done()
	rep.TimexMetrics = counts.Metrics()
	if s := tagTime.Seconds(); s > 0 {
		rep.TokensPerSec = float64(rep.Tokens) / s
	}
	if counts.Docs > 0 {
		rep.MsPerDoc = float64(tagTime.Microseconds()) / 1000 / float64(counts.Docs)
	}
	if err := e.printJSON(rep); err != nil {
		return e.fail("eval timex: %v", err)
	}
	return exitOK
}
