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
// defaults, which were chosen on the ECB+ training topics (see MODEL.md in
// this package's documentation and BENCHMARKS.md).
type StoryConfig struct {
	Features      FeatureConfig
	Threshold     float64 // similarity at or above which a document joins a story; default 0.2
	EntityWeight  float64 // share of the score given to entity overlap; default 0.3
	TimeScale     float64 // days over which time proximity halves (roughly); default 7
	TimeWeight    float64 // how much a date gap can take off the score, in [0, 1]; default 0.5
	QueryTerms    int     // strongest document terms looked up in the index; default 40
	Candidates    int     // earlier documents scored in full per document; default 30
	Postings      int     // most recent documents kept per index term; default 200
	DocTerms      int     // strongest terms kept per document; default 120
	Neighbours    int     // nearest earlier documents that vote for a story; default 1
	CentroidTerms int     // terms kept per story centroid; default 300
	IDFPower      float64 // exponent of the IDF weight; above 1 favours rare terms; default 1
	CentroidMix   float64 // share of the story score from the story centroid (the rest: the nearest members); default 0.5
	SplitBelow    float64 // a story whose two halves are less similar than this (average link) splits; default 0.12
	SplitRatio    float64 // ... or whose halves are less similar than this share of their own cohesion; default 0.6
	SplitMax      int     // stories larger than this are no longer checked for a split; default 64
}

// DefaultThreshold is the story threshold chosen on the ECB+ train topics.
const DefaultThreshold = 0.2

func (c StoryConfig) withDefaults() StoryConfig {
	c.Features = c.Features.withDefaults()
	if c.Threshold <= 0 {
		c.Threshold = DefaultThreshold
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
	if c.SplitBelow <= 0 {
		c.SplitBelow = 0.12
	}
	if c.SplitRatio <= 0 {
		c.SplitRatio = 0.6
	}
	if c.SplitMax <= 0 {
		c.SplitMax = 64
	}
	return c
}

// Assignment is where a document went.
type Assignment struct {
	Story StoryID `json:"story"`
	New   bool    `json:"new"`   // the document opened the story
	Score float64 `json:"score"` // similarity to the story it joined (or the best one it did not)
	// Split is set when joining this document revealed that its story told
	// two events: the documents listed moved to a new story.
	Split *Split `json:"split,omitempty"`
}

// Split moves documents from one story to a new one.
type Split struct {
	From StoryID          `json:"from"`
	To   StoryID          `json:"to"`
	Docs []dateline.DocID `json:"docs"`
}

// Stories clusters documents into stories incrementally, as they arrive.
// Each document is compared with its nearest earlier documents, found
// through an inverted index over their strongest terms with bounded posting
// lists (so the cost per document does not grow with the collection); the
// stories of the Neighbours nearest vote with their similarities, and the
// document joins the winner when its vote reaches the threshold, else it
// opens a new story. Similarity mixes the cosine of TF-IDF vectors (content
// lemmas, names boosted, entity keys, event codes; document frequencies
// counted over the stream so far) with the IDF-weighted overlap of named
// entities, damped by the gap between the documents' dates.
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
	story StoryID
}

type story struct {
	terms   map[int32]float32 // sum of the members' normalised term weights, pruned to the strongest
	ents    map[int32]float32 // entity id -> members naming it
	sumx    map[int32]float32 // sum of the members' normalised TF-IDF vectors (IDF as of joining), pruned
	docs    int32
	first   int32
	last    int32
	members []int32 // indexes into Stories.docs while the story may still split
}

// NewStories returns an empty story clusterer.
func NewStories(cfg StoryConfig) *Stories {
	return &Stories{cfg: cfg.withDefaults(), vocab: map[string]int32{}}
}

// Config returns the configuration in use, defaults filled in.
func (s *Stories) Config() StoryConfig { return s.cfg }

// Len is the number of stories.
func (s *Stories) Len() int { return len(s.stories) }

// Docs is the number of documents added.
func (s *Stories) Docs() int { return len(s.docs) }

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
	votes := map[StoryID]float64{}
	for _, n := range s.neighbours(q) {
		votes[s.docs[n.doc].story] += n.sim
	}
	best, bestScore := StoryID(-1), 0.0
	for st, v := range votes {
		v /= float64(min(s.cfg.Neighbours, int(s.stories[st].docs)))
		if m := s.cfg.CentroidMix; m > 0 {
			v = (1-m)*v + m*s.centroidScore(q, s.stories[st])
		}
		v *= s.timeFactor(q.day, s.stories[st])
		if v > bestScore || (v == bestScore && st < best) {
			best, bestScore = st, v
		}
	}
	a := Assignment{Story: best, Score: bestScore}
	if best < 0 || bestScore < s.cfg.Threshold {
		a.Story, a.New = StoryID(len(s.stories)), true
		s.stories = append(s.stories, &story{terms: map[int32]float32{}, ents: map[int32]float32{}, sumx: map[int32]float32{}, first: q.day, last: q.day})
	}
	s.join(a.Story, q)
	a.Split = s.maybeSplit(a.Story)
	return a
}

func (s *Stories) query(f Features) query {
	q := query{docEntry: docEntry{id: f.Doc, day: f.Day}, byID: map[int32]float64{}}
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
	slices.SortFunc(out, func(a, b neighbour) int {
		return cmp.Or(cmp.Compare(b.sim, a.sim), cmp.Compare(a.doc, b.doc))
	})
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
// story's date range: 1 inside the range or when either date is unknown.
func (s *Stories) timeFactor(day int32, st *story) float64 {
	if day == NoDay || st.first == NoDay {
		return 1
	}
	gap := 0.0
	switch {
	case day < st.first:
		gap = float64(st.first - day)
	case day > st.last:
		gap = float64(day - st.last)
	}
	return 1 - s.cfg.TimeWeight*(1-math.Exp(-gap/s.cfg.TimeScale))
}

// centroidScore is the similarity of the query to a story's centroid.
func (s *Stories) centroidScore(q query, st *story) float64 {
	// The average cosine with the members (average link): the dot product
	// with the sum of their vectors over their number. Unlike the cosine
	// with the normalised centroid, it does not grow as a story spreads.
	var dot float64
	for i, t := range q.terms {
		dot += q.x[i] * float64(st.sumx[t])
	}
	cos := dot / float64(st.docs)
	ent := 0.0
	if q.entW > 0 {
		var num float64
		for _, e := range q.ents {
			num += s.idf(e) * float64(st.ents[e]) / float64(st.docs)
		}
		ent = num / q.entW
	}
	ew := s.cfg.EntityWeight
	return (1-ew)*cos + ew*ent
}

// join adds the document to the story and to the index.
func (s *Stories) join(id StoryID, q query) {
	n := int32(len(s.docs))
	q.story = id
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
	st := s.stories[id]
	if int(st.docs) < s.cfg.SplitMax {
		st.members = append(st.members, n)
	} else {
		st.members = nil
	}
	s.add(st, &s.docs[n])
}

// add adds a document's vectors, entities and date to a story.
func (s *Stories) add(st *story, q *docEntry) {
	st.docs++
	x := s.xOf(q)
	for i, t := range q.terms {
		st.terms[t] += q.raw[i]
		st.sumx[t] += float32(x[i])
	}
	for _, e := range q.ents {
		st.ents[e]++
	}
	if q.day != NoDay {
		if st.first == NoDay || q.day < st.first {
			st.first = q.day
		}
		if st.last == NoDay || q.day > st.last {
			st.last = q.day
		}
	}
	if len(st.terms) > 2*s.cfg.CentroidTerms {
		s.prune(st)
		for t := range st.sumx {
			if _, ok := st.terms[t]; !ok {
				delete(st.sumx, t)
			}
		}
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

// asQuery turns a stored document back into a query.
func (s *Stories) asQuery(d *docEntry) query {
	q := query{docEntry: *d, x: s.xOf(d), byID: make(map[int32]float64, len(d.terms))}
	for i, t := range d.terms {
		q.byID[t] = q.x[i]
	}
	for _, e := range d.ents {
		q.entW += s.idf(e)
	}
	return q
}

// maybeSplit checks, at a few sizes, whether a story tells two events: it
// clusters the members by average link down to two groups and, when the
// groups are less similar than SplitBelow and each has at least two
// members, moves the group without the story's first document to a new
// story. The cost is bounded by SplitMax² similarities, paid at every size
// from 4 to 16, then at 24, 32, 48 and 64 only.
func (s *Stories) maybeSplit(id StoryID) *Split {
	st := s.stories[id]
	n := len(st.members)
	if n < 4 || (n > 16 && !splitSize(n)) {
		return nil
	}
	if n != int(st.docs) {
		return nil
	}
	qs := make([]query, n)
	for i, m := range st.members {
		qs[i] = s.asQuery(&s.docs[m])
	}
	sim := make([][]float64, n)
	for i := range sim {
		sim[i] = make([]float64, n)
	}
	for i := range n {
		for j := range i {
			v := (s.similarity(qs[i], &s.docs[st.members[j]]) + s.similarity(qs[j], &s.docs[st.members[i]])) / 2
			sim[i][j], sim[j][i] = v, v
		}
	}
	// Average-link agglomeration down to two groups.
	groups := make([][]int, n)
	for i := range groups {
		groups[i] = []int{i}
	}
	link := func(a, b []int) float64 {
		t := 0.0
		for _, i := range a {
			for _, j := range b {
				t += sim[i][j]
			}
		}
		return t / float64(len(a)*len(b))
	}
	for len(groups) > 2 {
		bi, bj, bv := 0, 1, math.Inf(-1)
		for i := range groups {
			for j := i + 1; j < len(groups); j++ {
				if v := link(groups[i], groups[j]); v > bv {
					bi, bj, bv = i, j, v
				}
			}
		}
		groups[bi] = append(groups[bi], groups[bj]...)
		groups = append(groups[:bj], groups[bj+1:]...)
	}
	a, b := groups[0], groups[1]
	if len(a) < 2 || len(b) < 2 {
		return nil
	}
	cohesion := func(g []int) float64 {
		t := 0.0
		for x, i := range g {
			for _, j := range g[:x] {
				t += sim[i][j]
			}
		}
		return t / float64(len(g)*(len(g)-1)/2)
	}
	if between := link(a, b); between >= s.cfg.SplitBelow && between >= s.cfg.SplitRatio*min(cohesion(a), cohesion(b)) {
		return nil
	}
	if slices.Contains(b, 0) {
		a, b = b, a // the first document keeps the story
	}
	slices.Sort(a)
	slices.Sort(b)
	newID := StoryID(len(s.stories))
	rebuild := func(idx []int, sid StoryID) *story {
		ns := &story{terms: map[int32]float32{}, ents: map[int32]float32{}, sumx: map[int32]float32{}, first: NoDay, last: NoDay}
		for _, i := range idx {
			m := st.members[i]
			ns.members = append(ns.members, m)
			s.docs[m].story = sid
			s.add(ns, &s.docs[m])
		}
		return ns
	}
	moved := make([]dateline.DocID, 0, len(b))
	for _, i := range b {
		moved = append(moved, s.docs[st.members[i]].id)
	}
	kept := rebuild(a, id)
	s.stories = append(s.stories, rebuild(b, newID))
	s.stories[id] = kept
	return &Split{From: id, To: newID, Docs: moved}
}

// splitSize reports whether a story of n members (above 16) is checked:
// at 24, 32, 48, 64 and so on.
func splitSize(n int) bool {
	for m := 16; m <= n; m *= 2 {
		if n == m || n == m+m/2 {
			return true
		}
	}
	return false
}

// prune keeps the strongest CentroidTerms terms of a story.
func (s *Stories) prune(st *story) {
	type tw struct {
		t int32
		w float64
	}
	all := make([]tw, 0, len(st.terms))
	for t, w := range st.terms {
		all = append(all, tw{t, float64(w) * s.idf(t)})
	}
	slices.SortFunc(all, func(a, b tw) int {
		return cmp.Or(cmp.Compare(b.w, a.w), cmp.Compare(a.t, b.t))
	})
	for _, x := range all[s.cfg.CentroidTerms:] {
		delete(st.terms, x.t)
	}
}

// StoryInfo describes a story.
type StoryInfo struct {
	ID    StoryID  `json:"id"`
	Docs  int      `json:"docs"`
	First int32    `json:"first_day"` // days since 1970; NoDay when unknown
	Last  int32    `json:"last_day"`
	Terms []string `json:"terms"` // the strongest centroid terms, for a label
}

// Story describes story id with its n strongest terms.
func (s *Stories) Story(id StoryID, n int) (StoryInfo, bool) {
	if id < 0 || int(id) >= len(s.stories) {
		return StoryInfo{}, false
	}
	st := s.stories[id]
	info := StoryInfo{ID: id, Docs: int(st.docs), First: st.first, Last: st.last}
	type tw struct {
		k string
		w float64
	}
	var all []tw
	for t, w := range st.terms {
		if k := s.keys[t]; strings.HasPrefix(k, "w:") || strings.HasPrefix(k, "e:") {
			all = append(all, tw{k, float64(w) * s.idf(t)})
		}
	}
	slices.SortFunc(all, func(a, b tw) int {
		if c := cmp.Compare(b.w, a.w); c != 0 {
			return c
		}
		return strings.Compare(a.k, b.k)
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
