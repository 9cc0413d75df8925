package worker

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/timeline"
)

// memStories is an in-memory Store and StoryStore for the tests.
type memStories struct {
	docs    []*dateline.Document
	marks   map[dateline.DocID]dateline.StoryMark
	order   []dateline.DocID // marking order
	stories map[dateline.StoryID]dateline.StoryRecord
	state   []byte
	version int64
	saves   int
}

func newMem() *memStories {
	return &memStories{marks: map[dateline.DocID]dateline.StoryMark{}, stories: map[dateline.StoryID]dateline.StoryRecord{}}
}

func (m *memStories) PutDocuments(_ context.Context, docs []*dateline.Document) (dateline.PutResult, error) {
	m.docs = append(m.docs, docs...)
	return dateline.PutResult{Stored: len(docs)}, nil
}
func (m *memStories) Document(_ context.Context, id dateline.DocID) (*dateline.Document, error) {
	for _, d := range m.docs {
		if d.ID == id {
			return d, nil
		}
	}
	return nil, fmt.Errorf("%s: %w", id, dateline.ErrNotFound)
}
func (m *memStories) Documents(context.Context, dateline.DocQuery) ([]dateline.DocSummary, error) {
	return nil, nil
}
func (m *memStories) CountDocuments(context.Context) (int, error) { return len(m.docs), nil }
func (m *memStories) Close() error                                { return nil }
func (m *memStories) Unstoried(_ context.Context, limit int) ([]dateline.DocID, error) {
	var out []dateline.DocID
	for _, d := range m.docs {
		if _, ok := m.marks[d.ID]; !ok && len(out) < limit {
			out = append(out, d.ID)
		}
	}
	return out, nil
}
func (m *memStories) StoryState(context.Context) ([]byte, int64, error) {
	return m.state, m.version, nil
}
func (m *memStories) RecentSketches(_ context.Context, n int) ([]dateline.StoryMark, error) {
	var out []dateline.StoryMark
	for _, id := range m.order[max(0, len(m.order)-n):] {
		out = append(out, m.marks[id])
	}
	return out, nil
}
func (m *memStories) StoryMarks(_ context.Context, id dateline.StoryID) ([]dateline.StoryMark, error) {
	var out []dateline.StoryMark
	for _, d := range m.docs {
		if mk, ok := m.marks[d.ID]; ok && mk.Story == id {
			out = append(out, mk)
		}
	}
	return out, nil
}
func (m *memStories) SaveStories(_ context.Context, u dateline.StoryUpdate) error {
	if u.Version != m.version {
		return dateline.ErrConflict
	}
	m.version++
	m.saves++
	for _, mk := range u.Marks {
		old, ok := m.marks[mk.Doc]
		if !ok {
			m.order = append(m.order, mk.Doc)
		}
		if mk.Sketch == nil {
			mk.Sketch = old.Sketch
		}
		m.marks[mk.Doc] = mk
	}
	for _, s := range u.Stories {
		m.stories[s.ID] = s
	}
	for _, id := range u.Dropped {
		delete(m.stories, id)
	}
	if u.State != nil {
		m.state = u.State
	}
	return nil
}
func (m *memStories) Stories(context.Context, dateline.StoryQuery) ([]dateline.StorySummary, error) {
	var out []dateline.StorySummary
	for _, s := range m.stories {
		out = append(out, s.StorySummary)
	}
	return out, nil
}
func (m *memStories) CountStories(context.Context) (int, error) { return len(m.stories), nil }
func (m *memStories) Story(_ context.Context, id dateline.StoryID) (*dateline.StoryRecord, error) {
	s, ok := m.stories[id]
	if !ok {
		return nil, dateline.ErrNotFound
	}
	return &s, nil
}
func (m *memStories) StoryOf(_ context.Context, doc dateline.DocID) (dateline.StoryMark, error) {
	mk, ok := m.marks[doc]
	if !ok {
		return mk, dateline.ErrNotFound
	}
	return mk, nil
}

// Test reports of our own: two on a flood (one republished), one on an
// election.
const (
	flood = "Heavy rain flooded the river valley on Tuesday, and rescue teams in Norden evacuated four hundred residents from their homes. " +
		"The regional governor declared an emergency as the water rose above the old bridge – “the worst flood in decades”, she said. " +
		"Schools stayed closed and the railway line to the coast was cut."
	floodFollow = "Rescue teams in Norden kept evacuating residents of the flooded river valley on Wednesday as the water rose again over the old bridge, " +
		"and the governor extended the flood emergency to two more districts while the railway line stayed cut."
	election = "Voters in Sudmark elected a new parliament on Sunday; the liberal party won a narrow majority of the seats after a campaign dominated by taxes, " +
		"pensions and the price of housing, and its leader promised a cabinet within two weeks."
)

func doc(id, text string, day int) *dateline.Document {
	return &dateline.Document{ID: dateline.DocID(id), Title: strings.SplitN(text, ",", 2)[0], Text: text,
		Published: time.Date(2025, 4, day, 0, 0, 0, 0, time.UTC),
		Blocks:    []dateline.Block{{Span: dateline.Span{End: int32(len(text))}, Kind: dateline.BlockParagraph}}}
}

func TestStorytellerUpdate(t *testing.T) {
	ctx := context.Background()
	m := newMem()
	m.PutDocuments(ctx, []*dateline.Document{doc("flood", flood, 1), doc("copy", flood, 1), doc("vote", election, 2)})
	st := NewStoryteller(StorytellerConfig{Batch: 2, Now: func() time.Time { return time.Date(2025, 4, 10, 0, 0, 0, 0, time.UTC) }})
	rep, err := st.Update(ctx, m, m)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Documents != 3 || rep.Copies != 1 || m.saves != 2 {
		t.Errorf("report %+v after %d saves; want 3 documents, 1 copy, 2 batches", rep, m.saves)
	}
	if c := m.marks["copy"]; c.Original != "flood" || c.Resemblance < 0.8 || c.Story != m.marks["flood"].Story {
		t.Errorf("copy mark %+v, original %+v", c, m.marks["flood"])
	}
	if m.marks["vote"].Story == m.marks["flood"].Story {
		t.Errorf("the election joined the flood story")
	}
	rec := m.stories[m.marks["flood"].Story]
	if rec.Documents != 2 || rec.Copies != 1 || rec.Label != "Heavy rain flooded the river valley on Tuesday" {
		t.Errorf("flood story %+v", rec.StorySummary)
	}
	var v StoryView
	if err := json.Unmarshal(rec.View, &v); err != nil || len(v.Documents) != 2 {
		t.Fatalf("view: %v, %+v", err, v.Documents)
	}

	// Idempotent: nothing new, nothing written.
	saves := m.saves
	if rep, err := st.Update(ctx, m, m); err != nil || rep != (StoryReport{}) || m.saves != saves {
		t.Errorf("second update: %+v, %v, %d saves", rep, err, m.saves-saves)
	}
	// A later run, with a fresh storyteller, continues from the stored state.
	m.PutDocuments(ctx, []*dateline.Document{doc("follow", floodFollow, 2), doc("copy2", flood, 3)})
	rep, err = NewStoryteller(StorytellerConfig{}).Update(ctx, m, m)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Documents != 2 || rep.Copies != 1 || m.marks["copy2"].Original != "flood" {
		t.Errorf("later run %+v, copy2 %+v", rep, m.marks["copy2"])
	}
	if m.marks["follow"].Story != m.marks["flood"].Story {
		t.Errorf("the follow-up opened story %d, not the flood's %d", m.marks["follow"].Story, m.marks["flood"].Story)
	}
	total := 0
	for _, s := range m.stories {
		total += s.Documents
	}
	if total != 5 {
		t.Errorf("stories hold %d documents, want 5", total)
	}
}

func TestStorytellerBadState(t *testing.T) {
	m := newMem()
	m.state = []byte("{not json")
	m.PutDocuments(context.Background(), []*dateline.Document{doc("a", flood, 1)})
	if _, err := NewStoryteller(StorytellerConfig{}).Update(context.Background(), m, m); err == nil {
		t.Error("a corrupt stored state was accepted")
	}
}

func TestSketch(t *testing.T) {
	for _, sh := range [][]uint64{nil, {0}, {1, 2, 3}, {5, 1 << 40, 1<<64 - 1}} {
		got, ok := decodeSketch(encodeSketch(sh))
		if !ok || !slices.Equal(got, sh) {
			t.Errorf("round trip of %v: %v, %v", sh, got, ok)
		}
	}
	for _, b := range [][]byte{nil, {}, {2}, {1, 0x80}} {
		if _, ok := decodeSketch(b); ok {
			t.Errorf("decodeSketch(%v) accepted", b)
		}
	}
}

func FuzzDecodeSketch(f *testing.F) {
	f.Add(encodeSketch([]uint64{3, 9, 1 << 33}))
	f.Add([]byte{1, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, b []byte) {
		sh, ok := decodeSketch(b)
		if !ok {
			return
		}
		if again, ok := decodeSketch(encodeSketch(sh)); !ok || !slices.Equal(again, sh) {
			t.Fatalf("re-encoding changed %v to %v", sh, again)
		}
	})
}

func TestNetwork(t *testing.T) {
	p := func(name, code string) timeline.Participant { return timeline.Participant{Name: name, Code: code} }
	n := network([]timeline.Entry{
		{Code: "036", Reports: 2, Source: []timeline.Participant{p("Ana Ruiz", "VALGOV")}, Target: []timeline.Participant{p("Ostria", "OST")}},
		{Code: "190", Reports: 1, Source: []timeline.Participant{p("Ana Ruiz", "VALGOV")}, Target: []timeline.Participant{p("Ostria", "OST")}},
		{Code: "111", Source: []timeline.Participant{p("Ostria", "OST")}, Target: []timeline.Participant{p("Ostria", "OST"), p("Rebels", "OSTREB")}},
	})
	if len(n.Nodes) != 3 || len(n.Edges) != 2 {
		t.Fatalf("network %+v", n)
	}
	if e := n.Edges[0]; e.Source != "ana ruiz" || e.Target != "ostria" || e.Weight != 3 || e.Kind != "verbal-cooperation" {
		t.Errorf("heaviest edge %+v", e)
	}
	if e := n.Edges[1]; e.Target != "rebels" || e.Kind != "verbal-conflict" {
		t.Errorf("second edge %+v", e)
	}
	for code, want := range map[string]string{"": "other", "USAGOV": "government", "RUS": "country", "UKRMIL": "military", "SYRREB": "opposition", "IGOUNO": "organisation", "FRABUS": "organisation", "USACVL": "other"} {
		if got := actorKind(code); got != want {
			t.Errorf("actorKind(%q) = %q, want %q", code, got, want)
		}
	}
	for code, want := range map[string]string{"": "verbal-cooperation", "042": "verbal-cooperation", "071": "material-cooperation", "112": "verbal-conflict", "190": "material-conflict"} {
		if got := quadClass(code); got != want {
			t.Errorf("quadClass(%q) = %q, want %q", code, got, want)
		}
	}
}

// BenchmarkStoryteller places 1000 generated reports (variations of the
// test reports on many places and days) into stories in batches of 256,
// view rebuilds included.
func BenchmarkStoryteller(b *testing.B) {
	places := []string{"Norden", "Sudmark", "Valmora", "Ostria", "Kessel", "Brandt", "Lorn", "Ardel"}
	bases := []string{flood, floodFollow, election}
	var docs []*dateline.Document
	for i := range 1000 {
		text := strings.ReplaceAll(bases[i%3], "Norden", places[i%len(places)])
		text = strings.ReplaceAll(text, "Sudmark", places[(i/3)%len(places)])
		text += fmt.Sprintf(" Report %d.", i)
		docs = append(docs, doc(fmt.Sprintf("d%04d", i), text, 1+i%28))
	}
	for b.Loop() {
		m := newMem()
		m.PutDocuments(context.Background(), docs)
		if _, err := NewStoryteller(StorytellerConfig{}).Update(context.Background(), m, m); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*len(docs))/b.Elapsed().Seconds(), "articles/s")
}
