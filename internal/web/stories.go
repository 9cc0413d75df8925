package web

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dateline-news/dateline"
)

// Story routes (when Options.Stories is set):
//
//	GET /api/stories?limit=&offset=  stories, latest first
//	GET /api/stories/{id}            {"schema", "story": {...}, "documents": [...], "view": {...}}
//	GET /stories                     the story list (?page=)
//	GET /story/{id}                  the story page: timeline, actor network, positions, expected events, flags

// StoryListResponse is the body of GET /api/stories.
type StoryListResponse struct {
	Schema     string                  `json:"schema"`
	Limit      int                     `json:"limit"`
	Offset     int                     `json:"offset"`
	Total      int                     `json:"total"`
	NextOffset *int                    `json:"next_offset,omitempty"`
	Stories    []dateline.StorySummary `json:"stories"`
}

// StoryResponse is the body of GET /api/stories/{id}: the story, its
// documents (with their copy marks) and its view as the storyteller wrote it.
type StoryResponse struct {
	Schema    string                `json:"schema"`
	Story     dateline.StorySummary `json:"story"`
	Documents []dateline.StoryMark  `json:"documents"`
	View      json.RawMessage       `json:"view"`
}

// documentStoryResponse is GET /api/documents/{id} with the document's story.
type documentStoryResponse struct {
	DocumentResponse
	Story *dateline.StoryMark `json:"story,omitempty"`
}

// errNoStories answers story routes over a store that keeps none.
var errNoStories = fmt.Errorf("this store keeps no stories: %w", dateline.ErrUnsupported)

// parseStoryID validates a story ID taken from the path.
func parseStoryID(v string) (dateline.StoryID, error) {
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 || len(v) > 19 {
		return 0, fmt.Errorf("story ID %.40q: want a non-negative integer: %w", v, dateline.ErrInvalid)
	}
	return dateline.StoryID(n), nil
}

func storyPath(id dateline.StoryID) string { return "/story/" + strconv.FormatInt(int64(id), 10) }

func (s *server) apiStories(w http.ResponseWriter, r *http.Request) {
	if s.opts.Stories == nil {
		s.apiError(w, r, errNoStories)
		return
	}
	v := r.URL.Query()
	limit, err := parseInt(v.Get("limit"), "limit", s.opts.PageSize, 1, MaxPageSize)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	offset, err := parseInt(v.Get("offset"), "offset", 0, 0, MaxOffset)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	ctx, cancel := s.storeContext(r)
	defer cancel()
	list, err := s.opts.Stories.Stories(ctx, dateline.StoryQuery{Limit: limit + 1, Offset: offset})
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	total, err := s.opts.Stories.CountStories(ctx)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	resp := StoryListResponse{Schema: dateline.Schema, Limit: limit, Offset: offset, Total: total, Stories: list}
	if len(list) > limit {
		resp.Stories = list[:limit]
		next := offset + limit
		resp.NextOffset = &next
	}
	if resp.Stories == nil {
		resp.Stories = []dateline.StorySummary{}
	}
	w.Header().Set("Cache-Control", "no-cache")
	writeJSON(w, http.StatusOK, resp)
}

func (s *server) apiStory(w http.ResponseWriter, r *http.Request) {
	if s.opts.Stories == nil {
		s.apiError(w, r, errNoStories)
		return
	}
	id, err := parseStoryID(r.PathValue("id"))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	ctx, cancel := s.storeContext(r)
	defer cancel()
	rec, err := s.opts.Stories.Story(ctx, id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	resp := StoryResponse{Schema: dateline.Schema, Story: rec.StorySummary, Documents: rec.Marks, View: rec.View}
	if resp.Documents == nil {
		resp.Documents = []dateline.StoryMark{}
	}
	if len(resp.View) == 0 {
		resp.View = json.RawMessage("null")
	}
	w.Header().Set("Cache-Control", "no-cache")
	writeJSON(w, http.StatusOK, resp)
}

// apiDocumentStory is GET /api/documents/{id} with the story mark added.
func (s *server) apiDocumentStory(w http.ResponseWriter, r *http.Request) {
	if s.opts.Stories == nil {
		s.apiDocument(w, r)
		return
	}
	id, err := parseID(r.PathValue("id"))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	ctx, cancel := s.storeContext(r)
	defer cancel()
	doc, err := s.store.Document(ctx, id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	resp := documentStoryResponse{DocumentResponse: DocumentResponse{Schema: dateline.Schema, Document: doc}}
	if m, err := s.opts.Stories.StoryOf(ctx, id); err == nil {
		resp.Story = &m
	}
	w.Header().Set("Cache-Control", "no-cache")
	writeJSON(w, http.StatusOK, resp)
}

// docStoryPage is the article page with a link to its story.
type docStoryPage struct {
	*docPage
	Story *storyLink
}

type storyLink struct {
	Path     string
	Label    string
	Original dateline.DocID // set when the document copies another
}

func (s *server) uiDocumentStory(w http.ResponseWriter, r *http.Request) {
	id, err := parseID(r.PathValue("id"))
	if err != nil {
		s.uiError(w, r, err)
		return
	}
	ctx, cancel := s.storeContext(r)
	defer cancel()
	doc, err := s.store.Document(ctx, id)
	if err != nil {
		s.uiError(w, r, err)
		return
	}
	body := docStoryPage{docPage: newDocPage(doc)}
	if s.opts.Index != nil {
		body.linkActors(doc)
	}
	if s.opts.Stories != nil {
		if m, err := s.opts.Stories.StoryOf(ctx, id); err == nil {
			link := &storyLink{Path: storyPath(m.Story), Label: "story " + strconv.FormatInt(int64(m.Story), 10), Original: m.Original}
			if rec, err := s.opts.Stories.Story(ctx, m.Story); err == nil && rec.Label != "" {
				link.Label = rec.Label
			}
			body.Story = link
		}
	}
	s.render(w, r, http.StatusOK, "document", body.Title, body)
}

// storyListPage is the body of the story list.
type storyListPage struct {
	Page    int
	Total   int
	First   int
	Stories []dateline.StorySummary
	Prev    string
	Next    string
}

func (s *server) uiStories(w http.ResponseWriter, r *http.Request) {
	if s.opts.Stories == nil {
		s.uiError(w, r, errNoStories)
		return
	}
	pageNo, err := s.pageParam(r)
	if err != nil {
		s.uiError(w, r, err)
		return
	}
	ctx, cancel := s.storeContext(r)
	defer cancel()
	offset := (pageNo - 1) * s.opts.PageSize
	list, err := s.opts.Stories.Stories(ctx, dateline.StoryQuery{Limit: s.opts.PageSize + 1, Offset: offset})
	if err != nil {
		s.uiError(w, r, err)
		return
	}
	body := &storyListPage{Page: pageNo, First: offset + 1, Stories: list}
	if body.Total, err = s.opts.Stories.CountStories(ctx); err != nil {
		s.uiError(w, r, err)
		return
	}
	if len(list) > s.opts.PageSize {
		body.Stories = list[:s.opts.PageSize]
		body.Next = "/stories?page=" + strconv.Itoa(pageNo+1)
	}
	if pageNo > 1 {
		body.Prev = "/stories?page=" + strconv.Itoa(pageNo-1)
	}
	s.render(w, r, http.StatusOK, "stories", "Stories", body)
}

// The story view as the storyteller stores it (internal/worker.StoryView):
// only the fields the page shows are read.
type storyView struct {
	Documents []struct {
		ID        dateline.DocID `json:"id"`
		Title     string         `json:"title"`
		Outlet    string         `json:"outlet"`
		Published time.Time      `json:"published"`
		Original  dateline.DocID `json:"original"`
	} `json:"documents"`
	Timeline []struct {
		Code     string    `json:"code"`
		Label    string    `json:"label"`
		Place    string    `json:"place"`
		When     storyWhen `json:"when"`
		Status   string    `json:"status"`
		Reports  int       `json:"reports"`
		Mentions []viewRef `json:"mentions"`
	} `json:"timeline"`
	Positions []struct {
		Actor struct {
			ID   dateline.ActorID `json:"id"`
			Name string           `json:"name"`
		} `json:"actor"`
		Issue    string    `json:"issue"`
		Stance   string    `json:"stance"`
		Summary  string    `json:"summary"`
		Since    time.Time `json:"since"`
		Last     time.Time `json:"last"`
		Evidence []viewRef `json:"evidence"`
	} `json:"positions"`
	Expectations []struct {
		Label     string    `json:"label"`
		Due       storyWhen `json:"due"`
		Status    string    `json:"status"`
		Announced []viewRef `json:"announced"`
		Outcome   []viewRef `json:"outcome"`
		Settled   time.Time `json:"settled"`
	} `json:"expectations"`
	Claims []struct {
		Kind     string `json:"kind"`
		Label    string `json:"label"`
		Reports  int    `json:"reports"`
		Mentions []struct {
			Doc  dateline.DocID `json:"doc"`
			Span dateline.Span  `json:"span"`
		} `json:"mentions"`
	} `json:"claims"`
	Flags []struct {
		Kind     string `json:"kind"`
		Message  string `json:"message"`
		Evidence []struct {
			Doc      dateline.DocID `json:"doc"`
			Span     dateline.Span  `json:"span"`
			Sentence dateline.Span  `json:"sentence"`
			Note     string         `json:"note"`
		} `json:"evidence"`
	} `json:"flags"`
	Network struct {
		Nodes []struct {
			Key    string `json:"key"`
			Name   string `json:"name"`
			Code   string `json:"code"`
			Kind   string `json:"kind"`
			Events int    `json:"events"`
		} `json:"nodes"`
		Edges []struct {
			Source string `json:"source"`
			Target string `json:"target"`
			Weight int    `json:"weight"`
			Kind   string `json:"kind"`
		} `json:"edges"`
	} `json:"network"`
}

type storyWhen struct {
	Value     string    `json:"value"`
	Start     time.Time `json:"start"`
	End       time.Time `json:"end"`
	Precision string    `json:"precision"`
	Rel       string    `json:"rel"`
	Reported  bool      `json:"reported"`
}

func (w storyWhen) String() string {
	v := w.Value
	if w.Rel != "" {
		v = w.Rel + " " + v
	}
	if w.Precision != "" && w.Precision != "unknown" {
		v += " (" + w.Precision + ")"
	}
	if w.Reported {
		v += ", report date"
	}
	return v
}

type viewRef struct {
	Doc  dateline.DocID `json:"doc"`
	Span dateline.Span  `json:"span"`
	Text string         `json:"text"`
}

// storyPage is the body of the story page.
type storyPage struct {
	dateline.StorySummary
	Docs         []storyDoc
	Timeline     timelineChart
	Network      networkChart
	Positions    []storyPosition
	Expectations []storyExpectation
	Claims       []storyClaim
	Flags        []storyFlag
	JSON         string
}

type storyDoc struct {
	ID        dateline.DocID
	Title     string
	Outlet    string
	Published time.Time
	Original  dateline.DocID
}

type storyPosition struct {
	Actor, Issue, Stance, Summary string
	ActorPath                     string // the actor's page, when the store keeps an index
	Since, Last                   time.Time
	Evidence                      []evidenceText
}

type storyExpectation struct {
	Label, Due, Status string
	Settled            time.Time
	Announced, Outcome []evidenceText
}

type storyClaim struct {
	Kind, Label string
	Reports     int
	Tellings    int
	Example     evidenceText
}

type storyFlag struct {
	Kind, Message string
	Evidence      []evidenceText
}

// evidenceText is a piece of evidence with its words and the report it is in.
type evidenceText struct {
	Doc  dateline.DocID
	Text string
	Note string
}

func (s *server) uiStory(w http.ResponseWriter, r *http.Request) {
	if s.opts.Stories == nil {
		s.uiError(w, r, errNoStories)
		return
	}
	id, err := parseStoryID(r.PathValue("id"))
	if err != nil {
		s.uiError(w, r, err)
		return
	}
	ctx, cancel := s.storeContext(r)
	defer cancel()
	rec, err := s.opts.Stories.Story(ctx, id)
	if err != nil {
		s.uiError(w, r, err)
		return
	}
	var v storyView
	if len(rec.View) > 0 {
		if err := json.Unmarshal(rec.View, &v); err != nil {
			s.uiError(w, r, fmt.Errorf("story %d: stored view: %v", id, err))
			return
		}
	}
	// The texts of the reports, for the evidence sentences.
	texts := map[dateline.DocID]string{}
	for _, m := range rec.Marks {
		if len(texts) >= 200 {
			break
		}
		if d, err := s.store.Document(ctx, m.Doc); err == nil {
			texts[m.Doc] = d.Text
		}
	}
	ev := func(doc dateline.DocID, sp dateline.Span, fallback string) evidenceText {
		t := sp.In(texts[doc])
		if t == "" {
			t = fallback
		}
		return evidenceText{Doc: doc, Text: shorten(strings.Join(strings.Fields(t), " "), 400)}
	}
	refs := func(rs []viewRef, n int) []evidenceText {
		var out []evidenceText
		for _, r := range rs[:min(len(rs), n)] {
			out = append(out, ev(r.Doc, r.Span, r.Text))
		}
		return out
	}
	p := &storyPage{StorySummary: rec.StorySummary, JSON: "/api/stories/" + strconv.FormatInt(int64(id), 10)}
	for _, d := range v.Documents {
		p.Docs = append(p.Docs, storyDoc{ID: d.ID, Title: cmp.Or(d.Title, string(d.ID)), Outlet: d.Outlet, Published: d.Published, Original: d.Original})
	}
	var rows []timelineItem
	for _, e := range v.Timeline {
		rows = append(rows, timelineItem{Label: e.Label, When: e.When, Status: e.Status, Reports: e.Reports})
	}
	p.Timeline = newTimelineChart(rows)
	p.Network = newNetworkChart(v)
	for _, x := range v.Positions {
		p.Positions = append(p.Positions, storyPosition{Actor: x.Actor.Name, Issue: x.Issue, Stance: x.Stance, Summary: x.Summary, Since: x.Since, Last: x.Last, Evidence: refs(x.Evidence, 2)})
		if s.opts.Index != nil {
			p.Positions[len(p.Positions)-1].ActorPath = actorPath(x.Actor.ID)
		}
	}
	if s.opts.Index != nil {
		// Network keys are "id:" and the actor ID for resolved actors.
		for i := range p.Network.Nodes {
			if id, ok := strings.CutPrefix(p.Network.Nodes[i].Key, "id:"); ok {
				p.Network.Nodes[i].Path = actorPath(dateline.ActorID(id))
			}
		}
	}
	for _, x := range v.Expectations {
		p.Expectations = append(p.Expectations, storyExpectation{Label: x.Label, Due: x.Due.String(), Status: x.Status, Settled: x.Settled, Announced: refs(x.Announced, 2), Outcome: refs(x.Outcome, 2)})
	}
	for _, c := range v.Claims {
		sc := storyClaim{Kind: c.Kind, Label: c.Label, Reports: c.Reports, Tellings: len(c.Mentions)}
		if len(c.Mentions) > 0 {
			sc.Example = ev(c.Mentions[0].Doc, c.Mentions[0].Span, "")
		}
		p.Claims = append(p.Claims, sc)
	}
	for _, f := range v.Flags {
		sf := storyFlag{Kind: f.Kind, Message: f.Message}
		for _, e := range f.Evidence {
			sp := e.Sentence
			if sp.Len() == 0 {
				sp = e.Span
			}
			x := ev(e.Doc, sp, "")
			x.Note = e.Note
			sf.Evidence = append(sf.Evidence, x)
		}
		p.Flags = append(p.Flags, sf)
	}
	s.render(w, r, http.StatusOK, "story", rec.Label, p)
}

// Timeline chart: one row per event, a bar over its date interval on a
// shared time axis, coloured by precision.

const (
	chartWidth  = 900.0
	chartLabelW = 380.0 // the labels' column
	chartRowH   = 20.0
	chartTop    = 28.0
	maxRows     = 80
)

type timelineItem struct {
	Label   string
	When    storyWhen
	Status  string
	Reports int
}

type timelineChart struct {
	Width, Height float64
	Rows          []timelineRow
	Ticks         []timelineTick
	Undated       int // events without a date, not drawn
	More          int // events beyond maxRows, not drawn
}

type timelineRow struct {
	Y, TextY, X, W float64
	Label, Date    string
	Precision      string
	Status         string
	Reports        int
}

type timelineTick struct {
	X      float64
	Label  string
	Anchor string
}

func newTimelineChart(items []timelineItem) timelineChart {
	var dated []timelineItem
	c := timelineChart{Width: chartWidth}
	for _, it := range items {
		if it.When.Start.IsZero() {
			c.Undated++
			continue
		}
		dated = append(dated, it)
	}
	if len(dated) > maxRows {
		c.More = len(dated) - maxRows
		dated = dated[:maxRows]
	}
	if len(dated) == 0 {
		return c
	}
	lo, hi := dated[0].When.Start, dated[0].When.End
	for _, it := range dated {
		end := it.When.End
		if end.IsZero() || end.Before(it.When.Start) {
			end = it.When.Start.AddDate(0, 0, 1)
		}
		if it.When.Start.Before(lo) {
			lo = it.When.Start
		}
		if end.After(hi) {
			hi = end
		}
	}
	if !hi.After(lo) {
		hi = lo.AddDate(0, 0, 1)
	}
	span := hi.Sub(lo).Hours()
	x0, xw := chartLabelW, chartWidth-chartLabelW-10
	xOf := func(t time.Time) float64 { return x0 + xw*t.Sub(lo).Hours()/span }
	for i, it := range dated {
		end := it.When.End
		if end.IsZero() || end.Before(it.When.Start) {
			end = it.When.Start.AddDate(0, 0, 1)
		}
		x, xe := xOf(it.When.Start), xOf(end)
		y := chartTop + float64(i)*chartRowH
		c.Rows = append(c.Rows, timelineRow{
			Y: round1(y + 3), TextY: round1(y + 14), X: round1(x), W: round1(math.Max(xe-x, 3)),
			Label: shorten(it.Label, 55), Date: it.When.String(), Precision: cmp.Or(it.When.Precision, "unknown"),
			Status: it.Status, Reports: it.Reports,
		})
	}
	c.Height = chartTop + float64(len(dated))*chartRowH + 8
	days := hi.Sub(lo).Hours() / 24
	n := int(math.Min(6, math.Max(2, days)))
	for i := 0; i <= n; i++ {
		t := lo.Add(time.Duration(float64(hi.Sub(lo)) * float64(i) / float64(n)))
		anchor := "middle"
		if i == n {
			anchor = "end"
		}
		c.Ticks = append(c.Ticks, timelineTick{X: round1(xOf(t)), Label: t.UTC().Format("2006-01-02"), Anchor: anchor})
	}
	return c
}

// Actor network: actors on a circle, an arrow from the actor that acts to
// the one acted on, as thick as the events between them, coloured by the
// kind of those events; the actors coloured by kind.

const (
	netSize     = 600.0
	netRadius   = 170.0
	maxNetNodes = 30
)

type networkChart struct {
	Size  float64
	Nodes []netNode
	Edges []netEdge
}

type netNode struct {
	X, Y, R, TX, TY float64
	Anchor          string
	Key             string // the storyteller's key of the actor
	Name, Code      string
	Kind            string
	Events          int
	Path            string // the actor's page, when the store keeps an index
}

type netEdge struct {
	X1, Y1, X2, Y2 float64
	Width          float64
	Kind           string
	Title          string
}

func newNetworkChart(v storyView) networkChart {
	c := networkChart{Size: netSize}
	nodes := slices.Clone(v.Network.Nodes)
	slices.SortStableFunc(nodes, func(a, b struct {
		Key    string `json:"key"`
		Name   string `json:"name"`
		Code   string `json:"code"`
		Kind   string `json:"kind"`
		Events int    `json:"events"`
	}) int {
		return cmp.Compare(b.Events, a.Events)
	})
	nodes = nodes[:min(len(nodes), maxNetNodes)]
	at := map[string]int{}
	name := map[string]string{}
	mid := netSize / 2
	for i, n := range nodes {
		a := 2*math.Pi*float64(i)/float64(max(len(nodes), 1)) - math.Pi/2
		x, y := mid+netRadius*math.Cos(a), mid+netRadius*math.Sin(a)
		anchor := "start"
		if math.Cos(a) < -0.1 {
			anchor = "end"
		} else if math.Abs(math.Cos(a)) <= 0.1 {
			anchor = "middle"
		}
		tx, ty := mid+(netRadius+14)*math.Cos(a), mid+(netRadius+14)*math.Sin(a)+4
		at[n.Key] = len(c.Nodes)
		name[n.Key] = n.Name
		c.Nodes = append(c.Nodes, netNode{
			Key: n.Key, X: round1(x), Y: round1(y), R: round1(5 + 2*math.Sqrt(float64(n.Events))), TX: round1(tx), TY: round1(ty),
			Anchor: anchor, Name: n.Name, Code: n.Code, Kind: cmp.Or(n.Kind, "other"), Events: n.Events,
		})
	}
	for _, e := range v.Network.Edges {
		i, ok1 := at[e.Source]
		j, ok2 := at[e.Target]
		if !ok1 || !ok2 || i == j {
			continue
		}
		a, b := c.Nodes[i], c.Nodes[j]
		// Stop the line at the target's rim, so that the arrow shows.
		dx, dy := b.X-a.X, b.Y-a.Y
		d := math.Hypot(dx, dy)
		if d == 0 {
			continue
		}
		x2, y2 := b.X-dx/d*(b.R+2), b.Y-dy/d*(b.R+2)
		c.Edges = append(c.Edges, netEdge{
			X1: a.X, Y1: a.Y, X2: round1(x2), Y2: round1(y2),
			Width: round1(1 + 1.5*math.Log2(float64(max(e.Weight, 1)))), Kind: cmp.Or(e.Kind, "other"),
			Title: fmt.Sprintf("%s → %s: %s, %s", name[e.Source], name[e.Target], plural(e.Weight, "event", "events"), strings.ReplaceAll(e.Kind, "-", " ")),
		})
	}
	return c
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }
