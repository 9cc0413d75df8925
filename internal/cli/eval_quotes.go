package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/analyze"
	"github.com/dateline-news/dateline/internal/analyze/ner"
	parser "github.com/dateline-news/dateline/internal/analyze/parse"
	"github.com/dateline-news/dateline/internal/analyze/quote"
	"github.com/dateline-news/dateline/internal/analyze/segment"
	"github.com/dateline-news/dateline/internal/analyze/tag"
	"github.com/dateline-news/dateline/internal/brat"
	"github.com/dateline-news/dateline/internal/eval"
)

// quotesReport is the JSON that `dateline eval quotes` prints.
type quotesReport struct {
	eval.QuoteMetrics
	Files        int     `json:"files"`
	Tokens       int     `json:"tokens"`
	TokensPerSec float64 `json:"tokens_per_sec"` // the quote pass alone
	Problems     int     `json:"problems"`       // malformed .ann lines and references
}

// polnearFile is one text of a PolNeAR split and the annotation file it is
// scored against: the first in sorted order when there are several.
type polnearFile struct {
	name string // the text's base name without .txt
	text string
	ann  string // path of the .ann file; "" when none
}

// readPolNeAR lists the texts of a PolNeAR split folder (text/*.txt,
// attributions/<name>_<annotator>.ann).
func readPolNeAR(dir string) ([]polnearFile, error) {
	texts, err := filepath.Glob(filepath.Join(dir, "text", "*.txt"))
	if err != nil {
		return nil, err
	}
	if len(texts) == 0 {
		return nil, fmt.Errorf("no text/*.txt under %s", dir)
	}
	anns, err := filepath.Glob(filepath.Join(dir, "attributions", "*.ann"))
	if err != nil {
		return nil, err
	}
	sort.Strings(anns)
	sort.Strings(texts)
	out := make([]polnearFile, 0, len(texts))
	for _, t := range texts {
		name := strings.TrimSuffix(filepath.Base(t), ".txt")
		b, err := os.ReadFile(t)
		if err != nil {
			return nil, err
		}
		f := polnearFile{name: name, text: string(b)}
		for _, a := range anns { // sorted: the first match is the first annotator
			base := strings.TrimSuffix(filepath.Base(a), ".ann")
			if i := strings.LastIndexByte(base, '_'); i > 0 && base[:i] == name {
				f.ann = a
				break
			}
		}
		out = append(out, f)
	}
	return out, nil
}

// polnearDocument makes a document of a PolNeAR text: the first paragraph
// is the title, the others are paragraphs.
func polnearDocument(name, text string) *dateline.Document {
	doc := &dateline.Document{ID: dateline.NewDocID(name, text), Text: text, Source: dateline.SourceRef{Path: name + ".txt"}}
	for i, p := range segment.Paragraphs(text) {
		kind := dateline.BlockParagraph
		if i == 0 {
			kind = dateline.BlockTitle
		}
		doc.Blocks = append(doc.Blocks, dateline.Block{Span: p, Kind: kind})
	}
	return doc
}

// quoteCore returns the passes the quote pass reads: segment, tag, parse
// (when its model is built) and ner.
func quoteCore(e *env) (*analyze.Pipeline, error) {
	tg, err := tag.Load()
	if err != nil {
		return nil, err
	}
	passes := []analyze.Pass{segment.New(), tg}
	if p, err := parser.Load(); err == nil {
		passes = append(passes, p)
	} else {
		e.log.Warn("no parser: quotes without the parse layer", "err", err)
	}
	if rec, err := ner.Load(); err == nil {
		passes = append(passes, rec)
	} else {
		e.log.Warn("no NER model: quotes without mentions", "err", err)
	}
	return analyze.New(passes...), nil
}

// quoteGoldOf reads the gold attributions of f (none when it has no .ann).
func quoteGoldOf(e *env, f polnearFile) ([]eval.QuoteAttribution, int, error) {
	if f.ann == "" {
		return nil, 0, nil
	}
	r, err := os.Open(f.ann)
	if err != nil {
		return nil, 0, err
	}
	defer r.Close()
	a, probs, err := brat.Read(r)
	if err != nil {
		return nil, 0, err
	}
	gold, probs2 := eval.QuoteGold(f.text, a)
	probs = append(probs, probs2...)
	for _, p := range probs {
		e.log.Warn("bad annotation", "file", f.ann, "line", p.Line, "problem", p.Msg)
	}
	return gold, len(probs), nil
}

// quoteEvalSpans converts the pass's attributions for the scorer. Those
// without a cue (scare quotes, quotations continued from an earlier
// speaker) are not attribution relations in PolNeAR's sense and are left
// out.
func quoteEvalSpans(atts []quote.Attribution) []eval.QuoteAttribution {
	sp := func(s dateline.Span) []eval.QuoteSpan {
		if s.Len() == 0 {
			return nil
		}
		return []eval.QuoteSpan{{Start: int(s.Start), End: int(s.End)}}
	}
	out := make([]eval.QuoteAttribution, 0, len(atts))
	for _, a := range atts {
		if a.Cue.Len() == 0 {
			continue
		}
		q := eval.QuoteAttribution{Source: sp(a.Source), Cue: sp(a.Cue)}
		for _, c := range a.Content {
			q.Content = append(q.Content, sp(c)...)
		}
		out = append(out, q)
	}
	return out
}

// evalQuotes scores the quote pass on a PolNeAR split folder.
func evalQuotes(e *env, args []string) int {
	fl := e.flags("eval quotes", "eval quotes [--predictions OUTDIR] [--model FILE] [--cue-bias X] DIR")
	predDir := fl.String("predictions", "", "write the predicted attributions as brat .ann files (named like the texts) to this folder")
	modelFile := fl.String("model", "", "score this model file instead of the embedded one")
	cueBias := fl.Float64("cue-bias", quote.DefaultCueBias, "added to the cue labels' scores before decoding (above 0: more cues)")
	if code, ok := parse(fl, args); !ok {
		return code
	}
	if fl.NArg() != 1 {
		fl.Usage()
		return exitUsage
	}
	files, err := readPolNeAR(fl.Arg(0))
	if err != nil {
		return e.fail("eval quotes: %v", err)
	}
	var qp *quote.Attributor
	if *modelFile != "" {
		m, err := readModelFile(*modelFile, quote.ReadModel)
		if err != nil {
			return e.fail("eval quotes: %v", err)
		}
		qp = quote.NewWithOptions(m, quote.Options{CueBias: float32(*cueBias)})
	} else if qp, err = quote.Load(); err != nil {
		return e.fail("eval quotes: %v", err)
	} else if *cueBias != quote.DefaultCueBias {
		qp = quote.NewWithOptions(qp.Model(), quote.Options{CueBias: float32(*cueBias)})
	}
	core, err := quoteCore(e)
	if err != nil {
		return e.fail("eval quotes: %v", err)
	}
	if *predDir != "" {
		if err := os.MkdirAll(*predDir, 0o755); err != nil {
			return e.fail("eval quotes: %v", err)
		}
	}
	var counts eval.QuoteCounts
	var rep quotesReport
	var passTime time.Duration
	prog := newProgress(e.stderr, "quotes", len(files))
	for _, f := range files {
		if err := e.ctx.Err(); err != nil {
			return e.fail("eval quotes: %v", err)
		}
		gold, np, err := quoteGoldOf(e, f)
		if err != nil {
			return e.fail("eval quotes: %v", err)
		}
		rep.Problems += np
		doc := polnearDocument(f.name, f.text)
		if err := core.Run(e.ctx, doc); err != nil {
			return e.fail("eval quotes: %s: %v", f.name, err)
		}
		start := time.Now()
		atts := qp.Attributions(doc)
		passTime += time.Since(start)
		rep.Tokens += len(doc.Tokens)
		pred := quoteEvalSpans(atts)
		counts.Add(f.text, gold, pred)
		if *predDir != "" {
			if err := writeQuotePredictions(*predDir, f, pred); err != nil {
				return e.fail("eval quotes: %v", err)
			}
		}
		rep.Files++
		prog.Add(1)
	}
	prog.Done()
	rep.QuoteMetrics = counts.Metrics()
	if s := passTime.Seconds(); s > 0 {
		rep.TokensPerSec = float64(rep.Tokens) / s
	}
	if err := e.printJSON(rep); err != nil {
		return e.fail("eval quotes: %v", err)
	}
	return exitOK
}

// writeQuotePredictions writes pred as the brat file <dir>/<name>.ann.
func writeQuotePredictions(dir string, f polnearFile, pred []eval.QuoteAttribution) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	out, err := os.Create(filepath.Join(dir, f.name+".ann"))
	if err != nil {
		return err
	}
	werr := brat.Write(out, eval.QuoteBrat(f.text, pred))
	if cerr := out.Close(); werr == nil {
		werr = cerr
	}
	return werr
}
