package cli

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/bustest"
	"github.com/dateline-news/dateline/internal/inmem"
	"github.com/dateline-news/dateline/internal/nats"
	"github.com/dateline-news/dateline/internal/postgres"
	"github.com/dateline-news/dateline/internal/sqlite"
	"github.com/dateline-news/dateline/internal/worker"
)

// TestWorkerChild is not a test: the fault test runs this binary with
// -test.run=^TestWorkerChild$ and DATELINE_TEST_WORKER set to the
// arguments of 'dateline worker', to have a worker process it can kill.
func TestWorkerChild(t *testing.T) {
	args := os.Getenv("DATELINE_TEST_WORKER")
	if args == "" {
		t.Skip("helper process for TestWorkerFaults")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	e := &env{ctx: ctx, stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr,
		log: slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})), now: time.Now}
	os.Exit(runWorker(e, strings.Split(args, "\x1f")))
}

// fakeConfig is a fast per-document path: the page's text is the document.
func fakeConfig() worker.Config {
	return worker.Config{Extract: func(p *dateline.Page) (*dateline.Document, error) {
		s := string(p.Body)
		switch {
		case s == "":
			return nil, fmt.Errorf("%w: no extractable text", dateline.ErrInvalid)
		case s == "PANIC":
			panic("extractor bug")
		}
		return &dateline.Document{ID: dateline.NewDocID(p.Source.Key(), s), Source: p.Source, Title: p.Title, Text: s}, nil
	}}
}

// flakyStore fails its first `fail` writes, as a restarting database does.
type flakyStore struct {
	dateline.Store
	fail atomic.Int64
}

func (s *flakyStore) PutDocuments(ctx context.Context, docs []*dateline.Document) (dateline.PutResult, error) {
	if s.fail.Add(-1) >= 0 {
		return dateline.PutResult{}, errors.New("connection refused")
	}
	return s.Store.PutDocuments(ctx, docs)
}

func quietLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// TestQueueWorkers: two workers on one queue and one store, a store that
// fails at first, bad input and a panicking extractor: every good page is
// stored exactly once, the bad ones are dead letters with their reasons.
func TestQueueWorkers(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "q.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	store := &flakyStore{Store: st}
	store.fail.Store(3)
	bus := inmem.New()
	defer bus.Close()

	const n = 300
	var pages []*dateline.Page
	for i := range n {
		pages = append(pages, bustest.Page(fmt.Sprintf("in/%03d.txt", i), fmt.Sprintf("Report %d – “quoted” text", i)))
	}
	pages = append(pages, bustest.Page("in/empty.txt", ""), bustest.Page("in/panic.txt", "PANIC"))
	pages = append(pages, pages[:10]...) // published twice
	rep, err := publishPages(ctx, bus, func(yield func(*dateline.Page, error) bool) {
		for _, p := range pages {
			if !yield(p, nil) {
				return
			}
		}
		yield(nil, errors.New("in/broken.html: read: permission denied"))
	}, 16, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Read != len(pages)+1 || rep.Queued != len(pages) || rep.Rejected != 1 {
		t.Errorf("publish report %+v", rep)
	}

	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var workers []*queueWorker
	var wg sync.WaitGroup
	for range 2 {
		w := newQueueWorker(fakeConfig(), store, 2, 8, 20*time.Millisecond, quietLog())
		workers = append(workers, w)
		wg.Go(func() { w.write(cctx, nil) })
		wg.Go(func() {
			bus.Consume(cctx, w.handle, dateline.ConsumeOptions{Concurrency: 10, MaxDeliver: 2, Backoff: 10 * time.Millisecond})
		})
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		s, _ := bus.Stats(ctx)
		if s.Pending == 0 && s.InFlight == 0 && s.Dead == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("queue not drained: %+v", s)
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	wg.Wait()

	if c, _ := st.CountDocuments(ctx); c != n {
		t.Errorf("%d documents stored, want %d", c, n)
	}
	var total workerReport
	for _, w := range workers {
		r := w.report()
		total.Handled += r.Handled
		total.Stored += r.Stored
		total.Duplicates += r.Duplicates
		total.Rejected += r.Rejected
		total.Retries += r.Retries
	}
	if total.Stored != n || total.Handled != n+10 || total.Duplicates != 10 || total.Rejected != 1 || total.Retries != 3 {
		t.Errorf("workers' reports add up to %+v, want %d stored, %d handled, 10 duplicates, 1 rejected, 3 retries", total, n, n+10)
	}
	kinds := map[string]string{}
	for d, err := range bus.DeadLetters(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		kinds[d.Source.Path] = d.Kind + ": " + d.Reason
	}
	if !strings.HasPrefix(kinds["in/empty.txt"], "invalid: in/empty.txt: invalid input: no extractable text") ||
		!strings.HasPrefix(kinds["in/panic.txt"], "failed: failed 2 times; last: internal error on in/panic.txt: extractor bug") {
		t.Errorf("dead letters: %q", kinds)
	}
}

// TestQueueWorkerStopsGracefully: a worker told to stop while documents
// wait for their batch commits them at once and acknowledges the
// messages, instead of sending them back.
func TestQueueWorkerStopsGracefully(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "g.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	bus := inmem.New()
	defer bus.Close()
	var pages []*dateline.Page
	for i := range 5 {
		pages = append(pages, bustest.Page(fmt.Sprintf("g/%d", i), fmt.Sprintf("text %d", i)))
	}
	if _, err := bus.Publish(ctx, pages); err != nil {
		t.Fatal(err)
	}
	w := newQueueWorker(fakeConfig(), st, 2, 100, time.Hour, quietLog()) // the batch would never fill
	cctx, cancel := context.WithCancel(ctx)
	wctx, wcancel := context.WithCancel(ctx)
	writer := make(chan struct{})
	go func() { w.write(wctx, cctx.Done()); close(writer) }()
	consumed := make(chan error, 1)
	go func() { consumed <- bus.Consume(cctx, w.handle, dateline.ConsumeOptions{Concurrency: 10}) }()
	deadline := time.Now().Add(10 * time.Second)
	for s, _ := bus.Stats(ctx); s.InFlight < 5; s, _ = bus.Stats(ctx) {
		if time.Now().After(deadline) {
			t.Fatalf("handlers not waiting: %+v", s)
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	select {
	case <-consumed:
	case <-time.After(3 * shutdownGrace): // a hang guard only: a loaded machine can be slow
		t.Fatal("Consume did not return after the stop")
	}
	wcancel()
	<-writer
	if c, _ := st.CountDocuments(ctx); c != 5 {
		t.Errorf("%d documents stored at the stop, want 5", c)
	}
	if s, _ := bus.Stats(ctx); s != (dateline.BusStats{}) {
		t.Errorf("queue after a graceful stop: %+v, want every message acknowledged", s)
	}
}

func TestDisplayDB(t *testing.T) {
	for in, want := range map[string]string{
		"news.db": "news.db",
		"postgres://u:secret@db.example:5432/news?sslmode=require": "postgres://u:xxxxx@db.example:5432/news?sslmode=require",
		"postgresql://db.example/news":                             "postgresql://db.example/news",
	} {
		if got := displayDB(in); got != want {
			t.Errorf("displayDB(%q) = %q, want %q", in, got, want)
		}
	}
}

// pgCluster is a throwaway PostgreSQL server of a test's own, so that the
// test can restart it without disturbing other tests.
type pgCluster struct {
	bin, data, url string
	port           int
}

// asPostgres runs a PostgreSQL program as the postgres user when the test
// runs as root (initdb refuses root).
func asPostgres(name string, args ...string) *exec.Cmd {
	if os.Getuid() == 0 {
		return exec.Command("runuser", append([]string{"-u", "postgres", "--", name}, args...)...)
	}
	return exec.Command(name, args...)
}

func startCluster(t *testing.T) *pgCluster {
	t.Helper()
	bin := bustest.Server(t, bustest.EnvPGBin)
	dir, err := os.MkdirTemp("", "dateline-pg-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if os.Getuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			t.Fatalf("running as root needs a postgres user: %v", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			t.Fatal(err)
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	c := &pgCluster{bin: bin, data: filepath.Join(dir, "data"), port: port,
		url: fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", port)}
	if out, err := asPostgres(filepath.Join(bin, "initdb"), "-D", c.data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale").CombinedOutput(); err != nil {
		t.Fatalf("initdb: %v\n%s", err, out)
	}
	c.pgctl(t, "start")
	t.Cleanup(func() { asPostgres(filepath.Join(bin, "pg_ctl"), "-D", c.data, "-m", "immediate", "stop").Run() })
	return c
}

func (c *pgCluster) pgctl(t *testing.T, action string, extra ...string) {
	t.Helper()
	args := append([]string{"-D", c.data, "-l", filepath.Join(c.data, "server.log"), "-w", "-t", "60",
		"-o", fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off", c.port, c.data)}, extra...)
	args = append(args, action)
	if out, err := asPostgres(filepath.Join(c.bin, "pg_ctl"), args...).CombinedOutput(); err != nil {
		t.Fatalf("pg_ctl %s: %v\n%s", action, err, out)
	}
}

// storedPaths returns how many times each source path is stored.
func storedPaths(t *testing.T, url string) map[string]int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return nil
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, "SELECT convert_from(layers, 'UTF8')::jsonb->'source'->>'path' FROM documents")
	if err != nil {
		return nil // not migrated yet
	}
	out := map[string]int{}
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			t.Fatal(err)
		}
		out[p]++
	}
	return out
}

// TestWorkerFaults is the acceptance test of the scale-out path: real
// worker processes on NATS JetStream and PostgreSQL; one is killed with
// SIGKILL mid-batch and the database restarts mid-ingest; a poisoned
// message and an oversized page are on the queue. At the end every page is
// stored exactly once and the two bad messages are dead letters with their
// reasons.
func TestWorkerFaults(t *testing.T) {
	if testing.Short() {
		t.Skip("starts PostgreSQL and worker processes")
	}
	natsURL := bustest.Server(t, bustest.EnvNATS)
	pg := startCluster(t)
	ctx := context.Background()
	b := make([]byte, 6)
	rand.Read(b)
	prefix := "fault_" + hex.EncodeToString(b)
	bus, err := nats.Open(ctx, natsURL, nats.Options{Prefix: prefix, MaxMessage: 256 << 10, AckWait: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { bus.Delete(ctx); bus.Close() }()

	const n = 400
	want := map[string]int{}
	var pages []*dateline.Page
	for i := range n {
		var body bytes.Buffer
		fmt.Fprintf(&body, "Harbour report %d\n\nODESA – Ships left the port on Tuesday, officials said, the %dth convoy since the talks.\n\n", i, i)
		for j := range 8 {
			fmt.Fprintf(&body, "Paragraph %d of report %d says the ministers met for “more than two hours” and agreed to meet again.\n\n", j, i)
		}
		p := bustest.Page(fmt.Sprintf("in/r%04d.txt", i), body.String())
		pages = append(pages, p)
		want[p.Source.Path] = 1
	}
	pages = append(pages, bustest.Page("in/huge.txt", strings.Repeat("Too long. ", 30<<10)))
	rep, err := publishPages(ctx, bus, func(yield func(*dateline.Page, error) bool) {
		for _, p := range pages {
			if !yield(p, nil) {
				return
			}
		}
	}, 64, nil)
	if err != nil || rep.Queued != n || rep.Dead != 1 {
		t.Fatalf("publish: %+v, %v", rep, err)
	}
	if err := bus.PublishRaw(ctx, []byte("\x00 not a page")); err != nil {
		t.Fatal(err)
	}

	args := strings.Join([]string{"--db", pg.url, "--nats", natsURL, "--nats-prefix", prefix,
		"--ack-wait", "2s", "--max-message", strconv.Itoa(256 << 10), "--batch", "8", "--workers", "1", "--published", "2025-03-04", "--until-idle", "--json"}, "\x1f")
	type proc struct {
		cmd  *exec.Cmd
		out  *bytes.Buffer
		done chan error
	}
	var procs []*proc
	start := func(name string) *proc {
		cmd := exec.Command(os.Args[0], "-test.run=^TestWorkerChild$")
		cmd.Env = append(os.Environ(), "DATELINE_TEST_WORKER="+args)
		p := &proc{cmd: cmd, out: new(bytes.Buffer), done: make(chan error, 1)}
		cmd.Stdout, cmd.Stderr = p.out, p.out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		go func() { p.done <- cmd.Wait() }()
		t.Cleanup(func() { cmd.Process.Kill() })
		t.Logf("worker %s: pid %d", name, cmd.Process.Pid)
		procs = append(procs, p)
		return p
	}
	waitStored := func(min int, d time.Duration) int {
		deadline := time.Now().Add(d)
		for {
			got := 0
			for _, c := range storedPaths(t, pg.url) {
				got += c
			}
			if got >= min {
				return got
			}
			running := 0
			for _, p := range procs {
				if p.cmd.ProcessState == nil {
					running++
				}
			}
			if time.Now().After(deadline) || running == 0 {
				for i, p := range procs {
					t.Logf("worker %d said:\n%s", i, p.out)
				}
				t.Fatalf("only %d documents stored after %v, waiting for %d", got, d, min)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}

	a := start("A")
	b2 := start("B")
	// Kill A mid-batch: once documents are being stored, while A holds
	// messages it has not acknowledged.
	waitStored(40, 3*time.Minute)
	s, _ := bus.Stats(ctx)
	if err := a.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-a.done
	t.Logf("killed A with %d messages in flight; A said:\n%s", s.InFlight, a.out)

	// Restart PostgreSQL mid-ingest: B's writes fail until it is back.
	stored := waitStored(120, 3*time.Minute)
	pg.pgctl(t, "restart", "-m", "fast")
	t.Logf("restarted PostgreSQL at %d documents", stored)

	select {
	case err := <-b2.done:
		if err != nil {
			t.Fatalf("worker B: %v\n%s", err, b2.out)
		}
	case <-time.After(4 * time.Minute):
		t.Fatalf("worker B did not finish\n%s", b2.out)
	}
	t.Logf("worker B:\n%s", b2.out)
	bOut := b2.out
	var brep workerReport
	if i := strings.LastIndex(bOut.String(), "{\n"); i >= 0 {
		json.Unmarshal(bOut.Bytes()[i:], &brep)
	}
	if brep.Retries == 0 {
		t.Errorf("worker B never retried a write: the restart did not hit it (report %+v)", brep)
	}

	got := storedPaths(t, pg.url)
	for p := range want {
		if got[p] != 1 {
			t.Errorf("%s stored %d times, want exactly once", p, got[p])
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d distinct documents stored, want %d", len(got), len(want))
	}
	if s, err := bus.Stats(ctx); err != nil || s != (dateline.BusStats{Dead: 2}) {
		t.Errorf("queue at the end: %+v, %v; want empty with 2 dead letters", s, err)
	}
	kinds := map[string]dateline.DeadLetter{}
	for d, err := range bus.DeadLetters(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		kinds[d.Kind] = d
	}
	if d := kinds[dateline.DeadPoison]; !strings.Contains(d.Reason, "decode message") {
		t.Errorf("poisoned message: dead letter %+v", d)
	}
	if d := kinds[dateline.DeadTooLarge]; d.Source.Path != "in/huge.txt" || !strings.Contains(d.Reason, "too large") {
		t.Errorf("oversized page: dead letter %+v", d)
	}
}

// TestIngestToQueue: the --nats path of ingest queues readable pages,
// dead-letters oversized ones and rejects unreadable inputs.
func TestIngestToQueue(t *testing.T) {
	natsURL := bustest.Server(t, bustest.EnvNATS)
	dir := t.TempDir()
	for i := range 5 {
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("r%d.txt", i)), []byte(fmt.Sprintf("Report %d – “text”", i)), 0o644)
	}
	os.WriteFile(filepath.Join(dir, "big.txt"), bytes.Repeat([]byte("long line\n"), 20000), 0o644)
	rb := make([]byte, 6)
	rand.Read(rb)
	bf := busFlags{url: natsURL, prefix: "ingest_" + hex.EncodeToString(rb), replicas: 1, maxMsg: 64 << 10, ackWait: time.Second}
	var stdout, stderr bytes.Buffer
	e := &env{ctx: context.Background(), stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, log: quietLog(), now: time.Now}
	in := inputFlags{maxBytes: 1 << 20}
	code := ingestToQueue(e, &bf, in.source(e, []string{dir, filepath.Join(dir, "missing.txt")}), 4, false)
	bus, err := bf.open(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer func() { bus.Delete(context.Background()); bus.Close() }()
	if code != exitOK || !strings.HasPrefix(stdout.String(), "read 7, queued 5, dead-lettered 1, rejected 1 → ") {
		t.Errorf("exit %d, stdout:\n%s\nstderr:\n%s", code, &stdout, &stderr)
	}
	if s, err := bus.Stats(context.Background()); err != nil || s != (dateline.BusStats{Pending: 5, Dead: 1}) {
		t.Errorf("queue: %+v, %v", s, err)
	}
}

// TestOpenStorePostgres: --db postgres://… opens PostgreSQL, anything else
// SQLite.
func TestOpenStorePostgres(t *testing.T) {
	pgURL := bustest.Server(t, bustest.EnvPostgres)
	ctx := context.Background()
	s, err := openStore(ctx, pgURL)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, ok := s.(*postgres.Store); !ok {
		t.Errorf("openStore(%q) = %T, want *postgres.Store", displayDB(pgURL), s)
	}
	l, err := openStore(ctx, filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if _, ok := l.(*sqlite.Store); !ok {
		t.Errorf("openStore(file) = %T, want *sqlite.Store", l)
	}
	if _, err := openStore(ctx, "postgres://127.0.0.1:1/none?connect_timeout=2"); err == nil {
		t.Errorf("openStore(unreachable) succeeded")
	}
}

// TestScaleOutCommands drives the scale-out path through Run, as a user
// would: ingest --nats queues reports, worker --until-idle stores them in
// PostgreSQL (a page with no text goes to the dead letter), worker
// --dead-letters shows it, and a second
// ingest of the same reports stores nothing twice.
func TestScaleOutCommands(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the models")
	}
	natsURL := bustest.Server(t, bustest.EnvNATS)
	pgURL := bustest.Server(t, bustest.EnvPostgres)
	ctx := context.Background()
	rb := make([]byte, 6)
	rand.Read(rb)
	name := "e2e_" + hex.EncodeToString(rb)
	conn, err := pgx.Connect(ctx, pgURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+name); err != nil {
		t.Fatal(err)
	}
	defer conn.Exec(ctx, "DROP SCHEMA "+name+" CASCADE")
	u, _ := url.Parse(pgURL)
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	db := u.String()

	dir := t.TempDir()
	for i := range 6 {
		text := fmt.Sprintf("Talks resume in Geneva\n\nGENEVA – Negotiators met on Monday for round %d of the talks, officials said.\n", i)
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("r%d.txt", i)), []byte(text), 0o644)
	}
	run := func(args ...string) (int, string) {
		var out bytes.Buffer
		code := Run(ctx, args, strings.NewReader(""), &out, &out)
		return code, out.String()
	}
	queue := []string{"--nats", natsURL, "--nats-prefix", name}
	defer func() {
		if b, err := nats.Open(ctx, natsURL, nats.Options{Prefix: name}); err == nil {
			b.Delete(ctx)
			b.Close()
		}
	}()
	if code, out := run(append([]string{"ingest"}, append(queue, dir)...)...); code != exitOK || !strings.Contains(out, "read 6, queued 6, dead-lettered 0, rejected 0") {
		t.Fatalf("ingest --nats: exit %d\n%s", code, out)
	}
	// Another producer queues a page with no text.
	other, err := nats.Open(ctx, natsURL, nats.Options{Prefix: name})
	if err != nil {
		t.Fatal(err)
	}
	other.Publish(ctx, []*dateline.Page{bustest.Page("feeds/empty.txt", "")})
	other.Close()
	worker := append([]string{"worker", "--db", db, "--until-idle", "--published", "2025-06-02", "--linger", "20ms"}, queue...)
	code, out := run(worker...)
	if code != exitOK || !strings.Contains(out, "handled 6, stored 6, duplicates 0, rejected 1") {
		t.Fatalf("worker: exit %d\n%s", code, out)
	}
	code, out = run(append([]string{"worker", "--dead-letters"}, queue...)...)
	if code != exitOK || strings.Count(out, "\n") != 1 || !strings.Contains(out, `"kind":"invalid"`) || !strings.Contains(out, "feeds/empty.txt") {
		t.Fatalf("worker --dead-letters: exit %d\n%s", code, out)
	}
	// The same reports again: queued, and stored once.
	run(append([]string{"ingest"}, append(queue, dir)...)...)
	if code, out := run(worker...); code != exitOK || !strings.Contains(out, "stored 0, duplicates 6") {
		t.Fatalf("second worker run: exit %d\n%s", code, out)
	}
	s, err := openStore(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	hits, err := s.Documents(ctx, dateline.DocQuery{Text: "negotiators geneva"})
	if err != nil || len(hits) != 6 {
		t.Fatalf("search after the workers: %d hits, %v", len(hits), err)
	}
	doc, err := s.Document(ctx, hits[0].ID)
	if err != nil || len(doc.Tokens) == 0 || len(doc.Sentences) == 0 {
		t.Errorf("stored document lacks the analysis layers: %v", err)
	}
}
