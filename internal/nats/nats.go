// Package nats is the dateline.Bus on NATS JetStream, for workers on
// several machines.
//
// Pages go to a durable stream (<PREFIX>_PAGES, subject <prefix>.pages,
// work-queue retention: a message is removed once acknowledged), read by one
// durable pull consumer (<prefix>-worker) that every worker shares. The
// consumer acknowledges explicitly: a worker acknowledges a message only
// after its handler returned nil, and while the handler runs it tells the
// server the work is in progress, so AckWait only has to cover a worker
// that stopped answering. A worker that dies leaves its messages
// unacknowledged; after AckWait the server delivers them to another.
//
// A failed handler's message is sent back with a growing delay (NAK with
// delay) up to MaxDeliver attempts; the consumer is created with one more
// delivery than that, so a message whose last attempt was lost with its
// worker comes round once more and is dead-lettered instead of being
// dropped silently by the server. Dead letters are published to
// <prefix>.dead, kept by a second stream (<PREFIX>_DEAD, limits retention),
// with the reason in headers and the message as data.
package nats

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	natsgo "github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/dateline-news/dateline"
)

// Options configures Open. Zero values take the defaults.
type Options struct {
	// Prefix names the subjects, streams and consumer (default "dateline").
	// Letters, digits, - and _ only.
	Prefix string
	// Replicas of the streams in a JetStream cluster (default 1; 3 in a
	// cluster of three servers).
	Replicas int
	// MaxMessage is the size limit of a message (default
	// dateline.DefaultMaxMessage). It must fit the server's max_payload.
	MaxMessage int
	// AckWait is how long the server waits for a worker that stopped
	// answering before it delivers the message elsewhere (default 30s).
	AckWait time.Duration
	// DeadMaxAge is how long dead letters are kept (default: forever).
	DeadMaxAge time.Duration
	// Name is the connection's name, shown by the server (default
	// "dateline").
	Name string
}

// Bus is a dateline.Bus on a JetStream server. It is safe for concurrent
// use.
type Bus struct {
	nc   *natsgo.Conn
	js   jetstream.JetStream
	opts Options

	subject, deadSubject string
	stream, deadStream   string
	consumer             string

	closeOnce sync.Once
}

var _ dateline.Bus = (*Bus)(nil)

var validPrefix = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// Headers of a dead letter.
const (
	hdrKind     = "Dateline-Kind"
	hdrReason   = "Dateline-Reason"
	hdrAttempts = "Dateline-Attempts"
	hdrID       = "Dateline-Id"
	hdrSize     = "Dateline-Size"
	hdrSource   = "Dateline-Source"
)

// Open connects to the server at url (nats://host:port, several separated
// by commas), creates or updates the streams, and returns the bus.
func Open(ctx context.Context, url string, opts Options) (*Bus, error) {
	if opts.Prefix == "" {
		opts.Prefix = "dateline"
	}
	if !validPrefix.MatchString(opts.Prefix) {
		return nil, fmt.Errorf("nats: prefix %q: want letters, digits, - and _: %w", opts.Prefix, dateline.ErrInvalid)
	}
	if opts.Replicas <= 0 {
		opts.Replicas = 1
	}
	if opts.MaxMessage <= 0 {
		opts.MaxMessage = dateline.DefaultMaxMessage
	}
	if opts.AckWait <= 0 {
		opts.AckWait = 30 * time.Second
	}
	if opts.Name == "" {
		opts.Name = "dateline"
	}
	nc, err := natsgo.Connect(url,
		natsgo.Name(opts.Name),
		natsgo.MaxReconnects(-1),
		natsgo.ReconnectWait(250*time.Millisecond),
		natsgo.Timeout(5*time.Second),
	)
	if err != nil {
		return nil, fmt.Errorf("nats: connect: %w", err)
	}
	if max := nc.MaxPayload(); int64(opts.MaxMessage)+8<<10 > max {
		nc.Close()
		return nil, fmt.Errorf("nats: message limit %d bytes does not fit the server's max_payload %d: %w", opts.MaxMessage, max, dateline.ErrInvalid)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("nats: %w", err)
	}
	up := strings.ToUpper(strings.ReplaceAll(opts.Prefix, "-", "_"))
	b := &Bus{
		nc: nc, js: js, opts: opts,
		subject: opts.Prefix + ".pages", deadSubject: opts.Prefix + ".dead",
		stream: up + "_PAGES", deadStream: up + "_DEAD",
		consumer: opts.Prefix + "-worker",
	}
	_, err = js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:        b.stream,
		Description: "dateline: pages to analyse and store",
		Subjects:    []string{b.subject},
		Retention:   jetstream.WorkQueuePolicy,
		Storage:     jetstream.FileStorage,
		Replicas:    opts.Replicas,
		MaxMsgSize:  int32(opts.MaxMessage + 8<<10),
		Discard:     jetstream.DiscardNew,
	})
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("nats: stream %s: %w", b.stream, err)
	}
	_, err = js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:        b.deadStream,
		Description: "dateline: dead letters (pages taken off the queue, with the reason)",
		Subjects:    []string{b.deadSubject},
		Retention:   jetstream.LimitsPolicy,
		Storage:     jetstream.FileStorage,
		Replicas:    opts.Replicas,
		MaxAge:      opts.DeadMaxAge,
	})
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("nats: stream %s: %w", b.deadStream, err)
	}
	return b, nil
}

// MaxMessage returns the size limit of a message.
func (b *Bus) MaxMessage() int { return b.opts.MaxMessage }

// Publish queues pages in order; see dateline.Bus.
func (b *Bus) Publish(ctx context.Context, pages []*dateline.Page) (dateline.PublishResult, error) {
	var res dateline.PublishResult
	msgs := make([][]byte, len(pages))
	for i, p := range pages {
		data, err := dateline.EncodeMessage(p)
		if err != nil {
			return res, fmt.Errorf("nats: page %d of %d: %w", i+1, len(pages), err)
		}
		msgs[i] = data
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	// Publish asynchronously in windows, in order, and wait for the acks.
	const window = 256
	for start := 0; start < len(msgs); start += window {
		var futures []jetstream.PubAckFuture
		for i := start; i < min(start+window, len(msgs)); i++ {
			data := msgs[i]
			if len(data) > b.opts.MaxMessage {
				err := b.dead(ctx, dateline.DeadLetter{
					Kind:   dateline.DeadTooLarge,
					Reason: fmt.Sprintf("message too large: %d bytes, the limit is %d", len(data), b.opts.MaxMessage),
					ID:     dateline.MessageID(data), Source: pages[i].Source, Size: len(data),
				})
				if err != nil {
					return res, err
				}
				res.Dead++
				continue
			}
			m := natsgo.NewMsg(b.subject)
			m.Data = data
			m.Header.Set(hdrID, dateline.MessageID(data))
			f, err := b.js.PublishMsgAsync(m)
			if err != nil {
				return res, fmt.Errorf("nats: publish: %w", err)
			}
			futures = append(futures, f)
		}
		for _, f := range futures {
			select {
			case <-f.Ok():
				res.Queued++
			case err := <-f.Err():
				return res, fmt.Errorf("nats: publish: %w", err)
			case <-ctx.Done():
				return res, ctx.Err()
			}
		}
	}
	return res, nil
}

// PublishRaw queues bytes as they are, as a foreign producer would (for
// tools and tests; a message that does not decode is dead-lettered when
// delivered).
func (b *Bus) PublishRaw(ctx context.Context, data []byte) error {
	if _, err := b.js.Publish(ctx, b.subject, data); err != nil {
		return fmt.Errorf("nats: publish: %w", err)
	}
	return nil
}

// dead publishes a dead letter and waits for the server to store it.
func (b *Bus) dead(ctx context.Context, d dateline.DeadLetter) error {
	m := natsgo.NewMsg(b.deadSubject)
	m.Data = d.Data
	m.Header.Set(hdrKind, d.Kind)
	m.Header.Set(hdrReason, headerValue(d.Reason))
	m.Header.Set(hdrAttempts, strconv.Itoa(d.Attempts))
	m.Header.Set(hdrSize, strconv.Itoa(d.Size))
	if d.ID != "" {
		m.Header.Set(hdrID, d.ID)
	}
	if d.Source != (dateline.SourceRef{}) {
		if js, err := json.Marshal(d.Source); err == nil {
			m.Header.Set(hdrSource, string(js))
		}
	}
	if _, err := b.js.PublishMsg(ctx, m); err != nil {
		return fmt.Errorf("nats: dead letter: %w", err)
	}
	return nil
}

// headerValue makes s one header line of bounded length.
func headerValue(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\r' || r == '\n' || r == 0 {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
	if len(s) > 2048 {
		cut := 2048
		for cut > 0 && s[cut]&0xC0 == 0x80 {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}

// fetchWait bounds one pull request, and so how long Consume takes to
// notice its context is done when the queue is idle.
const fetchWait = time.Second

// Consume delivers messages to h until ctx is done; see dateline.Bus. The
// consumer is created or updated with opts.MaxDeliver (+1, see the package
// comment) and the bus's AckWait: the last worker to start sets them.
func (b *Bus) Consume(ctx context.Context, h dateline.Handler, opts dateline.ConsumeOptions) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	opts = opts.WithDefaults()
	cons, err := b.js.CreateOrUpdateConsumer(ctx, b.stream, jetstream.ConsumerConfig{
		Durable:       b.consumer,
		Description:   "dateline workers",
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       b.opts.AckWait,
		MaxDeliver:    opts.MaxDeliver + 1,
		FilterSubject: b.subject,
		MaxAckPending: 10000,
		Replicas:      b.opts.Replicas,
	})
	if err != nil {
		return fmt.Errorf("nats: consumer %s: %w", b.consumer, ctxErr(ctx, err))
	}
	slots := make(chan struct{}, opts.Concurrency)
	var wg sync.WaitGroup
	defer wg.Wait()
	for ctx.Err() == nil {
		// Ask for as many messages as there are free handlers, so that
		// no message waits in a buffer while its AckWait runs.
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			continue
		}
		n := 1
	more:
		for n < opts.Concurrency {
			select {
			case slots <- struct{}{}:
				n++
			default:
				break more
			}
		}
		fctx, fcancel := context.WithTimeout(ctx, fetchWait)
		batch, err := cons.Fetch(n, jetstream.FetchContext(fctx))
		if err != nil {
			fcancel()
			release(slots, n)
			if b.nc.IsClosed() {
				return fmt.Errorf("nats: %w", jetstream.ErrConnectionClosed)
			}
			sleep(ctx, 250*time.Millisecond) // reconnecting, or the server restarts
			continue
		}
		got := 0
		for msg := range batch.Messages() {
			got++
			wg.Go(func() {
				defer release(slots, 1)
				b.handle(ctx, h, opts, msg)
			})
		}
		fcancel()
		release(slots, n-got)
		if err := batch.Error(); err != nil && ctx.Err() == nil && !errors.Is(err, natsgo.ErrTimeout) &&
			!errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, jetstream.ErrNoMessages) {
			if b.nc.IsClosed() {
				return fmt.Errorf("nats: %w", jetstream.ErrConnectionClosed)
			}
			sleep(ctx, 250*time.Millisecond)
		}
	}
	wg.Wait()
	return ctx.Err()
}

func release(slots chan struct{}, n int) {
	for range n {
		<-slots
	}
}

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

// settleTimeout bounds an acknowledgement or a dead-letter publication,
// which must happen even when the consumer is stopping.
const settleTimeout = 10 * time.Second

// handle runs h on one message and settles it.
func (b *Bus) handle(ctx context.Context, h dateline.Handler, opts dateline.ConsumeOptions, msg jetstream.Msg) {
	data := msg.Data()
	id := msg.Headers().Get(hdrID)
	if id == "" {
		id = dateline.MessageID(data)
	}
	attempt := 1
	if md, err := msg.Metadata(); err == nil {
		attempt = int(md.NumDelivered)
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), settleTimeout)
	defer cancel()
	dead := func(d dateline.DeadLetter) {
		d.ID, d.Size = id, len(data)
		if err := b.dead(sctx, d); err != nil {
			_ = msg.NakWithDelay(time.Second) // the dead letter was not kept: try again later
			return
		}
		_ = msg.DoubleAck(sctx)
	}
	if ctx.Err() != nil {
		_ = msg.Nak() // arrived as the consumer stopped: to another worker
		return
	}
	if attempt > opts.MaxDeliver {
		page, _ := dateline.DecodeMessage(data)
		d := dateline.DeadLetter{Kind: dateline.DeadFailed, Attempts: attempt - 1, Data: data,
			Reason: fmt.Sprintf("delivered %d times without an acknowledgement: the last handler ran out of time or its worker stopped", attempt-1)}
		if page != nil {
			d.Source = page.Source
		}
		dead(d)
		return
	}
	if len(data) > b.opts.MaxMessage {
		dead(dateline.DeadLetter{Kind: dateline.DeadTooLarge, Attempts: attempt,
			Reason: fmt.Sprintf("message too large: %d bytes, the limit is %d", len(data), b.opts.MaxMessage)})
		return
	}
	page, err := dateline.DecodeMessage(data)
	if err != nil {
		dead(dateline.DeadLetter{Kind: dateline.DeadPoison, Attempts: attempt, Data: data, Reason: err.Error()})
		return
	}

	// Keep the message ours while the handler runs.
	beat := make(chan struct{})
	go func() {
		t := time.NewTicker(max(b.opts.AckWait/3, 100*time.Millisecond))
		defer t.Stop()
		for {
			select {
			case <-beat:
				return
			case <-t.C:
				_ = msg.InProgress()
			}
		}
	}()
	err = run(ctx, h, &dateline.Delivery{Page: page, ID: id, Attempt: attempt})
	close(beat)

	switch {
	case err == nil:
		_ = msg.DoubleAck(sctx) // lost: the message comes back, and the store keeps it once
	case ctx.Err() != nil:
		_ = msg.Nak() // stopped, not failed: to another worker at once
	case dateline.IsPermanent(err):
		dead(dateline.DeadLetter{Kind: dateline.DeadInvalid, Attempts: attempt, Data: data, Source: page.Source, Reason: err.Error()})
	case attempt >= opts.MaxDeliver:
		dead(dateline.DeadLetter{Kind: dateline.DeadFailed, Attempts: attempt, Data: data, Source: page.Source,
			Reason: fmt.Sprintf("failed %d times; last: %v", attempt, err)})
	default:
		_ = msg.NakWithDelay(opts.Delay(attempt))
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

// DeadLetters yields the dead letters kept now, oldest first.
func (b *Bus) DeadLetters(ctx context.Context) iter.Seq2[dateline.DeadLetter, error] {
	return func(yield func(dateline.DeadLetter, error) bool) {
		st, err := b.js.Stream(ctx, b.deadStream)
		if err != nil {
			yield(dateline.DeadLetter{}, fmt.Errorf("nats: %s: %w", b.deadStream, err))
			return
		}
		info, err := st.Info(ctx)
		if err != nil {
			yield(dateline.DeadLetter{}, fmt.Errorf("nats: %s: %w", b.deadStream, err))
			return
		}
		if info.State.Msgs == 0 {
			return
		}
		for seq := info.State.FirstSeq; seq <= info.State.LastSeq; seq++ {
			m, err := st.GetMsg(ctx, seq)
			if errors.Is(err, jetstream.ErrMsgNotFound) {
				continue
			}
			if err != nil {
				yield(dateline.DeadLetter{}, fmt.Errorf("nats: dead letter %d: %w", seq, err))
				return
			}
			if !yield(deadLetter(m), nil) {
				return
			}
		}
	}
}

// deadLetter reads a stored dead letter.
func deadLetter(m *jetstream.RawStreamMsg) dateline.DeadLetter {
	d := dateline.DeadLetter{
		Seq: m.Sequence, Time: m.Time, Data: m.Data,
		Kind: m.Header.Get(hdrKind), Reason: m.Header.Get(hdrReason), ID: m.Header.Get(hdrID),
	}
	d.Attempts, _ = strconv.Atoi(m.Header.Get(hdrAttempts))
	d.Size, _ = strconv.Atoi(m.Header.Get(hdrSize))
	if s := m.Header.Get(hdrSource); s != "" {
		_ = json.Unmarshal([]byte(s), &d.Source)
	}
	if len(d.Data) == 0 {
		d.Data = nil
	}
	return d
}

// Stats counts the messages waiting, in flight and dead.
func (b *Bus) Stats(ctx context.Context) (dateline.BusStats, error) {
	var s dateline.BusStats
	st, err := b.js.Stream(ctx, b.stream)
	if err != nil {
		return s, fmt.Errorf("nats: %s: %w", b.stream, ctxErr(ctx, err))
	}
	info, err := st.Info(ctx)
	if err != nil {
		return s, fmt.Errorf("nats: %s: %w", b.stream, ctxErr(ctx, err))
	}
	total := int(info.State.Msgs)
	if c, err := st.Consumer(ctx, b.consumer); err == nil {
		ci, err := c.Info(ctx)
		if err != nil {
			return s, fmt.Errorf("nats: consumer %s: %w", b.consumer, ctxErr(ctx, err))
		}
		s.InFlight = min(ci.NumAckPending, total)
	} else if !errors.Is(err, jetstream.ErrConsumerNotFound) {
		return s, fmt.Errorf("nats: consumer %s: %w", b.consumer, ctxErr(ctx, err))
	}
	s.Pending = total - s.InFlight
	ds, err := b.js.Stream(ctx, b.deadStream)
	if err != nil {
		return s, fmt.Errorf("nats: %s: %w", b.deadStream, ctxErr(ctx, err))
	}
	dinfo, err := ds.Info(ctx)
	if err != nil {
		return s, fmt.Errorf("nats: %s: %w", b.deadStream, ctxErr(ctx, err))
	}
	s.Dead = int(dinfo.State.Msgs)
	return s, nil
}

// Delete removes the streams and the consumer with every message in them
// (for tests and tear-down).
func (b *Bus) Delete(ctx context.Context) error {
	var errs []error
	for _, s := range []string{b.stream, b.deadStream} {
		if err := b.js.DeleteStream(ctx, s); err != nil && !errors.Is(err, jetstream.ErrStreamNotFound) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Close closes the connection after flushing what was published. Calls
// after the first do nothing.
func (b *Bus) Close() error {
	b.closeOnce.Do(func() {
		_ = b.nc.Flush()
		b.nc.Close()
	})
	return nil
}

// ctxErr prefers the context's error to the client's.
func ctxErr(ctx context.Context, err error) error {
	if cerr := ctx.Err(); cerr != nil && !errors.Is(err, cerr) {
		return fmt.Errorf("%w (%v)", cerr, err)
	}
	return err
}
