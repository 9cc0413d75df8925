package cli

import (
	"bufio"
	"os"

	"github.com/dateline-news/dateline/internal/analyze/segment"
	"github.com/dateline-news/dateline/internal/eval"
)

// evalSegment scores the tokenizer and sentence splitter against the raw
// text of CoNLL-U files: dateline eval segment [--predictions OUT] FILE.conllu...
func evalSegment(e *env, args []string) int {
	fs := e.flags("eval segment", "eval segment [--predictions OUT.conllu] FILE.conllu...")
	predOut := fs.String("predictions", "", "also write the predicted tokens and sentences as CoNLL-U to this file")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return exitUsage
	}
	var docs []eval.SegmentDoc
	for _, name := range fs.Args() {
		f, err := os.Open(name)
		if err != nil {
			return e.fail("%v", err)
		}
		d, err := eval.ReadSegmentDocs(f, name)
		f.Close()
		if err != nil {
			return e.fail("%v", err)
		}
		docs = append(docs, d...)
	}
	var keep func(eval.SegmentPrediction) error
	var file *os.File
	var out *bufio.Writer
	if *predOut != "" {
		f, err := os.Create(*predOut)
		if err != nil {
			return e.fail("%v", err)
		}
		defer f.Close() // a second Close after the checked one below is harmless
		file, out = f, bufio.NewWriter(f)
		keep = func(p eval.SegmentPrediction) error { return eval.WriteSegmentCoNLLU(out, p) }
	}
	res, err := eval.SegmentScore(e.ctx, segment.New(), docs, keep)
	if err != nil {
		return e.fail("eval segment: %v", err)
	}
	if out != nil {
		if err := out.Flush(); err != nil {
			return e.fail("%v", err)
		}
		if err := file.Close(); err != nil {
			return e.fail("%v", err)
		}
	}
	if err := e.printJSON(res); err != nil {
		return e.fail("%v", err)
	}
	return exitOK
}
