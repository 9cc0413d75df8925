package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/dateline-news/dateline"
)

// IndexBackend is a store that indexes actors, quotes and events: what
// RunIndex tests.
type IndexBackend interface {
	dateline.Store
	dateline.IndexStore
}

// RunIndex runs the conformance suite of dateline.IndexStore. open must
// return a new, empty store each call; RunIndex closes it when the subtest
// ends.
//
// It pins down: one speaker across two reports (named once, a pronoun
// once) is one actor whose quotes are found by ID and by name; an unknown
// speaker is left out of speaker searches but listed with its report; the
// Zelenskyy/Zelensky spellings under one knowledge-base ID are one actor
// with both aliases, named as the latest report names it, with its roles
// by report date; a joint statement is found under each of its speakers
// and counted for each; a document stored again (even with other layers) and a
// rerun of a batch change nothing; events by actor (source or target),
// code prefix, status, report and date; multi-byte text comes back byte
// for byte; paging is complete and disjoint; bad limits are ErrInvalid and
// unknown actors ErrNotFound.
func RunIndex(t *testing.T, open func(t *testing.T) IndexBackend) {
	runSuite(t, open, []suiteTest[IndexBackend]{
		{"SpeakerAcrossDocuments", testIndexSpeaker},
		{"UnknownSpeaker", testIndexUnknownSpeaker},
		{"JointStatement", testIndexJoint},
		{"SpellingsMerge", testIndexSpellings},
		{"StoredAgain", testIndexStoredAgain},
		{"Events", testIndexEvents},
		{"Paging", testIndexPaging},
		{"Errors", testIndexErrors},
	})
}

// report builds an analysed report for the index tests: one paragraph of
// text, with mentions, actors, quotes and events added in text order.
type report struct {
	d    *dateline.Document
	base int // where the paragraph starts in d.Text
}

func newReport(key string, day int, text string) *report {
	d := Doc("https://example.test/ix/"+key, "Report "+key, storyDay(day), text)
	return &report{d: d, base: strings.Index(d.Text, text)}
}

// span finds the nth (from 0) occurrence of s in the paragraph.
func (r *report) span(s string, nth int) dateline.Span {
	from := r.base
	for {
		i := strings.Index(r.d.Text[from:], s)
		if i < 0 {
			panic(fmt.Sprintf("storetest: no %q (%d) in %q", s, nth, r.d.Text))
		}
		if nth == 0 {
			return dateline.Span{Start: int32(from + i), End: int32(from + i + len(s))}
		}
		nth--
		from += i + 1
	}
}

func (r *report) actor(id dateline.ActorID, name, typ, code, role string) int {
	r.d.Actors = append(r.d.Actors, dateline.DocActor{ID: id, Name: name, Type: typ, Code: code, Role: role})
	return len(r.d.Actors) - 1
}

// mention adds the nth occurrence of s as a mention of actor (-1: none)
// and returns its index.
func (r *report) mention(s string, nth int, typ string, actor int) int {
	r.d.Mentions = append(r.d.Mentions, dateline.Mention{Span: r.span(s, nth), Type: typ, Actor: actor})
	mi := len(r.d.Mentions) - 1
	if actor >= 0 {
		r.d.Actors[actor].Mentions = append(r.d.Actors[actor].Mentions, mi)
	}
	return mi
}

func (r *report) quote(kind, content, cue string, speaker int) {
	q := dateline.Quote{Span: r.span(content, 0), Kind: kind, Cue: r.span(cue, 0), Speaker: speaker}
	if speaker >= 0 {
		q.Source = r.d.Mentions[speaker].Span
	}
	r.d.Quotes = append(r.d.Quotes, q)
}

func (r *report) event(code, status, trigger string, src, tgt int) {
	e := dateline.Event{Code: code, Status: status, Time: -1, Asserter: -1, Trigger: r.span(trigger, 0),
		Evidence: dateline.Span{Start: int32(r.base), End: int32(len(r.d.Text))}}
	party := func(a int) []dateline.EventActor {
		if a < 0 {
			return nil
		}
		return []dateline.EventActor{{Actor: a, Text: r.d.Actors[a].Name, Code: r.d.Actors[a].Code}}
	}
	e.Source, e.Target = party(src), party(tgt)
	r.d.Events = append(r.d.Events, e)
}

// hillReports are two reports quoting Hugh Hill, an actor the knowledge
// base does not know (no ID: the store derives it), the second through a
// pronoun, and an unknown speaker.
func hillReports() []*dateline.Document {
	a := newReport("hill-1", 10, "Hugh Hill, a doctor, said: “The clinic’s doors stay open – for now.”")
	hill := a.actor("", "Hugh Hill", dateline.EntPerson, "", "doctor")
	m := a.mention("Hugh Hill", 0, dateline.EntPerson, hill)
	a.mention("a doctor", 0, dateline.EntNom, hill)
	a.quote(dateline.QuoteDirect, "The clinic’s doors stay open – for now.", "said", m)

	b := newReport("hill-2", 12, "Dr. Hill met the mayor. “We need staff,” he said. “Nobody listens,” a voice shouted.")
	hill = b.actor("", "Hugh Hill", dateline.EntPerson, "", "")
	mayor := b.actor("", "Mayor of Nome", dateline.EntPerson, "", "mayor")
	b.mention("Hill", 0, dateline.EntPerson, hill)
	b.mention("the mayor", 0, dateline.EntNom, mayor)
	he := b.mention("he", 0, dateline.EntPron, hill)
	voice := b.mention("a voice", 0, dateline.EntNom, -1)
	b.quote(dateline.QuoteDirect, "We need staff,", "said", he)
	b.quote(dateline.QuoteDirect, "Nobody listens,", "shouted", voice)
	b.event("040", dateline.StatusHappened, "met", hill, mayor)
	return []*dateline.Document{a.d, b.d}
}

func putIndexed(t *testing.T, s dateline.Store, docs ...*dateline.Document) {
	t.Helper()
	if res := put(t, s, docs...); res.Stored != len(docs) {
		t.Fatalf("stored %d of %d", res.Stored, len(docs))
	}
}

type quoteRow struct {
	Doc     dateline.DocID
	Text    string
	Source  string
	Speaker dateline.ActorID
}

func quoteRows(hits []dateline.QuoteHit) []quoteRow {
	out := make([]quoteRow, len(hits))
	for i, h := range hits {
		out[i] = quoteRow{h.Doc, h.Text, h.Source, h.Speaker}
	}
	return out
}

func quotes(t *testing.T, s dateline.IndexStore, q dateline.QuoteQuery) []dateline.QuoteHit {
	t.Helper()
	out, err := s.Quotes(context.Background(), q)
	if err != nil {
		t.Fatalf("Quotes(%+v): %v", q, err)
	}
	return out
}

func actors(t *testing.T, s dateline.IndexStore, q dateline.ActorQuery) []dateline.ActorSummary {
	t.Helper()
	out, err := s.Actors(context.Background(), q)
	if err != nil {
		t.Fatalf("Actors(%+v): %v", q, err)
	}
	return out
}

func events(t *testing.T, s dateline.IndexStore, q dateline.EventQuery) []dateline.EventHit {
	t.Helper()
	out, err := s.Events(context.Background(), q)
	if err != nil {
		t.Fatalf("Events(%+v): %v", q, err)
	}
	return out
}

func actorRecord(t *testing.T, s dateline.IndexStore, id dateline.ActorID) *dateline.ActorRecord {
	t.Helper()
	a, err := s.Actor(context.Background(), id)
	if err != nil {
		t.Fatalf("Actor(%q): %v", id, err)
	}
	return a
}

func testIndexSpeaker(t *testing.T, s IndexBackend) {
	docs := hillReports()
	putIndexed(t, s, docs...)
	const hill = dateline.ActorID("person/hugh-hill")
	want := []quoteRow{
		{docs[1].ID, "We need staff,", "he", hill},
		{docs[0].ID, "The clinic’s doors stay open – for now.", "Hugh Hill", hill},
	}
	for _, q := range []dateline.QuoteQuery{
		{Speaker: hill},
		{SpeakerName: "hill"},
		{SpeakerName: "HUGH"},
		{SpeakerName: "Hugh Hi"},
		{SpeakerName: "  hugh   hill "},
	} {
		if got := quoteRows(quotes(t, s, q)); !slices.Equal(got, want) {
			t.Errorf("Quotes(%+v):\n got %q\nwant %q", q, got, want)
		}
	}
	h := quotes(t, s, dateline.QuoteQuery{Speaker: hill})
	if h[1].Name != "Hugh Hill" || h[1].Cue != "said" || h[1].Kind != dateline.QuoteDirect || h[1].Title != "Report hill-1" ||
		!h[1].Published.Equal(storyDay(10)) || h[1].Index != 0 {
		t.Errorf("quote hit %+v", h[1])
	}
	if sp := h[1].Span; docs[0].Text[sp.Start:sp.End] != h[1].Text {
		t.Errorf("quote span %v does not cover %q", sp, h[1].Text)
	}
	for _, q := range []dateline.QuoteQuery{{SpeakerName: "hills"}, {SpeakerName: "ugh"}, {Speaker: "person/hill"}, {SpeakerName: "–"}} {
		if got := quotes(t, s, q); len(got) != 0 {
			t.Errorf("Quotes(%+v) = %q, want none", q, quoteRows(got))
		}
	}

	a := actorRecord(t, s, hill)
	if a.Name != "Hugh Hill" || a.Type != dateline.EntPerson || a.Documents != 2 || a.Quotes != 2 || a.Events != 1 ||
		!a.LastSeen.Equal(storyDay(12)) {
		t.Errorf("actor %+v", a.ActorSummary)
	}
	if !slices.Equal(a.Aliases, []string{"Hill", "Hugh Hill"}) && !slices.Equal(a.Aliases, []string{"Hugh Hill", "Hill"}) {
		t.Errorf("aliases %q, want Hugh Hill and Hill (a pronoun or a description is no alias)", a.Aliases)
	}
	if len(a.RecentDocuments) != 2 || a.RecentDocuments[0].ID != docs[1].ID || a.RecentDocuments[1].ID != docs[0].ID {
		t.Errorf("documents %v, want the two reports newest first", a.RecentDocuments)
	}
	if len(a.RecentQuotes) != 2 || len(a.RecentEvents) != 1 {
		t.Errorf("%d quotes and %d events on the actor record", len(a.RecentQuotes), len(a.RecentEvents))
	}
	if len(a.Roles) != 1 || a.Roles[0].Title != "doctor" || !a.Roles[0].First.Equal(storyDay(10)) || a.Roles[0].Documents != 1 {
		t.Errorf("roles %+v", a.Roles)
	}
	got := actors(t, s, dateline.ActorQuery{Name: "hil"})
	if len(got) != 1 || got[0].ID != hill {
		t.Errorf("Actors(hil) = %+v", got)
	}
	got = actors(t, s, dateline.ActorQuery{})
	if len(got) != 2 || got[0].ID != hill || got[1].ID != "person/mayor-of-nome" {
		t.Errorf("Actors() = %+v, want Hill (2 reports) then the mayor", got)
	}
}

// testIndexJoint: "Hill and the mayor said" is found by either speaker, by
// ID and by name, and carries its co-speaker.
func testIndexJoint(t *testing.T, s IndexBackend) {
	r := newReport("joint", 11, "Hugh Hill and the Mayor of Nome both said the clinic – the town’s only one – stays open.")
	hill := r.actor("", "Hugh Hill", dateline.EntPerson, "", "")
	mayor := r.actor("", "Mayor of Nome", dateline.EntPerson, "", "mayor")
	mh := r.mention("Hugh Hill", 0, dateline.EntPerson, hill)
	mm := r.mention("Mayor of Nome", 0, dateline.EntPerson, mayor)
	r.quote(dateline.QuoteIndirect, "the clinic – the town’s only one – stays open", "said", mh)
	r.d.Quotes[0].CoSpeakers = []int{mm}
	putIndexed(t, s, append(hillReports(), r.d)...)
	want := quoteRow{r.d.ID, "the clinic – the town’s only one – stays open", "Hugh Hill", "person/hugh-hill"}
	for _, q := range []dateline.QuoteQuery{
		{Speaker: "person/mayor-of-nome"},
		{SpeakerName: "nome"},
		{SpeakerName: "mayor of"},
		{Speaker: "person/hugh-hill", Doc: r.d.ID},
		{SpeakerName: "hill", Doc: r.d.ID},
	} {
		got := quotes(t, s, q)
		if rows := quoteRows(got); !slices.Equal(rows, []quoteRow{want}) {
			t.Errorf("Quotes(%+v):\n got %q\nwant %q", q, rows, want)
			continue
		}
		if co := got[0].CoSpeakers; len(co) != 1 || co[0].ID != "person/mayor-of-nome" || co[0].Name != "Mayor of Nome" {
			t.Errorf("Quotes(%+v): co-speakers %+v", q, co)
		}
	}
	if got := quotes(t, s, dateline.QuoteQuery{Speaker: "person/hugh-hill"}); len(got) != 3 {
		t.Errorf("Hill's quotes: %q, want his two and the joint one", quoteRows(got))
	}
	if a := actorRecord(t, s, "person/mayor-of-nome"); a.Quotes != 1 || len(a.RecentQuotes) != 1 {
		t.Errorf("mayor: %d quotes, %d recent; want the joint one", a.Quotes, len(a.RecentQuotes))
	}
	if a := actorRecord(t, s, "person/hugh-hill"); a.Quotes != 3 {
		t.Errorf("Hill: %d quotes, want 3", a.Quotes)
	}
}

func testIndexUnknownSpeaker(t *testing.T, s IndexBackend) {
	docs := hillReports()
	putIndexed(t, s, docs...)
	got := quoteRows(quotes(t, s, dateline.QuoteQuery{Doc: docs[1].ID}))
	want := []quoteRow{
		{docs[1].ID, "We need staff,", "he", "person/hugh-hill"},
		{docs[1].ID, "Nobody listens,", "a voice", ""},
	}
	if !slices.Equal(got, want) {
		t.Errorf("Quotes(doc):\n got %q\nwant %q", got, want)
	}
	for _, q := range []dateline.QuoteQuery{{SpeakerName: "a voice"}, {SpeakerName: "voice"}, {Speaker: ""}} {
		for _, h := range quotes(t, s, q) {
			if h.Speaker == "" && q.SpeakerName != "" {
				t.Errorf("Quotes(%+v) found the unknown speaker's quote %q", q, h.Text)
			}
		}
	}
	if all := quotes(t, s, dateline.QuoteQuery{}); len(all) != 3 {
		t.Errorf("Quotes() = %d hits, want all 3", len(all))
	}
}

func testIndexSpellings(t *testing.T, s IndexBackend) {
	const id = dateline.ActorID("person/volodymyr-zelenskyy")
	a := newReport("z-1", 1, "Zelensky, the comedian, toured Kyiv.")
	z := a.actor(id, "Volodymyr Zelensky", dateline.EntPerson, "UKRMED", "entertainer")
	a.mention("Zelensky", 0, dateline.EntPerson, z)
	b := newReport("z-2", 18, "President Zelenskyy’s “peace formula” was rejected, Zelenskyy said.")
	z = b.actor(id, "Volodymyr Zelenskyy", dateline.EntPerson, "UKRGOV", "President of Ukraine")
	b.mention("Zelenskyy’s", 0, dateline.EntPerson, z)
	m := b.mention("Zelenskyy", 1, dateline.EntPerson, z)
	b.quote(dateline.QuoteIndirect, "President Zelenskyy’s “peace formula” was rejected", "said", m)
	// The later report stored first: the name is the latest report's.
	putIndexed(t, s, b.d)
	putIndexed(t, s, a.d)

	for _, name := range []string{"zelensk", "Zelensky", "ZELENSKYY", "Zelenskyy’s", "volodymyr", "Volodymyr Zel"} {
		got := actors(t, s, dateline.ActorQuery{Name: name})
		if len(got) != 1 || got[0].ID != id {
			t.Errorf("Actors(%q) = %+v, want one actor %s", name, got, id)
		}
	}
	if got := actors(t, s, dateline.ActorQuery{Name: "Zelenskyyy"}); len(got) != 0 {
		t.Errorf("Actors(Zelenskyyy) = %+v", got)
	}
	if got := actors(t, s, dateline.ActorQuery{Name: "zel", Type: dateline.EntOrg}); len(got) != 0 {
		t.Errorf("Actors(zel, ORG) = %+v", got)
	}
	rec := actorRecord(t, s, id)
	if rec.Name != "Volodymyr Zelenskyy" || rec.Code != "UKRGOV" || rec.Documents != 2 || rec.Quotes != 1 || !rec.LastSeen.Equal(storyDay(18)) {
		t.Errorf("actor %+v", rec.ActorSummary)
	}
	aliases := slices.Clone(rec.Aliases)
	slices.Sort(aliases)
	if !slices.Equal(aliases, []string{"Zelensky", "Zelenskyy’s"}) {
		t.Errorf("aliases %q, want both spellings once", rec.Aliases)
	}
	if len(rec.Roles) != 2 || rec.Roles[0].Title != "President of Ukraine" || rec.Roles[0].Code != "UKRGOV" ||
		!rec.Roles[0].First.Equal(storyDay(18)) || rec.Roles[1].Title != "entertainer" || !rec.Roles[1].Last.Equal(storyDay(1)) {
		t.Errorf("roles %+v, want the 18th's role first, then the 1st's", rec.Roles)
	}
	h := quotes(t, s, dateline.QuoteQuery{SpeakerName: "zelensky"})
	if len(h) != 1 || h[0].Text != "President Zelenskyy’s “peace formula” was rejected" {
		t.Errorf("Quotes(zelensky) = %q", quoteRows(h))
	}
}

func testIndexStoredAgain(t *testing.T, s IndexBackend) {
	docs := hillReports()
	putIndexed(t, s, docs...)
	before := actorRecord(t, s, "person/hugh-hill")
	// A rerun of the batch, and the first report again with other layers
	// (a speaker it did not have): both are duplicates, left unchanged.
	if res := put(t, s, docs...); res.Stored != 0 {
		t.Fatalf("rerun stored %d", res.Stored)
	}
	changed := *docs[0]
	changed.Actors = []dateline.DocActor{{ID: "person/someone-else", Name: "Someone Else", Type: dateline.EntPerson, Mentions: []int{0}}}
	changed.Mentions = []dateline.Mention{{Span: docs[0].Mentions[0].Span, Type: dateline.EntPerson, Actor: 0}}
	if res := put(t, s, &changed); res.Stored != 0 || res.Duplicates != 1 {
		t.Fatalf("changed document: %+v", res)
	}
	after := actorRecord(t, s, "person/hugh-hill")
	if before.ActorSummary != after.ActorSummary || !slices.Equal(before.Aliases, after.Aliases) || len(after.RecentQuotes) != 2 {
		t.Errorf("the index changed:\nbefore %+v\n after %+v", before.ActorSummary, after.ActorSummary)
	}
	if _, err := s.Actor(context.Background(), "person/someone-else"); !errors.Is(err, dateline.ErrNotFound) {
		t.Errorf("the duplicate's actor was indexed: %v", err)
	}
	if n := len(quotes(t, s, dateline.QuoteQuery{})); n != 3 {
		t.Errorf("%d quotes after the rerun, want 3", n)
	}
	if n := len(events(t, s, dateline.EventQuery{})); n != 1 {
		t.Errorf("%d events after the rerun, want 1", n)
	}
}

func testIndexEvents(t *testing.T, s IndexBackend) {
	a := newReport("e-1", 15, "Russia’s troops shelled Kharkiv – again. Moscow and Kyiv did not agree a ceasefire.")
	rus := a.actor("gpe/russia", "Russia", dateline.EntGPE, "RUS", "")
	ukr := a.actor("gpe/ukraine", "Ukraine", dateline.EntGPE, "UKR", "")
	a.mention("Russia’s", 0, dateline.EntGPE, rus)
	a.mention("Kharkiv", 0, dateline.EntGPE, ukr)
	a.mention("Moscow", 0, dateline.EntGPE, rus)
	a.mention("Kyiv", 0, dateline.EntGPE, ukr)
	a.event("195", dateline.StatusHappened, "shelled", rus, ukr)
	a.event("0871", dateline.StatusNotHappened, "agree", rus, ukr)
	b := newReport("e-2", 20, "Ukraine will host talks on Monday.")
	ukr = b.actor("gpe/ukraine", "Ukraine", dateline.EntGPE, "UKR", "")
	b.mention("Ukraine", 0, dateline.EntGPE, ukr)
	b.event("043", dateline.StatusPlanned, "host", ukr, -1)
	putIndexed(t, s, a.d, b.d)

	type ev struct {
		Doc  dateline.DocID
		Code string
	}
	rows := func(hits []dateline.EventHit) []ev {
		out := make([]ev, len(hits))
		for i, h := range hits {
			out[i] = ev{h.Doc, h.Code}
		}
		return out
	}
	for _, tc := range []struct {
		q    dateline.EventQuery
		want []ev
	}{
		{dateline.EventQuery{}, []ev{{b.d.ID, "043"}, {a.d.ID, "195"}, {a.d.ID, "0871"}}},
		{dateline.EventQuery{Actor: "gpe/ukraine"}, []ev{{b.d.ID, "043"}, {a.d.ID, "195"}, {a.d.ID, "0871"}}},
		{dateline.EventQuery{Actor: "gpe/russia"}, []ev{{a.d.ID, "195"}, {a.d.ID, "0871"}}},
		{dateline.EventQuery{Actor: "gpe/nowhere"}, []ev{}},
		{dateline.EventQuery{Code: "08"}, []ev{{a.d.ID, "0871"}}},
		{dateline.EventQuery{Code: "19"}, []ev{{a.d.ID, "195"}}},
		{dateline.EventQuery{Code: "0871"}, []ev{{a.d.ID, "0871"}}},
		{dateline.EventQuery{Code: "087", Status: dateline.StatusHappened}, []ev{}},
		{dateline.EventQuery{Status: dateline.StatusNotHappened}, []ev{{a.d.ID, "0871"}}},
		{dateline.EventQuery{Actor: "gpe/russia", Status: dateline.StatusHappened}, []ev{{a.d.ID, "195"}}},
		{dateline.EventQuery{Doc: b.d.ID}, []ev{{b.d.ID, "043"}}},
		{dateline.EventQuery{Since: storyDay(16)}, []ev{{b.d.ID, "043"}}},
		{dateline.EventQuery{Until: storyDay(20)}, []ev{{a.d.ID, "195"}, {a.d.ID, "0871"}}},
		{dateline.EventQuery{Since: storyDay(15), Until: storyDay(16), Actor: "gpe/ukraine"}, []ev{{a.d.ID, "195"}, {a.d.ID, "0871"}}},
	} {
		if got := rows(events(t, s, tc.q)); !slices.Equal(got, tc.want) {
			t.Errorf("Events(%+v) = %v, want %v", tc.q, got, tc.want)
		}
	}
	h := events(t, s, dateline.EventQuery{Code: "195"})[0]
	want := "Russia’s troops shelled Kharkiv – again. Moscow and Kyiv did not agree a ceasefire."
	if h.Sentence != want || a.d.Text[h.Evidence.Start:h.Evidence.End] != want || a.d.Text[h.Trigger.Start:h.Trigger.End] != "shelled" {
		t.Errorf("evidence %q %v %v", h.Sentence, h.Evidence, h.Trigger)
	}
	if h.Date != "2025-08-15" || h.Title != "Report e-1" || h.Index != 0 || h.Status != dateline.StatusHappened {
		t.Errorf("event %+v", h)
	}
	if len(h.Source) != 1 || h.Source[0].ID != "gpe/russia" || h.Source[0].Name != "Russia" || h.Source[0].Code != "RUS" ||
		len(h.Target) != 1 || h.Target[0].ID != "gpe/ukraine" {
		t.Errorf("parties %+v → %+v", h.Source, h.Target)
	}
	r := actorRecord(t, s, "gpe/ukraine")
	if r.Events != 3 || r.Documents != 2 || len(r.RecentEvents) != 3 {
		t.Errorf("Ukraine: %+v with %d events", r.ActorSummary, len(r.RecentEvents))
	}
	if got := actors(t, s, dateline.ActorQuery{Type: dateline.EntGPE}); len(got) != 2 || got[0].ID != "gpe/ukraine" {
		t.Errorf("Actors(GPE) = %+v", got)
	}
}

func testIndexPaging(t *testing.T, s IndexBackend) {
	var docs []*dateline.Document
	for i := range 7 {
		r := newReport(fmt.Sprintf("p-%d", i), 1+i, fmt.Sprintf("Ana Pérez, minister, said talks %d went well.", i))
		a := r.actor("person/ana-perez", "Ana Pérez", dateline.EntPerson, "", "minister")
		m := r.mention("Ana Pérez", 0, dateline.EntPerson, a)
		o := r.actor("", fmt.Sprintf("Org %c", 'A'+i), dateline.EntOrg, "", "")
		r.mention("minister", 0, dateline.EntOrg, o)
		r.quote(dateline.QuoteIndirect, fmt.Sprintf("talks %d went well", i), "said", m)
		docs = append(docs, r.d)
	}
	putIndexed(t, s, docs...)
	var got []string
	for off := 0; off < 9; off += 3 {
		for _, h := range quotes(t, s, dateline.QuoteQuery{SpeakerName: "perez", Limit: 3, Offset: off}) {
			got = append(got, h.Text)
		}
	}
	var want []string
	for i := 6; i >= 0; i-- {
		want = append(want, fmt.Sprintf("talks %d went well", i))
	}
	if !slices.Equal(got, want) {
		t.Errorf("pages of quotes:\n got %q\nwant %q", got, want)
	}
	var names []string
	for off := 0; off < 10; off += 4 {
		for _, a := range actors(t, s, dateline.ActorQuery{Limit: 4, Offset: off}) {
			names = append(names, a.Name)
		}
	}
	if !slices.Equal(names, []string{"Ana Pérez", "Org A", "Org B", "Org C", "Org D", "Org E", "Org F", "Org G"}) {
		t.Errorf("pages of actors: %q", names)
	}
	if got := quotes(t, s, dateline.QuoteQuery{Since: storyDay(3), Until: storyDay(5)}); len(got) != 2 || got[0].Text != "talks 3 went well" {
		t.Errorf("quotes of the 3rd and 4th: %q", quoteRows(got))
	}
	if got := actors(t, s, dateline.ActorQuery{Name: "PÉREZ"}); len(got) != 1 || got[0].Documents != 7 || got[0].Quotes != 7 {
		t.Errorf("Actors(PÉREZ) = %+v", got)
	}
	if got := actors(t, s, dateline.ActorQuery{Limit: 2, Offset: 100}); len(got) != 0 {
		t.Errorf("past the end: %+v", got)
	}
}

func testIndexErrors(t *testing.T, s IndexBackend) {
	putIndexed(t, s, hillReports()...)
	ctx := context.Background()
	if _, err := s.Actor(ctx, "person/nobody"); !errors.Is(err, dateline.ErrNotFound) {
		t.Errorf("Actor(unknown) = %v, want ErrNotFound", err)
	}
	checks := []struct {
		name string
		err  error
	}{
		{"Actors limit", second(s.Actors(ctx, dateline.ActorQuery{Limit: -1}))},
		{"Actors offset", second(s.Actors(ctx, dateline.ActorQuery{Offset: -1}))},
		{"Quotes limit", second(s.Quotes(ctx, dateline.QuoteQuery{Limit: -1}))},
		{"Events offset", second(s.Events(ctx, dateline.EventQuery{Offset: -5}))},
	}
	for _, c := range checks {
		if !errors.Is(c.err, dateline.ErrInvalid) {
			t.Errorf("%s: %v, want ErrInvalid", c.name, c.err)
		}
	}
	// Odd names are data, never errors.
	for _, name := range append(slices.Clone(hostileQueries), "\x00", "’", "%", "_", "a%", "\xff\xfe") {
		if _, err := s.Actors(ctx, dateline.ActorQuery{Name: name}); err != nil {
			t.Errorf("Actors(%q): %v", name, err)
		}
		if _, err := s.Quotes(ctx, dateline.QuoteQuery{SpeakerName: name, Doc: dateline.DocID(name)}); err != nil {
			t.Errorf("Quotes(%q): %v", name, err)
		}
		if _, err := s.Events(ctx, dateline.EventQuery{Code: name, Actor: dateline.ActorID(name), Status: name}); err != nil {
			t.Errorf("Events(%q): %v", name, err)
		}
	}
	if n := len(actors(t, s, dateline.ActorQuery{Limit: 5000})); n != 2 {
		t.Errorf("a limit above the maximum: %d actors", n)
	}

}

func second[T any](_ T, err error) error { return err }
