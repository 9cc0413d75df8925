package cli

import (
	"fmt"
	"os"
	"strings"

	"github.com/dateline-news/dateline/internal/worker"
)

// defaultDB is the store used when --db is not given: $DATELINE_DB, else
// dateline.db in the working directory.
func defaultDB() string {
	if p := os.Getenv("DATELINE_DB"); p != "" {
		return p
	}
	return "dateline.db"
}

func runIngest(e *env, args []string) int {
	fs := e.flags("ingest", "ingest [--db PATH | --nats URL] [flags] INPUT...\n\nAnalyses every report in INPUT and stores it; the same document twice is stored once.\nWith --nats the reports are queued for `dateline worker` instead.")
	var in inputFlags
	in.register(fs)
	db := fs.String("db", defaultDB(), "SQLite database file (created if missing; default $DATELINE_DB or ./dateline.db)")
	batch := fs.Int("batch", 256, "documents written per transaction")
	jsonOut := fs.Bool("json", false, "print the closing report as JSON")
	var bf busFlags
	bf.register(fs)
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return exitUsage
	}
	if bf.url != "" {
		// Scale-out: queue the pages for `dateline worker` instead of analysing here.
		return ingestToQueue(e, &bf, in.source(e, fs.Args()), *batch, *jsonOut)
	}
	cfg, err := in.config(e)
	if err != nil {
		return e.fail("%v", err)
	}
	store, err := openStore(e.ctx, *db)
	if err != nil {
		return e.fail("open store: %v", err)
	}
	defer store.Close()

	prog := newProgress(e.stderr, "ingest", 0)
	rep, err := worker.Ingest(e.ctx, in.source(e, fs.Args()), cfg, store, *batch, prog.Add)
	prog.Done()
	if *jsonOut {
		_ = e.printJSON(rep)
	} else {
		printReport(e, rep, *db)
	}
	if err != nil {
		return e.fail("ingest stopped: %v (what was committed before stays stored; rerun to continue)", err)
	}
	if rep.Read > 0 && rep.Rejected == rep.Read {
		return exitFail
	}
	return exitOK
}

func printReport(e *env, rep worker.Report, db string) {
	fmt.Fprintf(e.stdout, "read %d, stored %d, duplicates %d, rejected %d → %s\n", rep.Read, rep.Stored, rep.Duplicates, rep.Rejected, db)
	for _, r := range rep.Rejections {
		fmt.Fprintf(e.stdout, "  rejected %s\n", describe(r.Input, r.Reason))
	}
	if extra := rep.Rejected - len(rep.Rejections); extra > 0 {
		fmt.Fprintf(e.stdout, "  … and %d more rejections\n", extra)
	}
}

// describe names a failed input: "name: reason", or the reason alone when
// it already names its input (read errors carry the path or URL).
func describe(input, reason string) string {
	if input == "" || strings.HasPrefix(reason, input) {
		return reason
	}
	return input + ": " + reason
}
