// Package inmem is the in-process dateline.Bus: a queue in memory with the
// same contract as the NATS JetStream bus (explicit acknowledgement,
// redelivery with backoff up to MaxDeliver, a dead letter with reasons,
// poisoned and oversized messages dead-lettered at once). Messages are kept
// in their wire form, so a consumer never shares memory with the producer,
// and the size limit applies as it would on a server. Nothing survives the
// process: it is the default for one machine, and the stand-in for NATS in
// tests.
package inmem

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"sync"
	"time"

	"github.com/dateline-news/dateline"
)

// ErrClosed is returned by a closed bus.
var ErrClosed = errors.New("inmem: bus closed")

// Bus is an in-memory dateline.Bus. It is safe for concurrent use; several
// Consume calls compete for the messages like workers on one queue.
type Bus struct {
	mu       sync.Mutex
	ready    []*entry // FIFO
	waiting  []*entry // to be redelivered at their time
	inFlight int
	dead     []dateline.DeadLetter
	changed  chan struct{} // closed and replaced on every change
	closed   bool

	maxMessage int
	now        func() time.Time
}

var _ dateline.Bus = (*Bus)(nil)

type entry struct {
	data     []byte
	id       string
	attempts int       // deliveries so far
	at       time.Time // redelivery time, for waiting entries
}

// Option configures New.
type Option func(*Bus)

// WithMaxMessage sets the size limit of a message in bytes (default
// dateline.DefaultMaxMessage); n < 1 keeps the default.
func WithMaxMessage(n int) Option {
	return func(b *Bus) {
		if n >= 1 {
			b.maxMessage = n
		}
	}
}

// WithClock sets the clock (default time.Now).
func WithClock(now func() time.Time) Option { return func(b *Bus) { b.now = now } }

// New returns an empty bus.
func New(opts ...Option) *Bus {
	b := &Bus{changed: make(chan struct{}), maxMessage: dateline.DefaultMaxMessage, now: time.Now}
	for _, o := range opts {
		o(b)
	}
	return b
}

// MaxMessage returns the size limit of a message.
func (b *Bus) MaxMessage() int { return b.maxMessage }

// signal wakes the consumers; b.mu is held.
func (b *Bus) signal() {
	close(b.changed)
	b.changed = make(chan struct{})
}

// Publish queues pages in order; see dateline.Bus.
func (b *Bus) Publish(ctx context.Context, pages []*dateline.Page) (dateline.PublishResult, error) {
	var res dateline.PublishResult
	msgs := make([][]byte, len(pages))
	for i, p := range pages {
		data, err := dateline.EncodeMessage(p)
		if err != nil {
			return res, fmt.Errorf("inmem: page %d of %d: %w", i+1, len(pages), err)
		}
		msgs[i] = data
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return res, ErrClosed
	}
	for i, data := range msgs {
		if len(data) > b.maxMessage {
			b.deadLocked(dateline.DeadLetter{
				Kind:   dateline.DeadTooLarge,
				Reason: fmt.Sprintf("message too large: %d bytes, the limit is %d", len(data), b.maxMessage),
				ID:     dateline.MessageID(data), Source: pages[i].Source, Size: len(data),
			})
			res.Dead++
			continue
		}
		b.ready = append(b.ready, &entry{data: data, id: dateline.MessageID(data)})
		res.Queued++
	}
	b.signal()
	return res, nil
}

// PublishRaw queues bytes as they are, as a foreign producer would (for
// tools and tests; a message that does not decode is dead-lettered when
// delivered).
func (b *Bus) PublishRaw(ctx context.Context, data []byte) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return ErrClosed
	}
	b.ready = append(b.ready, &entry{data: data, id: dateline.MessageID(data)})
	b.signal()
	return nil
}

// deadLocked keeps a dead letter; b.mu is held.
func (b *Bus) deadLocked(d dateline.DeadLetter) {
	d.Seq = uint64(len(b.dead) + 1)
	d.Time = b.now()
	b.dead = append(b.dead, d)
}

// next takes the next message to deliver, waiting for one; it returns nil
// when ctx is done or the bus is closed.
func (b *Bus) next(ctx context.Context) *entry {
	for {
		if ctx.Err() != nil {
			return nil
		}
		b.mu.Lock()
		if b.closed {
			b.mu.Unlock()
			return nil
		}
		now := b.now()
		// Move the messages whose backoff has passed to the queue.
		kept := b.waiting[:0]
		var wake time.Duration = -1
		for _, e := range b.waiting {
			if !e.at.After(now) {
				b.ready = append(b.ready, e)
				continue
			}
			kept = append(kept, e)
			if d := e.at.Sub(now); wake < 0 || d < wake {
				wake = d
			}
		}
		clear(b.waiting[len(kept):])
		b.waiting = kept
		if len(b.ready) > 0 {
			e := b.ready[0]
			b.ready[0] = nil
			b.ready = b.ready[1:]
			e.attempts++
			b.inFlight++
			b.mu.Unlock()
			return e
		}
		changed := b.changed
		b.mu.Unlock()
		var timer *time.Timer
		var fire <-chan time.Time
		if wake >= 0 {
			timer = time.NewTimer(wake)
			fire = timer.C
		}
		select {
		case <-ctx.Done():
		case <-changed:
		case <-fire:
		}
		if timer != nil {
			timer.Stop()
		}
		if ctx.Err() != nil {
			return nil
		}
	}
}

// settle ends a delivery: ack (nil dead, zero retry), redeliver after
// retry, or dead-letter.
func (b *Bus) settle(e *entry, retry time.Duration, dead *dateline.DeadLetter) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.inFlight--
	switch {
	case dead != nil:
		b.deadLocked(*dead)
	case retry >= 0:
		e.at = b.now().Add(retry)
		b.waiting = append(b.waiting, e)
	}
	b.signal()
}

// Consume delivers messages to h until ctx is done; see dateline.Bus.
func (b *Bus) Consume(ctx context.Context, h dateline.Handler, opts dateline.ConsumeOptions) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	opts = opts.WithDefaults()
	var wg sync.WaitGroup
	for range opts.Concurrency {
		wg.Go(func() {
			for {
				e := b.next(ctx)
				if e == nil {
					return
				}
				b.deliver(ctx, h, opts, e)
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	return ErrClosed
}

// deliver runs h on one message and settles it.
func (b *Bus) deliver(ctx context.Context, h dateline.Handler, opts dateline.ConsumeOptions, e *entry) {
	dead := func(kind, reason string, src dateline.SourceRef) {
		b.settle(e, -1, &dateline.DeadLetter{Kind: kind, Reason: reason, ID: e.id, Source: src,
			Attempts: e.attempts, Size: len(e.data), Data: e.data})
	}
	if len(e.data) > b.maxMessage {
		d := &dateline.DeadLetter{Kind: dateline.DeadTooLarge, ID: e.id, Attempts: e.attempts, Size: len(e.data),
			Reason: fmt.Sprintf("message too large: %d bytes, the limit is %d", len(e.data), b.maxMessage)}
		b.settle(e, -1, d)
		return
	}
	page, err := dateline.DecodeMessage(e.data)
	if err != nil {
		dead(dateline.DeadPoison, err.Error(), dateline.SourceRef{})
		return
	}
	err = run(ctx, h, &dateline.Delivery{Page: page, ID: e.id, Attempt: e.attempts})
	switch {
	case err == nil:
		b.settle(e, -1, nil)
	case ctx.Err() != nil:
		b.settle(e, 0, nil) // stopped, not failed: back to the queue at once
	case dateline.IsPermanent(err):
		dead(dateline.DeadInvalid, err.Error(), page.Source)
	case e.attempts >= opts.MaxDeliver:
		dead(dateline.DeadFailed, fmt.Sprintf("failed %d times; last: %v", e.attempts, err), page.Source)
	default:
		b.settle(e, opts.Delay(e.attempts), nil)
	}
}

// run calls h, turning a panic into an error.
func run(ctx context.Context, h dateline.Handler, d *dateline.Delivery) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("handler panicked: %v", v)
		}
	}()
	return h(ctx, d)
}

// DeadLetters yields the dead letters, oldest first.
func (b *Bus) DeadLetters(ctx context.Context) iter.Seq2[dateline.DeadLetter, error] {
	return func(yield func(dateline.DeadLetter, error) bool) {
		b.mu.Lock()
		dead := append([]dateline.DeadLetter(nil), b.dead...)
		b.mu.Unlock()
		for _, d := range dead {
			if err := ctx.Err(); err != nil {
				yield(dateline.DeadLetter{}, err)
				return
			}
			if !yield(d, nil) {
				return
			}
		}
	}
}

// Stats counts the messages waiting, in flight and dead.
func (b *Bus) Stats(ctx context.Context) (dateline.BusStats, error) {
	if err := ctx.Err(); err != nil {
		return dateline.BusStats{}, err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	return dateline.BusStats{Pending: len(b.ready) + len(b.waiting), InFlight: b.inFlight, Dead: len(b.dead)}, nil
}

// Close stops the consumers; messages not acknowledged are lost with the
// process. Calls after the first do nothing.
func (b *Bus) Close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.closed {
		b.closed = true
		b.signal()
	}
	return nil
}
