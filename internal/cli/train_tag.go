package cli

func trainTag(e *env, args []string) int { return notYet(e, "train tag") }
