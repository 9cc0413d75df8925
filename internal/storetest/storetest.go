// Package storetest is the conformance suite of dateline.Store: every
// implementation (internal/sqlite, internal/postgres) runs it from its own
// tests with
//
//	storetest.Run(t, func(t *testing.T) dateline.Store { ... a new, empty store ... })
//
// The suite pins down the contract the root package states in words:
// documents round-trip with every layer, byte for byte; PutDocuments is one
// transaction and idempotent by DocID; listing is newest first; search finds
// words and phrases in the title and the analysed text (not in credit,
// byline or boilerplate blocks), with plain snippets, and no query string is
// ever an error; unknown IDs are dateline.ErrNotFound; negative limits and
// offsets are dateline.ErrInvalid; readers run while a writer writes; a
// cancelled context stores nothing.
package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dateline-news/dateline"
)

// Run runs the suite. open must return a new, empty store each call; Run
// closes it when the subtest ends.
func Run(t *testing.T, open func(t *testing.T) dateline.Store) {
	runSuite(t, open, []suiteTest[dateline.Store]{
		{"RoundTrip", testRoundTrip},
		{"RoundTripEdges", testRoundTripEdges},
		{"Idempotent", testIdempotent},
		{"DuplicatesInBatch", testDuplicatesInBatch},
		{"InvalidBatch", testInvalidBatch},
		{"NotFound", testNotFound},
		{"ListOrder", testListOrder},
		{"LimitOffset", testLimitOffset},
		{"Search", testSearch},
		{"SearchRanking", testSearchRanking},
		{"SearchSkipsBoilerplate", testSearchSkipsBoilerplate},
		{"SearchSyntaxNeverFails", testSearchSyntax},
		{"ConcurrentReadersAndWriter", testConcurrent},
		{"Cancelled", testCancelled},
	})
}

// Doc builds a small document: a title block, then paragraphs separated by
// blank lines. Its ID derives from url and the text.
func Doc(url, title string, published time.Time, paragraphs ...string) *dateline.Document {
	d := &dateline.Document{
		Source:    dateline.SourceRef{Kind: "text", URL: url, Outlet: "Test Wire"},
		Published: published,
		Title:     title,
	}
	var b strings.Builder
	add := func(kind dateline.BlockKind, s string) {
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		start := int32(b.Len())
		b.WriteString(s)
		d.Blocks = append(d.Blocks, dateline.Block{Span: dateline.Span{Start: start, End: int32(b.Len())}, Kind: kind})
	}
	if title != "" {
		add(dateline.BlockTitle, title)
	}
	for _, p := range paragraphs {
		kind := dateline.BlockParagraph
		if k, rest, ok := strings.Cut(p, ": "); ok && !strings.Contains(k, " ") {
			switch dateline.BlockKind(k) {
			case dateline.BlockBoilerplate, dateline.BlockCredit, dateline.BlockByline, dateline.BlockCaption, dateline.BlockHeading:
				kind, p = dateline.BlockKind(k), rest
			}
		}
		add(kind, p)
	}
	d.Text = b.String()
	d.ID = dateline.NewDocID(url, d.Text)
	return d
}

func put(t *testing.T, s dateline.Store, docs ...*dateline.Document) dateline.PutResult {
	t.Helper()
	res, err := s.PutDocuments(context.Background(), docs)
	if err != nil {
		t.Fatalf("PutDocuments: %v", err)
	}
	return res
}

func count(t *testing.T, s dateline.Store) int {
	t.Helper()
	n, err := s.CountDocuments(context.Background())
	if err != nil {
		t.Fatalf("CountDocuments: %v", err)
	}
	return n
}

func list(t *testing.T, s dateline.Store, q dateline.DocQuery) []dateline.DocSummary {
	t.Helper()
	out, err := s.Documents(context.Background(), q)
	if err != nil {
		t.Fatalf("Documents(%+v): %v", q, err)
	}
	return out
}

func ids(sums []dateline.DocSummary) []dateline.DocID {
	out := make([]dateline.DocID, len(sums))
	for i, s := range sums {
		out[i] = s.ID
	}
	return out
}

// sameDoc compares documents by their JSON form, the contract of a
// round trip (time zones compare by offset, not by *time.Location).
func sameDoc(t *testing.T, got, want *dateline.Document) {
	t.Helper()
	g, err := json.MarshalIndent(got, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	w, err := json.MarshalIndent(want, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if string(g) != string(w) {
		t.Errorf("document %s changed in the store:\n%s", want.ID, lineDiff(string(w), string(g)))
	}
	if got.Text != want.Text {
		t.Errorf("text changed: got %q, want %q", got.Text, want.Text)
	}
	if !got.Published.Equal(want.Published) {
		t.Errorf("published %v, want %v", got.Published, want.Published)
	}
}

// lineDiff shows the first differing lines of two texts.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(w), len(g)) {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\n- want %s\n+ got  %s", i+1, wl, gl)
		}
	}
	return "(no line differs)"
}

// fullDoc is a document with every layer set and multi-byte text.
func fullDoc() *dateline.Document {
	kyiv := time.FixedZone("", 3*3600)
	text := "Leaders’ summit ends – no deal\n\n" +
		"ANCHORAGE, Alaska – The “talks” ended on Friday, Ms. Dvořák said.\n\n" +
		"Photo: Jane Roe/Test Wire\n\n" +
		"Related: Ōsaka café reopens"
	span := func(s string) dateline.Span {
		i := strings.Index(text, s)
		if i < 0 {
			panic("storetest: no " + s)
		}
		return dateline.Span{Start: int32(i), End: int32(i + len(s))}
	}
	sent := span("ANCHORAGE, Alaska – The “talks” ended on Friday, Ms. Dvořák said.")
	d := &dateline.Document{
		ID: "storetest-full-1",
		Source: dateline.SourceRef{Kind: "html", URL: "https://news.example/2025/08/summit", GUID: "g-1",
			Path: "feeds/wire.xml", Line: 7, Outlet: "Example News", Fetched: time.Date(2025, 8, 16, 9, 30, 0, 0, time.UTC)},
		Published: time.Date(2025, 8, 15, 22, 5, 0, 123000000, kyiv),
		Title:     "Leaders’ summit ends – no deal",
		Deck:      "Two days of “frank” talks",
		Byline:    "By Ana Müller",
		Lang:      "en",
		Dateline:  &dateline.Dateline{Span: span("ANCHORAGE, Alaska"), Place: "Anchorage, Alaska"},
		Text:      text,
		Blocks: []dateline.Block{
			{Span: span("Leaders’ summit ends – no deal"), Kind: dateline.BlockTitle},
			{Span: sent, Kind: dateline.BlockParagraph},
			{Span: span("Photo: Jane Roe/Test Wire"), Kind: dateline.BlockCredit},
			{Span: span("Related: Ōsaka café reopens"), Kind: dateline.BlockBoilerplate},
		},
		Sentences: []dateline.Sentence{{Span: sent, Tokens: [2]int32{0, 3}}},
		Tokens: []dateline.Token{
			{Span: span("ANCHORAGE"), UPOS: "PROPN", XPOS: "NNP", Lemma: "Anchorage", Head: 2, Dep: "nsubj"},
			{Span: span("“"), UPOS: "PUNCT", XPOS: "``", Lemma: "“", Head: 2, Dep: "punct"},
			{Span: span("ended"), UPOS: "VERB", XPOS: "VBD", Lemma: "end", Feats: "Tense=Past|VerbForm=Fin", Head: -1, Dep: "root"},
		},
		Mentions: []dateline.Mention{
			{Span: span("ANCHORAGE"), Type: dateline.EntGPE, Actor: 0},
			{Span: span("Ms. Dvořák"), Type: dateline.EntPerson, Actor: 1, Role: "spokesperson"},
		},
		Actors: []dateline.DocActor{
			{ID: "gpe:anchorage", Name: "Anchorage", Type: dateline.EntGPE, Code: "USA", Mentions: []int{0}},
			{Name: "Dvořák", Type: dateline.EntPerson, Role: "spokesperson", Mentions: []int{1}},
		},
		Times: []dateline.TimeExpr{{Span: span("Friday"), Type: dateline.TimeDate, Value: "2025-08-15", Anchor: -1}},
		Quotes: []dateline.Quote{{Span: span("The “talks” ended on Friday"), Kind: dateline.QuoteIndirect,
			Cue: span("said"), Source: span("Ms. Dvořák"), Speaker: 1}},
		Events: []dateline.Event{{Code: "036", Plover: "CONSULT", Source: []dateline.EventActor{{Actor: 1, Text: "Ms. Dvořák", Code: "USA"}},
			Time: 0, TimeValue: "2025-08-15", Place: "Anchorage", Status: dateline.StatusHappened,
			Trigger: span("ended"), Evidence: sent, Asserter: 0}},
		Diags: []dateline.Diagnostic{{Span: span("Related"), Pass: "article", Severity: dateline.SevInfo, Message: "boilerplate line “Related”"}},
	}
	return d
}

func testRoundTrip(t *testing.T, s dateline.Store) {
	ctx := context.Background()
	want := fullDoc()
	before, _ := json.Marshal(want)
	if res := put(t, s, want); res != (dateline.PutResult{Stored: 1}) {
		t.Errorf("PutDocuments = %+v, want 1 stored", res)
	}
	if after, _ := json.Marshal(want); string(after) != string(before) {
		t.Errorf("PutDocuments modified its argument")
	}
	got, err := s.Document(ctx, want.ID)
	if err != nil {
		t.Fatalf("Document: %v", err)
	}
	sameDoc(t, got, want)
	if got == want {
		t.Errorf("Document returned the caller's pointer")
	}
	_, off := got.Published.Zone()
	if off != 3*3600 {
		t.Errorf("published offset %d s, want %d: the report's own offset must be kept", off, 3*3600)
	}
	if n := count(t, s); n != 1 {
		t.Errorf("CountDocuments = %d, want 1", n)
	}
	sums := list(t, s, dateline.DocQuery{})
	if len(sums) != 1 {
		t.Fatalf("Documents = %d summaries, want 1", len(sums))
	}
	sum := sums[0]
	if sum.ID != want.ID || sum.Title != want.Title || sum.URL != want.Source.URL || sum.Outlet != want.Source.Outlet {
		t.Errorf("summary %+v does not match the document", sum)
	}
	if !sum.Published.Equal(want.Published) {
		t.Errorf("summary published %v, want %v", sum.Published, want.Published)
	}
	if sum.Ingested.IsZero() {
		t.Errorf("summary has no ingested time")
	}
	if sum.Snippet != "" {
		t.Errorf("a listing (no query) has snippet %q", sum.Snippet)
	}
}

func testRoundTripEdges(t *testing.T, s dateline.Store) {
	ctx := context.Background()
	big := strings.Repeat("Grüße aus Köln – “quoted” text’s end. ", 8000) // ~330 KB
	bad := fullDoc()
	bad.ID = "storetest-bad-blocks"
	bad.Blocks = []dateline.Block{ // overlapping, unsorted, out of bounds: stored as given
		{Span: dateline.Span{Start: 10, End: 40}, Kind: dateline.BlockBoilerplate},
		{Span: dateline.Span{Start: 5, End: 12}, Kind: dateline.BlockCredit},
		{Span: dateline.Span{Start: 0, End: 1 << 20}, Kind: dateline.BlockByline},
	}
	docs := []*dateline.Document{
		{ID: "storetest-empty", Text: ""},
		{ID: "storetest-only-id"},
		{ID: "storetest-big", Text: big, Blocks: []dateline.Block{{Span: dateline.Span{End: int32(len(big))}, Kind: dateline.BlockParagraph}}},
		{ID: "storetest-all-boilerplate", Text: "Sign up – now", Blocks: []dateline.Block{{Span: dateline.Span{End: 15}, Kind: dateline.BlockBoilerplate}}},
		{ID: "storetest-ids/with?odd#chars%20 and ’quotes’", Title: "Odd ID", Text: "x"},
		bad,
	}
	if res := put(t, s, docs...); res.Stored != len(docs) {
		t.Fatalf("PutDocuments = %+v, want %d stored", res, len(docs))
	}
	for _, want := range docs {
		got, err := s.Document(ctx, want.ID)
		if err != nil {
			t.Errorf("Document(%q): %v", want.ID, err)
			continue
		}
		sameDoc(t, got, want)
	}
}

func testIdempotent(t *testing.T, s dateline.Store) {
	ctx := context.Background()
	a := Doc("https://a.example/1", "First report", time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), "Ships left the port on Monday.")
	b := Doc("https://a.example/2", "Second report", time.Date(2025, 3, 2, 0, 0, 0, 0, time.UTC), "The port reopened on Tuesday.")
	if res := put(t, s, a, b); res != (dateline.PutResult{Stored: 2}) {
		t.Errorf("first put = %+v, want 2 stored", res)
	}
	if res := put(t, s, a, b); res != (dateline.PutResult{Duplicates: 2}) {
		t.Errorf("second put = %+v, want 2 duplicates", res)
	}
	// A different document under a stored ID is a duplicate and changes nothing.
	impostor := *a
	impostor.Title = "Changed title"
	impostor.Text = "changed"
	impostor.Blocks = nil
	c := Doc("https://a.example/3", "Third report", time.Time{}, "Nothing happened.")
	if res := put(t, s, &impostor, c); res != (dateline.PutResult{Stored: 1, Duplicates: 1}) {
		t.Errorf("third put = %+v, want 1 stored, 1 duplicate", res)
	}
	got, err := s.Document(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	sameDoc(t, got, a)
	if hits := list(t, s, dateline.DocQuery{Text: "changed"}); len(hits) != 0 {
		t.Errorf("the duplicate's text was indexed: %v", ids(hits))
	}
	if n := count(t, s); n != 3 {
		t.Errorf("CountDocuments = %d, want 3", n)
	}
	if res := put(t, s); res != (dateline.PutResult{}) {
		t.Errorf("empty put = %+v", res)
	}
}

func testDuplicatesInBatch(t *testing.T, s dateline.Store) {
	a := Doc("https://b.example/1", "One", time.Time{}, "alpha")
	b := Doc("https://b.example/2", "Two", time.Time{}, "beta")
	if res := put(t, s, a, a, b, a); res != (dateline.PutResult{Stored: 2, Duplicates: 2}) {
		t.Errorf("put = %+v, want 2 stored, 2 duplicates", res)
	}
	if n := count(t, s); n != 2 {
		t.Errorf("CountDocuments = %d, want 2", n)
	}
}

func testInvalidBatch(t *testing.T, s dateline.Store) {
	ctx := context.Background()
	good := Doc("https://c.example/1", "Good", time.Time{}, "fine")
	for _, batch := range [][]*dateline.Document{
		{good, nil},
		{good, {Text: "no id"}},
	} {
		_, err := s.PutDocuments(ctx, batch)
		if !errors.Is(err, dateline.ErrInvalid) {
			t.Errorf("PutDocuments(bad batch) error = %v, want ErrInvalid", err)
		}
	}
	if n := count(t, s); n != 0 {
		t.Errorf("a rejected batch stored %d documents", n)
	}
}

func testNotFound(t *testing.T, s dateline.Store) {
	ctx := context.Background()
	put(t, s, Doc("https://d.example/1", "Here", time.Time{}, "present"))
	for _, id := range []dateline.DocID{"", "nope", "’“”–", "' OR 1=1 --"} {
		d, err := s.Document(ctx, id)
		if !errors.Is(err, dateline.ErrNotFound) {
			t.Errorf("Document(%q) = %v, %v; want ErrNotFound", id, d, err)
		}
	}
}

func testListOrder(t *testing.T, s dateline.Store) {
	day := func(d, h int, zone *time.Location) time.Time { return time.Date(2025, 6, d, h, 0, 0, 0, zone) }
	tokyo, lima := time.FixedZone("", 9*3600), time.FixedZone("", -5*3600)
	// By instant: 10 June 02:00 Tokyo is 9 June 17:00 UTC; 9 June 20:00 Lima is 10 June 01:00 UTC.
	undated1 := Doc("https://e.example/u1", "Undated first", time.Time{}, "u1")
	mid := Doc("https://e.example/mid", "Mid", day(10, 2, tokyo), "m")
	newest := Doc("https://e.example/new", "Newest", day(9, 20, lima), "n")
	oldest := Doc("https://e.example/old", "Oldest", day(1, 12, time.UTC), "o")
	undated2 := Doc("https://e.example/u2", "Undated second", time.Time{}, "u2")
	put(t, s, undated1, mid)
	put(t, s, newest, oldest)
	put(t, s, undated2)
	want := []dateline.DocID{newest.ID, mid.ID, oldest.ID, undated2.ID, undated1.ID}
	if got := ids(list(t, s, dateline.DocQuery{})); !slices.Equal(got, want) {
		t.Errorf("order = %v, want %v (newest by instant, undated last, latest ingested first)", got, want)
	}
	if got := ids(list(t, s, dateline.DocQuery{Text: "  \t\n "})); !slices.Equal(got, want) {
		t.Errorf("blank query order = %v, want the listing %v", got, want)
	}
}

func testLimitOffset(t *testing.T, s dateline.Store) {
	ctx := context.Background()
	var docs []*dateline.Document
	for i := range 7 {
		docs = append(docs, Doc(fmt.Sprintf("https://f.example/%d", i), fmt.Sprintf("Report %d", i),
			time.Date(2025, 1, 1+i, 0, 0, 0, 0, time.UTC), "harbour strike day"))
	}
	put(t, s, docs...)
	for _, q := range []string{"", "harbour"} {
		all := ids(list(t, s, dateline.DocQuery{Text: q}))
		if len(all) != 7 {
			t.Fatalf("query %q, limit 0: %d documents, want all 7", q, len(all))
		}
		var paged []dateline.DocID
		for off := 0; off < 9; off += 3 {
			page := ids(list(t, s, dateline.DocQuery{Text: q, Limit: 3, Offset: off}))
			if want := min(3, max(0, 7-off)); len(page) != want {
				t.Errorf("query %q limit 3 offset %d: %d documents, want %d", q, off, len(page), want)
			}
			paged = append(paged, page...)
		}
		if !slices.Equal(paged, all) {
			t.Errorf("query %q: pages %v differ from the full list %v", q, paged, all)
		}
		if got := list(t, s, dateline.DocQuery{Text: q, Offset: 100}); len(got) != 0 {
			t.Errorf("query %q offset 100: %d documents", q, len(got))
		}
		if got := list(t, s, dateline.DocQuery{Text: q, Limit: 1 << 30}); len(got) != 7 {
			t.Errorf("query %q huge limit: %d documents", q, len(got))
		}
		for _, bad := range []dateline.DocQuery{{Text: q, Limit: -1}, {Text: q, Offset: -1}} {
			if _, err := s.Documents(ctx, bad); !errors.Is(err, dateline.ErrInvalid) {
				t.Errorf("Documents(%+v) error = %v, want ErrInvalid", bad, err)
			}
		}
	}
}

// searchDocs is a small corpus for the search tests.
func searchDocs() []*dateline.Document {
	t0 := time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC)
	return []*dateline.Document{
		Doc("https://g.example/summit", "Summit in Anchorage ends without a ceasefire", t0,
			"The two presidents met for three hours in Anchorage on Friday.",
			"“We made progress,” one of them said, but no ceasefire was agreed."),
		Doc("https://g.example/grain", "Grain exports resume from Odesa", t0.Add(24*time.Hour),
			"Ships carrying grain left Odesa’s port after a pause of two weeks.",
			"Insurers said the ceasefire talks had eased premiums."),
		Doc("https://g.example/cafe", "Café in Zürich wins award", t0.Add(48*time.Hour),
			"The café near the lake – a local favourite – won the city’s prize.",
			"Its owner, Zoë Dvořák, thanked the “loyal regulars”."),
		Doc("https://g.example/ops", "Operators report AND/OR logic faults", t0.Add(72*time.Hour),
			"Engineers found a NOT gate wired to the wrong (backup) line near the port.",
			"The fault – a classic * wildcard mistake – was fixed by Monday."),
	}
}

func testSearch(t *testing.T, s dateline.Store) {
	docs := searchDocs()
	put(t, s, docs...)
	summit, grain, cafe, ops := docs[0].ID, docs[1].ID, docs[2].ID, docs[3].ID
	tests := []struct {
		query string
		want  []dateline.DocID // as a set
	}{
		{"anchorage", []dateline.DocID{summit}},
		{"ANCHORAGE", []dateline.DocID{summit}},
		{"ceasefire", []dateline.DocID{summit, grain}},
		{"ceasefire grain", []dateline.DocID{grain}},
		{"port", []dateline.DocID{grain, ops}},
		{`"three hours"`, []dateline.DocID{summit}},
		{`"hours three"`, nil},
		{`“made progress”`, []dateline.DocID{summit}},
		{"Dvořák", []dateline.DocID{cafe}},
		{"Zürich café", []dateline.DocID{cafe}},
		{"Odesa’s", []dateline.DocID{grain}},
		{"odesa", []dateline.DocID{grain}},
		{"penguin", nil},
		{"anchorage penguin", nil},
		{"AND", []dateline.DocID{ops}},
		{"NOT gate", []dateline.DocID{ops}},
		{"(backup)", []dateline.DocID{ops}},
		{"wildcard*", []dateline.DocID{ops}},
	}
	for _, tc := range tests {
		got := list(t, s, dateline.DocQuery{Text: tc.query})
		gotIDs := ids(got)
		slices.Sort(gotIDs)
		want := slices.Clone(tc.want)
		slices.Sort(want)
		if !slices.Equal(gotIDs, want) {
			t.Errorf("search %q = %v, want %v", tc.query, gotIDs, want)
		}
		for _, h := range got {
			if h.Snippet == "" {
				t.Errorf("search %q: hit %s has no snippet", tc.query, h.ID)
			}
			if strings.ContainsAny(h.Snippet, "<>") || strings.Contains(h.Snippet, "[") {
				t.Errorf("search %q: snippet %q is not plain text", tc.query, h.Snippet)
			}
			if h.Title == "" || h.Ingested.IsZero() || h.Published.IsZero() {
				t.Errorf("search %q: hit %+v lacks listing fields", tc.query, h)
			}
		}
	}
	// The snippet shows the matching text.
	for _, tc := range []struct{ query, in string }{
		{"presidents", "presidents"},
		{"premiums", "premiums"},
		{"regulars", "regulars"},
	} {
		got := list(t, s, dateline.DocQuery{Text: tc.query})
		if len(got) != 1 || !strings.Contains(got[0].Snippet, tc.in) {
			t.Errorf("search %q: hits %+v, want one whose snippet contains %q", tc.query, got, tc.in)
		}
	}
}

func testSearchRanking(t *testing.T, s dateline.Store) {
	t0 := time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)
	filler := strings.Repeat("Officials discussed budgets, roads and schools at length. ", 20)
	once := Doc("https://h.example/once", "City council meets", t0.Add(time.Hour), filler+"A drought was mentioned once.")
	title := Doc("https://h.example/title", "Drought grips the north", t0,
		"The drought has dried rivers; farmers say the drought is the worst in decades.")
	put(t, s, once, title)
	got := ids(list(t, s, dateline.DocQuery{Text: "drought"}))
	if want := []dateline.DocID{title.ID, once.ID}; !slices.Equal(got, want) {
		t.Errorf("ranking = %v, want the report about the drought (%s) first", got, title.ID)
	}
}

func testSearchSkipsBoilerplate(t *testing.T, s dateline.Store) {
	d := Doc("https://i.example/1", "Harbour reopens", time.Time{},
		"The harbour reopened on Sunday after repairs.",
		"credit: Photo by Kowalczyk/Agency",
		"boilerplate: Related: Zeppelin festival cancelled",
		"byline: By Quetzal Ramírez",
		"caption: Cranes stand idle at the harbour’s edge.")
	put(t, s, d)
	for _, q := range []string{"zeppelin", "kowalczyk", "quetzal", "Related"} {
		if got := list(t, s, dateline.DocQuery{Text: q}); len(got) != 0 {
			t.Errorf("search %q hit %v: credit, byline and boilerplate blocks must not be indexed", q, ids(got))
		}
	}
	for _, q := range []string{"harbour", "cranes", "reopens"} {
		if got := list(t, s, dateline.DocQuery{Text: q}); len(got) != 1 {
			t.Errorf("search %q: %d hits, want 1", q, len(got))
		}
	}
	got, err := s.Document(context.Background(), d.ID)
	if err != nil {
		t.Fatal(err)
	}
	sameDoc(t, got, d)
}

// hostileQueries are inputs that are FTS5 (or SQL) syntax.
var hostileQueries = []string{
	"AND", "OR", "NOT", "NEAR", "and or not", "AND OR NOT NEAR", "port AND", "OR port", "NOT port",
	"port NOT", `"`, `""`, `"""`, `"unbalanced`, `unbalanced"`, `a"b"c`, "*", "**", "port*", "*port", "por*t",
	"-", "-port", "port -harbour", "--", "+port", "^port", "(", ")", "()", "(port", "port)", "((port))",
	"title:port", "body:port", "{title body}: port", "{", "}", ":", "::", "NEAR(port grain)",
	"NEAR(port grain, 5)", "port NEAR/2 grain", "'", "''", "port'", `\`, `\"`, ";", "'; DROP TABLE documents; --",
	"%", "_", "?", "?1", "$x", "@x", "\x00", "port\x00grain", "\xff\xfe", "“", "”", "“unclosed", "„port“",
	"«port»", "’", "–", "—", "…", "💥", "\u0300", "\u200b", "\ufeff", strings.Repeat("port ", 500),
	strings.Repeat("(", 2000), strings.Repeat(`"`, 999), strings.Repeat("é", 3000),
}

func testSearchSyntax(t *testing.T, s dateline.Store) {
	ctx := context.Background()
	put(t, s, searchDocs()...)
	for _, q := range hostileQueries {
		for _, limit := range []int{0, 1} {
			if _, err := s.Documents(ctx, dateline.DocQuery{Text: q, Limit: limit}); err != nil {
				t.Errorf("search %q: %v", q, err)
			}
		}
	}
	// Operators are searched as words: "port NOT" requires both.
	if got := list(t, s, dateline.DocQuery{Text: "port NOT"}); len(got) != 1 {
		t.Errorf(`search "port NOT" = %v, want the one document with "port" and "not"`, ids(got))
	}
}

func testConcurrent(t *testing.T, s dateline.Store) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	const batches, size, readers = 12, 5, 4
	var wg sync.WaitGroup
	errc := make(chan error, readers+1)
	wg.Go(func() {
		defer cancel()
		for b := range batches {
			var docs []*dateline.Document
			for i := range size {
				docs = append(docs, Doc(fmt.Sprintf("https://j.example/%d/%d", b, i), fmt.Sprintf("Batch %d item %d", b, i),
					time.Date(2025, 4, 1+b, i, 0, 0, 0, time.UTC), "Rain fell on the harbour – “again”.", "More rain tomorrow."))
			}
			if _, err := s.PutDocuments(context.Background(), docs); err != nil {
				errc <- fmt.Errorf("writer: %w", err)
				return
			}
		}
	})
	for r := range readers {
		wg.Go(func() {
			last := 0
			for i := 0; ctx.Err() == nil || i == 0; i++ {
				bg := context.Background()
				n, err := s.CountDocuments(bg)
				if err != nil {
					errc <- fmt.Errorf("reader %d: count: %w", r, err)
					return
				}
				if n < last || n%size != 0 {
					errc <- fmt.Errorf("reader %d: count %d after %d: a batch was seen in part or went back", r, n, last)
					return
				}
				last = n
				sums, err := s.Documents(bg, dateline.DocQuery{Text: []string{"", "harbour", `"rain fell"`, "again"}[i%4], Limit: 10})
				if err != nil {
					errc <- fmt.Errorf("reader %d: documents: %w", r, err)
					return
				}
				for _, d := range sums {
					if _, err := s.Document(bg, d.ID); err != nil {
						errc <- fmt.Errorf("reader %d: document %s: %w", r, d.ID, err)
						return
					}
				}
			}
		})
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		t.Error(err)
	}
	if n := count(t, s); n != batches*size {
		t.Errorf("CountDocuments = %d, want %d", n, batches*size)
	}
}

func testCancelled(t *testing.T, s dateline.Store) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var docs []*dateline.Document
	for i := range 20 {
		docs = append(docs, Doc(fmt.Sprintf("https://k.example/%d", i), "Cancelled", time.Time{}, "text"))
	}
	if _, err := s.PutDocuments(ctx, docs); !errors.Is(err, context.Canceled) {
		t.Errorf("PutDocuments(cancelled) error = %v, want context.Canceled", err)
	}
	if n := count(t, s); n != 0 {
		t.Errorf("a cancelled PutDocuments stored %d documents", n)
	}
	if _, err := s.Documents(ctx, dateline.DocQuery{}); err == nil {
		t.Errorf("Documents(cancelled): no error")
	}
	if _, err := s.Documents(ctx, dateline.DocQuery{Text: "text"}); err == nil {
		t.Errorf("Documents(cancelled search): no error")
	}
	if _, err := s.Document(ctx, docs[0].ID); err == nil || errors.Is(err, dateline.ErrNotFound) {
		t.Errorf("Document(cancelled) error = %v, want the context's", err)
	}
	if _, err := s.CountDocuments(ctx); err == nil {
		t.Errorf("CountDocuments(cancelled): no error")
	}
	// The rerun stores everything, once.
	if res := put(t, s, docs...); res != (dateline.PutResult{Stored: 20}) {
		t.Errorf("rerun = %+v, want 20 stored", res)
	}
	if res := put(t, s, docs...); res != (dateline.PutResult{Duplicates: 20}) {
		t.Errorf("second rerun = %+v, want 20 duplicates", res)
	}
}

// suiteTest is one test of a conformance suite over stores of type S.
type suiteTest[S any] struct {
	name string
	run  func(t *testing.T, s S)
}

// runSuite runs each test in a subtest on a new store from open, closing
// the store when the subtest ends.
func runSuite[S interface{ Close() error }](t *testing.T, open func(t *testing.T) S, tests []suiteTest[S]) {
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t)
			t.Cleanup(func() {
				if err := s.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
			})
			tc.run(t, s)
		})
	}
}
