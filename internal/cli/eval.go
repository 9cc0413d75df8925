package cli

import (
	"fmt"
	"sort"
)

// evalTasks maps `dateline eval <task>` to its implementation. Each task
// lives in its own file (eval_<task>.go) and prints one JSON object of
// metrics on stdout, as docs/formats.md and DESIGN.md describe.
func evalTasks() map[string]command {
	return map[string]command{
		"extract":          {"web page -> article body and metadata (JSONL manifest)", evalExtract},
		"segment":          {"tokens and sentence boundaries against UD raw text (CoNLL-U)", evalSegment},
		"ud":               {"POS tags and dependency parse on gold tokens (CoNLL-U)", evalUD},
		"ner":              {"named entities (CoNLL-2003 columns)", evalNER},
		"timex":            {"time expressions (folder of TimeML .tml files)", evalTimex},
		"stories":          {"story clustering and cross-document event coreference (ECB+ folder)", evalStories},
		"quotes":           {"who said what: source, cue, content (PolNeAR split folder)", evalQuotes},
		"quotes-agreement": {"how PolNeAR's annotators agree, scored as `eval quotes` scores the system", evalQuotesAgreement},
		"timeline":         {"entity timelines across documents (SemEval-2015 Task 4 layout)", evalTimeline},
		"events":           {"CAMEO events (PETRARCH validation XML or a JSON list of PLOVER records)", evalEvents},
	}
}

func runEval(e *env, args []string) int {
	return runTask(e, "eval", "<task> [flags] PATH", evalTasks(), args)
}

// runTask dispatches `dateline <group> <task> ...` to the task's command.
func runTask(e *env, group, usageTail string, tasks map[string]command, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintf(e.stderr, "Usage: dateline %s %s\n\nTasks:\n", group, usageTail)
		listTasks(e, tasks)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	t, ok := tasks[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "dateline %s: unknown task %q\n", group, args[0])
		listTasks(e, tasks)
		return exitUsage
	}
	return t.run(e, args[1:])
}

func listTasks(e *env, tasks map[string]command) {
	names := make([]string, 0, len(tasks))
	for n := range tasks {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(e.stderr, "  %-8s %s\n", n, tasks[n].summary)
	}
}
