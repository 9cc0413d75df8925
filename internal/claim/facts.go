package claim

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/dateline-news/dateline"
)

// Fact kinds.
const (
	FactStart = "start" // the start of a war or crisis
	FactVisit = "visit" // a dated visit of an actor to a country
)

// Fact is a dated fact of the knowledge base.
type Fact struct {
	Kind    string    `json:"kind"`
	Date    time.Time `json:"date"`
	Actor   string    `json:"actor,omitempty"`
	Code    string    `json:"code,omitempty"` // CAMEO event code
	Target  string    `json:"target,omitempty"`
	Name    string    `json:"name"`
	Aliases []string  `json:"aliases,omitempty"` // lower-case phrases that name it
}

// Facts is a table of dated facts.
type Facts struct {
	list []Fact
}

//go:embed data/facts.tsv
var factsTSV []byte

// Starts returns the start dates of the table's wars and crises by the
// lower-case phrases that name them (each alias and the name), for the time
// pass's anniversaries and "since the invasion" (timex.WithKnownStarts).
func (fs *Facts) Starts() map[string]time.Time {
	out := map[string]time.Time{}
	for _, f := range fs.list {
		if f.Kind != FactStart {
			continue
		}
		for _, k := range append([]string{strings.ToLower(f.Name)}, f.Aliases...) {
			if k = strings.TrimSpace(k); k != "" {
				out[k] = f.Date
			}
		}
	}
	return out
}

// DefaultFacts returns the curated table committed in data/facts.tsv.
func DefaultFacts() (*Facts, error) { return ReadFacts(bytes.NewReader(factsTSV)) }

// ReadFacts reads a facts table: one fact a line, tab-separated (kind,
// date, actor, code, target, name, aliases separated by |); blank lines and
// lines starting with # are skipped. A malformed line is an error that
// names its line number, wrapping dateline.ErrInvalid.
func ReadFacts(r io.Reader) (*Facts, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	fs := &Facts{}
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 6 {
			return nil, fmt.Errorf("%w: facts line %d: %d fields, want at least 6", dateline.ErrInvalid, n, len(f))
		}
		kind := strings.TrimSpace(f[0])
		if kind != FactStart && kind != FactVisit {
			return nil, fmt.Errorf("%w: facts line %d: unknown kind %q", dateline.ErrInvalid, n, kind)
		}
		d, err := time.Parse(time.DateOnly, strings.TrimSpace(f[1]))
		if err != nil {
			return nil, fmt.Errorf("%w: facts line %d: date %q", dateline.ErrInvalid, n, f[1])
		}
		fact := Fact{Kind: kind, Date: d, Actor: strings.TrimSpace(f[2]), Code: strings.TrimSpace(f[3]),
			Target: strings.TrimSpace(f[4]), Name: strings.TrimSpace(f[5])}
		if fact.Name == "" {
			return nil, fmt.Errorf("%w: facts line %d: no name", dateline.ErrInvalid, n)
		}
		if len(f) > 6 {
			for _, a := range strings.Split(f[6], "|") {
				if a = strings.ToLower(strings.TrimSpace(a)); a != "" {
					fact.Aliases = append(fact.Aliases, a)
				}
			}
		}
		fs.list = append(fs.list, fact)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read facts: %w", err)
	}
	return fs, nil
}

// Len is the number of facts.
func (fs *Facts) Len() int {
	if fs == nil {
		return 0
	}
	return len(fs.list)
}

// startsNamedIn returns the start facts whose aliases the text mentions
// (lower-cased, apostrophes straightened), in table order.
func (fs *Facts) startsNamedIn(lower string) []*Fact {
	if fs == nil {
		return nil
	}
	var out []*Fact
	for i := range fs.list {
		f := &fs.list[i]
		if f.Kind != FactStart {
			continue
		}
		for _, a := range f.Aliases {
			if strings.Contains(lower, a) {
				out = append(out, f)
				break
			}
		}
	}
	return out
}

// lastVisit returns the latest visit of actor to target before t.
func (fs *Facts) lastVisit(actor, target string, t time.Time) *Fact {
	if fs == nil {
		return nil
	}
	var best *Fact
	for i := range fs.list {
		f := &fs.list[i]
		if f.Kind != FactVisit || !strings.EqualFold(f.Actor, actor) || !strings.EqualFold(f.Target, target) || !f.Date.Before(t) {
			continue
		}
		if best == nil || f.Date.After(best.Date) {
			best = f
		}
	}
	return best
}
