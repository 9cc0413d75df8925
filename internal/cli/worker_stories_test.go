package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
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

// Reports of our own for the stories test: a flood told twice by two
// outlets, one of them republished word for word, and an unrelated match.
const (
	floodMonday = "Floods close roads around Valderra\n\n" +
		"VALDERRA – Heavy rain flooded the river valley around Valderra on Monday, forcing the regional government " +
		"to close three highways and evacuate 2,000 residents, officials said. Governor Marta Ilvane said the army " +
		"would send boats to the villages of Corsin and Brema. “The water is still rising,” Ilvane told reporters.\n"
	floodTuesday = "Valderra evacuates villages as the river bursts its banks\n\n" +
		"VALDERRA – Soldiers used boats on Tuesday to evacuate residents of Corsin and Brema after the Valderra river " +
		"burst its banks, Governor Marta Ilvane said. About 2,000 people have left their homes since Monday’s floods, " +
		"and three highways remain closed. Ilvane said the regional government would ask for emergency funds.\n"
	chessFinal = "Champion keeps her title in Reykjavik\n\n" +
		"REYKJAVIK – The world chess champion kept her title on Sunday after a 14-game match against the challenger, " +
		"the International Chess Federation said. The last game was drawn after 41 moves; the champion won “a hard match”.\n"
)

// storyPages are the reports of the stories test, in the order they are
// queued.
func storyPages(t *testing.T) []*dateline.Page {
	t.Helper()
	read := func(path string) string {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	var pages []*dateline.Page
	for _, p := range []struct{ path, text, date string }{
		{"wire/alaska-summit.txt", read(example), "2025-08-15"},
		{"wire/floods-monday.txt", floodMonday, "2025-10-06"},
		{"wire/zelenskyy-washington.txt", read(followUp), "2025-08-19"},
		{"daily/floods-tuesday.txt", floodTuesday, "2025-10-07"},
		{"wire/chess.txt", chessFinal, "2025-11-02"},
		{"reprint/floods-monday.txt", floodMonday + "\nReprinted with permission of the Valderra Post.\n", "2025-10-06"}, // a copy
	} {
		pg := bustest.Page(p.path, p.text)
		pg.Published = day(p.date)
		pages = append(pages, pg)
	}
	return pages
}

// storyShape describes a store's stories independently of their numbers:
// for each stored document (by source path), the sorted paths of its
// story, and the path of the document it copies.
func storyShape(t *testing.T, s interface {
	dateline.Store
	dateline.StoryStore
}) map[string]string {
	t.Helper()
	ctx := context.Background()
	sums, err := s.Documents(ctx, dateline.DocQuery{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	path := map[dateline.DocID]string{}
	for _, d := range sums {
		doc, err := s.Document(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		path[d.ID] = doc.Source.Path
	}
	members := map[dateline.StoryID][]string{}
	marks := map[string]dateline.StoryMark{}
	for id, p := range path {
		m, err := s.StoryOf(ctx, id)
		if err != nil {
			t.Fatalf("%s: %v (stored but not placed in a story)", p, err)
		}
		members[m.Story] = append(members[m.Story], p)
		marks[p] = m
	}
	// Which of two copies is the original depends on the order they were
	// stored in (the first one is), which several workers change: a copy
	// is shown as the pair, and its original must precede it in the
	// story's marks, which are in the order stored.
	out := map[string]string{}
	for p, m := range marks {
		ps := members[m.Story]
		sort.Strings(ps)
		out[p] = strings.Join(ps, " + ")
	}
	pairs := map[string][]string{}
	for p, m := range marks {
		if m.Original == "" {
			continue
		}
		pair := []string{p, path[m.Original]}
		sort.Strings(pair)
		pairs[p] = append(pairs[p], strings.Join(pair, " = "))
		pairs[path[m.Original]] = append(pairs[path[m.Original]], strings.Join(pair, " = "))
		ms, err := s.StoryMarks(ctx, m.Story)
		if err != nil {
			t.Fatal(err)
		}
		// (A copy and its original may be in different stories.)
		if i, j := slices.IndexFunc(ms, func(x dateline.StoryMark) bool { return x.Doc == m.Original }),
			slices.IndexFunc(ms, func(x dateline.StoryMark) bool { return x.Doc == m.Doc }); i > j {
			t.Errorf("%s is marked a copy of %s, which was stored after it", p, path[m.Original])
		}
	}
	for p, ps := range pairs {
		sort.Strings(ps)
		out[p] += " (copies: " + strings.Join(ps, "; ") + ")"
	}
	// Every story record counts its documents.
	n, err := s.CountStories(ctx)
	if err != nil || n != len(members) {
		t.Errorf("%d story records, %v; documents are in %d stories", n, err, len(members))
	}
	for id, ps := range members {
		rec, err := s.Story(ctx, id)
		if err != nil || rec.Documents != len(ps) {
			t.Errorf("story %d: record %+v, %v; %d documents are marked in it", id, rec, err, len(ps))
		}
	}
	return out
}

// flakyStories fails the first `fail` saves of story batches, as a
// restarting database does.
type flakyStories struct {
	dateline.StoryStore
	fail atomic.Int64
}

func (s *flakyStories) SaveStories(ctx context.Context, u dateline.StoryUpdate) error {
	if s.fail.Add(-1) >= 0 {
		return errors.New("connection refused")
	}
	return s.StoryStore.SaveStories(ctx, u)
}

// storyBackend opens a new, empty store of a backend, `conns` times on the
// same database (one handle per worker, as separate processes would have).
type storyBackend func(t *testing.T, conns int) []storetellerStore

type storetellerStore interface {
	dateline.Store
	dateline.StoryStore
}

func sqliteBackend(t *testing.T, conns int) []storetellerStore {
	db := filepath.Join(t.TempDir(), "stories.db")
	var out []storetellerStore
	for range conns {
		s, err := sqlite.Open(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		out = append(out, s)
	}
	return out
}

func postgresBackend(t *testing.T, conns int) []storetellerStore {
	base := bustest.Server(t, bustest.EnvPostgres)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	schema := fmt.Sprintf("stories_%d", time.Now().UnixNano())
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if c, err := pgx.Connect(ctx, base); err == nil {
			c.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE")
			c.Close(ctx)
		}
	})
	u, _ := url.Parse(base)
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	var out []storetellerStore
	for range conns {
		s, err := postgres.Open(ctx, u.String())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		out = append(out, s)
	}
	return out
}

// TestWorkersStories: two workers, each with its own connection to one
// store, consume a queue of reports of two stories, a copy and an
// unrelated report, each running the storyteller after every batch it
// commits, while the store refuses the first story saves. Worker A stops
// abruptly halfway (no final storyteller run); B finishes. Afterwards
// every report is stored once, placed once, and the stories are those of
// a single-process ingest of the same reports.
func TestWorkersStories(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the models")
	}
	ctx := context.Background()
	e := &env{ctx: ctx, stdin: strings.NewReader(""), stdout: os.Stdout, stderr: os.Stderr, log: quietLog(), now: time.Now}
	cfg, err := (&inputFlags{}).config(e)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2025, 11, 20, 0, 0, 0, 0, time.UTC)
	pages := storyPages(t)
	seq := func(yield func(*dateline.Page, error) bool) {
		for _, p := range pages {
			if !yield(p, nil) {
				return
			}
		}
	}

	// The reference: one process ingests, then groups.
	ref := sqliteBackend(t, 1)[0]
	if _, err := worker.Ingest(ctx, seq, cfg, ref, 64, nil); err != nil {
		t.Fatal(err)
	}
	teller, err := newStoryteller(now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := teller.Update(ctx, ref, ref); err != nil {
		t.Fatal(err)
	}
	want := storyShape(t, ref)
	if len(want) != len(pages) {
		t.Fatalf("reference stored %d documents, want %d", len(want), len(pages))
	}
	if a := want["wire/alaska-summit.txt"]; a != want["wire/zelenskyy-washington.txt"] || !strings.Contains(a, " + ") {
		t.Errorf("reference: the summit and the visit are apart: %q", want)
	}
	if c := want["wire/chess.txt"]; c != "wire/chess.txt" {
		t.Errorf("reference: the chess report is in %q, want a story of its own", c)
	}
	if c := want["reprint/floods-monday.txt"]; !strings.HasSuffix(c, "(copies: reprint/floods-monday.txt = wire/floods-monday.txt)") {
		t.Errorf("reference: the reprint is %q, want a copy of the wire report", c)
	}
	t.Logf("reference stories: %q", want)

	for _, backend := range []struct {
		name string
		open storyBackend
	}{{"sqlite", sqliteBackend}, {"postgres", postgresBackend}} {
		t.Run(backend.name, func(t *testing.T) {
			stores := backend.open(t, 2)
			bus := inmem.New()
			defer bus.Close()
			if _, err := bus.Publish(ctx, pages); err != nil {
				t.Fatal(err)
			}
			type run struct {
				w        *queueWorker
				stop     func()
				finished chan struct{}
			}
			var runs []*run
			var conflicts, storied int64
			for i, st := range stores {
				teller, err := newStoryteller(now)
				if err != nil {
					t.Fatal(err)
				}
				ss := &flakyStories{StoryStore: st}
				ss.fail.Store(2)
				// Batches of one: each commit nudges the storyteller, so
				// the two workers' storytellers race on the state.
				w := newQueueWorker(cfg, st, 1, 1, 10*time.Millisecond, quietLog())
				w.withStories(teller, ss)
				cctx, cancel := context.WithCancel(ctx)
				wctx, wcancel := context.WithCancel(ctx)
				r := &run{w: w, finished: make(chan struct{})}
				r.stop = func() { cancel(); wcancel() }
				var wg sync.WaitGroup
				wg.Go(func() { w.write(wctx, cctx.Done()) })
				wg.Go(func() { w.tellLoop(wctx) })
				wg.Go(func() {
					bus.Consume(cctx, w.handle, dateline.ConsumeOptions{Concurrency: 2, MaxDeliver: 5, Backoff: 10 * time.Millisecond})
				})
				go func() { wg.Wait(); close(r.finished) }()
				runs = append(runs, r)
				t.Logf("worker %d started", i)
			}
			a, b := runs[0], runs[1]
			// Stop A abruptly once documents are being stored: what it
			// stored but did not place waits for B's storyteller.
			deadline := time.Now().Add(2 * time.Minute)
			for a.w.stored.Load() == 0 {
				if s, _ := bus.Stats(ctx); s.Pending == 0 && s.InFlight == 0 {
					break // B took everything
				}
				if time.Now().After(deadline) {
					t.Fatal("queue not drained")
				}
				time.Sleep(time.Millisecond)
			}
			a.stop()
			<-a.finished
			for {
				s, _ := bus.Stats(ctx)
				if s.Pending == 0 && s.InFlight == 0 {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("queue not drained: %+v", s)
				}
				time.Sleep(10 * time.Millisecond)
			}
			b.stop()
			<-b.finished
			b.w.tell(ctx) // B's closing run, as runWorker does
			for i, r := range runs {
				rep := r.w.report()
				t.Logf("worker %d: %+v", i, rep)
				conflicts += rep.Conflicts
				storied += rep.Storied
			}
			// (A write cut off by the stop may have committed unreported:
			// count in the store, not in the workers' reports.)
			if n, err := stores[0].CountDocuments(ctx); err != nil || n != len(pages) {
				t.Errorf("%d documents stored, %v; want %d", n, err, len(pages))
			}
			if storied > int64(len(pages)) {
				t.Errorf("storytellers placed %d documents, more than the %d stored", storied, len(pages))
			}
			got := storyShape(t, stores[1])
			// These reports fall into the same stories in any order; in
			// general the stories are those of a single process placing
			// the reports in the order the workers placed them.
			same := placedInOrder(t, stores[0], pages, cfg, now)
			for _, p := range pages {
				if got[p.Source.Path] != want[p.Source.Path] || got[p.Source.Path] != same[p.Source.Path] {
					t.Errorf("%s: in %q, want %q (as in a single-process ingest)", p.Source.Path, got[p.Source.Path], same[p.Source.Path])
				}
			}
			if len(got) != len(want) {
				t.Errorf("%d documents stored, want %d", len(got), len(want))
			}
			un, err := stores[0].Unstoried(ctx, 10)
			if err != nil || len(un) != 0 {
				t.Errorf("unplaced after the workers: %v, %v", un, err)
			}
			t.Logf("%d story batches redone after a conflict", conflicts)
		})
	}
}

// TestStorytellersRace: the storytellers of two workers place the same
// backlog at once, in batches of one, so that they keep refusing each
// other's stale batches (ErrConflict) and redoing them. The marks they
// leave are exactly those of one storyteller placing the same documents,
// stored in the same order, alone: story numbers, copies and all.
func TestStorytellersRace(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the models")
	}
	ctx := context.Background()
	e := &env{ctx: ctx, stdin: strings.NewReader(""), stdout: os.Stdout, stderr: os.Stderr, log: quietLog(), now: time.Now}
	cfg, err := (&inputFlags{}).config(e)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2025, 11, 20, 0, 0, 0, 0, time.UTC)
	var pages []*dateline.Page
	for i, text := range []string{floodMonday, chessFinal, floodTuesday} {
		for j := range 6 {
			p := bustest.Page(fmt.Sprintf("race/%d-%d.txt", i, j),
				fmt.Sprintf("%s\nUpdate %d: correspondents in the region added details on day %d.\n", text, j, j+1))
			p.Published = time.Date(2025, 10, 6+j, 0, 0, 0, 0, time.UTC)
			pages = append(pages, p)
		}
	}
	seq := func(yield func(*dateline.Page, error) bool) {
		for _, p := range pages {
			if !yield(p, nil) {
				return
			}
		}
	}
	teller := func() *worker.Storyteller {
		return worker.NewStoryteller(worker.StorytellerConfig{Batch: 1, Now: func() time.Time { return now }})
	}
	marks := func(s storetellerStore) []dateline.StoryMark {
		var out []dateline.StoryMark
		sums, err := s.Documents(ctx, dateline.DocQuery{Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range sums {
			m, err := s.StoryOf(ctx, d.ID)
			if err != nil {
				t.Fatalf("%s: %v", d.ID, err)
			}
			out = append(out, m)
		}
		slices.SortFunc(out, func(a, b dateline.StoryMark) int { return strings.Compare(string(a.Doc), string(b.Doc)) })
		return out
	}
	ref := sqliteBackend(t, 1)[0]
	if _, err := worker.Ingest(ctx, seq, cfg, ref, 64, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := teller().Update(ctx, ref, ref); err != nil {
		t.Fatal(err)
	}
	want := marks(ref)
	if n, _ := ref.CountStories(ctx); n < 2 {
		t.Errorf("reference: %d stories of 18 reports on three events", n)
	}

	for _, backend := range []struct {
		name string
		open storyBackend
	}{{"sqlite", sqliteBackend}, {"postgres", postgresBackend}} {
		t.Run(backend.name, func(t *testing.T) {
			stores := backend.open(t, 2)
			if _, err := worker.Ingest(ctx, seq, cfg, stores[0], 64, nil); err != nil {
				t.Fatal(err)
			}
			var ws []*queueWorker
			var wg sync.WaitGroup
			for _, st := range stores {
				w := newQueueWorker(cfg, st, 1, 1, time.Millisecond, quietLog())
				w.withStories(teller(), st)
				ws = append(ws, w)
				wg.Go(func() { w.tell(ctx) })
			}
			wg.Wait()
			var storied, conflicts int64
			for _, w := range ws {
				storied += w.storied.Load()
				conflicts += w.conflicts.Load()
			}
			t.Logf("%d documents placed, %d batches redone after a conflict", storied, conflicts)
			if storied != int64(len(pages)) {
				t.Errorf("the storytellers placed %d documents, want %d", storied, len(pages))
			}
			got := marks(stores[1])
			if len(got) != len(want) {
				t.Fatalf("%d marks, want %d", len(got), len(want))
			}
			for i := range want {
				g, w := got[i], want[i]
				if g.Doc != w.Doc || g.Story != w.Story || g.Original != w.Original || g.Resemblance != w.Resemblance {
					t.Errorf("mark %d: %+v, want %+v", i, got[i], want[i])
				}
			}
			if _, v, _ := stores[0].StoryState(ctx); v < int64(len(pages)) {
				t.Errorf("state version %d after placing %d documents one batch at a time", v, len(pages))
			}
		})
	}
}

// TestWorkerFaultsStories is the stories half of the fault acceptance:
// worker processes on NATS JetStream and PostgreSQL place reports of
// several stories (with many near-copies) while one of them is killed
// (SIGKILL) mid-batch and the database restarts. Afterwards every report
// is stored once, placed once, and the stories and copy marks are those of
// a single-process ingest of the reports in the order they were placed
// (incremental clustering depends on the order of arrival; several
// workers change that order, not the result for a given order).
func TestWorkerFaultsStories(t *testing.T) {
	if testing.Short() {
		t.Skip("starts PostgreSQL and worker processes")
	}
	natsURL := bustest.Server(t, bustest.EnvNATS)
	pg := startCluster(t)
	ctx := context.Background()
	prefix := fmt.Sprintf("faultstories_%d", time.Now().UnixNano())
	bus, err := nats.Open(ctx, natsURL, nats.Options{Prefix: prefix, AckWait: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { bus.Delete(ctx); bus.Close() }()

	pages := storyPages(t)
	for i, text := range []string{floodMonday, chessFinal, floodTuesday} {
		for j := range 20 {
			p := bustest.Page(fmt.Sprintf("faults/%d-%02d.txt", i, j),
				fmt.Sprintf("%s\nUpdate %d: correspondents in the region added details on day %d.\n", text, j, j+1))
			p.Published = time.Date(2025, 10, 6+j%7, 0, 0, 0, 0, time.UTC)
			pages = append(pages, p)
		}
	}
	seq := func(yield func(*dateline.Page, error) bool) {
		for _, p := range pages {
			if !yield(p, nil) {
				return
			}
		}
	}
	if rep, err := publishPages(ctx, bus, seq, 16, nil); err != nil || rep.Queued != len(pages) {
		t.Fatalf("publish: %+v, %v", rep, err)
	}

	args := strings.Join([]string{"--db", pg.url, "--nats", natsURL, "--nats-prefix", prefix, "--ack-wait", "2s",
		"--batch", "2", "--workers", "1", "--now", "2025-11-20", "--until-idle", "--json"}, "\x1f")
	type proc struct {
		cmd  *exec.Cmd
		out  *bytes.Buffer
		done chan error
	}
	start := func() *proc {
		cmd := exec.Command(os.Args[0], "-test.run=^TestWorkerChild$")
		cmd.Env = append(os.Environ(), "DATELINE_TEST_WORKER="+args)
		p := &proc{cmd: cmd, out: new(bytes.Buffer), done: make(chan error, 1)}
		cmd.Stdout, cmd.Stderr = p.out, p.out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		go func() { p.done <- cmd.Wait() }()
		t.Cleanup(func() { cmd.Process.Kill() })
		return p
	}
	a, b := start(), start()
	deadline := time.Now().Add(3 * time.Minute)
	stored := func() int {
		n := 0
		for _, c := range storedPaths(t, pg.url) {
			n += c
		}
		return n
	}
	waitStored := func(min int) int {
		for {
			n := stored()
			if n >= min {
				return n
			}
			if time.Now().After(deadline) || a.cmd.ProcessState != nil && b.cmd.ProcessState != nil {
				t.Fatalf("only %d documents stored, waiting for %d\nA:\n%s\nB:\n%s", n, min, a.out, b.out)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	waitStored(6)
	if err := a.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-a.done
	// Restart PostgreSQL once B is writing (so it has opened the store).
	waitStored(stored() + 1)
	pg.pgctl(t, "restart", "-m", "fast")
	select {
	case err := <-b.done:
		if err != nil {
			t.Fatalf("worker B: %v\n%s", err, b.out)
		}
	case <-time.After(4 * time.Minute):
		t.Fatalf("worker B did not finish\n%s", b.out)
	}
	t.Logf("worker B:\n%s", b.out)

	for p, n := range storedPaths(t, pg.url) {
		if n != 1 {
			t.Errorf("%s stored %d times", p, n)
		}
	}
	// The reference: one process ingests the reports in the order the
	// workers' storytellers placed them, then groups them. (That is the
	// order stored, except where a worker committed a batch it had begun
	// before another's, after that other batch had been placed.)
	conn, err := pgx.Connect(ctx, pg.url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, `SELECT convert_from(d.layers, 'UTF8')::jsonb->'source'->>'path'
		FROM documents d LEFT JOIN story_docs s ON s.doc = d.id ORDER BY s.marked NULLS LAST, d.seq`)
	if err != nil {
		t.Fatal(err)
	}
	order, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	byPath := map[string]*dateline.Page{}
	for _, p := range pages {
		byPath[p.Source.Path] = p
	}
	e := &env{ctx: ctx, stdin: strings.NewReader(""), stdout: os.Stdout, stderr: os.Stderr, log: quietLog(), now: time.Now}
	cfg, err := (&inputFlags{}).config(e)
	if err != nil {
		t.Fatal(err)
	}
	ref := sqliteBackend(t, 1)[0]
	if _, err := worker.Ingest(ctx, func(yield func(*dateline.Page, error) bool) {
		for _, p := range order {
			if !yield(byPath[p], nil) {
				return
			}
		}
	}, cfg, ref, 64, nil); err != nil {
		t.Fatal(err)
	}
	teller, err := newStoryteller(time.Date(2025, 11, 20, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := teller.Update(ctx, ref, ref); err != nil {
		t.Fatal(err)
	}

	st, err := postgres.Open(ctx, pg.url)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if len(order) != len(pages) {
		t.Errorf("%d documents stored, want %d", len(order), len(pages))
	}
	if un, err := st.Unstoried(ctx, 10); err != nil || len(un) != 0 {
		t.Errorf("unplaced after the workers: %v, %v", un, err)
	}
	want, got := storyShape(t, ref), storyShape(t, st)
	for _, p := range pages {
		if got[p.Source.Path] != want[p.Source.Path] {
			t.Errorf("%s: in %q, want %q (as in a single-process ingest in the same order)", p.Source.Path, got[p.Source.Path], want[p.Source.Path])
		}
	}
	if n, m := len(storiesOf(t, ref)), len(storiesOf(t, st)); n != m {
		t.Errorf("%d stories, want %d", m, n)
	}
}

// storiesOf returns a store's story records by number, views left out.
func storiesOf(t *testing.T, s storetellerStore) map[dateline.StoryID]dateline.StorySummary {
	t.Helper()
	list, err := s.Stories(context.Background(), dateline.StoryQuery{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	out := map[dateline.StoryID]dateline.StorySummary{}
	for _, st := range list {
		out[st.ID] = st
	}
	return out
}

// placedInOrder ingests pages into a new store in one process, in the
// order s placed them in stories, groups them, and returns the shape of
// the stories.
func placedInOrder(t *testing.T, s storetellerStore, pages []*dateline.Page, cfg worker.Config, now time.Time) map[string]string {
	t.Helper()
	ctx := context.Background()
	marks, err := s.RecentSketches(ctx, 1<<20) // every mark, in the order placed
	if err != nil {
		t.Fatal(err)
	}
	byPath := map[string]*dateline.Page{}
	for _, p := range pages {
		byPath[p.Source.Path] = p
	}
	var order []*dateline.Page
	for _, m := range marks {
		doc, err := s.Document(ctx, m.Doc)
		if err != nil {
			t.Fatal(err)
		}
		order = append(order, byPath[doc.Source.Path])
	}
	ref := sqliteBackend(t, 1)[0]
	if _, err := worker.Ingest(ctx, func(yield func(*dateline.Page, error) bool) {
		for _, p := range order {
			if !yield(p, nil) {
				return
			}
		}
	}, cfg, ref, 64, nil); err != nil {
		t.Fatal(err)
	}
	teller, err := newStoryteller(now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := teller.Update(ctx, ref, ref); err != nil {
		t.Fatal(err)
	}
	return storyShape(t, ref)
}
