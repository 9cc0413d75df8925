package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/dateline-news/dateline"
)

// speechText is an invented report in which a named leader speaks twice,
// once through a pronoun, with multi-byte punctuation.
const speechText = "Zelenskyy vows “no retreat” – again\n" +
	"President Volodymyr Zelenskyy told Ruritania’s envoy that talks would go on. “We will not give up,” he said on Friday."

func speechDoc(t testing.TB) *dateline.Document {
	text := speechText
	title := strings.Split(text, "\n")[0]
	d := &dateline.Document{
		ID: "d0c0ffee0002", Title: title, Published: time.Date(2025, 3, 7, 8, 0, 0, 0, time.UTC), Text: text,
		Blocks: []dateline.Block{{Span: at(t, text, title, 0), Kind: dateline.BlockTitle},
			{Span: dateline.Span{Start: int32(len(title) + 1), End: int32(len(text))}, Kind: dateline.BlockParagraph}},
	}
	d.Actors = []dateline.DocActor{
		{ID: "person/volodymyr-zelenskyy", Name: "Volodymyr Zelenskyy", Type: dateline.EntPerson, Code: "UKRGOV", Role: "President of Ukraine", Mentions: []int{0, 1, 3}},
		{Name: "Ruritania", Type: dateline.EntGPE, Code: "RUR", Mentions: []int{2}},
	}
	d.Mentions = []dateline.Mention{
		{Span: at(t, text, "Zelenskyy", 0), Type: dateline.EntPerson, Actor: 0},
		{Span: at(t, text, "Volodymyr Zelenskyy", 0), Type: dateline.EntPerson, Actor: 0},
		{Span: at(t, text, "Ruritania’s", 0), Type: dateline.EntGPE, Actor: 1},
		{Span: at(t, text, "he", 0), Type: dateline.EntPron, Actor: 0},
	}
	d.Quotes = []dateline.Quote{
		{Span: at(t, text, "talks would go on", 0), Kind: dateline.QuoteIndirect, Cue: at(t, text, "told", 0), Source: d.Mentions[1].Span, Speaker: 1},
		{Span: at(t, text, "We will not give up,", 0), Kind: dateline.QuoteDirect, Cue: at(t, text, "said", 0), Source: d.Mentions[3].Span, Speaker: 3},
	}
	sent := at(t, text, "President Volodymyr Zelenskyy told Ruritania’s envoy that talks would go on.", 0)
	d.Events = []dateline.Event{{Code: "040", Plover: "CONSULT", Status: dateline.StatusHappened, Time: -1, Asserter: -1,
		Source:  []dateline.EventActor{{Actor: 0, Text: "Volodymyr Zelenskyy", Code: "UKRGOV"}},
		Target:  []dateline.EventActor{{Actor: 1, Text: "Ruritania’s envoy", Code: "RUR"}},
		Trigger: at(t, text, "told", 0), Evidence: sent}}
	return d
}

func newIndexHandler(t testing.TB) (http.Handler, *fakeStore) {
	t.Helper()
	st := newFakeStore(append(otherDocs(2), fixtureDoc(t), speechDoc(t), hostileDoc(t))...)
	return New(fakeIndex{st}, nil, Options{PageSize: 2, Version: "test"}), st
}

func decodeJSON[T any](t *testing.T, rec *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		t.Fatalf("body is not JSON: %v\n%s", err, rec.Body)
	}
	return v
}

func TestIndexAPI(t *testing.T) {
	h, _ := newIndexHandler(t)
	get := func(target string, want int) *httptest.ResponseRecorder {
		t.Helper()
		rec := do(t, h, "GET", target)
		if rec.Code != want {
			t.Fatalf("GET %s: %d, want %d\n%s", target, rec.Code, want, rec.Body)
		}
		if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("GET %s: Content-Type %q", target, ct)
		}
		return rec
	}

	al := decodeJSON[ActorListResponse](t, get("/api/actors?q=zelensk", 200))
	if len(al.Actors) != 1 || al.Actors[0].ID != "person/volodymyr-zelenskyy" || al.Actors[0].Quotes != 2 || al.Query != "zelensk" {
		t.Errorf("actors: %+v", al)
	}
	al = decodeJSON[ActorListResponse](t, get("/api/actors?limit=1", 200))
	if len(al.Actors) != 1 || al.NextOffset == nil || *al.NextOffset != 1 {
		t.Errorf("first page of actors: %+v", al)
	}
	al = decodeJSON[ActorListResponse](t, get("/api/actors?type=gpe", 200))
	for _, a := range al.Actors {
		if a.Type != dateline.EntGPE {
			t.Errorf("type=gpe listed %+v", a)
		}
	}

	ar := decodeJSON[ActorResponse](t, get("/api/actors/person/volodymyr-zelenskyy", 200))
	if ar.Actor == nil || ar.Actor.Name != "Volodymyr Zelenskyy" || len(ar.Actor.RecentQuotes) != 2 || len(ar.Actor.RecentEvents) != 1 ||
		len(ar.Actor.Aliases) != 2 {
		t.Errorf("actor: %+v", ar.Actor)
	}
	get("/api/actors/person/nobody", 404)

	ql := decodeJSON[QuoteListResponse](t, get("/api/quotes?speaker=person/volodymyr-zelenskyy", 200))
	if len(ql.Quotes) != 2 || ql.Quotes[1].Text != "We will not give up," || ql.Quotes[1].Source != "he" || ql.NextOffset != nil {
		t.Errorf("quotes by ID: %+v", ql)
	}
	ql = decodeJSON[QuoteListResponse](t, get("/api/quotes?speaker="+url.QueryEscape("ZELENSKYY")+"&limit=1", 200))
	if len(ql.Quotes) != 1 || ql.Quotes[0].Speaker != "person/volodymyr-zelenskyy" || ql.NextOffset == nil {
		t.Errorf("quotes by name: %+v", ql)
	}
	// The envoy's quote has no resolved speaker: listed with its report only.
	ql = decodeJSON[QuoteListResponse](t, get("/api/quotes?doc=d0c0ffee0001", 200))
	if len(ql.Quotes) != 1 || ql.Quotes[0].Speaker != "" || ql.Quotes[0].Source != "Freedonia’s envoy" {
		t.Errorf("quotes of a report: %+v", ql)
	}
	ql = decodeJSON[QuoteListResponse](t, get("/api/quotes?speaker=envoy", 200))
	if len(ql.Quotes) != 0 {
		t.Errorf("an unknown speaker found by name: %+v", ql)
	}

	el := decodeJSON[EventListResponse](t, get("/api/events?actor=gpe/ruritania&code=04&status=happened", 200))
	if len(el.Events) != 2 {
		t.Errorf("events of Ruritania: %+v", el)
	}
	el = decodeJSON[EventListResponse](t, get("/api/events?actor=person/volodymyr-zelenskyy", 200))
	if len(el.Events) != 1 || el.Events[0].Sentence != "President Volodymyr Zelenskyy told Ruritania’s envoy that talks would go on." ||
		el.Events[0].Target[0].ID != "gpe/ruritania" {
		t.Errorf("events of Zelenskyy: %+v", el)
	}

	for _, bad := range []string{
		"/api/actors?limit=0", "/api/actors?limit=x", "/api/actors?offset=-1", "/api/actors?type=per%20son", "/api/actors?q=%00",
		"/api/actors/" + strings.Repeat("a", MaxActorIDBytes+1), "/api/actors/person/z%C3%A9", "/api/actors/a%20b",
		"/api/quotes?since=yesterday", "/api/quotes?until=2025-13-01", "/api/quotes?doc=a%20b", "/api/quotes?speaker=%01",
		"/api/events?status=done", "/api/events?code=04%25", "/api/events?actor=a%20b", "/api/events?limit=1000",
	} {
		rec := get(bad, 400)
		if kind, _ := apiErr(t, rec); kind != "invalid" {
			t.Errorf("GET %s: kind %q", bad, kind)
		}
	}
	// Without an index the routes answer 501.
	plain := New(newFakeStore(), nil, Options{})
	for _, p := range []string{"/api/actors", "/api/actors/gpe/x", "/api/quotes", "/api/events"} {
		if rec := do(t, plain, "GET", p); rec.Code != http.StatusNotImplemented {
			t.Errorf("GET %s without an index: %d", p, rec.Code)
		}
	}
	for _, p := range []string{"/actors", "/actor/gpe/x", "/quotes"} {
		if rec := do(t, plain, "GET", p); rec.Code != http.StatusNotImplemented {
			t.Errorf("GET %s without an index: %d", p, rec.Code)
		}
	}
}

func TestIndexPages(t *testing.T) {
	h, _ := newIndexHandler(t)
	page := func(target string, wants ...string) string {
		t.Helper()
		rec := do(t, h, "GET", target)
		if rec.Code != 200 {
			t.Fatalf("GET %s: %d\n%s", target, rec.Code, rec.Body)
		}
		body := rec.Body.String()
		for _, w := range wants {
			if !strings.Contains(body, w) {
				t.Errorf("GET %s lacks %q", target, w)
			}
		}
		return body
	}
	page("/actor/person/volodymyr-zelenskyy",
		`<h1 class="actor-name">Volodymyr Zelenskyy</h1>`, `<span class="alias">Zelenskyy</span>`, `<span class="alias">Volodymyr Zelenskyy</span>`,
		`<td>President of Ukraine</td>`, `<code>UKRGOV</code>`,
		`<td class="status">happened</td>`, `<a class="actorlink" href="/actor/gpe/ruritania">Ruritania</a>`,
		`<a class="evidence" href="/doc/d0c0ffee0002#s=`, `President Volodymyr Zelenskyy told Ruritania’s envoy that talks would go on.`,
		`We will not give up,`, `(“he”) said`, `href="/api/events?actor=person%2Fvolodymyr-zelenskyy"`)
	page("/actors?q=rur", `<a class="rtitle" href="/actor/gpe/ruritania">Ruritania</a>`)
	page("/actors?type=GPE", `<option value="GPE" selected>GPE</option>`)
	page("/quotes?speaker=zelenskyy", `<form class="finder" action="/quotes"`, `value="zelenskyy"`,
		`<a class="actorlink" href="/actor/person/volodymyr-zelenskyy">Volodymyr Zelenskyy</a>`, `We will not give up,`)
	page("/quotes?speaker=&page=1", `<a rel="next" href="/quotes?page=2">`)
	page("/quotes?speaker=nobody", `No quote by a speaker of that name.`)
	// The article page links its actors and speakers to their pages.
	page("/doc/d0c0ffee0002", `<a class="actorlink" href="/actor/person/volodymyr-zelenskyy" title="actor page">`,
		`<a class="actorlink" href="/actor/gpe/ruritania" title="actor page">`)
	// Hostile names stay text.
	body := page("/actors")
	if strings.Contains(body, "<script>") {
		t.Error("a hostile actor name became markup")
	}
	if rec := do(t, h, "GET", "/actor/person/nobody"); rec.Code != 404 {
		t.Errorf("unknown actor page: %d", rec.Code)
	}
	if rec := do(t, h, "GET", "/actors?type=%3Cb%3E"); rec.Code != 400 {
		t.Errorf("bad type: %d", rec.Code)
	}
}

// FuzzIndexPaths: any actor path or index query answers without a server
// error.
func FuzzIndexPaths(f *testing.F) {
	for _, s := range []string{"person/volodymyr-zelenskyy", "gpe/ruritania", "x", "%00", "../..", "a?b", "２", "person/x?limit=2"} {
		f.Add(s)
	}
	h, _ := newIndexHandler(f)
	f.Fuzz(func(t *testing.T, s string) {
		for _, base := range []string{"/api/actors/", "/actor/", "/api/actors?q=", "/api/quotes?speaker=", "/quotes?speaker=",
			"/api/events?code=", "/api/events?actor=", "/api/quotes?since=", "/actors?type="} {
			req, err := http.NewRequest("GET", "http://x"+base+s, nil)
			if err != nil {
				return
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code >= 500 {
				t.Fatalf("GET %s%q: status %d\n%s", base, s, rec.Code, rec.Body)
			}
		}
	})
}

func TestActorKnowledgeBase(t *testing.T) {
	st := newFakeStore(append(otherDocs(2), fixtureDoc(t), speechDoc(t), hostileDoc(t))...)
	kb := &dateline.Actor{ID: "person/volodymyr-zelenskyy", Name: "Volodymyr Zelenskyy", Type: dateline.EntPerson,
		Roles: []dateline.Role{{Title: "President of Ukraine", Code: "UKRGOV", From: time.Date(2019, 5, 20, 0, 0, 0, 0, time.UTC)}},
		IDs:   map[string]string{"wikidata": "Q3874799"}}
	known := func(id dateline.ActorID) (*dateline.Actor, bool) { return kb, id == kb.ID }
	for _, tc := range []struct {
		name  string
		known func(dateline.ActorID) (*dateline.Actor, bool)
		path  string
		want  []string // in the body
		not   []string
	}{
		{"page, known", known, "/actor/person/volodymyr-zelenskyy",
			[]string{`id="known"`, "President of Ukraine", "<code>UKRGOV</code>", "2019-05-20", "Q3874799"}, nil},
		{"page, another actor", known, "/actor/gpe/ruritania", nil, []string{`id="known"`}},
		{"page, no knowledge base", nil, "/actor/person/volodymyr-zelenskyy", nil, []string{`id="known"`}},
		{"API, known", known, "/api/actors/person/volodymyr-zelenskyy",
			[]string{`"known": {`, `"title": "President of Ukraine"`, `"from": "2019-05-20T00:00:00Z"`}, nil},
		{"API, no knowledge base", nil, "/api/actors/person/volodymyr-zelenskyy", nil, []string{`"known"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := New(fakeIndex{st}, nil, Options{PageSize: 2, Version: "test", Known: tc.known})
			rec := do(t, h, "GET", tc.path)
			if rec.Code != 200 {
				t.Fatalf("GET %s: %d\n%s", tc.path, rec.Code, rec.Body)
			}
			body := rec.Body.String()
			for _, w := range tc.want {
				if !strings.Contains(body, w) {
					t.Errorf("GET %s lacks %q", tc.path, w)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(body, w) {
					t.Errorf("GET %s has %q", tc.path, w)
				}
			}
		})
	}
}

// A joint statement lists every speaker, each linked to its page, and is
// found under the second speaker too.
func TestQuotesPageJointStatement(t *testing.T) {
	text := "Clinic stays open\nHugh Hill and the Mayor of Nome both said the clinic – the town’s only one – stays open."
	d := &dateline.Document{ID: "d0c0ffee0077", Title: "Clinic stays open", Published: time.Date(2025, 3, 8, 0, 0, 0, 0, time.UTC), Text: text}
	d.Actors = []dateline.DocActor{
		{Name: "Hugh Hill", Type: dateline.EntPerson, Mentions: []int{0}},
		{Name: "Mayor of Nome", Type: dateline.EntPerson, Mentions: []int{1}},
	}
	d.Mentions = []dateline.Mention{
		{Span: at(t, text, "Hugh Hill", 0), Type: dateline.EntPerson, Actor: 0},
		{Span: at(t, text, "Mayor of Nome", 0), Type: dateline.EntPerson, Actor: 1},
	}
	d.Quotes = []dateline.Quote{{Span: at(t, text, "the clinic – the town’s only one – stays open", 0), Kind: dateline.QuoteIndirect,
		Cue: at(t, text, "said", 0), Source: at(t, text, "Hugh Hill and the Mayor of Nome", 0), Speaker: 0, CoSpeakers: []int{1}}}
	h := New(fakeIndex{newFakeStore(d)}, nil, Options{Version: "test"})
	rec := do(t, h, "GET", "/quotes?speaker=nome")
	body := rec.Body.String()
	want := `<a class="actorlink" href="/actor/person/hugh-hill">Hugh Hill</a> &amp; <a class="actorlink" href="/actor/person/mayor-of-nome">Mayor of Nome</a>`
	if rec.Code != 200 || !strings.Contains(body, want) || !strings.Contains(body, "the town’s only one") {
		t.Errorf("GET /quotes?speaker=nome: %d, lacks %s\n%s", rec.Code, want, body)
	}
	ql := decodeJSON[QuoteListResponse](t, do(t, h, "GET", "/api/quotes?speaker=person/mayor-of-nome"))
	if len(ql.Quotes) != 1 || len(ql.Quotes[0].CoSpeakers) != 1 || ql.Quotes[0].CoSpeakers[0].Name != "Mayor of Nome" {
		t.Errorf("/api/quotes by the co-speaker: %+v", ql.Quotes)
	}
}
