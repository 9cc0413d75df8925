package cli

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// progress shows how far long work has come: a bar redrawn in place on a
// terminal, a line every few seconds otherwise. It is safe for concurrent use.
type progress struct {
	mu    sync.Mutex
	w     io.Writer
	label string
	total int // 0 when unknown
	done  int
	tty   bool
	start time.Time
	last  time.Time
	every time.Duration
}

func newProgress(w io.Writer, label string, total int) *progress {
	now := time.Now()
	p := &progress{w: w, label: label, total: total, tty: isTerminal(w), start: now, last: now, every: 5 * time.Second}
	if p.tty {
		p.every = 100 * time.Millisecond
	}
	return p
}

// Add counts n more units done.
func (p *progress) Add(n int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done += n
	if now := time.Now(); now.Sub(p.last) >= p.every {
		p.last = now
		p.draw(false)
	}
}

// SetTotal sets the total once known.
func (p *progress) SetTotal(n int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.total = n
	p.mu.Unlock()
}

// Done draws the final state.
func (p *progress) Done() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.tty && time.Since(p.start) < p.every {
		return // short work off a terminal: the closing report says it all
	}
	p.draw(true)
}

func (p *progress) draw(final bool) {
	el := time.Since(p.start).Seconds()
	rate := 0.0
	if el > 0 {
		rate = float64(p.done) / el
	}
	var s string
	if p.total > 0 {
		frac := float64(p.done) / float64(p.total)
		if frac > 1 {
			frac = 1
		}
		const width = 30
		n := int(frac * width)
		bar := make([]byte, width)
		for i := range bar {
			if i < n {
				bar[i] = '#'
			} else {
				bar[i] = '.'
			}
		}
		s = fmt.Sprintf("%s [%s] %d/%d (%.0f/s)", p.label, bar, p.done, p.total, rate)
	} else {
		s = fmt.Sprintf("%s %d (%.0f/s)", p.label, p.done, rate)
	}
	switch {
	case p.tty && final:
		fmt.Fprintf(p.w, "\r\033[K%s\n", s)
	case p.tty:
		fmt.Fprintf(p.w, "\r\033[K%s", s)
	default:
		fmt.Fprintln(p.w, s)
	}
}
