package eval

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/analyze"
	"github.com/dateline-news/dateline/internal/cluster"
	"github.com/dateline-news/dateline/internal/ecbplus"
)

// StoriesOptions configures an ECB+ story and event-coreference run.
type StoriesOptions struct {
	Clusters  string         // doc_story_clusters.tsv; default: beside the ECB+ folder
	Sentences string         // ECBplus_coreference_sentences.csv; default: beside the ECB+ folder
	Split     string         // "dev" (default), "train", "all" (both, separately) or "combined" (topics 1–35 clustered in one run)
	Passes    []analyze.Pass // analysis passes run on each document built from the gold tokens (ner, tag, ...)
	Story     cluster.StoryConfig
	Event     cluster.EventConfig
	Shuffles  int              // extra random input orders, to measure sensitivity to order
	Progress  func(done int)   // called after each document is analysed; may be nil
	Warn      func(msg string) // problems in the input; may be nil
}

// StoriesSplit is the result on one split.
type StoriesSplit struct {
	Split         string        `json:"split"`
	Topics        int           `json:"topics"`
	Docs          int           `json:"docs"`
	GoldStories   int           `json:"gold_stories"`
	Stories       int           `json:"predicted_stories"`
	B3            StoriesPRF    `json:"b3"`
	B3F1          float64       `json:"b3_f1"`
	Pairwise      StoriesPRF    `json:"pairwise"`
	PairwiseF1    float64       `json:"pairwise_f1"`
	EventMentions int           `json:"event_mentions"`
	GoldEvents    int           `json:"gold_events"`
	Events        int           `json:"predicted_events"`
	Coref         StoriesCoref  `json:"coref"`
	CoNLLF1       float64       `json:"conll_f1"`
	MUCF1         float64       `json:"muc_f1"`
	B3EventF1     float64       `json:"b3_event_f1"`
	CEAFeF1       float64       `json:"ceafe_f1"`
	CorefGoldDocs StoriesCoref  `json:"coref_gold_stories"` // the same, clustered within the gold story clusters
	Order         *StoriesOrder `json:"order,omitempty"`
	Setup         string        `json:"setup"`
	predictions   []storiesPred
}

// StoriesOrder is the spread of the scores over random input orders.
type StoriesOrder struct {
	Orders    int     `json:"orders"` // the given order plus the shuffles
	B3F1Min   float64 `json:"b3_f1_min"`
	B3F1Mean  float64 `json:"b3_f1_mean"`
	B3F1Max   float64 `json:"b3_f1_max"`
	CoNLLMin  float64 `json:"conll_f1_min"`
	CoNLLMean float64 `json:"conll_f1_mean"`
	CoNLLMax  float64 `json:"conll_f1_max"`
}

type storiesPred struct{ doc, cluster string }

// StoriesSetup describes the event-coreference evaluation setup.
const StoriesSetup = "ECB+ gold event mentions (ACTION_* and NEG_ACTION_*) in the validated sentences of ECBplus_coreference_sentences.csv; " +
	"key = CROSS_DOC_COREF instance ids, INTRA_DOC_COREF chains as document-local entities, all other mentions singletons (kept, as in Cybulska & Vossen 2015 and Barhom et al. 2019); " +
	"mentions clustered within the predicted story clusters; documents clustered blind (no topic ids) in file order; one score over all mentions of the split"

// storiesDoc is an ECB+ document built and analysed once.
type storiesDoc struct {
	name, gold, topic, split string
	doc                      *dateline.Document
	mentions                 []storiesMention
}

type storiesMention struct {
	gold string
	m    cluster.EventMention
}

// StoriesECB clusters the ECB+ documents of dir (<topic>/<doc>.xml) into
// stories blind, merges their gold event mentions into events, and scores
// both, per split. The results come in split order (dev, train).
func StoriesECB(ctx context.Context, dir string, o StoriesOptions) ([]StoriesSplit, error) {
	if o.Clusters == "" {
		o.Clusters = filepath.Join(filepath.Dir(filepath.Clean(dir)), "doc_story_clusters.tsv")
	}
	if o.Sentences == "" {
		o.Sentences = filepath.Join(filepath.Dir(filepath.Clean(dir)), "ECBplus_coreference_sentences.csv")
	}
	if o.Split == "" {
		o.Split = "dev"
	}
	if o.Split != "dev" && o.Split != "train" && o.Split != "all" && o.Split != "combined" {
		return nil, fmt.Errorf("split %q: want dev, train, all or combined: %w", o.Split, dateline.ErrInvalid)
	}
	warn := o.Warn
	if warn == nil {
		warn = func(string) {}
	}
	rows, probs, err := storiesRead(o.Clusters, ecbplus.ReadStoryClusters)
	if err != nil {
		return nil, err
	}
	for _, p := range probs {
		warn(fmt.Sprintf("%s:%s", o.Clusters, p))
	}
	sel, probs, err := storiesRead(o.Sentences, ecbplus.ReadSelected)
	if err != nil {
		return nil, err
	}
	for _, p := range probs {
		warn(fmt.Sprintf("%s:%s", o.Sentences, p))
	}
	o.Warn = warn
	splits := []string{o.Split}
	if o.Split == "all" {
		splits = []string{"dev", "train"}
	}
	var out []StoriesSplit
	for _, split := range splits {
		docs, err := storiesLoad(ctx, dir, rows, sel, split, o)
		if err != nil {
			return nil, err
		}
		res := storiesRun(docs, o)
		if o.Shuffles > 0 {
			ord := &StoriesOrder{Orders: 1 + o.Shuffles, B3F1Min: res.B3F1, B3F1Max: res.B3F1, B3F1Mean: res.B3F1,
				CoNLLMin: res.CoNLLF1, CoNLLMax: res.CoNLLF1, CoNLLMean: res.CoNLLF1}
			for i := range o.Shuffles {
				perm := slices.Clone(docs)
				rng := rand.New(rand.NewPCG(uint64(i+1), 0x5eed))
				rng.Shuffle(len(perm), func(a, b int) { perm[a], perm[b] = perm[b], perm[a] })
				r := storiesRun(perm, o)
				ord.B3F1Min, ord.B3F1Max = min(ord.B3F1Min, r.B3F1), max(ord.B3F1Max, r.B3F1)
				ord.CoNLLMin, ord.CoNLLMax = min(ord.CoNLLMin, r.CoNLLF1), max(ord.CoNLLMax, r.CoNLLF1)
				ord.B3F1Mean += r.B3F1
				ord.CoNLLMean += r.CoNLLF1
			}
			ord.B3F1Mean /= float64(ord.Orders)
			ord.CoNLLMean /= float64(ord.Orders)
			res.Order = ord
		}
		res.Split = split
		out = append(out, res)
	}
	return out, nil
}

// storiesLoad reads, builds and analyses the documents of one split, in
// file order.
func storiesLoad(ctx context.Context, dir string, rows []ecbplus.StoryDoc, sel ecbplus.Selected, split string, o StoriesOptions) ([]*storiesDoc, error) {
	var docs []*storiesDoc
	for _, r := range rows {
		if r.Split != split && !(split == "combined" && (r.Split == "dev" || r.Split == "train")) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		path := filepath.Join(dir, r.Topic, r.Doc)
		f, err := os.Open(path)
		if err != nil {
			o.Warn(fmt.Sprintf("%s: %v", path, err))
			continue
		}
		ed, probs, err := ecbplus.Parse(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		for _, p := range probs {
			o.Warn(fmt.Sprintf("%s:%s", path, p))
		}
		d := &storiesDoc{name: r.Doc, gold: r.Cluster, topic: r.Topic, split: split}
		var tokIdx map[int]int
		d.doc, tokIdx = StoriesDocument(ed)
		for _, p := range o.Passes {
			if err := p.Run(ctx, d.doc); err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
		}
		d.mentions = storiesMentions(ed, d.doc, tokIdx, sel)
		docs = append(docs, d)
		if o.Progress != nil {
			o.Progress(1)
		}
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("no %s documents under %s: %w", split, dir, dateline.ErrNotFound)
	}
	slices.SortFunc(docs, func(a, b *storiesDoc) int { return storiesNameOrder(a.name, b.name) })
	return docs, nil
}

// WriteStoriesPredictions writes doc<TAB>cluster lines for every document
// scored, clusters named <split>-<n>.
func WriteStoriesPredictions(w io.Writer, res []StoriesSplit) error {
	for _, r := range res {
		for _, p := range r.predictions {
			if _, err := fmt.Fprintf(w, "%s\t%s-%s\n", p.doc, r.Split, p.cluster); err != nil {
				return err
			}
		}
	}
	return nil
}

func storiesRead[T any](path string, read func(io.Reader) (T, []ecbplus.Problem, error)) (T, []ecbplus.Problem, error) {
	var zero T
	f, err := os.Open(path)
	if err != nil {
		return zero, nil, err
	}
	defer f.Close()
	v, probs, err := read(f)
	if err != nil {
		return zero, nil, fmt.Errorf("%s: %w", path, err)
	}
	return v, probs, nil
}

// storiesRun clusters the documents in the given order and scores them.
func storiesRun(docs []*storiesDoc, o StoriesOptions) StoriesSplit {
	st := cluster.NewStories(o.Story)
	var key, resp []string
	topics := map[string]bool{}
	var res StoriesSplit
	storyOf := make([]cluster.StoryID, len(docs))
	index := make(map[dateline.DocID]int, len(docs))
	for i, d := range docs {
		a := st.AddDocument(d.doc)
		storyOf[i] = a.Story
		index[d.doc.ID] = i
		// Later documents may move earlier ones: a story that turns out to
		// tell two events splits, and the final stories are scored.
		for _, mv := range a.Moves {
			for _, id := range mv.Docs {
				if j, ok := index[id]; ok {
					storyOf[j] = mv.To
				}
			}
		}
		topics[d.topic] = true
	}
	for i, d := range docs {
		key = append(key, d.gold)
		resp = append(resp, strconv.Itoa(int(storyOf[i])))
		res.predictions = append(res.predictions, storiesPred{d.name, strconv.Itoa(int(storyOf[i]))})
	}
	stories := map[cluster.StoryID]bool{}
	for _, s := range storyOf {
		stories[s] = true
	}
	res.Topics, res.Docs, res.Stories = len(topics), len(docs), len(stories)
	res.GoldStories = len(storiesGroups(key))
	res.B3, res.Pairwise = StoriesB3(key, resp), StoriesPairwise(key, resp)
	res.B3F1, res.PairwiseF1 = res.B3.F1, res.Pairwise.F1

	coref := func(story func(i int) cluster.StoryID) (StoriesCoref, int, int, int) {
		ev := cluster.NewEvents(o.Event)
		var k, r []string
		for i, d := range docs {
			for _, m := range d.mentions {
				mm := m.m
				mm.Story = story(i)
				id := ev.Add(mm)
				k = append(k, m.gold)
				r = append(r, strconv.Itoa(int(id)))
			}
		}
		return StoriesCorefScores(k, r), len(k), len(storiesGroups(k)), ev.Len()
	}
	res.Coref, res.EventMentions, res.GoldEvents, res.Events = coref(func(i int) cluster.StoryID { return storyOf[i] })
	res.CoNLLF1, res.MUCF1, res.B3EventF1, res.CEAFeF1 = res.Coref.CoNLLF1, res.Coref.MUC.F1, res.Coref.B3.F1, res.Coref.CEAFe.F1
	goldIDs := map[string]cluster.StoryID{}
	res.CorefGoldDocs, _, _, _ = coref(func(i int) cluster.StoryID {
		id, ok := goldIDs[docs[i].gold]
		if !ok {
			id = cluster.StoryID(len(goldIDs))
			goldIDs[docs[i].gold] = id
		}
		return id
	})
	res.Setup = StoriesSetup
	return res
}

// storiesNameOrder orders ECB+ names like 1_10ecb.xml by topic, number,
// then ecb before ecbplus.
func storiesNameOrder(a, b string) int {
	parse := func(s string) (int, int, string) {
		s = strings.TrimSuffix(s, ".xml")
		t, rest, _ := strings.Cut(s, "_")
		i := 0
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		tn, _ := strconv.Atoi(t)
		n, _ := strconv.Atoi(rest[:i])
		return tn, n, rest[i:]
	}
	at, an, as := parse(a)
	bt, bn, bs := parse(b)
	return cmp.Or(cmp.Compare(at, bt), cmp.Compare(an, bn), cmp.Compare(as, bs), strings.Compare(a, b))
}

// StoriesDocument builds a dateline document from the gold tokens of an
// ECB+ document: one line (sentence, paragraph block) per sentence with the
// tokens joined by spaces. A sentence that is only a URL (the source link
// the ECB+ documents carry as sentence 0) becomes Source.URL, not text. It
// returns the document and the map from t_id to token index.
func StoriesDocument(ed *ecbplus.Document) (*dateline.Document, map[int]int) {
	toks := slices.Clone(ed.Tokens)
	slices.SortStableFunc(toks, func(a, b ecbplus.Token) int {
		return cmp.Or(cmp.Compare(a.Sentence, b.Sentence), cmp.Compare(a.Number, b.Number))
	})
	doc := &dateline.Document{Source: dateline.SourceRef{Kind: "ecbplus", Path: ed.Name}}
	idx := map[int]int{}
	var b strings.Builder
	for i := 0; i < len(toks); {
		j := i
		for j < len(toks) && toks[j].Sentence == toks[i].Sentence {
			j++
		}
		if storiesIsURL(toks[i:j]) {
			var u strings.Builder
			for _, t := range toks[i:j] {
				u.WriteString(t.Text)
			}
			if doc.Source.URL == "" {
				doc.Source.URL = u.String()
			}
			i = j
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		start := b.Len()
		first := len(doc.Tokens)
		for k, t := range toks[i:j] {
			if k > 0 {
				b.WriteByte(' ')
			}
			s := int32(b.Len())
			b.WriteString(t.Text)
			idx[t.ID] = len(doc.Tokens)
			doc.Tokens = append(doc.Tokens, dateline.Token{Span: dateline.Span{Start: s, End: int32(b.Len())}, Head: -1})
		}
		sp := dateline.Span{Start: int32(start), End: int32(b.Len())}
		doc.Sentences = append(doc.Sentences, dateline.Sentence{Span: sp, Tokens: [2]int32{int32(first), int32(len(doc.Tokens))}})
		doc.Blocks = append(doc.Blocks, dateline.Block{Span: sp, Kind: dateline.BlockParagraph})
		i = j
	}
	doc.Text = b.String()
	doc.ID = dateline.NewDocID(ed.Name, doc.Text)
	return doc, idx
}

func storiesIsURL(toks []ecbplus.Token) bool {
	if len(toks) == 0 {
		return false
	}
	s := toks[0].Text
	return strings.HasPrefix(s, "http") || strings.HasPrefix(s, "www.")
}

// storiesMentions builds the event mentions of the gold action markables
// in the validated sentences, with their gold instances.
func storiesMentions(ed *ecbplus.Document, doc *dateline.Document, tokIdx map[int]int, sel ecbplus.Selected) []storiesMention {
	inst := ed.Instances()
	tid := ed.TokenIndex()
	type mk struct {
		m    *ecbplus.Markable
		sent int
		lo   int // first token index in doc
		span dateline.Span
	}
	var all []mk
	for i := range ed.Markables {
		m := &ed.Markables[i]
		if len(m.Tokens) == 0 {
			continue
		}
		lo, hi := -1, -1
		for _, t := range m.Tokens {
			k, ok := tokIdx[t]
			if !ok {
				continue
			}
			if lo < 0 || k < lo {
				lo = k
			}
			hi = max(hi, k)
		}
		if lo < 0 {
			continue
		}
		sp := dateline.Span{Start: doc.Tokens[lo].Start, End: doc.Tokens[hi].End}
		all = append(all, mk{m, ed.Tokens[tid[m.Tokens[0]]].Sentence, lo, sp})
	}
	slices.SortStableFunc(all, func(a, b mk) int { return cmp.Or(cmp.Compare(a.lo, b.lo), cmp.Compare(a.m.ID, b.m.ID)) })
	sentSpan := func(k int) dateline.Span {
		for _, s := range doc.Sentences {
			if int(s.Tokens[0]) <= k && k < int(s.Tokens[1]) {
				return s.Span
			}
		}
		return dateline.Span{}
	}
	var out []storiesMention
	for _, a := range all {
		if !a.m.IsAction() || !sel.Has(ed.Name, a.sent) {
			continue
		}
		m := cluster.EventMention{Doc: doc.ID, Index: a.m.ID, Lemma: cluster.HeadLemma(doc, a.span)}
		for _, b := range all {
			if b.sent != a.sent || b.m == a.m {
				continue
			}
			words := cluster.SpanLemmas(doc, b.span)
			switch ecbplus.Component(b.m.Type) {
			case "human", "nonhuman":
				m.Participants = append(m.Participants, words...)
			case "time":
				m.Times = append(m.Times, words...)
			case "location":
				m.Places = append(m.Places, words...)
			}
		}
		m.Context = cluster.SpanLemmas(doc, sentSpan(a.lo))
		gold, ok := inst[a.m.ID]
		if !ok {
			gold = fmt.Sprintf("SINGLETON_%s_%d", ed.Name, a.m.ID)
		}
		out = append(out, storiesMention{gold: gold, m: m})
	}
	return out
}

// StoriesLemmaPair is how often mentions with two different trigger lemmas
// (A < B) in one gold story tell one event: Coref of Pairs.
type StoriesLemmaPair struct {
	A, B   string
	Coref  int // coreferring mention pairs
	Pairs  int // mention pairs
	Topics int // topics in which some pair corefers
}

// StoriesLemmaPairs counts, over the gold stories of the split o.Split, the
// pairs of event mentions with different trigger lemmas and how many of them
// corefer, and returns those seen coreferring at least minSupport times with
// a precision of at least minPrecision, in at least two topics (a pair
// learned from one topic's events is that topic's vocabulary, not a
// synonym), sorted by lemma. Derived counts only:
// the table carries no text beyond the two lemmas.
func StoriesLemmaPairs(ctx context.Context, dir string, o StoriesOptions, minSupport int, minPrecision float64) ([]StoriesLemmaPair, error) {
	o.Shuffles = 0
	if o.Clusters == "" {
		o.Clusters = filepath.Join(filepath.Dir(filepath.Clean(dir)), "doc_story_clusters.tsv")
	}
	if o.Sentences == "" {
		o.Sentences = filepath.Join(filepath.Dir(filepath.Clean(dir)), "ECBplus_coreference_sentences.csv")
	}
	if o.Split == "" {
		o.Split = "train"
	}
	if o.Split != "dev" && o.Split != "train" && o.Split != "combined" {
		return nil, fmt.Errorf("split %q: want dev, train or combined: %w", o.Split, dateline.ErrInvalid)
	}
	if o.Warn == nil {
		o.Warn = func(string) {}
	}
	rows, _, err := storiesRead(o.Clusters, ecbplus.ReadStoryClusters)
	if err != nil {
		return nil, err
	}
	sel, _, err := storiesRead(o.Sentences, ecbplus.ReadSelected)
	if err != nil {
		return nil, err
	}
	docs, err := storiesLoad(ctx, dir, rows, sel, o.Split, o)
	if err != nil {
		return nil, err
	}
	byStory := map[string][]storiesMention{}
	topicOf := map[string]string{}
	for _, d := range docs {
		byStory[d.gold] = append(byStory[d.gold], d.mentions...)
		topicOf[d.gold] = d.topic
	}
	seen := map[[3]string]bool{}
	type key struct{ a, b string }
	counts := map[key]*StoriesLemmaPair{}
	for story, ms := range byStory {
		for i := range ms {
			for j := i + 1; j < len(ms); j++ {
				a, b := ms[i].m.Lemma, ms[j].m.Lemma
				if a == b || a == "" || b == "" {
					continue
				}
				if b < a {
					a, b = b, a
				}
				p := counts[key{a, b}]
				if p == nil {
					p = &StoriesLemmaPair{A: a, B: b}
					counts[key{a, b}] = p
				}
				p.Pairs++
				if ms[i].gold == ms[j].gold {
					p.Coref++
					if t := [3]string{a, b, topicOf[story]}; !seen[t] {
						seen[t] = true
						p.Topics++
					}
				}
			}
		}
	}
	var out []StoriesLemmaPair
	for _, p := range counts {
		if p.Coref >= minSupport && p.Topics >= 2 && float64(p.Coref) >= minPrecision*float64(p.Pairs) {
			out = append(out, *p)
		}
	}
	slices.SortFunc(out, func(x, y StoriesLemmaPair) int { return cmp.Or(strings.Compare(x.A, y.A), strings.Compare(x.B, y.B)) })
	return out, nil
}
