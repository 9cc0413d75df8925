package web

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/dateline-news/dateline"
)

// fakeIndex is a dateline.IndexStore over a fakeStore's documents: a
// plain scan with dateline.Index, the semantics the stores implement.
type fakeIndex struct{ *fakeStore }

var _ dateline.IndexStore = fakeIndex{}

func (s fakeIndex) index() []dateline.DocIndex {
	out := make([]dateline.DocIndex, len(s.docs)) // newest first, as s.docs
	for i, d := range s.docs {
		out[i] = dateline.Index(d)
	}
	return out
}

func pageOf[T any](list []T, limit, offset int) ([]T, error) {
	if limit < 0 || offset < 0 {
		return nil, fmt.Errorf("limit %d offset %d: %w", limit, offset, dateline.ErrInvalid)
	}
	limit = cmp.Or(limit, dateline.DefaultIndexLimit)
	if offset >= len(list) {
		return []T{}, nil
	}
	list = list[offset:]
	return list[:min(limit, len(list))], nil
}

// matches reports whether a name has a word-initial key starting with q's.
func matches(q string, names ...string) bool {
	k := dateline.NameKey(q)
	for _, n := range names {
		for _, nk := range dateline.NameKeys(n) {
			if k != "" && strings.HasPrefix(nk, k) {
				return true
			}
		}
	}
	return false
}

func (s fakeIndex) records() []*dateline.ActorRecord {
	by := map[dateline.ActorID]*dateline.ActorRecord{}
	var order []*dateline.ActorRecord
	for i, ix := range s.index() {
		d := s.docs[i]
		for _, a := range ix.Actors {
			r := by[a.ID]
			if r == nil {
				r = &dateline.ActorRecord{ActorSummary: dateline.ActorSummary{ID: a.ID, Name: a.Name, Type: a.Type, Code: a.Code, LastSeen: d.Published}}
				by[a.ID] = r
				order = append(order, r)
			}
			r.Documents++
			r.Quotes += a.Quotes
			r.Events += a.Events
			for _, al := range a.Aliases {
				if !slices.Contains(r.Aliases, al) {
					r.Aliases = append(r.Aliases, al)
				}
			}
			if a.Role != "" || a.Code != "" {
				r.Roles = append(r.Roles, dateline.RoleSeen{Title: a.Role, Code: a.Code, First: d.Published, Last: d.Published, Documents: 1})
			}
			r.RecentDocuments = append(r.RecentDocuments, dateline.DocSummary{ID: d.ID, Title: d.Title, Published: d.Published})
		}
	}
	slices.SortStableFunc(order, func(a, b *dateline.ActorRecord) int {
		return cmp.Or(cmp.Compare(b.Documents, a.Documents), strings.Compare(a.Name, b.Name))
	})
	return order
}

func (s fakeIndex) Actors(ctx context.Context, q dateline.ActorQuery) ([]dateline.ActorSummary, error) {
	if s.err != nil {
		return nil, s.err
	}
	var out []dateline.ActorSummary
	for _, r := range s.records() {
		if (q.Name == "" || matches(q.Name, append([]string{r.Name}, r.Aliases...)...)) && (q.Type == "" || q.Type == r.Type) {
			out = append(out, r.ActorSummary)
		}
	}
	return pageOf(out, q.Limit, q.Offset)
}

func (s fakeIndex) Actor(ctx context.Context, id dateline.ActorID) (*dateline.ActorRecord, error) {
	if s.err != nil {
		return nil, s.err
	}
	for _, r := range s.records() {
		if r.ID == id {
			r.RecentEvents, _ = s.Events(ctx, dateline.EventQuery{Actor: id})
			r.RecentQuotes, _ = s.Quotes(ctx, dateline.QuoteQuery{Speaker: id})
			return r, nil
		}
	}
	return nil, fmt.Errorf("actor %s: %w", id, dateline.ErrNotFound)
}

func (s fakeIndex) Quotes(ctx context.Context, q dateline.QuoteQuery) ([]dateline.QuoteHit, error) {
	if s.err != nil {
		return nil, s.err
	}
	names := map[dateline.ActorID]bool{}
	if q.SpeakerName != "" {
		for _, r := range s.records() {
			if matches(q.SpeakerName, append([]string{r.Name}, r.Aliases...)...) {
				names[r.ID] = true
			}
		}
	}
	var out []dateline.QuoteHit
	for _, ix := range s.index() {
		for _, h := range ix.Quotes {
			if (q.Speaker == "" || h.Speaks(q.Speaker)) && (q.SpeakerName == "" || h.SpeaksAny(names)) && (q.Doc == "" || h.Doc == q.Doc) {
				out = append(out, h)
			}
		}
	}
	return pageOf(out, q.Limit, q.Offset)
}

func (s fakeIndex) Events(ctx context.Context, q dateline.EventQuery) ([]dateline.EventHit, error) {
	if s.err != nil {
		return nil, s.err
	}
	var out []dateline.EventHit
	for _, ix := range s.index() {
		for _, h := range ix.Events {
			if (q.Actor == "" || slices.Contains(h.Parties(), q.Actor)) && strings.HasPrefix(h.Code, q.Code) &&
				(q.Status == "" || h.Status == q.Status) && (q.Doc == "" || h.Doc == q.Doc) {
				out = append(out, h)
			}
		}
	}
	return pageOf(out, q.Limit, q.Offset)
}
