package dateline

import "time"

// Page formats.
const (
	FormatHTML = "html"
	FormatText = "text"
)

// Page is one report as intake found it, before the article layer extracts
// its text: the bytes of a page or a plain-text report, and whatever metadata
// its container (feed entry, JSONL line, WARC headers, HTTP response) gave.
type Page struct {
	Source    SourceRef
	Format    string    // FormatHTML or FormatText
	Body      []byte    // text: UTF-8 (intake decodes other charsets); HTML: raw bytes
	Charset   string    // HTML: the charset the container declared, if any
	Title     string    // from the container, if any
	Byline    string    // from the container, if any
	Published time.Time // from the container, if any
	Diags     []Diagnostic
}
