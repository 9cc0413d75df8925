package cli

import (
	"bufio"
	"encoding/json"
	"fmt"
	"iter"
	"strings"
	"time"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/intake"
	"github.com/dateline-news/dateline/internal/worker"
)

// inputFlags are the intake and article flags shared by analyze and ingest.
type inputFlags struct {
	published    string
	format       string
	allowPrivate bool
	maxBytes     int64
	timeout      time.Duration
	workers      int
}

func (f *inputFlags) register(fs interface {
	StringVar(*string, string, string, string)
	BoolVar(*bool, string, bool, string)
	Int64Var(*int64, string, int64, string)
	IntVar(*int, string, int, string)
	DurationVar(*time.Duration, string, time.Duration, string)
}) {
	fs.StringVar(&f.published, "published", "", "publication date (YYYY-MM-DD or RFC 3339); overrides the date found in the input")
	fs.StringVar(&f.format, "input-format", "", "force the input format: text, html, feed, jsonl, warc (default: detect)")
	fs.BoolVar(&f.allowPrivate, "allow-private", false, "allow URLs that resolve to loopback, private or link-local addresses")
	fs.Int64Var(&f.maxBytes, "max-bytes", 32<<20, "largest input file, HTTP body or record, in bytes")
	fs.DurationVar(&f.timeout, "timeout", 20*time.Second, "time limit per HTTP request")
	fs.IntVar(&f.workers, "workers", 0, "documents analysed in parallel (default: the number of CPUs)")
}

// parseDate accepts YYYY-MM-DD or RFC 3339.
func parseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%w: date %q: want YYYY-MM-DD or RFC 3339", dateline.ErrInvalid, s)
}

// source chains the inputs into one page stream.
func (f *inputFlags) source(e *env, inputs []string) iter.Seq2[*dateline.Page, error] {
	opt := intake.Options{
		Format:       f.format,
		AllowPrivate: f.allowPrivate,
		MaxBytes:     f.maxBytes,
		Timeout:      f.timeout,
		Stdin:        e.stdin,
		Now:          e.now,
	}
	return func(yield func(*dateline.Page, error) bool) {
		for _, in := range inputs {
			for p, err := range intake.Open(e.ctx, in, opt) {
				if !yield(p, err) {
					return
				}
			}
		}
	}
}

// config builds the worker configuration: extraction options and passes.
func (f *inputFlags) config(e *env) (worker.Config, error) {
	pub, err := parseDate(f.published)
	if err != nil {
		return worker.Config{}, err
	}
	pl, err := newPipeline()
	if err != nil {
		return worker.Config{}, err
	}
	opt := article.Options{Published: pub}
	return worker.Config{
		Extract:  func(p *dateline.Page) (*dateline.Document, error) { return article.Extract(p, opt) },
		Pipeline: pl,
		Workers:  f.workers,
	}, nil
}

func runAnalyze(e *env, args []string) int {
	fs := e.flags("analyze", "analyze [flags] INPUT...\n\nINPUT is a file, a folder, an http(s) URL, a feed, a JSONL or WARC file, or - for stdin.")
	var in inputFlags
	in.register(fs)
	format := fs.String("format", "text", "output: text (a readable summary), json (one envelope per document), jsonl")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return exitUsage
	}
	switch *format {
	case "text", "json", "jsonl":
	default:
		fmt.Fprintf(e.stderr, "dateline analyze: unknown --format %q (want text, json or jsonl)\n", *format)
		return exitUsage
	}
	cfg, err := in.config(e)
	if err != nil {
		return e.fail("%v", err)
	}
	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	n, rejected := 0, 0
	err = worker.Run(e.ctx, in.source(e, fs.Args()), cfg, func(r worker.Result) error {
		if r.Err != nil {
			rejected++
			fmt.Fprintf(e.stderr, "dateline: %s\n", describe(r.Input, r.Err.Error()))
			return nil
		}
		n++
		switch *format {
		case "text":
			if n > 1 {
				fmt.Fprintln(out, "\n"+strings.Repeat("─", 78)+"\n")
			}
			renderText(out, r.Doc)
		case "json":
			enc := json.NewEncoder(out)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			return enc.Encode(envelope{Schema: dateline.Schema, Document: r.Doc})
		case "jsonl":
			enc := json.NewEncoder(out)
			enc.SetEscapeHTML(false)
			return enc.Encode(envelope{Schema: dateline.Schema, Document: r.Doc})
		}
		return nil
	})
	if err != nil {
		return e.fail("%v", err)
	}
	if n == 0 && rejected > 0 {
		return exitFail
	}
	return exitOK
}
