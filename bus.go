package dateline

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"time"
)

// Bus is a durable queue of pages between the processes that find reports
// (dateline ingest) and the workers that analyse and store them (dateline
// worker). Implementations: internal/inmem (in process, the default) and
// internal/nats (NATS JetStream, for several workers on several machines).
// Every implementation passes the conformance suite in internal/bustest.
//
// Delivery is at least once: a message is acknowledged only when its handler
// returns nil, so a worker that dies mid-batch leaves its messages to be
// delivered again, to it or another worker. Handlers must therefore be
// idempotent; storing by DocID (ON CONFLICT DO NOTHING) is.
//
// Bad input never blocks the queue: a message that does not decode, one
// larger than the bus's limit, one whose handler reports bad input
// (IsPermanent), and one that has failed MaxDeliver times go to the dead
// letter with the reason, and the next message is delivered.
type Bus interface {
	// Publish queues pages in order. A page whose message would exceed the
	// bus's size limit is not queued but dead-lettered with the reason; the
	// result counts both. An error means the pages from PublishResult.Queued
	// + PublishResult.Dead on were not queued (earlier ones may have been).
	Publish(ctx context.Context, pages []*Page) (PublishResult, error)
	// Consume delivers messages to h, up to opts.Concurrency at a time,
	// until ctx is done (it then returns ctx's error after the handlers
	// running have returned) or the bus fails. A handler that returns nil
	// acknowledges its message; an error sends it back for redelivery (or
	// to the dead letter, see Bus). While a handler runs the bus keeps its
	// message from being redelivered elsewhere.
	Consume(ctx context.Context, h Handler, opts ConsumeOptions) error
	// DeadLetters yields the dead letters kept now, oldest first, and stops.
	DeadLetters(ctx context.Context) iter.Seq2[DeadLetter, error]
	// Stats counts the messages waiting, being handled and dead.
	Stats(ctx context.Context) (BusStats, error)
	Close() error
}

// Handler processes one delivered message.
type Handler func(ctx context.Context, d *Delivery) error

// Delivery is one message handed to a Handler.
type Delivery struct {
	Page    *Page
	ID      string // MessageID of the page
	Attempt int    // 1 on the first delivery
}

// ConsumeOptions tunes Consume. Zero values take the defaults.
type ConsumeOptions struct {
	// Concurrency is the number of handlers running at once (default 1).
	Concurrency int
	// MaxDeliver is the number of attempts before a failing message is
	// dead-lettered (default DefaultMaxDeliver).
	MaxDeliver int
	// Backoff is the delay before a failed message is delivered again
	// (default 1s; attempts after the first failure double it, up to 30s).
	Backoff time.Duration
}

// DefaultMaxDeliver is the default number of delivery attempts.
const DefaultMaxDeliver = 5

// WithDefaults returns o with zero fields set to their defaults.
func (o ConsumeOptions) WithDefaults() ConsumeOptions {
	if o.Concurrency <= 0 {
		o.Concurrency = 1
	}
	if o.MaxDeliver <= 0 {
		o.MaxDeliver = DefaultMaxDeliver
	}
	if o.Backoff <= 0 {
		o.Backoff = time.Second
	}
	return o
}

// Delay is the wait before delivering again a message whose attempt-th
// delivery failed: Backoff, doubled for every further attempt, at most 30s.
func (o ConsumeOptions) Delay(attempt int) time.Duration {
	d := o.Backoff
	for i := 1; i < attempt && d < 30*time.Second; i++ {
		d *= 2
	}
	return min(d, 30*time.Second)
}

// PublishResult counts what a Publish call did.
type PublishResult struct {
	Queued int // messages on the queue
	Dead   int // pages dead-lettered at once (too large)
}

// BusStats is a snapshot of a bus.
type BusStats struct {
	Pending  int // queued, not yet delivered (or waiting for redelivery)
	InFlight int // delivered, not yet acknowledged
	Dead     int // dead letters kept
}

// DeadLetter is a message taken off the queue for good, with the reason.
type DeadLetter struct {
	Seq      uint64    `json:"seq"`             // position in the dead-letter log, from 1
	Kind     string    `json:"kind"`            // DeadPoison, DeadTooLarge, DeadInvalid or DeadFailed
	Reason   string    `json:"reason"`          // why it was taken off
	ID       string    `json:"id,omitempty"`    // MessageID of the message
	Source   SourceRef `json:"source,omitzero"` // the page's source, when it decoded
	Attempts int       `json:"attempts"`        // deliveries made (0: refused at publish)
	Size     int       `json:"size"`            // bytes of the message
	Time     time.Time `json:"time"`            // when it was dead-lettered
	Data     []byte    `json:"data,omitempty"`  // the message, unless it was too large to keep
}

// Kinds of dead letters.
const (
	DeadPoison   = "poison"    // the message did not decode
	DeadTooLarge = "too-large" // the message exceeded the size limit
	DeadInvalid  = "invalid"   // the handler reported bad input (IsPermanent)
	DeadFailed   = "failed"    // MaxDeliver attempts failed or timed out
)

// IsPermanent reports whether a handler's error means the input itself is
// bad, so that delivering it again cannot help: it wraps ErrInvalid,
// ErrTooLarge or ErrUnsupported. Such messages are dead-lettered at once.
func IsPermanent(err error) bool {
	return errors.Is(err, ErrInvalid) || errors.Is(err, ErrTooLarge) || errors.Is(err, ErrUnsupported)
}

// DefaultMaxMessage is the default size limit of a bus message: NATS's
// default max_payload (1 MiB) less room for headers (dead-letter reasons).
const DefaultMaxMessage = 1<<20 - 16<<10

// MessageVersion is the version of the message encoding.
const MessageVersion = 1

// message is the wire form of a Page on a bus: JSON, the body in base64.
type message struct {
	V         int          `json:"v"`
	Source    SourceRef    `json:"source"`
	Format    string       `json:"format"`
	Body      []byte       `json:"body"`
	Charset   string       `json:"charset,omitempty"`
	Title     string       `json:"title,omitempty"`
	Byline    string       `json:"byline,omitempty"`
	Published time.Time    `json:"published,omitzero"`
	Diags     []Diagnostic `json:"diags,omitempty"`
}

// EncodeMessage returns the wire form of p, the same on every bus.
func EncodeMessage(p *Page) ([]byte, error) {
	if p == nil {
		return nil, fmt.Errorf("encode message: nil page: %w", ErrInvalid)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	err := enc.Encode(message{
		V: MessageVersion, Source: p.Source, Format: p.Format, Body: p.Body, Charset: p.Charset,
		Title: p.Title, Byline: p.Byline, Published: p.Published, Diags: p.Diags,
	})
	if err != nil {
		return nil, fmt.Errorf("encode message: %w", err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// DecodeMessage reads a message written by EncodeMessage. Anything else,
// including a message of a newer version, is an error wrapping ErrInvalid.
func DecodeMessage(data []byte) (*Page, error) {
	var m message
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("decode message: %w: %v", ErrInvalid, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("decode message: %w: data after the message", ErrInvalid)
	}
	switch {
	case m.V != MessageVersion:
		return nil, fmt.Errorf("decode message: %w: version %d, want %d", ErrInvalid, m.V, MessageVersion)
	case m.Format != FormatHTML && m.Format != FormatText:
		return nil, fmt.Errorf("decode message: %w: format %q", ErrInvalid, m.Format)
	}
	return &Page{
		Source: m.Source, Format: m.Format, Body: m.Body, Charset: m.Charset,
		Title: m.Title, Byline: m.Byline, Published: m.Published, Diags: m.Diags,
	}, nil
}

// MessageID names an encoded message: a hash of its bytes, so the same page
// published twice has the same ID (buses use it to drop repeats).
func MessageID(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:12])
}
