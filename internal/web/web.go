// Package web serves the dateline JSON API under /api and the web UI under /.
//
// It depends on the root package's Store interface only, never on a concrete
// store: the composition root (internal/cli) passes one in. Pages are rendered
// on the server with html/template, so every piece of document text is
// escaped; the small script and style sheet are embedded in the binary and
// nothing is loaded from elsewhere (the Content-Security-Policy says so).
//
// Routes:
//
//	GET /api/health                  {"status": "ok", "version", "documents"}
//	GET /api/documents?q=&limit=&offset=
//	                                 list newest first, or full-text search
//	GET /api/documents/{id}          {"schema": "dateline/v1", "document": {...}, "story": {...}}
//	GET /api/stories, /api/stories/{id}, /stories, /story/{id}
//	                                 stories (see stories.go)
//	GET /api/actors, /api/actors/{id}, /api/quotes, /api/events, /actors, /actor/{id}, /quotes
//	                                 actors, quotes and events across documents (see actors.go)
//	GET /                            the searchable list (?q=, ?page=)
//	GET /doc/{id}                    the article page with its layers
//	GET /static/{name}               embedded assets
//
// Errors are JSON {"error": {"kind", "message"}} under /api and an HTML page
// elsewhere; the status comes from one table (see errorKinds).
package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"mime"
	"net/http"
	"path"
	"runtime/debug"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/dateline-news/dateline"
)

// Limits on requests.
const (
	DefaultPageSize = 20
	MaxPageSize     = 100    // largest accepted limit
	MaxOffset       = 100000 // deepest accepted offset
	MaxQueryBytes   = 512    // longest accepted full-text query
	MaxIDBytes      = 128    // longest accepted document ID
	DefaultTimeout  = 10 * time.Second
)

// Options configure the handler. The zero value is usable.
type Options struct {
	PageSize int                 // documents per UI page and default API limit; 0: DefaultPageSize; at most MaxPageSize
	Version  string              // shown in the footer and in /api/health
	Timeout  time.Duration       // per store call; 0: DefaultTimeout
	Stories  dateline.StoryStore // stories beside the documents; nil: no story routes (they answer 501)
	// Index answers the actor, quote and event routes (see actors.go);
	// nil: the store's, when it implements dateline.IndexStore, else
	// those routes answer 501.
	Index dateline.IndexStore
	// Known looks an actor up in the knowledge base (its dated roles,
	// aliases and external IDs), shown beside what the reports say; nil:
	// reports only.
	Known func(dateline.ActorID) (*dateline.Actor, bool)
}

//go:embed templates/*.html static/*
var assets embed.FS

type server struct {
	store   dateline.Store
	log     *slog.Logger
	opts    Options
	pages   map[string]*template.Template
	static  map[string]asset
	handler http.Handler
}

// New returns the handler for the API and the UI over store. log receives
// request failures; nil discards them. The templates and assets are parsed
// once here; New panics only if the embedded ones are broken, which the
// package tests catch.
func New(store dateline.Store, log *slog.Logger, opts Options) http.Handler {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if opts.PageSize <= 0 {
		opts.PageSize = DefaultPageSize
	}
	opts.PageSize = min(opts.PageSize, MaxPageSize)
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.Version == "" {
		opts.Version = "dev"
	}
	if ix, ok := store.(dateline.IndexStore); ok && opts.Index == nil {
		opts.Index = ix
	}
	s := &server{store: store, log: log, opts: opts}
	s.static = loadStatic()
	s.pages = s.parsePages()

	mux := http.NewServeMux()
	mux.Handle("/api/health", getOnly(s.apiHealth))
	mux.Handle("/api/documents", getOnly(s.apiDocuments))
	mux.Handle("/api/documents/{id}", getOnly(s.apiDocumentStory))
	mux.Handle("/api/stories", getOnly(s.apiStories))
	mux.Handle("/api/stories/{id}", getOnly(s.apiStory))
	mux.Handle("/api/actors", getOnly(s.apiActors))
	mux.Handle("/api/actors/{id...}", getOnly(s.apiActor))
	mux.Handle("/api/quotes", getOnly(s.apiQuotes))
	mux.Handle("/api/events", getOnly(s.apiEvents))
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		s.apiError(w, r, fmt.Errorf("no API route %.100q: %w", r.URL.Path, dateline.ErrNotFound))
	})
	mux.Handle("/{$}", getOnly(s.uiList))
	mux.Handle("/doc/{id}", getOnly(s.uiDocumentStory))
	mux.Handle("/stories", getOnly(s.uiStories))
	mux.Handle("/story/{id}", getOnly(s.uiStory))
	mux.Handle("/actors", getOnly(s.uiActors))
	mux.Handle("/actor/{id...}", getOnly(s.uiActor))
	mux.Handle("/quotes", getOnly(s.uiQuotes))
	mux.Handle("/static/{name}", getOnly(s.serveStatic))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.uiError(w, r, fmt.Errorf("no page at %.100q: %w", r.URL.Path, dateline.ErrNotFound))
	})
	s.handler = mux
	return s
}

// ServeHTTP sets the security headers, recovers panics and logs failures.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.log.Error("web: panic", "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
			err := fmt.Errorf("panic serving %s", r.URL.Path)
			if isAPI(r) {
				s.apiError(w, r, err)
			} else {
				s.uiError(w, r, err)
			}
		}
	}()
	s.handler.ServeHTTP(w, r)
}

// contentSecurityPolicy allows the page's own script, styles and images and
// nothing else: no inline script, no inline style, no plugins, no framing.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; " +
	"img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// getOnly answers GET and HEAD with h and refuses other methods with 405.
type getOnly func(w http.ResponseWriter, r *http.Request)

func (h getOnly) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		msg := "method " + r.Method + " not allowed; use GET"
		if isAPI(r) {
			writeJSONError(w, http.StatusMethodNotAllowed, "method_not_allowed", msg)
		} else {
			http.Error(w, msg, http.StatusMethodNotAllowed)
		}
		return
	}
	h(w, r)
}

func isAPI(r *http.Request) bool {
	return r.URL.Path == "/api" || strings.HasPrefix(r.URL.Path, "/api/")
}

// errorKind maps a root error kind to an HTTP status and a JSON kind name.
type errorKind struct {
	err    error
	status int
	kind   string
}

// errorKinds is the one table from error kinds to HTTP statuses. Errors
// matching none of them are internal errors (500), whose message is not
// shown to the client.
func errorKinds() [6]errorKind {
	return [...]errorKind{
		{dateline.ErrNotFound, http.StatusNotFound, "not_found"},
		{dateline.ErrInvalid, http.StatusBadRequest, "invalid"},
		{dateline.ErrConflict, http.StatusConflict, "conflict"},
		{dateline.ErrUnsupported, http.StatusNotImplemented, "unsupported"},
		{dateline.ErrTooLarge, http.StatusRequestEntityTooLarge, "too_large"},
		{context.DeadlineExceeded, http.StatusGatewayTimeout, "timeout"},
	}
}

// classify returns the status, kind name and client-facing message for err.
func classify(err error) (status int, kind, message string) {
	for _, k := range errorKinds() {
		if errors.Is(err, k.err) {
			return k.status, k.kind, err.Error()
		}
	}
	return http.StatusInternalServerError, "internal", "internal error"
}

func (s *server) logFailure(r *http.Request, status int, err error) {
	if status >= 500 {
		s.log.Error("web: request failed", "method", r.Method, "path", r.URL.Path, "status", status, "err", err)
		return
	}
	s.log.Debug("web: request refused", "method", r.Method, "path", r.URL.Path, "status", status, "err", err)
}

// storeContext bounds one store call.
func (s *server) storeContext(r *http.Request) (context.Context, context.CancelFunc) {
	return context.WithTimeout(r.Context(), s.opts.Timeout)
}

// listParams are the validated parameters of a listing or search.
type listParams struct {
	Query  string
	Limit  int
	Offset int
}

// parseQuery validates the full-text query: valid UTF-8, no control
// characters, at most MaxQueryBytes. Surrounding space is trimmed.
func parseQuery(q string) (string, error) {
	q = strings.TrimSpace(q)
	if len(q) > MaxQueryBytes {
		return "", fmt.Errorf("query is %d bytes; the limit is %d: %w", len(q), MaxQueryBytes, dateline.ErrInvalid)
	}
	if !utf8.ValidString(q) {
		return "", fmt.Errorf("query is not valid UTF-8: %w", dateline.ErrInvalid)
	}
	for _, c := range q {
		if unicode.IsControl(c) {
			return "", fmt.Errorf("query contains control character %U: %w", c, dateline.ErrInvalid)
		}
	}
	return q, nil
}

// parseInt reads a non-negative integer parameter in [lo, hi]; def when absent.
func parseInt(v, name string, def, lo, hi int) (int, error) {
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, fmt.Errorf("%s=%.20q: want an integer from %d to %d: %w", name, v, lo, hi, dateline.ErrInvalid)
	}
	return n, nil
}

// parseID validates a document ID taken from the path.
func parseID(v string) (dateline.DocID, error) {
	if v == "" || len(v) > MaxIDBytes {
		return "", fmt.Errorf("document ID must be 1 to %d bytes: %w", MaxIDBytes, dateline.ErrInvalid)
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return "", fmt.Errorf("document ID %.40q has a character outside [A-Za-z0-9._-]: %w", v, dateline.ErrInvalid)
		}
	}
	return dateline.DocID(v), nil
}

// fetchPage asks the store for one page plus one document, to learn whether
// a next page exists without counting.
func (s *server) fetchPage(r *http.Request, p listParams) (docs []dateline.DocSummary, more bool, err error) {
	ctx, cancel := s.storeContext(r)
	defer cancel()
	docs, err = s.store.Documents(ctx, dateline.DocQuery{Text: p.Query, Limit: p.Limit + 1, Offset: p.Offset})
	if err != nil {
		return nil, false, err
	}
	if len(docs) > p.Limit {
		docs, more = docs[:p.Limit], true
	}
	if docs == nil {
		docs = []dateline.DocSummary{}
	}
	return docs, more, nil
}

// writeJSON writes v with status. Encoding happens before the header is
// written, so a failure still becomes a clean 500.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		writeJSONError(w, http.StatusInternalServerError, "internal", "internal error")
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, err := w.Write(buf.Bytes())
	return err
}

// apiErrorBody is the JSON form of an error.
type apiErrorBody struct {
	Error struct {
		Kind    string `json:"kind"`
		Message string `json:"message"`
	} `json:"error"`
}

func writeJSONError(w http.ResponseWriter, status int, kind, message string) {
	var body apiErrorBody
	body.Error.Kind, body.Error.Message = kind, message
	b, _ := json.Marshal(body) // two strings: cannot fail
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

// asset is one embedded static file with its validator.
type asset struct {
	body  []byte
	ctype string
	etag  string
}

// loadStatic reads the embedded assets once.
func loadStatic() map[string]asset {
	out := make(map[string]asset)
	entries, err := fs.ReadDir(assets, "static")
	if err != nil {
		panic(fmt.Sprintf("web: embedded assets: %v", err)) // a build defect, caught by tests
	}
	for _, e := range entries {
		b, err := fs.ReadFile(assets, "static/"+e.Name())
		if err != nil {
			panic(fmt.Sprintf("web: embedded asset %s: %v", e.Name(), err))
		}
		sum := sha256.Sum256(b)
		ctype := mime.TypeByExtension(path.Ext(e.Name()))
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		out[e.Name()] = asset{body: b, ctype: ctype, etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
	}
	return out
}

// assetURL returns the URL of an embedded asset, versioned by its content so
// that it can be cached for long.
func (s *server) assetURL(name string) string {
	a, ok := s.static[name]
	if !ok {
		return "/static/" + name
	}
	return "/static/" + name + "?v=" + strings.Trim(a.etag, `"`)
}

func (s *server) serveStatic(w http.ResponseWriter, r *http.Request) {
	a, ok := s.static[r.PathValue("name")]
	if !ok {
		s.uiError(w, r, fmt.Errorf("no asset %.60q: %w", r.PathValue("name"), dateline.ErrNotFound))
		return
	}
	h := w.Header()
	h.Set("Content-Type", a.ctype)
	h.Set("ETag", a.etag)
	if r.URL.Query().Get("v") != "" {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(a.body))
}

// NewServer returns an http.Server for h with the timeouts and header limits
// a public listener needs; the caller runs ListenAndServe and Shutdown.
func NewServer(addr string, h http.Handler, log *slog.Logger) *http.Server {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    32 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}
