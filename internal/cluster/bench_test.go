package cluster

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/dateline-news/dateline"
)

// Synthetic news for the scale benchmarks, from our own templates: each
// story is a kind of event with its own invented places, people,
// organisations and numbers; its reports pick and shuffle the kind's
// sentences and add filler, so reports of one story differ and stories of
// one kind share most of their words.
var benchKinds = [][]string{
	{"An earthquake of magnitude {N}.{N} struck near {P} on {D}, damaging homes and roads.", "Rescue teams from {O} searched collapsed buildings in {P} through the night.", "{X}, the mayor of {P}, said at least {N} people had died.", "Aftershocks shook {P} again as residents slept outside.", "Engineers from {O} inspected the dam above {P} for cracks."},
	{"{X} resigned as minister of finance of {P} on {D} after an audit of {O}.", "The audit found payments of {N} million to contractors linked to {X}.", "{X} denied wrongdoing and said {O} had followed the rules.", "Opposition leaders in {P} called for early elections.", "The prime minister of {P} named a successor to {X} within hours."},
	{"Workers at {O} in {P} went on strike on {D} over pay and pensions.", "The union said {N} thousand members had joined the walkout.", "{X}, who leads the union, said talks with {O} had failed.", "Trains and buses in {P} stopped running as the strike spread.", "{O} offered a raise of {N} percent, which the union rejected."},
	{"A fire broke out at a warehouse of {O} in {P} on {D}.", "More than {N} firefighters fought the blaze for hours.", "Police in {P} said the fire was being treated as suspicious.", "{X}, a spokesman for {O}, said no staff were hurt.", "Residents near the warehouse in {P} were told to keep windows shut."},
	{"{X} was arrested in {P} on {D} on suspicion of fraud at {O}.", "Prosecutors say {X} moved {N} million out of {O} accounts.", "A court in {P} will decide on bail next week.", "Lawyers for {X} said the charges were politically motivated.", "{O} suspended trading in its shares after the arrest."},
	{"{O} agreed to buy its rival for {N} billion, the companies said on {D}.", "The deal must be approved by regulators in {P}.", "{X}, chief executive of {O}, said the merger would save costs.", "Shares of {O} rose {N} percent in {P} trading.", "Unions at {O} warned of job cuts after the merger."},
	{"Floods swept through {P} on {D} after days of heavy rain.", "The river in {P} rose {N} metres above its normal level.", "{X}, the regional governor, declared a state of emergency.", "Soldiers from {O} helped evacuate villages around {P}.", "Farmers near {P} said their harvest was lost."},
	{"Leaders met in {P} on {D} for a summit on trade and security.", "{X} said the talks with {O} had been frank and useful.", "Protesters gathered outside the summit venue in {P}.", "The leaders signed a declaration on {N} points.", "{O} said a follow-up meeting would take place next year."},
}

var benchFiller = []string{
	"Officials said more details would be released later.", "The news agency could not independently confirm the reports.",
	"Local media carried pictures of the scene.", "The government has faced criticism over its handling of similar events.",
	"Analysts said the consequences could last for months.", "Witnesses described scenes of confusion.",
}

var benchSyll = []string{"ka", "lo", "mer", "vin", "ta", "ro", "sel", "dan", "bu", "ri", "gor", "ne", "fa", "ul", "tem", "is", "por", "az"}

func benchName(r *rand.Rand, parts int) string {
	var b strings.Builder
	for range parts {
		b.WriteString(benchSyll[r.IntN(len(benchSyll))])
	}
	s := b.String()
	return strings.ToUpper(s[:1]) + s[1:]
}

// benchDocs generates n reports of about n/8 stories, in arrival order,
// and the story of each.
func benchDocs(n int, seed uint64) ([]*dateline.Document, []int) {
	r := rand.New(rand.NewPCG(seed, 42))
	type story struct {
		kind       int
		place, org string
		person     string
		nums       []int
		day        time.Time
	}
	stories := make([]story, n/8+1)
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range stories {
		stories[i] = story{
			kind: r.IntN(len(benchKinds)), place: benchName(r, 3), org: benchName(r, 2) + " Group",
			person: benchName(r, 2) + " " + benchName(r, 3), nums: []int{r.IntN(90) + 2, r.IntN(9) + 1},
			day: base.AddDate(0, 0, i*len(stories)/n/4+i/50),
		}
	}
	docs := make([]*dateline.Document, n)
	gold := make([]int, n)
	for i := range docs {
		// Recent stories get the reports: a sliding window over the stories.
		lo := max(0, i/8-40)
		gold[i] = lo + r.IntN(min(len(stories), i/8+1)-lo)
		s := stories[gold[i]]
		sents := append([]string(nil), benchKinds[s.kind]...)
		r.Shuffle(len(sents), func(a, b int) { sents[a], sents[b] = sents[b], sents[a] })
		sents = sents[:3+r.IntN(3)]
		sents = append(sents, benchFiller[r.IntN(len(benchFiller))])
		var b strings.Builder
		var ments []dateline.Mention
		for _, t := range sents {
			for {
				j := strings.IndexByte(t, '{')
				if j < 0 {
					b.WriteString(t)
					break
				}
				b.WriteString(t[:j])
				var fill, typ string
				switch t[j+1] {
				case 'P':
					fill, typ = s.place, dateline.EntGPE
				case 'O':
					fill, typ = s.org, dateline.EntOrg
				case 'X':
					fill, typ = s.person, dateline.EntPerson
				case 'N':
					fill = fmt.Sprint(s.nums[r.IntN(2)])
				case 'D':
					fill = s.day.Weekday().String()
				}
				if typ != "" {
					ments = append(ments, dateline.Mention{Span: dateline.Span{Start: int32(b.Len()), End: int32(b.Len() + len(fill))}, Type: typ, Actor: -1})
				}
				b.WriteString(fill)
				t = t[j+3:]
			}
			b.WriteByte(' ')
		}
		text := b.String()
		docs[i] = &dateline.Document{
			ID: dateline.DocID(fmt.Sprint(i)), Text: text, Published: s.day.AddDate(0, 0, r.IntN(3)),
			Blocks:   []dateline.Block{{Span: dateline.Span{End: int32(len(text))}, Kind: dateline.BlockParagraph}},
			Mentions: ments,
		}
	}
	return docs, gold
}

// BenchmarkStories ingests 10k, 20k and 40k reports: the time per
// document should stay flat (within 2x), and so should the bytes kept per
// document.
func BenchmarkStories(b *testing.B) {
	for _, n := range []int{10_000, 20_000, 40_000} {
		docs, _ := benchDocs(n, 1)
		b.Run(fmt.Sprintf("docs=%dk", n/1000), func(b *testing.B) {
			var perDoc, bytesPerDoc float64
			for b.Loop() {
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				s := NewStories(StoryConfig{})
				start := time.Now()
				for _, d := range docs {
					s.AddDocument(d)
				}
				perDoc = float64(time.Since(start).Microseconds()) / float64(n)
				runtime.GC()
				runtime.ReadMemStats(&after)
				bytesPerDoc = float64(after.HeapAlloc-before.HeapAlloc) / float64(n)
				runtime.KeepAlive(s)
				b.ReportMetric(float64(s.Len()), "stories")
			}
			b.ReportMetric(perDoc, "µs/doc")
			b.ReportMetric(1e6/perDoc, "docs/s")
			b.ReportMetric(bytesPerDoc, "bytes/doc")
		})
	}
}

// BenchmarkCopies indexes 40k reports for near-duplicates.
func BenchmarkCopies(b *testing.B) {
	docs, _ := benchDocs(40_000, 2)
	for b.Loop() {
		c := NewCopies(CopyConfig{})
		start := time.Now()
		for _, d := range docs {
			c.Add(d)
		}
		b.ReportMetric(float64(len(docs))/time.Since(start).Seconds(), "docs/s")
	}
}

// b3 is B-cubed F1 of a clustering against the gold one.
func b3(gold []int, got []StoryID) float64 {
	type pair struct {
		g int
		s StoryID
	}
	inter, gs, ss := map[pair]float64{}, map[int]float64{}, map[StoryID]float64{}
	for i := range gold {
		inter[pair{gold[i], got[i]}]++
		gs[gold[i]]++
		ss[got[i]]++
	}
	var p, r float64
	for i := range gold {
		c := inter[pair{gold[i], got[i]}]
		p += c / ss[got[i]]
		r += c / gs[gold[i]]
	}
	p, r = p/float64(len(gold)), r/float64(len(gold))
	return 2 * p * r / (p + r)
}

// The synthetic stream's stories are found: reports of one kind of event
// share most of their words, so only the names, numbers and days tell
// the stories apart.
func TestStoriesSynthetic(t *testing.T) {
	n := 4000
	if testing.Short() {
		n = 1000
	}
	docs, gold := benchDocs(n, 3)
	s := NewStories(StoryConfig{})
	for _, d := range docs {
		s.AddDocument(d)
	}
	got := make([]StoryID, n)
	for i := range got {
		got[i], _ = s.StoryOf(i)
	}
	f := b3(gold, got)
	t.Logf("%d reports: B³ F1 %.4f, %d topics, %d stories", n, f, s.Topics(), s.Len())
	if f < 0.9 {
		t.Errorf("B³ F1 %.4f, want ≥ 0.9", f)
	}
}
