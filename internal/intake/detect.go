package intake

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"mime"
	"path"
	"strings"
	"unicode/utf8"
)

// sniffLen is how many leading bytes format detection looks at.
const sniffLen = 8192

// binaryFormat is the detected "format" of bytes that are no report.
const binaryFormat = "binary"

// peekReader lets detection look at the head of a stream without consuming it.
type peekReader struct{ br *bufio.Reader }

func newPeekReader(r io.Reader) *peekReader {
	if pr, ok := r.(*peekReader); ok {
		return pr
	}
	return &peekReader{bufio.NewReaderSize(r, sniffLen)}
}

func (p *peekReader) Read(b []byte) (int, error) { return p.br.Read(b) }

// peek returns up to n leading bytes (fewer at the end of the stream).
func (p *peekReader) peek(n int) []byte {
	b, _ := p.br.Peek(n)
	return b
}

func isGzip(head []byte) bool { return len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b }

func isGzipName(name string) bool { return strings.EqualFold(path.Ext(name), ".gz") }

func newGzipReader(r io.Reader) (io.Reader, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	return zr, nil
}

// formatByName maps a file name's extension to a format; "" when the name
// does not say (.json may be a JSON Feed or a JSON object per line: the
// bytes tell). A ".gz" suffix is looked through, except for ".warc.gz",
// which is WARC itself (its gzip members are records).
func formatByName(name string) string {
	n := strings.ToLower(name)
	if strings.Contains(n, "://") { // a URL: the path decides, not the query
		if i := strings.IndexAny(n, "?#"); i >= 0 {
			n = n[:i]
		}
	}
	if strings.HasSuffix(n, ".warc.gz") || strings.HasSuffix(n, ".warc") {
		return FormatWARC
	}
	n = strings.TrimSuffix(n, ".gz")
	switch path.Ext(n) {
	case ".txt", ".text", ".md", ".markdown":
		return FormatText
	case ".html", ".htm", ".xhtml", ".shtml":
		return FormatHTML
	case ".xml", ".rss", ".atom", ".rdf":
		return FormatFeed
	case ".jsonl", ".ndjson":
		return FormatJSONL
	}
	return ""
}

// formatByContentType maps an HTTP Content-Type to a format; "" when it does
// not say (application/octet-stream, application/json, missing).
func formatByContentType(ct string) string {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.Split(ct, ";")[0]))
	}
	switch mt {
	case "text/html", "application/xhtml+xml":
		return FormatHTML
	case "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json",
		"application/xml", "text/xml":
		return FormatFeed
	case "application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/jsonlines":
		return FormatJSONL
	case "application/warc":
		return FormatWARC
	case "text/plain", "text/markdown":
		return FormatText
	}
	return ""
}

// sniffFormat detects a format from the head of a stream and, when given, an
// HTTP Content-Type; the content type wins unless the bytes clearly disagree
// (an HTML page served as text/plain stays text, as the server said).
func sniffFormat(head []byte, contentType string) string {
	byType := formatByContentType(contentType)
	h := bytes.TrimPrefix(head, utf8BOM)
	h = bytes.TrimLeft(h, " \t\r\n\f")
	switch {
	case bytes.HasPrefix(h, []byte("WARC/")):
		return FormatWARC
	case byType == FormatFeed && looksLikeJSON(h) && !isJSONFeed(h):
		// application/json-ish content that is no JSON Feed: a JSON object
		// per line, or nothing we know.
		return FormatJSONL
	case byType != "":
		return byType
	}
	if len(h) == 0 {
		return FormatText // empty: the text reader says so
	}
	if isBinary(head) {
		return binaryFormat
	}
	if looksLikeJSON(h) {
		if isJSONFeed(h) {
			return FormatFeed
		}
		return FormatJSONL
	}
	if h[0] == '<' {
		lower := bytes.ToLower(h[:min(len(h), 2048)])
		// A feed names its root element early; XML that is no feed and
		// anything tag-shaped is read as HTML.
		for _, root := range []string{"<rss", "<feed", "<rdf:rdf", "<channel"} {
			if bytes.Contains(lower, []byte(root)) && !bytes.Contains(lower, []byte("<html")) {
				return FormatFeed
			}
		}
		return FormatHTML
	}
	lower := bytes.ToLower(h[:min(len(h), 1024)])
	for _, tag := range []string{"<html", "<!doctype html", "<body", "<head>", "<p>", "<div", "<article"} {
		if bytes.Contains(lower, []byte(tag)) {
			return FormatHTML
		}
	}
	return FormatText
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

func looksLikeJSON(h []byte) bool { return len(h) > 0 && (h[0] == '{' || h[0] == '[') }

func isJSONFeed(h []byte) bool {
	return bytes.Contains(h, []byte("jsonfeed.org/version"))
}

// isBinary reports whether the head of a stream is binary data rather than
// text in some charset: NUL bytes (outside UTF-16 text), a known file
// signature, or a high share of control bytes.
func isBinary(head []byte) bool {
	if len(head) == 0 {
		return false
	}
	if magicName(head) != "" {
		return true
	}
	if hasUTF16BOM(head) || guessUTF16(head) != "" {
		return false
	}
	ctrl := 0
	for _, c := range head {
		if c == 0 {
			return true
		}
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b {
			ctrl++
		}
	}
	return ctrl*100 > len(head)*5 // over 5% control bytes
}

func hasUTF16BOM(b []byte) bool {
	return len(b) >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF))
}

// guessUTF16 recognises BOM-less UTF-16 text: NULs in nearly every other
// byte, on one side only. It returns "utf-16le", "utf-16be" or "".
func guessUTF16(b []byte) string {
	n := len(b) &^ 1
	if n < 8 {
		return ""
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if b[i] == 0 {
			even++
		}
		if b[i+1] == 0 {
			odd++
		}
	}
	pairs := n / 2
	switch {
	case odd*10 >= pairs*7 && even*10 < pairs:
		return "utf-16le"
	case even*10 >= pairs*7 && odd*10 < pairs:
		return "utf-16be"
	}
	return ""
}

// magics are file signatures of common binary formats found among reports.
var magics = []struct{ sig, name string }{
	{"%PDF-", "PDF document"},
	{"\x89PNG\r\n\x1a\n", "PNG image"},
	{"\xff\xd8\xff", "JPEG image"},
	{"GIF87a", "GIF image"},
	{"GIF89a", "GIF image"},
	{"PK\x03\x04", "ZIP archive (or an Office document)"},
	{"\x1f\x8b", "gzip data"},
	{"BZh", "bzip2 data"},
	{"\xfd7zXZ\x00", "xz data"},
	{"\x28\xb5\x2f\xfd", "zstd data"},
	{"7z\xbc\xaf\x27\x1c", "7-zip archive"},
	{"\x7fELF", "ELF executable"},
	{"MZ", "Windows executable"},
	{"SQLite format 3\x00", "SQLite database"},
	{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document"},
	{"RIFF", "RIFF media file"},
	{"OggS", "Ogg media file"},
	{"ID3", "MP3 audio"},
	{"\x00\x00\x00", "media or binary file"},
}

func magicName(head []byte) string {
	for _, m := range magics {
		if bytes.HasPrefix(head, []byte(m.sig)) {
			if m.sig == "MZ" && utf8.Valid(head[:min(len(head), 64)]) {
				continue // "MZ" is also how text may start
			}
			if m.sig == "BZh" && (len(head) < 4 || head[3] < '1' || head[3] > '9') {
				continue
			}
			if m.sig == "ID3" && (len(head) < 4 || head[3] > 4) {
				continue
			}
			if m.sig == "RIFF" && utf8.Valid(head[:min(len(head), 16)]) {
				continue
			}
			return m.name
		}
	}
	return ""
}

// describeBinary names the kind of binary data for an error message.
func describeBinary(head []byte) string {
	if n := magicName(head); n != "" {
		return "binary file (" + n + ")"
	}
	for i, c := range head {
		if c == 0 {
			return fmt.Sprintf("binary file (NUL byte at offset %d)", i)
		}
	}
	return "binary file (mostly control bytes)"
}
