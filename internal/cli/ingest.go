package cli

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"time"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/claim"
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
	db := fs.String("db", defaultDB(), "store: a SQLite file (created if missing) or a postgres:// URL (default $DATELINE_DB or ./dateline.db)")
	batch := fs.Int("batch", 256, "documents written per transaction")
	jsonOut := fs.Bool("json", false, "print the closing report as JSON")
	noStories := fs.Bool("no-stories", false, "store the documents without grouping them into stories (a later ingest groups them)")
	storiesNow := fs.String("now", "", "the date expected events are checked against (YYYY-MM-DD or RFC 3339; default: the clock)")
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

	now, err := parseNow(*storiesNow)
	if err != nil {
		return e.fail("--now: %v", err)
	}

	prog := newProgress(e.stderr, "ingest", 0)
	rep, err := worker.Ingest(e.ctx, in.source(e, fs.Args()), cfg, store, *batch, prog.Add)
	prog.Done()
	var srep *worker.StoryReport
	if ss, ok := store.(dateline.StoryStore); ok && err == nil && !*noStories {
		var r worker.StoryReport
		r, err = tellStories(e, store, ss, now)
		srep = &r
		if err != nil {
			err = fmt.Errorf("stories: %w", err)
		}
	}
	if *jsonOut {
		_ = e.printJSON(struct {
			worker.Report
			Stories *worker.StoryReport `json:"stories,omitempty"`
		}{rep, srep})
	} else {
		printReport(e, rep, displayDB(*db))
		if srep != nil {
			fmt.Fprintf(e.stdout, "stories: %d documents placed (%d copies), %d new stories, %d moved, %d views rebuilt\n",
				srep.Documents, srep.Copies, srep.New, srep.Moved, srep.Rebuilt)
		}
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

// tellStories groups the stored documents not yet in a story into stories
// and rebuilds the views of the stories that changed.
func tellStories(e *env, store dateline.Store, ss dateline.StoryStore, now time.Time) (worker.StoryReport, error) {
	facts, err := claim.DefaultFacts()
	if err != nil {
		return worker.StoryReport{}, err
	}
	cfg := worker.StorytellerConfig{Facts: facts}
	if !now.IsZero() {
		cfg.Now = func() time.Time { return now }
	}
	// Another ingest or worker may save the story state between our load and
	// our save (ErrConflict): reload and place what is still unplaced.
	var total worker.StoryReport
	for attempt := 1; ; attempt++ {
		r, err := worker.NewStoryteller(cfg).Update(e.ctx, store, ss)
		total.Documents += r.Documents
		total.Copies += r.Copies
		total.New += r.New
		total.Moved += r.Moved
		total.Rebuilt += r.Rebuilt
		if err == nil || !errors.Is(err, dateline.ErrConflict) || attempt == 10 {
			return total, err
		}
		select {
		case <-e.ctx.Done():
			return total, e.ctx.Err()
		case <-time.After(time.Duration(attempt*50+rand.IntN(100)) * time.Millisecond):
		}
	}
}

// parseNow reads a --now value: "" (the clock), a date or an RFC 3339 time.
func parseNow(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	return time.Parse(time.RFC3339, s)
}
