// Package bustest is the conformance suite of dateline.Bus: every
// implementation (internal/inmem, internal/nats) runs it from its own tests
// with
//
//	bustest.Run(t, func(t *testing.T) bustest.Harness { ... a new, empty queue ... })
//
// The suite pins down the contract the root package states in words: pages
// round-trip byte for byte; a handler's nil acknowledges, an error brings
// the message back with a growing attempt number, up to MaxDeliver, and
// then to the dead letter with the handler's reason; bad input (IsPermanent)
// goes to the dead letter at once; poisoned and oversized messages go there
// without reaching a handler; no bad message blocks the ones behind it;
// Concurrency bounds the handlers running at once; competing consumers see
// each message once; a cancelled Consume returns and leaves the messages it
// had not acknowledged for the next one.
package bustest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dateline-news/dateline"
)

// Harness is a bus under test and the means to reach behind it.
type Harness struct {
	Bus dateline.Bus
	// PublishRaw puts bytes on the queue as a foreign producer would,
	// bypassing the encoder (for poisoned messages).
	PublishRaw func(ctx context.Context, data []byte) error
	// Another opens a second client of the same queue (a second worker);
	// nil when the bus lives in one process, where the suite runs two
	// Consume calls on Bus instead.
	Another func(t *testing.T) dateline.Bus
	// MaxMessage is the bus's message size limit.
	MaxMessage int
}

// Run runs the suite. open must return a new, empty queue each call; Run
// closes its buses when the subtest ends.
func Run(t *testing.T, open func(t *testing.T) Harness) {
	tests := []struct {
		name string
		run  func(t *testing.T, h Harness)
	}{
		{"RoundTrip", testRoundTrip},
		{"Redelivery", testRedelivery},
		{"MaxDeliver", testMaxDeliver},
		{"Permanent", testPermanent},
		{"Poisoned", testPoisoned},
		{"Oversized", testOversized},
		{"Concurrency", testConcurrency},
		{"CompetingConsumers", testCompeting},
		{"CancelLeavesUnacked", testCancel},
		{"Empty", testEmpty},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := open(t)
			t.Cleanup(func() {
				if err := h.Bus.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
			})
			tc.run(t, h)
		})
	}
}

// Page builds a text page named name.
func Page(name, body string) *dateline.Page {
	return &dateline.Page{
		Source: dateline.SourceRef{Kind: "text", Path: name},
		Format: dateline.FormatText,
		Body:   []byte(body),
	}
}

// fullPage has every field set, multi-byte text and bytes that are not
// UTF-8.
func fullPage() *dateline.Page {
	kyiv := time.FixedZone("", 3*3600)
	return &dateline.Page{
		Source: dateline.SourceRef{Kind: "feed", URL: "https://news.example/2025/08/summit?x=1&y=“2”", GUID: "g-1",
			Record: "urn:uuid:1", Path: "feeds/wire.xml", Line: 7, Outlet: "Example News",
			Fetched: time.Date(2025, 8, 16, 9, 30, 0, 0, time.UTC)},
		Format:    dateline.FormatHTML,
		Body:      []byte("<p>Leaders’ “summit” ends – no deal</p>\x00\xff\xfe<script>x</script>"),
		Charset:   "windows-1252",
		Title:     "Leaders’ summit ends – no deal",
		Byline:    "By Ana Müller",
		Published: time.Date(2025, 8, 15, 22, 5, 0, 123000000, kyiv),
		Diags:     []dateline.Diagnostic{{Span: dateline.Span{Start: 1, End: 4}, Pass: "intake", Severity: dateline.SevWarning, Message: "charset “guessed”"}},
	}
}

// consume runs Consume in the background until stop is called, which
// cancels it and returns its error.
func consume(t *testing.T, b dateline.Bus, opts dateline.ConsumeOptions, h dateline.Handler) (stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Consume(ctx, h, opts) }()
	var once sync.Once
	var err error
	stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case err = <-done:
			case <-time.After(15 * time.Second):
				err = errors.New("Consume did not return 15s after its context was cancelled")
			}
		})
		return err
	}
	t.Cleanup(func() { stop() })
	return stop
}

// waitFor polls cond until it holds or the deadline passes.
func waitFor(t *testing.T, what string, d time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", d, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func publish(t *testing.T, b dateline.Bus, pages ...*dateline.Page) dateline.PublishResult {
	t.Helper()
	res, err := b.Publish(context.Background(), pages)
	if err != nil {
		t.Fatalf("Publish: %v", err)
	}
	return res
}

func deadLetters(t *testing.T, b dateline.Bus) []dateline.DeadLetter {
	t.Helper()
	var out []dateline.DeadLetter
	for d, err := range b.DeadLetters(context.Background()) {
		if err != nil {
			t.Fatalf("DeadLetters: %v", err)
		}
		out = append(out, d)
	}
	return out
}

func stats(t *testing.T, b dateline.Bus) dateline.BusStats {
	t.Helper()
	s, err := b.Stats(context.Background())
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	return s
}

// fast are options that keep the suite quick.
var fast = dateline.ConsumeOptions{Concurrency: 4, MaxDeliver: 3, Backoff: 20 * time.Millisecond}

// recorder collects deliveries.
type recorder struct {
	mu  sync.Mutex
	got map[string][]*dateline.Delivery // by source path
	n   atomic.Int64
}

func newRecorder() *recorder { return &recorder{got: map[string][]*dateline.Delivery{}} }

func (r *recorder) add(d *dateline.Delivery) {
	r.mu.Lock()
	r.got[d.Page.Source.Path] = append(r.got[d.Page.Source.Path], d)
	r.mu.Unlock()
	r.n.Add(1)
}

func (r *recorder) deliveries(name string) []*dateline.Delivery {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.got[name])
}

func (r *recorder) names() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.got)
}

func testRoundTrip(t *testing.T, h Harness) {
	full := fullPage()
	want, err := dateline.EncodeMessage(full)
	if err != nil {
		t.Fatal(err)
	}
	pages := []*dateline.Page{full}
	for i := range 20 {
		pages = append(pages, Page(fmt.Sprintf("in/%02d.txt", i), fmt.Sprintf("Report %d – “quoted” café", i)))
	}
	if res := publish(t, h.Bus, pages...); res != (dateline.PublishResult{Queued: len(pages)}) {
		t.Errorf("Publish = %+v, want %d queued", res, len(pages))
	}
	rec := newRecorder()
	stop := consume(t, h.Bus, fast, func(ctx context.Context, d *dateline.Delivery) error {
		rec.add(d)
		return nil
	})
	waitFor(t, "every page", 20*time.Second, func() bool { return rec.names() == len(pages) })
	time.Sleep(100 * time.Millisecond) // room for a wrong redelivery to show
	if err := stop(); err != nil && !errors.Is(err, context.Canceled) {
		t.Errorf("Consume = %v, want nil or context.Canceled after cancel", err)
	}
	for _, p := range pages {
		ds := rec.deliveries(p.Source.Path)
		if len(ds) != 1 {
			t.Errorf("%s delivered %d times, want once", p.Source.Path, len(ds))
			continue
		}
		d := ds[0]
		if d.Attempt != 1 {
			t.Errorf("%s: attempt %d, want 1", p.Source.Path, d.Attempt)
		}
		got, err := dateline.EncodeMessage(d.Page)
		if err != nil {
			t.Fatal(err)
		}
		wantP, _ := dateline.EncodeMessage(p)
		if !bytes.Equal(got, wantP) {
			t.Errorf("%s changed on the bus:\n got %s\nwant %s", p.Source.Path, got, wantP)
		}
		if d.ID != dateline.MessageID(wantP) {
			t.Errorf("%s: ID %q, want MessageID %q", p.Source.Path, d.ID, dateline.MessageID(wantP))
		}
		if d.Page == p {
			t.Errorf("%s: the handler got the publisher's pointer", p.Source.Path)
		}
	}
	if d := rec.deliveries(full.Source.Path); len(d) == 1 {
		if !d[0].Page.Published.Equal(full.Published) || !bytes.Equal(d[0].Page.Body, full.Body) {
			t.Errorf("full page changed: %+v", d[0].Page)
		}
		if _, off := d[0].Page.Published.Zone(); off != 3*3600 {
			t.Errorf("published offset %d, want %d", off, 3*3600)
		}
		if got, _ := dateline.EncodeMessage(d[0].Page); !bytes.Equal(got, want) {
			t.Errorf("full page: encoded form changed")
		}
	}
	waitFor(t, "an idle queue", 10*time.Second, func() bool { return stats(t, h.Bus) == dateline.BusStats{} })
	if dl := deadLetters(t, h.Bus); len(dl) != 0 {
		t.Errorf("dead letters after a clean run: %+v", dl)
	}
}

func testRedelivery(t *testing.T, h Harness) {
	publish(t, h.Bus, Page("flaky", "fails twice"), Page("fine", "works"))
	rec := newRecorder()
	stop := consume(t, h.Bus, fast, func(ctx context.Context, d *dateline.Delivery) error {
		rec.add(d)
		if d.Page.Source.Path == "flaky" && d.Attempt < 3 {
			return fmt.Errorf("transient failure %d", d.Attempt)
		}
		return nil
	})
	waitFor(t, "the flaky page's third attempt", 20*time.Second, func() bool { return len(rec.deliveries("flaky")) == 3 })
	waitFor(t, "an idle queue", 10*time.Second, func() bool { return stats(t, h.Bus) == dateline.BusStats{} })
	stop()
	var attempts []int
	for _, d := range rec.deliveries("flaky") {
		attempts = append(attempts, d.Attempt)
	}
	if !slices.Equal(attempts, []int{1, 2, 3}) {
		t.Errorf("flaky attempts = %v, want [1 2 3]", attempts)
	}
	if n := len(rec.deliveries("fine")); n != 1 {
		t.Errorf("fine page delivered %d times", n)
	}
	if dl := deadLetters(t, h.Bus); len(dl) != 0 {
		t.Errorf("dead letters: %+v", dl)
	}
}

func testMaxDeliver(t *testing.T, h Harness) {
	publish(t, h.Bus, Page("bad", "always fails"))
	for i := range 5 {
		publish(t, h.Bus, Page(fmt.Sprintf("after/%d", i), "fine"))
	}
	rec := newRecorder()
	stop := consume(t, h.Bus, fast, func(ctx context.Context, d *dateline.Delivery) error {
		rec.add(d)
		if d.Page.Source.Path == "bad" {
			return fmt.Errorf("store rejected “bad” on attempt %d", d.Attempt)
		}
		return nil
	})
	waitFor(t, "one dead letter", 20*time.Second, func() bool { return stats(t, h.Bus).Dead == 1 })
	waitFor(t, "an idle queue", 10*time.Second, func() bool {
		s := stats(t, h.Bus)
		return s.Pending == 0 && s.InFlight == 0
	})
	stop()
	if n := len(rec.deliveries("bad")); n != fast.MaxDeliver {
		t.Errorf("bad page delivered %d times, want MaxDeliver = %d", n, fast.MaxDeliver)
	}
	for i := range 5 {
		if n := len(rec.deliveries(fmt.Sprintf("after/%d", i))); n != 1 {
			t.Errorf("page after/%d delivered %d times, want 1: a failing message must not block the queue", i, n)
		}
	}
	dl := deadLetters(t, h.Bus)
	if len(dl) != 1 {
		t.Fatalf("dead letters = %+v, want 1", dl)
	}
	d := dl[0]
	if d.Kind != dateline.DeadFailed || d.Attempts != fast.MaxDeliver || d.Source.Path != "bad" ||
		!strings.Contains(d.Reason, "store rejected “bad” on attempt 3") || d.Time.IsZero() || d.Seq == 0 {
		t.Errorf("dead letter = %+v, want kind %q, %d attempts, source bad, the last error as reason", d, dateline.DeadFailed, fast.MaxDeliver)
	}
	if p, err := dateline.DecodeMessage(d.Data); err != nil || string(p.Body) != "always fails" {
		t.Errorf("dead letter data does not hold the message: %v", err)
	}
	if d.ID == "" || d.ID != dateline.MessageID(d.Data) {
		t.Errorf("dead letter ID %q, want the MessageID of its data", d.ID)
	}
}

func testPermanent(t *testing.T, h Harness) {
	publish(t, h.Bus, Page("empty", ""), Page("ok", "fine"))
	rec := newRecorder()
	stop := consume(t, h.Bus, fast, func(ctx context.Context, d *dateline.Delivery) error {
		rec.add(d)
		if len(d.Page.Body) == 0 {
			return fmt.Errorf("%s: %w: no text", d.Page.Source.Path, dateline.ErrInvalid)
		}
		return nil
	})
	waitFor(t, "one dead letter", 20*time.Second, func() bool { return stats(t, h.Bus).Dead == 1 })
	waitFor(t, "the good page", 10*time.Second, func() bool { return len(rec.deliveries("ok")) == 1 })
	stop()
	if n := len(rec.deliveries("empty")); n != 1 {
		t.Errorf("bad input delivered %d times, want once: it goes to the dead letter at once", n)
	}
	dl := deadLetters(t, h.Bus)
	if len(dl) != 1 || dl[0].Kind != dateline.DeadInvalid || dl[0].Attempts != 1 || !strings.Contains(dl[0].Reason, "no text") {
		t.Errorf("dead letters = %+v, want one of kind %q after 1 attempt with the reason", dl, dateline.DeadInvalid)
	}
}

func testPoisoned(t *testing.T, h Harness) {
	ctx := context.Background()
	poison := [][]byte{
		[]byte("not json"),
		[]byte(`{"v":99,"format":"text","body":""}`),
		[]byte(`{"v":1,"format":"pdf","body":""}`),
		[]byte(`{"v":1,"format":"text","body":"!!!not base64"}`),
		{0xff, 0x00, 0xfe},
	}
	publish(t, h.Bus, Page("before", "fine"))
	for _, p := range poison {
		if err := h.PublishRaw(ctx, p); err != nil {
			t.Fatalf("PublishRaw: %v", err)
		}
	}
	publish(t, h.Bus, Page("after", "fine"))
	rec := newRecorder()
	stop := consume(t, h.Bus, fast, func(ctx context.Context, d *dateline.Delivery) error {
		rec.add(d)
		return nil
	})
	waitFor(t, "the dead letters", 20*time.Second, func() bool { return stats(t, h.Bus).Dead == len(poison) })
	waitFor(t, "the page after the poison", 10*time.Second, func() bool { return len(rec.deliveries("after")) == 1 })
	stop()
	if n := rec.n.Load(); n != 2 {
		t.Errorf("handler called %d times, want 2 (poison never reaches a handler)", n)
	}
	dl := deadLetters(t, h.Bus)
	if len(dl) != len(poison) {
		t.Fatalf("%d dead letters, want %d", len(dl), len(poison))
	}
	var got [][]byte
	for _, d := range dl {
		if d.Kind != dateline.DeadPoison || !strings.Contains(d.Reason, "decode") || d.Size == 0 {
			t.Errorf("dead letter %+v: want kind %q with the decode error", d, dateline.DeadPoison)
		}
		got = append(got, d.Data)
	}
	slices.SortFunc(got, bytes.Compare)
	want := slices.Clone(poison)
	slices.SortFunc(want, bytes.Compare)
	for i := range want {
		if !bytes.Equal(got[i], want[i]) {
			t.Errorf("dead letter data %q, want %q", got[i], want[i])
		}
	}
}

func testOversized(t *testing.T, h Harness) {
	big := Page("big.html", strings.Repeat("x", h.MaxMessage))
	small := Page("small.html", "fine")
	res := publish(t, h.Bus, small, big, small)
	if res != (dateline.PublishResult{Queued: 2, Dead: 1}) {
		t.Errorf("Publish = %+v, want 2 queued, 1 dead", res)
	}
	dl := deadLetters(t, h.Bus)
	if len(dl) != 1 {
		t.Fatalf("dead letters = %+v, want 1", dl)
	}
	d := dl[0]
	if d.Kind != dateline.DeadTooLarge || d.Source.Path != "big.html" || d.Size <= h.MaxMessage || d.Attempts != 0 ||
		!strings.Contains(d.Reason, "too large") || len(d.Data) > h.MaxMessage {
		t.Errorf("dead letter = %+v (%d bytes of data), want kind %q naming big.html and its size", d, len(d.Data), dateline.DeadTooLarge)
	}
	rec := newRecorder()
	stop := consume(t, h.Bus, fast, func(ctx context.Context, d *dateline.Delivery) error {
		rec.add(d)
		return nil
	})
	waitFor(t, "the small pages", 20*time.Second, func() bool { return rec.n.Load() == 2 })
	stop()
}

func testConcurrency(t *testing.T, h Harness) {
	const n, conc = 24, 3
	var pages []*dateline.Page
	for i := range n {
		pages = append(pages, Page(fmt.Sprintf("c/%d", i), "x"))
	}
	publish(t, h.Bus, pages...)
	var running, peak atomic.Int64
	rec := newRecorder()
	opts := fast
	opts.Concurrency = conc
	stop := consume(t, h.Bus, opts, func(ctx context.Context, d *dateline.Delivery) error {
		r := running.Add(1)
		defer running.Add(-1)
		for {
			p := peak.Load()
			if r <= p || peak.CompareAndSwap(p, r) {
				break
			}
		}
		time.Sleep(30 * time.Millisecond)
		rec.add(d)
		return nil
	})
	waitFor(t, "every page", 30*time.Second, func() bool { return rec.names() == n })
	stop()
	if p := peak.Load(); p > conc || p < 2 {
		t.Errorf("peak of %d handlers at once, want 2..%d", p, conc)
	}
}

func testCompeting(t *testing.T, h Harness) {
	const n = 60
	var pages []*dateline.Page
	for i := range n {
		pages = append(pages, Page(fmt.Sprintf("w/%d", i), "x"))
	}
	publish(t, h.Bus, pages...)
	second := h.Bus
	if h.Another != nil {
		second = h.Another(t)
		t.Cleanup(func() { second.Close() })
	}
	rec := newRecorder()
	var byA, byB atomic.Int64
	handler := func(count *atomic.Int64) dateline.Handler {
		return func(ctx context.Context, d *dateline.Delivery) error {
			time.Sleep(5 * time.Millisecond)
			count.Add(1)
			rec.add(d)
			return nil
		}
	}
	opts := fast
	opts.Concurrency = 2
	stopA := consume(t, h.Bus, opts, handler(&byA))
	stopB := consume(t, second, opts, handler(&byB))
	waitFor(t, "every page", 30*time.Second, func() bool { return rec.names() == n })
	time.Sleep(100 * time.Millisecond)
	stopA()
	stopB()
	for _, p := range pages {
		if k := len(rec.deliveries(p.Source.Path)); k != 1 {
			t.Errorf("%s delivered %d times across two consumers, want once", p.Source.Path, k)
		}
	}
	if byA.Load() == 0 || byB.Load() == 0 {
		t.Errorf("one consumer did all the work (%d, %d): they must share the queue", byA.Load(), byB.Load())
	}
}

func testCancel(t *testing.T, h Harness) {
	publish(t, h.Bus, Page("slow", "x"))
	started := make(chan struct{})
	var once sync.Once
	stop := consume(t, h.Bus, fast, func(ctx context.Context, d *dateline.Delivery) error {
		once.Do(func() { close(started) })
		<-ctx.Done() // a handler that only stops when told
		return ctx.Err()
	})
	select {
	case <-started:
	case <-time.After(20 * time.Second):
		t.Fatal("no delivery")
	}
	if err := stop(); err != nil && !errors.Is(err, context.Canceled) {
		t.Fatalf("Consume = %v", err)
	}
	// The message comes back to the next consumer.
	rec := newRecorder()
	stop = consume(t, h.Bus, fast, func(ctx context.Context, d *dateline.Delivery) error {
		rec.add(d)
		return nil
	})
	waitFor(t, "the redelivery", 30*time.Second, func() bool { return len(rec.deliveries("slow")) == 1 })
	stop()
	if d := rec.deliveries("slow")[0]; d.Attempt != 2 {
		t.Errorf("redelivery attempt %d, want 2", d.Attempt)
	}
	if dl := deadLetters(t, h.Bus); len(dl) != 0 {
		t.Errorf("dead letters: %+v", dl)
	}
}

func testEmpty(t *testing.T, h Harness) {
	if res := publish(t, h.Bus); res != (dateline.PublishResult{}) {
		t.Errorf("empty Publish = %+v", res)
	}
	if _, err := h.Bus.Publish(context.Background(), []*dateline.Page{nil}); !errors.Is(err, dateline.ErrInvalid) {
		t.Errorf("Publish(nil page) = %v, want ErrInvalid", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := h.Bus.Publish(ctx, []*dateline.Page{Page("x", "y")}); !errors.Is(err, context.Canceled) {
		t.Errorf("Publish(cancelled) = %v, want context.Canceled", err)
	}
	if err := h.Bus.Consume(ctx, func(context.Context, *dateline.Delivery) error { return nil }, fast); !errors.Is(err, context.Canceled) {
		t.Errorf("Consume(cancelled) = %v, want context.Canceled", err)
	}
	if s := stats(t, h.Bus); s != (dateline.BusStats{}) {
		t.Errorf("Stats of an empty bus = %+v", s)
	}
}
