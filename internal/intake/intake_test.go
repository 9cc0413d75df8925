package intake

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dateline-news/dateline"
)

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func gzipBytes(b []byte) []byte {
	var out bytes.Buffer
	zw := gzip.NewWriter(&out)
	zw.Write(b)
	zw.Close()
	return out.Bytes()
}

// chdir runs the test in dir so that relative input names can be checked.
func chdir(t *testing.T, dir string) {
	t.Helper()
	t.Chdir(dir)
}

func TestOpenDirectory(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "in", "b.txt"), []byte("Second report – plain text."))
	writeFile(t, filepath.Join(dir, "in", "a", "story.html"), []byte("<html><body><p>First.</p></body></html>"))
	writeFile(t, filepath.Join(dir, "in", "a", "z.jsonl"), []byte(`{"text": "one"}`+"\n"+`{"text": "two"}`+"\n"))
	writeFile(t, filepath.Join(dir, "in", "c.md.gz"), gzipBytes([]byte("Gzipped *markdown* report.")))
	writeFile(t, filepath.Join(dir, "in", "d.xml"), []byte(rssHead+rssItem(1, "")+rssTail))
	writeFile(t, filepath.Join(dir, "in", "e.bin"), []byte("\x7fELF\x02\x01\x01\x00\x00"))
	writeFile(t, filepath.Join(dir, "in", "f.txt"), nil)
	writeFile(t, filepath.Join(dir, "in", "g"), []byte("No extension, sniffed as text."))
	writeFile(t, filepath.Join(dir, "in", "h.warc.gz"), []byte(gzipString(sampleWARC()[2])))
	writeFile(t, filepath.Join(dir, "in", "big.txt"), bytes.Repeat([]byte("long "), 400))
	writeFile(t, filepath.Join(dir, "in", ".hidden.txt"), []byte("never read"))
	writeFile(t, filepath.Join(dir, "in", ".git", "x.txt"), []byte("never read"))
	chdir(t, dir)

	var got []string
	for p, err := range Open(context.Background(), "in", Options{MaxBytes: 1000}) {
		if err != nil {
			got = append(got, "ERR "+err.Error())
			continue
		}
		checkPage(t, p)
		if filepath.IsAbs(p.Source.Path) {
			t.Errorf("absolute path %q", p.Source.Path)
		}
		body := []rune(string(p.Body))
		got = append(got, p.Source.Kind+" "+p.Source.Path+" "+string(body[:min(len(body), 12)]))
	}
	want := []string{
		"html in/a/story.html <html><body>",
		"jsonl in/a/z.jsonl one",
		"jsonl in/a/z.jsonl two",
		"text in/b.txt Second repor",
		"ERR in/big.txt: file is 2000 bytes, over the limit of 1000 bytes",
		"text in/c.md.gz Gzipped *mar",
		"feed in/d.xml <p>Body 1 – ",
		"ERR in/e.bin: binary file (ELF executable), not a report",
		"ERR in/f.txt: empty file",
		"text in/g No extension",
		"warc in/h.warc.gz <html><head>",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// Stopping early stops the walk.
	n := 0
	for range Open(context.Background(), "in", Options{}) {
		n++
		break
	}
	if n != 1 {
		t.Errorf("break: %d", n)
	}
}

func TestOpenInputs(t *testing.T) {
	dir := t.TempDir()
	chdir(t, dir)
	writeFile(t, "r.txt", []byte("A report."))

	pages, errs := collect(Open(context.Background(), "r.txt", Options{}))
	if len(errs) != 0 || len(pages) != 1 || pages[0].Source.Path != "r.txt" || pages[0].Source.Kind != FormatText {
		t.Errorf("file: %v %v", pages, errs)
	}
	// Forced format.
	pages, _ = collect(Open(context.Background(), "r.txt", Options{Format: FormatHTML}))
	if len(pages) != 1 || pages[0].Format != dateline.FormatHTML {
		t.Errorf("forced: %v", pages)
	}
	_, errs = collect(Open(context.Background(), "r.txt", Options{Format: "pdf"}))
	if len(errs) != 1 || !errors.Is(errs[0], dateline.ErrUnsupported) {
		t.Errorf("bad format: %v", errs)
	}
	_, errs = collect(Open(context.Background(), "nope.txt", Options{}))
	if len(errs) != 1 || !errors.Is(errs[0], dateline.ErrNotFound) || errs[0].Error() != "nope.txt: cannot open: no such file or directory" {
		t.Errorf("missing: %v", errs)
	}
	// Standard input, detected by content.
	pages, errs = collect(Open(context.Background(), "-", Options{Stdin: strings.NewReader(`{"text": "from stdin"}`)}))
	if len(errs) != 0 || len(pages) != 1 || pages[0].Source.Path != "-" || pages[0].Source.Kind != FormatJSONL {
		t.Errorf("stdin: %v %v", pages, errs)
	}
	pages, errs = collect(Open(context.Background(), "-", Options{Stdin: bytes.NewReader(gzipBytes([]byte("<html><p>zipped</p>")))}))
	if len(errs) != 0 || len(pages) != 1 || pages[0].Format != dateline.FormatHTML || string(pages[0].Body) != "<html><p>zipped</p>" {
		t.Errorf("stdin gz: %v %v", pages, errs)
	}
	_, errs = collect(Open(context.Background(), "-", Options{}))
	if len(errs) != 1 {
		t.Errorf("no stdin: %v", errs)
	}
	// A cancelled context yields its error.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, errs = collect(Open(ctx, "r.txt", Options{}))
	if len(errs) != 1 || !errors.Is(errs[0], context.Canceled) {
		t.Errorf("cancelled: %v", errs)
	}
	// A gzip bomb is bounded by MaxBytes after decompression.
	writeFile(t, "bomb.txt.gz", gzipBytes(bytes.Repeat([]byte("a"), 1<<20)))
	_, errs = collect(Open(context.Background(), "bomb.txt.gz", Options{MaxBytes: 1000}))
	if len(errs) != 1 || !errors.Is(errs[0], dateline.ErrTooLarge) {
		t.Errorf("bomb: %v", errs)
	}
	writeFile(t, "bad.txt.gz", []byte("\x1f\x8bnot really gzip"))
	_, errs = collect(Open(context.Background(), "bad.txt.gz", Options{}))
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "bad gzip") {
		t.Errorf("bad gz: %v", errs)
	}
}

// TestOpenLargeFile checks that a 50 MB file is refused by its size, before
// any of it is read.
func TestOpenLargeFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "huge.txt")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(50 << 20); err != nil { // sparse: no 50 MB written
		t.Fatal(err)
	}
	f.Close()
	_, errs := collect(Open(context.Background(), path, Options{}))
	if len(errs) != 1 || !errors.Is(errs[0], dateline.ErrTooLarge) || !strings.Contains(errs[0].Error(), "file is 52428800 bytes, over the limit of 33554432 bytes") {
		t.Errorf("huge: %v", errs)
	}
	// The same bytes streamed: bounded read.
	_, errs = collect(Read(context.Background(), "huge", &zeroReader{n: 50 << 20}, Options{Format: FormatText}))
	if len(errs) != 1 || !errors.Is(errs[0], dateline.ErrTooLarge) {
		t.Errorf("huge stream: %v", errs)
	}
}

type zeroReader struct{ n int }

func (z *zeroReader) Read(p []byte) (int, error) {
	if z.n <= 0 {
		return 0, os.ErrClosed
	}
	k := min(len(p), z.n)
	clear(p[:k])
	z.n -= k
	return k, nil
}

func TestOpenDetectionCases(t *testing.T) {
	dir := t.TempDir()
	chdir(t, dir)
	writeFile(t, "d/a.json", []byte(`{"url": "u1", "text": "JSON lines in a .json file."}`+"\n"))
	writeFile(t, "d/b.json", []byte(jsonFeedHead+jsonFeedItemText(1)+"]}"))
	writeFile(t, "d/c.html", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
	writeFile(t, "d/d.txt", []byte("<html><p>HTML in a .txt file stays text.</p></html>"))
	writeFile(t, "target/e.txt", []byte("Reached through a link."))
	if err := os.Symlink(filepath.Join("..", "target", "e.txt"), filepath.Join("d", "e.txt")); err != nil {
		t.Skip("no symlinks:", err)
	}
	if err := os.Symlink(filepath.Join("..", "target"), filepath.Join("d", "f")); err != nil {
		t.Fatal(err)
	}
	var got []string
	for p, err := range Open(context.Background(), "d", Options{}) {
		if err != nil {
			got = append(got, "ERR "+err.Error())
			continue
		}
		got = append(got, p.Source.Kind+" "+p.Source.Path+" "+p.Format)
	}
	want := []string{
		"jsonl d/a.json text",
		"feed d/b.json html",
		"ERR d/c.html: binary file (PNG image), not a report",
		"text d/d.txt text",
		"text d/e.txt text",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
