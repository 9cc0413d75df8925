package worker

import (
	"cmp"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/claim"
	"github.com/dateline-news/dateline/internal/cluster"
	"github.com/dateline-news/dateline/internal/timeline"
)

// StorytellerConfig configures a Storyteller. The zero value is usable.
type StorytellerConfig struct {
	Batch   int                  // documents clustered per transaction; default 256
	Recent  int                  // most recent documents whose copies are looked for; default 5000
	MaxView int                  // most recent reports a story's view is built from; default 400
	Cluster cluster.StoryConfig  // the story clusterer's settings (used when no state is stored)
	Copies  cluster.CopyConfig   // near-duplicate settings
	Facts   *claim.Facts         // dated facts the reports are checked against; nil: none
	Now     func() time.Time     // clock for expected events; nil: time.Now
	Options timeline.Options     // timeline settings
	Claims  claim.Options        // claim folding settings
	Events  cluster.EventConfig  // cross-document event coreference settings
	Log     func(string, ...any) // progress notes; nil: none
}

// Storyteller groups stored documents into stories and keeps each story's
// view up to date: it marks copies (MinHash), clusters the documents
// incrementally, applies the clusterer's moves, and rebuilds the view of
// every story that changed (timeline, positions, expectations, event
// records, claims and flags). The clusterer's state is loaded from the
// StoryStore at the start of Update and saved with each batch, so a later
// run continues where this one stopped; a document is clustered once, so
// re-ingesting changes nothing.
type Storyteller struct {
	cfg StorytellerConfig
}

// NewStoryteller returns a Storyteller with cfg's defaults filled in.
func NewStoryteller(cfg StorytellerConfig) *Storyteller {
	if cfg.Batch <= 0 {
		cfg.Batch = 256
	}
	if cfg.Recent <= 0 {
		cfg.Recent = 5000
	}
	if cfg.MaxView <= 0 {
		cfg.MaxView = 400
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Storyteller{cfg: cfg}
}

// StoryReport counts what an Update did.
type StoryReport struct {
	Documents int `json:"documents"` // documents placed in stories
	Copies    int `json:"copies"`    // of which copies of earlier documents
	New       int `json:"new"`       // stories opened
	Moved     int `json:"moved"`     // earlier documents moved between stories
	Rebuilt   int `json:"rebuilt"`   // story views rebuilt
}

// StoryView is the JSON view stored per story.
type StoryView struct {
	Documents    []ViewDoc              `json:"documents"`
	Timeline     []timeline.Entry       `json:"timeline"`
	Positions    []timeline.Position    `json:"positions"`
	Expectations []timeline.Expectation `json:"expectations"`
	Events       []cluster.EventRecord  `json:"events"`
	Claims       []claim.Claim          `json:"claims"`
	Flags        []claim.Flag           `json:"flags"`
	Network      Network                `json:"network"`
}

// ViewDoc is one report of a story.
type ViewDoc struct {
	ID        dateline.DocID `json:"id"`
	Title     string         `json:"title"`
	Outlet    string         `json:"outlet,omitempty"`
	Published time.Time      `json:"published,omitzero"`
	Original  dateline.DocID `json:"original,omitempty"` // set for a copy
	Text      string         `json:"-"`
}

// Network is who acted on whom in a story: actors as nodes, their events
// on each other as weighted edges.
type Network struct {
	Nodes []Node `json:"nodes"`
	Edges []Edge `json:"edges"`
}

// Node is an actor of the network.
type Node struct {
	Key    string `json:"key"`
	Name   string `json:"name"`
	Code   string `json:"code,omitempty"`
	Kind   string `json:"kind"`   // government, military, opposition, organisation, country, other
	Events int    `json:"events"` // events it takes part in
}

// Edge is the events one actor did to another.
type Edge struct {
	Source string `json:"source"` // Node.Key
	Target string `json:"target"`
	Weight int    `json:"weight"` // events
	Kind   string `json:"kind"`   // the dominant quad class: verbal-cooperation, material-cooperation, verbal-conflict, material-conflict
}

// Update clusters every stored document without a story mark and rebuilds
// the views of the stories that changed.
func (t *Storyteller) Update(ctx context.Context, docs dateline.Store, ss dateline.StoryStore) (StoryReport, error) {
	var rep StoryReport
	stories, version, err := t.loadStories(ctx, ss)
	if err != nil {
		return rep, err
	}
	copies := cluster.NewCopies(t.cfg.Copies)
	recent, err := ss.RecentSketches(ctx, t.cfg.Recent)
	if err != nil {
		return rep, err
	}
	for _, m := range recent {
		if sh, ok := decodeSketch(m.Sketch); ok {
			copies.AddShingles(m.Doc, sh)
		}
	}
	shingle := t.cfg.Copies.Shingle
	if shingle <= 0 {
		shingle = 5
	}
	for {
		ids, err := ss.Unstoried(ctx, t.cfg.Batch)
		if err != nil {
			return rep, err
		}
		if len(ids) == 0 {
			return rep, nil
		}
		var u dateline.StoryUpdate
		touched := map[dateline.StoryID]bool{}
		moved := map[dateline.DocID]dateline.StoryID{}
		for _, id := range ids {
			doc, err := docs.Document(ctx, id)
			if err != nil {
				return rep, err
			}
			sh := cluster.Shingles(doc, shingle)
			cr := copies.AddShingles(doc.ID, sh)
			a := stories.AddDocument(doc)
			m := dateline.StoryMark{Doc: doc.ID, Story: dateline.StoryID(a.Story), Sketch: encodeSketch(sh)}
			if cr.Copy && cr.Original != doc.ID {
				m.Original, m.Resemblance = cr.Original, cr.Resemblance
				rep.Copies++
			}
			u.Marks = append(u.Marks, m)
			touched[m.Story] = true
			if a.New {
				rep.New++
			}
			for _, mv := range a.Moves {
				touched[dateline.StoryID(mv.From)] = true
				touched[dateline.StoryID(mv.To)] = true
				for _, d := range mv.Docs {
					moved[d] = dateline.StoryID(mv.To)
					rep.Moved++
				}
			}
			rep.Documents++
		}
		// Moves of documents of this batch change their fresh marks; moves
		// of earlier documents rewrite their stored marks.
		for i := range u.Marks {
			if to, ok := moved[u.Marks[i].Doc]; ok {
				u.Marks[i].Story = to
				delete(moved, u.Marks[i].Doc)
			}
		}
		for d, to := range moved {
			old, err := ss.StoryOf(ctx, d)
			if err != nil {
				return rep, err
			}
			old.Story, old.Sketch = to, nil
			u.Marks = append(u.Marks, old)
		}
		if err := t.rebuild(ctx, docs, ss, &u, touched, stories); err != nil {
			return rep, err
		}
		rep.Rebuilt += len(u.Stories)
		state, err := json.Marshal(stories.Export())
		if err != nil {
			return rep, fmt.Errorf("storyteller: encode state: %w", err)
		}
		u.State, u.Version = state, version
		if err := ss.SaveStories(ctx, u); err != nil {
			return rep, err
		}
		version++
		if t.cfg.Log != nil {
			t.cfg.Log("stories: %d documents placed, %d views rebuilt", rep.Documents, rep.Rebuilt)
		}
	}
}

func (t *Storyteller) loadStories(ctx context.Context, ss dateline.StoryStore) (*cluster.Stories, int64, error) {
	b, version, err := ss.StoryState(ctx)
	if err != nil {
		return nil, 0, err
	}
	if b == nil {
		return cluster.NewStories(t.cfg.Cluster), version, nil
	}
	var st cluster.StoriesState
	if err := json.Unmarshal(b, &st); err != nil {
		return nil, 0, fmt.Errorf("storyteller: stored story state: %w: %w", err, dateline.ErrInvalid)
	}
	stories, err := cluster.ImportStories(st)
	return stories, version, err
}

// rebuild adds to u the new records of the touched stories (or drops them
// when they are left empty).
func (t *Storyteller) rebuild(ctx context.Context, docs dateline.Store, ss dateline.StoryStore, u *dateline.StoryUpdate, touched map[dateline.StoryID]bool, stories *cluster.Stories) error {
	pending := map[dateline.DocID]dateline.StoryMark{}
	for _, m := range u.Marks {
		pending[m.Doc] = m
	}
	ids := make([]dateline.StoryID, 0, len(touched))
	for id := range touched {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	now := t.cfg.Now()
	for _, id := range ids {
		stored, err := ss.StoryMarks(ctx, id)
		if err != nil {
			return err
		}
		var marks []dateline.StoryMark
		for _, m := range stored {
			if p, ok := pending[m.Doc]; ok && p.Story != id {
				continue // moved out in this batch
			}
			marks = append(marks, m)
		}
		for _, m := range u.Marks { // placed or moved in by this batch
			if m.Story == id && !slices.ContainsFunc(marks, func(s dateline.StoryMark) bool { return s.Doc == m.Doc }) {
				marks = append(marks, m)
			}
		}
		if len(marks) == 0 {
			u.Dropped = append(u.Dropped, id)
			continue
		}
		rec, err := t.view(ctx, docs, id, marks, now)
		if err != nil {
			return err
		}
		u.Stories = append(u.Stories, rec)
	}
	return nil
}

// view builds the record of one story from its documents.
//
// A story's view reads its MaxView most recent reports (in storage order),
// so that the cost of a rebuild is bounded; the counts cover all of them.
func (t *Storyteller) view(ctx context.Context, store dateline.Store, id dateline.StoryID, marks []dateline.StoryMark, now time.Time) (dateline.StoryRecord, error) {
	total, copies := len(marks), 0
	for _, m := range marks {
		if m.Original != "" {
			copies++
		}
	}
	marks = marks[max(0, len(marks)-t.cfg.MaxView):]
	docs := make([]*dateline.Document, 0, len(marks))
	original := map[dateline.DocID]dateline.DocID{}
	for _, m := range marks {
		d, err := store.Document(ctx, m.Doc)
		if err != nil {
			return dateline.StoryRecord{}, err
		}
		docs = append(docs, d)
		if m.Original != "" {
			original[m.Doc] = m.Original
		}
	}
	slices.SortStableFunc(docs, func(a, b *dateline.Document) int { return a.Published.Compare(b.Published) })
	// Copies tell nothing new: the views read the originals only.
	origs := make([]*dateline.Document, 0, len(docs))
	for _, d := range docs {
		if original[d.ID] == "" {
			origs = append(origs, d)
		}
	}
	if len(origs) == 0 {
		origs = docs
	}
	v := StoryView{}
	st := timeline.Analyse(origs, t.cfg.Options, now)
	v.Timeline, v.Positions, v.Expectations = st.Timeline, st.Positions, st.Expectations
	ev := cluster.NewEvents(t.cfg.Events)
	for _, d := range origs {
		for _, m := range cluster.EventMentions(d, cluster.StoryID(id)) {
			ev.Add(m)
		}
	}
	for i := range ev.Len() {
		if r, ok := ev.Record(cluster.EventID(i)); ok {
			v.Events = append(v.Events, r)
		}
	}
	v.Claims = claim.Fold(origs, t.cfg.Claims)
	v.Flags = claim.Check(origs, v.Claims, t.cfg.Facts)
	v.Network = network(v.Timeline)
	rec := dateline.StoryRecord{StorySummary: dateline.StorySummary{ID: id, Documents: total, Copies: copies, Updated: now.UTC()}}
	for _, d := range docs {
		v.Documents = append(v.Documents, ViewDoc{ID: d.ID, Title: d.Title, Outlet: d.Source.Outlet, Published: d.Published, Original: original[d.ID]})
		if p := d.Published; !p.IsZero() {
			if rec.First.IsZero() || p.Before(rec.First) {
				rec.First = p
			}
			if p.After(rec.Last) {
				rec.Last = p
			}
		}
	}
	rec.Label = label(origs)
	b, err := json.Marshal(v)
	if err != nil {
		return rec, fmt.Errorf("storyteller: encode story %d: %w", id, err)
	}
	rec.View = b
	return rec, nil
}

// label names a story by the title of its first original report, else its
// first words.
func label(docs []*dateline.Document) string {
	for _, d := range docs {
		if s := strings.TrimSpace(d.Title); s != "" {
			return s
		}
	}
	for _, d := range docs {
		s := strings.Join(strings.Fields(d.Text), " ")
		if len(s) > 80 {
			cut := 80
			for cut > 0 && !utf8.RuneStart(s[cut]) { // keep whole characters
				cut--
			}
			s = s[:cut] + "…"
		}
		if s != "" {
			return s
		}
	}
	return "untitled story"
}

// network gathers who acted on whom from the timeline entries.
func network(entries []timeline.Entry) Network {
	var n Network
	nodes := map[string]int{}
	type pair struct{ s, t string }
	edges := map[pair]map[string]int{}
	node := func(p timeline.Participant) string {
		key := string(p.ID)
		if key == "" {
			key = strings.ToLower(p.Name)
		}
		if key == "" {
			return ""
		}
		if i, ok := nodes[key]; ok {
			n.Nodes[i].Events++
			return key
		}
		nodes[key] = len(n.Nodes)
		n.Nodes = append(n.Nodes, Node{Key: key, Name: p.Name, Code: p.Code, Kind: actorKind(p.Code), Events: 1})
		return key
	}
	for _, e := range entries {
		var src, dst []string
		for _, p := range e.Source {
			if k := node(p); k != "" {
				src = append(src, k)
			}
		}
		for _, p := range e.Target {
			if k := node(p); k != "" {
				dst = append(dst, k)
			}
		}
		w := max(e.Reports, 1)
		for _, s := range src {
			for _, d := range dst {
				if s == d {
					continue
				}
				k := pair{s, d}
				if edges[k] == nil {
					edges[k] = map[string]int{}
				}
				edges[k][quadClass(e.Code)] += w
			}
		}
	}
	for k, kinds := range edges {
		e := Edge{Source: k.s, Target: k.t}
		best := 0
		for kind, c := range kinds {
			e.Weight += c
			if c > best || c == best && kind < e.Kind {
				best, e.Kind = c, kind
			}
		}
		n.Edges = append(n.Edges, e)
	}
	slices.SortFunc(n.Edges, func(a, b Edge) int {
		return cmp.Or(cmp.Compare(b.Weight, a.Weight), cmp.Compare(a.Source, b.Source), cmp.Compare(a.Target, b.Target))
	})
	return n
}

// quadClass is the CAMEO quad class of an event code.
func quadClass(code string) string {
	if len(code) < 2 {
		return "verbal-cooperation"
	}
	switch code[:2] {
	case "01", "02", "03", "04", "05":
		return "verbal-cooperation"
	case "06", "07", "08":
		return "material-cooperation"
	case "09", "10", "11", "12", "13", "14":
		return "verbal-conflict"
	}
	return "material-conflict"
}

// actorKind reads the kind of an actor from its CAMEO code: the role code
// after the three-letter country (USAGOV), else a country alone.
func actorKind(code string) string {
	role := code
	if len(code) >= 3 {
		role = code[3:]
	}
	switch {
	case code == "":
		return "other"
	case strings.HasPrefix(role, "GOV"), strings.HasPrefix(role, "LEG"), strings.HasPrefix(role, "JUD"):
		return "government"
	case strings.HasPrefix(role, "MIL"), strings.HasPrefix(role, "COP"):
		return "military"
	case strings.HasPrefix(role, "OPP"), strings.HasPrefix(role, "REB"), strings.HasPrefix(role, "INS"):
		return "opposition"
	case strings.HasPrefix(code, "IGO"), strings.HasPrefix(code, "NGO"), strings.HasPrefix(role, "BUS"), strings.HasPrefix(role, "MED"):
		return "organisation"
	case len(code) == 3:
		return "country"
	}
	return "other"
}

// encodeSketch packs sorted shingle hashes as uvarint deltas.
func encodeSketch(sh []uint64) []byte {
	b := make([]byte, 0, len(sh)*5+1)
	b = append(b, 1) // version
	var prev uint64
	for _, h := range sh {
		b = binary.AppendUvarint(b, h-prev)
		prev = h
	}
	return b
}

// decodeSketch reverses encodeSketch; ok is false for bytes it did not write.
func decodeSketch(b []byte) (sh []uint64, ok bool) {
	if len(b) == 0 || b[0] != 1 {
		return nil, false
	}
	b = b[1:]
	var prev uint64
	for len(b) > 0 {
		d, n := binary.Uvarint(b)
		if n <= 0 {
			return nil, false
		}
		prev += d
		sh = append(sh, prev)
		b = b[n:]
	}
	return sh, true
}
