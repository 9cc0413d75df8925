package intake

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/dateline-news/dateline"
)

// maxByteDiags bounds the per-byte diagnostics of one text; a summary
// diagnostic counts the rest.
const maxByteDiags = 20

// textPage decodes a plain-text report.
func textPage(src source, data []byte) (*dateline.Page, error) {
	body, diags, err := DecodeText(data, charsetParam(src.contentType))
	if err != nil {
		return nil, newError(kindOf(err), src.name, "", nil, "%s", err.Error())
	}
	return &dateline.Page{
		Source: src.ref(FormatText),
		Format: dateline.FormatText,
		Body:   body,
		Diags:  diags,
	}, nil
}

// textError is a reason a text is no report.
type textError struct {
	kind error
	msg  string
}

func (e *textError) Error() string { return e.msg }
func (e *textError) Unwrap() error { return e.kind }

func kindOf(err error) error {
	if te, ok := err.(*textError); ok {
		return te.kind
	}
	return dateline.ErrInvalid
}

// DecodeText turns the bytes of a plain-text report into UTF-8. The charset
// is taken, in order, from a byte-order mark, from label (an HTTP or
// container charset, may be ""), from the bytes being valid UTF-8, from
// BOM-less UTF-16 patterns, and else guessed: UTF-8 with a few damaged bytes
// (each replaced by U+FFFD with a diagnostic at its byte offset) or
// windows-1252 (a diagnostic says so). Empty and binary inputs are errors
// wrapping dateline.ErrInvalid and dateline.ErrUnsupported.
func DecodeText(data []byte, label string) ([]byte, []dateline.Diagnostic, error) {
	var diags []dateline.Diagnostic
	note := func(sev dateline.Severity, start, end int, format string, args ...any) {
		diags = append(diags, dateline.Diagnostic{
			Span:     dateline.Span{Start: clamp32(start), End: clamp32(end)},
			Pass:     pass,
			Severity: sev,
			Message:  fmt.Sprintf(format, args...),
		})
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil, &textError{dateline.ErrInvalid, "empty file"}
	}
	switch {
	case bytes.HasPrefix(data, utf8BOM):
		data = data[len(utf8BOM):]
		label = "utf-8"
	case len(data) >= 2 && data[0] == 0xFF && data[1] == 0xFE:
		return decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "UTF-16LE", data, diags, note)
	case len(data) >= 2 && data[0] == 0xFE && data[1] == 0xFF:
		return decodeWith(unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "UTF-16BE", data, diags, note)
	}
	if label != "" && !strings.EqualFold(label, "utf-8") && !strings.EqualFold(label, "utf8") {
		if enc, name := charset.Lookup(label); enc != nil && name != "utf-8" {
			return decodeWith(enc, name, data, diags, note)
		}
		note(dateline.SevInfo, 0, 0, "unknown charset %q; detecting", label)
	}
	head := data[:min(len(data), sniffLen)]
	if g := guessUTF16(head); g != "" {
		order := unicode.LittleEndian
		if g == "utf-16be" {
			order = unicode.BigEndian
		}
		note(dateline.SevInfo, 0, 0, "no byte-order mark; decoded as %s from its NUL byte pattern", strings.ToUpper(g))
		return decodeWith(unicode.UTF16(order, unicode.IgnoreBOM), g, data, diags, note)
	}
	if isBinary(head) || bytes.IndexByte(data, 0) >= 0 {
		return nil, nil, &textError{dateline.ErrUnsupported, describeBinary(data[:min(len(data), sniffLen)]) + ", not a report"}
	}
	if utf8.Valid(data) {
		return data, diags, nil
	}
	valid, invalid := utf8Stats(data)
	// Legacy 8-bit text almost never holds a valid UTF-8 multi-byte sequence
	// by accident ("Ã©" in windows-1252), so a few valid ones mean UTF-8
	// with damage: keep it, mark each bad byte.
	if label == "utf-8" || (valid > 0 && valid*4 >= invalid) {
		out := repairUTF8(data, note)
		return out, diags, nil
	}
	note(dateline.SevInfo, 0, 0, "not UTF-8 (%d invalid bytes at the first at offset %d); decoded as windows-1252", invalid, firstInvalid(data))
	return decodeWith(charmap.Windows1252, "windows-1252", data, diags, note)
}

type noteFunc = func(sev dateline.Severity, start, end int, format string, args ...any)

func decodeWith(enc encoding.Encoding, name string, data []byte, diags []dateline.Diagnostic, note noteFunc) ([]byte, []dateline.Diagnostic, error) {
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, nil, &textError{dateline.ErrInvalid, fmt.Sprintf("cannot decode as %s: %v", name, err)}
	}
	if bytes.IndexByte(out, 0) >= 0 {
		return nil, nil, &textError{dateline.ErrUnsupported, fmt.Sprintf("binary file (NUL characters after decoding as %s), not a report", name)}
	}
	if !utf8.Valid(out) { // decoders emit U+FFFD; this is belt and braces
		out = bytes.ToValidUTF8(out, []byte("\uFFFD"))
	}
	if n := bytes.Count(out, []byte("\uFFFD")) - bytes.Count(data, []byte("\uFFFD")); n > 0 && name != "windows-1252" {
		note(dateline.SevWarning, 0, len(data), "%d characters could not be decoded as %s and became U+FFFD", n, name)
	}
	if len(out) == 0 || len(bytes.TrimSpace(out)) == 0 {
		return nil, nil, &textError{dateline.ErrInvalid, "empty file"}
	}
	return out, diags, nil
}

// utf8Stats counts valid multi-byte sequences and invalid bytes.
func utf8Stats(data []byte) (validMulti, invalid int) {
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			invalid++
		} else {
			validMulti++
		}
		i += n
	}
	return validMulti, invalid
}

func firstInvalid(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// repairUTF8 replaces each maximal run of invalid bytes with one U+FFFD and
// records a diagnostic with the run's byte offsets in the input.
func repairUTF8(data []byte, note noteFunc) []byte {
	out := make([]byte, 0, len(data)+16)
	runs := 0
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r != utf8.RuneError || n != 1 {
			out = append(out, data[i:i+n]...)
			i += n
			continue
		}
		j := i + 1
		for j < len(data) {
			r2, n2 := utf8.DecodeRune(data[j:])
			if r2 != utf8.RuneError || n2 != 1 {
				break
			}
			j++
		}
		out = append(out, "\uFFFD"...)
		runs++
		if runs <= maxByteDiags {
			note(dateline.SevWarning, i, j, "invalid UTF-8 at input bytes %d-%d replaced by U+FFFD", i, j)
		}
		i = j
	}
	if runs > maxByteDiags {
		note(dateline.SevWarning, 0, len(data), "%d more runs of invalid UTF-8 replaced by U+FFFD", runs-maxByteDiags)
	}
	return out
}

func clamp32(n int) int32 {
	if n > 1<<31-1 {
		return 1<<31 - 1
	}
	if n < 0 {
		return 0
	}
	return int32(n)
}

// charsetParam returns the charset parameter of a Content-Type, or "".
func charsetParam(contentType string) string {
	if contentType == "" {
		return ""
	}
	for _, part := range strings.Split(contentType, ";")[1:] {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if ok && strings.EqualFold(strings.TrimSpace(k), "charset") {
			return strings.ToLower(strings.Trim(strings.TrimSpace(v), `"'`))
		}
	}
	return ""
}

// htmlCharset names the charset an HTML page declares: the HTTP header's,
// else a byte-order mark's, else its <meta> element's; "" when none.
func htmlCharset(data []byte, contentType string) string {
	if cs := charsetParam(contentType); cs != "" {
		if _, name := charset.Lookup(cs); name != "" {
			return name
		}
		return cs
	}
	switch {
	case bytes.HasPrefix(data, utf8BOM):
		return "utf-8"
	case len(data) >= 2 && data[0] == 0xFF && data[1] == 0xFE:
		return "utf-16le"
	case len(data) >= 2 && data[0] == 0xFE && data[1] == 0xFF:
		return "utf-16be"
	}
	// The <meta charset> or http-equiv declaration, within the first 1024
	// bytes as the HTML standard's prescan looks.
	m := metaCharset.FindSubmatch(data[:min(len(data), 1024)])
	if m == nil {
		return ""
	}
	if _, name := charset.Lookup(string(m[1])); name != "" {
		return name
	}
	return strings.ToLower(string(m[1]))
}

var metaCharset = regexp.MustCompile(`(?i)<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)`)
