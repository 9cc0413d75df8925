package cluster

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/dateline-news/dateline"
)

// StoryID numbers the stories of a clusterer in order of creation, from 0.
type StoryID int32

// StoryConfig sets up the story clusterer. The zero value gives the
// defaults, which were chosen on the ECB+ training topics (see
// BENCHMARKS.md).
type StoryConfig struct {
	Features        FeatureConfig
	Threshold       float64 // similarity at or above which a document joins a topic; default 0.1
	EventCut        float64 // average link, with topic-local weights, at or above which two groups of a small topic's reports (EventNeighbours+1 or fewer) tell one event, and a report placed between re-clusterings joins a story; default 0.065
	EventNeighbours int     // nearest reports of each report in its topic's window, whose overlap measures how close two reports are; default 7
	EventFloor      float64 // least similarity, with topic-local weights, of a report to one of its nearest neighbours: reports that share nothing of an event are never neighbours; default 0.04
	EventShared     float64 // average share of nearest neighbours (each report counted among its own) at or above which two groups of a topic's reports tell one event; default 0.2
	Window          int     // most recent documents of a topic re-clustered into stories; default 64
	EntityWeight    float64 // share of the score given to entity overlap; default 0.3
	TimeScale       float64 // days over which time proximity halves (roughly); default 7
	TimeWeight      float64 // how much a date gap can take off the score, in [0, 1]; default 0.5
	QueryTerms      int     // strongest document terms looked up in the index; default 40
	Candidates      int     // earlier documents scored in full per document; default 30
	Postings        int     // most recent documents kept per index term; default 200
	DocTerms        int     // strongest terms kept per document; default 120
	Neighbours      int     // nearest earlier documents that vote for a topic; default 1
	CentroidTerms   int     // terms kept per topic centroid; default 300
	IDFPower        float64 // exponent of the IDF weight; above 1 favours rare terms; default 1
	CentroidMix     float64 // share of the topic score from the topic centroid (the rest: the nearest members); default 0.5
}

// Defaults chosen on the ECB+ train topics.
const (
	DefaultThreshold       = 0.1   // StoryConfig.Threshold
	DefaultEventCut        = 0.065 // StoryConfig.EventCut
	DefaultEventNeighbours = 7     // StoryConfig.EventNeighbours
	DefaultEventShared     = 0.2   // StoryConfig.EventShared
	DefaultEventFloor      = 0.04  // StoryConfig.EventFloor
)

func (c StoryConfig) withDefaults() StoryConfig {
	c.Features = c.Features.withDefaults()
	if c.Threshold <= 0 {
		c.Threshold = DefaultThreshold
	}
	if c.EventCut <= 0 {
		c.EventCut = DefaultEventCut
	}
	if c.EventNeighbours <= 0 {
		c.EventNeighbours = DefaultEventNeighbours
	}
	if c.EventFloor <= 0 {
		c.EventFloor = DefaultEventFloor
	}
	if c.EventShared <= 0 {
		c.EventShared = DefaultEventShared
	}
	if c.Window <= 0 {
		c.Window = 64
	}
	if c.EntityWeight <= 0 {
		c.EntityWeight = 0.3
	}
	if c.TimeScale <= 0 {
		c.TimeScale = 7
	}
	if c.TimeWeight <= 0 {
		c.TimeWeight = 0.5
	}
	if c.QueryTerms <= 0 {
		c.QueryTerms = 40
	}
	if c.Candidates <= 0 {
		c.Candidates = 30
	}
	if c.Postings <= 0 {
		c.Postings = 200
	}
	if c.DocTerms <= 0 {
		c.DocTerms = 120
	}
	if c.Neighbours <= 0 {
		c.Neighbours = 1
	}
	if c.CentroidTerms <= 0 {
		c.CentroidTerms = 300
	}
	if c.IDFPower <= 0 {
		c.IDFPower = 1
	}
	if c.CentroidMix <= 0 || c.CentroidMix > 1 {
		c.CentroidMix = 0.5
	}
	return c
}

// Assignment is where a document went.
type Assignment struct {
	Story StoryID `json:"story"`
	New   bool    `json:"new"`   // the document opened the story
	Score float64 `json:"score"` // similarity to the topic it joined (or the best one it did not)
	// Moves lists the earlier documents that adding this one moved to
	// another story: the reports of a topic are re-clustered as it grows,
	// so that early mistakes are repaired (a story that turns out to tell
	// two events splits; two stories that turn out to tell one merge).
	Moves []Move `json:"moves,omitempty"`
}

// Move moves documents from one story to another (possibly new) one.
type Move struct {
	From StoryID          `json:"from"`
	To   StoryID          `json:"to"`
	Docs []dateline.DocID `json:"docs"`
}

// Stories clusters documents into stories incrementally, as they arrive,
// on two levels.
//
// Topics gather the reports of one kind of news (two earthquakes in one
// region, two arrests of one actor): each document is compared with its
// nearest earlier documents, found through an inverted index over their
// strongest terms with bounded posting lists (so the cost per document does
// not grow with the collection), and with their topics' centroids; it
// joins the best topic at or above Threshold, or opens a new one. The
// similarity mixes the cosine of TF-IDF vectors (content lemmas, names
// boosted, entity keys, event codes; document frequencies counted over the
// stream so far) with the IDF-weighted overlap of named entities, damped by
// the gap between the documents' dates.
//
// Stories are the events within a topic. The Window most recent reports of
// a topic are compared with weights local to the topic: a term shared by
// all of them (the topic's vocabulary: "earthquake", "magnitude") weighs
// nothing, a term shared by some (a place, a death toll, a year, a name)
// separates them. Each report's EventNeighbours nearest reports under
// these weights are its neighbours, and the reports are clustered by
// average link over the share of neighbours they have in common; groups
// sharing EventShared or more are one story (while a topic is too small
// for neighbours, groups whose vectors' average link reaches EventCut).
// The topic is re-clustered as it grows (at every report while it is
// small, then every Window/8 reports), and the new groups keep the story
// numbers of most of their members, so that stories are stable and early
// mistakes are repaired; between re-clusterings a report joins the story
// of its topic with the best average link of the weighted vectors, if it
// reaches EventCut.
//
// The result is deterministic given the input order. Stories is not safe
// for concurrent use.
type Stories struct {
	cfg     StoryConfig
	vocab   map[string]int32
	keys    []string
	df      []int32
	seen    int // documents counted in df: added and observed
	docs    []docEntry
	topics  []*topic
	stories []*story
	post    [][]int32 // by term id: indexes into docs, oldest first
}

// docEntry is what the clusterer keeps of a document.
type docEntry struct {
	id    dateline.DocID
	terms []int32
	raw   []float32 // normalised weights without IDF, parallel to terms
	ents  []int32
	day   int32
	topic int32
	story StoryID
}

// topic is a group of reports of one kind of news.
type topic struct {
	terms  map[int32]float32 // sum of the members' normalised term weights, pruned to the strongest
	ents   map[int32]float32 // entity id -> members naming it
	sumx   map[int32]float32 // sum of the members' normalised TF-IDF vectors (IDF as of joining), pruned
	docs   int32
	first  int32
	last   int32
	window []int32         // the most recent members, oldest first: indexes into Stories.docs
	wdf    map[int32]int32 // term id -> window members that have it
}

// story is one event: a group of reports of one topic.
type story struct {
	topic   int32
	members []int32 // indexes into Stories.docs, in order of arrival
}

// NewStories returns an empty story clusterer.
func NewStories(cfg StoryConfig) *Stories {
	return &Stories{cfg: cfg.withDefaults(), vocab: map[string]int32{}}
}

// Config returns the configuration in use, defaults filled in.
func (s *Stories) Config() StoryConfig { return s.cfg }

// Len is the number of stories (ever opened; a story emptied by a
// re-clustering keeps its number).
func (s *Stories) Len() int { return len(s.stories) }

// Topics is the number of topics.
func (s *Stories) Topics() int { return len(s.topics) }

// Docs is the number of documents added.
func (s *Stories) Docs() int { return len(s.docs) }

// StoryOf returns the story the i-th document added is in now (later
// documents may have moved it).
func (s *Stories) StoryOf(i int) (StoryID, bool) {
	if i < 0 || i >= len(s.docs) {
		return -1, false
	}
	return s.docs[i].story, true
}

// AddDocument extracts the features of doc and adds it.
func (s *Stories) AddDocument(doc *dateline.Document) Assignment {
	return s.Add(DocumentFeatures(doc, s.cfg.Features))
}

func (s *Stories) termID(k string) int32 {
	if id, ok := s.vocab[k]; ok {
		return id
	}
	id := int32(len(s.keys))
	s.vocab[k] = id
	s.keys = append(s.keys, k)
	s.df = append(s.df, 0)
	s.post = append(s.post, nil)
	return id
}

func (s *Stories) idf(t int32) float64 {
	return math.Pow(math.Log(1+float64(s.seen+1)/float64(s.df[t]+1)), s.cfg.IDFPower)
}

// Observe counts the terms of a document in the document frequencies
// without clustering it: a way to start a stream with background
// statistics (from earlier news) instead of the first documents' alone.
func (s *Stories) Observe(f Features) {
	s.seen++
	seen := map[int32]bool{}
	for _, t := range f.Terms {
		id := s.termID(t.Key)
		if !seen[id] {
			seen[id] = true
			s.df[id]++
		}
	}
	for _, e := range f.Entities {
		if id := s.termID(e); !seen[id] {
			seen[id] = true
			s.df[id]++
		}
	}
}

// query is the document being added, with IDF-weighted normalised weights.
type query struct {
	docEntry
	x    []float64
	byID map[int32]float64
	entW float64 // sum of the IDF of its entities
}

// Add adds a document given its features.
func (s *Stories) Add(f Features) Assignment {
	q := s.query(f)
	votes := map[int32]float64{}
	for _, n := range s.neighbours(q) {
		votes[s.docs[n.doc].topic] += n.sim
	}
	best, bestScore := int32(-1), 0.0
	for tp, v := range votes {
		v /= float64(min(s.cfg.Neighbours, int(s.topics[tp].docs)))
		if m := s.cfg.CentroidMix; m > 0 {
			v = (1-m)*v + m*s.centroidScore(q, s.topics[tp])
		}
		v *= s.timeFactor(q.day, s.topics[tp])
		if v > bestScore || (v == bestScore && tp < best) {
			best, bestScore = tp, v
		}
	}
	if best < 0 || bestScore < s.cfg.Threshold {
		best = int32(len(s.topics))
		s.topics = append(s.topics, &topic{terms: map[int32]float32{}, ents: map[int32]float32{}, sumx: map[int32]float32{}, wdf: map[int32]int32{}, first: q.day, last: q.day})
	}
	n := s.join(best, q)
	a := Assignment{Score: bestScore}
	a.Story, a.New, a.Moves = s.place(n)
	return a
}

func (s *Stories) query(f Features) query {
	q := query{docEntry: docEntry{id: f.Doc, day: f.Day, story: -1}, byID: map[int32]float64{}}
	type tw struct {
		id  int32
		raw float64
		x   float64
	}
	var all []tw
	var norm float64
	for _, t := range f.Terms {
		if !(t.Weight > 0) || math.IsInf(float64(t.Weight), 1) {
			continue
		}
		id := s.termID(t.Key)
		w := float64(t.Weight)
		all = append(all, tw{id, w, w * s.idf(id)})
		norm += w * w
	}
	// The strongest terms only: they carry the similarity, and bound the
	// memory per document.
	slices.SortFunc(all, func(a, b tw) int {
		return cmp.Or(cmp.Compare(b.x, a.x), cmp.Compare(a.id, b.id))
	})
	if len(all) > s.cfg.DocTerms {
		all = all[:s.cfg.DocTerms]
	}
	var normx float64
	for _, t := range all {
		normx += t.x * t.x
	}
	n, nx := math.Sqrt(norm), math.Sqrt(normx)
	for _, t := range all {
		q.terms = append(q.terms, t.id)
		q.raw = append(q.raw, float32(t.raw/n))
		q.x = append(q.x, t.x/nx)
		q.byID[t.id] = t.x / nx
	}
	for _, e := range f.Entities {
		id := s.termID(e)
		q.ents = append(q.ents, id)
		q.entW += s.idf(id)
	}
	slices.Sort(q.ents)
	q.ents = slices.Compact(q.ents)
	return q
}

type neighbour struct {
	doc int32
	sim float64
}

// neighbours returns the nearest earlier documents, most similar first.
func (s *Stories) neighbours(q query) []neighbour {
	acc := map[int32]float64{}
	lim := min(len(q.terms), s.cfg.QueryTerms)
	for i := range lim {
		for _, d := range s.post[q.terms[i]] {
			acc[d] += q.x[i]
		}
	}
	cands := make([]neighbour, 0, len(acc))
	for d, v := range acc {
		cands = append(cands, neighbour{d, v})
	}
	byScore := func(a, b neighbour) int {
		return cmp.Or(cmp.Compare(b.sim, a.sim), cmp.Compare(a.doc, b.doc))
	}
	if len(cands) > s.cfg.Candidates {
		// Select the best Candidates without sorting them all.
		cands = topK(cands, s.cfg.Candidates, byScore)
	}
	out := make([]neighbour, 0, len(cands))
	for _, c := range cands {
		out = append(out, neighbour{c.doc, s.similarity(q, &s.docs[c.doc])})
	}
	slices.SortFunc(out, byScore)
	if len(out) > s.cfg.Neighbours {
		out = out[:s.cfg.Neighbours]
	}
	return out
}

// similarity of the query to an earlier document.
func (s *Stories) similarity(q query, d *docEntry) float64 {
	var dot, norm float64
	for i, t := range d.terms {
		x := float64(d.raw[i]) * s.idf(t)
		norm += x * x
		dot += x * q.byID[t]
	}
	cos := 0.0
	if norm > 0 {
		cos = dot / math.Sqrt(norm)
	}
	ent := 0.0
	if q.entW > 0 && len(d.ents) > 0 {
		var shared, dw float64
		for _, e := range d.ents {
			w := s.idf(e)
			dw += w
			if _, ok := slices.BinarySearch(q.ents, e); ok {
				shared += w
			}
		}
		ent = 2 * shared / (q.entW + dw)
	}
	ew := s.cfg.EntityWeight
	return (1-ew)*cos + ew*ent
}

// timeFactor damps a score by the gap between the document's date and the
// topic's date range: 1 inside the range or when either date is unknown.
func (s *Stories) timeFactor(day int32, tp *topic) float64 {
	if day == NoDay || tp.first == NoDay {
		return 1
	}
	gap := 0.0
	switch {
	case day < tp.first:
		gap = float64(tp.first - day)
	case day > tp.last:
		gap = float64(day - tp.last)
	}
	return 1 - s.cfg.TimeWeight*(1-math.Exp(-gap/s.cfg.TimeScale))
}

// centroidScore is the similarity of the query to a topic's centroid.
func (s *Stories) centroidScore(q query, tp *topic) float64 {
	// The average cosine with the members (average link): the dot product
	// with the sum of their vectors over their number. Unlike the cosine
	// with the normalised centroid, it does not grow as a topic spreads.
	var dot float64
	for i, t := range q.terms {
		dot += q.x[i] * float64(tp.sumx[t])
	}
	cos := dot / float64(tp.docs)
	ent := 0.0
	if q.entW > 0 {
		var num float64
		for _, e := range q.ents {
			num += s.idf(e) * float64(tp.ents[e]) / float64(tp.docs)
		}
		ent = num / q.entW
	}
	ew := s.cfg.EntityWeight
	return (1-ew)*cos + ew*ent
}

// join adds the document to a topic and to the index, and returns its
// index.
func (s *Stories) join(tp int32, q query) int32 {
	n := int32(len(s.docs))
	q.topic = tp
	s.docs = append(s.docs, q.docEntry)
	s.seen++
	for _, t := range q.terms {
		s.df[t]++
	}
	for _, e := range q.ents {
		if !slices.Contains(q.terms, e) {
			s.df[e]++
		}
	}
	lim := min(len(q.terms), s.cfg.QueryTerms)
	for _, t := range q.terms[:lim] {
		p := s.post[t]
		if len(p) >= s.cfg.Postings {
			p = append(p[:0], p[1:]...)
		}
		s.post[t] = append(p, n)
	}
	s.addToTopic(s.topics[tp], n)
	return n
}

// addToTopic adds a document's vectors, entities and date to a topic and
// its window.
func (s *Stories) addToTopic(tp *topic, n int32) {
	d := &s.docs[n]
	tp.docs++
	x := s.xOf(d)
	for i, t := range d.terms {
		tp.terms[t] += d.raw[i]
		tp.sumx[t] += float32(x[i])
	}
	for _, e := range d.ents {
		tp.ents[e]++
	}
	if d.day != NoDay {
		if tp.first == NoDay || d.day < tp.first {
			tp.first = d.day
		}
		if tp.last == NoDay || d.day > tp.last {
			tp.last = d.day
		}
	}
	if len(tp.terms) > 2*s.cfg.CentroidTerms {
		s.prune(tp)
		for t := range tp.sumx {
			if _, ok := tp.terms[t]; !ok {
				delete(tp.sumx, t)
			}
		}
	}
	if len(tp.window) >= s.cfg.Window {
		old := tp.window[0]
		tp.window = append(tp.window[:0], tp.window[1:]...)
		for _, t := range s.docs[old].terms {
			if tp.wdf[t]--; tp.wdf[t] <= 0 {
				delete(tp.wdf, t)
			}
		}
	}
	tp.window = append(tp.window, n)
	for _, t := range d.terms {
		tp.wdf[t]++
	}
}

// xOf is a document's normalised TF-IDF vector with the current IDF.
func (s *Stories) xOf(d *docEntry) []float64 {
	x := make([]float64, len(d.terms))
	var norm float64
	for i, t := range d.terms {
		x[i] = float64(d.raw[i]) * s.idf(t)
		norm += x[i] * x[i]
	}
	if norm > 0 {
		n := math.Sqrt(norm)
		for i := range x {
			x[i] /= n
		}
	}
	return x
}

// sparse is a normalised vector sorted by term id.
type sparse struct {
	t []int32
	w []float64
}

func (a sparse) dot(b sparse) float64 {
	var v float64
	for i, j := 0, 0; i < len(a.t) && j < len(b.t); {
		switch {
		case a.t[i] < b.t[j]:
			i++
		case a.t[i] > b.t[j]:
			j++
		default:
			v += a.w[i] * b.w[j]
			i++
			j++
		}
	}
	return v
}

// localVectors weighs the window members of a topic for telling its
// events apart: a term's weight is its normalised weight times
// log((n+1)/df) over the n members of the window (a term all of them share
// weighs almost nothing) times the square root of its stream IDF; a term
// no other member has cannot group anything and is left out.
func (s *Stories) localVectors(tp *topic) []sparse {
	n := float64(len(tp.window))
	out := make([]sparse, len(tp.window))
	for k, m := range tp.window {
		d := &s.docs[m]
		v := sparse{t: make([]int32, 0, len(d.terms)), w: make([]float64, 0, len(d.terms))}
		idx := make([]int, 0, len(d.terms))
		for i, t := range d.terms {
			if tp.wdf[t] >= 2 {
				idx = append(idx, i)
			}
		}
		slices.SortFunc(idx, func(a, b int) int { return cmp.Compare(d.terms[a], d.terms[b]) })
		var norm float64
		for _, i := range idx {
			t := d.terms[i]
			w := float64(d.raw[i]) * math.Log((n+1)/float64(tp.wdf[t])) * math.Sqrt(s.idf(t))
			v.t = append(v.t, t)
			v.w = append(v.w, w)
			norm += w * w
		}
		if norm > 0 {
			norm = math.Sqrt(norm)
			for i := range v.w {
				v.w[i] /= norm
			}
		}
		out[k] = v
	}
	return out
}

// reclusterDue reports whether a topic whose window holds n reports is
// re-clustered when its docs-th report arrives: at every report while the
// window holds up to 32, then every Window/8 reports.
func (s *Stories) reclusterDue(tp *topic) bool {
	if len(tp.window) <= 32 {
		return true
	}
	return int(tp.docs)%max(1, s.cfg.Window/8) == 0
}

// place puts the newly joined document n into a story of its topic and
// returns the story, whether it is new, and the earlier documents moved.
func (s *Stories) place(n int32) (StoryID, bool, []Move) {
	tp := s.topics[s.docs[n].topic]
	vecs := s.localVectors(tp)
	last := len(tp.window) - 1 // the new document
	if !s.reclusterDue(tp) {
		// Join the story with the best average link in the window.
		sum, cnt := map[StoryID]float64{}, map[StoryID]int{}
		for k, m := range tp.window[:last] {
			st := s.docs[m].story
			sum[st] += vecs[last].dot(vecs[k])
			cnt[st]++
		}
		best, bestV := StoryID(-1), 0.0
		for st, v := range sum {
			v /= float64(cnt[st])
			if v > bestV || (v == bestV && st < best) {
				best, bestV = st, v
			}
		}
		if best >= 0 && bestV >= s.cfg.EventCut {
			s.setStory(n, best)
			return best, false, nil
		}
		id := s.newStory(s.docs[n].topic)
		s.setStory(n, id)
		return id, true, nil
	}
	groups := s.events(vecs)
	// Each group keeps the story of most of its earlier members; the
	// largest overlaps choose first.
	type claim struct {
		group, count int
		story        StoryID
	}
	var claims []claim
	for g, members := range groups {
		count := map[StoryID]int{}
		for _, k := range members {
			if k != last {
				count[s.docs[tp.window[k]].story]++
			}
		}
		for st, c := range count {
			claims = append(claims, claim{g, c, st})
		}
	}
	slices.SortFunc(claims, func(a, b claim) int {
		return cmp.Or(cmp.Compare(b.count, a.count), cmp.Compare(a.story, b.story), cmp.Compare(a.group, b.group))
	})
	storyOf := make([]StoryID, len(groups))
	for g := range storyOf {
		storyOf[g] = -1
	}
	taken := map[StoryID]bool{}
	for _, c := range claims {
		if storyOf[c.group] < 0 && !taken[c.story] {
			storyOf[c.group], taken[c.story] = c.story, true
		}
	}
	var moves []Move
	var story StoryID
	isNew := false
	for g, members := range groups {
		if storyOf[g] < 0 {
			storyOf[g] = s.newStory(s.docs[n].topic)
			if slices.Contains(members, last) && len(members) == 1 {
				isNew = true
			}
		}
		for _, k := range members {
			m := tp.window[k]
			if k == last {
				story = storyOf[g]
				continue
			}
			if from := s.docs[m].story; from != storyOf[g] {
				i := slices.IndexFunc(moves, func(mv Move) bool { return mv.From == from && mv.To == storyOf[g] })
				if i < 0 {
					i = len(moves)
					moves = append(moves, Move{From: from, To: storyOf[g]})
				}
				moves[i].Docs = append(moves[i].Docs, s.docs[m].id)
				s.setStory(m, storyOf[g])
			}
		}
	}
	s.setStory(n, story)
	return story, isNew, moves
}

func (s *Stories) newStory(tp int32) StoryID {
	s.stories = append(s.stories, &story{topic: tp})
	return StoryID(len(s.stories) - 1)
}

// setStory moves document m to story id.
func (s *Stories) setStory(m int32, id StoryID) {
	d := &s.docs[m]
	if d.story == id {
		return
	}
	if d.story >= 0 {
		old := s.stories[d.story]
		if i := slices.Index(old.members, m); i >= 0 {
			old.members = slices.Delete(old.members, i, i+1)
		}
	}
	d.story = id
	st := s.stories[id]
	i, _ := slices.BinarySearch(st.members, m)
	st.members = slices.Insert(st.members, i, m)
}

// events groups the window members of a topic, given their local vectors,
// into events. Two reports are as close as the nearest neighbours they
// share (Jarvis–Patrick), not as their vectors: a
// report of one event has its nearest neighbours among that event's
// reports, whatever the density of the event's vocabulary, while the
// background paragraphs that two events' reports share (the earlier arrest,
// the previous quake) make the raw similarities of two events overlap with
// those within a loosely told one. Groups sharing EventShared of their
// neighbours on average are one event (average link); a report is never
// the neighbour of one less than EventFloor similar. A topic of at most
// EventNeighbours+1 reports, where every report is every other's
// neighbour, is cut by the average link of the vectors at EventCut.
func (s *Stories) events(vecs []sparse) [][]int {
	sim := similarities(vecs)
	if len(vecs) <= s.cfg.EventNeighbours+1 {
		return averageLink(sim, s.cfg.EventCut)
	}
	return averageLink(sharedNeighbours(sim, s.cfg.EventNeighbours, s.cfg.EventFloor), s.cfg.EventShared)
}

// similarities is the matrix of dot products of the vectors, 0 on the
// diagonal.
func similarities(vecs []sparse) [][]float64 {
	n := len(vecs)
	sim := make([][]float64, n)
	for i := range sim {
		sim[i] = make([]float64, n)
	}
	for i := range n {
		for j := range i {
			v := vecs[i].dot(vecs[j])
			sim[i][j], sim[j][i] = v, v
		}
	}
	return sim
}

// sharedNeighbours turns a similarity matrix into the share of nearest
// neighbours two items have in common: |N(i) ∩ N(j)| plus one for each of
// i and j in the other's neighbours, over k+1, where N(i) are the k items
// most similar to i (ties broken by index) that are at least floor similar
// to it. Without the floor, the neighbours of a small group would spill
// into any other group, however unrelated.
func sharedNeighbours(sim [][]float64, k int, floor float64) [][]float64 {
	n := len(sim)
	k = min(k, n-1)
	in := make([][]bool, n) // in[i][j]: j is one of i's nearest
	idx := make([]int, 0, n)
	for i := range n {
		idx = idx[:0]
		for j := range n {
			if j != i {
				idx = append(idx, j)
			}
		}
		slices.SortFunc(idx, func(a, b int) int {
			return cmp.Or(cmp.Compare(sim[i][b], sim[i][a]), cmp.Compare(a, b))
		})
		in[i] = make([]bool, n)
		for _, j := range idx[:k] {
			if sim[i][j] >= floor {
				in[i][j] = true
			}
		}
	}
	out := make([][]float64, n)
	for i := range out {
		out[i] = make([]float64, n)
	}
	for i := range n {
		for j := range i {
			c := 0
			for x := range n {
				if in[i][x] && in[j][x] {
					c++
				}
			}
			if in[i][j] {
				c++
			}
			if in[j][i] {
				c++
			}
			v := float64(c) / float64(k+1)
			out[i][j], out[j][i] = v, v
		}
	}
	return out
}

// averageLink clusters by average link (UPGMA) over a symmetric similarity
// matrix until no two groups are linked at cut or more, and returns the
// groups, each sorted, in order of their first member.
func averageLink(sim [][]float64, cut float64) [][]int {
	n := len(sim)
	// sum[i][j]: the total similarity between groups i and j (live groups
	// only); a group is nil once merged away.
	sum := make([][]float64, n)
	for i := range sum {
		sum[i] = slices.Clone(sim[i])
	}
	groups := make([][]int, n)
	for i := range groups {
		groups[i] = []int{i}
	}
	for {
		bi, bj, bv := -1, -1, math.Inf(-1)
		for i := range n {
			if groups[i] == nil {
				continue
			}
			for j := i + 1; j < n; j++ {
				if groups[j] == nil {
					continue
				}
				if v := sum[i][j] / float64(len(groups[i])*len(groups[j])); v > bv {
					bi, bj, bv = i, j, v
				}
			}
		}
		if bi < 0 || bv < cut {
			break
		}
		for k := range n {
			sum[bi][k] += sum[bj][k]
			sum[k][bi] = sum[bi][k]
		}
		groups[bi] = append(groups[bi], groups[bj]...)
		groups[bj] = nil
	}
	var out [][]int
	for _, g := range groups {
		if g != nil {
			slices.Sort(g)
			out = append(out, g)
		}
	}
	slices.SortFunc(out, func(a, b []int) int { return cmp.Compare(a[0], b[0]) })
	return out
}

// prune keeps the strongest CentroidTerms terms of a topic.
func (s *Stories) prune(tp *topic) {
	type tw struct {
		t int32
		w float64
	}
	all := make([]tw, 0, len(tp.terms))
	for t, w := range tp.terms {
		all = append(all, tw{t, float64(w) * s.idf(t)})
	}
	slices.SortFunc(all, func(a, b tw) int {
		return cmp.Or(cmp.Compare(b.w, a.w), cmp.Compare(a.t, b.t))
	})
	for _, x := range all[s.cfg.CentroidTerms:] {
		delete(tp.terms, x.t)
	}
}

// StoryInfo describes a story.
type StoryInfo struct {
	ID    StoryID  `json:"id"`
	Topic int      `json:"topic"`
	Docs  int      `json:"docs"`
	First int32    `json:"first_day"` // days since 1970; NoDay when unknown
	Last  int32    `json:"last_day"`
	Terms []string `json:"terms"` // the strongest terms of its most recent reports, for a label
}

// Story describes story id with its n strongest terms.
func (s *Stories) Story(id StoryID, n int) (StoryInfo, bool) {
	if id < 0 || int(id) >= len(s.stories) {
		return StoryInfo{}, false
	}
	st := s.stories[id]
	info := StoryInfo{ID: id, Topic: int(st.topic), Docs: len(st.members), First: NoDay, Last: NoDay}
	w := map[int32]float64{}
	for i, m := range st.members {
		d := &s.docs[m]
		if d.day != NoDay {
			if info.First == NoDay || d.day < info.First {
				info.First = d.day
			}
			info.Last = max(info.Last, d.day)
		}
		if i >= len(st.members)-64 {
			for j, t := range d.terms {
				if k := s.keys[t]; strings.HasPrefix(k, "w:") || strings.HasPrefix(k, "e:") {
					w[t] += float64(d.raw[j]) * s.idf(t)
				}
			}
		}
	}
	type tw struct {
		k string
		w float64
	}
	all := make([]tw, 0, len(w))
	for t, v := range w {
		all = append(all, tw{s.keys[t], v})
	}
	slices.SortFunc(all, func(a, b tw) int {
		return cmp.Or(cmp.Compare(b.w, a.w), strings.Compare(a.k, b.k))
	})
	for i := 0; i < n && i < len(all); i++ {
		info.Terms = append(info.Terms, all[i].k)
	}
	return info, true
}

// topK returns the k smallest elements of xs under cmp (in no particular
// order), reordering xs: quickselect, linear on average.
func topK[T any](xs []T, k int, cmp func(a, b T) int) []T {
	lo, hi := 0, len(xs)-1
	for lo < hi {
		// Median of three as pivot, moved to hi.
		mid := lo + (hi-lo)/2
		if cmp(xs[mid], xs[lo]) < 0 {
			xs[mid], xs[lo] = xs[lo], xs[mid]
		}
		if cmp(xs[hi], xs[lo]) < 0 {
			xs[hi], xs[lo] = xs[lo], xs[hi]
		}
		if cmp(xs[mid], xs[hi]) < 0 {
			xs[mid], xs[hi] = xs[hi], xs[mid]
		}
		p := lo
		for i := lo; i < hi; i++ {
			if cmp(xs[i], xs[hi]) < 0 {
				xs[i], xs[p] = xs[p], xs[i]
				p++
			}
		}
		xs[p], xs[hi] = xs[hi], xs[p]
		switch {
		case p == k-1 || p == k:
			return xs[:k]
		case p < k:
			lo = p + 1
		default:
			hi = p - 1
		}
	}
	return xs[:k]
}
