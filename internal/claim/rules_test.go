package claim

import (
	"strings"
	"testing"
	"time"

	"github.com/dateline-news/dateline"
)

// sentence builds a one-sentence document from words separated by spaces
// (lemmas: the lower-case words; "word/LEMMA/UPOS" sets them).
func sentence(text string) (*dateline.Document, *unit) {
	doc := &dateline.Document{ID: "t", Published: time.Date(2025, 8, 15, 0, 0, 0, 0, time.UTC)}
	var b strings.Builder
	for i, f := range strings.Fields(text) {
		parts := strings.Split(f, "/")
		if i > 0 {
			b.WriteByte(' ')
		}
		start := int32(b.Len())
		b.WriteString(parts[0])
		tok := dateline.Token{Span: dateline.Span{Start: start, End: int32(b.Len())}, Head: -1}
		if len(parts) > 1 {
			tok.Lemma = parts[1]
		}
		if len(parts) > 2 {
			tok.UPOS = parts[2]
		}
		doc.Tokens = append(doc.Tokens, tok)
	}
	doc.Text = b.String()
	doc.Sentences = []dateline.Sentence{{Span: dateline.Span{End: int32(len(doc.Text))}, Tokens: [2]int32{0, int32(len(doc.Tokens))}}}
	return doc, units([]*dateline.Document{doc})[0]
}

func TestNoOutcome(t *testing.T) {
	for _, c := range []struct{ in, cue string }{
		{"The meeting ended without a ceasefire agreement .", "without a ceasefire"},
		{"They did not announce any steps/step toward peace .", "not announce any steps"},
		{"The talks did n't produce a deal .", "n't produce a deal"},
		{"Concrete results/result remained elusive .", "results remained elusive"},
		{"The lack of progress was clear .", "lack of progress"},
		{"The failed summit in Alaska .", "failed summit"},
		{"With the talks/talk failing to produce results/result .", "failing to produce results"},
		{"The summit failed .", "summit failed"},
		{"The leaders reached a ceasefire agreement .", ""},
		{"They made progress , but no one was surprised .", ""},
		{"Without these , Putin would break any agreement .", ""},
		{"The talks took place without Ukraine’s president .", ""},
	} {
		doc, u := sentence(c.in)
		sp, ok := noOutcome(u)
		if got := sp.In(doc.Text); ok != (c.cue != "") || got != c.cue {
			t.Errorf("noOutcome(%q) = %q %v, want %q", c.in, got, ok, c.cue)
		}
	}
}

func TestViewpoint(t *testing.T) {
	pub := time.Date(2025, 8, 15, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		in         string
		pro, retro string
	}{
		{"The talks/talk in Alaska are taking place today .", "are taking place", ""},
		{"The presidents were supposed to discuss a deal at the meeting .", "supposed to discuss", ""},
		{"The meeting concluded/conclude/VERB on Friday .", "", "concluded"},
		{"They did not mention a ceasefire after the talks/talk .", "", "after the talks"},
		{"The upcoming meetings will discuss/discuss security .", "", ""},
		{"The venue carried symbolic weight .", "", ""},
	} {
		doc, u := sentence(c.in)
		e, ok := viewpoint(u, pub, true)
		if got := e.Span.In(doc.Text); ok != (c.pro != "") || got != c.pro {
			t.Errorf("prospective(%q) = %q, want %q", c.in, got, c.pro)
		}
		e, ok = viewpoint(u, pub, false)
		if got := e.Span.In(doc.Text); ok != (c.retro != "") || got != c.retro {
			t.Errorf("retrospective(%q) = %q, want %q", c.in, got, c.retro)
		}
	}
}

func TestFits(t *testing.T) {
	for _, c := range []struct {
		actual, stated float64
		mod            string
		want           bool
	}{
		{3.47, 3, "LESS_THAN", false}, // "nearly three years" of a war 3½ years old
		{2.8, 3, "LESS_THAN", true},
		{3.47, 3, "", true}, // "three years of war"
		{4.1, 3, "", false},
		{9.88, 10, "MORE_THAN", false}, // "over a decade" after 9 years 11 months
		{9.88, 10, "APPROX", true},     // "ten years"
		{10.5, 10, "MORE_THAN", true},
		{3.47, 3, "APPROX", true},
		{5, 3, "APPROX", false},
	} {
		if got := fits(c.actual, c.stated, c.mod); got != c.want {
			t.Errorf("fits(%v, %v, %q) = %v, want %v", c.actual, c.stated, c.mod, got, c.want)
		}
	}
}

func TestSmallReaders(t *testing.T) {
	for s, want := range map[string]int{"first": 1, "third": 3, "3rd": 3, "21st": 21, "100th": 100, "th": 0, "3x": 0, "": 0} {
		if got := ordinal(s); got != want {
			t.Errorf("ordinal(%q) = %d, want %d", s, got, want)
		}
	}
	for s, want := range map[string]float64{"12": 12, "1,200": 1200, "2.5": 2.5, "three": 3, "x": -1, "": -1, ",": -1} {
		got, ok := number(s)
		if ok != (want >= 0) || ok && got != want {
			t.Errorf("number(%q) = %v %v, want %v", s, got, ok, want)
		}
	}
	for s, want := range map[string]float64{"P10Y": 10, "P1DE": 10, "P6M": 0.5, "PT2H": -1, "P": -1, "PXY": -1} {
		got, ok := years(s)
		if ok != (want >= 0) || ok && got != want {
			t.Errorf("years(%q) = %v %v, want %v", s, got, ok, want)
		}
	}
}

func TestReadFacts(t *testing.T) {
	fs, err := DefaultFacts()
	if err != nil || fs.Len() == 0 {
		t.Fatalf("DefaultFacts: %v (%d facts)", err, fs.Len())
	}
	if got := fs.startsNamedIn("as the war in ukraine goes on"); len(got) != 1 || got[0].Date.Format(time.DateOnly) != "2022-02-24" {
		t.Errorf("start of the war in Ukraine: %+v", got)
	}
	if v := fs.lastVisit("Vladimir Putin", "United States", time.Date(2025, 8, 15, 0, 0, 0, 0, time.UTC)); v == nil || v.Date.Year() != 2015 {
		t.Errorf("Putin's last visit before 2025-08-15: %+v", v)
	}
	for _, bad := range []string{
		"start\t2022-02-24\tRussia\n",
		"war\t2022-02-24\tRussia\t190\tUkraine\tname\n",
		"start\t24.02.2022\tRussia\t190\tUkraine\tname\n",
		"start\t2022-02-24\tRussia\t190\tUkraine\t\n",
	} {
		if _, err := ReadFacts(strings.NewReader(bad)); err == nil {
			t.Errorf("ReadFacts(%q): no error", bad)
		}
	}
}

func FuzzReadFacts(f *testing.F) {
	f.Add("start\t2022-02-24\tRussia\t190\tUkraine\tthe war\twar in ukraine|the war\n")
	f.Add("# comment\n\nvisit\t2015-09-28\tVladimir Putin\t042\tUnited States\tUNGA\n")
	f.Add("start\t2022-02-30\t\t\t\tx\n")
	f.Fuzz(func(t *testing.T, s string) {
		fs, err := ReadFacts(strings.NewReader(s))
		if err != nil {
			return
		}
		_ = fs.startsNamedIn(strings.ToLower(s))
		_ = fs.lastVisit("Vladimir Putin", "United States", time.Now())
	})
}

func FuzzFold(f *testing.F) {
	f.Add("The summit ended without a ceasefire agreement – the first visit in a decade .")
	f.Add("“No deal” , they said ’ .")
	f.Fuzz(func(t *testing.T, s string) {
		doc, _ := sentence(s)
		doc.Times = []dateline.TimeExpr{{Span: dateline.Span{Start: 0, End: int32(min(3, len(doc.Text)))}, Type: dateline.TimeDuration, Value: "P10Y", Anchor: -1}}
		cs := Fold([]*dateline.Document{doc}, Options{Singletons: true})
		for _, c := range cs {
			for _, m := range c.Mentions {
				if !m.Span.Valid(len(doc.Text)) || !m.Cue.Valid(len(doc.Text)) {
					t.Fatalf("bad spans %v %v", m.Span, m.Cue)
				}
			}
		}
		fs, _ := DefaultFacts()
		_ = Check([]*dateline.Document{doc}, cs, fs)
	})
}

func TestCrossReportDates(t *testing.T) {
	mk := func(id, date string, shared bool) *dateline.Document {
		d := &dateline.Document{ID: dateline.DocID(id), Text: "Putin visited the United States on that day ."}
		sent := dateline.Span{End: int32(len(d.Text))}
		d.Times = []dateline.TimeExpr{{Span: dateline.Span{Start: 30, End: 41}, Type: dateline.TimeDate, Value: date, Anchor: -1}}
		ev := dateline.Event{Code: "042", Source: []dateline.EventActor{{Actor: -1, Text: "Putin"}}, Target: []dateline.EventActor{{Actor: -1, Text: "United States"}},
			Status: dateline.StatusHappened, Time: 0, Evidence: sent, Trigger: dateline.Span{Start: 6, End: 13}, Asserter: -1}
		d.Events = []dateline.Event{ev}
		if shared {
			other := ev
			other.Code, other.Trigger = "036", dateline.Span{Start: 0, End: 5}
			d.Events = append(d.Events, other)
		}
		return d
	}
	for _, c := range []struct {
		name  string
		docs  []*dateline.Document
		flags int
	}{
		{"same date", []*dateline.Document{mk("a", "2025-08-15", false), mk("b", "2025-08-15", false)}, 0},
		{"different dates", []*dateline.Document{mk("a", "2025-08-15", false), mk("b", "2025-08-18", false)}, 1},
		{"one report", []*dateline.Document{mk("a", "2025-08-15", false)}, 0},
		{"time shared by two events", []*dateline.Document{mk("a", "2025-08-15", false), mk("b", "2025-08-18", true)}, 0},
	} {
		cs := Fold(c.docs, Options{})
		n := 0
		for _, f := range Check(c.docs, cs, nil) {
			if f.Kind == FlagDate {
				n++
				if len(f.Evidence) != 2 || f.Evidence[0].Doc == f.Evidence[1].Doc {
					t.Errorf("%s: evidence %+v", c.name, f.Evidence)
				}
			}
		}
		if n != c.flags {
			t.Errorf("%s: %d date flags, want %d", c.name, n, c.flags)
		}
	}
}

func TestCrossReportNumbers(t *testing.T) {
	mk := func(id, text string) *dateline.Document {
		d, _ := sentence(text)
		d.ID = dateline.DocID(id)
		d.Events = []dateline.Event{{Code: "190", Source: []dateline.EventActor{{Actor: -1, Text: "rebels"}},
			Status: dateline.StatusHappened, Time: -1, Evidence: d.Sentences[0].Span, Trigger: d.Tokens[1].Span, Asserter: -1}}
		return d
	}
	for _, c := range []struct {
		a, b  string
		flags int
	}{
		{"Rebels attacked/attack/VERB ; 12 people/person/NOUN died .", "Rebels attacked/attack/VERB ; 15 people/person/NOUN died .", 1},
		{"Rebels attacked/attack/VERB ; 12 people/person/NOUN died .", "Rebels attacked/attack/VERB ; twelve people/person/NOUN died .", 0},
		{"Rebels attacked/attack/VERB ; 12 people/person/NOUN died .", "Rebels attacked/attack/VERB ; 3 soldiers/soldier/NOUN died .", 0},
	} {
		docs := []*dateline.Document{mk("a", c.a), mk("b", c.b)}
		n := 0
		for _, f := range Check(docs, Fold(docs, Options{}), nil) {
			if f.Kind == FlagNumber {
				n++
			}
		}
		if n != c.flags {
			t.Errorf("%q / %q: %d number flags, want %d", c.a, c.b, n, c.flags)
		}
	}
}

func TestFactsStarts(t *testing.T) {
	fs, err := ReadFacts(strings.NewReader("start\t2022-02-24\tRussia\t190\tUkraine\tThe War\twar in ukraine| invasion \n" +
		"visit\t2015-09-28\tVladimir Putin\t042\tUnited States\tPutin at the UN\tun visit\n"))
	if err != nil {
		t.Fatal(err)
	}
	got := fs.Starts()
	want := time.Date(2022, 2, 24, 0, 0, 0, 0, time.UTC)
	for _, k := range []string{"the war", "war in ukraine", "invasion"} {
		if d, ok := got[k]; !ok || !d.Equal(want) {
			t.Errorf("Starts()[%q] = %v, %v; want %v", k, d, ok, want)
		}
	}
	if len(got) != 3 {
		t.Errorf("Starts() = %v: a visit is not a start", got)
	}
}
