package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dateline-news/dateline"
)

// The index of actors, quotes and events (dateline.IndexStore; schema in
// migrations/0003_index.sql).

var _ dateline.IndexStore = (*Store)(nil)

// undated is the ord of a report without a publication date.
const undated = math.MinInt64

// newDoc is a document stored by this transaction, with its index.
type newDoc struct {
	seq, ord  int64
	published string
	ix        *dateline.DocIndex
}

// parties is the stored JSON of an event's sources and targets.
type parties struct {
	Source []dateline.EventParty `json:"source,omitempty"`
	Target []dateline.EventParty `json:"target,omitempty"`
}

func spans(ss ...dateline.Span) []int32 {
	out := make([]int32, 0, 2*len(ss))
	for _, s := range ss {
		out = append(out, s.Start, s.End)
	}
	return out
}

// writeIndex writes the index rows of the documents a transaction stored:
// the per-document rows by COPY, then the per-actor aggregates, summed
// over the batch and upserted in actor order.
func writeIndex(ctx context.Context, tx pgx.Tx, docs []newDoc) error {
	if len(docs) == 0 {
		return nil
	}
	var post, quotes, events, evActors [][]any
	type delta struct {
		name, typ, code, last string
		lastMS                int64
		docs, quotes, events  int
		aliases               map[string]string // key -> first surface form
		aliasDocs             map[string]int
		roles                 map[[2]string]*[5]any // first, first_ms, last, last_ms, docs
	}
	deltas := map[dateline.ActorID]*delta{}
	for _, d := range docs {
		for _, a := range d.ix.Actors {
			post = append(post, []any{clean(string(a.ID)), d.ord, d.seq, a.Mentions, a.Quotes, a.Events})
			x := deltas[a.ID]
			if x == nil {
				x = &delta{lastMS: undated, aliases: map[string]string{}, aliasDocs: map[string]int{}, roles: map[[2]string]*[5]any{}}
				deltas[a.ID] = x
			}
			if x.docs == 0 || d.ord >= x.lastMS {
				x.name, x.typ, x.code = clean(a.Name), clean(a.Type), clean(a.Code)
				if d.ord != undated {
					x.last, x.lastMS = d.published, d.ord
				}
			}
			x.docs++
			x.quotes += a.Quotes
			x.events += a.Events
			for _, al := range a.Aliases {
				k := clean(dateline.NameKey(al))
				if _, ok := x.aliases[k]; !ok {
					x.aliases[k] = clean(al)
				}
				x.aliasDocs[k]++
			}
			if a.Role != "" || a.Code != "" {
				rk := [2]string{clean(a.Role), clean(a.Code)}
				r := x.roles[rk]
				if r == nil {
					r = &[5]any{"", nil, "", nil, 0}
					x.roles[rk] = r
				}
				r[4] = r[4].(int) + 1
				if d.ord != undated {
					if r[1] == nil || d.ord < r[1].(int64) {
						r[0], r[1] = d.published, d.ord
					}
					if r[3] == nil || d.ord > r[3].(int64) {
						r[2], r[3] = d.published, d.ord
					}
				}
			}
		}
		for _, q := range d.ix.Quotes {
			coIDs, coNames := make([]string, len(q.CoSpeakers)), make([]string, len(q.CoSpeakers))
			for i, c := range q.CoSpeakers {
				coIDs[i], coNames[i] = clean(string(c.ID)), clean(c.Name)
			}
			quotes = append(quotes, []any{d.ord, d.seq, q.Index, clean(string(q.Speaker)), clean(q.Name), clean(q.Kind),
				spans(q.Span, q.CueSpan, q.SourceSpan), clean(q.Text), clean(q.Cue), clean(q.Source), coIDs, coNames})
		}
		for _, e := range d.ix.Events {
			ps, err := json.Marshal(parties{cleanParties(e.Source), cleanParties(e.Target)})
			if err != nil {
				return err
			}
			events = append(events, []any{d.ord, d.seq, e.Index, clean(e.Code), clean(e.Plover), clean(e.Status), clean(e.Date),
				clean(e.Place), ps, clean(e.Sentence), spans(e.Evidence, e.Trigger)})
			for _, id := range e.Parties() {
				evActors = append(evActors, []any{clean(string(id)), d.ord, d.seq, e.Index})
			}
		}
	}
	for _, c := range []struct {
		table string
		cols  []string
		rows  [][]any
	}{
		{"doc_actors", []string{"actor", "ord", "doc", "mentions", "quotes", "events"}, post},
		{"quotes", []string{"ord", "doc", "idx", "speaker", "name", "kind", "spans", "text", "cue", "source", "co_speakers", "co_names"}, quotes},
		{"events", []string{"ord", "doc", "idx", "code", "plover", "status", "date", "place", "parties", "sentence", "spans"}, events},
		{"event_actors", []string{"actor", "ord", "doc", "idx"}, dedupe(evActors)},
	} {
		if len(c.rows) == 0 {
			continue
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{c.table}, c.cols, pgx.CopyFromRows(c.rows)); err != nil {
			return fmt.Errorf("index %s: %w", c.table, err)
		}
	}
	ids := make([]dateline.ActorID, 0, len(deltas))
	for id := range deltas {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	b := &pgx.Batch{}
	for _, id := range ids {
		x := deltas[id]
		var lastMS any
		if x.lastMS != undated {
			lastMS = x.lastMS
		}
		b.Queue(upsertActor, clean(string(id)), x.name, x.typ, x.code, x.docs, x.quotes, x.events, x.last, lastMS)
		keys := dateline.NameKeys(x.name)
		aks := make([]string, 0, len(x.aliases))
		for k := range x.aliases {
			aks = append(aks, k)
		}
		slices.Sort(aks)
		for _, k := range aks {
			b.Queue(upsertAlias, clean(string(id)), k, x.aliases[k], x.aliasDocs[k])
			keys = append(keys, dateline.NameKeys(x.aliases[k])...)
		}
		slices.Sort(keys)
		for _, k := range slices.Compact(keys) {
			b.Queue(`INSERT INTO actor_keys (key, actor) VALUES ($1, $2) ON CONFLICT DO NOTHING`, clean(k), clean(string(id)))
		}
		rks := make([][2]string, 0, len(x.roles))
		for rk := range x.roles {
			rks = append(rks, rk)
		}
		slices.SortFunc(rks, func(a, b [2]string) int { return strings.Compare(a[0]+"\x00"+a[1], b[0]+"\x00"+b[1]) })
		for _, rk := range rks {
			r := x.roles[rk]
			b.Queue(upsertRole, clean(string(id)), rk[0], rk[1], r[0], r[1], r[2], r[3], r[4])
		}
	}
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("index actors: %w", err)
	}
	return nil
}

func cleanParties(ps []dateline.EventParty) []dateline.EventParty {
	out := slices.Clone(ps)
	for i := range out {
		p := &out[i]
		p.ID, p.Name, p.Text, p.Code = dateline.ActorID(clean(string(p.ID))), clean(p.Name), clean(p.Text), clean(p.Code)
	}
	return out
}

// dedupe drops repeated event_actors rows (two party IDs that clean to one).
func dedupe(rows [][]any) [][]any {
	seen := map[string]bool{}
	out := rows[:0]
	for _, r := range rows {
		k := fmt.Sprint(r...)
		if !seen[k] {
			seen[k] = true
			out = append(out, r)
		}
	}
	return out
}

// The latest report (by publication date; undated ones count as oldest;
// on a tie, the later batch) gives an actor's name, type and code.
const (
	upsertActor = `INSERT INTO actors AS a (id, name, type, code, docs, quotes, events, last, last_ms)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
		ON CONFLICT (id) DO UPDATE SET
			name = CASE WHEN coalesce(excluded.last_ms, -9223372036854775808) >= coalesce(a.last_ms, -9223372036854775808) THEN excluded.name ELSE a.name END,
			type = CASE WHEN coalesce(excluded.last_ms, -9223372036854775808) >= coalesce(a.last_ms, -9223372036854775808) THEN excluded.type ELSE a.type END,
			code = CASE WHEN coalesce(excluded.last_ms, -9223372036854775808) >= coalesce(a.last_ms, -9223372036854775808) THEN excluded.code ELSE a.code END,
			last = CASE WHEN excluded.last_ms IS NOT NULL AND excluded.last_ms >= coalesce(a.last_ms, -9223372036854775808) THEN excluded.last ELSE a.last END,
			last_ms = greatest(excluded.last_ms, a.last_ms),
			docs = a.docs + excluded.docs, quotes = a.quotes + excluded.quotes, events = a.events + excluded.events`
	upsertAlias = `INSERT INTO actor_aliases AS x (actor, key, alias, docs) VALUES ($1, $2, $3, $4)
		ON CONFLICT (actor, key) DO UPDATE SET docs = x.docs + excluded.docs`
	upsertRole = `INSERT INTO actor_roles AS r (actor, title, code, first, first_ms, last, last_ms, docs)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		ON CONFLICT (actor, title, code) DO UPDATE SET
			first = CASE WHEN excluded.first_ms < coalesce(r.first_ms, 9223372036854775807) THEN excluded.first ELSE r.first END,
			first_ms = least(excluded.first_ms, r.first_ms),
			last = CASE WHEN excluded.last_ms > coalesce(r.last_ms, -9223372036854775808) THEN excluded.last ELSE r.last END,
			last_ms = greatest(excluded.last_ms, r.last_ms),
			docs = r.docs + excluded.docs`
)

// backfillBatch is how many stored documents the backfill decodes and
// indexes per transaction: it bounds its memory.
const backfillBatch = 256

// backfill indexes the documents stored before migration 0003, a batch per
// transaction, resuming where an earlier run stopped. A stored document
// that does not decode is skipped. A store with nothing to backfill only
// reads (a read-only replica opens).
func (s *Store) backfill(ctx context.Context) error {
	for {
		var pending bool
		if err := s.pool.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM index_backfill)").Scan(&pending); err != nil || !pending {
			return err
		}
		var finished bool
		err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
			var until, done int64
			err := tx.QueryRow(ctx, "SELECT until, done FROM index_backfill WHERE one = 1 FOR UPDATE").Scan(&until, &done)
			if errors.Is(err, pgx.ErrNoRows) {
				finished = true
				return nil
			}
			if err != nil {
				return err
			}
			if done >= until {
				finished = true
				_, err := tx.Exec(ctx, "DELETE FROM index_backfill")
				return err
			}
			rows, err := tx.Query(ctx, `SELECT seq, published, published_ms, text, layers FROM documents
				WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3`, done, until, backfillBatch)
			if err != nil {
				return err
			}
			var batch []newDoc
			last := until
			n := 0
			for rows.Next() {
				var d newDoc
				var ms *int64
				var text, layers []byte
				if err := rows.Scan(&d.seq, &d.published, &ms, &text, &layers); err != nil {
					rows.Close()
					return err
				}
				n++
				last = d.seq
				d.ord = undated
				if ms != nil {
					d.ord = *ms
				}
				doc := new(dateline.Document)
				if json.Unmarshal(layers, doc) != nil {
					continue
				}
				doc.Text = string(text)
				ix := dateline.Index(doc)
				d.ix = &ix
				batch = append(batch, d)
			}
			if err := rows.Err(); err != nil {
				return err
			}
			if n < backfillBatch {
				last = until
			}
			if err := writeIndex(ctx, tx, batch); err != nil {
				return err
			}
			_, err = tx.Exec(ctx, "UPDATE index_backfill SET done = $1", last)
			return err
		})
		if err != nil {
			return fmt.Errorf("index the stored documents: %w", ctxErr(ctx, err))
		}
		if finished {
			return nil
		}
	}
}

// indexPage validates a limit and an offset of an index query.
func indexPage(limit, offset int) (int, error) {
	if limit < 0 || offset < 0 {
		return 0, fmt.Errorf("postgres: limit %d, offset %d: %w", limit, offset, dateline.ErrInvalid)
	}
	if limit == 0 {
		limit = dateline.DefaultIndexLimit
	}
	return min(limit, dateline.MaxIndexLimit), nil
}

// keyRange returns the bounds [lo, hi) of the keys that start with the
// key of a name; ok is false when the name has no key.
func keyRange(name string) (lo, hi string, ok bool) {
	k := clean(dateline.NameKey(name))
	if k == "" {
		return "", "", false
	}
	return k, k + "\U0010FFFF", true
}

// whereClause builds a WHERE clause with numbered parameters.
type whereClause struct {
	where []string
	args  []any
}

func (q *whereClause) add(cond string, args ...any) {
	for _, a := range args {
		q.args = append(q.args, a)
		cond = strings.Replace(cond, "?", fmt.Sprintf("$%d", len(q.args)), 1)
	}
	q.where = append(q.where, cond)
}

func (q *whereClause) sql() string {
	if len(q.where) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(q.where, " AND ")
}

func (q *whereClause) dates(col string, since, until time.Time) {
	if !since.IsZero() {
		q.add(col+" >= ?", since.UnixMilli())
	}
	if !until.IsZero() {
		q.add(col+" < ? AND "+col+" <> -9223372036854775808", until.UnixMilli())
	}
}

func (q *whereClause) page(limit, offset int) string {
	q.args = append(q.args, limit, offset)
	return fmt.Sprintf(" LIMIT $%d OFFSET $%d", len(q.args)-1, len(q.args))
}

const actorColumns = `a.id, a.name, a.type, a.code, a.docs, a.quotes, a.events, a.last`

func scanActor(sc pgx.Row) (dateline.ActorSummary, error) {
	var a dateline.ActorSummary
	var id, last string
	err := sc.Scan(&id, &a.Name, &a.Type, &a.Code, &a.Documents, &a.Quotes, &a.Events, &last)
	a.ID, a.LastSeen = dateline.ActorID(id), parseTime(last)
	return a, err
}

// Actors lists the actors, those in most documents first.
func (s *Store) Actors(ctx context.Context, aq dateline.ActorQuery) ([]dateline.ActorSummary, error) {
	limit, err := indexPage(aq.Limit, aq.Offset)
	if err != nil {
		return nil, err
	}
	var q whereClause
	if strings.TrimSpace(aq.Name) != "" {
		lo, hi, ok := keyRange(aq.Name)
		if !ok {
			return []dateline.ActorSummary{}, nil
		}
		q.add("a.id IN (SELECT actor FROM actor_keys WHERE key >= ? AND key < ?)", lo, hi)
	}
	if aq.Type != "" {
		q.add("a.type = ?", clean(aq.Type))
	}
	sql := "SELECT " + actorColumns + " FROM actors a" + q.sql() + " ORDER BY a.docs DESC, a.name, a.id" + q.page(limit, aq.Offset)
	rows, err := s.pool.Query(ctx, sql, q.args...)
	if err != nil {
		return nil, fmt.Errorf("postgres: actors: %w", ctxErr(ctx, err))
	}
	defer rows.Close()
	out := []dateline.ActorSummary{}
	for rows.Next() {
		a, err := scanActor(rows)
		if err != nil {
			return nil, fmt.Errorf("postgres: actors: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: actors: %w", ctxErr(ctx, err))
	}
	return out, nil
}

// Actor returns one actor with its aliases, roles and recent documents,
// events and quotes, or an error wrapping dateline.ErrNotFound.
func (s *Store) Actor(ctx context.Context, id dateline.ActorID) (*dateline.ActorRecord, error) {
	fail := func(err error) (*dateline.ActorRecord, error) {
		return nil, fmt.Errorf("postgres: actor %q: %w", id, ctxErr(ctx, err))
	}
	a, err := scanActor(s.pool.QueryRow(ctx, "SELECT "+actorColumns+" FROM actors a WHERE a.id = $1", clean(string(id))))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("postgres: actor %q: %w", id, dateline.ErrNotFound)
	}
	if err != nil {
		return fail(err)
	}
	rec := &dateline.ActorRecord{ActorSummary: a, Aliases: []string{}, Roles: []dateline.RoleSeen{}, RecentDocuments: []dateline.DocSummary{}}
	rows, err := s.pool.Query(ctx, "SELECT alias FROM actor_aliases WHERE actor = $1 ORDER BY docs DESC, alias", string(a.ID))
	if err != nil {
		return fail(err)
	}
	if rec.Aliases, err = pgx.CollectRows(rows, pgx.RowTo[string]); err != nil {
		return fail(err)
	}
	rows, err = s.pool.Query(ctx, `SELECT title, code, first, last, docs FROM actor_roles WHERE actor = $1
		ORDER BY last_ms DESC NULLS LAST, docs DESC, title, code`, string(a.ID))
	if err != nil {
		return fail(err)
	}
	for rows.Next() {
		var r dateline.RoleSeen
		var first, last string
		if err := rows.Scan(&r.Title, &r.Code, &first, &last, &r.Documents); err != nil {
			rows.Close()
			return fail(err)
		}
		r.First, r.Last = parseTime(first), parseTime(last)
		rec.Roles = append(rec.Roles, r)
	}
	if err := rows.Err(); err != nil {
		return fail(err)
	}
	rows, err = s.pool.Query(ctx, `SELECT d.id, d.title, d.url, d.outlet, d.published, d.ingested
		FROM doc_actors x JOIN documents d ON d.seq = x.doc
		WHERE x.actor = $1 ORDER BY x.ord DESC, x.doc DESC LIMIT $2`, string(a.ID), dateline.ActorRecentLimit)
	if err != nil {
		return fail(err)
	}
	for rows.Next() {
		var d dateline.DocSummary
		var did, published string
		if err := rows.Scan(&did, &d.Title, &d.URL, &d.Outlet, &published, &d.Ingested); err != nil {
			rows.Close()
			return fail(err)
		}
		d.ID, d.Published = dateline.DocID(did), parseTime(published)
		rec.RecentDocuments = append(rec.RecentDocuments, d)
	}
	if err := rows.Err(); err != nil {
		return fail(err)
	}
	if rec.RecentEvents, err = s.Events(ctx, dateline.EventQuery{Actor: a.ID, Limit: dateline.ActorRecentLimit}); err != nil {
		return nil, err
	}
	if rec.RecentQuotes, err = s.Quotes(ctx, dateline.QuoteQuery{Speaker: a.ID, Limit: dateline.ActorRecentLimit}); err != nil {
		return nil, err
	}
	return rec, nil
}

func span(v []int32, i int) dateline.Span {
	if 2*i+1 >= len(v) {
		return dateline.Span{}
	}
	return dateline.Span{Start: v[2*i], End: v[2*i+1]}
}

// Quotes lists attributions, newest first.
func (s *Store) Quotes(ctx context.Context, qq dateline.QuoteQuery) ([]dateline.QuoteHit, error) {
	limit, err := indexPage(qq.Limit, qq.Offset)
	if err != nil {
		return nil, err
	}
	var q whereClause
	// A joint statement is found under each of its speakers.
	if qq.Speaker != "" {
		id := clean(string(qq.Speaker))
		q.add("(q.speaker = ? AND q.speaker <> '' OR q.co_speakers @> ARRAY[?::text] AND q.co_speakers <> '{}')", id, id)
	}
	if strings.TrimSpace(qq.SpeakerName) != "" {
		lo, hi, ok := keyRange(qq.SpeakerName)
		if !ok {
			return []dateline.QuoteHit{}, nil
		}
		q.add(`(q.speaker IN (SELECT actor FROM actor_keys WHERE key >= ? AND key < ?) AND q.speaker <> ''
			OR q.co_speakers && ARRAY(SELECT actor FROM actor_keys WHERE key >= ? AND key < ?) AND q.co_speakers <> '{}')`, lo, hi, lo, hi)
	}
	if qq.Doc != "" {
		q.add("q.doc = (SELECT seq FROM documents WHERE id = ?)", clean(string(qq.Doc)))
	}
	q.dates("q.ord", qq.Since, qq.Until)
	sql := `SELECT d.id, d.title, d.published, q.idx, q.kind, q.spans, q.text, q.cue, q.source, q.speaker, q.name,
		q.co_speakers, q.co_names
		FROM quotes q JOIN documents d ON d.seq = q.doc` + q.sql() + " ORDER BY q.ord DESC, q.doc DESC, q.idx" + q.page(limit, qq.Offset)
	rows, err := s.pool.Query(ctx, sql, q.args...)
	if err != nil {
		return nil, fmt.Errorf("postgres: quotes: %w", ctxErr(ctx, err))
	}
	defer rows.Close()
	out := []dateline.QuoteHit{}
	for rows.Next() {
		var h dateline.QuoteHit
		var doc, published, speaker string
		var sp []int32
		var coIDs, coNames []string
		if err := rows.Scan(&doc, &h.Title, &published, &h.Index, &h.Kind, &sp, &h.Text, &h.Cue, &h.Source, &speaker, &h.Name, &coIDs, &coNames); err != nil {
			return nil, fmt.Errorf("postgres: quotes: %w", err)
		}
		for i, id := range coIDs {
			c := dateline.QuoteSpeaker{ID: dateline.ActorID(id)}
			if i < len(coNames) {
				c.Name = coNames[i]
			}
			h.CoSpeakers = append(h.CoSpeakers, c)
		}
		h.Doc, h.Published, h.Speaker = dateline.DocID(doc), parseTime(published), dateline.ActorID(speaker)
		h.Span, h.CueSpan, h.SourceSpan = span(sp, 0), span(sp, 1), span(sp, 2)
		out = append(out, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: quotes: %w", ctxErr(ctx, err))
	}
	return out, nil
}

// Events lists coded events, newest first.
func (s *Store) Events(ctx context.Context, eq dateline.EventQuery) ([]dateline.EventHit, error) {
	limit, err := indexPage(eq.Limit, eq.Offset)
	if err != nil {
		return nil, err
	}
	var q whereClause
	from, order := "events e", "e.ord DESC, e.doc DESC, e.idx"
	if eq.Actor != "" {
		from = "event_actors x JOIN events e ON e.ord = x.ord AND e.doc = x.doc AND e.idx = x.idx"
		order = "x.ord DESC, x.doc DESC, x.idx"
		q.add("x.actor = ?", clean(string(eq.Actor)))
	}
	if eq.Code != "" {
		c := clean(eq.Code)
		q.add("e.code >= ? AND e.code < ?", c, c+"\U0010FFFF")
	}
	if eq.Status != "" {
		q.add("e.status = ?", clean(eq.Status))
	}
	if eq.Doc != "" {
		q.add("e.doc = (SELECT seq FROM documents WHERE id = ?)", clean(string(eq.Doc)))
	}
	q.dates("e.ord", eq.Since, eq.Until)
	sql := `SELECT d.id, d.title, d.published, e.idx, e.code, e.plover, e.status, e.date, e.place, e.parties, e.sentence, e.spans
		FROM ` + from + ` JOIN documents d ON d.seq = e.doc` + q.sql() + " ORDER BY " + order + q.page(limit, eq.Offset)
	rows, err := s.pool.Query(ctx, sql, q.args...)
	if err != nil {
		return nil, fmt.Errorf("postgres: events: %w", ctxErr(ctx, err))
	}
	defer rows.Close()
	out := []dateline.EventHit{}
	for rows.Next() {
		var h dateline.EventHit
		var doc, published string
		var ps []byte
		var sp []int32
		if err := rows.Scan(&doc, &h.Title, &published, &h.Index, &h.Code, &h.Plover, &h.Status, &h.Date, &h.Place, &ps, &h.Sentence, &sp); err != nil {
			return nil, fmt.Errorf("postgres: events: %w", err)
		}
		var p parties
		if err := json.Unmarshal(ps, &p); err != nil {
			return nil, fmt.Errorf("postgres: events: corrupt parties: %v", err)
		}
		h.Doc, h.Published, h.Source, h.Target = dateline.DocID(doc), parseTime(published), p.Source, p.Target
		h.Evidence, h.Trigger = span(sp, 0), span(sp, 1)
		out = append(out, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: events: %w", ctxErr(ctx, err))
	}
	return out, nil
}
