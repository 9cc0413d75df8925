// Package intake turns inputs into pages: plain-text files in any common
// charset, HTML pages, RSS/Atom/JSON feeds, JSONL article dumps, WARC
// archives, directories of these, standard input and http(s) URLs.
//
// Every reader is bounded (bytes per file, line, record and body; items per
// container) and tolerant: an item that cannot be read is reported as an
// *Error in the sequence and reading continues with the next one; damage that
// still leaves a usable page (a truncated feed entry, an invalid UTF-8 byte,
// an unparsable date) becomes a Diagnostic on the page.
//
// Diagnostics on a page carry byte offsets into the input the page came from
// (the text file, the feed, the JSONL line), not into Page.Body, and say so
// in their message; Pass is always "intake".
package intake

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/dateline-news/dateline"
)

// Input formats accepted by Options.Format. They are also the values of
// SourceRef.Kind, together with KindURL.
const (
	FormatText  = "text"
	FormatHTML  = "html"
	FormatFeed  = "feed"
	FormatJSONL = "jsonl"
	FormatWARC  = "warc"

	KindURL = "url" // a page fetched from an http(s) URL given as input
)

// Defaults of the limits in Options.
const (
	DefaultMaxBytes = 32 << 20
	DefaultMaxItems = 100000
	DefaultTimeout  = 20 * time.Second
	MaxRedirects    = 5
)

// pass is the Pass of every diagnostic intake writes.
const pass = "intake"

// Options configures Open and Read. The zero value is usable.
type Options struct {
	Format       string        // force a format: "text", "html", "feed", "jsonl", "warc"; "" = detect
	AllowPrivate bool          // allow loopback/private/link-local URL targets
	MaxBytes     int64         // per input file / HTTP body / WARC record / JSONL line (default 32 MiB)
	MaxItems     int           // per feed / JSONL / WARC file (default 100000)
	Timeout      time.Duration // per HTTP request (default 20s)
	// Client fetches URLs. When nil, a client is built with the limits above
	// and with the address check of AllowPrivate applied at dial time. A
	// client given here is used as is: its transport is responsible for
	// refusing private addresses.
	Client    *http.Client
	Stdin     io.Reader        // used when input is "-"
	Now       func() time.Time // clock for SourceRef.Fetched of URL pages; default time.Now
	UserAgent string           // User-Agent of HTTP requests; default "dateline (+https://github.com/dateline-news/dateline)"
}

func (o Options) withDefaults() Options {
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxItems <= 0 {
		o.MaxItems = DefaultMaxItems
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.UserAgent == "" {
		o.UserAgent = "dateline (+https://github.com/dateline-news/dateline)"
	}
	return o
}

// Error is an input, or one item of it, that intake could not read. It
// unwraps to its Kind (dateline.ErrInvalid, ErrTooLarge, ErrUnsupported, or
// ErrNotFound for a missing file or an HTTP 404; nil for a network failure)
// and to its cause.
type Error struct {
	Input string // the input name as given
	Pos   string // where in the input: "line 3", "item 2 (byte 1043)", "record 5"; "" for the whole input
	Kind  error
	Msg   string
	Err   error // the underlying cause, may be nil
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Input)
	if e.Pos != "" {
		b.WriteString(": ")
		b.WriteString(e.Pos)
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the kind and the cause.
func (e *Error) Unwrap() []error {
	var errs []error
	if e.Kind != nil {
		errs = append(errs, e.Kind)
	}
	if e.Err != nil {
		errs = append(errs, e.Err)
	}
	return errs
}

func newError(kind error, input, pos string, cause error, format string, args ...any) *Error {
	return &Error{Input: input, Pos: pos, Kind: kind, Err: cause, Msg: fmt.Sprintf(format, args...)}
}

// Open reads one input: a file, a directory (recursive, sorted, skipping
// hidden files), an http(s) URL, or "-" for stdin. It yields pages in input
// order; a non-nil error is yielded for an item or file that could not be
// read (an *Error naming the input and the line, item or offset) and
// iteration continues with the next item. Cancelling ctx stops the sequence
// after yielding ctx's error.
func Open(ctx context.Context, input string, opt Options) iter.Seq2[*dateline.Page, error] {
	opt = opt.withDefaults()
	return func(yield func(*dateline.Page, error) bool) {
		switch {
		case input == "-":
			if opt.Stdin == nil {
				yield(nil, newError(dateline.ErrInvalid, "-", "", nil, "no standard input"))
				return
			}
			readStream(ctx, "-", opt.Stdin, opt, yield)
		case isURL(input):
			fetchURL(ctx, input, opt, yield)
		default:
			openPath(ctx, input, opt, yield)
		}
	}
}

// Read reads one stream of a known (opt.Format) or detected format; name is
// used in messages, in format detection by extension, and as SourceRef.Path.
func Read(ctx context.Context, name string, r io.Reader, opt Options) iter.Seq2[*dateline.Page, error] {
	opt = opt.withDefaults()
	return func(yield func(*dateline.Page, error) bool) {
		readStream(ctx, name, r, opt, yield)
	}
}

type yieldFunc = func(*dateline.Page, error) bool

func isURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || (strings.Contains(l, "://") && !strings.HasPrefix(l, "file:"))
}

// openPath reads a file or walks a directory.
func openPath(ctx context.Context, path string, opt Options, yield yieldFunc) {
	st, err := os.Stat(path)
	if err != nil {
		kind := dateline.ErrInvalid
		if errors.Is(err, fs.ErrNotExist) {
			kind = dateline.ErrNotFound
		}
		yield(nil, newError(kind, path, "", unwrapPathError(err), "cannot open"))
		return
	}
	if !st.IsDir() {
		readFile(ctx, path, st, opt, yield)
		return
	}
	walkErr := filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		if err != nil {
			if !yield(nil, newError(dateline.ErrInvalid, p, "", unwrapPathError(err), "cannot read")) {
				return errStop
			}
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p != path && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		// Regular files are read, and symbolic links to regular files;
		// links to directories are not followed (no cycles), and devices,
		// pipes and sockets are skipped.
		info, err := d.Info()
		if err == nil && info.Mode()&fs.ModeSymlink != 0 {
			info, err = os.Stat(p)
		}
		if err == nil && !info.Mode().IsRegular() {
			return nil
		}
		if err != nil {
			if !yield(nil, newError(dateline.ErrInvalid, p, "", unwrapPathError(err), "cannot read")) {
				return errStop
			}
			return nil
		}
		stopped := false
		readFile(ctx, p, info, opt, func(pg *dateline.Page, err error) bool {
			if !yield(pg, err) {
				stopped = true
				return false
			}
			return true
		})
		if stopped {
			return errStop
		}
		return nil
	})
	if walkErr != nil && !errors.Is(walkErr, errStop) {
		if ctx.Err() != nil {
			yield(nil, ctx.Err())
		}
	}
}

var errStop = errors.New("stop")

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// readFile reads one regular file.
func readFile(ctx context.Context, path string, st fs.FileInfo, opt Options, yield yieldFunc) {
	if err := ctx.Err(); err != nil {
		yield(nil, err)
		return
	}
	f, err := os.Open(path)
	if err != nil {
		yield(nil, newError(dateline.ErrInvalid, path, "", unwrapPathError(err), "cannot open"))
		return
	}
	defer f.Close()
	format := opt.Format
	if format == "" {
		format = formatByName(path)
	}
	// Whole-file formats are refused by size before reading a byte;
	// streamed formats (JSONL, WARC, gzip) bound each line or record instead.
	if (format == FormatText || format == FormatHTML || format == FormatFeed) && !isGzipName(path) && st.Size() > opt.MaxBytes {
		yield(nil, newError(dateline.ErrTooLarge, path, "", nil, "file is %d bytes, over the limit of %d bytes", st.Size(), opt.MaxBytes))
		return
	}
	readStream(ctx, path, f, opt, yield)
}

// readStream detects the format of r (unless forced) and dispatches.
func readStream(ctx context.Context, name string, r io.Reader, opt Options, yield yieldFunc) {
	if err := ctx.Err(); err != nil {
		yield(nil, err)
		return
	}
	readSource(ctx, source{name: name}, r, opt, yield)
}

// source describes where a stream came from.
type source struct {
	name        string // input name as given (path, "-" or URL)
	kind        string // SourceRef.Kind override (KindURL for fetched pages); "" = the format
	contentType string // HTTP Content-Type, if any
	url         string // fetched URL, if any
	fetched     time.Time
}

// ref is the SourceRef of a page of the given format read from s. A page
// fetched from a URL is of kind "url" with that URL; the items of a feed,
// JSONL or WARC body fetched from a URL keep their container's kind and
// their own URLs.
func (s source) ref(format string) dateline.SourceRef {
	ref := dateline.SourceRef{Kind: format, Path: s.name, Fetched: s.fetched}
	if s.kind == KindURL && (format == FormatHTML || format == FormatText) {
		ref.Kind = KindURL
		ref.URL = s.url
	}
	return ref
}

func readSource(ctx context.Context, src source, r io.Reader, opt Options, yield yieldFunc) {
	name := src.name
	format := opt.Format
	if format != "" && !validFormat(format) {
		yield(nil, newError(dateline.ErrUnsupported, name, "", nil, "unknown format %q (want text, html, feed, jsonl or warc)", format))
		return
	}
	// Gzip: WARC readers take .warc.gz as is (one member per record);
	// everything else is decompressed here, and the inner name decides.
	br := newPeekReader(r)
	head := br.peek(sniffLen)
	if isGzip(head) && format != FormatWARC && !(format == "" && formatByName(name) == FormatWARC) {
		inner := strings.TrimSuffix(strings.TrimSuffix(name, ".gz"), ".GZ")
		zr, err := newGzipReader(br)
		if err != nil {
			yield(nil, newError(dateline.ErrInvalid, name, "", err, "bad gzip stream"))
			return
		}
		if format == "" {
			format = formatByName(inner)
		}
		if format == "" {
			zb := newPeekReader(zr)
			format = sniffFormat(zb.peek(sniffLen), src.contentType)
			dispatch(ctx, src, format, zb, opt, yield)
			return
		}
		dispatch(ctx, src, format, zr, opt, yield)
		return
	}
	if format == "" {
		// An HTTP Content-Type beats the URL's extension; a file's
		// extension beats its bytes; the bytes decide the rest.
		if src.contentType == "" {
			format = formatByName(name)
		}
		if format == "" {
			format = sniffFormat(head, src.contentType)
		}
	}
	dispatch(ctx, src, format, br, opt, yield)
}

func validFormat(f string) bool {
	switch f {
	case FormatText, FormatHTML, FormatFeed, FormatJSONL, FormatWARC:
		return true
	}
	return false
}

func dispatch(ctx context.Context, src source, format string, r io.Reader, opt Options, yield yieldFunc) {
	switch format {
	case FormatJSONL:
		readJSONL(ctx, src, r, opt, yield)
	case FormatWARC:
		readWARC(ctx, src, r, opt, yield)
	case FormatFeed:
		data, err := readAllBounded(r, opt.MaxBytes)
		if err != nil {
			yield(nil, sizeOrReadError(src.name, err, opt.MaxBytes))
			return
		}
		readFeed(ctx, src, data, opt, yield)
	case FormatHTML:
		data, err := readAllBounded(r, opt.MaxBytes)
		if err != nil {
			yield(nil, sizeOrReadError(src.name, err, opt.MaxBytes))
			return
		}
		p, perr := htmlPage(src, data)
		yield(p, perr)
	case binaryFormat:
		yield(nil, newError(dateline.ErrUnsupported, src.name, "", nil, "%s, not a report", describeBinary(peekOf(r))))
	default:
		data, err := readAllBounded(r, opt.MaxBytes)
		if err != nil {
			yield(nil, sizeOrReadError(src.name, err, opt.MaxBytes))
			return
		}
		p, perr := textPage(src, data)
		yield(p, perr)
	}
}

func peekOf(r io.Reader) []byte {
	if pr, ok := r.(*peekReader); ok {
		return pr.peek(sniffLen)
	}
	return nil
}

// htmlPage wraps an HTML document.
func htmlPage(src source, data []byte) (*dateline.Page, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, newError(dateline.ErrInvalid, src.name, "", nil, "empty file")
	}
	if head := data[:min(len(data), sniffLen)]; isBinary(head) {
		return nil, newError(dateline.ErrUnsupported, src.name, "", nil, "%s, not a report", describeBinary(head))
	}
	p := &dateline.Page{
		Source:  src.ref(FormatHTML),
		Format:  dateline.FormatHTML,
		Body:    data,
		Charset: htmlCharset(data, src.contentType),
	}
	return p, nil
}

// errTooLarge is returned by readAllBounded when the limit is exceeded.
type errTooLarge struct{ limit int64 }

func (e errTooLarge) Error() string { return fmt.Sprintf("more than %d bytes", e.limit) }

// readAllBounded reads r to the end, failing with errTooLarge once more than
// limit bytes arrive; it never holds more than limit+1 bytes.
func readAllBounded(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, errTooLarge{limit}
	}
	return data, nil
}

func sizeOrReadError(name string, err error, limit int64) error {
	var tl errTooLarge
	if errors.As(err, &tl) {
		return newError(dateline.ErrTooLarge, name, "", nil, "input is larger than the limit of %d bytes", limit)
	}
	return newError(dateline.ErrInvalid, name, "", err, "read failed")
}
