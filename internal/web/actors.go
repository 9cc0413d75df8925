package web

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/dateline-news/dateline"
)

// Index routes (when Options.Index is set, or the store implements
// dateline.IndexStore; otherwise they answer 501):
//
//	GET /api/actors?q=&type=&limit=&offset=
//	                                 actors, those in most reports first; q: a name or alias prefix
//	GET /api/actors/{id}             {"schema", "actor": {..., "aliases", "roles", "recent_documents", "recent_events", "recent_quotes"}}
//	GET /api/quotes?speaker=&doc=&since=&until=&limit=&offset=
//	                                 who said what; speaker: an actor ID (person/...) or a name
//	GET /api/events?actor=&code=&status=&doc=&since=&until=&limit=&offset=
//	                                 coded events; code: a CAMEO code prefix
//	GET /actors, /actor/{id}, /quotes
//	                                 the actor search, the actor page, the "who said what" search
//
// since and until are dates (YYYY-MM-DD) or RFC 3339 times bounding the
// report's publication date, [since, until).

// MaxActorIDBytes is the longest accepted actor ID.
const MaxActorIDBytes = 200

// ActorListResponse is the body of GET /api/actors.
type ActorListResponse struct {
	Schema     string                  `json:"schema"`
	Query      string                  `json:"query,omitempty"`
	Type       string                  `json:"type,omitempty"`
	Limit      int                     `json:"limit"`
	Offset     int                     `json:"offset"`
	NextOffset *int                    `json:"next_offset,omitempty"`
	Actors     []dateline.ActorSummary `json:"actors"`
}

// ActorResponse is the body of GET /api/actors/{id}.
type ActorResponse struct {
	Schema string                `json:"schema"`
	Actor  *dateline.ActorRecord `json:"actor"`
	// Known is the knowledge base's record of the actor (roles with their
	// dates, aliases, external IDs), when the server has one and knows it.
	Known *dateline.Actor `json:"known,omitempty"`
}

// QuoteListResponse is the body of GET /api/quotes.
type QuoteListResponse struct {
	Schema     string              `json:"schema"`
	Limit      int                 `json:"limit"`
	Offset     int                 `json:"offset"`
	NextOffset *int                `json:"next_offset,omitempty"`
	Quotes     []dateline.QuoteHit `json:"quotes"`
}

// EventListResponse is the body of GET /api/events.
type EventListResponse struct {
	Schema     string              `json:"schema"`
	Limit      int                 `json:"limit"`
	Offset     int                 `json:"offset"`
	NextOffset *int                `json:"next_offset,omitempty"`
	Events     []dateline.EventHit `json:"events"`
}

// errNoIndex answers index routes over a store that keeps no index.
var errNoIndex = fmt.Errorf("this store keeps no index of actors, quotes and events: %w", dateline.ErrUnsupported)

// validActorID reports whether v is an acceptable actor ID: 1 to
// MaxActorIDBytes of [A-Za-z0-9._:/-], as the knowledge base and the actor
// pass make them ("person/vladimir-putin", "gpe/russia").
func validActorID(v string) bool {
	if v == "" || len(v) > MaxActorIDBytes {
		return false
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("._:/-", c) >= 0) {
			return false
		}
	}
	return true
}

func parseActorID(v string) (dateline.ActorID, error) {
	if !validActorID(v) {
		return "", fmt.Errorf("actor ID %.60q: want 1 to %d characters of [A-Za-z0-9._:/-]: %w", v, MaxActorIDBytes, dateline.ErrInvalid)
	}
	return dateline.ActorID(v), nil
}

// actorPath is the actor page of an ID; "" when the ID cannot be one.
func actorPath(id dateline.ActorID) string {
	if !validActorID(string(id)) {
		return ""
	}
	return "/actor/" + string(id)
}

// parseDateParam reads since/until: a date or an RFC 3339 time.
func parseDateParam(v, name string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.DateOnly, v); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%s=%.40q: want YYYY-MM-DD or an RFC 3339 time: %w", name, v, dateline.ErrInvalid)
}

// eventStatuses are the values of ?status=.
func validStatus(v string) bool {
	switch v {
	case dateline.StatusHappened, dateline.StatusNotHappened, dateline.StatusPlanned, dateline.StatusRefused,
		dateline.StatusConditional, dateline.StatusHedged, dateline.StatusRetracted, dateline.StatusOngoing:
		return true
	}
	return false
}

// indexParams are the validated common parameters of the index routes.
type indexParams struct {
	limit, offset int
	since, until  time.Time
	doc           dateline.DocID
}

func (s *server) indexParams(v url.Values) (indexParams, error) {
	var p indexParams
	var err error
	if p.limit, err = parseInt(v.Get("limit"), "limit", s.opts.PageSize, 1, MaxPageSize); err != nil {
		return p, err
	}
	if p.offset, err = parseInt(v.Get("offset"), "offset", 0, 0, MaxOffset); err != nil {
		return p, err
	}
	if p.since, err = parseDateParam(v.Get("since"), "since"); err != nil {
		return p, err
	}
	if p.until, err = parseDateParam(v.Get("until"), "until"); err != nil {
		return p, err
	}
	if d := v.Get("doc"); d != "" {
		if p.doc, err = parseID(d); err != nil {
			return p, err
		}
	}
	return p, nil
}

// actorQuery validates ?q=&type=.
func actorQuery(v url.Values) (dateline.ActorQuery, error) {
	q, err := parseQuery(v.Get("q"))
	if err != nil {
		return dateline.ActorQuery{}, err
	}
	typ := strings.ToUpper(strings.TrimSpace(v.Get("type")))
	if len(typ) > 16 || strings.IndexFunc(typ, func(r rune) bool { return r < 'A' || r > 'Z' }) >= 0 {
		return dateline.ActorQuery{}, fmt.Errorf("type=%.20q: want an entity type such as PERSON, ORG, GPE: %w", typ, dateline.ErrInvalid)
	}
	return dateline.ActorQuery{Name: q, Type: typ}, nil
}

// quoteQuery validates ?speaker=: an actor ID when it has the form of
// one (a "/" and only ID characters), else a name.
func quoteQuery(v url.Values) (dateline.QuoteQuery, error) {
	sp, err := parseQuery(v.Get("speaker"))
	if err != nil {
		return dateline.QuoteQuery{}, fmt.Errorf("speaker: %w", err)
	}
	if strings.Contains(sp, "/") && validActorID(sp) {
		return dateline.QuoteQuery{Speaker: dateline.ActorID(sp)}, nil
	}
	return dateline.QuoteQuery{SpeakerName: sp}, nil
}

// eventQuery validates ?actor=&code=&status=.
func eventQuery(v url.Values) (dateline.EventQuery, error) {
	var q dateline.EventQuery
	if a := v.Get("actor"); a != "" {
		id, err := parseActorID(a)
		if err != nil {
			return q, err
		}
		q.Actor = id
	}
	q.Code = v.Get("code")
	if len(q.Code) > 8 || strings.IndexFunc(q.Code, func(r rune) bool {
		return !(r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z')
	}) >= 0 {
		return q, fmt.Errorf("code=%.20q: want a CAMEO code or its prefix (digits): %w", q.Code, dateline.ErrInvalid)
	}
	q.Status = v.Get("status")
	if q.Status != "" && !validStatus(q.Status) {
		return q, fmt.Errorf("status=%.30q: want happened, not_happened, planned, refused, conditional, hedged, retracted or ongoing: %w",
			q.Status, dateline.ErrInvalid)
	}
	return q, nil
}

// next returns the next page's offset when the store returned one hit
// more than the limit, and the page cut to the limit.
func next[T any](list []T, limit, offset int) ([]T, *int) {
	if len(list) > limit {
		n := offset + limit
		return list[:limit], &n
	}
	return list, nil
}

func (s *server) apiActors(w http.ResponseWriter, r *http.Request) {
	if s.opts.Index == nil {
		s.apiError(w, r, errNoIndex)
		return
	}
	v := r.URL.Query()
	q, err := actorQuery(v)
	if err == nil {
		var p indexParams
		if p, err = s.indexParams(v); err == nil {
			q.Limit, q.Offset = p.limit+1, p.offset
		}
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	ctx, cancel := s.storeContext(r)
	defer cancel()
	list, err := s.opts.Index.Actors(ctx, q)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	resp := ActorListResponse{Schema: dateline.Schema, Query: q.Name, Type: q.Type, Limit: q.Limit - 1, Offset: q.Offset}
	resp.Actors, resp.NextOffset = next(list, q.Limit-1, q.Offset)
	w.Header().Set("Cache-Control", "no-cache")
	writeJSON(w, http.StatusOK, resp)
}

func (s *server) apiActor(w http.ResponseWriter, r *http.Request) {
	if s.opts.Index == nil {
		s.apiError(w, r, errNoIndex)
		return
	}
	id, err := parseActorID(r.PathValue("id"))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	ctx, cancel := s.storeContext(r)
	defer cancel()
	a, err := s.opts.Index.Actor(ctx, id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-cache")
	writeJSON(w, http.StatusOK, ActorResponse{Schema: dateline.Schema, Actor: a, Known: s.known(a.ID)})
}

func (s *server) apiQuotes(w http.ResponseWriter, r *http.Request) {
	serveIndexList(s, w, r, quoteQuery,
		func(q *dateline.QuoteQuery, p indexParams) {
			q.Doc, q.Since, q.Until, q.Limit, q.Offset = p.doc, p.since, p.until, p.limit+1, p.offset
		},
		func(ctx context.Context, q dateline.QuoteQuery) ([]dateline.QuoteHit, error) {
			return s.opts.Index.Quotes(ctx, q)
		},
		func(page []dateline.QuoteHit, nextOffset *int, p indexParams) any {
			return QuoteListResponse{Schema: dateline.Schema, Limit: p.limit, Offset: p.offset, Quotes: page, NextOffset: nextOffset}
		})
}

func (s *server) apiEvents(w http.ResponseWriter, r *http.Request) {
	serveIndexList(s, w, r, eventQuery,
		func(q *dateline.EventQuery, p indexParams) {
			q.Doc, q.Since, q.Until, q.Limit, q.Offset = p.doc, p.since, p.until, p.limit+1, p.offset
		},
		func(ctx context.Context, q dateline.EventQuery) ([]dateline.EventHit, error) {
			return s.opts.Index.Events(ctx, q)
		},
		func(page []dateline.EventHit, nextOffset *int, p indexParams) any {
			return EventListResponse{Schema: dateline.Schema, Limit: p.limit, Offset: p.offset, Events: page, NextOffset: nextOffset}
		})
}

// serveIndexList answers a list route of the index: the route's own
// parameters (parse) and the shared ones (fill), one more hit than the page
// asked for to tell whether a next page exists, and the body built by body.
func serveIndexList[Q, H any](s *server, w http.ResponseWriter, r *http.Request,
	parse func(url.Values) (Q, error), fill func(*Q, indexParams),
	list func(context.Context, Q) ([]H, error), body func([]H, *int, indexParams) any) {
	if s.opts.Index == nil {
		s.apiError(w, r, errNoIndex)
		return
	}
	v := r.URL.Query()
	q, err := parse(v)
	var p indexParams
	if err == nil {
		p, err = s.indexParams(v)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	fill(&q, p)
	ctx, cancel := s.storeContext(r)
	defer cancel()
	hits, err := list(ctx, q)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	page, nextOffset := next(hits, p.limit, p.offset)
	w.Header().Set("Cache-Control", "no-cache")
	writeJSON(w, http.StatusOK, body(page, nextOffset, p))
}

// UI.

// actorListPage is the body of /actors.
type actorListPage struct {
	Query, Type string
	Types       []string
	Actors      []actorRow
	First, Page int
	Prev, Next  string
}

type actorRow struct {
	dateline.ActorSummary
	Path string
}

// actorPage is the body of /actor/{id}.
// known is the knowledge base's record of id, or nil.
func (s *server) known(id dateline.ActorID) *dateline.Actor {
	if s.opts.Known == nil {
		return nil
	}
	if a, ok := s.opts.Known(id); ok {
		return a
	}
	return nil
}

type actorPage struct {
	A         *dateline.ActorRecord
	Known     *dateline.Actor // from the knowledge base; nil when unknown
	Roles     []dateline.RoleSeen
	Events    []eventRow
	Quotes    []quoteRow
	Documents []dateline.DocSummary
	EventsAPI string
	QuotesAPI string
	JSON      string
}

type eventRow struct {
	dateline.EventHit
	Href           string // the evidence in the article
	Source, Target []partyLink
}

type partyLink struct {
	Label, Path string
}

type quoteRow struct {
	dateline.QuoteHit
	Href        string
	SpeakerPath string
	Also        []partyLink // the other speakers of a joint statement
}

// quoteListPage is the body of /quotes.
type quoteListPage struct {
	Speaker    string
	Quotes     []quoteRow
	Actors     []actorRow // speakers matching the name
	First      int
	Page       int
	Prev, Next string
	Searched   bool
}

func docSpanPath(doc dateline.DocID, sp dateline.Span) string {
	p := "/doc/" + url.PathEscape(string(doc))
	if sp.Start >= 0 && sp.Start < sp.End {
		p += spanHref(sp)
	}
	return p
}

func parties(ps []dateline.EventParty) []partyLink {
	var out []partyLink
	for _, p := range ps {
		label := p.Name
		if label == "" {
			label = p.Text
		}
		out = append(out, partyLink{Label: label, Path: actorPath(p.ID)})
	}
	return out
}

func eventRows(hits []dateline.EventHit) []eventRow {
	out := make([]eventRow, len(hits))
	for i, h := range hits {
		out[i] = eventRow{EventHit: h, Href: docSpanPath(h.Doc, h.Evidence), Source: parties(h.Source), Target: parties(h.Target)}
	}
	return out
}

func quoteRows(hits []dateline.QuoteHit) []quoteRow {
	out := make([]quoteRow, len(hits))
	for i, h := range hits {
		out[i] = quoteRow{QuoteHit: h, Href: docSpanPath(h.Doc, h.Span), SpeakerPath: actorPath(h.Speaker)}
		for _, c := range h.CoSpeakers {
			out[i].Also = append(out[i].Also, partyLink{Label: cmp.Or(c.Name, string(c.ID)), Path: actorPath(c.ID)})
		}
	}
	return out
}

func actorRows(list []dateline.ActorSummary) []actorRow {
	out := make([]actorRow, len(list))
	for i, a := range list {
		out[i] = actorRow{ActorSummary: a, Path: actorPath(a.ID)}
	}
	return out
}

// pageParam reads ?page= for the UI lists.
func (s *server) pageParam(r *http.Request) (int, error) {
	return parseInt(r.URL.Query().Get("page"), "page", 1, 1, MaxOffset/s.opts.PageSize+1)
}

// pageLinks sets the previous and next page URLs of a list page.
func pageLinks(path string, v url.Values, pageNo int, more bool) (prev, next string) {
	link := func(n int) string {
		w := url.Values{}
		for k, vs := range v {
			if k != "page" && len(vs) > 0 && vs[0] != "" {
				w.Set(k, vs[0])
			}
		}
		if n > 1 {
			w.Set("page", strconv.Itoa(n))
		}
		if len(w) == 0 {
			return path
		}
		return path + "?" + w.Encode()
	}
	if pageNo > 1 {
		prev = link(pageNo - 1)
	}
	if more {
		next = link(pageNo + 1)
	}
	return prev, next
}

func (s *server) uiActors(w http.ResponseWriter, r *http.Request) {
	if s.opts.Index == nil {
		s.uiError(w, r, errNoIndex)
		return
	}
	v := r.URL.Query()
	q, err := actorQuery(v)
	if err != nil {
		s.uiError(w, r, err)
		return
	}
	pageNo, err := s.pageParam(r)
	if err != nil {
		s.uiError(w, r, err)
		return
	}
	offset := (pageNo - 1) * s.opts.PageSize
	q.Limit, q.Offset = s.opts.PageSize+1, offset
	ctx, cancel := s.storeContext(r)
	defer cancel()
	list, err := s.opts.Index.Actors(ctx, q)
	if err != nil {
		s.uiError(w, r, err)
		return
	}
	list, nextOffset := next(list, s.opts.PageSize, offset)
	more := nextOffset != nil
	body := &actorListPage{Query: q.Name, Type: q.Type, Actors: actorRows(list), First: offset + 1, Page: pageNo,
		Types: []string{dateline.EntPerson, dateline.EntOrg, dateline.EntGPE, dateline.EntLoc, dateline.EntNORP, dateline.EntEvent, dateline.EntMisc}}
	body.Prev, body.Next = pageLinks("/actors", v, pageNo, more)
	s.render(w, r, http.StatusOK, "actors", "Actors", body)
}

func (s *server) uiActor(w http.ResponseWriter, r *http.Request) {
	if s.opts.Index == nil {
		s.uiError(w, r, errNoIndex)
		return
	}
	id, err := parseActorID(r.PathValue("id"))
	if err != nil {
		s.uiError(w, r, err)
		return
	}
	ctx, cancel := s.storeContext(r)
	defer cancel()
	a, err := s.opts.Index.Actor(ctx, id)
	if err != nil {
		s.uiError(w, r, err)
		return
	}
	body := &actorPage{A: a, Known: s.known(a.ID), Roles: a.Roles, Events: eventRows(a.RecentEvents), Quotes: quoteRows(a.RecentQuotes),
		Documents: a.RecentDocuments, JSON: "/api/actors/" + string(a.ID),
		EventsAPI: "/api/events?" + url.Values{"actor": {string(a.ID)}}.Encode(),
		QuotesAPI: "/api/quotes?" + url.Values{"speaker": {string(a.ID)}}.Encode()}
	s.render(w, r, http.StatusOK, "actor", a.Name, body)
}

func (s *server) uiQuotes(w http.ResponseWriter, r *http.Request) {
	if s.opts.Index == nil {
		s.uiError(w, r, errNoIndex)
		return
	}
	v := r.URL.Query()
	q, err := quoteQuery(v)
	if err != nil {
		s.uiError(w, r, err)
		return
	}
	pageNo, err := s.pageParam(r)
	if err != nil {
		s.uiError(w, r, err)
		return
	}
	offset := (pageNo - 1) * s.opts.PageSize
	q.Limit, q.Offset = s.opts.PageSize+1, offset
	body := &quoteListPage{Speaker: v.Get("speaker"), First: offset + 1, Page: pageNo, Searched: q.Speaker != "" || q.SpeakerName != ""}
	ctx, cancel := s.storeContext(r)
	defer cancel()
	list, err := s.opts.Index.Quotes(ctx, q)
	if err != nil {
		s.uiError(w, r, err)
		return
	}
	list, nextOffset := next(list, s.opts.PageSize, offset)
	more := nextOffset != nil
	body.Quotes = quoteRows(list)
	if q.SpeakerName != "" && pageNo == 1 {
		as, err := s.opts.Index.Actors(ctx, dateline.ActorQuery{Name: q.SpeakerName, Limit: 8})
		if err != nil {
			s.uiError(w, r, err)
			return
		}
		body.Actors = actorRows(as)
	}
	body.Prev, body.Next = pageLinks("/quotes", v, pageNo, more)
	s.render(w, r, http.StatusOK, "quotes", "Who said what", body)
}
