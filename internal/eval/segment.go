package eval

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/analyze"
)

// SegmentDoc is one document of a CoNLL-U file rebuilt as raw text, with
// its gold segmentation. Sentences of a paragraph are joined by a space (or
// nothing, when the last token of a sentence has SpaceAfter=No) and
// paragraphs by a blank line, so that "# newpar" and "# newdoc" markers
// become blocks.
type SegmentDoc struct {
	ID         string
	Text       string
	Paragraphs []dateline.Span
	Tokens     []dateline.Span // surface tokens: a multiword token ("don't") is one
	MultiWord  []dateline.Span // the surface tokens that are multiword tokens
	Words      []dateline.Span // syntactic words: do, n't
	Sentences  []dateline.Span
}

// ReadSegmentDocs reads a CoNLL-U file and rebuilds its documents from the
// "# text =" lines, the "# newdoc" and "# newpar" markers and the token
// forms. name is used in error messages. A token whose form does not match
// the sentence text is an error with its line number.
func ReadSegmentDocs(r io.Reader, name string) ([]SegmentDoc, error) {
	rd := segmentReader{name: name}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	for sc.Scan() {
		rd.line++
		if err := rd.feed(sc.Text()); err != nil {
			return nil, err
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, rd.line, err)
	}
	if err := rd.endSentence(); err != nil {
		return nil, err
	}
	rd.endDoc()
	return rd.docs, nil
}

type segmentToken struct {
	form    string
	words   []string // the word forms of a multiword token
	noSpace bool     // SpaceAfter=No
	line    int
}

type segmentReader struct {
	name string
	line int
	docs []SegmentDoc

	doc      SegmentDoc
	text     strings.Builder
	parStart int  // start of the open paragraph, -1 when none
	noSpace  bool // the last sentence ended with SpaceAfter=No

	// the sentence being read
	sentText  string
	hasText   bool
	pendingID string // the "# newdoc id" of the document the sentence opens
	newDoc    bool
	newPar    bool
	toks      []segmentToken
	mwtEnd    int // last word ID covered by the open multiword token
	started   bool
}

func (rd *segmentReader) feed(line string) error {
	if line == "" {
		return rd.endSentence()
	}
	rd.started = true
	if line[0] == '#' {
		key, val, _ := strings.Cut(strings.TrimSpace(line[1:]), "=")
		key = strings.TrimSpace(key)
		switch {
		case key == "text":
			rd.sentText, rd.hasText = strings.TrimSpace(val), true
		case strings.HasPrefix(key, "newdoc"):
			rd.newDoc, rd.newPar = true, true
			rd.pendingID = ""
			if key == "newdoc id" {
				rd.pendingID = strings.TrimSpace(val)
			}
		case strings.HasPrefix(key, "newpar"):
			rd.newPar = true
		}
		return nil
	}
	cols := strings.Split(line, "\t")
	if len(cols) != 10 {
		return fmt.Errorf("%s:%d: want 10 tab-separated columns, got %d", rd.name, rd.line, len(cols))
	}
	id, form, misc := cols[0], cols[1], cols[9]
	noSpace := segmentHasMisc(misc, "SpaceAfter=No")
	if a, b, ok := strings.Cut(id, "-"); ok {
		from, err1 := strconv.Atoi(a)
		to, err2 := strconv.Atoi(b)
		if err1 != nil || err2 != nil || to < from {
			return fmt.Errorf("%s:%d: bad multiword token ID %q", rd.name, rd.line, id)
		}
		rd.toks = append(rd.toks, segmentToken{form: form, noSpace: noSpace, line: rd.line, words: []string{}})
		rd.mwtEnd = to
		return nil
	}
	if strings.Contains(id, ".") {
		return nil // an empty node
	}
	n, err := strconv.Atoi(id)
	if err != nil {
		return fmt.Errorf("%s:%d: bad token ID %q", rd.name, rd.line, id)
	}
	if n <= rd.mwtEnd && len(rd.toks) > 0 {
		t := &rd.toks[len(rd.toks)-1]
		t.words = append(t.words, form)
		return nil
	}
	rd.toks = append(rd.toks, segmentToken{form: form, noSpace: noSpace, line: rd.line})
	return nil
}

func segmentHasMisc(misc, item string) bool {
	for _, m := range strings.Split(misc, "|") {
		if m == item {
			return true
		}
	}
	return false
}

func (rd *segmentReader) endSentence() error {
	if !rd.started {
		return nil
	}
	defer func() {
		rd.sentText, rd.hasText, rd.newDoc, rd.newPar = "", false, false, false
		rd.toks, rd.mwtEnd, rd.started = rd.toks[:0], 0, false
	}()
	if rd.newDoc {
		rd.endDoc()
		rd.doc.ID = rd.pendingID
	}
	if len(rd.toks) == 0 {
		return nil
	}
	if !rd.hasText {
		var b strings.Builder
		for _, t := range rd.toks {
			b.WriteString(t.form)
			if !t.noSpace {
				b.WriteByte(' ')
			}
		}
		rd.sentText = strings.TrimSpace(b.String())
	}
	switch {
	case rd.text.Len() == 0:
	case rd.newPar:
		rd.closePar()
		rd.text.WriteString("\n\n")
	case !rd.noSpace:
		rd.text.WriteByte(' ')
	}
	if rd.parStart < 0 || rd.text.Len() == 0 {
		rd.parStart = rd.text.Len()
	}
	base := rd.text.Len()
	rd.text.WriteString(rd.sentText)
	s := rd.sentText
	cur := 0
	for _, t := range rd.toks {
		for cur < len(s) && (s[cur] == ' ' || s[cur] == '\t') {
			cur++
		}
		if !strings.HasPrefix(s[cur:], t.form) {
			return fmt.Errorf("%s:%d: token %q does not match the sentence text at byte %d (%q)", rd.name, t.line, t.form, cur, segmentClip(s[cur:], 20))
		}
		span := dateline.Span{Start: int32(base + cur), End: int32(base + cur + len(t.form))}
		rd.doc.Tokens = append(rd.doc.Tokens, span)
		if t.words != nil {
			rd.doc.MultiWord = append(rd.doc.MultiWord, span)
			rd.doc.Words = append(rd.doc.Words, segmentSplitWords(span, t.words)...)
		} else {
			rd.doc.Words = append(rd.doc.Words, span)
		}
		cur += len(t.form)
	}
	first, last := rd.doc.Tokens[len(rd.doc.Tokens)-len(rd.toks)], rd.doc.Tokens[len(rd.doc.Tokens)-1]
	rd.doc.Sentences = append(rd.doc.Sentences, dateline.Span{Start: first.Start, End: last.End})
	rd.noSpace = rd.toks[len(rd.toks)-1].noSpace
	return nil
}

// segmentsplitWords gives each word of a multiword token its part of the token's
// span when the word forms spell the token (do + n't = don't); otherwise
// every word gets the whole span.
func segmentSplitWords(span dateline.Span, words []string) []dateline.Span {
	out := make([]dateline.Span, len(words))
	if strings.Join(words, "") != "" && int(span.Len()) == len(strings.Join(words, "")) {
		at := span.Start
		for i, w := range words {
			out[i] = dateline.Span{Start: at, End: at + int32(len(w))}
			at += int32(len(w))
		}
		return out
	}
	for i := range out {
		out[i] = span
	}
	return out
}

func segmentClip(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

func (rd *segmentReader) closePar() {
	if rd.parStart >= 0 && rd.text.Len() > rd.parStart {
		rd.doc.Paragraphs = append(rd.doc.Paragraphs, dateline.Span{Start: int32(rd.parStart), End: int32(rd.text.Len())})
	}
	rd.parStart = -1
}

func (rd *segmentReader) endDoc() {
	if rd.text.Len() == 0 {
		return
	}
	rd.closePar()
	rd.doc.Text = rd.text.String()
	if rd.doc.ID == "" {
		rd.doc.ID = fmt.Sprintf("%s#%d", rd.name, len(rd.docs)+1)
	}
	rd.docs = append(rd.docs, rd.doc)
	rd.doc = SegmentDoc{}
	rd.text.Reset()
	rd.noSpace = false
}

// SegmentResult is the score of a segmenter on gold documents. Token
// figures compare surface tokens (a multiword token counts once: predicted
// tokens that exactly tile it, like do + n't, match it); word figures
// compare syntactic words; a sentence matches when both its boundaries do.
type SegmentResult struct {
	TokenPrecision    float64 `json:"token_precision"`
	TokenRecall       float64 `json:"token_recall"`
	TokenF1           float64 `json:"token_f1"`
	WordPrecision     float64 `json:"word_precision"`
	WordRecall        float64 `json:"word_recall"`
	WordF1            float64 `json:"word_f1"`
	SentencePrecision float64 `json:"sentence_precision"`
	SentenceRecall    float64 `json:"sentence_recall"`
	SentenceF1        float64 `json:"sentence_f1"`
	TokensPerSec      float64 `json:"tokens_per_sec"`

	Documents        int `json:"documents"`
	Bytes            int `json:"bytes"`
	GoldTokens       int `json:"gold_tokens"`
	PredTokens       int `json:"pred_tokens"`
	MatchedTokens    int `json:"matched_tokens"`
	GoldWords        int `json:"gold_words"`
	PredWords        int `json:"pred_words"`
	MatchedWords     int `json:"matched_words"`
	GoldSentences    int `json:"gold_sentences"`
	PredSentences    int `json:"pred_sentences"`
	MatchedSentences int `json:"matched_sentences"`
}

// SegmentPrediction is what the segmenter produced for one document.
type SegmentPrediction struct {
	Doc       *SegmentDoc
	Tokens    []dateline.Token
	Sentences []dateline.Sentence
}

// SegmentScore runs pass over every document (its text with one paragraph
// block per gold paragraph) and scores the tokens and sentences it writes.
// Speed counts the time spent in pass.Run only. If keep is not nil it is
// called with each document's prediction.
func SegmentScore(ctx context.Context, pass analyze.Pass, docs []SegmentDoc, keep func(SegmentPrediction) error) (SegmentResult, error) {
	var res SegmentResult
	var elapsed time.Duration
	for i := range docs {
		d := &docs[i]
		doc := &dateline.Document{ID: dateline.DocID(d.ID), Text: d.Text}
		for _, p := range d.Paragraphs {
			doc.Blocks = append(doc.Blocks, dateline.Block{Span: p, Kind: dateline.BlockParagraph})
		}
		start := time.Now()
		if err := pass.Run(ctx, doc); err != nil {
			return res, fmt.Errorf("%s: %w", d.ID, err)
		}
		elapsed += time.Since(start)

		pred := make([]dateline.Span, len(doc.Tokens))
		for k, t := range doc.Tokens {
			pred[k] = t.Span
		}
		sents := make([]dateline.Span, len(doc.Sentences))
		for k, s := range doc.Sentences {
			sents[k] = s.Span
		}
		surface := segmentMergeMultiWord(pred, d.MultiWord)
		res.Documents++
		res.Bytes += len(d.Text)
		res.GoldTokens += len(d.Tokens)
		res.PredTokens += len(surface)
		res.MatchedTokens += segmentMatch(d.Tokens, surface)
		res.GoldWords += len(d.Words)
		res.PredWords += len(pred)
		res.MatchedWords += segmentMatch(d.Words, pred)
		res.GoldSentences += len(d.Sentences)
		res.PredSentences += len(sents)
		res.MatchedSentences += segmentMatch(d.Sentences, sents)
		if keep != nil {
			if err := keep(SegmentPrediction{Doc: d, Tokens: doc.Tokens, Sentences: doc.Sentences}); err != nil {
				return res, err
			}
		}
	}
	res.TokenPrecision, res.TokenRecall, res.TokenF1 = segmentPRF(res.MatchedTokens, res.PredTokens, res.GoldTokens)
	res.WordPrecision, res.WordRecall, res.WordF1 = segmentPRF(res.MatchedWords, res.PredWords, res.GoldWords)
	res.SentencePrecision, res.SentenceRecall, res.SentenceF1 = segmentPRF(res.MatchedSentences, res.PredSentences, res.GoldSentences)
	if s := elapsed.Seconds(); s > 0 {
		res.TokensPerSec = float64(res.PredWords) / s
	}
	return res, nil
}

// segmentmergeMultiWord replaces each run of predicted spans that exactly and
// contiguously tiles a gold multiword token by the token's span. Both lists
// are sorted.
func segmentMergeMultiWord(pred, mwt []dateline.Span) []dateline.Span {
	if len(mwt) == 0 {
		return pred
	}
	out := make([]dateline.Span, 0, len(pred))
	m := 0
	for p := 0; p < len(pred); p++ {
		for m < len(mwt) && mwt[m].Start < pred[p].Start {
			m++
		}
		if m < len(mwt) && mwt[m].Start == pred[p].Start {
			q := p
			for q+1 < len(pred) && pred[q].End < mwt[m].End && pred[q+1].Start == pred[q].End {
				q++
			}
			if q > p && pred[q].End == mwt[m].End {
				out = append(out, mwt[m])
				p = q
				continue
			}
		}
		out = append(out, pred[p])
	}
	return out
}

// segmentmatchSpans counts the spans present in both sorted lists.
func segmentMatch(gold, pred []dateline.Span) int {
	n, i, j := 0, 0, 0
	for i < len(gold) && j < len(pred) {
		g, p := gold[i], pred[j]
		switch {
		case g == p:
			n++
			i++
			j++
		case g.Start < p.Start || g.Start == p.Start && g.End < p.End:
			i++
		default:
			j++
		}
	}
	return n
}

func segmentPRF(match, pred, gold int) (p, r, f float64) {
	if pred > 0 {
		p = float64(match) / float64(pred)
	}
	if gold > 0 {
		r = float64(match) / float64(gold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// WriteSegmentCoNLLU writes a prediction as CoNLL-U: one sentence per
// predicted sentence, "# text =" and the token forms, SpaceAfter=No where
// the next token follows without space, "# newdoc" and "# newpar" markers.
// Only ID, FORM and MISC are filled.
func WriteSegmentCoNLLU(w io.Writer, p SegmentPrediction) error {
	bw := bufio.NewWriter(w)
	text := p.Doc.Text
	par := 0
	for k, s := range p.Sentences {
		if k == 0 {
			fmt.Fprintf(bw, "# newdoc id = %s\n", p.Doc.ID)
		}
		for par < len(p.Doc.Paragraphs) && p.Doc.Paragraphs[par].End <= s.Start {
			par++
		}
		if par < len(p.Doc.Paragraphs) && (k == 0 || p.Sentences[k-1].End <= p.Doc.Paragraphs[par].Start) {
			fmt.Fprintf(bw, "# newpar\n")
		}
		fmt.Fprintf(bw, "# text = %s\n", strings.ReplaceAll(s.In(text), "\n", " "))
		for i := s.Tokens[0]; i < s.Tokens[1]; i++ {
			t := p.Tokens[i]
			misc := "_"
			if i+1 < s.Tokens[1] && p.Tokens[i+1].Start == t.End {
				misc = "SpaceAfter=No"
			}
			fmt.Fprintf(bw, "%d\t%s\t_\t_\t_\t_\t_\t_\t_\t%s\n", i-s.Tokens[0]+1, segmentForm(t.In(text)), misc)
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// segmentconlluForm keeps a form on one CoNLL-U line.
func segmentForm(s string) string {
	if strings.ContainsAny(s, "\t\n\r") {
		return strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(s)
	}
	return s
}
