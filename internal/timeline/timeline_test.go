package timeline

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/dateline-news/dateline"
)

// ev is a compact event for table tests: "src code tgt status when",
// with actors named by CAMEO code ("UKRGOV 042 USA planned 2025-08-18";
// "-" for none; when "-" for the report date).
func ev(spec string) dateline.Event {
	f := strings.Fields(spec)
	side := func(s string) []dateline.EventActor {
		if s == "-" {
			return nil
		}
		var out []dateline.EventActor
		for _, c := range strings.Split(s, "+") {
			out = append(out, dateline.EventActor{Actor: -1, Text: c, Code: c})
		}
		return out
	}
	e := dateline.Event{Source: side(f[0]), Code: f[1], Target: side(f[2]), Status: f[3], Time: -1, Asserter: -1}
	if f[4] != "-" {
		e.TimeValue = strings.ReplaceAll(f[4], "_", " ")
	}
	return e
}

// report is a document published on pub with events; the text holds one
// sentence per event so that evidence spans are valid.
func report(id, pub string, specs ...string) *dateline.Document {
	p, _ := time.Parse(time.DateOnly, pub)
	d := &dateline.Document{ID: dateline.DocID(id), Published: p}
	var b strings.Builder
	for _, s := range specs {
		e := ev(s)
		start := int32(b.Len())
		b.WriteString("Event “" + e.Code + "” told – here.\n")
		e.Evidence = dateline.Span{Start: start, End: int32(b.Len() - 1)}
		e.Trigger = dateline.Span{Start: start, End: start + 5}
		if e.TimeValue != "" && !strings.Contains(e.TimeValue, " ") {
			// A date the text gives: a time expression.
			e.Time = len(d.Times)
			d.Times = append(d.Times, dateline.TimeExpr{Span: e.Trigger, Type: dateline.TimeDate, Value: e.TimeValue, Anchor: -1})
		}
		d.Events = append(d.Events, e)
	}
	d.Text = b.String()
	return d
}

func TestBuild(t *testing.T) {
	for _, c := range []struct {
		name string
		docs []*dateline.Document
		want []string // "when code status reports"
	}{
		{"one event two reports",
			[]*dateline.Document{
				report("a", "2025-08-15", "RUSGOV 042 USA happened 2025-08-15"),
				report("b", "2025-08-19", "RUSGOV 042 USA happened -"),
			},
			[]string{"2025-08-15 042 happened 2"}},
		{"different dates stay apart",
			[]*dateline.Document{
				report("a", "2025-08-15", "RUSGOV 042 USA happened 2025-08-15"),
				report("b", "2025-09-30", "RUSGOV 042 USA happened 2025-09-30"),
			},
			[]string{"2025-08-15 042 happened 1", "2025-09-30 042 happened 1"}},
		{"different actors stay apart",
			[]*dateline.Document{report("a", "2025-08-15", "RUSGOV 042 USA happened -", "UKRGOV 042 USA happened -")},
			[]string{"2025-08-15 042 happened 1", "2025-08-15 042 happened 1"}},
		{"plan then happened: finer date, later status",
			[]*dateline.Document{
				report("a", "2025-08-15", "UKRGOV 042 USA planned 2025-08-18"),
				report("b", "2025-08-19", "UKRGOV 043 USAGOV happened 2025-08-18"),
			},
			[]string{"2025-08-18 042 happened 2"}},
		{"negation does not merge with the fact",
			[]*dateline.Document{report("a", "2025-08-15", "USAGOV 0871 RUSGOV happened -", "USAGOV 0871 RUSGOV not_happened -")},
			[]string{"2025-08-15 0871 happened 1", "2025-08-15 0871 not_happened 1"}},
		{"ordered by event date, not report date",
			[]*dateline.Document{
				report("a", "2025-08-15", "USAGOV 130 RUS happened before_2025-08-15", "RUS 190 UKR ongoing since_2022-02-24", "UKRGOV 042 USA planned 2025-08-18"),
			},
			[]string{"since 2022-02-24 190 ongoing 1", "before 2025-08-15 130 happened 1", "2025-08-18 042 planned 1"}},
		{"statements stay out",
			[]*dateline.Document{report("a", "2025-08-15", "USAGOV 010 - happened -")},
			nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := Build(c.docs, Options{})
			var gs []string
			for _, e := range got {
				v := e.When.Value
				if e.When.Rel != "" {
					v = map[string]string{RelBefore: "before ", RelAfter: "after ", RelOngoing: "since "}[e.When.Rel] + v
				}
				gs = append(gs, strings.Join([]string{v, e.Code, e.Status, string(rune('0' + e.Reports))}, " "))
				for _, m := range e.Mentions {
					if !m.Span.Valid(len(c.docs[0].Text)) && !m.Span.Valid(len(c.docs[len(c.docs)-1].Text)) {
						t.Errorf("mention span %v out of bounds", m.Span)
					}
				}
			}
			if strings.Join(gs, "|") != strings.Join(c.want, "|") {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(gs, "\n  "), strings.Join(c.want, "\n  "))
			}
		})
	}
}

func TestFollow(t *testing.T) {
	announce := report("a", "2025-08-15", "UKRGOV 042 USA planned 2025-08-18")
	for _, c := range []struct {
		name  string
		later []*dateline.Document
		now   string
		want  string // status due
	}{
		{"no news yet", nil, "2025-08-17", "expected 2025-08-18"},
		{"no news past the grace period", nil, "2025-08-23", "missed 2025-08-18"},
		{"met on the day", []*dateline.Document{report("b", "2025-08-19", "UKRGOV 036 USAGOV happened 2025-08-18")}, "2025-08-30", "happened 2025-08-18"},
		{"told without a date", []*dateline.Document{report("b", "2025-08-18", "USAGOV 043 UKRGOV happened -")}, "", "happened 2025-08-18"},
		{"moved to a later date", []*dateline.Document{report("b", "2025-08-17", "UKRGOV 042 USA planned 2025-08-25")}, "2025-08-20", "postponed 2025-08-25"},
		{"postponed then happened", []*dateline.Document{
			report("b", "2025-08-17", "UKRGOV 042 USA planned 2025-08-25"),
			report("c", "2025-08-26", "UKRGOV 042 USA happened 2025-08-25"),
		}, "2025-09-30", "happened 2025-08-25"},
		{"called off", []*dateline.Document{report("b", "2025-08-17", "UKRGOV 042 USA not_happened -")}, "2025-08-30", "cancelled 2025-08-18"},
		{"another actor's visit settles nothing", []*dateline.Document{report("b", "2025-08-19", "FRAGOV 042 USA happened 2025-08-18")}, "2025-08-19", "expected 2025-08-18"},
		{"an older visit settles nothing", []*dateline.Document{report("b", "2025-08-16", "UKRGOV 042 USA happened 2024-12-01")}, "2025-08-16", "expected 2025-08-18"},
		{"happened late, after being missed", []*dateline.Document{report("b", "2025-08-30", "UKRGOV 042 USA happened 2025-08-20")}, "", "happened 2025-08-18"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var now time.Time
			if c.now != "" {
				now, _ = time.Parse(time.DateOnly, c.now)
			}
			got := Follow(append([]*dateline.Document{announce}, c.later...), 48*time.Hour, now)
			if len(got) != 1 {
				t.Fatalf("got %d expectations, want 1: %+v", len(got), got)
			}
			if s := got[0].Status + " " + got[0].Due.Value; s != c.want {
				t.Errorf("got %s, want %s", s, c.want)
			}
		})
	}
}

func BenchmarkBuild(b *testing.B) {
	var docs []*dateline.Document
	for i := range 200 {
		day := time.Date(2025, 8, 1+i%28, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
		docs = append(docs, report(string(rune('a'+i%26))+day+string(rune('0'+i/26)), day,
			"RUSGOV 042 USA happened -", "USAGOV 036 UKRGOV planned 2025-09-01", "RUS 190 UKR ongoing -", "UKRGOV 0871 RUS not_happened -"))
	}
	for b.Loop() {
		Build(docs, Options{})
	}
	b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "articles/s")
}

// sentenceDoc builds a one-sentence document from space-separated words;
// "[Name|TYPE]" marks a one-word mention of an actor.
func sentenceDoc(text string) *dateline.Document {
	doc := &dateline.Document{ID: "p", Published: time.Date(2025, 8, 15, 0, 0, 0, 0, time.UTC)}
	var b strings.Builder
	actors := map[string]int{}
	for i, f := range strings.Fields(text) {
		if i > 0 {
			b.WriteByte(' ')
		}
		start := int32(b.Len())
		name, typ, isMention := strings.Cut(strings.Trim(f, "[]"), "|")
		if !isMention || f[0] != '[' {
			name = f
		}
		b.WriteString(name)
		sp := dateline.Span{Start: start, End: int32(b.Len())}
		doc.Tokens = append(doc.Tokens, dateline.Token{Span: sp, Head: -1})
		if isMention && f[0] == '[' {
			a, ok := actors[name]
			if !ok {
				a = len(doc.Actors)
				actors[name] = a
				doc.Actors = append(doc.Actors, dateline.DocActor{Name: name, Type: typ})
			}
			doc.Mentions = append(doc.Mentions, dateline.Mention{Span: sp, Type: typ, Actor: a})
		}
	}
	doc.Text = b.String()
	doc.Sentences = []dateline.Sentence{{Span: dateline.Span{End: int32(len(doc.Text))}, Tokens: [2]int32{0, int32(len(doc.Tokens))}}}
	return doc
}

func TestPositions(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"[Trump|PERSON] wanted [Ukraine|GPE] to agree on a ceasefire in order to work towards a peace deal .", "Trump: ceasefire first, then peace deal"},
		{"[Zelenskyy|PERSON] wanted security guarantees before committing to a ceasefire .", "Zelenskyy: security guarantees first, then ceasefire"},
		{"with [Kyiv|GPE] insisting on guarantees before any halt in hostilities .", "Kyiv: security guarantees first, then ceasefire"},
		{"despite [Putin|PERSON] ’s ceasefire refusals .", "Putin: refuses ceasefire"},
		{"[Putin|PERSON] has refused to agree to a truce .", "Putin: refuses ceasefire"},
		{"[Moscow|GPE] rejected the ceasefire .", "Moscow: against ceasefire"},
		{"[Paris|GPE] does not want a ceasefire .", "Paris: against ceasefire"},
		{"[Berlin|GPE] supports a ceasefire .", "Berlin: for ceasefire"},
		{"if [Putin|PERSON] refused to sign a ceasefire .", ""},
		{"the president came to [Washington|GPE] seeking guarantees .", ""},
		{"[Trump|PERSON] wanted a quick visit .", ""},
		{"The president said nothing .", ""},
	} {
		ps := Positions([]*dateline.Document{sentenceDoc(c.in)})
		got := ""
		if len(ps) > 0 {
			got = ps[0].Actor.Name + ": " + ps[0].Summary
		}
		if got != c.want {
			t.Errorf("%q: got %q, want %q", c.in, got, c.want)
		}
	}
}

func TestTaskDate(t *testing.T) {
	for in, want := range map[string]string{
		"2010-06-07": "2010-06-07", "2010-06": "2010-06-XX", "2010": "2010-XX-XX", "2010-W23": "2010-XX-XX",
		"2010-06-07T10:00": "2010-06-07", "PRESENT_REF": "", "201": "", "XXXX-06-07": "",
	} {
		if got := taskDate(in); got != want {
			t.Errorf("taskDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEntityTimeline(t *testing.T) {
	// "Acme bought Widgets in 2009 . Acme sold it ." with a parse: the verbs
	// govern Acme; the first is dated by its year, the second by the report.
	doc := &dateline.Document{ID: "d1", Published: time.Date(2010, 3, 1, 0, 0, 0, 0, time.UTC)}
	words := []struct {
		w, upos, xpos string
		head          int32
	}{
		{"Acme", "PROPN", "NNP", 1}, {"bought", "VERB", "VBD", -1}, {"Widgets", "PROPN", "NNP", 1}, {"in", "ADP", "IN", 4}, {"2009", "NUM", "CD", 1}, {".", "PUNCT", ".", 1},
		{"Acme", "PROPN", "NNP", 7}, {"sold", "VERB", "VBD", -1}, {"it", "PRON", "PRP", 7}, {".", "PUNCT", ".", 7},
	}
	var b strings.Builder
	for i, w := range words {
		if i > 0 {
			b.WriteByte(' ')
		}
		s := int32(b.Len())
		b.WriteString(w.w)
		doc.Tokens = append(doc.Tokens, dateline.Token{Span: dateline.Span{Start: s, End: int32(b.Len())}, UPOS: w.upos, XPOS: w.xpos, Head: w.head})
	}
	doc.Text = b.String()
	doc.Sentences = []dateline.Sentence{
		{Span: dateline.Span{Start: 0, End: doc.Tokens[5].End}, Tokens: [2]int32{0, 6}},
		{Span: dateline.Span{Start: doc.Tokens[6].Start, End: doc.Tokens[9].End}, Tokens: [2]int32{6, 10}},
	}
	doc.Times = []dateline.TimeExpr{{Span: doc.Tokens[4].Span, Type: dateline.TimeDate, Value: "2009", Anchor: -1}}
	lines := EntityTimeline([]*dateline.Document{doc}, "Acme")
	var got []string
	for _, l := range lines {
		for _, e := range l.Events {
			got = append(got, strings.Join([]string{string(rune('0' + l.Order)), l.Date, doc.Tokens[e.Token].Span.In(doc.Text)}, " "))
		}
	}
	if want := "1 2009-XX-XX bought|2 2010-03-01 sold"; strings.Join(got, "|") != want {
		t.Errorf("got %q, want %q", strings.Join(got, "|"), want)
	}
}

func BenchmarkPositions(b *testing.B) {
	var docs []*dateline.Document
	for i := range 100 {
		d := sentenceDoc("with [Kyiv|GPE] insisting on guarantees before any halt in hostilities , [Trump|PERSON] wanted a ceasefire in order to work towards a peace deal while [Putin|PERSON] refused a truce .")
		d.ID = dateline.DocID(rune('a' + i))
		docs = append(docs, d)
	}
	for b.Loop() {
		Positions(docs)
	}
	b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "articles/s")
}

func TestAnalyseJSON(t *testing.T) {
	docs := []*dateline.Document{
		report("a", "2025-08-15", "UKRGOV 042 USA planned 2025-08-18", "RUSGOV 042 USA happened 2025-08-15"),
		report("b", "2025-08-19", "UKRGOV 036 USAGOV happened 2025-08-18"),
	}
	s := Analyse(docs, Options{}, time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC))
	if len(s.Timeline) != 2 || len(s.Expectations) != 1 || s.Expectations[0].Status != Happened {
		t.Fatalf("story %+v", s)
	}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var back Story
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.Timeline[1].When.Value != "2025-08-18" || !back.Timeline[1].When.Start.Equal(s.Timeline[1].When.Start) || back.Expectations[0].Due.Precision != PrecDay {
		t.Errorf("round trip lost data: %s", b)
	}
}

func TestSpeakerName(t *testing.T) {
	text := "Putin and Trump both said so. Officials said no. A man said yes."
	doc := &dateline.Document{Text: text,
		Mentions: []dateline.Mention{
			{Span: dateline.Span{Start: 0, End: 5}, Type: dateline.EntPerson, Actor: 0},
			{Span: dateline.Span{Start: 10, End: 15}, Type: dateline.EntPerson, Actor: 1},
			{Span: dateline.Span{Start: 49, End: 54}, Type: dateline.EntPerson, Actor: -1},
		},
		Actors: []dateline.DocActor{{Name: "Vladimir Putin"}, {Name: "Donald Trump"}},
		Quotes: []dateline.Quote{
			{Source: dateline.Span{Start: 0, End: 15}, Speaker: 1, CoSpeakers: []int{0}},
			{Source: dateline.Span{Start: 30, End: 39}, Speaker: -1},
			{Source: dateline.Span{Start: 49, End: 54}, Speaker: 2, CoSpeakers: []int{7}}, // out of range: left out
		},
	}
	for q, want := range []string{"Donald Trump & Vladimir Putin", "Officials", "A man"} {
		if got := speakerName(doc, q); got != want {
			t.Errorf("quote %d: %q, want %q", q, got, want)
		}
	}
}
