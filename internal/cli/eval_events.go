package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/analyze"
	"github.com/dateline-news/dateline/internal/analyze/actor"
	"github.com/dateline-news/dateline/internal/analyze/event"
	"github.com/dateline-news/dateline/internal/analyze/ner"
	depparse "github.com/dateline-news/dateline/internal/analyze/parse"
	"github.com/dateline-news/dateline/internal/analyze/segment"
	"github.com/dateline-news/dateline/internal/analyze/tag"
	"github.com/dateline-news/dateline/internal/analyze/timex"
	"github.com/dateline-news/dateline/internal/cameo"
	"github.com/dateline-news/dateline/internal/eval"
	"github.com/dateline-news/dateline/internal/resolve"
)

// eventsReport is the JSON that `dateline eval events` prints.
type eventsReport struct {
	eval.EventMetrics
	Problems     int     `json:"problems"`
	Tokens       int     `json:"tokens"`
	TokensPerSec float64 `json:"tokens_per_sec"` // actor + event passes
	Dictionary   string  `json:"dictionary"`
}

// eventsPrediction is one element of the --predictions JSON list.
type eventsPrediction struct {
	ID     string             `json:"id"`
	Events []eval.EventCoding `json:"events"`
}

// evalEvents codes each gold sentence and scores the codings: PETRARCH
// validation XML or a JSON list of PLOVER records.
func evalEvents(e *env, args []string) int {
	fl := e.flags("eval events", "eval events [--predictions OUT.json] [--verbs CAMEO.txt] FILE.xml|FILE.json")
	predPath := fl.String("predictions", "", "write the predicted codings as a JSON list of {id, events: [{cameo, event, source, target, status}]}")
	verbsPath := fl.String("verbs", "", "code with this PETRARCH verb dictionary instead of the committed one (the unit tests assume PETR.Validate.verbs.txt)")
	actorsPath := fl.String("actors", "", "code actors with this PETRARCH actor dictionary instead of the knowledge base (the unit tests assume PETR.Validate.actors.txt)")
	agentsPath := fl.String("agents", "", "with --actors: the PETRARCH agent dictionary (PETR.Validate.agents.txt)")
	explainPath := fl.String("explain", "", "write each sentence's gold and predicted codings, actors and dependency parse to this text file (error analysis)")
	if code, ok := parse(fl, args); !ok {
		return code
	}
	if fl.NArg() != 1 {
		fl.Usage()
		return exitUsage
	}
	path := fl.Arg(0)
	f, err := os.Open(path)
	if err != nil {
		return e.fail("eval events: %v", err)
	}
	var (
		sents []eval.EventSentence
		probs []eval.EventProblem
	)
	if strings.HasSuffix(strings.ToLower(path), ".json") {
		sents, probs, err = eval.EventReadPlover(f)
	} else {
		sents, probs, err = eval.EventReadPetrarch(f)
	}
	f.Close()
	if err != nil {
		return e.fail("eval events: %s: %v", path, err)
	}
	for _, p := range probs {
		e.log.Warn("malformed gold record", "file", path, "line", p.Line, "msg", p.Msg)
	}
	if len(sents) == 0 {
		return e.fail("eval events: no sentences in %s", path)
	}

	dict, plover, err := cameo.Load()
	if err != nil {
		return e.fail("eval events: %v", err)
	}
	rep := eventsReport{Problems: len(probs), Dictionary: "committed (CAMEO 2.0 + dateline)"}
	if *verbsPath != "" {
		vf, err := os.Open(*verbsPath)
		if err != nil {
			return e.fail("eval events: %v", err)
		}
		d, vp, err := cameo.ReadPetrarch(vf, *verbsPath)
		vf.Close()
		if err != nil {
			return e.fail("eval events: %v", err)
		}
		for _, p := range vp {
			e.log.Warn("malformed dictionary line", "problem", p.String())
		}
		dict, rep.Dictionary = d, *verbsPath
	}
	core, actors, kb, err := eventPipeline()
	if err != nil {
		return e.fail("eval events: %v", err)
	}
	if *actorsPath != "" {
		if kb, err = eventDictKB(*actorsPath, *agentsPath); err != nil {
			return e.fail("eval events: %v", err)
		}
		actors = analyze.New(actor.New(kb))
		rep.Dictionary += "; actors " + *actorsPath
	}
	coder := event.New(dict, plover, kb)

	var counts eval.EventCounts
	var preds []eventsPrediction
	var spent time.Duration
	var explain strings.Builder
	prog := newProgress(e.stderr, "events", len(sents))
	for _, s := range sents {
		if err := e.ctx.Err(); err != nil {
			return e.fail("eval events: %v", err)
		}
		doc := &dateline.Document{Text: s.Text, Published: eventDate(s.Date)}
		doc.Blocks = []dateline.Block{{Span: dateline.Span{Start: 0, End: int32(len(s.Text))}, Kind: dateline.BlockParagraph}}
		if err := core.Run(e.ctx, doc); err != nil {
			return e.fail("eval events: %s: %v", s.ID, err)
		}
		start := time.Now()
		if err := actors.Run(e.ctx, doc); err != nil {
			return e.fail("eval events: %s: %v", s.ID, err)
		}
		if err := coder.Run(e.ctx, doc); err != nil {
			return e.fail("eval events: %s: %v", s.ID, err)
		}
		spent += time.Since(start)
		rep.Tokens += len(doc.Tokens)
		pred := eval.EventCodings(doc)
		full := counts.Full
		counts.Add(s, pred, plover.Event)
		if *explainPath != "" {
			explainSentence(&explain, s, doc, pred, counts.Full-full)
		}
		if *predPath != "" {
			if pred == nil {
				pred = []eval.EventCoding{}
			}
			preds = append(preds, eventsPrediction{ID: s.ID, Events: pred})
		}
		prog.Add(1)
	}
	prog.Done()
	rep.EventMetrics = counts.Metrics()
	if sec := spent.Seconds(); sec > 0 {
		rep.TokensPerSec = float64(rep.Tokens) / sec
	}
	if *predPath != "" {
		b, err := json.MarshalIndent(preds, "", "  ")
		if err != nil {
			return e.fail("eval events: %v", err)
		}
		if err := os.WriteFile(*predPath, append(b, '\n'), 0o644); err != nil {
			return e.fail("eval events: %v", err)
		}
	}
	if *explainPath != "" {
		if err := os.WriteFile(*explainPath, []byte(explain.String()), 0o644); err != nil {
			return e.fail("eval events: %v", err)
		}
	}
	if err := e.printJSON(rep); err != nil {
		return e.fail("eval events: %v", err)
	}
	return exitOK
}

// explainSentence writes one sentence of the --explain report: the gold and
// predicted codings, the mentions with their actors' codes, and the parse
// (index, form, UPOS, head, relation) with each event's trigger marked.
func explainSentence(w *strings.Builder, s eval.EventSentence, doc *dateline.Document, pred []eval.EventCoding, full int) {
	fmt.Fprintf(w, "=== %s [%s] full %d/%d\n%s\n", s.ID, s.Category, full, len(s.Codings), s.Text)
	coding := func(c eval.EventCoding) string {
		st := ""
		if c.Status != "" {
			st = " (" + c.Status + ")"
		}
		return fmt.Sprintf("%s %s -> %s%s", c.Cameo, strings.Join(c.Source, ","), strings.Join(c.Target, ","), st)
	}
	if s.NoEvents && len(s.Codings) == 0 {
		fmt.Fprintf(w, "  gold: no events\n")
	}
	for _, c := range s.Codings {
		fmt.Fprintf(w, "  gold: %s\n", coding(c))
	}
	for _, c := range pred {
		fmt.Fprintf(w, "  pred: %s\n", coding(c))
	}
	for _, m := range doc.Mentions {
		code := ""
		if m.Actor >= 0 && m.Actor < len(doc.Actors) {
			code = doc.Actors[m.Actor].Code
		}
		fmt.Fprintf(w, "  mention %q %s %s\n", m.In(doc.Text), m.Type, code)
	}
	trig := map[int32]string{}
	for _, ev := range doc.Events {
		trig[ev.Trigger.Start] += " <" + ev.Code + ">"
	}
	for i, t := range doc.Tokens {
		fmt.Fprintf(w, "  %3d %-16s %-5s %3d %s%s\n", i, t.In(doc.Text), t.UPOS, t.Head, t.Dep, trig[t.Start])
	}
}

// eventPipeline returns the language core (segment, tag, parse, ner,
// timex) and the actor pass with the knowledge base.
func eventPipeline() (core, actors *analyze.Pipeline, kb *resolve.KB, err error) {
	tg, err := tag.Load()
	if err != nil {
		return nil, nil, nil, fmt.Errorf("load tagger: %w", err)
	}
	ps, err := depparse.Load()
	if err != nil {
		return nil, nil, nil, fmt.Errorf("load parser: %w", err)
	}
	rec, err := ner.Load()
	if err != nil {
		return nil, nil, nil, fmt.Errorf("load NER model: %w", err)
	}
	kb, err = resolve.Load()
	if err != nil {
		return nil, nil, nil, fmt.Errorf("load knowledge base: %w", err)
	}
	return analyze.New(segment.New(), tg, ps, rec, timex.New()), analyze.New(actor.New(kb)), kb, nil
}

// eventDate reads YYYYMMDD or YYYY-MM-DD; zero when neither.
func eventDate(s string) time.Time {
	for _, layout := range []string{"20060102", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}

// eventDictKB builds a knowledge base from PETRARCH actor and agent
// dictionaries only (the fictional states of the unit tests).
func eventDictKB(actorsPath, agentsPath string) (*resolve.KB, error) {
	af, err := os.Open(actorsPath)
	if err != nil {
		return nil, err
	}
	defer af.Close()
	in := resolve.BuildInput{
		Countries: resolve.Named{Name: "countries", R: strings.NewReader("")},
		Curated:   resolve.Named{Name: "curated", R: strings.NewReader("")},
		Actors:    []resolve.Named{{Name: actorsPath, R: af}},
		Agents:    resolve.Named{Name: "agents", R: strings.NewReader("")},
	}
	if agentsPath != "" {
		gf, err := os.Open(agentsPath)
		if err != nil {
			return nil, err
		}
		defer gf.Close()
		in.Agents = resolve.Named{Name: agentsPath, R: gf}
	}
	kb, _, err := resolve.Build(in)
	return kb, err
}
