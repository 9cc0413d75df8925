package cli

import (
	"os"

	"github.com/dateline-news/dateline/internal/analyze/ner"
	"github.com/dateline-news/dateline/internal/eval"
)

// evalNER scores the ner pass on a CoNLL-2003 file (IOB1 or IOB2) with
// conlleval's exact-match entity F1, on gold tokens.
func evalNER(e *env, args []string) int {
	fs := e.flags("eval ner", "eval ner [--predictions OUT] [--model FILE] FILE")
	predOut := fs.String("predictions", "", "write the input columns with the predicted tag appended (conlleval format)")
	modelFile := fs.String("model", "", "score this model file instead of the embedded one")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitUsage
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return e.fail("eval ner: %v", err)
	}
	docs, probs, err := ner.ReadCoNLL(f)
	f.Close()
	if err != nil {
		return e.fail("eval ner: %s: %v", fs.Arg(0), err)
	}
	for _, p := range probs {
		e.log.Warn("eval ner: bad input", "file", fs.Arg(0), "line", p.Line, "problem", p.Msg)
	}
	var rec *ner.Recognizer
	if *modelFile != "" {
		m, err := readModelFile(*modelFile, ner.ReadModel)
		if err != nil {
			return e.fail("eval ner: %v", err)
		}
		rec = ner.New(m)
	} else if rec, err = ner.Load(); err != nil {
		return e.fail("eval ner: %v", err)
	}
	var out *os.File
	if *predOut != "" {
		if out, err = os.Create(*predOut); err != nil {
			return e.fail("eval ner: %v", err)
		}
	}
	var m eval.NERMetrics
	if out != nil {
		m, err = eval.NEREvaluate(e.ctx, rec, docs, out)
		if cerr := out.Close(); err == nil {
			err = cerr
		}
	} else {
		m, err = eval.NEREvaluate(e.ctx, rec, docs, nil)
	}
	if err != nil {
		return e.fail("eval ner: %v", err)
	}
	if err := e.printJSON(m); err != nil {
		return e.fail("eval ner: %v", err)
	}
	return exitOK
}
