package inmem

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"github.com/dateline-news/dateline"

	"github.com/dateline-news/dateline/internal/bustest"
)

func TestConformance(t *testing.T) {
	bustest.Run(t, func(t *testing.T) bustest.Harness {
		b := New(WithMaxMessage(64 << 10))
		return bustest.Harness{Bus: b, PublishRaw: b.PublishRaw, MaxMessage: b.MaxMessage()}
	})
}

// FuzzDecodeMessage: any bytes on the queue decode to a page that encodes
// back to a message decoding to the same page, or are refused with
// dateline.ErrInvalid; and the bus dead-letters what is refused instead of
// blocking.
func FuzzDecodeMessage(f *testing.F) {
	for _, p := range []*dateline.Page{bustest.Page("a.txt", "Report – “quoted”"), {Format: dateline.FormatHTML, Body: []byte{0xff, 0}}} {
		b, err := dateline.EncodeMessage(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"v":1,"format":"text","body":null,"extra":1}`))
	f.Add([]byte(`{"v":1,"format":"text","body":""} {}`))
	f.Add([]byte("\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := dateline.DecodeMessage(data)
		if err != nil {
			if !errors.Is(err, dateline.ErrInvalid) {
				t.Fatalf("error %v does not wrap ErrInvalid", err)
			}
			return
		}
		again, err := dateline.EncodeMessage(p)
		if err != nil {
			t.Fatalf("a decoded page does not encode: %v", err)
		}
		q, err := dateline.DecodeMessage(again)
		if err != nil {
			t.Fatalf("re-encoded message does not decode: %v", err)
		}
		if b, _ := dateline.EncodeMessage(q); !bytes.Equal(b, again) {
			t.Fatalf("round trip changed the page:\n%s\n%s", again, b)
		}
	})
}

func TestDelay(t *testing.T) {
	o := dateline.ConsumeOptions{}.WithDefaults()
	for attempt, want := range map[int]time.Duration{1: time.Second, 2: 2 * time.Second, 3: 4 * time.Second, 6: 30 * time.Second, 50: 30 * time.Second} {
		if got := o.Delay(attempt); got != want {
			t.Errorf("Delay(%d) = %v, want %v", attempt, got, want)
		}
	}
	if o.Concurrency != 1 || o.MaxDeliver != dateline.DefaultMaxDeliver {
		t.Errorf("defaults %+v", o)
	}
}

// TestClosed: a closed bus refuses work and ends its consumers.
func TestClosed(t *testing.T) {
	b := New()
	done := make(chan error, 1)
	go func() {
		done <- b.Consume(context.Background(), func(context.Context, *dateline.Delivery) error { return nil }, dateline.ConsumeOptions{})
	}()
	time.Sleep(10 * time.Millisecond)
	b.Close()
	select {
	case err := <-done:
		if !errors.Is(err, ErrClosed) {
			t.Errorf("Consume after Close = %v, want ErrClosed", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Consume did not return after Close")
	}
	if _, err := b.Publish(context.Background(), []*dateline.Page{bustest.Page("x", "y")}); !errors.Is(err, ErrClosed) {
		t.Errorf("Publish after Close = %v", err)
	}
}
