package eval

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dateline-news/dateline/internal/brat"
)

// QuoteSpan is a half-open byte range [Start, End) into a document's text.
type QuoteSpan struct {
	Start, End int
}

// QuoteAttribution is one attribution relation as the quotes scorer sees
// it: each role is a list of fragments (brat allows discontinuous spans;
// a direct quote interrupted by "he said" is one content in two pieces).
// An empty role is absent (an attribution without a source).
type QuoteAttribution struct {
	Source, Cue, Content []QuoteSpan
}

// QuoteRoleCounts are the match counts of one role.
type QuoteRoleCounts struct {
	Gold        int `json:"gold"`
	Predicted   int `json:"predicted"`
	ExactPred   int `json:"exact_pred"`   // predicted spans equal to a gold span
	ExactGold   int `json:"exact_gold"`   // gold spans equal to a predicted span
	OverlapPred int `json:"overlap_pred"` // predicted spans overlapping a gold span
	OverlapGold int `json:"overlap_gold"` // gold spans overlapped by a predicted span
}

// QuoteRoleMetrics are precision, recall and F1 of one role, exact and
// overlapping (fractions in [0, 1]).
type QuoteRoleMetrics struct {
	ExactP    float64 `json:"exact_p"`
	ExactR    float64 `json:"exact_r"`
	ExactF1   float64 `json:"exact_f1"`
	OverlapP  float64 `json:"overlap_p"`
	OverlapR  float64 `json:"overlap_r"`
	OverlapF1 float64 `json:"overlap_f1"`
}

// QuoteCounts accumulates the quote scorer's counts over documents.
type QuoteCounts struct {
	Docs            int             `json:"docs"`
	Gold            int             `json:"gold"`      // gold attributions
	Predicted       int             `json:"predicted"` // predicted attributions
	AttributionPred int             `json:"attribution_pred"`
	AttributionGold int             `json:"attribution_gold"`
	Source          QuoteRoleCounts `json:"source"`
	Cue             QuoteRoleCounts `json:"cue"`
	Content         QuoteRoleCounts `json:"content"`
}

// QuoteMetrics is what `dateline eval quotes` prints.
type QuoteMetrics struct {
	Source        QuoteRoleMetrics `json:"source"`
	Cue           QuoteRoleMetrics `json:"cue"`
	Content       QuoteRoleMetrics `json:"content"`
	AttributionP  float64          `json:"attribution_p"`
	AttributionR  float64          `json:"attribution_r"`
	AttributionF1 float64          `json:"attribution_f1"`
	Counts        QuoteCounts      `json:"counts"`
}

// Add scores one document. Role spans are compared per role over all
// attributions of the document: a span is an exact match when its
// fragments equal those of a span of the other side (after trimming white
// space), an overlap match when one of its fragments shares a byte with one
// of the other's. Matches are counted from each side, as in PARC-style
// overlap scoring (a predicted span overlapping a gold span is correct; a
// gold span overlapped by a predicted span is found). A predicted
// attribution is right when its cue overlaps the cue of a gold attribution
// whose source it also gets right: both absent, or overlapping.
func (c *QuoteCounts) Add(text string, gold, pred []QuoteAttribution) {
	c.Docs++
	c.Gold += len(gold)
	c.Predicted += len(pred)
	norm := func(as []QuoteAttribution) []QuoteAttribution {
		out := make([]QuoteAttribution, len(as))
		for i, a := range as {
			out[i] = QuoteAttribution{quoteNorm(text, a.Source), quoteNorm(text, a.Cue), quoteNorm(text, a.Content)}
		}
		return out
	}
	gold, pred = norm(gold), norm(pred)
	role := func(as []QuoteAttribution, f func(QuoteAttribution) []QuoteSpan) [][]QuoteSpan {
		var out [][]QuoteSpan
		for _, a := range as {
			if s := f(a); len(s) > 0 {
				out = append(out, s)
			}
		}
		return out
	}
	c.Source.add(role(gold, srcOf), role(pred, srcOf))
	c.Cue.add(role(gold, cueOf), role(pred, cueOf))
	c.Content.add(role(gold, contentOf), role(pred, contentOf))
	right := func(p, g QuoteAttribution) bool {
		if !quoteOverlap(p.Cue, g.Cue) {
			return false
		}
		if len(p.Source) == 0 || len(g.Source) == 0 {
			return len(p.Source) == len(g.Source)
		}
		return quoteOverlap(p.Source, g.Source)
	}
	for _, p := range pred {
		for _, g := range gold {
			if right(p, g) {
				c.AttributionPred++
				break
			}
		}
	}
	for _, g := range gold {
		for _, p := range pred {
			if right(p, g) {
				c.AttributionGold++
				break
			}
		}
	}
}

func srcOf(a QuoteAttribution) []QuoteSpan     { return a.Source }
func cueOf(a QuoteAttribution) []QuoteSpan     { return a.Cue }
func contentOf(a QuoteAttribution) []QuoteSpan { return a.Content }

func (r *QuoteRoleCounts) add(gold, pred [][]QuoteSpan) {
	r.Gold += len(gold)
	r.Predicted += len(pred)
	count := func(xs, ys [][]QuoteSpan, exact, overlap *int) {
		for _, x := range xs {
			ex, ov := false, false
			for _, y := range ys {
				if slices.Equal(x, y) {
					ex = true
				}
				if quoteOverlap(x, y) {
					ov = true
				}
			}
			if ex {
				*exact++
			}
			if ov {
				*overlap++
			}
		}
	}
	count(pred, gold, &r.ExactPred, &r.OverlapPred)
	count(gold, pred, &r.ExactGold, &r.OverlapGold)
}

// quoteNorm sorts the fragments, trims white space at their edges, drops
// the empty ones and merges those that touch.
func quoteNorm(text string, fr []QuoteSpan) []QuoteSpan {
	out := make([]QuoteSpan, 0, len(fr))
	for _, f := range fr {
		f.Start, f.End = max(0, f.Start), min(len(text), f.End)
		for f.Start < f.End {
			r, n := utf8.DecodeRuneInString(text[f.Start:])
			if !unicode.IsSpace(r) {
				break
			}
			f.Start += n
		}
		for f.End > f.Start {
			r, n := utf8.DecodeLastRuneInString(text[:f.End])
			if !unicode.IsSpace(r) {
				break
			}
			f.End -= n
		}
		if f.Start < f.End {
			out = append(out, f)
		}
	}
	slices.SortFunc(out, func(a, b QuoteSpan) int { return a.Start - b.Start })
	merged := out[:0]
	for _, f := range out {
		if n := len(merged); n > 0 && f.Start <= merged[n-1].End {
			merged[n-1].End = max(merged[n-1].End, f.End)
			continue
		}
		merged = append(merged, f)
	}
	return merged
}

func quoteOverlap(a, b []QuoteSpan) bool {
	for _, x := range a {
		for _, y := range b {
			if x.Start < y.End && y.Start < x.End {
				return true
			}
		}
	}
	return false
}

// Metrics turns the counts into precision, recall and F1.
func (c QuoteCounts) Metrics() QuoteMetrics {
	m := QuoteMetrics{Source: c.Source.metrics(), Cue: c.Cue.metrics(), Content: c.Content.metrics(), Counts: c}
	m.AttributionP, m.AttributionR = quoteRatio(c.AttributionPred, c.Predicted), quoteRatio(c.AttributionGold, c.Gold)
	m.AttributionF1 = quoteF1(m.AttributionP, m.AttributionR)
	return m
}

func (r QuoteRoleCounts) metrics() QuoteRoleMetrics {
	m := QuoteRoleMetrics{
		ExactP: quoteRatio(r.ExactPred, r.Predicted), ExactR: quoteRatio(r.ExactGold, r.Gold),
		OverlapP: quoteRatio(r.OverlapPred, r.Predicted), OverlapR: quoteRatio(r.OverlapGold, r.Gold),
	}
	m.ExactF1, m.OverlapF1 = quoteF1(m.ExactP, m.ExactR), quoteF1(m.OverlapP, m.OverlapR)
	return m
}

func quoteRatio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func quoteF1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// QuoteGold reads the attributions of a PolNeAR .ann file: its
// Attribution and Attribution-no-source events with their Source, Cue and
// Content arguments (Content2 and the like count as content), converted from
// character to byte offsets of text. Events naming unknown text bounds, and
// fragments outside the text, are reported as problems.
func QuoteGold(text string, a *brat.Annotations) ([]QuoteAttribution, []brat.Problem) {
	off := brat.NewOffsets(text)
	tbs := make(map[string]brat.TextBound, len(a.TextBounds))
	for _, t := range a.TextBounds {
		tbs[t.ID] = t
	}
	var out []QuoteAttribution
	var probs []brat.Problem
	for _, ev := range a.Events {
		if typ := ev.Args[0].Role; typ != "Attribution" && typ != "Attribution-no-source" {
			continue
		}
		var at QuoteAttribution
		for _, arg := range ev.Args[1:] {
			t, ok := tbs[arg.ID]
			if !ok {
				probs = append(probs, brat.Problem{Line: ev.Line, Msg: fmt.Sprintf("event %s: no text bound %s", ev.ID, arg.ID)})
				continue
			}
			var dst *[]QuoteSpan
			switch {
			case arg.Role == "Source":
				dst = &at.Source
			case arg.Role == "Cue":
				dst = &at.Cue
			case strings.HasPrefix(arg.Role, "Content"):
				dst = &at.Content
			default:
				continue
			}
			for _, f := range t.Frags {
				if f.End > off.Chars() {
					probs = append(probs, brat.Problem{Line: t.Line, Msg: fmt.Sprintf("text bound %s: fragment %d-%d beyond the text (%d characters)", t.ID, f.Start, f.End, off.Chars())})
					continue
				}
				*dst = append(*dst, QuoteSpan{off.Byte(f.Start), off.Byte(f.End)})
			}
		}
		if len(at.Cue)+len(at.Content)+len(at.Source) == 0 {
			continue
		}
		out = append(out, at)
	}
	return out, probs
}

// QuoteBrat renders attributions as brat annotations over text (byte
// spans converted to character offsets): Source, Cue and Content text
// bounds, an Attribution (or Attribution-no-source) anchor on the cue, and
// one event tying them, as PolNeAR writes them.
func QuoteBrat(text string, attrs []QuoteAttribution) *brat.Annotations {
	off := brat.NewOffsets(text)
	a := &brat.Annotations{}
	n := 0
	tb := func(label string, sp []QuoteSpan) string {
		if len(sp) == 0 {
			return ""
		}
		n++
		t := brat.TextBound{ID: fmt.Sprintf("T%d", n), Label: label}
		var parts []string
		for _, s := range sp {
			s.Start, s.End = max(0, min(s.Start, len(text))), max(0, min(s.End, len(text)))
			if s.End < s.Start {
				s.End = s.Start
			}
			t.Frags = append(t.Frags, brat.Fragment{Start: off.Char(s.Start), End: off.Char(s.End)})
			parts = append(parts, text[s.Start:s.End])
		}
		t.Text = strings.Join(parts, " ")
		a.TextBounds = append(a.TextBounds, t)
		return t.ID
	}
	for i, at := range attrs {
		if len(at.Cue) == 0 {
			continue
		}
		typ := "Attribution"
		if len(at.Source) == 0 {
			typ = "Attribution-no-source"
		}
		src, cue, content := tb("Source", at.Source), tb("Cue", at.Cue), tb("Content", at.Content)
		anchor := tb(typ, at.Cue)
		ev := brat.Event{ID: fmt.Sprintf("E%d", i+1), Args: []brat.Arg{{Role: typ, ID: anchor}}}
		if content != "" {
			ev.Args = append(ev.Args, brat.Arg{Role: "Content", ID: content})
		}
		ev.Args = append(ev.Args, brat.Arg{Role: "Cue", ID: cue})
		if src != "" {
			ev.Args = append(ev.Args, brat.Arg{Role: "Source", ID: src})
		}
		a.Events = append(a.Events, ev)
	}
	return a
}
