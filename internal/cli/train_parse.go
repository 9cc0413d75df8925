package cli

func trainParse(e *env, args []string) int { return notYet(e, "train parse") }
