package inmem

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/dateline-news/dateline"
)

// Store is a dateline.Store and dateline.IndexStore in memory: the
// reference implementation of the index's semantics (it computes every
// answer by scanning the documents' dateline.Index) and a stand-in for
// tests. Its document search is a plain case-insensitive match of every
// word, unranked, so it does not run storetest.Run; it runs
// storetest.RunIndex. Nothing survives the process. It is safe for
// concurrent use.
type Store struct {
	mu   sync.RWMutex
	docs []*stored // in the order stored
	byID map[dateline.DocID]*stored
}

type stored struct {
	doc *dateline.Document
	ix  dateline.DocIndex
	seq int
}

var (
	_ dateline.Store      = (*Store)(nil)
	_ dateline.IndexStore = (*Store)(nil)
)

// NewStore returns an empty store.
func NewStore() *Store { return &Store{byID: map[dateline.DocID]*stored{}} }

// PutDocuments stores docs; a document whose ID is stored is left
// unchanged and counted as a duplicate.
func (s *Store) PutDocuments(ctx context.Context, docs []*dateline.Document) (dateline.PutResult, error) {
	var res dateline.PutResult
	for i, d := range docs {
		if d == nil || d.ID == "" {
			return res, fmt.Errorf("inmem: document %d of %d is nil or has no ID: %w", i+1, len(docs), dateline.ErrInvalid)
		}
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range docs {
		if s.byID[d.ID] != nil {
			res.Duplicates++
			continue
		}
		c := *d // the caller keeps its document; the layers are not modified
		st := &stored{doc: &c, ix: dateline.Index(&c), seq: len(s.docs)}
		s.docs = append(s.docs, st)
		s.byID[d.ID] = st
		res.Stored++
	}
	return res, nil
}

// Document returns a stored document, or ErrNotFound.
func (s *Store) Document(ctx context.Context, id dateline.DocID) (*dateline.Document, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	st := s.byID[id]
	if st == nil {
		return nil, fmt.Errorf("inmem: document %q: %w", id, dateline.ErrNotFound)
	}
	c := *st.doc
	return &c, nil
}

// newest returns the documents newest first: by publication date, undated
// last, then latest stored first.
func (s *Store) newest() []*stored {
	out := slices.Clone(s.docs)
	slices.SortStableFunc(out, func(a, b *stored) int {
		za, zb := a.doc.Published.IsZero(), b.doc.Published.IsZero()
		switch {
		case za != zb:
			if za {
				return 1
			}
			return -1
		case !za && !a.doc.Published.Equal(b.doc.Published):
			return b.doc.Published.Compare(a.doc.Published)
		}
		return cmp.Compare(b.seq, a.seq)
	})
	return out
}

func pageOf[T any](list []T, limit, offset int) ([]T, error) {
	if limit < 0 || offset < 0 {
		return nil, fmt.Errorf("inmem: limit %d, offset %d: %w", limit, offset, dateline.ErrInvalid)
	}
	if limit == 0 {
		limit = dateline.DefaultIndexLimit
	}
	limit = min(limit, dateline.MaxIndexLimit)
	if offset >= len(list) {
		return []T{}, nil
	}
	list = list[offset:]
	return list[:min(limit, len(list))], nil
}

// Documents lists documents newest first or, when q.Text is not blank,
// those whose title or text contains every word of it (case-insensitive,
// unranked).
func (s *Store) Documents(ctx context.Context, q dateline.DocQuery) ([]dateline.DocSummary, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	words := strings.Fields(strings.ToLower(q.Text))
	var out []dateline.DocSummary
	for _, st := range s.newest() {
		d := st.doc
		hay := strings.ToLower(d.Title + "\n" + d.Text)
		if !slices.ContainsFunc(words, func(w string) bool { return !strings.Contains(hay, w) }) {
			out = append(out, dateline.DocSummary{ID: d.ID, Title: d.Title, URL: d.Source.URL, Outlet: d.Source.Outlet, Published: d.Published})
		}
	}
	return pageOf(out, q.Limit, q.Offset)
}

// CountDocuments returns the number of stored documents.
func (s *Store) CountDocuments(ctx context.Context) (int, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.docs), nil
}

// Close does nothing.
func (s *Store) Close() error { return nil }

// matchesName reports whether one of names has a word-initial key that
// starts with the key of q.
func matchesName(q string, names []string) bool {
	k := dateline.NameKey(q)
	if k == "" {
		return false
	}
	for _, n := range names {
		for _, nk := range dateline.NameKeys(n) {
			if strings.HasPrefix(nk, k) {
				return true
			}
		}
	}
	return false
}

// records aggregates the actors over the documents, oldest stored first,
// as the stores do: the latest report names an actor.
func (s *Store) records() map[dateline.ActorID]*dateline.ActorRecord {
	out := map[dateline.ActorID]*dateline.ActorRecord{}
	aliasDocs := map[dateline.ActorID]map[string]int{}
	aliasForm := map[dateline.ActorID]map[string]string{}
	roles := map[dateline.ActorID]map[[2]string]*dateline.RoleSeen{}
	for _, st := range s.docs {
		pub := st.doc.Published
		for _, a := range st.ix.Actors {
			r := out[a.ID]
			if r == nil {
				r = &dateline.ActorRecord{ActorSummary: dateline.ActorSummary{ID: a.ID}}
				out[a.ID], aliasDocs[a.ID], aliasForm[a.ID], roles[a.ID] = r, map[string]int{}, map[string]string{}, map[[2]string]*dateline.RoleSeen{}
			}
			if r.Documents == 0 || !pub.IsZero() && !pub.Before(r.LastSeen) || pub.IsZero() && r.LastSeen.IsZero() {
				r.Name, r.Type, r.Code = a.Name, a.Type, a.Code
				if !pub.IsZero() {
					r.LastSeen = pub
				}
			}
			r.Documents++
			r.Quotes += a.Quotes
			r.Events += a.Events
			for _, al := range a.Aliases {
				k := dateline.NameKey(al)
				if _, ok := aliasForm[a.ID][k]; !ok {
					aliasForm[a.ID][k] = al
				}
				aliasDocs[a.ID][k]++
			}
			if a.Role != "" || a.Code != "" {
				rk := [2]string{a.Role, a.Code}
				ro := roles[a.ID][rk]
				if ro == nil {
					ro = &dateline.RoleSeen{Title: a.Role, Code: a.Code}
					roles[a.ID][rk] = ro
				}
				ro.Documents++
				if !pub.IsZero() {
					if ro.First.IsZero() || pub.Before(ro.First) {
						ro.First = pub
					}
					if pub.After(ro.Last) {
						ro.Last = pub
					}
				}
			}
		}
	}
	for id, r := range out {
		r.Aliases = []string{}
		for _, form := range aliasForm[id] {
			r.Aliases = append(r.Aliases, form)
		}
		slices.SortFunc(r.Aliases, func(a, b string) int {
			return cmp.Or(cmp.Compare(aliasDocs[id][dateline.NameKey(b)], aliasDocs[id][dateline.NameKey(a)]), strings.Compare(a, b))
		})
		r.Roles = []dateline.RoleSeen{}
		for _, ro := range roles[id] {
			r.Roles = append(r.Roles, *ro)
		}
		slices.SortFunc(r.Roles, func(a, b dateline.RoleSeen) int {
			if za, zb := a.Last.IsZero(), b.Last.IsZero(); za != zb {
				if za {
					return 1
				}
				return -1
			}
			return cmp.Or(b.Last.Compare(a.Last), cmp.Compare(b.Documents, a.Documents), strings.Compare(a.Title, b.Title), strings.Compare(a.Code, b.Code))
		})
	}
	return out
}

// Actors lists the actors, those in most documents first, ties by name.
func (s *Store) Actors(ctx context.Context, q dateline.ActorQuery) ([]dateline.ActorSummary, error) {
	if q.Limit < 0 || q.Offset < 0 {
		return pageOf[dateline.ActorSummary](nil, q.Limit, q.Offset)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []dateline.ActorSummary
	for _, r := range s.records() {
		if strings.TrimSpace(q.Name) != "" && !matchesName(q.Name, append([]string{r.Name}, r.Aliases...)) {
			continue
		}
		if q.Type == "" || q.Type == r.Type {
			out = append(out, r.ActorSummary)
		}
	}
	slices.SortFunc(out, func(a, b dateline.ActorSummary) int {
		return cmp.Or(cmp.Compare(b.Documents, a.Documents), strings.Compare(a.Name, b.Name), strings.Compare(string(a.ID), string(b.ID)))
	})
	return pageOf(out, q.Limit, q.Offset)
}

// Actor returns one actor, or ErrNotFound.
func (s *Store) Actor(ctx context.Context, id dateline.ActorID) (*dateline.ActorRecord, error) {
	s.mu.RLock()
	r := s.records()[id]
	var docs []dateline.DocSummary
	if r != nil {
		for _, st := range s.newest() {
			if slices.ContainsFunc(st.ix.Actors, func(a dateline.IndexedActor) bool { return a.ID == id }) && len(docs) < dateline.ActorRecentLimit {
				d := st.doc
				docs = append(docs, dateline.DocSummary{ID: d.ID, Title: d.Title, URL: d.Source.URL, Outlet: d.Source.Outlet, Published: d.Published})
			}
		}
	}
	s.mu.RUnlock()
	if r == nil {
		return nil, fmt.Errorf("inmem: actor %q: %w", id, dateline.ErrNotFound)
	}
	r.RecentDocuments = docs
	var err error
	if r.RecentEvents, err = s.Events(ctx, dateline.EventQuery{Actor: id, Limit: dateline.ActorRecentLimit}); err != nil {
		return nil, err
	}
	if r.RecentQuotes, err = s.Quotes(ctx, dateline.QuoteQuery{Speaker: id, Limit: dateline.ActorRecentLimit}); err != nil {
		return nil, err
	}
	return r, nil
}

// inDates reports whether a report date lies in [since, until); an undated
// report lies in no bounded range.
func inDates(t, since, until time.Time) bool {
	if since.IsZero() && until.IsZero() {
		return true
	}
	return !t.IsZero() && (since.IsZero() || !t.Before(since)) && (until.IsZero() || t.Before(until))
}

// Quotes lists attributions, newest first.
func (s *Store) Quotes(ctx context.Context, q dateline.QuoteQuery) ([]dateline.QuoteHit, error) {
	if q.Limit < 0 || q.Offset < 0 {
		return pageOf[dateline.QuoteHit](nil, q.Limit, q.Offset)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	var named map[dateline.ActorID]bool
	if strings.TrimSpace(q.SpeakerName) != "" {
		named = map[dateline.ActorID]bool{}
		for id, r := range s.records() {
			if matchesName(q.SpeakerName, append([]string{r.Name}, r.Aliases...)) {
				named[id] = true
			}
		}
	}
	var out []dateline.QuoteHit
	for _, st := range s.newest() {
		if q.Doc != "" && st.doc.ID != q.Doc || !inDates(st.doc.Published, q.Since, q.Until) {
			continue
		}
		for _, h := range st.ix.Quotes {
			if (q.Speaker == "" || h.Speaks(q.Speaker)) && (named == nil || h.SpeaksAny(named)) {
				out = append(out, h)
			}
		}
	}
	return pageOf(out, q.Limit, q.Offset)
}

// Events lists coded events, newest first.
func (s *Store) Events(ctx context.Context, q dateline.EventQuery) ([]dateline.EventHit, error) {
	if q.Limit < 0 || q.Offset < 0 {
		return pageOf[dateline.EventHit](nil, q.Limit, q.Offset)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []dateline.EventHit
	for _, st := range s.newest() {
		if q.Doc != "" && st.doc.ID != q.Doc || !inDates(st.doc.Published, q.Since, q.Until) {
			continue
		}
		for _, h := range st.ix.Events {
			if (q.Actor == "" || slices.Contains(h.Parties(), q.Actor)) && strings.HasPrefix(h.Code, q.Code) &&
				(q.Status == "" || h.Status == q.Status) {
				out = append(out, h)
			}
		}
	}
	return pageOf(out, q.Limit, q.Offset)
}
