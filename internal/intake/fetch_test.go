package intake

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/dateline-news/dateline"
)

func testServer(t *testing.T) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("/page", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=windows-1252")
		fmt.Fprint(w, "<html><body><p>Fetched \x93page\x94.</p></body></html>")
	})
	mux.HandleFunc("/plain", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=iso-8859-1")
		fmt.Fprint(w, "Caf\xe9 report.")
	})
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, rssHead+rssItem(1, "")+rssItem(2, "")+rssTail)
	})
	mux.HandleFunc("/dump", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"url": "https://news.example/d", "text": "Dumped."}`+"\n")
	})
	mux.HandleFunc("/hop/", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(strings.TrimPrefix(r.URL.Path, "/hop/"), "%d", &n)
		if n == 0 {
			http.Redirect(w, r, "/page", http.StatusFound)
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/hop/%d", n-1), http.StatusFound)
	})
	mux.HandleFunc("/ftp", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "ftp://news.example/x", http.StatusFound)
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Header().Set("Content-Length", "5000")
		w.Write([]byte(strings.Repeat("a", 5000)))
	})
	mux.HandleFunc("/bigstream", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		for range 50 {
			w.Write([]byte(strings.Repeat("<p>x</p>", 100)))
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/binary", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write([]byte("%PDF-1.4 \x00\x01"))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestFetch(t *testing.T) {
	srv := testServer(t)
	now := time.Date(2025, 5, 6, 7, 8, 9, 0, time.UTC)
	opt := Options{AllowPrivate: true, Now: func() time.Time { return now }, Timeout: 2 * time.Second}
	open := func(path string, o Options) ([]*dateline.Page, []error) {
		return collect(Open(context.Background(), srv.URL+path, o))
	}

	pages, errs := open("/page", opt)
	if len(errs) != 0 || len(pages) != 1 {
		t.Fatalf("pages %d errs %v", len(pages), errs)
	}
	p := pages[0]
	checkPage(t, p)
	if p.Source.Kind != KindURL || p.Source.URL != srv.URL+"/page" || p.Source.Path != srv.URL+"/page" || !p.Source.Fetched.Equal(now) ||
		p.Format != dateline.FormatHTML || p.Charset != "windows-1252" || !strings.Contains(string(p.Body), "\x93page\x94") {
		t.Errorf("page %+v charset %q", p.Source, p.Charset)
	}

	pages, errs = open("/plain", opt)
	if len(errs) != 0 || len(pages) != 1 || string(pages[0].Body) != "Café report." || pages[0].Format != dateline.FormatText {
		t.Errorf("plain: %v %v", pages, errs)
	}

	pages, errs = open("/feed", opt)
	if len(errs) != 0 || len(pages) != 2 || pages[0].Source.Kind != FormatFeed || pages[0].Source.URL != "https://news.example/s/1" {
		t.Errorf("feed: %v %v", pages, errs)
	}

	pages, errs = open("/dump", opt)
	if len(errs) != 0 || len(pages) != 1 || pages[0].Source.Kind != FormatJSONL {
		t.Errorf("dump: %v %v", pages, errs)
	}

	// Five redirects are followed; the final URL is the page's.
	pages, errs = open("/hop/4", opt)
	if len(errs) != 0 || len(pages) != 1 || pages[0].Source.URL != srv.URL+"/page" || pages[0].Source.Path != srv.URL+"/hop/4" {
		t.Errorf("hop/4: %v %v", pages, errs)
	}

	for _, c := range []struct {
		path string
		opt  Options
		kind error
		msg  string
	}{
		{"/hop/5", opt, dateline.ErrUnsupported, "more than 5 redirects"},
		{"/ftp", opt, dateline.ErrUnsupported, "redirect to a ftp URL refused"},
		{"/missing", opt, dateline.ErrNotFound, "HTTP 404"},
		{"/big", Options{AllowPrivate: true, MaxBytes: 1000}, dateline.ErrTooLarge, "response is 5000 bytes"},
		{"/bigstream", Options{AllowPrivate: true, MaxBytes: 1000}, dateline.ErrTooLarge, "larger than the limit of 1000 bytes"},
		{"/binary", opt, dateline.ErrUnsupported, "PDF document"},
		{"/page", Options{}, dateline.ErrUnsupported, "127.0.0.1 is a loopback address; pass --allow-private"},
	} {
		_, errs := open(c.path, c.opt)
		if len(errs) != 1 || !errors.Is(errs[0], c.kind) || !strings.Contains(errs[0].Error(), c.msg) {
			t.Errorf("%s: errors %v, want %v with %q", c.path, errs, c.kind, c.msg)
		}
	}

	start := time.Now()
	_, errs = open("/slow", Options{AllowPrivate: true, Timeout: 200 * time.Millisecond})
	if len(errs) != 1 || time.Since(start) > 3*time.Second {
		t.Errorf("slow: %v after %v", errs, time.Since(start))
	}
}

func TestFetchRejectsURL(t *testing.T) {
	for _, c := range []struct{ url, msg string }{
		{"ftp://news.example/x", `only http and https`},
		{"http://", "no host"},
		{"http://[::1]:bad/", "bad URL"},
		{"http://localhost:1/x", "loopback"},
	} {
		_, errs := collect(Open(context.Background(), c.url, Options{Timeout: time.Second}))
		if len(errs) != 1 || !strings.Contains(errs[0].Error(), c.msg) {
			t.Errorf("%s: %v, want %q", c.url, errs, c.msg)
		}
	}
}

func TestCheckAddress(t *testing.T) {
	for _, c := range []struct {
		addr, reason string // "" = allowed
	}{
		{"93.184.216.34:443", ""},
		{"[2606:4700::1111]:443", ""},
		{"127.0.0.1:80", "loopback"},
		{"127.8.9.10:80", "loopback"},
		{"[::1]:80", "loopback"},
		{"10.1.2.3:80", "private"},
		{"172.16.0.1:80", "private"},
		{"192.168.1.1:80", "private"},
		{"[fd00::1]:80", "private"},
		{"169.254.169.254:80", "link-local"},
		{"[fe80::1%eth0]:80", "link-local"},
		{"0.0.0.0:80", "unspecified"},
		{"[::]:80", "unspecified"},
		{"224.0.0.1:80", "multicast"},
		{"[ff02::1]:80", "multicast"},
		{"255.255.255.255:80", "broadcast"},
		{"100.64.1.1:80", "shared (carrier-grade NAT)"},
		{"[::ffff:127.0.0.1]:80", "loopback"},
		{"[::ffff:10.0.0.1]:80", "private"},
		{"[64:ff9b::a00:1]:80", "private"},
		{"198.18.0.1:80", "benchmarking"},
		{"240.1.2.3:80", "reserved"},
		{"not-an-ip:80", "unparsable"},
	} {
		err := checkAddress(c.addr)
		var be *blockedError
		switch {
		case c.reason == "" && err != nil:
			t.Errorf("%s refused: %v", c.addr, err)
		case c.reason != "" && (!errors.As(err, &be) || be.reason != c.reason):
			t.Errorf("%s: %v, want %s", c.addr, err, c.reason)
		}
	}
}
