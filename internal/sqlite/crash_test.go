package sqlite

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dateline-news/dateline"
)

const (
	crashBatches  = 16
	crashBatch    = 25
	crashChildEnv = "DATELINE_SQLITE_CRASH_DB"
)

// crashCorpus is the input of the crash tests: the same batches in every
// process.
func crashCorpus() [][]*dateline.Document {
	c := newCorpus(5)
	out := make([][]*dateline.Document, crashBatches)
	for i := range out {
		out[i] = c.docs(i*crashBatch, crashBatch)
	}
	return out
}

// TestCrashChild is the ingest that TestKilledIngest kills: it stores the
// batches one by one and reports each commit on stdout.
func TestCrashChild(t *testing.T) {
	path := os.Getenv(crashChildEnv)
	if path == "" {
		t.Skip("run by TestKilledIngest")
	}
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	for i, batch := range crashCorpus() {
		if _, err := s.PutDocuments(ctx, batch); err != nil {
			t.Fatal(err)
		}
		fmt.Printf("committed %d\n", i+1)
	}
	s.Close()
}

// TestKilledIngest kills an ingest process (SIGKILL) in the middle of its
// batches, then checks that the file is sound, that every committed batch
// is there and no batch is there in part, and that rerunning the ingest
// stores the rest without duplicates.
func TestKilledIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a process")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "crash.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	committed := 0
	lines := bufio.NewScanner(out)
	for committed < 3 && lines.Scan() {
		fmt.Sscanf(lines.Text(), "committed %d", &committed)
	}
	time.Sleep(15 * time.Millisecond) // into the next batch
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	for lines.Scan() { // commits reported before the kill landed
		fmt.Sscanf(lines.Text(), "committed %d", &committed)
	}
	cmd.Wait()
	if committed < 3 {
		t.Fatalf("the child committed %d batches before it died; stderr:\n%s", committed, stderr.String())
	}

	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen after the kill: %v", err)
	}
	defer s.Close()
	checkIntegrity(t, s)
	n, err := s.CountDocuments(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n%crashBatch != 0 || n < committed*crashBatch || n == crashBatches*crashBatch {
		t.Fatalf("after the kill: %d documents; want whole batches, at least the %d committed, not all", n, committed)
	}
	t.Logf("killed after %d committed batches; %d documents on disk", committed, n)

	var res dateline.PutResult
	for _, batch := range crashCorpus() {
		r, err := s.PutDocuments(ctx, batch)
		if err != nil {
			t.Fatal(err)
		}
		res.Stored += r.Stored
		res.Duplicates += r.Duplicates
	}
	if res.Duplicates != n || res.Stored != crashBatches*crashBatch-n {
		t.Errorf("rerun = %+v, want %d duplicates and %d stored", res, n, crashBatches*crashBatch-n)
	}
	if n, _ := s.CountDocuments(ctx); n != crashBatches*crashBatch {
		t.Errorf("after the rerun: %d documents, want %d", n, crashBatches*crashBatch)
	}
	checkIntegrity(t, s)
}

// TestCancelledMidBatch cancels PutDocuments at varying points of a large
// batch: each call stores all of it or none, and a rerun completes it.
func TestCancelledMidBatch(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	s := openTemp(t)
	defer s.Close()
	docs := newCorpus(6).docs(0, 300)
	partial := false
	for i, delay := range []time.Duration{0, time.Millisecond, 5 * time.Millisecond, 20 * time.Millisecond, 60 * time.Millisecond} {
		before, _ := s.CountDocuments(context.Background())
		ctx, cancel := context.WithCancel(context.Background())
		batch := docs[i*60 : (i+1)*60]
		done := make(chan error, 1)
		go func() {
			_, err := s.PutDocuments(ctx, batch)
			done <- err
		}()
		time.Sleep(delay)
		cancel()
		err := <-done
		after, _ := s.CountDocuments(context.Background())
		switch {
		case err != nil && after != before:
			t.Errorf("delay %v: PutDocuments failed (%v) but stored %d documents", delay, err, after-before)
		case err == nil && after != before+len(batch):
			t.Errorf("delay %v: PutDocuments succeeded but stored %d of %d", delay, after-before, len(batch))
		case err != nil:
			partial = true
		}
	}
	if !partial {
		t.Log("no cancellation landed inside a batch (fast machine)")
	}
	res, err := s.PutDocuments(context.Background(), docs)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := s.CountDocuments(context.Background()); n != len(docs) || res.Stored+res.Duplicates != len(docs) {
		t.Errorf("after the rerun: %d documents (%+v), want %d", n, res, len(docs))
	}
	checkIntegrity(t, s)
}

// checkIntegrity runs SQLite's and FTS5's own consistency checks.
func checkIntegrity(t *testing.T, s *Store) {
	t.Helper()
	var ok string
	if err := s.write.QueryRow("PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
		t.Errorf("integrity_check = %q, %v", ok, err)
	}
	if _, err := s.write.Exec("INSERT INTO documents_fts (documents_fts, rank) VALUES ('integrity-check', 1)"); err != nil {
		t.Errorf("FTS5 integrity-check: %v", err)
	}
	var dup int
	if err := s.read.QueryRow("SELECT count(*) - count(DISTINCT id) FROM documents").Scan(&dup); err != nil || dup != 0 {
		t.Errorf("%d duplicate IDs (%v)", dup, err)
	}
}
