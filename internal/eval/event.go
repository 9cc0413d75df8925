package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/dateline-news/dateline"
)

// EventSentence is one gold sentence of an event test set: its text and the
// codings a coder should produce.
type EventSentence struct {
	ID       string
	Date     string // YYYYMMDD (PETRARCH) or YYYY-MM-DD (PLOVER)
	Category string
	Text     string
	Codings  []EventCoding // gold codings with an event
	NoEvents bool          // the gold says nothing should be coded
	Line     int           // where the record starts in its file
}

// EventCoding is one coded event, gold or predicted, in the JSON form that
// `dateline eval events --predictions` writes.
type EventCoding struct {
	Cameo  string   `json:"cameo,omitempty"`
	Event  string   `json:"event,omitempty"` // PLOVER type
	Source []string `json:"source"`
	Target []string `json:"target"`
	Status string   `json:"status,omitempty"`
}

// EventProblem is a malformed record of a gold file.
type EventProblem struct {
	Line int
	Msg  string
}

func (p EventProblem) String() string { return fmt.Sprintf("line %d: %s", p.Line, p.Msg) }

// maxEventLine bounds a line of a gold file.
const maxEventLine = 1 << 20

// EventReadPetrarch reads a PETRARCH validation file (PETR.UnitTest.records.xml,
// PETR2_GSR_validation.xml). The files are not well-formed XML (comment
// lines starting with '#', self-closing <Sentence .../> tags followed by their
// content), so this is a tolerant line reader: a <Sentence> line starts a
// record, <EventCoding> lines add gold codings, <Text> ... </Text> is the
// sentence, <Parse> blocks and <!-- --> comments are skipped. Malformed
// records come back as problems with their line.
func EventReadPetrarch(r io.Reader) ([]EventSentence, []EventProblem, error) {
	var (
		out     []EventSentence
		probs   []EventProblem
		cur     *EventSentence
		inText  bool
		inParse bool
		inCmt   bool
		text    []string
		n       int
	)
	prob := func(format string, a ...any) {
		probs = append(probs, EventProblem{Line: n, Msg: fmt.Sprintf(format, a...)})
	}
	flush := func() {
		if cur == nil {
			return
		}
		cur.Text = strings.Join(strings.Fields(strings.Join(text, " ")), " ")
		switch {
		case cur.Text == "":
			probs = append(probs, EventProblem{Line: cur.Line, Msg: fmt.Sprintf("sentence %q without text", cur.ID)})
		case len(cur.Codings) == 0 && !cur.NoEvents:
			probs = append(probs, EventProblem{Line: cur.Line, Msg: fmt.Sprintf("sentence %q without an <EventCoding>", cur.ID)})
		default:
			out = append(out, *cur)
		}
		cur, text, inText = nil, text[:0], false
	}
	br := bufio.NewReaderSize(r, 64<<10)
	for {
		line, err := br.ReadString('\n')
		if err != nil && err != io.EOF {
			return out, probs, err
		}
		if line == "" && err == io.EOF {
			break
		}
		n++
		if len(line) > maxEventLine {
			prob("line longer than %d bytes", maxEventLine)
			continue
		}
		s := strings.TrimSpace(line)
		if inCmt {
			if strings.Contains(s, "-->") {
				inCmt = false
			}
			continue
		}
		if strings.HasPrefix(s, "<!--") {
			if !strings.Contains(s, "-->") {
				inCmt = true
			}
			continue
		}
		switch {
		case inParse:
			if strings.Contains(s, "</Parse>") {
				inParse = false
			}
		case inText:
			if i := strings.Index(s, "</Text>"); i >= 0 {
				text = append(text, s[:i])
				inText = false
			} else {
				text = append(text, s)
			}
		case strings.HasPrefix(s, "#"):
		case strings.HasPrefix(s, "<Sentence ") || s == "<Sentence>":
			flush()
			cur = &EventSentence{
				ID: xmlAttr(s, "id"), Date: xmlAttr(s, "date"), Category: xmlAttr(s, "category"), Line: n,
			}
			if cur.ID == "" {
				prob("sentence without an id")
			}
		case strings.HasPrefix(s, "<EventCoding"):
			if cur == nil {
				prob("<EventCoding> outside a sentence")
				continue
			}
			if strings.EqualFold(xmlAttr(s, "noevents"), "true") || xmlAttr(s, "error") != "" {
				// error="storydiscard" and the like: the coder must code nothing.
				cur.NoEvents = true
				continue
			}
			code := xmlAttr(s, "eventcode")
			if code == "" {
				prob("<EventCoding> without an eventcode")
				continue
			}
			cur.Codings = append(cur.Codings, EventCoding{
				Cameo: code, Source: []string{xmlAttr(s, "sourcecode")}, Target: []string{xmlAttr(s, "targetcode")},
			})
		case strings.HasPrefix(s, "<Text>"):
			if cur == nil {
				prob("<Text> outside a sentence")
			}
			rest := strings.TrimPrefix(s, "<Text>")
			if i := strings.Index(rest, "</Text>"); i >= 0 {
				text = append(text, rest[:i])
			} else {
				text = append(text, rest)
				inText = true
			}
			if cur == nil {
				text, inText = text[:0], false
			}
		case strings.HasPrefix(s, "<Parse>"):
			inParse = !strings.Contains(s, "</Parse>")
		case strings.HasPrefix(s, "</Sentences>"):
			flush()
		}
		if err == io.EOF {
			break
		}
	}
	if inText {
		prob("unclosed <Text>")
	}
	flush()
	return out, probs, nil
}

// xmlAttr returns the value of attribute name in a start tag, unescaped
// for the five XML entities; "" when absent. Spaces around '=' are allowed
// (the unit-test file writes noevents = "True").
func xmlAttr(tag, name string) string {
	for i := 0; i < len(tag); {
		j := strings.Index(tag[i:], name)
		if j < 0 {
			return ""
		}
		j += i
		i = j + len(name)
		if j == 0 || tag[j-1] != ' ' && tag[j-1] != '\t' {
			continue
		}
		k := i
		for k < len(tag) && (tag[k] == ' ' || tag[k] == '\t') {
			k++
		}
		if k >= len(tag) || tag[k] != '=' {
			continue
		}
		k++
		for k < len(tag) && (tag[k] == ' ' || tag[k] == '\t') {
			k++
		}
		if k >= len(tag) || tag[k] != '"' && tag[k] != '\'' {
			return ""
		}
		q := tag[k]
		end := strings.IndexByte(tag[k+1:], q)
		if end < 0 {
			return ""
		}
		v := tag[k+1 : k+1+end]
		return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&quot;", `"`, "&apos;", "'", "&amp;", "&").Replace(v)
	}
	return ""
}

// eventPloverActor is an actor of a PLOVER gold record.
type eventPloverActor struct {
	ActorText string `json:"actorText"`
	Code      string `json:"code"`
}

type eventPloverRecord struct {
	ID     string             `json:"id"`
	Date   string             `json:"date"`
	Text   string             `json:"text"`
	Event  string             `json:"event"`
	Source []eventPloverActor `json:"source"`
	Target []eventPloverActor `json:"target"`
}

// EventReadPlover reads a JSON list of PLOVER gold records (DESIGN.md,
// "Evaluation"): one coding per record; records sharing an id and text are
// one sentence with several codings.
func EventReadPlover(r io.Reader) ([]EventSentence, []EventProblem, error) {
	var recs []eventPloverRecord
	dec := json.NewDecoder(r)
	if err := dec.Decode(&recs); err != nil {
		return nil, nil, fmt.Errorf("%w: PLOVER records: %v", dateline.ErrInvalid, err)
	}
	var out []EventSentence
	var probs []EventProblem
	byKey := map[string]int{}
	for i, rec := range recs {
		if strings.TrimSpace(rec.Text) == "" {
			probs = append(probs, EventProblem{Line: i + 1, Msg: fmt.Sprintf("record %d (%q) without text", i+1, rec.ID)})
			continue
		}
		key := rec.ID + "\x00" + rec.Text
		k, ok := byKey[key]
		if !ok {
			k = len(out)
			byKey[key] = k
			out = append(out, EventSentence{ID: rec.ID, Date: rec.Date, Text: rec.Text, Line: i + 1})
		}
		if rec.Event == "" {
			out[k].NoEvents = true
			continue
		}
		c := EventCoding{Event: strings.ToUpper(rec.Event)}
		for _, a := range rec.Source {
			c.Source = append(c.Source, a.Code)
		}
		for _, a := range rec.Target {
			c.Target = append(c.Target, a.Code)
		}
		out[k].Codings = append(out[k].Codings, c)
	}
	return out, probs, nil
}

// EventCounts accumulates the scores of a test set.
type EventCounts struct {
	Sentences, Gold, Predicted int
	Event, Code, Root          int // gold codings whose aligned prediction has the right PLOVER type, CAMEO code, CAMEO root
	Source, Target, Both, Full int
	Exact                      int // predictions equal to a gold coding (for precision)
	NoEventSents, NoEventOK    int
}

// EventMetrics is what `dateline eval events` prints.
type EventMetrics struct {
	EventAccuracy  float64 `json:"event_accuracy"`  // PLOVER type of the aligned prediction
	CodeAccuracy   float64 `json:"code_accuracy"`   // exact CAMEO code (PETRARCH gold only)
	RootAccuracy   float64 `json:"root_accuracy"`   // CAMEO root (two digits)
	SourceAccuracy float64 `json:"source_accuracy"` // source code
	TargetAccuracy float64 `json:"target_accuracy"`
	BothAccuracy   float64 `json:"both_actors_accuracy"` // source and target
	FullAccuracy   float64 `json:"full_accuracy"`        // code (or PLOVER type without codes), source and target exact
	Precision      float64 `json:"precision"`            // predicted codings that are a gold coding
	NoEventsOK     float64 `json:"noevents_accuracy"`    // sentences that should get no event and got none
	Sentences      int     `json:"sentences"`
	Gold           int     `json:"gold_codings"`
	Predicted      int     `json:"predicted_codings"`
	Full           int     `json:"full_correct"`
}

func eventHas(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// eventNone reports whether an actor list names no actor: empty, or
// PETRARCH's "---" (its gold writes targetcode="---" for a missing target)
// or "" only.
func eventNone(xs []string) bool {
	for _, x := range xs {
		if x != "" && x != "---" {
			return false
		}
	}
	return true
}

// eventSame reports whether two actor lists name the same codes (any of
// the predicted codes for a single gold code); a missing actor is the same
// however it is written.
func eventSame(gold, pred []string) bool {
	if eventNone(gold) {
		return eventNone(pred)
	}
	for _, g := range gold {
		if !eventHas(pred, g) {
			return false
		}
	}
	return true
}

// Add scores one sentence. plover maps a CAMEO code to its PLOVER type.
// Each gold coding is aligned with the unused prediction that agrees with it
// most (PLOVER type, then code, then actors); a gold coding is fully
// correct when its prediction has the same code (the same PLOVER type for
// gold without CAMEO codes) and the same source and target.
func (c *EventCounts) Add(s EventSentence, pred []EventCoding, plover func(string) string) {
	c.Sentences++
	c.Predicted += len(pred)
	if s.NoEvents && len(s.Codings) == 0 {
		c.NoEventSents++
		if len(pred) == 0 {
			c.NoEventOK++
		}
		return
	}
	typ := func(e EventCoding) string {
		if e.Event != "" {
			return e.Event
		}
		return plover(e.Cameo)
	}
	used := make([]bool, len(pred))
	exact := make([]bool, len(pred))
	for _, g := range s.Codings {
		c.Gold++
		best, bestScore := -1, -1
		for i, p := range pred {
			if used[i] {
				continue
			}
			sc := 0
			if typ(p) == typ(g) && typ(g) != "" {
				sc += 8
			}
			if g.Cameo != "" && p.Cameo == g.Cameo {
				sc += 4
			}
			if eventSame(g.Source, p.Source) {
				sc += 2
			}
			if eventSame(g.Target, p.Target) {
				sc++
			}
			if sc > bestScore {
				best, bestScore = i, sc
			}
		}
		if best < 0 {
			continue
		}
		used[best] = true
		p := pred[best]
		typeOK := typ(p) == typ(g) && typ(g) != ""
		codeOK := g.Cameo == "" && typeOK || g.Cameo != "" && p.Cameo == g.Cameo
		srcOK, tgtOK := eventSame(g.Source, p.Source), eventSame(g.Target, p.Target)
		if typeOK {
			c.Event++
		}
		if g.Cameo != "" && p.Cameo == g.Cameo {
			c.Code++
		}
		if len(g.Cameo) >= 2 && len(p.Cameo) >= 2 && g.Cameo[:2] == p.Cameo[:2] {
			c.Root++
		}
		if srcOK {
			c.Source++
		}
		if tgtOK {
			c.Target++
		}
		if srcOK && tgtOK {
			c.Both++
		}
		if codeOK && srcOK && tgtOK {
			c.Full++
			exact[best] = true
		}
	}
	for _, e := range exact {
		if e {
			c.Exact++
		}
	}
}

// Metrics returns the fractions.
func (c *EventCounts) Metrics() EventMetrics {
	frac := func(a, b int) float64 {
		if b == 0 {
			return 0
		}
		return float64(a) / float64(b)
	}
	return EventMetrics{
		EventAccuracy:  frac(c.Event, c.Gold),
		CodeAccuracy:   frac(c.Code, c.Gold),
		RootAccuracy:   frac(c.Root, c.Gold),
		SourceAccuracy: frac(c.Source, c.Gold),
		TargetAccuracy: frac(c.Target, c.Gold),
		BothAccuracy:   frac(c.Both, c.Gold),
		FullAccuracy:   frac(c.Full, c.Gold),
		Precision:      frac(c.Exact, c.Predicted),
		NoEventsOK:     frac(c.NoEventOK, c.NoEventSents),
		Sentences:      c.Sentences,
		Gold:           c.Gold,
		Predicted:      c.Predicted,
		Full:           c.Full,
	}
}

// EventCodings flattens the events of a document into codings, one per
// (source, target) pair, with actor codes ("" when an actor has none).
func EventCodings(doc *dateline.Document) []EventCoding {
	var out []EventCoding
	codes := func(as []dateline.EventActor) []string {
		if len(as) == 0 {
			return []string{""}
		}
		out := make([]string, len(as))
		for i, a := range as {
			out[i] = a.Code
		}
		return out
	}
	for _, e := range doc.Events {
		for _, s := range codes(e.Source) {
			for _, t := range codes(e.Target) {
				out = append(out, EventCoding{Cameo: e.Code, Event: e.Plover, Source: []string{s}, Target: []string{t}, Status: e.Status})
			}
		}
	}
	return out
}
