package cli

func evalExtract(e *env, args []string) int { return notYet(e, "eval extract") }
