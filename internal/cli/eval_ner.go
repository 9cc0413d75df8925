package cli

func evalNER(e *env, args []string) int { return notYet(e, "eval ner") }
