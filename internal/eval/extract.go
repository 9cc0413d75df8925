package eval

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/dateline-news/dateline"
)

// ExtractCase is one page of an extract manifest (DESIGN.md, "Evaluation"):
// a JSONL line {"html", "url", "body"?, "with"?, "without"?, "title"?,
// "date"?, "author"?}.
type ExtractCase struct {
	HTML    string        `json:"html"` // path relative to the manifest; may end in .gz
	URL     string        `json:"url,omitempty"`
	Body    *string       `json:"body,omitempty"`    // gold main text
	With    []string      `json:"with,omitempty"`    // snippets that must appear
	Without []string      `json:"without,omitempty"` // snippets that must not appear
	Title   string        `json:"title,omitempty"`
	Date    string        `json:"date,omitempty"` // YYYY-MM-DD
	Author  ExtractAuthor `json:"author,omitempty"`
	Line    int           `json:"-"` // line number in the manifest
}

// ExtractAuthor is the gold author of a page: a JSON string, or a list of
// names (joined with "; ").
type ExtractAuthor string

// UnmarshalJSON accepts a string or a list of strings.
func (a *ExtractAuthor) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*a = ExtractAuthor(s)
		return nil
	}
	var l []string
	if err := json.Unmarshal(b, &l); err != nil {
		return fmt.Errorf("author: want a string or a list of strings")
	}
	*a = ExtractAuthor(strings.Join(l, "; "))
	return nil
}

// ExtractPrediction is the system's output for one page, as written by
// --predictions.
type ExtractPrediction struct {
	HTML   string `json:"html"`
	Body   string `json:"body"`
	Title  string `json:"title"`
	Date   string `json:"date"`
	Author string `json:"author"`
}

// ExtractMetrics are the scores of `dateline eval extract`. Fractions are
// in [0, 1]; a field is omitted when no page has the gold it needs.
type ExtractMetrics struct {
	Pages  int `json:"pages"`
	Failed int `json:"failed"` // pages the extractor refused; scored as empty output

	BodyF1    *float64 `json:"body_f1,omitempty"` // mean per-page F1 over sets of 4-token shingles
	BodyPages int      `json:"body_pages"`

	SnippetPrecision float64 `json:"snippet_precision"`
	SnippetRecall    float64 `json:"snippet_recall"`
	SnippetF1        float64 `json:"snippet_f1"`
	SnippetAccuracy  float64 `json:"snippet_accuracy"`
	SnippetTP        int     `json:"snippet_tp"` // "with" snippets found
	SnippetFN        int     `json:"snippet_fn"` // "with" snippets missing
	SnippetFP        int     `json:"snippet_fp"` // "without" snippets found
	SnippetTN        int     `json:"snippet_tn"` // "without" snippets absent

	TitleAcc    *float64 `json:"title_acc,omitempty"`
	TitlePages  int      `json:"title_pages"`
	DateAcc     *float64 `json:"date_acc,omitempty"`
	DatePages   int      `json:"date_pages"`
	AuthorAcc   *float64 `json:"author_acc,omitempty"`
	AuthorPages int      `json:"author_pages"`

	// MsPerPage is the CPU time the process spent per page (user + system,
	// all threads, so reading and gunzipping pages and garbage collection
	// included): the cost of a page on one core, whatever the number of
	// workers and whatever else runs on the machine. Where the platform
	// does not report CPU time it is ElapsedMsPerPage.
	MsPerPage float64 `json:"ms_per_page"`
	// ElapsedMsPerPage is the mean wall-clock time of one extraction inside
	// its worker; it grows when other processes compete for the cores.
	ElapsedMsPerPage float64 `json:"elapsed_ms_per_page"`
	WallSeconds      float64 `json:"wall_seconds"`
	Workers          int     `json:"workers"`
}

// ExtractFunc runs the system on one page.
type ExtractFunc func(p *dateline.Page) (ExtractPrediction, error)

// ExtractConfig tunes ExtractEvaluate.
type ExtractConfig struct {
	Workers     int         // 0: runtime.GOMAXPROCS(0)
	Progress    func(n int) // called with 1 after each page; may be nil
	Predictions io.Writer   // JSONL predictions in manifest order; may be nil
	MaxBytes    int64       // limit on one decompressed page; 0: 64 MiB
}

// ExtractReadManifest reads a JSONL manifest. Blank lines are skipped; a
// malformed line is an error with its line number.
func ExtractReadManifest(r io.Reader) ([]ExtractCase, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 64<<20)
	var cases []ExtractCase
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		var c ExtractCase
		if err := json.Unmarshal(b, &c); err != nil {
			return nil, fmt.Errorf("%w: manifest line %d: %v", dateline.ErrInvalid, line, err)
		}
		if c.HTML == "" {
			return nil, fmt.Errorf("%w: manifest line %d: no \"html\" path", dateline.ErrInvalid, line)
		}
		c.Line = line
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read manifest: %w", err)
	}
	return cases, nil
}

// ExtractEvaluate runs fn over every case (pages read relative to dir) on a
// pool of workers and scores the output.
func ExtractEvaluate(ctx context.Context, dir string, cases []ExtractCase, fn ExtractFunc, cfg ExtractConfig) (ExtractMetrics, error) {
	workers := cfg.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	maxBytes := cfg.MaxBytes
	if maxBytes <= 0 {
		maxBytes = 64 << 20
	}
	type result struct {
		pred   ExtractPrediction
		failed bool
		dur    time.Duration
	}
	results := make([]result, len(cases))
	jobs := make(chan int)
	var wg sync.WaitGroup
	var ioErr error
	var errOnce sync.Once
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	start := time.Now()
	cpu0, cpuOK := extractCPUTime()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				c := cases[i]
				body, err := extractReadPage(filepath.Join(dir, filepath.FromSlash(c.HTML)), maxBytes)
				if err != nil {
					errOnce.Do(func() { ioErr = fmt.Errorf("manifest line %d: %w", c.Line, err); cancel() })
					continue
				}
				page := &dateline.Page{
					Source: dateline.SourceRef{Kind: "html", URL: c.URL, Path: c.HTML},
					Format: dateline.FormatHTML,
					Body:   body,
				}
				t0 := time.Now()
				pred, err := fn(page)
				r := result{pred: pred, dur: time.Since(t0)}
				if err != nil {
					r.failed = true
					r.pred = ExtractPrediction{}
				}
				r.pred.HTML = c.HTML
				results[i] = r
				if cfg.Progress != nil {
					cfg.Progress(1)
				}
			}
		}()
	}
feed:
	for i := range cases {
		select {
		case jobs <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	cpu1, _ := extractCPUTime()
	if ioErr != nil {
		return ExtractMetrics{}, ioErr
	}
	if err := ctx.Err(); err != nil {
		return ExtractMetrics{}, err
	}

	m := ExtractMetrics{Pages: len(cases), Workers: workers, WallSeconds: time.Since(start).Seconds()}
	var bodySum float64
	var titleOK, dateOK, authorOK int
	var total time.Duration
	for i, c := range cases {
		r := results[i]
		total += r.dur
		if r.failed {
			m.Failed++
		}
		out := ExtractNormSpace(r.pred.Body)
		for _, s := range c.With {
			if out != "" && strings.Contains(out, ExtractNormSpace(s)) {
				m.SnippetTP++
			} else {
				m.SnippetFN++
			}
		}
		for _, s := range c.Without {
			if out != "" && strings.Contains(out, ExtractNormSpace(s)) {
				m.SnippetFP++
			} else {
				m.SnippetTN++
			}
		}
		if c.Body != nil {
			m.BodyPages++
			bodySum += ExtractShingleF1(*c.Body, r.pred.Body)
		}
		if c.Title != "" {
			m.TitlePages++
			if ExtractNormTitle(c.Title) == ExtractNormTitle(r.pred.Title) {
				titleOK++
			}
		}
		if c.Date != "" {
			m.DatePages++
			if strings.TrimSpace(c.Date) == r.pred.Date {
				dateOK++
			}
		}
		if c.Author != "" {
			m.AuthorPages++
			if ExtractNormAuthor(string(c.Author)) == ExtractNormAuthor(r.pred.Author) {
				authorOK++
			}
		}
	}
	tp, fn_, fp, tn := float64(m.SnippetTP), float64(m.SnippetFN), float64(m.SnippetFP), float64(m.SnippetTN)
	m.SnippetPrecision = extractRatio(tp, tp+fp)
	m.SnippetRecall = extractRatio(tp, tp+fn_)
	m.SnippetF1 = extractRatio(2*m.SnippetPrecision*m.SnippetRecall, m.SnippetPrecision+m.SnippetRecall)
	m.SnippetAccuracy = extractRatio(tp+tn, tp+tn+fp+fn_)
	if m.BodyPages > 0 {
		m.BodyF1 = extractPtr(bodySum / float64(m.BodyPages))
	}
	if m.TitlePages > 0 {
		m.TitleAcc = extractPtr(float64(titleOK) / float64(m.TitlePages))
	}
	if m.DatePages > 0 {
		m.DateAcc = extractPtr(float64(dateOK) / float64(m.DatePages))
	}
	if m.AuthorPages > 0 {
		m.AuthorAcc = extractPtr(float64(authorOK) / float64(m.AuthorPages))
	}
	if m.Pages > 0 {
		m.ElapsedMsPerPage = float64(total.Microseconds()) / 1000 / float64(m.Pages)
		m.MsPerPage = m.ElapsedMsPerPage
		if cpuOK {
			m.MsPerPage = float64((cpu1 - cpu0).Microseconds()) / 1000 / float64(m.Pages)
		}
	}
	if cfg.Predictions != nil {
		enc := json.NewEncoder(cfg.Predictions)
		enc.SetEscapeHTML(false)
		for _, r := range results {
			if err := enc.Encode(r.pred); err != nil {
				return m, fmt.Errorf("write predictions: %w", err)
			}
		}
	}
	return m, nil
}

func extractRatio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

func extractPtr(f float64) *float64 { return &f }

// extractReadPage reads a page, gunzipping a .gz file, up to max bytes.
func extractReadPage(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		defer zr.Close()
		r = zr
	}
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("%s: %w: over %d bytes", path, dateline.ErrTooLarge, max)
	}
	return b, nil
}

// ExtractFromDocument turns an extracted document into a prediction: the
// body is the text of the report's own blocks (paragraphs, headings, deck,
// captions), without the title, byline, credits and boilerplate; the date
// is the publication day in the page's own time zone.
func ExtractFromDocument(doc *dateline.Document) ExtractPrediction {
	var sb strings.Builder
	for _, b := range doc.Blocks {
		switch b.Kind {
		case dateline.BlockTitle, dateline.BlockByline, dateline.BlockBoilerplate, dateline.BlockCredit:
			continue
		}
		if sb.Len() > 0 {
			sb.WriteString("\n")
		}
		sb.WriteString(b.In(doc.Text))
	}
	p := ExtractPrediction{Body: sb.String(), Title: doc.Title, Author: doc.Byline}
	if !doc.Published.IsZero() {
		p.Date = doc.Published.Format("2006-01-02")
	}
	return p
}

// ExtractNormSpace collapses runs of white space to one space and trims.
func ExtractNormSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// ExtractNormTitle normalises a title for exact comparison: case folded,
// typographic quotes and dashes made plain, spaces collapsed, surrounding
// punctuation trimmed.
func ExtractNormTitle(s string) string {
	s = strings.NewReplacer("’", "'", "‘", "'", "“", "\"", "”", "\"", "„", "\"", "«", "\"", "»", "\"",
		"–", "-", "—", "-", "\u00a0", " ").Replace(s)
	s = strings.ToLower(ExtractNormSpace(s))
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
}

// ExtractNormAuthor normalises an author list for exact comparison: names
// split on ";", ",", "&", " and ", " und ", each normalised like a title,
// in their original order.
func ExtractNormAuthor(s string) string {
	s = strings.NewReplacer(";", "|", ",", "|", "&", "|", " and ", "|", " und ", "|", " et ", "|").Replace(s)
	var names []string
	for _, n := range strings.Split(s, "|") {
		if n = ExtractNormTitle(n); n != "" {
			names = append(names, n)
		}
	}
	return strings.Join(names, "; ")
}

// ExtractShingleF1 is the F1 of the sets of 4-token shingles of two texts
// (tokens split on white space, case kept). Texts shorter than 4 tokens are
// one shingle; two empty texts score 1.
func ExtractShingleF1(gold, pred string) float64 {
	g, p := extractShingles(gold), extractShingles(pred)
	if len(g) == 0 && len(p) == 0 {
		return 1
	}
	if len(g) == 0 || len(p) == 0 {
		return 0
	}
	common := 0
	for s := range p {
		if g[s] {
			common++
		}
	}
	prec := float64(common) / float64(len(p))
	rec := float64(common) / float64(len(g))
	return extractRatio(2*prec*rec, prec+rec)
}

func extractShingles(s string) map[string]bool {
	toks := strings.Fields(s)
	out := map[string]bool{}
	if len(toks) == 0 {
		return out
	}
	if len(toks) < 4 {
		out[strings.Join(toks, " ")] = true
		return out
	}
	for i := 0; i+4 <= len(toks); i++ {
		out[strings.Join(toks[i:i+4], " ")] = true
	}
	return out
}

// extractErrNoCases is returned for a manifest without pages.
var extractErrNoCases = errors.New("manifest has no pages")

// ExtractRunManifest reads the manifest at path and evaluates fn on it.
func ExtractRunManifest(ctx context.Context, path string, fn ExtractFunc, cfg ExtractConfig) (ExtractMetrics, error) {
	f, err := os.Open(path)
	if err != nil {
		return ExtractMetrics{}, err
	}
	cases, err := ExtractReadManifest(f)
	f.Close()
	if err != nil {
		return ExtractMetrics{}, err
	}
	if len(cases) == 0 {
		return ExtractMetrics{}, fmt.Errorf("%s: %w", path, extractErrNoCases)
	}
	return ExtractEvaluate(ctx, filepath.Dir(path), cases, fn, cfg)
}
