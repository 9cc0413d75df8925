package ner

import (
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/dateline-news/dateline"
)

// testDoc builds a document from text the way the segment pass would, well
// enough for these tests: one block per line (short lines without final
// punctuation are headings), sentences ending at . ? !, tokens split at
// spaces and punctuation, keeping abbreviations such as U.S. and splitting
// the possessive ’s.
func testDoc(text string) *dateline.Document {
	doc := &dateline.Document{Text: text}
	pos := 0
	for _, line := range strings.SplitAfter(text, "\n") {
		body := strings.TrimRight(line, "\n")
		start := pos
		pos += len(line)
		if strings.TrimSpace(body) == "" {
			continue
		}
		kind := dateline.BlockParagraph
		if len(body) < 60 && !strings.ContainsAny(body[len(body)-1:], ".?!\"”") {
			kind = dateline.BlockHeading
		}
		doc.Blocks = append(doc.Blocks, dateline.Block{Span: dateline.Span{Start: int32(start), End: int32(start + len(body))}, Kind: kind})
		sentStart := len(doc.Tokens)
		for _, sp := range testTokens(body) {
			doc.Tokens = append(doc.Tokens, dateline.Token{Span: dateline.Span{Start: int32(start + sp[0]), End: int32(start + sp[1])}, Head: -1})
			w := body[sp[0]:sp[1]]
			if w == "." || w == "?" || w == "!" {
				addSentence(doc, sentStart)
				sentStart = len(doc.Tokens)
			}
		}
		addSentence(doc, sentStart)
	}
	return doc
}

func addSentence(doc *dateline.Document, first int) {
	if first == len(doc.Tokens) {
		return
	}
	doc.Sentences = append(doc.Sentences, dateline.Sentence{
		Span:   dateline.Span{Start: doc.Tokens[first].Start, End: doc.Tokens[len(doc.Tokens)-1].End},
		Tokens: [2]int32{int32(first), int32(len(doc.Tokens))},
	})
}

func testTokens(s string) [][2]int {
	var out [][2]int
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		j := i
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += n
		}
		out = append(out, splitWord(s, i, j)...)
		i = j
	}
	return out
}

// splitWord splits leading and trailing punctuation and a possessive off
// the word s[i:j].
func splitWord(s string, i, j int) [][2]int {
	var pre, post [][2]int
	for i < j {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			break
		}
		pre = append(pre, [2]int{i, i + n})
		i += n
	}
	for j > i {
		r, n := utf8.DecodeLastRuneInString(s[i:j])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			break
		}
		if r == '.' && strings.Count(s[i:j], ".") > 1 { // U.S.
			break
		}
		post = append([][2]int{{j - n, j}}, post...)
		j -= n
	}
	mid := [][2]int{}
	if i < j {
		w := s[i:j]
		if k := strings.LastIndex(w, "’s"); k > 0 && k+len("’s") == len(w) {
			mid = append(mid, [2]int{i, i + k}, [2]int{i + k, j})
		} else if k := strings.LastIndex(w, "'s"); k > 0 && k+2 == len(w) {
			mid = append(mid, [2]int{i, i + k}, [2]int{i + k, j})
		} else {
			mid = append(mid, [2]int{i, j})
		}
	}
	return append(append(pre, mid...), post...)
}

var (
	loadOnce sync.Once
	loaded   *Recognizer
	loadErr  error
)

func recognizer(t testing.TB) *Recognizer {
	t.Helper()
	loadOnce.Do(func() { loaded, loadErr = Load() })
	if loadErr != nil {
		t.Fatal(loadErr)
	}
	return loaded
}
