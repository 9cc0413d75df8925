package nats

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"testing"
	"time"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/bustest"
)

// testOptions names streams of their own for one test; they are deleted
// when it ends.
func testOptions(t *testing.T) (string, Options) {
	t.Helper()
	url := bustest.Server(t, bustest.EnvNATS)
	b := make([]byte, 6)
	rand.Read(b)
	opts := Options{Prefix: "test_" + hex.EncodeToString(b), MaxMessage: 64 << 10, AckWait: 2 * time.Second}
	t.Cleanup(func() {
		bus, err := Open(context.Background(), url, opts)
		if err != nil {
			t.Errorf("clean up: %v", err)
			return
		}
		defer bus.Close()
		if err := bus.Delete(context.Background()); err != nil {
			t.Errorf("clean up: %v", err)
		}
	})
	return url, opts
}

func open(t *testing.T, url string, opts Options) *Bus {
	t.Helper()
	b, err := Open(context.Background(), url, opts)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestConformance(t *testing.T) {
	bustest.Run(t, func(t *testing.T) bustest.Harness {
		url, opts := testOptions(t)
		b := open(t, url, opts)
		return bustest.Harness{
			Bus:        b,
			PublishRaw: b.PublishRaw,
			Another:    func(t *testing.T) dateline.Bus { return open(t, url, opts) },
			MaxMessage: b.MaxMessage(),
		}
	})
}

// TestAbandonedDelivery: a worker that stops answering (its handler never
// returns and it sends no progress) loses the message to another worker
// after AckWait; when every attempt is abandoned the message ends in the
// dead letter instead of vanishing.
func TestAbandonedDelivery(t *testing.T) {
	url, opts := testOptions(t)
	opts.AckWait = 500 * time.Millisecond
	pub := open(t, url, opts)
	defer pub.Close()
	if _, err := pub.Publish(context.Background(), []*dateline.Page{bustest.Page("lost", "x")}); err != nil {
		t.Fatal(err)
	}
	copts := dateline.ConsumeOptions{MaxDeliver: 2, Backoff: 10 * time.Millisecond}
	for attempt := 1; attempt <= 2; attempt++ {
		// A worker that takes the message and dies: its connection closes
		// without an ack.
		w := open(t, url, opts)
		got := make(chan int, 1)
		ctx, cancel := context.WithCancel(context.Background())
		go w.Consume(ctx, func(ctx context.Context, d *dateline.Delivery) error {
			got <- d.Attempt
			select {} // hangs: the worker is gone
		}, copts)
		select {
		case a := <-got:
			if a != attempt {
				t.Errorf("delivery %d has attempt %d", attempt, a)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("no delivery %d", attempt)
		}
		w.nc.Close() // no more progress reports or acks from this one
		cancel()
	}
	// The next worker finds the message past MaxDeliver and dead-letters it.
	w := open(t, url, opts)
	defer w.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	called := make(chan struct{}, 1)
	go w.Consume(ctx, func(ctx context.Context, d *dateline.Delivery) error { called <- struct{}{}; return nil }, copts)
	deadline := time.Now().Add(20 * time.Second)
	for {
		s, err := w.Stats(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if s.Dead == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no dead letter: %+v", s)
		}
		time.Sleep(50 * time.Millisecond)
	}
	select {
	case <-called:
		t.Errorf("the handler ran a third time; MaxDeliver is 2")
	default:
	}
	for d, err := range w.DeadLetters(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		if d.Kind != dateline.DeadFailed || d.Attempts != 2 || d.Source.Path != "lost" {
			t.Errorf("dead letter = %+v", d)
		}
	}
}

func TestOpenRefuses(t *testing.T) {
	url := bustest.Server(t, bustest.EnvNATS)
	for _, o := range []Options{{Prefix: "has.dot"}, {Prefix: "a b"}, {Prefix: "x", MaxMessage: 64 << 20}} {
		if b, err := Open(context.Background(), url, o); !errors.Is(err, dateline.ErrInvalid) {
			if b != nil {
				b.Close()
			}
			t.Errorf("Open(%+v) = %v, want ErrInvalid", o, err)
		}
	}
	if _, err := Open(context.Background(), "nats://127.0.0.1:1", Options{}); err == nil {
		t.Errorf("Open(nothing listening) succeeded")
	}
}
