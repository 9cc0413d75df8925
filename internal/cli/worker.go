package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"log/slog"
	"math/rand/v2"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/claim"
	"github.com/dateline-news/dateline/internal/nats"
	"github.com/dateline-news/dateline/internal/worker"
)

// defaultNATS is the queue used when --nats is not given: $DATELINE_NATS.
func defaultNATS() string { return os.Getenv("DATELINE_NATS") }

// busFlags are the flags that name and tune the queue.
type busFlags struct {
	url      string
	prefix   string
	replicas int
	maxMsg   int
	ackWait  time.Duration
}

func (f *busFlags) register(fs interface {
	StringVar(*string, string, string, string)
	IntVar(*int, string, int, string)
	DurationVar(*time.Duration, string, time.Duration, string)
}) {
	fs.StringVar(&f.url, "nats", defaultNATS(), "NATS JetStream server(s), nats://host:4222[,nats://…] (default $DATELINE_NATS)")
	fs.StringVar(&f.prefix, "nats-prefix", "dateline", "names of the queue's subjects, streams and consumer")
	fs.IntVar(&f.replicas, "nats-replicas", 1, "replicas of the queue's streams (3 on a three-server JetStream cluster)")
	fs.IntVar(&f.maxMsg, "max-message", dateline.DefaultMaxMessage, "largest queued page in bytes (encoded); larger ones go to the dead letter")
	fs.DurationVar(&f.ackWait, "ack-wait", 30*time.Second, "how long a silent worker keeps its messages before they go to another")
}

func (f *busFlags) open(ctx context.Context) (*nats.Bus, error) {
	if f.url == "" {
		return nil, fmt.Errorf("%w: no queue: give --nats nats://host:4222 or set DATELINE_NATS", dateline.ErrInvalid)
	}
	return nats.Open(ctx, f.url, nats.Options{Prefix: f.prefix, Replicas: f.replicas, MaxMessage: f.maxMsg, AckWait: f.ackWait, Name: "dateline " + hostname()})
}

func hostname() string {
	h, err := os.Hostname()
	if err != nil {
		return "worker"
	}
	return fmt.Sprintf("%s/%d", h, os.Getpid())
}

// workerReport is the closing account of a worker.
type workerReport struct {
	Handled    int64 `json:"handled"`    // messages acknowledged
	Stored     int64 `json:"stored"`     // documents written
	Duplicates int64 `json:"duplicates"` // documents already stored
	Rejected   int64 `json:"rejected"`   // bad input, sent to the dead letter
	Failed     int64 `json:"failed"`     // handler failures, sent back for redelivery
	Retries    int64 `json:"retries"`    // store writes retried
	// Stories: documents this worker's storyteller placed in stories, and
	// the times its batch was refused because another worker had grouped
	// documents meanwhile (it then reloads the state and tries again).
	Storied   int64 `json:"storied"`
	Conflicts int64 `json:"story_conflicts"`
}

func runWorker(e *env, args []string) int {
	fs := e.flags("worker", "worker --db postgres://… --nats nats://… [flags]\n\n"+
		"Takes pages off the queue that 'dateline ingest --nats' fills, analyses them and stores the\n"+
		"documents in batches. Run as many workers, on as many machines, as the queue needs: each\n"+
		"page is acknowledged only once its document is committed, and stored exactly once.")
	var bf busFlags
	bf.register(fs)
	db := fs.String("db", defaultDB(), "store: postgres://… (or a SQLite file for a single worker; default $DATELINE_DB)")
	workers := fs.Int("workers", 0, "documents analysed in parallel (default: the number of CPUs)")
	batch := fs.Int("batch", 64, "documents written per transaction")
	linger := fs.Duration("linger", 200*time.Millisecond, "longest wait to fill a batch before writing it")
	maxDeliver := fs.Int("max-deliver", dateline.DefaultMaxDeliver, "attempts before a failing page goes to the dead letter")
	published := fs.String("published", "", "publication date for pages without one (YYYY-MM-DD or RFC 3339)")
	untilIdle := fs.Bool("until-idle", false, "exit once the queue is empty and nothing is in flight")
	dead := fs.Bool("dead-letters", false, "print the dead letters as JSON lines and exit")
	jsonOut := fs.Bool("json", false, "print the closing report as JSON")
	noStories := fs.Bool("no-stories", false, "store the documents without grouping them into stories (a later worker or ingest groups them)")
	storiesNow := fs.String("now", "", "the date expected events are checked against (YYYY-MM-DD or RFC 3339; default: the clock)")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return exitUsage
	}
	bus, err := bf.open(e.ctx)
	if err != nil {
		return e.fail("open queue: %v", err)
	}
	defer bus.Close()
	if *dead {
		return printDeadLetters(e, bus)
	}
	in := inputFlags{published: *published, workers: *workers}
	cfg, err := in.config(e)
	if err != nil {
		return e.fail("%v", err)
	}
	store, err := openStore(e.ctx, *db)
	if err != nil {
		return e.fail("open store: %v", err)
	}
	defer store.Close()

	n := *workers
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	now, err := parseNow(*storiesNow)
	if err != nil {
		return e.fail("--now: %v", err)
	}
	qw := newQueueWorker(cfg, store, n, max(1, *batch), *linger, e.log)
	if ss, ok := store.(dateline.StoryStore); ok && !*noStories {
		teller, err := newStoryteller(now)
		if err != nil {
			return e.fail("stories: %v", err)
		}
		qw.withStories(teller, ss)
	}
	ctx, cancel := context.WithCancel(e.ctx)
	defer cancel()
	// The writer outlives the consumer: on a stop, the batches in flight
	// commit and their messages are acknowledged.
	wctx, wcancel := context.WithCancel(context.WithoutCancel(e.ctx))
	defer wcancel()
	var wg sync.WaitGroup
	wg.Go(func() { qw.write(wctx, ctx.Done()) })
	wg.Go(func() { qw.tellLoop(wctx) })
	if *untilIdle {
		wg.Go(func() { stopWhenIdle(ctx, cancel, bus, e.log) })
	}
	opts := dateline.ConsumeOptions{Concurrency: n + *batch, MaxDeliver: *maxDeliver}
	err = bus.Consume(ctx, qw.handle, opts)
	cancel()
	wcancel()
	wg.Wait()
	if e.ctx.Err() == nil {
		// Place what this worker stored since its last storyteller run
		// (a worker stopped by a signal leaves that to the next run, of
		// any worker: the documents wait, unmarked, in the store).
		qw.tell(e.ctx)
	}
	rep := qw.report()
	if *jsonOut {
		_ = e.printJSON(rep)
	} else {
		fmt.Fprintf(e.stdout, "handled %d, stored %d, duplicates %d, rejected %d, failed %d, store retries %d → %s\n",
			rep.Handled, rep.Stored, rep.Duplicates, rep.Rejected, rep.Failed, rep.Retries, displayDB(*db))
		if qw.teller != nil {
			fmt.Fprintf(e.stdout, "stories: %d documents placed, %d batches redone after another worker's\n", rep.Storied, rep.Conflicts)
		}
	}
	if err != nil && !errors.Is(err, context.Canceled) {
		return e.fail("worker stopped: %v", err)
	}
	return exitOK
}

// stopWhenIdle cancels the worker once the queue has been empty, with
// nothing in flight, for a few checks in a row.
func stopWhenIdle(ctx context.Context, cancel context.CancelFunc, bus dateline.Bus, log *slog.Logger) {
	const every, needed = 250 * time.Millisecond, 4
	t := time.NewTicker(every)
	defer t.Stop()
	idle := 0
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		s, err := bus.Stats(ctx)
		switch {
		case err != nil:
			log.Warn("queue stats", "err", err)
			idle = 0
		case s.Pending == 0 && s.InFlight == 0:
			idle++
		default:
			idle = 0
		}
		if idle >= needed {
			cancel()
			return
		}
	}
}

func printDeadLetters(e *env, bus dateline.Bus) int {
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	for d, err := range bus.DeadLetters(e.ctx) {
		if err != nil {
			return e.fail("dead letters: %v", err)
		}
		d.Data = nil // the message itself stays on the server
		if err := enc.Encode(d); err != nil {
			return e.fail("%v", err)
		}
	}
	return exitOK
}

// queueWorker is the per-message path of 'dateline worker': a handler that
// analyses a page (at most `slots` at once) and hands the document to one
// writer, which stores documents in batches and tells each handler when its
// document is committed, so that the message is acknowledged only then.
type queueWorker struct {
	cfg    worker.Config
	store  dateline.Store
	slots  chan struct{}
	writes chan *write
	batch  int
	linger time.Duration
	log    *slog.Logger

	// Stories (nil teller: none): after each committed batch the writer
	// nudges tellLoop, which runs the storyteller.
	teller *worker.Storyteller
	ss     dateline.StoryStore
	nudge  chan struct{} // capacity 1: nudges during a run coalesce into one more run

	handled, stored, duplicates, rejected, failed, retries, storied, conflicts atomic.Int64
}

type write struct {
	doc  *dateline.Document
	done chan error // buffered: the writer never blocks on it
}

func newQueueWorker(cfg worker.Config, store dateline.Store, workers, batch int, linger time.Duration, log *slog.Logger) *queueWorker {
	cfg.Workers = 1 // one page per call; the handlers run in parallel
	return &queueWorker{
		cfg: cfg, store: store, slots: make(chan struct{}, workers), writes: make(chan *write),
		batch: batch, linger: linger, log: log,
	}
}

func (w *queueWorker) report() workerReport {
	return workerReport{
		Handled: w.handled.Load(), Stored: w.stored.Load(), Duplicates: w.duplicates.Load(),
		Rejected: w.rejected.Load(), Failed: w.failed.Load(), Retries: w.retries.Load(),
		Storied: w.storied.Load(), Conflicts: w.conflicts.Load(),
	}
}

// handle is the dateline.Handler: page -> document -> committed.
func (w *queueWorker) handle(ctx context.Context, d *dateline.Delivery) error {
	doc, err := w.analyse(ctx, d.Page)
	if err != nil {
		if dateline.IsPermanent(err) {
			w.rejected.Add(1)
		} else if ctx.Err() == nil {
			w.failed.Add(1)
		}
		return err
	}
	wr := &write{doc: doc, done: make(chan error, 1)}
	select {
	case w.writes <- wr:
	case <-ctx.Done():
		return ctx.Err()
	}
	var err2 error
	select {
	case err2 = <-wr.done:
	case <-ctx.Done():
		// Stopping: give the batch this document is in a moment to
		// commit, so that the message is acknowledged rather than
		// delivered again.
		t := time.NewTimer(shutdownGrace)
		defer t.Stop()
		select {
		case err2 = <-wr.done:
		case <-t.C:
			return ctx.Err()
		}
	}
	if err2 != nil {
		if dateline.IsPermanent(err2) {
			w.rejected.Add(1)
		}
		return err2
	}
	w.handled.Add(1)
	return nil
}

// shutdownGrace is how long a stopping worker waits for the batches in
// flight to commit.
const shutdownGrace = 10 * time.Second

// analyse runs the per-document path on one page, in one of the slots.
func (w *queueWorker) analyse(ctx context.Context, p *dateline.Page) (*dateline.Document, error) {
	select {
	case w.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-w.slots }()
	var res worker.Result
	err := worker.Run(ctx, one(p), w.cfg, func(r worker.Result) error { res = r; return nil })
	if err != nil {
		return nil, err
	}
	if res.Err != nil {
		if res.Input == "" || strings.Contains(res.Err.Error(), res.Input) {
			return nil, res.Err
		}
		return nil, fmt.Errorf("%s: %w", res.Input, res.Err)
	}
	if res.Doc == nil {
		return nil, errors.New("no document")
	}
	return res.Doc, nil
}

func one(p *dateline.Page) iter.Seq2[*dateline.Page, error] {
	return func(yield func(*dateline.Page, error) bool) { yield(p, nil) }
}

// write collects documents into batches (up to w.batch, or what arrived
// within w.linger of the first) and stores each batch, until ctx is done.
// When hurry is closed (the worker is stopping) a batch is written without
// waiting for it to fill; ctx should outlive the handlers, so that the
// batches in flight when the worker stops still commit.
func (w *queueWorker) write(ctx context.Context, hurry <-chan struct{}) {
	var pending []*write
	for {
		pending = pending[:0]
		select {
		case wr := <-w.writes:
			pending = append(pending, wr)
		case <-ctx.Done():
			return
		}
		timer := time.NewTimer(w.linger)
	fill:
		for len(pending) < w.batch {
			select {
			case wr := <-w.writes:
				pending = append(pending, wr)
			case <-timer.C:
				break fill
			case <-hurry:
				break fill
			case <-ctx.Done():
				break fill
			}
		}
		timer.Stop()
		w.commit(ctx, pending)
	}
}

// commit stores a batch, retrying while the store is unreachable (a
// restarting database): the handlers wait, and their messages stay theirs.
// A batch the store refuses as invalid is retried one document at a time,
// so that only the bad document is rejected.
func (w *queueWorker) commit(ctx context.Context, batch []*write) {
	docs := make([]*dateline.Document, len(batch))
	for i, wr := range batch {
		docs[i] = wr.doc
	}
	res, err := w.put(ctx, docs)
	if errors.Is(err, dateline.ErrInvalid) && len(batch) > 1 {
		for _, wr := range batch {
			w.commit(ctx, []*write{wr})
		}
		return
	}
	if err == nil {
		w.stored.Add(int64(res.Stored))
		w.duplicates.Add(int64(res.Duplicates))
		w.nudgeStories()
	}
	for _, wr := range batch {
		wr.done <- err
	}
}

// put calls PutDocuments until it succeeds, fails for good (invalid
// input), or ctx is done; the call is idempotent, so a retry after a
// commit whose answer was lost stores nothing twice.
func (w *queueWorker) put(ctx context.Context, docs []*dateline.Document) (dateline.PutResult, error) {
	wait := 100 * time.Millisecond
	for {
		res, err := w.store.PutDocuments(ctx, docs)
		if err == nil || dateline.IsPermanent(err) {
			return res, err
		}
		if ctx.Err() != nil {
			return res, ctx.Err()
		}
		w.retries.Add(1)
		w.log.Warn("store write failed; retrying", "documents", len(docs), "in", wait, "err", err)
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return res, ctx.Err()
		}
		wait = min(2*wait, 5*time.Second)
	}
}

// busReport is the closing account of 'dateline ingest --nats'.
type busReport struct {
	Read       int                `json:"read"`
	Queued     int                `json:"queued"`
	Dead       int                `json:"dead"`
	Rejected   int                `json:"rejected"`
	Rejections []worker.Rejection `json:"rejections,omitempty"`
}

// publishPages is the --nats path of 'dateline ingest': it puts the pages
// on the queue in chunks of batch instead of analysing them here. Pages
// that cannot be read are rejected with the reason, as in a local ingest;
// pages too large for the queue go to its dead letter.
func publishPages(ctx context.Context, bus dateline.Bus, pages iter.Seq2[*dateline.Page, error], batch int, progress func(int)) (busReport, error) {
	var rep busReport
	chunk := make([]*dateline.Page, 0, max(1, batch))
	flush := func() error {
		if len(chunk) == 0 {
			return nil
		}
		res, err := bus.Publish(ctx, chunk)
		rep.Queued += res.Queued
		rep.Dead += res.Dead
		if progress != nil {
			progress(res.Queued + res.Dead)
		}
		chunk = chunk[:0]
		return err
	}
	for p, err := range pages {
		rep.Read++
		if err != nil || p == nil {
			if err == nil {
				err = fmt.Errorf("%w: empty page", dateline.ErrInvalid)
			}
			rep.Rejected++
			if len(rep.Rejections) < 1000 {
				rep.Rejections = append(rep.Rejections, worker.Rejection{Reason: err.Error()})
			}
			continue
		}
		chunk = append(chunk, p)
		if len(chunk) == cap(chunk) {
			if err := flush(); err != nil {
				return rep, err
			}
		}
	}
	return rep, flush()
}

// ingestToQueue runs 'dateline ingest --nats …': what runIngest calls when
// bf.url is set.
func ingestToQueue(e *env, bf *busFlags, pages iter.Seq2[*dateline.Page, error], batch int, jsonOut bool) int {
	bus, err := bf.open(e.ctx)
	if err != nil {
		return e.fail("open queue: %v", err)
	}
	defer bus.Close()
	prog := newProgress(e.stderr, "queue", 0)
	rep, err := publishPages(e.ctx, bus, pages, batch, prog.Add)
	prog.Done()
	if jsonOut {
		_ = e.printJSON(rep)
	} else {
		fmt.Fprintf(e.stdout, "read %d, queued %d, dead-lettered %d, rejected %d → %s\n", rep.Read, rep.Queued, rep.Dead, rep.Rejected, displayDB(bf.url))
		for _, r := range rep.Rejections {
			fmt.Fprintf(e.stdout, "  rejected %s\n", r.Reason)
		}
	}
	if err != nil {
		return e.fail("queueing stopped: %v (what was queued before stays queued)", err)
	}
	if rep.Read > 0 && rep.Rejected == rep.Read {
		return exitFail
	}
	return exitOK
}

// newStoryteller is the storyteller of 'dateline worker': the settings of
// 'dateline ingest' (the dated facts; --now as the clock when given).
func newStoryteller(now time.Time) (*worker.Storyteller, error) {
	facts, err := claim.DefaultFacts()
	if err != nil {
		return nil, err
	}
	cfg := worker.StorytellerConfig{Facts: facts}
	if !now.IsZero() {
		cfg.Now = func() time.Time { return now }
	}
	return worker.NewStoryteller(cfg), nil
}

// withStories makes the worker group the stored documents into stories
// after each committed batch.
//
// Several workers share one clustering: each run of the storyteller loads
// the clusterer's state and its version, places the documents that have no
// story yet (whoever stored them) and saves each batch only if the stored
// version is still the one it started from (StoryStore.SaveStories; on
// PostgreSQL the check holds the state row's lock). A worker that loses the
// race gets dateline.ErrConflict, reloads the state and places what is
// still unplaced. The workers thus take turns on the state version, and the
// clustering is the one a single process would compute over the documents
// in the order they were stored; a document is placed once. A nudge is
// sent at the start too, so that a worker places what a killed one stored
// but never placed.
func (w *queueWorker) withStories(t *worker.Storyteller, ss dateline.StoryStore) {
	w.teller, w.ss = t, &countingStories{StoryStore: ss, placed: &w.storied}
	w.nudge = make(chan struct{}, 1)
	w.nudgeStories()
}

// nudgeStories asks tellLoop for a run; it never blocks.
func (w *queueWorker) nudgeStories() {
	if w.nudge == nil {
		return
	}
	select {
	case w.nudge <- struct{}{}:
	default:
	}
}

// tellLoop runs the storyteller each time it is nudged, until ctx is done.
func (w *queueWorker) tellLoop(ctx context.Context) {
	if w.teller == nil {
		return
	}
	for {
		select {
		case <-w.nudge:
		case <-ctx.Done():
			return
		}
		w.tell(ctx)
	}
}

// tell places every stored document without a story, retrying at once
// (after a short random pause) when another worker saved a batch first, and
// with growing pauses while the store is unreachable. A permanent failure
// (a corrupt stored state) is logged and left for the next nudge.
func (w *queueWorker) tell(ctx context.Context) {
	if w.teller == nil {
		return
	}
	wait := 100 * time.Millisecond
	for ctx.Err() == nil {
		// Most nudges find nothing to do: cheaper than loading the state.
		un, err := w.ss.Unstoried(ctx, 1)
		if err == nil && len(un) == 0 {
			return
		}
		if err == nil {
			if _, err = w.teller.Update(ctx, w.store, w.ss); err == nil {
				return
			}
		}
		var pause time.Duration
		switch {
		case ctx.Err() != nil:
			return
		case errors.Is(err, dateline.ErrConflict):
			w.conflicts.Add(1)
			pause = time.Duration(rand.Int64N(int64(20 * time.Millisecond)))
		case dateline.IsPermanent(err):
			w.log.Error("stories: cannot place documents", "err", err)
			return
		default:
			w.log.Warn("stories: store failed; retrying", "in", wait, "err", err)
			pause, wait = wait, min(2*wait, 5*time.Second)
		}
		t := time.NewTimer(pause)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return
		}
	}
}

// countingStories counts the documents placed by the batches that were
// saved (an Update that stops on a conflict has saved the batches before).
type countingStories struct {
	dateline.StoryStore
	placed *atomic.Int64
}

func (c *countingStories) SaveStories(ctx context.Context, u dateline.StoryUpdate) error {
	if err := c.StoryStore.SaveStories(ctx, u); err != nil {
		return err
	}
	n := 0
	for _, m := range u.Marks {
		if m.Sketch != nil { // a new placement; a move of an earlier document has none
			n++
		}
	}
	c.placed.Add(int64(n))
	return nil
}
