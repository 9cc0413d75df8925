package dateline

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestNameKey(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Volodymyr Zelenskyy", "volodymyr zelenskyy"},
		{"ZELENSKYY’s", "zelenskyy"},
		{"Zelenskyy's", "zelenskyy"},
		{"U.S.", "us"},
		{"the Kremlin", "kremlin"},
		{"  Recep  Tayyip   Erdoğan ", "recep tayyip erdogan"},
		{"Ana Müller-Łukasz", "ana muller lukasz"},
		{"Côte d’Ivoire", "cote divoire"},
		{"Владимир Путин", "владимир путин"},
		{"Straße", "strasse"},
		{"“Hugh Hill”", "hugh hill"},
		{"–", ""},
		{"", ""},
	} {
		if got := NameKey(tc.in); got != tc.want {
			t.Errorf("NameKey(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestNameKeys(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"Vladimir Putin", []string{"vladimir putin", "putin"}},
		{"Putin", []string{"putin"}},
		{"Jean-Yves Le Drian", []string{"jean yves le drian", "yves le drian", "le drian", "drian"}},
		{"...", nil},
	} {
		if got := NameKeys(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("NameKeys(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestDocActorID(t *testing.T) {
	for _, tc := range []struct {
		a    DocActor
		want ActorID
	}{
		{DocActor{ID: "person/volodymyr-zelenskyy", Name: "Zelensky", Type: EntPerson}, "person/volodymyr-zelenskyy"},
		{DocActor{Name: "Hugh Hill", Type: EntPerson}, "person/hugh-hill"},
		{DocActor{Name: "Dr. Hugh Hill’s", Type: EntPerson}, "person/dr-hugh-hill"},
		{DocActor{Name: "Łódź Council", Type: EntOrg}, "org/lodz-council"},
		{DocActor{Name: "Anchorage"}, "x/anchorage"},
	} {
		if got := DocActorID(&tc.a); got != tc.want {
			t.Errorf("DocActorID(%+v) = %q, want %q", tc.a, got, tc.want)
		}
	}
}

// Names without Latin letters or digits get a stable hash.
func TestDocActorIDHash(t *testing.T) {
	a, b := DocActor{Name: "Путин", Type: EntPerson}, DocActor{Name: "Зеленский", Type: EntPerson}
	ia, ib := DocActorID(&a), DocActorID(&b)
	if !strings.HasPrefix(string(ia), "person/x") || len(ia) != len("person/x")+8 || ia == ib || DocActorID(&a) != ia {
		t.Errorf("DocActorID = %q, %q", ia, ib)
	}
}

// indexDoc is a small analysed report with multi-byte text: a named
// speaker quoted twice (once through a pronoun), an unknown speaker, and
// an event between two actors.
func indexDoc() *Document {
	text := "Zelenskyy’s aides met Hugh Hill on Friday. “We talked,” he said. " +
		"Hill, a doctor, said the talks – long – went well. “No,” someone shouted."
	span := func(s string, nth int) Span {
		i := -1
		for range nth + 1 {
			j := strings.Index(text[i+1:], s)
			if j < 0 {
				panic("no " + s)
			}
			i += j + 1
		}
		return Span{Start: int32(i), End: int32(i + len(s))}
	}
	d := &Document{ID: "d1", Title: "Talks", Published: time.Date(2025, 8, 15, 0, 0, 0, 0, time.UTC), Text: text}
	d.Mentions = []Mention{
		{Span: span("Zelenskyy", 0), Type: EntPerson, Actor: 0},
		{Span: span("Hugh Hill", 0), Type: EntPerson, Actor: 1},
		{Span: span("he", 0), Type: EntPron, Actor: 1},
		{Span: span("Hill", 1), Type: EntPerson, Actor: 1},
		{Span: span("a doctor", 0), Type: EntNom, Actor: 1, Role: "attribute"},
		{Span: span("someone", 0), Type: EntPron, Actor: -1},
	}
	d.Actors = []DocActor{
		{ID: "person/volodymyr-zelenskyy", Name: "Volodymyr Zelenskyy", Type: EntPerson, Code: "UKRGOV", Role: "President of Ukraine", Mentions: []int{0}},
		{Name: "Hugh Hill", Type: EntPerson, Mentions: []int{1, 2, 3, 4, 99}},
	}
	d.Quotes = []Quote{
		{Span: span("We talked,", 0), Kind: QuoteDirect, Cue: span("said", 0), Source: span("he", 0), Speaker: 2},
		{Span: span("the talks – long – went well", 0), Kind: QuoteIndirect, Cue: span("said", 1), Source: span("Hill", 1), Speaker: 3},
		{Span: span("No,", 0), Kind: QuoteDirect, Cue: span("shouted", 0), Source: span("someone", 0), Speaker: 5},
		{Span: Span{Start: 5, End: 9999}, Kind: QuoteWord, Speaker: 42},
	}
	d.Events = []Event{{Code: "040", Plover: "CONSULT", Status: StatusHappened, Time: -1, Asserter: -1,
		Source:  []EventActor{{Actor: 0, Text: "Zelenskyy’s aides"}, {Actor: 0, Text: "Zelenskyy"}},
		Target:  []EventActor{{Actor: 1, Text: "Hugh Hill"}, {Actor: -1, Text: "others"}},
		Trigger: span("met", 0), Evidence: span("Zelenskyy’s aides met Hugh Hill on Friday.", 0)}}
	return d
}

func TestIndex(t *testing.T) {
	d := indexDoc()
	ix := Index(d)
	wantActors := []IndexedActor{
		{ID: "person/volodymyr-zelenskyy", Name: "Volodymyr Zelenskyy", Type: EntPerson, Code: "UKRGOV", Role: "President of Ukraine",
			Aliases: []string{"Zelenskyy"}, Mentions: 1, Events: 1},
		{ID: "person/hugh-hill", Name: "Hugh Hill", Type: EntPerson, Aliases: []string{"Hugh Hill", "Hill"}, Mentions: 4, Quotes: 2, Events: 1},
	}
	if !reflect.DeepEqual(ix.Actors, wantActors) {
		t.Errorf("actors:\n got %+v\nwant %+v", ix.Actors, wantActors)
	}
	type q struct {
		speaker      ActorID
		name, source string
		text         string
	}
	var got []q
	for _, h := range ix.Quotes {
		if h.Doc != "d1" || h.Title != "Talks" || !h.Published.Equal(d.Published) {
			t.Errorf("quote %d: report fields %q %q %v", h.Index, h.Doc, h.Title, h.Published)
		}
		got = append(got, q{h.Speaker, h.Name, h.Source, h.Text})
	}
	want := []q{
		{"person/hugh-hill", "Hugh Hill", "he", "We talked,"},
		{"person/hugh-hill", "Hugh Hill", "Hill", "the talks – long – went well"},
		{"", "", "someone", "No,"},
		{"", "", "", ""},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("quotes:\n got %q\nwant %q", got, want)
	}
	if len(ix.Events) != 1 {
		t.Fatalf("%d events", len(ix.Events))
	}
	e := ix.Events[0]
	if e.Date != "2025-08-15" || e.Sentence != "Zelenskyy’s aides met Hugh Hill on Friday." || e.Code != "040" {
		t.Errorf("event %+v", e)
	}
	if p := e.Parties(); !reflect.DeepEqual(p, []ActorID{"person/volodymyr-zelenskyy", "person/hugh-hill"}) {
		t.Errorf("parties %q", p)
	}
	if e.Target[1].ID != "" || e.Target[1].Text != "others" {
		t.Errorf("unresolved party %+v", e.Target[1])
	}
}

func TestIndexMergesActorsWithOneID(t *testing.T) {
	d := &Document{ID: "d", Text: "Zelensky and Zelenskyy"}
	d.Mentions = []Mention{{Span: Span{0, 8}, Type: EntPerson, Actor: 0}, {Span: Span{13, 22}, Type: EntPerson, Actor: 1}}
	d.Actors = []DocActor{
		{ID: "person/volodymyr-zelenskyy", Name: "Volodymyr Zelensky", Type: EntPerson, Mentions: []int{0}},
		{ID: "person/volodymyr-zelenskyy", Name: "Volodymyr Zelenskyy", Type: EntPerson, Role: "President", Mentions: []int{1}},
	}
	ix := Index(d)
	if len(ix.Actors) != 1 || ix.Actors[0].Mentions != 2 || ix.Actors[0].Role != "President" ||
		!reflect.DeepEqual(ix.Actors[0].Aliases, []string{"Zelensky", "Zelenskyy"}) {
		t.Errorf("actors %+v", ix.Actors)
	}
}

func TestIndexEmptyAndBroken(t *testing.T) {
	for _, d := range []*Document{
		{},
		{Text: "x", Actors: []DocActor{{Name: "", Mentions: []int{-1, 5}}}, Quotes: []Quote{{Speaker: 3}}},
		{Text: "ab", Mentions: []Mention{{Span: Span{1, 0}, Actor: 7}}, Actors: []DocActor{{Name: "A", Mentions: []int{0}}},
			Events: []Event{{Source: []EventActor{{Actor: 9}}, Evidence: Span{-1, 3}}}},
	} {
		ix := Index(d) // must not panic
		for _, a := range ix.Actors {
			if a.ID == "" {
				t.Errorf("actor without ID: %+v", a)
			}
		}
	}
}

// A joint statement is indexed under each of its speakers once: co-speakers
// of the speaker's own actor, unresolved or out of range are left out, and
// an unknown speaker's co-speakers are not indexed.
func TestIndexJointStatement(t *testing.T) {
	text := "Zelenskyy, Hill and Dr. Hill’s aide both said the talks – long – went well. Someone and Hill said so."
	at := func(s string, from int) Span {
		i := strings.Index(text[from:], s) + from
		return Span{Start: int32(i), End: int32(i + len(s))}
	}
	d := &Document{ID: "d", Text: text}
	d.Mentions = []Mention{
		{Span: at("Zelenskyy", 0), Type: EntPerson, Actor: 0},
		{Span: at("Hill", 0), Type: EntPerson, Actor: 1},
		{Span: at("Dr. Hill", 0), Type: EntPerson, Actor: 1},
		{Span: at("aide", 0), Type: EntNom, Actor: -1},
		{Span: at("Someone", 0), Type: EntPron, Actor: -1},
		{Span: at("Hill", 80), Type: EntPerson, Actor: 1},
	}
	d.Actors = []DocActor{
		{ID: "person/volodymyr-zelenskyy", Name: "Volodymyr Zelenskyy", Type: EntPerson, Mentions: []int{0}},
		{Name: "Hugh Hill", Type: EntPerson, Mentions: []int{1, 2, 5}},
	}
	d.Quotes = []Quote{
		{Span: at("the talks – long – went well", 0), Kind: QuoteIndirect, Cue: at("said", 0), Speaker: 0, CoSpeakers: []int{1, 2, 3, 0, 99, -1}},
		{Span: at("so", 80), Kind: QuoteIndirect, Cue: at("said", 80), Speaker: 4, CoSpeakers: []int{5}},
	}
	ix := Index(d)
	want := []QuoteSpeaker{{ID: "person/hugh-hill", Name: "Hugh Hill"}}
	if h := ix.Quotes[0]; h.Speaker != "person/volodymyr-zelenskyy" || !reflect.DeepEqual(h.CoSpeakers, want) {
		t.Errorf("joint quote: speaker %q, co-speakers %+v; want %+v", h.Speaker, h.CoSpeakers, want)
	}
	if h := ix.Quotes[1]; h.Speaker != "" || h.CoSpeakers != nil {
		t.Errorf("unknown speaker's quote: %q %+v", h.Speaker, h.CoSpeakers)
	}
	for _, a := range ix.Actors {
		if a.Quotes != 1 {
			t.Errorf("%s: %d quotes, want 1", a.ID, a.Quotes)
		}
	}
	h := ix.Quotes[0]
	for id, want := range map[ActorID]bool{"person/volodymyr-zelenskyy": true, "person/hugh-hill": true, "person/hill": false, "": false} {
		if got := h.Speaks(id); got != want {
			t.Errorf("Speaks(%q) = %v, want %v", id, got, want)
		}
	}
}
