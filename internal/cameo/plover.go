package cameo

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"
)

// PloverEntry is one row of the CAMEO→PLOVER table.
type PloverEntry struct {
	Event string // PLOVER event type: AGREE, CONSULT, ... (upper case)
	Mode  string // PLOVER mode: visit, phone, ceasefire, ... ("" for none)
	Ctx   string // PLOVER contexts, "; "-separated ("" for none)
	Label string // the CAMEO label (the table's comment)
	Line  int
}

// Plover maps CAMEO event codes to PLOVER event types.
type Plover struct {
	m map[string]PloverEntry
}

// Entry returns the row of code, falling back to its parents ("0871" ->
// "087" -> "08"). Codes of the CAMEO roots 01 (public statement) and 02
// (appeal), which the 2021 table leaves out, map to no type and to REQUEST
// respectively, as the PLOVER manual reads appeals.
func (p *Plover) Entry(code string) (PloverEntry, bool) {
	if p == nil {
		return PloverEntry{}, false
	}
	for c := code; len(c) >= 2; c = c[:len(c)-1] {
		if e, ok := p.m[c]; ok {
			return e, true
		}
	}
	if strings.HasPrefix(code, "02") {
		return PloverEntry{Event: "REQUEST", Label: "Appeal"}, true
	}
	return PloverEntry{}, false
}

// Event returns the PLOVER event type of code, "" when it has none.
func (p *Plover) Event(code string) string {
	e, _ := p.Entry(code)
	return e.Event
}

// Len is the number of rows.
func (p *Plover) Len() int { return len(p.m) }

// ReadPlover reads the CAMEO2PLOVER table:
//
//	0871: RETREAT, ceasefire, military # Declare truce, ceasefire
//
// '#' lines are comments and a "~~~" line ends the table. When a code
// appears twice (the 2021 table lists "08:" for CONCEDE and RETREAT) the
// first row wins and the second is reported. Malformed rows are returned as
// problems with file and line.
func ReadPlover(r io.Reader, file string) (*Plover, []Problem, error) {
	p := &Plover{m: map[string]PloverEntry{}}
	var probs []Problem
	prob := func(line int, format string, a ...any) {
		probs = append(probs, Problem{File: file, Line: line, Msg: fmt.Sprintf(format, a...)})
	}
	done := false
	err := scanLines(r, func(n int, line string) {
		if done {
			return
		}
		if len(line) > maxLine {
			prob(n, "line longer than %d bytes", maxLine)
			return
		}
		s := strings.TrimSpace(line)
		if strings.HasPrefix(s, "~~~") {
			done = true
			return
		}
		if s == "" || s[0] == '#' {
			return
		}
		var label string
		if i := strings.IndexByte(s, '#'); i >= 0 {
			s, label = strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:])
		}
		code, rest, ok := strings.Cut(s, ":")
		code = strings.TrimSpace(code)
		if !ok {
			prob(n, "row without ':' %q", clip(s))
			return
		}
		if c, ok := checkCode(code); !ok || c == "---" {
			prob(n, "bad CAMEO code %q", clip(code))
			return
		}
		f := strings.Split(rest, ",")
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		ev := strings.ToUpper(f[0])
		if ev == "" || strings.ContainsAny(ev, " \t") {
			prob(n, "bad PLOVER event %q", clip(f[0]))
			return
		}
		e := PloverEntry{Event: ev, Label: label, Line: n}
		if len(f) > 1 {
			e.Mode = f[1]
		}
		if len(f) > 2 {
			e.Ctx = strings.Join(f[2:], ", ")
		}
		if old, dup := p.m[code]; dup {
			if old.Event != e.Event {
				prob(n, "code %s listed again (as %s; line %d has %s): first kept", code, e.Event, old.Line, old.Event)
			}
			return
		}
		p.m[code] = e
	})
	return p, probs, err
}

// WritePlover writes the table in its own format (sorted by code), the
// form committed under data/.
func WritePlover(w io.Writer, p *Plover, comment string) error {
	bw := bufio.NewWriter(w)
	for _, c := range strings.Split(strings.TrimSpace(comment), "\n") {
		if c != "" {
			fmt.Fprintln(bw, "# "+c)
		}
	}
	codes := make([]string, 0, len(p.m))
	for c := range p.m {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for _, c := range codes {
		e := p.m[c]
		fmt.Fprintf(bw, "%s: %s, %s, %s # %s\n", c, e.Event, e.Mode, e.Ctx, e.Label)
	}
	return bw.Flush()
}
