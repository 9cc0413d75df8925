package intake

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"

	"github.com/dateline-news/dateline"
)

// fetchURL reads one http(s) URL. The response's Content-Type (else the
// bytes) decides the format: an HTML or text page becomes one page of kind
// "url"; a feed, JSONL or WARC body is read as such.
func fetchURL(ctx context.Context, raw string, opt Options, yield yieldFunc) {
	u, err := url.Parse(raw)
	if err != nil {
		yield(nil, newError(dateline.ErrInvalid, raw, "", err, "bad URL"))
		return
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		yield(nil, newError(dateline.ErrUnsupported, raw, "", nil, "only http and https URLs are read, not %q", u.Scheme))
		return
	}
	if u.Host == "" {
		yield(nil, newError(dateline.ErrInvalid, raw, "", nil, "URL has no host"))
		return
	}
	client := opt.Client
	if client == nil {
		var tr *http.Transport
		client, tr = newClient(opt)
		defer tr.CloseIdleConnections()
	}
	rctx, cancel := context.WithTimeout(ctx, opt.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, http.MethodGet, u.String(), nil)
	if err != nil {
		yield(nil, newError(dateline.ErrInvalid, raw, "", err, "bad URL"))
		return
	}
	req.Header.Set("User-Agent", opt.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/feed+json,text/plain;q=0.9,*/*;q=0.5")
	resp, err := client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			yield(nil, ctx.Err())
			return
		}
		var be *blockedError
		if errors.As(err, &be) {
			yield(nil, newError(dateline.ErrUnsupported, raw, "", nil, "refused: %s; pass --allow-private to read it", be))
			return
		}
		var re *redirectError
		if errors.As(err, &re) {
			yield(nil, newError(dateline.ErrUnsupported, raw, "", nil, "%s", re))
			return
		}
		yield(nil, newError(nil, raw, "", unwrapURLError(err), "fetch failed"))
		return
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		kind := dateline.ErrInvalid
		if resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone {
			kind = dateline.ErrNotFound
		}
		yield(nil, newError(kind, raw, "", nil, "HTTP %s", resp.Status))
		return
	}
	if resp.ContentLength > opt.MaxBytes {
		yield(nil, newError(dateline.ErrTooLarge, raw, "", nil, "response is %d bytes, over the limit of %d bytes", resp.ContentLength, opt.MaxBytes))
		return
	}
	src := source{
		name:        raw,
		kind:        KindURL,
		contentType: resp.Header.Get("Content-Type"),
		url:         resp.Request.URL.String(), // after redirects
		fetched:     opt.Now().UTC(),
	}
	if src.contentType == "" {
		src.contentType = "application/octet-stream"
	}
	body := &capReader{r: resp.Body, left: opt.MaxBytes}
	readSource(ctx, src, body, opt, yield)
}

// capReader fails with errTooLarge once more than its limit is read, so
// that a streamed body (JSONL, WARC) stays bounded too.
type capReader struct {
	r     io.Reader
	left  int64
	limit int64
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.limit == 0 {
		c.limit = c.left
	}
	if c.left < 0 {
		return 0, errTooLarge{c.limit}
	}
	if int64(len(p)) > c.left+1 {
		p = p[:c.left+1]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	if c.left < 0 {
		return n, errTooLarge{c.limit}
	}
	return n, err
}

func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// newClient builds the HTTP client of Open: bounded in time and redirects,
// without proxies (a proxy would hide the address dialled), and refusing
// non-public addresses at dial time unless opt.AllowPrivate. Checking the
// address the dialer actually connects to, after DNS resolution, covers
// redirects and DNS rebinding alike.
func newClient(opt Options) (*http.Client, *http.Transport) {
	dialer := &net.Dialer{
		Timeout:   opt.Timeout,
		KeepAlive: 30 * time.Second,
		Control: func(network, address string, _ syscall.RawConn) error {
			if opt.AllowPrivate {
				return nil
			}
			return checkAddress(address)
		},
	}
	tr := &http.Transport{
		Proxy:                 nil,
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   opt.Timeout,
		ResponseHeaderTimeout: opt.Timeout,
		MaxIdleConns:          4,
		IdleConnTimeout:       30 * time.Second,
		ForceAttemptHTTP2:     true,
	}
	client := &http.Client{
		Transport: tr,
		Timeout:   opt.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > MaxRedirects { // via holds the requests so far: the first plus the redirects followed
				return &redirectError{fmt.Sprintf("more than %d redirects (last to %s)", MaxRedirects, req.URL.Redacted())}
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return &redirectError{fmt.Sprintf("redirect to a %s URL refused", req.URL.Scheme)}
			}
			return nil
		},
	}
	return client, tr
}

type redirectError struct{ msg string }

func (e *redirectError) Error() string { return e.msg }

// blockedError is a dial refused because the address is not public.
type blockedError struct {
	addr   netip.Addr
	reason string
}

func (e *blockedError) Error() string { return fmt.Sprintf("%s is a %s address", e.addr, e.reason) }

// nonPublic lists special-purpose ranges beyond what netip classifies
// (RFC 6890 and its updates).
var nonPublic = []struct {
	prefix netip.Prefix
	reason string
}{
	{netip.MustParsePrefix("0.0.0.0/8"), "\"this network\""},
	{netip.MustParsePrefix("100.64.0.0/10"), "shared (carrier-grade NAT)"},
	{netip.MustParsePrefix("192.0.0.0/24"), "IETF protocol"},
	{netip.MustParsePrefix("192.0.2.0/24"), "documentation"},
	{netip.MustParsePrefix("198.18.0.0/15"), "benchmarking"},
	{netip.MustParsePrefix("198.51.100.0/24"), "documentation"},
	{netip.MustParsePrefix("203.0.113.0/24"), "documentation"},
	{netip.MustParsePrefix("240.0.0.0/4"), "reserved"},
	{netip.MustParsePrefix("100::/64"), "discard"},
	{netip.MustParsePrefix("2001:db8::/32"), "documentation"},
	{netip.MustParsePrefix("fec0::/10"), "site-local"},
}

var nat64 = netip.MustParsePrefix("64:ff9b::/96")

// checkAddress refuses a dial to a loopback, private, link-local,
// unspecified, multicast or otherwise special-purpose address ("ip:port").
// IPv4-mapped and NAT64 (64:ff9b::/96) IPv6 addresses are judged by the IPv4
// address they carry.
func checkAddress(address string) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		host = address
	}
	addr, err := netip.ParseAddr(strings.Trim(host, "[]"))
	if err != nil {
		return &blockedError{reason: "unparsable"}
	}
	addr = addr.WithZone("").Unmap()
	if addr.Is6() && nat64.Contains(addr) {
		b := addr.As16()
		addr = netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]})
	}
	reason := ""
	switch {
	case addr.IsLoopback():
		reason = "loopback"
	case addr.IsPrivate():
		reason = "private"
	case addr.IsLinkLocalUnicast():
		reason = "link-local"
	case addr.IsUnspecified():
		reason = "unspecified"
	case addr.IsMulticast(), addr.IsLinkLocalMulticast(), addr.IsInterfaceLocalMulticast():
		reason = "multicast"
	case addr == netip.AddrFrom4([4]byte{255, 255, 255, 255}):
		reason = "broadcast"
	}
	for _, np := range nonPublic {
		if reason == "" && np.prefix.Contains(addr) {
			reason = np.reason
		}
	}
	if reason != "" {
		return &blockedError{addr: addr, reason: reason}
	}
	return nil
}
