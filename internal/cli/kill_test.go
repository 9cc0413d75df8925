package cli

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite"
)

// TestMain lets a test re-run this binary as the dateline command, so that
// a real process can be killed mid-ingest.
func TestMain(m *testing.M) {
	if args := os.Getenv("DATELINE_TEST_CHILD"); args != "" {
		os.Exit(Run(context.Background(), strings.Split(args, "\x1f"), os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

func TestIngestKilledMidwayThenRerun(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	if err := os.Mkdir(in, 0o755); err != nil {
		t.Fatal(err)
	}
	const n = 600
	var body bytes.Buffer
	for i := range n {
		body.Reset()
		fmt.Fprintf(&body, "Report number %d\n\nLONDON (Reuters) - Officials said on Tuesday that talks number %d would resume next week.\n\n", i, i)
		for j := range 20 {
			fmt.Fprintf(&body, "Paragraph %d of report %d says the ministers met for more than two hours and agreed to meet again.\n\n", j, i)
		}
		if err := os.WriteFile(filepath.Join(in, fmt.Sprintf("r%04d.txt", i)), body.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(dir, "news.db")
	args := strings.Join([]string{"ingest", "--db", db, "--batch", "16", "--published", "2024-01-02", in}, "\x1f")

	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "DATELINE_TEST_CHILD="+args)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill it once some, but not all, documents are stored.
	deadline := time.Now().Add(60 * time.Second)
	for {
		time.Sleep(20 * time.Millisecond)
		if c := count(t, db); c > 0 || time.Now().After(deadline) {
			break
		}
	}
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	before := count(t, db)
	if before >= n {
		t.Skipf("ingest finished before the kill (%d docs); nothing to test on this machine", before)
	}

	cmd = exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "DATELINE_TEST_CHILD="+args)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("rerun: %v\n%s", err, out)
	}
	if got := count(t, db); got != n {
		t.Fatalf("after kill at %d and rerun: %d documents stored, want %d\n%s", before, got, n, out)
	}
	if !strings.Contains(string(out), fmt.Sprintf("stored %d, duplicates %d", n-before, before)) {
		t.Errorf("rerun report does not account for the %d kept documents:\n%s", before, out)
	}
}

// count reads the number of stored documents without migrating or
// writing: the child process may be creating the database right now.
func count(t *testing.T, db string) int {
	t.Helper()
	if _, err := os.Stat(db); err != nil {
		return 0
	}
	conn, err := sql.Open("sqlite", "file:"+db+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		return 0
	}
	defer conn.Close()
	var c int
	if err := conn.QueryRow("SELECT count(*) FROM documents").Scan(&c); err != nil {
		return 0 // not yet migrated
	}
	return c
}
