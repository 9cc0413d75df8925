package intake

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/dateline-news/dateline"
)

// jsonlRecord is one line of a JSONL article dump.
type jsonlRecord struct {
	URL       string `json:"url"`
	Title     string `json:"title"`
	Published string `json:"published"`
	Source    string `json:"source"` // the outlet
	Text      string `json:"text"`
	HTML      string `json:"html"`
	// Accepted as well, as common dumps name them.
	Author string `json:"author"`
	Byline string `json:"byline"`
	GUID   string `json:"id"`
	Date   string `json:"date"`
}

// readJSONL reads one article per line. Blank lines are skipped; a line that
// is not a usable article yields an *Error naming the line and the rest
// continues; a line longer than opt.MaxBytes is skipped without being held
// in memory.
func readJSONL(ctx context.Context, src source, r io.Reader, opt Options, yield yieldFunc) {
	lr := newLineReader(r, opt.MaxBytes)
	items := 0
	for lineNo := 1; ; lineNo++ {
		if err := ctx.Err(); err != nil {
			yield(nil, err)
			return
		}
		line, offset, err := lr.next()
		if err == io.EOF {
			return
		}
		pos := fmt.Sprintf("line %d", lineNo)
		var tl errTooLarge
		switch {
		case errors.As(err, &tl):
			if !yield(nil, newError(dateline.ErrTooLarge, src.name, pos, nil, "line is longer than the limit of %d bytes; skipped", opt.MaxBytes)) {
				return
			}
			continue
		case err != nil:
			yield(nil, newError(dateline.ErrInvalid, src.name, pos, err, "read failed"))
			return
		}
		line = bytes.TrimSpace(line)
		if lineNo == 1 {
			line = bytes.TrimPrefix(line, utf8BOM)
		}
		if len(line) == 0 {
			continue
		}
		if items >= opt.MaxItems {
			yield(nil, newError(dateline.ErrTooLarge, src.name, pos, nil, "more than %d items; the rest of the file is skipped", opt.MaxItems))
			return
		}
		items++
		p, perr := jsonlPage(src, line, lineNo, offset)
		if !yield(p, perr) {
			return
		}
	}
}

// jsonlPage makes a page of one JSONL line.
func jsonlPage(src source, line []byte, lineNo int, offset int64) (*dateline.Page, error) {
	pos := fmt.Sprintf("line %d", lineNo)
	var rec jsonlRecord
	dec := json.NewDecoder(bytes.NewReader(line))
	if err := dec.Decode(&rec); err != nil {
		return nil, newError(dateline.ErrInvalid, src.name, pos, nil, "not a JSON object: %s", jsonErrorText(err, line))
	}
	if dec.More() {
		return nil, newError(dateline.ErrInvalid, src.name, pos, nil, "trailing data after the JSON object at column %d", dec.InputOffset()+1)
	}
	p := &dateline.Page{
		Source: src.ref(FormatJSONL),
		Title:  strings.TrimSpace(rec.Title),
		Byline: strings.TrimSpace(firstNonEmpty(rec.Author, rec.Byline)),
	}
	p.Source.URL = strings.TrimSpace(rec.URL)
	p.Source.GUID = strings.TrimSpace(rec.GUID)
	p.Source.Outlet = strings.TrimSpace(rec.Source)
	p.Source.Line = lineNo
	switch {
	case strings.TrimSpace(rec.HTML) != "":
		p.Format = dateline.FormatHTML
		p.Body = []byte(rec.HTML)
	case strings.TrimSpace(rec.Text) != "":
		p.Format = dateline.FormatText
		p.Body = []byte(rec.Text)
	default:
		return nil, newError(dateline.ErrInvalid, src.name, pos, nil, "no \"text\" or \"html\" field")
	}
	if strings.ContainsRune(string(p.Body), 0) {
		return nil, newError(dateline.ErrUnsupported, src.name, pos, nil, "body holds NUL characters; binary data, not a report")
	}
	if d := firstNonEmpty(rec.Published, rec.Date); d != "" {
		t, ok := parseDate(d)
		if ok {
			p.Published = t
		} else {
			p.Diags = append(p.Diags, dateline.Diagnostic{
				Span:     dateline.Span{Start: clamp32(int(offset)), End: clamp32(int(offset) + len(line))},
				Pass:     pass,
				Severity: dateline.SevWarning,
				Message:  fmt.Sprintf("%s: unparsable published date %q; the date is unknown", pos, truncate(d, 80)),
			})
		}
	}
	return p, nil
}

// jsonErrorText describes a JSON syntax error with its column.
func jsonErrorText(err error, line []byte) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("%v at column %d", se, se.Offset)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("field %q has a %s, want a string", te.Field, te.Value)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Sprintf("truncated after %d bytes", len(line))
	}
	return err.Error()
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && !isRuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// dateLayouts are the date forms accepted in JSONL and recovered feed
// entries, tried in order.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04Z07:00",
	"2006-01-02",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04 -0700",
	"Mon, 2 Jan 2006 15:04:05",
	"2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05 MST",
	time.RFC850,
	time.ANSIC,
	"January 2, 2006",
	"Jan 2, 2006",
	"2 January 2006",
}

// parseDate parses the common machine date forms of feeds and dumps.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}, false
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// lineReader reads lines bounded by a maximum length, discarding overlong
// lines as it goes.
type lineReader struct {
	br     *bufio.Reader
	max    int64
	offset int64 // byte offset of the next line
	buf    []byte
}

func newLineReader(r io.Reader, max int64) *lineReader {
	return &lineReader{br: bufio.NewReaderSize(r, 64<<10), max: max}
}

// next returns the next line without its newline and the line's byte offset;
// errTooLarge for an overlong line (already consumed), io.EOF at the end.
func (l *lineReader) next() ([]byte, int64, error) {
	l.buf = l.buf[:0]
	start := l.offset
	tooLong := false
	for {
		chunk, err := l.br.ReadSlice('\n')
		l.offset += int64(len(chunk))
		if !tooLong {
			if int64(len(l.buf)+len(chunk)) > l.max+1 { // +1: the newline
				tooLong = true
				l.buf = l.buf[:0]
			} else {
				l.buf = append(l.buf, chunk...)
			}
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err == io.EOF:
			if tooLong {
				return nil, start, errTooLarge{l.max}
			}
			if len(l.buf) == 0 {
				return nil, start, io.EOF
			}
			return l.buf, start, nil
		case err != nil:
			return nil, start, err
		}
		if tooLong {
			return nil, start, errTooLarge{l.max}
		}
		return bytes.TrimSuffix(l.buf, []byte("\n")), start, nil
	}
}
