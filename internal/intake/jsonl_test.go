package intake

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/dateline-news/dateline"
)

func TestJSONL(t *testing.T) {
	lines := []string{
		`{"url": "https://news.example/1", "title": "Port reopens", "published": "2025-02-03T09:30:00+02:00", "source": "Harbour Times", "text": "The port “reopened” on Monday – officials said."}`,
		``,
		`{"url": "https://news.example/2", "title": "Vote delayed", "published": "2025-02-04", "source": "Harbour Times", "html": "<p>The vote was delayed.</p>", "author": "R. Diaz"}`,
		`{"url": "https://news.example/3", "title": "Broken", "text": "no closing brace"`,
		`{"url": "https://news.example/4", "title": "No body"}`,
		`{"url": "https://news.example/5", "text": "Undated copy.", "published": "sometime soon"}`,
		`["not", "an", "object"]`,
		`{"url": "https://news.example/8", "text": 42}`,
		`{"url": "https://news.example/9", "text": "ok"} trailing`,
		`{"url": "https://news.example/10", "text": "Last one."}`,
	}
	pages, errs := read(t, "dump.jsonl", "\ufeff"+strings.Join(lines, "\r\n"), Options{})
	if len(pages) != 4 {
		t.Fatalf("%d pages: %v", len(pages), errs)
	}
	for _, p := range pages {
		checkPage(t, p)
	}
	p := pages[0]
	if p.Source.Kind != FormatJSONL || p.Source.Line != 1 || p.Source.URL != "https://news.example/1" || p.Source.Outlet != "Harbour Times" ||
		p.Title != "Port reopens" || p.Format != dateline.FormatText || string(p.Body) != "The port “reopened” on Monday – officials said." ||
		!p.Published.Equal(time.Date(2025, 2, 3, 7, 30, 0, 0, time.UTC)) || len(p.Diags) != 0 {
		t.Errorf("page 1: %+v", p)
	}
	p = pages[1]
	if p.Source.Line != 3 || p.Format != dateline.FormatHTML || string(p.Body) != "<p>The vote was delayed.</p>" || p.Byline != "R. Diaz" ||
		!p.Published.Equal(time.Date(2025, 2, 4, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("page 2: %+v", p)
	}
	p = pages[2]
	if p.Source.Line != 6 || !p.Published.IsZero() || !hasDiag(p, `line 6: unparsable published date "sometime soon"`) {
		t.Errorf("page 3: %+v", p)
	}
	if pages[3].Source.Line != 10 {
		t.Errorf("page 4: %+v", pages[3].Source)
	}
	wantErrs := []string{
		"dump.jsonl: line 4: not a JSON object: ",
		`dump.jsonl: line 5: no "text" or "html" field`,
		"dump.jsonl: line 7: not a JSON object",
		`dump.jsonl: line 8: not a JSON object: field "text" has a number, want a string`,
		"dump.jsonl: line 9: trailing data",
	}
	if len(errs) != len(wantErrs) {
		t.Fatalf("errors %v", errs)
	}
	for i, w := range wantErrs {
		if !strings.HasPrefix(errs[i].Error(), w) {
			t.Errorf("error %d = %q, want prefix %q", i, errs[i], w)
		}
		wantKind(t, errs[i], dateline.ErrInvalid)
	}
}

func TestJSONLLimits(t *testing.T) {
	long := `{"url": "u", "text": "` + strings.Repeat("x", 5000) + `"}`
	in := `{"text": "a"}` + "\n" + long + "\n" + `{"text": "b"}` + "\n" + `{"text": "c"}`
	// A line over MaxBytes is skipped; the next lines still come.
	pages, errs := collect(Read(context.Background(), "d.jsonl", iotest.OneByteReader(strings.NewReader(in)), Options{MaxBytes: 1000}))
	if len(pages) != 3 || len(errs) != 1 || !errors.Is(errs[0], dateline.ErrTooLarge) || !strings.Contains(errs[0].Error(), "line 2") {
		t.Errorf("pages %d errs %v", len(pages), errs)
	}
	// MaxItems stops the file.
	pages, errs = read(t, "d.jsonl", in, Options{MaxItems: 2})
	if len(pages) != 2 || len(errs) != 1 || !errors.Is(errs[0], dateline.ErrTooLarge) || !strings.Contains(errs[0].Error(), "line 3") {
		t.Errorf("pages %d errs %v", len(pages), errs)
	}
	// A long last line without a newline.
	pages, errs = read(t, "d.jsonl", `{"text": "a"}`+"\n"+long, Options{MaxBytes: 1000})
	if len(pages) != 1 || len(errs) != 1 || !errors.Is(errs[0], dateline.ErrTooLarge) {
		t.Errorf("pages %d errs %v", len(pages), errs)
	}
}

func TestLineReader(t *testing.T) {
	lr := newLineReader(strings.NewReader("ab\ncd\r\n\nlonger line\nend"), 6)
	type res struct {
		line string
		off  int64
		big  bool
	}
	var got []res
	for {
		l, off, err := lr.next()
		if err != nil && !errors.As(err, new(errTooLarge)) {
			break
		}
		got = append(got, res{string(l), off, err != nil})
	}
	want := []res{{"ab", 0, false}, {"cd\r", 3, false}, {"", 7, false}, {"", 8, true}, {"end", 20, false}}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestParseDate(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"2025-03-04", "2025-03-04T00:00:00Z"},
		{"2025-03-04T05:06:07Z", "2025-03-04T05:06:07Z"},
		{"2025-03-04T05:06:07.123+01:00", "2025-03-04T04:06:07Z"},
		{"2025-03-04 05:06:07", "2025-03-04T05:06:07Z"},
		{"Tue, 04 Mar 2025 05:06:07 GMT", "2025-03-04T05:06:07Z"},
		{"Tue, 4 Mar 2025 05:06:07 +0200", "2025-03-04T03:06:07Z"},
		{"March 4, 2025", "2025-03-04T00:00:00Z"},
		{"4 March 2025", "2025-03-04T00:00:00Z"},
		{"last week", ""}, {"", ""}, {"2025-13-45", ""},
	} {
		got, ok := parseDate(c.in)
		s := ""
		if ok {
			s = got.UTC().Format(time.RFC3339)
		}
		if s != c.want {
			t.Errorf("parseDate(%q) = %q, want %q", c.in, s, c.want)
		}
	}
}
