package cluster

import (
	"math"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/dateline-news/dateline"
)

// NoDay marks an unknown date in Features.Day.
const NoDay = math.MinInt32

// Term is a weighted feature of a document: a content lemma ("w:quake"),
// a named entity ("e:ruritania"), a resolved actor ("a:Q42") or an event
// code ("v:190").
type Term struct {
	Key    string  `json:"key"`
	Weight float32 `json:"weight"`
}

// Features is what the story clusterer knows of a document.
type Features struct {
	Doc      dateline.DocID `json:"doc"`
	Terms    []Term         `json:"terms"`    // sorted by key, unique
	Entities []string       `json:"entities"` // entity and actor keys, sorted, unique
	Day      int32          `json:"day"`      // days since 1970-01-01 of the publication (or event) date; NoDay when unknown
}

// FeatureConfig weighs the kinds of features.
type FeatureConfig struct {
	EntityBoost   float64 // weight of words inside names and of entity keys; default 3
	EventBoost    float64 // weight of event codes; default 2
	EventDates    bool    // when Published is unknown, date the document by its explicit full dates
	LeadSentences int     // the first sentences of the text (the lead: what happened, who, where); default 3
	LeadBoost     float64 // extra count of each word occurrence in the lead; default 1
}

func (c FeatureConfig) withDefaults() FeatureConfig {
	if c.EntityBoost <= 0 {
		c.EntityBoost = 3
	}
	if c.EventBoost <= 0 {
		c.EventBoost = 2
	}
	if c.LeadSentences == 0 {
		c.LeadSentences = 3
	}
	if c.LeadBoost == 0 {
		c.LeadBoost = 1
	}
	return c
}

// named reports whether a mention type names an entity (not a pronoun or
// a description).
func named(typ string) bool {
	switch typ {
	case dateline.EntPerson, dateline.EntOrg, dateline.EntGPE, dateline.EntLoc, dateline.EntNORP, dateline.EntEvent, dateline.EntMisc:
		return true
	}
	return false
}

// DocumentFeatures reduces an analysed document to its story features: the
// content lemmas of its analysed blocks (words inside names boosted), its
// entities and resolved actors, its event codes and its date. It reads
// whatever layers exist: without tokens it falls back to the words of the
// text, without tags to a stop list.
func DocumentFeatures(doc *dateline.Document, cfg FeatureConfig) Features {
	cfg = cfg.withDefaults()
	tf := map[string]float64{}  // occurrences
	tfb := map[string]float64{} // the largest boost seen
	lead := leadEnd(doc, cfg.LeadSentences)
	add := func(k string, b float64, at int32) {
		tf[k]++
		if at < lead {
			tf[k] += cfg.LeadBoost
		}
		tfb[k] = max(tfb[k], b)
	}
	ents := map[string]bool{}
	placeKeys := map[string]bool{} // entity keys of places and nationalities
	text := doc.Text
	inBlocks := analysedRanges(doc)

	// Names: which bytes are inside a named mention, and the entity keys.
	var nameSpans []dateline.Span
	for _, m := range doc.Mentions {
		if !named(m.Type) || !m.Span.Valid(len(text)) || !inBlocks(m.Span) {
			continue
		}
		nameSpans = append(nameSpans, m.Span)
		key := ""
		if m.Actor >= 0 && m.Actor < len(doc.Actors) {
			a := doc.Actors[m.Actor]
			if a.ID != "" {
				key = "a:" + string(a.ID)
			} else if a.Name != "" {
				key = "e:" + entityKey(a.Name)
			}
		}
		if key == "" {
			key = "e:" + entityKey(m.Span.In(text))
		}
		if key == "e:" {
			continue
		}
		placeKeys[key] = placeKeys[key] || m.Type == dateline.EntGPE || m.Type == dateline.EntLoc || m.Type == dateline.EntNORP
		ents[key] = true
		if m.Type == dateline.EntPerson {
			// "Reid" should meet "Tara Reid".
			if i := strings.LastIndexByte(key, ' '); i > 2 {
				ents["e:"+key[i+1:]] = true
			}
		}
	}
	slices.SortFunc(nameSpans, func(a, b dateline.Span) int { return int(a.Start - b.Start) })
	inName := func(s dateline.Span) bool {
		i, _ := slices.BinarySearchFunc(nameSpans, s.Start+1, func(n dateline.Span, x int32) int { return int(n.Start - x) })
		return i > 0 && nameSpans[i-1].Contains(s)
	}
	boost := func(s dateline.Span) float64 {
		if inName(s) {
			return cfg.EntityBoost
		}
		return 1
	}

	if len(doc.Tokens) > 0 {
		for _, t := range doc.Tokens {
			if !t.Span.Valid(len(text)) || !inBlocks(t.Span) {
				continue
			}
			w := t.Span.In(text)
			if !hasAlnum(w) {
				continue
			}
			lemma := t.Lemma
			if lemma == "" || lemma == "_" {
				lemma = w
			}
			lemma = normWord(lemma)
			if stopword(lemma) || (t.UPOS != "" && !contentTag(t.UPOS) && !inName(t.Span)) || len(lemma) < 2 {
				continue
			}
			add("w:"+lemma, boost(t.Span), t.Start)
		}
	} else {
		for _, b := range blocksOrAll(doc) {
			off := int(b.Start)
			forWordsAt(b.Span.In(text), func(w string, at int) {
				lw := strings.TrimSuffix(normWord(w), "'s")
				if !stopword(lw) && len(lw) >= 2 {
					s := dateline.Span{Start: int32(off + at), End: int32(off + at + len(w))}
					add("w:"+lw, boost(s), s.Start)
				}
			})
		}
	}
	for k, v := range tf {
		tf[k] = (1 + math.Log(v)) * tfb[k] // sublinear: repetition counts, but not linearly
	}
	for k := range ents {
		tf[k] += cfg.EntityBoost
	}
	codes := map[string]bool{}
	for _, e := range doc.Events {
		if e.Code != "" && !codes[e.Code] {
			codes[e.Code] = true
			tf["v:"+e.Code] += cfg.EventBoost
		}
	}

	f := Features{Doc: doc.ID, Day: NoDay}
	f.Terms = make([]Term, 0, len(tf))
	for k, v := range tf {
		f.Terms = append(f.Terms, Term{Key: k, Weight: float32(v)})
	}
	slices.SortFunc(f.Terms, func(a, b Term) int { return strings.Compare(a.Key, b.Key) })
	for k := range ents {
		// Places and nationalities are shared by unrelated stories from
		// one country: they weigh in the terms, not in the entity overlap.
		if !placeKeys[k] {
			f.Entities = append(f.Entities, k)
		}
	}
	slices.Sort(f.Entities)
	switch {
	case !doc.Published.IsZero():
		f.Day = dayOf(doc.Published)
	case cfg.EventDates:
		f.Day = explicitDay(doc)
	}
	return f
}

func dayOf(t time.Time) int32 {
	return int32(t.UTC().Unix() / 86400)
}

// explicitDay is the median of the document's full-date time expressions
// (YYYY-MM-DD), or NoDay.
func explicitDay(doc *dateline.Document) int32 {
	var days []int32
	for _, t := range doc.Times {
		if t.Type != dateline.TimeDate || len(t.Value) != 10 {
			continue
		}
		d, err := time.Parse("2006-01-02", t.Value)
		if err != nil || d.Year() < 1900 {
			continue
		}
		days = append(days, dayOf(d))
	}
	if len(days) == 0 {
		return NoDay
	}
	slices.Sort(days)
	return days[len(days)/2]
}

// entityKey normalises a name: lower case, possessive dropped, spaces
// collapsed, typographic apostrophes folded.
func entityKey(s string) string {
	s = normWord(strings.Join(strings.Fields(s), " "))
	s = strings.TrimSuffix(s, "'s")
	s = strings.TrimPrefix(s, "the ")
	return strings.Trim(s, ` .,;:"'“”`)
}

func hasAlnum(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// analysedRanges returns a test for spans inside the analysed blocks (all
// spans when the document has no blocks).
func analysedRanges(doc *dateline.Document) func(dateline.Span) bool {
	if len(doc.Blocks) == 0 {
		return func(dateline.Span) bool { return true }
	}
	blocks := doc.AnalysedBlocks()
	return func(s dateline.Span) bool {
		i, _ := slices.BinarySearchFunc(blocks, s.Start+1, func(b dateline.Block, x int32) int { return int(b.Start - x) })
		return i > 0 && blocks[i-1].Span.Contains(s)
	}
}

func blocksOrAll(doc *dateline.Document) []dateline.Block {
	if len(doc.Blocks) == 0 {
		return []dateline.Block{{Span: dateline.Span{End: int32(len(doc.Text))}, Kind: dateline.BlockParagraph}}
	}
	return doc.AnalysedBlocks()
}

// forWordsAt is forWords with the byte offset of each word in s.
func forWordsAt(s string, f func(w string, at int)) {
	base := 0
	forWords(s, func(w string) {
		i := strings.Index(s[base:], w)
		if i < 0 {
			return
		}
		f(w, base+i)
		base += i + len(w)
	})
}

// leadEnd is the byte offset where the lead of the document ends: the end
// of its n-th analysed sentence (without sentences, of its first 400 bytes
// of analysed text); 0 when n < 0.
func leadEnd(doc *dateline.Document, n int) int32 {
	if n <= 0 {
		return 0
	}
	inBlocks := analysedRanges(doc)
	if len(doc.Sentences) > 0 {
		k := 0
		for _, s := range doc.Sentences {
			if !s.Span.Valid(len(doc.Text)) || !inBlocks(s.Span) {
				continue
			}
			if k++; k == n {
				return s.End
			}
		}
		return int32(len(doc.Text))
	}
	for _, b := range blocksOrAll(doc) {
		if b.End-b.Start > 0 {
			return min(b.Start+400, int32(len(doc.Text)))
		}
	}
	return 0
}
