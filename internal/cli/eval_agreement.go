package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/dateline-news/dateline/internal/eval"
)

// agreementReport is what `dateline eval quotes-agreement` prints: the
// quotes scorer's metrics with the second annotator of each multiply
// annotated text in the place of the system and the first as gold.
type agreementReport struct {
	eval.QuoteMetrics
	Texts    []string `json:"texts"`    // the texts scored
	Problems int      `json:"problems"` // malformed .ann lines and references
}

// evalQuotesAgreement measures how far PolNeAR's annotators agree with one
// another, in the terms `eval quotes` scores the system: a ceiling to read
// the system's figures against.
func evalQuotesAgreement(e *env, args []string) int {
	fl := e.flags("eval quotes-agreement", "eval quotes-agreement DIR [DIR...]\n\nScores, for every text of the PolNeAR split folders with more than one annotation\nfile, the second annotator (in sorted order) against the first, as `eval quotes` scores\nthe system against the first.")
	if code, ok := parse(fl, args); !ok {
		return code
	}
	if fl.NArg() == 0 {
		fl.Usage()
		return exitUsage
	}
	var counts eval.QuoteCounts
	var rep agreementReport
	for _, dir := range fl.Args() {
		pairs, err := annotatorPairs(dir)
		if err != nil {
			return e.fail("eval quotes-agreement: %v", err)
		}
		for _, p := range pairs {
			text, err := os.ReadFile(p.text)
			if err != nil {
				return e.fail("eval quotes-agreement: %v", err)
			}
			var sides [2][]eval.QuoteAttribution
			for i, ann := range p.anns[:2] {
				f := polnearFile{name: p.name, text: string(text), ann: ann}
				atts, np, err := quoteGoldOf(e, f)
				if err != nil {
					return e.fail("eval quotes-agreement: %s: %v", ann, err)
				}
				rep.Problems += np
				sides[i] = atts
			}
			counts.Add(string(text), sides[0], sides[1])
			rep.Texts = append(rep.Texts, p.name)
		}
	}
	if len(rep.Texts) == 0 {
		return e.fail("eval quotes-agreement: no text with two annotation files under %s", strings.Join(fl.Args(), ", "))
	}
	rep.QuoteMetrics = counts.Metrics()
	if err := e.printJSON(rep); err != nil {
		return e.fail("eval quotes-agreement: %v", err)
	}
	return exitOK
}

// annotatorPair is a text of a PolNeAR folder with its annotation files,
// sorted.
type annotatorPair struct {
	name, text string
	anns       []string
}

// annotatorPairs lists the texts of a PolNeAR split folder that have at
// least two annotation files (attributions/<name>_<annotator>.ann).
func annotatorPairs(dir string) ([]annotatorPair, error) {
	anns, err := filepath.Glob(filepath.Join(dir, "attributions", "*.ann"))
	if err != nil {
		return nil, err
	}
	if len(anns) == 0 {
		return nil, fmt.Errorf("no attributions/*.ann under %s", dir)
	}
	sort.Strings(anns)
	byName := map[string][]string{}
	for _, a := range anns {
		base := strings.TrimSuffix(filepath.Base(a), ".ann")
		i := strings.LastIndexByte(base, '_')
		if i <= 0 {
			continue
		}
		byName[base[:i]] = append(byName[base[:i]], a)
	}
	var out []annotatorPair
	for name, files := range byName {
		if len(files) < 2 {
			continue
		}
		out = append(out, annotatorPair{name: name, text: filepath.Join(dir, "text", name+".txt"), anns: files})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out, nil
}
