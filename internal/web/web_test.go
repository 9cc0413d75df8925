package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/dateline-news/dateline"
)

func newTestHandler(t testing.TB, docs ...*dateline.Document) (http.Handler, *fakeStore) {
	t.Helper()
	st := newFakeStore(docs...)
	return New(st, nil, Options{PageSize: 2, Version: "test"}), st
}

func do(t testing.TB, h http.Handler, method, target string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, target, nil))
	return rec
}

// apiErr decodes a JSON error body.
func apiErr(t testing.TB, rec *httptest.ResponseRecorder) (kind, msg string) {
	t.Helper()
	var body apiErrorBody
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatalf("error body is not JSON: %v\n%s", err, rec.Body)
	}
	return body.Error.Kind, body.Error.Message
}

func TestAPIErrors(t *testing.T) {
	h, _ := newTestHandler(t, append(otherDocs(3), fixtureDoc(t))...)
	long := strings.Repeat("a", MaxQueryBytes+1)
	for _, tc := range []struct {
		method, target string
		status         int
		kind           string
	}{
		{"GET", "/api/documents?limit=0", 400, "invalid"},
		{"GET", "/api/documents?limit=abc", 400, "invalid"},
		{"GET", "/api/documents?limit=101", 400, "invalid"},
		{"GET", "/api/documents?limit=99999999999999999999", 400, "invalid"},
		{"GET", "/api/documents?offset=-1", 400, "invalid"},
		{"GET", "/api/documents?offset=100001", 400, "invalid"},
		{"GET", "/api/documents?q=" + long, 400, "invalid"},
		{"GET", "/api/documents?q=%00", 400, "invalid"},
		{"GET", "/api/documents?q=%ff%fe", 400, "invalid"},
		{"GET", "/api/documents/no-such-doc", 404, "not_found"},
		{"GET", "/api/documents/bad%20id", 400, "invalid"},
		{"GET", "/api/documents/" + strings.Repeat("x", MaxIDBytes+1), 400, "invalid"},
		{"GET", "/api/nothing", 404, "not_found"},
		{"GET", "/api/", 404, "not_found"},
		{"POST", "/api/documents", 405, "method_not_allowed"},
		{"DELETE", "/api/documents/d0c0ffee0001", 405, "method_not_allowed"},
		{"PUT", "/api/health", 405, "method_not_allowed"},
	} {
		t.Run(tc.method+" "+tc.target[:min(len(tc.target), 50)], func(t *testing.T) {
			rec := do(t, h, tc.method, tc.target)
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tc.status, rec.Body)
			}
			if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Errorf("Content-Type %q", ct)
			}
			if kind, msg := apiErr(t, rec); kind != tc.kind || msg == "" {
				t.Errorf("error kind %q message %q, want kind %q", kind, msg, tc.kind)
			}
			if tc.status == 405 && rec.Header().Get("Allow") != "GET, HEAD" {
				t.Errorf("Allow %q", rec.Header().Get("Allow"))
			}
		})
	}
}

// TestErrorTable checks every row of the one kind → status table on both
// the API and the UI, through a store that fails.
func TestErrorTable(t *testing.T) {
	for _, tc := range []struct {
		err    error
		status int
		kind   string
	}{
		{dateline.ErrNotFound, 404, "not_found"},
		{dateline.ErrInvalid, 400, "invalid"},
		{dateline.ErrConflict, 409, "conflict"},
		{dateline.ErrUnsupported, 501, "unsupported"},
		{dateline.ErrTooLarge, 413, "too_large"},
		{context.DeadlineExceeded, 504, "timeout"},
		{errors.New("disk on fire at /var/secret"), 500, "internal"},
	} {
		t.Run(tc.kind, func(t *testing.T) {
			st := newFakeStore(fixtureDoc(t))
			st.err = fmt.Errorf("store: wrapped: %w", tc.err)
			h := New(st, nil, Options{})
			for _, target := range []string{"/api/documents", "/api/documents/d0c0ffee0001", "/api/documents?q=x"} {
				rec := do(t, h, "GET", target)
				kind, msg := apiErr(t, rec)
				if rec.Code != tc.status || kind != tc.kind {
					t.Errorf("%s: %d %q, want %d %q", target, rec.Code, kind, tc.status, tc.kind)
				}
				if tc.status == 500 && strings.Contains(msg, "secret") {
					t.Errorf("%s: internal error leaks its message: %q", target, msg)
				}
			}
			for _, target := range []string{"/", "/doc/d0c0ffee0001"} {
				rec := do(t, h, "GET", target)
				if rec.Code != tc.status || !strings.Contains(rec.Body.String(), tc.kind) {
					t.Errorf("%s: %d, want %d with kind %q", target, rec.Code, tc.status, tc.kind)
				}
				if !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
					t.Errorf("%s: Content-Type %q", target, rec.Header().Get("Content-Type"))
				}
				if tc.status == 500 && strings.Contains(rec.Body.String(), "secret") {
					t.Errorf("%s: internal error leaks its message", target)
				}
			}
		})
	}
}

func TestAPIHealth(t *testing.T) {
	h, st := newTestHandler(t, otherDocs(3)...)
	rec := do(t, h, "GET", "/api/health")
	var got HealthResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || rec.Code != 200 {
		t.Fatalf("%d %v %s", rec.Code, err, rec.Body)
	}
	if got != (HealthResponse{Status: "ok", Version: "test", Schema: dateline.Schema, Documents: 3}) {
		t.Errorf("health %+v", got)
	}
	ts := httptest.NewServer(h)
	defer ts.Close()
	resp, err := http.Head(ts.URL + "/api/health")
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := io.ReadAll(resp.Body); resp.StatusCode != 200 || len(b) != 0 {
		t.Errorf("HEAD: %d with %d bytes", resp.StatusCode, len(b))
	}
	resp.Body.Close()
	st.err = errors.New("down")
	rec = do(t, h, "GET", "/api/health")
	if kind, _ := apiErr(t, rec); rec.Code != 503 || kind != "unavailable" {
		t.Errorf("failing store: %d %q", rec.Code, kind)
	}
}

func TestAPIDocuments(t *testing.T) {
	h, _ := newTestHandler(t, otherDocs(5)...)
	list := func(target string) ListResponse {
		t.Helper()
		rec := do(t, h, "GET", target)
		if rec.Code != 200 {
			t.Fatalf("%s: %d %s", target, rec.Code, rec.Body)
		}
		var got ListResponse
		if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		if got.Schema != dateline.Schema || got.Documents == nil {
			t.Errorf("%s: schema %q documents %v", target, got.Schema, got.Documents)
		}
		return got
	}
	titles := func(r ListResponse) string {
		var s []string
		for _, d := range r.Documents {
			s = append(s, d.Title)
		}
		return strings.Join(s, "|")
	}
	ptr := func(r *int) string {
		if r == nil {
			return "nil"
		}
		return fmt.Sprint(*r)
	}
	for _, tc := range []struct {
		target, titles, total, next string
	}{
		{"/api/documents", "Ferry report 4|Ferry report 3", "5", "2"},
		{"/api/documents?offset=2", "Ferry report 2|Ferry report 1", "5", "4"},
		{"/api/documents?offset=4", "Ferry report 0", "5", "nil"},
		{"/api/documents?offset=9", "", "5", "nil"},
		{"/api/documents?limit=10", "Ferry report 4|Ferry report 3|Ferry report 2|Ferry report 1|Ferry report 0", "5", "nil"},
		{"/api/documents?q=number+3", "Ferry report 3", "nil", "nil"},
		{"/api/documents?q=+ferry+&limit=1", "Ferry report 4", "nil", "1"},
		{"/api/documents?q=absent", "", "nil", "nil"},
	} {
		got := list(tc.target)
		if titles(got) != tc.titles || ptr(got.Total) != tc.total || ptr(got.NextOffset) != tc.next {
			t.Errorf("%s: titles %q total %s next %s; want %q %s %s", tc.target, titles(got), ptr(got.Total), ptr(got.NextOffset), tc.titles, tc.total, tc.next)
		}
	}
	if got := list("/api/documents?q=+ferry+"); got.Query != "ferry" {
		t.Errorf("query not trimmed: %q", got.Query)
	}
}

func TestAPIDocument(t *testing.T) {
	want := fixtureDoc(t)
	h, _ := newTestHandler(t, want)
	rec := do(t, h, "GET", "/api/documents/"+string(want.ID))
	if rec.Code != 200 {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(rec.Body.Bytes(), &raw); err != nil {
		t.Fatal(err)
	}
	if string(raw["schema"]) != `"dateline/v1"` || len(raw) != 2 {
		t.Errorf("envelope: %v", raw)
	}
	var got dateline.Document
	if err := json.Unmarshal(raw["document"], &got); err != nil {
		t.Fatal(err)
	}
	wantJSON, _ := json.Marshal(want)
	gotJSON, _ := json.Marshal(&got)
	if string(wantJSON) != string(gotJSON) {
		t.Errorf("document does not round-trip:\n got %s\nwant %s", gotJSON, wantJSON)
	}
	for _, layer := range []string{"blocks", "mentions", "actors", "times", "quotes", "events", "diagnostics", "dateline"} {
		if !strings.Contains(string(raw["document"]), `"`+layer+`"`) {
			t.Errorf("layer %s missing from the JSON", layer)
		}
	}
}

func TestSecurityHeaders(t *testing.T) {
	h, _ := newTestHandler(t, fixtureDoc(t))
	for _, target := range []string{"/", "/?q=talks", "/doc/d0c0ffee0001", "/doc/missing", "/nope", "/static/app.js",
		"/api/health", "/api/documents", "/api/documents/d0c0ffee0001", "/api/nope"} {
		rec := do(t, h, "GET", target)
		hd := rec.Header()
		if csp := hd.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") || strings.Contains(csp, "unsafe") {
			t.Errorf("%s: CSP %q", target, csp)
		}
		for k, v := range map[string]string{"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer"} {
			if hd.Get(k) != v {
				t.Errorf("%s: %s = %q, want %q", target, k, hd.Get(k), v)
			}
		}
	}
}

func TestUIList(t *testing.T) {
	h, _ := newTestHandler(t, append(otherDocs(3), fixtureDoc(t))...)
	for _, tc := range []struct {
		target   string
		status   int
		want     []string
		dontWant []string
	}{
		{"/", 200, []string{`<a class="brand" href="/">`, "Harbour talks end without a deal", `href="/doc/d0c0ffee0001"`,
			"Ferry report 2", `<span class="count">4</span>`, `<a rel="next" href="/?page=2">`, "Example News", "2025-03-04 09:30 UTC"},
			[]string{"Ferry report 1", `rel="prev"`}},
		{"/?page=2", 200, []string{"Ferry report 1", "Ferry report 0", `<a rel="prev" href="/">`, `<ol class="results" start="3">`}, []string{`rel="next"`}},
		{"/?q=ferry", 200, []string{"Results for “ferry”", `value="ferry"`, "<mark>ferry</mark>", `<a rel="next" href="/?page=2&amp;q=ferry">`}, nil},
		{"/?q=nothing+matches", 200, []string{"No document matches"}, nil},
		{"/?page=0", 400, []string{"invalid", "page="}, nil},
		{"/?page=x", 400, []string{"invalid"}, nil},
		{"/?q=%ff", 400, []string{"invalid", "UTF-8"}, nil},
		{"/doc/bad%20id", 400, []string{"invalid"}, nil},
		{"/doc/unknown", 404, []string{"not_found"}, nil},
		{"/elsewhere", 404, []string{"not_found"}, nil},
		{"/static/nope.js", 404, []string{"not_found"}, nil},
	} {
		rec := do(t, h, "GET", tc.target)
		body := rec.Body.String()
		if rec.Code != tc.status {
			t.Errorf("%s: status %d, want %d", tc.target, rec.Code, tc.status)
		}
		for _, w := range tc.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: missing %q", tc.target, w)
			}
		}
		for _, w := range tc.dontWant {
			if strings.Contains(body, w) {
				t.Errorf("%s: unexpected %q", tc.target, w)
			}
		}
	}
	if rec := do(t, h, "POST", "/"); rec.Code != 405 || rec.Header().Get("Allow") != "GET, HEAD" {
		t.Errorf("POST /: %d Allow %q", rec.Code, rec.Header().Get("Allow"))
	}
	untitled := fixtureDoc(t)
	untitled.ID, untitled.Title = "untitled", ""
	h2 := New(newFakeStore(untitled, &dateline.Document{ID: "bare", Text: "Just text."}), nil, Options{})
	if body := do(t, h2, "GET", "/doc/untitled").Body.String(); !strings.Contains(body, "<h1>Harbour talks end without a deal</h1>") {
		t.Error("no title from the title block")
	}
	if body := do(t, h2, "GET", "/doc/bare").Body.String(); !strings.Contains(body, "<h1>(untitled)</h1>") ||
		!strings.Contains(body, `<p class="blk k-text" data-kind="text" data-b="0">Just text.</p>`) {
		t.Error("a document without title and blocks")
	}
	empty := New(newFakeStore(), nil, Options{})
	if body := do(t, empty, "GET", "/").Body.String(); !strings.Contains(body, "No documents yet") {
		t.Errorf("empty store: %s", body)
	}
}

func TestStatic(t *testing.T) {
	h, _ := newTestHandler(t)
	for name, ctype := range map[string]string{"app.js": "text/javascript", "style.css": "text/css", "icon.svg": "image/svg+xml"} {
		rec := do(t, h, "GET", "/static/"+name+"?v=1")
		if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), ctype) || rec.Body.Len() == 0 {
			t.Errorf("%s: %d %q %d bytes", name, rec.Code, rec.Header().Get("Content-Type"), rec.Body.Len())
		}
		if !strings.Contains(rec.Header().Get("Cache-Control"), "immutable") {
			t.Errorf("%s: versioned URL not cached: %q", name, rec.Header().Get("Cache-Control"))
		}
		req := httptest.NewRequest("GET", "/static/"+name, nil)
		req.Header.Set("If-None-Match", rec.Header().Get("ETag"))
		rec2 := httptest.NewRecorder()
		h.ServeHTTP(rec2, req)
		if rec2.Code != http.StatusNotModified {
			t.Errorf("%s: If-None-Match gives %d", name, rec2.Code)
		}
	}
	// The pages link to the versioned assets.
	body := do(t, h, "GET", "/").Body.String()
	for _, name := range []string{"app.js", "style.css", "icon.svg"} {
		if !strings.Contains(body, "/static/"+name+"?v=") {
			t.Errorf("page does not link %s", name)
		}
	}
}

// TestNoExternalResources checks that no page or asset refers to another
// origin.
func TestNoExternalResources(t *testing.T) {
	h, _ := newTestHandler(t, fixtureDoc(t))
	for _, target := range []string{"/", "/doc/d0c0ffee0001", "/static/style.css", "/static/app.js", "/static/icon.svg"} {
		body := do(t, h, "GET", target).Body.String()
		body = strings.ReplaceAll(body, "https://news.example/harbour-talks", "") // the document's own source link
		body = strings.ReplaceAll(body, `xmlns="http://www.w3.org/2000/svg"`, "")
		for _, bad := range []string{"http://", "https://", "//cdn", "@import"} {
			if strings.Contains(body, bad) {
				t.Errorf("%s refers to %q", target, bad)
			}
		}
	}
}

func TestPanicRecovered(t *testing.T) {
	h := New(panicStore{}, nil, Options{})
	if rec := do(t, h, "GET", "/api/documents"); rec.Code != 500 {
		t.Errorf("API: %d", rec.Code)
	} else if kind, _ := apiErr(t, rec); kind != "internal" {
		t.Errorf("kind %q", kind)
	}
	if rec := do(t, h, "GET", "/"); rec.Code != 500 {
		t.Errorf("UI: %d", rec.Code)
	}
}

type panicStore struct{ dateline.Store }

func (panicStore) Documents(context.Context, dateline.DocQuery) ([]dateline.DocSummary, error) {
	panic("broken store")
}

func TestNewServer(t *testing.T) {
	srv := NewServer("127.0.0.1:0", http.NotFoundHandler(), nil)
	if srv.ReadHeaderTimeout == 0 || srv.MaxHeaderBytes == 0 || srv.Addr != "127.0.0.1:0" {
		t.Errorf("server %+v", srv)
	}
	ts := httptest.NewServer(New(newFakeStore(), nil, Options{}))
	defer ts.Close()
	resp, err := http.Get(ts.URL + "/api/health")
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("health over TCP: %d", resp.StatusCode)
	}
}
