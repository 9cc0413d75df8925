package cli

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/bustest"
	"github.com/dateline-news/dateline/internal/nats"
)

// BenchmarkWorkers measures the scale-out path end to end: 'dateline
// worker' processes (the full analysis pipeline) taking reports off NATS
// JetStream and storing them in PostgreSQL. procs=1 and procs=2 run one and
// two worker processes with one analysis slot each; procs=1,slots=2 one
// process with two. Each iteration queues 50 reports and waits until all
// are stored; the models are loaded before the clock starts.
func BenchmarkWorkers(b *testing.B) {
	for _, c := range []struct {
		name         string
		procs, slots int
	}{{"procs=1", 1, 1}, {"procs=2", 2, 1}, {"procs=1,slots=2", 1, 2}} {
		b.Run(c.name, func(b *testing.B) { benchWorkers(b, c.procs, c.slots) })
	}
}

func benchWorkers(b *testing.B, procs, slots int) {
	natsURL := bustest.Server(b, bustest.EnvNATS)
	pgURL := bustest.Server(b, bustest.EnvPostgres)
	article, err := os.ReadFile(filepath.Join("..", "..", "testdata", "examples", "alaska-summit.txt"))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	rb := make([]byte, 6)
	rand.Read(rb)
	name := "bench_" + hex.EncodeToString(rb)

	// A schema and a queue of its own.
	conn, err := pgx.Connect(ctx, pgURL)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+name); err != nil {
		b.Fatal(err)
	}
	defer conn.Exec(ctx, "DROP SCHEMA "+name+" CASCADE")
	u, _ := url.Parse(pgURL)
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	bus, err := nats.Open(ctx, natsURL, nats.Options{Prefix: name})
	if err != nil {
		b.Fatal(err)
	}
	defer func() { bus.Delete(ctx); bus.Close() }()

	seq := 0
	publish := func(n int) {
		pages := make([]*dateline.Page, n)
		for i := range pages {
			seq++
			pages[i] = bustest.Page(fmt.Sprintf("bench/%06d.txt", seq), fmt.Sprintf("Report %d\n\n%s", seq, article))
		}
		if _, err := bus.Publish(ctx, pages); err != nil {
			b.Fatal(err)
		}
	}
	stored := func() int {
		var n int
		if err := conn.QueryRow(ctx, "SELECT count(*) FROM "+name+".documents").Scan(&n); err != nil {
			return 0
		}
		return n
	}
	waitStored := func(n int) {
		deadline := time.Now().Add(5 * time.Minute)
		for stored() < n {
			if time.Now().After(deadline) {
				b.Fatalf("only %d of %d documents stored", stored(), n)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}

	args := strings.Join([]string{"--db", u.String(), "--nats", natsURL, "--nats-prefix", name,
		"--workers", strconv.Itoa(slots), "--batch", "16", "--linger", "50ms", "--published", "2025-08-15"}, "\x1f")
	var cmds []*exec.Cmd
	for range procs {
		cmd := exec.Command(os.Args[0], "-test.run=^TestWorkerChild$")
		cmd.Env = append(os.Environ(), "DATELINE_TEST_WORKER="+args)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	defer func() {
		for _, cmd := range cmds {
			cmd.Process.Signal(syscall.SIGTERM)
			cmd.Wait()
		}
	}()
	// Warm up: every worker loads its models and stores a few reports.
	publish(4 * procs * slots)
	waitStored(seq)

	const perIter = 50
	start := time.Now()
	for b.Loop() {
		publish(perIter)
		waitStored(seq)
	}
	b.ReportMetric(float64(b.N*perIter)/time.Since(start).Seconds(), "articles/s")
}
