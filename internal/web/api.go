package web

import (
	"net/http"

	"github.com/dateline-news/dateline"
)

// DocumentResponse is the body of GET /api/documents/{id}: the versioned
// envelope around a document with all its layers.
type DocumentResponse struct {
	Schema   string             `json:"schema"` // dateline.Schema
	Document *dateline.Document `json:"document"`
}

// ListResponse is the body of GET /api/documents.
type ListResponse struct {
	Schema     string                `json:"schema"`
	Query      string                `json:"query,omitempty"`
	Limit      int                   `json:"limit"`
	Offset     int                   `json:"offset"`
	Total      *int                  `json:"total,omitempty"`       // when listing (no query)
	NextOffset *int                  `json:"next_offset,omitempty"` // when there are more
	Documents  []dateline.DocSummary `json:"documents"`
}

// HealthResponse is the body of GET /api/health.
type HealthResponse struct {
	Status    string `json:"status"` // "ok"
	Version   string `json:"version"`
	Schema    string `json:"schema"`
	Documents int    `json:"documents"`
}

// apiError answers with the JSON error for err.
func (s *server) apiError(w http.ResponseWriter, r *http.Request, err error) {
	status, kind, msg := classify(err)
	s.logFailure(r, status, err)
	writeJSONError(w, status, kind, msg)
}

func (s *server) apiHealth(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := s.storeContext(r)
	defer cancel()
	n, err := s.store.CountDocuments(ctx)
	if err != nil {
		s.log.Error("web: health check failed", "err", err)
		writeJSONError(w, http.StatusServiceUnavailable, "unavailable", "the store does not answer")
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, HealthResponse{Status: "ok", Version: s.opts.Version, Schema: dateline.Schema, Documents: n})
}

// apiListParams validates ?q=&limit=&offset=.
func (s *server) apiListParams(r *http.Request) (listParams, error) {
	v := r.URL.Query()
	q, err := parseQuery(v.Get("q"))
	if err != nil {
		return listParams{}, err
	}
	limit, err := parseInt(v.Get("limit"), "limit", s.opts.PageSize, 1, MaxPageSize)
	if err != nil {
		return listParams{}, err
	}
	offset, err := parseInt(v.Get("offset"), "offset", 0, 0, MaxOffset)
	if err != nil {
		return listParams{}, err
	}
	return listParams{Query: q, Limit: limit, Offset: offset}, nil
}

func (s *server) apiDocuments(w http.ResponseWriter, r *http.Request) {
	p, err := s.apiListParams(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	docs, more, err := s.fetchPage(r, p)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	resp := ListResponse{Schema: dateline.Schema, Query: p.Query, Limit: p.Limit, Offset: p.Offset, Documents: docs}
	if more {
		next := p.Offset + p.Limit
		resp.NextOffset = &next
	}
	if p.Query == "" {
		ctx, cancel := s.storeContext(r)
		n, err := s.store.CountDocuments(ctx)
		cancel()
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		resp.Total = &n
	}
	w.Header().Set("Cache-Control", "no-cache")
	writeJSON(w, http.StatusOK, resp)
}

func (s *server) apiDocument(w http.ResponseWriter, r *http.Request) {
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
	w.Header().Set("Cache-Control", "no-cache")
	writeJSON(w, http.StatusOK, DocumentResponse{Schema: dateline.Schema, Document: doc})
}
