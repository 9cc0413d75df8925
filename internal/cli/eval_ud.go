package cli

import (
	"fmt"
	"io"
	"os"
	"strings"

	parser "github.com/dateline-news/dateline/internal/analyze/parse"
	"github.com/dateline-news/dateline/internal/conllu"
	"github.com/dateline-news/dateline/internal/eval"
)

// evalUD scores the tagger and the parser on the gold words of CoNLL-U files:
// dateline eval ud [--predictions OUT.conllu] FILE.conllu...
func evalUD(e *env, args []string) int {
	fs := e.flags("eval ud", "eval ud [--predictions OUT.conllu] [--tagger FILE] [--parser FILE] FILE.conllu...")
	predOut := fs.String("predictions", "", "also write the predicted tags, lemmas, heads and relations as CoNLL-U to this file")
	taggerFile := fs.String("tagger", "", "tagger model file (default: the embedded model)")
	parserFile := fs.String("parser", "", "parser model file, or comma-separated files of an ensemble whose trees vote (default: the embedded model)")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return exitUsage
	}
	var gold []conllu.Sentence
	for _, name := range fs.Args() {
		s, err := conllu.ReadFile(name)
		if err != nil {
			return e.fail("%v", err)
		}
		gold = append(gold, s...)
	}
	tagger, err := loadTagger(*taggerFile)
	if err != nil {
		return e.fail("%v", err)
	}
	p, err := loadParser(*parserFile)
	if err != nil {
		return e.fail("%v", err)
	}
	m, pred, err := eval.UDEvaluate(e.ctx, gold, tagger, p)
	if err != nil {
		return e.fail("eval ud: %v", err)
	}
	if *predOut != "" {
		f, err := os.Create(*predOut)
		if err != nil {
			return e.fail("%v", err)
		}
		err = conllu.Write(f, pred)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return e.fail("%v", err)
		}
	}
	if err := e.printJSON(m); err != nil {
		return e.fail("%v", err)
	}
	return exitOK
}

// loadParser loads a parser model file, an ensemble of the comma-separated
// model files (their trees vote, ties to the earlier), or the embedded
// model when path is "".
func loadParser(path string) (*parser.Parser, error) {
	if path == "" {
		return parser.Load()
	}
	var ms []*parser.Model
	for _, name := range strings.Split(path, ",") {
		m, err := readModelFile(name, parser.ReadModel)
		if err != nil {
			return nil, err
		}
		ms = append(ms, m)
	}
	if len(ms) == 1 {
		return parser.New(ms[0]), nil
	}
	e, err := parser.NewEnsemble(ms, nil)
	if err != nil {
		return nil, err
	}
	return parser.WithEnsemble(e), nil
}

// readModelFile reads the model file at path with read, naming the file
// in a read error.
func readModelFile[T any](path string, read func(io.Reader) (T, error)) (T, error) {
	var zero T
	f, err := os.Open(path)
	if err != nil {
		return zero, err
	}
	defer f.Close()
	m, err := read(f)
	if err != nil {
		return zero, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}
