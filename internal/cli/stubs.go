package cli

func runAnalyze(e *env, args []string) int { return notYet(e, "analyze") }
func runIngest(e *env, args []string) int  { return notYet(e, "ingest") }
func runServe(e *env, args []string) int   { return notYet(e, "serve") }
