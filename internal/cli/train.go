package cli

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
	return runTask(e, "train", "<task> [flags]", trainTasks(), args)
}

// defaultDataDir is where the gold data lives relative to the checkout.
const defaultDataDir = "../shared/data"
