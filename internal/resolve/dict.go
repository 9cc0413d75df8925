package resolve

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// Problem is a malformed line in an input file: data, not a failure.
type Problem struct {
	File string
	Line int // 1-based
	Msg  string
}

func (p Problem) String() string {
	if p.File == "" {
		return fmt.Sprintf("line %d: %s", p.Line, p.Msg)
	}
	return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
}

// DatedCode is a CAMEO actor code restricted to a date range. From and
// Until are zero when open; Until is exclusive (the day after the last day
// the dictionary gives).
type DatedCode struct {
	Code  string
	From  time.Time
	Until time.Time
}

// DictActor is one actor of a PETRARCH actor dictionary: its names (the
// first is the primary one, the others are its synonyms), written as in the
// dictionary with spaces for underscores ("VLADIMIR PUTIN"), and its codes.
type DictActor struct {
	Names []string
	Codes []DatedCode
	Line  int // line of the first name
}

// Limits of the dictionary readers: a line longer than maxLine is reported
// and skipped.
const maxLine = 1 << 16

// ReadActors reads a PETRARCH/TABARI actor dictionary:
//
//	VLADIMIR_PUTIN_  # comment
//	+PUTIN_                       a synonym of the actor above
//	+PRESIDENT_VLADIMIR_PUTIN_
//		[RUSELI 700101-990809]    a code for a date range (YYMMDD or YYYYMMDD)
//		[RUSGOV >080508]          from a date
//		[USRUKR <910824]          until a date
//		[RUSELI]                  the code at other dates
//	NATO_ [IGOWSTNAT]             a code on the name line
//
// Names end at the first white space or '[', '#' starts a comment, trailing
// underscores are dropped and other underscores read as spaces. Consecutive
// name lines before any code (with no blank line between) name one actor;
// a blank line or a name line after codes starts the next. Two-digit years
// 00-30 are 20YY, others 19YY (as in TABARI). A "[---]" code means "do not
// code". Text after the last code on a line is ignored.
//
// Malformed lines (bad codes or dates, synonyms or codes without an actor,
// actors without a code) are returned as problems with file (used only in
// the messages) and line; the error is for I/O failures only.
func ReadActors(r io.Reader, file string) ([]DictActor, []Problem, error) {
	var (
		out   []DictActor
		probs []Problem
		cur   *DictActor
		coded bool // cur has a code block, even a malformed one: its names are over
		valid bool // cur has at least one well-formed code (possibly "---")
	)
	prob := func(line int, format string, a ...any) {
		probs = append(probs, Problem{File: file, Line: line, Msg: fmt.Sprintf(format, a...)})
	}
	flush := func() {
		if cur == nil {
			return
		}
		if !valid {
			prob(cur.Line, "actor %q has no code", cur.Names[0])
		} else if len(cur.Codes) > 0 {
			out = append(out, *cur)
		}
		cur, coded, valid = nil, false, false
	}
	err := scanLines(r, func(n int, line string) bool {
		if strings.Contains(line, "---STOP---") {
			return false
		}
		if len(line) > maxLine {
			prob(n, "line longer than %d bytes", maxLine)
			return true
		}
		if !utf8.ValidString(line) {
			prob(n, "invalid UTF-8")
			line = strings.ToValidUTF8(line, "\uFFFD")
		}
		body := line
		if i := strings.IndexByte(body, '#'); i >= 0 {
			body = body[:i]
		}
		if strings.TrimSpace(line) == "" {
			flush()
			return true
		}
		trimmed := strings.TrimSpace(body)
		if trimmed == "" { // a comment line
			return true
		}
		switch {
		case body[0] == '+':
			name, rest := splitName(trimmed[1:])
			if cur == nil {
				prob(n, "synonym %q without an actor", name)
				return true
			}
			if name == "" {
				prob(n, "empty synonym")
			} else {
				cur.Names = append(cur.Names, name)
			}
			if strings.Contains(rest, "[") {
				cs, ok := parseCodes(rest, n, prob)
				cur.Codes = append(cur.Codes, cs...)
				coded, valid = true, valid || ok
			}
		case isSpace(body[0]) || body[0] == '[':
			if cur == nil {
				prob(n, "code line without an actor")
				return true
			}
			cs, ok := parseCodes(trimmed, n, prob)
			cur.Codes = append(cur.Codes, cs...)
			coded, valid = true, valid || ok
		default:
			name, rest := splitName(trimmed)
			if name == "" {
				prob(n, "line without a name")
				return true
			}
			if cur != nil && coded {
				flush()
			}
			if cur == nil {
				cur = &DictActor{Line: n}
			}
			cur.Names = append(cur.Names, name)
			if strings.Contains(rest, "[") {
				cs, ok := parseCodes(rest, n, prob)
				cur.Codes = append(cur.Codes, cs...)
				coded, valid = true, valid || ok
			}
		}
		return true
	})
	flush()
	return out, probs, err
}

// scanLines calls fn with each line (without its line ending) and its
// 1-based number until fn returns false. Over-long lines are passed on cut
// to maxLine+1 bytes so that the caller can report them.
func scanLines(r io.Reader, fn func(n int, line string) bool) error {
	br := bufio.NewReaderSize(r, 64<<10)
	n := 0
	for {
		var (
			line []byte
			long bool
		)
		for {
			frag, isPrefix, err := br.ReadLine()
			if err == io.EOF {
				if len(line) == 0 && !long {
					return nil
				}
				break
			}
			if err != nil {
				return err
			}
			if len(line) <= maxLine {
				line = append(line, frag...)
			} else {
				long = true
			}
			if !isPrefix {
				break
			}
		}
		n++
		if !fn(n, string(line)) {
			return nil
		}
	}
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' }

// splitName splits a name line into the name and the rest (codes, junk).
func splitName(s string) (name, rest string) {
	end := strings.IndexFunc(s, func(r rune) bool { return r == '[' || r == '\t' })
	if end < 0 {
		end = len(s)
	}
	// A space inside a name ("CARLOS SANTOS_CRUZ_") reads as an underscore.
	return cleanName(s[:end]), s[end:]
}

// cleanName turns a dictionary name into text: underscores become spaces,
// trailing ones are dropped, runs of spaces collapse.
func cleanName(s string) string {
	s = strings.ReplaceAll(s, "_", " ")
	return strings.Join(strings.Fields(s), " ")
}

// parseCodes reads the bracketed codes of s ("[RUSGOV 991231-080507]
// [RUSELI]"). ok reports whether at least one well-formed code (including
// "---") was found.
func parseCodes(s string, line int, prob func(int, string, ...any)) (codes []DatedCode, ok bool) {
	for {
		i := strings.IndexByte(s, '[')
		if i < 0 {
			return codes, ok
		}
		j := strings.IndexByte(s[i:], ']')
		if j < 0 {
			prob(line, "unclosed code %q", s[i:])
			return codes, ok
		}
		inner := strings.TrimSpace(s[i+1 : i+j])
		s = s[i+j+1:]
		c, null, err := parseCode(inner)
		if err != nil {
			prob(line, "bad code [%s]: %v", inner, err)
			continue
		}
		ok = true
		if !null {
			codes = append(codes, c)
		}
	}
}

// parseCode reads "CODE", "CODE >D", "CODE <D", "CODE D1-D2" or "---".
func parseCode(s string) (c DatedCode, null bool, err error) {
	f := strings.Fields(s)
	if len(f) == 0 {
		return c, false, fmt.Errorf("empty")
	}
	if f[0] == "---" && len(f) == 1 {
		return c, true, nil
	}
	code := strings.TrimPrefix(f[0], "~")
	if code == "" || len(code) > 30 {
		return c, false, fmt.Errorf("bad code %q", f[0])
	}
	for _, r := range code {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return c, false, fmt.Errorf("bad code %q", f[0])
		}
	}
	c.Code = code
	dates := strings.Join(f[1:], "")
	switch {
	case dates == "":
	case dates[0] == '>':
		c.From, err = parseDictDate(dates[1:])
	case dates[0] == '<':
		var t time.Time
		t, err = parseDictDate(dates[1:])
		c.Until = t
	default:
		a, b, found := strings.Cut(dates, "-")
		if !found {
			return c, false, fmt.Errorf("date %q is not a range", dates)
		}
		if c.From, err = parseDictDate(a); err != nil {
			return c, false, err
		}
		var t time.Time
		if t, err = parseDictDate(b); err != nil {
			return c, false, err
		}
		c.Until = t.AddDate(0, 0, 1) // the range includes its last day
		if !c.Until.After(c.From) {
			return c, false, fmt.Errorf("range %s ends before it starts", dates)
		}
	}
	return c, false, err
}

// parseDictDate reads YYMMDD (00-30 are 20YY) or YYYYMMDD.
func parseDictDate(s string) (time.Time, error) {
	for _, r := range s {
		if r < '0' || r > '9' {
			return time.Time{}, fmt.Errorf("bad date %q", s)
		}
	}
	var y, m, d int
	switch len(s) {
	case 6:
		y = atoi(s[:2])
		if y <= 30 {
			y += 2000
		} else {
			y += 1900
		}
		m, d = atoi(s[2:4]), atoi(s[4:6])
	case 8:
		y, m, d = atoi(s[:4]), atoi(s[4:6]), atoi(s[6:8])
	default:
		return time.Time{}, fmt.Errorf("bad date %q (want YYMMDD or YYYYMMDD)", s)
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return time.Time{}, fmt.Errorf("impossible date %q", s)
	}
	return t, nil
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// Agent is one entry of a PETRARCH agents dictionary: a role noun and the
// CAMEO code it adds to a country ("PRESIDENT" → "GOV").
type Agent struct {
	Name    string   // "PRESIDENT", "PRIME MINISTER"
	Plurals []string // explicit plurals; nil: Name+"S"; empty: none
	Code    string   // "GOV", "GOVMED"
	Prefix  bool     // the code goes before the country's ("IGO~"), not after
	Line    int
}

// ReadAgents reads a PETRARCH agents dictionary:
//
//	!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON     a macro
//	PRESIDENT [~GOV]
//	CHAMBER_OF_COMMERCE {CHAMBERS_OF_COMMERCE} [~BUS]
//	DOC {} [~HLH]                                 no plural
//	!MINIST! FOR_ENERGY [~GOV]                    expands to each macro value
//
// Problems are reported with file and line; the error is for I/O failures.
func ReadAgents(r io.Reader, file string) ([]Agent, []Problem, error) {
	var (
		out    []Agent
		probs  []Problem
		macros = map[string][]string{}
	)
	prob := func(line int, format string, a ...any) {
		probs = append(probs, Problem{File: file, Line: line, Msg: fmt.Sprintf(format, a...)})
	}
	err := scanLines(r, func(n int, line string) bool {
		if strings.Contains(line, "---STOP---") {
			return false
		}
		if len(line) > maxLine {
			prob(n, "line longer than %d bytes", maxLine)
			return true
		}
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" {
			return true
		}
		if line[0] == '!' {
			if name, vals, ok := strings.Cut(line, "="); ok {
				name = strings.TrimSpace(name)
				if len(name) < 3 || name[len(name)-1] != '!' {
					prob(n, "bad macro name %q", name)
					return true
				}
				var vs []string
				for _, v := range strings.Split(vals, ",") {
					if v = strings.TrimSpace(v); v != "" {
						vs = append(vs, v)
					}
				}
				if len(vs) == 0 {
					prob(n, "macro %s has no values", name)
					return true
				}
				macros[name] = vs
				return true
			}
		}
		open := strings.IndexByte(line, '[')
		if open < 0 {
			prob(n, "agent without a code")
			return true
		}
		closeAt := strings.IndexByte(line[open:], ']')
		if closeAt < 0 {
			prob(n, "unclosed code")
			return true
		}
		code := strings.TrimSpace(line[open+1 : open+closeAt])
		prefix := strings.HasSuffix(code, "~")
		c, null, cerr := parseCode(strings.TrimSuffix(code, "~"))
		if cerr != nil || null || !c.From.IsZero() || !c.Until.IsZero() {
			prob(n, "bad agent code [%s]", code)
			return true
		}
		head := strings.TrimSpace(line[:open])
		var plurals []string
		explicit := false
		if i := strings.IndexByte(head, '{'); i >= 0 {
			j := strings.IndexByte(head[i:], '}')
			if j < 0 {
				prob(n, "unclosed plural")
				return true
			}
			explicit = true
			plurals = []string{}
			for _, p := range strings.Fields(head[i+1 : i+j]) {
				plurals = append(plurals, p)
			}
			head = strings.TrimSpace(head[:i] + " " + head[i+j+1:])
		}
		if head == "" {
			prob(n, "agent without a name")
			return true
		}
		names, err := expandMacros(head, macros)
		if err != nil {
			prob(n, "%v", err)
			return true
		}
		for _, name := range names {
			a := Agent{Name: cleanName(name), Code: c.Code, Prefix: prefix, Line: n}
			if len(names) > 1 && !explicit {
				a.Plurals = []string{} // macro values list their plurals
			}
			if explicit {
				a.Plurals = []string{}
				for _, p := range plurals {
					ps, err := expandMacros(p, macros)
					if err != nil {
						prob(n, "%v", err)
						continue
					}
					for _, p := range ps {
						a.Plurals = append(a.Plurals, cleanName(p))
					}
				}
			}
			out = append(out, a)
		}
		return true
	})
	return out, probs, err
}

// expandMacros replaces each !MACRO! in s by each of its values ("!MINIST!
// FOR_ENERGY" → "MINISTER FOR_ENERGY", "MINISTRY FOR_ENERGY", ...). A macro
// glued to a word ("CLERGY!PERSON!") is glued to each value.
func expandMacros(s string, macros map[string][]string) ([]string, error) {
	out := []string{""}
	for {
		i := strings.IndexByte(s, '!')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i+1:], '!')
		if j < 0 {
			return nil, fmt.Errorf("unclosed macro in %q", s)
		}
		name := s[i : i+j+2]
		vals, ok := macros[name]
		if !ok {
			return nil, fmt.Errorf("unknown macro %s", name)
		}
		prefix := s[:i]
		next := make([]string, 0, len(out)*len(vals))
		for _, o := range out {
			for _, v := range vals {
				next = append(next, o+prefix+v)
			}
		}
		if len(next) > 1000 {
			return nil, fmt.Errorf("macro expansion of %q too large", s)
		}
		out = next
		s = s[i+j+2:]
	}
	for i := range out {
		out[i] += s
	}
	return out, nil
}
