package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dateline-news/dateline"
)

// run drives the CLI in-process.
func run(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

const example = "../../testdata/examples/alaska-summit.txt"

func TestUsage(t *testing.T) {
	if code, _, errs := run(t, ""); code != exitUsage || !strings.Contains(errs, "analyze") {
		t.Fatalf("no args: code %d, stderr %q", code, errs)
	}
	if code, _, errs := run(t, "", "frobnicate"); code != exitUsage || !strings.Contains(errs, "unknown command") {
		t.Fatalf("unknown: code %d, stderr %q", code, errs)
	}
	for _, group := range []string{"eval", "train"} {
		if code, _, errs := run(t, "", group); code != exitUsage || !strings.Contains(errs, "Tasks:") {
			t.Errorf("%s without a task: code %d, stderr %q", group, code, errs)
		}
		if code, _, errs := run(t, "", group, "frobnicate"); code != exitUsage || !strings.Contains(errs, "unknown task") {
			t.Errorf("%s frobnicate: code %d, stderr %q", group, code, errs)
		}
	}
	if code, _, _ := run(t, "", "analyze", "-h"); code != exitOK {
		t.Fatalf("-h: code %d", code)
	}
	if code, _, errs := run(t, "", "analyze", "--format", "yaml", example); code != exitUsage || !strings.Contains(errs, "yaml") {
		t.Fatalf("bad format: code %d, stderr %q", code, errs)
	}
	if code, _, errs := run(t, "", "analyze", "--published", "15/08/2025", example); code != exitFail || !strings.Contains(errs, "YYYY-MM-DD") {
		t.Fatalf("bad date: code %d, stderr %q", code, errs)
	}
}

func TestAnalyzeExampleText(t *testing.T) {
	code, out, errs := run(t, "", "analyze", "--published", "2025-08-15", example)
	if code != exitOK {
		t.Fatalf("code %d, stderr %s", code, errs)
	}
	for _, want := range []string{
		"2025-08-15 (Friday)",
		"ANCHORAGE, Alaska",
		"caption",
		"credit",
		"Reuters",
		"heading",
		"High Stakes, Limited Results",
		"boilerplate",
		"Related: Putin Expresses Readiness For Nuclear War",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
}

func TestAnalyzeJSONEnvelope(t *testing.T) {
	code, out, errs := run(t, "", "analyze", "--format", "json", "--published", "2025-08-15", example)
	if code != exitOK {
		t.Fatalf("code %d, stderr %s", code, errs)
	}
	var env struct {
		Schema   string             `json:"schema"`
		Document *dateline.Document `json:"document"`
	}
	if err := json.Unmarshal([]byte(out), &env); err != nil {
		t.Fatal(err)
	}
	if env.Schema != dateline.Schema || env.Document == nil {
		t.Fatalf("envelope: %+v", env)
	}
	d := env.Document
	if d.Published.Format("2006-01-02") != "2025-08-15" {
		t.Errorf("published %v", d.Published)
	}
	checkSpans(t, d)
}

// checkSpans asserts every layer's spans are in bounds and sorted.
func checkSpans(t *testing.T, d *dateline.Document) {
	t.Helper()
	n := len(d.Text)
	prev := int32(-1)
	for i, b := range d.Blocks {
		if !b.Valid(n) || b.Start < prev {
			t.Fatalf("block %d %+v out of bounds or order", i, b)
		}
		prev = b.End
	}
	prev = 0
	for i, tk := range d.Tokens {
		if !tk.Valid(n) || tk.Start < prev {
			t.Fatalf("token %d %+v out of bounds or order", i, tk)
		}
		prev = tk.End
	}
	for i, m := range d.Mentions {
		if !m.Valid(n) {
			t.Fatalf("mention %d out of bounds", i)
		}
	}
	for i, tx := range d.Times {
		if !tx.Valid(n) {
			t.Fatalf("time %d out of bounds", i)
		}
	}
}

func TestAnalyzeStdinAndBadInputs(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	empty := write("empty.txt", nil)
	binary := write("blob.txt", bytes.Repeat([]byte{0, 1, 2, 0xff, 0xfe}, 2000))
	good := write("good.txt", []byte("WASHINGTON (Reuters) - The senator said on Tuesday that talks would resume.\n"))
	code, out, errs := run(t, "", "analyze", "--format", "jsonl", empty, binary, good)
	if code != exitOK {
		t.Fatalf("one good input among bad ones: code %d, stderr %s", code, errs)
	}
	if strings.Count(out, "\n") != 1 {
		t.Errorf("want exactly one document out, got:\n%s", out)
	}
	if !strings.Contains(errs, "empty.txt") || !strings.Contains(errs, "blob.txt") {
		t.Errorf("bad inputs not reported by name: %s", errs)
	}
	code, out, errs = run(t, "The minister resigned on Monday.\n", "analyze", "--published", "2024-03-06", "-")
	if code != exitOK || !strings.Contains(out, "2024-03-06") {
		t.Fatalf("stdin: code %d, out %s, err %s", code, out, errs)
	}
}

func TestIngestIdempotentAndSearchable(t *testing.T) {
	db := filepath.Join(t.TempDir(), "news.db")
	code, out, errs := run(t, "", "ingest", "--db", db, "--published", "2025-08-15", example)
	if code != exitOK || !strings.Contains(out, "stored 1") {
		t.Fatalf("ingest: code %d, out %q, err %q", code, out, errs)
	}
	code, out, _ = run(t, "", "ingest", "--db", db, "--published", "2025-08-15", example)
	if code != exitOK || !strings.Contains(out, "stored 0, duplicates 1") {
		t.Fatalf("re-ingest: code %d, out %q", code, out)
	}
}
