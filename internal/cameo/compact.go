package cameo

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// CompactHeader is the first line of a dictionary in our compact format.
const CompactHeader = "dateline-cameo-verbs\t1"

// WriteCompact writes d in dateline's compact format: one record per line,
// tab-separated, lower-case words, source line numbers kept for provenance.
//
//	dateline-cameo-verbs	1
//	&	CEASEFIRE	ceasefire	cease fire	truce             a synonym set
//	V	MEET	040	-	1234                   a verb block: name, default code and reverse code (- for none), source line
//	F	meet	-	-	1235	met meeting         a form: words ('+' marks the verb of a multi-word form), codes, line, inflections
//	P	046	046	1240	* (with +)                        a pattern: code, reverse code (- for none), line, elements
//
// Lines starting with '#' are comments.
func WriteCompact(w io.Writer, d *Dict, comment string) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, CompactHeader)
	for _, c := range strings.Split(strings.TrimSpace(comment), "\n") {
		if c != "" {
			fmt.Fprintln(bw, "# "+c)
		}
	}
	for _, name := range d.sortedSetNames() {
		alts := make([]string, len(d.Sets[name]))
		for i, a := range d.Sets[name] {
			alts[i] = strings.Join(a, " ")
		}
		fmt.Fprintf(bw, "&\t%s\t%s\n", name, strings.Join(alts, "\t"))
	}
	dash := func(s string) string {
		if s == "" {
			return "-"
		}
		return s
	}
	for _, v := range d.Verbs {
		fmt.Fprintf(bw, "V\t%s\t%s\t%s\t%d\n", v.Name, dash(v.Code), dash(v.Reverse), v.Line)
		for _, f := range v.Forms {
			words := make([]string, len(f.Words))
			copy(words, f.Words)
			if len(words) > 1 {
				words[f.Verb] = "+" + words[f.Verb]
			}
			fmt.Fprintf(bw, "F\t%s\t%s\t%s\t%d\t%s\n", strings.Join(words, " "), dash(f.Code), dash(f.Reverse), f.Line, strings.Join(f.Infl, " "))
		}
		for _, p := range v.Patterns {
			fmt.Fprintf(bw, "P\t%s\t%s\t%d\t%s\n", dash(p.Code), dash(p.Reverse), p.Line, FormatPattern(p.Pre, p.Post))
		}
	}
	return bw.Flush()
}

// ReadCompact reads a dictionary written by WriteCompact. Malformed lines
// are returned as problems with file and line; the error is for I/O and a
// missing header only.
func ReadCompact(r io.Reader, file string) (*Dict, []Problem, error) {
	d := &Dict{Sets: map[string][][]string{}}
	var probs []Problem
	prob := func(line int, format string, a ...any) {
		probs = append(probs, Problem{File: file, Line: line, Msg: fmt.Sprintf(format, a...)})
	}
	var cur *Verb
	header := false
	err := scanLines(r, func(n int, line string) {
		if n == 1 {
			header = line == CompactHeader
			if !header {
				prob(n, "not a dateline CAMEO dictionary (want the header %q)", CompactHeader)
			}
			return
		}
		if !header {
			return
		}
		if len(line) > maxLine {
			prob(n, "line longer than %d bytes", maxLine)
			return
		}
		if line == "" || line[0] == '#' {
			return
		}
		f := strings.Split(line, "\t")
		switch f[0] {
		case "&":
			if len(f) < 3 || f[1] == "" {
				prob(n, "synonym set needs a name and alternatives")
				return
			}
			var alts [][]string
			for _, a := range f[2:] {
				if w := strings.Fields(a); len(w) > 0 {
					alts = append(alts, w)
				}
			}
			if len(alts) == 0 {
				prob(n, "synonym set &%s without alternatives", f[1])
				return
			}
			d.Sets[strings.ToUpper(f[1])] = alts
		case "V":
			if len(f) != 5 || f[1] == "" {
				prob(n, "verb record needs 5 fields, has %d", len(f))
				cur = nil
				return
			}
			code, rev, ok := compactCodes(f[2], f[3], true)
			if !ok {
				prob(n, "bad codes %q %q", clip(f[2]), clip(f[3]))
				cur = nil
				return
			}
			src, _ := strconv.Atoi(f[4])
			d.Verbs = append(d.Verbs, Verb{Name: f[1], Code: code, Reverse: rev, Line: src})
			cur = &d.Verbs[len(d.Verbs)-1]
		case "F":
			if cur == nil {
				prob(n, "form outside a verb")
				return
			}
			if len(f) != 6 {
				prob(n, "form record needs 6 fields, has %d", len(f))
				return
			}
			var fm Form
			for _, w := range strings.Fields(f[1]) {
				if strings.HasPrefix(w, "+") {
					fm.Verb, w = len(fm.Words), w[1:]
				}
				if w == "" {
					continue
				}
				fm.Words = append(fm.Words, w)
			}
			if len(fm.Words) == 0 || fm.Verb >= len(fm.Words) {
				prob(n, "empty form")
				return
			}
			var ok bool
			if fm.Code, fm.Reverse, ok = compactCodes(f[2], f[3], true); !ok {
				prob(n, "bad codes %q %q", clip(f[2]), clip(f[3]))
				return
			}
			fm.Line, _ = strconv.Atoi(f[4])
			fm.Infl = strings.Fields(f[5])
			cur.Forms = append(cur.Forms, fm)
		case "P":
			if cur == nil {
				prob(n, "pattern outside a verb")
				return
			}
			if len(f) != 5 {
				prob(n, "pattern record needs 5 fields, has %d", len(f))
				return
			}
			code, rev, ok := compactCodes(f[1], f[2], false)
			if !ok {
				prob(n, "bad codes %q %q", clip(f[1]), clip(f[2]))
				return
			}
			pre, post, err := ParsePattern(f[4])
			if err != nil {
				prob(n, "%v", err)
				return
			}
			line, _ := strconv.Atoi(f[3])
			cur.Patterns = append(cur.Patterns, Pattern{Pre: pre, Post: post, Code: code, Reverse: rev, Line: line})
		default:
			prob(n, "unknown record %q", clip(f[0]))
		}
	})
	if err != nil {
		return nil, probs, err
	}
	if !header {
		return nil, probs, fmt.Errorf("%s: not a dateline CAMEO dictionary", file)
	}
	d.buildIndex()
	return d, probs, nil
}

// compactCodes checks a code and a reverse code field ("-" for none). A
// pattern (optional false) needs at least one of them.
func compactCodes(c, r string, optional bool) (code, rev string, ok bool) {
	if c != "-" {
		if code, ok = checkCode(c); !ok {
			return "", "", false
		}
	}
	if r != "-" {
		if rev, ok = checkCode(r); !ok || rev == "---" {
			return "", "", false
		}
	}
	return code, rev, optional || code != "" || rev != ""
}
