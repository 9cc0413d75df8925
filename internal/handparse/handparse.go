// Package handparse builds one-sentence documents from hand-written
// dependency parses, for the tests of the passes that read parses (event,
// quote): they check that two tree shapes of one sentence, as two parsers
// give them, are read alike.
package handparse

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dateline-news/dateline"
)

// Doc builds a one-sentence document from rows, one token per line:
//
//	form lemma UPOS[/XPOS] head dep [mention-type actor-code]
//
// with 1-based heads (0 for the root). Tokens are joined by single spaces
// into the text, which is one paragraph. A row with a mention type and an
// actor code makes the token a mention of a new document actor with that
// code. Blank lines are skipped.
func Doc(rows string) (*dateline.Document, error) {
	doc := &dateline.Document{}
	var b strings.Builder
	for n, line := range strings.Split(rows, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if len(f) != 5 && len(f) != 7 {
			return nil, fmt.Errorf("line %d: %d fields in %q, want 5 or 7", n+1, len(f), line)
		}
		head, err := strconv.Atoi(f[3])
		if err != nil || head < 0 {
			return nil, fmt.Errorf("line %d: bad head %q", n+1, f[3])
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		start := int32(b.Len())
		b.WriteString(f[0])
		upos, xpos, _ := strings.Cut(f[2], "/") // "VERB/VBN": with the XPOS
		tok := dateline.Token{Span: dateline.Span{Start: start, End: int32(b.Len())},
			Lemma: f[1], UPOS: upos, XPOS: xpos, Head: int32(head - 1), Dep: f[4]}
		doc.Tokens = append(doc.Tokens, tok)
		if len(f) == 7 {
			doc.Mentions = append(doc.Mentions, dateline.Mention{Span: tok.Span, Type: f[5], Actor: len(doc.Actors)})
			doc.Actors = append(doc.Actors, dateline.DocActor{Name: f[0], Type: f[5], Code: f[6], Mentions: []int{len(doc.Mentions) - 1}})
		}
	}
	doc.Text = b.String()
	for i, t := range doc.Tokens {
		if int(t.Head) >= len(doc.Tokens) {
			return nil, fmt.Errorf("token %d (%q): head %d past the last token", i+1, doc.Text[t.Span.Start:t.Span.End], t.Head+1)
		}
	}
	all := dateline.Span{Start: 0, End: int32(len(doc.Text))}
	doc.Blocks = []dateline.Block{{Span: all, Kind: dateline.BlockParagraph}}
	doc.Sentences = []dateline.Sentence{{Span: all, Tokens: [2]int32{0, int32(len(doc.Tokens))}}}
	return doc, nil
}
