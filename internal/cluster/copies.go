package cluster

import (
	"math/bits"

	"github.com/dateline-news/dateline"
)

// CopyConfig sets up near-duplicate detection.
type CopyConfig struct {
	Shingle   int     // words per shingle; default 5
	Bands     int     // LSH bands; default 16
	Rows      int     // MinHash values per band; default 8 (Bands*Rows hashes in all)
	Threshold float64 // estimated resemblance at or above which a document is a copy; default 0.8
	MinWords  int     // documents with fewer words are never matched; default 20
}

func (c CopyConfig) withDefaults() CopyConfig {
	if c.Shingle <= 0 {
		c.Shingle = 5
	}
	if c.Bands <= 0 {
		c.Bands = 16
	}
	if c.Rows <= 0 {
		c.Rows = 8
	}
	if c.Threshold <= 0 {
		c.Threshold = 0.8
	}
	if c.MinWords <= 0 {
		c.MinWords = 20
	}
	return c
}

// CopyResult says whether an added document copies an earlier one.
type CopyResult struct {
	Copy        bool           `json:"copy"`
	Original    dateline.DocID `json:"original,omitempty"`    // the first document of its copy group
	Resemblance float64        `json:"resemblance,omitempty"` // estimated Jaccard of word shingles with the best match
}

// Copies finds republished copies of earlier documents: MinHash signatures
// of word shingles over the analysed blocks (so that different boilerplate
// does not matter), indexed with LSH banding so that each document is
// compared only with the few that share a band. With 16 bands of 8 rows a
// pair at resemblance 0.8 is a candidate with probability 0.9996, one at
// 0.5 with 0.06.
//
// Copies is not safe for concurrent use; it keeps one signature (4 bytes per
// hash) and one band entry per band for each document.
type Copies struct {
	cfg      CopyConfig
	seeds    []uint64
	ids      []dateline.DocID
	original []int32 // index of the group's original, per document
	sigs     []uint32
	bands    []map[uint64][]int32
}

// NewCopies returns an empty near-duplicate index.
func NewCopies(cfg CopyConfig) *Copies {
	cfg = cfg.withDefaults()
	c := &Copies{cfg: cfg, seeds: make([]uint64, cfg.Bands*cfg.Rows), bands: make([]map[uint64][]int32, cfg.Bands)}
	s := uint64(0x9e3779b97f4a7c15)
	for i := range c.seeds {
		s = splitmix(s)
		c.seeds[i] = s | 1
	}
	for i := range c.bands {
		c.bands[i] = map[uint64][]int32{}
	}
	return c
}

// Len is the number of documents indexed.
func (c *Copies) Len() int { return len(c.ids) }

// Add indexes doc and reports whether it copies a document added before.
func (c *Copies) Add(doc *dateline.Document) CopyResult {
	return c.AddShingles(doc.ID, Shingles(doc, c.cfg.Shingle))
}

// Signature computes the MinHash signature of a set of shingle hashes; it
// returns nil for an empty set.
func (c *Copies) Signature(shingles []uint64) []uint32 {
	if len(shingles) == 0 {
		return nil
	}
	sig := make([]uint32, len(c.seeds))
	for i := range sig {
		sig[i] = ^uint32(0)
	}
	for _, h := range shingles {
		for i, a := range c.seeds {
			v := uint32((h * a) >> 32)
			if v < sig[i] {
				sig[i] = v
			}
		}
	}
	return sig
}

// AddShingles is Add for a document already reduced to shingle hashes (see
// Shingles).
func (c *Copies) AddShingles(id dateline.DocID, shingles []uint64) CopyResult {
	n := int32(len(c.ids))
	c.ids = append(c.ids, id)
	c.original = append(c.original, n)
	k := len(c.seeds)
	if len(shingles) == 0 || len(shingles)+c.cfg.Shingle-1 < c.cfg.MinWords {
		c.sigs = append(c.sigs, make([]uint32, k)...) // never matched: not in the bands
		return CopyResult{}
	}
	sig := c.Signature(shingles)
	c.sigs = append(c.sigs, sig...)
	best, bestSim := int32(-1), 0.0
	seen := map[int32]bool{}
	keys := make([]uint64, c.cfg.Bands)
	for b := range c.cfg.Bands {
		keys[b] = bandKey(sig[b*c.cfg.Rows : (b+1)*c.cfg.Rows])
		for _, j := range c.bands[b][keys[b]] {
			if seen[j] {
				continue
			}
			seen[j] = true
			sim := c.resemblance(sig, j)
			if sim > bestSim || (sim == bestSim && best >= 0 && c.original[j] < c.original[best]) {
				best, bestSim = j, sim
			}
		}
	}
	for b, key := range keys {
		c.bands[b][key] = append(c.bands[b][key], n)
	}
	if best >= 0 && bestSim >= c.cfg.Threshold {
		c.original[n] = c.original[best]
		return CopyResult{Copy: true, Original: c.ids[c.original[best]], Resemblance: bestSim}
	}
	return CopyResult{Resemblance: bestSim}
}

func (c *Copies) resemblance(sig []uint32, j int32) float64 {
	k := len(c.seeds)
	other := c.sigs[int(j)*k : int(j+1)*k]
	eq := 0
	for i, v := range sig {
		if other[i] == v {
			eq++
		}
	}
	return float64(eq) / float64(k)
}

func bandKey(rows []uint32) uint64 {
	h := uint64(14695981039346656037)
	for _, r := range rows {
		h ^= uint64(r)
		h *= 1099511628211
		h = bits.RotateLeft64(h, 17)
	}
	return h
}

func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// Shingles hashes the overlapping k-word shingles of the document's
// analysed text (its analysed blocks, or all of it when there are no
// blocks), with words lower-cased and punctuation dropped. The result is
// sorted and without repeats.
func Shingles(doc *dateline.Document, k int) []uint64 {
	if k <= 0 {
		k = 5
	}
	var words []uint64
	each := func(s string) {
		forWords(s, func(w string) { words = append(words, hashWord(w)) })
	}
	if len(doc.Blocks) == 0 {
		each(doc.Text)
	} else {
		for _, b := range doc.Blocks {
			if b.Kind.Analysed() {
				each(b.Span.In(doc.Text))
			}
		}
	}
	if len(words) == 0 {
		return nil
	}
	if len(words) < k {
		k = len(words)
	}
	out := make([]uint64, 0, len(words)-k+1)
	for i := 0; i+k <= len(words); i++ {
		h := uint64(0)
		for _, w := range words[i : i+k] {
			h = splitmix(h ^ w)
		}
		out = append(out, h)
	}
	return sortUnique(out)
}
