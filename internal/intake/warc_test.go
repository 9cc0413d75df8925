package intake

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dateline-news/dateline"
)

// warcRecord builds one WARC record by hand.
func warcRecord(typ, uri, id, contentType, block string) string {
	return fmt.Sprintf("WARC/1.1\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\nWARC-Date: 2024-06-07T08:09:10Z\r\n"+
		"WARC-Record-ID: <urn:uuid:%s>\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n",
		typ, uri, id, contentType, len(block), block)
}

func httpResponse(status, contentType, extraHeaders, body string) string {
	return fmt.Sprintf("HTTP/1.1 %s\r\nContent-Type: %s\r\n%sContent-Length: %d\r\n\r\n%s", status, contentType, extraHeaders, len(body), body)
}

func gzipString(s string) string {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(s))
	zw.Close()
	return b.String()
}

const page1 = "<html><head><title>Dam “opens”</title></head><body><p>The dam opened – at last.</p></body></html>"

func sampleWARC() []string {
	const resp = "application/http; msgtype=response"
	chunked := "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n" +
		"10\r\n<p>Chunked body \r\na\r\narrives.</\r\n2\r\np>\r\n0\r\n\r\n"
	return []string{
		warcRecord("warcinfo", "", "0", "application/warc-fields", "software: hand\r\n"),
		warcRecord("request", "https://news.example/1", "1", "application/http; msgtype=request", "GET /1 HTTP/1.1\r\nHost: news.example\r\n\r\n"),
		warcRecord("response", "https://news.example/1", "2", resp, httpResponse("200 OK", "text/html; charset=utf-8", "", page1)),
		warcRecord("response", "https://news.example/logo.png", "3", resp, httpResponse("200 OK", "image/png", "", "\x89PNG\r\n\x1a\n")),
		warcRecord("response", "https://news.example/old", "4", resp, httpResponse("301 Moved Permanently", "text/html", "Location: /1\r\n", "")),
		warcRecord("response", "https://news.example/gz", "5", resp, httpResponse("200 OK", "text/html", "Content-Encoding: gzip\r\n", gzipString("<p>Compressed – page.</p>"))),
		warcRecord("response", "https://news.example/chunked", "6", resp, chunked),
		warcRecord("resource", "https://news.example/res", "7", "text/html", "<p>A resource record.</p>"),
		warcRecord("response", "https://news.example/bad", "8", resp, "this is not HTTP"),
		warcRecord("metadata", "https://news.example/1", "9", "application/warc-fields", "via: x\r\n"),
		warcRecord("response", "https://news.example/sniffed", "10", resp, "HTTP/1.1 200 OK\r\nContent-Length: 17\r\n\r\n<html>sniffed</html>"[:0]+"HTTP/1.1 200 OK\r\n\r\n<html><p>sniffed</p></html>"),
	}
}

func checkWARCPages(t *testing.T, pages []*dateline.Page, errs []error) {
	t.Helper()
	wantURLs := []string{"https://news.example/1", "https://news.example/gz", "https://news.example/chunked", "https://news.example/res", "https://news.example/sniffed"}
	wantBodies := []string{page1, "<p>Compressed – page.</p>", "<p>Chunked body arrives.</p>", "<p>A resource record.</p>", "<html><p>sniffed</p></html>"}
	if len(pages) != len(wantURLs) {
		for _, p := range pages {
			t.Logf("page %s %q", p.Source.URL, p.Body)
		}
		t.Fatalf("%d pages, errors %v", len(pages), errs)
	}
	for i, p := range pages {
		checkPage(t, p)
		if p.Source.URL != wantURLs[i] || string(p.Body) != wantBodies[i] || p.Source.Kind != FormatWARC || p.Format != dateline.FormatHTML ||
			!strings.HasPrefix(p.Source.Record, "<urn:uuid:") || !p.Source.Fetched.Equal(time.Date(2024, 6, 7, 8, 9, 10, 0, time.UTC)) {
			t.Errorf("page %d: %+v body %q", i, p.Source, p.Body)
		}
	}
	if pages[0].Charset != "utf-8" {
		t.Errorf("charset %q", pages[0].Charset)
	}
	if len(errs) != 1 || !errors.Is(errs[0], dateline.ErrInvalid) || !strings.Contains(errs[0].Error(), "record 9 <urn:uuid:8>: cannot parse the HTTP response") {
		t.Errorf("errors %v", errs)
	}
}

func TestWARC(t *testing.T) {
	recs := sampleWARC()
	pages, errs := read(t, "crawl.warc", strings.Join(recs, ""), Options{})
	checkWARCPages(t, pages, errs)

	// .warc.gz: one gzip member per record, as crawlers write them.
	var gz strings.Builder
	for _, r := range recs {
		gz.WriteString(gzipString(r))
	}
	pages, errs = read(t, "crawl.warc.gz", gz.String(), Options{})
	checkWARCPages(t, pages, errs)
	// Detected by content, without the name's help.
	pages, errs = read(t, "-", strings.Join(recs, ""), Options{})
	checkWARCPages(t, pages, errs)
}

func TestWARCDamage(t *testing.T) {
	recs := sampleWARC()
	good := recs[2]
	big := warcRecord("response", "https://news.example/big", "b", "application/http; msgtype=response",
		httpResponse("200 OK", "text/html", "", "<p>"+strings.Repeat("word ", 400)+"</p>"))
	for _, c := range []struct {
		name   string
		in     string
		opt    Options
		pages  int
		errMsg []string
	}{
		{"truncated last record", good + good[:len(good)-40], Options{}, 1, []string{"record 2: broken WARC record"}},
		{"bad framing", good + regexp.MustCompile(`Content-Length: \d+`).ReplaceAllString(good, "Content-Length: 5") + good, Options{}, 1, []string{"record 2: broken WARC record"}},
		{"page over MaxBytes", good + big + good, Options{MaxBytes: 1000}, 2, []string{"record 2 <urn:uuid:b>: page https://news.example/big is over the limit"}},
		{"MaxItems", good + good + good, Options{MaxItems: 2}, 2, []string{"more than 2 pages"}},
		{"empty", "", Options{Format: FormatWARC}, 0, []string{"empty file"}},
		{"not a WARC", "hello there\r\n\r\n", Options{Format: FormatWARC}, 0, []string{"record 1: broken WARC record"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			pages, errs := read(t, "x.warc", c.in, c.opt)
			if len(pages) != c.pages || len(errs) != len(c.errMsg) {
				t.Fatalf("pages %d errs %v", len(pages), errs)
			}
			for i, m := range c.errMsg {
				if !strings.Contains(errs[i].Error(), m) {
					t.Errorf("error %q, want %q", errs[i], m)
				}
			}
		})
	}
}
