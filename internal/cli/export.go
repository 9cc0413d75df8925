package cli

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/dateline-news/dateline"
)

// exportPage is how many documents export lists per store query.
const exportPage = 100

// runExport writes the events of every stored document with their
// provenance: the document, its URL, the sentence and the byte offsets.
func runExport(e *env, args []string) int {
	fs := e.flags("export", "export --format plover|gdelt|csv|jsonl [--db PATH] [--out FILE]\n\nWrites the coded events of every stored document with their provenance (URL, sentence, byte offsets).")
	format := fs.String("format", "jsonl", "plover (a JSON list of PLOVER records), gdelt (GDELT-style TSV), csv, jsonl (one event per line)")
	db := fs.String("db", defaultDB(), "SQLite database file (default $DATELINE_DB or ./dateline.db)")
	outPath := fs.String("out", "", "output file (default: stdout)")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() != 0 {
		fs.Usage()
		return exitUsage
	}
	var w exportWriter
	switch *format {
	case "jsonl":
		w = &exportJSONL{}
	case "plover":
		w = &exportPlover{}
	case "csv":
		w = &exportCSV{}
	case "gdelt":
		w = &exportGDELT{}
	default:
		fmt.Fprintf(e.stderr, "dateline export: unknown --format %q (want plover, gdelt, csv or jsonl)\n", *format)
		return exitUsage
	}
	if _, err := os.Stat(*db); err != nil {
		return e.fail("export: %v", err)
	}
	store, err := openStore(e.ctx, *db)
	if err != nil {
		return e.fail("export: %v", err)
	}
	defer store.Close()
	out := e.stdout
	var file *os.File
	if *outPath != "" && *outPath != "-" {
		if file, err = os.Create(*outPath); err != nil {
			return e.fail("export: %v", err)
		}
		out = file
	}
	bw := bufio.NewWriter(out)
	n, err := exportEvents(e.ctx, store, w, bw)
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	if file != nil {
		if cerr := file.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return e.fail("export: %v", err)
	}
	if *outPath != "" && *outPath != "-" {
		fmt.Fprintf(e.stderr, "dateline: exported %d events to %s\n", n, *outPath)
	}
	return exitOK
}

// exportEvents lists every document page by page and writes its events.
func exportEvents(ctx context.Context, store dateline.Store, w exportWriter, out io.Writer) (int, error) {
	if err := w.begin(out); err != nil {
		return 0, err
	}
	n := 0
	for off := 0; ; off += exportPage {
		page, err := store.Documents(ctx, dateline.DocQuery{Limit: exportPage, Offset: off})
		if err != nil {
			return n, err
		}
		for _, sum := range page {
			doc, err := store.Document(ctx, sum.ID)
			if errors.Is(err, dateline.ErrNotFound) {
				continue // deleted meanwhile
			}
			if err != nil {
				return n, err
			}
			for i := range doc.Events {
				if err := w.event(out, exportRecordOf(doc, i)); err != nil {
					return n, err
				}
				n++
			}
		}
		if len(page) < exportPage {
			break
		}
	}
	return n, w.end(out)
}

// exportActor is an event participant with its code.
type exportActor struct {
	ActorText string `json:"actorText"`
	Code      string `json:"code"`
}

// exportRecord is one event with its provenance: the JSONL line.
type exportRecord struct {
	ID        string        `json:"id"` // document ID and event number
	Doc       string        `json:"doc"`
	URL       string        `json:"url,omitempty"`
	Outlet    string        `json:"outlet,omitempty"`
	Published string        `json:"published,omitempty"` // YYYY-MM-DD
	Cameo     string        `json:"cameo"`
	Event     string        `json:"event,omitempty"` // PLOVER type
	Source    []exportActor `json:"source"`
	Target    []exportActor `json:"target"`
	Status    string        `json:"status"`
	Date      string        `json:"date,omitempty"` // the event's time value
	Place     string        `json:"place,omitempty"`
	Trigger   string        `json:"trigger"`
	Sentence  string        `json:"text"`
	Start     int32         `json:"start"` // the sentence's byte offsets in the document text
	End       int32         `json:"end"`
	TrigStart int32         `json:"trigger_start"`
	TrigEnd   int32         `json:"trigger_end"`
	Asserter  string        `json:"asserter,omitempty"` // the quoted source, when not the outlet
}

func exportRecordOf(doc *dateline.Document, i int) exportRecord {
	ev := doc.Events[i]
	actors := func(as []dateline.EventActor) []exportActor {
		out := make([]exportActor, len(as))
		for k, a := range as {
			out[k] = exportActor{ActorText: a.Text, Code: a.Code}
		}
		return out
	}
	r := exportRecord{
		ID:  fmt.Sprintf("%s-%d", doc.ID, i+1),
		Doc: string(doc.ID), URL: doc.Source.URL, Outlet: doc.Source.Outlet,
		Cameo: ev.Code, Event: ev.Plover, Source: actors(ev.Source), Target: actors(ev.Target),
		Status: ev.Status, Date: ev.TimeValue, Place: ev.Place,
		Trigger: ev.Trigger.In(doc.Text), Sentence: ev.Evidence.In(doc.Text),
		Start: ev.Evidence.Start, End: ev.Evidence.End, TrigStart: ev.Trigger.Start, TrigEnd: ev.Trigger.End,
	}
	if !doc.Published.IsZero() {
		r.Published = doc.Published.Format("2006-01-02")
	}
	if ev.Time >= 0 && ev.Time < len(doc.Times) && r.Date == "" {
		r.Date = doc.Times[ev.Time].Value
	}
	if ev.Asserter >= 0 && ev.Asserter < len(doc.Quotes) {
		q := doc.Quotes[ev.Asserter]
		if q.Speaker >= 0 && q.Speaker < len(doc.Mentions) {
			r.Asserter = doc.Mentions[q.Speaker].In(doc.Text)
		} else {
			r.Asserter = q.Source.In(doc.Text)
		}
	}
	return r
}

// exportWriter writes events in one format.
type exportWriter interface {
	begin(w io.Writer) error
	event(w io.Writer, r exportRecord) error
	end(w io.Writer) error
}

type exportJSONL struct{}

func (exportJSONL) begin(io.Writer) error { return nil }
func (exportJSONL) end(io.Writer) error   { return nil }
func (exportJSONL) event(w io.Writer, r exportRecord) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// exportPlover writes a JSON list of PLOVER records (the gold format of
// `dateline eval events`, with provenance fields added).
type exportPlover struct{ n int }

func (p *exportPlover) begin(w io.Writer) error { _, err := io.WriteString(w, "["); return err }
func (p *exportPlover) end(w io.Writer) error {
	if p.n == 0 {
		_, err := io.WriteString(w, "]\n")
		return err
	}
	_, err := io.WriteString(w, "\n]\n")
	return err
}
func (p *exportPlover) event(w io.Writer, r exportRecord) error {
	sep := ",\n  "
	if p.n == 0 {
		sep = "\n  "
	}
	p.n++
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, sep+string(b))
	return err
}

// exportCSV writes one row per event with a header.
type exportCSV struct{ cw *csv.Writer }

func (c *exportCSV) begin(w io.Writer) error {
	c.cw = csv.NewWriter(w)
	return c.cw.Write([]string{"id", "doc", "url", "published", "cameo", "plover", "source", "source_code", "target", "target_code",
		"status", "date", "place", "trigger", "trigger_start", "trigger_end", "start", "end", "sentence", "asserter"})
}
func (c *exportCSV) end(io.Writer) error { c.cw.Flush(); return c.cw.Error() }
func (c *exportCSV) event(_ io.Writer, r exportRecord) error {
	names, codes := exportJoin(r.Source)
	tnames, tcodes := exportJoin(r.Target)
	return c.cw.Write([]string{r.ID, r.Doc, r.URL, r.Published, r.Cameo, r.Event, names, codes, tnames, tcodes,
		r.Status, r.Date, r.Place, r.Trigger, itoa32(r.TrigStart), itoa32(r.TrigEnd), itoa32(r.Start), itoa32(r.End), r.Sentence, r.Asserter})
}

func itoa32(n int32) string { return strconv.Itoa(int(n)) }

func exportJoin(as []exportActor) (names, codes string) {
	n := make([]string, len(as))
	c := make([]string, len(as))
	for i, a := range as {
		n[i], c[i] = a.ActorText, a.Code
	}
	return strings.Join(n, "; "), strings.Join(c, "; ")
}

// exportGDELT writes the GDELT event-table columns dateline can fill
// (named as in the GDELT 2.0 codebook), tab-separated with a header, one
// row per source-target pair, followed by dateline's own columns.
type exportGDELT struct{ n int }

func (g *exportGDELT) begin(w io.Writer) error {
	header := []string{"GlobalEventID", "Day", "Actor1Code", "Actor1Name", "Actor2Code", "Actor2Name",
		"IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "ActionGeo_FullName", "SOURCEURL",
		"Status", "EventDate", "Sentence", "SentenceStart", "SentenceEnd", "DocID"}
	_, err := io.WriteString(w, strings.Join(header, "\t")+"\n")
	return err
}
func (g *exportGDELT) end(io.Writer) error { return nil }
func (g *exportGDELT) event(w io.Writer, r exportRecord) error {
	srcs, tgts := r.Source, r.Target
	if len(srcs) == 0 {
		srcs = []exportActor{{}}
	}
	if len(tgts) == 0 {
		tgts = []exportActor{{}}
	}
	day := strings.ReplaceAll(r.Published, "-", "")
	base, root := r.Cameo, r.Cameo
	if len(base) > 3 {
		base = base[:3]
	}
	if len(root) > 2 {
		root = root[:2]
	}
	for _, s := range srcs {
		for _, t := range tgts {
			g.n++
			row := []string{strconv.Itoa(g.n), day, s.Code, s.ActorText, t.Code, t.ActorText,
				"0", r.Cameo, base, root, exportQuadClass(root), r.Place, r.URL,
				r.Status, r.Date, r.Sentence, itoa32(r.Start), itoa32(r.End), r.Doc}
			for i := range row {
				row[i] = exportTSVField(row[i])
			}
			if _, err := io.WriteString(w, strings.Join(row, "\t")+"\n"); err != nil {
				return err
			}
		}
	}
	return nil
}

// exportQuadClass is GDELT's quad class of a CAMEO root: 1 verbal
// cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
func exportQuadClass(root string) string {
	n, err := strconv.Atoi(root)
	switch {
	case err != nil:
		return ""
	case n <= 5:
		return "1"
	case n <= 8:
		return "2"
	case n <= 13:
		return "3"
	}
	return "4"
}

func exportTSVField(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s)
}
