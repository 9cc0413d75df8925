package cli

import "fmt"

// trainTasks maps `dateline train <task>` to its implementation, each in
// its own file (train_<task>.go). Training reads ../shared/data (or --data)
// and writes the model file that the pass embeds, with its model card.
func trainTasks() map[string]command {
	return map[string]command{
		"tag":    {"POS tagger and lemmatiser from UD EWT + GUM", trainTag},
		"parse":  {"dependency parser from UD EWT + GUM", trainParse},
		"ner":    {"named-entity recogniser from CoNLL++", trainNER},
		"quotes": {"attribution labeller (source, cue, content) from PolNeAR train", trainQuotes},
	}
}

func runTrain(e *env, args []string) int {
	tasks := trainTasks()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintln(e.stderr, "Usage: dateline train <task> [flags]\n\nTasks:")
		listTasks(e, tasks)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	t, ok := tasks[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "dateline train: unknown task %q\n", args[0])
		listTasks(e, tasks)
		return exitUsage
	}
	return t.run(e, args[1:])
}

// defaultDataDir is where the gold data lives relative to the checkout.
const defaultDataDir = "../shared/data"
