package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/dateline-news/dateline"
)

// The index of actors, quotes and events (dateline.IndexStore; schema in
// migrations/0003_index.sql).

var _ dateline.IndexStore = (*Store)(nil)

// indexWriter writes the index rows of the documents a transaction stores:
// the per-document rows at once, the per-actor aggregates summed over the
// batch and written by flush, so that an actor seen in every report of a
// batch is updated once.
type indexWriter struct {
	tx        *sql.Tx
	docIndex  *sql.Stmt
	docActors map[int]*sql.Stmt // INSERTs of n rows, by n
	postings  []posting         // the batch's doc_actors rows, written by flush in key order
	args      []any
	actors    map[dateline.ActorID]*actorDelta
	order     []dateline.ActorID
}

// posting is a doc_actors row.
type posting struct {
	actor                    dateline.ActorID
	ord, doc                 int64
	mentions, quotes, events int
}

// maxRowsPerInsert bounds the rows of one multi-row INSERT into
// doc_actors. The batch's rows go in sorted by key, many per statement:
// an actor's new postings then land on the same B-tree pages, which
// halves their cost against one INSERT per row in document order.
const maxRowsPerInsert = 64

// actorDelta is what a batch adds to one actor.
type actorDelta struct {
	name, typ, code      string
	last                 string
	lastMS               int64 // undated: no dated report
	docs, quotes, events int
	aliases              map[string]*aliasDelta // by NameKey
	aliasOrder           []string
	roles                map[[2]string]*roleDelta // by title, code
	roleOrder            [][2]string
}

type aliasDelta struct {
	alias string
	docs  int
}

type roleDelta struct {
	first, last     string
	firstMS, lastMS int64 // math.MaxInt64 / undated when no dated report
	docs            int
}

// undated is the ord of a report without a publication date: the smallest
// int64, so that undated reports list last.
const undated = math.MinInt64

func newIndexWriter(ctx context.Context, tx *sql.Tx) (*indexWriter, error) {
	w := &indexWriter{tx: tx, docActors: map[int]*sql.Stmt{}, actors: map[dateline.ActorID]*actorDelta{}}
	var err error
	w.docIndex, err = tx.PrepareContext(ctx, `INSERT OR IGNORE INTO doc_index (ord, doc, quotes, events, codes, statuses, data)
		VALUES (?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: prepare index: %w", ctxErr(ctx, err))
	}
	return w, nil
}

// docActorsStmt returns the INSERT of n rows into doc_actors.
func (w *indexWriter) docActorsStmt(ctx context.Context, n int) (*sql.Stmt, error) {
	if st := w.docActors[n]; st != nil {
		return st, nil
	}
	q := "INSERT OR IGNORE INTO doc_actors (actor, ord, doc, mentions, quotes, events) VALUES (?, ?, ?, ?, ?, ?)" +
		strings.Repeat(", (?, ?, ?, ?, ?, ?)", n-1)
	st, err := w.tx.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	w.docActors[n] = st
	return st, nil
}

func (w *indexWriter) close() {
	if w.docIndex != nil {
		w.docIndex.Close()
	}
	for _, st := range w.docActors {
		st.Close()
	}
}

// indexRow is a document's doc_index row, encoded with the document.
type indexRow struct {
	ix              dateline.DocIndex
	codes, statuses string
	data            []byte // nil when the document has neither quotes nor events
}

// newIndexRow computes a document's index and encodes its quotes and
// events; cuts are the spans the stored body leaves out (Document.Asides).
func newIndexRow(doc *dateline.Document, cuts []dateline.Span) indexRow {
	r := indexRow{ix: dateline.Index(doc)}
	if len(r.ix.Quotes) == 0 && len(r.ix.Events) == 0 {
		return r
	}
	var codes, statuses strings.Builder
	codes.WriteByte(' ')
	statuses.WriteByte(' ')
	for i := range r.ix.Events {
		e := &r.ix.Events[i]
		codes.WriteString(e.Code)
		codes.WriteByte(' ')
		if !strings.Contains(statuses.String(), " "+e.Status+" ") {
			statuses.WriteString(e.Status)
			statuses.WriteByte(' ')
		}
	}
	r.data = encodeIndexData(cuts, &r.ix)
	r.codes, r.statuses = codes.String(), statuses.String()
	return r
}

// add writes the rows of the document stored as seq and adds its actors to
// the batch's aggregates. publishedMS is an int64 or nil.
func (w *indexWriter) add(ctx context.Context, seq int64, publishedMS any, published string, r *indexRow) error {
	fail := func(err error) error {
		return fmt.Errorf("sqlite: index document %d: %w", seq, ctxErr(ctx, err))
	}
	ms := int64(undated)
	if v, ok := publishedMS.(int64); ok {
		ms = v
	}
	for i := range r.ix.Actors {
		a := &r.ix.Actors[i]
		w.postings = append(w.postings, posting{a.ID, ms, seq, a.Mentions, a.Quotes, a.Events})
		w.actor(a, ms, published)
	}
	if r.data != nil {
		if _, err := w.docIndex.ExecContext(ctx, ms, seq, len(r.ix.Quotes), len(r.ix.Events), r.codes, r.statuses, r.data); err != nil {
			return fail(err)
		}
	}
	return nil
}

// actor adds one document's view of an actor to the batch's aggregate.
func (w *indexWriter) actor(a *dateline.IndexedActor, ms int64, published string) {
	d := w.actors[a.ID]
	if d == nil {
		d = &actorDelta{lastMS: undated, aliases: map[string]*aliasDelta{}, roles: map[[2]string]*roleDelta{}}
		w.actors[a.ID] = d
		w.order = append(w.order, a.ID)
	}
	if d.docs == 0 || ms >= d.lastMS { // the latest report names it
		d.name, d.typ, d.code = a.Name, a.Type, a.Code
		if ms != undated {
			d.last, d.lastMS = published, ms
		}
	}
	d.docs++
	d.quotes += a.Quotes
	d.events += a.Events
	for _, al := range a.Aliases {
		k := dateline.NameKey(al)
		x := d.aliases[k]
		if x == nil {
			x = &aliasDelta{alias: al}
			d.aliases[k] = x
			d.aliasOrder = append(d.aliasOrder, k)
		}
		x.docs++
	}
	if a.Role != "" || a.Code != "" {
		rk := [2]string{a.Role, a.Code}
		r := d.roles[rk]
		if r == nil {
			r = &roleDelta{firstMS: math.MaxInt64, lastMS: undated}
			d.roles[rk] = r
			d.roleOrder = append(d.roleOrder, rk)
		}
		r.docs++
		if ms != undated {
			if ms < r.firstMS {
				r.first, r.firstMS = published, ms
			}
			if ms > r.lastMS {
				r.last, r.lastMS = published, ms
			}
		}
	}
}

// msArg is a stored Unix-milliseconds value: NULL for the sentinels.
func msArg(ms int64) any {
	if ms == undated || ms == math.MaxInt64 {
		return nil
	}
	return ms
}

// Multi-row upserts of the per-actor aggregates (the VALUES rows are
// added by upsertRows). The latest report (by publication date; undated
// ones count as oldest; on a tie, the later batch) gives the actor's
// name, type and code.
const (
	upsertActors = `INSERT INTO actors (id, name, type, code, docs, quotes, events, last, last_ms) VALUES %s
		ON CONFLICT (id) DO UPDATE SET
			name = CASE WHEN coalesce(excluded.last_ms, -9223372036854775808) >= coalesce(last_ms, -9223372036854775808) THEN excluded.name ELSE name END,
			type = CASE WHEN coalesce(excluded.last_ms, -9223372036854775808) >= coalesce(last_ms, -9223372036854775808) THEN excluded.type ELSE type END,
			code = CASE WHEN coalesce(excluded.last_ms, -9223372036854775808) >= coalesce(last_ms, -9223372036854775808) THEN excluded.code ELSE code END,
			last = CASE WHEN coalesce(excluded.last_ms, -9223372036854775808) >= coalesce(last_ms, -9223372036854775808) AND excluded.last_ms IS NOT NULL THEN excluded.last ELSE last END,
			last_ms = max(coalesce(excluded.last_ms, last_ms), coalesce(last_ms, excluded.last_ms)),
			docs = docs + excluded.docs, quotes = quotes + excluded.quotes, events = events + excluded.events
		RETURNING id, docs`
	upsertAliases = `INSERT INTO actor_aliases (actor, key, alias, docs) VALUES %s
		ON CONFLICT (actor, key) DO UPDATE SET docs = docs + excluded.docs
		RETURNING actor, key, docs`
	insertKeys  = `INSERT OR IGNORE INTO actor_keys (key, actor) VALUES %s`
	upsertRoles = `INSERT INTO actor_roles (actor, title, code, first, first_ms, last, last_ms, docs) VALUES %s
		ON CONFLICT (actor, title, code) DO UPDATE SET
			first = CASE WHEN excluded.first_ms < coalesce(first_ms, 9223372036854775807) THEN excluded.first ELSE first END,
			first_ms = min(coalesce(excluded.first_ms, first_ms), coalesce(first_ms, excluded.first_ms)),
			last = CASE WHEN excluded.last_ms > coalesce(last_ms, -9223372036854775808) THEN excluded.last ELSE last END,
			last_ms = max(coalesce(excluded.last_ms, last_ms), coalesce(last_ms, excluded.last_ms)),
			docs = docs + excluded.docs`
)

// upsertRows runs a multi-row statement (query has one %s for the VALUES
// rows) over rows of width columns, maxRowsPerInsert rows at a time, and
// hands each returned row to scan (nil: no RETURNING).
func (w *indexWriter) upsertRows(ctx context.Context, query string, width int, rows []any, scan func(*sql.Rows) error) error {
	tuple := "(?" + strings.Repeat(", ?", width-1) + ")"
	for start := 0; start < len(rows); start += maxRowsPerInsert * width {
		part := rows[start:min(start+maxRowsPerInsert*width, len(rows))]
		q := fmt.Sprintf(query, tuple+strings.Repeat(", "+tuple, len(part)/width-1))
		if scan == nil {
			if _, err := w.tx.ExecContext(ctx, q, part...); err != nil {
				return err
			}
			continue
		}
		res, err := w.tx.QueryContext(ctx, q, part...)
		if err != nil {
			return err
		}
		for res.Next() {
			if err := scan(res); err != nil {
				res.Close()
				return err
			}
		}
		if err := res.Err(); err != nil {
			return err
		}
	}
	return nil
}

// flush writes the batch's postings and actor aggregates, many rows per
// statement: the actors, their aliases and roles upserted, and the search
// keys of names and aliases that are new.
func (w *indexWriter) flush(ctx context.Context) error {
	if len(w.order) == 0 {
		return nil
	}
	slices.SortFunc(w.postings, func(a, b posting) int {
		return cmp.Or(strings.Compare(string(a.actor), string(b.actor)), cmp.Compare(a.ord, b.ord), cmp.Compare(a.doc, b.doc))
	})
	for start := 0; start < len(w.postings); start += maxRowsPerInsert {
		part := w.postings[start:min(start+maxRowsPerInsert, len(w.postings))]
		st, err := w.docActorsStmt(ctx, len(part))
		if err != nil {
			return fmt.Errorf("sqlite: prepare index: %w", ctxErr(ctx, err))
		}
		w.args = w.args[:0]
		for _, p := range part {
			w.args = append(w.args, string(p.actor), p.ord, p.doc, p.mentions, p.quotes, p.events)
		}
		if _, err := st.ExecContext(ctx, w.args...); err != nil {
			return fmt.Errorf("sqlite: index postings: %w", ctxErr(ctx, err))
		}
	}
	w.postings = w.postings[:0]

	slices.Sort(w.order)
	var actors, aliases, roles []any
	for _, id := range w.order {
		d := w.actors[id]
		actors = append(actors, string(id), d.name, d.typ, d.code, d.docs, d.quotes, d.events, d.last, msArg(d.lastMS))
		for _, k := range d.aliasOrder {
			aliases = append(aliases, string(id), k, d.aliases[k].alias, d.aliases[k].docs)
		}
		for _, rk := range d.roleOrder {
			r := d.roles[rk]
			roles = append(roles, string(id), rk[0], rk[1], r.first, msArg(r.firstMS), r.last, msArg(r.lastMS), r.docs)
		}
	}
	// New names and aliases (their stored count is the batch's) get keys.
	var keys []any
	addKeys := func(id, name string) {
		for _, k := range dateline.NameKeys(name) {
			keys = append(keys, k, id)
		}
	}
	err := w.upsertRows(ctx, upsertActors, 9, actors, func(r *sql.Rows) error {
		var id string
		var docs int
		if err := r.Scan(&id, &docs); err != nil {
			return err
		}
		if d := w.actors[dateline.ActorID(id)]; d != nil && d.docs == docs {
			addKeys(id, d.name)
		}
		return nil
	})
	if err == nil {
		err = w.upsertRows(ctx, upsertAliases, 4, aliases, func(r *sql.Rows) error {
			var id, key string
			var docs int
			if err := r.Scan(&id, &key, &docs); err != nil {
				return err
			}
			if d := w.actors[dateline.ActorID(id)]; d != nil && d.aliases[key] != nil && d.aliases[key].docs == docs {
				addKeys(id, d.aliases[key].alias)
			}
			return nil
		})
	}
	if err == nil {
		err = w.upsertRows(ctx, insertKeys, 2, keys, nil)
	}
	if err == nil {
		err = w.upsertRows(ctx, upsertRoles, 8, roles, nil)
	}
	if err != nil {
		return fmt.Errorf("sqlite: index actors: %w", ctxErr(ctx, err))
	}
	clear(w.actors)
	w.order = w.order[:0]
	return nil
}

// backfillBatch is how many stored documents the backfill decodes and
// indexes per transaction: it bounds its memory.
const backfillBatch = 256

// backfill indexes the documents stored before migration 0003, a batch per
// transaction, resuming where an earlier run stopped. A stored document
// that does not decode is skipped (it is reported by Document).
func (s *Store) backfill(ctx context.Context, batch int) error {
	for {
		done, err := s.backfillStep(ctx, batch)
		if err != nil {
			return fmt.Errorf("sqlite: index the stored documents: %w", ctxErr(ctx, err))
		}
		if done {
			return nil
		}
	}
}

func (s *Store) backfillStep(ctx context.Context, size int) (finished bool, err error) {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	var until, done int64
	err = tx.QueryRowContext(ctx, "SELECT until, done FROM index_backfill WHERE one = 1").Scan(&until, &done)
	if errors.Is(err, sql.ErrNoRows) {
		return true, tx.Rollback()
	}
	if err != nil {
		return false, err
	}
	if done >= until {
		if _, err := tx.ExecContext(ctx, "DELETE FROM index_backfill"); err != nil {
			return false, err
		}
		return true, tx.Commit()
	}
	rows, err := tx.QueryContext(ctx, `SELECT seq, published, published_ms, body, aside, layers FROM documents
		WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?`, done, until, size)
	if err != nil {
		return false, err
	}
	type stored struct {
		seq         int64
		published   string
		publishedMS any
		row         indexRow
	}
	var batch []stored
	for rows.Next() {
		var d stored
		var ms sql.NullInt64
		var body, aside string
		var layers []byte
		if err := rows.Scan(&d.seq, &d.published, &ms, &body, &aside, &layers); err != nil {
			rows.Close()
			return false, err
		}
		if ms.Valid {
			d.publishedMS = ms.Int64
		}
		if doc, err := decode(body, aside, layers); err == nil {
			d.row = newIndexRow(doc, doc.Asides())
		}
		batch = append(batch, d)
	}
	if err := rows.Err(); err != nil {
		return false, err
	}
	w, err := newIndexWriter(ctx, tx)
	if err != nil {
		return false, err
	}
	defer w.close()
	last := until
	for i := range batch {
		if err := w.add(ctx, batch[i].seq, batch[i].publishedMS, batch[i].published, &batch[i].row); err != nil {
			return false, err
		}
	}
	if len(batch) == size {
		last = batch[len(batch)-1].seq
	}
	if err := w.flush(ctx); err != nil {
		return false, err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE index_backfill SET done = ?", last); err != nil {
		return false, err
	}
	return false, tx.Commit()
}

// page validates a limit and an offset of an index query.
func page(limit, offset int) (int, error) {
	if limit < 0 || offset < 0 {
		return 0, fmt.Errorf("sqlite: limit %d, offset %d: %w", limit, offset, dateline.ErrInvalid)
	}
	if limit == 0 {
		limit = dateline.DefaultIndexLimit
	}
	return min(limit, dateline.MaxIndexLimit), nil
}

// keyRange returns the bounds of the keys that start with the key of a
// name: [lo, hi). ok is false when the name has no key.
func keyRange(name string) (lo, hi string, ok bool) {
	k := dateline.NameKey(name)
	if k == "" {
		return "", "", false
	}
	return k, k + "\U0010FFFF", true
}

const actorColumns = `a.id, a.name, a.type, a.code, a.docs, a.quotes, a.events, a.last`

func scanActor(sc interface{ Scan(...any) error }) (dateline.ActorSummary, error) {
	var a dateline.ActorSummary
	var id, last string
	err := sc.Scan(&id, &a.Name, &a.Type, &a.Code, &a.Documents, &a.Quotes, &a.Events, &last)
	a.ID, a.LastSeen = dateline.ActorID(id), parseTime(last)
	return a, err
}

// Actors lists the actors, those in most documents first.
func (s *Store) Actors(ctx context.Context, q dateline.ActorQuery) ([]dateline.ActorSummary, error) {
	limit, err := page(q.Limit, q.Offset)
	if err != nil {
		return nil, err
	}
	var where []string
	var args []any
	if strings.TrimSpace(q.Name) != "" {
		lo, hi, ok := keyRange(q.Name)
		if !ok {
			return []dateline.ActorSummary{}, nil
		}
		where = append(where, "a.id IN (SELECT actor FROM actor_keys WHERE key >= ? AND key < ?)")
		args = append(args, lo, hi)
	}
	if q.Type != "" {
		where = append(where, "a.type = ?")
		args = append(args, q.Type)
	}
	query := "SELECT " + actorColumns + " FROM actors a"
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	query += " ORDER BY a.docs DESC, a.name, a.id LIMIT ? OFFSET ?"
	rows, err := s.read.QueryContext(ctx, query, append(args, limit, q.Offset)...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: actors: %w", ctxErr(ctx, err))
	}
	defer rows.Close()
	out := []dateline.ActorSummary{}
	for rows.Next() {
		a, err := scanActor(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: actors: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: actors: %w", ctxErr(ctx, err))
	}
	return out, nil
}

// Actor returns one actor with its aliases, roles and recent documents,
// events and quotes, or an error wrapping dateline.ErrNotFound.
func (s *Store) Actor(ctx context.Context, id dateline.ActorID) (*dateline.ActorRecord, error) {
	a, err := scanActor(s.read.QueryRowContext(ctx, "SELECT "+actorColumns+" FROM actors a WHERE a.id = ?", string(id)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("sqlite: actor %q: %w", id, dateline.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: actor %q: %w", id, ctxErr(ctx, err))
	}
	rec := &dateline.ActorRecord{ActorSummary: a, Aliases: []string{}, Roles: []dateline.RoleSeen{}}
	fail := func(err error) (*dateline.ActorRecord, error) {
		return nil, fmt.Errorf("sqlite: actor %q: %w", id, ctxErr(ctx, err))
	}
	rows, err := s.read.QueryContext(ctx, "SELECT alias FROM actor_aliases WHERE actor = ? ORDER BY docs DESC, alias", string(id))
	if err != nil {
		return fail(err)
	}
	for rows.Next() {
		var al string
		if err := rows.Scan(&al); err != nil {
			rows.Close()
			return fail(err)
		}
		rec.Aliases = append(rec.Aliases, al)
	}
	if err := rows.Err(); err != nil {
		return fail(err)
	}
	rows, err = s.read.QueryContext(ctx, `SELECT title, code, first, last, docs FROM actor_roles WHERE actor = ?
		ORDER BY last_ms DESC, docs DESC, title, code`, string(id))
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
	rows, err = s.read.QueryContext(ctx, `SELECT d.id, d.title, d.url, d.outlet, d.published, d.ingested
		FROM doc_actors x JOIN documents d ON d.seq = x.doc
		WHERE x.actor = ? ORDER BY x.ord DESC, x.doc DESC LIMIT ?`, string(id), dateline.ActorRecentLimit)
	if err != nil {
		return fail(err)
	}
	rec.RecentDocuments = []dateline.DocSummary{}
	for rows.Next() {
		var d dateline.DocSummary
		var did, published, ingested string
		if err := rows.Scan(&did, &d.Title, &d.URL, &d.Outlet, &published, &ingested); err != nil {
			rows.Close()
			return fail(err)
		}
		d.ID, d.Published, d.Ingested = dateline.DocID(did), parseTime(published), parseTime(ingested)
		rec.RecentDocuments = append(rec.RecentDocuments, d)
	}
	if err := rows.Err(); err != nil {
		return fail(err)
	}
	if rec.RecentEvents, err = s.Events(ctx, dateline.EventQuery{Actor: id, Limit: dateline.ActorRecentLimit}); err != nil {
		return nil, err
	}
	if rec.RecentQuotes, err = s.Quotes(ctx, dateline.QuoteQuery{Speaker: id, Limit: dateline.ActorRecentLimit}); err != nil {
		return nil, err
	}
	return rec, nil
}

// dateFilter adds the publication-date bounds of a query on ord.
func dateFilter(where []string, args []any, since, until time.Time) ([]string, []any) {
	if !since.IsZero() {
		where = append(where, "ord >= ?")
		args = append(args, since.UnixMilli())
	}
	if !until.IsZero() {
		where = append(where, "ord < ? AND ord <> -9223372036854775808")
		args = append(args, until.UnixMilli())
	}
	return where, args
}

// candidates selects the documents that may hold hits, from doc_actors (a
// posting list) or doc_index: the SQL after "FROM", its conditions and
// arguments, and the expression counting a document's hits. When exact,
// that count is the number of hits, so whole documents before the page are
// skipped without being decoded.
type candidates struct {
	from  string
	where []string
	args  []any
	count string
	exact bool
}

// candidateChunk is how many candidate documents are read per query.
const candidateChunk = 256

type candidate struct {
	ord, doc int64
	n        int
}

// docMeta is what the documents table adds to a hit.
type docMeta struct {
	id        dateline.DocID
	title     string
	published time.Time
	text      string // Document.Text
}

// walk pages through the hits of the candidate documents, newest first:
// hits returns a decoded document's hits in document order, set fills in
// the report's fields.
func walk[H any](ctx context.Context, s *Store, c candidates, limit, offset int,
	hits func(*indexData) []H, set func(*H, docMeta)) ([]H, error) {
	out := []H{}
	query := "SELECT ord, doc, " + c.count + " FROM " + c.from + " WHERE "
	if len(c.where) > 0 {
		query += strings.Join(c.where, " AND ") + " AND "
	}
	query += "(ord, doc) < (?, ?) GROUP BY ord, doc ORDER BY ord DESC, doc DESC LIMIT " + fmt.Sprint(candidateChunk)
	keyOrd, keyDoc := int64(math.MaxInt64), int64(math.MaxInt64)
	for {
		rows, err := s.read.QueryContext(ctx, query, append(slices.Clone(c.args), keyOrd, keyDoc)...)
		if err != nil {
			return nil, ctxErr(ctx, err)
		}
		var chunk []candidate
		for rows.Next() {
			var k candidate
			if err := rows.Scan(&k.ord, &k.doc, &k.n); err != nil {
				rows.Close()
				return nil, err
			}
			chunk = append(chunk, k)
		}
		if err := rows.Err(); err != nil {
			return nil, ctxErr(ctx, err)
		}
		for _, k := range chunk {
			if c.exact && offset >= k.n {
				offset -= k.n
				continue
			}
			var data []byte
			var m docMeta
			var id, published, body, aside string
			err := s.read.QueryRowContext(ctx, `SELECT x.data, d.id, d.title, d.published, d.body, d.aside
				FROM doc_index x JOIN documents d ON d.seq = x.doc WHERE x.ord = ? AND x.doc = ?`, k.ord, k.doc).
				Scan(&data, &id, &m.title, &published, &body, &aside)
			if errors.Is(err, sql.ErrNoRows) {
				continue
			}
			if err != nil {
				return nil, ctxErr(ctx, err)
			}
			m.id, m.published = dateline.DocID(id), parseTime(published)
			d, err := decodeIndexData(data)
			if err == nil {
				m.text, err = join(body, aside, d.cuts)
			}
			if err != nil {
				return nil, fmt.Errorf("index of document %s: %w", id, err)
			}
			for _, h := range hits(&d) {
				if offset > 0 {
					offset--
					continue
				}
				set(&h, m)
				out = append(out, h)
				if len(out) == limit {
					return out, nil
				}
			}
		}
		if len(chunk) < candidateChunk {
			return out, nil
		}
		last := chunk[len(chunk)-1]
		keyOrd, keyDoc = last.ord, last.doc
	}
}

// speakers returns the actors one of whose names has a word starting with
// name (see dateline.ActorQuery.Name).
func (s *Store) speakers(ctx context.Context, lo, hi string) (map[dateline.ActorID]bool, error) {
	rows, err := s.read.QueryContext(ctx, "SELECT DISTINCT actor FROM actor_keys WHERE key >= ? AND key < ?", lo, hi)
	if err != nil {
		return nil, ctxErr(ctx, err)
	}
	defer rows.Close()
	out := map[dateline.ActorID]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[dateline.ActorID(id)] = true
	}
	return out, ctxErr(ctx, rows.Err())
}

// Quotes lists attributions, newest first.
func (s *Store) Quotes(ctx context.Context, q dateline.QuoteQuery) ([]dateline.QuoteHit, error) {
	limit, err := page(q.Limit, q.Offset)
	if err != nil {
		return nil, err
	}
	c := candidates{from: "doc_index", where: []string{"quotes > 0"}, count: "sum(quotes)", exact: true}
	var named map[dateline.ActorID]bool
	if strings.TrimSpace(q.SpeakerName) != "" {
		lo, hi, ok := keyRange(q.SpeakerName)
		if !ok {
			return []dateline.QuoteHit{}, nil
		}
		if named, err = s.speakers(ctx, lo, hi); err != nil {
			return nil, fmt.Errorf("sqlite: quotes: %w", err)
		}
		c.from = "doc_actors"
		c.where = append(c.where, "actor IN (SELECT actor FROM actor_keys WHERE key >= ? AND key < ?)")
		c.args = append(c.args, lo, hi)
	}
	if q.Speaker != "" {
		c.from = "doc_actors"
		c.where = append(c.where, "actor = ?")
		c.args = append(c.args, string(q.Speaker))
	}
	if q.Doc != "" {
		c.where = append(c.where, "doc = (SELECT seq FROM documents WHERE id = ?)")
		c.args = append(c.args, string(q.Doc))
	}
	c.where, c.args = dateFilter(c.where, c.args, q.Since, q.Until)
	hits := func(d *indexData) []dateline.QuoteHit {
		if q.Speaker == "" && named == nil {
			return d.quotes
		}
		var out []dateline.QuoteHit
		for _, h := range d.quotes {
			if h.Speaker != "" && (q.Speaker == "" || h.Speaks(q.Speaker)) && (named == nil || h.SpeaksAny(named)) {
				out = append(out, h)
			}
		}
		return out
	}
	out, err := walk(ctx, s, c, limit, q.Offset, hits, func(h *dateline.QuoteHit, m docMeta) {
		h.Doc, h.Title, h.Published = m.id, m.title, m.published
		h.Text, h.Cue, h.Source = h.Span.In(m.text), h.CueSpan.In(m.text), h.SourceSpan.In(m.text)
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: quotes: %w", err)
	}
	return out, nil
}

// Events lists coded events, newest first.
func (s *Store) Events(ctx context.Context, q dateline.EventQuery) ([]dateline.EventHit, error) {
	limit, err := page(q.Limit, q.Offset)
	if err != nil {
		return nil, err
	}
	c := candidates{from: "doc_index", where: []string{"events > 0"}, count: "sum(events)", exact: q.Code == "" && q.Status == ""}
	if q.Actor != "" {
		c.from = "doc_actors"
		c.where = append(c.where, "actor = ?")
		c.args = append(c.args, string(q.Actor))
	} else {
		// Cheap tests on the index row before decoding.
		if q.Code != "" {
			c.where = append(c.where, "instr(codes, ?) > 0")
			c.args = append(c.args, " "+q.Code)
		}
		if q.Status != "" {
			c.where = append(c.where, "instr(statuses, ?) > 0")
			c.args = append(c.args, " "+q.Status+" ")
		}
	}
	if q.Doc != "" {
		c.where = append(c.where, "doc = (SELECT seq FROM documents WHERE id = ?)")
		c.args = append(c.args, string(q.Doc))
	}
	c.where, c.args = dateFilter(c.where, c.args, q.Since, q.Until)
	hits := func(d *indexData) []dateline.EventHit {
		if c.exact && q.Actor == "" {
			return d.events
		}
		var out []dateline.EventHit
		for _, h := range d.events {
			if (q.Actor == "" || slices.Contains(h.Parties(), q.Actor)) && strings.HasPrefix(h.Code, q.Code) &&
				(q.Status == "" || h.Status == q.Status) {
				out = append(out, h)
			}
		}
		return out
	}
	out, err := walk(ctx, s, c, limit, q.Offset, hits, func(h *dateline.EventHit, m docMeta) {
		h.Doc, h.Title, h.Published = m.id, m.title, m.published
		h.Sentence = h.Evidence.In(m.text)
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: events: %w", err)
	}
	return out, nil
}
