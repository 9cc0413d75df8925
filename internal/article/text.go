package article

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dateline-news/dateline"
	"golang.org/x/text/unicode/norm"
)

// fromText reads a plain-text report. Every line is a block, except in
// hard-wrapped text (paragraphs of several short lines separated by blank
// lines), where the lines of a paragraph are joined.
func fromText(p *dateline.Page, opt Options) (*source, error) {
	body := p.Body
	src := &source{}
	if max := opt.maxBytes(); len(body) > max {
		cut := max
		if i := lastIndexByte(body[:max], '\n'); i > 0 {
			cut = i
		}
		body = body[:cut]
		src.diags = append(src.diags, dateline.Diagnostic{Pass: Pass, Severity: dateline.SevWarning,
			Message: fmt.Sprintf("text longer than %d bytes: cut after byte %d", max, cut)})
	}
	text, err := decodeText(body, src)
	if err != nil {
		return nil, err
	}
	src.blocks = textBlocks(text)
	return src, nil
}

func lastIndexByte(b []byte, c byte) int {
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] == c {
			return i
		}
	}
	return -1
}

// decodeText checks that body is text, repairs invalid UTF-8 (with a
// diagnostic), drops a BOM and control characters, and normalises to NFC.
func decodeText(body []byte, src *source) (string, error) {
	if len(body) >= 3 && body[0] == 0xEF && body[1] == 0xBB && body[2] == 0xBF {
		body = body[3:]
	}
	if looksBinary(body) {
		return "", fmt.Errorf("%w: %w", dateline.ErrInvalid, errBinary)
	}
	s := string(body)
	if !utf8.ValidString(s) {
		bad := 0
		for i := 0; i < len(s); {
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 {
				bad++
			}
			i += n
		}
		src.diags = append(src.diags, dateline.Diagnostic{Pass: Pass, Severity: dateline.SevWarning,
			Message: fmt.Sprintf("%d invalid UTF-8 bytes replaced with U+FFFD", bad)})
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r == '\r' || r == '\v' || r == '\f' || r == '\u2028' || r == '\u2029' || r == '\u0085':
			return '\n'
		case r == '\u00AD' || r == '\u200B' || r == '\uFEFF':
			return -1 // soft hyphen, zero-width space, stray BOM
		case unicode.IsControl(r):
			return ' '
		}
		return r
	}, s)
	return norm.NFC.String(s), nil
}

// looksBinary reports whether b is not text: NUL bytes, or many control
// bytes or invalid UTF-8 sequences in its first 8 KiB.
func looksBinary(b []byte) bool {
	if len(b) > 8192 {
		b = b[:8192]
	}
	if len(b) == 0 {
		return false
	}
	bad := 0
	for i := 0; i < len(b); {
		c := b[i]
		if c == 0 {
			return true
		}
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b {
			bad++
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 && len(b)-i >= utf8.UTFMax {
			bad++
		}
		i += n
	}
	return bad*10 > len(b) // over 10% junk
}

// textBlocks splits text into blocks: lines, or joined paragraphs when the
// text is hard-wrapped.
func textBlocks(text string) []rawBlock {
	lines := strings.Split(text, "\n")
	// Paragraphs: runs of non-blank lines.
	var paras [][]string
	var cur []string
	for _, l := range lines {
		l = strings.Join(strings.Fields(l), " ")
		if l == "" {
			if len(cur) > 0 {
				paras = append(paras, cur)
				cur = nil
			}
			continue
		}
		cur = append(cur, l)
	}
	if len(cur) > 0 {
		paras = append(paras, cur)
	}
	wrapped := hardWrapped(paras)
	var out []rawBlock
	for _, p := range paras {
		if wrapped && len(p) > 1 {
			out = append(out, joinWrapped(p)...)
			continue
		}
		for _, l := range p {
			out = append(out, rawBlock{text: l})
		}
	}
	return out
}

// hardWrapped reports whether the text's line breaks are a fixed-width
// wrap: most multi-line paragraphs have lines of similar, moderate length
// that often end mid-sentence.
func hardWrapped(paras [][]string) bool {
	var lines, short, mid int
	maxLen := 0
	for _, p := range paras {
		if len(p) < 2 {
			continue
		}
		for i, l := range p {
			n := utf8.RuneCountInString(l)
			maxLen = max(maxLen, n)
			if i == len(p)-1 {
				continue
			}
			lines++
			if n < 30 {
				short++
			}
			if !endsSentence(l) {
				mid++
			}
		}
	}
	return lines >= 2 && maxLen <= 100 && short*4 < lines && mid*2 >= lines
}

// joinWrapped joins the lines of a wrapped paragraph. A short line that
// ends a sentence marks a paragraph break the text lost; a short first line
// without final punctuation is a title or heading of its own.
func joinWrapped(p []string) []rawBlock {
	width := 0
	for _, l := range p {
		width = max(width, utf8.RuneCountInString(l))
	}
	var out []rawBlock
	start := 0
	for i := 1; i < len(p); i++ {
		prev := p[i-1]
		n := utf8.RuneCountInString(prev)
		lost := endsSentence(prev) && n*3 < width*2
		head := i == 1 && !endsSentence(prev) && n*2 < width
		if lost || head {
			out = append(out, rawBlock{text: joinLines(p[start:i])})
			start = i
		}
	}
	return append(out, rawBlock{text: joinLines(p[start:])})
}

func joinLines(ls []string) string {
	var sb strings.Builder
	for i, l := range ls {
		if i > 0 && !strings.HasSuffix(ls[i-1], "-") {
			sb.WriteByte(' ')
		}
		sb.WriteString(l)
	}
	return sb.String()
}

// endsSentence reports whether s ends with sentence punctuation, possibly
// followed by closing quotes or brackets.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, " \"'”’»)]")
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '.', '!', '?', '…', ':', ';':
		return true
	}
	return false
}
