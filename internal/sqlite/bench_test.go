package sqlite

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/repotest"
)

// corpus generates realistic synthetic reports: 4-8 KB of text in a title,
// paragraphs, a photo credit and a boilerplate line, with sentence, token
// (tags, lemma, head, relation) and mention layers, and Zipf-distributed
// words so that the full-text index sees common and rare terms.
type corpus struct {
	full  bool // also actors, quotes and events, as the analysis writes them
	r     *rand.Rand
	zipf  *rand.Zipf
	words []string
	names []string
}

func newCorpus(seed uint64) *corpus {
	r := rand.New(rand.NewPCG(seed, 7))
	syl := []string{"ka", "ro", "mi", "tan", "el", "vo", "sun", "der", "pa", "lis", "gra", "te", "no", "bur", "qui", "an", "se", "ma", "zo", "rin"}
	c := &corpus{r: r, zipf: rand.NewZipf(r, 1.07, 2, 19999)}
	// Shorter words are commoner: rank k is the k-th string of syllables in
	// order of length, skipping repeats.
	seen := map[string]bool{}
	for k := 0; len(c.words) < 20000; k++ {
		var b strings.Builder
		for v, n := k, 0; n == 0 || v > 0; n++ {
			b.WriteString(syl[v%len(syl)])
			v /= len(syl)
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			c.words = append(c.words, w)
		}
	}
	for i := range 300 {
		w := c.words[1000+i*7]
		c.names = append(c.names, strings.ToUpper(w[:1])+w[1:])
	}
	return c
}

var (
	upos = []string{"NOUN", "VERB", "ADJ", "ADP", "DET", "ADV", "PRON", "AUX", "CCONJ", "NUM"}
	xpos = []string{"NN", "VBD", "JJ", "IN", "DT", "RB", "PRP", "MD", "CC", "CD"}
	deps = []string{"nsubj", "obj", "amod", "case", "det", "advmod", "obl", "aux", "cc", "nummod", "conj", "nmod"}
)

// doc returns report number i.
func (c *corpus) doc(i int) *dateline.Document {
	size := 4096 + c.r.IntN(4096)
	d := &dateline.Document{
		Source:    dateline.SourceRef{Kind: "html", URL: fmt.Sprintf("https://wire.example/%d", i), Outlet: "Example Wire"},
		Published: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * 37 * time.Minute),
		Byline:    "By " + c.names[c.r.IntN(len(c.names))],
	}
	var b strings.Builder
	block := func(kind dateline.BlockKind, start int) {
		d.Blocks = append(d.Blocks, dateline.Block{Span: dateline.Span{Start: int32(start), End: int32(b.Len())}, Kind: kind})
	}
	// A report is about a cast of a few actors, mentioned again and again.
	cast := c.names
	if c.full {
		cast = make([]string, 8+c.r.IntN(8))
		for i := range cast {
			cast[i] = c.names[c.r.IntN(len(c.names))]
		}
	}
	sentence := func() {
		start, tok0 := b.Len(), len(d.Tokens)
		n := 12 + c.r.IntN(20)
		for k := range n {
			if k > 0 {
				b.WriteByte(' ')
			}
			ws := b.Len()
			var w string
			if c.r.IntN(12) == 0 {
				w = cast[c.r.IntN(len(cast))]
				d.Mentions = append(d.Mentions, dateline.Mention{Span: dateline.Span{Start: int32(ws), End: int32(ws + len(w))},
					Type: []string{dateline.EntPerson, dateline.EntGPE, dateline.EntOrg}[c.r.IntN(3)], Actor: -1})
			} else {
				w = c.words[c.zipf.Uint64()]
				if k == 0 {
					w = strings.ToUpper(w[:1]) + w[1:]
				}
			}
			b.WriteString(w)
			t := c.r.IntN(len(upos))
			d.Tokens = append(d.Tokens, dateline.Token{Span: dateline.Span{Start: int32(ws), End: int32(b.Len())},
				UPOS: upos[t], XPOS: xpos[t], Lemma: strings.ToLower(w), Head: int32(tok0 + c.r.IntN(n)), Dep: deps[c.r.IntN(len(deps))]})
		}
		b.WriteString(".")
		d.Tokens = append(d.Tokens, dateline.Token{Span: dateline.Span{Start: int32(b.Len() - 1), End: int32(b.Len())},
			UPOS: "PUNCT", XPOS: ".", Lemma: ".", Head: int32(tok0), Dep: "punct"})
		d.Sentences = append(d.Sentences, dateline.Sentence{Span: dateline.Span{Start: int32(start), End: int32(b.Len())},
			Tokens: [2]int32{int32(tok0), int32(len(d.Tokens))}})
	}
	sentence()
	d.Title = b.String()
	block(dateline.BlockTitle, 0)
	for b.Len() < size {
		b.WriteString("\n")
		start := b.Len()
		for s := range 2 + c.r.IntN(3) {
			if s > 0 {
				b.WriteByte(' ')
			}
			sentence()
		}
		block(dateline.BlockParagraph, start)
	}
	if c.full {
		c.layers(d, b.String())
	}
	b.WriteString("\n")
	start := b.Len()
	b.WriteString("Photo: " + c.names[c.r.IntN(len(c.names))] + "/Example Wire")
	block(dateline.BlockCredit, start)
	b.WriteString("\n")
	start = b.Len()
	b.WriteString("Related: sign up for the morning briefing")
	block(dateline.BlockBoilerplate, start)
	d.Text = b.String()
	d.ID = dateline.NewDocID(d.Source.URL, d.Text)
	return d
}

// layers adds what the actor, quote and event passes write: the mentions
// clustered into actors by name (with knowledge-base style IDs), and in
// every sentence with a mention a quote spoken by its first mention and
// one or two events between its first two mentions: about the density of
// the example article (13 actors, 26 quotes and 35 events in its ~700
// tokens; here ~11 actors, ~39 quotes and ~59 events in ~1080 tokens).
func (c *corpus) layers(d *dateline.Document, text string) {
	byName := map[string]int{}
	for mi := range d.Mentions {
		m := &d.Mentions[mi]
		name := text[m.Start:m.End]
		a, ok := byName[name]
		if !ok {
			a = len(d.Actors)
			byName[name] = a
			typ := []string{dateline.EntPerson, dateline.EntGPE, dateline.EntOrg}[len(name)%3]
			m.Type = typ
			d.Actors = append(d.Actors, dateline.DocActor{ID: dateline.ActorID(strings.ToLower(typ) + "/" + strings.ToLower(name)),
				Name: name, Type: typ, Code: strings.ToUpper(name[:3])})
		}
		m.Type = d.Actors[a].Type
		m.Actor = a
		d.Actors[a].Mentions = append(d.Actors[a].Mentions, mi)
	}
	mi := 0
	for si, s := range d.Sentences {
		var in []int
		for ; mi < len(d.Mentions) && d.Mentions[mi].Start < s.End; mi++ {
			in = append(in, mi)
		}
		if len(in) == 0 {
			continue
		}
		m := d.Mentions[in[0]]
		d.Quotes = append(d.Quotes, dateline.Quote{Span: dateline.Span{Start: m.End, End: s.End}, Kind: dateline.QuoteIndirect,
			Cue: dateline.Span{Start: m.End, End: m.End}, Source: m.Span, Speaker: in[0]})
		for range 1 + si%2 {
			e := dateline.Event{Code: "042", Plover: "CONSULT", Status: dateline.StatusHappened, Time: -1, Asserter: -1,
				Trigger: d.Mentions[in[0]].Span, Evidence: s.Span}
			for k, side := range [][]dateline.EventActor{nil, nil}[:min(2, len(in))] {
				m := d.Mentions[in[k]]
				side = append(side, dateline.EventActor{Actor: m.Actor, Text: text[m.Start:m.End], Code: d.Actors[m.Actor].Code})
				if k == 0 {
					e.Source = side
				} else {
					e.Target = side
				}
			}
			d.Events = append(d.Events, e)
		}
	}
}

func (c *corpus) docs(from, n int) []*dateline.Document {
	out := make([]*dateline.Document, n)
	for i := range out {
		out[i] = c.doc(from + i)
	}
	return out
}

// BenchmarkPutDocuments measures ingest into a file store in batches:
// articles/s counts stored documents.
// The full-layer runs also write the actors, quotes and events.
func BenchmarkPutDocuments(b *testing.B) {
	for _, bc := range []struct {
		batch int
		full  bool
	}{{100, false}, {500, false}, {100, true}, {500, true}} {
		name := fmt.Sprintf("batch=%d", bc.batch)
		if bc.full {
			name = "layers=full/" + name
		}
		batch := bc.batch
		b.Run(name, func(b *testing.B) {
			ctx := context.Background()
			s := openTemp(b)
			defer s.Close()
			c := newCorpus(1)
			c.full = bc.full
			base := c.docs(0, 1000)
			var textBytes int64
			for _, d := range base[:batch] {
				textBytes += int64(len(d.Text))
			}
			b.SetBytes(textBytes)
			round := 0
			start, cpu0 := time.Now(), repotest.CPUTime()
			for b.Loop() {
				docs := make([]*dateline.Document, batch)
				for i := range docs {
					c := *base[(round*batch+i)%len(base)]
					c.ID = dateline.DocID(fmt.Sprintf("%s-%d", c.ID, round))
					docs[i] = &c
				}
				round++
				res, err := s.PutDocuments(ctx, docs)
				if err != nil || res.Stored != batch {
					b.Fatalf("PutDocuments = %+v, %v", res, err)
				}
			}
			n := float64(round * batch)
			b.ReportMetric(n/time.Since(start).Seconds(), "articles/s")
			if cpu := (repotest.CPUTime() - cpu0).Seconds(); cpu > 0 {
				b.ReportMetric(n/cpu, "articles/cpu-s")
			}
		})
	}
}

// searchDB returns a store with n synthetic reports, built once per
// process in DATELINE_BENCH_DB (when set, and kept) or a temporary folder.
func searchDB(b *testing.B, n int) *Store {
	b.Helper()
	dir := os.Getenv("DATELINE_BENCH_DB")
	if dir == "" {
		dir = b.TempDir()
	}
	path := filepath.Join(dir, fmt.Sprintf("search-%d.db", n))
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	have, err := s.CountDocuments(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if have < n {
		c := newCorpus(2)
		for i := 0; i < n; i += 500 {
			if _, err := s.PutDocuments(ctx, c.docs(i, min(500, n-i))); err != nil {
				b.Fatal(err)
			}
		}
	}
	return s
}

// BenchmarkSearch measures queries over 10,000 reports, from a rare word
// to one that hits nearly every report.
func BenchmarkSearch(b *testing.B) {
	const n = 10000
	s := searchDB(b, n)
	defer s.Close()
	c := newCorpus(2)
	ctx := context.Background()
	queries := []struct{ name, text string }{
		{"list", ""},
		{"rare", c.words[5000]},
		{"medium", c.words[300]},
		{"common", c.words[2]},
		{"two-words", c.words[40] + " " + c.words[90]},
		{"phrase", `"` + c.words[2] + " " + c.words[3] + `"`},
		{"name", c.names[17]},
	}
	for _, q := range queries {
		b.Run(q.name, func(b *testing.B) {
			hits, n, cpu0 := 0, 0, repotest.CPUTime()
			for b.Loop() {
				n++
				res, err := s.Documents(ctx, dateline.DocQuery{Text: q.text, Limit: 20})
				if err != nil {
					b.Fatal(err)
				}
				hits = len(res)
			}
			b.ReportMetric(float64(hits), "hits")
			b.ReportMetric(float64((repotest.CPUTime()-cpu0).Microseconds())/1000/float64(n), "cpu-ms/op")
		})
	}
}

// BenchmarkDocument measures loading one report with all its layers.
func BenchmarkDocument(b *testing.B) {
	ctx := context.Background()
	s := openTemp(b)
	defer s.Close()
	docs := newCorpus(3).docs(0, 100)
	if _, err := s.PutDocuments(ctx, docs); err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		if _, err := s.Document(ctx, docs[i%len(docs)].ID); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(i)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkEncode measures turning one report into its stored row, the
// CPU-bound part of PutDocuments.
func BenchmarkEncode(b *testing.B) {
	docs := newCorpus(4).docs(0, 50)
	e := newEncoder()
	var r row
	i, packed := 0, 0
	for b.Loop() {
		if err := e.encode(docs[i%len(docs)], &r); err != nil {
			b.Fatal(err)
		}
		packed += len(r.layers)
		i++
	}
	b.ReportMetric(float64(packed)/float64(i), "stored-bytes/doc")
	b.ReportMetric(float64(i)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkIndexQueries measures the index over 10,000 reports with the
// actor, quote and event layers (built once per process in
// DATELINE_BENCH_DB when set, and kept).
func BenchmarkIndexQueries(b *testing.B) {
	const n = 10000
	dir := os.Getenv("DATELINE_BENCH_DB")
	if dir == "" {
		dir = b.TempDir()
	}
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(dir, fmt.Sprintf("index-%d.db", n)))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	c := newCorpus(6)
	c.full = true
	if have, err := s.CountDocuments(ctx); err != nil {
		b.Fatal(err)
	} else if have < n {
		for i := have; i < n; i += 500 {
			if _, err := s.PutDocuments(ctx, c.docs(i, min(500, n-i))); err != nil {
				b.Fatal(err)
			}
		}
	}
	common := actorIDOf(c.names[0])
	rare := actorIDOf(c.names[len(c.names)-1])
	queries := []struct {
		name string
		run  func() (int, error)
	}{
		{"actors-list", func() (int, error) { r, err := s.Actors(ctx, dateline.ActorQuery{Limit: 20}); return len(r), err }},
		{"actors-prefix", func() (int, error) {
			r, err := s.Actors(ctx, dateline.ActorQuery{Name: c.names[7][:3], Limit: 20})
			return len(r), err
		}},
		{"actor-page", func() (int, error) { r, err := s.Actor(ctx, common); return r.Documents, err }},
		{"quotes-speaker", func() (int, error) {
			r, err := s.Quotes(ctx, dateline.QuoteQuery{Speaker: common, Limit: 20})
			return len(r), err
		}},
		{"quotes-speaker-page-50", func() (int, error) {
			r, err := s.Quotes(ctx, dateline.QuoteQuery{Speaker: common, Limit: 20, Offset: 1000})
			return len(r), err
		}},
		{"quotes-name", func() (int, error) {
			r, err := s.Quotes(ctx, dateline.QuoteQuery{SpeakerName: c.names[len(c.names)-1], Limit: 20})
			return len(r), err
		}},
		{"events-actor", func() (int, error) {
			r, err := s.Events(ctx, dateline.EventQuery{Actor: rare, Limit: 20})
			return len(r), err
		}},
		{"events-code-absent", func() (int, error) {
			r, err := s.Events(ctx, dateline.EventQuery{Code: "19", Limit: 20})
			return len(r), err
		}},
		{"events-newest", func() (int, error) { r, err := s.Events(ctx, dateline.EventQuery{Limit: 20}); return len(r), err }},
	}
	for _, q := range queries {
		b.Run(q.name, func(b *testing.B) {
			hits, cpu0, k := 0, repotest.CPUTime(), 0
			for b.Loop() {
				h, err := q.run()
				if err != nil {
					b.Fatal(err)
				}
				hits = h
				k++
			}
			b.ReportMetric(float64(hits), "hits")
			b.ReportMetric(float64((repotest.CPUTime()-cpu0).Microseconds())/1000/float64(k), "cpu-ms/op")
		})
	}
}

// actorIDOf is the ID the corpus gives a name.
func actorIDOf(name string) dateline.ActorID {
	typ := []string{dateline.EntPerson, dateline.EntGPE, dateline.EntOrg}[len(name)%3]
	return dateline.ActorID(strings.ToLower(typ) + "/" + strings.ToLower(name))
}
