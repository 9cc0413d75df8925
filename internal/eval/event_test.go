package eval

import (
	"math"
	"strings"
	"testing"

	"github.com/dateline-news/dateline"
)

// A validation file in PETRARCH's layout, with our own sentences.
const eventXML = `<?xml version='1.0' encoding='utf-8'?>
<Validation>
##########################
# a comment line
##########################
<Environment><Verbfile>CAMEO.2.0.txt</Verbfile></Environment>
<Sentences>
<Sentence category="OWN" date="20250815" id="OWN_1" evaluate="true"/>
<EventCoding eventcode="042" sourcecode="RUSGOV" targetcode="USA" />
<Text>
Putin visited Alaska on Friday,
officials said.
</Text>
<Parse>
1	Putin	Putin	PROPN	NNP	_	2	nsubj	_	_
</Parse></Sentence>

<Sentence date="19950101" id="OWN-2" category="DEMO" sentence="true">
<!-- a comment
   over two lines -->
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<EventCoding sourcecode="GON" targetcode="ARN" eventcode="064"></EventCoding>
<Text>Arnor &amp; Gondor share intelligence.</Text>
</Sentence>

<Sentence id="OWN_3" date="20250101">
<EventCoding noevents="True" />
<Text>
The weather was fine.
</Text>
</Sentence>

<Sentence id="OWN_4" date="20250101">
<EventCoding eventcode="190" sourcecode="A" targetcode="B" />
<Text>
</Text>
<EventCoding sourcecode="A" targetcode="B" />
<Sentence id="OWN_5">
<Text>No coding here.</Text>
</Sentences>
`

func TestEventReadPetrarch(t *testing.T) {
	sents, probs, err := EventReadPetrarch(strings.NewReader(eventXML))
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) != 3 {
		t.Fatalf("sentences = %d: %+v", len(sents), sents)
	}
	if s := sents[0]; s.ID != "OWN_1" || s.Date != "20250815" || s.Text != "Putin visited Alaska on Friday, officials said." ||
		len(s.Codings) != 1 || s.Codings[0].Cameo != "042" || s.Codings[0].Source[0] != "RUSGOV" {
		t.Errorf("sentence 1 = %+v", s)
	}
	if s := sents[1]; len(s.Codings) != 2 || s.Category != "DEMO" {
		t.Errorf("sentence 2 = %+v", s)
	}
	if s := sents[2]; !s.NoEvents || len(s.Codings) != 0 {
		t.Errorf("sentence 3 = %+v", s)
	}
	// OWN_4 has no text, an <EventCoding> without a code; OWN_5 no coding.
	var msgs []string
	for _, p := range probs {
		msgs = append(msgs, p.String())
	}
	want := []string{"line 37: <EventCoding> without an eventcode", "line 33: sentence \"OWN_4\" without text", "line 38: sentence \"OWN_5\" without an <EventCoding>"}
	if strings.Join(msgs, "|") != strings.Join(want, "|") {
		t.Errorf("problems:\n%s\nwant\n%s", strings.Join(msgs, "\n"), strings.Join(want, "\n"))
	}
}

func TestXMLAttr(t *testing.T) {
	for _, tc := range []struct{ tag, name, want string }{
		{`<E eventcode="042" sourcecode="USA"/>`, "eventcode", "042"},
		{`<E eventcode="042" sourcecode="USA"/>`, "code", ""},
		{`<E xid="1" id="2">`, "id", "2"},
		{`<E id='a&amp;b'>`, "id", "a&b"},
		{`<E id="open`, "id", ""},
		{`<E id=x>`, "id", ""},
		{`<E noevents = "True">`, "noevents", "True"},
		{`<E id ="a" name="b">`, "name", "b"},
	} {
		if got := xmlAttr(tc.tag, tc.name); got != tc.want {
			t.Errorf("xmlAttr(%q, %q) = %q, want %q", tc.tag, tc.name, got, tc.want)
		}
	}
}

func TestEventReadPlover(t *testing.T) {
	const src = `[
 {"id": "X-1", "date": "2019-05-02", "text": "Ruritania agreed to return two prisoners to Freedonia.", "event": "AGREE",
  "source": [{"actorText": "Ruritania", "code": "RUR"}], "target": [{"actorText": "Freedonia", "code": "FRE"}]},
 {"id": "X-1", "date": "2019-05-02", "text": "Ruritania agreed to return two prisoners to Freedonia.", "event": "retreat",
  "source": [{"actorText": "Ruritania", "code": "RUR"}], "target": [{"actorText": "Freedonia", "code": "FRE"}]},
 {"id": "X-2", "text": "Nothing happened.", "event": ""},
 {"id": "X-3", "text": "  "}
]`
	sents, probs, err := EventReadPlover(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) != 2 || len(sents[0].Codings) != 2 || sents[0].Codings[1].Event != "RETREAT" || !sents[1].NoEvents {
		t.Errorf("sentences = %+v", sents)
	}
	if len(probs) != 1 || probs[0].Line != 4 {
		t.Errorf("problems = %v", probs)
	}
	if _, _, err := EventReadPlover(strings.NewReader(`{"not": "a list"}`)); err == nil {
		t.Error("no error for an object")
	}
}

func TestEventCounts(t *testing.T) {
	plover := func(code string) string {
		switch {
		case strings.HasPrefix(code, "04"):
			return "CONSULT"
		case strings.HasPrefix(code, "19"):
			return "ASSAULT"
		}
		return ""
	}
	c := func(code, src, tgt string) EventCoding {
		return EventCoding{Cameo: code, Source: []string{src}, Target: []string{tgt}}
	}
	var n EventCounts
	// Exact.
	n.Add(EventSentence{Codings: []EventCoding{c("042", "RUS", "USA")}}, []EventCoding{c("040", "UKR", "USA"), c("042", "RUS", "USA")}, plover)
	// Right type and source, wrong code and target.
	n.Add(EventSentence{Codings: []EventCoding{c("042", "RUS", "USA")}}, []EventCoding{c("043", "RUS", "CAN")}, plover)
	// Missed.
	n.Add(EventSentence{Codings: []EventCoding{c("190", "SRB", "XKX")}}, nil, plover)
	// No events, none predicted; no events, one predicted.
	n.Add(EventSentence{NoEvents: true}, nil, plover)
	n.Add(EventSentence{NoEvents: true}, []EventCoding{c("190", "A", "B")}, plover)
	// PLOVER gold: type only.
	n.Add(EventSentence{Codings: []EventCoding{{Event: "ASSAULT", Source: []string{"A"}, Target: []string{"B"}}}}, []EventCoding{c("193", "A", "B")}, plover)
	m := n.Metrics()
	near := func(got, want float64) bool { return math.Abs(got-want) < 1e-9 }
	for _, tc := range []struct {
		name      string
		got, want float64
	}{
		{"event", m.EventAccuracy, 3.0 / 4}, {"code", m.CodeAccuracy, 1.0 / 4}, {"root", m.RootAccuracy, 2.0 / 4},
		{"source", m.SourceAccuracy, 3.0 / 4}, {"target", m.TargetAccuracy, 2.0 / 4}, {"both", m.BothAccuracy, 2.0 / 4},
		{"full", m.FullAccuracy, 2.0 / 4}, {"precision", m.Precision, 2.0 / 5}, {"noevents", m.NoEventsOK, 1.0 / 2},
	} {
		if !near(tc.got, tc.want) {
			t.Errorf("%s = %v, want %v", tc.name, tc.got, tc.want)
		}
	}
	if m.Gold != 4 || m.Predicted != 5 || m.Sentences != 6 {
		t.Errorf("counts = %+v", m)
	}
}

func TestEventCodings(t *testing.T) {
	doc := &dateline.Document{Events: []dateline.Event{
		{Code: "043", Plover: "CONSULT", Status: "happened",
			Source: []dateline.EventActor{{Code: "USA"}, {Code: "RUS"}}, Target: []dateline.EventActor{{Code: "UKR"}}},
		{Code: "190", Status: "ongoing"},
	}}
	got := EventCodings(doc)
	if len(got) != 3 || got[1].Source[0] != "RUS" || got[1].Target[0] != "UKR" || got[2].Source[0] != "" || got[2].Status != "ongoing" {
		t.Errorf("codings = %+v", got)
	}
}

func FuzzEventReadPetrarch(f *testing.F) {
	f.Add(eventXML)
	f.Add("<Sentence id=\"a\"/>\n<Text>x\n<!--\n")
	f.Fuzz(func(t *testing.T, s string) {
		sents, _, err := EventReadPetrarch(strings.NewReader(s))
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range sents {
			if x.Text == "" || len(x.Codings) == 0 && !x.NoEvents {
				t.Fatalf("invalid sentence returned: %+v", x)
			}
		}
	})
}

func FuzzEventReadPlover(f *testing.F) {
	f.Add(`[{"id":"a","text":"b","event":"AGREE","source":[{"code":"X"}]}]`)
	f.Fuzz(func(t *testing.T, s string) {
		EventReadPlover(strings.NewReader(s))
	})
}

func TestEventSame(t *testing.T) {
	for _, tc := range []struct {
		gold, pred []string
		want       bool
	}{
		{[]string{"---"}, []string{""}, true},
		{[]string{"---"}, nil, true},
		{nil, []string{"---"}, true},
		{[]string{"---"}, []string{"---REB"}, false},
		{[]string{"USA"}, []string{"RUS", "USA"}, true},
		{[]string{"USA"}, []string{""}, false},
		{[]string{""}, []string{"USA"}, false},
	} {
		if got := eventSame(tc.gold, tc.pred); got != tc.want {
			t.Errorf("eventSame(%q, %q) = %v", tc.gold, tc.pred, got)
		}
	}
}
