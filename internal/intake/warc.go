package intake

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/andybalholm/brotli"
	warc "github.com/internetarchive/gowarc"

	"github.com/dateline-news/dateline"
)

// readWARC reads the HTML pages of a WARC file (.warc or .warc.gz, with
// gowarc): response records holding an HTTP response with an HTML payload,
// and resource records holding HTML. Other records (requests, metadata,
// redirects, images, scripts) are skipped without a word. A record over
// opt.MaxBytes or a response that cannot be parsed yields an *Error naming
// the record, and reading continues; a break in the WARC framing itself ends
// the file with an error, since records cannot be found past it.
//
// gowarc spools each record's content to memory up to 1 MiB and to a
// temporary file beyond, so a huge record costs disk, not memory, before it
// is refused.
func readWARC(ctx context.Context, src source, r io.Reader, opt Options, yield yieldFunc) {
	wr, err := warc.NewReader(r)
	if err != nil {
		yield(nil, newError(dateline.ErrInvalid, src.name, "", err, "cannot read WARC"))
		return
	}
	defer wr.Close()
	items := 0
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			yield(nil, err)
			return
		}
		rec, err := readRecord(wr)
		if err == io.EOF {
			if n == 1 {
				yield(nil, newError(dateline.ErrInvalid, src.name, "", nil, "empty file"))
			}
			return
		}
		pos := fmt.Sprintf("record %d", n)
		if err != nil {
			yield(nil, newError(dateline.ErrInvalid, src.name, pos, err, "broken WARC record; the rest of the file is skipped"))
			return
		}
		if id := rec.Header.Get("WARC-Record-ID"); id != "" {
			pos += " " + id
		}
		p, perr, skip := warcPage(src, rec, pos, opt)
		rec.Content.Close()
		if skip {
			continue
		}
		items++
		if items > opt.MaxItems {
			yield(nil, newError(dateline.ErrTooLarge, src.name, pos, nil, "more than %d pages; the rest of the file is skipped", opt.MaxItems))
			return
		}
		if !yield(p, perr) {
			return
		}
	}
}

// readRecord reads one record, turning a panic in the reader into an error:
// archives are untrusted bytes.
func readRecord(wr *warc.Reader) (rec *warc.Record, err error) {
	defer func() {
		if r := recover(); r != nil {
			rec, err = nil, fmt.Errorf("WARC reader failed: %v", r)
		}
	}()
	rec, err = wr.ReadRecord()
	if err == nil && rec == nil {
		return nil, io.EOF
	}
	return rec, err
}

// warcPage makes a page of one record; skip is true for records that hold
// no HTML page.
func warcPage(src source, rec *warc.Record, pos string, opt Options) (p *dateline.Page, err error, skip bool) {
	h := rec.Header
	typ := strings.ToLower(strings.TrimSpace(h.Get("WARC-Type")))
	if typ != "response" && typ != "resource" {
		return nil, nil, true
	}
	if cl, perr := strconv.ParseInt(strings.TrimSpace(h.Get("Content-Length")), 10, 64); perr == nil && cl > opt.MaxBytes+64<<10 {
		return nil, newError(dateline.ErrTooLarge, src.name, pos, nil, "record is %d bytes, over the limit of %d bytes", cl, opt.MaxBytes), false
	}
	ref := src.ref(FormatWARC)
	ref.URL = strings.Trim(strings.TrimSpace(h.Get("WARC-Target-URI")), "<>")
	ref.Record = strings.TrimSpace(h.Get("WARC-Record-ID"))
	if t, terr := time.Parse(time.RFC3339Nano, strings.TrimSpace(h.Get("WARC-Date"))); terr == nil {
		ref.Fetched = t
	}
	var (
		body        io.Reader
		contentType string
	)
	if typ == "resource" {
		contentType = h.Get("Content-Type")
		if formatByContentType(contentType) != FormatHTML {
			return nil, nil, true
		}
		body = rec.Content
	} else {
		if !strings.Contains(strings.ToLower(h.Get("Content-Type")), "application/http") && h.Get("Content-Type") != "" {
			return nil, nil, true // a response record of another protocol (dns:, ...)
		}
		resp, rerr := http.ReadResponse(bufio.NewReader(rec.Content), nil)
		if rerr != nil {
			return nil, newError(dateline.ErrInvalid, src.name, pos, rerr, "cannot parse the HTTP response of %s", ref.URL), false
		}
		defer resp.Body.Close()
		if resp.StatusCode < 200 || resp.StatusCode > 299 {
			return nil, nil, true // redirects, errors: no page
		}
		contentType = resp.Header.Get("Content-Type")
		ct := formatByContentType(contentType)
		if ct != FormatHTML && ct != "" {
			return nil, nil, true
		}
		body, rerr = decodeContentEncoding(resp.Body, resp.Header.Get("Content-Encoding"))
		if rerr != nil {
			return nil, newError(dateline.ErrInvalid, src.name, pos, rerr, "cannot decode the response body of %s", ref.URL), false
		}
		if ct == "" { // no Content-Type: look at the bytes
			pr := newPeekReader(body)
			if sniffFormat(pr.peek(sniffLen), "") != FormatHTML {
				return nil, nil, true
			}
			body = pr
		}
	}
	data, rerr := readAllBounded(body, opt.MaxBytes)
	if rerr != nil {
		var tl errTooLarge
		if errors.As(rerr, &tl) {
			return nil, newError(dateline.ErrTooLarge, src.name, pos, nil, "page %s is over the limit of %d bytes", ref.URL, opt.MaxBytes), false
		}
		return nil, newError(dateline.ErrInvalid, src.name, pos, rerr, "cannot read the body of %s", ref.URL), false
	}
	if len(strings.TrimSpace(string(data))) == 0 {
		return nil, newError(dateline.ErrInvalid, src.name, pos, nil, "empty page %s", ref.URL), false
	}
	return &dateline.Page{
		Source:  ref,
		Format:  dateline.FormatHTML,
		Body:    data,
		Charset: htmlCharset(data, contentType),
	}, nil, false
}

// decodeContentEncoding undoes the Content-Encoding of an archived response
// body (WARC keeps the bytes as they travelled).
func decodeContentEncoding(r io.Reader, enc string) (io.Reader, error) {
	switch strings.ToLower(strings.TrimSpace(enc)) {
	case "", "identity":
		return r, nil
	case "gzip", "x-gzip":
		return gzip.NewReader(r)
	case "deflate":
		// Servers send zlib-wrapped (as specified) or raw deflate.
		pr := newPeekReader(r)
		if h := pr.peek(2); len(h) == 2 && h[0]&0x0f == 8 && (uint16(h[0])<<8|uint16(h[1]))%31 == 0 {
			return zlib.NewReader(pr)
		}
		return flate.NewReader(pr), nil
	case "br":
		return brotli.NewReader(r), nil
	}
	return nil, fmt.Errorf("unsupported Content-Encoding %q", enc)
}
