package cli

func evalUD(e *env, args []string) int { return notYet(e, "eval ud") }
