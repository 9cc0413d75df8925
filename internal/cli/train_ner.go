package cli

func trainNER(e *env, args []string) int { return notYet(e, "train ner") }
