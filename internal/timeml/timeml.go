// Package timeml reads and writes the TimeML documents of TempEval-3: the
// document creation time (DCT), the plain text of the <TEXT> element and the
// TIMEX3 annotations inside it as byte spans into that text. Everything other
// than TIMEX3 inside <TEXT> (EVENT, SIGNAL, ...) is dropped from the text but
// its content kept.
package timeml

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Timex is one TIMEX3 annotation: a half-open byte span into Doc.Text and
// its attributes.
type Timex struct {
	Start, End int
	TID        string
	Type       string
	Value      string
	Mod        string
}

// Doc is a TimeML document.
type Doc struct {
	DCT     time.Time // the creation time; zero when absent or unreadable
	DCTText string    // the DCT value attribute as written
	Text    string    // the content of <TEXT>, tags removed, entities decoded
	Timexes []Timex   // TIMEX3 inside <TEXT>, in document order

	head []byte // the raw bytes before <TEXT>, kept for Write
}

// Error is a positioned problem in a TimeML file.
type Error struct {
	Offset int // byte offset in the input
	Msg    string
}

func (e *Error) Error() string { return fmt.Sprintf("timeml: offset %d: %s", e.Offset, e.Msg) }

// Parse reads one TimeML document. It fails on a missing <TEXT> element and
// on tags it cannot pair; it never panics on arbitrary bytes.
func Parse(src []byte) (*Doc, error) {
	open := bytes.Index(src, []byte("<TEXT>"))
	if open < 0 {
		return nil, &Error{0, "no <TEXT> element"}
	}
	body := open + len("<TEXT>")
	closeRel := bytes.Index(src[body:], []byte("</TEXT>"))
	if closeRel < 0 {
		return nil, &Error{body, "<TEXT> is not closed"}
	}
	d := &Doc{head: src[:open]}
	if dct := dctValue(src[:open]); dct != "" {
		d.DCTText = dct
		d.DCT = parseDCT(dct)
	}
	text, timexes, err := parseText(src[body:body+closeRel], body)
	if err != nil {
		return nil, err
	}
	d.Text, d.Timexes = text, timexes
	return d, nil
}

// Read reads and parses one TimeML document from r.
func Read(r io.Reader) (*Doc, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return Parse(b)
}

func dctValue(head []byte) string {
	i := bytes.Index(head, []byte("<DCT>"))
	if i < 0 {
		return ""
	}
	rest := head[i:]
	j := bytes.IndexByte(rest, '>')
	k := bytes.Index(rest, []byte("<TIMEX3"))
	if k < 0 || j < 0 {
		return ""
	}
	end := bytes.IndexByte(rest[k:], '>')
	if end < 0 {
		return ""
	}
	attrs, _ := parseAttrs(string(rest[k+len("<TIMEX3") : k+end]))
	return attrs["value"]
}

func parseDCT(v string) time.Time {
	for _, layout := range []string{"2006-01-02", "2006-01-02T15:04", "2006-01-02T15:04:05", "20060102"} {
		if len(v) >= len(layout) {
			if t, err := time.Parse(layout, v[:len(layout)]); err == nil {
				return t
			}
		}
	}
	return time.Time{}
}

func parseText(b []byte, base int) (string, []Timex, error) {
	var out strings.Builder
	out.Grow(len(b))
	var timexes []Timex
	open := -1 // index into timexes of the open TIMEX3
	for i := 0; i < len(b); {
		switch b[i] {
		case '<':
			j := bytes.IndexByte(b[i:], '>')
			if j < 0 {
				return "", nil, &Error{base + i, "unterminated tag"}
			}
			tag := string(b[i+1 : i+j])
			i += j + 1
			closing := strings.HasPrefix(tag, "/")
			selfClosing := strings.HasSuffix(tag, "/")
			name := strings.TrimSuffix(strings.TrimPrefix(tag, "/"), "/")
			if k := strings.IndexAny(name, " \t\r\n"); k >= 0 {
				name = name[:k]
			}
			if name != "TIMEX3" {
				continue
			}
			switch {
			case closing:
				if open < 0 {
					return "", nil, &Error{base + i - j - 1, "</TIMEX3> without <TIMEX3>"}
				}
				timexes[open].End = out.Len()
				open = -1
			case selfClosing:
				// An empty TIMEX3 has no extent in the text: nothing to score.
			default:
				if open >= 0 {
					return "", nil, &Error{base + i - j - 1, "nested <TIMEX3>"}
				}
				attrs, err := parseAttrs(tag[len("TIMEX3"):])
				if err != nil {
					return "", nil, &Error{base + i - j - 1, err.Error()}
				}
				timexes = append(timexes, Timex{
					Start: out.Len(), TID: attrs["tid"], Type: attrs["type"],
					Value: attrs["value"], Mod: attrs["mod"],
				})
				open = len(timexes) - 1
			}
		case '&':
			r, n := entity(b[i:])
			if n == 0 {
				out.WriteByte('&')
				i++
				continue
			}
			out.WriteRune(r)
			i += n
		default:
			out.WriteByte(b[i])
			i++
		}
	}
	if open >= 0 {
		return "", nil, &Error{base + len(b), "<TIMEX3> is not closed"}
	}
	return out.String(), timexes, nil
}

// entity decodes an XML entity at the start of b; n is 0 when there is none.
func entity(b []byte) (rune, int) {
	end := bytes.IndexByte(b, ';')
	if end < 2 || end > 10 {
		return 0, 0
	}
	name := string(b[1:end])
	switch name {
	case "amp":
		return '&', end + 1
	case "lt":
		return '<', end + 1
	case "gt":
		return '>', end + 1
	case "quot":
		return '"', end + 1
	case "apos":
		return '\'', end + 1
	}
	if name[0] == '#' {
		var v uint64
		var err error
		if len(name) > 1 && (name[1] == 'x' || name[1] == 'X') {
			v, err = strconv.ParseUint(name[2:], 16, 32)
		} else {
			v, err = strconv.ParseUint(name[1:], 10, 32)
		}
		if err == nil && utf8.ValidRune(rune(v)) {
			return rune(v), end + 1
		}
	}
	return 0, 0
}

// parseAttrs reads name="value" pairs.
func parseAttrs(s string) (map[string]string, error) {
	attrs := map[string]string{}
	for {
		s = strings.TrimLeft(s, " \t\r\n/")
		if s == "" {
			return attrs, nil
		}
		eq := strings.IndexByte(s, '=')
		if eq <= 0 {
			return attrs, fmt.Errorf("bad attribute %q", s)
		}
		name := strings.TrimSpace(s[:eq])
		s = strings.TrimLeft(s[eq+1:], " \t\r\n")
		if s == "" || (s[0] != '"' && s[0] != '\'') {
			return attrs, fmt.Errorf("attribute %s is not quoted", name)
		}
		q := s[0]
		end := strings.IndexByte(s[1:], q)
		if end < 0 {
			return attrs, fmt.Errorf("attribute %s is not closed", name)
		}
		attrs[name] = unescape(s[1 : 1+end])
		s = s[end+2:]
	}
}

func unescape(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] == '&' {
			if r, n := entity([]byte(s[i:])); n > 0 {
				b.WriteRune(r)
				i += n
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
var attrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

// Write writes d with its text and the given TIMEX3 annotations in place of
// the gold ones: the bytes before <TEXT> (DOCID, DCT, ...) as read, then the
// text with the tags inserted. Timexes must be sorted; one that overlaps the
// previous one or falls out of the text is skipped. A zero TID is numbered.
func Write(w io.Writer, d *Doc, timexes []Timex) error {
	var b bytes.Buffer
	if len(d.head) > 0 {
		b.Write(d.head)
	} else {
		b.WriteString("<?xml version=\"1.0\" ?>\n<TimeML>\n")
		if d.DCTText != "" {
			fmt.Fprintf(&b, "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"%s\" temporalFunction=\"false\" functionInDocument=\"CREATION_TIME\">%s</TIMEX3></DCT>\n\n",
				attrEscaper.Replace(d.DCTText), escaper.Replace(d.DCTText))
		}
	}
	b.WriteString("<TEXT>")
	pos := 0
	for i, t := range timexes {
		if t.Start < pos || t.End <= t.Start || t.End > len(d.Text) {
			continue
		}
		b.WriteString(escaper.Replace(d.Text[pos:t.Start]))
		tid := t.TID
		if tid == "" {
			tid = "t" + strconv.Itoa(i+1)
		}
		fmt.Fprintf(&b, `<TIMEX3 tid="%s" type="%s" value="%s"`, attrEscaper.Replace(tid), attrEscaper.Replace(t.Type), attrEscaper.Replace(t.Value))
		if t.Mod != "" {
			fmt.Fprintf(&b, ` mod="%s"`, attrEscaper.Replace(t.Mod))
		}
		b.WriteString(">")
		b.WriteString(escaper.Replace(d.Text[t.Start:t.End]))
		b.WriteString("</TIMEX3>")
		pos = t.End
	}
	b.WriteString(escaper.Replace(d.Text[pos:]))
	b.WriteString("</TEXT>\n\n</TimeML>\n")
	_, err := w.Write(b.Bytes())
	return err
}
