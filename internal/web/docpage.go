package web

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dateline-news/dateline"
)

// docPage is the body of the article page.
type docPage struct {
	Doc         *dateline.Document
	Title       string
	Published   string
	Regions     []region
	Blocks      []countItem // block kinds present
	Layers      []layerItem // annotation layers present, with toggles
	Types       []countItem // entity types present
	Entities    []panelItem
	Times       []panelItem
	Quotes      []panelItem
	Events      []panelItem
	Diags       []panelItem
	Sentences   int
	Tokens      int
	Hidden      int  // annotations whose span cannot be shown
	BadBlocks   int  // blocks whose span cannot be shown
	InvalidUTF8 bool // the text is not valid UTF-8 or holds NUL bytes: browser offsets will drift
	JSON        string
}

// countItem is a legend entry: a kind or type with its count.
type countItem struct {
	Name  string
	Class string
	Count int
}

// layerItem is a toggle for one annotation layer.
type layerItem struct {
	ID    string // checkbox ID: ly-<layer>
	Label string
	Class string // swatch classes
	Count int
}

// panelItem is one line of a side panel.
type panelItem struct {
	Href   string // link to the highlighted span, "" when it is not shown
	Actor  string // link to the actor's page, when the store keeps an index
	Label  string
	Text   string // the span's text, shortened
	Detail string
	Class  string
}

// newDocPage builds the article view of doc.
func newDocPage(doc *dateline.Document) *docPage {
	p := &docPage{
		Doc:         doc,
		Title:       cmp.Or(doc.Title, titleBlock(doc), "(untitled)"),
		Published:   fmtDate(doc.Published),
		Sentences:   len(doc.Sentences),
		Tokens:      len(doc.Tokens),
		InvalidUTF8: !utf8.ValidString(doc.Text) || strings.ContainsRune(doc.Text, 0),
		JSON:        "/api/documents/" + string(doc.ID),
	}
	text := doc.Text
	var marks []*mark
	shown := make(map[string]bool) // mark IDs that are rendered
	add := func(m *mark) {
		if !spanOK(m.Span, text) {
			p.Hidden++
			return
		}
		shown[m.ID] = true
		marks = append(marks, m)
	}
	href := func(id string) string {
		if shown[id] {
			return "#" + id
		}
		return ""
	}
	layerCount := make(map[string]int)

	if dl := doc.Dateline; dl != nil {
		add(&mark{Span: dl.Span, Layer: "dateline", Class: "a dl", Title: "Dateline: " + cmp.Or(dl.Place, dl.In(text)), ID: "dl", rank: rankDateline})
		layerCount["dateline"]++
	}

	mentionText := func(i int) string {
		if i < 0 || i >= len(doc.Mentions) {
			return ""
		}
		return excerpt(text, doc.Mentions[i].Span, 60)
	}
	actorName := func(i int) string {
		if i < 0 || i >= len(doc.Actors) {
			return ""
		}
		return doc.Actors[i].Name
	}
	types := make(map[string]int)
	for i, m := range doc.Mentions {
		title := m.Type
		if n := actorName(m.Actor); n != "" {
			title += " · " + n
			if a := doc.Actors[m.Actor]; a.Code != "" {
				title += " (" + a.Code + ")"
			}
		}
		if m.Role != "" {
			title += " · " + m.Role
		}
		add(&mark{Span: m.Span, Layer: "mentions", Class: "a m e-" + cssName(m.Type), Title: title, ID: "m" + strconv.Itoa(i), rank: rankMention})
		types[m.Type]++
		layerCount["mentions"]++
	}
	for i, t := range doc.Times {
		title := t.Type + " " + t.Value
		if t.Mod != "" {
			title += " (" + t.Mod + ")"
		}
		add(&mark{Span: t.Span, Layer: "times", Class: "a t t-" + cssName(t.Type), Title: title, ID: "t" + strconv.Itoa(i), rank: rankTime})
		layerCount["times"]++
	}
	nameOf := func(mi int) string {
		if n := mentionText(mi); n != "" {
			if a := doc.Mentions[mi].Actor; actorName(a) != "" {
				return actorName(a)
			}
			return n
		}
		return ""
	}
	speakerOf := func(q dateline.Quote) string {
		if n := nameOf(q.Speaker); n != "" {
			for _, c := range q.CoSpeakers { // a joint statement
				if cn := nameOf(c); cn != "" {
					n += " & " + cn
				}
			}
			return n
		}
		if s := excerpt(text, q.Source, 60); s != "" {
			return s
		}
		return "unknown"
	}
	for i, q := range doc.Quotes {
		id := "q" + strconv.Itoa(i)
		speaker := speakerOf(q)
		add(&mark{Span: q.Span, Layer: "quotes", Class: "a q q-" + cssName(q.Kind), Title: q.Kind + " quote · speaker: " + speaker, ID: id, rank: rankQuote})
		if q.Cue.Len() > 0 {
			add(&mark{Span: q.Cue, Layer: "quotes", Class: "a qc", Title: "cue of a " + q.Kind + " quote · speaker: " + speaker, ID: id + "c", rank: rankQuoteCue})
		}
		if q.Source.Len() > 0 {
			add(&mark{Span: q.Source, Layer: "quotes", Class: "a qs", Title: "source of a " + q.Kind + " quote", ID: id + "s", rank: rankQuoteSource})
		}
		layerCount["quotes"]++
	}
	participants := func(as []dateline.EventActor) string {
		var names []string
		for _, a := range as {
			n := cmp.Or(a.Text, actorName(a.Actor), "?")
			if a.Code != "" {
				n += " (" + a.Code + ")"
			}
			names = append(names, n)
		}
		return cmp.Or(strings.Join(names, ", "), "—")
	}
	eventTitle := func(e dateline.Event) string {
		var b strings.Builder
		b.WriteString("CAMEO " + cmp.Or(e.Code, "?"))
		if e.Plover != "" {
			b.WriteString(" " + e.Plover)
		}
		b.WriteString(" · " + participants(e.Source) + " → " + participants(e.Target))
		if e.TimeValue != "" {
			b.WriteString(" · " + e.TimeValue)
		}
		if e.Place != "" {
			b.WriteString(" · " + e.Place)
		}
		if e.Status != "" {
			b.WriteString(" · " + e.Status)
		}
		return b.String()
	}
	for i, e := range doc.Events {
		if e.Trigger.Len() > 0 {
			add(&mark{Span: e.Trigger, Layer: "events", Class: "a ev st-" + cssName(e.Status), Title: eventTitle(e), ID: "e" + strconv.Itoa(i), rank: rankEvent})
		}
		layerCount["events"]++
	}
	for i, d := range doc.Diags {
		if d.Span.Len() > 0 {
			add(&mark{Span: d.Span, Layer: "diagnostics", Class: "a dg sev-" + cssName(string(d.Severity)), Title: d.Pass + ": " + d.Message, ID: "d" + strconv.Itoa(i), rank: rankDiag})
		}
		layerCount["diagnostics"]++
	}

	sortMarks(marks)
	p.Regions, p.BadBlocks = layout(text, doc.Blocks, marks)

	// Legend.
	kinds := make(map[string]int)
	for _, b := range doc.Blocks {
		kinds[string(b.Kind)]++
	}
	p.Blocks = counted(kinds, func(k string) string { return "blk k-" + cssName(k) })
	slices.SortStableFunc(p.Blocks, func(a, b countItem) int { return cmp.Compare(kindRank(a.Name), kindRank(b.Name)) })
	p.Types = counted(types, func(t string) string { return "a m e-" + cssName(t) })
	for _, l := range []struct{ layer, id, label, class string }{
		{"dateline", "dl", "Dateline", "a dl"},
		{"mentions", "m", "Mentions", "a m e-person"},
		{"times", "t", "Times", "a t"},
		{"quotes", "q", "Quotes", "a q"},
		{"events", "ev", "Events", "a ev"},
		{"diagnostics", "dg", "Diagnostics", "a dg sev-warning"},
	} {
		if n := layerCount[l.layer]; n > 0 {
			p.Layers = append(p.Layers, layerItem{ID: "ly-" + l.id, Label: l.label, Class: l.class, Count: n})
		}
	}

	// Panels.
	if len(doc.Actors) > 0 {
		for _, a := range doc.Actors {
			it := panelItem{Label: a.Name, Class: "a m e-" + cssName(a.Type)}
			detail := []string{a.Type}
			if a.Code != "" {
				detail = append(detail, a.Code)
			}
			if a.Role != "" {
				detail = append(detail, a.Role)
			}
			detail = append(detail, plural(len(a.Mentions), "mention", "mentions"))
			it.Detail = strings.Join(detail, " · ")
			if len(a.Mentions) > 0 {
				it.Href = href("m" + strconv.Itoa(a.Mentions[0]))
			}
			p.Entities = append(p.Entities, it)
		}
	} else {
		// Before actors are resolved: the distinct mention texts by type.
		type key struct{ typ, text string }
		first := make(map[key]int)
		count := make(map[key]int)
		var order []key
		for i, m := range doc.Mentions {
			k := key{m.Type, excerpt(text, m.Span, 60)}
			if k.text == "" {
				continue
			}
			if _, ok := first[k]; !ok {
				first[k] = i
				order = append(order, k)
			}
			count[k]++
		}
		for _, k := range order {
			p.Entities = append(p.Entities, panelItem{
				Label: k.text, Class: "a m e-" + cssName(k.typ),
				Detail: k.typ + " · " + plural(count[k], "mention", "mentions"),
				Href:   href("m" + strconv.Itoa(first[k])),
			})
		}
	}
	for i, t := range doc.Times {
		detail := t.Type
		if t.Mod != "" {
			detail += " · " + t.Mod
		}
		p.Times = append(p.Times, panelItem{Href: href("t" + strconv.Itoa(i)), Label: t.Value, Text: excerpt(text, t.Span, 60), Detail: detail, Class: "a t"})
	}
	for i, q := range doc.Quotes {
		detail := q.Kind
		if c := excerpt(text, q.Cue, 30); c != "" {
			detail += " · cue: " + c
		}
		p.Quotes = append(p.Quotes, panelItem{Href: href("q" + strconv.Itoa(i)), Label: speakerOf(q), Text: excerpt(text, q.Span, 140), Detail: detail, Class: "a q"})
	}
	for i, e := range doc.Events {
		it := panelItem{Label: eventTitle(e), Text: excerpt(text, e.Evidence, 140), Class: "a ev", Href: href("e" + strconv.Itoa(i))}
		if it.Href == "" && spanOK(e.Evidence, text) {
			it.Href = spanHref(e.Evidence)
		}
		if t := excerpt(text, e.Trigger, 40); t != "" {
			it.Detail = "trigger: " + t
		}
		p.Events = append(p.Events, it)
	}
	for i, d := range doc.Diags {
		p.Diags = append(p.Diags, panelItem{
			Href: href("d" + strconv.Itoa(i)), Label: string(d.Severity) + " · " + d.Pass, Text: excerpt(text, d.Span, 80),
			Detail: shorten(d.Message, 300), Class: "a dg sev-" + cssName(string(d.Severity)),
		})
	}
	return p
}

// counted returns the entries of m sorted by count, then name.
func counted(m map[string]int, class func(string) string) []countItem {
	out := make([]countItem, 0, len(m))
	for k, n := range m {
		out = append(out, countItem{Name: k, Class: class(k), Count: n})
	}
	slices.SortFunc(out, func(a, b countItem) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Name, b.Name))
	})
	return out
}

// kindRank orders block kinds in the legend as they come in a report.
func kindRank(k string) int {
	order := [...]dateline.BlockKind{dateline.BlockTitle, dateline.BlockDeck, dateline.BlockByline, dateline.BlockParagraph,
		dateline.BlockHeading, dateline.BlockCaption, dateline.BlockCredit, dateline.BlockBoilerplate}
	for i, o := range order {
		if string(o) == k {
			return i
		}
	}
	return len(order)
}

// titleBlock returns the text of the document's first title block, for
// documents whose metadata has no title.
func titleBlock(doc *dateline.Document) string {
	for _, b := range doc.Blocks {
		if b.Kind == dateline.BlockTitle {
			return excerpt(doc.Text, b.Span, 200)
		}
	}
	return ""
}

// linkActors links the entities and quote speakers of the page to their
// actor pages (set when the store keeps an index of actors).
func (p *docPage) linkActors(doc *dateline.Document) {
	if len(doc.Actors) > 0 && len(p.Entities) == len(doc.Actors) {
		for i := range doc.Actors {
			p.Entities[i].Actor = actorPath(dateline.DocActorID(&doc.Actors[i]))
		}
	}
	if len(p.Quotes) == len(doc.Quotes) {
		for i, q := range doc.Quotes {
			if q.Speaker < 0 || q.Speaker >= len(doc.Mentions) {
				continue
			}
			if a := doc.Mentions[q.Speaker].Actor; a >= 0 && a < len(doc.Actors) {
				p.Quotes[i].Actor = actorPath(dateline.DocActorID(&doc.Actors[a]))
			}
		}
	}
}
