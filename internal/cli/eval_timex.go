package cli

func evalTimex(e *env, args []string) int { return notYet(e, "eval timex") }
