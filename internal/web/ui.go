package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dateline-news/dateline"
)

// page is what every template gets.
type page struct {
	Title   string
	Query   string
	Version string
	CSS     string // versioned asset URLs
	JS      string
	Icon    string
	Body    any
}

// parsePages parses the embedded templates once: each page is the layout
// plus its own template.
func (s *server) parsePages() map[string]*template.Template {
	funcs := template.FuncMap{
		"date":    fmtDate,
		"iso":     func(t time.Time) string { return t.Format(time.RFC3339) },
		"plural":  plural,
		"docPath": func(id dateline.DocID) string { return "/doc/" + url.PathEscape(string(id)) },
	}
	base := template.Must(template.New("layout.html").Funcs(funcs).ParseFS(assets, "templates/layout.html", "templates/nodes.html"))
	out := make(map[string]*template.Template)
	names, err := fs.Glob(assets, "templates/*.html")
	if err != nil {
		panic(err) // a constant pattern
	}
	for _, name := range names {
		short := strings.TrimPrefix(name, "templates/")
		if short == "layout.html" || short == "nodes.html" {
			continue
		}
		out[strings.TrimSuffix(short, ".html")] = template.Must(template.Must(base.Clone()).ParseFS(assets, name))
	}
	return out
}

// render executes a page into a buffer first, so that a template failure
// becomes a clean error page rather than half a page.
func (s *server) render(w http.ResponseWriter, r *http.Request, status int, name, title string, body any) {
	p := page{
		Title: title, Query: "", Version: s.opts.Version,
		CSS: s.assetURL("style.css"), JS: s.assetURL("app.js"), Icon: s.assetURL("icon.svg"),
		Body: body,
	}
	if lp, ok := body.(*listPage); ok {
		p.Query = lp.Query
	}
	var buf bytes.Buffer
	if err := s.pages[name].Execute(&buf, p); err != nil {
		s.log.Error("web: template failed", "page", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	h.Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// errorPage is the body of the error page.
type errorPage struct {
	Status  int
	Kind    string
	Message string
}

// uiError answers with the HTML error page for err.
func (s *server) uiError(w http.ResponseWriter, r *http.Request, err error) {
	status, kind, msg := classify(err)
	s.logFailure(r, status, err)
	s.render(w, r, status, "error", http.StatusText(status), errorPage{Status: status, Kind: kind, Message: msg})
}

// listPage is the body of the document list.
type listPage struct {
	Query   string
	Page    int
	Total   int // when listing
	Results []listItem
	Prev    string // URLs, "" when none
	Next    string
	First   int // 1-based rank of the first result
}

type listItem struct {
	dateline.DocSummary
	Snippet []snippetPart
}

// snippetPart is a piece of a search snippet; Hit marks a query term.
type snippetPart struct {
	Text string
	Hit  bool
}

func (s *server) uiList(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	q, err := parseQuery(v.Get("q"))
	if err != nil {
		s.uiError(w, r, err)
		return
	}
	pageNo, err := s.pageParam(r)
	if err != nil {
		s.uiError(w, r, err)
		return
	}
	p := listParams{Query: q, Limit: s.opts.PageSize, Offset: (pageNo - 1) * s.opts.PageSize}
	docs, more, err := s.fetchPage(r, p)
	if err != nil {
		s.uiError(w, r, err)
		return
	}
	body := &listPage{Query: q, Page: pageNo, First: p.Offset + 1}
	if q == "" {
		ctx, cancel := s.storeContext(r)
		body.Total, err = s.store.CountDocuments(ctx)
		cancel()
		if err != nil {
			s.uiError(w, r, err)
			return
		}
	}
	hl := termMatcher(q)
	for _, d := range docs {
		body.Results = append(body.Results, listItem{DocSummary: d, Snippet: splitSnippet(shorten(d.Snippet, 300), hl)})
	}
	if pageNo > 1 {
		body.Prev = listURL(q, pageNo-1)
	}
	if more {
		body.Next = listURL(q, pageNo+1)
	}
	title := "Documents"
	if q != "" {
		title = "Search: " + q
	}
	s.render(w, r, http.StatusOK, "list", title, body)
}

func listURL(q string, pageNo int) string {
	v := url.Values{}
	if q != "" {
		v.Set("q", q)
	}
	if pageNo > 1 {
		v.Set("page", strconv.Itoa(pageNo))
	}
	if len(v) == 0 {
		return "/"
	}
	return "/?" + v.Encode()
}

// termMatcher returns a case-insensitive matcher for the words of a
// full-text query (operators and punctuation dropped), or nil.
func termMatcher(q string) *regexp.Regexp {
	var terms []string
	for _, f := range strings.FieldsFunc(q, func(c rune) bool {
		return !(c == '-' || c == '\'' || c == '’' || isWordRune(c))
	}) {
		switch f {
		case "AND", "OR", "NOT", "NEAR":
			continue
		}
		if utf8.RuneCountInString(f) >= 2 && len(terms) < 8 {
			terms = append(terms, regexp.QuoteMeta(f))
		}
	}
	if len(terms) == 0 {
		return nil
	}
	re, err := regexp.Compile(`(?i)` + strings.Join(terms, "|"))
	if err != nil {
		return nil
	}
	return re
}

func isWordRune(c rune) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c > 0x7f && c != '“' && c != '”' && c != '‘'
}

// splitSnippet cuts a snippet into plain and matching parts.
func splitSnippet(t string, re *regexp.Regexp) []snippetPart {
	if t == "" {
		return nil
	}
	if re == nil {
		return []snippetPart{{Text: t}}
	}
	var out []snippetPart
	pos := 0
	for _, m := range re.FindAllStringIndex(t, 50) {
		if m[0] > pos {
			out = append(out, snippetPart{Text: t[pos:m[0]]})
		}
		out = append(out, snippetPart{Text: t[m[0]:m[1]], Hit: true})
		pos = m[1]
	}
	if pos < len(t) {
		out = append(out, snippetPart{Text: t[pos:]})
	}
	return out
}

func fmtDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return t.Format("2006-01-02")
	}
	return t.Format("2006-01-02 15:04 MST")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
