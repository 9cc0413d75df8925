package eval

// SemEval-2015 Task 4 "TimeLine: Cross-Document Event Ordering": reading
// the gold timelines and the CAT-format documents, writing timelines in the
// task's layout, and scoring them.
//
// Scoring follows the task's metric, temporal awareness (UzZaman and Allen
// 2011), in a simplified form: each timeline becomes a graph whose nodes are
// event mentions and time anchors; mentions on one line, and lines with one
// order index, are SIMULTANEOUS; each dated mention is SIMULTANEOUS with its
// anchor date; consecutive order indexes are BEFORE. Precision is the share
// of the system's stated (reduced) relations that hold in the closure of
// the gold graph; recall the share of gold relations that hold in the
// closure of the system graph. Counts are summed over target entities
// (micro average); the macro average over entities is reported too. The
// official scorer converts timelines to TimeML and runs the TempEval-3
// toolkit; its numbers may differ in details (how anchors and unordered
// events are linked).

import (
	"bufio"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dateline-news/dateline"
)

// TimelineLine is one line of a timeline: an order index (0: not ordered),
// an anchor date (YYYY-MM-DD with X for unknown digits) and the event
// mentions ("docid-sentence-word") that are one event.
type TimelineLine struct {
	Order    int
	Date     string
	Mentions []string
}

// TimelineEntity is the timeline of one target entity.
type TimelineEntity struct {
	Name  string
	Lines []TimelineLine
}

// TimelineRead reads a timeline file: the entity name on the first line,
// then one line per event. Malformed lines are errors that name the line,
// wrapping dateline.ErrInvalid.
func TimelineRead(r io.Reader) (TimelineEntity, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	var e TimelineEntity
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if n == 1 {
			e.Name = strings.TrimSpace(strings.TrimPrefix(line, "\ufeff"))
			continue
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 3 {
			return e, fmt.Errorf("%w: timeline line %d: %d fields, want order, date and mentions", dateline.ErrInvalid, n, len(f))
		}
		order, err := strconv.Atoi(strings.TrimSpace(f[0]))
		if err != nil || order < 0 {
			return e, fmt.Errorf("%w: timeline line %d: order %q", dateline.ErrInvalid, n, f[0])
		}
		tl := TimelineLine{Order: order, Date: strings.TrimSpace(f[1])}
		for _, m := range f[2:] {
			if m = strings.TrimSpace(m); m != "" {
				tl.Mentions = append(tl.Mentions, m)
			}
		}
		if len(tl.Mentions) == 0 {
			return e, fmt.Errorf("%w: timeline line %d: no event mention", dateline.ErrInvalid, n)
		}
		e.Lines = append(e.Lines, tl)
	}
	if err := sc.Err(); err != nil {
		return e, err
	}
	if n == 0 {
		return e, fmt.Errorf("%w: empty timeline", dateline.ErrInvalid)
	}
	return e, nil
}

// TimelineWrite writes a timeline in the task's layout.
func TimelineWrite(w io.Writer, e TimelineEntity) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, e.Name)
	for _, l := range e.Lines {
		fmt.Fprintf(bw, "%d\t%s\t%s\n", l.Order, l.Date, strings.Join(l.Mentions, "\t"))
	}
	return bw.Flush()
}

// TimelineToken is one token of a CAT document.
type TimelineToken struct {
	Sentence int
	Number   int
	Text     string
}

// TimelineDoc is a document of the task in CAT XML: its ID, its creation
// time and its tokens.
type TimelineDoc struct {
	ID     string
	DCT    time.Time
	Tokens []TimelineToken
}

// TimelineReadCAT reads a CAT XML document (<Document doc_id> with
// <token sentence number> elements and the creation time as a TIMEX3 with
// functionInDocument="CREATION_TIME"). Event markables, if any, are ignored:
// this is the raw-text track.
func TimelineReadCAT(r io.Reader) (*TimelineDoc, error) {
	dec := xml.NewDecoder(r)
	dec.Strict = false
	d := &TimelineDoc{}
	var cur *TimelineToken
	var text strings.Builder
	sawDoc := false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w: CAT: %v", dateline.ErrInvalid, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			attr := func(name string) string {
				for _, a := range t.Attr {
					if a.Name.Local == name {
						return a.Value
					}
				}
				return ""
			}
			switch t.Name.Local {
			case "Document":
				sawDoc = true
				d.ID = attr("doc_id")
			case "token":
				s, err1 := strconv.Atoi(attr("sentence"))
				n, err2 := strconv.Atoi(attr("number"))
				if err1 != nil || err2 != nil || s < 0 || n < 0 {
					return nil, fmt.Errorf("%w: CAT: token without sentence or number", dateline.ErrInvalid)
				}
				cur = &TimelineToken{Sentence: s, Number: n}
				text.Reset()
			case "TIMEX3":
				if attr("functionInDocument") == "CREATION_TIME" {
					v := attr("value")
					if len(v) >= 10 {
						if dct, err := time.Parse(time.DateOnly, v[:10]); err == nil {
							d.DCT = dct
						}
					}
				}
			}
		case xml.CharData:
			if cur != nil {
				text.Write(t)
			}
		case xml.EndElement:
			if t.Name.Local == "token" && cur != nil {
				cur.Text = strings.TrimSpace(text.String())
				if cur.Text != "" {
					d.Tokens = append(d.Tokens, *cur)
				}
				cur = nil
			}
		}
	}
	if !sawDoc || d.ID == "" {
		return nil, fmt.Errorf("%w: CAT: no <Document doc_id>", dateline.ErrInvalid)
	}
	return d, nil
}

// Document returns the document as dateline reads it: the tokens joined by
// spaces, one sentence per line (one paragraph block each), with the gold
// tokens and sentences set. The sentences are in order of their CAT number;
// sentence i of the result is CAT sentence sents[i].
func (d *TimelineDoc) Document() (doc *dateline.Document, sents []int) {
	doc = &dateline.Document{ID: dateline.DocID(d.ID), Published: d.DCT}
	var b strings.Builder
	prev := -1
	var sentStart int32
	var first int32
	closeSent := func() {
		if prev < 0 {
			return
		}
		sp := dateline.Span{Start: sentStart, End: int32(b.Len())}
		doc.Sentences = append(doc.Sentences, dateline.Sentence{Span: sp, Tokens: [2]int32{first, int32(len(doc.Tokens))}})
		doc.Blocks = append(doc.Blocks, dateline.Block{Span: sp, Kind: dateline.BlockParagraph})
		sents = append(sents, prev)
	}
	for _, t := range d.Tokens {
		if t.Sentence != prev {
			closeSent()
			if b.Len() > 0 {
				b.WriteByte('\n')
			}
			prev, sentStart, first = t.Sentence, int32(b.Len()), int32(len(doc.Tokens))
		} else {
			b.WriteByte(' ')
		}
		start := int32(b.Len())
		b.WriteString(t.Text)
		doc.Tokens = append(doc.Tokens, dateline.Token{Span: dateline.Span{Start: start, End: int32(b.Len())}, Head: -1})
	}
	closeSent()
	doc.Text = b.String()
	return doc, sents
}

// TimelineCounts accumulates the temporal-awareness counts over entities.
type TimelineCounts struct {
	SysRelations, SysHits   int
	GoldRelations, GoldHits int
	Entities                int
	GoldEvents, SysEvents   int
	f1s                     []float64
}

// TimelineMetrics is what `dateline eval timeline` reports.
type TimelineMetrics struct {
	Precision  float64 `json:"precision"`
	Recall     float64 `json:"recall"`
	F1         float64 `json:"f1"`       // micro: counts summed over target entities
	MacroF1    float64 `json:"macro_f1"` // mean of the per-entity F1
	Entities   int     `json:"entities"`
	GoldEvents int     `json:"gold_events"`
	SysEvents  int     `json:"system_events"`
	Metric     string  `json:"metric"`
}

// Add scores one entity's system timeline against its gold timeline.
func (c *TimelineCounts) Add(gold, sys TimelineEntity) {
	g, s := timelineGraph(gold), timelineGraph(sys)
	gh := 0
	for _, r := range g.reduced {
		if s.holds(r) {
			gh++
		}
	}
	sh := 0
	for _, r := range s.reduced {
		if g.holds(r) {
			sh++
		}
	}
	c.GoldRelations += len(g.reduced)
	c.GoldHits += gh
	c.SysRelations += len(s.reduced)
	c.SysHits += sh
	c.Entities++
	for _, l := range gold.Lines {
		c.GoldEvents += len(l.Mentions)
	}
	for _, l := range sys.Lines {
		c.SysEvents += len(l.Mentions)
	}
	p, r := ratio(sh, len(s.reduced)), ratio(gh, len(g.reduced))
	c.f1s = append(c.f1s, harmonic(p, r))
}

// Metrics returns the scores.
func (c *TimelineCounts) Metrics() TimelineMetrics {
	m := TimelineMetrics{
		Precision: ratio(c.SysHits, c.SysRelations),
		Recall:    ratio(c.GoldHits, c.GoldRelations),
		Entities:  c.Entities, GoldEvents: c.GoldEvents, SysEvents: c.SysEvents,
		Metric: "temporal awareness over timeline graphs (simplified SemEval-2015 Task 4 scorer), micro-averaged over target entities",
	}
	m.F1 = harmonic(m.Precision, m.Recall)
	for _, f := range c.f1s {
		m.MacroF1 += f
	}
	if len(c.f1s) > 0 {
		m.MacroF1 /= float64(len(c.f1s))
	}
	return m
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func harmonic(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// tlRel is a relation between two nodes: simultaneous or before.
type tlRel struct {
	a, b   string
	before bool
}

// tlGraph is a timeline as a temporal graph.
type tlGraph struct {
	reduced []tlRel
	class   map[string]int // node → simultaneity class
	after   []map[int]bool // class → classes reachable by BEFORE (closure)
}

// timelineGraph converts a timeline into its graph: SIMULTANEOUS chains
// within a line, within an order index and to the anchor date; BEFORE
// between consecutive order indexes.
func timelineGraph(e TimelineEntity) *tlGraph {
	g := &tlGraph{class: map[string]int{}}
	parent := map[string]string{}
	var find func(string) string
	find = func(x string) string {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	node := func(x string) {
		if _, ok := parent[x]; !ok {
			parent[x] = x
		}
	}
	sim := func(a, b string) {
		node(a)
		node(b)
		g.reduced = append(g.reduced, tlRel{a: a, b: b})
		parent[find(a)] = find(b)
	}
	groups := map[int][]string{}
	var orders []int
	for _, l := range e.Lines {
		for i, m := range l.Mentions {
			node(m)
			if i > 0 {
				sim(l.Mentions[0], m)
			}
		}
		if anchored(l.Date) {
			sim(l.Mentions[0], "t:"+l.Date)
		}
		if l.Order > 0 {
			if _, ok := groups[l.Order]; !ok {
				orders = append(orders, l.Order)
			}
			groups[l.Order] = append(groups[l.Order], l.Mentions[0])
		}
	}
	slices.Sort(orders)
	for _, o := range orders {
		ms := groups[o]
		for i := 1; i < len(ms); i++ {
			sim(ms[0], ms[i])
		}
	}
	// Classes, then BEFORE edges between consecutive groups.
	roots := map[string]int{}
	for x := range parent {
		r := find(x)
		id, ok := roots[r]
		if !ok {
			id = len(roots)
			roots[r] = id
		}
		g.class[x] = id
	}
	edges := make([]map[int]bool, len(roots))
	for i := range edges {
		edges[i] = map[int]bool{}
	}
	for i := 1; i < len(orders); i++ {
		a, b := groups[orders[i-1]][0], groups[orders[i]][0]
		g.reduced = append(g.reduced, tlRel{a: a, b: b, before: true})
		edges[g.class[a]][g.class[b]] = true
	}
	// Closure of BEFORE by depth-first search from every class.
	g.after = make([]map[int]bool, len(roots))
	for c := range g.after {
		seen := map[int]bool{}
		stack := []int{c}
		for len(stack) > 0 {
			x := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for y := range edges[x] {
				if !seen[y] {
					seen[y] = true
					stack = append(stack, y)
				}
			}
		}
		g.after[c] = seen
	}
	return g
}

// anchored reports whether a date gives at least its year.
func anchored(date string) bool {
	return len(date) >= 4 && !strings.ContainsAny(date[:4], "Xx")
}

// holds reports whether relation r holds in the closure of g.
func (g *tlGraph) holds(r tlRel) bool {
	a, ok1 := g.class[r.a]
	b, ok2 := g.class[r.b]
	if !ok1 || !ok2 {
		return false
	}
	if !r.before {
		return a == b
	}
	return g.after[a][b]
}
