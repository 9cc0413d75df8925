package cluster

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dateline-news/dateline"
)

// textDoc builds a document with one paragraph block per line, no tokens.
func textDoc(id string, published time.Time, lines ...string) *dateline.Document {
	doc := &dateline.Document{ID: dateline.DocID(id), Published: published}
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		s := b.Len()
		b.WriteString(l)
		doc.Blocks = append(doc.Blocks, dateline.Block{Span: dateline.Span{Start: int32(s), End: int32(b.Len())}, Kind: dateline.BlockParagraph})
	}
	doc.Text = b.String()
	return doc
}

// withNames marks every occurrence of each name as a mention of type typ.
func withNames(doc *dateline.Document, typ string, names ...string) *dateline.Document {
	for _, n := range names {
		for off := 0; ; {
			i := strings.Index(doc.Text[off:], n)
			if i < 0 {
				break
			}
			s := off + i
			doc.Mentions = append(doc.Mentions, dateline.Mention{Span: dateline.Span{Start: int32(s), End: int32(s + len(n))}, Type: typ, Actor: -1})
			off = s + len(n)
		}
	}
	slices.SortFunc(doc.Mentions, func(a, b dateline.Mention) int { return int(a.Start - b.Start) })
	return doc
}

func TestForWords(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"Hello, world!", []string{"Hello", "world"}},
		{"the ministry’s “final” offer – rejected", []string{"the", "ministry’s", "final", "offer", "rejected"}},
		{"a 5.6-magnitude quake", []string{"a", "5", "6-magnitude", "quake"}},
		{"rock-'n'-roll' ", []string{"rock-'n'-roll"}},
		{"", nil},
		{"—", nil},
	} {
		var got []string
		forWords(c.in, func(w string) { got = append(got, w) })
		if !slices.Equal(got, c.want) {
			t.Errorf("forWords(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestStem(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"shooting", "shoot"}, {"shootings", "shoot"}, {"arrested", "arrest"}, {"arrests", "arrest"},
		{"nominations", "nomin"}, {"nominate", "nominat"}, {"quake", "quak"}, {"is", "is"}, {"fires", "fire"},
	} {
		if got := Stem(c.in); got != c.want {
			t.Errorf("Stem(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"quake", "earthquake", true}, {"shooting", "shoot", true}, {"kill", "skill", false}, {"fire", "hire", false}, {"", "x", false},
	} {
		if got := relatedLemma(c.a, Stem(c.a), c.b); got != c.want {
			t.Errorf("relatedLemma(%q, %q) = %v", c.a, c.b, got)
		}
	}
}

func TestEntityKey(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Ruritania’s", "ruritania"}, {"the  Foreign Ministry", "foreign ministry"}, {"“Acme Corp.”", "acme corp"}, {"O'Neill", "o'neill"},
	} {
		if got := entityKey(c.in); got != c.want {
			t.Errorf("entityKey(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestDocumentFeatures(t *testing.T) {
	doc := withNames(textDoc("d", time.Date(2025, 8, 15, 0, 0, 0, 0, time.UTC),
		"Ruritania’s army shelled Freedonia on Monday.",
		"It was the army’s third attack – General Anna Kovar said."),
		dateline.EntGPE, "Ruritania", "Freedonia")
	withNames(doc, dateline.EntPerson, "Anna Kovar")
	doc.Blocks = append(doc.Blocks, dateline.Block{Span: dateline.Span{Start: int32(len(doc.Text))}, Kind: dateline.BlockBoilerplate})
	doc.Events = []dateline.Event{{Code: "190"}, {Code: "190"}}
	f := DocumentFeatures(doc, FeatureConfig{})
	w := map[string]float32{}
	for _, t := range f.Terms {
		w[t.Key] = t.Weight
	}
	if w["w:army"] <= w["w:shelled"] || w["w:kovar"] <= w["w:army"] || w["e:ruritania"] != 3 || w["e:anna kovar"] != 3 {
		t.Errorf("weights: army %v shelled %v kovar %v e:ruritania %v e:anna kovar %v", w["w:army"], w["w:shelled"], w["w:kovar"], w["e:ruritania"], w["e:anna kovar"])
	}
	for _, k := range []string{"w:the", "w:said", "w:it", "w:on"} {
		if _, ok := w[k]; ok {
			t.Errorf("stop word %s kept", k)
		}
	}
	if w["v:190"] != 2 {
		t.Errorf("event code weight = %v, want 2 (counted once)", w["v:190"])
	}
	// Places weigh in the terms only; a person also by surname.
	if !slices.Equal(f.Entities, []string{"e:anna kovar", "e:kovar"}) {
		t.Errorf("entities = %q", f.Entities)
	}
	if f.Day != int32(time.Date(2025, 8, 15, 0, 0, 0, 0, time.UTC).Unix()/86400) {
		t.Errorf("day = %d", f.Day)
	}
	if !slices.IsSortedFunc(f.Terms, func(a, b Term) int { return strings.Compare(a.Key, b.Key) }) {
		t.Error("terms not sorted")
	}
	// No blocks, no tokens, no date: still words, and NoDay.
	g := DocumentFeatures(&dateline.Document{Text: "Floods swept the valley; floods again."}, FeatureConfig{})
	if g.Day != NoDay || len(g.Terms) != 3 {
		t.Errorf("bare features = %+v", g)
	}
}

// The two seminal events below are alike (two quakes, two ministers
// resigning) but different: their reports must not merge.
var storyTexts = []struct{ story, text string }{
	{"quake-a", "A magnitude 6.1 earthquake struck the Ruritanian city of Vellmar on Tuesday, collapsing a school and killing at least twelve people, the Vellmar fire service said."},
	{"quake-b", "A strong earthquake shook the coastal town of Port Arlen in Freedonia overnight, cutting power to thousands of homes; the Freedonian coast guard reported no deaths."},
	{"quake-a", "Rescuers in Vellmar searched the ruins of the collapsed school for survivors after Tuesday’s earthquake; the death toll in the Ruritanian city rose to fifteen."},
	{"resign-a", "Ruritania’s finance minister Anna Kovar resigned on Friday after auditors found irregular payments to a road contractor in Vellmar."},
	{"quake-b", "Power returned to most of Port Arlen on Wednesday after the overnight earthquake, Freedonia’s energy agency said, as engineers inspected the harbour wall."},
	{"resign-b", "Freedonia’s health minister Piet Olsen stepped down on Monday, citing exhaustion after the hospital strike, the prime minister’s office said."},
	{"resign-a", "Anna Kovar, who resigned as Ruritania’s finance minister, denied wrongdoing over the road contract payments and said the auditors were mistaken."},
	{"quake-a", "Vellmar buried its dead on Thursday as Ruritanian engineers declared the earthquake-damaged school beyond repair."},
	{"resign-b", "Piet Olsen, Freedonia’s former health minister, said the hospital strike had left him exhausted and that he would not return to politics."},
	{"quake-b", "Port Arlen’s harbour wall survived the earthquake with only small cracks, Freedonian engineers said after their inspection."},
}

func storyDocs() ([]*dateline.Document, []string) {
	var docs []*dateline.Document
	var gold []string
	for i, s := range storyTexts {
		d := textDoc(fmt.Sprintf("d%d", i), time.Time{}, s.text)
		withNames(d, dateline.EntGPE, "Ruritania", "Freedonia", "Vellmar", "Port Arlen")
		withNames(d, dateline.EntNORP, "Ruritanian", "Freedonian")
		withNames(d, dateline.EntPerson, "Anna Kovar", "Piet Olsen")
		docs = append(docs, d)
		gold = append(gold, s.story)
	}
	return docs, gold
}

func TestStoriesKeepSimilarEventsApart(t *testing.T) {
	docs, gold := storyDocs()
	run := func() []StoryID {
		s := NewStories(StoryConfig{})
		for _, d := range docs {
			s.AddDocument(d)
		}
		// The stories at the end: later reports may have moved earlier
		// ones (the resignation in Vellmar leaves the Vellmar earthquake
		// once a third quake report shows the two apart).
		var got []StoryID
		for i := range docs {
			id, _ := s.StoryOf(i)
			got = append(got, id)
		}
		return got
	}
	got := run()
	for i := range docs {
		for j := range i {
			if (gold[i] == gold[j]) != (got[i] == got[j]) {
				t.Errorf("docs %d (%s) and %d (%s): stories %d and %d", j, gold[j], i, gold[i], got[j], got[i])
			}
		}
	}
	if again := run(); !slices.Equal(got, again) {
		t.Errorf("not deterministic: %v then %v", got, again)
	}
}

func TestStoriesTime(t *testing.T) {
	// The same words a year apart are two stories when dates weigh fully.
	day := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	text := "Floods in the Vellmar valley forced thousands of Ruritanian farmers from their homes as the river burst its banks."
	a := textDoc("a", day, text)
	b := textDoc("b", day.AddDate(0, 0, 1), text+" Officials opened shelters.")
	c := textDoc("c", day.AddDate(1, 0, 0), text+" Officials opened shelters.")
	s := NewStories(StoryConfig{TimeWeight: 1})
	ra, rb, rc := s.AddDocument(a), s.AddDocument(b), s.AddDocument(c)
	if !ra.New || rb.New || rb.Story != ra.Story || !rc.New {
		t.Errorf("assignments %+v %+v %+v", ra, rb, rc)
	}
	info, ok := s.Story(ra.Story, 3)
	if !ok || info.Docs != 2 || info.Last-info.First != 1 || len(info.Terms) != 3 {
		t.Errorf("story info %+v", info)
	}
	if _, ok := s.Story(99, 3); ok {
		t.Error("story 99 exists")
	}
}

func TestStoriesEmpty(t *testing.T) {
	s := NewStories(StoryConfig{})
	a := s.Add(Features{})
	b := s.Add(Features{Terms: []Term{{Key: "w:x", Weight: 0}}})
	if !a.New || !b.New || s.Len() != 2 || s.Docs() != 2 {
		t.Errorf("empty documents: %+v %+v, %d stories", a, b, s.Len())
	}
}

func TestTopK(t *testing.T) {
	for n := range 40 {
		for k := 1; k <= n; k++ {
			xs := make([]int, n)
			for i := range xs {
				xs[i] = (i * 7919) % 31 // repeats included
			}
			want := slices.Clone(xs)
			slices.Sort(want)
			got := slices.Clone(topK(xs, k, func(a, b int) int { return a - b }))
			slices.Sort(got)
			if !slices.Equal(got, want[:k]) {
				t.Fatalf("topK(n=%d, k=%d) = %v, want %v", n, k, got, want[:k])
			}
		}
	}
}

func TestStoriesExportImport(t *testing.T) {
	docs, _ := storyDocs()
	whole := NewStories(StoryConfig{})
	var want []Assignment
	for _, d := range docs {
		want = append(want, whole.AddDocument(d))
	}
	half := NewStories(StoryConfig{})
	var got []Assignment
	for _, d := range docs[:5] {
		got = append(got, half.AddDocument(d))
	}
	state := half.Export()
	resumed, err := ImportStories(state)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs[5:] {
		got = append(got, resumed.AddDocument(d))
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("resumed run differs:\n got %v\nwant %v", got, want)
	}
	// Broken state is refused, not a panic.
	for name, breakIt := range map[string]func(*StoriesState){
		"doc story":   func(s *StoriesState) { s.Docs[0].Story = 99 },
		"doc term":    func(s *StoriesState) { s.Docs[0].Terms[0] = -1 },
		"posting":     func(s *StoriesState) { s.Postings[0] = []int32{1000} },
		"df length":   func(s *StoriesState) { s.DF = s.DF[:1] },
		"topic term":  func(s *StoriesState) { s.Topics[0].Terms[0] = 1 << 30 },
		"window":      func(s *StoriesState) { s.Topics[0].Window = []int32{-5} },
		"story topic": func(s *StoriesState) { s.Stories[0].Topic = 7 },
		"doc topic":   func(s *StoriesState) { s.Docs[0].Topic = int32(len(s.Topics)) },
		"dup term":    func(s *StoriesState) { s.Terms[1] = s.Terms[0] },
		"weights len": func(s *StoriesState) { s.Docs[1].Weights = nil },
	} {
		s := half.Export()
		breakIt(&s)
		if _, err := ImportStories(s); !errors.Is(err, dateline.ErrInvalid) {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}

// Replaying the assignments and their moves gives the clusterer's own
// final stories, in every input order.
func TestStoriesMovesReplay(t *testing.T) {
	docs, _ := storyDocs()
	for seed := range 8 {
		perm := slices.Clone(docs)
		for i := range perm {
			j := (i*7 + seed*3) % len(perm)
			perm[i], perm[j] = perm[j], perm[i]
		}
		s := NewStories(StoryConfig{})
		got := map[dateline.DocID]StoryID{}
		for _, d := range perm {
			a := s.AddDocument(d)
			for _, mv := range a.Moves {
				if mv.From == mv.To || len(mv.Docs) == 0 {
					t.Errorf("seed %d: empty move %+v", seed, mv)
				}
				for _, id := range mv.Docs {
					if got[id] != mv.From {
						t.Errorf("seed %d: %s moved from %d but was in %d", seed, id, mv.From, got[id])
					}
					got[id] = mv.To
				}
			}
			got[d.ID] = a.Story
		}
		sizes := map[StoryID]int{}
		for i, d := range perm {
			want, _ := s.StoryOf(i)
			if got[d.ID] != want {
				t.Errorf("seed %d: %s replayed to %d, clusterer says %d", seed, d.ID, got[d.ID], want)
			}
			sizes[want]++
		}
		for id, n := range sizes {
			if info, ok := s.Story(id, 2); !ok || info.Docs != n {
				t.Errorf("seed %d: story %d info %+v, want %d docs", seed, id, info, n)
			}
		}
	}
}

func TestAverageLink(t *testing.T) {
	v := func(pairs ...float64) sparse {
		var s sparse
		for i := 0; i < len(pairs); i += 2 {
			s.t = append(s.t, int32(pairs[i]))
			s.w = append(s.w, pairs[i+1])
		}
		return s
	}
	for _, c := range []struct {
		name string
		vecs []sparse
		cut  float64
		want string
	}{
		{"empty", nil, 0.5, "[]"},
		{"one", []sparse{v(1, 1)}, 0.5, "[[0]]"},
		{"two apart", []sparse{v(1, 1), v(2, 1)}, 0.5, "[[0] [1]]"},
		{"two together", []sparse{v(1, 1), v(1, 0.6, 2, 0.8)}, 0.5, "[[0 1]]"},
		// 0-2 and 1-3 are close (0.8); the pairs are linked at 0.36/4 = 0.09.
		{"two pairs", []sparse{v(1, 1), v(2, 1), v(1, 0.8, 3, 0.6), v(2, 0.8, 3, 0.6)}, 0.5, "[[0 2] [1 3]]"},
		{"two pairs, low cut", []sparse{v(1, 1), v(2, 1), v(1, 0.8, 3, 0.6), v(2, 0.8, 3, 0.6)}, 0.05, "[[0 1 2 3]]"},
	} {
		if got := fmt.Sprint(averageLink(similarities(c.vecs), c.cut)); got != c.want {
			t.Errorf("%s: averageLink = %s, want %s", c.name, got, c.want)
		}
	}
}

func TestSharedNeighbours(t *testing.T) {
	// Two groups, {0 1 2} and {3 4 5}: close within, with a bridge between
	// 2 and 3 stronger than the links inside the loose second group.
	sim := [][]float64{
		{0, .9, .8, .1, 0, 0},
		{.9, 0, .7, 0, .1, 0},
		{.8, .7, 0, .5, 0, .1},
		{.1, 0, .5, 0, .3, .3},
		{0, .1, 0, .3, 0, .4},
		{0, 0, .1, .3, .4, 0},
	}
	snn := sharedNeighbours(sim, 2, 0)
	for _, c := range []struct {
		i, j int
		want float64
	}{
		{0, 1, 1},      // N(0)={1,2}, N(1)={0,2}: 2 shared, each in the other's: 3/3
		{3, 4, 2. / 3}, // N(3)={2,4}, N(4)={3,5}: share none, each in the other's
		{2, 3, 1. / 3}, // N(2)={0,1}, N(3)={2,4}: 2 is 3's neighbour, nothing shared
		{0, 5, 0},
	} {
		if got := snn[c.i][c.j]; math.Abs(got-c.want) > 1e-9 || snn[c.j][c.i] != got {
			t.Errorf("shared(%d, %d) = %v, want %v", c.i, c.j, got, c.want)
		}
	}
	if got, want := fmt.Sprint(averageLink(snn, 0.4)), "[[0 1 2] [3 4 5]]"; got != want {
		t.Errorf("average link over shared neighbours = %s, want %s", got, want)
	}
	// The raw similarities merge the two groups before the loose one is
	// whole: its inner links (.3) are not much above the bridge's pull.
	if got := averageLink(sim, 0.08); len(got) != 1 {
		t.Errorf("raw average link = %v, want one group", got)
	}
	// With a floor of .35, 3 and 4 are no longer each other's neighbours
	// (N(3)={2}, N(4)={5}), while 4 and 5 still are.
	floored := sharedNeighbours(sim, 2, 0.35)
	if floored[3][4] != 0 || math.Abs(floored[4][5]-2./3) > 1e-9 {
		t.Errorf("floored: shared(3, 4) = %v, shared(4, 5) = %v", floored[3][4], floored[4][5])
	}
	if got := sharedNeighbours([][]float64{{0}}, 3, 0); len(got) != 1 || got[0][0] != 0 {
		t.Errorf("one item: %v", got)
	}
}

func TestLeadWeight(t *testing.T) {
	doc := textDoc("d", time.Time{}, "Floods hit Vellmar.", "Rain fell.", "Later, floods reached Port Arlen.")
	var sents []dateline.Sentence
	for _, b := range doc.Blocks {
		sents = append(sents, dateline.Sentence{Span: b.Span})
	}
	doc.Sentences = sents
	w := func(cfg FeatureConfig) map[string]float32 {
		m := map[string]float32{}
		for _, t := range DocumentFeatures(doc, cfg).Terms {
			m[t.Key] = t.Weight
		}
		return m
	}
	lead := w(FeatureConfig{LeadSentences: 1})
	if lead["w:vellmar"] <= lead["w:arlen"] {
		t.Errorf("lead word %v, later word %v", lead["w:vellmar"], lead["w:arlen"])
	}
	flat := w(FeatureConfig{LeadSentences: -1})
	if flat["w:vellmar"] != flat["w:arlen"] {
		t.Errorf("without a lead: %v, %v", flat["w:vellmar"], flat["w:arlen"])
	}
	for _, c := range []struct {
		n    int
		want int32
	}{{-1, 0}, {0, 0}, {1, sents[0].End}, {2, sents[1].End}, {9, int32(len(doc.Text))}} {
		if got := leadEnd(doc, c.n); got != c.want {
			t.Errorf("leadEnd(%d) = %d, want %d", c.n, got, c.want)
		}
	}
}
