package cluster

import (
	"fmt"
	"slices"

	"github.com/dateline-news/dateline"
)

// StoriesState is the whole state of a story clusterer as plain values, for
// a store to persist (as JSON, gob or rows) and to load back with
// ImportStories. Term, document and topic references are indexes into
// Terms, Docs and Topics.
type StoriesState struct {
	Config   StoryConfig  `json:"config"`
	Seen     int          `json:"seen"`  // documents counted in DF
	Terms    []string     `json:"terms"` // term keys by id
	DF       []int32      `json:"df"`    // document frequency by term id
	Docs     []DocState   `json:"docs"`
	Topics   []TopicState `json:"topics"`
	Stories  []StoryState `json:"stories"`
	Postings [][]int32    `json:"postings"` // by term id: document indexes, oldest first
}

// DocState is what the clusterer keeps of one document.
type DocState struct {
	ID       dateline.DocID `json:"id"`
	Terms    []int32        `json:"terms"`
	Weights  []float32      `json:"weights"`
	Entities []int32        `json:"entities"`
	Day      int32          `json:"day"`
	Topic    int32          `json:"topic"`
	Story    StoryID        `json:"story"`
}

// TopicState is one topic's aggregate.
type TopicState struct {
	Docs      int32     `json:"docs"`
	First     int32     `json:"first"`
	Last      int32     `json:"last"`
	Window    []int32   `json:"window"` // the most recent members, oldest first
	Terms     []int32   `json:"terms"`
	Weights   []float32 `json:"weights"`
	SumX      []float32 `json:"sumx"`
	Entities  []int32   `json:"entities"`
	EntityDFs []float32 `json:"entity_dfs"`
}

// StoryState is one story: its topic (its members are the documents that
// name it).
type StoryState struct {
	Topic int32 `json:"topic"`
}

// Export returns a copy of the clusterer's state.
func (s *Stories) Export() StoriesState {
	st := StoriesState{Config: s.cfg, Seen: s.seen, Terms: slices.Clone(s.keys), DF: slices.Clone(s.df)}
	for _, d := range s.docs {
		st.Docs = append(st.Docs, DocState{ID: d.id, Terms: slices.Clone(d.terms), Weights: slices.Clone(d.raw), Entities: slices.Clone(d.ents), Day: d.day, Topic: d.topic, Story: d.story})
	}
	for _, x := range s.topics {
		ts := TopicState{Docs: x.docs, First: x.first, Last: x.last, Window: slices.Clone(x.window)}
		for _, t := range sortedKeys(x.terms) {
			ts.Terms = append(ts.Terms, t)
			ts.Weights = append(ts.Weights, x.terms[t])
			ts.SumX = append(ts.SumX, x.sumx[t])
		}
		for _, e := range sortedKeys(x.ents) {
			ts.Entities = append(ts.Entities, e)
			ts.EntityDFs = append(ts.EntityDFs, x.ents[e])
		}
		st.Topics = append(st.Topics, ts)
	}
	for _, x := range s.stories {
		st.Stories = append(st.Stories, StoryState{Topic: x.topic})
	}
	for _, p := range s.post {
		st.Postings = append(st.Postings, slices.Clone(p))
	}
	return st
}

func sortedKeys(m map[int32]float32) []int32 {
	ks := make([]int32, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// ImportStories rebuilds a clusterer from exported state. It checks every
// index and returns an error wrapping dateline.ErrInvalid for state that
// does not hold together.
func ImportStories(st StoriesState) (*Stories, error) {
	bad := func(format string, a ...any) (*Stories, error) {
		return nil, fmt.Errorf("stories state: "+format+": %w", append(a, dateline.ErrInvalid)...)
	}
	nt, nd, ntp, ns := len(st.Terms), len(st.Docs), len(st.Topics), len(st.Stories)
	if len(st.DF) != nt || len(st.Postings) > nt || st.Seen < nd {
		return bad("%d terms, %d frequencies, %d posting lists, %d seen for %d documents", nt, len(st.DF), len(st.Postings), st.Seen, nd)
	}
	term := func(t int32) bool { return t >= 0 && int(t) < nt }
	s := NewStories(st.Config)
	s.seen = st.Seen
	s.keys = slices.Clone(st.Terms)
	s.df = slices.Clone(st.DF)
	s.post = make([][]int32, nt)
	for i, k := range s.keys {
		if _, dup := s.vocab[k]; dup {
			return bad("term %q twice", k)
		}
		s.vocab[k] = int32(i)
	}
	for i, x := range st.Stories {
		if x.Topic < 0 || int(x.Topic) >= ntp {
			return bad("story %d: topic %d", i, x.Topic)
		}
		s.stories = append(s.stories, &story{topic: x.Topic})
	}
	for i, d := range st.Docs {
		if len(d.Terms) != len(d.Weights) || d.Story < 0 || int(d.Story) >= ns || d.Topic != st.Stories[d.Story].Topic {
			return bad("document %d", i)
		}
		for _, t := range append(slices.Clone(d.Terms), d.Entities...) {
			if !term(t) {
				return bad("document %d: term %d", i, t)
			}
		}
		s.docs = append(s.docs, docEntry{id: d.ID, terms: slices.Clone(d.Terms), raw: slices.Clone(d.Weights), ents: slices.Clone(d.Entities), day: d.Day, topic: d.Topic, story: d.Story})
		x := s.stories[d.Story]
		x.members = append(x.members, int32(i))
	}
	for i, x := range st.Topics {
		if len(x.Terms) != len(x.Weights) || len(x.Terms) != len(x.SumX) || len(x.Entities) != len(x.EntityDFs) || x.Docs < 0 || len(x.Window) > s.cfg.Window {
			return bad("topic %d", i)
		}
		y := &topic{terms: map[int32]float32{}, sumx: map[int32]float32{}, ents: map[int32]float32{}, wdf: map[int32]int32{}, docs: x.Docs, first: x.First, last: x.Last}
		for j, t := range x.Terms {
			if !term(t) {
				return bad("topic %d: term %d", i, t)
			}
			y.terms[t], y.sumx[t] = x.Weights[j], x.SumX[j]
		}
		for j, e := range x.Entities {
			if !term(e) {
				return bad("topic %d: entity %d", i, e)
			}
			y.ents[e] = x.EntityDFs[j]
		}
		for _, m := range x.Window {
			if m < 0 || int(m) >= nd || s.docs[m].topic != int32(i) || slices.Contains(y.window, m) {
				return bad("topic %d: window member %d", i, m)
			}
			y.window = append(y.window, m)
			for _, t := range s.docs[m].terms {
				y.wdf[t]++
			}
		}
		s.topics = append(s.topics, y)
	}
	for t, p := range st.Postings {
		for _, d := range p {
			if d < 0 || int(d) >= nd {
				return bad("posting list %d: document %d", t, d)
			}
		}
		s.post[t] = slices.Clone(p)
	}
	return s, nil
}
