package cli

func evalSegment(e *env, args []string) int { return notYet(e, "eval segment") }
