package cli

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/dateline-news/dateline"
)

// envelope is the versioned JSON form of an analysed document.
type envelope struct {
	Schema   string             `json:"schema"`
	Document *dateline.Document `json:"document"`
}

// renderText writes the terminal summary of an analysed document: its
// layout, then every analysis layer that exists.
func renderText(w io.Writer, d *dateline.Document) {
	title := d.Title
	if title == "" {
		title = "(no title)"
	}
	fmt.Fprintf(w, "%s\n%s\n", title, strings.Repeat("=", min(utf8.RuneCountInString(title), 78)))
	kv := func(k, v string) {
		if v != "" {
			fmt.Fprintf(w, "%-10s %s\n", k, v)
		}
	}
	kv("id", string(d.ID))
	src := d.Source.URL
	if src == "" {
		src = d.Source.Path
	}
	if d.Source.Kind != "" {
		src += " (" + d.Source.Kind + ")"
	}
	kv("source", src)
	kv("outlet", d.Source.Outlet)
	if d.Published.IsZero() {
		kv("published", "unknown: relative dates stay unresolved")
	} else {
		kv("published", d.Published.Format("2006-01-02 (Monday)"))
	}
	kv("byline", d.Byline)
	kv("deck", d.Deck)
	if d.Dateline != nil {
		kv("dateline", fmt.Sprintf("%s → %s", d.Dateline.In(d.Text), d.Dateline.Place))
	}

	// Layout.
	counts := map[dateline.BlockKind]int{}
	for _, b := range d.Blocks {
		counts[b.Kind]++
	}
	var parts []string
	for _, k := range []dateline.BlockKind{dateline.BlockTitle, dateline.BlockDeck, dateline.BlockByline, dateline.BlockParagraph, dateline.BlockHeading, dateline.BlockCaption, dateline.BlockCredit, dateline.BlockBoilerplate} {
		if counts[k] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[k], k))
		}
	}
	kv("blocks", strings.Join(parts, ", "))
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Layout")
	for _, b := range d.Blocks {
		if b.Kind == dateline.BlockParagraph {
			continue
		}
		fmt.Fprintf(w, "  %-11s %s\n", b.Kind, clip(b.In(d.Text), 90))
	}

	if len(d.Tokens) > 0 {
		fmt.Fprintf(w, "\nLanguage   %d sentences, %d tokens\n", len(d.Sentences), len(d.Tokens))
	}
	if len(d.Mentions) > 0 {
		renderEntities(w, d)
	}
	if len(d.Times) > 0 {
		fmt.Fprintln(w, "\nTime expressions")
		for _, t := range d.Times {
			v := t.Value
			if t.Mod != "" {
				v += " (" + t.Mod + ")"
			}
			fmt.Fprintf(w, "  %-30s %-9s %s\n", clip(t.In(d.Text), 30), t.Type, v)
		}
	}
	if len(d.Quotes) > 0 {
		fmt.Fprintln(w, "\nWho said what")
		for _, q := range d.Quotes {
			who := q.Source.In(d.Text)
			if n := d.SpeakerNames(q); n != "" {
				who = n
			}
			if who == "" {
				who = "(unknown)"
			}
			fmt.Fprintf(w, "  %-30s %-8s %s: %s\n", clip(who, 30), q.Kind, clip(q.Cue.In(d.Text), 12), clip(q.In(d.Text), 70))
		}
	}
	if len(d.Events) > 0 {
		fmt.Fprintln(w, "\nEvents")
		for _, e := range d.Events {
			fmt.Fprintf(w, "  %-5s %-12s %s → %s  %s  [%s]\n", e.Code, e.Plover, actorsText(e.Source), actorsText(e.Target), e.TimeValue, e.Status)
		}
	}
	if len(d.Diags) > 0 {
		fmt.Fprintln(w, "\nDiagnostics")
		for _, g := range d.Diags {
			fmt.Fprintf(w, "  %s %s @%d-%d: %s\n", g.Severity, g.Pass, g.Span.Start, g.Span.End, g.Message)
		}
	}
}

func renderEntities(w io.Writer, d *dateline.Document) {
	byType := map[string]map[string]int{}
	for _, m := range d.Mentions {
		if m.Type == dateline.EntPron || m.Type == dateline.EntNom {
			continue
		}
		if byType[m.Type] == nil {
			byType[m.Type] = map[string]int{}
		}
		byType[m.Type][m.In(d.Text)]++
	}
	types := make([]string, 0, len(byType))
	for t := range byType {
		types = append(types, t)
	}
	sort.Strings(types)
	fmt.Fprintln(w, "\nEntities")
	for _, t := range types {
		names := make([]string, 0, len(byType[t]))
		for n := range byType[t] {
			names = append(names, n)
		}
		sort.Slice(names, func(i, j int) bool {
			ci, cj := byType[t][names[i]], byType[t][names[j]]
			if ci != cj {
				return ci > cj
			}
			return names[i] < names[j]
		})
		for i, n := range names {
			if c := byType[t][n]; c > 1 {
				names[i] = fmt.Sprintf("%s ×%d", n, c)
			}
		}
		fmt.Fprintf(w, "  %-7s %s\n", t, strings.Join(names, ", "))
	}
}

func actorsText(as []dateline.EventActor) string {
	if len(as) == 0 {
		return "-"
	}
	s := make([]string, len(as))
	for i, a := range as {
		s[i] = a.Text
		if a.Code != "" {
			s[i] += " (" + a.Code + ")"
		}
	}
	return strings.Join(s, ", ")
}

// clip shortens s to at most n runes on one line.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
